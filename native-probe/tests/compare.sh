#!/bin/sh
# compare.sh [FLAGS...] -- PROGRAM ARGS...
# Runs PROGRAM under `strace -f FLAGS -o` and under `syscall-lens-probe -f FLAGS -o`, and diffs
# the lines of the syscalls the probe decodes in full. strace's <unfinished ...> / <... resumed>
# halves are joined into one line as the probe prints them; pid prefixes, addresses, inode
# numbers (socket:[N], TCP:[N], UNIX-STREAM:[N->M] ...) and -T times are masked; lines are sorted,
# as threads interleave differently. tests/differential.sh runs this comparison on the whole corpus.
# Exit status 0 when they match. Example: tests/compare.sh -y -- target/tests/hello_net 18100
here=$(cd "$(dirname "$0")/.." && pwd)
flags=
while [ $# -gt 0 ] && [ "$1" != "--" ]; do flags="$flags $1"; shift; done
shift
tmp=$(mktemp -d)
strace -f $flags -o "$tmp/strace.txt" "$@" >/dev/null 2>&1
"$here/target/syscall-lens-probe" -f $flags -o "$tmp/probe.txt" -- "$@" >/dev/null 2>&1
normalize() {
	DECODED=$("$here/target/syscall-lens-probe" --list-syscalls | awk '$3 == "decoded" { print $2 }') python3 - "$1" <<'PY'
import os, re, sys
calls = os.environ["DECODED"].split()
pending, out = {}, []
for raw in open(sys.argv[1]):
    m = re.match(r"(\d+) +(.*)", raw.rstrip("\n"))
    if not m:
        continue
    pid, text = m.groups()
    if text.endswith(" <unfinished ...>"):
        pending[pid] = text[: -len(" <unfinished ...>")]
        continue
    sup = re.match(r"\+\+\+ superseded by execve in pid (\d+)", text)
    if sup and sup.group(1) in pending:
        pending[pid] = pending.pop(sup.group(1))  # the execve resumes under the leader's pid
    r = re.match(r"<\.\.\. \w+ resumed>(.*)", text)
    if r:
        head = pending.pop(pid, "") + r.group(1)
        j = re.match(r"(.*\))\s*= (.*)$", head)
        text = j.group(1).ljust(33) + " = " + j.group(2) if j else head
    name = text.split("(", 1)[0]
    if name in calls or text.startswith("+++"):
        text = re.sub(r"0x[0-9a-f]{6,}", "ADDR", text)
        text = re.sub(r"([A-Za-z0-9/_-]+):\[\d+", r"\1:[INODE", text)
        text = re.sub(r"(UNIX[A-Z-]*:\[INODE)->\d+", r"\1->PEER", text)
        text = re.sub(r"NETLINK:\[([A-Z_]+):-?\d+\]", r"NETLINK:[\1:PORTID]", text)
        text = re.sub(r"/#\d+>", "/#INODE>", text)
        text = re.sub(r" <\d+\.\d+>$", " <T>", text)
        text = re.sub(r"in pid \d+", "in pid PID", text)
        out.append(text)
print("\n".join(sorted(out)))
PY
}
normalize "$tmp/strace.txt" >"$tmp/s"
normalize "$tmp/probe.txt" >"$tmp/p"
if diff -u "$tmp/s" "$tmp/p"; then
	echo "same: $(wc -l <"$tmp/s") lines (-f$flags $*)"
	rm -rf "$tmp"
else
	echo "DIFFERENT (-f$flags $*); files in $tmp"
	exit 1
fi
