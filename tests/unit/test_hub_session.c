/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_session.c - passwords, sign-in, lockout, session expiry and sign-out.
 */
#include "support.h"

#include <string.h>

#include "hub/hub_int.h"
#include "store/store.h"

#include <liboath/oath.h>

#define GOOD "correct horse battery staple"

static int
setup(void **state)
{
    struct test_hub *t = test_hub_new(0);
    ac_error err = { 0 };

    const char *code = NULL;

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
session_right_password_signs_in(void **state)
{
    struct test_hub *t = *state;
    ac_session s, again;
    ac_error err = { 0 };

    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, NULL, t->a, &s, &err), AC_OK);
    assert_int_equal(strlen(s.token), 64);
    assert_string_equal(s.actor->username, "analyst");
    assert_int_equal(ac_session_resume(t->hub, s.token, t->a, &again, &err), AC_OK);
    assert_string_equal(again.actor->user_id, s.actor->user_id);
    assert_string_equal(again.csrf_token, s.csrf_token);
    /* the token itself is not stored */
    assert_int_equal(test_store_count(t, "SELECT count(*) FROM sessions WHERE "
                                         "token_hash = csrf_token"),
                     0);
}

static void
session_wrong_password_and_unknown_user_fail_alike(void **state)
{
    struct test_hub *t = *state;
    ac_session s;
    ac_error wrong = { 0 }, unknown = { 0 };

    assert_int_equal(ac_session_open(t->hub, "analyst", "not the password", NULL, t->a, &s, &wrong),
                     AC_EDENIED);
    assert_int_equal(
        ac_session_open(t->hub, "nobody", "not the password", NULL, t->a, &s, &unknown),
        AC_EDENIED);
    assert_string_equal(wrong.msg, unknown.msg);
    assert_null(s.token);
    /* a user with no password set cannot sign in at all */
    assert_int_equal(ac_session_open(t->hub, "council", "", NULL, t->a, &s, &wrong), AC_EDENIED);
}

/* Issue 13: no hard lock that a stranger could set off; a delay per (username, client),
 * the same for an unknown username as for a real one. */
static void
session_repeated_failures_delay_that_client_only(void **state)
{
    struct test_hub *t = *state;
    ac_session s;
    ac_error err = { 0 }, unknown = { 0 };
    int wait = 0, wait_unknown = 0;

    for (int i = 0; i < AC_SIGN_IN_ATTEMPTS; i++) {
        assert_int_equal(ac_session_open_from(t->hub, "10.0.0.9", "analyst", "guess guess guess",
                                              NULL, t->a, &s, &wait, &err),
                         AC_EDENIED);
        assert_int_equal(ac_session_open_from(t->hub, "10.0.0.9", "nobody", "guess guess guess",
                                              NULL, t->a, &s, &wait_unknown, &unknown),
                         AC_EDENIED);
        assert_string_equal(err.msg, unknown.msg);
        assert_int_equal(wait, 0);
    }
    /* the failure that starts the delay says how long, and what else clears it */
    assert_non_null(strstr(err.msg, "the next attempt from this address must wait 30 s"));
    assert_non_null(strstr(err.msg, "accord user unlock USERNAME"));
    /* the right password from that client must wait, unchecked */
    assert_int_equal(
        ac_session_open_from(t->hub, "10.0.0.9", "analyst", GOOD, NULL, t->a, &s, &wait, &err),
        AC_EDENIED);
    assert_int_equal(ac_session_open_from(t->hub, "10.0.0.9", "nobody", GOOD, NULL, t->a, &s,
                                          &wait_unknown, &unknown),
                     AC_EDENIED);
    assert_int_equal(wait, AC_SIGN_IN_DELAY_SECONDS);
    assert_int_equal(wait_unknown, AC_SIGN_IN_DELAY_SECONDS);
    assert_string_equal(err.msg, unknown.msg);
    /* it says what ends the lock: the wait, or an administrator's unlock (issue 14, point 10) */
    assert_non_null(strstr(err.msg, "wait 30 s and try again"));
    assert_non_null(strstr(err.msg, "accord user unlock USERNAME"));
    /* the owner elsewhere is not locked out */
    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, NULL, t->a, &s, &err), AC_OK);
    /* after the wait, one more failure doubles it */
    test_clock_ms += (AC_SIGN_IN_DELAY_SECONDS + 1) * 1000LL;
    assert_int_equal(ac_session_open_from(t->hub, "10.0.0.9", "analyst", "guess guess guess", NULL,
                                          t->a, &s, &wait, &err),
                     AC_EDENIED);
    assert_int_equal(
        ac_session_open_from(t->hub, "10.0.0.9", "analyst", GOOD, NULL, t->a, &s, &wait, &err),
        AC_EDENIED);
    assert_int_equal(wait, 2 * AC_SIGN_IN_DELAY_SECONDS);
    /* up to the cap */
    for (int i = 0; i < 8; i++) {
        test_clock_ms += (AC_SIGN_IN_DELAY_MAX + 1) * 1000LL;
        assert_int_equal(ac_session_open_from(t->hub, "10.0.0.9", "analyst", "guess guess guess",
                                              NULL, t->a, &s, &wait, &err),
                         AC_EDENIED);
    }
    assert_int_equal(
        ac_session_open_from(t->hub, "10.0.0.9", "analyst", GOOD, NULL, t->a, &s, &wait, &err),
        AC_EDENIED);
    assert_int_equal(wait, AC_SIGN_IN_DELAY_MAX);
    /* a new password clears the count (one set with an enrolment code: nobody sets
     * another's) */
    {
        const char *code = NULL;

        assert_int_equal(ac_user_enrolment_code(t->hub, t->admin, "", "analyst", t->a, &code, &err),
                         AC_OK);
        assert_int_equal(ac_user_enrol(t->hub, "analyst", code, GOOD, &err), AC_OK);
    }
    assert_int_equal(
        ac_session_open_from(t->hub, "10.0.0.9", "analyst", GOOD, NULL, t->a, &s, &wait, &err),
        AC_OK);
}

static void
session_expires_when_idle_and_at_its_limit(void **state)
{
    struct test_hub *t = *state;
    ac_session s, r;
    ac_error err = { 0 };

    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, NULL, t->a, &s, &err), AC_OK);
    test_clock_ms += (AC_SESSION_IDLE_SECONDS - 60) * 1000LL;
    assert_int_equal(ac_session_resume(t->hub, s.token, t->a, &r, &err), AC_OK);
    test_clock_ms += (AC_SESSION_IDLE_SECONDS + 60) * 1000LL;
    assert_int_equal(ac_session_resume(t->hub, s.token, t->a, &r, &err), AC_EDENIED);
    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, NULL, t->a, &s, &err), AC_OK);
    for (int i = 0; i < 2 * AC_SESSION_MAX_SECONDS / AC_SESSION_IDLE_SECONDS; i++) {
        test_clock_ms += (AC_SESSION_IDLE_SECONDS / 2) * 1000LL;
        if (ac_session_resume(t->hub, s.token, t->a, &r, &err) != AC_OK) {
            break;
        }
    }
    assert_true(test_clock_ms - TEST_NOW_MS > AC_SESSION_MAX_SECONDS * 1000LL);
    assert_int_equal(ac_session_resume(t->hub, s.token, t->a, &r, &err), AC_EDENIED);
}

static void
session_sign_out_ends_it_at_once(void **state)
{
    struct test_hub *t = *state;
    ac_session s, r;
    ac_error err = { 0 };

    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, NULL, t->a, &s, &err), AC_OK);
    assert_int_equal(ac_session_close(t->hub, s.token, &err), AC_OK);
    assert_int_equal(ac_session_resume(t->hub, s.token, t->a, &r, &err), AC_EDENIED);
    assert_int_equal(ac_session_close(t->hub, s.token, &err), AC_EDENIED);
}

/* Nobody sets another's password, an administrator included: the administrator issues a
 * one-time code the user redeems (issue 13: an administrator could set any password). */
static void
session_passwords_are_set_by_admins_or_their_owner(void **state)
{
    struct test_hub *t = *state;
    const char *code = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_user_set_password(t->hub, t->council, "", "analyst", GOOD, &err),
                     AC_EDENIED);
    assert_int_equal(ac_user_set_password(t->hub, t->admin, "", "analyst", GOOD " 3", &err),
                     AC_EDENIED);
    assert_non_null(strstr(err.msg, "enrolment-code"));
    /* an administrator of another agency issues no code for the council's users */
    assert_int_equal(ac_user_enrolment_code(t->hub, t->admin2, "", "council", t->a, &code, &err),
                     AC_EDENIED);
    assert_int_equal(
        ac_user_enrolment_code(t->hub, t->council_admin, "", "council", t->a, &code, &err), AC_OK);
    assert_int_equal(ac_user_enrol(t->hub, "council", "not the code", GOOD " 4", &err), AC_EDENIED);
    assert_int_equal(ac_user_enrol(t->hub, "council", code, GOOD " 4", &err), AC_OK);
    assert_int_equal(ac_user_enrol(t->hub, "council", code, GOOD " 5", &err), AC_EDENIED);
    assert_int_equal(ac_user_set_password(t->hub, t->council, "", "council", "short", &err),
                     AC_EINVAL);
    assert_int_equal(ac_user_set_password(t->hub, t->council, "", "council", GOOD " 2", &err),
                     AC_OK);
    assert_int_equal(test_store_count(t, "SELECT count(*) FROM users WHERE "
                                         "password_hash LIKE '$argon2id$%'"),
                     2);
}

/* The current code for the user's pending or active secret, at time AT_MS. */
static void
code_at(struct test_hub *t, const char *column, int64_t at_ms, char code[7])
{
    char sql[160];
    struct aci_stmt *st = NULL;
    unsigned char secret[20];
    bool row = false;
    const char *hex;

    snprintf(sql, sizeof sql, "SELECT %s FROM users WHERE username = 'analyst'", column);
    /* a statement per column: cached by its text's address, so keep two literals */
    assert_int_equal(aci_stmt_get(t->hub->store,
                                  strcmp(column, "totp_pending") == 0
                                      ? "SELECT totp_pending FROM users WHERE username = 'analyst'"
                                      : "SELECT totp_secret FROM users WHERE username = 'analyst'",
                                  &st, NULL),
                     AC_OK);
    assert_int_equal(aci_stmt_step(st, &row, NULL), AC_OK);
    hex = aci_stmt_col_text(st, 0);
    assert_non_null(hex);
    for (int i = 0; i < 20; i++) {
        unsigned v;

        assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
        secret[i] = (unsigned char)v;
    }
    aci_stmt_done(st);
    assert_int_equal(oath_init(), OATH_OK);
    assert_int_equal(oath_totp_generate((const char *)secret, sizeof secret, (time_t)(at_ms / 1000),
                                        30, 0, 6, code),
                     OATH_OK);
}

static void
session_second_factor_is_enrolled_then_required(void **state)
{
    struct test_hub *t = *state;
    const char *secret = NULL, *uri = NULL, *svg = NULL;
    char code[7];
    ac_session s;
    ac_error err = { 0 };

    /* a session alone cannot enrol: the password is needed */
    assert_int_equal(ac_totp_enrol(t->hub, t->analyst, "", "wrong password!", NULL, t->a, &secret,
                                   &uri, &svg, &err),
                     AC_EDENIED);
    assert_int_equal(
        ac_totp_enrol(t->hub, t->analyst, "", GOOD, NULL, t->a, &secret, &uri, &svg, &err), AC_OK);
    assert_int_equal(strlen(secret), 32);
    assert_non_null(strstr(uri, "otpauth://totp/accord:analyst?secret="));
    assert_non_null(strstr(svg, "<svg"));
    /* until confirmed, signing in needs no code */
    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, NULL, t->a, &s, &err), AC_OK);
    assert_int_equal(ac_totp_confirm(t->hub, t->analyst, "", "000000", &err), AC_EINVAL);
    code_at(t, "totp_pending", test_clock_ms, code);
    assert_int_equal(ac_totp_confirm(t->hub, t->analyst, "", code, &err), AC_OK);
    assert_int_equal(ac_totp_confirm(t->hub, t->analyst, "", code, &err), AC_ECONFLICT);
    /* now a code is needed, once only */
    test_clock_ms += 30000;
    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, NULL, t->a, &s, &err), AC_EDENIED);
    assert_non_null(strstr(err.msg, "one-time code"));
    code_at(t, "totp_secret", test_clock_ms, code);
    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, "123456", t->a, &s, &err),
                     strcmp(code, "123456") == 0 ? AC_OK : AC_EDENIED);
    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, code, t->a, &s, &err), AC_OK);
    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, code, t->a, &s, &err), AC_EDENIED);
    assert_non_null(strstr(err.msg, "already used"));
    test_clock_ms += 30000;
    code_at(t, "totp_secret", test_clock_ms, code);
    assert_int_equal(ac_session_open(t->hub, "analyst", GOOD, code, t->a, &s, &err), AC_OK);
    /* the right code with the wrong password is still refused */
    test_clock_ms += 30000;
    code_at(t, "totp_secret", test_clock_ms, code);
    assert_int_equal(ac_session_open(t->hub, "analyst", "wrong password!", code, t->a, &s, &err),
                     AC_EDENIED);
    /* replacing the factor needs the password and the current code */
    test_clock_ms += 30000;
    code_at(t, "totp_secret", test_clock_ms, code);
    assert_int_equal(
        ac_totp_enrol(t->hub, t->analyst, "", GOOD, NULL, t->a, &secret, &uri, &svg, &err),
        AC_EDENIED);
    assert_non_null(strstr(err.msg, "one-time code"));
    assert_int_equal(ac_totp_enrol(t->hub, t->analyst, "", "wrong password!", code, t->a, &secret,
                                   &uri, &svg, &err),
                     AC_EDENIED);
    assert_int_equal(
        ac_totp_enrol(t->hub, t->analyst, "", GOOD, code, t->a, &secret, &uri, &svg, &err), AC_OK);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(session_right_password_signs_in, setup, teardown),
        cmocka_unit_test_setup_teardown(session_wrong_password_and_unknown_user_fail_alike, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(session_repeated_failures_delay_that_client_only, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(session_expires_when_idle_and_at_its_limit, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(session_sign_out_ends_it_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(session_passwords_are_set_by_admins_or_their_owner, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(session_second_factor_is_enrolled_then_required, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
