# SPDX-License-Identifier: Apache-2.0
#
# cli_pprl.sh - accord pprl on files alone (issue 20, point 3): encode a CSV under a clkhash
# v3 schema and a secret file into anonlink CLK JSON (the known answers of
# tests/data/pprl/kat.py), match two encoding files one-to-one, evaluate against known pairs
# (the anonlink fixture's F1), and the errors that name the field and the fix.
#
# Run as: bash cli_pprl.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DATA=$TESTS_DIR/data/pprl
FIXTURE=$TESTS_DIR/../../shared/data/linkage/anonlink

printf 'secret\n' >"$T/shared.key"
printf 'id,name,dob,sex\n1,alice,19800101,f\n2,bob,19751231,\n3,zo\xc3\xab,20000229,m\n' >"$T/ours.csv"
accord pprl encode --schema "$DATA/kat_schema.json" --secret-file "$T/shared.key" \
    "$T/ours.csv" "$T/ours.json"
exits 0 "encode writes CLK JSON"
like "$OUT" "^encoded 3 records \\(1024 bits each\\)" "and says how many"
like "$(cat "$T/ours.json")" '^\{"clks": \["AAAAAAAAGgAgHBQAAAAAAAaAAKAA' "the known answer (kat.py), newline of the key dropped"

# the other party: bob again, alice with a typo, and someone else
printf 'id,name,dob,sex\n7,carol,19620303,f\n8,bob,19751231,\n9,alise,19800101,f\n' >"$T/theirs.csv"
accord pprl encode --schema "$DATA/kat_schema.json" --secret-file "$T/shared.key" \
    "$T/theirs.csv" "$T/theirs.json"
exits 0 "the other party encodes with the same schema and secret"
accord pprl match "$T/ours.json" "$T/theirs.json" --threshold 0.7 --out "$T/pairs.csv"
exits 0 "match"
is "$(head -1 "$T/pairs.csv")" "a_index,b_index,score" "pairs have a header"
like "$(cat "$T/pairs.csv")" "^1,1,1.000000$" "bob matches bob exactly"
like "$(cat "$T/pairs.csv")" "^0,2,0\\.[7-9]" "alice matches alise"
is "$(wc -l <"$T/pairs.csv")" "3" "and nothing else at 0.7"
printf '0,2\n1,1\n' >"$T/truth.csv"
accord pprl evaluate --truth "$T/truth.csv" "$T/pairs.csv"
like "$OUT" "precision 1.0000  recall 1.0000  F1 1.0000" "evaluate scores them"

if [ -f "$FIXTURE/clks-1.json" ]; then
    accord pprl match "$FIXTURE/clks-1.json" "$FIXTURE/clks-2.json" --threshold 0.81 \
        --out "$T/fixture.csv"
    exits 0 "the anonlink fixture matches"
    accord pprl evaluate --truth "$FIXTURE/ground-truth.json" "$T/fixture.csv"
    like "$OUT" "precision 0.996[0-9]  recall 0.981[0-9]  F1 0.98[89][0-9]" \
        "its notebook's figures: P 0.996, R 0.981, F1 0.989"
else
    diag "the anonlink fixture ($FIXTURE) is not beside the project: its check is left out"
fi

# errors name the field, the reason and what to do
printf 'id,given,dob,sex\n1,alice,19800101,f\n' >"$T/wrong.csv"
accord pprl encode --schema "$DATA/kat_schema.json" --secret-file "$T/shared.key" \
    "$T/wrong.csv" "$T/wrong.json"
exits 1 "a header that is not the schema's is refused"
like "$ERR" 'column 2 is "given" but the schema.s feature 2 is "name"' "naming the column"
printf 'id,name,dob,sex\n1,Alice,19800101,f\n' >"$T/upper.csv"
accord pprl encode --schema "$DATA/kat_schema.json" --secret-file "$T/shared.key" \
    "$T/upper.csv" "$T/upper.json"
exits 1 "a value the format forbids is refused"
like "$ERR" "row 2: feature 1 \\(name\\): the schema's format.case is lower" "naming row and feature"
unlike "$ERR" "Alice" "without the value itself (personal data)"
accord pprl match "$T/ours.json" "$T/theirs.json" --threshold 1.5 --out "$T/x.csv"
exits 2 "a threshold outside [0, 1] is a usage error"
printf '{"clks": ["AAAA"]}' >"$T/bad.json"
accord pprl match "$T/bad.json" "$T/theirs.json" --threshold 0.8 --out "$T/x.csv"
exits 1 "a malformed CLK file is refused"
like "$ERR" "clks\\[0\\]" "naming the entry"
accord pprl encode --schema "$DATA/kat_schema.json" --secret-file "$T/shared.key" --balance \
    --xor-fold "$T/ours.csv" "$T/x.json"
exits 1 "balance with xor-fold is refused"
like "$ERR" "choose one" "saying what to do"
accord pprl --help
exits 0 "--help"
like "$OUT" "Examples:" "has examples"

done_testing
