package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JDK 25: calls on a virtual thread that parks inside accept and read (leaving its carrier and
 * coming back) hold exactly the syscalls strace saw between their markers, the EAGAIN and the
 * poller registration included. One carrier, so that strace's per-thread slices are the virtual
 * thread's.
 */
class VirtualThreadsIT {
    private static final List<String> ONE_CARRIER = List.of(
            "-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1");

    /**
     * strace slices by thread: while the virtual thread is parked, its carrier's own syscalls
     * (the poller work a JDK 25 carrier does when idle: epoll_wait and epoll_ctl on the poller's
     * epoll fd) fall between the markers too, though they are not the call's. Ours must be strace's
     * slice in order, less only such lines. Returns null when so, else what differs.
     */
    private static String carrierOnlyExtras(List<String> ours, List<String> theirs) {
        int i = 0;
        for (String line : theirs) {
            if (i < ours.size() && ours.get(i).equals(line)) {
                i++;
            } else if (!(line.startsWith("epoll_wait(N<anon_inode:[eventpoll]>")
                    || line.startsWith("epoll_ctl(N<anon_inode:[eventpoll]>, EPOLL_CTL_MOD, N<anon_inode:[eventpoll]>"))) {
                return "strace saw " + line + " which is neither ours nor the carrier's poller work";
            }
        }
        return i == ours.size() ? null : "ours has " + ours.get(i) + " which strace did not see there";
    }

    @Test
    void callsOnAVirtualThreadHoldTheirSyscallsAcrossParks() throws Exception {
        Path dir = Files.createTempDirectory("virtual-threads-it");
        Path spanFile = dir.resolve("spans.jsonl");
        Forked.Result traced = Forked.run(Env.demoWith(Env.Jdk.JDK25, ONE_CARRIER, "exporter=file,file=" + spanFile,
                "virtual-threads", dir.resolve("run").toString()), 120);
        assertEquals(0, traced.exit(), traced::toString);
        assertEquals("virtual threads done\n", traced.stdout());
        ExportedSpans spans = ExportedSpans.read(spanFile);

        Path straceFile = dir.resolve("strace.txt");
        List<String> cmd = new ArrayList<>(List.of(Env.strace(), "-f", "-qq", "-yy", "-o", straceFile.toString()));
        cmd.addAll(Env.demoWith(Env.Jdk.JDK25, ONE_CARRIER, null, "virtual-threads", dir.resolve("run").toString()));
        Forked.Result plain = Forked.run(cmd, 240);
        assertEquals(0, plain.exit(), plain::toString);
        List<Map.Entry<String, List<StraceLog.Line>>> slices = StraceLog.read(straceFile).orderedSlices();

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<StraceLog.Line>> slice : slices) {
            List<ExportedSpans.Span> onVirtual = spans.named(slice.getKey()).stream()
                    .filter(s -> s.attr("thread.name").startsWith("virtual thread #")).toList();
            assertTrue(!onVirtual.isEmpty(), "no " + slice.getKey() + " on a virtual thread");
            ExportedSpans.Span span = onVirtual.get(onVirtual.size() - 1);
            List<String> ours = spans.syscallsUnder(span).stream()
                    .filter(s -> !Oracle.noise(s.name(), s.straceLine()))
                    .map(s -> Oracle.normalize(s.straceLine(), 0)).toList();
            List<String> theirs = slice.getValue().stream()
                    .filter(l -> !Oracle.noise(l.name(), l.text()))
                    .map(l -> Oracle.normalize(l.text(), 0)).toList();
            String problem = carrierOnlyExtras(ours, theirs);
            if (problem != null) {
                failures.add(slice.getKey() + ": " + problem + "\n--- strace\n" + String.join("\n", theirs)
                        + "\n--- syscall-lens\n" + String.join("\n", ours));
            }
        }
        assertEquals(6, slices.size(), "marked calls");
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
        ExportedSpans.Span acceptSpan = spans.named("ServerSocket.accept").stream()
                .filter(s -> s.attr("thread.name").startsWith("virtual thread #")).reduce((a, b) -> b).orElseThrow();
        List<String> accept = spans.syscallsUnder(acceptSpan).stream()
                .map(ExportedSpans.Span::straceLine).toList();
        assertTrue(accept.stream().anyMatch(l -> l.startsWith("accept(") && l.contains("EAGAIN")), accept::toString);
        assertTrue(accept.stream().anyMatch(l -> l.startsWith("accept(") && !l.contains("EAGAIN")), accept::toString);
    }
}
