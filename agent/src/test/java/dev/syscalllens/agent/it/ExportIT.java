package dev.syscalllens.agent.it;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spans reach real backends: a Zipkin server (the real one, in-memory storage, on a loopback
 * port) through exporter=zipkin, and an OTLP/HTTP receiver through exporter=otlp with
 * http/protobuf, whose requests are decoded with the official opentelemetry-proto classes. In both
 * the spans are the ones the same run wrote to its file= output, with the same parents. A backend
 * that is down costs the application nothing: same output, exit code 0, spans counted as failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportIT {
    private static final Path ZIPKIN_JAR = Path.of(System.getProperty("syscalllens.zipkinJar", "target/zipkin/zipkin-server.jar"));

    private Forked zipkin;
    private int zipkinPort;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startZipkin() throws Exception {
        assertTrue(Files.exists(ZIPKIN_JAR), ZIPKIN_JAR + " (copied by the build)");
        zipkinPort = Env.freePort();
        zipkin = Forked.start(List.of(Env.Jdk.JDK17.java().toString(), "-Xmx256m", "-jar", ZIPKIN_JAR.toString(),
                "--server.port=" + zipkinPort, "--logging.level.root=WARN"));
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (true) {
            try {
                if (get("/health").statusCode() == 200) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Zipkin did not start within 90 s");
            }
            Thread.sleep(250);
        }
    }

    @AfterAll
    void stopZipkin() {
        if (zipkin != null) {
            zipkin.process().destroyForcibly();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + zipkinPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The demo's hello-file under the agent with these exporters and -D settings; its spans as the file has them. */
    private ExportedSpans helloFile(String exporters, List<String> settings, Path dir) throws Exception {
        Path spanFile = dir.resolve("spans.jsonl");
        Path target = dir.resolve("test.txt");
        Forked.Result r = Forked.run(Env.demoWith(Env.Jdk.JDK17, settings,
                "exporter=" + exporters + "+file,file=" + spanFile, "hello-file", target.toString()), 60);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("wrote 12 bytes to " + target + "\n", r.stdout());
        assertTrue(r.stderr().contains(" 0 failed to export;"), r::stderr);
        return ExportedSpans.read(spanFile);
    }

    /** span id to parent id ("" for a root) and name, lower-cased as Zipkin stores names. */
    private static Map<String, String> shape(List<ExportedSpans.Span> spans) {
        Map<String, String> m = new TreeMap<>();
        for (ExportedSpans.Span s : spans) {
            m.put(s.spanId(), s.parentSpanId() + " " + s.name().toLowerCase(java.util.Locale.ROOT));
        }
        return m;
    }

    @Test
    @SuppressWarnings("unchecked")
    void zipkinHoldsTheSameTraceWithItsParentsAndAttributes() throws Exception {
        Path dir = Files.createTempDirectory("export-zipkin");
        ExportedSpans file = helloFile("zipkin", List.of("-Dotel.service.name=hello-file-zipkin",
                "-Dotel.exporter.zipkin.endpoint=http://127.0.0.1:" + zipkinPort + "/api/v2/spans"), dir);
        ExportedSpans.Span write = file.named("FileChannel.write").get(0);

        // Zipkin indexes asynchronously: ask until the trace is whole.
        List<Object> spans = List.of();
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> r = get("/api/v2/trace/" + write.traceId());
            if (r.statusCode() == 200) {
                spans = (List<Object>) ExportedSpans.parseJson(r.body());
                if (spans.size() == file.all().stream().filter(s -> s.traceId().equals(write.traceId())).count()) {
                    break;
                }
            }
            Thread.sleep(250);
        }
        Map<String, String> inZipkin = new TreeMap<>();
        Map<String, Object> zipkinWrite = null;
        for (Object o : spans) {
            Map<String, Object> s = (Map<String, Object>) o;
            inZipkin.put((String) s.get("id"), s.getOrDefault("parentId", "") + " " + s.get("name"));
            if (s.get("id").equals(write.spanId())) {
                zipkinWrite = s;
            }
        }
        List<ExportedSpans.Span> sameTrace = file.all().stream().filter(s -> s.traceId().equals(write.traceId())).toList();
        assertEquals(shape(sameTrace), inZipkin);
        assertTrue(zipkinWrite != null, "FileChannel.write in Zipkin");
        Map<String, Object> service = (Map<String, Object>) zipkinWrite.get("localEndpoint");
        assertEquals("hello-file-zipkin", service.get("serviceName"));
        Map<String, Object> tags = (Map<String, Object>) zipkinWrite.get("tags");
        for (Map.Entry<String, Object> a : write.attributes().entrySet()) {
            assertEquals(a.getValue().toString(), String.valueOf(tags.get(a.getKey())), "tag " + a.getKey());
        }
        ExportedSpans.Span syscall = file.children(write).stream().filter(s -> s.name().equals("write")).findFirst().orElseThrow();
        Map<String, Object> zipkinSyscall = spans.stream().map(o -> (Map<String, Object>) o)
                .filter(s -> s.get("id").equals(syscall.spanId())).findFirst().orElseThrow();
        assertEquals(write.spanId(), zipkinSyscall.get("parentId"));
        assertEquals(syscall.attr("syscall.args"), ((Map<String, Object>) zipkinSyscall.get("tags")).get("syscall.args"));
    }

    @Test
    void otlpHttpProtobufRequestsDecodeToTheSameSpans() throws Exception {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            byte[] ok = io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        receiver.start();
        try {
            Path dir = Files.createTempDirectory("export-otlp");
            ExportedSpans file = helloFile("otlp", List.of("-Dotel.exporter.otlp.protocol=http/protobuf",
                    "-Dotel.exporter.otlp.endpoint=http://127.0.0.1:" + receiver.getAddress().getPort(),
                    "-Dotel.service.name=hello-file-otlp"), dir);
            assertFalse(bodies.isEmpty(), "the agent posted to /v1/traces");
            Map<String, String> received = new TreeMap<>();
            List<String> services = new ArrayList<>();
            HexFormat hex = HexFormat.of();
            for (byte[] body : bodies) {
                ExportTraceServiceRequest req = ExportTraceServiceRequest.parseFrom(body);
                for (ResourceSpans rs : req.getResourceSpansList()) {
                    rs.getResource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                            .forEach(a -> services.add(a.getValue().getStringValue()));
                    for (ScopeSpans ss : rs.getScopeSpansList()) {
                        for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
                            received.put(hex.formatHex(s.getSpanId().toByteArray()),
                                    hex.formatHex(s.getParentSpanId().toByteArray()) + " "
                                            + s.getName().toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
            }
            assertEquals(shape(file.all()), received);
            assertTrue(!services.isEmpty() && services.stream().allMatch("hello-file-otlp"::equals), services::toString);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aBackendThatIsDownCostsTheApplicationNothing() throws Exception {
        Path dir = Files.createTempDirectory("export-down");
        Path target = dir.resolve("test.txt");
        int closed = Env.freePort();
        long t0 = System.nanoTime();
        Forked.Result r = Forked.run(Env.demoWith(Env.Jdk.JDK17,
                List.of("-Dotel.exporter.otlp.endpoint=http://127.0.0.1:" + closed,
                        "-Dotel.exporter.zipkin.endpoint=http://127.0.0.1:" + closed + "/api/v2/spans"),
                "exporter=otlp+zipkin", "hello-file", target.toString()), 60);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.exit(), r::toString);
        assertEquals("wrote 12 bytes to " + target + "\n", r.stdout());
        List<String> said = r.stderr().lines().filter(l -> l.startsWith("syscall-lens:")).toList();
        assertEquals(1, said.size(), r::stderr);
        assertTrue(said.get(0).matches("syscall-lens: \\d+ Java calls, (\\d+) spans, 0 exported, [1-9]\\d* failed to export;.*"),
                said::toString);
        assertFalse(r.stderr().contains("WARNING") || r.stderr().contains("Exception"), r::stderr);
        // The exporters get at most 2 s at exit; the JVM and agent start take the rest.
        assertTrue(ms < 15_000, "took " + ms + " ms");
    }
}
