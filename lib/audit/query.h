/* SPDX-License-Identifier: Apache-2.0
 *
 * query.h - oversight reads of the audit log.  The caller holds the operation frame.
 */
#ifndef ACI_AUDIT_QUERY_H
#define ACI_AUDIT_QUERY_H

#include "internal.h"

#include "accord/audit.h"

struct aci_store;

/* Pass every entry matching Q to FN, oldest first; *OUT_N counts them. */
ac_code aci_audit_query(struct aci_store *s,
                        const ac_audit_query *q,
                        ac_audit_entry_fn fn,
                        void *ctx,
                        uint64_t *out_n,
                        ac_error *err);

/* Entry counts by agency, action and outcome in [SINCE, UNTIL) (canonical times or NULL). */
ac_code aci_audit_oversight(struct aci_store *s,
                            const char *since,
                            const char *until,
                            ac_arena *a,
                            ac_oversight_row **out,
                            size_t *out_n,
                            ac_error *err);

/* Sizes of the signed checkpoints, ascending, in A. */
ac_code aci_audit_checkpoint_list(struct aci_store *s,
                                  ac_arena *a,
                                  uint64_t **out,
                                  size_t *out_n,
                                  ac_error *err);

#endif /* ACI_AUDIT_QUERY_H */
