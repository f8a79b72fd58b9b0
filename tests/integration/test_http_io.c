/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_io.c - bulk import, export and search by identifier over real HTTP on
 * loopback (issue 16, point 5): a CSV import runs as a job (202), its progress and every
 * refused row (line, column, reason) are read back, its quarantine downloads as CSV, and
 * both are only the starter's (404 to anyone else); unknown columns, a wrong content type
 * and a body over 1 MiB are refused with what to do; a fixed quarantine imports again; the
 * export has only what the caller may see; a search by identifier finds the record and
 * says which identifier agreed, and never another agency's.
 */
#include "http_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define JOB_POLLS 3000 /* status reads before a job counts as stuck (about 30 s) */

static void
post_csv(struct signed_in *s, const char *csv, const char *type, struct reply *r)
{
    const char *h[] = { s->cookie, s->csrf, s->purpose, type, NULL };

    http("POST /api/v1/persons/import", "POST", "/api/v1/persons/import", h, csv, strlen(csv), r);
}

/* Start an import of CSV as S: the job's id into ID. */
static void
start_import(struct signed_in *s, const char *csv, char *id, size_t cap)
{
    struct reply r;

    post_csv(s, csv, "Content-Type: text/csv", &r);
    assert_int_equal(r.status, 202);
    member_of(&r, "id", id, cap);
}

/* Read the job's status until it is done: its JSON (the caller decrefs). */
static json_t *
wait_done(struct signed_in *s, const char *id)
{
    char path[120];
    struct reply r;

    snprintf(path, sizeof path, "/api/v1/imports/%s", id);
    for (int i = 0; i < JOB_POLLS; i++) {
        json_t *o;

        get("GET /api/v1/imports/{id}", s, path, &r);
        assert_int_equal(r.status, 200);
        o = json_loads(r.body, 0, NULL);
        assert_non_null(o);
        if (json_is_true(json_object_get(o, "done"))) {
            return o;
        }
        json_decref(o);
        {
            /* not a timing: the job's end is waited for, its answer is what is checked */
            struct timespec ts = { 0, 10 * 1000 * 1000 };

            nanosleep(&ts, NULL);
        }
    }
    fail_msg("import %s did not finish", id);
    return NULL;
}

static long long
int_of(json_t *o, const char *name)
{
    return (long long)json_integer_value(json_object_get(o, name));
}

static void
http_import_reports_progress_refusals_and_quarantine(void **state)
{
    struct signed_in analyst, other, council;
    char id[40], path[160], fixed[1024];
    struct reply r;
    json_t *o, *p;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("ctp.caseworker", &other);
    sign_in("council.prevent", &council);
    start_import(&analyst,
                 "id,given_name,family_name,dob,postcode,ni_number\n"
                 "IO-1,Tamsin,Oakhurst,1984-02-11,B11 4AA,JT123456B\n"
                 "IO-2,Rowan,Pellow,1990-13-40,B12 9ZZ,\n"
                 "IO-3,Caspian,Threlfall,1979,B13 8QQ,\n",
                 id, sizeof id);
    o = wait_done(&analyst, id);
    assert_string_equal(json_string_value(json_object_get(o, "outcome")), "completed");
    assert_int_equal(int_of(o, "rows"), 3);
    assert_int_equal(int_of(o, "imported"), 2);
    assert_int_equal(int_of(o, "refused"), 1);
    assert_int_equal(int_of(o, "bytes_read"), int_of(o, "bytes_total"));
    p = json_array_get(json_object_get(o, "problems"), 0);
    assert_non_null(p);
    assert_int_equal(int_of(p, "line"), 3);
    assert_string_equal(json_string_value(json_object_get(p, "field")), "dob");
    assert_non_null(json_string_value(json_object_get(p, "reason")));
    {
        char *all = json_dumps(o, 0); /* nothing of the row's values in the status */

        assert_null(strstr(all, "1990-13-40"));
        assert_null(strstr(all, "Rowan"));
        free(all);
    }
    snprintf(path, sizeof path, "/api/v1/imports/%s/quarantine", id);
    assert_string_equal(json_string_value(json_object_get(o, "quarantine")), path);
    json_decref(o);

    /* the quarantine: the refused row with _line and _error */
    get("GET /api/v1/imports/{id}/quarantine", &analyst, path, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.headers, "Content-Type: text/csv"));
    assert_non_null(
        strstr(r.body, "\"id\",\"given_name\",\"family_name\",\"dob\",\"postcode\",\"ni_number\","
                       "\"_line\",\"_error\""));
    assert_non_null(strstr(r.body,
                           "\"IO-2\",\"Rowan\",\"Pellow\",\"1990-13-40\",\"B12 9ZZ\",\"\",\"3\","
                           "\"dob: month 13 out of range 1..12\""));
    assert_null(strstr(r.body, "IO-1"));

    /* only its starter sees the job: to a colleague and another agency it does not exist */
    get("GET /api/v1/imports/{id}/quarantine", &other, path, &r);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "Rowan"));
    snprintf(path, sizeof path, "/api/v1/imports/%s", id);
    get("GET /api/v1/imports/{id}", &council, path, &r);
    assert_int_equal(r.status, 404);
    get("GET /api/v1/imports/{id}", &council, "/api/v1/imports/0123456789abcdef", &r);
    assert_int_equal(r.status, 404);

    /* the fixed quarantine imports as it is: _line and _error carry nothing */
    snprintf(fixed, sizeof fixed,
             "id,given_name,family_name,dob,postcode,ni_number,_line,_error\n"
             "IO-2,Rowan,Pellow,1990-12-04,B12 9ZZ,,3,dob: not a date\n");
    start_import(&analyst, fixed, id, sizeof id);
    o = wait_done(&analyst, id);
    assert_string_equal(json_string_value(json_object_get(o, "outcome")), "completed");
    assert_int_equal(int_of(o, "imported"), 1);
    assert_int_equal(int_of(o, "refused"), 0);
    assert_true(json_is_null(json_object_get(o, "quarantine")) ||
                json_object_get(o, "quarantine") == NULL);
    json_decref(o);
    get("GET /api/v1/persons", &analyst, "/api/v1/persons?name=rowan%20pellow", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"source_ref\":\"IO-2\""));
    assert_null(strstr(r.body, "\"line\":\"3\""));
}

static void
http_import_refuses_unknown_columns_type_and_size(void **state)
{
    struct signed_in analyst;
    char id[40];
    struct reply r;
    json_t *o;
    char *big;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    /* an unknown column: nothing imported, the column named with what to do */
    start_import(&analyst, "id,family_name,favourite_colour\nIO-9,Quillfeather,blue\n", id,
                 sizeof id);
    o = wait_done(&analyst, id);
    assert_string_equal(json_string_value(json_object_get(o, "outcome")), "failed");
    assert_int_equal(int_of(o, "imported"), 0);
    assert_non_null(strstr(json_string_value(json_object_get(o, "error")),
                           "column 'favourite_colour' is not one import reads: rename it"));
    json_decref(o);
    get("GET /api/v1/persons", &analyst, "/api/v1/persons?name=quillfeather", &r);
    assert_null(strstr(r.body, "IO-9"));

    post_csv(&analyst, "id,family_name\nIO-8,Marchbank\n", "Content-Type: application/json", &r);
    assert_int_equal(r.status, 415);
    assert_non_null(strstr(r.body, "text/csv"));

    big = malloc((1u << 20) + 64);
    assert_non_null(big);
    memcpy(big, "id,family_name\n", 15);
    memset(big + 15, 'a', (1u << 20) + 32);
    big[(1u << 20) + 47] = '\0';
    post_csv(&analyst, big, "Content-Type: text/csv", &r);
    free(big);
    assert_int_equal(r.status, 413);
    assert_non_null(strstr(r.body, "split it into files of at most 1 MiB"));
}

static void
http_export_has_only_what_the_caller_may_see(void **state)
{
    struct signed_in council;
    struct reply r;
    char *line, *save = NULL;
    int rows = 0;

    (void)state;
    sign_in("council.prevent", &council);
    get("GET /api/v1/persons/export", &council, "/api/v1/persons/export", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.headers, "Content-Type: text/csv"));
    assert_true(strncmp(r.body, "hub_id,source_ref,given_name", 28) == 0);
    /* every row is the council's (its references are BCC-...), never the CTU's */
    line = strtok_r(r.body, "\n", &save);
    while ((line = strtok_r(NULL, "\n", &save)) != NULL && rows < 50) {
        assert_non_null(strstr(line, ",BCC-"));
        rows++;
    }
    assert_true(rows > 0);
    get("GET /api/v1/persons/export", &council, "/api/v1/persons/export?format=jsonl", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.headers, "Content-Type: application/x-ndjson"));
    assert_true(r.body[0] == '{');
    get("GET /api/v1/persons/export", &council, "/api/v1/persons/export?format=xml", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "format: expected csv"));
}

static void
http_search_by_identifier_explains_the_match(void **state)
{
    struct signed_in analyst, council;
    char id[32];
    struct reply r;
    json_t *o, *hit;

    (void)state;
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &council);
    post("POST /api/v1/persons", &analyst, "/api/v1/persons",
         "{\"given\":\"Ottoline\",\"family\":\"Brackenbury\",\"ni\":\"NE123456C\","
         "\"pnc\":\"05/123456X\"}",
         &r);
    created_id(&r, id, sizeof id);

    /* kind and value; spaces, case and '/' do not matter */
    get("GET /api/v1/persons", &analyst, "/api/v1/persons?identifier=NI:ne%2012%2034%2056%20c", &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_int_equal(json_array_size(json_object_get(o, "persons")), 1);
    hit = json_array_get(json_object_get(o, "persons"), 0);
    assert_string_equal(json_string_value(json_object_get(hit, "id")), id);
    assert_string_equal(json_string_value(json_object_get(hit, "explanation")), "NI number agrees");
    json_decref(o);
    get("GET /api/v1/persons", &analyst, "/api/v1/persons?identifier=pnc:05123456x", &r);
    assert_non_null(strstr(r.body, id));
    assert_non_null(strstr(r.body, "\"explanation\":\"PNC id agrees\""));
    /* the value alone: every kind */
    get("GET /api/v1/persons", &analyst, "/api/v1/persons?identifier=NE123456C", &r);
    assert_non_null(strstr(r.body, id));
    /* the right value under another kind is no match */
    get("GET /api/v1/persons", &analyst, "/api/v1/persons?identifier=passport:NE123456C", &r);
    assert_int_equal(r.status, 200);
    assert_null(strstr(r.body, id));
    /* another agency's record is never found */
    get("GET /api/v1/persons", &council, "/api/v1/persons?identifier=NI:NE123456C", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"persons\":[]"));
    /* refusals name the field and what to write */
    get("GET /api/v1/persons", &analyst, "/api/v1/persons?identifier=shoe:42", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "identifier: the kind before ':'"));
    get("GET /api/v1/persons", &analyst, "/api/v1/persons?identifier=NI:NE123456C&name=x", &r);
    assert_int_equal(r.status, 400);
    assert_non_null(strstr(r.body, "identifier: search by an identifier alone"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_import_reports_progress_refusals_and_quarantine),
        cmocka_unit_test(http_import_refuses_unknown_columns_type_and_size),
        cmocka_unit_test(http_export_has_only_what_the_caller_may_see),
        cmocka_unit_test(http_search_by_identifier_explains_the_match),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
