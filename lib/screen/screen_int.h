/* SPDX-License-Identifier: Apache-2.0
 *
 * screen_int.h - the screening engine's internals: a name as words with weights, and the
 * screener (the shared name-variant table).  Pure: no I/O.
 */
#ifndef ACI_SCREEN_INT_H
#define ACI_SCREEN_INT_H

#include "internal.h"

#include "accord/screen.h"
#include "names/names.h"

#define ACI_SCREEN_MAX_WORDS 16

struct ac_screener {
    ac_arena *arena;
    struct aci_variants variants;
    void *latin; /* ICU transliterator to Latin (UTransliterator *), or NULL when ICU failed */
};

enum aci_word_kind {
    ACI_WORD_NAME,     /* a name word: full weight */
    ACI_WORD_INITIAL,  /* one letter */
    ACI_WORD_PARTICLE, /* al, bin, abu, van, ... */
    ACI_WORD_FORM,     /* ltd, llc, inc, ... */
    ACI_WORD_NUMBER,   /* contains a digit: only exact */
};

struct aci_word {
    const char *text;
    uint16_t len;
    enum aci_word_kind kind;
    double weight;
    uint32_t var, nvar; /* variant range */
    uint32_t letters;   /* bit c - 'a' for each letter a..z in the word */
};

struct aci_name {
    struct aci_word w[ACI_SCREEN_MAX_WORDS];
    size_t n;
    struct aci_jw_pattern *patterns; /* a query's words prepared for Jaro-Winkler, or NULL */
};

/* The transliterator to Latin script (ICU "Any-Latin; Latin-ASCII"), opened once per
 * screener; and NAME in Latin script, in A (NAME itself when it has no other script or
 * cannot be transliterated; NULL when A is out of memory). */
ac_code aci_screen_latin_open(ac_screener *s, ac_error *err);
void aci_screen_latin_close(ac_screener *s);
const char *aci_screen_latin(const ac_screener *s, const char *name, ac_arena *a);

/* NAME as words (normalised, turned round at a comma, classified), strings in A. */
ac_code aci_screen_words(const ac_screener *s,
                         const char *name,
                         ac_arena *a,
                         struct aci_name *out,
                         ac_error *err);

/* Prepare X's words for many comparisons (a query against a list), in A. */
ac_code aci_screen_prepare_query(struct aci_name *x, ac_arena *a, ac_error *err);

/* The score of prepared names X against Y (0..1); the explanation in A when EXPLANATION
 * is not NULL. */
double aci_screen_score(const ac_screener *s,
                        const struct aci_name *x,
                        const struct aci_name *y,
                        ac_arena *a,
                        const char **explanation);

/* Small helpers of the watchlist index (watchlist.c). */
static inline void
sort_letters(char *c, size_t len)
{
    for (size_t i = 1; i < len; i++) {
        for (size_t j = i; j > 0 && c[j - 1] > c[j]; j--) {
            char t = c[j];

            c[j] = c[j - 1];
            c[j - 1] = t;
        }
    }
}

static inline size_t
popcount16(uint16_t v)
{
    size_t n = 0;

    for (; v != 0; v &= (uint16_t)(v - 1)) {
        n++;
    }
    return n;
}

#endif /* ACI_SCREEN_INT_H */
