package dev.syscalllens.junit;

/**
 * One syscall the block made, as the syscall-lens probe saw it (a copy of the agent's
 * {@code dev.syscalllens.api.Syscall}).
 *
 * @param name     {@code openat}, {@code write}, ...
 * @param args     the arguments as {@code strace -yy} prints them
 * @param ret      the return value as strace prints it: {@code 12}, {@code 5</tmp/x>}, {@code -1 ENOENT (...)}
 * @param errno    the errno name when it failed, else null
 * @param fdTarget what the descriptor it acts on (or returned) is: {@code /tmp/x}; empty when unknown
 * @param javaCall the innermost Java call syscall-lens traced it in ({@code FileChannel.write},
 *                 {@code ClassLoader.loadClass}), or null
 */
public record Syscall(String name, String args, String ret, String errno, String fdTarget, String javaCall) {

    /** The strace line without the pid: {@code write(4</tmp/x>, "hi\n", 3) = 3}. */
    public String strace() {
        return name + "(" + args + ") = " + ret;
    }

    @Override
    public String toString() {
        return strace();
    }
}
