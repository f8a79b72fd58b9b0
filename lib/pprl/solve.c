/* SPDX-License-Identifier: Apache-2.0
 *
 * solve.c - from candidate pairs to matches: the greedy one-to-one solver (anonlink's:
 * best score first, a pair kept when neither record is taken) and precision/recall/F1
 * against known true pairs.
 */
#include "internal.h"

#include "pprl/pprl_int.h"

size_t
ac_pprl_solve_greedy(ac_pprl_pair *pairs, size_t n_pairs)
{
    uint32_t max_a = 0;
    uint32_t max_b = 0;
    uint8_t *used_a;
    uint8_t *used_b;
    size_t kept = 0;

    for (size_t i = 0; i < n_pairs; i++) {
        max_a = pairs[i].a > max_a ? pairs[i].a : max_a;
        max_b = pairs[i].b > max_b ? pairs[i].b : max_b;
    }
    used_a = aci_calloc((size_t)max_a + 1, 1);
    used_b = aci_calloc((size_t)max_b + 1, 1);
    if (used_a == NULL || used_b == NULL) {
        /* no memory for the marks: a quadratic walk gives the same answer */
        for (size_t i = 0; i < n_pairs; i++) {
            int taken = 0;
            for (size_t k = 0; k < kept && !taken; k++) {
                taken = pairs[k].a == pairs[i].a || pairs[k].b == pairs[i].b;
            }
            if (!taken) {
                pairs[kept++] = pairs[i];
            }
        }
    } else {
        for (size_t i = 0; i < n_pairs; i++) {
            if (!used_a[pairs[i].a] && !used_b[pairs[i].b]) {
                used_a[pairs[i].a] = 1;
                used_b[pairs[i].b] = 1;
                pairs[kept++] = pairs[i];
            }
        }
    }
    aci_free(used_a);
    aci_free(used_b);
    return kept;
}

static int
cmp_ab(const void *x, const void *y)
{
    const ac_pprl_pair *p = x;
    const ac_pprl_pair *q = y;

    if (p->a != q->a) {
        return p->a < q->a ? -1 : 1;
    }
    return p->b < q->b ? -1 : p->b > q->b;
}

ac_code
ac_pprl_evaluate(const ac_pprl_pair *found,
                 size_t n_found,
                 const ac_pprl_pair *truth,
                 size_t n_truth,
                 ac_pprl_eval *out,
                 ac_error *err)
{
    ac_pprl_pair *t = aci_malloc((n_truth > 0 ? n_truth : 1) * sizeof *t);
    size_t tp = 0;

    memset(out, 0, sizeof *out);
    if (t == NULL) {
        return aci_fail(err, AC_ENOMEM, "evaluate: out of memory for %zu true pairs", n_truth);
    }
    if (n_truth > 0) {
        memcpy(t, truth, n_truth * sizeof *t);
    }
    qsort(t, n_truth, sizeof *t, cmp_ab);
    for (size_t i = 0; i < n_found; i++) {
        if (bsearch(&found[i], t, n_truth, sizeof *t, cmp_ab) != NULL) {
            tp++;
        }
    }
    aci_free(t);
    out->n_found = n_found;
    out->n_truth = n_truth;
    out->n_true_pos = tp;
    out->precision = n_found > 0 ? (double)tp / (double)n_found : 0.0;
    out->recall = n_truth > 0 ? (double)tp / (double)n_truth : 0.0;
    out->f1 = out->precision + out->recall > 0
                  ? 2 * out->precision * out->recall / (out->precision + out->recall)
                  : 0.0;
    return AC_OK;
}
