package dev.syscalllens.api;

/**
 * What the syscall-lens agent offers code running in the JVM it traces: the syscalls the calling
 * thread makes between two points.
 *
 * <pre>
 *   Capture c = Syscalls.capture();
 *   Files.writeString(path, "hi");
 *   List&lt;Syscall&gt; made = c.stop();   // openat, write, close
 * </pre>
 *
 * <p>This class is in the agent jar, which the JVM puts on the system class path; it is never
 * relocated. Without the agent running it is not there at all, or {@link #capture()} says why it
 * cannot trace. Nothing here costs the application anything while no capture is open.
 */
public final class Syscalls {
    /**
     * A capture keeps at most this many syscalls; one that made more cannot be stopped with a
     * result (a capture that is never stopped holds no more than this).
     */
    public static final int MAX_SYSCALLS = 10_000;
    /** At most this many captures are open at once in one JVM (over all threads). */
    public static final int MAX_OPEN = 64;

    /** The agent's side; set once, when the agent has started. */
    public interface Backend {
        /** Null when the probe traces this JVM's threads, else why not. */
        String problem();

        /** Starts a capture on the calling thread; throws IllegalStateException when it cannot. */
        Capture capture();
    }

    private static volatile Backend backend;

    private Syscalls() {
    }

    /** For the agent: called once at start-up, later calls are ignored. */
    public static synchronized void install(Backend b) {
        if (backend == null) {
            backend = b;
        }
    }

    /** Whether the agent's probe traces this JVM now, so that {@link #capture()} can work. */
    public static boolean tracing() {
        return problem() == null;
    }

    /** Null when syscalls are traced; else one line saying why they are not. */
    public static String problem() {
        Backend b = backend;
        return b == null ? "the syscall-lens agent has not started in this JVM" : b.problem();
    }

    /**
     * Starts capturing the syscalls the calling (platform) thread makes.
     *
     * @throws IllegalStateException when syscalls are not traced ({@link #problem()} says why),
     *         the thread is a virtual thread (it moves between carriers) or one of the agent's own,
     *         or {@link #MAX_OPEN} captures are already open
     */
    public static Capture capture() {
        Backend b = backend;
        if (b == null) {
            throw new IllegalStateException(problem());
        }
        return b.capture();
    }
}
