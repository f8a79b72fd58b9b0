/* SPDX-License-Identifier: Apache-2.0
 *
 * store.c - dispatch through the backend's operation table, nested transactions, and the
 * migration runner.  Fault points let tests fail any storage
 * step.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "store/migrate.h"
#include "store/store.h"

#define OPS(st) (((struct aci_stmt_base *)(st))->store->ops)

void
aci_store_close(struct aci_store *s)
{
    if (s != NULL) {
        s->ops->close(s);
    }
}

ac_code
aci_store_exec(struct aci_store *s, const char *sql, ac_error *err)
{
    ACI_FAULT_POINT("store.exec", err);
    return s->ops->exec(s, sql, err);
}

void
aci_store_bulk(struct aci_store *s, bool on)
{
    s->ops->bulk(s, on);
}

void
aci_store_durable(struct aci_store *s, bool on)
{
    s->ops->durable(s, on);
}

int64_t
aci_store_changes(struct aci_store *s)
{
    return s->ops->changes(s);
}

/* Inner levels are savepoints "aci_N", N the depth below them: a failure inside undoes
 * only that level, so one operation's failure leaves a batch of others intact. */
static ac_code
savepoint(struct aci_store *s, const char *verb, int depth, ac_error *err)
{
    char sql[48];

    snprintf(sql, sizeof sql, "%s aci_%d", verb, depth);
    return s->ops->exec(s, sql, err);
}

ac_code
aci_store_begin(struct aci_store *s, ac_error *err)
{
    ac_code rc;

    if (s->in_tx > 0) {
        rc = savepoint(s, "SAVEPOINT", s->in_tx, err);
        s->in_tx += rc == AC_OK;
        return rc;
    }
    ACI_FAULT_POINT("store.begin", err);
    rc = s->ops->begin(s, err);
    if (rc == AC_OK) {
        s->in_tx = 1;
    }
    return rc;
}

static ac_code
commit_outermost(struct aci_store *s, ac_error *err)
{
    ACI_FAULT_POINT("store.commit", err);
    return s->ops->commit(s, err);
}

ac_code
aci_store_commit(struct aci_store *s, ac_error *err)
{
    ac_code rc;

    if (s->in_tx <= 0) {
        return aci_fail(err, AC_EMISUSE, "commit without a transaction");
    }
    if (s->in_tx > 1) {
        s->in_tx--;
        rc = savepoint(s, "RELEASE", s->in_tx, err);
        if (rc != AC_OK) {
            savepoint(s, "ROLLBACK TO", s->in_tx, NULL);
            savepoint(s, "RELEASE", s->in_tx, NULL);
        }
        return rc;
    }
    s->in_tx = 0;
    rc = commit_outermost(s, err);
    if (rc != AC_OK) {
        s->ops->rollback(s);
    }
    return rc;
}

void
aci_store_rollback(struct aci_store *s)
{
    if (s->in_tx <= 0) {
        return;
    }
    if (s->in_tx > 1) {
        s->in_tx--;
        savepoint(s, "ROLLBACK TO", s->in_tx, NULL);
        savepoint(s, "RELEASE", s->in_tx, NULL);
        return;
    }
    s->in_tx = 0;
    s->ops->rollback(s);
}

ac_code
aci_store_end(struct aci_store *s, ac_code rc, ac_error *err)
{
    if (rc == AC_OK) {
        return aci_store_commit(s, err);
    }
    aci_store_rollback(s);
    return rc;
}

ac_code
aci_stmt_get(struct aci_store *s, const char *sql, struct aci_stmt **out, ac_error *err)
{
    *out = NULL;
    ACI_FAULT_POINT("store.prepare", err);
    return s->ops->prepare(s, sql, out, err);
}

void
aci_stmt_done(struct aci_stmt *st)
{
    if (st != NULL) {
        OPS(st)->reset(st);
    }
}

ac_code
aci_stmt_text(struct aci_stmt *st, int idx, const char *v, ac_error *err)
{
    ACI_FAULT_POINT("store.bind", err);
    if (v == NULL) {
        return OPS(st)->bind_null(st, idx, err);
    }
    return OPS(st)->bind_text(st, idx, v, err);
}

ac_code
aci_stmt_int(struct aci_stmt *st, int idx, int64_t v, ac_error *err)
{
    ACI_FAULT_POINT("store.bind", err);
    return OPS(st)->bind_int64(st, idx, v, err);
}

ac_code
aci_stmt_step(struct aci_stmt *st, bool *has_row, ac_error *err)
{
    *has_row = false;
    ACI_FAULT_POINT("store.step", err);
    return OPS(st)->step(st, has_row, err);
}

ac_code
aci_stmt_run(struct aci_stmt *st, ac_error *err)
{
    bool has_row;

    return aci_stmt_step(st, &has_row, err);
}

const char *
aci_stmt_col_text(struct aci_stmt *st, int col)
{
    return OPS(st)->column_text(st, col);
}

int64_t
aci_stmt_col_int(struct aci_stmt *st, int col)
{
    return OPS(st)->column_int64(st, col);
}

double
aci_stmt_col_real(struct aci_stmt *st, int col, double none)
{
    const char *t = aci_stmt_col_text(st, col);

    return t != NULL ? strtod(t, NULL) : none;
}

ac_code
aci_row_done(ac_code rc, bool oom, ac_error *err)
{
    return rc == AC_OK && oom ? aci_fail(err, AC_ENOMEM, "out of memory reading a record") : rc;
}

const char *
aci_stmt_col_dup(struct aci_stmt *st, int col, ac_arena *a, bool *oom)
{
    const char *t = aci_stmt_col_text(st, col);
    char *c;

    if (t == NULL) {
        return NULL;
    }
    c = ac_arena_strdup(a, t);
    *oom |= c == NULL;
    return c;
}

static const char sql_create_versions[] = "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                          " version INTEGER PRIMARY KEY,"
                                          " name TEXT NOT NULL)";
static const char sql_max_version[] = "SELECT coalesce(max(version), 0) FROM schema_migrations";
static const char sql_record_version[] =
    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)";

int
aci_store_schema_version(struct aci_store *s)
{
    struct aci_stmt *st = NULL;
    bool has_row = false;
    int v = -1;

    if (aci_stmt_get(s, sql_max_version, &st, NULL) == AC_OK &&
        aci_stmt_step(st, &has_row, NULL) == AC_OK && has_row) {
        v = (int)aci_stmt_col_int(st, 0);
    }
    aci_stmt_done(st);
    return v;
}

static ac_code
apply_one(struct aci_store *s, const struct aci_migration *m, ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_store_exec(s, m->sql, err);

    if (rc != AC_OK) {
        aci_error_prefix(err, "migration '%s': ", m->name);
        return rc;
    }
    rc = aci_stmt_get(s, sql_record_version, &st, err);
    if (rc == AC_OK) {
        rc = aci_stmt_int(st, 1, m->version, err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_text(st, 2, m->name, err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_run(st, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_migrate(struct aci_store *s, const struct aci_migration *list, int count, ac_error *err)
{
    ac_code rc = aci_store_exec(s, sql_create_versions, err);
    int at;

    if (rc != AC_OK) {
        return rc;
    }
    at = aci_store_schema_version(s);
    if (at < 0) {
        return aci_fail(err, AC_ESTORAGE, "cannot read the schema version");
    }
    if (at > count) {
        return aci_fail(err, AC_ECONFLICT,
                        "database schema version %d is newer than this program's %d: "
                        "upgrade accord",
                        at, count);
    }
    for (int i = at; i < count && rc == AC_OK; i++) {
        rc = aci_store_begin(s, err);
        if (rc == AC_OK) {
            rc = aci_store_end(s, apply_one(s, &list[i], err), err);
        }
    }
    return rc;
}

ac_code
aci_stmt_bindf(struct aci_stmt *st, ac_error *err, const char *fmt, ...)
{
    va_list ap;
    ac_code rc = AC_OK;
    int idx = 1;

    va_start(ap, fmt);
    for (const char *f = fmt; rc == AC_OK && *f != '\0'; f++, idx++) {
        if (*f == 't') {
            rc = aci_stmt_text(st, idx, va_arg(ap, const char *), err);
        } else {
            rc = aci_stmt_int(st, idx, va_arg(ap, int64_t), err);
        }
    }
    va_end(ap);
    return rc;
}

ac_code
aci_store_runf(struct aci_store *s, const char *sql, ac_error *err, const char *fmt, ...)
{
    struct aci_stmt *st = NULL;
    va_list ap;
    ac_code rc = aci_stmt_get(s, sql, &st, err);
    int idx = 1;

    va_start(ap, fmt);
    for (const char *f = fmt; rc == AC_OK && *f != '\0'; f++, idx++) {
        if (*f == 't') {
            rc = aci_stmt_text(st, idx, va_arg(ap, const char *), err);
        } else {
            rc = aci_stmt_int(st, idx, va_arg(ap, int64_t), err);
        }
    }
    va_end(ap);
    if (rc == AC_OK) {
        rc = aci_stmt_run(st, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_count(struct aci_store *s, const char *sql, int64_t *out, ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool has_row = false;
    ac_code rc = aci_stmt_get(s, sql, &st, err);

    *out = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &has_row, err);
    }
    if (rc == AC_OK && has_row) {
        *out = aci_stmt_col_int(st, 0);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_stmt_collect(struct aci_stmt *st,
                 ac_arena *a,
                 size_t elem,
                 aci_row_fn read,
                 void *ctx,
                 void **out,
                 size_t *out_n,
                 ac_error *err)
{
    unsigned char *list = NULL;
    size_t n = 0, cap = 0;
    bool row = false;
    ac_code rc;

    while ((rc = aci_stmt_step(st, &row, err)) == AC_OK && row) {
        if (n == cap && (list = aci_arena_grow(a, list, n, &cap, elem)) == NULL) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory reading rows");
            break;
        }
        memset(list + n * elem, 0, elem);
        rc = read(st, a, list + n * elem, ctx, err);
        if (rc != AC_OK) {
            break;
        }
        n++;
    }
    *out = rc == AC_OK ? list : NULL;
    *out_n = rc == AC_OK ? n : 0;
    return rc;
}

ac_code
aci_store_collect_by_id(struct aci_store *s,
                        const char *sql,
                        const char *id,
                        ac_arena *a,
                        size_t elem,
                        aci_row_fn read,
                        void **out,
                        size_t *out_n,
                        ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, elem, read, NULL, out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

char *
aci_store_json_texts(const char *const *keys, size_t n, ac_arena *a)
{
    size_t len = 3;
    char *out, *o;

    for (size_t i = 0; i < n; i++) {
        len += 3 + 6 * strlen(keys[i]); /* the worst case: every byte escaped as \u00XX */
    }
    o = out = ac_arena_alloc(a, len);
    if (out == NULL) {
        return NULL;
    }
    *o++ = '[';
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            *o++ = ',';
        }
        *o++ = '"';
        for (const unsigned char *c = (const unsigned char *)keys[i]; *c != '\0'; c++) {
            if (*c == '"' || *c == '\\') {
                *o++ = '\\';
                *o++ = (char)*c;
            } else if (*c < 0x20) {
                o += snprintf(o, 7, "\\u%04x", *c);
            } else {
                *o++ = (char)*c;
            }
        }
        *o++ = '"';
    }
    *o++ = ']';
    *o = '\0';
    return out;
}

ac_code
aci_row_text(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    const char *t = aci_stmt_col_text(st, 0);
    char *copy = t != NULL ? ac_arena_strdup(a, t) : NULL;

    (void)ctx;
    *(const char **)elem = copy;
    return t == NULL || copy != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
}

ac_code
aci_store_load_one(struct aci_store *s,
                   const char *sql,
                   const char *key,
                   const char *what,
                   ac_arena *a,
                   aci_row_fn read,
                   void *elem,
                   ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false;
    ac_code rc = aci_stmt_get(s, sql, &st, err);

    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", key);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &row, err);
    }
    if (rc == AC_OK) {
        rc = row ? read(st, a, elem, NULL, err)
                 : aci_fail(err, AC_ENOTFOUND, "%s '%s' not found", what, key);
    }
    aci_stmt_done(st);
    return rc;
}
