#!/usr/bin/env bash
# Runs fiscal's libFuzzer targets. Usage:
#   Fuzz/run.sh SECONDS [TARGET...]     each target (default: all five) for SECONDS
# Environment: FUZZ_CONFIG=debug|release (default debug: builds faster, runs slower),
#   FUZZ_JOBS (default 1), FUZZ_WORK (default .fuzz: corpora, crashes, logs; not in git),
#   FUZZ_ASAN=1 to add AddressSanitizer (finds leaks and memory errors; slower),
#   FUZZ_SCRATCH (the build folder; default .build-fuzz, .build-fuzz-asan with ASan),
#   FUZZ_MAX_LEN (default 65536: the largest input libFuzzer makes),
#   FUZZ_TIMEOUT (default 10: seconds of wall-clock time one input may take; raise it on a
#   machine shared with other work, where wall time is several times CPU time),
#   FUZZ_CPU=1 (with FUZZ_JOBS=1: SECONDS counts the target's CPU time, not wall time: on a machine shared with
#   builds a wall-clock hour may be a quarter of an hour of fuzzing; the target is interrupted
#   once its user + system time reaches SECONDS, and the run is a success if nothing was found),
#   FUZZ_SEED (libFuzzer's -seed; default: random) and FUZZ_RUNS (stop after this many inputs
#   per target, as well as after SECONDS). With both set, a run is repeatable: CI uses them so
#   that it fails on a regression, never on the luck of a random mutation; long campaigns leave
#   them unset to explore.
# Seeds come from Examples/, Fuzz/seeds/ and the reproducers in Tests/FiscalShellTests/Fixtures/repro.
# A crash, leak or timeout leaves its input in $FUZZ_WORK/crashes/TARGET/ and makes the script
# exit 1; turn each into a regression test (docs/RELIABILITY.md says how).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: Fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
((${#targets[@]})) || targets=(FuzzNarrative FuzzTables FuzzCSV FuzzJSON FuzzQuery)
config=${FUZZ_CONFIG:-debug}
work=${FUZZ_WORK:-.fuzz}
repro=Tests/FiscalShellTests/Fixtures/repro
export SWIFT_BACKTRACE=enable=no   # else ASan reports end inside the Swift crash reporter

sanitizers=(--sanitize fuzzer)
scratch=${FUZZ_SCRATCH:-.build-fuzz}
if [ "${FUZZ_ASAN:-0}" = 1 ]; then sanitizers+=(--sanitize address); scratch=${FUZZ_SCRATCH:-.build-fuzz-asan}; fi
for t in "${targets[@]}"; do
  swift build -c "$config" --scratch-path "$scratch" --product "$t" "${sanitizers[@]}" -Xswiftc -DFUZZING 2>&1 | tail -1
done
bin=$scratch/$config
checked="crash or timeout"
[ "${FUZZ_ASAN:-0}" = 1 ] && checked="crash, leak, memory error or timeout"

seed() {  # seed TARGET: the files that start its corpus
  case $1 in
    FuzzNarrative) ls Examples/*.txt Examples/corpus/jiangsu/*.txt $repro/0[579]*.txt $repro/11-*.txt ;;
    FuzzTables) ls Examples/shanghai-putuo/*.txt Examples/corpus/shanghai-putuo/*.txt $repro/13-*.txt ;;
    FuzzCSV) ls Examples/*.csv $repro/*.csv ;;
    FuzzJSON) ls Fuzz/seeds/json/*.json $repro/*.json ;;
    FuzzQuery) ls Fuzz/seeds/query/* ;;
  esac
}

failed=0
jobs=()  # libFuzzer's -jobs writes fuzz-N.log files into the current folder: only when asked
[ "${FUZZ_JOBS:-1}" -gt 1 ] && jobs=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
for t in "${targets[@]}"; do
  corpus=$work/corpus/$t crashes=$work/crashes/$t
  mkdir -p "$corpus" "$crashes"
  seed "$t" | while read -r f; do
    cp "$f" "$corpus/seed-$(basename "$f" | md5sum | cut -c1-12)"
    # reports are 30-250 KB: pieces of about 8 KB (whole lines) let the fuzzer run many more
    # inputs per second; the whole files stay in the corpus too
    if [ "$t" != FuzzQuery ] && [ "$(stat -c %s "$f")" -gt 16384 ]; then
      split -C 8192 -d -a 3 "$f" "$corpus/piece-$(basename "$f" | md5sum | cut -c1-8)-"
    fi
  done
  # the query target reads statements one per line: give it each line as an input too
  if [ "$t" = FuzzQuery ]; then
    i=0; cat Fuzz/seeds/query/* | while IFS= read -r line; do i=$((i + 1)); printf '%s\n' "$line" > "$corpus/line-$i"; done
  fi
  log=$work/$t.log
  set +e
  repeat=()
  [ -n "${FUZZ_SEED:-}" ] && repeat+=(-seed="$FUZZ_SEED")
  [ -n "${FUZZ_RUNS:-}" ] && repeat+=(-runs="$FUZZ_RUNS")
  wall=$seconds
  [ "${FUZZ_CPU:-0}" = 1 ] && wall=$((seconds * 50))   # the CPU watch below stops it first
  "$bin/$t" "$corpus" "${repeat[@]}" -max_total_time="$wall" -timeout=${FUZZ_TIMEOUT:-10} -rss_limit_mb=4096 -max_len=${FUZZ_MAX_LEN:-65536} \
    "${jobs[@]}" -print_final_stats=1 -artifact_prefix="$crashes/" > "$log" 2>&1 &
  pid=$!
  interrupted=0
  if [ "${FUZZ_CPU:-0}" = 1 ]; then
    ticks=$(getconf CLK_TCK)
    while kill -0 "$pid" 2> /dev/null; do
      # fields 14 and 15 of /proc/PID/stat: user and system time in clock ticks (the command
      # name, field 2, has no spaces: it is the target's name)
      cpu=$(awk -v t="$ticks" '{print int(($14 + $15) / t)}' "/proc/$pid/stat" 2> /dev/null || echo 0)
      if [ "$cpu" -ge "$seconds" ]; then
        # SIGUSR1, not SIGINT: libFuzzer's SIGINT handler prints and allocates inside the
        # signal, and deadlocked on malloc's lock once (docs/RELIABILITY.md, fifth round); on
        # SIGUSR1 it sets a flag its loop reads between inputs, then prints its final statistics
        interrupted=1; kill -USR1 "$pid"
        for _ in $(seq 24); do kill -0 "$pid" 2> /dev/null || break; sleep 5; done
        kill -0 "$pid" 2> /dev/null && { echo "fuzz: $t did not stop 2 minutes after SIGUSR1: killed"; kill -KILL "$pid"; }
        break
      fi
      sleep 5
    done
  fi
  wait "$pid"
  status=$?
  # libFuzzer exits 0 after a graceful stop (72 after SIGINT), with its final statistics
  [ $interrupted = 1 ] && { [ $status = 0 ] || [ $status = 72 ]; } && status=0
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{s += $2} END {print s + 0}')
  # crash-, leak-, timeout- and oom- files are failures; slow-unit- files (an input over 10 s
  # that still finished) are only reported
  if [ $status -ne 0 ] || ls "$crashes" | grep -qE '^(crash|leak|timeout|oom)-'; then
    echo "fuzz: $t FAILED after $runs inputs (exit $status); see $log and $crashes/"
    grep -E 'ERROR|fuzz property failed|Fatal error' "$log" | head -5 || true
    failed=1
  elif ! grep -q 'INITED cov:' "$log"; then
    # A build without coverage instrumentation runs millions of inputs and learns nothing
    # (seen with --sanitize fuzzer --sanitize address): that is a failure, not a result. (Checked
    # after crashes: a seed that times out while the corpus loads also leaves no INITED line.)
    echo "fuzz: $t FAILED: the build has no coverage instrumentation (libFuzzer learned nothing in $runs inputs); see $log"
    failed=1
  else
    slow=$(ls "$crashes" | grep -c '^slow-unit-' || true)
    echo "fuzz: $t ran $runs inputs (limit ${seconds}s$( [ "${FUZZ_CPU:-0}" = 1 ] && echo " of CPU time")${FUZZ_RUNS:+ or $FUZZ_RUNS inputs}, $config), no $checked$( [ "$slow" -gt 0 ] && echo "; $slow slow input(s) kept in $crashes")"
  fi
done
exit $failed
