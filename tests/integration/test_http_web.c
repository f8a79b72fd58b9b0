/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_web.c - the web application's files at / (server/static.c) and the session
 * the application's shell reads (GET /api/v1/session), over real loopback HTTP.  The web
 * root is a directory this test writes, so the test needs no Node.js build.
 */
#include "http_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[64];

static void
write_file(const char *name, const char *text)
{
    char path[160];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", root, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int
web_setup(void **state)
{
    char assets[96];

    snprintf(root, sizeof root, "/tmp/accord-web-%d", (int)getpid());
    snprintf(assets, sizeof assets, "%s/assets", root);
    assert_int_equal(mkdir(root, 0700), 0);
    assert_int_equal(mkdir(assets, 0700), 0);
    write_file("index.html", "<!DOCTYPE html><title>accord</title>");
    write_file("assets/app-0123456789ab.js", "console.log('plain');");
    write_file("assets/app-0123456789ab.js.gz", "pretend-gzip");
    write_file("assets/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    write_file("secret.txt", "outside assets");
    http_web_root = root;
    return http_setup(state);
}

static int
web_teardown(void **state)
{
    char cmd[96];
    int rc = http_teardown(state);

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
    return rc;
}

static bool
has_header(const struct reply *r, const char *line)
{
    return strstr(r->headers, line) != NULL;
}

static void
assert_usual_headers(const struct reply *r)
{
    assert_true(has_header(r,
                           "Content-Security-Policy: default-src 'self'; script-src 'self'; "
                           "style-src 'self'; img-src 'self' data:; frame-ancestors 'none'\r\n"));
    assert_true(has_header(r, "X-Content-Type-Options: nosniff\r\n"));
    assert_true(has_header(r, "Referrer-Policy: no-referrer\r\n"));
}

/* / and every application page (no '.' in the last segment) are index.html, revalidated. */
static void
web_pages_are_index_html(void **state)
{
    static const char *const pages[] = { "/", "/sign-in", "/cases/01ABC/timeline" };
    struct reply r;

    (void)state;
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        http(NULL, "GET", pages[i], NULL, NULL, 0, &r);
        assert_int_equal(r.status, 200);
        assert_string_equal(r.body, "<!DOCTYPE html><title>accord</title>");
        assert_true(has_header(&r, "Content-Type: text/html; charset=utf-8\r\n"));
        assert_true(has_header(&r, "Cache-Control: no-cache\r\n"));
        assert_usual_headers(&r);
    }
}

/* A hashed asset is cached for a year; its .gz goes to a client that accepts gzip. */
static void
web_assets_have_types_caching_and_gzip(void **state)
{
    const char *gzip[] = { "Accept-Encoding: br, gzip", NULL };
    struct reply r;

    (void)state;
    http(NULL, "GET", "/assets/app-0123456789ab.js", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "console.log('plain');");
    assert_true(has_header(&r, "Content-Type: text/javascript; charset=utf-8\r\n"));
    assert_true(has_header(&r, "Cache-Control: public, max-age=31536000, immutable\r\n"));
    assert_true(has_header(&r, "Vary: Accept-Encoding\r\n"));
    assert_false(has_header(&r, "Content-Encoding"));
    assert_usual_headers(&r);
    http(NULL, "GET", "/assets/app-0123456789ab.js", gzip, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "pretend-gzip");
    assert_true(has_header(&r, "Content-Encoding: gzip\r\n"));
    /* no .gz beside it: the file itself; an unhashed name is revalidated */
    http(NULL, "GET", "/assets/logo.svg", gzip, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_true(has_header(&r, "Content-Type: image/svg+xml\r\n"));
    assert_true(has_header(&r, "Cache-Control: no-cache\r\n"));
    assert_false(has_header(&r, "Content-Encoding"));
}

/* Attack: reach a file outside the web root, or a hidden one, by the path. */
static void
web_path_traversal_is_refused(void **state)
{
    static const char *const bad[] = {
        "/assets/../../../../etc/passwd", "/../etc/passwd",     "/assets/%2e%2e/secret.txt",
        "/assets//app-0123456789ab.js",   "/.git/config",       "/assets/.hidden.js",
        "/assets/app-0123456789ab.js.gz", "/assets/missing.js", "/assets\\..\\secret.txt",
    };
    struct reply r;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        http(NULL, "GET", bad[i], NULL, NULL, 0, &r);
        if (r.status != 404) {
            print_message("%s answered %ld\n", bad[i], r.status);
        }
        assert_int_equal(r.status, 404);
        assert_null(strstr(r.body, "root:"));
        assert_usual_headers(&r);
    }
}

/* /api/ paths never fall back to the application: an unknown one is the API's JSON 404;
 * a known one with another method stays 405. */
static void
web_api_paths_keep_their_json_404(void **state)
{
    struct reply r;

    (void)state;
    http(NULL, "GET", "/api/v1/no-such-thing", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 404);
    assert_true(has_header(&r, "Content-Type: application/problem+json"));
    assert_non_null(strstr(r.body, "\"code\":\"not_found\""));
    http(NULL, "GET", "/api", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 404);
    assert_non_null(strstr(r.body, "\"code\":\"not_found\""));
    http(NULL, "POST", "/sign-in", NULL, "{}", 2, &r);
    assert_int_equal(r.status, 404); /* the application's pages are GET only */
}

/* The shell's session: who, for whom, as what, until when, and the CSRF token. */
static void
web_session_tells_the_shell_who_is_signed_in(void **state)
{
    struct signed_in s;
    struct reply r;
    json_t *o;

    (void)state;
    http("GET /api/v1/session", "GET", "/api/v1/session", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 401);
    sign_in("ctp.duty", &s);
    get("GET /api/v1/session", &s, "/api/v1/session", &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "username")), "ctp.duty");
    assert_non_null(json_string_value(json_object_get(o, "display_name")));
    assert_string_equal(json_string_value(json_object_get(json_object_get(o, "agency"), "kind")),
                        "ct_policing");
    assert_non_null(json_string_value(json_object_get(json_object_get(o, "agency"), "name")));
    assert_string_equal(json_string_value(json_array_get(json_object_get(o, "roles"), 0)),
                        "duty_officer");
    assert_non_null(json_string_value(json_object_get(o, "clearance")));
    assert_int_equal(json_integer_value(json_object_get(o, "idle_seconds")), 30 * 60);
    assert_non_null(json_string_value(json_object_get(o, "expires_at")));
    /* the same CSRF token as sign-in gave (s.csrf is "X-CSRF-Token: TOKEN") */
    assert_string_equal(json_string_value(json_object_get(o, "csrf_token")), s.csrf + 14);
    json_decref(o);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(web_pages_are_index_html),
        cmocka_unit_test(web_assets_have_types_caching_and_gzip),
        cmocka_unit_test(web_path_traversal_is_refused),
        cmocka_unit_test(web_api_paths_keep_their_json_404),
        cmocka_unit_test(web_session_tells_the_shell_who_is_signed_in),
    };

    return cmocka_run_group_tests(tests, web_setup, web_teardown);
}
