package dev.syscalllens.agent;

import dev.syscalllens.agent.correlate.Correlator;
import dev.syscalllens.agent.instrumentation.CallKind;
import dev.syscalllens.agent.instrumentation.Instrumentations;
import dev.syscalllens.agent.instrumentation.NativeCallSites;
import dev.syscalllens.agent.instrumentation.WovenCache;
import dev.syscalllens.agent.natives.LibC;
import dev.syscalllens.agent.otel.AppTraceContext;
import dev.syscalllens.agent.otel.SpanEmitter;
import dev.syscalllens.agent.otel.Telemetry;
import dev.syscalllens.agent.probe.ProbeClient;
import dev.syscalllens.agent.report.RunReport;
import dev.syscalllens.bootstrap.Recorder;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts syscall-lens inside the application's JVM: exporters, the probe, the correlator and the
 * advice, in that order. Every failure ends in one line on stderr and an application that runs
 * on: without syscalls when the probe cannot trace, without the agent when the options are bad.
 */
public final class Agent {
    private static final long ATTACH_TIMEOUT_MS = 5_000;
    /** How long start-up waits for the SDK that is built beside it (see Telemetry.create). */
    private static final long SDK_TIMEOUT_MS = 10_000;
    private static final long FLUSH_TIMEOUT_MS = 1_000;
    /** How long exit waits for the exporters to send the last spans. */
    private static final long EXPORT_TIMEOUT_MS = 2_000;

    private Agent() {
    }

    public static void start(String args, Instrumentation inst, PrivateDir dir) {
        long t0 = System.nanoTime();
        AgentOptions options;
        try {
            options = AgentOptions.parse(args);
        } catch (AgentOptions.BadOptionException e) {
            Log.info(e.getMessage() + "; the application runs without syscall-lens");
            dir.delete();
            return;
        }
        Log.setDebug(options.debug());
        if (options.report() != null) {
            try {
                checkWritable(options.report());
            } catch (IOException | RuntimeException e) {
                Log.info("cannot write the report to " + options.report() + " (" + reason(e)
                        + "); the application runs without syscall-lens");
                dir.delete();
                return;
            }
        }
        Telemetry telemetry;
        try {
            telemetry = Telemetry.create(options);
        } catch (java.io.FileNotFoundException e) {
            Log.info("cannot write " + options.file() + " (" + e.getMessage()
                    + "); the application runs without syscall-lens");
            dir.delete();
            return;
        } catch (IOException | RuntimeException e) {
            Log.info("cannot set up the exporters: " + e.getMessage() + "; the application runs without syscall-lens");
            dir.delete();
            return;
        }

        long tTelemetry = System.nanoTime();
        // Tids come from /proc/thread-self (one readlink per thread, once), not from jnr-ffi:
        // loading a JNI library costs start-up time and, from JDK 24 on, prints a warning on the
        // application's stderr. jnr-ffi is loaded only where prctl is needed (Yama scope 1).
        Recorder.setTidSource(Agent::tidFromProc);

        openHttpClientInternals(inst);
        AppTraceContext appTrace = new AppTraceContext();
        SpanEmitter emitter = new SpanEmitter(telemetry.tracer(true), telemetry.tracer(false), appTrace);
        emitter.setPayload(options.payload(), telemetry);
        RunReport report = new RunReport(options.report());
        // The summary and the report see each finished tree first, on the correlator thread.
        Correlator correlator = new Correlator(root -> {
            report.accept(root);
            emitter.accept(root);
        });
        appTrace.watch(inst, correlator::wake);
        emitter.setSyscallsDropped(() -> correlator.stats().syscallsDroppedAll());
        correlator.every(100, appTrace::update);
        correlator.every(2, appTrace::updateIfSeen);
        correlator.every(1_000, () -> emitter.expireWaiting(false));
        AtomicReference<ProbeClient> probeRef = new AtomicReference<>();
        Recorder.setAgentThreadListener(tid -> {
            correlator.agentThread(tid);
            ProbeClient p = probeRef.get();
            if (p != null) {
                p.exclude(tid);
            }
        });

        String problem = null;
        ProbeClient probe = null;
        JvmThreads jvmThreads = new JvmThreads();
        if (options.probe()) {
            try {
                Path binary = options.probePath();
                if (binary == null) {
                    binary = dir.extract("linux-x86_64/syscall-lens-probe");
                    if (!binary.toFile().setExecutable(true, true)) {
                        throw new IOException("cannot make " + binary + " executable");
                    }
                }
                // The probe copies as many bytes of a buffer as anyone shows: the console 32, exports payload=.
                probe = ProbeClient.launch(binary, dir.path().resolve("probe.log"), correlator,
                        Math.max(32, options.payload()), options.idleHalt());
            } catch (IOException | RuntimeException e) {
                problem = "the probe could not be started: " + e.getMessage();
            }
        }

        Recorder.setNameIds(CallKind.sameNameIds());
        Recorder.setFolding(CallKind.folding());
        // Started before the weaving, so that its tid is known by the attach: it records nothing
        // until Recorder.setActive, and a thread's start took the attach some 1-5 ms.
        correlator.start();
        long tInstall = System.nanoTime();
        // Targets this JDK lacks are named as their classes are woven, now or as they load.
        // Native ones (RandomAccessFile.length before 21) take no advice: their call sites in
        // the application's classes are rewritten as those load, once the advice is in.
        int uid = dir.uid();
        WovenCache cache = options.cache() == null || uid < 0 ? WovenCache.NONE
                : WovenCache.open(options.cache(), WovenCache.agentIdentity(), uid);
        List<Instrumentations.Target> natives = Instrumentations.install(inst, Instrumentations.all(), cache);
        if (!natives.isEmpty()) {
            for (Instrumentations.Target t : NativeCallSites.install(inst, natives, cache)) {
                Log.debug(t.className() + "." + t.signature() + " is native on this JDK and not traced");
            }
        }
        long tInstalled = System.nanoTime();
        // Before the attach: the thread that builds it is not traced.
        String noSdk = telemetry.awaitReady(SDK_TIMEOUT_MS);
        if (noSdk != null) {
            Log.info("cannot set up the exporters (" + noSdk + "); no spans are exported");
        }
        long tSdk = System.nanoTime();

        if (probe != null) {
            try {
                List<Integer> skip = new java.util.ArrayList<>(
                        List.of(probe.readerTid(ATTACH_TIMEOUT_MS), probe.watchdogTid(ATTACH_TIMEOUT_MS),
                                correlator.tid(ATTACH_TIMEOUT_MS)));
                if (!options.allThreads()) {
                    skip.addAll(jvmThreads.newInternalThreads());
                }
                allowPtrace(probe.pid(), dir);
                problem = probe.attach(skip, ATTACH_TIMEOUT_MS);
            } catch (Exception e) {
                problem = "the probe could not attach: " + e;
            }
            if (problem != null) {
                probe.close(FLUSH_TIMEOUT_MS);
                probe = null;
            } else {
                probeRef.set(probe);
                correlator.probeRunning();
                if (!options.allThreads()) {
                    // The JVM starts GC and compiler threads as it needs them: exclude those too.
                    ProbeClient p = probe;
                    correlator.every(1_000, () -> jvmThreads.newInternalThreads().forEach(p::exclude));
                }
            }
        }
        if (problem != null) {
            // The probe names a non-dumpable JVM itself; other refusals get the places to look.
            if (problem.contains("Operation not permitted") && !problem.contains("non-dumpable")) {
                problem += " (ptrace is not allowed here: Yama's ptrace_scope, a container's seccomp profile or"
                        + " capabilities; see docs/troubleshooting.md)";
            }
            Log.info("no syscalls: " + problem + "; Java calls are traced without them");
            correlator.noSyscalls(problem);
        } else if (probe == null) {
            correlator.noSyscalls("the agent runs with probe=off");
        }
        dev.syscalllens.api.Syscalls.install(correlator.captures());
        emitter.setSyscallsKnown(probe != null);
        report.setSyscallsKnown(probe != null);
        correlator.recordFrom(System.nanoTime());
        Recorder.setActive(true);
        long tEnd = System.nanoTime();
        // Concatenated, not String.format: the Formatter and the locale data it loads cost every
        // run some 20-40 ms, debug or not.
        Log.debug("start-up: options and exporters " + (tTelemetry - t0) / 1_000_000 + " ms, probe launch "
                + (tInstall - tTelemetry) / 1_000_000 + " ms, advice " + (tInstalled - tInstall) / 1_000_000
                + " ms, waiting for the SDK " + (tSdk - tInstalled) / 1_000_000 + " ms, attach "
                + (tEnd - tSdk) / 1_000_000 + " ms");

        ProbeClient attached = probe;
        Thread hook = new Thread(() -> stop(options, correlator, emitter, report, attached, telemetry, cache, dir),
                "syscall-lens-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static void stop(AgentOptions options, Correlator correlator, SpanEmitter emitter, RunReport report,
                             ProbeClient probe, Telemetry telemetry, WovenCache cache, PrivateDir dir) {
        try {
            Recorder.markAgentThread();
            if (probe != null) {
                probe.beat(); // the watermark that finish waits for, now rather than within 10 ms
            }
            correlator.finish(FLUSH_TIMEOUT_MS);
            emitter.expireWaiting(true);
            if (probe != null) {
                probe.close(FLUSH_TIMEOUT_MS);
            }
            telemetry.shutdown(EXPORT_TIMEOUT_MS);
            Correlator.Stats s = correlator.stats();
            long seen = s.syscallsInCalls + s.syscallsOutsideCalls + s.syscallsOtherThreads;
            // Concatenation compiles to StringBuilder calls in this module (see its pom).
            String line = s.calls + " Java calls, " + emitter.spansStarted() + " spans, " + telemetry.spansExported()
                    + " exported, " + telemetry.exportFailures() + " failed to export; "
                    + (probe == null ? "no syscalls traced" : seen + " syscalls: " + s.syscallsInCalls + " in calls, "
                    + s.syscallsOutsideCalls + " between calls, " + s.syscallsOtherThreads + " on threads without calls, "
                    + s.syscallsDroppedAll() + " dropped")
                    + (s.callsDropped > 0 ? "; " + s.callsDropped + " calls dropped (call buffer full)" : "");
            Log.info(line);
            if ((options.exporters().contains(AgentOptions.Exporter.CONSOLE) || options.debug()) && !s.outside.isEmpty()) {
                Log.info("outside calls: " + s.outsideSummary(6, 6));
            }
            if (options.summary()) {
                report.printSummary();
            }
            if (options.report() != null) {
                report.writeReport("syscall-lens: " + System.getProperty("sun.java.command", "java")
                        + " (pid " + ProcessHandle.current().pid() + ")", line);
            }
            cache.save();
        } catch (Throwable t) {
            Log.info("error while stopping: " + t);
        } finally {
            dir.delete();
        }
    }

    /**
     * Fails as writing the report at exit would, without truncating a file already there (an
     * empty one is left where there was none until then).
     */
    private static void checkWritable(Path path) throws IOException {
        Files.newOutputStream(path, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)
                .close();
    }

    /** "Permission denied", "Is a directory", "No such file or directory": what the JDK's message leaves out. */
    static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * HttpClient's connection I/O is tied to its request through a few final fields of
     * jdk.internal.net.http classes, read on the correlator thread (see HttpRequests).
     */
    private static void openHttpClientInternals(Instrumentation inst) {
        ModuleLayer.boot().findModule("java.net.http").ifPresent(http -> {
            try {
                inst.redefineModule(http, java.util.Set.of(), java.util.Map.of(),
                        java.util.Map.of("jdk.internal.net.http", java.util.Set.of(Agent.class.getModule())),
                        java.util.Set.of(), java.util.Map.of());
            } catch (RuntimeException e) {
                Log.debug("cannot open java.net.http's internals: " + e);
            }
        });
    }

    /** Under Yama's ptrace_scope 1 only an ancestor may trace us, unless we name the tracer. */
    private static void allowPtrace(long probePid, PrivateDir dir) {
        Path scope = Path.of("/proc/sys/kernel/yama/ptrace_scope");
        try {
            if (!Files.exists(scope) || !Files.readString(scope).trim().equals("1")) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            Log.debug("could not read " + scope + ": " + e);
            return;
        }
        try {
            if (LibC.load(dir).prctl(LibC.PR_SET_PTRACER, probePid, 0, 0, 0) != 0) {
                Log.info("prctl(PR_SET_PTRACER, " + probePid + ") failed");
            }
        } catch (Throwable t) {
            Log.info("Yama ptrace_scope is 1 and libc could not be loaded to allow the probe: " + t);
        }
    }

    /** The calling thread's Linux tid: /proc/thread-self links to "PID/task/TID". */
    static int tidFromProc() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return Integer.parseInt(link.substring(link.lastIndexOf('/') + 1));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
