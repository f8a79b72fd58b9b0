/* SPDX-License-Identifier: Apache-2.0
 *
 * request.c - the checks the router makes for a route's row (authenticate by session
 * cookie or API token with a scope, CSRF, the content type, the purpose), and what the
 * handlers do with a request: read the JSON body and its members, the If-Match version
 * and the limit, and answer a create.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_int.h"

/* Serialise and free a jansson value into the request arena. */
char *
srv_dump(struct srv_request *rq, json_t *v)
{
    char *text = v != NULL ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    char *copy = text != NULL ? ac_arena_strdup(rq->arena, text) : NULL;

    free(text);
    json_decref(v);
    return copy;
}

bool
srv_is_json(const struct srv_request *rq)
{
    return rq->content_type != NULL &&
           strncmp(rq->content_type, "application/json", strlen("application/json")) == 0;
}

/* The signed-in user (a person's session cookie, or an API token holding SCOPE), or NULL
 * with a 401 or 403 problem already written. */
const ac_actor *
srv_authenticate(struct srv_state *st,
                 struct srv_request *rq,
                 struct srv_response *rs,
                 ac_session *session,
                 const char *scope)
{
    ac_error err = { 0 };
    ac_code rc = AC_EDENIED;

    if (rq->bearer != NULL) {
        rc = ac_token_resume(st->hub, rq->bearer, rq->arena, session, &err);
    } else if (rq->cookie_token != NULL) {
        rc = ac_session_resume(st->hub, rq->cookie_token, rq->arena, session, &err);
    }
    if (rc != AC_OK) {
        srv_problem(rq, rs, 401, "unauthenticated",
                    rq->bearer != NULL ? "the API token is unknown, expired or revoked"
                                       : "sign in first: POST /api/v1/session with a username "
                                         "and password");
        return NULL;
    }
    if (session->scopes != NULL && (scope == NULL || !ac_scope_has(session->scopes, scope))) {
        srv_problem(rq, rs, 403, "insufficient_scope",
                    scope != NULL ? ac_arena_printf(rq->arena,
                                                    "this API token lacks the scope "
                                                    "'%s'",
                                                    scope)
                                  : "API tokens cannot do this: sign in as a person");
        return NULL;
    }
    return session->actor;
}

/* A == B, in a time that depends on their lengths only (not on where they first differ),
 * so that a forger cannot find the token byte by byte. */
static bool
same_secret(const char *a, const char *b)
{
    size_t n = strlen(b);
    volatile unsigned char diff = 0; /* volatile: the compiler keeps every step */

    if (strlen(a) != n) {
        return false; /* the length is no secret: every CSRF token has the same */
    }
    for (size_t i = 0; i < n; i++) {
        diff |= (unsigned char)(a[i] ^ b[i]);
    }
    return diff == 0;
}

/* True for an API token (no ambient credential to forge) or a session cookie sent with the
 * X-CSRF-Token given at sign-in; false with a 403 problem written otherwise. */
bool
srv_csrf_checked(struct srv_request *rq, struct srv_response *rs, const ac_session *session)
{
    if (session->scopes != NULL || (rq->csrf != NULL && session->csrf_token != NULL &&
                                    same_secret(rq->csrf, session->csrf_token))) {
        return true;
    }
    srv_problem(rq, rs, 403, "csrf",
                "a change made with the session cookie needs the "
                "X-CSRF-Token header given at sign-in");
    return false;
}

bool
srv_purpose_given(struct srv_request *rq, struct srv_response *rs)
{
    if (rq->purpose == NULL || rq->purpose[0] == '\0') {
        srv_problem(rq, rs, 400, "purpose_required",
                    "say why you need this record in the Accord-Purpose header; it is kept in "
                    "the audit trail");
        return false;
    }
    return true;
}

/* True for a JSON content type; false with a 415 problem written otherwise. */
bool
srv_json_type(struct srv_request *rq, struct srv_response *rs)
{
    if (!srv_is_json(rq)) {
        srv_problem(rq, rs, 415, "unsupported_media_type", "send the body as application/json");
        return false;
    }
    return true;
}

/* The answer to a create: 201 with the new record's id, or the problem ERR describes. */
void
srv_reply_created(struct srv_request *rq,
                  struct srv_response *rs,
                  ac_code rc,
                  const char *id,
                  const ac_error *err)
{
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, err);
        return;
    }
    srv_json(rs, 201, ac_arena_printf(rq->arena, "{\"id\":\"%s\"}", id));
}

static const char *
type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "true or false";
    default:
        return "null";
    }
}

/* The edit distance of A and B (both short member names), capped at 9. */
static size_t
distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), row[33];

    if (na > 32 || nb > 32) {
        return 9;
    }
    for (size_t j = 0; j <= nb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];

        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

            best = up + 1 < best ? up + 1 : best;
            best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
            diag = up;
            row[j] = best;
        }
    }
    return row[nb] < 9 ? row[nb] : 9;
}

/* The declared member NAME is most likely a slip for: one that begins with it (or that it
 * begins with), else the nearest within two edits; NULL when none is near. */
static const char *
nearest(const struct srv_field *fields, const char *name)
{
    const char *best = NULL;
    size_t best_d = 3, n = strlen(name);

    for (const struct srv_field *f = fields; f->name != NULL; f++) {
        size_t m = strlen(f->name);

        if (n >= 3 && (strncmp(f->name, name, n < m ? n : m) == 0)) {
            return f->name;
        }
    }
    for (const struct srv_field *f = fields; f->name != NULL; f++) {
        size_t d = distance(name, f->name);

        if (d < best_d) {
            best = f->name;
            best_d = d;
        }
    }
    return best;
}

static const char *
field_list(struct srv_request *rq, const struct srv_field *fields)
{
    const char *list = "";

    for (const struct srv_field *f = fields; f->name != NULL; f++) {
        list = ac_arena_printf(rq->arena, "%s%s%s", list, f == fields ? "" : ", ", f->name);
    }
    return fields->name != NULL ? list : "none (send {})";
}

/* What is wrong with the members of object O against FIELDS (names prefixed by PREFIX, as
 * "from."), or NULL when nothing is. */
static const char *checked_members(struct srv_request *rq,
                                   const char *prefix,
                                   json_t *o,
                                   const struct srv_field *fields);

static const char *
checked_member(struct srv_request *rq, const char *path, json_t *v, const struct srv_field *f)
{
    const char *want = NULL;
    size_t i;
    json_t *e;

    if (json_is_null(v)) {
        return NULL; /* null is "not given", as an absent member */
    }
    switch (f->type) {
    case SRV_STRING:
        want = json_is_string(v) ? NULL : "a string";
        break;
    case SRV_NUMBER:
        want = json_is_number(v) ? NULL : "a number";
        break;
    case SRV_BOOL:
        want = json_is_boolean(v) ? NULL : "true or false";
        break;
    case SRV_STRINGS:
        if (!json_is_array(v)) {
            want = "an array of strings";
            break;
        }
        json_array_foreach(v, i, e)
        {
            if (!json_is_string(e)) {
                return ac_arena_printf(rq->arena, "%s[%zu]: expected a string, not %s", path, i,
                                       type_name(e));
            }
        }
        break;
    case SRV_STRING_MAP: {
        const char *key;

        if (!json_is_object(v)) {
            want = "an object of strings";
            break;
        }
        json_object_foreach(v, key, e)
        {
            if (!json_is_string(e)) {
                return ac_arena_printf(rq->arena, "%s.%s: expected a string, not %s", path, key,
                                       type_name(e));
            }
        }
        break;
    }
    case SRV_OBJECT:
        if (!json_is_object(v)) {
            want = ac_arena_printf(rq->arena, "an object with %s", field_list(rq, f->fields));
            break;
        }
        return checked_members(rq, ac_arena_printf(rq->arena, "%s.", path), v, f->fields);
    }
    return want != NULL
               ? ac_arena_printf(rq->arena, "%s: expected %s, not %s", path, want, type_name(v))
               : NULL;
}

static const char *
checked_members(struct srv_request *rq,
                const char *prefix,
                json_t *o,
                const struct srv_field *fields)
{
    const char *key;
    json_t *v;

    json_object_foreach(o, key, v)
    {
        const struct srv_field *f = fields;
        const char *path = ac_arena_printf(rq->arena, "%s%s", prefix, key), *problem, *like;

        while (f->name != NULL && strcmp(f->name, key) != 0) {
            f++;
        }
        if (f->name == NULL) {
            like = nearest(fields, key);
            return like != NULL
                       ? ac_arena_printf(rq->arena, "%s: unknown field; did you mean %s?", path,
                                         like)
                       : ac_arena_printf(rq->arena, "%s: unknown field; the fields are: %s", path,
                                         field_list(rq, fields));
        }
        if ((problem = checked_member(rq, path, v, f)) != NULL) {
            return problem;
        }
    }
    return NULL;
}

/* The JSON object of the request body with only the members FIELDS declares, each of its
 * declared type; or NULL with a 400 written that names the member. */
json_t *
srv_json_body(struct srv_request *rq, struct srv_response *rs, const struct srv_field *fields)
{
    json_error_t jerr;
    json_t *body = json_loadb(rq->body, rq->body_len, 0, &jerr);
    const char *problem;

    if (!json_is_object(body)) {
        json_decref(body);
        srv_problem(rq, rs, 400, "invalid_request",
                    ac_arena_printf(rq->arena, "the body is not a JSON object (line %d: %s)",
                                    jerr.line, jerr.text));
        return NULL;
    }
    if ((problem = checked_members(rq, "", body, fields)) != NULL) {
        json_decref(body);
        srv_problem(rq, rs, 400, "invalid_request", problem);
        return NULL;
    }
    return body;
}

/* A string member, copied into the arena; NULL when absent or not a string. */
const char *
srv_member(struct srv_request *rq, json_t *o, const char *name)
{
    const char *v = json_string_value(json_object_get(o, name));

    return v != NULL ? ac_arena_strdup(rq->arena, v) : NULL;
}

bool
srv_json_strings(struct srv_request *rq,
                 struct srv_response *rs,
                 const struct srv_field *fields,
                 const char **out,
                 const char *missing)
{
    json_t *body = srv_json_body(rq, rs, fields);

    if (body == NULL) {
        return false;
    }
    for (size_t i = 0; fields[i].name != NULL; i++) {
        out[i] = srv_member(rq, body, fields[i].name);
    }
    json_decref(body);
    if (missing != NULL && out[0] == NULL) {
        srv_problem(rq, rs, 400, "invalid_request", missing);
        return false;
    }
    return true;
}

void
srv_set_str(json_t *o, const char *name, const char *v)
{
    if (v != NULL) {
        json_object_set_new(o, name, json_string(v));
    }
}

bool
srv_if_match(struct srv_request *rq, struct srv_response *rs, int64_t *version)
{
    char *end = NULL;
    long long v;

    if (rq->if_match == NULL) {
        srv_problem(rq, rs, 428, "precondition_required",
                    "send If-Match with the ETag of the version you read, so that no one's "
                    "change is overwritten unseen");
        return false;
    }
    v = strtoll(rq->if_match + (rq->if_match[0] == '"'), &end, 10);
    if (end == NULL || v <= 0 || (*end != '\0' && strcmp(end, "\"") != 0)) {
        srv_problem(rq, rs, 400, "invalid_request", "If-Match: expected an ETag such as \"3\"");
        return false;
    }
    *version = v;
    return true;
}

bool
srv_limit(struct srv_request *rq, struct srv_response *rs, size_t *limit)
{
    const char *text = rq->query(rq, "limit");
    char *end = NULL;
    unsigned long v;

    *limit = 0;
    if (text == NULL) {
        return true;
    }
    v = strtoul(text, &end, 10);
    if (end == text || *end != '\0' || text[0] == '-' || v > 1000) {
        srv_problem(rq, rs, 400, "invalid_request", "limit: expected a number from 1 to 1000");
        return false;
    }
    *limit = v;
    return true;
}

const char *
srv_etag(struct srv_request *rq, int64_t version)
{
    return ac_arena_printf(rq->arena, "\"%lld\"", (long long)version);
}

void
srv_reply_done(struct srv_request *rq, struct srv_response *rs, ac_code rc, const ac_error *err)
{
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, err);
        return;
    }
    rs->status = 204;
}

bool
srv_query_checked(struct srv_request *rq, struct srv_response *rs, const char *allowed)
{
    struct srv_field fields[16];
    size_t n = 0;
    const char *list = allowed != NULL ? allowed : "";

    for (const char *p = list; *p != '\0' && n + 1 < sizeof fields / sizeof fields[0];) {
        size_t len = strcspn(p, ",");

        fields[n].name = ac_arena_strndup(rq->arena, p, len);
        fields[n].type = SRV_STRING;
        fields[n++].fields = NULL;
        p += len + (p[len] == ',');
    }
    fields[n] = (struct srv_field)SRV_FIELDS_END;
    for (const char *p = rq->query_names != NULL ? rq->query_names : ""; *p != '\0';) {
        size_t len = strcspn(p, ",");
        char *name = ac_arena_strndup(rq->arena, p, len);
        bool known = false;

        for (size_t i = 0; i < n && !known; i++) {
            known = strcmp(fields[i].name, name) == 0;
        }
        if (!known) {
            const char *near = nearest(fields, name);

            srv_problem(rq, rs, 400, "invalid_request",
                        near != NULL ? ac_arena_printf(rq->arena,
                                                       "%s: unknown query parameter; did you "
                                                       "mean %s?",
                                                       name, near)
                        : n > 0      ? ac_arena_printf(rq->arena,
                                                       "%s: unknown query parameter; this "
                                                            "route takes %s",
                                                       name, field_list(rq, fields))
                                     : ac_arena_printf(rq->arena,
                                                       "%s: unknown query parameter; this "
                                                            "route takes none",
                                                       name));
            return false;
        }
        p += len + (p[len] == ',');
    }
    return true;
}
