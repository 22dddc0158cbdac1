package dev.syscalllens.agent.correlate;

import dev.syscalllens.agent.instrumentation.CallKind;
import dev.syscalllens.agent.probe.SyscallRecord;

import java.util.ArrayList;
import java.util.List;

/** One recorded Java call, the calls nested in it, and the syscalls it made itself. */
public final class CallNode {
    final CallKind kind;
    final int tid;
    final String threadName;
    final long javaThreadId;
    final long enterNs;
    final long exitNs;
    final long result;
    final Object arg;
    final Throwable thrown;
    final List<CallNode> children;
    final List<SyscallRecord> syscalls = new ArrayList<>();
    /** For an outermost call: its thread's syscalls outside any call since the previous one. */
    long outsideBefore;
    /**
     * A virtual thread's call: the virtual thread, and from when it ran on the carrier whose
     * ring it was found in (its enter, or its last mount). Null and 0 for a platform thread's.
     */
    Thread virtualThread;
    long segmentNs;
    /** A PARKED record: not a call, the stretch [segmentNs, exitNs] a virtual thread ran here. */
    boolean parked;
    /** The correlator step in which the record was drained (a virtual call waits one more). */
    long seenStep;

    CallNode(CallKind kind, int tid, String threadName, long javaThreadId, long enterNs, long exitNs,
             long result, Object arg, Throwable thrown, List<CallNode> children) {
        this.kind = kind;
        this.tid = tid;
        this.threadName = threadName;
        this.javaThreadId = javaThreadId;
        this.enterNs = enterNs;
        this.exitNs = exitNs;
        this.result = result;
        this.arg = arg;
        this.thrown = thrown;
        this.children = children.isEmpty() ? new ArrayList<>(0) : new ArrayList<>(children);
    }

    boolean contains(SyscallRecord s) {
        return s.enterNs() >= enterNs && s.exitNs() <= exitNs;
    }

    /** Gives the syscall to the innermost call that contains it (this one if no child does). */
    void attribute(SyscallRecord s) {
        for (CallNode child : children) {
            if (child.contains(s)) {
                child.attribute(s);
                return;
            }
        }
        syscalls.add(s);
    }

    /**
     * Drops the calls that are reported only when they made syscalls (class loading) and made
     * none; returns false when this call itself is to be dropped.
     */
    boolean prune() {
        children.removeIf(c -> !c.prune());
        return !(kind.onlyWithSyscalls() && syscalls.isEmpty() && children.isEmpty());
    }

    int countCalls() {
        int n = 1;
        for (CallNode c : children) {
            n += c.countCalls();
        }
        return n;
    }

    public CallKind kind() {
        return kind;
    }

    public int tid() {
        return tid;
    }

    public String threadName() {
        return threadName;
    }

    public long javaThreadId() {
        return javaThreadId;
    }

    public long enterNs() {
        return enterNs;
    }

    public long exitNs() {
        return exitNs;
    }

    public long result() {
        return result;
    }

    public Object arg() {
        return arg;
    }

    public Throwable thrown() {
        return thrown;
    }

    public List<CallNode> children() {
        return children;
    }

    public long outsideBefore() {
        return outsideBefore;
    }

    public List<SyscallRecord> syscalls() {
        return syscalls;
    }
}
