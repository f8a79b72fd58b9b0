# SPDX-License-Identifier: Apache-2.0
#
# cli_item.sh - intelligence items end to end: originator control (another agency's item
# is "not found", shaped like a missing id), a redacted release below the original
# classification under the two-person rule, revocation at once, refused disclosures,
# roles that read or write no content, UK EYES ONLY against an international partner,
# ISS material kept out of a Channel case, and edits with optimistic versions.
#
# Run as: bash cli_item.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
P='cli item test'
CTU='West Midlands Counter Terrorism Unit'
BCC='Birmingham City Council'
SS='Security Service'
FUTURE=2099-01-01T00:00:00Z
MISSING_ID=01ZZZZZZZZZZZZZZZZZZZZZZZZ
ORIGINAL='ORIGINAL: subject met a named contact at the warehouse on 3 March'
REDACTED='Subject known to CT policing; seek advice before any contact'
CONDITIONS='No onward disclosure without the originator'

# as USER ARGS...: run accord on the hub as USER with the test's purpose.
as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose "$P" "$@"
}

# id_or NAME: the id printed by the last run, or a placeholder that matches nothing.
id_or() {
    if [[ $OUT =~ ^[0-9A-Z]{26}$ ]]; then
        printf '%s\n' "$OUT"
    else
        printf 'NO-%s-ID\n' "$1"
    fi
}

disclosures_count() {
    sqlite3 -batch "$DB" 'select count(*) from disclosures'
}

accord --db "$DB" demo --persons 300 --of-interest 20 --seed 3
exits 0 "set-up: demo partnership"

# --- a SECRET item of the CT unit -------------------------------------------------------

as ctp.analyst item add --classification secret --grade 1BC --text "$ORIGINAL"
exits 1 "handling code C without --conditions is refused"
like "$ERR" "conditions" "the refusal asks for the conditions"

as ctp.analyst item add --classification secret --grade 1BC --conditions "$CONDITIONS" --text "$ORIGINAL"
exits 0 "ctp.analyst adds a SECRET item graded 1BC with conditions"
like "$OUT" '^[0-9A-Z]{26}$' "item add prints the new item's id"
ITEM=$(id_or item)

as ctp.analyst item show "$ITEM"
exits 0 "the originator reads the item"
like "$OUT" "^classification +secret\$" "item show gives the classification"
like "$OUT" '^grading +1BC$' "item show gives the grading"
like "$OUT" "^conditions +$CONDITIONS\$" "item show gives the handling conditions"
like "$OUT" "^$ORIGINAL\$" "item show gives the text"
unlike "$OUT" '^released by' "the originator's read is not through a disclosure"

as ss.analyst item show "$ITEM"
exits 1 "ss.analyst (another agency, DV) cannot show the item"
like "$ERR" "not found" "another agency's item is reported as not found"
unlike "$OUT$ERR" "ORIGINAL" "the refused read shows nothing of the text"
OTHER_MSG=$ERR
as ss.analyst item show "$MISSING_ID"
exits 1 "a made-up item id exits 1"
is "${OTHER_MSG//$ITEM/ID}" "${ERR//$MISSING_ID/ID}" \
    "another agency's item and a made-up id give the same message"

as ss.analyst item list
exits 0 "ss.analyst lists items"
unlike "$OUT" "$ITEM" "ss.analyst's list does not show the CT unit's item"

# --- a redacted release to the council, under the two-person rule -----------------------

as ctp.analyst disclose "$ITEM" --to-agency "$BCC" --basis cda1998-s115 --expires "$FUTURE" \
    --classification official_sensitive --redacted "$REDACTED"
exits 0 "ctp.analyst discloses a redacted version to the council at official_sensitive"
like "$OUT" '^[0-9A-Z]{26}$' "disclose prints the disclosure's id"
DISC=$(id_or disclosure)
like "$ERR" "approve $DISC" "disclose hints that the release waits for 'accord approve ID'"
like "$ERR" "second person" "the hint says a second person must approve"

as council.prevent item show "$ITEM"
exits 1 "before approval, council.prevent cannot read the item"
like "$ERR" "not found" "before approval, the item is not found for the council"
as council.prevent item list
unlike "$OUT" "$ITEM" "before approval, the council's list does not show the item"

as ctp.analyst approve "$DISC"
exits 1 "ctp.analyst cannot approve its own release"
like "$ERR" "second person" "the refusal says a second person must approve"

accord --db "$DB" --as ss.admin user add ss.analyst3 --agency "$SS" --roles analyst --vetting dv
exits 0 "the Security Service's administrator adds a third analyst"
approve_grants "$DB" admin
enrol_user "$DB" ss.admin ss.analyst3

as ss.analyst approve "$DISC"
exits 1 "an analyst of another agency cannot approve the release"
as council.prevent item show "$ITEM"
exits 1 "after the refused approvals the council still cannot read the item"

as ctp.caseworker approve "$DISC"
exits 0 "the CT unit's caseworker, a second person, approves the release"

as council.prevent item show "$ITEM"
exits 0 "after approval, council.prevent reads the item"
like "$OUT" "^$REDACTED\$" "the council reads the redacted text"
unlike "$OUT" "ORIGINAL|warehouse" "the council never sees the original text"
like "$OUT" "^released by +disclosure $DISC under cda1998-s115" "the council's read says it was released by the disclosure"
like "$OUT" '^classification +official_sensitive$' "the council sees the released classification"
like "$OUT" "^conditions +$CONDITIONS\$" "the handling conditions travel with the released copy"

as council.prevent item list
exits 0 "council.prevent lists items"
like "$OUT" "^$ITEM +official_sensitive +1BC +disclosure +Subject known" "the council's list shows the released item"
unlike "$OUT" "ORIGINAL|warehouse" "the council's list never shows the original text"

as probation.officer item show "$ITEM"
exits 1 "probation (not a recipient) still cannot read the item"

as ctp.caseworker approve "$DISC"
exits 1 "a live disclosure cannot be approved twice"

as ctp.analyst revoke "$DISC"
exits 0 "ctp.analyst revokes the disclosure"
as council.prevent item show "$ITEM"
exits 1 "after revocation, the council cannot read the item at once"
like "$ERR" "not found" "after revocation, the item is not found for the council"
as council.prevent item list
unlike "$OUT" "$ITEM" "after revocation, the council's list does not show the item"
as ctp.caseworker approve "$DISC"
exits 1 "a revoked disclosure cannot be approved back to life"
as council.prevent item show "$ITEM"
exits 1 "after the refused re-approval the council still cannot read the item"

# --- refused disclosures ----------------------------------------------------------------

BEFORE=$(disclosures_count)
as ctp.analyst disclose "$ITEM" --to-agency "$BCC" --basis no-such-gateway --expires "$FUTURE" \
    --classification official_sensitive --redacted "$REDACTED"
exits 1 "a disclosure with an unknown --basis exits 1"
like "$ERR" "gateway" "the refusal talks about the lawful gateway"
as ctp.analyst disclose "$ITEM" --to-agency "$BCC" --basis cda1998-s115 --expires 2020-01-01T00:00:00Z \
    --classification official_sensitive --redacted "$REDACTED"
exits 1 "a disclosure with --expires in the past exits 1"
like "$ERR" "expires" "the refusal names --expires"
as ctp.analyst disclose "$ITEM" --to-agency "$BCC" --basis cda1998-s115 --expires "$FUTURE" \
    --classification top_secret
exits 1 "a disclosure marked above the original classification exits 1"
like "$ERR" "classification" "the refusal names the classification"
as ctp.analyst disclose "$ITEM" --to-agency 'No Such Agency' --basis cda1998-s115 --expires "$FUTURE"
exits 1 "a disclosure to an unknown agency exits 1"
as council.prevent disclose "$ITEM" --to-agency "$BCC" --basis cda1998-s115 --expires "$FUTURE"
exits 1 "another agency cannot disclose the item"
like "$ERR" "not found" "another agency's disclose is told the item is not found"
is "$(disclosures_count)" "$BEFORE" "the refused disclosures wrote nothing"

# --- roles that read or write no content ------------------------------------------------

for user in admin oversight.auditor; do
    as "$user" item show "$ITEM"
    exits 1 "$user cannot read the item"
    like "$ERR" "not found" "$user is told the item is not found"
done
as retail.reporter item add --classification official --grade 2BP --text 'saw a van'
exits 1 "retail.reporter cannot add items"
like "$ERR" "not allowed" "the refused add says 'not allowed'"
as ctp.analyst item add --classification top_secret --grade 2BP --text 'above SC'
exits 1 "an SC analyst cannot add a TOP SECRET item"

as ctp.analyst item show "$ITEM" --json
exits 0 "item show --json exits 0"
# 'accord item --help' documents `item show ID [--json]`, as person show has
ok "item show --json prints one JSON object with the id and the text" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert isinstance(d, dict) and d.get("id") == sys.argv[2] and sys.argv[3] in d.values(), d' \
    "$OUT" "$ITEM" "$ORIGINAL"

# --- UK EYES ONLY against an international partner --------------------------------------

accord --db "$DB" --as admin agency add Europol --kind international_partner --country NL
exits 0 "the administrator adds an international partner"
accord --db "$DB" --as admin user add europol.admin --agency Europol --roles admin --vetting bpss
enrol_user "$DB" admin europol.admin
accord --db "$DB" --as europol.admin user add europol.analyst --agency Europol --roles analyst --vetting dv
exits 0 "the partner's administrator adds a DV analyst at the partner"
approve_grants "$DB" admin
enrol_user "$DB" europol.admin europol.analyst

as ss.analyst item add --classification secret --grade 1BP --caveats uk_eyes_only --text 'UKEO: for UK eyes'
exits 0 "ss.analyst adds a SECRET UK EYES ONLY item"
UKEO=$(id_or ukeo)
as ss.analyst item show "$UKEO"
like "$OUT" '^classification +secret UK EYES ONLY \(intelligence-service sensitive\)$' "the originator sees the UK EYES ONLY marking (and iss: a Security Service item)"
as ss.analyst item add --classification secret --grade 1BP --text 'PLAIN: shareable'
exits 0 "ss.analyst adds a plain SECRET item"
PLAIN=$(id_or plain)

# the hub may accept this disclosure or refuse it: either way the partner must not read
as ss.analyst disclose "$UKEO" --to-agency Europol --basis ssa1989-s2 --expires "$FUTURE"
as ss.analyst disclose "$PLAIN" --to-agency Europol --basis ssa1989-s2 --release-iss --expires "$FUTURE"
exits 0 "the plain item is disclosed to the partner at the same classification"
unlike "$ERR" "approve" "a release at the same classification needs no approval"

as europol.analyst item show "$UKEO"
exits 1 "the partner's analyst cannot read the UK EYES ONLY item"
like "$ERR" "not found" "the UK EYES ONLY item is not found for the partner"
unlike "$OUT" "UKEO" "the partner sees nothing of the UK EYES ONLY text"
as europol.analyst item show "$PLAIN"
exits 0 "the partner's analyst reads the plain item"
like "$OUT" '^PLAIN: shareable$' "the partner reads the plain item's text"
as europol.analyst item list
like "$OUT" "^$PLAIN " "the partner's list shows the plain item"
unlike "$OUT" "$UKEO" "the partner's list does not show the UK EYES ONLY item"

# --- cases ------------------------------------------------------------------------------

as ctp.analyst case add soi 'Op Heron'
exits 0 "ctp.analyst opens an SOI case"
like "$OUT" '^[0-9A-Z]{26}$' "case add prints the case id"

as council.prevent case add channel 'Channel 7'
exits 0 "council.prevent opens a Channel case"
CHANNEL=$(id_or channel)
as council.prevent case member "$CHANNEL" "$CTU"
exits 0 "council.prevent adds the CT unit as a member"
as ctp.analyst case member "$CHANNEL" "$SS"
exits 1 "a member that does not lead the case cannot add members"

as ctp.analyst item add --classification official_sensitive --grade 2BP --caveats iss \
    --case "$CHANNEL" --text 'ISS: service-derived'
exits 1 "an ISS item bound to the Channel case is refused for ctp.analyst"
like "$ERR" "Prevent or Channel" "the refusal says ISS material stays out of Prevent and Channel cases"
as ctp.analyst item list
unlike "$OUT" "ISS: service-derived" "the refused ISS item was not added"

as ctp.analyst item add --classification official_sensitive --grade 2BP --case "$CHANNEL" \
    --text 'CASE: plain note for the panel'
exits 0 "a plain item bound to the Channel case is accepted for its member"

as ctp.analyst case add no_such_type 'Op Nothing'
exits 2 "case add with an unknown type exits 2"

# --- issue 14: OFFICIAL UK EYES ONLY (GSCP 2024: national caveats on SECRET and TOP SECRET only)

BEFORE_ITEMS=$(sqlite3 -batch "$DB" 'select count(*) from items')
for cls in official official_sensitive; do
    as ss.analyst item add --classification "$cls" --grade 1BP --caveats uk_eyes_only --text 'UKEO low'
    exits 1 "a $cls item with uk_eyes_only is refused"
    like "$ERR" "UK EYES ONLY is a national caveat and applies only to SECRET and TOP SECRET" \
        "the refusal of $cls UK EYES ONLY says national caveats need SECRET or above"
done
is "$(sqlite3 -batch "$DB" 'select count(*) from items')" "$BEFORE_ITEMS" "the refused items wrote nothing"
as ss.analyst disclose "$UKEO" --to-agency "$CTU" --basis ssa1989-s2 --release-iss \
    --expires "$FUTURE" --classification official_sensitive
exits 1 "a release of a UK EYES ONLY item below SECRET is refused"
like "$ERR" "applies only to SECRET and TOP SECRET" "the refused release names the rule"

# --- issue 14: a legacy 5x5x5 grading, stored as 3x5x2 (data/grading/5x5x5_to_3x5x2.csv)

as ctp.analyst item add --classification secret --legacy-grade b24 --text 'LEGACY: old report'
exits 0 "an item graded b24 under 5x5x5 is added"
LEGACY=$(id_or legacy)
as ctp.analyst item show "$LEGACY"
like "$OUT" '^grading +1AC$' "5x5x5 B24 is stored as 3x5x2 1AC"
like "$OUT" '^conditions +legacy 5x5x5 handling 4: within the originating agency only$' \
    "the legacy handling code travels as the C condition"
as ctp.analyst item add --classification secret --legacy-grade B24 --grade 1AC --text 'both'
exits 2 "--grade with --legacy-grade is refused"
like "$ERR" "not both" "the refusal says to give one of them"
as ctp.analyst item add --classification secret --legacy-grade B64 --text 'bad'
exits 2 "an unknown legacy grade is refused"
like "$ERR" "legacy grade: give the 5x5x5 source A-E, intelligence 1-5 and handling 1-5" \
    "the refusal says what a 5x5x5 grade is"

# --- issue 14: intelligence-service material (CTSA 2015 s.38(4)-(5)) ----------------------

as ss.analyst item add --classification secret --grade 2BP --text 'MI5: subject met ISS-CONTACT'
exits 0 "ss.analyst adds an item without caveats"
ISSI=$(id_or issi)
as ss.analyst item show "$ISSI"
like "$OUT" '^classification +secret \(intelligence-service sensitive\)$' \
    "a Security Service item is tagged iss without being asked"

BEFORE=$(disclosures_count)
as ss.analyst disclose "$ISSI" --to-case "$CHANNEL" --basis ctsa2015-s38 --release-iss --expires "$FUTURE"
exits 1 "iss material into the Channel case under ctsa2015-s38 is refused"
like "$ERR" "only under ssa1989-s2 or cta2008-s19" "the refusal names the gateways that carry it"
as ss.analyst disclose "$ISSI" --to-agency "$CTU" --basis cda1998-s115 --release-iss --expires "$FUTURE"
exits 1 "iss material under a partner's gateway (cda1998-s115) is refused"
as ss.analyst disclose "$ISSI" --to-agency "$CTU" --basis ssa1989-s2 --expires "$FUTURE"
exits 1 "iss material without the originator's explicit release is refused"
like "$ERR" "--release-iss" "the refusal says how to release it explicitly"
as ss.analyst disclose "$ISSI" --to-agency "$BCC" --basis ssa1989-s2 --release-iss --expires "$FUTURE"
exits 1 "iss material to a council is refused"
like "$ERR" "local authority never receives intelligence-service material" \
    "the refusal says a council never receives it"
is "$(disclosures_count)" "$BEFORE" "the refused iss disclosures wrote nothing"

as ss.analyst disclose "$ISSI" --to-agency "$CTU" --basis ssa1989-s2 --release-iss --expires "$FUTURE"
exits 0 "iss material to CT policing under ssa1989-s2 with --release-iss is accepted"
as ctp.analyst item show "$ISSI"
exits 0 "CT policing reads the released iss item"
like "$OUT" '^MI5: subject met ISS-CONTACT$' "CT policing reads its text"
as ss.analyst disclose "$ISSI" --to-case "$CHANNEL" --basis ssa1989-s2 --release-iss --expires "$FUTURE"
exits 0 "iss material into the Channel case under ssa1989-s2 with --release-iss is accepted"
as council.prevent item show "$ISSI"
exits 1 "the council, a member of the Channel case, still cannot read the iss item"
unlike "$OUT" "ISS-CONTACT" "the council sees nothing of the iss text"
as council.prevent item list
unlike "$OUT" "$ISSI" "the council's list does not show the iss item"

as council.prevent item add --classification official --grade 2BP --caveats iss --text 'council iss'
exits 1 "a council cannot add an iss item"
like "$ERR" "local authority does not hold intelligence-service material" "the refusal says why"

# --- edits with versions ----------------------------------------------------------------

as ss.analyst item add --classification official --grade 2BP --text 'draft one'
exits 0 "ss.analyst adds an item to edit"
DRAFT=$(id_or draft)
as ss.analyst item show "$DRAFT"
like "$OUT" '^version +1$' "a new item is at version 1"

as ss.analyst item edit "$DRAFT" --text 'draft two' --version 1
exits 0 "the originator edits with the current --version"
as ss.analyst item show "$DRAFT"
like "$OUT" '^draft two$' "the edit changed the text"
like "$OUT" '^version +2$' "the edit moved the version to 2"

as ss.analyst3 item edit "$DRAFT" --text 'draft stale' --version 1
exits 1 "an edit with a stale --version exits 1"
like "$ERR" "changed" "the stale edit says the item was changed"
as ss.analyst item show "$DRAFT"
like "$OUT" '^draft two$' "the stale edit changed nothing"

as ctp.analyst item edit "$DRAFT" --text 'draft hijacked' --version 2
exits 1 "another agency cannot edit the item"
like "$ERR" "not found" "another agency's edit is told the item is not found"
as ss.analyst item show "$DRAFT"
unlike "$OUT" "hijacked" "the refused edit changed nothing"

as ss.analyst item edit "$DRAFT" --text 'draft three'
exits 2 "item edit without --version exits 2"

done_testing
