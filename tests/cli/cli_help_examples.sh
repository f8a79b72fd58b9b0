# SPDX-License-Identifier: Apache-2.0
#
# cli_help_examples.sh - help that runs (issue 14, point 12): every example in `accord
# --help`, each command's --help, README.md and docs/*.md names users and agencies the
# demo has and runs as written on a demo hub at var/accord.db, the path `make run` uses.
# help_examples.py says how examples are found (any line under "Example:"/"Examples:"/
# "Try:" starting "  accord ", and every `accord ...` line of a ``` block), so a new one
# is picked up with no change here.
#
# Run as: bash cli_help_examples.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

REPO=$(cd "$TESTS_DIR/.." && pwd)
DB=$T/demo.db
accord --db "$DB" demo --persons 200 --of-interest 10 --seed 4
exits 0 "set-up: a demo hub"

# make run and the README agree on where the hub is
like "$(grep -E '^DB +\?=' "$REPO/Makefile")" "var/accord\.db" "make run keeps the hub at var/accord.db"
unlike "$(cat "$REPO/README.md")" "var/demo\.db" "and the README names no other path for it"

mkdir -p "$T/work"
python3 "$TESTS_DIR/cli/help_examples.py" "$ACCORD" "$REPO" "$T/work" "$DB" "$T/results.tsv"
ok "the examples were extracted and run" test -s "$T/results.tsv"
while IFS=$'\t' read -r status desc why; do
    if [ "$status" = ok ]; then
        pass "$desc"
    else
        fail "$desc" "$why"
    fi
done <"$T/results.tsv"

done_testing
