/* SPDX-License-Identifier: Apache-2.0
 *
 * key_pkcs11.c - the audit signing key on a PKCS#11 token (key_pkcs11.h).  The hub logs
 * in once when it opens, keeps the session, and has the token sign each checkpoint
 * (CKM_EDDSA); the secret key is generated on the token as sensitive and unextractable,
 * so neither the database's account nor the hub's memory ever holds it.  p11-kit parses
 * the URI (RFC 7512) and loads the module.  Messages name the token, the object and the
 * files, never the PIN.
 */
#include "internal.h"

#include <errno.h>
#include <p11-kit/p11-kit.h>
#include <p11-kit/uri.h>
#include <pthread.h>
#include <sodium.h>
#include <sys/stat.h>

#include "audit/audit.h"
#include "audit/key_pkcs11.h"

#define PIN_MAX 256

/* DER of the Ed25519 curve for CKA_EC_PARAMS: the OID 1.3.101.112 (RFC 8410), or the
 * PrintableString "edwards25519" that PKCS#11 3.0 also allows. */
static const unsigned char ed25519_oid[] = { 0x06, 0x03, 0x2b, 0x65, 0x70 };
static const unsigned char ed25519_name[] = { 0x13, 0x0c, 'e', 'd', 'w', 'a', 'r',
                                              'd',  's',  '2', '5', '5', '1', '9' };

static const char uri_form[] = "write it as pkcs11:token=LABEL;object=LABEL?module-path=/path/"
                               "module.so&pin-source=file:/path/pin (RFC 7512)";

/* ---- the URI ----------------------------------------------------------------------- */

bool
aci_pkcs11_is_uri(const char *text)
{
    return strncmp(text, P11_KIT_URI_SCHEME ":", P11_KIT_URI_SCHEME_LEN + 1) == 0;
}

/* A copy of the LEN bytes at P, without the trailing blanks and NULs PKCS#11 pads with. */
static char *
dup_label(const void *p, size_t len)
{
    const char *s = p;
    char *out;

    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\0')) {
        len--;
    }
    out = aci_malloc(len + 1);
    if (out != NULL) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    return out;
}

static ac_code
uri_fail(P11KitUri *u, struct aci_pkcs11_uri *out, ac_error *err, const char *what)
{
    p11_kit_uri_free(u);
    aci_pkcs11_uri_release(out);
    return aci_fail(err, AC_EINVAL, "--audit-key: the PKCS#11 URI %s", what);
}

ac_code
aci_pkcs11_uri_parse(const char *text, struct aci_pkcs11_uri *out, ac_error *err)
{
    P11KitUri *u = p11_kit_uri_new();
    CK_TOKEN_INFO *token;
    CK_ATTRIBUTE *attr;
    const char *s;
    int r;

    memset(out, 0, sizeof *out);
    if (u == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory reading the PKCS#11 URI");
    }
    r = p11_kit_uri_parse(text, P11_KIT_URI_FOR_OBJECT_ON_TOKEN_AND_MODULE, u);
    if (r != P11_KIT_URI_OK) {
        p11_kit_uri_free(u);
        return aci_fail(err, AC_EINVAL, "--audit-key: the PKCS#11 URI does not parse (%s): %s",
                        p11_kit_uri_message(r), uri_form);
    }
    /* a PIN written into the URI would be seen in process lists and shell history */
    if (p11_kit_uri_get_pin_value(u) != NULL) {
        return uri_fail(u, out, err,
                        "carries the PIN (pin-value): put the PIN in a file only the hub's "
                        "account can read and name it with pin-source=file:/path/pin");
    }
    if (p11_kit_uri_any_unrecognized(u)) {
        return uri_fail(u, out, err,
                        "has an attribute accord does not use: give only token=, object=, "
                        "type=private, module-path= and pin-source=");
    }
    token = p11_kit_uri_get_token_info(u);
    out->token = dup_label(token->label, sizeof token->label);
    if (out->token != NULL && out->token[0] == '\0') {
        return uri_fail(u, out, err,
                        "names no token: add token=LABEL (the label given at "
                        "softhsm2-util --init-token)");
    }
    attr = p11_kit_uri_get_attribute(u, CKA_LABEL);
    if (attr == NULL || attr->ulValueLen == 0) {
        return uri_fail(u, out, err, "names no key: add object=LABEL (the key's label)");
    }
    out->object = dup_label(attr->pValue, attr->ulValueLen);
    attr = p11_kit_uri_get_attribute(u, CKA_CLASS);
    if (attr != NULL && (attr->ulValueLen != sizeof(CK_OBJECT_CLASS) ||
                         *(CK_OBJECT_CLASS *)attr->pValue != CKO_PRIVATE_KEY)) {
        return uri_fail(u, out, err,
                        "names another type of object: the signing key is type=private "
                        "(or leave type= out)");
    }
    s = p11_kit_uri_get_module_path(u);
    if (s != NULL && s[0] != '/') {
        return uri_fail(u, out, err,
                        "has a relative module-path: give the module's absolute path, e.g. "
                        "module-path=/usr/lib/softhsm/libsofthsm2.so");
    }
    out->module_path = s != NULL ? aci_strdup(s) : NULL;
    s = p11_kit_uri_get_pin_source(u);
    if (s == NULL) {
        return uri_fail(u, out, err,
                        "names no PIN: add pin-source=file:/path/pin (a file only the hub's "
                        "account can read, holding the token's user PIN)");
    }
    if (strncmp(s, "file:", 5) == 0) {
        s += 5;
    }
    if (s[0] != '/') {
        return uri_fail(u, out, err,
                        "has a pin-source accord cannot read: give a file by its absolute "
                        "path, pin-source=file:/path/pin");
    }
    out->pin_file = aci_strdup(s);
    if (out->token == NULL || out->object == NULL || out->pin_file == NULL ||
        (out->module_path == NULL && p11_kit_uri_get_module_path(u) != NULL)) {
        p11_kit_uri_free(u);
        aci_pkcs11_uri_release(out);
        return aci_fail(err, AC_ENOMEM, "out of memory reading the PKCS#11 URI");
    }
    p11_kit_uri_free(u);
    return AC_OK;
}

void
aci_pkcs11_uri_release(struct aci_pkcs11_uri *u)
{
    if (u == NULL) {
        return;
    }
    aci_free(u->token);
    aci_free(u->object);
    aci_free(u->module_path);
    aci_free(u->pin_file);
    memset(u, 0, sizeof *u);
}

/* ---- the token ----------------------------------------------------------------------- */

/* A logged-in session on the token, and (once found) the key. */
struct p11key {
    CK_FUNCTION_LIST *module;   /* the module holding the token */
    CK_FUNCTION_LIST *loaded;   /* module-path's module, which we finalize; or NULL */
    CK_FUNCTION_LIST **modules; /* p11-kit's registered modules, or NULL */
    CK_SESSION_HANDLE session;
    bool has_session;
    CK_OBJECT_HANDLE priv, pub;
    pthread_mutex_t lock; /* one operation at a time on the session */
};

static void
p11key_close(void *ctx)
{
    struct p11key *t = ctx;

    if (t == NULL) {
        return;
    }
    if (t->has_session) {
        (void)t->module->C_Logout(t->session);
        (void)t->module->C_CloseSession(t->session);
    }
    if (t->loaded != NULL) {
        (void)p11_kit_module_finalize(t->loaded);
        p11_kit_module_release(t->loaded);
    }
    if (t->modules != NULL) {
        p11_kit_modules_finalize_and_release(t->modules);
    }
    pthread_mutex_destroy(&t->lock);
    aci_free(t);
}

/* The slot in MODULE whose token is labelled LABEL (padded to 32 with blanks). */
static bool
find_slot(CK_FUNCTION_LIST *module, const char *label, CK_SLOT_ID *out)
{
    CK_SLOT_ID slots[64];
    CK_ULONG n = ACI_ARRAY_LEN(slots);
    CK_TOKEN_INFO info;
    unsigned char want[sizeof info.label];
    size_t len = strlen(label);

    if (len > sizeof want || module->C_GetSlotList(CK_TRUE, slots, &n) != CKR_OK) {
        return false;
    }
    memset(want, ' ', sizeof want);
    memcpy(want, label, len);
    for (CK_ULONG i = 0; i < n; i++) {
        if (module->C_GetTokenInfo(slots[i], &info) == CKR_OK &&
            memcmp(info.label, want, sizeof want) == 0) {
            *out = slots[i];
            return true;
        }
    }
    return false;
}

/* The user PIN from PATH (which others may not read) into PIN (PIN_MAX bytes). */
static ac_code
read_pin(const char *path, char *pin, size_t *out_len, ac_error *err)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    size_t n;

    if (f == NULL) {
        return aci_fail(err, AC_EIO,
                        "cannot read the PIN file '%s' (pin-source of --audit-key): %s; "
                        "create it with the token's user PIN, mode 600",
                        path, strerror(errno));
    }
    if (fstat(fileno(f), &st) != 0 || (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        fclose(f);
        return aci_fail(err, AC_EDENIED, "'%s' can be read by other accounts: chmod 600 %s", path,
                        path);
    }
    n = fread(pin, 1, PIN_MAX - 1, f);
    fclose(f);
    while (n > 0 && (pin[n - 1] == '\n' || pin[n - 1] == '\r')) {
        n--;
    }
    pin[n] = '\0';
    if (n == 0) {
        return aci_fail(err, AC_EINVAL, "the PIN file '%s' is empty: write the token's user PIN",
                        path);
    }
    *out_len = n;
    return AC_OK;
}

static ac_code
login(struct p11key *t, const struct aci_pkcs11_uri *u, ac_error *err)
{
    char pin[PIN_MAX];
    size_t pin_len = 0;
    CK_RV rv;
    ac_code rc = read_pin(u->pin_file, pin, &pin_len, err);

    if (rc != AC_OK) {
        sodium_memzero(pin, sizeof pin);
        return rc;
    }
    rv = t->module->C_Login(t->session, CKU_USER, (CK_UTF8CHAR *)pin, (CK_ULONG)pin_len);
    sodium_memzero(pin, sizeof pin);
    switch (rv) {
    case CKR_OK:
    case CKR_USER_ALREADY_LOGGED_IN:
        return AC_OK;
    case CKR_PIN_INCORRECT:
    case CKR_PIN_INVALID:
    case CKR_PIN_LEN_RANGE:
        return aci_fail(err, AC_EDENIED,
                        "the PIN in '%s' is not the user PIN of token '%s' (wrong PIN): "
                        "correct the file; the token locks after repeated wrong PINs",
                        u->pin_file, u->token);
    case CKR_PIN_LOCKED:
        return aci_fail(err, AC_EDENIED,
                        "the user PIN of token '%s' is locked after too many wrong PINs: "
                        "the token's security officer must set a new one (C_InitPIN)",
                        u->token);
    default:
        return aci_fail(err, AC_EDENIED, "cannot log in to token '%s': %s", u->token,
                        p11_kit_strerror(rv));
    }
}

/* Load the module, find the token and log in: T is ready for its objects. */
static ac_code
token_open(const struct aci_pkcs11_uri *u, struct p11key **out, ac_error *err)
{
    struct p11key *t = aci_calloc(1, sizeof *t);
    CK_SLOT_ID slot = 0;
    bool found = false;
    CK_RV rv;
    ac_code rc;

    *out = NULL;
    if (t == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory opening the PKCS#11 token");
    }
    pthread_mutex_init(&t->lock, NULL);
    if (u->module_path != NULL) {
        t->loaded = p11_kit_module_load(u->module_path, 0);
        if (t->loaded == NULL) {
            p11key_close(t);
            return aci_fail(err, AC_ENOTFOUND,
                            "the PKCS#11 module '%s' cannot be loaded: install it (SoftHSM2: "
                            "apt-get install softhsm2) or correct module-path in --audit-key",
                            u->module_path);
        }
        rv = p11_kit_module_initialize(t->loaded);
        if (rv != CKR_OK) {
            p11_kit_module_release(t->loaded);
            t->loaded = NULL;
            p11key_close(t);
            return aci_fail(err, AC_ESTORAGE, "the PKCS#11 module '%s' does not start: %s",
                            u->module_path, p11_kit_strerror(rv));
        }
        found = find_slot(t->loaded, u->token, &slot);
        t->module = t->loaded;
    } else {
        t->modules = p11_kit_modules_load_and_initialize(0);
        for (size_t i = 0; t->modules != NULL && t->modules[i] != NULL && !found; i++) {
            found = find_slot(t->modules[i], u->token, &slot);
            t->module = t->modules[i];
        }
    }
    if (!found) {
        p11key_close(t);
        return aci_fail(err, AC_ENOTFOUND,
                        "no PKCS#11 token is labelled '%s' (%s): list tokens with "
                        "'softhsm2-util --show-slots' or 'p11tool --list-tokens', correct "
                        "token= in --audit-key, or create the token (softhsm2-util "
                        "--init-token --free --label '%s')",
                        u->token, u->module_path != NULL ? u->module_path : "any p11-kit module",
                        u->token);
    }
    rv = t->module->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, NULL, NULL,
                                  &t->session);
    if (rv != CKR_OK) {
        p11key_close(t);
        return aci_fail(err, AC_ESTORAGE, "cannot open a session on token '%s': %s", u->token,
                        p11_kit_strerror(rv));
    }
    t->has_session = true;
    rc = login(t, u, err);
    if (rc != AC_OK) {
        p11key_close(t);
        return rc;
    }
    *out = t;
    return AC_OK;
}

/* The objects of CLASS labelled LABEL: up to 2 handles into OUT, their number in *N. */
static CK_RV
find_objects(struct p11key *t,
             CK_OBJECT_CLASS class,
             const char *label,
             CK_OBJECT_HANDLE out[2],
             CK_ULONG *n)
{
    CK_ATTRIBUTE tmpl[] = {
        { CKA_CLASS, &class, sizeof class },
        { CKA_LABEL, (void *)label, strlen(label) },
    };
    CK_RV rv = t->module->C_FindObjectsInit(t->session, tmpl, ACI_ARRAY_LEN(tmpl));

    *n = 0;
    if (rv == CKR_OK) {
        rv = t->module->C_FindObjects(t->session, out, 2, n);
        (void)t->module->C_FindObjectsFinal(t->session);
    }
    return rv;
}

static bool
is_ed25519_params(const unsigned char *p, CK_ULONG len)
{
    return (len == sizeof ed25519_oid && memcmp(p, ed25519_oid, len) == 0) ||
           (len == sizeof ed25519_name && memcmp(p, ed25519_name, len) == 0);
}

/* The public key from CKA_EC_POINT of HANDLE: a DER OCTET STRING of 32 bytes (as
 * PKCS#11 3.0 says) or the 32 bytes bare (as some tokens give them). */
static bool
read_ec_point(struct p11key *t, CK_OBJECT_HANDLE handle, unsigned char pk[32])
{
    unsigned char point[64];
    CK_ATTRIBUTE a = { CKA_EC_POINT, point, sizeof point };

    if (t->module->C_GetAttributeValue(t->session, handle, &a, 1) != CKR_OK) {
        return false;
    }
    if (a.ulValueLen == 34 && point[0] == 0x04 && point[1] == 32) {
        memcpy(pk, point + 2, 32);
        return true;
    }
    if (a.ulValueLen == 32) {
        memcpy(pk, point, 32);
        return true;
    }
    return false;
}

static ac_code
p11key_sign(void *ctx, const unsigned char *msg, size_t len, unsigned char sig[64], ac_error *err)
{
    struct p11key *t = ctx;
    CK_MECHANISM mech = { CKM_EDDSA, NULL, 0 };
    CK_ULONG sig_len = 64;
    CK_RV rv;

    pthread_mutex_lock(&t->lock);
    rv = t->module->C_SignInit(t->session, &mech, t->priv);
    if (rv == CKR_OK) {
        rv = t->module->C_Sign(t->session, (CK_BYTE *)msg, (CK_ULONG)len, sig, &sig_len);
    }
    pthread_mutex_unlock(&t->lock);
    if (rv != CKR_OK || sig_len != 64) {
        return aci_fail(err, AC_ESTORAGE,
                        "the PKCS#11 token did not sign the audit checkpoint (%s): check the "
                        "token is present and restart the hub",
                        rv != CKR_OK ? p11_kit_strerror(rv) : "not a 64-byte signature");
    }
    return AC_OK;
}

static const struct aci_audit_signer token_signer = { "PKCS#11 token", p11key_sign, p11key_close };

/* Find U's private key on T, check it is Ed25519 and kept on the token, and read the
 * public key beside it into PK. */
static ac_code
find_key(struct p11key *t, const struct aci_pkcs11_uri *u, unsigned char pk[32], ac_error *err)
{
    CK_OBJECT_HANDLE h[2];
    CK_ULONG n = 0;
    CK_KEY_TYPE type = 0;
    CK_BBOOL sensitive = CK_FALSE, extractable = CK_TRUE;
    unsigned char params[32];
    CK_ATTRIBUTE attrs[] = {
        { CKA_KEY_TYPE, &type, sizeof type },
        { CKA_SENSITIVE, &sensitive, sizeof sensitive },
        { CKA_EXTRACTABLE, &extractable, sizeof extractable },
        { CKA_EC_PARAMS, params, sizeof params },
    };
    CK_RV rv = find_objects(t, CKO_PRIVATE_KEY, u->object, h, &n);

    if (rv != CKR_OK || n == 0) {
        return aci_fail(err, AC_ENOTFOUND,
                        "token '%s' has no private key labelled '%s': correct object= in "
                        "--audit-key, or create the key with 'accord audit key create "
                        "--pkcs11 URI'",
                        u->token, u->object);
    }
    if (n > 1) {
        return aci_fail(err, AC_ECONFLICT,
                        "token '%s' has two private keys labelled '%s': relabel or delete "
                        "the one that does not sign this hub's checkpoints",
                        u->token, u->object);
    }
    t->priv = h[0];
    rv = t->module->C_GetAttributeValue(t->session, t->priv, attrs, ACI_ARRAY_LEN(attrs));
    if ((rv != CKR_OK && rv != CKR_ATTRIBUTE_TYPE_INVALID) || type != CKK_EC_EDWARDS ||
        !is_ed25519_params(params, attrs[3].ulValueLen)) {
        return aci_fail(err, AC_EINVAL,
                        "key '%s' on token '%s' is not an Ed25519 key: audit checkpoints are "
                        "signed with Ed25519 (C2SP signed-note); create one with 'accord audit "
                        "key create --pkcs11 URI' under another object= label",
                        u->object, u->token);
    }
    if (sensitive != CK_TRUE || extractable != CK_FALSE) {
        return aci_fail(err, AC_EDENIED,
                        "key '%s' on token '%s' can be read out of the token (it is not "
                        "sensitive, or is extractable): create a new one with 'accord audit "
                        "key create --pkcs11 URI', which the token will never give out",
                        u->object, u->token);
    }
    rv = find_objects(t, CKO_PUBLIC_KEY, u->object, h, &n);
    if (rv != CKR_OK || n != 1 || !read_ec_point(t, h[0], pk)) {
        return aci_fail(err, AC_ENOTFOUND,
                        "token '%s' has no Ed25519 public key labelled '%s' beside the private "
                        "key: the hub pins the public key it reads there; recreate the pair "
                        "with 'accord audit key create --pkcs11 URI'",
                        u->token, u->object);
    }
    t->pub = h[0];
    return AC_OK;
}

ac_code
aci_pkcs11_key_open(const char *uri, struct aci_audit_key *k, ac_error *err)
{
    static const unsigned char probe[] = "accord audit key check";
    struct aci_pkcs11_uri u;
    struct p11key *t = NULL;
    unsigned char sig[64];
    ac_code rc = aci_pkcs11_uri_parse(uri, &u, err);

    if (rc == AC_OK) {
        rc = token_open(&u, &t, err);
    }
    if (rc == AC_OK) {
        rc = find_key(t, &u, k->pk, err);
    }
    /* the public key pinned must be the one that verifies what the private key signs */
    if (rc == AC_OK) {
        rc = p11key_sign(t, probe, sizeof probe - 1, sig, err);
    }
    if (rc == AC_OK && crypto_sign_verify_detached(sig, probe, sizeof probe - 1, k->pk) != 0) {
        rc = aci_fail(err, AC_EINVAL,
                      "the public key labelled '%s' on token '%s' does not verify its private "
                      "key's signatures: recreate the pair with 'accord audit key create "
                      "--pkcs11 URI'",
                      u.object, u.token);
    }
    if (rc == AC_OK) {
        k->signer = &token_signer;
        k->signer_ctx = t;
    } else {
        p11key_close(t);
    }
    aci_pkcs11_uri_release(&u);
    return rc;
}

ac_code
aci_pkcs11_key_create(const char *uri, unsigned char out_pk[32], ac_error *err)
{
    CK_MECHANISM mech = { CKM_EC_EDWARDS_KEY_PAIR_GEN, NULL, 0 };
    CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
    unsigned char id[16];
    struct aci_pkcs11_uri u;
    struct p11key *t = NULL;
    CK_OBJECT_HANDLE h[2];
    CK_ULONG n = 0;
    CK_RV rv;
    ac_code rc = aci_pkcs11_uri_parse(uri, &u, err);

    memset(out_pk, 0, 32);
    if (rc == AC_OK) {
        rc = token_open(&u, &t, err);
    }
    if (rc == AC_OK && (find_objects(t, CKO_PRIVATE_KEY, u.object, h, &n) != CKR_OK || n > 0 ||
                        find_objects(t, CKO_PUBLIC_KEY, u.object, h, &n) != CKR_OK || n > 0)) {
        rc = aci_fail(err, AC_ECONFLICT,
                      "token '%s' already has a key labelled '%s': use it as it is, or give "
                      "the new key another object= label",
                      u.token, u.object);
    }
    if (rc == AC_OK) {
        CK_ATTRIBUTE pub_tmpl[] = {
            { CKA_TOKEN, &yes, sizeof yes },
            { CKA_PRIVATE, &no, sizeof no },
            { CKA_VERIFY, &yes, sizeof yes },
            { CKA_EC_PARAMS, (void *)ed25519_oid, sizeof ed25519_oid },
            { CKA_LABEL, u.object, strlen(u.object) },
            { CKA_ID, id, sizeof id },
        };
        /* the secret half: made on the token, never to leave it */
        CK_ATTRIBUTE priv_tmpl[] = {
            { CKA_TOKEN, &yes, sizeof yes },     { CKA_PRIVATE, &yes, sizeof yes },
            { CKA_SENSITIVE, &yes, sizeof yes }, { CKA_EXTRACTABLE, &no, sizeof no },
            { CKA_SIGN, &yes, sizeof yes },      { CKA_LABEL, u.object, strlen(u.object) },
            { CKA_ID, id, sizeof id },
        };

        randombytes_buf(id, sizeof id);
        rv = t->module->C_GenerateKeyPair(t->session, &mech, pub_tmpl, ACI_ARRAY_LEN(pub_tmpl),
                                          priv_tmpl, ACI_ARRAY_LEN(priv_tmpl), &t->pub, &t->priv);
        if (rv != CKR_OK) {
            rc = aci_fail(err, AC_ESTORAGE,
                          "token '%s' did not generate an Ed25519 key pair (%s): the token "
                          "must support CKM_EC_EDWARDS_KEY_PAIR_GEN (SoftHSM2 2.6 or later)",
                          u.token, p11_kit_strerror(rv));
        } else if (!read_ec_point(t, t->pub, out_pk)) {
            rc = aci_fail(err, AC_ESTORAGE,
                          "token '%s' made the key pair but gives no Ed25519 public key "
                          "(CKA_EC_POINT)",
                          u.token);
        }
    }
    p11key_close(t);
    aci_pkcs11_uri_release(&u);
    return rc;
}

ac_code
ac_audit_key_create_pkcs11(const char *uri, char out_hex[65], ac_error *err)
{
    unsigned char pk[32];
    ac_code rc;

    out_hex[0] = '\0';
    if (!aci_pkcs11_is_uri(uri)) {
        return aci_fail(err, AC_EINVAL, "--pkcs11: the key is named by a PKCS#11 URI: %s",
                        uri_form);
    }
    if (sodium_init() < 0) {
        return aci_fail(err, AC_ESTORAGE, "libsodium cannot start");
    }
    rc = aci_pkcs11_key_create(uri, pk, err);
    if (rc == AC_OK) {
        aci_hex_encode(pk, sizeof pk, out_hex);
    }
    return rc;
}
