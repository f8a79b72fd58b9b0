/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_person_edit.c - person records that can be kept right (issue 15, point 8):
 * an edit against the version read keeps the version it replaced (who, when, why), is
 * audited, refuses a stale version, refuses postcodes, NI numbers and PNC ids of the
 * wrong form by field, and hides another agency's record as not found.
 *
 * The NI number cases follow HMRC's National Insurance Manual NIM39110 (prefix letters
 * never D, F, I, Q, U or V; O never second; BG, GB, KN, NK, NT, TN, ZZ unused; suffix A-D).
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "accord/person_edit.h"
#include "hub/hub_int.h"
#include "store/store.h"
#include "store/store_person.h"

static int64_t
count(struct test_hub *t, const char *sql, const char *arg)
{
    struct aci_stmt *st = NULL;
    bool row = false;
    int64_t n;

    assert_int_equal(aci_stmt_get(t->hub->store, sql, &st, NULL), AC_OK);
    assert_int_equal(aci_stmt_bindf(st, NULL, "t", arg), AC_OK);
    assert_int_equal(aci_stmt_step(st, &row, NULL), AC_OK);
    assert_true(row);
    n = aci_stmt_col_int(st, 0);
    aci_stmt_done(st);
    return n;
}

static int
setup(void **state)
{
    *state = test_hub_new(0);
    return 0;
}

static int
teardown(void **state)
{
    test_hub_free(*state);
    return 0;
}

/* Add Aisha Rahman, born 1990-04, of B11 4AA, to the CTU; her id. */
static const char *
add_aisha(struct test_hub *t)
{
    ac_person_name name = { AC_NAME_PRIMARY, "Aisha", NULL, "Rahman", NULL, NULL };
    ac_address addr = { "12 Oak Road", "Birmingham", "B11 4AA", { 0, 0, 0, 0 }, { 0, 0, 0, 0 } };
    ac_person p;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&p, 0, sizeof p);
    p.names = &name;
    p.n_names = 1;
    p.addresses = &addr;
    p.n_addresses = 1;
    assert_int_equal(ac_date_parse("1990-04", &p.dob, &err), AC_OK);
    assert_int_equal(ac_person_add(t->hub, t->analyst, "case 1", &p, t->a, &id, &err), AC_OK);
    return id;
}

static void
person_edit_keeps_the_replaced_version_with_who_when_why(void **state)
{
    struct test_hub *t = *state;
    const char *id = add_aisha(t);
    ac_person *p = NULL;
    ac_person_hit *found = NULL;
    ac_person_version *v = NULL;
    ac_person_query q;
    size_t n = 9;
    int64_t version = 0;
    ac_error err = { 0 };
    char d[AC_DATE_TEXT_MAX];

    assert_int_equal(ac_person_get(t->hub, t->analyst, "case 1", id, t->a, &p, &err), AC_OK);
    assert_int_equal(p->version, 1);
    assert_int_equal(ac_person_set_field(p, "dob", "1990-04-12", t->a, &err), AC_OK);
    assert_int_equal(ac_person_set_field(p, "family", "Rehman", t->a, &err), AC_OK);
    assert_int_equal(ac_person_set_field(p, "postcode", "b12 9xy", t->a, &err), AC_OK);
    assert_int_equal(ac_person_set_field(p, "ni", "AB 12 34 56 C", t->a, &err), AC_OK);
    assert_int_equal(ac_person_edit(t->hub, t->analyst, "case 1", id, 1, p,
                                    "date of birth confirmed from passport", &version, &err),
                     AC_OK);
    assert_int_equal(version, 2);

    assert_int_equal(ac_person_get(t->hub, t->analyst, "case 1", id, t->a, &p, &err), AC_OK);
    assert_int_equal(p->version, 2);
    assert_string_equal(ac_date_format(&p->dob, d), "1990-04-12");
    assert_string_equal(p->names[0].full, "Aisha Rehman");
    assert_string_equal(p->addresses[0].postcode, "B12 9XY");
    assert_int_equal(p->n_identifiers, 1);

    assert_int_equal(ac_person_history(t->hub, t->analyst, "case 1", id, t->a, &v, &n, &err),
                     AC_OK);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].version, 1);
    assert_string_equal(v[0].reason, "date of birth confirmed from passport");
    assert_null(strstr(v[0].changed_by, "01")); /* a name, not an id */
    assert_non_null(strstr(v[0].snapshot, "\"Rahman\""));
    assert_non_null(strstr(v[0].snapshot, "\"B11 4AA\""));
    assert_non_null(v[0].changed_at);

    /* the name index follows the edit */
    memset(&q, 0, sizeof q);
    q.name = "rehman";
    assert_int_equal(ac_person_search(t->hub, t->analyst, "case 1", &q, t->a, &found, &n, &err),
                     AC_OK);
    assert_int_equal(n, 1);
    q.name = "rahman";
    assert_int_equal(ac_person_search(t->hub, t->analyst, "case 1", &q, t->a, &found, &n, &err),
                     AC_OK);
    assert_int_equal(n, 0);

    /* audited as an update naming the versions, not the content */
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action = 'update' AND object_id = "
                           "?1 AND outcome = 'ok' AND detail = 'version 1 -> 2'",
                           id),
                     1);
}

static void
person_edit_of_a_stale_version_conflicts_and_changes_nothing(void **state)
{
    struct test_hub *t = *state;
    const char *id = add_aisha(t);
    ac_person *p = NULL;
    int64_t version = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_person_get(t->hub, t->analyst, "case 1", id, t->a, &p, &err), AC_OK);
    assert_int_equal(ac_person_set_field(p, "town", "Solihull", t->a, &err), AC_OK);
    assert_int_equal(
        ac_person_edit(t->hub, t->analyst, "case 1", id, 1, p, "moved", &version, &err), AC_OK);
    assert_int_equal(
        ac_person_edit(t->hub, t->analyst, "case 1", id, 1, p, "again", &version, &err),
        AC_ECONFLICT);
    assert_non_null(strstr(err.msg, "version 2, not 1"));
    assert_int_equal(version, 0);
    assert_int_equal(count(t, "SELECT count(*) FROM person_versions WHERE person_id = ?1", id), 1);
    assert_int_equal(count(t, "SELECT version FROM persons WHERE id = ?1", id), 2);
}

static void
person_edit_refuses_bad_identifiers_by_field_without_the_value(void **state)
{
    struct test_hub *t = *state;
    const char *id = add_aisha(t);
    static const char *const bad[][3] = {
        { "postcode", "B1 PARIS", "addresses[0].postcode" },
        { "ni", "QQ 12 34 56 A", "identifiers[0].value: not a National Insurance number" },
        { "ni", "GB123456A", "identifiers[0].value: not a National Insurance number" },
        { "ni", "AO123456A", "identifiers[0].value: not a National Insurance number" },
        { "ni", "AB123456E", "identifiers[0].value: not a National Insurance number" },
        { "pnc", "05-123456X", "identifiers[0].value: not a PNC id" },
        { "pnc", "05/123456I", "identifiers[0].value: not a PNC id" },
        { "pnc", "05/12345678X", "identifiers[0].value: not a PNC id" },
    };
    int64_t version = 0;
    ac_error err = { 0 };

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ac_person *p = NULL;

        assert_int_equal(ac_person_get(t->hub, t->analyst, "case 1", id, t->a, &p, &err), AC_OK);
        assert_int_equal(ac_person_set_field(p, bad[i][0], bad[i][1], t->a, &err), AC_OK);
        assert_int_equal(
            ac_person_edit(t->hub, t->analyst, "case 1", id, 1, p, "fix", &version, &err),
            AC_EINVAL);
        assert_non_null(strstr(err.msg, bad[i][2]));
        assert_null(strstr(err.msg, bad[i][1]));
    }
    assert_int_equal(count(t, "SELECT version FROM persons WHERE id = ?1", id), 1);
    {
        ac_person *p = NULL;

        assert_int_equal(ac_person_get(t->hub, t->analyst, "case 1", id, t->a, &p, &err), AC_OK);
        assert_int_equal(ac_person_set_field(p, "pnc", "2005/0123456X", t->a, &err), AC_OK);
        assert_int_equal(ac_person_set_field(p, "ni", "ab123456c", t->a, &err), AC_OK);
        assert_int_equal(
            ac_person_edit(t->hub, t->analyst, "case 1", id, 1, p, "ids", &version, &err), AC_OK);
        assert_int_equal(ac_person_set_field(p, "colour", "red", t->a, &err), AC_EINVAL);
        assert_non_null(strstr(err.msg, "'colour': not a field of a person"));
    }
}

static void
person_edit_needs_a_reason_and_hides_other_agencies_records(void **state)
{
    struct test_hub *t = *state;
    const char *id = add_aisha(t);
    ac_person *p = NULL;
    ac_person_version *v = NULL;
    size_t n = 0;
    int64_t version = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_person_get(t->hub, t->analyst, "case 1", id, t->a, &p, &err), AC_OK);
    assert_int_equal(ac_person_edit(t->hub, t->analyst, "case 1", id, 1, p, "  ", &version, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "reason:"));
    assert_int_equal(
        ac_person_edit(t->hub, t->council, "case 1", id, 1, p, "mine now", &version, &err),
        AC_ENOTFOUND);
    assert_int_equal(ac_person_history(t->hub, t->council, "case 1", id, t->a, &v, &n, &err),
                     AC_ENOTFOUND);
    assert_int_equal(count(t, "SELECT version FROM persons WHERE id = ?1", id), 1);
}

static int64_t
count2(struct test_hub *t, const char *sql, const char *a1, const char *a2)
{
    struct aci_stmt *st = NULL;
    bool row = false;
    int64_t n;

    assert_int_equal(aci_stmt_get(t->hub->store, sql, &st, NULL), AC_OK);
    assert_int_equal(aci_stmt_bindf(st, NULL, "tt", a1, a2), AC_OK);
    assert_int_equal(aci_stmt_step(st, &row, NULL), AC_OK);
    assert_true(row);
    n = aci_stmt_col_int(st, 0);
    aci_stmt_done(st);
    return n;
}

static void
person_merge_answers_for_both_and_unmerge_puts_back(void **state)
{
    struct test_hub *t = *state;
    const char *keep = add_aisha(t), *dup = add_aisha(t), *friend, *link = NULL, *k = NULL;
    const char *subjects[1];
    ac_person_name name = { AC_NAME_PRIMARY, "Idris", NULL, "Campbell", NULL, NULL };
    ac_person fp, *p = NULL;
    ac_person_hit *found = NULL;
    ac_link l;
    ac_person_query q;
    ac_case c;
    size_t n = 0;
    ac_error err = { 0 };

    memset(&fp, 0, sizeof fp);
    fp.names = &name;
    fp.n_names = 1;
    assert_int_equal(ac_person_add(t->hub, t->analyst, "case 1", &fp, t->a, &friend, &err), AC_OK);
    memset(&l, 0, sizeof l);
    l.from_type = "person";
    l.from_id = dup;
    l.to_type = "person";
    l.to_id = friend;
    l.link_type = "associate_of";
    l.provenance = "seen together";
    l.confidence = 0.7;
    assert_int_equal(ac_link_add(t->hub, t->analyst, "case 1", &l, t->a, &link, &err), AC_OK);
    subjects[0] = dup;
    assert_int_equal(ac_case_add_with_subjects(t->hub, t->analyst, "case 1", AC_CASE_GENERAL,
                                               "About the duplicate", subjects, 1, t->a, &k, &err),
                     AC_OK);

    /* refusals: a reason is needed, not with itself, not another agency's record */
    assert_int_equal(ac_person_merge(t->hub, t->analyst, "case 1", keep, dup, "", &err), AC_EINVAL);
    assert_int_equal(ac_person_merge(t->hub, t->analyst, "case 1", keep, keep, "same", &err),
                     AC_EINVAL);
    assert_int_equal(ac_person_merge(t->hub, t->council, "case 1", keep, dup, "same", &err),
                     AC_ENOTFOUND);

    assert_int_equal(ac_person_merge(t->hub, t->analyst, "case 1", keep, dup,
                                     "the same woman: same passport", &err),
                     AC_OK);
    /* the survivor answers for both; search finds one; links and cases follow */
    assert_int_equal(ac_person_get(t->hub, t->analyst, "case 1", dup, t->a, &p, &err), AC_OK);
    assert_string_equal(p->id, keep);
    memset(&q, 0, sizeof q);
    q.name = "aisha rahman";
    assert_int_equal(ac_person_search(t->hub, t->analyst, "case 1", &q, t->a, &found, &n, &err),
                     AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(found[0].person.id, keep);
    assert_int_equal(
        count2(t, "SELECT count(*) FROM links WHERE id = ?1 AND from_id = ?2", link, keep), 1);
    assert_int_equal(ac_case_get(t->hub, t->analyst, "case 1", k, t->a, &c, &err), AC_OK);
    assert_string_equal(c.subjects[0].person_id, keep);
    assert_int_equal(ac_person_merge(t->hub, t->analyst, "case 1", friend, dup, "again", &err),
                     AC_ECONFLICT);
    /* a merged record is not edited */
    {
        ac_person raw;
        int64_t v = 0;

        assert_int_equal(aci_store_person_load(t->hub->store, dup, t->a, &raw, &err), AC_OK);
        assert_string_equal(raw.merged_into, keep);
        assert_int_equal(
            ac_person_edit(t->hub, t->analyst, "case 1", dup, raw.version, &raw, "x", &v, &err),
            AC_ECONFLICT);
        assert_non_null(strstr(err.msg, "is merged into"));
    }

    /* unmerge: each answers for itself again, and what moved moves back */
    assert_int_equal(ac_person_unmerge(t->hub, t->council, "case 1", dup, "not the same", &err),
                     AC_ENOTFOUND);
    assert_int_equal(ac_person_unmerge(t->hub, t->analyst, "case 1", dup, "not the same", &err),
                     AC_OK);
    assert_int_equal(ac_person_get(t->hub, t->analyst, "case 1", dup, t->a, &p, &err), AC_OK);
    assert_string_equal(p->id, dup);
    assert_int_equal(
        count2(t, "SELECT count(*) FROM links WHERE id = ?1 AND from_id = ?2", link, dup), 1);
    assert_int_equal(ac_case_get(t->hub, t->analyst, "case 1", k, t->a, &c, &err), AC_OK);
    assert_string_equal(c.subjects[0].person_id, dup);
    assert_int_equal(ac_person_search(t->hub, t->analyst, "case 1", &q, t->a, &found, &n, &err),
                     AC_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ac_person_unmerge(t->hub, t->analyst, "case 1", dup, "again", &err),
                     AC_ECONFLICT);
    assert_int_equal(count2(t,
                            "SELECT count(*) FROM audit_log WHERE action = 'update' AND "
                            "object_id IN (?1, ?2) AND outcome = 'ok' AND (detail LIKE 'merged%' "
                            "OR detail LIKE 'unmerged%')",
                            keep, dup),
                     2);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(person_edit_keeps_the_replaced_version_with_who_when_why,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            person_edit_of_a_stale_version_conflicts_and_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(
            person_edit_refuses_bad_identifiers_by_field_without_the_value, setup, teardown),
        cmocka_unit_test_setup_teardown(person_edit_needs_a_reason_and_hides_other_agencies_records,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(person_merge_answers_for_both_and_unmerge_puts_back, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
