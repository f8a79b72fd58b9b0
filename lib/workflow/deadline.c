/* SPDX-License-Identifier: Apache-2.0
 *
 * deadline.c - deadline arithmetic in UK time (deadline.h).  Dates are counted in days
 * since 1970-01-01 (Howard Hinnant's civil-date algorithms); British Summer Time runs
 * from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October
 * (the Summer Time Order 2002 rule, in force since 1981 in this form).
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "workflow/deadline.h"
#include "workflow/tables.h"

#define MS_PER_DAY  86400000LL
#define MS_PER_HOUR 3600000LL

static int64_t
floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days since 1970-01-01 of Y-M-D (proleptic Gregorian). */
int64_t
aci_days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = floor_div(y, 400);
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = floor_div(z, 146097);
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int
days_in_month(int64_t y, int m)
{
    static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

    return m == 2 && leap ? 29 : len[m - 1];
}

/* 0 = Thursday (1970-01-01) ... : the weekday of day Z as 0 Monday .. 6 Sunday. */
static int
weekday(int64_t z)
{
    return (int)((z % 7 + 7 + 3) % 7);
}

/* The day (since the epoch) of the last Sunday of month M of year Y. */
static int64_t
last_sunday(int64_t y, int m)
{
    int64_t last = aci_days_from_civil(y, m, days_in_month(y, m));

    return last - (weekday(last) + 1) % 7;
}

/* Easter Sunday of year Y (the anonymous Gregorian algorithm), as days since the epoch. */
static int64_t
easter(int64_t y)
{
    int64_t a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25;
    int64_t g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
    int64_t l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
    int64_t month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;

    return aci_days_from_civil(y, (int)month, (int)day);
}

/* The first Monday on or after day Z. */
static int64_t
monday_from(int64_t z)
{
    return z + (7 - weekday(z)) % 7;
}

/* The bank holidays of England and Wales by the yearly rules. */
static bool
rule_holiday(int64_t z)
{
    int64_t y, e;
    int m, d;
    int64_t christmas, boxing;

    civil_from_days(z, &y, &m, &d);
    e = easter(y);
    if (z == e - 2 || z == e + 1) {
        return true; /* Good Friday, Easter Monday */
    }
    e = aci_days_from_civil(y, 1, 1);
    if (z == (weekday(e) < 5 ? e : monday_from(e))) {
        return true; /* New Year's Day, or the Monday after when it is a weekend */
    }
    if (z == monday_from(aci_days_from_civil(y, 5, 1)) ||
        z == monday_from(aci_days_from_civil(y, 5, 25)) ||
        z == monday_from(aci_days_from_civil(y, 8, 25))) {
        return true; /* first and last Mondays of May, last Monday of August */
    }
    christmas = aci_days_from_civil(y, 12, 25);
    boxing = christmas + 1;
    christmas = weekday(christmas) >= 5 ? christmas + 2 : christmas; /* Sat or Sun: Mon/Tue */
    boxing = weekday(boxing) >= 5 ? boxing + 2 : boxing;
    return z == christmas || z == boxing;
}

/* The change W's bank_holidays.csv makes to day DAYS: +1 added, -1 removed, 0 none. */
static int
holiday_change(const struct aci_workflows *w, int64_t days)
{
    for (size_t i = 0; i < w->n_holidays; i++) {
        if (w->holidays[i].day == days) {
            return w->holidays[i].change;
        }
    }
    return 0;
}

bool
aci_bank_holiday(int64_t days, const struct aci_workflows *w)
{
    int change = w != NULL ? holiday_change(w, days) : 0;

    return change > 0 || (change == 0 && rule_holiday(days));
}

int
aci_uk_offset_minutes(int64_t utc_ms)
{
    int64_t y;
    int m, d;
    int64_t start, end;

    civil_from_days(floor_div(utc_ms, MS_PER_DAY), &y, &m, &d);
    start = last_sunday(y, 3) * MS_PER_DAY + MS_PER_HOUR;
    end = last_sunday(y, 10) * MS_PER_DAY + MS_PER_HOUR;
    return utc_ms >= start && utc_ms < end ? 60 : 0;
}

/* The UK calendar day (since the epoch) of UTC_MS. */
static int64_t
uk_day(int64_t utc_ms)
{
    return floor_div(utc_ms + aci_uk_offset_minutes(utc_ms) * 60000LL, MS_PER_DAY);
}

ac_code
aci_span_parse(const char *s, struct aci_span *out, ac_error *err)
{
    char *end = NULL;
    long n = strtol(s, &end, 10);

    while (end != NULL && *end == ' ') {
        end++;
    }
    if (end == s || n <= 0 || n > 1000) {
        return aci_fail(err, AC_EINVAL, "a deadline such as '5 wd', '3 d', '6 mo' or '1 y'");
    }
    out->n = (int)n;
    if (strcmp(end, "d") == 0) {
        out->unit = ACI_SPAN_DAYS;
    } else if (strcmp(end, "d incl") == 0) {
        out->unit = ACI_SPAN_DAYS_INCL;
    } else if (strcmp(end, "wd") == 0) {
        out->unit = ACI_SPAN_WORKING_DAYS;
    } else if (strcmp(end, "mo") == 0) {
        out->unit = ACI_SPAN_MONTHS;
    } else if (strcmp(end, "y") == 0) {
        out->unit = ACI_SPAN_YEARS;
    } else {
        return aci_fail(err, AC_EINVAL, "a deadline's unit: d, d incl, wd, mo or y");
    }
    return AC_OK;
}

int64_t
aci_deadline_due(int64_t start_ms, const struct aci_span *span, const struct aci_workflows *w)
{
    int64_t day = uk_day(start_ms), y, local_end, utc;
    int m, d;

    switch (span->unit) {
    case ACI_SPAN_DAYS:
        day += span->n;
        break;
    case ACI_SPAN_DAYS_INCL:
        day += span->n - 1; /* the start day is the first of the N */
        break;
    case ACI_SPAN_WORKING_DAYS:
        for (int left = span->n; left > 0;) {
            day++;
            left -= weekday(day) < 5 && !aci_bank_holiday(day, w);
        }
        break;
    case ACI_SPAN_MONTHS:
    case ACI_SPAN_YEARS: {
        int64_t months;

        civil_from_days(day, &y, &m, &d);
        months = y * 12 + (m - 1) + (span->unit == ACI_SPAN_YEARS ? 12LL * span->n : span->n);
        y = floor_div(months, 12);
        m = (int)(months - y * 12) + 1;
        d = d < days_in_month(y, m) ? d : days_in_month(y, m);
        day = aci_days_from_civil(y, m, d);
        break;
    }
    }
    /* the end of that day in UK time: 23:59:59.999 local, less the offset then in force */
    local_end = day * MS_PER_DAY + MS_PER_DAY - 1;
    utc = local_end - MS_PER_HOUR;
    return aci_uk_offset_minutes(utc) == 60 ? utc : local_end;
}

ac_code
aci_date_days(const char *date_text, int64_t *out, ac_error *err)
{
    int y = 0, m = 0, d = 0, used = 0;

    if (sscanf(date_text, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || date_text[used] != '\0' ||
        used != 10 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
        return aci_fail(err, AC_EINVAL, "not a date (YYYY-MM-DD)");
    }
    *out = aci_days_from_civil(y, m, d);
    return AC_OK;
}

void
aci_date_text(int64_t days, char *out, size_t size)
{
    int64_t y;
    int m, d;

    civil_from_days(days, &y, &m, &d);
    snprintf(out, size, "%04lld-%02d-%02d", (long long)y, m, d);
}

void
aci_uk_time_text(int64_t utc_ms, char *out, size_t size)
{
    static const char *const months[12] = { "January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December" };
    int64_t local = utc_ms + aci_uk_offset_minutes(utc_ms) * 60000LL;
    int64_t in_day = local - floor_div(local, MS_PER_DAY) * MS_PER_DAY;
    int64_t y;
    int m, d;

    civil_from_days(floor_div(local, MS_PER_DAY), &y, &m, &d);
    snprintf(out, size, "%d %s %lld, %02d:%02d", d, months[m - 1], (long long)y,
             (int)(in_day / MS_PER_HOUR), (int)(in_day % MS_PER_HOUR / 60000));
}

ac_code
aci_days_since(const char *date_text, int64_t now_ms, int *out, ac_error *err)
{
    int64_t day = 0;

    if (aci_date_days(date_text, &day, err) != AC_OK) {
        return AC_EINVAL;
    }
    *out = (int)(uk_day(now_ms) - day);
    return AC_OK;
}
