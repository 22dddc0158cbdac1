package dev.syscalllens.agent.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the report: one HTML file with its CSS, script and data inline (it loads nothing), from
 * the template {@code report.html} beside this class. The summary table is plain HTML (readable
 * without the script); the timeline is drawn by the script from the sampled call trees, embedded
 * as JSON.
 */
final class HtmlReport {
    private final ApiSummary summary;
    private final CallSample sample;

    HtmlReport(ApiSummary summary, CallSample sample) {
        this.summary = summary;
        this.sample = sample;
    }

    void write(Path path, String title, String run) throws IOException {
        String template;
        try (InputStream in = HtmlReport.class.getResourceAsStream("report.html")) {
            if (in == null) {
                throw new IOException("report.html is missing from the agent jar");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\{(TITLE|RUN|SAMPLED|SUMMARY|DATA)}}")
                .matcher(template);
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            int at = 0;
            while (m.find()) {
                out.write(template, at, m.start() - at);
                switch (m.group(1)) {
                    case "TITLE" -> out.write(html(title));
                    case "RUN" -> out.write(html(run));
                    case "SAMPLED" -> out.write(html(sampled()));
                    case "SUMMARY" -> summaryTable(out);
                    default -> data(out);
                }
                at = m.end();
            }
            out.write(template, at, template.length() - at);
        }
    }

    /** What the timeline shows of the run, in words. */
    String sampled() {
        long roots = sample.roots();
        List<CallSample.Call> trees = sample.trees();
        long rest = sample.afterFirst();
        StringBuilder sb = new StringBuilder("The timeline shows ").append(String.format("%,d", trees.size()))
                .append(" of ").append(String.format("%,d", roots))
                .append(" outermost calls, each with the calls nested in it");
        if (rest == 0) {
            return sb.append(": all of them. The table counts every call.").toString();
        }
        return sb.append(": the first ").append(String.format("%,d", sample.firstKept()))
                .append(", ").append(String.format("%,d", sample.reservoirKept()))
                .append(" drawn at random from the other ").append(String.format("%,d", rest))
                .append(", and for each Java API the call with the most syscalls. At most ")
                .append(CallSample.CALLS_PER_TREE).append(" calls and ").append(CallSample.SYSCALLS_PER_TREE)
                .append(" syscall lines are kept per tree. The table counts every call.").toString();
    }

    private void summaryTable(Writer out) throws IOException {
        boolean known = summary.syscallsKnown();
        out.write("<table id=\"summary\"><thead><tr>"
                + "<th data-type=\"text\">Java API</th><th>calls</th><th>syscalls per call</th><th>max</th>"
                + "<th>bytes per call</th><th>bytes per syscall</th><th>time in kernel</th>"
                + "<th>threw</th><th>failed syscalls</th>"
                + "<th data-type=\"text\">usual sequence</th><th data-type=\"text\">by syscall</th></tr></thead>\n<tbody>\n");
        for (ApiStats s : summary.rows()) {
            Map.Entry<String, Long> usual = s.usualSequence();
            long withSyscalls = s.sequences.values().stream().mapToLong(Long::longValue).sum() + s.otherSequences;
            String seq = usual == null ? "-" : usual.getKey() + (usual.getValue() == withSyscalls ? ""
                    : " (" + ApiSummary.percent((double) usual.getValue() / withSyscalls) + " of calls)");
            out.write("<tr data-api=\"" + html(s.api) + "\">");
            cell(out, s.api, null, "api");
            cell(out, String.format("%,d", s.calls), s.calls, null);
            cell(out, known ? ApiSummary.perCall(s.syscallsPerCall()) : "-", s.syscallsPerCall(), null);
            cell(out, known ? Long.toString(s.maxSyscalls) : "-", s.maxSyscalls, null);
            cell(out, ApiSummary.bytes(s.bytesPerCall()), s.bytesPerCall(), null);
            cell(out, known ? ApiSummary.bytes(s.bytesPerSyscall()) : "-", s.bytesPerSyscall(), null);
            cell(out, known && s.syscalls > 0 ? ApiSummary.percent(s.kernelShare()) : "-", s.kernelShare(), null);
            cell(out, s.threw == 0 ? "-" : Long.toString(s.threw), s.threw, null);
            cell(out, s.failedSyscalls == 0 ? "-" : ApiSummary.errors(failedOnly(s)), s.failedSyscalls, null);
            cell(out, known ? seq : "no syscalls traced", null, "mix");
            cell(out, known && s.syscalls > 0 ? ApiSummary.shares(s, 8, true) : "-", null, "mix");
            out.write("</tr>\n");
        }
        out.write("</tbody></table>");
    }

    private static ApiStats failedOnly(ApiStats s) {
        ApiStats f = new ApiStats(s.api);
        f.failedSyscalls = s.failedSyscalls;
        f.errnos.putAll(s.errnos);
        return f;
    }

    private static void cell(Writer out, String text, Object sortKey, String cls) throws IOException {
        out.write("<td");
        if (cls != null) {
            out.write(" class=\"" + cls + "\"");
        }
        if (sortKey != null) {
            out.write(" data-v=\"" + sortKey + "\"");
        }
        if ("mix".equals(cls)) {
            out.write(" title=\"" + html(text) + "\"");
        }
        out.write(">" + html(text) + "</td>");
    }

    /**
     * The sampled trees as JSON, times in nanoseconds from the first call's start:
     * {@code {apis: [name], threads: [{name, id}], calls: [call]}} with
     * {@code call = [api, thread, start, duration, bytes, syscallCount, error, detail, [sys], [call], omittedCalls]}
     * and {@code sys = [start, duration, line, failed]}.
     */
    private void data(Writer out) throws IOException {
        List<CallSample.Call> trees = sample.trees();
        long t0 = trees.isEmpty() ? 0 : trees.get(0).enterNs();
        Map<String, Integer> apis = new HashMap<>();
        Map<Long, Integer> threads = new HashMap<>();
        StringBuilder apiJson = new StringBuilder();
        StringBuilder threadJson = new StringBuilder();
        StringBuilder calls = new StringBuilder();
        out.write("{\"calls\":[");
        for (CallSample.Call c : trees) {
            if (calls.length() > 0) {
                calls.append(",\n");
            }
            call(calls, c, t0, apis, apiJson, threads, threadJson);
            if (calls.length() > 1 << 16) {
                out.write(calls.toString());
                calls.setLength(0);
                calls.append(' ');
            }
        }
        out.write(calls.toString());
        out.write("],\"apis\":[" + apiJson + "],\"threads\":[" + threadJson + "]}");
    }

    private static void call(StringBuilder sb, CallSample.Call c, long t0, Map<String, Integer> apis,
                             StringBuilder apiJson, Map<Long, Integer> threads, StringBuilder threadJson) {
        Integer api = apis.get(c.api());
        if (api == null) {
            api = apis.size();
            apis.put(c.api(), api);
            apiJson.append(api == 0 ? "" : ",").append(json(c.api()));
        }
        // A lane per Java thread (a virtual thread's calls move between carriers).
        Integer thread = threads.get(c.threadId());
        if (thread == null) {
            thread = threads.size();
            threads.put(c.threadId(), thread);
            threadJson.append(thread == 0 ? "" : ",").append("{\"name\":").append(json(c.thread()))
                    .append(",\"id\":").append(c.threadId()).append(",\"tid\":").append(c.tid()).append('}');
        }
        sb.append('[').append(api).append(',').append(thread).append(',').append(c.enterNs() - t0).append(',')
                .append(c.exitNs() - c.enterNs()).append(',').append(c.bytes()).append(',').append(c.syscallCount())
                .append(',').append(json(c.error())).append(',').append(json(c.detail())).append(",[");
        for (int i = 0; i < c.syscalls().size(); i++) {
            CallSample.Sys s = c.syscalls().get(i);
            sb.append(i == 0 ? "[" : ",[").append(s.enterNs() - t0).append(',').append(s.exitNs() - s.enterNs())
                    .append(',').append(json(s.line())).append(',').append(s.failed() ? 1 : 0).append(']');
        }
        sb.append("],[");
        for (int i = 0; i < c.children().size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            call(sb, c.children().get(i), t0, apis, apiJson, threads, threadJson);
        }
        sb.append("],").append(c.omittedCalls()).append(']');
    }

    /** A JSON string safe inside a script element: no "</script>", no line separators. */
    static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String html(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
