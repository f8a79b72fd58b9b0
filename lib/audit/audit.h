/* SPDX-License-Identifier: Apache-2.0
 *
 * audit.h - the audit trail: one entry per hub operation, allowed or refused, appended
 * in the same transaction as the change it records (DPA 2018 s.62).  Entries name ids,
 * actions, purposes and search terms, never record content.  Each entry is a leaf of a
 * Merkle tree whose signed checkpoints make any later change to the log evident.
 */
#ifndef ACI_AUDIT_H
#define ACI_AUDIT_H

#include "internal.h"

#include "accord/arena.h"
#include "audit/merkle.h"
#include "store/store_audit.h"

struct aci_store;

/* What signs with the key: the key file's secret in memory, or a PKCS#11 token
 * (key_pkcs11.c).  The rest of the hub sees only aci_audit_key_sign. */
struct aci_audit_signer {
    const char *what; /* "key file" or "PKCS#11 token", for messages */
    ac_code (*sign)(void *ctx,
                    const unsigned char *msg,
                    size_t len,
                    unsigned char sig[64],
                    ac_error *err);
    void (*close)(void *ctx);
};

/* The signing key of this hub's checkpoints (Ed25519), kept outside the database. */
struct aci_audit_key {
    unsigned char pk[32];                  /* public key */
    const struct aci_audit_signer *signer; /* how the secret key signs */
    void *signer_ctx;                      /* the signer's state (key file: the 64-byte
                                              secret key in sodium_malloc memory) */
    char key_id[17];                       /* first 8 bytes of SHA-256(pk), hex */
    char *witness_path; /* owned (aci_malloc); where each signed checkpoint is also
                           appended, outside the database; NULL for none */
};

/* Load the key at PATH, or create it (mode 0600) when CREATE and it is missing; a NULL
 * PATH makes an ephemeral key (in-memory hubs).  A PATH that is a PKCS#11 URI
 * ("pkcs11:...", key_pkcs11.h) opens the key on that token instead; it is never created
 * here (ac_audit_key_create_pkcs11 does that).  Registers the public key in the store. */
ac_code aci_audit_key_open(struct aci_store *s,
                           const char *path,
                           bool create,
                           const char *now,
                           struct aci_audit_key *out,
                           ac_error *err);
void aci_audit_key_release(struct aci_audit_key *k);

/* Sign MSG with K (Ed25519, 64 bytes into SIG), on whichever signer K has.  Inline, so
 * the log (log.c) and the key (key.c) do not depend on each other. */
static inline ac_code
aci_audit_key_sign(const struct aci_audit_key *k,
                   const unsigned char *msg,
                   size_t len,
                   unsigned char sig[64],
                   ac_error *err)
{
    return k->signer->sign(k->signer_ctx, msg, len, sig, err);
}

/* The canonical bytes of E that its leaf hash covers (into A). */
ac_code aci_audit_leaf_bytes(const struct aci_audit_entry *e,
                             ac_arena *a,
                             unsigned char **out,
                             size_t *out_len,
                             ac_error *err);

/* Append E (its seq is set here) and, when due, a signed checkpoint: N entries or T
 * seconds since the last one.  The caller holds the transaction. */
ac_code aci_audit_append(struct aci_store *s,
                         const struct aci_audit_key *key,
                         struct aci_audit_entry *e,
                         int64_t now_ms,
                         ac_error *err);

/* Sign a checkpoint of the current tree now, whatever the cadence.  Caller holds the
 * transaction.  *OUT_SIZE is the checkpointed size. */
ac_code aci_audit_checkpoint(struct aci_store *s,
                             const struct aci_audit_key *key,
                             const char *at,
                             uint64_t *out_size,
                             ac_error *err);

/* The tree's frontier as stored (caller holds a transaction or reads a snapshot);
 * AC_EINVAL when what is stored is not a frontier (corrupt or altered). */
ac_code aci_audit_state_load(struct aci_store *s, struct aci_frontier *f, ac_error *err);

/* Hash entries written before the log was a Merkle tree (migration 0002). */
ac_code aci_audit_backfill(struct aci_store *s, ac_error *err);

#define ACI_CHECKPOINT_EVERY   1000 /* entries */
#define ACI_CHECKPOINT_SECONDS 10   /* seconds */

/* Hex helpers. */
void aci_hex_encode(const unsigned char *in, size_t n, char *out);  /* out: 2n+1 bytes */
bool aci_hex_decode(const char *hex, unsigned char *out, size_t n); /* exactly 2n hex chars */

#endif /* ACI_AUDIT_H */
