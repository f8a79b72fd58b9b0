/* SPDX-License-Identifier: Apache-2.0
 *
 * case_access.c - who may see a case: the facts from the store (is the actor's agency, or
 * the actor, a member?), the rule from the policy.  Its own file because case.c and
 * workflow.c both ask it, and case.c also calls into workflow.c.
 */
#include "internal.h"

#include "hub/hub_int.h"
#include "hub/hub_item.h"
#include "store/store.h"

ac_code
aci_case_visible(struct aci_store *s,
                 const ac_actor *actor,
                 const struct aci_case_row *c,
                 bool *out,
                 ac_error *err)
{
    bool member = false;
    ac_code rc =
        aci_store_case_has_member(s, c->id, actor->agency_id, actor->user_id, &member, err);

    *out = rc == AC_OK && aci_policy_case_visible(actor, c->lead_agency_id, c->type, member);
    return rc;
}
