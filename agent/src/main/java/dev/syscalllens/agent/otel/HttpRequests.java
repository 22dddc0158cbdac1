package dev.syscalllens.agent.otel;

import dev.syscalllens.agent.Log;
import dev.syscalllens.agent.correlate.CallNode;
import dev.syscalllens.agent.instrumentation.CallKind;
import dev.syscalllens.bootstrap.Notes;
import io.opentelemetry.api.trace.SpanContext;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Ties the I/O that java.net.http.HttpClient's selector and worker threads do on a connection to
 * the HttpClient.send (or sendAsync) call it serves. Three facts, each certain:
 * <ol>
 * <li>a request's MultiExchange starts its work on the caller's thread, inside send/sendAsync
 *     (a note with that thread and time; the send span whose window holds it is the request's);</li>
 * <li>an HTTP/1.1 exchange of that MultiExchange takes a connection (a note; the exchange's final
 *     fields give the MultiExchange and the connection's SocketChannel);</li>
 * <li>an HTTP/1.1 connection serves one exchange at a time: from its note until the next
 *     exchange's note, the channel's I/O is that request's. The channel's I/O before its first
 *     note (its connect) is the first exchange's: a new connection is made for the exchange that
 *     takes it.</li>
 * </ol>
 * After a send returns the connection idles in the pool and its I/O is no request's; after a
 * sendAsync the end of the request is not known, so the link holds until the next exchange.
 * HTTP/2 multiplexes requests on one connection, so its I/O is not linked (no note is left for
 * it). A span that needs a request whose send span has not been emitted yet (the send is still
 * running) waits here, bounded in number and time. Correlator thread only.
 */
final class HttpRequests {
    private static final String HTTP = "jdk.internal.net.http.";
    /** Exchanges remembered per connection. */
    private static final int PER_CHANNEL = 8;
    /** Request starts remembered per thread. */
    private static final int PER_THREAD = 64;

    /** An exchange of request {@code id} took the channel at {@code ns}. */
    private record Owner(long ns, long id) {
    }

    /** Request {@code id} started at {@code ns}. */
    private record Start(long ns, long id) {
    }

    /** Most requests remembered (sent or not). */
    private static final int REQUESTS = 4096;

    /** SocketChannel to the exchanges that used it, oldest first (identity: channels keep Object.equals). */
    private final Map<Object, ArrayDeque<Owner>> owners = new WeakHashMap<>();
    /** Java thread id to the requests started on it. */
    private final Map<Long, ArrayDeque<Start>> starts = new HashMap<>();
    /**
     * The send call that started a request: its span, and when the request was over (send's
     * return: the response is complete; sendAsync's end is not known, so never).
     */
    private record Send(SpanContext span, long endNs) {
    }

    /**
     * A number for each MultiExchange, given when the first of its notes is read: the object
     * itself may be collected before the send's span is out (weak: the notes hold it until read).
     */
    private final Map<Object, Long> ids = new WeakHashMap<>();
    private long nextId;
    /** Request id to the send call that started it. */
    private final Map<Long, Send> sends = bounded();
    /** Requests whose start was noted but whose send span is not out yet. */
    private final Map<Long, Boolean> unsent = bounded();

    private static <V> Map<Long, V> bounded() {
        return new java.util.LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
                return size() > REQUESTS;
            }
        };
    }

    private long id(Object multiExchange) {
        return ids.computeIfAbsent(multiExchange, k -> nextId++);
    }

    /* Resolved on the first exchange noted: the HttpClient's classes are loaded by then, and an
       application that never uses it does not load them for us (nor have them instrumented). */
    private boolean resolved;
    private MethodHandle connection;
    private MethodHandle exchange;
    private MethodHandle multi;
    private MethodHandle channel;

    private void resolve() {
        resolved = true;
        try {
            ClassLoader platform = ClassLoader.getPlatformClassLoader();
            Class<?> http1 = Class.forName(HTTP + "Http1Exchange", false, platform);
            Class<?> impl = Class.forName(HTTP + "ExchangeImpl", false, platform);
            Class<?> exch = Class.forName(HTTP + "Exchange", false, platform);
            Class<?> httpConn = Class.forName(HTTP + "HttpConnection", false, platform);
            Class<?> multiExch = Class.forName(HTTP + "MultiExchange", false, platform);
            MethodHandle conn = field(http1, "connection", httpConn);
            MethodHandle ex = field(impl, "exchange", exch);
            MethodHandle mu = field(exch, "multi", multiExch);
            var m = httpConn.getDeclaredMethod("channel");
            m.setAccessible(true);
            channel = MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(Object.class, Object.class));
            connection = conn;
            exchange = ex;
            multi = mu;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // java.net.http absent or not opened to us: HttpClient I/O stays unlinked.
            channel = null;
            Log.debug("HttpClient requests cannot be linked to their connections' I/O: " + e);
        }
    }

    private static MethodHandle field(Class<?> owner, String name, Class<?> type) throws ReflectiveOperationException {
        var f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return MethodHandles.lookup().unreflectGetter(f).asType(MethodType.methodType(Object.class, Object.class));
    }

    /** Takes in the notes the advice left since the last call. */
    void drainNotes() {
        for (Notes.Note n = Notes.poll(); n != null; n = Notes.poll()) {
            String type = n.object.getClass().getName();
            if (type.equals(HTTP + "MultiExchange")) {
                ArrayDeque<Start> q = starts.computeIfAbsent(n.threadId, k -> new ArrayDeque<>());
                if (q.size() == PER_THREAD) {
                    q.removeFirst();
                }
                long id = id(n.object);
                q.addLast(new Start(n.ns, id));
                if (!sends.containsKey(id)) {
                    unsent.put(id, Boolean.TRUE);
                }
            } else if (type.equals(HTTP + "Http1Exchange")) {
                if (!resolved) {
                    resolve();
                }
                if (channel == null) {
                    continue;
                }
                try {
                    Object ch = channel.invoke(connection.invoke(n.object));
                    Object m = multi.invoke(exchange.invoke(n.object));
                    if (ch instanceof SocketChannel && m != null) {
                        ArrayDeque<Owner> q = owners.computeIfAbsent(ch, k -> new ArrayDeque<>());
                        if (q.size() == PER_CHANNEL) {
                            q.removeFirst();
                        }
                        q.addLast(new Owner(n.ns, id(m)));
                    }
                } catch (Throwable t) {
                    Log.debug("an HttpClient exchange could not be read: " + t);
                }
            }
        }
    }

    /** A send or sendAsync span is out: the requests started inside its window are its. */
    void sent(CallNode call, SpanContext span) {
        ArrayDeque<Start> q = starts.get(call.javaThreadId());
        if (q == null) {
            return;
        }
        for (Iterator<Start> it = q.iterator(); it.hasNext(); ) {
            Start s = it.next();
            if (s.ns >= call.enterNs() && s.ns <= call.exitNs()) {
                if (!sends.containsKey(s.id)) {
                    long end = call.kind() == CallKind.HTTP_CLIENT_SEND ? call.exitNs() : Long.MAX_VALUE;
                    sends.put(s.id, new Send(span, end));
                    unsent.remove(s.id);
                }
                it.remove();
            }
        }
    }

    /** What a channel call found: no HttpClient request, one to link to, or one whose send is not out yet. */
    sealed interface Found permits None, Request, Waiting {
    }

    record None() implements Found {
    }

    record Request(SpanContext span) implements Found {
    }

    record Waiting() implements Found {
    }

    private static final Found NONE = new None();
    private static final Found WAITING = new Waiting();

    /** The request whose exchange had {@code call}'s channel when the call began, while it ran. */
    Found requestOf(CallNode call) {
        if (call.kind().arg() != CallKind.Arg.CHANNEL || !(call.arg() instanceof SocketChannel)) {
            return NONE;
        }
        ArrayDeque<Owner> q = owners.get(call.arg());
        if (q == null || q.isEmpty()) {
            return NONE;
        }
        Owner owner = q.peekFirst();
        for (Owner o : q) {
            if (o.ns <= call.enterNs()) {
                owner = o;
            }
        }
        Send send = sends.get(owner.id);
        if (send != null) {
            // After send returned, the connection idles in the pool: its I/O then (the peer's
            // close, an EOF read) is the pool's, not the request's.
            return call.enterNs() <= send.endNs ? new Request(send.span) : NONE;
        }
        return unsent.containsKey(owner.id) ? WAITING : NONE;
    }
}

