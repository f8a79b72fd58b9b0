/* SPDX-License-Identifier: Apache-2.0
 *
 * compare.c - string comparators (names.h).
 *
 * Jaro is computed bit-parallel for strings up to 64 bytes: the probe's positions of each
 * byte are a bit set, so finding the first unmatched equal byte inside the match window
 * is one AND and one lowest-bit, and transpositions are counted by walking the two flag
 * sets together.  One comparison is O(length of the other string).
 */
#include "internal.h"

#include "names/names.h"

#define WINKLER_PREFIX 4
#define WINKLER_SCALE  0.1
#define WINKLER_BOOST  0.7
#define STACK_ROW      256 /* edit-distance rows up to this length live on the stack */

void
aci_jw_prepare(struct aci_jw_pattern *p, const char *s, size_t len)
{
    for (size_t i = 0; p->s != NULL && i < p->len && p->len <= 64; i++) {
        p->pos[p->s[i]] = 0;
    }
    p->s = (const unsigned char *)s;
    p->len = len;
    for (size_t i = 0; i < len && len <= 64; i++) {
        p->pos[p->s[i]] |= (uint64_t)1 << i;
    }
}

/* 1/i for the lengths and match counts of short strings: no division per pair. */
static const double reciprocal[65] = {
    0.0,      1.0 / 1,  1.0 / 2,  1.0 / 3,  1.0 / 4,  1.0 / 5,  1.0 / 6,  1.0 / 7,  1.0 / 8,
    1.0 / 9,  1.0 / 10, 1.0 / 11, 1.0 / 12, 1.0 / 13, 1.0 / 14, 1.0 / 15, 1.0 / 16, 1.0 / 17,
    1.0 / 18, 1.0 / 19, 1.0 / 20, 1.0 / 21, 1.0 / 22, 1.0 / 23, 1.0 / 24, 1.0 / 25, 1.0 / 26,
    1.0 / 27, 1.0 / 28, 1.0 / 29, 1.0 / 30, 1.0 / 31, 1.0 / 32, 1.0 / 33, 1.0 / 34, 1.0 / 35,
    1.0 / 36, 1.0 / 37, 1.0 / 38, 1.0 / 39, 1.0 / 40, 1.0 / 41, 1.0 / 42, 1.0 / 43, 1.0 / 44,
    1.0 / 45, 1.0 / 46, 1.0 / 47, 1.0 / 48, 1.0 / 49, 1.0 / 50, 1.0 / 51, 1.0 / 52, 1.0 / 53,
    1.0 / 54, 1.0 / 55, 1.0 / 56, 1.0 / 57, 1.0 / 58, 1.0 / 59, 1.0 / 60, 1.0 / 61, 1.0 / 62,
    1.0 / 63, 1.0 / 64
};

static double
jaro_of(size_t m, size_t n, size_t matches, size_t half_transpositions)
{
    double c = (double)matches;

    if (matches == 0) {
        return 0.0;
    }
    if (m <= 64 && n <= 64) {
        return (c * reciprocal[m] + c * reciprocal[n] + 1.0 -
                (double)half_transpositions * reciprocal[matches]) *
               (1.0 / 3.0);
    }
    return (c / (double)m + c / (double)n + (c - (double)half_transpositions) / c) / 3.0;
}

/* The classic O(m n) Jaro: for strings longer than 64 bytes, and for one-off comparisons
 * (flags on the stack for short strings). */
static double
jaro_classic(const unsigned char *a, size_t m, const unsigned char *b, size_t n)
{
    size_t bound = (m > n ? m : n) / 2, matches = 0, trans = 0, k = 0;
    bool stack[256] = { false };
    bool *af = m + n <= sizeof stack ? stack : aci_calloc(m + n, sizeof *af), *bf;

    if (af == NULL) {
        return 0.0; /* a comparison that cannot run finds no likeness */
    }
    bf = af + m;
    bound = bound > 0 ? bound - 1 : 0;
    for (size_t j = 0; j < n; j++) {
        size_t lo = j > bound ? j - bound : 0, hi = j + bound + 1 < m ? j + bound + 1 : m;

        for (size_t i = lo; i < hi; i++) {
            if (!af[i] && a[i] == b[j]) {
                af[i] = bf[j] = true;
                matches++;
                break;
            }
        }
    }
    for (size_t j = 0; j < n; j++) {
        if (bf[j]) {
            while (!af[k]) {
                k++;
            }
            trans += a[k++] != b[j];
        }
    }
    if (af != stack) {
        aci_free(af);
    }
    return jaro_of(m, n, matches, trans / 2);
}

/* Jaro of the prepared P and T, inlined into aci_jw_with (the hot path of one-vs-many). */
static inline double
jaro_with(const struct aci_jw_pattern *p, const char *t, size_t n)
{
    const unsigned char *b = (const unsigned char *)t;
    size_t m = p->len, bound, trans = 0, matches = 0;
    uint64_t pflag = 0, tflag = 0, window;

    if (m == 0 || n == 0) {
        return m == n ? 1.0 : 0.0;
    }
    if (m > 64 || n > 64) {
        return jaro_classic(p->s, m, b, n);
    }
    bound = (m > n ? m : n) / 2;
    bound = bound > 0 ? bound - 1 : 0;
    /* the window [j - bound, j + bound] slides one bit a step; bits at or past m never
     * match (the probe has no positions there), so only its low end needs care */
    window = bound + 1 >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << (bound + 1)) - 1;
    for (size_t j = 0; j < n; j++) { /* branch-free: matches are data, not control */
        uint64_t cand = p->pos[b[j]] & window & ~pflag;
        uint64_t first = cand & (~cand + 1); /* the lowest candidate, or 0 */
        uint64_t hit = first != 0;

        pflag |= first;
        tflag |= hit << j;
        matches += hit;
        window = (window << 1) | (uint64_t)(j < bound);
    }
    for (uint64_t pf = pflag, tf = tflag; tf != 0; tf &= tf - 1, pf &= pf - 1) {
        trans += p->s[__builtin_ctzll(pf)] != b[__builtin_ctzll(tf)];
    }
    return jaro_of(m, n, matches, trans / 2);
}

double
aci_jw_with(const struct aci_jw_pattern *p, const char *t, size_t tlen)
{
    double j = jaro_with(p, t, tlen);
    size_t prefix = 0;

    if (j <= WINKLER_BOOST) {
        return j;
    }
    while (prefix < WINKLER_PREFIX && prefix < p->len && prefix < tlen &&
           p->s[prefix] == (unsigned char)t[prefix]) {
        prefix++;
    }
    return j + (double)prefix * WINKLER_SCALE * (1.0 - j);
}

double
aci_jaro(const char *a, size_t alen, const char *b, size_t blen)
{
    /* one comparison: the classic algorithm costs less than preparing a pattern */
    if (alen == 0 || blen == 0) {
        return alen == blen ? 1.0 : 0.0;
    }
    return jaro_classic((const unsigned char *)a, alen, (const unsigned char *)b, blen);
}

double
aci_jaro_winkler(const char *a, size_t alen, const char *b, size_t blen)
{
    double j = aci_jaro(a, alen, b, blen);
    size_t prefix = 0;

    if (j <= WINKLER_BOOST) {
        return j;
    }
    while (prefix < WINKLER_PREFIX && prefix < alen && prefix < blen && a[prefix] == b[prefix]) {
        prefix++;
    }
    return j + (double)prefix * WINKLER_SCALE * (1.0 - j);
}

static unsigned
min3(unsigned x, unsigned y, unsigned z)
{
    unsigned m = x < y ? x : y;

    return m < z ? m : z;
}

/* Edit distance by rows; TRANSPOSE adds the adjacent-swap step (optimal string alignment). */
static unsigned
edit_distance(const char *a, size_t m, const char *b, size_t n, unsigned max, bool transpose)
{
    unsigned stack[3 * (STACK_ROW + 1)], *rows = stack, *prev2, *prev, *cur, result;

    if ((m > n ? m - n : n - m) > max) {
        return max + 1;
    }
    if (n > STACK_ROW && (rows = aci_malloc(3 * (n + 1) * sizeof *rows)) == NULL) {
        return max + 1;
    }
    prev2 = rows;
    prev = rows + n + 1;
    cur = rows + 2 * (n + 1);
    for (size_t j = 0; j <= n; j++) {
        prev[j] = (unsigned)j;
    }
    for (size_t i = 1; i <= m; i++) {
        unsigned row_min;

        cur[0] = (unsigned)i;
        row_min = cur[0];
        for (size_t j = 1; j <= n; j++) {
            unsigned cost = a[i - 1] != b[j - 1];

            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (transpose && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < cur[j]) {
                cur[j] = prev2[j - 2] + 1;
            }
            row_min = cur[j] < row_min ? cur[j] : row_min;
        }
        if (row_min > max) { /* every alignment already costs more: stop */
            if (rows != stack) {
                aci_free(rows);
            }
            return max + 1;
        }
        {
            unsigned *t = prev2;

            prev2 = prev;
            prev = cur;
            cur = t;
        }
    }
    result = prev[n] > max ? max + 1 : prev[n];
    if (rows != stack) {
        aci_free(rows);
    }
    return result;
}

bool
aci_within_one_edit(const char *a, size_t alen, const char *b, size_t blen, bool transpose)
{
    size_t i = 0;

    if (alen > blen) { /* let A be the shorter */
        const char *t = a;
        size_t tn = alen;

        a = b;
        alen = blen;
        b = t;
        blen = tn;
    }
    if (blen - alen > 1) {
        return false;
    }
    while (i < alen && a[i] == b[i]) {
        i++;
    }
    if (i == alen) {
        return true; /* equal, or B has one more at the end */
    }
    if (alen == blen) {
        if (memcmp(a + i + 1, b + i + 1, alen - i - 1) == 0) {
            return true; /* one substitution */
        }
        return transpose && i + 1 < alen && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               memcmp(a + i + 2, b + i + 2, alen - i - 2) == 0;
    }
    return memcmp(a + i, b + i + 1, alen - i) == 0; /* one insertion in B */
}

unsigned
aci_levenshtein(const char *a, size_t alen, const char *b, size_t blen, unsigned max)
{
    return edit_distance(a, alen, b, blen, max, false);
}

unsigned
aci_damerau(const char *a, size_t alen, const char *b, size_t blen, unsigned max)
{
    return edit_distance(a, alen, b, blen, max, true);
}

static int
cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

    return (a > b) - (a < b);
}

/* The distinct Q-grams of S, sorted, into OUT (room for LEN grams); their count. */
static size_t
grams(const char *s, size_t len, unsigned q, uint32_t *out)
{
    size_t n = 0, k = 0;

    for (size_t i = 0; i + q <= len; i++) {
        uint32_t g = 0;

        for (unsigned j = 0; j < q; j++) {
            g = g << 8 | (unsigned char)s[i + j];
        }
        out[n++] = g;
    }
    qsort(out, n, sizeof *out, cmp_u32);
    for (size_t i = 0; i < n; i++) {
        if (k == 0 || out[k - 1] != out[i]) {
            out[k++] = out[i];
        }
    }
    return k;
}

double
aci_qgram_jaccard(const char *a, size_t alen, const char *b, size_t blen, unsigned q)
{
    uint32_t stack[2 * STACK_ROW], *ga = stack, *gb;
    size_t na, nb, i = 0, j = 0, common = 0;
    double result;

    q = q < 1 ? 1 : q > 4 ? 4 : q;
    if (alen < q || blen < q) {
        return alen == blen && memcmp(a, b, alen) == 0 ? 1.0 : 0.0;
    }
    if (alen + blen > 2 * STACK_ROW && (ga = aci_malloc((alen + blen) * sizeof *ga)) == NULL) {
        return 0.0;
    }
    gb = ga + alen;
    na = grams(a, alen, q, ga);
    nb = grams(b, blen, q, gb);
    while (i < na && j < nb) {
        if (ga[i] == gb[j]) {
            common++;
            i++;
            j++;
        } else if (ga[i] < gb[j]) {
            i++;
        } else {
            j++;
        }
    }
    result = (double)common / (double)(na + nb - common);
    if (ga != stack) {
        aci_free(ga);
    }
    return result;
}
