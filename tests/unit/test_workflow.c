/* SPDX-License-Identifier: Apache-2.0
 *
 * test_workflow.c - the case workflows as data: every step of every shipped workflow
 * taken by every permitted role at every permitted kind of agency, and refused for every
 * other role, every other kind of agency, a missing rationale and each missing field; an
 * under-18's consent; a step from the wrong state; broken tables; and deadline
 * arithmetic across month ends, leap years, weekends and British Summer Time.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "accord/date.h"
#include "workflow/workflow.h"

static ac_actor
actor_of(unsigned role, ac_agency_kind kind)
{
    return (ac_actor){ "u", "user", "agency", kind, "GB", AC_VETTING_SC, role, NULL };
}

/* A plausible value for field NAME. */
static const char *
value_for(const char *name)
{
    static const char *const v[][2] = {
        { "subject_age", "34" },
        { "consent_by", "the person" },
        { "consent_method", "in_person" },
        { "referrer_sector", "education" },
        { "concern", "islamist" },
        { "mappa_category", "2" },
        { "mappa_level", "2" },
    };

    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        if (strcmp(name, v[i][0]) == 0) {
            return v[i][1];
        }
    }
    return "2026-03-01";
}

/* Every required field with a plausible value. */
static size_t
fields_for(const struct aci_wf_step *s, struct aci_wf_field *f, size_t skip)
{
    size_t n = 0;

    for (size_t k = 0; k < s->n_requires; k++) {
        if (k != skip) {
            const char *name = s->requires[k];

            f[n++] = (struct aci_wf_field){ name, value_for(name) };
        }
    }
    return n;
}

static void
every_step_by_every_permitted_role_and_no_other(void **state)
{
    struct aci_workflows *w = NULL;
    const struct aci_wf_step *s, *got;
    struct aci_wf_field f[ACI_WF_MAX_REQUIRES];
    size_t checked = 0;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(aci_workflows_load(NULL, NULL, NULL, &w, &err), AC_OK);
    for (size_t i = 0; (s = aci_workflow_step_at(w, i)) != NULL; i++) {
        size_t nf = fields_for(s, f, SIZE_MAX);

        for (size_t from = 0; from < s->n_from; from++) {
            for (unsigned role = 1; role <= AC_ROLE_ALL; role <<= 1) {
                for (int kind = 0; kind < AC_AGENCY_KIND_COUNT; kind++) {
                    ac_actor a = actor_of(role, (ac_agency_kind)kind);
                    bool allowed = (s->roles & role) && (s->kinds >> kind & 1u);
                    ac_code rc = aci_workflow_check(w, s->workflow, s->from[from], s->name, &a,
                                                    "because", f, nf, &got, &err);

                    if (rc != (allowed ? AC_OK : AC_EDENIED)) {
                        fail_msg("%s.%s from %s by %s at %s: %d (%s)", s->workflow, s->name,
                                 s->from[from], ac_role_str((ac_role)role),
                                 ac_agency_kind_str((ac_agency_kind)kind), (int)rc, err.msg);
                    }
                    checked++;
                    if (allowed) {
                        assert_ptr_equal(got, s);
                        /* no rationale, or a blank one */
                        assert_int_equal(aci_workflow_check(w, s->workflow, s->from[from], s->name,
                                                            &a, "  ", f, nf, &got, &err),
                                         AC_EINVAL);
                        assert_non_null(strstr(err.msg, "rationale"));
                        /* each required field missing in turn */
                        for (size_t k = 0; k < s->n_requires; k++) {
                            struct aci_wf_field g[ACI_WF_MAX_REQUIRES];
                            size_t ng = fields_for(s, g, k);

                            assert_int_equal(aci_workflow_check(w, s->workflow, s->from[from],
                                                                s->name, &a, "because", g, ng, &got,
                                                                &err),
                                             AC_EINVAL);
                            assert_non_null(strstr(err.msg, s->requires[k]));
                        }
                    }
                }
            }
        }
    }
    assert_true(checked > 1000);
    aci_workflows_free(w);
}

static void
consent_and_wrong_states(void **state)
{
    struct aci_workflows *w = NULL;
    ac_actor la = actor_of(AC_ROLE_CASEWORKER, AC_AGENCY_LOCAL_AUTHORITY);
    struct aci_wf_field f[] = { { "subject_age", "15" },
                                { "consent_by", "the young person" },
                                { "consent_method", "in_person" },
                                { "consent_on", "2026-03-01" } };
    const struct aci_wf_step *got;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(aci_workflows_load(NULL, NULL, NULL, &w, &err), AC_OK);
    assert_int_equal(aci_workflow_check(w, "prevent_referral", "assessed", "consent", &la, "agreed",
                                        f, 4, &got, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "parent's or guardian's"));
    f[1].value = "parent: Amina Shah";
    assert_int_equal(aci_workflow_check(w, "prevent_referral", "assessed", "consent", &la, "agreed",
                                        f, 4, &got, &err),
                     AC_OK);
    assert_string_equal(got->to, "consented");
    f[2].value = "carrier pigeon";
    assert_int_equal(aci_workflow_check(w, "prevent_referral", "assessed", "consent", &la, "agreed",
                                        f, 4, &got, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "consent_method: one of in_person, in_writing"));
    f[2].value = "in_person";
    /* no support plan without consent: agree_plan is not a step from 'assessed' */
    assert_int_equal(aci_workflow_check(w, "prevent_referral", "assessed", "agree_plan", &la,
                                        "plan", f, 4, &got, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "next steps: consent, no_consent"));
    assert_int_equal(
        aci_workflow_check(w, "prevent_referral", "closed", "exit", &la, "x", f, 4, &got, &err),
        AC_EINVAL);
    assert_non_null(strstr(err.msg, "the case has ended"));
    assert_string_equal(aci_workflow_start(w, "soi"), "active");
    assert_string_equal(aci_workflow_of_case("channel"), "prevent_referral");
    assert_null(aci_workflow_of_case("general"));
    aci_workflows_free(w);
}

/* The shipped offender workflow counts from the events' own dates, three days including the
 * day, and a foreign-travel notice comes before the departure (CTA 2008 s.47-49, s.52). */
static void
offender_tables_count_from_event_dates(void **state)
{
    struct aci_workflows *w = NULL;
    const struct aci_wf_state *st;
    const struct aci_wf_step *s = NULL, *got;
    ac_actor police = actor_of(AC_ROLE_DUTY_OFFICER, AC_AGENCY_CT_POLICING);
    struct aci_wf_field travel[] = { { "notified_on", "2026-03-01" },
                                     { "departure_on", "2026-02-28" },
                                     { "country", "France" },
                                     { "return_on", "2026-03-10" } };
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(aci_workflows_load(NULL, NULL, NULL, &w, &err), AC_OK);
    st = aci_workflow_state(w, "offender", "released");
    assert_string_equal(st->from_field, "released_on");
    assert_int_equal(st->deadline.unit, ACI_SPAN_DAYS_INCL);
    assert_int_equal(st->deadline.n, 3);
    assert_string_equal(aci_workflow_state(w, "offender", "notifying")->from_field, "notified_on");
    for (size_t i = 0; (s = aci_workflow_step_at(w, i)) != NULL; i++) {
        if (strcmp(s->name, "initial_notification") == 0) {
            break;
        }
    }
    assert_non_null(s);
    assert_string_equal(s->late_field, "released_on");
    assert_int_equal(s->late_days, 2); /* the day of release and two more */
    assert_int_equal(aci_workflow_check(w, "offender", "notifying", "notify_travel", &police,
                                        "notice given", travel, 4, &got, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "departure_on: the notice of foreign travel must be given"));
    travel[1].value = "2026-03-01"; /* the same day, before leaving */
    assert_int_equal(aci_workflow_check(w, "offender", "notifying", "notify_travel", &police,
                                        "notice given", travel, 4, &got, &err),
                     AC_OK);
    travel[3].value = "2026-02-27";
    assert_int_equal(aci_workflow_check(w, "offender", "notifying", "notify_travel", &police,
                                        "notice given", travel, 4, &got, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "return_on"));
    aci_workflows_free(w);
}

/* CTSA 2015 s.36: refused or withdrawn consent leads to further assessment or other
 * support, not to the end; the latest published categories (Conflicted; prisons and
 * probation among the sectors). */
static void
channel_tables_follow_section_36(void **state)
{
    struct aci_workflows *w = NULL;
    const struct aci_wf_step *next[8], *got;
    ac_actor la = actor_of(AC_ROLE_CASEWORKER, AC_AGENCY_LOCAL_AUTHORITY);
    struct aci_wf_field referral[] = { { "referrer_sector", "probation" },
                                       { "concern", "conflicted" } };
    size_t n;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(aci_workflows_load(NULL, NULL, NULL, &w, &err), AC_OK);
    for (int k = 0; k < 2; k++) {
        const char *state_name = k == 0 ? "no_consent" : "withdrawn";

        assert_false(aci_workflow_state(w, "prevent_referral", state_name)->end);
        assert_true(aci_workflow_state(w, "prevent_referral", state_name)->has_deadline);
        n = aci_workflow_next(w, "prevent_referral", state_name, NULL, next, 8);
        assert_int_equal(n, 3);
        assert_string_equal(next[0]->name, "reassess");
        assert_string_equal(next[0]->to, "channel_panel");
        assert_string_equal(next[1]->to, "other_support");
    }
    assert_int_equal(aci_workflow_check(w, "prevent_referral", "new", "refer", &la, "concern",
                                        referral, 2, &got, &err),
                     AC_OK);
    referral[0].value = "prison";
    assert_int_equal(aci_workflow_check(w, "prevent_referral", "new", "refer", &la, "concern",
                                        referral, 2, &got, &err),
                     AC_OK);
    /* a local authority may refer to the panel (s.36 as amended from 12 April 2019) */
    assert_int_equal(aci_workflow_check(w, "prevent_referral", "received", "to_channel", &la,
                                        "appropriate", NULL, 0, &got, &err),
                     AC_OK);
    assert_true(aci_workflow_field_sensitive("concern"));
    assert_false(aci_workflow_field_sensitive("referrer_sector"));
    aci_workflows_free(w);
}

static void
broken_tables_name_the_line(void **state)
{
    static const char states[] = "workflow,state,start,end,deadline,basis\n"
                                 "t,a,start,,,\n"
                                 "t,b,,,5 weeks,x\n";
    static const char states_ok[] = "workflow,state,start,end,deadline,basis\nt,a,start,,,\n";
    static const char steps_bad_state[] = "workflow,step,from,to,roles,agencies,requires,late\n"
                                          "t,go,a,zz,analyst,ct_policing,,\n";
    static const char steps_bad_role[] = "workflow,step,from,to,roles,agencies,requires,late\n"
                                         "t,go,a,a,wizard,ct_policing,,\n";
    static const char no_start[] = "workflow,state,start,end,deadline,basis\nt,a,,,,\n";
    struct aci_workflows *w = NULL;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(aci_workflows_load(states, steps_bad_state, NULL, &w, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "states line 3: deadline"));
    assert_int_equal(aci_workflows_load(states_ok, steps_bad_state, NULL, &w, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "state 'zz'"));
    assert_int_equal(aci_workflows_load(states_ok, steps_bad_role, NULL, &w, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "steps line 2: roles"));
    assert_int_equal(aci_workflows_load(no_start, "workflow\n", NULL, &w, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "no start state"));
}

/* The deadline for SPEC from the UTC time START, as RFC 3339 text. */
static const struct aci_workflows *shipped;

static const char *
due(const char *start, const char *spec)
{
    static char buf[AC_TIME_TEXT_MAX];
    struct aci_span span;
    int64_t ms = 0;

    assert_int_equal(ac_time_parse(start, &ms, NULL), AC_OK);
    assert_int_equal(aci_span_parse(spec, &span, NULL), AC_OK);
    return ac_time_format(aci_deadline_due(ms, &span, shipped), buf);
}

static void
deadlines_across_months_leap_years_weekends_and_bst(void **state)
{
    struct aci_span span;
    struct aci_workflows *w = NULL;
    int days = 0;

    (void)state;
    assert_int_equal(aci_workflows_load(NULL, NULL, NULL, &w, NULL), AC_OK);
    shipped = w;
    /* bank holidays of England and Wales: Easter 2026 (Good Friday 3 April, Easter Monday
     * 6 April), Christmas 2026 (Boxing Day on a Saturday: Monday 28 December), New Year 2028
     * on a Saturday (Monday 3 January), and the one-off days of 2022 from the data */
    assert_string_equal(due("2026-04-02T10:00:00Z", "1 wd"), "2026-04-07T22:59:59.999Z");
    assert_string_equal(due("2026-12-24T10:00:00Z", "1 wd"), "2026-12-29T23:59:59.999Z");
    assert_string_equal(due("2027-12-31T10:00:00Z", "1 wd"), "2028-01-04T23:59:59.999Z");
    assert_string_equal(due("2022-06-01T10:00:00Z", "1 wd"), "2022-06-06T22:59:59.999Z");
    assert_string_equal(due("2022-05-27T10:00:00Z", "1 wd"), "2022-05-30T22:59:59.999Z");
    assert_true(aci_bank_holiday(aci_days_from_civil(2026, 8, 31), w)); /* last Mon of Aug */
    assert_true(aci_bank_holiday(aci_days_from_civil(2026, 5, 4), w));  /* first Mon of May */
    assert_true(aci_bank_holiday(aci_days_from_civil(2026, 5, 25), w)); /* last Mon of May */
    assert_false(aci_bank_holiday(aci_days_from_civil(2026, 5, 18), w));
    assert_true(aci_bank_holiday(aci_days_from_civil(2023, 5, 8), w));     /* Coronation */
    assert_false(aci_bank_holiday(aci_days_from_civil(2023, 5, 8), NULL)); /* rules only */
    /* month ends: the 31st becomes the month's last day */
    assert_string_equal(due("2027-01-31T10:00:00Z", "1 mo"), "2027-02-28T23:59:59.999Z");
    assert_string_equal(due("2028-01-31T10:00:00Z", "1 mo"), "2028-02-29T23:59:59.999Z");
    assert_string_equal(due("2026-08-31T10:00:00Z", "6 mo"), "2027-02-28T23:59:59.999Z");
    /* leap years: 29 February plus a year is 28 February */
    assert_string_equal(due("2028-02-29T10:00:00Z", "1 y"), "2029-02-28T23:59:59.999Z");
    assert_string_equal(due("2028-02-28T10:00:00Z", "2 d"), "2028-03-01T23:59:59.999Z");
    /* working days skip the weekend: Friday + 1 wd is Monday; Wednesday + 5 wd is Wednesday */
    assert_string_equal(due("2026-01-09T10:00:00Z", "1 wd"), "2026-01-12T23:59:59.999Z");
    assert_string_equal(due("2026-01-07T10:00:00Z", "5 wd"), "2026-01-14T23:59:59.999Z");
    /* British Summer Time: the end of a summer day is 22:59:59.999 UTC */
    assert_string_equal(due("2026-03-27T10:00:00Z", "3 d"), "2026-03-30T22:59:59.999Z");
    assert_string_equal(due("2026-10-23T10:00:00Z", "3 d"), "2026-10-26T23:59:59.999Z");
    /* 23:30 UTC on 30 June is already 1 July in the UK */
    assert_string_equal(due("2026-06-30T23:30:00Z", "1 d"), "2026-07-02T22:59:59.999Z");
    assert_string_equal(due("2026-12-31T23:30:00Z", "1 d"), "2027-01-01T23:59:59.999Z");
    /* "within the period of three days beginning with the day" (CTA 2008 s.47(1), s.48):
     * the day itself is the first, so Friday -> Sunday, not Monday; across the change to
     * BST (Sunday 29 March 2026 ends at 22:59:59.999 UTC) and in winter */
    assert_string_equal(due("2026-03-27T10:00:00Z", "3 d incl"), "2026-03-29T22:59:59.999Z");
    assert_string_equal(due("2026-01-09T10:00:00Z", "3 d incl"), "2026-01-11T23:59:59.999Z");
    assert_string_equal(due("2026-01-09T10:00:00Z", "1 d incl"), "2026-01-09T23:59:59.999Z");
    /* the changes themselves */
    assert_int_equal(aci_uk_offset_minutes(1774745999000LL), 0);  /* 2026-03-29T00:59:59Z */
    assert_int_equal(aci_uk_offset_minutes(1774746000000LL), 60); /* 2026-03-29T01:00:00Z */
    assert_int_equal(aci_uk_offset_minutes(1792889999000LL), 60); /* 2026-10-25T00:59:59Z */
    assert_int_equal(aci_uk_offset_minutes(1792890000000LL), 0);  /* 2026-10-25T01:00:00Z */
    assert_int_equal(aci_span_parse("3 weeks", &span, NULL), AC_EINVAL);
    assert_int_equal(aci_span_parse("0 d", &span, NULL), AC_EINVAL);
    /* days since a date, on the UK calendar */
    assert_int_equal(aci_days_since("2026-02-26", TEST_NOW_MS, &days, NULL), AC_OK);
    assert_int_equal(days, 3); /* TEST_NOW_MS is 2026-03-01 */
    assert_int_equal(aci_days_since("2026-02-30", TEST_NOW_MS, &days, NULL), AC_EINVAL);
    aci_workflows_free(w);
}

static void
notification_periods_follow_section_53(void **state)
{
    int years = 0;
    char ends[16];
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(aci_notification_period("life", "40", &years, NULL), AC_OK);
    assert_int_equal(years, 30);
    assert_int_equal(aci_notification_period("120", "25", &years, NULL), AC_OK);
    assert_int_equal(years, 30);
    assert_int_equal(aci_notification_period("119", "25", &years, NULL), AC_OK);
    assert_int_equal(years, 15);
    assert_int_equal(aci_notification_period("60", "25", &years, NULL), AC_OK);
    assert_int_equal(years, 15);
    assert_int_equal(aci_notification_period("59", "25", &years, NULL), AC_OK);
    assert_int_equal(years, 10);
    assert_int_equal(aci_notification_period("200", "17", &years, NULL), AC_OK);
    assert_int_equal(years, 10); /* 16 or 17 at conviction: 10 whatever the sentence */
    assert_int_equal(aci_notification_period("11", "30", &years, NULL), AC_EINVAL);
    /* s.44: only a person aged 16 or over when dealt with (a 14-year-old got 10 years) */
    assert_int_equal(aci_notification_period("48", "14", &years, &err), AC_EINVAL);
    assert_int_equal(years, 0);
    assert_non_null(strstr(err.msg, "16 or over when dealt with (CTA 2008 s.44"));
    assert_int_equal(aci_notification_period("48", "16", &years, NULL), AC_OK);
    assert_int_equal(years, 10);
    /* s.45, s.53: a hospital order, 10 years */
    assert_int_equal(aci_notification_period("hospital_order", "40", &years, NULL), AC_OK);
    assert_int_equal(years, 10);
    /* s.53: the end, with the time in custody disregarded: an 8-year sentence (15 years)
     * dealt with on 15 January 2024 and released on 15 November 2026 (1035 days) ends on
     * 15 November 2041, not 15 January 2039; a 29 February start keeps to 28 February */
    assert_int_equal(aci_notification_ends("2024-01-15", 15, 0, ends, sizeof ends, NULL), AC_OK);
    assert_string_equal(ends, "2039-01-15");
    assert_int_equal(aci_notification_ends("2024-01-15", 15, 1035, ends, sizeof ends, NULL), AC_OK);
    assert_string_equal(ends, "2041-11-15");
    assert_int_equal(aci_notification_ends("2024-02-29", 10, 0, ends, sizeof ends, NULL), AC_OK);
    assert_string_equal(ends, "2034-02-28");
    assert_int_equal(aci_notification_ends("2024-13-01", 10, 0, ends, sizeof ends, NULL),
                     AC_EINVAL);
    assert_int_equal(aci_notification_period("four years", "30", &years, NULL), AC_EINVAL);
    assert_int_equal(aci_notification_period("48", "thirty", &years, NULL), AC_EINVAL);
}

/* Issue 14 point 6: a field the step does not take ("--field colour=blue") is refused by
 * name, with the one meant when it is near; a field left out that takes listed values is
 * named with every value it takes; "name?" in steps.csv takes a field that may be left out. */
static void
unknown_fields_are_refused_and_values_listed(void **state)
{
    static const char states[] = "workflow,state,start,end,deadline,basis\nt,a,start,,,\n";
    static const char steps[] = "workflow,step,from,to,roles,agencies,requires,late\n"
                                "t,go,a,a,analyst,ct_policing,why|note?,\n";
    struct aci_workflows *w = NULL;
    ac_actor la = actor_of(AC_ROLE_CASEWORKER, AC_AGENCY_LOCAL_AUTHORITY);
    ac_actor an = actor_of(AC_ROLE_ANALYST, AC_AGENCY_CT_POLICING);
    struct aci_wf_field f[] = { { "referrer_sector", "education" },
                                { "concern", "islamist" },
                                { "colour", "blue" } };
    const struct aci_wf_step *got;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(aci_workflows_load(NULL, NULL, NULL, &w, &err), AC_OK);
    assert_int_equal(
        aci_workflow_check(w, "prevent_referral", "new", "refer", &la, "worried", f, 3, &got, &err),
        AC_EINVAL);
    assert_string_equal(
        err.msg, "colour: unknown field for step 'refer'; it takes referrer_sector, concern");
    f[2].name = "concerns";
    assert_int_equal(
        aci_workflow_check(w, "prevent_referral", "new", "refer", &la, "worried", f, 3, &got, &err),
        AC_EINVAL);
    assert_string_equal(err.msg, "concerns: unknown field for step 'refer'; did you mean concern?");
    assert_int_equal(aci_workflow_check(w, "prevent_referral", "new", "refer", &la, "worried",
                                        f + 1, 1, &got, &err),
                     AC_EINVAL);
    assert_string_equal(err.msg, "referrer_sector: required for step 'refer'; one of education, "
                                 "police, local_authority, health, community, friends_family, "
                                 "prison, probation, other");
    assert_int_equal(
        aci_workflow_check(w, "prevent_referral", "new", "refer", &la, "worried", f, 2, &got, &err),
        AC_OK);
    aci_workflows_free(w);

    assert_int_equal(aci_workflows_load(states, steps, NULL, &w, &err), AC_OK);
    f[0] = (struct aci_wf_field){ "why", "because" };
    f[1] = (struct aci_wf_field){ "note", "seen" };
    assert_int_equal(aci_workflow_check(w, "t", "a", "go", &an, "r", f, 1, &got, &err), AC_OK);
    assert_int_equal(aci_workflow_check(w, "t", "a", "go", &an, "r", f, 2, &got, &err), AC_OK);
    assert_int_equal(aci_workflow_check(w, "t", "a", "go", &an, "r", f + 1, 1, &got, &err),
                     AC_EINVAL);
    assert_string_equal(err.msg, "why: required for step 'go'");
    aci_workflows_free(w);
}

/* What a person reads (issue 16, point 1): UK time, with BST from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October (Summer Time Act 1972 s.1 as
 * amended by the Summer Time Order 2002, SI 2002/262); case types and codes as words. */
static void
people_read_words_and_uk_times(void **state)
{
    char t[AC_UK_TIME_TEXT_MAX], w[16];
    int64_t ms = 0;

    (void)state;
    assert_int_equal(ac_time_parse("2026-12-05T14:00:00Z", &ms, NULL), AC_OK);
    aci_uk_time_text(ms, t, sizeof t);
    assert_string_equal(t, "5 December 2026, 14:00"); /* GMT */
    assert_int_equal(ac_time_parse("2026-06-30T23:30:00Z", &ms, NULL), AC_OK);
    aci_uk_time_text(ms, t, sizeof t);
    assert_string_equal(t, "1 July 2026, 00:30");   /* BST: already the next day */
    aci_uk_time_text(1774745999000LL, t, sizeof t); /* 2026-03-29T00:59:59Z */
    assert_string_equal(t, "29 March 2026, 00:59");
    aci_uk_time_text(1774746000000LL, t, sizeof t); /* 2026-03-29T01:00:00Z */
    assert_string_equal(t, "29 March 2026, 02:00");
    assert_string_equal(aci_case_type_words("prevent_referral"), "Prevent referral");
    assert_string_equal(aci_case_type_words("offender_notification"), "Offender notification");
    assert_string_equal(aci_case_type_words("new_kind"), "new_kind");
    aci_code_words("channel_panel", w, sizeof w);
    assert_string_equal(w, "channel panel");
    aci_code_words("a_very_long_state_code", w, 8);
    assert_string_equal(w, "a very ");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_step_by_every_permitted_role_and_no_other),
        cmocka_unit_test(people_read_words_and_uk_times),
        cmocka_unit_test(consent_and_wrong_states),
        cmocka_unit_test(broken_tables_name_the_line),
        cmocka_unit_test(offender_tables_count_from_event_dates),
        cmocka_unit_test(channel_tables_follow_section_36),
        cmocka_unit_test(deadlines_across_months_leap_years_weekends_and_bst),
        cmocka_unit_test(notification_periods_follow_section_53),
        cmocka_unit_test(unknown_fields_are_refused_and_values_listed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
