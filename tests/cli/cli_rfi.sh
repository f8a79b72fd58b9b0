# SPDX-License-Identifier: Apache-2.0
#
# cli_rfi.sh - discoverable holdings, requests for information and person disclosures
# through the real binary (issue 15.2-4): 'person pointers', 'agency discoverability' and
# 'rfi ask|list|show|answer|refuse|disclosures|read|revoke'.  Until the subjects of issue
# 15.1 land, "the same person" is a confirmed same_person link across two agencies,
# written here with sqlite3 (no command makes one).
#
# Run as: bash cli_rfi.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
P='cli rfi test'

as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose "$P" "$@"
}

# same_person A B: join records A and B as one person.
same_person() {
    sqlite3 -batch "$DB" "INSERT INTO links (id, agency_id, from_type, from_id, to_type, to_id,
        link_type, provenance, confidence, status, review_date, created_by, created_at, updated_at)
        SELECT 'CLILINK' || '$1', agency_id, 'person', '$1', 'person', '$2', 'same_person',
        'test', 1, 'confirmed', '2027-01-01', created_by, created_at, created_at FROM persons
        WHERE id = '$1';"
}

accord --db "$DB" demo --persons 30 --of-interest 3 --seed 7
exits 0 "set-up: demo partnership"
as ctp.analyst person add --given Oskar --family Lindqvist --dob 1979-06-30
CTU_P=$OUT
as council.prevent person add --given Oskar --family Lindqvist --dob 1979-06-30 \
    --address '4 Mill Lane' --postcode 'B11 4AA'
COUNCIL_P=$OUT
same_person "$CTU_P" "$COUNCIL_P"

as ctp.analyst person pointers "$CTU_P"
exits 0 "the CT analyst lists the pointers of a person it holds"
like "$OUT" "Birmingham City Council holds a record .reference R-" "the council's pointer"
unlike "$OUT" "$COUNCIL_P" "with no record id of the council's"
BEFORE=$OUT
REF=$(printf '%s\n' "$OUT" | sed -n 's/.*(reference \(R-[0-9A-F]*\)).*/\1/p' | head -n 1)

as ss.analyst person add --given Oskar --family Lindqvist --dob 1979-06-30
SS_P=$OUT
same_person "$SS_P" "$CTU_P"
as ctp.analyst person pointers "$CTU_P"
is "$OUT" "$BEFORE" "the Security Service's holding is not discoverable: the answer is the same"

as council.prevent person pointers "$COUNCIL_P"
like "$OUT" "no other agency's record" "a council sees no pointer by default"

as council.admin agency discoverability
exits 0 "an agency's declarations are listed"
like "$OUT" "ct_policing +yes .default." "CT policing by default"
like "$OUT" "probation +no +.default." "not probation"
as council.prevent agency discoverability probation yes
exits 1 "a caseworker does not declare"
as council.admin agency discoverability probation maybe
exits 2 "yes or no"
as council.admin agency discoverability probation yes
exits 0 "the council's administrator declares for probation"
as probation.officer person add --given Oskar --family Lindqvist --dob 1979-06-30
PROB_P=$OUT
same_person "$PROB_P" "$COUNCIL_P"
as probation.officer person pointers "$PROB_P"
like "$OUT" "Birmingham City Council holds a record" "probation now sees the council's holding"

as ctp.analyst rfi ask --ref "$REF" --question 'date of birth and names' --basis no-such
exits 1 "an unknown gateway is refused"
like "$ERR" "lawful basis" "naming the field"
as ctp.analyst rfi ask --ref R-0000000000 --question 'x' --basis cda1998-s115
exits 1 "a reference not seen is not found"
like "$ERR" "not found" "as one that does not exist"
as ctp.analyst rfi ask --ref "$REF" --question 'date of birth and names' --basis cda1998-s115
exits 0 "the CT analyst asks the council"
RFI=$OUT
as council.prevent rfi list --open
like "$OUT" "$RFI" "the council's queue has it"
like "$OUT" "West Midlands Counter Terrorism Unit" "by the asker's name"
as council.prevent rfi show "$RFI"
like "$OUT" "your record  $COUNCIL_P" "the holder sees which record"
as ctp.analyst rfi show "$RFI"
unlike "$OUT" "$COUNCIL_P" "the asker does not"
like "$OUT" "routine, due 2" "routine, with its deadline"
as council.prevent rfi answer "$RFI" --fields names,dob
exits 0 "the council answers with two fields"
PD=$OUT
as ctp.analyst rfi read "$PD"
exits 0 "the analyst reads the disclosure"
like "$OUT" '"given":"Oskar"' "the names"
like "$OUT" '"dob":"1979-06-30"' "the date of birth"
unlike "$OUT" "Mill Lane" "no address"
sqlite3 -batch "$DB" "UPDATE person_names SET given = 'Oscar' WHERE person_id = '$COUNCIL_P';"
as ctp.analyst rfi read "$PD"
like "$OUT" '"given":"Oskar"' "frozen: a later change of the record does not reach it"
as ctp.analyst rfi disclosures
like "$OUT" "$PD" "listed for the recipient"
as council.prevent rfi revoke "$PD"
exits 0 "the council revokes"
as ctp.analyst rfi read "$PD"
exits 1 "revocation removes it at once"
like "$ERR" "not found" "as not found"

as ctp.analyst rfi ask --ref "$REF" --question 'address' --basis cda1998-s115 --urgency urgent
RFI2=$OUT
as council.prevent rfi refuse "$RFI2"
exits 2 "a refusal needs a reason"
as council.prevent rfi refuse "$RFI2" --reason 'a live inquiry'
exits 0 "the council refuses with a reason"
as ctp.analyst rfi show "$RFI2"
like "$OUT" "answer       a live inquiry" "the asker reads the reason"
as ctp.analyst rfi list --outgoing
like "$OUT" "refused" "the asker's list shows the outcome"

done_testing
