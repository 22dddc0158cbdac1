package dev.syscalllens.agent.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * io-tour, one call of nearly every traced JDK API, under the agent and separately under strace.
 * For every call: the span exists, in the order the calls were made, and its syscalls (its nested
 * calls' included) are what strace saw on that thread between the call's markers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IoTourChecks {
    private Forked.Result traced;
    private ExportedSpans spans;
    private StraceLog strace;

    abstract Env.Jdk jdk();

    @BeforeAll
    void runBoth() throws Exception {
        Path dir = Files.createTempDirectory("io-tour-it");
        Path spanFile = dir.resolve("spans.jsonl");
        traced = Forked.run(Env.demo(jdk(), "exporter=file,file=" + spanFile, "io-tour", dir.resolve("run").toString()), 120);
        assertEquals(0, traced.exit(), traced::toString);
        spans = ExportedSpans.read(spanFile);
        Path straceFile = dir.resolve("strace.txt");
        List<String> cmd = new ArrayList<>(List.of(Env.strace(), "-f", "-qq", "-yy", "-o", straceFile.toString()));
        cmd.addAll(Env.demo(jdk(), null, "io-tour", dir.resolve("run").toString()));
        Forked.Result plain = Forked.run(cmd, 240);
        assertEquals(0, plain.exit(), plain::toString);
        strace = StraceLog.read(straceFile);
    }

    /** The outermost calls on the tour's thread between the section's two Files.exists calls. */
    private List<ExportedSpans.Span> sectionCalls() {
        List<ExportedSpans.Span> roots = spans.roots();
        int begin = -1;
        int end = -1;
        for (int i = 0; i < roots.size(); i++) {
            String path = roots.get(i).attr("file.path");
            if ("/syscall-lens-section/begin".equals(path)) {
                begin = i;
            } else if ("/syscall-lens-section/end".equals(path)) {
                end = i;
            }
        }
        assertTrue(begin >= 0 && end > begin, "section spans found: " + begin + ", " + end);
        String tid = roots.get(begin).attr("linux.tid");
        return roots.subList(begin + 1, end).stream().filter(s -> tid.equals(s.attr("linux.tid"))).toList();
    }

    @Test
    void everyMarkedCallHasItsSpanInOrder() {
        List<String> marked = strace.orderedSlices().stream().map(Map.Entry::getKey).toList();
        List<String> traced = sectionCalls().stream().map(ExportedSpans.Span::name).toList();
        assertTrue(marked.size() > 100, "the tour marks " + marked.size() + " calls");
        assertEquals(String.join("\n", marked), String.join("\n", traced));
    }

    @Test
    void everyCallHasExactlyTheSyscallsStraceSawBetweenItsMarkers() {
        List<Map.Entry<String, List<StraceLog.Line>>> slices = strace.orderedSlices();
        List<ExportedSpans.Span> calls = sectionCalls();
        assertEquals(slices.size(), calls.size(), "calls in the section");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            try {
                Oracle.assertSameSyscalls(i + " " + calls.get(i).name(), spans.syscallsUnder(calls.get(i)),
                        slices.get(i).getValue(), 0);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + calls.size() + " calls differ");
    }

    @Test
    void theCleanersUnmapIsTracedOnItsOwnThreadAndLinkedToTheMap() {
        List<ExportedSpans.Span> unmaps = spans.named("MappedByteBuffer.unmap");
        String tourTid = sectionCalls().get(0).attr("linux.tid");
        List<ExportedSpans.Span> linked = unmaps.stream()
                .filter(u -> !u.linkedSpanIds().isEmpty() && !tourTid.equals(u.attr("linux.tid"))).toList();
        assertTrue(!linked.isEmpty(), "an unmap on a cleaner thread, linked: " + unmaps);
        ExportedSpans.Span unmap = linked.get(0);
        ExportedSpans.Span munmap = spans.children(unmap).stream().filter(s -> s.name().equals("munmap"))
                .findFirst().orElseThrow(() -> new AssertionError("no munmap under " + unmap));
        ExportedSpans.Span map = spans.all().stream().filter(s -> s.spanId().equals(unmap.linkedSpanIds().get(0)))
                .findFirst().orElseThrow();
        assertEquals("FileChannel.map", map.name());
        // munmap(ADDR, ...) undoes an mmap(...) = ADDR of the linked call (which may also hold the
        // JVM's own anonymous mmaps)
        String address = munmap.attr("syscall.args").split(",")[0];
        List<String> mmaps = spans.children(map).stream().filter(s -> s.name().equals("mmap"))
                .map(s -> s.attr("syscall.return")).toList();
        assertTrue(mmaps.contains(address), munmap.straceLine() + " undoes none of " + mmaps);
    }

    @Test
    void anAsynchronousReadIsLinkedToThePoolTaskThatMadeItsSyscalls() {
        ExportedSpans.Span call = sectionCalls().stream().filter(s -> s.name().equals("AsynchronousFileChannel.read"))
                .findFirst().orElseThrow();
        String tourTid = call.attr("linux.tid");
        ExportedSpans.Span task = spans.named("AsynchronousFileChannel.read").stream()
                .filter(s -> !tourTid.equals(s.attr("linux.tid")))
                .filter(s -> s.linkedSpanIds().contains(call.spanId()) || call.linkedSpanIds().contains(s.spanId()))
                .findFirst().orElseThrow(() -> new AssertionError("no linked pool task for " + call));
        List<String> syscalls = spans.syscallsUnder(task).stream().map(ExportedSpans.Span::name).toList();
        assertTrue(syscalls.contains("pread64"), "the pool task's syscalls: " + syscalls);
    }

    @Test
    void aPendingSocketReadIsLinkedToTheGroupThreadThatCompletedIt() {
        ExportedSpans.Span call = sectionCalls().stream().filter(s -> s.name().equals("AsynchronousSocketChannel.read"))
                .findFirst().orElseThrow();
        String tourTid = call.attr("linux.tid");
        ExportedSpans.Span done = spans.named("AsynchronousSocketChannel.read").stream()
                .filter(s -> !tourTid.equals(s.attr("linux.tid")))
                .filter(s -> s.linkedSpanIds().contains(call.spanId()) || call.linkedSpanIds().contains(s.spanId()))
                .findFirst().orElseThrow(() -> new AssertionError("no linked completion for " + call));
        List<String> syscalls = spans.syscallsUnder(done).stream().map(ExportedSpans.Span::straceLine).toList();
        assertTrue(syscalls.stream().anyMatch(l -> l.startsWith("read(") && l.contains("\"hello world\\n\"")),
                syscalls::toString);
    }

    /**
     * The tour's two HttpClient GETs (after the section): each send span holds or links the I/O
     * of its exchange, whichever of the client's threads did it; a link never reaches outside
     * the request's lifetime; the second GET reuses the first's connection.
     */
    @Test
    void httpClientConnectionIoIsTiedToTheRequestItServes() {
        String tourTid = sectionCalls().get(0).attr("linux.tid");
        long sectionEnd = spans.roots().stream().filter(s -> "/syscall-lens-section/end".equals(s.attr("file.path")))
                .findFirst().orElseThrow().start();
        List<ExportedSpans.Span> sends = spans.named("HttpClient.send").stream()
                .filter(s -> s.isRoot() && tourTid.equals(s.attr("linux.tid")) && s.start() > sectionEnd).toList();
        assertEquals(2, sends.size(), "root HttpClient.send spans on the tour's thread: " + sends);
        List<String> failures = new ArrayList<>();
        for (ExportedSpans.Span send : sends) {
            assertEquals("GET", send.attr("http.request.method"));
            assertTrue(send.attr("url.full").matches("http://127\\.0\\.0\\.1:\\d+/hello"), send.attr("url.full"));
            List<ExportedSpans.Span> linked = spans.all().stream().filter(s -> s.linkedSpanIds().contains(send.spanId()))
                    .toList();
            for (ExportedSpans.Span l : linked) {
                if (!l.attr("thread.name").startsWith("HttpClient-")) {
                    failures.add(l.name() + " on " + l.attr("thread.name") + " is not the client's");
                }
                if (l.start() < send.start() || l.start() > send.end()) {
                    failures.add(l.name() + " on " + l.attr("thread.name") + " starts outside its request");
                }
            }
            // The request and the response, on whichever threads moved them.
            List<String> io = new ArrayList<>(spans.syscallsUnder(send).stream().map(ExportedSpans.Span::straceLine).toList());
            linked.forEach(l -> spans.syscallsUnder(l).forEach(sc -> io.add(sc.straceLine())));
            if (io.stream().noneMatch(l -> l.matches("(write|writev)\\(.*GET /hello HTTP/1\\.1.*"))) {
                failures.add("no request write under or linked to " + send.spanId() + ": " + io);
            }
            if (io.stream().noneMatch(l -> l.matches("read\\(.*HTTP/1\\.1 200 OK.*"))) {
                failures.add("no response read under or linked to " + send.spanId() + ": " + io);
            }
        }
        // Each link goes to the request whose window holds the linked call, never to another.
        for (ExportedSpans.Span s : spans.all()) {
            for (String id : s.linkedSpanIds()) {
                sends.stream().filter(x -> x.spanId().equals(id) && (s.start() < x.start() || s.start() > x.end()))
                        .forEach(x -> failures.add(s.name() + " links to a request it is not inside"));
            }
        }
        ExportedSpans.Span second = sends.get(1);
        List<String> connects = spans.syscallsUnder(second).stream().map(ExportedSpans.Span::name)
                .filter(n -> n.equals("connect")).toList();
        if (!connects.isEmpty()) {
            failures.add("the second GET connected again instead of reusing the pooled connection");
        }
        assertEquals(List.of(), failures);
    }

    /** The attribute tables of docs/span-model.md: name to type, for call spans and for syscall spans. */
    private static Map<String, String> documented(String section) throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("syscalllens.docs", "../docs")).resolve("span-model.md"));
        int from = doc.indexOf("## " + section);
        String table = doc.substring(from, doc.indexOf("\n## ", from + 1));
        Map<String, String> out = new java.util.TreeMap<>();
        for (String row : table.lines().filter(l -> l.startsWith("| `")).toList()) {
            String[] cells = row.split("\\|");
            String[] names = cells[1].trim().split(",\\s*");
            String[] types = cells[2].trim().split(",\\s*");
            for (int i = 0; i < names.length; i++) {
                out.put(names[i].replace("`", ""), types[Math.min(i, types.length - 1)]);
            }
        }
        assertTrue(out.size() > 5, section + ": " + out);
        return out;
    }

    /**
     * Attributes that need a run of their own: PtraceRefusedIT (probe not tracing), VirtualThreadsIT
     * (parks), LoadIT (drops).
     */
    private static final Set<String> ELSEWHERE = Set.of("syscall_lens.syscalls.unknown", "syscall_lens.park.count",
            "syscall_lens.calls.dropped_before", "syscall_lens.syscalls.dropped_before");

    /**
     * docs/span-model.md is the contract: every attribute it lists for call spans and syscall
     * spans is exported in this run with the type it gives, and no span carries one it does not list.
     */
    @Test
    void theSpanModelDocumentIsWhatIsExported() throws Exception {
        Map<String, String> calls = documented("Java call spans");
        Map<String, String> syscalls = documented("Syscall spans");
        Map<String, String> seenCalls = new java.util.TreeMap<>();
        Map<String, String> seenSyscalls = new java.util.TreeMap<>();
        for (ExportedSpans.Span s : spans.all()) {
            (s.attributes().containsKey("syscall.name") ? seenSyscalls : seenCalls).putAll(s.attributeTypes());
        }
        List<String> failures = new ArrayList<>();
        compare("call spans", calls, seenCalls, failures);
        compare("syscall spans", syscalls, seenSyscalls, failures);
        assertEquals(List.of(), failures);
    }

    private static void compare(String what, Map<String, String> documented, Map<String, String> seen, List<String> failures) {
        documented.forEach((name, type) -> {
            if (!ELSEWHERE.contains(name) && !seen.containsKey(name)) {
                failures.add(what + ": " + name + " is documented but no span has it");
            } else if (seen.containsKey(name) && !seen.get(name).equals(type)) {
                failures.add(what + ": " + name + " is " + seen.get(name) + ", documented as " + type);
            }
        });
        seen.keySet().stream().filter(n -> !documented.containsKey(n))
                .forEach(n -> failures.add(what + ": " + n + " is exported but not documented"));
    }

    /** A call with more syscalls than the bound keeps the first 128 as children and counts the rest. */
    @Test
    void aCallBeyondTheBoundCountsWhatItOmits() {
        ExportedSpans.Span deep = spans.named("Files.createDirectories").stream()
                .filter(s -> s.attr("syscall_lens.syscall.omitted") != null).findFirst()
                .orElseThrow(() -> new AssertionError("no Files.createDirectories with omitted syscalls"));
        long count = Long.parseLong(deep.attr("syscall_lens.syscall.count"));
        long omitted = Long.parseLong(deep.attr("syscall_lens.syscall.omitted"));
        long children = spans.children(deep).stream().filter(s -> s.attributes().containsKey("syscall.name")).count();
        assertEquals(128, children);
        assertEquals(count - 128, omitted);
    }

    @Test
    void theReapersWait4IsLinkedToTheStartOfItsProcess() {
        ExportedSpans.Span start = sectionCalls().stream().filter(s -> s.name().equals("ProcessBuilder.start"))
                .findFirst().orElseThrow();
        String pid = start.attr("process.pid");
        ExportedSpans.Span reap = spans.named("Process.reap").stream().filter(s -> pid.equals(s.attr("process.pid")))
                .findFirst().orElseThrow(() -> new AssertionError("no reaper span for pid " + pid));
        assertTrue(reap.linkedSpanIds().contains(start.spanId()) || start.linkedSpanIds().contains(reap.spanId()),
                "linked: " + reap + " / " + start);
        List<String> syscalls = spans.syscallsUnder(reap).stream().map(ExportedSpans.Span::straceLine).toList();
        assertTrue(syscalls.stream().anyMatch(l -> l.startsWith("wait4(" + pid + ",")), syscalls::toString);
    }

    @Test
    void nestedCallsAreChildren() {
        ExportedSpans.Span readAll = sectionCalls().stream().filter(s -> s.name().equals("Files.readAllBytes"))
                .findFirst().orElseThrow();
        List<String> kids = spans.children(readAll).stream().map(ExportedSpans.Span::name).toList();
        assertTrue(kids.contains("Files.newByteChannel") || kids.contains("FileChannel.read"), kids::toString);
        assertEquals("12", readAll.attr("syscall_lens.io.bytes"));
    }
}
