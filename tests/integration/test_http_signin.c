/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_signin.c - the attacks on signing in (issue 13), over real loopback HTTP:
 * telling real accounts from unknown ones, locking someone else out, slowing everyone
 * with a flood of bad sign-ins, forging a CSRF token, framing the pages, reading /metrics
 * from elsewhere, and putting one's own second factor on a stolen session.  A second
 * client address is 127.0.0.2 (every 127/8 address is this machine's loopback).
 */
#include "http_client.h"

#include <curl/curl.h>
#include <liboath/oath.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "accord/session.h"
#include "server.h"

static const char *const json_header[] = { "Content-Type: application/json", NULL };

static size_t
keep(char *p, size_t size, size_t n, void *ctx)
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
keep_header(char *p, size_t size, size_t n, void *ctx)
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

/* A request from the source address FROM ("127.0.0.2"), to URL_BASE + PATH. */
static void
http_from(const char *from,
          const char *url_base,
          const char *method,
          const char *path,
          const char *const *headers,
          const char *body,
          struct reply *r)
{
    CURL *c = curl_easy_init();
    struct curl_slist *h = NULL;
    char url[512];

    memset(r, 0, sizeof *r);
    snprintf(url, sizeof url, "%s%s", url_base, path);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_INTERFACE, from);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, keep_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    if (body != NULL) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    }
    for (size_t i = 0; headers != NULL && headers[i] != NULL; i++) {
        h = curl_slist_append(h, headers[i]);
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
}

/* POST /api/v1/session from FROM; the reply in R (its status documented). */
static void
sign_in_from(const char *from, const char *user, const char *password, struct reply *r)
{
    char body[256];

    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", user, password);
    http_from(from, base, "POST", "/api/v1/session", json_header, body, r);
    if (!documented("POST /api/v1/session", r->status)) {
        print_message("POST /api/v1/session answered %ld, undocumented\n", r->status);
        fail();
    }
}

/* The "detail" of a problem reply, into OUT. */
static void
detail_of(const struct reply *r, char *out, size_t cap)
{
    member_of(r, "detail", out, cap);
}

/* Attack: probe which usernames are real by what the fifth and sixth failures say. */
static void
signin_unknown_and_real_accounts_answer_alike(void **state)
{
    struct reply real, unknown;
    char d_real[256], d_unknown[256];

    (void)state;
    for (int i = 0; i < AC_SIGN_IN_ATTEMPTS; i++) {
        sign_in_from("127.0.0.1", "council.chair", "not the password", &real);
        sign_in_from("127.0.0.1", "no.such.user", "not the password", &unknown);
        assert_int_equal(real.status, 401);
        assert_int_equal(unknown.status, 401);
        detail_of(&real, d_real, sizeof d_real);
        detail_of(&unknown, d_unknown, sizeof d_unknown);
        assert_string_equal(d_real, d_unknown);
        assert_null(strstr(d_real, "locked"));
    }
    /* the next attempt waits, alike: even the right password is not checked */
    sign_in_from("127.0.0.1", "council.chair", PASSWORD, &real);
    sign_in_from("127.0.0.1", "no.such.user", PASSWORD, &unknown);
    assert_int_equal(real.status, 429);
    assert_int_equal(unknown.status, 429);
    detail_of(&real, d_real, sizeof d_real);
    detail_of(&unknown, d_unknown, sizeof d_unknown);
    assert_string_equal(d_real, d_unknown);
    /* it says what ends the lock: the wait, or an administrator's unlock (issue 14, point 10) */
    assert_non_null(strstr(d_real, "wait 30 s and try again"));
    assert_non_null(strstr(d_real, "accord user unlock USERNAME"));
    assert_non_null(strstr(real.headers, "Retry-After: 30"));
    assert_non_null(strstr(unknown.headers, "Retry-After: 30"));
}

/* Attack: a stranger fails on purpose, again and again, to lock the owner out. */
static void
signin_a_stranger_cannot_lock_the_owner_out(void **state)
{
    struct reply r;

    (void)state;
    for (int i = 0; i < 3 * AC_SIGN_IN_ATTEMPTS; i++) {
        sign_in_from("127.0.0.2", "ctp.caseworker", "guess guess guess", &r);
        assert_true(r.status == 401 || r.status == 429);
    }
    assert_int_equal(r.status, 429);
    /* the owner, at their own address, signs in at once */
    sign_in_from("127.0.0.1", "ctp.caseworker", PASSWORD, &r);
    assert_int_equal(r.status, 201);
}

/* The delay doubles after each further failure, and ends. */
static void
signin_delay_doubles_then_lets_the_right_password_in(void **state)
{
    struct reply r;

    (void)state;
    for (int i = 0; i < AC_SIGN_IN_ATTEMPTS; i++) {
        sign_in_from("127.0.0.1", "ctp.duty", "guess guess guess", &r);
        assert_int_equal(r.status, 401);
    }
    sign_in_from("127.0.0.1", "ctp.duty", PASSWORD, &r);
    assert_int_equal(r.status, 429);
    clock_offset_ms += (AC_SIGN_IN_DELAY_SECONDS + 1) * 1000LL;
    sign_in_from("127.0.0.1", "ctp.duty", "guess guess guess", &r);
    assert_int_equal(r.status, 401);
    sign_in_from("127.0.0.1", "ctp.duty", PASSWORD, &r);
    assert_int_equal(r.status, 429);
    assert_non_null(strstr(r.headers, "Retry-After: 60"));
    clock_offset_ms += (2 * AC_SIGN_IN_DELAY_SECONDS + 1) * 1000LL;
    sign_in_from("127.0.0.1", "ctp.duty", PASSWORD, &r);
    assert_int_equal(r.status, 201);
    clock_offset_ms = 0;
}

/* Attack: guess the CSRF token (a same-length near miss, a prefix, an empty one). */
static void
signin_csrf_tokens_must_match_exactly(void **state)
{
    struct signed_in s;
    struct reply r;
    char wrong[80];
    const char *h[] = { NULL, NULL, "Content-Type: application/json", NULL };

    (void)state;
    sign_in("ss.analyst", &s);
    h[0] = s.cookie;
    snprintf(wrong, sizeof wrong, "%s", s.csrf);
    wrong[strlen(wrong) - 1] = wrong[strlen(wrong) - 1] == 'a' ? 'b' : 'a';
    h[1] = wrong;
    http("DELETE /api/v1/session", "DELETE", "/api/v1/session", h, NULL, 0, &r);
    assert_int_equal(r.status, 403);
    wrong[strlen(wrong) - 1] = '\0';
    http("DELETE /api/v1/session", "DELETE", "/api/v1/session", h, NULL, 0, &r);
    assert_int_equal(r.status, 403);
    h[1] = "X-CSRF-Token: ";
    http("DELETE /api/v1/session", "DELETE", "/api/v1/session", h, NULL, 0, &r);
    assert_int_equal(r.status, 403);
    h[1] = s.csrf;
    http("DELETE /api/v1/session", "DELETE", "/api/v1/session", h, NULL, 0, &r);
    assert_int_equal(r.status, 204);
}

static void
assert_framing_headers(const struct reply *r)
{
    assert_non_null(strstr(r->headers,
                           "Content-Security-Policy: default-src 'self'; script-src 'self'; "
                           "style-src 'self'; img-src 'self' data:; frame-ancestors 'none'\r\n"));
    assert_non_null(strstr(r->headers, "X-Frame-Options: DENY\r\n"));
}

/* Attack: frame the hub in another site (clickjacking), or inject script. */
static void
signin_every_response_forbids_framing_and_foreign_script(void **state)
{
    struct reply r;

    (void)state;
    http("GET /healthz", "GET", "/healthz", NULL, NULL, 0, &r);
    assert_framing_headers(&r);
    assert_null(strstr(r.headers, "Strict-Transport-Security")); /* plain HTTP: no HSTS */
    http(NULL, "GET", "/no/such/page", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 404);
    assert_framing_headers(&r);
    sign_in_from("127.0.0.1", "probation.officer", "wrong password", &r);
    assert_framing_headers(&r);
}

/* Under TLS, browsers are told to use nothing else for a year. */
static void
signin_tls_responses_carry_hsts(void **state)
{
    char cert[128], key[128], cmd[512], tls_base[64];
    struct srv_config sc;
    struct srv *tls = NULL;
    ac_error err = { 0 };
    struct reply r;

    (void)state;
    snprintf(cert, sizeof cert, "/tmp/accord-signin-%d-cert.pem", (int)getpid());
    snprintf(key, sizeof key, "/tmp/accord-signin-%d-key.pem", (int)getpid());
    snprintf(cmd, sizeof cmd,
             "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
             "-keyout %s -out %s -days 2 -subj /CN=localhost >/dev/null 2>&1",
             key, cert);
    assert_int_equal(system(cmd), 0);
    memset(&sc, 0, sizeof sc);
    sc.db_path = db_path;
    sc.host = "127.0.0.1";
    sc.tls_cert = cert;
    sc.tls_key = key;
    sc.threads = 2;
    assert_int_equal(srv_start(&sc, &tls, &err), 0);
    snprintf(tls_base, sizeof tls_base, "https://127.0.0.1:%u", (unsigned)srv_port(tls));
    http_from("127.0.0.1", tls_base, "GET", "/healthz", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.headers, "Strict-Transport-Security: max-age=31536000\r\n"));
    assert_framing_headers(&r);
    srv_stop(tls);
    unlink(cert);
    unlink(key);
}

/* An API token for USER with SCOPES ("Authorization: Bearer ..."), through the hub. */
static void
token_for(const char *user, const char *scopes, char *header, size_t cap)
{
    ac_hub_config *cfg = ac_hub_config_new();
    ac_hub *hub = NULL;
    ac_arena *a = ac_arena_new(0);
    const ac_actor *admin = NULL;
    const char *id = NULL, *secret = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_hub_config_set_db_path(cfg, db_path, &err), AC_OK);
    assert_int_equal(ac_hub_open(cfg, &hub, &err), AC_OK);
    assert_int_equal(ac_hub_actor(hub, "admin", a, &admin, &err), AC_OK);
    assert_int_equal(ac_token_create(hub, admin, "signin test", user, scopes,
                                     "2027-06-01T00:00:00Z", a, &id, &secret, &err),
                     AC_OK);
    snprintf(header, cap, "Authorization: Bearer %s", secret);
    ac_hub_close(hub);
    ac_hub_config_free(cfg);
    ac_arena_free(a);
}

/* Attack: read the traffic counters (who uses which route, how often) from elsewhere. */
static void
signin_metrics_only_from_loopback_or_with_the_scope(void **state)
{
    struct signed_in s;
    char with_scope[160], without[160];
    const char *h[] = { NULL, NULL };
    struct reply r;

    (void)state;
    http_from("127.0.0.1", base, "GET", "/metrics", NULL, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "accord_http_requests_total"));
    http_from("127.0.0.2", base, "GET", "/metrics", NULL, NULL, &r);
    assert_int_equal(r.status, 401);
    assert_null(strstr(r.body, "accord_http_requests_total"));
    /* a person's session cookie is not enough */
    sign_in("oversight.auditor", &s);
    h[0] = s.cookie;
    http_from("127.0.0.2", base, "GET", "/metrics", h, NULL, &r);
    assert_int_equal(r.status, 401);
    token_for("admin", "agencies:read", without, sizeof without);
    h[0] = without;
    http_from("127.0.0.2", base, "GET", "/metrics", h, NULL, &r);
    assert_int_equal(r.status, 403);
    token_for("admin", "metrics:read", with_scope, sizeof with_scope);
    h[0] = with_scope;
    http_from("127.0.0.2", base, "GET", "/metrics", h, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "accord_http_requests_total"));
    assert_true(documented("GET /metrics", 401) && documented("GET /metrics", 403));
}

static void
code_for(const char *reply_body, time_t at, char code[7])
{
    const char *p = strstr(reply_body, "\"secret\":\"");
    char b32[64], *raw = NULL;
    size_t raw_len = 0;

    assert_non_null(p);
    snprintf(b32, sizeof b32, "%.32s", p + 10);
    assert_int_equal(oath_init(), OATH_OK);
    assert_int_equal(oath_base32_decode(b32, strlen(b32), &raw, &raw_len), OATH_OK);
    assert_int_equal(oath_totp_generate(raw, raw_len, at, 30, 0, 6, code), OATH_OK);
    free(raw);
}

/* Attack: with a stolen session cookie, put one's own authenticator on the account. */
static void
signin_a_stolen_session_cannot_change_the_second_factor(void **state)
{
    struct signed_in s;
    struct reply r;
    char first[1 << 16], code[7], body[160];

    (void)state;
    sign_in("council.prevent", &s);
    post("POST /api/v1/totp", &s, "/api/v1/totp", "{}", &r);
    assert_int_equal(r.status, 400);
    post("POST /api/v1/totp", &s, "/api/v1/totp", "{\"password\":\"a guess at it\"}", &r);
    assert_int_equal(r.status, 403);
    post("POST /api/v1/totp", &s, "/api/v1/totp", "{\"password\":\"" PASSWORD "\"}", &r);
    assert_int_equal(r.status, 201);
    snprintf(first, sizeof first, "%s", r.body);
    code_for(first, time(NULL), code);
    snprintf(body, sizeof body, "{\"code\":\"%s\"}", code);
    post("POST /api/v1/totp/confirm", &s, "/api/v1/totp/confirm", body, &r);
    assert_int_equal(r.status, 204);
    /* a factor is on: the password alone does not replace it */
    post("POST /api/v1/totp", &s, "/api/v1/totp", "{\"password\":\"" PASSWORD "\"}", &r);
    assert_int_equal(r.status, 403);
    assert_non_null(strstr(r.body, "one-time code"));
    /* the password and the current code (of the next step: the last one is used) do */
    code_for(first, time(NULL) + 30, code);
    clock_offset_ms = 30000;
    snprintf(body, sizeof body, "{\"password\":\"" PASSWORD "\",\"code\":\"%s\"}", code);
    post("POST /api/v1/totp", &s, "/api/v1/totp", body, &r);
    clock_offset_ms = 0;
    assert_int_equal(r.status, 201);
}

/* ---- a flood of bad sign-ins does not hold up signed-in users ---- */

struct flood {
    const char *url_base;
    _Atomic int stop;
    _Atomic long sent;
};

static void *
flood_run(void *arg)
{
    struct flood *f = arg;
    char body[160];
    struct reply *r = malloc(sizeof *r);
    unsigned n = 0;

    while (!f->stop) {
        /* a new unknown username each time: never delayed, always a full hash check */
        snprintf(body, sizeof body,
                 "{\"username\":\"flood.%lx.%u\",\"password\":\"wrong password\"}",
                 (unsigned long)pthread_self(), n++);
        http_from("127.0.0.2", f->url_base, "POST", "/api/v1/session", json_header, body, r);
        f->sent++;
    }
    free(r);
    return NULL;
}

static double
ms_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
by_value(const void *p, const void *q)
{
    double a = *(const double *)p, b = *(const double *)q;

    return (a > b) - (a < b);
}

/* The median of N authorised GETs, in ms. */
static double
median_get(const char *url_base, const char *cookie, int n)
{
    const char *h[] = { cookie, NULL };
    double t[64];
    struct reply *r = malloc(sizeof *r);

    for (int i = 0; i < n; i++) {
        double t0 = ms_now();

        http_from("127.0.0.1", url_base, "GET", "/api/v1/agencies", h, NULL, r);
        t[i] = ms_now() - t0;
        assert_int_equal(r->status, 200);
    }
    free(r);
    qsort(t, (size_t)n, sizeof t[0], by_value);
    return t[n / 2];
}

static void
signin_a_flood_of_bad_sign_ins_does_not_slow_others(void **state)
{
    struct srv_config sc;
    struct srv *big = NULL;
    ac_error err = { 0 };
    char big_base[64], cookie[160];
    struct flood f = { big_base, 0, 0 };
    pthread_t th[8];
    struct reply r;
    const char *tok;
    double quiet, flooded;

    (void)state;
    memset(&sc, 0, sizeof sc);
    sc.db_path = db_path;
    sc.host = "127.0.0.1";
    sc.threads = 16; /* room for the flood and the users */
    assert_int_equal(srv_start(&sc, &big, &err), 0);
    snprintf(big_base, sizeof big_base, "http://127.0.0.1:%u", (unsigned)srv_port(big));
    http_from("127.0.0.1", big_base, "POST", "/api/v1/session", json_header,
              "{\"username\":\"ctp.analyst\",\"password\":\"" PASSWORD "\"}", &r);
    assert_int_equal(r.status, 201);
    tok = strstr(r.headers, "accord_session=");
    assert_non_null(tok);
    snprintf(cookie, sizeof cookie, "Cookie: accord_session=%.64s", tok + 15);
    quiet = median_get(big_base, cookie, 21);
    for (int i = 0; i < 8; i++) {
        assert_int_equal(pthread_create(&th[i], NULL, flood_run, &f), 0);
    }
    usleep(500 * 1000);
    flooded = median_get(big_base, cookie, 21);
    f.stop = 1;
    for (int i = 0; i < 8; i++) {
        pthread_join(th[i], NULL);
    }
    srv_stop(big);
    print_message("# authorised GET median: %.1f ms quiet, %.1f ms under 8 connections of bad "
                  "sign-ins (%ld sent)\n",
                  quiet, flooded, (long)f.sent);
    /* before issue 13 the flood took it to 1.6 s (ASan build; the hash ran on the writer) */
    assert_true(flooded < 400.0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(signin_unknown_and_real_accounts_answer_alike),
        cmocka_unit_test(signin_a_stranger_cannot_lock_the_owner_out),
        cmocka_unit_test(signin_delay_doubles_then_lets_the_right_password_in),
        cmocka_unit_test(signin_csrf_tokens_must_match_exactly),
        cmocka_unit_test(signin_every_response_forbids_framing_and_foreign_script),
        cmocka_unit_test(signin_tls_responses_carry_hsts),
        cmocka_unit_test(signin_metrics_only_from_loopback_or_with_the_scope),
        cmocka_unit_test(signin_a_stolen_session_cannot_change_the_second_factor),
        cmocka_unit_test(signin_a_flood_of_bad_sign_ins_does_not_slow_others),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
