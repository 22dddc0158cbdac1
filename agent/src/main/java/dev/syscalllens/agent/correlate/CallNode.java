package dev.syscalllens.agent.correlate;

import dev.syscalllens.agent.instrumentation.CallKind;
import dev.syscalllens.agent.probe.SyscallRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * One recorded Java call, the calls nested in it, and the syscalls it made itself. Most calls
 * have no nested call, syscall, park or wake (every call with the probe off), so each list is
 * the shared empty one until something is added: one object per call, not five.
 */
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
    private List<CallNode> children;
    private List<SyscallRecord> syscalls = List.of();
    /** For an outermost call: its thread's syscalls outside any call since the previous one. */
    long outsideBefore;
    /** For an outermost call: calls its thread's full ring dropped since the previous one. */
    long callsDroppedBefore;
    /**
     * A virtual thread's call: the virtual thread, and from when it ran on the carrier whose
     * ring it was found in (its outermost call's enter, or its last mount). Null and 0 for a
     * platform thread's.
     */
    Thread virtualThread;
    long segmentNs;
    /**
     * A PARKED record: not a call, the stretch [segmentNs, exitNs] a virtual thread ran here;
     * {@code result} is the fd it then waited for in the JDK poller (-1 if none), since enterNs.
     */
    boolean parked;
    /** An outermost call: the application's span context when it began (an object of its API), or null. */
    Object appParent;
    /** The correlator step in which the record was drained (a virtual call waits one more). */
    long seenStep;
    /** Times a virtual thread parked inside this call (not inside a nested one). */
    private List<Park> parks = List.of();
    /** Virtual threads this call (the JDK poller's) unparked. */
    private List<Wake> wakes = List.of();

    /**
     * A virtual thread left its carrier (tid {@code leftTid}) at {@code parkedNs} and ran again
     * from {@code resumedNs} (on {@code resumedTid}). When it waited for {@code fd} in the JDK
     * poller (else -1), it registered it after {@code waitSinceNs}.
     */
    public record Park(Thread thread, int fd, long waitSinceNs, long parkedNs, long resumedNs,
                       int leftTid, int resumedTid) {
    }

    /** The JDK poller's polled(fd) unparked {@code woken}, which waited for fd, at {@code unparkedNs}. */
    public record Wake(Thread woken, int fd, long unparkedNs) {
    }

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
        this.children = children.isEmpty() ? List.of() : new ArrayList<>(children);
    }

    void addChild(CallNode child) {
        children = plus(children, child);
    }

    void addSyscall(SyscallRecord s) {
        syscalls = plus(syscalls, s);
    }

    void addPark(Park p) {
        parks = plus(parks, p);
    }

    void addWake(Wake w) {
        wakes = plus(wakes, w);
    }

    /** {@code list} with {@code item} added: a list of the call's own first if it is the shared empty one. */
    private static <T> List<T> plus(List<T> list, T item) {
        List<T> out = list.isEmpty() ? new ArrayList<>(4) : list;
        out.add(item);
        return out;
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
        addSyscall(s);
    }

    /** The innermost call, this one or one nested in it, whose window holds [from, to]. */
    CallNode innermost(long from, long to) {
        for (CallNode child : children) {
            if (child.enterNs <= from && to <= child.exitNs) {
                return child.innermost(from, to);
            }
        }
        return this;
    }

    /**
     * Drops the calls that are reported only when they made syscalls (class loading) and made
     * none (nor parked); returns false when this call itself is to be dropped.
     */
    boolean prune() {
        if (!children.isEmpty()) {
            children.removeIf(c -> !c.prune());
        }
        return !(kind.onlyWithSyscalls() && syscalls.isEmpty() && children.isEmpty() && parks.isEmpty());
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

    public long callsDroppedBefore() {
        return callsDroppedBefore;
    }

    public long outsideBefore() {
        return outsideBefore;
    }

    public Object appParent() {
        return appParent;
    }

    public List<SyscallRecord> syscalls() {
        return syscalls;
    }

    public List<Park> parks() {
        return parks;
    }

    public List<Wake> wakes() {
        return wakes;
    }
}
