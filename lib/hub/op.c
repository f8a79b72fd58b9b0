/* SPDX-License-Identifier: Apache-2.0
 *
 * op.c - the frame of every public data call: the one gate.
 *
 *   aci_op_begin   check handle, actor (re-read from the store, so a suspended user is
 *                  refused at once and a forged actor gains nothing) and purpose; BEGIN
 *   aci_op_allow   ask the policy; a refusal is remembered, to be audited and committed
 *   aci_op_end     append the audit entry and COMMIT, or ROLL BACK on failure
 *
 * Invariants:
 *   (1) no store access for a call happens outside begin..end
 *   (2) a successful or refused call commits exactly one audit entry with its change
 *   (3) a failed call leaves the store as it was
 */
#include "internal.h"

#include "accord/text.h"
#include "audit/audit.h"
#include "hub/hub_int.h"
#include "store/store.h"

#define PURPOSE_MAX 500

static ac_code
check_actor(ac_hub *hub, const ac_actor *actor, ac_error *err)
{
    ac_arena *a = ac_arena_new(0);
    ac_actor now;
    ac_code rc;

    if (a == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (actor->user_id == NULL || actor->agency_id == NULL) {
        rc = aci_fail(err, AC_EMISUSE, "actor not made by ac_hub_actor");
    } else {
        rc = aci_hub_load_actor(hub, actor->user_id, true, a, &now, err);
    }
    if (rc == AC_OK && (strcmp(now.agency_id, actor->agency_id) != 0 || now.roles != actor->roles ||
                        now.vetting != actor->vetting)) {
        rc = aci_fail(err, AC_EDENIED, "the user's roles changed: sign in again");
    }
    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_EDENIED, "the acting user no longer exists");
    }
    ac_arena_free(a);
    return rc;
}

ac_code
aci_op_begin(struct aci_op *op,
             ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             enum aci_purpose_rule rule,
             enum aci_action action,
             const char *object_type,
             ac_error *err)
{
    size_t plen = purpose != NULL ? strlen(purpose) : 0;
    ac_code rc;

    memset(op, 0, sizeof *op);
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    while (plen > 0 && purpose[plen - 1] == ' ') {
        plen--;
    }
    if (rule == ACI_PURPOSE_REQUIRED && plen == 0) {
        return aci_fail(err, AC_EINVAL,
                        "a purpose is required: say why you need this (e.g. "
                        "--purpose 'Operation X risk assessment')");
    }
    if (plen > PURPOSE_MAX || !ac_utf8_valid_str(purpose)) {
        return aci_fail(err, AC_EINVAL, "purpose must be valid UTF-8 of at most %d bytes",
                        PURPOSE_MAX);
    }
    op->hub = hub;
    op->actor = actor;
    op->purpose = purpose;
    op->action = action;
    op->object_type = object_type;
    rc = aci_store_begin(hub->store, err);
    if (rc != AC_OK) {
        return rc;
    }
    op->began = true;
    rc = check_actor(hub, actor, err);
    if (rc != AC_OK) {
        aci_store_rollback(hub->store);
        op->began = false;
    }
    return rc;
}

ac_code
aci_op_allow(struct aci_op *op, const struct aci_resource *res, ac_error *err)
{
    struct aci_decision d = aci_policy_decide(op->actor, op->action, res);

    if (d.allow) {
        return AC_OK;
    }
    op->denied = true;
    op->deny_reason = d.reason;
    if (d.hide) {
        return aci_fail(err, AC_ENOTFOUND, "%s not found", res->type);
    }
    return aci_fail(err, AC_EDENIED, "not allowed: %s", d.reason);
}

ac_code
aci_op_end(struct aci_op *op, ac_code rc, ac_error *err)
{
    struct aci_audit_entry e;
    char at[AC_TIME_TEXT_MAX];
    ac_error audit_err;
    ac_code arc;

    if (!op->began) {
        return rc;
    }
    op->began = false;
    if (rc != AC_OK && !op->denied && rc != AC_ENOTFOUND) {
        aci_store_rollback(op->hub->store);
        return rc;
    }
    if (rc != AC_OK && !op->denied) {
        /* a read of something that is not there: nothing changed, but it is recorded */
        aci_store_rollback(op->hub->store);
        if (aci_store_begin(op->hub->store, err) != AC_OK) {
            return rc;
        }
    }
    memset(&e, 0, sizeof e);
    e.at = ac_time_format(aci_hub_now_ms(op->hub), at);
    e.actor_id = op->actor->user_id;
    e.agency_id = op->actor->agency_id;
    e.action = aci_action_str(op->action);
    e.object_type = op->object_type;
    e.object_id = op->object_id;
    e.purpose = op->purpose;
    e.outcome = op->denied ? "denied" : rc == AC_ENOTFOUND ? "not_found" : "ok";
    e.detail = op->denied ? op->deny_reason : op->detail;
    e.recipients = op->recipients;
    arc = aci_audit_append(op->hub->store, &op->hub->key, &e, aci_hub_now_ms(op->hub), &audit_err);
    if (arc != AC_OK) {
        aci_store_rollback(op->hub->store);
        if (err != NULL) {
            *err = audit_err;
        }
        return arc;
    }
    arc = aci_store_commit(op->hub->store, &audit_err);
    if (arc != AC_OK) {
        if (err != NULL) {
            *err = audit_err;
        }
        return arc;
    }
    return rc;
}
