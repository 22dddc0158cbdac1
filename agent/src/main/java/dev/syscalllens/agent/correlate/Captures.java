package dev.syscalllens.agent.correlate;

import dev.syscalllens.agent.probe.SyscallRecord;
import dev.syscalllens.api.Capture;
import dev.syscalllens.api.Syscall;
import dev.syscalllens.api.Syscalls;
import dev.syscalllens.bootstrap.Recorder;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The open {@link Capture}s ({@link Syscalls#capture()}): each collects, on the correlator
 * thread, its thread's syscalls inside its window, in calls or outside them, as they come in.
 *
 * <p>Nothing runs while none is open: the correlator asks {@link #isEmpty()} once per step.
 * Bounded: at most {@link Syscalls#MAX_OPEN} open, each keeping at most
 * {@link Syscalls#MAX_SYSCALLS} syscalls and as many Java-call windows; a capture whose handle
 * the application dropped without stopping it is forgotten once the handle is collected.
 */
final class Captures implements Syscalls.Backend {
    private final List<State> open = new CopyOnWriteArrayList<>();
    private final Supplier<String> problem;

    Captures(Supplier<String> problem) {
        this.problem = problem;
    }

    /** One open capture, as the correlator sees it. */
    static final class State {
        final int tid;
        final Thread owner;
        final WeakReference<Handle> handle;
        /** Nothing before this stamp is the capture's (Long.MAX_VALUE until it is taken). */
        volatile long fromNs = Long.MAX_VALUE;
        /** 0 while open; the stamp of stop() after. */
        volatile long stopNs;
        /* Correlator-thread state. */
        final List<SyscallRecord> syscalls = new ArrayList<>();
        final List<Window> calls = new ArrayList<>();
        boolean overflow;
        /* Handed from the correlator thread to the owner. */
        volatile List<Syscall> result;
        volatile String failure;

        State(int tid, Thread owner, Handle handle) {
            this.tid = tid;
            this.owner = owner;
            this.handle = new WeakReference<>(handle);
        }

        boolean holds(int tid, long enter, long exit) {
            long stop = stopNs;
            return tid == this.tid && enter >= fromNs && (stop == 0 || exit <= stop);
        }
    }

    private record Window(String call, long enterNs, long exitNs) {
    }

    @Override
    public String problem() {
        return problem.get();
    }

    @Override
    public Capture capture() {
        String p = problem.get();
        if (p != null) {
            throw new IllegalStateException("syscalls are not traced: " + p);
        }
        Thread t = Thread.currentThread();
        if (isVirtual(t)) {
            throw new IllegalStateException("cannot capture on a virtual thread: it moves between carriers"
                    + " (Linux threads); capture on a platform thread");
        }
        if (Recorder.isAgentThread()) {
            throw new IllegalStateException("cannot capture on one of syscall-lens's own threads (not traced)");
        }
        int tid = Recorder.currentTid();
        if (tid <= 0) {
            throw new IllegalStateException("this thread's Linux tid is not known");
        }
        open.removeIf(s -> s.handle.get() == null);
        if (open.size() >= Syscalls.MAX_OPEN) {
            throw new IllegalStateException(Syscalls.MAX_OPEN + " captures are open already: stop them"
                    + " (an unstopped capture stays open until its handle is garbage-collected)");
        }
        Handle h = new Handle();
        State s = new State(tid, t, h);
        h.state = s;
        open.add(s);
        s.fromNs = System.nanoTime();
        return h;
    }

    /** The application's handle; the registry only holds it weakly. */
    private final class Handle implements Capture {
        State state;
        private boolean stopped;

        @Override
        public List<Syscall> stop(Duration timeout) {
            long stop = System.nanoTime();
            State s = state;
            if (Thread.currentThread() != s.owner) {
                throw new IllegalStateException("a capture is stopped on the thread that started it ("
                        + s.owner.getName() + ")");
            }
            if (stopped) {
                throw new IllegalStateException("this capture was stopped already");
            }
            stopped = true;
            s.stopNs = stop;
            long deadline = stop + timeout.toNanos();
            while (s.result == null && s.failure == null && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(this, 1_000_000);
            }
            open.remove(s);
            if (s.failure != null) {
                throw new IllegalStateException(s.failure);
            }
            if (s.result == null) {
                throw new IllegalStateException("the probe did not report this thread's syscalls up to the stop"
                        + " within " + timeout.toMillis() + " ms");
            }
            return s.result;
        }
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    /** The captures being stopped now; taken at the start of a correlator step. */
    List<State> stopping() {
        if (open.isEmpty()) {
            return List.of();
        }
        List<State> out = new ArrayList<>();
        for (State s : open) {
            if (s.stopNs != 0 && s.result == null && s.failure == null) {
                out.add(s);
            }
        }
        return out;
    }

    /** A syscall the probe reported, in the order it reported them per thread. */
    void syscall(SyscallRecord r) {
        for (State s : open) {
            if (s.holds(r.tid(), r.enterNs(), r.exitNs())) {
                if (s.syscalls.size() < Syscalls.MAX_SYSCALLS) {
                    s.syscalls.add(r);
                } else {
                    s.overflow = true;
                }
            }
        }
    }

    /** A recorded Java call of a platform thread. */
    void call(int tid, String name, long enter, long exit) {
        for (State s : open) {
            if (s.holds(tid, enter, exit) && s.calls.size() < Syscalls.MAX_SYSCALLS) {
                s.calls.add(new Window(name, enter, exit));
            }
        }
    }

    /**
     * Ends the captures of {@code stopping} whose stop the watermark has passed: every syscall
     * made before it was queued before the watermark, and this step has drained them.
     */
    void complete(List<State> stopping, long watermark, String probeProblem, boolean last) {
        for (State s : stopping) {
            if (watermark >= s.stopNs) {
                if (s.overflow) {
                    s.failure = "more than " + Syscalls.MAX_SYSCALLS + " syscalls in one capture: only the first "
                            + Syscalls.MAX_SYSCALLS + " were kept; capture a smaller block";
                } else {
                    s.result = List.copyOf(s.syscalls.stream().map(r -> syscall(r, s.calls)).toList());
                }
            } else if (probeProblem != null) {
                s.failure = "syscalls are no longer traced: " + probeProblem;
            } else if (last) {
                s.failure = "syscall-lens is shutting down";
            } else {
                continue;
            }
            s.syscalls.clear();
            s.calls.clear();
            LockSupport.unpark(s.owner);
        }
        if (!open.isEmpty()) {
            open.removeIf(s -> s.handle.get() == null);
        }
    }

    private static Syscall syscall(SyscallRecord r, List<Window> calls) {
        Window in = null;
        for (Window w : calls) {
            // nested calls start later: the latest start that holds it is the innermost
            if (w.enterNs <= r.enterNs() && r.exitNs() <= w.exitNs && (in == null || w.enterNs > in.enterNs)) {
                in = w;
            }
        }
        return new Syscall(r.name(), r.argText(), r.retText(), r.errnoName(), r.fd(), r.fdTarget(),
                in == null ? null : in.call, r.tid(), r.enterNs(), r.exitNs());
    }

    private static final java.lang.invoke.MethodHandle IS_VIRTUAL = isVirtualHandle();

    private static java.lang.invoke.MethodHandle isVirtualHandle() {
        try {
            return java.lang.invoke.MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    java.lang.invoke.MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null; // JDK 17-20
        }
    }

    private static boolean isVirtual(Thread t) {
        try {
            return IS_VIRTUAL != null && (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }
}
