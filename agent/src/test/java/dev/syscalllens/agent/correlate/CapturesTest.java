package dev.syscalllens.agent.correlate;

import dev.syscalllens.agent.instrumentation.CallKind;
import dev.syscalllens.agent.probe.SyscallRecord;
import dev.syscalllens.api.Capture;
import dev.syscalllens.api.Syscall;
import dev.syscalllens.api.Syscalls;
import dev.syscalllens.bootstrap.Recorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Captures on real Recorder calls and made-up probe records: a capture holds its own thread's
 * syscalls inside its window, in Java calls or not, and is handed over only once the probe's
 * watermark has passed its stop.
 */
class CapturesTest {
    private Correlator correlator;

    @BeforeAll
    static void on() {
        // Each test runs on a thread of its own (a thread's tid is looked up once, at its first call).
        Recorder.setTidSource(() -> 200_000 + (int) Thread.currentThread().getId());
        Recorder.setActive(true);
    }

    @AfterAll
    static void off() {
        Recorder.setActive(false);
    }

    @AfterEach
    void finish() {
        correlator.finish(1000);
    }

    private Correlator start(boolean probeRunning) {
        correlator = new Correlator(call -> { });
        correlator.recordFrom(System.nanoTime());
        if (probeRunning) {
            correlator.probeRunning();
        } else {
            correlator.noSyscalls("ptrace refused");
        }
        correlator.start();
        return correlator;
    }

    @Test
    void aCaptureHoldsItsThreadsSyscallsAndWaitsForTheWatermark() throws Exception {
        onItsOwnThread(() -> {
            Correlator c = start(true);
            int tid = Recorder.currentTid();
            long before = System.nanoTime();
            Capture capture = c.captures().capture();
            long a0 = System.nanoTime();
            long a1 = System.nanoTime();
            long w = Recorder.enter(CallKind.FILE_CHANNEL_WRITE.id());
            long w0 = System.nanoTime();
            long w1 = System.nanoTime();
            Recorder.exit(CallKind.FILE_CHANNEL_WRITE.id(), w, "/x", 12, null);

            c.syscall(record(tid, "getpid", before - 2, before - 1));   // before the capture
            c.syscall(record(tid, "futex", a0, a1));                     // outside any call: the capture's too
            c.syscall(record(tid + 1, "read", w0, w1));                  // another thread
            c.syscall(record(tid, "write", w0, w1));
            long[] stopAt = new long[1];
            Thread probe = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                stopAt[0] = System.nanoTime();
                c.watermark(stopAt[0]);
            });
            probe.start();
            List<Syscall> made = capture.stop(Duration.ofSeconds(5));
            long returned = System.nanoTime();
            probe.join();

            assertEquals(List.of("futex", "write"), made.stream().map(Syscall::name).toList());
            assertEquals(null, made.get(0).javaCall());
            assertEquals("FileChannel.write", made.get(1).javaCall());
            assertEquals("write(3</x>, \"\", 0) = 0", made.get(1).strace());
            assertTrue(returned > stopAt[0], "stop() returned only after the watermark passed it");
            assertThrows(IllegalStateException.class, capture::stop, "a capture is stopped once");
        });
    }

    @Test
    void withoutTheProbeACaptureSaysWhy() throws Exception {
        onItsOwnThread(() -> {
            Correlator c = start(false);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.captures().capture());
            assertEquals("syscalls are not traced: ptrace refused", e.getMessage());
        });
    }

    @Test
    void aProbeThatEndsFailsTheStop() throws Exception {
        onItsOwnThread(() -> {
            Correlator c = start(true);
            Capture capture = c.captures().capture();
            c.ended("killed by signal 9");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> capture.stop(Duration.ofSeconds(5)));
            assertEquals("syscalls are no longer traced: the probe ended: killed by signal 9", e.getMessage());
        });
    }

    @Test
    void aCaptureKeepsABoundedNumberOfSyscalls() throws Exception {
        onItsOwnThread(() -> {
            Correlator c = start(true);
            int tid = Recorder.currentTid();
            Capture capture = c.captures().capture();
            long t = System.nanoTime();
            for (int i = 0; i <= Syscalls.MAX_SYSCALLS; i++) {
                c.syscall(record(tid, "write", t, t));
            }
            c.watermark(System.nanoTime() + 1_000_000_000L);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> capture.stop(Duration.ofSeconds(5)));
            assertTrue(e.getMessage().startsWith("more than 10000 syscalls in one capture"), e::getMessage);
        });
    }

    @Test
    void openCapturesAreBoundedAndForgottenWithTheirHandle() throws Exception {
        onItsOwnThread(() -> {
            Correlator c = start(true);
            List<Capture> held = new ArrayList<>();
            for (int i = 0; i < Syscalls.MAX_OPEN; i++) {
                held.add(c.captures().capture());
            }
            assertThrows(IllegalStateException.class, () -> c.captures().capture());
            held.clear();
            long deadline = System.nanoTime() + 5_000_000_000L;
            Capture again = null;
            while (again == null && System.nanoTime() < deadline) {
                System.gc();
                try {
                    again = c.captures().capture();
                } catch (IllegalStateException stillOpen) {
                    Thread.sleep(10);
                }
            }
            assertTrue(again != null, "dropped handles free their places");
        });
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void onItsOwnThread(Body body) throws Exception {
        Throwable[] failed = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failed[0] = e;
            }
        }, "captures-test");
        t.start();
        t.join();
        if (failed[0] instanceof Exception e) {
            throw e;
        } else if (failed[0] instanceof Error e) {
            throw e;
        }
    }

    private static SyscallRecord record(int tid, String name, long enter, long exit) {
        return new SyscallRecord(tid, 1, 0, new long[6], enter, exit, name, "3</x>, \"\", 0", "0", 0);
    }
}
