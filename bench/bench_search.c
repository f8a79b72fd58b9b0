/* SPDX-License-Identifier: Apache-2.0
 *
 * bench_search.c - person search latency (issue 15.6): N synthetic persons (fixed seed)
 * imported through the bulk path ('accord import persons'), which writes the name-key
 * index with each person, then Q searches as an analyst would type them - the name as
 * held, given and family swapped, another spelling of the group, a typo (a letter
 * dropped from a word of 5+ letters), and a name with a year of birth - each timed
 * through ac_person_search (policy, audit and all).  Prints p50, p99 and the slowest.
 * The target is p99 <= 20 ms over 1,000,000 persons.
 *
 * usage: bench_search [ROWS] [WORKDIR] [QUERIES]     (defaults: 1000000, /tmp, 2000)
 * BENCH_SEARCH_REUSE=1 searches the database an earlier run of the same ROWS left.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "accord/accord.h"
#include "hub_setup.h"
#include "core/id_int.h"
#include "demo/names_int.h"

struct row {
    const struct aci_name_group *given, *family;
    unsigned year;
};

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Spelling K of a group (the last when it has fewer), written to OUT. */
static void
spelling(const struct aci_name_group *g, unsigned k, char *out, size_t cap)
{
    const char *s = g->spellings;

    for (; k > 0 && strchr(s, '|') != NULL; k--) {
        s = strchr(s, '|') + 1;
    }
    snprintf(out, cap, "%.*s", (int)strcspn(s, "|"), s);
}

/* CPU time of this thread: on a shared machine, what a search costs when it is not
 * waiting for a core. */
static double
cpu_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct row *
write_csv(const char *path, size_t rows)
{
    FILE *f = fopen(path, "wb");
    uint64_t rng = 20261203;
    struct row *out = calloc(rows + 1, sizeof *out);
    char given[64], family[64];

    if (f == NULL || out == NULL) {
        perror(path);
        exit(1);
    }
    fputs("id,first_name,surname,dob,address,town,postcode\n", f);
    for (size_t i = 0; i < rows; i++) {
        const struct aci_name_pool *pool = &aci_name_pools[aci_splitmix64(&rng) % ACI_ORIGIN_COUNT];
        const struct aci_place *pl = &aci_places[aci_splitmix64(&rng) % aci_n_places];
        uint64_t r = aci_splitmix64(&rng);

        out[i].given = &pool->given[r % pool->n_given];
        out[i].family = &pool->family[(r >> 16) % pool->n_family];
        out[i].year = 1940 + (unsigned)(r % 66);
        spelling(out[i].given, 0, given, sizeof given);
        spelling(out[i].family, 0, family, sizeof family);
        fprintf(f, "P%08zu,%s,%s,%04u-%02u-%02u,%u %s %s,%s,%s%u %u%c%c\n", i, given, family,
                out[i].year, 1 + (unsigned)((r >> 8) % 12), 1 + (unsigned)((r >> 12) % 28),
                1 + (unsigned)((r >> 20) % 250), aci_street_stems[(r >> 28) % aci_n_street_stems],
                aci_street_suffixes[(r >> 36) % aci_n_street_suffixes], pl->town, pl->area,
                pl->district_lo, 1 + (unsigned)((r >> 40) % 9), "ABDEFGHJLN"[(r >> 44) % 10],
                "PQRSTUWXYZ"[(r >> 48) % 10]);
    }
    fclose(f);
    return out;
}

static int
cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;

    return (a > b) - (a < b);
}

static int
fail(const char *what, const ac_error *err)
{
    fprintf(stderr, "bench_search: %s: %s\n", what, err->msg);
    return 1;
}

/* Query I's text for ROW, in BUF; its kind in *KIND; a year of birth in Q. */
static void
make_query(const struct row *row,
           size_t i,
           char *buf,
           size_t cap,
           const char **kind,
           ac_person_query *q)
{
    char given[64], family[64];

    spelling(row->given, 0, given, sizeof given);
    spelling(row->family, 0, family, sizeof family);
    switch (i % 5) {
    case 0:
        *kind = "as held";
        snprintf(buf, cap, "%s %s", given, family);
        break;
    case 1:
        *kind = "swapped";
        snprintf(buf, cap, "%s %s", family, given);
        break;
    case 2:
        *kind = "another spelling";
        spelling(row->given, 1, given, sizeof given);
        spelling(row->family, 1, family, sizeof family);
        snprintf(buf, cap, "%s %s", given, family);
        break;
    case 3: {
        size_t n = strlen(family);

        *kind = "typo";
        /* drop a letter (an ASCII one: never half of a UTF-8 sequence) */
        for (size_t k = n / 2; n >= 5 && k < n; k++) {
            if (family[k] >= 'a' && family[k] <= 'z') {
                memmove(family + k, family + k + 1, n - k);
                break;
            }
        }
        snprintf(buf, cap, "%s %s", given, family);
        break;
    }
    default:
        *kind = "with a year of birth";
        snprintf(buf, cap, "%s %s", given, family);
        q->dob.precision = AC_DATE_YEAR;
        q->dob.year = (int)row->year;
        break;
    }
}

int
main(int argc, char **argv)
{
    size_t rows = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    size_t queries = argc > 3 ? strtoul(argv[3], NULL, 10) : 2000;
    char csv[512], db[512], side[600];
    ac_hub_config *cfg = ac_hub_config_new();
    ac_hub *hub = NULL;
    ac_arena *a = ac_arena_new(0);
    const ac_actor *analyst = NULL;
    ac_import_options o = { 0 };
    ac_import_result res;
    ac_error err = { 0 };
    struct row *data;
    double *lat = calloc(queries + 1, sizeof *lat), *cpu = calloc(queries + 1, sizeof *cpu), t0,
           total = 0;
    size_t found = 0, answers = 0, target = 0;
    uint64_t rng = 42;

    snprintf(csv, sizeof csv, "%s/bench-search-%zu.csv", dir, rows);
    snprintf(db, sizeof db, "%s/bench-search-%zu.db", dir, rows);
    data = write_csv(csv, rows);
    if (getenv("BENCH_SEARCH_REUSE") != NULL && access(db, F_OK) == 0) {
        if (ac_hub_config_set_db_path(cfg, db, &err) != AC_OK ||
            ac_hub_open(cfg, &hub, &err) != AC_OK ||
            ac_hub_actor(hub, "analyst", a, &analyst, &err) != AC_OK) {
            return fail("reopen", &err);
        }
        unlink(csv);
        goto search;
    }
    unlink(db);
    snprintf(side, sizeof side, "%s-wal", db);
    unlink(side);
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
    printf("import with the search index: %llu rows in %.1f s = %.0f rows/s\n",
           (unsigned long long)res.imported, now_s() - t0, (double)res.imported / (now_s() - t0));
    unlink(csv);
search:
    for (size_t i = 0; i < queries; i++) {
        size_t at = (size_t)(aci_splitmix64(&rng) % rows);
        const struct row *row = &data[at];
        char ref[32];
        ac_arena *qa = ac_arena_new(0);
        ac_person_query q;
        ac_person_hit *hits = NULL;
        size_t n = 0;
        const char *kind = NULL;
        char text[160];
        double t, c;

        memset(&q, 0, sizeof q);
        make_query(row, i, text, sizeof text, &kind, &q);
        q.name = text;
        q.limit = 20;
        t = now_s();
        c = cpu_s();
        if (ac_person_search(hub, analyst, "benchmark", &q, qa, &hits, &n, &err) != AC_OK) {
            return fail(kind, &err);
        }
        lat[i] = (now_s() - t) * 1000.0;
        cpu[i] = (cpu_s() - c) * 1000.0;
        total += lat[i];
        found += n > 0;
        answers += n;
        /* recall: the person the query was made from is among the answers */
        snprintf(ref, sizeof ref, "P%08zu", at);
        for (size_t k = 0; k < n; k++) {
            if (hits[k].person.source_ref != NULL && strcmp(hits[k].person.source_ref, ref) == 0) {
                target++;
                break;
            }
        }
        ac_arena_free(qa);
    }
    qsort(lat, queries, sizeof *lat, cmp_double);
    qsort(cpu, queries, sizeof *cpu, cmp_double);
    printf("search over %zu persons: %zu queries (as held, swapped, another spelling, typo, "
           "with a year of birth): p50 %.2f ms, p99 %.2f ms, slowest %.2f ms, mean %.2f ms; "
           "%zu with an answer, %.1f answers each (target: p99 <= 20 ms)\n",
           rows, queries, lat[queries / 2], lat[queries * 99 / 100], lat[queries - 1],
           total / (double)queries, found, (double)answers / (double)queries);
    printf("search CPU time (this thread; the same without waiting for a core): p50 %.2f ms, "
           "p99 %.2f ms\n",
           cpu[queries / 2], cpu[queries * 99 / 100]);
    printf("recall: the person a query was made from is among its answers (at most 20) in "
           "%zu of %zu queries\n",
           target, queries);
    ac_hub_close(hub);
    ac_hub_config_free(cfg);
    ac_arena_free(a);
    free(lat);
    free(cpu);
    free(data);
    return 0;
}
