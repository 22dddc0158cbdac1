package dev.syscalllens.agent.correlate;

import dev.syscalllens.agent.instrumentation.CallKind;
import dev.syscalllens.bootstrap.CallBuffer;
import dev.syscalllens.bootstrap.Recorder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The correlator's view of one application thread: rebuilds call trees from the post-order
 * records of its {@link CallBuffer} and queues the finished outermost calls. On a carrier, the
 * records of the virtual threads it ran come through here too (see {@link #virtualCall}).
 */
final class ThreadTrack implements CallBuffer.Sink {
    final CallBuffer buffer;
    private final VirtualCalls virtuals;
    private final Captures captures;
    /** Calls finished at each depth whose parent has not finished yet. */
    private final List<List<CallNode>> waiting = new ArrayList<>();
    /** Wakes made inside a call that has not finished yet. */
    private final List<CallNode.Wake> wakes = new ArrayList<>();
    /**
     * Stretches [enter, exit] of agent work inside calls not emitted yet (the agent weaving
     * a class the thread loaded): their syscalls are the agent's, not the calls'.
     */
    final List<long[]> agentWork = new ArrayList<>();
    /** Finished outermost calls, oldest first, waiting for their syscalls. */
    final ArrayDeque<CallNode> roots = new ArrayDeque<>();
    /**
     * Syscalls of this thread that end before this stamp, and that no queued root claims,
     * were made outside any recorded call.
     */
    long horizonNs;
    /** How many of {@link #roots}, from the oldest, are due in this step (the correlator's count). */
    int due;
    /** Syscalls outside any call since the last call handed out. */
    long outsideSinceLastCall;
    /** The ring's drop count when the last outermost call went out. */
    long droppedSeen;

    ThreadTrack(CallBuffer buffer, VirtualCalls virtuals, Captures captures) {
        this.buffer = buffer;
        this.virtuals = virtuals;
        this.captures = captures;
    }

    /** Drains the buffer and moves the horizon; see Correlator for why the order matters. */
    /** Returns how many calls were drained. */
    int drain() {
        long now = System.nanoTime();
        long open = buffer.openSince();
        int n = buffer.drain(this);
        horizonNs = open != 0 ? open : now;
        return n;
    }

    String name() {
        return buffer.threadName();
    }

    /** Set by the correlator before each drain. */
    long step;

    @Override
    public void call(CallBuffer from, int kindId, int depth, long enter, long exit, long result,
                     Object arg, Throwable thrown, long segment, Object owner, Object parent) {
        if (kindId == Recorder.AGENT_WORK) {
            agentWork.add(new long[] {enter, exit});
            return;
        }
        if (kindId == Recorder.WAKE) {
            CallNode.Wake w = new CallNode.Wake((Thread) arg, (int) result, enter);
            if (owner instanceof Thread poller) {
                virtuals.wake(poller, w);
            } else {
                wakes.add(w);
            }
            return;
        }
        if (owner instanceof Thread vt) {
            virtualCall(from, kindId, depth, enter, exit, result, arg, thrown, segment, vt, parent);
            return;
        }
        CallKind kind = CallKind.byId(kindId);
        List<CallNode> children = depth + 1 < waiting.size() ? takeAll(waiting.get(depth + 1)) : List.of();
        if (kind == null || depth < 0) {
            return;
        }
        if (!captures.isEmpty()) {
            captures.call(from.tid(), kind.spanName(), enter, exit);
        }
        CallNode node = new CallNode(kind, from.tid(), from.threadName(),
                from.javaThreadId(), enter, exit, result, arg, thrown, children);
        if (depth == 0) {
            node.appParent = parent;
            // Records come in post-order: every wake waiting here was made inside this call.
            for (CallNode.Wake w : wakes) {
                if (node.enterNs <= w.unparkedNs() && w.unparkedNs() <= node.exitNs) {
                    node.innermost(w.unparkedNs(), w.unparkedNs()).addWake(w);
                }
            }
            wakes.clear();
            roots.add(node);
        } else {
            while (waiting.size() <= depth) {
                waiting.add(new ArrayList<>());
            }
            waiting.get(depth).add(node);
        }
    }

    /**
     * A virtual thread's record. Its outermost calls and the stretches it ran here queue as roots
     * (they claim this carrier's syscalls); its nested calls may be in other carriers' rings, so
     * they wait in {@link VirtualCalls} for their outermost call.
     */
    private void virtualCall(CallBuffer from, int kindId, int depth, long enter, long exit, long result,
                             Object arg, Throwable thrown, long segment, Thread vt, Object parent) {
        boolean parked = kindId == Recorder.PARKED;
        CallKind kind = parked ? null : CallKind.byId(kindId);
        if (kind == null && !parked) {
            return;
        }
        String name = vt.getName().isEmpty() ? "virtual thread #" + vt.getId() : vt.getName();
        CallNode node = new CallNode(kind, from.tid(), name, vt.getId(), enter, exit, result, arg, thrown, List.of());
        node.virtualThread = vt;
        node.segmentNs = segment;
        node.parked = parked;
        node.seenStep = step;
        node.appParent = parent;
        if (parked || depth == 0) {
            roots.add(node);
        } else {
            virtuals.nested(node);
        }
    }

    private static List<CallNode> takeAll(List<CallNode> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        List<CallNode> copy = new ArrayList<>(list);
        list.clear();
        return copy;
    }
}
