/* SPDX-License-Identifier: Apache-2.0
 *
 * enrol.c - one-time enrolment codes (include/accord/party.h).  No administrator sets
 * another's password: an administrator who manages the account issues a code, shown
 * once and kept as a SHA-256 hash for 72 hours; the user redeems it and sets their own
 * password.  A new code replaces the old one.
 */
#include "internal.h"

#include <sodium.h>

#include "accord/session.h"
#include "accord/text.h"
#include "hub/hub_int.h"
#include "store/store.h"
#include "store/store_duties.h"
#include "store/store_party.h"
#include "store/store_session.h"

#define CODE_BYTES   10 /* 80 bits, shown as 20 hex digits */
#define CODE_LIFE_MS (72LL * 3600 * 1000)

static void
hash_code(const char *code, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, (const unsigned char *)code, strlen(code));
    aci_hex_encode(h, sizeof h, out);
}

/* ---- issue ---- */

struct issue_args {
    const char *username;
    ac_arena *a;
    char *code; /* out, in A */
};

static ac_code
issue_body(struct aci_op *op, void *args, ac_error *err)
{
    struct issue_args *x = args;
    struct aci_resource res = { "user", NULL };
    const char *hub_agency = NULL;
    unsigned char raw[CODE_BYTES];
    char hash[65], expires[AC_TIME_TEXT_MAX];
    ac_user u;
    ac_code rc = aci_store_user_find(op->store, x->username, false, op->scratch, &u, err);

    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_EINVAL, "no user '%s'", x->username);
    }
    if (rc == AC_OK) {
        rc = aci_store_hub_agency(op->store, op->scratch, &hub_agency, err);
    }
    if (rc == AC_OK) {
        op->object_id = u.id;
        res.agency_id = aci_policy_account_manager(u.agency_id, u.roles, hub_agency);
        rc = aci_op_allow(op, &res, err);
    }
    if (rc == AC_OK) {
        bool is_service = false;

        rc = aci_store_user_is_service(op->store, u.id, &is_service, err);
        if (rc == AC_OK && is_service) {
            rc = aci_fail(err, AC_EINVAL,
                          "'%s' is a service account: it has no password; make it an API token "
                          "('accord token create %s ...')",
                          x->username, x->username);
        }
    }
    x->code = rc == AC_OK ? ac_arena_alloc(x->a, 2 * CODE_BYTES + 1) : NULL;
    if (rc == AC_OK && x->code == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (rc == AC_OK) {
        randombytes_buf(raw, sizeof raw);
        aci_hex_encode(raw, sizeof raw, x->code);
        sodium_memzero(raw, sizeof raw);
        hash_code(x->code, hash);
        ac_time_format(aci_hub_now_ms(op->hub) + CODE_LIFE_MS, expires);
        rc = aci_store_code_set(op->store, u.id, hash, op->actor->user_id,
                                aci_hub_now_text(op->hub, op->scratch), expires, err);
        op->detail = "enrolment code issued";
    }
    return rc;
}

static const struct aci_op_desc issue_op = {
    ACI_ACT_MANAGE_PARTY, "user", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, NULL, issue_body,
};

ac_code
ac_user_enrolment_code(ac_hub *hub,
                       const ac_actor *actor,
                       const char *purpose,
                       const char *username,
                       ac_arena *a,
                       const char **out_code,
                       ac_error *err)
{
    struct issue_args x = { username, a, NULL };
    ac_code rc = aci_op_run(&issue_op, hub, actor, purpose, &x, err);

    *out_code = rc == AC_OK ? x.code : NULL;
    return rc;
}

/* ---- redeem ---- */

struct enrol_args {
    const char *username, *code;
    char pw_hash[crypto_pwhash_STRBYTES]; /* hashed before the writer is taken */
};

static ac_code
enrol(ac_hub *hub, struct aci_store *s, void *args, ac_error *err)
{
    struct enrol_args *x = args;
    ac_arena *a = ac_arena_new(0);
    struct aci_credentials cred;
    char code_hash[65];
    ac_code rc = a != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");

    if (rc == AC_OK) {
        rc = aci_store_begin(s, err);
        if (rc == AC_OK) {
            hash_code(x->code, code_hash);
            rc = aci_store_credentials(s, x->username, a, &cred, err);
            if (rc == AC_OK) {
                rc = aci_store_code_take(s, cred.user_id, code_hash, aci_hub_now_text(hub, a), err);
            }
            if (rc == AC_OK) {
                rc = aci_store_set_password(s, cred.user_id, x->pw_hash, err);
            }
            if (rc == AC_ENOTFOUND) {
                rc = aci_fail(err, AC_EDENIED,
                              "the enrolment code is wrong, used or expired: ask an "
                              "administrator of your agency for a new one");
            }
            rc = aci_store_end(s, rc, err);
        }
        if (rc == AC_OK) {
            ac_actor who = { .user_id = cred.user_id };

            rc = aci_hub_audit_event(hub, &who, "enrol", cred.user_id, "ok", "password set", err);
        }
    }
    ac_arena_free(a);
    return rc;
}

ac_code
ac_user_enrol(ac_hub *hub,
              const char *username,
              const char *code,
              const char *password,
              ac_error *err)
{
    struct enrol_args x = { username, code, { 0 } };
    size_t len = strlen(password);
    ac_code rc;

    if (len < AC_PASSWORD_MIN || len > 1024 || !ac_utf8_valid(password, len, NULL)) {
        return aci_fail(err, AC_EINVAL,
                        "password: use at least %d characters (a passphrase of several words is "
                        "easiest)",
                        AC_PASSWORD_MIN);
    }
    if (crypto_pwhash_str(x.pw_hash, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return aci_fail(err, AC_ENOMEM, "out of memory hashing the password");
    }
    rc = aci_hub_exclusive(hub, enrol, &x, err);
    if (rc == AC_OK) {
        aci_session_delay_clear(hub, username, NULL); /* a new password clears the count */
    }
    sodium_memzero(x.pw_hash, sizeof x.pw_hash);
    return rc;
}
