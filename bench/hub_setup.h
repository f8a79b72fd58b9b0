/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_setup.h - a user for a benchmark or fuzz target on a freshly bootstrapped hub, made
 * the way the hub insists on: by its administrator, with a second administrator's approval
 * for a content role or SC/DV vetting (the two-person rule).
 */
#ifndef BENCH_HUB_SETUP_H
#define BENCH_HUB_SETUP_H

#include "accord/accord.h"

/* Add U in ADMIN's agency (ADMIN: the bootstrapped "admin"), approve its grant as "admin2"
 * (made on first use), and load its actor into *OUT (strings in A). */
ac_code hub_setup_user(ac_hub *hub,
                       const ac_actor *admin,
                       const ac_user *u,
                       ac_arena *a,
                       const ac_actor **out,
                       ac_error *err);

/* Open a new hub at CFG's database (created), bootstrap "Bench CTU" (CT policing) with
 * its administrator "admin", and add an SC analyst "analyst" through hub_setup_user: the
 * hub into *HUB, the analyst into *ANALYST (strings in A).  On failure ERR says where. */
ac_code hub_setup_analyst(ac_hub_config *cfg,
                          ac_arena *a,
                          ac_hub **hub,
                          const ac_actor **analyst,
                          ac_error *err);

#endif /* BENCH_HUB_SETUP_H */
