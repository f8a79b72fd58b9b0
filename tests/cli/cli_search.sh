# SPDX-License-Identifier: Apache-2.0
#
# cli_search.sh - accord person search finds every spelling (issue 15, point 6): persons
# imported from a file are found by a variant spelling, from another script and with the
# names swapped, and each row gives the score and, in words, which field matched how;
# --json has them as fields.  Another agency's record is never shown.
#
# Run as: bash cli_search.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
CTU='West Midlands CTU'
BCC='Birmingham City Council'
P='cli search test'

accord --db "$DB" init --agency "$CTU" --admin wm.admin
exits 0 "set-up: init"
accord --db "$DB" --as wm.admin agency add "$BCC" --kind local_authority
accord --db "$DB" --as wm.admin user add wm.admin2 --agency "$CTU" --roles admin --vetting bpss
accord --db "$DB" --as wm.admin user add bcc.admin --agency "$BCC" --roles admin --vetting bpss
enrol_user "$DB" wm.admin wm.admin2
enrol_user "$DB" wm.admin bcc.admin
accord --db "$DB" --as wm.admin user add ana --agency "$CTU" --roles analyst --vetting sc
accord --db "$DB" --as bcc.admin user add cas --agency "$BCC" --roles caseworker --vetting ctc
approve_grants "$DB" wm.admin2
enrol_user "$DB" wm.admin ana
enrol_user "$DB" bcc.admin cas

cat >"$T/persons.csv" <<'CSV'
record_id,first_name,middle_name,surname,date_of_birth,street_number,address_1,town,post_code,passport_no,nino,pnc,aliases,notes
S-001,Muhammad,,Khan,1980-05-02,12,Oak Road,Birmingham,B11 4AA,,,,,
S-002,Олена,,Петренко,1975,3,Elm Street,Coventry,CV1 2AB,,,,,
S-003,Peter,,Jones,1990,4,Ash Road,Birmingham,B12 9ZZ,,,,,
CSV
accord --db "$DB" --as ana --purpose "$P" import persons "$T/persons.csv" --agency "$CTU"
exits 0 "set-up: the analyst imports three persons"
accord --db "$DB" --as cas --purpose "$P" person add --given Muhammad --family Khan --ref BCC-1
exits 0 "set-up: the council holds a Muhammad Khan of its own"

accord --db "$DB" --as ana --purpose "$P" person search 'mohammed khan'
exits 0 "a search by another spelling exits 0"
like "$OUT" '^ID +NAME +BORN +POSTCODE +REFERENCE +SCORE +WHY$' "the table has a score and a why column"
like "$OUT" ' Muhammad Khan +1980-05-02 +B11 4AA +S-001 +0\.9[0-9] +primary name "Muhammad Khan": .*mohammed=muhammad \(variant' \
    "'mohammed khan' finds the imported Muhammad Khan, saying the given name is a variant"
unlike "$OUT" 'BCC-1' "the council's Muhammad Khan is not shown to the CTU"
is "$(grep -c '^[0-9A-Z]\{26\} ' "$T/.out")" 1 "exactly one row"

accord --db "$DB" --as ana --purpose "$P" person search petrenko
like "$OUT" ' Олена Петренко .* S-002 ' "'petrenko' finds Петренко"

accord --db "$DB" --as ana --purpose "$P" person search 'khan muhammad'
like "$OUT" 'khan=khan \(exact' "swapped names find Muhammad Khan, each word met exactly"

accord --db "$DB" --as ana --purpose "$P" person search 'muhammad khan' --dob 1981
unlike "$OUT" 'S-001' "a year of birth that differs narrows him out"
accord --db "$DB" --as ana --purpose "$P" person search 'muhammad khan' --postcode 'B11 4'
like "$OUT" 'postcode B11 4AA is in B11 4' "a postcode sector narrows, and says so"

accord --db "$DB" --as ana --purpose "$P" --json person search 'mohammed khan'
exits 0 "search --json exits 0"
ok "--json has the score and the explanation as fields" \
    python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["source_ref"]=="S-001" and 0.75<=d["score"]<=1 and "mohammed=muhammad" in d["explanation"], d' "$OUT"

done_testing
