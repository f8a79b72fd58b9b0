/* SPDX-License-Identifier: Apache-2.0
 *
 * item_policy.c - the decision on intelligence items (item_policy.h).  Pure.
 */
#include "internal.h"

#include "policy/item_policy.h"

#define READER_ROLES \
    (AC_ROLE_ANALYST | AC_ROLE_CASEWORKER | AC_ROLE_PANEL_MEMBER | AC_ROLE_DUTY_OFFICER)
#define WRITER_ROLES (AC_ROLE_ANALYST | AC_ROLE_CASEWORKER | AC_ROLE_DUTY_OFFICER)
#define SHARER_ROLES (AC_ROLE_ANALYST | AC_ROLE_CASEWORKER)

static struct aci_decision
allow(const char *why)
{
    return (struct aci_decision){ true, false, why };
}

/* Refusals about content are hidden: the actor learns nothing about the item. */
static struct aci_decision
hide(const char *why)
{
    return (struct aci_decision){ false, true, why };
}

static struct aci_decision
deny(const char *why)
{
    return (struct aci_decision){ false, false, why };
}

bool
aci_policy_cleared(ac_vetting vetting, ac_classification classification)
{
    switch (classification) {
    case AC_CLASS_OFFICIAL:
    case AC_CLASS_OFFICIAL_SENSITIVE:
        return vetting >= AC_VETTING_BPSS;
    case AC_CLASS_SECRET:
        return vetting >= AC_VETTING_SC;
    case AC_CLASS_TOP_SECRET:
        return vetting >= AC_VETTING_DV;
    default:
        return false;
    }
}

static bool
is_originator(const ac_actor *actor, const struct aci_item_facts *item)
{
    return item->origin_agency_id != NULL && strcmp(actor->agency_id, item->origin_agency_id) == 0;
}

/* Is the actor's agency (by id or by kind name) in the comma-separated LIST? */
static bool
releasable(const ac_actor *actor, const char *list)
{
    const char *kind = ac_agency_kind_str(actor->agency_kind);

    for (const char *p = list; p != NULL && *p != '\0';) {
        size_t n = strcspn(p, ",");

        if ((strlen(actor->agency_id) == n && strncmp(p, actor->agency_id, n) == 0) ||
            (strlen(kind) == n && strncmp(p, kind, n) == 0)) {
            return true;
        }
        p += n;
        p += *p == ',';
    }
    return false;
}

static bool
prevent_or_channel(ac_case_type t)
{
    return t == AC_CASE_PREVENT_REFERRAL || t == AC_CASE_CHANNEL;
}

/* Rule 7: a council never holds intelligence-service material. */
static bool
iss_barred(const ac_actor *actor, unsigned caveats)
{
    return (caveats & AC_CAVEAT_ISS) && actor->agency_kind == AC_AGENCY_LOCAL_AUTHORITY;
}

static bool
uk_eyes_ok(const ac_actor *actor)
{
    return actor->agency_kind != AC_AGENCY_INTERNATIONAL_PARTNER && actor->country != NULL &&
           strcmp(actor->country, "GB") == 0;
}

/* Reading the original as a member of the originating agency (rules 2, 4, 5). */
static struct aci_decision
read_as_originator(const ac_actor *actor, const struct aci_item_facts *item)
{
    if (item->bound_to_case && !item->actor_in_case) {
        return hide("the item is bound to a case the reader is not a member of");
    }
    if (!aci_policy_cleared(actor->vetting, item->classification)) {
        return hide("the reader's vetting is below the item's classification");
    }
    if ((item->caveats & AC_CAVEAT_UK_EYES_ONLY) && !uk_eyes_ok(actor)) {
        return hide("UK EYES ONLY");
    }
    if ((item->caveats & AC_CAVEAT_ISS) && item->bound_to_case &&
        prevent_or_channel(item->case_type)) {
        return hide("intelligence-service sensitive material in a Prevent or Channel case");
    }
    if (iss_barred(actor, item->caveats)) {
        return hide("intelligence-service material is never read by a local authority");
    }
    return allow("originating agency, cleared, need-to-know");
}

/* Reading the released version through a disclosure (rules 2, 3, 5). */
static struct aci_decision
read_as_recipient(const ac_actor *actor,
                  const struct aci_item_facts *item,
                  const struct aci_disclosure_facts *d)
{
    if (d == NULL || !d->live || !d->reaches_actor) {
        return hide("no live disclosure to the reader");
    }
    if (!aci_policy_cleared(actor->vetting, d->classification)) {
        return hide("the reader's vetting is below the released classification");
    }
    if ((d->caveats & AC_CAVEAT_UK_EYES_ONLY) && !uk_eyes_ok(actor)) {
        return hide("UK EYES ONLY");
    }
    if (item->releasable_to != NULL && !releasable(actor, item->releasable_to)) {
        return hide("the item is not releasable to the reader's agency");
    }
    if (iss_barred(actor, d->caveats)) {
        return hide("intelligence-service material is never read by a local authority");
    }
    if ((d->caveats & AC_CAVEAT_ISS) && (!d->gateway_carries_iss || !d->iss_released)) {
        return hide("intelligence-service material is read only through a gateway that carries "
                    "it, released explicitly by the originator");
    }
    return allow("live disclosure to the reader");
}

static struct aci_decision
write_decision(const ac_actor *actor,
               enum aci_item_action action,
               const struct aci_item_facts *item,
               const struct aci_disclosure_facts *d)
{
    /* releasing, approving and revoking are sharing (policy.h: ACI_ACT_DISCLOSE) */
    bool sharing =
        action == ACI_ITEM_DISCLOSE || action == ACI_ITEM_APPROVE || action == ACI_ITEM_REVOKE;
    unsigned needed = sharing ? SHARER_ROLES : WRITER_ROLES;

    if (!is_originator(actor, item)) {
        /* others learn nothing: the item is hidden from them unless disclosed */
        return hide("only the originating agency changes or shares an item");
    }
    /* content first: who may not know of the item is told nothing, whatever the request */
    if (!aci_policy_cleared(actor->vetting, item->classification)) {
        return hide("the writer's vetting is below the item's classification");
    }
    if (item->bound_to_case && !item->actor_in_case) {
        return hide("the item is bound to a case the writer is not a member of");
    }
    if ((actor->roles & needed) == 0) {
        return deny(sharing ? "only analysts and caseworkers share items"
                            : "no role that writes items");
    }
    if (action == ACI_ITEM_CREATE && (item->caveats & AC_CAVEAT_ISS) && item->bound_to_case &&
        prevent_or_channel(item->case_type)) {
        return deny("intelligence-service sensitive material cannot be put in a Prevent or "
                    "Channel case: disclose it under a lawful gateway instead");
    }
    if (action == ACI_ITEM_CREATE && iss_barred(actor, item->caveats)) {
        return deny("a local authority does not hold intelligence-service material (CTSA 2015 "
                    "s.38(5)): drop the iss caveat");
    }
    if (action == ACI_ITEM_APPROVE && (d == NULL || d->released_by_actor)) {
        return deny("a release below the original classification needs a second person");
    }
    if (action == ACI_ITEM_DISCLOSE && (d == NULL || !d->has_gateway)) {
        return deny("a disclosure must name a known lawful gateway (see 'accord item --help')");
    }
    if (action == ACI_ITEM_DISCLOSE && (item->caveats & AC_CAVEAT_ISS) && !d->gateway_carries_iss) {
        return deny("intelligence-service material is disclosed only under ssa1989-s2 or "
                    "cta2008-s19 (SSA 1989 s.2(2)(a), CTA 2008 s.19), never under CTSA 2015 s.38 "
                    "or another partner's gateway");
    }
    if (action == ACI_ITEM_DISCLOSE && (item->caveats & AC_CAVEAT_ISS) && d->to_case &&
        prevent_or_channel(d->case_type)) {
        return deny("intelligence-service sensitive material cannot be disclosed into a Prevent or "
                    "Channel case (CTSA 2015 s.38(4)-(5)): disclose it to CT policing instead");
    }
    if (action == ACI_ITEM_DISCLOSE && (item->caveats & AC_CAVEAT_ISS) && !d->iss_released) {
        return deny("intelligence-service material needs the originator's explicit release: "
                    "confirm it with --release-iss (API: \"release_iss\": true)");
    }
    return allow("originating agency, cleared writer");
}

struct aci_decision
aci_policy_item(const ac_actor *actor,
                enum aci_item_action action,
                const struct aci_item_facts *item,
                const struct aci_disclosure_facts *disclosure)
{
    if (action == ACI_ITEM_READ) {
        if ((actor->roles & READER_ROLES) == 0) {
            return hide("no role that reads content");
        }
        return is_originator(actor, item) && disclosure == NULL
                   ? read_as_originator(actor, item)
                   : read_as_recipient(actor, item, disclosure);
    }
    return write_decision(actor, action, item, disclosure);
}
