package dev.syscalllens.agent.otel;

import java.util.Set;

/**
 * What a syscall's text may show of the data it moved. The probe prints buffers as strace does
 * (the first bytes, quoted and escaped); what the application reads and writes can be secret, so
 * spans that leave the process show at most {@code payload=} bytes of each buffer (none by
 * default), exactly as {@code strace -s N} would print them: {@code write(3</x>, ""..., 12)}.
 * Paths, addresses and flags are not payload and stay whole.
 */
final class Payloads {
    /** Syscalls whose second argument is a data buffer. */
    private static final Set<String> BUFFER_ARG = Set.of("read", "write", "pread64", "pwrite64",
            "send", "sendto", "recv", "recvfrom", "getrandom");
    /** Syscalls whose data is in iovecs ({@code iov_base="..."}), however many. */
    private static final Set<String> IOVEC = Set.of("readv", "writev", "preadv", "pwritev", "preadv2", "pwritev2",
            "sendmsg", "recvmsg", "sendmmsg", "recvmmsg", "vmsplice", "process_vm_readv", "process_vm_writev");

    private Payloads() {
    }

    /** {@code args} with each data buffer cut to its first {@code limit} bytes, as strace -s prints it. */
    static String limit(String syscall, String args, int limit) {
        if (BUFFER_ARG.contains(syscall)) {
            // getrandom's buffer is its first argument; the others' their second.
            int from = syscall.equals("getrandom") ? 0 : topLevelComma(args, 0) + 1;
            if (from <= 0 && !syscall.equals("getrandom")) {
                return args;
            }
            int q = skipSpaces(args, from);
            if (q < args.length() && args.charAt(q) == '"') {
                return cut(args, q, limit, new StringBuilder(args.length())).toString();
            }
            return args;
        }
        if (IOVEC.contains(syscall)) {
            StringBuilder out = new StringBuilder(args.length());
            int i = 0;
            while (true) {
                int at = args.indexOf("iov_base=\"", i);
                if (at < 0) {
                    out.append(args, i, args.length());
                    return out.toString();
                }
                int q = at + "iov_base=".length();
                out.append(args, i, q);
                int end = stringEnd(args, q);
                cutInto(args, q, end, limit, out);
                i = end;
            }
        }
        return args;
    }

    private static StringBuilder cut(String args, int q, int limit, StringBuilder out) {
        out.append(args, 0, q);
        int end = stringEnd(args, q);
        cutInto(args, q, end, limit, out);
        out.append(args, end, args.length());
        return out;
    }

    /**
     * Appends the string literal at [q, end) (with its "..." mark, if any) cut to {@code limit}
     * bytes: an escape (\n, \312) is one byte. A cut string gets strace's "..." after the quote.
     */
    private static void cutInto(String args, int q, int end, int limit, StringBuilder out) {
        int close = end;
        boolean marked = args.startsWith("...", end - 3) && end - 3 > q;
        if (marked) {
            close = end - 3;
        }
        // close - 1 is the closing quote
        out.append('"');
        int i = q + 1;
        int bytes = 0;
        while (i < close - 1 && bytes < limit) {
            int next = i + 1;
            if (args.charAt(i) == '\\' && next < close - 1) {
                char c = args.charAt(next);
                if (c >= '0' && c <= '7') {
                    next++;
                    while (next < close - 1 && next < i + 4 && args.charAt(next) >= '0' && args.charAt(next) <= '7') {
                        next++;
                    }
                } else if (c == 'x') {
                    next += 3;
                } else {
                    next++;
                }
            }
            out.append(args, i, Math.min(next, close - 1));
            bytes++;
            i = next;
        }
        out.append('"');
        if (marked || i < close - 1) {
            out.append("...");
        }
    }

    /** The index just past the string literal starting at {@code q} (a quote), and its "..." mark. */
    private static int stringEnd(String s, int q) {
        int i = q + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '"') {
                i++;
                break;
            }
            i++;
        }
        if (s.startsWith("...", i)) {
            i += 3;
        }
        return Math.min(i, s.length());
    }

    /** The first comma at nesting depth 0 (outside brackets, braces and strings), or -1. */
    private static int topLevelComma(String s, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                i = stringEnd(s, i) - 1;
            } else if (c == '[' || c == '{' || c == '(') {
                depth++;
            } else if (c == ']' || c == '}' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
