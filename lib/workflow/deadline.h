/* SPDX-License-Identifier: Apache-2.0
 *
 * deadline.h - deadline arithmetic in UK time (deadline.c): spans of days, working days,
 * months or years; the bank holidays of England and Wales; the end of a deadline's day in
 * GMT or BST.  Pure.  It needs of the workflow tables only their bank-holiday changes
 * (tables.h), so it depends on no function of workflow.c, which uses it.
 */
#ifndef ACI_WORKFLOW_DEADLINE_H
#define ACI_WORKFLOW_DEADLINE_H

#include "internal.h"

struct aci_workflows; /* workflow.h; NULL where a function takes one: the yearly rules only */

/* A span of time a deadline allows. */
enum aci_span_unit {
    ACI_SPAN_DAYS,      /* N days after the day */
    ACI_SPAN_DAYS_INCL, /* "the period of N days beginning with the day": it is the first */
    ACI_SPAN_WORKING_DAYS,
    ACI_SPAN_MONTHS,
    ACI_SPAN_YEARS
};
struct aci_span {
    int n;
    enum aci_span_unit unit;
};

/* "5 wd", "3 d", "3 d incl", "6 mo", "1 y" into *OUT. */
ac_code aci_span_parse(const char *s, struct aci_span *out, ac_error *err);
/* Minutes UK time is ahead of UTC at UTC_MS: 60 in British Summer Time, else 0. */
int aci_uk_offset_minutes(int64_t utc_ms);
/* The deadline for SPAN from START_MS: the UK calendar date START_MS falls on, plus the
 * span (working days skip Saturdays, Sundays and the bank holidays of England and Wales,
 * by the yearly rules and W's bank_holidays.csv when W is not NULL; months and years keep
 * the day, or the month's last day), and the end of that day in UK time, as UTC ms. */
int64_t
aci_deadline_due(int64_t start_ms, const struct aci_span *span, const struct aci_workflows *w);
/* Is the UK date DAYS (since 1970-01-01) a bank holiday in England and Wales? */
bool aci_bank_holiday(int64_t days, const struct aci_workflows *w);
/* Days since 1970-01-01 of Y-M-D. */
int64_t aci_days_from_civil(int64_t y, int m, int d);
/* Days since 1970-01-01 of the date DATE_TEXT (YYYY-MM-DD); AC_EINVAL when it is not one. */
ac_code aci_date_days(const char *date_text, int64_t *out, ac_error *err);
/* DAYS (since 1970-01-01) as YYYY-MM-DD into OUT (at least 11 bytes). */
void aci_date_text(int64_t days, char *out, size_t size);
/* UTC_MS as a person reads it in UK time (GMT or BST): "5 December 2026, 14:00", into
 * OUT (AC_UK_TIME_TEXT_MAX bytes is enough). */
#define AC_UK_TIME_TEXT_MAX 40
void aci_uk_time_text(int64_t utc_ms, char *out, size_t size);
/* Whole days from the date DATE_TEXT (YYYY-MM-DD) to the UK date of NOW_MS; AC_EINVAL
 * when it is not a full date. */
ac_code aci_days_since(const char *date_text, int64_t now_ms, int *out, ac_error *err);

#endif /* ACI_WORKFLOW_DEADLINE_H */
