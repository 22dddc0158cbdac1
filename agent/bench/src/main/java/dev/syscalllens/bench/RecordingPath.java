package dev.syscalllens.bench;

import dev.syscalllens.bootstrap.CallBuffer;
import dev.syscalllens.bootstrap.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the advice calls, called directly, without the agent: {@link Recorder#enter} and
 * {@link Recorder#exit} of one outermost call, as the advice on FileChannelImpl.write makes
 * them (the channel's path as the argument, a result, no exception). The ring is emptied between
 * batches of {@link #BATCH} calls, outside the measurement, as the correlator thread would, so
 * every call is appended (none takes the full ring's drop path).
 */
public class RecordingPath {
    static final int BATCH = 256;
    private static final int KIND = 1;
    private static final CallBuffer.Sink DISCARD =
            (from, kind, depth, enter, exit, result, arg, thrown, segment, owner, parent) -> { };

    private static final String PATH = "/dev/null";

    /** The ring drained by the calling thread: its cache lines stay in this core's cache. */
    @State(Scope.Thread)
    public static class SameThread {
        @Setup(Level.Trial)
        public void activate() {
            RecordingPath.activate();
        }

        /** Level.Invocation is fine here: one invocation is a batch of 256 calls, not one. */
        @Setup(Level.Invocation)
        public void drain() {
            RecordingPath.drain();
        }
    }

    /**
     * The ring drained by another thread, as the correlator does: the lines it read and cleared
     * have to come back to the calling thread's core when it appends.
     */
    @State(Scope.Thread)
    public static class OtherThread {
        private ExecutorService drainer;

        @Setup(Level.Trial)
        public void activate() {
            RecordingPath.activate();
            drainer = Executors.newSingleThreadExecutor();
        }

        @Setup(Level.Invocation)
        public void drain() throws InterruptedException, ExecutionException {
            drainer.submit(RecordingPath::drain).get();
        }

        @TearDown(Level.Trial)
        public void stop() {
            drainer.shutdown();
        }
    }

    private static void activate() {
        Recorder.setNameIds(new int[] {0, 1});
        Recorder.setFolding(new boolean[2]);
        Recorder.setActive(true);
    }

    private static void drain() {
        for (CallBuffer b : Recorder.buffers()) {
            b.drain(DISCARD);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void enterExit(SameThread s) {
        recordBatch();
    }

    /** As {@link #enterExit}, the ring drained on another thread: not part of PerCallCost's run. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void enterExitDrainedElsewhere(OtherThread s) {
        recordBatch();
    }

    /** BATCH calls recorded as the advice records them (the JIT inlines this into each benchmark). */
    private static void recordBatch() {
        for (int i = 0; i < BATCH; i++) {
            long t0 = Recorder.enter(KIND);
            Recorder.exit(KIND, t0, PATH, 1L, null);
        }
    }

    /** The two clock reads that enter and exit make, for scale. */
    @Benchmark
    public long twoClockReads() {
        long t0 = System.nanoTime();
        return System.nanoTime() - t0;
    }
}
