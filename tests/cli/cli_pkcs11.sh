# SPDX-License-Identifier: Apache-2.0
#
# cli_pkcs11.sh - the audit signing key on a PKCS#11 token, outside the database's
# account (issue 13, item 2): a private SoftHSM2 token (SOFTHSM2_CONF in the temp folder),
# the key pair made on it with `accord audit key create --pkcs11 URI`, a hub whose
# checkpoints the token signs, and `accord audit verify --public-key K --witness W` passing
# on them with the public key the token gave.  A wrong PIN, an unknown token, a missing
# object, a missing module and a key that is not Ed25519 are each refused with what to do,
# and the PIN is never printed.
#
# Run as: bash cli_pkcs11.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

MODULE=${SOFTHSM_MODULE:-/usr/lib/softhsm/libsofthsm2.so}
if [ ! -r "$MODULE" ] || ! command -v softhsm2-util >/dev/null; then
    echo "Bail out! SoftHSM2 is needed ($MODULE, softhsm2-util): run scripts/deps.sh as root"
    exit 2
fi
mkdir -p "$T/hsm/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' \
    "$T/hsm/tokens" >"$T/hsm/softhsm2.conf"
export SOFTHSM2_CONF=$T/hsm/softhsm2.conf
USER_PIN=735911
run softhsm2-util --init-token --free --label accord-audit --so-pin 480162 --pin "$USER_PIN"
exits 0 "set-up: a SoftHSM2 token 'accord-audit' of our own"
printf '%s\n' "$USER_PIN" >"$T/pin"
chmod 600 "$T/pin"

DB=$T/hub.db
URI="pkcs11:token=accord-audit;object=audit-signing?module-path=$MODULE&pin-source=file:$T/pin"

# --- the key pair is made on the token ----------------------------------------------
accord audit key create --pkcs11 "$URI" --out "$T/token.pub"
exits 0 "audit key create --pkcs11 makes the key pair on the token"
like "$OUT" '^  audit key      [0-9a-f]{64}$' "it prints the public key"
K=$(head -n 1 "$T/token.pub")
like "$OUT" "^  audit key      $K\$" "and --out holds the same key"
unlike "$OUT$ERR" "$USER_PIN" "the PIN is printed nowhere"
accord audit key create --pkcs11 "$URI"
exits 1 "a second key of the same label is refused"
like "$ERR" "already has a key labelled 'audit-signing'" "...saying the label is taken"
accord audit key create
exits 2 "key create without --pkcs11 is a usage error"
like "$ERR" "--pkcs11 URI names the token" "...saying what to give"

# --- a hub whose checkpoints the token signs ------------------------------------------
accord --db "$DB" --audit-key "$URI" demo --persons 60 --of-interest 4 --seed 7
exits 0 "demo opened with --audit-key URI: the hub signs on the token"
like "$OUT" "^  audit key      $K\$" "the key pinned at creation is the one the token gave"
is "$(head -n 1 "$DB.pub")" "$K" "DB.pub holds the token's public key"
ok "no key file is written beside the database" test ! -e "$DB.key"
for q in smith jones patel; do
    accord --db "$DB" --audit-key "$URI" --as ctp.analyst --purpose 'cli pkcs11 test' \
        person search "$q"
    accord --db "$DB" --audit-key "$URI" --as oversight.auditor audit checkpoint
done
exits 0 "set-up: audited searches, each followed by a checkpoint signed on the token"
like "$OUT" '^signed a checkpoint of [0-9]+ entries$' "the checkpoint is signed"
ok "nothing on disk holds a secret key: only the token does" \
    sh -c "! grep -rlE '^[0-9a-f]{128}\$' '$T' --include='*.key'"

accord --db "$DB" audit verify --public-key "$T/token.pub" --witness "$DB.witness"
exits 0 "audit verify --public-key K --witness W passes on checkpoints the token signed"
like "$OUT" '^ok: [0-9]+ entries and [0-9]+ signed checkpoints verified against the pinned key' \
    "...every checkpoint verified against the token's key"
like "$OUT" '^witness: [0-9]+ checkpoints match the log' "...and the witness agrees"

# a database someone re-signed with a key of their own fails against the token's key
accord --db "$T/other.db" demo --persons 20 --of-interest 2 --seed 7
accord --db "$T/other.db" audit verify --public-key "$T/token.pub"
exits 1 "a log signed by another key fails against the token's public key"

# --- errors a person can act on -----------------------------------------------------
printf '000000\n' >"$T/wrong-pin"
chmod 600 "$T/wrong-pin"
BAD="pkcs11:token=accord-audit;object=audit-signing?module-path=$MODULE&pin-source=file:$T/wrong-pin"
accord --db "$DB" --audit-key "$BAD" --as oversight.auditor audit checkpoint
exits 1 "a wrong PIN is refused"
like "$ERR" "is not the user PIN of token 'accord-audit' \(wrong PIN\): correct the file" \
    "...naming the PIN file and what to do"
unlike "$ERR" "000000|$USER_PIN" "...and printing no PIN"

accord --db "$DB" --audit-key "${URI/token=accord-audit/token=other-token}" \
    --as oversight.auditor audit checkpoint
exits 1 "an unknown token is refused"
like "$ERR" "no PKCS#11 token is labelled 'other-token'.*softhsm2-util --show-slots" \
    "...saying how to list the tokens"

accord --db "$DB" --audit-key "${URI/object=audit-signing/object=nothing-here}" \
    --as oversight.auditor audit checkpoint
exits 1 "a missing object is refused"
like "$ERR" "has no private key labelled 'nothing-here'.*accord audit key create --pkcs11" \
    "...saying how to create it"

accord --db "$DB" --audit-key "${URI/module-path=$MODULE/module-path=$T/no-module.so}" \
    --as oversight.auditor audit checkpoint
exits 1 "a module that is not there is refused"
like "$ERR" "module '$T/no-module.so' cannot be loaded: install it" "...saying what to do"

accord --db "$DB" --audit-key "pkcs11:token=accord-audit;object=audit-signing?pin-value=$USER_PIN" \
    --as oversight.auditor audit checkpoint
exits 1 "a PIN written in the URI is refused"
like "$ERR" "carries the PIN \(pin-value\)" "...saying to use pin-source"
unlike "$ERR" "$USER_PIN" "...and not repeating it"

chmod 644 "$T/pin"
accord --db "$DB" --audit-key "$URI" --as oversight.auditor audit checkpoint
exits 1 "a PIN file others can read is refused"
like "$ERR" "can be read by other accounts: chmod 600" "...saying how to fix it"
chmod 600 "$T/pin"

# a P-256 key on the token under another label: not Ed25519, refused
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T/p256.pem" 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in "$T/p256.pem" -out "$T/p256.p8" 2>/dev/null
run softhsm2-util --import "$T/p256.p8" --token accord-audit --label p256 --id 0a \
    --pin "$USER_PIN"
exits 0 "set-up: an ECDSA P-256 key on the token, labelled p256"
accord --db "$DB" --audit-key "${URI/object=audit-signing/object=p256}" \
    --as oversight.auditor audit checkpoint
exits 1 "a key that is not Ed25519 is refused"
like "$ERR" "key 'p256' on token 'accord-audit' is not an Ed25519 key.*accord audit key create" \
    "...saying to create an Ed25519 one"

# and the right URI still opens the hub after all that
accord --db "$DB" --audit-key "$URI" --as oversight.auditor audit checkpoint
exits 0 "the right PIN still opens the hub (the wrong ones did not lock the token)"
accord --db "$DB" audit verify --public-key "$K" --witness "$DB.witness"
exits 0 "and the log verifies offline with the hex key too"

done_testing
