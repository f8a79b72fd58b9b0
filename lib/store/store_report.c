/* SPDX-License-Identifier: Apache-2.0
 *
 * store_report.c - SQL for reports, watchlists, alerts and the regime table
 * (store_report.h).
 */
#include "internal.h"

#include <stdio.h>

#include "model/model.h"
#include "store/store.h"
#include "store/store_report.h"

#define REP_COL                                                                           \
    "id, reference, agency_id, reported_by, created_at, kind, occurred_at, product,"      \
    " substance, concentration, quantity, payment, sale_completed, licence_shown,"        \
    " buyer_name, buyer_dob, buyer_address, buyer_document, indicators, indicator_other," \
    " narrative, regime_class, regime_reason"
#define ALR_COL                                                                           \
    "id, report_id, case_id, created_at, reason, priority, routed_agency_id, escalation," \
    " deadline, status, acked_by, acked_at, ack_note"
/* Derived, not stored: an alert is for the holder when it carries a person its routed agency
 * holds (only the alert raised for a holder does); one routed elsewhere says a partner was
 * told when another alert on the same report is for a holder. */
#define ALR_FOR_HOLDER(t)                                               \
    "EXISTS (SELECT 1 FROM alert_matches m WHERE m.alert_id = " t ".id" \
    " AND m.source = 'person' AND m.holder_agency = " t ".routed_agency_id)"
#define ALR_SEL                                                                             \
    ALR_COL ", " ALR_FOR_HOLDER(                                                            \
        "alerts") ","                                                                       \
                  " (alerts.report_id IS NOT NULL AND NOT " ALR_FOR_HOLDER(                 \
                      "alerts") " AND EXISTS (SELECT 1 FROM alerts h WHERE h.report_id = "  \
                                "alerts.report_id"                                          \
                                " AND h.id <> alerts.id AND " ALR_FOR_HOLDER(               \
                                    "h") ")),"                                              \
                                         " (SELECT display_name FROM users u WHERE u.id = " \
                                         "alerts.acked_by),"                                \
                                         " (SELECT case_type FROM cases c WHERE c.id = "    \
                                         "alerts.case_id)"
#define PRIORITY_RANK "CASE priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END"

static const char sql_rep_insert[] =
    "INSERT INTO reports (" REP_COL ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " ?, ?, ?, ?, ?, ?, ?)";
static const char sql_rep_load[] = "SELECT " REP_COL " FROM reports WHERE id = ?1";
static const char sql_rep_page[] = "SELECT " REP_COL " FROM reports WHERE agency_id = ?1"
                                   " AND (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3";
static const char sql_wl_drop_names[] =
    "DELETE FROM watchlist_names WHERE watchlist_id IN (SELECT id FROM watchlists WHERE name = ?)";
static const char sql_wl_drop[] = "DELETE FROM watchlists WHERE name = ?";
static const char sql_wl_insert[] =
    "INSERT INTO watchlists (id, name, format, agency_id,"
    " imported_by, imported_at, names) VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char sql_wl_name[] = "INSERT INTO watchlist_names (watchlist_id, seq, entry_id, name,"
                                  " dob) VALUES (?, ?, ?, ?, ?)";
static const char sql_wl_all[] =
    "SELECT id, name, format, agency_id, imported_at, names FROM watchlists ORDER BY name";
static const char sql_screen_names[] =
    "SELECT 'person/' || p.id, n.full_name, p.dob FROM person_names n"
    " JOIN persons p ON p.id = n.person_id"
    " UNION ALL SELECT watchlist_id || '/' || entry_id, name, dob FROM watchlist_names";
static const char sql_screen_stamp[] =
    "SELECT (SELECT count(*) FROM person_names) || ':' ||"
    " (SELECT coalesce(max(updated_at), '') FROM persons) || ':' ||"
    " (SELECT count(*) FROM watchlists) || ':' ||"
    " (SELECT coalesce(max(imported_at), '') FROM watchlists) WHERE ?1 IS NOT NULL";
static const char sql_person_holder[] = "SELECT agency_id FROM persons WHERE id = ?1";
static const char sql_wl_brief[] = "SELECT agency_id, name FROM watchlists WHERE id = ?1";
static const char sql_regime_insert[] =
    "INSERT INTO regime_tables (id, csv, loaded_by, loaded_at) VALUES (?, ?, ?, ?)";
static const char sql_regime_latest[] = "SELECT id FROM regime_tables WHERE ?1 IS NOT NULL "
                                        "ORDER BY loaded_at DESC, id DESC LIMIT 1";
static const char sql_regime_csv[] = "SELECT csv FROM regime_tables WHERE id = ?1";
static const char sql_alr_insert[] = "INSERT INTO alerts (" ALR_COL ")"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_alr_match[] =
    "INSERT INTO alert_matches (alert_id, seq, source, source_id, entry_id, holder_agency,"
    " listed_name, score, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_alr_load[] = "SELECT " ALR_SEL " FROM alerts WHERE id = ?1";
static const char sql_alr_matches[] =
    "SELECT m.source, m.source_id, m.entry_id, m.holder_agency, m.listed_name, m.score,"
    " m.explanation, w.name, g.name FROM alert_matches m"
    " LEFT JOIN watchlists w ON m.source = 'watchlist' AND w.id = m.source_id"
    " LEFT JOIN agencies g ON g.id = m.holder_agency"
    " WHERE m.alert_id = ?1 ORDER BY m.seq";
static const char sql_alr_page[] =
    "SELECT " ALR_SEL " FROM alerts WHERE (routed_agency_id = ?1"
    " OR (escalation >= ?4 AND NOT " ALR_FOR_HOLDER(
        "alerts") "))"
                  " AND (?2 = 0 OR status = 'open')"
                  " ORDER BY status = 'acknowledged', CASE WHEN status = 'open' THEN " PRIORITY_RANK
                  " END,"
                  " CASE WHEN status = 'open' THEN deadline END, created_at DESC, id DESC LIMIT ?3";
static const char sql_alr_lapsed[] = "SELECT " ALR_SEL " FROM alerts WHERE status = 'open'"
                                     " AND deadline < ?1 ORDER BY deadline, id";
static const char sql_alr_escalate[] =
    "UPDATE alerts SET priority = ?, escalation = ?, deadline = ? WHERE id = ?";
static const char sql_alr_ack[] = "UPDATE alerts SET status = 'acknowledged', acked_by = ?,"
                                  " acked_at = ?, ack_note = ? WHERE id = ? AND status = 'open'";
/* aci_store_load_one binds a key to ?1; the queries above without one ignore it. */
#define NO_KEY "-"

static ac_code
read_report(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_report *r = elem;
    bool oom = false;
    ac_code rc = AC_OK;
    const char *cls = aci_stmt_col_text(st, 21);

    (void)ctx;
    r->id = aci_stmt_col_dup(st, 0, a, &oom);
    r->reference = aci_stmt_col_dup(st, 1, a, &oom);
    r->agency_id = aci_stmt_col_dup(st, 2, a, &oom);
    r->reported_by = aci_stmt_col_dup(st, 3, a, &oom);
    r->created_at = aci_stmt_col_dup(st, 4, a, &oom);
    rc = ac_report_kind_parse(aci_stmt_col_text(st, 5), &r->kind, err);
    r->occurred_at = aci_stmt_col_dup(st, 6, a, &oom);
    r->product = aci_stmt_col_dup(st, 7, a, &oom);
    r->substance = aci_stmt_col_dup(st, 8, a, &oom);
    r->concentration = aci_stmt_col_real(st, 9, -1.0);
    r->quantity = aci_stmt_col_dup(st, 10, a, &oom);
    if (rc == AC_OK) {
        rc = ac_payment_parse(aci_stmt_col_text(st, 11), &r->payment, err);
    }
    r->sale_completed = aci_stmt_col_int(st, 12) != 0;
    r->licence_shown = aci_stmt_col_int(st, 13) != 0;
    r->buyer_name = aci_stmt_col_dup(st, 14, a, &oom);
    r->buyer_dob = aci_stmt_col_dup(st, 15, a, &oom);
    r->buyer_address = aci_stmt_col_dup(st, 16, a, &oom);
    r->buyer_document = aci_stmt_col_dup(st, 17, a, &oom);
    r->indicators = (unsigned)aci_stmt_col_int(st, 18);
    r->indicator_other = aci_stmt_col_dup(st, 19, a, &oom);
    r->narrative = aci_stmt_col_dup(st, 20, a, &oom);
    r->regime_class = AC_REGIME_NEITHER;
    for (int c = AC_REGIME_NEITHER; c <= AC_REGIME_UNRECOGNISED; c++) {
        if (cls != NULL && strcmp(cls, ac_regime_class_str((ac_regime_class)c)) == 0) {
            r->regime_class = (ac_regime_class)c;
        }
    }
    r->regime_reason = aci_stmt_col_dup(st, 22, a, &oom);
    return aci_row_done(rc, oom, err);
}

ac_code
aci_store_report_insert(struct aci_store *s, const ac_report *r, ac_error *err)
{
    char conc[32];
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_rep_insert, &st, err);

    snprintf(conc, sizeof conc, "%.4f", r->concentration);
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(
            st, err, "ttttttttttttiittttitttt", r->id, r->reference, r->agency_id, r->reported_by,
            r->created_at, ac_report_kind_str(r->kind), r->occurred_at, r->product, r->substance,
            r->concentration >= 0 ? conc : NULL, r->quantity, ac_payment_str(r->payment),
            (int64_t)r->sale_completed, (int64_t)r->licence_shown, r->buyer_name, r->buyer_dob,
            r->buyer_address, r->buyer_document, (int64_t)r->indicators, r->indicator_other,
            r->narrative, ac_regime_class_str(r->regime_class), r->regime_reason);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_run(st, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_report_load(struct aci_store *s,
                      const char *id,
                      ac_arena *a,
                      ac_report *out,
                      ac_error *err)
{
    return aci_store_load_one(s, sql_rep_load, id, "report", a, read_report, out, err);
}

/* Run SQL bound by BIND (called with the statement) and collect rows with READ. */
static ac_code
collect(struct aci_store *s,
        const char *sql,
        ac_code (*bind)(struct aci_stmt *, const void *, ac_error *),
        const void *args,
        ac_arena *a,
        size_t elem,
        aci_row_fn read,
        void **out,
        size_t *out_n,
        ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK && bind != NULL) {
        rc = bind(st, args, err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, elem, read, NULL, out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

struct page_args {
    const char *key;
    const char *after;
    int64_t flag;
    int64_t limit;
};

static ac_code
bind_page(struct aci_stmt *st, const void *args, ac_error *err)
{
    const struct page_args *p = args;

    return aci_stmt_bindf(st, err, "tti", p->key, p->after, p->limit);
}

ac_code
aci_store_report_page(struct aci_store *s,
                      const char *agency_id,
                      const char *after,
                      size_t limit,
                      ac_arena *a,
                      ac_report **out,
                      size_t *out_n,
                      ac_error *err)
{
    struct page_args p = { agency_id, after, 0, (int64_t)limit };

    return collect(s, sql_rep_page, bind_page, &p, a, sizeof **out, read_report, (void **)out,
                   out_n, err);
}

/* ---- watchlists ---- */

ac_code
aci_store_watchlist_drop(struct aci_store *s, const char *name, ac_error *err)
{
    ac_code rc = aci_store_runf(s, sql_wl_drop_names, err, "t", name);

    return rc == AC_OK ? aci_store_runf(s, sql_wl_drop, err, "t", name) : rc;
}

ac_code
aci_store_watchlist_insert(struct aci_store *s,
                           const ac_watchlist_info *w,
                           const char *imported_by,
                           ac_error *err)
{
    return aci_store_runf(s, sql_wl_insert, err, "tttttti", w->id, w->name,
                          ac_watchlist_format_str(w->format), w->agency_id, imported_by,
                          w->imported_at, w->names);
}

ac_code
aci_store_watchlist_name(struct aci_store *s,
                         const char *id,
                         int64_t seq,
                         const char *entry_id,
                         const char *name,
                         const char *dob,
                         ac_error *err)
{
    return aci_store_runf(s, sql_wl_name, err, "tittt", id, seq, entry_id, name,
                          dob != NULL && dob[0] != '\0' ? dob : NULL);
}

static ac_code
read_watchlist(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_watchlist_info *w = elem;
    bool oom = false;
    ac_code rc = ac_watchlist_format_parse(aci_stmt_col_text(st, 2), &w->format, err);

    (void)ctx;
    w->id = aci_stmt_col_dup(st, 0, a, &oom);
    w->name = aci_stmt_col_dup(st, 1, a, &oom);
    w->agency_id = aci_stmt_col_dup(st, 3, a, &oom);
    w->imported_at = aci_stmt_col_dup(st, 4, a, &oom);
    w->names = aci_stmt_col_int(st, 5);
    return aci_row_done(rc, oom, err);
}

ac_code
aci_store_watchlist_all(struct aci_store *s,
                        ac_arena *a,
                        ac_watchlist_info **out,
                        size_t *out_n,
                        ac_error *err)
{
    return collect(s, sql_wl_all, NULL, NULL, a, sizeof **out, read_watchlist, (void **)out, out_n,
                   err);
}

ac_code
aci_store_screen_names(struct aci_store *s, aci_screen_name_fn fn, void *ctx, ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_screen_names, &st, err);
    bool row = rc == AC_OK;

    while (rc == AC_OK && (rc = aci_stmt_step(st, &row, err)) == AC_OK && row) {
        rc = fn(ctx, aci_stmt_col_text(st, 0), aci_stmt_col_text(st, 1), aci_stmt_col_text(st, 2),
                err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_screen_stamp(struct aci_store *s, ac_arena *a, const char **out, ac_error *err)
{
    return aci_store_load_one(s, sql_screen_stamp, NO_KEY, "screening stamp", a, aci_row_text, out,
                              err);
}

ac_code
aci_store_person_brief(struct aci_store *s,
                       const char *id,
                       ac_arena *a,
                       const char **holder,
                       ac_error *err)
{
    return aci_store_load_one(s, sql_person_holder, id, "person", a, aci_row_text, holder, err);
}

static ac_code
read_pair(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    const char **pair = elem;
    bool oom = false;

    (void)ctx;
    pair[0] = aci_stmt_col_dup(st, 0, a, &oom);
    pair[1] = aci_stmt_col_dup(st, 1, a, &oom);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_watchlist_brief(struct aci_store *s,
                          const char *list_id,
                          ac_arena *a,
                          const char **holder,
                          const char **list_name,
                          ac_error *err)
{
    const char *pair[2] = { NULL, NULL };
    ac_code rc = aci_store_load_one(s, sql_wl_brief, list_id, "watchlist", a, read_pair, pair, err);

    *holder = pair[0];
    *list_name = pair[1];
    return rc;
}

/* ---- the regime ---- */

ac_code
aci_store_regime_insert(struct aci_store *s,
                        const char *id,
                        const char *csv,
                        const char *loaded_by,
                        const char *loaded_at,
                        ac_error *err)
{
    return aci_store_runf(s, sql_regime_insert, err, "tttt", id, csv, loaded_by, loaded_at);
}

ac_code
aci_store_regime_latest(struct aci_store *s, ac_arena *a, const char **id, ac_error *err)
{
    return aci_store_load_one(s, sql_regime_latest, NO_KEY, "regime table", a, aci_row_text, id,
                              err);
}

ac_code
aci_store_regime_csv(struct aci_store *s,
                     const char *id,
                     ac_arena *a,
                     const char **csv,
                     ac_error *err)
{
    return aci_store_load_one(s, sql_regime_csv, id, "regime table", a, aci_row_text, csv, err);
}

/* ---- alerts ---- */

static const char *const priorities[] = { "low", "medium", "high" };

static ac_code
read_alert(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_alert *al = elem;
    bool oom = false;
    const char *prio = aci_stmt_col_text(st, 5);
    const char *status = aci_stmt_col_text(st, 9);

    (void)ctx;
    al->id = aci_stmt_col_dup(st, 0, a, &oom);
    al->report_id = aci_stmt_col_dup(st, 1, a, &oom);
    al->case_id = aci_stmt_col_dup(st, 2, a, &oom);
    al->created_at = aci_stmt_col_dup(st, 3, a, &oom);
    al->reason = aci_stmt_col_dup(st, 4, a, &oom);
    al->priority = AC_ALERT_LOW;
    for (size_t i = 0; prio != NULL && i < ACI_ARRAY_LEN(priorities); i++) {
        if (strcmp(prio, priorities[i]) == 0) {
            al->priority = (ac_alert_priority)i;
        }
    }
    al->routed_agency_id = aci_stmt_col_dup(st, 6, a, &oom);
    al->escalation = (int)aci_stmt_col_int(st, 7);
    al->deadline = aci_stmt_col_dup(st, 8, a, &oom);
    al->status =
        status != NULL && strcmp(status, "open") == 0 ? AC_ALERT_OPEN : AC_ALERT_ACKNOWLEDGED;
    al->acked_by = aci_stmt_col_dup(st, 10, a, &oom);
    al->acked_at = aci_stmt_col_dup(st, 11, a, &oom);
    al->ack_note = aci_stmt_col_dup(st, 12, a, &oom);
    al->for_holder = aci_stmt_col_int(st, 13) != 0;
    al->partner_told = aci_stmt_col_int(st, 14) != 0;
    al->acked_by_name = aci_stmt_col_dup(st, 15, a, &oom);
    al->case_type = aci_stmt_col_dup(st, 16, a, &oom);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_alert_insert(struct aci_store *s, const ac_alert *al, ac_error *err)
{
    return aci_store_runf(s, sql_alr_insert, err, "tttttttittttt", al->id, al->report_id,
                          al->case_id, al->created_at, al->reason,
                          ac_alert_priority_str(al->priority), al->routed_agency_id,
                          (int64_t)al->escalation, al->deadline, ac_alert_status_str(al->status),
                          al->acked_by, al->acked_at, al->ack_note);
}

ac_code
aci_store_alert_match(struct aci_store *s,
                      const char *alert_id,
                      int64_t seq,
                      const ac_alert_match *m,
                      ac_error *err)
{
    char score[16];

    snprintf(score, sizeof score, "%.4f", m->score);
    return aci_store_runf(s, sql_alr_match, err, "tittttttt", alert_id, seq, m->source,
                          m->source_id, m->entry_id, m->holder_agency, m->listed_name, score,
                          m->explanation);
}

ac_code
aci_store_alert_load(struct aci_store *s, const char *id, ac_arena *a, ac_alert *out, ac_error *err)
{
    return aci_store_load_one(s, sql_alr_load, id, "alert", a, read_alert, out, err);
}

static ac_code
read_match(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_alert_match *m = elem;
    bool oom = false;

    (void)ctx;
    m->source = aci_stmt_col_dup(st, 0, a, &oom);
    m->source_id = aci_stmt_col_dup(st, 1, a, &oom);
    m->entry_id = aci_stmt_col_dup(st, 2, a, &oom);
    m->holder_agency = aci_stmt_col_dup(st, 3, a, &oom);
    m->listed_name = aci_stmt_col_dup(st, 4, a, &oom);
    m->score = aci_stmt_col_real(st, 5, 0.0);
    m->explanation = aci_stmt_col_dup(st, 6, a, &oom);
    m->source_name = aci_stmt_col_dup(st, 7, a, &oom);
    m->holder_name = aci_stmt_col_dup(st, 8, a, &oom);
    return aci_row_done(AC_OK, oom, err);
}

static ac_code
bind_key(struct aci_stmt *st, const void *args, ac_error *err)
{
    return aci_stmt_bindf(st, err, "t", (const char *)args);
}

ac_code
aci_store_alert_matches(struct aci_store *s,
                        const char *alert_id,
                        ac_arena *a,
                        ac_alert_match **out,
                        size_t *out_n,
                        ac_error *err)
{
    return collect(s, sql_alr_matches, bind_key, alert_id, a, sizeof **out, read_match,
                   (void **)out, out_n, err);
}

struct alert_page_args {
    const char *agency_id;   /* ?1 */
    int64_t open_only;       /* ?2 */
    int64_t limit;           /* ?3 */
    int64_t open_escalation; /* ?4 */
};

static ac_code
bind_alert_page(struct aci_stmt *st, const void *args, ac_error *err)
{
    const struct alert_page_args *p = args;

    return aci_stmt_bindf(st, err, "tiii", p->agency_id, p->open_only, p->limit,
                          p->open_escalation);
}

ac_code
aci_store_alert_page(struct aci_store *s,
                     const char *agency_id,
                     int open_escalation,
                     bool open_only,
                     size_t limit,
                     ac_arena *a,
                     ac_alert **out,
                     size_t *out_n,
                     ac_error *err)
{
    struct alert_page_args p = { agency_id, open_only, (int64_t)limit, open_escalation };

    return collect(s, sql_alr_page, bind_alert_page, &p, a, sizeof **out, read_alert, (void **)out,
                   out_n, err);
}

ac_code
aci_store_alert_lapsed(struct aci_store *s,
                       const char *now,
                       ac_arena *a,
                       ac_alert **out,
                       size_t *out_n,
                       ac_error *err)
{
    return collect(s, sql_alr_lapsed, bind_key, now, a, sizeof **out, read_alert, (void **)out,
                   out_n, err);
}

ac_code
aci_store_alert_escalate(struct aci_store *s, const ac_alert *al, ac_error *err)
{
    return aci_store_runf(s, sql_alr_escalate, err, "titt", ac_alert_priority_str(al->priority),
                          (int64_t)al->escalation, al->deadline, al->id);
}

ac_code
aci_store_alert_ack(struct aci_store *s,
                    const char *id,
                    const char *user_id,
                    const char *at,
                    const char *note,
                    ac_error *err)
{
    ac_code rc = aci_store_runf(s, sql_alr_ack, err, "tttt", user_id, at, note, id);

    if (rc == AC_OK && aci_store_changes(s) == 0) {
        return aci_fail(err, AC_ECONFLICT, "alert already acknowledged");
    }
    return rc;
}

/* ---- alert events (0017_alert_stream.sql) ---- */

/* The visibility is sql_alr_page's, asked of the alert as it is now. */
static const char sql_alr_events[] =
    "SELECT " ALR_SEL ", e.seq, e.kind FROM alert_events e JOIN alerts ON alerts.id = e.alert_id"
    " WHERE e.seq > ?2 AND (alerts.routed_agency_id = ?1"
    " OR (alerts.escalation >= ?4 AND NOT " ALR_FOR_HOLDER("alerts") "))"
                                                                     " ORDER BY e.seq LIMIT ?3";
static const char sql_alr_events_latest[] = "SELECT coalesce(max(seq), 0) FROM alert_events";

static ac_code
read_alert_event(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_alert_event *ev = elem;
    bool oom = false;
    ac_code rc = read_alert(st, a, &ev->alert, ctx, err);

    ev->seq = aci_stmt_col_int(st, 17);
    ev->kind = aci_stmt_col_dup(st, 18, a, &oom);
    return aci_row_done(rc, oom, err);
}

struct alert_events_args {
    const char *agency_id;   /* ?1 */
    int64_t after;           /* ?2 */
    int64_t limit;           /* ?3 */
    int64_t open_escalation; /* ?4 */
};

static ac_code
bind_alert_events(struct aci_stmt *st, const void *args, ac_error *err)
{
    const struct alert_events_args *p = args;

    return aci_stmt_bindf(st, err, "tiii", p->agency_id, p->after, p->limit, p->open_escalation);
}

ac_code
aci_store_alert_events(struct aci_store *s,
                       const char *agency_id,
                       int open_escalation,
                       int64_t after,
                       size_t limit,
                       ac_arena *a,
                       ac_alert_event **out,
                       size_t *out_n,
                       ac_error *err)
{
    struct alert_events_args p = { agency_id, after, (int64_t)limit, open_escalation };

    return collect(s, sql_alr_events, bind_alert_events, &p, a, sizeof **out, read_alert_event,
                   (void **)out, out_n, err);
}

ac_code
aci_store_alert_events_latest(struct aci_store *s, int64_t *out, ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool has_row = false;
    ac_code rc = aci_stmt_get(s, sql_alr_events_latest, &st, err);

    *out = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &has_row, err);
    }
    if (rc == AC_OK && has_row) {
        *out = aci_stmt_col_int(st, 0);
    }
    aci_stmt_done(st);
    return rc;
}
