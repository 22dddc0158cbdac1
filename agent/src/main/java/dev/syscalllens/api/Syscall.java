package dev.syscalllens.api;

/**
 * One syscall a thread made inside a {@link Capture}, as the probe saw it.
 *
 * @param name     the syscall's name: {@code openat}, {@code write}
 * @param args     its arguments as {@code strace -yy} prints them
 * @param ret      its return value as strace prints it: {@code 12}, {@code 5</tmp/x>}, {@code -1 ENOENT (...)}
 * @param errno    the errno name when it failed ({@code ENOENT}), else null
 * @param fd       the descriptor it acts on, or the one it returned; -1 when none
 * @param fdTarget what that descriptor is ({@code /tmp/x}, {@code TCP:[...]}); empty when unknown
 * @param javaCall the innermost traced Java call it was made in ({@code FileChannel.write},
 *                 {@code ClassLoader.loadClass}), or null when it was made outside any
 * @param tid      the Linux thread that made it
 * @param enterNs  {@link System#nanoTime()} at its entry
 * @param exitNs   {@link System#nanoTime()} at its exit
 */
public record Syscall(String name, String args, String ret, String errno, int fd, String fdTarget,
                      String javaCall, int tid, long enterNs, long exitNs) {

    /** The strace line without the pid: {@code write(4</tmp/x>, "hi\n", 3) = 3}. */
    public String strace() {
        return name + "(" + args + ") = " + ret;
    }

    @Override
    public String toString() {
        return strace();
    }
}
