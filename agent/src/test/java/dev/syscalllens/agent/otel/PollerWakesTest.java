package dev.syscalllens.agent.otel;

import dev.syscalllens.agent.correlate.CallNode;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A park pairs with a wake only for the same thread and fd, with the unpark inside the park's window. */
class PollerWakesTest {
    private static final Thread VT = new Thread(() -> { }, "parked");
    /** Waiting for fd 7 since 300 (registered after that), ran again from 600. */
    private static final CallNode.Park PARK = new CallNode.Park(VT, 7, 300, 400, 600, 1, 1);

    @Test
    void aWakeOfTheSameThreadAndFdInsideTheWindowPairsEitherWay() {
        PollerWakes first = new PollerWakes();
        first.woke(new CallNode.Wake(VT, 7, 450), span("a"));
        assertEquals(span("a"), first.wokenBy(PARK));
        assertNull(first.wokenBy(PARK), "a wake pairs once");

        PollerWakes second = new PollerWakes();
        second.parked(PARK, span("b"));
        assertEquals(span("b"), second.unparked(new CallNode.Wake(VT, 7, 450)));
    }

    @Test
    void anythingElseDoesNot() {
        PollerWakes w = new PollerWakes();
        w.woke(new CallNode.Wake(VT, 8, 450), span("a"));                      // another fd
        w.woke(new CallNode.Wake(new Thread(() -> { }), 7, 450), span("b"));  // another thread
        w.woke(new CallNode.Wake(VT, 7, 250), span("c"));                      // before it began to wait
        w.woke(new CallNode.Wake(VT, 7, 610), span("d"));                      // after it ran again
        assertNull(w.wokenBy(PARK));
        assertNull(w.wokenBy(new CallNode.Park(VT, -1, 0, 400, 600, 1, 1)), "a park not waiting for an fd");
    }

    private static SpanContext span(String id) {
        String hex = String.format("%16s", id).replace(' ', '0');
        return SpanContext.create("0123456789abcdef0123456789abcdef", hex, TraceFlags.getSampled(), TraceState.getDefault());
    }
}
