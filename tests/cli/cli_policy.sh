# SPDX-License-Identifier: Apache-2.0
#
# cli_policy.sh - refusals the policy matrix found wrong, performed through the CLI: a
# user of the originating agency who may not know of an item (not in the case it is
# bound to) is told "not found" when editing it, not "not allowed" (which confirmed that
# it exists); revoking a disclosure is sharing, so a duty officer cannot revoke one.
#
# Run as: bash cli_policy.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
P='cli policy test'
CTU='West Midlands Counter Terrorism Unit'
BCC='Birmingham City Council'
FUTURE=2099-01-01T00:00:00Z
MISSING_ID=01ZZZZZZZZZZZZZZZZZZZZZZZZ

as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose "$P" "$@"
}

accord --db "$DB" demo --persons 100 --of-interest 5 --seed 5
exits 0 "set-up: demo partnership"

# --- an item of CT policing bound to a council case only ctp.analyst is in ------------

as council.prevent case add prevent_referral 'Referral P'
exits 0 "set-up: the council opens a Prevent referral"
CASE=$OUT
as council.prevent case member "$CASE" "$CTU" --user ctp.analyst
exits 0 "set-up: ctp.analyst (alone of CT policing) joins the case"
as ctp.analyst item add --classification official --grade 2BP --case "$CASE" --text 'case note'
exits 0 "set-up: ctp.analyst adds an item bound to the case"
ITEM=$OUT

as oversight.auditor item edit "$ITEM" --text 'overwritten' --version 1
exits 1 "the auditor of the originating agency, not in the case, cannot edit the item"
like "$ERR" "not found" "the refusal is 'not found': it does not confirm the item exists"
HIDDEN=$ERR
as oversight.auditor item edit "$MISSING_ID" --text 'overwritten' --version 1
is "${HIDDEN//$ITEM/ID}" "${ERR//$MISSING_ID/ID}" \
    "the bound item and a made-up id give the same message"
as ctp.analyst item show "$ITEM"
like "$OUT" "^case note\$" "the refused edit changed nothing"

# --- a live disclosure of CT policing to the council --------------------------------

as ctp.analyst item add --classification official --grade 2BP --text 'shared note'
exits 0 "set-up: ctp.analyst adds an item"
SHARED=$OUT
as ctp.analyst disclose "$SHARED" --to-agency "$BCC" --basis ssa1989-s2 --expires "$FUTURE"
exits 0 "set-up: ctp.analyst discloses it to the council"
DISC=$OUT
as council.prevent item show "$SHARED"
exits 0 "set-up: the council reads the released item"

as ctp.duty revoke "$DISC"
exits 1 "a duty officer of the originating agency cannot revoke the disclosure"
like "$ERR" "not allowed" "the refusal says it is not allowed"
as council.prevent item show "$SHARED"
exits 0 "after the refused revocation the council still reads the item"
as ctp.analyst revoke "$DISC"
exits 0 "an analyst of the originating agency revokes it"
as council.prevent item show "$SHARED"
exits 1 "after revocation the council cannot read the item"

done_testing
