# SPDX-License-Identifier: Apache-2.0
#
# cli_witness.sh - an audit trail the database cannot rewrite on its own: the public key
# pinned at creation (DB.pub), every checkpoint a C2SP signed note appended to a witness
# file outside the database (DB.witness), and `audit verify --public-key --witness` run
# offline on a copy with no signing key.  Each insider attack - truncation, deleting a
# user's entries and re-signing, reordering and re-signing, inserting and re-signing, a
# key swapped into audit_keys - first shown to pass a check that trusts the database, then
# caught with only the public key and the witness file, its place named.
#
# Run as: bash cli_witness.sh ACCORD_BINARY   (prints TAP)

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

DB=$T/hub.db
AUDITOR=(--as oversight.auditor)
P='cli witness test'

accord --db "$DB" demo --persons 200 --of-interest 10 --seed 4
exits 0 "set-up: demo partnership"
like "$OUT" '^  audit key      [0-9a-f]{64}$' "demo prints the audit public key"
ok "demo pins the public key beside the database (DB.pub)" test -s "$DB.pub"
PUB=$(head -n 1 "$DB.pub")
like "$OUT" "^  audit key      $PUB\$" "the printed key is the pinned one"
ok "the witness file is beside the database (DB.witness)" test -s "$DB.witness"

# entries and checkpoints in turn, so the witness has seen several sizes
for q in smith jones patel khan; do
    accord --db "$DB" --as ctp.analyst --purpose "$P" person search "$q"
    accord --db "$DB" "${AUDITOR[@]}" audit checkpoint
done
exits 0 "set-up: searches, each followed by a checkpoint"
# entries after the last checkpoint, enough that a log missing a few is still longer
for q in ali begum shah hussain ahmed iqbal; do
    accord --db "$DB" --as ctp.analyst --purpose "$P" person search "$q"
done
N=$(sqlite3 -batch "$DB" 'select max(seq) from audit_log')
# The sizes the witness holds now.  Any audited command (the auditor's own verify, say)
# may add a checkpoint when 10 s have passed since the last, so the newest is read again
# just before each comparison (w_newest) rather than fixed here.
witnessed_sizes() { sed -n '2~1p' "$DB.witness" | grep -E '^[0-9]+$' | sort -n | uniq; }
w_newest() { witnessed_sizes | tail -n 1; }
W_SIZES=$(witnessed_sizes)

# --- the witness file holds C2SP checkpoints other tools can check -------------------
ok "every witness note is a C2SP tlog-checkpoint in a signed note with the pinned key" python3 -c '
import base64, hashlib, re, sys
pk = bytes.fromhex(open(sys.argv[2]).read().strip())
name = "accord/" + hashlib.sha256(pk).hexdigest()[:16]
keyhash = hashlib.sha256(name.encode() + b"\n\x01" + pk).digest()[:4]
try:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    vk = Ed25519PublicKey.from_public_bytes(pk)
except ImportError:
    vk = None
notes = open(sys.argv[1], encoding="utf-8").read().split("\n\n")
# the file is body, blank, signatures, blank, body, ...: pair them up
assert notes[-1] == "", "the file ends with a blank line"
notes = notes[:-1]
assert len(notes) % 2 == 0 and len(notes) >= 8, len(notes)
for body, sigs in zip(notes[0::2], notes[1::2]):
    lines = body.split("\n")
    assert len(lines) == 3 and lines[0] == name, lines
    assert re.fullmatch(r"[1-9][0-9]*", lines[1]), lines[1]
    assert len(base64.b64decode(lines[2], validate=True)) == 32
    sig = sigs.split("\n")
    assert len(sig) == 1 and sig[0].startswith("\u2014 " + name + " "), sig
    blob = base64.b64decode(sig[0].split(" ")[2], validate=True)
    assert len(blob) == 68 and blob[:4] == keyhash
    if vk is not None:
        vk.verify(blob[4:], (body + "\n").encode())
' "$DB.witness" "$DB.pub"

# --- offline verification: a copy, the public key and the witness, nothing else -------

mkdir -p "$T/offline"
cp -- "$DB" "$T/offline/copy.db"
if [ -e "$DB-wal" ]; then cp -- "$DB-wal" "$T/offline/copy.db-wal"; fi
accord --db "$T/offline/copy.db" audit verify --public-key "$DB.pub" --witness "$DB.witness"
exits 0 "a copy without its signing key verifies with the public key and the witness"
like "$OUT" '^ok: [0-9,]+ entries and [0-9,]+ signed checkpoints verified against the pinned key$' \
    "offline verify says ok against the pinned key"
like "$OUT" "^witness: [0-9,]+ checkpoints match the log; newest witnessed size $(w_newest)\$" \
    "offline verify reports the newest witnessed size"
ok "no signing key was made for the copy" test ! -e "$T/offline/copy.db.key"
ok "nothing was witnessed by the copy" test ! -e "$T/offline/copy.db.witness"
accord --db "$T/offline/copy.db" audit verify --public-key "$PUB"
exits 0 "the key may be given as hex"
like "$ERR" 'no --witness' "without a witness, verify warns what it cannot see"

accord --db "$DB" "${AUDITOR[@]}" audit verify
exits 0 "the audited verify still works"
like "$ERR" 'key the database itself holds' "without --public-key verify warns that it trusted the database's key"
accord --db "$DB" audit verify --witness "$DB.witness"
exits 2 "--witness without --public-key is a usage error"

# --- the insider's attacks, each on a fresh copy (database and signing key) ------------

# copy_hub NAME: a copy of the hub (database and signing key, not the witness) as $T/NAME.db.
copy_hub() {
    rm -f -- "$T/$1.db" "$T/$1.db.key" "$T/$1.db-wal" "$T/$1.db-shm" "$T/$1.db.witness"
    cp -- "$DB" "$T/$1.db" && cp -- "$DB.key" "$T/$1.db.key"
    if [ -e "$DB-wal" ]; then cp -- "$DB-wal" "$T/$1.db-wal"; fi
}

# rewrite.py DB OP ARG: change the log as an insider would, then recompute every leaf
# hash and the stored tree so the database agrees with itself.
cat >"$T/rewrite.py" <<'EOF'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
op, arg = sys.argv[2], sys.argv[3]
cols = ("at, actor_id, agency_id, action, object_type, object_id, purpose, outcome, detail,"
        " recipients, via")
rows = db.execute("select seq, " + cols + " from audit_log order by seq").fetchall()
if op == "delete-user":
    uid = db.execute("select id from users where username = ?", (arg,)).fetchone()[0]
    first = min(r[0] for r in rows if r[2] == uid)
    rows = [r for r in rows if r[2] != uid]
    print(first)
elif op == "swap":
    a, b = (int(x) for x in arg.split(","))
    rows[a - 1], rows[b - 1] = rows[b - 1], rows[a - 1]
elif op == "insert":
    k = int(arg)
    rows.insert(k - 1, rows[k - 1][:4] + ("read", "person", "forged", "alibi") + rows[k - 1][8:])
elif op == "truncate":
    rows = rows[: int(arg)]
db.execute("delete from audit_log")
def field(v):
    if v is None:
        return b"\xff\xff\xff\xff"
    b = str(v).encode()
    return len(b).to_bytes(4, "big") + b
frontier = []
for i, r in enumerate(rows, 1):
    r = (i,) + tuple(r[1:])
    # an entry with a "via" (every entry the CLI makes names its OS account) is v2
    magic, h = (b"accord-audit-v1\0", r[:-1]) if r[-1] is None else (b"accord-audit-v2\0", r)
    leaf = hashlib.sha256(b"\0" + magic + b"".join(field(v) for v in h)).digest()
    db.execute("insert into audit_log (seq, " + cols + ", leaf_hash) values "
               "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", r + (leaf.hex(),))
    h, height = leaf, 0
    while frontier and frontier[-1][0] == height:
        h = hashlib.sha256(b"\1" + frontier.pop()[1] + h).digest()
        height += 1
    frontier.append((height, h))
db.execute("update audit_state set size = ?, frontier = ?",
           (len(rows), "".join(h.hex() for _, h in frontier)))
db.execute("delete from audit_checkpoints where tree_size > ?",
           (len(rows) if op == "truncate" else 0,))
db.commit()
EOF

# resign NAME: the insider, who has the key beside the database, signs the rewritten log.
resign() {
    accord --db "$T/$1.db" --witness-dir "$T/insider" "${AUDITOR[@]}" audit checkpoint
    exits 0 "$1: the insider re-signs the rewritten log with the hub's own key"
}

# fooled NAME: the rewritten log passes a check that trusts the database alone.
fooled() {
    accord --db "$T/$1.db" audit verify --public-key "$DB.pub"
    exits 0 "$1: the database alone (even with the pinned key) cannot tell"
}

# caught NAME ERE...: verify with the public key and the witness exits 1, prints
# TAMPERED, reports the newest witnessed size and matches every ERE.
caught() {
    local name=$1 re
    shift
    accord --db "$T/$name.db" audit verify --public-key "$DB.pub" --witness "$DB.witness"
    exits 1 "$name: verify with the public key and the witness exits 1"
    like "$OUT" '^TAMPERED: ' "$name: verify prints TAMPERED"
    like "$OUT" "^newest witnessed size: $(w_newest)\$" "$name: verify reports the newest witnessed size"
    for re in "$@"; do
        like "$OUT" "$re" "$name: verify matches /$re/"
    done
}

# in_range NAME SEQ: the named range "from A to B" of the verdict holds entry SEQ.
in_range() {
    local a b
    a=$(sed -n 's/.*an entry from \([0-9]*\) to \([0-9]*\) was.*/\1/p' "$T/.out")
    b=$(sed -n 's/.*an entry from \([0-9]*\) to \([0-9]*\) was.*/\2/p' "$T/.out")
    if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -le "$2" ] && [ "$2" -le "$b" ]; then
        pass "$1: the place named (entries $a to $b) holds entry $2"
    else
        fail "$1: the place named holds entry $2" "$(cat "$T/.out")"
    fi
}

mkdir -p "$T/insider"

# truncation: the last entries and the checkpoints over them deleted, the tree recomputed
KEEP=$(($(head -n 2 <<<"$W_SIZES" | tail -n 1) + 2))
copy_hub truncated
python3 "$T/rewrite.py" "$T/truncated.db" truncate "$KEEP"
fooled truncated
caught truncated "truncated" "^first bad entry: $((KEEP + 1)) "

# every entry by one user deleted, renumbered, rehashed and re-signed
copy_hub deleted
FIRST=$(python3 "$T/rewrite.py" "$T/deleted.db" delete-user probation.officer)
like "$FIRST" '^[0-9]+$' "set-up: the analyst made entries (first $FIRST)"
resign deleted
fooled deleted
caught deleted 'do not match the checkpoint the witness saw'
in_range deleted "$FIRST"

# two entries swapped, rehashed and re-signed
copy_hub reordered
python3 "$T/rewrite.py" "$T/reordered.db" swap 8,9
resign reordered
fooled reordered
caught reordered 'do not match the checkpoint the witness saw'
in_range reordered 8

# a forged entry inserted at 12, rehashed and re-signed
copy_hub inserted
python3 "$T/rewrite.py" "$T/inserted.db" insert 12
resign inserted
fooled inserted
caught inserted 'do not match the checkpoint the witness saw'
in_range inserted 12

# a key swap: the insider's own key put in audit_keys, the old one and every checkpoint
# removed, the log re-signed with the new key
copy_hub swapped
sqlite3 -batch "$T/swapped.db" 'delete from audit_checkpoints; delete from audit_keys'
rm -f -- "$T/swapped.db.key"
resign swapped
ok "key swap: the insider's hub made a new key" test -s "$T/swapped.db.key"
accord --db "$T/swapped.db" "${AUDITOR[@]}" audit verify
exits 0 "key swap: a verify that trusts the database's key passes"
like "$ERR" 'key the database itself holds' "key swap: and says it trusted the database's key"
SIZE=$(sqlite3 -batch "$T/swapped.db" 'select min(tree_size) from audit_checkpoints')
caught swapped "not the pinned key" "^TAMPERED: the checkpoint at $SIZE entries is signed by key " \
    "^first bad entry: $SIZE "
accord --db "$T/swapped.db" audit verify --public-key "$DB.pub"
exits 1 "key swap: the pinned key alone refuses it"

# a key merely added beside the real one is refused too
copy_hub extra
sqlite3 -batch "$T/extra.db" "insert into audit_keys (key_id, public_key, created_at)
    values ('00112233aabbccdd', '$(printf '%064d' 7)', '2026-01-01T00:00:00.000Z')"
accord --db "$T/extra.db" audit verify --public-key "$DB.pub" --witness "$DB.witness"
exits 1 "an extra key in audit_keys: verify exits 1"
like "$OUT" 'signing key .* not the pinned key' "an extra key in audit_keys: verify names it"

# a forged witness note (its root changed) is no witness at all
python3 -c '
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
lines[2] = ("B" if lines[2][0] != "B" else "C") + lines[2][1:]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines))' "$DB.witness" "$T/forged.witness"
accord --db "$T/offline/copy.db" audit verify --public-key "$DB.pub" --witness "$T/forged.witness"
exits 1 "a forged witness note: verify exits 1"
like "$OUT" "witness file's note 1 is malformed or not signed" "a forged witness note: verify names the note"

# --- the signing key and the witness where the operator chooses -----------------------

mkdir -p "$T/keys" "$T/wit"
accord --db "$T/own.db" --audit-key "$T/keys/own.key" --witness-dir "$T/wit" init --admin own.admin
exits 0 "init with --audit-key and --witness-dir"
ok "the signing key is where --audit-key says" test -s "$T/keys/own.key"
ok "no key beside the database" test ! -e "$T/own.db.key"
ok "the witness is in --witness-dir" test -s "$T/wit/own.db.witness"
ok "init pins the public key in DB.pub" test -s "$T/own.db.pub"
accord --db "$T/own.db" --witness-dir "$T/wit" audit public-key
exits 1 "without its --audit-key the hub will not open (no new key is made)"
accord --db "$T/own.db" audit verify --public-key "$T/own.db.pub" --witness "$T/wit/own.db.witness"
exits 0 "the hub verifies offline against its pinned key and witness"

ACCORD_WITNESS_DIR=$T/wit accord --db "$T/own.db" --audit-key "$T/keys/own.key" \
    --as own.admin audit checkpoint
exits 0 "set-up: a checkpoint with the witness directory from \$ACCORD_WITNESS_DIR"
is "$(grep -cE '^[0-9]+$' "$T/wit/own.db.witness")" 2 "\$ACCORD_WITNESS_DIR is where the checkpoint went"
ok "and not beside the database" test ! -e "$T/own.db.witness"

# 'accord serve' opens the hub with the same --audit-key and --witness-dir (issue 13)
PORT=$((20000 + ($$ + 7919) % 12000))
accord --db "$T/own.db" --witness-dir "$T/wit" serve --listen "127.0.0.1:$PORT"
exits 1 "serve without its --audit-key does not open the hub (no new key is made)"
"$ACCORD" --db "$T/own.db" --audit-key "$T/keys/own.key" --witness-dir "$T/wit" serve \
    --listen "127.0.0.1:$PORT" --openapi "$TESTS_DIR/../docs/openapi.json" 2>"$T/serve.log" &
SERVER=$!
ready=no
for _ in $(seq 1 100); do
    # waiting for the port to open: readiness, not a timing assertion
    if curl -s "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then
        ready=yes
        break
    fi
    sleep 0.1
done
is "$ready" yes "serve with --audit-key and --witness-dir answers"
kill -TERM "$SERVER"
wait "$SERVER"
is "$?" 0 "and stops cleanly"
ok "serve made no key beside the database" test ! -e "$T/own.db.key"
ok "nor a witness beside it" test ! -e "$T/own.db.witness"
accord --db "$T/own.db" audit verify --public-key "$T/own.db.pub" --witness "$T/wit/own.db.witness"
exits 0 "the hub still verifies against its pinned key and the witness in --witness-dir"

done_testing
