package dev.syscalllens.agent.otel;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The context of a span built by {@link DirectSpans}: ids random as the SDK's default generator
 * makes them (never all zero), always sampled, never remote, and flagged as having a random
 * trace id where the SDK's would be (a new trace's, or a parent's so flagged). The ids are kept as numbers and
 * written out in hex only when something reads them: with no exporter, or one that drops the
 * span, they never are.
 */
final class DirectSpanContext implements SpanContext {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final long traceHi;
    private final long traceLo;
    private final long spanId;
    private final TraceState state;
    private final TraceFlags flags;
    /** Written once when first read; a String is immutable, so a racy first read is harmless. */
    private String traceIdHex;
    private String spanIdHex;

    private static final TraceFlags SAMPLED_RANDOM = TraceFlags.builder().setSampled(true).setRandomTraceId(true).build();

    private DirectSpanContext(long traceHi, long traceLo, String traceIdHex, TraceState state, TraceFlags flags) {
        this.flags = flags;
        this.traceHi = traceHi;
        this.traceLo = traceLo;
        this.traceIdHex = traceIdHex;
        this.state = state;
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        this.spanId = id;
    }

    /** A new trace's first span. */
    static DirectSpanContext root() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi;
        long lo;
        do {
            hi = r.nextLong();
            lo = r.nextLong();
        } while (hi == 0 && lo == 0);
        return new DirectSpanContext(hi, lo, null, TraceState.getDefault(), SAMPLED_RANDOM);
    }

    /** A span in {@code parent}'s trace (valid and sampled), with its trace state. */
    static DirectSpanContext child(SpanContext parent) {
        if (parent instanceof DirectSpanContext p) {
            return new DirectSpanContext(p.traceHi, p.traceLo, p.traceIdHex, p.state, p.flags);
        }
        return new DirectSpanContext(0, 0, parent.getTraceId(), parent.getTraceState(),
                parent.getTraceFlags().isTraceIdRandom() ? SAMPLED_RANDOM : TraceFlags.getSampled());
    }

    @Override
    public String getTraceId() {
        String s = traceIdHex;
        if (s == null) {
            char[] c = new char[32];
            hex(traceHi, c, 0);
            hex(traceLo, c, 16);
            traceIdHex = s = new String(c);
        }
        return s;
    }

    @Override
    public String getSpanId() {
        String s = spanIdHex;
        if (s == null) {
            char[] c = new char[16];
            hex(spanId, c, 0);
            spanIdHex = s = new String(c);
        }
        return s;
    }

    private static void hex(long v, char[] out, int at) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
    }

    @Override
    public TraceFlags getTraceFlags() {
        return flags;
    }

    @Override
    public TraceState getTraceState() {
        return state;
    }

    @Override
    public boolean isRemote() {
        return false;
    }

    @Override
    public boolean isValid() {
        return true;
    }

    @Override
    public boolean isSampled() {
        return true;
    }

    /**
     * Equal to another of ours with the same ids and state. (Not to the SDK's with the same ids:
     * the SDK's span contexts are equal only among themselves, and equality must go both ways.)
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof DirectSpanContext c && spanId == c.spanId && getTraceId().equals(c.getTraceId())
                && state.equals(c.state);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(spanId);
    }

    @Override
    public String toString() {
        return "SpanContext{traceId=" + getTraceId() + ", spanId=" + getSpanId() + ", traceFlags="
                + getTraceFlags() + ", traceState=" + state + ", remote=false, valid=true}";
    }
}
