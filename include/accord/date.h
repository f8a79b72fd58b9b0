/* SPDX-License-Identifier: Apache-2.0
 *
 * date.h - calendar dates that may be partial (a year, or a year and month, as agencies
 * often know only that much of a date of birth), and UTC timestamps.
 *
 * Accepted input forms: ISO 8601 "YYYY", "YYYY-MM", "YYYY-MM-DD" (a time part after 'T'
 * is ignored), compact "YYYYMMDD", British "DD/MM/YYYY" (also with '-' or '.'), and
 * "MM/YYYY".  Years run from 1800 to 2200.  The canonical form is ISO 8601 with as many
 * parts as are known, so canonical dates sort as text.
 */
#ifndef ACCORD_DATE_H
#define ACCORD_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "accord/common.h"
#include "accord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ac_date_precision {
    AC_DATE_NONE = 0,  /* no date */
    AC_DATE_YEAR = 1,  /* year only */
    AC_DATE_MONTH = 2, /* year and month */
    AC_DATE_DAY = 3,   /* full date */
} ac_date_precision;

typedef struct ac_date {
    int16_t year;      /* 1800..2200; 0 when precision is NONE */
    uint8_t month;     /* 1..12; 0 below AC_DATE_MONTH */
    uint8_t day;       /* 1..31, valid for the month; 0 below AC_DATE_DAY */
    uint8_t precision; /* ac_date_precision */
} ac_date;

#define AC_DATE_TEXT_MAX 11 /* "YYYY-MM-DD" plus NUL */

/* Parse S into *OUT.  An empty S gives precision NONE.  AC_EINVAL with a message that
 * says what is wrong ("month 13 out of range", "31 February does not exist", "not a
 * date: expected YYYY-MM-DD, YYYYMMDD or DD/MM/YYYY"); *OUT is then zeroed. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_date_parse(const char *s, ac_date *out, ac_error *err);

/* Write the canonical text of D into BUF ("" for NONE).  Returns BUF. */
AC_API AC_NONNULL(1, 2) char *ac_date_format(const ac_date *d, char buf[AC_DATE_TEXT_MAX]);

/* Compare by year, then month, then day, treating unknown parts as 0. */
AC_API AC_NONNULL(1, 2) int ac_date_cmp(const ac_date *a, const ac_date *b);

/* True for leap years of the Gregorian calendar. */
AC_API bool ac_date_is_leap(int year);

/* Days in MONTH of YEAR, 0 when MONTH is out of range. */
AC_API int ac_date_days_in_month(int year, int month);

/* The date D plus YEARS whole years (29 February becomes 28 February). */
AC_API AC_NONNULL(1) ac_date ac_date_add_years(const ac_date *d, int years);

/* The calendar date (UTC) of a time in milliseconds since the Unix epoch. */
AC_API ac_date ac_date_from_ms(int64_t ms);

#define AC_TIME_TEXT_MAX 25 /* "YYYY-MM-DDThh:mm:ss.mmmZ" plus NUL */

/* RFC 3339 UTC text of MS milliseconds since the Unix epoch.  Returns BUF. */
AC_API AC_NONNULL(2) char *ac_time_format(int64_t ms, char buf[AC_TIME_TEXT_MAX]);

/* Parse RFC 3339 UTC text ("2026-03-01T12:00:00Z", optional ".mmm"), or a day
 * ("2026-03-01": midnight UTC at its start), into milliseconds since the Unix epoch.
 * AC_EINVAL when S is neither. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_time_parse(const char *s, int64_t *out_ms, ac_error *err);

/* The wall clock in milliseconds since the Unix epoch (UTC). */
AC_API int64_t ac_time_now_ms(void);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_DATE_H */
