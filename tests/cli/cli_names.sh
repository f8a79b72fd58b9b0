# SPDX-License-Identifier: Apache-2.0
#
# cli_names.sh - names, not ids, wherever a person reads (issue 14, point 11): the agency
# holding a person record, an item's originator, the agency a report came from and the
# duty officer who acknowledged an alert are printed by name; --json keeps the ids.
#
# Run as: bash cli_names.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
P='cli names test'
ID_RE='01[0-9A-HJKMNP-TV-Z]{24}'

as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose "$P" "$@"
}

accord --db "$DB" demo --persons 60 --of-interest 3 --seed 11
exits 0 "set-up: a small demo hub"

as ctp.analyst person add --given Aisha --family Rahman --dob 1990-04 --postcode 'B11 4AA'
exits 0 "CT policing records a person"
PERSON=$OUT
as ctp.analyst person show "$PERSON"
like "$OUT" "^agency +West Midlands Counter Terrorism Unit$" "person show names the agency holding it"
unlike "$OUT" "^agency +$ID_RE$" "not its id"
as ctp.analyst person show "$PERSON" --json
like "$OUT" "\"agency_id\":\"$ID_RE\"" "--json keeps the agency's id"

as ss.analyst item add --classification secret --grade 1BP --text 'Seen at the unit.'
exits 0 "the Security Service records an item"
ITEM=$OUT
as ss.analyst item show "$ITEM"
like "$OUT" "^originator +Security Service$" "item show names the originator"

as retail.reporter report submit --kind attempt --when now --substance 'hydrogen peroxide' \
    --concentration 35 --quantity '4 x 5 L' --payment cash --buyer-name 'John Smith' \
    --indicators nervous,insists_on_cash
exits 0 "the retailer reports an attempted purchase"
REPORT=$(sed -n 's/^id \([0-9A-Z]*\),.*/\1/p' <<<"$OUT")
as retail.reporter report show "$REPORT"
like "$OUT" "^received +[0-9T:.Z-]+ from Brindley Chemicals Ltd$" "report show names the reporting agency"

as ctp.duty alerts list
ALERT=$(awk 'NR == 1 {print $1}' <<<"$OUT")
as ctp.duty alerts ack "$ALERT" --note 'unit sent'
exits 0 "the duty officer acknowledges the alert"
as ctp.duty alerts show "$ALERT"
like "$OUT" "acknowledged by Daniel Trevelyan at " "alerts show names who acknowledged it (a person's name: issue 16.6)"
unlike "$OUT" "by $ID_RE" "not their id"

done_testing
