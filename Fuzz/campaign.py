#!/usr/bin/env python3
"""A bad-input campaign against the real fiscal binary, of the kind that found issue 11's defects.

Mutated reports (narrative, tables, CSV, JSON from Examples/) are loaded and queried; generated
queries (from the grammar of docs/LANGUAGE.md, with hostile literals) run against the bundled
examples, each given as a script on standard input (`fiscal -f -`). Every run is one process of the real binary, with a time limit. A run FAILS when:

  - the process dies on a signal or with an exit code fiscal never uses (not 0, 1, 2 or 3);
  - it takes longer than the time limit (a hang, or a reader that is not linear);
  - its output (stdout or stderr) holds a raw control character other than a line feed
    (strings from files and queries must reach a terminal escaped);
  - a query exits 0 but prints an `error:` line, or exits non-zero without saying why.

Usage:
  Fuzz/campaign.py [--reports N] [--queries N] [--seed S] [--jobs J] [--timeout SEC] [--binary PATH] [--from K]

`--from K` resumes an interrupted campaign: the same seed makes the same inputs and queries in the
same order, and the first K runs (reports first, then queries) are made but not run again.

It builds nothing: pass a release build (`swift build -c release`, then `--binary
.build/release/fiscal`). Failing inputs are written to .fuzz/campaign/ with the command that ran
them; the summary line is what docs/RELIABILITY.md records.
"""
import argparse
import concurrent.futures
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".fuzz" / "campaign"
EXIT_CODES = {0, 1, 2, 3}
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(r"\x1b\[[0-9;]*m")

FIELDS = ["entity", "year", "phase", "statement", "item", "code", "econ_code", "fund", "measure",
          "amount", "unit", "derived", "file", "line", "disputed", "类", "款", "项", "单位", "年度", "金额",
          "科目", "编码", "栏"]
TEXTS = ["基本支出", "项目支出", "一般公共预算财政拨款支出", "三公经费", "合计", "决算", "预算", "201", "20131",
         "2013101", "万元", "元", "", "\x1b[2J", "\x00", "\x7f", "\u202e", "a\tb", "行政运行", "%", "\\", "\"",
         "一" * 300, "中共", "（类）"]
NUMBERS = ["0", "1", "-1", "0.01", "2020", "99999999999999999999999999999", "1e5", "0.0000000000000000001",
           "123456789012345678901234567890123456789", "10000", "3.14159", "-0", "7"]


def literal(r):
    k = r.random()
    if k < 0.4:
        return '"' + r.choice(TEXTS).replace('"', '\\"') + '"'
    if k < 0.8:
        return r.choice(NUMBERS)
    return r.choice(["true", "false", "null"])


def expr(r, depth=0):
    if depth > 3 or r.random() < 0.3:
        return r.choice(FIELDS) if r.random() < 0.6 else literal(r)
    k = r.random()
    if k < 0.3:
        return f"{expr(r, depth + 1)} {r.choice(['+', '-', '*', '/'])} {expr(r, depth + 1)}"
    if k < 0.6:
        return f"{expr(r, depth + 1)} {r.choice(['=', '!=', '<', '<=', '>', '>=', '~'])} {expr(r, depth + 1)}"
    if k < 0.7:
        return f"{expr(r, depth + 1)} {r.choice(['and', 'or'])} {expr(r, depth + 1)}"
    if k < 0.8:
        return f"code under \"{r.choice(['201', '20131', '2013101', '208', '2', ''])}\""
    if k < 0.9:
        return f"({expr(r, depth + 1)})"
    return f"{r.choice(FIELDS)} in [{literal(r)}, {literal(r)}]"


def stage(r):
    k = r.randrange(16)
    f = lambda: r.choice(FIELDS)
    return [
        lambda: f"where {expr(r)}",
        lambda: f"group {f()}" + (f", {f()}" if r.random() < 0.4 else ""),
        lambda: f"{r.choice(['sum', 'count', 'avg', 'min', 'max'])} {expr(r) if r.random() < 0.7 else ''}",
        lambda: f"agg {r.choice(['s', 'x'])} = {r.choice(['sum', 'avg', 'min', 'max'])}({expr(r)})",
        lambda: f"sort {expr(r)} {r.choice(['asc', 'desc', ''])}",
        lambda: f"limit {r.choice(['0', '1', '5', '99999999999999999999'])}",
        lambda: f"top {r.choice(['1', '3', '10'])} by {expr(r)}",
        lambda: f"share {expr(r)}" + (f" by {f()}" if r.random() < 0.3 else ""),
        lambda: f"select {f()}, {expr(r)}",
        lambda: f"derive {r.choice(['x', 'y', '`a b`', '`' + chr(0x7f) + '`'])} = {expr(r)}",
        lambda: f"drill {r.choice(['', '201', '20131', '2013101', '208'])} {r.choice(['', 'depth 1', 'depth 2', 'depth 3'])}",
        lambda: f"compare {r.choice(['year', 'phase', 'entity', 'measure', 'statement'])}",
        lambda: f"compare year {r.choice(['2019 2020', '2020 2021', '2019 2020 2021', '1 2'])}",
        lambda: f"chart {r.choice(['', 'bar', 'pie'])} {r.choice(['', 'title ' + literal(r)])}",
        lambda: "check",
        lambda: f"where {f()} = {literal(r)}",
    ][k]()


def query(r):
    head = r.choice(["facts", "facts", "facts", "warnings", "drill", "drill 201", "check", "explain facts"])
    stages = [stage(r) for _ in range(r.randrange(0, 5))]
    q = " | ".join([head] + stages)
    if r.random() < 0.1:  # byte-level damage to the query text itself
        b = bytearray(q.encode())
        for _ in range(r.randrange(1, 4)):
            if b:
                b[r.randrange(len(b))] = r.randrange(256)
        q = b.decode("utf-8", "replace")
    return q.replace("\n", " ")


def mutate(data: bytes, r) -> bytes:
    lines = data.split(b"\n")
    for _ in range(r.randrange(1, 8)):
        k = r.randrange(9)
        if not lines:
            break
        i = r.randrange(len(lines))
        if k == 0:
            del lines[i]
        elif k == 1:
            lines.insert(i, lines[r.randrange(len(lines))])
        elif k == 2:
            lines[i] = lines[i] * r.randrange(2, 50)
        elif k == 3 and lines[i]:
            b = bytearray(lines[i]); b[r.randrange(len(b))] = r.randrange(256); lines[i] = bytes(b)
        elif k == 4:
            lines[i] = re.sub(rb"\d+\.\d+", lambda m: r.choice([b"-" + m.group(0), b"99999999999999999999999999999999999999.99", b"0", m.group(0) + b"0" * 30]), lines[i])
        elif k == 5 and lines[i]:
            cut = r.randrange(len(lines[i])); lines[i] = lines[i][:cut]
        elif k == 6:
            lines[i:i] = [b"\t" + lines[i]] * r.randrange(1, 200)
        elif k == 7:
            lines[i] += r.choice([b"\x1b]0;title\x07", b"\x00", b"\xff\xfe", b"\xe4\xb8", b"\r", b"\x7f"])
        else:
            j = r.randrange(len(lines)); lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def run(args, binary, timeout, stdin=None):
    start = time.monotonic()
    try:
        p = subprocess.run([binary, *args], input=stdin, capture_output=True, timeout=timeout,
                           env={**os.environ, "NO_COLOR": "1", "LANG": "C.UTF-8"})
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - start, b""
    text = (p.stdout + p.stderr).decode("utf-8", "replace")
    if p.returncode < 0 or p.returncode not in EXIT_CODES:
        return f"exit {p.returncode}", 0, p.stderr[-2000:]
    if CONTROL.search(SGR.sub("", text)):
        c = CONTROL.search(SGR.sub("", text)).group(0)
        return f"raw control U+{ord(c):04X} in output", 0, text[-2000:].encode()
    if p.returncode == 0 and re.search(r"^error:", text, re.M):
        return "exit 0 after an error", 0, text[-2000:].encode()
    if p.returncode != 0 and not text.strip():
        return f"exit {p.returncode} without a message", 0, b""
    return None, time.monotonic() - start, b""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--binary", default=str(ROOT / ".build/release/fiscal"))
    ap.add_argument("--from", dest="start", type=int, default=0,
                    help="skip the first K runs of this seed (to resume an interrupted campaign)")
    a = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in (ROOT / "Examples").rglob("*") if p.suffix in {".txt", ".csv", ".json"} and p.is_file())
    sources = [p for p in sources if "lessons" not in p.parts]
    r = random.Random(a.seed)
    work = []
    for n in range(a.reports):
        src = r.choice(sources)
        data = mutate(src.read_bytes(), r)
        path = OUT / f"in-{a.seed}-{n}{src.suffix}"
        if n >= a.start:
            path.write_bytes(data)
        q = query(r) if r.random() < 0.5 else r.choice(["facts | count", "check", "drill", "facts | group 类 | sum amount"])
        work.append(("report", ["-f", "-", str(path)], path, q))
    examples = [str(ROOT / "Examples/county-office-2019-2021.csv"), str(ROOT / "Examples/wusheng-2020-决算.txt")]
    for n in range(a.queries):
        q = query(r)
        work.append(("query", ["-o", r.choice(["table", "csv", "json", "markdown", "html", "svg"]), "-f", "-", r.choice(examples)], None, q))
    work = work[a.start:]
    failures, slowest, kept = {}, (0.0, ""), 0

    def one(item):
        kind, args, path, q = item
        return item, run(args, a.binary, a.timeout, stdin=q.encode("utf-8", "surrogateescape") + b"\n")

    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        for (kind, args, path, q), (failure, seconds, detail) in pool.map(one, work):
            if seconds > slowest[0]:
                # named by its command and script, so that it can be run again by hand
                slowest = (seconds, f"fiscal {' '.join(args)} <<< {q!r}")
            if failure:
                failures.setdefault(failure, 0)
                failures[failure] += 1
                f = OUT / f"fail-{a.seed}-{len(os.listdir(OUT))}.txt"
                f.write_text(f"{failure}\nfiscal {' '.join(args)}   (script on stdin: {q!r})\n\n{detail.decode('utf-8', 'replace')}\n")
            elif path is not None:
                path.unlink()
    print(f"campaign (seed {a.seed}): {a.reports} mutated reports, {a.queries} generated queries on {a.binary}"
          + (f" from run {a.start} on ({len(work)} runs)" if a.start else "") + "; "
          f"slowest run {slowest[0]:.1f} s; " + ("no failure" if not failures else
          "FAILURES: " + ", ".join(f"{k}: {v}" for k, v in sorted(failures.items())) + f" (in {OUT})"))
    print(f"slowest: {slowest[1]}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
