package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault matrix (issue #7): the same application with and without the agent, through every way
 * a JVM ends, signals the JVM handles itself, child processes and a storm of threads. In every row
 * the application's output and exit code are the same, and no probe, stopped or zombie process
 * is left behind.
 */
class FaultsIT {
    private static final String LINE_AT_EXIT = "syscall-lens: \\d+ Java calls, .*";

    private record Run(Forked.Result result, ExportedSpans spans) {
    }

    private static List<String> faults(String agentArgs, List<String> jvm, Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of("faults"));
        all.addAll(List.of(args));
        if (all.size() == 2) {
            all.add(dir.toString());
        }
        return Env.demoWith(Env.Jdk.JDK17, jvm, agentArgs, all.toArray(new String[0]));
    }

    /** Runs a mode untraced and traced; both must end alike. */
    private static Run both(String mode, int expectedExit, List<String> jvm) throws Exception {
        Path dir = Files.createTempDirectory("faults-" + mode);
        Forked.Result plain = Forked.run(faults(null, jvm, dir.resolve("plain"), mode), 60);
        Path spans = dir.resolve("spans.jsonl");
        Forked f = Forked.start(faults("exporter=file,file=" + spans, jvm, dir.resolve("traced"), mode));
        Forked.Result traced = f.await(60);
        assertEquals(expectedExit, plain.exit(), plain::toString);
        assertEquals(expectedExit, traced.exit(), traced::toString);
        assertEquals(plain.stdout(), traced.stdout());
        assertEquals(withoutOurLine(plain.stderr()), withoutOurLine(traced.stderr()));
        noneLeft(f.process().pid());
        return new Run(traced, ExportedSpans.read(spans));
    }

    private static String withoutOurLine(String stderr) {
        return stderr.lines().filter(l -> !l.matches(LINE_AT_EXIT)).map(l -> l.replaceAll("\\(\\S+\\.java:\\d+\\)", ""))
                .collect(Collectors.joining("\n"));
    }

    /**
     * Within 1 s of the JVM's end: it and its probe ({@code --agent -p PID}) are gone, neither
     * stopped nor a zombie.
     */
    private static void noneLeft(long jvm) throws Exception {
        long deadline = System.nanoTime() + 1_000_000_000L;
        List<String> left;
        do {
            left = ProcessHandle.allProcesses()
                    .filter(p -> p.pid() == jvm || p.info().commandLine().orElse("")
                            .contains("syscall-lens-probe --agent -p " + jvm + " "))
                    .map(p -> p.pid() + " " + state(p.pid()) + " " + p.info().commandLine().orElse(""))
                    .toList();
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("left behind 1 s after the JVM ended: " + left);
    }

    private static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return "state=" + stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (Exception e) {
            return "state=?";
        }
    }

    private static void flushed(Run run, String file) {
        assertTrue(run.spans().named("FileChannel.write").stream()
                        .anyMatch(w -> run.spans().children(w).stream().anyMatch(s -> s.straceLine().contains(file))),
                "the write to " + file + " was exported before the JVM ended");
    }

    @Test
    void systemExit() throws Exception {
        Run r = both("exit", 3, List.of());
        assertTrue(r.result().stdout().contains("shutdown hook ran"));
        flushed(r, "exit.txt");
    }

    @Test
    void uncaughtException() throws Exception {
        Run r = both("throw", 1, List.of());
        assertTrue(r.result().stderr().contains("IllegalStateException: an uncaught exception, on purpose"));
        flushed(r, "throw.txt");
    }

    /** SIGTERM, SIGINT: hooks run and spans are flushed; SIGKILL: nothing runs, the probe still goes. */
    @Test
    void signalsThatEndTheJvm() throws Exception {
        for (String sig : List.of("TERM", "INT", "KILL")) {
            Path dir = Files.createTempDirectory("faults-" + sig);
            List<String> outputs = new ArrayList<>();
            List<Integer> exits = new ArrayList<>();
            for (boolean traced : new boolean[] {false, true}) {
                Path spans = dir.resolve("spans-" + sig + ".jsonl");
                Forked f = Forked.start(faults(traced ? "exporter=file,file=" + spans : null, List.of(),
                        dir.resolve(traced ? "traced" : "plain"), "wait"));
                f.awaitOutput("ready", 60);
                assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(f.process().pid())).start().waitFor());
                Forked.Result r = f.await(30);
                outputs.add(r.stdout());
                exits.add(r.exit());
                noneLeft(f.process().pid());
                if (traced && !sig.equals("KILL")) {
                    flushed(new Run(r, ExportedSpans.read(spans)), "wait.txt");
                }
            }
            assertEquals(exits.get(0), exits.get(1), "exit code after SIG" + sig);
            assertEquals(outputs.get(0), outputs.get(1), "output after SIG" + sig);
            assertEquals(sig.equals("KILL") ? 137 : sig.equals("TERM") ? 143 : 130, exits.get(1));
            assertEquals(!sig.equals("KILL"), outputs.get(1).contains("shutdown hook ran"), outputs.get(1));
        }
    }

    /** Null dereferences (SIGSEGV the JVM handles), two thread dumps (SIGQUIT) and JFR at once. */
    @Test
    void signalsTheJvmHandlesItself() throws Exception {
        Path dir = Files.createTempDirectory("faults-signals");
        List<List<String>> results = new ArrayList<>();
        for (boolean traced : new boolean[] {false, true}) {
            Path jfr = dir.resolve((traced ? "traced" : "plain") + ".jfr");
            Forked f = Forked.start(faults(traced ? "exporter=file,file=" + dir.resolve("spans.jsonl") : null,
                    List.of("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile"),
                    dir.resolve(traced ? "traced" : "plain"), "signals"));
            f.awaitOutput("ready", 60);
            for (int i = 0; i < 2; i++) {
                Thread.sleep(500);
                assertEquals(0, new ProcessBuilder("kill", "-QUIT", Long.toString(f.process().pid())).start().waitFor());
            }
            Forked.Result r = f.await(60);
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.stdout().contains("Full thread dump"), "the thread dumps went to stdout");
            assertTrue(Files.size(jfr) > 0, "JFR wrote its recording");
            results.add(r.stdout().lines().filter(l -> l.equals("ready") || l.startsWith("null dereferences")
                    || l.startsWith("file says")).toList());
        }
        assertEquals(List.of("ready", "null dereferences caught: many", "file says: true"), results.get(0));
        assertEquals(results.get(0), results.get(1));
    }

    /** Children run as without the agent and are not traced: no syscall of their pids is exported. */
    @Test
    void childProcesses() throws Exception {
        Run r = both("children", 0, List.of());
        assertTrue(r.result().stdout().contains("sh exited 0: HELLO FROM A PIPELINE"));
        Set<String> childPids = r.spans().named("ProcessBuilder.start").stream().map(s -> s.attr("process.pid"))
                .collect(Collectors.toSet());
        assertEquals(2, childPids.size(), "two children started: " + childPids);
        List<String> theirs = r.spans().all().stream().filter(s -> childPids.contains(s.attr("linux.tid")))
                .map(ExportedSpans.Span::name).toList();
        assertEquals(List.of(), theirs, "syscalls of the children");
    }

    /**
     * 1,000 short-lived threads, 50 at a time, each writing its own file: every write is traced,
     * on the thread that made it (its fd's path is that thread's file), whatever tids were reused.
     */
    @Test
    void aThousandThreads() throws Exception {
        Path dir = Files.createTempDirectory("faults-threads");
        Path spans = dir.resolve("spans.jsonl");
        Forked f = Forked.start(faults("exporter=file,file=" + spans, List.of(), dir, "threads", dir.toString(), "1000"));
        Forked.Result r = f.await(120);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.stdout().contains("threads: 1000 of 1000 wrote their file"), r::toString);
        noneLeft(f.process().pid());
        List<String> wrong = new ArrayList<>();
        int traced = ownWrites(ExportedSpans.read(spans), wrong);
        assertEquals(List.of(), wrong.stream().limit(10).toList(), wrong.size() + " threads' writes are not their own");
        assertEquals(1000, traced, "threads whose write was traced");
    }

    /**
     * The agent attached (dynamic attach) while short-lived threads come and go: the probe seizes
     * threads as they are born and die. Every write it traced is on the thread that made it (its
     * fd names that thread's file), whatever tids were reused; the application finishes as
     * without it.
     */
    @Test
    void threadsComingAndGoingWhileTheAgentAttaches() throws Exception {
        Path dir = Files.createTempDirectory("faults-storm");
        Path spans = dir.resolve("spans.jsonl");
        Forked f = Forked.start(faults(null, List.of(), dir, "storm", dir.toString(), "8"));
        f.awaitOutput("storming for", 60);
        Thread.sleep(1000);
        var vm = com.sun.tools.attach.VirtualMachine.attach(Long.toString(f.process().pid()));
        try {
            vm.loadAgent(Env.AGENT.toAbsolutePath().toString(), "exporter=file,file=" + spans + ",payload=32");
        } finally {
            vm.detach();
        }
        Forked.Result r = f.await(60);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.stdout().contains("storm done: every thread wrote its file"), r::toString);
        noneLeft(f.process().pid());
        List<String> wrong = new ArrayList<>();
        int traced = ownWrites(ExportedSpans.read(spans), wrong);
        assertEquals(List.of(), wrong.stream().limit(10).toList(), wrong.size() + " writes on the wrong thread");
        assertTrue(traced > 100, "writes traced after the attach: " + traced);
    }

    /**
     * The writes of the storm-N threads: counts each one on the thread's own file (storm-N.txt),
     * adds to {@code wrong} each span whose write is not exactly one, on that file.
     */
    private static int ownWrites(ExportedSpans s, List<String> wrong) {
        int own = 0;
        for (ExportedSpans.Span w : s.named("FileChannel.write")) {
            String thread = w.attr("thread.name");
            if (thread == null || !thread.startsWith("storm-")) {
                continue;
            }
            List<String> writes = s.children(w).stream().filter(c -> c.name().equals("write"))
                    .map(ExportedSpans.Span::straceLine).toList();
            if (writes.size() == 1 && writes.get(0).contains("/" + thread + ".txt>")) {
                own++;
            } else {
                wrong.add(thread + ": " + writes);
            }
        }
        return own;
    }
}
