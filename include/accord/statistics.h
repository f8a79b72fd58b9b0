/* SPDX-License-Identifier: Apache-2.0
 *
 * statistics.h - the partnership's published statistics: counts of its own records for a
 * period and an area, by two categories, with small-number suppression (issue 21, point
 * 2).  Nothing here is a record: every number is a count, and a count from 1 to 4 never
 * leaves the hub.  It is shown as "<5", and further cells are withheld as "[c]" so that
 * no suppressed count can be worked out from the others and the totals
 * (lib/policy/sdc.h); rounding every number to 5 is an option.  Who may read them:
 * analysts, auditors and administrators; no private-sector partner (retailers).  Every
 * call is audited with the table, period and area asked for.
 *
 * Tables (rows x columns):
 *   referrals      Prevent referrals: referrer's sector x type of concern
 *   outcomes       Prevent referrals: referrer's sector x where the referral stands now
 *   reports        suspicious-purchase reports: the regime's class x the kind of report
 *   alerts         alerts: priority x time to acknowledgement
 *   rfis           requests for information: urgency x time to answer
 *   notifications  registered terrorist offenders' notifications: kind x on time or late
 */
#ifndef ACCORD_STATISTICS_H
#define ACCORD_STATISTICS_H

#include <stdbool.h>
#include <stddef.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_stats_query {
    const char *table; /* one of the names above (ac_stats_table_names) */
    const char *from;  /* first day, YYYY-MM-DD; NULL: from the first record */
    const char *to;    /* last day, YYYY-MM-DD, inclusive; NULL: to the last record */
    const char *area;  /* an agency's name or id: its records only; NULL: the partnership */
    bool round;        /* round every published number to the nearest 5 */
} ac_stats_query;

typedef struct ac_stats_table {
    const char *table;     /* the query's table */
    const char *title;     /* "Prevent referrals by sector and type of concern" */
    const char *row_title; /* "sector" */
    const char *col_title; /* "type of concern" */
    const char *from;      /* the period as asked ("" when open) */
    const char *to;
    const char *area;   /* the area's name, or "" for the partnership */
    bool rounded;       /* numbers rounded to 5 */
    size_t n_rows;      /* categories down; the "Total" row is extra */
    size_t n_cols;      /* categories across; the "Total" column is extra */
    const char **rows;  /* n_rows category codes ("education") */
    const char **cols;  /* n_cols category codes */
    const char **cells; /* (n_rows + 1) x (n_cols + 1) published texts, row-major; the
                           last column the row totals, the last row the column totals:
                           a count, "<5" or "[c]" */
} ac_stats_table;

/* The names of the tables, NULL-terminated (static). */
AC_API const char *const *ac_stats_table_names(void);

/*
 * ac_stats_get - one table of the partnership's statistics, as it may be published.
 *
 *   hub, actor, purpose  in   the call (purpose optional)
 *   q                    in   what to count
 *   a                    in   owns every byte of *out
 *   out                  out  the table; NULL on error
 *   err                  out  optional
 *
 * Returns AC_OK, AC_EINVAL (an unknown table, a date that is not YYYY-MM-DD, FROM after
 * TO: the message names the field), AC_ENOTFOUND (no agency AREA), AC_EDENIED (the actor
 * may not read statistics), AC_ENOMEM, AC_ESTORAGE.
 */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 4, 5, 6) ac_code ac_stats_get(ac_hub *hub,
                                                                   const ac_actor *actor,
                                                                   const char *purpose,
                                                                   const ac_stats_query *q,
                                                                   ac_arena *a,
                                                                   const ac_stats_table **out,
                                                                   ac_error *err);

/* The table as CSV (RFC 4180: a header row, one row per category, then "Total"), as JSON
 * ({"table", "title", "rows": [...], "columns": [...], "cells": [[...]], ...}) and as an
 * SVG bar chart of the row totals (a withheld total is drawn as a label, not a bar).  In
 * A; NULL when out of memory. */
AC_API AC_NONNULL(1, 2) char *ac_stats_csv(const ac_stats_table *t, ac_arena *a);
AC_API AC_NONNULL(1, 2) char *ac_stats_json(const ac_stats_table *t, ac_arena *a);
AC_API AC_NONNULL(1, 2) char *ac_stats_svg(const ac_stats_table *t, ac_arena *a);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_STATISTICS_H */
