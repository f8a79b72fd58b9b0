/* SPDX-License-Identifier: Apache-2.0
 *
 * log.c - appending audit entries as Merkle leaves, keeping the tree's frontier, and
 * taking signed checkpoints (audit.h).  The caller holds the transaction, so an entry,
 * the frontier and a checkpoint commit together with the change they record.
 *
 * The frontier is read from audit_state inside every append rather than cached: several
 * processes may write one database, and BEGIN IMMEDIATE makes each append see the last.
 */
#include "internal.h"

#include <sodium.h>

#include "accord/arena.h"
#include "accord/date.h"
#include "audit/audit.h"
#include "audit/note.h"
#include "store/store_audit.h"

void
aci_hex_encode(const unsigned char *in, size_t n, char *out)
{
    sodium_bin2hex(out, 2 * n + 1, in, n);
}

bool
aci_hex_decode(const char *hex, unsigned char *out, size_t n)
{
    size_t got = 0;

    return hex != NULL && strlen(hex) == 2 * n &&
           sodium_hex2bin(out, n, hex, 2 * n, NULL, &got, NULL) == 0 && got == n;
}

/* Append a length-prefixed field (0xffffffff for NULL) to BUF. */
static size_t
put_field(unsigned char *buf, size_t at, const char *v)
{
    uint32_t len = v != NULL ? (uint32_t)strlen(v) : 0xffffffffu;

    buf[at] = (unsigned char)(len >> 24);
    buf[at + 1] = (unsigned char)(len >> 16);
    buf[at + 2] = (unsigned char)(len >> 8);
    buf[at + 3] = (unsigned char)len;
    at += 4;
    if (v != NULL) {
        memcpy(buf + at, v, len);
        at += len;
    }
    return at;
}

ac_code
aci_audit_leaf_bytes(const struct aci_audit_entry *e,
                     ac_arena *a,
                     unsigned char **out,
                     size_t *out_len,
                     ac_error *err)
{
    /* v1 entries have no "via"; an entry with one is v2, so every older leaf still
     * hashes as it was written */
    static const char magic_v1[] = "accord-audit-v1", magic_v2[] = "accord-audit-v2";
    const char *magic = e->via != NULL ? magic_v2 : magic_v1;
    char seq[24];
    const char *fields[] = { seq,        e->at,          e->actor_id,   e->agency_id,
                             e->action,  e->object_type, e->object_id,  e->purpose,
                             e->outcome, e->detail,      e->recipients, e->via };
    size_t n_fields = ACI_ARRAY_LEN(fields) - (e->via == NULL);
    size_t need = sizeof magic_v1, at = sizeof magic_v1;
    unsigned char *buf;

    _Static_assert(sizeof magic_v1 == sizeof magic_v2, "versions share a length");
    snprintf(seq, sizeof seq, "%lld", (long long)e->seq);
    for (size_t i = 0; i < n_fields; i++) {
        need += 4 + (fields[i] != NULL ? strlen(fields[i]) : 0);
    }
    buf = ac_arena_alloc(a, need);
    if (buf == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory hashing an audit entry");
    }
    memcpy(buf, magic, sizeof magic_v1); /* with its NUL: a domain separator */
    for (size_t i = 0; i < n_fields; i++) {
        at = put_field(buf, at, fields[i]);
    }
    *out = buf;
    *out_len = at;
    return AC_OK;
}

static ac_code
leaf_of(const struct aci_audit_entry *e, aci_hash out, ac_error *err)
{
    ac_arena *a = ac_arena_new(0);
    unsigned char *bytes = NULL;
    size_t len = 0;
    ac_code rc = a != NULL ? aci_audit_leaf_bytes(e, a, &bytes, &len, err)
                           : aci_fail(err, AC_ENOMEM, "out of memory");

    if (rc == AC_OK) {
        aci_merkle_leaf(bytes, len, out);
    }
    ac_arena_free(a);
    return rc;
}

ac_code
aci_audit_state_load(struct aci_store *s, struct aci_frontier *f, ac_error *err)
{
    /* one byte longer than the longest valid frontier, so a longer one shows as corrupt */
    char hex[ACI_MERKLE_MAX * 2 * ACI_HASH_LEN + 2];
    uint64_t size = 0;
    size_t n;
    ac_code rc = aci_store_audit_frontier_load(s, &size, hex, sizeof hex, err);

    aci_frontier_init(f);
    if (rc != AC_OK) {
        return rc;
    }
    n = strlen(hex) / (2 * ACI_HASH_LEN);
    f->size = size;
    f->n = n;
    if (n > ACI_MERKLE_MAX || (size_t)__builtin_popcountll(f->size) != n ||
        strlen(hex) != n * 2 * ACI_HASH_LEN) {
        return aci_fail(err, AC_EINVAL, "audit state is corrupt: run 'accord audit verify'");
    }
    for (size_t i = 0; i < n; i++) {
        char one[2 * ACI_HASH_LEN + 1];

        memcpy(one, hex + i * 2 * ACI_HASH_LEN, 2 * ACI_HASH_LEN);
        one[2 * ACI_HASH_LEN] = '\0';
        if (!aci_hex_decode(one, f->node[i], ACI_HASH_LEN)) {
            return aci_fail(err, AC_ESTORAGE, "audit state is corrupt");
        }
    }
    return AC_OK;
}

static ac_code
state_save(struct aci_store *s, const struct aci_frontier *f, ac_error *err)
{
    char hex[ACI_MERKLE_MAX * 2 * ACI_HASH_LEN + 1];

    hex[0] = '\0';
    for (size_t i = 0; i < f->n; i++) {
        aci_hex_encode(f->node[i], ACI_HASH_LEN, hex + i * 2 * ACI_HASH_LEN);
    }
    return aci_store_audit_frontier_save(s, f->size, hex, err);
}

/* Sign the tree F as a C2SP checkpoint, store it, and hand it to the witness file. */
static ac_code
write_checkpoint(struct aci_store *s,
                 const struct aci_audit_key *key,
                 const struct aci_frontier *f,
                 const char *at,
                 ac_error *err)
{
    aci_hash root;
    char root_hex[2 * ACI_HASH_LEN + 1], body[ACI_NOTE_MAX], note[ACI_NOTE_MAX];
    char name[ACI_NOTE_NAME_MAX], sig_hex[2 * crypto_sign_BYTES + 1];
    unsigned char sig[crypto_sign_BYTES];
    int n;
    ac_code rc;

    aci_frontier_root(f, root);
    aci_hex_encode(root, ACI_HASH_LEN, root_hex);
    aci_note_origin(key->pk, name);
    n = aci_checkpoint_body(body, sizeof body, key->pk, f->size, root);
    if (n < 0) {
        return aci_fail(err, AC_EINVAL, "the audit checkpoint does not fit its note");
    }
    rc = aci_audit_key_sign(key, (const unsigned char *)body, (size_t)n, sig, err);
    if (rc != AC_OK) {
        return rc;
    }
    n = aci_note_format(note, sizeof note, body, name, key->pk, sig);
    if (n < 0) {
        return aci_fail(err, AC_EINVAL, "the audit checkpoint does not fit its note");
    }
    aci_hex_encode(sig, sizeof sig, sig_hex);
    rc = aci_store_audit_checkpoint_add(
        s, &(struct aci_audit_checkpoint){ f->size, root_hex, at, key->key_id, sig_hex, NULL },
        err);
    /* in the transaction: a witness that cannot be written stops the change, so nothing
     * is signed that the witness has not seen */
    if (rc == AC_OK && key->witness_path != NULL) {
        rc = aci_witness_append(key->witness_path, note, (size_t)n, err);
    }
    return rc;
}

/* True when a checkpoint is due: ACI_CHECKPOINT_EVERY entries or _SECONDS seconds. */
static ac_code
checkpoint_due(struct aci_store *s,
               const struct aci_frontier *f,
               int64_t now_ms,
               bool *due,
               ac_error *err)
{
    char at[64];
    uint64_t last = 0;
    bool row = false;
    ac_code rc = aci_store_audit_checkpoint_last(s, &row, &last, at, sizeof at, err);

    *due = false;
    if (rc == AC_OK) {
        int64_t at_ms = 0;

        if (row && ac_time_parse(at, &at_ms, NULL) != AC_OK) {
            at_ms = 0; /* unreadable: take a checkpoint */
        }
        *due = f->size - last >= ACI_CHECKPOINT_EVERY ||
               (f->size > last && now_ms - at_ms >= ACI_CHECKPOINT_SECONDS * 1000);
    }
    return rc;
}

ac_code
aci_audit_append(struct aci_store *s,
                 const struct aci_audit_key *key,
                 struct aci_audit_entry *e,
                 int64_t now_ms,
                 ac_error *err)
{
    struct aci_frontier f;
    aci_hash leaf;
    char leaf_hex[2 * ACI_HASH_LEN + 1];
    bool due = false;
    ac_code rc = aci_audit_state_load(s, &f, err);

    if (rc != AC_OK) {
        return rc;
    }
    e->seq = (int64_t)f.size + 1;
    rc = leaf_of(e, leaf, err);
    if (rc == AC_OK) {
        aci_hex_encode(leaf, ACI_HASH_LEN, leaf_hex);
        rc = aci_store_audit_append_leaf(s, e, leaf_hex, err);
    }
    if (rc == AC_ECONFLICT) {
        rc = aci_fail(err, AC_ESTORAGE,
                      "the audit log holds an entry %lld that its tree does not: it may have been "
                      "tampered with, and nothing more can be audited; run 'accord audit verify'",
                      (long long)e->seq);
    }
    if (rc == AC_OK) {
        aci_frontier_append(&f, leaf);
        rc = state_save(s, &f, err);
    }
    if (rc == AC_OK && key != NULL) {
        rc = checkpoint_due(s, &f, now_ms, &due, err);
    }
    if (rc == AC_OK && due) {
        rc = write_checkpoint(s, key, &f, e->at, err);
    }
    return rc;
}

ac_code
aci_audit_checkpoint(struct aci_store *s,
                     const struct aci_audit_key *key,
                     const char *at,
                     uint64_t *out_size,
                     ac_error *err)
{
    struct aci_frontier f;
    ac_code rc = aci_audit_state_load(s, &f, err);

    *out_size = 0;
    if (rc == AC_OK && f.size == 0) {
        rc = aci_fail(err, AC_EINVAL, "the audit log is empty: nothing to checkpoint");
    }
    if (rc == AC_OK) {
        rc = write_checkpoint(s, key, &f, at, err);
    }
    if (rc == AC_OK) {
        *out_size = f.size;
    }
    return rc;
}

ac_code
aci_audit_backfill(struct aci_store *s, ac_error *err)
{
    struct aci_frontier f;
    ac_arena *a;
    int64_t keys = 0;
    ac_code rc = aci_store_audit_key_count(s, &keys, err);

    /* only a log that has never been signed (older than migration 0002) is hashed here:
     * once a key exists, an unhashed row is tampering for 'audit verify' to report */
    if (rc != AC_OK || keys != 0) {
        return rc;
    }
    a = ac_arena_new(0);
    rc = a != NULL ? aci_audit_state_load(s, &f, err) : aci_fail(err, AC_ENOMEM, "out of memory");

    while (rc == AC_OK) {
        struct aci_audit_entry e;
        bool row = false;
        aci_hash leaf;
        char hex[2 * ACI_HASH_LEN + 1];

        ac_arena_reset(a);
        rc = aci_store_audit_entry_after(s, (int64_t)f.size, a, &e, &row, err);
        if (rc != AC_OK || !row) {
            break;
        }
        if (e.seq != (int64_t)f.size + 1) {
            rc = aci_fail(err, AC_ESTORAGE, "audit entry %lld is missing", (long long)f.size + 1);
            break;
        }
        rc = leaf_of(&e, leaf, err);
        if (rc == AC_OK) {
            aci_hex_encode(leaf, ACI_HASH_LEN, hex);
            rc = aci_store_audit_set_leaf(s, e.seq, hex, err);
        }
        aci_frontier_append(&f, leaf);
    }
    if (rc == AC_OK) {
        rc = state_save(s, &f, err);
    }
    ac_arena_free(a);
    return rc;
}
