/* SPDX-License-Identifier: Apache-2.0
 *
 * store_stats.c - SQL for the statistics' counts (store_stats.h).  Every query binds
 * ?1 FROM, ?2 TO and ?3 AREA_ID and returns (row key, column key, count).
 */
#include "internal.h"

#include "store/store_stats.h"

#include <string.h>

#include "store/store.h"

#define PERIOD(col) \
    " (?1 IS NULL OR " col " >= ?1) AND (?2 IS NULL OR " col " < date(?2, '+1 day'))"

/* Prevent referrals by the referrer's sector and the type of concern, as the refer step
 * recorded them (data/workflows/values.csv). */
static const char sql_referrals[] =
    "SELECT json_extract(e.fields, '$.referrer_sector'), json_extract(e.fields, '$.concern'),"
    " count(*) FROM case_events e JOIN cases c ON c.id = e.case_id"
    " WHERE c.case_type = 'prevent_referral' AND e.kind = 'step' AND e.step = 'refer' AND" PERIOD(
        "e.at") " AND (?3 IS NULL OR c.lead_agency_id = ?3) GROUP BY 1, 2";

/* The same referrals by sector and where they stand now (states.csv): the outcome
 * categories of the Home Office release. */
static const char sql_outcomes[] =
    "SELECT json_extract(e.fields, '$.referrer_sector'),"
    " CASE WHEN c.state IN ('new', 'received') THEN 'awaiting_decision'"
    " WHEN c.state IN ('not_appropriate') THEN 'no_further_action'"
    " WHEN c.state IN ('other_support', 'no_support') THEN 'signposted'"
    " WHEN c.state IN ('channel_panel', 'assessed', 'no_consent') THEN 'discussed_at_channel'"
    " WHEN c.state IN ('consented', 'supported', 'withdrawn') THEN 'adopted_by_channel'"
    " WHEN c.state IN ('exited', 'reviewed_6mo', 'closed') THEN 'exited_channel'"
    " ELSE 'other' END, count(*) FROM case_events e JOIN cases c ON c.id = e.case_id"
    " WHERE c.case_type = 'prevent_referral' AND e.kind = 'step' AND e.step = 'refer' AND" PERIOD(
        "e.at") " AND (?3 IS NULL OR c.lead_agency_id = ?3) GROUP BY 1, 2";

/* Suspicious-purchase reports by the regime's class of the substance and the kind. */
static const char sql_reports[] = "SELECT regime_class, kind, count(*) FROM reports WHERE" PERIOD(
    "created_at") " AND (?3 IS NULL OR agency_id = ?3) GROUP BY 1, 2";

/* Alerts by priority and the time the desk took to acknowledge them. */
static const char sql_alerts[] =
    "SELECT priority, CASE WHEN acked_at IS NULL THEN 'not_acknowledged'"
    " WHEN (julianday(acked_at) - julianday(created_at)) * 24 <= 1 THEN 'within_1_hour'"
    " WHEN (julianday(acked_at) - julianday(created_at)) * 24 <= 24 THEN 'within_24_hours'"
    " ELSE 'over_24_hours' END, count(*) FROM alerts WHERE" PERIOD(
        "created_at") " AND (?3 IS NULL OR routed_agency_id = ?3) GROUP BY 1, 2";

/* Requests for information by urgency and the time the holder took to answer. */
static const char sql_rfis[] =
    "SELECT urgency, CASE WHEN answered_at IS NULL THEN 'not_answered'"
    " WHEN julianday(answered_at) - julianday(created_at) <= 1 THEN 'within_1_day'"
    " WHEN julianday(answered_at) - julianday(created_at) <= 7 THEN 'within_7_days'"
    " ELSE 'over_7_days' END, count(*) FROM rfis WHERE" PERIOD(
        "created_at") " AND (?3 IS NULL OR to_agency_id = ?3) GROUP BY 1, 2";

/* Notifications by registered terrorist offenders (CTA 2008 ss.47-56) by kind, on time or
 * late: a late notification is a breach of the requirement (s.54). */
static const char sql_notifications[] =
    "SELECT e.step, CASE WHEN coalesce(e.late_days, 0) > 0 THEN 'late' ELSE 'on_time' END,"
    " count(*) FROM case_events e JOIN cases c ON c.id = e.case_id"
    " WHERE e.kind = 'step' AND e.step IN ('initial_notification', 'notify_change', 'renotify',"
    " 'notify_travel', 'notify_return') AND" PERIOD(
        "e.at") " AND (?3 IS NULL OR c.lead_agency_id = ?3) GROUP BY 1, 2";

static const struct {
    const char *name;
    const char *sql;
} queries[] = {
    { "referrals", sql_referrals }, { "outcomes", sql_outcomes },
    { "reports", sql_reports },     { "alerts", sql_alerts },
    { "rfis", sql_rfis },           { "notifications", sql_notifications },
};

static ac_code
read_count(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    struct aci_stats_count *c = elem;
    bool oom = false;

    (void)ctx;
    c->row = aci_stmt_col_dup(st, 0, a, &oom);
    c->col = aci_stmt_col_dup(st, 1, a, &oom);
    c->n = aci_stmt_col_int(st, 2);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_stats_counts(struct aci_store *s,
                       const char *table,
                       const char *from,
                       const char *to,
                       const char *area_id,
                       ac_arena *a,
                       struct aci_stats_count **out,
                       size_t *out_n,
                       ac_error *err)
{
    struct aci_stmt *st = NULL;
    const char *sql = NULL;
    ac_code rc;

    *out = NULL;
    *out_n = 0;
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        if (strcmp(queries[i].name, table) == 0) {
            sql = queries[i].sql;
        }
    }
    if (sql == NULL) {
        return aci_fail(err, AC_EINVAL, "table: no such statistics table");
    }
    rc = aci_stmt_get(s, sql, &st, err);
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "ttt", from, to, area_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, read_count, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}
