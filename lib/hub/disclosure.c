/* SPDX-License-Identifier: Apache-2.0
 *
 * disclosure.c - releasing items outside their originating agency, the two-person rule
 * for releases below the original classification, and revocation (include/accord/item.h).
 * Each is audited with its recipients.
 */
#include "internal.h"

#include "accord/item.h"
#include "accord/text.h"
#include "hub/hub_int.h"
#include "hub/hub_item.h"
#include "model/model.h"
#include "policy/item_policy.h"
#include "store/store.h"
#include "store/store_item.h"
#include "store/store_party.h"

static ac_code
check_request(struct aci_store *s,
              const ac_disclosure *in,
              const ac_item *it,
              const char *now,
              ac_arena *a,
              ac_error *err)
{
    int64_t expires;
    char buf[AC_TIME_TEXT_MAX];
    struct aci_case_row c;
    ac_agency g;
    bool known, carries_iss;
    ac_code rc;

    if ((in->recipient_agency_id == NULL) == (in->recipient_case_id == NULL)) {
        return aci_fail(err, AC_EINVAL, "recipient: name one agency or one case");
    }
    if (in->purpose == NULL || in->purpose[0] == '\0') {
        return aci_fail(err, AC_EINVAL, "purpose: say why the item is shared");
    }
    rc = aci_store_gateway_lookup(s, in->lawful_basis, &known, &carries_iss, err);

    if (rc != AC_OK) {
        return rc;
    }
    if (!known) {
        return aci_fail(err, AC_EINVAL,
                        "lawful basis: name a known gateway ('accord gateway "
                        "list')");
    }
    if ((unsigned)in->classification >= AC_CLASS_COUNT || in->classification > it->classification) {
        return aci_fail(err, AC_EINVAL,
                        "classification: the released version cannot be marked "
                        "above the original");
    }
    if ((in->caveats & ~AC_CAVEAT_ALL) != 0) {
        return aci_fail(err, AC_EINVAL, "caveats: unknown caveat");
    }
    if (((in->caveats | it->caveats) & AC_CAVEAT_UK_EYES_ONLY) &&
        in->classification < AC_CLASS_SECRET) {
        return aci_fail(err, AC_EINVAL, "%s", aci_uk_eyes_only_rule);
    }
    if (in->expires_at == NULL || ac_time_parse(in->expires_at, &expires, NULL) != AC_OK ||
        strcmp(ac_time_format(expires, buf), now) <= 0) {
        return aci_fail(err, AC_EINVAL,
                        "expires: give a future RFC 3339 time, e.g. "
                        "2027-03-01T00:00:00Z, or a day such as 2027-03-01");
    }
    if (in->body != NULL && (in->body[0] == '\0' || !ac_utf8_valid_str(in->body))) {
        return aci_fail(err, AC_EINVAL, "body: the redacted text must be non-empty UTF-8");
    }
    if (in->recipient_agency_id != NULL &&
        aci_store_agency_find(s, in->recipient_agency_id, a, &g, NULL) != AC_OK) {
        return aci_fail(err, AC_EINVAL, "recipient: no such agency");
    }
    if (in->recipient_agency_id != NULL && ((in->caveats | it->caveats) & AC_CAVEAT_UK_EYES_ONLY) &&
        (g.kind == AC_AGENCY_INTERNATIONAL_PARTNER || strcmp(g.country, "GB") != 0)) {
        return aci_fail(err, AC_EINVAL,
                        "recipient: UK EYES ONLY material cannot go to an "
                        "international partner or an agency outside GB");
    }
    if (in->recipient_agency_id != NULL && ((in->caveats | it->caveats) & AC_CAVEAT_ISS) &&
        g.kind == AC_AGENCY_LOCAL_AUTHORITY) {
        return aci_fail(err, AC_EINVAL,
                        "recipient: a local authority never receives intelligence-service "
                        "material (CTSA 2015 s.38(4)-(5)); release a sanitised item without the "
                        "iss caveat, or disclose to CT policing");
    }
    if (in->recipient_case_id != NULL &&
        aci_store_case_load(s, in->recipient_case_id, a, &c, NULL) != AC_OK) {
        return aci_fail(err, AC_EINVAL, "recipient: no such case");
    }
    return AC_OK;
}

/* Load the item and ask the policy whether ACTOR may do ACTION on it as originator. */
/* EXTRA_CAVEATS: those the request adds to the item's (a release only tightens). */
static ac_code
allow_on_item(struct aci_op *op,
              const char *item_id,
              enum aci_item_action action,
              const struct aci_disclosure_facts *df,
              unsigned extra_caveats,
              ac_arena *a,
              ac_item *it,
              ac_error *err)
{
    struct aci_item_facts facts;
    struct aci_decision dec;
    ac_code rc = aci_store_item_load(op->store, item_id, a, it, err);

    if (rc == AC_OK) {
        rc = aci_item_facts_of(op->store, op->actor, it, a, &facts, err);
    }
    if (rc != AC_OK) {
        return rc;
    }
    facts.caveats |= extra_caveats & AC_CAVEAT_ALL;
    dec = aci_policy_item(op->actor, action, &facts, df);
    if (dec.allow) {
        return AC_OK;
    }
    op->denied = true;
    op->deny_reason = dec.reason;
    return dec.hide ? AC_ENOTFOUND : aci_fail(err, AC_EDENIED, "not allowed: %s", dec.reason);
}

/* ---- create ---- */

struct create_args {
    const ac_disclosure *in;
    ac_arena *a;
    const char *id; /* out */
};

static ac_code
create_body(struct aci_op *op, void *args, ac_error *err)
{
    struct create_args *x = args;
    const ac_disclosure *in = x->in;
    ac_arena *a = x->a;
    struct aci_disclosure_facts df;
    struct aci_released rel;
    ac_disclosure d = *in;
    ac_item it;
    const char *now;
    ac_code rc;

    memset(&df, 0, sizeof df);
    rc = aci_store_gateway_lookup(op->store, in->lawful_basis, &df.has_gateway,
                                  &df.gateway_carries_iss, err);
    if (rc != AC_OK) {
        return rc;
    }
    df.iss_released = in->release_iss;
    now = aci_hub_now_text(op->hub, a);
    rc = allow_on_item(op, in->item_id, ACI_ITEM_DISCLOSE, &df, in->caveats, a, &it, err);
    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "item '%s' not found", in->item_id);
    }
    if (rc == AC_OK) {
        rc = check_request(op->store, in, &it, now, a, err);
    }
    if (rc != AC_OK) {
        return rc;
    }
    {
        char buf[AC_TIME_TEXT_MAX];
        int64_t ms = 0;

        /* stored canonical, so "2027-03-01" compares with the clock's text */
        if (ac_time_parse(in->expires_at, &ms, err) != AC_OK) {
            return AC_EINVAL; /* check_request took it: not reached */
        }
        d.expires_at = ac_arena_strdup(a, ac_time_format(ms, buf));
        if (d.expires_at == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory");
        }
    }
    d.id = aci_hub_new_id(op->hub, a);
    d.caveats |= it.caveats; /* caveats only ever tighten */
    d.release_iss = (d.caveats & AC_CAVEAT_ISS) != 0 && in->release_iss;
    d.status = d.classification < it.classification ? "pending_approval" : "live";
    d.released_by = op->actor->user_id;
    d.approved_by = NULL;
    d.revoked_by = NULL;
    /* the released version is frozen here: later edits of the original never reach the
     * recipient, who must be sent a new release to see them */
    rel.body = d.body != NULL ? d.body : it.body;
    rel.source_eval = it.source_eval;
    rel.intel_eval = it.intel_eval;
    rel.handling = d.handling_conditions != NULL ? 'C' : it.handling;
    rel.handling_conditions =
        d.handling_conditions == NULL ? it.handling_conditions
        : it.handling_conditions == NULL
            ? d.handling_conditions
            : ac_arena_printf(a, "%s; %s", it.handling_conditions, d.handling_conditions);
    rel.item_version = it.version;
    rc = aci_store_disclosure_insert(op->store, &d, &rel, now, err);
    op->object_id = d.id;
    op->recipients = d.recipient_agency_id ? d.recipient_agency_id : d.recipient_case_id;
    op->detail = ac_arena_printf(op->scratch, "item %s as %s under %s, %s, until %s", it.id,
                                 ac_classification_str(d.classification), d.lawful_basis, d.status,
                                 d.expires_at);
    x->id = d.id;
    return rc;
}

static const struct aci_op_desc create_op = {
    ACI_ACT_DISCLOSE, "disclosure", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, NULL, create_body,
};

ac_code
ac_disclosure_create(ac_hub *hub,
                     const ac_actor *actor,
                     const char *purpose,
                     const ac_disclosure *in,
                     ac_arena *a,
                     const char **out_id,
                     ac_error *err)
{
    struct create_args x = { in, a, NULL };
    ac_code rc = aci_op_run(&create_op, hub, actor, purpose, &x, err);

    *out_id = rc == AC_OK ? x.id : NULL;
    return rc;
}

/* ---- approve and revoke ---- */

struct status_args {
    const char *id;
    bool approve;
    ac_arena *a;
};

static ac_code
status_body(struct aci_op *op, void *args, ac_error *err)
{
    struct status_args *x = args;
    const char *id = x->id;
    bool approve = x->approve;
    struct aci_disclosure_facts df;
    ac_disclosure d;
    ac_item it;
    ac_code rc;

    op->object_id = id;
    rc = aci_store_disclosure_load(op->store, id, x->a, &d, err);
    if (rc == AC_OK) {
        memset(&df, 0, sizeof df);
        df.has_gateway = true;
        df.released_by_actor = strcmp(d.released_by, op->actor->user_id) == 0;
        rc = allow_on_item(op, d.item_id, approve ? ACI_ITEM_APPROVE : ACI_ITEM_REVOKE, &df, 0,
                           x->a, &it, err);
    }
    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "disclosure '%s' not found", id);
    }
    if (rc == AC_OK && approve && strcmp(d.status, "pending_approval") != 0) {
        rc = aci_fail(err, AC_ECONFLICT, "disclosure '%s' is %s, not waiting for approval", id,
                      d.status);
    }
    if (rc == AC_OK && !approve && strcmp(d.status, "revoked") == 0) {
        rc = aci_fail(err, AC_ECONFLICT, "disclosure '%s' is already revoked", id);
    }
    if (rc == AC_OK) {
        rc = aci_store_disclosure_set(op->store, id, approve ? "live" : "revoked",
                                      op->actor->user_id, aci_hub_now_text(op->hub, x->a), err);
        op->recipients = d.recipient_agency_id ? d.recipient_agency_id : d.recipient_case_id;
        op->detail = approve ? "approved" : "revoked";
    }
    return rc;
}

static const struct aci_op_desc status_op = {
    ACI_ACT_DISCLOSE, "disclosure", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, NULL, status_body,
};

static ac_code
change_status(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const char *id,
              bool approve,
              ac_error *err)
{
    struct status_args x = { id, approve, ac_arena_new(0) };
    ac_code rc;

    if (x.a == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_op_run(&status_op, hub, actor, purpose, &x, err);
    ac_arena_free(x.a);
    return rc;
}

ac_code
ac_disclosure_approve(ac_hub *hub,
                      const ac_actor *actor,
                      const char *purpose,
                      const char *id,
                      ac_error *err)
{
    return change_status(hub, actor, purpose, id, true, err);
}

ac_code
ac_disclosure_revoke(ac_hub *hub,
                     const ac_actor *actor,
                     const char *purpose,
                     const char *id,
                     ac_error *err)
{
    return change_status(hub, actor, purpose, id, false, err);
}

/* ---- awaiting the actor's approval ---- */

struct awaiting_args {
    ac_arena *a;
    ac_disclosure *list; /* out */
    size_t n;
};

static ac_code
awaiting_body(struct aci_op *op, void *args, ac_error *err)
{
    struct awaiting_args *x = args;
    const struct aci_resource own = { "disclosure", op->actor->agency_id };
    ac_disclosure *all = NULL;
    size_t n = 0;
    ac_code rc = aci_op_allow(op, &own, err);

    if (rc == AC_OK) {
        rc = aci_store_disclosures_pending(op->store, op->actor->agency_id, x->a, &all, &n, err);
    }
    /* keep those ac_disclosure_approve would allow: the same facts, asked of the policy */
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        struct aci_disclosure_facts df;
        struct aci_item_facts facts;
        ac_item it;

        memset(&df, 0, sizeof df);
        df.has_gateway = true;
        df.released_by_actor = strcmp(all[i].released_by, op->actor->user_id) == 0;
        rc = aci_store_item_load(op->store, all[i].item_id, op->scratch, &it, err);
        if (rc == AC_OK) {
            rc = aci_item_facts_of(op->store, op->actor, &it, op->scratch, &facts, err);
        }
        if (rc == AC_OK && aci_policy_item(op->actor, ACI_ITEM_APPROVE, &facts, &df).allow) {
            all[x->n++] = all[i];
            rc = aci_op_returned(op, all[i].id, err);
        }
    }
    x->list = rc == AC_OK ? all : NULL;
    op->lists = rc == AC_OK;
    op->detail = "disclosures awaiting approval";
    return rc;
}

static const struct aci_op_desc awaiting_op = {
    ACI_ACT_DISCLOSE, "disclosure", ACI_PURPOSE_REQUIRED, ACI_OP_READ, NULL, awaiting_body,
};

ac_code
ac_disclosure_awaiting(ac_hub *hub,
                       const ac_actor *actor,
                       const char *purpose,
                       ac_arena *a,
                       ac_disclosure **out,
                       size_t *out_n,
                       ac_error *err)
{
    struct awaiting_args x = { a, NULL, 0 };
    ac_code rc = aci_op_run(&awaiting_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}
