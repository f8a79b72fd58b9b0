/* SPDX-License-Identifier: Apache-2.0
 *
 * session.h - people signing in: passwords (stored as Argon2id hashes), sessions with
 * idle and absolute expiry, lockout after repeated failures, sign-out.  Every sign-in,
 * failed or not, and every sign-out is audited.  Session tokens are returned once and
 * stored only as hashes.
 */
#ifndef ACCORD_SESSION_H
#define ACCORD_SESSION_H

#include <stdbool.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_PASSWORD_MIN 12 /* bytes */
/* Failed sign-ins are counted per (username, client address), for unknown usernames as for
 * real ones.  After AC_SIGN_IN_ATTEMPTS failures in a row, each further failure makes that
 * pair wait AC_SIGN_IN_DELAY_SECONDS, doubling with every failure up to
 * AC_SIGN_IN_DELAY_MAX; an attempt made while waiting is refused unchecked (it neither
 * counts nor extends the wait).  A success, or a new password, clears the count; so does a
 * day without failures.  Another client address is not delayed: a stranger cannot lock
 * the owner out. */
#define AC_SIGN_IN_ATTEMPTS       5 /* failures in a row before the delay starts */
#define AC_SIGN_IN_DELAY_SECONDS  30
#define AC_SIGN_IN_DELAY_MAX      (15 * 60)
#define AC_SIGN_IN_FORGET_SECONDS (24 * 3600)
#define AC_SIGN_IN_VERIFIERS      2 /* password hashes checked at once, per process */
#define AC_SESSION_IDLE_SECONDS   (30 * 60)
#define AC_SESSION_MAX_SECONDS    (12 * 3600)

typedef struct ac_session {
    const char *token;      /* secret; give it to the client once (a cookie) */
    const char *csrf_token; /* to echo in a header on every write made with the cookie;
                               NULL for an API token, which needs none */
    const char *expires_at; /* absolute expiry, RFC 3339 */
    const ac_actor *actor;  /* the signed-in user */
    const char *scopes;     /* an API token's comma-separated scopes; NULL for a person's
                               session, which may use every route its roles allow */
} ac_session;

/* Scopes an API token may carry. */
#define AC_SCOPES                                                                   \
    "persons:read,persons:write,items:read,items:write,agencies:read,records:read," \
    "records:write,cases:read,cases:write,reports:submit,reports:read,alerts:read," \
    "alerts:write,metrics:read"

/* Set USERNAME's password: by an administrator, or by the user for themself.  At least
 * AC_PASSWORD_MIN bytes of UTF-8.  Clears any lockout. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5) ac_code ac_user_set_password(ac_hub *hub,
                                                                        const ac_actor *actor,
                                                                        const char *purpose,
                                                                        const char *username,
                                                                        const char *password,
                                                                        ac_error *err);

/* Sign in from the local client: ac_session_open_from with CLIENT "" . */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 5, 6) ac_code ac_session_open(ac_hub *hub,
                                                                   const char *username,
                                                                   const char *password,
                                                                   const char *code,
                                                                   ac_arena *a,
                                                                   ac_session *out,
                                                                   ac_error *err);

/* Sign in from CLIENT (its address, or "" for a local caller).  CODE is the one-time code
 * of a user who enrolled a second factor (NULL otherwise).  AC_EDENIED for a wrong
 * username or password (the two are not told apart, in the answer, the time it takes or
 * the delay that follows), a missing or wrong code (counted like a wrong password), or
 * while the pair (USERNAME, CLIENT) must wait after repeated failures (see
 * AC_SIGN_IN_ATTEMPTS): *OUT_RETRY_AFTER is then the seconds left, else 0.  The password
 * hash is checked off the hub's writer, at most AC_SIGN_IN_VERIFIERS at once, so a flood
 * of sign-ins does not hold up other calls.  *OUT filled in A on success. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 6, 7, 8) ac_code ac_session_open_from(ac_hub *hub,
                                                                              const char *client,
                                                                              const char *username,
                                                                              const char *password,
                                                                              const char *code,
                                                                              ac_arena *a,
                                                                              ac_session *out,
                                                                              int *out_retry_after,
                                                                              ac_error *err);

/* Start enrolling the actor's own second factor (TOTP, RFC 6238: SHA-1, 6 digits, 30 s).
 * A session alone is not enough: PASSWORD is the actor's password, and CODE (NULL when
 * none is enrolled yet) the current one-time code of the factor already enrolled, which
 * this one is to replace.  AC_EDENIED when either is wrong (counted like a failed
 * sign-in from the local client).  In A: the secret in base32, an otpauth:// URI for
 * authenticator apps, and that URI as an SVG QR code.  Nothing changes for signing in
 * until ac_totp_confirm. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 6, 7, 8, 9) ac_code ac_totp_enrol(ac_hub *hub,
                                                                          const ac_actor *actor,
                                                                          const char *purpose,
                                                                          const char *password,
                                                                          const char *code,
                                                                          ac_arena *a,
                                                                          const char **out_secret,
                                                                          const char **out_uri,
                                                                          const char **out_svg,
                                                                          ac_error *err);

/* Finish enrolment with one code from the authenticator: from then on, signing in needs
 * a code.  AC_EINVAL for a wrong code; AC_ECONFLICT when nothing is pending. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code ac_totp_confirm(ac_hub *hub,
                                                                const ac_actor *actor,
                                                                const char *purpose,
                                                                const char *code,
                                                                ac_error *err);

/* The session for TOKEN, touched (idle expiry restarts).  AC_EDENIED when unknown,
 * expired or its user is no longer active. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code
    ac_session_resume(ac_hub *hub, const char *token, ac_arena *a, ac_session *out, ac_error *err);

/* As ac_session_resume, but the idle clock is left alone: for a long-lived response (the
 * alert stream) that must end when the session expires, not keep it alive. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code
    ac_session_check(ac_hub *hub, const char *token, ac_arena *a, ac_session *out, ac_error *err);

/* Sign out: the token stops working at once. */
AC_API AC_NODISCARD AC_NONNULL(2) ac_code
    ac_session_close(ac_hub *hub, const char *token, ac_error *err);

/* Make an API token that acts as USERNAME with SCOPES (a
 * comma-separated subset of AC_SCOPES) until EXPIRES_AT (RFC 3339, in the future, at
 * most a year on).  The secret goes to *OUT_SECRET once, in A; only its hash is kept.
 * The token's id (for revocation) goes to *OUT_ID.  Nobody acts as someone else: USERNAME is
 * the actor, or a service account of the actor's agency when the actor is one of its
 * administrators; anyone else is AC_EDENIED. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6, 7, 8, 9) ac_code
    ac_token_create(ac_hub *hub,
                    const ac_actor *actor,
                    const char *purpose,
                    const char *username,
                    const char *scopes,
                    const char *expires_at,
                    ac_arena *a,
                    const char **out_id,
                    const char **out_secret,
                    ac_error *err);

/* Revoke a token at once: its owner, or an administrator of the service account it acts
 * for.  AC_EDENIED for another person's token. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code ac_token_revoke(ac_hub *hub,
                                                                const ac_actor *actor,
                                                                const char *purpose,
                                                                const char *id,
                                                                ac_error *err);

/* An API token as listed: never its secret or hash.  Strings in the arena of the call. */
typedef struct ac_token_info {
    const char *id;
    const char *user_id;    /* the user it acts as */
    const char *username;   /* that user's */
    const char *scopes;     /* comma-separated */
    const char *created_by; /* user id of its maker */
    const char *created_at; /* RFC 3339 UTC */
    const char *expires_at; /* RFC 3339 UTC */
    const char *revoked_at; /* RFC 3339 UTC, or NULL */
} ac_token_info;

/* The API tokens ACTOR may manage, oldest first, in A: their own, and for an administrator
 * also those of their agency's service accounts; never another person's.  The audit entry
 * names every id returned. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 4, 5, 6) ac_code ac_token_list(ac_hub *hub,
                                                                    const ac_actor *actor,
                                                                    const char *purpose,
                                                                    ac_arena *a,
                                                                    ac_token_info **out,
                                                                    size_t *out_n,
                                                                    ac_error *err);

/* The session a bearer token stands for (its user and scopes).  AC_EDENIED when the
 * token is unknown, revoked or expired, or its user is no longer active. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code
    ac_token_resume(ac_hub *hub, const char *secret, ac_arena *a, ac_session *out, ac_error *err);

/* True when SCOPES (comma-separated) holds SCOPE. */
AC_API bool ac_scope_has(const char *scopes, const char *scope);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_SESSION_H */
