/* SPDX-License-Identifier: Apache-2.0
 *
 * support.c - test hubs and temporary files for the unit tests (support.h).
 */
#include "support.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int64_t test_clock_ms = TEST_NOW_MS;
void (*test_hub_configure)(ac_hub_config *cfg);

static int64_t
fixed_clock(void *ctx)
{
    (void)ctx;
    return test_clock_ms;
}

/* Approve, as APPROVER, the pending grant of user NAME (if any). */
static void
approve_grant_of(struct test_hub *t, const ac_actor *approver, const char *name)
{
    ac_grant *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_grant_list(t->hub, approver, "test set-up", t->a, &list, &n, &err), AC_OK);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].username, name) == 0) {
            assert_int_equal(ac_grant_decide(t->hub, approver, "test set-up", list[i].id, 1, &err),
                             AC_OK);
        }
    }
}

/* The administrator of AGENCY: the hub's for its own agency (CTU) and the council's
 * (made with the hub); for any other agency one the hub's administrator appoints on first
 * use, "admin.<agency id>". */
static const ac_actor *
agency_admin(struct test_hub *t, const char *agency)
{
    char name[64];
    const ac_actor *actor = NULL;
    ac_error err = { 0 };
    size_t i;

    if (strcmp(agency, t->ctu_id) == 0) {
        return t->admin;
    }
    if (t->council_admin != NULL && strcmp(agency, t->council_id) == 0) {
        return t->council_admin;
    }
    snprintf(name, sizeof name, "admin.%s", agency);
    for (i = 0; name[i] != '\0'; i++) {
        name[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
    }
    if (ac_hub_actor(t->hub, name, t->a, &actor, &err) != AC_OK) {
        actor =
            test_add_user(t, ac_arena_strdup(t->a, name), agency, AC_ROLE_ADMIN, AC_VETTING_BPSS);
    }
    return actor;
}

const ac_actor *
test_add_user(struct test_hub *t,
              const char *name,
              const char *agency,
              unsigned roles,
              ac_vetting v)
{
    ac_user u = { 0 };
    const char *id = NULL;
    const ac_actor *actor = NULL;
    bool ctu = strcmp(agency, t->ctu_id) == 0;
    /* an agency's administrators add its users (the hub's add agencies' administrators);
     * a second administrator approves a content role or SC/DV vetting: the hub's second
     * administrator for CTU users, the hub's first for other agencies' */
    const ac_actor *maker = roles == AC_ROLE_ADMIN ? t->admin : agency_admin(t, agency);
    const ac_actor *approver = ctu ? t->admin2 : t->admin;
    ac_error err = { 0 };

    u.username = name;
    u.agency_id = agency;
    u.roles = roles;
    u.vetting = v;
    u.status = AC_USER_ACTIVE;
    assert_int_equal(ac_user_add(t->hub, maker, "test set-up", &u, t->a, &id, &err), AC_OK);
    if (approver != NULL) {
        approve_grant_of(t, approver, name);
    }
    assert_int_equal(ac_hub_actor(t->hub, name, t->a, &actor, &err), AC_OK);
    return actor;
}

static unsigned pg_serial; /* the next PostgreSQL test database's number */

struct test_hub *
test_hub_new(int on_disk)
{
    const char *pg = getenv("ACCORD_TEST_DB");
    struct test_hub *t = calloc(1, sizeof *t);
    ac_hub_config *cfg = ac_hub_config_new();
    ac_error err = { 0 };
    ac_agency g = { NULL, "City Council", AC_AGENCY_LOCAL_AUTHORITY, "GB", NULL };
    const char *admin_id = NULL;

    assert_non_null(t);
    assert_non_null(cfg);
    test_clock_ms = TEST_NOW_MS;
    if (pg != NULL && pg[0] != '\0') {
        char uri[512];

        snprintf(t->pg_db, sizeof t->pg_db, "accord_test_%d_%u", (int)getpid(), pg_serial++);
        snprintf(uri, sizeof uri, "%s%s", pg, t->pg_db);
        assert_int_equal(ac_hub_config_set_db_uri(cfg, uri, &err), AC_OK);
    } else {
        if (on_disk) {
            snprintf(t->path, sizeof t->path, "/tmp/accord-test-%d-%p.db", (int)getpid(),
                     (void *)t);
            unlink(t->path);
        }
        assert_int_equal(ac_hub_config_set_db_path(cfg, on_disk ? t->path : ":memory:", &err),
                         AC_OK);
    }
    ac_hub_config_set_create(cfg, 1);
    ac_hub_config_set_clock(cfg, fixed_clock, NULL);
    ac_hub_config_set_seed(cfg, 7);
    if (test_hub_configure != NULL) {
        test_hub_configure(cfg);
        test_hub_configure = NULL;
    }
    assert_int_equal(ac_hub_open(cfg, &t->hub, &err), AC_OK);
    ac_hub_config_free(cfg);
    t->a = ac_arena_new(0);
    assert_int_equal(ac_hub_bootstrap(t->hub, "CTU", AC_AGENCY_CT_POLICING, "GB", "admin", NULL,
                                      t->a, &admin_id, &err),
                     AC_OK);
    assert_int_equal(ac_hub_actor(t->hub, "admin", t->a, &t->admin, &err), AC_OK);
    t->ctu_id = t->admin->agency_id;
    assert_int_equal(ac_agency_add(t->hub, t->admin, "test", &g, t->a, &t->council_id, &err),
                     AC_OK);
    t->admin2 = test_add_user(t, "admin2", t->ctu_id, AC_ROLE_ADMIN, AC_VETTING_BPSS);
    t->council_admin =
        test_add_user(t, "council.admin", t->council_id, AC_ROLE_ADMIN, AC_VETTING_BPSS);
    t->analyst = test_add_user(t, "analyst", t->ctu_id, AC_ROLE_ANALYST, AC_VETTING_SC);
    t->auditor = test_add_user(t, "auditor", t->ctu_id, AC_ROLE_AUDITOR, AC_VETTING_SC);
    t->council = test_add_user(t, "council", t->council_id, AC_ROLE_CASEWORKER, AC_VETTING_BPSS);
    t->unvetted = test_add_user(t, "unvetted", t->council_id, AC_ROLE_ANALYST, AC_VETTING_NONE);
    return t;
}

void
test_hub_free(struct test_hub *t)
{
    if (t == NULL) {
        return;
    }
    ac_hub_close(t->hub);
    ac_arena_free(t->a);
    if (t->pg_db[0] != '\0') {
        char cmd[128];

        /* the server is PGHOST's; the name is ours, so it needs no quoting */
        snprintf(cmd, sizeof cmd, "dropdb --if-exists %s", t->pg_db);
        assert_int_equal(system(cmd), 0);
    }
    if (t->path[0] != '\0') {
        test_unlink_db(t->path);
    }
    free(t);
}

int64_t
test_count_persons(struct test_hub *t)
{
    ac_hub_stats s;
    ac_error err = { 0 };

    assert_int_equal(ac_hub_stats_get(t->hub, t->admin, "test", &s, &err), AC_OK);
    return s.persons;
}

int64_t
test_count_audit(struct test_hub *t)
{
    ac_hub_stats s;
    ac_error err = { 0 };

    assert_int_equal(ac_hub_stats_get(t->hub, t->admin, "test", &s, &err), AC_OK);
    return s.audit_entries; /* counted before this call's own entry */
}

void
test_unlink_db(const char *path)
{
    static const char *const sides[] = { "", "-wal", "-shm", ".key", ".witness" };
    char side[300];

    for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
        snprintf(side, sizeof side, "%s%s", path, sides[i]);
        unlink(side);
    }
}

static char written[4][128];

static void
unlink_written(void)
{
    for (int slot = 0; slot < 4; slot++) {
        if (written[slot][0] != '\0') {
            unlink(written[slot]);
        }
    }
}

const char *
test_write_file(int slot, const char *text, size_t len)
{
    static bool registered;
    FILE *f;

    if (!registered) {
        atexit(unlink_written);
        registered = true;
    }

    snprintf(written[slot], sizeof written[slot], "/tmp/accord-test-%d-%d.csv", (int)getpid(),
             slot);
    f = fopen(written[slot], "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
    return written[slot];
}

const char *
test_add_person(struct test_hub *t,
                const ac_actor *actor,
                const char *given,
                const char *family,
                const char *dob)
{
    ac_person_name name = { AC_NAME_PRIMARY, given, NULL, family, NULL, NULL };
    ac_person p;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&p, 0, sizeof p);
    p.names = &name;
    p.n_names = 1;
    if (dob != NULL) {
        assert_int_equal(ac_date_parse(dob, &p.dob, &err), AC_OK);
    }
    assert_int_equal(ac_person_add(t->hub, actor, "test", &p, t->a, &id, &err), AC_OK);
    return id;
}
