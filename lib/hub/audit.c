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

/* Every audit call acts on the trail as a whole. */
static ac_code
audit_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res = audit_res;
    return AC_OK;
}

/* ---- verify ---- */

static ac_code
verify_body(struct aci_op *op, void *args, ac_error *err)
{
    ac_audit_report *out = args;
    ac_code rc = aci_audit_verify(op->store, NULL, out, err);

    op->detail =
        ac_arena_printf(op->scratch, "verify: %llu entries, %llu checkpoints, first bad %llu",
                        (unsigned long long)out->entries, (unsigned long long)out->checkpoints,
                        (unsigned long long)out->first_bad);
    return rc;
}

static const struct aci_op_desc verify_op = {
    ACI_ACT_AUDIT_READ, "audit", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, audit_find, verify_body,
};

ac_code
ac_audit_verify(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                ac_audit_report *out,
                ac_error *err)
{
    ac_code rc;

    memset(out, 0, sizeof *out);
    rc = aci_op_run(&verify_op, hub, actor, purpose, out, err);
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
    }
    return rc;
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
        rc = aci_audit_verify(hub->store, NULL, out, err);
        aci_store_rollback(hub->store); /* read only */
    }
    return rc;
}

ac_code
ac_audit_verify_offline(const char *db_uri,
                        const ac_audit_verify_opts *opts,
                        ac_audit_report *out,
                        ac_error *err)
{
    unsigned char pk[32];
    struct aci_verify_opts o = { pk, opts->witness_path };
    struct aci_store *s = NULL;
    ac_code rc;

    memset(out, 0, sizeof *out);
    if (opts->public_key_hex == NULL || !aci_hex_decode(opts->public_key_hex, pk, sizeof pk)) {
        return aci_fail(err, AC_EINVAL, "the pinned public key is not 64 hex characters");
    }
    /* a reader: no migration, no key, no write; a copy of the database is enough */
    rc = aci_store_open_reader(db_uri, &s, err);
    if (rc == AC_OK) {
        rc = aci_store_begin(s, err);
    }
    if (rc == AC_OK) {
        rc = aci_audit_verify(s, &o, out, err);
        aci_store_rollback(s);
    }
    aci_store_close(s);
    return rc;
}

/* ---- checkpoint ---- */

static ac_code
checkpoint_body(struct aci_op *op, void *args, ac_error *err)
{
    uint64_t *size = args;
    char at[AC_TIME_TEXT_MAX];
    ac_code rc = aci_audit_checkpoint(op->store, &op->hub->key,
                                      ac_time_format(aci_hub_now_ms(op->hub), at), size, err);

    op->detail = "checkpoint";
    return rc;
}

/* a write: it signs and stores a checkpoint */
static const struct aci_op_desc checkpoint_op = {
    ACI_ACT_AUDIT_SIGN, "audit", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, audit_find, checkpoint_body,
};

ac_code
ac_audit_checkpoint_now(ac_hub *hub,
                        const ac_actor *actor,
                        const char *purpose,
                        uint64_t *out_size,
                        ac_error *err)
{
    uint64_t size = 0;
    ac_code rc = aci_op_run(&checkpoint_op, hub, actor, purpose, &size, err);

    *out_size = rc == AC_OK ? size : 0;
    return rc;
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

/* ---- proofs ---- */

struct prove_args {
    uint64_t seq, old_size, new_size;
    ac_arena *a;
    char *json; /* out */
};

static ac_code
prove_body(struct aci_op *op, void *args, ac_error *err)
{
    struct prove_args *x = args;
    char at[AC_TIME_TEXT_MAX];
    uint64_t size = 0;
    ac_code rc = AC_OK;

    if (aci_store_audit_checkpoint_covering(op->store, x->seq) == 0) {
        /* the entry is newer than every checkpoint: sign one now */
        rc = aci_audit_checkpoint(op->store, &op->hub->key,
                                  ac_time_format(aci_hub_now_ms(op->hub), at), &size, err);
    }
    if (rc == AC_OK) {
        rc = aci_audit_prove_inclusion(op->store, x->seq, x->a, &x->json, err);
        op->detail = ac_arena_printf(op->scratch, "inclusion proof of entry %llu",
                                     (unsigned long long)x->seq);
    }
    return rc;
}

/* a write: it may sign a checkpoint first */
static const struct aci_op_desc prove_op = {
    ACI_ACT_AUDIT_READ, "audit", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, audit_find, prove_body,
};

ac_code
ac_audit_prove(ac_hub *hub,
               const ac_actor *actor,
               const char *purpose,
               uint64_t seq,
               ac_arena *a,
               char **out_json,
               ac_error *err)
{
    struct prove_args x = { seq, 0, 0, a, NULL };
    ac_code rc = aci_op_run(&prove_op, hub, actor, purpose, &x, err);

    *out_json = rc == AC_OK ? x.json : NULL;
    return rc;
}

static ac_code
consistency_body(struct aci_op *op, void *args, ac_error *err)
{
    struct prove_args *x = args;
    ac_code rc =
        aci_audit_prove_consistency(op->store, x->old_size, x->new_size, x->a, &x->json, err);

    op->detail = ac_arena_printf(op->scratch, "consistency proof %llu..%llu",
                                 (unsigned long long)x->old_size, (unsigned long long)x->new_size);
    return rc;
}

static const struct aci_op_desc consistency_op = {
    ACI_ACT_AUDIT_READ, "audit", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, audit_find, consistency_body,
};

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
    struct prove_args x = { 0, old_size, new_size, a, NULL };
    ac_code rc = aci_op_run(&consistency_op, hub, actor, purpose, &x, err);

    *out_json = rc == AC_OK ? x.json : NULL;
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

/* ---- queries ---- */

struct query_args {
    const ac_audit_query *q; /* times canonical */
    ac_audit_entry_fn fn;
    void *ctx;
    uint64_t n; /* out */
};

static ac_code
query_body(struct aci_op *op, void *args, ac_error *err)
{
    struct query_args *x = args;
    const ac_audit_query *q = x->q;
    ac_code rc = aci_store_audit_query(op->store, q, x->fn, x->ctx, &x->n, err);

    op->detail = ac_arena_printf(op->scratch, "query object=%s user=%s since=%s: %llu entries",
                                 q->object_id ? q->object_id : "", q->username ? q->username : "",
                                 q->since ? q->since : "", (unsigned long long)x->n);
    return rc;
}

static ac_code
query_find(struct aci_op *op, void *args, ac_error *err)
{
    struct query_args *x = args;

    op->object_id = x->q->object_id;
    return audit_find(op, args, err);
}

static const struct aci_op_desc query_op = {
    ACI_ACT_AUDIT_READ, "audit", ACI_PURPOSE_REQUIRED, ACI_OP_READ, query_find, query_body,
};

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
    ac_audit_query canon = *q;
    char since[AC_TIME_TEXT_MAX + 16];
    struct query_args x = { &canon, fn, ctx, 0 };
    ac_code rc;

    if (out_n != NULL) {
        *out_n = 0;
    }
    rc = canonical_time(q->since, "since", since, err);
    if (rc != AC_OK) {
        return rc;
    }
    canon.since = q->since != NULL ? since : NULL;
    rc = aci_op_run(&query_op, hub, actor, purpose, &x, err);
    if (out_n != NULL && rc == AC_OK) {
        *out_n = x.n;
    }
    return rc;
}

struct sizes_args {
    ac_arena *a;
    uint64_t *list; /* out */
    size_t n;
};

static ac_code
sizes_body(struct aci_op *op, void *args, ac_error *err)
{
    struct sizes_args *x = args;

    op->detail = "list checkpoints";
    return aci_store_audit_checkpoint_sizes(op->store, x->a, &x->list, &x->n, err);
}

static const struct aci_op_desc sizes_op = {
    ACI_ACT_AUDIT_READ, "audit", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, audit_find, sizes_body,
};

ac_code
ac_audit_checkpoint_sizes(ac_hub *hub,
                          const ac_actor *actor,
                          const char *purpose,
                          ac_arena *a,
                          uint64_t **out,
                          size_t *out_n,
                          ac_error *err)
{
    struct sizes_args x = { a, NULL, 0 };
    ac_code rc = aci_op_run(&sizes_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

struct oversight_args {
    const char *since, *until; /* canonical, or NULL */
    ac_arena *a;
    ac_oversight_row *rows; /* out */
    size_t n;
};

static ac_code
oversight_body(struct aci_op *op, void *args, ac_error *err)
{
    struct oversight_args *x = args;
    ac_code rc =
        aci_store_audit_oversight(op->store, x->since, x->until, x->a, &x->rows, &x->n, err);

    op->detail = ac_arena_printf(op->scratch, "oversight report since=%s until=%s",
                                 x->since ? x->since : "", x->until ? x->until : "");
    return rc;
}

static const struct aci_op_desc oversight_op = {
    ACI_ACT_AUDIT_READ, "audit", ACI_PURPOSE_REQUIRED, ACI_OP_READ, audit_find, oversight_body,
};

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
    char from[AC_TIME_TEXT_MAX + 16], to[AC_TIME_TEXT_MAX + 16];
    struct oversight_args x = { since != NULL ? from : NULL, until != NULL ? to : NULL, a, NULL,
                                0 };
    ac_code rc = canonical_time(since, "since", from, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = canonical_time(until, "until", to, err);
    }
    if (rc == AC_OK && since != NULL && until != NULL && strcmp(from, to) > 0) {
        /* an empty period is a mistake, not a quiet report of nothing (issue 14.13) */
        rc = aci_fail(err, AC_EINVAL, "since: %s is after until %s: give the earlier time first",
                      since, until);
    }
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_op_run(&oversight_op, hub, actor, purpose, &x, err);
    *out = rc == AC_OK ? x.rows : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}
