package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the built artifacts and the JDKs are; set by the failsafe configuration in agent/pom.xml. */
final class Env {
    static final Path AGENT = Path.of(System.getProperty("syscalllens.agentJar", "target/syscall-lens-agent.jar"));
    static final Path DEMO = Path.of(System.getProperty("syscalllens.demoJar", "../demo-apps/target/demo-apps.jar"));
    /** An application with its own byte-buddy and OpenTelemetry (demo-apps/otel-app), its libraries in lib/ beside it. */
    static final Path OTEL_APP = Path.of(System.getProperty("syscalllens.otelAppJar",
            "../demo-apps/otel-app/target/otel-app.jar"));
    static final Path PROBE = Path.of(System.getProperty("syscalllens.probe", "../native-probe/target/syscall-lens-probe"));

    /** The JDKs the demos run on: the one running the tests (17) and 25. */
    enum Jdk {
        JDK17(System.getProperty("java.home")),
        JDK25(System.getProperty("syscalllens.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));

        final Path home;

        Jdk(String home) {
            this.home = Path.of(home);
        }

        Path java() {
            Path java = home.resolve("bin/java");
            Assumptions.assumeTrue(Files.isExecutable(java), name() + " not found at " + home + ": skipped");
            return java;
        }
    }

    private Env() {
    }

    /** Deletes a test's directory and what is in it (LoadIT's span files are gigabytes); best effort. */
    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | RuntimeException e) {
            // left for the system's tmp cleaning
        }
    }

    /** {@code java [-javaagent:...=agentArgs] -Dsyscall-lens.markers=true -jar demo-apps.jar args...} */
    static List<String> demo(Jdk jdk, String agentArgs, String... args) {
        return demoWith(jdk, List.of(), agentArgs, args);
    }

    /** The same, with JVM options before {@code -jar}. */
    static List<String> demoWith(Jdk jdk, List<String> jvmOptions, String agentArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.java().toString());
        cmd.addAll(jvmOptions);
        if (agentArgs != null) {
            cmd.add("-javaagent:" + AGENT.toAbsolutePath() + "=" + withPayload(agentArgs));
        }
        cmd.add("-Dsyscall-lens.markers=true");
        cmd.add("-jar");
        cmd.add(DEMO.toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code java [-javaagent:...=agentArgs] -jar JAR args...}: an application of its own, no markers. */
    static List<String> app(Jdk jdk, Path jar, String agentArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.java().toString());
        if (agentArgs != null) {
            cmd.add("-javaagent:" + AGENT.toAbsolutePath() + "=" + withPayload(agentArgs));
        }
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The tests compare each syscall's text with strace's, buffers included, so they ask the agent
     * for what strace shows by default (-s 32): exported spans show no buffer bytes unless asked
     * (payload=; SecretsIT checks that default). An explicit payload= is kept.
     */
    static String withPayload(String agentArgs) {
        if (agentArgs.contains("payload=")) {
            return agentArgs;
        }
        return agentArgs.isEmpty() ? "payload=32" : agentArgs + ",payload=32";
    }

    /** The real strace, the oracle; tests that need it are skipped, with the reason, without it. */
    static String strace() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "strace");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        Assumptions.abort("strace is not installed: the oracle comparison cannot run (apt-get install strace)");
        return null;
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
