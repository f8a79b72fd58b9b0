/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_cases.c - case workflows over real HTTP on loopback: the steps open from a
 * case's state, a step refused (403) for the wrong kind of agency and (400) without its
 * fields, steps taken, the timeline, a note, deadlines due, and another agency's case
 * answering 404; finding cases (GET /cases) with its filters.
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
    /* the referral waits for the police gateway: the CTU joined it without the council
     * adding it (issue 14, point 9), and reads it; the security service is not in it */
    snprintf(path, sizeof path, "/api/v1/cases/%s", id);
    get("GET /api/v1/cases/{id}", &ctu, path, &r);
    assert_int_equal(r.status, 200);
    get("GET /api/v1/cases/{id}", &ss, path, &r);
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

/* Issue 14, point 9: cases can be found, by scope, type, state and deadline, and only those
 * the caller may read. */
static void
http_cases_can_be_found(void **state)
{
    struct signed_in council, chair, ctu, ss;
    char soi[40], referral[40], path[200], want[80];
    struct reply r;

    (void)state;
    sign_in("council.prevent", &council);
    sign_in("council.chair", &chair);
    sign_in("ctp.analyst", &ctu);
    sign_in("ss.analyst", &ss);
    post("POST /api/v1/cases", &ctu, "/api/v1/cases", "{\"type\":\"soi\",\"title\":\"SOI F\"}", &r);
    created_id(&r, soi, sizeof soi);
    post("POST /api/v1/cases", &council, "/api/v1/cases",
         "{\"type\":\"prevent_referral\",\"title\":\"Referral F\"}", &r);
    created_id(&r, referral, sizeof referral);
    snprintf(want, sizeof want, "\"id\":\"%s\"", referral);

    get("GET /api/v1/cases", &council, "/api/v1/cases", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, want));
    assert_non_null(strstr(r.body, "\"lead_agency_name\":\"Birmingham City Council\""));
    assert_null(strstr(r.body, soi)); /* the CTU's SOI case is not the council's to see */
    get("GET /api/v1/cases", &ss, "/api/v1/cases", &r);
    assert_int_equal(r.status, 200);
    assert_null(strstr(r.body, referral));
    /* mine: opened by the caller; the chair of the same council opened none */
    get("GET /api/v1/cases", &council, "/api/v1/cases?scope=mine", &r);
    assert_non_null(strstr(r.body, want));
    get("GET /api/v1/cases", &chair, "/api/v1/cases?scope=mine", &r);
    assert_int_equal(r.status, 200);
    assert_null(strstr(r.body, referral));
    get("GET /api/v1/cases", &chair, "/api/v1/cases?scope=agency", &r);
    assert_non_null(strstr(r.body, want));
    /* by type and state */
    get("GET /api/v1/cases", &council, "/api/v1/cases?type=channel", &r);
    assert_null(strstr(r.body, referral));
    get("GET /api/v1/cases", &council, "/api/v1/cases?type=prevent_referral&state=new", &r);
    assert_non_null(strstr(r.body, want));
    /* by deadline: a new referral has none until it is referred (5 working days) */
    get("GET /api/v1/cases", &council, "/api/v1/cases?due_within_days=30", &r);
    assert_null(strstr(r.body, referral));
    snprintf(path, sizeof path, "/api/v1/cases/%s/steps", referral);
    post("POST /api/v1/cases/{id}/steps", &council, path,
         "{\"step\":\"refer\",\"rationale\":\"college concern\",\"fields\":{"
         "\"referrer_sector\":\"education\",\"concern\":\"other\"}}",
         &r);
    assert_int_equal(r.status, 200);
    get("GET /api/v1/cases", &council, "/api/v1/cases?due_within_days=30&state=received", &r);
    assert_non_null(strstr(r.body, want));
    assert_non_null(strstr(r.body, "\"overdue\":false"));
    /* the CTU finds the referral waiting for its gateway assessment */
    get("GET /api/v1/cases", &ctu, "/api/v1/cases?state=received", &r);
    assert_non_null(strstr(r.body, want));
    /* bad filters: 400 naming the field */
    get("GET /api/v1/cases", &council, "/api/v1/cases?scope=everyone", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "scope: mine"));
    get("GET /api/v1/cases", &council, "/api/v1/cases?type=chanel", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "type: unknown case type"));
    get("GET /api/v1/cases", &council, "/api/v1/cases?state=limbo", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "state: no workflow has a state"));
    get("GET /api/v1/cases", &council, "/api/v1/cases?limit=0", &r);
    assert_int_equal(r.status, 400);
    get("GET /api/v1/cases", &council, "/api/v1/cases?due_within_days=-1", &r);
    assert_int_equal(r.status, 400);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_a_referral_moves_through_its_workflow),
        cmocka_unit_test(http_cases_can_be_found),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
