package dev.syscalllens.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        b.release();
    }

    /** Rings past SMALL_MAX slots share one budget: one ring at its largest leaves another less room, until it gives its share back. */
    @Test
    void largeRingsShareOneBudgetAndGiveItBack() {
        long before = CallBuffer.budgetUsed();
        CallBuffer first = new CallBuffer(Thread.currentThread());
        CallBuffer second = new CallBuffer(Thread.currentThread());
        for (long i = 0; first.dropped() == 0; i++) {
            append(first, i);
        }
        assertTrue(CallBuffer.budgetUsed() > before, "the first ring drew nothing from the budget");
        // The second grows until the budget stops it: below the bound, and it drops.
        for (long i = 0; second.dropped() == 0; i++) {
            append(second, i);
        }
        long stoppedAt = second.pending();
        assertTrue(stoppedAt < CallBuffer.MAX_CAPACITY, "the second ring reached " + stoppedAt);
        assertTrue(CallBuffer.budgetUsed() <= CallBuffer.BUDGET);
        // The first ring's share back, the second grows on.
        first.release();
        long dropped = second.dropped();
        for (long i = stoppedAt; second.pending() < CallBuffer.MAX_CAPACITY; i++) {
            append(second, i);
        }
        assertEquals(dropped, second.dropped());
        second.release();
        assertEquals(before, CallBuffer.budgetUsed());
    }

    /** A large ring that the consumer has emptied goes back to small slots (a second on) and gives back its budget. */
    @Test
    void anEmptiedLargeRingShrinksAndKeepsTheOrder() {
        long before = CallBuffer.budgetUsed();
        CallBuffer b = new CallBuffer(Thread.currentThread());
        long[] next = {0};
        String[] error = {null};
        CallBuffer.Sink sink = (from, kind, depth, enter, exit, result, arg, thrown, segment, owner, parent) -> {
            if (error[0] == null && (enter != next[0] || !Long.valueOf(enter).equals(arg))) {
                error[0] = "call " + next[0] + " came out as " + enter;
            }
            next[0] = enter + 1;
        };
        long n = 4L * CallBuffer.SMALL_MAX;
        long i = 0;
        for (; i < n; i++) {
            b.append(1, 0, i, i + 1, 0, (Long) i, null);
        }
        long large = CallBuffer.budgetUsed() - before;
        assertTrue(large > 0);
        assertEquals(n, b.drain(sink));
        // Emptied less than a second after it grew: it stays large.
        b.append(1, 0, i, i + 1, 0, (Long) i, null);
        i++;
        assertEquals(large, CallBuffer.budgetUsed() - before);
        assertEquals(1, b.drain(sink));
        // Emptied a second and more after it grew: small again, the budget given back, the order kept.
        long later = i + 2_000_000_000L;
        for (long end = i + 3L * CallBuffer.SMALL_MAX / 4; i < end; i++) {
            b.append(1, 0, i, later, 0, (Long) i, null);
        }
        assertEquals(before, CallBuffer.budgetUsed());
        b.drain(sink);
        assertEquals(null, error[0]);
        assertEquals(i, next[0]);
        assertEquals(0, b.dropped());
        b.release();
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
        ring[0].release();
    }
}
