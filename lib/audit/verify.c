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
#include "audit/note.h"
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
aci_audit_signature_ok(uint64_t size, const char *root_hex, const char *sig_hex, const char *pk_hex)
{
    unsigned char sig[crypto_sign_BYTES], pk[crypto_sign_PUBLICKEYBYTES];
    aci_hash root;
    char body[ACI_NOTE_MAX];
    int n;

    if (!aci_hex_decode(sig_hex, sig, sizeof sig) || !aci_hex_decode(pk_hex, pk, sizeof pk) ||
        !aci_hex_decode(root_hex, root, sizeof root)) {
        return false;
    }
    n = aci_checkpoint_body(body, sizeof body, pk, size, root);
    return n > 0 && crypto_sign_verify_detached(sig, (const unsigned char *)body,
                                                (unsigned long long)n, pk) == 0;
}

/* True when C carries a signature in the format before C2SP checkpoints (a note with the
 * time, "accord audit checkpoint v1"): hubs that signed before then still verify. */
static bool
legacy_signature_ok(const struct aci_audit_checkpoint *c)
{
    unsigned char sig[crypto_sign_BYTES], pk[crypto_sign_PUBLICKEYBYTES];
    char note[256];
    int n = snprintf(note, sizeof note, "accord audit checkpoint v1\nsize %llu\nroot %s\nat %s\n",
                     (unsigned long long)c->size, c->root != NULL ? c->root : "",
                     c->at != NULL ? c->at : "");

    return n > 0 && (size_t)n < sizeof note && aci_hex_decode(c->signature, sig, sizeof sig) &&
           aci_hex_decode(c->public_key, pk, sizeof pk) &&
           crypto_sign_verify_detached(sig, (const unsigned char *)note, (unsigned long long)n,
                                       pk) == 0;
}

/* Compare the tree of the first F->size entries with checkpoint C. */
static void
check_checkpoint(const struct aci_frontier *f,
                 const struct aci_audit_checkpoint *c,
                 const char *pin_hex,
                 ac_audit_report *r)
{
    aci_hash root;
    char hex[2 * ACI_HASH_LEN + 1];

    aci_frontier_root(f, root);
    aci_hex_encode(root, ACI_HASH_LEN, hex);
    if (pin_hex != NULL && (c->public_key == NULL || strcmp(c->public_key, pin_hex) != 0)) {
        bad(r, c->size,
            "the checkpoint at %llu entries is signed by key %s, not the pinned key: the "
            "database's signing key was replaced and the log re-signed",
            (unsigned long long)c->size, c->key_id != NULL ? c->key_id : "?");
    } else if (!aci_audit_signature_ok(c->size, c->root, c->signature, c->public_key) &&
               !legacy_signature_ok(c)) {
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
    struct aci_frontier f;            /* the tree of the entries seen so far, re-hashed */
    struct aci_frontier fs;           /* the same tree from the stored leaf hashes */
    struct aci_audit_checkpoint *cps; /* every checkpoint, smallest first */
    size_t n_cps;                     /* entries in cps */
    size_t next;                      /* the first checkpoint not yet compared */
    const char *pin_hex;              /* the pinned public key, or NULL */
    struct aci_witnessed *seen;       /* the witnessed checkpoints, smallest first */
    size_t n_seen;                    /* entries in seen */
    size_t next_seen;                 /* the first witnessed checkpoint not yet compared */
    ac_audit_report *r;               /* the verdict being built */
};

/* Compare the trees of the first W->f.size entries with witnessed checkpoint C. */
static void
check_witnessed(struct walk *w, const struct aci_witnessed *c)
{
    aci_hash from_entries, from_stored;
    uint64_t from = w->next_seen > 0 ? w->seen[w->next_seen - 1].size + 1 : 1;

    aci_frontier_root(&w->f, from_entries);
    aci_frontier_root(&w->fs, from_stored);
    if (memcmp(from_entries, c->root, ACI_HASH_LEN) != 0 ||
        memcmp(from_stored, c->root, ACI_HASH_LEN) != 0) {
        bad(w->r, c->size,
            "the log's first %llu entries do not match the checkpoint the witness saw at %llu "
            "entries (%s): an entry from %llu to %llu was changed, removed, inserted or moved",
            (unsigned long long)c->size, (unsigned long long)c->size,
            memcmp(from_entries, c->root, ACI_HASH_LEN) != 0 ? "the entries differ"
                                                             : "the stored hashes differ",
            (unsigned long long)from, (unsigned long long)c->size);
    }
    w->r->witnessed_checkpoints++;
}

static ac_code
check_row(const struct aci_audit_entry *e,
          const char *stored,
          ac_arena *a,
          struct aci_frontier *f,
          ac_audit_report *r,
          ac_error *err)
{
    unsigned char *bytes = NULL;
    size_t len = 0;
    aci_hash leaf;
    char hex[2 * ACI_HASH_LEN + 1];
    ac_code rc = aci_audit_leaf_bytes(e, a, &bytes, &len, err);

    if (rc != AC_OK) {
        return rc; /* running out of memory says nothing about the log */
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
    return AC_OK;
}

/* Check one entry, then every checkpoint taken at the size the log has reached. */
static ac_code
walk_row(void *ctx, const struct aci_audit_entry *e, const char *stored, ac_error *err)
{
    struct walk *w = ctx;

    aci_hash leaf;
    ac_code rc;

    ac_arena_reset(w->a);
    rc = check_row(e, stored, w->a, &w->f, w->r, err);
    if (rc != AC_OK) {
        return rc;
    }
    if (w->n_seen > 0) {
        /* the tree of the stored hashes, compared with what a witness saw */
        if (stored == NULL || !aci_hex_decode(stored, leaf, sizeof leaf)) {
            memset(leaf, 0, sizeof leaf);
        }
        aci_frontier_append(&w->fs, leaf);
    }
    while (w->next < w->n_cps && w->cps[w->next].size == w->f.size) {
        check_checkpoint(&w->f, &w->cps[w->next++], w->pin_hex, w->r);
    }
    while (w->next_seen < w->n_seen && w->seen[w->next_seen].size <= w->f.size) {
        if (w->seen[w->next_seen].size == w->f.size) {
            check_witnessed(w, &w->seen[w->next_seen]);
        }
        w->next_seen++;
    }
    return AC_OK;
}

/* Every registered key other than PIN_HEX is refused. */
static ac_code
check_keys(struct aci_store *s, const char *pin_hex, ac_arena *a, ac_audit_report *r, ac_error *err)
{
    char **keys = NULL;
    size_t n = 0;
    ac_code rc = aci_store_audit_keys_all(s, a, &keys, &n, err);

    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        if (strcmp(keys[i], pin_hex) != 0) {
            bad(r, 0,
                "the database holds a signing key (%.16s...) that is not the pinned key: "
                "refused",
                keys[i]);
        }
    }
    return rc;
}

ac_code
aci_audit_verify(struct aci_store *s,
                 const struct aci_verify_opts *o,
                 ac_audit_report *r,
                 ac_error *err)
{
    struct walk w = { .a = ac_arena_new(0), .r = r };
    ac_arena *held = ac_arena_new(0);
    struct aci_frontier stored;
    char pin_hex[2 * ACI_HASH_LEN + 1];
    ac_code rc = AC_OK;

    memset(r, 0, sizeof *r);
    aci_frontier_init(&w.f);
    aci_frontier_init(&w.fs);
    if (w.a == NULL || held == NULL) {
        ac_arena_free(w.a);
        ac_arena_free(held);
        return aci_fail(err, AC_ENOMEM, "out of memory verifying the audit");
    }
    if (o != NULL && o->pin != NULL) {
        aci_hex_encode(o->pin, ACI_HASH_LEN, pin_hex);
        w.pin_hex = pin_hex;
        r->key_pinned = 1;
    }
    if (o != NULL && o->witness_path != NULL && o->pin != NULL) {
        ac_error werr = { 0 };
        ac_code wrc = aci_witness_load(o->witness_path, o->pin, held, &w.seen, &w.n_seen, &werr);

        if (wrc == AC_EINVAL) {
            bad(r, 0, "%s", werr.msg); /* a forged or forked witness is a verdict */
        } else if (wrc != AC_OK) {
            rc = wrc;
            if (err != NULL) {
                *err = werr;
            }
        }
        r->witnessed = w.n_seen > 0 ? w.seen[w.n_seen - 1].size : 0;
    }
    if (rc == AC_OK) {
        rc = aci_store_audit_checkpoint_all(s, held, &w.cps, &w.n_cps, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_audit_entries_each(s, walk_row, &w, err);
    }
    if (rc == AC_OK && w.n_seen > 0 && w.seen[w.n_seen - 1].size > w.f.size) {
        bad(r, w.f.size + 1,
            "the log ends at %llu entries but the witness saw %llu: it was truncated, or "
            "entries after %llu (the last witnessed size that matches) were removed",
            (unsigned long long)w.f.size, (unsigned long long)w.seen[w.n_seen - 1].size,
            (unsigned long long)(w.next_seen > 0 ? w.seen[w.next_seen - 1].size : 0));
    }
    if (rc == AC_OK && w.next < w.n_cps) {
        bad(r, w.f.size + 1,
            "the checkpoint at %llu entries covers entries that are gone: the log "
            "ends at %llu",
            (unsigned long long)w.cps[w.next].size, (unsigned long long)w.f.size);
    }
    if (rc == AC_OK) {
        rc = aci_audit_state_load(s, &stored, err); /* a failure to read it is no verdict */
        if (rc == AC_EINVAL) {
            bad(r, w.f.size + 1, "the stored tree is corrupt: its frontier is not a tree's");
            rc = AC_OK;
            stored = w.f; /* reported: compare no further */
        }
    }
    if (rc == AC_OK && (stored.size != w.f.size || stored.n != w.f.n ||
                        memcmp(stored.node, w.f.node, w.f.n * ACI_HASH_LEN) != 0)) {
        bad(r, w.f.size < stored.size ? w.f.size + 1 : stored.size + 1,
            "the stored tree (%llu entries) does not match the log (%llu entries)",
            (unsigned long long)stored.size, (unsigned long long)w.f.size);
    }
    if (rc == AC_OK && w.pin_hex != NULL) {
        rc = check_keys(s, w.pin_hex, held, r, err);
    }
    ac_arena_free(held);
    ac_arena_free(w.a);
    return rc;
}
