/* SPDX-License-Identifier: Apache-2.0
 *
 * store_pg.c - the PostgreSQL backend (libpq): one connection per store, statements
 * prepared on the server once per connection and cached by their SQL's address, '?'
 * parameters translated to $n, every value sent and read as text.
 *
 * A statement is prepared at its first step, when its parameters are bound: an integer
 * parameter is declared int8, the others are left for the server to infer from where they
 * stand (a text column, a json function), so one statement serves every caller.
 *
 * Errors in class 23 (integrity constraint: unique, foreign key, check, not null) are
 * AC_ECONFLICT, as SQLite's SQLITE_CONSTRAINT is.  Messages carry only the server's
 * primary message, never its DETAIL (which quotes the key values of the row).
 */
#include "internal.h"

#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/migrate.h"
#include "store/store.h"

#define INT8_OID 20
#define TEXT_OID 25

struct pg_stmt {
    struct aci_stmt_base base; /* must be first */
    const char *sql;           /* cache key: the caller's string literal */
    char *text;                /* SQL with $n placeholders; owned */
    char name[24];             /* server-side name of the prepared statement */
    bool prepared;             /* prepared on the server */
    int n_params;              /* the highest parameter number in SQL */
    const char **values;       /* [n_params]: bound text, NULL for SQL NULL */
    char (*ints)[24];          /* [n_params]: the text of bound integers */
    bool *is_int;              /* [n_params] */
    PGresult *res;             /* the result being read; NULL before the first step */
    int row;                   /* the current row of RES, -1 before the first */
};

struct pg_store {
    struct aci_store base;  /* must be first */
    PGconn *conn;           /* owned connection */
    bool reader;            /* read-only snapshots */
    int64_t changes;        /* rows changed by the last statement */
    unsigned next_name;     /* the next prepared statement's number */
    struct pg_stmt **cache; /* open-addressed by sql pointer; NULL = empty slot */
    size_t cache_cap;       /* power of two */
    size_t cache_n;         /* occupied slots, <= cache_cap / 2 */
};

static ac_code
result_fail(PGresult *res, PGconn *conn, ac_error *err, const char *what)
{
    const char *state = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res != NULL ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    ac_code rc = AC_ESTORAGE;

    if (state != NULL && strncmp(state, "23", 2) == 0) {
        rc = AC_ECONFLICT;
    } else if (state != NULL && strcmp(state, "53200") == 0) {
        rc = AC_ENOMEM;
    }
    if (msg == NULL) {
        msg = PQerrorMessage(conn);
    }
    return aci_fail(err, rc, "%s: %s", what, msg != NULL && msg[0] != '\0' ? msg : "no message");
}

/* Run SQL (one or more statements, no parameters) and check it finished. */
static ac_code
run_simple(struct pg_store *s, const char *sql, ac_error *err, const char *what)
{
    PGresult *res = PQexec(s->conn, sql);
    ExecStatusType st = PQresultStatus(res);
    ac_code rc = AC_OK;

    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        rc = result_fail(res, s->conn, err, what);
    } else {
        s->changes = strtoll(PQcmdTuples(res), NULL, 10);
    }
    PQclear(res);
    return rc;
}

static void
stmt_free(struct pg_stmt *st)
{
    PQclear(st->res);
    aci_free(st->text);
    aci_free(st->values);
    aci_free(st->ints);
    aci_free(st->is_int);
    aci_free(st);
}

static void
pg_close(struct aci_store *base)
{
    struct pg_store *s = (struct pg_store *)base;

    for (size_t i = 0; i < s->cache_cap; i++) {
        if (s->cache[i] != NULL) {
            stmt_free(s->cache[i]);
        }
    }
    aci_free(s->cache);
    PQfinish(s->conn);
    aci_free(s);
}

static ac_code
pg_exec(struct aci_store *base, const char *sql, ac_error *err)
{
    return run_simple((struct pg_store *)base, sql, err, "statement failed");
}

static ac_code
pg_begin(struct aci_store *base, ac_error *err)
{
    struct pg_store *s = (struct pg_store *)base;

    /* a reader's transaction is one snapshot, as SQLite's WAL readers are */
    return pg_exec(base, s->reader ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN",
                   err);
}

static ac_code
pg_commit(struct aci_store *base, ac_error *err)
{
    struct pg_store *s = (struct pg_store *)base;
    PGresult *res;
    ac_code rc = AC_OK;

    /* COMMIT of a failed transaction "succeeds" as a ROLLBACK: that is a failure here */
    if (PQtransactionStatus(s->conn) == PQTRANS_INERROR) {
        return aci_fail(err, AC_ESTORAGE, "commit failed: the transaction had an error");
    }
    res = PQexec(s->conn, "COMMIT");
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        rc = result_fail(res, s->conn, err, "commit failed");
    } else if (strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
        rc = aci_fail(err, AC_ESTORAGE, "commit failed: the transaction was rolled back");
    }
    PQclear(res);
    return rc;
}

static void
pg_rollback(struct aci_store *base)
{
    struct pg_store *s = (struct pg_store *)base;

    if (PQtransactionStatus(s->conn) != PQTRANS_IDLE) {
        PQclear(PQexec(s->conn, "ROLLBACK"));
    }
}

static size_t
slot_of(const struct pg_store *s, const char *sql)
{
    uintptr_t h = (uintptr_t)sql;

    h ^= h >> 17;
    h *= 0x9e3779b97f4a7c15ull;
    return (size_t)(h >> 20) & (s->cache_cap - 1);
}

static ac_code
cache_grow(struct pg_store *s, ac_error *err)
{
    size_t old_cap = s->cache_cap, cap = old_cap ? old_cap * 2 : 64;
    struct pg_stmt **old = s->cache, **fresh = aci_calloc(cap, sizeof *fresh);

    if (fresh == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory caching a statement");
    }
    s->cache = fresh;
    s->cache_cap = cap;
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i] != NULL) {
            size_t j = slot_of(s, old[i]->sql);

            while (fresh[j] != NULL) {
                j = (j + 1) & (cap - 1);
            }
            fresh[j] = old[i];
        }
    }
    aci_free(old);
    return AC_OK;
}

/* The dialect, in one place: SQLite's names for the few functions PostgreSQL names
 * otherwise, rewritten where they start a word outside quotes.  json_each over an array of
 * strings reads as json_array_elements_text (both call the element "value"); a table's
 * rowid (insertion order) as its ctid. */
static const struct rewrite {
    const char *from, *to;
} rewrites[] = {
    { "instr(", "strpos(" },
    { "json_each(", "json_array_elements_text(" },
    { "rowid", "ctid" },
};

static const struct rewrite *
rewrite_at(const char *sql, const char *c)
{
    if (c > sql && (isalnum((unsigned char)c[-1]) || c[-1] == '_')) {
        return NULL;
    }
    for (size_t i = 0; i < ACI_ARRAY_LEN(rewrites); i++) {
        size_t n = strlen(rewrites[i].from);
        bool word = isalnum((unsigned char)rewrites[i].from[n - 1]); /* "rowid", not "instr(" */

        if (strncmp(c, rewrites[i].from, n) == 0 &&
            (!word || (!isalnum((unsigned char)c[n]) && c[n] != '_'))) {
            return &rewrites[i];
        }
    }
    return NULL;
}

/* SQL with SQLite's placeholders ('?', '?NNN') as PostgreSQL's ($n): a bare '?' is one
 * more than the highest number so far, as in SQLite.  Quoted strings and identifiers are
 * copied as they are.  *N_PARAMS is the highest number. */
static char *
translate(const char *sql, int *n_params)
{
    size_t cap = strlen(sql) * 4 + 1; /* "?" becomes at most "$NNN", a name at most 4x */
    char *out = aci_malloc(cap);
    char *o = out;
    int max = 0;
    char quote = 0;
    const struct rewrite *rw;

    if (out == NULL) {
        return NULL;
    }
    for (const char *c = sql; *c != '\0'; c++) {
        if (quote == 0 && (rw = rewrite_at(sql, c)) != NULL) {
            o += snprintf(o, cap - (size_t)(o - out), "%s", rw->to);
            c += strlen(rw->from) - 1;
        } else if (quote != 0) {
            quote = *c == quote ? 0 : quote;
            *o++ = *c;
        } else if (*c == '\'' || *c == '"') {
            quote = *c;
            *o++ = *c;
        } else if (*c == '?') {
            int n = 0;

            while (c[1] >= '0' && c[1] <= '9') {
                n = n * 10 + (*++c - '0');
            }
            if (n == 0) {
                n = max + 1;
            }
            max = n > max ? n : max;
            o += snprintf(o, cap - (size_t)(o - out), "$%d", n);
        } else {
            *o++ = *c;
        }
    }
    *o = '\0';
    *n_params = max;
    return out;
}

static ac_code
pg_prepare(struct aci_store *base, const char *sql, struct aci_stmt **out, ac_error *err)
{
    struct pg_store *s = (struct pg_store *)base;
    struct pg_stmt *st;
    size_t j, n;

    if (s->cache_n * 2 >= s->cache_cap && cache_grow(s, err) != AC_OK) {
        return AC_ENOMEM;
    }
    for (j = slot_of(s, sql); s->cache[j] != NULL; j = (j + 1) & (s->cache_cap - 1)) {
        if (s->cache[j]->sql == sql) {
            *out = (struct aci_stmt *)s->cache[j];
            return AC_OK;
        }
    }
    st = aci_calloc(1, sizeof *st);
    if (st == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory preparing a statement");
    }
    st->text = translate(sql, &st->n_params);
    n = st->n_params > 0 ? (size_t)st->n_params : 1;
    st->values = aci_calloc(n, sizeof *st->values);
    st->ints = aci_calloc(n, sizeof *st->ints);
    st->is_int = aci_calloc(n, sizeof *st->is_int);
    if (st->text == NULL || st->values == NULL || st->ints == NULL || st->is_int == NULL) {
        stmt_free(st);
        return aci_fail(err, AC_ENOMEM, "out of memory preparing a statement");
    }
    st->base.store = base;
    st->sql = sql;
    st->row = -1;
    snprintf(st->name, sizeof st->name, "aci_%u", s->next_name++);
    s->cache[j] = st;
    s->cache_n++;
    *out = (struct aci_stmt *)st;
    return AC_OK;
}

static ac_code
param_of(struct pg_stmt *st, int idx, ac_error *err)
{
    if (idx < 1 || idx > st->n_params) {
        return aci_fail(err, AC_EMISUSE, "cannot bind parameter %d: the statement has %d", idx,
                        st->n_params);
    }
    return AC_OK;
}

static ac_code
pg_bind_text(struct aci_stmt *base, int idx, const char *v, ac_error *err)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    ac_code rc = param_of(st, idx, err);

    if (rc == AC_OK) {
        st->values[idx - 1] = v;
        st->is_int[idx - 1] = false;
    }
    return rc;
}

static ac_code
pg_bind_int64(struct aci_stmt *base, int idx, int64_t v, ac_error *err)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    ac_code rc = param_of(st, idx, err);

    if (rc == AC_OK) {
        snprintf(st->ints[idx - 1], sizeof st->ints[idx - 1], "%lld", (long long)v);
        st->values[idx - 1] = st->ints[idx - 1];
        st->is_int[idx - 1] = true;
    }
    return rc;
}

static ac_code
pg_bind_null(struct aci_stmt *base, int idx, ac_error *err)
{
    return pg_bind_text(base, idx, NULL, err);
}

static ac_code
server_prepare(struct pg_store *s, struct pg_stmt *st, ac_error *err)
{
    Oid types[100] = { 0 };
    int n = st->n_params;
    PGresult *res = NULL;
    ac_code rc = AC_OK;
    bool in_tx;

    if (n > (int)ACI_ARRAY_LEN(types)) {
        return aci_fail(err, AC_EMISUSE, "a statement has %d parameters: at most %d", n,
                        (int)ACI_ARRAY_LEN(types));
    }
    for (int i = 0; i < n; i++) {
        types[i] = st->is_int[i] ? INT8_OID : 0;
    }
    /* A parameter whose type nothing around it says ("?1 IS NULL OR ...", "SELECT ?1")
     * is refused as indeterminate (42P18 or 42P08, naming it): it is text, as SQLite would take
     * it, and the statement is prepared again; at most once per parameter. */
    in_tx = PQtransactionStatus(s->conn) == PQTRANS_INTRANS;
    for (int tries = 0; tries <= n; tries++) {
        const char *state, *msg, *at;
        int p;

        /* a failed prepare dooms the transaction it is in: try it in a savepoint (once per
         * statement and connection; a prepared statement outlives any rollback) */
        if (in_tx) {
            PQclear(PQexec(s->conn, "SAVEPOINT aci_prepare"));
        }
        res = PQprepare(s->conn, st->name, st->text, n, types);
        if (in_tx) {
            if (PQresultStatus(res) != PGRES_COMMAND_OK) {
                PQclear(PQexec(s->conn, "ROLLBACK TO SAVEPOINT aci_prepare"));
            }
            PQclear(PQexec(s->conn, "RELEASE SAVEPOINT aci_prepare"));
        }
        if (PQresultStatus(res) == PGRES_COMMAND_OK) {
            st->prepared = true;
            break;
        }
        state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
        at = msg != NULL ? strchr(msg, '$') : NULL;
        p = at != NULL ? (int)strtol(at + 1, NULL, 10) : 0;
        if (state == NULL || (strcmp(state, "42P18") != 0 && strcmp(state, "42P08") != 0) ||
            p < 1 || p > n || types[p - 1] != 0) {
            break;
        }
        types[p - 1] = TEXT_OID;
        PQclear(res);
        res = NULL;
    }
    if (!st->prepared) {
        rc = result_fail(res, s->conn, err, "cannot prepare statement");
    }
    PQclear(res);
    return rc;
}

static ac_code
pg_step(struct aci_stmt *base, bool *has_row, ac_error *err)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    struct pg_store *s = (struct pg_store *)st->base.store;
    ExecStatusType status;
    ac_code rc;

    *has_row = false;
    if (st->res == NULL) {
        if (!st->prepared && (rc = server_prepare(s, st, err)) != AC_OK) {
            return rc;
        }
        st->res = PQexecPrepared(s->conn, st->name, st->n_params, st->values, NULL, NULL, 0);
        status = PQresultStatus(st->res);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            rc = result_fail(st->res, s->conn, err, "statement failed");
            PQclear(st->res);
            st->res = NULL;
            return rc;
        }
        s->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
        st->row = -1;
    }
    if (st->row + 1 < PQntuples(st->res)) {
        st->row++;
        *has_row = true;
    }
    return AC_OK;
}

static const char *
pg_column_text(struct aci_stmt *base, int col)
{
    struct pg_stmt *st = (struct pg_stmt *)base;

    if (st->res == NULL || st->row < 0 || col >= PQnfields(st->res) ||
        PQgetisnull(st->res, st->row, col)) {
        return NULL;
    }
    return PQgetvalue(st->res, st->row, col);
}

static int64_t
pg_column_int64(struct aci_stmt *base, int col)
{
    const char *t = pg_column_text(base, col);

    if (t == NULL) {
        return 0;
    }
    if (strcmp(t, "t") == 0 || strcmp(t, "f") == 0) {
        return t[0] == 't'; /* a boolean expression, which SQLite gives as 1 or 0 */
    }
    return strtoll(t, NULL, 10);
}

static void
pg_reset(struct aci_stmt *base)
{
    struct pg_stmt *st = (struct pg_stmt *)base;

    PQclear(st->res);
    st->res = NULL;
    st->row = -1;
    for (int i = 0; i < st->n_params; i++) {
        st->values[i] = NULL;
    }
}

static int64_t
pg_changes(struct aci_store *base)
{
    return ((struct pg_store *)base)->changes;
}

static void
pg_bulk(struct aci_store *base, bool on)
{
    /* index builds and sorts of a bulk load get more memory meanwhile */
    PQclear(PQexec(((struct pg_store *)base)->conn,
                   on ? "SET maintenance_work_mem = '512MB'" : "RESET maintenance_work_mem"));
}

static void
pg_durable(struct aci_store *base, bool on)
{
    /* off: a commit returns before its WAL is flushed (a crash of the server's machine may
     * lose the last few), as SQLite's synchronous = NORMAL */
    PQclear(PQexec(((struct pg_store *)base)->conn,
                   on ? "SET synchronous_commit = on" : "SET synchronous_commit = off"));
}

/* The database the URI names, made when missing: connect to the server's "postgres"
 * database with the URI's other settings and CREATE DATABASE.  AC_OK when made. */
static ac_code
create_database(const char *uri, ac_error *err)
{
    PQconninfoOption *opts = PQconninfoParse(uri, NULL);
    const char *keys[] = { "dbname", "dbname", NULL };
    const char *vals[] = { uri, "postgres", NULL };
    const char *name = NULL;
    PGconn *conn;
    PGresult *res;
    char *quoted, *sql;
    ac_code rc = AC_ESTORAGE;

    for (PQconninfoOption *o = opts; o != NULL && o->keyword != NULL; o++) {
        if (strcmp(o->keyword, "dbname") == 0 && o->val != NULL && o->val[0] != '\0') {
            name = o->val;
        }
    }
    if (name == NULL) {
        PQconninfoFree(opts);
        return aci_fail(err, AC_EINVAL,
                        "the PostgreSQL URI names no database: add one, as in "
                        "postgresql://HOST/accord");
    }
    conn = PQconnectdbParams(keys, vals, 1);
    if (PQstatus(conn) == CONNECTION_OK &&
        (quoted = PQescapeIdentifier(conn, name, strlen(name)))) {
        sql = aci_malloc(strlen(quoted) + 64);
        if (sql != NULL) {
            /* template0 and the C collation: byte order, as SQLite compares text */
            snprintf(sql, strlen(quoted) + 64,
                     "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'", quoted);
            res = PQexec(conn, sql);
            rc = PQresultStatus(res) == PGRES_COMMAND_OK
                     ? AC_OK
                     : result_fail(res, conn, err, "cannot create the database");
            PQclear(res);
            aci_free(sql);
        }
        PQfreemem(quoted);
    } else {
        rc = aci_fail(err, AC_ESTORAGE, "cannot connect to PostgreSQL to create the database: %s",
                      PQerrorMessage(conn));
    }
    PQfinish(conn);
    PQconninfoFree(opts);
    return rc;
}

static ac_code
open_db(const char *uri, bool create, bool reader, struct aci_store **out, ac_error *err)
{
    struct pg_store *s;
    ac_code rc;

    *out = NULL;
    s = aci_calloc(1, sizeof *s);
    if (s == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory opening the database");
    }
    s->base.ops = &aci_store_pg_ops;
    s->reader = reader;
    s->conn = PQconnectdb(uri);
    if (PQstatus(s->conn) != CONNECTION_OK && create && !reader) {
        ac_error cerr = { 0 };

        if (create_database(uri, &cerr) == AC_OK) {
            PQfinish(s->conn);
            s->conn = PQconnectdb(uri);
        }
        ac_error_clear(&cerr);
    }
    if (PQstatus(s->conn) != CONNECTION_OK) {
        /* the URI is not quoted back: it may hold a password */
        rc = aci_fail(err, create ? AC_ESTORAGE : AC_ENOTFOUND,
                      "cannot connect to the PostgreSQL database%s: %s",
                      create ? "" : " (run 'accord init' to create it)",
                      s->conn != NULL ? PQerrorMessage(s->conn) : "out of memory");
        goto fail;
    }
    rc = pg_exec(&s->base,
                 "SET client_min_messages = warning; SET synchronous_commit = off;"
                 " SET standard_conforming_strings = on",
                 err);
    if (rc == AC_OK && reader) {
        rc = pg_exec(&s->base, "SET default_transaction_read_only = on", err);
    } else if (rc == AC_OK) {
        rc = aci_store_migrate(&s->base, aci_pg_migrations, aci_pg_migrations_count, err);
    }
    if (rc != AC_OK) {
        goto fail;
    }
    *out = &s->base;
    return AC_OK;
fail:
    pg_close(&s->base);
    return rc;
}

static ac_code
pg_open(const char *uri, bool create, struct aci_store **out, ac_error *err)
{
    return open_db(uri, create, false, out, err);
}

static ac_code
pg_open_reader(const char *uri, struct aci_store **out, ac_error *err)
{
    return open_db(uri, false, true, out, err);
}

const struct aci_store_ops aci_store_pg_ops = {
    .version = 2,
    .name = "postgresql",
    .close = pg_close,
    .exec = pg_exec,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .prepare = pg_prepare,
    .bind_text = pg_bind_text,
    .bind_int64 = pg_bind_int64,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .column_text = pg_column_text,
    .column_int64 = pg_column_int64,
    .reset = pg_reset,
    .changes = pg_changes,
    .bulk = pg_bulk,
    .durable = pg_durable,
    .open = pg_open,
    .open_reader = pg_open_reader,
};
