# SPDX-License-Identifier: Apache-2.0
#
# cli_small.sh - the smaller defects a first user hits (issue 14.13, and the workflow
# fields of 14.6): --since after --until, a truth file with no pair, a day where a time is
# asked, grades in any case, the watchlist list's header, counts in the singular, the hub's
# own export read by 'accord link', the pairs with names, and the fields and values 'case
# --help' lists; an expiry as a span from now (90d).
#
# Run as: bash cli_small.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
P='cli small test'

as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose "$P" "$@"
}

accord --db "$DB" demo --persons 200 --of-interest 10 --seed 5 --no-work
exits 0 "set-up: demo partnership"

# --- --since after --until is refused, not an empty report ------------------------------
as oversight.auditor audit oversight --since 2026-10-01 --until 2026-07-01
exits 1 "--since after --until is refused"
like "$ERR" "since: 2026-10-01 is after until 2026-07-01" "the refusal names both and the fault"
as oversight.auditor audit oversight --since 2026-07-01 --until 2026-10-01
exits 0 "the period the right way round is reported"

# --- a day where a time is asked: midnight UTC --------------------------------------------
as retail.reporter report submit --when 2026-01-10 --substance 'hydrogen peroxide' \
    --concentration 35 --quantity '1 L' --indicators nervous
exits 0 "report submit --when 2026-01-10 (a day) is taken"
is "$(sqlite3 "$DB" "select occurred_at from reports order by rowid desc limit 1")" \
    "2026-01-10T00:00:00.000Z" "as midnight UTC at its start"

# --- an expiry as a span from now, so that examples never go stale ----------------------
as ss.analyst token create ss.analyst --scopes items:read --expires 90d
exits 0 "token create --expires 90d is taken"
want=$(date -u -d '+90 days' +%Y-%m-%d)
is "$(sqlite3 "$DB" "select substr(expires_at, 1, 10) from api_tokens order by rowid desc limit 1")" \
    "$want" "as 90 days from now"
as ss.analyst token create ss.analyst --scopes items:read --expires 90x
exits 1 "an expiry that is neither a time, a day nor a span is refused"
like "$ERR" "expires: an RFC 3339 time" "saying what an expiry is"

# --- grades are case-insensitive, like classifications ------------------------------------
as ctp.analyst item add --classification official --grade 2bc --conditions 'No onward disclosure' \
    --text 'Seen at the depot'
exits 0 "--grade 2bc is taken"
as ctp.analyst item list
like "$OUT" "^[0-9A-Z]{26} +official +2BC " "and kept as 2BC"
# --- counts in the singular ---------------------------------------------------------------
like "$ERR" "^1 item$" "one item is '1 item'"

printf 'id,name,dob\nE1,Mohammed Yusuf Khan,1980-04-01\nE2,Jane Doe,\n' >list.csv
accord screen 'Muhammad Yusuf Khan' --dob 1980-04-01 --list list.csv --threshold 0.9
exits 0 "a name is screened"
like "$ERR" "^1 hit at or above 0.90 among 2 listed names$" "one hit is '1 hit'"

# --- watchlist list prints its header, with or without lists -------------------------------
as ctp.duty watchlist list
exits 0 "watchlist list with no list"
like "$OUT" "^NAME +FORMAT +SIZE +IMPORTED +ID$" "prints its header"
like "$OUT" "^0 lists$" "and the count"
as ctp.analyst watchlist import list.csv --format csv --name 'Partnership list'
as ctp.duty watchlist list
like "$OUT" "^NAME +FORMAT +SIZE +IMPORTED +ID$" "the header above the lists"
like "$OUT" "^Partnership list +csv +2 names " "the list below it"
like "$OUT" "^1 list$" "one list is '1 list'"

# --- accord link reads the hub's own export (hub_id), and writes names if asked -------------
as ctp.analyst person add --given Aisha --family Rahman --dob 1990-04-01 --postcode 'B11 4AA'
as ctp.analyst person add --given Aysha --family Rahman --dob 1990-04-01 --postcode 'B11 4AA'
exits 0 "set-up: one woman recorded twice"
as ctp.analyst export persons --format csv --out export.csv
exits 0 "set-up: the hub's export"
like "$(head -1 export.csv)" "^hub_id," "whose id column is hub_id"
accord link --dedupe export.csv --out pairs.csv --threshold 0.01 --with-names
exits 0 "accord link --dedupe reads the export"
like "$ERR" "hub_id -> id" "its hub_id is the id"
is "$(head -1 pairs.csv)" "left_id,right_id,match_probability,match_weight,left_name,right_name" \
    "--with-names adds the names' columns after the four every reader takes"
python3 - export.csv pairs.csv <<'PY'
import csv, sys
names = {r["hub_id"]: r["full_name"] or " ".join(
    v for v in (r["given_name"], r["middle_name"], r["family_name"]) if v)
    for r in csv.DictReader(open(sys.argv[1]))}
rows = list(csv.DictReader(open(sys.argv[2])))
assert rows, "no pairs"
for r in rows:
    assert r["left_name"] == names[r["left_id"]], (r, names[r["left_id"]])
    assert r["right_name"] == names[r["right_id"]], (r, names[r["right_id"]])
PY
exits 0 "each pair carries the names its ids have in the export"
head -1 pairs.csv >truth.csv
sed -n 2p pairs.csv | cut -d, -f1,2 >>truth.csv
accord link evaluate --truth truth.csv pairs.csv
exits 0 "a pairs file with names is evaluated"

# --- link evaluate refuses a truth file with no usable row -----------------------------------
printf 'left_id,right_id\n\n' >empty_truth.csv
accord link evaluate --truth empty_truth.csv pairs.csv
exits 1 "a truth file with no pair is refused"
like "$ERR" "empty_truth.csv: no true pair" "naming the file and what is missing"

# --- case --help lists every field and every value it takes (issue 14.6) ----------------------
accord case --help
exits 0 "case --help"
like "$OUT" "^  consent_method +in_person, in_writing, by_telephone, through_an_advocate$" \
    "a field's values, all of them"
like "$OUT" "^  consent_on +a date \(YYYY-MM-DD\)$" "a date field says so"
printf '%s\n' "$OUT" >case_help.txt
python3 - "$TESTS_DIR/../data/workflows/values.csv" case_help.txt <<'PY'
import csv, sys
text = open(sys.argv[2]).read()
rows = [l for l in open(sys.argv[1]) if not l.startswith("#")]
for r in csv.DictReader(rows):
    line = [l for l in text.splitlines() if l.startswith("  " + r["field"] + " ")]
    assert line, "field %s missing from --help" % r["field"]
PY
exits 0 "every field of values.csv is in --help"

done_testing
