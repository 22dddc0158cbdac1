package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad agent options and an unwritable output path: one clear line each, the application runs on. */
class BadInputIT {
    @Test
    void eachBadInputIsOneLineAndTheApplicationRunsOn() throws Exception {
        Path dir = Files.createTempDirectory("bad-input-it");
        Map<String, String> cases = Map.of(
                "exporter=jaeger", "syscall-lens: unknown exporter 'jaeger' (available: otlp, zipkin, file, console, none;"
                        + " combine with +); the application runs without syscall-lens",
                "payload=lots", "syscall-lens: payload=lots: expected a number of bytes from 0 to 4096; the application"
                        + " runs without syscall-lens",
                "colour=red", "syscall-lens: unknown option 'colour'",
                "exporter=file,file=/proc/no-such-dir/spans.jsonl", "syscall-lens: cannot write /proc/no-such-dir/spans.jsonl");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path target = dir.resolve("test.txt");
            List<String> cmd = Env.demoWith(Env.Jdk.JDK17, List.of(), null, "hello-file", target.toString());
            // Env would add payload=32; these are the options exactly as a user typed them.
            cmd = new java.util.ArrayList<>(cmd);
            cmd.add(1, "-javaagent:" + Env.AGENT.toAbsolutePath() + "=" + c.getKey());
            Forked.Result r = Forked.run(cmd, 60);
            assertEquals(0, r.exit(), r::toString);
            assertEquals("wrote 12 bytes to " + target + "\n", r.stdout(), c.getKey());
            List<String> said = r.stderr().lines().toList();
            assertEquals(1, said.size(), c.getKey() + ": " + said);
            assertTrue(said.get(0).startsWith(c.getValue()), c.getKey() + ": " + said.get(0));
        }
    }
}
