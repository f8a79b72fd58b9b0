/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_accounts.c - the accounts' administrators suspend, reactivate and unlock them,
 * and everyone lists the API tokens they may manage (issue 13): a suspension stops the
 * user's sessions and tokens at once, another agency's administrator cannot suspend,
 * reactivation does not bypass a grant that waits, a token list never shows another
 * person's tokens, and unlocking clears the sign-in delay.
 */
#include "support.h"

#include <string.h>

#include "accord/session.h"

#define GOOD    "correct horse battery staple"
#define EXPIRES "2026-06-01T00:00:00Z"

static int
setup(void **state)
{
    struct test_hub *t = test_hub_new(0);
    const char *code = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_user_enrolment_code(t->hub, t->admin, "", "analyst", t->a, &code, &err),
                     AC_OK);
    assert_int_equal(ac_user_enrol(t->hub, "analyst", code, GOOD, &err), AC_OK);
    *state = t;
    return 0;
}

static int
teardown(void **state)
{
    test_hub_free(*state);
    return 0;
}

static void
accounts_suspension_stops_sessions_and_tokens_at_once(void **state)
{
    struct test_hub *t = *state;
    const char *id = NULL, *secret = NULL;
    ac_token_info *list = NULL;
    size_t n = 0;
    ac_session s, again;
    ac_error err = { 0 };

    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, NULL, t->a, &s, &err), AC_OK);
    assert_int_equal(ac_token_create(t->hub, t->analyst, "", "analyst", "persons:read", EXPIRES,
                                     t->a, &id, &secret, &err),
                     AC_OK);
    assert_int_equal(ac_token_resume(t->hub, secret, t->a, &again, &err), AC_OK);
    assert_int_equal(ac_user_set_status(t->hub, t->admin, "", "analyst", AC_USER_SUSPENDED, &err),
                     AC_OK);
    /* at once: the session, the token, and an actor already loaded */
    assert_int_equal(ac_session_resume(t->hub, s.token, t->a, &again, &err), AC_EDENIED);
    assert_int_equal(ac_token_resume(t->hub, secret, t->a, &again, &err), AC_EDENIED);
    assert_int_equal(ac_token_list(t->hub, t->analyst, "", t->a, &list, &n, &err), AC_EDENIED);
    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, NULL, t->a, &again, &err),
                     AC_EDENIED);
    /* reactivated, the same session and token work again */
    assert_int_equal(ac_user_set_status(t->hub, t->admin, "", "analyst", AC_USER_ACTIVE, &err),
                     AC_OK);
    assert_int_equal(ac_session_resume(t->hub, s.token, t->a, &again, &err), AC_OK);
    assert_int_equal(ac_token_resume(t->hub, secret, t->a, &again, &err), AC_OK);
}

static void
accounts_only_the_managing_administrators_suspend(void **state)
{
    struct test_hub *t = *state;
    ac_session s;
    ac_error err = { 0 };

    /* another agency's administrator */
    assert_int_equal(
        ac_user_set_status(t->hub, t->council_admin, "", "analyst", AC_USER_SUSPENDED, &err),
        AC_EDENIED);
    /* the hub's administrators do not manage another agency's staff */
    assert_int_equal(ac_user_set_status(t->hub, t->admin, "", "council", AC_USER_SUSPENDED, &err),
                     AC_EDENIED);
    /* not an administrator at all */
    assert_int_equal(
        ac_user_set_status(t->hub, t->analyst, "", "unvetted", AC_USER_SUSPENDED, &err),
        AC_EDENIED);
    /* nobody suspends themselves (the hub could lose its last administrator) */
    assert_int_equal(ac_user_set_status(t->hub, t->admin, "", "admin", AC_USER_SUSPENDED, &err),
                     AC_EDENIED);
    assert_non_null(strstr(err.msg, "your own account"));
    assert_int_equal(ac_user_set_status(t->hub, t->admin, "", "nobody", AC_USER_SUSPENDED, &err),
                     AC_ENOTFOUND);
    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, NULL, t->a, &s, &err), AC_OK);
    /* the agency's own administrator may; the hub's suspend an agency's administrator */
    assert_int_equal(
        ac_user_set_status(t->hub, t->council_admin, "", "council", AC_USER_SUSPENDED, &err),
        AC_OK);
    assert_int_equal(ac_user_set_status(t->hub, t->admin, "", t->council_admin->user_id,
                                        AC_USER_SUSPENDED, &err),
                     AC_OK);
    assert_int_equal(ac_user_set_status(t->hub, t->admin, "", "council", AC_USER_DISABLED, &err),
                     AC_EINVAL);
}

static void
accounts_reactivation_does_not_bypass_a_waiting_grant(void **state)
{
    struct test_hub *t = *state;
    ac_user u = { NULL,           NULL, "c.new", NULL, AC_VETTING_BPSS, AC_ROLE_CASEWORKER,
                  AC_USER_ACTIVE, NULL };
    const char *id = NULL;
    const ac_actor *who = NULL;
    ac_error err = { 0 };

    u.agency_id = t->council_id;
    assert_int_equal(ac_user_add(t->hub, t->council_admin, "", &u, t->a, &id, &err), AC_OK);
    assert_int_equal(ac_hub_actor(t->hub, "c.new", t->a, &who, &err), AC_EDENIED);
    assert_int_equal(
        ac_user_set_status(t->hub, t->council_admin, "", "c.new", AC_USER_ACTIVE, &err),
        AC_ECONFLICT);
    assert_non_null(strstr(err.msg, "second administrator"));
    assert_int_equal(ac_hub_actor(t->hub, "c.new", t->a, &who, &err), AC_EDENIED);
    /* suspending it again is allowed: it takes no power */
    assert_int_equal(
        ac_user_set_status(t->hub, t->council_admin, "", "c.new", AC_USER_SUSPENDED, &err), AC_OK);
}

static bool
listed(const ac_token_info *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].id, id) == 0) {
            return true;
        }
    }
    return false;
}

static void
accounts_token_list_shows_own_never_another_persons(void **state)
{
    struct test_hub *t = *state;
    ac_user till = { NULL,           NULL, "ctu.till", NULL, AC_VETTING_NONE, AC_ROLE_REPORTER,
                     AC_USER_ACTIVE, NULL };
    const char *mine = NULL, *theirs = NULL, *service = NULL, *own_admin = NULL, *secret = NULL;
    const char *id = NULL;
    ac_token_info *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    till.agency_id = t->ctu_id;
    assert_int_equal(ac_service_account_add(t->hub, t->admin, "", &till, t->a, &id, &err), AC_OK);
    assert_int_equal(ac_token_create(t->hub, t->analyst, "", "analyst", "persons:read", EXPIRES,
                                     t->a, &mine, &secret, &err),
                     AC_OK);
    assert_int_equal(ac_token_create(t->hub, t->council, "", "council", "cases:read", EXPIRES, t->a,
                                     &theirs, &secret, &err),
                     AC_OK);
    assert_int_equal(ac_token_create(t->hub, t->admin, "", "ctu.till", "reports:submit", EXPIRES,
                                     t->a, &service, &secret, &err),
                     AC_OK);
    assert_int_equal(ac_token_create(t->hub, t->admin, "", "admin", "agencies:read", EXPIRES, t->a,
                                     &own_admin, &secret, &err),
                     AC_OK);
    assert_int_equal(ac_token_revoke(t->hub, t->analyst, "", mine, &err), AC_OK);

    assert_int_equal(ac_token_list(t->hub, t->analyst, "", t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].id, mine);
    assert_string_equal(list[0].username, "analyst");
    assert_string_equal(list[0].scopes, "persons:read");
    assert_string_equal(list[0].created_by, t->analyst->user_id);
    assert_non_null(list[0].revoked_at);
    /* the administrator: their own and their agency's service account's, not the analyst's */
    assert_int_equal(ac_token_list(t->hub, t->admin, "", t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 2);
    assert_true(listed(list, n, service));
    assert_true(listed(list, n, own_admin));
    assert_false(listed(list, n, mine));
    assert_null(list[0].revoked_at);
    /* another agency's administrator sees none of these */
    assert_int_equal(ac_token_list(t->hub, t->council_admin, "", t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 0);
    assert_int_equal(ac_token_list(t->hub, t->council, "", t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].id, theirs);
}

static void
accounts_unlock_clears_the_sign_in_delay(void **state)
{
    struct test_hub *t = *state;
    ac_session s;
    ac_error err = { 0 };
    int wait = 0;

    for (int i = 0; i < AC_SIGN_IN_ATTEMPTS; i++) {
        assert_int_equal(ac_session_open_from(t->hub, "10.0.0.9", "analyst", "guess guess guess",
                                              NULL, t->a, &s, &wait, &err),
                         AC_EDENIED);
    }
    assert_int_equal(
        ac_session_open_from(t->hub, "10.0.0.9", "analyst", GOOD, NULL, t->a, &s, &wait, &err),
        AC_EDENIED);
    assert_int_equal(wait, AC_SIGN_IN_DELAY_SECONDS);
    /* another agency's administrator cannot unlock it */
    assert_int_equal(ac_user_unlock(t->hub, t->council_admin, "", "analyst", &err), AC_EDENIED);
    assert_int_equal(
        ac_session_open_from(t->hub, "10.0.0.9", "analyst", GOOD, NULL, t->a, &s, &wait, &err),
        AC_EDENIED);
    assert_int_equal(ac_user_unlock(t->hub, t->admin, "", "analyst", &err), AC_OK);
    assert_int_equal(
        ac_session_open_from(t->hub, "10.0.0.9", "analyst", GOOD, NULL, t->a, &s, &wait, &err),
        AC_OK);
    assert_int_equal(wait, 0);
}

/* Power added to an existing account (a content role, SC or DV, another agency) waits for a
 * second administrator; power taken away applies at once (issue 13: moving a user between
 * agencies, or granting DV, alone). */
static void
accounts_changes_that_add_power_wait_for_a_second_administrator(void **state)
{
    struct test_hub *t = *state;
    const char *grant = NULL;
    const ac_actor *a = NULL;
    ac_error err = { 0 };

    /* DV for the CTU analyst, asked by the CTU's administrator: waits */
    assert_int_equal(ac_user_grant(t->hub, t->admin, "", "analyst", AC_ROLE_ANALYST, AC_VETTING_DV,
                                   NULL, t->a, &grant, &err),
                     AC_OK);
    assert_non_null(grant);
    assert_int_equal(ac_hub_actor(t->hub, "analyst", t->a, &a, &err), AC_OK);
    assert_int_equal(a->vetting, AC_VETTING_SC); /* nothing yet */
    assert_int_equal(ac_grant_decide(t->hub, t->admin, "", grant, 1, &err), AC_EDENIED);
    assert_int_equal(ac_grant_decide(t->hub, t->admin2, "", grant, 1, &err), AC_OK);
    assert_int_equal(ac_hub_actor(t->hub, "analyst", t->a, &a, &err), AC_OK);
    assert_int_equal(a->vetting, AC_VETTING_DV);
    /* another agency's administrator changes nothing */
    assert_int_equal(ac_user_grant(t->hub, t->council_admin, "", "analyst",
                                   AC_ROLE_ANALYST | AC_ROLE_CASEWORKER, AC_VETTING_DV, NULL, t->a,
                                   &grant, &err),
                     AC_EDENIED);
    /* a move to the council waits too, even with no new role */
    assert_int_equal(ac_user_grant(t->hub, t->admin, "", "analyst", AC_ROLE_ANALYST, AC_VETTING_DV,
                                   t->council_id, t->a, &grant, &err),
                     AC_OK);
    assert_non_null(grant);
    assert_int_equal(ac_grant_decide(t->hub, t->admin2, "", grant, 0, &err), AC_OK);
    /* taking power away applies at once */
    assert_int_equal(ac_user_grant(t->hub, t->admin, "", "analyst", AC_ROLE_ANALYST,
                                   AC_VETTING_BPSS, NULL, t->a, &grant, &err),
                     AC_OK);
    assert_null(grant);
    assert_int_equal(ac_hub_actor(t->hub, "analyst", t->a, &a, &err), AC_OK);
    assert_int_equal(a->vetting, AC_VETTING_BPSS);
    assert_string_equal(a->agency_id, t->ctu_id);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(accounts_suspension_stops_sessions_and_tokens_at_once,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(accounts_only_the_managing_administrators_suspend, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(accounts_reactivation_does_not_bypass_a_waiting_grant,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(accounts_token_list_shows_own_never_another_persons, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(accounts_unlock_clears_the_sign_in_delay, setup, teardown),
        cmocka_unit_test_setup_teardown(
            accounts_changes_that_add_power_wait_for_a_second_administrator, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
