package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM that another tracer (strace) already holds cannot be ptraced by the probe: the agent says
 * so once, naming the cause, and the application runs on with Java-call spans and no syscalls.
 */
class PtraceRefusedIT {
    @Test
    void alreadyTracedJvmRunsOnWithJavaSpansOnly() throws Exception {
        Path dir = Files.createTempDirectory("ptrace-refused-it");
        Path target = dir.resolve("test.txt");
        Path spanFile = dir.resolve("spans.jsonl");
        List<String> cmd = new java.util.ArrayList<>(List.of(Env.strace(), "-f", "-qq", "-o", "/dev/null"));
        cmd.addAll(Env.demo(Env.Jdk.JDK17, "exporter=file,file=" + spanFile, "hello-file", target.toString()));
        Forked.Result r = Forked.run(cmd, 120);

        assertEquals(0, r.exit(), r::toString);
        assertEquals("wrote 12 bytes to " + target + "\n", r.stdout());
        List<String> ours = r.stderr().lines().filter(l -> l.startsWith("syscall-lens:")).toList();
        assertEquals(2, ours.size(), r::stderr);
        assertTrue(ours.get(1).endsWith("; no syscalls traced"), "the line at exit: " + ours);
        assertTrue(ours.get(0).startsWith("syscall-lens: no syscalls: "), ours::toString);
        assertTrue(ours.get(0).contains("strace"), "the line names the tracer: " + ours);

        ExportedSpans spans = ExportedSpans.read(spanFile);
        for (String call : List.of("FileChannel.open", "FileChannel.write", "FileChannel.close")) {
            ExportedSpans.Span span = spans.last(call);
            assertEquals("true", span.attr("syscall_lens.syscalls.unknown"), call);
            assertEquals(List.of(), spans.children(span), call + " has no syscall children");
        }
    }

    /**
     * A seccomp profile that forbids ptrace, as a container's may (the probe inherits it from the
     * JVM): one line within 2 s that names the refusal and where to look, the application runs on.
     */
    @Test
    void seccompForbiddingPtraceRunsOnWithJavaSpansOnly() throws Exception {
        Path tool = Path.of(System.getProperty("syscalllens.probe", "../native-probe/target/syscall-lens-probe"))
                .resolveSibling("tools").resolve("no-ptrace");
        assertTrue(Files.isExecutable(tool), tool + " (built by native-probe's make all)");
        Path dir = Files.createTempDirectory("ptrace-seccomp-it");
        Path target = dir.resolve("test.txt");
        List<String> cmd = new java.util.ArrayList<>(List.of(tool.toString()));
        cmd.addAll(Env.demo(Env.Jdk.JDK17, "exporter=file,file=" + dir.resolve("spans.jsonl"), "hello-file",
                target.toString()));
        long t0 = System.nanoTime();
        Forked.Result r = Forked.run(cmd, 60);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.exit(), r::toString);
        assertEquals("wrote 12 bytes to " + target + "\n", r.stdout());
        List<String> ours = r.stderr().lines().filter(l -> l.startsWith("syscall-lens:")).toList();
        assertEquals(2, ours.size(), r::stderr);
        assertTrue(ours.get(0).startsWith("syscall-lens: no syscalls: PTRACE_SEIZE ")
                && ours.get(0).contains("Operation not permitted (ptrace is not allowed here"), ours::toString);
        ExportedSpans spans = ExportedSpans.read(dir.resolve("spans.jsonl"));
        assertEquals("true", spans.last("FileChannel.write").attr("syscall_lens.syscalls.unknown"));
        assertTrue(ms < 20_000, "took " + ms + " ms");
    }
}
