/* SPDX-License-Identifier: Apache-2.0
 *
 * proof.h - inclusion and consistency proofs as self-contained JSON documents, and
 * their checking with nothing but the hub's public key.
 */
#ifndef ACI_AUDIT_PROOF_H
#define ACI_AUDIT_PROOF_H

#include "internal.h"

#include "accord/arena.h"
#include "audit/merkle.h"

struct aci_store;

/* Proof that entry SEQ is in the log signed by the smallest checkpoint covering it
 * (aci_store_audit_checkpoint_covering; the caller makes sure one exists).  JSON in A. */
ac_code aci_audit_prove_inclusion(struct aci_store *s,
                                  uint64_t seq,
                                  ac_arena *a,
                                  char **out,
                                  ac_error *err);

/* Proof that checkpoint OLD_SIZE is a prefix of checkpoint NEW_SIZE.  JSON in A. */
ac_code aci_audit_prove_consistency(struct aci_store *s,
                                    uint64_t old_size,
                                    uint64_t new_size,
                                    ac_arena *a,
                                    char **out,
                                    ac_error *err);

/* The consistency proof's hashes from OLD_SIZE to NEW_SIZE of the stored log into OUT
 * (capacity ACI_MERKLE_MAX); none when OLD_SIZE is 0 or not below NEW_SIZE. */
ac_code aci_audit_consistency_path(struct aci_store *s,
                                   uint64_t old_size,
                                   uint64_t new_size,
                                   aci_hash *out,
                                   size_t *out_n,
                                   ac_error *err);

#endif /* ACI_AUDIT_PROOF_H */
