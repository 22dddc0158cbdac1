package dev.syscalllens.bootstrap;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the inlined advice calls. Every method is safe to call from any thread at any time,
 * allocates nothing after a thread's first call, and takes no lock.
 *
 * <pre>
 *   long t0 = Recorder.enter(KIND);               // on method entry
 *   Recorder.exit(KIND, t0, arg, result, thrown); // on method exit, normal or exceptional
 * </pre>
 *
 * <p>A call made directly inside a call of the same name (an overload delegating to another,
 * {@code read(byte[])} to {@code read(byte[], int, int)}) is the same user call: it is not
 * recorded again.
 *
 * <p>Virtual threads (JDK 21+) follow the same rules with their state in a {@link VState}, since
 * they move between carriers inside a call. The advice on VirtualThread.unmount/mount says where
 * they ran ({@link #unmounting}, {@link #mounted}), on the JDK poller's Poller.poll(fd, ...) what
 * they waited for ({@link #waitingFor}), and on Poller.polled(fd) with VirtualThread.unpark who
 * woke them ({@link #waking}, {@link #unparking}, {@link #woke}).
 */
public final class Recorder {
    /** Returned by {@link #enter(int)} when the call is not recorded. */
    public static final long NOT_RECORDED = 0L;
    /**
     * Kind of the record a virtual thread leaves on a carrier it leaves inside a call: its
     * stretch there, and the fd it waits for in the JDK poller (result) since when (enter).
     */
    public static final int PARKED = -2;
    /**
     * Kind of the record the JDK poller's polled(fd) leaves when it unparks a virtual thread
     * (arg) waiting for fd (result), at enter; nested in the poller's recorded Poller.poll call.
     */
    public static final int WAKE = -3;
    /**
     * Kind of the record of agent work done on an application thread inside one of its calls
     * (see {@link #agentWork}): the syscalls of [enter, exit] on the thread are not the call's.
     */
    public static final int AGENT_WORK = -4;

    private static volatile boolean active;
    private static volatile TidSource tidSource;
    private static volatile AgentThreadListener agentThreadListener;
    /** Kind id to the id of its name; calls of equal name id do not nest. Set before activation. */
    private static volatile int[] nameIds = new int[0];
    /** Kinds that fold what they call: no call inside one is recorded (class loading). */
    private static volatile boolean[] folding = new boolean[0];

    private static final java.lang.invoke.MethodHandle IS_VIRTUAL = isVirtualHandle();
    /** Thread.currentCarrierThread(), JDK 21+, where the agent opened java.lang to us. */
    private static final java.lang.invoke.MethodHandle CURRENT_CARRIER = currentCarrierHandle();
    /**
     * Each platform thread's ring. On JDK 21+ a CarrierThreadLocal, so that a virtual thread finds
     * the ring of the carrier it runs on.
     */
    private static final ThreadLocal<CallBuffer> CURRENT = newCurrent();
    /** Whether virtual threads are recorded (JDK 21+, with the JDK internals the agent opened). */
    private static final boolean VIRTUAL_THREADS = CURRENT_CARRIER != null
            && !CURRENT.getClass().equals(ThreadLocal.class);
    private static final ThreadLocal<VState> VSTATE = new ThreadLocal<>();
    /**
     * Shared by virtual threads where they cannot be recorded (the internals were not opened):
     * never recorded, so never attributed by a carrier's tid, which may change inside one call.
     */
    private static final CallBuffer VIRTUAL = new CallBuffer(new Thread((Runnable) null, "virtual threads"));

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
        if (VIRTUAL_THREADS && isVirtual(Thread.currentThread())) {
            return enterVirtual(kind);
        }
        CallBuffer b = current();
        if (b.ignored) {
            return NOT_RECORDED;
        }
        OpenCalls c = b.calls;
        Object parent = c.depth == 0 ? appContext(c) : null;
        if (!c.open(kind, nameIds, folding)) {
            return NOT_RECORDED;
        }
        long t0 = System.nanoTime();
        if (c.depth == 1) {
            c.parent = parent;
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
        if (VIRTUAL_THREADS && isVirtual(Thread.currentThread())) {
            exitVirtual(kind, enter, t1, arg, result, thrown);
            return;
        }
        CallBuffer b = CURRENT.get();
        if (b == null) {
            return;
        }
        OpenCalls c = b.calls;
        int d = c.close(kind, folding);
        Object parent = null;
        if (d == 0) {
            parent = c.parent;
            c.parent = null;
        }
        b.append(kind, d, enter, t1, result, arg, thrown, enter, null, parent);
    }

    /** Reads the application's current span context: {@code Span.current().getSpanContext()} of its API. */
    private static volatile java.lang.invoke.MethodHandle contextReader;

    /**
     * Set by the agent once the application's OpenTelemetry (its API, or the OpenTelemetry Java
     * agent's) is loaded: a handle of type {@code ()Object}.
     */
    public static void setContextReader(java.lang.invoke.MethodHandle reader) {
        contextReader = reader;
    }

    /**
     * The application's span context on this thread, or null. Any call the reading makes (a class
     * loaded the first time) is folded away, never recorded as the application's.
     */
    private static Object appContext(OpenCalls c) {
        java.lang.invoke.MethodHandle h = contextReader;
        if (h == null) {
            return null;
        }
        c.folded++;
        try {
            return (Object) h.invokeExact();
        } catch (Throwable t) {
            return null;
        } finally {
            c.folded--;
        }
    }

    private static long enterVirtual(int kind) {
        VState v = VSTATE.get();
        if (v == null) {
            v = new VState();
            VSTATE.set(v);
        }
        CallBuffer b = null;
        Object parent = null;
        if (v.depth == 0) {
            b = current();
            if (b.ignored) {
                return NOT_RECORDED;
            }
            parent = appContext(v);
        }
        if (!v.open(kind, nameIds, folding)) {
            return NOT_RECORDED;
        }
        long t0 = System.nanoTime();
        if (b != null) {
            v.parent = parent;
            v.enter = t0;
            v.segment = t0;
            b.open(t0);
        }
        return t0;
    }

    private static void exitVirtual(int kind, long enter, long t1, Object arg, long result, Throwable thrown) {
        VState v = VSTATE.get();
        if (v == null || v.depth == 0) {
            return;
        }
        // The ring of the carrier the call ends on. Nested calls go there too, with their depth:
        // the correlator gathers a virtual thread's records from every carrier's ring.
        int d = v.close(kind, folding);
        Object parent = null;
        if (d == 0) {
            parent = v.parent;
            v.parent = null;
        }
        current().append(kind, d, enter, t1, result, arg, thrown, v.segment, Thread.currentThread(), parent);
    }

    /**
     * VirtualThread.unmount(), on entry (still the virtual thread): inside a recorded call, says
     * which stretch of this carrier's syscalls were the call's, and what the thread waits for.
     */
    public static void unmounting() {
        if (!active || !VIRTUAL_THREADS) {
            return;
        }
        VState v = VSTATE.get();
        if (v == null || v.depth == 0 || v.segment == 0) {
            return;
        }
        long t = System.nanoTime();
        current().append(PARKED, 0, v.pollSince, t, v.pollFd, null, null, v.segment, Thread.currentThread(), null);
        v.segment = 0;
    }

    /** VirtualThread.mount(), on exit (the virtual thread again): a new stretch on this carrier. */
    public static void mounted() {
        if (!active || !VIRTUAL_THREADS) {
            return;
        }
        VState v = VSTATE.get();
        if (v == null || v.depth == 0) {
            return;
        }
        long t = System.nanoTime();
        v.segment = t;
        current().open(t);
    }

    /**
     * sun.nio.ch.Poller.poll(fd, event, nanos, isOpen), on entry: a virtual thread inside a
     * recorded call registers {@code fd} with the JDK's poller and parks until it is ready.
     */
    public static void waitingFor(int fd) {
        if (!active || !VIRTUAL_THREADS || !isVirtual(Thread.currentThread())) {
            return;
        }
        VState v = VSTATE.get();
        if (v != null && v.depth > 0) {
            v.pollFd = fd;
            v.pollSince = System.nanoTime();
        }
    }

    /** Poller.poll(fd, ...), on exit: the wait is over. */
    public static void waited() {
        if (!active || !VIRTUAL_THREADS || !isVirtual(Thread.currentThread())) {
            return;
        }
        VState v = VSTATE.get();
        if (v != null) {
            v.pollFd = -1;
            v.pollSince = 0;
        }
    }

    /**
     * Poller.polled(fd), on entry: the poller found {@code fd} ready and will unpark the thread
     * waiting for it. Returns the entry stamp, or {@link #NOT_RECORDED} outside a recorded call.
     */
    public static long waking() {
        if (!active || !VIRTUAL_THREADS) {
            return NOT_RECORDED;
        }
        OpenCalls o = openCalls();
        if (o == null || o.depth == 0) {
            return NOT_RECORDED;
        }
        o.waking = true;
        o.woken = null;
        return System.nanoTime();
    }

    /**
     * VirtualThread.unpark(), on entry, on the unparking thread: inside polled(fd) it is the
     * poller waking the thread that waited for fd (polled unparks nothing else). The stamp is
     * taken here, after the poller took the thread's registration and before the thread can run.
     */
    public static void unparking(Thread virtual) {
        if (!active || !VIRTUAL_THREADS) {
            return;
        }
        OpenCalls o = openCalls();
        if (o != null && o.waking) {
            o.woken = virtual;
            o.wokenAt = System.nanoTime();
        }
    }

    /** Poller.polled(fd), on exit: a WAKE record when it unparked a virtual thread. */
    public static void woke(long enter, int fd) {
        if (enter == NOT_RECORDED) {
            return;
        }
        long t1 = System.nanoTime();
        OpenCalls o = openCalls();
        if (o == null) {
            return;
        }
        Thread woken = o.woken;
        o.waking = false;
        o.woken = null;
        if (woken == null || o.depth == 0) {
            return;
        }
        Thread t = Thread.currentThread();
        if (o instanceof VState v) {
            current().append(WAKE, v.depth, o.wokenAt, t1, fd, woken, null, v.segment, t, null);
        } else {
            CURRENT.get().append(WAKE, o.depth, o.wokenAt, t1, fd, woken, null);
        }
    }

    /**
     * Agent work on an application thread begins ({@code true}) or ends: the agent weaving
     * a JDK class as the thread loads it, which loads classes of the agent's and reads its jar.
     * Nothing the thread calls in between is recorded, as inside a folding call, and inside a
     * recorded call an {@link #AGENT_WORK} record keeps the syscalls in between out of it: neither
     * is the application's. Begin and end come in pairs, on one thread. A virtual thread's calls
     * are folded only.
     */
    public static void agentWork(boolean begin) {
        if (VIRTUAL_THREADS && isVirtual(Thread.currentThread())) {
            VState v = VSTATE.get();
            if (v == null) {
                v = new VState();
                VSTATE.set(v);
            }
            v.folded += begin ? 1 : -1;
            return;
        }
        CallBuffer b = current();
        if (b.ignored) {
            return;
        }
        OpenCalls c = b.calls;
        if (begin) {
            if (c.agentWork++ == 0) {
                c.folded++;
                c.agentSince = active && c.depth > 0 ? System.nanoTime() : 0L;
            }
        } else if (--c.agentWork == 0) {
            c.folded--;
            if (c.agentSince != 0L) {
                b.append(AGENT_WORK, c.depth, c.agentSince, System.nanoTime(), -1, null, null);
                c.agentSince = 0L;
            }
        }
    }

    /** The calling thread's open calls, without creating any state; null if it has none. */
    private static OpenCalls openCalls() {
        if (isVirtual(Thread.currentThread())) {
            return VSTATE.get();
        }
        CallBuffer b = CURRENT.get();
        return b == null || b.ignored ? null : b.calls;
    }

    @SuppressWarnings("unchecked")
    private static ThreadLocal<CallBuffer> newCurrent() {
        if (IS_VIRTUAL != null && CURRENT_CARRIER != null) {
            try {
                return (ThreadLocal<CallBuffer>) Class.forName("jdk.internal.misc.CarrierThreadLocal")
                        .getConstructor().newInstance();
            } catch (Throwable e) {
                // not opened to us: virtual threads are not recorded
            }
        }
        return new ThreadLocal<>();
    }

    private static java.lang.invoke.MethodHandle currentCarrierHandle() {
        try {
            return java.lang.invoke.MethodHandles.privateLookupIn(Thread.class, java.lang.invoke.MethodHandles.lookup())
                    .findStatic(Thread.class, "currentCarrierThread", java.lang.invoke.MethodType.methodType(Thread.class));
        } catch (Throwable e) {
            return null;
        }
    }

    private static Thread platformThread() {
        Thread t = Thread.currentThread();
        if (VIRTUAL_THREADS && isVirtual(t)) {
            try {
                return (Thread) CURRENT_CARRIER.invokeExact();
            } catch (Throwable e) {
                return t;
            }
        }
        return t;
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
        Thread thread = platformThread();
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
        b.ignored = AGENT_LINEAGE.get() == Boolean.TRUE;
        BUFFERS.add(b);
        AgentThreadListener l = agentThreadListener;
        if (b.ignored && l != null && b.tid > 0) {
            l.agentThread(b.tid);
        }
        return b;
    }

    /**
     * Threads started by the agent's own threads (the exporters' workers, their HTTP clients'
     * threads) are the agent's too; so are those a thread starts while it sets up the agent.
     */
    private static final InheritableThreadLocal<Boolean> AGENT_LINEAGE = new InheritableThreadLocal<>();

    /** While on, threads the calling thread starts are the agent's (see {@link #AGENT_LINEAGE}). */
    public static void agentScope(boolean on) {
        if (on) {
            AGENT_LINEAGE.set(Boolean.TRUE);
        } else {
            AGENT_LINEAGE.remove();
        }
    }

    /**
     * Marks the calling thread as one of the agent's own: its calls are never recorded and the
     * probe is asked not to trace it.
     */
    public static void markAgentThread() {
        AGENT_LINEAGE.set(Boolean.TRUE);
        CallBuffer b = current();
        b.ignored = true;
        AgentThreadListener l = agentThreadListener;
        if (l != null && b.tid > 0) {
            l.agentThread(b.tid);
        }
    }

    /** Whether the calling thread is one of the agent's own (never a thread's first look-up). */
    public static boolean isAgentThread() {
        CallBuffer b = CURRENT.get();
        return b != null && b.ignored;
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
