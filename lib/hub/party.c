/* SPDX-License-Identifier: Apache-2.0
 *
 * party.c - hub calls that manage and list the partnership: agencies, users, and the
 * hub's aggregate counts.
 */
#include "internal.h"

#include <ctype.h>

#include "hub/hub_int.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_party.h"

static const struct aci_resource party_res = { "partnership", NULL };

static bool
country_valid(const char *c)
{
    return c != NULL && strlen(c) == 2 && isupper((unsigned char)c[0]) &&
           isupper((unsigned char)c[1]);
}

ac_code
ac_agency_add(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const ac_agency *in,
              ac_arena *a,
              const char **out_id,
              ac_error *err)
{
    struct aci_op op;
    ac_agency g = *in;
    ac_code rc;

    *out_id = NULL;
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_OPTIONAL, ACI_ACT_MANAGE_PARTY,
                      "agency", err);
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_allow(&op, &party_res, err);
    if (rc == AC_OK) {
        rc = aci_clean_field(in->name, 200, "name", a, &g.name, err);
    }
    if (rc == AC_OK && g.name == NULL) {
        rc = aci_fail(err, AC_EINVAL, "name: an agency needs a name");
    }
    if (rc == AC_OK && (unsigned)in->kind >= AC_AGENCY_KIND_COUNT) {
        rc = aci_fail(err, AC_EINVAL, "kind: unknown agency kind");
    }
    if (rc == AC_OK && !country_valid(in->country)) {
        rc = aci_fail(err, AC_EINVAL, "country: use an ISO 3166 two-letter code such as GB");
    }
    if (rc == AC_OK) {
        g.id = aci_hub_new_id(hub, a);
        g.created_at = aci_hub_now_text(hub, a);
        rc = g.id && g.created_at ? aci_store_agency_insert(hub->store, &g, err)
                                  : aci_fail(err, AC_ENOMEM, "out of memory");
        op.object_id = g.id;
    }
    rc = aci_op_end(&op, rc, err);
    if (rc == AC_OK) {
        *out_id = g.id;
    }
    return rc;
}

ac_code
ac_agency_list(ac_hub *hub,
               const ac_actor *actor,
               const char *purpose,
               ac_arena *a,
               ac_agency **out,
               size_t *out_n,
               ac_error *err)
{
    struct aci_op op;
    ac_code rc;

    *out = NULL;
    *out_n = 0;
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_OPTIONAL, ACI_ACT_LIST_PARTY, "agency",
                      err);
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_allow(&op, &party_res, err);
    if (rc == AC_OK) {
        rc = aci_store_agency_list(hub->store, a, out, out_n, err);
        op.detail = ac_arena_printf(a, "%zu agencies", *out_n);
    }
    return aci_op_end(&op, rc, err);
}

ac_code
ac_agency_find(ac_hub *hub,
               const ac_actor *actor,
               const char *purpose,
               const char *id_or_name,
               ac_arena *a,
               ac_agency *out,
               ac_error *err)
{
    struct aci_op op;
    ac_code rc;

    memset(out, 0, sizeof *out);
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_OPTIONAL, ACI_ACT_LIST_PARTY, "agency",
                      err);
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_allow(&op, &party_res, err);
    if (rc == AC_OK) {
        rc = aci_store_agency_find(hub->store, id_or_name, a, out, err);
        op.object_id = out->id;
    }
    return aci_op_end(&op, rc, err);
}

static ac_code
check_user(const ac_user *in, ac_error *err)
{
    if (in->username == NULL || !aci_username_valid(in->username)) {
        return aci_fail(err, AC_EINVAL,
                        "username: use 2 to 64 of a-z, 0-9, '.', '_', '-', "
                        "starting with a letter or digit");
    }
    if ((unsigned)in->vetting >= AC_VETTING_COUNT) {
        return aci_fail(err, AC_EINVAL, "vetting: unknown vetting level");
    }
    if (in->roles == 0 || (in->roles & ~AC_ROLE_ALL) != 0) {
        return aci_fail(err, AC_EINVAL, "roles: give at least one known role");
    }
    if ((unsigned)in->status >= AC_USER_STATUS_COUNT) {
        return aci_fail(err, AC_EINVAL, "status: unknown user status");
    }
    if (in->agency_id == NULL) {
        return aci_fail(err, AC_EINVAL, "agency: a user belongs to an agency");
    }
    return AC_OK;
}

ac_code
ac_user_add(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            const ac_user *in,
            ac_arena *a,
            const char **out_id,
            ac_error *err)
{
    struct aci_op op;
    ac_user u = *in;
    ac_agency g;
    ac_code rc;

    *out_id = NULL;
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_OPTIONAL, ACI_ACT_MANAGE_PARTY, "user",
                      err);
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_allow(&op, &party_res, err);
    if (rc == AC_OK) {
        rc = check_user(in, err);
    }
    if (rc == AC_OK) {
        rc = aci_clean_field(in->display_name, 200, "display_name", a, &u.display_name, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_agency_find(hub->store, in->agency_id, a, &g, err);
    }
    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_EINVAL, "agency: no such agency; 'accord agency list' shows them");
    }
    if (rc == AC_OK) {
        u.agency_id = g.id;
        u.display_name = u.display_name != NULL ? u.display_name : u.username;
        u.id = aci_hub_new_id(hub, a);
        u.created_at = aci_hub_now_text(hub, a);
        rc = u.id && u.created_at ? aci_store_user_insert(hub->store, &u, err)
                                  : aci_fail(err, AC_ENOMEM, "out of memory");
        op.object_id = u.id;
    }
    rc = aci_op_end(&op, rc, err);
    if (rc == AC_OK) {
        *out_id = u.id;
    }
    return rc;
}

ac_code
ac_user_list(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             ac_arena *a,
             ac_user **out,
             size_t *out_n,
             ac_error *err)
{
    struct aci_op op;
    ac_code rc;

    *out = NULL;
    *out_n = 0;
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_OPTIONAL, ACI_ACT_LIST_PARTY, "user",
                      err);
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_allow(&op, &party_res, err);
    if (rc == AC_OK) {
        bool all = actor->roles & (AC_ROLE_ADMIN | AC_ROLE_AUDITOR);

        rc = aci_store_user_list(hub->store, all ? NULL : actor->agency_id, a, out, out_n, err);
        op.detail = ac_arena_printf(a, "%zu users", *out_n);
    }
    return aci_op_end(&op, rc, err);
}

ac_code
ac_hub_stats_get(ac_hub *hub,
                 const ac_actor *actor,
                 const char *purpose,
                 ac_hub_stats *out,
                 ac_error *err)
{
    struct aci_op op;
    ac_code rc;

    memset(out, 0, sizeof *out);
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_OPTIONAL, ACI_ACT_READ_STATS, "hub",
                      err);
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_allow(&op, &party_res, err);
    if (rc == AC_OK) {
        aci_store_stats(hub->store, out);
    }
    return aci_op_end(&op, rc, err);
}
