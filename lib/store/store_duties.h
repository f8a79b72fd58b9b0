/* SPDX-License-Identifier: Apache-2.0
 *
 * store_duties.h - SQL for separation of duties (migration 0009): the agency that hosts
 * the hub, service accounts, grants waiting for a second administrator, and one-time
 * enrolment codes.  Facts only; who may do what is the policy's.
 */
#ifndef ACI_STORE_DUTIES_H
#define ACI_STORE_DUTIES_H

#include "internal.h"

#include "accord/party.h"
#include "accord/session.h"

struct aci_store;

/* The id of the agency that hosts the hub (copied into A); AC_ENOTFOUND before bootstrap. */
ac_code aci_store_hub_agency(struct aci_store *s, ac_arena *a, const char **out, ac_error *err);
ac_code aci_store_hub_agency_mark(struct aci_store *s, const char *agency_id, ac_error *err);

/* User ID is a service account (true) or a person. */
ac_code aci_store_user_is_service(struct aci_store *s, const char *id, bool *out, ac_error *err);
ac_code aci_store_user_mark_service(struct aci_store *s, const char *id, ac_error *err);
/* Set user ID's roles, vetting, agency and status to those given. */
ac_code aci_store_user_apply(struct aci_store *s, const ac_user *u, ac_error *err);

ac_code aci_store_grant_insert(struct aci_store *s, const ac_grant *g, ac_error *err);
ac_code aci_store_grant_load(struct aci_store *s,
                             const char *id,
                             ac_arena *a,
                             ac_grant *out,
                             ac_error *err);
/* Pending grants for users of AGENCY_ID (or moving into it), oldest first. */
ac_code aci_store_grants_pending(struct aci_store *s,
                                 const char *agency_id,
                                 ac_arena *a,
                                 ac_grant **out,
                                 size_t *out_n,
                                 ac_error *err);
ac_code aci_store_grant_decide(struct aci_store *s,
                               const char *id,
                               const char *status,
                               const char *by,
                               const char *at,
                               ac_error *err);

/* Replace user USER_ID's enrolment code. */
ac_code aci_store_code_set(struct aci_store *s,
                           const char *user_id,
                           const char *code_hash,
                           const char *issued_by,
                           const char *issued_at,
                           const char *expires_at,
                           ac_error *err);
/* Take (delete) the code of USER_ID when it hashes to CODE_HASH and has not expired at NOW:
 * AC_OK, or AC_ENOTFOUND for any other case. */
ac_code aci_store_code_take(struct aci_store *s,
                            const char *user_id,
                            const char *code_hash,
                            const char *now,
                            ac_error *err);

/* The user API token ID acts as (copied into A); AC_ENOTFOUND when there is no such token. */
ac_code aci_store_token_user(struct aci_store *s,
                             const char *id,
                             ac_arena *a,
                             const char **out,
                             ac_error *err);

/* Whether user USER_ID has a grant waiting for a second administrator. */
ac_code
aci_store_user_grant_pending(struct aci_store *s, const char *user_id, bool *out, ac_error *err);

/* API tokens acting as USER_ID, and, when SERVICE_AGENCY_ID is not NULL, those of that
 * agency's service accounts; oldest first, in A.  Never the hash. */
ac_code aci_store_tokens_list(struct aci_store *s,
                              const char *user_id,
                              const char *service_agency_id,
                              ac_arena *a,
                              ac_token_info **out,
                              size_t *out_n,
                              ac_error *err);

#endif /* ACI_STORE_DUTIES_H */
