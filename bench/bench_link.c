/* SPDX-License-Identifier: Apache-2.0
 *
 * bench_link.c - the linkage engine's figures:
 *   - Jaro-Winkler, one probe against many names (the probe's pattern prepared once)
 *   - scoring: comparison levels and weight (with term frequencies) of random FEBRL4 pairs
 *   - FEBRL4 (4a vs 4b) end to end, no labels: time and precision / recall / F1
 *   - dedupe of ROWS synthetic persons end to end: time and peak memory
 * Splink, the named peer, is a Python package this machine cannot install (only Debian
 * packages and npm can be reached), so its published rate is quoted, not measured.
 *
 * usage: bench_link FEBRL_DIR [ROWS [HISTORICAL_50K.csv]]   (ROWS default 1,000,000;
 * FEBRL_DIR "-" skips Jaro-Winkler, scoring and FEBRL4)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "accord/accord.h"
#include "link/link_int.h"
#include "names/names.h"

#define SPLINK_PAIRS_PER_VCPU 125000.0 /* Splink on DuckDB, per the figure */

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t
next(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 17;
}

/* A name-like word of 4 to 10 letters from a skewed alphabet. */
static void
word(uint64_t *s, char *out)
{
    static const char letters[] = "aaaeeeiioouulnrstmkhdbcgpyfwvz";
    size_t n = 4 + next(s) % 7;

    for (size_t i = 0; i < n; i++) {
        out[i] = letters[next(s) % (sizeof letters - 1)];
    }
    out[n] = '\0';
}

static void
bench_jaro_winkler(void)
{
    enum {
        NAMES = 1000000,
        PROBES = 100
    };
    char *names = aci_malloc((size_t)NAMES * 12);
    size_t *lens = aci_malloc(NAMES * sizeof *lens);
    struct aci_jw_pattern p;
    uint64_t s = 1;
    double t0, secs, sum = 0;

    memset(&p, 0, sizeof p);
    for (size_t i = 0; i < NAMES; i++) {
        word(&s, names + i * 12);
        lens[i] = strlen(names + i * 12);
    }
    t0 = now_s();
    for (size_t k = 0; k < PROBES; k++) {
        const char *probe = names + (k * 7919 % NAMES) * 12;

        aci_jw_prepare(&p, probe, strlen(probe));
        for (size_t i = 0; i < NAMES; i++) {
            sum += aci_jw_with(&p, names + i * 12, lens[i]);
        }
    }
    secs = now_s() - t0;
    printf("Jaro-Winkler one-vs-many: %.1f M name pairs/s on one core (aim 40 M; checksum %.0f)\n",
           (double)NAMES * PROBES / secs / 1e6, sum);
    aci_free(names);
    aci_free(lens);
}

/* BENCH_LINK_BLOCK_MAX=N sets the adaptive blocking bound (a huge N: every block whole,
 * as before issue 18), to measure its effect on the same binary. */
static void
configure(ac_linkage *lk)
{
    const char *v = getenv("BENCH_LINK_BLOCK_MAX");

    if (v != NULL && *v != '\0') {
        ac_linkage_set_block_bound(lk, strtoull(v, NULL, 10), 0);
    }
}

static ac_linkage *
load_febrl(const char *dir, ac_arena *a)
{
    ac_linkage *lk = NULL;
    char path[512];
    ac_error err = { 0 };

    if (ac_linkage_new(false, &lk, &err) != AC_OK) {
        return NULL;
    }
    configure(lk);
    for (int side = 0; side < 2; side++) {
        snprintf(path, sizeof path, "%s/dataset4%c.csv", dir, side == 0 ? 'a' : 'b');
        if (ac_linkage_read_csv(lk, side, path, NULL, a, &err) != AC_OK) {
            fprintf(stderr, "bench_link: %s\n", err.msg);
            ac_linkage_free(lk);
            return NULL;
        }
    }
    return lk;
}

/* "rec-N-..." -> N */
static long
entity(const char *id)
{
    return strtol(id + 4, NULL, 10);
}

static void
bench_febrl(const char *dir)
{
    ac_arena *a = ac_arena_new(0);
    ac_linkage *lk;
    ac_linkage_pair *pairs = NULL;
    size_t n = 0, correct = 0;
    double t0 = now_s(), secs, precision, recall;
    ac_error err = { 0 };

    lk = load_febrl(dir, a);
    if (lk == NULL || ac_linkage_train(lk, 42, 0, &err) != AC_OK ||
        ac_linkage_score(lk, 0.5, false, a, &pairs, &n, NULL, &err) != AC_OK) {
        fprintf(stderr, "bench_link: FEBRL4: %s\n", err.msg);
        ac_linkage_free(lk);
        ac_arena_free(a);
        return;
    }
    secs = now_s() - t0;
    for (size_t i = 0; i < n; i++) {
        correct += entity(ac_linkage_id(lk, 0, pairs[i].left)) ==
                   entity(ac_linkage_id(lk, 1, pairs[i].right));
    }
    precision = n ? (double)correct / (double)n : 0;
    recall = (double)correct / 5000.0;
    printf("FEBRL4 4a vs 4b, no labels, threshold 0.5: precision %.4f recall %.4f F1 %.4f "
           "(aim 0.998), %.2f s end to end (read, train, score)\n",
           precision, recall, 2 * precision * recall / (precision + recall), secs);

    /* scoring rate: levels and weight of random pairs, as the scorer computes them */
    {
        enum {
            PAIRS = 20000000
        };
        struct aci_cmp_state cs;
        uint64_t s = 3;
        double sum = 0;
        int active = 0;

        memset(&cs, 0, sizeof cs);
        for (int c = 0; c < ACI_CMP_COUNT; c++) {
            active += lk->active[c];
        }
        t0 = now_s();
        for (size_t k = 0; k < PAIRS; k++) {
            const struct aci_rec *x = &lk->recs[0][(k / 64) % lk->n[0]];
            const struct aci_rec *y = &lk->recs[1][next(&s) % lk->n[1]];

            sum += aci_lk_weight(lk, aci_lk_gamma(lk, &cs, x, y), x, y);
        }
        secs = now_s() - t0;
        printf("scoring: %.2f M pairs/s on one core with %d comparisons incl. Jaro-Winkler and "
               "term frequencies (aim 5 M; Splink ~%.3f M per vCPU: %.0fx; checksum %.0f)\n",
               PAIRS / secs / 1e6, active, SPLINK_PAIRS_PER_VCPU / 1e6,
               PAIRS / secs / SPLINK_PAIRS_PER_VCPU, sum);
    }
    ac_linkage_free(lk);
    ac_arena_free(a);
}

static void
bench_dedupe(size_t rows)
{
    ac_linkage *lk = NULL;
    ac_arena *a = ac_arena_new(0);
    ac_linkage_pair *pairs = NULL;
    size_t n = 0, people = rows * 4 / 5;
    uint64_t s = 11;
    double t0 = now_s(), t_load, t_train, t_score;
    bool failed;
    struct rusage ru;
    ac_error err = { 0 };
    char(*given)[12] = aci_malloc(5000 * sizeof *given),
    (*family)[12] = aci_malloc(20000 * sizeof *family);

    for (int i = 0; i < 5000; i++) {
        word(&s, given[i]);
    }
    for (int i = 0; i < 20000; i++) {
        word(&s, family[i]);
    }
    if (ac_linkage_new(true, &lk, &err) != AC_OK) {
        return;
    }
    configure(lk);
    for (size_t i = 0; i < rows; i++) {
        /* the first PEOPLE rows are people; the rest copy one of them, with typos */
        size_t who = i < people ? i : next(&s) % people;
        uint64_t r = who * 0x9e3779b97f4a7c15ull + 5;
        char id[24], g[16], f[16], dob[16], pc[16];
        const char *v[AC_FIELD_COUNT] = { NULL };

        snprintf(id, sizeof id, "p%zu", i);
        snprintf(g, sizeof g, "%s", given[next(&r) % 5000]);
        snprintf(f, sizeof f, "%s", family[next(&r) % 20000]);
        snprintf(dob, sizeof dob, "19%02u-%02u-%02u", (unsigned)(next(&r) % 80 + 20),
                 (unsigned)(next(&r) % 12 + 1), (unsigned)(next(&r) % 28 + 1));
        snprintf(pc, sizeof pc, "B%u %u%c%c", (unsigned)(next(&r) % 40 + 1),
                 (unsigned)(next(&r) % 10), (char)('A' + next(&r) % 26),
                 (char)('A' + next(&r) % 26));
        if (i >= people) { /* a duplicate: a typo in a name, sometimes a moved house */
            g[next(&s) % strlen(g)] = (char)('a' + next(&s) % 26);
            if (next(&s) % 3 == 0) {
                pc[1] = (char)('1' + next(&s) % 9);
            }
        }
        v[AC_FIELD_ID] = id;
        v[AC_FIELD_GIVEN] = g;
        v[AC_FIELD_FAMILY] = f;
        v[AC_FIELD_DOB] = dob;
        v[AC_FIELD_POSTCODE] = pc;
        if (ac_linkage_add(lk, 0, v, &err) != AC_OK) {
            break;
        }
    }
    t_load = now_s() - t0;
    t0 = now_s();
    failed = ac_linkage_train(lk, 42, 0, &err) != AC_OK;
    t_train = now_s() - t0;
    t0 = now_s();
    failed = failed || ac_linkage_score(lk, 0.5, false, a, &pairs, &n, NULL, &err) != AC_OK;
    t_score = now_s() - t0;
    getrusage(RUSAGE_SELF, &ru);
    if (failed) { /* say so: a summary of "0 pairs" would read as a run */
        printf("dedupe of %zu synthetic persons: FAILED after %.1f s, peak RSS %.0f MiB: %s\n",
               rows, t_load + t_train + t_score, (double)ru.ru_maxrss / 1024.0, err.msg);
        ac_linkage_free(lk);
        ac_arena_free(a);
        aci_free(given);
        aci_free(family);
        return;
    }
    printf("dedupe of %zu synthetic persons (%zu duplicates): %.1f s end to end "
           "(prepare %.1f, train %.1f, score %.1f; aim 60 s), %zu pairs, peak RSS %.0f MiB "
           "(aim 4 GiB)\n",
           rows, rows - people, t_load + t_train + t_score, t_load, t_train, t_score, n,
           (double)ru.ru_maxrss / 1024.0);
    ac_linkage_free(lk);
    ac_arena_free(a);
    aci_free(given);
    aci_free(family);
}

/* historical_50k's truth: an id is its Wikidata cluster, "-", its number ("Q2296770-3"). */
static size_t
cluster_len(const char *id)
{
    const char *dash = strrchr(id, '-');

    return dash != NULL ? (size_t)(dash - id) : strlen(id);
}

static bool
same_cluster(const char *x, const char *y)
{
    size_t n = cluster_len(x);

    return n == cluster_len(y) && memcmp(x, y, n) == 0;
}

struct hist_item {
    uint32_t group;
    const char *id;
    uint32_t index;
};

static int
cmp_hist(const void *x, const void *y)
{
    const struct hist_item *a = x, *b = y;
    size_t n = cluster_len(a->id), m = cluster_len(b->id);
    int c;

    if (a->group != b->group) {
        return a->group < b->group ? -1 : 1;
    }
    c = memcmp(a->id, b->id, n < m ? n : m);
    return c != 0 ? c : (n > m) - (n < m);
}

/* Pairs within the same GROUP (and, with BY_TRUTH, the same true cluster too). */
static double
pairs_within(struct hist_item *items, size_t n, bool by_truth)
{
    double total = 0;

    qsort(items, n, sizeof *items, cmp_hist);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;

        while (j < n && items[j].group == items[i].group &&
               (!by_truth || same_cluster(items[j].id, items[i].id))) {
            j++;
        }
        total += (double)(j - i) * (double)(j - i - 1) / 2.0;
        i = j;
    }
    return total;
}

static void
print_prf(const char *what, double correct, double predicted, double truth)
{
    double p = predicted > 0 ? correct / predicted : 0, r = truth > 0 ? correct / truth : 0;

    printf("  %s: precision %.4f recall %.4f F1 %.4f (aim 0.95)\n", what, p, r,
           p + r > 0 ? 2 * p * r / (p + r) : 0);
}

/* Recall before scoring: the true pairs no blocking rule's key reaches, and why (which
 * fields one side lacks), beside the estimate the engine makes without the truth. */
static void
blocking_recall(ac_linkage *lk, struct hist_item *items, size_t rows, double truth)
{
    uint64_t(*keys)[ACI_BLOCK_RULES] = aci_malloc((rows + 1) * sizeof *keys);
    double lost = 0, no_dob = 0, no_names = 0, only[ACI_BLOCK_RULES] = { 0 };
    ac_error err = { 0 };

    if (keys == NULL || items == NULL) {
        aci_free(keys);
        return;
    }
    for (size_t i = 0; i < rows; i++) {
        items[i] = (struct hist_item){ 0, ac_linkage_id(lk, 0, i), (uint32_t)i };
        if (ac_linkage_block_keys(lk, i, keys[i], &err) != AC_OK) {
            aci_free(keys);
            return;
        }
    }
    /* group by truth: sort on the id's cluster only */
    qsort(items, rows, sizeof *items, cmp_hist);
    for (size_t i = 0; i < rows;) {
        size_t j = i + 1;

        while (j < rows && same_cluster(items[j].id, items[i].id)) {
            j++;
        }
        for (size_t x = i; x < j; x++) {
            for (size_t y = x + 1; y < j; y++) {
                size_t p = items[x].index, q = items[y].index;
                int agree = 0, last = -1;
                const struct aci_rec *a = &lk->recs[0][p], *b = &lk->recs[0][q];

                for (int r = 0; r < ACI_BLOCK_RULES; r++) {
                    if (keys[p][r] != 0 && keys[p][r] == keys[q][r]) {
                        agree++;
                        last = r;
                    }
                }
                if (agree == 1) {
                    only[last]++;
                }
                if (agree > 0) {
                    continue;
                }
                lost++;
                no_dob += a->dob.precision == AC_DATE_NONE || b->dob.precision == AC_DATE_NONE;
                no_names += a->block_given == NULL || b->block_given == NULL ||
                            a->block_family == NULL || b->block_family == NULL;
            }
        }
        i = j;
    }
    printf("  blocking: %.0f of %.0f true pairs (%.1f%%) agree on no rule's key (%.0f with a "
           "date of birth missing on one side, %.0f with a name part missing)\n",
           lost, truth, truth > 0 ? 100.0 * lost / truth : 0, no_dob, no_names);
    for (int r = 0; r < ACI_BLOCK_RULES; r++) {
        printf("    true pairs only '%s' reaches: %.0f\n", aci_block_rule_names[r], only[r]);
    }
    aci_free(keys);
}

/* Splink's historical_50k, deduplicated unsupervised with the defaults. */
static void
bench_historical(const char *path)
{
    ac_arena *a = ac_arena_new(0);
    ac_linkage *lk = NULL;
    ac_linkage_pair *pairs = NULL;
    uint32_t *cluster = NULL;
    struct hist_item *items = NULL;
    size_t n = 0, rows = 0;
    double t0 = now_s(), correct = 0, truth, predicted, both;
    ac_error err = { 0 };

    if (ac_linkage_new(true, &lk, &err) != AC_OK ||
        (configure(lk), ac_linkage_read_csv(lk, 0, path, NULL, a, &err)) != AC_OK ||
        ac_linkage_train(lk, 42, 0, &err) != AC_OK ||
        ac_linkage_score(lk, 0.5, false, a, &pairs, &n, NULL, &err) != AC_OK ||
        ac_linkage_clusters(lk, pairs, n, a, &cluster, &err) != AC_OK) {
        printf("historical_50k: FAILED: %s\n", err.msg);
        ac_linkage_free(lk);
        ac_arena_free(a);
        return;
    }
    rows = ac_linkage_count(lk, 0);
    items = ac_arena_alloc(a, (rows + 1) * sizeof *items);
    for (size_t i = 0; i < n; i++) {
        correct +=
            same_cluster(ac_linkage_id(lk, 0, pairs[i].left), ac_linkage_id(lk, 0, pairs[i].right));
    }
    for (size_t i = 0; items != NULL && i < rows; i++) {
        items[i] = (struct hist_item){ 0, ac_linkage_id(lk, 0, i), (uint32_t)i };
    }
    truth = items != NULL ? pairs_within(items, rows, true) : 0;
    for (size_t i = 0; items != NULL && i < rows; i++) {
        items[i] = (struct hist_item){ cluster[i], ac_linkage_id(lk, 0, i), (uint32_t)i };
    }
    predicted = items != NULL ? pairs_within(items, rows, false) : 0;
    both = items != NULL ? pairs_within(items, rows, true) : 0;
    printf("historical_50k (Splink), dedupe of %zu records, no labels, threshold 0.5, %.2f s "
           "end to end:\n",
           rows, now_s() - t0);
    print_prf("pairs", correct, (double)n, truth);
    print_prf("clusters (pairwise)", both, predicted, truth);
    blocking_recall(lk, items, rows, truth);
    ac_linkage_free(lk);
    ac_arena_free(a);
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_link FEBRL_DIR [ROWS [HISTORICAL_50K.csv]]\n");
        return 2;
    }
    if (strcmp(argv[1], "-") != 0) { /* "-": only the dedupe (and historical_50k) */
        bench_jaro_winkler();
        bench_febrl(argv[1]);
    }
    if (argc > 3) {
        bench_historical(argv[3]);
    }
    bench_dedupe(argc > 2 ? strtoul(argv[2], NULL, 10) : 1000000);
    return 0;
}
