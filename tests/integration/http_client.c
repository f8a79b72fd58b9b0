/* SPDX-License-Identifier: Apache-2.0
 *
 * http_client.c - the HTTP tests' client side (http_client.h).
 */
#include "http_client.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http_int.h"
#include "server.h"
#include "support.h"

struct srv *server;
char base[64];
char db_path[128];
json_t *openapi;
_Atomic int64_t clock_offset_ms;

static int64_t
test_clock(void *ctx)
{
    struct timespec ts;

    (void)ctx;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + clock_offset_ms;
}

static size_t
on_body(char *p, size_t size, size_t n, void *ctx)
{
    struct reply *r = ctx;
    size_t k = size * n;

    if (r->len + k < sizeof r->body) {
        memcpy(r->body + r->len, p, k);
        r->len += k;
        r->body[r->len] = '\0';
    }
    return k;
}

static size_t
on_header(char *p, size_t size, size_t n, void *ctx)
{
    struct reply *r = ctx;
    size_t k = size * n;

    if (r->hlen + k < sizeof r->headers) {
        memcpy(r->headers + r->hlen, p, k);
        r->hlen += k;
        r->headers[r->hlen] = '\0';
    }
    return k;
}

bool
documented(const char *route, long status)
{
    char method[16], path[128], code[8];
    json_t *op;

    if (sscanf(route, "%15s %127s", method, path) != 2) {
        return false;
    }
    for (char *m = method; *m; m++) {
        *m = (char)(*m - 'A' + 'a');
    }
    snprintf(code, sizeof code, "%ld", status);
    op = json_object_get(json_object_get(json_object_get(openapi, "paths"), path), method);
    return json_object_get(json_object_get(op, "responses"), code) != NULL;
}

void
http(const char *route,
     const char *method,
     const char *url_path,
     const char *const *headers,
     const char *body,
     size_t body_len,
     struct reply *r)
{
    CURL *c = curl_easy_init();
    struct curl_slist *h = NULL;
    char url[512];

    memset(r, 0, sizeof *r);
    snprintf(url, sizeof url, "%s%s", base, url_path);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L); /* "/../" reaches the server as sent */
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    if (body != NULL) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)body_len);
    }
    for (size_t i = 0; headers != NULL && headers[i] != NULL; i++) {
        h = curl_slist_append(h, headers[i]);
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    assert_true(r->status < 500);
    if (route != NULL && !documented(route, r->status)) {
        print_message("%s answered %ld, which docs/openapi.json does not list\n", route, r->status);
        fail();
    }
}

void
sign_in(const char *user, struct signed_in *s)
{
    const char *h[] = { "Content-Type: application/json", NULL };
    char body[256];
    struct reply r;
    const char *tok, *csrf;

    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", user, PASSWORD);
    http("POST /api/v1/session", "POST", "/api/v1/session", h, body, strlen(body), &r);
    assert_int_equal(r.status, 201);
    tok = strstr(r.headers, "accord_session=");
    csrf = strstr(r.body, "\"csrf_token\":\"");
    assert_non_null(tok);
    assert_non_null(csrf);
    snprintf(s->cookie, sizeof s->cookie, "Cookie: accord_session=%.64s", tok + 15);
    snprintf(s->csrf, sizeof s->csrf, "X-CSRF-Token: %.32s", csrf + 14);
    snprintf(s->purpose, sizeof s->purpose, "Accord-Purpose: http test");
}

const char *http_web_root;

int
http_setup(void **state)
{
    ac_hub_config *cfg = ac_hub_config_new();
    ac_hub *hub = NULL;
    ac_demo_options o = { 9, 200, 12, PASSWORD, NULL, NULL, 0, true }; /* no work in flight */
    ac_demo_result res;
    ac_error err = { 0 };
    struct srv_config sc;
    json_error_t jerr;

    (void)state;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    snprintf(db_path, sizeof db_path, "/tmp/accord-http-%d.db", (int)getpid());
    unlink(db_path);
    assert_int_equal(ac_hub_config_set_db_path(cfg, db_path, &err), AC_OK);
    ac_hub_config_set_create(cfg, 1);
    assert_int_equal(ac_hub_open(cfg, &hub, &err), AC_OK);
    assert_int_equal(ac_demo_build(hub, &o, &res, &err), AC_OK);
    ac_hub_close(hub);
    ac_hub_config_free(cfg);
    memset(&sc, 0, sizeof sc);
    sc.db_path = db_path;
    sc.host = "127.0.0.1";
    sc.port = 0;
    sc.openapi_path = ACCORD_SOURCE_ROOT "/docs/openapi.json";
    sc.threads = 2;
    sc.clock = test_clock;
    sc.web_root = http_web_root;
    sc.streams.per_user = 3;       /* test_http_stream reaches the bound */
    sc.streams.heartbeat_ms = 300; /* and waits for a heartbeat */
    assert_int_equal(srv_start(&sc, &server, &err), 0);
    snprintf(base, sizeof base, "http://127.0.0.1:%u", (unsigned)srv_port(server));
    openapi = json_load_file(sc.openapi_path, 0, &jerr);
    assert_non_null(openapi);
    return 0;
}

int
http_teardown(void **state)
{
    (void)state;
    srv_stop(server);
    json_decref(openapi);
    curl_global_cleanup();
    test_unlink_db(db_path);
    return 0;
}

void
post(const char *route, struct signed_in *s, const char *path, const char *json, struct reply *r)
{
    const char *h[] = { s->cookie, s->csrf, s->purpose, "Content-Type: application/json", NULL };

    http(route, "POST", path, h, json, json != NULL ? strlen(json) : 0, r);
}

void
created_id(const struct reply *r, char *id, size_t cap)
{
    const char *at = strstr(r->body, "\"id\":\"");

    assert_int_equal(r->status, 201);
    assert_non_null(at);
    snprintf(id, cap, "%.26s", at + 6);
}

void
get(const char *route, const struct signed_in *s, const char *path, struct reply *r)
{
    const char *h[] = { s->cookie, s->purpose, NULL };

    http(route, "GET", path, h, NULL, 0, r);
}

void
member_of(const struct reply *r, const char *name, char *out, size_t cap)
{
    json_t *o = json_loads(r->body, 0, NULL);
    const char *v = json_string_value(json_object_get(o, name));

    assert_non_null(v);
    snprintf(out, cap, "%s", v);
    json_decref(o);
}

void
member_of_named(const struct reply *r, const char *name, char *out, size_t cap)
{
    json_t *body = json_loads(r->body, 0, NULL), *list = NULL, *v;
    const char *key;
    size_t i;
    bool found = false;

    assert_non_null(body);
    json_object_foreach(body, key, v)
    {
        if (json_is_array(v)) {
            list = v;
        }
    }
    assert_non_null(list);
    json_array_foreach(list, i, v)
    {
        const char *n = json_string_value(json_object_get(v, "name"));
        const char *u = json_string_value(json_object_get(v, "username"));

        if (!found &&
            ((n != NULL && strcmp(n, name) == 0) || (u != NULL && strcmp(u, name) == 0))) {
            snprintf(out, cap, "%s", json_string_value(json_object_get(v, "id")));
            found = true;
        }
    }
    json_decref(body);
    assert_true(found);
}

void
enrol_with_answer(const struct reply *r, const char *username, const char *password)
{
    char code[64], body[256];
    const char *h[] = { "Content-Type: application/json", NULL };
    struct reply e;

    member_of(r, "enrolment_code", code, sizeof code);
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"code\":\"%s\",\"password\":\"%s\"}",
             username, code, password);
    http("POST /api/v1/enrolment", "POST", "/api/v1/enrolment", h, body, strlen(body), &e);
    assert_int_equal(e.status, 204);
    http("POST /api/v1/enrolment", "POST", "/api/v1/enrolment", h, body, strlen(body), &e);
    assert_int_equal(e.status, 401); /* a code works once */
}

void
add_enrolled_user(struct signed_in *maker,
                  struct signed_in *approver,
                  const char *name,
                  const char *agency,
                  const char *roles,
                  const char *password)
{
    char body[400], grant[32], path[120];
    struct reply r;

    snprintf(body, sizeof body,
             "{\"username\":\"%s\",\"display_name\":\"%s\",\"agency_id\":\"%s\","
             "\"vetting\":\"dv\",\"roles\":\"%s\"}",
             name, name, agency, roles);
    post("POST /api/v1/users", maker, "/api/v1/users", body, &r);
    assert_int_equal(r.status, 201);
    enrol_with_answer(&r, name, password);
    get("GET /api/v1/grants", approver, "/api/v1/grants", &r);
    assert_int_equal(r.status, 200);
    member_of_named(&r, name, grant, sizeof grant);
    snprintf(path, sizeof path, "/api/v1/grants/%s/approve", grant);
    post("POST /api/v1/grants/{id}/approve", approver, path, NULL, &r);
    assert_int_equal(r.status, 204);
}
