/* SPDX-License-Identifier: Apache-2.0
 *
 * decide.c - the access decision (policy.h).  Pure: the same inputs always give the
 * same answer, and the answer carries its reason for the audit.
 */
#include "internal.h"

#include "model/model.h"
#include "policy/policy.h"

#define CONTENT_ROLES \
    (AC_ROLE_ANALYST | AC_ROLE_CASEWORKER | AC_ROLE_PANEL_MEMBER | AC_ROLE_DUTY_OFFICER)
#define WRITER_ROLES (AC_ROLE_ANALYST | AC_ROLE_CASEWORKER | AC_ROLE_DUTY_OFFICER)
#define SHARER_ROLES (AC_ROLE_ANALYST | AC_ROLE_CASEWORKER) /* disclose: as item_policy.c */

static struct aci_decision
allow(const char *why)
{
    return (struct aci_decision){ true, false, why };
}

static struct aci_decision
deny(bool hide, const char *why)
{
    return (struct aci_decision){ false, hide, why };
}

static bool
same_agency(const ac_actor *actor, const struct aci_resource *res)
{
    return res->agency_id != NULL && strcmp(actor->agency_id, res->agency_id) == 0;
}

static struct aci_decision
decide_content(const ac_actor *actor, enum aci_action action, const struct aci_resource *res)
{
    unsigned needed = action == ACI_ACT_READ || action == ACI_ACT_SEARCH || action == ACI_ACT_EXPORT
                          ? CONTENT_ROLES
                      : action == ACI_ACT_DISCLOSE ? SHARER_ROLES
                                                   : WRITER_ROLES;

    if ((action == ACI_ACT_READ || action == ACI_ACT_UPDATE) && !same_agency(actor, res)) {
        /* the actor must not learn that another agency's record exists */
        return deny(true, "record held by another agency");
    }
    if ((actor->roles & needed) == 0) {
        return deny(action == ACI_ACT_READ, "no role that reads or writes records");
    }
    if (!same_agency(actor, res)) {
        return deny(false, "records belong to another agency");
    }
    if (actor->vetting < AC_VETTING_BPSS) {
        return deny(action == ACI_ACT_READ, "content needs at least BPSS vetting");
    }
    return allow("own agency, content role");
}

/* Duty officers of the agencies that receive alerts: CT policing, police forces and the
 * security service, vetted to at least BPSS. */
static bool
alert_desk(const ac_actor *actor)
{
    return aci_policy_is_duty_officer(actor->roles) && actor->vetting >= AC_VETTING_BPSS &&
           aci_policy_duty_agency_order(actor->agency_kind) >= 0;
}

static struct aci_decision
decide_reports(const ac_actor *actor, enum aci_action action, const struct aci_resource *res)
{
    switch (action) {
    case ACI_ACT_REPORT:
        return actor->roles & AC_ROLE_REPORTER ? allow("reporter")
                                               : deny(false, "only reporters submit reports");
    case ACI_ACT_REPORT_READ:
        if (alert_desk(actor)) {
            return allow("duty officer");
        }
        return same_agency(actor, res) && actor->roles & (AC_ROLE_REPORTER | CONTENT_ROLES)
                   ? allow("the reporting agency's own report")
                   : deny(true, "report made by another agency");
    case ACI_ACT_ALERT_READ:
    case ACI_ACT_ALERT_ACT:
        if (!alert_desk(actor)) {
            /* hidden unless it is the actor's own queue (a list), which is plainly refused */
            return deny(!same_agency(actor, res), "alerts go to duty officers of CT policing, "
                                                  "police forces and the security service");
        }
        return res->agency_id == NULL || same_agency(actor, res)
                   ? allow("duty officer the alert is routed to")
                   : deny(true, "alert routed to another agency");
    case ACI_ACT_ESCALATE:
        return alert_desk(actor) || actor->roles & AC_ROLE_ADMIN
                   ? allow("duty officer or administrator")
                   : deny(false, "only duty officers and administrators escalate alerts");
    default:
        return actor->roles & (AC_ROLE_ANALYST | AC_ROLE_DUTY_OFFICER) &&
                       actor->vetting >= AC_VETTING_BPSS
                   ? allow("analyst or duty officer")
                   : deny(false, "only analysts and duty officers (BPSS) manage watchlists "
                                 "and the regime");
    }
}

struct aci_decision
aci_policy_decide(const ac_actor *actor, enum aci_action action, const struct aci_resource *res)
{
    switch (action) {
    case ACI_ACT_MANAGE_PARTY:
        if (!(actor->roles & AC_ROLE_ADMIN)) {
            return deny(false, "only administrators manage the partnership");
        }
        return same_agency(actor, res) ? allow("administrator of the agency")
                                       : deny(false, "administrators manage the accounts of "
                                                     "their own agency; the hub's "
                                                     "administrators add agencies");
    case ACI_ACT_LIST_PARTY:
        return allow("members of the partnership may see who is in it");
    case ACI_ACT_READ_STATS:
        return actor->roles & (AC_ROLE_ADMIN | AC_ROLE_AUDITOR)
                   ? allow("administrator or auditor")
                   : deny(false, "only administrators and auditors read hub statistics");
    case ACI_ACT_STATISTICS:
        /* counts with small numbers suppressed: for the partnership's analysts and its
         * oversight (auditors, administrators); never for private-sector partners, who
         * report and see only their own reports */
        if (actor->agency_kind == AC_AGENCY_PRIVATE_SECTOR || actor->roles & AC_ROLE_REPORTER) {
            return deny(false, "private-sector partners do not read the partnership's "
                               "statistics");
        }
        return actor->roles & (AC_ROLE_ANALYST | AC_ROLE_AUDITOR | AC_ROLE_ADMIN)
                   ? allow("analyst, auditor or administrator")
                   : deny(false, "only analysts, auditors and administrators read the "
                                 "partnership's statistics");
    case ACI_ACT_OWN_ACCOUNT:
        return allow("every user manages their own sign-in");
    case ACI_ACT_AUDIT_READ:
        return actor->roles & AC_ROLE_AUDITOR ? allow("auditor")
                                              : deny(false, "only auditors read the audit trail");
    case ACI_ACT_AUDIT_SIGN:
        return actor->roles & (AC_ROLE_ADMIN | AC_ROLE_AUDITOR)
                   ? allow("administrator or auditor")
                   : deny(false, "only administrators and auditors take checkpoints");
    case ACI_ACT_UPDATE:
    case ACI_ACT_DISCLOSE:
    case ACI_ACT_CREATE:
    case ACI_ACT_READ:
    case ACI_ACT_SEARCH:
    case ACI_ACT_IMPORT:
    case ACI_ACT_EXPORT:
        return decide_content(actor, action, res);
    case ACI_ACT_REPORT:
    case ACI_ACT_REPORT_READ:
    case ACI_ACT_ALERT_READ:
    case ACI_ACT_ALERT_ACT:
    case ACI_ACT_ESCALATE:
    case ACI_ACT_WATCHLIST:
        return decide_reports(actor, action, res);
    }
    return deny(false, "unknown action");
}

bool
aci_policy_rfi_notifies(const struct aci_notify_user *u, const char *holder_agency_id)
{
    /* as decide_content for ACI_ACT_UPDATE of the holder's request (closing it) */
    return u->status == AC_USER_ACTIVE && (u->roles & WRITER_ROLES) != 0 &&
           u->vetting >= AC_VETTING_BPSS && holder_agency_id != NULL &&
           strcmp(u->agency_id, holder_agency_id) == 0;
}

const char *
aci_policy_visible_agency(const ac_actor *actor)
{
    return actor->roles & CONTENT_ROLES && actor->vetting >= AC_VETTING_BPSS ? actor->agency_id
                                                                             : NULL;
}

const char *
aci_policy_account_manager(const char *user_agency, unsigned roles, const char *hub_agency)
{
    return roles == AC_ROLE_ADMIN ? hub_agency : user_agency;
}

bool
aci_policy_grant_needs_second(unsigned from_roles,
                              ac_vetting from_vetting,
                              unsigned to_roles,
                              ac_vetting to_vetting)
{
    bool new_content = (to_roles & ~from_roles & CONTENT_ROLES) != 0;
    bool new_clearance = to_vetting >= AC_VETTING_SC && to_vetting > from_vetting;

    return new_content || new_clearance;
}

/* Case content (the case, its members, timeline, notes, next steps and steps) is read and
 * written only by a user who has all three of:
 *
 *   (1) a content role (analyst, caseworker, panel member, duty officer) and none of the
 *       roles that must never see case content: administrators run the partnership,
 *       auditors oversee it and reporters (retailers' tills) only report; holding one of
 *       these roles as well does not open case content (separation of duties);
 *   (2) the vetting the case needs.  Cases carry no classification of their own, so the
 *       case type stands for it: subject-of-interest work (soi, maa_review) is SECRET
 *       material, and DOMAIN.md 5.2 gives SC "for regular or uncontrolled access" to
 *       SECRET; every other case is OFFICIAL, for which DOMAIN.md 5.2/5.3 require BPSS;
 *   (3) membership: the lead agency, or an agency or user added to the case.
 *
 * Being added to a case (as an observer, say) never stands in for (1) or (2). */
ac_vetting
aci_policy_case_vetting(ac_case_type type)
{
    return type == AC_CASE_SOI || type == AC_CASE_MAA_REVIEW ? AC_VETTING_SC : AC_VETTING_BPSS;
}

ac_classification
aci_policy_alert_marking(const char *case_type)
{
    ac_case_type t = AC_CASE_GENERAL;

    /* a case's alert reveals the case: subject-of-interest work is SECRET material (the
     * vetting rule of aci_policy_case_vetting); an unknown type is treated as such */
    if (case_type != NULL && (ac_case_type_parse(case_type, &t, NULL) != AC_OK ||
                              aci_policy_case_vetting(t) >= AC_VETTING_SC)) {
        return AC_CLASS_SECRET;
    }
    return AC_CLASS_OFFICIAL_SENSITIVE;
}

bool
aci_policy_case_visible(const ac_actor *actor,
                        const char *lead_agency_id,
                        ac_case_type type,
                        bool is_member)
{
    bool content = (actor->roles & CONTENT_ROLES) != 0 &&
                   (actor->roles & (AC_ROLE_ADMIN | AC_ROLE_AUDITOR | AC_ROLE_REPORTER)) == 0;

    return content && actor->vetting >= aci_policy_case_vetting(type) &&
           (strcmp(lead_agency_id, actor->agency_id) == 0 || is_member);
}

const char *
aci_action_str(enum aci_action action)
{
    static const char *const names[] = {
        "manage_party", "list_party", "read_stats",  "create",     "read",
        "search",       "import",     "export",      "audit_read", "audit_sign",
        "update",       "disclose",   "own_account", "report",     "report_read",
        "alert_read",   "alert_act",  "escalate",    "watchlist",  "statistics"
    };

    return (size_t)action < ACI_ARRAY_LEN(names) ? names[action] : "unknown";
}
