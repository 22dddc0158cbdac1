package dev.syscalllens.agent.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints each call tree as text: the Java call with what it moved and its duration, and under it
 * its syscalls in strace notation with theirs.
 *
 * <pre>
 * FileChannel.write  12 bytes  41us
 *   write(4&lt;/tmp/x/test.txt&gt;, "hello world\n", 12) = 12  9us
 * </pre>
 */
public final class ConsoleTreeExporter implements SpanExporter {
    private final PrintStream out;
    /** Buffer texts fuller than the exported ones (strace's 32 bytes), by span id. */
    private final ConsoleTexts texts;

    ConsoleTreeExporter(PrintStream out, ConsoleTexts texts) {
        this.texts = texts;
        this.out = out;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        Map<String, List<SpanData>> children = new HashMap<>();
        List<SpanData> roots = new ArrayList<>();
        for (SpanData s : spans) {
            if (s.getParentSpanContext().isValid()) {
                children.computeIfAbsent(s.getParentSpanId(), k -> new ArrayList<>()).add(s);
            } else {
                roots.add(s);
            }
        }
        StringBuilder sb = new StringBuilder();
        roots.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
        for (SpanData root : roots) {
            print(sb, root, children, 0);
        }
        out.print(sb);
        out.flush();
        return CompletableResultCode.ofSuccess();
    }

    private void print(StringBuilder sb, SpanData span, Map<String, List<SpanData>> children, int depth) {
        sb.append("  ".repeat(depth)).append(line(span, texts.take(span.getSpanId()))).append('\n');
        List<SpanData> kids = new ArrayList<>(children.getOrDefault(span.getSpanId(), List.of()));
        kids.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
        // Parks of a virtual thread show where they happened among the syscalls.
        List<EventData> parks = span.getEvents().stream().filter(e -> e.getName().equals(Attributes.PARK_EVENT)).toList();
        int p = 0;
        for (SpanData kid : kids) {
            while (p < parks.size() && parks.get(p).getEpochNanos() < kid.getStartEpochNanos()) {
                sb.append("  ".repeat(depth + 1)).append(park(parks.get(p++))).append('\n');
            }
            print(sb, kid, children, depth + 1);
        }
        while (p < parks.size()) {
            sb.append("  ".repeat(depth + 1)).append(park(parks.get(p++))).append('\n');
        }
    }

    /** "~ parked 200.1ms waiting for fd 19" */
    static String park(EventData e) {
        var a = e.getAttributes();
        Long ns = a.get(Attributes.PARK_DURATION);
        Long fd = a.get(Attributes.PARK_FD);
        return "~ parked" + (ns == null ? "" : " " + duration(ns)) + (fd == null ? "" : " waiting for fd " + fd);
    }

    /** One line of the tree; {@code fullerArgs}, when not null, replaces the span's syscall.args. */
    static String line(SpanData s, String fullerArgs) {
        String duration = duration(s.getEndEpochNanos() - s.getStartEpochNanos());
        var a = s.getAttributes();
        String args = fullerArgs != null ? fullerArgs : a.get(Attributes.SYSCALL_ARGS);
        if (args != null) {
            return s.getName() + "(" + args + ") = " + a.get(Attributes.SYSCALL_RETURN) + "  " + duration;
        }
        StringBuilder sb = new StringBuilder(s.getName());
        String path = a.get(Attributes.FILE_PATH);
        Long bytes = a.get(Attributes.IO_BYTES);
        String peer = a.get(Attributes.NETWORK_PEER_ADDRESS);
        String local = a.get(Attributes.NETWORK_LOCAL_ADDRESS);
        String loaded = a.get(Attributes.LOADED_CLASS);
        if (loaded != null) {
            sb.append("  ").append(loaded);
        } else if (bytes != null) {
            sb.append("  ").append(bytes).append(bytes == 1 ? " byte" : " bytes");
        } else if (path != null) {
            sb.append("  ").append(path);
        } else if (peer != null) {
            sb.append("  ").append(hostPort(peer, a.get(Attributes.NETWORK_PEER_PORT)));
        } else if (local != null) {
            sb.append("  ").append(hostPort(local, a.get(Attributes.NETWORK_LOCAL_PORT)));
        }
        sb.append("  ").append(duration);
        String thread = a.get(Attributes.THREAD_NAME);
        if (thread != null && !thread.equals("main")) {
            sb.append("  [").append(thread).append(']');
        }
        if (a.get(Attributes.SYSCALL_OMITTED) != null) {
            sb.append("  (+").append(a.get(Attributes.SYSCALL_OMITTED)).append(" syscalls not shown)");
        }
        return sb.toString();
    }

    private static String hostPort(String host, Long port) {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == null ? h : h + ":" + port;
    }

    static String duration(long ns) {
        if (ns < 10_000) {
            return String.format("%.1fus", ns / 1e3);
        } else if (ns < 1_000_000) {
            return (ns / 1_000) + "us";
        } else if (ns < 1_000_000_000) {
            return String.format("%.1fms", ns / 1e6);
        }
        return String.format("%.2fs", ns / 1e9);
    }

    @Override
    public CompletableResultCode flush() {
        out.flush();
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return flush();
    }
}
