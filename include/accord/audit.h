/* SPDX-License-Identifier: Apache-2.0
 *
 * audit.h - the tamper-evident audit trail: verification, signed checkpoints, inclusion
 * and consistency proofs, and the oversight queries.
 *
 * Every hub operation appends one entry (who, which agency, when, what, on which record,
 * for what purpose, to whom, with what outcome) in the transaction of the change it
 * records.  Entries are leaves of a Merkle tree (RFC 9162 hashing); checkpoints of the
 * tree's root are signed with the hub's Ed25519 key.  A proof is JSON that anyone holding
 * the hub's public key can check with ac_audit_check_proof, with no access to the hub.
 *
 * Reading the audit needs the auditor role; it is itself audited.
 */
#ifndef ACCORD_AUDIT_H
#define ACCORD_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_audit_report {
    uint64_t entries;               /* entries whose hash was recomputed */
    uint64_t checkpoints;           /* signed checkpoints checked */
    uint64_t first_bad;             /* position (1-based) of the first bad entry or checkpoint size;
                                       0 when all is well or the fault has no position (a key) */
    char problem[AC_ERROR_MSG_MAX]; /* what is wrong and where; "" when all is well */
    int key_pinned;                 /* 1: checked against the pinned key; 0: the database's
                                       own keys were trusted */
    uint64_t witnessed;             /* the newest tree size in the witness file; 0: none */
    uint64_t witnessed_checkpoints; /* witnessed checkpoints compared with the log */
} ac_audit_report;

/* What an offline verification trusts: the hub's public key as pinned when the hub was
 * created (hex, 64 characters), and the witness file its checkpoints were appended to. */
typedef struct ac_audit_verify_opts {
    const char *public_key_hex; /* required */
    const char *witness_path;   /* NULL: no witness (truncation and re-signing with the
                                   hub's own key then go unseen) */
} ac_audit_verify_opts;

/* Recompute every entry's hash, the tree, every checkpoint's root and signature, and the
 * stored frontier.  Returns AC_OK when the check ran (read OUT->first_bad and
 * OUT->problem for the verdict); an error code only when it could not run. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code ac_audit_verify(ac_hub *hub,
                                                                const ac_actor *actor,
                                                                const char *purpose,
                                                                ac_audit_report *out,
                                                                ac_error *err);

/* The same check with no actor and no audit entry, for when the log is so damaged that
 * nothing can be audited any more (every access then fails, sign-in included).  It reads
 * only the audit tables, which anyone holding the database file can read anyway. */
AC_API AC_NODISCARD AC_NONNULL(2) ac_code
    ac_audit_verify_unaudited(ac_hub *hub, ac_audit_report *out, ac_error *err);

/* Verify the database DB_URI (a copy will do) with only OPTS: opened read-only, with no
 * hub, no signing key, no user and no audit entry.  Every checkpoint must be signed by the
 * pinned key and the database may hold no other; every checkpoint in the witness file must
 * be signed by it and match the log's tree at its size (recomputed from the stored leaf
 * hashes and from the re-hashed entries), and the log may not be shorter than the newest.
 * AC_OK when the check ran (read OUT); AC_EINVAL for a malformed key. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3) ac_code
    ac_audit_verify_offline(const char *db_uri,
                            const ac_audit_verify_opts *opts,
                            ac_audit_report *out,
                            ac_error *err);

/* Sign a checkpoint of the log as it stands (auditor or admin).  *OUT_SIZE: its size. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code ac_audit_checkpoint_now(ac_hub *hub,
                                                                        const ac_actor *actor,
                                                                        const char *purpose,
                                                                        uint64_t *out_size,
                                                                        ac_error *err);

/* The sizes of the signed checkpoints, ascending, in A (auditor). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code
    ac_audit_checkpoint_sizes(ac_hub *hub,
                              const ac_actor *actor,
                              const char *purpose,
                              ac_arena *a,
                              uint64_t **out,
                              size_t *out_n,
                              ac_error *err);

/* The hub's checkpoint-signing public key, hex (64 characters), in A. */
AC_API AC_NODISCARD AC_NONNULL(2, 3) ac_code
    ac_audit_public_key(ac_hub *hub, ac_arena *a, char **out, ac_error *err);

/* An inclusion proof, as JSON in A, that entry SEQ (1-based) is in the log as signed by
 * the latest checkpoint that covers it (one is taken now if none does yet). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 6) ac_code ac_audit_prove(ac_hub *hub,
                                                               const ac_actor *actor,
                                                               const char *purpose,
                                                               uint64_t seq,
                                                               ac_arena *a,
                                                               char **out_json,
                                                               ac_error *err);

/* A consistency proof, as JSON in A, that the checkpointed log of size OLD_SIZE is a
 * prefix of the checkpointed log of size NEW_SIZE. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 6) ac_code ac_audit_consistency(ac_hub *hub,
                                                                     const ac_actor *actor,
                                                                     const char *purpose,
                                                                     uint64_t old_size,
                                                                     uint64_t new_size,
                                                                     ac_arena *a,
                                                                     char **out_json,
                                                                     ac_error *err);

/* Check a proof made by ac_audit_prove or ac_audit_consistency against PUBLIC_KEY_HEX:
 * the checkpoint signatures, the entry's hash and the Merkle path.  Needs no hub.
 * AC_OK when the proof holds; AC_EINVAL with the reason when it does not.  SUMMARY (may
 * be NULL) receives one line saying what was proven. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code ac_audit_check_proof(const char *proof_json,
                                                                  const char *public_key_hex,
                                                                  char *summary,
                                                                  size_t summary_cap,
                                                                  ac_error *err);

/* Generate the hub's audit signing key on a PKCS#11 token: an Ed25519 key pair whose
 * secret half never leaves the token.  URI (RFC 7512) is the same one the hub is then
 * opened with (ac_hub_config_set_key_path):
 *   pkcs11:token=LABEL;object=LABEL?module-path=/path/module.so&pin-source=file:/path/pin
 * Refused when the token already has a key of that label.  OUT_HEX receives the public
 * key (64 hex characters), the one 'audit verify --public-key' takes.  Needs no hub. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_audit_key_create_pkcs11(const char *uri, char out_hex[65], ac_error *err);

/* One audit entry, as the oversight queries return it. */
typedef struct ac_audit_entry {
    uint64_t seq;
    const char *at, *actor_id, *username, *agency_id, *action, *object_type, *object_id;
    const char *purpose, *outcome, *detail, *recipients;
    const char *via; /* how the actor acted ("token ID"), or NULL */
} ac_audit_entry;

typedef struct ac_audit_query {
    const char *object_id; /* entries about this record (who read, changed or shared it, and
                              the searches that returned it), or NULL */
    const char *username;  /* entries by this user, or NULL */
    const char *since;     /* RFC 3339 time or date (inclusive), or NULL */
    uint64_t after_seq;    /* cursor: only entries after this position; 0 from the start */
} ac_audit_query;

/* Called once per matching entry, oldest first; return non-zero to stop. */
typedef int (*ac_audit_entry_fn)(void *ctx, const ac_audit_entry *e);

/* The entries matching Q (auditor only).  *OUT_N: how many were passed to FN. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5) ac_code ac_audit_query_run(ac_hub *hub,
                                                                      const ac_actor *actor,
                                                                      const char *purpose,
                                                                      const ac_audit_query *q,
                                                                      ac_audit_entry_fn fn,
                                                                      void *ctx,
                                                                      uint64_t *out_n,
                                                                      ac_error *err);

/* One line of the oversight report: how many entries of ACTION with OUTCOME ("ok",
 * "denied", "not_found") users of AGENCY_ID made in the period. */
typedef struct ac_oversight_row {
    const char *agency_id; /* NULL for entries with no agency (failed sign-ins) */
    const char *agency_name;
    const char *action;
    const char *outcome;
    uint64_t count;
} ac_oversight_row;

/* The oversight report for [SINCE, UNTIL) (each an RFC 3339 time or a date; NULL for
 * unbounded): entry counts by agency, action and outcome, in A (auditor only).  What a
 * commissioner asks first: who refused what, how often, and who shared with whom. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 6, 7, 8) ac_code ac_audit_oversight(ac_hub *hub,
                                                                         const ac_actor *actor,
                                                                         const char *purpose,
                                                                         const char *since,
                                                                         const char *until,
                                                                         ac_arena *a,
                                                                         ac_oversight_row **out,
                                                                         size_t *out_n,
                                                                         ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_AUDIT_H */
