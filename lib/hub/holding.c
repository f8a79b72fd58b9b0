/* SPDX-License-Identifier: Apache-2.0
 *
 * holding.c - discoverable holdings (include/accord/holding.h): the agencies'
 * declarations and the pointers a user sees.  Which records are the same person is one
 * function, holders_of: the subject index (hub_subject.h) and confirmed links.
 */
#include "internal.h"

#include "accord/holding.h"
#include "hub/hub_holding.h"
#include "hub/hub_int.h"
#include "policy/policy.h"
#include "store/store.h"
#include "store/store_party.h"
#include "store/store_rfi.h"

/* The holdings of other records that are the same person as PERSON_ID: its subject's
 * members (subject.c), and persons joined by confirmed same_person links (link.c). */
static ac_code
holders_of(struct aci_op *op,
           const char *person_id,
           ac_arena *a,
           struct aci_holding **out,
           size_t *out_n,
           ac_error *err)
{
    return aci_store_same_person(op->store, person_id, a, out, out_n, err);
}

/* ---- declarations ---- */

struct set_args {
    ac_agency_kind kind;
    bool discoverable;
};

static ac_code
set_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res.type = "agency";
    op->res.agency_id = op->actor->agency_id;
    op->object_id = op->actor->agency_id;
    return AC_OK;
}

static ac_code
set_body(struct aci_op *op, void *args, ac_error *err)
{
    struct set_args *x = args;

    op->detail = ac_arena_printf(op->scratch, "holdings %sdiscoverable to %s",
                                 x->discoverable ? "" : "not ", ac_agency_kind_str(x->kind));
    return aci_store_discover_set(op->store, op->actor->agency_id, x->kind, x->discoverable,
                                  op->actor->user_id, aci_hub_now_text(op->hub, op->scratch), err);
}

static const struct aci_op_desc set_op = {
    ACI_ACT_MANAGE_PARTY, "agency", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, set_find, set_body,
};

ac_code
ac_agency_discoverability_set(ac_hub *hub,
                              const ac_actor *actor,
                              const char *purpose,
                              ac_agency_kind recipient_kind,
                              bool discoverable,
                              ac_error *err)
{
    struct set_args x = { recipient_kind, discoverable };

    if ((unsigned)recipient_kind >= AC_AGENCY_KIND_COUNT) {
        return aci_fail(err, AC_EINVAL,
                        "recipient kind: not a kind of agency ('accord agency --help' lists them)");
    }
    return aci_op_run(&set_op, hub, actor, purpose, &x, err);
}

struct get_args {
    const char *agency_id;
    ac_discoverability *out;
};

static ac_code
get_body(struct aci_op *op, void *args, ac_error *err)
{
    struct get_args *x = args;
    struct aci_resource res = { "agency", x->agency_id };
    int decl[AC_AGENCY_KIND_COUNT];
    ac_agency g;
    ac_code rc = aci_op_allow(op, &res, err);

    if (rc == AC_OK) {
        rc = aci_store_agency_find(op->store, x->agency_id, op->scratch, &g, err);
    }
    if (rc == AC_OK) {
        op->object_id = g.id;
        rc = aci_store_discover_get(op->store, g.id, decl, err);
    }
    for (int k = 0; rc == AC_OK && k < AC_AGENCY_KIND_COUNT; k++) {
        x->out[k].recipient_kind = (ac_agency_kind)k;
        x->out[k].declared = decl[k] >= 0;
        x->out[k].discoverable = decl[k] >= 0
                                     ? decl[k] == 1
                                     : aci_policy_discoverable_default(g.kind, (ac_agency_kind)k);
    }
    return rc;
}

static const struct aci_op_desc get_op = {
    ACI_ACT_LIST_PARTY, "agency", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, NULL, get_body,
};

ac_code
ac_agency_discoverability_get(ac_hub *hub,
                              const ac_actor *actor,
                              const char *purpose,
                              const char *agency_id,
                              ac_discoverability *out,
                              ac_error *err)
{
    struct get_args x = { agency_id != NULL ? agency_id : actor->agency_id, out };

    return aci_op_run(&get_op, hub, actor, purpose, &x, err);
}

/* ---- pointers ---- */

struct ptr_args {
    const char *person_id;
    ac_arena *a;
    ac_pointer *out; /* out */
    size_t n;
};

static ac_code
ptr_find(struct aci_op *op, void *args, ac_error *err)
{
    struct ptr_args *x = args;
    struct aci_holding h;
    ac_code rc = aci_store_holding_of(op->store, x->person_id, op->scratch, &h, err);

    op->object_id = x->person_id;
    op->res.type = "person";
    op->res.agency_id = rc == AC_OK ? h.agency_id : NULL;
    return rc;
}

/* Is the holding H seen by the op's actor?  The same work for every holding, seen or not. */
ac_code
aci_holding_pointer_seen(struct aci_op *op, const struct aci_holding *h, bool *out, ac_error *err)
{
    int decl[AC_AGENCY_KIND_COUNT];
    ac_code rc = aci_store_discover_get(op->store, h->agency_id, decl, err);

    *out = rc == AC_OK && aci_policy_pointer_visible(op->actor, h->agency_id, h->agency_kind,
                                                     decl[op->actor->agency_kind]);
    return rc;
}

ac_code
aci_holding_seen(struct aci_op *op, const char *ref, struct aci_holding *out, ac_error *err)
{
    struct aci_holding *hs = NULL;
    size_t n = 0;
    bool mine = false, seen = false, exists;
    ac_code rc = aci_store_holding_by_ref(op->store, ref, op->scratch, out, err);

    if (rc != AC_OK && rc != AC_ENOTFOUND) {
        return rc; /* a failure to look is not "no such reference" */
    }
    exists = rc == AC_OK;

    if (!exists) { /* the same queries for a reference that does not exist: no timing tells */
        memset(out, 0, sizeof *out);
        out->person_id = out->agency_id = "";
    }
    rc = holders_of(op, out->person_id, op->scratch, &hs, &n, err);
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        mine = mine || strcmp(hs[i].agency_id, op->actor->agency_id) == 0;
    }
    if (rc == AC_OK) {
        rc = aci_holding_pointer_seen(op, out, &seen, err);
    }
    if (rc == AC_OK && !(exists && mine && seen)) {
        memset(out, 0, sizeof *out);
        return aci_fail(err, AC_ENOTFOUND,
                        "reference '%s' not found: quote one that 'accord person pointers' shows",
                        ref);
    }
    return rc;
}

static ac_code
ptr_body(struct aci_op *op, void *args, ac_error *err)
{
    struct ptr_args *x = args;
    struct aci_holding *hs = NULL;
    size_t n = 0;
    bool seen = false;
    ac_code rc = holders_of(op, x->person_id, op->scratch, &hs, &n, err);

    x->out = rc == AC_OK && n > 0 ? ac_arena_zalloc(x->a, n * sizeof *x->out) : NULL;
    if (rc == AC_OK && n > 0 && x->out == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory listing pointers");
    }
    op->lists = true;
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        rc = aci_holding_pointer_seen(op, &hs[i], &seen, err);
        if (rc != AC_OK || !seen) {
            continue;
        }
        x->out[x->n].agency_id = ac_arena_strdup(x->a, hs[i].agency_id);
        x->out[x->n].agency_name = ac_arena_strdup(x->a, hs[i].agency_name);
        x->out[x->n].ref = ac_arena_strdup(x->a, hs[i].ref);
        x->out[x->n].last_changed = ac_arena_strndup(x->a, hs[i].updated_at, 10);
        rc = aci_op_returned(op, hs[i].ref, err);
        x->n++;
    }
    op->detail = "pointers";
    return rc;
}

static const struct aci_op_desc ptr_op = {
    ACI_ACT_READ, "person", ACI_PURPOSE_REQUIRED, ACI_OP_READ, ptr_find, ptr_body,
};

ac_code
ac_person_pointers(ac_hub *hub,
                   const ac_actor *actor,
                   const char *purpose,
                   const char *person_id,
                   ac_arena *a,
                   ac_pointer **out,
                   size_t *out_n,
                   ac_error *err)
{
    struct ptr_args x = { person_id, a, NULL, 0 };
    ac_code rc = aci_op_run(&ptr_op, hub, actor, purpose, &x, err);

    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "person '%s' not found", person_id);
    }
    *out = rc == AC_OK ? x.out : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}
