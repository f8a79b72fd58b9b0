/* SPDX-License-Identifier: Apache-2.0
 *
 * names.h - the name handling the engines share (lib/names): string comparators, the
 * name-variant table and phonetic keys.  The record-linkage engine (lib/link) and the
 * screening engine (lib/screen) both use it, so that neither borrows from the other; it
 * knows neither of them.  Pure: no I/O, no state beyond what a caller passes in.
 *
 * Names arrive here as matching keys (ac_text_key: lower case, accents removed, so a
 * byte is a letter).
 */
#ifndef ACI_NAMES_H
#define ACI_NAMES_H

#include "internal.h"

#include "accord/arena.h"

/* ---- string comparators (compare.c) ----
 *
 * Functions on byte strings.  All similarities are in [0, 1] and symmetric; 1 means
 * equal. */

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

/* ---- name variants (variants.c) ----
 *
 * Nickname and spelling-variant groups shipped as data (data/names), each name key in
 * zero or more groups.  Two names are variants when they share a group. */

struct aci_variants {
    const char **names; /* sorted; one entry per (name, group) */
    uint32_t *groups;
    size_t n;
};

/* Load the shipped tables (nicknames and spelling variants) into V, in A. */
ac_code aci_variants_load(struct aci_variants *v, ac_arena *a, ac_error *err);
/* The range [*FIRST, *FIRST + *N) of V's entries for KEY (*N = 0 when none). */
void aci_variants_find(const struct aci_variants *v, const char *key, uint32_t *first, uint32_t *n);
/* Do the ranges [A, A + AN) and [B, B + BN) of V share a group? */
bool
aci_variants_share(const struct aci_variants *v, uint32_t a, uint32_t an, uint32_t b, uint32_t bn);

/* ---- phonetic keys (soundex.c) ---- */

/* Simple Soundex of KEY into OUT[5]: its first letter a..z in capitals and three digits
 * ("r163" -> "R163"; bytes other than a..z are skipped), "" for a key with no letter. */
void aci_soundex(const char *key, char out[5]);

/* ---- the identifying words of a name (parse.c) ---- */

/* Is the word W (N bytes) an honorific that may stand before a name ("sir", "hon", "dr",
 * "lord")?  A post-nominal or generational suffix ("fsa", "kbe", "jr") or an ordinal
 * ("1st", "13th")? */
bool aci_name_is_honorific(const char *w, size_t n);
bool aci_name_is_postnominal(const char *w, size_t n);

/* KEY (LEN bytes, words separated by single spaces) without its honorifics, its title of
 * nobility (from an ordinal or rank on: "1st baron clifford of chudleigh") and its
 * post-nominal letters, at least one word kept; into OUT (CAP bytes, NUL-terminated).
 * Returns the length written. */
size_t aci_name_strip(const char *key, size_t len, char *out, size_t cap);

#endif /* ACI_NAMES_H */
