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
#include "hub/hub_subject.h"
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
    ac_person p;
    ac_code rc = aci_person_prepare(in, today, a, &p, err);

    *out_id = NULL;
    if (rc != AC_OK) {
        return rc;
    }
    p.agency_id = actor->agency_id;
    p.id = aci_hub_new_id(hub, a);
    p.created_at = p.updated_at = aci_hub_now_text(hub, a);
    p.version = 1;
    if (p.id == NULL || p.created_at == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory adding a person");
    }
    rc = aci_store_person_insert(hub->store, &p, actor->user_id, err);
    if (rc == AC_OK) { /* into the subject index at once, in the same transaction */
        rc = aci_subject_resolve(hub, hub->store, actor, p.id, a, NULL, err);
    }
    if (rc == AC_OK) {
        *out_id = p.id;
    }
    return rc;
}

/* ---- add ---- */

struct add_args {
    const ac_person *in;
    ac_arena *a;
    const char *id; /* out */
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
    ac_code rc = aci_hub_person_write(op->hub, op->actor, x->in, &today, x->a, &x->id, err);

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
    struct add_args x = { in, a, NULL };
    ac_code rc = aci_op_run(&add_op, hub, actor, purpose, &x, err);

    *out_id = rc == AC_OK ? x.id : NULL;
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

/* True when every word of QUERY_KEY begins some word of NAME_KEY. */
static bool
words_match(const char *query_key, const char *name_key)
{
    const char *q = query_key;

    while (*q != '\0') {
        size_t qn = strcspn(q, " ");
        const char *w = name_key;
        bool found = false;

        while (*w != '\0' && !found) {
            size_t wn = strcspn(w, " ");

            found = wn >= qn && memcmp(w, q, qn) == 0;
            w += wn;
            w += *w == ' ';
        }
        if (!found) {
            return false;
        }
        q += qn;
        q += *q == ' ';
    }
    return true;
}

static bool
person_matches(const ac_person *p, const char *query_key, const ac_date *dob)
{
    bool name_ok = query_key == NULL;

    for (size_t i = 0; !name_ok && i < p->n_names; i++) {
        name_ok = words_match(query_key, p->names[i].key);
    }
    if (!name_ok) {
        return false;
    }
    if (dob->precision != AC_DATE_NONE) {
        const ac_date *d = &p->dob;

        if (d->precision == AC_DATE_NONE || d->year != dob->year) {
            return false;
        }
        if (d->precision >= AC_DATE_MONTH && dob->precision >= AC_DATE_MONTH &&
            d->month != dob->month) {
            return false;
        }
        if (d->precision == AC_DATE_DAY && dob->precision == AC_DATE_DAY && d->day != dob->day) {
            return false;
        }
    }
    return true;
}

/* The longest word of KEY (the most selective index probe), copied into A. */
static const char *
longest_word(const char *key, ac_arena *a)
{
    const char *best = NULL;
    size_t best_n = 0;

    for (const char *w = key; *w != '\0';) {
        size_t n = strcspn(w, " ");

        if (n > best_n) {
            best = w;
            best_n = n;
        }
        w += n;
        w += *w == ' ';
    }
    return best != NULL ? ac_arena_strndup(a, best, best_n) : NULL;
}

static ac_code
search_visible(struct aci_store *store,
               const char *agency_id,
               const ac_person_query *q,
               ac_arena *a,
               ac_person **out,
               size_t *out_n,
               ac_error *err)
{
    char *query_key = NULL, *pc = NULL;
    const char *probe = NULL, *pc_key = NULL;
    const char **ids = NULL;
    size_t n_ids = 0, limit = q->limit ? q->limit : SEARCH_DEFAULT, n = 0;
    ac_person *list;
    ac_code rc = AC_OK;

    if (q->name != NULL && q->name[0] != '\0') {
        rc = ac_text_key(q->name, a, &query_key, err);
        if (rc == AC_OK && query_key[0] == '\0') {
            rc = aci_fail(err, AC_EINVAL, "name: the query has no letters or digits");
        }
        probe = rc == AC_OK ? longest_word(query_key, a) : NULL;
    }
    if (rc == AC_OK && q->postcode != NULL && q->postcode[0] != '\0') {
        pc = aci_compact_key(a, q->postcode);
        pc_key = pc;
    }
    if (rc != AC_OK) {
        return rc;
    }
    /* candidates from the index, then every criterion checked on the loaded record */
    rc = aci_store_person_find_ids(store, agency_id, probe, pc_key, q->after, SEARCH_MAX * 10, a,
                                   &ids, &n_ids, err);
    list =
        rc == AC_OK ? ac_arena_zalloc(a, (limit < n_ids ? limit : n_ids) * sizeof *list + 1) : NULL;
    if (rc == AC_OK && list == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory searching");
    }
    for (size_t i = 0; rc == AC_OK && i < n_ids && n < limit; i++) {
        rc = aci_store_person_load(store, ids[i], a, &list[n], err);
        if (rc == AC_OK && person_matches(&list[n], query_key, &q->dob)) {
            n++;
        }
    }
    *out = rc == AC_OK ? list : NULL;
    *out_n = rc == AC_OK ? n : 0;
    return rc;
}

struct search_args {
    const ac_person_query *q;
    ac_arena *a;
    ac_person *list; /* out */
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
        rc = search_visible(op->store, agency, q, x->a, &x->list, &x->n, err);
    }
    op->lists = rc == AC_OK;
    for (size_t i = 0; rc == AC_OK && i < x->n; i++) {
        rc = aci_op_returned(op, x->list[i].id, err);
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
                 ac_person **out,
                 size_t *out_n,
                 ac_error *err)
{
    struct search_args x = { q, a, NULL, 0 };
    ac_code rc = aci_op_run(&search_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}
