package dev.syscalllens.agent.report;

import dev.syscalllens.agent.correlate.CallNode;
import dev.syscalllens.agent.instrumentation.CallKind;
import dev.syscalllens.agent.otel.SpanEmitter;
import dev.syscalllens.agent.probe.SyscallRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The call trees the report's timeline shows, a bounded sample of the outermost calls: the first
 * {@link #FIRST}, a uniform reservoir of {@link #RESERVOIR} of the rest (algorithm R), and for
 * each Java API the tree holding its call with the most syscalls (its first such call). Each tree
 * is copied into a small form that keeps no application object, with at most
 * {@link #SYSCALLS_PER_TREE} syscall lines and {@link #CALLS_PER_TREE} calls; what is left out is
 * counted. At most FIRST + RESERVOIR + one tree per API (about 150 names) are held.
 */
final class CallSample {
    static final int FIRST = 1_000;
    static final int RESERVOIR = 1_000;
    static final int CALLS_PER_TREE = 64;
    static final int SYSCALLS_PER_TREE = 256;
    /** A strace line longer than this (a long path) is cut. */
    static final int LINE_CHARS = 400;

    /** A syscall as the report shows it: times, strace's line, whether it failed. */
    record Sys(long enterNs, long exitNs, String line, boolean failed) {
    }

    /** A call as the report shows it; {@code syscallCount} counts its own syscalls, kept or not. */
    record Call(String api, String detail, String thread, long threadId, int tid, long enterNs, long exitNs,
                long bytes, String error, int syscallCount, List<Sys> syscalls, List<Call> children, int omittedCalls) {
    }

    private final List<Call> first = new ArrayList<>();
    private final Call[] reservoir = new Call[RESERVOIR];
    private final Map<String, Call> mostSyscalls = new HashMap<>();
    private final Map<String, Integer> mostSyscallsCount = new HashMap<>();
    private final SplittableRandom random = new SplittableRandom(42);
    private long roots;
    private long afterFirst;

    synchronized void add(CallNode root) {
        roots++;
        Call copy = null;
        if (first.size() < FIRST) {
            copy = copy(root);
            first.add(copy);
        } else {
            afterFirst++;
            long slot = afterFirst <= RESERVOIR ? afterFirst - 1 : random.nextLong(afterFirst);
            if (slot < RESERVOIR) {
                copy = copy(root);
                reservoir[(int) slot] = copy;
            }
        }
        List<String> worse = new ArrayList<>(0);
        exemplars(root, worse);
        if (!worse.isEmpty()) {
            Call c = copy != null ? copy : copy(root);
            for (String api : worse) {
                mostSyscalls.put(api, c);
            }
        }
    }

    /** Records, for each call in the tree, whether it made more syscalls than any call of its API so far. */
    private int exemplars(CallNode call, List<String> worse) {
        int n = call.syscalls().size();
        for (CallNode child : call.children()) {
            n += exemplars(child, worse);
        }
        String api = call.kind().spanName();
        Integer best = mostSyscallsCount.get(api);
        if (best == null || n > best) {
            mostSyscallsCount.put(api, n);
            if (!worse.contains(api)) {
                worse.add(api);
            }
        }
        return n;
    }

    private static Call copy(CallNode root) {
        int[] budget = {CALLS_PER_TREE, SYSCALLS_PER_TREE};
        return copy(root, budget);
    }

    private static Call copy(CallNode call, int[] budget) {
        budget[0]--;
        List<Call> children = new ArrayList<>(call.children().size());
        int omitted = 0;
        List<Sys> syscalls = new ArrayList<>(Math.min(call.syscalls().size(), budget[1]));
        for (SyscallRecord s : call.syscalls()) {
            if (budget[1] <= 0) {
                break;
            }
            budget[1]--;
            String line = s.straceLine();
            if (line.length() > LINE_CHARS) {
                line = line.substring(0, LINE_CHARS) + "…";
            }
            syscalls.add(new Sys(s.enterNs(), s.exitNs(), line, s.failed()));
        }
        for (CallNode child : call.children()) {
            if (budget[0] > 0) {
                children.add(copy(child, budget));
            } else {
                omitted += 1;
            }
        }
        Throwable t = call.thrown();
        return new Call(call.kind().spanName(), detail(call), call.threadName(), call.javaThreadId(), call.tid(),
                call.enterNs(), call.exitNs(), SpanEmitter.ioBytes(call),
                t == null ? null : t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage()),
                call.syscalls().size(), syscalls, children, omitted);
    }

    /** What the call was about, when it is a plain string: the path, the class, the host. */
    private static String detail(CallNode call) {
        CallKind.Arg arg = call.kind().arg();
        Object a = call.arg();
        if (a == null || !(arg == CallKind.Arg.PATH || arg == CallKind.Arg.CLASS_NAME || arg == CallKind.Arg.HOST)) {
            return null;
        }
        String s = a.toString();
        return s.length() > LINE_CHARS ? s.substring(0, LINE_CHARS) + "…" : s;
    }

    /** The sampled trees, each once, in the order they started. */
    synchronized List<Call> trees() {
        // by identity: a tree can be both among the first and an exemplar
        java.util.Set<Call> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        all.addAll(first);
        for (Call c : reservoir) {
            if (c != null) {
                all.add(c);
            }
        }
        all.addAll(mostSyscalls.values());
        List<Call> list = new ArrayList<>(all);
        list.sort(java.util.Comparator.comparingLong(Call::enterNs));
        return list;
    }

    /** The tree holding the API's call with the most syscalls. */
    synchronized Call exemplar(String api) {
        return mostSyscalls.get(api);
    }

    synchronized long roots() {
        return roots;
    }

    synchronized int reservoirKept() {
        return (int) Math.min(afterFirst, RESERVOIR);
    }

    synchronized long afterFirst() {
        return afterFirst;
    }

    synchronized int firstKept() {
        return first.size();
    }
}
