/* SPDX-License-Identifier: Apache-2.0
 *
 * case.c - opening cases and adding their members (include/accord/item.h): membership
 * is what need-to-know means for the items bound to a case.
 */
#include "internal.h"

#include "accord/item.h"
#include "hub/hub_case_subject.h"
#include "hub/hub_int.h"
#include "workflow/workflow.h"
#include "hub/hub_item.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_case_subject.h"
#include "store/store_item.h"
#include "store/store_party.h"

#define WRITERS (AC_ROLE_ANALYST | AC_ROLE_CASEWORKER | AC_ROLE_DUTY_OFFICER)

/* ---- add ---- */

struct add_args {
    ac_case_type type;
    const char *title;
    const char *const *subjects; /* person ids */
    size_t n_subjects;
    ac_arena *a;
    const char *id; /* out */
};

static ac_code
add_body(struct aci_op *op, void *args, ac_error *err)
{
    struct add_args *x = args;
    ac_hub *hub = op->hub;
    const ac_actor *actor = op->actor;
    ac_arena *a = x->a;
    struct aci_case_row c;
    char review[AC_DATE_TEXT_MAX];
    ac_date today;
    const char *clean = NULL, *now, *workflow = NULL;
    ac_code rc = AC_OK;

    if ((actor->roles & WRITERS) == 0 || actor->vetting < AC_VETTING_BPSS) {
        op->denied = true;
        op->deny_reason = "only vetted analysts, caseworkers and duty officers open cases";
        rc = aci_fail(err, AC_EDENIED, "not allowed: %s", op->deny_reason);
    }
    if (rc == AC_OK && (unsigned)x->type >= AC_CASE_TYPE_COUNT) {
        rc = aci_fail(err, AC_EINVAL, "type: unknown case type");
    }
    if (rc == AC_OK) {
        rc = aci_clean_field(x->title, 300, "title", a, &clean, err);
    }
    if (rc == AC_OK && clean == NULL) {
        rc = aci_fail(err, AC_EINVAL, "title: a case needs a title");
    }
    if (rc != AC_OK) {
        return rc;
    }
    today = aci_hub_today(hub);
    today = ac_date_add_years(&today, ACI_REVIEW_YEARS);
    c.id = aci_hub_new_id(hub, a);
    c.lead_agency_id = actor->agency_id;
    c.type = x->type;
    c.state = "open";
    workflow = aci_workflow_of_case(ac_case_type_str(x->type));
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
        rc = aci_store_case_insert(op->store, &c, ac_date_format(&today, review), actor->user_id,
                                   now, err);
    }
    if (rc == AC_OK && workflow != NULL) {
        rc = aci_case_enter_state(hub, workflow, c.id, c.state, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_case_member_add(op->store, c.id, actor->agency_id, NULL, "lead", now, err);
    }
    for (size_t i = 0; rc == AC_OK && i < x->n_subjects; i++) {
        rc = aci_case_subject_attach(op, c.id, x->subjects[i], err);
    }
    op->object_id = c.id;
    op->detail = ac_case_type_str(x->type);
    x->id = c.id;
    return rc;
}

static const struct aci_op_desc add_op = {
    ACI_ACT_CREATE, "case", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, NULL, add_body,
};

ac_code
ac_case_add_with_subjects(ac_hub *hub,
                          const ac_actor *actor,
                          const char *purpose,
                          ac_case_type type,
                          const char *title,
                          const char *const *person_ids,
                          size_t n_subjects,
                          ac_arena *a,
                          const char **out_id,
                          ac_error *err)
{
    struct add_args x = { type, title, person_ids, n_subjects, a, NULL };
    ac_code rc = aci_op_run(&add_op, hub, actor, purpose, &x, err);

    *out_id = rc == AC_OK ? x.id : NULL;
    return rc;
}

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
    static const char *const none[1] = { NULL };

    return ac_case_add_with_subjects(hub, actor, purpose, type, title, none, 0, a, out_id, err);
}

/* ---- add a member ---- */

struct member_args {
    const char *case_id;
    const char *agency_id;
    const char *user_id;
    const char *role;
    ac_arena *a;
};

static ac_code
member_body(struct aci_op *op, void *args, ac_error *err)
{
    struct member_args *x = args;
    const ac_actor *actor = op->actor;
    struct aci_store *s = op->store;
    const char *case_id = x->case_id, *role = x->role, *user_id = x->user_id;
    ac_arena *a = x->a;
    struct aci_case_row c;
    ac_agency g;
    bool member = false;
    ac_code rc;

    op->object_id = case_id;
    rc = aci_store_case_load(s, case_id, a, &c, err);
    if (rc == AC_OK &&
        (strcmp(c.lead_agency_id, actor->agency_id) != 0 || (actor->roles & WRITERS) == 0)) {
        op->denied = true;
        op->deny_reason = "only the lead agency's writers add members";
        rc = aci_store_case_has_member(s, case_id, actor->agency_id, actor->user_id, &member, err);
        if (rc == AC_OK) {
            rc = strcmp(c.lead_agency_id, actor->agency_id) != 0 && !member
                     ? AC_ENOTFOUND
                     : aci_fail(err, AC_EDENIED, "not allowed: %s", op->deny_reason);
        }
    }
    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "case '%s' not found", case_id);
    }
    if (rc == AC_OK && strcmp(role, "member") != 0 && strcmp(role, "chair") != 0 &&
        strcmp(role, "observer") != 0) {
        rc = aci_fail(err, AC_EINVAL, "role: member, chair or observer");
    }
    if (rc == AC_OK) {
        rc = aci_store_agency_find(s, x->agency_id, a, &g, err);
        rc = rc == AC_ENOTFOUND ? aci_fail(err, AC_EINVAL, "agency: no such agency") : rc;
    }
    if (rc == AC_OK && user_id != NULL) {
        ac_user u;

        rc = aci_store_user_find(s, user_id, false, a, &u, err);
        if (rc == AC_ENOTFOUND) {
            rc = aci_store_user_find(s, user_id, true, a, &u, err);
        }
        if (rc == AC_OK && strcmp(u.agency_id, g.id) != 0) {
            rc = aci_fail(err, AC_EINVAL, "user: not a user of that agency");
        }
        user_id = rc == AC_OK ? u.id : NULL;
        rc = rc == AC_ENOTFOUND ? aci_fail(err, AC_EINVAL, "user: no such user") : rc;
    }
    if (rc == AC_OK) {
        rc = aci_store_case_member_add(s, case_id, g.id, user_id, role,
                                       aci_hub_now_text(op->hub, a), err);
        rc = rc == AC_ECONFLICT ? aci_fail(err, AC_ECONFLICT, "already a member") : rc;
        op->recipients = ac_arena_printf(op->scratch, "%s%s%s", g.id, user_id ? "/" : "",
                                         user_id ? user_id : "");
        op->detail = role;
    }
    return rc;
}

static const struct aci_op_desc member_op = {
    ACI_ACT_UPDATE, "case", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, NULL, member_body,
};

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
    struct member_args x = { case_id, agency_id, user_id, role, ac_arena_new(0) };
    ac_code rc;

    if (x.a == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_op_run(&member_op, hub, actor, purpose, &x, err);
    ac_arena_free(x.a);
    return rc;
}

/* ---- get ---- */

struct get_args {
    const char *id;
    ac_arena *a;
    ac_case *out; /* out */
};

static ac_code
get_body(struct aci_op *op, void *args, ac_error *err)
{
    struct get_args *x = args;
    const char *id = x->id;
    ac_case *out = x->out;
    struct aci_case_row c;
    bool visible = false;
    ac_code rc;

    op->object_id = id;
    rc = aci_store_case_load(op->store, id, x->a, &c, err);
    if (rc == AC_OK) {
        rc = aci_case_visible(op->store, op->actor, &c, &visible, err);
    }
    if (rc == AC_OK && !visible) {
        op->denied = true;
        op->deny_reason = "case content needs a content role, the case's vetting and membership";
        rc = AC_ENOTFOUND;
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
        rc = aci_store_case_members(op->store, id, x->a, &out->members, &out->n_members, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_case_subjects(op->store, id, x->a, &out->subjects, &out->n_subjects, err);
    }
    return rc;
}

static const struct aci_op_desc get_op = {
    ACI_ACT_READ, "case", ACI_PURPOSE_REQUIRED, ACI_OP_READ, NULL, get_body,
};

ac_code
ac_case_get(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            const char *id,
            ac_arena *a,
            ac_case *out,
            ac_error *err)
{
    struct get_args x = { id, a, out };
    ac_code rc;

    memset(out, 0, sizeof *out);
    rc = aci_op_run(&get_op, hub, actor, purpose, &x, err);
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
    }
    return rc;
}
