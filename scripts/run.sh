#!/bin/sh
# run.sh ACCORD DB SEED - the main job: create the demo hub if it is absent, say what it
# holds and how to use it, then serve the HTTP API until Ctrl-C.
set -eu
accord=$1
db=$2
seed=$3
listen=${ACCORD_LISTEN:-127.0.0.1:8080}
# the database and its audit key are for this account only (the hub refuses them otherwise)
umask 077
for f in "$db" "$db.key" "$db-wal" "$db-shm"; do
    if [ -f "$f" ] && [ -n "$(find "$f" -perm /077)" ]; then
        echo "making $f readable by this account only (chmod 600)"
        chmod 600 "$f"
    fi
done
if [ ! -f "$db" ]; then
    echo "creating the demo partnership in $db (seed $seed)..."
    "$accord" --db "$db" demo --seed "$seed"
    echo
fi
ACCORD_PASSWORD=accord-demo-password "$accord" --db "$db" --as oversight.auditor status
cat <<EOT

The web application: http://$listen/ (sign in as a demo user below)
The HTTP API: http://$listen/api/v1 (described at http://$listen/api/v1/openapi.json)
Sign in as any demo user with the password 'accord-demo-password'.  Demo users have no
second factor until they turn one on (then their authenticator app gives the code):
  ctp.duty           duty officer, CT policing: alerts to acknowledge
  ctp.analyst        analyst, CT policing: requests to answer, case deadlines, search
  ctp.caseworker     caseworker, CT policing
  council.prevent    caseworker (Prevent lead), Birmingham City Council: requests, deadlines
  council.chair      panel member (Channel chair), Birmingham City Council
  probation.officer  caseworker, Probation Service West Midlands
  ss.analyst         analyst, Security Service: a request, a deadline, a release to approve
  ss.analyst2        analyst, Security Service: the second person who approves releases
  retail.reporter    reporter, Brindley Chemicals Ltd: report a suspicious purchase
  oversight.auditor  auditor: oversight statistics and the audit trail
  admin, admin2      the hub's administrators; ss.admin, council.admin, probation.admin,
                     retail.admin: each agency's
  curl -c jar -H 'Content-Type: application/json' \\
       -d '{"username":"ctp.analyst","password":"accord-demo-password"}' http://$listen/api/v1/session
  curl -b jar -H 'Accord-Purpose: training' 'http://$listen/api/v1/persons?name=khan'

Or use the command line (sign in with the password: ACCORD_PASSWORD, --password-file or
the prompt; every read needs a purpose; every access is audited, with your OS account):
  ACCORD_PASSWORD=accord-demo-password \\
    $accord --db $db --as ctp.analyst --purpose 'training' person search khan
  $accord --db $db audit verify --public-key $db.pub --witness $db.witness
  $accord --help

Serving on http://$listen until Ctrl-C...
EOT
exec "$accord" --db "$db" serve --listen "$listen" --openapi "${ACCORD_OPENAPI:-docs/openapi.json}"
