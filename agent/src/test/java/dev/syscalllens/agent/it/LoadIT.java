package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load (issue #7 row 8). Calls faster than the correlator reads them are dropped and counted,
 * never silently (here with rings held at 1,024 calls; CallBufferTest checks how they grow): what the line at exit counts is what the spans say. A steady load for
 * {@code syscalllens.loadSeconds} (60 in CI; the long-load profile runs 600) grows neither the
 * JVM's memory, nor its threads, nor its open files.
 */
class LoadIT {
    private static final Pattern CALLS_DROPPED = Pattern.compile("; (\\d+) calls dropped \\(call buffer full\\)");
    private static final Pattern SYSCALLS_DROPPED = Pattern.compile(", (\\d+) dropped");

    @Test
    void droppedCallsAndSyscallsAreCountedOnTheSpansAndAtExit() throws Exception {
        Path dir = Files.createTempDirectory("load-drops");
        try {
            dropsCounted(dir);
        } finally {
            Env.deleteTree(dir);
        }
    }

    private static void dropsCounted(Path dir) throws Exception {
        Path spans = dir.resolve("spans.jsonl");
        // Rings that never grow past their first 1,024 calls, so that a loop of cheap calls outruns them.
        Forked.Result r = Forked.run(Env.demoWith(Env.Jdk.JDK17, List.of("-Dsyscall-lens.ringMax=1024"),
                "exporter=file,file=" + spans, "many-writes", dir.resolve("many.txt").toString(), "100000"), 180);
        assertEquals(0, r.exit(), r::toString);
        String line = r.stderr().lines().filter(l -> l.matches("syscall-lens: \\d+ Java calls, .*")).findFirst().orElseThrow();
        long callsDropped = count(CALLS_DROPPED, line);
        long syscallsDropped = count(SYSCALLS_DROPPED, line);
        ExportedSpans s = ExportedSpans.read(spans);
        long callsOnSpans = sum(s, "syscall_lens.calls.dropped_before");
        long syscallsOnSpans = sum(s, "syscall_lens.syscalls.dropped_before");
        long writes = s.named("FileChannel.write").size();
        // Every write is a span or counted as dropped (the loop makes exactly 100,000).
        assertEquals(100_000, writes + callsDropped, line);
        // What the spans say was dropped is what the line at exit says, but for drops after the last call.
        assertTrue(callsOnSpans <= callsDropped && (callsDropped == 0 || callsOnSpans > 0),
                "calls dropped: " + callsOnSpans + " on spans, " + callsDropped + " at exit");
        assertTrue(syscallsOnSpans <= syscallsDropped && (syscallsDropped == 0 || syscallsOnSpans > 0),
                "syscalls dropped: " + syscallsOnSpans + " on spans, " + syscallsDropped + " at exit");
        System.out.println("LoadIT: " + writes + " write spans, " + callsDropped + " calls and " + syscallsDropped
                + " syscalls dropped (" + callsOnSpans + ", " + syscallsOnSpans + " said on spans)");
    }

    private static long count(Pattern p, String line) {
        Matcher m = p.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static long sum(ExportedSpans s, String attribute) {
        return s.all().stream().map(x -> x.attr(attribute)).filter(v -> v != null).mapToLong(Long::parseLong).sum();
    }

    private record Sample(long rssKb, int threads, int fds) {
    }

    private static Sample sample(long pid) throws Exception {
        long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
        int threads;
        int fds;
        try (var t = Files.list(Path.of("/proc/" + pid + "/task")); var f = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            threads = (int) t.count();
            fds = (int) f.count();
        }
        return new Sample(rss, threads, fds);
    }

    @Test
    void aSteadyLoadGrowsNothing() throws Exception {
        int seconds = Integer.getInteger("syscalllens.loadSeconds", 60);
        Path dir = Files.createTempDirectory("load-steady");
        try {
            steadyLoad(dir, seconds);
        } finally {
            Env.deleteTree(dir); // some 2 GB of spans
        }
    }

    private static void steadyLoad(Path dir, int seconds) throws Exception {
        Forked f = Forked.start(Env.demoWith(Env.Jdk.JDK17, List.of("-Xms128m", "-Xmx128m"), "exporter=file,file="
                + dir.resolve("spans.jsonl"), "faults", "load", dir.toString(), Integer.toString(seconds)));
        f.awaitOutput("loading for", 60);
        long pid = f.process().pid();
        Thread.sleep(Math.min(15, seconds / 4) * 1000L);
        Sample early = sample(pid);
        Thread.sleep((seconds - Math.min(15, seconds / 4) - 5) * 1000L);
        Sample late = sample(pid);
        Forked.Result r = f.await(120);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.stdout().contains("load done: rounds ran"), r::toString);
        System.out.println("LoadIT: " + seconds + " s: early " + early + ", late " + late);
        assertTrue(late.rssKb() - early.rssKb() < 48 * 1024, "RSS grew from " + early + " to " + late);
        assertTrue(late.threads() - early.threads() <= 2, "threads grew from " + early + " to " + late);
        assertTrue(late.fds() - early.fds() <= 4, "open files grew from " + early + " to " + late);
    }
}
