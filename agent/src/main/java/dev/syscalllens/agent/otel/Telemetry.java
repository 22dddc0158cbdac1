package dev.syscalllens.agent.otel;

import dev.syscalllens.agent.AgentOptions;
import dev.syscalllens.agent.Log;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The agent's own OpenTelemetry SDK: a tracer provider and the exporters the options chose. */
public final class Telemetry {
    private final SdkTracerProvider provider;

    private Telemetry(SdkTracerProvider provider) {
        this.provider = provider;
    }

    /** Builds the exporters; a file that cannot be opened is an error the caller reports. */
    public static Telemetry create(AgentOptions options) throws IOException {
        List<SpanExporter> exporters = new ArrayList<>();
        for (AgentOptions.Exporter e : options.exporters()) {
            switch (e) {
                case CONSOLE -> exporters.add(new ConsoleTreeExporter(Log.stderr()));
                case FILE -> exporters.add(fileExporter(options));
                case NONE -> {
                }
            }
        }
        var builder = SdkTracerProvider.builder()
                .setResource(resource())
                .setSpanLimits(SpanLimits.getDefault());
        if (!exporters.isEmpty()) {
            builder.addSpanProcessor(new TreeSpanProcessor(SpanExporter.composite(exporters)));
        }
        return new Telemetry(builder.build());
    }

    private static SpanExporter fileExporter(AgentOptions options) throws IOException {
        // Jackson buffers each export and writes it out whole, so the stream needs no buffer.
        OutputStream out = new FileOutputStream(options.file().toFile());
        // One ExportTraceServiceRequest object per line (the OTLP/JSON file encoding).
        return OtlpStdoutSpanExporter.builder()
                .setOutput(out)
                .setWrapperJsonObject(true)
                .build();
    }

    private static Resource resource() {
        String service = System.getProperty("otel.service.name", System.getenv("OTEL_SERVICE_NAME"));
        Resource r = Resource.getDefault().merge(Resource.builder()
                .put(AttributeKey.longKey("process.pid"), ProcessHandle.current().pid())
                .put(AttributeKey.stringKey("telemetry.distro.name"), "syscall-lens")
                .build());
        if (service != null && !service.isBlank()) {
            r = r.merge(Resource.builder().put(AttributeKey.stringKey("service.name"), service).build());
        }
        return r;
    }

    public Tracer tracer() {
        return provider.get("dev.syscalllens");
    }

    public void shutdown() {
        provider.shutdown().join(2, TimeUnit.SECONDS);
    }
}
