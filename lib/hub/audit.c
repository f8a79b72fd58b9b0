/* SPDX-License-Identifier: Apache-2.0
 *
 * audit.c - hub calls on the audit trail (include/accord/audit.h): verification,
 * checkpoints, proofs and the oversight queries, each itself an audited operation.
 */
#include "internal.h"

#include "accord/audit.h"
#include "audit/proof.h"
#include "audit/verify.h"
#include "hub/hub_int.h"
#include "store/store.h"
#include "store/store_audit.h"

static const struct aci_resource audit_res = { "audit", NULL };

ac_code
ac_audit_verify(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                ac_audit_report *out,
                ac_error *err)
{
    struct aci_op op;
    char detail[128];
    ac_code rc;

    memset(out, 0, sizeof *out);
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_OPTIONAL, ACI_ACT_AUDIT_READ, "audit",
                      err);
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_allow(&op, &audit_res, err);
    if (rc == AC_OK) {
        rc = aci_audit_verify(hub->store, out, err);
        snprintf(detail, sizeof detail, "verify: %llu entries, %llu checkpoints, first bad %llu",
                 (unsigned long long)out->entries, (unsigned long long)out->checkpoints,
                 (unsigned long long)out->first_bad);
        op.detail = detail;
    }
    return aci_op_end(&op, rc, err);
}

ac_code
ac_audit_verify_unaudited(ac_hub *hub, ac_audit_report *out, ac_error *err)
{
    ac_code rc;

    memset(out, 0, sizeof *out);
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    rc = aci_store_begin(hub->store, err);
    if (rc == AC_OK) {
        rc = aci_audit_verify(hub->store, out, err);
        aci_store_rollback(hub->store); /* read only */
    }
    return rc;
}

ac_code
ac_audit_checkpoint_now(ac_hub *hub,
                        const ac_actor *actor,
                        const char *purpose,
                        uint64_t *out_size,
                        ac_error *err)
{
    struct aci_op op;
    char at[AC_TIME_TEXT_MAX];
    ac_code rc;

    *out_size = 0;
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_OPTIONAL, ACI_ACT_AUDIT_SIGN, "audit",
                      err);
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_allow(&op, &audit_res, err);
    if (rc == AC_OK) {
        rc = aci_audit_checkpoint(hub->store, &hub->key, ac_time_format(aci_hub_now_ms(hub), at),
                                  out_size, err);
        op.detail = "checkpoint";
    }
    return aci_op_end(&op, rc, err);
}

ac_code
ac_audit_public_key(ac_hub *hub, ac_arena *a, char **out, ac_error *err)
{
    char hex[65];

    *out = NULL;
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    aci_hex_encode(hub->key.pk, sizeof hub->key.pk, hex);
    *out = ac_arena_strdup(a, hex);
    return *out != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
}

ac_code
ac_audit_prove(ac_hub *hub,
               const ac_actor *actor,
               const char *purpose,
               uint64_t seq,
               ac_arena *a,
               char **out_json,
               ac_error *err)
{
    struct aci_op op;
    char at[AC_TIME_TEXT_MAX];
    uint64_t size = 0;
    ac_code rc;

    *out_json = NULL;
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_OPTIONAL, ACI_ACT_AUDIT_READ, "audit",
                      err);
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_allow(&op, &audit_res, err);
    if (rc == AC_OK && aci_store_audit_checkpoint_covering(hub->store, seq) == 0) {
        /* the entry is newer than every checkpoint: sign one now */
        rc = aci_audit_checkpoint(hub->store, &hub->key, ac_time_format(aci_hub_now_ms(hub), at),
                                  &size, err);
    }
    if (rc == AC_OK) {
        rc = aci_audit_prove_inclusion(hub->store, seq, a, out_json, err);
        op.detail = ac_arena_printf(a, "inclusion proof of entry %llu", (unsigned long long)seq);
    }
    rc = aci_op_end(&op, rc, err);
    if (rc != AC_OK) {
        *out_json = NULL;
    }
    return rc;
}

ac_code
ac_audit_consistency(ac_hub *hub,
                     const ac_actor *actor,
                     const char *purpose,
                     uint64_t old_size,
                     uint64_t new_size,
                     ac_arena *a,
                     char **out_json,
                     ac_error *err)
{
    struct aci_op op;
    ac_code rc;

    *out_json = NULL;
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_OPTIONAL, ACI_ACT_AUDIT_READ, "audit",
                      err);
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_allow(&op, &audit_res, err);
    if (rc == AC_OK) {
        rc = aci_audit_prove_consistency(hub->store, old_size, new_size, a, out_json, err);
        op.detail = ac_arena_printf(a, "consistency proof %llu..%llu", (unsigned long long)old_size,
                                    (unsigned long long)new_size);
    }
    rc = aci_op_end(&op, rc, err);
    if (rc != AC_OK) {
        *out_json = NULL;
    }
    return rc;
}

/* TEXT (an RFC 3339 time or a day) as the log's canonical time text in BUF. */
static ac_code
canonical_time(const char *text, const char *field, char buf[AC_TIME_TEXT_MAX + 16], ac_error *err)
{
    int64_t ms;
    ac_date day;

    /* times are stored as canonical text (milliseconds, Z): compare like with like */
    if (text == NULL) {
        return AC_OK;
    }
    if (ac_time_parse(text, &ms, NULL) == AC_OK) {
        ac_time_format(ms, buf);
        return AC_OK;
    }
    if (ac_date_parse(text, &day, NULL) == AC_OK && day.precision == AC_DATE_DAY) {
        char d[AC_DATE_TEXT_MAX];

        snprintf(buf, AC_TIME_TEXT_MAX + 16, "%sT00:00:00.000Z", ac_date_format(&day, d));
        return AC_OK;
    }
    return aci_fail(err, AC_EINVAL, "%s: expected a date (2026-03-01) or an RFC 3339 time", field);
}

ac_code
ac_audit_query_run(ac_hub *hub,
                   const ac_actor *actor,
                   const char *purpose,
                   const ac_audit_query *q,
                   ac_audit_entry_fn fn,
                   void *ctx,
                   uint64_t *out_n,
                   ac_error *err)
{
    struct aci_op op;
    ac_audit_query canon = *q;
    char detail[160], since[AC_TIME_TEXT_MAX + 16];
    uint64_t n = 0;
    ac_code rc;

    if (out_n != NULL) {
        *out_n = 0;
    }
    rc = canonical_time(q->since, "since", since, err);
    if (rc != AC_OK) {
        return rc;
    }
    canon.since = q->since != NULL ? since : NULL;
    q = &canon;
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_AUDIT_READ, "audit",
                      err);
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_allow(&op, &audit_res, err);
    if (rc == AC_OK) {
        rc = aci_store_audit_query(hub->store, q, fn, ctx, &n, err);
    }
    snprintf(detail, sizeof detail, "query object=%s user=%s since=%s: %llu entries",
             q->object_id ? q->object_id : "", q->username ? q->username : "",
             q->since ? q->since : "", (unsigned long long)n);
    op.detail = detail;
    op.object_id = q->object_id;
    rc = aci_op_end(&op, rc, err);
    if (out_n != NULL && rc == AC_OK) {
        *out_n = n;
    }
    return rc;
}

ac_code
ac_audit_checkpoint_sizes(ac_hub *hub,
                          const ac_actor *actor,
                          const char *purpose,
                          ac_arena *a,
                          uint64_t **out,
                          size_t *out_n,
                          ac_error *err)
{
    struct aci_op op;
    uint64_t *list = NULL;
    size_t n = 0;
    ac_code rc;

    *out = NULL;
    *out_n = 0;
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_OPTIONAL, ACI_ACT_AUDIT_READ, "audit",
                      err);
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_allow(&op, &audit_res, err);
    if (rc == AC_OK) {
        rc = aci_store_audit_checkpoint_sizes(hub->store, a, &list, &n, err);
    }
    op.detail = "list checkpoints";
    rc = aci_op_end(&op, rc, err);
    if (rc == AC_OK) {
        *out = list;
        *out_n = n;
    }
    return rc;
}

ac_code
ac_audit_oversight(ac_hub *hub,
                   const ac_actor *actor,
                   const char *purpose,
                   const char *since,
                   const char *until,
                   ac_arena *a,
                   ac_oversight_row **out,
                   size_t *out_n,
                   ac_error *err)
{
    struct aci_op op;
    char from[AC_TIME_TEXT_MAX + 16], to[AC_TIME_TEXT_MAX + 16];
    ac_code rc = canonical_time(since, "since", from, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = canonical_time(until, "until", to, err);
    }
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_AUDIT_READ, "audit",
                      err);
    if (rc == AC_OK) {
        rc = aci_op_allow(&op, &audit_res, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_audit_oversight(hub->store, since != NULL ? from : NULL,
                                       until != NULL ? to : NULL, a, out, out_n, err);
        op.detail = ac_arena_printf(a, "oversight report since=%s until=%s", since ? from : "",
                                    until ? to : "");
    }
    return aci_op_end(&op, rc, err);
}
