package dev.syscalllens.agent.correlate;

import dev.syscalllens.agent.probe.ProbeClient;
import dev.syscalllens.agent.probe.SyscallRecord;
import dev.syscalllens.bootstrap.CallBuffer;
import dev.syscalllens.bootstrap.Recorder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Joins Java calls and syscalls on the agent's correlator thread.
 *
 * <p>A syscall on thread T belongs to the innermost call on T whose [enter, exit] window holds
 * it. Both sides stamp CLOCK_MONOTONIC and the order is causal (the Java enter stamp precedes the
 * entry stop; the exit stop precedes the Java exit stamp), so containment is exact. A finished
 * outermost call is only handed out once the probe's watermark has passed its exit stamp: by
 * then the probe has reported every syscall the call made (see protocol.h).
 */
public final class Correlator implements ProbeClient.Listener {
    /** How long a call waits for a probe whose watermark stopped moving. */
    private static final long STALL_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long PERIOD_NS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * When a thread's ring was a quarter full at the last drain, the next comes this soon: a
     * thread making a call every microsecond fills 1024 slots in about a millisecond.
     */
    private static final long BUSY_PERIOD_NS = TimeUnit.MICROSECONDS.toNanos(200);

    private enum ProbeState { NONE, RUNNING, GONE }

    private final Consumer<CallNode> out;
    /**
     * Records from the probe's reader. Bounded: when the correlator falls behind, the reader
     * waits, the pipe and then the probe's own 4 MiB buffer fill, and the probe drops syscalls and
     * counts them (it never holds a traced thread for it).
     */
    private final java.util.concurrent.BlockingQueue<SyscallRecord> inbox =
            new java.util.concurrent.LinkedBlockingQueue<>(INBOX);
    private static final int INBOX = 100_000;
    /** Most syscalls held for one thread while its outermost call is still open; more are dropped and counted. */
    static final int HELD_PER_THREAD = 50_000;
    private final Set<Integer> agentTids = ConcurrentHashMap.newKeySet();
    private volatile long watermark;
    private volatile long watermarkMovedAt = System.nanoTime();
    private volatile ProbeState probe = ProbeState.NONE;
    /** Why syscalls are not traced now, or null while the probe runs. */
    private volatile String probeProblem = "the probe has not attached yet";
    private volatile long startNs = Long.MAX_VALUE;
    private volatile boolean stopping;
    private volatile Thread thread;
    private final java.util.concurrent.CompletableFuture<Integer> tid = new java.util.concurrent.CompletableFuture<>();

    /* Correlator-thread state. */
    private final Map<Integer, ArrayDeque<SyscallRecord>> syscallsByTid = new HashMap<>();
    private final Map<CallBuffer, ThreadTrack> tracks = new IdentityHashMap<>();
    private final Map<Integer, ThreadTrack> trackByTid = new HashMap<>();
    private final Stats stats = new Stats();
    private long steps;
    /** Virtual threads' nested calls, stretches and their syscalls, until the outermost call ends. */
    private final VirtualCalls virtuals = new VirtualCalls();
    /** Open {@link dev.syscalllens.api.Capture}s: the syscalls one thread makes between two points. */
    private final Captures captures = new Captures(() -> probeProblem);

    public Correlator(Consumer<CallNode> out) {
        this.out = out;
    }

    /** Totals for the summary at exit. */
    public static final class Stats {
        public long calls;
        public long syscallsInCalls;
        public long syscallsOutsideCalls;
        public long syscallsOtherThreads;
        public volatile long syscallsDropped;
        /** Syscalls beyond {@link #HELD_PER_THREAD} for a thread still inside one call. */
        public volatile long syscallsHeldDropped;

        /** Syscalls not traced in full: the probe's drops and those beyond the hold bound. */
        public long syscallsDroppedAll() {
            return syscallsDropped + syscallsHeldDropped;
        }
        public long callsDropped;
        public long callsWithoutWatermark;
        /** Thread name to syscall name to count, for syscalls outside any recorded call. */
        public final Map<String, Map<String, Long>> outside = new java.util.TreeMap<>();

        void countOutside(String thread, String syscall) {
            outside.computeIfAbsent(thread, k -> new HashMap<>()).merge(syscall, 1L, Long::sum);
        }

        /** "main: futex 12, write 3; GC Thread#0: madvise 4", the busiest threads and syscalls first. */
        public String outsideSummary(int threads, int perThread) {
            return outside.entrySet().stream()
                    .sorted((a, b) -> Long.compare(total(b.getValue()), total(a.getValue())))
                    .limit(threads)
                    .map(e -> e.getKey() + ": " + e.getValue().entrySet().stream()
                            .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                            .limit(perThread)
                            .map(c -> c.getKey() + " " + c.getValue())
                            .collect(java.util.stream.Collectors.joining(", ")))
                    .collect(java.util.stream.Collectors.joining("; "));
        }

        private static long total(Map<String, Long> m) {
            return m.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public void start() {
        Thread t = new Thread(this::run, "syscall-lens-correlator");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Calls and syscalls before this stamp (the agent's own start-up) are not reported. */
    public void recordFrom(long nanoTime) {
        startNs = nanoTime;
    }

    /** Runs {@code task} on the correlator thread about every {@code periodMs}. */
    public void every(long periodMs, Runnable task) {
        periodic.add(new Periodic(TimeUnit.MILLISECONDS.toNanos(periodMs), task));
    }

    private static final class Periodic {
        final long periodNs;
        final Runnable task;
        long next;

        Periodic(long periodNs, Runnable task) {
            this.periodNs = periodNs;
            this.task = task;
            this.next = System.nanoTime() + periodNs;
        }
    }

    private final java.util.List<Periodic> periodic = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void probeRunning() {
        probe = ProbeState.RUNNING;
        probeProblem = null;
    }

    /** Syscalls are not traced in this JVM, for this reason (said by {@link Captures#problem()}). */
    public void noSyscalls(String why) {
        probeProblem = why;
    }

    /** What {@link dev.syscalllens.api.Syscalls} hands its captures to. */
    public dev.syscalllens.api.Syscalls.Backend captures() {
        return captures;
    }

    public void agentThread(int tid) {
        agentTids.add(tid);
    }

    public Stats stats() {
        return stats;
    }

    /** Ends the correlator's wait now, from any thread: something it does every few ms is due. */
    public void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Hands out everything recorded so far, waiting up to {@code timeoutMs} for the probe to
     * report the syscalls of the last calls, then stops the correlator thread.
     */
    public void finish(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long last = System.nanoTime();
        while (probe == ProbeState.RUNNING && watermark < last && System.nanoTime() < deadline) {
            LockSupport.parkNanos(BUSY_PERIOD_NS); // once, at exit: the watermark is due any moment
        }
        stopping = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(timeoutMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void syscall(SyscallRecord record) {
        try {
            inbox.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void watermark(long nowNs) {
        if (nowNs > watermark) {
            watermark = nowNs;
            watermarkMovedAt = System.nanoTime();
        }
    }

    @Override
    public void dropped(long count) {
        stats.syscallsDropped += count;
    }

    @Override
    public void ended(String problem) {
        probeProblem = problem != null ? "the probe ended: " + problem : "the probe has stopped";
        probe = ProbeState.GONE;
    }

    /** The correlator thread's Linux tid, once it runs. */
    public int tid(long timeoutMs) throws Exception {
        return tid.get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void run() {
        Recorder.markAgentThread();
        tid.complete(Recorder.currentTid());
        while (!stopping) {
            boolean busy = step(false);
            long now = System.nanoTime();
            for (Periodic p : periodic) {
                if (now - p.next >= 0) {
                    p.next = now + p.periodNs;
                    try {
                        p.task.run();
                    } catch (RuntimeException e) {
                        // a housekeeping task must not stop the correlator
                    }
                }
            }
            LockSupport.parkNanos(busy ? BUSY_PERIOD_NS : PERIOD_NS);
        }
        step(true);
    }

    /** One pass; returns true when some thread's ring was filling up. */
    private boolean step(boolean last) {
        boolean busy = false;
        // Read before the rings are drained: the calls a thread made before stop() are in them.
        List<Captures.State> stopping = captures.stopping();
        // The watermark is read before the inbox is drained: every record it vouches for was
        // queued before it was published.
        long wm = watermark;
        ProbeState state = probe;
        for (SyscallRecord r; (r = inbox.poll()) != null; ) {
            if (r.enterNs() < startNs || agentTids.contains(r.tid())) {
                continue;
            }
            ArrayDeque<SyscallRecord> held = syscallsByTid.computeIfAbsent(r.tid(), k -> new ArrayDeque<>());
            if (held.size() >= HELD_PER_THREAD) {
                // A call that runs long enough to make this many syscalls: the rest are counted
                // (as dropped, on the next span and at exit), not kept.
                stats.syscallsHeldDropped++;
                continue;
            }
            held.add(r);
            if (!captures.isEmpty()) {
                captures.syscall(r);
            }
        }
        steps++;
        for (CallBuffer b : Recorder.buffers()) {
            ThreadTrack track = tracks.get(b);
            if (track == null) {
                if (agentTids.contains(b.tid())) {
                    continue;
                }
                track = new ThreadTrack(b, virtuals, captures);
                tracks.put(b, track);
                trackByTid.put(b.tid(), track);
            }
            track.step = steps;
            busy |= track.drain() > CallBuffer.CAPACITY / 4;
        }
        if (!stopping.isEmpty()) {
            captures.complete(stopping, wm, state == ProbeState.RUNNING ? null : probeProblem, last);
        }
        boolean stalled = System.nanoTime() - watermarkMovedAt > STALL_NS;
        boolean waitForProbe = state == ProbeState.RUNNING && !stalled && !last;
        // Virtual threads: each stretch a virtual thread ran on a carrier inside a call is set
        // aside first, whatever comes before it in that carrier's queue, so that the call can
        // collect all its stretches when it ends (on whichever carrier).
        for (ThreadTrack track : tracks.values()) {
            for (Iterator<CallNode> nodes = track.roots.iterator(); nodes.hasNext(); ) {
                CallNode n = nodes.next();
                if (n.parked && (!waitForProbe || wm >= n.exitNs)) {
                    nodes.remove();
                    virtuals.stretch(n, claim(n.tid, n.segmentNs, n.exitNs));
                }
            }
        }
        ThreadTrack onlyDue = null;
        int tracksDue = 0;
        for (ThreadTrack track : tracks.values()) {
            track.due = 0;
            for (CallNode root : track.roots) {
                boolean covered = wm >= root.exitNs;
                if (state == ProbeState.RUNNING && !covered && !stalled && !last) {
                    break;
                }
                if (root.virtualThread != null && (root.parked || (root.seenStep >= steps && !last))) {
                    // A stretch not yet due, or a virtual call drained this step: its stretches on
                    // other carriers may be drained only in the next one.
                    break;
                }
                if (state == ProbeState.RUNNING && !covered) {
                    stats.callsWithoutWatermark++;
                }
                track.due++;
            }
            if (track.due > 0) {
                tracksDue++;
                onlyDue = track;
            }
        }
        if (tracksDue == 1) {
            // One thread's calls, in the order they ended already: no list to build and sort.
            for (int i = onlyDue.due; i > 0; i--) {
                emitDue(onlyDue, onlyDue.roots.poll());
            }
        } else if (tracksDue > 1) {
            List<Map.Entry<ThreadTrack, CallNode>> due = new ArrayList<>();
            for (ThreadTrack track : tracks.values()) {
                for (int i = track.due; i > 0; i--) {
                    due.add(Map.entry(track, track.roots.poll()));
                }
            }
            // Across threads in the order the calls ended (each thread's are in that order already):
            // a span linked to a call of another thread (a virtual thread's call and the poller's call
            // that woke it) then mostly finds that one emitted, and carries the link itself.
            due.sort(java.util.Comparator.comparingLong(e -> e.getValue().exitNs));
            for (Map.Entry<ThreadTrack, CallNode> e : due) {
                emitDue(e.getKey(), e.getValue());
            }
        }
        for (Iterator<ThreadTrack> it = tracks.values().iterator(); it.hasNext(); ) {
            ThreadTrack track = it.next();
            forgetOutside(track);
            if (track.buffer.isFinished() && track.roots.isEmpty()) {
                stats.callsDropped += track.buffer.dropped();
                track.buffer.release();
                Recorder.forget(track.buffer);
                trackByTid.remove(track.buffer.tid(), track);
                it.remove();
            }
        }
        forgetOtherThreads(wm, last);
        return busy;
    }

    private void emitDue(ThreadTrack track, CallNode root) {
        if (root.virtualThread != null) {
            emitVirtual(root);
        } else {
            emit(track, root);
        }
    }

    /** Removes and returns the syscalls of {@code tid} inside [from, to]. */
    private List<SyscallRecord> claim(int tid, long from, long to) {
        List<SyscallRecord> out = new ArrayList<>();
        ArrayDeque<SyscallRecord> q = syscallsByTid.get(tid);
        if (q != null) {
            for (Iterator<SyscallRecord> it = q.iterator(); it.hasNext(); ) {
                SyscallRecord s = it.next();
                if (s.enterNs() >= from && s.exitNs() <= to) {
                    out.add(s);
                    it.remove();
                } else if (s.enterNs() > to) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * A virtual thread's outermost call: its last stretch here, the stretches and nested calls
     * set aside before (drained from any carrier's ring at least one step ago).
     */
    private void emitVirtual(CallNode root) {
        int syscalls = virtuals.assemble(root, claim(root.tid, root.segmentNs, root.exitNs));
        if (root.enterNs < startNs) {
            return;
        }
        stats.syscallsInCalls += syscalls;
        if (root.prune()) {
            stats.calls += root.countCalls();
            out.accept(root);
        }
    }

    private void emit(ThreadTrack track, CallNode root) {
        if (root.enterNs < startNs) {
            return;
        }
        ArrayDeque<SyscallRecord> mine = syscallsByTid.get(root.tid);
        if (mine != null) {
            while (!mine.isEmpty() && mine.peek().exitNs() <= root.exitNs) {
                SyscallRecord s = mine.poll();
                if (root.contains(s) && !agentWork(track, s)) {
                    root.attribute(s);
                    stats.syscallsInCalls++;
                } else {
                    outside(track, s);
                }
            }
        }
        if (!track.agentWork.isEmpty()) {
            track.agentWork.removeIf(w -> w[1] <= root.exitNs);
        }
        root.outsideBefore = track.outsideSinceLastCall;
        track.outsideSinceLastCall = 0;
        long dropped = track.buffer.dropped();
        root.callsDroppedBefore = dropped - track.droppedSeen;
        track.droppedSeen = dropped;
        if (root.prune()) {
            stats.calls += root.countCalls();
            out.accept(root);
        }
    }

    /** Syscalls of an application thread made between its recorded calls. */
    private void forgetOutside(ThreadTrack track) {
        if (!track.roots.isEmpty()) {
            return;
        }
        ArrayDeque<SyscallRecord> mine = syscallsByTid.get(track.buffer.tid());
        while (mine != null && !mine.isEmpty() && mine.peek().exitNs() < track.horizonNs) {
            outside(track, mine.poll());
        }
    }

    private final Map<Integer, String> otherNames = new HashMap<>();

    /** A thread that made no recorded call, by its Linux name. */
    private String threadName(int tid) {
        return otherNames.computeIfAbsent(tid, t -> {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/task/" + t + "/comm")).strip()
                        + " (" + t + ")";
            } catch (java.io.IOException | RuntimeException gone) {
                return "tid " + t;
            }
        });
    }

    /** Whether the agent made the syscall, working on the application's thread inside a call. */
    private static boolean agentWork(ThreadTrack track, SyscallRecord s) {
        for (long[] w : track.agentWork) {
            if (s.enterNs() >= w[0] && s.exitNs() <= w[1]) {
                return true;
            }
        }
        return false;
    }

    private void outside(ThreadTrack track, SyscallRecord s) {
        stats.syscallsOutsideCalls++;
        track.outsideSinceLastCall++;
        stats.countOutside(track.name(), s.name());
    }

    /** Syscalls of threads that made no recorded call (JVM threads: GC, compiler, ...). */
    private void forgetOtherThreads(long wm, boolean last) {
        for (Iterator<Map.Entry<Integer, ArrayDeque<SyscallRecord>>> it = syscallsByTid.entrySet().iterator();
             it.hasNext(); ) {
            Map.Entry<Integer, ArrayDeque<SyscallRecord>> e = it.next();
            if (trackByTid.containsKey(e.getKey())) {
                continue;
            }
            ArrayDeque<SyscallRecord> q = e.getValue();
            while (!q.isEmpty() && (last || q.peek().exitNs() <= wm)) {
                stats.syscallsOtherThreads++;
                stats.countOutside(threadName(e.getKey()), q.poll().name());
            }
            if (q.isEmpty()) {
                it.remove();
            }
        }
    }
}
