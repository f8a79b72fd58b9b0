/* SPDX-License-Identifier: Apache-2.0
 *
 * note.c - C2SP tlog-checkpoint bodies in C2SP signed notes, and the witness file that
 * keeps every signed note outside the database (note.h).
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "audit/note.h"

#define SIG_DASH     "\xe2\x80\x94 " /* U+2014 EM DASH, then a space */
#define SIG_TYPE     0x01            /* signed-note: Ed25519 */
#define WITNESS_MAX  (256u << 20)    /* bytes of witness file read at most */
#define SIG_BLOB_LEN (4 + crypto_sign_BYTES)

void
aci_note_origin(const unsigned char pk[32], char *name)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    char id[17];

    crypto_hash_sha256(digest, pk, 32);
    sodium_bin2hex(id, sizeof id, digest, 8);
    snprintf(name, ACI_NOTE_NAME_MAX, "accord/%s", id);
}

void
aci_note_key_hash(const char *name, const unsigned char pk[32], unsigned char out[4])
{
    crypto_hash_sha256_state st;
    unsigned char digest[crypto_hash_sha256_BYTES];
    const unsigned char sep[2] = { '\n', SIG_TYPE };

    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)name, strlen(name));
    crypto_hash_sha256_update(&st, sep, sizeof sep);
    crypto_hash_sha256_update(&st, pk, 32);
    crypto_hash_sha256_final(&st, digest);
    memcpy(out, digest, 4);
}

int
aci_checkpoint_body(char *buf,
                    size_t cap,
                    const unsigned char pk[32],
                    uint64_t size,
                    const aci_hash root)
{
    char origin[ACI_NOTE_NAME_MAX],
        b64[sodium_base64_ENCODED_LEN(ACI_HASH_LEN, sodium_base64_VARIANT_ORIGINAL)];
    int n;

    aci_note_origin(pk, origin);
    sodium_bin2base64(b64, sizeof b64, root, ACI_HASH_LEN, sodium_base64_VARIANT_ORIGINAL);
    n = snprintf(buf, cap, "%s\n%llu\n%s\n", origin, (unsigned long long)size, b64);
    return n > 0 && (size_t)n < cap ? n : -1;
}

int
aci_note_format(char *buf,
                size_t cap,
                const char *text,
                const char *name,
                const unsigned char pk[32],
                const unsigned char sig[64])
{
    unsigned char blob[SIG_BLOB_LEN];
    char b64[sodium_base64_ENCODED_LEN(SIG_BLOB_LEN, sodium_base64_VARIANT_ORIGINAL)];
    int n;

    aci_note_key_hash(name, pk, blob);
    memcpy(blob + 4, sig, crypto_sign_BYTES);
    sodium_bin2base64(b64, sizeof b64, blob, sizeof blob, sodium_base64_VARIANT_ORIGINAL);
    n = snprintf(buf, cap, "%s\n" SIG_DASH "%s %s\n", text, name, b64);
    return n > 0 && (size_t)n < cap ? n : -1;
}

int
aci_note_sign(char *buf,
              size_t cap,
              const char *text,
              const char *name,
              const unsigned char pk[32],
              const unsigned char *sk,
              unsigned char sig_out[64])
{
    unsigned char sig[crypto_sign_BYTES];

    crypto_sign_detached(sig, NULL, (const unsigned char *)text, strlen(text), sk);
    if (sig_out != NULL) {
        memcpy(sig_out, sig, crypto_sign_BYTES);
    }
    return aci_note_format(buf, cap, text, name, pk, sig);
}

/* The signature line [LINE, END) of key NAME, PK over TEXT: 1 valid, 0 another key's,
 * -1 this key's but invalid or malformed. */
static int
check_sig_line(const char *line,
               const char *end,
               const char *name,
               const unsigned char pk[32],
               const char *text,
               size_t text_len)
{
    size_t dash = sizeof SIG_DASH - 1, nlen = strlen(name);
    unsigned char blob[SIG_BLOB_LEN + 1], hash[4];
    size_t got = 0;
    const char *b64;

    if ((size_t)(end - line) <= dash + nlen + 1 || memcmp(line, SIG_DASH, dash) != 0) {
        return -1; /* not a signature line at all */
    }
    if (memcmp(line + dash, name, nlen) != 0 || line[dash + nlen] != ' ') {
        return 0;
    }
    b64 = line + dash + nlen + 1;
    if (sodium_base642bin(blob, sizeof blob, b64, (size_t)(end - b64), NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        got < 4) {
        return -1;
    }
    aci_note_key_hash(name, pk, hash);
    if (memcmp(blob, hash, 4) != 0) {
        return 0; /* same name, another key: ignored, as the spec says */
    }
    return got == SIG_BLOB_LEN && crypto_sign_verify_detached(blob + 4, (const unsigned char *)text,
                                                              text_len, pk) == 0
               ? 1
               : -1;
}

bool
aci_note_verify(const char *note,
                size_t len,
                const char *name,
                const unsigned char pk[32],
                size_t *text_len)
{
    const char *sep = NULL, *p, *end = note + len;
    bool verified = false;

    *text_len = 0;
    if (len < 2 || note[len - 1] != '\n' || memchr(note, '\0', len) != NULL) {
        return false;
    }
    for (p = note; p + 1 < end; p++) { /* the last blank line ends the text */
        if (p[0] == '\n' && p[1] == '\n') {
            sep = p;
        }
    }
    if (sep == NULL) {
        return false;
    }
    for (p = sep + 2; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        int v = check_sig_line(p, nl, name, pk, note, (size_t)(sep + 1 - note));

        if (v < 0) {
            return false; /* a bad signature by the key, or a malformed line: reject */
        }
        verified = verified || v == 1;
        p = nl + 1;
    }
    *text_len = (size_t)(sep + 1 - note);
    return verified;
}

/* The decimal at [P, END) with no leading zero (C2SP), into *OUT. */
static bool
parse_size(const char *p, const char *end, uint64_t *out)
{
    uint64_t v = 0;

    if (p == end || (p[0] == '0' && end - p > 1)) {
        return false;
    }
    for (; p < end; p++) {
        if (*p < '0' || *p > '9' || v > (UINT64_MAX - 9) / 10) {
            return false;
        }
        v = v * 10 + (uint64_t)(*p - '0');
    }
    *out = v;
    return true;
}

bool
aci_checkpoint_parse(const char *text,
                     size_t len,
                     const unsigned char pk[32],
                     struct aci_witnessed *out)
{
    char origin[ACI_NOTE_NAME_MAX];
    const char *end = text + len, *l1, *l2, *l3;
    size_t got = 0, olen;

    aci_note_origin(pk, origin);
    olen = strlen(origin);
    l1 = memchr(text, '\n', len);
    l2 = l1 != NULL ? memchr(l1 + 1, '\n', (size_t)(end - l1 - 1)) : NULL;
    l3 = l2 != NULL ? memchr(l2 + 1, '\n', (size_t)(end - l2 - 1)) : NULL;
    return l3 != NULL && (size_t)(l1 - text) == olen && memcmp(text, origin, olen) == 0 &&
           parse_size(l1 + 1, l2, &out->size) &&
           sodium_base642bin(out->root, ACI_HASH_LEN, l2 + 1, (size_t)(l3 - l2 - 1), NULL, &got,
                             NULL, sodium_base64_VARIANT_ORIGINAL) == 0 &&
           got == ACI_HASH_LEN;
}

ac_code
aci_witness_append(const char *path, const char *note, size_t len, ac_error *err)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    char *rec = aci_malloc(len + 1);
    ac_code rc = AC_OK;

    if (fd < 0 || rec == NULL) {
        rc = aci_fail(err, AC_EIO, "cannot write the audit witness file '%s': %s", path,
                      fd < 0 ? strerror(errno) : "out of memory");
    } else {
        memcpy(rec, note, len);
        rec[len] = '\n'; /* one write: a concurrent reader never sees half a note */
        if (write(fd, rec, len + 1) != (ssize_t)(len + 1) || fsync(fd) != 0) {
            rc = aci_fail(err, AC_EIO, "cannot write the audit witness file '%s': %s", path,
                          strerror(errno));
        }
    }
    if (fd >= 0) {
        close(fd);
    }
    aci_free(rec);
    return rc;
}

/* The whole of PATH in A, NUL-terminated; *LEN its length. */
static ac_code
slurp(const char *path, ac_arena *a, char **out, size_t *len, ac_error *err)
{
    FILE *f = fopen(path, "rb");
    long size;
    char *buf;

    *out = NULL;
    *len = 0;
    if (f == NULL) {
        return aci_fail(err, AC_ENOTFOUND, "cannot read the witness file '%s': %s", path,
                        strerror(errno));
    }
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || (unsigned long)size > WITNESS_MAX ||
        fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return aci_fail(err, AC_EIO, "cannot read the witness file '%s'", path);
    }
    buf = ac_arena_alloc(a, (size_t)size + 1);
    if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        return aci_fail(err, buf == NULL ? AC_ENOMEM : AC_EIO, "cannot read the witness file '%s'",
                        path);
    }
    fclose(f);
    buf[size] = '\0';
    *out = buf;
    *len = (size_t)size;
    return AC_OK;
}

static int
by_size(const void *x, const void *y)
{
    const struct aci_witnessed *a = x, *b = y;

    return a->size < b->size ? -1 : a->size > b->size;
}

/* The end of the note starting at P: past its text, the blank line, and its signature
 * lines; NULL when there is no blank line. */
static const char *
note_end(const char *p, const char *end)
{
    const char *q = p;

    while (q + 1 < end && !(q[0] == '\n' && q[1] == '\n')) {
        q++;
    }
    if (q + 1 >= end) {
        return NULL;
    }
    q += 2; /* the signature lines, up to a blank line or the end */
    while (q < end && *q != '\n') {
        const char *nl = memchr(q, '\n', (size_t)(end - q));

        q = nl != NULL ? nl + 1 : end;
    }
    return q;
}

ac_code
aci_witness_load(const char *path,
                 const unsigned char pk[32],
                 ac_arena *a,
                 struct aci_witnessed **out,
                 size_t *out_n,
                 ac_error *err)
{
    char name[ACI_NOTE_NAME_MAX], *buf = NULL;
    size_t len = 0, cap = 0, n = 0, m = 0, nth = 0;
    struct aci_witnessed *list = NULL;
    const char *p, *end;
    ac_code rc = slurp(path, a, &buf, &len, err);

    *out = NULL;
    *out_n = 0;
    if (rc != AC_OK) {
        return rc;
    }
    aci_note_origin(pk, name);
    for (p = buf, end = buf + len; rc == AC_OK && p < end;) {
        const char *e = note_end(p, end);
        size_t text_len = 0;
        struct aci_witnessed w;

        nth++;
        if (e == NULL || !aci_note_verify(p, (size_t)(e - p), name, pk, &text_len) ||
            !aci_checkpoint_parse(p, text_len, pk, &w)) {
            return aci_fail(err, AC_EINVAL,
                            "the witness file's note %zu is malformed or not signed by the pinned "
                            "key %s",
                            nth, name);
        }
        if (n == cap) {
            struct aci_witnessed *grown = ac_arena_alloc(a, (cap ? cap * 2 : 64) * sizeof *grown);

            if (grown == NULL) {
                return aci_fail(err, AC_ENOMEM, "out of memory reading the witness file");
            }
            if (n > 0) {
                memcpy(grown, list, n * sizeof *list);
            }
            list = grown;
            cap = cap ? cap * 2 : 64;
        }
        list[n++] = w;
        p = e < end && *e == '\n' ? e + 1 : e;
    }
    if (n > 0) {
        qsort(list, n, sizeof *list, by_size);
    }
    for (size_t i = 0; i < n; i++) {
        if (m > 0 && list[m - 1].size == list[i].size) {
            if (memcmp(list[m - 1].root, list[i].root, ACI_HASH_LEN) != 0) {
                return aci_fail(err, AC_EINVAL,
                                "the witness holds two different checkpoints signed at %llu "
                                "entries: the hub's key signed two histories",
                                (unsigned long long)list[i].size);
            }
            continue;
        }
        list[m++] = list[i];
    }
    *out = list;
    *out_n = m;
    return AC_OK;
}
