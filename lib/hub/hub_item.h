/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_item.h - the read path of items shared by get, list and disclosures: the version
 * of an item an actor may see, if any.
 */
#ifndef ACI_HUB_ITEM_H
#define ACI_HUB_ITEM_H

#include "internal.h"

#include "accord/item.h"
#include "policy/item_policy.h"
#include "store/store_item.h"

/* The item ID as ACTOR may read it (the original, or the released version of the first
 * disclosure that reaches the actor) into *OUT.  AC_ENOTFOUND when there is none; *WHY
 * then holds the policy's reason (for the audit), or NULL when the item does not exist.
 * S is the connection of the call (a reader for a read). */
ac_code aci_item_resolve(ac_hub *hub,
                         struct aci_store *s,
                         const ac_actor *actor,
                         const char *id,
                         ac_arena *a,
                         ac_item *out,
                         const char **why,
                         ac_error *err);

/* May ACTOR see case C: a content user of its lead agency, or a member (the agency as a
 * whole, or the user)?  The one rule for reading a case and for linking to it.  *OUT is
 * false on failure. */
ac_code aci_case_visible(struct aci_store *s,
                         const ac_actor *actor,
                         const struct aci_case_row *c,
                         bool *out,
                         ac_error *err);

/* Start the deadline of STATE of WORKFLOW for case ID, or clear the case's deadline when
 * the state has none (workflow.c). */
ac_code aci_case_enter_state(ac_hub *hub,
                             const char *workflow,
                             const char *id,
                             const char *state,
                             ac_error *err);

/* The policy's facts about IT for ACTOR (case binding and membership), read from S. */
ac_code aci_item_facts_of(struct aci_store *s,
                          const ac_actor *actor,
                          const ac_item *it,
                          ac_arena *a,
                          struct aci_item_facts *f,
                          ac_error *err);

/* The refusal of a national caveat below SECRET (item.c), for items and releases alike. */
extern const char aci_uk_eyes_only_rule[];

#endif /* ACI_HUB_ITEM_H */
