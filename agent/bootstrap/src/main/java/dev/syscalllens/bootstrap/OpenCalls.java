package dev.syscalllens.bootstrap;

/**
 * The recorded calls a thread has open, for the nesting rules: a call made directly inside a call
 * of the same name is not recorded again, and nothing inside a folding call (class loading) is
 * recorded. A platform thread's are kept with its ring; a virtual thread's in its {@link VState},
 * since it moves between carriers. Owner thread only.
 */
class OpenCalls {
    /** Nesting tracked for the same-name rule; deeper calls are still recorded. */
    static final int MAX_DEPTH = 32;

    int depth;
    /** The application's span context when the outermost open call began (see Recorder.appContext). */
    Object parent;
    /** Open calls of folding kinds, and agent work (see Recorder.agentWork). */
    int folded;
    /** Nesting of agent work on this thread, and when the outermost began inside a call (else 0). */
    int agentWork;
    long agentSince;
    final int[] kinds = new int[MAX_DEPTH];
    /** Inside the JDK poller's polled(fd); the virtual thread it unparked there, if any yet, and when. */
    boolean waking;
    Thread woken;
    long wokenAt;

    /** Opens a call of {@code kind} when it is to be recorded; returns false, changing nothing, if not. */
    final boolean open(int kind, int[] names, boolean[] folds) {
        if (folded > 0) {
            return false;
        }
        int d = depth;
        if (d > 0 && d <= MAX_DEPTH && kind < names.length && names[kinds[d - 1]] == names[kind]) {
            return false;
        }
        if (d < MAX_DEPTH) {
            kinds[d] = kind;
        }
        depth = d + 1;
        if (kind < folds.length && folds[kind]) {
            folded++;
        }
        return true;
    }

    /** Closes the innermost open call, of {@code kind}; returns its depth (0 for an outermost call). */
    final int close(int kind, boolean[] folds) {
        if (kind < folds.length && folds[kind]) {
            folded--;
        }
        return --depth;
    }
}
