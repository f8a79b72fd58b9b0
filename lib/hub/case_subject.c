/* SPDX-License-Identifier: Apache-2.0
 *
 * case_subject.c - the subjects of a case (include/accord/item.h, issue 15 point 7): the
 * person records a case is about.  Adding one needs the case (as for any change to it: a
 * writer who may read it) and read access to the person record; a record the actor may
 * not read is "not found", exactly as when there is none.  A case's subjects are its
 * content: ac_case_get shows them to whoever may read the case.
 */
#include "internal.h"

#include "accord/item.h"
#include "accord/person.h"
#include "hub/hub_case_subject.h"
#include "hub/hub_int.h"
#include "hub/hub_item.h"
#include "store/store.h"
#include "store/store_case_subject.h"
#include "store/store_item.h"
#include "store/store_person.h"

#define WRITERS (AC_ROLE_ANALYST | AC_ROLE_CASEWORKER | AC_ROLE_DUTY_OFFICER)

ac_code
aci_case_subject_attach(struct aci_op *op,
                        const char *case_id,
                        const char *person_id,
                        ac_error *err)
{
    ac_person p;
    struct aci_resource res = { "person", NULL };
    struct aci_decision d = { false, true, NULL };
    const char *now;
    ac_code rc = aci_store_person_load(op->store, person_id, op->scratch, &p, err);

    if (rc == AC_OK) {
        res.agency_id = p.agency_id;
        d = aci_policy_decide(op->actor, ACI_ACT_READ, &res);
    }
    if (rc == AC_ENOTFOUND || (rc == AC_OK && !d.allow)) {
        /* the reason is kept, but the op is not marked refused here: a refusal commits,
         * and a case being opened with this subject must not be (ac_case_subject_add
         * marks it, having written nothing) */
        op->deny_reason = rc == AC_OK ? d.reason : NULL;
        return aci_fail(err, AC_ENOTFOUND,
                        "subjects: person '%s' not found: a subject must be a person record "
                        "you may read",
                        person_id);
    }
    now = rc == AC_OK ? aci_hub_now_text(op->hub, op->scratch) : NULL;
    if (rc == AC_OK && now == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory adding a subject");
    }
    if (rc == AC_OK) {
        rc = aci_store_case_subject_add(op->store, case_id, p.id, op->actor->user_id, now, err);
    }
    return rc;
}

/* ---- add a subject to a case ---- */

struct subject_args {
    const char *case_id;
    const char *person_id;
};

static ac_code
subject_body(struct aci_op *op, void *args, ac_error *err)
{
    struct subject_args *x = args;
    struct aci_case_row c;
    bool visible = false;
    ac_code rc = aci_store_case_load(op->store, x->case_id, op->scratch, &c, err);

    op->object_id = x->case_id;
    if (rc == AC_OK) {
        rc = aci_case_visible(op->store, op->actor, &c, &visible, err);
    }
    if (rc == AC_OK && !visible) {
        op->denied = true;
        op->deny_reason = "case content needs a content role, the case's vetting and membership";
        rc = AC_ENOTFOUND;
    }
    if (rc == AC_ENOTFOUND) {
        return aci_fail(err, AC_ENOTFOUND, "case '%s' not found", x->case_id);
    }
    if (rc == AC_OK && (op->actor->roles & WRITERS) == 0) {
        op->denied = true;
        op->deny_reason = "only analysts, caseworkers and duty officers change cases";
        rc = aci_fail(err, AC_EDENIED, "not allowed: %s", op->deny_reason);
    }
    if (rc == AC_OK) {
        rc = aci_case_subject_attach(op, x->case_id, x->person_id, err);
        op->denied = rc == AC_ENOTFOUND && op->deny_reason != NULL;
    }
    op->detail = ac_arena_printf(op->scratch, "subject %s", x->person_id);
    return rc;
}

static const struct aci_op_desc subject_op = {
    ACI_ACT_UPDATE, "case", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, NULL, subject_body,
};

ac_code
ac_case_subject_add(ac_hub *hub,
                    const ac_actor *actor,
                    const char *purpose,
                    const char *case_id,
                    const char *person_id,
                    ac_error *err)
{
    struct subject_args x = { case_id, person_id };

    return aci_op_run(&subject_op, hub, actor, purpose, &x, err);
}
