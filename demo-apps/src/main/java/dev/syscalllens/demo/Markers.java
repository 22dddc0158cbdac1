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

    static {
        if (ON) {
            // Load and link everything a marker touches now, so no marker adds syscalls of its own
            // (class loading) inside a slice.
            mark("warm-up", "none");
        }
    }

    private Markers() {
    }

    static void begin(String call) {
        if (ON) {
            mark("begin", call);
        }
    }

    static void end(String call) {
        if (ON) {
            mark("end", call);
        }
    }

    private static void mark(String edge, String call) {
        new File("/syscall-lens-marker/" + edge + "/" + call).exists();
    }
}
