package dev.syscalllens.demo;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static dev.syscalllens.demo.Markers.call;

/**
 * JDK 21+: file and socket calls on a virtual thread. The accept and the read block, so the
 * virtual thread parks (leaves its carrier) inside them and comes back when the platform thread
 * (main) connects and writes. Run with one carrier for a deterministic trace:
 * {@code -Djdk.virtualThreadScheduler.parallelism=1}.
 */
final class VirtualThreads {
    private VirtualThreads() {
    }

    static void run(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/syscall-lens/virtual-threads");
        Files.createDirectories(dir);
        if (Markers.ON) {
            Markers.paused = true;
            tour(dir.resolve("warm-up.txt"));
            Markers.paused = false;
        }
        tour(dir.resolve("hello.txt"));
        System.out.println("virtual threads done");
    }

    private static void tour(Path file) throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread vt = startVirtual(() -> {
                try {
                    inVirtualThread(file, server);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            // Let the virtual thread park in accept, then in read.
            Thread.sleep(200);
            try (Socket s = new Socket()) {
                s.connect(server.getLocalSocketAddress());
                OutputStream out = s.getOutputStream();
                Thread.sleep(200);
                out.write("hello\n".getBytes(StandardCharsets.US_ASCII));
                vt.join();
            }
        }
    }

    private static void inVirtualThread(Path file, ServerSocket server) throws Exception {
        FileChannel ch = call("FileChannel.open", () -> FileChannel.open(file,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
        call("FileChannel.write", () -> ch.write(ByteBuffer.wrap("hello world\n".getBytes(StandardCharsets.US_ASCII))));
        call("FileChannel.close", () -> {
            ch.close();
            return null;
        });
        Socket accepted = call("ServerSocket.accept", server::accept);
        InputStream in = accepted.getInputStream();
        call("SocketInputStream.read", () -> in.read(new byte[8], 0, 8));
        call("Socket.close", () -> {
            accepted.close();
            return null;
        });
    }

    /** Thread.ofVirtual().start(task), through reflection: demo-apps compiles for Java 17. */
    private static Thread startVirtual(Runnable task) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                .invoke(builder, task);
    }
}
