package dev.syscalllens.demo;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Connects to 127.0.0.1:PORT, sends "hello\n" and closes; the peer of hello-server. */
final class HelloClient {
    private HelloClient() {
    }

    static void run(String[] args) throws Exception {
        int port = Main.port(args);
        if (Markers.ON) {
            warmUp();
        }
        Socket socket = new Socket();

        Markers.begin("Socket.connect");
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        Markers.end("Socket.connect");

        OutputStream out = socket.getOutputStream();
        Markers.begin("SocketOutputStream.write");
        out.write("hello\n".getBytes(StandardCharsets.US_ASCII));
        Markers.end("SocketOutputStream.write");

        Markers.begin("Socket.close");
        socket.close();
        Markers.end("Socket.close");
    }

    /** Both ends of one connection on an ephemeral port: loads every class the run uses. */
    private static void warmUp() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            try (Socket out = new Socket()) {
                out.connect(server.getLocalSocketAddress());
                out.getOutputStream().write("w".getBytes(StandardCharsets.US_ASCII));
                try (Socket in = server.accept()) {
                    in.getInputStream().read(new byte[8], 0, 8);
                }
            }
        }
    }
}
