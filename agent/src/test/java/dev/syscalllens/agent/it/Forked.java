package dev.syscalllens.agent.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command in its own process, with a time limit, and keeps what it printed. */
final class Forked {
    record Result(List<String> command, int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private final List<String> command;
    private final Process process;
    private final Path out;
    private final Path err;
    /** What it printed, once it has ended and its files are gone. */
    private Result ended;

    private Forked(List<String> command, Process process, Path out, Path err) {
        this.command = command;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static Forked start(List<String> command) throws IOException {
        Path out = Files.createTempFile("forked-out", ".txt");
        Path err = Files.createTempFile("forked-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new Forked(new ArrayList<>(command), pb.start(), out, err);
    }

    static Result run(List<String> command, long timeoutSeconds) throws Exception {
        return start(command).await(timeoutSeconds);
    }

    Process process() {
        return process;
    }

    /** The syscall-lens probe the agent started under this JVM. */
    ProcessHandle probe() {
        return process.children().filter(p -> p.info().command().orElse("").endsWith("syscall-lens-probe"))
                .findFirst().orElseThrow(() -> new AssertionError("no probe under the JVM"));
    }

    /** The demo's hello-server under the agent (exporter=file into dir), listening on port. */
    static Forked helloServer(Path dir, int port) throws Exception {
        Forked server = start(Env.demo(Env.Jdk.JDK17, "exporter=file,file=" + dir.resolve("spans.jsonl"),
                "hello-server", Integer.toString(port)));
        server.awaitOutput("listening on", 60);
        return server;
    }

    /** Waits until the process has printed {@code text} on stdout. */
    void awaitOutput(String text, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (Files.readString(out).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited before printing '" + text + "':\n" + collect());
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new AssertionError("did not print '" + text + "' within " + timeoutSeconds + " s:\n" + collect());
    }

    Result await(long timeoutSeconds) throws Exception {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("timed out after " + timeoutSeconds + " s:\n" + collect());
        }
        return collect();
    }

    /** What the process printed; once it has ended, its two files are deleted (they are in the result). */
    private synchronized Result collect() throws IOException {
        if (ended != null) {
            return ended;
        }
        int exit = process.isAlive() ? -1 : process.exitValue();
        Result r = new Result(command, exit, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        if (exit != -1) {
            ended = r;
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
        return r;
    }
}
