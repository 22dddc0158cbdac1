package dev.syscalllens.agent.probe;

/**
 * One completed syscall as the probe saw it, with strace's text for it.
 *
 * @param enterNs  CLOCK_MONOTONIC at the syscall-entry stop, comparable with System.nanoTime()
 * @param exitNs   CLOCK_MONOTONIC at the syscall-exit stop
 * @param fd       the descriptor the call acts on, or the one it returned (open, socket, accept);
 *                 -1 when none
 * @param fdTarget what that fd is, as strace -yy shows it without the number and brackets:
 *                 {@code /tmp/test.txt}, {@code TCP:[127.0.0.1:8080->127.0.0.1:40000]},
 *                 {@code pipe:[1234]}; empty when unknown
 */
public record SyscallRecord(int tid, int nr, long ret, long[] args, long enterNs, long exitNs,
                            String name, String argText, String retText, int flags, int fd, String fdTarget) {

    /** A record without an fd (protocol version 1's fields). */
    public SyscallRecord(int tid, int nr, long ret, long[] args, long enterNs, long exitNs,
                         String name, String argText, String retText, int flags) {
        this(tid, nr, ret, args, enterNs, exitNs, name, argText, retText, flags, -1, "");
    }

    public boolean failed() {
        return (flags & ProbeProtocol.SC_FAILED) != 0;
    }

    /** The errno name of a failed call ("ENOENT"), read off strace's text; null if it did not fail. */
    public String errnoName() {
        if (!failed()) {
            return null;
        }
        String[] parts = retText.split(" ", 3);
        return parts.length >= 2 ? parts[1] : null;
    }

    /** The whole strace line without the pid: {@code write(4</x>, "hi\n", 3) = 3}. */
    public String straceLine() {
        return name + "(" + argText + ") = " + retText;
    }
}
