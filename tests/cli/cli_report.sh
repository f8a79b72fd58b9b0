# SPDX-License-Identifier: Apache-2.0
#
# cli_report.sh - a retailer's report to a duty officer's queue through the CLI: watchlist
# import (and a bad file that changes nothing), report submit with its receipt and its
# validation errors, the reporter seeing only its own, the alert with its match, alerts that
# reveal no holdings (the oracle attack; the holder's duty desk told in full),
# acknowledgement, escalation on the clock, and a corrected regime table put in force.
#
# Run as: bash cli_report.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
P='cli report test'
WHEN=2026-01-10T10:00:00Z

as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose "$P" "$@"
}

accord --db "$DB" demo --persons 200 --of-interest 10 --seed 5 --no-work
exits 0 "set-up: demo partnership"
accord --db "$DB" --as admin agency add 'Garden Centre Ltd' --kind private_sector --country GB
accord --db "$DB" --as admin user add garden.admin --agency 'Garden Centre Ltd' --roles admin --vetting bpss
enrol_user "$DB" admin garden.admin
accord --db "$DB" --as garden.admin user add garden.till --agency 'Garden Centre Ltd' --roles reporter --vetting none
exits 0 "set-up: a second retailer"
enrol_user "$DB" garden.admin garden.till

# --- watchlists -------------------------------------------------------------------------

printf 'id,name,dob\nW1,Viktor Petrovsky,1971-02-03\nW1,Viktor Petrovskiy,\nW2,Samira Haddad,\n' >list.csv
printf 'id,name,dob\nW1,Viktor Petrovsky,1971-02-03\nW2,,\n' >bad.csv

as ctp.analyst watchlist import bad.csv --format csv --name 'Partnership list'
exits 1 "a list with an empty name is refused"
like "$ERR" "line 3" "the refusal names the line"
as ctp.analyst watchlist import list.csv --format csv --name 'Partnership list'
exits 0 "ctp.analyst imports the partnership list"
like "$OUT" "'Partnership list' \(csv\): 3 names" "the import says how many names"
as ctp.analyst watchlist import list.csv
exits 2 "import without --format is a usage error"
as ctp.analyst watchlist import list.csv --format csv --alt x.csv
exits 2 "--alt without --format ofac is a usage error"
as retail.reporter watchlist import list.csv --format csv --name Mine
exits 1 "a reporter may not import watchlists"
as ctp.duty watchlist list
exits 0 "the duty officer lists the watchlists"
like "$OUT" "^Partnership list +csv +3 names" "the list shows name, format and size"

# --- reports and their validation -------------------------------------------------------

as retail.reporter report submit --when $WHEN --substance 'hydrogen peroxide' \
    --concentration 35 --indicators nervous
exits 1 "a report without a quantity is refused"
like "$ERR" "quantity: required" "the refusal names the quantity"
as retail.reporter report submit --when 2099-01-01T00:00:00Z --substance 'hydrogen peroxide' \
    --quantity '1 L' --indicators nervous
exits 1 "a report from the future is refused"
like "$ERR" "occurred_at: in the future" "the refusal says the time is in the future"
as retail.reporter report submit --when $WHEN --substance 'hydrogen peroxide' \
    --concentration 130 --quantity '1 L' --indicators nervous
exits 1 "an impossible concentration is refused"
like "$ERR" "concentration: impossible" "the refusal says the concentration is impossible"
as retail.reporter report submit --when $WHEN --quantity '1 L' --indicators nervous
exits 1 "a report without a substance is refused"
like "$ERR" "substance: required" "the refusal names the substance"
as retail.reporter report submit --when $WHEN --substance acetone --quantity '1 L' --indicators shifty
exits 2 "an unknown indicator is a usage error"
like "$ERR" "not_regular_customer" "the error lists the indicators"
as retail.reporter report submit --when $WHEN --substance acetone --quantity '1 L'
exits 1 "a transaction with neither indicator nor narrative is refused"
like "$ERR" "say what made it suspicious" "the refusal asks what made it suspicious"
is "$(sqlite3 "$DB" 'select count(*) from reports')" 0 "no refused report was stored"

as retail.reporter report submit --kind attempt --when $WHEN --substance 'hydrogen peroxide' \
    --concentration 35 --quantity '4 x 5 L' --payment cash --buyer-name 'PETROVSKY, Viktor' \
    --buyer-dob 1971-02-03 --indicators nervous,insists_on_cash --narrative 'Asked about licences'
exits 0 "the reporter submits an attempted purchase"
like "$OUT" "^report received: SPR-[0-9]{8}-[0-9A-Z]{10} " "the receipt gives a reference"
unlike "$OUT" "alert|match|Petrovsky" "the receipt says nothing of the screening"
REPORT=$(sqlite3 "$DB" 'select id from reports limit 1')

as retail.reporter report list
exits 0 "the reporter lists its reports"
like "$OUT" "^1 report$" "one report is listed"
as garden.till report list
like "$OUT" "^0 reports$" "another retailer lists none of them"
as garden.till report show "$REPORT"
exits 1 "another retailer cannot read the report"
like "$ERR" "not found" "another retailer is told it does not exist"
as retail.reporter report show "$REPORT"
exits 0 "the reporter reads its own report"
like "$OUT" "^substance +hydrogen peroxide at 35% \(regulated explosives precursor\)" "the report shows the class"

# --- the alert ------------------------------------------------------------------------------

as retail.reporter alerts list
exits 1 "a reporter has no alert queue"
as ctp.duty alerts list
exits 0 "the duty officer lists alerts"
like "$OUT" " high +open +.* buyer strongly matches a listed name; regulated substance" \
    "the alert is high: strong match on a regulated substance"
ALERT=$(sqlite3 "$DB" "select id from alerts where routed_agency_id = (select id from agencies where name = 'West Midlands Counter Terrorism Unit') limit 1")
as ctp.duty alerts show "$ALERT"
exits 0 "the duty officer opens the alert"
like "$OUT" "watchlist 'Partnership list', entry W1: Viktor Petrovsk" "the match names the entry"
like "$OUT" "petrovsky=petrovsky" "the match is explained word by word"
like "$OUT" "^  buyer +PETROVSKY, Viktor, born 1971-02-03" "the alert shows the report"
# issue 14.13: alerts show --json, as GET /alerts/{id} gives it
as ctp.duty alerts show "$ALERT" --json
exits 0 "alerts show --json"
python3 -c 'import json, sys
a = json.loads(sys.stdin.read())
assert a["id"] == sys.argv[1], a["id"]
assert a["priority"] == "high" and a["status"] == "open", a
assert a["matches"][0]["entry_id"] == "W1", a["matches"]
assert a["report"]["kind"] and a["report"]["buyer_name"], a["report"]' "$ALERT" <<<"$OUT"
exits 0 "it is one JSON object with the alert, its matches and its report"
is "$(grep -c . <<<"$OUT")" 1 "on one line"

# --- alerts reveal no holdings ----------------------------------------------------------
# The oracle attack: a CTU user who both reports and reads alerts names as the buyer a
# person only the Security Service holds, and then one nobody holds.

accord --db "$DB" --as admin user add ctp.desk --agency 'West Midlands Counter Terrorism Unit' \
    --roles reporter,duty_officer --vetting sc
accord --db "$DB" --as ss.admin user add ss.duty --agency 'Security Service' --roles duty_officer \
    --vetting dv
exits 0 "set-up: a CTU desk that reports and reads alerts; a Security Service duty desk"
approve_grants "$DB" admin2
approve_grants "$DB" admin
enrol_user "$DB" admin ctp.desk
enrol_user "$DB" ss.admin ss.duty
as ss.analyst person add --given Bohdana --family Yaremchuk --dob 1979-04-04
SSID=$OUT
exits 0 "set-up: a person only the Security Service holds"
for buyer in 'Bohdana Yaremchuk' 'Zinaida Ostapchuk'; do
    as ctp.desk report submit --when $WHEN --substance 'nitric acid' --concentration 60 \
        --quantity '2 L' --buyer-name "$buyer" --indicators wont_say_use,nervous
done
exits 0 "the desk reports both buyers"
CTU=$(sqlite3 "$DB" "select id from agencies where name = 'West Midlands Counter Terrorism Unit'")
alert_on() { # alert_on BUYER AGENCY_ID: the alert on that buyer's report routed to the agency
    sqlite3 "$DB" "select a.id from alerts a join reports r on r.id = a.report_id where r.buyer_name = '$1' and a.routed_agency_id = '$2'"
}
ALERT2=$(alert_on 'Bohdana Yaremchuk' "$CTU")
ALERT3=$(alert_on 'Zinaida Ostapchuk' "$CTU")
isnt "$ALERT2" "" "the report on the held buyer raised an alert for the desk"
is "$(grep -c . <<<"$ALERT2")" 1 "and only one"
as ctp.desk alerts show "$ALERT2"
exits 0 "the desk opens it"
SHOW2=$OUT
like "$SHOW2" "^partner +a partner holds a possible match and has been told" "it says a partner was told"
unlike "$SHOW2" "Security Service" "it names no agency"
unlike "$SHOW2" "$SSID" "nor the person"
like "$SHOW2" "^matches +0$" "it shows no match, so no score"
as ctp.desk alerts show "$ALERT3"
SHOW3=$OUT
unlike "$SHOW3" "partner" "the alert on a buyer nobody holds says no partner was told"
strip() { grep -Ev '^(alert|partner|  reference|  received|  buyer|  id) ' <<<"$1" | sed -E 's/acknowledge by .*//'; }
is "$(strip "$SHOW2")" "$(strip "$SHOW3")" "otherwise the two alerts are the same: priority, reason, fields"
as ctp.desk alerts list
unlike "$OUT" "your agency holds" "the desk lists no alert raised for the holder"

SSALERT=$(alert_on 'Bohdana Yaremchuk' "$(sqlite3 "$DB" "select id from agencies where name = 'Security Service'")")
isnt "$SSALERT" "" "the Security Service's duty desk was told"
as ss.duty alerts show "$SSALERT"
exits 0 "the Security Service duty officer opens its alert"
like "$OUT" "^held +your agency holds a possible match: decide what to disclose" "it is the holder's to decide"
like "$OUT" "person $SSID held by Security Service: Bohdana Yaremchuk" "the holder sees the match"
like "$OUT" "bohdana=bohdana" "with its explanation"
as ctp.desk alerts show "$SSALERT"
exits 1 "the desk cannot open the holder's alert"
like "$ERR" "not found" "the desk is told it does not exist"

as ctp.duty alerts ack "$ALERT"
exits 1 "acknowledging without a note is refused"
like "$ERR" "note: required" "the refusal asks for a note"
as ctp.duty alerts ack "$ALERT" --note 'Officers attending the store'
exits 0 "the duty officer acknowledges with a note"
as ctp.duty alerts ack "$ALERT" --note 'again'
exits 1 "a second acknowledgement is refused"
like "$ERR" "already acknowledged" "the refusal says it was acknowledged already"
as ctp.duty alerts list --all
like "$OUT" "acknowledged" "--all lists acknowledged alerts too"

# escalation: the demo's clock is the wall clock, so move the deadline into the past
sqlite3 "$DB" "update alerts set deadline = '2000-01-01T00:00:00.000Z' where id = '$ALERT2'"
as ctp.duty alerts escalate
exits 0 "the duty officer runs escalation"
like "$OUT" "^1 alert escalated" "the lapsed alert is escalated"
is "$(sqlite3 "$DB" "select escalation from alerts where id = '$ALERT2'")" 1 "its escalation level is 1"
as retail.reporter alerts escalate
exits 1 "a reporter may not escalate"

# --- the regime -------------------------------------------------------------------------

printf 'names,cas,part,limit,status,note\nhydrogen peroxide,7722-84-1,regulated_precursor,40,confirmed,partnership correction\n' >regime.csv
as retail.reporter substance load regime.csv
exits 1 "a reporter may not change the regime"
as ctp.analyst substance load regime.csv
exits 0 "an analyst puts a corrected regime in force"
as retail.reporter report submit --when $WHEN --substance 'hydrogen peroxide' \
    --concentration 35 --quantity '1 L' --indicators nervous
like "$OUT" "reportable explosives precursor under the regime in force" "reports are classified by the new table"

as ctp.analyst report --help
like "$OUT" "within 24 hours" "report --help explains the duty"
as ctp.duty alerts --help
like "$OUT" "high 15 minutes" "alerts --help gives the deadlines"

# --- substances as a retailer types them; the receipt's statutory route (issue 14) -------

accord substance classify 'H2O2 35%'
exits 0 "a formula with its concentration classifies"
like "$OUT" "^regulated explosives precursor" "H2O2 35% is regulated"
like "$OUT" "hydrogen peroxide, CAS 7722-84-1" "as hydrogen peroxide"
like "$OUT" "at 35% w/w \(read from the name\)" "at 35%, read from the name"
accord substance classify 'ammonium nitrate' --concentration 30
like "$OUT" "^reportable explosives precursor" "30% w/w ammonium nitrate is reportable, not regulated"
like "$OUT" "10.5% nitrogen" "the nitrogen it has is shown"
accord substance classify 'Pool Shock Plus'
exits 0 "an unknown product is answered"
like "$OUT" "^not recognised" "an unknown substance is not recognised"
like "$OUT" "give the CAS number or the name on the label" "and says what to do"
unlike "$OUT" "neither" "never neither regulated nor reportable"
accord substance classify 7722841 --concentration 35
like "$OUT" "^regulated explosives precursor" "a CAS number without dashes is recognised"

as retail.reporter report submit --when "$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)" \
    --substance 'nitric acid 68%' --quantity '1 L' --indicators nervous
exits 0 "a report in time"
like "$OUT" "report it to the Anti-Terrorist Hotline, 0800 789 321" "the receipt names the national line"
unlike "$OUT" "^late" "a report within 24 hours is not late"
as retail.reporter report submit --when $WHEN --substance 'nitric acid 68%' --quantity '1 L' \
    --indicators nervous
like "$OUT" "^late: received more than 24 hours after it happened" "an old one is flagged late"
ACCORD_REPORT_LINE='the regional desk, 0800 000 111' as retail.reporter report submit --when $WHEN \
    --substance acetone --quantity '1 L' --indicators nervous
like "$OUT" "report it to the regional desk, 0800 000 111" "the partnership names its own line"
ACCORD_DESIGNATED=yes as retail.reporter report submit --when $WHEN --substance acetone \
    --quantity '1 L' --indicators nervous
like "$OUT" "this report is the statutory report" "a designated partnership's receipt says so"
ACCORD_DESIGNATED=maybe as retail.reporter report submit --when $WHEN --substance acetone \
    --quantity '1 L' --indicators nervous
exits 2 "a bad ACCORD_DESIGNATED is refused"
like "$ERR" "ACCORD_DESIGNATED: yes" "naming the variable and its values"
as retail.reporter report submit --when $WHEN --substance 'Pool Shock Plus' --quantity '1 L' \
    --indicators nervous
like "$OUT" "substance not recognised: add the CAS number" "the receipt says the substance was not recognised"

# issue 14.13: "--limit -1" was read as the largest number; now it says what a limit is
for cmd in "alerts --limit -1" "report list --limit -1" "person search --family Shah --limit -1" \
    "alerts --limit 0"; do
    # shellcheck disable=SC2086 # the words of the command
    as ctp.duty $cmd
    exits 2 "$cmd is refused"
    like "$ERR" "limit: the limit must be positive" "$cmd says the limit must be positive"
done

done_testing
