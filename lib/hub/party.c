/* SPDX-License-Identifier: Apache-2.0
 *
 * party.c - hub calls that manage and list the partnership: agencies, users, and the
 * hub's aggregate counts.
 */
#include "internal.h"

#include <ctype.h>

#include "hub/hub_grant.h"
#include "hub/hub_int.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_duties.h"
#include "store/store_party.h"

static const struct aci_resource party_res = { "partnership", NULL };

static bool
country_valid(const char *c)
{
    return c != NULL && strlen(c) == 2 && isupper((unsigned char)c[0]) &&
           isupper((unsigned char)c[1]);
}

/* Every call here acts on the partnership as a whole. */
static ac_code
party_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res = party_res;
    return AC_OK;
}

/* ---- agencies ---- */

struct agency_add_args {
    const ac_agency *in;
    ac_arena *a;
    ac_agency g; /* its id is the out */
};

/* Agencies are added by the hub's administrators: those of the agency that hosts it. */
static ac_code
hub_agency_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    op->res.type = "agency";
    return aci_store_hub_agency(op->store, op->scratch, &op->res.agency_id, err);
}

static ac_code
agency_add_body(struct aci_op *op, void *args, ac_error *err)
{
    struct agency_add_args *x = args;
    const ac_agency *in = x->in;
    ac_agency *g = &x->g;
    ac_code rc = aci_clean_field(in->name, 200, "name", x->a, &g->name, err);

    if (rc == AC_OK && g->name == NULL) {
        rc = aci_fail(err, AC_EINVAL, "name: an agency needs a name");
    }
    if (rc == AC_OK && (unsigned)in->kind >= AC_AGENCY_KIND_COUNT) {
        rc = aci_fail(err, AC_EINVAL, "kind: unknown agency kind");
    }
    if (rc == AC_OK && !country_valid(in->country)) {
        rc = aci_fail(err, AC_EINVAL, "country: use an ISO 3166 two-letter code such as GB");
    }
    if (rc == AC_OK) {
        g->id = aci_hub_new_id(op->hub, x->a);
        g->created_at = aci_hub_now_text(op->hub, x->a);
        rc = g->id && g->created_at ? aci_store_agency_insert(op->store, g, err)
                                    : aci_fail(err, AC_ENOMEM, "out of memory");
        op->object_id = g->id;
    }
    return rc;
}

static const struct aci_op_desc agency_add_op = {
    ACI_ACT_MANAGE_PARTY, "agency",        ACI_PURPOSE_OPTIONAL,
    ACI_OP_WRITE,         hub_agency_find, agency_add_body,
};

ac_code
ac_agency_add(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const ac_agency *in,
              ac_arena *a,
              const char **out_id,
              ac_error *err)
{
    struct agency_add_args x = { in, a, *in };
    ac_code rc = aci_op_run(&agency_add_op, hub, actor, purpose, &x, err);

    *out_id = rc == AC_OK ? x.g.id : NULL;
    return rc;
}

struct agency_list_args {
    ac_arena *a;
    ac_agency *list; /* out */
    size_t n;
};

static ac_code
agency_list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct agency_list_args *x = args;
    ac_code rc = aci_store_agency_list(op->store, x->a, &x->list, &x->n, err);

    op->detail = ac_arena_printf(op->scratch, "%zu agencies", x->n);
    return rc;
}

static const struct aci_op_desc agency_list_op = {
    ACI_ACT_LIST_PARTY, "agency", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, party_find, agency_list_body,
};

ac_code
ac_agency_list(ac_hub *hub,
               const ac_actor *actor,
               const char *purpose,
               ac_arena *a,
               ac_agency **out,
               size_t *out_n,
               ac_error *err)
{
    struct agency_list_args x = { a, NULL, 0 };
    ac_code rc = aci_op_run(&agency_list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

struct agency_find_args {
    const char *id_or_name;
    ac_arena *a;
    ac_agency g; /* out */
};

static ac_code
agency_find_body(struct aci_op *op, void *args, ac_error *err)
{
    struct agency_find_args *x = args;
    ac_code rc = aci_store_agency_find(op->store, x->id_or_name, x->a, &x->g, err);

    op->object_id = x->g.id;
    return rc;
}

static const struct aci_op_desc agency_find_op = {
    ACI_ACT_LIST_PARTY, "agency", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, party_find, agency_find_body,
};

ac_code
ac_agency_find(ac_hub *hub,
               const ac_actor *actor,
               const char *purpose,
               const char *id_or_name,
               ac_arena *a,
               ac_agency *out,
               ac_error *err)
{
    struct agency_find_args x = { .id_or_name = id_or_name, .a = a };
    ac_code rc = aci_op_run(&agency_find_op, hub, actor, purpose, &x, err);

    if (rc == AC_OK) {
        *out = x.g;
    } else {
        memset(out, 0, sizeof *out);
    }
    return rc;
}

/* ---- users ---- */

static ac_code
check_user(const ac_user *in, ac_error *err)
{
    if (in->username == NULL || !aci_username_valid(in->username)) {
        return aci_fail(err, AC_EINVAL,
                        "username: use 2 to 64 of a-z, 0-9, '.', '_', '-', "
                        "starting with a letter or digit");
    }
    if ((unsigned)in->vetting >= AC_VETTING_COUNT) {
        return aci_fail(err, AC_EINVAL, "vetting: unknown vetting level");
    }
    if (in->roles == 0 || (in->roles & ~AC_ROLE_ALL) != 0) {
        return aci_fail(err, AC_EINVAL, "roles: give at least one known role");
    }
    if ((unsigned)in->status >= AC_USER_STATUS_COUNT) {
        return aci_fail(err, AC_EINVAL, "status: unknown user status");
    }
    if (in->agency_id == NULL) {
        return aci_fail(err, AC_EINVAL, "agency: a user belongs to an agency");
    }
    return AC_OK;
}

struct user_add_args {
    const ac_user *in;
    ac_arena *a;
    ac_user u;    /* its id is the out */
    bool service; /* a service account: acts only through tokens its administrators make */
};

/* The account is managed by the administrators the policy names for it: its agency's, or
 * the hub's for an agency's administrator. */
static ac_code
user_add_find(struct aci_op *op, void *args, ac_error *err)
{
    const ac_user *in = ((struct user_add_args *)args)->in;
    const char *hub_agency = NULL;
    ac_agency g;
    ac_code rc = in->agency_id != NULL
                     ? aci_store_agency_find(op->store, in->agency_id, op->scratch, &g, err)
                     : aci_fail(err, AC_EINVAL, "agency: a user belongs to an agency");

    if (rc == AC_ENOTFOUND) {
        return aci_fail(err, AC_EINVAL, "agency: no such agency; 'accord agency list' shows them");
    }
    if (rc == AC_OK) {
        rc = aci_store_hub_agency(op->store, op->scratch, &hub_agency, err);
    }
    op->res.type = "user";
    op->res.agency_id =
        rc == AC_OK ? aci_policy_account_manager(g.id, in->roles, hub_agency) : NULL;
    return rc;
}

static ac_code
user_add_body(struct aci_op *op, void *args, ac_error *err)
{
    struct user_add_args *x = args;
    const ac_user *in = x->in;
    ac_user *u = &x->u;
    ac_agency g;
    bool held = aci_policy_grant_needs_second(0, AC_VETTING_NONE, in->roles, in->vetting);
    ac_code rc = check_user(in, err);

    if (rc == AC_OK) {
        rc = aci_clean_field(in->display_name, 200, "display_name", x->a, &u->display_name, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_agency_find(op->store, in->agency_id, x->a, &g, err);
    }
    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_EINVAL, "agency: no such agency; 'accord agency list' shows them");
    }
    if (rc == AC_OK) {
        u->agency_id = g.id;
        u->display_name = u->display_name != NULL ? u->display_name : u->username;
        u->id = aci_hub_new_id(op->hub, x->a);
        u->created_at = aci_hub_now_text(op->hub, x->a);
        /* a content role or SC/DV vetting waits, suspended, for a second administrator */
        u->status = held ? AC_USER_SUSPENDED : in->status;
        rc = u->id && u->created_at ? aci_store_user_insert(op->store, u, err)
                                    : aci_fail(err, AC_ENOMEM, "out of memory");
        op->object_id = u->id;
    }
    if (rc == AC_OK && x->service) {
        rc = aci_store_user_mark_service(op->store, u->id, err);
        op->detail = "service account";
    }
    if (rc == AC_OK && held) {
        const char *grant = NULL;

        rc = aci_grant_request(op, u, op->scratch, &grant, err);
    }
    return rc;
}

static const struct aci_op_desc user_add_op = {
    ACI_ACT_MANAGE_PARTY, "user", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, user_add_find, user_add_body,
};

ac_code
ac_user_add(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            const ac_user *in,
            ac_arena *a,
            const char **out_id,
            ac_error *err)
{
    struct user_add_args x = { in, a, *in, false };
    ac_code rc = aci_op_run(&user_add_op, hub, actor, purpose, &x, err);

    *out_id = rc == AC_OK ? x.u.id : NULL;
    return rc;
}

ac_code
ac_service_account_add(ac_hub *hub,
                       const ac_actor *actor,
                       const char *purpose,
                       const ac_user *in,
                       ac_arena *a,
                       const char **out_id,
                       ac_error *err)
{
    struct user_add_args x = { in, a, *in, true };
    ac_code rc = aci_op_run(&user_add_op, hub, actor, purpose, &x, err);

    *out_id = rc == AC_OK ? x.u.id : NULL;
    return rc;
}

struct user_list_args {
    ac_arena *a;
    ac_user *list; /* out */
    size_t n;
};

static ac_code
user_list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct user_list_args *x = args;
    bool all = op->actor->roles & (AC_ROLE_ADMIN | AC_ROLE_AUDITOR);
    ac_code rc = aci_store_user_list(op->store, all ? NULL : op->actor->agency_id, x->a, &x->list,
                                     &x->n, err);

    op->detail = ac_arena_printf(op->scratch, "%zu users", x->n);
    for (size_t i = 0; rc == AC_OK && i < x->n; i++) {
        rc = aci_op_returned(op, x->list[i].id, err); /* users are people: name each */
    }
    return rc;
}

static const struct aci_op_desc user_list_op = {
    ACI_ACT_LIST_PARTY, "user", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, party_find, user_list_body,
};

ac_code
ac_user_list(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             ac_arena *a,
             ac_user **out,
             size_t *out_n,
             ac_error *err)
{
    struct user_list_args x = { a, NULL, 0 };
    ac_code rc = aci_op_run(&user_list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

/* ---- suspend, reactivate, unlock ---- */

/* The account KEY (a username, or a user id as the API's paths give) into *U, and the
 * policy asked whether the actor manages it (aci_policy_account_manager). */
static ac_code
managed_user(struct aci_op *op, const char *key, ac_user *u, ac_error *err)
{
    struct aci_resource res = { "user", NULL };
    const char *hub_agency = NULL;
    ac_code rc = aci_store_user_find(op->store, key, false, op->scratch, u, err);

    if (rc == AC_ENOTFOUND) {
        rc = aci_store_user_find(op->store, key, true, op->scratch, u, err);
    }
    if (rc == AC_ENOTFOUND) {
        return aci_fail(err, AC_ENOTFOUND, "no user '%s'", key);
    }
    if (rc == AC_OK) {
        rc = aci_store_hub_agency(op->store, op->scratch, &hub_agency, err);
    }
    if (rc == AC_OK) {
        op->object_id = u->id;
        res.agency_id = aci_policy_account_manager(u->agency_id, u->roles, hub_agency);
        rc = aci_op_allow(op, &res, err);
    }
    return rc;
}

struct status_args {
    const char *username;
    ac_user_status status;
};

static ac_code
status_body(struct aci_op *op, void *args, ac_error *err)
{
    struct status_args *x = args;
    bool pending = false;
    ac_user u;
    ac_code rc = x->status == AC_USER_ACTIVE || x->status == AC_USER_SUSPENDED
                     ? managed_user(op, x->username, &u, err)
                     : aci_fail(err, AC_EINVAL, "status: suspend or reactivate");

    if (rc == AC_OK && strcmp(u.id, op->actor->user_id) == 0) {
        op->denied = true;
        op->deny_reason = "an administrator does not change their own account's status";
        return aci_fail(err, AC_EDENIED,
                        "you cannot suspend or reactivate your own account: another "
                        "administrator must");
    }
    if (rc == AC_OK && x->status == AC_USER_ACTIVE) {
        rc = aci_store_user_grant_pending(op->store, u.id, &pending, err);
    }
    if (rc == AC_OK && pending) {
        /* reactivating would take the power the grant asks for without a second person */
        return aci_fail(err, AC_ECONFLICT,
                        "'%s' waits for a second administrator to approve a grant: approve or "
                        "refuse it ('accord user grants') instead of reactivating",
                        u.username);
    }
    if (rc == AC_OK) {
        u.status = x->status;
        rc = aci_store_user_apply(op->store, &u, err);
        op->detail = x->status == AC_USER_ACTIVE ? "reactivated" : "suspended";
    }
    return rc;
}

static const struct aci_op_desc status_op = {
    ACI_ACT_MANAGE_PARTY, "user", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, NULL, status_body,
};

ac_code
ac_user_set_status(ac_hub *hub,
                   const ac_actor *actor,
                   const char *purpose,
                   const char *username,
                   ac_user_status status,
                   ac_error *err)
{
    struct status_args x = { username, status };

    return aci_op_run(&status_op, hub, actor, purpose, &x, err);
}

struct unlock_args {
    const char *username;
    const char *found; /* out: the account's username, in the caller's arena */
    ac_arena *a;
};

static ac_code
unlock_body(struct aci_op *op, void *args, ac_error *err)
{
    struct unlock_args *x = args;
    ac_user u;
    ac_code rc = managed_user(op, x->username, &u, err);

    if (rc == AC_OK) {
        x->found = ac_arena_strdup(x->a, u.username);
        rc = x->found != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
        op->detail = "sign-in delay cleared";
    }
    return rc;
}

static const struct aci_op_desc unlock_op = {
    ACI_ACT_MANAGE_PARTY, "user", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, NULL, unlock_body,
};

ac_code
ac_user_unlock(ac_hub *hub,
               const ac_actor *actor,
               const char *purpose,
               const char *username,
               ac_error *err)
{
    ac_arena *a = ac_arena_new(0);
    struct unlock_args x = { username, NULL, a };
    ac_code rc = a != NULL ? aci_op_run(&unlock_op, hub, actor, purpose, &x, err)
                           : aci_fail(err, AC_ENOMEM, "out of memory");

    if (rc == AC_OK) {
        aci_session_delay_clear(hub, x.found, NULL); /* once the entry is durable */
    }
    ac_arena_free(a);
    return rc;
}

/* ---- the hub's counts ---- */

static ac_code
stats_body(struct aci_op *op, void *args, ac_error *err)
{
    return aci_store_stats(op->store, args, err);
}

static const struct aci_op_desc stats_op = {
    ACI_ACT_READ_STATS, "hub", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, party_find, stats_body,
};

ac_code
ac_hub_stats_get(ac_hub *hub,
                 const ac_actor *actor,
                 const char *purpose,
                 ac_hub_stats *out,
                 ac_error *err)
{
    ac_hub_stats x;
    ac_code rc;

    memset(&x, 0, sizeof x);
    rc = aci_op_run(&stats_op, hub, actor, purpose, &x, err);
    if (rc == AC_OK) {
        *out = x;
    } else {
        memset(out, 0, sizeof *out);
    }
    return rc;
}

ac_code
aci_party_managed_user(struct aci_op *op, const char *key, ac_user *u, ac_error *err)
{
    return managed_user(op, key, u, err);
}
