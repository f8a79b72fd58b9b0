/* SPDX-License-Identifier: Apache-2.0
 *
 * store_item.h - SQL for intelligence items, cases and their members, disclosures and
 * gateways.  No policy here: the hub gathers facts from these and asks the policy.
 */
#ifndef ACI_STORE_ITEM_H
#define ACI_STORE_ITEM_H

#include "internal.h"

#include "accord/item.h"

struct aci_store;

ac_code aci_store_item_insert(struct aci_store *s, const ac_item *it, ac_error *err);
/* The original item; AC_ENOTFOUND when no such id.  Strings in A. */
ac_code
aci_store_item_load(struct aci_store *s, const char *id, ac_arena *a, ac_item *out, ac_error *err);
/* AC_ECONFLICT when the stored version is not EXPECTED. */
ac_code aci_store_item_set_body(struct aci_store *s,
                                const char *id,
                                const char *body,
                                int64_t expected,
                                const char *now,
                                ac_error *err);
/* Ids of items the agency originated or that were disclosed to it or to a case it (or
 * USER_ID) is in, newest first, at most LIMIT. */
ac_code aci_store_item_candidates(struct aci_store *s,
                                  const char *agency_id,
                                  const char *user_id,
                                  size_t limit,
                                  ac_arena *a,
                                  const char ***out,
                                  size_t *out_n,
                                  ac_error *err);

struct aci_case_row {
    const char *id;
    const char *lead_agency_id;
    ac_case_type type;
    const char *state;
    const char *title;
};

ac_code aci_store_case_insert(struct aci_store *s,
                              const struct aci_case_row *c,
                              const char *review_date,
                              const char *created_by,
                              const char *now,
                              ac_error *err);
ac_code aci_store_case_load(struct aci_store *s,
                            const char *id,
                            ac_arena *a,
                            struct aci_case_row *out,
                            ac_error *err);
/* AC_ECONFLICT when that agency (or that user of it) is already a member. */
ac_code aci_store_case_member_add(struct aci_store *s,
                                  const char *case_id,
                                  const char *agency_id,
                                  const char *user_id,
                                  const char *role,
                                  const char *now,
                                  ac_error *err);
/* The members of case CASE_ID in the order they joined, in A. */
ac_code aci_store_case_members(struct aci_store *s,
                               const char *case_id,
                               ac_arena *a,
                               ac_case_member **out,
                               size_t *out_n,
                               ac_error *err);
/* Whether the agency as a whole, or the user, is a member of the case (*OUT). */
ac_code aci_store_case_has_member(struct aci_store *s,
                                  const char *case_id,
                                  const char *agency_id,
                                  const char *user_id,
                                  bool *out,
                                  ac_error *err);

/* The version of an item a disclosure released, frozen at release: the recipient reads
 * this, never the live original (migration 0011). */
struct aci_released {
    const char *body;                /* the released text: the redacted body, or the original's */
    char source_eval, intel_eval;    /* the 3x5x2 grading at release */
    char handling;                   /* 'P' or 'C' */
    const char *handling_conditions; /* the item's and the disclosure's, or NULL */
    int64_t item_version;            /* the original's version that was released */
};

/* Insert disclosure D with REL, the released version it freezes. */
ac_code aci_store_disclosure_insert(struct aci_store *s,
                                    const ac_disclosure *d,
                                    const struct aci_released *rel,
                                    const char *now,
                                    ac_error *err);
/* The released version frozen in disclosure ID, in A.  AC_ENOTFOUND when no such id. */
ac_code aci_store_disclosure_released(struct aci_store *s,
                                      const char *id,
                                      ac_arena *a,
                                      struct aci_released *out,
                                      ac_error *err);
ac_code aci_store_disclosure_load(struct aci_store *s,
                                  const char *id,
                                  ac_arena *a,
                                  ac_disclosure *out,
                                  ac_error *err);
/* Every disclosure of ITEM_ID, oldest first. */
ac_code aci_store_disclosures_of(struct aci_store *s,
                                 const char *item_id,
                                 ac_arena *a,
                                 ac_disclosure **out,
                                 size_t *out_n,
                                 ac_error *err);
/* The disclosures of AGENCY_ID's items waiting for approval, oldest first. */
ac_code aci_store_disclosures_pending(struct aci_store *s,
                                      const char *agency_id,
                                      ac_arena *a,
                                      ac_disclosure **out,
                                      size_t *out_n,
                                      ac_error *err);
/* Set status ("live", "revoked") and who did it (column approved_by or revoked_by). */
ac_code aci_store_disclosure_set(struct aci_store *s,
                                 const char *id,
                                 const char *status,
                                 const char *by,
                                 const char *now,
                                 ac_error *err);
/* Whether CODE (may be NULL: neither) names a known lawful gateway (*KNOWN), and whether
 * that gateway may carry intelligence-service material (*CARRIES_ISS,
 * 0011_iss_gateways.sql).  A failure to look is an error, never "not known". */
ac_code aci_store_gateway_lookup(struct aci_store *s,
                                 const char *code,
                                 bool *known,
                                 bool *carries_iss,
                                 ac_error *err);
/* Every gateway, by code, with its title, source and carries_iss, in A. */
struct ac_lawful_basis;
ac_code aci_store_gateway_list(struct aci_store *s,
                               ac_arena *a,
                               struct ac_lawful_basis **out,
                               size_t *out_n,
                               ac_error *err);

#endif /* ACI_STORE_ITEM_H */
