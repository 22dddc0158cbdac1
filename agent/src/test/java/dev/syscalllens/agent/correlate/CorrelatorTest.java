package dev.syscalllens.agent.correlate;

import dev.syscalllens.agent.instrumentation.CallKind;
import dev.syscalllens.agent.probe.SyscallRecord;
import dev.syscalllens.bootstrap.Recorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The correlator's rules on real Recorder calls and made-up probe records: a syscall goes to the
 * innermost call whose window holds it, on its own thread only, and a call waits for the probe's
 * watermark before it is handed out.
 */
class CorrelatorTest {
    private static final int TID = 4242;

    @BeforeAll
    static void fakeTid() {
        Thread test = Thread.currentThread();
        // This thread is TID; every other (the correlator's own) gets a tid of its own.
        Recorder.setTidSource(() -> Thread.currentThread() == test ? TID : 100_000 + (int) Thread.currentThread().getId());
        Recorder.setActive(true);
    }

    @AfterAll
    static void off() {
        Recorder.setActive(false);
    }

    /** Moves the probe's watermark to wm, waits (up to 5 s) until a call is handed out, and stops the correlator. */
    private static void passWatermarkAndFinish(Correlator c, List<CallNode> out, long wm) throws InterruptedException {
        c.watermark(wm);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (out.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        c.finish(1000);
    }

    @Test
    void syscallsGoToTheInnermostCallAndWaitForTheWatermark() throws Exception {
        List<CallNode> out = new CopyOnWriteArrayList<>();
        Correlator c = new Correlator(out::add);
        c.recordFrom(System.nanoTime());
        c.probeRunning();
        c.start();

        long before = System.nanoTime();
        long outer = Recorder.enter(CallKind.FILE_CHANNEL_OPEN.id());
        long inner = Recorder.enter(CallKind.FILE_CHANNEL_WRITE.id());
        long i0 = System.nanoTime();
        long i1 = System.nanoTime();
        Recorder.exit(CallKind.FILE_CHANNEL_WRITE.id(), inner, "/x", 12, null);
        long o0 = System.nanoTime();
        long o1 = System.nanoTime();
        Recorder.exit(CallKind.FILE_CHANNEL_OPEN.id(), outer, "/x", -1, null);
        long after = System.nanoTime();

        c.syscall(record(TID, "write", i0, i1));
        c.syscall(record(TID, "close", o0, o1));
        c.syscall(record(TID + 1, "read", i0, i1));     // another thread: never ours
        c.syscall(record(TID, "getpid", after + 1, after + 2)); // after the call: outside
        Thread.sleep(50);
        assertEquals(List.of(), out, "nothing is handed out before the watermark passes the call");

        passWatermarkAndFinish(c, out, after + 10);

        assertEquals(1, out.size());
        CallNode root = out.get(0);
        assertEquals(CallKind.FILE_CHANNEL_OPEN, root.kind());
        assertEquals(List.of("close"), root.syscalls().stream().map(SyscallRecord::name).toList());
        assertEquals(1, root.children().size());
        CallNode child = root.children().get(0);
        assertEquals(CallKind.FILE_CHANNEL_WRITE, child.kind());
        assertEquals(List.of("write"), child.syscalls().stream().map(SyscallRecord::name).toList());
        assertEquals(12, child.result());
        assertTrue(root.enterNs() >= before && root.exitNs() <= after);
        assertEquals(2, c.stats().syscallsInCalls);
        assertEquals(1, c.stats().syscallsOtherThreads);
    }

    @Test
    void whatTheAgentDoesInsideACallIsNotTheCalls() throws Exception {
        List<CallNode> out = new CopyOnWriteArrayList<>();
        Correlator c = new Correlator(out::add);
        c.recordFrom(System.nanoTime());
        c.probeRunning();
        c.start();

        long t0 = Recorder.enter(CallKind.FILE_CHANNEL_OPEN.id());
        long s0 = System.nanoTime();
        long s1 = System.nanoTime();
        // Byte Buddy weaving a class this call loads: its class loads are not recorded, its jar
        // reads are not the call's.
        Recorder.agentWork(true);
        long a0 = System.nanoTime();
        long nested = Recorder.enter(CallKind.CLASS_LOADER_LOAD_CLASS.id());
        Recorder.exit(CallKind.CLASS_LOADER_LOAD_CLASS.id(), nested, "x.Y", -1, null);
        long a1 = System.nanoTime();
        Recorder.agentWork(false);
        long e0 = System.nanoTime();
        long e1 = System.nanoTime();
        Recorder.exit(CallKind.FILE_CHANNEL_OPEN.id(), t0, "/x", -1, null);
        long after = System.nanoTime();

        c.syscall(record(TID, "openat", s0, s1));
        c.syscall(record(TID, "read", a0, a1));
        c.syscall(record(TID, "fstat", e0, e1));
        passWatermarkAndFinish(c, out, after + 10);

        assertEquals(1, out.size());
        CallNode root = out.get(0);
        assertEquals(List.of(), root.children(), "no call made in the agent's work is recorded");
        assertEquals(List.of("openat", "fstat"), root.syscalls().stream().map(SyscallRecord::name).toList());
        assertEquals(1, c.stats().syscallsOutsideCalls);
    }

    @Test
    void anOverloadInsideACallOfTheSameNameIsNotRecordedTwice() {
        Recorder.setNameIds(CallKind.sameNameIds());
        long outer = Recorder.enter(CallKind.FILE_CHANNEL_READ.id());
        long inner = Recorder.enter(CallKind.FILE_CHANNEL_READ.id());
        long other = Recorder.enter(CallKind.FILE_CHANNEL_SIZE.id());
        Recorder.exit(CallKind.FILE_CHANNEL_SIZE.id(), other, null, -1, null);
        Recorder.exit(CallKind.FILE_CHANNEL_READ.id(), inner, null, 3, null);
        Recorder.exit(CallKind.FILE_CHANNEL_READ.id(), outer, null, 3, null);
        assertTrue(outer != Recorder.NOT_RECORDED);
        assertEquals(Recorder.NOT_RECORDED, inner);
        assertTrue(other != Recorder.NOT_RECORDED, "a different call nested inside is recorded");
    }

    /**
     * A virtual thread's outermost call, put together from what came in two carriers' rings: a
     * nested read that parks (its stretch on carrier 2 set aside with its syscalls) and ends on
     * carrier 1, a nested write, and the outer call's own syscalls before and after. Each syscall
     * goes to the innermost call, the park to the read, and a record of an earlier call whose
     * outermost record was lost is dropped.
     */
    @Test
    void aVirtualThreadsCallIsPutTogetherFromItsCarriers() {
        Thread vt = new Thread(() -> { }, "stand-in for a virtual thread");
        CallNode root = virtualCall(CallKind.FILES_COPY, 1, 100, 1000, vt);
        root.segmentNs = 600; // its last stretch, on carrier 1, from its last mount
        CallNode read = virtualCall(CallKind.SOCKET_INPUT_READ, 1, 200, 700, vt);
        CallNode write = virtualCall(CallKind.FILE_CHANNEL_WRITE, 1, 750, 800, vt);
        CallNode orphan = virtualCall(CallKind.FILE_CHANNEL_WRITE, 2, 10, 50, vt);
        CallNode stretch = new CallNode(null, 2, "vt", vt.getId(), 300, 400, 7, null, null, List.of());
        stretch.virtualThread = vt;
        stretch.segmentNs = 100; // from the outer call's enter to the unmount at 400, waiting for fd 7 since 300
        stretch.parked = true;

        VirtualCalls calls = new VirtualCalls();
        calls.nested(write);
        calls.nested(orphan);
        calls.nested(read);
        calls.stretch(stretch, List.of(record(2, "openat", 110, 120), record(2, "read", 210, 220),
                record(2, "epoll_ctl", 310, 320)));
        int n = calls.assemble(root, List.of(record(1, "read", 610, 620), record(1, "write", 760, 770),
                record(1, "close", 900, 910)));

        assertEquals(6, n);
        assertEquals(List.of(read, write), root.children());
        assertEquals(List.of("openat", "close"), names(root));
        assertEquals(List.of("read", "epoll_ctl", "read"), names(read));
        assertEquals(List.of("write"), names(write));
        assertEquals(List.of(new CallNode.Park(vt, 7, 300, 400, 600, 2, 1)), read.parks());
        assertEquals(List.of(), root.parks());
    }

    /** A thread's outermost calls in two carriers' rings may be put together out of order. */
    @Test
    void aLaterCallOfTheSameVirtualThreadLeavesAnEarliersRecordsAlone() {
        Thread vt = new Thread(() -> { }, "stand-in for a virtual thread");
        CallNode early = virtualCall(CallKind.FILES_COPY, 1, 100, 200, vt);
        CallNode late = virtualCall(CallKind.FILES_COPY, 2, 300, 400, vt);
        CallNode inEarly = virtualCall(CallKind.FILE_CHANNEL_WRITE, 1, 150, 160, vt);
        CallNode inLate = virtualCall(CallKind.FILE_CHANNEL_WRITE, 2, 350, 360, vt);
        VirtualCalls calls = new VirtualCalls();
        calls.nested(inEarly);
        calls.nested(inLate);
        calls.assemble(late, List.of());
        calls.assemble(early, List.of());
        assertEquals(List.of(inLate), late.children());
        assertEquals(List.of(inEarly), early.children());
    }

    private static CallNode virtualCall(CallKind kind, int tid, long enter, long exit, Thread vt) {
        CallNode c = new CallNode(kind, tid, "vt", vt.getId(), enter, exit, -1, null, null, List.of());
        c.virtualThread = vt;
        c.segmentNs = enter;
        return c;
    }

    private static List<String> names(CallNode call) {
        return call.syscalls().stream().map(SyscallRecord::name).toList();
    }

    private static SyscallRecord record(int tid, String name, long enter, long exit) {
        return new SyscallRecord(tid, 0, 0, new long[6], enter, exit, name, "", "0", 0, -1, "");
    }
}
