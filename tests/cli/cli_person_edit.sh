# SPDX-License-Identifier: Apache-2.0
#
# cli_person_edit.sh - person records kept right from the command line (issue 15, point
# 8): 'person edit ID --field value... --reason TEXT' against the version read, keeping the
# version replaced (who, when, why) for 'person history ID'; refusals that name the field
# and the reason but not the value; another agency's record is not found; 'person merge'
# and 'person unmerge'.
#
# Run as: bash cli_person_edit.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
P='cli person edit test'

as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose "$P" "$@"
}

accord --db "$DB" demo --persons 200 --of-interest 10 --seed 5
exits 0 "set-up: demo partnership"

as ctp.analyst person add --given Aisha --family Rahman --dob 1990-04 --postcode 'B11 4AA'
exits 0 "a person is added"
ID=$OUT

# adding a record the agency already holds warns and names it, and adds it all the same
as ctp.analyst person add --given Aisha --family Rahman --dob 1990-04 --postcode 'B11 4AA'
exits 0 "a look-alike of a record of the agency is still added"
TWIN=$OUT
like "$TWIN" "^[0-9A-Z]{26}$" "with its own id"
isnt "$TWIN" "$ID" "a new record, not the old one"
like "$ERR" "^warning: looks like Aisha Rahman \($ID\), already held by your agency \(score (0\.[89][0-9]|1\.00)\)" "the warning names the existing record by name and id, with the score"
like "$ERR" "accord person merge $ID $TWIN" "and says how to merge them"
as ctp.analyst person add --given Zebedee --family Quillfeather --dob 1950
exits 0 "an unlike record is added"
is "$ERR" "" "without a warning"

# add refuses what edit refuses, with the same words (issue 15 point 8)
as ctp.analyst person add --given Aisha --family Rahman --ni 'GB 12 34 56 A'
exits 1 "add refuses an NI number with a prefix HMRC never uses (NIM39110)"
like "$ERR" "identifiers\[0\]\.value: not a National Insurance number" "naming the field and the rule"
unlike "$ERR" "GB 12 34 56 A" "but not the value"
as ctp.analyst person add --given Aisha --family Rahman --postcode '75001 Paris'
exits 1 "add refuses a postcode that is not a UK postcode's shape"
like "$ERR" "addresses\[0\]\.postcode: not a UK postcode.*leave it out" "naming the field and what to do"
as ctp.analyst person add --given Aisha --family Rahman --pnc '2005/12345678X'
exits 1 "add refuses a PNC id with a serial of eight digits"
like "$ERR" "identifiers\[0\]\.value: not a PNC id" "saying what a PNC id looks like"

as ctp.analyst person edit "$ID" --dob 1990-04-12
exits 2 "edit without --reason is a usage error"
like "$ERR" "edit needs --reason" "which says what is missing"
as ctp.analyst person edit "$ID" --reason 'nothing'
exits 2 "edit with nothing to change is a usage error"
like "$ERR" "say what changes" "which says so"

as ctp.analyst person edit "$ID" --ni 'QQ 12 34 56 A' --reason 'from payroll'
exits 1 "an NI number that breaks HMRC's rules is refused"
like "$ERR" "identifiers\[0\]\.value: not a National Insurance number" "naming the field and the rule"
unlike "$ERR" "QQ 12 34 56 A" "but not the value"
as ctp.analyst person edit "$ID" --postcode 'NOT A CODE' --reason 'moved'
exits 1 "a postcode that is not a UK postcode's shape is refused"
like "$ERR" "addresses\[0\]\.postcode: not a UK postcode" "naming the field"
as ctp.analyst person edit "$ID" --pnc '05-123456X' --reason 'from PNC'
exits 1 "a PNC id of the wrong form is refused"
like "$ERR" "not a PNC id" "saying what a PNC id looks like"

as ctp.analyst person edit "$ID" --dob 1990-04-12 --family Rehman --ni 'AB 12 34 56 C' \
    --reason 'confirmed from passport'
exits 0 "a good edit is taken"
like "$OUT" "^$ID version 2$" "and answers with the new version"
as ctp.analyst person show "$ID"
like "$OUT" "^name +Aisha Rehman \(primary\)$" "the record reads as edited"
like "$OUT" "^born +1990-04-12$" "with the new date of birth"
like "$OUT" "\(version 2\)$" "at version 2"

as ctp.analyst person history "$ID"
exits 0 "history lists the versions replaced"
like "$OUT" "^1 +[0-9T:.-]+Z +.+ +confirmed from passport$" "version 1 with when, who and why"
unlike "$OUT" "01[0-9A-Z]{24}" "who is a name, not an id"
like "$ERR" "^1 earlier version$" "counted in the singular"
as ctp.analyst --json person history "$ID"
like "$OUT" '"family":"Rahman"' "the replaced version reads as it was"
is "$(sqlite3 "$DB" "select count(*) from audit_log where action = 'update' and object_id = '$ID'")" \
    "1" "the edit is audited once"

as council.prevent person edit "$ID" --family Smith --reason 'mine now'
exits 1 "another agency's record cannot be edited"
like "$ERR" "person '$ID' not found" "and is reported as not found"
as council.prevent person history "$ID"
exits 1 "nor its history read"

# --- merge two records of one agency, and undo it -------------------------------------------
as ctp.analyst person add --given Omar --family Haddad --dob 1979
K=$OUT
as ctp.analyst person add --given Omar --family Hadad --dob 1979
D=$OUT
as ctp.analyst person merge "$K" "$D"
exits 2 "merge without --reason is a usage error"
as council.prevent person merge "$K" "$D" --reason 'same man'
exits 1 "another agency cannot merge the records"
like "$ERR" "not found" "which are not found for it"
as ctp.analyst person merge "$K" "$D" --reason 'one man, two spellings'
exits 0 "two records of the agency are merged"
like "$OUT" "^$K now answers for $D$" "and it says which answers"
as ctp.analyst person show "$D"
like "$OUT" "^id +$K$" "the merged id shows the survivor"
as ctp.analyst person search 'omar'
like "$ERR" "^1 person$" "search finds one record"
as ctp.analyst person unmerge "$D" --reason 'two brothers after all'
exits 0 "the merge is undone"
as ctp.analyst person show "$D"
like "$OUT" "^id +$D$" "the record answers for itself again"
as ctp.analyst person unmerge "$D" --reason 'again'
exits 1 "a record not merged cannot be unmerged"
like "$ERR" "not merged" "and the error says so"

done_testing
