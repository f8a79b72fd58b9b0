/* SPDX-License-Identifier: Apache-2.0
 *
 * item.c - hub calls on intelligence items and cases (include/accord/item.h).  Each call
 * gathers the facts the policy needs (the item's marking, its case and the actor's
 * membership, the disclosures that reach the actor), asks it, and audits the answer.
 */
#include "internal.h"

#include <ctype.h>

#include "accord/item.h"
#include "accord/text.h"
#include "hub/hub_int.h"
#include "hub/hub_item.h"
#include "model/model.h"
#include "policy/item_policy.h"
#include "store/store.h"
#include "store/store_item.h"

#define BODY_MAX   (64u * 1024u)
#define LIST_LIMIT 100

/* Item text: valid UTF-8, no control characters but newline and tab. */
static ac_code
check_text(const char *s, size_t max, const char *field, ac_error *err)
{
    size_t n = s != NULL ? strlen(s) : 0;

    if (n == 0) {
        return aci_fail(err, AC_EINVAL, "%s: empty", field);
    }
    if (n > max) {
        return aci_fail(err, AC_EINVAL, "%s: longer than %zu bytes", field, max);
    }
    if (!ac_utf8_valid(s, n, NULL)) {
        return aci_fail(err, AC_EINVAL, "%s: not valid UTF-8", field);
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f) {
            return aci_fail(err, AC_EINVAL, "%s: control character at byte %zu", field, i + 1);
        }
    }
    return AC_OK;
}

/* GSCP 2024 (gov.uk Government Security Classifications Policy v2.0, "National
 * caveats"): national caveats such as UK EYES ONLY apply only to SECRET and TOP SECRET. */
const char aci_uk_eyes_only_rule[] =
    "caveats: UK EYES ONLY is a national caveat and applies only to SECRET and TOP SECRET "
    "(Government Security Classifications Policy 2024): OFFICIAL UK EYES ONLY is not a "
    "marking; classify as secret, or drop uk_eyes_only";

/* The facts the policy needs about an item (and the actor's place in its case). */
ac_code
aci_item_facts_of(struct aci_store *s,
                  const ac_actor *actor,
                  const ac_item *it,
                  ac_arena *a,
                  struct aci_item_facts *f,
                  ac_error *err)
{
    memset(f, 0, sizeof *f);
    f->origin_agency_id = it->agency_id;
    f->classification = it->classification;
    f->caveats = it->caveats;
    f->releasable_to = it->releasable_to;
    if (it->case_id != NULL) {
        struct aci_case_row c;
        ac_code rc = aci_store_case_load(s, it->case_id, a, &c, err);

        if (rc != AC_OK) {
            return rc;
        }
        f->bound_to_case = true;
        f->case_type = c.type;
        rc = aci_store_case_has_member(s, it->case_id, actor->agency_id, actor->user_id,
                                       &f->actor_in_case, err);
        if (rc != AC_OK) {
            return rc;
        }
    }
    return AC_OK;
}

/* Facts about disclosure D as seen by ACTOR at NOW. */
static ac_code
disclosure_facts(struct aci_store *s,
                 const ac_actor *actor,
                 const ac_item *it,
                 const ac_disclosure *d,
                 const char *now,
                 ac_arena *a,
                 struct aci_disclosure_facts *f,
                 ac_error *err)
{
    ac_code rc;

    memset(f, 0, sizeof *f);
    f->live = strcmp(d->status, "live") == 0 && strcmp(d->expires_at, now) > 0;
    rc =
        aci_store_gateway_lookup(s, d->lawful_basis, &f->has_gateway, &f->gateway_carries_iss, err);
    if (rc != AC_OK) {
        return rc;
    }
    f->iss_released = d->release_iss;
    f->classification = d->classification;
    f->caveats = d->caveats | it->caveats;
    f->released_by_actor = d->released_by != NULL && strcmp(d->released_by, actor->user_id) == 0;
    if (d->recipient_agency_id != NULL) {
        f->reaches_actor = strcmp(d->recipient_agency_id, actor->agency_id) == 0;
    } else if (d->recipient_case_id != NULL) {
        struct aci_case_row c;

        rc = aci_store_case_load(s, d->recipient_case_id, a, &c, err);
        if (rc != AC_OK) {
            return rc;
        }
        f->to_case = true;
        f->case_type = c.type;
        rc = aci_store_case_has_member(s, d->recipient_case_id, actor->agency_id, actor->user_id,
                                       &f->reaches_actor, err);
        if (rc != AC_OK) {
            return rc;
        }
    }
    return AC_OK;
}

/* The released version of IT that disclosure D gives: the text and marking frozen when it
 * was released (REL), as version 1 of the disclosure, never the original as it is now. */
static void
released_version(ac_item *it, const ac_disclosure *d, const struct aci_released *rel)
{
    it->body = rel->body;
    it->classification = d->classification;
    it->caveats |= d->caveats;
    if (rel->source_eval != 0) {
        it->source_eval = rel->source_eval;
        it->intel_eval = rel->intel_eval;
        it->handling = rel->handling;
    }
    it->handling_conditions = rel->handling_conditions;
    it->updated_at = d->created_at; /* when it was released, not when the original changed */
    it->version = 1;                /* a disclosure never changes: a new release is needed */
    it->case_id = NULL;             /* the originator's case is not the recipient's business */
    it->author_id = NULL;
    it->disclosure_id = d->id;
    it->lawful_basis = d->lawful_basis;
    it->purpose = d->purpose;
    it->expires_at = d->expires_at;
}

ac_code
aci_item_resolve(ac_hub *hub,
                 struct aci_store *s,
                 const ac_actor *actor,
                 const char *id,
                 ac_arena *a,
                 ac_item *out,
                 const char **why,
                 ac_error *err)
{
    struct aci_item_facts facts;
    struct aci_decision dec;
    ac_disclosure *ds = NULL;
    size_t n = 0;
    char *now = aci_hub_now_text(hub, a);
    ac_code rc;

    *why = NULL;
    rc = aci_store_item_load(s, id, a, out, err);

    if (rc == AC_OK) {
        rc = aci_item_facts_of(s, actor, out, a, &facts, err);
    }
    if (rc != AC_OK) {
        return rc;
    }
    dec = aci_policy_item(actor, ACI_ITEM_READ, &facts, NULL);
    *why = dec.reason;
    if (dec.allow) {
        return AC_OK;
    }
    rc = aci_store_disclosures_of(s, id, a, &ds, &n, err);
    /* newest first: a new release is how a change to the original is shared */
    for (size_t i = n; rc == AC_OK && i-- > 0;) {
        struct aci_disclosure_facts df;

        rc = disclosure_facts(s, actor, out, &ds[i], now, a, &df, err);
        if (rc != AC_OK) {
            break;
        }
        dec = aci_policy_item(actor, ACI_ITEM_READ, &facts, &df);
        if (dec.allow) {
            struct aci_released rel;

            rc = aci_store_disclosure_released(s, ds[i].id, a, &rel, err);
            if (rc != AC_OK) {
                return rc;
            }
            if (rel.body == NULL) {
                continue; /* no frozen text (never written so): fail closed, never the live one */
            }
            *why = dec.reason;
            released_version(out, &ds[i], &rel);
            return AC_OK;
        }
    }
    return rc == AC_OK ? AC_ENOTFOUND : rc;
}

static ac_code
check_item(const ac_item *in, ac_error *err)
{
    ac_code rc = check_text(in->body, BODY_MAX, "body", err);

    if (rc != AC_OK) {
        return rc;
    }
    if ((unsigned)in->classification >= AC_CLASS_COUNT) {
        return aci_fail(err, AC_EINVAL, "classification: unknown");
    }
    if ((in->caveats & ~AC_CAVEAT_ALL) != 0) {
        return aci_fail(err, AC_EINVAL, "caveats: unknown caveat");
    }
    if ((in->caveats & AC_CAVEAT_UK_EYES_ONLY) && in->classification < AC_CLASS_SECRET) {
        return aci_fail(err, AC_EINVAL, "%s", aci_uk_eyes_only_rule);
    }
    if (in->source_eval < '1' || in->source_eval > '3') {
        return aci_fail(err, AC_EINVAL, "source evaluation: 1 reliable, 2 untested, 3 unreliable");
    }
    if (in->intel_eval < 'A' || in->intel_eval > 'E') {
        return aci_fail(err, AC_EINVAL, "intelligence assessment: A to E");
    }
    if (in->handling != 'P' && in->handling != 'C') {
        return aci_fail(err, AC_EINVAL, "handling code: P or C");
    }
    if (in->handling == 'C' &&
        (in->handling_conditions == NULL || in->handling_conditions[0] == '\0')) {
        return aci_fail(err, AC_EINVAL, "handling code C needs its conditions");
    }
    if (in->handling_conditions != NULL) {
        rc = check_text(in->handling_conditions, 2000, "handling conditions", err);
    }
    return rc;
}

/* ---- add ---- */

struct add_args {
    const ac_item *in;
    ac_arena *a;
    const char *id; /* out */
};

static ac_code
add_body(struct aci_op *op, void *args, ac_error *err)
{
    struct add_args *x = args;
    const ac_actor *actor = op->actor;
    ac_arena *a = x->a;
    struct aci_item_facts facts;
    struct aci_decision dec;
    ac_item it = *x->in;
    ac_date today;
    ac_code rc;

    /* a grade is read like a classification, whatever its case: 2bc is 2BC (issue 14.13) */
    it.intel_eval = (char)toupper((unsigned char)it.intel_eval);
    it.handling = (char)toupper((unsigned char)it.handling);
    rc = check_item(&it, err);

    it.agency_id = actor->agency_id;
    it.author_id = actor->user_id;
    if (actor->agency_kind == AC_AGENCY_SECURITY_SERVICE) {
        /* held by an intelligence service is, by CTSA 2015 s.38(5), sensitive information:
         * every item the Service writes is ISS, whatever the writer ticked */
        it.caveats |= AC_CAVEAT_ISS;
    }
    if (rc == AC_OK) {
        rc = aci_item_facts_of(op->store, actor, &it, a, &facts, err);
        if (rc == AC_ENOTFOUND) {
            rc = aci_fail(err, AC_EINVAL, "case: no such case");
        }
    }
    if (rc == AC_OK) {
        dec = aci_policy_item(actor, ACI_ITEM_CREATE, &facts, NULL);
        if (!dec.allow) {
            op->denied = true;
            op->deny_reason = dec.reason;
            rc = aci_fail(err, AC_EDENIED, "not allowed: %s", dec.reason);
        }
    }
    if (rc != AC_OK) {
        return rc;
    }
    today = aci_hub_today(op->hub);
    it.id = aci_hub_new_id(op->hub, a);
    it.created_at = it.updated_at = aci_hub_now_text(op->hub, a);
    if (it.review_date.precision == AC_DATE_NONE) {
        it.review_date = ac_date_add_years(&today, ACI_REVIEW_YEARS);
    }
    rc = it.id && it.created_at ? aci_store_item_insert(op->store, &it, err)
                                : aci_fail(err, AC_ENOMEM, "out of memory");
    op->object_id = it.id;
    op->detail = ac_arena_printf(op->scratch, "%s %s%s", ac_classification_str(it.classification),
                                 it.case_id ? "case " : "", it.case_id ? it.case_id : "");
    x->id = it.id;
    return rc;
}

static const struct aci_op_desc add_op = {
    ACI_ACT_CREATE, "item", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, NULL, add_body,
};

ac_code
ac_item_add(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            const ac_item *in,
            ac_arena *a,
            const char **out_id,
            ac_error *err)
{
    struct add_args x = { in, a, NULL };
    ac_code rc = aci_op_run(&add_op, hub, actor, purpose, &x, err);

    *out_id = rc == AC_OK ? x.id : NULL;
    return rc;
}

/* ---- get ---- */

struct get_args {
    const char *id;
    ac_arena *a;
    ac_item *item; /* out */
};

static ac_code
get_body(struct aci_op *op, void *args, ac_error *err)
{
    struct get_args *x = args;
    const char *why = NULL;
    ac_code rc;

    op->object_id = x->id;
    x->item = ac_arena_zalloc(x->a, sizeof *x->item);
    rc = x->item != NULL
             ? aci_item_resolve(op->hub, op->store, op->actor, x->id, x->a, x->item, &why, err)
             : aci_fail(err, AC_ENOMEM, "out of memory");
    if (rc == AC_ENOTFOUND) {
        /* hidden and missing items are told apart only in the audit */
        op->denied = why != NULL;
        op->deny_reason = why;
        rc = aci_fail(err, AC_ENOTFOUND, "item '%s' not found", x->id);
    } else if (rc == AC_OK && x->item->disclosure_id != NULL) {
        op->detail = ac_arena_printf(op->scratch, "via disclosure %s", x->item->disclosure_id);
    }
    return rc;
}

static const struct aci_op_desc get_op = {
    ACI_ACT_READ, "item", ACI_PURPOSE_REQUIRED, ACI_OP_READ, NULL, get_body,
};

ac_code
ac_item_get(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            const char *id,
            ac_arena *a,
            ac_item **out,
            ac_error *err)
{
    struct get_args x = { id, a, NULL };
    ac_code rc = aci_op_run(&get_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.item : NULL;
    return rc;
}

/* ---- list ---- */

struct list_args {
    size_t limit;
    ac_arena *a;
    ac_item *list; /* out */
    size_t n;
};

static ac_code
list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct list_args *x = args;
    const ac_actor *actor = op->actor;
    ac_arena *a = x->a;
    const char **ids = NULL;
    size_t n_ids = 0, n = 0;
    ac_item *list = NULL;
    ac_code rc = aci_store_item_candidates(op->store, actor->agency_id, actor->user_id,
                                           x->limit * 4, a, &ids, &n_ids, err);

    list = rc == AC_OK ? ac_arena_zalloc(a, (n_ids + 1) * sizeof *list) : NULL;
    if (rc == AC_OK && list == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory listing items");
    }
    for (size_t i = 0; rc == AC_OK && i < n_ids && n < x->limit; i++) {
        const char *why = NULL;
        ac_code one = aci_item_resolve(op->hub, op->store, actor, ids[i], a, &list[n], &why, err);

        if (one == AC_OK) {
            rc = aci_op_returned(op, list[n].id, err); /* who-accessed finds it */
            n++;
        } else if (one != AC_ENOTFOUND) {
            rc = one;
        }
    }
    op->detail = ac_arena_printf(op->scratch, "%zu items", n);
    x->list = list;
    x->n = n;
    return rc;
}

static const struct aci_op_desc list_op = {
    ACI_ACT_SEARCH, "item", ACI_PURPOSE_REQUIRED, ACI_OP_READ, NULL, list_body,
};

ac_code
ac_item_list(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             size_t limit,
             ac_arena *a,
             ac_item **out,
             size_t *out_n,
             ac_error *err)
{
    struct list_args x = { limit == 0 || limit > LIST_LIMIT ? LIST_LIMIT : limit, a, NULL, 0 };
    ac_code rc = aci_op_run(&list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

/* ---- update the body ---- */

struct update_args {
    const char *id;
    const char *body;
    int64_t expected_version;
    ac_arena *a;
};

static ac_code
update_body(struct aci_op *op, void *args, ac_error *err)
{
    struct update_args *x = args;
    const char *id = x->id;
    struct aci_item_facts facts;
    struct aci_decision dec;
    ac_item it;
    ac_code rc;

    op->object_id = id;
    rc = check_text(x->body, BODY_MAX, "body", err);
    if (rc == AC_OK) {
        rc = aci_store_item_load(op->store, id, x->a, &it, err);
    }
    if (rc == AC_OK) {
        rc = aci_item_facts_of(op->store, op->actor, &it, x->a, &facts, err);
    }
    if (rc == AC_OK) {
        dec = aci_policy_item(op->actor, ACI_ITEM_UPDATE, &facts, NULL);
        if (!dec.allow) {
            op->denied = true;
            op->deny_reason = dec.reason;
            rc = dec.hide ? aci_fail(err, AC_ENOTFOUND, "item '%s' not found", id)
                          : aci_fail(err, AC_EDENIED, "not allowed: %s", dec.reason);
        }
    }
    if (rc == AC_ENOTFOUND && !op->denied) {
        rc = aci_fail(err, AC_ENOTFOUND, "item '%s' not found", id);
    }
    if (rc == AC_OK) {
        rc = aci_store_item_set_body(op->store, id, x->body, x->expected_version,
                                     aci_hub_now_text(op->hub, x->a), err);
    }
    return rc;
}

static const struct aci_op_desc update_op = {
    ACI_ACT_UPDATE, "item", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, NULL, update_body,
};

ac_code
ac_item_update_body(ac_hub *hub,
                    const ac_actor *actor,
                    const char *purpose,
                    const char *id,
                    const char *body,
                    int64_t expected_version,
                    ac_error *err)
{
    struct update_args x = { id, body, expected_version, ac_arena_new(0) };
    ac_code rc;

    if (x.a == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_op_run(&update_op, hub, actor, purpose, &x, err);
    ac_arena_free(x.a);
    return rc;
}
