#!/usr/bin/env python3
"""The overhead matrix of docs/performance.md: each workload of demo-apps (bench-*) under each
configuration, interleaved (A B C ... A B C ...) for ROUNDS rounds; medians, and each run's ratio
to the untraced run of the same round. Then the application thread's cost per instrumented call,
measured with JMH (agent/bench: PerCallCost).

    python3 docs/benchmark.py            # 5 rounds, writes docs/performance.md and docs/performance.svg
    python3 docs/benchmark.py --quick    # 1 round, short phases: proves the harness works (BenchmarkIT)
    python3 docs/benchmark.py --per-call-only    # only the JMH per-call figures, printed; writes nothing

Needs the build (mvn package: the agent, demo-apps, the probe and agent/bench's benchmarks.jar),
strace, and a JDK 17+ as `java` (or $JAVA_HOME/bin/java).
Only the text between the benchmark markers of --out is replaced; the rest of the page is kept.
"""
import argparse
import datetime
import os
import platform
import re
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AGENT = os.path.join(ROOT, "agent/target/syscall-lens-agent.jar")
DEMO = os.path.join(ROOT, "demo-apps/target/demo-apps.jar")
PROBE = os.path.join(ROOT, "native-probe/target/syscall-lens-probe")
BENCH = os.path.join(ROOT, "agent/bench/target/benchmarks.jar")
JFC = os.path.join(ROOT, "docs/benchmark-io.jfc")
OTEL_AGENT = [os.path.join(ROOT, "agent/target/zipkin/opentelemetry-javaagent.jar"),
              os.path.expanduser("~/.m2/repository/io/opentelemetry/javaagent/opentelemetry-javaagent/2.22.0/"
                                 "opentelemetry-javaagent-2.22.0.jar")]
BEGIN, END = "<!-- benchmark:begin -->", "<!-- benchmark:end -->"

# (scenario, label); the I/O loops are the ones the strace and JFR targets are about
LOOPS = [("bench-open-write-close", "open + write 12 B + close"), ("bench-write-4k", "write 4 KiB"),
         ("bench-read-4k", "read 4 KiB"), ("bench-tcp-pingpong", "TCP ping-pong 64 B"),
         ("bench-cpu", "CPU only")]
IO_LOOPS = [s for s, _ in LOOPS if s != "bench-cpu"]
CONFIGS = ["untraced", "probe off", "probe", "probe idle=halt", "probe cache=off", "strace -f", "strace -f polling",
           "strace seccomp", "JFR", "OTel agent"]
# "probe cache=off": every start weaves the JDK classes afresh, as the first run after installing the
# agent or updating the JDK does; the other agent configurations share one cache of woven classes
# (in this run's temporary directory, so the first of them fills it), as a user's runs do.
STARTUP_ONLY = {"OTel agent", "probe cache=off"}
# For comparison on the I/O loops only: the probe without its request that idle CPUs poll (what a
# non-root user gets), and strace -f with that request held by this script for the run.
IO_ONLY = {"probe idle=halt", "strace -f polling"}
POLLING = {"strace -f polling"}
CPU_LATENCY = "/dev/cpu_dma_latency"
# issue #8: the application thread's cost per instrumented call (advice and record, probe off)
PER_CALL_TARGET_NS = 200
PER_CALL_ROWS = [("untraced", "FileChannel.write, untraced"),
                 ("traced", "FileChannel.write, agent with the probe off"),
                 ("per-call", "cost per call (the difference)"),
                 ("recording-path", "Recorder.enter + exit alone, in one thread"),
                 ("two-clock-reads", "two System.nanoTime() reads, for scale")]


def java():
    home = os.environ.get("JAVA_HOME")
    return os.path.join(home, "bin/java") if home else shutil.which("java")


def decoded_syscalls():
    out = subprocess.run([PROBE, "--list-syscalls"], capture_output=True, text=True, check=True).stdout
    return [f[1] for f in (line.split() for line in out.splitlines()) if len(f) > 2 and f[2] == "decoded"]


def commands(tmp):
    """Each configuration as the words before `-jar demo-apps.jar SCENARIO ...`."""
    jv = java()
    otel = next((p for p in OTEL_AGENT if os.path.exists(p)), None)
    if otel is None:
        sys.exit("benchmark: no opentelemetry-javaagent.jar (looked in %s)" % ", ".join(OTEL_AGENT))
    strace = shutil.which("strace") or sys.exit("benchmark: strace not found")
    strace_f = [strace, "-f", "-o", "/dev/null", jv]
    agent = "-javaagent:%s=exporter=none,cache=%s" % (AGENT, os.path.join(tmp, "cache"))
    return {
        "untraced": [jv],
        "probe off": [jv, agent + ",probe=off"],
        "probe": [jv, agent],
        "probe idle=halt": [jv, agent + ",idle=halt"],
        "probe cache=off": [jv, "-javaagent:%s=exporter=none,cache=off" % AGENT],
        "strace -f": strace_f,
        "strace -f polling": strace_f,  # the same, with the request held by run()
        "strace seccomp": [strace, "-f", "--seccomp-bpf", "-e", "trace=" + ",".join(decoded_syscalls()),
                           "-o", "/dev/null", jv],
        "JFR": [jv, "-XX:StartFlightRecording=settings=%s,filename=%s" % (JFC, os.path.join(tmp, "bench.jfr")),
                "-Xlog:jfr+startup=warning"],
        "OTel agent": [jv, "-javaagent:" + otel, "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
                       "-Dotel.logs.exporter=none"],
    }


def polling():
    """A request that idle CPUs poll (0 us of wake-up latency), held until the file is closed."""
    f = open(CPU_LATENCY, "wb", buffering=0)
    f.write(struct.pack("i", 0))
    return f


def can_hold_polling():
    try:
        polling().close()
        return None
    except OSError as e:
        return "%s: %s" % (CPU_LATENCY, e.strerror)


def run(cmd, tmp, timeout, hold=False):
    """Runs cmd; returns (wall seconds, peak RSS in KiB of its largest process, exit status, stdout, stderr).
    hold: with idle CPUs polling for the whole run."""
    out_path, err_path = os.path.join(tmp, "out"), os.path.join(tmp, "err")
    held = polling() if hold else None
    with open(out_path, "w") as out, open(err_path, "w") as err:
        start = time.monotonic()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, start_new_session=True)
        killer = threading.Timer(timeout, lambda: os.killpg(p.pid, signal.SIGKILL))
        killer.start()
        # wait4, not Popen.wait: its rusage holds the peak RSS (the largest of the process and
        # the descendants it waited for: the JVM under strace, not the sum)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.monotonic() - start
        killer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
    if held:
        held.close()
    with open(out_path) as out, open(err_path) as err:
        return wall, usage.ru_maxrss, p.returncode, out.read(), err.read()


def measure(args):
    tmp = tempfile.mkdtemp(prefix="syscall-lens-bench")
    cmds = commands(tmp)
    phase = [str(args.seconds), str(args.warmup)]
    ops = {}      # (scenario, config) -> [ops/s per round]
    ratio = {}    # (scenario, config) -> [ops/s / untraced ops/s of the round]
    start = {}    # config -> [(wall, rss KiB) per round]
    recorded = {}  # (scenario, agent config) -> [share of the Java calls made that became spans, per round]
    errors = []
    no_polling = can_hold_polling()
    began = time.monotonic()
    for r in range(args.rounds):
        for scenario, _ in LOOPS:
            base = None
            for config in CONFIGS:
                if config in STARTUP_ONLY or (config in IO_ONLY and scenario not in IO_LOOPS) or \
                        (config in POLLING and no_polling):
                    continue
                cmd = cmds[config] + ["-jar", DEMO, scenario] + phase
                wall, _, code, out, err = run(cmd, tmp, args.timeout, config in POLLING)
                m = re.search(r"^ops/s ([0-9.]+)$", out, re.M)
                if code != 0 or not m:
                    errors.append("%s under %s: exit %s\n%s" % (scenario, config, code, err[-2000:]))
                    continue
                value = float(m.group(1))
                base = value if config == "untraced" else base
                rec = re.search(r"^syscall-lens: (\d+) Java calls,.*?(?:; (\d+) calls dropped \(call buffer full\))?$",
                                err, re.M)
                share = None
                if rec:
                    made = int(rec.group(1)) + int(rec.group(2) or 0)
                    share = int(rec.group(1)) / made if made else 1.0
                    recorded.setdefault((scenario, config), []).append(share)
                ops.setdefault((scenario, config), []).append(value)
                if base:
                    ratio.setdefault((scenario, config), []).append(value / base)
                print("round %d  %-24s %-15s %12.1f ops/s  %5.1f s%s" % (
                    r + 1, scenario, config, value, wall,
                    "" if share is None or share >= 1.0 else "  %.2f%% of calls recorded" % (100 * share)), flush=True)
        for config in CONFIGS:
            if config in IO_ONLY:
                continue
            for _ in range(args.starts):
                wall, rss, code, out, err = run(cmds[config] + ["-jar", DEMO, "bench-hello"], tmp, args.timeout)
                if code != 0 or "hello world" not in out:
                    errors.append("bench-hello under %s: exit %s\n%s" % (config, code, err[-2000:]))
                    continue
                start.setdefault(config, []).append((wall, rss))
                print("round %d  %-24s %-15s %6.3f s  %6.1f MiB" % (r + 1, "bench-hello", config, wall, rss / 1024),
                      flush=True)
    shutil.rmtree(tmp, ignore_errors=True)
    if no_polling:
        print("strace -f polling: not measured (%s)" % no_polling, flush=True)
    return ops, ratio, start, recorded, errors, time.monotonic() - began


def per_call(args):
    """Runs PerCallCost (agent/bench); returns ({name: (mean ns, half-width of the 99.9% interval)},
    (dropped, made) calls of the traced forks, seconds taken, error text or None)."""
    cmd = [java(), "-cp", BENCH, "dev.syscalllens.bench.PerCallCost", AGENT] + [str(a) for a in args.jmh]
    began = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="syscall-lens-jmh")
    try:
        _, _, code, out, err = run(cmd, tmp, args.timeout * 2)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    took = time.monotonic() - began
    figures = {m.group(1): (float(m.group(2)), float(m.group(3)))
               for m in re.finditer(r"^result (\S+) (-?[0-9.]+) ([0-9.]+)$", out, re.M)}
    d = re.search(r"^dropped ([0-9]+) of ([0-9]+)$", out, re.M)
    if code != 0 or not d or any(name not in figures for name, _ in PER_CALL_ROWS):
        return figures, None, took, "PerCallCost: exit %s\n%s\n%s" % (code, out[-2000:], err[-2000:])
    for name, _ in PER_CALL_ROWS:
        print("per call  %-16s %8.1f ns +- %.1f" % (name, *figures[name]), flush=True)
    print("per call  dropped %s of %s calls; %.0f s" % (d.group(1), d.group(2), took), flush=True)
    return figures, (int(d.group(1)), int(d.group(2))), took, None


def per_call_table(figures):
    lines = ["| JMH | ns per call |", "|---|---:|"]
    for name, label in PER_CALL_ROWS:
        mean, half = figures[name]
        lines.append("| %s | %.0f ± %.0f |" % (label, mean, half))
    return "\n".join(lines)


def per_call_target(figures, dropped):
    mean, half = figures["per-call"]
    ok = mean + half <= PER_CALL_TARGET_NS and dropped[0] == 0
    return ("- application thread's cost per instrumented call (advice and record, probe off) under %d ns, "
            "the 99.9%% interval's upper end: %s (%.0f ± %.0f ns; %d of %d calls dropped by the full ring)"
            % (PER_CALL_TARGET_NS, "**met**" if ok else "**not met**", mean, half, dropped[0], dropped[1]))


def per_call_section(args, jmh):
    figures, dropped, took = jmh
    if not dropped:
        return []
    forks, batches, millis = args.jmh
    return [
        "The application thread's cost per instrumented call, measured with JMH (`agent/bench`, PerCallCost; "
        "took %.0f s): FileChannel.write of 1 byte to /dev/null at position 0 in forks without the agent and "
        "with it (`exporter=none,probe=off`), %d of each, taken in turn; %d batches of 512 calls to warm up "
        "and %d measured per fork, each batch begun once the correlator has taken the one before, so that "
        "every call is recorded. Then what the advice calls, alone: %d fork%s of 5 iterations of %d ms. "
        "Means, ± the half-width of JMH's 99.9%% confidence interval (of the difference: the two combined)."
        % (took, forks, batches, batches, forks, "s" if forks > 1 else "", millis),
        "",
        per_call_table(figures),
        "",
    ]


def med(values):
    return statistics.median(values) if values else None


def machine():
    model, cpus = "?", str(os.cpu_count())
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "Model name":
                model = value.strip()
            elif key.strip() == "CPU(s)":
                cpus = value.strip()
    except OSError:
        pass
    jdk = subprocess.run([java(), "-version"], capture_output=True, text=True).stderr.splitlines()
    return model, cpus, jdk[1] if len(jdk) > 1 else jdk[0], platform.release()


def fmt_ops(v):
    return "%.0f" % v if v >= 100 else "%.1f" % v


def table(ops, ratio, start):
    lines = ["| workload | " + " | ".join(CONFIGS) + " |", "|---|" + "---:|" * len(CONFIGS)]
    for scenario, label in LOOPS:
        cells = []
        for config in CONFIGS:
            v, q = med(ops.get((scenario, config), [])), med(ratio.get((scenario, config), []))
            if config in STARTUP_ONLY or (config in IO_ONLY and scenario not in IO_LOOPS):
                cells.append("–")
            elif v is None and config in POLLING:
                cells.append("n/a")
            elif v is None:
                cells.append("error")
            else:
                cells.append(fmt_ops(v) if config == "untraced" else "%s (%.2fx)" % (fmt_ops(v), q))
        lines.append("| %s, ops/s | %s |" % (label, " | ".join(cells)))
    base = start.get("untraced")
    bw, br = (med([w for w, _ in base]), med([m for _, m in base])) if base else (None, None)
    for name, pick, unit in (("start-up, wall s", 0, "s"), ("start-up, peak RSS MiB", 1, "MiB")):
        cells = []
        for config in CONFIGS:
            runs = start.get(config)
            if config in IO_ONLY:
                cells.append("–")
                continue
            if not runs:
                cells.append("error")
                continue
            v = med([x[pick] for x in runs]) / (1 if pick == 0 else 1024)
            b = bw if pick == 0 else (br / 1024 if br else None)
            cells.append(("%.2f" if pick == 0 else "%.0f") % v if config == "untraced" or b is None
                         else ("%.2f (%+.2f)" if pick == 0 else "%.0f (%+.0f)") % (v, v - b))
        lines.append("| %s | %s |" % (name, " | ".join(cells)))
    return "\n".join(lines)


def recorded_table(recorded):
    agents = [c for c in CONFIGS if any((s, c) in recorded for s, _ in LOOPS)]
    lines = ["| workload | " + " | ".join(agents) + " |", "|---|" + "---:|" * len(agents)]
    for scenario, label in LOOPS:
        cells = [("%.1f%%" % (100 * med(recorded[(scenario, c)]))) if (scenario, c) in recorded else "–"
                 for c in agents]
        lines.append("| %s | %s |" % (label, " | ".join(cells)))
    return "\n".join(lines)


def targets(ops, ratio, start, recorded):
    def m(s, c):
        return med(ops.get((s, c), []))

    def verdict(ok):
        return "**met**" if ok else "**not met**"

    out = []
    pairs = ["%s %.1fx" % (s[len("bench-"):], m(s, "probe") / m(s, "strace -f")) for s in IO_LOOPS
             if m(s, "probe") and m(s, "strace -f")]
    ok = len(pairs) == len(IO_LOOPS) and all(m(s, "probe") >= 2 * m(s, "strace -f") for s in IO_LOOPS)
    out.append("- ptrace probe at least 2x the throughput of `strace -f` on every I/O loop: %s (%s)"
               % (verdict(ok), ", ".join(pairs)))
    for config, what in (("probe idle=halt", "the probe with `idle=halt` (idle CPUs halt, as for a non-root user)"),
                         ("strace -f polling", "`strace -f` with idle CPUs polling")):
        pairs = ["%s %.1fx" % (s[len("bench-"):], m(s, "probe") / m(s, config)) for s in IO_LOOPS
                 if m(s, "probe") and m(s, config)]
        if pairs:
            out.append("  - for comparison, not a target: the probe against %s: %s" % (what, ", ".join(pairs)))
    pairs, ok = [], True
    for s in IO_LOOPS:
        a, j = med(ratio.get((s, "probe off"), [])), med(ratio.get((s, "JFR"), []))
        if a is None or j is None:
            ok = False
            continue
        share = med(recorded.get((s, "probe off"), [])) or 0.0
        ok &= a >= j and share >= 1.0
        pairs.append("%s %.2fx vs %.2fx, %.1f%% of calls recorded" % (s[len("bench-"):], a, j, 100 * share))
    out.append("- agent with the probe off, recording every call, at least the ratio of JFR: %s (%s)"
               % (verdict(ok), ", ".join(pairs)))
    c = med(ratio.get(("bench-cpu", "probe"), []))
    out.append("- CPU-only loop at least 0.98x untraced with the probe on: %s (%s)"
               % (verdict(c is not None and c >= 0.98), "-" if c is None else "%.3fx" % c))
    base, agent = start.get("untraced"), start.get("probe")
    if base and agent:
        dw = med([w for w, _ in agent]) - med([w for w, _ in base])
        dr = (med([r for _, r in agent]) - med([r for _, r in base])) / 1024
        out.append("- start-up at most +0.3 s wall and +40 MiB peak RSS over a bare JVM (agent with the probe): "
                   "%s (%+.2f s, %+.0f MiB)" % (verdict(dw <= 0.3 and dr <= 40), dw, dr))
        cold = start.get("probe cache=off")
        if cold:
            out.append("  - for comparison, not a target: the first run after installing the agent or updating the "
                       "JDK, which weaves the JDK classes afresh (`cache=off`): %+.2f s, %+.0f MiB"
                       % (med([w for w, _ in cold]) - med([w for w, _ in base]),
                          (med([r for _, r in cold]) - med([r for _, r in base])) / 1024))
    return "\n".join(out)


COLORS = ["#888888", "#4e79a7", "#f28e2b", "#ffbe7d", "#f1ce63", "#e15759", "#ff9d9a", "#76b7b2", "#59a14f",
          "#b07aa1"]


def svg(ratio, start):
    """Horizontal bars: speed relative to untraced (throughput ratio; for start-up, untraced wall / wall)."""
    groups = [(label, {c: med(ratio.get((s, c), [])) for c in CONFIGS
                       if c not in STARTUP_ONLY and (c not in IO_ONLY or s in IO_LOOPS)})
              for s, label in LOOPS]
    base = start.get("untraced")
    if base:
        bw = med([w for w, _ in base])
        groups.append(("start-up (wall)", {c: bw / med([w for w, _ in start[c]]) for c in CONFIGS if start.get(c)}))
    bar, gap, left, width = 11, 14, 190, 460
    top = 40 + 16 * ((len(CONFIGS) + 3) // 4)
    height = top + sum(len(g) * bar + gap for _, g in groups) + 30
    scale = max([1.0] + [v for _, g in groups for v in g.values() if v]) * 1.02
    s = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">'
         % (left + width + 80, height),
         '<rect width="100%" height="100%" fill="white"/>',
         '<text x="10" y="18" font-size="13" font-weight="bold">Speed relative to untraced (median of rounds;'
         ' 1 = untraced; longer is better)</text>']
    for i, c in enumerate(CONFIGS):
        x, y = 10 + (i % 4) * 160, 34 + 16 * (i // 4)
        s.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d">%s</text>'
                 % (x, y - 9, COLORS[i], x + 14, y, c))
    y = top
    for label, g in groups:
        s.append('<text x="%d" y="%d" text-anchor="end" font-weight="bold">%s</text>'
                 % (left - 8, y + len(g) * bar / 2 + 4, label))
        for c in CONFIGS:
            if c not in g:
                continue
            v = g[c] or 0
            w = width * v / scale
            s.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/><text x="%.1f" y="%d">%.2f</text>'
                     % (left, y, w, bar - 2, COLORS[CONFIGS.index(c)], left + w + 3, y + bar - 3, v))
            y += bar
        y += gap
    x1 = left + width / scale
    s.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="black" stroke-dasharray="3,3"/>'
             % (x1, top - 4, x1, y - gap + 4))
    s.append('<text x="%.1f" y="%d" text-anchor="middle">1.0</text>' % (x1, y - gap + 16))
    s.append("</svg>")
    return "\n".join(s) + "\n"


def report(args, ops, ratio, start, recorded, errors, took, jmh):
    model, cpus, jdk, kernel = machine()
    chart = os.path.splitext(os.path.basename(args.out))[0] + ".svg"
    body = "\n".join([
        BEGIN,
        "Measured %s on %s (%s CPUs), Linux %s, %s; %d round%s of %s s after a %s s warm-up per run, "
        "%d start%s per configuration and round; the matrix took %.0f s (`python3 docs/benchmark.py%s`)."
        % (datetime.date.today().isoformat(), model, cpus, kernel, jdk, args.rounds, "s" if args.rounds > 1 else "",
           args.seconds, args.warmup, args.starts, "s" if args.starts > 1 else "", took,
           " --quick" if args.quick else ""),
        "",
        "Medians over the rounds; in brackets, the median of each round's ratio to the untraced run of the same "
        "round (throughput), or the difference to the untraced median (start-up).",
        "",
        table(ops, ratio, start),
        "",
        "![Speed relative to untraced, by workload and configuration](%s)" % chart,
        "",
    ] + per_call_section(args, jmh) + [
        "Targets of issue #8, as they stand in this run:",
        "",
        targets(ops, ratio, start, recorded) + ("\n" + per_call_target(jmh[0], jmh[1]) if jmh[1] else ""),
        "",
        "Share of the Java calls made that the agent recorded as spans (median of rounds). The rest were "
        "dropped because the thread's call buffer was full, and counted at exit and on the next span "
        "(docs/reliability.md): a loop making calls faster than the agent turns them into spans is recorded in part.",
        "",
        recorded_table(recorded),
        "",
    ] + (["Errors:", "", "```"] + errors + ["```", ""] if errors else []) + [END])
    old = open(args.out).read() if os.path.exists(args.out) else ""
    if BEGIN in old and END in old:
        text = old[:old.index(BEGIN)] + body + old[old.index(END) + len(END):]
    else:
        text = "# Performance\n\n" + body + "\n"
    with open(args.out, "w") as f:
        f.write(text)
    with open(os.path.join(os.path.dirname(args.out), chart), "w") as f:
        f.write(svg(ratio, start))


def main():
    p = argparse.ArgumentParser(description="syscall-lens overhead matrix (docs/performance.md)")
    p.add_argument("--quick", action="store_true", help="1 round, 0.2 s phases: proves the harness works")
    p.add_argument("--rounds", type=int)
    p.add_argument("--seconds", type=float, help="measured phase of each run (default 3)")
    p.add_argument("--warmup", type=float, help="warm-up phase of each run (default 1.5)")
    p.add_argument("--starts", type=int, help="start-up runs per configuration and round (default 3)")
    p.add_argument("--jmh", type=int, nargs=3, metavar=("FORKS", "BATCHES", "MILLIS"),
                   help="the per-call JMH run: forks of each kind, batches of 512 calls to warm up and to measure "
                        "per fork, milliseconds per iteration of the recording path (default 3 200 1000)")
    p.add_argument("--per-call-only", action="store_true",
                   help="run only the per-call JMH benchmark and print its figures; writes nothing")
    p.add_argument("--timeout", type=float, default=180, help="seconds before a run is killed")
    p.add_argument("--out", help="the page to write (default docs/performance.md; with --quick, a temporary file)")
    args = p.parse_args()
    q = args.quick
    args.rounds = args.rounds or (1 if q else 5)
    args.seconds = args.seconds or (0.2 if q else 3)
    args.warmup = args.warmup or (0.1 if q else 1.5)
    args.starts = args.starts or (1 if q else 3)
    args.jmh = args.jmh or ([1, 20, 100] if q else [3, 200, 1000])
    if not args.out:
        args.out = (os.path.join(tempfile.mkdtemp(prefix="syscall-lens-bench-out"), "performance.md") if q
                    else os.path.join(ROOT, "docs/performance.md"))
    for path in (AGENT, DEMO, PROBE, BENCH):
        if not os.path.exists(path):
            sys.exit("benchmark: %s missing: build first (mvn -B package -DskipTests)" % path)
    if args.per_call_only:
        figures, dropped, _, problem = per_call(args)
        if problem:
            sys.exit(problem)
        print(per_call_table(figures))
        print(per_call_target(figures, dropped))
        return
    ops, ratio, start, recorded, errors, took = measure(args)
    figures, dropped, jmh_took, problem = per_call(args)
    if problem:
        errors.append(problem)
    report(args, ops, ratio, start, recorded, errors, took, (figures, dropped, jmh_took))
    print("wrote %s (%.0f s)" % (args.out, took))
    for e in errors:
        print("error: " + e, file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
