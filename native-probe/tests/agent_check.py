#!/usr/bin/env python3
"""agent_check.py - drives `syscall-lens-probe --agent` like the Java agent does and checks the stream.

    agent_check.py [--seconds S] [--expect-error] [--exclude-after S] [--stall S] PID
    agent_check.py --storm [--seconds S] [--threads N]

Starts the probe against PID, sends "go", decodes every record of protocol.h, then closes stdin
and expects BYE. Checks: HELLO first (protocol version 2), sane syscall records, heartbeats at
most ~SL_HEARTBEAT_MS apart and never going back, BYE last, exit status 0, and the ordering the
Java correlator relies on, both ways:
  - every syscall record's exit_ns is at most the now_ns of the next heartbeat;
  - no heartbeat before a syscall record says now_ns >= that record's exit_ns (the probe formats
    a record after resuming its thread; meanwhile heartbeats must not pass it).
--storm: the target is target/tests/storm, N threads (default 4) making syscalls as fast as they
can for the whole run, started here: the checks under load.
With --expect-error: exactly one ERROR record and exit status 2. Prints a summary; exit 1 on failure.
"""
import argparse, os, struct, subprocess, sys, threading, time

TARGET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target")
PROBE = os.path.join(TARGET, "syscall-lens-probe")
STORM = os.path.join(TARGET, "tests", "storm")
HELLO, SYSCALL, HEARTBEAT, ERROR, DROPPED, THREAD, BYE = range(1, 8)
NAMES = {1: "HELLO", 2: "SYSCALL", 3: "HEARTBEAT", 4: "ERROR", 5: "DROPPED", 6: "THREAD", 7: "BYE"}


def read_records(stream, out, stall):
    time.sleep(stall)  # an agent that does not read: the probe must drop, not block the target
    buf = b""
    while True:
        chunk = stream.read1(1 << 16)
        if not chunk:
            break
        buf += chunk
        while len(buf) >= 8:
            rtype, size = struct.unpack_from("=II", buf)
            assert size >= 8 and size % 8 == 0, f"bad record size {size}"
            if len(buf) < size:
                break
            out.append((time.monotonic_ns(), rtype, buf[8:size]))
            buf = buf[size:]
    assert not buf, f"{len(buf)} trailing bytes"


def decode(rtype, body):
    if rtype == HELLO:
        return dict(zip(("magic", "version", "probe_pid", "target_pid", "threads", "reserved", "now"),
                        struct.unpack_from("=IIiiIIQ", body)))
    if rtype == SYSCALL:
        # struct sl_rec_syscall after its header: 96 bytes, then name, args, ret, fd_target
        f = struct.unpack_from("=iiq6QQQHHHHiHH", body)
        r = dict(tid=f[0], nr=f[1], ret=f[2], args=f[3:9], enter=f[9], exit=f[10], flags=f[14], fd=f[15])
        lens = (f[11], f[12], f[13], f[16])
        text = body[96:96 + sum(lens)].decode("utf-8", "replace")
        at = 0
        for key, n in zip(("name", "args_text", "ret_text", "fd_target"), lens):
            r[key] = text[at:at + n]
            at += n
        return r
    if rtype == HEARTBEAT:
        return dict(zip(("now", "dropped_total"), struct.unpack_from("=QQ", body)))
    if rtype == ERROR:
        err, tracer, n, _ = struct.unpack_from("=iiII", body)
        return dict(err=err, tracer=tracer, message=body[16:16 + n].decode())
    if rtype == DROPPED:
        return dict(zip(("count", "now"), struct.unpack_from("=QQ", body)))
    if rtype == THREAD:
        return dict(zip(("tid", "event", "now"), struct.unpack_from("=iIQ", body)))
    if rtype == BYE:
        return dict(zip(("now", "syscalls", "dropped"), struct.unpack_from("=QQQ", body)))
    return {}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pid", type=int, nargs="?")
    ap.add_argument("--storm", action="store_true", help="trace target/tests/storm, started here")
    ap.add_argument("--threads", type=int, default=4, help="--storm: its threads")
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--expect-error", action="store_true")
    ap.add_argument("--own", type=int, default=0, help="list the target's last K threads on the go line")
    ap.add_argument("--stall", type=float, default=0, help="do not read the stream for the first S seconds")
    ap.add_argument("--exclude-after", type=float, default=0, help="send `exclude TID` for one thread after S seconds")
    a = ap.parse_args()
    storm = None
    if a.storm:
        storm = subprocess.Popen([STORM, str(int((a.seconds + 3) * 1000)), str(a.threads)])
        time.sleep(0.2)  # its threads are running
        a.pid = storm.pid
    elif a.pid is None:
        ap.error("PID or --storm")

    probe = subprocess.Popen([PROBE, "--agent", "-p", str(a.pid)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    records = []
    reader = threading.Thread(target=read_records, args=(probe.stdout, records, a.stall))
    reader.start()
    own = sorted(int(t) for t in os.listdir(f"/proc/{a.pid}/task"))[-a.own:] if a.own else []
    probe.stdin.write(("go" + "".join(f" {t}" for t in own) + "\n").encode())
    probe.stdin.flush()
    excluded = None
    if a.exclude_after:
        time.sleep(a.exclude_after)
        tids = sorted(int(t) for t in os.listdir(f"/proc/{a.pid}/task"))
        excluded = tids[-1]
        probe.stdin.write(f"exclude {excluded}\n".encode())
        probe.stdin.flush()
    time.sleep(max(0.0, a.seconds - a.exclude_after))
    probe.stdin.close()
    rc = probe.wait(timeout=10)
    reader.join()
    if storm:
        storm.wait(timeout=30)
    stderr = probe.stderr.read().decode()

    failures = []
    def check(ok, what):
        if not ok:
            failures.append(what)

    recs = [(t, rt, decode(rt, body)) for t, rt, body in records]
    counts = {}
    for _, rt, _ in recs:
        counts[NAMES.get(rt, rt)] = counts.get(NAMES.get(rt, rt), 0) + 1
    print("records:", counts, "exit status:", rc)
    if stderr:
        print("stderr:", stderr.strip())

    if a.expect_error:
        check(rc == 2, f"exit status {rc}, expected 2")
        check([rt for _, rt, _ in recs] == [ERROR], "expected exactly one ERROR record")
        if recs:
            print("error:", recs[0][2])
    else:
        check(rc == 0, f"exit status {rc}")
        check(recs and recs[0][1] == HELLO, "HELLO is not first")
        check(recs and recs[-1][1] == BYE, "BYE is not last")
        if recs and recs[0][1] == HELLO:
            h = recs[0][2]
            check(h["magic"] == 0x53594C50 and h["version"] == 2, f"bad HELLO {h}")
            check(h["target_pid"] == a.pid and h["threads"] > 0, f"bad HELLO {h}")
            print("hello:", h)
        beats = [r["now"] for _, rt, r in recs if rt == HEARTBEAT]
        check(len(beats) > 10, "too few heartbeats")
        gaps = sorted((b - a_) / 1e6 for a_, b in zip(beats, beats[1:]))
        if gaps:
            print(f"heartbeat gaps ms: median {gaps[len(gaps) // 2]:.2f}, p99 {gaps[int(len(gaps) * .99)]:.2f}, max {gaps[-1]:.2f}")
            check(all(g >= 0 for g in gaps), "heartbeat clock went back")
        # Watermark: a syscall record always precedes the first heartbeat later than its exit.
        last_exit, n_sys, bad = 0, 0, 0
        pending = []
        for _, rt, r in recs:
            if rt == SYSCALL:
                n_sys += 1
                if not (0 < r["enter"] <= r["exit"]):
                    bad += 1
                    print("bad stamps:", r["name"], r["tid"], r["enter"], r["exit"])
                pending.append(r)
            elif rt == HEARTBEAT:
                late = [p for p in pending if p["exit"] > r["now"]]
                if late:
                    bad += 1
                    print("heartbeat", r["now"], "before the exit of", [(p["name"], p["tid"], p["exit"] - r["now"]) for p in late])
                pending = []
        check(bad == 0, f"{bad} syscall records with bad stamps or after a later heartbeat")
        # In flight: a heartbeat sent while a record was being formatted must not pass it.
        last_beat, passed = 0, []
        for _, rt, r in recs:
            if rt == HEARTBEAT:
                last_beat = r["now"]
            elif rt == SYSCALL and last_beat >= r["exit"]:
                passed.append((r["name"], r["tid"], last_beat - r["exit"]))
        print(f"in-flight check: {n_sys} records, {len(passed)} passed by an earlier heartbeat")
        check(not passed, f"{len(passed)} records came after a heartbeat at or past their exit: {passed[:3]}")
        fds = [r for _, rt, r in recs if rt == SYSCALL and r["fd"] >= 0]
        blank = [r for r in fds if not r["fd_target"] and r["name"] in ("read", "write", "close", "openat")
                 and not r["flags"] & 1]
        check(not blank, f"{len(blank)} successful read/write/close/openat records without an fd target")
        if fds:
            print(f"fd targets: {len(fds)} records with an fd, e.g. fd {fds[0]['fd']} -> {fds[0]['fd_target']!r}")
        sc = [r for _, rt, r in recs if rt == SYSCALL]
        names = {}
        for r in sc:
            names[r["name"]] = names.get(r["name"], 0) + 1
        print("syscalls:", len(sc), "top:", sorted(names.items(), key=lambda kv: -kv[1])[:8])
        for r in sc:
            if r["name"] in ("openat", "write", "close"):
                print(f"  e.g. tid {r['tid']}: {r['name']}({r['args_text']}) = {r['ret_text']}")
                break
        threads = [r for _, rt, r in recs if rt == THREAD]
        print("thread records:", [(r["tid"], r["event"]) for r in threads][:6], "...")
        if excluded:
            check(any(r["tid"] == excluded and r["event"] == 3 for r in threads), f"no EXCLUDED record for {excluded}")
            after = [r for _, rt, r in recs if rt == SYSCALL and r["tid"] == excluded and
                     any(t["tid"] == excluded and t["event"] == 3 and t["now"] < r["exit"] for t in threads)]
            check(not after, f"{len(after)} syscalls of excluded thread {excluded} after EXCLUDED")
        if own:
            seen = {r["tid"] for _, rt, r in recs if rt in (SYSCALL, THREAD)}
            check(not seen & set(own), f"the go line's threads were traced: {seen & set(own)}")
            print("own threads never traced:", own)
        drops = sum(r["count"] for _, rt, r in recs if rt == DROPPED)
        if recs and recs[-1][1] == BYE:
            print("bye:", recs[-1][2], "dropped records reported:", drops)
            check(recs[-1][2]["dropped"] == drops, "BYE dropped count differs from the DROPPED records")
            check(recs[-1][2]["syscalls"] == n_sys, "BYE count differs from the records received")
    if failures:
        print("FAILED:", "; ".join(failures))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
