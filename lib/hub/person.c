/* SPDX-License-Identifier: Apache-2.0
 *
 * person.c - hub calls on person records: add, get, search.  Each runs in one
 * operation frame (op.c): policy, audit and the change in one transaction.
 */
#include "internal.h"

#include "accord/id.h"
#include "accord/text.h"
#include "hub/hub_int.h"
#include "hub/hub_person.h"
#include "hub/person_keys.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_person.h"

#define SEARCH_DEFAULT 50
#define SEARCH_MAX     1000

ac_code
aci_hub_person_write(ac_hub *hub,
                     const ac_actor *actor,
                     const ac_person *in,
                     const ac_date *today,
                     ac_arena *a,
                     const char **out_id,
                     ac_error *err)
{
    return aci_person_write(hub, actor, NULL, in, today, a, out_id, NULL, err);
}

/* ---- add ---- */

struct add_args {
    const ac_person *in;
    ac_arena *a;
    const char *id;              /* out */
    bool want_dups;              /* ac_person_add_with_duplicates */
    struct aci_person_dups dups; /* out: the agency's records it looks like */
};

/* The agency the new record is for: the actor's own, or the one IN names (refused). */
static ac_code
add_find(struct aci_op *op, void *args, ac_error *err)
{
    const ac_person *in = ((struct add_args *)args)->in;

    (void)err;
    op->res.type = "person";
    op->res.agency_id = in->agency_id != NULL ? in->agency_id : op->actor->agency_id;
    return AC_OK;
}

static ac_code
add_body(struct aci_op *op, void *args, ac_error *err)
{
    struct add_args *x = args;
    ac_date today = aci_hub_today(op->hub);
    ac_code rc;

    x->dups.n = 0;
    rc = aci_person_write(op->hub, op->actor, NULL, x->in, &today, x->a, &x->id,
                          x->want_dups ? &x->dups : NULL, err);

    op->object_id = x->id;
    return rc;
}

static const struct aci_op_desc add_op = {
    ACI_ACT_CREATE, "person", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, add_find, add_body,
};

ac_code
ac_person_add(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const ac_person *in,
              ac_arena *a,
              const char **out_id,
              ac_error *err)
{
    struct add_args x = { in, a, NULL, false, { a, NULL, 0, 0 } };
    ac_code rc = aci_op_run(&add_op, hub, actor, purpose, &x, err);

    *out_id = rc == AC_OK ? x.id : NULL;
    return rc;
}

ac_code
ac_person_add_with_duplicates(ac_hub *hub,
                              const ac_actor *actor,
                              const char *purpose,
                              const ac_person *in,
                              ac_arena *a,
                              const char **out_id,
                              ac_person_duplicate **out_dups,
                              size_t *out_n,
                              ac_error *err)
{
    struct add_args x = { in, a, NULL, true, { a, NULL, 0, 0 } };
    ac_code rc = aci_op_run(&add_op, hub, actor, purpose, &x, err);

    *out_id = rc == AC_OK ? x.id : NULL;
    *out_dups = rc == AC_OK ? x.dups.list : NULL;
    *out_n = rc == AC_OK ? x.dups.n : 0;
    return rc;
}

/* ---- get ---- */

struct get_args {
    const char *id;
    ac_arena *a;
    ac_person *person; /* out */
};

static ac_code
get_find(struct aci_op *op, void *args, ac_error *err)
{
    struct get_args *x = args;
    ac_code rc;

    op->object_id = x->id;
    x->person = ac_arena_zalloc(x->a, sizeof *x->person);
    rc = x->person != NULL ? aci_store_person_load(op->store, x->id, x->a, x->person, err)
                           : aci_fail(err, AC_ENOMEM, "out of memory");
    if (rc == AC_OK && x->person->merged_into != NULL) {
        /* a merged record answers with the one it was merged into (person_edit.c) */
        op->object_id = x->person->merged_into;
        rc = aci_store_person_load(op->store, x->person->merged_into, x->a, x->person, err);
    }
    if (rc == AC_ENOTFOUND) {
        return aci_fail(err, AC_ENOTFOUND, "person '%s' not found", x->id);
    }
    op->res.type = "person";
    op->res.agency_id = rc == AC_OK ? x->person->agency_id : NULL;
    return rc;
}

static const struct aci_op_desc get_op = {
    ACI_ACT_READ, "person", ACI_PURPOSE_REQUIRED, ACI_OP_READ, get_find, NULL,
};

ac_code
ac_person_get(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const char *id,
              ac_arena *a,
              ac_person **out,
              ac_error *err)
{
    struct get_args x = { id, a, NULL };
    ac_code rc = aci_op_run(&get_op, hub, actor, purpose, &x, err);

    if (rc == AC_ENOTFOUND) {
        /* missing, or hidden by the policy: the same words either way */
        rc = aci_fail(err, AC_ENOTFOUND, "person '%s' not found", id);
    }
    *out = rc == AC_OK ? x.person : NULL;
    return rc;
}

/* ---- search ---- */

struct search_args {
    const ac_person_query *q;
    ac_arena *a;
    ac_person_hit *list; /* out */
    size_t n;
};

static ac_code
search_body(struct aci_op *op, void *args, ac_error *err)
{
    struct search_args *x = args;
    const ac_person_query *q = x->q;
    struct aci_resource res = { "person", op->actor->agency_id };
    const char *agency;
    char dob[AC_DATE_TEXT_MAX];
    ac_code rc = AC_OK;

    /* the query is recorded as asked: a search is itself a use of personal data; the
     * audit entry also names every id it returned (aci_op_returned) */
    op->detail = ac_arena_printf(op->scratch, "name=%s dob=%s postcode=%s", q->name ? q->name : "",
                                 ac_date_format(&q->dob, dob), q->postcode ? q->postcode : "");
    if ((q->name == NULL || q->name[0] == '\0') && (q->postcode == NULL || !q->postcode[0])) {
        rc = aci_fail(err, AC_EINVAL, "search needs a name or a postcode");
    } else if (q->limit > SEARCH_MAX) {
        rc = aci_fail(err, AC_EINVAL, "limit: at most %d results per search", SEARCH_MAX);
    }
    if (rc == AC_OK) {
        rc = aci_op_allow(op, &res, err);
    }
    agency = aci_policy_visible_agency(op->actor);
    if (rc == AC_OK && agency != NULL) {
        rc = aci_person_keys_search(op->store, agency, q, q->limit ? q->limit : SEARCH_DEFAULT,
                                    x->a, &x->list, &x->n, err);
    }
    op->lists = rc == AC_OK;
    for (size_t i = 0; rc == AC_OK && i < x->n; i++) {
        rc = aci_op_returned(op, x->list[i].person.id, err);
    }
    return rc;
}

static const struct aci_op_desc search_op = {
    ACI_ACT_SEARCH, "person", ACI_PURPOSE_REQUIRED, ACI_OP_READ, NULL, search_body,
};

ac_code
ac_person_search(ac_hub *hub,
                 const ac_actor *actor,
                 const char *purpose,
                 const ac_person_query *q,
                 ac_arena *a,
                 ac_person_hit **out,
                 size_t *out_n,
                 ac_error *err)
{
    struct search_args x = { q, a, NULL, 0 };
    ac_code rc = aci_op_run(&search_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}
