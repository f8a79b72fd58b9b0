# SPDX-License-Identifier: Apache-2.0
#
# cli_export.sh - accord export persons end to end: CSV and JSON Lines, the CSV reading
# back into a fresh hub unchanged, --purpose, and an agency's export holding only its
# own records.
#
# Run as: bash cli_export.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
CTU='West Midlands CTU'
BCC='Birmingham City Council'
P='cli export test'

accord --db "$DB" init --agency "$CTU" --admin wm.admin
exits 0 "set-up: init"
accord --db "$DB" --as wm.admin agency add "$BCC" --kind local_authority
exits 0 "set-up: a second agency"
accord --db "$DB" --as wm.admin user add wm.admin2 --agency "$CTU" --roles admin --vetting bpss
accord --db "$DB" --as wm.admin user add bcc.admin --agency "$BCC" --roles admin --vetting bpss
enrol_user "$DB" wm.admin wm.admin2
enrol_user "$DB" wm.admin bcc.admin
accord --db "$DB" --as wm.admin user add ana --agency "$CTU" --roles analyst --vetting sc
exits 0 "set-up: an analyst of the CTU"
accord --db "$DB" --as bcc.admin user add cas --agency "$BCC" --roles caseworker --vetting ctc
exits 0 "set-up: a caseworker of the council"
approve_grants "$DB" wm.admin2
enrol_user "$DB" wm.admin ana
enrol_user "$DB" bcc.admin cas

accord --db "$DB" --as ana --purpose "$P" import persons "$TESTS_DIR/data/persons_synonyms.csv" --agency "$CTU"
exits 0 "set-up: the CTU imports the fixture"
accord --db "$DB" --as ana --purpose "$P" person add --given 'Zoë' --middle 'Ana' --family 'Ó Briain' \
    --dob 1985-03 --alias 'Zoe OBrien' --alias 'Z. Briain' --address '1 Test Lane' --town Solihull \
    --postcode 'b91 3qq' --passport 987654321 --ni 'CE 65 43 21 A' --pnc 07/654321Z --dl TESTX801019Z99AB --ref CTU-42
exits 0 "set-up: the CTU adds a person with every field"
accord --db "$DB" --as ana --purpose "$P" person add --family 'Lonename'
exits 0 "set-up: the CTU adds a person with a family name only"
N_CTU=8

printf 'ref,first_name,surname,dob\nB-1,Councilone,Onlycouncil,1970\nB-2,Counciltwo,Onlycouncil,1971-05\n' >"$T/council.csv"
accord --db "$DB" --as cas --purpose "$P" import persons "$T/council.csv" --agency "$BCC"
exits 0 "set-up: the council imports two persons"

# --- CSV --------------------------------------------------------------------------------

accord --db "$DB" --as ana --purpose "$P" export persons --format csv --out "$T/ctu.csv"
exits 0 "export --format csv --out exits 0"
like "$ERR" "^exported $N_CTU persons" "export reports $N_CTU persons on stderr"
is "$OUT" "" "export --out writes nothing on stdout"

accord --db "$DB" --as ana --purpose "$P" export persons
exits 0 "export to stdout exits 0 (csv by default)"
cp "$T/.out" "$T/ctu_stdout.csv"
ok "export to stdout and to --out give the same CSV" cmp -s "$T/ctu.csv" "$T/ctu_stdout.csv"

ok "the CSV parses: a header and one row per person" python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, strict=True))
assert len(rows) == 1 + int(sys.argv[2]), len(rows)
assert all(len(r) == len(rows[0]) for r in rows), "ragged rows"
for col in ("source_ref", "given_name", "family_name", "dob", "postcode", "aliases"):
    assert col in rows[0], (col, rows[0])
' "$T/ctu.csv" "$N_CTU"

ok "the CSV keeps every field of the full record" python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = {r["source_ref"]: r for r in csv.DictReader(f)}
r = rows["CTU-42"]
want = {"given_name": "Zoë", "middle_name": "Ana", "family_name": "Ó Briain", "dob": "1985-03",
        "address": "1 Test Lane", "town": "Solihull", "postcode": "B91 3QQ",
        "passport": "987654321", "pnc_id": "07/654321Z", "driving_licence": "TESTX801019Z99AB",
        "aliases": "Zoe OBrien;Z. Briain"}
for k, v in want.items():
    assert r[k] == v, (k, r[k], v)
assert r["ni_number"].replace(" ", "") == "CE654321A", r["ni_number"]
assert rows["T-005"]["given_name"] == "Sam \"Sammy\"" and rows["T-005"]["address"] == "Flat 2, High Street", rows["T-005"]
' "$T/ctu.csv"

# --- JSON Lines -------------------------------------------------------------------------

accord --db "$DB" --as ana --purpose "$P" export persons --format jsonl --out "$T/ctu.jsonl"
exits 0 "export --format jsonl exits 0"
like "$ERR" "^exported $N_CTU persons" "the jsonl export reports $N_CTU persons"
ok "every jsonl line parses as JSON and the count matches" python3 -c '
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    lines = f.read().split("\n")
assert lines[-1] == "", "no final newline"
objs = [json.loads(l) for l in lines[:-1]]
assert len(objs) == int(sys.argv[2]), len(objs)
assert all(isinstance(o, dict) and o.get("id") and o.get("names") for o in objs)
' "$T/ctu.jsonl" "$N_CTU"
ok "the jsonl holds every name, address and identifier" python3 -c '
import json, sys
objs = {}
for l in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(l)
    objs[o.get("source_ref")] = o
z = objs["CTU-42"]
assert [n["full"] for n in z["names"] if n["kind"] == "alias"] == ["Zoe OBrien", "Z. Briain"], z["names"]
assert sorted(i["kind"] for i in z["identifiers"]) == ["driving_licence", "ni_number", "passport", "pnc_id"], z
assert z["addresses"][0]["postcode"] == "B91 3QQ", z
assert objs["T-006"]["dob"] == "1988-02-29", objs["T-006"]
' "$T/ctu.jsonl"
ok "the jsonl and CSV exports hold the same persons" python3 -c '
import csv, json, sys
j = sorted(json.loads(l)["id"] for l in open(sys.argv[1], encoding="utf-8"))
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    c = sorted(r["hub_id"] for r in csv.DictReader(f))
assert j == c, (j, c)
' "$T/ctu.jsonl" "$T/ctu.csv"

accord --db "$DB" --as ana --purpose "$P" export persons --format xml
exits 2 "an unknown --format exits 2"
accord --db "$DB" --as ana --purpose "$P" export persons --out "$T/no/such/dir/x.csv"
exits 1 "an --out that cannot be created exits 1"
like "$ERR" 'cannot create' "an --out that cannot be created says so"

# --- the CSV reads back into a fresh hub ------------------------------------------------

DB2=$T/fresh.db
accord --db "$DB2" init --agency 'Second Hub' --admin admin2
exits 0 "set-up: a fresh hub"
accord --db "$DB2" --as admin2 user add ana2 --agency 'Second Hub' --roles analyst --vetting sc
exits 0 "set-up: an analyst in the fresh hub"
accord --db "$DB2" --as admin2 user add admin3 --agency 'Second Hub' --roles admin --vetting bpss
enrol_user "$DB2" admin2 admin3
enrol_user "$DB2" admin2 ana2
approve_grants "$DB2" admin3
accord --db "$DB2" --as ana2 --purpose "$P" import persons "$T/ctu.csv" --agency 'Second Hub'
exits 0 "the exported CSV imports into the fresh hub"
like "$OUT" "^imported $N_CTU of $N_CTU rows" "every exported row is imported"
accord --db "$DB2" --as ana2 --purpose "$P" export persons --format csv --out "$T/fresh.csv"
exits 0 "the fresh hub exports"

ok "the second export matches the first except for ids" python3 -c '
import csv, sys
def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return sorted(tuple(sorted((k, v) for k, v in r.items() if k != "hub_id")) for r in rows)
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    for x, y in zip(a, b):
        if x != y:
            print("# first: ", x); print("# second:", y); break
    sys.exit(1)
' "$T/ctu.csv" "$T/fresh.csv"

ok "names, dates of birth and postcodes survive the round trip" python3 -c '
import csv, sys
def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        return sorted((r["given_name"], r["middle_name"], r["family_name"], r["dob"], r["postcode"])
                      for r in csv.DictReader(f))
a, b = load(sys.argv[1]), load(sys.argv[2])
assert a == b and len(a) == int(sys.argv[3]), (a, b)
' "$T/ctu.csv" "$T/fresh.csv" "$N_CTU"

ok "the round trip gives new ids" python3 -c '
import csv, sys
ids = [set(r["hub_id"] for r in csv.DictReader(open(p, newline="", encoding="utf-8"))) for p in sys.argv[1:]]
assert not (ids[0] & ids[1]), ids
' "$T/ctu.csv" "$T/fresh.csv"

# --- purpose and agencies ---------------------------------------------------------------

accord --db "$DB" --as ana export persons --out "$T/nopurpose.csv"
exits 2 "export without --purpose exits 2"
like "$ERR" 'purpose' "export without --purpose asks for one"
ok "export without --purpose writes no file" test ! -e "$T/nopurpose.csv"

accord --db "$DB" --as cas --purpose "$P" export persons --format csv --out "$T/council_out.csv"
exits 0 "the council caseworker exports"
like "$ERR" '^exported 2 persons' "the council's export has its 2 persons"
ok "the council's export holds none of the CTU's persons" python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    ctu = list(csv.DictReader(f))
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    council = list(csv.DictReader(f))
assert sorted(r["source_ref"] for r in council) == ["B-1", "B-2"], council
ctu_ids = {r["hub_id"] for r in ctu}
ctu_names = {r["family_name"] for r in ctu}
for r in council:
    assert r["hub_id"] not in ctu_ids and r["family_name"] not in ctu_names, r
' "$T/ctu.csv" "$T/council_out.csv"
ok "the CTU's export holds none of the council's persons" python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    assert all(r["family_name"] != "Onlycouncil" for r in csv.DictReader(f))
' "$T/ctu.csv"

accord --db "$DB" --as cas --purpose "$P" export persons --format jsonl
ok "the council's jsonl export holds only the council's persons" python3 -c '
import json, sys
objs = [json.loads(l) for l in sys.argv[1].splitlines()]
assert sorted(o["source_ref"] for o in objs) == ["B-1", "B-2"], objs
' "$OUT"

accord --db "$DB" --as wm.admin --purpose "$P" export persons
exits 1 "an administrator alone cannot export records"
unlike "$OUT" 'Briain|Onlycouncil' "a refused export prints no records"

# --- no record leaves before its audit entry (issue 13) ------------------------------------
# An export cut short (here by head closing the pipe: SIGPIPE) leaves entries naming every
# record it delivered: each page of 256 is audited, and committed, before it is written.

python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("ref,first_name,surname,dob\n")
    for i in range(700):
        f.write("P-%d,Bulk%d,Exportee,1980\n" % (i, i))
' "$T/bulk.csv"
accord --db "$DB" --as cas --purpose "$P" import persons "$T/bulk.csv" --agency "$BCC"
exits 0 "set-up: the council imports 700 more persons"
accord --db "$DB" --as wm.admin user add aud --agency "$CTU" --roles auditor --vetting sc
exits 0 "set-up: an auditor"
approve_grants "$DB" wm.admin2
enrol_user "$DB" wm.admin aud

set -o pipefail
"$ACCORD" --db "$DB" --as cas --purpose 'bulk copy' export persons 2>"$T/head.err" | head -n 301 >"$T/head.csv"
PIPE_RC=$?
set +o pipefail
isnt "$PIPE_RC" 0 "the export into head -n 301 is cut short"
is "$(wc -l <"$T/head.csv" | tr -d ' ')" 301 "head got the header and 300 persons"
unlike "$(cat "$T/head.err")" 'Sanitizer|runtime error' "the cut-short export is clean"
ok "the export's page entries name every person head received" python3 -c '
import csv, sqlite3, sys
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    got = [r["hub_id"] for r in csv.DictReader(f)]
db = sqlite3.connect(sys.argv[1])
details = " ".join(d for (d,) in db.execute(
    "SELECT detail FROM audit_log WHERE action = ? AND purpose = ?", ("export", "bulk copy")))
missing = [i for i in got if i not in details]
assert len(got) == 300 and not missing, (len(got), missing[:3])
' "$DB" "$T/head.csv"
ok "no entry claims the cut-short export completed" python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("SELECT count(*) FROM audit_log WHERE action = ? AND purpose = ? AND"
               " detail LIKE ?", ("export", "bulk copy", "%complete%")).fetchone()[0]
assert n == 0, n
' "$DB"
FIRST=$(sed -n 2p "$T/head.csv" | cut -d, -f1)
LAST=$(sed -n 301p "$T/head.csv" | cut -d, -f1)
accord --db "$DB" --as aud --purpose 'IPCO inspection' audit who-accessed "$FIRST"
exits 0 "who-accessed the first person delivered exits 0"
like "$OUT" 'cas.*bulk copy' "who-accessed finds the cut-short export of the first person"
accord --db "$DB" --as aud --purpose 'IPCO inspection' audit who-accessed "$LAST"
like "$OUT" 'cas.*bulk copy' "who-accessed finds the cut-short export of the last person delivered"

accord --db "$DB" --as cas --purpose 'full copy' export persons --out "$T/full.csv"
exits 0 "a whole export exits 0"
ok "a whole export ends with an entry saying how many it delivered" python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
(d,) = db.execute("SELECT detail FROM audit_log WHERE purpose = ? ORDER BY seq DESC LIMIT 1",
                  ("full copy",)).fetchone()
assert "persons=702" in d and "complete" in d, d
pages = db.execute("SELECT count(*) FROM audit_log WHERE purpose = ? AND detail LIKE ?",
                   ("full copy", "%results:%")).fetchone()[0]
assert pages == 3, pages
' "$DB"

done_testing
