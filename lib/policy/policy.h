/* SPDX-License-Identifier: Apache-2.0
 *
 * policy.h - who may do what: a pure function of the actor, the action and the
 * resource.  No storage, no side effects; the hub asks it on every call.
 *
 * This is the foundation's rule set: administrators manage the partnership but read no
 * content by role; content is read and written only within the agency that holds it,
 * by users with a content role.  The controlled-sharing issue widens it (classification,
 * caveats, need-to-know, disclosures) without changing the callers.
 */
#ifndef ACI_POLICY_H
#define ACI_POLICY_H

#include "internal.h"

#include "accord/item.h"
#include "accord/party.h"

enum aci_action {
    ACI_ACT_MANAGE_PARTY, /* add agencies and users */
    ACI_ACT_LIST_PARTY,   /* list agencies and users */
    ACI_ACT_READ_STATS,   /* aggregate counts */
    ACI_ACT_CREATE,       /* add a record */
    ACI_ACT_READ,         /* read one record */
    ACI_ACT_SEARCH,       /* search or list records */
    ACI_ACT_IMPORT,       /* bulk import */
    ACI_ACT_EXPORT,       /* bulk export */
    ACI_ACT_AUDIT_READ,   /* verify, prove, query the audit trail */
    ACI_ACT_AUDIT_SIGN,   /* take a signed checkpoint */
    ACI_ACT_UPDATE,       /* change a record */
    ACI_ACT_DISCLOSE,     /* release, approve or revoke a disclosure */
    ACI_ACT_OWN_ACCOUNT,  /* a user's own sign-in settings (second factor) */
    ACI_ACT_REPORT,       /* submit a suspicious-purchase report */
    ACI_ACT_REPORT_READ,  /* read or list reports (resource: the reporting agency) */
    ACI_ACT_ALERT_READ,   /* read or list alerts (resource: the agency routed to; NULL when
                             escalated to every duty officer) */
    ACI_ACT_ALERT_ACT,    /* acknowledge an alert (resource as for reading) */
    ACI_ACT_ESCALATE,     /* escalate lapsed alerts */
    ACI_ACT_WATCHLIST,    /* import or list watchlists, correct the regime */
    ACI_ACT_STATISTICS,   /* the partnership's published statistics (statistics.h) */
};

/* The thing acted on: its type and the agency that holds it (NULL when none). */
struct aci_resource {
    const char *type;      /* "person", "agency", "user", "hub" */
    const char *agency_id; /* holder (originator) of the record */
};

struct aci_decision {
    bool allow;         /* the answer */
    bool hide;          /* deny as "not found": the actor must not learn it exists */
    const char *reason; /* static text for the audit: why */
};

struct aci_decision
aci_policy_decide(const ac_actor *actor, enum aci_action action, const struct aci_resource *res);

/* The agency whose records ACTOR may see in searches and lists, or NULL for none. */
const char *aci_policy_visible_agency(const ac_actor *actor);

/* ---- alerts (duty.c) ---- */

/* True when ROLES make a user a duty officer, who receives and triages alerts. */
bool aci_policy_is_duty_officer(unsigned roles);

/* The place of agencies of KIND in the order alerts are routed (0 first: CT policing, then
 * police forces, then the security service), or -1 when such agencies take no alerts. */
int aci_policy_duty_agency_order(ac_agency_kind kind);

/* The agency alerts go to, among the facts STAFF[0..N) (model.h; strings borrowed from
 * them): of the agencies with an active duty officer whose kind takes alerts, the first in
 * routing order, by name within a kind.  NULL when there is none. */
struct aci_agency_staff;
const char *aci_policy_duty_agency(const struct aci_agency_staff *staff, size_t n);

/* The lowest escalation at which an alert is open to every duty officer rather than only
 * to those of the agency it was routed to. */
int aci_policy_alert_open_escalation(void);

/* Does an alert at ESCALATION open to every duty officer?  Not when it was raised FOR_HOLDER
 * (the agency holding a matched person): that one stays with the holder. */
bool aci_policy_alert_opens(bool for_holder, int escalation);

/* The marking of what an alert reveals (issue 16, point 2; DOMAIN.md 5.2, the GSCP 2023):
 * OFFICIAL-SENSITIVE at least, since every alert is counter-terrorism policing's attention
 * to a purchase, a person or a case, "of at least some interest to threat actors" (the
 * -SENSITIVE test), and its matches are person records (OFFICIAL-SENSITIVE, as the picture
 * marks them) or watchlist entries; SECRET when it reveals a case whose type is SECRET
 * material (CASE_TYPE soi or maa_review: aci_policy_case_vetting).  CASE_TYPE is NULL for
 * an alert on a report.  In decide.c, beside the case vetting rule. */
ac_classification aci_policy_alert_marking(const char *case_type);

/* The tier an alert at ESCALATION has reached: 0 the queue of the agency it was routed to
 * (its duty officers), 1 that agency's supervisors, 2 the hub's duty desk (every duty
 * officer: aci_policy_alert_opens).  One raised FOR_HOLDER stops at 1. */
int aci_policy_alert_tier(bool for_holder, int escalation);

struct aci_notify_user; /* model.h */

/* Is U to be told of an alert routed to ROUTED_AGENCY_ID (NULL: nobody in particular), at
 * ESCALATION, raised FOR_HOLDER or not?  Only users who may read it (active duty officers,
 * BPSS, of an agency that takes alerts): at tier 0 those of the routed agency, at tier 1
 * its supervisors, at tier 2 (or unrouted) every one of them. */
bool aci_policy_alert_notifies(const struct aci_notify_user *u,
                               const char *routed_agency_id,
                               bool for_holder,
                               int escalation);

/* Is U to be told of a request for information to HOLDER_AGENCY_ID (its arrival, or its
 * deadline passing unanswered)?  Those who may answer it: active users of the holder with
 * a role that writes records (analyst, caseworker, duty officer), vetted to BPSS. */
bool aci_policy_rfi_notifies(const struct aci_notify_user *u, const char *holder_agency_id);

/* The vetting a case of TYPE needs: SC for soi and maa_review, BPSS otherwise. */
ac_vetting aci_policy_case_vetting(ac_case_type type);

/* May ACTOR read or write the content of a case of TYPE led by LEAD_AGENCY_ID: a content
 * role (and no administrator, auditor or reporter role), the case's vetting
 * (aci_policy_case_vetting), and membership: the lead agency, or IS_MEMBER (the actor's
 * agency as a whole, or the actor, was added to it).  The rule in full is in decide.c. */
bool aci_policy_case_visible(const ac_actor *actor,
                             const char *lead_agency_id,
                             ac_case_type type,
                             bool is_member);

/* The agency whose administrators manage an account of USER_AGENCY with ROLES (the
 * resource of ACI_ACT_MANAGE_PARTY on it): the user's own agency, except that an account
 * holding only the admin role (an agency's first administrator) is made by the hub's
 * administrators (HUB_AGENCY: the agency that hosts the hub). */
const char *
aci_policy_account_manager(const char *user_agency, unsigned roles, const char *hub_agency);

/* A change of a user from roles/vetting FROM_* to TO_* needs a second administrator's
 * approval (safeguard 6): it grants a content role the user did not hold, or SC or DV
 * vetting above what they held. */
bool aci_policy_grant_needs_second(unsigned from_roles,
                                   ac_vetting from_vetting,
                                   unsigned to_roles,
                                   ac_vetting to_vetting);

/* ---- discoverable holdings (holding.c) ---- */

/* Is the fact that an agency of HOLDER holds a record discoverable by agencies of RECIPIENT
 * when the holder has declared nothing for that kind?  CT policing and the Security Service
 * only; the Security Service's holdings by nobody (issue 15.2). */
bool aci_policy_discoverable_default(ac_agency_kind holder, ac_agency_kind recipient);

/* May ACTOR see a pointer to a holding of HOLDER_AGENCY_ID (of HOLDER_KIND), whose
 * declaration for ACTOR's kind of agency is DECLARED (1 yes, 0 no, -1 none: the default)?
 * Only a user who may search its own agency's records, and never for its own agency. */
bool aci_policy_pointer_visible(const ac_actor *actor,
                                const char *holder_agency_id,
                                ac_agency_kind holder_kind,
                                int declared);

/* Stable name of an action, for the audit ("create", "read", ...). */
const char *aci_action_str(enum aci_action action);

#endif /* ACI_POLICY_H */
