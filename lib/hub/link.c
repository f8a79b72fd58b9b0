/* SPDX-License-Identifier: Apache-2.0
 *
 * link.c - hub calls on links between records (include/accord/pole.h).  A link is held by
 * the agency that made it; both its ends must be records the maker can see, so a link
 * can never reveal that a hidden record exists.  Decisions on proposed links are a
 * person's, and are versioned like every other change.
 */
#include "internal.h"

#include "accord/pole.h"
#include "hub/hub_int.h"
#include "hub/hub_item.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_item.h"
#include "store/store_pole.h"

#define LINKS_MAX 1000

/* AC_OK when ACTOR may see record ID of TYPE; AC_ENOTFOUND (unexplained) otherwise. */
static ac_code
end_visible(ac_hub *hub,
            const ac_actor *actor,
            const char *type,
            const char *id,
            ac_arena *a,
            ac_error *err)
{
    ac_code rc;

    if (strcmp(type, "item") == 0) {
        ac_item it;
        const char *why = NULL;

        return aci_item_resolve(hub, hub->store, actor, id, a, &it, &why, err);
    }
    if (strcmp(type, "case") == 0) {
        struct aci_case_row c;
        bool visible = false;

        rc = aci_store_case_load(hub->store, id, a, &c, err);
        if (rc == AC_OK) {
            rc = aci_case_visible(hub->store, actor, &c, &visible, err);
        }
        return rc == AC_OK && !visible ? AC_ENOTFOUND : rc;
    }
    {
        const char *holder = NULL;
        struct aci_resource res = { type, NULL };

        rc = aci_store_record_holder(hub->store, type, id, a, &holder, err);
        res.agency_id = holder;
        if (rc == AC_OK && !aci_policy_decide(actor, ACI_ACT_READ, &res).allow) {
            rc = AC_ENOTFOUND;
        }
        return rc;
    }
}

/* Both ends of L visible to the actor; an invisible end is a denial audited as such. */
static ac_code
ends_visible(struct aci_op *op, const ac_link *l, ac_arena *a, ac_error *err)
{
    const char *const type[2] = { l->from_type, l->to_type };
    const char *const id[2] = { l->from_id, l->to_id };

    for (int i = 0; i < 2; i++) {
        ac_code rc = end_visible(op->hub, op->actor, type[i], id[i], a, err);

        if (rc == AC_ENOTFOUND) {
            op->denied = true;
            op->deny_reason = "a link end the actor cannot see, or that does not exist";
            return aci_fail(err, AC_ENOTFOUND, "%s: %s '%s' not found", i == 0 ? "from" : "to",
                            type[i], id[i]);
        }
        if (rc != AC_OK) {
            return rc;
        }
    }
    return AC_OK;
}

/* ---- add ---- */

struct add_args {
    const ac_link *in;
    ac_arena *a;
    ac_link l; /* prepared; its id is the out */
};

/* A new record is held by the actor's own agency. */
static ac_code
own_agency_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res.type = op->desc->object_type;
    op->res.agency_id = op->actor->agency_id;
    return AC_OK;
}

static ac_code
add_body(struct aci_op *op, void *args, ac_error *err)
{
    struct add_args *x = args;
    ac_link *l = &x->l;
    ac_date today;
    ac_code rc = ends_visible(op, l, x->a, err);

    if (rc != AC_OK) {
        return rc;
    }
    today = aci_hub_today(op->hub);
    l->meta.id = aci_hub_new_id(op->hub, x->a);
    l->meta.agency_id = op->actor->agency_id;
    l->meta.review_date = x->in->meta.review_date.precision != AC_DATE_NONE
                              ? x->in->meta.review_date
                              : ac_date_add_years(&today, ACI_REVIEW_YEARS);
    l->meta.created_at = aci_hub_now_text(op->hub, x->a);
    l->meta.updated_at = l->meta.created_at;
    l->meta.version = 1;
    op->object_id = l->meta.id;
    op->detail = ac_arena_printf(op->scratch, "%s %s -%s-> %s %s (%s)", l->from_type, l->from_id,
                                 l->link_type, l->to_type, l->to_id, ac_link_status_str(l->status));
    return aci_store_link_insert(op->store, l, op->actor->user_id, err);
}

static const struct aci_op_desc add_op = {
    ACI_ACT_CREATE, "link", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, own_agency_find, add_body,
};

ac_code
ac_link_add(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            const ac_link *in,
            ac_arena *a,
            const char **out_id,
            ac_error *err)
{
    struct add_args x = { .in = in, .a = a };
    ac_code rc = aci_link_prepare(in, a, &x.l, err);

    *out_id = NULL;
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_run(&add_op, hub, actor, purpose, &x, err);
    *out_id = rc == AC_OK ? x.l.meta.id : NULL;
    return rc;
}

/* ---- get and decide: one link, by id ---- */

struct one_args {
    const char *id;
    ac_arena *a; /* NULL: the op's scratch */
    ac_link l;   /* out */
};

/* Load the link (not found: see not_found); the executor asks the policy whether the action on it
 * is allowed. */
static ac_code
one_find(struct aci_op *op, void *args, ac_error *err)
{
    struct one_args *x = args;
    ac_code rc =
        aci_store_link_load(op->store, x->id, x->a != NULL ? x->a : op->scratch, &x->l, err);

    op->object_id = x->id;
    op->res.type = "link";
    op->res.agency_id = rc == AC_OK ? x->l.meta.agency_id : NULL;
    return rc;
}

/* Missing, or hidden by the policy: the same words either way. */
static ac_code
not_found(ac_code rc, const char *id, ac_error *err)
{
    return rc == AC_ENOTFOUND ? aci_fail(err, AC_ENOTFOUND, "link '%s' not found", id) : rc;
}

static const struct aci_op_desc get_op = {
    ACI_ACT_READ, "link", ACI_PURPOSE_REQUIRED, ACI_OP_READ, one_find, NULL,
};

ac_code
ac_link_get(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            const char *id,
            ac_arena *a,
            ac_link *out,
            ac_error *err)
{
    struct one_args x = { .id = id, .a = a };
    ac_code rc = not_found(aci_op_run(&get_op, hub, actor, purpose, &x, err), id, err);

    if (rc == AC_OK) {
        *out = x.l;
    } else {
        memset(out, 0, sizeof *out);
    }
    return rc;
}

/* ---- list ---- */

struct list_args {
    const char *record_id;
    ac_arena *a;
    ac_link *list; /* out */
    size_t n;
};

static ac_code
list_find(struct aci_op *op, void *args, ac_error *err)
{
    op->object_id = ((struct list_args *)args)->record_id;
    return own_agency_find(op, args, err);
}

static ac_code
list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct list_args *x = args;
    /* no record: the proposals awaiting a decision (ac_link_proposals) */
    ac_code rc = x->record_id != NULL
                     ? aci_store_links_of(op->store, op->actor->agency_id, x->record_id, LINKS_MAX,
                                          x->a, &x->list, &x->n, err)
                     : aci_store_links_proposed(op->store, op->actor->agency_id, LINKS_MAX, x->a,
                                                &x->list, &x->n, err);

    op->detail = ac_arena_printf(op->scratch, "%zu links", x->n);
    for (size_t i = 0; rc == AC_OK && i < x->n; i++) {
        rc = aci_op_returned(op, x->list[i].meta.id, err); /* who-accessed finds each link */
    }
    return rc;
}

static const struct aci_op_desc list_op = {
    ACI_ACT_SEARCH, "link", ACI_PURPOSE_REQUIRED, ACI_OP_READ, list_find, list_body,
};

ac_code
ac_link_list(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             const char *record_id,
             ac_arena *a,
             ac_link **out,
             size_t *out_n,
             ac_error *err)
{
    struct list_args x = { record_id, a, NULL, 0 };
    ac_code rc = aci_op_run(&list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

ac_code
ac_link_proposals(ac_hub *hub,
                  const ac_actor *actor,
                  const char *purpose,
                  ac_arena *a,
                  ac_link **out,
                  size_t *out_n,
                  ac_error *err)
{
    struct list_args x = { NULL, a, NULL, 0 };
    ac_code rc = aci_op_run(&list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

/* ---- decide ---- */

/* The decisions a person may take from FROM. */
static bool
decision_allowed(ac_link_status from, ac_link_status to)
{
    return (from == AC_LINK_PROPOSED && (to == AC_LINK_CONFIRMED || to == AC_LINK_REJECTED)) ||
           (from == AC_LINK_CONFIRMED && to == AC_LINK_RETRACTED);
}

struct decide_args {
    struct one_args one; /* first: one_find reads it */
    ac_link_status status;
    int64_t expected_version;
    const char *reason;
};

static ac_code
decide_body(struct aci_op *op, void *args, ac_error *err)
{
    struct decide_args *x = args;
    const char *id = x->one.id;
    const ac_link *l = &x->one.l;
    const char *why = NULL;
    ac_code rc = aci_clean_field(x->reason, ACI_TEXT_LINE_MAX, "reason", op->scratch, &why, err);

    if (rc == AC_OK && why == NULL) {
        rc = aci_fail(err, AC_EINVAL, "reason: say why (e.g. 'same passport number')");
    }
    if (rc == AC_OK && l->meta.version != x->expected_version) {
        rc = aci_fail(err, AC_ECONFLICT, "link '%s' is at version %lld, not %lld: reload it", id,
                      (long long)l->meta.version, (long long)x->expected_version);
    }
    if (rc == AC_OK && !decision_allowed(l->status, x->status)) {
        rc = aci_fail(err, AC_EINVAL,
                      "status: a %s link cannot become %s: proposed links are confirmed or "
                      "rejected, "
                      "confirmed ones retracted",
                      ac_link_status_str(l->status), ac_link_status_str(x->status));
    }
    if (rc == AC_OK) {
        op->detail = ac_arena_printf(op->scratch, "%s -> %s: %s", ac_link_status_str(l->status),
                                     ac_link_status_str(x->status), why);
        rc = aci_store_link_set_status(op->store, id, x->status, x->expected_version,
                                       aci_hub_now_text(op->hub, op->scratch), err);
    }
    return rc;
}

static const struct aci_op_desc decide_op = {
    ACI_ACT_UPDATE, "link", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, one_find, decide_body,
};

ac_code
ac_link_decide(ac_hub *hub,
               const ac_actor *actor,
               const char *purpose,
               const char *id,
               ac_link_status status,
               int64_t expected_version,
               const char *reason,
               ac_error *err)
{
    struct decide_args x = { .one = { .id = id },
                             .status = status,
                             .expected_version = expected_version,
                             .reason = reason };

    return not_found(aci_op_run(&decide_op, hub, actor, purpose, &x, err), id, err);
}
