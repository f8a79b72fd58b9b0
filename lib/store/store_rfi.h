/* SPDX-License-Identifier: Apache-2.0
 *
 * store_rfi.h - the SQL of discoverable holdings (store_rfi.c): each agency's declarations
 * per kind of recipient agency, the opaque reference of each holding, and the records that
 * are the same person.  Who may see what is the policy's choice (lib/policy/holding.c).
 */
#ifndef ACI_STORE_RFI_H
#define ACI_STORE_RFI_H

#include "internal.h"

#include "accord/arena.h"
#include "accord/party.h"

struct aci_store;

/* Record AGENCY_ID's declaration for recipients of KIND (by BY at AT), replacing any. */
ac_code aci_store_discover_set(struct aci_store *s,
                               const char *agency_id,
                               ac_agency_kind kind,
                               bool discoverable,
                               const char *by,
                               const char *at,
                               ac_error *err);
/* AGENCY_ID's declarations: OUT[kind] is 1 yes, 0 no, -1 none (the default applies). */
ac_code aci_store_discover_get(struct aci_store *s,
                               const char *agency_id,
                               int out[AC_AGENCY_KIND_COUNT],
                               ac_error *err);

/* A holding: a person record of some agency, as a pointer shows it. */
struct aci_holding {
    const char *person_id;   /* never shown to another agency */
    const char *agency_id;   /* the holder */
    const char *agency_name; /* shown */
    ac_agency_kind agency_kind;
    const char *ref;        /* the opaque reference to quote ("R-...") */
    const char *updated_at; /* RFC 3339: the last change */
};

/* The holding of PERSON_ID (AC_ENOTFOUND when there is no such person). */
ac_code aci_store_holding_of(struct aci_store *s,
                             const char *person_id,
                             ac_arena *a,
                             struct aci_holding *out,
                             ac_error *err);
/* The holding whose reference is REF (AC_ENOTFOUND when none). */
ac_code aci_store_holding_by_ref(struct aci_store *s,
                                 const char *ref,
                                 ac_arena *a,
                                 struct aci_holding *out,
                                 ac_error *err);
/* The other records that are the same person as PERSON_ID: until subjects land, those
 * joined to it by confirmed same_person links, transitively, in any agency; ordered by
 * agency name, then reference. */
ac_code aci_store_same_person(struct aci_store *s,
                              const char *person_id,
                              ac_arena *a,
                              struct aci_holding **out,
                              size_t *out_n,
                              ac_error *err);

/* ---- requests for information ---- */

struct ac_rfi;
struct ac_person_disclosure;

/* Insert R (every field set by the hub; status open). */
ac_code aci_store_rfi_insert(struct aci_store *s, const struct ac_rfi *r, ac_error *err);
/* Load request ID into *OUT (held_person_id filled); AC_ENOTFOUND when none. */
ac_code aci_store_rfi_load(struct aci_store *s,
                           const char *id,
                           ac_arena *a,
                           struct ac_rfi *out,
                           ac_error *err);
/* The requests to (INCOMING) or from AGENCY_ID, newest first, open ones only if OPEN_ONLY. */
ac_code aci_store_rfi_list(struct aci_store *s,
                           const char *agency_id,
                           bool incoming,
                           bool open_only,
                           ac_arena *a,
                           struct ac_rfi **out,
                           size_t *out_n,
                           ac_error *err);
/* Close open request ID with STATUS (its stable name), TEXT, DISCLOSURE_ID, BY, AT;
 * AC_ECONFLICT when it is no longer open. */
ac_code aci_store_rfi_close(struct aci_store *s,
                            const char *id,
                            const char *status,
                            const char *text,
                            const char *disclosure_id,
                            const char *by,
                            const char *at,
                            ac_error *err);
/* The ids of open, unescalated requests due before NOW (RFC 3339), oldest due first. */
ac_code aci_store_rfi_overdue(struct aci_store *s,
                              const char *now,
                              ac_arena *a,
                              const char ***out,
                              size_t *out_n,
                              ac_error *err);
/* Mark request ID escalated at AT. */
ac_code aci_store_rfi_escalate(struct aci_store *s, const char *id, const char *at, ac_error *err);

/* ---- person disclosures ---- */

/* Insert D (the hub fills every field, released included). */
ac_code
aci_store_pd_insert(struct aci_store *s, const struct ac_person_disclosure *d, ac_error *err);
/* Load disclosure ID (person_id filled); AC_ENOTFOUND when none. */
ac_code aci_store_pd_load(struct aci_store *s,
                          const char *id,
                          ac_arena *a,
                          struct ac_person_disclosure *out,
                          ac_error *err);
/* Every disclosure released by AGENCY_ID or to it or to a case (the hub filters each with
 * the policy), newest first. */
ac_code aci_store_pd_candidates(struct aci_store *s,
                                const char *agency_id,
                                ac_arena *a,
                                struct ac_person_disclosure **out,
                                size_t *out_n,
                                ac_error *err);
/* Set disclosure ID's status to STATUS with USER (approved_by or revoked_by) at AT. */
ac_code aci_store_pd_set_status(struct aci_store *s,
                                const char *id,
                                const char *status,
                                const char *user,
                                const char *at,
                                ac_error *err);

#endif /* ACI_STORE_RFI_H */
