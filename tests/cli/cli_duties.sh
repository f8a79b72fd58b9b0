# SPDX-License-Identifier: Apache-2.0
#
# cli_duties.sh - separation of duties, tried as the insiders of issue 13 would: an
# administrator who makes a token for someone else, makes a DV user with every role in
# another agency, or approves their own grant; every attempt is refused.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/duties.db
accord --db "$DB" demo --persons 100 --of-interest 5 --seed 9
exits 0 "set-up: a small demo hub"
EXPIRES=$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)

accord --db "$DB" --as admin token create ss.analyst --scopes items:read --expires "$EXPIRES"
exits 1 "the administrator cannot make a token that acts as ss.analyst"
like "$ERR" "acts only for the user who makes it" "and is told a token acts only for its maker"
accord --db "$DB" --as ss.analyst token create ss.analyst --scopes items:read --expires "$EXPIRES"
exits 0 "ss.analyst makes a token for themselves"
SS_TOKEN=$(awk '/^id/ {print $2}' <<<"$OUT")
accord --db "$DB" --as ss.analyst token list
exits 0 "ss.analyst lists their tokens"
like "$OUT" "$SS_TOKEN" "and sees the token they made"
unlike "$OUT" "act_" "but never a secret"
accord --db "$DB" --as admin token list
exits 0 "the hub's administrator lists tokens"
unlike "$OUT" "$SS_TOKEN" "and does not see another person's token"
accord --db "$DB" --as ss.admin token list
unlike "$OUT" "$SS_TOKEN" "nor does ss.analyst's own administrator (a person's tokens are theirs)"

accord --db "$DB" --as council.admin user suspend ss.analyst
exits 1 "another agency's administrator cannot suspend ss.analyst"
accord --db "$DB" --as ss.analyst --purpose test item list
exits 0 "ss.analyst still acts"
accord --db "$DB" --as admin user suspend admin
exits 1 "an administrator cannot suspend themselves"
like "$ERR" "your own account" "and is told so"
accord --db "$DB" --as ss.admin user suspend ss.analyst
exits 0 "the Security Service's administrator suspends ss.analyst"
accord --db "$DB" --as ss.analyst --purpose test item list
exits 1 "the suspended user cannot act, at once"
like "$ERR" "suspended" "and is told the account is suspended"
accord --db "$DB" --as ss.analyst token list
exits 1 "nor list their tokens"
accord --db "$DB" --as ss.admin user reactivate ss.analyst
exits 0 "their administrator reactivates them"
accord --db "$DB" --as ss.analyst --purpose test item list
exits 0 "and ss.analyst acts again"
accord --db "$DB" --as council.admin user unlock ss.analyst
exits 1 "another agency's administrator cannot unlock ss.analyst's sign-in"
accord --db "$DB" --as ss.admin user unlock ss.analyst
exits 0 "their administrator can"

accord --db "$DB" --as admin user add rogue --agency 'Security Service' \
    --roles admin,analyst,caseworker,panel_member,duty_officer,reporter,auditor --vetting dv
exits 1 "the hub's administrator cannot make a user in the Security Service"
like "$ERR" "own agency" "and is told administrators manage their own agency"

accord --db "$DB" --as ss.admin user add ss.rogue --agency 'Security Service' \
    --roles analyst,caseworker,duty_officer --vetting dv
exits 0 "the Security Service's administrator asks for a DV analyst"
enrol_user "$DB" ss.admin ss.rogue
like "$ERR" "waits, suspended, for a second administrator" "who waits for a second administrator"
accord --db "$DB" --as ss.rogue --purpose test item list
exits 1 "the waiting user cannot act"
like "$ERR" "suspended" "and is told the account is suspended"
accord --db "$DB" --as ss.admin user reactivate ss.rogue
exits 1 "the administrator who asked cannot reactivate the waiting user past the grant"
like "$ERR" "second administrator" "and is told the grant must be decided"
accord --db "$DB" --as ss.rogue --purpose test item list
exits 1 "the waiting user still cannot act"
accord --db "$DB" --as ss.admin user grants
G=$(awk '/ss\.rogue/ {print $1}' <<<"$OUT")
accord --db "$DB" --as ss.admin user approve "$G"
exits 1 "the administrator who asked cannot approve it"
accord --db "$DB" --as council.admin user approve "$G"
exits 1 "another agency's administrator cannot approve it"
accord --db "$DB" --as admin user refuse "$G"
exits 0 "the hub's other administrator refuses it"
accord --db "$DB" --as ss.rogue --purpose test item list
exits 1 "the refused user still cannot act"

accord --db "$DB" --as admin user enrolment-code ss.analyst
exits 1 "the hub's administrator cannot reset a Security Service password"
accord --db "$DB" --as ss.admin user enrolment-code ss.analyst
exits 0 "the Security Service's administrator issues ss.analyst a one-time code"
CODE=$OUT
ACCORD_PASSWORD='not the right code at all' accord --db "$DB" user enrol ss.analyst --code 0000
exits 1 "a wrong code sets no password"
ACCORD_PASSWORD='a new passphrase for ss' accord --db "$DB" user enrol ss.analyst --code "$CODE"
exits 0 "ss.analyst redeems the code and sets their own password"
ACCORD_PASSWORD='a second try with it' accord --db "$DB" user enrol ss.analyst --code "$CODE"
exits 1 "the code works once"

accord --db "$DB" --as retail.admin user add retail.till --service --agency 'Brindley Chemicals Ltd' \
    --roles reporter --vetting none
exits 0 "the retailer's administrator adds a till as a service account"
accord --db "$DB" --as retail.admin token create retail.till --scopes reports:submit --expires "$EXPIRES"
exits 0 "and makes the till its token"
accord --db "$DB" --as retail.admin user enrolment-code retail.till
exits 1 "a service account gets no password"

# --- changing an existing account: power added waits, power taken away applies -----------

accord --db "$DB" --as ss.admin user grant ss.analyst --roles analyst,caseworker --vetting dv
exits 0 "the Security Service's administrator asks to add a role to ss.analyst"
GRANT=$OUT
like "$ERR" "waits for a second administrator" "which waits for a second administrator"
accord --db "$DB" --as ss.admin user approve "$GRANT"
exits 1 "the administrator who asked cannot approve the role"
accord --db "$DB" --as admin user grant ss.analyst --roles analyst --vetting dv --agency 'Birmingham City Council'
exits 1 "the hub's administrator cannot move another agency's analyst"
accord --db "$DB" --as ss.admin user grant ss.analyst --roles analyst --vetting sc
exits 0 "taking vetting away applies at once"
like "$OUT" "ss.analyst: applied" "and says it was applied"

done_testing
