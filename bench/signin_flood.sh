#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# signin_flood.sh ACCORD [N] - how a flood of bad sign-ins affects signed-in users.
# Serves a small demo hub, signs in one user, then times N authorised GETs
# (GET /api/v1/agencies) twice: on a quiet server, and while 8 connections send wrong
# passwords as fast as they can (each flooder uses its own unknown account, so the
# per-account delay does not stop it: the worst case for the verification pool).
# Prints the median and 95th percentile in milliseconds.
set -eu
ACCORD=${1:?usage: signin_flood.sh ACCORD [N]}
N=${2:-60}
T=$(mktemp -d)
PORT=$((33000 + $$ % 20000))
SERVER=
FLOOD=()
trap 'kill $SERVER "${FLOOD[@]}" 2>/dev/null; rm -rf "$T"' EXIT
"$ACCORD" --db "$T/b.db" demo --persons 50 --of-interest 2 --seed 7 >/dev/null
"$ACCORD" --db "$T/b.db" serve --listen "127.0.0.1:$PORT" 2>/dev/null &
SERVER=$!
for _ in $(seq 1 100); do
    curl -s "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.1
done
URL=http://127.0.0.1:$PORT
curl -s -c "$T/jar" -H 'Content-Type: application/json' \
    -d '{"username":"ctp.analyst","password":"accord-demo-password"}' "$URL/api/v1/session" \
    >/dev/null

measure() {
    for _ in $(seq 1 "$N"); do
        curl -s -o /dev/null -w '%{time_total}\n' -b "$T/jar" "$URL/api/v1/agencies"
    done | sort -n | awk '{ v[NR] = $1 * 1000 } END {
        printf "median %.1f ms, p95 %.1f ms (n=%d)\n", v[int((NR + 1) / 2)], v[int(NR * 0.95)], NR }'
}

echo "quiet:           $(measure)"
flood() {
    local i=$1
    while :; do
        curl -s -o /dev/null -H 'Content-Type: application/json' \
            -d "{\"username\":\"nobody$i-$RANDOM\",\"password\":\"wrong password $RANDOM\"}" \
            "$URL/api/v1/session"
    done
}
for i in 1 2 3 4 5 6 7 8; do
    flood "$i" &
    FLOOD+=($!)
done
sleep 1
echo "8 bad sign-ins:  $(measure)"
