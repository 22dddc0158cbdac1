package dev.syscalllens.agent.otel;

import dev.syscalllens.agent.correlate.CallNode;
import io.opentelemetry.api.trace.SpanContext;

import java.lang.ref.WeakReference;

/**
 * Pairs a virtual thread's park with the Poller.poll span that woke it. The pair is certain, not
 * guessed: the poller's polled(fd) unparked that very thread (the advice on unpark saw it), the
 * thread waited for that same fd, and the unpark lies inside the park's window, after the thread
 * began to wait (so after its registration was made, never the one before) and before it ran
 * again (so before any registration after). polled unparks a thread only when it takes its
 * registration, and a thread has one at a time: no other wake fits that window.
 *
 * <p>Whichever span is emitted first waits here; the second links to it. A bounded ring per side,
 * weak for the threads; an unpaired entry (the wake of a thread parked outside any recorded call,
 * such as the JDK's own sub-pollers) ages out. Correlator thread only.
 */
final class PollerWakes {
    private static final int SIZE = 1024;

    /** One side of a pair: for a park its window (from, to), for a wake the unpark, twice. */
    private record Entry(WeakReference<Thread> thread, int fd, long from, long to, SpanContext span) {
    }

    private final Entry[] parks = new Entry[SIZE];
    private final Entry[] wakes = new Entry[SIZE];
    private int nextPark;
    private int nextWake;

    /** The Poller.poll span, already emitted, that woke the thread out of {@code p}; or null. */
    SpanContext wokenBy(CallNode.Park p) {
        for (int i = 0; i < SIZE; i++) {
            Entry w = wakes[i];
            if (w != null && w.thread.get() == p.thread() && fits(w.fd, w.from, p.fd(), p.waitSinceNs(), p.resumedNs())) {
                wakes[i] = null;
                return w.span;
            }
        }
        return null;
    }

    /** The call span, already emitted, whose park {@code w} ended; or null. */
    SpanContext unparked(CallNode.Wake w) {
        for (int i = 0; i < SIZE; i++) {
            Entry p = parks[i];
            if (p != null && p.thread.get() == w.woken() && fits(w.fd(), w.unparkedNs(), p.fd, p.from, p.to)) {
                parks[i] = null;
                return p.span;
            }
        }
        return null;
    }

    /** A park in the span {@code call} that no emitted wake explains yet. */
    void parked(CallNode.Park p, SpanContext call) {
        if (p.fd() >= 0) {
            parks[nextPark] = new Entry(new WeakReference<>(p.thread()), p.fd(), p.waitSinceNs(), p.resumedNs(), call);
            nextPark = (nextPark + 1) % SIZE;
        }
    }

    /** A wake in the Poller.poll span {@code poll} whose park is not known yet. */
    void woke(CallNode.Wake w, SpanContext poll) {
        wakes[nextWake] = new Entry(new WeakReference<>(w.woken()), w.fd(), w.unparkedNs(), w.unparkedNs(), poll);
        nextWake = (nextWake + 1) % SIZE;
    }

    private static boolean fits(int wakeFd, long unparkedNs, int parkFd, long waitSinceNs, long resumedNs) {
        return parkFd >= 0 && wakeFd == parkFd && waitSinceNs < unparkedNs && unparkedNs < resumedNs;
    }
}
