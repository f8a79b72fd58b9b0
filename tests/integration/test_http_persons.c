/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_persons.c - person records kept right over real HTTP on loopback (issue 15,
 * point 8): the ETag on read, PUT with If-Match (428 without, 412 when stale), refusals
 * naming the field, the history of replaced versions, and another agency's record
 * answering 404 with nothing of it in the body; and cases with subjects (point 7), a
 * subject the caller may not read answering 404 with no case opened.
 */
#include "http_client.h"

#include <stdio.h>
#include <string.h>

static void
put_person(struct signed_in *s,
           const char *path,
           const char *if_match,
           const char *body,
           struct reply *r)
{
    const char *h[] = { s->cookie, s->csrf, s->purpose, "Content-Type: application/json",
                        if_match,  NULL };

    http("PUT /api/v1/persons/{id}", "PUT", path, h, body, strlen(body), r);
}

static void
http_person_edit_needs_if_match_and_keeps_history(void **state)
{
    struct signed_in analyst, council;
    char id[32], path[200], hist[220];
    struct reply r;
    json_t *o, *v;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &council);
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Idris\",\"family\":\"Campbell\",\"dob\":\"1988\",\"postcode\":\"B11 4AA\"}",
         &r);
    created_id(&r, id, sizeof id);
    snprintf(path, sizeof path, "/api/v1/persons/%s", id);
    snprintf(hist, sizeof hist, "/api/v1/persons/%s/history", id);
    get("GET /api/v1/persons/{id}", &analyst, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.headers, "ETag: \"1\""));

    /* without If-Match: 428; a stale one: 412; nothing changes */
    put_person(
        &analyst, path, NULL,
        "{\"reason\":\"born 1988-06-02, from passport\",\"fields\":{\"dob\":\"1988-06-02\"}}", &r);
    assert_int_equal(r.status, 428);
    put_person(
        &analyst, path, "If-Match: \"5\"",
        "{\"reason\":\"born 1988-06-02, from passport\",\"fields\":{\"dob\":\"1988-06-02\"}}", &r);
    assert_int_equal(r.status, 412);
    /* refusals name the field and the reason, never the value */
    put_person(&analyst, path, "If-Match: \"1\"",
               "{\"reason\":\"fix\",\"fields\":{\"ni\":\"QQ123456A\"}}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "identifiers[0].value: not a National Insurance number"));
    assert_null(strstr(r.body, "QQ123456A"));
    put_person(&analyst, path, "If-Match: \"1\"",
               "{\"reason\":\"fix\",\"fields\":{\"postcode\":\"75001 Paris\"}}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "addresses[0].postcode"));
    put_person(&analyst, path, "If-Match: \"1\"",
               "{\"reason\":\"fix\",\"fields\":{\"colour\":\"red\"}}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "not a field of a person"));
    put_person(&analyst, path, "If-Match: \"1\"", "{\"fields\":{\"dob\":\"1988-06-02\"}}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "reason"));
    get("GET /api/v1/persons/{id}/history", &analyst, hist, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"versions\":[]"));

    /* the edit: 200 with the new record and its ETag */
    put_person(&analyst, path, "If-Match: \"1\"",
               "{\"reason\":\"born 1988-06-02, from passport\",\"fields\":{\"dob\":\"1988-06-02\","
               "\"pnc\":\"05/123456X\"}}",
               &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.headers, "ETag: \"2\""));
    assert_non_null(strstr(r.body, "\"dob\":\"1988-06-02\""));
    assert_non_null(strstr(r.body, "\"pnc_id\""));
    put_person(&analyst, path, "If-Match: \"1\"",
               "{\"reason\":\"again\",\"fields\":{\"dob\":\"1988-06-03\"}}", &r);
    assert_int_equal(r.status, 412);

    /* the history holds version 1 as it was, with who (a name), when and why */
    get("GET /api/v1/persons/{id}/history", &analyst, hist, &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(o, "versions")), 1);
    v = json_array_get(json_object_get(o, "versions"), 0);
    assert_int_equal(json_integer_value(json_object_get(v, "version")), 1);
    assert_string_equal(json_string_value(json_object_get(v, "reason")),
                        "born 1988-06-02, from passport");
    assert_string_equal(json_string_value(json_object_get(json_object_get(v, "record"), "dob")),
                        "1988");
    assert_true(strlen(json_string_value(json_object_get(v, "changed_by"))) > 0);
    assert_null(strstr(json_string_value(json_object_get(v, "changed_by")), "01"));
    json_decref(o);

    /* another agency: 404 for edit and history, nothing of the record in the body */
    put_person(&council, path, "If-Match: \"2\"",
               "{\"reason\":\"mine\",\"fields\":{\"family\":\"Smith\"}}", &r);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "Campbell"));
    get("GET /api/v1/persons/{id}/history", &council, hist, &r);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "1988"));
}

static void
http_cases_have_subjects_the_caller_may_read(void **state)
{
    struct signed_in analyst, council;
    char mine[32], theirs[32], id[32], path[200], body[400];
    struct reply r;
    json_t *o, *v;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &council);
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Aisha\",\"family\":\"Rahman\"}", &r);
    created_id(&r, mine, sizeof mine);
    post("POST /api/v1/persons", &council, "/api/v1/persons",
         "{\"given\":\"Jane\",\"family\":\"Doe\"}", &r);
    created_id(&r, theirs, sizeof theirs);
    /* another agency's record is not a subject the analyst may name: 404, no case */
    snprintf(body, sizeof body,
             "{\"type\":\"general\",\"title\":\"Hidden\",\"subjects\":[\"%s\",\"%s\"]}", mine,
             theirs);
    post("POST /api/v1/cases", &analyst, "/api/v1/cases", body, &r);
    assert_int_equal(r.status, 404);
    assert_non_null(strstr(r.body, "subjects: person"));
    assert_null(strstr(r.body, "Doe"));
    post("POST /api/v1/cases", &analyst, "/api/v1/cases",
         "{\"type\":\"general\",\"title\":\"Bad\",\"subjects\":\"one\"}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "subjects"));
    snprintf(body, sizeof body, "{\"type\":\"general\",\"title\":\"Aisha\",\"subjects\":[\"%s\"]}",
             mine);
    post("POST /api/v1/cases", &analyst, "/api/v1/cases", body, &r);
    created_id(&r, id, sizeof id);
    snprintf(path, sizeof path, "/api/v1/cases/%s", id);
    get("GET /api/v1/cases/{id}", &analyst, path, &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(o, "subjects")), 1);
    v = json_array_get(json_object_get(o, "subjects"), 0);
    assert_string_equal(json_string_value(json_object_get(v, "person_id")), mine);
    assert_string_equal(json_string_value(json_object_get(v, "name")), "Aisha Rahman");
    json_decref(o);
    /* the case and its subjects are for those who may read the case */
    get("GET /api/v1/cases/{id}", &council, path, &r);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "Rahman"));
}

static void
http_person_merge_and_unmerge(void **state)
{
    struct signed_in analyst, council;
    char keep[32], dup[32], path[200], body[300];
    struct reply r;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &council);
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Omar\",\"family\":\"Haddad\",\"dob\":\"1979\"}", &r);
    created_id(&r, keep, sizeof keep);
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Omar\",\"family\":\"Hadad\",\"dob\":\"1979\"}", &r);
    created_id(&r, dup, sizeof dup);
    snprintf(path, sizeof path, "/api/v1/persons/%s/merge", keep);
    snprintf(body, sizeof body, "{\"other\":\"%s\"}", dup);
    post("POST /api/v1/persons/{id}/merge", &analyst, path, body, &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "reason"));
    snprintf(body, sizeof body, "{\"other\":\"%s\",\"reason\":\"one man, two spellings\"}", dup);
    post("POST /api/v1/persons/{id}/merge", &council, path, body, &r);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "Haddad"));
    post("POST /api/v1/persons/{id}/merge", &analyst, path, body, &r);
    assert_int_equal(r.status, 200);
    post("POST /api/v1/persons/{id}/merge", &analyst, path, body, &r);
    assert_int_equal(r.status, 409);
    /* the merged id answers with the survivor */
    snprintf(path, sizeof path, "/api/v1/persons/%s", dup);
    get("GET /api/v1/persons/{id}", &analyst, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, keep));
    assert_non_null(strstr(r.body, "Haddad"));
    /* unmerge: each answers for itself again */
    snprintf(path, sizeof path, "/api/v1/persons/%s/unmerge", dup);
    post("POST /api/v1/persons/{id}/unmerge", &analyst, path, "{\"reason\":\"two brothers\"}", &r);
    assert_int_equal(r.status, 204);
    post("POST /api/v1/persons/{id}/unmerge", &analyst, path, "{\"reason\":\"again\"}", &r);
    assert_int_equal(r.status, 409);
    snprintf(path, sizeof path, "/api/v1/persons/%s", dup);
    get("GET /api/v1/persons/{id}", &analyst, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "Hadad\""));
    assert_null(strstr(r.body, keep));
}

/* POST /persons checks identifiers as an edit does, and names the caller's agency's
 * look-alikes in the 201, never another agency's (issue 15, point 8). */
static void
http_person_add_checks_identifiers_and_names_lookalikes(void **state)
{
    struct signed_in analyst, council;
    char first[32], twin[32];
    struct reply r;
    json_t *o, *d, *e;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &council);
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Idris\",\"family\":\"Quell\",\"ni\":\"GB123456A\"}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "identifiers[0].value: not a National Insurance number"));
    assert_null(strstr(r.body, "GB123456A"));
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Idris\",\"family\":\"Quell\",\"pnc\":\"05-123456X\"}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "identifiers[0].value: not a PNC id"));
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Idris\",\"family\":\"Quell\",\"postcode\":\"75001 Paris\"}", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "addresses[0].postcode: not a UK postcode"));
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Idris\",\"family\":\"Quell\",\"ni\":\"AB123456C\",\"pnc\":"
         "\"05/123456X\"}",
         &r);
    assert_int_equal(r.status, 201);

    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Bartholomew\",\"family\":\"Ashdown\",\"town\":\"Walsall\"}", &r);
    assert_int_equal(r.status, 201);
    assert_non_null(strstr(r.body, "\"possible_duplicates\":[]"));
    created_id(&r, first, sizeof first);
    /* the council's look-alike is not told of the CTU's record */
    post("POST /api/v1/persons", &council, "/api/v1/persons",
         "{\"given\":\"Bartholomew\",\"family\":\"Ashdown\",\"town\":\"Walsall\"}", &r);
    assert_int_equal(r.status, 201);
    assert_non_null(strstr(r.body, "\"possible_duplicates\":[]"));
    assert_null(strstr(r.body, first));
    /* the CTU's own second record names the first: added all the same */
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Bartholomew\",\"family\":\"Ashdown\",\"town\":\"Walsall\"}", &r);
    assert_int_equal(r.status, 201);
    created_id(&r, twin, sizeof twin);
    assert_string_not_equal(twin, first);
    o = json_loads(r.body, 0, NULL);
    assert_non_null(o);
    assert_int_equal(json_array_size(json_object_get(o, "possible_duplicates")), 1);
    d = json_array_get(json_object_get(o, "possible_duplicates"), 0);
    assert_string_equal(json_string_value(json_object_get(d, "id")), first);
    assert_string_equal(json_string_value(json_object_get(d, "name")), "Bartholomew Ashdown");
    assert_true(json_real_value(json_object_get(d, "score")) >= 0.80);
    e = json_object_get(d, "explanation");
    assert_true(json_is_object(e));
    json_decref(o);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_person_edit_needs_if_match_and_keeps_history),
        cmocka_unit_test(http_cases_have_subjects_the_caller_may_read),
        cmocka_unit_test(http_person_merge_and_unmerge),
        cmocka_unit_test(http_person_add_checks_identifiers_and_names_lookalikes),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
