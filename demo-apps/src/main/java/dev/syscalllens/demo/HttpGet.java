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
import java.util.Arrays;

/**
 * Two HttpClient GETs (HTTP/1.1) of a 16 KiB body from a server in this process
 * (com.sun.net.httpserver, loopback, a free port), one client: side {@code first-get} opens the
 * connection, side {@code second-get} reuses it from the client's pool. HttpClient.send runs on
 * the side's thread; the client's own threads (its SelectorManager, its workers) do most of the
 * socket I/O, in spans linked to the send they served.
 */
final class HttpGet {
    static final int BODY = 16 * 1024;

    private HttpGet() {
    }

    static void run(String[] args) throws Exception {
        byte[] body = new byte[BODY];
        Arrays.fill(body, (byte) 'x');
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/body", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/body");
            // The warm-up's client is another one: the measured first GET opens a connection of its own.
            Sides.run(Sides.WARM_UP, () -> get(newClient(), uri));
            HttpClient client = newClient();
            int[] got = new int[2];
            Sides.run("first-get", () -> got[0] = get(client, uri));
            Sides.run("second-get", () -> got[1] = get(client, uri));
            System.out.println("http-get: two HttpClient GETs of " + uri.getPath() + " (" + got[0] + " and " + got[1]
                    + " bytes) on one client, from a server in this process; the second reuses the first's connection");
        } finally {
            server.stop(0);
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static int get(HttpClient client, URI uri) throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + uri + ": " + r.statusCode());
        }
        return r.body().length;
    }
}
