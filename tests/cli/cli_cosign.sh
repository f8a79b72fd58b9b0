# SPDX-License-Identifier: Apache-2.0
#
# cli_cosign.sh - cosigning witnesses over real HTTPS on loopback (issue 13, item 2): a
# self-signed CA and a witness certificate made here with openssl; 'accord witness serve'
# cosigns a hub's checkpoints (c2sp.org/tlog-witness, tlog-cosignature) only when its key
# signed them and they extend what it saw; 'accord serve --cosigner' pushes them in the
# background, survives the witness being down, and catches up; 'audit verify
# --cosigner-key' checks every cosignature and reports the newest cosigned size.
#
# Run as: bash cli_cosign.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
P='cli cosign test'
W=test.example/w1

accord --db "$DB" demo --persons 50 --of-interest 3 --seed 4
exits 0 "set-up: demo partnership"
PUB=$(head -n 1 "$DB.pub")
ORIGIN=$(head -n 1 "$DB.witness")

run openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$T/ca.key" -out "$T/ca.pem" -days 2 -subj "/CN=accord test CA"
exits 0 "set-up: a CA"
run openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$T/w.key" -out "$T/w.csr" -subj "/CN=127.0.0.1"
printf 'subjectAltName=IP:127.0.0.1\n' >"$T/ext"
run openssl x509 -req -in "$T/w.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" -CAcreateserial \
    -out "$T/w.pem" -days 2 -extfile "$T/ext"
exits 0 "set-up: the witness's certificate, signed by the CA"

# below 32768, where the kernel picks ephemeral ports for outgoing connections
WPORT=$((20000 + ($$ + 7) % 12000))
HPORT=$((20000 + ($$ + 3001) % 12000))
WURL="https://127.0.0.1:$WPORT"

start_witness() {
    "$ACCORD" witness serve --name "$W" --key "$T/w.sk" --state "$T/wstate" \
        --log "$ORIGIN=$DB.pub" --listen "127.0.0.1:$WPORT" --tls-cert "$T/w.pem" \
        --tls-key "$T/w.key" 2>>"$T/w.log" &
    WITNESS=$!
    for _ in $(seq 1 100); do
        # waiting for the port to open: readiness, not a timing assertion
        curl -s --cacert "$T/ca.pem" "$WURL/healthz" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    return 1
}
# wait_for FILE PATTERN: until FILE holds PATTERN (an event in a log), at most 30 s
wait_for() {
    for _ in $(seq 1 300); do
        grep -Eq "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
post() { # post BODYFILE: the witness's status and body
    curl -s --cacert "$T/ca.pem" -o "$T/reply" -w '%{http_code}' --data-binary "@$1" \
        "$WURL/add-checkpoint"
}

ok "the witness starts over HTTPS" start_witness
WPK=$(grep -o '"public_key":"[0-9a-f]*"' "$T/w.log" | head -n 1 | cut -d'"' -f4)
like "$WPK" '^[0-9a-f]{64}$' "it prints its public key"
is "$(stat -c %a "$T/w.sk")" 600 "its key is made 0600"
run curl -s "http://127.0.0.1:$WPORT/healthz"
isnt "$OUT" "ok" "plain HTTP is not served on the TLS port"

# ---- a checkpoint not signed by the configured key, an unknown log ----
accord --db "$T/other.db" init
exits 0 "set-up: another hub, with its own key"
# first_note FILE: the first signed note of a witness file (its text, blank line, signatures)
first_note() { awk '/^$/ { if (++n == 2) exit } { print }' "$1"; }
OTHER=$(first_note "$T/other.db.witness")
{ printf 'old 0\n\n'; printf '%s\n' "$OTHER"; } >"$T/unknown.req"
is "$(post "$T/unknown.req")" 404 "a log the witness is not configured for: 404"
{ printf 'old 0\n\n%s\n' "$ORIGIN"; printf '%s\n' "$OTHER" | tail -n +2; } >"$T/forged.req"
is "$(post "$T/forged.req")" 403 "a checkpoint under the hub's origin not signed by its key: 403"
printf 'old 01\n\n' >"$T/bad.req"
is "$(post "$T/bad.req")" 400 "a malformed old line: 400"
like "$(cat "$T/reply")" "line 1 must be 'old N'" "the reply names the line and what is wrong"

# ---- the hub pushes its checkpoints ----
"$ACCORD" --db "$DB" serve --listen "127.0.0.1:$HPORT" \
    --openapi "$TESTS_DIR/../docs/openapi.json" \
    --cosigner "$WURL=$W=$WPK" --cosigner-ca "$T/ca.pem" 2>"$T/serve.log" &
SERVER=$!
ok "the hub gets its newest checkpoint cosigned" wait_for "$T/serve.log" '"event":"cosigned"'
ok "the witness kept it (0600)" test "$(stat -c %a "$T"/wstate/log-*.checkpoint)" = 600
accord --db "$DB" audit verify --public-key "$DB.pub" --witness "$DB.witness" \
    --cosigner-key "$W=$WPK"
exits 0 "audit verify checks the cosignature"
like "$OUT" "^cosigner $W: newest cosigned size [1-9]" "and reports the newest cosigned size"
FIRST=$(printf '%s\n' "$OUT" | sed -n "s/^cosigner .*: newest cosigned size //p")

# ---- the witness down: reads go on; it catches up when it returns ----
kill -TERM "$WITNESS"
wait "$WITNESS"
run curl -s -c "$T/jar" -H 'Content-Type: application/json' \
    -d '{"username":"ctp.analyst","password":"accord-demo-password"}' \
    "http://127.0.0.1:$HPORT/api/v1/session"
for q in smith jones; do
    run curl -s -b "$T/jar" -o /dev/null -w '%{http_code}' -H "Accord-Purpose: $P" \
        "http://127.0.0.1:$HPORT/api/v1/persons?name=$q"
    is "$OUT" 200 "an audited read with the witness down ($q)"
done
accord --db "$DB" --as oversight.auditor audit checkpoint
exits 0 "a new checkpoint with the witness down"
ok "the push fails, logged, without stopping the hub" wait_for "$T/serve.log" \
    '"event":"cosign_failed","witness":"test.example/w1","status":0'
ok "the witness restarts with its state" start_witness
ok "the hub catches up" wait_for "$T/serve.log" \
    "\"event\":\"cosigned\",\"witness\":\"test.example/w1\",\"size\":([0-9]+)}.*|x^"
for _ in $(seq 1 300); do
    [ "$(grep -c '"event":"cosigned"' "$T/serve.log")" -ge 2 ] && break
    sleep 0.1
done
is "$(grep -c '"event":"cosigned"' "$T/serve.log")" 2 "a second cosignature, after the restart"
accord --db "$DB" audit verify --public-key "$DB.pub" --witness "$DB.witness" \
    --cosigner-key "$W=$WPK"
exits 0 "audit verify checks both cosignatures"
NEWEST=$(printf '%s\n' "$OUT" | sed -n "s/^cosigner .*: newest cosigned size //p")
ok "the newest cosigned size grew ($FIRST -> $NEWEST)" test "${NEWEST//,/}" -gt "${FIRST//,/}"
kill -TERM "$SERVER"
wait "$SERVER"

# ---- persisted across the restart: a rollback is refused ----
OLDEST=$(first_note "$DB.witness")
{ printf 'old 0\n\n'; printf '%s\n' "$OLDEST"; } >"$T/rollback.req"
is "$(post "$T/rollback.req")" 409 "after a restart the witness refuses an older checkpoint (409)"
is "$(cat "$T/reply")" "${NEWEST//,/}" "and answers with the size it holds"

# ---- a forged cosignature fails verification, its place named ----
sed "s|^\(— $W .*\)......\$|\1AAAAAA|" "$DB.witness" >"$T/forged.witness"
accord --db "$DB" audit verify --public-key "$DB.pub" --witness "$T/forged.witness" \
    --cosigner-key "$W=$WPK"
exits 1 "a forged cosignature fails verification"
like "$OUT" "TAMPERED: the witness file's note [0-9]+ carries a cosignature by $W that does not" \
    "naming the note"
accord --db "$DB" audit verify --public-key "$DB.pub" --witness "$DB.witness" \
    --cosigner-key "$W=$PUB"
exits 0 "a cosigner key that signed nothing here: no cosignature to check"
like "$OUT" "^cosigner $W: newest cosigned size 0" "and the newest cosigned size is 0"

# ---- a fork: a second hub with another history under the same key ----
# The signing key copied to a second hub: it signs checkpoints under the same origin, so
# only the consistency check can tell the witness that they are not the same log.
accord --db "$T/a2.db" init
exits 0 "set-up: a first hub"
cp "$T/a2.db.key" "$T/b2.key"
chmod 600 "$T/b2.key"
accord --db "$T/b2.db" --audit-key "$T/b2.key" init --public-key-out "$T/b2.pub"
exits 0 "set-up: a second hub under the same signing key"
ORIGIN2=$(head -n 1 "$T/a2.db.witness")
is "$(head -n 1 "$T/b2.db.witness")" "$ORIGIN2" "set-up: both sign under one origin"
is "$(sed -n 2p "$T/b2.db.witness")" "$(sed -n 2p "$T/a2.db.witness")" \
    "set-up: both checkpoints are of the same size"
isnt "$(sed -n 3p "$T/b2.db.witness")" "$(sed -n 3p "$T/a2.db.witness")" \
    "set-up: with different roots (different histories)"
SIZE2=$(sed -n 2p "$T/a2.db.witness")
WPORT2=$((20000 + ($$ + 5003) % 12000))
HPORT2=$((20000 + ($$ + 9007) % 12000))
WURL2="https://127.0.0.1:$WPORT2"
"$ACCORD" witness serve --name "$W" --key "$T/w.sk" --state "$T/wstate2" \
    --log "$ORIGIN2=$T/a2.db.pub" --listen "127.0.0.1:$WPORT2" --tls-cert "$T/w.pem" \
    --tls-key "$T/w.key" 2>>"$T/w2.log" &
WITNESS2=$!
for _ in $(seq 1 100); do # readiness, not a timing assertion
    curl -s --cacert "$T/ca.pem" "$WURL2/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
{ printf 'old 0\n\n'; printf '%s\n' "$(first_note "$T/a2.db.witness")"; } >"$T/a2.req"
is "$(curl -s --cacert "$T/ca.pem" -o "$T/reply" -w '%{http_code}' --data-binary "@$T/a2.req" \
    "$WURL2/add-checkpoint")" 200 "the witness cosigns the first hub's checkpoint"
"$ACCORD" --db "$T/b2.db" --audit-key "$T/b2.key" serve --listen "127.0.0.1:$HPORT2" \
    --openapi "$TESTS_DIR/../docs/openapi.json" \
    --cosigner "$WURL2=$W=$WPK" --cosigner-ca "$T/ca.pem" 2>"$T/serve2.log" &
SERVER2=$!
ok "the second hub, at the same size with another root, is refused (409)" \
    wait_for "$T/serve2.log" '"event":"cosign_failed","witness":"test.example/w1","status":409'
like "$(cat "$T/w2.log")" '"status":409,"reason":"a different root at the size the witness' \
    "the witness names the fork"
ok "and is not told it was cosigned" test "$(grep -c '"event":"cosigned"' "$T/serve2.log")" = 0
accord --db "$T/b2.db" --audit-key "$T/b2.key" --as admin audit checkpoint
exits 0 "set-up: the second hub's log grows past the size the witness holds"
ok "its consistency proof from the witness's checkpoint fails (422)" \
    wait_for "$T/serve2.log" '"event":"cosign_failed","witness":"test.example/w1","status":422'
kill -TERM "$SERVER2"
wait "$SERVER2"
is "$(grep -c '"event":"cosigned"' "$T/serve2.log")" 0 "no cosignature for the second hub"
accord --db "$T/b2.db" --audit-key "$T/b2.key" audit verify --public-key "$T/b2.pub" \
    --witness "$T/b2.db.witness" --cosigner-key "$W=$WPK"
exits 0 "the second hub's own trail still verifies"
like "$OUT" "^cosigner $W: newest cosigned size 0" "with no cosignature in its witness file"
{ printf 'old %s\n\n' "$SIZE2"; printf '%s\n' "$(first_note "$T/a2.db.witness")"; } >"$T/a2b.req"
is "$(curl -s --cacert "$T/ca.pem" -o "$T/reply" -w '%{http_code}' --data-binary "@$T/a2b.req" \
    "$WURL2/add-checkpoint")" 200 "the witness still holds the first hub's checkpoint"
kill -TERM "$WITNESS2"
wait "$WITNESS2"

kill -TERM "$WITNESS"
wait "$WITNESS"
done_testing
