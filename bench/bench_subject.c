/* SPDX-License-Identifier: Apache-2.0
 *
 * bench_subject.c - the cost of resolving subjects on write (lib/hub/subject.c).  N
 * synthetic persons (fixed seed; about one in four a second agency's copy of another,
 * with another spelling or an older address) are written through ac_person_add in one
 * batch, as the demo and the importer write, each resolved against its blocking
 * candidates (those written before it).  Then every person is resolved again, as a
 * changed record is, against all its candidates.  Compare the first figure with the
 * import figure (bench_import, and docs/architecture.md for the figure before subjects).
 *
 * usage: bench_subject [PERSONS] [WORKDIR]      (defaults: 100000, /tmp)
 */
#include <stdio.h>
#include <stdlib.h> /* strtoul */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "accord/accord.h"
#include "hub_setup.h"
#include "core/id_int.h"
#include "demo/names_int.h"
#include "hub/hub_int.h"
#include "hub/hub_subject.h"
#include "store/store.h"
#include "store/store_person.h"

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds of this process: the machine may be shared, so wall time alone misleads. */
static double
cpu_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
fail(const char *what, const ac_error *err)
{
    fprintf(stderr, "bench_subject: %s: %s\n", what, err->msg);
    return 1;
}

/* Spelling K (0 the first) of group G into OUT. */
static void
spelling_of(const struct aci_name_group *g, unsigned k, char *out, size_t cap)
{
    const char *s = g->spellings;

    for (; k > 0 && strchr(s, '|') != NULL; k--) {
        s = strchr(s, '|') + 1;
    }
    snprintf(out, cap, "%.*s", (int)strcspn(s, "|"), s);
}

struct ids_ctx {
    const char **ids;
    size_t n;
    ac_arena *a;
};

int
main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 100000;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    char db[512], side[600], given[64], family[64], line[96], postcode[16], dob[16];
    ac_hub_config *cfg = ac_hub_config_new();
    ac_hub *hub = NULL;
    ac_arena *a = ac_arena_new(0), *row = ac_arena_new(0);
    const ac_actor *admin = NULL, *analyst = NULL, *council = NULL;
    const char *id = NULL, *council_id = NULL;
    const char **ids = ac_arena_alloc(a, (n + 1) * sizeof *ids);
    uint64_t *seeds = ac_arena_alloc(a, (n + 1) * sizeof *seeds);
    ac_agency g = { NULL, "Bench Council", AC_AGENCY_LOCAL_AUTHORITY, "GB", NULL };
    ac_user u = { 0 };
    ac_error err = { 0 };
    uint64_t rng = 20261203;
    double t0, c0, t_write, t_resolve, c_write, c_resolve;

    snprintf(db, sizeof db, "%s/bench-subject.db", dir);
    unlink(db);
    snprintf(side, sizeof side, "%s-wal", db);
    unlink(side);
    if (ids == NULL || seeds == NULL || ac_hub_config_set_db_path(cfg, db, &err) != AC_OK) {
        return fail("config", &err);
    }
    ac_hub_config_set_create(cfg, 1);
    if (ac_hub_open(cfg, &hub, &err) != AC_OK ||
        ac_hub_bootstrap(hub, "Bench CTU", AC_AGENCY_CT_POLICING, "GB", "admin", NULL, a, &id,
                         &err) != AC_OK ||
        ac_hub_actor(hub, "admin", a, &admin, &err) != AC_OK ||
        ac_agency_add(hub, admin, "benchmark", &g, a, &council_id, &err) != AC_OK) {
        return fail("open", &err);
    }
    u.username = "analyst";
    u.agency_id = admin->agency_id;
    u.roles = AC_ROLE_ANALYST;
    u.vetting = AC_VETTING_SC;
    if (hub_setup_user(hub, admin, &u, a, &analyst, &err) != AC_OK) {
        return fail("user", &err);
    }
    u.username = "caseworker";
    u.agency_id = council_id;
    u.roles = AC_ROLE_CASEWORKER;
    u.vetting = AC_VETTING_BPSS;
    if (hub_setup_user(hub, admin, &u, a, &council, &err) != AC_OK) {
        return fail("user", &err);
    }
    t0 = now_s();
    c0 = cpu_s();
    if (ac_hub_batch_begin(hub, &err) != AC_OK) {
        return fail("batch", &err);
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t r = aci_splitmix64(&rng), c = aci_splitmix64(&rng);
        const struct aci_name_pool *pool = &aci_name_pools[r % ACI_ORIGIN_COUNT];
        const struct aci_place *pl = &aci_places[(r >> 8) % aci_n_places];
        bool copy = i > 0 && c % 4 == 0; /* another agency's record of an earlier person */
        ac_person_name name = { AC_NAME_PRIMARY, given, NULL, family, NULL, NULL };
        ac_address addr = { 0 };
        ac_person p;

        if (copy) { /* the earlier person's fields, from its draw */
            r = seeds[(size_t)((c >> 8) % i)];
            pool = &aci_name_pools[r % ACI_ORIGIN_COUNT];
            pl = &aci_places[(r >> 8) % aci_n_places];
        }
        spelling_of(&pool->given[(r >> 16) % pool->n_given], copy ? (unsigned)(c >> 40) % 2 : 0,
                    given, sizeof given);
        spelling_of(&pool->family[(r >> 24) % pool->n_family], 0, family, sizeof family);
        snprintf(dob, sizeof dob, "%04u-%02u-%02u", 1940 + (unsigned)((r >> 32) % 66),
                 1 + (unsigned)((r >> 40) % 12), 1 + (unsigned)((r >> 44) % 28));
        snprintf(line, sizeof line, "%u %s %s", 1 + (unsigned)((r >> 48) % 250),
                 aci_street_stems[(r >> 52) % aci_n_street_stems],
                 aci_street_suffixes[(r >> 58) % aci_n_street_suffixes]);
        snprintf(postcode, sizeof postcode, "%s%u %u%c%c", pl->area, pl->district_lo,
                 1 + (unsigned)((r >> 36) % 9), "ABDEFGHJLN"[(r >> 12) % 10],
                 "PQRSTUWXYZ"[(r >> 4) % 10]);
        seeds[i] = r;
        memset(&p, 0, sizeof p);
        p.names = &name;
        p.n_names = 1;
        if (ac_date_parse(dob, &p.dob, &err) != AC_OK) {
            return fail("date", &err);
        }
        addr.line = line;
        addr.town = pl->town;
        addr.postcode = copy && c % 3 == 0 ? NULL : postcode; /* an older address: no postcode */
        p.addresses = &addr;
        p.n_addresses = 1;
        ac_arena_reset(row);
        if (ac_person_add(hub, copy || c % 2 ? council : analyst, "benchmark", &p, row, &id,
                          &err) != AC_OK) {
            return fail("add", &err);
        }
        ids[i] = ac_arena_strdup(a, id);
    }
    if (ac_hub_batch_commit(hub, &err) != AC_OK) {
        return fail("commit", &err);
    }
    t_write = now_s() - t0;
    c_write = cpu_s() - c0;
    /* resolution alone: every person again, in the writer's batch */
    t0 = now_s();
    c0 = cpu_s();
    if (ac_hub_batch_begin(hub, &err) != AC_OK) {
        return fail("batch", &err);
    }
    for (size_t i = 0; i < n; i++) {
        ac_arena_reset(row);
        if (aci_subject_resolve(hub, hub->store, NULL, ids[i], false, row, NULL, NULL, &err) !=
            AC_OK) {
            return fail("resolve", &err);
        }
    }
    if (ac_hub_batch_commit(hub, &err) != AC_OK) {
        return fail("commit", &err);
    }
    t_resolve = now_s() - t0;
    c_resolve = cpu_s() - c0;
    printf("person add with subject resolution: %zu persons in %.2f s = %.0f persons/s "
           "(CPU %.2f s = %.0f persons/s)\n",
           n, t_write, (double)n / t_write, c_write, (double)n / c_write);
    printf("re-resolving a changed record (all its candidates now present): %.0f us each "
           "(CPU %.0f us)\n",
           1e6 * t_resolve / (double)n, 1e6 * c_resolve / (double)n);
    ac_hub_close(hub);
    ac_hub_config_free(cfg);
    ac_arena_free(row);
    ac_arena_free(a);
    return 0;
}
