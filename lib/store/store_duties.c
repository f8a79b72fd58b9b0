/* SPDX-License-Identifier: Apache-2.0
 *
 * store_duties.c - SQL for separation of duties (store_duties.h).
 */
#include "internal.h"

#include "model/model.h"
#include "store/store.h"
#include "store/store_duties.h"

static const char sql_hub_agency[] = "SELECT id FROM agencies WHERE hosts_hub = 1";
static const char sql_hub_mark[] = "UPDATE agencies SET hosts_hub = 1 WHERE id = ?";
static const char sql_is_service[] = "SELECT kind = 'service' FROM users WHERE id = ?";
static const char sql_mark_service[] = "UPDATE users SET kind = 'service' WHERE id = ?";
static const char sql_user_apply[] =
    "UPDATE users SET roles = ?, vetting = ?, agency_id = ?, status = ? WHERE id = ?";
#define GRANT_COLS                                                                  \
    "g.id, g.user_id, u.username, g.roles, g.vetting, g.agency_id, g.requested_by," \
    " g.requested_at, g.decided_by, g.decided_at, g.status, u.agency_id"
static const char sql_grant_insert[] =
    "INSERT INTO user_grants (id, user_id, roles, vetting, agency_id, requested_by,"
    " requested_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char sql_grant_load[] = "SELECT " GRANT_COLS " FROM user_grants g"
                                     " JOIN users u ON u.id = g.user_id WHERE g.id = ?";
static const char sql_grants_pending[] =
    "SELECT " GRANT_COLS " FROM user_grants g JOIN users u ON u.id = g.user_id"
    " WHERE g.status = 'pending' AND (?1 IS NULL OR u.agency_id = ?1 OR g.agency_id = ?1)"
    " ORDER BY g.requested_at, g.id";
static const char sql_grant_decide[] = "UPDATE user_grants SET status = ?, decided_by = ?,"
                                       " decided_at = ? WHERE id = ? AND status = 'pending'";
static const char sql_code_set[] =
    "INSERT INTO enrolment_codes (user_id, code_hash, issued_by, issued_at, expires_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_id) DO UPDATE SET code_hash = ?2,"
    " issued_by = ?3, issued_at = ?4, expires_at = ?5";
static const char sql_token_user[] = "SELECT user_id FROM api_tokens WHERE id = ?";
static const char sql_grant_pending_for[] =
    "SELECT 1 FROM user_grants WHERE user_id = ? AND status = 'pending' LIMIT 1";
/* a user's own tokens, and (AGENCY_ID not NULL) those of that agency's service accounts */
static const char sql_tokens_list[] =
    "SELECT t.id, t.user_id, u.username, t.scopes, t.created_by, t.created_at, t.expires_at,"
    " t.revoked_at FROM api_tokens t JOIN users u ON u.id = t.user_id"
    " WHERE t.user_id = ?1 OR (?2 IS NOT NULL AND u.kind = 'service' AND u.agency_id = ?2)"
    " ORDER BY t.created_at, t.id";
static const char sql_code_take[] =
    "DELETE FROM enrolment_codes WHERE user_id = ? AND code_hash = ? AND expires_at > ?";

ac_code
aci_store_hub_agency(struct aci_store *s, ac_arena *a, const char **out, ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool has_row = false, oom = false;
    ac_code rc = aci_stmt_get(s, sql_hub_agency, &st, err);

    *out = NULL;
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &has_row, err);
    }
    if (rc == AC_OK && !has_row) {
        rc = aci_fail(err, AC_ENOTFOUND, "the hub is not set up: run 'accord init'");
    }
    if (rc == AC_OK) {
        *out = aci_stmt_col_dup(st, 0, a, &oom);
        rc = aci_row_done(rc, oom, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_hub_agency_mark(struct aci_store *s, const char *agency_id, ac_error *err)
{
    return aci_store_runf(s, sql_hub_mark, err, "t", agency_id);
}

ac_code
aci_store_user_is_service(struct aci_store *s, const char *id, bool *out, ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool has_row = false;
    ac_code rc = aci_stmt_get(s, sql_is_service, &st, err);

    *out = false;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &has_row, err);
    }
    if (rc == AC_OK && !has_row) {
        rc = aci_fail(err, AC_ENOTFOUND, "no such user");
    }
    if (rc == AC_OK) {
        *out = aci_stmt_col_int(st, 0) != 0;
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_user_mark_service(struct aci_store *s, const char *id, ac_error *err)
{
    return aci_store_runf(s, sql_mark_service, err, "t", id);
}

ac_code
aci_store_user_apply(struct aci_store *s, const ac_user *u, ac_error *err)
{
    return aci_store_runf(s, sql_user_apply, err, "itttt", (int64_t)u->roles,
                          ac_vetting_str(u->vetting), u->agency_id, ac_user_status_str(u->status),
                          u->id);
}

ac_code
aci_store_grant_insert(struct aci_store *s, const ac_grant *g, ac_error *err)
{
    return aci_store_runf(s, sql_grant_insert, err,
                          "ttittt"
                          "t",
                          g->id, g->user_id, (int64_t)g->roles, ac_vetting_str(g->vetting),
                          g->agency_id, g->requested_by, g->requested_at);
}

static ac_code
grant_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_grant *g = elem;
    bool oom = false;
    const char *vetting;
    ac_code rc = AC_OK;

    (void)ctx;
    g->id = aci_stmt_col_dup(st, 0, a, &oom);
    g->user_id = aci_stmt_col_dup(st, 1, a, &oom);
    g->username = aci_stmt_col_dup(st, 2, a, &oom);
    g->roles = (unsigned)aci_stmt_col_int(st, 3);
    vetting = aci_stmt_col_text(st, 4);
    g->agency_id = aci_stmt_col_dup(st, 5, a, &oom);
    g->requested_by = aci_stmt_col_dup(st, 6, a, &oom);
    g->requested_at = aci_stmt_col_dup(st, 7, a, &oom);
    g->decided_by = aci_stmt_col_dup(st, 8, a, &oom);
    g->decided_at = aci_stmt_col_dup(st, 9, a, &oom);
    g->status = aci_stmt_col_dup(st, 10, a, &oom);
    g->from_agency_id = aci_stmt_col_dup(st, 11, a, &oom);
    if (vetting == NULL || ac_vetting_parse(vetting, &g->vetting, NULL) != AC_OK) {
        rc = aci_fail(err, AC_ESTORAGE, "grant '%s': stored vetting is not a level", g->id);
    }
    return aci_row_done(rc, oom, err);
}

ac_code
aci_store_grant_load(struct aci_store *s, const char *id, ac_arena *a, ac_grant *out, ac_error *err)
{
    return aci_store_load_one(s, sql_grant_load, id, "grant", a, grant_row, out, err);
}

ac_code
aci_store_grants_pending(struct aci_store *s,
                         const char *agency_id,
                         ac_arena *a,
                         ac_grant **out,
                         size_t *out_n,
                         ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_grants_pending, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", agency_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, grant_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_grant_decide(struct aci_store *s,
                       const char *id,
                       const char *status,
                       const char *by,
                       const char *at,
                       ac_error *err)
{
    ac_code rc = aci_store_runf(s, sql_grant_decide, err, "tttt", status, by, at, id);

    if (rc == AC_OK && aci_store_changes(s) != 1) {
        rc = aci_fail(err, AC_ECONFLICT, "grant '%s' was already decided", id);
    }
    return rc;
}

ac_code
aci_store_code_set(struct aci_store *s,
                   const char *user_id,
                   const char *code_hash,
                   const char *issued_by,
                   const char *issued_at,
                   const char *expires_at,
                   ac_error *err)
{
    return aci_store_runf(s, sql_code_set, err, "ttttt", user_id, code_hash, issued_by, issued_at,
                          expires_at);
}

ac_code
aci_store_code_take(struct aci_store *s,
                    const char *user_id,
                    const char *code_hash,
                    const char *now,
                    ac_error *err)
{
    ac_code rc = aci_store_runf(s, sql_code_take, err, "ttt", user_id, code_hash, now);

    if (rc == AC_OK && aci_store_changes(s) != 1) {
        rc = AC_ENOTFOUND;
    }
    return rc;
}

ac_code
aci_store_token_user(struct aci_store *s,
                     const char *id,
                     ac_arena *a,
                     const char **out,
                     ac_error *err)
{
    *out = NULL;
    return aci_store_load_one(s, sql_token_user, id, "token", a, aci_row_text, out, err);
}

ac_code
aci_store_user_grant_pending(struct aci_store *s, const char *user_id, bool *out, ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool has_row = false;
    ac_code rc = aci_stmt_get(s, sql_grant_pending_for, &st, err);

    *out = false;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", user_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &has_row, err);
    }
    *out = rc == AC_OK && has_row;
    aci_stmt_done(st);
    return rc;
}

static ac_code
token_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_token_info *t = elem;
    bool oom = false;

    (void)ctx;
    t->id = aci_stmt_col_dup(st, 0, a, &oom);
    t->user_id = aci_stmt_col_dup(st, 1, a, &oom);
    t->username = aci_stmt_col_dup(st, 2, a, &oom);
    t->scopes = aci_stmt_col_dup(st, 3, a, &oom);
    t->created_by = aci_stmt_col_dup(st, 4, a, &oom);
    t->created_at = aci_stmt_col_dup(st, 5, a, &oom);
    t->expires_at = aci_stmt_col_dup(st, 6, a, &oom);
    t->revoked_at = aci_stmt_col_dup(st, 7, a, &oom);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_tokens_list(struct aci_store *s,
                      const char *user_id,
                      const char *service_agency_id,
                      ac_arena *a,
                      ac_token_info **out,
                      size_t *out_n,
                      ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_tokens_list, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "tt", user_id, service_agency_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, token_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}
