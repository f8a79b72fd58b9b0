# SPDX-License-Identifier: Apache-2.0
#
# cli_screen.sh - accord screen end to end: one name and a file of queries against a
# list, the output's contract (header, one row per entry at or above the threshold, the
# reason), aliases, other scripts, the date-of-birth qualifier, clear errors; and the
# precursors and poisons regime ('accord substance').
#
# Run as: bash cli_screen.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

cat > list.csv <<'CSV'
id,name,dob
E1,Mohammed Yusuf Khan,1980-04-01
E1,Abu Yusuf,
E2,Владимир Петров,1975-02-03
E3,Acme Precursor Trading Ltd,
E4,John Smith,1990-01-01
CSV
cat > queries.csv <<'CSV'
id,name,dob
Q1,Muhammad Youssef Khan,1980-04-01
Q2,Vladimir Petrov,
Q3,Jane Doe,
Q4,ACME PRECURSOR TRADING LIMITED,
Q5,"KHAN, Mohamed",
CSV

accord screen 'Muhammad Yusuf Khan' --dob 1980-04-01 --list list.csv
exits 0 "one name is screened"
like "$OUT" "^1\.000  E1  Mohammed Yusuf Khan" "the entry is found, best name shown, with its score"
like "$OUT" "muhammad=mohammed \(variant" "the reason says which words met and how"
like "$OUT" "same date of birth" "the date of birth supports it"

accord screen --list list.csv --queries queries.csv --out hits.csv
exits 0 "a file of queries is screened"
is "$(head -1 hits.csv)" "query_id,list_id,score,explanation" "the hits' header"
ok "each query finds its entry, the stranger nothing" python3 -c '
import csv
rows = list(csv.DictReader(open("hits.csv")))
got = {(r["query_id"], r["list_id"]) for r in rows}
assert got == {("Q1","E1"), ("Q2","E2"), ("Q4","E3"), ("Q5","E1")}, got
assert all(0.7 <= float(r["score"]) <= 1 and r["explanation"] for r in rows)'

# issue 17: evidence, not resemblance - a name two people of the list share is a possible
# match of low priority without a date of birth; with the same date it alerts
cat > smiths.csv <<'CSV'
id,name,dob
S1,John Smith,1990-01-01
S2,John Smith,1971-06-30
S3,Ezekiel Thornbury,1966-02-02
CSV
accord screen 'John Smith' --list smiths.csv
exits 0 "a shared name is screened"
like "$OUT" "S1  John Smith  \(possible match, low priority" "a shared name alone does not alert"
like "$OUT" "this name is shared by 1 people in the partnership's records; no date of birth was given" "and says why"
accord screen 'John Smith' --dob 1990-01-01 --list smiths.csv
like "$OUT" "S1  John Smith  \(alert, match probability" "the same date of birth corroborates it"
like "$OUT" "date of birth the same x19700" "each field's contribution is listed"
# three people cannot show a name rare (issue 17): alone it is a possible match that says
# why; its date of birth corroborates it
accord screen 'Ezekiel Thornbury' --list smiths.csv
like "$OUT" "S3  Ezekiel Thornbury  \(possible match, low priority" "a name a thin list cannot show rare does not alert alone"
like "$OUT" "too few to show this name is rare; no date of birth was given" "and says why"
accord screen 'Ezekiel Thornbury' --dob 1966-02-02 --list smiths.csv
like "$OUT" "S3  Ezekiel Thornbury  \(alert" "with its date of birth it alerts"

accord screen 'Jane Doe' --list list.csv
exits 0 "a name with no hit"
is "$OUT" "" "prints nothing"
like "$ERR" "0 hits" "and says so"

accord screen 'Mohammed Khan' --list list.csv --threshold 0.99
exits 0 "a high threshold"
unlike "$OUT" "E1" "keeps only near-exact hits"

accord screen 'X' --list missing.csv
exits 1 "a missing list fails"
like "$ERR" "missing.csv" "naming the file"
printf 'ident,fullname\n1,x\n' > bad.csv
accord screen 'X' --list bad.csv
exits 1 "a list without id and name columns fails"
like "$ERR" "needs id and name" "saying what the header needs"
printf 'id,name,dob\nE1,Ann Lee,31/02/1990\n' > baddob.csv
accord screen 'Ann Lee' --list baddob.csv
exits 1 "an impossible date of birth in a list fails"
like "$ERR" "baddob.csv line 2: dob" "naming the line and the field"
accord screen --list list.csv --queries queries.csv
exits 2 "--queries without --out is a usage error"
accord screen 'X'
exits 2 "no list is a usage error"
accord screen --help
exits 0 "--help"
like "$OUT" "query_id,list_id,score,explanation" "the help states the output's contract"

# --- the precursors and poisons regime -----------------------------------------------
accord substance classify 'Hydrogen Peroxide' --concentration 30
exits 0 "a product is classified"
like "$OUT" "^regulated explosives precursor" "above its limit, a regulated precursor"
like "$OUT" "12% w/w" "the reason gives the limit"
accord substance classify 7722-84-1 --concentration 6
like "$OUT" "^reportable explosives precursor" "at or below it, reportable (found by CAS number)"
accord substance classify 'washing-up liquid'
like "$OUT" "^not recognised" "what the table does not hold is not recognised (never neither), and says why"
accord substance classify acetone --concentration 150
exits 2 "an impossible concentration is a usage error"
accord substance list
exits 0 "the table is listed"
like "$OUT" "unverified" "with the entries still to confirm"
unlike "$OUT" "the rest of Part 4" "and no placeholder row for entries not found"
# issue 14, point 3: a reportable poison of Part 4 (from Part II of the Poisons List 1982,
# Deregulation Act 2015 explanatory notes para 830) is classified as one
accord substance classify 'Paraquat'
exits 0 "a Part 4 poison is classified"
like "$OUT" "^reportable poison" "as a reportable poison"
like "$OUT" "unverified" "and says it is not confirmed against the Act"
accord substance classify 'Ammonium Bifluoride'
like "$OUT" "^reportable poison" "another, as a retailer types it"
accord substance classify 'mercuric chloride'
like "$OUT" "^regulated poison" "one moved by SI 2023/63 to Part 2 is regulated"
printf 'names,cas,part,limit,status,note\nhydrogen peroxide,,regulated_precursor,5,confirmed,local\n' > regime.csv
accord substance classify 'hydrogen peroxide' --concentration 6 --regime regime.csv
like "$OUT" "^regulated explosives precursor" "a partnership's corrected table is used"
printf 'names,cas,part\nx,,y\n' > badregime.csv
accord substance list --regime badregime.csv
exits 1 "a bad table is refused"
like "$ERR" "line 2" "naming the line"

done_testing
