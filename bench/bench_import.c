/* SPDX-License-Identifier: Apache-2.0
 *
 * bench_import.c - import throughput: N synthetic persons (fixed seed) written to a CSV
 * file, then imported into a fresh SQLite hub through the public API, exactly as
 * 'accord import persons' does.  Prints rows/s, the peak resident memory of the whole
 * process, and the database size.
 *
 * usage: bench_import [ROWS] [WORKDIR]      (defaults: 1000000, /tmp)
 * BENCH_KEEP_CSV=1 keeps the generated file, for comparing other loaders on it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "accord/accord.h"
#include "hub_setup.h"
#include "core/id_int.h"
#include "demo/names_int.h"

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* First spelling of a group, written to OUT. */
static void
first_spelling(const struct aci_name_group *g, char *out, size_t cap)
{
    size_t n = strcspn(g->spellings, "|");

    snprintf(out, cap, "%.*s", (int)n, g->spellings);
}

static void
write_csv(const char *path, size_t rows)
{
    FILE *f = fopen(path, "wb");
    uint64_t rng = 20261129;
    char given[64], family[64];

    if (f == NULL) {
        perror(path);
        exit(1);
    }
    fputs("id,first_name,surname,dob,address,town,postcode,ni_number\n", f);
    for (size_t i = 0; i < rows; i++) {
        const struct aci_name_pool *pool = &aci_name_pools[aci_splitmix64(&rng) % ACI_ORIGIN_COUNT];
        const struct aci_place *pl = &aci_places[aci_splitmix64(&rng) % aci_n_places];
        uint64_t r = aci_splitmix64(&rng);

        first_spelling(&pool->given[r % pool->n_given], given, sizeof given);
        first_spelling(&pool->family[(r >> 16) % pool->n_family], family, sizeof family);
        fprintf(f, "P%08zu,%s,%s,%04u-%02u-%02u,%u %s %s,%s,%s%u %u%c%c,AB%06uC\n", i, given,
                family, 1940 + (unsigned)(r % 66), 1 + (unsigned)((r >> 8) % 12),
                1 + (unsigned)((r >> 12) % 28), 1 + (unsigned)((r >> 20) % 250),
                aci_street_stems[(r >> 28) % aci_n_street_stems],
                aci_street_suffixes[(r >> 36) % aci_n_street_suffixes], pl->town, pl->area,
                pl->district_lo, 1 + (unsigned)((r >> 40) % 9), "ABDEFGHJLN"[(r >> 44) % 10],
                "PQRSTUWXYZ"[(r >> 48) % 10], (unsigned)((r >> 24) % 1000000));
    }
    fclose(f);
}

static int
fail(const char *what, const ac_error *err)
{
    fprintf(stderr, "bench_import: %s: %s\n", what, err->msg);
    return 1;
}

int
main(int argc, char **argv)
{
    size_t rows = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    char csv[512], db[512], side[600];
    ac_hub_config *cfg = ac_hub_config_new();
    ac_hub *hub = NULL;
    ac_arena *a = ac_arena_new(0);
    const ac_actor *analyst = NULL;
    ac_import_options o = { 0 };
    ac_import_result res;
    ac_error err = { 0 };
    struct rusage ru;
    struct stat st;
    double t0, secs;

    snprintf(csv, sizeof csv, "%s/bench-import-%zu.csv", dir, rows);
    snprintf(db, sizeof db, "%s/bench-import.db", dir);
    unlink(db);
    snprintf(side, sizeof side, "%s-wal", db);
    unlink(side);
    t0 = now_s();
    write_csv(csv, rows);
    printf("generated %zu rows in %.2f s (%s)\n", rows, now_s() - t0, csv);

    if (ac_hub_config_set_db_path(cfg, db, &err) != AC_OK) {
        return fail("config", &err);
    }
    if (hub_setup_analyst(cfg, a, &hub, &analyst, &err) != AC_OK) {
        return fail("open", &err);
    }
    o.path = csv;
    o.agency = analyst->agency_id;
    t0 = now_s();
    if (ac_import_persons(hub, analyst, "benchmark", &o, &res, &err) != AC_OK) {
        return fail("import", &err);
    }
    secs = now_s() - t0;
    getrusage(RUSAGE_SELF, &ru);
    stat(db, &st);
    printf("import: %llu rows in %.2f s = %.0f rows/s; peak RSS %.1f MiB; database %.1f MiB\n",
           (unsigned long long)res.imported, secs, (double)res.imported / secs,
           (double)ru.ru_maxrss / 1024.0, (double)st.st_size / (1024.0 * 1024.0));
    ac_hub_close(hub);
    ac_hub_config_free(cfg);
    ac_arena_free(a);
    if (getenv("BENCH_KEEP_CSV") == NULL) {
        unlink(csv);
    }
    return 0;
}
