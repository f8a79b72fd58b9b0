# SPDX-License-Identifier: Apache-2.0
#
# cli_audit.sh - accord audit end to end: verify on a clean hub and who may run it; every
# kind of tampering with the trail (edited, deleted, inserted, reordered and truncated
# entries, altered checkpoints), each on a fresh copy and named by its entry; inclusion
# and consistency proofs checked with only the public key; rewritten history caught by a
# consistency proof; the oversight queries (who-accessed, by-user) as CSV and the oversight
# report with its chart; and every
# command leaving entries behind.
#
# Run as: bash cli_audit.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
AUDITOR=(--as oversight.auditor)
P='cli audit test'

accord --db "$DB" demo --persons 300 --of-interest 20 --seed 3
exits 0 "set-up: demo partnership"
ok "set-up: the signing key is written beside the database" test -s "$DB.key"

# log_count DB: the number of rows of DB's audit_log.
log_count() {
    sqlite3 -batch "$1" 'select count(*) from audit_log'
}

# max_seq DB: the last entry number of DB's audit_log.
max_seq() {
    sqlite3 -batch "$1" 'select max(seq) from audit_log'
}

# copy_hub SRC NAME: a copy of hub SRC (database and signing key) as $T/NAME.db.
copy_hub() {
    rm -f -- "$T/$2.db" "$T/$2.db.key" "$T/$2.db-wal" "$T/$2.db-shm"
    cp -- "$1" "$T/$2.db" && cp -- "$1.key" "$T/$2.db.key"
    if [ -e "$1-wal" ]; then
        cp -- "$1-wal" "$T/$2.db-wal"
    fi
}

# a second hub for the consistency proofs, as fresh as the first
copy_hub "$DB" cons

# checkpoint_size: the size from `audit checkpoint`'s last output ("signed a checkpoint
# of N entries"), or "none".
checkpoint_size() {
    local n
    n=$(sed -n 's/^signed a checkpoint of \([0-9][0-9]*\) entries$/\1/p' "$T/.out")
    printf '%s\n' "${n:-none}"
}

# csv_check DESC PYTHON_EXPR: evaluate EXPR with `rows` = $OUT parsed as CSV (dicts).
csv_check() {
    ok "$1" python3 -c '
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[2], newline="")))
ok = eval(sys.argv[1])
if not ok:
    print("# rows:", rows[-5:], file=sys.stderr)
sys.exit(0 if ok else 1)' "$2" "$OUT"
}

# --- verify on a clean hub, and who may run it ------------------------------------------

accord --db "$DB" "${AUDITOR[@]}" audit verify
exits 0 "the auditor verifies a fresh demo hub"
# "1 signed checkpoint", not "checkpoints" (issue 14.13: a count's noun follows the count)
like "$OUT" '^ok: [0-9,]+ entries and [0-9,]+ signed checkpoints? verified$' "verify says ok: with the counts"

accord --db "$DB" --as ctp.analyst audit verify
exits 1 "an analyst cannot verify the audit"
like "$ERR" "not allowed" "the refused verify says 'not allowed'"
unlike "$OUT" '^ok:' "the refused verify prints no verdict"

accord --db "$DB" --as admin audit verify
exits 1 "the administrator cannot read the audit either"

# a hub copied without its key cannot be opened: it would need a new key
rm -f -- "$T/nokey.db"
cp -- "$DB" "$T/nokey.db"
accord --db "$T/nokey.db" "${AUDITOR[@]}" audit verify
exits 1 "a database copied without its signing key is refused"
like "$ERR" "key .*missing" "the refusal says the signing key is missing"
ok "no new key was made for the copy" test ! -e "$T/nokey.db.key"

# --- tampering: each on a fresh copy of a hub with a checkpoint and entries after it ----

accord --db "$DB" "${AUDITOR[@]}" audit checkpoint
exits 0 "set-up: the auditor signs a checkpoint"
CP=$(checkpoint_size)
like "$CP" '^[0-9]+$' "set-up: the checkpoint reports its size"
for q in smith jones patel; do
    accord --db "$DB" --as ctp.analyst --purpose "$P" person search "$q"
done
exits 0 "set-up: searches after the checkpoint"
N=$(max_seq "$DB")
if [ "$CP" = none ] || [ "$N" -le "$CP" ] || [ "$CP" -le 10 ]; then
    fail "set-up: there are entries before and after the checkpoint" "checkpoint $CP, last entry $N"
    CP=11
fi

copy_hub "$DB" clean
accord --db "$T/clean.db" "${AUDITOR[@]}" audit verify
exits 0 "an untouched copy (database and key) still verifies"

# tamper NAME SQL ERE...: on a fresh copy, run SQL with the sqlite3 command; then
# `audit verify` exits 1, prints TAMPERED and matches every ERE.
tamper() {
    local name=$1 sql=$2 re
    shift 2
    copy_hub "$DB" tampered
    if ! sqlite3 -batch "$T/tampered.db" "$sql" 2>"$T/.sql.err"; then
        fail "$name: the SQL applies" "$(cat "$T/.sql.err")"
        return
    fi
    accord --db "$T/tampered.db" "${AUDITOR[@]}" audit verify
    exits 1 "$name: verify exits 1"
    # stderr is empty, or says why the file was checked without signing in
    unlike "$ERR" "cannot act as|statement failed|corrupt" "$name: verify runs to its verdict"
    like "$OUT" '^TAMPERED: ' "$name: verify prints TAMPERED"
    for re in "$@"; do
        like "$OUT" "$re" "$name: verify matches /$re/"
    done
}

tamper "an edited entry" "update audit_log set purpose = 'x' where seq = 5" \
    '^TAMPERED: entry 5 was altered' '^first bad entry: 5 '

tamper "an edited leaf hash" \
    "update audit_log set leaf_hash = '$(printf '%064d' 0)' where seq = 6" \
    '^TAMPERED: entry 6 ' '^first bad entry: 6 '

tamper "a deleted entry" "delete from audit_log where seq = 7" \
    '^TAMPERED: entry 7 is missing' '^first bad entry: 7 '

# a forged entry appended where the next one would go (a copy of the last, renumbered)
NEXT=$((N + 1))
tamper "an entry inserted at the end" \
    "insert into audit_log (seq, at, actor_id, agency_id, action, object_type, object_id,
            purpose, outcome, detail, recipients, leaf_hash)
     select seq + 1, at, actor_id, agency_id, action, object_type, object_id, purpose,
            outcome, detail, recipients, leaf_hash from audit_log where seq = $N" \
    "^TAMPERED: entry $NEXT " "^first bad entry: $NEXT "

tamper "an entry inserted past the end" \
    "insert into audit_log (seq, at, action, outcome) values (100000, '2026-01-01T00:00:00Z', 'read', 'ok')" \
    'is missing: the log jumps to 100000'
FIRST_BAD=$(sed -n 's/^first bad entry: \([0-9]*\) .*/\1/p' "$T/.out")
if [ -n "$FIRST_BAD" ] && [ "$FIRST_BAD" -gt "$N" ]; then
    pass "an entry inserted past the end: the first bad entry comes after the real ones"
else
    fail "an entry inserted past the end: the first bad entry comes after the real ones" \
        "first bad entry '$FIRST_BAD', last real entry $N"
fi

tamper "two entries swapped" \
    "update audit_log set seq = -1 where seq = 8;
     update audit_log set seq = 8 where seq = 9;
     update audit_log set seq = 9 where seq = -1" \
    '^TAMPERED: entry 8 ' '^first bad entry: 8 '

KEEP=$((N - 4))
tamper "a truncated tail" "delete from audit_log where seq > $KEEP" \
    "^TAMPERED: entry $((KEEP + 1)) is missing" "^first bad entry: $((KEEP + 1)) "

tamper "a checkpoint's root altered" \
    "update audit_checkpoints
        set root = (case substr(root, 1, 1) when '0' then '1' else '0' end) || substr(root, 2)
      where tree_size = $CP" \
    "^TAMPERED: the checkpoint at $CP entries was altered" "^first bad entry: $CP "

# the C2SP checkpoint signs origin, size and root hash; its time is not signed
tamper "a checkpoint's signature altered" \
    "update audit_checkpoints
        set signature = (case substr(signature, 1, 1) when '0' then '1' else '0' end)
                        || substr(signature, 2)
      where tree_size = $CP" \
    "^TAMPERED: the checkpoint at $CP entries was altered" "^first bad entry: $CP "

# --- inclusion proofs, checked with only the public key ---------------------------------

accord --db "$DB" "${AUDITOR[@]}" audit prove 3 --out "$T/p.json"
exits 0 "the auditor proves entry 3"
ok "the proof is JSON naming entry 3" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["proof"] == "accord-audit-inclusion-v1" and d["entry"]["seq"] == 3, d' "$T/p.json"

accord --db "$DB" audit public-key --out "$T/hub.pub"
exits 0 "audit public-key writes the key"
KEY=$(head -n 1 "$T/hub.pub")
like "$KEY" '^[0-9a-f]{64}$' "the public key is 64 hex characters"

mkdir -p "$T/empty"
cd "$T/empty" || exit 2
accord --db /nonexistent/x.db audit check-proof "$T/p.json" --public-key "$T/hub.pub"
exits 0 "check-proof with the key file and no usable database"
like "$OUT" '^proof holds: entry 3 ' "the proof holds for entry 3"

accord audit check-proof "$T/p.json" --public-key "$KEY"
exits 0 "check-proof with the hex key inline, no --db"
like "$OUT" '^proof holds: ' "the proof holds with the inline key"
is "$(ls -A "$T/empty")" "" "check-proof creates no files"
ok "check-proof did not create the --db path" test ! -e /nonexistent/x.db
cd "$T" || exit 2

# check_bad DESC FILE KEY: check-proof of FILE with KEY exits 1.
check_bad() {
    accord --db /nonexistent/x.db audit check-proof "$2" --public-key "$3"
    exits 1 "$1: check-proof exits 1"
    unlike "$OUT" '^proof holds' "$1: it does not say the proof holds"
}

sed 's/"purpose": "[^"]*"/"purpose": "edited"/' "$T/p.json" >"$T/p_purpose.json"
isnt "$(cat "$T/p_purpose.json")" "$(cat "$T/p.json")" "set-up: the edited proof differs"
check_bad "a proof with the entry's purpose edited" "$T/p_purpose.json" "$T/hub.pub"
like "$ERR" 'does NOT hold' "a proof with the entry's purpose edited: says it does NOT hold"

python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
h = d["path"][0]
d["path"][0] = ("1" if h[0] == "0" else "0") + h[1:]
json.dump(d, open(sys.argv[2], "w"), indent=2)' "$T/p.json" "$T/p_path.json"
check_bad "a proof with a path hash edited" "$T/p_path.json" "$T/hub.pub"
like "$ERR" 'does NOT hold' "a proof with a path hash edited: says it does NOT hold"

python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["path"] = d["path"][:-1]
json.dump(d, open(sys.argv[2], "w"), indent=2)' "$T/p.json" "$T/p_short.json"
check_bad "a proof with its last path hash removed" "$T/p_short.json" "$T/hub.pub"

accord --db "$T/other.db" init --agency 'Other Hub' --admin other.admin
exits 0 "set-up: another hub, with another key"
accord --db "$T/other.db" audit public-key --out "$T/other.pub"
check_bad "the proof with another hub's key" "$T/p.json" "$T/other.pub"
like "$ERR" 'signature' "the proof with another hub's key: the signature does not verify"

printf 'this is not a proof\n' >"$T/garbage.json"
check_bad "a garbage file" "$T/garbage.json" "$T/hub.pub"
printf '{"proof": "accord-audit-inclusion-v1"}\n' >"$T/empty_proof.json"
check_bad "a proof with its fields missing" "$T/empty_proof.json" "$T/hub.pub"

accord audit check-proof "$T/p.json" --public-key 0123
exits 1 "check-proof with a malformed key (no such file) exits 1"
accord audit check-proof "$T/missing.json" --public-key "$KEY"
exits 1 "check-proof of a missing file exits 1"
accord audit check-proof "$T/p.json"
exits 2 "check-proof without --public-key exits 2"

accord --db "$DB" "${AUDITOR[@]}" audit prove 0
exits 2 "prove 0 is a usage error"
accord --db "$DB" "${AUDITOR[@]}" audit prove 99999999
exits 1 "prove of an entry that does not exist exits 1"
accord --db "$DB" --as ctp.analyst audit prove 3
exits 1 "an analyst cannot make proofs"

# --- consistency proofs -----------------------------------------------------------------

CDB=$T/cons.db
accord --db "$CDB" "${AUDITOR[@]}" audit checkpoint
exits 0 "the auditor signs the old checkpoint"
OLD=$(checkpoint_size)
for q in smith jones patel khan; do
    accord --db "$CDB" --as ctp.analyst --purpose "$P" person search "$q"
done
accord --db "$CDB" "${AUDITOR[@]}" audit checkpoint
exits 0 "the auditor signs the new checkpoint after some activity"
NEW=$(checkpoint_size)
if [ "$OLD" != none ] && [ "$NEW" != none ] && [ "$NEW" -gt "$OLD" ]; then
    pass "the new checkpoint is larger than the old one ($OLD < $NEW)"
else
    fail "the new checkpoint is larger than the old one" "old $OLD, new $NEW"
fi

accord --db "$CDB" "${AUDITOR[@]}" audit checkpoints
exits 0 "audit checkpoints lists the checkpoints"
like "$OUT" "^$OLD\$" "the list has the old checkpoint"
like "$OUT" "^$NEW\$" "the list has the new checkpoint"
is "$OUT" "$(sort -n <<<"$OUT")" "the list is ascending"

accord --db "$CDB" audit public-key --out "$T/cons.pub"
exits 0 "set-up: the second hub's public key"
accord --db "$CDB" "${AUDITOR[@]}" audit consistency "$OLD" "$NEW" --out "$T/c.json"
exits 0 "the auditor makes a consistency proof OLD..NEW"
accord --db /nonexistent/x.db audit check-proof "$T/c.json" --public-key "$T/cons.pub"
exits 0 "the consistency proof holds with only the public key"
like "$OUT" "^proof holds: .*\\($NEW entries\\) extends .*\\($OLD entries\\)" \
    "check-proof says the new log extends the old"

python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
h = d["path"][-1]
d["path"][-1] = ("1" if h[0] == "0" else "0") + h[1:]
json.dump(d, open(sys.argv[2], "w"), indent=2)' "$T/c.json" "$T/c_path.json"
check_bad "a consistency proof with a path hash edited" "$T/c_path.json" "$T/cons.pub"
check_bad "a consistency proof with another hub's key" "$T/c.json" "$T/other.pub"

accord --db "$CDB" "${AUDITOR[@]}" audit consistency "$NEW" "$OLD"
exits 1 "consistency NEW OLD (reversed) exits 1"
accord --db "$CDB" "${AUDITOR[@]}" audit consistency "$OLD" "$((NEW + 1000))"
exits 1 "consistency to a size with no checkpoint exits 1"
like "$ERR" "no checkpoint" "consistency to a size with no checkpoint says so"

# History rewritten the thorough way: entry 5 edited, every leaf hash and the stored
# frontier recomputed as the hub would (RFC 9162 over the length-prefixed fields), so the
# hub then signs a checkpoint of the rewritten log.
cat >"$T/rehash.py" <<'EOF'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def field(v):
    if v is None:
        return b"\xff\xff\xff\xff"
    b = str(v).encode()
    return len(b).to_bytes(4, "big") + b
rows = db.execute("select seq, at, actor_id, agency_id, action, object_type, object_id,"
                  " purpose, outcome, detail, recipients, via from audit_log order by seq").fetchall()
frontier = []
changed = 0
for r in rows:
    # an entry with a "via" (every entry the CLI makes names its OS account) is v2
    magic, r = (b"accord-audit-v1\0", r[:-1]) if r[-1] is None else (b"accord-audit-v2\0", r)
    leaf = hashlib.sha256(b"\0" + magic + b"".join(field(v) for v in r)).digest()
    changed += db.execute("update audit_log set leaf_hash = ? where seq = ? and leaf_hash is not ?",
                          (leaf.hex(), r[0], leaf.hex())).rowcount
    h, height = leaf, 0
    while frontier and frontier[-1][0] == height:
        h = hashlib.sha256(b"\1" + frontier.pop()[1] + h).digest()
        height += 1
    frontier.append((height, h))
db.execute("update audit_state set size = ?, frontier = ?",
           (len(rows), "".join(h.hex() for _, h in frontier)))
db.commit()
print(changed)
EOF

copy_hub "$CDB" rehashed
is "$(python3 "$T/rehash.py" "$T/rehashed.db")" 0 "the test's rehash reproduces every stored leaf hash"
accord --db "$T/rehashed.db" "${AUDITOR[@]}" audit verify
exits 0 "a rehash of an untouched log still verifies"

copy_hub "$CDB" rewritten
sqlite3 -batch "$T/rewritten.db" "update audit_log set purpose = 'rewritten' where seq = 5"
is "$(python3 "$T/rehash.py" "$T/rewritten.db")" 1 "history rewritten: entry 5 edited and rehashed"
accord --db "$T/rewritten.db" "${AUDITOR[@]}" audit verify
exits 1 "history rewritten: verify exits 1"
like "$OUT" "^TAMPERED: .*checkpoint" "history rewritten: verify finds a checkpoint that no longer matches"
accord --db "$T/rewritten.db" "${AUDITOR[@]}" audit checkpoint
NEW2=$(checkpoint_size)
accord --db "$T/rewritten.db" "${AUDITOR[@]}" audit consistency "$OLD" "$NEW2" --out "$T/c2.json"
if [ "$RC" -ne 0 ]; then
    pass "history rewritten: no consistency proof OLD..NEW2 is produced"
else
    accord --db /nonexistent/x.db audit check-proof "$T/c2.json" --public-key "$T/cons.pub"
    exits 1 "history rewritten: the consistency proof OLD..NEW2 does not hold"
    unlike "$OUT" '^proof holds' "history rewritten: check-proof does not say it holds"
    like "$ERR" 'history was rewritten' "history rewritten: check-proof says history was rewritten"
fi

# Only the entry's text edited (its stored hash left alone): the signed tree still holds
# the original entry, so the hub names entry 5 and no proof of entry 5 holds.
copy_hub "$CDB" edited
sqlite3 -batch "$T/edited.db" "update audit_log set purpose = 'rewritten' where seq = 5"
accord --db "$T/edited.db" "${AUDITOR[@]}" audit verify
exits 1 "an old entry edited in place: verify exits 1"
like "$OUT" '^TAMPERED: entry 5 was altered' "an old entry edited in place: verify names entry 5"
accord --db "$T/edited.db" "${AUDITOR[@]}" audit prove 5 --out "$T/p5.json"
if [ "$RC" -ne 0 ]; then
    pass "an old entry edited in place: no proof of entry 5 is produced"
else
    check_bad "an old entry edited in place: the proof of entry 5" "$T/p5.json" "$T/cons.pub"
fi

# --- oversight: who accessed a record, what a user did ----------------------------------

accord --db "$DB" --as ctp.analyst --purpose "$P" --json person search --postcode B --limit 1
exits 0 "set-up: the analyst finds one of the CT unit's records"
CT_ID=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1].splitlines()[0])["id"])' "$OUT" 2>/dev/null)
like "$CT_ID" '^[0-9A-Z]{26}$' "set-up: a CT record id"

accord --db "$DB" --as ctp.analyst --purpose 'case 42' person show "$CT_ID"
exits 0 "the analyst reads the record for 'case 42'"
accord --db "$DB" --as council.prevent --purpose 'curious' person show "$CT_ID"
exits 1 "the council caseworker is refused the CT record"

accord --db "$DB" "${AUDITOR[@]}" --purpose inspection audit who-accessed "$CT_ID"
exits 0 "the auditor asks who accessed the record"
like "$OUT" '^seq,at,username,agency_id,action,object_type,object_id,purpose,outcome,detail,recipients' \
    "who-accessed prints a CSV header"
csv_check "who-accessed: ctp.analyst read it for 'case 42'" \
    'any(r["username"] == "ctp.analyst" and r["action"] == "read" and r["purpose"] == "case 42" and r["outcome"] == "ok" and r["object_id"] == "'"$CT_ID"'" for r in rows)'
csv_check "who-accessed: council.prevent's refused read is there, denied" \
    'any(r["username"] == "council.prevent" and r["action"] == "read" and r["purpose"] == "curious" and r["outcome"] == "denied" for r in rows)'
csv_check "who-accessed: every row is about the record" \
    'len(rows) > 0 and all(r["object_id"] == "'"$CT_ID"'" or "'"$CT_ID"'" in r["detail"] for r in rows)'

accord --db "$DB" "${AUDITOR[@]}" audit who-accessed "$CT_ID"
exits 2 "who-accessed without --purpose exits 2"
like "$ERR" "purpose" "who-accessed without --purpose asks for one"
unlike "$OUT" "ctp\.analyst" "who-accessed without --purpose prints no entries"

accord --db "$DB" --as ctp.analyst --purpose "$P" audit who-accessed "$CT_ID"
exits 1 "an analyst cannot ask who accessed a record"
unlike "$OUT" "council\.prevent" "the refused who-accessed prints no entries"

accord --db "$DB" "${AUDITOR[@]}" --purpose inspection audit by-user ctp.analyst --since 2020-01-01
exits 0 "the auditor lists what ctp.analyst did"
csv_check "by-user: there are rows, and all are ctp.analyst's" \
    'len(rows) > 0 and all(r["username"] == "ctp.analyst" for r in rows)'
csv_check "by-user: the read for 'case 42' is there" \
    'any(r["action"] == "read" and r["purpose"] == "case 42" for r in rows)'
csv_check "by-user: the refused 'audit verify' is there, denied" \
    'any(r["action"] == "audit_read" and r["outcome"] == "denied" for r in rows)'
csv_check "by-user: the rows are in entry order" \
    '[int(r["seq"]) for r in rows] == sorted(int(r["seq"]) for r in rows)'
BY_USER=$OUT

accord --db "$DB" "${AUDITOR[@]}" --purpose inspection audit by-user ctp.analyst --since 2199-01-01
exits 0 "by-user --since in the future exits 0"
csv_check "by-user --since in the future lists nothing" 'rows == []'

# --since is inclusive: an RFC 3339 time given to the second keeps that second's entries
LAST_AT=$(python3 -c '
import csv, io, sys
rows = list(csv.DictReader(io.StringIO(sys.argv[1], newline="")))
print(rows[-1]["at"] if rows else "")' "$BY_USER")
SINCE=${LAST_AT:0:19}Z
accord --db "$DB" "${AUDITOR[@]}" --purpose inspection audit by-user ctp.analyst --since "$SINCE"
exits 0 "by-user --since $SINCE exits 0"
csv_check "by-user --since a whole second keeps the entries of that second ($LAST_AT)" \
    'any(r["at"] == "'"$LAST_AT"'" for r in rows)'

accord --db "$DB" "${AUDITOR[@]}" --purpose inspection audit by-user ctp.analyst --since 'last week'
exits 1 "by-user with a bad --since exits 1"
like "$ERR" "since" "a bad --since names it"

accord --db "$DB" "${AUDITOR[@]}" --purpose 'quarterly report' audit oversight --since 2020-01-01 --svg "$T/oversight.svg"
exits 0 "the auditor draws the oversight report"
like "$OUT" 'Birmingham City Council +read +denied +[0-9]+' "the report shows the council's refused read"
ok "the report's chart is an SVG with a bar per agency" \
    python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); assert d.documentElement.tagName == "svg"; assert len(d.getElementsByTagName("rect")) >= 3 * 4' "$T/oversight.svg"
accord --db "$DB" --as ctp.analyst --purpose "$P" audit oversight
exits 1 "an analyst cannot read the oversight report"

# --- every command leaves entries -------------------------------------------------------

BEFORE=$(log_count "$DB")
accord --db "$DB" --as ctp.analyst --purpose "$P" person search smith
exits 0 "a person search runs"
AFTER=$(log_count "$DB")
if [ "$AFTER" -gt "$BEFORE" ]; then
    pass "a person search adds audit entries ($BEFORE -> $AFTER)"
else
    fail "a person search adds audit entries" "before $BEFORE, after $AFTER"
fi
# the command signs in, searches and signs out: the search is the entry before the last
is "$(sqlite3 -batch "$DB" "select action || ' ' || purpose from audit_log where seq = (select max(seq) - 1 from audit_log)")" \
    "search $P" "the entry before the sign-out is the search, with its purpose"
is "$(sqlite3 -batch "$DB" "select action from audit_log where seq = (select max(seq) from audit_log)")" \
    "sign_out" "the command's last entry is its sign-out"

BEFORE=$(log_count "$DB")
accord --db "$DB" --as council.prevent --purpose "$P" person show "$CT_ID"
AFTER=$(log_count "$DB")
if [ "$AFTER" -gt "$BEFORE" ]; then
    pass "a refused read adds audit entries too ($BEFORE -> $AFTER)"
else
    fail "a refused read adds audit entries too" "before $BEFORE, after $AFTER"
fi

BEFORE=$(log_count "$DB")
accord --db "$DB" "${AUDITOR[@]}" audit verify
exits 0 "the hub still verifies after all of the above"
AFTER=$(log_count "$DB")
if [ "$AFTER" -gt "$BEFORE" ]; then
    pass "verify itself is audited ($BEFORE -> $AFTER)"
else
    fail "verify itself is audited" "before $BEFORE, after $AFTER"
fi

done_testing
