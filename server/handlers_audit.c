/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers_audit.c - the API's audit and oversight (auditors only, people only): verify
 * the trail, page through the entries about a record or by a user, and the oversight
 * report for a period.  Each of these reads is itself audited.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "http_int.h"

#define ENTRIES_DEFAULT 100

void
srv_audit_verify(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_audit_report r;
    ac_error err = { 0 };
    ac_code rc;

    rc = ac_audit_verify(st->hub, rq->actor, rq->purpose ? rq->purpose : "", &r, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    srv_json(
        rs, 200,
        srv_dump(rq, json_pack("{s:b, s:I, s:I, s:I, s:s}", "ok", r.problem[0] == '\0', "entries",
                               (json_int_t)r.entries, "checkpoints", (json_int_t)r.checkpoints,
                               "first_bad", (json_int_t)r.first_bad, "problem", r.problem)));
}

/* Collects at most LIMIT entries as JSON. */
struct entry_page {
    json_t *arr;
    size_t limit;
    uint64_t last_seq;
    bool more; /* an entry beyond the page exists */
};

static void
set_opt(json_t *o, const char *name, const char *v)
{
    if (v != NULL) {
        json_object_set_new(o, name, json_string(v));
    }
}

static int
add_entry(void *ctx, const ac_audit_entry *e)
{
    struct entry_page *p = ctx;
    json_t *o;

    if (json_array_size(p->arr) == p->limit) {
        p->more = true;
        return 1;
    }
    o = json_pack("{s:I, s:s, s:s}", "seq", (json_int_t)e->seq, "at", e->at, "action", e->action);
    set_opt(o, "username", e->username);
    set_opt(o, "agency_id", e->agency_id);
    set_opt(o, "object_type", e->object_type);
    set_opt(o, "object_id", e->object_id);
    set_opt(o, "purpose", e->purpose);
    set_opt(o, "outcome", e->outcome);
    set_opt(o, "detail", e->detail);
    set_opt(o, "recipients", e->recipients);
    set_opt(o, "via", e->via);
    json_array_append_new(p->arr, o);
    p->last_seq = e->seq;
    return 0;
}

void
srv_audit_entries(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_audit_query q;
    struct entry_page page = { NULL, 0, 0, false };
    const char *cursor = rq->query(rq, "cursor");
    char *end = NULL;
    uint64_t n = 0;
    ac_error err = { 0 };
    json_t *o;
    ac_code rc;

    if (!srv_limit(rq, rs, &page.limit)) {
        return;
    }
    memset(&q, 0, sizeof q);
    q.object_id = rq->query(rq, "record");
    q.username = rq->query(rq, "user");
    q.since = rq->query(rq, "since");
    if (cursor != NULL) {
        q.after_seq = strtoull(cursor, &end, 10);
        if (end == cursor || *end != '\0') {
            srv_problem(rq, rs, 400, "invalid_request", "cursor: not a cursor this server gave");
            return;
        }
    }
    if (q.object_id == NULL && q.username == NULL) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "say what to look for: ?record=ID (who accessed it) or ?user=NAME (what "
                    "they did)");
        return;
    }
    page.limit = page.limit != 0 ? page.limit : ENTRIES_DEFAULT;
    page.arr = json_array();
    rc = ac_audit_query_run(st->hub, rq->actor, rq->purpose, &q, add_entry, &page, &n, &err);
    if (rc != AC_OK) {
        json_decref(page.arr);
        srv_problem_from(rq, rs, &err);
        return;
    }
    o = json_pack("{s:o}", "entries", page.arr);
    if (page.more) {
        json_object_set_new(
            o, "next_cursor",
            json_string(ac_arena_printf(rq->arena, "%llu", (unsigned long long)page.last_seq)));
    }
    srv_json(rs, 200, srv_dump(rq, o));
}

void
srv_oversight(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_oversight_row *rows = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;
    ac_code rc;

    rc = ac_audit_oversight(st->hub, rq->actor, rq->purpose, rq->query(rq, "since"),
                            rq->query(rq, "until"), rq->arena, &rows, &n, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:s, s:s, s:I}", "action", rows[i].action, "outcome",
                              rows[i].outcome, "count", (json_int_t)rows[i].count);

        set_opt(o, "agency_id", rows[i].agency_id);
        set_opt(o, "agency", rows[i].agency_name);
        json_array_append_new(arr, o);
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "rows", arr)));
}
