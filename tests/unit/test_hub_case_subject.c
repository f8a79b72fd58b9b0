/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_case_subject.c - cases have subjects (issue 15, point 7): a case opened with
 * the person records it is about shows them to whoever may read the case and to nobody
 * else; a subject must be a record the actor may read, and one it may not is "not found"
 * with no case opened; membership rules are unchanged.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "hub/hub_int.h"
#include "store/store.h"

static int64_t
count(struct test_hub *t, const char *sql)
{
    return test_store_count(t, sql);
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

static const char *
add_person(struct test_hub *t, const ac_actor *who, const char *given, const char *family)
{
    ac_person_name name = { AC_NAME_PRIMARY, given, NULL, family, NULL, NULL };
    ac_person p;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&p, 0, sizeof p);
    p.names = &name;
    p.n_names = 1;
    assert_int_equal(ac_person_add(t->hub, who, "case 1", &p, t->a, &id, &err), AC_OK);
    return id;
}

static void
case_subjects_are_case_content(void **state)
{
    struct test_hub *t = *state;
    const char *aisha = add_person(t, t->analyst, "Aisha", "Rahman");
    const char *idris = add_person(t, t->analyst, "Idris", "Campbell");
    const char *subjects[2] = { aisha, idris }, *id = NULL;
    ac_case k;
    ac_error err = { 0 };

    assert_int_equal(ac_case_add_with_subjects(t->hub, t->analyst, "case 1", AC_CASE_GENERAL,
                                               "Two subjects", subjects, 2, t->a, &id, &err),
                     AC_OK);
    assert_int_equal(ac_case_get(t->hub, t->analyst, "case 1", id, t->a, &k, &err), AC_OK);
    assert_int_equal(k.n_subjects, 2);
    assert_string_equal(k.subjects[0].person_id, aisha);
    assert_string_equal(k.subjects[0].name, "Aisha Rahman");
    assert_string_equal(k.subjects[0].agency_id, t->ctu_id);
    assert_non_null(k.subjects[0].agency_name);
    assert_non_null(k.subjects[0].added_by);
    assert_string_equal(k.subjects[1].name, "Idris Campbell");

    /* a user who may not read the case learns nothing of it or its subjects */
    assert_int_equal(ac_case_get(t->hub, t->council, "case 1", id, t->a, &k, &err), AC_ENOTFOUND);
    assert_null(strstr(err.msg, "Rahman"));
    /* once the council is a member, the subjects are part of what it reads */
    assert_int_equal(
        ac_case_member_add(t->hub, t->analyst, "case 1", id, t->council_id, NULL, "member", &err),
        AC_OK);
    assert_int_equal(ac_case_get(t->hub, t->council, "case 1", id, t->a, &k, &err), AC_OK);
    assert_int_equal(k.n_subjects, 2);
    /* the person record itself stays its agency's */
    {
        ac_person *p = NULL;

        assert_int_equal(ac_person_get(t->hub, t->council, "case 1", aisha, t->a, &p, &err),
                         AC_ENOTFOUND);
    }
}

static void
case_subject_must_be_a_record_the_actor_may_read(void **state)
{
    struct test_hub *t = *state;
    const char *mine = add_person(t, t->analyst, "Aisha", "Rahman");
    const char *theirs = add_person(t, t->council, "Jane", "Doe");
    const char *subjects[2] = { mine, theirs }, *id = NULL;
    int64_t cases = count(t, "SELECT count(*) FROM cases");
    ac_error err = { 0 };
    ac_case k;

    /* another agency's record: not found, named, and no case opened */
    assert_int_equal(ac_case_add_with_subjects(t->hub, t->analyst, "case 1", AC_CASE_GENERAL,
                                               "Hidden", subjects, 2, t->a, &id, &err),
                     AC_ENOTFOUND);
    assert_non_null(strstr(err.msg, "subjects: person '"));
    assert_non_null(strstr(err.msg, theirs));
    assert_null(id);
    assert_int_equal(count(t, "SELECT count(*) FROM cases"), cases);
    assert_int_equal(count(t, "SELECT count(*) FROM case_subjects"), 0);
    /* the same words for an id that does not exist */
    subjects[1] = "01J0000000000000000000NONE";
    assert_int_equal(ac_case_add_with_subjects(t->hub, t->analyst, "case 1", AC_CASE_GENERAL,
                                               "Missing", subjects, 2, t->a, &id, &err),
                     AC_ENOTFOUND);
    assert_non_null(strstr(err.msg, "subjects: person '"));

    /* adding later: the record must be readable, once only, by someone who may read the case */
    assert_int_equal(
        ac_case_add(t->hub, t->analyst, "case 1", AC_CASE_GENERAL, "Later", t->a, &id, &err),
        AC_OK);
    assert_int_equal(ac_case_subject_add(t->hub, t->analyst, "case 1", id, theirs, &err),
                     AC_ENOTFOUND);
    assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = 'update' AND "
                              "object_type = 'case' AND outcome = 'denied'"),
                     1);
    assert_int_equal(ac_case_subject_add(t->hub, t->analyst, "case 1", id, mine, &err), AC_OK);
    assert_int_equal(ac_case_subject_add(t->hub, t->analyst, "case 1", id, mine, &err),
                     AC_ECONFLICT);
    assert_int_equal(ac_case_subject_add(t->hub, t->council, "case 1", id, theirs, &err),
                     AC_ENOTFOUND);
    assert_non_null(strstr(err.msg, "case '"));
    assert_int_equal(ac_case_get(t->hub, t->analyst, "case 1", id, t->a, &k, &err), AC_OK);
    assert_int_equal(k.n_subjects, 1);
    assert_string_equal(k.subjects[0].person_id, mine);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(case_subjects_are_case_content, setup, teardown),
        cmocka_unit_test_setup_teardown(case_subject_must_be_a_record_the_actor_may_read, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
