/* SPDX-License-Identifier: Apache-2.0
 *
 * session.c - passwords, sign-in with lockout, sessions (include/accord/session.h).
 *
 * Passwords are hashed with Argon2id (libsodium's crypto_pwhash_str, interactive limits)
 * and never stored or logged.  A session token is 32 random bytes, hex, given to the
 * client once; the store keeps SHA-256(token).  A wrong username and a wrong password
 * fail alike, take alike (an unknown user is checked against a dummy hash) and are
 * delayed alike after repeated failures, per (username, client address) so that a
 * stranger elsewhere cannot lock the owner out.  The hash is checked off the writer.
 */
#include "internal.h"

#include <liboath/oath.h>
#include <sodium.h>

#include "accord/session.h"
#include "accord/text.h"
#include "audit/audit.h"
#include "hub/hub_int.h"
#include "hub/hub_totp.h"
#include "store/store.h"
#include "store/store_session.h"

#define TOTP_STEP_SECONDS   30
#define TOTP_WINDOW         1 /* steps of drift accepted either side */
#define TOTP_SECRET_BYTES   20
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
        aci_session_delay_clear(op->hub, x->username, NULL);
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

/* ---- the one-time code (RFC 6238; HMAC-SHA-1, 6 digits, 30-second steps, one step of
 * drift either way, through liboath) ---- */

ac_code
aci_session_totp_check(const char *secret_hex,
                       int64_t now_ms,
                       int64_t last_step,
                       const char *code,
                       int64_t *out_step)
{
    unsigned char secret[TOTP_SECRET_BYTES];
    time_t now = (time_t)(now_ms / 1000);
    int pos = 0, rc;

    *out_step = 0;
    if (code == NULL || strlen(code) != 6 || !aci_hex_decode(secret_hex, secret, sizeof secret)) {
        return AC_EDENIED;
    }
    oath_init();
    rc = oath_totp_validate2((const char *)secret, sizeof secret, now, TOTP_STEP_SECONDS, 0,
                             TOTP_WINDOW, &pos, code);
    sodium_memzero(secret, sizeof secret);
    if (rc < 0) {
        return AC_EDENIED;
    }
    *out_step = (int64_t)(now / TOTP_STEP_SECONDS) + pos;
    return *out_step > last_step ? AC_OK : AC_EDENIED; /* never the same code twice */
}

/* ---- the delay after failed sign-ins (include/accord/session.h states the rule) ---- */

static void
pair_key(const char *username, const char *client, unsigned char key[16], unsigned char account[8])
{
    crypto_generichash_state h;

    crypto_generichash_init(&h, NULL, 0, 16);
    crypto_generichash_update(&h, (const unsigned char *)username, strlen(username) + 1);
    crypto_generichash_update(&h, (const unsigned char *)client, strlen(client) + 1);
    crypto_generichash_final(&h, key, 16);
    crypto_generichash(account, 8, (const unsigned char *)username, strlen(username), NULL, 0);
}

static bool
slot_live(const struct aci_sign_in_slot *slot, int64_t now_ms)
{
    static const unsigned char zero[16];

    return memcmp(slot->key, zero, sizeof zero) != 0 &&
           now_ms - slot->last_ms < AC_SIGN_IN_FORGET_SECONDS * 1000LL;
}

/* The slot of KEY (with hub->lock held), or NULL; with MAKE, a new one in a free slot, or
 * else in place of the one whose wait ended longest ago. */
static struct aci_sign_in_slot *
slot_find(ac_hub *hub, const unsigned char key[16], int64_t now_ms, bool make)
{
    struct aci_sign_in_slot *victim = NULL;

    for (size_t i = 0; i < ACI_SIGN_IN_SLOTS; i++) {
        struct aci_sign_in_slot *slot = &hub->sign_in[i];

        if (!slot_live(slot, now_ms)) {
            if (victim == NULL || slot_live(victim, now_ms)) {
                victim = slot;
            }
            continue;
        }
        if (memcmp(slot->key, key, 16) == 0) {
            return slot;
        }
        if (victim == NULL ||
            (slot_live(victim, now_ms) && slot->not_before_ms < victim->not_before_ms)) {
            victim = slot;
        }
    }
    if (!make || victim == NULL) {
        return NULL;
    }
    memset(victim, 0, sizeof *victim);
    memcpy(victim->key, key, 16);
    return victim;
}

/* Seconds the pair must still wait (0: it may try). */
static int
delay_left(ac_hub *hub, const char *username, const char *client)
{
    unsigned char key[16], account[8];
    int64_t now_ms = aci_hub_now_ms(hub), left = 0;
    struct aci_sign_in_slot *slot;

    pair_key(username, client, key, account);
    pthread_mutex_lock(&hub->lock);
    slot = slot_find(hub, key, now_ms, false);
    if (slot != NULL && slot->not_before_ms > now_ms) {
        left = (slot->not_before_ms - now_ms + 999) / 1000;
    }
    pthread_mutex_unlock(&hub->lock);
    return (int)left;
}

/* Count a failure of the pair; the seconds it must now wait. */
static int
delay_failed(ac_hub *hub, const char *username, const char *client)
{
    unsigned char key[16], account[8];
    int64_t now_ms = aci_hub_now_ms(hub), wait = 0;
    struct aci_sign_in_slot *slot;

    pair_key(username, client, key, account);
    pthread_mutex_lock(&hub->lock);
    slot = slot_find(hub, key, now_ms, true);
    if (slot != NULL) {
        memcpy(slot->account, account, sizeof account);
        slot->failures++;
        slot->last_ms = now_ms;
        if (slot->failures >= AC_SIGN_IN_ATTEMPTS) {
            uint32_t doublings = slot->failures - AC_SIGN_IN_ATTEMPTS;

            wait = AC_SIGN_IN_DELAY_SECONDS;
            while (doublings-- > 0 && wait < AC_SIGN_IN_DELAY_MAX) {
                wait *= 2;
            }
            wait = wait < AC_SIGN_IN_DELAY_MAX ? wait : AC_SIGN_IN_DELAY_MAX;
            slot->not_before_ms = now_ms + wait * 1000;
        }
    }
    pthread_mutex_unlock(&hub->lock);
    return (int)wait;
}

void
aci_session_delay_clear(ac_hub *hub, const char *username, const char *client)
{
    unsigned char key[16], account[8];

    pair_key(username, client != NULL ? client : "", key, account);
    pthread_mutex_lock(&hub->lock);
    for (size_t i = 0; i < ACI_SIGN_IN_SLOTS; i++) {
        struct aci_sign_in_slot *slot = &hub->sign_in[i];

        if (client != NULL ? memcmp(slot->key, key, sizeof key) == 0
                           : memcmp(slot->account, account, sizeof account) == 0) {
            memset(slot, 0, sizeof *slot);
        }
    }
    pthread_mutex_unlock(&hub->lock);
}

/* ---- checking the password, off the writer, a few at a time ---- */

static pthread_mutex_t verify_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t verify_free = PTHREAD_COND_INITIALIZER;
static int verify_busy; /* checks under way, at most AC_SIGN_IN_VERIFIERS */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES]; /* checked for unknown users */

static void
dummy_make(void)
{
    if (crypto_pwhash_str(dummy_hash, "dummy password", 14, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        dummy_hash[0] = '\0';
    }
}

/* Check PASSWORD against HASH (or the dummy, when NULL: the same time, so that timing does
 * not tell users apart), waiting for one of the AC_SIGN_IN_VERIFIERS turns. */
static bool
password_ok(const char *hash, const char *password)
{
    bool ok;

    pthread_once(&dummy_once, dummy_make);
    pthread_mutex_lock(&verify_lock);
    while (verify_busy >= AC_SIGN_IN_VERIFIERS) {
        pthread_cond_wait(&verify_free, &verify_lock);
    }
    verify_busy++;
    pthread_mutex_unlock(&verify_lock);
    if (hash == NULL) {
        /* no user, no password: false even should the dummy match */
        ok = dummy_hash[0] != '\0' &&
             crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0 && hash != NULL;
    } else {
        ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    }
    pthread_mutex_lock(&verify_lock);
    verify_busy--;
    pthread_cond_signal(&verify_free);
    pthread_mutex_unlock(&verify_lock);
    return ok;
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

/* Sign-in runs in three steps, so that the slow part holds no lock any other call needs:
 * 1. the credentials are read on a reader (aci_hub_read);
 * 2. the password is checked against their hash in one of AC_SIGN_IN_VERIFIERS turns;
 * 3. the outcome is written with the writer held (aci_hub_exclusive): read again there,
 *    and a hash changed in between counts as a failure; the one-time code is checked and
 *    used up there too, so that two sign-ins cannot both use one code. */
struct sign_in_args {
    const char *client, *username, *password, *code;
    bool open;       /* start a session (else only check: aci_session_reauth) */
    bool known;      /* step 1 found the user */
    bool hash_ok;    /* step 2 */
    const char *why; /* step 3, on a failure: what to say and audit */
    int wait;        /* seconds the next attempt from this address must wait, or 0 */
    struct aci_credentials cred;
    ac_arena *a;
    ac_session *out;
};

static ac_code
run_credentials(ac_hub *hub, struct aci_store *s, void *args, ac_error *err)
{
    struct sign_in_args *x = args;
    ac_code rc = aci_store_credentials(s, x->username, x->a, &x->cred, err);

    (void)hub;
    x->known = rc == AC_OK;
    if (rc == AC_ENOTFOUND) {
        memset(&x->cred, 0, sizeof x->cred);
        rc = AC_OK;
    }
    return rc;
}

static bool
same_text(const char *p, const char *q)
{
    return p == q || (p != NULL && q != NULL && strcmp(p, q) == 0);
}

/* Count the failure WHY and audit it; AC_EDENIED. */
static ac_code
failed(ac_hub *hub, struct sign_in_args *x, const char *why)
{
    int wait = delay_failed(hub, x->username, x->client);

    x->why = why;
    x->wait = wait;
    aci_hub_audit_event(hub, NULL, "sign_in", x->known ? x->cred.user_id : NULL, "denied",
                        wait > 0 ? "failed; the next attempt from this address must wait" : why,
                        NULL);
    return AC_EDENIED;
}

static ac_code
run_outcome(ac_hub *hub, struct aci_store *s, void *args, ac_error *err)
{
    struct sign_in_args *x = args;
    struct aci_credentials now;
    int64_t step = 0;
    ac_code rc;

    (void)s;
    rc = x->known ? aci_store_credentials(hub->store, x->username, x->a, &now, err) : AC_OK;
    if (rc == AC_ENOTFOUND) {
        x->known = false;
        rc = AC_OK;
    }
    if (rc != AC_OK) {
        return rc;
    }
    if (!x->known || !x->hash_ok || !same_text(now.password_hash, x->cred.password_hash)) {
        return failed(hub, x, "wrong username or password");
    }
    if (now.totp_secret != NULL &&
        aci_session_totp_check(now.totp_secret, aci_hub_now_ms(hub), now.totp_last_step, x->code,
                               &step) != AC_OK) {
        return failed(hub, x,
                      x->code == NULL ? "this account needs a one-time code from its authenticator"
                                      : "wrong or already used one-time code");
    }
    rc = aci_store_begin(hub->store, err);
    if (rc == AC_OK && step != 0) {
        rc = aci_store_totp_used(hub->store, now.user_id, step, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_sign_in_ok(hub->store, now.user_id, err);
    }
    rc = aci_store_end(hub->store, rc, err);
    if (rc == AC_OK && x->open) {
        rc = start_session(hub, x->username, x->a, x->out, err);
    }
    return rc;
}

struct audit_args {
    const char *user_id, *detail;
};

static ac_code
run_audit_denied(ac_hub *hub, struct aci_store *s, void *args, ac_error *err)
{
    struct audit_args *x = args;

    (void)s;
    return aci_hub_audit_event(hub, NULL, "sign_in", x->user_id, "denied", x->detail, err);
}

static ac_code
sign_in(struct sign_in_args *x, ac_hub *hub, int *out_retry_after, ac_error *err)
{
    struct audit_args audit = { NULL, NULL };
    int wait;
    ac_code rc;

    *out_retry_after = 0;
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    rc = aci_hub_read(hub, run_credentials, x, err);
    if (rc != AC_OK) {
        return rc;
    }
    audit.user_id = x->known ? x->cred.user_id : NULL;
    wait = delay_left(hub, x->username, x->client);
    if (wait > 0) {
        audit.detail = "refused unchecked: waiting after repeated failures";
        aci_hub_exclusive(hub, run_audit_denied, &audit, NULL);
        *out_retry_after = wait;
        return aci_fail(err, AC_EDENIED,
                        "too many failed sign-ins for this account from this address: wait "
                        "%d s and try again, or ask an administrator who manages the account "
                        "to run 'accord user unlock USERNAME'",
                        wait);
    }
    x->hash_ok = password_ok(x->known ? x->cred.password_hash : NULL, x->password);
    x->why = NULL;
    x->wait = 0;
    rc = aci_hub_exclusive(hub, run_outcome, x, err);
    if (rc == AC_OK) {
        aci_session_delay_clear(hub, x->username, x->client);
        return AC_OK;
    }
    if (rc == AC_EDENIED && x->why != NULL) {
        /* this attempt was checked: a 401 says so; the next one, if early, gets a 429 */
        return x->wait > 0 ? aci_fail(err, AC_EDENIED,
                                      "%s; the next attempt from this address must wait %d s "
                                      "(or an administrator who manages the account runs "
                                      "'accord user unlock USERNAME')",
                                      x->why, x->wait)
                           : aci_fail(err, AC_EDENIED, "%s", x->why);
    }
    return rc;
}

ac_code
ac_session_open_from(ac_hub *hub,
                     const char *client,
                     const char *username,
                     const char *password,
                     const char *code,
                     ac_arena *a,
                     ac_session *out,
                     int *out_retry_after,
                     ac_error *err)
{
    struct sign_in_args x = { .client = client,
                              .username = username,
                              .password = password,
                              .code = code,
                              .open = true,
                              .a = a,
                              .out = out };
    ac_code rc;

    memset(out, 0, sizeof *out);
    rc = sign_in(&x, hub, out_retry_after, err);
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
    }
    return rc;
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
    int wait = 0;

    return ac_session_open_from(hub, "", username, password, code, a, out, &wait, err);
}

ac_code
aci_session_reauth(ac_hub *hub,
                   const char *client,
                   const char *username,
                   const char *password,
                   const char *code,
                   int *out_retry_after,
                   ac_error *err)
{
    ac_arena *a = ac_arena_new(0);
    struct sign_in_args x = {
        .client = client, .username = username, .password = password, .code = code, .a = a
    };
    ac_code rc = a != NULL ? sign_in(&x, hub, out_retry_after, err)
                           : aci_fail(err, AC_ENOMEM, "out of memory");

    ac_arena_free(a);
    return rc;
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

/* Sign-out takes the writer (aci_hub_exclusive): it deletes the session and writes an
 * audit entry.  The session check reads in parallel (aci_hub_read) and takes the writer
 * only for the idle clock's touch, once a minute. */
struct session_args {
    const char *token;
    char token_hash[65];
    ac_arena *a;
    ac_session *out;
    bool touch;
};

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

static ac_code
session_resume(ac_hub *hub,
               const char *token,
               bool may_touch,
               ac_arena *a,
               ac_session *out,
               ac_error *err)
{
    struct session_args x = { .token = token, .a = a, .out = out };
    ac_code rc;

    memset(out, 0, sizeof *out);
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    hash_token(token, x.token_hash);
    rc = aci_hub_read(hub, run_read, &x, err);
    if (rc == AC_OK && x.touch && may_touch) {
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
ac_session_resume(ac_hub *hub, const char *token, ac_arena *a, ac_session *out, ac_error *err)
{
    return session_resume(hub, token, true, a, out, err);
}

ac_code
ac_session_check(ac_hub *hub, const char *token, ac_arena *a, ac_session *out, ac_error *err)
{
    return session_resume(hub, token, false, a, out, err);
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
