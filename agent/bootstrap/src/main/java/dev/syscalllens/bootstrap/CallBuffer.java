package dev.syscalllens.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * The completed Java calls of one thread, waiting for the correlator: a single-producer
 * (the owning thread), single-consumer (the correlator thread) ring with no locks and no
 * allocation once created.
 *
 * <p>Calls are appended when they exit, so nested calls arrive before the call that holds them
 * (post-order); {@code depth} lets the consumer rebuild the tree.
 */
public final class CallBuffer {
    /**
     * Slots per thread; a power of two. About 64 bytes a slot, so 64 KiB for each thread that makes
     * recorded calls. The correlator drains every 5 ms: a thread would need more than 200,000
     * calls a second to fill it. A full ring drops calls and counts them.
     */
    public static final int CAPACITY = 1024;
    private static final int MASK = CAPACITY - 1;

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle OPEN_SINCE;
    private static final VarHandle DROPPED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(CallBuffer.class, "head", long.class);
            TAIL = lookup.findVarHandle(CallBuffer.class, "tail", long.class);
            OPEN_SINCE = lookup.findVarHandle(CallBuffer.class, "openSince", long.class);
            DROPPED = lookup.findVarHandle(CallBuffer.class, "dropped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final WeakReference<Thread> thread;
    private final long javaThreadId;
    /** Linux tid, set once right after creation (see Recorder#register). */
    int tid;

    /* Owner-thread state: read and written by the owning thread only. */
    boolean ignored;
    final OpenCalls calls = new OpenCalls();

    private final int[] kinds = new int[CAPACITY];
    private final int[] depths = new int[CAPACITY];
    private final long[] enters = new long[CAPACITY];
    private final long[] exits = new long[CAPACITY];
    private final long[] results = new long[CAPACITY];
    private final Object[] args = new Object[CAPACITY];
    private final long[] segments = new long[CAPACITY];
    private final Object[] owners = new Object[CAPACITY];
    private final Throwable[] thrown = new Throwable[CAPACITY];
    private final Object[] parents = new Object[CAPACITY];

    @SuppressWarnings("unused") private long head;      // next slot the owner writes
    @SuppressWarnings("unused") private long tail;      // next slot the consumer reads
    @SuppressWarnings("unused") private long openSince; // enter stamp of the open outermost call, 0 if none
    @SuppressWarnings("unused") private long dropped;

    CallBuffer(Thread owner) {
        this.thread = new WeakReference<>(owner);
        this.nameAtStart = owner.getName();
        this.javaThreadId = owner.getId();
    }

    /** Receives drained calls; called on the consumer thread. */
    public interface Sink {
        /**
         * One record: a call, or one of Recorder's marks ({@link Recorder#PARKED},
         * {@link Recorder#WAKE}). For a virtual thread's, {@code owner} is the virtual thread and
         * {@code segment} the stamp from which it ran on this carrier (its outermost call's enter,
         * or its last mount); for a platform thread's, owner is null and segment equals enter.
         */
        void call(CallBuffer from, int kind, int depth, long enter, long exit, long result,
                  Object arg, Throwable thrown, long segment, Object owner, Object parent);
    }

    void open(long enter) {
        OPEN_SINCE.setRelease(this, enter);
    }

    void append(int kind, int depth, long enter, long exit, long result, Object arg, Throwable t) {
        append(kind, depth, enter, exit, result, arg, t, enter, null, null);
    }

    /**
     * @param parent for an outermost call: the span context current in the application's own
     *               OpenTelemetry when the call began (see {@link Recorder#setContextReader}), or null
     */
    void append(int kind, int depth, long enter, long exit, long result, Object arg, Throwable t,
                long segment, Object owner, Object parent) {
        long h = (long) HEAD.getOpaque(this);
        if (h - (long) TAIL.getAcquire(this) >= CAPACITY) {
            DROPPED.setRelease(this, (long) DROPPED.getOpaque(this) + 1);
        } else {
            int i = (int) h & MASK;
            kinds[i] = kind;
            depths[i] = depth;
            enters[i] = enter;
            exits[i] = exit;
            results[i] = result;
            args[i] = arg;
            thrown[i] = t;
            segments[i] = segment;
            owners[i] = owner;
            parents[i] = parent;
            HEAD.setRelease(this, h + 1);
        }
        if (depth == 0) {
            OPEN_SINCE.setRelease(this, 0L);
        }
    }

    /** Hands every call appended so far to {@code sink}; consumer thread only. Returns the count. */
    public int drain(Sink sink) {
        long h = (long) HEAD.getAcquire(this);
        long t = (long) TAIL.getOpaque(this);
        for (long p = t; p < h; p++) {
            int i = (int) p & MASK;
            Object arg = args[i];
            Throwable th = thrown[i];
            Object owner = owners[i];
            Object parent = parents[i];
            args[i] = null;
            thrown[i] = null;
            owners[i] = null;
            parents[i] = null;
            sink.call(this, kinds[i], depths[i], enters[i], exits[i], results[i], arg, th, segments[i], owner, parent);
        }
        TAIL.setRelease(this, h);
        return (int) (h - t);
    }

    /**
     * The owner's name when its ring was made: the thread itself is only held weakly, and a
     * short-lived one may be gone (and collected) before its last calls are read.
     */
    private final String nameAtStart;

    /** The owner's name now, or when its ring was made if it is gone. */
    public String threadName() {
        Thread t = thread.get();
        return t != null ? t.getName() : nameAtStart;
    }

    /** Linux tid of the owning thread. */
    public int tid() {
        return tid;
    }

    public long javaThreadId() {
        return javaThreadId;
    }

    /** The owning thread, or null once it has been collected. */
    public Thread thread() {
        return thread.get();
    }

    /** Enter stamp of the outermost call the thread is in now, or 0 when it is in none. */
    public long openSince() {
        return (long) OPEN_SINCE.getAcquire(this);
    }

    /** Calls appended and not drained yet. */
    public long pending() {
        return (long) HEAD.getAcquire(this) - (long) TAIL.getAcquire(this);
    }

    /** Calls dropped because this ring was full. */
    public long dropped() {
        return (long) DROPPED.getAcquire(this);
    }

    /** True when the owner is gone and nothing is left to drain. */
    public boolean isFinished() {
        Thread t = thread.get();
        return (t == null || !t.isAlive())
                && (long) HEAD.getAcquire(this) == (long) TAIL.getOpaque(this);
    }
}
