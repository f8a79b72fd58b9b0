/* SPDX-License-Identifier: Apache-2.0
 *
 * store_audit.c - SQL for the audit log's rows, its tree's frontier and its signing keys
 * (store_audit.h).  The caller holds the transaction; nothing here hashes or signs.
 */
#include "internal.h"

#include <stdio.h>

#include "store/store.h"
#include "store/store_audit.h"

#define ENTRY_COL                                                                     \
    "seq, at, actor_id, agency_id, action, object_type, object_id, purpose, outcome," \
    " detail, recipients, via"

static const char sql_append[] = "INSERT INTO audit_log (" ENTRY_COL ", leaf_hash)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_set_leaf[] = "UPDATE audit_log SET leaf_hash = ? WHERE seq = ?";
static const char sql_after[] =
    "SELECT " ENTRY_COL " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 1";
static const char sql_entry[] = "SELECT " ENTRY_COL " FROM audit_log WHERE seq = ?";
static const char sql_rows[] = "SELECT " ENTRY_COL ", leaf_hash FROM audit_log ORDER BY seq";
static const char sql_leaves[] = "SELECT leaf_hash FROM audit_log WHERE seq <= ? ORDER BY seq";
static const char sql_state_get[] = "SELECT size, frontier FROM audit_state WHERE id = 1";
static const char sql_state_set[] = "UPDATE audit_state SET size = ?, frontier = ? WHERE id = 1";
static const char sql_key_add[] =
    "INSERT INTO audit_keys (key_id, public_key, created_at) VALUES (?, ?, ?)"
    " ON CONFLICT DO NOTHING";
static const char sql_key_count[] = "SELECT count(*) FROM audit_keys";
static const char sql_key_all[] = "SELECT public_key FROM audit_keys ORDER BY created_at, key_id";

ac_code
aci_store_audit_read_row(struct aci_stmt *st, ac_arena *a, struct aci_audit_entry *e)
{
    const char **fields[] = { &e->at,          &e->actor_id,   &e->agency_id, &e->action,
                              &e->object_type, &e->object_id,  &e->purpose,   &e->outcome,
                              &e->detail,      &e->recipients, &e->via };

    e->seq = aci_stmt_col_int(st, 0);
    for (size_t i = 0; i < ACI_ARRAY_LEN(fields); i++) {
        const char *t = aci_stmt_col_text(st, (int)i + 1);

        /* A NULL arena borrows the row's text: valid until the statement steps again */
        *fields[i] = t != NULL && a != NULL ? ac_arena_strdup(a, t) : t;
        if (t != NULL && *fields[i] == NULL) {
            return AC_ENOMEM;
        }
    }
    return AC_OK;
}

ac_code
aci_store_audit_append_leaf(struct aci_store *s,
                            const struct aci_audit_entry *e,
                            const char *leaf_hex,
                            ac_error *err)
{
    return aci_store_runf(s, sql_append, err,
                          "itttttttttt"
                          "tt",
                          e->seq, e->at, e->actor_id, e->agency_id, e->action, e->object_type,
                          e->object_id, e->purpose, e->outcome, e->detail, e->recipients, e->via,
                          leaf_hex);
}

ac_code
aci_store_audit_set_leaf(struct aci_store *s, int64_t seq, const char *leaf_hex, ac_error *err)
{
    return aci_store_runf(s, sql_set_leaf, err, "ti", leaf_hex, seq);
}

/* Run SQL with SEQ bound to its one parameter and read the entry it finds, if any. */
static ac_code
entry_one(struct aci_store *s,
          const char *sql,
          int64_t seq,
          ac_arena *a,
          struct aci_audit_entry *out,
          bool *found,
          ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql, &st, err);

    memset(out, 0, sizeof *out);
    *found = false;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "i", seq);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, found, err);
    }
    if (rc == AC_OK && *found) {
        rc = aci_store_audit_read_row(st, a, out);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_audit_entry_after(struct aci_store *s,
                            int64_t after_seq,
                            ac_arena *a,
                            struct aci_audit_entry *out,
                            bool *found,
                            ac_error *err)
{
    return entry_one(s, sql_after, after_seq, a, out, found, err);
}

ac_code
aci_store_audit_entry_get(struct aci_store *s,
                          uint64_t seq,
                          ac_arena *a,
                          struct aci_audit_entry *out,
                          ac_error *err)
{
    bool found = false;
    ac_code rc = entry_one(s, sql_entry, (int64_t)seq, a, out, &found, err);

    if (rc == AC_ENOMEM) {
        return aci_fail(err, AC_ENOMEM, "out of memory reading an audit entry");
    }
    if (rc == AC_OK && !found) {
        return aci_fail(err, AC_ENOTFOUND, "no audit entry %llu", (unsigned long long)seq);
    }
    return rc;
}

ac_code
aci_store_audit_entries_each(struct aci_store *s, aci_audit_row_fn fn, void *ctx, ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false;
    ac_code rc = aci_stmt_get(s, sql_rows, &st, err);

    while (rc == AC_OK && (rc = aci_stmt_step(st, &row, err)) == AC_OK && row) {
        struct aci_audit_entry e;

        memset(&e, 0, sizeof e);
        rc = aci_store_audit_read_row(st, NULL, &e);
        if (rc == AC_OK) {
            rc = fn(ctx, &e, aci_stmt_col_text(st, 12), err);
        }
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_audit_leaf_hashes(struct aci_store *s,
                            uint64_t n,
                            aci_audit_leaf_fn fn,
                            void *ctx,
                            ac_error *err)
{
    struct aci_stmt *st = NULL;
    uint64_t done = 0;
    bool row = false;
    ac_code rc = aci_stmt_get(s, sql_leaves, &st, err);

    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "i", (int64_t)n);
    }
    while (rc == AC_OK && done < n && (rc = aci_stmt_step(st, &row, err)) == AC_OK && row) {
        rc = fn(ctx, aci_stmt_col_text(st, 0), err);
        done++;
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_audit_frontier_load(struct aci_store *s,
                              uint64_t *out_size,
                              char *hex,
                              size_t hex_cap,
                              ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false;
    ac_code rc = aci_stmt_get(s, sql_state_get, &st, err);

    *out_size = 0;
    hex[0] = '\0';
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &row, err);
    }
    if (rc == AC_OK && !row) {
        rc = aci_fail(err, AC_ESTORAGE, "audit state is missing");
    }
    if (rc == AC_OK) {
        const char *t = aci_stmt_col_text(st, 1);

        *out_size = (uint64_t)aci_stmt_col_int(st, 0);
        snprintf(hex, hex_cap, "%s", t != NULL ? t : "");
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_audit_frontier_save(struct aci_store *s, uint64_t size, const char *hex, ac_error *err)
{
    return aci_store_runf(s, sql_state_set, err, "it", (int64_t)size, hex);
}

ac_code
aci_store_audit_key_add(struct aci_store *s,
                        const char *key_id,
                        const char *public_key_hex,
                        const char *created_at,
                        ac_error *err)
{
    return aci_store_runf(s, sql_key_add, err, "ttt", key_id, public_key_hex, created_at);
}

ac_code
aci_store_audit_key_count(struct aci_store *s, int64_t *out, ac_error *err)
{
    return aci_store_count(s, sql_key_count, out, err);
}

static ac_code
key_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    bool oom = false;
    const char *hex = aci_stmt_col_dup(st, 0, a, &oom);

    (void)ctx;
    *(const char **)elem = hex != NULL ? hex : "";
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_audit_keys_all(struct aci_store *s,
                         ac_arena *a,
                         char ***out,
                         size_t *out_n,
                         ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_key_all, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, key_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

/* An entry is about a record when it names it as its object, or when it lists (a search,
 * or any entry whose detail ends "N results: ids": a list, export page or deadline list,
 * any action) and names it among the ids it returned.  An empty id matches no detail. */
static const char sql_query[] =
    "SELECT l.seq, l.at, l.actor_id, u.username, l.agency_id, l.action, l.object_type,"
    " l.object_id, l.purpose, l.outcome, l.detail, l.recipients, l.via"
    " FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id"
    " WHERE (?1 IS NULL OR l.object_id = ?1 OR (length(?1) > 0 AND (l.action = 'search' OR"
    " instr(l.detail, ' results: ') > 0) AND instr(l.detail, ?1) > 0))"
    " AND (?2 IS NULL OR u.username = ?2)"
    " AND (?3 IS NULL OR l.at >= ?3) AND l.seq > ?4 ORDER BY l.seq";

ac_code
aci_store_audit_query(struct aci_store *s,
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
        const char **cols[] = { &e.at,      &e.actor_id,    &e.username,   &e.agency_id,
                                &e.action,  &e.object_type, &e.object_id,  &e.purpose,
                                &e.outcome, &e.detail,      &e.recipients, &e.via };

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
    " GROUP BY l.agency_id, g.name, l.action, l.outcome ORDER BY g.name, l.action, l.outcome";

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
aci_store_audit_oversight(struct aci_store *s,
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
