/* SPDX-License-Identifier: Apache-2.0
 *
 * person_edit.c - keeping person records right (person_edit.h): edit against the version
 * read, keeping the replaced version with who, when and why, and the history of a record.
 * Each call runs in one operation frame (op.c); the edit is audited with the versions,
 * never the content.
 */
#include "internal.h"

#include "accord/person_edit.h"
#include "accord/text.h"
#include "hub/hub_int.h"
#include "hub/hub_person.h"
#include "hub/hub_subject.h"
#include "store/store.h"
#include "store/store_person.h"

#define REASON_MAX 500

/* Load person ID as the resource of OP (the policy then asks about its agency). */
static ac_code
find_person(struct aci_op *op, const char *id, ac_person **out, ac_error *err)
{
    ac_person *p = ac_arena_zalloc(op->scratch, sizeof *p);
    ac_code rc = p != NULL ? aci_store_person_load(op->store, id, op->scratch, p, err)
                           : aci_fail(err, AC_ENOMEM, "out of memory");

    op->object_id = id;
    op->res.type = "person";
    op->res.agency_id = rc == AC_OK ? p->agency_id : NULL;
    *out = rc == AC_OK ? p : NULL;
    return rc == AC_ENOTFOUND ? aci_fail(err, AC_ENOTFOUND, "person '%s' not found", id) : rc;
}

/* ---- edit ---- */

struct edit_args {
    const char *id;
    int64_t expected;
    const ac_person *in;
    const char *reason;
    ac_person *old;  /* found */
    int64_t version; /* out */
};

static ac_code
edit_find(struct aci_op *op, void *args, ac_error *err)
{
    struct edit_args *x = args;

    return find_person(op, x->id, &x->old, err);
}

static ac_code
check_reason(const char *reason, ac_error *err)
{
    size_t n = reason != NULL ? strlen(reason) : 0;
    bool blank = true;

    for (size_t i = 0; i < n && blank; i++) {
        blank = reason[i] == ' ' || reason[i] == '\t' || reason[i] == '\n';
    }
    if (blank) {
        return aci_fail(err, AC_EINVAL,
                        "reason: say why the record changes (e.g. --reason 'date of birth "
                        "confirmed from passport'); it is kept with the version replaced");
    }
    if (n > REASON_MAX || !ac_utf8_valid_str(reason)) {
        return aci_fail(err, AC_EINVAL, "reason: at most %d bytes of UTF-8", REASON_MAX);
    }
    return AC_OK;
}

static ac_code
edit_body(struct aci_op *op, void *args, ac_error *err)
{
    struct edit_args *x = args;
    ac_date today = aci_hub_today(op->hub);
    char *snapshot = NULL;
    const char *id = NULL, *now;
    ac_code rc;

    if (x->old->merged_into != NULL) {
        return aci_fail(err, AC_ECONFLICT,
                        "person '%s' is merged into '%s': edit that record, or unmerge first",
                        x->id, x->old->merged_into);
    }
    if (x->expected != x->old->version) {
        return aci_fail(err, AC_ECONFLICT,
                        "person '%s' is at version %lld, not %lld: read it again and redo the "
                        "edit",
                        x->id, (long long)x->old->version, (long long)x->expected);
    }
    rc = check_reason(x->reason, err); /* the identifiers are checked by aci_person_write */
    if (rc == AC_OK) {
        rc = ac_person_to_json(x->old, op->scratch, &snapshot, err);
    }
    now = rc == AC_OK ? aci_hub_now_text(op->hub, op->scratch) : NULL;
    if (rc == AC_OK && now == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory editing a person");
    }
    if (rc == AC_OK) {
        rc = aci_store_person_version_add(op->store, x->id, x->old->version, snapshot,
                                          op->actor->user_id, now, x->reason, err);
    }
    if (rc == AC_OK) {
        rc = aci_person_write(op->hub, op->actor, x->old, x->in, &today, op->scratch, &id, NULL,
                              err);
    }
    x->version = x->old->version + 1;
    op->detail = ac_arena_printf(op->scratch, "version %lld -> %lld", (long long)x->old->version,
                                 (long long)x->version);
    return rc;
}

static const struct aci_op_desc edit_op = {
    ACI_ACT_UPDATE, "person", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, edit_find, edit_body,
};

ac_code
ac_person_edit(ac_hub *hub,
               const ac_actor *actor,
               const char *purpose,
               const char *id,
               int64_t expected_version,
               const ac_person *in,
               const char *reason,
               int64_t *out_version,
               ac_error *err)
{
    struct edit_args x = { id, expected_version, in, reason, NULL, 0 };
    ac_code rc = aci_op_run(&edit_op, hub, actor, purpose, &x, err);

    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "person '%s' not found", id);
    }
    *out_version = rc == AC_OK ? x.version : 0;
    return rc;
}

/* ---- history ---- */

struct history_args {
    const char *id;
    ac_arena *a;
    ac_person *p;
    ac_person_version *list; /* out */
    size_t n;
};

static ac_code
history_find(struct aci_op *op, void *args, ac_error *err)
{
    struct history_args *x = args;

    return find_person(op, x->id, &x->p, err);
}

static ac_code
history_body(struct aci_op *op, void *args, ac_error *err)
{
    struct history_args *x = args;

    return aci_store_person_versions(op->store, x->id, x->a, &x->list, &x->n, err);
}

static const struct aci_op_desc history_op = {
    ACI_ACT_READ, "person", ACI_PURPOSE_REQUIRED, ACI_OP_READ, history_find, history_body,
};

ac_code
ac_person_history(ac_hub *hub,
                  const ac_actor *actor,
                  const char *purpose,
                  const char *id,
                  ac_arena *a,
                  ac_person_version **out,
                  size_t *out_n,
                  ac_error *err)
{
    struct history_args x = { id, a, NULL, NULL, 0 };
    ac_code rc = aci_op_run(&history_op, hub, actor, purpose, &x, err);

    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "person '%s' not found", id);
    }
    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

/* ---- merge and unmerge ---- */

/* A merge is a join in the subject index, and an unmerge takes it away: both records are
 * resolved again (subject.c), in the same transaction. */
static ac_code
resolve_both(struct aci_op *op, const char *x, const char *y, ac_error *err)
{
    ac_code rc =
        aci_subject_resolve(op->hub, op->store, op->actor, x, false, op->scratch, NULL, NULL, err);

    return rc == AC_OK ? aci_subject_resolve(op->hub, op->store, op->actor, y, false, op->scratch,
                                             NULL, NULL, err)
                       : rc;
}

struct merge_args {
    const char *survivor_id;
    const char *other_id;
    const char *reason;
    ac_person *survivor, *other; /* found */
};

static ac_code
merge_find(struct aci_op *op, void *args, ac_error *err)
{
    struct merge_args *x = args;

    return find_person(op, x->survivor_id, &x->survivor, err);
}

static ac_code
merge_body(struct aci_op *op, void *args, ac_error *err)
{
    struct merge_args *x = args;
    struct aci_resource res = { "person", NULL };
    const char *id, *now;
    ac_code rc = check_reason(x->reason, err);

    op->detail = ac_arena_printf(op->scratch, "merged %s into %s", x->other_id, x->survivor_id);
    if (rc == AC_OK && strcmp(x->survivor_id, x->other_id) == 0) {
        rc = aci_fail(err, AC_EINVAL, "other: a record cannot be merged with itself");
    }
    if (rc == AC_OK) {
        x->other = ac_arena_zalloc(op->scratch, sizeof *x->other);
        rc = x->other != NULL
                 ? aci_store_person_load(op->store, x->other_id, op->scratch, x->other, err)
                 : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (rc == AC_OK) {
        /* the other record must be the actor's agency's too: one agency's records only */
        res.agency_id = x->other->agency_id;
        rc = aci_op_allow(op, &res, err);
    }
    if (rc == AC_ENOTFOUND) {
        return aci_fail(err, AC_ENOTFOUND, "other: person '%s' not found", x->other_id);
    }
    if (rc == AC_OK && x->survivor->merged_into != NULL) {
        rc = aci_fail(err, AC_ECONFLICT,
                      "person '%s' is itself merged into '%s': merge into that record",
                      x->survivor_id, x->survivor->merged_into);
    }
    id = rc == AC_OK ? aci_hub_new_id(op->hub, op->scratch) : NULL;
    now = rc == AC_OK ? aci_hub_now_text(op->hub, op->scratch) : NULL;
    if (rc == AC_OK && (id == NULL || now == NULL)) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory merging");
    }
    if (rc == AC_OK) {
        rc = aci_store_person_merge(op->store, id, x->survivor_id, x->other_id, op->actor->user_id,
                                    now, x->reason, err);
    }
    return rc == AC_OK ? resolve_both(op, x->survivor_id, x->other_id, err) : rc;
}

static const struct aci_op_desc merge_op = {
    ACI_ACT_UPDATE, "person", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, merge_find, merge_body,
};

ac_code
ac_person_merge(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                const char *survivor_id,
                const char *other_id,
                const char *reason,
                ac_error *err)
{
    struct merge_args x = { survivor_id, other_id, reason, NULL, NULL };

    return aci_op_run(&merge_op, hub, actor, purpose, &x, err);
}

struct unmerge_args {
    const char *id;
    const char *reason;
    ac_person *p; /* found */
};

static ac_code
unmerge_find(struct aci_op *op, void *args, ac_error *err)
{
    struct unmerge_args *x = args;

    return find_person(op, x->id, &x->p, err);
}

static ac_code
unmerge_body(struct aci_op *op, void *args, ac_error *err)
{
    struct unmerge_args *x = args;
    const char *survivor = NULL, *now = aci_hub_now_text(op->hub, op->scratch);
    ac_code rc = check_reason(x->reason, err);

    if (rc == AC_OK && now == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory unmerging");
    }
    if (rc == AC_OK) {
        rc = aci_store_person_unmerge(op->store, x->id, op->actor->user_id, now, op->scratch,
                                      &survivor, err);
    }
    if (rc == AC_OK) {
        rc = resolve_both(op, survivor, x->id, err);
    }
    op->detail = ac_arena_printf(op->scratch, "unmerged %s from %s", x->id,
                                 survivor != NULL ? survivor : "-");
    return rc;
}

static const struct aci_op_desc unmerge_op = {
    ACI_ACT_UPDATE, "person", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, unmerge_find, unmerge_body,
};

ac_code
ac_person_unmerge(ac_hub *hub,
                  const ac_actor *actor,
                  const char *purpose,
                  const char *merged_id,
                  const char *reason,
                  ac_error *err)
{
    struct unmerge_args x = { merged_id, reason, NULL };

    return aci_op_run(&unmerge_op, hub, actor, purpose, &x, err);
}
