package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM the probe may not ptrace (another tracer holds it, a seccomp profile forbids ptrace, it is
 * non-dumpable): the agent says so once, naming the cause, and the application runs on with
 * Java-call spans and no syscalls.
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

    /**
     * A non-dumpable JVM (prctl(PR_SET_DUMPABLE, 0), here by LD_PRELOADing
     * {@code native-probe/target/tools/libnodump.so}) run by an unprivileged user: its own user's
     * probe may not trace it. One line names the cause within 2 s of the attempt; the application
     * prints and exits as it does without the agent. The control, the same user without the
     * preload, is traced: the refusal is the dumpability's, not the user's. Needs root (to switch
     * users with setpriv); skipped, saying so, elsewhere.
     */
    @Test
    void nonDumpableJvmRunsOnWithJavaSpansOnly() throws Exception {
        Path lib = Env.PROBE.resolveSibling("tools").resolve("libnodump.so").toAbsolutePath();
        assertTrue(Files.isReadable(lib), lib + " (built by native-probe's make all)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv is not installed");
        Assumptions.assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
                "not root: cannot run the application as another user without CAP_SYS_PTRACE");
        Path dir = Files.createTempDirectory("ptrace-nodump-it");
        assertTrue(dir.toFile().setWritable(true, false) && dir.toFile().setExecutable(true, false));
        // nobody may not reach the build (a clone under /root): it runs copies, from dir.
        lib = shareWithNobody(lib, dir);
        shareWithNobody(Env.AGENT, dir);
        shareWithNobody(Env.DEMO, dir);

        // The untraced run and the control first, side by side; then the same target as untraced.
        Path target = dir.resolve("test.txt");
        Forked untraced = Forked.start(nobody(withPreload(lib, Env.demoWith(Env.Jdk.JDK17,
                List.of("-Djava.io.tmpdir=" + dir), null, "hello-file", target.toString()))));
        Forked control = Forked.start(nobody(helloFile(dir, "control", null)));
        Forked.Result plain = untraced.await(60);
        Forked.Result traced = control.await(60);
        Forked.Result r = Forked.run(nobody(helloFile(dir, "nodump", lib)), 60);

        assertEquals(0, plain.exit(), plain::toString);
        assertEquals(plain.exit(), r.exit(), r::toString);
        assertEquals(plain.stdout(), r.stdout());
        List<String> said = r.stderr().lines().filter(l -> l.startsWith("syscall-lens: no syscalls: ")).toList();
        assertEquals(1, said.size(), r::stderr);
        assertTrue(said.get(0).contains("Operation not permitted (the process is non-dumpable: it called"
                + " prctl(PR_SET_DUMPABLE, 0)") && said.get(0).contains("CAP_SYS_PTRACE"), said::toString);
        assertFalse(said.get(0).contains("Yama"), "no generic hint after the cause: " + said);
        // debug=true times the start-up's phases; the line is printed at the end of the attach phase.
        Matcher attach = Pattern.compile("syscall-lens: start-up: .* attach (\\d+) ms").matcher(r.stderr());
        assertTrue(attach.find(), r::stderr);
        assertTrue(Integer.parseInt(attach.group(1)) < 2_000, "the attach and its refusal took " + attach.group(1) + " ms");

        ExportedSpans spans = ExportedSpans.read(dir.resolve("nodump.jsonl"));
        ExportedSpans controlSpans = ExportedSpans.read(dir.resolve("control.jsonl"));
        for (String call : List.of("FileChannel.open", "FileChannel.write", "FileChannel.close")) {
            ExportedSpans.Span span = spans.last(call);
            assertEquals("true", span.attr("syscall_lens.syscalls.unknown"), call);
            assertEquals(List.of(), spans.children(span), call + " has no syscall children");
            assertFalse(controlSpans.syscallsUnder(controlSpans.last(call)).isEmpty(),
                    "the control traces " + call + "'s syscalls:\n" + traced);
        }
        assertEquals(0, traced.exit(), traced::toString);
        assertTrue(traced.stderr().lines().noneMatch(l -> l.startsWith("syscall-lens: no syscalls")), traced::toString);
    }

    /** The hello-file demo under the agent (exporter=file into dir/NAME.jsonl, debug=true), maybe preloading lib. */
    private static List<String> helloFile(Path dir, String name, Path lib) {
        List<String> demo = Env.demoWith(Env.Jdk.JDK17, List.of("-Djava.io.tmpdir=" + dir),
                "exporter=file,file=" + dir.resolve(name + ".jsonl") + ",debug=true", "hello-file",
                dir.resolve(lib == null ? name + ".txt" : "test.txt").toString());
        return lib == null ? demo : withPreload(lib, demo);
    }

    private static List<String> withPreload(Path lib, List<String> cmd) {
        List<String> out = new ArrayList<>(List.of("env", "LD_PRELOAD=" + lib));
        out.addAll(cmd);
        return out;
    }

    /**
     * The command as nobody:nogroup, without supplementary groups or capabilities, in the world-writable
     * directory of {@code java.io.tmpdir=} (a JVM must be able to read its working directory), with the
     * build's agent and demo jars replaced by their copies there.
     */
    private static List<String> nobody(List<String> cmd) {
        Path dir = Path.of(cmd.stream().filter(a -> a.startsWith("-Djava.io.tmpdir=")).findFirst().orElseThrow()
                .substring("-Djava.io.tmpdir=".length()));
        String agent = Env.AGENT.toAbsolutePath().toString(), demo = Env.DEMO.toAbsolutePath().toString();
        List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=-all", "env", "-C", dir.toString()));
        for (String arg : cmd) {
            out.add(arg.replace(agent, dir.resolve(Env.AGENT.getFileName()).toString())
                    .replace(demo, dir.resolve(Env.DEMO.getFileName()).toString()));
        }
        return out;
    }

    /** A world-readable copy of file in dir. */
    private static Path shareWithNobody(Path file, Path dir) throws Exception {
        Path copy = Files.copy(file, dir.resolve(file.getFileName()));
        assertTrue(copy.toFile().setReadable(true, false), copy.toString());
        return copy;
    }
}
