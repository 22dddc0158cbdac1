package dev.syscalllens.agent.otel;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A call tree goes out whole when its outermost span ends; one under an application's span, at the latest at exit. */
class TreeSpanProcessorTest {
    @Test
    void treesUnderTheApplicationsSpanAreExportedByExitAtTheLatest() {
        List<List<String>> batches = new ArrayList<>();
        SpanExporter exporter = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                batches.add(spans.stream().map(SpanData::getName).toList());
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        TreeSpanProcessor tree = new TreeSpanProcessor(exporter);
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(tree).build();
        Tracer tracer = new DirectSpans(provider, List.of(tree), Resource.getDefault()).tracer();
        SpanContext app = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault());

        Span call = tracer.spanBuilder("FileChannel.write").setParent(Context.root()).startSpan();
        tracer.spanBuilder("write").setParent(Context.root().with(call)).startSpan().end();
        call.end();
        assertEquals(List.of(List.of("write", "FileChannel.write")), batches);

        // Inside the application's span: held until a tree of its own goes out, or the end.
        tracer.spanBuilder("FileChannel.force").setParent(Context.root().with(Span.wrap(app))).startSpan().end();
        assertEquals(1, batches.size());
        provider.shutdown().join(1, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(List.of(List.of("write", "FileChannel.write"), List.of("FileChannel.force")), batches);
    }
}
