/* SPDX-License-Identifier: Apache-2.0
 *
 * pprl.h - privacy-preserving record linkage on Bloom-filter encodings (CLKs), compatible
 * with clkhash's linkage schema v3 and anonlink's CLK JSON.  Pure: strings and bytes in,
 * encodings and pairs out; no files, no hub.  docs/data-formats.md describes the schema
 * and the JSON, docs/pprl-hardening.md the hardening options.
 */
#ifndef ACCORD_PPRL_H
#define ACCORD_PPRL_H

#include <stddef.h>
#include <stdint.h>

#include "accord/common.h"
#include "accord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A set of encodings of equal length: record i is data[i * n_bytes .. + n_bytes). */
typedef struct ac_pprl_clks {
    uint8_t *data;  /* n * n_bytes bytes, owned (ac_pprl_clks_release frees it) */
    size_t n;       /* number of encodings */
    size_t n_bytes; /* bytes per encoding (128 for 1024 bits) */
    uint32_t *pop;  /* n popcounts, filled by ac_pprl_clks_count, or NULL */
} ac_pprl_clks;

/* One matched or candidate pair: record a of the first set, record b of the second. */
typedef struct ac_pprl_pair {
    uint32_t a;   /* index in the first set */
    uint32_t b;   /* index in the second set */
    double score; /* Dice coefficient in [0, 1] */
} ac_pprl_pair;

/* Allocate N zeroed encodings of N_BYTES each into *OUT (released by ..._release). */
AC_API AC_NODISCARD ac_code ac_pprl_clks_init(ac_pprl_clks *out,
                                              size_t n,
                                              size_t n_bytes,
                                              ac_error *err);
/* Free what CLKS owns and zero it; NULL is a no-op. */
AC_API void ac_pprl_clks_release(ac_pprl_clks *clks);
/* Fill clks->pop (allocating it) with each encoding's popcount. */
AC_API AC_NODISCARD ac_code ac_pprl_clks_count(ac_pprl_clks *clks, ac_error *err);

/* Parse anonlink's CLK JSON, {"clks": ["<base64>", ...]}, every entry the same length.
 * Errors name the entry and the reason (AC_EINVAL). */
AC_API AC_NODISCARD ac_code ac_pprl_clks_read_json(const char *json,
                                                   size_t json_len,
                                                   ac_pprl_clks *out,
                                                   ac_error *err);
/* Write CLKS as anonlink CLK JSON; *OUT is NUL-terminated, free it with ac_pprl_free. */
AC_API AC_NODISCARD ac_code ac_pprl_clks_write_json(const ac_pprl_clks *clks,
                                                    char **out,
                                                    size_t *out_len,
                                                    ac_error *err);
/* Free memory this API returned; NULL is a no-op. */
AC_API void ac_pprl_free(void *p);

/* The Dice kernels.  ac_pprl_kernel_name names the one in use ("avx512", "avx2",
 * "scalar"); ac_pprl_kernel_set chooses one by name (AC_EINVAL if unknown or the CPU
 * lacks it), NULL returning to the best the CPU has.  Process-wide; not thread-safe. */
AC_API const char *ac_pprl_kernel_name(void);
AC_API AC_NODISCARD ac_code ac_pprl_kernel_set(const char *name, ac_error *err);

/* Dice coefficient of two encodings of N_BYTES each: 2|a & b| / (|a| + |b|); 0 when both
 * are empty. */
AC_API double ac_pprl_dice(const uint8_t *a, const uint8_t *b, size_t n_bytes);

/* Every pair (a in A, b in B) with Dice >= THRESHOLD, pruned by popcount bounds (a pair
 * whose popcounts cannot reach THRESHOLD is never compared), cache-blocked.  *OUT is
 * ordered by score descending, then a, then b; free it with ac_pprl_free.  Counts (pop)
 * are computed if missing.  *OUT_COMPARED, if not NULL, gets the number of Dice
 * computations made. */
AC_API AC_NODISCARD ac_code ac_pprl_candidates(ac_pprl_clks *a,
                                               ac_pprl_clks *b,
                                               double threshold,
                                               ac_pprl_pair **out,
                                               size_t *out_n,
                                               uint64_t *out_compared,
                                               ac_error *err);

/* The greedy one-to-one solver: walks PAIRS (ordered as ac_pprl_candidates orders them)
 * and keeps a pair when neither record is already kept.  Compacts PAIRS in place and
 * returns the number kept. */
AC_API size_t ac_pprl_solve_greedy(ac_pprl_pair *pairs, size_t n_pairs);

/* Precision, recall and F1 of FOUND against TRUTH (both one pair per element; scores
 * ignored).  A pair is true when (a, b) is in TRUTH. */
typedef struct ac_pprl_eval {
    size_t n_found;    /* pairs found */
    size_t n_truth;    /* true pairs */
    size_t n_true_pos; /* found pairs that are true */
    double precision;  /* n_true_pos / n_found (0 when nothing found) */
    double recall;     /* n_true_pos / n_truth (0 when no truth) */
    double f1;         /* harmonic mean of the two */
} ac_pprl_eval;
AC_API AC_NODISCARD ac_code ac_pprl_evaluate(const ac_pprl_pair *found,
                                             size_t n_found,
                                             const ac_pprl_pair *truth,
                                             size_t n_truth,
                                             ac_pprl_eval *out,
                                             ac_error *err);

/* ---- encoding ----------------------------------------------------------------------- */

/* A linkage schema (clkhash v3 JSON) with the keys derived from a secret. */
typedef struct ac_pprl_schema ac_pprl_schema;

/* Hardening applied after the Bloom filter is built (docs/pprl-hardening.md). */
typedef struct ac_pprl_hardening {
    int balance;         /* 1: append the complement and permute (2l bits, popcount l) */
    int xor_fold;        /* 1: fold to l/2 bits, first half XOR second half */
    int salt_field;      /* feature index whose value salts every other feature's
                            tokens, or -1 for none */
    double flip_epsilon; /* > 0: flip each bit with p = 1/(1+e^epsilon) (per-bit
                            epsilon-DP, randomised response); 0: none */
    int rbf;             /* 1: record-level Bloom filter (one filter per feature, bits
                            sampled in proportion to bits per feature, permuted) */
} ac_pprl_hardening;

/* Parse a clkhash linkage schema v3 (JSON text).  Errors name the feature and the field
 * (AC_EINVAL).  Free with ac_pprl_schema_free. */
AC_API AC_NODISCARD ac_code ac_pprl_schema_parse(const char *json,
                                                 size_t json_len,
                                                 ac_pprl_schema **out,
                                                 ac_error *err);
AC_API void ac_pprl_schema_free(ac_pprl_schema *schema);
/* Number of features (columns), ignored ones included, and feature I's identifier. */
AC_API size_t ac_pprl_schema_n_features(const ac_pprl_schema *schema);
AC_API const char *ac_pprl_schema_feature(const ac_pprl_schema *schema, size_t i);
/* Derive the per-feature keys from SECRET (HKDF-SHA256, the schema's salt and info) and
 * set the hardening (NULL for none).  Must be called before encoding. */
AC_API AC_NODISCARD ac_code ac_pprl_schema_key(ac_pprl_schema *schema,
                                               const uint8_t *secret,
                                               size_t secret_len,
                                               const ac_pprl_hardening *hardening,
                                               ac_error *err);
/* Bytes of one encoding given the schema and its hardening. */
AC_API size_t ac_pprl_schema_clk_bytes(const ac_pprl_schema *schema);
/* Encode one record: VALUES[i] is feature i's value ("" when missing); OUT gets
 * ac_pprl_schema_clk_bytes bytes.  RECORD_NO seeds the bit flipping (same record number,
 * same flips).  A value the schema's format rejects is AC_EINVAL naming the feature. */
AC_API AC_NODISCARD ac_code ac_pprl_encode(const ac_pprl_schema *schema,
                                           const char *const *values,
                                           size_t n_values,
                                           uint64_t record_no,
                                           uint8_t *out,
                                           ac_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ACCORD_PPRL_H */
