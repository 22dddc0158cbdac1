package dev.syscalllens.agent.otel;

import io.opentelemetry.api.trace.SpanContext;

import java.lang.ref.WeakReference;

/**
 * Pairs a call with the work another thread does for it, by the identity of an object both hold
 * (AsynchronousFileChannel.read and its pool task share the buffer). Whichever span is emitted
 * first leaves its context here; the second takes it and links to it. A bounded ring of weak
 * references: an application's buffers are never kept alive, and an unpaired entry ages out.
 * Correlator thread only.
 */
final class HandOffs {
    private static final int SIZE = 256;

    private final WeakReference<?>[] keys = new WeakReference<?>[SIZE];
    private final SpanContext[] contexts = new SpanContext[SIZE];
    private int next;

    void put(Object key, SpanContext context) {
        keys[next] = new WeakReference<>(key);
        contexts[next] = context;
        next = (next + 1) % SIZE;
    }

    /** The context left for {@code key}, removed; null when there is none. */
    SpanContext take(Object key) {
        if (key == null) {
            return null;
        }
        for (int i = 0; i < SIZE; i++) {
            WeakReference<?> ref = keys[i];
            if (ref != null && ref.get() == key) {
                keys[i] = null;
                SpanContext c = contexts[i];
                contexts[i] = null;
                return c;
            }
        }
        return null;
    }
}
