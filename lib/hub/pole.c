/* SPDX-License-Identifier: Apache-2.0
 *
 * pole.c - hub calls on objects, locations and events (include/accord/pole.h).  Each call
 * runs in one operation frame; the records are held and read within one agency, as
 * persons are (policy/decide.c).
 */
#include "internal.h"

#include "accord/pole.h"
#include "hub/hub_int.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_pole.h"

#define PAGE_MAX 100

/* Open a create of TYPE held by the actor's agency and fill the new record's meta. */
static ac_code
add_begin(struct aci_op *op,
          ac_hub *hub,
          const ac_actor *actor,
          const char *purpose,
          const char *type,
          const ac_date *review,
          ac_arena *a,
          ac_record_meta *m,
          ac_error *err)
{
    struct aci_resource res = { type, actor->agency_id };
    ac_code rc =
        aci_op_begin(op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_CREATE, type, err);

    if (rc == AC_OK) {
        rc = aci_op_allow(op, &res, err);
    }
    if (rc == AC_OK) {
        ac_date today = aci_hub_today(hub);

        memset(m, 0, sizeof *m);
        m->id = aci_hub_new_id(hub, a);
        m->agency_id = actor->agency_id;
        m->review_date = review->precision != AC_DATE_NONE
                             ? *review
                             : ac_date_add_years(&today, ACI_REVIEW_YEARS);
        m->created_at = aci_hub_now_text(hub, a);
        m->updated_at = m->created_at;
        m->version = 1;
        op->object_id = m->id;
        if (m->id == NULL || m->created_at == NULL) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory");
        }
    }
    return rc;
}

/* Finish a create: *OUT_ID on success. */
static ac_code
add_end(struct aci_op *op, ac_code rc, const ac_record_meta *m, const char **out_id, ac_error *err)
{
    rc = aci_op_end(op, rc, err);
    *out_id = rc == AC_OK ? m->id : NULL;
    return rc;
}

ac_code
ac_object_add(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const ac_object *in,
              ac_arena *a,
              const char **out_id,
              ac_error *err)
{
    struct aci_op op;
    ac_object o;
    const char *key = NULL;
    ac_code rc = aci_object_prepare(in, a, &o, &key, err);

    *out_id = NULL;
    if (rc != AC_OK) {
        return rc;
    }
    rc = add_begin(&op, hub, actor, purpose, "object", &in->meta.review_date, a, &o.meta, err);
    if (rc == AC_OK) {
        rc = aci_store_object_insert(hub->store, &o, key, actor->user_id, err);
        op.detail = ac_object_kind_str(o.kind);
    }
    return add_end(&op, rc, &o.meta, out_id, err);
}

ac_code
ac_location_add(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                const ac_location *in,
                ac_arena *a,
                const char **out_id,
                ac_error *err)
{
    struct aci_op op;
    ac_location l;
    const char *key = NULL;
    ac_code rc = aci_location_prepare(in, a, &l, &key, err);

    *out_id = NULL;
    if (rc != AC_OK) {
        return rc;
    }
    rc = add_begin(&op, hub, actor, purpose, "location", &in->meta.review_date, a, &l.meta, err);
    if (rc == AC_OK) {
        rc = aci_store_location_insert(hub->store, &l, key, actor->user_id, err);
    }
    return add_end(&op, rc, &l.meta, out_id, err);
}

/* AC_OK when the actor's agency holds location ID (and so may point an event at it). */
static ac_code
location_visible(ac_hub *hub, const ac_actor *actor, const char *id, ac_arena *a, ac_error *err)
{
    const char *holder = NULL;
    ac_code rc = aci_store_record_holder(hub->store, "location", id, a, &holder, err);

    if (rc == AC_OK && strcmp(holder, actor->agency_id) != 0) {
        rc = AC_ENOTFOUND;
    }
    return rc == AC_ENOTFOUND ? aci_fail(err, AC_EINVAL, "location_id: no such location") : rc;
}

ac_code
ac_event_add(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             const ac_event *in,
             ac_arena *a,
             const char **out_id,
             ac_error *err)
{
    struct aci_op op;
    ac_event e;
    ac_date today = aci_hub_today(hub);
    ac_code rc = aci_event_prepare(in, &today, a, &e, err);

    *out_id = NULL;
    if (rc != AC_OK) {
        return rc;
    }
    rc = add_begin(&op, hub, actor, purpose, "event", &in->meta.review_date, a, &e.meta, err);
    if (rc == AC_OK && e.location_id != NULL) {
        rc = location_visible(hub, actor, e.location_id, a, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_event_insert(hub->store, &e, actor->user_id, err);
        op.detail = e.kind;
    }
    return add_end(&op, rc, &e.meta, out_id, err);
}

static ac_code
read_begin(struct aci_op *op,
           ac_hub *hub,
           const ac_actor *actor,
           const char *purpose,
           const char *type,
           const char *id,
           ac_error *err)
{
    ac_code rc =
        aci_op_begin(op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_READ, type, err);

    op->object_id = id;
    return rc;
}

/* Ask the policy about the loaded record M and finish the read. */
static ac_code
read_end(struct aci_op *op, ac_code rc, const ac_record_meta *m, const char *id, ac_error *err)
{
    if (rc == AC_OK) {
        struct aci_resource res = { op->desc->object_type, m->agency_id };

        rc = aci_op_allow(op, &res, err);
    }
    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "%s '%s' not found", op->desc->object_type, id);
    }
    return aci_op_end(op, rc, err);
}

ac_code
ac_object_get(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const char *id,
              ac_arena *a,
              ac_object *out,
              ac_error *err)
{
    struct aci_op op;
    ac_code rc = read_begin(&op, hub, actor, purpose, "object", id, err);

    if (rc == AC_OK) {
        rc = aci_store_object_load(hub->store, id, a, out, err);
    }
    return op.began ? read_end(&op, rc, &out->meta, id, err) : rc;
}

ac_code
ac_location_get(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                const char *id,
                ac_arena *a,
                ac_location *out,
                ac_error *err)
{
    struct aci_op op;
    ac_code rc = read_begin(&op, hub, actor, purpose, "location", id, err);

    if (rc == AC_OK) {
        rc = aci_store_location_load(hub->store, id, a, out, err);
    }
    return op.began ? read_end(&op, rc, &out->meta, id, err) : rc;
}

ac_code
ac_event_get(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             const char *id,
             ac_arena *a,
             ac_event *out,
             ac_error *err)
{
    struct aci_op op;
    ac_code rc = read_begin(&op, hub, actor, purpose, "event", id, err);

    if (rc == AC_OK) {
        rc = aci_store_event_load(hub->store, id, a, out, err);
    }
    return op.began ? read_end(&op, rc, &out->meta, id, err) : rc;
}

/* Open a list of TYPE in the actor's agency; *LIMIT is the page size to fetch. */
static ac_code
list_begin(struct aci_op *op,
           ac_hub *hub,
           const ac_actor *actor,
           const char *purpose,
           const char *type,
           const ac_record_page *page,
           size_t *limit,
           ac_error *err)
{
    struct aci_resource res = { type, actor->agency_id };
    ac_code rc =
        aci_op_begin(op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_SEARCH, type, err);

    *limit = page->limit == 0 || page->limit > PAGE_MAX ? PAGE_MAX : page->limit;
    if (rc == AC_OK && page->after != NULL && strlen(page->after) > 64) {
        rc = aci_fail(err, AC_EINVAL, "after: not a cursor this hub gave");
    }
    if (rc == AC_OK) {
        rc = aci_op_allow(op, &res, err);
    }
    return rc;
}

static ac_code
list_end(struct aci_op *op, ac_code rc, size_t n, ac_arena *a, ac_error *err)
{
    op->detail = ac_arena_printf(a, "%zu %ss", n, op->desc->object_type);
    return aci_op_end(op, rc, err);
}

/* The key to match objects by (their value's compact key), or NULL for all. */
static const char *
match_key(const char *match, ac_arena *a)
{
    return match != NULL ? aci_compact_key(a, match) : NULL;
}

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
    struct aci_op op;
    size_t limit;
    ac_code rc = list_begin(&op, hub, actor, purpose, "object", page, &limit, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_store_object_page(hub->store, actor->agency_id, match_key(page->match, a),
                                   page->after, limit, a, out, out_n, err);
    }
    return list_end(&op, rc, *out_n, a, err);
}

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
    struct aci_op op;
    size_t limit;
    ac_code rc = list_begin(&op, hub, actor, purpose, "location", page, &limit, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_store_location_page(hub->store, actor->agency_id, match_key(page->match, a),
                                     page->after, limit, a, out, out_n, err);
    }
    return list_end(&op, rc, *out_n, a, err);
}

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
    struct aci_op op;
    size_t limit;
    ac_code rc = list_begin(&op, hub, actor, purpose, "event", page, &limit, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_store_event_page(hub->store, actor->agency_id, page->match, page->after, limit, a,
                                  out, out_n, err);
    }
    return list_end(&op, rc, *out_n, a, err);
}
