#!/bin/sh
# bench.sh BUILD_DIR - the benchmarks, with their figures printed.  Peers run on the same
# data in the same run and are reported as ratios.
#   import: 1,000,000 synthetic persons (BENCH_ROWS to change) through 'accord import'
#   peer:   sqlite3's own .import of the same CSV into one untyped table, with no
#           validation, normalisation, name index or audit: the floor for SQLite loading
#   link:   Jaro-Winkler, scoring, FEBRL4 accuracy and a 1,000,000-person dedupe
#           (BENCH_LINK_ROWS to change); Splink cannot be installed here, so its published
#           rate is quoted
#   pprl:   Dice comparisons/s per kernel on one core, encoding records/min, FEBRL4 and
#           anonlink-fixture F1, and per hardening option its F1 and a frequency attack's
#           re-identification rate (bench/bench_pprl.c); anonlink's measured rate is quoted
#   search: person search p50/p99 over 1,000,000 persons imported with the name-key index
#           (BENCH_SEARCH_ROWS to change); target p99 <= 20 ms
#   screen: accuracy on the labelled pairs, OFAC load and query speed, false alerts by
#           name origin
#   http:   an authenticated GET of a person; a report screened against OFAC SDN + ALT and
#           the partners' persons, raising its alert, as one POST (report to alert)
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
echo "== subject resolution on write: ${BENCH_SUBJECT_ROWS:-100000} persons of two agencies"
"$build/bench/bench_subject" "${BENCH_SUBJECT_ROWS:-100000}" "$dir"

echo
echo "== controlled sharing and audit"
"$build/bench/bench_audit" "${BENCH_READS:-20000}" "$dir"

echo
echo "== record linkage (FEBRL4 from ../shared/data; BENCH_LINK_ROWS synthetic persons deduplicated)"
febrl=$(cd "$(dirname "$0")/../.." && pwd)/shared/data/linkage/febrl
"$build/bench/bench_link" "$febrl" "${BENCH_LINK_ROWS:-1000000}" "$febrl/../splink/historical_figures_with_errors_50k.csv"

echo
echo "== privacy-preserving linkage: Dice kernels, encoding, FEBRL4 and anonlink F1, hardening"
"$build/bench/bench_pprl" "$(cd "$(dirname "$0")/.." && pwd)" "$febrl/.." "${BENCH_PPRL_B:-200000}"

echo
echo "== person search: every spelling over ${BENCH_SEARCH_ROWS:-1000000} persons (issue 15.6)"
"$build/bench/bench_search" "${BENCH_SEARCH_ROWS:-1000000}" "$dir" "${BENCH_SEARCHES:-2000}"

echo
echo "== name screening (nk_name_bench_cases.csv from ../shared/data/screening)"
"$build/bench/bench_screen" "$(cd "$(dirname "$0")/../.." && pwd)/shared/data/screening"

echo
echo "== HTTP: an authenticated, audited GET of a person record (wrk, 64 connections, 10 s)"
accord=$build/cli/accord
port=${BENCH_PORT:-18181}
"$accord" --db "$dir/http.db" demo --persons 2000 --of-interest 50 >/dev/null
"$accord" --db "$dir/http.db" serve --listen "127.0.0.1:$port" --openapi docs/openapi.json \
    --rate-limit 0 \
    2>"$dir/serve.log" &
server=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
    curl -s "http://127.0.0.1:$port/readyz" >/dev/null && break
    sleep 0.2 # waiting for the server to listen, not a timing measurement
done
token=$(curl -s -i -H 'Content-Type: application/json' \
    -d '{"username":"ctp.analyst","password":"accord-demo-password"}' \
    "http://127.0.0.1:$port/api/v1/session" | sed -n 's/.*accord_session=\([0-9a-f]*\).*/\1/p')
id=$(curl -s -H "Cookie: accord_session=$token" -H 'Accord-Purpose: benchmark' \
    "http://127.0.0.1:$port/api/v1/persons?name=a&limit=1" | sed -n 's/^{"persons":\[{"id":"\([0-9A-Z]*\)".*/\1/p')
wrk -t 2 -c 64 -d 10s --latency -H "Cookie: accord_session=$token" \
    -H 'Accord-Purpose: benchmark' "http://127.0.0.1:$port/api/v1/persons/$id" |
    grep -E 'Requests/sec|99%|Non-2xx|Socket errors' || true

echo
echo "== HTTP: report to alert - POST /reports screened against OFAC SDN + ALT and 2,000"
echo "   persons, each raising an alert in the same transaction (wrk, 8 connections, 10 s)"
screening=$(cd "$(dirname "$0")/../.." && pwd)/shared/data/screening
ACCORD_PASSWORD=accord-demo-password "$accord" --db "$dir/http.db" --as ctp.analyst --purpose benchmark watchlist import \
    "$screening/ofac_sdn_2021.csv" --format ofac --alt "$screening/ofac_alt_2021.csv" \
    --name 'OFAC SDN'
expires=$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)
ACCORD_PASSWORD=accord-demo-password "$accord" --db "$dir/http.db" --as retail.admin user add retail.till --service \
    --agency "Brindley Chemicals Ltd" --roles reporter --vetting none >/dev/null
till=$(ACCORD_PASSWORD=accord-demo-password "$accord" --db "$dir/http.db" --as retail.admin token create retail.till \
    --scopes reports:submit --expires "$expires" | sed -n 's/^secret  *//p')
sqlite3 "$dir/http.db" "select name from watchlist_names where name not like '%\"%'
    and length(name) > 8 order by seq limit 2000" >"$dir/names.txt"
before=$(sqlite3 "$dir/http.db" 'select count(*) from alerts')
BENCH_TOKEN=$till BENCH_NAMES=$dir/names.txt wrk -t 2 -c 8 -d 10s --latency \
    -s "$(dirname "$0")/../bench/report.lua" "http://127.0.0.1:$port" |
    grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors' || true
reports=$(sqlite3 "$dir/http.db" 'select count(*) from reports')
alerts=$(( $(sqlite3 "$dir/http.db" 'select count(*) from alerts') - before ))
echo "reports stored: $reports; alerts raised: $alerts (target: report to alert p99 <= 1 s)"
kill -TERM "$server"
wait "$server" || true

echo
echo "== web application: the first page's JavaScript + CSS, compressed (issue 16)"
node "$(dirname "$0")/../bench/web_first_page.mjs" "$build"
echo "== web application: request to the person page rendered (issue 16)"
node "$(dirname "$0")/../bench/web_person_page.mjs" "$build"
