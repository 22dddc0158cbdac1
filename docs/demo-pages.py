#!/usr/bin/env python3
"""Writes docs/demos/NAME.md and docs/demos/README.md from the spans of real runs.

Called by docs/generate-demo-pages.sh with the directory of its runs: RUNS/NAME-17.jsonl and
RUNS/NAME-25.jsonl (the agent's file= output, OTLP JSON, one request per line), RUNS/NAME-17.out
(the demo's stdout) and RUNS/jdk17.version, RUNS/jdk25.version.

A demo's sides run on threads named after them (demo-apps' Sides). A side's rows are the
outermost calls on its thread, each with the syscalls it made, nested calls included, and the
calls on other threads linked to them (HttpClient's selector and worker threads).
"""
import datetime
import json
import sys
from collections import defaultdict
from pathlib import Path

# The JVM's own lock and memory bookkeeping, left out as in docs/api-syscalls.md.
NOISE = {"futex", "mprotect", "madvise", "sched_yield", "gettid", "sysinfo", "getrusage",
         "rt_sigreturn", "restart_syscall"}

# name: (title, what it does and why it matters, [(side thread, what the side does)])
DEMOS = {
    "buffered-vs-unbuffered": (
        "Unbuffered vs buffered stream writes",
        "Writes bytes one at a time: 1,000 straight to a `FileOutputStream`, then 100,000 through a "
        "`BufferedOutputStream` over one. Every `FileOutputStream.write(int)` is a system call of "
        "its own, so an unbuffered stream pays a kernel round trip per byte; the buffer turns them "
        "into one `write` per 8 KiB (its default size) and one more at `close`. The unbuffered side "
        "stays at 1,000 calls to keep its tree short; a much longer loop of cheap calls can outrun the "
        "agent (it holds at most 262,144 calls of a thread waiting to become spans; the rest are "
        "dropped and counted).",
        [("unbuffered", "1,000 × `FileOutputStream.write(int)`"),
         ("buffered", "100,000 × `BufferedOutputStream.write(int)` (8 KiB buffer) over a `FileOutputStream`")]),
    "read-all-vs-loop": (
        "Files.readAllBytes vs a read loop",
        "Reads one 1 MiB file whole, twice: with `Files.readAllBytes`, then with a loop of "
        "`FileInputStream.read` into an 8 KiB array. `readAllBytes` asks for the size first and "
        "reads the file in one `read` (and one more that returns 0 at the end); the loop makes a "
        "`read` per 8 KiB. Both move the same bytes: the difference is the number of trips into the kernel.",
        [("read-all", "`Files.readAllBytes`"),
         ("read-loop", "`new FileInputStream`, `read(byte[8192])` until -1, `close`")]),
    "transfer-vs-copy": (
        "transferTo vs a read/write copy",
        "Copies one 1 MiB file twice: with `FileChannel.transferTo`, then with a loop that reads "
        "8 KiB into an array and writes it out. `transferTo` lets the kernel copy the file without "
        "the bytes ever reaching the JVM (`sendfile` on JDK 17, `copy_file_range` on later JDKs); "
        "the loop makes a `read` and a `write` per 8 KiB and copies every byte into the Java heap and back.",
        [("transfer-to", "`FileChannel.open` ×2, `transferTo` until done, `close` ×2"),
         ("read-write", "`FileInputStream.read(byte[8192])` / `FileOutputStream.write` until -1")]),
    "mmap-vs-read": (
        "Memory-mapped vs read",
        "Sums the bytes of one 1 MiB file twice: through a read-only `MappedByteBuffer` from "
        "`FileChannel.map`, then with `FileChannel.read` into a 64 KiB direct buffer. The mapping is "
        "one `mmap`; after that the loop's reads of the buffer are page faults, which are not system "
        "calls, so the mapped side shows no `read` at all. The read side makes one `read` per 64 KiB.",
        [("map", "`FileChannel.open`, `map(READ_ONLY)`, sum every byte, `close`"),
         ("read", "`FileChannel.open`, `read` into a 64 KiB direct buffer until -1, `close`")]),
    "dir-walk": (
        "A directory walk",
        "Walks a fixed tree with `Files.walk`: a root holding 4 directories of 8 empty files, 37 "
        "entries in all. The walk stats every entry (`Files.readAttributes`, one `statx` each) to "
        "know whether to go into it, and opens each directory (`Files.newDirectoryStream`). The "
        "`getdents64` calls that read the directories' entries happen as the stream is consumed, in "
        "the directory stream's iterator, which is not a traced call: they are among the syscalls "
        "between calls.",
        [("walk", "`Files.walk(root).count()`")]),
    "http-get": (
        "HttpClient GET against a local server",
        "Two GETs of a 16 KiB body with one `java.net.http.HttpClient` (HTTP/1.1) from a "
        "`com.sun.net.httpserver` server in the same process, on loopback. The first opens the "
        "connection, the second reuses it from the client's pool. `HttpClient.send` runs on the "
        "caller's thread, but the client does most of the socket I/O on its own threads (its "
        "`SelectorManager`, its workers): those calls are spans on their threads, linked to the "
        "`send` they served, and listed here with their thread. Which worker thread writes the "
        "request, and how many reads the body takes, change from run to run.",
        [("first-get", "`HttpClient.send` (new connection)"),
         ("second-get", "`HttpClient.send` (pooled connection)")]),
    "udp-echo": (
        "A UDP echo",
        "A `DatagramSocket` client sends 10 datagrams of 512 bytes to a `DatagramSocket` echo "
        "server in the same process on loopback, each after the previous echo came back. Since "
        "JDK 15 `DatagramSocket` is built on `DatagramChannel` (the nested calls), and each "
        "datagram is one system call each way: no stream, no buffering.",
        [("udp-server", "`bind`, 10 × (`receive`, `send` back), `close`"),
         ("udp-client", "`bind`, 10 × (`send`, `receive` the echo), `close`")]),
    "selector-echo": (
        "A non-blocking Selector echo server",
        "One thread serves a connection with a `Selector`: a non-blocking `ServerSocketChannel`, "
        "`select`, `accept`, then `read` and write back whatever each readiness brings, until the "
        "client closes. A blocking `SocketChannel` client sends 10 messages of 100 bytes, each after "
        "the previous echo. On Linux the `Selector` is epoll: registrations become `epoll_ctl` "
        "(made by the next `select`, not by `register`) and each `select` one `epoll_wait`.",
        [("selector-server", "`Selector.open`, `ServerSocketChannel` bind/register, `select` loop: accept, read, write"),
         ("echo-client", "`SocketChannel.open(address)`, 10 × (`write` 100 bytes, `read` the echo), `close`")]),
}


def load(path):
    spans = []
    for line in Path(path).read_text().splitlines():
        if not line.strip():
            continue
        for rs in json.loads(line)["resourceSpans"]:
            for ss in rs["scopeSpans"]:
                for s in ss["spans"]:
                    attrs = {a["key"]: next(iter(a["value"].values())) for a in s.get("attributes", [])}
                    spans.append({"id": s["spanId"], "parent": s.get("parentSpanId", ""), "name": s["name"],
                                  "start": int(s["startTimeUnixNano"]), "a": attrs,
                                  "links": [l["spanId"] for l in s.get("links", [])]})
    spans.sort(key=lambda s: s["start"])
    return spans


class Run:
    def __init__(self, spans):
        self.spans = spans
        self.by_id = {s["id"]: s for s in spans}
        self.kids = defaultdict(list)
        for s in spans:
            if s["parent"]:
                self.kids[s["parent"]].append(s)

    def syscalls(self, call):
        """The syscall names under a call, nested calls' included, in order; and how many were not exported."""
        out, omitted = [], int(call["a"].get("syscall_lens.syscall.omitted", 0))
        for k in self.kids[call["id"]]:
            if "syscall.name" in k["a"]:
                out.append((k["start"], k["name"]))
            else:
                sub, om = self.syscalls(k)
                out.extend(sub)
                omitted += om
        out.sort()
        return out, omitted

    def nested(self, call):
        names = []
        for k in self.kids[call["id"]]:
            if "syscall.name" not in k["a"]:
                names.append(k["name"])
                names.extend(self.nested(k))
        return names

    def io_bytes(self, call):
        if "syscall_lens.io.bytes" in call["a"]:
            return int(call["a"]["syscall_lens.io.bytes"])
        return sum(self.io_bytes(k) for k in self.kids[call["id"]] if "syscall.name" not in k["a"])

    def side(self, thread):
        """Rows of one side: [(row label, [calls])] in order of first call; and the side's totals."""
        own = [s for s in self.spans if "syscall.name" not in s["a"] and s["a"].get("thread.name") == thread
               and (not s["parent"] or self.by_id.get(s["parent"], {}).get("a", {}).get("thread.name") != thread)]
        ids = {s["id"] for s in own}
        linked = [s for s in self.spans if "syscall.name" not in s["a"] and s["a"].get("thread.name") != thread
                  and (ids & set(s["links"]) or any(s["id"] in o["links"] for o in own))]
        if not own or any(s["a"].get("thread.name", "").startswith("tid ") for s in linked):
            # A side with no calls, or a linked thread the agent could no longer name: a bad run.
            sys.exit(f"side {thread}: {len(own)} calls, linked threads "
                     f"{sorted({s['a'].get('thread.name') for s in linked})}")
        rows = {}
        for s in sorted(own + linked, key=lambda s: s["start"]):
            label = f"`{s['name']}`"
            if s["a"].get("thread.name") != thread:
                label += f" on {s['a'].get('thread.name')} (linked)"
            rows.setdefault(label, []).append(s)
        between = sum(int(s["a"].get("syscall_lens.syscalls.outside_before", 0)) for s in own[1:])
        return rows, between


def collapse(names):
    out = []
    for n in names:
        if out and out[-1][0] == n:
            out[-1][1] += 1
        else:
            out.append([n, 1])
    return " ".join(n if c == 1 else f"{n} ×{c}" for n, c in out)


def cell(run, calls):
    seq, each, omitted, noise, nested = [], [], 0, 0, []
    for c in calls:
        sc, om = run.syscalls(c)
        omitted += om
        mine = [n for _, n in sc if n not in NOISE]
        noise += len(sc) - len(mine)
        seq.extend(mine)
        each.append(mine)
        nested.extend(run.nested(c))
    b = sum(run.io_bytes(c) for c in calls)
    text = plural(len(calls), "call")
    if b:
        text += f", {b} bytes"
    if len(calls) > 1 and len(each[0]) > 1 and all(e == each[0] for e in each):
        text += ", each: " + collapse(each[0])
    else:
        text += ": " + (collapse(seq) or "(none)")
    if omitted:
        text += f" (+{omitted} not exported)"
    if nested:
        text += f"<br>nested: {collapse(nested)}"
    return text, {"calls": len(calls), "syscalls": len(seq) + omitted, "bytes": b, "noise": noise}


def totals_text(t):
    per = f"{t['bytes'] / t['syscalls']:.0f}" if t["bytes"] and t["syscalls"] else "—"
    return t, (f"{plural(t['calls'], 'call')}, {plural(t['syscalls'], 'syscall')}, {t['bytes']} bytes, "
               f"{per} bytes per syscall")


def plural(n, word):
    return f"{n} {word}" + ("" if n == 1 else "s")


def side_table(runs, thread):
    """Markdown lines for one side, and each JDK's totals."""
    per_jdk = [r.side(thread) for r in runs]
    labels = []
    for rows, _ in per_jdk:
        for label in rows:
            if label not in labels:
                labels.append(label)
    lines = ["| Java call | JDK 17 | JDK 25 |", "|---|---|---|"]
    totals = [{"calls": 0, "syscalls": 0, "bytes": 0, "noise": 0} for _ in runs]
    for label in labels:
        cells = []
        for i, (run, (rows, _)) in enumerate(zip(runs, per_jdk)):
            if label in rows:
                text, t = cell(run, rows[label])
                for k in t:
                    totals[i][k] += t[k]
                cells.append(text)
            else:
                cells.append("—")
        lines.append(f"| {label} | {cells[0]} | {cells[1]} |")
    summary = [totals_text(t)[1] for t in totals]
    lines.append(f"| **all** | **{summary[0]}** | **{summary[1]}** |")
    lines.append(f"| between its calls | {plural(per_jdk[0][1], 'syscall')} | {plural(per_jdk[1][1], 'syscall')} |")
    lines.append(f"| left out (futex, mprotect, ...) | {totals[0]['noise']} | {totals[1]['noise']} |")
    return lines, totals


def main():
    runs_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    v17 = (runs_dir / "jdk17.version").read_text().strip()
    v25 = (runs_dir / "jdk25.version").read_text().strip()
    generated = f"Generated by `docs/generate-demo-pages.sh` on {today} from real runs; do not edit by hand."
    index = ["# Demos", "", generated, "",
             "Each demo is one command, compares two ways of doing the same I/O (or shows one), and has a",
             "page with the syscalls each side made, on JDK 17 and JDK 25. The numbers per side: Java",
             "calls (outermost, plus the calls linked to them on other threads), syscalls (the JVM's own",
             "futex, mprotect, madvise left out), and bytes moved per syscall.", "",
             f"- JDK 17: {v17}", f"- JDK 25: {v25}", "",
             "| demo | side | JDK 17 | JDK 25 |", "|---|---|---|---|"]
    for name, (title, about, sides) in DEMOS.items():
        runs = [Run(load(runs_dir / f"{name}-{v}.jsonl")) for v in ("17", "25")]
        stdout = (runs_dir / f"{name}-17.out").read_text().strip()
        page = [f"# {name}: {title}", "", generated, "", about, "", "```sh",
                f"java -javaagent:agent/target/syscall-lens-agent.jar -jar demo-apps/target/demo-apps.jar {name}",
                "```", "", "It prints:", "", "```", stdout, "```", "",
                "Each side runs on a thread named after it, after a warm-up run of both on a thread named",
                "`warm-up` (first use of a JDK class loads it, with syscalls of its own). Each row is a",
                "Java call the side made (outermost; its nested calls' syscalls included), how many times,",
                "the bytes it moved, and its syscalls in order, `×N` for N in a row. *Between its calls*",
                "counts the syscalls the thread made outside any traced call after its first one.", "",
                f"- JDK 17: {v17}", f"- JDK 25: {v25}"]
        for thread, what in sides:
            lines, totals = side_table(runs, thread)
            page += ["", f"## `{thread}`: {what}", ""] + lines
            index.append(f"| [{name}]({name}.md) | `{thread}` | {totals_text(totals[0])[1]} | {totals_text(totals[1])[1]} |")
        (out_dir / f"{name}.md").write_text("\n".join(page) + "\n")
    (out_dir / "README.md").write_text("\n".join(index) + "\n")


if __name__ == "__main__":
    main()
