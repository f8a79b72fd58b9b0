/* SPDX-License-Identifier: Apache-2.0
 *
 * test_core_date.c - partial calendar dates and UTC timestamps (lib/core/date.c): every
 * accepted input form, the rejections and their messages, formatting and arithmetic.
 */
#include "support.h"

#include <string.h>

/* Parse S, expecting success; return the canonical text in BUF. */
static const char *
canon(const char *s, char buf[AC_DATE_TEXT_MAX])
{
    ac_date d;
    ac_error err = { 0 };

    assert_int_equal(ac_date_parse(s, &d, &err), AC_OK);
    return ac_date_format(&d, buf);
}

/* Parse S, expecting AC_EINVAL with a message containing WANT and a zeroed date. */
static void
expect_rejected(const char *s, const char *want)
{
    ac_date d;
    ac_error err = { 0 };

    memset(&d, 0x5a, sizeof d);
    assert_int_equal(ac_date_parse(s, &d, &err), AC_EINVAL);
    assert_int_equal(err.code, AC_EINVAL);
    if (strstr(err.msg, want) == NULL) {
        fail_msg("'%s': message '%s' does not contain '%s'", s, err.msg, want);
    }
    assert_int_equal(d.year, 0);
    assert_int_equal(d.month, 0);
    assert_int_equal(d.day, 0);
    assert_int_equal(d.precision, AC_DATE_NONE);
}

/* date: a four-digit year parses to year precision */
static void
date_parses_year(void **state)
{
    ac_date d;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_date_parse("1985", &d, &err), AC_OK);
    assert_int_equal(d.year, 1985);
    assert_int_equal(d.month, 0);
    assert_int_equal(d.day, 0);
    assert_int_equal(d.precision, AC_DATE_YEAR);
}

/* date: YYYY-MM parses to month precision */
static void
date_parses_year_month(void **state)
{
    ac_date d;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_date_parse("1985-03", &d, &err), AC_OK);
    assert_int_equal(d.year, 1985);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 0);
    assert_int_equal(d.precision, AC_DATE_MONTH);
}

/* date: YYYY-MM-DD parses to day precision */
static void
date_parses_iso_date(void **state)
{
    ac_date d;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_date_parse("1985-03-07", &d, &err), AC_OK);
    assert_int_equal(d.year, 1985);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 7);
    assert_int_equal(d.precision, AC_DATE_DAY);
}

/* date: an ISO date-time keeps the date part and ignores the time */
static void
date_parses_iso_date_time(void **state)
{
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    assert_string_equal(canon("1985-03-07T23:59:59Z", buf), "1985-03-07");
    assert_string_equal(canon("2026-03-01T12:00:00.000+01:00", buf), "2026-03-01");
}

/* date: compact YYYYMMDD parses */
static void
date_parses_compact(void **state)
{
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    assert_string_equal(canon("19850307", buf), "1985-03-07");
}

/* date: British DD/MM/YYYY parses day first */
static void
date_parses_british_slash(void **state)
{
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    assert_string_equal(canon("07/03/1985", buf), "1985-03-07");
    assert_string_equal(canon("31/12/1999", buf), "1999-12-31");
}

/* date: DD-MM-YYYY parses day first */
static void
date_parses_british_dash(void **state)
{
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    assert_string_equal(canon("07-03-1985", buf), "1985-03-07");
}

/* date: DD.MM.YYYY parses day first */
static void
date_parses_british_dot(void **state)
{
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    assert_string_equal(canon("07.03.1985", buf), "1985-03-07");
}

/* date: MM/YYYY parses to month precision */
static void
date_parses_month_slash_year(void **state)
{
    ac_date d;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_date_parse("03/1985", &d, &err), AC_OK);
    assert_int_equal(d.year, 1985);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.precision, AC_DATE_MONTH);
}

/* date: spaces around the text are ignored */
static void
date_ignores_surrounding_spaces(void **state)
{
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    assert_string_equal(canon("  1985-03-07  ", buf), "1985-03-07");
    assert_string_equal(canon(" 1985", buf), "1985");
    assert_string_equal(canon("07/03/1985 ", buf), "1985-03-07");
}

/* date: empty or blank text is no date, not an error */
static void
date_empty_is_none(void **state)
{
    ac_date d;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_date_parse("", &d, &err), AC_OK);
    assert_int_equal(d.precision, AC_DATE_NONE);
    assert_int_equal(d.year, 0);
    assert_int_equal(ac_date_parse("   ", &d, &err), AC_OK);
    assert_int_equal(d.precision, AC_DATE_NONE);
}

/* date: the year range 1800..2200 is inclusive */
static void
date_accepts_year_range_bounds(void **state)
{
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    assert_string_equal(canon("1800-01-01", buf), "1800-01-01");
    assert_string_equal(canon("2200-12-31", buf), "2200-12-31");
}

/* date: month 13 is rejected, saying so */
static void
date_rejects_month_13(void **state)
{
    (void)state;
    expect_rejected("1985-13-01", "month 13 out of range");
    expect_rejected("1985-13", "month 13 out of range");
    expect_rejected("01/13/1985", "month 13 out of range");
    expect_rejected("1985-00", "month 0 out of range");
}

/* date: day 32 is rejected, saying so */
static void
date_rejects_day_32(void **state)
{
    (void)state;
    expect_rejected("1985-01-32", "day 32 out of range");
    expect_rejected("32/01/1985", "day 32 out of range");
    expect_rejected("1985-01-00", "day 0 out of range");
}

/* date: 31 February is rejected as a day that does not exist */
static void
date_rejects_31_february(void **state)
{
    (void)state;
    expect_rejected("1990-02-31", "31 February 1990 does not exist");
    expect_rejected("31/04/1990", "31 April 1990 does not exist");
}

/* date: 29 February exists only in leap years */
static void
date_29_february_needs_leap_year(void **state)
{
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    expect_rejected("2023-02-29", "29 February 2023 does not exist");
    expect_rejected("1900-02-29", "29 February 1900 does not exist");
    assert_string_equal(canon("2024-02-29", buf), "2024-02-29");
    assert_string_equal(canon("2000-02-29", buf), "2000-02-29");
}

/* date: years outside 1800..2200 are rejected, saying so */
static void
date_rejects_year_out_of_range(void **state)
{
    (void)state;
    expect_rejected("1799", "year 1799 out of range");
    expect_rejected("2201", "year 2201 out of range");
    expect_rejected("1799-12-31", "year 1799 out of range");
    expect_rejected("01/01/2201", "year 2201 out of range");
}

/* date: text of no accepted form is rejected as not a date */
static void
date_rejects_garbage(void **state)
{
    (void)state;
    expect_rejected("12/13", "not a date");
    expect_rejected("1985-3-7", "not a date");
    expect_rejected("yesterday", "not a date");
    expect_rejected("1985/03/07", "not a date");
    expect_rejected("07/03-1985", "not a date");
    expect_rejected("+985", "not a date");
    expect_rejected("1985-03-07x", "not a date");
    expect_rejected("\t1985", "not a date");
}

/* date: a rejected parse zeroes the output */
static void
date_output_is_zeroed_on_error(void **state)
{
    ac_date d = { 1999, 9, 9, AC_DATE_DAY };
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_date_parse("1990-02-31", &d, &err), AC_EINVAL);
    assert_int_equal(d.year, 0);
    assert_int_equal(d.month, 0);
    assert_int_equal(d.day, 0);
    assert_int_equal(d.precision, AC_DATE_NONE);
}

/* date: a NULL error record is allowed */
static void
date_parse_accepts_null_err(void **state)
{
    ac_date d;

    (void)state;
    assert_int_equal(ac_date_parse("garbage", &d, NULL), AC_EINVAL);
    assert_int_equal(ac_date_parse("1985", &d, NULL), AC_OK);
}

/* date: canonical text parses back to the same text */
static void
date_format_round_trips(void **state)
{
    static const char *const texts[] = {
        "1800", "1985", "2200", "1985-01", "1985-12", "1985-03-07", "2024-02-29", "2200-12-31",
    };
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        assert_string_equal(canon(texts[i], buf), texts[i]);
    }
}

/* date: a date of no precision formats as empty text */
static void
date_format_of_none_is_empty(void **state)
{
    ac_date d = { 0, 0, 0, AC_DATE_NONE };
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    memset(buf, 'x', sizeof buf);
    assert_ptr_equal(ac_date_format(&d, buf), buf);
    assert_string_equal(buf, "");
}

/* date: comparison orders by year, month, day, unknown parts first */
static void
date_cmp_orders_dates(void **state)
{
    ac_date y, m, d1, d2, later;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_date_parse("1985", &y, &err), AC_OK);
    assert_int_equal(ac_date_parse("1985-03", &m, &err), AC_OK);
    assert_int_equal(ac_date_parse("1985-03-07", &d1, &err), AC_OK);
    assert_int_equal(ac_date_parse("07/03/1985", &d2, &err), AC_OK);
    assert_int_equal(ac_date_parse("1986-01-01", &later, &err), AC_OK);
    assert_int_equal(ac_date_cmp(&d1, &d2), 0);
    assert_true(ac_date_cmp(&y, &m) < 0);
    assert_true(ac_date_cmp(&m, &d1) < 0);
    assert_true(ac_date_cmp(&d1, &later) < 0);
    assert_true(ac_date_cmp(&later, &d1) > 0);
    assert_true(ac_date_cmp(&later, &y) > 0);
}

/* date: leap years follow the Gregorian rules */
static void
date_leap_years_are_gregorian(void **state)
{
    (void)state;
    assert_true(ac_date_is_leap(2024));
    assert_true(ac_date_is_leap(2000));
    assert_false(ac_date_is_leap(1900));
    assert_false(ac_date_is_leap(2023));
    assert_int_equal(ac_date_days_in_month(2024, 2), 29);
    assert_int_equal(ac_date_days_in_month(2023, 2), 28);
    assert_int_equal(ac_date_days_in_month(2023, 4), 30);
    assert_int_equal(ac_date_days_in_month(2023, 12), 31);
    assert_int_equal(ac_date_days_in_month(2023, 0), 0);
    assert_int_equal(ac_date_days_in_month(2023, 13), 0);
}

/* date: adding a year to 29 February gives 28 February */
static void
date_add_years_clamps_29_february(void **state)
{
    ac_date d, r;
    ac_error err = { 0 };
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    assert_int_equal(ac_date_parse("2024-02-29", &d, &err), AC_OK);
    r = ac_date_add_years(&d, 1);
    assert_string_equal(ac_date_format(&r, buf), "2025-02-28");
    r = ac_date_add_years(&d, 4);
    assert_string_equal(ac_date_format(&r, buf), "2028-02-29");
    r = ac_date_add_years(&d, -18);
    assert_string_equal(ac_date_format(&r, buf), "2006-02-28");
}

/* date: adding years keeps the precision of a partial date */
static void
date_add_years_keeps_precision(void **state)
{
    ac_date d, r;
    ac_error err = { 0 };
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    assert_int_equal(ac_date_parse("1985-03", &d, &err), AC_OK);
    r = ac_date_add_years(&d, 18);
    assert_string_equal(ac_date_format(&r, buf), "2003-03");
    assert_int_equal(ac_date_parse("1985", &d, &err), AC_OK);
    r = ac_date_add_years(&d, 18);
    assert_string_equal(ac_date_format(&r, buf), "2003");
}

/* date: the calendar date of known instants */
static void
date_from_ms_gives_utc_date(void **state)
{
    ac_date d;
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    d = ac_date_from_ms(0);
    assert_string_equal(ac_date_format(&d, buf), "1970-01-01");
    d = ac_date_from_ms(TEST_NOW_MS);
    assert_string_equal(ac_date_format(&d, buf), "2026-03-01");
    d = ac_date_from_ms(951782400000LL); /* 2000-02-29T00:00:00Z */
    assert_string_equal(ac_date_format(&d, buf), "2000-02-29");
    d = ac_date_from_ms(951868799999LL); /* last millisecond of that day */
    assert_string_equal(ac_date_format(&d, buf), "2000-02-29");
}

/* date: negative milliseconds fall on the day before the epoch */
static void
date_from_negative_ms_is_before_epoch(void **state)
{
    ac_date d;
    char buf[AC_DATE_TEXT_MAX];

    (void)state;
    d = ac_date_from_ms(-1);
    assert_string_equal(ac_date_format(&d, buf), "1969-12-31");
    d = ac_date_from_ms(-86400000LL);
    assert_string_equal(ac_date_format(&d, buf), "1969-12-31");
    d = ac_date_from_ms(-86400001LL);
    assert_string_equal(ac_date_format(&d, buf), "1969-12-30");
}

/* time: known instants format as RFC 3339 UTC with milliseconds */
static void
time_format_known_instants(void **state)
{
    char buf[AC_TIME_TEXT_MAX];

    (void)state;
    assert_string_equal(ac_time_format(0, buf), "1970-01-01T00:00:00.000Z");
    assert_string_equal(ac_time_format(1772366400000LL, buf), "2026-03-01T12:00:00.000Z");
    assert_string_equal(ac_time_format(1772366400123LL, buf), "2026-03-01T12:00:00.123Z");
    assert_string_equal(ac_time_format(951868799999LL, buf), "2000-02-29T23:59:59.999Z");
}

/* time: negative milliseconds format before the epoch with a positive fraction */
static void
time_format_negative_ms(void **state)
{
    char buf[AC_TIME_TEXT_MAX];

    (void)state;
    assert_string_equal(ac_time_format(-1, buf), "1969-12-31T23:59:59.999Z");
    assert_string_equal(ac_time_format(-1000, buf), "1969-12-31T23:59:59.000Z");
    assert_string_equal(ac_time_format(-1001, buf), "1969-12-31T23:59:58.999Z");
    assert_string_equal(ac_time_format(-5364662400000LL, buf), "1800-01-01T00:00:00.000Z");
}

/* time: a day where a time is asked is midnight UTC at its start (issue 14.13) */
static void
time_parse_accepts_day(void **state)
{
    int64_t ms = -1;

    (void)state;
    assert_int_equal(ac_time_parse("2027-03-01", &ms, NULL), AC_OK);
    assert_int_equal(ms, 1803859200000LL);
    assert_int_equal(ac_time_parse("2027-03-01T00:00:00Z", &ms, NULL), AC_OK);
    assert_int_equal(ms, 1803859200000LL);
    assert_int_equal(ac_time_parse("2027-02-30", &ms, NULL), AC_EINVAL);
    assert_int_equal(ac_time_parse("2027-03", &ms, NULL), AC_EINVAL);
    assert_int_equal(ac_time_parse("01/03/2027", &ms, NULL), AC_EINVAL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(time_parse_accepts_day),
        cmocka_unit_test(date_parses_year),
        cmocka_unit_test(date_parses_year_month),
        cmocka_unit_test(date_parses_iso_date),
        cmocka_unit_test(date_parses_iso_date_time),
        cmocka_unit_test(date_parses_compact),
        cmocka_unit_test(date_parses_british_slash),
        cmocka_unit_test(date_parses_british_dash),
        cmocka_unit_test(date_parses_british_dot),
        cmocka_unit_test(date_parses_month_slash_year),
        cmocka_unit_test(date_ignores_surrounding_spaces),
        cmocka_unit_test(date_empty_is_none),
        cmocka_unit_test(date_accepts_year_range_bounds),
        cmocka_unit_test(date_rejects_month_13),
        cmocka_unit_test(date_rejects_day_32),
        cmocka_unit_test(date_rejects_31_february),
        cmocka_unit_test(date_29_february_needs_leap_year),
        cmocka_unit_test(date_rejects_year_out_of_range),
        cmocka_unit_test(date_rejects_garbage),
        cmocka_unit_test(date_output_is_zeroed_on_error),
        cmocka_unit_test(date_parse_accepts_null_err),
        cmocka_unit_test(date_format_round_trips),
        cmocka_unit_test(date_format_of_none_is_empty),
        cmocka_unit_test(date_cmp_orders_dates),
        cmocka_unit_test(date_leap_years_are_gregorian),
        cmocka_unit_test(date_add_years_clamps_29_february),
        cmocka_unit_test(date_add_years_keeps_precision),
        cmocka_unit_test(date_from_ms_gives_utc_date),
        cmocka_unit_test(date_from_negative_ms_is_before_epoch),
        cmocka_unit_test(time_format_known_instants),
        cmocka_unit_test(time_format_negative_ms),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
