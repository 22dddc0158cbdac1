package dev.syscalllens.bench;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.ListStatistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The application thread's cost per instrumented call, as docs/benchmark.py reports it:
 * {@link InstrumentedCall} in forks without the agent and with it ({@code probe=off,exporter=none}),
 * and {@link RecordingPath} alone, one fork of each in turn, so that a change in the machine's load
 * lands on all. Prints one {@code result NAME MEAN ERROR} line per figure (ns, the
 * error being the half-width of the 99.9% confidence interval over all measured iterations, as
 * JMH gives it), then {@code dropped N of M}: calls the traced forks' rings dropped, of all they
 * made (0: every call was recorded). BATCHES: batches to warm up and as many to measure, per fork;
 * MILLIS: each of RecordingPath's 3 warm-up and 5 measured iterations.
 *
 * <pre>
 *   java -cp benchmarks.jar dev.syscalllens.bench.PerCallCost AGENT_JAR [FORKS BATCHES MILLIS]   (default 3 200 1000)
 * </pre>
 */
public final class PerCallCost {
    private PerCallCost() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        if (args.length != 1 && args.length != 4) {
            System.err.println("usage: PerCallCost AGENT_JAR [FORKS BATCHES MILLIS]");
            System.exit(2);
        }
        String agent = args[0];
        int forks = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batches = args.length > 1 ? Integer.parseInt(args[2]) : 200;
        long millis = args.length > 1 ? Long.parseLong(args[3]) : 1000;
        Path dropped = Files.createTempFile("syscall-lens-bench", ".dropped");
        try {
            ListStatistics untraced = new ListStatistics();
            ListStatistics traced = new ListStatistics();
            ListStatistics recording = new ListStatistics();
            ListStatistics clock = new ListStatistics();
            String call = InstrumentedCall.class.getName() + ".fileChannelWrite";
            for (int f = 0; f < forks; f++) {
                run(batches(call, batches), untraced);
                run(batches(call, batches).jvmArgsAppend("-javaagent:" + agent + "=exporter=none,probe=off",
                        "-D" + InstrumentedCall.DROPPED_FILE + "=" + dropped), traced);
                run(timed(RecordingPath.class.getName() + ".enterExit", millis), recording);
                run(timed(RecordingPath.class.getName() + ".twoClockReads", millis), clock);
            }
            print("untraced", untraced);
            print("traced", traced);
            // independent samples: the errors add in quadrature
            print("per-call", traced.getMean() - untraced.getMean(), Math.hypot(error(traced), error(untraced)));
            print("recording-path", recording);
            print("two-clock-reads", clock);
            List<Long> perFork = Files.readAllLines(dropped).stream().map(Long::parseLong).toList();
            if (perFork.size() != forks || perFork.contains(-1L)) {
                System.err.println("PerCallCost: the agent did not record in every traced fork: " + perFork);
                System.exit(1);
            }
            long lost = perFork.stream().mapToLong(Long::longValue).sum();
            System.out.println("dropped " + lost + " of " + (long) forks * 2 * batches * InstrumentedCall.BATCH);
        } finally {
            Files.deleteIfExists(dropped);
        }
    }

    /** InstrumentedCall: as many batches to warm up as to measure (C2 compiles the loop in the first few). */
    private static ChainedOptionsBuilder batches(String benchmark, int batches) {
        return common(benchmark).warmupIterations(batches).measurementIterations(batches);
    }

    /** RecordingPath: 3 iterations of {@code millis} to warm up, 5 measured. */
    private static ChainedOptionsBuilder timed(String benchmark, long millis) {
        return common(benchmark)
                .mode(Mode.AverageTime)
                .warmupIterations(3)
                .warmupTime(TimeValue.milliseconds(millis))
                .measurementIterations(5)
                .measurementTime(TimeValue.milliseconds(millis));
    }

    private static ChainedOptionsBuilder common(String benchmark) {
        return new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark) + "$")
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(1)
                .verbosity(VerboseMode.SILENT);
    }

    private static void run(ChainedOptionsBuilder options, ListStatistics into) throws RunnerException {
        long before = into.getN();
        for (RunResult r : new Runner(options.build()).run()) {
            for (IterationResult i : r.getBenchmarkResults().iterator().next().getIterationResults()) {
                into.addValue(i.getPrimaryResult().getScore());
            }
        }
        if (into.getN() == before) {
            // JMH prints nothing when SILENT: a fork that failed (a bad -javaagent) just has no results
            System.err.println("PerCallCost: no results from a fork of " + options.build().getIncludes());
            System.exit(1);
        }
    }

    /** Half-width of the 99.9% interval; NaN below two iterations, shown as 0. */
    private static double error(ListStatistics s) {
        double e = s.getMeanErrorAt(0.999);
        return Double.isNaN(e) ? 0 : e;
    }

    private static void print(String name, ListStatistics s) {
        print(name, s.getMean(), error(s));
    }

    private static void print(String name, double mean, double error) {
        System.out.printf("result %s %.1f %.1f%n", name, mean, error);
    }
}
