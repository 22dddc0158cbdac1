package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe's guard, with no agent to help: a probe in agent mode, attached to a plain process,
 * is stopped (SIGSTOP) and nothing else happens. Its guard kills it after 2 s, says so on its
 * stderr, and the process it traced runs on untraced. (The agent's own watchdog, a Java thread,
 * acts after 1 s when it can: ProbeStalledIT.) A probe that ends as usual takes its guard with it.
 */
class ProbeGuardIT {
    private static long tracerOf(long pid) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("TracerPid:")) {
                return Long.parseLong(l.substring(10).trim());
            }
        }
        throw new AssertionError("no TracerPid for " + pid);
    }

    private static List<ProcessHandle> guardsOf(Process probe) {
        return probe.toHandle().children().filter(h -> {
            try {
                return Files.readString(Path.of("/proc/" + h.pid() + "/comm")).trim().equals("sl-probe-guard");
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static Process probe(Path dir, long pid) throws Exception {
        Process p = new ProcessBuilder(Env.PROBE.toAbsolutePath().toString(), "--agent", "-p", Long.toString(pid))
                .redirectOutput(dir.resolve("records").toFile()).redirectError(dir.resolve("log").toFile()).start();
        OutputStream in = p.getOutputStream();
        in.write("go\n".getBytes());
        in.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tracerOf(pid) != p.pid() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(p.pid(), tracerOf(pid), "the probe traces the process");
        return p;
    }

    @Test
    void aStoppedProbeIsKilledByItsGuardAndAProbeThatEndsTakesItsGuardAlong() throws Exception {
        Path dir = Files.createTempDirectory("probe-guard-it");
        Process traced = new ProcessBuilder("sleep", "60").start();
        try {
            Process p = probe(dir, traced.pid());
            List<ProcessHandle> guards = guardsOf(p);
            assertEquals(1, guards.size(), "one guard");
            assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(p.pid())).start().waitFor());
            long t0 = System.nanoTime();
            assertTrue(p.waitFor(8, TimeUnit.SECONDS), "the stopped probe is gone");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(128 + 9, p.exitValue(), "killed by SIGKILL");
            assertTrue(ms >= 1_900 && ms < 4_000, "after about 2 s: " + ms + " ms");
            assertEquals(0, tracerOf(traced.pid()), "the process it traced is no longer traced");
            assertTrue(traced.isAlive());
            assertTrue(Files.readString(dir.resolve("log")).contains("syscall-lens-probe: stopped for 2000 ms"
                    + " (SIGSTOP or a debugger); killed by its guard so that the threads it held run on"),
                    () -> "log: " + dir.resolve("log"));
            assertTrue(guards.get(0).onExit().get(5, TimeUnit.SECONDS) != null, "the guard is gone too");

            // A probe that ends as usual (its control pipe closed): no guard stays behind.
            Process q = probe(dir, traced.pid());
            List<ProcessHandle> second = guardsOf(q);
            assertEquals(1, second.size(), "one guard");
            q.getOutputStream().close();
            assertTrue(q.waitFor(10, TimeUnit.SECONDS), "the probe ends when its agent goes");
            second.get(0).onExit().get(5, TimeUnit.SECONDS);
            assertEquals(0, tracerOf(traced.pid()));
        } finally {
            traced.destroyForcibly();
            Env.deleteTree(dir);
        }
    }
}
