/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_reports.c - a retailer's report to a duty officer's acknowledgement over real
 * HTTP on loopback: validation as 400s naming the field, a receipt that says nothing of
 * screening, the reporter's own reports only, a till's token limited to submitting, the
 * alert with its match, a person another agency holds withheld, acknowledgement (409 the
 * second time) and escalation when the server's clock passes the deadline.
 */
#include "http_client.h"

#include "accord/date.h"

#include <stdio.h>
#include <string.h>

#define REPORT_OK                                                                        \
    "{\"kind\":\"attempt\",\"occurred_at\":\"2026-01-10T10:00:00Z\","                    \
    "\"substance\":\"hydrogen peroxide\",\"concentration\":35,\"quantity\":\"4 x 5 L\"," \
    "\"payment\":\"cash\",\"buyer_name\":\"%s\",\"indicators\":[\"nervous\",\"insists_on_cash\"]}"

/* The id of the alert on REPORT_ID in the duty officer's queue ("" when none). */
static void
alert_of(const struct signed_in *duty, const char *report_id, char *out, size_t cap)
{
    struct reply r;
    json_t *o, *al;
    size_t i;

    out[0] = '\0';
    get("GET /api/v1/alerts", duty, "/api/v1/alerts?status=all", &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    json_array_foreach(json_object_get(o, "alerts"), i, al)
    {
        if (strcmp(json_string_value(json_object_get(al, "report_id")), report_id) == 0) {
            snprintf(out, cap, "%s", json_string_value(json_object_get(al, "id")));
        }
    }
    json_decref(o);
}

/* Submit a peroxide report naming BUYER as the reporter; its id. */
static void
submit(struct signed_in *reporter, const char *buyer, char *id, size_t cap)
{
    char body[600];
    struct reply r;

    snprintf(body, sizeof body, REPORT_OK, buyer);
    post("POST /api/v1/reports", reporter, "/api/v1/reports", body, &r);
    assert_int_equal(r.status, 201);
    member_of(&r, "id", id, cap);
}

static void
http_reports_are_validated_and_receipted(void **state)
{
    struct signed_in reporter, other, analyst;
    char id[32], ref[40], path[120], body[600];
    struct reply r;

    (void)state;
    sign_in("retail.reporter", &reporter);
    sign_in("ctp.analyst", &analyst);
    post("POST /api/v1/reports", &reporter, "/api/v1/reports",
         "{\"occurred_at\":\"2026-01-10T10:00:00Z\",\"quantity\":\"1 L\","
         "\"indicators\":[\"nervous\"]}",
         &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "substance: required"));
    post("POST /api/v1/reports", &reporter, "/api/v1/reports",
         "{\"occurred_at\":\"2026-01-10T10:00:00Z\",\"substance\":\"acetone\",\"quantity\":\"1 L\","
         "\"concentration\":\"lots\",\"indicators\":[\"nervous\"]}",
         &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "concentration"));
    post("POST /api/v1/reports", &reporter, "/api/v1/reports",
         "{\"occurred_at\":\"2026-01-10T10:00:00Z\",\"substance\":\"acetone\",\"quantity\":\"1 L\","
         "\"indicators\":[\"shifty\"]}",
         &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "indicator"));
    post("POST /api/v1/reports", &reporter, "/api/v1/reports",
         "{\"occurred_at\":\"2099-01-10T10:00:00Z\",\"substance\":\"acetone\",\"quantity\":\"1 L\","
         "\"indicators\":[\"nervous\"]}",
         &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "in the future"));
    /* a good one: the receipt has the reference and nothing of screening */
    snprintf(body, sizeof body, REPORT_OK, "Nobody In Particular");
    post("POST /api/v1/reports", &reporter, "/api/v1/reports", body, &r);
    assert_int_equal(r.status, 201);
    member_of(&r, "id", id, sizeof id);
    member_of(&r, "reference", ref, sizeof ref);
    assert_int_equal(strncmp(ref, "SPR-", 4), 0);
    assert_null(strstr(r.body, "alert"));
    assert_null(strstr(r.body, "match"));
    snprintf(path, sizeof path, "/api/v1/reports/%s", id);
    get("GET /api/v1/reports/{id}", &reporter, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "regulated explosives precursor"));
    get("GET /api/v1/reports", &reporter, "/api/v1/reports", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, ref));
    /* nobody else's: another agency's user is told it does not exist */
    sign_in("council.prevent", &other);
    get("GET /api/v1/reports/{id}", &other, path, &r);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "peroxide"));
    /* an analyst does not submit reports, nor have an alert queue */
    post("POST /api/v1/reports", &analyst, "/api/v1/reports", body, &r);
    assert_int_equal(r.status, 403);
    get("GET /api/v1/alerts", &analyst, "/api/v1/alerts", &r);
    assert_int_equal(r.status, 403);
}

/* A till is a service account of the retailer, made by the retailer's administrator, who
 * makes its token; the hub's administrator may not make a token for the retailer's person
 * (nobody acts as someone else). */
static void
http_a_tills_token_only_submits(void **state)
{
    struct signed_in admin, retail_admin;
    char token[128], auth[200], body[600], expires[AC_TIME_TEXT_MAX], shop[32];
    const char *bearer[] = { auth, "Content-Type: application/json", NULL };
    struct reply r;

    (void)state;
    sign_in("admin", &admin);
    sign_in("retail.admin", &retail_admin);
    ac_time_format(ac_time_now_ms() + 30LL * 86400 * 1000, expires); /* a month ahead */
    snprintf(body, sizeof body,
             "{\"username\":\"retail.reporter\",\"scopes\":\"reports:submit\","
             "\"expires_at\":\"%s\"}",
             expires);
    post("POST /api/v1/tokens", &admin, "/api/v1/tokens", body, &r);
    assert_int_equal(r.status, 403); /* a person's tokens are theirs alone */
    get("GET /api/v1/agencies", &retail_admin, "/api/v1/agencies", &r);
    member_of_named(&r, "Brindley Chemicals Ltd", shop, sizeof shop);
    snprintf(body, sizeof body,
             "{\"username\":\"retail.till\",\"display_name\":\"Till 1\",\"agency_id\":\"%s\","
             "\"vetting\":\"none\",\"roles\":\"reporter\",\"service\":true}",
             shop);
    post("POST /api/v1/users", &retail_admin, "/api/v1/users", body, &r);
    assert_int_equal(r.status, 201);
    assert_null(strstr(r.body, "enrolment_code")); /* a service account has no password */
    snprintf(body, sizeof body,
             "{\"username\":\"retail.till\",\"scopes\":\"reports:submit\","
             "\"expires_at\":\"%s\"}",
             expires);
    post("POST /api/v1/tokens", &admin, "/api/v1/tokens", body, &r);
    assert_int_equal(r.status, 403); /* another agency's service account */
    post("POST /api/v1/tokens", &retail_admin, "/api/v1/tokens", body, &r);
    assert_int_equal(r.status, 201);
    member_of(&r, "token", token, sizeof token);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    snprintf(body, sizeof body, REPORT_OK, "Till Test");
    http("POST /api/v1/reports", "POST", "/api/v1/reports", bearer, body, strlen(body), &r);
    assert_int_equal(r.status, 201);
    http("GET /api/v1/reports", "GET", "/api/v1/reports", bearer, NULL, 0, &r);
    assert_int_equal(r.status, 403); /* reports:read is not in its scopes */
}

static void
http_alerts_reach_the_duty_officer(void **state)
{
    struct signed_in reporter, duty, analyst, ss;
    char report[32], report2[32], alert[32], alert2[32], path[120];
    struct reply r;
    json_t *o, *m;

    (void)state;
    sign_in("retail.reporter", &reporter);
    sign_in("ctp.duty", &duty);
    sign_in("ctp.analyst", &analyst);
    sign_in("ss.analyst", &ss);
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Viktor\",\"family\":\"Petrovsky\",\"dob\":\"1971-02-03\"}", &r);
    assert_int_equal(r.status, 201);
    post("POST /api/v1/persons", &ss, "/api/v1/persons",
         "{\"given\":\"Olena\",\"family\":\"Kovalenko\",\"dob\":\"1985-07-07\"}", &r);
    assert_int_equal(r.status, 201);
    submit(&reporter, "PETROVSKY, Viktor", report, sizeof report);
    alert_of(&duty, report, alert, sizeof alert);
    assert_true(alert[0] != '\0');
    snprintf(path, sizeof path, "/api/v1/alerts/%s", alert);
    get("GET /api/v1/alerts/{id}", &duty, path, &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(o, "priority")), "high");
    m = json_array_get(json_object_get(o, "matches"), 0);
    assert_string_equal(json_string_value(json_object_get(m, "listed_name")), "Viktor Petrovsky");
    assert_false(json_is_true(json_object_get(m, "withheld")));
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(o, "report"), "buyer_name")),
        "PETROVSKY, Viktor");
    json_decref(o);
    /* a person the Security Service holds: the CTU officer learns only who to ask */
    submit(&reporter, "Olena Kovalenko", report2, sizeof report2);
    alert_of(&duty, report2, alert2, sizeof alert2);
    snprintf(path, sizeof path, "/api/v1/alerts/%s", alert2);
    get("GET /api/v1/alerts/{id}", &duty, path, &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    m = json_array_get(json_object_get(o, "matches"), 0);
    assert_true(json_is_true(json_object_get(m, "withheld")));
    assert_null(json_object_get(m, "listed_name"));
    assert_null(json_object_get(m, "entry_id"));
    assert_string_equal(json_string_value(json_object_get(m, "holder_agency")), "Security Service");
    json_decref(o);
    /* the reporter has no view of alerts */
    get("GET /api/v1/alerts/{id}", &reporter, path, &r);
    assert_int_equal(r.status, 404);
    /* acknowledgement: a note is required, and only once */
    snprintf(path, sizeof path, "/api/v1/alerts/%s/ack", alert);
    post("POST /api/v1/alerts/{id}/ack", &duty, path, "{}", &r);
    assert_int_equal(r.status, 400);
    post("POST /api/v1/alerts/{id}/ack", &duty, path, "{\"note\":\"unit sent\"}", &r);
    assert_int_equal(r.status, 204);
    post("POST /api/v1/alerts/{id}/ack", &duty, path, "{\"note\":\"again\"}", &r);
    assert_int_equal(r.status, 409);
    /* sixteen minutes on, the unacknowledged high alert escalates when the queue is read */
    clock_offset_ms = 16 * 60 * 1000;
    get("GET /api/v1/alerts", &duty, "/api/v1/alerts", &r);
    clock_offset_ms = 0;
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_true(json_integer_value(json_object_get(o, "escalated_now")) >= 1);
    json_decref(o);
    get("GET /api/v1/alerts", &duty, "/api/v1/alerts?status=maybe", &r);
    assert_int_equal(r.status, 400);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_reports_are_validated_and_receipted),
        cmocka_unit_test(http_a_tills_token_only_submits),
        cmocka_unit_test(http_alerts_reach_the_duty_officer),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
