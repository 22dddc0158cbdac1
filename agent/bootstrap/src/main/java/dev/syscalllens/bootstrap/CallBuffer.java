package dev.syscalllens.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The completed Java calls of one thread, waiting for the correlator: a single-producer
 * (the owning thread), single-consumer (the correlator thread) ring with no locks, and no
 * allocation except when a full ring grows.
 *
 * <p>Calls are appended when they exit, so nested calls arrive before the call that holds them
 * (post-order); {@code depth} lets the consumer rebuild the tree.
 *
 * <p>A ring that fills grows: the owner moves on to slots four times as many (up to
 * {@link #MAX_CAPACITY}) and the consumer follows once it has read what the old slots hold.
 * Only a thread that makes calls in bursts faster than the correlator reads them pays for the
 * larger slots; past {@code MAX_CAPACITY} calls are dropped and counted. Slots beyond
 * {@link #SMALL_MAX} come out of one budget for the whole process ({@link #BUDGET}), so that
 * many threads outrunning the correlator at once cannot take more memory than that: the first
 * seconds of a busy application, while the correlator's own code is still being compiled, are
 * what the large slots are for. A large ring that its consumer has emptied goes back to
 * {@code SMALL_MAX} slots and returns its share of the budget.
 */
public final class CallBuffer {
    /**
     * Slots per thread at first; a power of two. About 56 bytes a slot, so 56 KiB for each
     * thread that makes recorded calls.
     */
    public static final int CAPACITY = 1024;
    /** Slots a ring may grow to without drawing on {@link #BUDGET}: about 900 KiB. */
    public static final int SMALL_MAX = 16 * CAPACITY;
    /**
     * Slots a thread's ring may grow to: the bound on a thread's waiting calls. 262,144 (about
     * 14 MiB) unless the system property {@code syscall-lens.ringMax} says otherwise (rounded up
     * to a power of two, at least {@link #CAPACITY}; at most 1,048,576).
     */
    public static final int MAX_CAPACITY = maxCapacity(Integer.getInteger("syscall-lens.ringMax", 256 * CAPACITY));
    /**
     * Slots all rings together may hold in generations larger than {@link #SMALL_MAX}: 524,288
     * (about 28 MiB), or two of the largest rings if {@code syscall-lens.ringMax} is set higher.
     */
    public static final long BUDGET = Math.max(512L * CAPACITY, 2L * MAX_CAPACITY);
    /** A large ring found empty goes back to small slots no sooner than this after it grew. */
    private static final long SHRINK_AFTER_NS = 1_000_000_000L;
    private static final AtomicLong BUDGET_USED = new AtomicLong();

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle OPEN_SINCE;
    private static final VarHandle DROPPED;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(CallBuffer.class, "head", long.class);
            TAIL = lookup.findVarHandle(CallBuffer.class, "tail", long.class);
            OPEN_SINCE = lookup.findVarHandle(CallBuffer.class, "openSince", long.class);
            DROPPED = lookup.findVarHandle(CallBuffer.class, "dropped", long.class);
            NEXT = lookup.findVarHandle(Slots.class, "next", Slots.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static int maxCapacity(int asked) {
        int max = 1 << 20;
        if (asked >= max) {
            return max;
        }
        return Math.max(CAPACITY, Integer.highestOneBit(Math.max(1, asked - 1)) << 1);
    }

    /** One generation of slots. Call p of the thread is in slot p & mask of the generation holding it. */
    private static final class Slots {
        final int capacity;
        final int mask;
        final int[] kinds;
        final int[] depths;
        final long[] enters;
        final long[] exits;
        final long[] results;
        final Object[] args;
        final long[] segments;
        final Object[] owners;
        final Throwable[] thrown;
        final Object[] parents;
        /** The first call in {@link #next}; written before next is published. */
        long nextFrom;
        /** The larger slots the owner moved on to, or null. */
        @SuppressWarnings("unused") Slots next;

        Slots(int capacity) {
            this.capacity = capacity;
            this.mask = capacity - 1;
            kinds = new int[capacity];
            depths = new int[capacity];
            enters = new long[capacity];
            exits = new long[capacity];
            results = new long[capacity];
            args = new Object[capacity];
            segments = new long[capacity];
            owners = new Object[capacity];
            thrown = new Throwable[capacity];
            parents = new Object[capacity];
        }
    }

    private final WeakReference<Thread> thread;
    private final long javaThreadId;
    /** Linux tid, set once right after creation (see Recorder#register). */
    int tid;

    /* Owner-thread state: read and written by the owning thread only. */
    boolean ignored;
    final OpenCalls calls = new OpenCalls();
    private Slots writing = new Slots(CAPACITY);
    /** When the owner last moved to larger slots. */
    private long grewAt;
    /**
     * Slots of {@link #BUDGET} this ring holds: written by the owner, read by whoever releases the
     * ring after the owner has ended.
     */
    private volatile long reserved;

    /* Consumer-thread state. */
    private Slots reading = writing;

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
        Slots s = writing;
        long waiting = h - (long) TAIL.getAcquire(this);
        if (waiting >= s.capacity) {
            s = grow(s, h, exit);
        } else if (waiting == 0 && s.capacity > SMALL_MAX && exit - grewAt > SHRINK_AFTER_NS) {
            s = shrink(s, h);
        }
        if (s == null) {
            DROPPED.setRelease(this, (long) DROPPED.getOpaque(this) + 1);
        } else {
            int i = (int) h & s.mask;
            s.kinds[i] = kind;
            s.depths[i] = depth;
            s.enters[i] = enter;
            s.exits[i] = exit;
            s.results[i] = result;
            s.args[i] = arg;
            s.thrown[i] = t;
            s.segments[i] = segment;
            s.owners[i] = owner;
            s.parents[i] = parent;
            HEAD.setRelease(this, h + 1);
        }
        if (depth == 0) {
            OPEN_SINCE.setRelease(this, 0L);
        }
    }

    /**
     * The owner, on a full ring: larger slots from call h on, or null (at the bound, the budget
     * spent, or no memory).
     */
    private Slots grow(Slots full, long h, long now) {
        if (full.capacity >= MAX_CAPACITY) {
            return null;
        }
        int capacity = Math.min(MAX_CAPACITY, full.capacity * 4);
        if (capacity > SMALL_MAX && !reserve(capacity)) {
            return null;
        }
        Slots larger;
        try {
            larger = new Slots(capacity);
        } catch (OutOfMemoryError e) {
            if (capacity > SMALL_MAX) {
                reserved -= capacity;
                BUDGET_USED.addAndGet(-capacity);
            }
            return null;
        }
        grewAt = now;
        return moveTo(full, larger, h);
    }

    /** The owner, on an empty large ring: small slots again, and the budget it held given back. */
    private Slots shrink(Slots empty, long h) {
        Slots small;
        try {
            small = new Slots(SMALL_MAX);
        } catch (OutOfMemoryError e) {
            return empty;
        }
        moveTo(empty, small, h);
        release();
        return small;
    }

    /** The owner moves on to {@code to} from call h on; the consumer follows (see drain). */
    private Slots moveTo(Slots from, Slots to, long h) {
        from.nextFrom = h;
        NEXT.setRelease(from, to); // the consumer that sees next sees nextFrom
        writing = to;
        return to;
    }

    private boolean reserve(int slots) {
        long used;
        do {
            used = BUDGET_USED.get();
            if (used + slots > BUDGET) {
                return false;
            }
        } while (!BUDGET_USED.compareAndSet(used, used + slots));
        reserved += slots;
        return true;
    }

    /**
     * Gives back this ring's share of the budget: by the owner when it shrinks, or once the owner
     * has ended and the ring is finished with (the correlator, when it forgets the thread).
     */
    public void release() {
        long r = reserved;
        if (r != 0) {
            reserved = 0;
            BUDGET_USED.addAndGet(-r);
        }
    }

    /** Slots of the budget all rings hold now (for tests). */
    static long budgetUsed() {
        return BUDGET_USED.get();
    }

    /** Hands every call appended so far to {@code sink}; consumer thread only. Returns the count. */
    public int drain(Sink sink) {
        long h = (long) HEAD.getAcquire(this);
        long t = (long) TAIL.getOpaque(this);
        Slots s = reading;
        for (long p = t; p < h; p++) {
            Slots next;
            while ((next = (Slots) NEXT.getAcquire(s)) != null && p >= s.nextFrom) {
                s = next;
            }
            int i = (int) p & s.mask;
            Object arg = s.args[i];
            Throwable th = s.thrown[i];
            Object owner = s.owners[i];
            Object parent = s.parents[i];
            s.args[i] = null;
            s.thrown[i] = null;
            s.owners[i] = null;
            s.parents[i] = null;
            sink.call(this, s.kinds[i], s.depths[i], s.enters[i], s.exits[i], s.results[i], arg, th, s.segments[i],
                    owner, parent);
        }
        reading = s;
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

    /** Calls dropped because this ring was full at its largest. */
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
