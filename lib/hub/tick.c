/* SPDX-License-Identifier: Apache-2.0
 *
 * tick.c - the scheduler's tick (ac_hub_tick, notify.h): lapsed alerts climb a tier, case
 * deadlines raise their alerts, and the audit log is checkpointed hourly, as of a time the
 * caller gives ('accord serve' every few seconds, tests chosen times).
 */
#include "internal.h"

#include "accord/notify.h"

#include "audit/audit.h"
#include "hub/hub_alert.h"
#include "hub/hub_holding.h"
#include "hub/hub_int.h"
#include "store/store.h"

#define CHECKPOINT_MS (60 * 60 * 1000LL) /* a scheduled checkpoint at most hourly */

static ac_code
checkpoint_body(struct aci_op *op, void *args, ac_error *err)
{
    uint64_t *size = args, last;
    struct aci_frontier f;
    char at[AC_TIME_TEXT_MAX];
    ac_code rc = aci_audit_state_load(op->store, &f, err);

    pthread_mutex_lock(&op->hub->lock);
    last = op->hub->tick_checkpoint_size;
    pthread_mutex_unlock(&op->hub->lock);
    if (rc != AC_OK || (last > 0 && f.size <= last + 1)) {
        op->idle = rc == AC_OK; /* nothing since the last one but its own entry */
        return rc;
    }
    op->detail = "scheduled checkpoint";
    rc = aci_audit_checkpoint(op->store, &op->hub->key, ac_time_format(aci_hub_now_ms(op->hub), at),
                              size, err);
    if (rc == AC_OK) {
        pthread_mutex_lock(&op->hub->lock);
        op->hub->tick_checkpoint_size = *size;
        pthread_mutex_unlock(&op->hub->lock);
    }
    return rc;
}

static const struct aci_op_desc checkpoint_op = {
    ACI_ACT_AUDIT_SIGN, "audit", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, NULL, checkpoint_body,
};

/* A checkpoint when the last scheduled one (or the first tick) is an hour old and the log
 * grew since. */
static ac_code
tick_checkpoint(ac_hub *hub, int64_t now_ms, uint64_t *out_size, ac_error *err)
{
    bool due;
    ac_code rc = AC_OK;

    pthread_mutex_lock(&hub->lock);
    /* the first tick starts the hour: a server's start signs nothing by itself */
    due = hub->tick_checkpoint_ms != 0 && now_ms - hub->tick_checkpoint_ms >= CHECKPOINT_MS;
    if (due || hub->tick_checkpoint_ms == 0) {
        hub->tick_checkpoint_ms = now_ms;
    }
    pthread_mutex_unlock(&hub->lock);
    if (due) {
        rc = aci_op_run(&checkpoint_op, hub, &aci_scheduler_actor, "scheduled checkpoint", out_size,
                        err);
    }
    return rc;
}

ac_code
ac_hub_tick(ac_hub *hub, int64_t now_ms, ac_tick_result *out, ac_error *err)
{
    size_t queued = 0;
    ac_code rc;

    memset(out, 0, sizeof *out);
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    if (now_ms > aci_hub_now_ms(hub) + 1000) { /* nobody fast-forwards the deadlines */
        return aci_fail(err, AC_EINVAL,
                        "now: a tick runs at the hub's own time, never ahead of its clock");
    }
    aci_hub_clock_pin(now_ms);
    rc = aci_alerts_escalate_as(hub, &aci_scheduler_actor, &out->alerts_escalated, &queued, err);
    out->notifications_queued += queued;
    if (rc == AC_OK) {
        queued = 0;
        rc = aci_case_deadlines_escalate_as(hub, &aci_scheduler_actor, &out->case_deadlines_passed,
                                            &out->case_reminders, &queued, err);
        out->notifications_queued += queued;
    }
    if (rc == AC_OK) {
        queued = 0;
        rc = aci_rfis_escalate_as(hub, &aci_scheduler_actor, &out->rfis_overdue, &queued, err);
        out->notifications_queued += queued;
    }
    if (rc == AC_OK) {
        rc = tick_checkpoint(hub, now_ms, &out->checkpoint_size, err);
    }
    aci_hub_clock_unpin();
    return rc;
}
