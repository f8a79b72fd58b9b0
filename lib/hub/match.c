/* SPDX-License-Identifier: Apache-2.0
 *
 * match.c - record linkage in the hub: the persons the actor's agency holds go through
 * the linkage engine (lib/link), and the likely duplicates become proposed links for a
 * person to confirm or reject.  The engine sees only what the policy lets the actor see.
 */
#include "internal.h"

#include "accord/linkage.h"
#include "accord/pole.h"
#include "hub/hub_int.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_person.h"
#include "store/store_pole.h"

#define MATCH_SEED 42 /* the same records give the same proposals */

/* A person's fields as the engine reads them: the primary name, first address and
 * identifier. */
static ac_code
add_person(void *ctx, const ac_person *p, ac_error *err)
{
    ac_linkage *lk = ctx;
    const char *v[AC_FIELD_COUNT] = { NULL };
    char dob[AC_DATE_TEXT_MAX];
    const ac_person_name *name = &p->names[0];

    for (size_t i = 0; i < p->n_names; i++) {
        if (p->names[i].kind == AC_NAME_PRIMARY) {
            name = &p->names[i];
        }
    }
    v[AC_FIELD_ID] = p->id;
    v[AC_FIELD_GIVEN] = name->given;
    v[AC_FIELD_MIDDLE] = name->middle;
    v[AC_FIELD_FAMILY] = name->family;
    v[AC_FIELD_FULL] = name->given == NULL && name->family == NULL ? name->full : NULL;
    v[AC_FIELD_DOB] = p->dob.precision != AC_DATE_NONE ? ac_date_format(&p->dob, dob) : NULL;
    if (p->n_addresses > 0) {
        v[AC_FIELD_POSTCODE] = p->addresses[0].postcode;
        v[AC_FIELD_ADDRESS] = p->addresses[0].line;
        v[AC_FIELD_TOWN] = p->addresses[0].town;
    }
    v[AC_FIELD_IDENT] = p->n_identifiers > 0 ? p->identifiers[0].value : NULL;
    return ac_linkage_add(lk, 0, v, err);
}

/* Each pair not yet linked becomes a proposed same_person link. */
static ac_code
propose(ac_hub *hub,
        const ac_actor *actor,
        ac_linkage *lk,
        const ac_linkage_pair *pairs,
        size_t n,
        ac_arena *a,
        size_t *made,
        ac_error *err)
{
    ac_date today = aci_hub_today(hub);
    ac_code rc = AC_OK;

    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        ac_link l;

        memset(&l, 0, sizeof l);
        l.from_type = l.to_type = "person";
        l.from_id = ac_linkage_id(lk, 0, pairs[i].left);
        l.to_id = ac_linkage_id(lk, 0, pairs[i].right);
        if (aci_store_link_exists(hub->store, actor->agency_id, l.from_id, l.to_id)) {
            continue;
        }
        l.link_type = "same_person";
        l.provenance = ac_arena_printf(a,
                                       "record linkage (Fellegi-Sunter): match weight %.1f, "
                                       "probability %.4f",
                                       pairs[i].weight, pairs[i].probability);
        l.confidence = pairs[i].probability;
        l.status = AC_LINK_PROPOSED;
        l.meta.id = aci_hub_new_id(hub, a);
        l.meta.agency_id = actor->agency_id;
        l.meta.review_date = ac_date_add_years(&today, ACI_REVIEW_YEARS);
        l.meta.created_at = aci_hub_now_text(hub, a);
        l.meta.updated_at = l.meta.created_at;
        l.meta.version = 1;
        rc = l.meta.id != NULL && l.provenance != NULL
                 ? aci_store_link_insert(hub->store, &l, actor->user_id, err)
                 : aci_fail(err, AC_ENOMEM, "out of memory");
        *made += rc == AC_OK;
    }
    return rc;
}

struct propose_args {
    double threshold;
    size_t proposed; /* out */
};

/* Proposed links are held by the actor's own agency. */
static ac_code
propose_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res.type = "link";
    op->res.agency_id = op->actor->agency_id;
    return AC_OK;
}

static ac_code
propose_body(struct aci_op *op, void *args, ac_error *err)
{
    struct propose_args *x = args;
    ac_linkage *lk = NULL;
    ac_linkage_pair *pairs = NULL;
    size_t n = 0;
    ac_code rc = AC_OK;

    if (!(x->threshold > 0.0 && x->threshold <= 1.0)) {
        rc = aci_fail(err, AC_EINVAL, "threshold: a probability above 0 and at most 1");
    }
    if (rc == AC_OK) {
        rc = ac_linkage_new(true, &lk, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_person_each(op->store, op->actor->agency_id, add_person, lk, err);
    }
    if (rc == AC_OK && ac_linkage_count(lk, 0) >= 2) { /* fewer: nothing to link */
        ac_code trained = ac_linkage_train(lk, MATCH_SEED, 0, err);

        if (trained == AC_OK) {
            rc = ac_linkage_score(lk, x->threshold, false, op->scratch, &pairs, &n, NULL, err);
        } else if (trained != AC_ENOTFOUND) { /* not found: no candidate pair, nothing to do */
            rc = trained;
        }
    }
    if (rc == AC_OK) {
        rc = propose(op->hub, op->actor, lk, pairs, n, op->scratch, &x->proposed, err);
        op->detail = ac_arena_printf(op->scratch,
                                     "record linkage over %zu persons: %zu pairs at or above "
                                     "%.2f, %zu new proposed links",
                                     ac_linkage_count(lk, 0), n, x->threshold, x->proposed);
    }
    ac_linkage_free(lk);
    return rc;
}

static const struct aci_op_desc propose_op = {
    ACI_ACT_CREATE, "link", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, propose_find, propose_body,
};

ac_code
ac_link_propose_duplicates(ac_hub *hub,
                           const ac_actor *actor,
                           const char *purpose,
                           double threshold,
                           size_t *out_proposed,
                           ac_error *err)
{
    struct propose_args x = { threshold, 0 };
    ac_code rc = aci_op_run(&propose_op, hub, actor, purpose, &x, err);

    *out_proposed = rc == AC_OK ? x.proposed : 0;
    return rc;
}
