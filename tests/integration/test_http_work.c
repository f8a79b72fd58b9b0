/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_work.c - GET /api/v1/me/work over real loopback HTTP (issue 16 point 6): for
 * each demo role, every count is the length of the list its path gives, and each urgent
 * count is the number of that list's escalated or overdue entries; a list the role cannot
 * read is left out, not refused.
 */
#include "http_client.h"

#include <stdio.h>
#include <string.h>

#define REPORT                                                                           \
    "{\"kind\":\"attempt\",\"occurred_at\":\"2026-01-10T10:00:00Z\","                    \
    "\"substance\":\"hydrogen peroxide\",\"concentration\":35,\"quantity\":\"4 x 5 L\"," \
    "\"payment\":\"cash\",\"buyer_name\":\"Ivan Drago\",\"indicators\":[\"nervous\","    \
    "\"insists_on_cash\"]}"

/* The route name of a work item's path ("/api/v1/requests?box=..." -> "GET /api/v1/requests"). */
static void
route_of(const char *path, char *out, size_t cap)
{
    size_t n = strcspn(path, "?");

    snprintf(out, cap, "GET %.*s", (int)n, path);
}

/* The one array in the list's reply. */
static json_t *
list_of(json_t *o)
{
    const char *k;
    json_t *v;

    json_object_foreach(o, k, v)
    {
        if (json_is_array(v)) {
            return v;
        }
    }
    fail_msg("no list in the reply");
    return NULL;
}

/* USER's home counts checked against the lists; how many kinds it was given. */
static size_t
check_role(const char *user, bool *has_alerts)
{
    struct signed_in s;
    struct reply r, l;
    json_t *o, *item;
    size_t i, kinds;

    sign_in(user, &s);
    get("GET /api/v1/me/work", &s, "/api/v1/me/work", &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_non_null(o);
    kinds = json_array_size(json_object_get(o, "work"));
    json_array_foreach(json_object_get(o, "work"), i, item)
    {
        const char *kind = json_string_value(json_object_get(item, "kind"));
        const char *path = json_string_value(json_object_get(item, "path"));
        char route[120];
        json_t *lo, *arr, *e;
        size_t j, urgent = 0;

        assert_non_null(json_object_get(item, "label"));
        route_of(path, route, sizeof route);
        get(route, &s, path, &l);
        assert_int_equal(l.status, 200);
        lo = json_loads(l.body, 0, NULL);
        arr = list_of(lo);
        if ((size_t)json_integer_value(json_object_get(item, "count")) != json_array_size(arr)) {
            fail_msg("%s: %s counts %lld, its list %s has %zu", user, kind,
                     (long long)json_integer_value(json_object_get(item, "count")), path,
                     json_array_size(arr));
        }
        json_array_foreach(arr, j, e)
        {
            urgent += strcmp(kind, "alerts") == 0
                          ? json_integer_value(json_object_get(e, "escalation")) > 0
                      : strcmp(kind, "deadlines") == 0 ? json_is_true(json_object_get(e, "overdue"))
                                                       : 0;
        }
        if (strcmp(kind, "alerts") == 0) {
            assert_int_equal(json_integer_value(json_object_get(item, "escalated")), urgent);
            *has_alerts = *has_alerts || json_array_size(arr) > 0;
        } else if (strcmp(kind, "deadlines") == 0) {
            assert_int_equal(json_integer_value(json_object_get(item, "overdue")), urgent);
        }
        json_decref(lo);
    }
    json_decref(o);
    return kinds;
}

static void
http_work_counts_are_their_lists_lengths(void **state)
{
    static const char *const users[] = {
        "ctp.duty",        "ctp.analyst",       "ctp.caseworker",    "ss.analyst",
        "council.prevent", "council.chair",     "probation.officer", "admin",
        "retail.reporter", "oversight.auditor",
    };
    struct signed_in reporter, duty;
    struct reply r;
    bool has_alerts = false;
    char path[120];

    (void)state;
    sign_in("retail.reporter", &reporter);
    post("POST /api/v1/reports", &reporter, "/api/v1/reports", REPORT, &r);
    assert_int_equal(r.status, 201);
    for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
        size_t kinds = check_role(users[i], &has_alerts);

        if (strcmp(users[i], "retail.reporter") == 0) {
            assert_int_equal(kinds, 0); /* a till has nothing to act on */
        } else if (strcmp(users[i], "ctp.duty") == 0) {
            assert_true(kinds >= 1);
        }
    }
    assert_true(has_alerts); /* the report's alert is on the duty officer's home */
    /* an escalated alert is counted as such: sixteen minutes on */
    clock_offset_ms = 16 * 60 * 1000;
    has_alerts = false;
    (void)check_role("ctp.duty", &has_alerts);
    clock_offset_ms = 0;
    /* the person-disclosures filter the count links to */
    sign_in("ctp.duty", &duty);
    snprintf(path, sizeof path, "/api/v1/person-disclosures?awaiting=everyone");
    get("GET /api/v1/person-disclosures", &duty, path, &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "awaiting"));
    /* without a session */
    http("GET /api/v1/me/work", "GET", "/api/v1/me/work", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 401);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_work_counts_are_their_lists_lengths),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
