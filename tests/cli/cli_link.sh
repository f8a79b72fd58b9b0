# SPDX-License-Identifier: Apache-2.0
#
# cli_link.sh - accord link end to end on small files written here: two files linked
# one-to-one with the output's contract (header, ids, probabilities), a dedupe with
# clusters, columns recognised by their headers and named on stderr, the model saved and
# reused, a pair explained, evaluation against true pairs with its chart, and clear
# errors for a missing file, a file without an id column and bad options.
#
# Run as: bash cli_link.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

cat > left.csv <<'CSV'
rec_id,first_name,surname,dob,postcode
L1,Mohammed,Khan,1985-03-12,B11 4AA
L2,Catherine,Jones,1979-11-02,B12 9QT
L3,Oleksandr,Kovalenko,1990-07-21,B9 5RR
L4,Amara,Okafor,1992-01-30,B15 2TT
L5,Siobhan,Murphy,1968-05-05,B29 6HH
L6,Tariq,Hussain,1975-09-14,B10 0AE
CSV
cat > right.csv <<'CSV'
unique_id,forename,last_name,date_of_birth,zip
R1,Muhammad,Khan,12/03/1985,B11 4AA
R2,Kathryn,Jones,1979-11-02,B12 9QT
R3,Aleksandr,Kovalenko,1990-07-21,B9 5RR
R4,Amara,Okafor,1992-01-03,B15 2TT
R6,Tariq,Hossain,1975-09-14,B10 0AE
R9,Peter,Grant,1950-02-02,B1 1AA
CSV
cat > truth.csv <<'CSV'
left_id,right_id
L1,R1
L2,R2
L3,R3
L4,R4
L6,R6
CSV

accord link left.csv right.csv --out pairs.csv --one-to-one --save-model model.json
exits 0 "two files link one-to-one"
like "$ERR" "left.csv: 6 records; columns: rec_id -> id, first_name -> given name" \
    "the roles chosen for each column are printed"
like "$ERR" "right.csv: 6 records; columns: unique_id -> id, forename -> given name, last_name -> family name" \
    "the two files may name the same role differently"
is "$(head -1 pairs.csv)" "left_id,right_id,match_probability,match_weight" "the pairs' header"
ok "every true pair is found, and nothing else" python3 -c '
import csv, sys
rows = list(csv.DictReader(open("pairs.csv")))
got = {(r["left_id"], r["right_id"]) for r in rows}
want = {("L1","R1"), ("L2","R2"), ("L3","R3"), ("L4","R4"), ("L6","R6")}
assert got == want, got
assert all(0.5 <= float(r["match_probability"]) <= 1 for r in rows)
assert [float(r["match_weight"]) for r in rows] == sorted((float(r["match_weight"]) for r in rows), reverse=True)'

accord link left.csv right.csv --out again.csv --one-to-one --model model.json
exits 0 "a saved model is reused"
ok "the reused model gives the same pairs" cmp pairs.csv again.csv

accord link explain L1 R1 left.csv right.csv --model model.json --svg waterfall.svg \
    --model-chart model.svg
exits 0 "a pair is explained"
ok "the waterfall and the model chart are SVG with a bar per step and per level" python3 -c '
import xml.dom.minidom as m
w = m.parse("waterfall.svg"); assert w.documentElement.tagName == "svg"
assert len(w.getElementsByTagName("rect")) >= 5
c = m.parse("model.svg"); assert len(c.getElementsByTagName("rect")) >= 20'
ok "the explanation gives each comparison's level and weight" python3 -c '
import json, sys
e = json.loads(sys.argv[1])
levels = {c["comparison"]: c["level"] for c in e["comparisons"]}
assert levels["given_name"].startswith("variant"), levels
assert levels["dob"] == "exact" and levels["postcode"] == "exact", levels
assert e["match_probability"] > 0.5' "$OUT"

accord link explain L1 R7 left.csv right.csv --model model.json
exits 1 "explaining a record that is not there fails"
like "$ERR" "no record 'R7'" "the error names the missing record"

accord link evaluate --truth truth.csv pairs.csv --chart chart.svg
exits 0 "the pairs are evaluated against the truth"
like "$OUT" "precision 1.0000  recall 1.0000  F1 1.0000" "precision, recall and F1"
ok "the threshold chart is SVG" python3 -c '
import sys, xml.dom.minidom as m
d = m.parse("chart.svg"); assert d.documentElement.tagName == "svg"
assert len(d.getElementsByTagName("polyline")) == 2'

cat > people.csv <<'CSV'
id,full_name,dob,city
1,Abdul Rahman Ali,1980-01-01,Birmingham
2,Abdulrahman Ali,1980-01-01,Birmingham
3,Ali Abdulrahman,1980-01-01,Birmingham
4,Jane Doe,1999-09-09,Coventry
CSV
accord link --dedupe people.csv --out dpairs.csv --clusters clusters.csv
exits 0 "one file is deduplicated"
like "$ERR" "full_name -> full name" "a whole-name column is recognised"
ok "joined, split and reordered names cluster together; the stranger stays apart" python3 -c '
import csv
c = {r["id"]: r["cluster_id"] for r in csv.DictReader(open("clusters.csv"))}
assert c["1"] == c["2"] == c["3"], c
assert c["4"] != c["1"], c'

# --- settings: full control from a JSON file ---------------------------------------------
sed 's/^rec_id,first_name/rec_id,fname/' left.csv > left_renamed.csv
cat > settings.json <<'JSON'
{"columns": {"fname": "given_name"}, "threshold": 0.6, "one_to_one": true,
 "comparisons": ["given_name", "family_name", "dob"],
 "blocking_rules": ["date of birth", "both names (or a nickname), in either order", "family name sound + birth year"]}
JSON
accord link left_renamed.csv right.csv --out settings_pairs.csv --settings settings.json \
    --save-model settings_model.json
exits 0 "a run follows its settings file"
like "$ERR" "fname -> given name" "a header the settings map is used"
like "$ERR" "postcode \+ birth year +0 pairs" "a rule left out makes no pairs"
ok "only the comparisons named are used" python3 -c '
import json
m = json.load(open("settings_model.json"))
active = sorted(c["name"] for c in m["comparisons"] if c["active"])
assert active == ["dob", "family_name", "given_name"], active'
ok "the settings' run still finds the true pairs" python3 -c '
import csv
got = {(r["left_id"], r["right_id"]) for r in csv.DictReader(open("settings_pairs.csv"))}
assert {("L1","R1"), ("L2","R2"), ("L3","R3"), ("L6","R6")} <= got, got'
printf '{"threshold": 0.6, "colour": "blue"}' > bad_settings.json
accord link left.csv right.csv --out x.csv --settings bad_settings.json
exits 1 "an unknown setting fails"
like "$ERR" "'colour' is not a setting" "the error names the setting"
printf '{"blocking_rules": ["postcode only"]}' > bad_rule.json
accord link left.csv right.csv --out x.csv --settings bad_rule.json
exits 1 "an unknown blocking rule fails"
like "$ERR" "'postcode only' is not one accord has" "the error names the rule"
printf '{"threshold": 0.6,' > broken.json
accord link left.csv right.csv --out x.csv --settings broken.json
exits 1 "malformed settings fail"
like "$ERR" "broken.json line 1" "the error gives the line"

# --- in the hub: proposals for people to decide ----------------------------------------
DB=$T/hub.db
accord --db "$DB" demo --persons 200 --of-interest 20 --seed 5
exits 0 "set-up: a demo hub"
HUB=(--db "$DB" --as ctp.analyst --purpose 'duplicate review')
accord "${HUB[@]}" person add --given Mohammed --family Khan --dob 1985-03-12 --postcode 'B11 4AA'
A_ID=$(printf '%s' "$OUT" | grep -oE '[0-9A-Z]{26}' | head -1)
accord "${HUB[@]}" person add --given Muhammad --family Khan --dob 12/03/1985 --postcode 'B11 4AA'
B_ID=$(printf '%s' "$OUT" | grep -oE '[0-9A-Z]{26}' | head -1)
like "$A_ID $B_ID" '^[0-9A-Z]{26} [0-9A-Z]{26}$' "set-up: two records of one man"
accord "${HUB[@]}" link propose --threshold 0.8
exits 0 "linkage runs over the agency's persons"
# the count's noun follows the count (issue 14.13: "1 new proposed link")
like "$OUT" "^(1 new proposed link |[2-9][0-9]* new proposed links |[1-9][0-9]+ new proposed links )" "it proposes links"
accord "${HUB[@]}" link review "$A_ID"
exits 0 "the proposals touching a record are listed"
like "$OUT" "same_person" "the proposal is a same_person link"
like "$OUT" "$B_ID" "it joins the two records"
like "$OUT" "proposed" "it waits for a person's decision"
LINK_ID=$(printf '%s' "$OUT" | head -1 | cut -d' ' -f1)
accord "${HUB[@]}" link decide "$LINK_ID" confirmed
exits 2 "a decision needs a reason"
accord "${HUB[@]}" link decide "$LINK_ID" confirmed --reason 'same date of birth and address'
exits 0 "a person confirms it, with the reason"
accord --db "$DB" --as council.prevent --purpose 'x' link review "$A_ID"
exits 0 "another agency's review runs"
unlike "$OUT" "$LINK_ID" "but does not see the CT unit's link"
is "$(sqlite3 -batch "$DB" "select count(*) from audit_log where object_id = '$LINK_ID' and detail like '%same date of birth and address%'")" \
    "1" "the decision and its reason are in the audit trail"

# --- incremental: new records against a clustered population, no retraining ------------
accord link --dedupe people.csv --out dpairs.csv --clusters clusters.csv --save-model people_model.json
exits 0 "set-up: a clustered population and its model"
cat > new_people.csv <<'CSV'
id,full_name,dob,city
5,Abdul-Rahman Ali,1980-01-01,Birmingham
6,Peter Grant,1950-02-02,Walsall
CSV
accord link new_people.csv people.csv --model people_model.json --extend clusters.csv \
    --clusters all_clusters.csv --out new_pairs.csv
exits 0 "new records are linked to the existing population"
like "$ERR" "2 new records: 1 joined existing clusters, 1 started new ones" "it says what happened"
ok "the new record of a known man joins his cluster; the stranger starts a new one" python3 -c '
import csv
c = {r["id"]: r["cluster_id"] for r in csv.DictReader(open("all_clusters.csv"))}
assert c["5"] == c["1"] == c["2"], c
assert c["6"] not in (c["1"], c["4"]), c
assert len(c) == 6, c'
accord link new_people.csv people.csv --extend clusters.csv --clusters x.csv --out x.csv
exits 2 "--extend needs the saved model"

accord link missing.csv right.csv --out x.csv
exits 1 "a missing file fails"
like "$ERR" "missing.csv" "the error names the file"
printf 'name,dob\nann,1990\n' > noid.csv
accord link --dedupe noid.csv --out x.csv
exits 1 "a file without an id column fails"
like "$ERR" "no id column" "the error says what is missing and how to name it"
accord link left.csv right.csv
exits 2 "no --out is a usage error"
like "$ERR" "--out" "the usage error says what to add"
accord link left.csv right.csv --out x.csv --threshold 2
exits 2 "a threshold outside 0..1 is a usage error"
accord link --help
exits 0 "--help"
like "$OUT" "postcode_fake" "the help lists the recognised headers"

done_testing
