/* SPDX-License-Identifier: Apache-2.0
 *
 * store_notify.c - the SQL of e-mail notification (store_notify.h): addresses, the
 * supervisor flag and the notification outbox.  Who is told is the policy's choice.
 */
#include "internal.h"

#include "store/store_notify.h"

#include "accord/party.h"
#include "model/model.h"
#include "store/store.h"

static const char sql_contact_set[] = "UPDATE users SET email = ?, supervisor = ? WHERE id = ?";
static const char sql_contact_get[] = "SELECT email, supervisor FROM users WHERE id = ?1";
static const char sql_users[] =
    "SELECT u.id, u.agency_id, g.kind, u.roles, u.vetting, u.status, u.supervisor"
    " FROM users u JOIN agencies g ON g.id = u.agency_id WHERE u.email IS NOT NULL"
    " ORDER BY u.id";
static const char sql_queue[] = "INSERT INTO notifications (id, created_at, user_id,"
                                " alert_id, tier) VALUES (?, ?, ?, ?, ?)"
                                " ON CONFLICT DO NOTHING";
static const char sql_pending[] =
    "SELECT n.id, n.user_id, u.email, n.alert_id, n.tier, a.priority, a.case_id IS NOT NULL,"
    " n.attempts FROM notifications n JOIN users u ON u.id = n.user_id"
    " JOIN alerts a ON a.id = n.alert_id WHERE n.sent_at IS NULL AND n.attempts < ?"
    " AND u.email IS NOT NULL ORDER BY n.created_at, n.id LIMIT ?";
static const char sql_sent[] =
    "UPDATE notifications SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?";
static const char sql_failed[] =
    "UPDATE notifications SET attempts = attempts + 1, last_error = ? WHERE id = ?";

ac_code
aci_store_user_contact_set(struct aci_store *s,
                           const char *user_id,
                           const char *email,
                           bool supervisor,
                           ac_error *err)
{
    return aci_store_runf(s, sql_contact_set, err, "tit", email, (int64_t)supervisor, user_id);
}

struct contact {
    const char *email;
    bool supervisor;
};

static ac_code
contact_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    struct contact *c = elem;
    bool oom = false;

    (void)ctx;
    c->email = aci_stmt_col_dup(st, 0, a, &oom);
    c->supervisor = aci_stmt_col_int(st, 1) != 0;
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_user_contact_get(struct aci_store *s,
                           const char *user_id,
                           ac_arena *a,
                           const char **out_email,
                           bool *out_supervisor,
                           ac_error *err)
{
    struct contact c = { NULL, false };
    ac_code rc = aci_store_load_one(s, sql_contact_get, user_id, "user", a, contact_row, &c, err);

    *out_email = rc == AC_OK ? c.email : NULL;
    *out_supervisor = rc == AC_OK && c.supervisor;
    return rc;
}

static ac_code
user_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    struct aci_notify_user *u = elem;
    bool oom = false;

    (void)ctx;
    u->user_id = aci_stmt_col_dup(st, 0, a, &oom);
    u->agency_id = aci_stmt_col_dup(st, 1, a, &oom);
    u->roles = (unsigned)aci_stmt_col_int(st, 3);
    u->supervisor = aci_stmt_col_int(st, 6) != 0;
    if (ac_agency_kind_parse(aci_stmt_col_text(st, 2), &u->kind, err) != AC_OK ||
        ac_vetting_parse(aci_stmt_col_text(st, 4), &u->vetting, err) != AC_OK ||
        ac_user_status_parse(aci_stmt_col_text(st, 5), &u->status, err) != AC_OK) {
        return AC_ESTORAGE;
    }
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_notify_users(struct aci_store *s,
                       ac_arena *a,
                       struct aci_notify_user **out,
                       size_t *out_n,
                       ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_users, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, user_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_notify_queue(struct aci_store *s,
                       const char *id,
                       const char *at,
                       const char *user_id,
                       const char *alert_id,
                       int tier,
                       bool *out_queued,
                       ac_error *err)
{
    ac_code rc =
        aci_store_runf(s, sql_queue, err, "tttti", id, at, user_id, alert_id, (int64_t)tier);

    *out_queued = rc == AC_OK && aci_store_changes(s) == 1;
    return rc;
}

static ac_code
pending_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    struct aci_notification *n = elem;
    bool oom = false;

    (void)ctx;
    n->id = aci_stmt_col_dup(st, 0, a, &oom);
    n->user_id = aci_stmt_col_dup(st, 1, a, &oom);
    n->email = aci_stmt_col_dup(st, 2, a, &oom);
    n->alert_id = aci_stmt_col_dup(st, 3, a, &oom);
    n->tier = (int)aci_stmt_col_int(st, 4);
    n->priority = aci_stmt_col_dup(st, 5, a, &oom);
    n->is_case = aci_stmt_col_int(st, 6) != 0;
    n->attempts = (int)aci_stmt_col_int(st, 7);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_notify_pending(struct aci_store *s,
                         int64_t limit,
                         int64_t max_attempts,
                         ac_arena *a,
                         struct aci_notification **out,
                         size_t *out_n,
                         ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_pending, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "ii", max_attempts, limit);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, pending_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_notify_done(struct aci_store *s,
                      const char *id,
                      const char *at,
                      const char *error,
                      ac_error *err)
{
    return error == NULL ? aci_store_runf(s, sql_sent, err, "tt", at, id)
                         : aci_store_runf(s, sql_failed, err, "tt", error, id);
}

/* ---- requests for information (migration 0017) ---- */

static const char sql_rfi_queue[] = "INSERT INTO rfi_notifications (id, created_at,"
                                    " user_id, rfi_id, kind) VALUES (?, ?, ?, ?, ?)"
                                    " ON CONFLICT DO NOTHING";
static const char sql_rfi_pending[] =
    "SELECT n.id, n.user_id, u.email, n.rfi_id, n.kind, r.urgency, r.due_at, n.attempts"
    " FROM rfi_notifications n JOIN users u ON u.id = n.user_id"
    " JOIN rfis r ON r.id = n.rfi_id WHERE n.sent_at IS NULL AND n.attempts < ?"
    " AND u.email IS NOT NULL ORDER BY n.created_at, n.id LIMIT ?";
static const char sql_rfi_sent[] = "UPDATE rfi_notifications SET sent_at = ?, attempts ="
                                   " attempts + 1, last_error = NULL WHERE id = ?";
static const char sql_rfi_failed[] =
    "UPDATE rfi_notifications SET attempts = attempts + 1, last_error = ? WHERE id = ?";

ac_code
aci_store_rfi_notify_queue(struct aci_store *s,
                           const char *id,
                           const char *at,
                           const char *user_id,
                           const char *rfi_id,
                           const char *kind,
                           bool *out_queued,
                           ac_error *err)
{
    ac_code rc = aci_store_runf(s, sql_rfi_queue, err, "ttttt", id, at, user_id, rfi_id, kind);

    *out_queued = rc == AC_OK && aci_store_changes(s) == 1;
    return rc;
}

static ac_code
rfi_pending_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    struct aci_rfi_notification *n = elem;
    bool oom = false;

    (void)ctx;
    n->id = aci_stmt_col_dup(st, 0, a, &oom);
    n->user_id = aci_stmt_col_dup(st, 1, a, &oom);
    n->email = aci_stmt_col_dup(st, 2, a, &oom);
    n->rfi_id = aci_stmt_col_dup(st, 3, a, &oom);
    n->kind = aci_stmt_col_dup(st, 4, a, &oom);
    n->urgency = aci_stmt_col_dup(st, 5, a, &oom);
    n->due_at = aci_stmt_col_dup(st, 6, a, &oom);
    n->attempts = (int)aci_stmt_col_int(st, 7);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_rfi_notify_pending(struct aci_store *s,
                             int64_t limit,
                             int64_t max_attempts,
                             ac_arena *a,
                             struct aci_rfi_notification **out,
                             size_t *out_n,
                             ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_rfi_pending, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "ii", max_attempts, limit);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, rfi_pending_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_rfi_notify_done(struct aci_store *s,
                          const char *id,
                          const char *at,
                          const char *error,
                          ac_error *err)
{
    return error == NULL ? aci_store_runf(s, sql_rfi_sent, err, "tt", at, id)
                         : aci_store_runf(s, sql_rfi_failed, err, "tt", error, id);
}
