# SPDX-License-Identifier: Apache-2.0
#
# cli_serve.sh - 'accord serve' as a process: HTTPS with a self-signed certificate, the
# Secure cookie flag under TLS, and a clean stop on SIGTERM (exit 0, database intact).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/serve.db
accord --db "$DB" demo --persons 100 --of-interest 5 --seed 4
exits 0 "set-up: a small demo hub"
run openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$T/key.pem" -out "$T/cert.pem" -days 2 -subj "/CN=localhost"
exits 0 "set-up: a self-signed certificate"

# --web-root: a directory without index.html is refused at start, naming the option
accord --db "$DB" serve --listen 127.0.0.1:0 --web-root "$T/no-such-dir"
isnt "$RC" 0 "serve refuses a --web-root without index.html"
like "$ERR" "--web-root: '$T/no-such-dir' has no index.html" "and names the option and the directory"
mkdir -p "$T/web/assets"
printf '<!DOCTYPE html><title>web root of this test</title>' >"$T/web/index.html"

# below 32768, where the kernel picks ephemeral ports for outgoing connections
PORT=$((20000 + $$ % 12000))
"$ACCORD" --db "$DB" serve --listen "127.0.0.1:$PORT" --tls-cert "$T/cert.pem" \
    --tls-key "$T/key.pem" --openapi "$TESTS_DIR/../docs/openapi.json" --web-root "$T/web" \
    2>"$T/serve.log" &
SERVER=$!
ready=no
for _ in $(seq 1 100); do
    # waiting for the port to open: readiness, not a timing assertion
    if curl -sk "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then
        ready=yes
        break
    fi
    sleep 0.1
done
is "$ready" yes "the server answers over HTTPS"

run curl -sk "https://127.0.0.1:$PORT/healthz"
is "$OUT" '{"status":"ok"}' "healthz over TLS"
run curl -sk "https://127.0.0.1:$PORT/cases/some-case"
is "$OUT" '<!DOCTYPE html><title>web root of this test</title>' \
    "an application page is the --web-root's index.html"
run curl -s "http://127.0.0.1:$PORT/healthz"
isnt "$OUT" '{"status":"ok"}' "plain HTTP is not served on the TLS port"
run curl -sk -i -H 'Content-Type: application/json' \
    -d '{"username":"ctp.analyst","password":"accord-demo-password"}' \
    "https://127.0.0.1:$PORT/api/v1/session"
like "$OUT" '^Set-Cookie: accord_session=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict; Secure' \
    "the session cookie is Secure under TLS"
like "$(cat "$T/serve.log")" '"route":"POST /api/v1/session","status":201' \
    "the request is logged by route and status"
unlike "$(cat "$T/serve.log")" 'accord-demo-password|ctp.analyst' \
    "the log holds neither the password nor the username"

kill -TERM "$SERVER"
wait "$SERVER"
is "$?" 0 "SIGTERM stops the server cleanly (exit 0)"
like "$(cat "$T/serve.log")" '"event":"stopping","signal":15' "and it says so"
accord --db "$DB" --as oversight.auditor audit verify
exits 0 "the audit trail verifies after the stop"

done_testing
