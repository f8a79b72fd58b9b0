/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_holdings.c - discoverable holdings, requests for information and person
 * disclosures over real HTTP on loopback (issue 15.2-4), on the demo hub: the CT analyst
 * sees the council's pointer but not the Security Service's holding; asks the council,
 * which answers with two fields; the analyst reads them, frozen; revocation removes them
 * at once; and an undiscoverable holding changes no answer of these routes.  Until the
 * subjects of issue 15.1 land, "the same person" is a confirmed same_person link across two
 * agencies, written here straight into the database (no call makes one).
 */
#include "http_client.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Run SQL with A and B bound as ?1 and ?2 on the server's database. */
static void
sql(const char *text, const char *a, const char *b)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;

    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    assert_int_equal(sqlite3_prepare_v2(db, text, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* Join records A and B as the same person (the stand-in for a subject). */
static void
same_person(const char *a, const char *b)
{
    sql("INSERT INTO links (id, agency_id, from_type, from_id, to_type, to_id, link_type,"
        " provenance, confidence, status, review_date, created_by, created_at, updated_at)"
        " SELECT 'HTTPLINK' || ?1, agency_id, 'person', ?1, 'person', ?2, 'same_person', 'test',"
        " 1, 'confirmed', '2027-01-01', created_by, created_at, created_at FROM persons"
        " WHERE id = ?1",
        a, b);
}

static void
add_person(struct signed_in *s, char *id, size_t cap)
{
    struct reply r;

    post("POST /api/v1/persons", s, "/api/v1/persons",
         "{\"given\":\"Idris\",\"family\":\"Vantongeren\",\"dob\":\"1987-02-11\"}", &r);
    created_id(&r, id, cap);
}

/* The string member NAME of the first element of array ARRAY in R's JSON, or "". */
static void
first_of(const struct reply *r, const char *array, const char *name, char *out, size_t cap)
{
    json_t *o = json_loads(r->body, 0, NULL);
    json_t *e = json_array_get(json_object_get(o, array), 0);
    const char *v = json_string_value(json_object_get(e, name));

    snprintf(out, cap, "%s", v != NULL ? v : "");
    json_decref(o);
}

/* The frozen copy ("released") of disclosure PD in the picture R, as JSON text; "" when the
 * picture has no such disclosure.  Checks the part's source on the way. */
static void
picture_disclosure(const struct reply *r, const char *pd, char *out, size_t cap)
{
    json_t *o = json_loads(r->body, 0, NULL), *e;
    size_t i;

    out[0] = '\0';
    json_array_foreach(json_object_get(o, "disclosures"), i, e)
    {
        json_t *d = json_object_get(e, "disclosure"), *src = json_object_get(e, "source");
        char *text;

        if (strcmp(json_string_value(json_object_get(d, "id")), pd) != 0) {
            continue;
        }
        assert_string_equal(json_string_value(json_object_get(src, "agency_name")),
                            "Birmingham City Council");
        assert_string_equal(json_string_value(json_object_get(src, "classification")),
                            "official_sensitive");
        assert_true(json_is_null(json_object_get(d, "person_id")));
        text = json_dumps(json_object_get(d, "released"), JSON_SORT_KEYS | JSON_COMPACT);
        snprintf(out, cap, "%s", text);
        free(text);
    }
    json_decref(o);
}

static char ctu_p[32], council_p[32], ss_id[32];

/* Every answer of this routes the analyst can get, as one text. */
static void
answers(struct signed_in *analyst, char *out, size_t cap)
{
    static const struct {
        const char *route, *path_fmt;
    } reads[] = {
        { "GET /api/v1/persons/{id}/pointers", "/api/v1/persons/%s/pointers" },
        { "GET /api/v1/persons/{id}/picture", "/api/v1/persons/%s/picture" },
        { "GET /api/v1/agencies/{id}/discoverability", "/api/v1/agencies/%s/discoverability" },
        { "GET /api/v1/requests", "/api/v1/requests?box=incoming%s" },
        { "GET /api/v1/requests", "/api/v1/requests?box=outgoing%s" },
        { "GET /api/v1/requests/{id}", "/api/v1/requests/NOSUCHREQUEST%s" },
        { "GET /api/v1/person-disclosures", "/api/v1/person-disclosures%s" },
        { "GET /api/v1/person-disclosures/{id}", "/api/v1/person-disclosures/NOSUCH%s" },
    };
    const char *args[] = { ctu_p, ctu_p, ss_id, "", "", "", "", "" };
    struct reply r;
    size_t n = 0;
    char path[200];

    for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) {
        snprintf(path, sizeof path, reads[i].path_fmt, args[i]);
        get(reads[i].route, analyst, path, &r);
        n += (size_t)snprintf(out + n, cap - n, "%ld %s\n", r.status, r.body);
    }
    post("POST /api/v1/requests", analyst, "/api/v1/requests",
         "{\"reference\":\"R-0000000000\",\"purpose\":\"p\",\"lawful_basis\":\"cda1998-s115\","
         "\"question\":\"q\"}",
         &r);
    snprintf(out + n, cap - n, "%ld %s\n", r.status, r.body);
}

static void
http_pointers_requests_and_disclosures(void **state)
{
    struct signed_in analyst, council, ss, probation;
    struct reply r;
    char ref[32], rfi[32], pd[32], ss_p[32], path[200], body[600];
    static char before[1 << 17], after[1 << 17], picture[1 << 14];

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &council);
    sign_in("ss.analyst", &ss);
    sign_in("probation.officer", &probation);
    get("GET /api/v1/agencies", &analyst, "/api/v1/agencies", &r);
    member_of_named(&r, "Security Service", ss_id, sizeof ss_id);
    add_person(&analyst, ctu_p, sizeof ctu_p);
    add_person(&council, council_p, sizeof council_p);
    same_person(ctu_p, council_p);

    /* an undiscoverable holding (the Security Service's, by default) changes no answer */
    answers(&analyst, before, sizeof before);
    add_person(&ss, ss_p, sizeof ss_p);
    same_person(ss_p, ctu_p);
    answers(&analyst, after, sizeof after);
    assert_string_equal(before, after);

    /* the analyst sees the council's pointer, and nothing else */
    snprintf(path, sizeof path, "/api/v1/persons/%s/pointers", ctu_p);
    get("GET /api/v1/persons/{id}/pointers", &analyst, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"agency_name\":\"Birmingham City Council\""));
    assert_null(strstr(r.body, "Security Service"));
    assert_null(strstr(r.body, council_p));
    first_of(&r, "pointers", "reference", ref, sizeof ref);
    assert_memory_equal(ref, "R-", 2);
    /* the council (a local authority) sees no pointer by default */
    snprintf(path, sizeof path, "/api/v1/persons/%s/pointers", council_p);
    get("GET /api/v1/persons/{id}/pointers", &council, path, &r);
    assert_string_equal(r.body, "{\"pointers\":[]}");

    /* the analyst asks; the council's queue has it, with its own record's id */
    snprintf(body, sizeof body,
             "{\"reference\":\"%s\",\"purpose\":\"assessing a referral\",\"lawful_basis\":"
             "\"cda1998-s115\",\"question\":\"names and date of birth\",\"urgency\":\"urgent\"}",
             ref);
    post("POST /api/v1/requests", &analyst, "/api/v1/requests", body, &r);
    created_id(&r, rfi, sizeof rfi);
    get("GET /api/v1/requests", &council, "/api/v1/requests?box=incoming&open=true", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, rfi));
    assert_non_null(strstr(r.body, council_p));
    snprintf(path, sizeof path, "/api/v1/requests/%s", rfi);
    get("GET /api/v1/requests/{id}", &probation, path, &r);
    assert_int_equal(r.status, 404);

    /* the council answers with two fields */
    snprintf(path, sizeof path, "/api/v1/requests/%s/disclosures", rfi);
    post("POST /api/v1/requests/{id}/disclosures", &council, path,
         "{\"fields\":[\"names\",\"dob\"],\"lawful_basis\":\"cda1998-s115\","
         "\"expires_at\":\"2099-01-01\"}",
         &r);
    created_id(&r, pd, sizeof pd);
    snprintf(path, sizeof path, "/api/v1/requests/%s", rfi);
    get("GET /api/v1/requests/{id}", &analyst, path, &r);
    assert_non_null(strstr(r.body, "\"status\":\"disclosed\""));

    /* the analyst's picture shows the two fields, marked with their source */
    snprintf(path, sizeof path, "/api/v1/persons/%s/picture", ctu_p);
    get("GET /api/v1/persons/{id}/picture", &analyst, path, &r);
    assert_int_equal(r.status, 200);
    picture_disclosure(&r, pd, picture, sizeof picture);
    assert_non_null(strstr(picture, "\"given\":\"Idris\""));
    assert_non_null(strstr(picture, "\"dob\":\"1987-02-11\""));
    assert_null(strstr(picture, "addresses"));
    assert_non_null(strstr(r.body, "\"highest_classification\":\"official_sensitive\""));
    assert_non_null(strstr(r.body, "\"agency_name\":\"Birmingham City Council\""));
    assert_null(strstr(r.body, council_p)); /* the council's record id stays there */
    assert_null(strstr(r.body, "Security Service"));

    /* the analyst reads them; a later edit of the council's record changes nothing */
    snprintf(path, sizeof path, "/api/v1/person-disclosures/%s", pd);
    get("GET /api/v1/person-disclosures/{id}", &analyst, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"given\":\"Idris\""));
    assert_non_null(strstr(r.body, "\"dob\":\"1987-02-11\""));
    assert_null(strstr(r.body, "addresses"));
    assert_null(strstr(r.body, council_p));
    snprintf(before, sizeof before, "%s", r.body);
    sql("UPDATE person_names SET given = 'Idrees' WHERE person_id = ?1", council_p, NULL);
    get("GET /api/v1/person-disclosures/{id}", &analyst, path, &r);
    assert_string_equal(r.body, before);
    snprintf(path, sizeof path, "/api/v1/persons/%s/picture", ctu_p);
    get("GET /api/v1/persons/{id}/picture", &analyst, path, &r);
    picture_disclosure(&r, pd, before, sizeof before);
    assert_string_equal(before, picture); /* frozen in the picture too */
    snprintf(path, sizeof path, "/api/v1/person-disclosures/%s", pd);
    get("GET /api/v1/person-disclosures/{id}", &probation, path, &r);
    assert_int_equal(r.status, 404);

    /* revocation removes it at once */
    snprintf(path, sizeof path, "/api/v1/person-disclosures/%s/revoke", pd);
    post("POST /api/v1/person-disclosures/{id}/revoke", &council, path, NULL, &r);
    assert_int_equal(r.status, 204);
    snprintf(path, sizeof path, "/api/v1/person-disclosures/%s", pd);
    get("GET /api/v1/person-disclosures/{id}", &analyst, path, &r);
    assert_int_equal(r.status, 404);
    get("GET /api/v1/person-disclosures", &analyst, "/api/v1/person-disclosures", &r);
    assert_null(strstr(r.body, pd));
    snprintf(path, sizeof path, "/api/v1/persons/%s/picture", ctu_p);
    get("GET /api/v1/persons/{id}/picture", &analyst, path, &r);
    assert_int_equal(r.status, 200);
    picture_disclosure(&r, pd, picture, sizeof picture);
    assert_string_equal(picture, ""); /* gone from the picture at once */
    assert_null(strstr(r.body, pd));
    /* the council's record in the analyst's hands is "not found", as a missing one */
    snprintf(path, sizeof path, "/api/v1/persons/%s/picture", council_p);
    get("GET /api/v1/persons/{id}/picture", &analyst, path, &r);
    assert_int_equal(r.status, 404);
    snprintf(before, sizeof before, "%s", strstr(r.body, "' not found"));
    get("GET /api/v1/persons/{id}/picture", &analyst, "/api/v1/persons/NOSUCHPERSON/picture", &r);
    assert_int_equal(r.status, 404);
    assert_string_equal(strstr(r.body, "' not found"), before);
}

/* A Security Service record is released only with "release_iss" (CTSA 2015 s.38(5)(a)). */
static void
http_a_service_record_needs_release_iss(void **state)
{
    struct signed_in ss, analyst;
    struct reply r;
    char ctu_id[32], ss_p[32], body[600], pd[32], path[200];

    (void)state;
    sign_in("ss.analyst", &ss);
    sign_in("ctp.analyst", &analyst);
    get("GET /api/v1/agencies", &ss, "/api/v1/agencies", &r);
    member_of_named(&r, "West Midlands Counter Terrorism Unit", ctu_id, sizeof ctu_id);
    add_person(&ss, ss_p, sizeof ss_p);
    snprintf(body, sizeof body,
             "{\"person_id\":\"%s\",\"recipient_agency_id\":\"%s\",\"fields\":[\"names\"],"
             "\"lawful_basis\":\"ssa1989-s2\",\"expires_at\":\"2099-01-01\"}",
             ss_p, ctu_id);
    post("POST /api/v1/person-disclosures", &ss, "/api/v1/person-disclosures", body, &r);
    assert_int_equal(r.status, 403);
    assert_non_null(strstr(r.body, "explicit release"));
    snprintf(body, sizeof body,
             "{\"person_id\":\"%s\",\"recipient_agency_id\":\"%s\",\"fields\":[\"names\"],"
             "\"lawful_basis\":\"ssa1989-s2\",\"expires_at\":\"2099-01-01\","
             "\"release_iss\":true}",
             ss_p, ctu_id);
    post("POST /api/v1/person-disclosures", &ss, "/api/v1/person-disclosures", body, &r);
    created_id(&r, pd, sizeof pd);
    snprintf(path, sizeof path, "/api/v1/person-disclosures/%s", pd);
    get("GET /api/v1/person-disclosures/{id}", &analyst, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"release_iss\":true"));
}

static void
http_discoverability_is_declared_by_administrators(void **state)
{
    struct signed_in admin, analyst;
    struct reply r;
    const char *bad_h[4];

    (void)state;
    sign_in("council.admin", &admin);
    sign_in("ctp.analyst", &analyst);
    bad_h[0] = analyst.cookie;
    bad_h[1] = analyst.csrf;
    bad_h[2] = "Content-Type: application/json";
    bad_h[3] = NULL;
    http("PUT /api/v1/discoverability", "PUT", "/api/v1/discoverability", bad_h,
         "{\"recipient_kind\":\"probation\",\"discoverable\":true}",
         strlen("{\"recipient_kind\":\"probation\",\"discoverable\":true}"), &r);
    assert_int_equal(r.status, 403);
    {
        const char *h[] = { admin.cookie, admin.csrf, "Content-Type: application/json", NULL };
        const char *good = "{\"recipient_kind\":\"probation\",\"discoverable\":true}";
        const char *bad = "{\"recipient_kind\":\"spaceship\",\"discoverable\":true}";

        http("PUT /api/v1/discoverability", "PUT", "/api/v1/discoverability", h, bad, strlen(bad),
             &r);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body, "kind"));
        http("PUT /api/v1/discoverability", "PUT", "/api/v1/discoverability", h, good, strlen(good),
             &r);
        assert_int_equal(r.status, 204);
    }
}

/* Issue 16, point 4: the request form's lawful bases come from the hub's table, each with
 * its legislation.gov.uk source, not from a copy in the browser code; the Security
 * Service's own gateways (SSA 1989 s.2(2)(a), CTA 2008 s.19) alone carry intelligence-
 * service material (CTSA 2015 s.38(5), https://www.legislation.gov.uk/ukpga/2015/6/section/38).
 * A retailer, who never asks for information, is refused. */
static void
http_lawful_bases_are_the_hubs_table(void **state)
{
    struct signed_in council, reporter;
    struct reply r;
    json_t *o, *list;
    size_t n_iss = 0, n_s115 = 0;

    (void)state;
    sign_in("council.prevent", &council);
    sign_in("retail.reporter", &reporter);
    get("GET /api/v1/lawful-bases", &council, "/api/v1/lawful-bases", &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    list = json_object_get(o, "lawful_bases");
    assert_int_equal(json_array_size(list), 5);
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *b = json_array_get(list, i);
        const char *code = json_string_value(json_object_get(b, "code"));

        assert_non_null(code);
        assert_non_null(strstr(json_string_value(json_object_get(b, "source")),
                               "https://www.legislation.gov.uk/"));
        assert_true(strlen(json_string_value(json_object_get(b, "title"))) > 20);
        n_iss += json_is_true(json_object_get(b, "carries_iss"));
        if (strcmp(code, "cda1998-s115") == 0) {
            n_s115++;
            assert_string_equal(json_string_value(json_object_get(b, "source")),
                                "https://www.legislation.gov.uk/ukpga/1998/37/section/115");
            assert_non_null(strstr(json_string_value(json_object_get(b, "title")),
                                   "Crime and Disorder Act 1998 s.115"));
        }
    }
    assert_int_equal(n_s115, 1);
    assert_int_equal(n_iss, 2);
    json_decref(o);
    get("GET /api/v1/lawful-bases", &reporter, "/api/v1/lawful-bases", &r);
    assert_int_equal(r.status, 403);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_pointers_requests_and_disclosures),
        cmocka_unit_test(http_discoverability_is_declared_by_administrators),
        cmocka_unit_test(http_a_service_record_needs_release_iss),
        cmocka_unit_test(http_lawful_bases_are_the_hubs_table),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
