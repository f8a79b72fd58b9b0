/* SPDX-License-Identifier: Apache-2.0
 *
 * session.c - passwords, sign-in with lockout, sessions (include/accord/session.h).
 *
 * Passwords are hashed with Argon2id (libsodium's crypto_pwhash_str, interactive limits)
 * and never stored or logged.  A session token is 32 random bytes, hex, given to the
 * client once; the store keeps SHA-256(token).  A wrong username and a wrong password
 * fail alike, and take alike: an unknown user is checked against a dummy hash.
 */
#include "internal.h"

#include <sodium.h>

#include "accord/session.h"
#include "accord/text.h"
#include "audit/audit.h"
#include "hub/hub_int.h"
#include "hub/hub_totp.h"
#include "store/store.h"
#include "store/store_session.h"

#define TOKEN_BYTES         32
#define TOUCH_EVERY_SECONDS 60 /* last_seen is rewritten at most once a minute */

static ac_code
hash_token(const char *token, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    aci_hex_encode(h, sizeof h, out);
    return AC_OK;
}

static char *
random_hex(ac_arena *a, size_t bytes)
{
    unsigned char buf[64];
    char *hex = ac_arena_alloc(a, bytes * 2 + 1);

    if (hex != NULL) {
        randombytes_buf(buf, bytes);
        aci_hex_encode(buf, bytes, hex);
        sodium_memzero(buf, sizeof buf);
    }
    return hex;
}

static char *
time_plus(ac_hub *hub, ac_arena *a, int64_t seconds)
{
    char buf[AC_TIME_TEXT_MAX];

    return ac_arena_strdup(a, ac_time_format(aci_hub_now_ms(hub) + seconds * 1000, buf));
}

struct password_args {
    const char *username, *password;
};

/* The actor sets their own password, and nobody another's (an administrator issues an
 * enrolment code instead: enrol.c). */
static ac_code
password_body(struct aci_op *op, void *args, ac_error *err)
{
    struct password_args *x = args;
    struct aci_credentials cred;
    char hash[crypto_pwhash_STRBYTES];
    size_t len = strlen(x->password);
    ac_code rc = aci_store_credentials(op->store, x->username, op->scratch, &cred, err);

    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "no user '%s'", x->username);
    }
    if (rc == AC_OK && strcmp(cred.user_id, op->actor->user_id) != 0) {
        op->denied = true;
        op->deny_reason = "nobody sets another user's password";
        rc = aci_fail(err, AC_EDENIED,
                      "nobody sets another user's password: 'accord user enrolment-code "
                      "USERNAME' gives them a one-time code to set their own");
    }
    if (rc == AC_OK &&
        (len < AC_PASSWORD_MIN || len > 1024 || !ac_utf8_valid(x->password, len, NULL))) {
        rc = aci_fail(err, AC_EINVAL,
                      "password: use at least %d characters (a passphrase of "
                      "several words is easiest)",
                      AC_PASSWORD_MIN);
    }
    if (rc == AC_OK && crypto_pwhash_str(hash, x->password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory hashing the password");
    }
    if (rc == AC_OK) {
        rc = aci_store_set_password(op->store, cred.user_id, hash, err);
        op->object_id = ac_arena_strdup(op->scratch, cred.user_id);
        op->detail = "password set";
    }
    sodium_memzero(hash, sizeof hash);
    return rc;
}

static const struct aci_op_desc password_op = {
    ACI_ACT_OWN_ACCOUNT, "user", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, NULL, password_body,
};

ac_code
ac_user_set_password(ac_hub *hub,
                     const ac_actor *actor,
                     const char *purpose,
                     const char *username,
                     const char *password,
                     ac_error *err)
{
    struct password_args x = { username, password };

    return aci_op_run(&password_op, hub, actor, purpose, &x, err);
}

/* Check the password against the stored hash (or a dummy, for unknown users). */
static bool
password_ok(const struct aci_credentials *cred, bool known, const char *password)
{
    static char dummy[crypto_pwhash_STRBYTES];

    if (!known || cred->password_hash == NULL) {
        /* spend the same time as a real check, so timing does not tell users apart */
        if (dummy[0] == '\0' &&
            crypto_pwhash_str(dummy, "dummy password", 14, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
            return false;
        }
        if (crypto_pwhash_str_verify(dummy, password, strlen(password)) == 0) {
            return false; /* the dummy matched: still no such user */
        }
        return false;
    }
    return crypto_pwhash_str_verify(cred->password_hash, password, strlen(password)) == 0;
}

static ac_code
start_session(ac_hub *hub, const char *username, ac_arena *a, ac_session *out, ac_error *err)
{
    const ac_actor *actor = NULL;
    char token_hash[65];
    ac_code rc = ac_hub_actor(hub, username, a, &actor, err); /* audits the sign-in */

    if (rc != AC_OK) {
        return rc;
    }
    out->token = random_hex(a, TOKEN_BYTES);
    out->csrf_token = random_hex(a, 16);
    out->expires_at = time_plus(hub, a, AC_SESSION_MAX_SECONDS);
    out->actor = actor;
    if (out->token == NULL || out->csrf_token == NULL || out->expires_at == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    hash_token(out->token, token_hash);
    rc = aci_store_begin(hub->store, err);
    if (rc == AC_OK) {
        rc = aci_store_end(hub->store,
                           aci_store_session_insert(hub->store, token_hash, actor->user_id,
                                                    out->csrf_token, aci_hub_now_text(hub, a),
                                                    out->expires_at, err),
                           err);
    }
    return rc;
}

/* Record a failed sign-in (locking the account at the limit) and say so. */
static ac_code
sign_in_failed(ac_hub *hub,
               const struct aci_credentials *cred,
               bool known,
               ac_arena *a,
               const char *what,
               ac_error *err)
{
    char *lock = known && cred->failed + 1 >= AC_SIGN_IN_ATTEMPTS
                     ? time_plus(hub, a, AC_LOCKOUT_SECONDS)
                     : NULL;

    if (known && aci_store_begin(hub->store, NULL) == AC_OK) {
        aci_store_end(hub->store, aci_store_sign_in_failed(hub->store, cred->user_id, lock, NULL),
                      NULL);
    }
    aci_hub_audit_event(hub, NULL, "sign_in", known ? cred->user_id : NULL, "denied",
                        lock ? "failed; account locked" : what, NULL);
    return aci_fail(err, AC_EDENIED, "%s%s", what,
                    lock ? ": too many failures, the account is now locked for 15 minutes" : "");
}

static ac_code
session_open(ac_hub *hub,
             const char *username,
             const char *password,
             const char *code,
             ac_arena *a,
             ac_session *out,
             ac_error *err)
{
    int64_t step = 0;
    struct aci_credentials cred;
    char *now;
    bool known;
    ac_code rc;

    memset(out, 0, sizeof *out);
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    now = aci_hub_now_text(hub, a);
    rc = aci_store_credentials(hub->store, username, a, &cred, err);
    if (rc != AC_OK && rc != AC_ENOTFOUND) {
        return rc;
    }
    known = rc == AC_OK;
    if (known && cred.locked_until != NULL && strcmp(cred.locked_until, now) > 0) {
        aci_hub_audit_event(hub, NULL, "sign_in", cred.user_id, "denied", "account locked", NULL);
        return aci_fail(err, AC_EDENIED,
                        "too many failed sign-ins: the account is locked until "
                        "%s (an administrator can unlock it by setting a new "
                        "password)",
                        cred.locked_until);
    }
    if (!password_ok(&cred, known, password)) {
        return sign_in_failed(hub, &cred, known, a, "wrong username or password", err);
    }
    if (cred.totp_secret != NULL && aci_totp_check(cred.totp_secret, aci_hub_now_ms(hub),
                                                   cred.totp_last_step, code, &step) != AC_OK) {
        return sign_in_failed(hub, &cred, known, a,
                              code == NULL ? "this account needs a one-time code from its "
                                             "authenticator"
                                           : "wrong or already used one-time code",
                              err);
    }
    if (step != 0 && aci_store_begin(hub->store, err) == AC_OK) {
        rc = aci_store_end(hub->store, aci_store_totp_used(hub->store, cred.user_id, step, err),
                           err);
        if (rc != AC_OK) {
            return rc;
        }
    }
    rc = aci_store_begin(hub->store, err);
    if (rc == AC_OK) {
        rc = aci_store_end(hub->store, aci_store_sign_in_ok(hub->store, cred.user_id, err), err);
    }
    return rc == AC_OK ? start_session(hub, username, a, out, err) : rc;
}

/* The session's row and its user, read on S; *TOUCH when the idle clock is due. */
static ac_code
session_read(ac_hub *hub,
             struct aci_store *s,
             const char *token_hash,
             ac_arena *a,
             ac_session *out,
             bool *touch,
             ac_error *err)
{
    const char *user_id = NULL, *csrf = NULL, *last_seen = NULL, *expires = NULL;
    ac_actor *actor = ac_arena_zalloc(a, sizeof *actor);
    char *now = aci_hub_now_text(hub, a), *idle_limit = time_plus(hub, a, -AC_SESSION_IDLE_SECONDS);
    ac_code rc;

    if (now == NULL || idle_limit == NULL || actor == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_store_session_load(s, token_hash, a, &user_id, &csrf, &last_seen, &expires, err);
    if (rc == AC_OK && (strcmp(expires, now) <= 0 || strcmp(last_seen, idle_limit) < 0)) {
        rc = AC_ENOTFOUND; /* expired: as if it never existed */
    }
    if (rc == AC_OK) {
        rc = aci_hub_load_actor(s, user_id, true, a, actor, err);
    }
    if (rc == AC_ENOTFOUND || rc == AC_EDENIED) {
        return aci_fail(err, AC_EDENIED,
                        "not signed in, or the session has expired: sign in "
                        "again");
    }
    if (rc != AC_OK) {
        return rc;
    }
    /* the idle clock needs minute precision, not a write per request */
    *touch = strcmp(last_seen, time_plus(hub, a, -TOUCH_EVERY_SECONDS)) < 0;
    aci_hub_actor_stamp(hub, actor);
    out->csrf_token = csrf;
    out->expires_at = expires;
    out->actor = actor;
    return AC_OK;
}

static ac_code
session_touch(ac_hub *hub, struct aci_store *s, const char *token_hash, ac_error *err)
{
    ac_arena *a = ac_arena_new(0);
    char *now = a != NULL ? aci_hub_now_text(hub, a) : NULL;
    ac_code rc = now != NULL ? aci_store_begin(s, err) : aci_fail(err, AC_ENOMEM, "out of memory");

    if (rc == AC_OK) {
        rc = aci_store_end(s, aci_store_session_touch(s, token_hash, now, err), err);
    }
    ac_arena_free(a);
    return rc;
}

/* End the session whose token hashes to TOKEN_HASH, checked by the caller for ACTOR. */
static ac_code
session_close(ac_hub *hub,
              struct aci_store *s,
              const char *token_hash,
              const ac_actor *actor,
              ac_error *err)
{
    ac_code rc = aci_store_begin(s, err);

    if (rc == AC_OK) {
        rc = aci_store_end(s, aci_store_session_delete(s, token_hash, err), err);
    }
    if (rc == AC_OK) {
        rc = aci_hub_audit_event(hub, actor, "sign_out", actor->user_id, "ok", NULL, err);
    }
    return rc;
}

/* Sign-in and sign-out take the writer in turn (aci_hub_exclusive): each writes the
 * session and an audit entry.  The session check reads in parallel (aci_hub_read) and
 * takes the writer only for the idle clock's touch, once a minute. */
struct session_args {
    const char *username, *password, *code, *token;
    char token_hash[65];
    ac_arena *a;
    ac_session *out;
    bool touch;
};

static ac_code
run_open(ac_hub *hub, struct aci_store *s, void *args, ac_error *err)
{
    struct session_args *x = args;

    (void)s;
    return session_open(hub, x->username, x->password, x->code, x->a, x->out, err);
}

static ac_code
run_read(ac_hub *hub, struct aci_store *s, void *args, ac_error *err)
{
    struct session_args *x = args;

    return session_read(hub, s, x->token_hash, x->a, x->out, &x->touch, err);
}

static ac_code
run_touch(ac_hub *hub, struct aci_store *s, void *args, ac_error *err)
{
    return session_touch(hub, s, ((struct session_args *)args)->token_hash, err);
}

static ac_code
run_close(ac_hub *hub, struct aci_store *s, void *args, ac_error *err)
{
    struct session_args *x = args;

    return session_close(hub, s, x->token_hash, x->out->actor, err);
}

ac_code
ac_session_open(ac_hub *hub,
                const char *username,
                const char *password,
                const char *code,
                ac_arena *a,
                ac_session *out,
                ac_error *err)
{
    struct session_args x = {
        .username = username, .password = password, .code = code, .a = a, .out = out
    };

    memset(out, 0, sizeof *out);
    return aci_hub_exclusive(hub, run_open, &x, err);
}

ac_code
ac_session_resume(ac_hub *hub, const char *token, ac_arena *a, ac_session *out, ac_error *err)
{
    struct session_args x = { .token = token, .a = a, .out = out };
    ac_code rc;

    memset(out, 0, sizeof *out);
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    hash_token(token, x.token_hash);
    rc = aci_hub_read(hub, run_read, &x, err);
    if (rc == AC_OK && x.touch) {
        rc = aci_hub_exclusive(hub, run_touch, &x, err);
    }
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
        return rc;
    }
    out->token = token;
    return AC_OK;
}

ac_code
ac_session_close(ac_hub *hub, const char *token, ac_error *err)
{
    ac_arena *a = ac_arena_new(0);
    ac_session session;
    struct session_args x = { .token = token, .a = a, .out = &session };
    ac_code rc = a != NULL ? ac_session_resume(hub, token, a, &session, err)
                           : aci_fail(err, AC_ENOMEM, "out of memory");

    if (rc == AC_OK) {
        hash_token(token, x.token_hash);
        rc = aci_hub_exclusive(hub, run_close, &x, err);
    }
    ac_arena_free(a);
    return rc;
}
