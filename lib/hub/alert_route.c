/* SPDX-License-Identifier: Apache-2.0
 *
 * alert_route.c - where an alert goes (hub_alert.h): the store reads which agencies have
 * which users, the policy picks the agency.  Neither knows the other.
 */
#include "internal.h"

#include "hub/hub_alert.h"
#include "hub/hub_int.h"
#include "model/model.h"
#include "policy/policy.h"
#include "store/store_party.h"

ac_code
aci_alert_route(ac_hub *hub, const char *case_id, ac_arena *a, const char **out, ac_error *err)
{
    struct aci_agency_staff *staff = NULL;
    size_t n = 0;
    ac_code rc = aci_store_agency_staff(hub->store, case_id, a, &staff, &n, err);

    *out = rc == AC_OK ? aci_policy_duty_agency(staff, n) : NULL;
    return rc;
}
