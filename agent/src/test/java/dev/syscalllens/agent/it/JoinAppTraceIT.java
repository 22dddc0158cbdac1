package dev.syscalllens.agent.it;

import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application runs the OpenTelemetry Java agent as well (listed first): the web-file demo's
 * one request is one trace, in which the OpenTelemetry agent's server span holds syscall-lens's
 * FileChannel and socket spans, with their syscalls. Both agents export to one OTLP receiver.
 */
class JoinAppTraceIT {
    private static final Path OTEL_AGENT = Path.of(System.getProperty("syscalllens.otelAgent",
            "target/zipkin/opentelemetry-javaagent.jar"));
    private static final String SCOPE = "dev.syscalllens";

    @Test
    void oneRequestIsOneTraceUnderTheServerSpan() throws Exception {
        assertTrue(Files.exists(OTEL_AGENT), OTEL_AGENT + " (copied by the build)");
        Path dir = Files.createTempDirectory("join-trace");
        Path file = dir.resolve("page.txt");
        int port = Env.freePort();
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            List<String> jvm = List.of("-javaagent:" + OTEL_AGENT.toAbsolutePath(),
                    "-Dotel.service.name=web-file", "-Dotel.exporter.otlp.protocol=http/protobuf",
                    "-Dotel.exporter.otlp.endpoint=" + receiver.endpoint(), "-Dotel.metrics.exporter=none",
                    "-Dotel.logs.exporter=none", "-Dotel.bsp.schedule.delay=100");
            Forked server = Forked.start(Env.demoWith(Env.Jdk.JDK17, jvm, "exporter=otlp",
                    "web-file", Integer.toString(port), file.toString(), "1"));
            server.awaitOutput("listening on", 120);
            HttpURLConnection get = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/page").toURL()
                    .openConnection();
            try (InputStream in = get.getInputStream()) {
                assertEquals("hello world\n", new String(in.readAllBytes()));
            }
            Forked.Result r = server.await(60);
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.stdout().endsWith("served 1 request from " + file + "\n"), r::toString);
            assertTrue(r.stderr().contains(" 0 failed to export;"), r::stderr);

            List<OtlpReceiver.Received> spans = receiver.spans();
            List<OtlpReceiver.Received> servers = spans.stream().filter(s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER)
                    .toList();
            assertEquals(1, servers.size(), "server spans: " + names(spans));
            OtlpReceiver.Received request = servers.get(0);
            assertTrue(!request.scope().equals(SCOPE), "the server span is the OpenTelemetry agent's: " + request);
            List<OtlpReceiver.Received> trace = spans.stream().filter(s -> s.traceId().equals(request.traceId())).toList();
            Map<String, OtlpReceiver.Received> byId = trace.stream()
                    .collect(Collectors.toMap(OtlpReceiver.Received::spanId, Function.identity(), (a, b) -> a));

            // Our outermost calls in this trace are children of the server span; nested calls and
            // syscalls hang below them.
            List<OtlpReceiver.Received> ours = trace.stream().filter(s -> s.scope().equals(SCOPE)).toList();
            List<String> failures = new ArrayList<>();
            for (OtlpReceiver.Received s : ours) {
                OtlpReceiver.Received top = s;
                while (byId.containsKey(top.parentSpanId()) && byId.get(top.parentSpanId()).scope().equals(SCOPE)) {
                    top = byId.get(top.parentSpanId());
                }
                if (!top.parentSpanId().equals(request.spanId())) {
                    failures.add(s.name() + " is not under the server span (its top: " + top.name() + ")");
                }
            }
            assertEquals(List.of(), failures);
            Set<String> calls = ours.stream().filter(s -> s.parentSpanId().equals(request.spanId()))
                    .map(OtlpReceiver.Received::name).collect(Collectors.toSet());
            assertTrue(calls.containsAll(List.of("FileChannel.open", "FileChannel.read", "FileChannel.close")), calls::toString);
            // The response goes out through the exchange's socket, inside the handler.
            OtlpReceiver.Received write = ours.stream().filter(s -> s.parentSpanId().equals(request.spanId()))
                    .filter(s -> s.name().startsWith("SocketChannel.write") || s.name().startsWith("SocketOutputStream.write"))
                    .findFirst().orElseThrow(() -> new AssertionError("no socket write under the server span: " + calls));
            List<String> syscalls = trace.stream().filter(s -> s.parentSpanId().equals(write.spanId()))
                    .map(OtlpReceiver.Received::name).toList();
            assertTrue(syscalls.stream().anyMatch(n -> n.equals("write") || n.equals("writev") || n.equals("sendto")),
                    "syscalls of " + write.name() + ": " + syscalls);
            OtlpReceiver.Received read = ours.stream().filter(s -> s.name().equals("FileChannel.read")).findFirst().orElseThrow();
            assertTrue(trace.stream().anyMatch(s -> s.parentSpanId().equals(read.spanId()) && s.name().equals("read")),
                    "FileChannel.read has its read syscall");
        }
    }

    private static List<String> names(List<OtlpReceiver.Received> spans) {
        return spans.stream().map(s -> s.scope() + ":" + s.name() + ":" + s.kind()).toList();
    }
}
