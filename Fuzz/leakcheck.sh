#!/usr/bin/env bash
# Leak check: nothing fiscal keeps may grow with the number of inputs it has read.
#
# Usage: Fuzz/leakcheck.sh [TARGET...]   (default: all five)
# Environment: LEAK_N (default 10): the runs read N and 10·N inputs;
#   LEAK_WORK (default .fuzz/leak: inputs and valgrind logs; not in git).
#
# Each target's replay executable (the plain `swift build --product NAME`, without libFuzzer)
# reads every input in one process under valgrind (`--leak-check=full`). Memory a process still
# reaches when it exits (caches, the Swift runtime's metadata) is no leak; memory nothing points
# to any more ("definitely lost", and what only lost blocks pointed to, "indirectly lost") is.
# A leak per input shows as about ten times the bytes in the 10·N run; the script prints both
# runs and exits 1 when definitely or indirectly lost memory grows from N to 10·N inputs, leaving
# out what globals' one-time initialisers allocated (listed in its own column; see once() below).
#
# Inputs: for FuzzNarrative the reports in Examples/ cut into pieces of about 8 KB of whole lines
# (each piece is read by detection, decoding and the narrative reader, then round-tripped through
# JSON); for FuzzTables the Shanghai tables likewise; for FuzzCSV the county example, its rows ten
# at a time under its header, and the reproducers' CSV files; for FuzzJSON the JSON seeds and
# reproducers; for FuzzQuery one statement per input, from Fuzz/seeds/query/ (each run against the
# county example in all four output modes). Where there are fewer inputs than asked, they repeat.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
((${#targets[@]})) || targets=(FuzzQuery FuzzNarrative FuzzTables FuzzCSV FuzzJSON)
n=${LEAK_N:-10}
work=${LEAK_WORK:-.fuzz/leak}
command -v valgrind >/dev/null || { echo "leakcheck: valgrind is not installed (apt-get install valgrind)" >&2; exit 3; }
export SWIFT_BACKTRACE=enable=no   # the backtracer's own allocations are not fiscal's

inputs() {  # inputs TARGET DIR: write the target's distinct inputs into DIR
  rm -rf "$2"; mkdir -p "$2"
  case $1 in
    FuzzNarrative)
      for f in Examples/*.txt Examples/corpus/jiangsu/*.txt Examples/corpus/shanghai-putuo/*.txt; do
        split -C 8192 -d -a 3 "$f" "$2/$(basename "$f" | md5sum | cut -c1-8)-"
      done ;;
    FuzzTables)
      for f in Examples/shanghai-putuo/*.txt Examples/corpus/shanghai-putuo/*.txt; do
        split -C 8192 -d -a 3 "$f" "$2/$(basename "$f" | md5sum | cut -c1-8)-"
      done ;;
    FuzzCSV)
      # the county example whole, then its rows ten at a time under its header, and the reproducers
      cp Examples/county-office-2019-2021.csv "$2/county"
      tail -n +2 Examples/county-office-2019-2021.csv | split -l 10 -d -a 3 - "$2/rows-"
      for f in "$2"/rows-*; do { head -1 Examples/county-office-2019-2021.csv; cat "$f"; } > "$f.csv"; rm "$f"; done
      for f in Tests/FiscalShellTests/Fixtures/repro/*.csv; do cp "$f" "$2/repro-$(basename "$f")"; done ;;
    FuzzJSON)
      for f in Fuzz/seeds/json/*.json Tests/FiscalShellTests/Fixtures/repro/*.json; do cp "$f" "$2/$(basename "$f")"; done ;;
    FuzzQuery)
      i=0
      cat Fuzz/seeds/query/* | grep -v '^[[:space:]]*\(--\|#\|:\|$\)' | while IFS= read -r line; do
        i=$((i + 1)); printf '%s\n' "$line" > "$2/$(printf '%04d' "$i")"
      done ;;
    *) echo "leakcheck: no inputs for $1" >&2; exit 2 ;;
  esac
}

lost() {  # lost KIND LOG: bytes of that kind in a valgrind log (0 when valgrind lists none)
  grep -o "$1 lost: [0-9,]* bytes" "$2" | tail -1 | grep -o '[0-9,]* bytes' | tr -d ', bytes' || true
}

# once KIND LOG: of those bytes, the ones a global's one-time initialiser allocated (a `_WZ` frame,
# run under swift_once) or the Swift runtime for a type's metadata (MetadataAllocator, once per type):
# a global is set up once per process whatever the number of inputs, and
# valgrind can take the pointers to it for lost (Swift keeps tag bits in spare pointer bits). A
# run of 10·N inputs reaches more code, so more globals, than a run of N: these bytes are listed
# apart and are no leak; what grows outside them is.
once() {
  python3 - "$1" "$2" <<'PY'
import re, sys
kind, log = sys.argv[1], open(sys.argv[2], errors="replace").read()
total = 0
for record in re.split(r"\n==\d+== \n", log):
    # "X (Y direct, Z indirect) bytes": the summary counts Y as definitely lost, Z as indirectly
    m = re.search(r"([\d,]+) (?:\(([\d,]+) direct, [\d,]+ indirect\) )?bytes in [\d,]+ blocks are " + kind + " lost", record)
    if m and re.search(r"_WZ \(|once_slow|MetadataAllocator::Allocate", record):
        total += int((m.group(2) or m.group(1)).replace(",", ""))
print(total)
PY
}

printf '%-14s %7s %10s %18s %18s %18s %22s\n' target inputs seconds "definitely lost" "indirectly lost" "possibly lost" "of which by globals"
failed=0
for t in "${targets[@]}"; do
  swift build --product "$t" 2>&1 | grep -E 'error|warning: unre' || true
  bin=$(swift build --show-bin-path)/$t
  inputs "$t" "$work/$t/inputs"
  mapfile -t all < <(ls -d "$work/$t/inputs"/* | sort)
  declare -A result=()
  for count in "$n" $((10 * n)); do
    files=()
    for ((i = 0; i < count; i++)); do files+=("${all[i % ${#all[@]}]}"); done
    log=$work/$t/valgrind-$count.log
    start=$(date +%s.%N)
    valgrind --leak-check=full --undef-value-errors=no --show-leak-kinds=definite,indirect,possible --num-callers=40 --log-file="$log" \
      "$bin" "${files[@]}" > "$work/$t/out-$count.txt" 2>&1 || { echo "leakcheck: $t failed on $count inputs; see $log" >&2; failed=1; }
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    definite=$(lost definitely "$log"); indirect=$(lost indirectly "$log"); possible=$(lost possibly "$log")
    globals=$(( $(once definitely "$log") + $(once indirectly "$log") ))
    # what is compared: definitely and indirectly lost bytes outside one-time initialisers
    result[$count]="$(( ${definite:-0} + ${indirect:-0} - globals ))"
    printf '%-14s %7d %10.1f %18s %18s %18s %22s\n' "$t" "$count" "$seconds" "${definite:-0} B" "${indirect:-0} B" "${possible:-0} B" "$globals B"
  done
  l1=${result[$n]} l10=${result[$((10 * n))]}
  if ((l10 > l1)); then
    echo "leakcheck: $t loses more memory after $((10 * n)) inputs than after $n: see $work/$t/valgrind-$((10 * n)).log"
    failed=1
  fi
  unset result
done
exit $failed
