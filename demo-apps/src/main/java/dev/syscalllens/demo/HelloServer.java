package dev.syscalllens.demo;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The second example: a TCP server on 127.0.0.1:PORT that accepts one connection, reads what the
 * client sends (up to 8 bytes) and closes (socket, bind, listen, accept, read, close).
 */
final class HelloServer {
    private HelloServer() {
    }

    static void run(String[] args) throws Exception {
        int port = Main.port(args);
        if (Markers.ON) {
            warmUp();
        }
        ServerSocket server = new ServerSocket();

        Markers.begin("ServerSocket.bind");
        server.bind(new InetSocketAddress("127.0.0.1", port));
        Markers.end("ServerSocket.bind");
        System.out.println("listening on 127.0.0.1:" + port);
        System.out.flush();

        Markers.begin("ServerSocket.accept");
        Socket client = server.accept();
        Markers.end("ServerSocket.accept");

        InputStream in = client.getInputStream();
        byte[] buf = new byte[8];
        Markers.begin("SocketInputStream.read");
        int n = in.read(buf, 0, buf.length);
        Markers.end("SocketInputStream.read");
        System.out.print("received: " + new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII));
        System.out.flush();

        Markers.begin("Socket.close");
        client.close();
        Markers.end("Socket.close");

        Markers.begin("ServerSocket.close");
        server.close();
        Markers.end("ServerSocket.close");
    }

    /** Both ends of one connection on an ephemeral port: loads every class the run uses. */
    private static void warmUp() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            try (Socket out = new Socket()) {
                out.connect(server.getLocalSocketAddress());
                out.getOutputStream().write('w');
                try (Socket in = server.accept()) {
                    in.getInputStream().read(new byte[8], 0, 8);
                }
            }
        }
    }
}
