/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_setup.c - a user on a fresh hub, through the two-person rule (hub_setup.h).
 */
#include "hub_setup.h"

#include <string.h>

ac_code
hub_setup_user(ac_hub *hub,
               const ac_actor *admin,
               const ac_user *u,
               ac_arena *a,
               const ac_actor **out,
               ac_error *err)
{
    const ac_actor *admin2 = NULL;
    ac_user second = { 0 }, in = *u;
    ac_grant *list = NULL;
    size_t n = 0;
    const char *id = NULL;
    ac_code rc;

    *out = NULL;
    in.agency_id = admin->agency_id;
    if (ac_hub_actor(hub, "admin2", a, &admin2, NULL) != AC_OK) {
        second.username = "admin2";
        second.agency_id = admin->agency_id;
        second.roles = AC_ROLE_ADMIN;
        second.vetting = AC_VETTING_BPSS;
        rc = ac_user_add(hub, admin, "set-up", &second, a, &id, err);
        if (rc == AC_OK) {
            rc = ac_hub_actor(hub, "admin2", a, &admin2, err);
        }
        if (rc != AC_OK) {
            return rc;
        }
    }
    rc = ac_user_add(hub, admin, "set-up", &in, a, &id, err);
    if (rc == AC_OK) {
        rc = ac_grant_list(hub, admin2, "set-up", a, &list, &n, err);
    }
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        if (strcmp(list[i].username, u->username) == 0) {
            rc = ac_grant_decide(hub, admin2, "set-up", list[i].id, 1, err);
        }
    }
    return rc == AC_OK ? ac_hub_actor(hub, u->username, a, out, err) : rc;
}

ac_code
hub_setup_analyst(ac_hub_config *cfg,
                  ac_arena *a,
                  ac_hub **hub,
                  const ac_actor **analyst,
                  ac_error *err)
{
    const ac_actor *admin = NULL;
    const char *id = NULL;
    ac_user u = { 0 };
    ac_code rc;

    ac_hub_config_set_create(cfg, 1);
    rc = ac_hub_open(cfg, hub, err);
    if (rc == AC_OK) {
        rc = ac_hub_bootstrap(*hub, "Bench CTU", AC_AGENCY_CT_POLICING, "GB", "admin", NULL, a, &id,
                              err);
    }
    if (rc == AC_OK) {
        rc = ac_hub_actor(*hub, "admin", a, &admin, err);
    }
    if (rc == AC_OK) {
        u.username = "analyst";
        u.agency_id = admin->agency_id;
        u.roles = AC_ROLE_ANALYST;
        u.vetting = AC_VETTING_SC;
        rc = hub_setup_user(*hub, admin, &u, a, analyst, err);
    }
    return rc;
}
