/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_records.c - the API's POLE records, links, cases, partnership management,
 * API tokens made over HTTP, and the auditors' entries and oversight report, over real
 * HTTP on loopback.  Another agency's record answers 404 with nothing of it in the body,
 * and the refusal is on the audit trail.
 */
#include "http_client.h"

#include <stdio.h>
#include <string.h>

/* The number of elements of array NAME in the reply's JSON. */
static size_t
count_of(const struct reply *r, const char *name)
{
    json_t *o = json_loads(r->body, 0, NULL);
    size_t n = json_array_size(json_object_get(o, name));

    json_decref(o);
    return n;
}

/* The id of agency NAME, from the agency list. */
static void
agency_id(const struct signed_in *s, const char *name, char *out, size_t cap)
{
    struct reply r;
    json_t *o, *g;
    size_t i;

    get("GET /api/v1/agencies", s, "/api/v1/agencies", &r);
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

static void
http_pole_records_are_held_by_their_agency(void **state)
{
    struct signed_in analyst, council;
    char phone[32], loc[32], event[32], other[32], path[200], body[400], cursor[64];
    struct reply r;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &council);
    post("POST /api/v1/objects", &analyst, "/api/v1/objects",
         "{\"kind\":\"phone\",\"value\":\"07700 900123\",\"description\":\"pay as you go\"}", &r);
    created_id(&r, phone, sizeof phone);
    post("POST /api/v1/objects", &analyst, "/api/v1/objects",
         "{\"kind\":\"spaceship\",\"value\":\"x\"}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "kind"));
    post("POST /api/v1/objects", &analyst, "/api/v1/objects", "{\"kind\":\"phone\"}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "value"));
    snprintf(path, sizeof path, "/api/v1/objects/%s", phone);
    get("GET /api/v1/objects/{id}", &analyst, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "07700 900123"));
    assert_non_null(strstr(r.headers, "ETag: \"1\""));
    /* another agency: 404, and nothing of the record in the body */
    get("GET /api/v1/objects/{id}", &council, path, &r);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "07700"));
    assert_null(strstr(r.body, "pay as you go"));
    /* the same number written differently finds it */
    get("GET /api/v1/objects", &analyst, "/api/v1/objects?value=07700900123", &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(count_of(&r, "objects"), 1);
    get("GET /api/v1/objects", &council, "/api/v1/objects?value=07700900123", &r);
    assert_int_equal(count_of(&r, "objects"), 0);
    /* locations, and events that may point only at the agency's own locations */
    post("POST /api/v1/locations", &analyst, "/api/v1/locations",
         "{\"name\":\"Unit 4\",\"town\":\"Birmingham\",\"postcode\":\"b11 4aa\","
         "\"latitude\":52.4553,\"longitude\":-1.8369}",
         &r);
    created_id(&r, loc, sizeof loc);
    post("POST /api/v1/locations", &analyst, "/api/v1/locations", "{\"latitude\":52.4}", &r);
    assert_int_equal(r.status, 400);
    post("POST /api/v1/locations", &council, "/api/v1/locations", "{\"town\":\"Solihull\"}", &r);
    created_id(&r, other, sizeof other);
    get("GET /api/v1/locations", &analyst, "/api/v1/locations?postcode=B11", &r);
    assert_int_equal(count_of(&r, "locations"), 1);
    assert_non_null(strstr(r.body, "\"postcode\":\"B11 4AA\""));
    snprintf(body, sizeof body,
             "{\"kind\":\"purchase\",\"occurred_on\":\"2026-02\",\"location_id\":\"%s\"}", other);
    post("POST /api/v1/events", &analyst, "/api/v1/events", body, &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "location_id"));
    snprintf(body, sizeof body,
             "{\"kind\":\"purchase\",\"occurred_on\":\"2026-02\",\"location_id\":\"%s\"}", loc);
    post("POST /api/v1/events", &analyst, "/api/v1/events", body, &r);
    created_id(&r, event, sizeof event);
    post("POST /api/v1/events", &analyst, "/api/v1/events",
         "{\"kind\":\"purchase\",\"occurred_on\":\"2099-01-01\"}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "future"));
    snprintf(path, sizeof path, "/api/v1/events/%s", event);
    get("GET /api/v1/events/{id}", &analyst, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"occurred_on\":\"2026-02\""));
    get("GET /api/v1/events", &analyst, "/api/v1/events?kind=purchase", &r);
    assert_int_equal(count_of(&r, "events"), 1);
    /* pages: two objects a page, following next_cursor to the end */
    post("POST /api/v1/objects", &analyst, "/api/v1/objects",
         "{\"kind\":\"vehicle\",\"value\":\"AB12 CDE\"}", &r);
    post("POST /api/v1/objects", &analyst, "/api/v1/objects",
         "{\"kind\":\"email\",\"value\":\"someone@example.org\"}", &r);
    get("GET /api/v1/objects", &analyst, "/api/v1/objects?limit=2", &r);
    assert_int_equal(count_of(&r, "objects"), 2);
    member_of(&r, "next_cursor", cursor, sizeof cursor);
    snprintf(path, sizeof path, "/api/v1/objects?limit=2&cursor=%s", cursor);
    get("GET /api/v1/objects", &analyst, path, &r);
    assert_true(count_of(&r, "objects") >= 1);
    assert_null(strstr(r.body, cursor));
    get("GET /api/v1/objects", &analyst, "/api/v1/objects?limit=lots", &r);
    assert_int_equal(r.status, 400);
}

static void
http_links_are_decided_by_people_with_if_match(void **state)
{
    struct signed_in analyst, council;
    char person[32], phone[32], hidden[32], link[32], path[200], body[600];
    const char *put_h[] = { NULL, NULL, NULL, "Content-Type: application/json", NULL, NULL };
    static const char confirm[] = "{\"status\":\"confirmed\",\"reason\":\"subscriber check\"}";
    static const char reject[] = "{\"status\":\"rejected\",\"reason\":\"changed my mind\"}";
    static const char retract[] = "{\"status\":\"retracted\",\"reason\":\"no longer held\"}";
    struct reply r;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &council);
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Idris\",\"family\":\"Campbell\",\"dob\":\"1988\"}", &r);
    created_id(&r, person, sizeof person);
    post("POST /api/v1/objects", &analyst, "/api/v1/objects",
         "{\"kind\":\"phone\",\"value\":\"07700 900555\"}", &r);
    created_id(&r, phone, sizeof phone);
    post("POST /api/v1/objects", &council, "/api/v1/objects",
         "{\"kind\":\"phone\",\"value\":\"07700 900666\"}", &r);
    created_id(&r, hidden, sizeof hidden);
    snprintf(body, sizeof body,
             "{\"from\":{\"type\":\"person\",\"id\":\"%s\"},\"to\":{\"type\":\"object\",\"id\":"
             "\"%s\"},\"link_type\":\"uses\",\"provenance\":\"subscriber check\","
             "\"confidence\":0.8}",
             person, phone);
    post("POST /api/v1/links", &analyst, "/api/v1/links", body, &r);
    created_id(&r, link, sizeof link);
    /* an end of another agency is not found, however it is asked */
    snprintf(body, sizeof body,
             "{\"from\":{\"type\":\"person\",\"id\":\"%s\"},\"to\":{\"type\":\"object\",\"id\":"
             "\"%s\"},\"link_type\":\"uses\",\"provenance\":\"guess\",\"confidence\":0.1}",
             person, hidden);
    post("POST /api/v1/links", &analyst, "/api/v1/links", body, &r);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "900666"));
    post("POST /api/v1/links", &analyst, "/api/v1/links", "{\"link_type\":\"uses\"}", &r);
    assert_int_equal(r.status, 400);
    snprintf(path, sizeof path, "/api/v1/links?record=%s", person);
    get("GET /api/v1/links", &analyst, path, &r);
    assert_int_equal(count_of(&r, "links"), 1);
    assert_non_null(strstr(r.body, "\"status\":\"proposed\""));
    get("GET /api/v1/links", &analyst, "/api/v1/links", &r);
    assert_int_equal(r.status, 400);
    get("GET /api/v1/links", &council, path, &r);
    assert_int_equal(count_of(&r, "links"), 0);
    /* the decision: If-Match required, a stale version refused, then confirmed */
    put_h[0] = analyst.cookie;
    put_h[1] = analyst.csrf;
    put_h[2] = analyst.purpose;
    snprintf(path, sizeof path, "/api/v1/links/%s/status", link);
    http("PUT /api/v1/links/{id}/status", "PUT", path, put_h, confirm, sizeof confirm - 1, &r);
    assert_int_equal(r.status, 428);
    http("PUT /api/v1/links/{id}/status", "PUT", path, put_h, "{\"status\":\"confirmed\"}", 22, &r);
    assert_int_equal(r.status, 428); /* If-Match comes first; the reason is checked by the hub */
    put_h[4] = "If-Match: \"7\"";
    http("PUT /api/v1/links/{id}/status", "PUT", path, put_h, confirm, sizeof confirm - 1, &r);
    assert_int_equal(r.status, 412);
    put_h[4] = "If-Match: \"1\"";
    http("PUT /api/v1/links/{id}/status", "PUT", path, put_h, confirm, sizeof confirm - 1, &r);
    assert_int_equal(r.status, 204);
    assert_non_null(strstr(r.headers, "ETag: \"2\""));
    put_h[4] = "If-Match: \"2\"";
    http("PUT /api/v1/links/{id}/status", "PUT", path, put_h, reject, sizeof reject - 1, &r);
    assert_int_equal(r.status, 400); /* a confirmed link is retracted, not rejected */
    put_h[0] = council.cookie;
    put_h[1] = council.csrf;
    http("PUT /api/v1/links/{id}/status", "PUT", path, put_h, retract, sizeof retract - 1, &r);
    assert_int_equal(r.status, 404);
    /* record linkage proposes duplicates for people to decide */
    post("POST /api/v1/links/proposals", &analyst, "/api/v1/links/proposals",
         "{\"threshold\":0.95}", &r);
    assert_int_equal(r.status, 201);
    assert_non_null(strstr(r.body, "\"proposed\":"));
    post("POST /api/v1/links/proposals", &analyst, "/api/v1/links/proposals", "{\"threshold\":7}",
         &r);
    assert_int_equal(r.status, 400);
    snprintf(path, sizeof path, "/api/v1/links/%s", link);
    get("GET /api/v1/links/{id}", &analyst, path, &r);
    assert_non_null(strstr(r.body, "\"status\":\"confirmed\""));
    assert_non_null(strstr(r.headers, "ETag: \"2\""));
}

static void
http_cases_are_seen_by_lead_and_members(void **state)
{
    struct signed_in analyst, council;
    char case_id[32], council_id[32] = "", path[200], body[200];
    struct reply r;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &council);
    post("POST /api/v1/cases", &analyst, "/api/v1/cases",
         "{\"type\":\"prevent_referral\",\"title\":\"Referral 12\"}", &r);
    created_id(&r, case_id, sizeof case_id);
    post("POST /api/v1/cases", &analyst, "/api/v1/cases", "{\"type\":\"party\",\"title\":\"x\"}",
         &r);
    assert_int_equal(r.status, 400);
    snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
    get("GET /api/v1/cases/{id}", &analyst, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"role\":\"lead\""));
    get("GET /api/v1/cases/{id}", &council, path, &r);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "Referral 12"));
    agency_id(&analyst, "Birmingham City Council", council_id, sizeof council_id);
    snprintf(body, sizeof body, "{\"agency_id\":\"%s\",\"role\":\"chair\"}", council_id);
    snprintf(path, sizeof path, "/api/v1/cases/%s/members", case_id);
    post("POST /api/v1/cases/{id}/members", &council, path, body, &r);
    assert_int_equal(r.status, 404); /* not the lead, not yet a member */
    post("POST /api/v1/cases/{id}/members", &analyst, path, body, &r);
    assert_int_equal(r.status, 204);
    post("POST /api/v1/cases/{id}/members", &analyst, path, body, &r);
    assert_int_equal(r.status, 409);
    snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
    get("GET /api/v1/cases/{id}", &council, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"role\":\"chair\""));
}

static void
http_admins_manage_the_partnership_and_tokens(void **state)
{
    struct signed_in admin, analyst, newcomer, sandwell_admin;
    char agency[32], user[32], grant[32], token[128], token_id[32], auth[200], path[200], body[400];
    const char *bearer[] = { auth, "Accord-Purpose: token test", NULL };
    const char *people_h[] = { NULL, NULL };
    struct reply r;

    (void)state;
    sign_in("admin", &admin);
    sign_in("ctp.analyst", &analyst);
    post("POST /api/v1/agencies", &admin, "/api/v1/agencies",
         "{\"name\":\"Sandwell Council\",\"kind\":\"local_authority\",\"country\":\"GB\"}", &r);
    created_id(&r, agency, sizeof agency);
    post("POST /api/v1/agencies", &admin, "/api/v1/agencies",
         "{\"name\":\"Sandwell Council\",\"kind\":\"local_authority\",\"country\":\"GB\"}", &r);
    assert_int_equal(r.status, 409);
    post("POST /api/v1/agencies", &analyst, "/api/v1/agencies",
         "{\"name\":\"Rogue\",\"kind\":\"local_authority\",\"country\":\"GB\"}", &r);
    assert_int_equal(r.status, 403);
    /* the hub's administrator appoints Sandwell's administrator, who makes Sandwell's
     * staff; nobody sets another's password; a content role waits for a second
     * administrator, never the one who asked (issue 13) */
    snprintf(body, sizeof body,
             "{\"username\":\"sandwell.prevent\",\"display_name\":\"Sandwell Prevent lead\","
             "\"agency_id\":\"%s\",\"vetting\":\"ctc\",\"roles\":\"caseworker\"}",
             agency);
    post("POST /api/v1/users", &admin, "/api/v1/users", body, &r);
    assert_int_equal(r.status, 403);
    snprintf(body, sizeof body,
             "{\"username\":\"sandwell.admin\",\"display_name\":\"Sandwell administrator\","
             "\"agency_id\":\"%s\",\"vetting\":\"bpss\",\"roles\":\"admin\","
             "\"password\":\"%s\"}",
             agency, PASSWORD);
    post("POST /api/v1/users", &admin, "/api/v1/users", body, &r);
    assert_int_equal(r.status, 400); /* an administrator sets no password */
    snprintf(body, sizeof body,
             "{\"username\":\"sandwell.admin\",\"display_name\":\"Sandwell administrator\","
             "\"agency_id\":\"%s\",\"vetting\":\"bpss\",\"roles\":\"admin\"}",
             agency);
    post("POST /api/v1/users", &admin, "/api/v1/users", body, &r);
    created_id(&r, user, sizeof user);
    enrol_with_answer(&r, "sandwell.admin", PASSWORD);
    sign_in("sandwell.admin", &sandwell_admin);
    snprintf(body, sizeof body,
             "{\"username\":\"sandwell.prevent\",\"display_name\":\"Sandwell Prevent lead\","
             "\"agency_id\":\"%s\",\"vetting\":\"ctc\",\"roles\":\"caseworker\"}",
             agency);
    post("POST /api/v1/users", &sandwell_admin, "/api/v1/users", body, &r);
    created_id(&r, user, sizeof user);
    assert_non_null(strstr(r.body, "\"waits_for_approval\":true"));
    enrol_with_answer(&r, "sandwell.prevent", PASSWORD);
    post("POST /api/v1/users", &admin, "/api/v1/users", "{\"username\":\"x\"}", &r);
    assert_int_equal(r.status, 400);
    get("GET /api/v1/grants", &sandwell_admin, "/api/v1/grants", &r);
    assert_int_equal(r.status, 200);
    member_of_named(&r, "sandwell.prevent", grant, sizeof grant);
    snprintf(path, sizeof path, "/api/v1/grants/%s/approve", grant);
    post("POST /api/v1/grants/{id}/approve", &sandwell_admin, path, NULL, &r);
    assert_int_equal(r.status, 403); /* the one who asked does not approve */
    post("POST /api/v1/grants/{id}/approve", &admin, path, NULL, &r);
    assert_int_equal(r.status, 204);
    sign_in("sandwell.prevent", &newcomer); /* active once approved, with the password it set */
    people_h[0] = admin.cookie;
    http("GET /api/v1/users", "GET", "/api/v1/users", people_h, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "sandwell.prevent"));
    /* a token made over HTTP: shown once, scoped, revocable; for oneself only */
    post("POST /api/v1/tokens", &admin, "/api/v1/tokens",
         "{\"username\":\"ctp.analyst\",\"scopes\":\"records:read\","
         "\"expires_at\":\"2027-01-01T00:00:00Z\"}",
         &r);
    assert_int_equal(r.status, 403);
    post("POST /api/v1/tokens", &analyst, "/api/v1/tokens",
         "{\"username\":\"ctp.analyst\",\"scopes\":\"records:read\","
         "\"expires_at\":\"2027-01-01T00:00:00Z\"}",
         &r);
    assert_int_equal(r.status, 201);
    member_of(&r, "token", token, sizeof token);
    member_of(&r, "id", token_id, sizeof token_id);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    http("GET /api/v1/objects", "GET", "/api/v1/objects", bearer, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    http("GET /api/v1/persons", "GET", "/api/v1/persons?name=smith", bearer, NULL, 0, &r);
    assert_int_equal(r.status, 403); /* not in its scopes */
    http("GET /api/v1/users", "GET", "/api/v1/users", bearer, NULL, 0, &r);
    assert_int_equal(r.status, 403); /* tokens never manage the partnership */
    {
        const char *h[] = { admin.cookie, admin.csrf, NULL };
        const char *own[] = { analyst.cookie, analyst.csrf, NULL };

        snprintf(path, sizeof path, "/api/v1/tokens/%s", token_id);
        http("DELETE /api/v1/tokens/{id}", "DELETE", path, h, NULL, 0, &r);
        assert_int_equal(r.status, 403); /* not the administrator's to revoke */
        http("DELETE /api/v1/tokens/{id}", "DELETE", path, own, NULL, 0, &r);
        assert_int_equal(r.status, 204);
    }
    http("GET /api/v1/objects", "GET", "/api/v1/objects", bearer, NULL, 0, &r);
    assert_int_equal(r.status, 401);
}

static void
http_auditors_page_entries_and_read_the_oversight_report(void **state)
{
    struct signed_in analyst, council, auditor;
    char phone[32], path[200], cursor[32];
    struct reply r;
    const char *no_purpose[] = { NULL, NULL };

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &council);
    sign_in("oversight.auditor", &auditor);
    post("POST /api/v1/objects", &analyst, "/api/v1/objects",
         "{\"kind\":\"vehicle\",\"value\":\"XY99 ZZZ\"}", &r);
    created_id(&r, phone, sizeof phone);
    snprintf(path, sizeof path, "/api/v1/objects/%s", phone);
    get("GET /api/v1/objects/{id}", &analyst, path, &r);
    get("GET /api/v1/objects/{id}", &council, path, &r);
    assert_int_equal(r.status, 404);
    /* the council's refused read is on the trail, with its purpose */
    snprintf(path, sizeof path, "/api/v1/audit/entries?record=%s", phone);
    get("GET /api/v1/audit/entries", &auditor, path, &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(count_of(&r, "entries"), 3);
    assert_non_null(strstr(r.body, "\"username\":\"council.prevent\""));
    assert_non_null(strstr(r.body, "\"outcome\":\"denied\""));
    snprintf(path, sizeof path, "/api/v1/audit/entries?record=%s&limit=2", phone);
    get("GET /api/v1/audit/entries", &auditor, path, &r);
    assert_int_equal(count_of(&r, "entries"), 2);
    member_of(&r, "next_cursor", cursor, sizeof cursor);
    snprintf(path, sizeof path, "/api/v1/audit/entries?record=%s&limit=2&cursor=%s", phone, cursor);
    get("GET /api/v1/audit/entries", &auditor, path, &r);
    assert_true(count_of(&r, "entries") >= 1); /* the refusal, and the auditor's own reads */
    assert_non_null(strstr(r.body, "council.prevent"));
    get("GET /api/v1/audit/entries", &auditor, "/api/v1/audit/entries", &r);
    assert_int_equal(r.status, 400);
    snprintf(path, sizeof path, "/api/v1/audit/entries?record=%s", phone);
    get("GET /api/v1/audit/entries", &analyst, path, &r);
    assert_int_equal(r.status, 403);
    get("GET /api/v1/oversight", &auditor, "/api/v1/oversight?since=2020-01-01", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"outcome\":\"denied\""));
    get("GET /api/v1/oversight", &auditor, "/api/v1/oversight?since=yesterday", &r);
    assert_int_equal(r.status, 400);
    get("GET /api/v1/oversight", &analyst, "/api/v1/oversight", &r);
    assert_int_equal(r.status, 403);
    no_purpose[0] = auditor.cookie;
    http("GET /api/v1/oversight", "GET", "/api/v1/oversight", no_purpose, NULL, 0, &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "Accord-Purpose"));
}

/* Search finds every spelling (issue 15.6): a variant and another script, each answer
 * with its score and explanation as fields, never another agency's record. */
static void
http_person_search_ranks_spellings_with_explanations(void **state)
{
    struct signed_in analyst, council;
    char mine[32], theirs[32], cyr[32];
    struct reply r;
    json_t *doc, *first;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &council);
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Muhammad\",\"family\":\"Qaddourah\",\"dob\":\"1984-02\"}", &r);
    created_id(&r, mine, sizeof mine);
    post("POST /api/v1/persons", &council, "/api/v1/persons",
         "{\"given\":\"Muhammad\",\"family\":\"Qaddourah\"}", &r);
    created_id(&r, theirs, sizeof theirs);
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"\u041e\u043b\u0435\u043d\u0430\",\"family\":"
         "\"\u041f\u0435\u0442\u0440\u0435\u043d\u043a\u043e\u0432\u0430\"}",
         &r);
    created_id(&r, cyr, sizeof cyr);

    get("GET /api/v1/persons", &analyst, "/api/v1/persons?name=mohammed%20qaddourah", &r);
    assert_int_equal(r.status, 200);
    doc = json_loads(r.body, 0, NULL);
    assert_non_null(doc);
    assert_int_equal(json_array_size(json_object_get(doc, "persons")), 1);
    first = json_array_get(json_object_get(doc, "persons"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "id")), mine);
    assert_true(json_is_real(json_object_get(first, "score")));
    assert_true(json_real_value(json_object_get(first, "score")) >= 0.75);
    assert_non_null(
        strstr(json_string_value(json_object_get(first, "explanation")), "mohammed=muhammad"));
    assert_null(strstr(r.body, theirs));
    json_decref(doc);
    /* a date of birth that differs narrows it out */
    get("GET /api/v1/persons", &analyst, "/api/v1/persons?name=mohammed%20qaddourah&dob=1985", &r);
    assert_int_equal(count_of(&r, "persons"), 0);
    /* a date that is no date: the refusal names the field, for the form to show it there */
    get("GET /api/v1/persons", &analyst, "/api/v1/persons?name=mohammed&dob=1980-13", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "\"detail\":\"dob: month 13"));
    get("GET /api/v1/persons", &analyst, "/api/v1/persons?name=petrenkova", &r);
    assert_int_equal(count_of(&r, "persons"), 1);
    assert_non_null(strstr(r.body, cyr));
    assert_non_null(strstr(r.body, "\"explanation\":\"primary name"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_pole_records_are_held_by_their_agency),
        cmocka_unit_test(http_person_search_ranks_spellings_with_explanations),
        cmocka_unit_test(http_links_are_decided_by_people_with_if_match),
        cmocka_unit_test(http_cases_are_seen_by_lead_and_members),
        cmocka_unit_test(http_admins_manage_the_partnership_and_tokens),
        cmocka_unit_test(http_auditors_page_entries_and_read_the_oversight_report),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
