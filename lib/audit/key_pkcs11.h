/* SPDX-License-Identifier: Apache-2.0
 *
 * key_pkcs11.h - the audit signing key on a PKCS#11 token (an HSM, or SoftHSM2), named by
 * an RFC 7512 URI:
 *
 *     pkcs11:token=LABEL;object=LABEL[;type=private]
 *            [?module-path=/path/module.so]&pin-source=file:/path/pin
 *
 * token= and object= are required; without module-path the modules p11-kit has
 * registered are searched.  The PIN is read from the file pin-source names (readable only
 * by the hub's account); a PIN in the URI itself (pin-value) is refused, since URIs end up
 * in process lists and shell history.  The key is Ed25519 (CKK_EC_EDWARDS, CKM_EDDSA); its
 * secret half is generated on the token, never leaves it (CKA_SENSITIVE true,
 * CKA_EXTRACTABLE false), and signs there; the public half (CKA_EC_POINT) is read back.
 */
#ifndef ACI_AUDIT_KEY_PKCS11_H
#define ACI_AUDIT_KEY_PKCS11_H

#include "internal.h"

#include "audit/audit.h"

/* A parsed URI; strings owned (aci_malloc). */
struct aci_pkcs11_uri {
    char *token;       /* the token's label */
    char *object;      /* the key's label (CKA_LABEL) */
    char *module_path; /* NULL: p11-kit's registered modules */
    char *pin_file;    /* the file holding the user PIN */
};

/* True when TEXT is a PKCS#11 URI (starts "pkcs11:") rather than a key file path. */
bool aci_pkcs11_is_uri(const char *text);

/* Parse TEXT into OUT; on failure the error names the part that is wrong and never
 * repeats a PIN. */
ac_code aci_pkcs11_uri_parse(const char *text, struct aci_pkcs11_uri *out, ac_error *err);
void aci_pkcs11_uri_release(struct aci_pkcs11_uri *u);

/* Open the key URI names as K's signer: log in, find the Ed25519 private key and its
 * public key, check the token will not give the secret out, and check a signature. */
ac_code aci_pkcs11_key_open(const char *uri, struct aci_audit_key *k, ac_error *err);

/* Generate a new Ed25519 key pair on the token URI names (refused when the object is
 * already there); OUT_PK receives its public key. */
ac_code aci_pkcs11_key_create(const char *uri, unsigned char out_pk[32], ac_error *err);

#endif /* ACI_AUDIT_KEY_PKCS11_H */
