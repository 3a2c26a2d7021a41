#!/bin/sh
# Start-up with a report loaded: the whole process of `fiscal -e :reports FILE` (decode and
# read the report, build the session, print one line, exit), timed from outside. It is the
# work the shell does before its first prompt. The goal is under 100 ms.
# Usage: Benchmarks/startup.sh [debug|release] [FILE]
set -e
cd "$(dirname "$0")/.."
config="${1:-release}"
file="${2:-Examples/wusheng-2020-决算.txt}"
swift build -c "$config" --product fiscal >/dev/null
bin=".build/$config/fiscal"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 -N "$bin -e :reports $file"
else
  # Twenty runs with the shell's clock; prints the median in milliseconds.
  for i in $(seq 20); do
    start=$(date +%s%N); "$bin" -e :reports "$file" >/dev/null; end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | sort -n | awk '{a[NR]=$1} END {print "median " a[int((NR+1)/2)] " ms over " NR " runs"}'
fi
