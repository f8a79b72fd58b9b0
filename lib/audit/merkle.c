/* SPDX-License-Identifier: Apache-2.0
 *
 * merkle.c - RFC 9162 Merkle tree hashing, the append frontier, and inclusion and
 * consistency proofs with their verification (merkle.h).
 */
#include "internal.h"

#include <sodium.h>

#include "audit/merkle.h"

void
aci_merkle_leaf(const void *data, size_t len, aci_hash out)
{
    crypto_hash_sha256_state st;
    unsigned char prefix = 0x00;

    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, &prefix, 1);
    crypto_hash_sha256_update(&st, data, len);
    crypto_hash_sha256_final(&st, out);
}

void
aci_merkle_node(const aci_hash left, const aci_hash right, aci_hash out)
{
    unsigned char buf[1 + 2 * ACI_HASH_LEN];

    buf[0] = 0x01;
    memcpy(buf + 1, left, ACI_HASH_LEN);
    memcpy(buf + 1 + ACI_HASH_LEN, right, ACI_HASH_LEN);
    crypto_hash_sha256(out, buf, sizeof buf);
}

void
aci_frontier_init(struct aci_frontier *f)
{
    memset(f, 0, sizeof *f);
}

void
aci_frontier_append(struct aci_frontier *f, const aci_hash leaf)
{
    aci_hash cur;
    uint64_t size = f->size;

    memcpy(cur, leaf, ACI_HASH_LEN);
    /* merge with equal-sized subtrees: one per trailing 1 bit of the old size */
    while (size & 1u) {
        aci_merkle_node(f->node[f->n - 1], cur, cur);
        f->n--;
        size >>= 1;
    }
    memcpy(f->node[f->n++], cur, ACI_HASH_LEN);
    f->size++;
}

void
aci_frontier_root(const struct aci_frontier *f, aci_hash out)
{
    if (f->n == 0) {
        crypto_hash_sha256(out, NULL, 0);
        return;
    }
    memcpy(out, f->node[f->n - 1], ACI_HASH_LEN);
    for (size_t i = f->n - 1; i-- > 0;) {
        aci_merkle_node(f->node[i], out, out);
    }
}

/* Largest power of two strictly below N (N >= 2). */
static uint64_t
split_of(uint64_t n)
{
    uint64_t k = 1;

    while (k << 1 < n) {
        k <<= 1;
    }
    return k;
}

ac_code
aci_merkle_range_root(aci_leaf_fn leaf,
                      void *ctx,
                      uint64_t lo,
                      uint64_t hi,
                      aci_hash out,
                      ac_error *err)
{
    struct aci_frontier f;
    ac_code rc = AC_OK;

    /* a left-to-right fold over the range gives the RFC structure of the subtree */
    aci_frontier_init(&f);
    for (uint64_t i = lo; i < hi && rc == AC_OK; i++) {
        aci_hash h;

        rc = leaf(ctx, i, h, err);
        if (rc == AC_OK) {
            aci_frontier_append(&f, h);
        }
    }
    if (rc == AC_OK) {
        aci_frontier_root(&f, out);
    }
    return rc;
}

/* PATH(m, D[lo:hi]) of RFC 9162 2.1.3.1, appended to OUT. */
static ac_code
path(aci_leaf_fn leaf,
     void *ctx,
     uint64_t m,
     uint64_t lo,
     uint64_t hi,
     aci_hash *out,
     size_t *n_out,
     ac_error *err)
{
    uint64_t n = hi - lo, k;
    ac_code rc;

    if (n <= 1) {
        return AC_OK;
    }
    k = split_of(n);
    if (m < k) {
        rc = path(leaf, ctx, m, lo, lo + k, out, n_out, err);
        return rc == AC_OK ? aci_merkle_range_root(leaf, ctx, lo + k, hi, out[(*n_out)++], err)
                           : rc;
    }
    rc = path(leaf, ctx, m - k, lo + k, hi, out, n_out, err);
    return rc == AC_OK ? aci_merkle_range_root(leaf, ctx, lo, lo + k, out[(*n_out)++], err) : rc;
}

ac_code
aci_merkle_inclusion(aci_leaf_fn leaf,
                     void *ctx,
                     uint64_t m,
                     uint64_t n,
                     aci_hash *out,
                     size_t *out_n,
                     ac_error *err)
{
    *out_n = 0;
    if (m >= n) {
        return aci_fail(err, AC_EINVAL, "entry %llu is not in a tree of %llu entries",
                        (unsigned long long)m + 1, (unsigned long long)n);
    }
    return path(leaf, ctx, m, 0, n, out, out_n, err);
}

/* SUBPROOF(m, D[lo:hi], b) of RFC 9162 2.1.4.1. */
static ac_code
subproof(aci_leaf_fn leaf,
         void *ctx,
         uint64_t m,
         uint64_t lo,
         uint64_t hi,
         bool b,
         aci_hash *out,
         size_t *n_out,
         ac_error *err)
{
    uint64_t n = hi - lo, k;
    ac_code rc;

    if (m == n) {
        return b ? AC_OK : aci_merkle_range_root(leaf, ctx, lo, hi, out[(*n_out)++], err);
    }
    k = split_of(n);
    if (m <= k) {
        rc = subproof(leaf, ctx, m, lo, lo + k, b, out, n_out, err);
        return rc == AC_OK ? aci_merkle_range_root(leaf, ctx, lo + k, hi, out[(*n_out)++], err)
                           : rc;
    }
    rc = subproof(leaf, ctx, m - k, lo + k, hi, false, out, n_out, err);
    return rc == AC_OK ? aci_merkle_range_root(leaf, ctx, lo, lo + k, out[(*n_out)++], err) : rc;
}

ac_code
aci_merkle_consistency(aci_leaf_fn leaf,
                       void *ctx,
                       uint64_t m,
                       uint64_t n,
                       aci_hash *out,
                       size_t *out_n,
                       ac_error *err)
{
    *out_n = 0;
    if (m == 0 || m > n) {
        return aci_fail(err, AC_EINVAL, "a consistency proof needs 0 < old size <= new size");
    }
    if (m == n) {
        return AC_OK;
    }
    return subproof(leaf, ctx, m, 0, n, true, out, out_n, err);
}

bool
aci_merkle_verify_inclusion(const aci_hash leaf,
                            uint64_t m,
                            uint64_t n,
                            aci_hash *proof,
                            size_t n_proof,
                            const aci_hash root)
{
    uint64_t fn = m, sn = n - 1;
    aci_hash r;

    if (m >= n) {
        return false;
    }
    memcpy(r, leaf, ACI_HASH_LEN);
    for (size_t i = 0; i < n_proof; i++) {
        if (sn == 0) {
            return false;
        }
        if ((fn & 1u) || fn == sn) {
            aci_merkle_node(proof[i], r, r);
            while (!(fn & 1u) && fn != 0) {
                fn >>= 1;
                sn >>= 1;
            }
        } else {
            aci_merkle_node(r, proof[i], r);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && sodium_memcmp(r, root, ACI_HASH_LEN) == 0;
}

bool
aci_merkle_verify_consistency(uint64_t m,
                              uint64_t n,
                              const aci_hash old_root,
                              const aci_hash new_root,
                              aci_hash *proof,
                              size_t n_proof)
{
    uint64_t fn, sn;
    aci_hash fr, sr;
    size_t i = 0;

    if (m == 0 || m > n) {
        return false;
    }
    if (m == n) {
        return n_proof == 0 && sodium_memcmp(old_root, new_root, ACI_HASH_LEN) == 0;
    }
    if (n_proof == 0) {
        return false;
    }
    fn = m - 1;
    sn = n - 1;
    /* if m is a power of two, the old root itself starts the path */
    if ((m & (m - 1)) == 0) {
        memcpy(fr, old_root, ACI_HASH_LEN);
    } else {
        memcpy(fr, proof[i++], ACI_HASH_LEN);
    }
    memcpy(sr, fr, ACI_HASH_LEN);
    while (fn & 1u) {
        fn >>= 1;
        sn >>= 1;
    }
    for (; i < n_proof; i++) {
        if (sn == 0) {
            return false;
        }
        if ((fn & 1u) || fn == sn) {
            aci_merkle_node(proof[i], fr, fr);
            aci_merkle_node(proof[i], sr, sr);
            while (!(fn & 1u) && fn != 0) {
                fn >>= 1;
                sn >>= 1;
            }
        } else {
            aci_merkle_node(sr, proof[i], sr);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && sodium_memcmp(fr, old_root, ACI_HASH_LEN) == 0 &&
           sodium_memcmp(sr, new_root, ACI_HASH_LEN) == 0;
}
