/* SPDX-License-Identifier: Apache-2.0
 *
 * token.c - bearer tokens (include/accord/session.h): limited to scopes, expiring,
 * revocable, stored as hashes.  Nobody acts as someone else: a user makes tokens for
 * themselves, and an administrator for a service account of their own agency (a till, a
 * partner's client), never for another person.  Every audit entry made through a token
 * names it (ac_actor.via).
 */
#include "internal.h"

#include <sodium.h>

#include "accord/session.h"
#include "audit/audit.h"
#include "hub/hub_int.h"
#include "store/store.h"
#include "store/store_duties.h"
#include "store/store_party.h"
#include "store/store_session.h"

#define TOKEN_BYTES 32
#define MAX_LIFE_MS (366LL * 24 * 3600 * 1000)

bool
ac_scope_has(const char *scopes, const char *scope)
{
    size_t n = strlen(scope);

    for (const char *p = scopes; p != NULL && *p != '\0';) {
        size_t k = strcspn(p, ",");

        if (k == n && strncmp(p, scope, n) == 0) {
            return true;
        }
        p += k;
        p += *p == ',';
    }
    return false;
}

/* Every scope in SCOPES is known, and there is at least one. */
static bool
scopes_valid(const char *scopes)
{
    bool any = false;

    for (const char *p = scopes; *p != '\0';) {
        size_t k = strcspn(p, ",");
        char one[32];

        if (k == 0 || k >= sizeof one) {
            return false;
        }
        memcpy(one, p, k);
        one[k] = '\0';
        if (!ac_scope_has(AC_SCOPES, one)) {
            return false;
        }
        any = true;
        p += k;
        p += *p == ',';
    }
    return any;
}

static void
hash_secret(const char *secret, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, (const unsigned char *)secret, strlen(secret));
    aci_hex_encode(h, sizeof h, out);
}

/* May the actor manage tokens acting as user U: their own (every user manages their own
 * sign-in), or a service account's of their agency (its administrators).  A person's
 * tokens are theirs alone: refused as "denied", audited. */
static ac_code
allow_for(struct aci_op *op, const ac_user *u, ac_error *err)
{
    struct aci_resource res = { "user", u->agency_id };
    bool is_service = false;
    ac_code rc;

    if (strcmp(u->id, op->actor->user_id) == 0) {
        return aci_op_allow_as(op, ACI_ACT_OWN_ACCOUNT, &res, err);
    }
    rc = aci_store_user_is_service(op->store, u->id, &is_service, err);
    if (rc == AC_OK && !is_service) {
        op->denied = true;
        op->deny_reason = "a token acts only for its maker or a service account";
        return aci_fail(err, AC_EDENIED,
                        "a token acts only for the user who makes it, or for a service account "
                        "of your agency: '%s' is a person, who makes their own",
                        u->username);
    }
    return rc == AC_OK ? aci_op_allow_as(op, ACI_ACT_MANAGE_PARTY, &res, err) : rc;
}

/* ---- create ---- */

struct create_args {
    const char *username, *scopes, *expires_at;
    ac_arena *a;
    char *secret; /* in A; out, with the token's id */
    const char *id;
};

static ac_code
create_body(struct aci_op *op, void *args, ac_error *err)
{
    struct create_args *x = args;
    ac_arena *a = x->a;
    struct aci_token t;
    unsigned char raw[TOKEN_BYTES];
    char hash[65];
    int64_t expires_ms = 0, now_ms = aci_hub_now_ms(op->hub);
    ac_user u;
    ac_code rc = AC_OK;

    if (!scopes_valid(x->scopes)) {
        rc = aci_fail(err, AC_EINVAL, "scopes: a comma-separated list of %s", AC_SCOPES);
    }
    if (rc == AC_OK && (ac_time_parse(x->expires_at, &expires_ms, NULL) != AC_OK ||
                        expires_ms <= now_ms || expires_ms > now_ms + MAX_LIFE_MS)) {
        rc = aci_fail(err, AC_EINVAL,
                      "expires: an RFC 3339 time, or a day (midnight UTC), within the next year");
    }
    if (rc == AC_OK) {
        rc = aci_store_user_find(op->store, x->username, false, a, &u, err);
        rc = rc == AC_ENOTFOUND ? aci_fail(err, AC_EINVAL, "no user '%s'", x->username) : rc;
    }
    if (rc == AC_OK) {
        rc = allow_for(op, &u, err);
    }
    if (rc == AC_OK && x->secret == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (rc == AC_OK) {
        char exp[AC_TIME_TEXT_MAX];

        randombytes_buf(raw, sizeof raw);
        memcpy(x->secret, "act_", 4); /* recognisable in a leaked log or file */
        aci_hex_encode(raw, sizeof raw, x->secret + 4);
        sodium_memzero(raw, sizeof raw);
        hash_secret(x->secret, hash);
        memset(&t, 0, sizeof t);
        t.id = aci_hub_new_id(op->hub, a);
        t.token_hash = hash;
        t.user_id = u.id;
        t.scopes = x->scopes;
        t.created_by = op->actor->user_id;
        t.created_at = aci_hub_now_text(op->hub, a);
        t.expires_at = ac_arena_strdup(a, ac_time_format(expires_ms, exp));
        rc = t.id && t.created_at && t.expires_at ? aci_store_token_insert(op->store, &t, err)
                                                  : aci_fail(err, AC_ENOMEM, "out of memory");
        x->id = t.id;
        op->object_id = t.id;
        op->recipients = u.id;
        op->detail = ac_arena_printf(op->scratch, "scopes %s until %s", x->scopes, t.expires_at);
    }
    return rc;
}

static const struct aci_op_desc create_op = {
    ACI_ACT_MANAGE_PARTY, "token", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, NULL, create_body,
};

ac_code
ac_token_create(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                const char *username,
                const char *scopes,
                const char *expires_at,
                ac_arena *a,
                const char **out_id,
                const char **out_secret,
                ac_error *err)
{
    struct create_args x = {
        username, scopes, expires_at, a, ac_arena_alloc(a, 2 * TOKEN_BYTES + 8), NULL
    };
    ac_code rc = aci_op_run(&create_op, hub, actor, purpose, &x, err);

    *out_id = rc == AC_OK ? x.id : NULL;
    *out_secret = rc == AC_OK ? x.secret : NULL;
    return rc;
}

/* ---- revoke ---- */

struct revoke_args {
    const char *id;
};

static ac_code
revoke_body(struct aci_op *op, void *args, ac_error *err)
{
    const char *id = ((struct revoke_args *)args)->id, *user_id = NULL;
    ac_user u;
    ac_code rc = aci_store_token_user(op->store, id, op->scratch, &user_id, err);

    op->object_id = id;
    if (rc == AC_OK) {
        rc = aci_store_user_find(op->store, user_id, true, op->scratch, &u, err);
    }
    if (rc == AC_OK) {
        rc = allow_for(op, &u, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_token_revoke(op->store, id, aci_hub_now_text(op->hub, op->scratch), err);
        op->detail = "revoked";
    }
    return rc == AC_ENOTFOUND ? aci_fail(err, AC_ENOTFOUND, "no token '%s'", id) : rc;
}

static const struct aci_op_desc revoke_op = {
    ACI_ACT_MANAGE_PARTY, "token", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, NULL, revoke_body,
};

ac_code
ac_token_revoke(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                const char *id,
                ac_error *err)
{
    struct revoke_args x = { id };

    return aci_op_run(&revoke_op, hub, actor, purpose, &x, err);
}

/* ---- list ---- */

struct list_args {
    ac_arena *a;
    ac_token_info *list; /* out */
    size_t n;
};

/* One's own tokens; an administrator also sees those of the service accounts they manage
 * (their agency's).  Another person's tokens are never listed. */
static ac_code
list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct list_args *x = args;
    struct aci_resource res = { "user", op->actor->agency_id };
    bool manager = aci_policy_decide(op->actor, ACI_ACT_MANAGE_PARTY, &res).allow;
    ac_code rc = aci_op_allow(op, &res, err);

    if (rc == AC_OK) {
        rc = aci_store_tokens_list(op->store, op->actor->user_id,
                                   manager ? op->actor->agency_id : NULL, x->a, &x->list, &x->n,
                                   err);
    }
    for (size_t i = 0; rc == AC_OK && i < x->n; i++) {
        rc = aci_op_returned(op, x->list[i].id, err);
    }
    op->detail = manager ? "own and service accounts' tokens" : "own tokens";
    return rc;
}

static const struct aci_op_desc list_op = {
    ACI_ACT_OWN_ACCOUNT, "token", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, NULL, list_body,
};

ac_code
ac_token_list(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              ac_arena *a,
              ac_token_info **out,
              size_t *out_n,
              ac_error *err)
{
    struct list_args x = { a, NULL, 0 };
    ac_code rc = aci_op_run(&list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

static ac_code
token_resume(ac_hub *hub,
             struct aci_store *s,
             const char *secret,
             ac_arena *a,
             ac_session *out,
             ac_error *err)
{
    struct aci_token t;
    ac_actor *actor;
    char hash[65], *now;
    ac_code rc;

    memset(out, 0, sizeof *out);
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    hash_secret(secret, hash);
    now = aci_hub_now_text(hub, a);
    actor = ac_arena_zalloc(a, sizeof *actor);
    if (now == NULL || actor == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_store_token_load(s, hash, a, &t, err);
    if (rc == AC_OK && (t.revoked_at != NULL || strcmp(t.expires_at, now) <= 0)) {
        rc = AC_ENOTFOUND;
    }
    if (rc == AC_OK) {
        rc = aci_hub_load_actor(s, t.user_id, true, a, actor, err);
    }
    if (rc == AC_ENOTFOUND || rc == AC_EDENIED) {
        return aci_fail(err, AC_EDENIED, "the API token is unknown, expired or revoked");
    }
    if (rc == AC_OK) {
        actor->via = ac_arena_printf(a, "token %s", t.id);
        rc = actor->via != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (rc == AC_OK) {
        aci_hub_actor_stamp(hub, actor);
        out->token = secret;
        out->expires_at = t.expires_at;
        out->actor = actor;
        out->scopes = t.scopes;
    }
    return rc;
}

struct resume_args {
    const char *secret;
    ac_arena *a;
    ac_session *out;
};

static ac_code
run_resume(ac_hub *hub, struct aci_store *s, void *args, ac_error *err)
{
    struct resume_args *x = args;

    return token_resume(hub, s, x->secret, x->a, x->out, err);
}

ac_code
ac_token_resume(ac_hub *hub, const char *secret, ac_arena *a, ac_session *out, ac_error *err)
{
    struct resume_args x = { secret, a, out };

    memset(out, 0, sizeof *out);
    return aci_hub_read(hub, run_resume, &x, err);
}
