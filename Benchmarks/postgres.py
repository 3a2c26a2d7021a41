#!/usr/bin/env python3
"""N synthetic facts through PostgreSQL: `fiscal import … --into postgres://…`, then queries with
`fiscal --db URL --engine sql`, beside the same queries in plain SQL run by psql.

The corpus is compare.py's rows in files of about 10M facts (corpus_files: as many entities as the
facts need, each file its own). The script starts a throwaway server (.ci/postgres-start; stopped
at the end) unless --url names one, imports the files (wall time, facts per second, then the
database's size), times opening the database to a first answer (`facts | agg n = count()`), and
runs each query --runs times, one fiscal process each (`:timing` gives the query's time, the wall
time adds opening), keeping the best. A query is timed only when it answers in SQL: its output
must have rows and, where psql can run the plain SQL over `assembled_facts`, the same keys and
sums; a query that ran in memory, failed or passed --query-timeout is recorded as such.
Results go to Benchmarks/results/postgres-N-COMMIT.json (a run per size and commit is kept); compare.py renders them in docs/PERFORMANCE.md.

    Benchmarks/postgres.py --facts 100M --fiscal .build/release/fiscal
    Benchmarks/postgres.py --facts 200k --files 2 --fiscal .build/release/fiscal
    Benchmarks/postgres.py --facts 10M --url 'postgres:///fiscal?host=/tmp/pg&user=me'   # a server of one's own

Needs: PostgreSQL's server and psql (Debian's `postgresql`), numpy. The generated files stay in
--data between runs; the database of a server the script started is removed with it.
"""
import argparse
import datetime
import decimal
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import QUERIES, ROOT, RESULTS, corpus_files, fiscal_binary, label, machine, parse_size, run_measured  # noqa: E402

# The first answer after opening the database.
COUNT = ("open to a first answer", "facts | agg n = count()", "SELECT count(*) AS n FROM facts")
# compare.py's queries that the issue asks of a 100M corpus, by name.
NAMES = ["group by 类", "group by year", "top-10", "code subtree → 款", "drill 201 (latest year)"]
# What psql's plain SQL reads: the assembled facts, summing amount_e4 (the amount × 10⁴, exact).
TABLE, AMOUNT_COLUMN, SCALE = "assembled_facts", "amount_e4", 10 ** 4
OUTPUT_LINES = 6  # lines of each query's output kept in the results


def plain_sql(sql):
    """compare.py's SQL (over a table `facts` with `amount`) over the database's assembled facts."""
    return re.sub(r"\bFROM facts\b", "FROM " + TABLE, sql).replace("sum(amount)", "sum(%s)" % AMOUNT_COLUMN)


def psql_binary():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"), key=lambda p: [int(x) for x in re.findall(r"\d+", p)])
    if not found:
        sys.exit("no psql under /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    return found[-1]


def psql(url, *commands, timeout=None):
    """Runs psql's commands (SQL or backslash) on url; returns (lines of CSV output, [seconds of each
    statement by \\timing]); exits on an error."""
    argv = [psql_binary(), url, "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-c", "\\timing on"]
    for c in commands:
        argv += ["-c", c]
    p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        sys.exit("psql failed (%d): %s" % (p.returncode, p.stderr[-2000:]))
    lines, times = [], []
    for line in p.stdout.splitlines():
        m = re.fullmatch(r"Time: ([\d.,]+) ms.*", line)
        if m:
            times.append(float(m.group(1).replace(",", "")) / 1000)
        elif line != "Timing is on.":
            lines.append(line)
    return lines, times


def start_server():
    """A throwaway server: (URL, its folder for .ci/postgres-stop)."""
    p = subprocess.run([os.path.join(ROOT, ".ci", "postgres-start")], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("could not start PostgreSQL:\n" + p.stderr[-2000:])
    url = p.stdout.strip().splitlines()[-1]
    return url, urllib.parse.parse_qs(urllib.parse.urlparse(url).query)["host"][0]


def keyed_sums(lines, key_columns, amount_column, scale=1):
    """{key: sum} from CSV lines whose header names the columns: the key is the last non-empty of
    key_columns (a drill's 款 or 项, the total's row, whose key is empty, left out)."""
    import csv
    rows = list(csv.reader(lines))
    if not rows:
        return None
    head = rows[0]
    if amount_column not in head or any(k not in head for k in key_columns):
        return None
    out = {}
    for row in rows[1:]:
        keys = [row[head.index(k)] for k in key_columns if row[head.index(k)] != ""]
        if keys:
            out[keys[-1]] = decimal.Decimal(row[head.index(amount_column)]) / scale
    return out


def check(fiscal_lines, baseline_lines, fiscal_keys, baseline_keys):
    """Why fiscal's output is not the answer, or None: it must have a header and rows, and where
    the plain SQL ran, the same keys with the same sums."""
    if len(fiscal_lines) < 2:
        return "no rows"
    got = keyed_sums(fiscal_lines, fiscal_keys, "amount" if "amount" in fiscal_lines[0].split(",") else fiscal_lines[0].split(",")[-1])
    if got is None:
        return "unexpected columns: " + fiscal_lines[0]
    if baseline_lines is None:
        return None
    want = keyed_sums(baseline_lines, baseline_keys, baseline_lines[0].split(",")[-1], SCALE if baseline_keys else 1)
    if got != want:
        differ = sorted(set(got.items()) ^ set(want.items()))[:4]
        return "differs from the plain SQL (%d rows against %d; e.g. %s)" % (len(got), len(want), differ)
    return None


def run_query(binary, url, query, timeout):
    """One fiscal process answering `query` in SQL: {"seconds" (by :timing), "wall", "lines",
    "outcome" ("ok", "ran in memory", "failed", "timed out"), "message"}."""
    argv = [binary, "--db", url, "--engine", "sql", "--lang", "en", "-X", "-o", "csv", "-c", ":timing on", "-c", query]
    start = time.perf_counter()
    try:
        p = subprocess.run(argv, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "wall": time.perf_counter() - start, "lines": [], "outcome": "timed out",
                "message": "no answer in %d s" % timeout}
    wall = time.perf_counter() - start
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    times = [float(t.replace(",", "")) / 1000 for t in re.findall(r"Time: ([\d.,]+) ms", err)]
    notes = [l for l in err.splitlines() if l.startswith(("note:", "error:", "warning:"))]
    outcome = "failed" if p.returncode != 0 or not times else "ran in memory" if "ran in memory" in err else "ok"
    return {"seconds": times[-1] if times else None, "wall": wall, "lines": out.splitlines(), "outcome": outcome,
            "message": "; ".join(notes)[:500] if notes or outcome != "failed" else err.strip()[-500:]}


def time_query(binary, url, name, query, sql, runs, timeout, baseline):
    """The best of `runs` fiscal runs of query (stopping at the first that is not a real answer),
    and psql's time for its plain SQL when `baseline`."""
    entry = {"name": name, "query": query}
    if baseline:
        lines, times = psql(url, *[sql] * runs)
        entry["sql"] = sql
        entry["psql_seconds"] = min(times)
        entry["psql_runs"] = times
        # psql prints each statement's result: the first run's.
        width = (len(lines)) // runs
        baseline_lines = lines[:width]
        entry["psql_output"] = baseline_lines[:OUTPUT_LINES]
    else:
        baseline_lines = None
    done = []
    for _ in range(runs):
        r = run_query(binary, url, query, timeout)
        if r["outcome"] == "ok":
            why = check(r["lines"], baseline_lines, KEYS[name][0], KEYS[name][1])
            if why:
                r["outcome"], r["message"] = "wrong answer", why
        done.append(r)
        print("  %-24s %-13s %s" % (name, r["outcome"], "query %.3f s, wall %.3f s" % (r["seconds"], r["wall"])
                                    if r["seconds"] is not None else "wall %.3f s" % r["wall"]), file=sys.stderr)
        if r["outcome"] != "ok":
            break
    ok = [r for r in done if r["outcome"] == "ok"]
    best = min(ok, key=lambda r: r["seconds"]) if len(ok) == len(done) else done[-1]
    entry.update({"outcome": best["outcome"], "message": best["message"], "seconds": best["seconds"] if ok else None,
                  "wall": min(r["wall"] for r in ok) if ok else best["wall"],
                  "runs": [{"seconds": r["seconds"], "wall": r["wall"], "outcome": r["outcome"]} for r in done],
                  "output": best["lines"][:OUTPUT_LINES]})
    return entry


# Per query name: the columns of fiscal's output and of the plain SQL's that make a row's key.
KEYS = {
    COUNT[0]: ([], []),
    "group by 类": (["code"], ["lei"]),
    "group by year": (["year"], ["year"]),
    "top-10": (["entity"], ["entity"]),
    "code subtree → 款": (["code"], ["kuan"]),
    "drill 201 (latest year)": (["code"], ["kuan", "code"]),
}


def baseline_possible(url):
    """Whether the database has the table and columns the plain SQL reads."""
    lines, _ = psql(url, "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                         "AND table_name = '%s'" % TABLE)
    return {"entity", "year", "code", AMOUNT_COLUMN} <= set(lines[1:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--facts", type=parse_size, default=1_000_000, help="facts in the corpus (default 1M)")
    ap.add_argument("--files", type=int, help="files of the corpus (default: the fewest of about 10M facts)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each query; the best is kept (default 3)")
    ap.add_argument("--query-timeout", type=int, default=1800, help="seconds one query may take (default 1800)")
    ap.add_argument("--fiscal", help="the fiscal binary (default: build .build/release/fiscal); "
                    "FISCAL_COMMIT names the commit it was built from")
    ap.add_argument("--url", help="a PostgreSQL database to import into (default: a throwaway server); "
                    "it should be empty, as the import adds to what it holds")
    ap.add_argument("--set", action="append", default=["max_wal_size=16GB"], metavar="NAME=VALUE",
                    help="a server setting (ALTER SYSTEM, then reloaded; what needs a restart stays as it was, "
                         "and the results record what was in force); default max_wal_size=16GB")
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "fiscal-bench"),
                    help="where the generated CSV files are kept")
    args = ap.parse_args()
    before = machine()
    binary = fiscal_binary(args.fiscal)
    paths, generation = corpus_files(args.data, args.facts, args.files)
    if generation:
        print("generated %s facts in %.1f s: %.0f rows/s (%d processes)" % (
            label(generation["facts"]), generation["seconds"], generation["rows_per_s"], generation["processes"]), file=sys.stderr)
    url, folder = (args.url, None) if args.url else start_server()
    try:
        for setting in args.set:
            name, _, value = setting.partition("=")
            psql(url, "ALTER SYSTEM SET %s = '%s'" % (name, value.replace("'", "''")), "SELECT pg_reload_conf()")
        settings = {}
        for name in ["server_version", "shared_buffers", "work_mem", "max_wal_size", "max_parallel_workers_per_gather",
                     "fsync", "synchronous_commit"]:
            settings[name] = psql(url, "SHOW " + name)[0][1]
        print("importing %d files …" % len(paths), file=sys.stderr)
        import_err, import_wall, import_rss = run_measured([binary, "import"] + paths + ["--into", url, "--lang", "en"])
        size_lines, _ = psql(url, "SELECT pg_database_size(current_database()) AS bytes")
        database_bytes = int(size_lines[1])
        baseline = baseline_possible(url)
        print("imported in %.1f s (%.0f facts/s), database %.2f GB (%.0f bytes per fact)%s" % (
            import_wall, args.facts / import_wall, database_bytes / 1e9, database_bytes / args.facts,
            "" if baseline else "; no %s(%s): no plain SQL beside" % (TABLE, AMOUNT_COLUMN)), file=sys.stderr)
        queries = [COUNT] + [next(q for q in QUERIES if q[0] == name) for name in NAMES]
        timed = []
        for name, query, sql in queries:
            entry = time_query(binary, url, name, query, plain_sql(sql), args.runs, args.query_timeout, baseline)
            if name == COUNT[0] and entry["outcome"] == "ok" and entry["output"][1:2] != [str(args.facts)]:
                entry["outcome"], entry["message"] = "wrong answer", "counted %s, imported %d" % (entry["output"][1:2], args.facts)
            timed.append(entry)
    finally:
        if folder:
            subprocess.run([os.path.join(ROOT, ".ci", "postgres-stop"), folder], check=False)
    result = {
        "facts": args.facts, "date": datetime.date.today().isoformat(), "machine": before,
        "fiscal": subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip(),
        "commit": os.environ.get("FISCAL_COMMIT") or subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                                                    capture_output=True, text=True).stdout.strip(),
        "server": settings, "own_server": folder is not None,
        "files": len(paths), "csv_bytes": sum(os.path.getsize(p) for p in paths), "generation": generation,
        "import_seconds": import_wall, "import_peak_rss": import_rss, "import_messages": import_err.strip().splitlines()[-3:],
        "database_bytes": database_bytes, "baseline": baseline, "runs": args.runs, "query_timeout": args.query_timeout,
        "open": timed[0], "queries": timed[1:],
    }
    os.makedirs(RESULTS, exist_ok=True)
    out = os.path.join(RESULTS, "postgres-%s-%s.json" % (label(args.facts), result["commit"]))
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=1)
    print("wrote", os.path.relpath(out, ROOT), file=sys.stderr)
    for e in timed:
        print("%-24s %-13s fiscal %s (wall %s)  psql %s%s" % (
            e["name"], e["outcome"], "%.3f s" % e["seconds"] if e["seconds"] is not None else "—", "%.3f s" % e["wall"],
            "%.3f s" % e["psql_seconds"] if "psql_seconds" in e else "—", "  " + e["message"] if e["message"] else ""))


if __name__ == "__main__":
    main()
