package dev.syscalllens.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of {@code strace -f -o FILE}, with every {@code <unfinished ...>} line joined to its
 * {@code <... resumed>} line, and cut into one slice per Java call by the demo apps' markers.
 */
final class StraceLog {
    record Line(int tid, String name, String text) {
    }

    private static final Pattern LINE = Pattern.compile("^(\\d+)\\s+(.*)$");
    private static final Pattern RESUMED = Pattern.compile("^<\\.\\.\\. ([a-z0-9_]+) resumed>(.*)$");
    private static final Pattern MARKER = Pattern.compile("\"/syscall-lens-marker/(begin|end)/([^\"]+)\"");
    private static final String UNFINISHED = " <unfinished ...>";

    private final List<Line> lines;

    private StraceLog(List<Line> lines) {
        this.lines = lines;
    }

    static StraceLog read(Path file) throws IOException {
        List<Line> lines = new ArrayList<>();
        Map<Integer, String> pending = new HashMap<>();
        for (String raw : Files.readAllLines(file)) {
            Matcher m = LINE.matcher(raw);
            if (!m.matches()) {
                continue;
            }
            int tid = Integer.parseInt(m.group(1));
            String rest = m.group(2);
            if (rest.startsWith("+++") || rest.startsWith("---")) {
                continue;
            }
            if (rest.endsWith(UNFINISHED)) {
                pending.put(tid, rest.substring(0, rest.length() - UNFINISHED.length()));
                continue;
            }
            Matcher r = RESUMED.matcher(rest);
            if (r.matches()) {
                String head = pending.remove(tid);
                if (head == null) {
                    continue;
                }
                rest = head + r.group(2);
            }
            int paren = rest.indexOf('(');
            if (paren <= 0) {
                continue;
            }
            lines.add(new Line(tid, rest.substring(0, paren), rest));
        }
        return new StraceLog(lines);
    }

    /**
     * Every marked call in the order the calls ended: its name and its slice. A call marked
     * inside another (the virtual-threads demo's reads inside its Files.copy) has its own slice,
     * and its lines are in the outer call's slice too (the same Line objects).
     */
    List<Map.Entry<String, List<Line>>> orderedSlices() {
        List<Map.Entry<String, List<Line>>> out = new ArrayList<>();
        Map<Integer, Deque<Map.Entry<String, List<Line>>>> open = new HashMap<>();
        for (Line l : lines) {
            Matcher m = MARKER.matcher(l.text());
            if (m.find()) {
                Deque<Map.Entry<String, List<Line>>> calls = open.computeIfAbsent(l.tid(), k -> new ArrayDeque<>());
                if (m.group(1).equals("begin")) {
                    calls.push(Map.entry(m.group(2), new ArrayList<>()));
                } else if (!calls.isEmpty() && calls.peek().getKey().equals(m.group(2))) {
                    out.add(calls.pop());
                }
                continue;
            }
            for (Map.Entry<String, List<Line>> call : open.getOrDefault(l.tid(), new ArrayDeque<>())) {
                call.getValue().add(l);
            }
        }
        return out;
    }

    /** The one slice of a call that the scenario marks once. */
    List<Line> slice(String call) {
        List<List<Line>> all = orderedSlices().stream().filter(e -> e.getKey().equals(call))
                .map(Map.Entry::getValue).toList();
        if (all.size() != 1) {
            throw new AssertionError("expected one marked " + call + " in the strace log, found " + all.size());
        }
        return all.get(0);
    }

    List<Line> lines() {
        return lines;
    }
}
