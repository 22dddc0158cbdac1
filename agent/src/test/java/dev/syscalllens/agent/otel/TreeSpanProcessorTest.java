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

/**
 * A call tree goes out whole when its outermost span ends; one under an application's span when
 * the emitter says it has ended, or at exit.
 */
class TreeSpanProcessorTest {
    @Test
    void treesUnderTheApplicationsSpanGoOutWhenTheyEndOrAtExit() {
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

        // Inside the application's span: held until the emitter says the tree has ended.
        Context inApp = Context.root().with(Span.wrap(app));
        Span force = tracer.spanBuilder("FileChannel.force").setParent(inApp).startSpan();
        tracer.spanBuilder("fsync").setParent(inApp.with(force)).startSpan().end();
        force.end();
        assertEquals(1, batches.size());
        tree.exportTree(); // Telemetry.treeEnded, after SpanEmitter.emitRoot
        assertEquals(List.of("fsync", "FileChannel.force"), batches.get(1));
        // Or at the latest at exit.
        tracer.spanBuilder("FileChannel.close").setParent(inApp).startSpan().end();
        provider.shutdown().join(1, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(List.of(List.of("write", "FileChannel.write"), List.of("fsync", "FileChannel.force"),
                List.of("FileChannel.close")), batches);
    }
}
