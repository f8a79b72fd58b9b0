/* SPDX-License-Identifier: Apache-2.0
 *
 * store_audit.h - SQL for the audit trail: the log's rows and their leaf hashes, the
 * tree's stored frontier, signed checkpoints, signing keys, and the oversight reads.
 * Rows in, rows out: hashing, signing and verifying stay in lib/audit.  Checkpoints are
 * in store_audit_checkpoint.c, the rest in store_audit.c.
 */
#ifndef ACI_STORE_AUDIT_H
#define ACI_STORE_AUDIT_H

#include "internal.h"

#include "accord/arena.h"
#include "accord/audit.h"

struct aci_store;
struct aci_stmt;

/* One row of the audit log, as its leaf hash covers it. */
struct aci_audit_entry {
    int64_t seq;             /* 1-based position in the log; set by append */
    const char *at;          /* RFC 3339 UTC */
    const char *actor_id;    /* user id; NULL for the system (bootstrap) */
    const char *agency_id;   /* the actor's agency */
    const char *action;      /* "read", "create", "search", ... */
    const char *object_type; /* "person", "agency", ...; may be NULL */
    const char *object_id;   /* may be NULL */
    const char *purpose;     /* the justification the actor gave */
    const char *outcome;     /* "ok", "denied", "not_found" */
    const char *detail;      /* a search's terms, counts, a refusal's reason */
    const char *recipients;  /* for disclosures: who received; else NULL */
    const char *via;         /* how the actor acted ("token ID"), or NULL */
};

/* One signed checkpoint of the tree.  Strings in the caller's arena. */
struct aci_audit_checkpoint {
    uint64_t size;          /* entries the checkpoint covers */
    const char *root;       /* the tree's root, hex */
    const char *at;         /* RFC 3339 UTC */
    const char *key_id;     /* the signing key's id */
    const char *signature;  /* Ed25519 over the C2SP checkpoint body, hex */
    const char *public_key; /* the key's public half, hex; NULL when the key is not stored */
};

/* ---- the log ---- */

/* Append E with its LEAF_HEX.  AC_ECONFLICT when an entry at E->seq already exists. */
ac_code aci_store_audit_append_leaf(struct aci_store *s,
                                    const struct aci_audit_entry *e,
                                    const char *leaf_hex,
                                    ac_error *err);
/* Set the leaf hash of entry SEQ (hashing entries older than the Merkle log). */
ac_code
aci_store_audit_set_leaf(struct aci_store *s, int64_t seq, const char *leaf_hex, ac_error *err);
/* The first entry after AFTER_SEQ into *OUT (strings in A); *FOUND false at the end. */
ac_code aci_store_audit_entry_after(struct aci_store *s,
                                    int64_t after_seq,
                                    ac_arena *a,
                                    struct aci_audit_entry *out,
                                    bool *found,
                                    ac_error *err);
/* Entry SEQ into *OUT (strings in A); AC_ENOTFOUND when there is none. */
ac_code aci_store_audit_entry_get(struct aci_store *s,
                                  uint64_t seq,
                                  ac_arena *a,
                                  struct aci_audit_entry *out,
                                  ac_error *err);

/* Called with each entry and its stored leaf hash (NULL when none); the strings are
 * borrowed until FN returns.  A code other than AC_OK stops the walk and is returned. */
typedef ac_code (*aci_audit_row_fn)(void *ctx,
                                    const struct aci_audit_entry *e,
                                    const char *leaf_hex,
                                    ac_error *err);
/* Pass every entry to FN in log order. */
ac_code
aci_store_audit_entries_each(struct aci_store *s, aci_audit_row_fn fn, void *ctx, ac_error *err);

/* Called with the stored leaf hash (hex; NULL when none) of each entry in turn. */
typedef ac_code (*aci_audit_leaf_fn)(void *ctx, const char *leaf_hex, ac_error *err);
/* Pass the leaf hashes of entries 1..N (at most N of them) to FN, in log order; stops as
 * FN returns a code other than AC_OK, and returns it. */
ac_code aci_store_audit_leaf_hashes(struct aci_store *s,
                                    uint64_t n,
                                    aci_audit_leaf_fn fn,
                                    void *ctx,
                                    ac_error *err);

/* Read the current row of ST, whose columns are seq, at, actor_id, agency_id, action,
 * object_type, object_id, purpose, outcome, detail, recipients, into E: strings copied
 * into A, or borrowed from the row (valid until the next step) when A is NULL.
 * AC_ENOMEM when a copy fails. */
ac_code aci_store_audit_read_row(struct aci_stmt *st, ac_arena *a, struct aci_audit_entry *e);

/* ---- the tree's frontier ---- */

/* The stored tree size and frontier (concatenated hex, "" for an empty tree) into HEX,
 * NUL-terminated and cut to HEX_CAP - 1 bytes.  AC_ESTORAGE when the state row is gone. */
ac_code aci_store_audit_frontier_load(struct aci_store *s,
                                      uint64_t *out_size,
                                      char *hex,
                                      size_t hex_cap,
                                      ac_error *err);
ac_code
aci_store_audit_frontier_save(struct aci_store *s, uint64_t size, const char *hex, ac_error *err);

/* ---- checkpoints ---- */

/* Record checkpoint C (its public_key is ignored); one already at C->size is kept. */
ac_code aci_store_audit_checkpoint_add(struct aci_store *s,
                                       const struct aci_audit_checkpoint *c,
                                       ac_error *err);
/* The size and time (copied into AT, cut to AT_CAP - 1 bytes) of the newest checkpoint;
 * *FOUND false, *OUT_SIZE 0 and AT "" when there is none. */
ac_code aci_store_audit_checkpoint_last(struct aci_store *s,
                                        bool *found,
                                        uint64_t *out_size,
                                        char *at,
                                        size_t at_cap,
                                        ac_error *err);
/* The checkpoint at SIZE entries (strings in A); AC_ENOTFOUND when there is none. */
ac_code aci_store_audit_checkpoint_get(struct aci_store *s,
                                       uint64_t size,
                                       ac_arena *a,
                                       struct aci_audit_checkpoint *out,
                                       ac_error *err);
/* Every checkpoint with its key's public half, smallest first, in A. */
ac_code aci_store_audit_checkpoint_all(struct aci_store *s,
                                       ac_arena *a,
                                       struct aci_audit_checkpoint **out,
                                       size_t *out_n,
                                       ac_error *err);
/* Sizes of the signed checkpoints, ascending, in A. */
ac_code aci_store_audit_checkpoint_sizes(struct aci_store *s,
                                         ac_arena *a,
                                         uint64_t **out,
                                         size_t *out_n,
                                         ac_error *err);
/* Size of the smallest checkpoint with at least SEQ entries, or 0 (none, or an error). */
uint64_t aci_store_audit_checkpoint_covering(struct aci_store *s, uint64_t seq);

/* ---- signing keys ---- */

/* Register a public key; one already registered under KEY_ID is kept. */
ac_code aci_store_audit_key_add(struct aci_store *s,
                                const char *key_id,
                                const char *public_key_hex,
                                const char *created_at,
                                ac_error *err);
/* How many keys are registered; -1 when the count cannot be read. */
ac_code aci_store_audit_key_count(struct aci_store *s, int64_t *out, ac_error *err);
/* The public halves (hex) of every registered key, oldest first, in A. */
ac_code aci_store_audit_keys_all(struct aci_store *s,
                                 ac_arena *a,
                                 char ***out,
                                 size_t *out_n,
                                 ac_error *err);

/* ---- oversight ---- */

/* Pass every entry matching Q to FN, oldest first (strings borrowed until FN returns);
 * *OUT_N counts them.  The caller holds the operation frame. */
ac_code aci_store_audit_query(struct aci_store *s,
                              const ac_audit_query *q,
                              ac_audit_entry_fn fn,
                              void *ctx,
                              uint64_t *out_n,
                              ac_error *err);
/* Entry counts by agency, action and outcome in [SINCE, UNTIL) (canonical times or NULL). */
ac_code aci_store_audit_oversight(struct aci_store *s,
                                  const char *since,
                                  const char *until,
                                  ac_arena *a,
                                  ac_oversight_row **out,
                                  size_t *out_n,
                                  ac_error *err);

#endif /* ACI_STORE_AUDIT_H */
