/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers_picture.c - one view of a person over HTTP (issue 15.5):
 * GET /api/v1/persons/{id}/picture.  The hub composes and audits the picture; this file
 * only writes it as JSON, each part with its "source" (agency, classification, handling
 * conditions) and the view's highest classification.
 */
#include <jansson.h>
#include <string.h>

#include "http_int.h"

static json_t *
mark_json(const ac_picture_mark *m)
{
    return json_pack("{s:s?, s:s?, s:s, s:s?}", "agency_id", m->agency_id, "agency_name",
                     m->agency_name, "classification", ac_classification_str(m->classification),
                     "handling_conditions", m->handling_conditions);
}

/* {"source": MARK, NAME: V} */
static json_t *
part(const ac_picture_mark *m, const char *name, json_t *v)
{
    return json_pack("{s:o, s:o}", "source", mark_json(m), name, v != NULL ? v : json_null());
}

static json_t *
records_json(struct srv_request *rq, const ac_picture *p, ac_error *err)
{
    json_t *arr = json_array();

    for (size_t i = 0; i < p->n_records; i++) {
        char *js = NULL;

        if (ac_person_to_json(&p->records[i].person, rq->arena, &js, err) != AC_OK) {
            json_decref(arr);
            return NULL;
        }
        json_array_append_new(arr, part(&p->records[i].mark, "person", json_loads(js, 0, NULL)));
    }
    return arr;
}

static json_t *
item_json(const ac_picture_item *x)
{
    json_t *o = json_pack(
        "{s:s, s:s, s:s, s:s, s:I, s:s?}", "id", x->item.id, "originator", x->item.agency_id,
        "classification", ac_classification_str(x->item.classification), "body", x->item.body,
        "version", (json_int_t)x->item.version, "disclosure_id", x->item.disclosure_id);

    json_object_set_new(o, "handling_conditions",
                        x->item.handling_conditions != NULL
                            ? json_string(x->item.handling_conditions)
                            : json_null());
    json_object_set_new(o, "via_link_id", json_string(x->via_link_id));
    return o;
}

static json_t *
parts_json(struct srv_request *rq, const ac_picture *p)
{
    json_t *o = json_object(), *a;

    a = json_array();
    for (size_t i = 0; i < p->n_disclosures; i++) {
        json_array_append_new(a, part(&p->disclosures[i].mark, "disclosure",
                                      srv_pd_json(rq, &p->disclosures[i].disclosure)));
    }
    json_object_set_new(o, "disclosures", a);
    a = json_array();
    for (size_t i = 0; i < p->n_pointers; i++) {
        const ac_pointer *x = &p->pointers[i].pointer;

        json_array_append_new(a, part(&p->pointers[i].mark, "pointer",
                                      json_pack("{s:s, s:s, s:s, s:s}", "agency_id", x->agency_id,
                                                "agency_name", x->agency_name, "reference", x->ref,
                                                "last_changed", x->last_changed)));
    }
    json_object_set_new(o, "pointers", a);
    a = json_array();
    for (size_t i = 0; i < p->n_items; i++) {
        json_array_append_new(a, part(&p->items[i].mark, "item", item_json(&p->items[i])));
    }
    json_object_set_new(o, "items", a);
    a = json_array();
    for (size_t i = 0; i < p->n_links; i++) {
        json_array_append_new(a, part(&p->links[i].mark, "link", srv_link_json(&p->links[i].link)));
    }
    json_object_set_new(o, "links", a);
    a = json_array();
    for (size_t i = 0; i < p->n_cases; i++) {
        const ac_picture_case *c = &p->cases[i];

        json_array_append_new(
            a, part(&c->mark, "case",
                    json_pack("{s:s, s:s?, s:s, s:s?}", "id", c->id, "title", c->title, "type",
                              ac_case_type_str(c->type), "state", c->state)));
    }
    json_object_set_new(o, "cases", a);
    a = json_array();
    for (size_t i = 0; i < p->n_rfis; i++) {
        json_t *e = part(&p->rfis[i].mark, "request", srv_rfi_json(&p->rfis[i].rfi));

        json_object_set_new(e, "direction",
                            json_string(p->rfis[i].incoming ? "incoming" : "outgoing"));
        json_array_append_new(a, e);
    }
    json_object_set_new(o, "requests", a);
    return o;
}

/* GET /persons/{id}/picture */
void
srv_person_picture(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_picture p;
    ac_error err = { 0 };
    json_t *o, *records;

    if (ac_person_picture(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &p, &err) !=
        AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    records = records_json(rq, &p, &err);
    if (records == NULL) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    o = parts_json(rq, &p);
    json_object_set_new(o, "person_id", json_string(p.person_id));
    json_object_set_new(o, "highest_classification", json_string(ac_classification_str(p.highest)));
    json_object_set_new(o, "records", records);
    srv_json(rs, 200, srv_dump(rq, o));
}
