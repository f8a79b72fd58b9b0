/* SPDX-License-Identifier: Apache-2.0
 *
 * verify.h - checking the audit log against its hashes and signed checkpoints.
 */
#ifndef ACI_AUDIT_VERIFY_H
#define ACI_AUDIT_VERIFY_H

#include "internal.h"

#include "accord/audit.h"

struct aci_store;

/* What a verification trusts beyond the database. */
struct aci_verify_opts {
    const unsigned char *pin; /* the hub's public key (32 bytes) pinned outside the
                                 database: any other key is refused; NULL trusts the
                                 keys in audit_keys */
    const char *witness_path; /* a witness file of checkpoints (with PIN only), or NULL */
};

/* Recompute everything (see ac_audit_verify) and, with O, check the signers against the
 * pinned key and the tree against every witnessed checkpoint; the caller holds a read
 * transaction.  O may be NULL. */
ac_code aci_audit_verify(struct aci_store *s,
                         const struct aci_verify_opts *o,
                         ac_audit_report *r,
                         ac_error *err);

/* True when SIG_HEX is PK_HEX's Ed25519 signature of the C2SP checkpoint body of the tree
 * of SIZE leaves with ROOT_HEX. */
bool aci_audit_signature_ok(uint64_t size,
                            const char *root_hex,
                            const char *sig_hex,
                            const char *pk_hex);

#endif /* ACI_AUDIT_VERIFY_H */
