/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers_case.c - the API's case workflows: a step (with its rationale and fields), a
 * note, the timeline, the steps open from the case's state, the deadlines falling due,
 * and finding cases.  Scopes for tokens: cases:read, cases:write.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "http_int.h"

#define MAX_FIELDS 24
#define DAY_MS     86400000LL

static const struct srv_field step_fields[] = {
    { "step", SRV_STRING, NULL },
    { "rationale", SRV_STRING, NULL },
    { "fields", SRV_STRING_MAP, NULL },
    SRV_FIELDS_END,
};

void
srv_case_step(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_case_field fields[MAX_FIELDS];
    size_t n = 0;
    const char *step, *rationale, *state = NULL, *key;
    ac_error err = { 0 };
    json_t *body, *f, *v;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, step_fields)) == NULL) {
        return;
    }
    step = srv_member(rq, body, "step");
    rationale = srv_member(rq, body, "rationale");
    f = json_object_get(body, "fields");
    if (step == NULL || (f != NULL && !json_is_object(f)) || json_object_size(f) > MAX_FIELDS) {
        json_decref(body);
        srv_problem(rq, rs, 400, "invalid_request",
                    "a step needs \"step\", \"rationale\" and \"fields\" (an object of at most "
                    "24 strings)");
        return;
    }
    json_object_foreach(f, key, v)
    {
        if (!json_is_string(v)) {
            json_decref(body);
            srv_problem(rq, rs, 400, "invalid_request", "fields: every value is a string");
            return;
        }
        fields[n++] = (ac_case_field){ ac_arena_strdup(rq->arena, key),
                                       ac_arena_strdup(rq->arena, json_string_value(v)) };
    }
    json_decref(body);
    rc = ac_case_step(st->hub, rq->actor, rq->purpose, rq->params[0], step, rationale, fields, n,
                      rq->arena, &state, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:s, s:s}", "id", rq->params[0], "state", state)));
}

static const struct srv_field note_fields[] = {
    { "text", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_case_note(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *text;
    ac_error err = { 0 };
    ac_code rc;

    if (!srv_json_strings(rq, rs, note_fields, &text, NULL)) {
        return;
    }
    rc = ac_case_note(st->hub, rq->actor, rq->purpose, rq->params[0], text ? text : "", &err);
    srv_reply_done(rq, rs, rc, &err);
}

void
srv_case_timeline(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_case_event *e = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;
    ac_code rc;

    rc = ac_case_timeline(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &e, &n, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "seq", (json_int_t)e[i].seq, "at",
                              e[i].at, "actor_id", e[i].actor_id, "agency_id", e[i].agency_id,
                              "kind", e[i].kind, "rationale", e[i].rationale);

        if (e[i].step != NULL) {
            json_object_set_new(o, "step", json_string(e[i].step));
            json_object_set_new(o, "from_state", json_string(e[i].from_state));
            json_object_set_new(o, "to_state", json_string(e[i].to_state));
            json_object_set_new(o, "fields", json_loads(e[i].fields_json, 0, NULL));
        }
        if (e[i].late_days > 0) {
            json_object_set_new(o, "late_days", json_integer(e[i].late_days));
        }
        json_array_append_new(arr, o);
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "events", arr)));
}

void
srv_case_next(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_case_next_step *next = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;
    ac_code rc;

    rc = ac_case_next_steps(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &next, &n,
                            &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "step", next[i].step,
                                             "to", next[i].to, "roles", next[i].roles, "agencies",
                                             next[i].agencies, "requires", next[i].requires,
                                             "allowed", next[i].allowed));
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "steps", arr)));
}

void
srv_deadlines(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_case_due *due = NULL;
    size_t n = 0;
    const char *within = rq->query(rq, "within_days");
    char *end = NULL;
    long days = within != NULL ? strtol(within, &end, 10) : 7;
    ac_error err = { 0 };
    json_t *arr;
    ac_code rc;

    if (within != NULL && (end == within || *end != '\0' || days < 0 || days > 3650)) {
        srv_problem(rq, rs, 400, "invalid_request", "within_days: a whole number, 0 to 3650");
        return;
    }
    rc = ac_cases_due(st->hub, rq->actor, rq->purpose, days * DAY_MS, rq->arena, &due, &n, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(
            arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "case_id", due[i].case_id,
                           "case_type", due[i].case_type, "title", due[i].title, "state",
                           due[i].state, "due_at", due[i].due_at, "basis",
                           due[i].basis ? due[i].basis : "", "overdue", due[i].overdue));
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "deadlines", arr)));
}

/* GET /cases?scope=mine|agency|all&type=&state=&due_within_days=&limit= */
void
srv_case_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *scope = rq->query(rq, "scope"), *due = rq->query(rq, "due_within_days");
    const char *limit = rq->query(rq, "limit");
    ac_case_query q = { AC_CASES_VISIBLE, rq->query(rq, "type"), rq->query(rq, "state"), -1, 0 };
    ac_case_summary *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;
    char *end = NULL;
    long v;

    if (scope != NULL) {
        if (strcmp(scope, "mine") == 0) {
            q.scope = AC_CASES_MINE;
        } else if (strcmp(scope, "agency") == 0) {
            q.scope = AC_CASES_AGENCY;
        } else if (strcmp(scope, "all") != 0) {
            srv_problem(rq, rs, 400, "invalid_request",
                        "scope: mine (opened by you or naming you), agency (led by your agency) "
                        "or all (every case you may read, the default)");
            return;
        }
    }
    if (due != NULL) {
        v = strtol(due, &end, 10);
        if (end == due || *end != '\0' || v < 0 || v > 3650) {
            srv_problem(rq, rs, 400, "invalid_request",
                        "due_within_days: a whole number, 0 to 3650 (deadlines due that soon, "
                        "and those passed)");
            return;
        }
        q.due_within_ms = v * DAY_MS;
    }
    if (limit != NULL) {
        v = strtol(limit, &end, 10);
        if (end == limit || *end != '\0' || v < 1 || v > AC_CASE_LIST_MAX) {
            srv_problem(rq, rs, 400, "invalid_request", "limit: a whole number, 1 to 100");
            return;
        }
        q.limit = (size_t)v;
    }
    if (ac_case_list(st->hub, rq->actor, rq->purpose, &q, rq->arena, &list, &n, &err) != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr,
                              json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:b}", "id",
                                        list[i].id, "case_type", list[i].case_type, "state",
                                        list[i].state, "title", list[i].title, "lead_agency_id",
                                        list[i].lead_agency_id, "lead_agency_name",
                                        list[i].lead_agency_name, "opened_at", list[i].opened_at,
                                        "due_at", list[i].due_at, "overdue", list[i].overdue));
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "cases", arr)));
}
