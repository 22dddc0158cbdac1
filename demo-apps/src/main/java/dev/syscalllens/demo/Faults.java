package dev.syscalllens.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault matrix's application: each mode does some I/O and then something that a tracer must
 * not disturb (an exit of some kind, signals the JVM handles itself, child processes, a storm of
 * short-lived threads). Its output is the same with and without the agent; the tests compare.
 */
final class Faults {
    private Faults() {
    }

    static void run(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/syscall-lens/faults");
        Files.createDirectories(dir);
        switch (mode) {
            case "exit" -> {
                hook();
                write(dir.resolve("exit.txt"), "exit\n");
                System.exit(3);
            }
            case "throw" -> {
                hook();
                write(dir.resolve("throw.txt"), "throw\n");
                throw new IllegalStateException("an uncaught exception, on purpose");
            }
            case "wait" -> {
                hook();
                write(dir.resolve("wait.txt"), "wait\n");
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(60_000);
                System.out.println("not signalled");
            }
            case "signals" -> signals(dir);
            case "children" -> children();
            case "threads" -> threads(dir, args.length > 2 ? Integer.parseInt(args[2]) : 1000);
            case "load" -> load(dir, args.length > 2 ? Integer.parseInt(args[2]) : 60);
            case "storm" -> storm(dir, args.length > 2 ? Integer.parseInt(args[2]) : 10);
            default -> {
                System.err.println("faults MODE [DIR]: exit, throw, wait, signals, children, threads [DIR [N]],"
                        + " load [DIR [SECONDS]], storm [DIR [SECONDS]]");
                System.exit(2);
            }
        }
    }

    private static void hook() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
    }

    private static void write(Path file, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    /**
     * Null dereferences the JIT turns into SIGSEGVs the JVM handles itself; the test adds a thread
     * dump (SIGQUIT) and a JFR recording while they run.
     */
    private static void signals(Path dir) throws Exception {
        System.out.println("ready");
        System.out.flush();
        long caught = 0;
        long until = System.nanoTime() + 3_000_000_000L;
        Object nothing = null;
        for (int round = 0; System.nanoTime() < until; round++) {
            for (int i = 0; i < 10_000; i++) {
                try {
                    caught += nothing.hashCode();
                } catch (NullPointerException e) {
                    caught++;
                }
            }
            if (round % 50 == 0) {
                write(dir.resolve("signals.txt"), "round " + round + "\n");
            }
        }
        System.out.println("null dereferences caught: " + (caught > 0 ? "many" : "none"));
        System.out.println("file says: " + Files.readString(dir.resolve("signals.txt")).startsWith("round "));
    }

    private static void children() throws Exception {
        Process t = new ProcessBuilder("/bin/true").start();
        System.out.println("/bin/true exited " + t.waitFor());
        Process sh = new ProcessBuilder("/bin/sh", "-c", "echo hello from a pipeline | tr a-z A-Z").start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        System.out.println("sh exited " + sh.waitFor() + ": " + out.strip());
    }

    /** n short-lived threads, 50 at a time, each writing its own file (storm-N.txt) once. */
    private static void threads(Path dir, int n) throws Exception {
        List<Thread> batch = new ArrayList<>();
        int written = 0;
        for (int i = 0; i < n; i++) {
            Path file = dir.resolve("storm-" + i + ".txt");
            String text = "thread " + i + "\n";
            Thread t = new Thread(() -> {
                try {
                    write(file, text);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "storm-" + i);
            t.start();
            batch.add(t);
            if (batch.size() == 50) {
                for (Thread b : batch) {
                    b.join();
                }
                batch.clear();
            }
        }
        for (Thread b : batch) {
            b.join();
        }
        for (int i = 0; i < n; i++) {
            if (Files.readString(dir.resolve("storm-" + i + ".txt")).equals("thread " + i + "\n")) {
                written++;
            }
        }
        System.out.println("threads: " + written + " of " + n + " wrote their file");
    }

    /** Steady I/O for a while: 4 KiB writes, a re-read now and then, short pauses. */
    private static void load(Path dir, int seconds) throws Exception {
        Path file = dir.resolve("load.bin");
        ByteBuffer block = ByteBuffer.allocate(4096);
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        long rounds = 0;
        System.out.println("loading for " + seconds + " s");
        System.out.flush();
        while (System.nanoTime() < until) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (int i = 0; i < 256; i++) {
                    ch.write(block.rewind());
                }
            }
            if (Files.readAllBytes(file).length != 256 * 4096) {
                throw new IllegalStateException("short file");
            }
            rounds++;
            Thread.sleep(2);
        }
        System.out.println("load done: " + (rounds > 0 ? "rounds ran" : "no round"));
    }

    /**
     * Short-lived threads, 20 at a time, each writing its own file, for a while: an agent can be
     * attached to it while threads come and go.
     */
    private static void storm(Path dir, int seconds) throws Exception {
        System.out.println("storming for " + seconds + " s");
        System.out.flush();
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        int started = 0;
        int bad = 0;
        while (System.nanoTime() < until) {
            List<Thread> batch = new ArrayList<>();
            int first = started;
            for (int i = 0; i < 20; i++, started++) {
                Path file = dir.resolve("storm-" + started + ".txt");
                String text = "storm " + started + "\n";
                Thread t = new Thread(() -> {
                    try {
                        write(file, text);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, "storm-" + started);
                t.start();
                batch.add(t);
            }
            for (Thread t : batch) {
                t.join();
            }
            for (int i = first; i < started; i++) {
                if (!Files.readString(dir.resolve("storm-" + i + ".txt")).equals("storm " + i + "\n")) {
                    bad++;
                }
            }
        }
        System.out.println("storm done: " + (bad == 0 ? "every thread wrote its file" : bad + " files wrong"));
    }
}
