/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_holding.h - discoverable holdings inside the hub (holding.c), for requests for
 * information (rfi.c) and person disclosures (person_disclosure.c).
 */
#ifndef ACI_HUB_HOLDING_H
#define ACI_HUB_HOLDING_H

#include "internal.h"

#include "hub/hub_int.h"
#include "store/store_rfi.h"

/* The holding whose reference is REF, when the op's actor sees a pointer to it: its agency
 * holds a record of the same person and the holder's declaration lets it see.  Otherwise
 * AC_ENOTFOUND, whether the reference exists or not. */
ac_code
aci_holding_seen(struct aci_op *op, const char *ref, struct aci_holding *out, ac_error *err);

/* Whether the op's actor sees a pointer to holding H (its holder's declaration for the
 * actor's kind of agency, or the default), into *OUT; the same work whether or not. */
ac_code
aci_holding_pointer_seen(struct aci_op *op, const struct aci_holding *h, bool *out, ac_error *err);

/* The person disclosures another agency released of any of the records PERSON_IDS[N_IDS]
 * that reach the op's actor now (live, unexpired, to its agency or a case it may read,
 * cleared for the marking), newest first, into *OUT (in A); the holder's record id is
 * cleared from each (person_disclosure.c).  Records nothing in the audit: the caller
 * does. */
ac_code aci_pd_reaching(struct aci_op *op,
                        const char *const *person_ids,
                        size_t n_ids,
                        ac_arena *a,
                        struct ac_person_disclosure **out,
                        size_t *out_n,
                        ac_error *err);

/* Requests for information past their deadline, escalated once each (rfi.c; ac_hub_tick). */
ac_code aci_rfis_escalate_as(ac_hub *hub,
                             const ac_actor *scheduler,
                             size_t *out_n,
                             size_t *out_queued,
                             ac_error *err);

/* Close open request RFI_ID as disclosed by DISCLOSURE_ID (person_disclosure.c), on the op's
 * store; the request must be to the actor's agency and open. */
ac_code aci_rfi_mark_disclosed(struct aci_op *op,
                               const char *rfi_id,
                               const char *disclosure_id,
                               ac_error *err);

#endif /* ACI_HUB_HOLDING_H */
