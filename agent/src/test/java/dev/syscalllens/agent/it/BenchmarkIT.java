package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/benchmark.py --quick runs every workload under every configuration once, with short
 * phases, and the JMH per-call benchmark (agent/bench) with one fork of each kind, and writes its
 * tables: the harness works. Its figures mean nothing and nothing here looks at them (only at
 * the traced forks having recorded every call); the real ones come from the full run, in
 * docs/performance.md.
 */
class BenchmarkIT {
    private static final List<String> CONFIGS = List.of("untraced", "probe off", "probe", "probe idle=halt",
            "probe cache=off", "strace -f", "strace -f polling", "strace seccomp", "JFR", "OTel agent");
    private static final List<String> ROWS = List.of("open + write 12 B + close", "write 4 KiB", "read 4 KiB",
            "TCP ping-pong 64 B", "CPU only", "start-up, wall s", "start-up, peak RSS MiB");

    @Test
    void quickRunWritesTheWholeTable() throws Exception {
        Env.strace();
        Path out = Files.createTempDirectory("benchmark-it").resolve("performance.md");
        Forked.Result r = Forked.run(List.of("/usr/bin/env", "JAVA_HOME=" + System.getProperty("java.home"),
                "python3", Path.of("../docs/benchmark.py").toAbsolutePath().toString(), "--quick",
                "--out", out.toString()), 180);
        assertEquals(0, r.exit(), r::toString);
        String page = Files.readString(out);
        String header = page.lines().filter(l -> l.startsWith("| workload |")).findFirst().orElseThrow();
        for (String config : CONFIGS) {
            assertTrue(header.contains("| " + config + " |"), config + " missing from " + header);
        }
        for (String row : ROWS) {
            assertTrue(page.contains("| " + row), row + " missing from\n" + page);
        }
        // the JMH per-call figures (agent/bench): the table, and the target's line with its verdict
        assertTrue(page.contains("| cost per call (the difference) | "), page);
        assertTrue(page.contains("- application thread's cost per instrumented call"), page);
        assertTrue(page.contains("the first run after installing the agent or updating the JDK"), page);
        assertTrue(page.contains("; 0 of "), "calls dropped in the traced forks\n" + page);
        assertFalse(page.contains("error"), page);
        assertTrue(Files.readString(out.resolveSibling("performance.svg")).contains("</svg>"));
    }
}
