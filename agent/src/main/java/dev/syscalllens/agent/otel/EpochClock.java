package dev.syscalllens.agent.otel;

import io.opentelemetry.sdk.common.Clock;

/**
 * Epoch time read off {@code System.nanoTime()} from one anchor taken at start: the clock of the
 * agent's spans. The SDK reads its clock once for every root span (its anchor), and every call
 * span is a root; the SDK's default clock makes an {@code Instant} each time. All our spans
 * carry explicit start and end stamps converted with this same offset, so a time the SDK fills
 * in itself (an exception's event) agrees with them.
 */
final class EpochClock implements Clock {
    static final EpochClock INSTANCE = new EpochClock();

    /** Epoch nanoseconds minus System.nanoTime(), measured once. */
    final long offsetNs;

    private EpochClock() {
        java.time.Instant now = java.time.Instant.now();
        long nano = System.nanoTime();
        offsetNs = now.getEpochSecond() * 1_000_000_000L + now.getNano() - nano;
    }

    @Override
    public long now() {
        return offsetNs + System.nanoTime();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
