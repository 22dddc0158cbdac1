package dev.syscalllens.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The comparison demos run each side on a platform thread of its own, named after the side
 * ({@code unbuffered}, {@code buffered}, ...): every span carries {@code thread.name}, the console
 * tree prints it after the call ({@code [buffered]}), and docs/generate-demo-pages.sh and DemosIT
 * group the spans by it. Before the sides, a demo runs them once on threads named
 * {@code warm-up}: the first use of a JDK class loads it, with syscalls of its own (a pread64 of
 * the JDK's modules file inside the first write), which would blur the comparison.
 */
final class Sides {
    static final String WARM_UP = "warm-up";
    /**
     * Every side's Thread, kept reachable to the end: the agent names a call's thread when it
     * builds the span, a moment after the call, through a weak reference; once a finished thread
     * is collected, its calls are named {@code tid N} instead.
     */
    private static final List<Thread> STARTED = new CopyOnWriteArrayList<>();

    interface Body {
        void run() throws Exception;
    }

    /** A side running on its own thread. */
    static final class Running {
        private final Thread thread;
        private final AtomicReference<Throwable> failed;

        private Running(Thread thread, AtomicReference<Throwable> failed) {
            this.thread = thread;
            this.failed = failed;
        }

        /** Waits for the side to end and rethrows what it threw. */
        void join() throws Exception {
            thread.join();
            Throwable t = failed.get();
            if (t instanceof Exception e) {
                throw e;
            } else if (t instanceof Error e) {
                throw e;
            }
        }
    }

    private Sides() {
    }

    /** Runs one side on a thread named {@code name} and waits for it. */
    static void run(String name, Body body) throws Exception {
        start(name, body).join();
    }

    /** Starts one side on a thread named {@code name}, for sides that run at the same time (a server, a client). */
    static Running start(String name, Body body) {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failed.set(e);
            }
        }, name);
        STARTED.add(t);
        t.start();
        return new Running(t, failed);
    }

    /** A fresh directory of the demo's own, under the system's temporary directory. */
    static Path tempDir(String demo) throws IOException {
        return Files.createTempDirectory("syscall-lens-" + demo + "-");
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** A file of {@code size} bytes of a fixed pattern. */
    static Path patternFile(Path file, int size) throws IOException {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return Files.write(file, b);
    }
}
