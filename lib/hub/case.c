/* SPDX-License-Identifier: Apache-2.0
 *
 * case.c - opening cases and adding their members (include/accord/item.h): membership
 * is what need-to-know means for the items bound to a case.
 */
#include "internal.h"

#include "accord/item.h"
#include "hub/hub_int.h"
#include "workflow/workflow.h"
#include "hub/hub_item.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_item.h"
#include "store/store_party.h"

#define WRITERS (AC_ROLE_ANALYST | AC_ROLE_CASEWORKER | AC_ROLE_DUTY_OFFICER)

ac_code
ac_case_add(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            ac_case_type type,
            const char *title,
            ac_arena *a,
            const char **out_id,
            ac_error *err)
{
    struct aci_op op;
    struct aci_case_row c;
    char review[AC_DATE_TEXT_MAX];
    ac_date today;
    const char *clean = NULL, *now, *workflow = NULL;
    ac_code rc;

    *out_id = NULL;
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_CREATE, "case", err);
    if (rc != AC_OK) {
        return rc;
    }
    if ((actor->roles & WRITERS) == 0 || actor->vetting < AC_VETTING_BPSS) {
        op.denied = true;
        op.deny_reason = "only vetted analysts, caseworkers and duty officers open cases";
        rc = aci_fail(err, AC_EDENIED, "not allowed: %s", op.deny_reason);
    }
    if (rc == AC_OK && (unsigned)type >= AC_CASE_TYPE_COUNT) {
        rc = aci_fail(err, AC_EINVAL, "type: unknown case type");
    }
    if (rc == AC_OK) {
        rc = aci_clean_field(title, 300, "title", a, &clean, err);
    }
    if (rc == AC_OK && clean == NULL) {
        rc = aci_fail(err, AC_EINVAL, "title: a case needs a title");
    }
    if (rc == AC_OK) {
        today = aci_hub_today(hub);
        today = ac_date_add_years(&today, ACI_REVIEW_YEARS);
        c.id = aci_hub_new_id(hub, a);
        c.lead_agency_id = actor->agency_id;
        c.type = type;
        c.state = "open";
        workflow = aci_workflow_of_case(ac_case_type_str(type));
        if (workflow != NULL) {
            const struct aci_workflows *w = NULL;

            rc = aci_hub_workflows(hub, &w, err);
            c.state = rc == AC_OK ? aci_workflow_start(w, workflow) : NULL;
            if (rc == AC_OK && c.state == NULL) {
                rc = aci_fail(err, AC_ESTORAGE, "workflow %s has no start state", workflow);
            }
        }
        c.title = clean;
        now = aci_hub_now_text(hub, a);
        if (rc == AC_OK) {
            rc = aci_store_case_insert(hub->store, &c, ac_date_format(&today, review),
                                       actor->user_id, now, err);
        }
        if (rc == AC_OK && workflow != NULL) {
            rc = aci_case_enter_state(hub, workflow, c.id, c.state, err);
        }
        if (rc == AC_OK) {
            rc = aci_store_case_member_add(hub->store, c.id, actor->agency_id, NULL, "lead", now,
                                           err);
        }
        op.object_id = c.id;
        op.detail = ac_case_type_str(type);
    }
    rc = aci_op_end(&op, rc, err);
    if (rc == AC_OK) {
        *out_id = c.id;
    }
    return rc;
}

ac_code
ac_case_member_add(ac_hub *hub,
                   const ac_actor *actor,
                   const char *purpose,
                   const char *case_id,
                   const char *agency_id,
                   const char *user_id,
                   const char *role,
                   ac_error *err)
{
    struct aci_op op;
    struct aci_case_row c;
    ac_arena *a = ac_arena_new(0);
    ac_agency g;
    ac_code rc;

    if (a == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_UPDATE, "case", err);
    if (rc != AC_OK) {
        ac_arena_free(a);
        return rc;
    }
    op.object_id = case_id;
    rc = aci_store_case_load(hub->store, case_id, a, &c, err);
    if (rc == AC_OK &&
        (strcmp(c.lead_agency_id, actor->agency_id) != 0 || (actor->roles & WRITERS) == 0)) {
        op.denied = true;
        op.deny_reason = "only the lead agency's writers add members";
        rc = strcmp(c.lead_agency_id, actor->agency_id) != 0 &&
                     !aci_store_case_has_member(hub->store, case_id, actor->agency_id,
                                                actor->user_id)
                 ? AC_ENOTFOUND
                 : aci_fail(err, AC_EDENIED, "not allowed: %s", op.deny_reason);
    }
    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "case '%s' not found", case_id);
    }
    if (rc == AC_OK && strcmp(role, "member") != 0 && strcmp(role, "chair") != 0 &&
        strcmp(role, "observer") != 0) {
        rc = aci_fail(err, AC_EINVAL, "role: member, chair or observer");
    }
    if (rc == AC_OK) {
        rc = aci_store_agency_find(hub->store, agency_id, a, &g, err);
        rc = rc == AC_ENOTFOUND ? aci_fail(err, AC_EINVAL, "agency: no such agency") : rc;
    }
    if (rc == AC_OK && user_id != NULL) {
        ac_user u;

        rc = aci_store_user_find(hub->store, user_id, false, a, &u, err);
        if (rc == AC_ENOTFOUND) {
            rc = aci_store_user_find(hub->store, user_id, true, a, &u, err);
        }
        if (rc == AC_OK && strcmp(u.agency_id, g.id) != 0) {
            rc = aci_fail(err, AC_EINVAL, "user: not a user of that agency");
        }
        user_id = rc == AC_OK ? u.id : NULL;
        rc = rc == AC_ENOTFOUND ? aci_fail(err, AC_EINVAL, "user: no such user") : rc;
    }
    if (rc == AC_OK) {
        rc = aci_store_case_member_add(hub->store, case_id, g.id, user_id, role,
                                       aci_hub_now_text(hub, a), err);
        rc = rc == AC_ECONFLICT ? aci_fail(err, AC_ECONFLICT, "already a member") : rc;
        op.recipients =
            ac_arena_printf(a, "%s%s%s", g.id, user_id ? "/" : "", user_id ? user_id : "");
        op.detail = role;
    }
    rc = aci_op_end(&op, rc, err);
    ac_arena_free(a);
    return rc;
}

bool
aci_case_visible(ac_hub *hub, const ac_actor *actor, const struct aci_case_row *c)
{
    return (strcmp(c->lead_agency_id, actor->agency_id) == 0 &&
            aci_policy_visible_agency(actor) != NULL) ||
           aci_store_case_has_member(hub->store, c->id, actor->agency_id, actor->user_id);
}

ac_code
ac_case_get(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            const char *id,
            ac_arena *a,
            ac_case *out,
            ac_error *err)
{
    struct aci_op op;
    struct aci_case_row c;
    ac_code rc =
        aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_READ, "case", err);

    memset(out, 0, sizeof *out);
    if (rc != AC_OK) {
        return rc;
    }
    op.object_id = id;
    rc = aci_store_case_load(hub->store, id, a, &c, err);
    if (rc == AC_OK) {
        if (!aci_case_visible(hub, actor, &c)) {
            op.denied = true;
            op.deny_reason = "neither the lead agency nor a member of the case";
            rc = AC_ENOTFOUND;
        }
    }
    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "case '%s' not found", id);
    }
    if (rc == AC_OK) {
        out->id = c.id;
        out->lead_agency_id = c.lead_agency_id;
        out->type = c.type;
        out->state = c.state;
        out->title = c.title;
        rc = aci_store_case_members(hub->store, id, a, &out->members, &out->n_members, err);
    }
    return aci_op_end(&op, rc, err);
}
