package dev.syscalllens.agent.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * report= and summary=: io-tour and 100,000 small writes (many-writes) under the agent, each
 * writing a report; the reports opened in headless Chromium (skipped, with the reason, where it
 * is not installed), which must run their script without error and show what a person would
 * look for. Screenshots go to target/report-it/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportIT {
    private static final int WRITES = 100_000;
    private static final Path SHOTS = Path.of("target", "report-it");

    private Path dir;
    private Forked.Result tour;
    private Path tourReport;
    private Forked.Result many;
    private Path manyReport;
    private Path manyFile;

    @BeforeAll
    void run() throws Exception {
        dir = Files.createTempDirectory("report-it");
        tourReport = dir.resolve("io-tour.html");
        tour = Forked.run(Env.demo(Env.Jdk.JDK17, "exporter=none,summary=on,report=" + tourReport, "io-tour",
                dir.resolve("tour").toString()), 180);
        assertEquals(0, tour.exit(), tour::toString);
        manyReport = dir.resolve("many-writes.html");
        manyFile = dir.resolve("many.txt");
        many = Forked.run(Env.demo(Env.Jdk.JDK17, "exporter=none,report=" + manyReport, "many-writes",
                manyFile.toString(), Integer.toString(WRITES)), 300);
        assertEquals(0, many.exit(), many::toString);
    }

    @Test
    void summaryIsPrintedAfterTheLineAtExit() {
        List<String> err = tour.stderr().lines().toList();
        int exitLine = indexOf(err, "syscall-lens: \\d+ Java calls, .*");
        int header = indexOf(err, "syscall-lens: by Java API \\(\\d+ APIs; most syscalls per call first;.*");
        assertTrue(exitLine >= 0 && header > exitLine, tour::stderr);
        assertTrue(err.get(header + 1).matches("\\s+Java API\\s+calls\\s+sys/call\\s+max\\s+syscall mix\\s+bytes/call"
                + "\\s+bytes/sys\\s+kernel\\s+errors"), err.get(header + 1));
        // FileChannel.write: several calls, each one syscall of the write family, 12 or 24 bytes each.
        String row = err.stream().filter(l -> l.matches("\\s+FileChannel\\.write\\s.*")).findFirst().orElseThrow();
        assertTrue(row.matches("\\s+FileChannel\\.write\\s+\\d+\\s+\\d+\\.\\d\\s+\\d+\\s+.*(write|pwrite64|writev).*%.*"), row);
        assertTrue(tour.stderr().contains("syscall-lens: report written to " + tourReport), tour::stderr);
    }

    @Test
    void summaryIsNotPrintedWithoutConsoleUnlessAsked() {
        assertFalse(many.stderr().contains("by Java API"), many::stderr);
    }

    @Test
    void reportIsSelfContained() throws Exception {
        for (Path report : List.of(tourReport, manyReport)) {
            String html = Files.readString(report);
            assertFalse(html.contains("<link") || html.contains(" src=") || html.contains("@import")
                    || html.contains("url("), report + " loads something");
        }
    }

    @Test
    void reportCountsEveryCallAndSamplesTheTimeline() throws Exception {
        String html = Files.readString(manyReport);
        long calls = Long.parseLong(group(many.stderr(), "syscall-lens: (\\d+) Java calls, "));
        long dropped = many.stderr().contains("calls dropped") ? Long.parseLong(group(many.stderr(), "; (\\d+) calls dropped")) : 0;
        // every call the agent handed out is in the table (the call buffer may drop some: said on the page)
        long inTable = 0;
        for (Matcher m = Pattern.compile("<tr data-api=\"[^\"]+\"><td class=\"api\">[^<]*</td><td data-v=\"(\\d+)\">")
                .matcher(html); m.find(); ) {
            inTable += Long.parseLong(m.group(1));
        }
        assertEquals(calls, inTable);
        assertTrue(calls + dropped >= WRITES, calls + " calls, " + dropped + " dropped");
        assertTrue(html.contains(dropped > 0 ? dropped + " calls dropped (call buffer full)" : " 0 dropped"), "the page says what was dropped");
        assertTrue(html.matches("(?s).*The timeline shows [\\d,]+ of [\\d,]+ outermost calls, each with the calls nested in it:"
                + " the first 1,000, 1,000 drawn at random from the other [\\d,]+, and for each Java API the call with"
                + " the most syscalls\\..*"), "the page says what was sampled");
        long size = Files.size(manyReport);
        System.out.println("ReportIT: many-writes report " + size / 1024 + " KiB for " + calls + " calls");
        assertTrue(size < 4 << 20, "report of " + size + " bytes");
    }

    @Test
    void ioTourReportOpensInABrowser() throws Exception {
        Chromium chromium = Chromium.find();
        String url = tourReport.toUri() + "#call=FileChannel.write";
        Chromium.Dom dom = chromium.dumpDom(url);
        noScriptErrors(dom);
        String row = summaryRow(dom.html(), "FileChannel.write");
        assertTrue(row.matches(".*<td class=\"mix\"[^>]*>[^<]*write[^<]*%[^<]*</td>.*"), row);
        assertTrue(summaryRow(dom.html(), "Files.readAllBytes").contains("openat"), "Files.readAllBytes with its openat");
        assertTrue(group(dom.html(), "<div id=\"lanes\">([^<]*)</div>").matches("Threads: main \\(\\d+ calls\\).*"),
                "the timeline's threads");
        String strace = group(dom.html(), "(?s)<div class=\"tree\" id=\"strace\">(.*?)</div></div>");
        assertTrue(strace.startsWith("<div class=\"call\">FileChannel.write  "), strace);
        assertTrue(Pattern.compile("(write|pwrite64|writev)\\(\\d+&lt;[^&]+&gt;, .*hello world\\\\n.*\\) = \\d+").matcher(strace).find(),
                strace);
        chromium.screenshot(url, SHOTS.resolve("io-tour.png"));
    }

    @Test
    void reportOfAHundredThousandCallsStaysUsable() throws Exception {
        Chromium chromium = Chromium.find();
        // a call from the middle of the run: the 1,500th sampled FileChannel.write is in the reservoir
        String url = manyReport.toUri() + "#call=FileChannel.write/1500";
        Chromium.Dom dom = chromium.dumpDom(url);
        noScriptErrors(dom);
        double renderMs = Double.parseDouble(group(dom.html(), "<span id=\"render-ms\" hidden=\"\">([\\d.]+)</span>"));
        System.out.println("ReportIT: many-writes report drawn in " + renderMs + " ms; chromium ran " + dom.millis() + " ms");
        assertTrue(renderMs < 2_000, "drawn in " + renderMs + " ms");
        String row = summaryRow(dom.html(), "FileChannel.write");
        // The JVM's own futex (a safepoint, the GC) may land inside a few of the writes.
        assertTrue(row.matches(".*<td class=\"mix\"[^>]*>write( \\((&gt;)?99(\\.\\d)?% of calls\\))?</td>.*"), row);
        String strace = group(dom.html(), "(?s)<div class=\"tree\" id=\"strace\">(.*?)</div></div>");
        assertTrue(strace.matches("(?s).*write\\(\\d+&lt;" + Pattern.quote(manyFile.toString())
                + "&gt;, \"hello world\\\\n\", 12\\) = 12.*"), strace);
        chromium.screenshot(url, SHOTS.resolve("many-writes.png"));
    }

    @Test
    void unwritableReportPathIsOneLineAndTheApplicationRunsOn() throws Exception {
        Path target = dir.resolve("hello.txt");
        Path report = dir.resolve("no-such-dir").resolve("r.html");
        Forked.Result r = Forked.run(Env.demo(Env.Jdk.JDK17, "report=" + report, "hello-file", target.toString()), 60);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("wrote 12 bytes to " + target + "\n", r.stdout());
        assertEquals(List.of("syscall-lens: cannot write the report to " + report
                + " (No such file or directory); the application runs without syscall-lens"), r.stderr().lines().toList());
    }

    private static void noScriptErrors(Chromium.Dom dom) {
        String errors = group(dom.html(), "(?s)<pre id=\"errors\"[^>]*>(.*?)</pre>");
        assertEquals("", errors, "script errors in the page");
        assertTrue(dom.html().contains("<pre id=\"errors\" hidden=\"\">"), "the error box stays hidden");
    }

    private static String summaryRow(String html, String api) {
        return group(html, "(<tr data-api=\"" + Pattern.quote(api) + "\"[^>]*>.*?</tr>)");
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), () -> "no " + regex + " in:\n" + (text.length() > 4000 ? text.substring(0, 4000) : text));
        return m.group(1);
    }

    private static int indexOf(List<String> lines, String regex) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(regex)) {
                return i;
            }
        }
        return -1;
    }
}
