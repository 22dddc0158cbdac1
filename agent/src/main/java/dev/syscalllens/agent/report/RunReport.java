package dev.syscalllens.agent.report;

import dev.syscalllens.agent.Log;
import dev.syscalllens.agent.correlate.CallNode;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The summary by Java API and the HTML report: fed every finished call tree on the correlator
 * thread (before the spans are made from it), printed and written at exit. Whatever goes wrong
 * here is said once and turns it off; the application and the spans go on.
 */
public final class RunReport implements Consumer<CallNode> {
    private final ApiSummary summary = new ApiSummary();
    /** Only when a report is to be written. */
    private final CallSample sample;
    private final Path reportPath;
    private volatile boolean failed;

    public RunReport(Path reportPath) {
        this.reportPath = reportPath;
        this.sample = reportPath == null ? null : new CallSample();
    }

    public void setSyscallsKnown(boolean known) {
        summary.setSyscallsKnown(known);
    }

    @Override
    public void accept(CallNode root) {
        if (failed) {
            return;
        }
        try {
            summary.add(root);
            if (sample != null) {
                sample.add(root);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            failed = true;
            Log.info("the summary by Java API stopped: " + e + "; spans go on");
        }
    }

    /** The table on stderr, after the line at exit. */
    public void printSummary() {
        if (failed) {
            return;
        }
        try {
            int apis = summary.apis();
            if (apis == 0) {
                Log.info("by Java API: no calls");
                return;
            }
            Log.info("by Java API (" + apis + " APIs; most syscalls per call first; a call's syscalls include"
                    + " its nested calls'):");
            Log.stderr().print(summary.text());
            Log.stderr().flush();
        } catch (RuntimeException e) {
            Log.info("cannot print the summary by Java API: " + e);
        }
    }

    /**
     * Writes the HTML report, if one was asked for; says so in one line if it cannot.
     * {@code run} is the line at exit (calls, spans, syscalls, what was dropped), shown on the page.
     */
    public void writeReport(String title, String run) {
        if (sample == null) {
            return;
        }
        if (failed) {
            Log.info("no report written to " + reportPath + ": the summary stopped during the run");
            return;
        }
        try {
            long t0 = System.nanoTime();
            new HtmlReport(summary, sample).write(reportPath, title, run);
            Log.info("report written to " + reportPath + " (" + java.nio.file.Files.size(reportPath) / 1024 + " KiB, "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms)");
        } catch (java.io.IOException | RuntimeException | OutOfMemoryError e) {
            Log.info("cannot write the report to " + reportPath + ": " + e + "; the application was not affected");
        }
    }
}
