/* SPDX-License-Identifier: Apache-2.0
 *
 * substances.c - the regime table in force, row by row, for the report form's
 * autocomplete (GET /api/v1/substances; include/accord/report.h).  Read on the call's own
 * connection: the partnership's corrected copy when one was loaded (ac_regime_store), else
 * the shipped data/regime/substances.csv.
 */
#include "internal.h"

#include "accord/report.h"
#include "accord/text.h"
#include "hub/hub_int.h"
#include "policy/policy.h"
#include "store/store.h"
#include "store/store_report.h"

#define QUERY_MAX 200

struct substances_args {
    const char *query;
    ac_arena *a;
    ac_regime_row *list; /* out */
    size_t n;
};

static ac_code
substances_body(struct aci_op *op, void *args, ac_error *err)
{
    struct substances_args *x = args;
    const struct aci_resource res = { "regime", NULL };
    const char *id = NULL, *csv = NULL;
    ac_regime *r = NULL;
    ac_regime_row row;
    size_t n_rows = 0;
    ac_code rc;

    /* reporters fill in the form; analysts and duty officers keep the table */
    rc = aci_op_allow_as(
        op, op->actor->roles & AC_ROLE_REPORTER ? ACI_ACT_REPORT : ACI_ACT_WATCHLIST, &res, err);
    if (rc == AC_OK) {
        rc = aci_store_regime_latest(op->store, op->scratch, &id, err);
        if (rc == AC_ENOTFOUND) {
            ac_error_clear(err);
            id = NULL;
            rc = AC_OK;
        }
    }
    if (rc == AC_OK && id != NULL) {
        rc = aci_store_regime_csv(op->store, id, op->scratch, &csv, err);
    }
    if (rc == AC_OK) {
        rc = ac_regime_new(csv, &r, err);
    }
    while (rc == AC_OK && ac_regime_row_get(r, n_rows, &row)) {
        n_rows++;
    }
    if (rc == AC_OK && n_rows > 0) {
        x->list = ac_arena_alloc(x->a, n_rows * sizeof *x->list);
        rc = x->list != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    /* the rows the query begins first, then those it is inside, each in the table's order */
    for (int want = 2; rc == AC_OK && want >= 1; want--) {
        for (size_t i = 0; rc == AC_OK && i < n_rows; i++) {
            if (ac_regime_row_matches(r, i, x->query, op->scratch) != want) {
                continue;
            }
            (void)ac_regime_row_get(r, i, &row);
            row.names = ac_arena_strdup(x->a, row.names);
            row.cas = row.cas != NULL ? ac_arena_strdup(x->a, row.cas) : NULL;
            row.note = ac_arena_strdup(x->a, row.note);
            row.status = ac_arena_strdup(x->a, row.status);
            row.source = row.source != NULL ? ac_arena_strdup(x->a, row.source) : NULL;
            if (row.names == NULL || row.note == NULL || row.status == NULL) {
                rc = aci_fail(err, AC_ENOMEM, "out of memory");
            } else {
                x->list[x->n++] = row; /* part is static text */
            }
        }
    }
    ac_regime_free(r);
    return rc;
}

static const struct aci_op_desc substances_op = {
    ACI_ACT_REPORT, "regime", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, NULL, substances_body,
};

ac_code
ac_substances_list(ac_hub *hub,
                   const ac_actor *actor,
                   const char *purpose,
                   const char *query,
                   ac_arena *a,
                   ac_regime_row **out,
                   size_t *out_n,
                   ac_error *err)
{
    struct substances_args x = { query != NULL ? query : "", a, NULL, 0 };
    ac_code rc = strlen(x.query) <= QUERY_MAX && ac_utf8_valid_str(x.query)
                     ? aci_op_run(&substances_op, hub, actor, purpose, &x, err)
                     : aci_fail(err, AC_EINVAL,
                                "q: at most %d bytes of UTF-8 (the start of a substance's name "
                                "or its CAS number)",
                                QUERY_MAX);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}
