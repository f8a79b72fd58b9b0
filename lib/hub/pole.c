/* SPDX-License-Identifier: Apache-2.0
 *
 * pole.c - hub calls on objects, locations and events (include/accord/pole.h).  Each call
 * is declared as an operation (struct aci_op_desc) run by the executor; the records are
 * held and read within one agency, as persons are (policy/decide.c).
 */
#include "internal.h"

#include "accord/pole.h"
#include "hub/hub_int.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_pole.h"

#define PAGE_MAX 100

/* A new record, and a list, are of the actor's own agency. */
static ac_code
own_agency_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res.type = op->desc->object_type;
    op->res.agency_id = op->actor->agency_id;
    return AC_OK;
}

/* ---- add ---- */

struct add_args {
    const ac_date *review; /* the review date asked for, or none */
    ac_arena *a;
    ac_record_meta *meta; /* of REC: filled by add_meta; its id is the out */
    void *rec;            /* the prepared ac_object, ac_location or ac_event */
    const char *key;      /* objects and locations: the key to match by */
};

/* Fill the new record's meta: held by the actor's agency. */
static ac_code
add_meta(struct aci_op *op, struct add_args *x, ac_error *err)
{
    ac_record_meta *m = x->meta;
    ac_date today = aci_hub_today(op->hub);

    memset(m, 0, sizeof *m);
    m->id = aci_hub_new_id(op->hub, x->a);
    m->agency_id = op->actor->agency_id;
    m->review_date = x->review->precision != AC_DATE_NONE
                         ? *x->review
                         : ac_date_add_years(&today, ACI_REVIEW_YEARS);
    m->created_at = aci_hub_now_text(op->hub, x->a);
    m->updated_at = m->created_at;
    m->version = 1;
    op->object_id = m->id;
    return m->id != NULL && m->created_at != NULL ? AC_OK
                                                  : aci_fail(err, AC_ENOMEM, "out of memory");
}

/* Run the create D of X; *OUT_ID on success. */
static ac_code
add_run(const struct aci_op_desc *d,
        ac_hub *hub,
        const ac_actor *actor,
        const char *purpose,
        struct add_args *x,
        const char **out_id,
        ac_error *err)
{
    ac_code rc = aci_op_run(d, hub, actor, purpose, x, err);

    *out_id = rc == AC_OK ? x->meta->id : NULL;
    return rc;
}

static ac_code
object_add_body(struct aci_op *op, void *args, ac_error *err)
{
    struct add_args *x = args;
    ac_object *o = x->rec;
    ac_code rc = add_meta(op, x, err);

    if (rc == AC_OK) {
        rc = aci_store_object_insert(op->store, o, x->key, op->actor->user_id, err);
        op->detail = ac_object_kind_str(o->kind);
    }
    return rc;
}

static const struct aci_op_desc object_add_op = {
    ACI_ACT_CREATE, "object", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, own_agency_find, object_add_body,
};

ac_code
ac_object_add(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const ac_object *in,
              ac_arena *a,
              const char **out_id,
              ac_error *err)
{
    ac_object o;
    struct add_args x = { &in->meta.review_date, a, &o.meta, &o, NULL };
    ac_code rc = aci_object_prepare(in, a, &o, &x.key, err);

    *out_id = NULL;
    if (rc != AC_OK) {
        return rc;
    }
    return add_run(&object_add_op, hub, actor, purpose, &x, out_id, err);
}

static ac_code
location_add_body(struct aci_op *op, void *args, ac_error *err)
{
    struct add_args *x = args;
    ac_code rc = add_meta(op, x, err);

    if (rc == AC_OK) {
        rc = aci_store_location_insert(op->store, x->rec, x->key, op->actor->user_id, err);
    }
    return rc;
}

static const struct aci_op_desc location_add_op = {
    ACI_ACT_CREATE, "location",      ACI_PURPOSE_REQUIRED,
    ACI_OP_WRITE,   own_agency_find, location_add_body,
};

ac_code
ac_location_add(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                const ac_location *in,
                ac_arena *a,
                const char **out_id,
                ac_error *err)
{
    ac_location l;
    struct add_args x = { &in->meta.review_date, a, &l.meta, &l, NULL };
    ac_code rc = aci_location_prepare(in, a, &l, &x.key, err);

    *out_id = NULL;
    if (rc != AC_OK) {
        return rc;
    }
    return add_run(&location_add_op, hub, actor, purpose, &x, out_id, err);
}

/* AC_OK when the actor's agency holds location ID (and so may point an event at it). */
static ac_code
location_visible(struct aci_op *op, const char *id, ac_arena *a, ac_error *err)
{
    const char *holder = NULL;
    ac_code rc = aci_store_record_holder(op->store, "location", id, a, &holder, err);

    if (rc == AC_OK && strcmp(holder, op->actor->agency_id) != 0) {
        rc = AC_ENOTFOUND;
    }
    return rc == AC_ENOTFOUND ? aci_fail(err, AC_EINVAL, "location_id: no such location") : rc;
}

static ac_code
event_add_body(struct aci_op *op, void *args, ac_error *err)
{
    struct add_args *x = args;
    ac_event *e = x->rec;
    ac_code rc = add_meta(op, x, err);

    if (rc == AC_OK && e->location_id != NULL) {
        rc = location_visible(op, e->location_id, x->a, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_event_insert(op->store, e, op->actor->user_id, err);
        op->detail = e->kind;
    }
    return rc;
}

static const struct aci_op_desc event_add_op = {
    ACI_ACT_CREATE, "event", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, own_agency_find, event_add_body,
};

ac_code
ac_event_add(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             const ac_event *in,
             ac_arena *a,
             const char **out_id,
             ac_error *err)
{
    ac_event e;
    struct add_args x = { &in->meta.review_date, a, &e.meta, &e, NULL };
    ac_date today = aci_hub_today(hub);
    ac_code rc = aci_event_prepare(in, &today, a, &e, err);

    *out_id = NULL;
    if (rc != AC_OK) {
        return rc;
    }
    return add_run(&event_add_op, hub, actor, purpose, &x, out_id, err);
}

/* ---- get ---- */

struct get_args {
    const char *id;
    ac_arena *a;
    void *out;            /* the caller's ac_object, ac_location or ac_event */
    ac_record_meta *meta; /* of OUT */
};

/* After loading record X->id (RC): the executor asks the policy about its holder. */
static ac_code
get_found(struct aci_op *op, struct get_args *x, ac_code rc)
{
    op->object_id = x->id;
    op->res.type = op->desc->object_type;
    op->res.agency_id = rc == AC_OK ? x->meta->agency_id : NULL;
    return rc;
}

/* Run the read D of X: missing and hidden records are "not found" alike; OUT is cleared
 * unless the call succeeds. */
static ac_code
get_run(const struct aci_op_desc *d,
        ac_hub *hub,
        const ac_actor *actor,
        const char *purpose,
        struct get_args *x,
        size_t out_size,
        ac_error *err)
{
    ac_code rc = aci_op_run(d, hub, actor, purpose, x, err);

    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "%s '%s' not found", d->object_type, x->id);
    }
    if (rc != AC_OK) {
        memset(x->out, 0, out_size);
    }
    return rc;
}

static ac_code
object_get_find(struct aci_op *op, void *args, ac_error *err)
{
    struct get_args *x = args;

    return get_found(op, x, aci_store_object_load(op->store, x->id, x->a, x->out, err));
}

static const struct aci_op_desc object_get_op = {
    ACI_ACT_READ, "object", ACI_PURPOSE_REQUIRED, ACI_OP_READ, object_get_find, NULL,
};

ac_code
ac_object_get(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const char *id,
              ac_arena *a,
              ac_object *out,
              ac_error *err)
{
    struct get_args x = { id, a, out, &out->meta };

    return get_run(&object_get_op, hub, actor, purpose, &x, sizeof *out, err);
}

static ac_code
location_get_find(struct aci_op *op, void *args, ac_error *err)
{
    struct get_args *x = args;

    return get_found(op, x, aci_store_location_load(op->store, x->id, x->a, x->out, err));
}

static const struct aci_op_desc location_get_op = {
    ACI_ACT_READ, "location", ACI_PURPOSE_REQUIRED, ACI_OP_READ, location_get_find, NULL,
};

ac_code
ac_location_get(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                const char *id,
                ac_arena *a,
                ac_location *out,
                ac_error *err)
{
    struct get_args x = { id, a, out, &out->meta };

    return get_run(&location_get_op, hub, actor, purpose, &x, sizeof *out, err);
}

static ac_code
event_get_find(struct aci_op *op, void *args, ac_error *err)
{
    struct get_args *x = args;

    return get_found(op, x, aci_store_event_load(op->store, x->id, x->a, x->out, err));
}

static const struct aci_op_desc event_get_op = {
    ACI_ACT_READ, "event", ACI_PURPOSE_REQUIRED, ACI_OP_READ, event_get_find, NULL,
};

ac_code
ac_event_get(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             const char *id,
             ac_arena *a,
             ac_event *out,
             ac_error *err)
{
    struct get_args x = { id, a, out, &out->meta };

    return get_run(&event_get_op, hub, actor, purpose, &x, sizeof *out, err);
}

/* ---- list ---- */

struct list_args {
    const ac_record_page *page;
    ac_arena *a;
    size_t limit; /* the page size to fetch */
    void *list;   /* out: the ac_object, ac_location or ac_event array */
    size_t n;
};

/* A list is of the actor's agency; a cursor this hub did not give is refused first. */
static ac_code
list_find(struct aci_op *op, void *args, ac_error *err)
{
    const ac_record_page *page = ((struct list_args *)args)->page;

    if (page->after != NULL && strlen(page->after) > 64) {
        return aci_fail(err, AC_EINVAL, "after: not a cursor this hub gave");
    }
    return own_agency_find(op, args, err);
}

/* Record what the page held: how many, and the id of each of its X->n records (each an
 * ac_object, ac_location or ac_event of SIZE bytes, whose first member is its
 * ac_record_meta), so "who accessed" finds a read through a list.  Passes on RC. */
static ac_code
list_done(struct aci_op *op, const struct list_args *x, size_t size, ac_code rc, ac_error *err)
{
    op->detail = ac_arena_printf(op->scratch, "%zu %ss", x->n, op->desc->object_type);
    for (size_t i = 0; rc == AC_OK && i < x->n; i++) {
        const ac_record_meta *meta =
            (const ac_record_meta *)(const void *)((const char *)x->list + i * size);

        rc = aci_op_returned(op, meta->id, err);
    }
    return rc;
}

/* Run the list D of X: *OUT and *OUT_N on success, NULL and 0 otherwise. */
static ac_code
list_run(const struct aci_op_desc *d,
         ac_hub *hub,
         const ac_actor *actor,
         const char *purpose,
         struct list_args *x,
         void **out,
         size_t *out_n,
         ac_error *err)
{
    const ac_record_page *page = x->page;
    ac_code rc;

    x->limit = page->limit == 0 || page->limit > PAGE_MAX ? PAGE_MAX : page->limit;
    rc = aci_op_run(d, hub, actor, purpose, x, err);
    *out = rc == AC_OK ? x->list : NULL;
    *out_n = rc == AC_OK ? x->n : 0;
    return rc;
}

/* The key to match objects by (their value's compact key), or NULL for all. */
static const char *
match_key(const char *match, ac_arena *a)
{
    return match != NULL ? aci_compact_key(a, match) : NULL;
}

static ac_code
object_list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct list_args *x = args;
    ac_object *list = NULL;
    ac_code rc = aci_store_object_page(op->store, op->actor->agency_id,
                                       match_key(x->page->match, op->scratch), x->page->after,
                                       x->limit, x->a, &list, &x->n, err);

    x->list = list;
    return list_done(op, x, sizeof(ac_object), rc, err);
}

static const struct aci_op_desc object_list_op = {
    ACI_ACT_SEARCH, "object", ACI_PURPOSE_REQUIRED, ACI_OP_READ, list_find, object_list_body,
};

ac_code
ac_object_list(ac_hub *hub,
               const ac_actor *actor,
               const char *purpose,
               const ac_record_page *page,
               ac_arena *a,
               ac_object **out,
               size_t *out_n,
               ac_error *err)
{
    struct list_args x = { page, a, 0, NULL, 0 };
    void *list = NULL;
    ac_code rc = list_run(&object_list_op, hub, actor, purpose, &x, &list, out_n, err);

    *out = list;
    return rc;
}

static ac_code
location_list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct list_args *x = args;
    ac_location *list = NULL;
    ac_code rc = aci_store_location_page(op->store, op->actor->agency_id,
                                         match_key(x->page->match, op->scratch), x->page->after,
                                         x->limit, x->a, &list, &x->n, err);

    x->list = list;
    return list_done(op, x, sizeof(ac_location), rc, err);
}

static const struct aci_op_desc location_list_op = {
    ACI_ACT_SEARCH, "location", ACI_PURPOSE_REQUIRED, ACI_OP_READ, list_find, location_list_body,
};

ac_code
ac_location_list(ac_hub *hub,
                 const ac_actor *actor,
                 const char *purpose,
                 const ac_record_page *page,
                 ac_arena *a,
                 ac_location **out,
                 size_t *out_n,
                 ac_error *err)
{
    struct list_args x = { page, a, 0, NULL, 0 };
    void *list = NULL;
    ac_code rc = list_run(&location_list_op, hub, actor, purpose, &x, &list, out_n, err);

    *out = list;
    return rc;
}

static ac_code
event_list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct list_args *x = args;
    ac_event *list = NULL;
    ac_code rc = aci_store_event_page(op->store, op->actor->agency_id, x->page->match,
                                      x->page->after, x->limit, x->a, &list, &x->n, err);

    x->list = list;
    return list_done(op, x, sizeof(ac_event), rc, err);
}

static const struct aci_op_desc event_list_op = {
    ACI_ACT_SEARCH, "event", ACI_PURPOSE_REQUIRED, ACI_OP_READ, list_find, event_list_body,
};

ac_code
ac_event_list(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const ac_record_page *page,
              ac_arena *a,
              ac_event **out,
              size_t *out_n,
              ac_error *err)
{
    struct list_args x = { page, a, 0, NULL, 0 };
    void *list = NULL;
    ac_code rc = list_run(&event_list_op, hub, actor, purpose, &x, &list, out_n, err);

    *out = list;
    return rc;
}
