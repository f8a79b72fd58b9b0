/* SPDX-License-Identifier: Apache-2.0
 *
 * grants.c - the two-person rule for power over content (include/accord/party.h): a
 * content role, SC or DV vetting, or another agency takes effect only when a second
 * administrator approves.  The one who asked never approves; the approver must manage the
 * account (policy: aci_policy_account_manager), or be one of the hub's administrators.
 */
#include "internal.h"

#include "hub/hub_grant.h"
#include "hub/hub_int.h"
#include "store/store.h"
#include "store/store_duties.h"
#include "store/store_party.h"

int
ac_grant_needed(unsigned from_roles,
                ac_vetting from_vetting,
                unsigned to_roles,
                ac_vetting to_vetting)
{
    return aci_policy_grant_needs_second(from_roles, from_vetting, to_roles, to_vetting);
}

ac_code
aci_grant_request(struct aci_op *op,
                  const ac_user *u,
                  ac_arena *a,
                  const char **out_id,
                  ac_error *err)
{
    ac_grant g = { 0 };

    g.id = aci_hub_new_id(op->hub, a);
    *out_id = g.id;
    g.user_id = u->id;
    g.roles = u->roles;
    g.vetting = u->vetting;
    g.agency_id = u->agency_id;
    g.requested_by = op->actor->user_id;
    g.requested_at = aci_hub_now_text(op->hub, op->scratch);
    if (g.id == NULL || g.requested_at == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    op->detail = ac_arena_printf(op->scratch, "held for a second administrator: grant %s", g.id);
    return aci_store_grant_insert(op->store, &g, err);
}

/* The administrators who may decide grants for users of AGENCY_ID: that agency's, or the
 * hub's (an agency's first administrator has no colleague yet). */
static ac_code
allow_decider(struct aci_op *op, const char *agency_id, ac_error *err)
{
    const char *hub_agency = NULL;
    struct aci_resource res = { "user", agency_id };
    ac_code rc = aci_store_hub_agency(op->store, op->scratch, &hub_agency, err);

    if (rc == AC_OK && strcmp(op->actor->agency_id, hub_agency) == 0) {
        res.agency_id = hub_agency;
    }
    return rc == AC_OK ? aci_op_allow(op, &res, err) : rc;
}

/* ---- list ---- */

struct list_args {
    ac_arena *a;
    ac_grant *list; /* out */
    size_t n;
};

static ac_code
list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct list_args *x = args;
    const char *hub_agency = NULL;
    ac_code rc = allow_decider(op, op->actor->agency_id, err);

    if (rc == AC_OK) {
        rc = aci_store_hub_agency(op->store, op->scratch, &hub_agency, err);
    }
    if (rc == AC_OK) {
        bool hub_admin = strcmp(op->actor->agency_id, hub_agency) == 0;

        rc = aci_store_grants_pending(op->store, hub_admin ? NULL : op->actor->agency_id, x->a,
                                      &x->list, &x->n, err);
    }
    for (size_t i = 0; rc == AC_OK && i < x->n; i++) {
        rc = aci_op_returned(op, x->list[i].id, err);
    }
    op->detail = "pending grants";
    return rc;
}

static const struct aci_op_desc list_op = {
    ACI_ACT_MANAGE_PARTY, "grant", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, NULL, list_body,
};

ac_code
ac_grant_list(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              ac_arena *a,
              ac_grant **out,
              size_t *out_n,
              ac_error *err)
{
    struct list_args x = { a, NULL, 0 };
    ac_code rc = aci_op_run(&list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

/* ---- decide ---- */

struct decide_args {
    const char *id;
    bool approve;
};

static ac_code
decide_body(struct aci_op *op, void *args, ac_error *err)
{
    struct decide_args *x = args;
    ac_grant g = { 0 }; /* read below even when no grant loads */
    ac_user u;
    ac_code rc = aci_store_grant_load(op->store, x->id, op->scratch, &g, err);

    op->object_id = x->id;
    if (rc == AC_OK) {
        rc = allow_decider(op, g.from_agency_id, err);
    }
    if (rc == AC_OK && strcmp(g.agency_id, g.from_agency_id) != 0) {
        rc = allow_decider(op, g.agency_id, err); /* a move: both agencies' say */
    }
    if (rc == AC_OK && strcmp(g.requested_by, op->actor->user_id) == 0) {
        op->denied = true;
        op->deny_reason = "the two-person rule: the one who asked does not approve";
        return aci_fail(err, AC_EDENIED,
                        "grant '%s' was asked by you: a second administrator must decide it",
                        x->id);
    }
    if (rc == AC_OK) {
        rc =
            aci_store_grant_decide(op->store, x->id, x->approve ? "approved" : "refused",
                                   op->actor->user_id, aci_hub_now_text(op->hub, op->scratch), err);
    }
    if (rc == AC_OK && x->approve) {
        rc = aci_store_user_find(op->store, g.user_id, true, op->scratch, &u, err);
        u.roles = g.roles;
        u.vetting = g.vetting;
        u.agency_id = g.agency_id;
        u.status = AC_USER_ACTIVE;
        rc = rc == AC_OK ? aci_store_user_apply(op->store, &u, err) : rc;
    }
    op->recipients = g.user_id; /* NULL when there is no such grant */
    op->detail = x->approve ? "approved" : "refused";
    return rc == AC_ENOTFOUND ? aci_fail(err, AC_ENOTFOUND, "no grant '%s'", x->id) : rc;
}

static const struct aci_op_desc decide_op = {
    ACI_ACT_MANAGE_PARTY, "grant", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, NULL, decide_body,
};

ac_code
ac_grant_decide(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                const char *id,
                int approve,
                ac_error *err)
{
    struct decide_args x = { id, approve != 0 };

    return aci_op_run(&decide_op, hub, actor, purpose, &x, err);
}

/* ---- ask ---- */

struct ask_args {
    const char *username;
    unsigned roles;
    ac_vetting vetting;
    const char *agency_id; /* NULL: stays */
    ac_arena *a;
    const char *grant_id; /* out: NULL when applied at once */
};

static ac_code
ask_body(struct aci_op *op, void *args, ac_error *err)
{
    struct ask_args *x = args;
    const char *hub_agency = NULL;
    struct aci_resource res = { "user", NULL };
    ac_agency g;
    ac_user u;
    bool held;
    ac_code rc = aci_store_user_find(op->store, x->username, false, op->scratch, &u, err);

    if (rc == AC_ENOTFOUND) {
        return aci_fail(err, AC_EINVAL, "no user '%s'", x->username);
    }
    if (rc == AC_OK && (x->roles == 0 || (x->roles & ~AC_ROLE_ALL) != 0 ||
                        (unsigned)x->vetting >= AC_VETTING_COUNT)) {
        return aci_fail(err, AC_EINVAL,
                        "roles and vetting: give at least one known role and a "
                        "known vetting level");
    }
    if (rc == AC_OK && x->agency_id != NULL) {
        rc = aci_store_agency_find(op->store, x->agency_id, op->scratch, &g, err);
        if (rc == AC_ENOTFOUND) {
            return aci_fail(err, AC_EINVAL, "agency: no such agency");
        }
    }
    if (rc == AC_OK) {
        rc = aci_store_hub_agency(op->store, op->scratch, &hub_agency, err);
    }
    if (rc == AC_OK) {
        op->object_id = u.id;
        res.agency_id = aci_policy_account_manager(u.agency_id, u.roles, hub_agency);
        rc = aci_op_allow(op, &res, err);
    }
    if (rc != AC_OK) {
        return rc;
    }
    held = aci_policy_grant_needs_second(u.roles, u.vetting, x->roles, x->vetting) ||
           (x->agency_id != NULL && strcmp(g.id, u.agency_id) != 0);
    u.roles = x->roles;
    u.vetting = x->vetting;
    u.agency_id = x->agency_id != NULL ? g.id : u.agency_id;
    if (!held) {
        op->detail = "applied: no new power";
        return aci_store_user_apply(op->store, &u, err);
    }
    return aci_grant_request(op, &u, x->a, &x->grant_id, err);
}

static const struct aci_op_desc ask_op = {
    ACI_ACT_MANAGE_PARTY, "user", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, NULL, ask_body,
};

ac_code
ac_user_grant(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const char *username,
              unsigned roles,
              ac_vetting vetting,
              const char *agency_id,
              ac_arena *a,
              const char **out_grant,
              ac_error *err)
{
    struct ask_args x = { username, roles, vetting, agency_id, a, NULL };
    ac_code rc = aci_op_run(&ask_op, hub, actor, purpose, &x, err);

    *out_grant = rc == AC_OK ? x.grant_id : NULL;
    return rc;
}
