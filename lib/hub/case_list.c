/* SPDX-License-Identifier: Apache-2.0
 *
 * case_list.c - finding cases (ac_case_list, include/accord/workflow.h): the store gives
 * the cases the actor's agency is in, filtered by the query; each is kept only when the
 * same rule as reading the case allows it (case_access.c), and every id returned is
 * audited, so who-accessed finds a case that was only listed.
 */
#include "internal.h"

#include "accord/workflow.h"
#include "hub/hub_int.h"
#include "hub/hub_item.h"
#include "store/store.h"
#include "store/store_item.h"
#include "store/store_workflow.h"
#include "workflow/workflow.h"

#define CANDIDATES 4 /* rows read per case wanted: some may be refused by the vetting rule */

struct list_args {
    const ac_case_query *q;
    ac_arena *a;
    size_t limit;
    ac_case_summary *list; /* out */
    size_t n;
};

/* STATE is one that some workflow has ("open" for a case with none). */
static bool
state_known(const struct aci_workflows *w, const char *state)
{
    static const char *const workflows[] = { "soi", "prevent_referral", "offender" };

    if (strcmp(state, "open") == 0) {
        return true;
    }
    for (size_t i = 0; i < ACI_ARRAY_LEN(workflows); i++) {
        if (aci_workflow_state(w, workflows[i], state) != NULL) {
            return true;
        }
    }
    return false;
}

/* The query is checked before anything is read: each error names its field. */
static ac_code
list_find(struct aci_op *op, void *args, ac_error *err)
{
    struct list_args *x = args;
    const ac_case_query *q = x->q;
    const struct aci_workflows *w = NULL;
    ac_case_type type;
    ac_code rc = AC_OK;

    if ((unsigned)q->scope > AC_CASES_AGENCY) {
        return aci_fail(err, AC_EINVAL, "scope: mine, agency or all");
    }
    if (q->type != NULL && ac_case_type_parse(q->type, &type, NULL) != AC_OK) {
        return aci_fail(err, AC_EINVAL,
                        "type: unknown case type '%.40s': soi, maa_review, prevent_referral, "
                        "channel, offender_notification or general",
                        q->type);
    }
    if (q->state != NULL) {
        rc = aci_hub_workflows(op->hub, &w, err);
        if (rc == AC_OK && !state_known(w, q->state)) {
            return aci_fail(err, AC_EINVAL,
                            "state: no workflow has a state '%.40s' (see data/workflows/"
                            "states.csv, or 'accord case --help')",
                            q->state);
        }
    }
    op->res.type = "case";
    op->res.agency_id = op->actor->agency_id;
    return rc;
}

static ac_code
list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct list_args *x = args;
    const ac_case_query *q = x->q;
    const ac_actor *actor = op->actor;
    char now[AC_TIME_TEXT_MAX], before[AC_TIME_TEXT_MAX];
    ac_case_summary *rows = NULL;
    size_t n = 0, kept = 0;
    ac_case_type type = AC_CASE_GENERAL;
    ac_code rc;

    ac_time_format(aci_hub_now_ms(op->hub), now);
    if (q->due_within_ms >= 0) {
        ac_time_format(aci_hub_now_ms(op->hub) + q->due_within_ms, before);
    }
    if (q->type != NULL) {
        rc = ac_case_type_parse(q->type, &type, err);
        if (rc != AC_OK) {
            return rc;
        }
    }
    rc = aci_store_case_list(
        op->store, actor->agency_id, actor->user_id, q->scope == AC_CASES_MINE,
        q->scope == AC_CASES_AGENCY, q->type != NULL ? ac_case_type_str(type) : NULL, q->state, now,
        q->due_within_ms >= 0 ? before : NULL, x->limit * CANDIDATES, x->a, &rows, &n, err);
    for (size_t i = 0; rc == AC_OK && i < n && kept < x->limit; i++) {
        struct aci_case_row c = { rows[i].id, rows[i].lead_agency_id, AC_CASE_GENERAL,
                                  rows[i].state, rows[i].title };
        bool visible = false;

        if (ac_case_type_parse(rows[i].case_type, &c.type, NULL) != AC_OK) {
            continue; /* the CHECK constraint makes this unreachable */
        }
        /* the same rule as reading the case: a content role, its vetting, a place in it */
        rc = aci_case_visible(op->store, actor, &c, &visible, err);
        if (rc == AC_OK && visible) {
            rc = aci_op_returned(op, rows[i].id, err);
            rows[kept++] = rows[i];
        }
    }
    op->lists = rc == AC_OK;
    op->detail =
        ac_arena_printf(op->scratch, "%s%s%s%s%s%s",
                        q->scope == AC_CASES_MINE     ? "mine"
                        : q->scope == AC_CASES_AGENCY ? "agency's"
                                                      : "visible",
                        q->type != NULL ? " type " : "", q->type != NULL ? q->type : "",
                        q->state != NULL ? " state " : "", q->state != NULL ? q->state : "",
                        q->due_within_ms >= 0 ? " with a deadline" : "");
    x->list = rows;
    x->n = kept;
    return rc;
}

static const struct aci_op_desc list_op = {
    ACI_ACT_SEARCH, "case", ACI_PURPOSE_REQUIRED, ACI_OP_READ, list_find, list_body,
};

ac_code
ac_case_list(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             const ac_case_query *q,
             ac_arena *a,
             ac_case_summary **out,
             size_t *out_n,
             ac_error *err)
{
    struct list_args x = {
        q, a, q->limit == 0 || q->limit > AC_CASE_LIST_MAX ? AC_CASE_LIST_MAX : q->limit, NULL, 0
    };
    ac_code rc = aci_op_run(&list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}
