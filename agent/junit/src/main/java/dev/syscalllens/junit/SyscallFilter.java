package dev.syscalllens.junit;

import java.util.Set;

/**
 * Which syscalls a contract leaves out as noise: ones the JVM makes whatever the code under test
 * does. A contract never sees them, and its failure message counts them.
 */
@FunctionalInterface
public interface SyscallFilter {
    boolean isNoise(Syscall s);

    default SyscallFilter or(SyscallFilter other) {
        return s -> isNoise(s) || other.isNoise(s);
    }

    /** Nothing is noise: the contract sees every syscall. */
    static SyscallFilter none() {
        return s -> false;
    }

    /** Syscalls of these names. */
    static SyscallFilter names(String... names) {
        Set<String> set = Set.of(names);
        return s -> set.contains(s.name());
    }

    /**
     * The default: what the JVM runtime does on any thread whatever the Java code does.
     * <ul>
     *   <li>by name: {@link #JVM_NAMES} (lock hand-offs, memory protection and advice on its own
     *       structures, its clocks and counters, signal returns);</li>
     *   <li>{@code mmap} of anonymous memory (the heap, thread stacks, malloc arenas);</li>
     *   <li>any syscall on the JDK's {@code lib/modules} file (the boot class loader reading a
     *       class the first time it is used);</li>
     *   <li>any syscall syscall-lens traced inside {@code ClassLoader.loadClass} or
     *       {@code LauncherHelper.checkAndLoadMain} (a class loader reading a class from a jar or
     *       directory).</li>
     * </ul>
     * Not noise: loading a native library ({@code System.loadLibrary}: openat, read, mmap of a
     * {@code .so}), which the JDK does the first time some classes are used (libnet, libnio).
     */
    static SyscallFilter jvm() {
        return s -> JVM_NAMES.contains(s.name())
                || (s.name().equals("mmap") && s.args().contains("MAP_ANONYMOUS"))
                || s.fdTarget().endsWith("/lib/modules")
                || "ClassLoader.loadClass".equals(s.javaCall())
                || "LauncherHelper.checkAndLoadMain".equals(s.javaCall());
    }

    /** The names {@link #jvm()} leaves out whatever their arguments. */
    Set<String> JVM_NAMES = Set.of("futex", "mprotect", "madvise", "sched_yield", "gettid", "sysinfo",
            "getrusage", "rt_sigreturn", "restart_syscall");
}
