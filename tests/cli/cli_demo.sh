# SPDX-License-Identifier: Apache-2.0
#
# cli_demo.sh - accord demo end to end: the same seed gives the same partnership, another
# seed another one; the summary; who may see what in it; the mix of name origins
# among residents and people of interest; and the work in flight for every role, seen
# through the CLI as each role (issue 16 point 7, issue 15 point 9).
#
# Run as: bash cli_demo.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

P='cli demo test'
NAMES_C=$TESTS_DIR/../lib/demo/names.c
NOW=2026-03-02T09:00:00.000Z
DEMO_ARGS=(demo --persons 1500 --of-interest 60 --now "$NOW")

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
  order by a.name, p.source_ref, t.token;
select c.case_type, c.state, c.title, c.created_at from cases c order by c.title;
select c.title, e.seq, e.at, e.step, e.from_state, e.to_state, e.fields
  from case_events e join cases c on c.id = e.case_id order by c.title, e.seq;
select c.title, a.name, p.source_ref from case_subjects s join cases c on c.id = s.case_id
  join persons p on p.id = s.person_id join agencies a on a.id = p.agency_id order by c.title;
select created_at, reason, priority, escalation, deadline, status from alerts
  order by created_at, reason, priority;
select classification, caveats, body from items order by body;
select i.body, d.status, d.classification from disclosures d join items i on i.id = d.item_id
  order by i.body;
select link_type, provenance, confidence, status from links order by provenance;
select question, urgency, due_at, status, created_at from rfis order by question;
select fields, released_json, status from person_disclosures order by released_json;"
}

# --- the same seed, the same partnership ------------------------------------------------

accord --db "$T/a.db" "${DEMO_ARGS[@]}" --seed 42
exits 0 "demo --seed 42 builds a partnership"
SUMMARY=$OUT
like "$SUMMARY" '^created the demo partnership in .*a\.db \(seed 42\)$' "the summary names the database and seed"
like "$SUMMARY" '^  5 agencies, 16 users, [0-9,]+ person records; [0-9,]+ people are known to more than one agency$' \
    "the summary line reports agencies, users and persons"
like "$SUMMARY" '^    oversight\.auditor +auditor ' "the summary lists the users to act as"

accord --db "$T/b.db" "${DEMO_ARGS[@]}" --seed 42
exits 0 "demo --seed 42 again into another database"
# all but the audit key, which is new with every hub
is "$(grep -v '^  audit key ' <<<"${OUT//b.db/X.db}")" \
    "$(grep -v '^  audit key ' <<<"${SUMMARY//a.db/X.db}")" "the same seed gives the same summary"

content "$T/a.db" >"$T/a.txt"
content "$T/b.db" >"$T/b.txt"
ok "the content dump is not empty" test -s "$T/a.txt"
if cmp -s "$T/a.txt" "$T/b.txt"; then
    pass "the same seed gives identical persons, names, addresses, identifiers and work in flight"
else
    fail "the same seed gives identical persons, names, addresses, identifiers and work in flight" \
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
accord --db "$T/a.db" "${DEMO_ARGS[@]}" --seed 42
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
SUMMARY_PERSONS=$(sed -n 's/^  5 agencies, 16 users, \([0-9,]*\) person records.*/\1/p' <<<"$SUMMARY")
is "${SUMMARY_PERSONS//,/}" "$N_PERSONS" "the summary's person count is what the hub holds"
N_COUNCIL=$(sqlite3 -batch "$DB" "select count(*) from persons where source_ref like 'BCC-%'")
is "$N_COUNCIL" 1500 "the council records each of the 1500 residents"
N_CTU=$(sqlite3 -batch "$DB" "select count(*) from persons where source_ref like 'WMCTU-%'")
is "$N_CTU" 60 "the CTU records each of the 60 people of interest"

accord --db "$DB" --as oversight.auditor status
exits 0 "status as oversight.auditor exits 0"
like "$OUT" "^  persons +$(python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$N_PERSONS") " "status counts the persons"
like "$OUT" '^  users +16$' "status counts 16 users"
like "$OUT" '^  agencies +5$' "status counts 5 agencies"

accord --db "$DB" --as ctp.analyst status
exits 1 "status as ctp.analyst is refused (exit 1)"
like "$ERR" 'not allowed' "a refused status says 'not allowed'"
is "$OUT" "" "a refused status prints no counts"

accord --db "$DB" --as admin user list
exits 0 "the demo administrator lists users"
is "$(grep -c '' "$T/.out")" 17 "user list shows 16 users and a header"

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

# --- work in flight for every role (issue 16 point 7, issue 15 point 9) ----------------------
# Seed 42 at $NOW: the CLI runs on the wall clock, later than the demo's now, so what is due
# and what is overdue is read from the deadlines, compared with $NOW.

as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose "$P" "$@"
}
q() { sqlite3 -batch "$DB" "$1"; }

is "$(q 'select count(*) from cases')" 16 "seed 42: 16 cases"
is "$(q 'select count(*) from cases c where not exists (select 1 from case_subjects s where s.case_id = c.id)')" 0 \
    "every case has a subject"
is "$(q "select group_concat(state, ',') from (select distinct state from cases where case_type in ('soi', 'maa_review') order by state)")" \
    "active,closed,nominated" "subjects of interest: active, closed, and closed ones nominated for review"

as council.prevent case list
exits 0 "council.prevent lists its cases"
like "$OUT" " channel +assessed +.* Channel: consent to be sought$" "a Channel case waits for consent"
like "$OUT" " channel +supported +.* Channel: support plan under review$" "a Channel case has a support plan under review"
like "$OUT" " channel +exited +.* Channel: exited, six-month review$" "a Channel case waits for its six-month review"
like "$OUT" " prevent_referral +received +.* Referral: concern from a youth worker$" "a referral waits at the police gateway"
like "$OUT" " prevent_referral +new +" "a referral is being drafted"

as ctp.caseworker case list --state received
exits 0 "ctp.caseworker lists referrals at the gateway"
like "$OUT" "^[0-9A-Z]+ +prevent_referral +received .*Birmingham City Council +Referral: concern from a youth worker$" \
    "CT policing finds the council's referral waiting for its gateway assessment"
as ctp.caseworker case list --type maa_review
like "$OUT" " maa_review +nominated +" "CT policing has a closed SOI's multi-agency review under way"
as ss.analyst case list --type soi
like "$OUT" " soi +active +.* Operation LINDEN: subject of interest$" "the Security Service has an SOI case"
as council.prevent case list --type soi
like "$OUT" "^0 cases$" "the council sees no SOI case"

as probation.officer case list --json --type offender_notification
exits 0 "probation.officer lists its offender cases"
DUE=$(python3 -c '
import json, sys
now = sys.argv[1]
rows = [json.loads(l) for l in sys.stdin if l.startswith("{")]
due = [r for r in rows if r["state"] == "released" and r["due_at"] > now]
over = [r for r in rows if r["state"] == "released" and r["due_at"] < now]
renot = [r for r in rows if r["state"] == "notifying" and r["due_at"] > now]
print(len(rows), len(due), len(over), len(renot))' "$NOW" <<<"$OUT")
is "$DUE" "4 1 1 1" "offender cases: 4, one initial notification due, one overdue, one re-notification due"
CASE=$(q "select id from cases where title = 'Channel: consent to be sought'")
as council.prevent case show "$CASE"
like "$OUT" "^  subjects 1$" "the Channel case has its subject"
like "$OUT" "^    .* \(Birmingham City Council, [0-9A-Z]+\), since " "held by the council, named"

# alerts: the retailer's reports, screened as any report is
is "$(q "select count(*) from alerts where report_id is not null")" 6 \
    "the retailer's three reports raised 6 alerts (the known buyer's: the duty unit's and one for each of 3 holders)"
is "$(q "select count(*) from alerts a join reports r on r.id = a.report_id where a.escalation > 0
  and r.created_at = '2026-03-02T06:00:00.000Z'")" 4 "the report three hours old: its 4 alerts lapsed and escalated"
is "$(q "select count(*) from alerts where report_id is not null and escalation = 0 and status = 'open'")" 2 \
    "the two recent reports' alerts wait, not yet escalated"
like "$SUMMARY" '^    ctp\.duty +[0-9]+ alerts to acknowledge \([1-9][0-9]* escalated\)' \
    "the summary tells the duty officer how many alerts wait, and how many escalated"
as ctp.duty alerts list
exits 0 "ctp.duty lists alerts"
like "$OUT" " open .*regulated substance with strong indicators .*\(escalated\)" "an escalated report alert is open"
like "$OUT" " open .*reportable substance lost or stolen" "the theft report's alert is open"
as retail.reporter report list
exits 0 "retail.reporter lists its reports"
is "$(grep -c '^SPR-' <<<"$OUT")" 3 "the retailer sees its three reports"

# items at every classification; releases waiting for the second person
is "$(q "select group_concat(classification, ',') from (select distinct classification from items order by classification)")" \
    "official,official_sensitive,secret,top_secret" "items at every classification"
as ss.analyst item list
like "$OUT" " top_secret " "ss.analyst reads the TOP SECRET item"
as ctp.analyst item list
unlike "$OUT" " top_secret " "ctp.analyst (SC) does not"
like "$OUT" " secret .*Covert source" "ctp.analyst reads CT policing's SECRET items"
is "$(q "select caveats from items where classification = 'top_secret'")" "uk_eyes_only,iss" \
    "the Security Service's TOP SECRET item carries UK EYES ONLY and ISS"
is "$(q "select count(*) from disclosures where status = 'pending_approval'")" 2 \
    "two releases below their marking wait for a second person"
DISC=$(q "select d.id from disclosures d join items i on i.id = d.item_id join agencies a on a.id = i.agency_id where a.name = 'Security Service'")
as ss.analyst approve "$DISC"
exits 1 "ss.analyst, who released it, cannot approve it"
as ss.analyst2 approve "$DISC"
exits 0 "ss.analyst2, the second analyst, approves the Security Service's release"
as ctp.analyst item list
like "$OUT" "official_sensitive +.* disclosure " "CT policing then reads the released version"

# link proposals
is "$(q "select count(*) from links where status = 'proposed'")" 2 "two link proposals await a decision"
LINK=$(q "select id from links where status = 'proposed' order by provenance limit 1")
FROM=$(q "select from_id from links where id = '$LINK'")
as ctp.analyst link review "$FROM"
exits 0 "ctp.analyst reviews the links of a person with a proposed link"
like "$OUT" "-associate_of-> person [0-9A-Z]+ +proposed " "the proposal waits for a decision"

# requests for information each way; answered ones with person disclosures; one overdue
is "$(q "select count(*) from rfis")" 8 "eight requests for information (one from a case, to the Security Service)"
as council.prevent rfi list
exits 0 "council.prevent lists the requests to the council"
like "$OUT" "^[0-9A-Z]+ +West Midlands Counter Terrorism Unit +Birmingham City Council +urgent .* open$" \
    "CT policing asked the council urgently"
like "$SUMMARY" '^    council\.prevent +2 requests for information to answer \(1 overdue\)' \
    "the summary tells the council two requests wait, one overdue"
as probation.officer rfi list
like "$OUT" "Birmingham City Council +Probation Service West Midlands +routine .* open$" "the council asked probation"
as ctp.analyst rfi list
like "$OUT" "Probation Service West Midlands +West Midlands Counter Terrorism Unit +routine .* open$" \
    "probation asked CT policing"
like "$OUT" "Security Service +West Midlands Counter Terrorism Unit +routine .* open$" "the Security Service asked CT policing"
as ctp.analyst rfi list --outgoing
like "$OUT" "West Midlands Counter Terrorism Unit +Probation Service West Midlands +routine .* disclosed$" \
    "CT policing's request to probation was answered with a disclosure"
as ctp.analyst rfi disclosures
like "$OUT" "Probation Service West Midlands +names,dob +live " "CT policing reads probation's disclosure"
as ss.analyst rfi disclosures
like "$OUT" "West Midlands Counter Terrorism Unit +names,dob +live " "the Security Service reads CT policing's"

# shared people are subjects with pointers
SHARED_N=$(sed -n 's/.*; \([0-9,]*\) people are known to more than one agency$/\1/p' <<<"$SUMMARY")
SUBJ_N=$(q "select count(*) from (select m.subject_id from subject_members m join persons p on p.id = m.person_id
  group by m.subject_id having count(distinct p.agency_id) > 1)")
ok "the shared people are subjects across agencies ($SUBJ_N of ${SHARED_N//,/})" \
    test "$SUBJ_N" -ge $(( ${SHARED_N//,/} * 9 / 10 ))

# a person named as markup, held by one agency
is "$(q "select group_concat(a.name) from person_names n join persons p on p.id = n.person_id
  join agencies a on a.id = p.agency_id where n.full_name = '<img src=x onerror=alert(1)>'")" \
    "Probation Service West Midlands" "a person named '<img src=x onerror=alert(1)>' is held by probation alone"
as probation.officer person search onerror
like "$OUT" "<img src=x onerror=alert\(1\)>" "probation finds the person by name"

# what is waiting, per role
like "$SUMMARY" '^  waiting for each user at 2026-03-02T09:00:00\.000Z:$' "the summary says when it is computed"
like "$SUMMARY" '^    probation\.officer +.*case deadlines within 7 days \(1 overdue\)' \
    "probation is told of its case deadlines, one overdue"
like "$SUMMARY" '^    retail\.reporter +nothing waiting$' "the retailer has nothing waiting"

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
