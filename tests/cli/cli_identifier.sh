# SPDX-License-Identifier: Apache-2.0
#
# cli_identifier.sh - accord person search --identifier (issue 16, point 5): persons
# imported from a file are found by an NI number, a PNC id or a passport number, written
# with or without spaces, '/' and capitals, with the kind or without; WHY says which
# identifier agreed; another agency's record holding the same identifier is never shown;
# a kind accord does not know, or an identifier with a name, is refused saying what to
# write.
#
# Run as: bash cli_identifier.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
CTU='West Midlands CTU'
BCC='Birmingham City Council'
P='cli identifier test'

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
record_id,first_name,surname,date_of_birth,post_code,passport_no,nino,pnc
S-001,Muhammad,Khan,1980-05-02,B11 4AA,,JT123456B,
S-002,Peter,Jones,1990,B12 9ZZ,123456789,,05/123456X
S-003,Anna,Jones,1991,B12 9ZZ,,,
CSV
accord --db "$DB" --as ana --purpose "$P" import persons "$T/persons.csv" --agency "$CTU"
exits 0 "set-up: the analyst imports three persons"
accord --db "$DB" --as cas --purpose "$P" person add --given Mo --family Khan --ni JT123456B \
    --ref BCC-1
exits 0 "set-up: the council holds a record with the same NI number"

accord --db "$DB" --as ana --purpose "$P" person search --identifier 'NI:jt 12 34 56 b'
exits 0 "a search by NI number exits 0"
like "$OUT" ' Muhammad Khan +1980-05-02 +B11 4AA +S-001 +1\.00 +NI number agrees' \
    "it finds the record and says the NI number agrees"
unlike "$OUT" 'BCC-1' "the council's record with the same NI number is not shown to the CTU"
is "$(grep -c '^[0-9A-Z]\{26\} ' "$T/.out")" 1 "exactly one row"

accord --db "$DB" --as ana --purpose "$P" person search --identifier PNC:05123456x
like "$OUT" 'S-002 .*PNC id agrees' "a PNC id without its '/' finds Peter Jones"
accord --db "$DB" --as ana --purpose "$P" person search --identifier 123456789
like "$OUT" 'S-002 .*passport number agrees' "a value without its kind searches every kind"
accord --db "$DB" --as ana --purpose "$P" person search --identifier passport:JT123456B
unlike "$OUT" 'S-001' "the NI number as a passport number is no match"

accord --db "$DB" --as cas --purpose "$P" person search --identifier NI:JT123456B
like "$OUT" 'BCC-1' "the council finds its own record"
unlike "$OUT" 'S-001' "and never the CTU's"

accord --db "$DB" --as ana --purpose "$P" --json person search --identifier NI:JT123456B
ok "--json has the explanation as a field" \
    python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["source_ref"]=="S-001" and d["explanation"]=="NI number agrees" and d["score"]==1, d' "$OUT"

accord --db "$DB" --as ana --purpose "$P" person search --identifier shoe:42
exits 1 "an unknown kind is refused"
like "$ERR" "identifier: the kind before ':' is not one accord knows; write NI:AB123456C" \
    "saying what to write"
accord --db "$DB" --as ana --purpose "$P" person search khan --identifier NI:JT123456B
exits 2 "an identifier with a name is a usage error"
like "$ERR" "search by an identifier alone" "saying so"

done_testing
