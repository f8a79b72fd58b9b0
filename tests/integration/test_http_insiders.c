/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_insiders.c - issue 13's insider attacks on data leaving the hub, over real
 * HTTP on loopback:
 *
 *   - every list route names, in its audit entry, the ids it returned, so the auditor's
 *     "who accessed X" finds a read of X through a list, a search or the deadlines;
 *   - case content (the case, its timeline, notes, next steps, steps) is refused to the
 *     administrator, the auditor, the reporter of an observer agency and a member vetted
 *     below what the case needs;
 *   - a disclosure is frozen: the originator's edit after release never reaches the
 *     recipient, who keeps the released text at the disclosure's version 1;
 *   - issue 14: intelligence-service material (iss) disclosed into a Channel case under
 *     CTSA 2015 s.38, the very section whose s.38(4)-(5) excludes it, is refused, and the
 *     council members of the case never read it, even under SSA 1989 s.2(2)(a) with the
 *     originator's explicit release; OFFICIAL UK EYES ONLY is refused (GSCP 2024).
 */
#include "http_client.h"

#include <stdio.h>
#include <string.h>

/* The string KEY of the first element of the array ARRAY in the reply, into OUT. */
static void
first_of(const struct reply *r, const char *array, const char *key, char *out, size_t cap)
{
    json_t *o = json_loads(r->body, 0, NULL);
    json_t *arr = o != NULL ? json_object_get(o, array) : NULL;
    const char *v = json_string_value(json_object_get(json_array_get(arr, 0), key));

    if (v == NULL) {
        fail_msg("no %s[0].%s in %.300s", array, key, r->body);
    }
    snprintf(out, cap, "%s", v);
    json_decref(o);
}

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

/* The auditor asks who accessed ID: an entry by USERNAME whose detail lists ID among the
 * results of a list must be there. */
static void
assert_read_through_list(struct signed_in *auditor,
                         const char *route,
                         const char *id,
                         const char *username)
{
    char path[200];
    struct reply r;
    json_t *o, *e;
    bool found = false;
    size_t i;

    snprintf(path, sizeof path, "/api/v1/audit/entries?record=%s&limit=500", id);
    get("GET /api/v1/audit/entries", auditor, path, &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    json_array_foreach(json_object_get(o, "entries"), i, e)
    {
        const char *user = json_string_value(json_object_get(e, "username"));
        const char *detail = json_string_value(json_object_get(e, "detail"));

        found |= user != NULL && strcmp(user, username) == 0 && detail != NULL &&
                 strstr(detail, "results:") != NULL && strstr(detail, id) != NULL;
    }
    json_decref(o);
    if (!found) {
        fail_msg("%s: who-accessed %s does not show %s's list", route, id, username);
    }
}

/* The id of the agency called NAME, from the agency list. */
static void
agency_named(struct signed_in *s, const char *name, char *out, size_t cap)
{
    struct reply r;
    json_t *o, *g;
    size_t i;

    out[0] = '\0';
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
http_every_list_route_names_the_records_it_returned(void **state)
{
    struct signed_in analyst, admin, auditor, reporter, council;
    char person[40], object[40], location[40], event[40], link[40], item[40], report[40];
    char kase[40], id[40], path[200], body[600];
    struct reply r;
    /* each list route, who lists, where, the array and the field holding the id */
    struct {
        const char *route;
        struct signed_in *who;
        const char *user;
        const char *path;
        const char *array, *key;
        const char *expect; /* the record it must return (and name) */
    } routes[] = {
        { "GET /api/v1/persons", &analyst, "ctp.analyst", "/api/v1/persons?name=Okonkwo", "persons",
          "id", person },
        { "GET /api/v1/objects", &analyst, "ctp.analyst", "/api/v1/objects?value=07700900777",
          "objects", "id", object },
        { "GET /api/v1/locations", &analyst, "ctp.analyst", "/api/v1/locations?postcode=B12",
          "locations", "id", location },
        { "GET /api/v1/events", &analyst, "ctp.analyst", "/api/v1/events?kind=rendezvous", "events",
          "id", event },
        { "GET /api/v1/links", &analyst, "ctp.analyst", NULL, "links", "id", link },
        { "GET /api/v1/items", &analyst, "ctp.analyst", "/api/v1/items", "items", "id", item },
        { "GET /api/v1/users", &admin, "admin", "/api/v1/users", "users", "id", NULL },
        { "GET /api/v1/reports", &reporter, "retail.reporter", "/api/v1/reports", "reports", "id",
          report },
        { "GET /api/v1/deadlines", &council, "council.prevent", "/api/v1/deadlines?within_days=30",
          "deadlines", "case_id", kase },
        { "GET /api/v1/cases", &council, "council.prevent", "/api/v1/cases", "cases", "id", kase },
    };
    char link_path[200];

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("admin", &admin);
    sign_in("oversight.auditor", &auditor);
    sign_in("retail.reporter", &reporter);
    sign_in("council.prevent", &council);
    /* records to list */
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Chidi\",\"family\":\"Okonkwo\",\"dob\":\"1990\"}", &r);
    created_id(&r, person, sizeof person);
    post("POST /api/v1/objects", &analyst, "/api/v1/objects",
         "{\"kind\":\"phone\",\"value\":\"07700 900777\"}", &r);
    created_id(&r, object, sizeof object);
    post("POST /api/v1/locations", &analyst, "/api/v1/locations",
         "{\"town\":\"Birmingham\",\"postcode\":\"B12 0XX\"}", &r);
    created_id(&r, location, sizeof location);
    snprintf(body, sizeof body, "{\"kind\":\"rendezvous\",\"location_id\":\"%s\"}", location);
    post("POST /api/v1/events", &analyst, "/api/v1/events", body, &r);
    created_id(&r, event, sizeof event);
    snprintf(body, sizeof body,
             "{\"from\":{\"type\":\"person\",\"id\":\"%s\"},\"to\":{\"type\":\"object\",\"id\":"
             "\"%s\"},\"link_type\":\"uses\",\"provenance\":\"subscriber check\","
             "\"confidence\":0.8}",
             person, object);
    post("POST /api/v1/links", &analyst, "/api/v1/links", body, &r);
    created_id(&r, link, sizeof link);
    snprintf(link_path, sizeof link_path, "/api/v1/links?record=%s", person);
    routes[4].path = link_path;
    post("POST /api/v1/items", &analyst, "/api/v1/items",
         "{\"body\":\"Seen at the unit twice.\",\"classification\":\"secret\",\"grade\":\"2BP\"}",
         &r);
    created_id(&r, item, sizeof item);
    post("POST /api/v1/reports", &reporter, "/api/v1/reports",
         "{\"kind\":\"attempt\",\"occurred_at\":\"2026-01-10T10:00:00Z\","
         "\"substance\":\"hydrogen peroxide\",\"concentration\":35,\"quantity\":\"4 x 5 L\","
         "\"payment\":\"cash\",\"buyer_name\":\"A Buyer\",\"indicators\":[\"nervous\"]}",
         &r);
    created_id(&r, report, sizeof report);
    post("POST /api/v1/cases", &council, "/api/v1/cases",
         "{\"type\":\"prevent_referral\",\"title\":\"Referral L\"}", &r);
    created_id(&r, kase, sizeof kase);
    snprintf(path, sizeof path, "/api/v1/cases/%s/steps", kase);
    post("POST /api/v1/cases/{id}/steps", &council, path,
         "{\"step\":\"refer\",\"rationale\":\"school concern\",\"fields\":{\"referrer_sector\":"
         "\"education\",\"concern\":\"other\"}}",
         &r);
    assert_int_equal(r.status, 200);
    /* each list is read, then the auditor finds the read under the record's id */
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        get(routes[i].route, routes[i].who, routes[i].path, &r);
        assert_int_equal(r.status, 200);
        if (routes[i].expect != NULL) {
            if (!lists(&r, routes[i].array, routes[i].key, routes[i].expect)) {
                fail_msg("%s did not return %s", routes[i].route, routes[i].expect);
            }
            snprintf(id, sizeof id, "%s", routes[i].expect);
        } else {
            first_of(&r, routes[i].array, routes[i].key, id, sizeof id);
        }
        assert_read_through_list(&auditor, routes[i].route, id, routes[i].user);
    }
}

/* The case attacks: an SOI case of the CTU, read by every insider who must not. */
static void
http_case_content_needs_role_vetting_and_membership(void **state)
{
    struct signed_in analyst, caseworker, admin, auditor, reporter, council;
    char soi[40], retail[40], council_id[40], path[200], body[200];
    struct reply r;
    struct signed_in *attackers[] = { &admin, &auditor, &reporter, &council };
    const char *names[] = { "administrator", "auditor", "observer's reporter",
                            "member vetted below SC" };

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("ctp.caseworker", &caseworker);
    sign_in("admin", &admin);
    sign_in("oversight.auditor", &auditor);
    sign_in("retail.reporter", &reporter);
    sign_in("council.prevent", &council);
    post("POST /api/v1/cases", &analyst, "/api/v1/cases",
         "{\"type\":\"soi\",\"title\":\"Operation Kestrel subject 4\"}", &r);
    created_id(&r, soi, sizeof soi);
    snprintf(path, sizeof path, "/api/v1/cases/%s/notes", soi);
    post("POST /api/v1/cases/{id}/notes", &analyst, path, "{\"text\":\"covert source met\"}", &r);
    assert_int_equal(r.status, 204);
    /* the retailer's agency is added as an observer, the council as a member */
    agency_named(&analyst, "Brindley Chemicals Ltd", retail, sizeof retail);
    agency_named(&analyst, "Birmingham City Council", council_id, sizeof council_id);
    snprintf(path, sizeof path, "/api/v1/cases/%s/members", soi);
    snprintf(body, sizeof body, "{\"agency_id\":\"%s\",\"role\":\"observer\"}", retail);
    post("POST /api/v1/cases/{id}/members", &analyst, path, body, &r);
    assert_int_equal(r.status, 204);
    snprintf(body, sizeof body, "{\"agency_id\":\"%s\",\"role\":\"member\"}", council_id);
    post("POST /api/v1/cases/{id}/members", &analyst, path, body, &r);
    assert_int_equal(r.status, 204);
    /* the lead agency's SC caseworker reads it: the rule lets the right people in */
    snprintf(path, sizeof path, "/api/v1/cases/%s/timeline", soi);
    get("GET /api/v1/cases/{id}/timeline", &caseworker, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "covert source met"));
    for (size_t i = 0; i < sizeof attackers / sizeof attackers[0]; i++) {
        struct signed_in *a = attackers[i];

        snprintf(path, sizeof path, "/api/v1/cases/%s/timeline", soi);
        get("GET /api/v1/cases/{id}/timeline", a, path, &r);
        if (r.status != 404 || strstr(r.body, "covert source") != NULL) {
            fail_msg("the %s read the SOI timeline (%ld)", names[i], r.status);
        }
        snprintf(path, sizeof path, "/api/v1/cases/%s", soi);
        get("GET /api/v1/cases/{id}", a, path, &r);
        assert_int_equal(r.status, 404);
        assert_null(strstr(r.body, "Kestrel"));
        /* nor does finding cases show it (issue 14, point 9) */
        get("GET /api/v1/cases", a, "/api/v1/cases", &r);
        if (r.status == 200 && (strstr(r.body, soi) != NULL || strstr(r.body, "Kestrel") != NULL)) {
            fail_msg("the %s found the SOI case in GET /cases", names[i]);
        }
        snprintf(path, sizeof path, "/api/v1/cases/%s/next", soi);
        get("GET /api/v1/cases/{id}/next", a, path, &r);
        assert_int_equal(r.status, 404);
        snprintf(path, sizeof path, "/api/v1/cases/%s/notes", soi);
        post("POST /api/v1/cases/{id}/notes", a, path, "{\"text\":\"planted\"}", &r);
        if (r.status != 404) {
            fail_msg("the %s added a note to the SOI case (%ld)", names[i], r.status);
        }
        snprintf(path, sizeof path, "/api/v1/cases/%s/steps", soi);
        post("POST /api/v1/cases/{id}/steps", a, path, "{\"step\":\"close\",\"rationale\":\"x\"}",
             &r);
        assert_int_equal(r.status, 404);
    }
    /* and nothing the attackers tried reached the timeline */
    snprintf(path, sizeof path, "/api/v1/cases/%s/timeline", soi);
    get("GET /api/v1/cases/{id}/timeline", &caseworker, path, &r);
    assert_null(strstr(r.body, "planted"));
}

/* The disclosure attack: the originator edits after release. */
static void
http_a_disclosure_keeps_the_version_it_released(void **state)
{
    struct signed_in analyst, council;
    char item[40], council_id[40], path[200], body[600], etag[16];
    struct reply r;
    static const char edit[] = "{\"body\":\"Subject met source CORAL at the unit.\"}";

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &council);
    agency_named(&analyst, "Birmingham City Council", council_id, sizeof council_id);
    post("POST /api/v1/items", &analyst, "/api/v1/items",
         "{\"body\":\"Subject seen at the unit twice.\",\"classification\":\"official\","
         "\"grade\":\"2BP\"}",
         &r);
    created_id(&r, item, sizeof item);
    /* released whole (no redacted text), at its own marking: live at once */
    snprintf(body, sizeof body,
             "{\"item_id\":\"%s\",\"recipient_agency_id\":\"%s\",\"classification\":"
             "\"official\",\"lawful_basis\":\"cta2008-s19\",\"expires_at\":"
             "\"2099-01-01T00:00:00Z\"}",
             item, council_id);
    post("POST /api/v1/disclosures", &analyst, "/api/v1/disclosures", body, &r);
    assert_int_equal(r.status, 201);
    snprintf(path, sizeof path, "/api/v1/items/%s", item);
    get("GET /api/v1/items/{id}", &council, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "Subject seen at the unit twice."));
    assert_non_null(strstr(r.headers, "ETag: \"1\""));
    /* the originator edits the original after the release */
    {
        const char *put_h[] = { analyst.cookie,    analyst.csrf,
                                analyst.purpose,   "Content-Type: application/json",
                                "If-Match: \"1\"", NULL };

        http("PUT /api/v1/items/{id}", "PUT", path, put_h, edit, sizeof edit - 1, &r);
        assert_int_equal(r.status, 204);
    }
    get("GET /api/v1/items/{id}", &analyst, path, &r);
    assert_non_null(strstr(r.body, "CORAL"));
    /* the recipient still sees the released text, at the disclosure's version 1 */
    get("GET /api/v1/items/{id}", &council, path, &r);
    assert_int_equal(r.status, 200);
    assert_null(strstr(r.body, "CORAL"));
    assert_non_null(strstr(r.body, "Subject seen at the unit twice."));
    assert_non_null(strstr(r.headers, "ETag: \"1\""));
    get("GET /api/v1/items", &council, "/api/v1/items", &r);
    assert_null(strstr(r.body, "CORAL"));
    /* sharing the change takes a new release */
    post("POST /api/v1/disclosures", &analyst, "/api/v1/disclosures", body, &r);
    assert_int_equal(r.status, 201);
    get("GET /api/v1/items/{id}", &council, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "CORAL"));
    snprintf(etag, sizeof etag, "ETag: \"%d\"", 1);
    assert_non_null(strstr(r.headers, etag));
}

/* Issue 14 point 1: the iss-into-Channel disclosure, performed as a user would. */
static void
http_iss_material_never_reaches_a_channel_case_under_s38(void **state)
{
    struct signed_in analyst, council;
    char item[40], channel[40], ctu_id[40], path[200], body[600];
    struct reply r;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &council);
    agency_named(&council, "West Midlands Counter Terrorism Unit", ctu_id, sizeof ctu_id);
    post("POST /api/v1/cases", &council, "/api/v1/cases",
         "{\"type\":\"channel\",\"title\":\"Channel 14\"}", &r);
    created_id(&r, channel, sizeof channel);
    snprintf(path, sizeof path, "/api/v1/cases/%s/members", channel);
    snprintf(body, sizeof body, "{\"agency_id\":\"%s\",\"role\":\"member\"}", ctu_id);
    post("POST /api/v1/cases/{id}/members", &council, path, body, &r);
    assert_int_equal(r.status, 204);
    post("POST /api/v1/items", &analyst, "/api/v1/items",
         "{\"body\":\"MI5 reporting: subject in contact with ISS-TARGET.\","
         "\"classification\":\"secret\",\"grade\":\"2BP\",\"caveats\":\"iss\"}",
         &r);
    created_id(&r, item, sizeof item);
    /* the attack: cite CTSA 2015 s.38 to put it in the Channel case */
    snprintf(body, sizeof body,
             "{\"item_id\":\"%s\",\"recipient_case_id\":\"%s\",\"classification\":"
             "\"secret\",\"lawful_basis\":\"ctsa2015-s38\",\"release_iss\":true,"
             "\"expires_at\":\"2099-01-01T00:00:00Z\"}",
             item, channel);
    post("POST /api/v1/disclosures", &analyst, "/api/v1/disclosures", body, &r);
    assert_int_equal(r.status, 403);
    assert_non_null(strstr(r.body, "ssa1989-s2 or cta2008-s19"));
    snprintf(path, sizeof path, "/api/v1/items/%s", item);
    get("GET /api/v1/items/{id}", &council, path, &r);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "ISS-TARGET"));
    /* a gateway that carries it still needs the originator's explicit release */
    snprintf(body, sizeof body,
             "{\"item_id\":\"%s\",\"recipient_case_id\":\"%s\",\"classification\":"
             "\"secret\",\"lawful_basis\":\"ssa1989-s2\",\"expires_at\":"
             "\"2099-01-01T00:00:00Z\"}",
             item, channel);
    post("POST /api/v1/disclosures", &analyst, "/api/v1/disclosures", body, &r);
    assert_int_equal(r.status, 403);
    assert_non_null(strstr(r.body, "release_iss"));
    snprintf(body, sizeof body,
             "{\"item_id\":\"%s\",\"recipient_case_id\":\"%s\",\"classification\":"
             "\"secret\",\"lawful_basis\":\"ssa1989-s2\",\"release_iss\":\"yes\","
             "\"expires_at\":\"2099-01-01T00:00:00Z\"}",
             item, channel);
    post("POST /api/v1/disclosures", &analyst, "/api/v1/disclosures", body, &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "release_iss: expected true or false"));
    snprintf(body, sizeof body,
             "{\"item_id\":\"%s\",\"recipient_case_id\":\"%s\",\"classification\":"
             "\"secret\",\"lawful_basis\":\"ssa1989-s2\",\"release_iss\":true,"
             "\"expires_at\":\"2099-01-01T00:00:00Z\"}",
             item, channel);
    post("POST /api/v1/disclosures", &analyst, "/api/v1/disclosures", body, &r);
    assert_int_equal(r.status, 201);
    /* released lawfully into the case, it is still never read by the council's members */
    get("GET /api/v1/items/{id}", &council, path, &r);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "ISS-TARGET"));
    get("GET /api/v1/items", &council, "/api/v1/items", &r);
    assert_int_equal(r.status, 200);
    assert_null(strstr(r.body, item));
}

/* Issue 14 point 4: a national caveat below SECRET is refused, naming the rule; a legacy
 * 5x5x5 grading is read as 3x5x2. */
static void
http_official_uk_eyes_only_is_refused(void **state)
{
    struct signed_in analyst;
    struct reply r;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    post("POST /api/v1/items", &analyst, "/api/v1/items",
         "{\"body\":\"UKEO test.\",\"classification\":\"official\",\"grade\":\"2BP\","
         "\"caveats\":\"uk_eyes_only\"}",
         &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "applies only to SECRET and TOP SECRET"));
    post("POST /api/v1/items", &analyst, "/api/v1/items",
         "{\"body\":\"UKEO test.\",\"classification\":\"official_sensitive\","
         "\"grade\":\"2BP\",\"caveats\":\"uk_eyes_only\"}",
         &r);
    assert_int_equal(r.status, 400);
    post("POST /api/v1/items", &analyst, "/api/v1/items",
         "{\"body\":\"UKEO test.\",\"classification\":\"secret\",\"grade\":\"2BP\","
         "\"caveats\":\"uk_eyes_only\"}",
         &r);
    assert_int_equal(r.status, 201);
    /* a legacy 5x5x5 grading is stored as 3x5x2 (data/grading/5x5x5_to_3x5x2.csv) */
    post("POST /api/v1/items", &analyst, "/api/v1/items",
         "{\"body\":\"Legacy.\",\"classification\":\"official\",\"legacy_grade\":\"C35\"}", &r);
    assert_int_equal(r.status, 201);
    {
        char id[40], path[200];

        created_id(&r, id, sizeof id);
        snprintf(path, sizeof path, "/api/v1/items/%s", id);
        get("GET /api/v1/items/{id}", &analyst, path, &r);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body, "\"grade\":\"3BC\""));
        assert_non_null(strstr(r.body, "refer to the originator"));
    }
    post("POST /api/v1/items", &analyst, "/api/v1/items",
         "{\"body\":\"Legacy.\",\"classification\":\"official\",\"legacy_grade\":\"C3\"}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "legacy grade"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_every_list_route_names_the_records_it_returned),
        cmocka_unit_test(http_case_content_needs_role_vetting_and_membership),
        cmocka_unit_test(http_a_disclosure_keeps_the_version_it_released),
        cmocka_unit_test(http_iss_material_never_reaches_a_channel_case_under_s38),
        cmocka_unit_test(http_official_uk_eyes_only_is_refused),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
