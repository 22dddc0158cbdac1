#!/usr/bin/env bash
# Regenerates docs/demos/ (one page per comparison demo, and README.md indexing them) from real
# runs: each demo under the agent with exporter=file, on JDK 17 and on JDK 25; docs/demo-pages.py
# reads the exported spans and writes the pages. Run after `mvn package`, from the project root:
#   bash docs/generate-demo-pages.sh [JDK17_HOME] [JDK25_HOME]
set -euo pipefail
cd "$(dirname "$0")/.."
jdk17=${1:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
jdk25=${2:-/usr/lib/jvm/temurin-25-jdk-amd64}
agent=agent/target/syscall-lens-agent.jar
demo=demo-apps/target/demo-apps.jar
demos="buffered-vs-unbuffered read-all-vs-loop transfer-vs-copy mmap-vs-read dir-walk http-get udp-echo selector-echo"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for v in 17 25; do
  home=$([ "$v" = 17 ] && echo "$jdk17" || echo "$jdk25")
  "$home/bin/java" -version 2>&1 | head -1 > "$work/jdk$v.version"
  for name in $demos; do
    "$home/bin/java" -javaagent:"$agent"=exporter=file,file="$work/$name-$v.jsonl" -jar "$demo" "$name" \
        > "$work/$name-$v.out" 2> "$work/$name-$v.err" || { cat "$work/$name-$v.err" >&2; exit 1; }
    # The agent's summary at exit: a run that lost calls or syscalls would give wrong pages.
    if grep -q 'dropped (call buffer full)\|[1-9][0-9]* dropped$' "$work/$name-$v.err"; then
      echo "$name on JDK $v lost records:" >&2; cat "$work/$name-$v.err" >&2; exit 1
    fi
  done
done
python3 docs/demo-pages.py "$work" docs/demos
echo "wrote docs/demos/ ($(ls docs/demos | wc -l) pages)"
