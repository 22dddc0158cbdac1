package dev.syscalllens.demo;

import java.io.File;

/**
 * Marks the start and end of each Java call in a syscall trace, so that a test can cut the
 * output of a plain {@code strace -f} run into one slice per call and compare it with what
 * syscall-lens attributed. Off unless {@code -Dsyscall-lens.markers=true}.
 *
 * <p>A marker is one failing stat of a path that names the call, e.g.
 * {@code newfstatat(AT_FDCWD, "/syscall-lens-marker/begin/FileChannel.write", ...) = -1 ENOENT}.
 *
 * <p>With markers on, each scenario first runs its calls once unmarked ({@link #ON} tells it
 * to): the first use of a JDK class loads it and its native library, with syscalls of its own,
 * and the agent has already done some of that in its own start-up. Warmed up, the traced run and
 * the strace run make the same syscalls inside each marked call.
 */
final class Markers {
    static final boolean ON = Boolean.getBoolean("syscall-lens.markers");
    /** While a scenario warms up, its calls go unmarked. */
    static boolean paused;

    static {
        if (ON) {
            // Load and link everything a marker touches now, so no marker adds syscalls of its own
            // (class loading) inside a slice.
            mark("warm-up", "none");
        }
    }

    private Markers() {
    }

    /** Something that may throw, like most I/O. */
    interface Call<T> {
        T run() throws Exception;
    }

    /** Runs one Java call between its markers and returns what it returned. */
    static <T> T call(String name, Call<T> call) throws Exception {
        begin(name);
        try {
            return call.run();
        } finally {
            end(name);
        }
    }

    /**
     * Starts or ends a section of marked calls. Unlike the markers, this is a call the agent
     * records (Files.exists of a path that names the section), so a test can find the section
     * among the spans of a traced run.
     */
    static void section(String edge) {
        java.nio.file.Files.exists(java.nio.file.Path.of("/syscall-lens-section/" + edge));
    }

    static void begin(String call) {
        if (ON && !paused) {
            mark("begin", call);
        }
    }

    static void end(String call) {
        if (ON && !paused) {
            mark("end", call);
        }
    }

    private static void mark(String edge, String call) {
        new File("/syscall-lens-marker/" + edge + "/" + call).exists();
    }
}
