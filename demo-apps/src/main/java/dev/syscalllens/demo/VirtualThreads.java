package dev.syscalllens.demo;

import java.io.IOException;
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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import static dev.syscalllens.demo.Markers.call;

/**
 * JDK 21+: file and socket calls on a virtual thread. The accept and the read block, so the
 * virtual thread parks (leaves its carrier) inside them and comes back when the platform thread
 * (main) connects and writes. Then a Files.copy from the socket to a file parks inside the calls
 * nested in it: it reads through {@link MarkedReads}, so that each of its socket reads is a marked
 * call of its own inside the marked copy. Run with one carrier for a deterministic trace:
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
        // The copy replaces its target: always absent before, so both runs of a test do the same.
        Path copy = file.resolveSibling("copy-of-" + file.getFileName());
        Files.deleteIfExists(copy);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread vt = startVirtual(() -> {
                try {
                    inVirtualThread(file, copy, server);
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
                // The copy's reads park: for these bytes, then for the end of the stream.
                Thread.sleep(200);
                out.write("again\n".getBytes(StandardCharsets.US_ASCII));
                Thread.sleep(200);
                s.shutdownOutput();
                vt.join();
            }
        }
    }

    private static void inVirtualThread(Path file, Path copy, ServerSocket server) throws Exception {
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
        call("Files.copy", () -> Files.copy(new MarkedReads(in), copy, StandardCopyOption.REPLACE_EXISTING));
        call("Socket.close", () -> {
            accepted.close();
            return null;
        });
    }

    /** A stream whose every read is a marked SocketInputStream.read of the socket's stream. */
    private static final class MarkedReads extends InputStream {
        private final InputStream socket;

        MarkedReads(InputStream socket) {
            this.socket = socket;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return call("SocketInputStream.read", () -> socket.read(b, off, len));
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** Thread.ofVirtual().start(task), through reflection: demo-apps compiles for Java 17. */
    private static Thread startVirtual(Runnable task) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                .invoke(builder, task);
    }
}
