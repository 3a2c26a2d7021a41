#!/usr/bin/env python3
"""Writes a folder of different-but-similar narrative reports for the reading benchmark.

    Benchmarks/narrative_corpus.py OUT_DIR [COUNT]   (default 200 reports)

Each report is one of the narratives in the repository (the Sichuan seed
Examples/wusheng-2020-决算.txt and the narrative-only Jiangsu 部门预算 05, 07 and 09 of
Examples/corpus/jiangsu), with the body it names changed (another county or department
name, so no two reports are one entity) and every amount written with two decimals scaled by
its own factor (so no two reports state the same figures). Thousands-separated amounts and
years are left as written. Nothing is kept between runs: the folder is made for the run.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASES = [
    ("Examples/wusheng-2020-决算.txt", ["武胜县委员会办公室", "县委办"]),
    ("Examples/corpus/jiangsu/05_江苏省委办公厅_2017_部门预算.txt", ["江苏省委办公厅", "省委办公厅"]),
    ("Examples/corpus/jiangsu/07_江苏省委办公厅_2018_部门预算.txt", ["江苏省委办公厅", "省委办公厅"]),
    ("Examples/corpus/jiangsu/09_江苏省政协办公厅_2017_部门预算.txt", ["江苏省政协办公厅", "省政协办公厅"]),
]
# Place names made of two of these characters: 196 different bodies per base.
CHARS = "安平宁远德阳江河山川东西南北"
AMOUNT = re.compile(r"(?<![\d.,])(\d{1,7})\.(\d{2})(?![\d])")


def place(i):
    return CHARS[i % len(CHARS)] + CHARS[(i // len(CHARS)) % len(CHARS)]


def varied(text, names, i):
    p = place(i)
    for name in names:
        # 武胜县委员会办公室 → 安平县委员会办公室; 江苏省委办公厅 → 安平省委办公厅
        if name.startswith("武胜"):
            text = text.replace(name, p + name[2:])
        elif name.startswith("江苏"):
            text = text.replace(name, p + name[2:])
    factor = 1000 + 7 * (i + 1)

    def scale(m):
        cents = int(m.group(1)) * 100 + int(m.group(2))
        cents = cents * factor // 1000
        return "%d.%02d" % (cents // 100, cents % 100)

    return AMOUNT.sub(scale, text)


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    os.makedirs(out, exist_ok=True)
    texts = [(path, open(os.path.join(ROOT, path), encoding="utf-8").read(), names) for path, names in BASES]
    total = 0
    for i in range(count):
        path, text, names = texts[i % len(texts)]
        body = varied(text, names, i // len(texts))
        name = "%03d_%s" % (i, os.path.basename(path))
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(body)
        total += len(body.encode("utf-8"))
    print(total)


if __name__ == "__main__":
    main()
