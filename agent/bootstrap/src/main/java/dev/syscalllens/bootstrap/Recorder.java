package dev.syscalllens.bootstrap;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the inlined advice calls. Both methods are safe to call from any thread at any time,
 * allocate nothing after a thread's first call, and take no lock.
 *
 * <pre>
 *   long t0 = Recorder.enter();                 // on method entry
 *   Recorder.exit(KIND, t0, arg, result, thrown); // on method exit, normal or exceptional
 * </pre>
 */
public final class Recorder {
    /** Returned by {@link #enter()} when the call is not recorded. */
    public static final long NOT_RECORDED = 0L;

    private static volatile boolean active;
    private static volatile TidSource tidSource;
    private static volatile AgentThreadListener agentThreadListener;

    private static final ThreadLocal<CallBuffer> CURRENT = new ThreadLocal<>();
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
     * Method entry. Returns the entry stamp ({@link System#nanoTime()}), or {@link #NOT_RECORDED}
     * when recording is off or the thread is one of the agent's own.
     */
    public static long enter() {
        if (!active) {
            return NOT_RECORDED;
        }
        CallBuffer b = current();
        if (b.ignored) {
            return NOT_RECORDED;
        }
        int d = b.depth++;
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
     * @param enter  what {@link #enter()} returned
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
        b.append(kind, d, enter, t1, result, arg, thrown);
    }

    private static CallBuffer current() {
        CallBuffer b = CURRENT.get();
        return b != null ? b : register();
    }

    private static CallBuffer register() {
        CallBuffer b = new CallBuffer(Thread.currentThread());
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
