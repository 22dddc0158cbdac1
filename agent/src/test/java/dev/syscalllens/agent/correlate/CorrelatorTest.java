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

        c.watermark(after + 10);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (out.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        c.finish(1000);

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

    private static SyscallRecord record(int tid, String name, long enter, long exit) {
        return new SyscallRecord(tid, 0, 0, new long[6], enter, exit, name, "", "0", 0, -1, "");
    }
}
