# SPDX-License-Identifier: Apache-2.0
#
# cli_atrest.sh - the database at rest (issue 13): the database, its WAL and -shm files
# and the audit key are made 0600 whatever the umask, and the hub refuses to open a
# database or key that other accounts can read (they could read every agency's records
# with sqlite3, or sign a rewritten history).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

mode() { stat -c %a "$1"; }

umask 022
accord --db "$T/a.db" demo --persons 20 --of-interest 1 --seed 3
exits 0 "set-up: a demo hub made under umask 022"
is "$(mode "$T/a.db")" 600 "the database is 0600 despite the umask"
is "$(mode "$T/a.db.key")" 600 "the audit key is 0600"

chmod 644 "$T/a.db"
accord --db "$T/a.db" --as oversight.auditor audit verify
exits 1 "a database others can read is refused"
like "$ERR" "'$T/a.db' can be read by other accounts: chmod 600 $T/a.db" "and the message says how to fix it"
chmod 600 "$T/a.db"
chmod 644 "$T/a.db.key"
accord --db "$T/a.db" --as oversight.auditor audit verify
exits 1 "an audit key others can read is refused"
like "$ERR" "'$T/a.db.key' can be read by other accounts: chmod 600" "and the message names the key"
chmod 600 "$T/a.db.key"
accord --db "$T/a.db" --as oversight.auditor audit verify
exits 0 "once both are 0600 the hub opens"

# make run: scripts/run.sh creates the demo hub and serves it; its files are 0600 while
# the server runs (the -wal and -shm files too)
PORT=$((20000 + ($$ + 7) % 12000))
ACCORD_LISTEN=127.0.0.1:$PORT ACCORD_OPENAPI=/dev/null \
    sh "$TESTS_DIR/../scripts/run.sh" "$ACCORD" "$T/run.db" 5 >"$T/run.out" 2>"$T/run.err" &
SERVER=$!
ready=no
for _ in $(seq 1 600); do
    # waiting for the demo to be built and the port to open: readiness, not timing
    if curl -s "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then
        ready=yes
        break
    fi
    sleep 0.2
done
is "$ready" yes "make run's script serves the demo hub"
curl -s -H 'Content-Type: application/json' \
    -d '{"username":"ctp.analyst","password":"accord-demo-password"}' \
    "http://127.0.0.1:$PORT/api/v1/session" >/dev/null
is "$(mode "$T/run.db")" 600 "the demo database is 0600"
is "$(mode "$T/run.db.key")" 600 "its audit key is 0600"
is "$(mode "$T/run.db-wal")" 600 "its WAL is 0600"
is "$(mode "$T/run.db-shm")" 600 "its -shm is 0600"
kill -TERM "$SERVER"
wait "$SERVER"

# an older demo database left 0644 is made private by the script, not served as it is
chmod 644 "$T/run.db"
ACCORD_LISTEN=127.0.0.1:$PORT ACCORD_OPENAPI=/dev/null \
    sh "$TESTS_DIR/../scripts/run.sh" "$ACCORD" "$T/run.db" 5 >"$T/run2.out" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do
    curl -s "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.1
done
like "$(cat "$T/run2.out")" "making .*run.db readable by this account only" "run.sh says it fixed the mode"
is "$(mode "$T/run.db")" 600 "and the database is 0600 again"
kill -TERM "$SERVER"
wait "$SERVER"

done_testing
