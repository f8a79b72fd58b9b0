/* SPDX-License-Identifier: Apache-2.0
 *
 * session.h - people signing in: passwords (stored as Argon2id hashes), sessions with
 * idle and absolute expiry, lockout after repeated failures, sign-out.  Every sign-in,
 * failed or not, and every sign-out is audited.  Session tokens are returned once and
 * stored only as hashes.
 */
#ifndef ACCORD_SESSION_H
#define ACCORD_SESSION_H

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_PASSWORD_MIN         12 /* bytes */
#define AC_SIGN_IN_ATTEMPTS     5  /* failures before a lockout */
#define AC_LOCKOUT_SECONDS      (15 * 60)
#define AC_SESSION_IDLE_SECONDS (30 * 60)
#define AC_SESSION_MAX_SECONDS  (12 * 3600)

typedef struct ac_session {
    const char *token;      /* secret; give it to the client once (a cookie) */
    const char *csrf_token; /* to echo in a header on every write made with the cookie */
    const char *expires_at; /* absolute expiry, RFC 3339 */
    const ac_actor *actor;  /* the signed-in user */
} ac_session;

/* Set USERNAME's password: by an administrator, or by the user for themself.  At least
 * AC_PASSWORD_MIN bytes of UTF-8.  Clears any lockout. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5) ac_code ac_user_set_password(ac_hub *hub,
                                                                        const ac_actor *actor,
                                                                        const char *purpose,
                                                                        const char *username,
                                                                        const char *password,
                                                                        ac_error *err);

/* Sign in.  AC_EDENIED for a wrong username or password (the two are not told apart) or
 * a locked account (the message says until when); *OUT filled in A on success. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5) ac_code ac_session_open(ac_hub *hub,
                                                                   const char *username,
                                                                   const char *password,
                                                                   ac_arena *a,
                                                                   ac_session *out,
                                                                   ac_error *err);

/* The session for TOKEN, touched (idle expiry restarts).  AC_EDENIED when unknown,
 * expired or its user is no longer active. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code
    ac_session_resume(ac_hub *hub, const char *token, ac_arena *a, ac_session *out, ac_error *err);

/* Sign out: the token stops working at once. */
AC_API AC_NODISCARD AC_NONNULL(2) ac_code
    ac_session_close(ac_hub *hub, const char *token, ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_SESSION_H */
