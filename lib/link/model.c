/* SPDX-License-Identifier: Apache-2.0
 *
 * model.c - the Fellegi-Sunter model: u from random pairs, m and the prior by EM on the
 * blocked pairs' agreement patterns (each distinct pattern once, with its count, so an
 * iteration costs the number of patterns, not of pairs), deterministic for a seed.
 */
#include "internal.h"

#include <math.h>

#include "link/link_int.h"

#define EM_MAX_ITER  200
#define EM_TOLERANCE 1e-7
#define SAMPLE_PAIRS 1000000ull

static uint64_t
splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* u: how often each level occurs between random records (almost all non-matches). */
static void
estimate_u(ac_linkage *lk, uint64_t seed, uint64_t sample)
{
    int right = ACI_RIGHT_SIDE(lk);
    double count[ACI_CMP_COUNT][ACI_MAX_LEVELS] = { { 0 } };
    struct aci_cmp_state cs;
    uint64_t s = seed ^ 0x75u;

    memset(&cs, 0, sizeof cs);
    for (uint64_t k = 0; k < sample; k++) {
        uint32_t i = (uint32_t)(splitmix(&s) % lk->n[0]);
        uint32_t j = (uint32_t)(splitmix(&s) % lk->n[right]);
        uint64_t g;

        if (lk->dedupe && i == j) {
            continue;
        }
        if (lk->progress != NULL && k % 100000 == 0) {
            lk->progress(lk->progress_ctx, "sampling", k, sample);
        }
        g = aci_lk_gamma(lk, &cs, &lk->recs[0][i], &lk->recs[right][j]);
        for (int c = 0; c < ACI_CMP_COUNT; c++) {
            unsigned level = ACI_LEVEL(g, c);

            if (level != ACI_NULL_LEVEL) {
                count[c][level] += 1.0;
            }
        }
    }
    for (int c = 0; c < ACI_CMP_COUNT; c++) {
        double total = 0;

        for (unsigned l = 0; l < aci_cmps[c].n_levels; l++) {
            total += count[c][l] + 0.5; /* smoothed: a level never seen is rare, not impossible */
        }
        for (unsigned l = 0; l < aci_cmps[c].n_levels; l++) {
            lk->u[c][l] = (count[c][l] + 0.5) / total;
        }
    }
}

/* Distinct agreement patterns of the blocked pairs, with their counts. */
struct patterns {
    uint64_t *gamma;
    double *count;
    size_t n, cap; /* open addressing: cap is a power of two */
    uint64_t pairs;
    const ac_linkage *lk;
    struct aci_cmp_state cs;
    bool oom;
};

static bool
patterns_grow(struct patterns *p)
{
    size_t cap = p->cap ? p->cap * 2 : 4096;
    uint64_t *g = aci_malloc(cap * sizeof *g);
    double *c = aci_calloc(cap, sizeof *c);

    if (g == NULL || c == NULL) {
        aci_free(g);
        aci_free(c);
        return false;
    }
    memset(g, 0, cap * sizeof *g);
    for (size_t i = 0; i < p->cap; i++) {
        if (p->count[i] > 0) {
            size_t h = (size_t)((p->gamma[i] * 0x9e3779b97f4a7c15ull) >> 20) & (cap - 1);

            while (c[h] > 0) {
                h = (h + 1) & (cap - 1);
            }
            g[h] = p->gamma[i];
            c[h] = p->count[i];
        }
    }
    aci_free(p->gamma);
    aci_free(p->count);
    p->gamma = g;
    p->count = c;
    p->cap = cap;
    return true;
}

/* Patterns are keyed by the rule that made the pair (top 4 bits) and the levels. */
#define RULE_SHIFT 60

static int
add_pattern(void *ctx, int rule, uint32_t left, uint32_t right)
{
    struct patterns *p = ctx;
    const ac_linkage *lk = p->lk;
    uint64_t g = aci_lk_gamma(lk, &p->cs, &lk->recs[0][left], &lk->recs[ACI_RIGHT_SIDE(lk)][right]);

    g = (g & ~((uint64_t)15 << RULE_SHIFT)) | ((uint64_t)rule << RULE_SHIFT);
    size_t h;

    if ((p->n + 1) * 2 > p->cap && !patterns_grow(p)) {
        p->oom = true;
        return 1;
    }
    h = (size_t)((g * 0x9e3779b97f4a7c15ull) >> 20) & (p->cap - 1);
    while (p->count[h] > 0 && p->gamma[h] != g) {
        h = (h + 1) & (p->cap - 1);
    }
    if (p->count[h] == 0) {
        p->gamma[h] = g;
        p->n++;
    }
    p->count[h] += 1.0;
    p->pairs++;
    return 0;
}

static void
initial_m(ac_linkage *lk)
{
    static const double start[ACI_MAX_LEVELS] = { 0.85, 0.07, 0.04, 0.02, 0.01, 0.01 };

    for (int c = 0; c < ACI_CMP_COUNT; c++) {
        double total = 0;

        for (unsigned l = 0; l < aci_cmps[c].n_levels; l++) {
            total += start[l];
        }
        for (unsigned l = 0; l < aci_cmps[c].n_levels; l++) {
            lk->m[c][l] = start[l] / total;
        }
    }
}

/* Expectation-maximisation over the patterns RULE made (-1: all), u as sampled, the
 * comparisons the rule's key agrees on left out (their agreement says nothing there).  M receives
 * the estimates of the others; the return value is the expected number of matches. */
static double
em_rule(const ac_linkage *lk,
        const struct patterns *p,
        int rule,
        uint64_t pairs,
        double m[ACI_CMP_COUNT][ACI_MAX_LEVELS])
{
    unsigned skip = rule >= 0 ? aci_block_rule_uses[rule] : 0;
    double lambda = 0.1, matches = 0;

    for (int iter = 0; iter < EM_MAX_ITER; iter++) {
        double mc[ACI_CMP_COUNT][ACI_MAX_LEVELS] = { { 0 } }, change = 0;
        double prior = log(lambda / (1.0 - lambda));

        matches = 0;
        for (size_t i = 0; i < p->cap; i++) {
            double logit = prior, post;

            if (p->count[i] == 0 || (rule >= 0 && (int)(p->gamma[i] >> RULE_SHIFT) != rule)) {
                continue;
            }
            for (int c = 0; c < ACI_CMP_COUNT; c++) {
                unsigned level = ACI_LEVEL(p->gamma[i], c);

                if (level != ACI_NULL_LEVEL && !(skip & (1u << c))) {
                    logit += log(m[c][level] / lk->u[c][level]);
                }
            }
            post = p->count[i] / (1.0 + exp(-logit));
            matches += post;
            for (int c = 0; c < ACI_CMP_COUNT; c++) {
                unsigned level = ACI_LEVEL(p->gamma[i], c);

                if (level != ACI_NULL_LEVEL) {
                    mc[c][level] += post;
                }
            }
        }
        for (int c = 0; c < ACI_CMP_COUNT; c++) {
            double total = 0;

            if (skip & (1u << c)) {
                continue;
            }
            for (unsigned l = 0; l < aci_cmps[c].n_levels; l++) {
                total += mc[c][l] + 1e-6;
            }
            for (unsigned l = 0; l < aci_cmps[c].n_levels; l++) {
                double v = (mc[c][l] + 1e-6) / total;

                change = fmax(change, fabs(v - m[c][l]));
                m[c][l] = v;
            }
        }
        lambda = fmin(fmax(matches / (double)pairs, 1e-9), 0.999);
        if (change < EM_TOLERANCE) {
            break;
        }
    }
    return matches;
}

/* The active comparisons rule R leaves to estimate from. */
static int
informative(const ac_linkage *lk, int r)
{
    int n = 0;

    for (int c = 0; c < ACI_CMP_COUNT; c++) {
        n += lk->active[c] && !(aci_block_rule_uses[r] & (1u << c));
    }
    return n;
}

/* One EM per blocking rule that leaves at least two comparisons to learn from (with one,
 * a disagreement cannot be told from a non-match); each comparison's m is the average of
 * the rules that estimated it, weighted by their expected matches.  A comparison no
 * rule estimated (and every one, when no rule leaves two) takes the estimate of one EM
 * over all pairs with nothing left out.  Returns the expected matches of the
 * largest estimate, for the prior. */
static double
em(ac_linkage *lk, const struct patterns *p, const uint64_t counts[ACI_BLOCK_RULES])
{
    double sum[ACI_CMP_COUNT][ACI_MAX_LEVELS] = { { 0 } }, weight[ACI_CMP_COUNT] = { 0 };
    double most = 0;

    for (int r = 0; r < ACI_BLOCK_RULES; r++) {
        double m[ACI_CMP_COUNT][ACI_MAX_LEVELS], matches;

        if (counts[r] == 0 || informative(lk, r) < 2) {
            continue;
        }
        memcpy(m, lk->m, sizeof m);
        matches = em_rule(lk, p, r, counts[r], m);
        most = fmax(most, matches);
        for (int c = 0; c < ACI_CMP_COUNT; c++) {
            if (aci_block_rule_uses[r] & (1u << c)) {
                continue;
            }
            weight[c] += matches;
            for (unsigned l = 0; l < aci_cmps[c].n_levels; l++) {
                sum[c][l] += matches * m[c][l];
            }
        }
    }
    if (most == 0) { /* no rule leaves two comparisons: learn from every pair at once */
        uint64_t pairs = 0;

        for (int r = 0; r < ACI_BLOCK_RULES; r++) {
            pairs += counts[r];
        }
        return em_rule(lk, p, -1, pairs, lk->m);
    }
    {
        /* comparisons no rule could estimate learn from every pair at once */
        double m_all[ACI_CMP_COUNT][ACI_MAX_LEVELS];
        uint64_t pairs = 0;

        for (int r = 0; r < ACI_BLOCK_RULES; r++) {
            pairs += counts[r];
        }
        memcpy(m_all, lk->m, sizeof m_all);
        em_rule(lk, p, -1, pairs, m_all);
        for (int c = 0; c < ACI_CMP_COUNT; c++) {
            for (unsigned l = 0; l < aci_cmps[c].n_levels; l++) {
                lk->m[c][l] = weight[c] > 0 ? sum[c][l] / weight[c] : m_all[c][l];
            }
        }
    }
    return most;
}

void
aci_lk_finish_model(ac_linkage *lk)
{
    for (int c = 0; c < ACI_CMP_COUNT; c++) {
        for (unsigned l = 0; l < aci_cmps[c].n_levels; l++) {
            lk->bf_log2[c][l] = log2(lk->m[c][l] / lk->u[c][l]);
        }
    }
    lk->u_exact_name[0] = lk->u[ACI_CMP_GIVEN][0];
    lk->u_exact_name[1] = lk->u[ACI_CMP_FAMILY][0];
    lk->trained = true;
    aci_lk_tf_base(lk);
}

ac_code
ac_linkage_train(ac_linkage *lk, uint64_t seed, uint64_t sample, ac_error *err)
{
    struct patterns p;
    uint64_t counts[ACI_BLOCK_RULES] = { 0 };
    ac_code rc = aci_lk_prepare(lk, err);

    if (rc != AC_OK) {
        return rc;
    }
    estimate_u(lk, seed, sample ? sample : SAMPLE_PAIRS);
    memset(&p, 0, sizeof p);
    p.lk = lk;
    lk->stage = "training";
    rc = aci_lk_block(lk, true, add_pattern, &p, counts, NULL, err);
    if (rc == AC_OK && p.oom) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory counting agreement patterns");
    }
    if (rc == AC_OK && p.pairs == 0) {
        rc = aci_fail(err, AC_ENOTFOUND,
                      "no candidate pairs: the records share no name, date of birth, postcode or "
                      "identifier key");
    }
    if (rc == AC_OK) {
        double matches, all;

        initial_m(lk);
        matches = em(lk, &p, counts);
        /* the prior is that of two random records, as in Splink: the matches the best
         * covering rule expects, spread over every possible pair */
        all = lk->dedupe ? (double)lk->n[0] * (double)(lk->n[0] - 1) / 2.0
                         : (double)lk->n[0] * (double)lk->n[1];
        lk->lambda = fmin(fmax(matches / all, 1e-12), 0.5);
        aci_lk_finish_model(lk);
    }
    aci_free(p.gamma);
    aci_free(p.count);
    return rc;
}
