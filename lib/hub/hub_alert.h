/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_alert.h - raising an alert from a stored report, inside the report's operation, and
 * routing an alert to the agency whose duty officers take it.
 */
#ifndef ACI_HUB_ALERT_H
#define ACI_HUB_ALERT_H

#include "internal.h"

#include "accord/report.h"

/* Screen R's buyer and raise its alerts (report.h): one for the duty agency when R and the
 * watchlist entries alone call for one (assessed by model.h), with those entries only;
 * and one for each agency holding a matched person, with its persons, which stays with
 * it.  *ALERT_ID is the duty agency's alert, or NULL when none was raised; *N_TOLD how
 * many holders were told. */
ac_code aci_alert_raise(ac_hub *hub,
                        const ac_report *r,
                        ac_arena *a,
                        const char **alert_id,
                        size_t *n_told,
                        ac_error *err);

/* The agency an alert goes to (aci_policy_duty_agency), in A: among every agency, or
 * (CASE_ID not NULL) only the case's lead agency.  *OUT is NULL when none qualifies. */
ac_code
aci_alert_route(ac_hub *hub, const char *case_id, ac_arena *a, const char **out, ac_error *err);

/* The find step of calls on the alert desk as a whole (escalating lapsed alerts and case
 * deadlines): an "alert" resource no agency holds, which the policy decides by role. */
struct aci_op;
ac_code aci_alert_desk_find(struct aci_op *op, void *args, ac_error *err);

/* ac_alerts_escalate and ac_case_deadlines_escalate as the scheduler (ac_hub_tick), which
 * no policy is asked about; *OUT_QUEUED: notifications queued. */
ac_code aci_alerts_escalate_as(ac_hub *hub,
                               const ac_actor *scheduler,
                               size_t *out_n,
                               size_t *out_queued,
                               ac_error *err);
ac_code aci_case_deadlines_escalate_as(ac_hub *hub,
                                       const ac_actor *scheduler,
                                       size_t *lapsed_n,
                                       size_t *reminded_n,
                                       size_t *out_queued,
                                       ac_error *err);

#endif /* ACI_HUB_ALERT_H */
