#!/bin/sh
# Start-up with a report loaded: the whole process of `fiscal -e facts FILE` (load the
# bundled CSV, run a query, render the table, exit), timed from outside by farm-bench.
# The goal is under 100 ms. Usage: Benchmarks/startup.sh [debug|release]
set -e
cd "$(dirname "$0")/.."
config="${1:-release}"
swift build -c "$config" --product fiscal >/dev/null
farm-bench -n 20 --warmup 3 -- ".build/$config/fiscal" -e facts Examples/county-office-2019-2021.csv
