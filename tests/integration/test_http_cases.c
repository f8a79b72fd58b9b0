/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_cases.c - case workflows over real HTTP on loopback: the steps open from a
 * case's state, a step refused (403) for the wrong kind of agency and (400) without its
 * fields, steps taken, the timeline, a note, deadlines due, and another agency's case
 * answering 404.
 */
#include "http_client.h"

#include <stdio.h>
#include <string.h>

static void
http_a_referral_moves_through_its_workflow(void **state)
{
    struct signed_in council, ctu, ss;
    char id[40], path[160], body[400];
    struct reply r;

    (void)state;
    sign_in("council.prevent", &council);
    sign_in("ctp.caseworker", &ctu);
    sign_in("ss.analyst", &ss);
    post("POST /api/v1/cases", &council, "/api/v1/cases",
         "{\"type\":\"prevent_referral\",\"title\":\"Referral C\"}", &r);
    created_id(&r, id, sizeof id);
    snprintf(path, sizeof path, "/api/v1/cases/%s/next", id);
    get("GET /api/v1/cases/{id}/next", &council, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"step\":\"refer\""));
    snprintf(path, sizeof path, "/api/v1/cases/%s/steps", id);
    post("POST /api/v1/cases/{id}/steps", &council, path,
         "{\"step\":\"refer\",\"rationale\":\"school concern\"}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "referrer_sector: required"));
    post("POST /api/v1/cases/{id}/steps", &council, path,
         "{\"step\":\"refer\",\"rationale\":\"school concern\",\"fields\":{\"referrer_sector\":"
         "\"education\",\"concern\":\"other\"}}",
         &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"state\":\"received\""));
    /* the police gateway's not_appropriate is CT policing's (a council may refer on to the
     * panel, CTSA 2015 s.36 as amended in 2019, so to_channel no longer shows the 403) */
    post("POST /api/v1/cases/{id}/steps", &council, path,
         "{\"step\":\"not_appropriate\",\"rationale\":\"x\"}", &r);
    assert_int_equal(r.status, 403);
    post("POST /api/v1/cases/{id}/steps", &council, path, "{\"step\":\"x\",\"fields\":[1]}", &r);
    assert_int_equal(r.status, 400);
    /* the CTU is not a member: the case does not exist for it */
    post("POST /api/v1/cases/{id}/steps", &ctu, path,
         "{\"step\":\"to_channel\",\"rationale\":\"x\"}", &r);
    assert_int_equal(r.status, 404);
    snprintf(path, sizeof path, "/api/v1/cases/%s/notes", id);
    post("POST /api/v1/cases/{id}/notes", &council, path, "{\"text\":\"called the school\"}", &r);
    assert_int_equal(r.status, 204);
    snprintf(path, sizeof path, "/api/v1/cases/%s/timeline", id);
    get("GET /api/v1/cases/{id}/timeline", &council, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"step\":\"refer\""));
    assert_non_null(strstr(r.body, "called the school"));
    get("GET /api/v1/cases/{id}/timeline", &ss, path, &r);
    assert_int_equal(r.status, 404);
    get("GET /api/v1/deadlines", &council, "/api/v1/deadlines?within_days=30", &r);
    assert_int_equal(r.status, 200);
    snprintf(body, sizeof body, "\"case_id\":\"%s\"", id);
    assert_non_null(strstr(r.body, body));
    assert_non_null(strstr(r.body, "\"state\":\"received\""));
    get("GET /api/v1/deadlines", &council, "/api/v1/deadlines?within_days=soon", &r);
    assert_int_equal(r.status, 400);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_a_referral_moves_through_its_workflow),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
