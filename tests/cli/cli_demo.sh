# SPDX-License-Identifier: Apache-2.0
#
# cli_demo.sh - accord demo end to end: the same seed gives the same partnership, another
# seed another one; the summary; who may see what in it; and the mix of name origins
# among residents and people of interest.
#
# Run as: bash cli_demo.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

P='cli demo test'
NAMES_C=$TESTS_DIR/../lib/demo/names.c
DEMO_ARGS=(demo --persons 1500 --of-interest 60)

# content DB: every person of DB as text, without ids or timestamps (agency by name).
content() {
    sqlite3 -batch "$1" "
select a.name, a.kind, a.country from agencies a order by a.name;
select a.name, u.username, u.display_name, u.vetting, u.roles, u.status
  from users u join agencies a on a.id = u.agency_id order by u.username;
select a.name, p.source_ref, p.dob
  from persons p join agencies a on a.id = p.agency_id order by a.name, p.source_ref;
select a.name, p.source_ref, n.seq, n.kind, n.given, n.middle, n.family, n.full_name, n.name_key
  from person_names n join persons p on p.id = n.person_id join agencies a on a.id = p.agency_id
  order by a.name, p.source_ref, n.seq;
select a.name, p.source_ref, d.seq, d.line, d.town, d.postcode, d.postcode_key, d.from_date, d.to_date
  from person_addresses d join persons p on p.id = d.person_id join agencies a on a.id = p.agency_id
  order by a.name, p.source_ref, d.seq;
select a.name, p.source_ref, i.seq, i.kind, i.value, i.value_key, i.issuer
  from person_identifiers i join persons p on p.id = i.person_id join agencies a on a.id = p.agency_id
  order by a.name, p.source_ref, i.seq;
select a.name, p.source_ref, t.token
  from person_name_tokens t join persons p on p.id = t.person_id join agencies a on a.id = p.agency_id
  order by a.name, p.source_ref, t.token;"
}

# --- the same seed, the same partnership ------------------------------------------------

accord --db "$T/a.db" "${DEMO_ARGS[@]}" --seed 5
exits 0 "demo --seed 5 builds a partnership"
SUMMARY=$OUT
like "$SUMMARY" '^created the demo partnership in .*a\.db \(seed 5\)$' "the summary names the database and seed"
like "$SUMMARY" '^  5 agencies, 15 users, [0-9,]+ person records; [0-9,]+ people are known to more than one agency$' \
    "the summary line reports agencies, users and persons"
like "$SUMMARY" '^    oversight\.auditor +auditor ' "the summary lists the users to act as"

accord --db "$T/b.db" "${DEMO_ARGS[@]}" --seed 5
exits 0 "demo --seed 5 again into another database"
# all but the audit key, which is new with every hub
is "$(grep -v '^  audit key ' <<<"${OUT//b.db/X.db}")" \
    "$(grep -v '^  audit key ' <<<"${SUMMARY//a.db/X.db}")" "the same seed gives the same summary"

content "$T/a.db" >"$T/a.txt"
content "$T/b.db" >"$T/b.txt"
ok "the content dump is not empty" test -s "$T/a.txt"
if cmp -s "$T/a.txt" "$T/b.txt"; then
    pass "the same seed gives identical persons, names, addresses and identifiers"
else
    fail "the same seed gives identical persons, names, addresses and identifiers" \
        "$(diff "$T/a.txt" "$T/b.txt" | head -n 20)"
fi

accord --db "$T/c.db" "${DEMO_ARGS[@]}" --seed 6
exits 0 "demo --seed 6 builds a partnership"
content "$T/c.db" >"$T/c.txt"
ok "another seed gives different persons" bash -c '! cmp -s "$1" "$2"' _ "$T/a.txt" "$T/c.txt"
ok "another seed gives different names" bash -c \
    '[ "$(sqlite3 "$1" "select full_name from person_names order by full_name")" != "$(sqlite3 "$2" "select full_name from person_names order by full_name")" ]' \
    _ "$T/a.db" "$T/c.db"

cp "$T/a.db" "$T/a.copy"
accord --db "$T/a.db" "${DEMO_ARGS[@]}" --seed 5
exits 1 "demo into an existing database exits 1"
like "$ERR" 'already exists' "demo into an existing database says it exists"
ok "demo into an existing database leaves it untouched" cmp -s "$T/a.db" "$T/a.copy"

accord --db "$T/d.db" demo --persons 0
exits 2 "demo --persons 0 exits 2"
accord --db "$T/d.db" demo --of-interest many
exits 2 "demo --of-interest with a non-number exits 2"
ok "a refused demo creates no database" test ! -e "$T/d.db"

# --- counts -----------------------------------------------------------------------------

DB=$T/a.db
N_PERSONS=$(sqlite3 -batch "$DB" 'select count(*) from persons')
SUMMARY_PERSONS=$(sed -n 's/^  5 agencies, 15 users, \([0-9,]*\) person records.*/\1/p' <<<"$SUMMARY")
is "${SUMMARY_PERSONS//,/}" "$N_PERSONS" "the summary's person count is what the hub holds"
N_COUNCIL=$(sqlite3 -batch "$DB" "select count(*) from persons where source_ref like 'BCC-%'")
is "$N_COUNCIL" 1500 "the council records each of the 1500 residents"
N_CTU=$(sqlite3 -batch "$DB" "select count(*) from persons where source_ref like 'WMCTU-%'")
is "$N_CTU" 60 "the CTU records each of the 60 people of interest"

accord --db "$DB" --as oversight.auditor status
exits 0 "status as oversight.auditor exits 0"
like "$OUT" "^  persons +$(python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$N_PERSONS") " "status counts the persons"
like "$OUT" '^  users +15$' "status counts 15 users"
like "$OUT" '^  agencies +5$' "status counts 5 agencies"

accord --db "$DB" --as ctp.analyst status
exits 1 "status as ctp.analyst is refused (exit 1)"
like "$ERR" 'not allowed' "a refused status says 'not allowed'"
is "$OUT" "" "a refused status prints no counts"

accord --db "$DB" --as admin user list
exits 0 "the demo administrator lists users"
is "$(grep -c '' "$T/.out")" 16 "user list shows 15 users and a header"

# --- who sees what ----------------------------------------------------------------------

accord --db "$DB" --as ctp.analyst --purpose "$P" export persons --format csv --out "$T/ctu.csv"
exits 0 "ctp.analyst exports the CTU's records"
accord --db "$DB" --as council.prevent --purpose "$P" export persons --format csv --out "$T/council.csv"
exits 0 "council.prevent exports the council's records"

ok "the CTU's export holds only WMCTU- records, all 60" python3 -c '
import csv, sys
refs = [r["source_ref"] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))]
assert len(refs) == 60 and all(r.startswith("WMCTU-") for r in refs), refs[:5]
' "$T/ctu.csv"
ok "the council's export holds only BCC- records, all 1500" python3 -c '
import csv, sys
refs = [r["source_ref"] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))]
assert len(refs) == 1500 and all(r.startswith("BCC-") for r in refs), refs[:5]
' "$T/council.csv"

# A family name both the CTU and the council hold, to search as each.
SHARED=$(python3 -c '
import csv, sys
def fam(p):
    return {r["family_name"] for r in csv.DictReader(open(p, newline="", encoding="utf-8"))
            if r["family_name"].isascii() and r["family_name"].isalpha()}
both = sorted(fam(sys.argv[1]) & fam(sys.argv[2]))
print(both[0] if both else "")
' "$T/ctu.csv" "$T/council.csv")
isnt "$SHARED" "" "some family name is held by both the CTU and the council"

# The REFERENCE column of the search table in $T/.out (SCORE and WHY follow it).
ref_column() {
    awk 'NR == 1 { c = index($0, "REFERENCE") } NR > 1 { s = substr($0, c); sub(/ .*/, "", s); print s }' "$T/.out"
}

accord --db "$DB" --as ctp.analyst --purpose "$P" person search "$SHARED"
exits 0 "ctp.analyst searches '$SHARED'"
REFS=$(ref_column)
isnt "$REFS" "" "ctp.analyst's search finds someone"
unlike "$REFS" '^([^W]|W[^M]|WM[^C]|WMC[^T]|WMCT[^U]|WMCTU[^-])' "ctp.analyst's search shows only WMCTU- references"
is "$(grep -c '' <<<"$REFS")" "$(grep -c '^WMCTU-' <<<"$REFS")" "every row of ctp.analyst's search is a CTU record"

accord --db "$DB" --as council.prevent --purpose "$P" person search "$SHARED"
exits 0 "council.prevent searches '$SHARED'"
REFS=$(ref_column)
isnt "$REFS" "" "council.prevent's search finds someone"
is "$(grep -c '' <<<"$REFS")" "$(grep -c '^BCC-' <<<"$REFS")" "every row of council.prevent's search is a council record"

accord --db "$DB" --as retail.reporter --purpose "$P" person search "$SHARED"
exits 1 "retail.reporter (a reporter) cannot search records"
is "$OUT" "" "a refused search prints no records"

# --- the mix of name origins ------------------------------------------------------------

ok "lib/demo/names.c is readable for the origin checks" test -r "$NAMES_C"

# origins NAMES_C CSV: "N_ORIGINS N_CLASSIFIED TOP_SHARE_PERCENT ORIGIN:COUNT..." for the
# family names of CSV that occur in exactly one pool's family table of names.c.
origins() {
    python3 -c '
import collections, csv, re, sys
src = open(sys.argv[1], encoding="utf-8").read()
pools = {}
for m in re.finditer(r"aci_name_group\s+(\w+)_family\[\]\s*=\s*\{(.*?)\n\};", src, re.S):
    for sp in re.findall(r"\{\s*\"([^\"]+)\"\s*,\s*\d+\s*\}", m.group(2)):
        for name in sp.split("|"):
            pools.setdefault(name, set()).add(m.group(1))
if len({p for s in pools.values() for p in s}) < 5:
    print("0 0 100 parse-failed")
    sys.exit(0)
seen = collections.Counter()
for r in csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8")):
    owners = pools.get(r["family_name"], set())
    if len(owners) == 1:
        seen[next(iter(owners))] += 1
total = sum(seen.values())
top = 100 * max(seen.values()) // total if total else 100
print(len(seen), total, top, " ".join("%s:%d" % kv for kv in seen.most_common()))
' "$1" "$2"
}

read -r C_ORIGINS C_TOTAL _ C_DETAIL <<<"$(origins "$NAMES_C" "$T/council.csv")"
diag "council family names by origin: $C_DETAIL"
ok "council records: most family names are recognised (${C_TOTAL:-0} of 1500)" test "${C_TOTAL:-0}" -ge 1000
ok "council records: at least 5 origins of names are visible (${C_ORIGINS:-0})" test "${C_ORIGINS:-0}" -ge 5

read -r I_ORIGINS I_TOTAL I_TOP I_DETAIL <<<"$(origins "$NAMES_C" "$T/ctu.csv")"
diag "people of interest's family names by origin: $I_DETAIL"
ok "people of interest: most family names are recognised (${I_TOTAL:-0} of 60)" test "${I_TOTAL:-0}" -ge 30
ok "people of interest: not from one origin only (${I_ORIGINS:-0} origins)" test "${I_ORIGINS:-0}" -ge 3
ok "people of interest: no origin has 90% or more of them (top ${I_TOP:-100}%)" test "${I_TOP:-100}" -lt 90

done_testing
