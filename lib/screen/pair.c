/* SPDX-License-Identifier: Apache-2.0
 *
 * pair.c - the score of one name against another (screen.h).  Every word of one name is
 * paired with at most one word of the other, best pairs first (greedy on similarity):
 * exact 1, variant 0.95, initial 0.9, Jaro-Winkler at or above 0.85 as itself; a word may
 * also meet two adjacent words joined ("abdulrahman" / "abdul rahman").  The score is the
 * weighted share of both names' words that met, each pair counting its similarity, so
 * an unmatched word costs what it weighs: particles and legal forms little, names much.
 */
#include "internal.h"

#include <math.h>

#include "names/names.h"
#include "screen/screen_int.h"

#define FORM_SIMILARITY 0.99 /* two different legal forms (an exact one scores 1) */
#define JW_FLOOR        0.85
#define EDITS_FREE      2    /* edits a spelling match may differ by before it costs */
#define EDIT_COST       0.1  /* per edit beyond those */
#define UNMATCHED_COST  0.85 /* per full word one name has and the other lacks */
#define SUBSET_COVER    0.94 /* every word met, exactly or as a variant (0.95) */

ac_code
ac_screener_new(ac_screener **out, ac_error *err)
{
    ac_screener *s = aci_calloc(1, sizeof *s);
    ac_code rc;

    *out = NULL;
    if (s == NULL || (s->arena = ac_arena_new(0)) == NULL) {
        aci_free(s);
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_variants_load(&s->variants, s->arena, err);
    if (rc == AC_OK) {
        rc = aci_screen_latin_open(s, err);
    }
    if (rc != AC_OK) {
        ac_screener_free(s);
        return rc;
    }
    *out = s;
    return AC_OK;
}

void
ac_screener_free(ac_screener *s)
{
    if (s != NULL) {
        aci_screen_latin_close(s);
        ac_arena_free(s->arena);
        aci_free(s);
    }
}

ac_code
aci_screen_prepare_query(struct aci_name *x, ac_arena *a, ac_error *err)
{
    x->patterns = ac_arena_zalloc(a, (x->n + 1) * sizeof *x->patterns);
    if (x->patterns == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < x->n; i++) {
        aci_jw_prepare(&x->patterns[i], x->w[i].text, x->w[i].len);
    }
    return AC_OK;
}

/* How well word X meets word Y (0 when not at all), and why; PX is X's prepared pattern
 * or NULL. */
/* An upper bound of Jaro-Winkler(X, Y), cheap: matches cannot exceed X's letters that
 * occur in Y at all, nor Y's length; transpositions are taken as none. */
static double
jw_bound(const struct aci_word *x, const struct aci_word *y)
{
    size_t m = 0, prefix = 0, lx = x->len, ly = y->len;
    double jaro;

    for (size_t k = 0; k < lx; k++) {
        unsigned c = (unsigned char)x->text[k] - 'a';

        m += c >= 26 || (y->letters >> c & 1u);
    }
    m = m < ly ? m : ly;
    if (m == 0) {
        return 0.0;
    }
    while (prefix < 4 && prefix < lx && prefix < ly && x->text[prefix] == y->text[prefix]) {
        prefix++;
    }
    jaro = ((double)m / (double)lx + (double)m / (double)ly + 1.0) / 3.0;
    return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

static double
word_similarity(const ac_screener *s,
                const struct aci_word *x,
                const struct aci_jw_pattern *px,
                const struct aci_word *y,
                const char **why)
{
    double jw;

    if (x->len == y->len && memcmp(x->text, y->text, x->len) == 0) {
        *why = "exact";
        return 1.0;
    }
    if (x->kind == ACI_WORD_NUMBER || y->kind == ACI_WORD_NUMBER) {
        return 0.0;
    }
    if (x->kind == ACI_WORD_FORM && y->kind == ACI_WORD_FORM) {
        *why = "legal form"; /* Ltd and Limited say the same; the same word pairs first */
        return FORM_SIMILARITY;
    }
    if ((x->kind == ACI_WORD_INITIAL || y->kind == ACI_WORD_INITIAL) && x->text[0] == y->text[0]) {
        *why = "initial";
        return 0.9;
    }
    if (x->nvar > 0 && y->nvar > 0 &&
        aci_variants_share(&s->variants, x->var, x->nvar, y->var, y->nvar)) {
        *why = "variant";
        return 0.95;
    }
    if (jw_bound(x, y) < JW_FLOOR) {
        return 0.0; /* too few letters in common to reach the floor */
    }
    jw = px != NULL ? aci_jw_with(px, y->text, y->len)
                    : aci_jaro_winkler(x->text, x->len, y->text, y->len);
    *why = "spelling";
    if (jw >= JW_FLOOR) {
        /* Jaro-Winkler forgives long words much: Federer and Federman are 0.92 apart by it
         * but three edits apart.  Beyond two edits, each takes a tenth off. */
        unsigned d = aci_damerau(x->text, x->len, y->text, y->len, EDITS_FREE + 8);

        jw *= d > EDITS_FREE ? 1.0 - EDIT_COST * (double)(d - EDITS_FREE) : 1.0;
    }
    return jw >= JW_FLOOR ? jw : 0.0;
}

/* Does word X equal words Y[J] and Y[J + 1] written together? */
static bool
joined(const struct aci_word *x, const struct aci_name *y, size_t j)
{
    return j + 1 < y->n && (size_t)y->w[j].len + y->w[j + 1].len == x->len &&
           memcmp(x->text, y->w[j].text, y->w[j].len) == 0 &&
           memcmp(x->text + y->w[j].len, y->w[j + 1].text, y->w[j + 1].len) == 0;
}

/* Full words (not particles, forms or initials) of N. */
static size_t
name_words(const struct aci_name *n)
{
    size_t k = 0;

    for (size_t i = 0; i < n->n; i++) {
        k += n->w[i].kind == ACI_WORD_NAME;
    }
    return k;
}

/* Full words of N that met nothing. */
static size_t
unmatched_words(const struct aci_name *n, const bool *used)
{
    size_t k = 0;

    for (size_t i = 0; i < n->n; i++) {
        k += n->w[i].kind == ACI_WORD_NAME && !used[i];
    }
    return k;
}

/* One name wholly within the other ("Fazl Rabi" in "Fazl Rabi Abdul Hamid": a listed
 * name written out in full, or a short form of it): halfway from the share of words that
 * met to 1, the longer name's extra words not counted as missing.  Only
 * for a contained name of two or more full words, so one common word is never enough. */
static double
subset_rule(const struct aci_name *x,
            const struct aci_name *y,
            double earned_x,
            double earned_y,
            double share,
            double score)
{
    double wx = 0, wy = 0;

    for (size_t i = 0; i < x->n; i++) {
        wx += x->w[i].weight;
    }
    for (size_t j = 0; j < y->n; j++) {
        wy += y->w[j].weight;
    }
    if ((wx > 0 && earned_x >= wx * SUBSET_COVER && name_words(x) >= 2) ||
        (wy > 0 && earned_y >= wy * SUBSET_COVER && name_words(y) >= 2)) {
        double full = (share + 1.0) / 2.0; /* the words it lacks are not held against it */

        return full > score ? full : score;
    }
    return score;
}

struct candidate {
    double sim;
    uint8_t i, j;
    const char *why;
};

static int
cmp_candidate(const void *p, const void *q)
{
    const struct candidate *a = p, *b = q;

    if (a->sim != b->sim) {
        return a->sim > b->sim ? -1 : 1;
    }
    return a->i != b->i ? a->i - b->i : a->j - b->j;
}

/* Mark words of A joined in B (and B's in A) as met; returns the weight they earn. */
static void
match_joined(const struct aci_name *a,
             const struct aci_name *b,
             bool *used_a,
             bool *used_b,
             double *earned_a,
             double *earned_b)
{
    for (size_t i = 0; i < a->n; i++) {
        for (size_t j = 0; !used_a[i] && j + 1 < b->n; j++) {
            if (!used_b[j] && !used_b[j + 1] && joined(&a->w[i], b, j)) {
                used_a[i] = used_b[j] = used_b[j + 1] = true;
                *earned_a += a->w[i].weight;
                *earned_b += b->w[j].weight + b->w[j + 1].weight;
            }
        }
    }
}

double
aci_screen_score(const ac_screener *s,
                 const struct aci_name *x,
                 const struct aci_name *y,
                 ac_arena *a,
                 const char **explanation)
{
    struct candidate cand[ACI_SCREEN_MAX_WORDS * ACI_SCREEN_MAX_WORDS];
    bool used_x[ACI_SCREEN_MAX_WORDS] = { false }, used_y[ACI_SCREEN_MAX_WORDS] = { false };
    double total = 0, earned_x = 0, earned_y = 0, share, score;
    size_t n = 0;
    char *why = NULL;

    for (size_t i = 0; i < x->n; i++) {
        total += x->w[i].weight;
    }
    for (size_t j = 0; j < y->n; j++) {
        total += y->w[j].weight;
    }
    match_joined(x, y, used_x, used_y, &earned_x, &earned_y);
    match_joined(y, x, used_y, used_x, &earned_y, &earned_x);
    for (size_t i = 0; i < x->n; i++) {
        for (size_t j = 0; j < y->n; j++) {
            const char *w = NULL;
            double sim = used_x[i] || used_y[j]
                             ? 0
                             : word_similarity(s, &x->w[i], x->patterns ? &x->patterns[i] : NULL,
                                               &y->w[j], &w);

            if (sim > 0) {
                cand[n++] = (struct candidate){ sim, (uint8_t)i, (uint8_t)j, w };
            }
        }
    }
    qsort(cand, n, sizeof *cand, cmp_candidate);
    why = explanation != NULL ? ac_arena_strdup(a, "") : NULL;
    for (size_t k = 0; k < n; k++) {
        const struct candidate *c = &cand[k];

        if (used_x[c->i] || used_y[c->j]) {
            continue;
        }
        used_x[c->i] = used_y[c->j] = true;
        earned_x += c->sim * x->w[c->i].weight;
        earned_y += c->sim * y->w[c->j].weight;
        if (why != NULL) {
            why = ac_arena_printf(a, "%s%s%s=%s (%s %.2f)", why, why[0] ? "; " : "",
                                  x->w[c->i].text, y->w[c->j].text, c->why, c->sim);
        }
    }
    share = total > 0 ? (earned_x + earned_y) / total : 0;
    score =
        share * pow(UNMATCHED_COST, (double)unmatched_words(x, used_x) > unmatched_words(y, used_y)
                                        ? (double)unmatched_words(x, used_x)
                                        : (double)unmatched_words(y, used_y));
    score = subset_rule(x, y, earned_x, earned_y, share, score);
    score = score > 1.0 ? 1.0 : score;
    if (explanation != NULL) {
        *explanation =
            why != NULL ? ac_arena_printf(a, "%s; score %.3f", why[0] ? why : "no word met", score)
                        : NULL;
    }
    return score;
}

ac_code
ac_screen_names(const ac_screener *s,
                const char *name,
                const char *listed,
                ac_arena *a,
                double *score,
                const char **explanation,
                ac_error *err)
{
    struct aci_name x, y;
    ac_code rc = aci_screen_words(s, name, a, &x, err);

    *score = 0;
    if (explanation != NULL) {
        *explanation = NULL;
    }
    if (rc == AC_OK) {
        rc = aci_screen_words(s, listed, a, &y, err);
    }
    if (rc == AC_OK) {
        *score = aci_screen_score(s, &x, &y, a, explanation);
    }
    return rc;
}
