package dev.syscalllens.agent.probe;

import dev.syscalllens.agent.Log;
import dev.syscalllens.bootstrap.Recorder;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Runs the native probe against this JVM and reads its record stream on an agent thread.
 *
 * <p>Sequence: {@link #launch} starts the process (it waits for "go"); the caller allows it to
 * ptrace us (prctl); {@link #attach} sends "go" with the agent's own tids and waits, within a
 * bound, for HELLO or ERROR. {@link #close} ends the stream: the probe detaches and exits.
 */
public final class ProbeClient {
    /** Receives what the probe reports; called on the reader thread. */
    public interface Listener {
        void syscall(SyscallRecord record);

        /** The probe's clock: every syscall that returned to user space before it has been reported. */
        void watermark(long nowNs);

        void dropped(long count);

        /** The stream ended; {@code problem} is null for a clean end. */
        void ended(String problem);
    }

    private final Process process;
    private final Path log;
    private final Listener listener;
    private final OutputStream commands;
    private final CompletableFuture<Object> handshake = new CompletableFuture<>();
    private final CompletableFuture<Integer> readerTid = new CompletableFuture<>();
    private volatile boolean closing;
    private volatile boolean attached;
    /** When the last record (a heartbeat comes every 10 ms) arrived. */
    private volatile long lastRecordNs = System.nanoTime();
    /** The reader is handing a record on (and may wait for room): silence is then not the probe's. */
    private volatile boolean inListener;
    /** Set when the watchdog killed a probe that stopped answering. */
    private volatile boolean stalled;
    private final CompletableFuture<Integer> watchdogTid = new CompletableFuture<>();

    /**
     * How long a stopped probe may go without a heartbeat once attached (a running one that says
     * nothing gets ten times that). A stopped or stuck tracer keeps every thread it traces stopped
     * at its next syscall; killing it makes the kernel detach them, and they run on. So no
     * application thread waits longer than about this.
     */
    public static final long STALL_MS = 1_000;

    private ProbeClient(Process process, Path log, Listener listener) {
        this.process = process;
        this.log = log;
        this.listener = listener;
        this.commands = process.getOutputStream();
    }

    /** Starts the probe process and its reader thread; the probe does nothing until {@link #attach}. */
    public static ProbeClient launch(Path binary, Path log, Listener listener, int stringLimit, boolean idleHalt)
            throws IOException {
        checkRunnableHere(binary);
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--agent",
                "-p", Long.toString(ProcessHandle.current().pid()), "-s", Integer.toString(stringLimit),
                "--idle", idleHalt ? "halt" : "poll");
        pb.redirectError(log.toFile());
        ProbeClient client = new ProbeClient(pb.start(), log, listener);
        Thread reader = new Thread(client::readLoop, "syscall-lens-probe-reader");
        reader.setDaemon(true);
        reader.start();
        // Started before the attach and excluded from it: a stalled probe cannot stop it.
        Thread watchdog = new Thread(client::watch, "syscall-lens-probe-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return client;
    }

    /**
     * The probe must be an ELF executable for this machine: anything else would fail in a way the
     * JDK reports badly (it hands a non-ELF file to the shell).
     */
    static void checkRunnableHere(Path binary) throws IOException {
        byte[] head = new byte[20];
        // java.io: at start-up, NIO's stream would load the FileChannel classes, to be retransformed
        try (InputStream in = new java.io.FileInputStream(binary.toFile())) {
            if (in.readNBytes(head, 0, head.length) < head.length || head[0] != 0x7f || head[1] != 'E'
                    || head[2] != 'L' || head[3] != 'F') {
                throw new IOException(binary + " is not a Linux executable (no ELF header)");
            }
        } catch (java.io.FileNotFoundException e) {
            if (!Files.exists(binary)) {
                throw new IOException(binary + " does not exist");
            }
            throw e; // "PATH (Permission denied)"
        }
        int machine = (head[18] & 0xff) | (head[19] & 0xff) << 8;
        String arch = System.getProperty("os.arch");
        int expected = arch.equals("amd64") || arch.equals("x86_64") ? 62 : arch.equals("aarch64") ? 183 : -1;
        if (expected != -1 && machine != expected) {
            String built = machine == 62 ? "x86_64" : machine == 183 ? "aarch64" : "ELF machine " + machine;
            throw new IOException(binary + " is built for " + built + ", this JVM runs on " + arch);
        }
        if (!Files.isExecutable(binary)) {
            throw new IOException(binary + " is not executable (a file system mounted noexec? point"
                    + " -Djava.io.tmpdir at one that allows programs)");
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The watchdog thread's Linux tid (the probe must not trace it). */
    public int watchdogTid(long timeoutMs) throws Exception {
        return watchdogTid.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void watch() {
        Recorder.markAgentThread();
        watchdogTid.complete(Recorder.currentTid());
        long before = System.nanoTime();
        while (process.isAlive() && !closing) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            if (now - before > TimeUnit.MILLISECONDS.toNanos(500) || inListener) {
                // This JVM was paused (a long GC): the reader was too, not the probe.
                lastRecordNs = now;
            }
            before = now;
            long silentMs = (now - lastRecordNs) / 1_000_000;
            // A stopped probe (SIGSTOP, a debugger) is killed after STALL_MS; one that runs but
            // says nothing (stuck in the kernel, a loop) gets ten times that.
            if (attached && !closing && (silentMs > STALL_MS && stopped() || silentMs > 10 * STALL_MS)) {
                stalled = true;
                process.destroyForcibly();
                return;
            }
        }
    }

    /** Whether the probe is in a stopped state (T: job control, t: under a debugger). */
    private boolean stopped() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'T' || state == 't';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The reader thread's Linux tid (it is one of the agent's own threads). */
    public int readerTid(long timeoutMs) throws Exception {
        return readerTid.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Tells the probe to attach and waits for its answer.
     *
     * @return null when attached, else one line that names why not
     */
    public String attach(List<Integer> ownTids, long timeoutMs) {
        try {
            String go = "go " + ownTids.stream().map(String::valueOf).collect(Collectors.joining(" "));
            send(go.trim() + "\n");
            Object answer = handshake.get(timeoutMs, TimeUnit.MILLISECONDS);
            if (answer instanceof ProbeProtocol.Hello hello) {
                if (hello.magic() != ProbeProtocol.MAGIC || hello.version() != ProbeProtocol.VERSION) {
                    return "probe speaks protocol version " + hello.version() + ", agent expects "
                            + ProbeProtocol.VERSION;
                }
                Log.debug("probe " + hello.probePid() + " attached to " + hello.threads() + " threads");
                return null;
            }
            return (String) answer;
        } catch (TimeoutException e) {
            return "the probe did not attach within " + timeoutMs + " ms";
        } catch (Exception e) {
            return "the probe could not be started: " + e.getMessage();
        }
    }

    /** Asks for a heartbeat now: the watermark then passes this moment without waiting for the next period. */
    public void beat() {
        try {
            send("beat\n");
        } catch (IOException ignored) {
            // the probe is gone: no watermark to wait for
        }
    }

    /** Asks the probe to stop tracing one of the agent's own threads. */
    public void exclude(int tid) {
        try {
            send("exclude " + tid + "\n");
        } catch (IOException ignored) {
            // the probe is gone; nothing to exclude from
        }
    }

    private synchronized void send(String line) throws IOException {
        commands.write(line.getBytes(StandardCharsets.US_ASCII));
        commands.flush();
    }

    /** Ends the probe: closing its stdin makes it detach every thread and exit. */
    public void close(long timeoutMs) {
        closing = true;
        try {
            synchronized (this) {
                commands.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        Recorder.markAgentThread();
        readerTid.complete(Recorder.currentTid());
        String problem = null;
        boolean bye = false;
        try (DataInputStream in = new DataInputStream(process.getInputStream())) {
            byte[] buf = new byte[ProbeProtocol.MAX_RECORD];
            while (!bye) {
                ByteBuffer b = readRecord(in, buf);
                lastRecordNs = System.nanoTime();
                int type = b.getInt();
                b.getInt(); // size, already checked
                switch (type) {
                    case ProbeProtocol.REC_SYSCALL -> {
                        // The listener waits when the correlator is behind: that is not the probe's silence.
                        inListener = true;
                        listener.syscall(ProbeProtocol.readSyscall(b));
                        inListener = false;
                        lastRecordNs = System.nanoTime();
                    }
                    case ProbeProtocol.REC_HEARTBEAT -> {
                        ProbeProtocol.Heartbeat hb = ProbeProtocol.Heartbeat.read(b);
                        listener.watermark(hb.nowNs());
                    }
                    case ProbeProtocol.REC_HELLO -> {
                        ProbeProtocol.Hello hello = ProbeProtocol.Hello.read(b);
                        listener.watermark(hello.nowNs());
                        attached = hello.magic() == ProbeProtocol.MAGIC && hello.version() == ProbeProtocol.VERSION;
                        handshake.complete(hello);
                    }
                    case ProbeProtocol.REC_ERROR -> {
                        ProbeProtocol.Error err = ProbeProtocol.Error.read(b);
                        problem = err.message();
                        handshake.complete(err.message());
                    }
                    case ProbeProtocol.REC_DROPPED -> listener.dropped(ProbeProtocol.Dropped.read(b).count());
                    case ProbeProtocol.REC_BYE -> {
                        listener.watermark(ProbeProtocol.Bye.read(b).nowNs());
                        bye = true;
                    }
                    default -> {
                        // THREAD and future record types: nothing the correlator needs yet
                    }
                }
            }
        } catch (EOFException e) {
            if (problem == null && !closing) {
                problem = stalled
                        ? "the probe stopped answering for " + STALL_MS + " ms (stopped or stuck); it was killed so"
                          + " that the threads it held run on"
                        : "the probe ended unexpectedly" + exitDescription();
            }
        } catch (IOException | RuntimeException e) {
            if (problem == null && !closing) {
                problem = "the probe's record stream broke: " + e.getMessage();
            }
        }
        handshake.complete(problem != null ? problem : "the probe ended before attaching" + exitDescription());
        if (attached && problem != null) {
            // After a good attach the agent has said nothing yet: say it once, here.
            Log.info(problem + "; syscalls are no longer traced, Java calls still are");
        }
        listener.ended(problem);
    }

    static ByteBuffer readRecord(DataInputStream in, byte[] buf) throws IOException {
        in.readFully(buf, 0, ProbeProtocol.HEADER_SIZE);
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        int size = b.getInt(4);
        if (size < ProbeProtocol.HEADER_SIZE || size > ProbeProtocol.MAX_RECORD || size % 8 != 0) {
            throw new IOException("corrupt record header (size " + size + ")");
        }
        in.readFully(buf, ProbeProtocol.HEADER_SIZE, size - ProbeProtocol.HEADER_SIZE);
        b.limit(size);
        return b;
    }

    private String exitDescription() {
        StringBuilder sb = new StringBuilder();
        try {
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                int status = process.exitValue();
                sb.append(status > 128 ? " (killed by signal " + (status - 128) + ")" : " (exit status " + status + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String last = lastLogLine();
        if (last != null) {
            sb.append(": ").append(last);
        }
        return sb.toString();
    }

    private String lastLogLine() {
        try (InputStream in = Files.newInputStream(log)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n");
            return lines.length == 0 || lines[lines.length - 1].isBlank() ? null : lines[lines.length - 1];
        } catch (IOException e) {
            return null;
        }
    }
}
