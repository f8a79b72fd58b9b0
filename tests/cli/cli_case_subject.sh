# SPDX-License-Identifier: Apache-2.0
#
# cli_case_subject.sh - cases have subjects (issue 15, point 7): 'case add ... --subject
# PERSON' (one or more) and 'case subject CASE PERSON', shown by 'case show'; a subject
# must be a person record the user may read, and one they may not is "not found" with no
# case opened; the subjects are case content, shown only to those who may read the case.
#
# Run as: bash cli_case_subject.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
P='cli case subject test'

as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose "$P" "$@"
}

accord --db "$DB" demo --persons 200 --of-interest 10 --seed 5
exits 0 "set-up: demo partnership"

as ctp.analyst person add --given Aisha --family Rahman
A=$OUT
as ctp.analyst person add --given Idris --family Campbell
B=$OUT
as council.prevent person add --given Jane --family Doe
C=$OUT
CASES=$(sqlite3 "$DB" "select count(*) from cases")

as ctp.analyst case add general 'Hidden subject' --subject "$A" --subject "$C"
exits 1 "a subject the analyst may not read is refused"
like "$ERR" "subjects: person '$C' not found" "as not found, naming it"
is "$(sqlite3 "$DB" "select count(*) from cases")" "$CASES" "and no case is opened"

as ctp.analyst case add general 'Two subjects' --subject "$A" --subject "$B"
exits 0 "a case opens with two subjects"
K=$OUT
as ctp.analyst case show "$K"
like "$OUT" "^  subjects 2$" "case show counts them"
like "$OUT" "^    Aisha Rahman \(.+, $A\), since " "and names each, with its holder and id"
like "$OUT" "^    Idris Campbell \(.+, $B\), since " "in the order added"
as ctp.analyst --json case show "$K"
like "$OUT" "\"subjects\":\[\{\"person_id\":\"$A\"" "--json lists them"

as council.prevent case show "$K"
exits 1 "a user who may not read the case"
unlike "$OUT$ERR" "Rahman" "learns nothing of its subjects"

as ctp.analyst case add general 'Later'
L=$OUT
as ctp.analyst case subject "$L" "$A"
exits 0 "a subject is added to an open case"
as ctp.analyst case subject "$L" "$A"
exits 1 "but only once"
as ctp.analyst case subject "$L" "$C"
exits 1 "another agency's record cannot be added"
like "$ERR" "person '$C' not found" "and is reported as not found"

done_testing
