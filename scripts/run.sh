#!/bin/sh
# run.sh ACCORD DB SEED - the main job until the server exists: create the demo hub if it
# is absent, then say what it holds and how to explore it.
set -eu
accord=$1
db=$2
seed=$3
if [ ! -f "$db" ]; then
    echo "creating the demo partnership in $db (seed $seed)..."
    "$accord" --db "$db" demo --seed "$seed"
    echo
fi
"$accord" --db "$db" --as oversight.auditor status
cat <<EOT

Explore it with the CLI (every read needs a purpose; every access is audited):
  $accord --db $db --as ctp.analyst --purpose 'training' person search khan
  $accord --db $db --as council.prevent --purpose 'training' person search --postcode B11
  $accord --db $db --as ctp.analyst --purpose 'training' person show ID
  $accord --db $db --as ctp.analyst --purpose 'training' export persons --format jsonl
  $accord --db $db --as admin user list
  $accord --help
Users: admin, ss.analyst, ctp.analyst, ctp.caseworker, ctp.duty, council.prevent,
council.chair, probation.officer, retail.reporter, oversight.auditor.
EOT
