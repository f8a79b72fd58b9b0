/* SPDX-License-Identifier: Apache-2.0
 *
 * score.c - scoring the blocked pairs, one-to-one selection, clusters and a pair's
 * explanation.  Pairs stream out of blocking; only those at or above the threshold are
 * kept, so memory follows the output, not the candidates.
 */
#include "internal.h"

#include <jansson.h>
#include <math.h>

#include "link/link_int.h"

void
ac_linkage_set_max_pairs(ac_linkage *lk, uint64_t max_pairs)
{
    lk->max_pairs = max_pairs;
}

void
ac_linkage_set_block_bound(ac_linkage *lk, size_t block_max, size_t window)
{
    lk->block_max = block_max;
    lk->block_window = window;
}

void
ac_linkage_set_progress(ac_linkage *lk, ac_linkage_progress_fn fn, void *ctx)
{
    lk->progress = fn;
    lk->progress_ctx = ctx;
}

struct scoring {
    const ac_linkage *lk;
    struct aci_cmp_state cs;
    double min_weight;
    ac_linkage_pair *pairs;
    size_t n, cap;
    bool oom;
};

static int
score_pair(void *ctx, int rule, uint32_t left, uint32_t right)
{
    struct scoring *s = ctx;
    const ac_linkage *lk = s->lk;
    const struct aci_rec *a = &lk->recs[0][left], *b = &lk->recs[ACI_RIGHT_SIDE(lk)][right];
    double w = aci_lk_weight(lk, aci_lk_gamma(lk, &s->cs, a, b), a, b);

    (void)rule;

    if (w < s->min_weight) {
        return 0;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4096;
        ac_linkage_pair *grown = aci_realloc(s->pairs, cap * sizeof *grown);

        if (grown == NULL) {
            s->oom = true;
            return 1;
        }
        s->pairs = grown;
        s->cap = cap;
    }
    s->pairs[s->n++] = (ac_linkage_pair){ left, right, w, 1.0 / (1.0 + exp2(-w)) };
    return 0;
}

static int
cmp_pair(const void *x, const void *y)
{
    const ac_linkage_pair *a = x, *b = y;

    if (a->weight != b->weight) {
        return a->weight > b->weight ? -1 : 1;
    }
    if (a->left != b->left) {
        return a->left < b->left ? -1 : 1;
    }
    return (a->right > b->right) - (a->right < b->right);
}

/* Keep each record in at most one pair, best first. */
static ac_code
one_to_one(const ac_linkage *lk, ac_linkage_pair *pairs, size_t *n, ac_error *err)
{
    size_t n_left = lk->n[0], n_right = lk->n[ACI_RIGHT_SIDE(lk)], kept = 0;
    bool *used = aci_calloc(n_left + n_right + 1, sizeof *used);

    if (used == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < *n; i++) {
        bool *l = &used[pairs[i].left];
        bool *r = lk->dedupe ? &used[pairs[i].right] : &used[n_left + pairs[i].right];

        if (!*l && !*r) {
            *l = *r = true;
            pairs[kept++] = pairs[i];
        }
    }
    aci_free(used);
    *n = kept;
    return AC_OK;
}

ac_code
ac_linkage_score(ac_linkage *lk,
                 double threshold,
                 bool one_to_one_only,
                 ac_arena *a,
                 ac_linkage_pair **out,
                 size_t *out_n,
                 const char **report,
                 ac_error *err)
{
    struct scoring s;
    uint64_t counts[ACI_BLOCK_RULES] = { 0 }, splits[ACI_BLOCK_RULES] = { 0 };
    ac_code rc = aci_lk_prepare(lk, err);

    *out = NULL;
    *out_n = 0;
    if (rc != AC_OK) {
        return rc;
    }
    if (!lk->trained) {
        return aci_fail(err, AC_EMISUSE, "train or load a model before scoring");
    }
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
        return aci_fail(err, AC_EINVAL, "threshold: a probability from 0 to 1");
    }
    memset(&s, 0, sizeof s);
    s.lk = lk;
    s.min_weight = threshold <= 0.0   ? -INFINITY
                   : threshold >= 1.0 ? INFINITY
                                      : log2(threshold / (1.0 - threshold));
    lk->stage = "scoring";
    rc = aci_lk_block(lk, false, score_pair, &s, counts, splits, err);
    if (rc == AC_OK && s.oom) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory keeping pairs: raise the threshold");
    }
    if (rc == AC_OK) {
        if (s.n > 0) {
            qsort(s.pairs, s.n, sizeof *s.pairs, cmp_pair);
        }
        if (one_to_one_only) {
            rc = one_to_one(lk, s.pairs, &s.n, err);
        }
    }
    if (rc == AC_OK) {
        *out = ac_arena_alloc(a, (s.n + 1) * sizeof **out);
        if (*out == NULL) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory");
        } else {
            if (s.n > 0) {
                memcpy(*out, s.pairs, s.n * sizeof **out);
            }
            *out_n = s.n;
        }
    }
    if (rc == AC_OK && report != NULL) {
        struct aci_recall est;
        char *text;

        aci_lk_estimate_recall(lk, *out, *out_n, &est);
        text = ac_arena_strdup(a, "");

        for (int r = 0; r < ACI_BLOCK_RULES && text != NULL; r++) {
            text = ac_arena_printf(a, "%s  %-40s %12llu pairs", text, aci_block_rule_names[r],
                                   (unsigned long long)counts[r]);
            if (text != NULL && splits[r] > 0) {
                text =
                    ac_arena_printf(a, "%s (%llu blocks split, compared by sorted neighbourhood)",
                                    text, (unsigned long long)splits[r]);
            }
            if (text != NULL && est.pairs > 0 && !(lk->rules_off & (1u << r))) {
                text = ac_arena_printf(a, "%s, its key agrees on %.1f%% of the matches", text,
                                       100.0 * (double)est.agree[r] / (double)est.pairs);
            }
            text = text != NULL ? ac_arena_printf(a, "%s\n", text) : NULL;
        }
        if (text != NULL && est.pairs > 0) {
            text = ac_arena_printf(a,
                                   "%s  estimated recall of the rules together: %.3f (%zu matches; "
                                   "%llu agree on one rule's key only, %llu on two)\n",
                                   text, est.recall, est.pairs, (unsigned long long)est.once,
                                   (unsigned long long)est.twice);
        }
        *report = text;
    }
    aci_free(s.pairs);
    return rc;
}

void
aci_lk_estimate_recall(const ac_linkage *lk,
                       const ac_linkage_pair *pairs,
                       size_t n,
                       struct aci_recall *out)
{
    double unseen;

    memset(out, 0, sizeof *out);
    out->pairs = n;
    for (size_t i = 0; i < n; i++) {
        const struct aci_rec *x = &lk->recs[0][pairs[i].left];
        const struct aci_rec *y = &lk->recs[ACI_RIGHT_SIDE(lk)][pairs[i].right];
        unsigned rules = 0;

        for (int r = 0; r < ACI_BLOCK_RULES; r++) {
            uint64_t k;

            if (lk->rules_off & (1u << r)) {
                continue;
            }
            k = aci_lk_block_key(lk, r, x);
            if (k != 0 && k == aci_lk_block_key(lk, r, y)) {
                out->agree[r]++;
                rules++;
            }
        }
        out->once += rules == 1;
        out->twice += rules == 2;
    }
    /* Chao's bias-corrected estimate of the matches no rule's key reaches: f1 (f1 - 1) /
     * (2 (f2 + 1)), from the matches that agree on exactly one key (f1) or two (f2). */
    unseen = (double)out->once * ((double)out->once - 1.0) / (2.0 * ((double)out->twice + 1.0));
    if (unseen < 0) {
        unseen = 0;
    }
    out->recall = n > 0 ? (double)n / ((double)n + unseen) : 1.0;
}

static uint32_t
find_root(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* Pairs at least this probable join clusters on their own; weaker ones only bring in a
 * record that is otherwise alone.  Measured on Splink's historical_50k (issue 18): cluster
 * pairwise F1 0.789 with plain connected components at 0.5, 0.899 with this. */
#define ACI_CLUSTER_STRONG 0.99

static void
join(uint32_t *parent, uint32_t a, uint32_t b)
{
    uint32_t x = find_root(parent, a), y = find_root(parent, b);

    if (x != y) {
        parent[x > y ? x : y] = x < y ? x : y; /* the smallest index names the cluster */
    }
}

ac_code
ac_linkage_clusters(const ac_linkage *lk,
                    const ac_linkage_pair *pairs,
                    size_t n,
                    ac_arena *a,
                    uint32_t **out,
                    ac_error *err)
{
    size_t total = lk->n[0] + (lk->dedupe ? 0 : lk->n[1]), offset = lk->dedupe ? 0 : lk->n[0];
    uint32_t *parent = ac_arena_alloc(a, (total + 1) * sizeof *parent);
    uint32_t *best = aci_malloc((total + 1) * sizeof *best);
    double *best_p = aci_malloc((total + 1) * sizeof *best_p);
    uint32_t *members = aci_malloc((total + 1) * sizeof *members);

    *out = NULL;
    if (parent == NULL || best == NULL || best_p == NULL || members == NULL) {
        aci_free(best);
        aci_free(best_p);
        aci_free(members);
        return aci_fail(err, AC_ENOMEM, "out of memory clustering");
    }
    for (size_t i = 0; i < total; i++) {
        parent[i] = (uint32_t)i;
    }
    /* Components over the strong pairs only: one weak pair must not chain two people's
     * records into one cluster.  A record no strong pair reaches then joins the cluster of
     * its best weak pair (docs/data-formats.md). */
    for (size_t i = 0; i < n; i++) {
        if (pairs[i].probability >= ACI_CLUSTER_STRONG) {
            join(parent, pairs[i].left, (uint32_t)(pairs[i].right + offset));
        }
    }
    for (size_t i = 0; i < total; i++) {
        best[i] = UINT32_MAX;
        best_p[i] = -1.0;
        members[i] = 0;
    }
    for (size_t i = 0; i < total; i++) {
        members[find_root(parent, (uint32_t)i)]++;
    }
    for (size_t i = 0; i < n; i++) {
        const uint32_t end[2] = { pairs[i].left, (uint32_t)(pairs[i].right + offset) };

        for (int k = 0; k < 2 && pairs[i].probability < ACI_CLUSTER_STRONG; k++) {
            uint32_t x = end[k];

            if (members[find_root(parent, x)] == 1 && pairs[i].probability > best_p[x]) {
                best_p[x] = pairs[i].probability;
                best[x] = end[1 - k];
            }
        }
    }
    for (size_t i = 0; i < total; i++) {
        if (best[i] != UINT32_MAX) {
            join(parent, (uint32_t)i, best[i]);
        }
    }
    for (size_t i = 0; i < total; i++) {
        parent[i] = find_root(parent, (uint32_t)i);
    }
    aci_free(best);
    aci_free(best_p);
    aci_free(members);
    *out = parent;
    return AC_OK;
}

/* The value compared by comparison C, for the explanation. */
static json_t *
value_of(const struct aci_rec *r, int c)
{
    char buf[AC_DATE_TEXT_MAX];
    const char *v = c == ACI_CMP_GIVEN                 ? r->given
                    : c == ACI_CMP_FAMILY              ? r->family
                    : c == ACI_CMP_FULL                ? r->full
                    : c == ACI_CMP_MIDDLE              ? r->middle
                    : c == ACI_CMP_POSTCODE            ? (r->pc[0] ? r->pc : NULL)
                    : c == ACI_CMP_ADDRESS             ? r->address
                    : c == ACI_CMP_TOWN                ? r->town
                    : c == ACI_CMP_IDENT               ? r->ident
                    : c == ACI_CMP_EMAIL               ? r->email
                    : r->dob.precision != AC_DATE_NONE ? ac_date_format(&r->dob, buf)
                    : r->dob_text[0]                   ? r->dob_text
                                                       : NULL;

    return v != NULL ? json_string(v) : json_null();
}

ac_code
ac_linkage_explain(ac_linkage *lk,
                   uint32_t left,
                   uint32_t right,
                   ac_arena *a,
                   char **out,
                   ac_error *err)
{
    struct aci_cmp_state cs;
    const struct aci_rec *x, *y;
    json_t *o, *arr;
    uint64_t g;
    double w;
    char *text;
    ac_code rc;

    *out = NULL;
    if (!lk->trained || left >= lk->n[0] || right >= lk->n[ACI_RIGHT_SIDE(lk)]) {
        return aci_fail(err, AC_EINVAL, "no such pair, or no model yet");
    }
    rc = aci_lk_prepare(lk, err);
    if (rc != AC_OK) {
        return rc;
    }
    memset(&cs, 0, sizeof cs);
    x = &lk->recs[0][left];
    y = &lk->recs[ACI_RIGHT_SIDE(lk)][right];
    g = aci_lk_gamma(lk, &cs, x, y);
    w = aci_lk_weight(lk, g, x, y);
    arr = json_array();
    for (int c = 0; c < ACI_CMP_COUNT; c++) {
        unsigned level = ACI_LEVEL(g, c);
        json_t *e;

        if (!lk->active[c]) {
            continue;
        }
        e = json_pack("{s:s, s:o, s:o}", "comparison", aci_cmps[c].name, "left", value_of(x, c),
                      "right", value_of(y, c));
        if (level == ACI_NULL_LEVEL) {
            json_object_set_new(e, "level", json_string("missing: contributes nothing"));
            json_object_set_new(e, "weight", json_real(0));
        } else {
            double tf = 0;

            if (!lk->pairwise && level == 0 && (c == ACI_CMP_GIVEN || c == ACI_CMP_FAMILY)) {
                uint32_t cx = c == ACI_CMP_GIVEN ? x->given_count : x->family_count;
                uint32_t cy = c == ACI_CMP_GIVEN ? y->given_count : y->family_count;
                double f = (double)(cx > cy ? cx : cy) / (double)lk->total_records;

                tf = log2(lk->u_exact_name[c == ACI_CMP_FAMILY] / f); /* as aci_lk_weight */
            }
            json_object_set_new(e, "level", json_string(aci_cmps[c].level_names[level]));
            json_object_set_new(e, "m", json_real(lk->m[c][level]));
            json_object_set_new(e, "u", json_real(lk->u[c][level]));
            json_object_set_new(e, "weight", json_real(lk->bf_log2[c][level]));
            if (tf != 0) {
                json_object_set_new(e, "term_frequency_adjustment", json_real(tf));
            }
        }
        json_array_append_new(arr, e);
    }
    o = json_pack("{s:s, s:s, s:f, s:o, s:f, s:f}", "left_id", x->id, "right_id", y->id,
                  "prior_weight", log2(lk->lambda / (1.0 - lk->lambda)), "comparisons", arr,
                  "match_weight", w, "match_probability", 1.0 / (1.0 + exp2(-w)));
    text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    *out = text != NULL ? ac_arena_strdup(a, text) : NULL;
    if (text != NULL) { /* jansson allocated it: give it back */
        json_free_t free_fn;

        json_get_alloc_funcs(NULL, &free_fn);
        free_fn(text);
    }
    return *out != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
}
