/* SPDX-License-Identifier: Apache-2.0
 *
 * test_http_form.c - what the retailer's report form reads over real loopback HTTP (issue
 * 16 point 3): the regime table for the substance's autocomplete (GET /substances, the
 * name folding the classifier uses), the Home Office indicators with their wording (GET
 * /report-indicators: every code one POST /reports accepts), and the retailer's own
 * reports, which never hint at screening.
 */
#include "http_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *
substances(const struct signed_in *as, const char *query, long want)
{
    char path[600];
    struct reply r;
    json_t *o;

    snprintf(path, sizeof path, "/api/v1/substances%s%s", query != NULL ? "?q=" : "",
             query != NULL ? query : "");
    get("GET /api/v1/substances", as, path, &r);
    assert_int_equal(r.status, want);
    if (want != 200) {
        return NULL;
    }
    o = json_loads(r.body, 0, NULL);
    assert_non_null(o);
    return o;
}

static const char *
first_name(json_t *o)
{
    return json_string_value(
        json_object_get(json_array_get(json_object_get(o, "substances"), 0), "name"));
}

/* Data rows of data/regime/substances.csv: lines that are neither comments nor the header. */
static size_t
table_rows(void)
{
    FILE *f = fopen(ACCORD_SOURCE_ROOT "/data/regime/substances.csv", "r");
    char line[4096];
    size_t n = 0;
    bool header = true;

    assert_non_null(f);
    while (fgets(line, sizeof line, f) != NULL) {
        if (line[0] == '#' || line[0] == '\n') {
            continue;
        }
        if (header) {
            header = false;
            continue;
        }
        n++;
    }
    fclose(f);
    return n;
}

static void
http_substances_autocomplete_as_the_classifier_folds(void **state)
{
    struct signed_in reporter, analyst, prevent;
    json_t *o, *hp;
    char big[300];

    (void)state;
    sign_in("retail.reporter", &reporter);
    sign_in("ctp.analyst", &analyst);
    sign_in("council.prevent", &prevent);
    /* the whole table, every row */
    o = substances(&reporter, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(o, "substances")), table_rows());
    json_decref(o);
    /* a prefix, folded: case, spacing and punctuation */
    o = substances(&reporter, "HYDROGEN-PER", 200);
    assert_string_equal(first_name(o), "hydrogen peroxide");
    hp = json_array_get(json_object_get(o, "substances"), 0);
    assert_string_equal(json_string_value(json_object_get(hp, "cas")), "7722-84-1");
    assert_string_equal(json_string_value(json_object_get(hp, "part")), "regulated_precursor");
    assert_true(json_real_value(json_object_get(hp, "limit")) == 12.0);
    assert_string_equal(json_string_value(json_object_get(hp, "limit_basis")), "w/w");
    assert_true(json_array_size(json_object_get(hp, "names")) >= 3); /* H2O2, peroxide */
    json_decref(o);
    /* an alias, a formula and a CAS number without its dashes */
    o = substances(&reporter, "battery", 200);
    assert_string_equal(first_name(o), "sulfuric acid");
    json_decref(o);
    o = substances(&reporter, "h2o2", 200);
    assert_string_equal(first_name(o), "hydrogen peroxide");
    json_decref(o);
    o = substances(&reporter, "7722841", 200);
    assert_string_equal(first_name(o), "hydrogen peroxide");
    json_decref(o);
    /* inside a name: after every row it begins */
    o = substances(&reporter, "nitrate", 200);
    assert_true(json_array_size(json_object_get(o, "substances")) >= 1);
    {
        bool found = false;
        size_t i;
        json_t *s;

        json_array_foreach(json_object_get(o, "substances"), i, s)
        {
            found = found ||
                    strcmp(json_string_value(json_object_get(s, "name")), "ammonium nitrate") == 0;
        }
        assert_true(found);
    }
    json_decref(o);
    /* nothing like it: an empty list, not an error */
    o = substances(&reporter, "zzzzqqq", 200);
    assert_int_equal(json_array_size(json_object_get(o, "substances")), 0);
    json_decref(o);
    /* the analyst who keeps the table reads it; a Prevent lead has no use for it */
    o = substances(&analyst, "perox", 200);
    assert_string_equal(first_name(o), "hydrogen peroxide");
    json_decref(o);
    (void)substances(&prevent, "perox", 403);
    /* bad input: named */
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    {
        struct reply r;
        char path[400];

        snprintf(path, sizeof path, "/api/v1/substances?q=%s", big);
        get("GET /api/v1/substances", &reporter, path, &r);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body, "q: at most 200 bytes"));
        get("GET /api/v1/substances", &reporter, "/api/v1/substances?name=x", &r);
        assert_int_equal(r.status, 400);
        assert_non_null(strstr(r.body, "name"));
    }
}

static void
http_indicators_are_the_home_offices_and_each_is_accepted(void **state)
{
    struct signed_in reporter;
    struct reply r;
    json_t *doc, *o, *ind, *codes;
    char body[2000];
    size_t i;
    char *list;

    (void)state;
    sign_in("retail.reporter", &reporter);
    get("GET /api/v1/report-indicators", &reporter, "/api/v1/report-indicators", &r);
    assert_int_equal(r.status, 200);
    doc = json_loads(r.body, 0, NULL);
    assert_non_null(doc);
    ind = json_object_get(doc, "indicators");
    assert_int_equal(json_array_size(ind), 11); /* ten, and "other" */
    assert_non_null(strstr(json_string_value(json_object_get(doc, "source")), "gov.uk"));
    assert_string_equal(json_string_value(json_object_get(json_array_get(ind, 7), "wording")),
                        "insists on paying in cash");
    codes = json_array();
    json_array_foreach(ind, i, o)
    {
        assert_true(json_string_length(json_object_get(o, "wording")) > 10);
        json_array_append(codes, json_object_get(o, "code"));
    }
    /* POST /reports takes every code the form offers */
    list = json_dumps(codes, JSON_COMPACT);
    snprintf(body, sizeof body,
             "{\"kind\":\"attempt\",\"occurred_at\":\"2026-01-10T10:00:00Z\","
             "\"substance\":\"hydrogen peroxide\",\"concentration\":35,\"quantity\":\"5 L\","
             "\"payment\":\"cash\",\"indicators\":%s,\"indicator_other\":\"asked twice\"}",
             list);
    free(list);
    json_decref(codes);
    json_decref(doc);
    post("POST /api/v1/reports", &reporter, "/api/v1/reports", body, &r);
    assert_int_equal(r.status, 201);
    /* the list is the reporter's agency's reports, each with nothing of screening */
    get("GET /api/v1/reports", &reporter, "/api/v1/reports", &r);
    assert_int_equal(r.status, 200);
    o = json_loads(r.body, 0, NULL);
    assert_true(json_array_size(json_object_get(o, "reports")) >= 1);
    {
        json_t *rep, *v;
        const char *k;
        char agency[40];

        snprintf(agency, sizeof agency, "%s",
                 json_string_value(json_object_get(json_array_get(json_object_get(o, "reports"), 0),
                                                   "agency_id")));
        json_array_foreach(json_object_get(o, "reports"), i, rep)
        {
            assert_string_equal(json_string_value(json_object_get(rep, "agency_id")), agency);
            json_object_foreach(rep, k, v)
            {
                if (strstr(k, "alert") || strstr(k, "match") || strstr(k, "screen") ||
                    strstr(k, "score") || strstr(k, "watchlist") || strstr(k, "partner")) {
                    fail_msg("a report lists %s: a hint at screening", k);
                }
            }
        }
    }
    json_decref(o);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(http_substances_autocomplete_as_the_classifier_folds),
        cmocka_unit_test(http_indicators_are_the_home_offices_and_each_is_accepted),
    };

    return cmocka_run_group_tests(tests, http_setup, http_teardown);
}
