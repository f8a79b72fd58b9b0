/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_picture.c - one view of a person (issue 15.5) on an on-disk hub: the CT
 * analyst's picture of a person held by the CTU, the council and probation composes its
 * own records, the pointers it may see, a frozen disclosure, its item, link and case, and
 * the open requests, each marked with its source, classification and handling conditions;
 * a record it may not read is "not found" as a missing one is; and an undiscoverable
 * holding (the Security Service's) changes no part of any picture.  "The same person" is
 * a confirmed same_person link written straight into the store, as test_hub_holding.c
 * does, so the test does not depend on the subject model's thresholds.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "hub/hub_int.h"
#include "store/store.h"

#define P "assessing a referral"

struct fixture {
    struct test_hub *t;
    const char *ss_id, *prob_id;
    const ac_actor *ss_analyst, *prob_officer;
    const char *ctu_p, *ctu_p2, *council_p, *prob_p;
    int links;
};

static void
same_person(struct fixture *f, const char *a, const char *b)
{
    char id[32];
    ac_error err = { 0 };

    snprintf(id, sizeof id, "PICLINK%d", f->links++);
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
    f->prob_officer =
        test_add_user(f->t, "prob.officer", f->prob_id, AC_ROLE_CASEWORKER, AC_VETTING_BPSS);
    f->ctu_p = test_add_person(f->t, f->t->analyst, "John", "Smith", "1990-04-01");
    f->ctu_p2 = test_add_person(f->t, f->t->analyst, "Johnny", "Smith", "1990-04-01");
    f->council_p = test_add_person(f->t, f->t->council, "John", "Smith", "1990-04-01");
    f->prob_p = test_add_person(f->t, f->prob_officer, "Jon", "Smith", "1990-04-01");
    same_person(f, f->ctu_p, f->council_p);
    same_person(f, f->ctu_p2, f->ctu_p);
    same_person(f, f->prob_p, f->council_p);
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

/* The detail of the last audit entry, in T->a. */
static const char *
last_detail(struct test_hub *t)
{
    struct aci_stmt *st = NULL;
    bool row = false;
    const char *out = NULL;

    assert_int_equal(aci_stmt_get(t->hub->store,
                                  "SELECT action, object_id, outcome, detail FROM audit_log"
                                  " ORDER BY seq DESC LIMIT 1",
                                  &st, NULL),
                     AC_OK);
    assert_int_equal(aci_stmt_step(st, &row, NULL), AC_OK);
    assert_true(row);
    out = ac_arena_printf(t->a, "%s %s %s %s", aci_stmt_col_text(st, 0), aci_stmt_col_text(st, 1),
                          aci_stmt_col_text(st, 2), aci_stmt_col_text(st, 3));
    aci_stmt_done(st);
    return out;
}

static ac_picture
picture(struct fixture *f, const ac_actor *actor, const char *person, ac_code expect)
{
    ac_picture p;
    ac_error err = { 0 };

    assert_int_equal(ac_person_picture(f->t->hub, actor, P, person, f->t->a, &p, &err), expect);
    return p;
}

/* Every answer of the picture for ACTOR on PERSON, as one text (record ids are the actor's
 * own; everything else by name, reference and content). */
static const char *
answer(struct fixture *f, const ac_actor *actor, const char *person)
{
    static char buf[8192];
    ac_picture p;
    ac_error err = { 0 };
    ac_code rc = ac_person_picture(f->t->hub, actor, P, person, f->t->a, &p, &err);
    size_t n = (size_t)snprintf(buf, sizeof buf, "rc=%d msg=%s|", (int)rc,
                                rc == AC_OK ? "" : strstr(err.msg, "' not found"));

    if (rc == AC_OK) {
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%d %zu %zu %zu %zu %zu %zu %zu|",
                              (int)p.highest, p.n_records, p.n_disclosures, p.n_pointers, p.n_items,
                              p.n_links, p.n_cases, p.n_rfis);
    }
    for (size_t i = 0; rc == AC_OK && i < p.n_pointers && n < sizeof buf; i++) {
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s %s %s;", p.pointers[i].mark.agency_name,
                              p.pointers[i].pointer.ref, p.pointers[i].pointer.last_changed);
    }
    for (size_t i = 0; rc == AC_OK && i < p.n_records && n < sizeof buf; i++) {
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s;", p.records[i].person.id);
    }
    for (size_t i = 0; rc == AC_OK && i < p.n_disclosures && n < sizeof buf; i++) {
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s;", p.disclosures[i].disclosure.released);
    }
    return ac_arena_strdup(f->t->a, buf);
}

static const char *
ref_of(const ac_picture *p, const char *agency_name)
{
    for (size_t i = 0; i < p->n_pointers; i++) {
        if (strcmp(p->pointers[i].pointer.agency_name, agency_name) == 0) {
            return p->pointers[i].pointer.ref;
        }
    }
    fail_msg("no pointer to %s", agency_name);
    return NULL;
}

static const char *
ask(struct fixture *f, const char *ref)
{
    ac_rfi in = { 0 };
    const char *id = NULL;
    ac_error err = { 0 };

    in.ref = ref;
    in.purpose = "assessing a Prevent referral";
    in.lawful_basis = "cda1998-s115";
    in.question = "names and date of birth";
    in.urgency = AC_RFI_URGENT;
    assert_int_equal(ac_rfi_ask(f->t->hub, f->t->analyst, P, &in, f->t->a, &id, &err), AC_OK);
    return id;
}

static const char *
answer_two_fields(struct fixture *f, const char *rfi)
{
    ac_person_disclosure d;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&d, 0, sizeof d);
    d.rfi_id = rfi;
    d.purpose = "answering the request";
    d.lawful_basis = "cda1998-s115";
    d.fields = AC_PD_NAMES | AC_PD_DOB;
    d.classification = AC_CLASS_OFFICIAL_SENSITIVE;
    d.handling_conditions = "not to be shared beyond CT policing";
    d.expires_at = "2027-03-01";
    assert_int_equal(ac_person_disclose(f->t->hub, f->t->council, P, &d, f->t->a, &id, &err),
                     AC_OK);
    return id;
}

/* A SECRET item of the CTU with handling conditions, linked to PERSON; and a case on it. */
static void
add_item_link_case(struct fixture *f, const char *person, const char **item, const char **kase)
{
    ac_item it;
    ac_link l;
    const char *link = NULL;
    ac_error err = { 0 };

    memset(&it, 0, sizeof it);
    it.body = "seen at the address with a known associate";
    it.classification = AC_CLASS_SECRET;
    it.source_eval = '2';
    it.intel_eval = 'B';
    it.handling = 'C';
    it.handling_conditions = "no onward disclosure without consent";
    assert_int_equal(ac_item_add(f->t->hub, f->t->analyst, P, &it, f->t->a, item, &err), AC_OK);
    memset(&l, 0, sizeof l);
    l.from_type = "person";
    l.from_id = person;
    l.to_type = "item";
    l.to_id = *item;
    l.link_type = "mentioned_in";
    l.provenance = "the analyst's reading";
    l.confidence = 1;
    l.status = AC_LINK_CONFIRMED;
    assert_int_equal(ac_link_add(f->t->hub, f->t->analyst, P, &l, f->t->a, &link, &err), AC_OK);
    assert_int_equal(ac_case_add_with_subjects(f->t->hub, f->t->analyst, P, AC_CASE_SOI,
                                               "Operation Lantern", &person, 1, f->t->a, kase,
                                               &err),
                     AC_OK);
}

static void
picture_composes_every_part_with_its_marks(void **state)
{
    struct fixture *f = *state;
    ac_picture p = picture(f, f->t->analyst, f->ctu_p, AC_OK);
    const char *item = NULL, *kase = NULL, *rfi, *pd;
    int64_t audit0;
    size_t n_same;

    /* before anything is shared: two own records, two pointers, nothing else */
    assert_string_equal(p.person_id, f->ctu_p);
    assert_int_equal(p.n_records, 2);
    assert_string_equal(p.records[0].person.id, f->ctu_p); /* the one asked, first */
    assert_string_equal(p.records[1].person.id, f->ctu_p2);
    assert_string_equal(p.records[0].mark.agency_id, f->t->ctu_id);
    assert_int_equal(p.records[0].mark.classification, AC_CLASS_OFFICIAL_SENSITIVE);
    assert_int_equal(p.n_pointers, 2);
    assert_string_equal(p.pointers[0].mark.agency_name, "City Council");
    assert_string_equal(p.pointers[1].mark.agency_name, "Probation Service West Midlands");
    assert_int_equal(p.n_disclosures + p.n_items + p.n_cases + p.n_rfis, 0);
    assert_int_equal(p.highest, AC_CLASS_OFFICIAL_SENSITIVE);
    /* the only links so far join the CTU's two records (the test's, and the one the
     * subject index proposed for a person to decide) */
    n_same = p.n_links;
    assert_true(n_same >= 1);
    for (size_t i = 0; i < p.n_links; i++) {
        assert_string_equal(p.links[i].link.link_type, "same_person");
        assert_string_equal(p.links[i].mark.agency_id, f->t->ctu_id);
        /* the CTU's link to the council's record (written by the fixture) is not shown: its
         * far end is a record the analyst may not read */
        assert_string_not_equal(p.links[i].link.from_id, f->council_p);
        assert_string_not_equal(p.links[i].link.to_id, f->council_p);
    }

    add_item_link_case(f, f->ctu_p2, &item, &kase);
    rfi = ask(f, ref_of(&p, "City Council"));
    p = picture(f, f->t->analyst, f->ctu_p, AC_OK);
    assert_int_equal(p.n_rfis, 1);
    assert_string_equal(p.rfis[0].rfi.id, rfi);
    assert_false(p.rfis[0].incoming);
    assert_null(p.rfis[0].rfi.held_person_id); /* the council's record id stays there */
    /* the council's picture of its record shows the request to it, with its record */
    {
        ac_picture q = picture(f, f->t->council, f->council_p, AC_OK);

        assert_int_equal(q.n_rfis, 1);
        assert_true(q.rfis[0].incoming);
        assert_string_equal(q.rfis[0].mark.agency_id, f->t->ctu_id); /* the asker */
        assert_string_equal(q.rfis[0].rfi.held_person_id, f->council_p);
        assert_int_equal(q.n_items + q.n_links + q.n_cases, 0); /* the CTU's stay the CTU's */
    }

    pd = answer_two_fields(f, rfi);
    audit0 = test_count_audit(f->t);
    p = picture(f, f->t->analyst, f->ctu_p, AC_OK);
    /* one read, one entry (and the count's own), naming every part shown */
    assert_int_equal(test_count_audit(f->t), audit0 + 2);
    assert_int_equal(p.n_rfis, 0); /* answered: no longer open */
    assert_int_equal(p.n_disclosures, 1);
    assert_string_equal(p.disclosures[0].disclosure.id, pd);
    assert_null(p.disclosures[0].disclosure.person_id);
    assert_string_equal(p.disclosures[0].mark.agency_id, f->t->council_id);
    assert_string_equal(p.disclosures[0].mark.agency_name, "City Council");
    assert_int_equal(p.disclosures[0].mark.classification, AC_CLASS_OFFICIAL_SENSITIVE);
    assert_string_equal(p.disclosures[0].mark.handling_conditions,
                        "not to be shared beyond CT policing");
    assert_string_equal(p.disclosures[0].disclosure.expires_at, "2027-03-01T00:00:00.000Z");
    assert_non_null(strstr(p.disclosures[0].disclosure.released, "\"given\":\"John\""));
    assert_non_null(strstr(p.disclosures[0].disclosure.released, "\"dob\":\"1990-04-01\""));
    assert_null(strstr(p.disclosures[0].disclosure.released, "addresses"));
    /* the item (through the link on the second record), the link and the case */
    assert_int_equal(p.n_items, 1);
    assert_string_equal(p.items[0].item.id, item);
    assert_int_equal(p.items[0].mark.classification, AC_CLASS_SECRET);
    assert_string_equal(p.items[0].mark.handling_conditions,
                        "no onward disclosure without consent");
    assert_int_equal(p.n_links, n_same + 1);
    assert_string_equal(p.links[n_same].link.to_id, item);
    assert_string_equal(p.items[0].via_link_id, p.links[n_same].link.meta.id);
    assert_int_equal(p.n_cases, 1);
    assert_string_equal(p.cases[0].id, kase);
    assert_string_equal(p.cases[0].title, "Operation Lantern");
    assert_string_equal(p.cases[0].mark.agency_name, "CTU");
    /* the highest marking on the view is the item's */
    assert_int_equal(p.highest, AC_CLASS_SECRET);
    p = picture(f, f->t->analyst, f->ctu_p, AC_OK);
    {
        const char *d = last_detail(f->t);
        const char *shown[] = { f->ctu_p,
                                f->ctu_p2,
                                pd,
                                item,
                                kase,
                                p.links[n_same].link.meta.id,
                                p.pointers[0].pointer.ref,
                                p.pointers[1].pointer.ref };

        assert_non_null(strstr(d, "picture, secret: 2 records, 1 disclosures, 2 pointers"));
        for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
            assert_non_null(strstr(d, shown[i]));
        }
        assert_null(strstr(d, f->council_p)); /* what was shown, not what the index holds */
    }

    /* frozen: the council's record changes, the picture's copy does not */
    {
        ac_error err = { 0 };

        assert_int_equal(aci_store_runf(f->t->hub->store,
                                        "UPDATE person_names SET given = 'Jonathan' WHERE "
                                        "person_id = ?",
                                        &err, "t", f->council_p),
                         AC_OK);
        p = picture(f, f->t->analyst, f->ctu_p, AC_OK);
        assert_non_null(strstr(p.disclosures[0].disclosure.released, "\"given\":\"John\""));
        /* revocation removes it at once */
        assert_int_equal(ac_person_disclosure_revoke(f->t->hub, f->t->council, P, pd, &err), AC_OK);
    }
    p = picture(f, f->t->analyst, f->ctu_p, AC_OK);
    assert_int_equal(p.n_disclosures, 0);
}

static void
picture_of_a_record_one_may_not_read_is_not_found(void **state)
{
    struct fixture *f = *state;
    char missing[64];
    ac_picture p;
    ac_error err = { 0 };

    snprintf(missing, sizeof missing, "%s", f->council_p);
    missing[strlen(missing) - 1] = missing[strlen(missing) - 1] == 'A' ? 'B' : 'A';
    /* the same code and the same words as for a record that does not exist */
    assert_string_equal(answer(f, f->t->analyst, f->council_p), answer(f, f->t->analyst, missing));
    assert_int_equal(
        ac_person_picture(f->t->hub, f->t->analyst, P, f->council_p, f->t->a, &p, &err),
        AC_ENOTFOUND);
    assert_non_null(strstr(err.msg, f->council_p));
    assert_null(p.records);
    /* the hub's administrator has no content role: not found either */
    assert_int_equal(ac_person_picture(f->t->hub, f->t->admin, P, f->ctu_p, f->t->a, &p, &err),
                     AC_ENOTFOUND);
    /* without a purpose: refused, naming what to do */
    assert_int_equal(ac_person_picture(f->t->hub, f->t->analyst, "", f->ctu_p, f->t->a, &p, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "purpose"));
}

/* An undiscoverable holding changes no part of any picture, for any user. */
static void
an_undiscoverable_holding_changes_no_picture(void **state)
{
    struct fixture *f = *state;
    const ac_actor *who[] = { f->t->analyst, f->t->council, f->prob_officer, f->t->admin };
    const char *persons[] = { f->ctu_p, f->ctu_p2, f->council_p, f->prob_p };
    const char *before[4][4];
    const char *ss_p;

    for (size_t w = 0; w < 4; w++)
        for (size_t i = 0; i < 4; i++) {
            before[w][i] = answer(f, who[w], persons[i]);
        }
    ss_p = test_add_person(f->t, f->ss_analyst, "John", "Smith", "1990-04-01");
    same_person(f, ss_p, f->ctu_p);
    same_person(f, ss_p, f->prob_p);
    for (size_t w = 0; w < 4; w++)
        for (size_t i = 0; i < 4; i++) {
            assert_string_equal(answer(f, who[w], persons[i]), before[w][i]);
        }
    /* and its record is as invisible as a missing one */
    assert_string_equal(answer(f, f->t->analyst, ss_p), answer(f, f->t->analyst, "NOSUCHPERSON"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(picture_composes_every_part_with_its_marks, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(picture_of_a_record_one_may_not_read_is_not_found, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_undiscoverable_holding_changes_no_picture, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
