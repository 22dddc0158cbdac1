package dev.syscalllens.bootstrap;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the inlined advice calls. Both methods are safe to call from any thread at any time,
 * allocate nothing after a thread's first call, and take no lock.
 *
 * <pre>
 *   long t0 = Recorder.enter(KIND);               // on method entry
 *   Recorder.exit(KIND, t0, arg, result, thrown); // on method exit, normal or exceptional
 * </pre>
 *
 * <p>A call made directly inside a call of the same name (an overload delegating to another,
 * {@code read(byte[])} to {@code read(byte[], int, int)}) is the same user call: it is not
 * recorded again.
 */
public final class Recorder {
    /** Returned by {@link #enter(int)} when the call is not recorded. */
    public static final long NOT_RECORDED = 0L;

    private static volatile boolean active;
    private static volatile TidSource tidSource;
    private static volatile AgentThreadListener agentThreadListener;
    /** Kind id to the id of its name; calls of equal name id do not nest. Set before activation. */
    private static volatile int[] nameIds = new int[0];
    /** Kinds that fold what they call: no call inside one is recorded (class loading). */
    private static volatile boolean[] folding = new boolean[0];

    private static final ThreadLocal<CallBuffer> CURRENT = new ThreadLocal<>();
    /**
     * Shared by every virtual thread: never recorded. A virtual thread's syscalls run on whichever
     * carrier it is mounted on, and may move to another carrier inside one call, so attributing
     * them by one tid would be wrong; until that is handled, virtual threads are not traced (and
     * do not cost a buffer each).
     */
    private static final CallBuffer VIRTUAL = new CallBuffer(new Thread((Runnable) null, "virtual threads"));
    private static final java.lang.invoke.MethodHandle IS_VIRTUAL = isVirtualHandle();

    static {
        VIRTUAL.ignored = true;
    }
    private static final List<CallBuffer> BUFFERS = new CopyOnWriteArrayList<>();

    private Recorder() {
    }

    /** Gives the Linux tid of the calling thread. */
    public interface TidSource {
        int currentTid();
    }

    /** Told about each thread that marks itself as the agent's own. */
    public interface AgentThreadListener {
        void agentThread(int tid);
    }

    /**
     * Method entry of a call of {@code kind}. Returns the entry stamp ({@link System#nanoTime()}), or {@link #NOT_RECORDED}
     * when recording is off or the thread is one of the agent's own.
     */
    public static long enter(int kind) {
        if (!active) {
            return NOT_RECORDED;
        }
        CallBuffer b = current();
        if (b.ignored) {
            return NOT_RECORDED;
        }
        if (b.folded > 0) {
            return NOT_RECORDED;
        }
        int d = b.depth;
        int[] names = nameIds;
        if (d > 0 && d <= CallBuffer.MAX_DEPTH && kind < names.length
                && names[b.openKinds[d - 1]] == names[kind]) {
            return NOT_RECORDED;
        }
        if (d < CallBuffer.MAX_DEPTH) {
            b.openKinds[d] = kind;
        }
        b.depth = d + 1;
        boolean[] folds = folding;
        if (kind < folds.length && folds[kind]) {
            b.folded++;
        }
        long t0 = System.nanoTime();
        if (d == 0) {
            b.open(t0);
        }
        return t0;
    }

    /**
     * Method exit.
     *
     * @param kind   the call kind (an id the agent defines)
     * @param enter  what {@link #enter(int)} returned
     * @param arg    one object describing the call (a path, an address, the channel), or null
     * @param result the method's numeric result (bytes moved), or -1
     * @param thrown the exception the method threw, or null
     */
    public static void exit(int kind, long enter, Object arg, long result, Throwable thrown) {
        if (enter == NOT_RECORDED) {
            return;
        }
        long t1 = System.nanoTime();
        CallBuffer b = CURRENT.get();
        if (b == null) {
            return;
        }
        int d = --b.depth;
        boolean[] folds = folding;
        if (kind < folds.length && folds[kind]) {
            b.folded--;
        }
        b.append(kind, d, enter, t1, result, arg, thrown);
    }

    private static CallBuffer current() {
        CallBuffer b = CURRENT.get();
        return b != null ? b : register();
    }

    private static java.lang.invoke.MethodHandle isVirtualHandle() {
        try {
            return java.lang.invoke.MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    java.lang.invoke.MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null; // JDK 17-20: no virtual threads
        }
    }

    private static boolean isVirtual(Thread t) {
        try {
            return IS_VIRTUAL != null && (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    private static CallBuffer register() {
        Thread thread = Thread.currentThread();
        if (isVirtual(thread)) {
            CURRENT.set(VIRTUAL);
            return VIRTUAL;
        }
        CallBuffer b = new CallBuffer(thread);
        // Ignored while the tid is looked up, so any I/O that the lookup does is not recorded.
        b.ignored = true;
        CURRENT.set(b);
        TidSource source = tidSource;
        b.tid = source == null ? -1 : source.currentTid();
        b.ignored = false;
        BUFFERS.add(b);
        return b;
    }

    /**
     * Marks the calling thread as one of the agent's own: its calls are never recorded and the
     * probe is asked not to trace it.
     */
    public static void markAgentThread() {
        CallBuffer b = current();
        b.ignored = true;
        AgentThreadListener l = agentThreadListener;
        if (l != null && b.tid > 0) {
            l.agentThread(b.tid);
        }
    }

    /** Linux tid of the calling thread (looked up once per thread). */
    public static int currentTid() {
        return current().tid;
    }

    public static void setTidSource(TidSource source) {
        tidSource = source;
    }

    public static void setAgentThreadListener(AgentThreadListener listener) {
        agentThreadListener = listener;
    }

    /** See {@link #nameIds}. */
    public static void setNameIds(int[] ids) {
        nameIds = ids.clone();
    }

    /** See {@link #folding}. */
    public static void setFolding(boolean[] kinds) {
        folding = kinds.clone();
    }

    public static void setActive(boolean on) {
        active = on;
    }

    public static boolean isActive() {
        return active;
    }

    /** Every thread's buffer, for the correlator; finished ones are removed with {@link #forget}. */
    public static List<CallBuffer> buffers() {
        return BUFFERS;
    }

    public static void forget(CallBuffer b) {
        BUFFERS.remove(b);
    }
}
