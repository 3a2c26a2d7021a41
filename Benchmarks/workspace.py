#!/usr/bin/env python3
"""A workspace of N synthetic facts: how long `fiscal import` takes, and how long opening it takes.

The corpus is compare.py's (fiscal's canonical CSV, 3,000 entities, years 2016-2025, 540 项
codes). The script imports it into a workspace once, then opens the workspace --runs times with
`fiscal -X -e :quit WORKSPACE` — the work before a first prompt — and keeps the best; it also times
one grouped query under each engine (`:timing`). Results go to Benchmarks/results/workspace-N.json
(compare.py's docs/PERFORMANCE.md reads only its own facts-N.json files).

    Benchmarks/workspace.py                  # 1M facts
    Benchmarks/workspace.py --facts 250k --fiscal .build/debug/fiscal

The issue's goal: a 10M-fact workspace opens to a first prompt in under 2 s.
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import ROOT, RESULTS, corpus, fiscal_binary, label, machine, parse_size, run_measured  # noqa: E402

QUERY = 'facts | where code under 201 | group year | agg n = count(), total = sum(amount)'


def timed_query(binary, workspace, engine, timeout):
    """The query's time under `engine` (`:timing`); a run over `timeout` seconds is stopped and
    recorded as such (the SQL engine's guards do not scale yet: see docs/PERFORMANCE.md)."""
    script = ":timing on\n%s\n" % QUERY
    with tempfile.NamedTemporaryFile("w", suffix=".fql", delete=False, encoding="utf-8") as f:
        f.write(script)
        path = f.name
    start = time.perf_counter()
    try:
        p = subprocess.run([binary, "-X", "--engine", engine, "-o", "csv", "-f", path, workspace],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "timed_out": timeout, "ran_in_memory": False, "wall": time.perf_counter() - start}
    finally:
        os.unlink(path)
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode != 0:
        sys.exit("the %s query failed (%d):\n%s" % (engine, p.returncode, err[-3000:]))
    times = [float(t.replace(",", "")) / 1000 for t in re.findall(r"Time: ([\d.,]+) ms", err)]
    fell_back = "ran in memory" in err
    return {"seconds": times[-1] if times else None, "ran_in_memory": fell_back, "wall": time.perf_counter() - start}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--facts", type=parse_size, default=1_000_000, help="facts in the corpus (default 1M)")
    ap.add_argument("--runs", type=int, default=3, help="openings; the best is kept (default 3)")
    ap.add_argument("--query-timeout", type=int, default=300, help="seconds a query may take (default 300)")
    ap.add_argument("--fiscal", help="the fiscal binary (default: build .build/release/fiscal)")
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "fiscal-bench"),
                    help="where the CSV and the workspace are kept")
    args = ap.parse_args()
    binary = fiscal_binary(args.fiscal)
    csv_path = corpus(args.data, args.facts)
    workspace = os.path.join(args.data, "facts-%s.fiscal" % label(args.facts))
    for suffix in ["", "-journal", "-wal", "-shm"]:
        if os.path.exists(workspace + suffix):
            os.unlink(workspace + suffix)
    print("importing …", file=sys.stderr)
    _, import_wall, import_rss = run_measured([binary, "import", csv_path, "--into", workspace])
    print("opening …", file=sys.stderr)
    opens = [run_measured([binary, "-X", "-e", ":quit", workspace]) for _ in range(args.runs)]
    best = min(opens, key=lambda o: o[1])
    result = {
        "facts": args.facts, "date": datetime.date.today().isoformat(), "machine": machine(),
        "fiscal": subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip(),
        "commit": os.environ.get("FISCAL_COMMIT") or subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                                                    capture_output=True, text=True).stdout.strip(),
        "csv_bytes": os.path.getsize(csv_path), "workspace_bytes": os.path.getsize(workspace),
        "import_seconds": import_wall, "import_peak_rss": import_rss,
        "open_seconds": best[1], "open_peak_rss": best[2], "open_runs": [o[1] for o in opens],
        "query": QUERY, "memory": timed_query(binary, workspace, "memory", args.query_timeout),
        "sql": timed_query(binary, workspace, "sql", args.query_timeout),
    }
    os.makedirs(RESULTS, exist_ok=True)
    out = os.path.join(RESULTS, "workspace-%s.json" % label(args.facts))
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=2)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
