package dev.syscalllens.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A thread's ring of calls: it grows when full, keeps the order, and drops (and counts) only past its bound. */
class CallBufferTest {
    /** Checks that calls come out numbered 0, 1, 2, ... by their enter stamp, and counts them. */
    private static final class InOrder implements CallBuffer.Sink {
        long next;
        String error;

        @Override
        public void call(CallBuffer from, int kind, int depth, long enter, long exit, long result, Object arg,
                         Throwable thrown, long segment, Object owner, Object parent) {
            if (error == null && (enter != next || exit != enter + 1 || result != enter * 3 || !Long.valueOf(enter).equals(arg))) {
                error = "call " + next + " came out as enter=" + enter + " exit=" + exit + " result=" + result + " arg=" + arg;
            }
            next = enter + 1;
        }
    }

    private static void append(CallBuffer b, long i) {
        b.append(1, 0, i, i + 1, i * 3, (Long) i, null);
    }

    @Test
    void aFullRingGrowsAndKeepsEveryCallInOrder() {
        CallBuffer b = new CallBuffer(Thread.currentThread());
        int n = 5 * CallBuffer.CAPACITY; // past the first two sizes
        for (long i = 0; i < n; i++) {
            append(b, i);
        }
        assertEquals(n, b.pending());
        InOrder sink = new InOrder();
        assertEquals(n, b.drain(sink));
        assertEquals(null, sink.error);
        assertEquals(n, sink.next);
        assertEquals(0, b.dropped());
    }

    @Test
    void pastItsBoundARingDropsAndCounts() {
        CallBuffer b = new CallBuffer(Thread.currentThread());
        for (long i = 0; i < CallBuffer.MAX_CAPACITY + 100; i++) {
            append(b, i);
        }
        assertEquals(100, b.dropped());
        InOrder sink = new InOrder();
        assertEquals(CallBuffer.MAX_CAPACITY, b.drain(sink));
        assertEquals(null, sink.error);
        // Drained, it takes calls again, in its largest slots.
        for (long i = CallBuffer.MAX_CAPACITY; i < 2L * CallBuffer.MAX_CAPACITY; i++) {
            append(b, i);
        }
        assertEquals(CallBuffer.MAX_CAPACITY, b.drain(sink));
        assertEquals(null, sink.error);
        assertEquals(100, b.dropped());
    }

    /** The owner appends while the consumer drains now and then: nothing is lost, reordered or seen twice. */
    @Test
    void aGrowingRingDrainedConcurrentlyLosesNothing() throws Exception {
        long total = 3_000_000;
        CallBuffer[] ring = new CallBuffer[1];
        AtomicBoolean done = new AtomicBoolean();
        Thread owner = new Thread(() -> {
            ring[0] = new CallBuffer(Thread.currentThread());
            synchronized (ring) {
                ring.notifyAll();
            }
            long i = 0;
            while (i < total) {
                long dropped = ring[0].dropped();
                append(ring[0], i);
                if (ring[0].dropped() == dropped) {
                    i++; // a dropped call is made again, so that the numbers stay consecutive
                } else {
                    Thread.onSpinWait();
                }
            }
            done.set(true);
        });
        synchronized (ring) {
            owner.start();
            while (ring[0] == null) {
                ring.wait();
            }
        }
        InOrder sink = new InOrder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(done.get() && ring[0].pending() == 0) && System.nanoTime() < deadline) {
            ring[0].drain(sink);
            // A slow consumer now and then, so that the ring fills and grows while it is read.
            LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(4) == 0 ? 2_000_000 : 10_000);
        }
        owner.join(10_000);
        assertFalse(owner.isAlive());
        assertEquals(null, sink.error);
        assertEquals(total, sink.next);
    }
}
