/* SPDX-License-Identifier: Apache-2.0
 *
 * query.c - reading the audit log for oversight: entries about a record or by a user,
 * and the list of signed checkpoints (query.h).
 */
#include "internal.h"

#include "audit/query.h"
#include "store/store.h"

static const char sql_query[] =
    "SELECT l.seq, l.at, l.actor_id, u.username, l.agency_id, l.action, l.object_type,"
    " l.object_id, l.purpose, l.outcome, l.detail, l.recipients"
    " FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id"
    " WHERE (?1 IS NULL OR l.object_id = ?1 OR (l.action = 'search' AND"
    " instr(l.detail, ?1) > 0)) AND (?2 IS NULL OR u.username = ?2)"
    " AND (?3 IS NULL OR l.at >= ?3) AND l.seq > ?4 ORDER BY l.seq";

ac_code
aci_audit_query(struct aci_store *s,
                const ac_audit_query *q,
                ac_audit_entry_fn fn,
                void *ctx,
                uint64_t *out_n,
                ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false;
    ac_code rc = aci_stmt_get(s, sql_query, &st, err);

    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "ttti", q->object_id, q->username, q->since,
                            (int64_t)q->after_seq);
    }
    while (rc == AC_OK && (rc = aci_stmt_step(st, &row, err)) == AC_OK && row) {
        ac_audit_entry e;
        const char **cols[] = { &e.at,      &e.actor_id,    &e.username,  &e.agency_id,
                                &e.action,  &e.object_type, &e.object_id, &e.purpose,
                                &e.outcome, &e.detail,      &e.recipients };

        e.seq = (uint64_t)aci_stmt_col_int(st, 0);
        for (size_t i = 0; i < ACI_ARRAY_LEN(cols); i++) {
            *cols[i] = aci_stmt_col_text(st, (int)i + 1);
        }
        ++*out_n;
        if (fn(ctx, &e) != 0) {
            break;
        }
    }
    aci_stmt_done(st);
    return rc;
}

static const char sql_oversight[] =
    "SELECT l.agency_id, g.name, l.action, l.outcome, count(*)"
    " FROM audit_log l LEFT JOIN agencies g ON g.id = l.agency_id"
    " WHERE (?1 IS NULL OR l.at >= ?1) AND (?2 IS NULL OR l.at < ?2)"
    " GROUP BY l.agency_id, l.action, l.outcome ORDER BY g.name, l.action, l.outcome";

static ac_code
oversight_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_oversight_row *r = elem;
    bool oom = false;

    (void)ctx;
    r->agency_id = aci_stmt_col_dup(st, 0, a, &oom);
    r->agency_name = aci_stmt_col_dup(st, 1, a, &oom);
    r->action = aci_stmt_col_dup(st, 2, a, &oom);
    r->outcome = aci_stmt_col_dup(st, 3, a, &oom);
    r->count = (uint64_t)aci_stmt_col_int(st, 4);
    return oom ? aci_fail(err, AC_ENOMEM, "out of memory reading the report") : AC_OK;
}

ac_code
aci_audit_oversight(struct aci_store *s,
                    const char *since,
                    const char *until,
                    ac_arena *a,
                    ac_oversight_row **out,
                    size_t *out_n,
                    ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_oversight, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "tt", since, until);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, oversight_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

static const char sql_sizes[] = "SELECT tree_size FROM audit_checkpoints ORDER BY tree_size";

static ac_code
size_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    (void)a;
    (void)ctx;
    (void)err;
    *(uint64_t *)elem = (uint64_t)aci_stmt_col_int(st, 0);
    return AC_OK;
}

ac_code
aci_audit_checkpoint_list(struct aci_store *s,
                          ac_arena *a,
                          uint64_t **out,
                          size_t *out_n,
                          ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_sizes, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, size_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}
