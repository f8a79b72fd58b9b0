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

/* The reference of AGENCY_NAME's pointer that ACTOR sees for PERSON. */
static const char *
ref_of(struct fixture *f, const ac_actor *actor, const char *person, const char *agency_name)
{
    ac_pointer *p = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_person_pointers(f->t->hub, actor, "test", person, f->t->a, &p, &n, &err),
                     AC_OK);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(p[i].agency_name, agency_name) == 0) {
            return p[i].ref;
        }
    }
    fail_msg("no pointer to %s", agency_name);
    return NULL;
}

static const char *
ask(struct fixture *f, const char *ref, ac_rfi_urgency u)
{
    ac_rfi in = { 0 };
    const char *id = NULL;
    ac_error err = { 0 };

    in.ref = ref;
    in.purpose = "assessing a Prevent referral";
    in.lawful_basis = "cda1998-s115";
    in.question = "current address and date of birth";
    in.urgency = u;
    assert_int_equal(ac_rfi_ask(f->t->hub, f->t->analyst, "test", &in, f->t->a, &id, &err), AC_OK);
    return id;
}

static ac_person_disclosure
answer_in(const char *rfi, unsigned fields, ac_classification c)
{
    ac_person_disclosure d;

    memset(&d, 0, sizeof d);
    d.rfi_id = rfi;
    d.purpose = "answering the request";
    d.lawful_basis = "cda1998-s115";
    d.fields = fields;
    d.classification = c;
    d.expires_at = "2027-03-01";
    return d;
}

/* Issue 15, "done when": an RFI from the CT analyst is answered by the council with a
 * disclosure of two fields; the analyst reads them, frozen; revocation removes them at once. */
static void
rfi_answered_by_a_frozen_disclosure_of_two_fields(void **state)
{
    struct fixture *f = *state;
    const char *ref = ref_of(f, f->t->analyst, f->ctu_p, "City Council");
    const char *rfi = ask(f, ref, AC_RFI_ROUTINE), *pd = NULL;
    ac_person_disclosure d = answer_in(rfi, AC_PD_NAMES | AC_PD_DOB, AC_CLASS_OFFICIAL_SENSITIVE);
    ac_person_disclosure got, *list = NULL;
    ac_rfi r, *q = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    /* routine: 10 working days from Sunday 2026-03-01 is Friday 13 March, end of the UK day */
    assert_int_equal(ac_rfi_get(f->t->hub, f->t->analyst, "test", rfi, f->t->a, &r, &err), AC_OK);
    assert_memory_equal(r.due_at, "2026-03-13", 10);
    assert_string_equal(r.to_agency_id, f->t->council_id);
    assert_null(r.held_person_id); /* the council's record id stays with the council */
    assert_string_equal(r.ref, ref);
    /* the council's queue */
    assert_int_equal(
        ac_rfi_list(f->t->hub, f->t->council, "test", true, true, f->t->a, &q, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(q[0].held_person_id, f->council_p);
    assert_int_equal(q[0].status, AC_RFI_OPEN);
    /* the asker cannot answer its own request; probation cannot see it */
    assert_int_equal(
        ac_rfi_close(f->t->hub, f->t->analyst, "test", rfi, AC_RFI_REFUSED, "no", &err),
        AC_ENOTFOUND);
    assert_int_equal(ac_rfi_get(f->t->hub, f->prob_officer, "test", rfi, f->t->a, &r, &err),
                     AC_ENOTFOUND);
    assert_non_null(strstr(err.msg, "not found")); /* the words a missing one gets */
    assert_int_equal(ac_person_disclose(f->t->hub, f->t->council, "test", &d, f->t->a, &pd, &err),
                     AC_OK);
    assert_int_equal(ac_rfi_get(f->t->hub, f->t->analyst, "test", rfi, f->t->a, &r, &err), AC_OK);
    assert_int_equal(r.status, AC_RFI_DISCLOSED);
    assert_string_equal(r.disclosure_id, pd);
    /* the analyst reads two fields, and nothing else */
    assert_int_equal(
        ac_person_disclosure_get(f->t->hub, f->t->analyst, "test", pd, f->t->a, &got, &err), AC_OK);
    assert_int_equal(got.fields, AC_PD_NAMES | AC_PD_DOB);
    assert_null(got.person_id);
    assert_non_null(strstr(got.released, "\"given\":\"John\""));
    assert_non_null(strstr(got.released, "\"dob\":\"1990-04-01\""));
    assert_null(strstr(got.released, "addresses"));
    assert_null(strstr(got.released, "identifiers"));
    /* frozen: the council's record changes, the release does not */
    assert_int_equal(
        aci_store_runf(f->t->hub->store,
                       "UPDATE person_names SET given = 'Jonathan' WHERE person_id = ?", &err, "t",
                       f->council_p),
        AC_OK);
    assert_int_equal(
        ac_person_disclosure_get(f->t->hub, f->t->analyst, "test", pd, f->t->a, &got, &err), AC_OK);
    assert_non_null(strstr(got.released, "\"given\":\"John\""));
    assert_int_equal(
        ac_person_disclosure_list(f->t->hub, f->t->analyst, "test", f->t->a, &list, &n, &err),
        AC_OK);
    assert_int_equal(n, 1);
    /* probation, not a recipient, is told "not found" */
    assert_int_equal(
        ac_person_disclosure_get(f->t->hub, f->prob_officer, "test", pd, f->t->a, &got, &err),
        AC_ENOTFOUND);
    /* revocation removes it at once */
    assert_int_equal(ac_person_disclosure_revoke(f->t->hub, f->t->council, "test", pd, &err),
                     AC_OK);
    assert_int_equal(
        ac_person_disclosure_get(f->t->hub, f->t->analyst, "test", pd, f->t->a, &got, &err),
        AC_ENOTFOUND);
    assert_int_equal(
        ac_person_disclosure_list(f->t->hub, f->t->analyst, "test", f->t->a, &list, &n, &err),
        AC_OK);
    assert_int_equal(n, 0);
    /* answered once only */
    assert_int_equal(
        ac_rfi_close(f->t->hub, f->t->council, "test", rfi, AC_RFI_NO_INFORMATION, NULL, &err),
        AC_ECONFLICT);
}

/* Below the record's classification a release waits for a second user of the holder. */
static void
a_release_marked_below_the_record_waits_for_a_second_person(void **state)
{
    struct fixture *f = *state;
    const ac_actor *second = test_add_user(f->t, "council.second", f->t->council_id,
                                           AC_ROLE_CASEWORKER, AC_VETTING_BPSS);
    const char *rfi = ask(f, ref_of(f, f->t->analyst, f->ctu_p, "City Council"), AC_RFI_URGENT);
    ac_person_disclosure d = answer_in(rfi, AC_PD_DOB, AC_CLASS_OFFICIAL), got;
    const char *pd = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_person_disclose(f->t->hub, f->t->council, "test", &d, f->t->a, &pd, &err),
                     AC_OK);
    assert_int_equal(
        ac_person_disclosure_get(f->t->hub, f->t->analyst, "test", pd, f->t->a, &got, &err),
        AC_ENOTFOUND);
    assert_int_equal(ac_person_disclosure_approve(f->t->hub, f->t->council, "test", pd, &err),
                     AC_EDENIED);
    assert_int_equal(ac_person_disclosure_approve(f->t->hub, f->t->analyst, "test", pd, &err),
                     AC_ENOTFOUND);
    assert_int_equal(ac_person_disclosure_approve(f->t->hub, second, "test", pd, &err), AC_OK);
    assert_int_equal(
        ac_person_disclosure_get(f->t->hub, f->t->analyst, "test", pd, f->t->a, &got, &err), AC_OK);
    assert_string_equal(got.status, "live");
}

/* A Security Service record is intelligence-service material (CTSA 2015 s.38(5)(a): "held
 * by an intelligence service"): released only under the Service's own gateways, with its
 * explicit release, never to a local authority or into a Prevent or Channel case; the
 * release is checked again on every read.  The item rules (item_policy.h rule 7). */
static void
a_service_record_is_released_only_as_intelligence_service_material(void **state)
{
    struct fixture *f = *state;
    const char *ss_p = test_add_person(f->t, f->ss_analyst, "John", "Smith", "1990-04-01");
    const char *pd = NULL, *prevent = NULL;
    ac_person_disclosure d, got;
    ac_error err = { 0 };

    memset(&d, 0, sizeof d);
    d.person_id = ss_p;
    d.recipient_agency_id = f->t->ctu_id;
    d.purpose = "a joint investigation";
    d.lawful_basis = "cda1998-s115";
    d.fields = AC_PD_NAMES;
    d.classification = AC_CLASS_OFFICIAL_SENSITIVE;
    d.expires_at = "2027-03-01";
    assert_int_equal(ac_person_disclose(f->t->hub, f->ss_analyst, "test", &d, f->t->a, &pd, &err),
                     AC_EDENIED);
    assert_non_null(strstr(err.msg, "ssa1989-s2")); /* a partner's gateway never carries it */
    d.lawful_basis = "ssa1989-s2";
    assert_int_equal(ac_person_disclose(f->t->hub, f->ss_analyst, "test", &d, f->t->a, &pd, &err),
                     AC_EDENIED);
    assert_non_null(strstr(err.msg, "explicit release"));
    d.release_iss = true;
    d.recipient_agency_id = f->t->council_id;
    assert_int_equal(ac_person_disclose(f->t->hub, f->ss_analyst, "test", &d, f->t->a, &pd, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "local authority"));
    assert_int_equal(ac_case_add(f->t->hub, f->ss_analyst, "test", AC_CASE_PREVENT_REFERRAL,
                                 "referral", f->t->a, &prevent, &err),
                     AC_OK);
    d.recipient_agency_id = NULL;
    d.recipient_case_id = prevent;
    assert_int_equal(ac_person_disclose(f->t->hub, f->ss_analyst, "test", &d, f->t->a, &pd, &err),
                     AC_EDENIED);
    assert_non_null(strstr(err.msg, "Prevent or Channel"));
    d.recipient_case_id = NULL;
    d.recipient_agency_id = f->t->ctu_id;
    assert_int_equal(ac_person_disclose(f->t->hub, f->ss_analyst, "test", &d, f->t->a, &pd, &err),
                     AC_OK);
    assert_int_equal(
        ac_person_disclosure_get(f->t->hub, f->t->analyst, "test", pd, f->t->a, &got, &err), AC_OK);
    assert_true(got.release_iss);
    /* without the recorded release it is read by nobody outside the Service */
    assert_int_equal(aci_store_runf(f->t->hub->store,
                                    "UPDATE person_disclosures SET iss_released = 0 WHERE id = ?",
                                    &err, "t", pd),
                     AC_OK);
    assert_int_equal(
        ac_person_disclosure_get(f->t->hub, f->t->analyst, "test", pd, f->t->a, &got, &err),
        AC_ENOTFOUND);
}

static void
requests_are_refused_with_a_reason_and_checked(void **state)
{
    struct fixture *f = *state;
    const char *ref = ref_of(f, f->t->analyst, f->ctu_p, "City Council");
    const char *rfi = ask(f, ref, AC_RFI_IMMEDIATE), *id = NULL, *ss_p;
    ac_rfi in = { 0 }, r;
    ac_person_disclosure d;
    ac_error err = { 0 }, err2 = { 0 };

    assert_int_equal(
        ac_rfi_close(f->t->hub, f->t->council, "test", rfi, AC_RFI_REFUSED, NULL, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "reason"));
    assert_int_equal(ac_rfi_close(f->t->hub, f->t->council, "test", rfi, AC_RFI_REFUSED,
                                  "a live investigation", &err),
                     AC_OK);
    assert_int_equal(ac_rfi_get(f->t->hub, f->t->analyst, "test", rfi, f->t->a, &r, &err), AC_OK);
    assert_int_equal(r.status, AC_RFI_REFUSED);
    assert_string_equal(r.answer, "a live investigation");
    /* bad input names the field */
    in.ref = ref;
    in.purpose = "x";
    in.question = "y";
    in.lawful_basis = "no-such-gateway";
    assert_int_equal(ac_rfi_ask(f->t->hub, f->t->analyst, "test", &in, f->t->a, &id, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "lawful basis"));
    in.lawful_basis = "cda1998-s115";
    in.question = "";
    assert_int_equal(ac_rfi_ask(f->t->hub, f->t->analyst, "test", &in, f->t->a, &id, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "question"));
    /* the Service's undiscoverable holding: its reference answers as one that does not exist */
    ss_p = test_add_person(f->t, f->ss_analyst, "John", "Smith", "1990-04-01");
    same_person(f, ss_p, f->ctu_p);
    in.question = "anything";
    {
        struct aci_stmt *st = NULL;
        bool row = false;

        assert_int_equal(aci_stmt_get(f->t->hub->store,
                                      "SELECT ref FROM holding_refs WHERE person_id = ?", &st,
                                      &err),
                         AC_OK);
        assert_int_equal(aci_stmt_bindf(st, &err, "t", ss_p), AC_OK);
        assert_int_equal(aci_stmt_step(st, &row, &err), AC_OK);
        assert_true(row);
        in.ref = ac_arena_strdup(f->t->a, aci_stmt_col_text(st, 0));
        aci_stmt_done(st);
    }
    assert_int_equal(ac_rfi_ask(f->t->hub, f->t->analyst, "test", &in, f->t->a, &id, &err),
                     AC_ENOTFOUND);
    {
        const char *real = in.ref;

        in.ref = "R-FFFFFFFFFF";
        assert_int_equal(ac_rfi_ask(f->t->hub, f->t->analyst, "test", &in, f->t->a, &id, &err2),
                         AC_ENOTFOUND);
        assert_non_null(strstr(err.msg, real));
        assert_string_equal(strstr(err.msg, "' not found"), strstr(err2.msg, "' not found"));
    }
    /* the council cannot release another agency's record */
    d = answer_in(NULL, AC_PD_NAMES, AC_CLASS_OFFICIAL_SENSITIVE);
    d.person_id = f->ctu_p;
    d.recipient_agency_id = f->prob_id;
    assert_int_equal(ac_person_disclose(f->t->hub, f->t->council, "test", &d, f->t->a, &id, &err),
                     AC_ENOTFOUND);
}

/* Unanswered requests past their deadline escalate once, from the scheduler's tick. */
static void
overdue_requests_escalate_on_the_tick(void **state)
{
    struct fixture *f = *state;
    const char *rfi = ask(f, ref_of(f, f->t->analyst, f->ctu_p, "City Council"), AC_RFI_URGENT);
    ac_tick_result t;
    ac_rfi r;
    ac_error err = { 0 };

    test_clock_ms = TEST_NOW_MS + 23 * 3600000LL; /* the tick runs at the hub's own time */
    assert_int_equal(ac_hub_tick(f->t->hub, test_clock_ms, &t, &err), AC_OK);
    assert_int_equal(t.rfis_overdue, 0);
    test_clock_ms = TEST_NOW_MS + 25 * 3600000LL;
    assert_int_equal(ac_hub_tick(f->t->hub, test_clock_ms, &t, &err), AC_OK);
    assert_int_equal(t.rfis_overdue, 1);
    test_clock_ms = TEST_NOW_MS + 26 * 3600000LL;
    assert_int_equal(ac_hub_tick(f->t->hub, test_clock_ms, &t, &err), AC_OK);
    assert_int_equal(t.rfis_overdue, 0); /* once */
    assert_int_equal(ac_rfi_get(f->t->hub, f->t->council, "test", rfi, f->t->a, &r, &err), AC_OK);
    assert_non_null(r.escalated_at);
    assert_int_equal(r.status, AC_RFI_OPEN);
}

/* What the fake mail server received. */
#define SENT_MAX 8
struct outbox {
    int n;
    char to[SENT_MAX][64];
    char subject[SENT_MAX][160];
    char body[SENT_MAX][1024];
};

static int
capture(void *ctx, const ac_mail *m, char *why, size_t why_len)
{
    struct outbox *o = ctx;

    (void)why;
    (void)why_len;
    assert_true(o->n < SENT_MAX);
    snprintf(o->to[o->n], sizeof o->to[0], "%s", m->to);
    snprintf(o->subject[o->n], sizeof o->subject[0], "%s", m->subject);
    snprintf(o->body[o->n], sizeof o->body[0], "%s", m->body);
    o->n++;
    return 0;
}

static void
send_all(struct fixture *f, struct outbox *o, size_t want_sent)
{
    size_t sent = 9, failed = 9;
    ac_error err = { 0 };

    memset(o, 0, sizeof *o);
    assert_int_equal(ac_hub_notify_send(f->t->hub, "https://hub.example/api/v1", capture, o, &sent,
                                        &failed, &err),
                     AC_OK);
    assert_int_equal(failed, 0);
    assert_int_equal(sent, want_sent);
    assert_int_equal(o->n, (int)want_sent);
}

static void
contact(struct fixture *f, const ac_actor *admin, const char *user, const char *email)
{
    ac_error err = { 0 };
    ac_code rc = ac_user_contact_set(f->t->hub, admin, NULL, user, email, 0, &err);

    if (rc != AC_OK) {
        print_message("contact %s: %s\n", user, err.msg);
    }
    assert_int_equal(rc, AC_OK);
}

/* A message about request RFI: to TO, with the reference and a link, and none of the
 * request's words or the person's particulars. */
static void
told_of(const struct outbox *o, const char *to, const char *rfi, const char *what)
{
    char want[128];

    assert_int_equal(o->n, 1);
    assert_string_equal(o->to[0], to);
    assert_non_null(strstr(o->subject[0], what));
    snprintf(want, sizeof want, "Reference: %s", rfi);
    assert_non_null(strstr(o->body[0], want));
    snprintf(want, sizeof want, "https://hub.example/api/v1/requests/%s", rfi);
    assert_non_null(strstr(o->body[0], want));
    /* the person's name and date of birth, the question and the purpose */
    static const char *const never[] = { "John", "Smith", "1990", "address", "Prevent" };

    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++) {
        assert_null(strstr(o->subject[0], never[i]));
        assert_null(strstr(o->body[0], never[i]));
    }
}

/* Issue 14 point 8, for requests: the holder's users who may answer are e-mailed when a
 * request arrives and once when it is overdue, with a reference and a link only; the
 * asker, an administrator and an unvetted user are not; every send is audited. */
static void
requests_are_emailed_to_the_holder_once_each(void **state)
{
    struct fixture *f = *state;
    const char *rfi;
    struct outbox o;
    ac_tick_result t;
    struct aci_stmt *st = NULL;
    bool row = false;
    ac_error err = { 0 };

    contact(f, f->t->council_admin, "council", "prevent@council.example.gov.uk");
    contact(f, f->t->council_admin, "unvetted", "unvetted@council.example.gov.uk");
    contact(f, f->t->admin, "council.admin", "admin@council.example.gov.uk");
    contact(f, f->t->admin, "analyst", "analyst@ctu.example.gov.uk");
    rfi = ask(f, ref_of(f, f->t->analyst, f->ctu_p, "City Council"), AC_RFI_URGENT);
    send_all(f, &o, 1);
    told_of(&o, "prevent@council.example.gov.uk", rfi, "answer needed");
    send_all(f, &o, 0); /* sent once */
    test_clock_ms = TEST_NOW_MS + 23 * 3600000LL;
    assert_int_equal(ac_hub_tick(f->t->hub, test_clock_ms, &t, &err), AC_OK);
    send_all(f, &o, 0); /* not yet overdue */
    test_clock_ms = TEST_NOW_MS + 25 * 3600000LL;
    assert_int_equal(ac_hub_tick(f->t->hub, test_clock_ms, &t, &err), AC_OK);
    assert_int_equal(t.rfis_overdue, 1);
    assert_int_equal(t.notifications_queued, 1); /* the council's caseworker only */
    send_all(f, &o, 1);
    told_of(&o, "prevent@council.example.gov.uk", rfi, "overdue");
    test_clock_ms = TEST_NOW_MS + 26 * 3600000LL;
    assert_int_equal(ac_hub_tick(f->t->hub, test_clock_ms, &t, &err), AC_OK);
    send_all(f, &o, 0); /* once per request per escalation */
    assert_int_equal(aci_stmt_get(f->t->hub->store,
                                  "SELECT count(*) FROM audit_log WHERE action = 'notify' AND"
                                  " object_type = 'rfi' AND object_id = ? AND outcome = 'ok'",
                                  &st, &err),
                     AC_OK);
    assert_int_equal(aci_stmt_bindf(st, &err, "t", rfi), AC_OK);
    assert_int_equal(aci_stmt_step(st, &row, &err), AC_OK);
    assert_true(row);
    assert_int_equal(aci_stmt_col_int(st, 0), 2);
    aci_stmt_done(st);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(requests_are_emailed_to_the_holder_once_each, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(ct_analyst_sees_council_and_probation_not_the_service,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(declarations_change_who_sees_a_pointer, setup, teardown),
        cmocka_unit_test_setup_teardown(pointers_of_a_record_one_may_not_read_are_not_found, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(an_undiscoverable_holding_changes_no_answer, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(rfi_answered_by_a_frozen_disclosure_of_two_fields, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_release_marked_below_the_record_waits_for_a_second_person,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_service_record_is_released_only_as_intelligence_service_material, setup, teardown),
        cmocka_unit_test_setup_teardown(requests_are_refused_with_a_reason_and_checked, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(overdue_requests_escalate_on_the_tick, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
