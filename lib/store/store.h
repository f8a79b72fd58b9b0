/* SPDX-License-Identifier: Apache-2.0
 *
 * store.h - the storage interface: a versioned table of operations (modelled on
 * SQLite's VFS) that each backend fills, and the wrappers the rest of the library calls.
 *
 * The interface is SQL statements with positional '?' parameters, written in the subset
 * both SQLite and PostgreSQL accept; a backend translates placeholders as it needs.
 * Statements are prepared once per connection and cached by their text's address, so
 * callers pass string literals.  Only store_*.c files include a database's header.
 * The store knows SQL, not policy: only the hub calls it.
 */
#ifndef ACI_STORE_H
#define ACI_STORE_H

#include "internal.h"

#include "accord/arena.h"

struct aci_store;
struct aci_stmt;

struct aci_store_ops {
    int version;      /* 2; new methods go at the end and bump this */
    const char *name; /* "sqlite" */
    void (*close)(struct aci_store *s);
    ac_code (*exec)(struct aci_store *s, const char *sql, ac_error *err);
    ac_code (*begin)(struct aci_store *s, ac_error *err);
    ac_code (*commit)(struct aci_store *s, ac_error *err);
    void (*rollback)(struct aci_store *s);
    ac_code (*prepare)(struct aci_store *s, const char *sql, struct aci_stmt **out, ac_error *err);
    ac_code (*bind_text)(struct aci_stmt *st, int idx, const char *v, ac_error *err);
    ac_code (*bind_int64)(struct aci_stmt *st, int idx, int64_t v, ac_error *err);
    ac_code (*bind_null)(struct aci_stmt *st, int idx, ac_error *err);
    /* AC_OK with *has_row; AC_ECONFLICT on a uniqueness or foreign-key violation. */
    ac_code (*step)(struct aci_stmt *st, bool *has_row, ac_error *err);
    const char *(*column_text)(struct aci_stmt *st, int col); /* NULL for SQL NULL */
    int64_t (*column_int64)(struct aci_stmt *st, int col);
    void (*reset)(struct aci_stmt *st);            /* clears bindings; statement stays cached */
    int64_t (*changes)(struct aci_store *s);       /* rows changed by the last statement */
    void (*bulk)(struct aci_store *s, bool on);    /* a bulk load starts or ends: a hint */
    void (*durable)(struct aci_store *s, bool on); /* commits wait for the disk */
    /* Open TARGET (the URI with the scheme aci_store_open matched removed); see there. */
    ac_code (*open)(const char *target, bool create, struct aci_store **out, ac_error *err);
    /* A read-only connection to TARGET, which an open writer has migrated. */
    ac_code (*open_reader)(const char *target, struct aci_store **out, ac_error *err);
};

struct aci_store {
    const struct aci_store_ops *ops; /* must be first: backends embed this */
    int in_tx;                       /* nesting depth of aci_store_begin */
};

/* The embedded SQLite backend: TARGET is a file path or ":memory:"; one connection, used by
 * one thread at a time.  Applies pragmas (WAL, foreign keys, busy timeout) at open. */
extern const struct aci_store_ops aci_store_sqlite_ops;

/* The PostgreSQL backend (libpq, store_pg.c): TARGET is the whole postgresql:// URI; one
 * connection, used by one thread at a time.  A missing database is created when CREATE. */
extern const struct aci_store_ops aci_store_pg_ops;

/* True when S speaks PostgreSQL's SQL: the one dialect switch, for the few statements
 * (json arrays) that no text serves both. */
bool aci_store_is_pg(const struct aci_store *s);

/* Open the database named by URI through its backend's operation table:
 *
 *   sqlite:PATH, or a plain PATH   SQLite (PATH may be ":memory:")
 *   postgresql://..., postgres://...   reserved for the server's PostgreSQL backend:
 *                                      AC_EINVAL until it is built
 *
 * CREATE: make the database if missing, else AC_ENOTFOUND.  Every pending migration is
 * applied.  *OUT is NULL on failure; close it with aci_store_close. */
ac_code aci_store_open(const char *uri, bool create, struct aci_store **out, ac_error *err);

/* The file that holds the database named by URI (a pointer into URI: "sqlite:" removed),
 * or NULL when it has none (":memory:", a server). */
const char *aci_store_uri_file(const char *uri);

/* A read-only connection to the database URI names, which an open writer has migrated:
 * transactions are snapshots (SQLite: WAL) that never take the write lock; any write
 * fails.  Not for ":memory:", whose writer is the only connection. */
ac_code aci_store_open_reader(const char *uri, struct aci_store **out, ac_error *err);

void aci_store_close(struct aci_store *s); /* NULL is a no-op */

/* Transactions nest: the outermost level is a transaction, inner levels savepoints, so a
 * rollback undoes only its own level and the levels inside it. */
ac_code aci_store_begin(struct aci_store *s, ac_error *err);
ac_code aci_store_commit(struct aci_store *s, ac_error *err);
void aci_store_rollback(struct aci_store *s);
/* Commit when RC is AC_OK, else roll back; returns the final code. */
ac_code aci_store_end(struct aci_store *s, ac_code rc, ac_error *err);

ac_code aci_store_exec(struct aci_store *s, const char *sql, ac_error *err);

/* A bulk load starts (ON) or ends: the backend may trade memory for speed meanwhile
 * (SQLite: a larger page cache, so the indexes being filled stay in memory). */
void aci_store_bulk(struct aci_store *s, bool on);

/* Commits return only once on disk (ON) or may trail a power cut by a little (off). */
void aci_store_durable(struct aci_store *s, bool on);

/* The single integer a SQL query such as "SELECT count(*) FROM t" returns, in *OUT (0 when
 * it returns no row). */
ac_code aci_store_count(struct aci_store *s, const char *sql, int64_t *out, ac_error *err);

/* Rows inserted, updated or deleted by the last statement run. */
int64_t aci_store_changes(struct aci_store *s);

/* A cached statement for SQL, reset and ready to bind.  Call aci_stmt_done after use. */
ac_code aci_stmt_get(struct aci_store *s, const char *sql, struct aci_stmt **out, ac_error *err);
void aci_stmt_done(struct aci_stmt *st); /* NULL is a no-op */

/* Bind helpers: NULL text binds SQL NULL. Parameters are numbered from 1.  Bound text is
 * NOT copied: it must stay valid until the statement has been stepped for the last time
 * and released with aci_stmt_done (which clears every binding). */
ac_code aci_stmt_text(struct aci_stmt *st, int idx, const char *v, ac_error *err);
ac_code aci_stmt_int(struct aci_stmt *st, int idx, int64_t v, ac_error *err);
ac_code aci_stmt_step(struct aci_stmt *st, bool *has_row, ac_error *err);
/* Bind parameters 1..N by FMT: 't' a const char * (NULL binds SQL NULL), 'i' an
 * int64_t (pass it as int64_t: the arguments are read with va_arg). */
ac_code aci_stmt_bindf(struct aci_stmt *st, ac_error *err, const char *fmt, ...);
/* Prepare SQL, bind by FMT as above, run it once. */
ac_code aci_store_runf(struct aci_store *s, const char *sql, ac_error *err, const char *fmt, ...);
/* Step a statement that returns no rows. */
ac_code aci_stmt_run(struct aci_stmt *st, ac_error *err);
const char *aci_stmt_col_text(struct aci_stmt *st, int col);
int64_t aci_stmt_col_int(struct aci_stmt *st, int col);
/* Column COL copied into A (SQL NULL stays NULL); *OOM is set when the copy fails, so a
 * missing value is never mistaken for an absent one. */
const char *aci_stmt_col_dup(struct aci_stmt *st, int col, ac_arena *a, bool *oom);
/* Column COL (decimal text) as a number, or NONE when it is SQL NULL. */
double aci_stmt_col_real(struct aci_stmt *st, int col, double none);
/* The end of a row reader: RC, or AC_ENOMEM when a copy failed (*OOM from col_dup). */
ac_code aci_row_done(ac_code rc, bool oom, ac_error *err);

/* Apply every migration in LIST[0..COUNT) above the store's version, each in its own
 * transaction.  AC_ECONFLICT when the database is newer than this program. */
struct aci_migration;
ac_code
aci_store_migrate(struct aci_store *s, const struct aci_migration *list, int count, ac_error *err);

/* Fill ELEM bytes (zeroed) from the current row of ST; strings go in A. */
typedef ac_code (
    *aci_row_fn)(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err);

/* Step ST to its end, reading each row with READ into a growing array of ELEM-byte
 * elements in A: *OUT and *OUT_N on success, NULL and 0 on failure.  The caller still
 * releases ST with aci_stmt_done. */
ac_code aci_stmt_collect(struct aci_stmt *st,
                         ac_arena *a,
                         size_t elem,
                         aci_row_fn read,
                         void *ctx,
                         void **out,
                         size_t *out_n,
                         ac_error *err);

/* Run SQL, whose one parameter ?1 is ID, and collect every row with READ into a growing
 * array of ELEM-byte elements in A: *OUT and *OUT_N (NULL and 0 on failure).  The common
 * shape of "the rows that belong to this record" (a person's names, a subject's members,
 * the holdings of the same person). */
ac_code aci_store_collect_by_id(struct aci_store *s,
                                const char *sql,
                                const char *id,
                                ac_arena *a,
                                size_t elem,
                                aci_row_fn read,
                                void **out,
                                size_t *out_n,
                                ac_error *err);

/* TEXTS[0..N) as a JSON array of strings, in A (NULL when out of memory): the one
 * parameter of a statement over many values (json_each). */
char *aci_store_json_texts(const char *const *texts, size_t n, ac_arena *a);

/* A row reader for a single text column: the element is a const char * (copied into A). */
ac_code aci_row_text(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err);

/* Run SQL with KEY bound to ?1 and read its first row into ELEM with READ.  AC_ENOTFOUND
 * ("WHAT 'KEY' not found") when there is no row. */
ac_code aci_store_load_one(struct aci_store *s,
                           const char *sql,
                           const char *key,
                           const char *what,
                           ac_arena *a,
                           aci_row_fn read,
                           void *elem,
                           ac_error *err);

#ifdef ACCORD_TEST
/* Test builds: a digest of every row of every table in S, as S's open transaction sees
 * it, so a test can tell whether anything changed.  SQLite only (AC_EINVAL elsewhere). */
ac_code aci_store_digest(struct aci_store *s, uint64_t *out, ac_error *err);
#endif

/* The schema version the store is at. */
int aci_store_schema_version(struct aci_store *s);

/* The backend's ops (for statements, which keep a pointer to their store). */
struct aci_stmt_base {
    struct aci_store *store; /* must be first in every backend's statement struct */
};

#endif /* ACI_STORE_H */
