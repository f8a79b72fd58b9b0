/* SPDX-License-Identifier: Apache-2.0
 *
 * case_deadlines.c - the deadlines of case workflows (include/accord/workflow.h): the
 * cases due within a window, and the alerts raised for deadlines that passed (by a user,
 * or by the scheduler's tick).
 */
#include "internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "accord/date.h"
#include "accord/text.h"
#include "accord/workflow.h"
#include "hub/hub_alert.h"
#include "hub/hub_int.h"
#include "hub/hub_item.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_item.h"
#include "store/store_party.h"
#include "store/store_report.h"
#include "store/store_workflow.h"
#include "workflow/workflow.h"

#define REMIND_BEFORE_MS (24LL * 60 * ACI_MS_PER_MIN) /* a reminder a day before a deadline */

/* ---- deadlines due ---- */

struct due_args {
    int64_t within_ms;
    ac_arena *a;
    ac_case_due *list; /* out */
    size_t n;
};

/* The actor's agency's cases; a negative window is refused first. */
static ac_code
due_find(struct aci_op *op, void *args, ac_error *err)
{
    if (((struct due_args *)args)->within_ms < 0) {
        return aci_fail(err, AC_EINVAL, "within: not negative");
    }
    op->res.type = "case";
    op->res.agency_id = op->actor->agency_id;
    return AC_OK;
}

static ac_code
due_body(struct aci_op *op, void *args, ac_error *err)
{
    struct due_args *x = args;
    const ac_actor *actor = op->actor;
    char now[AC_TIME_TEXT_MAX], before[AC_TIME_TEXT_MAX];
    ac_case_due *out = NULL;
    size_t n = 0, kept = 0;
    ac_code rc;

    ac_time_format(aci_hub_now_ms(op->hub), now);
    ac_time_format(aci_hub_now_ms(op->hub) + x->within_ms, before);
    rc = aci_store_cases_due(op->store, actor->agency_id, actor->user_id, now, before, x->a, &out,
                             &n, err);
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        struct aci_case_row c;
        bool visible = false;

        /* the same rule as reading the case: lead agency's content users, or members */
        rc = aci_store_case_load(op->store, out[i].case_id, x->a, &c, err);
        if (rc == AC_OK) {
            rc = aci_case_visible(op->store, actor, &c, &visible, err);
        }
        if (rc == AC_OK && visible) {
            rc = aci_op_returned(op, out[i].case_id, err); /* who-accessed finds the case */
            out[kept++] = out[i];
        }
    }
    op->detail = ac_arena_printf(op->scratch, "within %lld ms", (long long)x->within_ms);
    x->list = out;
    x->n = kept;
    return rc;
}

static const struct aci_op_desc due_op = {
    ACI_ACT_SEARCH, "case", ACI_PURPOSE_REQUIRED, ACI_OP_READ, due_find, due_body,
};

ac_code
ac_cases_due(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             int64_t within_ms,
             ac_arena *a,
             ac_case_due **out,
             size_t *out_n,
             ac_error *err)
{
    struct due_args x = { within_ms, a, NULL, 0 };
    ac_code rc = aci_op_run(&due_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

/* Raise the alert for deadline D: passed, or (REMINDER) due within a day. */
static ac_code
raise_case_alert(ac_hub *hub,
                 const ac_case_due *d,
                 bool reminder,
                 ac_arena *a,
                 size_t *queued,
                 ac_error *err)
{
    ac_alert al;
    char deadline[AC_TIME_TEXT_MAX], state[64], due[AC_UK_TIME_TEXT_MAX];
    int64_t due_ms = 0;
    ac_code rc;

    memset(&al, 0, sizeof al);
    al.id = aci_hub_new_id(hub, a);
    al.case_id = d->case_id;
    al.created_at = aci_hub_now_text(hub, a);
    al.priority = reminder                                             ? AC_ALERT_LOW
                  : strcmp(d->case_type, "offender_notification") == 0 ? AC_ALERT_HIGH
                                                                       : AC_ALERT_MEDIUM;
    /* a person reads it: words for the type and state, the time in UK time (issue 16.1) */
    aci_code_words(d->state, state, sizeof state);
    if (ac_time_parse(d->due_at, &due_ms, NULL) == AC_OK) {
        aci_uk_time_text(due_ms, due, sizeof due);
    } else {
        snprintf(due, sizeof due, "%s", d->due_at);
    }
    al.reason = ac_arena_printf(a, "%s case deadline %s at the stage \"%s\" (due %s)",
                                aci_case_type_words(d->case_type),
                                reminder ? "due within a day" : "passed", state, due);
    al.status = AC_ALERT_OPEN;
    al.deadline = ac_arena_strdup(
        a, ac_time_format(aci_hub_now_ms(hub) +
                              (int64_t)ac_alert_deadline_minutes(al.priority) * ACI_MS_PER_MIN,
                          deadline));
    if (al.id == NULL || al.created_at == NULL || al.reason == NULL || al.deadline == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_alert_route(hub, d->case_id, a, &al.routed_agency_id, err);
    if (rc == AC_OK && al.routed_agency_id == NULL) {
        rc = aci_alert_route(hub, NULL, a, &al.routed_agency_id, err);
    }
    if (rc == AC_OK && al.routed_agency_id == NULL) {
        /* nobody to route to: every duty officer sees it */
        al.escalation = aci_policy_alert_open_escalation();
    }
    if (rc == AC_OK) {
        rc = aci_store_alert_insert(hub->store, &al, err);
    }
    if (rc == AC_OK) {
        rc = aci_notify_alert(hub, hub->store, al.id, al.routed_agency_id, false, al.escalation, a,
                              queued, err);
    }
    return rc;
}

/* Alert every deadline passed, or (REMINDER) due before UNTIL, that has had no such alert;
 * *N is how many. */
static ac_code
alert_deadlines(ac_hub *hub,
                bool reminder,
                const char *until,
                ac_arena *a,
                size_t *n,
                size_t *queued,
                ac_error *err)
{
    ac_case_due *due = NULL;
    ac_code rc = aci_store_case_deadlines_unalerted(hub->store, reminder, aci_hub_now_text(hub, a),
                                                    until, a, &due, n, err);

    for (size_t i = 0; rc == AC_OK && i < *n; i++) {
        rc = raise_case_alert(hub, &due[i], reminder, a, queued, err);
        if (rc == AC_OK) {
            rc = aci_store_case_deadline_alerted(hub->store, due[i].case_id, reminder,
                                                 aci_hub_now_text(hub, a), err);
        }
    }
    return rc;
}

struct escalate_args {
    size_t lapsed, reminded; /* out */
    size_t queued;           /* out: notifications queued */
};

static ac_code
escalate_body(struct aci_op *op, void *args, ac_error *err)
{
    struct escalate_args *x = args;
    char until[AC_TIME_TEXT_MAX];
    ac_code rc = alert_deadlines(op->hub, false, NULL, op->scratch, &x->lapsed, &x->queued, err);

    if (rc == AC_OK) {
        ac_time_format(aci_hub_now_ms(op->hub) + REMIND_BEFORE_MS, until);
        rc = alert_deadlines(op->hub, true, until, op->scratch, &x->reminded, &x->queued, err);
    }
    op->detail = ac_arena_printf(
        op->scratch, "%zu case deadlines passed, %zu reminders, %zu notifications queued",
        x->lapsed, x->reminded, x->queued);
    op->idle = x->lapsed + x->reminded == 0;
    return rc;
}

static const struct aci_op_desc escalate_op = {
    ACI_ACT_ESCALATE,    "case",        ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE,
    aci_alert_desk_find, escalate_body,
};

ac_code
ac_case_deadlines_escalate(ac_hub *hub,
                           const ac_actor *actor,
                           const char *purpose,
                           size_t *lapsed_n,
                           size_t *reminded_n,
                           ac_error *err)
{
    struct escalate_args x = { 0, 0, 0 };
    ac_code rc = aci_op_run(&escalate_op, hub, actor, purpose, &x, err);

    *lapsed_n = rc == AC_OK ? x.lapsed : 0;
    *reminded_n = rc == AC_OK ? x.reminded : 0;
    return rc;
}

static const struct aci_op_desc scheduled_escalate_op = {
    ACI_ACT_ESCALATE, "case", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, NULL, escalate_body,
};

ac_code
aci_case_deadlines_escalate_as(ac_hub *hub,
                               const ac_actor *scheduler,
                               size_t *lapsed_n,
                               size_t *reminded_n,
                               size_t *out_queued,
                               ac_error *err)
{
    struct escalate_args x = { 0, 0, 0 };
    ac_code rc = aci_op_run(&scheduled_escalate_op, hub, scheduler, "scheduled deadlines", &x, err);

    *lapsed_n = rc == AC_OK ? x.lapsed : 0;
    *reminded_n = rc == AC_OK ? x.reminded : 0;
    *out_queued = rc == AC_OK ? x.queued : 0;
    return rc;
}
