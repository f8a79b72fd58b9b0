# SPDX-License-Identifier: Apache-2.0
#
# cli_rfi_notify.sh - requests for information reach the holder by e-mail (issue 14,
# point 8, for requests), through the real binary and a real SMTP conversation with a
# sink this test starts on loopback and stops by its pid: a request arrives and the
# holder's user who may answer is told; its deadline passes and 'accord notify tick'
# (what 'accord serve' runs every few seconds) tells them once, however many ticks run,
# each in a new process; the messages carry a reference and a link, no personal data.
#
# Run as: bash cli_rfi_notify.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
P='cli rfi notify test'
MAIL=$T/mail
mkdir -p "$MAIL"

as() {
    local user=$1
    shift
    accord --db "$DB" --as "$user" --purpose "$P" "$@"
}

# same_person A B: join records A and B as one person (as cli_rfi.sh).
same_person() {
    sqlite3 -batch "$DB" "INSERT INTO links (id, agency_id, from_type, from_id, to_type, to_id,
        link_type, provenance, confidence, status, review_date, created_by, created_at, updated_at)
        SELECT 'CLILINK' || '$1', agency_id, 'person', '$1', 'person', '$2', 'same_person',
        'test', 1, 'confirmed', '2027-01-01', created_by, created_at, created_at FROM persons
        WHERE id = '$1';"
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

tick() {
    accord --db "$DB" notify tick --smtp "$SMTP" --mail-from accord@hub.example \
        --link https://hub.example/api/v1
}

accord --db "$DB" demo --persons 30 --of-interest 3 --seed 7 --no-work
exits 0 "set-up: demo partnership"
as council.admin notify contact council.prevent --email prevent@council.example.gov.uk
exits 0 "set-up: the council's Prevent caseworker has an address"
as admin notify contact ctp.analyst --email analyst@ctp.example.police.uk
exits 0 "set-up: so has the asking analyst (who is never told of their own request)"
as ctp.analyst person add --given Oskar --family Lindqvist --dob 1979-06-30
CTU_P=$OUT
as council.prevent person add --given Oskar --family Lindqvist --dob 1979-06-30 \
    --address '4 Mill Lane' --postcode 'B11 4AA'
COUNCIL_P=$OUT
same_person "$CTU_P" "$COUNCIL_P"
as ctp.analyst person pointers "$CTU_P"
REF=$(printf '%s\n' "$OUT" | sed -n 's/.*(reference \(R-[0-9A-F]*\)).*/\1/p' | head -n 1)
ok "set-up: the council's pointer" test -n "$REF"

as ctp.analyst rfi ask --ref "$REF" --question 'current address of Oskar Lindqvist' \
    --basis cda1998-s115 --urgency urgent
exits 0 "a request for information is asked of the council"
RFI=$OUT
ok "its id is printed" test -n "$RFI"

tick
exits 0 "a tick sends what is queued"
like "$OUT" "1 sent, 0 failed" "one message: to the council's user who may answer"
MSG=$(cat "$MAIL"/1.eml 2>/dev/null)
like "$MSG" "X-Rcpt-To: <prevent@council.example.gov.uk>" "it went to the council's caseworker"
like "$MSG" "Subject: .*request for information $RFI: answer needed" "the subject names the request"
like "$MSG" "Reference: $RFI" "it carries the request's reference"
like "$MSG" "https://hub.example/api/v1/requests/$RFI" "and a link to it"
unlike "$MSG" "(Oskar|Lindqvist|1979|Mill Lane|address of)" "and no personal data or question"

tick
like "$OUT" "0 sent" "a second tick sends nothing more"

# the deadline passes (moved into the past in the database, as time would)
sqlite3 "$DB" "update rfis set due_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 minute') where id = '$RFI'"
tick
exits 0 "a tick after the deadline"
like "$OUT" "^1 request for information overdue" "the request is found overdue by itself"
like "$OUT" "1 notification queued, 1 sent, 0 failed" "one message about it, queued and sent"
MSG=$(cat "$MAIL"/2.eml 2>/dev/null)
like "$MSG" "X-Rcpt-To: <prevent@council.example.gov.uk>" "the council's caseworker is told again"
like "$MSG" "Subject: .*request for information $RFI: overdue" "that it is overdue"
unlike "$MSG" "(Oskar|Lindqvist|1979|Mill Lane|address of)" "still with no personal data"
tick
like "$OUT" "^0 requests for information overdue" "a later tick (a new process) finds nothing new"
like "$OUT" "0 sent" "and sends nothing: once per request per escalation"
ok "two messages in all" test ! -e "$MAIL/3.eml"
is "$(sqlite3 "$DB" "select count(*) from audit_log where action = 'notify' and object_type = 'rfi' and object_id = '$RFI' and outcome = 'ok'")" 2 "each message is audited"
is "$(sqlite3 "$DB" "select count(*) from rfi_notifications where rfi_id = '$RFI'")" 2 "and none went to the asker"

done_testing
