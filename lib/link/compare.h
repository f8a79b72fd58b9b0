/* SPDX-License-Identifier: Apache-2.0
 *
 * compare.h - string comparators for record linkage.  Pure functions on byte strings
 * (names arrive here as matching keys: lower case, accents removed, so a byte is a
 * letter).  All similarities are in [0, 1] and symmetric; 1 means equal.
 */
#ifndef ACI_LINK_COMPARE_H
#define ACI_LINK_COMPARE_H

#include "internal.h"

/* A probe string prepared once for many Jaro-Winkler comparisons: for each byte value,
 * the bit set of its positions (strings up to 64 bytes; longer ones fall back to the
 * classic algorithm).  Build with aci_jw_prepare, compare with aci_jw_with. */
struct aci_jw_pattern {
    const unsigned char *s;
    size_t len;
    uint64_t pos[256]; /* pos[c]: bit i set when s[i] == c (len <= 64) */
};

/* P must be zeroed before its first use; each later prepare clears only the previous
 * string's bits, so re-preparing costs O(length), not O(256). */
void aci_jw_prepare(struct aci_jw_pattern *p, const char *s, size_t len);
/* Jaro-Winkler of the prepared P and T (standard: prefix up to 4, scale 0.1, boost
 * applied when the Jaro similarity exceeds 0.7). */
double aci_jw_with(const struct aci_jw_pattern *p, const char *t, size_t tlen);

/* One-off forms (prepare and compare). */
double aci_jaro(const char *a, size_t alen, const char *b, size_t blen);
double aci_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen);

/* Edit distances, stopping early: the result is exact up to MAX and MAX + 1 beyond it. */
unsigned aci_levenshtein(const char *a, size_t alen, const char *b, size_t blen, unsigned max);
/* Optimal string alignment (Damerau-Levenshtein restricted: adjacent transpositions count
 * one, and no substring is edited twice). */
unsigned aci_damerau(const char *a, size_t alen, const char *b, size_t blen, unsigned max);

/* True when A and B are at most one edit apart (with TRANSPOSE, an adjacent swap counts
 * as one): the common case of aci_damerau (..., 1) <= 1, in one pass. */
bool aci_within_one_edit(const char *a, size_t alen, const char *b, size_t blen, bool transpose);

/* Jaccard similarity of the sets of Q-grams (1 <= Q <= 4) of A and B; two strings too short
 * for one Q-gram compare equal only when identical. */
double aci_qgram_jaccard(const char *a, size_t alen, const char *b, size_t blen, unsigned q);

#endif /* ACI_LINK_COMPARE_H */
