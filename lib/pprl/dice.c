/* SPDX-License-Identifier: Apache-2.0
 *
 * dice.c - Dice similarity of encodings on popcounts: the kernels (AVX-512 VPOPCNTDQ, AVX2
 * nibble lookup, scalar POPCNT, portable C) chosen at run time by what the CPU has, and the
 * candidate search above a threshold, pruned by popcount bounds and cache-blocked.
 *
 * Pruning: |a & b| <= min(|a|, |b|), so Dice(a, b) <= 2 min(|a|, |b|) / (|a| + |b|).  For a
 * threshold t that bound reaches t only when t|a|/(2-t) <= |b| <= |a|(2-t)/t.  Both sets are
 * sorted by popcount, so each record of A compares against one contiguous run of B.
 *
 * Blocking: A is walked in blocks of ROW_BLOCK records and B in tiles of TILE encodings
 * (TILE * 128 bytes = 128 KiB, inside L2), so each tile of B is read from memory once per
 * block of A rather than once per record.
 */
/* immintrin.h declares _mm_malloc with malloc/free, which banned.h (in internal.h) turns
 * into errors: it comes first, as other system headers that use banned calls do. */
#include <immintrin.h>

#include "internal.h"

#include "pprl/pprl_int.h"

#include <math.h>

#define ROW_BLOCK 32
#define TILE      1024

static void
count_portable(const uint8_t *a, const uint8_t *b, size_t n_b, size_t n_bytes, uint32_t *out)
{
    for (size_t j = 0; j < n_b; j++) {
        const uint8_t *bj = b + j * n_bytes;
        uint32_t c = 0;
        for (size_t w = 0; w < n_bytes; w += 8) {
            uint64_t x;
            uint64_t y;
            memcpy(&x, a + w, 8);
            memcpy(&y, bj + w, 8);
            x &= y;
            /* SWAR popcount (no POPCNT instruction assumed) */
            x = x - ((x >> 1) & 0x5555555555555555ull);
            x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
            x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
            c += (uint32_t)((x * 0x0101010101010101ull) >> 56);
        }
        out[j] = c;
    }
}

__attribute__((target("popcnt"))) static void
count_scalar(const uint8_t *a, const uint8_t *b, size_t n_b, size_t n_bytes, uint32_t *out)
{
    size_t n_words = n_bytes / 8;

    if (n_words == 16) { /* 1024 bits, the default: unrolled with A in registers */
        uint64_t aw[16];
        memcpy(aw, a, sizeof aw);
        for (size_t j = 0; j < n_b; j++) {
            uint64_t bw[16];
            uint64_t c = 0;
            memcpy(bw, b + j * 128, sizeof bw);
            for (int w = 0; w < 16; w++) {
                c += (uint64_t)__builtin_popcountll(aw[w] & bw[w]);
            }
            out[j] = (uint32_t)c;
        }
        return;
    }
    for (size_t j = 0; j < n_b; j++) {
        const uint8_t *bj = b + j * n_bytes;
        uint64_t c = 0;
        for (size_t w = 0; w < n_words; w++) {
            uint64_t x;
            uint64_t y;
            memcpy(&x, a + 8 * w, 8);
            memcpy(&y, bj + 8 * w, 8);
            c += (uint64_t)__builtin_popcountll(x & y);
        }
        out[j] = (uint32_t)c;
    }
}

/* Mula's nibble lookup: vpshufb counts the bits of each nibble, vpsadbw sums the bytes. */
__attribute__((target("avx2,popcnt"))) static void
count_avx2(const uint8_t *a, const uint8_t *b, size_t n_b, size_t n_bytes, uint32_t *out)
{
    const __m256i lut = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2,
                                         1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
    const __m256i low = _mm256_set1_epi8(0x0f);
    const __m256i zero = _mm256_setzero_si256();
    size_t n_vec = n_bytes / 32;
    size_t tail = n_vec * 32;

    for (size_t j = 0; j < n_b; j++) {
        const uint8_t *bj = b + j * n_bytes;
        __m256i acc = zero;
        size_t v = 0;
        uint64_t c;
        while (v < n_vec) {
            /* at most 8 per byte per vector: 31 vectors stay below 256 */
            size_t stop = n_vec - v > 31 ? v + 31 : n_vec;
            __m256i bytes = zero;
            for (; v < stop; v++) {
                __m256i x = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(a + 32 * v)),
                                             _mm256_loadu_si256((const __m256i *)(bj + 32 * v)));
                __m256i lo = _mm256_and_si256(x, low);
                __m256i hi = _mm256_and_si256(_mm256_srli_epi16(x, 4), low);
                bytes = _mm256_add_epi8(bytes, _mm256_add_epi8(_mm256_shuffle_epi8(lut, lo),
                                                               _mm256_shuffle_epi8(lut, hi)));
            }
            acc = _mm256_add_epi64(acc, _mm256_sad_epu8(bytes, zero));
        }
        {
            __m128i s =
                _mm_add_epi64(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
            c = (uint64_t)_mm_cvtsi128_si64(s) + (uint64_t)_mm_extract_epi64(s, 1);
        }
        for (size_t w = tail; w < n_bytes; w += 8) {
            uint64_t x;
            uint64_t y;
            memcpy(&x, a + w, 8);
            memcpy(&y, bj + w, 8);
            c += (uint64_t)__builtin_popcountll(x & y);
        }
        out[j] = (uint32_t)c;
    }
}

__attribute__((target("avx512f,avx512vpopcntdq,popcnt"))) static void
count_avx512(const uint8_t *a, const uint8_t *b, size_t n_b, size_t n_bytes, uint32_t *out)
{
    size_t n_vec = n_bytes / 64;
    size_t tail = n_vec * 64;

    for (size_t j = 0; j < n_b; j++) {
        const uint8_t *bj = b + j * n_bytes;
        __m512i acc = _mm512_setzero_si512();
        uint64_t c;
        for (size_t v = 0; v < n_vec; v++) {
            __m512i x =
                _mm512_and_si512(_mm512_loadu_si512(a + 64 * v), _mm512_loadu_si512(bj + 64 * v));
            acc = _mm512_add_epi64(acc, _mm512_popcnt_epi64(x));
        }
        c = (uint64_t)_mm512_reduce_add_epi64(acc);
        for (size_t w = tail; w < n_bytes; w += 8) {
            uint64_t x;
            uint64_t y;
            memcpy(&x, a + w, 8);
            memcpy(&y, bj + w, 8);
            c += (uint64_t)__builtin_popcountll(x & y);
        }
        out[j] = (uint32_t)c;
    }
}

static int
has_avx512(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq");
}

static int
has_avx2(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
}

static int
has_popcnt(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("popcnt");
}

static int
always(void)
{
    return 1;
}

const struct aci_pprl_kernel aci_pprl_kernels[4] = {
    { "avx512", count_avx512, has_avx512 },
    { "avx2", count_avx2, has_avx2 },
    { "scalar", count_scalar, has_popcnt },
    { "portable", count_portable, always },
};

static const struct aci_pprl_kernel *chosen;

static const struct aci_pprl_kernel *
best_kernel(void)
{
    for (size_t i = 0; i < sizeof aci_pprl_kernels / sizeof aci_pprl_kernels[0]; i++) {
        if (aci_pprl_kernels[i].usable()) {
            return &aci_pprl_kernels[i];
        }
    }
    return &aci_pprl_kernels[3];
}

const struct aci_pprl_kernel *
aci_pprl_kernel(void)
{
    if (chosen == NULL) {
        chosen = best_kernel();
    }
    return chosen;
}

const char *
ac_pprl_kernel_name(void)
{
    return aci_pprl_kernel()->name;
}

ac_code
ac_pprl_kernel_set(const char *name, ac_error *err)
{
    if (name == NULL) {
        chosen = best_kernel();
        return AC_OK;
    }
    for (size_t i = 0; i < sizeof aci_pprl_kernels / sizeof aci_pprl_kernels[0]; i++) {
        if (strcmp(aci_pprl_kernels[i].name, name) == 0) {
            if (!aci_pprl_kernels[i].usable()) {
                return aci_fail(err, AC_EINVAL,
                                "kernel %s: this CPU lacks the instructions it needs; use %s", name,
                                best_kernel()->name);
            }
            chosen = &aci_pprl_kernels[i];
            return AC_OK;
        }
    }
    return aci_fail(err, AC_EINVAL, "kernel %s: unknown; use avx512, avx2, scalar or portable",
                    name);
}

double
ac_pprl_dice(const uint8_t *a, const uint8_t *b, size_t n_bytes)
{
    uint32_t both = 0;
    uint32_t pa = aci_pprl_popcount(a, n_bytes);
    uint32_t pb = aci_pprl_popcount(b, n_bytes);

    if (pa + pb == 0) {
        return 0.0;
    }
    aci_pprl_kernel()->count(a, b, 1, n_bytes, &both);
    return 2.0 * both / (double)(pa + pb);
}

/* ---- candidates --------------------------------------------------------------------- */

struct sorted {
    uint32_t *order; /* original index of the i-th record by popcount */
    uint32_t *pop;   /* its popcount */
    uint8_t *data;   /* encodings in that order, n_bytes each */
};

static const uint32_t *sort_pop; /* qsort has no context argument */

static int
cmp_by_pop(const void *x, const void *y)
{
    uint32_t i = *(const uint32_t *)x;
    uint32_t j = *(const uint32_t *)y;

    if (sort_pop[i] != sort_pop[j]) {
        return sort_pop[i] < sort_pop[j] ? -1 : 1;
    }
    return i < j ? -1 : i > j;
}

static void
sorted_release(struct sorted *s)
{
    aci_free(s->order);
    aci_free(s->pop);
    aci_free(s->data);
}

static ac_code
sorted_init(const ac_pprl_clks *c, struct sorted *s, ac_error *err)
{
    size_t n = c->n > 0 ? c->n : 1;

    s->order = aci_malloc(n * sizeof *s->order);
    s->pop = aci_malloc(n * sizeof *s->pop);
    s->data = aci_malloc(n * c->n_bytes);
    if (s->order == NULL || s->pop == NULL || s->data == NULL) {
        sorted_release(s);
        return aci_fail(err, AC_ENOMEM, "candidates: out of memory for %zu encodings", c->n);
    }
    for (size_t i = 0; i < c->n; i++) {
        s->order[i] = (uint32_t)i;
    }
    sort_pop = c->pop;
    qsort(s->order, c->n, sizeof *s->order, cmp_by_pop);
    for (size_t i = 0; i < c->n; i++) {
        s->pop[i] = c->pop[s->order[i]];
        memcpy(s->data + i * c->n_bytes, c->data + (size_t)s->order[i] * c->n_bytes, c->n_bytes);
    }
    return AC_OK;
}

/* First index in POP[0..n) with pop >= V. */
static size_t
lower_bound(const uint32_t *pop, size_t n, double v)
{
    size_t lo = 0;
    size_t hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((double)pop[mid] < v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* The run [*lo, *hi) of sorted B that record of popcount PA can reach at threshold T.
 * The bounds are widened by one so that rounding never drops a pair; the score test
 * decides. */
static void
reach(const struct sorted *b, size_t n_b, uint32_t pa, double t, size_t *lo, size_t *hi)
{
    if (t <= 0.0) {
        *lo = 0;
        *hi = n_b;
        return;
    }
    *lo = lower_bound(b->pop, n_b, floor(t * pa / (2.0 - t)) - 1.0);
    *hi = lower_bound(b->pop, n_b, ceil(pa * (2.0 - t) / t) + 2.0);
}

struct pairs {
    ac_pprl_pair *v; /* pairs, owned */
    size_t n;        /* used */
    size_t cap;      /* allocated */
};

static int
pairs_push(struct pairs *p, uint32_t a, uint32_t b, double score)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 1024;
        ac_pprl_pair *v = aci_realloc(p->v, cap * sizeof *v);
        if (v == NULL) {
            return -1;
        }
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n].a = a;
    p->v[p->n].b = b;
    p->v[p->n].score = score;
    p->n++;
    return 0;
}

static int
cmp_pair(const void *x, const void *y)
{
    const ac_pprl_pair *p = x;
    const ac_pprl_pair *q = y;

    if (p->score != q->score) {
        return p->score > q->score ? -1 : 1;
    }
    if (p->a != q->a) {
        return p->a < q->a ? -1 : 1;
    }
    return p->b < q->b ? -1 : p->b > q->b;
}

/* One block of A (sorted rows [r0, r1)) against all of B, tile by tile. */
static int
scan_block(const struct sorted *sa,
           size_t r0,
           size_t r1,
           const struct sorted *sb,
           size_t n_b,
           size_t n_bytes,
           double t,
           struct pairs *out,
           uint64_t *compared,
           uint32_t *counts)
{
    aci_pprl_and_count_fn count = aci_pprl_kernel()->count;
    size_t lo[ROW_BLOCK];
    size_t hi[ROW_BLOCK];
    size_t block_lo = n_b;
    size_t block_hi = 0;

    for (size_t r = r0; r < r1; r++) {
        reach(sb, n_b, sa->pop[r], t, &lo[r - r0], &hi[r - r0]);
        block_lo = lo[r - r0] < block_lo ? lo[r - r0] : block_lo;
        block_hi = hi[r - r0] > block_hi ? hi[r - r0] : block_hi;
    }
    for (size_t t0 = block_lo; t0 < block_hi; t0 += TILE) {
        size_t t1 = t0 + TILE < block_hi ? t0 + TILE : block_hi;
        for (size_t r = r0; r < r1; r++) {
            size_t j0 = lo[r - r0] > t0 ? lo[r - r0] : t0;
            size_t j1 = hi[r - r0] < t1 ? hi[r - r0] : t1;
            uint32_t pa = sa->pop[r];
            if (j0 >= j1) {
                continue;
            }
            count(sa->data + r * n_bytes, sb->data + j0 * n_bytes, j1 - j0, n_bytes, counts);
            *compared += j1 - j0;
            for (size_t j = j0; j < j1; j++) {
                uint32_t den = pa + sb->pop[j];
                double score = den == 0 ? 0.0 : 2.0 * counts[j - j0] / (double)den;
                if (score >= t && pairs_push(out, sa->order[r], sb->order[j], score) != 0) {
                    return -1;
                }
            }
        }
    }
    return 0;
}

ac_code
ac_pprl_candidates(ac_pprl_clks *a,
                   ac_pprl_clks *b,
                   double threshold,
                   ac_pprl_pair **out,
                   size_t *out_n,
                   uint64_t *out_compared,
                   ac_error *err)
{
    struct sorted sa = { 0 };
    struct sorted sb = { 0 };
    struct pairs found = { 0 };
    uint32_t *counts = NULL;
    uint64_t compared = 0;
    ac_code rc;

    *out = NULL;
    *out_n = 0;
    if (out_compared != NULL) {
        *out_compared = 0;
    }
    if (a->n_bytes != b->n_bytes) {
        return aci_fail(err, AC_EINVAL,
                        "encodings: the two sets differ in length (%zu and %zu bytes); encode "
                        "both with the same schema",
                        a->n_bytes, b->n_bytes);
    }
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
        return aci_fail(err, AC_EINVAL, "threshold: %g is not in [0, 1]", threshold);
    }
    if (a->n > UINT32_MAX || b->n > UINT32_MAX) {
        return aci_fail(err, AC_EINVAL, "encodings: more than 2^32 in one set");
    }
    if ((a->pop == NULL && (rc = ac_pprl_clks_count(a, err)) != AC_OK) ||
        (b->pop == NULL && (rc = ac_pprl_clks_count(b, err)) != AC_OK)) {
        return rc;
    }
    if ((rc = sorted_init(a, &sa, err)) != AC_OK) {
        return rc;
    }
    if ((rc = sorted_init(b, &sb, err)) != AC_OK) {
        sorted_release(&sa);
        return rc;
    }
    counts = aci_malloc(TILE * sizeof *counts);
    rc = counts == NULL ? aci_fail(err, AC_ENOMEM, "candidates: out of memory") : AC_OK;
    for (size_t r0 = 0; rc == AC_OK && r0 < a->n; r0 += ROW_BLOCK) {
        size_t r1 = r0 + ROW_BLOCK < a->n ? r0 + ROW_BLOCK : a->n;
        if (scan_block(&sa, r0, r1, &sb, b->n, a->n_bytes, threshold, &found, &compared, counts) !=
            0) {
            rc = aci_fail(err, AC_ENOMEM, "candidates: out of memory after %zu pairs", found.n);
        }
    }
    aci_free(counts);
    sorted_release(&sa);
    sorted_release(&sb);
    if (rc != AC_OK) {
        aci_free(found.v);
        return rc;
    }
    qsort(found.v, found.n, sizeof *found.v, cmp_pair);
    *out = found.v;
    *out_n = found.n;
    if (out_compared != NULL) {
        *out_compared = compared;
    }
    return AC_OK;
}
