package dev.syscalllens.agent;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The agent's options: {@code -javaagent:syscall-lens-agent.jar=key=value,key=value}.
 *
 * <ul>
 *   <li>{@code exporter=console+file}: where spans go, any of {@code console} (a tree on stderr,
 *       the default), {@code file} (OTLP JSON lines, needs {@code file=}) and {@code none},
 *       joined by {@code +}.</li>
 *   <li>{@code file=PATH}: write spans as OTLP JSON, one ExportTraceServiceRequest per line;
 *       adds {@code file} to the default exporters.</li>
 *   <li>{@code probe=on|off}: trace syscalls with the ptrace probe (default on); off gives
 *       Java-call spans only.</li>
 *   <li>{@code threads=app|all}: trace the application's threads only (default), or also the
 *       JVM's own (GC, JIT compilers, VM thread).</li>
 *   <li>{@code report=PATH}: write an HTML report at exit (a timeline of sampled calls with
 *       their syscalls, and the summary by Java API).</li>
 *   <li>{@code summary=on|off}: print the summary by Java API on stderr at exit; on by default
 *       when the exporters include {@code console}.</li>
 *   <li>{@code debug=true}: say what was instrumented and how the probe attached.</li>
 *   <li>{@code probe=on|off|/PATH}: trace syscalls (default), or not, or with this probe binary.</li>
 *   <li>{@code payload=N}: bytes of each read or written buffer that exported spans may show
 *       (default 0: none, as {@code strace -s 0}); the console shows 32, as strace does.</li>
 *   <li>{@code idle=poll|halt}: while traced threads make syscalls back to back, the probe asks
 *       the kernel to keep idle CPUs polling rather than halting, so that a thread resumed from
 *       its stop finds its CPU awake (default {@code poll}; root only, see
 *       native-probe/src/idle_poll.h); {@code halt} never asks.</li>
 *   <li>{@code cache=off|DIR}: where the JDK classes as woven are kept for the next runs
 *       (default {@code $XDG_CACHE_HOME/syscall-lens}, else {@code ~/.cache/syscall-lens}; see
 *       {@code WovenCache}); {@code off} weaves them afresh in every run and writes nothing.</li>
 * </ul>
 */
public final class AgentOptions {
    public enum Exporter { CONSOLE, FILE, OTLP, ZIPKIN, NONE }

    private final Set<Exporter> exporters;
    private final Path file;
    private final boolean probe;
    private final boolean debug;
    private final boolean allThreads;
    private final int payload;
    private final Path probePath;
    private final Path report;
    private final boolean summary;
    private final boolean idleHalt;
    private final Path cache;

    /** Most bytes of a buffer an exported span may show (the probe captures as many). */
    public static final int MAX_PAYLOAD = 4096;

    private AgentOptions(Set<Exporter> exporters, Path file, boolean probe, boolean debug, boolean allThreads,
                         int payload, Path probePath, Path report, boolean summary, boolean idleHalt, Path cache) {
        this.payload = payload;
        this.cache = cache;
        this.idleHalt = idleHalt;
        this.probePath = probePath;
        this.exporters = exporters;
        this.file = file;
        this.probe = probe;
        this.debug = debug;
        this.allThreads = allThreads;
        this.report = report;
        this.summary = summary;
    }

    /** Thrown with a message fit to show the user as it is. */
    public static final class BadOptionException extends Exception {
        BadOptionException(String message) {
            super(message);
        }
    }

    public static AgentOptions parse(String args) throws BadOptionException {
        Set<Exporter> exporters = null;
        Path file = null;
        boolean probe = true;
        boolean debug = false;
        boolean allThreads = false;
        int payload = 0;
        Path probePath = null;
        Path report = null;
        Boolean summary = null;
        boolean idleHalt = false;
        Path cache = defaultCache(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home"));
        if (args != null && !args.isBlank()) {
            for (String pair : args.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new BadOptionException("option '" + pair + "' is not key=value");
                }
                String key = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                switch (key) {
                    case "exporter" -> exporters = parseExporters(value);
                    case "file" -> {
                        if (value.isEmpty()) {
                            throw new BadOptionException("file= needs a path");
                        }
                        file = Path.of(value);
                    }
                    case "probe" -> {
                        // on, off, or the path of a probe binary to run instead of the bundled one
                        if (value.startsWith("/")) {
                            probePath = Path.of(value);
                        } else {
                            probe = parseBoolean(key, value);
                        }
                    }
                    case "report" -> {
                        if (value.isEmpty()) {
                            throw new BadOptionException("report= needs a path");
                        }
                        report = Path.of(value);
                    }
                    case "summary" -> summary = parseBoolean(key, value);
                    case "debug" -> debug = parseBoolean(key, value);
                    case "payload" -> payload = parsePayload(value);
                    case "threads" -> allThreads = switch (value) {
                        case "app" -> false;
                        case "all" -> true;
                        default -> throw new BadOptionException("threads=" + value + ": expected app or all");
                    };
                    case "idle" -> idleHalt = switch (value) {
                        case "poll" -> false;
                        case "halt" -> true;
                        default -> throw new BadOptionException("idle=" + value + ": expected poll or halt");
                    };
                    case "cache" -> {
                        if (value.isEmpty()) {
                            throw new BadOptionException("cache= needs off or a directory");
                        }
                        cache = value.equals("off") ? null : Path.of(value).toAbsolutePath();
                    }
                    default -> throw new BadOptionException("unknown option '" + key
                            + "' (known: exporter, file, report, summary, payload, probe, threads, idle, cache, debug)");
                }
            }
        }
        if (exporters == null) {
            exporters = EnumSet.of(Exporter.CONSOLE);
            if (file != null) {
                exporters.add(Exporter.FILE);
            }
        }
        if (exporters.contains(Exporter.FILE) && file == null) {
            throw new BadOptionException("exporter=file needs file=PATH");
        }
        if (file != null && !exporters.contains(Exporter.FILE)) {
            throw new BadOptionException("file=" + file + " is set but exporter= does not include file");
        }
        exporters.remove(Exporter.NONE);
        // The summary goes with the console's tree unless said otherwise.
        boolean printSummary = summary != null ? summary : exporters.contains(Exporter.CONSOLE);
        return new AgentOptions(exporters, file, probe, debug, allThreads, payload, probePath, report, printSummary,
                idleHalt, cache);
    }

    /** $XDG_CACHE_HOME/syscall-lens if that is an absolute path (as the XDG spec wants), else ~/.cache/syscall-lens. */
    static Path defaultCache(String xdgCacheHome, String userHome) {
        if (xdgCacheHome != null && xdgCacheHome.startsWith("/")) {
            return Path.of(xdgCacheHome, "syscall-lens");
        }
        if (userHome != null && userHome.startsWith("/")) {
            return Path.of(userHome, ".cache", "syscall-lens");
        }
        return null;
    }

    private static int parsePayload(String value) throws BadOptionException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0 && n <= MAX_PAYLOAD) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadOptionException("payload=" + value + ": expected a number of bytes from 0 to " + MAX_PAYLOAD);
    }

    private static Set<Exporter> parseExporters(String value) throws BadOptionException {
        Set<Exporter> set = EnumSet.noneOf(Exporter.class);
        for (String name : value.split("\\+")) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "console" -> set.add(Exporter.CONSOLE);
                case "file" -> set.add(Exporter.FILE);
                case "none" -> set.add(Exporter.NONE);
                case "otlp" -> set.add(Exporter.OTLP);
                case "zipkin" -> set.add(Exporter.ZIPKIN);
                default -> throw new BadOptionException("unknown exporter '" + name
                        + "' (available: otlp, zipkin, file, console, none; combine with +)");
            }
        }
        if (set.contains(Exporter.NONE) && set.size() > 1) {
            throw new BadOptionException("exporter=none cannot be combined with others");
        }
        return set;
    }

    private static boolean parseBoolean(String key, String value) throws BadOptionException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new BadOptionException(key + "=" + value + ": expected on or off");
        };
    }

    public Set<Exporter> exporters() {
        return exporters;
    }

    public Path file() {
        return file;
    }

    /** Where the HTML report goes at exit, or null. */
    public Path report() {
        return report;
    }

    /** Print the summary by Java API on stderr at exit. */
    public boolean summary() {
        return summary;
    }

    public boolean probe() {
        return probe;
    }

    /** idle=halt: the probe never asks the kernel to keep idle CPUs polling. */
    public boolean idleHalt() {
        return idleHalt;
    }

    /** Where the woven JDK classes are kept between runs, or null (cache=off). */
    public Path cache() {
        return cache;
    }

    /** A probe binary to run instead of the one inside the agent jar (probe=/PATH), or null. */
    public Path probePath() {
        return probePath;
    }

    /** Trace the JVM's own threads too (GC, JIT, ...). */
    public boolean allThreads() {
        return allThreads;
    }

    public boolean debug() {
        return debug;
    }

    /** Bytes of each data buffer that exported spans show (0: none). */
    public int payload() {
        return payload;
    }
}
