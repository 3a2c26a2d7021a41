#!/usr/bin/env python3
"""fiscal beside DuckDB and SQLite on the same synthetic facts, in the same run.

Generates fiscal's canonical CSV (3,000 entities, years 2016-2025, 540 项 codes under nine 类,
amounts to 0.01 万元, one fact per row), then, for each engine, loads it and runs the same
queries: load time, peak memory (peak RSS of the process divided by the facts) and the time of
each query (the best of --runs). The results go to Benchmarks/results/facts-N.json, and
docs/PERFORMANCE.md is written from every results file there: nothing in it is typed by hand.

    Benchmarks/compare.py                 # 1M facts (a few minutes)
    Benchmarks/compare.py --facts 10M     # 10M facts
    Benchmarks/compare.py --doc-only      # rewrite docs/PERFORMANCE.md from the results

Needs: a release build of fiscal (built here unless --fiscal is given), `pip install duckdb numpy`,
Python's sqlite3. FISCAL_THREADS=1 in a second fiscal run shows what one core does.
"""
import argparse
import datetime
import json
import multiprocessing
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "Benchmarks", "results")
DOC = os.path.join(ROOT, "docs", "PERFORMANCE.md")

ENTITIES = 3000
YEARS = list(range(2016, 2026))
LEI = ["201", "203", "204", "205", "206", "207", "208", "210", "211"]
LEI_NAMES = ["一般公共服务支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
             "社会保障和就业支出", "卫生健康支出", "节能环保支出"]
ITEM_WORDS = ["行政运行", "一般行政管理事务", "机关服务", "专项业务", "事业运行", "其他支出",
              "信息化建设", "专项普查活动", "统计管理", "宣传"]
# 540 项: nine 类, six 款 each, ten 项 each.
CODES = [(lei + "%02d" % k + "%02d" % x, ITEM_WORDS[x - 1] if x <= len(ITEM_WORDS) else "其他")
         for lei in LEI for k in range(1, 7) for x in range(1, 11)]
assert len(CODES) == 540

# (name, fiscal query, SQL); the SQL is run as it is by DuckDB and SQLite.
QUERIES = [
    ("group by 类", "facts | group 类 | sum amount",
     "SELECT substr(code, 1, 3) AS lei, sum(amount) FROM facts GROUP BY 1 ORDER BY 1"),
    ("code subtree → 款", "facts | where code under 201 | group 款 | sum amount",
     "SELECT substr(code, 1, 5) AS kuan, sum(amount) FROM facts WHERE code LIKE '201%' GROUP BY 1 ORDER BY 1"),
    ("entity × year pivot", "facts | group entity, year | sum amount",
     "SELECT entity, year, sum(amount) FROM facts GROUP BY 1, 2 ORDER BY 1, 2"),
    ("top-10", "facts | group entity | sum amount | top 10 by amount",
     "SELECT entity, sum(amount) AS s FROM facts GROUP BY 1 ORDER BY s DESC LIMIT 10"),
    ("group by year", "facts | group year | sum amount",
     "SELECT year, sum(amount) FROM facts GROUP BY 1 ORDER BY 1"),
    ("text filter", 'facts | where item ~ "运行" | agg n = count()',
     "SELECT count(*) FROM facts WHERE item LIKE '%运行%'"),
    ("drill 201 (latest year)", "facts | where year = 2025 | drill 201 depth 2",
     # The 类 total, each 款 and each 项 (SQLite has no ROLLUP).
     "SELECT NULL AS kuan, NULL AS code, sum(amount) FROM facts WHERE year = 2025 AND code LIKE '201%' "
     "UNION ALL SELECT substr(code, 1, 5), NULL, sum(amount) FROM facts WHERE year = 2025 AND code LIKE '201%' GROUP BY 1 "
     "UNION ALL SELECT substr(code, 1, 5), code, sum(amount) FROM facts WHERE year = 2025 AND code LIKE '201%' GROUP BY 1, 2 "
     "ORDER BY 1, 2"),
    # The SQL sums each code per year over every entity: fiscal's compare does that once the
    # entity is left out (without the select it compares each entity's codes, 30k rows at 1M).
    ("compare over ten years", "facts | where code under 20101 | select code, year, amount | compare year",
     "SELECT code, year, sum(amount) FROM facts WHERE code LIKE '20101%' GROUP BY 1, 2 ORDER BY 1, 2"),
]


def parse_size(text):
    m = re.fullmatch(r"(\d+)([kKmM]?)", text)
    if not m:
        raise argparse.ArgumentTypeError("expected a count such as 1M, 10M or 250000")
    return int(m.group(1)) * {"": 1, "k": 1000, "K": 1000, "m": 1000000, "M": 1000000}[m.group(2)]


def label(n):
    return "%dM" % (n // 1000000) if n % 1000000 == 0 else "%dk" % (n // 1000) if n % 1000 == 0 else str(n)


HEADER = "entity,year,phase,statement,item,code,econ_code,fund,measure,amount,unit\n"
FACTS_PER_ENTITY = len(CODES) * len(YEARS)
AMOUNT_CENTS = 10_000_000 - 1  # amounts 0.01 to 99,999.99 万元, uniform in hundredths
AMOUNT_WIDTH = len("%d.%02d" % divmod(AMOUNT_CENTS, 100))
UNIT_END = ",万元\n".encode()
# Each code's end of a row in UTF-8, spaces where the amount goes (no row has a space otherwise).
ROW_TAILS = [("%s,%s,,一般公共预算,," % (item, code)).encode() + b" " * AMOUNT_WIDTH + UNIT_END for code, item in CODES]
assert all(tail.count(b" ") == AMOUNT_WIDTH for tail in ROW_TAILS)


def amount_text(cents):
    """The amounts `cents` (hundredths, a numpy array) as rows of AMOUNT_WIDTH bytes, "%d.%02d"
    right-aligned in spaces."""
    import numpy as np
    text = np.empty((len(cents), AMOUNT_WIDTH), dtype=np.uint8)
    rest = cents.astype(np.uint32)
    for place in reversed(range(AMOUNT_WIDTH)):  # from the last digit to the first
        if place == AMOUNT_WIDTH - 3:
            text[:, place] = ord(".")
            continue
        text[:, place] = rest % 10 + ord("0")
        rest //= 10
        if place < AMOUNT_WIDTH - 4:  # a leading zero of the 万元 is a space (the units' is written)
            text[:, place][cents < 10 ** (AMOUNT_WIDTH - 2 - place)] = ord(" ")
    return text


def write_reports(out, rng, entities, per_report, extra):
    """Writes the reports of `entities` (indices) to the binary file `out`: each of their years in
    turn, report r (entity × years + year, counted over the whole corpus) holding `per_report` facts
    and one more when r < `extra`, on consecutive 项 codes from a random start
    (`rng.randrange(540)`), each with a random amount (`rng.randrange(1, 10_000_000)` hundredths).

    Written a report at a time, not a row at a time, which makes it about ten times faster than a
    loop over rows. `randrange(n)` draws `getrandbits(k)` (k bits of n) until a draw is below n,
    and `getrandbits(k)` is the top k bits of the generator's next 32-bit word; so the words are
    drawn in bulk (`getrandbits(32 × m)`, the first word lowest) and read the same way, giving the
    numbers of those calls, in their order. A report is its rows joined with spaces for the
    amounts, the amounts' text written into them and the spaces dropped. Returns the facts written."""
    import numpy as np
    start_shift = 32 - (len(CODES) - 1).bit_length()
    amount_shift = 32 - AMOUNT_CENTS.bit_length()
    tails = ROW_TAILS * 2  # a report's codes run on past the last into the first
    tail_bytes = np.array([len(t) for t in tails])
    amount_at = tail_bytes - AMOUNT_WIDTH - len(UNIT_END)
    words = np.zeros(0, dtype="<u4")
    accepted = np.zeros(1, dtype=np.int64)  # accepted[i]: the words among words[:i] that are amounts' draws
    p = 0

    def draw(at_least):
        """The words from p on, at least `at_least` of them."""
        nonlocal words, accepted, p
        m = max(at_least, 1 << 20)
        fresh = np.frombuffer(rng.getrandbits(32 * m).to_bytes(4 * m, "little"), dtype="<u4")
        words = np.concatenate([words[p:], fresh])
        accepted = np.concatenate([[0], np.cumsum((words >> amount_shift) < AMOUNT_CENTS)])
        p = 0

    written = 0
    entities = list(entities)
    batch = max(1, (1 << 16) // ((per_report + 1) * len(YEARS)))  # entities of about 64k rows at a time
    for first in range(0, len(entities), batch):
        heads, starts, counts, spans = [], [], [], []
        for e in entities[first:first + batch]:
            entity = "示例单位%04d" % (e + 1)
            for y, year in enumerate(YEARS):
                n = per_report + (1 if e * len(YEARS) + y < extra else 0)
                while True:
                    if p >= len(words):
                        draw(1)
                    start = int(words[p]) >> start_shift
                    p += 1
                    if start < len(CODES):
                        break
                # words[p:q] hold the report's n amounts and the draws past the range between them.
                while (q := int(np.searchsorted(accepted, accepted[p] + n))) > len(words):
                    draw(2 * n)
                if n:
                    heads.append(("%s,%d,决算,一般公共预算财政拨款支出," % (entity, year)).encode())
                    starts.append(start)
                    counts.append(n)
                    spans.append(words[p:q] >> amount_shift)
                p = q
        if not counts:
            continue
        drawn = np.concatenate(spans)
        cents = drawn[drawn < AMOUNT_CENTS].astype(np.int64) + 1
        rows = bytearray(b"".join(h + h.join(tails[s:s + n]) for h, s, n in zip(heads, starts, counts)))
        code = np.concatenate([np.arange(s, s + n) for s, n in zip(starts, counts)])
        head_bytes = np.repeat([len(h) for h in heads], counts)
        row_bytes = head_bytes + tail_bytes[code]
        at = np.cumsum(row_bytes) - row_bytes + head_bytes + amount_at[code]
        np.frombuffer(rows, dtype=np.uint8)[at[:, None] + np.arange(AMOUNT_WIDTH)] = amount_text(cents)
        out.write(rows.replace(b" ", b""))
        written += len(cents)
    return written


def generate(path, facts):
    """The corpus: reports of (entity, year) in turn, each with distinct 项 codes."""
    per_report, extra = divmod(facts, ENTITIES * len(YEARS))
    if per_report + (1 if extra else 0) > len(CODES):
        sys.exit("at most %d facts: one per 项 of each report" % (len(CODES) * ENTITIES * len(YEARS)))
    with open(path, "wb") as out:
        out.write(HEADER.encode())
        write_reports(out, random.Random(16), range(ENTITIES), per_report, extra)


FILE_FACTS = 10_000_000  # facts per file of a corpus in several files, at most about


def split_corpus(facts, files=None):
    """How a corpus of `facts` facts is laid out in files: (entities, [entity range of each file]).

    There are as many entities as `facts` needs at one fact per 项 of each report (100M: 18,519),
    and as many files as `files`, else the fewest of about FILE_FACTS facts; each file holds its own
    entities, consecutive and as many in each as can be."""
    entities = -(-facts // FACTS_PER_ENTITY)
    files = max(1, min(files or -(-facts // FILE_FACTS), entities))
    per_file = -(-entities // files)
    return entities, [range(k * per_file, min((k + 1) * per_file, entities)) for k in range(-(-entities // per_file))]


def _write_file(job):
    """Writes one file of a corpus in several files (run in a worker process); returns its facts."""
    path, seed, first, stop, per_report, extra = job
    with open(path + ".part", "wb") as out:
        out.write(HEADER.encode())
        written = write_reports(out, random.Random(seed), range(first, stop), per_report, extra)
    os.replace(path + ".part", path)
    return written


def corpus_files(data, facts, files=None):
    """The corpus of `facts` facts as several CSV files in a folder of `data`, generated when not
    there yet: (paths, {"seconds", "facts", "rows_per_s", "processes"} of the generation, or None).

    The rows are generate()'s, with as many entities as the facts need and each file's entities
    its own (see split_corpus); file k's amounts are drawn from random.Random(16000 + k), so a file
    does not depend on the others and the files are written in parallel, one process per core."""
    entities, ranges = split_corpus(facts, files)
    per_report, extra = divmod(facts, entities * len(YEARS))
    folder = os.path.join(data, "facts-%s-in-%d" % (label(facts), len(ranges)))
    os.makedirs(folder, exist_ok=True)
    paths = [os.path.join(folder, "part-%02d.csv" % k) for k in range(len(ranges))]
    jobs = [(path, 16000 + k, r.start, r.stop, per_report, extra)
            for k, (path, r) in enumerate(zip(paths, ranges)) if not os.path.exists(path)]
    if not jobs:
        return paths, None
    # The disk must hold the rows: their mean length at most (an amount of the widest).
    row_bytes = len(("示例单位%04d,2016,决算,一般公共预算财政拨款支出," % entities).encode()) + sum(map(len, ROW_TAILS)) / len(ROW_TAILS)
    need = row_bytes * facts * len(jobs) / len(paths)
    free = shutil.disk_usage(folder).free
    if need > free:
        sys.exit("generating %s facts needs about %.1f GB in %s; %.1f GB are free" % (label(facts), need / 1e9, folder, free / 1e9))
    processes = min(len(jobs), os.cpu_count() or 1)
    print("generating %d files of %s facts in %s (%d processes, about %.1f GB)"
          % (len(jobs), label(facts), folder, processes, need / 1e9), file=sys.stderr)
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        written = sum(pool.imap_unordered(_write_file, jobs))
    seconds = time.perf_counter() - start
    return paths, {"seconds": seconds, "facts": written, "rows_per_s": written / seconds, "processes": processes}


def fiscal_binary(given):
    """The fiscal binary given, else a release build made here."""
    if given:
        return given
    subprocess.run(["swift", "build", "-c", "release", "--product", "fiscal"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build", "release", "fiscal")


def corpus(data, facts):
    """The CSV of `facts` facts in the folder `data`, generated when it is not there yet."""
    os.makedirs(data, exist_ok=True)
    csv_path = os.path.join(data, "facts-%s.csv" % label(facts))
    if not os.path.exists(csv_path):
        print("generating", csv_path, file=sys.stderr)
        generate(csv_path + ".part", facts)
        os.replace(csv_path + ".part", csv_path)
    return csv_path


def run_measured(argv, env=None, stdout=subprocess.DEVNULL):
    """Runs argv; returns (stderr text, wall seconds, peak RSS bytes of that process)."""
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, env=env)
    err = p.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit("%s failed (%d):\n%s" % (" ".join(argv[:3]), p.returncode, err[-3000:]))
    return err, wall, usage.ru_maxrss * 1024


def run_fiscal(binary, csv_path, runs, threads=None):
    script = [":timing on", ":load " + csv_path, "facts | agg n = count()"]
    for _ in range(runs):
        script += [q for _, q, _ in QUERIES]
    with tempfile.NamedTemporaryFile("w", suffix=".fiscal", delete=False, encoding="utf-8") as f:
        f.write("\n".join(script) + "\n")
        script_path = f.name
    env = dict(os.environ)
    if threads:
        env["FISCAL_THREADS"] = str(threads)
    try:
        err, wall, rss = run_measured([binary, "-X", "-o", "csv", "-f", script_path], env=env)
    finally:
        os.unlink(script_path)
    times = [float(t.replace(",", "")) / 1000 for t in re.findall(r"Time: ([\d.,]+) ms", err)]
    expected = 2 + runs * len(QUERIES)
    if len(times) != expected:
        sys.exit("fiscal printed %d timings, expected %d:\n%s" % (len(times), expected, err[-3000:]))
    # :load, then the first query, which builds the columnar store: both are loading.
    load, first = times[0], times[1]
    queries = [min(times[2 + r * len(QUERIES) + i] for r in range(runs)) for i in range(len(QUERIES))] if runs else []
    return {"load": load + first, "read": load, "store": first, "rss": rss, "wall": wall, "queries": queries}


ENGINE_SCRIPT = r'''
import json, sys, time
engine, path, runs, queries = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
t = time.perf_counter()
if engine == "duckdb":
    import duckdb
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute("""CREATE TABLE facts AS SELECT * FROM read_csv(?, header = true, columns = {
        'entity': 'VARCHAR', 'year': 'INTEGER', 'phase': 'VARCHAR', 'statement': 'VARCHAR', 'item': 'VARCHAR',
        'code': 'VARCHAR', 'econ_code': 'VARCHAR', 'fund': 'VARCHAR', 'measure': 'VARCHAR',
        'amount': 'DECIMAL(18,2)', 'unit': 'VARCHAR'})""", [path])
else:
    import csv, sqlite3
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE facts (entity TEXT, year INTEGER, phase TEXT, statement TEXT, item TEXT, code TEXT,"
                " econ_code TEXT, fund TEXT, measure TEXT, amount INTEGER, unit TEXT)")
    def rows():
        with open(path, newline="", encoding="utf-8") as f:
            r = csv.reader(f)
            next(r)
            for row in r:
                whole, _, cents = row[9].partition(".")
                row[9] = int(whole) * 100 + int(cents.ljust(2, "0"))  # exact: amounts as 0.01 万元
                yield row
    con.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows())
    con.commit()
load = time.perf_counter() - t
times = []
for q in queries:
    best = None
    for _ in range(runs):
        t = time.perf_counter()
        con.execute(q).fetchall()
        d = time.perf_counter() - t
        best = d if best is None else min(best, d)
    times.append(best)
print("RESULT " + json.dumps({"load": load, "queries": times}))
'''


def run_engine(engine, csv_path, runs):
    queries = json.dumps([sql for _, _, sql in QUERIES])
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        p = subprocess.Popen([sys.executable, "-c", ENGINE_SCRIPT, engine, csv_path, str(runs), queries],
                             stdout=out, stderr=subprocess.PIPE)
        err = p.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit("%s failed:\n%s" % (engine, err[-3000:]))
        out.seek(0)
        lines = [l for l in out.read().decode().splitlines() if l.startswith("RESULT ")]
        result = json.loads(lines[-1][len("RESULT "):])
    result["rss"] = usage.ru_maxrss * 1024
    result["wall"] = wall
    return result


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = "%.0f GiB" % (kb / 1024 / 1024)
    except (OSError, ValueError, IndexError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem, "system": platform.system() + " " + platform.machine(),
            "load_average_before": os.getloadavg()[0]}


def fmt_s(x):
    return "%.2f s" % x if x >= 1 else "%.0f ms" % (x * 1000) if x >= 0.01 else "%.1f ms" % (x * 1000)


def load_results(prefix):
    """Every Benchmarks/results/PREFIX*.json, in name order."""
    out = []
    for name in sorted(os.listdir(RESULTS)) if os.path.isdir(RESULTS) else []:
        if name.startswith(prefix) and name.endswith(".json"):
            with open(os.path.join(RESULTS, name), encoding="utf-8") as f:
                out.append(json.load(f))
    return out


def narrative_section():
    """Reading narratives, from the results Benchmarks/readers.sh writes (NARRATIVE_RESULT=label)."""
    runs = load_results("narrative-")
    if not runs:
        return []
    runs.sort(key=lambda r: r["date"])
    lines = [
        "## Reading narratives",
        "",
        "Measured by `Benchmarks/readers.sh` (`NARRATIVE_RESULT=label`): CPU seconds (user + system, every core) of "
        "`fiscal -e 'facts | count' --format narrative` on the seed repeated to each size (one file), and on a folder "
        "of different-but-similar reports that `Benchmarks/narrative_corpus.py` makes from the seed and the Jiangsu "
        "narratives (another body and other amounts in each). The fixed cost of one start, measured on the seed's "
        "first 20 lines, is subtracted. MB/s per core is MB over those CPU seconds; issue 16 asks ≥ 5 for the folder.",
        "",
    ]
    sizes = sorted({row["bytes"] for r in runs for row in r["single_file"]})
    head = ["run", "commit", "load average"] + ["one file %.1f MB" % (b / 1e6) for b in sizes] + ["folder", "folder MB/s per core"]
    lines += ["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
    for r in runs:
        by = {row["bytes"]: row["mb_per_s"] for row in r["single_file"]}
        f = r["folder"]
        cells = ["%s (%s)" % (r["label"], r["date"]), r["commit"], "%.2f" % r["machine"]["load_average_before"]]
        cells += ["%.2f MB/s" % by[b] if b in by else "" for b in sizes]
        cells += ["%d reports, %.1f MB, %.2f CPU s, %.2f s wall" % (f["reports"], f["bytes"] / 1e6, f["cpu_s"], f["wall_s"]),
                  "%.2f" % f["mb_per_s_per_core"]]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def workspace_section():
    """Workspaces, from the results Benchmarks/workspace.py writes."""
    runs = load_results("workspace-")
    if not runs:
        return []
    def committed(commit):
        """When `commit` was made (seconds; 0 when git does not know it): runs of one day in the order of their code."""
        p = subprocess.run(["git", "-C", ROOT, "show", "-s", "--format=%ct", commit or "-"], capture_output=True, text=True)
        return int(p.stdout.strip()) if p.returncode == 0 and p.stdout.strip().isdigit() else 0

    # Per size, the latest run first.
    runs.sort(key=lambda r: (r["facts"], r["date"], committed(r.get("commit", ""))), reverse=True)
    runs.sort(key=lambda r: r["facts"])
    lines = [
        "## Workspaces",
        "",
        "Measured by `Benchmarks/workspace.py`: `fiscal import` of the CSV into a workspace, then opening it to a "
        "first prompt (`fiscal -X -e :quit WORKSPACE`: reading the reports, assembling them; the best of the runs, "
        "wall time), and one query under each engine (`%s`, by `:timing`). Issue 16 asks a 10M-fact workspace to "
        "open in under 2 s." % runs[-1]["query"].replace("|", "\\|"),
        "",
        "| facts | date | commit | CSV | workspace | import | import peak RSS | open (best) | every open | open peak RSS | query in memory | query in SQL |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        lines.append("| %s | %s | %s | %.0f MB | %.0f MB | %s | %.2f GB | %s | %s | %.0f MB | %s | %s |" % (
            label(r["facts"]), r["date"], r.get("commit", ""), r["csv_bytes"] / 1e6, r["workspace_bytes"] / 1e6,
            fmt_s(r["import_seconds"]), r["import_peak_rss"] / 1e9, fmt_s(r["open_seconds"]),
            ", ".join("%.2f" % x for x in r["open_runs"]), r["open_peak_rss"] / 1e6,
            fmt_s(r["memory"]["seconds"]) if r["memory"]["seconds"] is not None else "—",
            (fmt_s(r["sql"]["seconds"]) if r["sql"]["seconds"] is not None
             else "not done in %d s" % r["sql"]["timed_out"] if r["sql"].get("timed_out") else "—")
            + (" (ran in memory)" if r["sql"]["ran_in_memory"] else "")))
    lines.append("")
    return lines


def postgres_section():
    """PostgreSQL, from the results Benchmarks/postgres.py writes."""
    runs = load_results("postgres-")
    if not runs:
        return []
    def committed(commit):
        """When `commit` was made (seconds; 0 when git does not know it): runs of one day in the order of their code."""
        p = subprocess.run(["git", "-C", ROOT, "show", "-s", "--format=%ct", commit or "-"], capture_output=True, text=True)
        return int(p.stdout.strip()) if p.returncode == 0 and p.stdout.strip().isdigit() else 0

    # Per size, the latest run first.
    runs.sort(key=lambda r: (r["facts"], r["date"], committed(r.get("commit", ""))), reverse=True)
    runs.sort(key=lambda r: r["facts"])
    lines = [
        "## PostgreSQL",
        "",
        "Measured by `Benchmarks/postgres.py`: the corpus's rows in files of about 10M facts (each file its own "
        "entities), `fiscal import FILE… --into postgres://…` into an empty database (wall time), and the database's "
        "size after it (`pg_database_size`). Then each query by its own process, `fiscal --db URL --engine sql -c "
        "QUERY`: the query's time by `:timing`, and the process's wall time, which adds opening the database; the "
        "best of the runs. Beside it, psql's time (`\\timing`) for the same question in plain SQL over "
        "`assembled_facts` (sums of `amount_e4`, the amounts × 10⁴): what PostgreSQL itself takes. fiscal's answer "
        "must have the plain SQL's keys and sums; a query that ran in memory, failed, answered otherwise or passed "
        "the time limit is shown as such, not timed. The corpus has 项 codes only, so no figure is a stated total: "
        "the join that finds totals is left out (from b08ea4e on), which a corpus of real tables, with their 类 "
        "and 款 lines, pays; docs/WORKSPACE.md lists the statements a query runs.",
        "",
        "| facts | date | commit | files | import | facts per second | database | bytes per fact | open to a first answer (wall) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]

    def outcome(q, seconds):
        if q["outcome"] == "ok":
            return fmt_s(seconds)
        return "%s%s" % (q["outcome"], " (%s)" % q["message"].replace("|", "\\|") if q["outcome"] != "timed out" else
                         " after %s" % fmt_s(q["wall"]))

    for r in runs:
        lines.append("| %s | %s | %s | %d (%.0f MB of CSV) | %s | {:,.0f} | %.2f GB | %.0f | %s |".format(r["facts"] / r["import_seconds"]) % (
            label(r["facts"]), r["date"], r.get("commit", ""), r["files"], r["csv_bytes"] / 1e6, fmt_s(r["import_seconds"]),
            r["database_bytes"] / 1e9, r["database_bytes"] / r["facts"], outcome(r["open"], r["open"]["wall"])))
    lines.append("")
    for r in runs:
        m, pg = r["machine"], r["server"]
        lines += [
            "### %s facts through PostgreSQL (%s, fiscal at %s)" % (label(r["facts"]), r["date"], r.get("commit", "")),
            "",
            "Machine: %s, %d cores, %s, %s; load average %.2f when the run began; fiscal %s; PostgreSQL %s "
            "(%s server; shared_buffers %s, work_mem %s, max_wal_size %s, parallel workers per gather %s, fsync %s). "
            "Best of %d runs." % (m["cpu"], m["cores"], m["memory"], m["system"], m["load_average_before"], r["fiscal"],
                                  pg["server_version"], "a throwaway" if r["own_server"] else "a given", pg["shared_buffers"],
                                  pg["work_mem"], pg["max_wal_size"], pg["max_parallel_workers_per_gather"], pg["fsync"], r["runs"]),
            "",
            "| | fiscal query | fiscal process (opening too) | psql, plain SQL |",
            "|---|---|---|---|",
        ]
        for q in [r["open"]] + r["queries"]:
            lines.append("| %s (`%s`) | %s | %s | %s |" % (
                q["name"], q["query"].replace("|", "\\|"), outcome(q, q["seconds"]),
                fmt_s(q["wall"]) if q["outcome"] == "ok" else "—",
                fmt_s(q["psql_seconds"]) if "psql_seconds" in q else "—"))
        lines.append("")
    return lines


def load_of(result, engine):
    """The load time reported for an engine: the median of its load rounds when it has them."""
    rounds = result.get("load_rounds", {}).get(engine)
    return statistics.median(rounds) if rounds else result[engine]["load"]


def queries_of(result, engine):
    """Each query's time for an engine: the best of the full run's and the rounds' runs."""
    best = list(result[engine]["queries"])
    for run in result.get("load_rounds", {}).get(engine + "_queries", []):
        best = [min(b, q) for b, q in zip(best, run)]
    return best


def write_doc():
    results = load_results("facts-")
    results.sort(key=lambda r: r["facts"])
    lines = [
        "# Performance",
        "",
        "<!-- Written by Benchmarks/compare.py from Benchmarks/results/*.json; do not edit by hand. -->",
        "",
        "fiscal beside DuckDB and SQLite on the same synthetic facts, measured in the same run by",
        "`Benchmarks/compare.py` (`--facts 10M` for ten million). The corpus is fiscal's canonical CSV: "
        "%d entities, years %d–%d, %d 项 codes under nine 类, one fact per row, amounts to 0.01 万元."
        % (ENTITIES, YEARS[0], YEARS[-1], len(CODES)),
        "",
        "- **load**: fiscal `:load` of the CSV plus the first query, which builds the columnar store; DuckDB "
        "`CREATE TABLE … AS SELECT * FROM read_csv(…)` (amounts `DECIMAL(18,2)`); SQLite (Python's `sqlite3`, in "
        "memory) `executemany` of the rows read by Python's `csv` (amounts as integer hundredths). The file is "
        "read once before the engines run, so that each reads it from the page cache. Where the run has load rounds "
        "(fiscal and DuckDB loading alone, taking turns, `--load-runs` times), the load shown is the median of "
        "each engine's rounds: one load is at the mercy of a busy moment of the machine.",
        "- **memory**: the peak resident set of the whole process (for DuckDB and SQLite, the Python process "
        "running them) divided by the facts.",
        "- **queries**: the best of the runs of each query (the full run's, and one in each round where the run has "
        "rounds), the result fetched (fiscal renders it as CSV to "
        "`/dev/null`, timed by its own `:timing`). Ratios are the engine's time over DuckDB's: below 1 is faster.",
        "",
    ]
    for r in results:
        m = r["machine"]
        lines += [
            "## %s facts (%s, %s%.0f MB of CSV)" % (label(r["facts"]), r["date"],
                                                  "fiscal at %s, " % r["commit"] if r.get("commit") else "", r["csv_bytes"] / 1e6),
            "",
            "Machine: %s, %d cores, %s, %s; load average %.2f when the run began; fiscal %s, DuckDB %s, SQLite %s."
            % (m["cpu"], m["cores"], m["memory"], m["system"], m["load_average_before"], r["versions"]["fiscal"],
               r["versions"]["duckdb"], r["versions"]["sqlite"]),
            "",
        ]
        engines = [("fiscal", r["fiscal"]), ("DuckDB", r["duckdb"]), ("SQLite", r["sqlite"])]
        if "fiscal_1thread" in r:
            engines.insert(1, ("fiscal, 1 thread", r["fiscal_1thread"]))
        duck = r["duckdb"]
        lines += ["| | " + " | ".join(e for e, _ in engines) + " |", "|---|" + "---|" * len(engines)]
        keys = {"fiscal": "fiscal", "DuckDB": "duckdb", "SQLite": "sqlite", "fiscal, 1 thread": "fiscal_1thread"}
        loads = [load_of(r, keys[e]) for e, _ in engines]
        duck_load = load_of(r, "duckdb")
        lines.append("| load | " + " | ".join("%s (%.2f×)" % (fmt_s(t), t / duck_load) for t in loads) + " |")
        lines.append("| facts per second | " + " | ".join("{:,.0f}".format(r["facts"] / t) for t in loads) + " |")
        lines.append("| MB of CSV per second | " + " | ".join("%.1f" % (r["csv_bytes"] / 1e6 / t) for t in loads) + " |")
        lines.append("| peak RSS ÷ facts | " + " | ".join("%.0f bytes" % (x["rss"] / r["facts"]) for _, x in engines) + " |")
        best = {e: queries_of(r, keys[e]) for e, _ in engines}
        for i, (name, query, _) in enumerate(QUERIES):
            d = best["DuckDB"][i]
            cells = ["%s (%.2f×)" % (fmt_s(best[e][i]), best[e][i] / d) for e, _ in engines]
            lines.append("| %s | " % name + " | ".join(cells) + " |")
        lines.append("")
        if "load_rounds" in r:
            rounds = r["load_rounds"]
            lines += ["Rounds of fiscal and DuckDB taking turns, %d each, every one a load and a run of each query "
                      "(the median load is the load above, and the queries are the best of the full run's and the "
                      "rounds' runs; SQLite's are its one run). Loads: fiscal %s; DuckDB %s. fiscal took no longer "
                      "than DuckDB in %d of %d rounds; the full run's loads were fiscal %s, DuckDB %s."
                      % (len(rounds["fiscal"]), ", ".join(fmt_s(t) for t in rounds["fiscal"]),
                         ", ".join(fmt_s(t) for t in rounds["duckdb"]),
                         sum(1 for a, b in zip(rounds["fiscal"], rounds["duckdb"]) if a <= b), len(rounds["fiscal"]),
                         fmt_s(r["fiscal"]["load"]), fmt_s(duck["load"])), ""]
        if "fiscal" in r and "read" in r["fiscal"]:
            f = r["fiscal"]
            lines += ["fiscal's load in the full run: reading the CSV into reports %s, building the columnar store "
                      "(first query) %s."
                      % (fmt_s(f["read"]), fmt_s(f["store"])), ""]
        slower = [name for i, (name, _, _) in enumerate(QUERIES) if best["fiscal"][i] > 1.5 * best["DuckDB"][i]]
        if load_of(r, "fiscal") > duck_load:
            slower.insert(0, "the load (median of its rounds)" if "load_rounds" in r else "the load")
        lines += ["Short of the goal (a load no longer than DuckDB's, queries within 1.5× of its time): %s."
                  % (", ".join(slower) if slower else "none"), ""]
    lines += workspace_section()
    lines += postgres_section()
    lines += narrative_section()
    lines += ["## The queries", "", "| | fiscal | SQL (DuckDB and SQLite) |", "|---|---|---|"]
    for name, query, sql in QUERIES:
        lines.append("| %s | `%s` | `%s` |" % (name, query.replace("|", "\\|"), sql.replace("|", "\\|")))
    lines += ["", "Scaling past the machine's cores is not shown: the runs above used every core it has "
              "(`FISCAL_THREADS` sets fiscal's thread count; the 1-thread column is the same binary on one).", ""]
    with open(DOC, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("wrote", os.path.relpath(DOC, ROOT))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--facts", type=parse_size, default=1_000_000, help="facts in the corpus (default 1M)")
    ap.add_argument("--runs", type=int, default=5, help="runs of each query; the best is kept (default 5)")
    ap.add_argument("--load-runs", type=int, default=5,
                    help="rounds of fiscal and DuckDB, taking turns after the full runs, each a load and one run of "
                         "every query: a load is the median of the rounds, a query the best of all its runs "
                         "(default 5; 0 reports the full runs alone)")
    ap.add_argument("--fiscal", help="the fiscal binary (default: build .build/release/fiscal); "
                    "FISCAL_COMMIT names the commit it was built from")
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "fiscal-bench"),
                    help="where the generated CSV is kept between runs")
    ap.add_argument("--one-thread", action="store_true", help="also run fiscal on one thread")
    ap.add_argument("--doc-only", action="store_true", help="only rewrite docs/PERFORMANCE.md from the results")
    args = ap.parse_args()
    if args.doc_only:
        write_doc()
        return
    before = machine()
    binary = fiscal_binary(args.fiscal)
    csv_path = corpus(args.data, args.facts)
    import duckdb
    import sqlite3
    result = {
        "facts": args.facts, "date": datetime.date.today().isoformat(), "csv_bytes": os.path.getsize(csv_path),
        # The commit the binary was built from: FISCAL_COMMIT with --fiscal, else the checkout's.
        "commit": os.environ.get("FISCAL_COMMIT") or subprocess.run(
            ["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip(),
        "machine": before,
        "versions": {"fiscal": subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip(),
                     "duckdb": duckdb.__version__, "sqlite": sqlite3.sqlite_version},
    }
    # Every engine reads the file from the page cache: the first to run would otherwise pay the
    # disk for all (after a large run, the file had left the cache: fiscal's load took 4.45 s
    # and DuckDB's, right after it, 3.03 s; with the file cached, 3.04 s and 4.19 s).
    with open(csv_path, "rb") as f:
        while f.read(1 << 24):
            pass
    print("fiscal …", file=sys.stderr)
    result["fiscal"] = run_fiscal(binary, csv_path, args.runs)
    if args.one_thread:
        print("fiscal, one thread …", file=sys.stderr)
        result["fiscal_1thread"] = run_fiscal(binary, csv_path, args.runs, threads=1)
    print("DuckDB …", file=sys.stderr)
    result["duckdb"] = run_engine("duckdb", csv_path, args.runs)
    print("SQLite …", file=sys.stderr)
    result["sqlite"] = run_engine("sqlite", csv_path, args.runs)
    # One process of each engine is at the mercy of a busy moment of the machine (on a shared
    # host the same load of 10M facts has taken 2.4 s and 3.9 s minutes apart, and every run of a
    # query in one process can fall in such a moment): fiscal and DuckDB run again, taking turns
    # (which goes first alternates), each loading and running every query once. A load is the
    # median of the rounds; a query, the best of all its runs.
    rounds = {"fiscal": [], "duckdb": [], "fiscal_queries": [], "duckdb_queries": []}
    for k in range(args.load_runs):
        print("rounds, %d of %d …" % (k + 1, args.load_runs), file=sys.stderr)
        for engine in (("fiscal", "duckdb") if k % 2 == 0 else ("duckdb", "fiscal")):
            run = run_fiscal(binary, csv_path, 1) if engine == "fiscal" else run_engine("duckdb", csv_path, 1)
            rounds[engine].append(run["load"])
            rounds[engine + "_queries"].append(run["queries"])
    if args.load_runs:
        result["load_rounds"] = rounds
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "facts-%s.json" % label(args.facts)), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    duck = result["duckdb"]
    for engine in [k for k in ("fiscal", "fiscal_1thread", "duckdb", "sqlite") if k in result]:
        x = result[engine]
        print("%-15s load %8s (%5.2f×)  %5.0f bytes/fact  " % (engine, fmt_s(load_of(result, engine)), load_of(result, engine) / load_of(result, "duckdb"), x["rss"] / args.facts)
              + "  ".join("%.2f×" % (q / d) for q, d in zip(queries_of(result, engine), queries_of(result, "duckdb"))))
    write_doc()


if __name__ == "__main__":
    main()
