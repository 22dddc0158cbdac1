#!/bin/bash
# differential.sh [-v] [-j DEMO_JAR] [PROGRAM...]
#
# The probe against the real strace, line by line. Every program of the corpus (by default all
# of target/tests/, built by `make test`, and the Java demo's hello-file and io-tour when DEMO_JAR, by
# default ../demo-apps/target/demo-apps.jar, exists) runs under `strace -f MODE` and under
# `syscall-lens-probe -f MODE` for MODE in (none) -y -yy "-s 8", twice each. The lines are
# normalised (pid prefixes, pids, addresses, inodes, ephemeral ports masked; strace's
# <unfinished ...>/<... resumed> halves joined) and compared as sets of distinct lines, per mode:
#
#   - lines of syscalls the probe decodes (--list-syscalls) are compared; others are counted as
#     "not yet decoded";
#   - a line that only one of the two strace runs (or of the two probe runs) printed depends on
#     timing or on what the machine did meanwhile (JVM threads, /proc contents): it is left out;
#   - a difference is a line both strace runs printed and neither probe run did, or the reverse.
#
# Prints each difference, then "differential: N passed, M failed" (N: distinct lines equal,
# M: distinct lines that differ, strace's and the probe's each counted). Exit status 1 when M > 0.
# Needs bash, coreutils, awk, strace, and a JDK for the Java part. -v: print the compared lines.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
probe=$here/target/syscall-lens-probe
jar=$here/../demo-apps/target/demo-apps.jar
verbose=0
while getopts vj: o; do
	case $o in
	v) verbose=1 ;;
	j) jar=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
modes=("" "-y" "-yy" "-s 8")
runs=2
work=$(mktemp -d /tmp/differential.XXXXXX)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)

if [ ! -x "$probe" ] || ! command -v strace >/dev/null; then
	echo "differential: needs $probe (make) and strace" >&2
	exit 2
fi
"$probe" --list-syscalls | awk '$3 == "decoded" { print $2 }' >"$work/decoded"
# The Java demo: its I/O only (%file, %network, %desc), not the JVM's memory management, whose
# sizes follow its threads' timing.
"$probe" --list-syscalls | awk '$3 == "decoded" && $4 != "-" && $2 != "mmap" { print $2 }' >"$work/decoded.java"

# The corpus, one "name<TAB>kind<TAB>command" line each; kind says what the argument is, read
# from the usage line at the top of tests/NAME.c ("net_ops [PORT]: ...", "fmt_zoo DIR: ...").
corpus() {
	local prog name word
	if [ $# -gt 0 ]; then
		for prog in "$@"; do printf '%s\t%s\n' "$(basename "$prog")" "$(arg_kind "$(basename "$prog")")"; done
		return
	fi
	for prog in "$here"/target/tests/*; do
		[ -x "$prog" ] || continue
		name=$(basename "$prog")
		printf '%s\t%s\n' "$name" "$(arg_kind "$name")"
	done
	if [ -f "$jar" ] && command -v java >/dev/null; then
		printf 'java-hello-file\tjava\n'
		printf 'java-io-tour\tjava\n'
	fi
}

arg_kind() {
	local word
	word=$(sed -n "s/^\(\/\*\| \*\) *$1 \[\{0,1\}\([A-Z]*\).*/\2/p" "$here/tests/$1.c" 2>/dev/null | head -n1)
	case $word in
	*PORT*) echo port ;;
	DIR) echo dir ;;
	PATH) echo path ;;
	SECONDS) echo seconds ;;
	*) echo none ;;
	esac
}

# The command line of one run; every run of a (program, mode) pair gets the same arguments.
command_of() {
	local name=$1 kind=$2 port=$3 scratch=$4
	case $kind in
	java)
		case $name in
		# without its HttpClient part (see IoTour): it differs between two runs
		java-io-tour) echo "java -Xshare:auto -Dsyscall-lens.io-tour.http=false -jar $jar io-tour $scratch/io-tour" ;;
		*) echo "java -Xshare:auto -jar $jar hello-file $scratch/test.txt" ;;
		esac ;;
	port) echo "$here/target/tests/$name $port" ;;
	dir) echo "$here/target/tests/$name $scratch" ;;
	path) echo "$here/target/tests/$name $scratch/test.txt" ;;
	seconds) echo "$here/target/tests/$name 1" ;;
	*) echo "$here/target/tests/$name" ;;
	esac
}

# strace -o text to sorted distinct normalised lines, "D<TAB>line" (decoded) or "U<TAB>line".
# Plain awk (Debian's is mawk: no gensub, no {n,m}) joins the halves; sed -E masks.
normalise() {
	awk '
	{
		if (!match($0, /^[0-9]+ +/)) next
		pid = substr($0, 1, RLENGTH); sub(/ +$/, "", pid)
		text = substr($0, RLENGTH + 1)
		print "PID " pid
		if (text ~ / <unfinished \.\.\.>$/) { pending[pid] = substr(text, 1, length(text) - 17); next }
		if (text ~ /^\+\+\+ superseded by execve in pid [0-9]+/) {
			former = text; sub(/.* pid /, "", former); sub(/ .*/, "", former)
			print "PID " former
			if (former in pending) { pending[pid] = pending[former]; delete pending[former] }
		}
		if (match(text, /^<\.\.\. [a-z0-9_]+ resumed>/)) {
			if (!(pid in pending)) next
			text = pending[pid] substr(text, RLENGTH + 1); delete pending[pid]
		}
		if (text ~ /^---/) next
		print "LINE " text
	}' "$1" >"$work/joined"
	# every pid seen becomes PID wherever it shows (wait4, kill, a clone's return ...)
	sed -n 's/^PID \([0-9]*\)$/s\/\\<\1\\>\/PID\/g/p' "$work/joined" | sort -u >"$work/pids.sed"
	# The Java demo: fd numbers follow the JVM threads' timing; what it reads from /proc and
	# /sys (memory, CPU times) changes as it runs; its perf-data file is named after its pid,
	# which a line of another process (a forked child) does not get masked with; which classes
	# it reads from lib/modules, and when, follows its threads' timing too (the C corpus checks
	# pread64's decoding byte for byte).
	if [ "$2" = java ]; then
		cat >"$work/java.sed" <<-'EOF'
		s/(^|[^0-9])[0-9]+</\1FD</g
		s/hsperfdata_([A-Za-z0-9_]+)\/[0-9]+/hsperfdata_\1\/PID/g
		s/^(pread64\(FD<[^>]*\/lib\/modules>), "([^"\\]|\\.)*"(\.\.\.)?, [0-9]+, [0-9]+\) = [0-9]+$/\1, CLASS, N, OFFSET) = N/
		s/data=\{u32=[0-9]+, u64=[0-9]+\}/data={u32=N, u64=N}/g
		s/^(p?read(64)?\(FD<\/(proc|sys)\/[^>]*>), "([^"\\]|\\.)*"(\.\.\.)?/\1, CONTENTS/
		s/^(p?read(64)?\(FD<\/(proc|sys)\/[^>]*>, CONTENTS, [0-9]+\) =) [0-9]+$/\1 N/
		EOF
	else
		: >"$work/java.sed"
	fi
	sed -n 's/^LINE //p' "$work/joined" |
		sed -E -f "$work/pids.sed" \
			-e 's/\) +=( |$)/) =\1/' \
			-e 's/0x[0-9a-f]{6,}/ADDR/g' \
			-e 's/([A-Za-z0-9/_-]+):\[[0-9]+\]/\1:[INODE]/g' \
			-e 's/(UNIX[A-Z-]*):\[[0-9]+(->[0-9]+)?/\1:[INODE\2/g' \
			-e 's/(UNIX[A-Z-]*:\[INODE)->[0-9]+/\1->PEER/g' \
			-e 's/NETLINK:\[([A-Z_]+):-?[0-9]+\]/NETLINK:[\1:PORTID]/g' \
			-e 's/\/#[0-9]+>/\/#INODE>/g' \
			-e 's/htons\((3[2-9][0-9]{3}|[4-6][0-9]{4})\)/htons(EPHEMERAL)/g' \
			-e 's/:(3[2-9][0-9]{3}|[4-6][0-9]{4})(\]|->)/:EPHEMERAL\2/g' \
			-f "$work/java.sed" |
		awk -v decoded="$work/decoded" -v only="$work/decoded$([ "$2" = java ] && echo .java)" '
		BEGIN {
			while ((getline n < decoded) > 0) dec[n] = 1
			close(decoded) # the same file again for C programs
			while ((getline n < only) > 0) keep[n] = 1
		}
		{
			name = $0; sub(/\(.*/, "", name)
			if ((name in dec) && !(name in keep)) next
			print ((name in dec) || $0 ~ /^\+\+\+/ ? "D" : "U") "\t" $0
		}' | LC_ALL=C sort -u
}

run_one() { # tracer mode command output
	local tracer=$1 mode=$2 cmd=$3 out=$4 scratch=$5
	rm -rf "$scratch" && mkdir -p "$scratch"
	if [ "$tracer" = strace ]; then
		(cd "$scratch" && timeout 15 strace -f $mode -o "$out" $cmd) >/dev/null 2>&1 </dev/null
	else
		(cd "$scratch" && timeout 15 "$probe" -f $mode -o "$out" -- $cmd) >/dev/null 2>&1 </dev/null
	fi
}

: >"$work/equal"
: >"$work/differ"
: >"$work/undecoded"
m=0
# Ports below the ephemeral range, different for runs started at the same time on one machine.
port_base=$((10000 + $$ % 14 * 1500))
while IFS=$'\t' read -r name kind; do
	t0=$(date +%s)
	for mode in "${modes[@]}"; do
		m=$((m + 1))
		port=$((port_base + 20 * m))
		scratch=$work/scratch
		cmd=$(command_of "$name" "$kind" "$port" "$scratch")
		key="$name ${mode:-plain}"
		# Java: fd numbers depend on the JVM's threads' timing; only -y shows which is which.
		# What the JVM reads from /proc and /sys (memory, CPU times) changes as it runs.
		if [ "$kind" = java ]; then
			case $mode in -y*) ;; *) continue ;; esac
		fi
		# Interleaved, so content that drifts with time (/proc/stat) is seen by both or neither.
		for r in $(seq 1 $runs); do
			for tracer in strace probe; do
				run_one "$tracer" "$mode" "$cmd" "$work/raw" "$scratch"
				normalise "$work/raw" "$kind" >"$work/$tracer.$r"
			done
		done
		# per tracer: stable = in every run, seen = in any run
		for tracer in strace probe; do
			sort "$work/$tracer".[0-9]* | uniq -c | awk -v n=$runs '$1 == n' |
				sed 's/^ *[0-9]* //' >"$work/$tracer.stable"
			cat "$work/$tracer".[0-9]* | LC_ALL=C sort -u >"$work/$tracer.seen"
		done
		rm -f "$work"/strace.[0-9]* "$work"/probe.[0-9]*
		grep "^U" "$work/strace.stable" | sed "s|^U\t|${mode:-plain}\t|" >>"$work/undecoded"
		grep "^D" "$work/strace.stable" | LC_ALL=C sort >"$work/s"
		grep "^D" "$work/probe.stable" | LC_ALL=C sort >"$work/p"
		LC_ALL=C comm -12 "$work/s" "$work/p" | sed "s|^D\t|${mode:-plain}\t|" >>"$work/equal"
		{
			LC_ALL=C comm -23 "$work/s" "$work/probe.seen" | sed "s|^D\t|$key strace:\t|"
			LC_ALL=C comm -23 "$work/p" "$work/strace.seen" | sed "s|^D\t|$key probe: \t|"
		} >"$work/d"
		if [ -s "$work/d" ]; then
			cat "$work/d" >>"$work/differ"
		fi
	done
	[ $verbose = 1 ] && echo "$name: $(($(date +%s) - t0)) s" >&2
done < <(corpus "$@" | tee "$work/corpus")

LC_ALL=C sort -u "$work/equal" >"$work/equal.u"
LC_ALL=C sort -u "$work/undecoded" >"$work/undecoded.u"
LC_ALL=C sort -u -t$'\t' -k2 "$work/differ" >"$work/differ.u"
[ $verbose = 1 ] && cat "$work/equal.u"
if [ -s "$work/differ.u" ]; then
	echo "differences (program, mode, tracer: line):"
	cat "$work/differ.u"
fi
undecoded=$(wc -l <"$work/undecoded.u")
if [ "$undecoded" -gt 0 ]; then
	echo "not yet decoded (not compared): $undecoded distinct lines of" \
		"$(cut -f2 "$work/undecoded.u" | sed 's/(.*//' | LC_ALL=C sort -u | tr '\n' ' ')"
fi
echo "differential: corpus: $(cut -f1 "$work/corpus" | tr '\n' ' ')"
passed=$(wc -l <"$work/equal.u")
failed=$(cut -f2 "$work/differ.u" | LC_ALL=C sort -u | wc -l)
echo "differential: equal lines by mode: $(cut -f1 "$work/equal.u" | LC_ALL=C sort | uniq -c |
	awk '{ s = s (s == "" ? "" : ", ") $2 " " $1 } END { print s }'); $(($(date +%s) - start)) s"
echo "differential: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
