/* SPDX-License-Identifier: Apache-2.0
 *
 * totp.c - the optional second factor: TOTP (RFC 6238; HMAC-SHA-1, 6 digits, 30-second
 * steps), enrolment with an otpauth:// URI and its QR code as SVG (libqrencode), once the
 * password and any factor in force are proved again.  Codes are checked in session.c
 * (aci_session_totp_check), which sign-in and this file share.
 */
#include "internal.h"

#include <qrencode.h>
#include <sodium.h>

#include "accord/session.h"
#include "audit/audit.h"
#include "hub/hub_int.h"
#include "hub/hub_totp.h"
#include "store/store.h"
#include "store/store_session.h"

#define SECRET_BYTES 20
#define STEP_SECONDS 30

/* RFC 4648 base32, no padding (what authenticator apps expect). */
static void
base32(const unsigned char *in, size_t n, char *out)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    unsigned acc = 0, bits = 0;
    size_t o = 0;

    for (size_t i = 0; i < n; i++) {
        acc = (acc << 8) | in[i];
        bits += 8;
        while (bits >= 5) {
            out[o++] = alphabet[(acc >> (bits - 5)) & 31];
            bits -= 5;
        }
        acc &= (1u << bits) - 1;
    }
    if (bits > 0) {
        out[o++] = alphabet[(acc << (5 - bits)) & 31];
    }
    out[o] = '\0';
}

/* The QR code of TEXT as an SVG of black squares on white, in A. */
static char *
qr_svg(ac_arena *a, const char *text)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    size_t cap, len = 0;
    char *svg;
    int w, n;

    if (qr == NULL) {
        return NULL;
    }
    w = qr->width;
    cap = 256 + (size_t)w * (size_t)w * 40;
    svg = ac_arena_alloc(a, cap);
    if (svg != NULL) {
        n = snprintf(svg, cap,
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-4 -4 %d %d\" "
                     "shape-rendering=\"crispEdges\"><rect x=\"-4\" y=\"-4\" width=\"%d\" "
                     "height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
                     w + 8, w + 8, w + 8, w + 8);
        len = n > 0 ? (size_t)n : 0;
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                if (qr->data[y * w + x] & 1) {
                    n = snprintf(svg + len, cap - len, "M%d %dh1v1h-1z", x, y);
                    len += n > 0 ? (size_t)n : 0;
                }
            }
        }
        snprintf(svg + len, cap - len, "\"/></svg>");
    }
    QRcode_free(qr);
    return svg;
}

/* The actor's own account; DETAIL is what the call records. */
static ac_code
own_find(struct aci_op *op, const char *detail)
{
    static const struct aci_resource own = { "user", NULL };

    op->object_id = op->actor->user_id;
    op->detail = detail;
    op->res = own;
    return AC_OK;
}

/* ---- enrol ---- */

struct enrol_args {
    char b32[40]; /* out: the new secret, for the authenticator */
};

static ac_code
enrol_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    return own_find(op, "second factor enrolment started");
}

static ac_code
enrol_body(struct aci_op *op, void *args, ac_error *err)
{
    struct enrol_args *x = args;
    unsigned char raw[SECRET_BYTES];
    char hex[2 * SECRET_BYTES + 1];
    ac_code rc;

    randombytes_buf(raw, sizeof raw);
    aci_hex_encode(raw, sizeof raw, hex);
    base32(raw, sizeof raw, x->b32);
    sodium_memzero(raw, sizeof raw);
    rc = aci_store_totp_pending(op->store, op->actor->user_id, hex, err);
    sodium_memzero(hex, sizeof hex);
    return rc;
}

static const struct aci_op_desc enrol_op = {
    ACI_ACT_OWN_ACCOUNT, "user", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, enrol_find, enrol_body,
};

/* Whoever holds a session must still prove the password, and the factor in force, before
 * putting a factor of their own in its place: a stolen cookie is not enough.  Failures
 * are counted like sign-ins from the pseudo-address REAUTH_CLIENT. */
#define REAUTH_CLIENT "second-factor change"

ac_code
ac_totp_enrol(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const char *password,
              const char *code,
              ac_arena *a,
              const char **out_secret,
              const char **out_uri,
              const char **out_svg,
              ac_error *err)
{
    struct enrol_args x = { "" };
    int wait = 0;
    ac_code rc;

    *out_secret = *out_uri = *out_svg = NULL;
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    rc = aci_session_reauth(hub, REAUTH_CLIENT, actor->username, password, code, &wait, err);
    if (rc == AC_EDENIED && wait == 0) {
        char why[AC_ERROR_MSG_MAX];

        snprintf(why, sizeof why, "%s", err != NULL ? err->msg : "refused");
        rc = aci_fail(err, AC_EDENIED,
                      "changing the second factor needs your password, and the current "
                      "one-time code once one is enrolled: %s",
                      why);
    }
    if (rc == AC_OK) {
        rc = aci_op_run(&enrol_op, hub, actor, purpose, &x, err);
    }
    if (rc != AC_OK) {
        sodium_memzero(x.b32, sizeof x.b32);
        return rc;
    }
    *out_secret = ac_arena_strdup(a, x.b32);
    *out_uri = ac_arena_printf(a,
                               "otpauth://totp/accord:%s?secret=%s&issuer=accord&algorithm=SHA1"
                               "&digits=6&period=%d",
                               actor->username, x.b32, STEP_SECONDS);
    *out_svg = *out_uri != NULL ? qr_svg(a, *out_uri) : NULL;
    sodium_memzero(x.b32, sizeof x.b32);
    return *out_secret && *out_uri && *out_svg ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
}

/* ---- confirm ---- */

struct confirm_args {
    const char *code;
};

static ac_code
confirm_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    return own_find(op, "second factor confirmed");
}

static ac_code
confirm_body(struct aci_op *op, void *args, ac_error *err)
{
    const char *code = ((struct confirm_args *)args)->code;
    const char *pending = NULL;
    int64_t step = 0;
    ac_code rc =
        aci_store_totp_get_pending(op->store, op->actor->user_id, op->scratch, &pending, err);

    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ECONFLICT, "no enrolment is pending: start one first");
    }
    if (rc == AC_OK &&
        aci_session_totp_check(pending, aci_hub_now_ms(op->hub), 0, code, &step) != AC_OK) {
        op->denied = true; /* a wrong code is a refused attempt: audited */
        op->deny_reason = "wrong one-time code";
        rc = aci_fail(err, AC_EINVAL,
                      "that code does not match: check the authenticator's clock "
                      "and try the next code");
    }
    if (rc == AC_OK) {
        rc = aci_store_totp_activate(op->store, op->actor->user_id, step, err);
    }
    return rc;
}

static const struct aci_op_desc confirm_op = {
    ACI_ACT_OWN_ACCOUNT, "user", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, confirm_find, confirm_body,
};

ac_code
ac_totp_confirm(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                const char *code,
                ac_error *err)
{
    struct confirm_args x = { code };

    return aci_op_run(&confirm_op, hub, actor, purpose, &x, err);
}
