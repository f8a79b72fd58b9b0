/* SPDX-License-Identifier: Apache-2.0
 *
 * store_sqlite.c - the embedded SQLite backend: WAL journal, foreign keys, a busy
 * timeout, statements prepared once per connection and cached by their SQL's address.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/migrate.h"
#include "store/store.h"

#define BUSY_TIMEOUT_MS 5000

struct sq_stmt {
    struct aci_stmt_base base; /* must be first */
    sqlite3_stmt *st;          /* owned; finalized at close */
    const char *sql;           /* cache key: the caller's string literal */
};

struct sq_store {
    struct aci_store base;  /* must be first */
    sqlite3 *db;            /* owned connection */
    bool reader;            /* read-only: deferred transactions, query_only */
    struct sq_stmt **cache; /* open-addressed by sql pointer; NULL = empty slot */
    size_t cache_cap;       /* power of two */
    size_t cache_n;         /* occupied slots, <= cache_cap / 2 */
};

static ac_code
db_fail(struct sq_store *s, ac_error *err, const char *what)
{
    int code = sqlite3_extended_errcode(s->db);
    ac_code rc = AC_ESTORAGE;

    if ((code & 0xff) == SQLITE_CONSTRAINT) {
        rc = AC_ECONFLICT;
    } else if ((code & 0xff) == SQLITE_NOMEM) {
        rc = AC_ENOMEM;
    }
    return aci_fail(err, rc, "%s: %s", what, sqlite3_errmsg(s->db));
}

static void
sq_close(struct aci_store *base)
{
    struct sq_store *s = (struct sq_store *)base;

    for (size_t i = 0; i < s->cache_cap; i++) {
        if (s->cache[i] != NULL) {
            sqlite3_finalize(s->cache[i]->st);
            aci_free(s->cache[i]);
        }
    }
    aci_free(s->cache);
    sqlite3_close(s->db);
    aci_free(s);
}

static ac_code
sq_exec(struct aci_store *base, const char *sql, ac_error *err)
{
    struct sq_store *s = (struct sq_store *)base;

    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        return db_fail(s, err, "statement failed");
    }
    return AC_OK;
}

static ac_code
sq_begin(struct aci_store *base, ac_error *err)
{
    return sq_exec(base, ((struct sq_store *)base)->reader ? "BEGIN" : "BEGIN IMMEDIATE", err);
}

static ac_code
sq_commit(struct aci_store *base, ac_error *err)
{
    return sq_exec(base, "COMMIT", err);
}

static void
sq_rollback(struct aci_store *base)
{
    struct sq_store *s = (struct sq_store *)base;

    if (!sqlite3_get_autocommit(s->db)) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
}

static size_t
slot_of(const struct sq_store *s, const char *sql)
{
    uintptr_t h = (uintptr_t)sql;

    h ^= h >> 17;
    h *= 0x9e3779b97f4a7c15ull;
    return (size_t)(h >> 20) & (s->cache_cap - 1);
}

static ac_code
cache_grow(struct sq_store *s, ac_error *err)
{
    size_t old_cap = s->cache_cap, cap = old_cap ? old_cap * 2 : 64;
    struct sq_stmt **old = s->cache, **fresh = aci_calloc(cap, sizeof *fresh);

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

static ac_code
sq_prepare(struct aci_store *base, const char *sql, struct aci_stmt **out, ac_error *err)
{
    struct sq_store *s = (struct sq_store *)base;
    struct sq_stmt *st;
    size_t j;

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
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->st, NULL) != SQLITE_OK) {
        aci_free(st);
        return db_fail(s, err, "cannot prepare statement");
    }
    st->base.store = base;
    st->sql = sql;
    s->cache[j] = st;
    s->cache_n++;
    *out = (struct aci_stmt *)st;
    return AC_OK;
}

static ac_code
bind_result(struct sq_stmt *st, int rc, ac_error *err)
{
    if (rc != SQLITE_OK) {
        return db_fail((struct sq_store *)st->base.store, err, "cannot bind parameter");
    }
    return AC_OK;
}

static ac_code
sq_bind_text(struct aci_stmt *base, int idx, const char *v, ac_error *err)
{
    struct sq_stmt *st = (struct sq_stmt *)base;

    return bind_result(st, sqlite3_bind_text(st->st, idx, v, -1, SQLITE_STATIC), err);
}

static ac_code
sq_bind_int64(struct aci_stmt *base, int idx, int64_t v, ac_error *err)
{
    struct sq_stmt *st = (struct sq_stmt *)base;

    return bind_result(st, sqlite3_bind_int64(st->st, idx, v), err);
}

static ac_code
sq_bind_null(struct aci_stmt *base, int idx, ac_error *err)
{
    struct sq_stmt *st = (struct sq_stmt *)base;

    return bind_result(st, sqlite3_bind_null(st->st, idx), err);
}

static ac_code
sq_step(struct aci_stmt *base, bool *has_row, ac_error *err)
{
    struct sq_stmt *st = (struct sq_stmt *)base;
    int rc = sqlite3_step(st->st);

    *has_row = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
        return AC_OK;
    }
    return db_fail((struct sq_store *)st->base.store, err, "statement failed");
}

static const char *
sq_column_text(struct aci_stmt *base, int col)
{
    return (const char *)sqlite3_column_text(((struct sq_stmt *)base)->st, col);
}

static int64_t
sq_column_int64(struct aci_stmt *base, int col)
{
    return sqlite3_column_int64(((struct sq_stmt *)base)->st, col);
}

static void
sq_reset(struct aci_stmt *base)
{
    struct sq_stmt *st = (struct sq_stmt *)base;

    sqlite3_reset(st->st);
    sqlite3_clear_bindings(st->st);
}

static int64_t
sq_changes(struct aci_store *base)
{
    return sqlite3_changes64(((struct sq_store *)base)->db);
}

#define CACHE_KIB      65536  /* page cache: 64 MiB */
#define BULK_CACHE_KIB 524288 /* during bulk loads: 512 MiB */

static void
sq_bulk(struct aci_store *base, bool on)
{
    struct sq_store *s = (struct sq_store *)base;
    char sql[64];

    snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", on ? BULK_CACHE_KIB : CACHE_KIB);
    sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

static void
sq_durable(struct aci_store *base, bool on)
{
    sqlite3_exec(((struct sq_store *)base)->db,
                 on ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL", NULL, NULL,
                 NULL);
}

static const char pragmas[] = "PRAGMA foreign_keys = ON;"
                              "PRAGMA synchronous = NORMAL;"
                              "PRAGMA temp_store = MEMORY;"
                              "PRAGMA cache_size = -65536;"; /* CACHE_KIB */

/* The database holds every agency's records: only its owner may read it.  A new file is
 * made 0600 before SQLite opens it (its -wal and -shm files copy that mode), and an
 * existing one that group or others can read or write is refused, with the fix.  Files
 * SUFFIX ("", "-wal", "-shm") beside PATH. */
static ac_code
private_file(const char *path, const char *suffix, bool create, ac_error *err)
{
    char name[4096];
    struct stat st;
    int fd;

    if ((size_t)snprintf(name, sizeof name, "%s%s", path, suffix) >= sizeof name) {
        return aci_fail(err, AC_EINVAL, "database path too long");
    }
    if (stat(name, &st) == 0) {
        if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
            return aci_fail(err, AC_EDENIED, "'%s' can be read by other accounts: chmod 600 %s",
                            name, name);
        }
        return AC_OK;
    }
    if (errno != ENOENT || !create || suffix[0] != '\0') {
        return AC_OK; /* SQLite says what is wrong, or makes it from the database's mode */
    }
    fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) {
        return aci_fail(err, AC_ESTORAGE, "cannot create database '%s': %s", name, strerror(errno));
    }
    if (fd >= 0) {
        close(fd); /* empty: SQLite takes an empty file for a new database */
    }
    return AC_OK;
}

static ac_code
open_db(const char *path, bool create, bool reader, struct aci_store **out, ac_error *err)
{
    struct sq_store *s;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    bool in_memory = strcmp(path, ":memory:") == 0;
    ac_code rc;

    *out = NULL;
    s = aci_calloc(1, sizeof *s);
    if (s == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory opening the database");
    }
    s->base.ops = &aci_store_sqlite_ops;
    s->reader = reader;
    if (!in_memory && strncmp(path, "file:", 5) != 0) {
        rc = private_file(path, "", create, err);
        if (rc == AC_OK) {
            rc = private_file(path, "-wal", false, err);
        }
        if (rc == AC_OK) {
            rc = private_file(path, "-shm", false, err);
        }
        if (rc != AC_OK) {
            aci_free(s);
            return rc;
        }
    }
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        rc =
            s->db == NULL || create
                ? aci_fail(err, AC_ESTORAGE, "cannot open database '%s': %s", path,
                           s->db ? sqlite3_errmsg(s->db) : "out of memory")
                : aci_fail(err, AC_ENOTFOUND,
                           "no database at '%s': run 'accord init' (or 'accord demo') first", path);
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    if (reader) {
        /* the writer made the database WAL and migrated it; this connection only reads */
        rc = sq_exec(&s->base, pragmas, err);
        if (rc == AC_OK) {
            rc = sq_exec(&s->base, "PRAGMA query_only = 1", err);
        }
    } else {
        rc = sq_exec(&s->base,
                     in_memory ? "PRAGMA journal_mode = MEMORY" : "PRAGMA journal_mode = WAL", err);
        if (rc == AC_OK) {
            rc = sq_exec(&s->base, pragmas, err);
        }
        if (rc == AC_OK) {
            rc = aci_store_migrate(&s->base, aci_sqlite_migrations, aci_sqlite_migrations_count,
                                   err);
        }
    }
    if (rc != AC_OK) {
        goto fail;
    }
    *out = &s->base;
    return AC_OK;
fail:
    sq_close(&s->base);
    return rc;
}

static ac_code
sq_open(const char *path, bool create, struct aci_store **out, ac_error *err)
{
    return open_db(path, create, false, out, err);
}

static ac_code
sq_open_reader(const char *path, struct aci_store **out, ac_error *err)
{
    return open_db(path, false, true, out, err);
}

const struct aci_store_ops aci_store_sqlite_ops = {
    .version = 2,
    .name = "sqlite",
    .close = sq_close,
    .exec = sq_exec,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .prepare = sq_prepare,
    .bind_text = sq_bind_text,
    .bind_int64 = sq_bind_int64,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .column_text = sq_column_text,
    .column_int64 = sq_column_int64,
    .reset = sq_reset,
    .changes = sq_changes,
    .bulk = sq_bulk,
    .durable = sq_durable,
    .open = sq_open,
    .open_reader = sq_open_reader,
};

#ifdef ACCORD_TEST
static uint64_t
fnv1a(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * 0x100000001b3ULL;
    }
    return h;
}

/* Fold every row of TABLE into *H; SQLite's error code. */
static int
digest_table(sqlite3 *db, const char *table, uint64_t *h)
{
    char *sql = sqlite3_mprintf("SELECT * FROM \"%w\"", table);
    sqlite3_stmt *st = NULL;
    int rc = sql != NULL ? sqlite3_prepare_v2(db, sql, -1, &st, NULL) : SQLITE_NOMEM;

    sqlite3_free(sql);
    *h = fnv1a(*h, table, strlen(table) + 1);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            unsigned char type = (unsigned char)sqlite3_column_type(st, c);
            const void *v = sqlite3_column_blob(st, c);

            *h = fnv1a(*h, &type, 1);
            *h = fnv1a(*h, v != NULL ? v : "", (size_t)sqlite3_column_bytes(st, c));
        }
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

ac_code
aci_store_digest(struct aci_store *base, uint64_t *out, ac_error *err)
{
    struct sq_store *s = (struct sq_store *)base;
    sqlite3_stmt *st = NULL;
    uint64_t h = 0xcbf29ce484222325ULL;
    int rc;

    if (base->ops != &aci_store_sqlite_ops) {
        return aci_fail(err, AC_EINVAL, "a digest needs the SQLite backend");
    }
    rc = sqlite3_prepare_v2(
        s->db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = digest_table(s->db, (const char *)sqlite3_column_text(st, 0), &h);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE && rc != SQLITE_OK) {
        return db_fail(s, err, "digest");
    }
    *out = h;
    return AC_OK;
}
#endif
