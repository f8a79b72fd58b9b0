/* SPDX-License-Identifier: Apache-2.0
 *
 * migrate.h - numbered schema migrations, embedded at build time from lib/store/sql/
 * by tools/embed_sql.py, and the runner that applies the pending ones at open.
 */
#ifndef ACI_MIGRATE_H
#define ACI_MIGRATE_H

struct aci_store;

struct aci_migration {
    int version;      /* 1..N, no gaps */
    const char *name; /* file name, for messages */
    const char *sql;  /* statements separated by ';' */
};

extern const struct aci_migration aci_sqlite_migrations[];
extern const int aci_sqlite_migrations_count;
/* The same migrations in PostgreSQL's dialect (tools/embed_sql.py --postgresql). */
extern const struct aci_migration aci_pg_migrations[];
extern const int aci_pg_migrations_count;

#endif /* ACI_MIGRATE_H */
