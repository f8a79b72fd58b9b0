/* SPDX-License-Identifier: Apache-2.0
 *
 * http_int.h - what the server's files share: the request as the handlers see it, and
 * the response helpers.  libmicrohttpd types stay in http.c.
 */
#ifndef SRV_HTTP_INT_H
#define SRV_HTTP_INT_H

#include <jansson.h>
#include <stddef.h>
#include <sys/types.h>

#include "server.h"

struct srv_request {
    ac_arena *arena;    /* everything for this request */
    const char *method; /* "GET", ... */
    const char *path;   /* without the query string */
    const char *body;   /* NUL-terminated; "" when none */
    size_t body_len;
    const char *content_type;  /* or NULL */
    const char *purpose;       /* Accord-Purpose header, or NULL */
    const char *csrf;          /* X-CSRF-Token header, or NULL */
    const char *cookie_token;  /* accord_session cookie, or NULL */
    const char *bearer;        /* the API token of an "Authorization: Bearer" header, or NULL */
    const char *if_match;      /* If-Match header, or NULL */
    const char *last_event_id; /* Last-Event-ID header (an event stream's resume), or NULL */
    bool accept_gzip;          /* Accept-Encoding names gzip (the web app's files) */
    const char *(*query)(const struct srv_request *rq, const char *name); /* query argument */
    void *conn;              /* the connection, for query() */
    const char *query_names; /* the query arguments' names, each followed by ',' ("" none) */
    bool tls;                /* served over TLS */
    uint32_t client;         /* the client's IPv4 address, host order (0: not IPv4) */
    const char *params[4];   /* path parameters matched by the router */
    const char *route;       /* the matched route ("GET /api/v1/persons/{id}"), or NULL */
    /* Set by the router for a route that needs a signed-in caller, before the handler: */
    ac_session session;    /* the caller's session or API token */
    const ac_actor *actor; /* who is asking (session.actor), or NULL on a public route */
};

struct srv_response {
    unsigned status;
    const char *content_type; /* static text */
    char *body;               /* in the request arena */
    size_t body_len;
    const char *set_cookie;    /* or NULL */
    const char *etag;          /* or NULL: the version of the record returned */
    const char *retry_after;   /* or NULL: seconds, with a 429 or 503 */
    struct srv_stream *stream; /* or NULL: the body is an event stream (handlers_stream.c) */
    /* The web application's files (static.c); NULL: no-store, none, none */
    const char *cache_control;
    const char *content_encoding;
    const char *vary;
};

struct srv_metrics;

struct srv_state {
    ac_hub *hub;                 /* shared by every thread (a concurrent hub) */
    char *openapi;               /* the OpenAPI document, or NULL */
    struct srv_metrics *metrics; /* counters for /metrics */
    struct srv_streams *streams; /* the open alert streams, or NULL: none served */
    const char *web_root;        /* the built web application's directory, or NULL */
    struct srv_imports *imports; /* the import jobs (handlers_io.c), or NULL: none run */
};

/* Import jobs (handlers_io.c): NULL from new on failure; free waits for running ones. */
struct srv_imports;
struct srv_imports *srv_imports_new(ac_hub *hub);
void srv_imports_free(struct srv_imports *r);

/* Alert streams (handlers_stream.c).  http.c gives SUSPEND and RESUME (of an MHD
 * connection), called under the registry's lock; NULL from new on failure. */
struct srv_stream;
struct srv_streams;
struct srv_streams *srv_streams_new(ac_hub *hub,
                                    void (*suspend)(void *conn),
                                    void (*resume)(void *conn),
                                    const struct srv_stream_limits *limits);
/* Stop the watcher and wake every stream to end its body (before the daemon stops). */
void srv_streams_end(struct srv_streams *w);
void srv_streams_free(struct srv_streams *w); /* NULL is a no-op; ends them first */
size_t srv_streams_open(struct srv_streams *w);
/* The connection S's body goes to (before it is first produced). */
void srv_stream_attach(struct srv_stream *s, void *conn);
/* Up to MAX bytes of S's body into BUF: their number; 0 having suspended the connection
 * (nothing to send until the watcher resumes it); SRV_STREAM_END to end the body. */
#define SRV_STREAM_END ((ssize_t)-1)
ssize_t srv_stream_produce(struct srv_stream *s, char *buf, size_t max);
/* Unregister and free the stream CLS (the response's free callback). */
void srv_stream_release(void *cls);
/* An alert's members as GET /api/v1/alerts lists them (handlers_report.c). */
json_t *srv_alert_json(const ac_alert *al);

/* Per-client rate limits (ratelimit.c): NULL from new when RATE is 0 (no limit). */
struct srv_ratelimit;
struct srv_ratelimit *srv_ratelimit_new(unsigned rate);
void srv_ratelimit_free(struct srv_ratelimit *r);
bool srv_ratelimit_allow(struct srv_ratelimit *r, uint32_t addr);

/* Metrics (metrics.c): per route and status, latency buckets, time in the hub. */
struct srv_metrics *srv_metrics_new(void);
void srv_metrics_free(struct srv_metrics *m);
void srv_metrics_observe(struct srv_metrics *m, const char *route, unsigned status, double seconds);
/* Time a request spent in its handler (calling the hub). */
void srv_metrics_hub_time(struct srv_metrics *m, double seconds);
void srv_metrics(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);

/* The web application (static.c): is PATH one of its (not /api or /api/...), and serve
 * it: a file under ST->web_root, or index.html for a page. */
bool srv_static_path(const char *path);
void srv_static(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);

/* Route the request (router.c). */
void srv_route(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);

/* Shared by both servers (http.c, witness.c): HOST:PORT into *ADDR, refusing a TLS
 * certificate without its key (or the reverse) and any address beyond loopback without
 * TLS; 0, or -1 with ERR. */
struct sockaddr_in;
int srv_listen_address(const char *host,
                       uint16_t port,
                       const char *tls_cert,
                       const char *tls_key,
                       struct sockaddr_in *addr,
                       ac_error *err);
/* The whole file PATH, NUL-terminated (the caller frees), or NULL. */
char *srv_read_file(const char *path);
/* ERR (may be NULL) set to AC_EINVAL and MSG; returns -1. */
int srv_fail(ac_error *err, const char *msg);
/* The query parameters ROUTE ("GET /api/v1/cases") takes, "a,b,c"; "" for none. */
const char *srv_route_query_params(const char *route);

/* An RFC 9457 problem: STATUS, a stable code and a message a person can act on. */
void srv_problem(struct srv_request *rq,
                 struct srv_response *rs,
                 unsigned status,
                 const char *code,
                 const char *detail);
/* The problem for a failed hub call (ac_code -> HTTP status). */
void srv_problem_from(struct srv_request *rq, struct srv_response *rs, const ac_error *err);
/* A JSON body (already serialised, in the arena). */
void srv_json(struct srv_response *rs, unsigned status, char *json);

/* Request helpers (request.c).  Each returning NULL or false has written the problem. */
/* Serialise and free V into the request arena. */
char *srv_dump(struct srv_request *rq, json_t *v);
bool srv_is_json(const struct srv_request *rq);
/* The signed-in user (session cookie, or an API token holding SCOPE; NULL SCOPE: people
 * only), or NULL with a 401 or 403. */
const ac_actor *srv_authenticate(struct srv_state *st,
                                 struct srv_request *rq,
                                 struct srv_response *rs,
                                 ac_session *session,
                                 const char *scope);
/* A JSON content type, or false with a 415. */
bool srv_json_type(struct srv_request *rq, struct srv_response *rs);
/* An API token, or a cookie sent with the X-CSRF-Token given at sign-in. */
bool srv_csrf_checked(struct srv_request *rq, struct srv_response *rs, const ac_session *session);
/* The Accord-Purpose header is present (reads and content writes need it). */
bool srv_purpose_given(struct srv_request *rq, struct srv_response *rs);
/* 204 with no body, or the problem ERR describes when RC is not AC_OK. */
void
srv_reply_done(struct srv_request *rq, struct srv_response *rs, ac_code rc, const ac_error *err);
/* 201 with {"id": ID}, or the problem ERR describes when RC is not AC_OK. */
void srv_reply_created(struct srv_request *rq,
                       struct srv_response *rs,
                       ac_code rc,
                       const char *id,
                       const ac_error *err);
/* A member a request body may have (one row of a body's table, which ends with a row whose
 * NAME is NULL): its name and JSON type.  Null is taken as the member left out. */
enum srv_field_type {
    SRV_STRING,
    SRV_NUMBER,
    SRV_BOOL,
    SRV_STRINGS,    /* an array of strings */
    SRV_STRING_MAP, /* an object of strings, any names (a case step's workflow fields) */
    SRV_OBJECT,     /* an object with the members FIELDS declares */
};
struct srv_field {
    const char *name;
    enum srv_field_type type;
    const struct srv_field *fields; /* SRV_OBJECT's members, else NULL */
};
#define SRV_FIELDS_END         \
    {                          \
        NULL, SRV_STRING, NULL \
    }
/* The request body as a JSON object (the caller decrefs) holding only members FIELDS
 * declares, each of its type; or NULL with a 400 naming the member ("buyer: unknown field;
 * did you mean buyer_name?", "concentration: expected a number, not a string"). */
json_t *
srv_json_body(struct srv_request *rq, struct srv_response *rs, const struct srv_field *fields);
/* True when every query argument of RQ is one of ALLOWED ("a,b,c"; "" or NULL: none);
 * else false with a 400 naming it ("colour: unknown query parameter; this route takes
 * scope, type, ...", or "did you mean state?"). */
bool srv_query_checked(struct srv_request *rq, struct srv_response *rs, const char *allowed);
/* String member NAME of O, copied into the arena; NULL when absent or not a string. */
const char *srv_member(struct srv_request *rq, json_t *o, const char *name);
/* The request body for a route whose members are all strings: srv_json_body with FIELDS
 * (unknown members and wrong types refused), then OUT[i] the member FIELDS[i] names,
 * copied into the arena, or NULL when absent; the body is released.  When MISSING is not
 * NULL, FIELDS[0] is required: without it a 400 says MISSING.  False when the 400 is
 * written. */
bool srv_json_strings(struct srv_request *rq,
                      struct srv_response *rs,
                      const struct srv_field *fields,
                      const char **out,
                      const char *missing);
/* Set member NAME of O to the string V, unless V is NULL (the member is then left out). */
void srv_set_str(json_t *o, const char *name, const char *v);
/* The version If-Match names ("3" or W/-less "\"3\""); false with a 428 or 400. */
bool srv_if_match(struct srv_request *rq, struct srv_response *rs, int64_t *version);
/* The "limit" query argument (0 when absent); false with a 400 when not a number. */
bool srv_limit(struct srv_request *rq, struct srv_response *rs, size_t *limit);
/* The version as an ETag, in the arena. */
const char *srv_etag(struct srv_request *rq, int64_t version);

/* Handlers (handlers.c). */
void srv_health(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_ready(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_openapi(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_sign_in(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_sign_out(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_session_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_agencies(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_person_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_person_search(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
/* The search answers as {"persons": [...]} with score and explanation (handlers.c). */
void srv_person_hits(struct srv_request *rq,
                     struct srv_response *rs,
                     const ac_person_hit *list,
                     size_t n,
                     size_t limit);
/* Import, export and search by identifier over HTTP (handlers_io.c). */
void
srv_person_search_identifier(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_person_export(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_person_import(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_import_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_import_quarantine(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_item_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_person_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_person_edit(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_person_history(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_person_merge(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_person_unmerge(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_item_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_item_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_disclosure_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_disclosure_approve(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_disclosure_revoke(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_audit_verify(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_item_update(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_totp_enrol(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_totp_confirm(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
/* handlers_admin.c, handlers_pole.c, handlers_audit.c */
void srv_agency_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_user_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_user_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_enrol(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_grant_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_grant_approve(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_grant_refuse(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_token_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_token_revoke(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_token_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_user_suspend(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_user_reactivate(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_user_unlock(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_user_grant(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_object_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_object_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_object_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_location_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_location_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_location_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_event_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_event_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_event_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_link_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_link_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_link_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_link_decide(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_link_propose(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_case_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_case_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_case_member_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_audit_entries(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_oversight(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_statistics(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_report_submit(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_report_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_report_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_alert_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_alert_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_alert_ack(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_case_step(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_case_note(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_case_timeline(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_case_next(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_deadlines(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_alert_stream(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_substances(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_work(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_report_indicators(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
/* Discoverable holdings, requests for information, person disclosures (handlers_rfi.c). */
/* The JSON of a request for information, a person disclosure and a link, as their own
 * routes answer them (handlers_rfi.c, handlers_pole.c); the picture reuses them. */
json_t *srv_rfi_json(const ac_rfi *r);
json_t *srv_pd_json(struct srv_request *rq, const ac_person_disclosure *d);
json_t *srv_link_json(const ac_link *x);
void srv_person_picture(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_person_pointers(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_discoverability_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_discoverability_set(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_rfi_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_rfi_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_lawful_bases(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_disclosure_awaiting(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_rfi_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_rfi_refuse(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_rfi_no_information(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_rfi_answer(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_pd_add(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_pd_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_pd_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_pd_approve(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_pd_revoke(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);
void srv_case_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs);

/* A route's row in the table (router.c): what the router checks, in this order, before it
 * calls the handler, so that a handler only translates JSON and structs and calls the hub.
 * 1. SRV_SIGNED_IN: a session cookie, or an API token holding SCOPE (NULL SCOPE: people
 *    only, tokens refused); 401, then 403 insufficient_scope.  SRV_PUBLIC: nothing at all.
 *    SRV_LOCAL: nothing from 127.0.0.1; from elsewhere an API token holding SCOPE.
 * 2. SRV_CSRF: a cookie session sent the X-CSRF-Token given at sign-in (403 csrf).
 * 3. SRV_JSON: the body is application/json (415).
 * 4. SRV_PURPOSE: the Accord-Purpose header is there (400 purpose_required).
 * SRV_CSRF_LAST moves the CSRF check after the purpose (the disclosure decisions). */
enum srv_auth {
    SRV_PUBLIC,
    SRV_SIGNED_IN,
    SRV_LOCAL /* a client at 127.0.0.1, or else an API token holding SCOPE (never a cookie) */
};
enum {
    SRV_PURPOSE = 1u << 0,
    SRV_CSRF = 1u << 1,
    SRV_JSON = 1u << 2,
    SRV_CSRF_LAST = 1u << 3,
};
#define SRV_WRITE (SRV_CSRF | SRV_JSON) /* a change with a JSON body */

typedef void (*srv_handler)(struct srv_state *, struct srv_request *, struct srv_response *);

struct srv_route_desc {
    const char *method;       /* "GET", ... */
    const char *pattern;      /* "/api/v1/persons/{id}" */
    const char *name;         /* "GET /api/v1/persons/{id}": the metrics' label */
    const char *operation_id; /* the OpenAPI operationId: "getPerson" */
    enum srv_auth auth;
    const char *scope; /* the API token scope needed, or NULL: people only */
    unsigned checks;   /* SRV_PURPOSE | SRV_CSRF | SRV_JSON | SRV_CSRF_LAST */
    srv_handler handler;
};

/* The route table, srv_route_count rows, in the router's order. */
extern const struct srv_route_desc srv_routes[];
extern const size_t srv_route_count;

/* The routes, for the OpenAPI test: "GET /api/v1/persons/{id}" ... NULL-terminated. */
extern const char *const srv_route_names[];

/* The cosigning thread of 'accord serve --cosigner' (cosign.c): NULL with no witnesses or
 * on failure to start. */
struct srv_cosign;
/* The witnesses C (N of them, copied; NULL when N is 0) that HUB (borrowed) pushes to. */
struct srv_cosign *srv_cosign_new(ac_hub *hub, const ac_cosigner *c, size_t n);
void srv_cosign_round(struct srv_cosign *k); /* one push to each witness */
void srv_cosign_free(struct srv_cosign *k);  /* NULL is a no-op */

#endif /* SRV_HTTP_INT_H */
