package dev.syscalllens.demo;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * io-tour's HttpClient part: two GETs, one after the other, on one client against a server in
 * this process (loopback, a free port). The second reuses the first's connection from the
 * client's pool. The server and the client are made before the tour's marked section, so that
 * their own start-up calls are not part of what the tour compares.
 */
final class WebTour implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client;
    private final URI uri;

    WebTour() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", exchange -> {
            byte[] body = "hello world\n".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hello");
    }

    void tour() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(uri).build();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = client.send(get, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + uri + ": " + r.statusCode());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
