# SPDX-License-Identifier: Apache-2.0
#
# cli_notify.sh - escalation that runs by itself and e-mail to the users who must act
# (issue 14, point 8), through the real binary and a real SMTP conversation with a sink
# this test starts on loopback and stops by its pid: 'accord notify tick' at chosen times
# (what 'accord serve' runs every few seconds), the tiers an unacknowledged alert climbs,
# and messages that carry a reference and a link but no personal data.
#
# Run as: bash cli_notify.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
P='cli notify test'
MAIL=$T/mail
mkdir -p "$MAIL"

as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose "$P" "$@"
}

python3 "$TESTS_DIR/cli/smtp_sink.py" "$T/port" "$MAIL" </dev/null >/dev/null 2>&1 &
for _ in $(seq 1 200); do
    [ -s "$T/port" ] && [ -s "$T/port.pid" ] && break
    sleep 0.05 # waiting for the sink to listen, not for timing
done
SINK=$(cat "$T/port.pid" 2>/dev/null)
trap 'if [ -n "$SINK" ]; then kill "$SINK" 2>/dev/null; fi; rm -rf -- "$T"' EXIT
SMTP="smtp://127.0.0.1:$(cat "$T/port")"
ok "the SMTP sink listens" test -n "$SINK"

accord --db "$DB" demo --persons 50 --of-interest 5 --seed 5
exits 0 "set-up: demo partnership"
printf 'id,name,dob\nW1,Viktor Petrovsky,1971-02-03\n' >list.csv
as ctp.analyst watchlist import list.csv --format csv --name 'Partnership list'
exits 0 "set-up: a watchlist"

as admin notify contact ctp.duty --email duty@ctp.example.police.uk
exits 0 "an administrator sets a duty officer's address"
like "$OUT" "ctp.duty: e-mail address set" "the change is confirmed"
as admin notify contact ctp.analyst --email a@ctp.example.police.uk --supervisor
exits 1 "an analyst cannot supervise the alert desk"
like "$ERR" "not a duty officer" "the refusal says why"
like "$ERR" "duty_officer" "and what to do"
as admin notify contact ctp.duty --email 'not an address'
exits 1 "a malformed address is refused"
like "$ERR" "email:" "the refusal names the field"
as admin notify contact ctp.duty
exits 2 "contact without --email is a usage error"
accord --db "$DB" notify tick --smtp http://x --mail-from a@b.uk
exits 2 "a URL that is not SMTP is a usage error"
like "$ERR" "smtp://" "the error shows the form"
accord --db "$DB" notify tick --smtp "$SMTP"
exits 2 "--smtp without --mail-from is a usage error"

as retail.reporter report submit --kind attempt --when 2026-01-10T10:00:00Z \
    --substance 'hydrogen peroxide' --concentration 35 --quantity '4 x 5 L' --payment cash \
    --buyer-name 'PETROVSKY, Viktor' --buyer-dob 1971-02-03 --indicators nervous,insists_on_cash \
    --narrative 'Asked about licences'
exits 0 "a report raises an alert"
ALERT=$(sqlite3 "$DB" "select id from alerts where report_id is not null and status = 'open' order by created_at desc limit 1")
ok "the alert is stored" test -n "$ALERT"

accord --db "$DB" notify tick --smtp "$SMTP" --mail-from accord@hub.example \
    --link https://hub.example/api/v1
exits 0 "a tick sends what is queued"
like "$OUT" "1 sent, 0 failed" "one message: to the duty officer with an address"
MSG=$(cat "$MAIL"/1.eml 2>/dev/null)
like "$MSG" "X-Rcpt-To: <duty@ctp.example.police.uk>" "it went to the duty officer"
like "$MSG" "Reference: $ALERT" "it carries the alert's reference"
like "$MSG" "https://hub.example/api/v1/alerts/$ALERT" "and a link to it"
unlike "$MSG" "(Petrovsky|PETROVSKY|Viktor|1971)" "and no personal data"

# the duty officer is made a supervisor; the deadline passes unacknowledged: the next tier
as admin notify contact ctp.duty --email sup@ctp.example.police.uk --supervisor
exits 0 "a duty officer is made a supervisor of the agency's alert desk"
like "$OUT" "supervises" "the change says so"
# nobody, whatever their role, runs the tick ahead of the clock to escalate early
accord --db "$DB" notify tick --at 2099-01-01T00:00:00Z
exits 2 "a tick at a chosen time is not offered"
# the deadline passes (moved into the past in the database, as time would)
lapse() {
    sqlite3 "$DB" "update alerts set deadline = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 minute') where id = '$ALERT'"
}
lapse
accord --db "$DB" notify tick --smtp "$SMTP" --mail-from accord@hub.example
exits 0 "a tick after the deadline"
like "$OUT" "^1 alert escalated" "the alert escalates by itself"
like "$OUT" "1 sent" "one message: to the supervisor"
like "$(cat "$MAIL"/2.eml 2>/dev/null)" "X-Rcpt-To: <sup@ctp.example.police.uk>" "the supervisor is told"
like "$(cat "$MAIL"/2.eml 2>/dev/null)" "supervisors" "the message says why"
is "$(sqlite3 "$DB" "select escalation from alerts where id = '$ALERT'")" 1 "the alert is at the supervisors' tier"
is "$(sqlite3 "$DB" "select count(*) from audit_log where action = 'notify' and object_id = '$ALERT'")" 2 "each message is audited"

# a refused recipient is recorded as failed and the run says so
as admin notify contact ctp.duty --email sup@refused.example --supervisor
lapse
accord --db "$DB" notify tick --smtp "$SMTP" --mail-from accord@hub.example
like "$OUT" "^1 alert escalated" "the next lapse reaches the duty desk"
like "$OUT" "[1-9][0-9]* failed" "the refused message is counted as failed"
exits 1 "and the run fails so the operator notices"
is "$(sqlite3 "$DB" "select count(*) from audit_log where action = 'notify' and outcome = 'failed'")" 1 "the failure is audited"

done_testing
