package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe is stopped (SIGSTOP) while the application runs: every thread it traces stops at its
 * next syscall. The agent's watchdog sees the heartbeats stop, kills the probe after
 * ProbeClient.STALL_MS, the kernel lets the threads go, and the application finishes as it
 * would have, with one line saying what happened.
 */
class ProbeStalledIT {
    @Test
    void aStoppedProbeHoldsTheApplicationAtMostAboutASecond() throws Exception {
        Path dir = Files.createTempDirectory("probe-stalled-it");
        int port = Env.freePort();
        Forked server = Forked.helloServer(dir, port);
        ProcessHandle probe = server.probe();
        assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(probe.pid())).start().waitFor());

        long t0 = System.nanoTime();
        Forked.Result client = Forked.run(Env.demo(Env.Jdk.JDK17, null, "hello-client", Integer.toString(port)), 60);
        Forked.Result r = server.await(60);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, client.exit(), client::toString);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("listening on 127.0.0.1:" + port + "\nreceived: hello\n", r.stdout());
        assertTrue(probe.onExit().isDone() || !probe.isAlive(), "the probe is gone");
        List<String> said = r.stderr().lines().filter(l -> l.startsWith("syscall-lens:"))
                .filter(l -> !l.matches("syscall-lens: \\d+ Java calls, .*")).toList();
        assertEquals(1, said.size(), said::toString);
        assertTrue(said.get(0).contains("the probe stopped answering for 1000 ms"), said::toString);
        // The client's own start (a JVM) and the server's exit take most of it; the hold itself
        // is bounded by the watchdog (about 1 s).
        assertTrue(ms < 15_000, "took " + ms + " ms");
    }
}
