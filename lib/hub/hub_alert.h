/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_alert.h - raising an alert from a stored report, inside the report's operation, and
 * routing an alert to the agency whose duty officers take it.
 */
#ifndef ACI_HUB_ALERT_H
#define ACI_HUB_ALERT_H

#include "internal.h"

#include "accord/report.h"

/* Screen R's buyer, assess R (model.h) and, when it calls for one, store an alert with its
 * matches routed to the duty agency.  *ALERT_ID is its id, or NULL when none was raised. */
ac_code
aci_alert_raise(ac_hub *hub, const ac_report *r, ac_arena *a, const char **alert_id, ac_error *err);

/* The agency an alert goes to (aci_policy_duty_agency), in A: among every agency, or
 * (CASE_ID not NULL) only the case's lead agency.  *OUT is NULL when none qualifies. */
ac_code
aci_alert_route(ac_hub *hub, const char *case_id, ac_arena *a, const char **out, ac_error *err);

#endif /* ACI_HUB_ALERT_H */
