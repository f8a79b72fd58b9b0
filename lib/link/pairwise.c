/* SPDX-License-Identifier: Apache-2.0
 *
 * pairwise.c - scoring one pair on its own, for an index that grows a record at a time
 * (the hub's subjects).  A batch run lets the population shape a pair's score: term
 * frequencies, and which comparisons are active because some record has the field.  An
 * incremental index cannot: the same two records must score the same whichever records
 * came before them.  In pairwise mode a pair's score depends on the two records and the
 * model only: no term-frequency adjustment, and a comparison counts when both records
 * have its field (the full name only when the two are not both split into given and
 * family names).
 */
#include "internal.h"

#include <math.h>

#include "link/link_int.h"

_Static_assert(AC_LINKAGE_BLOCK_RULES == ACI_BLOCK_RULES, "the public rule count is the engine's");

void
ac_linkage_set_pairwise(ac_linkage *lk, bool on)
{
    lk->pairwise = on;
}

void
ac_linkage_clear(ac_linkage *lk)
{
    ac_arena_reset(lk->arena);
    lk->n[0] = lk->n[1] = 0;
    memset(lk->has, 0, sizeof lk->has);
    lk->prepared = false;
    lk->total_records = 0;
}

ac_code
ac_linkage_block_keys(ac_linkage *lk, size_t i, uint64_t out[AC_LINKAGE_BLOCK_RULES], ac_error *err)
{
    ac_code rc = i < lk->n[0] ? aci_lk_prepare(lk, err)
                              : aci_fail(err, AC_EINVAL, "no record %zu on side 0", i);

    for (int r = 0; r < AC_LINKAGE_BLOCK_RULES; r++) {
        out[r] = rc == AC_OK && !(lk->rules_off & (1u << r))
                     ? aci_lk_block_key(lk, r, &lk->recs[0][i])
                     : 0;
    }
    return rc;
}

/* The comparisons that count for the pair X, Y alone. */
static void
pair_active(ac_linkage *lk, const struct aci_rec *x, const struct aci_rec *y)
{
    bool split = x->given != NULL && x->family != NULL && y->given != NULL && y->family != NULL;

    for (int c = 0; c < ACI_CMP_COUNT; c++) {
        lk->active[c] = !(lk->comparisons_off & (1u << c));
    }
    lk->active[ACI_CMP_FULL] = lk->active[ACI_CMP_FULL] && !split;
}

ac_code
ac_linkage_pair_score(ac_linkage *lk,
                      uint32_t left,
                      uint32_t right,
                      ac_arena *a,
                      ac_linkage_pair *out,
                      char **out_explanation,
                      ac_error *err)
{
    struct aci_cmp_state cs;
    const struct aci_rec *x, *y;
    ac_code rc;

    memset(out, 0, sizeof *out);
    if (out_explanation != NULL) {
        *out_explanation = NULL;
    }
    if (!lk->pairwise || !lk->trained || left >= lk->n[0] || right >= lk->n[ACI_RIGHT_SIDE(lk)]) {
        return aci_fail(err, AC_EMISUSE,
                        "pairwise scoring needs pairwise mode, a model and "
                        "the pair's records");
    }
    rc = aci_lk_prepare(lk, err);
    if (rc != AC_OK) {
        return rc;
    }
    x = &lk->recs[0][left];
    y = &lk->recs[ACI_RIGHT_SIDE(lk)][right];
    pair_active(lk, x, y);
    memset(&cs, 0, sizeof cs);
    out->left = left;
    out->right = right;
    out->weight = aci_lk_weight(lk, aci_lk_gamma(lk, &cs, x, y), x, y);
    out->probability = 1.0 / (1.0 + exp2(-out->weight));
    return out_explanation != NULL ? ac_linkage_explain(lk, left, right, a, out_explanation, err)
                                   : AC_OK;
}
