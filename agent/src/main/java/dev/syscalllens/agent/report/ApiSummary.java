package dev.syscalllens.agent.report;

import dev.syscalllens.agent.correlate.CallNode;
import dev.syscalllens.agent.otel.SpanEmitter;
import dev.syscalllens.agent.probe.SyscallRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The summary by Java API: like {@code strace -c}, grouped by the Java call that made the
 * syscalls. Fed each finished call tree on the correlator thread; one {@link ApiStats} per span
 * name, never the calls themselves.
 *
 * <p>Rows are ordered by syscalls per call, most first, then by bytes per syscall, fewest first:
 * the amplification of the abstraction, what one call costs the kernel, leads, whatever the
 * application's call counts (the calls column and {@code strace -c} give those).
 */
public final class ApiSummary {
    private final Map<String, ApiStats> byApi = new HashMap<>();
    private volatile boolean syscallsKnown = true;

    public void setSyscallsKnown(boolean known) {
        syscallsKnown = known;
    }

    boolean syscallsKnown() {
        return syscallsKnown;
    }

    /** An outermost call and every call nested in it. */
    public synchronized void add(CallNode root) {
        walk(root);
    }

    /** Adds the call and its nested calls; returns its syscalls and theirs, in time order. */
    private List<SyscallRecord> walk(CallNode call) {
        List<SyscallRecord> all = call.syscalls();
        int nested = 0;
        if (!call.children().isEmpty()) {
            all = new ArrayList<>(call.syscalls());
            for (CallNode child : call.children()) {
                all.addAll(walk(child));
                nested += 1 + nestedCount(child);
            }
            all.sort(Comparator.comparingLong(SyscallRecord::enterNs));
        }
        byApi.computeIfAbsent(call.kind().spanName(), ApiStats::new)
                .add(call.exitNs() - call.enterNs(), SpanEmitter.ioBytes(call), call.thrown() != null, nested, all);
        return all;
    }

    private static int nestedCount(CallNode call) {
        int n = 0;
        for (CallNode c : call.children()) {
            n += 1 + nestedCount(c);
        }
        return n;
    }

    /** The rows, amplification first (see the class comment). */
    synchronized List<ApiStats> rows() {
        List<ApiStats> rows = new ArrayList<>(byApi.values());
        rows.sort(ORDER);
        return rows;
    }

    static final Comparator<ApiStats> ORDER = Comparator
            // to one decimal, so that 1.0001 and 1.0 tie and bytes per syscall decides
            .comparingLong((ApiStats s) -> -Math.round(s.syscallsPerCall() * 10))
            .thenComparingDouble(s -> s.bytesPerSyscall() < 0 ? Double.MAX_VALUE : s.bytesPerSyscall())
            .thenComparingLong(s -> -s.calls)
            .thenComparing(s -> s.api);

    /** The mix in one short cell: the usual sequence when most calls made it, else the shares by name. */
    static String mix(ApiStats s) {
        if (s.syscalls == 0) {
            return "-";
        }
        Map.Entry<String, Long> usual = s.usualSequence();
        long callsWithSyscalls = s.sequences.values().stream().mapToLong(Long::longValue).sum() + s.otherSequences;
        if (usual != null && usual.getKey().contains("+") && usual.getValue() * 2 >= callsWithSyscalls) {
            return usual.getKey() + (usual.getValue() == callsWithSyscalls ? ""
                    : " (" + percent((double) usual.getValue() / callsWithSyscalls) + " of calls)");
        }
        return shares(s, 3, false);
    }

    /**
     * "write 100%", "futex 60% read 30% +2 more": the syscalls by share of the API's syscalls, at
     * most {@code top} of them; with {@code rare} false, those under 1% only counted ("+3 rare").
     */
    static String shares(ApiStats s, int top, boolean rare) {
        List<Map.Entry<String, Long>> names = s.byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, Long> e : names) {
            double share = (double) e.getValue() / s.syscalls;
            if (shown.size() == top || (!rare && !shown.isEmpty() && share < 0.01)) {
                break;
            }
            shown.add(e.getKey() + " " + percent(share));
        }
        int more = names.size() - shown.size();
        return String.join(" ", shown) + (more == 0 ? "" : " +" + more + (rare ? " more" : " rare"));
    }

    /** "threw 2, 5 failed (EAGAIN 5)", or "-". */
    static String errors(ApiStats s) {
        List<String> parts = new ArrayList<>();
        if (s.threw > 0) {
            parts.add("threw " + s.threw);
        }
        if (s.failedSyscalls > 0) {
            parts.add(s.failedSyscalls + " failed (" + s.errnos.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(3).map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")");
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /** "42%", "3.5%"; never "100%" nor "0%" for a share that is not exactly that. */
    static String percent(double share) {
        double p = share * 100;
        if (p == 0 || p == 100) {
            return (int) p + "%";
        }
        if (p < 0.1) {
            return "<0.1%";
        }
        if (p >= 99.95) {
            return ">99.9%";
        }
        return p >= 9.95 && p < 99.5 ? Math.round(p) + "%" : String.format("%.1f%%", p);
    }

    /** 12, 4.0K, 1.5M: a byte count in little room. */
    static String bytes(double b) {
        if (b < 0) {
            return "-";
        }
        if (b < 1024) {
            return b == Math.rint(b) ? Long.toString((long) b) : String.format("%.1f", b);
        }
        return b < 1024 * 1024 ? String.format("%.1fK", b / 1024) : String.format("%.1fM", b / (1024 * 1024));
    }

    static String perCall(double v) {
        return String.format("%.1f", v);
    }

    /** The table for the console: a header, then one line per API. */
    public String text() {
        List<ApiStats> rows = rows();
        boolean known = syscallsKnown;
        StringBuilder sb = new StringBuilder();
        String fmt = "  %-36s %8s %8s %6s  %-44s %10s %9s %6s  %s%n";
        sb.append(String.format(fmt, "Java API", "calls", "sys/call", "max", "syscall mix", "bytes/call",
                "bytes/sys", "kernel", "errors"));
        for (ApiStats s : rows) {
            String mix = known ? mix(s) : "(no syscalls traced)";
            if (mix.length() > 44) {
                mix = mix.substring(0, 43) + "…";
            }
            sb.append(String.format(fmt, s.api, s.calls,
                    known ? perCall(s.syscallsPerCall()) : "-", known ? Long.toString(s.maxSyscalls) : "-", mix,
                    bytes(s.bytesPerCall()), known ? bytes(s.bytesPerSyscall()) : "-",
                    known && s.syscalls > 0 ? percent(s.kernelShare()) : "-", errors(s)));
        }
        return sb.toString();
    }

    synchronized int apis() {
        return byApi.size();
    }
}
