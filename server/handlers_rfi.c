/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers_rfi.c - discoverable holdings, requests for information and person
 * disclosures over HTTP (issue 15.2-4): /persons/{id}/pointers, /discoverability,
 * /requests and /person-disclosures.  The hub decides who sees what and audits it.
 */
#include <string.h>

#include "http_int.h"

/* The JSON string of S, or null. */
static json_t *
str_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

/* GET /persons/{id}/pointers */
void
srv_person_pointers(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_pointer *p = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;

    if (ac_person_pointers(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &p, &n,
                           &err) != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "agency_id", p[i].agency_id,
                                             "agency_name", p[i].agency_name, "reference", p[i].ref,
                                             "last_changed", p[i].last_changed));
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "pointers", arr)));
}

/* GET /agencies/{id}/discoverability */
void
srv_discoverability_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_discoverability d[AC_AGENCY_KIND_COUNT];
    ac_error err = { 0 };
    json_t *arr;

    if (ac_agency_discoverability_get(st->hub, rq->actor, rq->purpose ? rq->purpose : "",
                                      rq->params[0], d, &err) != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (int k = 0; k < AC_AGENCY_KIND_COUNT; k++) {
        json_array_append_new(arr,
                              json_pack("{s:s, s:b, s:b}", "recipient_kind",
                                        ac_agency_kind_str(d[k].recipient_kind), "discoverable",
                                        d[k].discoverable, "declared", d[k].declared));
    }
    srv_json(
        rs, 200,
        srv_dump(rq, json_pack("{s:s, s:o}", "agency_id", rq->params[0], "declarations", arr)));
}

static const struct srv_field discover_fields[] = {
    { "recipient_kind", SRV_STRING, NULL },
    { "discoverable", SRV_BOOL, NULL },
    SRV_FIELDS_END,
};

/* PUT /discoverability: the actor's own agency's declaration for one kind */
void
srv_discoverability_set(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_agency_kind kind;
    ac_error err = { 0 };
    json_t *body, *yes;
    const char *k;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, discover_fields)) == NULL) {
        return;
    }
    k = srv_member(rq, body, "recipient_kind");
    yes = json_object_get(body, "discoverable");
    if (k == NULL || !json_is_boolean(yes)) {
        json_decref(body);
        srv_problem(rq, rs, 400, "invalid_request",
                    "send {\"recipient_kind\": \"probation\", \"discoverable\": true}");
        return;
    }
    rc = ac_agency_kind_parse(k, &kind, &err);
    if (rc != AC_OK) {
        json_decref(body);
        srv_problem(rq, rs, 400, "invalid_request", err.msg);
        return;
    }
    rc = ac_agency_discoverability_set(st->hub, rq->actor, rq->purpose ? rq->purpose : "", kind,
                                       json_is_true(yes), &err);
    json_decref(body);
    srv_reply_done(rq, rs, rc, &err);
}

/* ---- requests ---- */

json_t *
srv_rfi_json(const ac_rfi *r)
{
    json_t *o =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", r->id,
                  "from_agency_id", r->from_agency_id, "from_agency_name", r->from_agency_name,
                  "to_agency_id", r->to_agency_id, "to_agency_name", r->to_agency_name, "purpose",
                  r->purpose, "lawful_basis", r->lawful_basis, "question", r->question, "urgency",
                  ac_rfi_urgency_str(r->urgency), "due_at", r->due_at, "status",
                  ac_rfi_status_str(r->status), "created_at", r->created_at);

    json_object_set_new(o, "reference", str_or_null(r->ref));
    json_object_set_new(o, "case_id", str_or_null(r->case_id));
    json_object_set_new(o, "held_person_id", str_or_null(r->held_person_id));
    json_object_set_new(o, "answer", str_or_null(r->answer));
    json_object_set_new(o, "disclosure_id", str_or_null(r->disclosure_id));
    json_object_set_new(o, "answered_at", str_or_null(r->answered_at));
    json_object_set_new(o, "escalated_at", str_or_null(r->escalated_at));
    return o;
}

static const struct srv_field rfi_fields[] = {
    { "reference", SRV_STRING, NULL },    { "case_id", SRV_STRING, NULL },
    { "to_agency_id", SRV_STRING, NULL }, { "purpose", SRV_STRING, NULL },
    { "lawful_basis", SRV_STRING, NULL }, { "question", SRV_STRING, NULL },
    { "urgency", SRV_STRING, NULL },      SRV_FIELDS_END,
};

/* POST /requests */
void
srv_rfi_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_rfi in;
    const char *id = NULL, *u;
    ac_error err = { 0 };
    json_t *body;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, rfi_fields)) == NULL) {
        return;
    }
    memset(&in, 0, sizeof in);
    in.ref = srv_member(rq, body, "reference");
    in.case_id = srv_member(rq, body, "case_id");
    in.to_agency_id = srv_member(rq, body, "to_agency_id");
    in.purpose = srv_member(rq, body, "purpose");
    in.lawful_basis = srv_member(rq, body, "lawful_basis");
    in.question = srv_member(rq, body, "question");
    u = srv_member(rq, body, "urgency");
    json_decref(body);
    if (ac_rfi_urgency_parse(u != NULL ? u : "routine", &in.urgency, &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request", err.msg);
        return;
    }
    rc = ac_rfi_ask(st->hub, rq->actor, rq->purpose, &in, rq->arena, &id, &err);
    srv_reply_created(rq, rs, rc, id, &err);
}

/* GET /requests?box=incoming|outgoing&open=true */
void
srv_rfi_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *box = rq->query(rq, "box"), *open = rq->query(rq, "open");
    ac_rfi *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;

    if ((box != NULL && strcmp(box, "incoming") != 0 && strcmp(box, "outgoing") != 0) ||
        (open != NULL && strcmp(open, "true") != 0 && strcmp(open, "false") != 0)) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "box: incoming (the requests to your agency) or outgoing; open: true or false");
        return;
    }
    if (ac_rfi_list(st->hub, rq->actor, rq->purpose, box == NULL || strcmp(box, "incoming") == 0,
                    open != NULL && strcmp(open, "true") == 0, rq->arena, &list, &n,
                    &err) != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, srv_rfi_json(&list[i]));
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "requests", arr)));
}

/* GET /lawful-bases: the hub's table of gateways, for the request form's choices */
void
srv_lawful_bases(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_lawful_basis *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;

    if (ac_lawful_basis_list(st->hub, rq->actor, rq->purpose, rq->arena, &list, &n, &err) !=
        AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:b}", "code", list[i].code, "title",
                                             list[i].title, "source", list[i].source, "carries_iss",
                                             list[i].carries_iss));
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "lawful_bases", arr)));
}

/* GET /requests/{id} */
void
srv_rfi_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_rfi r;
    ac_error err = { 0 };

    if (ac_rfi_get(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &r, &err) != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    srv_json(rs, 200, srv_dump(rq, srv_rfi_json(&r)));
}

static const struct srv_field close_fields[] = {
    { "reason", SRV_STRING, NULL },
    { "note", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

static void
rfi_close(struct srv_state *st,
          struct srv_request *rq,
          struct srv_response *rs,
          ac_rfi_status outcome)
{
    ac_error err = { 0 };
    const char *v[2]; /* reason, note */
    ac_code rc;

    if (!srv_json_strings(rq, rs, close_fields, v, NULL)) {
        return;
    }
    rc = ac_rfi_close(st->hub, rq->actor, rq->purpose, rq->params[0], outcome,
                      outcome == AC_RFI_REFUSED ? v[0] : v[1], &err);
    srv_reply_done(rq, rs, rc, &err);
}

/* POST /requests/{id}/refuse {"reason"} */
void
srv_rfi_refuse(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    rfi_close(st, rq, rs, AC_RFI_REFUSED);
}

/* POST /requests/{id}/no-information {"note"} */
void
srv_rfi_no_information(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    rfi_close(st, rq, rs, AC_RFI_NO_INFORMATION);
}

/* ---- person disclosures ---- */

static const struct srv_field pd_fields[] = {
    { "person_id", SRV_STRING, NULL },
    { "recipient_agency_id", SRV_STRING, NULL },
    { "recipient_case_id", SRV_STRING, NULL },
    { "lawful_basis", SRV_STRING, NULL },
    { "fields", SRV_STRINGS, NULL },
    { "summary", SRV_STRING, NULL },
    { "classification", SRV_STRING, NULL },
    { "handling_conditions", SRV_STRING, NULL },
    { "expires_at", SRV_STRING, NULL },
    { "release_iss", SRV_BOOL, NULL },
    SRV_FIELDS_END,
};

/* The release BODY asks for into *D; false with a 400 written. */
static bool
pd_from_body(struct srv_request *rq, struct srv_response *rs, json_t *body, ac_person_disclosure *d)
{
    const char *cls = srv_member(rq, body, "classification");
    json_t *f = json_object_get(body, "fields"), *v;
    ac_error err = { 0 };
    unsigned bits;
    size_t i;

    memset(d, 0, sizeof *d);
    d->person_id = srv_member(rq, body, "person_id");
    d->recipient_agency_id = srv_member(rq, body, "recipient_agency_id");
    d->recipient_case_id = srv_member(rq, body, "recipient_case_id");
    d->lawful_basis = srv_member(rq, body, "lawful_basis");
    d->summary = srv_member(rq, body, "summary");
    d->handling_conditions = srv_member(rq, body, "handling_conditions");
    d->expires_at = srv_member(rq, body, "expires_at");
    d->release_iss = json_is_true(json_object_get(body, "release_iss")); /* a boolean */
    d->purpose = rq->purpose;
    json_array_foreach(f, i, v)
    {
        if (ac_pd_fields_parse(json_string_value(v), &bits, &err) != AC_OK) {
            srv_problem(rq, rs, 400, "invalid_request", err.msg);
            return false;
        }
        d->fields |= bits;
    }
    if (d->fields == 0) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "fields: name at least one of names, dob, addresses, identifiers, summary");
        return false;
    }
    if (ac_classification_parse(cls != NULL ? cls : "official_sensitive", &d->classification,
                                &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request", err.msg);
        return false;
    }
    return true;
}

/* POST /person-disclosures */
void
srv_pd_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_person_disclosure d;
    const char *id = NULL;
    ac_error err = { 0 };
    json_t *body = srv_json_body(rq, rs, pd_fields);
    bool ok;
    ac_code rc;

    if (body == NULL) {
        return;
    }
    ok = pd_from_body(rq, rs, body, &d);
    json_decref(body);
    if (ok) {
        rc = ac_person_disclose(st->hub, rq->actor, rq->purpose, &d, rq->arena, &id, &err);
        srv_reply_created(rq, rs, rc, id, &err);
    }
}

/* POST /requests/{id}/disclosures: answer the request with a release */
void
srv_rfi_answer(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_person_disclosure d;
    const char *id = NULL;
    ac_error err = { 0 };
    json_t *body = srv_json_body(rq, rs, pd_fields);
    bool ok;
    ac_code rc;

    if (body == NULL) {
        return;
    }
    ok = pd_from_body(rq, rs, body, &d);
    json_decref(body);
    if (ok) {
        d.rfi_id = rq->params[0];
        rc = ac_person_disclose(st->hub, rq->actor, rq->purpose, &d, rq->arena, &id, &err);
        srv_reply_created(rq, rs, rc, id, &err);
    }
}

json_t *
srv_pd_json(struct srv_request *rq, const ac_person_disclosure *d)
{
    json_t *released = json_loads(d->released, 0, NULL);
    json_t *o = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "id", d->id, "holder_agency_id",
        d->holder_agency_id, "holder_agency_name", d->holder_agency_name, "lawful_basis",
        d->lawful_basis, "fields", ac_pd_fields_format(rq->arena, d->fields), "classification",
        ac_classification_str(d->classification), "expires_at", d->expires_at, "status", d->status,
        "created_at", d->created_at, "released", released != NULL ? released : json_object());

    json_object_set_new(o, "person_id", str_or_null(d->person_id));
    json_object_set_new(o, "recipient_agency_id", str_or_null(d->recipient_agency_id));
    json_object_set_new(o, "recipient_case_id", str_or_null(d->recipient_case_id));
    json_object_set_new(o, "request_id", str_or_null(d->rfi_id));
    json_object_set_new(o, "handling_conditions", str_or_null(d->handling_conditions));
    json_object_set_new(o, "release_iss", json_boolean(d->release_iss));
    return o;
}

/* GET /person-disclosures[?awaiting=me] */
void
srv_pd_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_person_disclosure *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    const char *awaiting = rq->query(rq, "awaiting");
    json_t *arr;

    if (awaiting != NULL && strcmp(awaiting, "me") != 0) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "awaiting: me (the disclosures waiting for your approval), or leave it out");
        return;
    }
    if (ac_person_disclosure_list(st->hub, rq->actor, rq->purpose, rq->arena, &list, &n, &err) !=
        AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        if (awaiting == NULL || ac_work_awaits_approval(&list[i], rq->actor)) {
            json_array_append_new(arr, srv_pd_json(rq, &list[i]));
        }
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "person_disclosures", arr)));
}

/* GET /person-disclosures/{id} */
void
srv_pd_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_person_disclosure d;
    ac_error err = { 0 };

    if (ac_person_disclosure_get(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &d,
                                 &err) != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    srv_json(rs, 200, srv_dump(rq, srv_pd_json(rq, &d)));
}

/* POST /person-disclosures/{id}/approve */
void
srv_pd_approve(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_error err = { 0 };
    ac_code rc = ac_person_disclosure_approve(st->hub, rq->actor, rq->purpose, rq->params[0], &err);

    srv_reply_done(rq, rs, rc, &err);
}

/* POST /person-disclosures/{id}/revoke */
void
srv_pd_revoke(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_error err = { 0 };
    ac_code rc = ac_person_disclosure_revoke(st->hub, rq->actor, rq->purpose, rq->params[0], &err);

    srv_reply_done(rq, rs, rc, &err);
}
