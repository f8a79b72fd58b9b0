/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers_pole.c - the API's objects, locations, events and links: create, read (with
 * the version as ETag), list a page at a time (next_cursor), and a person's decision on
 * a link (If-Match).  Scopes for tokens: records:read, records:write.
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "http_int.h"

#define PAGE_DEFAULT 100 /* the hub's page when no limit is given */

static json_t *
meta_json(const ac_record_meta *m)
{
    char review[AC_DATE_TEXT_MAX];

    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "id", m->id, "agency_id", m->agency_id,
                     "review_date", ac_date_format(&m->review_date, review), "created_at",
                     m->created_at, "updated_at", m->updated_at, "version", (json_int_t)m->version);
}

static json_t *
object_json(const ac_object *x)
{
    json_t *o = meta_json(&x->meta);

    srv_set_str(o, "kind", ac_object_kind_str(x->kind));
    srv_set_str(o, "value", x->value);
    srv_set_str(o, "description", x->description);
    return o;
}

static json_t *
location_json(const ac_location *x)
{
    json_t *o = meta_json(&x->meta);

    srv_set_str(o, "name", x->name);
    srv_set_str(o, "line", x->line);
    srv_set_str(o, "town", x->town);
    srv_set_str(o, "postcode", x->postcode);
    if (x->has_position) {
        json_object_set_new(o, "latitude", json_real(x->latitude));
        json_object_set_new(o, "longitude", json_real(x->longitude));
    }
    return o;
}

static json_t *
event_json(const ac_event *x)
{
    json_t *o = meta_json(&x->meta);
    char on[AC_DATE_TEXT_MAX];

    srv_set_str(o, "kind", x->kind);
    if (x->occurred_on.precision != AC_DATE_NONE) {
        srv_set_str(o, "occurred_on", ac_date_format(&x->occurred_on, on));
    }
    srv_set_str(o, "description", x->description);
    srv_set_str(o, "location_id", x->location_id);
    return o;
}

json_t *
srv_link_json(const ac_link *x)
{
    json_t *o = meta_json(&x->meta);

    json_object_set_new(o, "from", json_pack("{s:s, s:s}", "type", x->from_type, "id", x->from_id));
    json_object_set_new(o, "to", json_pack("{s:s, s:s}", "type", x->to_type, "id", x->to_id));
    srv_set_str(o, "link_type", x->link_type);
    srv_set_str(o, "provenance", x->provenance);
    json_object_set_new(o, "confidence", json_real(x->confidence));
    srv_set_str(o, "status", ac_link_status_str(x->status));
    return o;
}

/* 200 with one record and its version as the ETag, or the problem. */
static void
reply_record(struct srv_request *rq,
             struct srv_response *rs,
             ac_code rc,
             const ac_error *err,
             const ac_record_meta *m,
             json_t *o)
{
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, err);
        return;
    }
    rs->etag = srv_etag(rq, m->version);
    srv_json(rs, 200, srv_dump(rq, o));
}

/* 200 with {KEY: ARR} and, when the page is full, the cursor for the next one. */
static void
reply_page(struct srv_request *rq,
           struct srv_response *rs,
           const char *key,
           json_t *arr,
           size_t n,
           size_t limit,
           const char *last_id)
{
    json_t *o = json_pack("{s:o}", key, arr);

    if (n > 0 && n == (limit != 0 ? limit : PAGE_DEFAULT)) {
        json_object_set_new(o, "next_cursor", json_string(last_id));
    }
    srv_json(rs, 200, srv_dump(rq, o));
}

/* A page's arguments (the router has checked the caller, records:read and the purpose). */
static bool
read_page(struct srv_request *rq,
          struct srv_response *rs,
          ac_record_page *page,
          const char *match_arg)
{
    memset(page, 0, sizeof *page);
    page->match = match_arg != NULL ? rq->query(rq, match_arg) : NULL;
    page->after = rq->query(rq, "cursor");
    if (!srv_limit(rq, rs, &page->limit)) {
        return false;
    }
    page->limit = page->limit > PAGE_DEFAULT ? PAGE_DEFAULT : page->limit;
    return true;
}

/* Optional member "review_date" into *OUT; false with a 400 when it is not a date. */
static bool
review_date(struct srv_request *rq, struct srv_response *rs, json_t *body, ac_date *out)
{
    const char *text = srv_member(rq, body, "review_date");
    ac_error err = { 0 };

    memset(out, 0, sizeof *out);
    if (text != NULL && ac_date_parse(text, out, &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request",
                    ac_arena_printf(rq->arena, "review_date: %s", err.msg));
        return false;
    }
    return true;
}

static const struct srv_field object_fields[] = {
    { "kind", SRV_STRING, NULL },
    { "value", SRV_STRING, NULL },
    { "description", SRV_STRING, NULL },
    { "review_date", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_object_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_object o;
    const char *kind, *id = NULL;
    ac_error err = { 0 };
    json_t *body = srv_json_body(rq, rs, object_fields);
    ac_code rc;

    if (body == NULL) {
        return;
    }
    memset(&o, 0, sizeof o);
    kind = srv_member(rq, body, "kind");
    o.value = srv_member(rq, body, "value");
    o.description = srv_member(rq, body, "description");
    if (!review_date(rq, rs, body, &o.meta.review_date)) {
        json_decref(body);
        return;
    }
    json_decref(body);
    if (kind == NULL || ac_object_kind_parse(kind, &o.kind, &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "kind: vehicle, phone, email, online_account or document");
        return;
    }
    rc = ac_object_add(st->hub, rq->actor, rq->purpose, &o, rq->arena, &id, &err);
    srv_reply_created(rq, rs, rc, id, &err);
}

void
srv_object_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_record_page page;
    ac_object o;
    ac_error err = { 0 };
    ac_code rc;

    if (!read_page(rq, rs, &page, NULL)) {
        return;
    }
    rc = ac_object_get(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &o, &err);
    reply_record(rq, rs, rc, &err, &o.meta, rc == AC_OK ? object_json(&o) : NULL);
}

void
srv_object_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_record_page page;
    ac_object *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;
    ac_code rc;

    if (!read_page(rq, rs, &page, "value")) {
        return;
    }
    rc = ac_object_list(st->hub, rq->actor, rq->purpose, &page, rq->arena, &list, &n, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, object_json(&list[i]));
    }
    reply_page(rq, rs, "objects", arr, n, page.limit, n > 0 ? list[n - 1].meta.id : NULL);
}

/* Optional number member NAME into *OUT; *GIVEN says whether it was there. */
static bool
number(json_t *body, const char *name, double *out, bool *given)
{
    json_t *v = json_object_get(body, name);

    *given = v != NULL;
    *out = json_is_number(v) ? json_number_value(v) : NAN;
    return v == NULL || json_is_number(v);
}

static const struct srv_field location_fields[] = {
    { "name", SRV_STRING, NULL },        { "line", SRV_STRING, NULL },
    { "town", SRV_STRING, NULL },        { "postcode", SRV_STRING, NULL },
    { "latitude", SRV_NUMBER, NULL },    { "longitude", SRV_NUMBER, NULL },
    { "review_date", SRV_STRING, NULL }, SRV_FIELDS_END,
};

void
srv_location_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_location l;
    const char *id = NULL;
    bool has_lat = false, has_lon = false;
    ac_error err = { 0 };
    json_t *body = srv_json_body(rq, rs, location_fields);
    ac_code rc;

    if (body == NULL) {
        return;
    }
    memset(&l, 0, sizeof l);
    l.name = srv_member(rq, body, "name");
    l.line = srv_member(rq, body, "line");
    l.town = srv_member(rq, body, "town");
    l.postcode = srv_member(rq, body, "postcode");
    if (!number(body, "latitude", &l.latitude, &has_lat) ||
        !number(body, "longitude", &l.longitude, &has_lon) || has_lat != has_lon) {
        json_decref(body);
        srv_problem(rq, rs, 400, "invalid_request",
                    "latitude and longitude: give both, as numbers in degrees");
        return;
    }
    l.has_position = has_lat;
    if (!review_date(rq, rs, body, &l.meta.review_date)) {
        json_decref(body);
        return;
    }
    json_decref(body);
    rc = ac_location_add(st->hub, rq->actor, rq->purpose, &l, rq->arena, &id, &err);
    srv_reply_created(rq, rs, rc, id, &err);
}

void
srv_location_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_record_page page;
    ac_location l;
    ac_error err = { 0 };
    ac_code rc;

    if (!read_page(rq, rs, &page, NULL)) {
        return;
    }
    rc = ac_location_get(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &l, &err);
    reply_record(rq, rs, rc, &err, &l.meta, rc == AC_OK ? location_json(&l) : NULL);
}

void
srv_location_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_record_page page;
    ac_location *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;
    ac_code rc;

    if (!read_page(rq, rs, &page, "postcode")) {
        return;
    }
    rc = ac_location_list(st->hub, rq->actor, rq->purpose, &page, rq->arena, &list, &n, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, location_json(&list[i]));
    }
    reply_page(rq, rs, "locations", arr, n, page.limit, n > 0 ? list[n - 1].meta.id : NULL);
}

static const struct srv_field event_fields[] = {
    { "kind", SRV_STRING, NULL },        { "description", SRV_STRING, NULL },
    { "location_id", SRV_STRING, NULL }, { "occurred_on", SRV_STRING, NULL },
    { "review_date", SRV_STRING, NULL }, SRV_FIELDS_END,
};

void
srv_event_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_event e;
    const char *id = NULL, *on;
    ac_error err = { 0 };
    json_t *body = srv_json_body(rq, rs, event_fields);
    ac_code rc;

    if (body == NULL) {
        return;
    }
    memset(&e, 0, sizeof e);
    e.kind = srv_member(rq, body, "kind");
    e.description = srv_member(rq, body, "description");
    e.location_id = srv_member(rq, body, "location_id");
    on = srv_member(rq, body, "occurred_on");
    if (!review_date(rq, rs, body, &e.meta.review_date)) {
        json_decref(body);
        return;
    }
    json_decref(body);
    if (on != NULL && ac_date_parse(on, &e.occurred_on, &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request",
                    ac_arena_printf(rq->arena, "occurred_on: %s", err.msg));
        return;
    }
    rc = ac_event_add(st->hub, rq->actor, rq->purpose, &e, rq->arena, &id, &err);
    srv_reply_created(rq, rs, rc, id, &err);
}

void
srv_event_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_record_page page;
    ac_event e;
    ac_error err = { 0 };
    ac_code rc;

    if (!read_page(rq, rs, &page, NULL)) {
        return;
    }
    rc = ac_event_get(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &e, &err);
    reply_record(rq, rs, rc, &err, &e.meta, rc == AC_OK ? event_json(&e) : NULL);
}

void
srv_event_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_record_page page;
    ac_event *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;
    ac_code rc;

    if (!read_page(rq, rs, &page, "kind")) {
        return;
    }
    rc = ac_event_list(st->hub, rq->actor, rq->purpose, &page, rq->arena, &list, &n, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, event_json(&list[i]));
    }
    reply_page(rq, rs, "events", arr, n, page.limit, n > 0 ? list[n - 1].meta.id : NULL);
}

static const struct srv_field endpoint_fields[] = {
    { "type", SRV_STRING, NULL },
    { "id", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

static const struct srv_field link_fields[] = {
    { "from", SRV_OBJECT, endpoint_fields }, { "to", SRV_OBJECT, endpoint_fields },
    { "link_type", SRV_STRING, NULL },       { "provenance", SRV_STRING, NULL },
    { "status", SRV_STRING, NULL },          { "confidence", SRV_NUMBER, NULL },
    { "review_date", SRV_STRING, NULL },     SRV_FIELDS_END,
};

void
srv_link_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_link l;
    const char *id = NULL, *status;
    bool given = false;
    ac_error err = { 0 };
    json_t *body = srv_json_body(rq, rs, link_fields), *from, *to;
    ac_code rc;

    if (body == NULL) {
        return;
    }
    memset(&l, 0, sizeof l);
    from = json_object_get(body, "from");
    to = json_object_get(body, "to");
    l.from_type = srv_member(rq, from, "type");
    l.from_id = srv_member(rq, from, "id");
    l.to_type = srv_member(rq, to, "type");
    l.to_id = srv_member(rq, to, "id");
    l.link_type = srv_member(rq, body, "link_type");
    l.provenance = srv_member(rq, body, "provenance");
    status = srv_member(rq, body, "status");
    if (!number(body, "confidence", &l.confidence, &given) || !given ||
        (status != NULL && ac_link_status_parse(status, &l.status, &err) != AC_OK) ||
        !review_date(rq, rs, body, &l.meta.review_date)) {
        json_decref(body);
        if (rs->status == 0) {
            srv_problem(rq, rs, 400, "invalid_request",
                        "a link needs from {type, id}, to {type, id}, link_type, provenance, "
                        "confidence (0 to 1) and, optionally, status (proposed or confirmed)");
        }
        return;
    }
    json_decref(body);
    rc = ac_link_add(st->hub, rq->actor, rq->purpose, &l, rq->arena, &id, &err);
    srv_reply_created(rq, rs, rc, id, &err);
}

void
srv_link_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_record_page page;
    ac_link l;
    ac_error err = { 0 };
    ac_code rc;

    if (!read_page(rq, rs, &page, NULL)) {
        return;
    }
    rc = ac_link_get(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &l, &err);
    reply_record(rq, rs, rc, &err, &l.meta, rc == AC_OK ? srv_link_json(&l) : NULL);
}

void
srv_link_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_record_page page;
    ac_link *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    const char *status;
    json_t *arr;
    ac_code rc;

    if (!read_page(rq, rs, &page, "record")) {
        return;
    }
    status = rq->query(rq, "status");
    if (status != NULL && (page.match != NULL || strcmp(status, "proposed") != 0)) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "status: only status=proposed (the proposals awaiting a decision), without "
                    "record");
        return;
    }
    if (page.match == NULL && status == NULL) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "say whose links: ?record=ID of a person, object, location, event, item or "
                    "case");
        return;
    }
    rc =
        status != NULL
            ? ac_link_proposals(st->hub, rq->actor, rq->purpose, rq->arena, &list, &n, &err)
            : ac_link_list(st->hub, rq->actor, rq->purpose, page.match, rq->arena, &list, &n, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, srv_link_json(&list[i]));
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "links", arr)));
}

static const struct srv_field decide_fields[] = {
    { "status", SRV_STRING, NULL },
    { "reason", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_link_decide(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_link_status status;
    const char *text, *reason;
    int64_t version;
    ac_error err = { 0 };
    json_t *body;
    ac_code rc;

    if (!srv_if_match(rq, rs, &version) || (body = srv_json_body(rq, rs, decide_fields)) == NULL) {
        return;
    }
    text = srv_member(rq, body, "status");
    reason = srv_member(rq, body, "reason");
    json_decref(body);
    if (text == NULL || ac_link_status_parse(text, &status, &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "send {\"status\": \"confirmed\" (or \"rejected\", \"retracted\"), "
                    "\"reason\": \"why\"}");
        return;
    }
    rc = ac_link_decide(st->hub, rq->actor, rq->purpose, rq->params[0], status, version,
                        reason != NULL ? reason : "", &err);
    if (rc == AC_ECONFLICT) {
        srv_problem(rq, rs, 412, "precondition_failed", err.msg);
        return;
    }
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    rs->status = 204;
    rs->etag = srv_etag(rq, version + 1);
}

static const struct srv_field propose_fields[] = {
    { "threshold", SRV_NUMBER, NULL },
    SRV_FIELDS_END,
};

void
srv_link_propose(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    double threshold = 0.9;
    bool given = false;
    size_t made = 0;
    ac_error err = { 0 };
    json_t *body = srv_json_body(rq, rs, propose_fields);
    ac_code rc;

    if (body == NULL) {
        return;
    }
    if (!number(body, "threshold", &threshold, &given)) {
        json_decref(body);
        srv_problem(rq, rs, 400, "invalid_request", "threshold: a match probability, e.g. 0.9");
        return;
    }
    json_decref(body);
    rc = ac_link_propose_duplicates(st->hub, rq->actor, rq->purpose, given ? threshold : 0.9, &made,
                                    &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    srv_json(rs, 201, ac_arena_printf(rq->arena, "{\"proposed\":%zu}", made));
}
