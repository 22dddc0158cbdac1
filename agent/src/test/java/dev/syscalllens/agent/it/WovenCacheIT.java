package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cache of woven JDK classes (agent option cache=): a run that takes its classes from it
 * traces as the run that wove them did, runs on 17 and 25 keep their own entries side by side,
 * and a cache that others could write is refused with one line, the application tracing on.
 */
class WovenCacheIT {
    private static final Pattern COUNTS = Pattern.compile("syscall-lens: woven classes: (\\d+) from the cache, (\\d+) woven afresh");
    private static final Pattern INSTRUMENTED = Pattern.compile("syscall-lens: instrumented (\\[.*?]), from the cache");

    private static Forked.Result helloFile(Env.Jdk jdk, Path cache, Path dir, String name) throws Exception {
        Path target = dir.resolve(name + ".txt");
        Forked.Result r = Forked.run(Env.demo(jdk, "cache=" + cache + ",debug=true", "hello-file", target.toString()), 60);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("wrote 12 bytes to " + target + "\n", r.stdout());
        // The console's tree: the write under its call, as strace prints it.
        assertTrue(r.stderr().matches("(?s).*\\nFileChannel\\.write  12 bytes  [0-9.]+(us|ms)\\n(  [^\\n]*\\n)*?  write\\(\\d+<"
                + Pattern.quote(target.toString()) + ">, \"hello world\\\\n\", 12\\) = 12  [0-9.]+(us|ms)\\n.*"), r::toString);
        return r;
    }

    /** {from the cache, woven afresh} as the run said at exit. */
    private static int[] counts(Forked.Result r) {
        Matcher m = COUNTS.matcher(r.stderr());
        assertTrue(m.find(), r::stderr);
        return new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static String instrumented(Forked.Result r) {
        Matcher m = INSTRUMENTED.matcher(r.stderr());
        assertTrue(m.find(), r::stderr);
        return m.group(1);
    }

    @Test
    void aRunFromTheCacheTracesAsTheRunThatWoveAndEachJdkKeepsItsOwn() throws Exception {
        Path dir = Files.createTempDirectory("woven-cache-it");
        Path cache = dir.resolve("cache");

        Forked.Result cold = helloFile(Env.Jdk.JDK17, cache, dir, "cold");
        int[] c = counts(cold);
        assertEquals(0, c[0], cold::stderr);
        assertTrue(c[1] >= 8, "the JDK classes loaded before the agent, at least: " + c[1]);
        assertTrue(cold.stderr().contains("syscall-lens: wrote " + c[1] + " woven classes to " + cache.resolve("woven")),
                cold::stderr);

        Forked.Result warm = helloFile(Env.Jdk.JDK17, cache, dir, "warm");
        int[] w = counts(warm);
        // A class can be handed over in another form than last time (and is then woven afresh).
        assertTrue(w[0] >= c[1] - 2 && w[0] > 0, "from the cache: " + w[0] + " of " + c[1]);
        assertEquals(instrumented(cold), instrumented(warm));

        Forked.Result jdk25 = helloFile(Env.Jdk.JDK25, cache, dir, "jdk25");
        int[] j = counts(jdk25);
        assertEquals(0, j[0], "JDK 25's class files are not JDK 17's");
        assertTrue(j[1] > 0, jdk25::stderr);

        Forked.Result again = helloFile(Env.Jdk.JDK17, cache, dir, "again");
        // As in the warm run: a class handed over in yet another form is woven afresh.
        assertTrue(counts(again)[0] >= c[1] - 2 && counts(again)[0] > 0,
                "JDK 17's entries are still there: " + counts(again)[0] + " of " + c[1]);
    }

    @Test
    void aCacheOthersCanWriteIsNotUsed() throws Exception {
        Path dir = Files.createTempDirectory("woven-cache-it");
        Path cache = Files.createDirectory(dir.resolve("cache"));
        Files.setAttribute(cache, "unix:mode", 0777);
        Forked.Result r = helloFile(Env.Jdk.JDK17, cache, dir, "open");
        List<String> said = r.stderr().lines().filter(l -> l.contains("cache")).toList();
        assertTrue(said.contains("syscall-lens: the cache " + cache + " is not used: others can write it (mode 777)"),
                said::toString);
        assertFalse(Files.exists(cache.resolve("woven")), "nothing written there");
        assertFalse(COUNTS.matcher(r.stderr()).find(), "no cache, no counts");
    }
}
