package dev.syscalllens.agent.otel;

import dev.syscalllens.agent.AgentOptions;
import dev.syscalllens.agent.Log;
import dev.syscalllens.bootstrap.Recorder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.exporter.logging.otlp.internal.traces.OtlpStdoutSpanExporter;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import zipkin2.reporter.urlconnection.URLConnectionSender;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's own OpenTelemetry SDK, configured by the SDK's autoconfiguration: the standard
 * {@code OTEL_*} environment variables and {@code otel.*} system properties set endpoints,
 * protocol, headers, service name, resource, sampler and batching, as for the OpenTelemetry Java
 * agent. The agent's {@code exporter=} option picks the exporters: {@code otlp} (the SDK's own,
 * grpc to localhost:4317 unless configured), {@code zipkin} ({@code otel.exporter.zipkin.endpoint},
 * default http://localhost:9411/api/v2/spans), {@code file}, {@code console}. Metrics and logs are
 * never exported (the agent makes none). Never installed as the global OpenTelemetry: that is the
 * application's. Where no setting and no exporter of autoconfiguration's is in play, the SDK it
 * would build is built directly (see {@link #unconfigured}).
 */
public final class Telemetry {
    /**
     * The SDK logs export failures through java.util.logging, which would print them on the
     * application's stderr. They are counted instead (see {@link #exportFailures}); with
     * debug=true they are printed. Held here: JUL keeps loggers weakly. Set where the SDK is
     * built: JUL's set-up is part of the SDK's.
     */
    private static volatile Logger sdkLog;

    /** The SDK: built on a thread of its own, or here (see {@link #create}). */
    private final FutureTask<Sdk> tracing;
    /** The SDK once built, read without the FutureTask's checks. */
    private volatile Sdk ready;
    /** Non-null when the console is an exporter: its buffer texts (see ConsoleTexts). */
    private final ConsoleTexts consoleTexts;
    private final AtomicLong exported;
    private final AtomicLong failed;

    private Telemetry(FutureTask<Sdk> tracing, AtomicLong exported, AtomicLong failed,
                      ConsoleTexts consoleTexts) {
        this.tracing = tracing;
        this.consoleTexts = consoleTexts;
        this.exported = exported;
        this.failed = failed;
    }

    /**
     * Builds the exporters; a file that cannot be opened, or a bad OTEL setting, is an error the
     * caller reports. Where nothing configures OpenTelemetry (see {@link #unconfigured}), the SDK,
     * which nothing there can fail, is built on a thread of the agent's while the agent starts
     * the probe and weaves the advice (some 40 ms of start-up, mostly class loading and
     * java.util.logging's set-up): {@link #awaitReady} waits for it before any call is recorded.
     */
    public static Telemetry create(AgentOptions options) throws IOException {
        ConsoleTexts consoleTexts = options.exporters().contains(AgentOptions.Exporter.CONSOLE)
                ? new ConsoleTexts() : null;
        // Opened now: a file that cannot be written is the caller's to report.
        OutputStream file = options.exporters().contains(AgentOptions.Exporter.FILE)
                ? new FileOutputStream(options.file().toFile()) : null;
        boolean otlp = options.exporters().contains(AgentOptions.Exporter.OTLP);
        boolean zipkin = options.exporters().contains(AgentOptions.Exporter.ZIPKIN);
        boolean configured = otlp || zipkin || otelSettings(System.getenv(), System.getProperties());
        AtomicLong exported = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        FutureTask<Sdk> tracing = new FutureTask<>(() -> {
            quietSdkLog(options.debug());
            SpanProcessor local = localProcessor(consoleTexts, file, exported, failed);
            return configured ? autoconfigured(otlp, zipkin, local, exported, failed) : unconfigured(local);
        });
        // Threads the SDK starts now or later (the batch processors' workers, their HTTP
        // clients' threads) are the agent's: never recorded, never traced.
        Recorder.agentScope(true);
        try {
            if (configured) {
                // Autoconfiguration can refuse a setting: said now, and the agent does not start.
                tracing.run();
                tracing.get();
            } else {
                Thread t = new Thread(tracing, "syscall-lens-sdk");
                t.setDaemon(true);
                t.start();
            }
            return new Telemetry(tracing, exported, failed, consoleTexts);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Recorder.agentScope(false);
        }
    }

    private static void quietSdkLog(boolean debug) {
        Logger log = Logger.getLogger(OpenTelemetrySdk.class.getPackageName().replaceFirst("\\.sdk$", ""));
        log.setLevel(debug ? Level.INFO : Level.OFF);
        sdkLog = log;
    }

    /** The console's and the file's exporters behind one processor, or null if neither is on. */
    private static SpanProcessor localProcessor(ConsoleTexts consoleTexts, OutputStream file, AtomicLong exported,
                                                AtomicLong failed) {
        List<SpanExporter> local = new ArrayList<>();
        if (consoleTexts != null) {
            local.add(new ConsoleTreeExporter(Log.stderr(), consoleTexts));
        }
        if (file != null) {
            local.add(fileExporter(file));
        }
        return local.isEmpty() ? null
                : new TreeSpanProcessor(new Counting(SpanExporter.composite(local), exported, failed));
    }

    /**
     * Waits at most {@code timeoutMs} for the SDK. Returns null when it is ready, or why there is
     * none (spans are then dropped; the calls are still correlated, summed and reported).
     */
    public String awaitReady(long timeoutMs) {
        try {
            tracing.get(timeoutMs, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (TimeoutException e) {
            return "not built within " + timeoutMs + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The SDK, or null if it is not built (see {@link #awaitReady}). */
    private Sdk sdk() {
        Sdk s = ready;
        if (s != null || !tracing.isDone()) {
            return s;
        }
        try {
            return ready = tracing.get();
        } catch (ExecutionException | InterruptedException e) {
            return null;
        }
    }

    /**
     * Whether anything configures OpenTelemetry here: an {@code OTEL_*} environment variable or an
     * {@code otel.*} system property (both name the same settings).
     */
    static boolean otelSettings(Map<String, String> env, Properties props) {
        for (String k : env.keySet()) {
            if (k.startsWith("OTEL_")) {
                return true;
            }
        }
        for (String k : props.stringPropertyNames()) {
            if (k.startsWith("otel.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The SDK's tracer provider, with its span processors in its order and its resource, which
     * it keeps to itself (see {@link DirectSpans}).
     */
    static final class Sdk {
        final SdkTracerProvider provider;
        final DirectSpans spans;
        /** The console's and the file's processor, or null. */
        final TreeSpanProcessor tree;

        Sdk(SdkTracerProvider provider, List<SpanProcessor> processors, Resource resource, SpanProcessor local) {
            this.provider = provider;
            this.spans = new DirectSpans(provider, processors, resource);
            this.tree = local instanceof TreeSpanProcessor t ? t : null;
        }
    }

    /** The SDK as autoconfiguration builds it from the OTEL settings, with our exporters. */
    static Sdk autoconfigured(boolean otlp, boolean zipkin, SpanProcessor local, AtomicLong exported,
                              AtomicLong failed) {
        // Autoconfiguration adds its processors (each through the customizer), then ours.
        List<SpanProcessor> processors = new ArrayList<>();
        Resource[] resource = new Resource[1];
        SdkTracerProvider provider = AutoConfiguredOpenTelemetrySdk.builder()
                .setServiceClassLoader(Telemetry.class.getClassLoader())
                .disableShutdownHook()
                // exporter= decides; the application's OTEL_TRACES_EXPORTER is for its own SDK or agent.
                .addPropertiesCustomizer(config -> Map.of(
                        "otel.traces.exporter", otlp ? "otlp" : "none",
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
                .addResourceCustomizer((r, config) -> resource[0] = r.merge(ours()))
                .addSpanExporterCustomizer((exporter, config) -> new Counting(exporter, exported, failed))
                .addSpanProcessorCustomizer((processor, config) -> {
                    processors.add(processor);
                    return processor;
                })
                .addTracerProviderCustomizer((builder, config) -> {
                    builder.setClock(EpochClock.INSTANCE);
                    if (local != null) {
                        builder.addSpanProcessor(local);
                        processors.add(local);
                    }
                    if (zipkin) {
                        SpanProcessor z = batch(new Counting(zipkinExporter(config), exported, failed), config);
                        builder.addSpanProcessor(z);
                        processors.add(z);
                    }
                    return builder;
                })
                .build()
                .getOpenTelemetrySdk()
                .getSdkTracerProvider();
        // The customizer always runs; were it not to, the resource it would have made.
        return new Sdk(provider, processors, resource[0] != null ? resource[0] : Resource.getDefault().merge(ours()),
                local);
    }

    /**
     * What autoconfiguration builds when nothing configures it and no exporter of its is used:
     * the default resource (service.name unknown_service:java, the SDK's telemetry.sdk.*) with
     * ours, the default sampler and limits, our processors. Built directly, and without the
     * metrics and logs providers the agent never uses, it costs start-up some 30 ms less:
     * autoconfiguration also reads its service files and parses every setting it knows.
     */
    static Sdk unconfigured(SpanProcessor local) {
        Resource resource = Resource.getDefault().merge(ours());
        SdkTracerProviderBuilder tracing = SdkTracerProvider.builder()
                .setResource(resource)
                .setClock(EpochClock.INSTANCE)
                .setMeterProvider(() -> NoMeters.INSTANCE);
        if (local != null) {
            tracing.addSpanProcessor(local);
        }
        return new Sdk(tracing.build(), local == null ? List.of() : List.of(local), resource, local);
    }

    /** What the agent adds to the resource. */
    private static Resource ours() {
        return Resource.builder()
                .put(AttributeKey.longKey("process.pid"), ProcessHandle.current().pid())
                .put(AttributeKey.stringKey("telemetry.distro.name"), "syscall-lens")
                .build();
    }

    private static SpanExporter zipkinExporter(ConfigProperties config) {
        String endpoint = config.getString("otel.exporter.zipkin.endpoint", "http://localhost:9411/api/v2/spans");
        Duration timeout = config.getDuration("otel.exporter.zipkin.timeout", Duration.ofSeconds(10));
        // Posted with the JDK's HttpURLConnection: no second HTTP client inside the agent.
        return ZipkinSpanExporter.builder()
                .setEndpoint(endpoint)
                .setSender(URLConnectionSender.newBuilder().endpoint(endpoint)
                        .readTimeout((int) timeout.toMillis()).connectTimeout((int) timeout.toMillis()).build())
                .build();
    }

    /** A batch processor with the standard otel.bsp.* settings (autoconfiguration applies them only to its own). */
    private static BatchSpanProcessor batch(SpanExporter exporter, ConfigProperties config) {
        var b = BatchSpanProcessor.builder(exporter);
        Duration delay = config.getDuration("otel.bsp.schedule.delay");
        if (delay != null) {
            b.setScheduleDelay(delay);
        }
        Integer queue = config.getInt("otel.bsp.max.queue.size");
        if (queue != null) {
            b.setMaxQueueSize(queue);
        }
        Integer batch = config.getInt("otel.bsp.max.export.batch.size");
        if (batch != null) {
            b.setMaxExportBatchSize(batch);
        }
        Duration timeout = config.getDuration("otel.bsp.export.timeout");
        if (timeout != null) {
            b.setExporterTimeout(timeout);
        }
        return b.build();
    }

    static SpanExporter fileExporter(OutputStream out) {
        // Jackson buffers each export and writes it out whole, so the stream needs no buffer.
        // One ExportTraceServiceRequest object per line (the OTLP/JSON file encoding).
        return OtlpStdoutSpanExporter.builder()
                .setOutput(out)
                .setWrapperJsonObject(true)
                .build();
    }

    /** Spans in exports that have not finished (a slow or unreachable backend at exit). */
    private static final AtomicLong pending = new AtomicLong();

    /** Counts the spans an exporter took and those whose export failed, for the line at exit. */
    private static final class Counting implements SpanExporter {
        private final SpanExporter delegate;
        private final AtomicLong exported;
        private final AtomicLong failed;

        Counting(SpanExporter delegate, AtomicLong exported, AtomicLong failed) {
            this.delegate = delegate;
            this.exported = exported;
            this.failed = failed;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            int n = spans.size();
            CompletableResultCode result;
            try {
                result = delegate.export(spans);
            } catch (RuntimeException e) {
                failed.addAndGet(n);
                return CompletableResultCode.ofFailure();
            }
            pending.addAndGet(n);
            result.whenComplete(() -> {
                pending.addAndGet(-n);
                (result.isSuccess() ? exported : failed).addAndGet(n);
            });
            return result;
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }

    ConsoleTexts consoleTexts() {
        return consoleTexts;
    }

    /**
     * The agent's tracer, taken from the SDK at the first span; spans go nowhere if there is no
     * SDK. With {@code direct}, spans are built without the SDK's builder where that gives the
     * same span (see {@link DirectSpans}); without, always by the SDK's.
     */
    public Tracer tracer(boolean direct) {
        return new Tracer() {
            private Tracer tracer;

            @Override
            public SpanBuilder spanBuilder(String name) {
                Tracer t = tracer;
                if (t == null) {
                    Sdk sdk = sdk();
                    tracer = t = sdk == null ? TracerProvider.noop().get(DirectSpans.SCOPE)
                            : direct ? sdk.spans.tracer() : sdk.spans.sdkTracer();
                }
                return t.spanBuilder(name);
            }
        };
    }

    /**
     * Every span of the call tree being emitted has ended: the console's and the file's exporters
     * take the tree now, also one under an application's span (which has no span without a parent
     * to tell its end). Correlator thread, or the exit's once the correlator has stopped.
     */
    public void treeEnded() {
        Sdk s = sdk();
        if (s != null && s.tree != null) {
            s.tree.exportTree();
        }
    }

    /** Spans an exporter took, summed over exporters (otlp+zipkin count a span twice; console+file once). */
    public long spansExported() {
        return exported.get();
    }

    /** Spans whose export failed, or had not finished when the exporters were shut down. */
    public long exportFailures() {
        return failed.get() + pending.get();
    }

    /** Flushes and stops the exporters, waiting at most {@code timeoutMs}: a dead backend never holds up exit. */
    public void shutdown(long timeoutMs) {
        Sdk sdk = sdk();
        if (sdk != null) {
            sdk.spans.shutdown();
            sdk.provider.shutdown().join(timeoutMs, TimeUnit.MILLISECONDS);
        }
    }
}
