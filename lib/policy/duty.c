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

/* An alert at this escalation or above is open to every duty officer. */
#define OPEN_ESCALATION 1

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
