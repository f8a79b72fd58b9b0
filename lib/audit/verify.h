/* SPDX-License-Identifier: Apache-2.0
 *
 * verify.h - checking the audit log against its hashes and signed checkpoints.
 */
#ifndef ACI_AUDIT_VERIFY_H
#define ACI_AUDIT_VERIFY_H

#include "internal.h"

#include "accord/audit.h"

struct aci_store;

/* Recompute everything (see ac_audit_verify); the caller holds a read transaction. */
ac_code aci_audit_verify(struct aci_store *s, ac_audit_report *r, ac_error *err);

/* True when SIG_HEX is PK_HEX's signature of the checkpoint (SIZE, ROOT_HEX, AT). */
bool aci_audit_signature_ok(uint64_t size,
                            const char *root_hex,
                            const char *at,
                            const char *sig_hex,
                            const char *pk_hex);

#endif /* ACI_AUDIT_VERIFY_H */
