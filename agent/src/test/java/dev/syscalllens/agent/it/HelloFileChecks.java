package dev.syscalllens.agent.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hello-file under the agent (spans to a file and the console) and, separately, under strace:
 * one forked run of each, shared by every check. Subclasses pick the JDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HelloFileChecks {
    private Path target;
    private Forked.Result traced;
    private ExportedSpans spans;
    private StraceLog strace;

    abstract Env.Jdk jdk();

    @BeforeAll
    void runBoth() throws Exception {
        Path dir = Files.createTempDirectory("hello-file-it");
        target = dir.resolve("test.txt");
        Path spanFile = dir.resolve("spans.jsonl");
        traced = Forked.run(Env.demo(jdk(), "exporter=console+file,file=" + spanFile, "hello-file", target.toString()), 60);
        assertEquals(0, traced.exit(), traced::toString);
        spans = ExportedSpans.read(spanFile);

        Files.delete(target);
        Path straceFile = dir.resolve("strace.txt");
        List<String> cmd = new ArrayList<>(List.of(Env.strace(), "-f", "-qq", "-yy", "-o", straceFile.toString()));
        cmd.addAll(Env.demo(jdk(), null, "hello-file", target.toString()));
        Forked.Result plain = Forked.run(cmd, 120);
        assertEquals(0, plain.exit(), plain::toString);
        strace = StraceLog.read(straceFile);
    }

    @Test
    void applicationRunsAsWithoutTheAgent() throws Exception {
        assertEquals("wrote 12 bytes to " + target + "\n", traced.stdout());
        assertEquals("hello world\n", Files.readString(target));
        assertFalse(traced.stderr().contains("WARNING"), traced::stderr);
        // A stack trace, not a class name in a span (the console shows the JDK classes the
        // application's loader loads, java.io.UncheckedIOException among them).
        assertFalse(traced.stderr().lines().anyMatch(l -> l.matches(
                "Exception in thread .*|(Caused by: )?[\\w$]+(\\.[\\w$]+)+(Exception|Error)(: .*)?|\\s+at [\\w$.<>/]+\\(.*\\)")),
                traced::stderr);
        // The agent says nothing but its summary: no missing JDK method, no probe trouble.
        List<String> said = traced.stderr().lines().filter(l -> l.startsWith("syscall-lens:"))
                .filter(l -> !l.startsWith("syscall-lens: outside calls: "))
                .filter(l -> !l.startsWith("syscall-lens: by Java API (")).toList();
        assertEquals(1, said.size(), said::toString);
        assertTrue(said.get(0).matches("syscall-lens: \\d+ Java calls, \\d+ spans, \\d+ exported, 0 failed to export;"
                + " \\d+ syscalls: \\d+ in calls, \\d+ between calls, \\d+ on threads without calls, 0 dropped"), said::toString);
    }

    @Test
    void openHasOpenatWithPathAndFlags() {
        ExportedSpans.Span open = spans.last("FileChannel.open");
        assertTrue(open.isRoot());
        assertEquals(target.toString(), open.attr("file.path"));
        ExportedSpans.Span openat = only(open, "openat");
        assertTrue(openat.attr("syscall.args").matches("AT_FDCWD<[^>]*>, \"" + target + "\", O_WRONLY\\|O_CREAT, 0666"),
                openat::straceLine);
        assertTrue(openat.attr("syscall.return").matches("\\d+<" + target + ">"), openat::straceLine);
        assertEquals(open.attr("linux.tid"), openat.attr("linux.tid"));
    }

    @Test
    void writeHasOneWriteOfHelloWorld() {
        ExportedSpans.Span write = spans.last("FileChannel.write");
        assertEquals("12", write.attr("syscall_lens.io.bytes"));
        ExportedSpans.Span sys = only(write, "write");
        assertTrue(sys.straceLine().matches("write\\(\\d+<" + target + ">, \"hello world\\\\n\", 12\\) = 12"),
                sys::straceLine);
        assertEquals("write", sys.attr("syscall.name"));
        assertEquals(target.toString(), sys.attr("syscall.fd.target"));
        assertTrue(sys.attr("syscall.args").startsWith(sys.attr("syscall.fd") + "<"), sys::straceLine);
        assertTrue(sys.start() >= write.start() && sys.end() <= write.end(), "syscall inside its call");
    }

    @Test
    void closeHasClose() {
        ExportedSpans.Span close = spans.last("FileChannel.close");
        ExportedSpans.Span sys = only(close, "close");
        assertTrue(sys.straceLine().matches("close\\(\\d+<" + target + ">\\) = 0"), sys::straceLine);
    }

    @Test
    void eachCallHasExactlyTheSyscallsStraceSawBetweenItsMarkers() {
        for (String call : List.of("FileChannel.open", "FileChannel.write", "FileChannel.close")) {
            Oracle.assertSameSyscalls(call, spans.children(spans.last(call)), strace.slice(call), 0);
        }
    }

    @Test
    void consolePrintsTheTree() {
        String err = traced.stderr();
        // Under the call: its write, possibly after the JVM's own lock traffic (futex) in that window.
        assertTrue(err.matches("(?s).*\\nFileChannel\\.write  12 bytes  [0-9.]+(us|ms)\\n(  [^\\n]*\\n)*?  write\\(\\d+<"
                + java.util.regex.Pattern.quote(target.toString()) + ">, \"hello world\\\\n\", 12\\) = 12  [0-9.]+(us|ms)\\n.*"), err);
    }

    @Test
    void consolePrintsTheSummaryByJavaApiLast() {
        List<String> err = traced.stderr().lines().toList();
        int header = err.indexOf(err.stream().filter(l -> l.startsWith("syscall-lens: by Java API (")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary:\n" + traced.stderr())));
        assertTrue(err.get(header - 1).startsWith("syscall-lens: "), "after the line at exit");
        List<String> rows = err.subList(header + 2, err.size());
        assertTrue(rows.stream().allMatch(l -> l.startsWith("  ")), rows::toString);
        // The demo's two FileChannel.write calls, the warm-up's 8 bytes and hello world's 12: a write(2)
        // each. The first also loads the JDK's classes behind the channel (pread64 of the modules
        // file, NativeThread's signal handler), as it would without the agent, and the mix column
        // may be cut (…) before its write.
        String write = rows.stream().filter(l -> l.startsWith("  FileChannel.write ")).findFirst().orElseThrow();
        assertTrue(write.matches("  FileChannel\\.write\\s+2\\s+\\d+\\.\\d\\s+\\d+\\s+.*(write|…).*\\s10\\s+\\d+(\\.\\d)?\\s+\\d+(\\.\\d)?%\\s+.*"),
                write);
    }

    private ExportedSpans.Span only(ExportedSpans.Span parent, String syscall) {
        List<ExportedSpans.Span> kids = spans.children(parent).stream()
                .filter(s -> !Oracle.noise(s.name(), s.straceLine())).toList();
        assertEquals(List.of(syscall), kids.stream().map(ExportedSpans.Span::name).toList(),
                parent.name() + " children");
        return kids.get(0);
    }
}
