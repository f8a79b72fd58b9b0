/* SPDX-License-Identifier: Apache-2.0
 *
 * op.c - the executor: every public data call runs here, from its declaration
 * (struct aci_op_desc in hub_int.h).  This is the one gate.
 *
 *   start    check the handle and the purpose; take a connection (a reader for a read
 *            when the hub has readers, else the writer) and open a transaction; load the
 *            actor afresh, so a suspended user is refused at once and a forged one gains
 *            nothing
 *   find     the declaration's: find the resource; the executor asks the policy
 *   body     the declaration's: the work
 *   finish   append the audit entry and commit, or roll back on failure; on a reader the
 *            entry is appended on the writer after the snapshot closes; wait until the
 *            entry is durable before the call returns, so no record leaves before it
 *
 * Invariants:
 *   (1) no store access for a call happens outside start..finish
 *   (2) a successful or refused call commits exactly one audit entry (with its change),
 *       except a scheduler's call that found nothing due (op->idle), which changed nothing
 *   (3) a failed call leaves the store as it was; "not found" keeps only its entry
 *   (4) the call returns only once its entry is on disk (or with the failure to save it)
 */
#include "internal.h"

#include "accord/text.h"
#include "audit/audit.h"
#include "hub/hub_int.h"
#include "store/store.h"

#define PURPOSE_MAX 500

const ac_actor aci_scheduler_actor = { NULL, "scheduler", NULL, 0, NULL, 0, 0, "scheduler" };

static ac_code
check_actor(struct aci_op *op, ac_error *err)
{
    const ac_actor *actor = op->actor;
    ac_actor now;
    ac_code rc;

    if (actor == &aci_scheduler_actor) {
        return AC_OK; /* nobody signed in: its calls ask no policy */
    }
    if (actor->user_id == NULL || actor->agency_id == NULL) {
        rc = aci_fail(err, AC_EMISUSE, "actor not made by ac_hub_actor");
    } else if (aci_hub_actor_fresh(op->hub, actor)) {
        return AC_OK; /* the session check of this request just loaded it */
    } else {
        rc = aci_hub_load_actor(op->store, actor->user_id, true, op->scratch, &now, err);
    }
    if (rc == AC_OK && (strcmp(now.agency_id, actor->agency_id) != 0 || now.roles != actor->roles ||
                        now.vetting != actor->vetting)) {
        rc = aci_fail(err, AC_EDENIED, "the user's roles changed: sign in again");
    }
    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_EDENIED, "the acting user no longer exists");
    }
    return rc;
}

static ac_code
check_purpose(const char *purpose, enum aci_purpose_rule rule, ac_error *err)
{
    size_t plen = purpose != NULL ? strlen(purpose) : 0;

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
    return AC_OK;
}

static void
enter_writer(struct aci_op *op)
{
    op->batch = aci_conns_write_enter(op->hub->conns);
    op->in_writer = true;
    op->store = op->hub->store;
}

/* Give back the connection; the writer's batch must then be durable. */
static ac_code
release(struct aci_op *op, ac_code rc, ac_error *err)
{
    if (op->on_reader) {
        aci_conns_reader_put(op->hub->conns, op->store);
        op->on_reader = false;
    }
    if (op->in_writer) {
        op->in_writer = false;
        aci_conns_write_leave(op->hub->conns);
        if (!aci_conns_settle(op->hub->conns, op->batch) && rc == AC_OK) {
            rc = aci_fail(err, AC_ESTORAGE,
                          "the change and its audit entry could not be saved: try again");
        }
    }
    op->store = NULL;
    ac_arena_free(op->scratch);
    op->scratch = NULL;
    return rc;
}

static ac_code
start(struct aci_op *op,
      const struct aci_op_desc *d,
      ac_hub *hub,
      const ac_actor *actor,
      const char *purpose,
      ac_error *err)
{
    ac_code rc;

    memset(op, 0, sizeof *op);
    if (!ACI_HUB_OK(hub) || actor == NULL) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    rc = check_purpose(purpose, d->purpose, err);
    if (rc != AC_OK) {
        return rc;
    }
    op->hub = hub;
    op->desc = d;
    op->actor = actor;
    op->purpose = purpose;
    op->scratch = ac_arena_new(0);
    if (op->scratch == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    op->store = d->kind == ACI_OP_READ ? aci_conns_reader_get(hub->conns) : NULL;
    op->on_reader = op->store != NULL;
    if (op->store == NULL) {
        enter_writer(op);
    }
    rc = aci_store_begin(op->store, err);
    op->began = rc == AC_OK;
    if (rc == AC_OK) {
        rc = check_actor(op, err);
    }
    if (rc != AC_OK) {
        if (op->began) {
            aci_store_rollback(op->store);
            op->began = false;
        }
        return release(op, rc, err);
    }
    return AC_OK;
}

/* The detail with the ids the call returned, when it lists. */
static const char *
audit_detail(struct aci_op *op)
{
    const char *terms = op->detail != NULL ? op->detail : "";
    size_t len = strlen(terms) + 32 + op->n_returned * (AC_ID_LEN + 1);
    char *out;
    int at;

    if (!op->lists) {
        return op->detail;
    }
    out = ac_arena_alloc(op->scratch, len);
    if (out == NULL) {
        return op->detail;
    }
    at = snprintf(out, len, "%s; %zu results:", terms, op->n_returned);
    for (size_t i = 0; i < op->n_returned && at > 0 && (size_t)at < len; i++) {
        at += snprintf(out + at, len - (size_t)at, " %s", op->returned[i]);
    }
    return out;
}

static ac_code
append_entry(struct aci_op *op, ac_code rc, ac_error *err)
{
    struct aci_audit_entry e;
    char at[AC_TIME_TEXT_MAX], via[512];

    memset(&e, 0, sizeof e);
    e.at = ac_time_format(aci_hub_now_ms(op->hub), at);
    e.actor_id = op->actor->user_id;
    e.agency_id = op->actor->agency_id;
    e.action = aci_action_str(op->desc->action);
    e.object_type = op->desc->object_type;
    e.object_id = op->object_id;
    e.purpose = op->purpose;
    e.outcome = op->denied ? "denied" : rc == AC_ENOTFOUND ? "not_found" : "ok";
    e.detail = op->denied ? op->deny_reason : audit_detail(op);
    e.recipients = op->recipients;
    e.via = aci_hub_via(op->hub, op->actor, via, sizeof via);
    return aci_audit_append(op->store, &op->hub->key, &e, aci_hub_now_ms(op->hub), err);
}

static ac_code
finish(struct aci_op *op, ac_code rc, ac_error *err)
{
    ac_error audit_err;
    ac_code arc;

    if (!op->began) {
        return rc;
    }
    op->began = false;
    if (rc != AC_OK && !op->denied && rc != AC_ENOTFOUND) {
        aci_store_rollback(op->store);
        return release(op, rc, err);
    }
    if (op->on_reader || (rc != AC_OK && !op->denied)) {
        /* a read's snapshot ends here; a read of something that is not there changed
         * nothing, but it is recorded */
        aci_store_rollback(op->store);
        if (op->on_reader) {
            aci_conns_reader_put(op->hub->conns, op->store);
            op->on_reader = false;
            enter_writer(op);
        }
        arc = aci_store_begin(op->store, &audit_err);
        if (arc != AC_OK) {
            return release(op, rc, err);
        }
    }
    if (op->idle && rc == AC_OK && op->actor == &aci_scheduler_actor) {
        /* the scheduler's tick found nothing due: it changed nothing and read no record */
        aci_store_rollback(op->store);
        return release(op, rc, err);
    }
    arc = append_entry(op, rc, &audit_err);
    if (arc != AC_OK) {
        aci_store_rollback(op->store);
    } else {
        arc = aci_store_commit(op->store, &audit_err);
    }
    if (arc != AC_OK) {
        if (err != NULL) {
            *err = audit_err;
        }
        rc = arc;
    }
    return release(op, rc, err);
}

static ac_code
run_once(const struct aci_op_desc *d,
         ac_hub *hub,
         const ac_actor *actor,
         const char *purpose,
         void *args,
         ac_error *err)
{
    struct aci_op op;
    ac_code rc = start(&op, d, hub, actor, purpose, err);

    if (rc != AC_OK) {
        return rc;
    }
    if (d->find != NULL) {
        rc = d->find(&op, args, err);
        if (rc == AC_OK) {
            rc = aci_op_allow(&op, &op.res, err);
        }
    }
    if (rc == AC_OK && d->body != NULL) {
        rc = d->body(&op, args, err);
    }
    return finish(&op, rc, err);
}

ac_code
aci_op_run_args(const struct aci_op_desc *d,
                ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                void *args,
                size_t args_size,
                ac_error *err)
{
#ifdef ACCORD_TEST
    if (aci_op_sweep_wants(hub, d)) {
        return aci_op_sweep_run(d, hub, actor, purpose, args, args_size, err, run_once);
    }
#endif
    (void)args_size;
    return run_once(d, hub, actor, purpose, args, err);
}

ac_code
aci_op_allow(struct aci_op *op, const struct aci_resource *res, ac_error *err)
{
    return aci_op_allow_as(op, op->desc->action, res, err);
}

ac_code
aci_op_allow_as(struct aci_op *op,
                enum aci_action action,
                const struct aci_resource *res,
                ac_error *err)
{
    struct aci_decision d = aci_policy_decide(op->actor, action, res);

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
aci_op_returned(struct aci_op *op, const char *id, ac_error *err)
{
    op->lists = true;
    if (op->n_returned == op->returned_cap) {
        size_t cap = op->returned_cap ? op->returned_cap * 2 : 16;
        const char **grown = ac_arena_alloc(op->scratch, cap * sizeof *grown);

        if (grown == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory");
        }
        if (op->n_returned > 0) {
            memcpy(grown, op->returned, op->n_returned * sizeof *grown);
        }
        op->returned = grown;
        op->returned_cap = cap;
    }
    op->returned[op->n_returned] = ac_arena_strdup(op->scratch, id);
    if (op->returned[op->n_returned] == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    op->n_returned++;
    return AC_OK;
}

ac_code
aci_hub_exclusive(ac_hub *hub, aci_hub_fn fn, void *args, ac_error *err)
{
    uint64_t batch;
    ac_code rc;

    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    batch = aci_conns_write_enter(hub->conns);
    rc = fn(hub, hub->store, args, err);
    aci_conns_write_leave(hub->conns);
    if (!aci_conns_settle(hub->conns, batch) && rc == AC_OK) {
        rc = aci_fail(err, AC_ESTORAGE,
                      "the change and its audit entry could not be saved: "
                      "try again");
    }
    return rc;
}

ac_code
aci_hub_read(ac_hub *hub, aci_hub_fn fn, void *args, ac_error *err)
{
    struct aci_store *reader;
    ac_code rc;

    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    reader = aci_conns_reader_get(hub->conns);
    if (reader == NULL) {
        return aci_hub_exclusive(hub, fn, args, err);
    }
    rc = fn(hub, reader, args, err);
    aci_conns_reader_put(hub->conns, reader);
    return rc;
}
