/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_reports.c - a retailer's report to a duty officer's acknowledgement over real
 * HTTP on loopback: validation as 400s naming the field, a receipt that says nothing of
 * screening, the reporter's own reports only, a till's token limited to submitting, the
 * alert with its match, acknowledgement (409 the second time), escalation when the
 * server's clock passes the deadline, and alerts that reveal no holdings: the oracle attack
 * of a user who both reports and reads alerts, and the holder's duty desk told in full.
 */
#include "http_client.h"

#include "accord/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define REPORT_OK                                                                        \
    "{\"kind\":\"attempt\",\"occurred_at\":\"2026-01-10T10:00:00Z\","                    \
    "\"substance\":\"hydrogen peroxide\",\"concentration\":35,\"quantity\":\"4 x 5 L\"," \
    "\"payment\":\"cash\",\"buyer_name\":\"%s\",\"indicators\":[\"nervous\",\"insists_on_cash\"]}"

/* The id of the alert on REPORT_ID in the duty officer's queue, raised for its agency as
 * a holder (FOR_HOLDER) or not ("" when none). */
static void
alert_of(const struct signed_in *duty,
         const char *report_id,
         bool for_holder,
         char *out,
         size_t cap)
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
        const char *on = json_string_value(json_object_get(al, "report_id"));

        /* a case's deadline alert has no report */
        if (on != NULL && strcmp(on, report_id) == 0 &&
            json_is_true(json_object_get(al, "for_holder")) == for_holder) {
            snprintf(out, cap, "%s", json_string_value(json_object_get(al, "id")));
        }
    }
    json_decref(o);
}

/* Submit a peroxide report naming BUYER (born DOB, when not NULL) as the reporter; its id.
 * A name alone is no high alert (issue 17): a test of the high desk gives the date. */
static void
submit_dob(struct signed_in *reporter, const char *buyer, const char *dob, char *id, size_t cap)
{
    char body[600];
    struct reply r;

    snprintf(body, sizeof body, REPORT_OK, buyer);
    if (dob != NULL) {
        snprintf(body + strlen(body) - 1, sizeof body - strlen(body) + 1, ",\"buyer_dob\":\"%s\"}",
                 dob);
    }
    post("POST /api/v1/reports", reporter, "/api/v1/reports", body, &r);
    assert_int_equal(r.status, 201);
    member_of(&r, "id", id, cap);
}

static void
submit(struct signed_in *reporter, const char *buyer, char *id, size_t cap)
{
    submit_dob(reporter, buyer, NULL, id, cap);
}

/* Issue 14 point 6: a report sent with "buyer": {"name": ...} was a 201 stored without a
 * buyer, and never alerted; now the member is refused by name with the one meant, and a
 * member of the wrong type is refused by name (a "yes" was read as false). */
static void
http_reports_refuse_unknown_and_mistyped_members(void **state)
{
    struct signed_in reporter;
    struct reply r;
    char detail[256];

    (void)state;
    sign_in("retail.reporter", &reporter);
    post("POST /api/v1/reports", &reporter, "/api/v1/reports",
         "{\"kind\":\"attempt\",\"occurred_at\":\"2026-01-10T10:00:00Z\","
         "\"substance\":\"hydrogen peroxide\",\"concentration\":35,\"quantity\":\"4 x 5 L\","
         "\"buyer\":{\"name\":\"Nobody In Particular\"},\"indicators\":[\"nervous\"]}",
         &r);
    assert_int_equal(r.status, 400);
    member_of(&r, "detail", detail, sizeof detail);
    assert_string_equal(detail, "buyer: unknown field; did you mean buyer_name?");
    post("POST /api/v1/reports", &reporter, "/api/v1/reports",
         "{\"occurred_at\":\"2026-01-10T10:00:00Z\",\"substance\":\"acetone\","
         "\"quantity\":\"1 L\",\"sale_completed\":\"yes\",\"indicators\":[\"nervous\"]}",
         &r);
    assert_int_equal(r.status, 400);
    member_of(&r, "detail", detail, sizeof detail);
    assert_string_equal(detail, "sale_completed: expected true or false, not a string");
    post("POST /api/v1/reports", &reporter, "/api/v1/reports",
         "{\"occurred_at\":\"2026-01-10T10:00:00Z\",\"substance\":\"acetone\","
         "\"quantity\":\"1 L\",\"indicators\":[\"nervous\", 3]}",
         &r);
    assert_int_equal(r.status, 400);
    member_of(&r, "detail", detail, sizeof detail);
    assert_string_equal(detail, "indicators[1]: expected a string, not a number");
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
    char report[32], report2[32], alert[32], alert2[32], path[120], name[200];
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
    /* a person the CTU holds: its own duty desk is told, in full */
    submit_dob(&reporter, "PETROVSKY, Viktor", "1971-02-03", report, sizeof report);
    alert_of(&duty, report, true, alert, sizeof alert);
    assert_true(alert[0] != '\0');
    snprintf(path, sizeof path, "/api/v1/alerts/%s", alert);
    get("GET /api/v1/alerts/{id}", &duty, path, &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(o, "priority")), "high");
    m = json_array_get(json_object_get(o, "matches"), 0);
    assert_string_equal(json_string_value(json_object_get(m, "listed_name")), "Viktor Petrovsky");
    assert_true(json_is_true(json_object_get(o, "for_holder")));
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(o, "report"), "buyer_name")),
        "PETROVSKY, Viktor");
    json_decref(o);
    /* a person the Security Service holds: the CTU officer learns only that a partner was
     * told (alerts_reveal_no_holdings below performs the attack) */
    submit_dob(&reporter, "Olena Kovalenko", "1985-07-07", report2, sizeof report2);
    alert_of(&duty, report2, false, alert2, sizeof alert2);
    snprintf(path, sizeof path, "/api/v1/alerts/%s", alert2);
    get("GET /api/v1/alerts/{id}", &duty, path, &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_true(json_is_true(json_object_get(o, "partner_told")));
    assert_int_equal(json_array_size(json_object_get(o, "matches")), 0);
    assert_null(strstr(r.body, "Security Service"));
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
    /* read back: who acknowledged it by name (a person reads it), and the note */
    snprintf(path, sizeof path, "/api/v1/alerts/%s", alert);
    get("GET /api/v1/alerts/{id}", &duty, path, &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(o, "status")), "acknowledged");
    assert_string_equal(json_string_value(json_object_get(o, "ack_note")), "unit sent");
    assert_non_null(json_string_value(json_object_get(o, "acked_by_name")));
    snprintf(name, sizeof name, "%s", json_string_value(json_object_get(o, "acked_by_name")));
    json_decref(o);
    get("GET /api/v1/session", &duty, "/api/v1/session", &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(o, "display_name")), name);
    json_decref(o);
    snprintf(path, sizeof path, "/api/v1/alerts/%s/ack", alert);
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

/* The agency called NAME's id. */
static void
agency_id(const struct signed_in *s, const char *name, char *out, size_t cap)
{
    struct reply r;
    json_t *o, *g;
    size_t i;

    out[0] = '\0';
    get("GET /api/v1/agencies", s, "/api/v1/agencies", &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    json_array_foreach(json_object_get(o, "agencies"), i, g)
    {
        if (strcmp(json_string_value(json_object_get(g, "name")), name) == 0) {
            snprintf(out, cap, "%s", json_string_value(json_object_get(g, "id")));
        }
    }
    json_decref(o);
    assert_true(out[0] != '\0');
}

/* The alert on REPORT_ID in S's queue raised FOR_HOLDER or not, parsed (NULL: none). */
static json_t *
queued(const struct signed_in *s, const char *report_id, bool for_holder)
{
    struct reply r;
    json_t *o, *al, *found = NULL;
    size_t i;

    get("GET /api/v1/alerts", s, "/api/v1/alerts?status=all", &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    json_array_foreach(json_object_get(o, "alerts"), i, al)
    {
        const char *on = json_string_value(json_object_get(al, "report_id"));

        /* a case's deadline alert has no report */
        if (on != NULL && strcmp(on, report_id) == 0 &&
            json_is_true(json_object_get(al, "for_holder")) == for_holder) {
            found = json_incref(al);
        }
    }
    json_decref(o);
    return found;
}

/* The oracle attack, over HTTP: a CTU user who both reports and reads alerts (the CTU holds
 * neither buyer) reports a buyer only the Security Service holds, and one nobody holds.
 * The two alerts it gets differ only in partner_told: same priority, reason and fields, no
 * agency, no score, no match.  The Security Service's duty desk gets the match in full. */
static void
http_alerts_reveal_no_holdings(void **state)
{
    struct signed_in admin, admin2, ss_admin, ss, desk, ss_duty;
    char ctu[32], ssid[32], held[32], nobody[32], path[120];
    const char *k;
    json_t *a_held, *a_nobody, *v, *o, *m;
    struct reply r, r2;

    (void)state;
    sign_in("admin", &admin);
    sign_in("ss.analyst", &ss);
    agency_id(&admin, "West Midlands Counter Terrorism Unit", ctu, sizeof ctu);
    agency_id(&admin, "Security Service", ssid, sizeof ssid);
    sign_in("admin2", &admin2);
    sign_in("ss.admin", &ss_admin);
    add_enrolled_user(&admin, &admin2, "ctp.desk", ctu, "reporter,duty_officer", PASSWORD);
    add_enrolled_user(&ss_admin, &admin, "ss.duty", ssid, "duty_officer", PASSWORD);
    sign_in("ctp.desk", &desk);
    sign_in("ss.duty", &ss_duty);
    post("POST /api/v1/persons", &ss, "/api/v1/persons",
         "{\"given\":\"Bohdana\",\"family\":\"Yaremchuk\",\"dob\":\"1979-04-04\"}", &r);
    assert_int_equal(r.status, 201);
    submit_dob(&desk, "Bohdana Yaremchuk", "1979-04-04", held, sizeof held);
    submit(&desk, "Zinaida Ostapchuk", nobody, sizeof nobody);

    a_held = queued(&desk, held, false);
    a_nobody = queued(&desk, nobody, false);
    assert_non_null(a_held);
    assert_non_null(a_nobody);
    assert_null(queued(&desk, held, true)); /* the holder's alert never reaches the desk */
    /* every field the list gives is the same, id and times apart (the deadline follows the
     * priority), but partner_told */
    json_object_foreach(a_nobody, k, v)
    {
        if (strcmp(k, "id") == 0 || strcmp(k, "report_id") == 0 || strcmp(k, "created_at") == 0 ||
            strcmp(k, "deadline") == 0 || strcmp(k, "partner_told") == 0) {
            continue;
        }
        if (!json_equal(v, json_object_get(a_held, k))) {
            fail_msg("alert field %s differs with the holder", k);
        }
    }
    assert_int_equal(json_object_size(a_held), json_object_size(a_nobody));
    assert_true(json_is_true(json_object_get(a_held, "partner_told")));
    assert_false(json_is_true(json_object_get(a_nobody, "partner_told")));
    /* and the alert itself: no match, no agency, no score */
    snprintf(path, sizeof path, "/api/v1/alerts/%s",
             json_string_value(json_object_get(a_held, "id")));
    get("GET /api/v1/alerts/{id}", &desk, path, &r);
    assert_int_equal(r.status, 200);
    assert_null(strstr(r.body, "Security Service"));
    assert_null(strstr(r.body, ssid));
    assert_null(strstr(r.body, "score"));
    o = json_loads(r.body, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(o, "matches")), 0);
    json_decref(o);
    snprintf(path, sizeof path, "/api/v1/alerts/%s",
             json_string_value(json_object_get(a_nobody, "id")));
    get("GET /api/v1/alerts/{id}", &desk, path, &r2);
    assert_int_equal(r2.status, 200);
    o = json_loads(r2.body, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(o, "matches")), 0);
    json_decref(o);
    json_decref(a_held);
    json_decref(a_nobody);

    /* the Security Service's duty desk: the match, with its explanation */
    a_held = queued(&ss_duty, held, true);
    assert_non_null(a_held);
    assert_null(queued(&ss_duty, nobody, true));
    snprintf(path, sizeof path, "/api/v1/alerts/%s",
             json_string_value(json_object_get(a_held, "id")));
    get("GET /api/v1/alerts/{id}", &ss_duty, path, &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_true(json_is_true(json_object_get(o, "for_holder")));
    assert_string_equal(json_string_value(json_object_get(o, "priority")), "high");
    m = json_array_get(json_object_get(o, "matches"), 0);
    assert_string_equal(json_string_value(json_object_get(m, "source")), "person");
    assert_string_equal(json_string_value(json_object_get(m, "listed_name")), "Bohdana Yaremchuk");
    assert_string_equal(json_string_value(json_object_get(m, "holder_agency")), "Security Service");
    assert_non_null(json_object_get(m, "explanation"));
    assert_true(json_real_value(json_object_get(m, "score")) >= 0.9);
    json_decref(o);
    /* which the desk is told does not exist */
    get("GET /api/v1/alerts/{id}", &desk, path, &r);
    assert_int_equal(r.status, 404);
    json_decref(a_held);
}

/* Issue 14 point 3 and 7 over HTTP: "H2O2 35%" with no concentration is hydrogen peroxide
 * at 35%; the receipt says where the statutory report goes and whether it is late (more
 * than 24 hours after it happened). */
static void
http_receipt_names_the_statutory_route_and_lateness(void **state)
{
    struct signed_in reporter;
    char body[600], id[32], path[120], when[AC_TIME_TEXT_MAX];
    struct timespec ts;
    int64_t now_ms;
    struct reply r;
    json_t *o;

    (void)state;
    sign_in("retail.reporter", &reporter);
    clock_gettime(CLOCK_REALTIME, &ts);
    now_ms = (int64_t)ts.tv_sec * 1000 + clock_offset_ms;
    snprintf(body, sizeof body,
             "{\"kind\":\"attempt\",\"occurred_at\":\"%s\",\"substance\":\"H2O2 35%%\","
             "\"quantity\":\"2 x 5 L\",\"payment\":\"cash\",\"indicators\":[\"nervous\"]}",
             ac_time_format(now_ms - 60 * 60 * 1000, when));
    post("POST /api/v1/reports", &reporter, "/api/v1/reports", body, &r);
    assert_int_equal(r.status, 201);
    o = json_loads(r.body, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(o, "regime_class")),
                        "regulated explosives precursor");
    assert_true(json_is_false(json_object_get(o, "late")));
    assert_non_null(
        strstr(json_string_value(json_object_get(o, "statutory_report")), "0800 789 321"));
    json_decref(o);
    member_of(&r, "id", id, sizeof id);
    snprintf(path, sizeof path, "/api/v1/reports/%s", id);
    get("GET /api/v1/reports/{id}", &reporter, path, &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_true(json_number_value(json_object_get(o, "concentration")) == 35.0);
    assert_true(json_is_false(json_object_get(o, "late")));
    json_decref(o);
    /* two days old: late, on the receipt and when read */
    snprintf(body, sizeof body,
             "{\"kind\":\"attempt\",\"occurred_at\":\"%s\",\"substance\":\"nitric acid 68%%\","
             "\"quantity\":\"1 L\",\"payment\":\"cash\",\"indicators\":[\"nervous\"]}",
             ac_time_format(now_ms - 2 * 24 * 60 * 60 * 1000, when));
    post("POST /api/v1/reports", &reporter, "/api/v1/reports", body, &r);
    assert_int_equal(r.status, 201);
    o = json_loads(r.body, 0, NULL);
    assert_true(json_is_true(json_object_get(o, "late")));
    json_decref(o);
    member_of(&r, "id", id, sizeof id);
    snprintf(path, sizeof path, "/api/v1/reports/%s", id);
    get("GET /api/v1/reports/{id}", &reporter, path, &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_true(json_is_true(json_object_get(o, "late")));
    json_decref(o);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_reports_are_validated_and_receipted),
        cmocka_unit_test(http_reports_refuse_unknown_and_mistyped_members),
        cmocka_unit_test(http_a_tills_token_only_submits),
        cmocka_unit_test(http_alerts_reach_the_duty_officer),
        cmocka_unit_test(http_alerts_reveal_no_holdings),
        cmocka_unit_test(http_receipt_names_the_statutory_route_and_lateness),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
