package dev.syscalllens.agent.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * demo-apps/otel-app, which brings its own byte-buddy and OpenTelemetry SDK at other versions than
 * the agent's, run without the agent and under it: the application works as without it, sees
 * its own versions, and the agent's spans still carry the syscalls. Subclasses pick the JDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OtelAppChecks {
    private Path target;
    private Forked.Result plain;
    private Forked.Result traced;
    private ExportedSpans spans;
    private Path appSpanIds;

    abstract Env.Jdk jdk();

    @BeforeAll
    void runWithoutAndWithTheAgent() throws Exception {
        Path dir = Files.createTempDirectory("otel-app-it");
        target = dir.resolve("otel-app.txt");
        Path spanFile = dir.resolve("spans.jsonl");
        plain = Forked.run(Env.app(jdk(), Env.OTEL_APP, null, target.toString()), 60);
        assertEquals(0, plain.exit(), plain::toString);
        Files.delete(target);
        appSpanIds = dir.resolve("span-ids.txt");
        List<String> cmd = new java.util.ArrayList<>(Env.app(jdk(), Env.OTEL_APP, "exporter=file,file=" + spanFile,
                target.toString()));
        cmd.add(1, "-Dotel-app.span-ids=" + appSpanIds);
        traced = Forked.run(cmd, 60);
        assertEquals(0, traced.exit(), traced::toString);
        spans = ExportedSpans.read(spanFile);
    }

    @Test
    void applicationPrintsExactlyWhatItPrintsWithoutTheAgent() throws Exception {
        assertEquals(plain.stdout(), traced.stdout());
        assertEquals("hello from otel-app\n", Files.readString(target));
        assertTrue(traced.stdout().contains("wrote 20 bytes to " + target + "\n"), traced::stdout);
        assertTrue(traced.stdout().contains("greet() = hello from a subclass byte-buddy made\n"), traced::stdout);
        // Its span, through its SDK registered as the global OpenTelemetry, is its only one.
        assertTrue(traced.stdout().contains("span write-file (otel-app): file.path=" + target + ", file.bytes=20, a root span\n"
                + "1 span(s) exported by the app's own SDK\n"), traced::stdout);
    }

    @Test
    void applicationSeesItsOwnVersions() {
        String byteBuddy = version("byte-buddy (\\S+) from byte-buddy-\\1\\.jar");
        String api = version("opentelemetry-api (\\S+) from opentelemetry-api-\\1\\.jar");
        String sdk = version("opentelemetry-sdk (\\S+) from opentelemetry-sdk-trace-\\1\\.jar, telemetry\\.sdk\\.version \\1");
        assertNotEquals(System.getProperty("syscalllens.bytebuddyVersion"), byteBuddy, "the agent's byte-buddy version");
        assertNotEquals(System.getProperty("syscalllens.otelVersion"), api, "the agent's OpenTelemetry version");
        assertEquals(api, sdk);
    }

    @Test
    void stderrHasOnlyTheAgentsLineAtExit() {
        assertEquals("", plain.stderr());
        List<String> lines = traced.stderr().lines().toList();
        assertEquals(1, lines.size(), traced::stderr);
        assertTrue(lines.get(0).matches("syscall-lens: \\d+ Java calls, \\d+ spans, \\d+ exported, 0 failed to export;"
                + " \\d+ syscalls: \\d+ in calls, \\d+ between calls, \\d+ on threads without calls, 0 dropped"), lines::toString);
    }

    @Test
    void agentTracesTheWriteWithItsSyscall() {
        ExportedSpans.Span write = spans.named("FileChannel.write").stream()
                .filter(w -> spans.children(w).stream().anyMatch(s -> s.name().equals("write")
                        && s.attr("syscall.args").contains("<" + target + ">")))
                .findFirst().orElseThrow(() -> new AssertionError("no FileChannel.write with a write to " + target));
        assertEquals("20", write.attr("syscall_lens.io.bytes"));
        List<ExportedSpans.Span> syscalls = spans.children(write).stream()
                .filter(s -> !Oracle.noise(s.name(), s.straceLine()))
                // the JVM may load a class from its modules file in the middle of the call
                .filter(s -> !(s.name().equals("pread64") && s.attr("syscall.args").matches("\\d+</[^>]*/lib/modules>, .*")))
                .toList();
        assertEquals(List.of("write"), syscalls.stream().map(ExportedSpans.Span::name).toList(), "FileChannel.write children");
        assertTrue(syscalls.get(0).straceLine().matches("write\\(\\d+<" + Pattern.quote(target.toString())
                + ">, \"hello from otel-app\\\\n\", 20\\) = 20"), syscalls.get(0)::straceLine);

        ExportedSpans.Span open = spans.named("FileChannel.open").stream()
                .filter(o -> target.toString().equals(o.attr("file.path"))).findFirst()
                .orElseThrow(() -> new AssertionError("no FileChannel.open of " + target));
        assertTrue(spans.children(open).stream().anyMatch(s -> s.name().equals("openat")
                && s.attr("syscall.args").contains("\"" + target + "\"")), "FileChannel.open has its openat");
    }

    /** The app's span is current around its write: our calls made inside it join its trace. */
    @Test
    void callsInsideTheApplicationsSpanJoinItsTrace() throws Exception {
        String[] ids = Files.readString(appSpanIds).trim().split(" ");
        ExportedSpans.Span write = spans.named("FileChannel.write").stream()
                .filter(w -> spans.children(w).stream().anyMatch(s -> s.name().equals("write")
                        && s.attr("syscall.args").contains("<" + target + ">")))
                .findFirst().orElseThrow();
        assertEquals(ids[0], write.traceId(), "trace");
        assertEquals(ids[1], write.parentSpanId(), "parent: the app's write-file span");
        ExportedSpans.Span open = spans.named("FileChannel.open").stream()
                .filter(o -> target.toString().equals(o.attr("file.path"))).findFirst().orElseThrow();
        assertEquals(ids[1], open.parentSpanId(), "FileChannel.open's parent");
    }

    @Test
    void agentExportsNoneOfTheApplicationsSpans() {
        assertEquals(List.of(), spans.named("write-file"));
    }

    private String version(String line) {
        Matcher m = Pattern.compile("(?m)^" + line + "$").matcher(traced.stdout());
        assertTrue(m.find(), () -> "no line /" + line + "/ in\n" + traced.stdout());
        return m.group(1);
    }
}
