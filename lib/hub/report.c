/* SPDX-License-Identifier: Apache-2.0
 *
 * report.c - hub calls on suspicious-purchase reports (include/accord/report.h).  A
 * submission is validated, classified under the regime in force, stored, screened and,
 * when it calls for one, turned into an alert - all in one operation frame, audited once.
 */
#include "internal.h"

#include <stdio.h>

#include "accord/report.h"
#include "hub/hub_alert.h"
#include "hub/hub_int.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_report.h"

#define PAGE_MAX   100
#define DETAIL_MAX 160
#define REF_SUFFIX 10 /* of the id's random part: 50 bits, so a clash is vanishingly rare */

/* "SPR-YYYYMMDD-XXXXXXXXXX": the receipt a reporter quotes. */
static const char *
make_reference(ac_arena *a, const char *created_at, const char *id)
{
    char ref[40];
    size_t n = strlen(id);

    snprintf(ref, sizeof ref, "SPR-%.4s%.2s%.2s-%s", created_at, created_at + 5, created_at + 8,
             id + (n > REF_SUFFIX ? n - REF_SUFFIX : 0));
    return ac_arena_strdup(a, ref);
}

static ac_code
classify(ac_hub *hub, ac_report *r, ac_arena *a, ac_error *err)
{
    const ac_regime *regime = NULL;
    ac_regime_result res;
    ac_code rc = aci_hub_regime(hub, &regime, err);

    if (rc == AC_OK) {
        rc = ac_regime_classify(regime, r->substance, r->concentration, a, &res, err);
    }
    if (rc != AC_OK) {
        aci_error_prefix(err, "substance: ");
        return rc;
    }
    r->regime_class = res.cls;
    r->regime_reason = res.reason;
    if (r->concentration < 0 && res.concentration >= 0) {
        r->concentration = res.concentration; /* read from the name: "H2O2 35%" */
    }
    return AC_OK;
}

#define NATIONAL_LINE "the Anti-Terrorist Hotline, 0800 789 321 (999 in an emergency)"

/* The receipt's word on the statutory report (Poisons Act 1972 s.3C). */
static const char *
statutory_report(const ac_hub *hub, ac_arena *a)
{
    if (hub->designated) {
        return "this partnership is designated to receive reports under the Poisons Act 1972 "
               "s.3C: this report is the statutory report";
    }
    return ac_arena_printf(a,
                           "this is not the statutory report: within 24 hours of finding out, "
                           "report it to %s (Poisons Act 1972 s.3C)",
                           hub->report_line != NULL ? hub->report_line : NATIONAL_LINE);
}

/* A report is made, and read, within the actor's own agency. */
static ac_code
own_agency_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res.type = "report";
    op->res.agency_id = op->actor->agency_id;
    return AC_OK;
}

/* ---- submit ---- */

struct submit_args {
    ac_arena *a;
    ac_report *out; /* prepared by the caller; completed here */
};

static ac_code
submit_body(struct aci_op *op, void *args, ac_error *err)
{
    struct submit_args *x = args;
    ac_report *out = x->out;
    ac_arena *a = x->a;
    const char *alert_id = NULL;
    size_t n_told = 0;
    char *detail = NULL;
    ac_code rc;

    out->id = aci_hub_new_id(op->hub, a);
    out->created_at = aci_hub_now_text(op->hub, a);
    out->agency_id = op->actor->agency_id;
    out->reported_by = op->actor->user_id;
    out->reference = out->id != NULL && out->created_at != NULL
                         ? make_reference(a, out->created_at, out->id)
                         : NULL;
    op->object_id = out->id;
    out->late = aci_report_late(out);
    out->statutory_report = statutory_report(op->hub, a);
    rc = out->reference != NULL && out->statutory_report != NULL
             ? classify(op->hub, out, a, err)
             : aci_fail(err, AC_ENOMEM, "out of memory");
    if (rc == AC_OK) {
        rc = aci_store_report_insert(op->store, out, err);
    }
    if (rc == AC_OK) {
        rc = aci_alert_raise(op->hub, out, a, &alert_id, &n_told, err);
    }
    if (rc == AC_OK) {
        detail = ac_arena_alloc(op->scratch, DETAIL_MAX);
        if (detail != NULL) {
            snprintf(detail, DETAIL_MAX, "%s; %s%s; alert %s; %zu holder%s told",
                     ac_report_kind_str(out->kind), ac_regime_class_str(out->regime_class),
                     out->late ? "; late" : "", alert_id != NULL ? alert_id : "none", n_told,
                     n_told == 1 ? "" : "s");
        }
        op->detail = detail;
    }
    return rc;
}

static const struct aci_op_desc submit_op = {
    ACI_ACT_REPORT, "report", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, own_agency_find, submit_body,
};

ac_code
ac_report_submit(ac_hub *hub,
                 const ac_actor *actor,
                 const char *purpose,
                 const ac_report *in,
                 ac_arena *a,
                 ac_report *out,
                 ac_error *err)
{
    struct submit_args x = { a, out };
    ac_code rc;

    memset(out, 0, sizeof *out);
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    rc = aci_report_prepare(in, aci_hub_now_ms(hub), a, out, err);
    if (rc == AC_OK) {
        rc = aci_op_run(&submit_op, hub, actor, purpose, &x, err);
    }
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
    }
    return rc;
}

/* ---- get ---- */

struct get_args {
    const char *id;
    ac_arena *a;
    ac_report *out;
};

static ac_code
get_find(struct aci_op *op, void *args, ac_error *err)
{
    struct get_args *x = args;
    ac_code rc = aci_store_report_load(op->store, x->id, x->a, x->out, err);

    op->object_id = x->id;
    op->res.type = "report";
    op->res.agency_id = rc == AC_OK ? x->out->agency_id : NULL;
    x->out->late = rc == AC_OK && aci_report_late(x->out);
    return rc;
}

static const struct aci_op_desc get_op = {
    ACI_ACT_REPORT_READ, "report", ACI_PURPOSE_REQUIRED, ACI_OP_READ, get_find, NULL,
};

ac_code
ac_report_get(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const char *id,
              ac_arena *a,
              ac_report *out,
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

/* ---- list ---- */

struct list_args {
    const char *after;
    size_t limit;
    ac_arena *a;
    ac_report *list; /* out */
    size_t n;
};

static ac_code
list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct list_args *x = args;
    ac_code rc = aci_store_report_page(op->store, op->actor->agency_id, x->after,
                                       x->limit == 0 || x->limit > PAGE_MAX ? PAGE_MAX : x->limit,
                                       x->a, &x->list, &x->n, err);

    op->detail = ac_arena_printf(op->scratch, "%zu reports", x->n);
    for (size_t i = 0; rc == AC_OK && i < x->n; i++) {
        x->list[i].late = aci_report_late(&x->list[i]);
        rc = aci_op_returned(op, x->list[i].id, err); /* who-accessed finds each report */
    }
    return rc;
}

static const struct aci_op_desc list_op = {
    ACI_ACT_REPORT_READ, "report", ACI_PURPOSE_REQUIRED, ACI_OP_READ, own_agency_find, list_body,
};

ac_code
ac_report_list(ac_hub *hub,
               const ac_actor *actor,
               const char *purpose,
               const char *after,
               size_t limit,
               ac_arena *a,
               ac_report **out,
               size_t *out_n,
               ac_error *err)
{
    struct list_args x = { after, limit, a, NULL, 0 };
    ac_code rc = aci_op_run(&list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}
