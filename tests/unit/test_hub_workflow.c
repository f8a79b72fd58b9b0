/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_workflow.c - case workflows through the hub on a real (on-disk) database, as
 * stories: a closed subject of interest nominated, its sanitised summary disclosed to the
 * council, discussed at a multi-agency panel and referred to Prevent; the referral
 * through the police gateway to a Channel panel, consent from a parent, support, exit and
 * reviews at 6 and 12 months, with the 6-month review's deadline passing and raising an
 * alert; an offender released, notifying late, and alerted.  Each step is audited and
 * each party sees only what the policy allows.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#define P   "case workflow test"
#define DAY 86400000LL

struct story {
    struct test_hub *t;
    const char *ss_id, *probation_id;
    const ac_actor *ss;       /* Security Service analyst */
    const ac_actor *ctu_case; /* CTU caseworker */
    const ac_actor *duty;     /* CTU duty officer */
    const ac_actor *chair;    /* council panel member (Channel chair), SC: sits on SOI panels */
    const ac_actor *maa;      /* council caseworker, SC: works closed SOI cases */
};

static int
setup(void **state)
{
    struct story *s = test_calloc(1, sizeof *s);
    ac_agency ss = { .name = "Security Service",
                     .kind = AC_AGENCY_SECURITY_SERVICE,
                     .country = "GB" };
    ac_error err = { 0 };

    s->t = test_hub_new(1);
    assert_int_equal(ac_agency_add(s->t->hub, s->t->admin, "test", &ss, s->t->a, &s->ss_id, &err),
                     AC_OK);
    s->ss = test_add_user(s->t, "ss.analyst", s->ss_id, AC_ROLE_ANALYST, AC_VETTING_DV);
    s->ctu_case = test_add_user(s->t, "ctu.case", s->t->ctu_id, AC_ROLE_CASEWORKER, AC_VETTING_SC);
    s->duty = test_add_user(s->t, "ctu.duty", s->t->ctu_id, AC_ROLE_DUTY_OFFICER, AC_VETTING_SC);
    /* SOI case content needs SC (lib/policy/decide.c): the council's people on the
     * multi-agency panel of a closed SOI are SC-vetted */
    s->chair =
        test_add_user(s->t, "council.chair", s->t->council_id, AC_ROLE_PANEL_MEMBER, AC_VETTING_SC);
    s->maa =
        test_add_user(s->t, "council.maa", s->t->council_id, AC_ROLE_CASEWORKER, AC_VETTING_SC);
    *state = s;
    return 0;
}

static int
teardown(void **state)
{
    struct story *s = *state;

    test_hub_free(s->t);
    test_free(s);
    return 0;
}

/* Take STEP as ACTOR; the code, and the state in *TO when given. */
static ac_code
step(struct story *s,
     const ac_actor *actor,
     const char *id,
     const char *name,
     const ac_case_field *f,
     size_t n,
     const char **to,
     ac_error *err)
{
    const char *state = NULL;
    ac_code rc = ac_case_step(s->t->hub, actor, P, id, name, "recorded for the test", f, n, s->t->a,
                              &state, err);

    if (to != NULL) {
        *to = state;
    }
    return rc;
}

static void
expect_state(struct story *s,
             const ac_actor *actor,
             const char *id,
             const char *name,
             const ac_case_field *f,
             size_t n,
             const char *want)
{
    const char *to = NULL;
    ac_error err = { 0 };

    if (step(s, actor, id, name, f, n, &to, &err) != AC_OK) {
        fail_msg("%s: %s", name, err.msg);
    }
    assert_string_equal(to, want);
}

static const char *
open_case(struct story *s, const ac_actor *actor, ac_case_type type)
{
    const char *id = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_case_add(s->t->hub, actor, P, type, "Subject A", s->t->a, &id, &err),
                     AC_OK);
    return id;
}

static size_t
alerts_for_case(struct story *s, const char *case_id)
{
    ac_alert *list = NULL;
    size_t n = 0, found = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_alert_list(s->t->hub, s->duty, P, true, 0, s->t->a, &list, &n, &err),
                     AC_OK);
    for (size_t i = 0; i < n; i++) {
        found += list[i].case_id != NULL && strcmp(list[i].case_id, case_id) == 0;
    }
    return found;
}

static void
closed_soi_to_panel_then_channel_and_reviews(void **state)
{
    struct story *s = *state;
    struct test_hub *t = s->t;
    const char *soi = open_case(s, s->ss, AC_CASE_SOI), *item = NULL, *disc = NULL, *prevent;
    ac_item it = { .body = "Subject A: previously of interest; no current investigation",
                   .classification = AC_CLASS_OFFICIAL_SENSITIVE,
                   .source_eval = '2',
                   .intel_eval = 'B',
                   .handling = 'P' };
    /* issue 14: the Service's summary is ISS material, which a council never receives: it
     * goes to CT policing under SSA 1989 s.2(2)(a) with the Service's explicit release */
    ac_disclosure d = { .recipient_agency_id = t->ctu_id,
                        .purpose = "multi-agency review of a closed SOI",
                        .lawful_basis = "ssa1989-s2",
                        .classification = AC_CLASS_OFFICIAL_SENSITIVE,
                        .expires_at = "2027-03-01T00:00:00Z",
                        .release_iss = true };
    ac_case_field summary = { "disclosure", NULL }, panel = { "panel_date", "2026-03-01" };
    ac_case_field referral[] = { { "referrer_sector", "local_authority" },
                                 { "concern", "conflicted" } };
    ac_case_field vaf[] = { { "engagement", "some contact with an online group" },
                            { "intent", "no stated intent to harm" },
                            { "capability", "none seen" },
                            { "panel_attendees", "chair (council), children's services" },
                            { "police_attendee", "Channel police practitioner, West Midlands" } };
    ac_case_field consent[] = { { "subject_age", "16" },
                                { "consent_by", "parent: Amina Shah" },
                                { "consent_method", "in_person" },
                                { "consent_on", "2026-03-01" } };
    ac_case_field plan[] = { { "support_plan", "mentoring, weekly" },
                             { "providers", "intervention provider" },
                             { "panel_attendees", "chair (council), children's services" },
                             { "police_attendee", "Channel police practitioner, West Midlands" } };
    ac_case_field exit_reason[] = { { "exit_reason", "concerns addressed" },
                                    { "panel_attendees", "chair (council)" },
                                    { "police_attendee", "Channel police practitioner" } };
    ac_case_event *tl = NULL;
    ac_case_next_step *next = NULL;
    ac_case_due *due = NULL;
    size_t n = 0, escalated = 0, reminded = 0;
    ac_error err = { 0 };

    /* the Security Service closes the SOI and nominates it for a multi-agency review */
    expect_state(s, s->ss, soi, "close", NULL, 0, "closed");
    expect_state(s, s->ss, soi, "nominate", NULL, 0, "nominated");
    /* the council does not see the SOI case until it is a member */
    assert_int_equal(ac_case_timeline(t->hub, t->council, P, soi, t->a, &tl, &n, &err),
                     AC_ENOTFOUND);
    /* a sanitised summary is disclosed to CT policing under a lawful gateway */
    it.case_id = NULL;
    assert_int_equal(ac_item_add(t->hub, s->ss, P, &it, t->a, &item, &err), AC_OK);
    d.item_id = item;
    assert_int_equal(ac_disclosure_create(t->hub, s->ss, P, &d, t->a, &disc, &err), AC_OK);
    summary.value = "01NOSUCHDISCLOSURE000000000";
    assert_int_equal(step(s, s->ss, soi, "share_summary", &summary, 1, NULL, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "disclosure"));
    summary.value = disc;
    expect_state(s, s->ss, soi, "share_summary", &summary, 1, "summary_shared");
    assert_int_equal(ac_case_member_add(t->hub, s->ss, P, soi, t->council_id, NULL, "member", &err),
                     AC_OK);
    /* a member agency's caseworker vetted only to BPSS still sees nothing of the SOI */
    assert_int_equal(ac_case_timeline(t->hub, t->council, P, soi, t->a, &tl, &n, &err),
                     AC_ENOTFOUND);
    assert_int_equal(step(s, t->council, soi, "convene_panel", &panel, 1, NULL, &err),
                     AC_ENOTFOUND);
    /* the council convenes the panel; only a panel member decides */
    expect_state(s, s->maa, soi, "convene_panel", &panel, 1, "at_panel");
    assert_int_equal(step(s, s->maa, soi, "decide_prevent_referral", NULL, 0, NULL, &err),
                     AC_EDENIED);
    assert_non_null(strstr(err.msg, "panel_member"));
    assert_int_equal(ac_case_step(t->hub, s->chair, P, soi, "decide_prevent_referral", "  ", NULL,
                                  0, t->a, &summary.value, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "rationale"));
    expect_state(s, s->chair, soi, "decide_prevent_referral", NULL, 0, "referred_prevent");

    /* the Prevent referral, led by the council; CT policing does the gateway assessment */
    prevent = open_case(s, t->council, AC_CASE_PREVENT_REFERRAL);
    assert_int_equal(step(s, t->council, prevent, "refer", referral, 1, NULL, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "concern: required"));
    expect_state(s, t->council, prevent, "refer", referral, 2, "received");
    assert_int_equal(ac_cases_due(t->hub, t->council, P, 30 * DAY, t->a, &due, &n, &err), AC_OK);
    assert_true(n >= 1);
    assert_string_equal(due[0].state, "received");
    assert_string_equal(due[0].due_at, "2026-03-06T23:59:59.999Z"); /* Sunday + 5 wd: Friday */
    /* the referral waits for the police gateway: CT policing joined it and its duty
     * officers were alerted, without the council adding it first (issue 14, point 9) */
    assert_int_equal(alerts_for_case(s, prevent), 1);
    assert_int_equal(
        ac_case_member_add(t->hub, t->council, P, prevent, t->ctu_id, NULL, "member", &err),
        AC_ECONFLICT);
    expect_state(s, s->ctu_case, prevent, "to_channel", NULL, 0, "channel_panel");
    /* CTSA 2015 s.37: the panel's record names who attended, the area's police among them */
    assert_int_equal(step(s, s->chair, prevent, "assess", vaf, 4, NULL, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "police_attendee: required"));
    expect_state(s, s->chair, prevent, "assess", vaf, 5, "assessed");
    /* no support plan without consent; a 16-year-old's consent is a parent's */
    assert_int_equal(step(s, s->chair, prevent, "agree_plan", plan, 4, NULL, &err), AC_EINVAL);
    consent[1].value = "the young person";
    assert_int_equal(step(s, t->council, prevent, "consent", consent, 4, NULL, &err), AC_EINVAL);
    consent[1].value = "parent: Amina Shah";
    assert_int_equal(ac_case_next_steps(t->hub, t->council, P, prevent, t->a, &next, &n, &err),
                     AC_OK);
    assert_int_equal(n, 2);
    assert_string_equal(next[0].step, "consent");
    assert_string_equal(next[1].step, "no_consent");
    assert_true(next[0].allowed);
    expect_state(s, t->council, prevent, "consent", consent, 4, "consented");
    expect_state(s, s->chair, prevent, "agree_plan", plan, 4, "supported");
    expect_state(s, s->chair, prevent, "exit", exit_reason, 3, "exited");
    /* six months and a day on, the review has not happened: the deadline passes */
    test_clock_ms = TEST_NOW_MS + 185 * DAY;
    assert_int_equal(ac_cases_due(t->hub, t->council, P, 0, t->a, &due, &n, &err), AC_OK);
    assert_int_equal(n, 1); /* a BPSS caseworker is not shown the SOI case's deadline */
    assert_string_equal(due[0].case_id, prevent);
    assert_int_equal(ac_cases_due(t->hub, s->maa, P, 0, t->a, &due, &n, &err), AC_OK);
    assert_int_equal(n, 2); /* the SOI panel's decision is due its review too */
    assert_true(due[0].overdue && due[1].overdue);
    assert_string_equal(due[1].case_id, prevent);
    assert_string_equal(due[1].state, "exited");
    assert_int_equal(ac_case_deadlines_escalate(t->hub, s->duty, P, &escalated, &reminded, &err),
                     AC_OK);
    assert_int_equal(escalated, 2);
    assert_int_equal(alerts_for_case(s, prevent), 2); /* the gateway's, and this lapse */
    assert_int_equal(ac_case_deadlines_escalate(t->hub, s->duty, P, &escalated, &reminded, &err),
                     AC_OK);
    assert_int_equal(escalated, 0); /* one alert per lapse */
    expect_state(s, s->chair, prevent, "review_6mo", NULL, 0, "reviewed_6mo");
    test_clock_ms = TEST_NOW_MS + 360 * DAY;
    expect_state(s, t->council, prevent, "review_12mo", NULL, 0, "closed");
    assert_int_equal(step(s, s->chair, prevent, "reopen", NULL, 0, NULL, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "the case has ended"));
    /* the timeline: every step, in order, with who and why */
    assert_int_equal(ac_case_timeline(t->hub, s->chair, P, prevent, t->a, &tl, &n, &err), AC_OK);
    assert_int_equal(n, 8);
    assert_string_equal(tl[0].step, "refer");
    assert_string_equal(tl[3].step, "consent");
    assert_non_null(strstr(tl[3].fields_json, "\"consent_by\":\"parent: Amina Shah\""));
    assert_string_equal(tl[7].to_state, "closed");
    assert_string_equal(tl[7].rationale, "recorded for the test");
    /* a note, and the SOI case's timeline as the Security Service sees it */
    assert_int_equal(ac_case_note(t->hub, s->chair, P, prevent, "file closed", &err), AC_OK);
    assert_int_equal(ac_case_timeline(t->hub, s->ss, P, soi, t->a, &tl, &n, &err), AC_OK);
    assert_int_equal(n, 5); /* close, nominate, share_summary, convene_panel, decide */
    /* the Security Service sees nothing of the council's Prevent case */
    assert_int_equal(ac_case_timeline(t->hub, s->ss, P, prevent, t->a, &tl, &n, &err),
                     AC_ENOTFOUND);
}

static void
offender_released_notifies_late_and_is_alerted(void **state)
{
    struct story *s = *state;
    struct test_hub *t = s->t;
    const char *c = open_case(s, s->ctu_case, AC_CASE_OFFENDER_NOTIFICATION);
    ac_case_field sentence[] = { { "dealt_with_on", "2024-01-15" },
                                 { "sentence_months", "48" },
                                 { "age_at_conviction", "30" } };
    ac_case_field release = { "released_on", "2026-03-01" };
    ac_case_field notify[] = { { "notified_on", "2026-03-06" },
                               { "date_of_birth", "1996-05-04" },
                               { "ni_number", "QQ123456C" },
                               { "names", "as sentenced" },
                               { "home_address", "recorded" },
                               { "contacts", "recorded" },
                               { "vehicles", "none" },
                               { "bank_accounts", "recorded" },
                               { "identity_documents", "passport" } };
    ac_case_field future = { "released_on", "2026-04-01" };
    ac_case_event *tl = NULL;
    size_t n = 0, escalated = 0, reminded = 0;
    ac_error err = { 0 };

    expect_state(s, s->ctu_case, c, "record_sentence", sentence, 3, "in_custody");
    assert_int_equal(step(s, s->ctu_case, c, "release", &future, 1, NULL, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "released_on: a date"));
    expect_state(s, s->ctu_case, c, "release", &release, 1, "released");
    /* three days pass without the initial notification: an alert to CT policing.  "Within
     * the period of three days beginning with the day" of release (CTA 2008 s.47(1), (4)):
     * released on Sunday 1 March, the days are 1, 2 and 3 March (the test locked in the end
     * of 4 March before, a day too late) */
    test_clock_ms = TEST_NOW_MS + 1 * DAY; /* due at the end of 3 March: 36 hours away */
    assert_int_equal(ac_case_deadlines_escalate(t->hub, s->duty, P, &escalated, &reminded, &err),
                     AC_OK);
    assert_int_equal(escalated + reminded, 0);
    test_clock_ms = TEST_NOW_MS + 2 * DAY; /* 12 hours away: a reminder, once */
    assert_int_equal(ac_case_deadlines_escalate(t->hub, s->duty, P, &escalated, &reminded, &err),
                     AC_OK);
    assert_int_equal(escalated, 0);
    assert_int_equal(reminded, 1);
    assert_int_equal(ac_case_deadlines_escalate(t->hub, s->duty, P, &escalated, &reminded, &err),
                     AC_OK);
    assert_int_equal(reminded, 0);
    test_clock_ms = TEST_NOW_MS + 3 * DAY;
    assert_int_equal(ac_case_deadlines_escalate(t->hub, s->duty, P, &escalated, &reminded, &err),
                     AC_OK);
    assert_int_equal(escalated, 1);
    assert_int_equal(alerts_for_case(s, c), 2); /* the reminder and the lapse */
    /* date of birth and NI number are part of the initial notification (s.47(2)(a), (b)) */
    test_clock_ms = TEST_NOW_MS + 5 * DAY;
    assert_int_equal(step(s, s->duty, c, "initial_notification", notify, 1, NULL, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "date_of_birth: required"));
    assert_int_equal(step(s, s->duty, c, "initial_notification", notify, 2, NULL, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "ni_number: required"));
    /* the offender notifies on 6 March: recorded, and three days late (the allowance ended
     * with 3 March; the test locked in two before); the release date comes from the
     * timeline, not typed again */
    expect_state(s, s->duty, c, "initial_notification", notify, 9, "notifying");
    assert_int_equal(ac_case_timeline(t->hub, s->ctu_case, P, c, t->a, &tl, &n, &err), AC_OK);
    assert_int_equal(n, 3);
    assert_non_null(strstr(tl[0].fields_json, "\"notification_years\":\"10\""));
    /* the end is known at release: 10 years from 15 January 2024, the 776 days in custody
     * disregarded (s.53), so 1 March 2036, not 15 January 2034 (the test locked that in) */
    assert_null(strstr(tl[0].fields_json, "notification_ends_on"));
    assert_non_null(strstr(tl[1].fields_json, "\"notification_ends_on\":\"2036-03-01\""));
    assert_non_null(strstr(tl[1].fields_json, "\"custody_days\":\"776\""));
    assert_int_equal(tl[2].late_days, 3);
    assert_int_equal(tl[1].late_days, 0);
    /* yearly re-notification is now due; the council, not a member, sees none of it */
    assert_int_equal(ac_case_timeline(t->hub, t->council, P, c, t->a, &tl, &n, &err), AC_ENOTFOUND);
    assert_int_equal(step(s, t->council, c, "renotify", NULL, 0, NULL, &err), AC_ENOTFOUND);
    /* probation is not the agency that takes notifications */
    assert_int_equal(step(s, s->ss, c, "renotify", notify, 1, NULL, &err), AC_ENOTFOUND);
    /* a general case has no workflow */
    c = open_case(s, s->ctu_case, AC_CASE_GENERAL);
    assert_int_equal(step(s, s->ctu_case, c, "close", NULL, 0, NULL, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "no workflow"));
}

/* The deadline of case ID as ACTOR sees it (due within a year), or NULL. */
static const ac_case_due *
due_of(struct story *s, const ac_actor *actor, const char *id)
{
    ac_case_due *due = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_cases_due(s->t->hub, actor, P, 20000 * DAY, s->t->a, &due, &n, &err),
                     AC_OK);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(due[i].case_id, id) == 0) {
            return &due[i];
        }
    }
    return NULL;
}

/* CTA 2008 s.44-45: no requirement for a person under 16 when dealt with; s.53: a hospital
 * order brings 10 years. */
static void
offender_under_16_has_no_requirement(void **state)
{
    struct story *s = *state;
    const char *c = open_case(s, s->ctu_case, AC_CASE_OFFENDER_NOTIFICATION);
    ac_case_field sentence[] = { { "dealt_with_on", "2025-06-02" },
                                 { "sentence_months", "48" },
                                 { "age_at_conviction", "14" } };
    ac_case_field reason = { "reason", "14 when dealt with: CTA 2008 s.44" };
    ac_case_event *tl = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(step(s, s->ctu_case, c, "record_sentence", sentence, 3, NULL, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "16 or over when dealt with"));
    assert_non_null(strstr(err.msg, "no_requirement"));
    expect_state(s, s->ctu_case, c, "no_requirement", &reason, 1, "ended");
    assert_null(due_of(s, s->ctu_case, c));
    /* a hospital order: 10 years */
    c = open_case(s, s->ctu_case, AC_CASE_OFFENDER_NOTIFICATION);
    sentence[1].value = "hospital_order";
    sentence[2].value = "34";
    expect_state(s, s->ctu_case, c, "record_sentence", sentence, 3, "in_custody");
    assert_int_equal(ac_case_timeline(s->t->hub, s->ctu_case, P, c, s->t->a, &tl, &n, &err), AC_OK);
    assert_non_null(strstr(tl[0].fields_json, "\"notification_years\":\"10\""));
}

/* s.53: the period does not run while the person is in custody, so its end moves with each
 * release; period_ends is refused before it; s.47, s.49 and s.52 count from the events'
 * own dates. */
static void
offender_period_moves_with_release_and_deadlines_run_from_event_dates(void **state)
{
    struct story *s = *state;
    const char *c = open_case(s, s->ctu_case, AC_CASE_OFFENDER_NOTIFICATION), *old;
    ac_case_field sentence[] = { { "dealt_with_on", "2024-01-15" },
                                 { "sentence_months", "96" },
                                 { "age_at_conviction", "30" } };
    ac_case_field release = { "released_on", "2026-11-15" };
    ac_case_field notify[] = { { "notified_on", "2026-11-16" },
                               { "date_of_birth", "1994-02-03" },
                               { "ni_number", "QQ123456C" },
                               { "names", "as sentenced" },
                               { "home_address", "recorded" },
                               { "contacts", "recorded" },
                               { "vehicles", "none" },
                               { "bank_accounts", "recorded" },
                               { "identity_documents", "passport" } };
    ac_case_field change[] = { { "notified_on", "2027-02-10" },
                               { "change", "new home address" },
                               { "changed_on", "2027-02-08" } };
    ac_case_field travel[] = { { "notified_on", "2027-03-10" },
                               { "departure_on", "2027-03-09" },
                               { "country", "France" },
                               { "return_on", "2027-03-20" } };
    ac_case_field returned[] = { { "notified_on", "2027-03-21" }, { "returned_on", "2027-03-20" } };
    ac_case_field recall = { "recalled_on", "2027-06-01" };
    ac_case_field back = { "released_on", "2027-09-01" };
    const ac_case_due *d;
    ac_case_event *tl = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    test_clock_ms = TEST_NOW_MS + 264 * DAY; /* 2026-11-20 */
    expect_state(s, s->ctu_case, c, "record_sentence", sentence, 3, "in_custody");
    expect_state(s, s->ctu_case, c, "release", &release, 1, "released");
    /* 8 years: 15 years from January 2024, plus the 1035 days in custody: November 2041,
     * not January 2039 */
    assert_int_equal(ac_case_timeline(s->t->hub, s->ctu_case, P, c, s->t->a, &tl, &n, &err), AC_OK);
    assert_non_null(strstr(tl[0].fields_json, "\"notification_years\":\"15\""));
    assert_non_null(strstr(tl[1].fields_json, "\"notification_ends_on\":\"2041-11-15\""));
    /* the initial notification is due from the release date, not from when it was entered:
     * 15, 16, 17 November, so overdue already on the 20th */
    d = due_of(s, s->ctu_case, c);
    assert_non_null(d);
    assert_string_equal(d->due_at, "2026-11-17T23:59:59.999Z");
    assert_true(d->overdue);
    expect_state(s, s->duty, c, "initial_notification", notify, 9, "notifying");
    assert_int_equal(ac_case_timeline(s->t->hub, s->ctu_case, P, c, s->t->a, &tl, &n, &err), AC_OK);
    assert_int_equal(tl[2].late_days, 0); /* notified on the second day: in time */
    /* the yearly re-notification counts from the notification's own date (s.49) */
    d = due_of(s, s->ctu_case, c);
    assert_string_equal(d->due_at, "2027-11-16T23:59:59.999Z");
    /* a change notification restarts it (s.49(1): the last notification under s.48) */
    test_clock_ms = TEST_NOW_MS + 350 * DAY; /* 2027-02-14 */
    expect_state(s, s->duty, c, "notify_change", change, 3, "notifying");
    assert_string_equal(due_of(s, s->ctu_case, c)->due_at, "2028-02-10T23:59:59.999Z");
    /* a foreign-travel notice comes before the departure; a planned departure is in the
     * future */
    assert_int_equal(step(s, s->duty, c, "notify_travel", travel, 4, NULL, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "departure_on: the notice of foreign travel must be given "
                                    "before the departure"));
    test_clock_ms = TEST_NOW_MS + 375 * DAY; /* 2027-03-11 */
    travel[0].value = "2027-03-11";
    travel[1].value = "2027-03-15";
    expect_state(s, s->duty, c, "notify_travel", travel, 4, "abroad");
    test_clock_ms = TEST_NOW_MS + 385 * DAY; /* 2027-03-21 */
    expect_state(s, s->duty, c, "notify_return", returned, 2, "notifying");
    /* recalled, then released again: the end moves by the 92 days back in custody */
    test_clock_ms = TEST_NOW_MS + 560 * DAY; /* 2027-09-12 */
    expect_state(s, s->ctu_case, c, "recall", &recall, 1, "in_custody");
    expect_state(s, s->ctu_case, c, "release", &back, 1, "released");
    assert_int_equal(ac_case_timeline(s->t->hub, s->ctu_case, P, c, s->t->a, &tl, &n, &err), AC_OK);
    assert_non_null(strstr(tl[n - 1].fields_json, "\"notification_ends_on\":\"2042-02-15\""));
    notify[0].value = "2027-09-02";
    expect_state(s, s->duty, c, "initial_notification", notify, 9, "notifying");
    /* the period cannot be ended before the end the hub computed */
    assert_int_equal(step(s, s->ctu_case, c, "period_ends", NULL, 0, NULL, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "ends on 2042-02-15"));
    test_clock_ms = 2276078400000LL; /* 2042-02-15T12:00:00Z */
    expect_state(s, s->ctu_case, c, "period_ends", NULL, 0, "ended");

    /* a release entered today as having been on 1 January is overdue at once */
    test_clock_ms = TEST_NOW_MS;
    old = open_case(s, s->ctu_case, AC_CASE_OFFENDER_NOTIFICATION);
    expect_state(s, s->ctu_case, old, "record_sentence", sentence, 3, "in_custody");
    release.value = "2026-01-01";
    expect_state(s, s->ctu_case, old, "release", &release, 1, "released");
    d = due_of(s, s->ctu_case, old);
    assert_string_equal(d->due_at, "2026-01-03T23:59:59.999Z");
    assert_true(d->overdue);
}

struct audit_details {
    const char *object_id;
    size_t sensitive_reads;
};

static int
count_sensitive(void *ctx, const ac_audit_entry *e)
{
    struct audit_details *d = ctx;

    d->sensitive_reads += e->object_id != NULL && strcmp(e->object_id, d->object_id) == 0 &&
                          e->detail != NULL && strstr(e->detail, "DPA 2018 s.35(8)") != NULL;
    return 0;
}

/* CTSA 2015 s.36-37: a council refers to the panel itself; refused consent does not end the
 * case: the panel reassesses, or considers other support; the type of concern is sensitive
 * processing (DPA 2018 s.35(8)), its reading audited as such. */
static void
channel_consent_refused_leads_to_further_assessment(void **state)
{
    struct story *s = *state;
    struct test_hub *t = s->t;
    const char *c = open_case(s, t->council, AC_CASE_PREVENT_REFERRAL);
    ac_case_field referral[] = { { "referrer_sector", "prison" }, { "concern", "conflicted" } };
    ac_case_field vaf[] = { { "engagement", "some" },
                            { "intent", "none seen" },
                            { "capability", "none" },
                            { "panel_attendees", "chair (council), education" },
                            { "police_attendee", "Channel police practitioner" } };
    ac_case_field refused[] = { { "consent_by", "the person" },
                                { "consent_method", "in_person" },
                                { "consent_on", "2026-03-01" } };
    ac_case_field attended[] = { { "panel_attendees", "chair (council)" },
                                 { "police_attendee", "Channel police practitioner" } };
    ac_case_field route = { "support_route", "GP and adult social care" };
    ac_case_next_step *next = NULL;
    ac_case_event *tl = NULL;
    ac_audit_query q = { c, NULL, NULL, 0 };
    struct audit_details ad = { c, 0 };
    uint64_t n_audit = 0;
    size_t n = 0;
    ac_error err = { 0 };

    expect_state(s, t->council, c, "refer", referral, 2, "received");
    /* the council refers to the panel: not a police-only step since 12 April 2019 */
    expect_state(s, t->council, c, "to_channel", NULL, 0, "channel_panel");
    expect_state(s, s->chair, c, "assess", vaf, 5, "assessed");
    expect_state(s, t->council, c, "no_consent", refused, 3, "no_consent");
    /* not the end: the panel reassesses, or considers other support (s.36(4)(e), (6)) */
    assert_int_equal(ac_case_next_steps(t->hub, t->council, P, c, t->a, &next, &n, &err), AC_OK);
    assert_int_equal(n, 3);
    assert_string_equal(next[0].step, "reassess");
    assert_string_equal(next[1].step, "refer_other_support");
    assert_string_equal(next[2].step, "no_other_support");
    assert_non_null(due_of(s, t->council, c));
    assert_string_equal(due_of(s, t->council, c)->state, "no_consent");
    expect_state(s, s->chair, c, "reassess", attended, 2, "channel_panel");
    expect_state(s, s->chair, c, "assess", vaf, 5, "assessed");
    expect_state(s, t->council, c, "no_consent", refused, 3, "no_consent");
    expect_state(s, t->council, c, "refer_other_support", &route, 1, "other_support");
    /* the type of concern: the member reads it, and the audit says sensitive data was read */
    assert_int_equal(ac_case_timeline(t->hub, t->council, P, c, t->a, &tl, &n, &err), AC_OK);
    assert_non_null(strstr(tl[0].fields_json, "\"concern\":\"conflicted\""));
    assert_int_equal(ac_audit_query_run(t->hub, t->auditor, "inspection", &q, count_sensitive, &ad,
                                        &n_audit, &err),
                     AC_OK);
    assert_int_equal(ad.sensitive_reads, 1);
}

/* True when ID is among the N cases of LIST. */
static bool
listed(const ac_case_summary *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].id, id) == 0) {
            return true;
        }
    }
    return false;
}

static size_t
find(struct story *s, const ac_actor *actor, ac_case_query q, ac_case_summary **out)
{
    size_t n = 0;
    ac_error err = { 0 };

    if (ac_case_list(s->t->hub, actor, P, &q, s->t->a, out, &n, &err) != AC_OK) {
        fail_msg("ac_case_list: %s", err.msg);
    }
    return n;
}

/* Issue 14, point 9: cases can be found by scope, type, state and deadline, and only those
 * the caller may read (the rule of ac_case_get); each id returned is audited. */
static void
cases_are_found_only_by_those_who_may_read_them(void **state)
{
    struct story *s = *state;
    struct test_hub *t = s->t;
    const char *soi = open_case(s, s->ctu_case, AC_CASE_SOI);
    const char *referral = open_case(s, t->council, AC_CASE_PREVENT_REFERRAL);
    const char *channel = open_case(s, s->maa, AC_CASE_CHANNEL);
    ac_case_field refer[] = { { "referrer_sector", "education" }, { "concern", "other" } };
    ac_case_summary *l = NULL;
    ac_case_query q = { AC_CASES_VISIBLE, NULL, NULL, -1, 0 };
    ac_error err = { 0 };
    size_t n;

    /* the council's BPSS caseworker: its agency's referral and Channel case, not the SOI */
    n = find(s, t->council, q, &l);
    assert_true(listed(l, n, referral) && listed(l, n, channel) && !listed(l, n, soi));
    for (size_t i = 0; i < n; i++) {
        if (strcmp(l[i].id, referral) == 0) {
            assert_string_equal(l[i].lead_agency_name, "City Council");
            assert_null(l[i].due_at); /* a new referral has no deadline yet */
        }
    }
    /* the Security Service is in none of them; the CTU sees only its own SOI */
    n = find(s, s->ss, q, &l);
    assert_false(listed(l, n, soi) || listed(l, n, referral) || listed(l, n, channel));
    n = find(s, s->ctu_case, q, &l);
    assert_true(listed(l, n, soi) && !listed(l, n, referral));
    /* a member agency vetted only to BPSS still does not find the SOI */
    assert_int_equal(
        ac_case_member_add(t->hub, s->ctu_case, P, soi, t->council_id, NULL, "member", &err),
        AC_OK);
    n = find(s, t->council, q, &l);
    assert_false(listed(l, n, soi));
    n = find(s, s->maa, q, &l); /* its SC caseworker does */
    assert_true(listed(l, n, soi));
    /* mine: opened by the caller; agency: led by the caller's agency */
    q.scope = AC_CASES_MINE;
    n = find(s, s->maa, q, &l);
    assert_true(listed(l, n, channel) && !listed(l, n, referral) && !listed(l, n, soi));
    n = find(s, s->chair, q, &l);
    assert_int_equal(n, 0);
    q.scope = AC_CASES_AGENCY;
    n = find(s, s->chair, q, &l);
    assert_true(listed(l, n, channel) && listed(l, n, referral) && !listed(l, n, soi));
    /* by type and by state */
    q.scope = AC_CASES_VISIBLE;
    q.type = "channel";
    n = find(s, t->council, q, &l);
    assert_true(n == 1 && listed(l, n, channel));
    q.type = NULL;
    q.state = "new";
    n = find(s, t->council, q, &l);
    assert_true(listed(l, n, referral) && listed(l, n, channel));
    /* by deadline: once referred, the referral's gateway assessment is due in 5 working days */
    expect_state(s, t->council, referral, "refer", refer, 2, "received");
    q.state = NULL;
    q.due_within_ms = 30 * DAY;
    n = find(s, t->council, q, &l);
    assert_true(n == 1 && listed(l, n, referral));
    assert_non_null(l[0].due_at);
    assert_false(l[0].overdue);
    q.due_within_ms = 0;
    n = find(s, t->council, q, &l);
    assert_int_equal(n, 0);
    test_clock_ms = TEST_NOW_MS + 30 * DAY;
    n = find(s, t->council, q, &l);
    assert_true(n == 1 && l[0].overdue); /* a passed deadline is within any window */
    test_clock_ms = TEST_NOW_MS;
    /* CT policing finds the referral waiting for its gateway assessment, unasked */
    q.due_within_ms = -1;
    q.state = "received";
    n = find(s, s->ctu_case, q, &l);
    assert_true(listed(l, n, referral));
    /* the limit */
    q.state = NULL;
    q.limit = 1;
    assert_int_equal(find(s, t->council, q, &l), 1);
    q.limit = 0;
    /* bad queries name the field */
    q.type = "chanel";
    assert_int_equal(ac_case_list(t->hub, t->council, P, &q, t->a, &l, &n, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "type: unknown case type 'chanel'"));
    q.type = NULL;
    q.state = "limbo";
    assert_int_equal(ac_case_list(t->hub, t->council, P, &q, t->a, &l, &n, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "state: no workflow has a state 'limbo'"));
    q.state = NULL;
    q.scope = (ac_case_scope)7;
    assert_int_equal(ac_case_list(t->hub, t->council, P, &q, t->a, &l, &n, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "scope"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(closed_soi_to_panel_then_channel_and_reviews, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(offender_released_notifies_late_and_is_alerted, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(offender_under_16_has_no_requirement, setup, teardown),
        cmocka_unit_test_setup_teardown(
            offender_period_moves_with_release_and_deadlines_run_from_event_dates, setup, teardown),
        cmocka_unit_test_setup_teardown(channel_consent_refused_leads_to_further_assessment, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(cases_are_found_only_by_those_who_may_read_them, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
