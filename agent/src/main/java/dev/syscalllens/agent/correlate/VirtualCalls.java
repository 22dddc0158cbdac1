package dev.syscalllens.agent.correlate;

import dev.syscalllens.agent.probe.SyscallRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * What is known of a virtual thread's outermost call before it ends. The thread's records come
 * in the rings of the carriers it ran on, in no order across rings: its nested calls, the wakes
 * it made (when it is one of the JDK's poller threads), and the stretches it ran on each carrier
 * (with their syscalls, claimed as soon as they are due). They wait here until the outermost call
 * is handed out, and are then put together by time: a virtual thread does one thing after another,
 * so what lies inside the outermost call's window is that call's. Correlator thread only.
 */
final class VirtualCalls {
    private static final class Pending {
        final List<CallNode> calls = new ArrayList<>();
        final List<CallNode> stretches = new ArrayList<>();
        final List<SyscallRecord> syscalls = new ArrayList<>();
        final List<CallNode.Wake> wakes = new ArrayList<>();

        boolean isEmpty() {
            return calls.isEmpty() && stretches.isEmpty() && syscalls.isEmpty() && wakes.isEmpty();
        }
    }

    /**
     * Far longer than two calls of one thread can be handed out apart: both wait for the same
     * watermark, at most 2 s when the probe stalls, in rings drained every few milliseconds.
     */
    private static final long ORPHAN_NS = TimeUnit.SECONDS.toNanos(30);

    private final Map<Thread, Pending> pending = new WeakHashMap<>();

    /** A call nested in the thread's open outermost call. */
    void nested(CallNode call) {
        of(call.virtualThread).calls.add(call);
    }

    /** A virtual thread that the JDK poller's polled(fd) woke, from inside a call of {@code poller}. */
    void wake(Thread poller, CallNode.Wake wake) {
        of(poller).wakes.add(wake);
    }

    /** A stretch the thread ran on one carrier (a PARKED record), and the syscalls it made there. */
    void stretch(CallNode parked, List<SyscallRecord> syscalls) {
        Pending p = of(parked.virtualThread);
        p.stretches.add(parked);
        p.syscalls.addAll(syscalls);
    }

    /**
     * Puts the outermost call {@code root} together: its nested calls as a tree, each syscall of
     * its stretches (the last stretch's, {@code last}, claimed by the caller) given to the innermost
     * call that holds it, each park and wake to the innermost call it happened in. Returns how many
     * syscalls it holds.
     */
    int assemble(CallNode root, List<SyscallRecord> last) {
        Pending p = pending.get(root.virtualThread);
        List<CallNode> calls = new ArrayList<>();
        List<CallNode> stretches = new ArrayList<>();
        List<SyscallRecord> syscalls = new ArrayList<>(last);
        List<CallNode.Wake> wakes = new ArrayList<>();
        if (p != null) {
            calls = take(p.calls, root, c -> c.enterNs, c -> c.exitNs);
            stretches = take(p.stretches, root, c -> c.segmentNs, c -> c.exitNs);
            syscalls.addAll(take(p.syscalls, root, SyscallRecord::enterNs, SyscallRecord::exitNs));
            wakes = take(p.wakes, root, CallNode.Wake::unparkedNs, CallNode.Wake::unparkedNs);
            if (p.isEmpty()) {
                pending.remove(root.virtualThread);
            }
        }
        nest(root, calls);
        syscalls.sort(Comparator.comparingLong(SyscallRecord::enterNs));
        for (SyscallRecord s : syscalls) {
            root.attribute(s);
        }
        stretches.sort(Comparator.comparingLong(c -> c.segmentNs));
        for (int i = 0; i < stretches.size(); i++) {
            CallNode s = stretches.get(i);
            CallNode next = i + 1 < stretches.size() ? stretches.get(i + 1) : root;
            CallNode.Park park = new CallNode.Park(root.virtualThread, (int) s.result, s.enterNs, s.exitNs,
                    next.segmentNs, s.tid, next.tid);
            root.innermost(s.exitNs, s.exitNs).addPark(park);
        }
        for (CallNode.Wake w : wakes) {
            root.innermost(w.unparkedNs(), w.unparkedNs()).addWake(w);
        }
        return syscalls.size();
    }

    /**
     * Builds the tree: in the order the calls started (a call before the calls nested in it,
     * which start later and end earlier), each goes under the latest still open call that holds it.
     */
    private static void nest(CallNode root, List<CallNode> calls) {
        calls.sort(Comparator.<CallNode>comparingLong(c -> c.enterNs).thenComparing(c -> -c.exitNs));
        Deque<CallNode> open = new ArrayDeque<>();
        open.push(root);
        for (CallNode c : calls) {
            while (open.size() > 1 && !(open.peek().enterNs <= c.enterNs && c.exitNs <= open.peek().exitNs)) {
                open.pop();
            }
            open.peek().addChild(c);
            open.push(c);
        }
    }

    /**
     * Removes and returns what lies within root's window. What lies before it may be an earlier
     * call's, not handed out yet (a thread's outermost calls, in different carriers' rings, may go
     * out of order), or belong to a call whose record was dropped (its ring was full; counted
     * there): that is forgotten once it is {@link #ORPHAN_NS} older than the call.
     */
    private static <T> List<T> take(List<T> from, CallNode root, ToLongFunction<T> start, ToLongFunction<T> end) {
        List<T> mine = new ArrayList<>();
        for (Iterator<T> it = from.iterator(); it.hasNext(); ) {
            T x = it.next();
            long s = start.applyAsLong(x);
            if (s >= root.enterNs && end.applyAsLong(x) <= root.exitNs) {
                it.remove();
                mine.add(x);
            } else if (end.applyAsLong(x) < root.enterNs - ORPHAN_NS) {
                it.remove();
            }
        }
        return mine;
    }

    private Pending of(Thread virtualThread) {
        return pending.computeIfAbsent(virtualThread, k -> new Pending());
    }
}
