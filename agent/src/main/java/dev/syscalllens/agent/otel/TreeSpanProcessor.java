package dev.syscalllens.agent.otel;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.ArrayList;
import java.util.List;

/**
 * Exports one call tree at a time: spans are collected as they end and handed to the exporter
 * together when the outermost call's span ends (it ends last). Spans are built on the
 * correlator thread only, so no locking is needed; the export runs on that thread too.
 */
final class TreeSpanProcessor implements SpanProcessor {
    private final SpanExporter exporter;
    private final List<SpanData> tree = new ArrayList<>();

    TreeSpanProcessor(SpanExporter exporter) {
        this.exporter = exporter;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (!span.getSpanContext().isSampled()) {
            return;
        }
        tree.add(span.toSpanData());
        if (!span.getParentSpanContext().isValid()) {
            exportTree();
        }
    }

    /**
     * What was collected: a tree whose outermost span is the child of an application's span has
     * no span without a parent to tell its end, so the emitter tells it (Telemetry.treeEnded).
     */
    void exportTree() {
        if (!tree.isEmpty()) {
            List<SpanData> batch = new ArrayList<>(tree);
            tree.clear();
            exporter.export(batch);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode shutdown() {
        exportTree(); // called at exit, once the correlator has stopped
        return exporter.shutdown();
    }

    @Override
    public CompletableResultCode forceFlush() {
        exportTree();
        return exporter.flush();
    }
}
