/* SPDX-License-Identifier: Apache-2.0
 *
 * witness.c - the cosigning witness (include/accord/witness.h): the cosignature format
 * (c2sp.org/tlog-cosignature), the add-checkpoint request (c2sp.org/tlog-witness), and
 * the witness's state, one file per log holding the newest checkpoint it cosigned.
 *
 * The state is replaced atomically and durably (a 0600 temporary file, fsync, rename,
 * fsync of the directory) before the cosignature leaves, under the witness's lock: the
 * check of "old" and the update are one step, as the spec requires, so two requests
 * cannot roll the state back.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accord/witness.h"
#include "audit/audit.h"
#include "audit/merkle.h"
#include "audit/note.h"
#include "audit/witness.h"

#define SIG_DASH      "\xe2\x80\x94 " /* U+2014 EM DASH, then a space */
#define COSIG_TYPE    0x04            /* tlog-cosignature: Ed25519 cosignature/v1 */
#define COSIG_BLOB    (4 + 8 + crypto_sign_BYTES)
#define WITNESS_MAGIC 0x61637774u
#define STATE_MAX     4096 /* bytes of a state file read at most */
#define LOGS_MAX      64

/* ---- the cosignature format ---- */

void
aci_cosig_key_id(const char *name, const unsigned char pk[32], unsigned char out[4])
{
    crypto_hash_sha256_state st;
    unsigned char digest[crypto_hash_sha256_BYTES];
    const unsigned char sep[2] = { '\n', COSIG_TYPE };

    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)name, strlen(name));
    crypto_hash_sha256_update(&st, sep, sizeof sep);
    crypto_hash_sha256_update(&st, pk, 32);
    crypto_hash_sha256_final(&st, digest);
    memcpy(out, digest, 4);
}

int
aci_cosig_message(char *buf, size_t cap, int64_t ts, const char *text, size_t text_len)
{
    int n = snprintf(buf, cap, "cosignature/v1\ntime %lld\n", (long long)ts);

    if (n < 0 || ts < 0 || (size_t)n + text_len >= cap) {
        return -1;
    }
    memcpy(buf + n, text, text_len);
    buf[(size_t)n + text_len] = '\0';
    return n + (int)text_len;
}

int
aci_cosig_line(char *buf,
               size_t cap,
               const char *name,
               const unsigned char pk[32],
               const unsigned char *sk,
               int64_t ts,
               const char *text,
               size_t text_len)
{
    unsigned char blob[COSIG_BLOB];
    char msg[ACI_NOTE_MAX + 64];
    char b64[sodium_base64_ENCODED_LEN(COSIG_BLOB, sodium_base64_VARIANT_ORIGINAL)];
    int mlen = aci_cosig_message(msg, sizeof msg, ts, text, text_len), n;

    if (mlen < 0) {
        return -1;
    }
    aci_cosig_key_id(name, pk, blob);
    for (int i = 0; i < 8; i++) { /* u64 timestamp, big-endian (RFC 8446 3.3) */
        blob[4 + i] = (unsigned char)((uint64_t)ts >> (56 - 8 * i));
    }
    crypto_sign_detached(blob + 12, NULL, (const unsigned char *)msg, (size_t)mlen, sk);
    sodium_bin2base64(b64, sizeof b64, blob, sizeof blob, sodium_base64_VARIANT_ORIGINAL);
    n = snprintf(buf, cap, SIG_DASH "%s %s\n", name, b64);
    return n > 0 && (size_t)n < cap ? n : -1;
}

int
aci_cosig_check(const char *line,
                const char *end,
                const char *name,
                const unsigned char pk[32],
                const char *text,
                size_t text_len,
                int64_t *out_ts)
{
    size_t dash = sizeof SIG_DASH - 1, nlen = strlen(name), got = 0;
    unsigned char blob[COSIG_BLOB + 1], id[4];
    char msg[ACI_NOTE_MAX + 64];
    const char *b64;
    uint64_t ts = 0;
    int mlen;

    *out_ts = 0;
    if ((size_t)(end - line) <= dash + nlen + 1 || memcmp(line, SIG_DASH, dash) != 0 ||
        memcmp(line + dash, name, nlen) != 0 || line[dash + nlen] != ' ') {
        return 0;
    }
    b64 = line + dash + nlen + 1;
    if (sodium_base642bin(blob, sizeof blob, b64, (size_t)(end - b64), NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        got < 4) {
        return -1;
    }
    aci_cosig_key_id(name, pk, id);
    if (memcmp(blob, id, 4) != 0) {
        return 0; /* the same name with another key (or another type): not ours to judge */
    }
    if (got != COSIG_BLOB) {
        return -1;
    }
    for (int i = 0; i < 8; i++) {
        ts = ts << 8 | blob[4 + i];
    }
    if (ts > INT64_MAX) {
        return -1;
    }
    mlen = aci_cosig_message(msg, sizeof msg, (int64_t)ts, text, text_len);
    if (mlen < 0 ||
        crypto_sign_verify_detached(blob + 12, (const unsigned char *)msg, (size_t)mlen, pk) != 0) {
        return -1;
    }
    *out_ts = (int64_t)ts;
    return 1;
}

/* ---- the request ---- */

/* The decimal [P, END) with no leading zero, into *OUT. */
static bool
parse_u64(const char *p, const char *end, uint64_t *out)
{
    uint64_t v = 0;

    if (p == end || (p[0] == '0' && end - p > 1)) {
        return false;
    }
    for (; p < end; p++) {
        uint64_t d = (uint64_t)(*p - '0');

        if (*p < '0' || *p > '9' || v > (UINT64_MAX - d) / 10) {
            return false; /* not a digit, or past 2^64 - 1 */
        }
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

bool
aci_witness_req_parse(const char *body, size_t len, struct aci_witness_req *out, ac_error *err)
{
    const char *p = body, *end = body + len, *nl;
    size_t line = 1;

    memset(out, 0, sizeof *out);
    nl = len > 0 ? memchr(p, '\n', len) : NULL;
    if (nl == NULL || nl - p < 5 || memcmp(p, "old ", 4) != 0 || !parse_u64(p + 4, nl, &out->old)) {
        aci_fail(err, AC_EINVAL,
                 "line 1 must be 'old N' (the size the witness last cosigned, in decimal, no "
                 "leading zero), then a newline");
        return false;
    }
    for (p = nl + 1;; p = nl + 1) {
        size_t got = 0;

        line++;
        nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
        if (nl == NULL) {
            aci_fail(err, AC_EINVAL,
                     "line %zu: the proof lines must end with a blank line before the checkpoint",
                     line);
            return false;
        }
        if (nl == p) {
            break; /* the blank line */
        }
        if (out->n_proof == ACI_COSIG_PROOF_MAX) {
            aci_fail(err, AC_EINVAL, "line %zu: more than %d consistency proof lines", line,
                     ACI_COSIG_PROOF_MAX);
            return false;
        }
        if (sodium_base642bin(out->proof[out->n_proof], ACI_HASH_LEN, p, (size_t)(nl - p), NULL,
                              &got, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
            got != ACI_HASH_LEN) {
            aci_fail(err, AC_EINVAL, "line %zu: a proof line must be one 32-byte hash in base64",
                     line);
            return false;
        }
        out->n_proof++;
    }
    out->note = nl + 1;
    out->note_len = (size_t)(end - out->note);
    if (out->note_len == 0) {
        aci_fail(err, AC_EINVAL, "the signed checkpoint is missing after the blank line");
        return false;
    }
    return true;
}

bool
aci_witness_checkpoint_parse(const char *text,
                             size_t len,
                             char *origin,
                             size_t cap,
                             uint64_t *out_size,
                             aci_hash out_root)
{
    const char *end = text + len, *l1, *l2, *l3;
    size_t got = 0;

    l1 = memchr(text, '\n', len);
    l2 = l1 != NULL ? memchr(l1 + 1, '\n', (size_t)(end - l1 - 1)) : NULL;
    l3 = l2 != NULL ? memchr(l2 + 1, '\n', (size_t)(end - l2 - 1)) : NULL;
    if (l3 == NULL || l1 == text || (size_t)(l1 - text) >= cap ||
        !parse_u64(l1 + 1, l2, out_size) ||
        sodium_base642bin(out_root, ACI_HASH_LEN, l2 + 1, (size_t)(l3 - l2 - 1), NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        got != ACI_HASH_LEN) {
        return false;
    }
    memcpy(origin, text, (size_t)(l1 - text));
    origin[l1 - text] = '\0';
    return true;
}

/* ---- the witness ---- */

struct wlog {
    char origin[ACI_NOTE_NAME_MAX];
    unsigned char pk[32];
    char *path;     /* its state file (aci_malloc) */
    uint64_t size;  /* the newest size cosigned; 0 with none */
    aci_hash root;  /* its root */
    bool has_state; /* a checkpoint was cosigned */
};

struct ac_witness {
    uint32_t magic;
    char name[ACI_NOTE_NAME_MAX];
    unsigned char pk[32];
    unsigned char *sk; /* sodium_malloc */
    char pk_hex[65];
    char *dir;
    struct wlog *logs;
    size_t n_logs;
    pthread_mutex_t lock;
};

static ac_code
key_load(ac_witness *w, const char *path, ac_error *err)
{
    char hex[2 * crypto_sign_SECRETKEYBYTES + 2];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    ssize_t n;
    bool ok;

    if (fd < 0 && errno == ENOENT) { /* a new witness: make its key */
        crypto_sign_keypair(w->pk, w->sk);
        aci_hex_encode(w->sk, crypto_sign_SECRETKEYBYTES, hex);
        n = (ssize_t)strlen(hex);
        hex[n++] = '\n';
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        ok = fd >= 0 && write(fd, hex, (size_t)n) == n && fsync(fd) == 0;
        sodium_memzero(hex, sizeof hex);
        if (fd >= 0) {
            close(fd);
        }
        return ok ? AC_OK
                  : aci_fail(err, AC_EIO, "--key: cannot create the witness key '%s': %s", path,
                             strerror(errno));
    }
    if (fd < 0) {
        return aci_fail(err, AC_EIO, "--key: cannot read '%s': %s", path, strerror(errno));
    }
    if (fstat(fd, &st) != 0 || (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        close(fd);
        return aci_fail(err, AC_EDENIED,
                        "--key: '%s' can be read by other accounts, who could cosign in the "
                        "witness's name: chmod 600 %s",
                        path, path);
    }
    n = read(fd, hex, sizeof hex - 1);
    close(fd);
    while (n > 0 && (hex[n - 1] == '\n' || hex[n - 1] == '\r')) {
        n--;
    }
    hex[n < 0 ? 0 : n] = '\0';
    ok = aci_hex_decode(hex, w->sk, crypto_sign_SECRETKEYBYTES);
    sodium_memzero(hex, sizeof hex);
    if (!ok) {
        return aci_fail(err, AC_EINVAL,
                        "--key: '%s' is not an Ed25519 secret key in hex (128 characters)", path);
    }
    crypto_sign_ed25519_sk_to_pk(w->pk, w->sk);
    return AC_OK;
}

/* Load L's state file, when there is one: its note must be signed by L's key. */
static ac_code
state_load(struct wlog *l, ac_error *err)
{
    char note[STATE_MAX], origin[ACI_NOTE_NAME_MAX];
    int fd = open(l->path, O_RDONLY | O_CLOEXEC);
    ssize_t n;
    size_t text_len = 0;

    if (fd < 0) {
        return errno == ENOENT ? AC_OK
                               : aci_fail(err, AC_EIO, "cannot read the witness state '%s': %s",
                                          l->path, strerror(errno));
    }
    n = read(fd, note, sizeof note);
    close(fd);
    if (n <= 0 || (size_t)n == sizeof note ||
        !aci_note_verify(note, (size_t)n, l->origin, l->pk, &text_len) ||
        !aci_witness_checkpoint_parse(note, text_len, origin, sizeof origin, &l->size, l->root) ||
        strcmp(origin, l->origin) != 0) {
        return aci_fail(err, AC_EINVAL,
                        "the witness state '%s' is not a checkpoint signed by the key given for "
                        "log %s: restore it from backup (starting afresh would let the log roll "
                        "back)",
                        l->path, l->origin);
    }
    l->has_state = true;
    return AC_OK;
}

/* Replace L's state with NOTE durably: temporary file, fsync, rename, fsync the folder. */
static ac_code
state_save(const ac_witness *w, const struct wlog *l, const char *note, size_t len, ac_error *err)
{
    size_t plen = strlen(l->path) + 5;
    char *tmp = aci_malloc(plen);
    int fd = -1, dfd = -1;
    bool ok = false;

    if (tmp != NULL) {
        snprintf(tmp, plen, "%s.tmp", l->path);
        fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        ok = fd >= 0 && write(fd, note, len) == (ssize_t)len && fsync(fd) == 0;
        if (fd >= 0) {
            close(fd);
        }
        ok = ok && rename(tmp, l->path) == 0;
        dfd = ok ? open(w->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
        ok = ok && dfd >= 0 && fsync(dfd) == 0;
        if (dfd >= 0) {
            close(dfd);
        }
    }
    aci_free(tmp);
    return ok ? AC_OK
              : aci_fail(err, AC_EIO, "cannot save the witness state for %s in '%s': %s", l->origin,
                         w->dir, strerror(errno));
}

ac_code
ac_witness_open(const char *name,
                const char *key_path,
                const char *state_dir,
                const ac_witness_log *logs,
                size_t n_logs,
                ac_witness **out,
                ac_error *err)
{
    ac_witness *w;
    ac_code rc = AC_OK;

    *out = NULL;
    if (name == NULL || name[0] == '\0' || strlen(name) >= ACI_NOTE_NAME_MAX ||
        strpbrk(name, " \n+") != NULL) {
        return aci_fail(err, AC_EINVAL,
                        "--name: the witness's key name must be 1 to %d characters with no space "
                        "or '+', e.g. oversight.example/w1",
                        ACI_NOTE_NAME_MAX - 1);
    }
    if (n_logs == 0 || n_logs > LOGS_MAX) {
        return aci_fail(err, AC_EINVAL, "--log: give 1 to %d logs as ORIGIN=PUBLIC_KEY", LOGS_MAX);
    }
    if (sodium_init() < 0) {
        return aci_fail(err, AC_ESTORAGE, "libsodium cannot start");
    }
    if (mkdir(state_dir, 0700) != 0 && errno != EEXIST) {
        return aci_fail(err, AC_EIO, "--state: cannot create '%s': %s", state_dir, strerror(errno));
    }
    w = aci_calloc(1, sizeof *w);
    if (w == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    pthread_mutex_init(&w->lock, NULL);
    w->magic = WITNESS_MAGIC;
    snprintf(w->name, sizeof w->name, "%s", name);
    w->sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
    w->dir = aci_strdup(state_dir);
    w->logs = aci_calloc(n_logs, sizeof *w->logs);
    if (w->sk == NULL || w->dir == NULL || w->logs == NULL) {
        ac_witness_close(w);
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    w->n_logs = n_logs;
    rc = key_load(w, key_path, err);
    for (size_t i = 0; rc == AC_OK && i < n_logs; i++) {
        struct wlog *l = &w->logs[i];
        unsigned char digest[crypto_hash_sha256_BYTES];
        char id[17];
        size_t plen = strlen(state_dir) + 40;

        if (logs[i].origin == NULL || logs[i].origin[0] == '\0' ||
            strlen(logs[i].origin) >= sizeof l->origin || strchr(logs[i].origin, '\n') != NULL ||
            logs[i].public_key_hex == NULL || !aci_hex_decode(logs[i].public_key_hex, l->pk, 32)) {
            rc = aci_fail(err, AC_EINVAL,
                          "--log %zu: expected ORIGIN=PUBLIC_KEY, the public key 64 hex "
                          "characters (the hub's PATH.pub)",
                          i + 1);
            break;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(w->logs[j].origin, logs[i].origin) == 0) {
                rc = aci_fail(err, AC_EINVAL, "--log %zu: log %s is given twice", i + 1,
                              logs[i].origin);
            }
        }
        snprintf(l->origin, sizeof l->origin, "%s", logs[i].origin);
        crypto_hash_sha256(digest, (const unsigned char *)l->origin, strlen(l->origin));
        sodium_bin2hex(id, sizeof id, digest, 8);
        l->path = aci_malloc(plen);
        if (rc == AC_OK && l->path == NULL) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory");
        }
        if (rc == AC_OK) {
            snprintf(l->path, plen, "%s/log-%s.checkpoint", state_dir, id);
            rc = state_load(l, err);
        }
    }
    if (rc != AC_OK) {
        ac_witness_close(w);
        return rc;
    }
    aci_hex_encode(w->pk, 32, w->pk_hex);
    *out = w;
    return AC_OK;
}

void
ac_witness_close(ac_witness *w)
{
    if (w == NULL) {
        return;
    }
    for (size_t i = 0; w->logs != NULL && i < w->n_logs; i++) {
        aci_free(w->logs[i].path);
    }
    aci_free(w->logs);
    aci_free(w->dir);
    if (w->sk != NULL) {
        sodium_free(w->sk);
    }
    pthread_mutex_destroy(&w->lock);
    w->magic = 0;
    aci_free(w);
}

const char *
ac_witness_public_key(const ac_witness *w)
{
    return w != NULL && w->magic == WITNESS_MAGIC ? w->pk_hex : "";
}

/* The checks and the update, with W locked. */
static int
add_locked(ac_witness *w,
           struct wlog *l,
           const struct aci_witness_req *rq,
           const char *text,
           size_t text_len,
           uint64_t size,
           const aci_hash root,
           int64_t now_s,
           char *out,
           const char **out_type,
           ac_error *err)
{
    aci_hash proof[ACI_COSIG_PROOF_MAX];
    ac_code rc;

    if (rq->old != l->size) {
        snprintf(out, AC_WITNESS_REPLY_MAX, "%llu\n", (unsigned long long)l->size);
        *out_type = "text/x.tlog.size";
        aci_fail(err, AC_ECONFLICT, "old is %llu but the witness last cosigned %llu",
                 (unsigned long long)rq->old, (unsigned long long)l->size);
        return 409;
    }
    if (rq->old == size) {
        if (l->has_state && memcmp(root, l->root, ACI_HASH_LEN) != 0) {
            aci_fail(err, AC_ECONFLICT,
                     "a different root at the size the witness cosigned: the log forked");
            snprintf(out, AC_WITNESS_REPLY_MAX, "%llu\n", (unsigned long long)l->size);
            *out_type = "text/x.tlog.size";
            return 409;
        }
    } else if (rq->old == 0) {
        if (rq->n_proof != 0) {
            aci_fail(err, AC_EINVAL, "the proof must be empty when old is 0");
            return 422;
        }
    } else {
        memcpy(proof, rq->proof, rq->n_proof * sizeof *proof);
        if (!aci_merkle_verify_consistency(rq->old, size, l->root, root, proof, rq->n_proof)) {
            aci_fail(err, AC_EINVAL,
                     "the consistency proof from %llu to %llu does not verify: the log is not "
                     "an extension of what the witness cosigned",
                     (unsigned long long)rq->old, (unsigned long long)size);
            return 422;
        }
    }
    rc = state_save(w, l, rq->note, rq->note_len, err);
    if (rc != AC_OK) {
        return 500;
    }
    l->size = size;
    memcpy(l->root, root, ACI_HASH_LEN);
    l->has_state = true;
    if (aci_cosig_line(out, AC_WITNESS_REPLY_MAX, w->name, w->pk, w->sk, now_s, text, text_len) <
        0) {
        aci_fail(err, AC_EINVAL, "the cosignature does not fit its reply");
        return 500;
    }
    return 200;
}

int
ac_witness_add_checkpoint(ac_witness *w,
                          const char *body,
                          size_t len,
                          int64_t now_s,
                          char *out,
                          const char **out_type,
                          ac_error *err)
{
    struct aci_witness_req rq;
    char origin[ACI_NOTE_NAME_MAX];
    struct wlog *l = NULL;
    size_t text_len = 0;
    uint64_t size = 0;
    aci_hash root;
    int status;

    out[0] = '\0';
    *out_type = "text/plain; charset=utf-8";
    if (w == NULL || w->magic != WITNESS_MAGIC) {
        aci_fail(err, AC_EMISUSE, "bad witness handle");
        return 500;
    }
    if (!aci_witness_req_parse(body, len, &rq, err)) {
        return 400;
    }
    {
        const char *nl = memchr(rq.note, '\n', rq.note_len);
        size_t olen = nl != NULL ? (size_t)(nl - rq.note) : 0;

        for (size_t i = 0; i < w->n_logs && nl != NULL; i++) {
            if (strlen(w->logs[i].origin) == olen &&
                memcmp(w->logs[i].origin, rq.note, olen) == 0) {
                l = &w->logs[i];
            }
        }
    }
    if (l == NULL) {
        aci_fail(err, AC_ENOTFOUND, "the checkpoint's origin is not a log this witness knows");
        return 404;
    }
    if (!aci_note_verify(rq.note, rq.note_len, l->origin, l->pk, &text_len)) {
        aci_fail(err, AC_EDENIED, "the checkpoint is not signed by the key configured for %s",
                 l->origin);
        return 403;
    }
    if (!aci_witness_checkpoint_parse(rq.note, text_len, origin, sizeof origin, &size, root)) {
        aci_fail(err, AC_EINVAL, "the checkpoint's size or root hash line is malformed");
        return 400;
    }
    if (rq.old > size) {
        aci_fail(err, AC_EINVAL, "old (%llu) is larger than the checkpoint's size (%llu)",
                 (unsigned long long)rq.old, (unsigned long long)size);
        return 400;
    }
    pthread_mutex_lock(&w->lock);
    status = add_locked(w, l, &rq, rq.note, text_len, size, root, now_s, out, out_type, err);
    pthread_mutex_unlock(&w->lock);
    return status;
}

/* ---- cosignatures kept in the hub's witness file ---- */

ac_code
aci_cosig_scan(const char *path,
               const unsigned char log_pk[32],
               const char *name,
               const unsigned char pk[32],
               uint64_t *out_newest,
               ac_error *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, nth = 0, got;
    const char *p, *end;
    ac_code rc = AC_OK;

    *out_newest = 0;
    if (f == NULL) {
        return aci_fail(err, AC_ENOTFOUND, "cannot read the witness file '%s': %s", path,
                        strerror(errno));
    }
    do { /* the whole file */
        if (len + 4096 > cap) {
            char *grown = aci_realloc(buf, cap = cap * 2 + 8192);

            if (grown == NULL || cap > (256u << 20)) {
                aci_free(grown != NULL ? grown : buf);
                fclose(f);
                return aci_fail(err, AC_ENOMEM, "the witness file '%s' is too large", path);
            }
            buf = grown;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    fclose(f);
    for (p = buf, end = buf + len; rc == AC_OK && p < end;) {
        const char *sep = p, *q;
        struct aci_witnessed cp;

        while (sep + 1 < end && !(sep[0] == '\n' && sep[1] == '\n')) {
            sep++;
        }
        if (sep + 1 >= end) {
            break; /* a torn last note: aci_witness_load judges the file's form */
        }
        nth++;
        for (q = sep + 2; q < end && *q != '\n';) { /* its signature lines */
            const char *nl = memchr(q, '\n', (size_t)(end - q));
            int64_t ts = 0;
            int v;

            nl = nl != NULL ? nl : end;
            v = aci_cosig_check(q, nl, name, pk, p, (size_t)(sep + 1 - p), &ts);
            if (v < 0 || (v == 1 && !aci_checkpoint_parse(p, (size_t)(sep + 1 - p), log_pk, &cp))) {
                rc = aci_fail(err, AC_EINVAL,
                              "the witness file's note %zu carries a cosignature by %s that does "
                              "not verify: it is forged or was moved to another checkpoint",
                              nth, name);
                break;
            }
            if (v == 1 && cp.size > *out_newest) {
                *out_newest = cp.size;
            }
            q = nl < end ? nl + 1 : end;
        }
        p = q < end ? q + 1 : end;
    }
    aci_free(buf);
    if (rc != AC_OK) {
        *out_newest = 0;
    }
    return rc;
}
