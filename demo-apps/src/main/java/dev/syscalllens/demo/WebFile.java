package dev.syscalllens.demo;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * An HTTP server (the JDK's com.sun.net.httpserver) on 127.0.0.1:PORT that answers each GET with
 * the contents of a file it reads for that request (FileChannel: open, read, close), and stops
 * after COUNT requests. Run it under the OpenTelemetry Java agent too, and each request is one
 * trace: the agent's server span holds syscall-lens's FileChannel and socket spans.
 */
final class WebFile {
    private WebFile() {
    }

    static void run(String[] args) throws Exception {
        int port = Main.port(args);
        Path file = Path.of(args.length > 1 ? args[1] : "/tmp/syscall-lens/web-file.txt");
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "hello world\n");

        CountDownLatch served = new CountDownLatch(count);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            try {
                byte[] body;
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    ByteBuffer buf = ByteBuffer.allocate((int) ch.size());
                    while (buf.hasRemaining() && ch.read(buf) >= 0) {
                        // read until full or end of file
                    }
                    body = buf.array();
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } finally {
                served.countDown();
            }
        });
        server.start();
        System.out.println("listening on 127.0.0.1:" + server.getAddress().getPort());
        System.out.flush();
        served.await();
        server.stop(0);
        System.out.println("served " + count + " request" + (count == 1 ? "" : "s") + " from " + file);
    }
}
