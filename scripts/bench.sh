#!/bin/sh
# bench.sh BUILD_DIR - the benchmarks, with their figures printed.  Peers run on the same
# data in the same run and are reported as ratios.
#   import: 1,000,000 synthetic persons (BENCH_ROWS to change) through 'accord import'
#   peer:   sqlite3's own .import of the same CSV into one untyped table, with no
#           validation, normalisation, name index or audit: the floor for SQLite loading
set -eu
build=$1
rows=${BENCH_ROWS:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

echo "== import: $rows persons into SQLite"
out=$(BENCH_KEEP_CSV=1 "$build/bench/bench_import" "$rows" "$dir")
echo "$out"
accord_rate=$(echo "$out" | sed -n 's/.*= \([0-9]*\) rows\/s.*/\1/p')

csv="$dir/bench-import-$rows.csv"
if command -v sqlite3 >/dev/null 2>&1; then
    start=$(date +%s.%N)
    sqlite3 "$dir/peer.db" ".mode csv" ".import $csv persons"
    end=$(date +%s.%N)
    python3 - "$rows" "$start" "$end" "$accord_rate" <<'PY'
import sys
rows, start, end, accord = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
peer = rows / (end - start)
print(f"peer sqlite3 .import (no validation, no index): {peer:,.0f} rows/s")
print(f"accord import / sqlite3 .import = {accord / peer:.2f}")
PY
fi

echo
echo "== controlled sharing and audit"
"$build/bench/bench_audit" "${BENCH_READS:-20000}" "$dir"
