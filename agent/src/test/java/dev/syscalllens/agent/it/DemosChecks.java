package dev.syscalllens.agent.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The comparison demos (docs/demos/), all in one forked run ({@code demos}) under the agent,
 * each checked for the claim its page makes. Each side runs on a thread named after it, so a
 * side is the spans of that thread. Subclasses pick the JDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemosChecks {
    private Forked.Result run;
    private ExportedSpans spans;

    abstract Env.Jdk jdk();

    @BeforeAll
    void runAll() throws Exception {
        Path spanFile = Files.createTempDirectory("demos-it").resolve("spans.jsonl");
        run = Forked.run(Env.demo(jdk(), "exporter=file,file=" + spanFile, "demos"), 120);
        assertEquals(0, run.exit(), run::toString);
        spans = ExportedSpans.read(spanFile);
    }

    @Test
    void everyDemoRanAndNothingWasDropped() {
        List<String> lines = run.stdout().lines().toList();
        assertEquals(List.of("buffered-vs-unbuffered", "read-all-vs-loop", "transfer-vs-copy", "mmap-vs-read",
                        "dir-walk", "http-get", "udp-echo", "selector-echo"),
                lines.stream().map(l -> l.substring(0, l.indexOf(':'))).toList(), run::toString);
        String summary = run.stderr().lines().filter(l -> l.matches("syscall-lens: \\d+ Java calls.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary: " + run.stderr()));
        assertTrue(summary.endsWith(" 0 dropped"), summary);
        assertFalse(spans.all().stream().anyMatch(s -> String.valueOf(s.attr("thread.name")).startsWith("tid ")),
                "every span's thread is named");
    }

    @Test
    void unbufferedMakesAWritePerByteBufferedOnePer8KiB() {
        List<ExportedSpans.Span> unbuffered = sys(calls("unbuffered", "FileOutputStream.write"));
        assertEquals(1000, calls("unbuffered", "FileOutputStream.write").size());
        assertEquals(1000, unbuffered.size(), "one syscall per write(int)");
        assertTrue(unbuffered.stream().allMatch(s -> s.name().equals("write") && "1".equals(s.attr("syscall.return"))),
                () -> "" + names(unbuffered));
        List<ExportedSpans.Span> buffered = sys(calls("buffered", "FileOutputStream.write"));
        // 100,000 bytes: 12 full 8 KiB buffers, and the rest at close.
        assertEquals(13, buffered.size(), () -> "" + names(buffered));
        assertEquals(12, buffered.stream().filter(s -> "8192".equals(s.attr("syscall.return"))).count(),
                () -> "" + returns(buffered));
        assertEquals(100_000, buffered.stream().mapToLong(s -> Long.parseLong(s.attr("syscall.return"))).sum());
    }

    @Test
    void readAllBytesReadsTheFileInOneReadTheLoopInOnePer8KiB() {
        List<String> all = names(sys(side("read-all")));
        assertEquals(List.of("openat", "read", "read", "close"), all.stream().filter(n -> !n.contains("stat")).toList(),
                all::toString);
        List<ExportedSpans.Span> reads = sys(side("read-loop")).stream().filter(s -> s.name().equals("read")).toList();
        assertEquals(1024 * 1024 / 8192 + 1, reads.size(), "a read per 8 KiB, and one at the end");
    }

    @Test
    void transferToLetsTheKernelCopy() {
        List<String> transfer = names(sys(calls("transfer-to", "FileChannel.transferTo")));
        assertTrue(transfer.contains("sendfile") || transfer.contains("copy_file_range"), transfer::toString);
        List<String> side = names(sys(side("transfer-to")));
        assertTrue(side.stream().noneMatch(n -> n.matches("p?read(64|v)?|p?write(64|v)?")),
                "no read or write on the transferTo side: " + side);
        List<String> copy = names(sys(side("read-write")));
        assertEquals(129, copy.stream().filter("read"::equals).count(), copy::toString);
        assertEquals(128, copy.stream().filter("write"::equals).count(), copy::toString);
    }

    @Test
    void theMappedSideMapsAndNeverReads() {
        List<String> map = names(sys(calls("map", "FileChannel.map")));
        assertTrue(map.contains("mmap"), map::toString);
        List<String> side = names(sys(side("map")));
        assertTrue(side.stream().noneMatch(n -> n.startsWith("read") || n.startsWith("pread")), side::toString);
        List<String> read = names(sys(side("read")));
        assertEquals(1024 / 64 + 1, read.stream().filter("read"::equals).count(), read::toString);
        assertFalse(read.contains("mmap"), read::toString);
    }

    @Test
    void theWalkStatsEveryEntryAndOpensEveryDirectory() {
        List<ExportedSpans.Span> sys = sys(side("walk"));
        assertEquals(37, sys.stream().filter(s -> s.name().equals("statx")).count(), () -> "" + names(sys));
        assertEquals(5, sys.stream().filter(s -> s.name().equals("openat")).count(), () -> "" + names(sys));
    }

    @Test
    void httpGetsReadTheResponseOnTheClientsSelectorThreadLinkedToTheSend() {
        for (String side : List.of("first-get", "second-get")) {
            List<ExportedSpans.Span> sends = calls(side, "HttpClient.send");
            assertEquals(1, sends.size(), side);
            ExportedSpans.Span send = sends.get(0);
            List<ExportedSpans.Span> linked = spans.all().stream()
                    .filter(s -> s.linkedSpanIds().contains(send.spanId()) || send.linkedSpanIds().contains(s.spanId()))
                    .toList();
            long read = linked.stream().filter(s -> s.attr("thread.name").matches("HttpClient-\\d+-SelectorManager"))
                    .flatMap(s -> sys(List.of(s)).stream()).filter(s -> s.name().equals("read"))
                    .filter(s -> s.attr("syscall.return").matches("\\d+")) // not -1 EAGAIN
                    .mapToLong(s -> Long.parseLong(s.attr("syscall.return"))).sum();
            assertTrue(read > 16 * 1024, side + ": the selector thread's linked reads hold the 16 KiB body: " + read);
            List<String> own = names(spans.syscallsUnder(send)); // its nested SocketChannel.connect's too
            List<String> all = new ArrayList<>(own);
            linked.forEach(l -> all.addAll(names(sys(List.of(l)))));
            assertEquals(side.equals("first-get"), all.contains("connect"), side + " connects only the first time: " + all);
        }
    }

    @Test
    void udpEchoIsOneSyscallPerDatagramEachWay() {
        for (String side : List.of("udp-server", "udp-client")) {
            List<String> sys = names(sys(side(side)));
            assertEquals(10, sys.stream().filter("sendto"::equals).count(), side + ": " + sys);
            assertEquals(10, sys.stream().filter("recvfrom"::equals).count(), side + ": " + sys);
            assertEquals(10, calls(side, "DatagramSocket.send").size());
            assertEquals(10, calls(side, "DatagramSocket.receive").size());
        }
    }

    @Test
    void theSelectorServerWaitsInEpoll() {
        List<ExportedSpans.Span> selects = calls("selector-server", "Selector.select");
        assertTrue(selects.size() >= 12, "accept, 10 messages, the close: " + selects.size());
        for (ExportedSpans.Span select : selects) {
            assertTrue(names(sys(List.of(select))).contains("epoll_wait"), () -> "" + names(sys(List.of(select))));
        }
        List<String> server = names(sys(side("selector-server")));
        assertTrue(server.contains("epoll_create1") && server.contains("epoll_ctl"), server::toString);
        assertFalse(server.contains("poll") || server.contains("select"), server::toString);
        long echoed = sys(calls("selector-server", "SocketChannel.write")).stream()
                .mapToLong(s -> Long.parseLong(s.attr("syscall.return"))).sum();
        assertEquals(1000, echoed);
    }

    /** The spans of calls on a side's thread (nested ones included). */
    private List<ExportedSpans.Span> side(String thread) {
        List<ExportedSpans.Span> l = spans.all().stream()
                .filter(s -> thread.equals(s.attr("thread.name")) && !s.attributes().containsKey("syscall.name"))
                .toList();
        assertFalse(l.isEmpty(), "no calls on thread " + thread);
        return l;
    }

    private List<ExportedSpans.Span> calls(String thread, String name) {
        return side(thread).stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The syscalls each of these calls made itself, the JVM's bookkeeping left out, in order. */
    private List<ExportedSpans.Span> sys(List<ExportedSpans.Span> calls) {
        Set<String> ids = calls.stream().map(ExportedSpans.Span::spanId).collect(Collectors.toSet());
        return spans.all().stream().filter(s -> ids.contains(s.parentSpanId()) && s.attributes().containsKey("syscall.name"))
                .filter(s -> !Oracle.noise(s.name(), s.straceLine())).toList();
    }

    private static List<String> names(List<ExportedSpans.Span> l) {
        return l.stream().map(ExportedSpans.Span::name).toList();
    }

    private static List<String> returns(List<ExportedSpans.Span> l) {
        return l.stream().map(s -> s.attr("syscall.return")).toList();
    }
}
