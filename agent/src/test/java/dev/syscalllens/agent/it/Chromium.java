package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Headless Chromium from its command line: a page's DOM after its scripts ran, and screenshots. */
final class Chromium {
    private final String binary;

    private Chromium(String binary) {
        this.binary = binary;
    }

    /** Debian's chromium; tests that need it are skipped, with the reason, without it. */
    static Chromium find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return new Chromium(p.toString());
                }
            }
        }
        Assumptions.abort("chromium is not installed: the report cannot be opened in a browser (apt-get install chromium)");
        return null;
    }

    private List<String> command(String... args) {
        // A profile of its own per run: no state shared with another run or the user's browser.
        List<String> cmd = new ArrayList<>(List.of(binary, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--window-size=1400,900", "--virtual-time-budget=5000"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The DOM once the page's scripts ran (--dump-dom), and how long the browser took. */
    record Dom(String html, long millis) {
    }

    Dom dumpDom(String url) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        long t0 = System.nanoTime();
        Forked.Result r = Forked.run(command("--user-data-dir=" + profile, "--dump-dom", url), 120);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (r.exit() != 0 || !r.stdout().contains("</html>")) {
            throw new AssertionError("chromium --dump-dom failed:\n" + r);
        }
        return new Dom(r.stdout(), ms);
    }

    void screenshot(String url, Path png) throws Exception {
        Files.createDirectories(png.getParent());
        Path profile = Files.createTempDirectory("chromium-profile");
        Forked.Result r = Forked.run(command("--user-data-dir=" + profile, "--screenshot=" + png.toAbsolutePath(), url), 120);
        if (r.exit() != 0 || !Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new AssertionError("chromium --screenshot failed:\n" + r);
        }
    }
}
