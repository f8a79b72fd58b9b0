/* SPDX-License-Identifier: Apache-2.0
 *
 * holding.c - discoverable holdings (issue 15.2): may an agency learn that another agency
 * holds a record on a person it knows?  Pure: the hub gathers the holder's declaration.
 */
#include "internal.h"

#include "policy/policy.h"

bool
aci_policy_discoverable_default(ac_agency_kind holder, ac_agency_kind recipient)
{
    if (holder == AC_AGENCY_SECURITY_SERVICE) {
        return false; /* the Service's holdings are discoverable to nobody unless it says so */
    }
    return recipient == AC_AGENCY_CT_POLICING || recipient == AC_AGENCY_SECURITY_SERVICE;
}

bool
aci_policy_pointer_visible(const ac_actor *actor,
                           const char *holder_agency_id,
                           ac_agency_kind holder_kind,
                           int declared)
{
    struct aci_resource own = { "person", actor->agency_id };

    if (holder_agency_id == NULL || strcmp(holder_agency_id, actor->agency_id) == 0) {
        return false; /* one's own records are records, not pointers */
    }
    if (!aci_policy_decide(actor, ACI_ACT_SEARCH, &own).allow) {
        return false; /* only a user who may search sees pointers */
    }
    if (declared >= 0) {
        return declared == 1;
    }
    return aci_policy_discoverable_default(holder_kind, actor->agency_kind);
}
