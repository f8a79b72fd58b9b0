/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers_person.c - keeping person records right over the API: edit with If-Match
 * (PUT /api/v1/persons/{id}) and the versions edits replaced
 * (GET /api/v1/persons/{id}/history).  Scopes for tokens: persons:write, persons:read.
 */
#include <jansson.h>
#include <string.h>

#include "http_int.h"

#define MAX_FIELDS 24

static const struct srv_field edit_fields[] = {
    { "reason", SRV_STRING, NULL },
    { "fields", SRV_STRING_MAP, NULL },
    SRV_FIELDS_END,
};

/* Apply the body's "fields" to P; false with the problem sent. */
static bool
apply_fields(struct srv_request *rq, struct srv_response *rs, json_t *f, ac_person *p)
{
    const char *key;
    json_t *v;
    ac_error err = { 0 };

    if (!json_is_object(f) || json_object_size(f) == 0 || json_object_size(f) > MAX_FIELDS) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "fields: send an object of 1 to 24 strings, such as {\"dob\": \"1985-03-07\"}; "
                    "\"\" removes a field");
        return false;
    }
    json_object_foreach(f, key, v)
    {
        if (!json_is_string(v)) {
            srv_problem(rq, rs, 400, "invalid_request", "fields: every value is a string");
            return false;
        }
        if (ac_person_set_field(p, key, json_string_value(v), rq->arena, &err) != AC_OK) {
            srv_problem_from(rq, rs, &err);
            return false;
        }
    }
    return true;
}

void
srv_person_edit(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_person *p = NULL;
    int64_t version = 0, now = 0;
    const char *reason;
    char *json = NULL;
    ac_error err = { 0 };
    json_t *body;
    ac_code rc;

    if (!srv_if_match(rq, rs, &version)) {
        return;
    }
    if ((body = srv_json_body(rq, rs, edit_fields)) == NULL) {
        return;
    }
    rc = ac_person_get(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &p, &err);
    if (rc != AC_OK) {
        json_decref(body);
        srv_problem_from(rq, rs, &err);
        return;
    }
    if (p->version != version) {
        json_decref(body);
        srv_problem(rq, rs, 412, "precondition_failed",
                    ac_arena_printf(rq->arena,
                                    "person '%s' is at version %lld, not %lld: read it again "
                                    "and redo the edit",
                                    p->id, (long long)p->version, (long long)version));
        return;
    }
    reason = srv_member(rq, body, "reason");
    if (!apply_fields(rq, rs, json_object_get(body, "fields"), p)) {
        json_decref(body);
        return;
    }
    json_decref(body);
    rc = ac_person_edit(st->hub, rq->actor, rq->purpose, rq->params[0], version, p,
                        reason != NULL ? reason : "", &now, &err);
    if (rc == AC_ECONFLICT && strstr(err.msg, "version") != NULL) {
        srv_problem(rq, rs, 412, "precondition_failed", err.msg);
        return;
    }
    if (rc == AC_OK) {
        rc = ac_person_get(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &p, &err);
    }
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
srv_person_history(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_person_version *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;
    ac_code rc;

    rc = ac_person_history(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &list, &n,
                           &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *snap = json_loads(list[i].snapshot, 0, NULL);

        json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:o*}", "version",
                                             (json_int_t)list[i].version, "changed_by",
                                             list[i].changed_by, "changed_at", list[i].changed_at,
                                             "reason", list[i].reason, "record", snap));
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:s, s:o}", "id", rq->params[0], "versions", arr)));
}

static const struct srv_field merge_fields[] = {
    { "other", SRV_STRING, NULL },
    { "reason", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_person_merge(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *v[2]; /* other, reason */
    ac_error err = { 0 };
    ac_code rc;

    if (!srv_json_strings(rq, rs, merge_fields, v,
                          "other: the id of the record to merge into this one is required")) {
        return;
    }
    rc = ac_person_merge(st->hub, rq->actor, rq->purpose, rq->params[0], v[0],
                         v[1] != NULL ? v[1] : "", &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    srv_json(rs, 200,
             srv_dump(rq, json_pack("{s:s, s:s}", "survivor", rq->params[0], "merged", v[0])));
}

static const struct srv_field unmerge_fields[] = {
    { "reason", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_person_unmerge(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *reason;
    ac_error err = { 0 };
    ac_code rc;

    if (!srv_json_strings(rq, rs, unmerge_fields, &reason, NULL)) {
        return;
    }
    rc = ac_person_unmerge(st->hub, rq->actor, rq->purpose, rq->params[0],
                           reason != NULL ? reason : "", &err);
    srv_reply_done(rq, rs, rc, &err);
}
