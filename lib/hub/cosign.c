/* SPDX-License-Identifier: Apache-2.0
 *
 * cosign.c - the hub's side of cosigning witnesses (include/accord/witness.h): send the
 * newest checkpoint with a consistency proof to a witness over HTTPS (c2sp.org/tlog-
 * witness add-checkpoint), check the cosignature it returns, and keep it in the hub's
 * witness file beside the checkpoint it signs.
 *
 * Off the commit path: the checkpoint and proof are read on a reader connection (or the
 * writer, briefly, on a hub with none); the network is used with no connection held, so a
 * witness that is slow or down delays nothing but its own cosignature.
 */
#include "internal.h"

#include <curl/curl.h>
#include <sodium.h>

#include "accord/witness.h"
#include "audit/audit.h"
#include "audit/note.h"
#include "audit/proof.h"
#include "audit/witness.h"
#include "hub/hub_int.h"
#include "store/store.h"
#include "store/store_audit.h"

#define BODY_MAX  (ACI_NOTE_MAX + 16 + 2 * ACI_MERKLE_MAX * 48)
#define REPLY_MAX 4096
#define TRIES     3 /* a 409 corrects the old size; more than twice means a race or a bug */

/* What one push reads from the store. */
struct push {
    uint64_t old;                       /* the size the witness cosigned */
    uint64_t size;                      /* the newest checkpoint's */
    char note[ACI_NOTE_MAX];            /* the signed checkpoint */
    size_t text_len;                    /* its body's length */
    aci_hash proof[2 * ACI_MERKLE_MAX]; /* from OLD to SIZE */
    size_t n_proof;
    bool same; /* send even at OLD's size: a 409 named it, and only the witness can tell
                  whether its root there is ours (a fork at the same size) */
};

static ac_code
read_push(ac_hub *hub, struct aci_store *s, void *args, ac_error *err)
{
    struct push *x = args;
    struct aci_audit_checkpoint cp;
    char at[AC_TIME_TEXT_MAX], body[ACI_NOTE_MAX], name[ACI_NOTE_NAME_MAX];
    aci_hash root;
    unsigned char sig[64];
    ac_arena *a = ac_arena_new(4096);
    bool found = false;
    int n;
    ac_code rc = a != NULL ? aci_store_begin(s, err) : aci_fail(err, AC_ENOMEM, "out of memory");

    if (rc != AC_OK) {
        ac_arena_free(a);
        return rc;
    }
    rc = aci_store_audit_checkpoint_last(s, &found, &x->size, at, sizeof at, err);
    if (rc == AC_OK && found && x->old > x->size) {
        rc = aci_fail(err, AC_ECONFLICT,
                      "the witness cosigned %llu audit entries but the hub's newest checkpoint "
                      "covers %llu: the log was rolled back",
                      (unsigned long long)x->old, (unsigned long long)x->size);
    }
    if (rc == AC_OK && found && (x->size != x->old || (x->same && x->old > 0))) {
        rc = aci_store_audit_checkpoint_get(s, x->size, a, &cp, err);
        if (rc == AC_OK && (!aci_hex_decode(cp.root, root, ACI_HASH_LEN) ||
                            !aci_hex_decode(cp.signature, sig, sizeof sig))) {
            rc = aci_fail(err, AC_ESTORAGE,
                          "checkpoint %llu has a malformed root or signature: run 'accord "
                          "audit verify'",
                          (unsigned long long)x->size);
        }
        if (rc == AC_OK) { /* the stored signature: the very note the witness file has */
            aci_note_origin(hub->key.pk, name);
            n = aci_checkpoint_body(body, sizeof body, hub->key.pk, x->size, root);
            x->text_len = n > 0 ? (size_t)n : 0;
            n = n > 0 ? aci_note_format(x->note, sizeof x->note, body, name, hub->key.pk, sig) : -1;
            rc = n > 0 ? AC_OK : aci_fail(err, AC_EINVAL, "the checkpoint does not fit its note");
        }
        if (rc == AC_OK) {
            rc = aci_audit_consistency_path(s, x->old, x->size, x->proof, &x->n_proof, err);
        }
    }
    if (rc == AC_OK && (!found || (x->size == x->old && !x->same))) {
        x->size = x->old; /* nothing new to send */
        x->n_proof = 0;
    }
    aci_store_rollback(s); /* read only */
    ac_arena_free(a);
    return rc;
}

struct reply {
    char buf[REPLY_MAX];
    size_t len;
};

static size_t
on_data(char *p, size_t size, size_t n, void *ctx)
{
    struct reply *r = ctx;
    size_t take = size * n;

    if (take > sizeof r->buf - 1 - r->len) {
        return 0; /* larger than any reply a witness should send: stop */
    }
    memcpy(r->buf + r->len, p, take);
    r->len += take;
    r->buf[r->len] = '\0';
    return take;
}

/* POST the request for X to C; *STATUS the HTTP status (0: no answer). */
static ac_code
post(const ac_cosigner *c, const struct push *x, struct reply *r, long *status, ac_error *err)
{
    char body[BODY_MAX], url[1024];
    size_t len;
    CURL *h;
    CURLcode cc;
    struct curl_slist *hdr = NULL;
    int n = snprintf(body, sizeof body, "old %llu\n", (unsigned long long)x->old);

    *status = 0;
    r->len = 0;
    r->buf[0] = '\0';
    len = (size_t)n;
    for (size_t i = 0; i < x->n_proof; i++) {
        sodium_bin2base64(body + len, sizeof body - len, x->proof[i], ACI_HASH_LEN,
                          sodium_base64_VARIANT_ORIGINAL);
        len += strlen(body + len);
        body[len++] = '\n';
    }
    n = snprintf(body + len, sizeof body - len, "\n%s", x->note);
    len += (size_t)n;
    n = snprintf(url, sizeof url, "%s%sadd-checkpoint", c->url,
                 c->url[0] != '\0' && c->url[strlen(c->url) - 1] == '/' ? "" : "/");
    if (n < 0 || (size_t)n >= sizeof url) {
        return aci_fail(err, AC_EINVAL, "--cosigner: the URL is too long");
    }
    h = curl_easy_init();
    if (h == NULL) {
        return aci_fail(err, AC_ENOMEM, "libcurl cannot start");
    }
    hdr = curl_slist_append(hdr, "Content-Type: text/plain; charset=utf-8");
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)len);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 5L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (c->ca_file != NULL) {
        curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file);
    }
    cc = curl_easy_perform(h);
    if (cc == CURLE_OK) {
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
    }
    curl_slist_free_all(hdr);
    curl_easy_cleanup(h);
    return cc == CURLE_OK ? AC_OK
                          : aci_fail(err, AC_EIO, "witness %s is unreachable: %s", c->name,
                                     curl_easy_strerror(cc));
}

/* The first valid cosignature line of C in R over X's checkpoint, appended to the hub's
 * witness file with the checkpoint. */
static ac_code
keep(ac_hub *hub,
     const ac_cosigner *c,
     const unsigned char pk[32],
     const struct push *x,
     const struct reply *r,
     ac_error *err)
{
    char rec[ACI_NOTE_MAX + REPLY_MAX];
    const char *p = r->buf, *end = r->buf + r->len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        int64_t ts = 0;
        int v;

        if (nl == NULL) {
            break;
        }
        v = aci_cosig_check(p, nl, c->name, pk, x->note, x->text_len, &ts);
        if (v < 0) {
            return aci_fail(err, AC_EDENIED,
                            "witness %s returned a cosignature that does not verify with its "
                            "configured key",
                            c->name);
        }
        if (v == 1) {
            int n = snprintf(rec, sizeof rec, "%s%.*s\n", x->note, (int)(nl - p), p);

            if (hub->key.witness_path == NULL) {
                return aci_fail(err, AC_EINVAL,
                                "the hub has no witness file to keep cosignatures in");
            }
            return n > 0 && (size_t)n < sizeof rec
                       ? aci_witness_append(hub->key.witness_path, rec, (size_t)n, err)
                       : aci_fail(err, AC_EINVAL, "the cosignature does not fit its record");
        }
        p = nl + 1;
    }
    return aci_fail(err, AC_EDENIED, "witness %s answered 200 with no cosignature by its key",
                    c->name);
}

/* The size in a 409 reply ("N\n"). */
static bool
conflict_size(const struct reply *r, uint64_t *out)
{
    char *end = NULL;
    unsigned long long v;

    if (r->len == 0 || r->buf[0] < '0' || r->buf[0] > '9') {
        return false;
    }
    v = strtoull(r->buf, &end, 10);
    if (end == NULL || *end != '\n') {
        return false;
    }
    *out = (uint64_t)v;
    return true;
}

ac_code
ac_cosign_push(ac_hub *hub, ac_cosigner *c, int *out_status, ac_error *err)
{
    unsigned char pk[32];
    struct push *x;
    struct reply *r;
    long status = 0;
    bool corrected = false;
    uint64_t start = c != NULL ? c->cosigned : 0;
    ac_code rc = AC_OK;

    if (out_status != NULL) {
        *out_status = 0;
    }
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    if (c == NULL || c->url == NULL || c->name == NULL || c->public_key_hex == NULL ||
        !aci_hex_decode(c->public_key_hex, pk, sizeof pk)) {
        return aci_fail(err, AC_EINVAL,
                        "--cosigner: expected URL=NAME=PUBLIC_KEY, the key 64 hex characters");
    }
    x = aci_calloc(1, sizeof *x);
    r = aci_calloc(1, sizeof *r);
    if (x == NULL || r == NULL) {
        aci_free(x);
        aci_free(r);
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    for (int i = 0; rc == AC_OK && i < TRIES; i++) {
        uint64_t held = 0;

        memset(x, 0, sizeof *x);
        x->old = c->cosigned;
        x->same = corrected;
        rc = aci_hub_read(hub, read_push, x, err);
        if (rc != AC_OK || (x->size == x->old && x->text_len == 0)) {
            break; /* an error, or the witness has the newest */
        }
        rc = post(c, x, r, &status, err);
        if (out_status != NULL) {
            *out_status = (int)status;
        }
        if (rc != AC_OK) {
            break;
        }
        if (status == 200) {
            rc = keep(hub, c, pk, x, r, err);
            if (rc == AC_OK) {
                c->cosigned = x->size;
            }
            break;
        }
        if (status == 409 && conflict_size(r, &held) && held != c->cosigned && i + 1 < TRIES) {
            /* resend from the size the witness holds; the size is its claim, not a
               cosignature: until one comes back, nothing counts as cosigned */
            c->cosigned = held;
            corrected = true;
            continue;
        }
        rc = aci_fail(err, status == 422 || status == 409 ? AC_ECONFLICT : AC_EDENIED,
                      "witness %s refused the checkpoint at %llu entries (HTTP %ld)%s", c->name,
                      (unsigned long long)x->size, status,
                      status == 422 || status == 409
                          ? ": the hub's log does not extend what it cosigned; check the audit "
                            "trail with 'accord audit verify --witness'"
                          : "");
    }
    if (rc != AC_OK) {
        c->cosigned = start; /* a size a refusal named was never cosigned for us */
    }
    aci_free(x);
    aci_free(r);
    return rc;
}

ac_code
ac_cosign_check(const char *path,
                const char *log_key_hex,
                const char *name,
                const char *public_key_hex,
                uint64_t *out_newest,
                ac_error *err)
{
    unsigned char log_pk[32], pk[32];

    *out_newest = 0;
    if (log_key_hex == NULL || !aci_hex_decode(log_key_hex, log_pk, sizeof log_pk)) {
        return aci_fail(err, AC_EINVAL, "the pinned public key is not 64 hex characters");
    }
    if (name == NULL || name[0] == '\0' || public_key_hex == NULL ||
        !aci_hex_decode(public_key_hex, pk, sizeof pk)) {
        return aci_fail(err, AC_EINVAL,
                        "--cosigner-key: expected NAME=PUBLIC_KEY, the key 64 hex characters "
                        "(printed by 'accord witness serve')");
    }
    if (path == NULL) {
        return aci_fail(err, AC_EINVAL, "--cosigner-key needs --witness FILE");
    }
    return aci_cosig_scan(path, log_pk, name, pk, out_newest, err);
}
