/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_faults.c - fault injection (STYLE 4.9): fail the n-th allocation, or the n-th
 * storage step, for every n until the operation succeeds.  Each failure must come back
 * as an error code, leave the hub exactly as it was, and leak nothing (ASan checks).
 */
#include "support.h"

#include <string.h>

#include "internal.h"

static const char csv[] = "id,first_name,surname,dob,postcode,ni_number\n"
                          "1,Aisha,Rahman,1990-04-01,B11 4AA,AB123456C\n"
                          "2,Seán,Ó Briain,07/03/1985,CV1 2AB,\n"
                          "3,Mohammed,Khan,1980,,\n";

static void
faults_every_allocation_failure_in_person_add_rolls_back(void **state)
{
    struct test_hub *t = test_hub_new(0);
    ac_person_name n = { AC_NAME_PRIMARY, "Zoë", "Anne", "Ó Briain", NULL, NULL };
    ac_address addr = { "1 Oak Road", "Coventry", "CV1 2AB", { 0, 0, 0, 0 }, { 0, 0, 0, 0 } };
    ac_person p;
    unsigned long failures = 0;

    (void)state;
    memset(&p, 0, sizeof p);
    p.names = &n;
    p.n_names = 1;
    p.addresses = &addr;
    p.n_addresses = 1;
    for (unsigned long k = 1;; k++) {
        ac_arena *a = ac_arena_new(0);
        const char *id = NULL;
        ac_error err = { 0 };
        ac_code rc;

        assert_non_null(a);
        aci_alloc_fail_at(k);
        rc = ac_person_add(t->hub, t->analyst, "t", &p, a, &id, &err);
        aci_alloc_fail_at(0);
        ac_arena_free(a);
        if (rc == AC_OK) {
            break;
        }
        failures++;
        assert_int_equal(rc, AC_ENOMEM);
        assert_null(id);
        assert_int_equal(test_count_persons(t), 0);
    }
    assert_true(failures > 5);
    assert_int_equal(test_count_persons(t), 1);
    test_hub_free(t);
}

static void
faults_every_storage_failure_in_import_leaves_nothing(void **state)
{
    struct test_hub *t = test_hub_new(0);
    const char *path = test_write_file(0, csv, sizeof csv - 1);
    unsigned long failures = 0;

    (void)state;
    for (unsigned long k = 1;; k++) {
        ac_import_options o;
        ac_import_result r;
        ac_error err = { 0 };
        ac_code rc;

        memset(&o, 0, sizeof o);
        o.path = path;
        o.agency = t->ctu_id;
        aci_fault_arm("store.step", k);
        rc = ac_import_persons(t->hub, t->analyst, "t", &o, &r, &err);
        aci_fault_arm("", 0);
        if (rc == AC_OK) {
            assert_int_equal(r.imported, 3);
            break;
        }
        failures++;
        assert_int_equal(rc, AC_ESTORAGE);
        assert_int_equal(test_count_persons(t), 0);
    }
    assert_true(failures > 10);
    assert_int_equal(test_count_persons(t), 3);
    test_hub_free(t);
}

static void
faults_commit_failure_loses_the_change_and_its_audit(void **state)
{
    struct test_hub *t = test_hub_new(0);
    ac_hub_stats before, after;
    ac_error err = { 0 };
    ac_person_name n = { AC_NAME_PRIMARY, "A", NULL, "B", NULL, NULL };
    ac_person p;
    const char *id = NULL;

    (void)state;
    memset(&p, 0, sizeof p);
    p.names = &n;
    p.n_names = 1;
    assert_int_equal(ac_hub_stats_get(t->hub, t->admin, "t", &before, &err), AC_OK);
    aci_fault_arm("store.commit", 1);
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_ESTORAGE);
    aci_fault_arm("", 0);
    assert_int_equal(ac_hub_stats_get(t->hub, t->admin, "t", &after, &err), AC_OK);
    assert_int_equal(after.persons, before.persons);
    /* the stats call itself is audited once between the two readings */
    assert_int_equal(after.audit_entries, before.audit_entries + 1);
    test_hub_free(t);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(faults_every_allocation_failure_in_person_add_rolls_back),
        cmocka_unit_test(faults_every_storage_failure_in_import_leaves_nothing),
        cmocka_unit_test(faults_commit_failure_loses_the_change_and_its_audit),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
