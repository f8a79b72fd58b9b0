/* SPDX-License-Identifier: Apache-2.0
 *
 * stamp.c - the actor a thread has just checked.  A session or token check loads the
 * user's attributes from the store; it notes here, for its own thread, which actor it
 * made, with what attributes and when, so that the operation the same request runs next
 * need not load them again.  The note is kept by the library, not in the actor, so no
 * caller can forge one: an actor the note does not describe exactly (another pointer,
 * changed attributes, another hub, older than ACTOR_FRESH_MS) is reloaded by the
 * executor, as every actor of the CLI and the tests is.
 */
#include "internal.h"

#include "hub/hub_int.h"

#define ACTOR_FRESH_MS 1000 /* a request's session check and the call it makes */

static _Thread_local struct {
    const ac_hub *hub;     /* the hub that checked */
    const ac_actor *actor; /* the actor it made (compared by address) */
    ac_actor seen;         /* its attributes then */
    int64_t at_ms;         /* when, by the hub's clock */
} last;

static bool
same(const ac_actor *a, const ac_actor *b)
{
    return a->user_id == b->user_id && a->agency_id == b->agency_id && a->roles == b->roles &&
           a->vetting == b->vetting && a->agency_kind == b->agency_kind &&
           a->country == b->country && strcmp(a->user_id, b->user_id) == 0 &&
           strcmp(a->agency_id, b->agency_id) == 0;
}

void
aci_hub_actor_stamp(ac_hub *hub, const ac_actor *actor)
{
    last.hub = hub;
    last.actor = actor;
    last.seen = *actor;
    last.at_ms = aci_hub_now_ms(hub);
}

bool
aci_hub_actor_fresh(ac_hub *hub, const ac_actor *actor)
{
    int64_t age = aci_hub_now_ms(hub) - last.at_ms;

    return last.hub == hub && last.actor == actor && age >= 0 && age <= ACTOR_FRESH_MS &&
           same(&last.seen, actor);
}
