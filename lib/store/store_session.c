/* SPDX-License-Identifier: Apache-2.0
 *
 * store_session.c - SQL for passwords, sign-in failures and sessions (store_session.h).
 */
#include "internal.h"

#include "store/store.h"
#include "store/store_session.h"

static const char sql_credentials[] = "SELECT id, password_hash, failed_sign_ins, locked_until,"
                                      " status, totp_secret, totp_last_step FROM users"
                                      " WHERE username = ?";
static const char sql_set_password[] = "UPDATE users SET password_hash = ?, failed_sign_ins = 0,"
                                       " locked_until = NULL WHERE id = ?";
static const char sql_failed[] =
    "UPDATE users SET failed_sign_ins = failed_sign_ins + 1, locked_until = ? WHERE id = ?";
static const char sql_ok[] =
    "UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?";
static const char sql_session_add[] =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen, expires_at)"
    " VALUES (?, ?, ?, ?, ?, ?)";
static const char sql_session_load[] =
    "SELECT user_id, csrf_token, last_seen, expires_at FROM sessions WHERE token_hash = ?";
static const char sql_session_touch[] = "UPDATE sessions SET last_seen = ? WHERE token_hash = ?";
static const char sql_session_delete[] = "DELETE FROM sessions WHERE token_hash = ?";

ac_code
aci_store_credentials(struct aci_store *s,
                      const char *username,
                      ac_arena *a,
                      struct aci_credentials *out,
                      ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false, oom = false;
    ac_code rc = aci_stmt_get(s, sql_credentials, &st, err);

    memset(out, 0, sizeof *out);
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", username);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &row, err);
    }
    if (rc == AC_OK && !row) {
        rc = AC_ENOTFOUND;
    }
    if (rc == AC_OK) {
        out->user_id = aci_stmt_col_dup(st, 0, a, &oom);
        out->password_hash = aci_stmt_col_dup(st, 1, a, &oom);
        out->failed = aci_stmt_col_int(st, 2);
        out->locked_until = aci_stmt_col_dup(st, 3, a, &oom);
        out->status = aci_stmt_col_dup(st, 4, a, &oom);
        out->totp_secret = aci_stmt_col_dup(st, 5, a, &oom);
        out->totp_last_step = aci_stmt_col_int(st, 6);
        if (oom || out->user_id == NULL || out->status == NULL) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory");
        }
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_set_password(struct aci_store *s, const char *user_id, const char *hash, ac_error *err)
{
    return aci_store_runf(s, sql_set_password, err, "tt", hash, user_id);
}

ac_code
aci_store_sign_in_failed(struct aci_store *s,
                         const char *user_id,
                         const char *lock_until,
                         ac_error *err)
{
    return aci_store_runf(s, sql_failed, err, "tt", lock_until, user_id);
}

ac_code
aci_store_sign_in_ok(struct aci_store *s, const char *user_id, ac_error *err)
{
    return aci_store_runf(s, sql_ok, err, "t", user_id);
}

ac_code
aci_store_session_insert(struct aci_store *s,
                         const char *token_hash,
                         const char *user_id,
                         const char *csrf,
                         const char *now,
                         const char *expires,
                         ac_error *err)
{
    return aci_store_runf(s, sql_session_add, err, "tttttt", token_hash, user_id, csrf, now, now,
                          expires);
}

ac_code
aci_store_session_load(struct aci_store *s,
                       const char *token_hash,
                       ac_arena *a,
                       const char **user_id,
                       const char **csrf,
                       const char **last_seen,
                       const char **expires,
                       ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false, oom = false;
    ac_code rc = aci_stmt_get(s, sql_session_load, &st, err);

    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", token_hash);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &row, err);
    }
    if (rc == AC_OK && !row) {
        rc = AC_ENOTFOUND;
    }
    if (rc == AC_OK) {
        *user_id = aci_stmt_col_dup(st, 0, a, &oom);
        *csrf = aci_stmt_col_dup(st, 1, a, &oom);
        *last_seen = aci_stmt_col_dup(st, 2, a, &oom);
        *expires = aci_stmt_col_dup(st, 3, a, &oom);
        if (oom || *user_id == NULL || *csrf == NULL || *last_seen == NULL || *expires == NULL) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory");
        }
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_session_touch(struct aci_store *s, const char *token_hash, const char *now, ac_error *err)
{
    return aci_store_runf(s, sql_session_touch, err, "tt", now, token_hash);
}

ac_code
aci_store_session_delete(struct aci_store *s, const char *token_hash, ac_error *err)
{
    return aci_store_runf(s, sql_session_delete, err, "t", token_hash);
}

static const char sql_token_add[] =
    "INSERT INTO api_tokens (id, token_hash, user_id, scopes, created_by, created_at, expires_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char sql_token_load[] =
    "SELECT user_id, scopes, expires_at, revoked_at, id FROM api_tokens WHERE token_hash = ?";
static const char sql_token_revoke[] =
    "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";

ac_code
aci_store_token_insert(struct aci_store *s, const struct aci_token *t, ac_error *err)
{
    return aci_store_runf(s, sql_token_add, err, "ttttttt", t->id, t->token_hash, t->user_id,
                          t->scopes, t->created_by, t->created_at, t->expires_at);
}

ac_code
aci_store_token_load(struct aci_store *s,
                     const char *token_hash,
                     ac_arena *a,
                     struct aci_token *out,
                     ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false, oom = false;
    ac_code rc = aci_stmt_get(s, sql_token_load, &st, err);

    memset(out, 0, sizeof *out);
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", token_hash);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &row, err);
    }
    if (rc == AC_OK && !row) {
        rc = AC_ENOTFOUND;
    }
    if (rc == AC_OK) {
        out->user_id = aci_stmt_col_dup(st, 0, a, &oom);
        out->scopes = aci_stmt_col_dup(st, 1, a, &oom);
        out->expires_at = aci_stmt_col_dup(st, 2, a, &oom);
        out->revoked_at = aci_stmt_col_dup(st, 3, a, &oom);
        out->id = aci_stmt_col_dup(st, 4, a, &oom);
        if (oom || out->user_id == NULL || out->scopes == NULL || out->expires_at == NULL) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory");
        }
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_token_revoke(struct aci_store *s, const char *id, const char *now, ac_error *err)
{
    ac_code rc = aci_store_runf(s, sql_token_revoke, err, "tt", now, id);

    if (rc == AC_OK && aci_store_changes(s) == 0) {
        rc = aci_fail(err, AC_ENOTFOUND, "no live token '%s'", id);
    }
    return rc;
}

static const char sql_totp_pending[] = "UPDATE users SET totp_pending = ? WHERE id = ?";
static const char sql_totp_get_pending[] = "SELECT totp_pending FROM users WHERE id = ?";
static const char sql_totp_activate[] =
    "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ?"
    " WHERE id = ?";
static const char sql_totp_used[] = "UPDATE users SET totp_last_step = ? WHERE id = ?";

ac_code
aci_store_totp_pending(struct aci_store *s,
                       const char *user_id,
                       const char *secret_hex,
                       ac_error *err)
{
    return aci_store_runf(s, sql_totp_pending, err, "tt", secret_hex, user_id);
}

ac_code
aci_store_totp_get_pending(struct aci_store *s,
                           const char *user_id,
                           ac_arena *a,
                           const char **out,
                           ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false, oom = false;
    ac_code rc = aci_stmt_get(s, sql_totp_get_pending, &st, err);

    *out = NULL;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", user_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &row, err);
    }
    if (rc == AC_OK) {
        *out = row ? aci_stmt_col_dup(st, 0, a, &oom) : NULL;
        rc = oom ? aci_fail(err, AC_ENOMEM, "out of memory") : *out != NULL ? AC_OK : AC_ENOTFOUND;
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_totp_activate(struct aci_store *s, const char *user_id, int64_t step, ac_error *err)
{
    return aci_store_runf(s, sql_totp_activate, err, "it", step, user_id);
}

ac_code
aci_store_totp_used(struct aci_store *s, const char *user_id, int64_t step, ac_error *err)
{
    return aci_store_runf(s, sql_totp_used, err, "it", step, user_id);
}
