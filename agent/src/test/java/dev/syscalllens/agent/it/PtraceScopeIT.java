package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Yama's ptrace_scope 2 (only processes with CAP_SYS_PTRACE may trace): an application run as an
 * unprivileged user gets one line naming the refusal within 2 s of the attempt and runs on
 * normally. Needs the Yama LSM and root (to set the scope, and back); skipped, saying so,
 * elsewhere. Scope 3 is not tried: it cannot be undone without a reboot.
 */
class PtraceScopeIT {
    private static final Path SCOPE = Path.of("/proc/sys/kernel/yama/ptrace_scope");

    @Test
    void scopeTwoRefusesAnUnprivilegedProbe() throws Exception {
        Assumptions.assumeTrue(Files.exists(SCOPE), "this kernel has no Yama LSM: ptrace_scope cannot be set here");
        Assumptions.assumeTrue(Files.isWritable(SCOPE), "ptrace_scope is not writable here (needs root)");
        String before = Files.readString(SCOPE).trim();
        Path dir = Files.createTempDirectory("ptrace-scope");
        assertTrue(dir.toFile().setWritable(true, false) && dir.toFile().setExecutable(true, false));
        try {
            Files.writeString(SCOPE, "2");
            List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    "--inh-caps=-all"));
            cmd.addAll(Env.demoWith(Env.Jdk.JDK17, List.of("-Djava.io.tmpdir=" + dir), "exporter=none", "hello-file",
                    dir.resolve("test.txt").toString()));
            Forked.Result r = Forked.run(cmd, 60);
            assertEquals(0, r.exit(), r::toString);
            assertEquals("wrote 12 bytes to " + dir.resolve("test.txt") + "\n", r.stdout());
            List<String> said = r.stderr().lines().filter(l -> l.startsWith("syscall-lens:")).toList();
            assertTrue(said.get(0).startsWith("syscall-lens: no syscalls: ") && said.get(0).contains("Operation not permitted"),
                    said::toString);
        } finally {
            Files.writeString(SCOPE, before);
        }
    }
}
