/* SPDX-License-Identifier: Apache-2.0
 *
 * store_party.h - SQL for agencies and users.  No policy here: the hub decides.
 */
#ifndef ACI_STORE_PARTY_H
#define ACI_STORE_PARTY_H

#include "internal.h"

#include "accord/party.h"
#include "accord/stats.h"

struct aci_store;
struct aci_agency_staff;

ac_code aci_store_agency_insert(struct aci_store *s, const ac_agency *g, ac_error *err);
/* By id or exact name; AC_ENOTFOUND when none.  Strings in A. */
ac_code aci_store_agency_find(struct aci_store *s,
                              const char *id_or_name,
                              ac_arena *a,
                              ac_agency *out,
                              ac_error *err);
ac_code aci_store_agency_list(struct aci_store *s,
                              ac_arena *a,
                              ac_agency **out,
                              size_t *out_n,
                              ac_error *err);

ac_code aci_store_user_insert(struct aci_store *s, const ac_user *u, ac_error *err);
/* By id (BY_ID) or by username.  AC_ENOTFOUND when none. */
ac_code aci_store_user_find(struct aci_store *s,
                            const char *key,
                            bool by_id,
                            ac_arena *a,
                            ac_user *out,
                            ac_error *err);
/* All users, or those of AGENCY_ID when not NULL, by username. */
ac_code aci_store_user_list(struct aci_store *s,
                            const char *agency_id,
                            ac_arena *a,
                            ac_user **out,
                            size_t *out_n,
                            ac_error *err);

/* One row per agency and distinct roles and status of its users (model.h), in A: of every
 * agency, or only of the lead agency of case CASE_ID when it is not NULL (none when there
 * is no such case).  Facts only: which of them receive alerts is the policy's. */
ac_code aci_store_agency_staff(struct aci_store *s,
                               const char *case_id,
                               ac_arena *a,
                               struct aci_agency_staff **out,
                               size_t *out_n,
                               ac_error *err);

/* Row counts of every table (for ac_hub_stats_get). */
ac_code aci_store_stats(struct aci_store *s, ac_hub_stats *out, ac_error *err);

/* True once the hub has any user (it has been bootstrapped). */
ac_code aci_store_has_users(struct aci_store *s, bool *out, ac_error *err);

#endif /* ACI_STORE_PARTY_H */
