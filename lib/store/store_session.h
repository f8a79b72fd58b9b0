/* SPDX-License-Identifier: Apache-2.0
 *
 * store_session.h - SQL for passwords, sign-in failures and sessions.
 */
#ifndef ACI_STORE_SESSION_H
#define ACI_STORE_SESSION_H

#include "internal.h"

#include "accord/arena.h"

struct aci_store;

struct aci_credentials {
    const char *user_id;
    const char *password_hash; /* NULL when no password was ever set */
    int64_t failed;            /* consecutive failures */
    const char *locked_until;  /* RFC 3339, or NULL */
    const char *status;        /* "active", ... */
    const char *totp_secret;   /* hex, when a second factor is active; else NULL */
    int64_t totp_last_step;    /* last 30-second step whose code was accepted */
};

/* AC_ENOTFOUND when there is no such user. */
ac_code aci_store_credentials(struct aci_store *s,
                              const char *username,
                              ac_arena *a,
                              struct aci_credentials *out,
                              ac_error *err);
ac_code
aci_store_set_password(struct aci_store *s, const char *user_id, const char *hash, ac_error *err);
/* Record a failure (and a lock until LOCK_UNTIL when not NULL) or reset after success. */
ac_code aci_store_sign_in_failed(struct aci_store *s,
                                 const char *user_id,
                                 const char *lock_until,
                                 ac_error *err);
ac_code aci_store_sign_in_ok(struct aci_store *s, const char *user_id, ac_error *err);

ac_code aci_store_session_insert(struct aci_store *s,
                                 const char *token_hash,
                                 const char *user_id,
                                 const char *csrf,
                                 const char *now,
                                 const char *expires,
                                 ac_error *err);
/* User id, CSRF token, last_seen and expiry of a session; AC_ENOTFOUND if none. */
ac_code aci_store_session_load(struct aci_store *s,
                               const char *token_hash,
                               ac_arena *a,
                               const char **user_id,
                               const char **csrf,
                               const char **last_seen,
                               const char **expires,
                               ac_error *err);
ac_code aci_store_session_touch(struct aci_store *s,
                                const char *token_hash,
                                const char *now,
                                ac_error *err);
ac_code aci_store_session_delete(struct aci_store *s, const char *token_hash, ac_error *err);

struct aci_token {
    const char *id;
    const char *token_hash; /* SHA-256 of the secret, hex */
    const char *user_id;    /* the user it acts as */
    const char *scopes;     /* comma-separated */
    const char *created_by;
    const char *created_at;
    const char *expires_at;
    const char *revoked_at; /* or NULL */
};

ac_code aci_store_token_insert(struct aci_store *s, const struct aci_token *t, ac_error *err);
/* AC_ENOTFOUND when no token has that hash. */
ac_code aci_store_token_load(struct aci_store *s,
                             const char *token_hash,
                             ac_arena *a,
                             struct aci_token *out,
                             ac_error *err);
/* AC_ENOTFOUND when there is no unrevoked token with that id. */
ac_code aci_store_token_revoke(struct aci_store *s, const char *id, const char *now, ac_error *err);

/* Second factor: a pending secret (enrolment), its activation, the last step used. */
ac_code aci_store_totp_pending(struct aci_store *s,
                               const char *user_id,
                               const char *secret_hex,
                               ac_error *err);
/* The pending secret, or AC_ENOTFOUND. */
ac_code aci_store_totp_get_pending(struct aci_store *s,
                                   const char *user_id,
                                   ac_arena *a,
                                   const char **out,
                                   ac_error *err);
ac_code
aci_store_totp_activate(struct aci_store *s, const char *user_id, int64_t step, ac_error *err);
ac_code aci_store_totp_used(struct aci_store *s, const char *user_id, int64_t step, ac_error *err);

#endif /* ACI_STORE_SESSION_H */
