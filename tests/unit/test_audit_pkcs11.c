/* SPDX-License-Identifier: Apache-2.0
 *
 * test_audit_pkcs11.c - the audit signing key on a PKCS#11 token (lib/audit/key_pkcs11.c):
 * RFC 7512 URIs that are refused, each with the part named and never the PIN; and, on a
 * private SoftHSM2 token made here (SOFTHSM2_CONF in a temp folder), a key created with
 * accord signs checkpoints that verify with its public key, while the token refuses to
 * give the secret key out (C_GetAttributeValue of CKA_VALUE: CKR_ATTRIBUTE_SENSITIVE).
 */
#include "support.h"

#include <ftw.h>

#include <p11-kit/p11-kit.h>
#include <p11-kit/uri.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"
#include "audit/key_pkcs11.h"

#ifndef ACCORD_SOFTHSM_MODULE
#define ACCORD_SOFTHSM_MODULE "/usr/lib/softhsm/libsofthsm2.so"
#endif

#define TOKEN   "accord-unit"
#define USERPIN "271828"

static char dir[256], uri[1024];

/* The error parsing TEXT, which must fail; its message in MSG. */
static void
parse_fails(const char *text, const char *want, char *msg, size_t cap)
{
    struct aci_pkcs11_uri u;
    ac_error err = { 0 };

    assert_int_equal(aci_pkcs11_uri_parse(text, &u, &err), AC_EINVAL);
    assert_null(u.token);
    if (strstr(err.msg, want) == NULL) {
        fail_msg("'%s': want '%s' in '%s'", text, want, err.msg);
    }
    snprintf(msg, cap, "%s", err.msg);
}

static void
pkcs11_uri_errors_name_the_part(void **state)
{
    char msg[AC_ERROR_MSG_MAX];

    (void)state;
    parse_fails("pkcs11:token=a;object=b;bogus%zz", "does not parse", msg, sizeof msg);
    parse_fails("pkcs11:object=b?pin-source=file:/p", "names no token: add token=", msg,
                sizeof msg);
    parse_fails("pkcs11:token=a?pin-source=file:/p", "names no key: add object=", msg, sizeof msg);
    parse_fails("pkcs11:token=a;object=b;type=cert?pin-source=file:/p", "type=private", msg,
                sizeof msg);
    parse_fails("pkcs11:token=a;object=b?module-path=lib/x.so&pin-source=file:/p",
                "relative module-path", msg, sizeof msg);
    parse_fails("pkcs11:token=a;object=b", "names no PIN: add pin-source=", msg, sizeof msg);
    parse_fails("pkcs11:token=a;object=b?pin-source=pin.txt", "absolute path", msg, sizeof msg);
    /* a PIN in the URI is refused, and not repeated */
    parse_fails("pkcs11:token=a;object=b?pin-value=s3cr3t-31415", "pin-value", msg, sizeof msg);
    assert_null(strstr(msg, "s3cr3t"));
    assert_null(strstr(msg, "31415"));
}

static void
pkcs11_uri_parses_its_parts(void **state)
{
    struct aci_pkcs11_uri u;
    ac_error err = { 0 };

    (void)state;
    assert_true(aci_pkcs11_is_uri("pkcs11:token=a"));
    assert_false(aci_pkcs11_is_uri("/var/lib/accord/hub.db.key"));
    assert_int_equal(aci_pkcs11_uri_parse("pkcs11:token=accord%20audit;object=audit-signing;"
                                          "type=private?module-path=/usr/lib/m.so&pin-source="
                                          "file:/etc/accord/pin",
                                          &u, &err),
                     AC_OK);
    assert_string_equal(u.token, "accord audit");
    assert_string_equal(u.object, "audit-signing");
    assert_string_equal(u.module_path, "/usr/lib/m.so");
    assert_string_equal(u.pin_file, "/etc/accord/pin");
    aci_pkcs11_uri_release(&u);
    /* without module-path: p11-kit's registered modules; a bare absolute pin-source */
    assert_int_equal(aci_pkcs11_uri_parse("pkcs11:token=t;object=o?pin-source=/p", &u, &err),
                     AC_OK);
    assert_null(u.module_path);
    assert_string_equal(u.pin_file, "/p");
    aci_pkcs11_uri_release(&u);
}

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(chmod(path, 0600), 0);
}

/* A private SoftHSM2 configuration and a token initialised on its free slot. */
static int
setup(void **state)
{
    char path[512], conf[512];
    CK_FUNCTION_LIST *m;
    CK_SLOT_ID slots[8];
    CK_ULONG n = 8;
    CK_UTF8CHAR label[32];
    CK_SESSION_HANDLE s;

    (void)state;
    snprintf(dir, sizeof dir, "%s/accord-pkcs11.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(dir) == NULL) {
        return -1;
    }
    snprintf(path, sizeof path, "%s/tokens", dir);
    mkdir(path, 0700);
    snprintf(conf, sizeof conf, "%s/softhsm2.conf", dir);
    snprintf(path, sizeof path,
             "directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n",
             dir);
    write_file(conf, path);
    setenv("SOFTHSM2_CONF", conf, 1);
    snprintf(path, sizeof path, "%s/pin", dir);
    write_file(path, USERPIN "\n");
    snprintf(uri, sizeof uri,
             "pkcs11:token=" TOKEN ";object=audit-signing?module-path=" ACCORD_SOFTHSM_MODULE
             "&pin-source=file:%s",
             path);

    m = p11_kit_module_load(ACCORD_SOFTHSM_MODULE, 0);
    if (m == NULL || p11_kit_module_initialize(m) != CKR_OK ||
        m->C_GetSlotList(CK_FALSE, slots, &n) != CKR_OK || n == 0) {
        fprintf(stderr, "# SoftHSM2 (%s) is needed: scripts/deps.sh\n", ACCORD_SOFTHSM_MODULE);
        return -1;
    }
    memset(label, ' ', sizeof label);
    memcpy(label, TOKEN, strlen(TOKEN));
    if (m->C_InitToken(slots[0], (CK_UTF8CHAR *)"so-1234", 7, label) != CKR_OK) {
        return -1;
    }
    n = 8;
    if (m->C_GetSlotList(CK_TRUE, slots, &n) != CKR_OK || n == 0 ||
        m->C_OpenSession(slots[0], CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL, &s) != CKR_OK ||
        m->C_Login(s, CKU_SO, (CK_UTF8CHAR *)"so-1234", 7) != CKR_OK ||
        m->C_InitPIN(s, (CK_UTF8CHAR *)USERPIN, strlen(USERPIN)) != CKR_OK) {
        return -1;
    }
    m->C_CloseSession(s);
    p11_kit_module_finalize(m);
    p11_kit_module_release(m);
    return sodium_init() < 0 ? -1 : 0;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int
teardown(void **state)
{
    (void)state;
    return nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
pkcs11_key_signs_on_the_token_and_never_gives_the_secret_out(void **state)
{
    unsigned char pk[32], again[32], sig[64];
    static const unsigned char msg[] = "accord/0123456789abcdef\n42\nroot\n";
    struct aci_audit_key k;
    ac_error err = { 0 };
    CK_FUNCTION_LIST *m;
    CK_SLOT_ID slots[8];
    CK_ULONG n = 8, found = 0;
    CK_SESSION_HANDLE s;
    CK_OBJECT_CLASS class = CKO_PRIVATE_KEY;
    CK_OBJECT_HANDLE priv;
    unsigned char value[64];
    CK_BBOOL sensitive = CK_FALSE, extractable = CK_TRUE;
    CK_ATTRIBUTE find[] = { { CKA_CLASS, &class, sizeof class },
                            { CKA_LABEL, (void *)"audit-signing", 13 } };
    CK_ATTRIBUTE secret = { CKA_VALUE, value, sizeof value };
    CK_ATTRIBUTE flags[] = { { CKA_SENSITIVE, &sensitive, sizeof sensitive },
                             { CKA_EXTRACTABLE, &extractable, sizeof extractable } };

    (void)state;
    assert_int_equal(aci_pkcs11_key_create(uri, pk, &err), AC_OK);
    /* a second key of the same label is refused */
    assert_int_equal(aci_pkcs11_key_create(uri, again, &err), AC_ECONFLICT);
    assert_non_null(strstr(err.msg, "already has a key labelled 'audit-signing'"));

    memset(&k, 0, sizeof k);
    assert_int_equal(aci_pkcs11_key_open(uri, &k, &err), AC_OK);
    assert_memory_equal(k.pk, pk, 32);
    assert_string_equal(k.signer->what, "PKCS#11 token");
    assert_int_equal(aci_audit_key_sign(&k, msg, sizeof msg - 1, sig, &err), AC_OK);
    assert_int_equal(crypto_sign_verify_detached(sig, msg, sizeof msg - 1, pk), 0);
    aci_audit_key_release(&k);

    /* the token, asked directly, will not give the secret key out */
    m = p11_kit_module_load(ACCORD_SOFTHSM_MODULE, 0);
    assert_non_null(m);
    assert_int_equal(p11_kit_module_initialize(m), CKR_OK);
    assert_int_equal(m->C_GetSlotList(CK_TRUE, slots, &n), CKR_OK);
    assert_int_equal(m->C_OpenSession(slots[0], CKF_SERIAL_SESSION, NULL, NULL, &s), CKR_OK);
    assert_int_equal(m->C_Login(s, CKU_USER, (CK_UTF8CHAR *)USERPIN, strlen(USERPIN)), CKR_OK);
    assert_int_equal(m->C_FindObjectsInit(s, find, 2), CKR_OK);
    assert_int_equal(m->C_FindObjects(s, &priv, 1, &found), CKR_OK);
    m->C_FindObjectsFinal(s);
    assert_int_equal(found, 1);
    assert_int_equal(m->C_GetAttributeValue(s, priv, &secret, 1), CKR_ATTRIBUTE_SENSITIVE);
    assert_int_equal(secret.ulValueLen, CK_UNAVAILABLE_INFORMATION);
    assert_int_equal(m->C_GetAttributeValue(s, priv, flags, 2), CKR_OK);
    assert_int_equal(sensitive, CK_TRUE);
    assert_int_equal(extractable, CK_FALSE);
    m->C_Logout(s);
    m->C_CloseSession(s);
    p11_kit_module_finalize(m);
    p11_kit_module_release(m);
}

static void
pkcs11_key_open_errors_say_what_to_do(void **state)
{
    char bad[1200], pin[300];
    struct aci_audit_key k;
    ac_error err = { 0 };

    (void)state;
    memset(&k, 0, sizeof k);
    snprintf(pin, sizeof pin, "%s/wrong-pin", dir);
    write_file(pin, "000000\n");
    snprintf(bad, sizeof bad,
             "pkcs11:token=" TOKEN ";object=audit-signing?module-path=" ACCORD_SOFTHSM_MODULE
             "&pin-source=file:%s",
             pin);
    assert_int_equal(aci_pkcs11_key_open(bad, &k, &err), AC_EDENIED);
    assert_non_null(strstr(err.msg, "is not the user PIN of token '" TOKEN "' (wrong PIN)"));
    assert_null(strstr(err.msg, "000000"));
    assert_null(k.signer);

    snprintf(bad, sizeof bad,
             "pkcs11:token=no-such-token;object=audit-signing?module-path=" ACCORD_SOFTHSM_MODULE
             "&pin-source=file:%s/pin",
             dir);
    assert_int_equal(aci_pkcs11_key_open(bad, &k, &err), AC_ENOTFOUND);
    assert_non_null(strstr(err.msg, "no PKCS#11 token is labelled 'no-such-token'"));

    snprintf(bad, sizeof bad,
             "pkcs11:token=" TOKEN ";object=no-such-key?module-path=" ACCORD_SOFTHSM_MODULE
             "&pin-source=file:%s/pin",
             dir);
    assert_int_equal(aci_pkcs11_key_open(bad, &k, &err), AC_ENOTFOUND);
    assert_non_null(strstr(err.msg, "no private key labelled 'no-such-key'"));
    assert_non_null(strstr(err.msg, "accord audit key create --pkcs11"));

    snprintf(bad, sizeof bad,
             "pkcs11:token=" TOKEN ";object=k?module-path=%s/missing.so&pin-source=file:%s/pin",
             dir, dir);
    assert_int_equal(aci_pkcs11_key_open(bad, &k, &err), AC_ENOTFOUND);
    assert_non_null(strstr(err.msg, "missing.so' cannot be loaded"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pkcs11_uri_errors_name_the_part),
        cmocka_unit_test(pkcs11_uri_parses_its_parts),
        cmocka_unit_test(pkcs11_key_signs_on_the_token_and_never_gives_the_secret_out),
        cmocka_unit_test(pkcs11_key_open_errors_say_what_to_do),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
