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

    private ProbeClient(Process process, Path log, Listener listener) {
        this.process = process;
        this.log = log;
        this.listener = listener;
        this.commands = process.getOutputStream();
    }

    /** Starts the probe process and its reader thread; the probe does nothing until {@link #attach}. */
    public static ProbeClient launch(Path binary, Path log, Listener listener, int stringLimit) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--agent",
                "-p", Long.toString(ProcessHandle.current().pid()), "-s", Integer.toString(stringLimit));
        pb.redirectError(log.toFile());
        ProbeClient client = new ProbeClient(pb.start(), log, listener);
        Thread reader = new Thread(client::readLoop, "syscall-lens-probe-reader");
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    public long pid() {
        return process.pid();
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
                int type = b.getInt();
                b.getInt(); // size, already checked
                switch (type) {
                    case ProbeProtocol.REC_SYSCALL -> listener.syscall(ProbeProtocol.readSyscall(b));
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
                problem = "the probe ended unexpectedly" + exitDescription();
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

    private static ByteBuffer readRecord(DataInputStream in, byte[] buf) throws IOException {
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
