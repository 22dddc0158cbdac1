package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe is killed (SIGKILL) while the application runs: the application goes on as if
 * nothing happened (ptrace lets its threads run on), and the agent says so once.
 */
class ProbeKilledIT {
    @Test
    void theApplicationRunsOnAndTheAgentSaysItOnce() throws Exception {
        Path dir = Files.createTempDirectory("probe-killed-it");
        int port = Env.freePort();
        Forked server = Forked.helloServer(dir, port);
        ProcessHandle probe = server.probe();
        // Least privilege, as the kernel sees it: the probe runs under its own seccomp filter
        // (it may not write into the JVM) and can gain no privileges.
        String status = Files.readString(Path.of("/proc/" + probe.pid() + "/status"));
        assertTrue(status.contains("\nSeccomp:\t2\n"), "the probe runs under a seccomp filter:\n" + status);
        assertTrue(status.contains("\nNoNewPrivs:\t1\n"), status);
        assertTrue(probe.destroyForcibly(), "SIGKILL sent");
        probe.onExit().get();

        Forked.Result client = Forked.run(Env.demo(Env.Jdk.JDK17, null, "hello-client", Integer.toString(port)), 60);
        Forked.Result r = server.await(60);
        assertEquals(0, client.exit(), client::toString);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("listening on 127.0.0.1:" + port + "\nreceived: hello\n", r.stdout());
        // What it says besides the line at exit, which every run prints.
        List<String> said = r.stderr().lines().filter(l -> l.startsWith("syscall-lens:"))
                .filter(l -> !l.matches("syscall-lens: \\d+ Java calls, .*")).toList();
        assertEquals(1, said.size(), said::toString);
        assertTrue(said.get(0).contains("the probe ended unexpectedly (killed by signal 9)"), said::toString);
    }
}
