/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_accounts.c - issue 13's account safeguards over real HTTP on loopback: an
 * administrator of the account suspends it and its sessions and API tokens stop at once;
 * another agency's administrator cannot suspend or unlock it; nobody suspends themselves;
 * reactivating a user whose grant waits is refused (the two-person rule holds); the token
 * list shows one's own tokens and never another person's, nor any secret; unlocking
 * clears the sign-in delay.
 */
#include "http_client.h"

#include <stdio.h>
#include <string.h>

#include "accord/session.h"

/* True when the reply's array ARRAY has an element whose KEY is VALUE. */
static bool
lists(const struct reply *r, const char *array, const char *key, const char *value)
{
    json_t *o = json_loads(r->body, 0, NULL), *el;
    bool found = false;
    size_t i;

    json_array_foreach(json_object_get(o, array), i, el)
    {
        const char *v = json_string_value(json_object_get(el, key));

        found |= v != NULL && strcmp(v, value) == 0;
    }
    json_decref(o);
    return found;
}

/* S makes an API token for themselves: its id and the Authorization header. */
static void
own_token(struct signed_in *s, const char *user, char *id, size_t id_cap, char *auth, size_t cap)
{
    char body[200], secret[100];
    struct reply r;

    snprintf(body, sizeof body,
             "{\"username\":\"%s\",\"scopes\":\"agencies:read\","
             "\"expires_at\":\"2027-06-01T00:00:00Z\"}",
             user);
    post("POST /api/v1/tokens", s, "/api/v1/tokens", body, &r);
    assert_int_equal(r.status, 201);
    member_of(&r, "id", id, id_cap);
    member_of(&r, "token", secret, sizeof secret);
    snprintf(auth, cap, "Authorization: Bearer %s", secret);
}

static void
sign_in_with(const char *user, const char *password, struct reply *r)
{
    const char *h[] = { "Content-Type: application/json", NULL };
    char body[200];

    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", user, password);
    http("POST /api/v1/session", "POST", "/api/v1/session", h, body, strlen(body), r);
}

/* Attack: a suspended insider keeps using the session or API token they already hold;
 * another agency's administrator suspends a user they do not manage; an administrator
 * suspends themselves. */
static void
http_suspension_stops_sessions_and_tokens_at_once(void **state)
{
    struct signed_in admin, ss_admin, caseworker;
    char id[40], auth[160];
    const char *h[] = { NULL, NULL };
    struct reply r;

    (void)state;
    sign_in("admin", &admin);
    sign_in("ss.admin", &ss_admin);
    sign_in("ctp.caseworker", &caseworker);
    own_token(&caseworker, "ctp.caseworker", id, sizeof id, auth, sizeof auth);
    h[0] = auth;
    http("GET /api/v1/agencies", "GET", "/api/v1/agencies", h, NULL, 0, &r);
    assert_int_equal(r.status, 200);

    post("POST /api/v1/users/{id}/suspend", &ss_admin, "/api/v1/users/ctp.caseworker/suspend", NULL,
         &r);
    assert_int_equal(r.status, 403);
    post("POST /api/v1/users/{id}/suspend", &caseworker, "/api/v1/users/ctp.caseworker/suspend",
         NULL, &r);
    assert_int_equal(r.status, 403);
    post("POST /api/v1/users/{id}/suspend", &admin, "/api/v1/users/admin/suspend", NULL, &r);
    assert_int_equal(r.status, 403);
    post("POST /api/v1/users/{id}/suspend", &admin, "/api/v1/users/no.such.user/suspend", NULL, &r);
    assert_int_equal(r.status, 404);
    get("GET /api/v1/agencies", &caseworker, "/api/v1/agencies", &r);
    assert_int_equal(r.status, 200);

    post("POST /api/v1/users/{id}/suspend", &admin, "/api/v1/users/ctp.caseworker/suspend", NULL,
         &r);
    assert_int_equal(r.status, 204);
    get("GET /api/v1/agencies", &caseworker, "/api/v1/agencies", &r);
    assert_int_equal(r.status, 401);
    http("GET /api/v1/agencies", "GET", "/api/v1/agencies", h, NULL, 0, &r);
    assert_int_equal(r.status, 401);
    sign_in_with("ctp.caseworker", PASSWORD, &r);
    assert_int_equal(r.status, 401);

    post("POST /api/v1/users/{id}/reactivate", &ss_admin, "/api/v1/users/ctp.caseworker/reactivate",
         NULL, &r);
    assert_int_equal(r.status, 403);
    post("POST /api/v1/users/{id}/reactivate", &admin, "/api/v1/users/ctp.caseworker/reactivate",
         NULL, &r);
    assert_int_equal(r.status, 204);
    get("GET /api/v1/agencies", &caseworker, "/api/v1/agencies", &r);
    assert_int_equal(r.status, 200);
    http("GET /api/v1/agencies", "GET", "/api/v1/agencies", h, NULL, 0, &r);
    assert_int_equal(r.status, 200);
}

/* Attack: an administrator adds a user with a content role, then reactivates the held
 * account themselves instead of waiting for a second administrator. */
static void
http_reactivation_waits_for_the_grant(void **state)
{
    struct signed_in admin;
    char agency[40];
    char body[400];
    struct reply r;
    json_t *o;

    (void)state;
    sign_in("admin", &admin);
    get("GET /api/v1/users", &admin, "/api/v1/users", &r);
    o = json_loads(r.body, 0, NULL);
    for (size_t i = 0; i < json_array_size(json_object_get(o, "users")); i++) {
        json_t *u = json_array_get(json_object_get(o, "users"), i);

        if (strcmp(json_string_value(json_object_get(u, "username")), "admin") == 0) {
            snprintf(agency, sizeof agency, "%s",
                     json_string_value(json_object_get(u, "agency_id")));
        }
    }
    json_decref(o);
    snprintf(body, sizeof body,
             "{\"username\":\"ctp.held\",\"display_name\":\"Held\",\"agency_id\":\"%s\","
             "\"vetting\":\"sc\",\"roles\":\"analyst\"}",
             agency);
    post("POST /api/v1/users", &admin, "/api/v1/users", body, &r);
    assert_int_equal(r.status, 201);
    o = json_loads(r.body, 0, NULL);
    assert_true(json_is_true(json_object_get(o, "waits_for_approval")));
    json_decref(o);
    post("POST /api/v1/users/{id}/reactivate", &admin, "/api/v1/users/ctp.held/reactivate", NULL,
         &r);
    assert_int_equal(r.status, 409);
    assert_non_null(strstr(r.body, "second administrator"));
}

/* Attack: a user (or another agency's administrator) lists tokens to learn of, or take
 * over, someone else's. */
static void
http_token_list_shows_own_tokens_only(void **state)
{
    struct signed_in analyst, duty, admin, ss_admin;
    char mine[40], theirs[40], auth[160];
    struct reply r;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("ctp.duty", &duty);
    sign_in("admin", &admin);
    sign_in("ss.admin", &ss_admin);
    own_token(&analyst, "ctp.analyst", mine, sizeof mine, auth, sizeof auth);
    own_token(&duty, "ctp.duty", theirs, sizeof theirs, auth, sizeof auth);
    get("GET /api/v1/tokens", &analyst, "/api/v1/tokens", &r);
    assert_int_equal(r.status, 200);
    assert_true(lists(&r, "tokens", "id", mine));
    assert_false(lists(&r, "tokens", "id", theirs));
    assert_true(lists(&r, "tokens", "username", "ctp.analyst"));
    assert_false(lists(&r, "tokens", "username", "ctp.duty"));
    assert_null(strstr(r.body, "act_"));
    assert_null(strstr(r.body, "hash"));
    get("GET /api/v1/tokens", &admin, "/api/v1/tokens", &r);
    assert_int_equal(r.status, 200);
    assert_false(lists(&r, "tokens", "id", mine));
    assert_false(lists(&r, "tokens", "id", theirs));
    get("GET /api/v1/tokens", &ss_admin, "/api/v1/tokens", &r);
    assert_false(lists(&r, "tokens", "id", mine));
    /* a token is for machines, not for managing tokens */
    {
        const char *h[] = { auth, NULL };

        http("GET /api/v1/tokens", "GET", "/api/v1/tokens", h, NULL, 0, &r);
        assert_int_equal(r.status, 403);
    }
}

/* The sign-in delay after repeated failures is cleared by the account's administrator, and
 * by nobody else. */
static void
http_unlock_clears_the_sign_in_delay(void **state)
{
    struct signed_in admin, ss_admin;
    struct reply r;

    (void)state;
    sign_in("admin", &admin);
    sign_in("ss.admin", &ss_admin);
    for (int i = 0; i < AC_SIGN_IN_ATTEMPTS; i++) {
        sign_in_with("oversight.auditor", "guess guess guess", &r);
        assert_int_equal(r.status, 401);
    }
    sign_in_with("oversight.auditor", PASSWORD, &r);
    assert_int_equal(r.status, 429);
    post("POST /api/v1/users/{id}/unlock", &ss_admin, "/api/v1/users/oversight.auditor/unlock",
         NULL, &r);
    assert_int_equal(r.status, 403);
    sign_in_with("oversight.auditor", PASSWORD, &r);
    assert_int_equal(r.status, 429);
    post("POST /api/v1/users/{id}/unlock", &admin, "/api/v1/users/oversight.auditor/unlock", NULL,
         &r);
    assert_int_equal(r.status, 204);
    sign_in_with("oversight.auditor", PASSWORD, &r);
    assert_int_equal(r.status, 201);
}

/* Changing an account over HTTP: added power waits for a second administrator (never the
 * one who asked); another agency's administrator changes nothing. */
static void
http_changes_that_add_power_wait_for_a_second_administrator(void **state)
{
    struct signed_in admin, ss_admin;
    char grant[32], path[120];
    struct reply r;

    (void)state;
    sign_in("admin", &admin);
    sign_in("ss.admin", &ss_admin);
    post("POST /api/v1/users/{id}/grants", &admin, "/api/v1/users/ss.analyst/grants",
         "{\"roles\":\"analyst,caseworker\",\"vetting\":\"dv\"}", &r);
    assert_int_equal(r.status, 403);
    post("POST /api/v1/users/{id}/grants", &ss_admin, "/api/v1/users/ss.analyst/grants",
         "{\"roles\":\"analyst,caseworker\",\"vetting\":\"dv\"}", &r);
    assert_int_equal(r.status, 201);
    member_of(&r, "grant_id", grant, sizeof grant);
    snprintf(path, sizeof path, "/api/v1/grants/%s/approve", grant);
    post("POST /api/v1/grants/{id}/approve", &ss_admin, path, NULL, &r);
    assert_int_equal(r.status, 403);
    post("POST /api/v1/grants/{id}/approve", &admin, path, NULL, &r);
    assert_int_equal(r.status, 204);
    post("POST /api/v1/users/{id}/grants", &ss_admin, "/api/v1/users/ss.analyst/grants",
         "{\"roles\":\"analyst\",\"vetting\":\"dv\"}", &r);
    assert_int_equal(r.status, 200); /* a role taken away: at once */
    post("POST /api/v1/users/{id}/grants", &ss_admin, "/api/v1/users/ss.analyst/grants",
         "{\"roles\":\"analyst\"}", &r);
    assert_int_equal(r.status, 400);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_suspension_stops_sessions_and_tokens_at_once),
        cmocka_unit_test(http_reactivation_waits_for_the_grant),
        cmocka_unit_test(http_token_list_shows_own_tokens_only),
        cmocka_unit_test(http_unlock_clears_the_sign_in_delay),
        cmocka_unit_test(http_changes_that_add_power_wait_for_a_second_administrator),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
