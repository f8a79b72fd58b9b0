/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_report.c - suspicious-purchase reports through the hub: every validation
 * error, the receipt and a reporter seeing only its own reports, screening against an
 * imported list and the partners' persons, alert priority and routing, alerts that
 * reveal no holdings (the holder is told, the duty agency only that a partner was),
 * acknowledgement, escalation on an injected clock, and a corrected regime table put in force.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define P "suspicious purchase triage"

struct fixture {
    struct test_hub *t;
    const char *shop_id, *shop2_id, *force_id;
    const ac_actor *shop;  /* retailer's reporter */
    const ac_actor *shop2; /* another retailer's reporter */
    const ac_actor *duty;  /* CTU duty officer */
    const ac_actor *force; /* a police force's duty officer */
};

static const char list_csv[] = "id,name,dob\n"
                               "W1,Viktor Petrovsky,1971-02-03\n"
                               "W1,Viktor Petrovskiy,\n"
                               "W2,Samira Haddad,1990-09-09\n";

static const char *
add_agency(struct test_hub *t, const char *name, ac_agency_kind kind)
{
    ac_agency g = { .name = name, .kind = kind, .country = "GB" };
    const char *id = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_agency_add(t->hub, t->admin, "test", &g, t->a, &id, &err), AC_OK);
    return id;
}

static int
setup(void **state)
{
    struct fixture *f = test_calloc(1, sizeof *f);
    ac_watchlist_info info;
    ac_error err = { 0 };

    f->t = test_hub_new(0);
    f->shop_id = add_agency(f->t, "Hardware Co", AC_AGENCY_PRIVATE_SECTOR);
    f->shop2_id = add_agency(f->t, "Garden Centre Ltd", AC_AGENCY_PRIVATE_SECTOR);
    f->force_id = add_agency(f->t, "West Midlands Police", AC_AGENCY_POLICE_FORCE);
    f->shop = test_add_user(f->t, "till1", f->shop_id, AC_ROLE_REPORTER, AC_VETTING_NONE);
    f->shop2 = test_add_user(f->t, "till2", f->shop2_id, AC_ROLE_REPORTER, AC_VETTING_NONE);
    f->duty = test_add_user(f->t, "duty", f->t->ctu_id, AC_ROLE_DUTY_OFFICER, AC_VETTING_SC);
    f->force = test_add_user(f->t, "wmp.duty", f->force_id, AC_ROLE_DUTY_OFFICER, AC_VETTING_SC);
    assert_int_equal(ac_watchlist_import(f->t->hub, f->t->analyst, P, "Partnership list",
                                         AC_WATCHLIST_CSV,
                                         test_write_file(0, list_csv, sizeof list_csv - 1), NULL,
                                         f->t->a, &info, &err),
                     AC_OK);
    assert_int_equal(info.names, 3);
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

/* A valid attempt to buy hydrogen peroxide at 35% (regulated above 12%). */
static ac_report
peroxide(const char *buyer, const char *dob)
{
    return (ac_report){ .kind = AC_REPORT_ATTEMPT,
                        .occurred_at = "2026-03-01T11:30:00Z",
                        .product = "Pool Shock Plus",
                        .substance = "hydrogen peroxide",
                        .concentration = 35.0,
                        .quantity = "4 x 5 L",
                        .payment = AC_PAYMENT_CASH,
                        .buyer_name = buyer,
                        .buyer_dob = dob,
                        .indicators = AC_IND_NERVOUS | AC_IND_INSISTS_ON_CASH,
                        .narrative = "Asked twice whether a licence was really needed." };
}

static ac_code
submit(struct fixture *f, const ac_report *r, ac_report *out, ac_error *err)
{
    ac_code rc = ac_report_submit(f->t->hub, f->shop, P, r, f->t->a, out, err);

    if (rc != AC_OK && rc != AC_EINVAL) {
        print_message("submit: %s\n", err->msg);
    }
    return rc;
}

/* The alert raised for report REPORT_ID as seen by ACTOR, or NULL when there is none. */
static const ac_alert *
alert_for(struct fixture *f, const ac_actor *actor, const char *report_id)
{
    ac_alert *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_alert_list(f->t->hub, actor, P, false, 0, f->t->a, &list, &n, &err), AC_OK);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].report_id, report_id) == 0) {
            return &list[i];
        }
    }
    return NULL;
}

static void
expect_invalid(struct fixture *f, const ac_report *r, const char *field)
{
    ac_report out;
    ac_error err = { 0 };

    assert_int_equal(submit(f, r, &out, &err), AC_EINVAL);
    if (strstr(err.msg, field) == NULL) {
        fail_msg("expected '%s' in \"%s\"", field, err.msg);
    }
}

static void
every_validation_error(void **state)
{
    struct fixture *f = *state;
    ac_report r = peroxide("Viktor Petrovsky", NULL);
    ac_report *mine = NULL;
    size_t n = 9;
    ac_error err = { 0 };

    r.substance = NULL;
    expect_invalid(f, &r, "substance: required");
    r = peroxide(NULL, NULL);
    r.substance = "   ";
    expect_invalid(f, &r, "substance: required");
    r = peroxide(NULL, NULL);
    r.quantity = NULL;
    expect_invalid(f, &r, "quantity: required");
    r = peroxide(NULL, NULL);
    r.concentration = 120.0;
    expect_invalid(f, &r, "concentration: impossible");
    r.concentration = NAN;
    expect_invalid(f, &r, "concentration: impossible");
    r = peroxide(NULL, NULL);
    r.occurred_at = "2026-03-02T09:00:00Z"; /* the clock says 2026-03-01T12:00Z */
    expect_invalid(f, &r, "occurred_at: in the future");
    r.occurred_at = "yesterday";
    expect_invalid(f, &r, "occurred_at: not an RFC 3339");
    r.occurred_at = NULL;
    expect_invalid(f, &r, "occurred_at: required");
    r = peroxide("A Buyer", "31/02/1980");
    expect_invalid(f, &r, "buyer_dob: not a date");
    r = peroxide("A Buyer", "2030-01-01");
    expect_invalid(f, &r, "buyer_dob: in the future");
    r = peroxide(NULL, NULL);
    r.indicators = AC_IND_OTHER;
    expect_invalid(f, &r, "indicator_other: required");
    r = peroxide(NULL, NULL);
    r.indicators = 0;
    r.narrative = NULL;
    expect_invalid(f, &r, "indicators: say what made it suspicious");
    r = peroxide("Someone", NULL);
    r.kind = AC_REPORT_THEFT;
    expect_invalid(f, &r, "buyer_name: a loss or theft has no buyer");
    r = peroxide(NULL, NULL);
    r.kind = (ac_report_kind)9;
    expect_invalid(f, &r, "kind:");
    r = peroxide(NULL, NULL);
    r.payment = (ac_payment)9;
    expect_invalid(f, &r, "payment:");
    r = peroxide(NULL, NULL);
    r.indicators = 1u << 15;
    expect_invalid(f, &r, "indicators:");
    /* nothing was stored */
    assert_int_equal(ac_report_list(f->t->hub, f->shop, P, NULL, 0, f->t->a, &mine, &n, &err),
                     AC_OK);
    assert_int_equal(n, 0);
}

static void
indicator_names_round_trip(void **state)
{
    unsigned set = 0;
    ac_arena *a = ac_arena_new(0);
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_indicators_parse("nervous, insists-on-cash,other", &set, &err), AC_OK);
    assert_int_equal(set, AC_IND_NERVOUS | AC_IND_INSISTS_ON_CASH | AC_IND_OTHER);
    assert_string_equal(ac_indicators_format(a, set), "nervous,insists_on_cash,other");
    ac_arena_free(a);
    assert_int_equal(ac_indicators_parse("shifty", &set, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "not_regular_customer"));
}

static void
receipt_and_own_reports_only(void **state)
{
    struct fixture *f = *state;
    ac_report r = peroxide(NULL, NULL), out, got, *mine = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    assert_int_equal(strncmp(out.reference, "SPR-20260301-", 13), 0);
    assert_int_equal(strlen(out.reference), 23);
    assert_int_equal(out.regime_class, AC_REGIME_REGULATED_PRECURSOR);
    assert_non_null(strstr(out.regime_reason, "12"));
    /* the reporter reads its own; another retailer is told it does not exist */
    assert_int_equal(ac_report_get(f->t->hub, f->shop, P, out.id, f->t->a, &got, &err), AC_OK);
    assert_string_equal(got.reference, out.reference);
    assert_string_equal(got.substance, "hydrogen peroxide");
    assert_true(fabs(got.concentration - 35.0) < 1e-9);
    assert_int_equal(got.indicators, AC_IND_NERVOUS | AC_IND_INSISTS_ON_CASH);
    assert_int_equal(ac_report_get(f->t->hub, f->shop2, P, out.id, f->t->a, &got, &err),
                     AC_ENOTFOUND);
    assert_int_equal(ac_report_list(f->t->hub, f->shop2, P, NULL, 0, f->t->a, &mine, &n, &err),
                     AC_OK);
    assert_int_equal(n, 0);
    assert_int_equal(ac_report_list(f->t->hub, f->shop, P, NULL, 0, f->t->a, &mine, &n, &err),
                     AC_OK);
    assert_int_equal(n, 1);
    /* a duty officer reads any report; an analyst may not submit one */
    assert_int_equal(ac_report_get(f->t->hub, f->duty, P, out.id, f->t->a, &got, &err), AC_OK);
    assert_int_equal(ac_report_submit(f->t->hub, f->t->analyst, P, &r, f->t->a, &out, &err),
                     AC_EDENIED);
}

static void
strong_match_on_regulated_is_high_and_routed_to_ctu(void **state)
{
    struct fixture *f = *state;
    ac_report r = peroxide("PETROVSKY, Viktor", "1971-02-03"), out, rep;
    const ac_alert *seen;
    ac_alert al;
    ac_error err = { 0 };

    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    seen = alert_for(f, f->duty, out.id);
    assert_non_null(seen);
    assert_int_equal(seen->priority, AC_ALERT_HIGH);
    assert_string_equal(seen->routed_agency_id, f->t->ctu_id);
    assert_string_equal(seen->deadline, "2026-03-01T12:15:00.000Z");
    assert_int_equal(seen->status, AC_ALERT_OPEN);
    /* the police force's duty officer neither lists nor reads it */
    assert_null(alert_for(f, f->force, out.id));
    assert_int_equal(ac_alert_get(f->t->hub, f->force, P, seen->id, f->t->a, &al, &rep, &err),
                     AC_ENOTFOUND);
    /* the CTU officer sees the report and the match with its explanation */
    assert_int_equal(ac_alert_get(f->t->hub, f->duty, P, seen->id, f->t->a, &al, &rep, &err),
                     AC_OK);
    assert_string_equal(rep.id, out.id);
    assert_true(al.n_matches >= 1);
    assert_string_equal(al.matches[0].source, "watchlist");
    assert_string_equal(al.matches[0].source_name, "Partnership list");
    assert_string_equal(al.matches[0].entry_id, "W1");
    assert_true(al.matches[0].score >= 0.95);
    assert_non_null(al.matches[0].explanation);
    assert_false(al.for_holder);
    assert_false(al.partner_told);
    /* reporters and analysts get no alerts at all */
    assert_int_equal(ac_alert_get(f->t->hub, f->shop, P, seen->id, f->t->a, &al, &rep, &err),
                     AC_ENOTFOUND);
}

static void
priorities_follow_the_rules(void **state)
{
    struct fixture *f = *state;
    ac_report r, out;
    const ac_alert *seen;
    ac_error err = { 0 };

    /* no match, reportable substance, one indicator: no alert */
    r = peroxide("John Smith", NULL);
    r.concentration = 8.0; /* at or below 12%: reportable */
    r.indicators = AC_IND_NERVOUS;
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    assert_int_equal(out.regime_class, AC_REGIME_REPORTABLE_PRECURSOR);
    assert_null(alert_for(f, f->duty, out.id));
    /* no match, regulated, two indicators: medium */
    r = peroxide("John Smith", NULL);
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    seen = alert_for(f, f->duty, out.id);
    assert_non_null(seen);
    assert_int_equal(seen->priority, AC_ALERT_MEDIUM);
    assert_string_equal(seen->reason, "regulated substance with strong indicators");
    assert_string_equal(seen->deadline, "2026-03-01T13:00:00.000Z");
    /* strong match on a reportable substance with one indicator: medium */
    r = peroxide("Samira Haddad", "1990-09-09");
    r.concentration = 5.0;
    r.indicators = AC_IND_NERVOUS;
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    seen = alert_for(f, f->duty, out.id);
    assert_non_null(seen);
    assert_int_equal(seen->priority, AC_ALERT_MEDIUM);
    /* theft of a regulated substance: medium, no buyer to screen */
    r = peroxide(NULL, NULL);
    r.kind = AC_REPORT_THEFT;
    r.indicators = 0;
    r.narrative = "Two drums missing from the locked store after a break-in.";
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    seen = alert_for(f, f->duty, out.id);
    assert_non_null(seen);
    assert_string_equal(seen->reason, "regulated substance lost or stolen");
}

/* The alert on REPORT_ID that ACTOR lists, raised FOR_HOLDER or not; NULL when none. */
static const ac_alert *
alert_kind_for(struct fixture *f, const ac_actor *actor, const char *report_id, bool for_holder)
{
    ac_alert *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_alert_list(f->t->hub, actor, P, false, 0, f->t->a, &list, &n, &err), AC_OK);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].report_id, report_id) == 0 && list[i].for_holder == for_holder) {
            return &list[i];
        }
    }
    return NULL;
}

/* The oracle attack: a user who both reports and reads alerts, in an agency that holds
 * nobody, names as the buyer a person only the Security Service holds.  The alert they
 * get is the one a buyer nobody holds gets - no agency, no score, no match, the same
 * priority and reason - but for "a partner holds a possible match and has been told". */
static void
alerts_reveal_no_holdings(void **state)
{
    struct fixture *f = *state;
    const char *ss_id = add_agency(f->t, "Security Service", AC_AGENCY_SECURITY_SERVICE);
    const ac_actor *ss = test_add_user(f->t, "ss.analyst", ss_id, AC_ROLE_ANALYST, AC_VETTING_DV);
    const ac_actor *ss_duty =
        test_add_user(f->t, "ss.duty", ss_id, AC_ROLE_DUTY_OFFICER, AC_VETTING_DV);
    const ac_actor *desk = test_add_user(f->t, "desk", f->t->ctu_id,
                                         AC_ROLE_REPORTER | AC_ROLE_DUTY_OFFICER, AC_VETTING_SC);
    ac_report held = peroxide("Olena Kovalenko", "1985-07-07"), nobody = held, quiet, out_h, out_n,
              out_q, rep;
    const ac_alert *seen_h, *seen_n, *told;
    ac_alert al_h, al_n, al;
    ac_error err = { 0 };
    size_t n = 0;

    test_add_person(f->t, ss, "Olena", "Kovalenko", "1985-07-07");
    nobody.buyer_name = "Halyna Zubrytska";
    assert_int_equal(ac_report_submit(f->t->hub, desk, P, &held, f->t->a, &out_h, &err), AC_OK);
    assert_int_equal(ac_report_submit(f->t->hub, desk, P, &nobody, f->t->a, &out_n, &err), AC_OK);
    seen_h = alert_kind_for(f, desk, out_h.id, false);
    seen_n = alert_kind_for(f, desk, out_n.id, false);
    assert_non_null(seen_h);
    assert_non_null(seen_n);
    /* nothing else on either report reaches the desk */
    assert_null(alert_kind_for(f, desk, out_h.id, true));
    assert_int_equal(seen_h->priority, seen_n->priority);
    assert_int_equal(seen_h->priority, AC_ALERT_MEDIUM); /* the report alone: regulated, 2 ind. */
    assert_string_equal(seen_h->reason, seen_n->reason);
    assert_string_equal(seen_h->deadline, seen_n->deadline);
    assert_string_equal(seen_h->routed_agency_id, seen_n->routed_agency_id);
    assert_int_equal(seen_h->escalation, seen_n->escalation);
    assert_true(seen_h->partner_told);
    assert_false(seen_n->partner_told);
    assert_int_equal(ac_alert_get(f->t->hub, desk, P, seen_h->id, f->t->a, &al_h, &rep, &err),
                     AC_OK);
    assert_int_equal(ac_alert_get(f->t->hub, desk, P, seen_n->id, f->t->a, &al_n, &rep, &err),
                     AC_OK);
    assert_int_equal(al_h.n_matches, 0); /* no agency, no score */
    assert_int_equal(al_n.n_matches, 0);
    assert_false(al_h.for_holder);
    assert_true(al_h.partner_told);
    assert_false(al_n.partner_told);

    /* the Security Service's duty desk is told, and sees the match with its explanation */
    told = alert_kind_for(f, ss_duty, out_h.id, true);
    assert_non_null(told);
    assert_string_equal(told->routed_agency_id, ss_id);
    assert_int_equal(told->priority, AC_ALERT_HIGH); /* the holder's may use the match */
    assert_false(told->partner_told);
    assert_non_null(strstr(told->reason, "a person your agency holds"));
    assert_null(alert_kind_for(f, ss_duty, out_n.id, true));
    assert_int_equal(ac_alert_get(f->t->hub, ss_duty, P, told->id, f->t->a, &al, &rep, &err),
                     AC_OK);
    assert_true(al.for_holder);
    assert_int_equal(al.n_matches, 1);
    assert_string_equal(al.matches[0].source, "person");
    assert_string_equal(al.matches[0].holder_agency, ss_id);
    assert_string_equal(al.matches[0].listed_name, "Olena Kovalenko");
    assert_non_null(al.matches[0].explanation);
    assert_true(al.matches[0].score >= 0.9);
    assert_string_equal(rep.id, out_h.id);
    /* which the desk, and every other duty officer, is told does not exist */
    assert_int_equal(ac_alert_get(f->t->hub, desk, P, told->id, f->t->a, &al, &rep, &err),
                     AC_ENOTFOUND);
    assert_int_equal(ac_alert_ack(f->t->hub, desk, P, told->id, "mine now", &err), AC_ENOTFOUND);

    /* a report that calls for no alert of its own raises none for the desk either */
    quiet = peroxide("Olena Kovalenko", "1985-07-07");
    quiet.concentration = 8.0;
    quiet.indicators = AC_IND_NERVOUS;
    assert_int_equal(ac_report_submit(f->t->hub, desk, P, &quiet, f->t->a, &out_q, &err), AC_OK);
    assert_null(alert_kind_for(f, desk, out_q.id, false));
    assert_null(alert_kind_for(f, desk, out_q.id, true));
    assert_non_null(alert_kind_for(f, ss_duty, out_q.id, true));

    /* escalation raises the holder's alert but never opens it to the others; the desk's
     * one opens when it reaches the hub's duty desk (the second tier up) */
    test_clock_ms = TEST_NOW_MS + 300 * 60000;
    assert_int_equal(ac_alerts_escalate(f->t->hub, desk, P, &n, &err), AC_OK);
    assert_true(n >= 3);
    assert_null(alert_kind_for(f, f->force, out_h.id, false)); /* at the supervisors' tier */
    test_clock_ms = TEST_NOW_MS + 600 * 60000;
    assert_int_equal(ac_alerts_escalate(f->t->hub, desk, P, &n, &err), AC_OK);
    assert_null(alert_kind_for(f, desk, out_h.id, true));
    assert_null(alert_kind_for(f, f->force, out_h.id, true));
    assert_null(alert_kind_for(f, f->force, out_q.id, true));
    assert_non_null(alert_kind_for(f, f->force, out_h.id, false)); /* the desk's one opens */
    told = alert_kind_for(f, ss_duty, out_h.id, true);
    assert_non_null(told);
    assert_true(told->escalation >= 1);
}

/* A person the duty agency itself holds is told it by its own alert, in full; the duty
 * agency's alert carries no person at all, and a person a third agency holds is never
 * shown to it. */
static void
own_persons_come_in_full_others_not_at_all(void **state)
{
    struct fixture *f = *state;
    ac_report r = peroxide("Kasia Nowakowska", "1988-05-17"), out, rep;
    const ac_alert *seen;
    ac_alert al;
    ac_error err = { 0 };

    /* the council holds one person, the CTU another of the same name */
    test_add_person(f->t, f->t->council, "Kasia", "Nowakowska", "1988-05-17");
    test_add_person(f->t, f->t->analyst, "Kasia", "Nowakowska", NULL);
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    seen = alert_kind_for(f, f->duty, out.id, false);
    assert_non_null(seen);
    assert_true(seen->partner_told);
    assert_int_equal(ac_alert_get(f->t->hub, f->duty, P, seen->id, f->t->a, &al, &rep, &err),
                     AC_OK);
    assert_int_equal(al.n_matches, 0);
    seen = alert_kind_for(f, f->duty, out.id, true);
    assert_non_null(seen);
    assert_int_equal(ac_alert_get(f->t->hub, f->duty, P, seen->id, f->t->a, &al, &rep, &err),
                     AC_OK);
    assert_int_equal(al.n_matches, 1);
    assert_string_equal(al.matches[0].source, "person");
    assert_string_equal(al.matches[0].holder_agency, f->t->ctu_id);
    assert_string_equal(al.matches[0].listed_name, "Kasia Nowakowska");
    assert_non_null(al.matches[0].explanation);
}

static int
count_entries(void *ctx, const ac_audit_entry *e)
{
    (void)e;
    (*(int *)ctx)++;
    return 0;
}

/* An alert read through a list is an access "who accessed" finds. */
static void
alert_lists_audit_the_ids_returned(void **state)
{
    struct fixture *f = *state;
    ac_report r = peroxide("PETROVSKY, Viktor", "1971-02-03"), out;
    const ac_alert *seen;
    ac_audit_query q = { NULL, NULL, NULL, 0 };
    uint64_t n = 0;
    int before = 0, after = 0;
    ac_error err = { 0 };

    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    seen = alert_for(f, f->duty, out.id); /* one list */
    assert_non_null(seen);
    q.object_id = seen->id;
    assert_int_equal(ac_audit_query_run(f->t->hub, f->t->auditor, "inspection", &q, count_entries,
                                        &before, &n, &err),
                     AC_OK);
    assert_int_equal(before, 1);
    assert_non_null(alert_for(f, f->duty, out.id)); /* a second list */
    assert_int_equal(ac_audit_query_run(f->t->hub, f->t->auditor, "inspection", &q, count_entries,
                                        &after, &n, &err),
                     AC_OK);
    assert_int_equal(after, 3); /* the first list, the auditor's query, the second list */
}

static void
lapsed_alerts_escalate_on_the_clock(void **state)
{
    struct fixture *f = *state;
    /* the listed date of birth corroborates the name: a name alone, thin in the reference,
     * is no longer a high alert (issue 17) */
    ac_report r = peroxide("Viktor Petrovskiy", "1971-02-03"), low, out, rep;
    const ac_alert *seen;
    ac_alert al;
    size_t n = 9;
    ac_error err = { 0 };

    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    r = peroxide("Samira Haddad Jones Smith", NULL); /* possible (0.83), reportable: low */
    r.concentration = 5.0;
    r.indicators = AC_IND_NERVOUS;
    assert_int_equal(submit(f, &r, &low, &err), AC_OK);
    /* before the deadline nothing lapses */
    test_clock_ms = TEST_NOW_MS + 14 * 60000;
    assert_int_equal(ac_alerts_escalate(f->t->hub, f->duty, P, &n, &err), AC_OK);
    assert_int_equal(n, 0);
    /* sixteen minutes on, the high alert lapses: up to the agency's supervisors (issue 14,
     * point 8), not yet to other agencies' duty officers */
    test_clock_ms = TEST_NOW_MS + 16 * 60000;
    assert_int_equal(ac_alerts_escalate(f->t->hub, f->duty, P, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_null(alert_for(f, f->force, out.id));
    seen = alert_for(f, f->duty, out.id);
    assert_non_null(seen);
    assert_int_equal(seen->escalation, 1);
    assert_int_equal(seen->priority, AC_ALERT_HIGH);
    assert_string_equal(seen->deadline, "2026-03-01T12:31:00.000Z");
    assert_null(alert_for(f, f->force, low.id));
    /* four hours on, the low one lapses and goes up to medium (its supervisors); the high
     * one lapsed again and reaches the hub's duty desk: every duty officer */
    test_clock_ms = TEST_NOW_MS + 241 * 60000;
    assert_int_equal(ac_alerts_escalate(f->t->hub, f->t->admin, P, &n, &err), AC_OK);
    assert_int_equal(n, 2);
    assert_null(alert_for(f, f->force, low.id));
    seen = alert_for(f, f->duty, low.id);
    assert_non_null(seen);
    assert_int_equal(seen->priority, AC_ALERT_MEDIUM);
    assert_int_equal(seen->escalation, 1);
    assert_int_equal(alert_for(f, f->force, out.id)->escalation, 2);
    /* the force acknowledges; a second acknowledgement conflicts; a note is required */
    seen = alert_for(f, f->force, out.id);
    assert_int_equal(ac_alert_ack(f->t->hub, f->force, P, seen->id, "  ", &err), AC_EINVAL);
    assert_int_equal(ac_alert_ack(f->t->hub, f->force, P, seen->id, "Officers attending", &err),
                     AC_OK);
    assert_int_equal(ac_alert_ack(f->t->hub, f->duty, P, seen->id, "Also looking", &err),
                     AC_ECONFLICT);
    assert_int_equal(ac_alert_get(f->t->hub, f->duty, P, seen->id, f->t->a, &al, &rep, &err),
                     AC_OK);
    assert_int_equal(al.status, AC_ALERT_ACKNOWLEDGED);
    assert_string_equal(al.acked_by, f->force->user_id);
    assert_string_equal(al.ack_note, "Officers attending");
    /* acknowledged alerts no longer lapse; only duty officers and admins escalate */
    test_clock_ms = TEST_NOW_MS + 600 * 60000;
    assert_int_equal(ac_alerts_escalate(f->t->hub, f->duty, P, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ac_alerts_escalate(f->t->hub, f->shop, P, &n, &err), AC_EDENIED);
}

static void
no_duty_agency_means_everyone(void **state)
{
    struct test_hub *t = test_hub_new(0);
    ac_agency g = { .name = "Shop", .kind = AC_AGENCY_PRIVATE_SECTOR, .country = "GB" };
    const char *shop_id = NULL;
    const ac_actor *shop, *duty;
    ac_report r = peroxide(NULL, NULL), out;
    ac_alert *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_agency_add(t->hub, t->admin, "test", &g, t->a, &shop_id, &err), AC_OK);
    shop = test_add_user(t, "till", shop_id, AC_ROLE_REPORTER, AC_VETTING_NONE);
    assert_int_equal(ac_report_submit(t->hub, shop, P, &r, t->a, &out, &err), AC_OK);
    /* a duty officer added afterwards still sees the unrouted alert */
    duty = test_add_user(t, "duty", t->ctu_id, AC_ROLE_DUTY_OFFICER, AC_VETTING_SC);
    assert_int_equal(ac_alert_list(t->hub, duty, P, true, 0, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_null(list[0].routed_agency_id);
    assert_int_equal(list[0].escalation, 2); /* the duty desk's tier at once */
    test_hub_free(t);
}

static void
watchlists_replace_and_refuse_bad_files(void **state)
{
    struct fixture *f = *state;
    static const char bad[] = "id,name,dob\nW9,,\n";
    static const char two[] = "id,name,dob\nZ1,Anatoly Brezhnev,\n";
    ac_watchlist_info info, *lists = NULL;
    ac_report r = peroxide("Viktor Petrovsky", NULL), out;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_watchlist_import(f->t->hub, f->t->analyst, P, "Partnership list",
                                         AC_WATCHLIST_CSV, test_write_file(1, bad, sizeof bad - 1),
                                         NULL, f->t->a, &info, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "line 2"));
    assert_int_equal(ac_watchlist_import(f->t->hub, f->shop, P, "Mine", AC_WATCHLIST_CSV,
                                         test_write_file(1, two, sizeof two - 1), NULL, f->t->a,
                                         &info, &err),
                     AC_EDENIED);
    /* the same name replaces the list: W1 is gone, so no alert by name */
    assert_int_equal(ac_watchlist_import(f->t->hub, f->duty, P, "Partnership list",
                                         AC_WATCHLIST_CSV, test_write_file(1, two, sizeof two - 1),
                                         NULL, f->t->a, &info, &err),
                     AC_OK);
    assert_int_equal(ac_watchlist_list(f->t->hub, f->t->analyst, P, f->t->a, &lists, &n, &err),
                     AC_OK);
    assert_int_equal(n, 1);
    assert_int_equal(lists[0].names, 1);
    r.indicators = AC_IND_NERVOUS;
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    assert_null(alert_for(f, f->duty, out.id));
}

/* Poisons Act 1972 s.3C (as amended by SI 2023/63): a significant disappearance or theft of
 * a reportable substance must be reported too, so it alerts (issue 14 point 3). */
static void
loss_of_a_reportable_substance_alerts(void **state)
{
    struct fixture *f = *state;
    ac_report r = peroxide(NULL, NULL), out;
    const ac_alert *seen;
    ac_error err = { 0 };

    r.kind = AC_REPORT_LOSS;
    r.substance = "acetone";
    r.concentration = 99;
    r.indicators = 0;
    r.narrative = "Twelve 5 L drums unaccounted for at the stock check.";
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    assert_int_equal(out.regime_class, AC_REGIME_REPORTABLE_PRECURSOR);
    seen = alert_for(f, f->duty, out.id);
    assert_non_null(seen);
    assert_int_equal(seen->priority, AC_ALERT_LOW);
    assert_string_equal(seen->reason, "reportable substance lost or stolen");
    /* 30% w/w ammonium nitrate is reportable (10.5% N), and its theft alerts too */
    r.kind = AC_REPORT_THEFT;
    r.substance = "ammonium nitrate";
    r.concentration = 30;
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    assert_int_equal(out.regime_class, AC_REGIME_REPORTABLE_PRECURSOR);
    assert_non_null(alert_for(f, f->duty, out.id));
    /* a substance not in the table raises nothing by itself */
    r.substance = "washing soda";
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    assert_int_equal(out.regime_class, AC_REGIME_UNRECOGNISED);
    assert_non_null(strstr(out.regime_reason, "not recognised"));
    assert_null(alert_for(f, f->duty, out.id));
}

/* s.3A: supplying a regulated substance to a member of the public without verifying a
 * licence is an offence, so a completed sale with none shown alerts. */
static void
unlicensed_sale_of_a_regulated_substance_alerts(void **state)
{
    struct fixture *f = *state;
    ac_report r = peroxide(NULL, NULL), out;
    const ac_alert *seen;
    ac_error err = { 0 };

    r.kind = AC_REPORT_TRANSACTION;
    r.sale_completed = true;
    r.indicators = 0;
    r.narrative = "Sold before the supervisor could check; no licence was asked for.";
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    seen = alert_for(f, f->duty, out.id);
    assert_non_null(seen);
    assert_int_equal(seen->priority, AC_ALERT_MEDIUM);
    assert_non_null(strstr(seen->reason, "no licence shown"));
    assert_non_null(strstr(seen->reason, "s.3A"));
    /* with the licence shown, or the sale not made, or a reportable strength: no alert */
    r.licence_shown = true;
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    assert_null(alert_for(f, f->duty, out.id));
    r.licence_shown = false;
    r.sale_completed = false;
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    assert_null(alert_for(f, f->duty, out.id));
    r.sale_completed = true;
    r.concentration = 10; /* at or below 12%: reportable, no licence needed */
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    assert_null(alert_for(f, f->duty, out.id));
}

/* The 24-hour duty: a report received more than 24 hours after it happened is flagged
 * late, on the receipt and whenever it is read. */
static void
late_report_is_flagged(void **state)
{
    struct fixture *f = *state;
    ac_report r = peroxide(NULL, NULL), out, got, *mine = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    r.occurred_at = "2026-02-28T11:59:00Z"; /* the clock is 2026-03-01T12:00:00Z */
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    assert_true(out.late);
    assert_int_equal(ac_report_get(f->t->hub, f->shop, P, out.id, f->t->a, &got, &err), AC_OK);
    assert_true(got.late);
    r.occurred_at = "2026-02-28T12:00:00Z"; /* exactly 24 hours: in time */
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    assert_false(out.late);
    assert_int_equal(ac_report_list(f->t->hub, f->shop, P, NULL, 0, f->t->a, &mine, &n, &err),
                     AC_OK);
    assert_int_equal(n, 2);
    assert_true(mine[0].late != mine[1].late);
}

/* The receipt says where the statutory report goes: the national line by default. */
static void
receipt_names_the_statutory_route(void **state)
{
    struct fixture *f = *state;
    ac_report r = peroxide(NULL, NULL), out;
    ac_error err = { 0 };

    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    assert_non_null(out.statutory_report);
    assert_non_null(strstr(out.statutory_report, "not the statutory report"));
    assert_non_null(strstr(out.statutory_report, "0800 789 321"));
    assert_non_null(strstr(out.statutory_report, "within 24 hours"));
}

static void
configure_line(ac_hub_config *cfg)
{
    ac_error err = { 0 };

    assert_int_equal(ac_hub_config_set_report_line(cfg, "", 0, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "report line"));
    assert_int_equal(ac_hub_config_set_report_line(cfg, "the regional line, 0800 000 111", 0, &err),
                     AC_OK);
}

static void
configure_designated(ac_hub_config *cfg)
{
    ac_error err = { 0 };

    assert_int_equal(ac_hub_config_set_report_line(cfg, NULL, 1, &err), AC_OK);
}

/* A partnership names its own line, or is itself designated. */
static void
receipt_route_is_configured_per_partnership(void **state)
{
    ac_report r = peroxide(NULL, NULL), out;
    ac_error err = { 0 };
    void (*configs[])(ac_hub_config *) = { configure_line, configure_designated };
    const char *says[] = { "report it to the regional line, 0800 000 111",
                           "this report is the statutory report" };

    (void)state;
    for (size_t i = 0; i < 2; i++) {
        struct test_hub *t;
        const char *shop;
        const ac_actor *till;
        ac_agency g = { .name = "Hardware Co", .kind = AC_AGENCY_PRIVATE_SECTOR, .country = "GB" };

        test_hub_configure = configs[i];
        t = test_hub_new(0);
        assert_int_equal(ac_agency_add(t->hub, t->admin, "test", &g, t->a, &shop, &err), AC_OK);
        till = test_add_user(t, "till1", shop, AC_ROLE_REPORTER, AC_VETTING_NONE);
        assert_int_equal(ac_report_submit(t->hub, till, P, &r, t->a, &out, &err), AC_OK);
        assert_non_null(strstr(out.statutory_report, says[i]));
        assert_null(strstr(out.statutory_report, "0800 789 321"));
        test_hub_free(t);
    }
}

/* "H2O2 35%" with no concentration given: hydrogen peroxide at 35%, stored so. */
static void
concentration_is_read_from_the_name(void **state)
{
    struct fixture *f = *state;
    ac_report r = peroxide(NULL, NULL), out, got;
    ac_error err = { 0 };

    r.substance = "H2O2 35%";
    r.concentration = -1;
    assert_int_equal(submit(f, &r, &out, &err), AC_OK);
    assert_int_equal(out.regime_class, AC_REGIME_REGULATED_PRECURSOR);
    assert_true(fabs(out.concentration - 35.0) < 1e-9);
    assert_int_equal(ac_report_get(f->t->hub, f->shop, P, out.id, f->t->a, &got, &err), AC_OK);
    assert_true(fabs(got.concentration - 35.0) < 1e-9);
    assert_string_equal(got.substance, "H2O2 35%");
}

static void
corrected_regime_is_in_force(void **state)
{
    struct fixture *f = *state;
    static const char table[] = "names,cas,part,limit,status,note\n"
                                "hydrogen peroxide,7722-84-1,regulated_precursor,40,confirmed,"
                                "partnership test correction\n";
    ac_report r = peroxide(NULL, NULL), out;
    ac_error err = { 0 };

    assert_int_equal(ac_regime_store(f->t->hub, f->t->analyst, P, "names,cas\nx,y,z\n", &err),
                     AC_EINVAL);
    assert_int_equal(ac_regime_store(f->t->hub, f->shop, P, table, &err), AC_EDENIED);
    assert_int_equal(ac_regime_store(f->t->hub, f->t->analyst, P, table, &err), AC_OK);
    assert_int_equal(submit(f, &r, &out, &err), AC_OK); /* 35% is now below the limit */
    assert_int_equal(out.regime_class, AC_REGIME_REPORTABLE_PRECURSOR);
    assert_non_null(strstr(out.regime_reason, "40"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(every_validation_error, setup, teardown),
        cmocka_unit_test(indicator_names_round_trip),
        cmocka_unit_test_setup_teardown(receipt_and_own_reports_only, setup, teardown),
        cmocka_unit_test_setup_teardown(strong_match_on_regulated_is_high_and_routed_to_ctu, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(priorities_follow_the_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(alerts_reveal_no_holdings, setup, teardown),
        cmocka_unit_test_setup_teardown(own_persons_come_in_full_others_not_at_all, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(alert_lists_audit_the_ids_returned, setup, teardown),
        cmocka_unit_test_setup_teardown(lapsed_alerts_escalate_on_the_clock, setup, teardown),
        cmocka_unit_test(no_duty_agency_means_everyone),
        cmocka_unit_test_setup_teardown(watchlists_replace_and_refuse_bad_files, setup, teardown),
        cmocka_unit_test_setup_teardown(corrected_regime_is_in_force, setup, teardown),
        cmocka_unit_test_setup_teardown(loss_of_a_reportable_substance_alerts, setup, teardown),
        cmocka_unit_test_setup_teardown(unlicensed_sale_of_a_regulated_substance_alerts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(late_report_is_flagged, setup, teardown),
        cmocka_unit_test_setup_teardown(receipt_names_the_statutory_route, setup, teardown),
        cmocka_unit_test(receipt_route_is_configured_per_partnership),
        cmocka_unit_test_setup_teardown(concentration_is_read_from_the_name, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
