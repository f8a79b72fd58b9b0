/* SPDX-License-Identifier: Apache-2.0
 *
 * test_core_error.c - result code names and the helpers that fill an ac_error
 * (lib/core/error.c): stable names, aci_fail, prefixes and safe truncation.
 */
#include "support.h"

#include "internal.h"

/* error: every code has its stable short name */
static void
error_code_names_are_stable(void **state)
{
    (void)state;
    assert_string_equal(ac_code_str(AC_OK), "ok");
    assert_string_equal(ac_code_str(AC_EINVAL), "invalid");
    assert_string_equal(ac_code_str(AC_ENOMEM), "too_large");
    assert_string_equal(ac_code_str(AC_ENOTFOUND), "not_found");
    assert_string_equal(ac_code_str(AC_ECONFLICT), "conflict");
    assert_string_equal(ac_code_str(AC_EDENIED), "denied");
    assert_string_equal(ac_code_str(AC_ESTORAGE), "storage");
    assert_string_equal(ac_code_str(AC_EMISUSE), "misuse");
    assert_string_equal(ac_code_str(AC_EIO), "io");
}

/* error: a code past the last known one is named "unknown", never NULL */
static void
error_unknown_code_is_named_unknown(void **state)
{
    (void)state;
    assert_string_equal(ac_code_str((ac_code)9), "unknown");
    assert_string_equal(ac_code_str((ac_code)99), "unknown");
    assert_string_equal(ac_code_str((ac_code)100000), "unknown");
}

/* error: aci_fail sets the code and the formatted message and returns the code */
static void
error_fail_fills_code_and_message(void **state)
{
    ac_error err;

    (void)state;
    memset(&err, 0, sizeof err);
    assert_int_equal(aci_fail(&err, AC_ENOTFOUND, "person %s not found (%d)", "01ABC", 7),
                     AC_ENOTFOUND);
    assert_int_equal(err.code, AC_ENOTFOUND);
    assert_string_equal(err.msg, "person 01ABC not found (7)");
}

/* error: aci_fail accepts a NULL error record and still returns the code */
static void
error_fail_accepts_null_err(void **state)
{
    (void)state;
    assert_int_equal(aci_fail(NULL, AC_EIO, "cannot read '%s'", "x.csv"), AC_EIO);
}

/* error: ac_error_clear resets to AC_OK and an empty message; NULL is a no-op */
static void
error_clear_resets_record(void **state)
{
    ac_error err;

    (void)state;
    (void)aci_fail(&err, AC_EDENIED, "no");
    ac_error_clear(&err);
    assert_int_equal(err.code, AC_OK);
    assert_string_equal(err.msg, "");
    ac_error_clear(NULL);
}

/* error: aci_error_prefix puts formatted context before the message, keeping the code */
static void
error_prefix_prepends_context(void **state)
{
    ac_error err;

    (void)state;
    (void)aci_fail(&err, AC_EINVAL, "31 February 1990 does not exist");
    aci_error_prefix(&err, "line %d: column '%s': ", 4, "dob");
    assert_int_equal(err.code, AC_EINVAL);
    assert_string_equal(err.msg, "line 4: column 'dob': 31 February 1990 does not exist");
}

/* error: aci_error_prefix with a NULL error record is a no-op */
static void
error_prefix_accepts_null_err(void **state)
{
    (void)state;
    aci_error_prefix(NULL, "line %d: ", 1);
}

/* error: a message longer than the record is cut at AC_ERROR_MSG_MAX - 1 bytes */
static void
error_long_message_is_truncated(void **state)
{
    char big[AC_ERROR_MSG_MAX * 4];
    ac_error err;

    (void)state;
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(aci_fail(&err, AC_EINVAL, "%s", big), AC_EINVAL);
    assert_int_equal(strlen(err.msg), AC_ERROR_MSG_MAX - 1);
    assert_memory_equal(err.msg, big, AC_ERROR_MSG_MAX - 1);
}

/* error: a prefix on a full message keeps the prefix and cuts the tail safely */
static void
error_long_prefix_is_truncated(void **state)
{
    char big[AC_ERROR_MSG_MAX * 2];
    ac_error err;

    (void)state;
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    (void)aci_fail(&err, AC_EINVAL, "%s", big);
    aci_error_prefix(&err, "line %d: ", 12);
    assert_int_equal(strlen(err.msg), AC_ERROR_MSG_MAX - 1);
    assert_memory_equal(err.msg, "line 12: yyy", 12);
    assert_int_equal(err.msg[AC_ERROR_MSG_MAX - 2], 'y');
}

/* error: a prefix longer than the record alone fills it, NUL-terminated */
static void
error_prefix_longer_than_record_is_truncated(void **state)
{
    char big[AC_ERROR_MSG_MAX * 2];
    ac_error err;

    (void)state;
    memset(big, 'p', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    (void)aci_fail(&err, AC_EINVAL, "reason");
    aci_error_prefix(&err, "%s", big);
    assert_int_equal(strlen(err.msg), AC_ERROR_MSG_MAX - 1);
    assert_int_equal(err.msg[0], 'p');
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(error_code_names_are_stable),
        cmocka_unit_test(error_unknown_code_is_named_unknown),
        cmocka_unit_test(error_fail_fills_code_and_message),
        cmocka_unit_test(error_fail_accepts_null_err),
        cmocka_unit_test(error_clear_resets_record),
        cmocka_unit_test(error_prefix_prepends_context),
        cmocka_unit_test(error_prefix_accepts_null_err),
        cmocka_unit_test(error_long_message_is_truncated),
        cmocka_unit_test(error_long_prefix_is_truncated),
        cmocka_unit_test(error_prefix_longer_than_record_is_truncated),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
