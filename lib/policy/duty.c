/* SPDX-License-Identifier: Apache-2.0
 *
 * duty.c - who receives alerts (policy.h): which users are duty officers, which kinds of
 * agency take alerts and in what order, and at what escalation an alert opens to every
 * duty officer (never one raised for the agency holding a matched person).  Pure functions of facts
 * the caller reads from the store.
 */
#include "internal.h"

#include "model/model.h"
#include "policy/policy.h"

/* The tiers an unacknowledged alert climbs, one per lapsed deadline (issue 14, point 8):
 * its agency's duty officers (the queue), then that agency's supervisors, then the hub's
 * duty desk.  At the desk tier and above it is open to every duty officer. */
#define SUPERVISOR_ESCALATION 1
#define OPEN_ESCALATION       2

bool
aci_policy_is_duty_officer(unsigned roles)
{
    return (roles & AC_ROLE_DUTY_OFFICER) != 0;
}

int
aci_policy_duty_agency_order(ac_agency_kind kind)
{
    switch (kind) {
    case AC_AGENCY_CT_POLICING:
        return 0;
    case AC_AGENCY_POLICE_FORCE:
        return 1;
    case AC_AGENCY_SECURITY_SERVICE:
        return 2;
    default:
        return -1;
    }
}

const char *
aci_policy_duty_agency(const struct aci_agency_staff *staff, size_t n)
{
    const struct aci_agency_staff *best = NULL;
    int best_order = 0;

    for (size_t i = 0; i < n; i++) {
        const struct aci_agency_staff *c = &staff[i];
        int order = aci_policy_duty_agency_order(c->kind);

        if (order < 0 || c->status != AC_USER_ACTIVE || !aci_policy_is_duty_officer(c->roles)) {
            continue;
        }
        if (best == NULL || order < best_order ||
            (order == best_order && strcmp(c->agency_name, best->agency_name) < 0)) {
            best = c;
            best_order = order;
        }
    }
    return best != NULL ? best->agency_id : NULL;
}

int
aci_policy_alert_open_escalation(void)
{
    return OPEN_ESCALATION;
}

bool
aci_policy_alert_opens(bool for_holder, int escalation)
{
    return !for_holder && escalation >= OPEN_ESCALATION;
}

int
aci_policy_alert_tier(bool for_holder, int escalation)
{
    int top = for_holder ? SUPERVISOR_ESCALATION : OPEN_ESCALATION; /* a holder's stays */

    return escalation <= 0 ? 0 : escalation >= top ? top : escalation;
}

bool
aci_policy_alert_notifies(const struct aci_notify_user *u,
                          const char *routed_agency_id,
                          bool for_holder,
                          int escalation)
{
    int tier = aci_policy_alert_tier(for_holder, escalation);
    bool desk = u->status == AC_USER_ACTIVE && aci_policy_is_duty_officer(u->roles) &&
                u->vetting >= AC_VETTING_BPSS && aci_policy_duty_agency_order(u->kind) >= 0;
    bool routed_here = routed_agency_id != NULL && strcmp(u->agency_id, routed_agency_id) == 0;

    if (!desk) {
        return false; /* only those who may read the alert are told of it */
    }
    if (routed_agency_id == NULL || tier >= OPEN_ESCALATION) {
        return true; /* open to the whole desk */
    }
    return routed_here && (tier == 0 || u->supervisor);
}
