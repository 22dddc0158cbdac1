package dev.syscalllens.agent.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JDK 25: calls on a virtual thread that parks inside accept and read (leaving its carrier and
 * coming back) hold exactly the syscalls strace saw between their markers, the EAGAIN and the
 * poller registration included; so do the reads nested in a Files.copy, which are child spans of
 * the copy while the copy keeps only the rest. Each park is an event on its call's span, linked
 * to the JDK poller's Poller.poll that woke it. One carrier, so that strace's per-thread slices
 * are the virtual thread's.
 */
class VirtualThreadsIT {
    private static final List<String> ONE_CARRIER = List.of(
            "-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1");
    /** The calls of the demo that park once each, waiting for their socket. */
    private static final Set<String> PARKING = Set.of("ServerSocket.accept", "SocketInputStream.read");
    private static final Pattern FD = Pattern.compile("^[a-z0-9]+\\((\\d+)<");

    private static ExportedSpans spans;
    /** Each marked call of the strace run, in the order they ended, and the traced run's span of it. */
    private static final List<Map.Entry<String, List<StraceLog.Line>>> slices = new ArrayList<>();
    private static final List<ExportedSpans.Span> calls = new ArrayList<>();

    @BeforeAll
    static void runTracedAndUnderStrace() throws Exception {
        Path dir = Files.createTempDirectory("virtual-threads-it");
        Path spanFile = dir.resolve("spans.jsonl");
        Forked.Result traced = Forked.run(Env.demoWith(Env.Jdk.JDK25, ONE_CARRIER, "exporter=file,file=" + spanFile,
                "virtual-threads", dir.resolve("run").toString()), 120);
        assertEquals(0, traced.exit(), traced::toString);
        assertEquals("virtual threads done\n", traced.stdout());
        spans = ExportedSpans.read(spanFile);

        Path straceFile = dir.resolve("strace.txt");
        List<String> cmd = new ArrayList<>(List.of(Env.strace(), "-f", "-qq", "-yy", "-o", straceFile.toString()));
        cmd.addAll(Env.demoWith(Env.Jdk.JDK25, ONE_CARRIER, null, "virtual-threads", dir.resolve("run").toString()));
        Forked.Result plain = Forked.run(cmd, 240);
        assertEquals(0, plain.exit(), plain::toString);
        slices.addAll(StraceLog.read(straceFile).orderedSlices());

        // The marked run comes after an unmarked warm-up doing the same: its spans of each name are
        // the last ones of the demo's own calls, and they end in the order strace's slices do.
        Map<String, Integer> perName = new HashMap<>();
        slices.forEach(s -> perName.merge(s.getKey(), 1, Integer::sum));
        Map<String, List<ExportedSpans.Span>> marked = new HashMap<>();
        perName.forEach((name, n) -> {
            List<ExportedSpans.Span> all = spans.named(name).stream()
                    .filter(s -> s.attr("thread.name").startsWith("virtual thread #") && byTheDemo(s))
                    .sorted(Comparator.comparingLong(ExportedSpans.Span::end)).toList();
            assertTrue(all.size() >= n, "spans named " + name + " on a virtual thread: " + all.size());
            marked.put(name, new ArrayList<>(all.subList(all.size() - n, all.size())));
        });
        slices.forEach(s -> calls.add(marked.get(s.getKey()).remove(0)));
    }

    /**
     * Whether the demo made this call itself: an outermost call, or one it made inside another
     * (a read inside Files.copy), which then comes right after its begin marker there; the JDK's
     * own calls inside the copy (FileChannel.write, ...) do not.
     */
    private static boolean byTheDemo(ExportedSpans.Span call) {
        if (call.isRoot()) {
            return true;
        }
        ExportedSpans.Span marker = null;
        for (ExportedSpans.Span s : spans.all()) {
            if (call.parentSpanId().equals(s.parentSpanId()) && s.end() <= call.start()
                    && s.straceLine().contains("/syscall-lens-marker/") && (marker == null || s.end() > marker.end())) {
                marker = s;
            }
        }
        return marker != null && marker.straceLine().contains("/syscall-lens-marker/begin/" + call.name() + "\"");
    }

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

    /**
     * Our syscall spans as comparable lines. The markers of calls nested in a marked call are
     * inside its span (they are the application's own stat calls) but never in a strace slice.
     */
    private static List<String> ours(List<ExportedSpans.Span> syscalls) {
        return syscalls.stream()
                .filter(s -> !Oracle.noise(s.name(), s.straceLine()) && !s.straceLine().contains("/syscall-lens-marker/"))
                .map(s -> Oracle.normalize(s.straceLine(), 0)).toList();
    }

    private static List<String> theirs(List<StraceLog.Line> lines) {
        return lines.stream().filter(l -> !Oracle.noise(l.name(), l.text()))
                .map(l -> Oracle.normalize(l.text(), 0)).toList();
    }

    @Test
    void callsOnAVirtualThreadHoldTheirSyscallsAcrossParks() {
        assertEquals(List.of("FileChannel.open", "FileChannel.write", "FileChannel.close", "ServerSocket.accept",
                        "SocketInputStream.read", "SocketInputStream.read", "SocketInputStream.read", "Files.copy",
                        "Socket.close"),
                slices.stream().map(Map.Entry::getKey).toList(), "marked calls, in the order they ended");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < slices.size(); i++) {
            String problem = carrierOnlyExtras(ours(spans.syscallsUnder(calls.get(i))), theirs(slices.get(i).getValue()));
            if (problem != null) {
                failures.add(i + " " + slices.get(i).getKey() + ": " + problem + "\n--- strace\n"
                        + String.join("\n", theirs(slices.get(i).getValue())) + "\n--- syscall-lens\n"
                        + String.join("\n", ours(spans.syscallsUnder(calls.get(i)))));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
        List<String> accept = spans.syscallsUnder(calls.get(3)).stream().map(ExportedSpans.Span::straceLine).toList();
        assertTrue(accept.stream().anyMatch(l -> l.startsWith("accept(") && l.contains("EAGAIN")), accept::toString);
        assertTrue(accept.stream().anyMatch(l -> l.startsWith("accept(") && !l.contains("EAGAIN")), accept::toString);
    }

    @Test
    void readsNestedInTheCopyAreItsChildrenAndTheCopyHoldsOnlyTheRest() {
        ExportedSpans.Span copy = calls.get(7);
        List<ExportedSpans.Span> nestedReads = List.of(calls.get(5), calls.get(6));
        for (ExportedSpans.Span read : nestedReads) {
            assertEquals(copy.spanId(), read.parentSpanId(), "a read the copy made is its child: " + read);
        }
        assertTrue(calls.get(4).isRoot(), "the read before the copy is a call of its own");

        // strace's slice of the copy, less its reads' slices, is what the copy holds besides its reads.
        Map<StraceLog.Line, Boolean> inReads = new IdentityHashMap<>();
        slices.get(5).getValue().forEach(l -> inReads.put(l, true));
        slices.get(6).getValue().forEach(l -> inReads.put(l, true));
        List<StraceLog.Line> rest = slices.get(7).getValue().stream().filter(l -> !inReads.containsKey(l)).toList();
        List<ExportedSpans.Span> ourRest = new ArrayList<>(spans.syscallsUnder(copy));
        nestedReads.forEach(r -> ourRest.removeAll(spans.syscallsUnder(r)));
        String problem = carrierOnlyExtras(ours(ourRest), theirs(rest));
        assertTrue(problem == null, problem + "\n--- strace\n" + String.join("\n", theirs(rest))
                + "\n--- syscall-lens\n" + String.join("\n", ours(ourRest)));

        // The JDK's own calls inside the copy are children too, each with its syscalls; the copy
        // itself made none but the demo's markers.
        Map<String, List<String>> kids = new HashMap<>();
        for (ExportedSpans.Span kid : spans.children(copy)) {
            if (kid.attributes().containsKey("syscall.name")) {
                // (and the JVM's own lock traffic, which may land anywhere: futex)
                assertTrue(kid.straceLine().contains("/syscall-lens-marker/") || Oracle.noise(kid.name(), kid.straceLine()),
                        "the copy's own syscall: " + kid);
            } else {
                kids.put(kid.name(), spans.syscallsUnder(kid).stream().filter(x -> !Oracle.noise(x.name(), x.straceLine()))
                        .map(ExportedSpans.Span::name).toList());
            }
        }
        assertTrue(kids.get("Files.newOutputStream").contains("openat"), kids::toString);
        assertEquals(List.of("write"), kids.get("FileChannel.write"), kids::toString);
        assertEquals(List.of("close"), kids.get("FileChannel.close"), kids::toString);
    }

    /**
     * Each call that parks says so (one park event, with the fd it waited for), keeps its EAGAIN
     * syscall, and is linked to the Poller.poll whose epoll_wait reported that fd between the
     * EAGAIN and the retry, as strace also saw it there. The copy itself never parked.
     */
    @Test
    void eachParkIsLinkedToThePollerCallThatWokeIt() {
        for (int i = 0; i < calls.size(); i++) {
            ExportedSpans.Span call = calls.get(i);
            String name = slices.get(i).getKey();
            if (!PARKING.contains(name)) {
                assertFalse(call.attributes().containsKey("syscall_lens.park.count"), name + " did not park: " + call);
                continue;
            }
            assertEquals("1", call.attr("syscall_lens.park.count"), name + ": " + call);
            List<ExportedSpans.Span> syscalls = spans.syscallsUnder(call);
            ExportedSpans.Span again = syscalls.stream().filter(s -> s.straceLine().contains("EAGAIN")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no EAGAIN: " + syscalls));
            ExportedSpans.Span retry = syscalls.get(syscalls.size() - 1);
            for (ExportedSpans.Span s : syscalls) {
                if (s.start() > again.start() && s.name().equals(again.name())) {
                    retry = s;
                    break;
                }
            }
            String fd = fd(again.straceLine());

            ExportedSpans.Span poll = wokeBy(call);
            assertNotNull(poll, name + " is linked to no Poller.poll");
            ExportedSpans.Span wait = spans.children(poll).stream().filter(s -> s.name().equals("epoll_wait")).findFirst()
                    .orElseThrow(() -> new AssertionError("no epoll_wait under " + poll));
            assertTrue(wait.straceLine().contains("data={u32=" + fd + ","), fd + " reported by " + wait.straceLine());
            assertTrue(again.end() < wait.start() && wait.end() < retry.start(),
                    "the poller's epoll_wait lies between the EAGAIN and the retry of " + name);

            List<StraceLog.Line> slice = slices.get(i).getValue();
            int eagain = indexOf(slice, 0, l -> l.text().contains("EAGAIN") && l.name().equals(again.name()));
            assertTrue(eagain >= 0, "strace saw no EAGAIN in " + name);
            String straceFd = fd(slice.get(eagain).text());
            int polled = indexOf(slice, eagain, l -> l.name().equals("epoll_wait") && l.text().contains("data={u32=" + straceFd + ","));
            int retried = indexOf(slice, eagain + 1, l -> l.name().equals(again.name()));
            assertTrue(polled > eagain && retried > polled, "strace: " + name + "'s fd reported between EAGAIN and retry");
        }
    }

    /** The Poller.poll span a call links to, or that links to it. */
    private static ExportedSpans.Span wokeBy(ExportedSpans.Span call) {
        List<ExportedSpans.Span> polls = spans.named("Poller.poll").stream()
                .filter(p -> call.linkedSpanIds().contains(p.spanId()) || p.linkedSpanIds().contains(call.spanId()))
                .toList();
        assertTrue(polls.size() <= 1, "one poller call woke " + call + ": " + polls);
        return polls.isEmpty() ? null : polls.get(0);
    }

    private static String fd(String straceLine) {
        Matcher m = FD.matcher(straceLine);
        assertTrue(m.find(), straceLine);
        return m.group(1);
    }

    /** The first line from {@code from} on that matches, or -1. */
    private static int indexOf(List<StraceLog.Line> lines, int from, java.util.function.Predicate<StraceLog.Line> p) {
        for (int i = from; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
