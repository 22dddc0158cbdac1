package dev.syscalllens.bootstrap;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Facts that are not calls: "this object was seen on this thread at this time". The HttpClient
 * advice leaves one when a request's exchange starts on the caller's thread and one when an
 * HTTP/1.1 exchange takes a connection, so that the agent can tie the selector and worker
 * threads' channel I/O to the request it serves. Rare (a few per HTTP request), so a shared
 * queue with one small allocation each is cheap enough; it is bounded and drained by the
 * correlator thread.
 */
public final class Notes {
    /** One fact. */
    public static final class Note {
        public final long ns;
        public final long threadId;
        public final Object object;

        Note(long ns, long threadId, Object object) {
            this.ns = ns;
            this.threadId = threadId;
            this.object = object;
        }
    }

    private static final int MAX = 4096;
    private static final ConcurrentLinkedQueue<Note> QUEUE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger SIZE = new AtomicInteger();
    private static volatile long dropped;

    private Notes() {
    }

    /** Leaves a note of {@code object}, seen now on the calling thread (not on the agent's threads). */
    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
    public static void add(Object object) {
        if (!Recorder.isActive() || Recorder.isAgentThread()) {
            return;
        }
        if (SIZE.incrementAndGet() > MAX) {
            SIZE.decrementAndGet();
            dropped++;
            return;
        }
        QUEUE.add(new Note(System.nanoTime(), Thread.currentThread().getId(), object));
    }

    /** The oldest note, removed; null when there is none. Correlator thread only. */
    public static Note poll() {
        Note n = QUEUE.poll();
        if (n != null) {
            SIZE.decrementAndGet();
        }
        return n;
    }

    /** Notes not kept because the queue was full. */
    public static long dropped() {
        return dropped;
    }
}
