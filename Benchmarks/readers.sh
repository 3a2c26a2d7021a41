#!/usr/bin/env bash
# Reader throughput from 50 KB to 50 MB: every reader must be linear in its input, so MB/s
# stays flat as the input grows (issue 11). For each format an input of about 50 KB, 500 KB,
# 5 MB and 50 MB is made from the bundled examples, loaded with `fiscal -e 'facts | count'`
# (release build), and timed in CPU seconds; each format's fixed cost, measured on its
# first 20 lines, is subtracted.
# Then a folder of 200 different-but-similar narrative reports (Benchmarks/narrative_corpus.py:
# the seed and the Jiangsu narratives with another body and other amounts each) is loaded the
# same way: issue 16 asks ≥ 5 MB/s per core, that is MB over CPU seconds.
# Usage: Benchmarks/readers.sh [SIZES_KB...]   (default: 50 500 5000 50000)
# Environment: FISCAL_BIN to time a binary already built; NARRATIVE_RESULT=LABEL to write the
# narrative figures to Benchmarks/results/narrative-LABEL.json (compare.py --doc-only puts them
# in docs/PERFORMANCE.md); FISCAL_COMMIT to record the commit FISCAL_BIN was built from (else
# HEAD); NARRATIVE_REPORTS for another folder size.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
((${#sizes[@]})) || sizes=(50 500 5000 50000)
if [ -z "${FISCAL_BIN:-}" ]; then
  swift build -c release --product fiscal >/dev/null
  FISCAL_BIN=.build/release/fiscal
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

repeat_to() {  # repeat_to SRC BYTES OUT [HEADER_LINES]: OUT is SRC repeated to about BYTES
  local src=$1 bytes=$2 out=$3 header=${4:-0}
  python3 - "$src" "$bytes" "$out" "$header" <<'PY'
import sys
src, size, out, header = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
lines = open(src, encoding='utf-8').read().splitlines(keepends=True)
head, body = lines[:header], lines[header:]
text = ''.join(body)
n = max(1, size // max(1, len(text.encode())))
with open(out, 'w', encoding='utf-8') as f:
    f.write(''.join(head))
    if header:  # CSV: make each copy's rows distinct (another year) so reports do not merge
        for i in range(n):
            f.write(text.replace(',2019,', ',%d,' % (1900 + i % 300)))
    else:
        f.write(text * n)
PY
}

json_model() {  # json_model BYTES OUT: a canonical JSON model of the county example's facts, repeated
  python3 - Examples/county-office-2019-2021.csv "$1" "$2" <<'PY'
import csv, json, sys
src, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = list(csv.DictReader(open(src, encoding='utf-8')))
facts = [{"statement": r["statement"], "item": r["item"], "code": r["code"] or None, "amount": r["amount"],
          "span": {"file": src, "line": i + 2, "start": 1, "end": 2}} for i, r in enumerate(rows)]
one = len(json.dumps(facts, ensure_ascii=False).encode())
reports = [{"entity": "示例%d" % k, "year": 2020, "phase": "决算", "unit": "万元", "source": src, "facts": facts}
           for k in range(max(1, size // one))]
open(out, 'w', encoding='utf-8').write(json.dumps({"fiscal": "model", "version": 1, "reports": reports}, ensure_ascii=False))
PY
}

# CPU seconds (user + system) of one load: steadier than wall time on a shared machine.
# (A load that fails, as a 20-line prefix may, still measures the fixed cost.)
seconds() { { /usr/bin/time -f '%U %S' "$FISCAL_BIN" -e 'facts | count' "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{print $1 + $2}'; }

# The fixed cost of each format (start-up, catalogs, a first small file) is measured on a
# 20-line input of that format and subtracted, so MB/s is the reader's own rate.
declare -A base
for pair in "narrative:Examples/wusheng-2020-决算.txt" "tables:Examples/shanghai-putuo/01_普陀区财政局_2024_部门决算.txt" "csv:Examples/county-office-2019-2021.csv"; do
  head -n 20 "${pair#*:}" > "$work/base.${pair%%:*}"
  base[${pair%%:*}]=$(seconds --format "${pair%%:*}" "$work/base.${pair%%:*}")
done
json_model 2000 "$work/base.json"
base[json]=$(seconds --format json "$work/base.json")
echo "fixed cost per format (CPU s, subtracted below): narrative ${base[narrative]}, tables ${base[tables]}, csv ${base[csv]}, json ${base[json]}"
printf '%-10s %10s %9s %9s\n' format size 'CPU s' MB/s
narrative_rows=()
rates=()
for kb in "${sizes[@]}"; do
  bytes=$((kb * 1000))
  repeat_to Examples/wusheng-2020-决算.txt $bytes "$work/n.txt"
  repeat_to "Examples/shanghai-putuo/01_普陀区财政局_2024_部门决算.txt" $bytes "$work/t.txt"
  repeat_to Examples/county-office-2019-2021.csv $bytes "$work/c.csv" 1
  json_model $bytes "$work/j.json"
  for pair in "narrative:$work/n.txt" "tables:$work/t.txt" "csv:$work/c.csv" "json:$work/j.json"; do
    name=${pair%%:*} file=${pair#*:}
    size=$(stat -c %s "$file")
    s=$(seconds --format "$name" "$file")
    awk -v n="$name" -v b="$size" -v s="$s" -v z="${base[$name]}" 'BEGIN { t = s - z; if (t < 0.001) t = 0.001; printf "%-10s %9.1fK %9.2f %9.2f\n", n, b / 1000, s, b / 1e6 / t }'
    [ "$name" = narrative ] && narrative_rows+=("$size $s")
    rates+=("$name:$size:$(awk -v b="$size" -v s="$s" -v z="${base[$name]}" 'BEGIN { t = s - z; if (t < 0.001) t = 0.001; print b / 1e6 / t }')")
  done
done

# Linear or not: a format whose largest input reads at less than half the MB/s of the input ten
# times smaller is flagged (6a42876 read 50 MB of narrative at 0.18 MB/s against 2.14 at 5 MB:
# every prior year derived copied the report's facts).
python3 - "${rates[@]}" <<'PY'
import sys, collections
by = collections.defaultdict(list)
for r in sys.argv[1:]:
    name, size, mbps = r.split(':')
    by[name].append((float(size), float(mbps)))
for name, rows in by.items():
    rows.sort()
    if len(rows) >= 2 and rows[-1][1] < rows[-2][1] / 2:
        print('NOT LINEAR: %s reads %.1f MB at %.2f MB/s, %.1f MB at %.2f MB/s' % (name, rows[-1][0] / 1e6, rows[-1][1], rows[-2][0] / 1e6, rows[-2][1]))
PY

# The folder: CPU seconds (all cores) and wall seconds of one load, the fixed cost subtracted once.
folder="$work/folder"
reports=${NARRATIVE_REPORTS:-200}
folder_bytes=$(python3 Benchmarks/narrative_corpus.py "$folder" "$reports" | tail -1)
# Three loads, the one of least CPU kept: a shared machine's noise only ever adds time.
read -r folder_cpu wall < <(for _ in 1 2 3; do
  { /usr/bin/time -f '%U %S %e' "$FISCAL_BIN" -e 'facts | count' --format narrative "$folder" 2>&1 >/dev/null || true; } | tail -1 |
    awk '{ print $1 + $2, $3 }'
done | sort -n | head -1)
awk -v r="$reports" -v b="$folder_bytes" -v c="$folder_cpu" -v w="$wall" -v z="${base[narrative]}" 'BEGIN {
  t = c - z; if (t < 0.001) t = 0.001
  printf "narrative folder of %d reports, %.1f MB: %.2f CPU s, %.2f s wall, %.2f MB/s per core\n", r, b / 1e6, c, w, b / 1e6 / t }'

if [ -n "${NARRATIVE_RESULT:-}" ]; then
  mkdir -p Benchmarks/results
  python3 - "$NARRATIVE_RESULT" "${base[narrative]}" "$reports" "$folder_bytes" "$folder_cpu" "$wall" "${FISCAL_COMMIT:-$(git rev-parse --short HEAD)}" "${narrative_rows[@]}" <<'PY'
import json, os, sys, time
label, fixed, reports, fbytes, fcpu, fwall, commit = sys.argv[1:8]
rows = [r.split() for r in sys.argv[8:]]
def mbps(b, s):
    return round(b / 1e6 / max(s - float(fixed), 0.001), 2)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
result = {
    "label": label, "commit": commit, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    "machine": {"cpu": cpu, "cores": os.cpu_count(), "load_average_before": os.getloadavg()[0]},
    "fixed_cpu_s": float(fixed),
    "single_file": [{"bytes": int(b), "cpu_s": float(s), "mb_per_s": mbps(int(b), float(s))} for b, s in rows],
    "folder": {"reports": int(reports), "bytes": int(fbytes), "cpu_s": float(fcpu), "wall_s": float(fwall),
               "mb_per_s_per_core": mbps(int(fbytes), float(fcpu))},
}
path = os.path.join("Benchmarks", "results", "narrative-%s.json" % label)
json.dump(result, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
print("wrote", path)
PY
fi
