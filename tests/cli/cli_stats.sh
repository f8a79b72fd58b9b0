# SPDX-License-Identifier: Apache-2.0
#
# cli_stats.sh - the partnership's statistics through the real binary (issue 21, point
# 2): 'accord stats TABLE' on a demo hub shows counts of 1 to 4 as "<5" and never the
# count itself, in every format (text, CSV, JSON, SVG); analysts, auditors and
# administrators read them, a retailer does not; a bad day or table is refused naming the
# field; each call is audited with the table asked for.
#
# Run as: bash cli_stats.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db

as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose 'cli stats test' "$@"
}

accord --db "$DB" demo --persons 200 --of-interest 10 --seed 4
exits 0 "set-up: demo partnership"

# The demo raises 13 alerts: 10 high, and 3 medium or low (1 to 4 each): the small ones
# are "<5" and their sum shows only with the other cells it could come from.
as oversight.auditor stats alerts
exits 0 "the oversight auditor reads the alerts table"
like "$OUT" "^Alerts by priority and time to acknowledgement" "with its title"
like "$OUT" "^high +0 +0 +0 +10 +10$" "a count of 10 is shown"
like "$OUT" "^medium +0 +0 +0 +<5 +<5$" "a count of 1 to 4 is shown as <5"
unlike "$OUT" "^(medium|low) .* [1-4]( |$)" "and never as itself"

as oversight.auditor stats alerts --csv
exits 0 "as CSV"
is "$(head -1 <<<"$OUT" | tr -d '\r')" \
    "priority,within_1_hour,within_24_hours,over_24_hours,not_acknowledged,Total" "a header row"
like "$(tr -d '\r' <<<"$OUT")" "^low,0,0,0,<5,<5$" "small counts suppressed in CSV"

as oversight.auditor stats alerts --json
exits 0 "as JSON"
ok "the JSON holds the published texts only" python3 -c '
import json, sys
t = json.loads(sys.argv[1])
assert t["table"] == "alerts" and t["rows"] == ["high", "medium", "low"], t
cells = [c for row in t["cells"] for c in row]
assert all(c in ("<5", "[c]") or (c.isdigit() and (int(c) == 0 or int(c) >= 5)) for c in cells), cells
' "$OUT"

as ctp.analyst stats rfis --round --svg "$T/rfis.svg"
exits 0 "an analyst reads the RFIs table, rounded, with a chart"
like "$OUT" "rounded to 5" "the rounding is said"
like "$(cat "$T/rfis.svg")" "^<svg xmlns=\"http://www.w3.org/2000/svg\"" "the chart is SVG"
unlike "$(cat "$T/rfis.svg")" ">[1-4]</text>" "and labels no count of 1 to 4"

as admin stats reports --from 2026-01-01 --to 2026-12-31 --area 'Brindley Chemicals Ltd'
exits 0 "an administrator reads one agency's reports for a period"
like "$OUT" "area Brindley Chemicals Ltd" "the area by name"

as retail.reporter stats reports
exits 1 "a retailer's till may not read statistics"
like "$ERR" "private-sector partners do not read" "and is told why"
as retail.admin stats reports
exits 1 "nor may a retailer's administrator"

as oversight.auditor stats alerts --from 2026-13-01
exits 1 "a day that is not a day is refused"
like "$ERR" "from: not a day \(YYYY-MM-DD\)" "naming the field and the form"
as oversight.auditor stats alerts --from 2026-06-01 --to 2026-01-01
exits 1 "a period that ends before it starts is refused"
like "$ERR" "to: before from" "naming the field"
as oversight.auditor stats plots
exits 1 "an unknown table is refused"
like "$ERR" "table: unknown; use one of referrals" "listing the tables"
as oversight.auditor stats alerts --area 'No Such Agency'
exits 1 "an unknown area is refused"
like "$ERR" "area: no agency" "naming the field"

as oversight.auditor audit by-user oversight.auditor
exits 0 "the auditor reads their own trail"
like "$OUT" "statistics alerts from start to end area all" "each call is audited with the table asked for"

done_testing
