/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_holding.c - discoverable holdings (issue 15.2) on an on-disk hub: who sees
 * which pointer, each agency's declarations, and an undiscoverable holding that changes no
 * answer.  Until the subjects of issue 15.1 land, "the same person" is a confirmed
 * same_person link between two agencies' records, written here straight into the store
 * (no public call makes a link across agencies).
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "hub/hub_int.h"
#include "store/store.h"

struct fixture {
    struct test_hub *t;
    const char *ss_id, *prob_id;
    const ac_actor *ss_admin, *ss_analyst, *prob_officer;
    const char *ctu_p, *council_p, *prob_p; /* one person, three records */
    int links;
};

/* Join records A and B as the same person (the stand-in for a subject). */
static void
same_person(struct fixture *f, const char *a, const char *b)
{
    char id[32];
    ac_error err = { 0 };

    snprintf(id, sizeof id, "LINKTEST%d", f->links++);
    assert_int_equal(
        aci_store_runf(f->t->hub->store,
                       "INSERT INTO links (id, agency_id, from_type, from_id, to_type,"
                       " to_id, link_type, provenance, confidence, status, review_date,"
                       " created_by, created_at, updated_at) SELECT ?, agency_id,"
                       " 'person', ?, 'person', ?, 'same_person', 'test', 1, 'confirmed',"
                       " '2027-01-01', created_by, created_at, created_at FROM persons"
                       " WHERE id = ?2",
                       &err, "ttt", id, a, b),
        AC_OK);
}

/* The administrator support.c appointed for AGENCY ("admin.<id>", lower case). */
static const ac_actor *
agency_admin(struct test_hub *t, const char *agency)
{
    char name[64];
    const ac_actor *actor = NULL;
    ac_error err = { 0 };

    snprintf(name, sizeof name, "admin.%s", agency);
    for (size_t i = 0; name[i] != '\0'; i++) {
        name[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
    }
    assert_int_equal(ac_hub_actor(t->hub, name, t->a, &actor, &err), AC_OK);
    return actor;
}

static const char *
add_agency(struct test_hub *t, const char *name, ac_agency_kind kind)
{
    ac_agency g = { NULL, name, kind, "GB", NULL };
    const char *id = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_agency_add(t->hub, t->admin, "", &g, t->a, &id, &err), AC_OK);
    return id;
}

static int
setup(void **state)
{
    struct fixture *f = test_calloc(1, sizeof *f);

    f->t = test_hub_new(1);
    f->ss_id = add_agency(f->t, "Security Service", AC_AGENCY_SECURITY_SERVICE);
    f->prob_id = add_agency(f->t, "Probation Service West Midlands", AC_AGENCY_PROBATION);
    f->ss_analyst = test_add_user(f->t, "ss.analyst", f->ss_id, AC_ROLE_ANALYST, AC_VETTING_DV);
    f->ss_admin = agency_admin(f->t, f->ss_id); /* appointed by test_add_user */
    f->prob_officer =
        test_add_user(f->t, "prob.officer", f->prob_id, AC_ROLE_CASEWORKER, AC_VETTING_BPSS);
    f->ctu_p = test_add_person(f->t, f->t->analyst, "John", "Smith", "1990-04-01");
    f->council_p = test_add_person(f->t, f->t->council, "John", "Smith", "1990-04-01");
    f->prob_p = test_add_person(f->t, f->prob_officer, "Jon", "Smith", "1990-04-01");
    same_person(f, f->ctu_p, f->council_p);
    same_person(f, f->prob_p, f->council_p); /* joined through the council's record */
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;

    test_hub_free(f->t);
    test_free(f);
    return 0;
}

/* Every answer of the pointer calls for ACTOR on PERSON, as one text. */
static const char *
answers(struct fixture *f, const ac_actor *actor, const char *person)
{
    static char buf[2048];
    ac_pointer *p = NULL;
    size_t n = 0, used;
    ac_error err = { 0 };
    ac_code rc = ac_person_pointers(f->t->hub, actor, "test", person, f->t->a, &p, &n, &err);

    used = (size_t)snprintf(buf, sizeof buf, "rc=%d n=%zu msg=%s;", (int)rc, n,
                            rc == AC_OK ? "" : err.msg);
    for (size_t i = 0; i < n && used < sizeof buf; i++) {
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s|%s|%s;", p[i].agency_name,
                                 p[i].ref, p[i].last_changed);
    }
    return ac_arena_strdup(f->t->a, buf);
}

static void
ct_analyst_sees_council_and_probation_not_the_service(void **state)
{
    struct fixture *f = *state;
    const char *ss_p = test_add_person(f->t, f->ss_analyst, "John", "Smith", "1990-04-01");
    ac_pointer *p = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    same_person(f, ss_p, f->ctu_p);
    assert_int_equal(
        ac_person_pointers(f->t->hub, f->t->analyst, "test", f->ctu_p, f->t->a, &p, &n, &err),
        AC_OK);
    assert_int_equal(n, 2); /* the Service's holding is discoverable to nobody by default */
    assert_string_equal(p[0].agency_name, "City Council");
    assert_string_equal(p[0].agency_id, f->t->council_id);
    assert_string_equal(p[1].agency_name, "Probation Service West Midlands");
    for (size_t i = 0; i < n; i++) {
        assert_memory_equal(p[i].ref, "R-", 2);
        assert_int_equal(strlen(p[i].ref), 12);
        assert_null(strstr(p[i].ref, f->council_p));
        assert_string_equal(p[i].last_changed, "2026-03-01");
    }
    /* the council (a local authority) sees no pointer by default, not even CT policing's */
    assert_int_equal(
        ac_person_pointers(f->t->hub, f->t->council, "test", f->council_p, f->t->a, &p, &n, &err),
        AC_OK);
    assert_int_equal(n, 0);
    /* the Service sees the others' holdings (discoverable to it by default) */
    assert_int_equal(
        ac_person_pointers(f->t->hub, f->ss_analyst, "test", ss_p, f->t->a, &p, &n, &err), AC_OK);
    assert_int_equal(n, 3);
}

static void
declarations_change_who_sees_a_pointer(void **state)
{
    struct fixture *f = *state;
    const ac_actor *council_admin = f->t->council_admin;
    ac_discoverability d[AC_AGENCY_KIND_COUNT];
    ac_pointer *p = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    /* only the agency's administrator declares */
    assert_int_equal(ac_agency_discoverability_set(f->t->hub, f->t->council, "",
                                                   AC_AGENCY_PROBATION, true, &err),
                     AC_EDENIED);
    assert_int_equal(
        ac_agency_discoverability_get(f->t->hub, f->t->analyst, "", f->t->council_id, d, &err),
        AC_OK);
    assert_true(d[AC_AGENCY_CT_POLICING].discoverable && !d[AC_AGENCY_CT_POLICING].declared);
    assert_false(d[AC_AGENCY_PROBATION].discoverable);
    assert_int_equal(ac_agency_discoverability_set(f->t->hub, council_admin, "",
                                                   AC_AGENCY_PROBATION, true, &err),
                     AC_OK);
    assert_int_equal(ac_agency_discoverability_set(f->t->hub, council_admin, "",
                                                   AC_AGENCY_CT_POLICING, false, &err),
                     AC_OK);
    assert_int_equal(ac_agency_discoverability_get(f->t->hub, council_admin, "", NULL, d, &err),
                     AC_OK);
    assert_true(d[AC_AGENCY_PROBATION].discoverable && d[AC_AGENCY_PROBATION].declared);
    assert_true(!d[AC_AGENCY_CT_POLICING].discoverable && d[AC_AGENCY_CT_POLICING].declared);
    assert_int_equal(
        ac_person_pointers(f->t->hub, f->t->analyst, "test", f->ctu_p, f->t->a, &p, &n, &err),
        AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].agency_name, "Probation Service West Midlands");
    assert_int_equal(
        ac_person_pointers(f->t->hub, f->prob_officer, "test", f->prob_p, f->t->a, &p, &n, &err),
        AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(p[0].agency_name, "City Council");
    /* the Service says its holdings may be discovered by CT policing */
    assert_int_equal(ac_agency_discoverability_set(f->t->hub, f->ss_admin, "",
                                                   AC_AGENCY_CT_POLICING, true, &err),
                     AC_OK);
    same_person(f, test_add_person(f->t, f->ss_analyst, "J", "Smith", NULL), f->ctu_p);
    assert_int_equal(
        ac_person_pointers(f->t->hub, f->t->analyst, "test", f->ctu_p, f->t->a, &p, &n, &err),
        AC_OK);
    assert_int_equal(n, 2);
    assert_string_equal(p[1].agency_name, "Security Service");
}

/* Another agency's person, and a missing one, answer alike; so do users who may not search. */
static void
pointers_of_a_record_one_may_not_read_are_not_found(void **state)
{
    struct fixture *f = *state;
    char missing[64];

    snprintf(missing, sizeof missing, "%s", f->council_p);
    missing[strlen(missing) - 1] = missing[strlen(missing) - 1] == 'A' ? 'B' : 'A';
    assert_string_equal(strstr(answers(f, f->t->analyst, f->council_p), ";"),
                        strstr(answers(f, f->t->analyst, missing), ";"));
    assert_non_null(strstr(answers(f, f->t->analyst, missing), "not found"));
    assert_non_null(strstr(answers(f, f->t->admin, f->ctu_p), "not found"));
}

/* An undiscoverable holding changes no answer: every call, for every user, before and after. */
static void
an_undiscoverable_holding_changes_no_answer(void **state)
{
    struct fixture *f = *state;
    const ac_actor *who[] = { f->t->analyst, f->t->council, f->prob_officer, f->t->admin,
                              f->t->auditor };
    const char *persons[] = { f->ctu_p, f->council_p, f->prob_p };
    const char *before[5][3];
    ac_discoverability d0[AC_AGENCY_KIND_COUNT], d1[AC_AGENCY_KIND_COUNT];
    ac_error err = { 0 };
    const char *ss_p;

    for (size_t w = 0; w < 5; w++)
        for (size_t i = 0; i < 3; i++) {
            before[w][i] = answers(f, who[w], persons[i]);
        }
    assert_int_equal(
        ac_agency_discoverability_get(f->t->hub, f->t->analyst, "", f->ss_id, d0, &err), AC_OK);
    /* the Service's record of the same person, discoverable to nobody */
    ss_p = test_add_person(f->t, f->ss_analyst, "John", "Smith", "1990-04-01");
    same_person(f, ss_p, f->ctu_p);
    same_person(f, ss_p, f->prob_p);
    for (size_t w = 0; w < 5; w++)
        for (size_t i = 0; i < 3; i++) {
            assert_string_equal(answers(f, who[w], persons[i]), before[w][i]);
        }
    assert_int_equal(
        ac_agency_discoverability_get(f->t->hub, f->t->analyst, "", f->ss_id, d1, &err), AC_OK);
    assert_memory_equal(d0, d1, sizeof d0);
    /* and a pointer to it is no less invisible than the record itself */
    assert_string_equal(strstr(answers(f, f->t->analyst, ss_p), ";"),
                        strstr(answers(f, f->t->analyst, "NOSUCHPERSON"), ";"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(ct_analyst_sees_council_and_probation_not_the_service,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(declarations_change_who_sees_a_pointer, setup, teardown),
        cmocka_unit_test_setup_teardown(pointers_of_a_record_one_may_not_read_are_not_found, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_undiscoverable_holding_changes_no_answer, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
