package dev.syscalllens.agent.otel;

import dev.syscalllens.agent.correlate.CallNode;
import dev.syscalllens.agent.instrumentation.CallKind;
import dev.syscalllens.agent.probe.SyscallRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns a finished call tree into spans after the fact, with explicit start and end times:
 * one span per Java call, one child span per syscall.
 */
public final class SpanEmitter implements Consumer<CallNode> {
    /** Most syscall child spans per call; the rest are counted on the call's span. */
    public static final int MAX_SYSCALL_CHILDREN = 128;

    /** How many live mappings are remembered for linking their unmap to their map. */
    private static final int MAPPINGS = 4096;

    /** Builds spans without the SDK's builder where that gives the same span (see DirectSpans). */
    private final Tracer tracer;
    /** The SDK's own builder, for spans that record an exception or events. */
    private final Tracer sdkTracer;
    /** A call and the pool task that does its work, whichever is emitted first waits here. */
    private final HandOffs handOffs = new HandOffs();
    /** Pending writes of asynchronous socket channels, apart from their reads (same channel key). */
    private final HandOffs asyncWrites = new HandOffs();
    /** Virtual threads' parks and the JDK poller's wakes, paired by thread, fd and time. */
    private final PollerWakes pollerWakes = new PollerWakes();
    /** mmap address to the FileChannel.map span that made it; correlator thread only. */
    private final java.util.Map<Long, SpanContext> mappings = new java.util.LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Long, SpanContext> eldest) {
            return size() > MAPPINGS;
        }
    };
    /** Ties HttpClient connection I/O on the client's threads to the request it serves. */
    private final HttpRequests http = new HttpRequests();
    /** Call trees that link to an HttpClient request whose send span is not out yet, oldest first. */
    private final java.util.ArrayDeque<CallNode> waiting = new java.util.ArrayDeque<>();
    private volatile boolean syscallsKnown;
    /** Bytes of each buffer exported spans show (payload=); the console's fuller text goes apart. */
    private int payload;
    private ConsoleTexts consoleTexts;
    private Telemetry telemetry;
    private volatile long spansStarted;
    /** Epoch nanoseconds minus System.nanoTime(): the SDK's clock's (see EpochClock). */
    private final long epochOffsetNs = EpochClock.INSTANCE.offsetNs;

    /** The probe's count of syscalls it dropped, and the part already said on a span. */
    private java.util.function.LongSupplier syscallsDropped = () -> 0;
    private long syscallsDroppedSeen;

    /** Where the probe's drop count is read (the correlator's totals). */
    public void setSyscallsDropped(java.util.function.LongSupplier dropped) {
        this.syscallsDropped = dropped;
    }

    /** The outermost call being emitted. */
    private CallNode root;

    /**
     * An outermost call: its span is a root, or the child of the application's span that was
     * current when the call began (the call joins the application's trace).
     */
    private void emitRoot(CallNode call) {
        root = call;
        SpanContext app = appTrace.parentOf(call.appParent());
        emit(call, app == null ? Context.root() : Context.root().with(Span.wrap(app)), false);
        root = null;
        Telemetry t = telemetry;
        if (t != null) {
            t.treeEnded();
        }
    }

    private final AppTraceContext appTrace;

    public SpanEmitter(Tracer tracer, Tracer sdkTracer, AppTraceContext appTrace) {
        this.tracer = tracer;
        this.sdkTracer = sdkTracer;
        this.appTrace = appTrace;
    }

    /** Spans made (calls and syscalls), whether or not an exporter took them. */
    public long spansStarted() {
        return spansStarted;
    }

    /**
     * Exported spans show {@code payload} bytes of each buffer; the console, when it is one of
     * the exporters, gets the strace-like 32 through {@code telemetry}, which is also told when
     * each call tree has been emitted.
     */
    public void setPayload(int payload, Telemetry telemetry) {
        this.payload = payload;
        this.consoleTexts = telemetry.consoleTexts();
        this.telemetry = telemetry;
    }

    /** Whether the probe traces syscalls; when not, call spans say so. */
    public void setSyscallsKnown(boolean known) {
        syscallsKnown = known;
    }

    @Override
    public void accept(CallNode root) {
        http.drainNotes();
        if (waits(root, false)) {
            waiting.addLast(root);
        } else {
            emitRoot(root);
            if (isSend(root.kind()) && !waiting.isEmpty()) {
                waiting.removeIf(w -> {
                    if (waits(w, false)) {
                        return false;
                    }
                    emitRoot(w);
                    return true;
                });
            }
        }
        expireWaiting(false);
    }

    /** Most call trees held back for an HttpClient send span, and for how long at most. */
    private static final int MAX_WAITING = 10_000;
    private static final long MAX_WAIT_NS = TimeUnit.SECONDS.toNanos(30);

    /**
     * Emits, without their link, the trees held back too long (a send that never ends, or was
     * dropped) or beyond the bound; every one of them when {@code all} (at exit).
     */
    public void expireWaiting(boolean all) {
        long now = System.nanoTime();
        while (!waiting.isEmpty() && (all || waiting.size() > MAX_WAITING
                || now - waiting.peekFirst().exitNs() > MAX_WAIT_NS)) {
            emitRoot(waiting.removeFirst());
        }
    }

    private static boolean isSend(CallKind kind) {
        return kind == CallKind.HTTP_CLIENT_SEND || kind == CallKind.HTTP_CLIENT_SEND_ASYNC;
    }

    /** Whether a call in the tree (outside a send) links to a request whose send span is not out yet. */
    private boolean waits(CallNode call, boolean inSend) {
        if (isSend(call.kind())) {
            return false;
        }
        if (!inSend && http.requestOf(call) instanceof HttpRequests.Waiting) {
            return true;
        }
        for (CallNode child : call.children()) {
            if (waits(child, inSend)) {
                return true;
            }
        }
        return false;
    }

    private void emit(CallNode call, Context parent, boolean inSend) {
        CallKind kind = call.kind();
        boolean plain = call.thrown() == null && call.parks().isEmpty() && call.wakes().isEmpty();
        SpanBuilder b = (plain ? tracer : sdkTracer).spanBuilder(kind.spanName())
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(epochOffsetNs + call.enterNs(), TimeUnit.NANOSECONDS)
                .setAttribute(Attributes.CODE_FUNCTION_NAME, kind.codeFunctionName())
                .setAttribute(Attributes.THREAD_NAME, call.threadName())
                .setAttribute(Attributes.THREAD_ID, call.javaThreadId())
                .setAttribute(Attributes.LINUX_TID, (long) call.tid())
                .setAttribute(Attributes.SYSCALL_COUNT, (long) call.syscalls().size());
        describe(b, kind, call.arg());
        long bytes = ioBytes(call);
        if (bytes >= 0) {
            b.setAttribute(Attributes.IO_BYTES, bytes);
        }
        if (!syscallsKnown) {
            b.setAttribute(Attributes.SYSCALLS_UNKNOWN, true);
        }
        int omitted = Math.max(0, call.syscalls().size() - MAX_SYSCALL_CHILDREN);
        if (omitted > 0) {
            b.setAttribute(Attributes.SYSCALL_OMITTED, (long) omitted);
        }
        if (call == root && call.outsideBefore() > 0) {
            b.setAttribute(Attributes.SYSCALLS_BEFORE, call.outsideBefore());
        }
        if (call == root && call.callsDroppedBefore() > 0) {
            b.setAttribute(Attributes.CALLS_DROPPED_BEFORE, call.callsDroppedBefore());
        }
        if (call == root) {
            long dropped = syscallsDropped.getAsLong();
            if (dropped > syscallsDroppedSeen) {
                b.setAttribute(Attributes.SYSCALLS_DROPPED_BEFORE, dropped - syscallsDroppedSeen);
                syscallsDroppedSeen = dropped;
            }
        }
        if (kind == CallKind.MAPPED_BUFFER_UNMAP) {
            linkToMap(b, call);
        }
        if (!inSend && http.requestOf(call) instanceof HttpRequests.Request r) {
            b.addLink(r.span(), io.opentelemetry.api.common.Attributes.of(Attributes.LINK_REASON,
                    "I/O on the connection of this HttpClient request"));
        }
        boolean process = kind == CallKind.PROCESS_BUILDER_START || kind == CallKind.PROCESS_REAP;
        if (process && call.result() > 0) {
            b.setAttribute(Attributes.PROCESS_PID, call.result());
        }
        HandOffs pairs = kind.arg() == CallKind.Arg.ASYNC_WRITE ? asyncWrites : handOffs;
        Object handOffKey = switch (kind.arg()) {
            case BUFFER, ASYNC_READ, ASYNC_WRITE -> call.arg();
            default -> process && call.result() > 0 ? (Object) call.result() : null;
        };
        SpanContext other = pairs.take(handOffKey);
        if (other != null) {
            b.addLink(other, io.opentelemetry.api.common.Attributes.of(Attributes.LINK_REASON,
                    kind == CallKind.PROCESS_REAP ? "waits for the process this call started"
                            : kind == CallKind.PROCESS_BUILDER_START ? "the process it started was reaped here"
                            : kind.taskOf() != null ? "does the work of this call" : "its work ran in this task"));
        }
        boolean[] paired = linkPoller(b, call);
        Span span = b.startSpan();
        spansStarted++;
        if (handOffKey != null && other == null) {
            pairs.put(handOffKey, span.getSpanContext());
        }
        parks(span, call, paired);
        if (kind == CallKind.FILE_CHANNEL_MAP) {
            rememberMapping(span, call);
        }
        if (isSend(kind)) {
            http.sent(call, span.getSpanContext());
        }
        if (call.thrown() != null) {
            span.recordException(call.thrown());
            span.setStatus(StatusCode.ERROR, String.valueOf(call.thrown().getMessage()));
        }
        // The children's parent; a leaf (every call with the probe off) makes none.
        Context ctx = call.syscalls().isEmpty() && call.children().isEmpty() ? parent : parent.with(span);
        // Children in the order they happened: syscalls and nested calls interleaved by time.
        int si = 0;
        int ci = 0;
        int shown = 0;
        while (si < call.syscalls().size() || ci < call.children().size()) {
            boolean takeSyscall = ci >= call.children().size()
                    || (si < call.syscalls().size()
                        && call.syscalls().get(si).enterNs() < call.children().get(ci).enterNs());
            if (takeSyscall) {
                SyscallRecord s = call.syscalls().get(si++);
                if (shown++ < MAX_SYSCALL_CHILDREN) {
                    emitSyscall(s, ctx);
                }
            } else {
                emit(call.children().get(ci++), ctx, inSend || isSend(kind));
            }
        }
        span.end(epochOffsetNs + call.exitNs(), TimeUnit.NANOSECONDS);
    }

    private static final boolean[] NONE_PAIRED = new boolean[0];

    /**
     * Links a call to the Poller.poll spans already emitted that woke its virtual thread, or a
     * Poller.poll to the calls already emitted whose thread it woke (whichever span goes out
     * second carries the link). Returns, parks first then wakes, which ones were paired.
     */
    private boolean[] linkPoller(SpanBuilder b, CallNode call) {
        if (call.parks().isEmpty() && call.wakes().isEmpty()) {
            return NONE_PAIRED;
        }
        int nParks = call.parks().size();
        boolean[] paired = new boolean[nParks + call.wakes().size()];
        for (int i = 0; i < nParks; i++) {
            CallNode.Park p = call.parks().get(i);
            SpanContext poll = pollerWakes.wokenBy(p);
            if (poll != null) {
                paired[i] = true;
                b.addLink(poll, io.opentelemetry.api.common.Attributes.of(Attributes.LINK_REASON,
                        "woken by the JDK poller: the fd it waited for was ready", Attributes.PARK_FD, (long) p.fd()));
            }
        }
        for (int i = 0; i < call.wakes().size(); i++) {
            CallNode.Wake w = call.wakes().get(i);
            SpanContext parked = pollerWakes.unparked(w);
            if (parked != null) {
                paired[nParks + i] = true;
                b.addLink(parked, io.opentelemetry.api.common.Attributes.of(Attributes.LINK_REASON,
                        "woke the virtual thread parked in this call: the fd it waited for was ready",
                        Attributes.PARK_FD, (long) w.fd()));
            }
        }
        return paired;
    }

    /** One event per park of the call's virtual thread; unpaired parks and wakes wait for their pair. */
    private void parks(Span span, CallNode call, boolean[] paired) {
        int nParks = call.parks().size();
        if (nParks > 0) {
            span.setAttribute(Attributes.PARK_COUNT, (long) nParks);
        }
        for (int i = 0; i < nParks; i++) {
            CallNode.Park p = call.parks().get(i);
            io.opentelemetry.api.common.AttributesBuilder a = io.opentelemetry.api.common.Attributes.builder()
                    .put(Attributes.PARK_DURATION, p.resumedNs() - p.parkedNs())
                    .put(Attributes.LINUX_TID, (long) p.leftTid())
                    .put(Attributes.PARK_RESUMED_TID, (long) p.resumedTid());
            if (p.fd() >= 0) {
                a.put(Attributes.PARK_FD, (long) p.fd());
            }
            span.addEvent(Attributes.PARK_EVENT, a.build(), epochOffsetNs + p.parkedNs(), TimeUnit.NANOSECONDS);
            if (!paired[i]) {
                pollerWakes.parked(p, span.getSpanContext());
            }
        }
        for (int i = 0; i < call.wakes().size(); i++) {
            if (!paired[nParks + i]) {
                pollerWakes.woke(call.wakes().get(i), span.getSpanContext());
            }
        }
    }

    /** The addresses a FileChannel.map call's file mmap syscalls returned (not the JVM's own). */
    private void rememberMapping(Span span, CallNode call) {
        for (SyscallRecord s : call.syscalls()) {
            if (s.name().equals("mmap") && !s.failed() && (int) s.args()[4] >= 0) {
                mappings.put(s.ret(), span.getSpanContext());
            }
        }
    }

    /** Links an unmap to the map that made the mapping, found by the address munmap was given. */
    private void linkToMap(SpanBuilder b, CallNode call) {
        for (SyscallRecord s : call.syscalls()) {
            if (s.name().equals("munmap")) {
                SpanContext map = mappings.remove(s.args()[0]);
                if (map != null) {
                    b.addLink(map, io.opentelemetry.api.common.Attributes.of(Attributes.LINK_REASON,
                            "unmaps the mapping this FileChannel.map made"));
                }
            }
        }
    }

    private void emitSyscall(SyscallRecord s, Context parent) {
        SpanBuilder b = tracer.spanBuilder(s.name())
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(epochOffsetNs + s.enterNs(), TimeUnit.NANOSECONDS)
                .setAttribute(Attributes.SYSCALL_NAME, s.name())
                .setAttribute(Attributes.SYSCALL_ARGS, Payloads.limit(s.name(), s.argText(), payload))
                .setAttribute(Attributes.SYSCALL_RETURN, s.retText())
                .setAttribute(Attributes.SYSCALL_NR, (long) s.nr())
                .setAttribute(Attributes.LINUX_TID, (long) s.tid());
        String errno = s.errnoName();
        if (errno != null) {
            b.setAttribute(Attributes.SYSCALL_ERRNO, errno);
        }
        if (s.fd() >= 0) {
            b.setAttribute(Attributes.SYSCALL_FD, (long) s.fd());
            if (!s.fdTarget().isEmpty()) {
                b.setAttribute(Attributes.SYSCALL_FD_TARGET, s.fdTarget());
            }
        }
        Span span = b.startSpan();
        spansStarted++;
        ConsoleTexts console = consoleTexts;
        if (console != null && payload < ConsoleTexts.CONSOLE_BYTES) {
            String shown = Payloads.limit(s.name(), s.argText(), ConsoleTexts.CONSOLE_BYTES);
            if (!shown.equals(Payloads.limit(s.name(), s.argText(), payload))) {
                console.put(span.getSpanContext().getSpanId(), shown);
            }
        }
        if (errno != null) {
            span.setStatus(StatusCode.ERROR, s.retText());
        }
        span.end(epochOffsetNs + s.exitNs(), TimeUnit.NANOSECONDS);
    }

    /**
     * The call's {@code syscall_lens.io.bytes}: the bytes a read or write call moved (its
     * result), a datagram's length; -1 for other calls and for a call that moved none (EOF, error).
     */
    public static long ioBytes(CallNode call) {
        if (call.kind().movesBytes()) {
            return call.result() >= 0 ? call.result() : -1;
        }
        if (call.kind().arg() == CallKind.Arg.PACKET && call.arg() instanceof DatagramPacket p) {
            try {
                return p.getLength();
            } catch (RuntimeException e) {
                return -1;
            }
        }
        return -1;
    }

    /** File path or socket addresses, read off the call's one recorded argument. */
    private static void describe(SpanBuilder b, CallKind kind, Object arg) {
        if (arg == null) {
            return;
        }
        try {
            switch (kind.arg()) {
                case PATH -> b.setAttribute(Attributes.FILE_PATH, arg.toString());
                case LOCAL_ADDRESS -> socketAddress(b, arg, true);
                case PEER_ADDRESS -> socketAddress(b, arg, false);
                case SOCKET -> {
                    b.setAttribute(Attributes.NETWORK_TRANSPORT, "tcp");
                    if (arg instanceof Socket s) {
                        // Plain field reads in the JDK: getInetAddress/getPort/getLocalPort make no syscall.
                        address(b, Attributes.NETWORK_PEER_ADDRESS, Attributes.NETWORK_PEER_PORT, s.getInetAddress(), s.getPort());
                        if (s.getLocalPort() > 0) {
                            b.setAttribute(Attributes.NETWORK_LOCAL_PORT, (long) s.getLocalPort());
                        }
                    }
                }
                case SERVER_SOCKET -> {
                    b.setAttribute(Attributes.NETWORK_TRANSPORT, "tcp");
                    if (arg instanceof ServerSocket s && s.getLocalPort() > 0) {
                        b.setAttribute(Attributes.NETWORK_LOCAL_PORT, (long) s.getLocalPort());
                    }
                }
                case CHANNEL -> channel(b, arg);
                case PACKET -> {
                    b.setAttribute(Attributes.NETWORK_TRANSPORT, "udp");
                    if (arg instanceof DatagramPacket p) {
                        address(b, Attributes.NETWORK_PEER_ADDRESS, Attributes.NETWORK_PEER_PORT, p.getAddress(), p.getPort());
                    }
                }
                case HOST -> b.setAttribute(Attributes.SERVER_ADDRESS, arg.toString());
                case HTTP_REQUEST -> {
                    if (arg instanceof java.net.http.HttpRequest r) {
                        b.setAttribute(Attributes.HTTP_REQUEST_METHOD, r.method());
                        b.setAttribute(Attributes.URL_FULL, withoutSecrets(r.uri()));
                    }
                }
                case COMMAND -> {
                    if (arg instanceof ProcessBuilder pb) {
                        b.setAttribute(Attributes.PROCESS_COMMAND, String.join(" ", pb.command()));
                    }
                }
                case CLASS_NAME -> b.setAttribute(Attributes.LOADED_CLASS, arg.toString());
                case NONE -> {
                }
            }
        } catch (RuntimeException ignored) {
            // an object in an odd state: the span goes out without the detail
        }
    }

    /** The URI without user info, query or fragment: those may hold credentials or tokens. */
    static String withoutSecrets(java.net.URI uri) {
        try {
            return new java.net.URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
                    .toString();
        } catch (java.net.URISyntaxException e) {
            return uri.getScheme() + "://" + uri.getHost();
        }
    }

    private static void socketAddress(SpanBuilder b, Object arg, boolean local) {
        if (arg instanceof InetSocketAddress a) {
            if (local) {
                address(b, Attributes.NETWORK_LOCAL_ADDRESS, Attributes.NETWORK_LOCAL_PORT, a.getAddress(), a.getPort());
            } else {
                address(b, Attributes.NETWORK_PEER_ADDRESS, Attributes.NETWORK_PEER_PORT, a.getAddress(), a.getPort());
            }
        } else if (arg instanceof UnixDomainSocketAddress u) {
            b.setAttribute(Attributes.NETWORK_TRANSPORT, "unix");
            b.setAttribute(local ? Attributes.NETWORK_LOCAL_ADDRESS : Attributes.NETWORK_PEER_ADDRESS, u.getPath().toString());
        }
    }

    /** A channel's ends, through the public API (each a field read under the channel's lock). */
    private static void channel(SpanBuilder b, Object arg) {
        try {
            if (arg instanceof DatagramChannel dc) {
                b.setAttribute(Attributes.NETWORK_TRANSPORT, "udp");
                socketAddress(b, dc.getLocalAddress(), true);
                socketAddress(b, dc.getRemoteAddress(), false);
            } else if (arg instanceof SocketChannel sc) {
                b.setAttribute(Attributes.NETWORK_TRANSPORT, "tcp");
                socketAddress(b, sc.getLocalAddress(), true);
                socketAddress(b, sc.getRemoteAddress(), false);
            } else if (arg instanceof ServerSocketChannel ssc) {
                b.setAttribute(Attributes.NETWORK_TRANSPORT, "tcp");
                socketAddress(b, ssc.getLocalAddress(), true);
            }
        } catch (java.io.IOException closed) {
            // a closed channel has no addresses to tell
        }
    }

    private static void address(SpanBuilder b, io.opentelemetry.api.common.AttributeKey<String> addrKey,
                                io.opentelemetry.api.common.AttributeKey<Long> portKey, InetAddress addr, int port) {
        if (addr != null) {
            b.setAttribute(addrKey, addr.getHostAddress());
        }
        if (port > 0) {
            b.setAttribute(portKey, (long) port);
        }
    }
}
