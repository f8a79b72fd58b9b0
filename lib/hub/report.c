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
    return AC_OK;
}

ac_code
ac_report_submit(ac_hub *hub,
                 const ac_actor *actor,
                 const char *purpose,
                 const ac_report *in,
                 ac_arena *a,
                 ac_report *out,
                 ac_error *err)
{
    struct aci_op op;
    struct aci_resource res = { "report", actor->agency_id };
    const char *alert_id = NULL;
    char *detail = NULL;
    ac_code rc;

    memset(out, 0, sizeof *out);
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    rc = aci_report_prepare(in, aci_hub_now_ms(hub), a, out, err);
    if (rc != AC_OK) {
        return rc;
    }
    rc =
        aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_OPTIONAL, ACI_ACT_REPORT, "report", err);
    if (rc == AC_OK) {
        rc = aci_op_allow(&op, &res, err);
    }
    if (rc == AC_OK) {
        out->id = aci_hub_new_id(hub, a);
        out->created_at = aci_hub_now_text(hub, a);
        out->agency_id = actor->agency_id;
        out->reported_by = actor->user_id;
        out->reference = out->id != NULL && out->created_at != NULL
                             ? make_reference(a, out->created_at, out->id)
                             : NULL;
        op.object_id = out->id;
        rc = out->reference != NULL ? classify(hub, out, a, err)
                                    : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (rc == AC_OK) {
        rc = aci_store_report_insert(hub->store, out, err);
    }
    if (rc == AC_OK) {
        rc = aci_alert_raise(hub, out, a, &alert_id, err);
    }
    if (rc == AC_OK) {
        detail = ac_arena_alloc(a, DETAIL_MAX);
        if (detail != NULL) {
            snprintf(detail, DETAIL_MAX, "%s; %s; alert %s", ac_report_kind_str(out->kind),
                     ac_regime_class_str(out->regime_class), alert_id != NULL ? alert_id : "none");
        }
        op.detail = detail;
    }
    rc = aci_op_end(&op, rc, err);
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
    }
    return rc;
}

ac_code
ac_report_get(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              const char *id,
              ac_arena *a,
              ac_report *out,
              ac_error *err)
{
    struct aci_op op;
    ac_code rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_REPORT_READ,
                              "report", err);

    memset(out, 0, sizeof *out);
    op.object_id = id;
    if (rc == AC_OK) {
        rc = aci_store_report_load(hub->store, id, a, out, err);
    }
    if (rc == AC_OK) {
        struct aci_resource res = { "report", out->agency_id };

        rc = aci_op_allow(&op, &res, err);
    }
    rc = aci_op_end(&op, rc, err);
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
    }
    return rc;
}

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
    struct aci_op op;
    struct aci_resource res = { "report", actor->agency_id };
    ac_code rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_REPORT_READ,
                              "report", err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_op_allow(&op, &res, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_report_page(hub->store, actor->agency_id, after,
                                   limit == 0 || limit > PAGE_MAX ? PAGE_MAX : limit, a, out, out_n,
                                   err);
    }
    return aci_op_end(&op, rc, err);
}
