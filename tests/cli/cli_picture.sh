# SPDX-License-Identifier: Apache-2.0
#
# cli_picture.sh - one view of a person through the real binary (issue 15.5):
# 'person picture ID [--json]' for a person to read (the classification line at the top
# and the bottom, a heading per part, agencies by name), the request and the frozen
# disclosure appearing in it, 'rfi approve' (the second person of the holder), revocation
# removing the disclosure at once, and a record of another agency "not found" as a
# missing one.
#
# Run as: bash cli_picture.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
P='cli picture test'

as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose "$P" "$@"
}

accord --db "$DB" demo --persons 30 --of-interest 3 --seed 7
exits 0 "set-up: demo partnership"
as ctp.analyst person add --given Oskar --family Lindqvist --dob 1979-06-30
CTU_P=$OUT
as council.prevent person add --given Oskar --family Lindqvist --dob 1979-06-30 \
    --address '4 Mill Lane' --postcode 'B11 4AA'
COUNCIL_P=$OUT

as ctp.analyst person picture "$CTU_P"
exits 0 "the CT analyst's picture of a person it holds"
is "$(printf '%s\n' "$OUT" | head -n 1)" \
    "OFFICIAL-SENSITIVE (the highest classification on this view)" "the marking on top"
is "$(printf '%s\n' "$OUT" | tail -n 1)" \
    "OFFICIAL-SENSITIVE (the highest classification on this view)" "and at the bottom"
like "$OUT" "Picture of Oskar Lindqvist" "named, not numbered"
like "$OUT" "Records held by your agency \(1\)" "a heading per part"
like "$OUT" "source: West Midlands Counter Terrorism Unit; OFFICIAL-SENSITIVE" \
    "each part marked with its source and classification"
like "$OUT" "Birmingham City Council holds a record .reference R-" "the council's pointer"
unlike "$OUT" "$COUNCIL_P" "with no record id of the council's"
unlike "$OUT" "Mill Lane" "nor anything of its record"
BEFORE=$OUT
REF=$(printf '%s\n' "$OUT" | sed -n 's/.*(reference \(R-[0-9A-F]*\)).*/\1/p' | head -n 1)

as ss.analyst person add --given Oskar --family Lindqvist --dob 1979-06-30
as ctp.analyst person picture "$CTU_P"
is "$OUT" "$BEFORE" "the Security Service's holding is not discoverable: the same picture"

as ctp.analyst person picture "$COUNCIL_P"
exits 1 "the council's record is not the analyst's to see"
NOT_SEEN=${ERR//$COUNCIL_P/ID}
as ctp.analyst person picture 01M8Y3A6AVDK7SNMZCGYCAC40N
NOT_THERE=${ERR//01M8Y3A6AVDK7SNMZCGYCAC40N/ID}
is "$NOT_SEEN" "$NOT_THERE" "told as for a record that does not exist"
like "$NOT_SEEN" "not found" "not found"
accord --db "$DB" --as ctp.analyst person picture "$CTU_P"
exits 2 "a purpose is required"

as ctp.analyst rfi ask --ref "$REF" --question 'names and date of birth' --basis cda1998-s115
RFI=$OUT
as ctp.analyst person picture "$CTU_P"
like "$OUT" "Open requests for information \(1\)" "the open request is in the picture"
like "$OUT" "West Midlands Counter Terrorism Unit asks Birmingham City Council" "by names"
as council.prevent person picture "$COUNCIL_P"
like "$OUT" "West Midlands Counter Terrorism Unit asks Birmingham City Council" \
    "and in the council's picture of its record"

as council.prevent rfi answer "$RFI" --fields names,dob --classification official
exits 0 "the council answers with two fields, marked below the record"
PD=$OUT
as ctp.analyst person picture "$CTU_P"
like "$OUT" "Disclosed to you by other agencies .frozen as released. \(0\)" \
    "waiting for a second person of the council: not yet in the picture"
as council.prevent rfi approve "$PD"
exits 1 "the one who released it cannot approve it"
like "$ERR" "second person" "saying why"
as council.admin user add council.second --agency "Birmingham City Council" --roles caseworker \
    --vetting ctc
CODE=$(printf '%s\n' "$OUT" | sed -n 's/^enrolment code: //p')
approve_grants "$DB" admin
accord --db "$DB" user enrol council.second --code "$CODE"
as council.second rfi approve "$PD"
exits 0 "a second caseworker of the council approves"
like "$OUT" "approved $PD" "saying so"
as ctp.analyst person picture "$CTU_P"
like "$OUT" "Disclosed to you by other agencies .frozen as released. \(1\)" "now it is shown"
like "$OUT" "Birmingham City Council released names,dob" "with its source and fields"
like "$OUT" '"given":"Oskar"' "the names"
like "$OUT" '"dob":"1979-06-30"' "the date of birth"
like "$OUT" "source: Birmingham City Council; OFFICIAL$" "marked as released"
unlike "$OUT" "Mill Lane" "no address"
sqlite3 -batch "$DB" "UPDATE person_names SET given = 'Oscar' WHERE person_id = '$COUNCIL_P';"
as ctp.analyst person picture "$CTU_P" --json
exits 0 "the picture as JSON"
like "$OUT" '"highest_classification":"official_sensitive"' "with its highest marking"
like "$OUT" '"source":\{"agency_id":"[0-9A-Z]+","agency_name":"Birmingham City Council","classification":"official"' \
    "each part with its source"
like "$OUT" '"given":"Oskar"' "frozen: the council's later change does not reach it"
printf '%s' "$OUT" >"$T/picture.json"
ok "one JSON document" python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$T/picture.json"

as council.prevent rfi revoke "$PD"
as ctp.analyst person picture "$CTU_P"
like "$OUT" "Disclosed to you by other agencies .frozen as released. \(0\)" \
    "revocation removes it from the picture at once"
unlike "$OUT" "Oskar\",\"family" "no trace of it"

# a Security Service record is intelligence-service material (CTSA 2015 s.38(5)(a))
as ss.admin agency discoverability ct_policing yes
as ctp.analyst person picture "$CTU_P"
like "$OUT" "Security Service holds a record" "once declared, the Service's pointer shows"
SS_REF=$(printf '%s\n' "$OUT" | sed -n 's/.*Security Service holds a record (reference \(R-[0-9A-F]*\)).*/\1/p')
as ctp.analyst rfi ask --ref "$SS_REF" --question 'names' --basis cda1998-s115
SS_RFI=$OUT
as ss.analyst rfi answer "$SS_RFI" --fields names --basis ssa1989-s2
exits 1 "the Service's record is not released without --release-iss"
like "$ERR" "explicit release" "saying what is missing"
as ss.analyst rfi answer "$SS_RFI" --fields names --basis ssa1989-s2 --release-iss
exits 0 "released with the Service's explicit release"
as ctp.analyst person picture "$CTU_P"
like "$OUT" "Security Service released names" "and it reaches the analyst's picture"

done_testing
