/* SPDX-License-Identifier: Apache-2.0
 *
 * date.c - partial calendar dates and UTC timestamps (include/accord/date.h).
 */
#include "internal.h"

#include <ctype.h>

#include "accord/date.h"

#define YEAR_MIN 1800
#define YEAR_MAX 2200

bool
ac_date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
ac_date_days_in_month(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    if (month < 1 || month > 12) {
        return 0;
    }
    return month == 2 && ac_date_is_leap(year) ? 29 : days[month - 1];
}

/* Read exactly N digits at S into *OUT. */
static bool
digits(const char *s, int n, int *out)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) {
            return false;
        }
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static const char *const month_names[12] = { "January",   "February", "March",    "April",
                                             "May",       "June",     "July",     "August",
                                             "September", "October",  "November", "December" };

static ac_code
check_parts(int y, int m, int d, ac_date_precision prec, ac_date *out, ac_error *err)
{
    if (y < YEAR_MIN || y > YEAR_MAX) {
        return aci_fail(err, AC_EINVAL, "year %d out of range %d..%d", y, YEAR_MIN, YEAR_MAX);
    }
    if (prec >= AC_DATE_MONTH && (m < 1 || m > 12)) {
        return aci_fail(err, AC_EINVAL, "month %d out of range 1..12", m);
    }
    if (prec == AC_DATE_DAY && (d < 1 || d > ac_date_days_in_month(y, m))) {
        if (d >= 1 && d <= 31) {
            return aci_fail(err, AC_EINVAL, "%d %s %d does not exist", d, month_names[m - 1], y);
        }
        return aci_fail(err, AC_EINVAL, "day %d out of range 1..31", d);
    }
    out->year = (int16_t)y;
    out->month = (uint8_t)(prec >= AC_DATE_MONTH ? m : 0);
    out->day = (uint8_t)(prec == AC_DATE_DAY ? d : 0);
    out->precision = (uint8_t)prec;
    return AC_OK;
}

static bool
is_sep(char c)
{
    return c == '/' || c == '-' || c == '.';
}

ac_code
ac_date_parse(const char *s, ac_date *out, ac_error *err)
{
    size_t n;
    int y = 0, m = 0, d = 0;
    ac_code rc;

    memset(out, 0, sizeof *out);
    while (*s == ' ') {
        s++;
    }
    n = strlen(s);
    while (n > 0 && s[n - 1] == ' ') {
        n--;
    }
    if (n == 0) {
        return AC_OK;
    }
    if (n > 10 && s[10] == 'T' && s[4] == '-') {
        n = 10; /* ISO 8601 date-time: the date part */
    }
    if (n == 4 && digits(s, 4, &y)) {
        rc = check_parts(y, 0, 0, AC_DATE_YEAR, out, err);
    } else if (n == 7 && s[4] == '-' && digits(s, 4, &y) && digits(s + 5, 2, &m)) {
        rc = check_parts(y, m, 0, AC_DATE_MONTH, out, err);
    } else if (n == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4, &y) && digits(s + 5, 2, &m) &&
               digits(s + 8, 2, &d)) {
        rc = check_parts(y, m, d, AC_DATE_DAY, out, err);
    } else if (n == 8 && digits(s, 4, &y) && digits(s + 4, 2, &m) && digits(s + 6, 2, &d)) {
        rc = check_parts(y, m, d, AC_DATE_DAY, out, err);
    } else if (n == 10 && is_sep(s[2]) && s[5] == s[2] && digits(s, 2, &d) &&
               digits(s + 3, 2, &m) && digits(s + 6, 4, &y)) {
        rc = check_parts(y, m, d, AC_DATE_DAY, out, err);
    } else if (n == 7 && s[2] == '/' && digits(s, 2, &m) && digits(s + 3, 4, &y)) {
        rc = check_parts(y, m, 0, AC_DATE_MONTH, out, err);
    } else {
        rc = aci_fail(err, AC_EINVAL,
                      "not a date: expected YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY, YYYY-MM or YYYY");
    }
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
    }
    return rc;
}

/* Write V as exactly WIDTH decimal digits at P (V is in range by construction). */
static char *
put_digits(char *p, unsigned v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

char *
ac_date_format(const ac_date *d, char buf[AC_DATE_TEXT_MAX])
{
    char *p = buf;

    if (d->precision >= AC_DATE_YEAR && d->precision <= AC_DATE_DAY) {
        p = put_digits(p, (unsigned)d->year, 4);
    }
    if (d->precision >= AC_DATE_MONTH && d->precision <= AC_DATE_DAY) {
        *p++ = '-';
        p = put_digits(p, d->month, 2);
    }
    if (d->precision == AC_DATE_DAY) {
        *p++ = '-';
        p = put_digits(p, d->day, 2);
    }
    *p = '\0';
    return buf;
}

int
ac_date_cmp(const ac_date *a, const ac_date *b)
{
    long ka = a->year * 10000L + a->month * 100L + a->day;
    long kb = b->year * 10000L + b->month * 100L + b->day;

    return ka < kb ? -1 : ka > kb;
}

ac_date
ac_date_add_years(const ac_date *d, int years)
{
    ac_date r = *d;

    r.year = (int16_t)(d->year + years);
    if (r.precision == AC_DATE_DAY && r.day > ac_date_days_in_month(r.year, r.month)) {
        r.day = (uint8_t)ac_date_days_in_month(r.year, r.month);
    }
    return r;
}

ac_date
ac_date_from_ms(int64_t ms)
{
    time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    struct tm tm;
    ac_date d = { 0, 0, 0, AC_DATE_NONE };

    if (gmtime_r(&t, &tm) != NULL) {
        d.year = (int16_t)(tm.tm_year + 1900);
        d.month = (uint8_t)(tm.tm_mon + 1);
        d.day = (uint8_t)tm.tm_mday;
        d.precision = AC_DATE_DAY;
    }
    return d;
}

char *
ac_time_format(int64_t ms, char buf[AC_TIME_TEXT_MAX])
{
    time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    int frac = (int)(ms - (int64_t)t * 1000);
    struct tm tm;

    if (gmtime_r(&t, &tm) == NULL) {
        buf[0] = '\0';
        return buf;
    }
    {
        char *p = put_digits(buf, (unsigned)(tm.tm_year + 1900) % 10000u, 4);

        *p++ = '-';
        p = put_digits(p, (unsigned)tm.tm_mon + 1, 2);
        *p++ = '-';
        p = put_digits(p, (unsigned)tm.tm_mday, 2);
        *p++ = 'T';
        p = put_digits(p, (unsigned)tm.tm_hour, 2);
        *p++ = ':';
        p = put_digits(p, (unsigned)tm.tm_min, 2);
        *p++ = ':';
        p = put_digits(p, (unsigned)tm.tm_sec, 2);
        *p++ = '.';
        p = put_digits(p, (unsigned)frac, 3);
        *p++ = 'Z';
        *p = '\0';
    }
    return buf;
}

ac_code
ac_time_parse(const char *s, int64_t *out_ms, ac_error *err)
{
    int hh = 0, mi = 0, ss = 0, ms = 0;
    ac_date d;
    struct tm tm;
    size_t n = strlen(s);

    *out_ms = 0;
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        /* a day where a time is asked: midnight UTC at its start (issue 14.13) */
        if (ac_date_parse(s, &d, err) != AC_OK || d.precision != AC_DATE_DAY) {
            return aci_fail(err, AC_EINVAL, "not a valid day");
        }
    } else if (n < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[n - 1] != 'Z' ||
               !digits(s + 11, 2, &hh) || !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &ss) ||
               (n != 20 && !(n == 24 && s[19] == '.' && digits(s + 20, 3, &ms)))) {
        return aci_fail(err, AC_EINVAL,
                        "not an RFC 3339 UTC time such as 2026-03-01T12:00:00Z, or a day "
                        "such as 2026-03-01 (midnight UTC)");
    } else {
        char day[11];

        memcpy(day, s, 10);
        day[10] = '\0';
        if (ac_date_parse(day, &d, err) != AC_OK || d.precision != AC_DATE_DAY || hh > 23 ||
            mi > 59 || ss > 60) {
            return aci_fail(err, AC_EINVAL, "not a valid time of day");
        }
    }
    memset(&tm, 0, sizeof tm);
    tm.tm_year = d.year - 1900;
    tm.tm_mon = d.month - 1;
    tm.tm_mday = d.day;
    tm.tm_hour = hh;
    tm.tm_min = mi;
    tm.tm_sec = ss;
    *out_ms = (int64_t)timegm(&tm) * 1000 + ms;
    return AC_OK;
}

int64_t
ac_time_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
