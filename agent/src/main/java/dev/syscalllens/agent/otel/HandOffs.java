package dev.syscalllens.agent.otel;

import io.opentelemetry.api.trace.SpanContext;

import java.lang.ref.WeakReference;

/**
 * Pairs a call with the work another thread does for it, by an object both hold: the same buffer
 * (AsynchronousFileChannel.read and its pool task, compared by identity) or the same pid
 * (ProcessBuilder.start and the reaper, a Long compared by value). Whichever span is emitted
 * first leaves its context here; the second takes it and links to it. A bounded ring, weak for
 * the application's objects so they are never kept alive; an unpaired entry ages out.
 * Correlator thread only.
 */
final class HandOffs {
    private static final int SIZE = 256;

    private final WeakReference<?>[] keys = new WeakReference<?>[SIZE];
    private final SpanContext[] contexts = new SpanContext[SIZE];
    private int next;

    /** Leaves a context for {@code key}, replacing one an earlier, unpaired call left for it. */
    void put(Object key, SpanContext context) {
        take(key);
        keys[next] = key instanceof Long pid ? new StrongKey(pid) : new WeakReference<>(key);
        contexts[next] = context;
        next = (next + 1) % SIZE;
    }

    /** A pid is a value, not an object anyone holds: kept strongly. */
    private static final class StrongKey extends WeakReference<Object> {
        private final Long pid;

        StrongKey(Long pid) {
            super(null);
            this.pid = pid;
        }

        @Override
        public Object get() {
            return pid;
        }
    }

    /** The context left for {@code key}, removed; null when there is none. */
    SpanContext take(Object key) {
        if (key == null) {
            return null;
        }
        for (int i = 0; i < SIZE; i++) {
            WeakReference<?> ref = keys[i];
            if (ref != null && (ref.get() == key || (key instanceof Long && key.equals(ref.get())))) {
                keys[i] = null;
                SpanContext c = contexts[i];
                contexts[i] = null;
                return c;
            }
        }
        return null;
    }
}
