/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_person.c - person records through the hub: add, get, search, and the gate
 * around them (purpose, policy, not-found for hidden records, audit in the same
 * transaction).
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "hub/hub_int.h"
#include "store/store.h"

/* Rows of audit_log with OUTCOME and ACTION (NULL = any). */
static int64_t
audit_count(struct test_hub *t, const char *action, const char *outcome)
{
    static const char sql[] = "SELECT count(*) FROM audit_log WHERE (?1 IS NULL OR action = ?1)"
                              " AND (?2 IS NULL OR outcome = ?2)";
    struct aci_stmt *st = NULL;
    bool row = false;
    int64_t n;

    assert_int_equal(aci_stmt_get(t->hub->store, sql, &st, NULL), AC_OK);
    assert_int_equal(aci_stmt_bindf(st, NULL, "tt", action, outcome), AC_OK);
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

static void
person_add_then_get_returns_every_part(void **state)
{
    struct test_hub *t = *state;
    ac_person_name names[2] = { { AC_NAME_PRIMARY, "Zoë", NULL, "Ó Briain", NULL, NULL },
                                { AC_NAME_ALIAS, NULL, NULL, NULL, "Zoe O'Brien", NULL } };
    ac_address addr = { "12 Oak Road", "Birmingham", "b114aa", { 0, 0, 0, 0 }, { 0, 0, 0, 0 } };
    ac_identifier ids[1] = { { AC_IDENT_NI_NUMBER, "AB 12 34 56 C", NULL } };
    ac_person p, *got = NULL;
    const char *id = NULL;
    ac_error err = { 0 };
    char buf[AC_DATE_TEXT_MAX];

    memset(&p, 0, sizeof p);
    p.names = names;
    p.n_names = 2;
    p.addresses = &addr;
    p.n_addresses = 1;
    p.identifiers = ids;
    p.n_identifiers = 1;
    p.source_ref = "REF-1";
    assert_int_equal(ac_date_parse("1985-03", &p.dob, &err), AC_OK);
    assert_int_equal(ac_person_add(t->hub, t->analyst, "case 1", &p, t->a, &id, &err), AC_OK);
    assert_true(ac_id_valid(id));
    assert_int_equal(ac_person_get(t->hub, t->analyst, "case 1", id, t->a, &got, &err), AC_OK);
    assert_string_equal(got->agency_id, t->ctu_id);
    assert_string_equal(got->source_ref, "REF-1");
    assert_int_equal(got->n_names, 2);
    assert_string_equal(got->names[0].full, "Zoë Ó Briain");
    assert_string_equal(got->names[0].key, "zoe o briain");
    assert_string_equal(got->names[1].key, "zoe obrien");
    assert_string_equal(ac_date_format(&got->dob, buf), "1985-03");
    assert_string_equal(got->addresses[0].postcode, "B11 4AA");
    assert_string_equal(got->identifiers[0].value, "AB 12 34 56 C");
    /* MoPI: review six years after creation by default (test clock: 2026-03-01) */
    assert_string_equal(ac_date_format(&got->review_date, buf), "2032-03-01");
    assert_int_equal(got->version, 1);
}

static void
person_add_refuses_bad_fields_by_name(void **state)
{
    struct test_hub *t = *state;
    ac_person_name two[2] = { { AC_NAME_PRIMARY, "A", NULL, "B", NULL, NULL },
                              { AC_NAME_PRIMARY, "C", NULL, "D", NULL, NULL } };
    ac_person_name blank = { AC_NAME_PRIMARY, NULL, NULL, "--", NULL, NULL };
    ac_person p;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&p, 0, sizeof p);
    p.names = two;
    p.n_names = 2;
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "exactly one primary"));
    p.names = &blank;
    p.n_names = 1;
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "names[0]"));
    p.names = two;
    p.n_names = 1;
    p.dob = (ac_date){ 2027, 1, 1, AC_DATE_DAY };
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "dob: date is in the future"));
    assert_null(id);
    assert_int_equal(test_count_persons(t), 0);
}

/* Issue 15 point 8: add refuses what edit refuses, by the same check
 * (ac_person_check_identifiers, lib/model/person_check.c, which cites HMRC NIM39110 for NI
 * numbers and the Criminal Justice data standard for PNC ids). */
static void
person_add_refuses_bad_identifiers_as_edit_does(void **state)
{
    struct test_hub *t = *state;
    ac_person_name n = { AC_NAME_PRIMARY, "Amir", NULL, "Rahman", NULL, NULL };
    ac_address addr = {
        "1 High Street", "Birmingham", "75001 Paris", { 0, 0, 0, 0 }, { 0, 0, 0, 0 }
    };
    ac_identifier ni = { AC_IDENT_NI_NUMBER, "GB 12 34 56 A", NULL };
    ac_identifier pnc = { AC_IDENT_PNC_ID, "05-123456X", NULL };
    ac_person p;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&p, 0, sizeof p);
    p.names = &n;
    p.n_names = 1;
    p.addresses = &addr;
    p.n_addresses = 1;
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "addresses[0].postcode: not a UK postcode"));
    addr.postcode = "B11 4AA";
    p.identifiers = &ni;
    p.n_identifiers = 1;
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "identifiers[0].value: not a National Insurance number"));
    assert_null(strstr(err.msg, "GB 12")); /* never the value */
    ni.value = "DA 12 34 56 A";            /* D is never a prefix letter */
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_EINVAL);
    ni.value = "AO 12 34 56 A"; /* O is never the second */
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_EINVAL);
    p.identifiers = &pnc;
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "identifiers[0].value: not a PNC id"));
    pnc.value = "05/123456S"; /* S is never the check character */
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_EINVAL);
    assert_int_equal(test_count_persons(t), 0);
    pnc.value = "05/123456X";
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_OK);
    assert_int_equal(test_count_persons(t), 1);
}

static void
person_duplicate_reference_conflicts(void **state)
{
    struct test_hub *t = *state;
    ac_person_name n = { AC_NAME_PRIMARY, "A", NULL, "B", NULL, NULL };
    ac_person p;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&p, 0, sizeof p);
    p.names = &n;
    p.n_names = 1;
    p.source_ref = "X-1";
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_OK);
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_ECONFLICT);
    /* another agency may use the same reference */
    assert_int_equal(ac_person_add(t->hub, t->council, "t", &p, t->a, &id, &err), AC_OK);
}

static void
person_read_needs_a_purpose(void **state)
{
    struct test_hub *t = *state;
    const char *id = test_add_person(t, t->analyst, "Aisha", "Rahman", NULL);
    ac_person *got = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_person_get(t->hub, t->analyst, "", id, t->a, &got, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "purpose"));
    assert_int_equal(ac_person_get(t->hub, t->analyst, "   ", id, t->a, &got, &err), AC_EINVAL);
    assert_null(got);
}

static void
person_of_another_agency_is_not_found(void **state)
{
    struct test_hub *t = *state;
    const char *id = test_add_person(t, t->analyst, "Aisha", "Rahman", NULL);
    char missing[AC_ID_LEN + 1];
    ac_person *got = NULL;
    ac_error hidden = { 0 }, absent = { 0 };
    char *at;

    snprintf(missing, sizeof missing, "%s", id);
    missing[AC_ID_LEN - 1] = missing[AC_ID_LEN - 1] == 'Z' ? 'Y' : 'Z';
    assert_int_equal(ac_person_get(t->hub, t->council, "t", id, t->a, &got, &hidden), AC_ENOTFOUND);
    assert_int_equal(ac_person_get(t->hub, t->council, "t", missing, t->a, &got, &absent),
                     AC_ENOTFOUND);
    /* the two messages differ only in the id: nothing tells them apart */
    at = strstr(hidden.msg, id);
    assert_non_null(at);
    memcpy(at, missing, AC_ID_LEN);
    assert_string_equal(hidden.msg, absent.msg);
    assert_null(got);
}

static void
person_admin_cannot_read_content(void **state)
{
    struct test_hub *t = *state;
    const char *id = test_add_person(t, t->analyst, "Aisha", "Rahman", NULL);
    ac_person *got = NULL;
    ac_person_hit *list = NULL;
    size_t n = 9;
    ac_person_query q = { "aisha", { 0, 0, 0, 0 }, NULL, 0, NULL };
    ac_error err = { 0 };

    assert_int_equal(ac_person_get(t->hub, t->admin, "t", id, t->a, &got, &err), AC_ENOTFOUND);
    assert_int_equal(ac_person_search(t->hub, t->admin, "t", &q, t->a, &list, &n, &err),
                     AC_EDENIED);
    assert_int_equal(n, 0);
}

static void
person_search_matches_words_and_folds_accents(void **state)
{
    struct test_hub *t = *state;
    ac_person_hit *list = NULL;
    size_t n = 0;
    ac_person_query q;
    ac_error err = { 0 };

    test_add_person(t, t->analyst, "Mohammed", "Khan", "1980-05-02");
    test_add_person(t, t->analyst, "Mohamed", "Khan", "1991");
    test_add_person(t, t->analyst, "José", "Muñoz", NULL);
    test_add_person(t, t->council, "Mohammed", "Khan", "1980-05-02");
    memset(&q, 0, sizeof q);
    q.name = "moh khan";
    assert_int_equal(ac_person_search(t->hub, t->analyst, "t", &q, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 2); /* the council's record is not visible to the CTU */
    /* paging: a cursor after the first of the two gives the second */
    q.limit = 1;
    assert_int_equal(ac_person_search(t->hub, t->analyst, "t", &q, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    q.after = list[0].person.id;
    assert_int_equal(ac_person_search(t->hub, t->analyst, "t", &q, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    /* answers come best first, so the second page is the other record, not a later id */
    assert_string_not_equal(list[0].person.id, q.after);
    q.after = list[0].person.id;
    assert_int_equal(ac_person_search(t->hub, t->analyst, "t", &q, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 0);
    q.after = NULL;
    q.limit = 0;
    q.name = "KHAN mohammed";
    assert_int_equal(ac_person_search(t->hub, t->analyst, "t", &q, t->a, &list, &n, &err), AC_OK);
    /* Mohamed is a spelling of Mohammed (issue 15.6): both, the exact one first */
    assert_int_equal(n, 2);
    assert_string_equal(list[0].person.names[0].given, "Mohammed");
    assert_true(list[0].score > list[1].score);
    q.name = "jose munoz";
    assert_int_equal(ac_person_search(t->hub, t->analyst, "t", &q, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].person.names[0].full, "José Muñoz");
    q.name = "khan";
    assert_int_equal(ac_date_parse("1980-05", &q.dob, &err), AC_OK);
    assert_int_equal(ac_person_search(t->hub, t->analyst, "t", &q, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    q.name = "nobody";
    memset(&q.dob, 0, sizeof q.dob);
    assert_int_equal(ac_person_search(t->hub, t->analyst, "t", &q, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 0);
    q.name = "?!";
    assert_int_equal(ac_person_search(t->hub, t->analyst, "t", &q, t->a, &list, &n, &err),
                     AC_EINVAL);
}

static void
person_every_call_is_audited_with_its_outcome(void **state)
{
    struct test_hub *t = *state;
    const char *id;
    ac_person *got = NULL;
    ac_error err = { 0 };
    int64_t before_ok = audit_count(t, "read", "ok");
    int64_t before_denied = audit_count(t, "read", "denied");
    int64_t before_missing = audit_count(t, "read", "not_found");

    id = test_add_person(t, t->analyst, "Aisha", "Rahman", NULL);
    assert_int_equal(audit_count(t, "create", "ok"), 1);
    assert_int_equal(ac_person_get(t->hub, t->analyst, "t", id, t->a, &got, &err), AC_OK);
    assert_int_equal(audit_count(t, "read", "ok"), before_ok + 1);
    assert_int_equal(ac_person_get(t->hub, t->council, "t", id, t->a, &got, &err), AC_ENOTFOUND);
    assert_int_equal(audit_count(t, "read", "denied"), before_denied + 1);
    assert_int_equal(
        ac_person_get(t->hub, t->analyst, "t", "01AAAAAAAAAAAAAAAAAAAAAAAA", t->a, &got, &err),
        AC_ENOTFOUND);
    assert_int_equal(audit_count(t, "read", "not_found"), before_missing + 1);
}

static void
person_failed_write_leaves_no_audit_and_no_record(void **state)
{
    struct test_hub *t = *state;
    ac_person_name n = { AC_NAME_PRIMARY, NULL, NULL, "", NULL, NULL };
    ac_person p;
    const char *id = NULL;
    ac_error err = { 0 };
    int64_t audits = audit_count(t, NULL, NULL);

    memset(&p, 0, sizeof p);
    p.names = &n;
    p.n_names = 1;
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_EINVAL);
    assert_int_equal(audit_count(t, NULL, NULL), audits);
    assert_int_equal(test_count_persons(t), 0);
}

static void
person_forged_actor_gains_nothing(void **state)
{
    struct test_hub *t = *state;
    ac_actor forged = *t->council;
    ac_person *got = NULL;
    const char *id = test_add_person(t, t->analyst, "Aisha", "Rahman", NULL);
    ac_error err = { 0 };

    forged.agency_id = t->ctu_id; /* claims to be in the CTU */
    assert_int_equal(ac_person_get(t->hub, &forged, "t", id, t->a, &got, &err), AC_EDENIED);
    forged = *t->council;
    forged.roles |= AC_ROLE_ADMIN;
    assert_int_equal(ac_person_get(t->hub, &forged, "t", id, t->a, &got, &err), AC_EDENIED);
    assert_null(got);
}

/* A reader of an export that goes away at once: before the first bytes reach it, the entry
 * naming what they hold must already be in the trail. */
struct cut_short {
    struct test_hub *t;
    const char *ids[3];
    int64_t named_before_write; /* entries naming ids[2] when the first bytes left */
    int calls;
};

static int
write_then_stop(void *ctx, const char *buf, size_t n)
{
    struct cut_short *c = ctx;
    char sql[160];

    (void)buf;
    (void)n;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE instr(detail, '%s') > 0",
             c->ids[2]);
    c->named_before_write = test_store_count(c->t, sql);
    c->calls++;
    return -1; /* the reader is gone (a closed pipe) */
}

static void
person_export_cut_short_leaves_entries_naming_what_left(void **state)
{
    struct test_hub *t = *state;
    struct cut_short c = { t, { NULL, NULL, NULL }, 0, 0 };
    uint64_t n = 0;
    ac_error err = { 0 };

    c.ids[0] = test_add_person(t, t->analyst, "Aisha", "Rahman", NULL);
    c.ids[1] = test_add_person(t, t->analyst, "Bilal", "Hussain", NULL);
    c.ids[2] = test_add_person(t, t->analyst, "Carys", "Evans", NULL);
    assert_int_equal(ac_export_persons(t->hub, t->analyst, "bulk copy", AC_EXPORT_JSONL,
                                       write_then_stop, &c, &n, &err),
                     AC_EIO);
    assert_int_equal(c.calls, 1);
    assert_int_equal(c.named_before_write, 1); /* committed before the page was written */
    for (int i = 0; i < 3; i++) {
        char sql[200];

        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM audit_log WHERE action = 'export' AND"
                 " instr(detail, '%s') > 0 AND detail LIKE '%%3 results:%%'",
                 c.ids[i]);
        assert_int_equal(test_store_count(t, sql), 1);
    }
    /* and the last entry says the export stopped, having delivered nothing whole */
    assert_int_equal(test_store_count(t,
                                      "SELECT count(*) FROM audit_log WHERE seq = (SELECT max(seq)"
                                      " FROM audit_log) AND action = 'export' AND detail LIKE"
                                      " '%persons=0 pages=1 stopped: the output failed'"),
                     1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(person_add_then_get_returns_every_part, setup, teardown),
        cmocka_unit_test_setup_teardown(person_add_refuses_bad_fields_by_name, setup, teardown),
        cmocka_unit_test_setup_teardown(person_add_refuses_bad_identifiers_as_edit_does, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(person_duplicate_reference_conflicts, setup, teardown),
        cmocka_unit_test_setup_teardown(person_read_needs_a_purpose, setup, teardown),
        cmocka_unit_test_setup_teardown(person_of_another_agency_is_not_found, setup, teardown),
        cmocka_unit_test_setup_teardown(person_admin_cannot_read_content, setup, teardown),
        cmocka_unit_test_setup_teardown(person_search_matches_words_and_folds_accents, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(person_every_call_is_audited_with_its_outcome, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(person_failed_write_leaves_no_audit_and_no_record, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(person_forged_actor_gains_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(person_export_cut_short_leaves_entries_naming_what_left,
                                        setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
