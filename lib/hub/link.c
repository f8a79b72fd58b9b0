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

        return aci_item_resolve(hub, actor, id, a, &it, &why, err);
    }
    if (strcmp(type, "case") == 0) {
        struct aci_case_row c;

        rc = aci_store_case_load(hub->store, id, a, &c, err);
        return rc == AC_OK && !aci_case_visible(hub, actor, &c) ? AC_ENOTFOUND : rc;
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

ac_code
ac_link_add(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            const ac_link *in,
            ac_arena *a,
            const char **out_id,
            ac_error *err)
{
    struct aci_op op;
    struct aci_resource res = { "link", actor->agency_id };
    ac_link l;
    ac_code rc = aci_link_prepare(in, a, &l, err);

    *out_id = NULL;
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_CREATE, "link", err);
    if (rc == AC_OK) {
        rc = aci_op_allow(&op, &res, err);
    }
    if (rc == AC_OK) {
        rc = ends_visible(&op, &l, a, err);
    }
    if (rc == AC_OK) {
        ac_date today = aci_hub_today(hub);

        l.meta.id = aci_hub_new_id(hub, a);
        l.meta.agency_id = actor->agency_id;
        l.meta.review_date = in->meta.review_date.precision != AC_DATE_NONE
                                 ? in->meta.review_date
                                 : ac_date_add_years(&today, ACI_REVIEW_YEARS);
        l.meta.created_at = aci_hub_now_text(hub, a);
        l.meta.updated_at = l.meta.created_at;
        l.meta.version = 1;
        op.object_id = l.meta.id;
        op.detail = ac_arena_printf(a, "%s %s -%s-> %s %s (%s)", l.from_type, l.from_id,
                                    l.link_type, l.to_type, l.to_id, ac_link_status_str(l.status));
        rc = aci_store_link_insert(hub->store, &l, actor->user_id, err);
    }
    rc = aci_op_end(&op, rc, err);
    *out_id = rc == AC_OK ? l.meta.id : NULL;
    return rc;
}

/* Load link ID and ask the policy whether ACTION on it is allowed. */
static ac_code
load_allowed(struct aci_op *op, const char *id, ac_arena *a, ac_link *out, ac_error *err)
{
    ac_code rc = aci_store_link_load(op->hub->store, id, a, out, err);

    op->object_id = id;
    if (rc == AC_OK) {
        struct aci_resource res = { "link", out->meta.agency_id };

        rc = aci_op_allow(op, &res, err);
    }
    return rc == AC_ENOTFOUND ? aci_fail(err, AC_ENOTFOUND, "link '%s' not found", id) : rc;
}

ac_code
ac_link_get(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            const char *id,
            ac_arena *a,
            ac_link *out,
            ac_error *err)
{
    struct aci_op op;
    ac_code rc =
        aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_READ, "link", err);

    if (rc == AC_OK) {
        rc = load_allowed(&op, id, a, out, err);
    }
    return aci_op_end(&op, rc, err);
}

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
    struct aci_op op;
    struct aci_resource res = { "link", actor->agency_id };
    ac_code rc =
        aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_SEARCH, "link", err);

    *out = NULL;
    *out_n = 0;
    op.object_id = record_id;
    if (rc == AC_OK) {
        rc = aci_op_allow(&op, &res, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_links_of(hub->store, actor->agency_id, record_id, LINKS_MAX, a, out, out_n,
                                err);
        op.detail = ac_arena_printf(a, "%zu links", *out_n);
    }
    return aci_op_end(&op, rc, err);
}

/* The decisions a person may take from FROM. */
static bool
decision_allowed(ac_link_status from, ac_link_status to)
{
    return (from == AC_LINK_PROPOSED && (to == AC_LINK_CONFIRMED || to == AC_LINK_REJECTED)) ||
           (from == AC_LINK_CONFIRMED && to == AC_LINK_RETRACTED);
}

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
    struct aci_op op;
    ac_arena *a = ac_arena_new(0);
    const char *why = NULL;
    ac_link l;
    ac_code rc;

    if (a == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_UPDATE, "link", err);
    if (rc == AC_OK) {
        rc = load_allowed(&op, id, a, &l, err);
    }
    if (rc == AC_OK) {
        rc = aci_clean_field(reason, ACI_TEXT_LINE_MAX, "reason", a, &why, err);
    }
    if (rc == AC_OK && why == NULL) {
        rc = aci_fail(err, AC_EINVAL, "reason: say why (e.g. 'same passport number')");
    }
    if (rc == AC_OK && l.meta.version != expected_version) {
        rc = aci_fail(err, AC_ECONFLICT, "link '%s' is at version %lld, not %lld: reload it", id,
                      (long long)l.meta.version, (long long)expected_version);
    }
    if (rc == AC_OK && !decision_allowed(l.status, status)) {
        rc = aci_fail(err, AC_EINVAL,
                      "status: a %s link cannot become %s: proposed links are confirmed or "
                      "rejected, "
                      "confirmed ones retracted",
                      ac_link_status_str(l.status), ac_link_status_str(status));
    }
    if (rc == AC_OK) {
        op.detail = ac_arena_printf(a, "%s -> %s: %s", ac_link_status_str(l.status),
                                    ac_link_status_str(status), why);
        rc = aci_store_link_set_status(hub->store, id, status, expected_version,
                                       aci_hub_now_text(hub, a), err);
    }
    rc = aci_op_end(&op, rc, err);
    ac_arena_free(a);
    return rc;
}
