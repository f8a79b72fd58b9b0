/* SPDX-License-Identifier: Apache-2.0
 *
 * key.c - the Ed25519 key that signs audit checkpoints.  The secret key lives in a file
 * beside the database (mode 0600), never in it: whoever can rewrite the database cannot
 * re-sign its history.  Or it lives on a PKCS#11 token (key_pkcs11.c) and never leaves
 * it; both sign through struct aci_audit_signer.  The public key is registered in audit_keys and
 * can be exported for oversight bodies to verify proofs with no access to the hub.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "audit/key_pkcs11.h"
#include "store/store_audit.h"

static ac_code
read_key(const char *path, unsigned char *sk, ac_error *err)
{
    char hex[2 * crypto_sign_SECRETKEYBYTES + 2];
    FILE *f = fopen(path, "rb");
    size_t n;
    bool ok;

    struct stat st;

    if (f == NULL) {
        return errno == ENOENT
                   ? AC_ENOTFOUND
                   : aci_fail(err, AC_EIO, "cannot read audit key '%s': %s", path, strerror(errno));
    }
    /* a key others can read lets them sign a rewritten history: refuse it */
    if (fstat(fileno(f), &st) != 0 || (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        fclose(f);
        return aci_fail(err, AC_EDENIED, "'%s' can be read by other accounts: chmod 600 %s", path,
                        path);
    }
    n = fread(hex, 1, sizeof hex - 1, f);
    fclose(f);
    while (n > 0 && (hex[n - 1] == '\n' || hex[n - 1] == '\r')) {
        n--;
    }
    hex[n] = '\0';
    ok = aci_hex_decode(hex, sk, crypto_sign_SECRETKEYBYTES);
    sodium_memzero(hex, sizeof hex);
    return ok ? AC_OK
              : aci_fail(err, AC_EINVAL, "audit key '%s' is not a hex Ed25519 secret key", path);
}

static ac_code
write_key(const char *path, const unsigned char *sk, ac_error *err)
{
    char hex[2 * crypto_sign_SECRETKEYBYTES + 2];
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    size_t n;
    ac_code rc = AC_OK;

    if (fd < 0) {
        return aci_fail(err, AC_EIO, "cannot create audit key '%s': %s", path, strerror(errno));
    }
    aci_hex_encode(sk, crypto_sign_SECRETKEYBYTES, hex);
    n = strlen(hex);
    hex[n++] = '\n';
    if (write(fd, hex, n) != (ssize_t)n || fsync(fd) != 0) {
        rc = aci_fail(err, AC_EIO, "cannot write audit key '%s': %s", path, strerror(errno));
    }
    close(fd);
    sodium_memzero(hex, sizeof hex);
    return rc;
}

static ac_code
file_sign(void *ctx, const unsigned char *msg, size_t len, unsigned char sig[64], ac_error *err)
{
    (void)err;
    crypto_sign_detached(sig, NULL, msg, len, ctx);
    return AC_OK;
}

static void
file_close(void *ctx)
{
    sodium_free(ctx);
}

static const struct aci_audit_signer file_signer = { "key file", file_sign, file_close };

/* The key file PATH (or an ephemeral key for a NULL PATH) as OUT's signer. */
static ac_code
open_file_key(struct aci_store *s,
              const char *path,
              bool create,
              struct aci_audit_key *out,
              ac_error *err)
{
    unsigned char *sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
    int64_t keys = 0;
    ac_code rc;

    if (sk == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory for the audit key");
    }
    out->signer = &file_signer;
    out->signer_ctx = sk;
    rc = aci_store_audit_key_count(s, &keys, err);
    if (rc != AC_OK) {
        return rc;
    }
    rc = path != NULL ? read_key(path, sk, err) : AC_ENOTFOUND;
    /* a hub that has never signed anything (new, or older than signing) gets its key now */
    create = create || keys == 0;
    if (rc == AC_ENOTFOUND && (create || path == NULL)) {
        crypto_sign_keypair(out->pk, sk);
        rc = path != NULL ? write_key(path, sk, err) : AC_OK;
    } else if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND,
                      "audit signing key '%s' is missing: restore it from backup (a new key "
                      "would leave earlier checkpoints unverifiable)",
                      path);
    } else if (rc == AC_OK) {
        crypto_sign_ed25519_sk_to_pk(out->pk, sk);
    }
    return rc;
}

ac_code
aci_audit_key_open(struct aci_store *s,
                   const char *path,
                   bool create,
                   const char *now,
                   struct aci_audit_key *out,
                   ac_error *err)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    char pk_hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
    ac_code rc;

    memset(out, 0, sizeof *out);
    if (sodium_init() < 0) {
        return aci_fail(err, AC_ESTORAGE, "libsodium cannot start");
    }
    rc = path != NULL && aci_pkcs11_is_uri(path) ? aci_pkcs11_key_open(path, out, err)
                                                 : open_file_key(s, path, create, out, err);
    if (rc == AC_OK) {
        crypto_hash_sha256(digest, out->pk, sizeof out->pk);
        aci_hex_encode(digest, 8, out->key_id);
        aci_hex_encode(out->pk, sizeof out->pk, pk_hex);
        rc = aci_store_audit_key_add(s, out->key_id, pk_hex, now, err);
    }
    if (rc != AC_OK) {
        aci_audit_key_release(out);
    }
    return rc;
}

void
aci_audit_key_release(struct aci_audit_key *k)
{
    if (k == NULL) {
        return;
    }
    if (k->signer != NULL && k->signer_ctx != NULL) {
        k->signer->close(k->signer_ctx);
    }
    k->signer = NULL;
    k->signer_ctx = NULL;
    aci_free(k->witness_path);
    k->witness_path = NULL;
}
