/* SPDX-License-Identifier: Apache-2.0
 *
 * picture.c - one view of a person (include/accord/picture.h): one read op that composes,
 * for a record of the actor's agency, the agency's other records of the same person, the
 * person disclosures that reach it, the pointers it may see, its items, links and cases
 * about the person, and the open requests about the person in either direction.
 *
 * What "the same person" means here is the hub's index (aci_store_same_person: the
 * subject and confirmed same_person links), but the index itself is never shown: a
 * member of another agency appears only as a pointer (when its holder made it
 * discoverable to the actor's kind of agency) or through a disclosure its holder released
 * to the actor.  Items, links and cases come through the actor's own records only (its
 * agency's links, and cases naming its records), so an undiscoverable holding reaches no
 * part of the answer; every holding is asked the same questions, seen or not.
 */
#include "internal.h"

#include "accord/picture.h"
#include "hub/hub_holding.h"
#include "hub/hub_int.h"
#include "hub/hub_item.h"
#include "policy/policy.h"
#include "store/store.h"
#include "store/store_case_subject.h"
#include "store/store_item.h"
#include "store/store_party.h"
#include "store/store_person.h"
#include "store/store_pole.h"
#include "store/store_rfi.h"

#define PERSON_CLASS AC_CLASS_OFFICIAL_SENSITIVE /* every person record, link and request */
#define LINKS_MAX    1000                        /* per record, as 'accord link list' */

/* A growing list of ids (in the op's scratch). */
struct ids {
    const char **v;
    size_t n, cap;
};

static bool
ids_has(const struct ids *s, const char *id)
{
    for (size_t i = 0; id != NULL && i < s->n; i++) {
        if (strcmp(s->v[i], id) == 0) {
            return true;
        }
    }
    return false;
}

static ac_code
ids_add(struct ids *s, ac_arena *a, const char *id, ac_error *err)
{
    if (ids_has(s, id)) {
        return AC_OK;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        const char **v = ac_arena_alloc(a, cap * sizeof *v);

        if (v == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory composing a picture");
        }
        if (s->n > 0) {
            memcpy(v, s->v, s->n * sizeof *v);
        }
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = id;
    return AC_OK;
}

/* Grow array *P of N elements of SIZE by one, zeroed; NULL when out of memory. */
static void *
grow(ac_arena *a, void **p, size_t n, size_t size)
{
    char *q = ac_arena_zalloc(a, (n + 1) * size);

    if (q != NULL && n > 0) {
        memcpy(q, *p, n * size);
    }
    if (q != NULL) {
        *p = q;
    }
    return q != NULL ? q + n * size : NULL;
}

struct pic_args {
    const char *person_id;
    ac_arena *a;
    ac_picture *out;
    struct ids members; /* every record of the same person, the asked one first */
    struct ids own;     /* the actor's agency's records among them */
    struct ids cases;   /* cases about them the actor may read */
};

/* The mark of a part from AGENCY_ID. */
static ac_code
mark(struct aci_op *op,
     struct pic_args *x,
     const char *agency_id,
     ac_classification c,
     const char *handling,
     ac_picture_mark *out,
     ac_error *err)
{
    ac_agency g;
    ac_code rc = aci_store_agency_find(op->store, agency_id, x->a, &g, err);

    out->agency_id = rc == AC_OK ? g.id : NULL;
    out->agency_name = rc == AC_OK ? g.name : NULL;
    out->classification = c;
    out->handling_conditions = handling;
    if (c > x->out->highest) {
        x->out->highest = c;
    }
    return rc;
}

static ac_code
pic_find(struct aci_op *op, void *args, ac_error *err)
{
    struct pic_args *x = args;
    struct aci_holding h;
    ac_code rc = aci_store_holding_of(op->store, x->person_id, op->scratch, &h, err);

    op->object_id = x->person_id;
    op->res.type = "person";
    op->res.agency_id = rc == AC_OK ? h.agency_id : NULL;
    return rc;
}

/* The actor's records (the asked one first) and the pointers it sees. */
static ac_code
add_records_and_pointers(struct aci_op *op, struct pic_args *x, ac_error *err)
{
    struct aci_holding *hs = NULL;
    size_t n = 0;
    bool seen = false;
    ac_code rc = aci_store_same_person(op->store, x->person_id, op->scratch, &hs, &n, err);

    if (rc == AC_OK) {
        rc = ids_add(&x->members, op->scratch, x->person_id, err);
    }
    if (rc == AC_OK) {
        rc = ids_add(&x->own, op->scratch, x->person_id, err);
    }
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        rc = ids_add(&x->members, op->scratch, hs[i].person_id, err);
        if (rc == AC_OK && strcmp(hs[i].agency_id, op->actor->agency_id) == 0) {
            rc = ids_add(&x->own, op->scratch, hs[i].person_id, err);
            continue;
        }
        if (rc == AC_OK) {
            rc = aci_holding_pointer_seen(op, &hs[i], &seen, err);
        }
        if (rc == AC_OK && seen) {
            ac_picture_pointer *p =
                grow(x->a, (void **)&x->out->pointers, x->out->n_pointers, sizeof *p);

            if (p == NULL) {
                return aci_fail(err, AC_ENOMEM, "out of memory composing a picture");
            }
            p->pointer.agency_id = ac_arena_strdup(x->a, hs[i].agency_id);
            p->pointer.agency_name = ac_arena_strdup(x->a, hs[i].agency_name);
            p->pointer.ref = ac_arena_strdup(x->a, hs[i].ref);
            p->pointer.last_changed = ac_arena_strndup(x->a, hs[i].updated_at, 10);
            x->out->n_pointers++;
            rc = mark(op, x, hs[i].agency_id, PERSON_CLASS, NULL, &p->mark, err);
            if (rc == AC_OK) {
                rc = aci_op_returned(op, hs[i].ref, err);
            }
        }
    }
    for (size_t i = 0; rc == AC_OK && i < x->own.n; i++) {
        ac_picture_record *r = grow(x->a, (void **)&x->out->records, x->out->n_records, sizeof *r);

        if (r == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory composing a picture");
        }
        rc = aci_store_person_load(op->store, x->own.v[i], x->a, &r->person, err);
        x->out->n_records++;
        if (rc == AC_OK) {
            rc = mark(op, x, r->person.agency_id, PERSON_CLASS, NULL, &r->mark, err);
        }
        if (rc == AC_OK) {
            rc = aci_op_returned(op, x->own.v[i], err);
        }
    }
    return rc;
}

static ac_code
add_disclosures(struct aci_op *op, struct pic_args *x, ac_error *err)
{
    ac_person_disclosure *ds = NULL;
    size_t n = 0;
    ac_code rc = aci_pd_reaching(op, x->members.v, x->members.n, x->a, &ds, &n, err);

    x->out->disclosures = n > 0 ? ac_arena_zalloc(x->a, n * sizeof *x->out->disclosures) : NULL;
    if (rc == AC_OK && n > 0 && x->out->disclosures == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory composing a picture");
    }
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        ac_picture_disclosure *d = &x->out->disclosures[i];

        d->disclosure = ds[i];
        x->out->n_disclosures++;
        rc = mark(op, x, ds[i].holder_agency_id, ds[i].classification, ds[i].handling_conditions,
                  &d->mark, err);
        if (rc == AC_OK) {
            rc = aci_op_returned(op, ds[i].id, err);
        }
    }
    return rc;
}

static ac_code
add_case(struct aci_op *op, struct pic_args *x, const char *case_id, ac_error *err)
{
    struct aci_case_row c;
    ac_picture_case *pc;
    bool visible = false;
    ac_code rc;

    if (ids_has(&x->cases, case_id)) {
        return AC_OK;
    }
    rc = aci_store_case_load(op->store, case_id, x->a, &c, err);
    if (rc == AC_OK) {
        rc = aci_case_visible(op->store, op->actor, &c, &visible, err);
    }
    if (rc != AC_OK || !visible) {
        return rc == AC_ENOTFOUND ? AC_OK : rc; /* a case gone is no case to show */
    }
    pc = grow(x->a, (void **)&x->out->cases, x->out->n_cases, sizeof *pc);
    if (pc == NULL || ids_add(&x->cases, op->scratch, c.id, err) != AC_OK) {
        return aci_fail(err, AC_ENOMEM, "out of memory composing a picture");
    }
    pc->id = c.id;
    pc->title = c.title;
    pc->type = c.type;
    pc->state = c.state;
    x->out->n_cases++;
    return mark(op, x, c.lead_agency_id, PERSON_CLASS, NULL, &pc->mark, err);
}

/* The item at the other end of link L, when the actor may read it; false otherwise. */
static ac_code
add_item(struct aci_op *op,
         struct pic_args *x,
         const ac_link *l,
         const char *id,
         bool *out_ok,
         ac_error *err)
{
    ac_item it;
    const char *why = NULL;
    ac_picture_item *pi;

    *out_ok = false;
    for (size_t i = 0; i < x->out->n_items; i++) {
        if (strcmp(x->out->items[i].item.id, id) == 0) {
            *out_ok = true;
            return AC_OK;
        }
    }
    if (aci_item_resolve(op->hub, op->store, op->actor, id, x->a, &it, &why, NULL) != AC_OK) {
        return AC_OK;
    }
    pi = grow(x->a, (void **)&x->out->items, x->out->n_items, sizeof *pi);
    if (pi == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory composing a picture");
    }
    pi->item = it;
    pi->via_link_id = l->meta.id;
    x->out->n_items++;
    *out_ok = true;
    return mark(op, x, it.agency_id, it.classification, it.handling_conditions, &pi->mark, err);
}

/* May the actor read the record ID of TYPE (a person, object, location or event) at the
 * far end of one of its agency's links? */
static bool
end_readable(struct aci_op *op, const char *type, const char *id)
{
    struct aci_resource res = { type, NULL };

    return aci_store_record_holder(op->store, type, id, op->scratch, &res.agency_id, NULL) ==
               AC_OK &&
           aci_policy_decide(op->actor, ACI_ACT_READ, &res).allow;
}

/* The agency's links of each of its records, and the items and cases at their ends; then
 * the cases naming its records. */
static ac_code
add_links_items_cases(struct aci_op *op, struct pic_args *x, ac_error *err)
{
    ac_code rc = AC_OK;

    for (size_t r = 0; rc == AC_OK && r < x->own.n; r++) {
        ac_link *ls = NULL;
        size_t n = 0;

        rc = aci_store_links_of(op->store, op->actor->agency_id, x->own.v[r], LINKS_MAX, x->a, &ls,
                                &n, err);
        for (size_t i = 0; rc == AC_OK && i < n; i++) {
            bool from = strcmp(ls[i].from_id, x->own.v[r]) == 0;
            const char *type = from ? ls[i].to_type : ls[i].from_type;
            const char *id = from ? ls[i].to_id : ls[i].from_id;
            bool ok = true;
            ac_picture_link *pl;

            if (strcmp(type, "item") == 0) {
                rc = add_item(op, x, &ls[i], id, &ok, err);
            } else if (strcmp(type, "case") == 0) {
                rc = add_case(op, x, id, err);
                ok = ids_has(&x->cases, id);
            } else {
                ok = end_readable(op, type, id);
            }
            for (size_t k = 0; k < x->out->n_links && ok; k++) {
                ok = strcmp(x->out->links[k].link.meta.id, ls[i].meta.id) != 0;
            }
            if (rc != AC_OK || !ok) {
                continue; /* an end the actor may no longer read: the link says nothing */
            }
            pl = grow(x->a, (void **)&x->out->links, x->out->n_links, sizeof *pl);
            if (pl == NULL) {
                return aci_fail(err, AC_ENOMEM, "out of memory composing a picture");
            }
            pl->link = ls[i];
            x->out->n_links++;
            rc = mark(op, x, ls[i].meta.agency_id, PERSON_CLASS, NULL, &pl->mark, err);
        }
    }
    for (size_t r = 0; rc == AC_OK && r < x->own.n; r++) {
        const char **cs = NULL;
        size_t n = 0;

        rc = aci_store_person_cases(op->store, x->own.v[r], op->scratch, &cs, &n, err);
        for (size_t i = 0; rc == AC_OK && i < n; i++) {
            rc = add_case(op, x, cs[i], err);
        }
    }
    for (size_t i = 0; rc == AC_OK && i < x->out->n_items; i++) {
        rc = aci_op_returned(op, x->out->items[i].item.id, err);
    }
    for (size_t i = 0; rc == AC_OK && i < x->out->n_links; i++) {
        rc = aci_op_returned(op, x->out->links[i].link.meta.id, err);
    }
    for (size_t i = 0; rc == AC_OK && i < x->out->n_cases; i++) {
        rc = aci_op_returned(op, x->out->cases[i].id, err);
    }
    return rc;
}

/* Is open request R about the person?  Outgoing: its reference is a holding of the
 * person, or its case is in the picture.  Incoming: it names one of the actor's records,
 * or a case in the picture. */
static bool
rfi_about(struct aci_op *op, struct pic_args *x, const ac_rfi *r, bool incoming)
{
    struct aci_holding h;

    if (r->case_id != NULL && ids_has(&x->cases, r->case_id)) {
        return true;
    }
    if (incoming) {
        return ids_has(&x->own, r->held_person_id);
    }
    return r->ref != NULL &&
           aci_store_holding_by_ref(op->store, r->ref, op->scratch, &h, NULL) == AC_OK &&
           ids_has(&x->members, h.person_id);
}

static ac_code
add_rfis(struct aci_op *op, struct pic_args *x, ac_error *err)
{
    ac_code rc = AC_OK;

    for (int incoming = 0; rc == AC_OK && incoming < 2; incoming++) {
        ac_rfi *rs = NULL;
        size_t n = 0;

        rc =
            aci_store_rfi_list(op->store, op->actor->agency_id, incoming, true, x->a, &rs, &n, err);
        for (size_t i = 0; rc == AC_OK && i < n; i++) {
            ac_picture_rfi *pr;

            if (!rfi_about(op, x, &rs[i], incoming)) {
                continue;
            }
            pr = grow(x->a, (void **)&x->out->rfis, x->out->n_rfis, sizeof *pr);
            if (pr == NULL) {
                return aci_fail(err, AC_ENOMEM, "out of memory composing a picture");
            }
            if (!incoming) {
                rs[i].held_person_id = NULL; /* the holder's record id stays with the holder */
            }
            pr->rfi = rs[i];
            pr->incoming = incoming;
            x->out->n_rfis++;
            rc = mark(op, x, rs[i].from_agency_id, PERSON_CLASS, NULL, &pr->mark, err);
            if (rc == AC_OK) {
                rc = aci_op_returned(op, rs[i].id, err);
            }
        }
    }
    return rc;
}

static ac_code
pic_body(struct aci_op *op, void *args, ac_error *err)
{
    struct pic_args *x = args;
    ac_picture *p = x->out;
    ac_code rc;

    p->person_id = ac_arena_strdup(x->a, x->person_id);
    p->highest = AC_CLASS_OFFICIAL;
    rc = add_records_and_pointers(op, x, err);
    if (rc == AC_OK) {
        rc = add_disclosures(op, x, err);
    }
    if (rc == AC_OK) {
        rc = add_links_items_cases(op, x, err);
    }
    if (rc == AC_OK) {
        rc = add_rfis(op, x, err);
    }
    op->lists = true;
    op->detail = ac_arena_printf(op->scratch,
                                 "picture, %s: %zu records, %zu disclosures, %zu pointers, "
                                 "%zu items, %zu links, %zu cases, %zu requests",
                                 ac_classification_str(p->highest), p->n_records, p->n_disclosures,
                                 p->n_pointers, p->n_items, p->n_links, p->n_cases, p->n_rfis);
    return rc;
}

static const struct aci_op_desc pic_op = {
    ACI_ACT_READ, "person", ACI_PURPOSE_REQUIRED, ACI_OP_READ, pic_find, pic_body,
};

ac_code
ac_person_picture(ac_hub *hub,
                  const ac_actor *actor,
                  const char *purpose,
                  const char *person_id,
                  ac_arena *a,
                  ac_picture *out,
                  ac_error *err)
{
    struct pic_args x;
    ac_code rc;

    memset(&x, 0, sizeof x);
    memset(out, 0, sizeof *out);
    x.person_id = person_id;
    x.a = a;
    x.out = out;
    rc = aci_op_run(&pic_op, hub, actor, purpose, &x, err);
    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "person '%s' not found", person_id);
    }
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
    }
    return rc;
}
