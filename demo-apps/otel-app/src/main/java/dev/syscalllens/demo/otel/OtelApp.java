package dev.syscalllens.demo.otel;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An application with its own byte-buddy and OpenTelemetry SDK, at other versions than the agent's.
 * It says which versions it runs with, traces a file write with its own SDK (registered as the
 * global OpenTelemetry) and makes a class with byte-buddy. Under the agent it prints the same.
 *
 * <p>{@code java -jar otel-app.jar [PATH]} (default /tmp/syscall-lens/otel-app.txt)
 */
public final class OtelApp {
    private static final AttributeKey<String> PATH = AttributeKey.stringKey("file.path");
    private static final AttributeKey<Long> BYTES = AttributeKey.longKey("file.bytes");

    private OtelApp() {
    }

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args.length > 0 ? args[0] : "/tmp/syscall-lens/otel-app.txt");
        System.out.println("byte-buddy " + Versions.of(ByteBuddy.class));
        System.out.println("opentelemetry-api " + Versions.of(OpenTelemetry.class));
        System.out.println("opentelemetry-sdk " + Versions.of(SdkTracerProvider.class) + ", telemetry.sdk.version "
                + Resource.getDefault().getAttribute(AttributeKey.stringKey("telemetry.sdk.version")));

        InMemoryExporter exporter = new InMemoryExporter();
        SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        // Fails if anyone else (an agent's unrelocated SDK) registered a global OpenTelemetry first.
        OpenTelemetrySdk.builder().setTracerProvider(tracing).buildAndRegisterGlobal();
        if (System.getProperty("otel-app.span-ids") != null) {
            // The test's run: calls join the application's trace once the agent has prepared its
            // read of the API, a few milliseconds after the API's first class loaded (docs/span-model.md);
            // this app's first span would otherwise come within that window on a busy machine.
            Thread.sleep(200);
        }
        Span span = GlobalOpenTelemetry.getTracer("otel-app").spanBuilder("write-file")
                .setAttribute(PATH, path.toString()).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            String ids = System.getProperty("otel-app.span-ids");
            if (ids != null) {
                // Not on stdout: that must not change from run to run. A test reads which span
                // was current, to check that an agent's spans made inside it join its trace.
                java.nio.file.Files.writeString(java.nio.file.Path.of(ids),
                        span.getSpanContext().getTraceId() + " " + span.getSpanContext().getSpanId());
            }
            int n = write(path, "hello from otel-app\n");
            span.setAttribute(BYTES, n);
            System.out.println("wrote " + n + " bytes to " + path);
        } finally {
            span.end();
        }
        tracing.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);

        Class<? extends Greeter> made = new ByteBuddy()
                .subclass(Greeter.class)
                .name(Greeter.class.getPackageName() + ".MadeByByteBuddy")
                .method(ElementMatchers.named("greet"))
                .intercept(FixedValue.value("hello from a subclass byte-buddy made"))
                .make()
                .load(OtelApp.class.getClassLoader())
                .getLoaded();
        Greeter greeter = made.getDeclaredConstructor().newInstance();
        System.out.println("byte-buddy made " + made.getSimpleName() + " extends " + Greeter.class.getSimpleName()
                + ": greet() = " + greeter.greet());

        List<SpanData> spans = exporter.spans();
        for (SpanData s : spans) {
            System.out.println("span " + s.getName() + " (" + s.getInstrumentationScopeInfo().getName() + "): "
                    + PATH + "=" + s.getAttributes().get(PATH) + ", " + BYTES + "=" + s.getAttributes().get(BYTES)
                    + (s.getParentSpanContext().isValid() ? ", with a parent" : ", a root span"));
        }
        System.out.println(spans.size() + " span(s) exported by the app's own SDK");
    }

    private static int write(Path path, String text) throws java.io.IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            return ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
