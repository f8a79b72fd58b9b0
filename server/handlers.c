/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers.c - the API's core resources: health, sign-in and sign-out, the second
 * factor, agencies, persons, items and disclosures.  Each handler reads the request, calls the hub
 * (under the hub lock: a hub is used by one thread at a time) and writes JSON or an RFC 9457
 * problem.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_int.h"

void
srv_health(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    (void)st;
    srv_json(rs, 200, ac_arena_strdup(rq->arena, "{\"status\":\"ok\"}"));
}

void
srv_ready(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    int version;

    version = ac_hub_schema_version(st->hub);
    if (version <= 0) {
        srv_problem(rq, rs, 503, "not_ready", "the database is not available");
        return;
    }
    srv_json(rs, 200, ac_arena_printf(rq->arena, "{\"status\":\"ready\",\"schema\":%d}", version));
}

void
srv_openapi(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    if (st->openapi == NULL) {
        srv_problem(rq, rs, 404, "not_found",
                    "this server was started without its OpenAPI "
                    "document");
        return;
    }
    srv_json(rs, 200, ac_arena_strdup(rq->arena, st->openapi));
}

static const struct srv_field sign_in_fields[] = {
    { "username", SRV_STRING, NULL },
    { "password", SRV_STRING, NULL },
    { "code", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_sign_in(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    json_t *body;
    const char *username = NULL, *password = NULL, *code = NULL;
    ac_session s;
    ac_error err = { 0 };
    char client[16];
    int wait = 0;
    ac_code rc;

    if (!srv_is_json(rq)) {
        srv_problem(rq, rs, 415, "unsupported_media_type",
                    "send the sign-in as application/json: {\"username\": ..., \"password\": ...}");
        return;
    }
    if ((body = srv_json_body(rq, rs, sign_in_fields)) == NULL) {
        return;
    }
    username = json_string_value(json_object_get(body, "username"));
    password = json_string_value(json_object_get(body, "password"));
    if (username == NULL || password == NULL) {
        json_decref(body);
        srv_problem(rq, rs, 400, "invalid_request",
                    "expected a JSON object with string members \"username\" and \"password\"");
        return;
    }
    code = json_string_value(json_object_get(body, "code"));
    /* failures are counted per (username, this address): see ac_session_open_from */
    snprintf(client, sizeof client, "%u.%u.%u.%u", rq->client >> 24, (rq->client >> 16) & 255u,
             (rq->client >> 8) & 255u, rq->client & 255u);
    rc =
        ac_session_open_from(st->hub, client, username, password, code, rq->arena, &s, &wait, &err);
    json_decref(body);
    if (rc == AC_EDENIED && wait > 0) {
        srv_problem(rq, rs, 429, "sign_in_delayed", err.msg);
        rs->retry_after = ac_arena_printf(rq->arena, "%d", wait);
        return;
    }
    if (rc == AC_EDENIED) {
        srv_problem(rq, rs, 401, "sign_in_failed", err.msg);
        return;
    }
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    rs->set_cookie =
        ac_arena_printf(rq->arena, "accord_session=%s; Path=/; HttpOnly; SameSite=Strict%s",
                        s.token, rq->tls ? "; Secure" : "");
    srv_json(rs, 201,
             srv_dump(rq, json_pack("{s:s, s:s, s:s, s:s}", "username", s.actor->username,
                                    "agency_id", s.actor->agency_id, "expires_at", s.expires_at,
                                    "csrf_token", s.csrf_token)));
}

void
srv_sign_out(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_error err = { 0 };
    ac_code rc;

    /* The router refused tokens (the row has no scope), so this is a cookie session. */
    rc = ac_session_close(st->hub, rq->cookie_token, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    rs->status = 204;
    rs->set_cookie = "accord_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
}

/* The signed-in person's session, for the web application's header and its time-out
 * warning: who (user name, display name), for whom (agency), as what (roles,
 * clearance), until when (absolute expiry; idle_seconds without a request ends it
 * sooner), and the CSRF token to echo (a page reloaded keeps its session). */
void
srv_session_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    static const char purpose[] = "showing the signed-in user their own session";
    const ac_actor *me = rq->actor;
    ac_user *users = NULL;
    ac_agency *agencies = NULL;
    size_t n_users = 0, n_agencies = 0;
    const char *display = me->username, *agency = me->agency_id, *kind = "";
    ac_error err = { 0 };

    if (ac_user_list(st->hub, me, purpose, rq->arena, &users, &n_users, &err) != AC_OK ||
        ac_agency_list(st->hub, me, purpose, rq->arena, &agencies, &n_agencies, &err) != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    for (size_t i = 0; i < n_users; i++) {
        if (strcmp(users[i].id, me->user_id) == 0) {
            display = users[i].display_name;
        }
    }
    for (size_t i = 0; i < n_agencies; i++) {
        if (strcmp(agencies[i].id, me->agency_id) == 0) {
            agency = agencies[i].name;
            kind = ac_agency_kind_str(agencies[i].kind);
        }
    }
    {
        json_t *roles = json_array();

        for (unsigned bit = 1; bit <= AC_ROLE_ALL; bit <<= 1) {
            if ((me->roles & bit) != 0) {
                json_array_append_new(roles, json_string(ac_role_str((ac_role)bit)));
            }
        }
        srv_json(rs, 200,
                 srv_dump(rq, json_pack("{s:s, s:s, s:{s:s, s:s, s:s}, s:o, s:s, s:s, s:i, s:s}",
                                        "username", me->username, "display_name", display, "agency",
                                        "id", me->agency_id, "name", agency, "kind", kind, "roles",
                                        roles, "clearance", ac_vetting_str(me->vetting),
                                        "expires_at", rq->session.expires_at, "idle_seconds",
                                        (int)AC_SESSION_IDLE_SECONDS, "csrf_token",
                                        rq->session.csrf_token)));
    }
}

void
srv_agencies(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_agency *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;
    ac_code rc;

    rc = ac_agency_list(st->hub, rq->actor, rq->purpose ? rq->purpose : "", rq->arena, &list, &n,
                        &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "id", list[i].id, "name",
                                             list[i].name, "kind", ac_agency_kind_str(list[i].kind),
                                             "country", list[i].country));
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "agencies", arr)));
}

void
srv_person_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_person *p = NULL;
    char *json = NULL;
    ac_error err = { 0 };
    ac_code rc;

    rc = ac_person_get(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &p, &err);
    if (rc == AC_OK) {
        rc = ac_person_to_json(p, rq->arena, &json, &err);
    }
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    rs->etag = srv_etag(rq, p->version);
    srv_json(rs, 200, json);
}

void
srv_person_search(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_person_query q;
    ac_person_hit *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    ac_code rc;

    memset(&q, 0, sizeof q);
    if (rq->query(rq, "identifier") != NULL) {
        srv_person_search_identifier(st, rq, rs);
        return;
    }
    q.name = rq->query(rq, "name");
    q.postcode = rq->query(rq, "postcode");
    q.after = rq->query(rq, "cursor");
    if (!srv_limit(rq, rs, &q.limit)) {
        return;
    }
    if (rq->query(rq, "dob") != NULL &&
        ac_date_parse(rq->query(rq, "dob"), &q.dob, &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request", ac_arena_printf(rq->arena, "dob: %s", err.msg));
        return;
    }
    rc = ac_person_search(st->hub, rq->actor, rq->purpose, &q, rq->arena, &list, &n, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    srv_person_hits(rq, rs, list, n, q.limit);
}

void
srv_person_hits(struct srv_request *rq,
                struct srv_response *rs,
                const ac_person_hit *list,
                size_t n,
                size_t limit)
{
    ac_error err = { 0 };
    char *out;

    /* {"persons":[...]} from the per-person JSON */
    out = ac_arena_strdup(rq->arena, "{\"persons\":[");
    for (size_t i = 0; out != NULL && i < n; i++) {
        char *one = NULL, *why;
        json_t *js = json_string(list[i].explanation);

        if (ac_person_to_json(&list[i].person, rq->arena, &one, &err) != AC_OK) {
            srv_problem_from(rq, rs, &err);
            return;
        }
        /* the person's object with its score and explanation as two more fields */
        why = js != NULL ? json_dumps(js, JSON_ENCODE_ANY) : NULL;
        json_decref(js);
        one[strlen(one) - 1] = '\0';
        out = why != NULL ? ac_arena_printf(rq->arena, "%s%s%s,\"score\":%.3f,\"explanation\":%s}",
                                            out, i > 0 ? "," : "", one, list[i].score, why)
                          : NULL;
        free(why);
    }
    /* a full page may have a next one: its cursor is the last id */
    srv_json(
        rs, 200,
        out == NULL ? NULL
        : n > 0 && n == (limit ? limit : 50)
            ? ac_arena_printf(rq->arena, "%s],\"next_cursor\":\"%s\"}", out, list[n - 1].person.id)
            : ac_arena_printf(rq->arena, "%s]}", out));
}

void
srv_item_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_item *it = NULL;
    ac_error err = { 0 };
    char grade[4];
    json_t *o;
    ac_code rc;

    rc = ac_item_get(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &it, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    grade[0] = it->source_eval;
    grade[1] = it->intel_eval;
    grade[2] = it->handling;
    grade[3] = '\0';
    o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "id", it->id, "originator", it->agency_id,
                  "classification", ac_classification_str(it->classification), "grade", grade,
                  "body", it->body, "version", (json_int_t)it->version);
    if (it->handling_conditions != NULL) {
        json_object_set_new(o, "handling_conditions", json_string(it->handling_conditions));
    }
    rs->etag = srv_etag(rq, it->version);
    if (it->disclosure_id != NULL) {
        json_object_set_new(o, "disclosure",
                            json_pack("{s:s, s:s, s:s, s:s}", "id", it->disclosure_id,
                                      "lawful_basis", it->lawful_basis, "purpose", it->purpose,
                                      "expires_at", it->expires_at));
    }
    srv_json(rs, 200, srv_dump(rq, o));
}

static const struct srv_field person_fields[] = {
    { "given", SRV_STRING, NULL },      { "middle", SRV_STRING, NULL },
    { "family", SRV_STRING, NULL },     { "full", SRV_STRING, NULL },
    { "source_ref", SRV_STRING, NULL }, { "address", SRV_STRING, NULL },
    { "town", SRV_STRING, NULL },       { "postcode", SRV_STRING, NULL },
    { "dob", SRV_STRING, NULL },        { "ni", SRV_STRING, NULL },
    { "pnc", SRV_STRING, NULL },        { "passport", SRV_STRING, NULL },
    { "dl", SRV_STRING, NULL },         SRV_FIELDS_END,
};

/* The identifiers of a new person: the body's fields named as in an edit. */
static const struct {
    const char *field;
    ac_identifier_kind kind;
} person_idents[] = { { "ni", AC_IDENT_NI_NUMBER },
                      { "pnc", AC_IDENT_PNC_ID },
                      { "passport", AC_IDENT_PASSPORT },
                      { "dl", AC_IDENT_DRIVING_LICENCE } };

/* {"id":...,"possible_duplicates":[...]}: the agency's records the new one looks like,
 * each with its name, score and the engine's explanation (an object). */
static char *
person_created(struct srv_request *rq, const char *id, const ac_person_duplicate *d, size_t n)
{
    json_t *arr = json_array();

    for (size_t i = 0; arr != NULL && i < n; i++) {
        json_t *why = json_loads(d[i].explanation, 0, NULL);

        json_array_append_new(arr, json_pack("{s:s, s:s, s:f, s:o}", "id", d[i].id, "name",
                                             d[i].name, "score", d[i].score, "explanation",
                                             why != NULL ? why : json_string(d[i].explanation)));
    }
    return srv_dump(rq, json_pack("{s:s, s:o}", "id", id, "possible_duplicates", arr));
}

void
srv_person_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_person p;
    ac_person_name name;
    ac_address addr;
    ac_identifier ids[sizeof person_idents / sizeof person_idents[0]];
    ac_person_duplicate *dups = NULL;
    const char *id = NULL, *dob;
    size_t n_dups = 0;
    ac_error err = { 0 };
    json_t *body;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, person_fields)) == NULL) {
        return;
    }
    memset(&p, 0, sizeof p);
    memset(&name, 0, sizeof name);
    memset(&addr, 0, sizeof addr);
    name.kind = AC_NAME_PRIMARY;
    name.given = srv_member(rq, body, "given");
    name.middle = srv_member(rq, body, "middle");
    name.family = srv_member(rq, body, "family");
    name.full = srv_member(rq, body, "full");
    p.names = &name;
    p.n_names = 1;
    p.source_ref = srv_member(rq, body, "source_ref");
    addr.line = srv_member(rq, body, "address");
    addr.town = srv_member(rq, body, "town");
    addr.postcode = srv_member(rq, body, "postcode");
    if (addr.line != NULL || addr.town != NULL || addr.postcode != NULL) {
        p.addresses = &addr;
        p.n_addresses = 1;
    }
    memset(ids, 0, sizeof ids);
    for (size_t i = 0; i < sizeof person_idents / sizeof person_idents[0]; i++) {
        const char *v = srv_member(rq, body, person_idents[i].field);

        if (v != NULL) {
            ids[p.n_identifiers].kind = person_idents[i].kind;
            ids[p.n_identifiers++].value = v;
        }
    }
    p.identifiers = p.n_identifiers > 0 ? ids : NULL;
    dob = srv_member(rq, body, "dob");
    json_decref(body);
    if (dob != NULL && ac_date_parse(dob, &p.dob, &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request", ac_arena_printf(rq->arena, "dob: %s", err.msg));
        return;
    }
    rc = ac_person_add_with_duplicates(st->hub, rq->actor, rq->purpose, &p, rq->arena, &id, &dups,
                                       &n_dups, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    srv_json(rs, 201, person_created(rq, id, dups, n_dups));
}

void
srv_item_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_item *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;
    ac_code rc;

    rc = ac_item_list(st->hub, rq->actor, rq->purpose, 0, rq->arena, &list, &n, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "id", list[i].id, "classification",
                                             ac_classification_str(list[i].classification),
                                             "disclosed", list[i].disclosure_id != NULL));
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "items", arr)));
}

static const struct srv_field item_fields[] = {
    { "body", SRV_STRING, NULL },
    { "classification", SRV_STRING, NULL },
    { "grade", SRV_STRING, NULL },
    { "legacy_grade", SRV_STRING, NULL },
    { "caveats", SRV_STRING, NULL },
    { "handling_conditions", SRV_STRING, NULL },
    { "releasable_to", SRV_STRING, NULL },
    { "case_id", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_item_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_item it;
    const char *id = NULL, *cls, *grade, *caveats, *legacy, *conditions = NULL;
    char mapped[4];
    ac_error err = { 0 };
    json_t *body;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, item_fields)) == NULL) {
        return;
    }
    memset(&it, 0, sizeof it);
    it.body = srv_member(rq, body, "body");
    cls = srv_member(rq, body, "classification");
    grade = srv_member(rq, body, "grade");
    legacy = srv_member(rq, body, "legacy_grade");
    caveats = srv_member(rq, body, "caveats");
    it.handling_conditions = srv_member(rq, body, "handling_conditions");
    it.releasable_to = srv_member(rq, body, "releasable_to");
    it.case_id = srv_member(rq, body, "case_id");
    json_decref(body);
    if (grade != NULL && legacy != NULL) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "grade, legacy_grade: give the 3x5x2 grade or the legacy 5x5x5 one, not both");
        return;
    }
    if (legacy != NULL) {
        if (ac_grade_from_5x5x5(legacy, rq->arena, mapped, &conditions, &err) != AC_OK) {
            srv_problem_from(rq, rs, &err);
            return;
        }
        grade = mapped;
        if (conditions != NULL) {
            it.handling_conditions =
                it.handling_conditions == NULL
                    ? conditions
                    : ac_arena_printf(rq->arena, "%s; %s", conditions, it.handling_conditions);
        }
    }
    if (it.body == NULL || cls == NULL || grade == NULL || strlen(grade) != 3 ||
        ac_classification_parse(cls, &it.classification, &err) != AC_OK ||
        (caveats != NULL && ac_caveats_parse(caveats, &it.caveats, &err) != AC_OK)) {
        srv_problem(rq, rs, 400, "invalid_request",
                    err.msg[0] ? err.msg
                               : "needs body, classification and grade (3x5x2, e.g. \"2BC\") or "
                                 "legacy_grade (5x5x5, e.g. \"B24\")");
        return;
    }
    it.source_eval = grade[0];
    it.intel_eval = grade[1];
    it.handling = grade[2];
    rc = ac_item_add(st->hub, rq->actor, rq->purpose, &it, rq->arena, &id, &err);
    srv_reply_created(rq, rs, rc, id, &err);
}

static const struct srv_field disclosure_fields[] = {
    { "item_id", SRV_STRING, NULL },
    { "recipient_agency_id", SRV_STRING, NULL },
    { "recipient_case_id", SRV_STRING, NULL },
    { "lawful_basis", SRV_STRING, NULL },
    { "body", SRV_STRING, NULL },
    { "handling_conditions", SRV_STRING, NULL },
    { "expires_at", SRV_STRING, NULL },
    { "classification", SRV_STRING, NULL },
    { "caveats", SRV_STRING, NULL },
    { "release_iss", SRV_BOOL, NULL },
    SRV_FIELDS_END,
};

void
srv_disclosure_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_disclosure d;
    const char *id = NULL, *cls, *caveats;
    ac_error err = { 0 };
    json_t *body, *release;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, disclosure_fields)) == NULL) {
        return;
    }
    memset(&d, 0, sizeof d);
    release = json_object_get(body, "release_iss"); /* a boolean: the table says so */
    d.release_iss = json_is_true(release);
    caveats = srv_member(rq, body, "caveats");
    d.item_id = srv_member(rq, body, "item_id");
    d.recipient_agency_id = srv_member(rq, body, "recipient_agency_id");
    d.recipient_case_id = srv_member(rq, body, "recipient_case_id");
    d.lawful_basis = srv_member(rq, body, "lawful_basis");
    d.body = srv_member(rq, body, "body");
    d.handling_conditions = srv_member(rq, body, "handling_conditions");
    d.expires_at = srv_member(rq, body, "expires_at");
    cls = srv_member(rq, body, "classification");
    json_decref(body);
    d.purpose = rq->purpose;
    if (d.item_id == NULL || cls == NULL ||
        ac_classification_parse(cls, &d.classification, &err) != AC_OK ||
        (caveats != NULL && ac_caveats_parse(caveats, &d.caveats, &err) != AC_OK)) {
        srv_problem(rq, rs, 400, "invalid_request",
                    err.msg[0] ? err.msg : "needs item_id and classification");
        return;
    }
    rc = ac_disclosure_create(st->hub, rq->actor, rq->purpose, &d, rq->arena, &id, &err);
    srv_reply_created(rq, rs, rc, id, &err);
}

static void
disclosure_change(struct srv_state *st,
                  struct srv_request *rq,
                  struct srv_response *rs,
                  bool approve)
{
    ac_error err = { 0 };
    ac_code rc;

    rc = approve ? ac_disclosure_approve(st->hub, rq->actor, rq->purpose, rq->params[0], &err)
                 : ac_disclosure_revoke(st->hub, rq->actor, rq->purpose, rq->params[0], &err);
    srv_reply_done(rq, rs, rc, &err);
}

void
srv_disclosure_approve(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    disclosure_change(st, rq, rs, true);
}

void
srv_disclosure_revoke(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    disclosure_change(st, rq, rs, false);
}

static const struct srv_field totp_enrol_fields[] = {
    { "password", SRV_STRING, NULL },
    { "code", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_totp_enrol(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *secret = NULL, *uri = NULL, *svg = NULL, *password, *code;
    ac_error err = { 0 };
    json_t *body;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, totp_enrol_fields)) == NULL) {
        return;
    }
    password = srv_member(rq, body, "password");
    code = srv_member(rq, body, "code");
    json_decref(body);
    if (password == NULL) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "send {\"password\": \"...\"}, and \"code\": the current one-time code "
                    "when a second factor is already on");
        return;
    }
    rc = ac_totp_enrol(st->hub, rq->actor, rq->purpose ? rq->purpose : "", password, code,
                       rq->arena, &secret, &uri, &svg, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    srv_json(rs, 201,
             srv_dump(rq, json_pack("{s:s, s:s, s:s}", "secret", secret, "otpauth_uri", uri,
                                    "qr_svg", svg)));
}

static const struct srv_field totp_confirm_fields[] = {
    { "code", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_totp_confirm(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *code;
    ac_error err = { 0 };
    ac_code rc;

    if (!srv_json_strings(rq, rs, totp_confirm_fields, &code, "send {\"code\": \"123456\"}")) {
        return;
    }
    rc = ac_totp_confirm(st->hub, rq->actor, rq->purpose ? rq->purpose : "", code, &err);
    srv_reply_done(rq, rs, rc, &err);
}

static const struct srv_field item_update_fields[] = {
    { "body", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_item_update(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *text;
    int64_t version;
    ac_error err = { 0 };
    ac_code rc;

    if (!srv_if_match(rq, rs, &version)) {
        return;
    }
    if (!srv_json_strings(rq, rs, item_update_fields, &text, "send {\"body\": \"the new text\"}")) {
        return;
    }
    rc = ac_item_update_body(st->hub, rq->actor, rq->purpose, rq->params[0], text, version, &err);
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
