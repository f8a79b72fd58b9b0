/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http.c - the API over real HTTP on loopback: the server runs in this process on
 * a free port against a synthetic hub; libcurl is the client.  Every status a test sees
 * must be documented for its route in docs/openapi.json, and the document and the
 * router must list the same routes.
 */
#include "http_client.h"

#include <curl/curl.h>
#include <jansson.h>
#include <liboath/oath.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http_int.h"
#include "server.h"

#define PASSWORD "accord-demo-password"

static void
http_routes_and_openapi_agree(void **state)
{
    json_t *paths = json_object_get(openapi, "paths"), *ops;
    const char *path;
    size_t documented_ops = 0, routes = 0;

    (void)state;
    for (routes = 0; srv_route_names[routes] != NULL; routes++) {
        char method[16], p[128];

        assert_int_equal(sscanf(srv_route_names[routes], "%15s %127s", method, p), 2);
        for (char *m = method; *m; m++) {
            *m = (char)(*m - 'A' + 'a');
        }
        if (json_object_get(json_object_get(paths, p), method) == NULL) {
            print_message("route %s is not documented\n", srv_route_names[routes]);
            fail();
        }
    }
    json_object_foreach(paths, path, ops)
    {
        documented_ops += json_object_size(ops);
    }
    assert_int_equal(documented_ops, routes);
}

static void
http_health_and_openapi_are_served(void **state)
{
    struct reply r;

    (void)state;
    http("GET /healthz", "GET", "/healthz", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    http("GET /readyz", "GET", "/readyz", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    http("GET /api/v1/openapi.json", "GET", "/api/v1/openapi.json", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"openapi\""));
    http("GET /metrics", "GET", "/metrics", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "accord_http_requests_total{route=\"GET /healthz\",status="
                                   "\"200\"} 1"));
    assert_non_null(strstr(r.body, "accord_http_request_seconds_bucket"));
    assert_non_null(strstr(r.body, "accord_hub_seconds_total"));
}

static void
http_sign_in_sets_a_safe_cookie(void **state)
{
    const char *h[] = { "Content-Type: application/json", NULL };
    static const char wrong[] = "{\"username\":\"ctp.analyst\",\"password\":\"not it at all\"}";
    static const char good[] = "{\"username\":\"ctp.analyst\",\"password\":\"" PASSWORD "\"}";
    struct reply r;

    (void)state;
    http("POST /api/v1/session", "POST", "/api/v1/session", h, wrong, sizeof wrong - 1, &r);
    assert_int_equal(r.status, 401);
    assert_non_null(strstr(r.headers, "application/problem+json"));
    assert_null(strstr(r.headers, "Set-Cookie"));
    http("POST /api/v1/session", "POST", "/api/v1/session", h, good, sizeof good - 1, &r);
    assert_int_equal(r.status, 201);
    assert_non_null(strstr(r.headers, "HttpOnly"));
    assert_non_null(strstr(r.headers, "SameSite=Strict"));
    assert_null(strstr(r.body, PASSWORD));
}

static void
http_reads_need_sign_in_and_purpose_and_hide_other_agencies(void **state)
{
    struct signed_in ctu, council;
    const char *no_purpose[2] = { NULL, NULL };
    const char *with[3] = { NULL, NULL, NULL };
    struct reply r, hidden, missing;
    char path[128], id[32];
    const char *at;

    (void)state;
    sign_in("ctp.analyst", &ctu);
    sign_in("council.prevent", &council);
    http("GET /api/v1/persons", "GET", "/api/v1/persons?name=a", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 401);
    no_purpose[0] = ctu.cookie;
    http("GET /api/v1/persons", "GET", "/api/v1/persons?name=a", no_purpose, NULL, 0, &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "purpose_required"));
    with[0] = ctu.cookie;
    with[1] = ctu.purpose;
    http("GET /api/v1/persons", "GET", "/api/v1/persons?name=a&limit=1", with, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    at = strstr(r.body, "\"id\":\"");
    assert_non_null(at);
    snprintf(id, sizeof id, "%.26s", at + 6);
    /* a full page carries a cursor to the next one, which starts after it */
    at = strstr(r.body, "\"next_cursor\":\"");
    assert_non_null(at);
    snprintf(path, sizeof path, "/api/v1/persons?name=a&limit=1&cursor=%.26s", at + 15);
    http("GET /api/v1/persons", "GET", path, with, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_null(strstr(r.body, id));
    assert_non_null(strstr(r.body, "\"id\":\""));
    snprintf(path, sizeof path, "/api/v1/persons/%s", id);
    http("GET /api/v1/persons/{id}", "GET", path, with, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    /* the council may not see the CT unit's record: exactly like a missing one */
    with[0] = council.cookie;
    with[1] = council.purpose;
    http("GET /api/v1/persons/{id}", "GET", path, with, NULL, 0, &hidden);
    http("GET /api/v1/persons/{id}", "GET", "/api/v1/persons/01AAAAAAAAAAAAAAAAAAAAAAAA", with,
         NULL, 0, &missing);
    assert_int_equal(hidden.status, 404);
    assert_int_equal(missing.status, 404);
    assert_int_equal(hidden.len, missing.len);
    assert_null(strstr(hidden.body, "Olu")); /* no data in a refusal */
}

static void
http_bad_requests_get_clear_4xx(void **state)
{
    const char *json[] = { "Content-Type: application/json", NULL };
    const char *text[] = { "Content-Type: text/plain", NULL };
    char *big = malloc(SRV_BODY_MAX + 10);
    struct reply r;

    (void)state;
    http("POST /api/v1/session", "POST", "/api/v1/session", text, "x", 1, &r);
    assert_int_equal(r.status, 415);
    http("POST /api/v1/session", "POST", "/api/v1/session", json, "{bad", 4, &r);
    assert_int_equal(r.status, 400);
    http("POST /api/v1/session", "POST", "/api/v1/session", json, "{\"u\":\"\xff\"}", 8, &r);
    assert_int_equal(r.status, 400);
    memset(big, 'a', SRV_BODY_MAX + 10);
    http("POST /api/v1/session", "POST", "/api/v1/session", json, big, SRV_BODY_MAX + 10, &r);
    assert_int_equal(r.status, 413);
    free(big);
    http(NULL, "GET", "/api/v1/nothing-here", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 404);
    http(NULL, "PUT", "/api/v1/session", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 405);
}

static void
http_sessions_expire_when_idle_and_at_their_limit(void **state)
{
    struct signed_in s;
    struct reply r;
    const char *h[] = { NULL, NULL };
    int steps = 0;

    (void)state;
    sign_in("ctp.analyst", &s);
    h[0] = s.cookie;
    /* idle for longer than AC_SESSION_IDLE_SECONDS: signed out */
    clock_offset_ms = (AC_SESSION_IDLE_SECONDS + 60) * 1000LL;
    http("GET /api/v1/agencies", "GET", "/api/v1/agencies", h, NULL, 0, &r);
    assert_int_equal(r.status, 401);
    assert_non_null(strstr(r.body, "sign in"));
    clock_offset_ms = 0;
    /* kept busy, a session still ends at AC_SESSION_MAX_SECONDS */
    sign_in("ctp.analyst", &s);
    h[0] = s.cookie;
    do {
        clock_offset_ms += (AC_SESSION_IDLE_SECONDS - 300) * 1000LL;
        http("GET /api/v1/agencies", "GET", "/api/v1/agencies", h, NULL, 0, &r);
        steps++;
    } while (r.status == 200 && steps < 100);
    clock_offset_ms = 0;
    assert_int_equal(r.status, 401);
    assert_true((int64_t)steps * (AC_SESSION_IDLE_SECONDS - 300) >= AC_SESSION_MAX_SECONDS);
    assert_true((int64_t)(steps - 1) * (AC_SESSION_IDLE_SECONDS - 300) < AC_SESSION_MAX_SECONDS);
}

static void
http_sign_out_needs_the_csrf_token(void **state)
{
    struct signed_in s;
    const char *cookie_only[] = { NULL, NULL };
    const char *both[] = { NULL, NULL, NULL };
    struct reply r;

    (void)state;
    sign_in("ss.analyst", &s);
    cookie_only[0] = s.cookie;
    http("DELETE /api/v1/session", "DELETE", "/api/v1/session", cookie_only, NULL, 0, &r);
    assert_int_equal(r.status, 403);
    both[0] = s.cookie;
    both[1] = s.csrf;
    http("DELETE /api/v1/session", "DELETE", "/api/v1/session", both, NULL, 0, &r);
    assert_int_equal(r.status, 204);
    http("GET /api/v1/agencies", "GET", "/api/v1/agencies", cookie_only, NULL, 0, &r);
    assert_int_equal(r.status, 401);
}

/* USER makes themselves an API token with SCOPES, through a second connection to the hub;
 * the administrator may not make it for them (nobody acts as someone else). */
static void
make_token(const char *user, const char *scopes, char *secret, size_t cap, char *id, size_t id_cap)
{
    ac_hub_config *cfg = ac_hub_config_new();
    ac_hub *hub = NULL;
    ac_arena *a = ac_arena_new(0);
    const ac_actor *admin = NULL, *owner = NULL;
    const char *out_id = NULL, *out_secret = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_hub_config_set_db_path(cfg, db_path, &err), AC_OK);
    assert_int_equal(ac_hub_open(cfg, &hub, &err), AC_OK);
    assert_int_equal(ac_hub_actor(hub, "admin", a, &admin, &err), AC_OK);
    assert_int_equal(ac_hub_actor(hub, user, a, &owner, &err), AC_OK);
    assert_int_equal(ac_token_create(hub, admin, "http test", user, scopes, "2027-06-01T00:00:00Z",
                                     a, &out_id, &out_secret, &err),
                     AC_EDENIED);
    assert_non_null(strstr(err.msg, "acts only for the user who makes it"));
    assert_int_equal(ac_token_create(hub, owner, "http test", user, scopes, "2099-01-01T00:00:00Z",
                                     a, &out_id, &out_secret, &err),
                     AC_EINVAL); /* more than a year on */
    assert_int_equal(ac_token_create(hub, owner, "http test", user, scopes, "2027-06-01T00:00:00Z",
                                     a, &out_id, &out_secret, &err),
                     AC_OK);
    snprintf(secret, cap, "Authorization: Bearer %s", out_secret);
    snprintf(id, id_cap, "%s", out_id);
    ac_hub_close(hub);
    ac_hub_config_free(cfg);
    ac_arena_free(a);
}

/* How many search entries of the audit name token ID as the way their actor acted. */
static int64_t
entries_via_token(const char *id)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    char via[64];
    int64_t n = -1;

    snprintf(via, sizeof via, "token %s", id);
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT count(*) FROM audit_log WHERE via = ?"
                                        " AND action = 'search'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, via, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* USER revokes their token ID (the administrator may not: it is not theirs). */
static void
revoke_token(const char *user, const char *id)
{
    ac_hub_config *cfg = ac_hub_config_new();
    ac_hub *hub = NULL;
    ac_arena *a = ac_arena_new(0);
    const ac_actor *admin = NULL, *owner = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_hub_config_set_db_path(cfg, db_path, &err), AC_OK);
    assert_int_equal(ac_hub_open(cfg, &hub, &err), AC_OK);
    assert_int_equal(ac_hub_actor(hub, "admin", a, &admin, &err), AC_OK);
    assert_int_equal(ac_hub_actor(hub, user, a, &owner, &err), AC_OK);
    assert_int_equal(ac_token_revoke(hub, admin, "http test", id, &err), AC_EDENIED);
    assert_int_equal(ac_token_revoke(hub, owner, "http test", id, &err), AC_OK);
    ac_hub_close(hub);
    ac_hub_config_free(cfg);
    ac_arena_free(a);
}

static void
http_api_tokens_are_scoped_and_revocable(void **state)
{
    char auth[160], id[32];
    const char *h[3] = { NULL, "Accord-Purpose: token test", NULL };
    struct reply r;

    (void)state;
    make_token("ctp.analyst", "persons:read", auth, sizeof auth, id, sizeof id);
    h[0] = auth;
    http("GET /api/v1/persons", "GET", "/api/v1/persons?name=a&limit=1", h, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    http("GET /api/v1/agencies", "GET", "/api/v1/agencies", h, NULL, 0, &r);
    assert_int_equal(r.status, 403);
    assert_non_null(strstr(r.body, "insufficient_scope"));
    http("DELETE /api/v1/session", "DELETE", "/api/v1/session", h, NULL, 0, &r);
    assert_int_equal(r.status, 403);
    /* every entry made through the token names it */
    assert_int_equal(entries_via_token(id), 1);
    revoke_token("ctp.analyst", id);
    http("GET /api/v1/persons", "GET", "/api/v1/persons?name=a&limit=1", h, NULL, 0, &r);
    assert_int_equal(r.status, 401);
    h[0] = "Authorization: Bearer act_0000";
    http("GET /api/v1/persons", "GET", "/api/v1/persons?name=a", h, NULL, 0, &r);
    assert_int_equal(r.status, 401);
}

static void
http_items_and_disclosures_round_trip(void **state)
{
    struct signed_in analyst, caseworker, council, auditor;
    const char *read_council[3] = { NULL, NULL, NULL };
    char item[32], disc[32], path[160], body[512];
    struct reply r;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("ctp.caseworker", &caseworker);
    sign_in("council.prevent", &council);
    sign_in("oversight.auditor", &auditor);
    /* a change needs the CSRF token with the cookie */
    {
        const char *h[] = { analyst.cookie, analyst.purpose, "Content-Type: application/json",
                            NULL };

        http("POST /api/v1/items", "POST", "/api/v1/items", h, "{}", 2, &r);
        assert_int_equal(r.status, 403);
    }
    post("POST /api/v1/items", &analyst, "/api/v1/items",
         "{\"body\":\"Source reports a purchase of 25 kg of fertiliser.\","
         "\"classification\":\"secret\",\"grade\":\"2BC\","
         "\"handling_conditions\":\"No onward disclosure\"}",
         &r);
    created_id(&r, item, sizeof item);
    post("POST /api/v1/items", &analyst, "/api/v1/items", "{\"body\":\"x\"}", &r);
    assert_int_equal(r.status, 400);
    /* the council's id comes from the agency list */
    {
        const char *h[] = { council.cookie, NULL };
        const char *at;

        http("GET /api/v1/agencies", "GET", "/api/v1/agencies", h, NULL, 0, &r);
        at = strstr(r.body, "Birmingham City Council");
        assert_non_null(at);
        while (at > r.body && strncmp(at, "\"id\":\"", 6) != 0) {
            at--;
        }
        snprintf(body, sizeof body,
                 "{\"item_id\":\"%s\",\"recipient_agency_id\":\"%.26s\",\"classification\":"
                 "\"official_sensitive\",\"lawful_basis\":\"cta2008-s19\",\"body\":\"Known "
                 "to CT policing.\",\"expires_at\":\"2099-01-01T00:00:00Z\"}",
                 item, at + 6);
    }
    post("POST /api/v1/disclosures", &analyst, "/api/v1/disclosures", body, &r);
    created_id(&r, disc, sizeof disc);
    read_council[0] = council.cookie;
    read_council[1] = council.purpose;
    snprintf(path, sizeof path, "/api/v1/items/%s", item);
    http("GET /api/v1/items/{id}", "GET", path, read_council, NULL, 0, &r);
    assert_int_equal(r.status, 404); /* pending approval */
    snprintf(path, sizeof path, "/api/v1/disclosures/%s/approve", disc);
    post("POST /api/v1/disclosures/{id}/approve", &analyst, path, NULL, &r);
    assert_int_equal(r.status, 403); /* not the same person */
    post("POST /api/v1/disclosures/{id}/approve", &caseworker, path, NULL, &r);
    assert_int_equal(r.status, 204);
    snprintf(path, sizeof path, "/api/v1/items/%s", item);
    http("GET /api/v1/items/{id}", "GET", path, read_council, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "Known to CT policing."));
    assert_null(strstr(r.body, "fertiliser"));
    http("GET /api/v1/items", "GET", "/api/v1/items", read_council, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, item));
    /* optimistic concurrency: the ETag of the version read goes back in If-Match */
    {
        const char *get_h[] = { analyst.cookie, analyst.purpose, NULL };
        const char *put_h[] = {
            analyst.cookie, analyst.csrf, analyst.purpose, "Content-Type: application/json",
            NULL,           NULL
        };
        static const char text[] = "{\"body\":\"Corrected: 20 kg.\"}";

        snprintf(path, sizeof path, "/api/v1/items/%s", item);
        http("GET /api/v1/items/{id}", "GET", path, get_h, NULL, 0, &r);
        assert_non_null(strstr(r.headers, "ETag: \"1\""));
        http("PUT /api/v1/items/{id}", "PUT", path, put_h, text, sizeof text - 1, &r);
        assert_int_equal(r.status, 428);
        put_h[4] = "If-Match: \"1\"";
        http("PUT /api/v1/items/{id}", "PUT", path, put_h, text, sizeof text - 1, &r);
        assert_int_equal(r.status, 204);
        assert_non_null(strstr(r.headers, "ETag: \"2\""));
        http("PUT /api/v1/items/{id}", "PUT", path, put_h, text, sizeof text - 1, &r);
        assert_int_equal(r.status, 412); /* the version read is no longer current */
    }
    snprintf(path, sizeof path, "/api/v1/disclosures/%s/revoke", disc);
    post("POST /api/v1/disclosures/{id}/revoke", &analyst, path, NULL, &r);
    assert_int_equal(r.status, 204);
    snprintf(path, sizeof path, "/api/v1/items/%s", item);
    http("GET /api/v1/items/{id}", "GET", path, read_council, NULL, 0, &r);
    assert_int_equal(r.status, 404);
    /* persons: created in the caller's agency, refused without a name */
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Amara\",\"family\":\"Okafor\",\"dob\":\"1991-05\"}", &r);
    created_id(&r, item, sizeof item);
    post("POST /api/v1/persons", &analyst, "/api/v1/persons", "{\"dob\":\"1991-13\"}", &r);
    assert_int_equal(r.status, 400);
    /* the auditor verifies the trail that all of this wrote */
    {
        const char *h[] = { auditor.cookie, NULL };

        http("GET /api/v1/audit/verify", "GET", "/api/v1/audit/verify", h, NULL, 0, &r);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body, "\"ok\":true"));
        h[0] = analyst.cookie;
        http("GET /api/v1/audit/verify", "GET", "/api/v1/audit/verify", h, NULL, 0, &r);
        assert_int_equal(r.status, 403);
    }
}

static void
http_totp_enrolment_over_the_api(void **state)
{
    static const char body[] = "{\"username\":\"probation.officer\",\"password\":\"" PASSWORD "\"}";
    const char *json[] = { "Content-Type: application/json", NULL };
    struct signed_in s;
    struct reply r;
    char b32[64], code[7], confirm[64], *raw = NULL;
    size_t raw_len = 0;
    const char *at;

    (void)state;
    sign_in("probation.officer", &s);
    /* issue 13: enrolling needs the password, not the session alone */
    post("POST /api/v1/totp", &s, "/api/v1/totp", "{\"password\":\"" PASSWORD "\"}", &r);
    assert_int_equal(r.status, 201);
    assert_non_null(strstr(r.body, "otpauth://totp/accord:probation.officer"));
    assert_non_null(strstr(r.body, "<svg"));
    at = strstr(r.body, "\"secret\":\"");
    assert_non_null(at);
    snprintf(b32, sizeof b32, "%.32s", at + 10);
    assert_int_equal(oath_init(), OATH_OK);
    assert_int_equal(oath_base32_decode(b32, strlen(b32), &raw, &raw_len), OATH_OK);
    assert_int_equal(oath_totp_generate(raw, raw_len, time(NULL), 30, 0, 6, code), OATH_OK);
    free(raw);
    post("POST /api/v1/totp/confirm", &s, "/api/v1/totp/confirm", "{}", &r);
    assert_int_equal(r.status, 400);
    snprintf(confirm, sizeof confirm, "{\"code\":\"%s\"}", code);
    post("POST /api/v1/totp/confirm", &s, "/api/v1/totp/confirm", confirm, &r);
    assert_int_equal(r.status, 204);
    post("POST /api/v1/totp/confirm", &s, "/api/v1/totp/confirm", confirm, &r);
    assert_int_equal(r.status, 409);
    /* now the password alone no longer signs in */
    http("POST /api/v1/session", "POST", "/api/v1/session", json, body, sizeof body - 1, &r);
    assert_int_equal(r.status, 401);
    assert_non_null(strstr(r.body, "one-time code"));
}

/* Slow clients (headers trickling in, bodies never finished) do not hold up others. */
static void
http_slow_clients_do_not_starve_others(void **state)
{
    int slow[16];
    struct reply r;
    struct sockaddr_in addr;

    (void)state;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(srv_port(server));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < 16; i++) {
        static const char part[] = "POST /api/v1/session HTTP/1.1\r\nHost: x\r\n"
                                   "Content-Type: application/json\r\nContent-Length: 100\r\n";

        slow[i] = socket(AF_INET, SOCK_STREAM, 0);
        assert_true(slow[i] >= 0);
        assert_int_equal(connect(slow[i], (struct sockaddr *)&addr, sizeof addr), 0);
        /* half the headers, or the headers and half a body: then silence */
        assert_true(send(slow[i], part, i % 2 ? sizeof part - 1 : 20, 0) > 0);
        if (i % 2) {
            assert_true(send(slow[i], "\r\n{\"user", 9, 0) > 0);
        }
    }
    for (int i = 0; i < 20; i++) {
        http("GET /healthz", "GET", "/healthz", NULL, NULL, 0, &r);
        assert_int_equal(r.status, 200);
    }
    for (int i = 0; i < 16; i++) {
        close(slow[i]);
    }
}

/* A client over its rate gets 429 with Retry-After; others are unaffected. */
static void
http_rate_limit_answers_429(void **state)
{
    struct srv_config sc;
    struct srv *limited = NULL;
    ac_error err = { 0 };
    char saved[64];
    int allowed = 0, limited_n = 0;
    struct reply r;

    (void)state;
    memset(&sc, 0, sizeof sc);
    sc.db_path = db_path;
    sc.host = "127.0.0.1";
    sc.openapi_path = ACCORD_SOURCE_ROOT "/docs/openapi.json";
    sc.threads = 2;
    sc.rate_limit = 1; /* bursts of 2 */
    assert_int_equal(srv_start(&sc, &limited, &err), 0);
    snprintf(saved, sizeof saved, "%s", base);
    snprintf(base, sizeof base, "http://127.0.0.1:%u", (unsigned)srv_port(limited));
    for (int i = 0; i < 12; i++) {
        http("GET /healthz", "GET", "/healthz", NULL, NULL, 0, &r);
        allowed += r.status == 200;
        if (r.status == 429) {
            limited_n++;
            assert_non_null(strstr(r.headers, "Retry-After: 1"));
        }
    }
    snprintf(base, sizeof base, "%s", saved);
    srv_stop(limited);
    /* the burst of 2, plus one a second refilled while the 12 requests ran */
    assert_true(allowed >= 2 && allowed <= 6);
    assert_true(limited_n >= 6);
    http("GET /healthz", "GET", "/healthz", NULL, NULL, 0, &r); /* the main server: unlimited */
    assert_int_equal(r.status, 200);
}

/* 1,000 generated malformed requests: never a 5xx, and the server still answers. */
/* A random JSON-ish body: valid objects whose members have the wrong types, odd
 * values, invalid UTF-8 or broken syntax, so that requests reach every handler's parser. */
static size_t
random_body(uint64_t *rng, char *out, size_t cap)
{
    static const char *const names[] = { "kind",     "value", "from",      "to",         "status",
                                         "body",     "grade", "type",      "confidence", "username",
                                         "latitude", "dob",   "agency_id", "title",      "scopes" };
    static const char *const values[] = { "\"phone\"",
                                          "1e999",
                                          "null",
                                          "[]",
                                          "{}",
                                          "\"\\u0000\"",
                                          "\"\xff\xfe\"",
                                          "-1",
                                          "true",
                                          "\"2026-13-45\"",
                                          "{\"type\":\"person\",\"id\":7}",
                                          "\"confirmed\"",
                                          "\"\"",
                                          "0.5" };
    size_t n = 0, members;

    *rng = *rng * 6364136223846793005ull + 1442695040888963407ull;
    if ((*rng >> 60) == 0) { /* sometimes plain garbage */
        for (n = 0; n < (size_t)(*rng >> 56) % 48; n++) {
            out[n] = (char)(*rng >> (n % 56));
        }
        out[n] = '\0';
        return n;
    }
    members = (*rng >> 8) % 5;
    n += (size_t)snprintf(out + n, cap - n, "{");
    for (size_t k = 0; k < members && n < cap - 64; k++) {
        *rng = *rng * 6364136223846793005ull + 1442695040888963407ull;
        n += (size_t)snprintf(out + n, cap - n, "%s\"%s\":%s", k ? "," : "",
                              names[(*rng >> 20) % 15], values[(*rng >> 40) % 14]);
    }
    n += (size_t)snprintf(out + n, cap - n, (*rng & 1) ? "}" : "");
    return n;
}

static void
http_malformed_requests_never_get_5xx(void **state)
{
    static const char *const methods[] = { "GET", "POST", "DELETE", "PATCH", "PUT" };
    static const char *const odd_paths[] = { "/api/v1/persons/", "/api/v1/persons/%00",
                                             "/api/v1//persons", "/api/v1/agencies/../session",
                                             "/api/v1/links/%ff%fe/status" };
    size_t n_routes = 0;
    uint64_t rng = 12345;
    struct signed_in s;
    struct reply r;

    (void)state;
    while (srv_route_names[n_routes] != NULL) {
        n_routes++;
    }
    sign_in("ctp.analyst", &s);
    for (int i = 0; i < 2000; i++) {
        char body[512], path[160];
        const char *h[6] = { "Content-Type: application/json", NULL, NULL, NULL, NULL, NULL };
        const char *route = srv_route_names[(rng >> 28) % n_routes];
        size_t n = random_body(&rng, body, sizeof body);
        char *brace;

        /* every route, its {id} replaced by junk, or an odd path */
        if ((rng >> 12) % 8 == 0) {
            snprintf(path, sizeof path, "%s", odd_paths[(rng >> 16) % 5]);
        } else {
            snprintf(path, sizeof path, "%s", strchr(route, ' ') + 1);
            while ((brace = strstr(path, "{id}")) != NULL) {
                memcpy(brace, (rng & 0x400) ? "ZZZZ" : "%20%", 4);
            }
        }
        if (rng & 0x100) {
            h[1] = s.cookie;
            h[2] = s.csrf;
        }
        if (rng & 0x200) {
            h[3] = "Accord-Purpose: fuzz";
        }
        if (rng & 0x800) {
            h[4] = (rng & 0x1000) ? "If-Match: \"1\"" : "If-Match: W/\"x\"";
        }
        http(NULL, methods[(rng >> 20) % 5], path, h, body, n, &r);
    }
    http("GET /healthz", "GET", "/healthz", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
}

/* Statistics over real HTTP (issue 21.2): the oversight auditor gets a table whose every
 * cell is a count of 0 or 5 and more, "<5" or "[c]", as JSON, CSV and SVG; a retailer is
 * refused; a day that is not a day is a 400 naming the field. */
static void
http_statistics_are_suppressed_and_not_for_retailers(void **state)
{
    struct signed_in auditor, retailer;
    struct reply r;
    json_t *t, *row, *cell;
    size_t i, j;

    (void)state;
    sign_in("oversight.auditor", &auditor);
    sign_in("retail.reporter", &retailer);
    {
        const char *h[] = { auditor.cookie, NULL };

        http("GET /api/v1/statistics/{table}", "GET", "/api/v1/statistics/alerts", h, NULL, 0, &r);
        assert_int_equal(r.status, 200);
        t = json_loads(r.body, 0, NULL);
        assert_non_null(t);
        assert_string_equal(json_string_value(json_object_get(t, "table")), "alerts");
        json_array_foreach(json_object_get(t, "cells"), i, row)
        {
            json_array_foreach(row, j, cell)
            {
                const char *c = json_string_value(cell);

                assert_non_null(c);
                assert_true(strcmp(c, "<5") == 0 || strcmp(c, "[c]") == 0 || atoi(c) == 0 ||
                            atoi(c) >= 5);
            }
        }
        json_decref(t);
        http("GET /api/v1/statistics/{table}", "GET",
             "/api/v1/statistics/alerts?format=csv&round=true", h, NULL, 0, &r);
        assert_int_equal(r.status, 200);
        assert_int_equal(strncmp(r.body, "priority,within_1_hour,", 23), 0);
        http("GET /api/v1/statistics/{table}", "GET", "/api/v1/statistics/reports?format=svg", h,
             NULL, 0, &r);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.headers, "image/svg+xml"));
        assert_int_equal(strncmp(r.body, "<svg ", 5), 0);
        http("GET /api/v1/statistics/{table}", "GET", "/api/v1/statistics/alerts?from=2026-13-01",
             h, NULL, 0, &r);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body, "from: not a day"));
    }
    {
        const char *h[] = { retailer.cookie, NULL };

        http("GET /api/v1/statistics/{table}", "GET", "/api/v1/statistics/reports", h, NULL, 0, &r);
        assert_int_equal(r.status, 403);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_routes_and_openapi_agree),
        cmocka_unit_test(http_health_and_openapi_are_served),
        cmocka_unit_test(http_sign_in_sets_a_safe_cookie),
        cmocka_unit_test(http_reads_need_sign_in_and_purpose_and_hide_other_agencies),
        cmocka_unit_test(http_bad_requests_get_clear_4xx),
        cmocka_unit_test(http_sessions_expire_when_idle_and_at_their_limit),
        cmocka_unit_test(http_sign_out_needs_the_csrf_token),
        cmocka_unit_test(http_api_tokens_are_scoped_and_revocable),
        cmocka_unit_test(http_items_and_disclosures_round_trip),
        cmocka_unit_test(http_statistics_are_suppressed_and_not_for_retailers),
        cmocka_unit_test(http_totp_enrolment_over_the_api),
        cmocka_unit_test(http_slow_clients_do_not_starve_others),
        cmocka_unit_test(http_rate_limit_answers_429),
        cmocka_unit_test(http_malformed_requests_never_get_5xx),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
