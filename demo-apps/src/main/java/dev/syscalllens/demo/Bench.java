package dev.syscalllens.demo;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * The workloads of docs/benchmark.py. Each runs its operation for a warm-up time in this JVM
 * (class loading, JIT), then for a measured time, and prints one line, {@code ops/s N}, for the
 * measured phase only. Time-bound rather than count-bound, so that a configuration 30x slower
 * than another costs the harness the same time. Arguments: {@code [SECONDS [WARMUP_SECONDS]]}
 * (default 3 and 2).
 */
final class Bench {
    /** Operations between two looks at the clock: the clock costs nothing next to them. */
    private static final int BATCH = 16;
    /** The 4 KiB workloads wrap around in a file of this size, so the disk never fills. */
    private static final long FILE_SIZE = 16L << 20;
    /** Keeps the CPU loop's result alive, so the JIT cannot drop the loop. */
    static volatile long sink;

    interface Op {
        void run() throws Exception;
    }

    private Bench() {
    }

    /** open, write 12 bytes, close: three syscalls per operation. */
    static void openWriteClose(String[] args) throws Exception {
        Path file = dir().resolve("owc.txt");
        ByteBuffer hello = ByteBuffer.wrap("hello world\n".getBytes());
        measure(args, () -> {
            try (FileChannel ch = FileChannel.open(file, CREATE, WRITE)) {
                ch.write(hello.rewind());
            }
        });
    }

    /** 4 KiB FileChannel.write to one file, back to its start every FILE_SIZE bytes. */
    static void write4k(String[] args) throws Exception {
        try (FileChannel ch = FileChannel.open(dir().resolve("w4k.bin"), CREATE, WRITE)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(4096);
            measure(args, () -> {
                if (ch.position() >= FILE_SIZE) {
                    ch.position(0);
                }
                ch.write(buf.clear());
            });
        }
    }

    /** 4 KiB FileChannel.read of a FILE_SIZE file written first (so in the page cache), round and round. */
    static void read4k(String[] args) throws Exception {
        Path file = dir().resolve("r4k.bin");
        try (FileChannel ch = FileChannel.open(file, CREATE, WRITE, READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            for (long n = 0; n < FILE_SIZE; n += buf.capacity()) {
                ch.write(buf.clear());
            }
            ByteBuffer block = ByteBuffer.allocateDirect(4096);
            ch.position(0);
            measure(args, () -> {
                if (ch.read(block.clear()) < 0) {
                    ch.position(0);
                }
            });
        }
    }

    /** 64 bytes to an echo thread over loopback TCP and 64 back: one operation is one round trip. */
    static void tcpPingPong(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            Thread echo = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setTcpNoDelay(true);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] b = new byte[64];
                    while (in.readNBytes(b, 0, 64) == 64) {
                        out.write(b);
                    }
                } catch (Exception e) {
                    // the client went away: the run is over
                }
            }, "echo");
            echo.setDaemon(true);
            echo.start();
            client.setTcpNoDelay(true);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] ping = new byte[64];
            byte[] pong = new byte[64];
            measure(args, () -> {
                out.write(ping);
                if (in.readNBytes(pong, 0, 64) != 64) {
                    throw new IllegalStateException("echo closed");
                }
            });
        }
    }

    /** No I/O at all: xorshift over 256 longs, the cost of tracing a thread that never enters the kernel. */
    static void cpu(String[] args) throws Exception {
        long[] state = {88172645463325252L};
        measure(args, () -> {
            long x = state[0];
            for (int i = 0; i < 256; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            state[0] = x;
        });
        sink = state[0];
    }

    /** Start-up: the harness times the whole process. */
    static void hello(String[] args) {
        System.out.println("hello world");
    }

    private static Path dir() throws Exception {
        Path dir = Files.createTempDirectory("syscall-lens-bench");
        dir.toFile().deleteOnExit();
        return dir;
    }

    private static void measure(String[] args, Op op) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        double warmUp = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        loop(op, warmUp);
        long[] done = loop(op, seconds);
        System.out.printf(Locale.ROOT, "ops/s %.1f%n", done[0] * 1e9 / done[1]);
    }

    /** Runs op for about {@code seconds}; returns {operations, nanoseconds}. */
    private static long[] loop(Op op, double seconds) throws Exception {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long ops = 0;
        long now;
        do {
            for (int i = 0; i < BATCH; i++) {
                op.run();
            }
            ops += BATCH;
            now = System.nanoTime();
        } while (now < end);
        return new long[] {ops, now - start};
    }
}
