package dev.syscalllens.agent.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A span built by {@link DirectSpans} is the span the SDK's builder makes from the same calls:
 * every field of its data and its OTLP JSON but the random ids; and where it could not be,
 * the SDK builds it.
 */
class DirectSpansTest {
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("file.path");
    private static final AttributeKey<Long> TID = AttributeKey.longKey("linux.tid");
    private static final AttributeKey<Boolean> UNKNOWN = AttributeKey.booleanKey("syscall_lens.syscalls.unknown");
    private static final AttributeKey<String> ARGS = AttributeKey.stringKey("syscall.args");

    /** Ended spans, in order, as a processor sees them. */
    private static final class Collect implements SpanProcessor {
        final List<ReadableSpan> ended = new ArrayList<>();
        int started;

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
            started++;
        }

        @Override
        public boolean isStartRequired() {
            return true;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            ended.add(span);
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }

    private static DirectSpans spans(Collect c, SpanLimits limits, Sampler sampler) {
        Resource resource = Resource.getDefault().merge(Resource.builder().put("process.pid", 42L).build());
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource).setSpanLimits(limits)
                .setSampler(sampler).setClock(EpochClock.INSTANCE).addSpanProcessor(c).build();
        return new DirectSpans(provider, List.of(c), resource);
    }

    /** A call span and a syscall child under it, made through {@code tracer}. */
    private static void callWithSyscall(Tracer tracer, Context parent) {
        Span call = tracer.spanBuilder("FileChannel.write").setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(1_700_000_000_000_000_000L, TimeUnit.NANOSECONDS)
                .setAttribute(PATH, "/home/me/test.txt").setAttribute(TID, 4242L).setAttribute(UNKNOWN, true)
                .setAttribute(TID, 4243L) // set again: replaces, and counts
                .setAttribute(AttributeKey.doubleKey("ratio"), 0.5)
                .startSpan();
        Span syscall = tracer.spanBuilder("write").setParent(parent.with(call))
                .setStartTimestamp(1_700_000_000_000_001_000L, TimeUnit.NANOSECONDS)
                .setAttribute(ARGS, "3</home/me/test.txt>, \"hello world\\n\", 12").startSpan();
        syscall.setStatus(StatusCode.ERROR, "-1 EBADF (Bad file descriptor)");
        syscall.end(1_700_000_000_000_002_000L, TimeUnit.NANOSECONDS);
        call.setAttribute(AttributeKey.longKey("late"), 7L);
        call.end(1_700_000_000_000_003_000L, TimeUnit.NANOSECONDS);
    }

    /** Both ways under the same limits and parent: the same spans, field by field. */
    private static void sameSpans(SpanLimits limits, Function<DirectSpans, Context> parent) {
        Collect direct = new Collect();
        Collect sdk = new Collect();
        DirectSpans d = spans(direct, limits, Sampler.parentBased(Sampler.alwaysOn()));
        DirectSpans s = spans(sdk, limits, Sampler.parentBased(Sampler.alwaysOn()));
        assertTrue(d.direct());
        callWithSyscall(d.tracer(), parent.apply(d));
        callWithSyscall(s.sdkTracer(), parent.apply(s));
        assertEquals(2, direct.ended.size());
        assertEquals(2, direct.started);
        assertEquals(2, sdk.started);
        for (int i = 0; i < 2; i++) {
            assertInstanceOf(DirectSpan.class, direct.ended.get(i));
            assertSame(sdk.ended.get(i).toSpanData(), direct.ended.get(i).toSpanData());
        }
        SpanContext call = direct.ended.get(1).getSpanContext();
        SpanContext syscall = direct.ended.get(0).getSpanContext();
        assertEquals(call, direct.ended.get(0).getParentSpanContext());
        assertEquals(call.getTraceId(), syscall.getTraceId());
        assertNotEquals(call.getSpanId(), syscall.getSpanId());
        assertEquals(sdk.ended.get(0).getAttribute(ARGS), direct.ended.get(0).getAttribute(ARGS));
        assertEquals(sdk.ended.get(1).getAttribute(TID), direct.ended.get(1).getAttribute(TID));
        // The OTLP JSON of the file exporter, ids aside.
        assertEquals(otlpJson(sdk.ended), otlpJson(direct.ended));
    }

    @Test
    void aRootCallAndItsSyscallAreTheSdksSpans() {
        sameSpans(SpanLimits.getDefault(), d -> Context.root());
    }

    @Test
    void theSdksLimitsApplyAlike() {
        // Three attributes at most, strings cut at 5 characters.
        sameSpans(SpanLimits.builder().setMaxNumberOfAttributes(3).setMaxAttributeValueLength(5).build(),
                d -> Context.root());
    }

    @Test
    void underTheApplicationsSpanTheTraceAndItsStateCarryOn() {
        SpanContext app = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.builder().put("vendor", "v1").build());
        sameSpans(SpanLimits.getDefault(), d -> Context.root().with(Span.wrap(app)));
        Collect c = new Collect();
        callWithSyscall(spans(c, SpanLimits.getDefault(), Sampler.parentBased(Sampler.alwaysOn())).tracer(),
                Context.root().with(Span.wrap(app)));
        SpanContext call = c.ended.get(1).getSpanContext();
        assertEquals(app.getTraceId(), call.getTraceId());
        assertEquals("v1", call.getTraceState().get("vendor"));
        assertEquals(app, c.ended.get(1).getParentSpanContext());
        assertTrue(call.isSampled());
        assertFalse(call.isRemote());
    }

    @Test
    void idsAreRandomHexNeverZero() {
        Collect c = new Collect();
        Tracer t = spans(c, SpanLimits.getDefault(), Sampler.parentBased(Sampler.alwaysOn())).tracer();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            t.spanBuilder("x").setParent(Context.root()).startSpan().end();
        }
        for (ReadableSpan s : c.ended) {
            SpanContext sc = s.getSpanContext();
            assertTrue(sc.getTraceId().matches("[0-9a-f]{32}") && !sc.getTraceId().matches("0+"), sc.getTraceId());
            assertTrue(sc.getSpanId().matches("[0-9a-f]{16}") && !sc.getSpanId().matches("0+"), sc.getSpanId());
            assertTrue(sc.isValid());
            assertTrue(sc.isSampled() && !sc.isRemote() && sc.getTraceState().isEmpty());
            assertTrue(sc.getTraceFlags().isTraceIdRandom());
            assertEquals(SpanContext.create(sc.getTraceId(), sc.getSpanId(), sc.getTraceFlags(),
                    TraceState.getDefault()).toString(), "Immutable" + sc);
            char[] hex = new char[32];
            io.opentelemetry.api.internal.OtelEncodingUtils.bytesToBase16(sc.getTraceIdBytes(), hex, 16);
            assertEquals(sc.getTraceId(), new String(hex));
            assertTrue(ids.add(sc.getTraceId()));
        }
    }

    @Test
    void whatTheSdkMustDecideGoesToTheSdk() {
        // A parent not sampled: the SDK's non-recording span, not ours.
        Collect c = new Collect();
        DirectSpans d = spans(c, SpanLimits.getDefault(), Sampler.parentBased(Sampler.alwaysOn()));
        SpanContext unsampled = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getDefault(), TraceState.getDefault());
        Span s = d.tracer().spanBuilder("read").setParent(Context.root().with(Span.wrap(unsampled))).startSpan();
        assertFalse(s.isRecording());
        assertFalse(s instanceof DirectSpan);
        s.end();
        assertEquals(0, c.ended.size());

        // Links: the SDK's span, with its links and every attribute set before.
        SpanContext other = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault());
        Span linked = d.tracer().spanBuilder("AsynchronousFileChannel.read").setParent(Context.root())
                .setAttribute(TID, 1L).addLink(other, Attributes.of(ARGS, "why")).setAttribute(PATH, "/a").startSpan();
        assertFalse(linked instanceof DirectSpan);
        linked.end();
        SpanData data = c.ended.get(0).toSpanData();
        assertEquals(other, data.getLinks().get(0).getSpanContext());
        assertEquals(Attributes.of(TID, 1L, PATH, "/a").asMap(), data.getAttributes().asMap());

        // Another sampler: every span through the SDK.
        Collect off = new Collect();
        DirectSpans never = spans(off, SpanLimits.getDefault(), Sampler.alwaysOff());
        assertFalse(never.direct());
        assertFalse(never.tracer().spanBuilder("read").setParent(Context.root()).startSpan().isRecording());
        Collect ratio = new Collect();
        assertFalse(spans(ratio, SpanLimits.getDefault(), Sampler.parentBased(Sampler.traceIdRatioBased(0.5))).direct());

        // Shut down: the SDK's, which makes no more spans.
        d.shutdown();
        Span late = d.tracer().spanBuilder("close").setParent(Context.root()).startSpan();
        assertFalse(late instanceof DirectSpan);
    }

    @Test
    void aSpanIsFixedOnceEndedAndASnapshotBefore() {
        Collect c = new Collect();
        Span s = spans(c, SpanLimits.getDefault(), Sampler.parentBased(Sampler.alwaysOn())).tracer()
                .spanBuilder("write").setParent(Context.root()).setAttribute(TID, 1L).startSpan();
        SpanData before = ((ReadableSpan) s).toSpanData();
        s.setAttribute(PATH, "/a");
        assertEquals(Attributes.of(TID, 1L), before.getAttributes());
        assertFalse(before.hasEnded());
        s.setStatus(StatusCode.OK, "");
        s.setStatus(StatusCode.ERROR, "ignored after OK, as in the SDK");
        s.end(5, TimeUnit.SECONDS);
        s.setAttribute(UNKNOWN, true);
        s.end(9, TimeUnit.SECONDS);
        SpanData after = c.ended.get(0).toSpanData();
        assertEquals(Attributes.of(TID, 1L, PATH, "/a"), after.getAttributes());
        assertEquals(StatusCode.OK, after.getStatus().getStatusCode());
        assertEquals(5_000_000_000L, after.getEndEpochNanos());
        assertEquals(1, c.ended.size());
    }

    private static void assertSame(SpanData sdk, SpanData direct) {
        assertEquals(sdk.getName(), direct.getName());
        assertEquals(sdk.getKind(), direct.getKind());
        assertEquals(sdk.getStatus(), direct.getStatus());
        assertEquals(sdk.getStartEpochNanos(), direct.getStartEpochNanos());
        assertEquals(sdk.getEndEpochNanos(), direct.getEndEpochNanos());
        assertEquals(sdk.hasEnded(), direct.hasEnded());
        // The SDK's are its map, ours an immutable set: the same entries.
        assertEquals(sdk.getAttributes().asMap(), direct.getAttributes().asMap());
        assertEquals(sdk.getTotalAttributeCount(), direct.getTotalAttributeCount());
        assertEquals(sdk.getEvents(), direct.getEvents());
        assertEquals(sdk.getLinks(), direct.getLinks());
        assertEquals(sdk.getTotalRecordedEvents(), direct.getTotalRecordedEvents());
        assertEquals(sdk.getTotalRecordedLinks(), direct.getTotalRecordedLinks());
        assertEquals(sdk.getInstrumentationScopeInfo(), direct.getInstrumentationScopeInfo());
        assertEquals(sdk.getResource(), direct.getResource());
        assertEquals(sdk.getParentSpanContext().isValid(), direct.getParentSpanContext().isValid());
        assertEquals(sdk.getSpanContext().getTraceFlags(), direct.getSpanContext().getTraceFlags());
        assertEquals(sdk.getSpanContext().getTraceState(), direct.getSpanContext().getTraceState());
        assertEquals(sdk.getSpanContext().isRemote(), direct.getSpanContext().isRemote());
    }

    /** The spans as the file exporter writes them, each id replaced by its first appearance's number. */
    private static String otlpJson(List<ReadableSpan> spans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<SpanData> data = new ArrayList<>();
        for (ReadableSpan s : spans) {
            data.add(s.toSpanData());
        }
        Telemetry.fileExporter(out).export(data).join(5, TimeUnit.SECONDS);
        String json = out.toString(StandardCharsets.UTF_8);
        java.util.Map<String, String> seen = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"[0-9a-f]{16}(?:[0-9a-f]{16})?\"").matcher(json);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, "id" + seen.computeIfAbsent(m.group(), k -> String.valueOf(seen.size())));
        }
        m.appendTail(b);
        assertTrue(json.contains("\"spanId\""), json);
        // A span's attributes in key order: the SDK's come in its map's order, ours in the order set.
        m = java.util.regex.Pattern.compile("\"attributes\":\\[(.*?)\\](?=,\"(droppedAttributesCount|events)\")")
                .matcher(b.toString());
        StringBuilder sorted = new StringBuilder();
        while (m.find()) {
            List<String> entries = new ArrayList<>(List.of(m.group(1).split("(?<=\\}\\}),(?=\\{\"key\")")));
            java.util.Collections.sort(entries);
            m.appendReplacement(sorted, java.util.regex.Matcher.quoteReplacement(
                    "\"attributes\":[" + String.join(",", entries) + "]"));
        }
        m.appendTail(sorted);
        return sorted.toString();
    }
}
