/* SPDX-License-Identifier: Apache-2.0
 *
 * support.h - helpers for the unit tests: a hub in memory with a fixed clock and seed,
 * a bootstrapped partnership with one user per role, temporary files.
 */
#ifndef TEST_SUPPORT_H
#define TEST_SUPPORT_H

#include <setjmp.h> /* cmocka needs these first */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "accord/accord.h"

/* 2026-03-01T12:00:00Z: the clock every test hub runs on. */
#define TEST_NOW_MS 1772366400000LL

/* The clock of test hubs; tests may move it (reset by test_hub_new). */
extern int64_t test_clock_ms;

/* When set, test_hub_new calls it on the configuration before opening (a test's own
 * settings, such as ac_hub_config_set_report_line); reset to NULL by test_hub_new. */
extern void (*test_hub_configure)(ac_hub_config *cfg);

/* A small partnership: two agencies (CTU, council) and users of several roles. */
struct test_hub {
    ac_hub *hub;
    ac_arena *a;
    const ac_actor *admin;         /* CTU admin (the hub's: CTU hosts it), no content role */
    const ac_actor *admin2;        /* a second CTU admin, who approves the first one's grants */
    const ac_actor *council_admin; /* the council's admin, appointed by the hub's */
    const ac_actor *analyst;       /* CTU analyst, SC */
    const ac_actor *auditor;       /* CTU auditor */
    const ac_actor *council;       /* council caseworker, BPSS */
    const ac_actor *unvetted;      /* council analyst with no vetting */
    const char *ctu_id;            /* agency ids */
    const char *council_id;
    char path[256]; /* database file, "" for :memory: and PostgreSQL */
    char pg_db[64]; /* the PostgreSQL database of its own, "" on SQLite */
};

/* Open a fresh hub (in memory when ON_DISK is 0) and add the partnership.
 *
 * With ACCORD_TEST_DB set to a PostgreSQL URI prefix ("postgresql:///", the server named
 * by libpq's PGHOST and PGPORT; scripts/test_pg.sh sets all three), every hub is instead a
 * database of its own on that server, made by the backend and dropped by test_hub_free,
 * whatever ON_DISK says: the same tests run on both backends. */
struct test_hub *test_hub_new(int on_disk);
void test_hub_free(struct test_hub *t);

/* Add a user of AGENCY (admin acts) and sign them in. */
const ac_actor *test_add_user(struct test_hub *t,
                              const char *name,
                              const char *agency,
                              unsigned roles,
                              ac_vetting v);

/* The integer SQL (a literal: statements are cached by address) reads from T's store, such
 * as a "SELECT count(*) ..."; fails the test when the query fails. */
int64_t test_store_count(struct test_hub *t, const char *sql);

/* Count rows of a table through the hub's stats (admin). */
int64_t test_count_persons(struct test_hub *t);
/* Audit entries so far (admin's stats; its own entry is not counted). */
int64_t test_count_audit(struct test_hub *t);

/* Remove the database file PATH and what the hub keeps beside it (-wal, -shm, .key,
 * .witness); a missing file is no error. */
void test_unlink_db(const char *path);

/* Write TEXT to a new temporary file; returns its path (static buffer per slot 0..3).
 * The files are removed when the test process exits. */
const char *test_write_file(int slot, const char *text, size_t len);

/* Add a simple person (given, family, dob text or NULL) as ACTOR; returns its id in T->a. */
const char *test_add_person(struct test_hub *t,
                            const ac_actor *actor,
                            const char *given,
                            const char *family,
                            const char *dob);

#endif /* TEST_SUPPORT_H */
