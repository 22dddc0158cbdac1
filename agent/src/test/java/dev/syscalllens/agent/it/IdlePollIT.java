package dev.syscalllens.agent.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe's request that idle CPUs poll while threads stop back to back (native-probe/src/idle_poll.h),
 * checked against the kernel's own account: the time the CPUs spent in cpuidle's POLL state
 * (/sys/devices/system/cpu/cpuN/cpuidle/state0/time). It grows while the probe traces a loop of
 * syscalls, not while the traced program sleeps, not after the probe is killed, and not at all with
 * idle=halt; at the end no request is left (/dev/cpu_dma_latency reads the kernel's default).
 */
class IdlePollIT {
    private static final Path STORM = Env.PROBE.toAbsolutePath().getParent().resolve("tests/storm");
    private static final Path LATENCY = Path.of("/dev/cpu_dma_latency");
    private static final int NO_CONSTRAINT = 2_000_000_000; // the kernel's default, in us
    /** Less than this much polling in a phase is noise: the idle CPUs of a phase without the request poll none here. */
    private static final long QUIET_US = 100_000;

    private static List<Path> pollTimes;

    @BeforeAll
    static void needsCpuidleAndRoot() throws IOException {
        pollTimes = new ArrayList<>();
        try (var cpus = Files.newDirectoryStream(Path.of("/sys/devices/system/cpu"), "cpu[0-9]*")) {
            for (Path cpu : cpus) {
                Path state = cpu.resolve("cpuidle/state0");
                if (Files.exists(state) && Files.readString(state.resolve("name")).strip().equals("POLL")) {
                    pollTimes.add(state.resolve("time"));
                }
            }
        }
        Assumptions.assumeFalse(pollTimes.isEmpty(), "this kernel has no cpuidle POLL state to measure the request by");
        Assumptions.assumeTrue(Files.isReadable(LATENCY), LATENCY + " is not readable here (root only): no request to check");
        Assumptions.assumeTrue(latency() == NO_CONSTRAINT, "another process holds a CPU-latency request ("
                + latency() + " us): the POLL time would not be ours");
    }

    @Test
    void probePollsWhileTracingALoopAndNotWhileTheProgramSleeps() throws Exception {
        long before = polled();
        Forked probe = Forked.start(List.of(Env.PROBE.toAbsolutePath().toString(), "--profile", "-f", "-o", "/dev/null",
                "--", "sh", "-c", STORM + " 1500; echo stormed; sleep 1.5"));
        probe.awaitOutput("stormed", 60);
        long stormed = polled();
        Forked.Result r = probe.await(60);
        long after = polled();
        assertEquals(0, r.exit(), r::toString);

        // the probe's account: taken at least once, held for most of the loop's 1.5 s
        Matcher m = Pattern.compile("idle CPUs kept polling (\\d+) times, ([0-9.]+) s in all").matcher(r.stderr());
        assertTrue(m.find(), r::toString);
        assertTrue(Integer.parseInt(m.group(1)) >= 1 && Double.parseDouble(m.group(2)) >= 0.5, r::toString);
        // the kernel's: CPUs polled during the loop, not during the sleep
        assertTrue(stormed - before > 2 * QUIET_US, "POLL time during the loop: " + (stormed - before) + " us");
        assertTrue(after - stormed < QUIET_US, "POLL time while the program slept: " + (after - stormed) + " us");
        assertEquals(NO_CONSTRAINT, latency());

        long halt = polled();
        Forked.Result h = Forked.run(List.of(Env.PROBE.toAbsolutePath().toString(), "--idle", "halt", "-o", "/dev/null",
                "--", STORM.toString(), "1500"), 60);
        assertEquals(0, h.exit(), h::toString);
        assertTrue(polled() - halt < QUIET_US, "POLL time with --idle halt: " + (polled() - halt) + " us");
    }

    @Test
    void theRequestDiesWithTheProbe() throws Exception {
        Forked probe = Forked.start(List.of(Env.PROBE.toAbsolutePath().toString(), "-o", "/dev/null",
                "--", STORM.toString(), "4000"));
        long start = polled();
        Thread.sleep(1500);
        long traced = polled();
        assertTrue(traced - start > QUIET_US, "POLL time while traced: " + (traced - start) + " us");
        probe.process().destroyForcibly().waitFor(); // SIGKILL: the kernel lets go of the loop, which runs on
        long killed = polled();
        Thread.sleep(1000);
        assertTrue(polled() - killed < QUIET_US, "POLL time after the probe was killed: " + (polled() - killed) + " us");
        assertEquals(NO_CONSTRAINT, latency());
    }

    @Test
    void agentAsksUnlessIdleHalt() throws Exception {
        long start = polled();
        Forked.Result poll = Forked.run(Env.demo(Env.Jdk.JDK17, "exporter=none", "bench-write-4k", "2.5", "0.5"), 120);
        long polled = polled() - start;
        assertEquals(0, poll.exit(), poll::toString);
        start = polled();
        Forked.Result halt = Forked.run(Env.demo(Env.Jdk.JDK17, "exporter=none,idle=halt", "bench-write-4k", "2.5", "0.5"), 120);
        long halted = polled() - start;
        assertEquals(0, halt.exit(), halt::toString);
        // The POLL time is the idle time under the request, and this loop keeps both CPUs of a
        // small machine busy most of the time (measured here: 550-620 ms of polling in its 3 s).
        assertTrue(polled > QUIET_US && halted < QUIET_US, "POLL time: " + polled + " us by default, " + halted
                + " us with idle=halt");
    }

    /** Microseconds all CPUs have spent in the POLL state since boot. */
    private static long polled() throws IOException {
        long sum = 0;
        for (Path p : pollTimes) {
            sum += Long.parseLong(Files.readString(p).strip());
        }
        return sum;
    }

    /** The CPU-latency limit in force, in us: the smallest request any process holds. */
    private static int latency() throws IOException {
        try (InputStream in = Files.newInputStream(LATENCY)) {
            return ByteBuffer.wrap(in.readNBytes(4)).order(ByteOrder.nativeOrder()).getInt();
        }
    }
}
