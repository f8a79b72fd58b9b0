/* SPDX-License-Identifier: Apache-2.0
 *
 * linkage.h - probabilistic record linkage (Fellegi-Sunter): find the same person in two
 * sets of records (link) or within one (dedupe), with an explanation for every pair.
 *
 * A run: ac_linkage_new, records added (ac_linkage_add, or ac_linkage_read_csv), then
 * ac_linkage_train (u from random pairs, m and the prior by EM on the blocked pairs,
 * deterministic for a seed) or ac_linkage_model_load, then ac_linkage_score, which
 * returns the blocked pairs at or above a match probability.  Each field compares at
 * ordered levels (exact, variant, close, ..., different); a missing value contributes
 * nothing.  Agreeing on a common name counts for less than on a rare one (term
 * frequencies).  People decide: the engine proposes pairs and explains them.
 */
#ifndef ACCORD_LINKAGE_H
#define ACCORD_LINKAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a column holds. */
typedef enum ac_field {
    AC_FIELD_ID = 0,   /* the record's id in its source */
    AC_FIELD_GIVEN,    /* given (first) name */
    AC_FIELD_MIDDLE,   /* middle name(s) */
    AC_FIELD_FAMILY,   /* family name (surname) */
    AC_FIELD_FULL,     /* the whole name, when not split */
    AC_FIELD_DOB,      /* date of birth: ISO, YYYYMMDD or DD/MM/YYYY, possibly partial */
    AC_FIELD_POSTCODE, /* postcode (UK postcodes compare by unit, sector, district, area) */
    AC_FIELD_ADDRESS,  /* address line */
    AC_FIELD_TOWN,     /* town or city */
    AC_FIELD_IDENT,    /* an identifier (NI number, passport, ...) */
    AC_FIELD_EMAIL,    /* an email address */
    AC_FIELD_COUNT
} ac_field;

/* The field a CSV header names (case-insensitive: "first_name" -> AC_FIELD_GIVEN), or
 * AC_FIELD_COUNT when it names none. */
AC_API ac_field ac_field_for_header(const char *header);
AC_API const char *ac_field_str(ac_field f);

typedef struct ac_linkage ac_linkage;

/* A run: DEDUPE links records of one set among themselves; otherwise side 0 (left) is
 * linked to side 1 (right). */
AC_API AC_NODISCARD AC_NONNULL(2) ac_code
    ac_linkage_new(bool dedupe, ac_linkage **out, ac_error *err);
AC_API void ac_linkage_free(ac_linkage *lk);

/* Add one record to SIDE (0, or 1 when linking): VALUES[f] is the text of field f or
 * NULL.  The id is required and unique within its side.  AC_EINVAL names the field. */
AC_API AC_NODISCARD AC_NONNULL(1, 3) ac_code
    ac_linkage_add(ac_linkage *lk,
                   int side,
                   const char *const values[AC_FIELD_COUNT],
                   ac_error *err);

/* Read the records of CSV file PATH into SIDE, mapping columns by their headers
 * (ac_field_for_header).  *ROLES (may be NULL) receives a line saying which column
 * became which field, in A.  AC_EINVAL names the file, line and reason (no id column, a
 * duplicate id, malformed CSV); AC_EIO when it cannot be read. */
AC_API AC_NODISCARD AC_NONNULL(1, 3, 5) ac_code ac_linkage_read_csv(ac_linkage *lk,
                                                                    int side,
                                                                    const char *path,
                                                                    const char **roles,
                                                                    ac_arena *a,
                                                                    ac_error *err);

/* Records on SIDE, and the id of record I of SIDE. */
AC_API size_t ac_linkage_count(const ac_linkage *lk, int side);
AC_API const char *ac_linkage_id(const ac_linkage *lk, int side, size_t i);
/* The name of record I of SIDE as its file gives it (the full name, else given, middle
 * and family names joined), "" when it has none: for a person reading the pairs. */
AC_API const char *ac_linkage_name(const ac_linkage *lk, int side, size_t i);

/* Settings (before records are read or the model trained).  Names are those printed in
 * the blocking report and the model ("postcode + birth year", "given_name"); an unknown
 * name is AC_EINVAL with the names that exist.  A rule or comparison turned off is not
 * used; a header mapped to a field ("id", "given_name", "middle_name", "family_name",
 * "full_name", "dob", "postcode", "address", "town", "identifier") wins over the
 * recognised header names. */
/* The name of blocking rule I and of comparison I, or NULL past the last. */
AC_API const char *ac_linkage_rule_name(size_t i);
AC_API const char *ac_linkage_comparison_name(size_t i);
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_linkage_use_rule(ac_linkage *lk, const char *rule, bool on, ac_error *err);
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_linkage_use_comparison(ac_linkage *lk, const char *comparison, bool on, ac_error *err);
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3) ac_code
    ac_linkage_map_header(ac_linkage *lk, const char *header, const char *field, ac_error *err);

/* Progress of a long run: FN is called now and then with the stage ("sampling",
 * "training", "scoring") and the pairs done of the total. */
typedef void (*ac_linkage_progress_fn)(void *ctx, const char *stage, uint64_t done, uint64_t total);
AC_API void ac_linkage_set_progress(ac_linkage *lk, ac_linkage_progress_fn fn, void *ctx);

/* Blocking: the default rules, bounded by MAX_PAIRS candidate pairs in all (0: 100
 * million, or 64 a record past 1,562,500 records).  AC_ENOMEM with advice when a rule
 * would make more even with its blocks split. */
AC_API void ac_linkage_set_max_pairs(ac_linkage *lk, uint64_t max_pairs);
/* Adaptive blocking: a rule's block of more than BLOCK_MAX records is compared by sorted
 * neighbourhood (each record with the next WINDOW in name order) instead of all against
 * all.  0 (the default): no block is split when the pairs fit the bound, otherwise the
 * loosest of 5,000 / 2,000 / 1,000 / 500 / 200 / 100 records that fits. */
AC_API void ac_linkage_set_block_bound(ac_linkage *lk, size_t block_max, size_t window);

/* Estimate the model: u from SAMPLE random pairs (0: a million), m and the prior by EM
 * on the blocked pairs.  Deterministic for SEED.  AC_ENOTFOUND when blocking finds no
 * candidate pair at all (nothing to link). */
AC_API AC_NODISCARD AC_NONNULL(1) ac_code
    ac_linkage_train(ac_linkage *lk, uint64_t seed, uint64_t sample, ac_error *err);

/* The model as JSON (in A; with records added, it says which comparisons they use), and
 * a model read back (accord's own, or a Splink model's
 * m/u per level for comparisons of the same names and levels). */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3) ac_code
    ac_linkage_model_json(ac_linkage *lk, ac_arena *a, char **out, ac_error *err);
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_linkage_model_load(ac_linkage *lk, const char *json, ac_error *err);

typedef struct ac_linkage_pair {
    uint32_t left, right; /* record indexes (for a dedupe both index the one set) */
    double weight;        /* match weight, log2 of the odds */
    double probability;   /* match probability */
} ac_linkage_pair;

/* The blocked pairs with probability >= THRESHOLD, best first, in A.  With ONE_TO_ONE,
 * each record is in at most one pair (greedy by probability).  The blocking report (pairs
 * per rule) goes to *REPORT (may be NULL), in A. */
AC_API AC_NODISCARD AC_NONNULL(1, 4, 5, 6) ac_code ac_linkage_score(ac_linkage *lk,
                                                                    double threshold,
                                                                    bool one_to_one,
                                                                    ac_arena *a,
                                                                    ac_linkage_pair **out,
                                                                    size_t *out_n,
                                                                    const char **report,
                                                                    ac_error *err);

/* Cluster ids from PAIRS (connected components): *OUT[i] for record i of side 0 then
 * side 1 (link) or of the one set (dedupe), in A; singletons have their own id. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 4, 5) ac_code ac_linkage_clusters(const ac_linkage *lk,
                                                                       const ac_linkage_pair *pairs,
                                                                       size_t n,
                                                                       ac_arena *a,
                                                                       uint32_t **out,
                                                                       ac_error *err);

/* One pair's explanation as JSON (in A): each comparison's level, values and bayes
 * factor, the prior, the weight and the probability. */
AC_API AC_NODISCARD AC_NONNULL(1, 4, 5) ac_code ac_linkage_explain(ac_linkage *lk,
                                                                   uint32_t left,
                                                                   uint32_t right,
                                                                   ac_arena *a,
                                                                   char **out,
                                                                   ac_error *err);

/* Pairwise mode, for an index that grows a record at a time (the hub's subjects): a
 * pair's score depends on the two records and the model only (no term-frequency
 * adjustment; a comparison counts when both records have its field), so the same pair
 * scores the same whatever other records are in the run.  Set it before scoring. */
AC_API void ac_linkage_set_pairwise(ac_linkage *lk, bool on);

/* Forget every record, keeping the settings and the model (and the name tables, which
 * are costly to load): for a run that scores a few records at a time. */
AC_API void ac_linkage_clear(ac_linkage *lk);

/* The blocking key of record I (side 0) under each rule, 0 where the record lacks a
 * field the rule needs.  Two records are candidates when they share a non-zero key under
 * the same rule.  A key depends on the record alone. */
#define AC_LINKAGE_BLOCK_RULES 13
AC_API AC_NODISCARD AC_NONNULL(1, 3) ac_code
    ac_linkage_block_keys(ac_linkage *lk,
                          size_t i,
                          uint64_t out[AC_LINKAGE_BLOCK_RULES],
                          ac_error *err);

/* Score the one pair LEFT, RIGHT in pairwise mode (with a model): *OUT, and when
 * OUT_EXPLANATION is not NULL its explanation as ac_linkage_explain gives it, in A. */
AC_API AC_NODISCARD AC_NONNULL(1, 5) ac_code ac_linkage_pair_score(ac_linkage *lk,
                                                                   uint32_t left,
                                                                   uint32_t right,
                                                                   ac_arena *a,
                                                                   ac_linkage_pair *out,
                                                                   char **out_explanation,
                                                                   ac_error *err);

/* Record index of ID on SIDE, or -1. */
AC_API int64_t ac_linkage_find(const ac_linkage *lk, int side, const char *id);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_LINKAGE_H */
