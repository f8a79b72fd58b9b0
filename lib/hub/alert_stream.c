/* SPDX-License-Identifier: Apache-2.0
 *
 * alert_stream.c - what changed on the alerts, for GET /api/v1/alerts/stream
 * (include/accord/report.h).  Triggers on the alerts table write one event per raise,
 * escalation and acknowledgement (0017_alert_stream.sql), so no writer can forget one.
 * The server polls ac_alert_events_latest (one indexed max(), no record read) and, when
 * it moved, asks ac_alert_events as the officer: the same policy and audit as the list.
 */
#include "internal.h"

#include "accord/report.h"
#include "hub/hub_int.h"
#include "policy/policy.h"
#include "store/store.h"
#include "store/store_report.h"

#define EVENTS_MAX 100

struct events_args {
    int64_t after;
    size_t limit;
    ac_arena *a;
    ac_alert_event *list; /* out */
    size_t n;
};

static ac_code
events_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res.type = "alert";
    op->res.agency_id = op->actor->agency_id; /* as ac_alert_list: the officer's own desk */
    return AC_OK;
}

static ac_code
events_body(struct aci_op *op, void *args, ac_error *err)
{
    struct events_args *x = args;
    ac_code rc = aci_store_alert_events(
        op->store, op->actor->agency_id, aci_policy_alert_open_escalation(), x->after,
        x->limit == 0 || x->limit > EVENTS_MAX ? EVENTS_MAX : x->limit, x->a, &x->list, &x->n, err);

    /* the audit entry names every alert an event was sent for, as the list's does */
    op->lists = rc == AC_OK;
    for (size_t i = 0; rc == AC_OK && i < x->n; i++) {
        x->list[i].alert.classification = aci_policy_alert_marking(x->list[i].alert.case_type);
        rc = aci_op_returned(op, x->list[i].alert.id, err);
    }
    return rc;
}

static const struct aci_op_desc events_op = {
    ACI_ACT_ALERT_READ, "alert", ACI_PURPOSE_REQUIRED, ACI_OP_READ, events_find, events_body,
};

ac_code
ac_alert_events(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                int64_t after,
                size_t limit,
                ac_arena *a,
                ac_alert_event **out,
                size_t *out_n,
                ac_error *err)
{
    struct events_args x = { after, limit, a, NULL, 0 };
    ac_code rc =
        after >= 0 ? aci_op_run(&events_op, hub, actor, purpose, &x, err)
                   : aci_fail(err, AC_EINVAL, "after: expected an event id of 0 or more, not %lld",
                              (long long)after);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

static ac_code
latest_read(ac_hub *hub, struct aci_store *s, void *args, ac_error *err)
{
    (void)hub;
    return aci_store_alert_events_latest(s, args, err);
}

ac_code
ac_alert_events_latest(ac_hub *hub, int64_t *out, ac_error *err)
{
    *out = 0;
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    return aci_hub_read(hub, latest_read, out, err);
}
