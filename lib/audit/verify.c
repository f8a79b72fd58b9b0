/* SPDX-License-Identifier: Apache-2.0
 *
 * verify.c - recompute the audit log from its rows and compare with what was stored and
 * signed: entry hashes, positions, checkpoint roots and signatures, the frontier.  Names
 * the first place where they disagree.
 */
#include "internal.h"

#include <sodium.h>

#include "accord/audit.h"
#include "audit/audit.h"
#include "audit/verify.h"
#include "store/store.h"

static const char sql_rows[] =
    "SELECT seq, at, actor_id, agency_id, action, object_type, object_id, purpose, outcome,"
    " detail, recipients, leaf_hash FROM audit_log ORDER BY seq";
static const char sql_checkpoints[] =
    "SELECT c.tree_size, c.root, c.at, c.key_id, c.signature, k.public_key"
    " FROM audit_checkpoints c LEFT JOIN audit_keys k ON k.key_id = c.key_id"
    " ORDER BY c.tree_size";

struct checkpoint {
    uint64_t size;
    char root[2 * ACI_HASH_LEN + 1];
    char at[40];
    char sig[2 * crypto_sign_BYTES + 1];
    char pk[2 * crypto_sign_PUBLICKEYBYTES + 1];
};

static void
bad(ac_audit_report *r, uint64_t seq, const char *fmt, ...)
{
    va_list ap;

    if (r->first_bad != 0 || r->problem[0] != '\0') {
        return; /* keep the first */
    }
    r->first_bad = seq;
    va_start(ap, fmt);
    vsnprintf(r->problem, sizeof r->problem, fmt, ap);
    va_end(ap);
}

static void
copy_col(struct aci_stmt *st, int col, char *buf, size_t cap)
{
    const char *t = aci_stmt_col_text(st, col);

    snprintf(buf, cap, "%s", t != NULL ? t : "");
}

static ac_code
load_checkpoints(struct aci_store *s, struct checkpoint **out, size_t *out_n, ac_error *err)
{
    struct aci_stmt *st = NULL;
    struct checkpoint *list = NULL;
    size_t n = 0, cap = 0;
    bool row = false;
    ac_code rc = aci_stmt_get(s, sql_checkpoints, &st, err);

    while (rc == AC_OK && (rc = aci_stmt_step(st, &row, err)) == AC_OK && row) {
        if (n == cap) {
            struct checkpoint *grown;

            cap = cap ? cap * 2 : 64;
            grown = aci_realloc(list, cap * sizeof *list);
            if (grown == NULL) {
                rc = aci_fail(err, AC_ENOMEM, "out of memory verifying the audit");
                break;
            }
            list = grown;
        }
        list[n].size = (uint64_t)aci_stmt_col_int(st, 0);
        copy_col(st, 1, list[n].root, sizeof list[n].root);
        copy_col(st, 2, list[n].at, sizeof list[n].at);
        copy_col(st, 4, list[n].sig, sizeof list[n].sig);
        copy_col(st, 5, list[n].pk, sizeof list[n].pk);
        n++;
    }
    aci_stmt_done(st);
    if (rc != AC_OK) {
        aci_free(list);
        list = NULL;
        n = 0;
    }
    *out = list;
    *out_n = n;
    return rc;
}

bool
aci_audit_signature_ok(uint64_t size,
                       const char *root_hex,
                       const char *at,
                       const char *sig_hex,
                       const char *pk_hex)
{
    unsigned char sig[crypto_sign_BYTES], pk[crypto_sign_PUBLICKEYBYTES];
    char note[256];
    int n = aci_audit_checkpoint_note(note, sizeof note, size, root_hex, at);

    return n > 0 && (size_t)n < sizeof note && aci_hex_decode(sig_hex, sig, sizeof sig) &&
           aci_hex_decode(pk_hex, pk, sizeof pk) &&
           crypto_sign_verify_detached(sig, (const unsigned char *)note, (unsigned long long)n,
                                       pk) == 0;
}

/* Compare the tree of the first F->size entries with checkpoint C. */
static void
check_checkpoint(const struct aci_frontier *f, const struct checkpoint *c, ac_audit_report *r)
{
    aci_hash root;
    char hex[2 * ACI_HASH_LEN + 1];

    aci_frontier_root(f, root);
    aci_hex_encode(root, ACI_HASH_LEN, hex);
    if (!aci_audit_signature_ok(c->size, c->root, c->at, c->sig, c->pk)) {
        bad(r, c->size, "the checkpoint at %llu entries was altered: its signature does not match",
            (unsigned long long)c->size);
    } else if (strcmp(hex, c->root) != 0) {
        bad(r, c->size,
            "the log's first %llu entries do not match the checkpoint signed at %s: "
            "an entry up to %llu was changed, added or removed",
            (unsigned long long)c->size, c->at, (unsigned long long)c->size);
    }
    r->checkpoints++;
}

static void
check_row(struct aci_stmt *st, ac_arena *a, struct aci_frontier *f, ac_audit_report *r)
{
    struct aci_audit_entry e;
    unsigned char *bytes = NULL;
    size_t len = 0;
    aci_hash leaf;
    char hex[2 * ACI_HASH_LEN + 1];
    const char *stored = aci_stmt_col_text(st, 11);

    memset(&e, 0, sizeof e);
    if (aci_audit_read_row(st, NULL, &e) != AC_OK ||
        aci_audit_leaf_bytes(&e, a, &bytes, &len, NULL) != AC_OK) {
        bad(r, f->size + 1, "out of memory");
        return;
    }
    if (e.seq != (int64_t)f->size + 1) {
        bad(r, f->size + 1,
            e.seq > (int64_t)f->size + 1 ? "entry %llu is missing: the log jumps to %lld"
                                         : "entry %llu is out of order (found %lld)",
            (unsigned long long)f->size + 1, (long long)e.seq);
    }
    aci_merkle_leaf(bytes, len, leaf);
    aci_hex_encode(leaf, ACI_HASH_LEN, hex);
    if (stored == NULL || strcmp(hex, stored) != 0) {
        bad(r, f->size + 1, "entry %llu was altered: its content no longer has its hash",
            (unsigned long long)f->size + 1);
    }
    aci_frontier_append(f, leaf);
    r->entries++;
}

ac_code
aci_audit_verify(struct aci_store *s, ac_audit_report *r, ac_error *err)
{
    struct checkpoint *cps = NULL;
    size_t n_cps = 0, next = 0;
    struct aci_frontier f, stored;
    struct aci_stmt *st = NULL;
    ac_arena *a = ac_arena_new(0);
    bool row = false;
    ac_code rc;

    memset(r, 0, sizeof *r);
    aci_frontier_init(&f);
    if (a == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory verifying the audit");
    }
    rc = load_checkpoints(s, &cps, &n_cps, err);
    if (rc == AC_OK) {
        rc = aci_stmt_get(s, sql_rows, &st, err);
    }
    while (rc == AC_OK && (rc = aci_stmt_step(st, &row, err)) == AC_OK && row) {
        ac_arena_reset(a);
        check_row(st, a, &f, r);
        while (next < n_cps && cps[next].size == f.size) {
            check_checkpoint(&f, &cps[next++], r);
        }
    }
    aci_stmt_done(st);
    if (rc == AC_OK && next < n_cps) {
        bad(r, f.size + 1,
            "the checkpoint at %llu entries covers entries that are gone: the log "
            "ends at %llu",
            (unsigned long long)cps[next].size, (unsigned long long)f.size);
    }
    if (rc == AC_OK && aci_audit_state_load(s, &stored, NULL) == AC_OK &&
        (stored.size != f.size || stored.n != f.n ||
         memcmp(stored.node, f.node, f.n * ACI_HASH_LEN) != 0)) {
        bad(r, f.size < stored.size ? f.size + 1 : stored.size + 1,
            "the stored tree (%llu entries) does not match the log (%llu entries)",
            (unsigned long long)stored.size, (unsigned long long)f.size);
    }
    aci_free(cps);
    ac_arena_free(a);
    return rc;
}
