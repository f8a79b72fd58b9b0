/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_notify.c - what runs by itself (notify.h, issue 14 point 8), on chosen times
 * through ac_hub_tick: a lapsed alert climbs from its agency's duty officers to its
 * supervisors and then to the hub's duty desk, each tier notified once by e-mail with a
 * reference and a link and no personal data; every escalation and send is audited; a
 * tick with nothing due writes nothing; checkpoints at most hourly; addresses checked.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#define P "suspicious purchase triage"

struct fixture {
    struct test_hub *t;
    const char *force_id;
    const ac_actor *shop, *duty, *sup, *force, *analyst2;
};

/* What the fake mail server received. */
#define SENT_MAX 16
struct outbox {
    int n;
    char to[SENT_MAX][64];
    char body[SENT_MAX][1024];
    char subject[SENT_MAX][160];
    bool refuse; /* fail every send */
};

static int
capture(void *ctx, const ac_mail *m, char *why, size_t why_len)
{
    struct outbox *o = ctx;

    if (o->refuse) {
        snprintf(why, why_len, "550 mailbox unavailable");
        return 1;
    }
    assert_true(o->n < SENT_MAX);
    snprintf(o->to[o->n], sizeof o->to[0], "%s", m->to);
    snprintf(o->body[o->n], sizeof o->body[0], "%s", m->body);
    snprintf(o->subject[o->n], sizeof o->subject[0], "%s", m->subject);
    o->n++;
    return 0;
}

static bool
sent_to(const struct outbox *o, const char *to)
{
    for (int i = 0; i < o->n; i++) {
        if (strcmp(o->to[i], to) == 0) {
            return true;
        }
    }
    return false;
}

static void
contact(const struct fixture *f,
        const ac_actor *admin,
        const char *user,
        const char *email,
        int supervisor)
{
    ac_error err = { 0 };
    ac_code rc = ac_user_contact_set(f->t->hub, admin, NULL, user, email, supervisor, &err);

    if (rc != AC_OK) {
        print_message("contact %s: %s\n", user, err.msg);
    }
    assert_int_equal(rc, AC_OK);
}

static const char list_csv[] = "id,name,dob\nW1,Viktor Petrovsky,1971-02-03\n";

static int
setup(void **state)
{
    struct fixture *f = test_calloc(1, sizeof *f);
    ac_agency shop = { .name = "Hardware Co", .kind = AC_AGENCY_PRIVATE_SECTOR, .country = "GB" };
    ac_agency force = { .name = "West Midlands Police",
                        .kind = AC_AGENCY_POLICE_FORCE,
                        .country = "GB" };
    const char *shop_id = NULL;
    const ac_actor *wmp_admin;
    ac_watchlist_info info;
    ac_error err = { 0 };

    f->t = test_hub_new(0);
    assert_int_equal(ac_agency_add(f->t->hub, f->t->admin, "test", &shop, f->t->a, &shop_id, &err),
                     AC_OK);
    assert_int_equal(
        ac_agency_add(f->t->hub, f->t->admin, "test", &force, f->t->a, &f->force_id, &err), AC_OK);
    f->shop = test_add_user(f->t, "till1", shop_id, AC_ROLE_REPORTER, AC_VETTING_NONE);
    f->duty = test_add_user(f->t, "duty", f->t->ctu_id, AC_ROLE_DUTY_OFFICER, AC_VETTING_SC);
    f->sup = test_add_user(f->t, "duty.sup", f->t->ctu_id, AC_ROLE_DUTY_OFFICER, AC_VETTING_SC);
    f->force = test_add_user(f->t, "wmp.duty", f->force_id, AC_ROLE_DUTY_OFFICER, AC_VETTING_SC);
    wmp_admin = test_add_user(f->t, "wmp.admin", f->force_id, AC_ROLE_ADMIN, AC_VETTING_BPSS);
    contact(f, f->t->admin, "duty", "duty@ctu.example.gov.uk", 0);
    contact(f, f->t->admin, "duty.sup", "sup@ctu.example.gov.uk", 1);
    contact(f, wmp_admin, "wmp.duty", "desk@wmp.example.police.uk", 0);
    contact(f, f->t->admin, "analyst", "analyst@ctu.example.gov.uk", 0); /* never told */
    assert_int_equal(ac_watchlist_import(f->t->hub, f->t->analyst, P, "Partnership list",
                                         AC_WATCHLIST_CSV,
                                         test_write_file(0, list_csv, sizeof list_csv - 1), NULL,
                                         f->t->a, &info, &err),
                     AC_OK);
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

/* A high-priority report (hydrogen peroxide at 35%, cash, nervous) by a named buyer. */
static const char *
submit_high(struct fixture *f)
{
    ac_report r = { .kind = AC_REPORT_ATTEMPT,
                    .occurred_at = "2026-03-01T11:30:00Z",
                    .product = "Pool Shock Plus",
                    .substance = "hydrogen peroxide",
                    .concentration = 35.0,
                    .quantity = "4 x 5 L",
                    .payment = AC_PAYMENT_CASH,
                    .buyer_name = "Viktor Petrovsky",
                    /* the listed date: a name alone is no high alert (issue 17) */
                    .buyer_dob = "1971-02-03",
                    .indicators = AC_IND_NERVOUS | AC_IND_INSISTS_ON_CASH,
                    .narrative = "Asked twice whether a licence was really needed." },
              out;
    ac_alert *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_report_submit(f->t->hub, f->shop, P, &r, f->t->a, &out, &err), AC_OK);
    assert_int_equal(ac_alert_list(f->t->hub, f->duty, P, true, 0, f->t->a, &list, &n, &err),
                     AC_OK);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].priority, AC_ALERT_HIGH);
    return list[0].id;
}

static void
send_all(struct fixture *f, struct outbox *o, size_t want_sent)
{
    size_t sent = 9, failed = 9;
    ac_error err = { 0 };

    memset(o->to, 0, sizeof o->to);
    o->n = 0;
    assert_int_equal(ac_hub_notify_send(f->t->hub, "https://hub.example/api/v1", capture, o, &sent,
                                        &failed, &err),
                     AC_OK);
    assert_int_equal(failed, 0);
    assert_int_equal(sent, want_sent);
    assert_int_equal(o->n, (int)want_sent);
}

static void
tick_at(struct fixture *f, int minutes, ac_tick_result *res)
{
    ac_error err = { 0 };

    test_clock_ms = TEST_NOW_MS + (int64_t)minutes * 60000;
    assert_int_equal(ac_hub_tick(f->t->hub, test_clock_ms, res, &err), AC_OK);
}

/* issue 14, point 8: nothing waits for someone to list alerts, and an escalated alert goes
 * to a wider audience (supervisors, then the duty desk) with the users told */
static void
tick_climbs_the_tiers_and_tells_each(void **state)
{
    struct fixture *f = *state;
    const char *id = submit_high(f);
    struct outbox o = { 0 };
    ac_tick_result res;
    ac_alert *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    /* raised: the routed agency's duty officers (the supervisor is one) are told */
    send_all(f, &o, 2);
    assert_true(sent_to(&o, "duty@ctu.example.gov.uk"));
    assert_true(sent_to(&o, "sup@ctu.example.gov.uk"));
    assert_non_null(strstr(o.body[0], id));
    assert_non_null(strstr(o.body[0], "https://hub.example/api/v1/alerts/"));
    assert_null(strstr(o.body[0], "Viktor"));
    assert_null(strstr(o.subject[0], "Viktor"));
    assert_null(strstr(o.body[0], "Petrovsky"));
    send_all(f, &o, 0); /* each once */

    /* before the deadline (15 minutes for high) nothing moves */
    tick_at(f, 14, &res);
    assert_int_equal(res.alerts_escalated, 0);
    /* lapsed: its supervisors, not the other agencies' duty officers */
    tick_at(f, 16, &res);
    assert_int_equal(res.alerts_escalated, 1);
    assert_int_equal(res.notifications_queued, 1);
    send_all(f, &o, 1);
    assert_string_equal(o.to[0], "sup@ctu.example.gov.uk");
    assert_non_null(strstr(o.body[0], "supervisors"));
    assert_int_equal(ac_alert_list(f->t->hub, f->force, P, true, 0, f->t->a, &list, &n, &err),
                     AC_OK);
    assert_int_equal(n, 0);
    /* lapsed again: the hub's duty desk, every duty officer, the force's too */
    tick_at(f, 32, &res);
    assert_int_equal(res.alerts_escalated, 1);
    assert_int_equal(res.notifications_queued, 3);
    send_all(f, &o, 3);
    assert_true(sent_to(&o, "desk@wmp.example.police.uk"));
    assert_false(sent_to(&o, "analyst@ctu.example.gov.uk"));
    assert_non_null(strstr(o.body[0], "duty desk"));
    assert_int_equal(ac_alert_list(f->t->hub, f->force, P, true, 0, f->t->a, &list, &n, &err),
                     AC_OK);
    assert_int_equal(n, 1);
    /* acknowledged: it lapses no more */
    assert_int_equal(ac_alert_ack(f->t->hub, f->force, P, id, "Officers attending", &err), AC_OK);
    tick_at(f, 120, &res);
    assert_int_equal(res.alerts_escalated, 0);
    assert_int_equal(res.notifications_queued, 0);
}

/* every escalation and every send is one audit entry; a tick with nothing due none */
static void
tick_and_sends_are_audited(void **state)
{
    struct fixture *f = *state;
    struct outbox o = { 0 };
    ac_tick_result res;
    int64_t before;

    before = test_count_audit(f->t);
    tick_at(f, 1, &res); /* the first tick starts the checkpoint's hour */
    assert_int_equal(res.checkpoint_size, 0);
    assert_int_equal(test_count_audit(f->t), before + 1); /* the count's own entry only */
    before = test_count_audit(f->t);
    tick_at(f, 2, &res);
    assert_int_equal(res.checkpoint_size, 0);
    assert_int_equal(test_count_audit(f->t), before + 1); /* the count's own entry only */

    (void)submit_high(f);
    send_all(f, &o, 2);
    before = test_count_audit(f->t);
    tick_at(f, 20, &res); /* raised at minute 2, lapsed at 17 */
    assert_int_equal(res.alerts_escalated, 1);
    assert_int_equal(test_count_audit(f->t), before + 2); /* the escalation; the count */
    before = test_count_audit(f->t);
    send_all(f, &o, 1);
    assert_int_equal(test_count_audit(f->t), before + 2); /* the send; the count */
}

/* a refused message stays queued and is tried again, at most five times */
static void
refused_sends_are_retried(void **state)
{
    struct fixture *f = *state;
    struct outbox o = { .refuse = true };
    size_t sent = 9, failed = 9;
    ac_error err = { 0 };

    (void)submit_high(f);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(
            ac_hub_notify_send(f->t->hub, "https://hub.example", capture, &o, &sent, &failed, &err),
            AC_OK);
        assert_int_equal(sent, 0);
        assert_int_equal(failed, 2);
    }
    o.refuse = false;
    send_all(f, &o, 0); /* given up after five tries */
}

static void
checkpoints_at_most_hourly(void **state)
{
    struct fixture *f = *state;
    ac_tick_result res;

    tick_at(f, 0, &res);
    assert_int_equal(res.checkpoint_size, 0); /* starting signs nothing */
    (void)test_add_user(f->t, "duty.new", f->t->ctu_id, AC_ROLE_DUTY_OFFICER, AC_VETTING_SC);
    tick_at(f, 30, &res);
    assert_int_equal(res.checkpoint_size, 0); /* within the hour */
    tick_at(f, 61, &res);
    assert_true(res.checkpoint_size > 0); /* the log grew */
    tick_at(f, 125, &res);
    assert_int_equal(res.checkpoint_size, 0); /* it did not, but for the checkpoint's entry */
}

static void
contact_refuses_bad_input(void **state)
{
    struct fixture *f = *state;
    ac_error err = { 0 };

    assert_int_equal(
        ac_user_contact_set(f->t->hub, f->t->admin, NULL, "duty", "no-at-sign", 0, &err),
        AC_EINVAL);
    assert_non_null(strstr(err.msg, "email"));
    assert_int_equal(ac_user_contact_set(f->t->hub, f->t->admin, NULL, "duty", "a b@x.uk", 0, &err),
                     AC_EINVAL);
    assert_int_equal(ac_user_contact_set(f->t->hub, f->t->admin, NULL, "analyst",
                                         "analyst@ctu.example.gov.uk", 1, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "supervisor"));
    assert_non_null(strstr(err.msg, "duty_officer"));
    assert_int_equal(ac_user_contact_set(f->t->hub, f->t->admin, NULL, "nobody", "a@b.uk", 0, &err),
                     AC_ENOTFOUND);
    /* only an administrator who manages the account */
    assert_int_equal(ac_user_contact_set(f->t->hub, f->duty, NULL, "duty", "a@b.uk", 0, &err),
                     AC_EDENIED);
}

/* Nobody runs the scheduler ahead of the hub's clock to escalate alerts early: a tick
 * later than the clock is refused and changes nothing. */
static void
tick_never_runs_ahead_of_the_clock(void **state)
{
    struct fixture *f = *state;
    const char *id = submit_high(f);
    ac_tick_result res;
    ac_error err = { 0 };

    assert_non_null(id);
    assert_int_equal(ac_hub_tick(f->t->hub, TEST_NOW_MS + 600 * 60000LL, &res, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "never ahead of its clock"));
    assert_int_equal(res.alerts_escalated, 0);
    tick_at(f, 0, &res);
    assert_int_equal(res.alerts_escalated, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(tick_climbs_the_tiers_and_tells_each, setup, teardown),
        cmocka_unit_test_setup_teardown(tick_and_sends_are_audited, setup, teardown),
        cmocka_unit_test_setup_teardown(refused_sends_are_retried, setup, teardown),
        cmocka_unit_test_setup_teardown(checkpoints_at_most_hourly, setup, teardown),
        cmocka_unit_test_setup_teardown(contact_refuses_bad_input, setup, teardown),
        cmocka_unit_test_setup_teardown(tick_never_runs_ahead_of_the_clock, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
