/* SPDX-License-Identifier: Apache-2.0
 *
 * store_workflow.c - SQL for case workflows (store_workflow.h).
 */
#include "internal.h"

#include "store/store.h"
#include "store/store_workflow.h"

#define EVT_COL                                                                          \
    "seq, at, actor_id, agency_id, kind, step, from_state, to_state, rationale, fields," \
    " late_days"
#define DUE_COL \
    "c.id, c.case_type, c.title, d.state, d.due_at, d.basis, d.due_at < ?3, c.lead_agency_id"

static const char sql_set_state[] = "UPDATE cases SET state = ?, updated_at = ?,"
                                    " version = version + 1 WHERE id = ?";
static const char sql_event_add[] =
    "INSERT INTO case_events (case_id, " EVT_COL ") VALUES (?1, (SELECT coalesce(max(seq), 0)"
    " + 1 FROM case_events WHERE case_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char sql_events[] =
    "SELECT e.seq, e.at, e.actor_id, e.agency_id, e.kind, e.step, e.from_state, e.to_state,"
    " e.rationale, e.fields, e.late_days, u.display_name, g.name FROM case_events e"
    " LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN agencies g ON g.id = e.agency_id"
    " WHERE e.case_id = ?1 ORDER BY e.seq";
static const char sql_deadline_set[] =
    "INSERT INTO case_deadlines (case_id, state, due_at, basis) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (case_id) DO UPDATE SET state = excluded.state, due_at = excluded.due_at,"
    " basis = excluded.basis, reminded_at = NULL, lapsed_at = NULL";
static const char sql_deadline_clear[] = "DELETE FROM case_deadlines WHERE case_id = ?";
/* ?1 agency (NULL: all), ?2 user, ?3 now for "overdue", ?4 before */
static const char sql_due[] =
    "SELECT " DUE_COL " FROM case_deadlines d JOIN cases c ON c.id = d.case_id"
    " WHERE d.due_at < ?4 AND (?1 IS NULL OR c.lead_agency_id = ?1 OR EXISTS (SELECT 1 FROM"
    " case_members m WHERE m.case_id = c.id AND m.agency_id = ?1 AND (m.user_id IS NULL OR"
    " m.user_id = ?2))) ORDER BY d.due_at, c.id";
static const char sql_lapsed[] =
    "SELECT " DUE_COL " FROM case_deadlines d JOIN cases c ON c.id = d.case_id"
    " WHERE d.due_at < ?3 AND d.lapsed_at IS NULL AND ?1 IS NULL AND ?2 IS NULL"
    " AND ?4 IS NOT NULL ORDER BY d.due_at, c.id";
static const char sql_lapse[] = "UPDATE case_deadlines SET lapsed_at = ? WHERE case_id = ?";
static const char sql_to_remind[] =
    "SELECT " DUE_COL " FROM case_deadlines d JOIN cases c ON c.id = d.case_id"
    " WHERE d.due_at >= ?3 AND d.due_at < ?4 AND d.reminded_at IS NULL AND d.lapsed_at IS NULL"
    " AND ?1 IS NULL AND ?2 IS NULL ORDER BY d.due_at, c.id";
/* ?1 agency, ?2 user, ?3 mine, ?4 lead only, ?5 type, ?6 state, ?7 now, ?8 before, ?9 limit */
static const char sql_case_list[] =
    "SELECT c.id, c.lead_agency_id, g.name, c.case_type, c.state, c.title, c.created_at,"
    " d.due_at, d.due_at < ?7 FROM cases c JOIN agencies g ON g.id = c.lead_agency_id"
    " LEFT JOIN case_deadlines d ON d.case_id = c.id"
    " WHERE (c.lead_agency_id = ?1 OR EXISTS (SELECT 1 FROM case_members m WHERE"
    " m.case_id = c.id AND m.agency_id = ?1 AND (m.user_id IS NULL OR m.user_id = ?2)))"
    " AND (?3 = 0 OR c.created_by = ?2 OR EXISTS (SELECT 1 FROM case_members m WHERE"
    " m.case_id = c.id AND m.user_id = ?2))"
    " AND (?4 = 0 OR c.lead_agency_id = ?1) AND (?5 IS NULL OR c.case_type = ?5)"
    " AND (?6 IS NULL OR c.state = ?6) AND (?8 IS NULL OR d.due_at < ?8)"
    " ORDER BY d.due_at IS NULL, d.due_at, c.created_at DESC, c.id LIMIT ?9";
static const char sql_remind[] = "UPDATE case_deadlines SET reminded_at = ? WHERE case_id = ?";

ac_code
aci_store_case_set_state(struct aci_store *s,
                         const char *id,
                         const char *state,
                         const char *now,
                         ac_error *err)
{
    return aci_store_runf(s, sql_set_state, err, "ttt", state, now, id);
}

ac_code
aci_store_case_event_add(struct aci_store *s,
                         const char *case_id,
                         const ac_case_event *e,
                         ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_event_add, &st, err);

    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "tttttttttt", case_id, e->at, e->actor_id, e->agency_id,
                            e->kind, e->step, e->from_state, e->to_state, e->rationale,
                            e->fields_json != NULL ? e->fields_json : "{}");
    }
    if (rc == AC_OK && e->late_days > 0) {
        rc = aci_stmt_int(st, 11, e->late_days, err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_run(st, err);
    }
    aci_stmt_done(st);
    return rc;
}

static ac_code
read_event(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_case_event *e = elem;
    bool oom = false;

    (void)ctx;
    e->seq = aci_stmt_col_int(st, 0);
    e->at = aci_stmt_col_dup(st, 1, a, &oom);
    e->actor_id = aci_stmt_col_dup(st, 2, a, &oom);
    e->agency_id = aci_stmt_col_dup(st, 3, a, &oom);
    e->kind = aci_stmt_col_dup(st, 4, a, &oom);
    e->step = aci_stmt_col_dup(st, 5, a, &oom);
    e->from_state = aci_stmt_col_dup(st, 6, a, &oom);
    e->to_state = aci_stmt_col_dup(st, 7, a, &oom);
    e->rationale = aci_stmt_col_dup(st, 8, a, &oom);
    e->fields_json = aci_stmt_col_dup(st, 9, a, &oom);
    e->late_days = (int)aci_stmt_col_int(st, 10);
    e->actor_name = aci_stmt_col_dup(st, 11, a, &oom);
    e->agency_name = aci_stmt_col_dup(st, 12, a, &oom);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_case_events(struct aci_store *s,
                      const char *case_id,
                      ac_arena *a,
                      ac_case_event **out,
                      size_t *out_n,
                      ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_events, &st, err);

    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", case_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, read_event, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_case_deadline_set(struct aci_store *s,
                            const char *case_id,
                            const char *state,
                            const char *due_at,
                            const char *basis,
                            ac_error *err)
{
    return due_at != NULL
               ? aci_store_runf(s, sql_deadline_set, err, "tttt", case_id, state, due_at, basis)
               : aci_store_runf(s, sql_deadline_clear, err, "t", case_id);
}

static ac_code
read_due(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_case_due *d = elem;
    bool oom = false;

    (void)ctx;
    d->case_id = aci_stmt_col_dup(st, 0, a, &oom);
    d->case_type = aci_stmt_col_dup(st, 1, a, &oom);
    d->title = aci_stmt_col_dup(st, 2, a, &oom);
    d->state = aci_stmt_col_dup(st, 3, a, &oom);
    d->due_at = aci_stmt_col_dup(st, 4, a, &oom);
    d->basis = aci_stmt_col_dup(st, 5, a, &oom);
    d->overdue = aci_stmt_col_int(st, 6) != 0;
    d->lead_agency_id = aci_stmt_col_dup(st, 7, a, &oom);
    return aci_row_done(AC_OK, oom, err);
}

static ac_code
due_query(struct aci_store *s,
          const char *sql,
          const char *agency_id,
          const char *user_id,
          const char *now,
          const char *before,
          ac_arena *a,
          ac_case_due **out,
          size_t *out_n,
          ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "tttt", agency_id, user_id, now, before);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, read_due, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_cases_due(struct aci_store *s,
                    const char *agency_id,
                    const char *user_id,
                    const char *now,
                    const char *before,
                    ac_arena *a,
                    ac_case_due **out,
                    size_t *out_n,
                    ac_error *err)
{
    return due_query(s, sql_due, agency_id, user_id, now, before, a, out, out_n, err);
}

ac_code
aci_store_case_deadlines_unalerted(struct aci_store *s,
                                   bool reminder,
                                   const char *now,
                                   const char *soon,
                                   ac_arena *a,
                                   ac_case_due **out,
                                   size_t *out_n,
                                   ac_error *err)
{
    return reminder ? due_query(s, sql_to_remind, NULL, NULL, now, soon, a, out, out_n, err)
                    : due_query(s, sql_lapsed, NULL, NULL, now, now, a, out, out_n, err);
}

ac_code
aci_store_case_deadline_alerted(struct aci_store *s,
                                const char *case_id,
                                bool reminder,
                                const char *now,
                                ac_error *err)
{
    return aci_store_runf(s, reminder ? sql_remind : sql_lapse, err, "tt", now, case_id);
}

static ac_code
read_summary(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_case_summary *c = elem;
    bool oom = false;

    (void)ctx;
    c->id = aci_stmt_col_dup(st, 0, a, &oom);
    c->lead_agency_id = aci_stmt_col_dup(st, 1, a, &oom);
    c->lead_agency_name = aci_stmt_col_dup(st, 2, a, &oom);
    c->case_type = aci_stmt_col_dup(st, 3, a, &oom);
    c->state = aci_stmt_col_dup(st, 4, a, &oom);
    c->title = aci_stmt_col_dup(st, 5, a, &oom);
    c->opened_at = aci_stmt_col_dup(st, 6, a, &oom);
    c->due_at = aci_stmt_col_dup(st, 7, a, &oom);
    c->overdue = c->due_at != NULL && aci_stmt_col_int(st, 8) != 0;
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_case_list(struct aci_store *s,
                    const char *agency_id,
                    const char *user_id,
                    bool mine,
                    bool lead_only,
                    const char *type,
                    const char *state,
                    const char *now,
                    const char *before,
                    size_t limit,
                    ac_arena *a,
                    ac_case_summary **out,
                    size_t *out_n,
                    ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_case_list, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "ttiitttti", agency_id, user_id, (int64_t)mine,
                            (int64_t)lead_only, type, state, now, before, (int64_t)limit);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, read_summary, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}
