/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_grant.h - asking for a grant inside an operation that already holds the writer
 * (grants.c), used by ac_user_add for an account created with power it must wait for.
 */
#ifndef ACI_HUB_GRANT_H
#define ACI_HUB_GRANT_H

#include "internal.h"

#include "accord/party.h"

struct aci_op;

/* Record a pending grant of U's roles, vetting and agency, asked by OP's actor; its id
 * (in A) goes to *OUT_ID. */
ac_code aci_grant_request(struct aci_op *op,
                          const ac_user *u,
                          ac_arena *a,
                          const char **out_id,
                          ac_error *err);

#endif /* ACI_HUB_GRANT_H */
