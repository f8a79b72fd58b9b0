/* SPDX-License-Identifier: Apache-2.0
 *
 * item_policy.h - who may read, write and share intelligence items: a pure function of
 * the actor and facts the hub gathers about the item, its case and the disclosure
 * through which it would be read.  Rules (DOMAIN.md §5, §6, §8; CTSA 2015 s.38):
 *
 *   (1) content is read by analysts, caseworkers, panel members and duty officers;
 *       written by analysts, caseworkers and duty officers; never by role alone by an
 *       administrator, auditor or reporter
 *   (2) clearance: OFFICIAL and OFFICIAL-SENSITIVE need BPSS, SECRET needs SC, TOP SECRET
 *       needs DV; never read up
 *   (3) originator control: outside the originating agency an item is read only through a
 *       live disclosure, and then only its released version; only the originator edits
 *   (4) need-to-know: an item bound to a case is read only by the case's members;
 *       OFFICIAL-SENSITIVE and above always need such a path (originator or disclosure)
 *   (5) caveats: UK EYES ONLY excludes international partners and agencies outside GB;
 *       releasability limits recipients to named agencies or kinds
 *   (7) intelligence-service material (ISS, CTSA 2015 s.38(5)): never bound to a Prevent
 *       or Channel case, nor released into one (the release names the case's type);
 *       never written or read by a local authority; read outside the originator only
 *       through a disclosure under a gateway that carries it (SSA 1989 s.2(2)(a), CTA 2008
 *       s.19 - never CTSA 2015 s.38, whose s.38(4) excludes it) that records the
 *       originator's explicit release
 *   (6) a release below the original classification needs a second person's approval
 */
#ifndef ACI_ITEM_POLICY_H
#define ACI_ITEM_POLICY_H

#include "internal.h"

#include "accord/item.h"
#include "accord/party.h"
#include "policy/policy.h"

enum aci_item_action {
    ACI_ITEM_READ,
    ACI_ITEM_CREATE,
    ACI_ITEM_UPDATE,
    ACI_ITEM_DISCLOSE, /* create a disclosure of the item */
    ACI_ITEM_APPROVE,  /* approve a pending disclosure */
    ACI_ITEM_REVOKE,   /* revoke a disclosure */
};

/* The item (or the version being read) as the policy sees it. */
struct aci_item_facts {
    const char *origin_agency_id;     /* originator */
    ac_classification classification; /* of the original */
    unsigned caveats;                 /* of the original */
    const char *releasable_to;        /* comma-separated agency ids / kind names, or NULL */
    bool bound_to_case;               /* the item is bound to a case */
    bool actor_in_case;               /* the actor (or its agency) is a member of that case */
    ac_case_type case_type;           /* type of that case */
};

/* The disclosure a read would go through (NULL for the originator's own path). */
struct aci_disclosure_facts {
    bool live;                        /* approved, not revoked, not expired */
    bool reaches_actor;               /* to the actor's agency, or a case the actor is in */
    bool to_case;                     /* the recipient is a case */
    ac_case_type case_type;           /* its type, when to_case */
    bool has_gateway;                 /* names a known lawful gateway */
    bool gateway_carries_iss;         /* that gateway may carry ISS material (rule 7) */
    bool iss_released;                /* the originator explicitly released ISS material */
    ac_classification classification; /* of the released version */
    unsigned caveats;                 /* of the released version */
    bool released_by_actor;           /* for approval: the actor made this release */
};

struct aci_decision aci_policy_item(const ac_actor *actor,
                                    enum aci_item_action action,
                                    const struct aci_item_facts *item,
                                    const struct aci_disclosure_facts *disclosure);

/* True when VETTING allows reading CLASSIFICATION (rule 2). */
bool aci_policy_cleared(ac_vetting vetting, ac_classification classification);

#endif /* ACI_ITEM_POLICY_H */
