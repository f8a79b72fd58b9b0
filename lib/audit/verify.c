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
#include "store/store_audit.h"

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
check_checkpoint(const struct aci_frontier *f,
                 const struct aci_audit_checkpoint *c,
                 ac_audit_report *r)
{
    aci_hash root;
    char hex[2 * ACI_HASH_LEN + 1];

    aci_frontier_root(f, root);
    aci_hex_encode(root, ACI_HASH_LEN, hex);
    if (!aci_audit_signature_ok(c->size, c->root, c->at, c->signature, c->public_key)) {
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

/* What a walk over the log carries from one entry to the next. */
struct walk {
    ac_arena *a;                      /* scratch for one entry's bytes */
    struct aci_frontier f;            /* the tree of the entries seen so far */
    struct aci_audit_checkpoint *cps; /* every checkpoint, smallest first */
    size_t n_cps;                     /* entries in cps */
    size_t next;                      /* the first checkpoint not yet compared */
    ac_audit_report *r;               /* the verdict being built */
};

static void
check_row(const struct aci_audit_entry *e,
          const char *stored,
          ac_arena *a,
          struct aci_frontier *f,
          ac_audit_report *r)
{
    unsigned char *bytes = NULL;
    size_t len = 0;
    aci_hash leaf;
    char hex[2 * ACI_HASH_LEN + 1];

    if (aci_audit_leaf_bytes(e, a, &bytes, &len, NULL) != AC_OK) {
        bad(r, f->size + 1, "out of memory");
        return;
    }
    if (e->seq != (int64_t)f->size + 1) {
        bad(r, f->size + 1,
            e->seq > (int64_t)f->size + 1 ? "entry %llu is missing: the log jumps to %lld"
                                          : "entry %llu is out of order (found %lld)",
            (unsigned long long)f->size + 1, (long long)e->seq);
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

/* Check one entry, then every checkpoint taken at the size the log has reached. */
static ac_code
walk_row(void *ctx, const struct aci_audit_entry *e, const char *stored, ac_error *err)
{
    struct walk *w = ctx;

    (void)err;
    ac_arena_reset(w->a);
    check_row(e, stored, w->a, &w->f, w->r);
    while (w->next < w->n_cps && w->cps[w->next].size == w->f.size) {
        check_checkpoint(&w->f, &w->cps[w->next++], w->r);
    }
    return AC_OK;
}

ac_code
aci_audit_verify(struct aci_store *s, ac_audit_report *r, ac_error *err)
{
    struct walk w = { .a = ac_arena_new(0), .r = r };
    ac_arena *held = ac_arena_new(0);
    struct aci_frontier stored;
    ac_code rc;

    memset(r, 0, sizeof *r);
    aci_frontier_init(&w.f);
    if (w.a == NULL || held == NULL) {
        ac_arena_free(w.a);
        ac_arena_free(held);
        return aci_fail(err, AC_ENOMEM, "out of memory verifying the audit");
    }
    rc = aci_store_audit_checkpoint_all(s, held, &w.cps, &w.n_cps, err);
    if (rc == AC_OK) {
        rc = aci_store_audit_entries_each(s, walk_row, &w, err);
    }
    if (rc == AC_OK && w.next < w.n_cps) {
        bad(r, w.f.size + 1,
            "the checkpoint at %llu entries covers entries that are gone: the log "
            "ends at %llu",
            (unsigned long long)w.cps[w.next].size, (unsigned long long)w.f.size);
    }
    if (rc == AC_OK && aci_audit_state_load(s, &stored, NULL) == AC_OK &&
        (stored.size != w.f.size || stored.n != w.f.n ||
         memcmp(stored.node, w.f.node, w.f.n * ACI_HASH_LEN) != 0)) {
        bad(r, w.f.size < stored.size ? w.f.size + 1 : stored.size + 1,
            "the stored tree (%llu entries) does not match the log (%llu entries)",
            (unsigned long long)stored.size, (unsigned long long)w.f.size);
    }
    ac_arena_free(held);
    ac_arena_free(w.a);
    return rc;
}
