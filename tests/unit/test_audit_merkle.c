/* SPDX-License-Identifier: Apache-2.0
 *
 * test_audit_merkle.c - the audit log's Merkle tree against a naive recursive model of
 * RFC 9162: roots, inclusion and consistency proofs for every size and position up to
 * 70 leaves, and rejection of every single-bit change to a proof.
 */
#include "support.h"

#include <sodium.h>
#include <string.h>

#include "audit/merkle.h"

#define MAX_LEAVES 70

static aci_hash leaves[MAX_LEAVES];

static ac_code
leaf_at(void *ctx, uint64_t i, aci_hash out, ac_error *err)
{
    (void)ctx;
    (void)err;
    memcpy(out, leaves[i], ACI_HASH_LEN);
    return AC_OK;
}

/* MTH(D[lo:hi]) straight from the RFC's definition. */
static void
naive_root(uint64_t lo, uint64_t hi, aci_hash out)
{
    uint64_t n = hi - lo, k = 1;
    aci_hash l, r;

    if (n == 1) {
        memcpy(out, leaves[lo], ACI_HASH_LEN);
        return;
    }
    while (k << 1 < n) {
        k <<= 1;
    }
    naive_root(lo, lo + k, l);
    naive_root(lo + k, hi, r);
    aci_merkle_node(l, r, out);
}

static int
setup(void **state)
{
    (void)state;
    for (int i = 0; i < MAX_LEAVES; i++) {
        unsigned char data[4] = { (unsigned char)i, 1, 2, 3 };

        aci_merkle_leaf(data, sizeof data, leaves[i]);
    }
    return 0;
}

static void
merkle_empty_tree_root_is_sha256_of_nothing(void **state)
{
    struct aci_frontier f;
    aci_hash root, expect;

    (void)state;
    aci_frontier_init(&f);
    aci_frontier_root(&f, root);
    crypto_hash_sha256(expect, NULL, 0);
    assert_memory_equal(root, expect, ACI_HASH_LEN);
}

static void
merkle_leaf_and_node_use_rfc_prefixes(void **state)
{
    unsigned char buf[1 + 2 * ACI_HASH_LEN];
    aci_hash got, expect;

    (void)state;
    buf[0] = 0x00;
    memcpy(buf + 1, "abc", 3);
    crypto_hash_sha256(expect, buf, 4);
    aci_merkle_leaf("abc", 3, got);
    assert_memory_equal(got, expect, ACI_HASH_LEN);
    buf[0] = 0x01;
    memcpy(buf + 1, leaves[0], ACI_HASH_LEN);
    memcpy(buf + 1 + ACI_HASH_LEN, leaves[1], ACI_HASH_LEN);
    crypto_hash_sha256(expect, buf, sizeof buf);
    aci_merkle_node(leaves[0], leaves[1], got);
    assert_memory_equal(got, expect, ACI_HASH_LEN);
}

static void
merkle_frontier_root_matches_the_definition(void **state)
{
    struct aci_frontier f;

    (void)state;
    aci_frontier_init(&f);
    for (uint64_t n = 1; n <= MAX_LEAVES; n++) {
        aci_hash got, expect, ranged;

        aci_frontier_append(&f, leaves[n - 1]);
        assert_int_equal(f.size, n);
        assert_int_equal(f.n, (size_t)__builtin_popcountll(n));
        aci_frontier_root(&f, got);
        naive_root(0, n, expect);
        assert_memory_equal(got, expect, ACI_HASH_LEN);
        assert_int_equal(aci_merkle_range_root(leaf_at, NULL, 0, n, ranged, NULL), AC_OK);
        assert_memory_equal(ranged, expect, ACI_HASH_LEN);
    }
}

static void
merkle_every_inclusion_proof_verifies(void **state)
{
    (void)state;
    for (uint64_t n = 1; n <= MAX_LEAVES; n++) {
        aci_hash root;

        naive_root(0, n, root);
        for (uint64_t m = 0; m < n; m++) {
            aci_hash path[ACI_MERKLE_MAX];
            size_t n_path = 0;

            assert_int_equal(aci_merkle_inclusion(leaf_at, NULL, m, n, path, &n_path, NULL), AC_OK);
            assert_true(aci_merkle_verify_inclusion(leaves[m], m, n, path, n_path, root));
            /* the wrong leaf, the wrong index or a changed path fails */
            assert_false(aci_merkle_verify_inclusion(leaves[(m + 1) % MAX_LEAVES], m, n, path,
                                                     n_path, root) &&
                         n > 1);
            if (n > 1) {
                assert_false(
                    aci_merkle_verify_inclusion(leaves[m], (m + 1) % n, n, path, n_path, root));
            }
            for (size_t i = 0; i < n_path; i++) {
                path[i][i % ACI_HASH_LEN] ^= 0x01;
                assert_false(aci_merkle_verify_inclusion(leaves[m], m, n, path, n_path, root));
                path[i][i % ACI_HASH_LEN] ^= 0x01;
            }
        }
    }
}

static void
merkle_every_consistency_proof_verifies(void **state)
{
    (void)state;
    for (uint64_t n = 1; n <= MAX_LEAVES; n++) {
        aci_hash new_root;

        naive_root(0, n, new_root);
        for (uint64_t m = 1; m <= n; m++) {
            aci_hash old_root, path[ACI_MERKLE_MAX];
            size_t n_path = 0;

            naive_root(0, m, old_root);
            assert_int_equal(aci_merkle_consistency(leaf_at, NULL, m, n, path, &n_path, NULL),
                             AC_OK);
            assert_true(aci_merkle_verify_consistency(m, n, old_root, new_root, path, n_path));
            if (m < n) {
                /* an old root that was not a prefix fails */
                aci_hash other;

                memcpy(other, old_root, ACI_HASH_LEN);
                other[0] ^= 0x80;
                assert_false(aci_merkle_verify_consistency(m, n, other, new_root, path, n_path));
                for (size_t i = 0; i < n_path; i++) {
                    path[i][3] ^= 0x10;
                    assert_false(
                        aci_merkle_verify_consistency(m, n, old_root, new_root, path, n_path));
                    path[i][3] ^= 0x10;
                }
            }
        }
    }
}

static void
merkle_bad_arguments_are_refused(void **state)
{
    aci_hash path[ACI_MERKLE_MAX], root;
    size_t n = 9;

    (void)state;
    naive_root(0, 4, root);
    assert_int_equal(aci_merkle_inclusion(leaf_at, NULL, 4, 4, path, &n, NULL), AC_EINVAL);
    assert_int_equal(n, 0);
    assert_int_equal(aci_merkle_consistency(leaf_at, NULL, 0, 4, path, &n, NULL), AC_EINVAL);
    assert_int_equal(aci_merkle_consistency(leaf_at, NULL, 5, 4, path, &n, NULL), AC_EINVAL);
    assert_false(aci_merkle_verify_inclusion(leaves[0], 4, 4, path, 0, root));
    assert_false(aci_merkle_verify_consistency(2, 4, root, root, path, 0));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(merkle_empty_tree_root_is_sha256_of_nothing),
        cmocka_unit_test(merkle_leaf_and_node_use_rfc_prefixes),
        cmocka_unit_test(merkle_frontier_root_matches_the_definition),
        cmocka_unit_test(merkle_every_inclusion_proof_verifies),
        cmocka_unit_test(merkle_every_consistency_proof_verifies),
        cmocka_unit_test(merkle_bad_arguments_are_refused),
    };

    return cmocka_run_group_tests(tests, setup, NULL);
}
