/* SPDX-License-Identifier: Apache-2.0
 *
 * merkle.h - the audit log's Merkle tree (RFC 9162 section 2.1): SHA-256, leaves hashed
 * as H(0x00 || data), interior nodes as H(0x01 || left || right); a tree of n leaves
 * splits at the largest power of two below n.  Pure: no storage, no allocation beyond
 * the caller's buffers.
 *
 * Appending needs only the right frontier: the roots of the perfect subtrees that make
 * up the tree, largest first (one per set bit of the size), so an append is O(log n)
 * and the root is the frontier folded from the right.
 */
#ifndef ACI_MERKLE_H
#define ACI_MERKLE_H

#include "internal.h"

#define ACI_HASH_LEN   32
#define ACI_MERKLE_MAX 64 /* frontier entries: enough for 2^64 leaves */

typedef unsigned char aci_hash[ACI_HASH_LEN];

struct aci_frontier {
    uint64_t size;                 /* leaves appended */
    size_t n;                      /* entries in node, popcount(size) */
    aci_hash node[ACI_MERKLE_MAX]; /* perfect-subtree roots, largest (leftmost) first */
};

void aci_merkle_leaf(const void *data, size_t len, aci_hash out);
void aci_merkle_node(const aci_hash left, const aci_hash right, aci_hash out);

void aci_frontier_init(struct aci_frontier *f);
void aci_frontier_append(struct aci_frontier *f, const aci_hash leaf);
/* Root of the tree the frontier describes; the empty tree's root is SHA-256(""). */
void aci_frontier_root(const struct aci_frontier *f, aci_hash out);

/* Leaf hash I (0-based) of the log, supplied by the caller (from storage). */
typedef ac_code (*aci_leaf_fn)(void *ctx, uint64_t i, aci_hash out, ac_error *err);

/* Root of leaves [lo, hi) (hi > lo). */
ac_code aci_merkle_range_root(aci_leaf_fn leaf,
                              void *ctx,
                              uint64_t lo,
                              uint64_t hi,
                              aci_hash out,
                              ac_error *err);

/* Inclusion proof of leaf M in the tree of size N (RFC 9162 2.1.3.1): *OUT_N hashes into
 * OUT (capacity ACI_MERKLE_MAX), leaf-side first. */
ac_code aci_merkle_inclusion(aci_leaf_fn leaf,
                             void *ctx,
                             uint64_t m,
                             uint64_t n,
                             aci_hash *out,
                             size_t *out_n,
                             ac_error *err);

/* Consistency proof between tree sizes M <= N (RFC 9162 2.1.4.1). */
ac_code aci_merkle_consistency(aci_leaf_fn leaf,
                               void *ctx,
                               uint64_t m,
                               uint64_t n,
                               aci_hash *out,
                               size_t *out_n,
                               ac_error *err);

/* Verify an inclusion proof (RFC 9162 2.1.3.2): true when LEAF at index M of a tree of
 * size N with root ROOT is proven by PROOF[0..N_PROOF). */
bool aci_merkle_verify_inclusion(const aci_hash leaf,
                                 uint64_t m,
                                 uint64_t n,
                                 aci_hash *proof,
                                 size_t n_proof,
                                 const aci_hash root);

/* Verify a consistency proof (RFC 9162 2.1.4.2) between OLD_ROOT of size M and NEW_ROOT
 * of size N. */
bool aci_merkle_verify_consistency(uint64_t m,
                                   uint64_t n,
                                   const aci_hash old_root,
                                   const aci_hash new_root,
                                   aci_hash *proof,
                                   size_t n_proof);

#endif /* ACI_MERKLE_H */
