package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe cannot run: missing, built for another architecture, or unpacked into a temp
 * directory mounted noexec. Each time the application runs as without the agent, the agent says
 * why in one line, and the Java calls are spans without syscalls.
 */
class ProbeMissingIT {
    private static void runsWithoutSyscalls(List<String> jvmOptions, String probe, String cause) throws Exception {
        Path dir = Files.createTempDirectory("probe-missing-it");
        Path spans = dir.resolve("spans.jsonl");
        Path target = dir.resolve("test.txt");
        String args = "exporter=file,file=" + spans + (probe == null ? "" : ",probe=" + probe);
        long t0 = System.nanoTime();
        Forked.Result r = Forked.run(Env.demoWith(Env.Jdk.JDK17, jvmOptions, args, "hello-file", target.toString()), 60);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.exit(), r::toString);
        assertEquals("wrote 12 bytes to " + target + "\n", r.stdout());
        List<String> said = r.stderr().lines().filter(l -> l.startsWith("syscall-lens:")).toList();
        assertEquals(2, said.size(), r::stderr);
        assertTrue(said.get(0).startsWith("syscall-lens: no syscalls: the probe could not be started: ")
                && said.get(0).contains(cause), said::toString);
        assertTrue(said.get(1).endsWith("; no syscalls traced"), said::toString);
        ExportedSpans s = ExportedSpans.read(spans);
        ExportedSpans.Span write = s.last("FileChannel.write");
        assertEquals("true", write.attr("syscall_lens.syscalls.unknown"));
        assertEquals(List.of(), s.children(write));
        assertTrue(ms < 20_000, "took " + ms + " ms");
    }

    @Test
    void missing() throws Exception {
        runsWithoutSyscalls(List.of(), "/nonexistent/syscall-lens-probe", "/nonexistent/syscall-lens-probe does not exist");
    }

    @Test
    void builtForAnotherArchitecture() throws Exception {
        // A real executable with its ELF machine field set to aarch64 (183).
        Path fake = Files.createTempDirectory("wrong-arch").resolve("syscall-lens-probe");
        Files.copy(Path.of("/bin/true"), fake, StandardCopyOption.REPLACE_EXISTING);
        byte[] elf = Files.readAllBytes(fake);
        elf[18] = (byte) 183;
        elf[19] = 0;
        Files.write(fake, elf);
        assertTrue(fake.toFile().setExecutable(true));
        runsWithoutSyscalls(List.of(), fake.toString(), "is built for aarch64");
    }

    @Test
    void unpackedIntoANoexecTempDirectory() throws Exception {
        Path mount = Files.createTempDirectory("noexec");
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "noexec,size=64m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor() == 0, "cannot mount a noexec tmpfs here (needs root): " + out.strip());
        try {
            runsWithoutSyscalls(List.of("-Djava.io.tmpdir=" + mount), null, "is not executable (a file system mounted noexec?");
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor();
        }
    }
}
