package dev.syscalllens.agent.it;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compares the syscalls syscall-lens put under one Java call with the ones the real strace saw on
 * that thread between the call's markers, in a separate run of the same scenario.
 */
final class Oracle {
    /**
     * Syscalls the JVM runtime makes on any thread whatever the Java code does (lock hand-offs,
     * memory protection of its own structures, polling its own clocks). Their number varies from
     * run to run, so two runs are compared without them.
     */
    private static final Set<String> RUNTIME_NOISE = Set.of("futex", "mprotect", "madvise", "sched_yield",
            "gettid", "sysinfo", "getrusage", "rt_sigreturn", "restart_syscall");

    /**
     * Syscalls the probe decodes as strace does: their whole text must equal strace's. Any other
     * syscall is compared by name only.
     */
    static final Set<String> DECODED = Set.of(
            "read", "write", "pread64", "pwrite64", "readv", "writev", "preadv", "pwritev", "preadv2", "pwritev2",
            "open", "openat", "openat2", "creat", "close", "close_range", "lseek", "fstat", "newfstatat", "stat",
            "lstat", "statx", "access", "faccessat", "faccessat2", "fsync", "fdatasync", "sync_file_range",
            "ftruncate", "truncate", "fallocate", "fadvise64", "mmap", "munmap", "msync", "madvise", "mincore",
            "sendfile", "copy_file_range", "splice", "fcntl", "flock", "dup", "dup2", "dup3", "pipe", "pipe2",
            "eventfd2", "ioctl", "getdents64", "mkdir", "mkdirat", "unlink", "unlinkat", "rmdir", "rename",
            "renameat", "renameat2", "readlink", "readlinkat", "chmod", "fchmod", "fchmodat", "socket",
            "socketpair", "bind", "listen", "accept", "accept4", "connect", "getsockname", "getpeername",
            "setsockopt", "getsockopt", "shutdown", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg",
            "recvmmsg", "poll", "ppoll", "select", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait",
            "epoll_pwait2", "clone", "clone3", "vfork", "execve", "wait4", "exit_group", "kill", "tgkill");

    private static final Pattern PORT = Pattern.compile("htons\\((\\d+)\\)");

    /**
     * An fd that is a socket, as -y prints it ({@code 5<socket:[1234]>}) or -yy
     * ({@code 5<TCPv6:[[::1]:8080->[::1]:41234]>}, {@code 6<UNIX-STREAM:[1234->1235]>}). Its
     * endpoints carry the other run's inodes and ephemeral ports, and the scenario checks and the
     * probe's differential test check them; here a -y and a -yy oracle compare alike.
     */
    private static final Pattern SOCKET_FD = Pattern.compile(
            "<(socket|TCP|TCPv6|UDP|UDPv6|UDPLITE|UDPLITEv6|UNIX|UNIX-STREAM|NETLINK|RAW|RAWv6|PING|PINGv6|SCTP|SCTPv6|DCCP|DCCPv6):\\[(?:[^<>]|->)*\\]>");

    private Oracle() {
    }

    static boolean noise(String name, String text) {
        return RUNTIME_NOISE.contains(name) || (name.equals("mmap") && text.contains("MAP_ANONYMOUS"));
    }

    /** Text with what differs between two runs of the same program made uniform. */
    static String normalize(String text, int keepPort) {
        String s = text.replaceAll("\\)\\s+= ", ") = ")           // strace's column alignment
                .replaceAll("\\b\\d+<", "N<")                       // fd numbers
                .replaceAll(SOCKET_FD.pattern(), "<socket>")       // sockets, -y or -yy
                .replaceAll("<(char|block) \\d+:\\d+>>", ">")      // -yy's device numbers
                .replaceAll("\\b0x[0-9a-f]{6,}\\b", "0xADDR")          // addresses (out-parameters of failed calls)
                .replaceAll("data=\\{u32=\\d+, u64=\\d+\\}", "data={u32=N, u64=N}") // epoll data: the fd, and garbage
                .replaceAll("pipe:\\[\\d+\\]", "pipe:[INODE]")                       // pipe inodes
                .replaceAll("/t\\d+\\.tmp\\b", "/tRANDOM.tmp")          // Files.createTempFile's random names
                .replaceAll("(</dev/urandom>, )\"(?:[^\"\\\\]|\\\\.)*\"(\\.\\.\\.)?", "$1\"RANDOM\""); // random bytes
        Matcher m = PORT.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Integer.parseInt(m.group(1)) == keepPort ? m.group() : "htons(PORT)");
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * Asserts that the traced call's syscalls, in order, are the ones strace saw: the same names,
     * and for {@link #DECODED} syscalls the same text.
     */
    /**
     * Calls whose syscalls carry what differs from run to run in their data (ProcessBuilder.start
     * sends the child its fd numbers and reads /proc/PID/stat of a child with another pid): the
     * same syscalls in the same order, compared by name.
     */
    static final Set<String> BY_NAME_ONLY = Set.of("ProcessBuilder.start");

    static void assertSameSyscalls(String call, List<ExportedSpans.Span> traced, List<StraceLog.Line> strace,
                                   int port) {
        boolean byName = BY_NAME_ONLY.stream().anyMatch(call::endsWith);
        List<String> ours = traced.stream()
                .filter(s -> !noise(s.name(), s.straceLine()))
                .map(s -> byName ? s.name() : key(s.name(), s.straceLine(), port))
                .collect(Collectors.toList());
        List<String> theirs = strace.stream()
                .filter(l -> !noise(l.name(), l.text()))
                .map(l -> byName ? l.name() : key(l.name(), l.text(), port))
                .collect(Collectors.toList());
        assertEquals(String.join("\n", theirs), String.join("\n", ours),
                call + ": syscalls under the span differ from strace's slice between the markers");
    }

    private static String key(String name, String text, int port) {
        return DECODED.contains(name) ? normalize(text, port) : name;
    }
}
