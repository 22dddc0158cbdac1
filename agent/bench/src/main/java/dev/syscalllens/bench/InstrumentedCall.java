package dev.syscalllens.bench;

import dev.syscalllens.bootstrap.CallBuffer;
import dev.syscalllens.bootstrap.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One cheap call that the agent instruments (sun.nio.ch.FileChannelImpl.write(ByteBuffer, long),
 * recorded as FileChannel.write): one byte to /dev/null at position 0, from a direct buffer so
 * the JDK copies nothing. Run in forks with the agent and without (see {@link PerCallCost}): the
 * difference is what the advice and the recording cost the calling thread.
 *
 * <p>Timed in batches of {@link #BATCH} calls, one batch an iteration, each begun once the
 * correlator has taken every call of the one before. A loop of this call makes millions of calls a
 * second, far more than the correlator turns into spans: timed without a pause, the ring would be
 * full most of the time and most calls would take its drop path, which is cheaper than recording.
 * A batch fits the ring, so every call is recorded; the forks report what their rings dropped.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InstrumentedCall {
    /** Calls per batch: half the ring, so a correlator slow to wake still leaves room. */
    static final int BATCH = CallBuffer.CAPACITY / 2;
    /**
     * System property: a file to which each traced fork appends the count of calls its rings
     * dropped, or -1 if the agent was not recording.
     */
    static final String DROPPED_FILE = "syscall-lens.bench.dropped";
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);

    private FileChannel channel;
    private ByteBuffer one;

    @Setup
    public void open() throws IOException {
        channel = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE);
        one = ByteBuffer.allocateDirect(1);
    }

    /**
     * Waits until the rings are empty (with the agent: its Recorder is the boot loader's, found
     * before ours; without, ours, never active), then 1 ms more in both kinds of fork alike.
     */
    @Setup(Level.Iteration)
    public void drained() {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NS;
        while (Recorder.isActive() && pending() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
        LockSupport.parkNanos(1_000_000);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int fileChannelWrite() throws IOException {
        int n = 0;
        for (int i = 0; i < BATCH; i++) {
            one.clear();
            n += channel.write(one, 0);
        }
        return n;
    }

    @TearDown
    public void close() throws IOException {
        channel.close();
        String report = System.getProperty(DROPPED_FILE);
        if (report != null) {
            // -1: the agent was not recording at all
            long dropped = Recorder.isActive() ? 0 : -1;
            for (CallBuffer b : Recorder.buffers()) {
                dropped += b.dropped();
            }
            Files.writeString(Path.of(report), dropped + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static long pending() {
        long n = 0;
        for (CallBuffer b : Recorder.buffers()) {
            n += b.pending();
        }
        return n;
    }
}
