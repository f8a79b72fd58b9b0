/* SPDX-License-Identifier: Apache-2.0
 *
 * bench_pprl.c - privacy-preserving linkage figures (issue 20's aims), on one core:
 *   Dice comparisons per second for each kernel this CPU can run (one encoding of A against
 *   tiles of B, 1024-bit encodings, no pruning: the kernel's own rate);
 *   encoding records per minute (FEBRL4's 10,000 records, repeated);
 *   FEBRL4 4a vs 4b F1 under data/pprl/febrl4_schema.json, greedy one-to-one;
 *   the anonlink fixture's F1 at 0.81;
 *   per hardening option: FEBRL4 F1 and a frequency attack's re-identification rate on the
 *   10 most common given names (docs/pprl-hardening.md).
 * usage: bench_pprl REPO_DIR SHARED_LINKAGE_DIR [N_B]   (N_B: encodings of B, default 200000)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pprl/pprl_int.h"

/* CPU time of this thread: the machine is shared, and wall time would count the other
 * programs' turns on the core as ours. */
static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *out_len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL) {
        fprintf(stderr, "bench_pprl: cannot open %s\n", path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = aci_malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        exit(1);
    }
    buf[n] = '\0';
    fclose(f);
    *out_len = (size_t)n;
    return buf;
}

#define N_COLS 11
struct febrl {
    char *text;
    char *(*rows)[N_COLS]; /* fields of each record */
    long *entity;          /* N of rec-N-... */
    size_t n;
};

static void
febrl_read(const char *path, struct febrl *f)
{
    size_t len;
    char *p;
    size_t cap = 6000;

    f->text = slurp(path, &len);
    f->rows = aci_malloc(cap * sizeof *f->rows);
    f->entity = aci_malloc(cap * sizeof *f->entity);
    f->n = 0;
    p = strchr(f->text, '\n') + 1; /* header */
    while (*p != '\0' && f->n < cap) {
        char *e = strchr(p, '\n');
        char *q = p;
        if (e != NULL) {
            *e = '\0';
        }
        if (e != NULL && e > p && e[-1] == '\r') {
            e[-1] = '\0';
        } else if (e == NULL && p[strlen(p) - 1] == '\r') {
            p[strlen(p) - 1] = '\0';
        }
        for (int c = 0; c < N_COLS; c++) {
            char *comma = strchr(q, ',');
            while (*q == ' ') { /* ", " separator (and the two double spaces of 4b) */
                q++;
            }
            f->rows[f->n][c] = q;
            if (comma != NULL) {
                *comma = '\0';
                q = comma + 1;
            } else {
                q += strlen(q);
            }
        }
        f->entity[f->n] = strtol(f->rows[f->n][0] + 4, NULL, 10);
        f->n++;
        if (e == NULL) {
            break;
        }
        p = e + 1;
    }
}

static void
bench_kernels(size_t n_b)
{
    size_t n_a = 200;
    uint8_t *a = aci_malloc(n_a * 128);
    uint8_t *b = aci_malloc(n_b * 128);
    uint32_t *counts = aci_malloc(1024 * sizeof *counts);
    uint64_t s = 7;

    for (size_t i = 0; i < n_a * 128; i++) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        a[i] = (uint8_t)(s >> 56);
    }
    for (size_t i = 0; i < n_b * 128; i++) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        b[i] = (uint8_t)(s >> 56);
    }
    printf("Dice kernels (1024-bit encodings, %zu x %zu, cache-blocked tiles of 1024, one "
           "core):\n",
           n_a, n_b);
    for (size_t k = 0; k < 4; k++) {
        const struct aci_pprl_kernel *kn = &aci_pprl_kernels[k];
        uint64_t sum = 0;
        double t0;
        double dt;
        if (!kn->usable()) {
            printf("  %-9s not available on this CPU\n", kn->name);
            continue;
        }
        t0 = now();
        for (size_t j0 = 0; j0 < n_b; j0 += 1024) {
            size_t nj = n_b - j0 < 1024 ? n_b - j0 : 1024;
            for (size_t i = 0; i < n_a; i++) {
                kn->count(a + i * 128, b + j0 * 128, nj, 128, counts);
                sum += counts[0];
            }
        }
        dt = now() - t0;
        printf("  %-9s %8.1f M comparisons/s   (checksum %llu)\n", kn->name,
               (double)n_a * (double)n_b / dt / 1e6, (unsigned long long)sum);
    }
    printf("  dispatcher chooses: %s\n", ac_pprl_kernel_name());
    aci_free(a);
    aci_free(b);
    aci_free(counts);
}

static ac_pprl_schema *
febrl_schema(const char *repo)
{
    char path[1024];
    size_t len;
    char *json;
    ac_pprl_schema *s;
    ac_error err;

    snprintf(path, sizeof path, "%s/data/pprl/febrl4_schema.json", repo);
    json = slurp(path, &len);
    if (ac_pprl_schema_parse(json, len, &s, &err) != AC_OK) {
        fprintf(stderr, "bench_pprl: %s: %s\n", path, err.msg);
        exit(1);
    }
    aci_free(json);
    return s;
}

static void
encode_all(ac_pprl_schema *s, const struct febrl *f, ac_pprl_clks *out)
{
    ac_error err;

    if (ac_pprl_clks_init(out, f->n, ac_pprl_schema_clk_bytes(s), &err) != AC_OK) {
        exit(1);
    }
    for (size_t i = 0; i < f->n; i++) {
        if (ac_pprl_encode(s, (const char *const *)f->rows[i], N_COLS, i,
                           out->data + i * out->n_bytes, &err) != AC_OK) {
            fprintf(stderr, "bench_pprl: record %zu: %s\n", i, err.msg);
            exit(1);
        }
    }
}

/* F1 of greedy one-to-one matching of A and B at threshold T (truth: same entity N). */
static ac_pprl_eval
link_f1(ac_pprl_clks *a, ac_pprl_clks *b, const struct febrl *fa, const struct febrl *fb, double t)
{
    ac_pprl_pair *pairs;
    ac_pprl_pair *truth = aci_malloc(fa->n * sizeof *truth);
    long *where = aci_malloc(10000 * sizeof *where);
    size_t n;
    size_t n_truth = 0;
    ac_pprl_eval ev;
    ac_error err;

    for (size_t i = 0; i < 10000; i++) {
        where[i] = -1;
    }
    for (size_t j = 0; j < fb->n; j++) {
        where[fb->entity[j]] = (long)j;
    }
    for (size_t i = 0; i < fa->n; i++) {
        if (where[fa->entity[i]] >= 0) {
            truth[n_truth].a = (uint32_t)i;
            truth[n_truth].b = (uint32_t)where[fa->entity[i]];
            n_truth++;
        }
    }
    a->pop = NULL;
    if (ac_pprl_candidates(a, b, t, &pairs, &n, NULL, &err) != AC_OK) {
        exit(1);
    }
    n = ac_pprl_solve_greedy(pairs, n);
    if (ac_pprl_evaluate(pairs, n, truth, n_truth, &ev, &err) != AC_OK) {
        exit(1);
    }
    ac_pprl_free(pairs);
    aci_free(truth);
    aci_free(where);
    return ev;
}

static double
best_f1(ac_pprl_clks *a,
        ac_pprl_clks *b,
        const struct febrl *fa,
        const struct febrl *fb,
        double *out_t,
        ac_pprl_eval *out_ev)
{
    double best = -1;

    for (double t = 0.50; t <= 0.901; t += 0.05) {
        ac_pprl_eval ev = link_f1(a, b, fa, fb, t);
        aci_free(a->pop);
        aci_free(b->pop);
        a->pop = NULL;
        b->pop = NULL;
        if (ev.f1 > best) {
            best = ev.f1;
            *out_t = t;
            *out_ev = ev;
        }
    }
    return best;
}

/* The frequency attack: the attacker holds encodings of the given name alone (a field-level
 * filter, or the given-name bits of a CLK) and the names' frequencies in the population.
 * It ranks distinct encodings by how often they occur and the names by frequency and pairs
 * them rank for rank.  Returns the share of records of the TOP most common names whose
 * encoding is paired with their true name. */
static double
frequency_attack(const char *repo, const ac_pprl_hardening *h, const struct febrl *f, int top)
{
    ac_pprl_schema *s = febrl_schema(repo);
    const char *blank[N_COLS];
    size_t nb;
    uint8_t *enc;
    ac_error err;
    size_t *group;
    size_t n_groups = 0;
    size_t *gcount;
    const char **gname;
    size_t *gfreq;
    const char **names = aci_malloc(f->n * sizeof *names);
    size_t *ncount = aci_calloc(f->n, sizeof *ncount);
    size_t n_names = 0;
    size_t hit = 0;
    size_t total = 0;

    if (ac_pprl_schema_key(s, (const uint8_t *)"bench-secret", 12, h, &err) != AC_OK) {
        exit(1);
    }
    nb = ac_pprl_schema_clk_bytes(s);
    enc = aci_malloc(f->n * nb);
    group = aci_malloc(f->n * sizeof *group);
    gcount = aci_calloc(f->n, sizeof *gcount);
    gname = aci_calloc(f->n, sizeof *gname);
    gfreq = aci_calloc(f->n, sizeof *gfreq);
    for (size_t i = 0; i < f->n; i++) {
        for (int c = 0; c < N_COLS; c++) {
            blank[c] = "";
        }
        blank[1] = f->rows[i][1];
        blank[9] = f->rows[i][9]; /* the salt, when salting by date of birth */
        if (h->salt_field < 0) {
            blank[9] = "";
        }
        if (f->rows[i][1][0] == '\0') {
            continue; /* no given name: nothing to re-identify, and not in any group */
        }
        if (ac_pprl_encode(s, blank, N_COLS, i, enc + i * nb, &err) != AC_OK) {
            exit(1);
        }
        /* group identical encodings (quadratic in groups: 10,000 records is fine) */
        size_t g = 0;
        for (; g < n_groups; g++) {
            if (memcmp(enc + group[g] * nb, enc + i * nb, nb) == 0) {
                break;
            }
        }
        if (g == n_groups) {
            group[n_groups++] = i;
        }
        gcount[g]++;
        /* the names, with counts */
        size_t k = 0;
        for (; k < n_names; k++) {
            if (strcmp(names[k], f->rows[i][1]) == 0) {
                break;
            }
        }
        if (k == n_names) {
            names[n_names++] = f->rows[i][1];
        }
        ncount[k]++;
    }
    /* rank both by frequency (selection of the TOP largest; ties by first seen) */
    for (int r = 0; r < top; r++) {
        size_t bg = 0;
        size_t bn = 0;
        for (size_t g = 1; g < n_groups; g++) {
            bg = gcount[g] > gcount[bg] ? g : bg;
        }
        for (size_t k = 1; k < n_names; k++) {
            bn = ncount[k] > ncount[bn] ? k : bn;
        }
        /* every record of the guessed group whose true name is the guessed name */
        for (size_t i = 0; i < f->n; i++) {
            if (f->rows[i][1][0] != '\0' && memcmp(enc + group[bg] * nb, enc + i * nb, nb) == 0 &&
                strcmp(f->rows[i][1], names[bn]) == 0) {
                hit++;
            }
        }
        total += ncount[bn];
        gcount[bg] = 0;
        ncount[bn] = 0;
    }
    aci_free(enc);
    aci_free(group);
    aci_free(gcount);
    aci_free(gname);
    aci_free(gfreq);
    aci_free(names);
    aci_free(ncount);
    ac_pprl_schema_free(s);
    return total > 0 ? (double)hit / (double)total : 0.0;
}

static void
bench_febrl(const char *repo, const char *shared)
{
    char path[1024];
    struct febrl fa;
    struct febrl fb;
    struct febrl both;
    ac_pprl_schema *s = febrl_schema(repo);
    ac_pprl_clks a;
    ac_pprl_clks b;
    ac_error err;
    double t0;
    double dt;
    size_t reps = 10;
    ac_pprl_eval ev;
    double t;
    static const struct {
        const char *name;
        ac_pprl_hardening h;
    } opts[] = {
        { "none", { 0, 0, -1, 0.0, 0 } },
        { "balance", { 1, 0, -1, 0.0, 0 } },
        { "xor-fold", { 0, 1, -1, 0.0, 0 } },
        { "salt by date_of_birth", { 0, 0, 9, 0.0, 0 } },
        { "flip, epsilon 4", { 0, 0, -1, 4.0, 0 } },
        { "flip, epsilon 2", { 0, 0, -1, 2.0, 0 } },
        { "record-level BF", { 0, 0, -1, 0.0, 1 } },
    };

    snprintf(path, sizeof path, "%s/febrl/dataset4a.csv", shared);
    febrl_read(path, &fa);
    snprintf(path, sizeof path, "%s/febrl/dataset4b.csv", shared);
    febrl_read(path, &fb);
    if (ac_pprl_schema_key(s, (const uint8_t *)"bench-secret", 12, NULL, &err) != AC_OK) {
        exit(1);
    }
    t0 = now();
    for (size_t r = 0; r < reps; r++) {
        ac_pprl_clks tmp;
        encode_all(s, &fa, &tmp);
        ac_pprl_clks_release(&tmp);
    }
    dt = now() - t0;
    printf("encoding (FEBRL4a, 10 fields, 1024 bits, double hashing): %.2f M records/min on "
           "one core\n",
           (double)(reps * fa.n) / dt * 60 / 1e6);
    encode_all(s, &fa, &a);
    encode_all(s, &fb, &b);
    ev = link_f1(&a, &b, &fa, &fb, 0.8);
    printf("FEBRL4 4a vs 4b, data/pprl/febrl4_schema.json, greedy at 0.80: P %.4f R %.4f F1 "
           "%.4f (aim >= 0.996)\n",
           ev.precision, ev.recall, ev.f1);
    best_f1(&a, &b, &fa, &fb, &t, &ev);
    printf("  best threshold %.3f: P %.4f R %.4f F1 %.4f\n", t, ev.precision, ev.recall, ev.f1);
    ac_pprl_clks_release(&a);
    ac_pprl_clks_release(&b);
    ac_pprl_schema_free(s);

    /* both files together: the population the frequency attack sees */
    both.n = fa.n + fb.n;
    both.rows = aci_malloc(both.n * sizeof *both.rows);
    memcpy(both.rows, fa.rows, fa.n * sizeof *fa.rows);
    memcpy(both.rows + fa.n, fb.rows, fb.n * sizeof *fb.rows);
    printf("hardening (FEBRL4 F1 at the best threshold; frequency attack on the 10 most "
           "common given names, 4a+4b):\n");
    printf("  %-24s %8s %7s %16s\n", "option", "F1", "at", "re-identified");
    for (size_t o = 0; o < sizeof opts / sizeof opts[0]; o++) {
        ac_pprl_schema *hs = febrl_schema(repo);
        if (ac_pprl_schema_key(hs, (const uint8_t *)"bench-secret", 12, &opts[o].h, &err) !=
            AC_OK) {
            exit(1);
        }
        encode_all(hs, &fa, &a);
        encode_all(hs, &fb, &b);
        best_f1(&a, &b, &fa, &fb, &t, &ev);
        printf("  %-24s %8.4f %7.3f %15.1f%%\n", opts[o].name, ev.f1, t,
               100 * frequency_attack(repo, &opts[o].h, &both, 10));
        ac_pprl_clks_release(&a);
        ac_pprl_clks_release(&b);
        ac_pprl_schema_free(hs);
    }
    aci_free(both.rows);
    aci_free(fa.text);
    aci_free(fa.rows);
    aci_free(fa.entity);
    aci_free(fb.text);
    aci_free(fb.rows);
    aci_free(fb.entity);
}

static void
bench_fixture(const char *shared)
{
    char path[1024];
    ac_pprl_clks a;
    ac_pprl_clks b;
    size_t len;
    char *json;
    ac_pprl_pair *pairs;
    ac_pprl_pair truth[2000];
    size_t n_truth = 0;
    size_t n;
    uint64_t compared;
    ac_pprl_eval ev;
    ac_error err;
    double t0;
    const char *p;
    unsigned x;
    unsigned y;
    int used;

    snprintf(path, sizeof path, "%s/anonlink/clks-1.json", shared);
    json = slurp(path, &len);
    if (ac_pprl_clks_read_json(json, len, &a, &err) != AC_OK) {
        exit(1);
    }
    aci_free(json);
    snprintf(path, sizeof path, "%s/anonlink/clks-2.json", shared);
    json = slurp(path, &len);
    if (ac_pprl_clks_read_json(json, len, &b, &err) != AC_OK) {
        exit(1);
    }
    aci_free(json);
    snprintf(path, sizeof path, "%s/anonlink/ground-truth.json", shared);
    json = slurp(path, &len);
    for (p = json; (p = strchr(p, '[')) != NULL && n_truth < 2000;) {
        if (sscanf(p, "[%u, %u]%n", &x, &y, &used) == 2) {
            truth[n_truth].a = x;
            truth[n_truth].b = y;
            n_truth++;
            p += used;
        } else {
            p++;
        }
    }
    aci_free(json);
    t0 = now();
    if (ac_pprl_candidates(&a, &b, 0.81, &pairs, &n, &compared, &err) != AC_OK) {
        exit(1);
    }
    n = ac_pprl_solve_greedy(pairs, n);
    if (ac_pprl_evaluate(pairs, n, truth, n_truth, &ev, &err) != AC_OK) {
        exit(1);
    }
    printf("anonlink fixture (3313 x 3266) at 0.81, greedy: P %.4f R %.4f F1 %.4f (aim >= "
           "0.989; %llu of %zu pairs compared after popcount pruning, %.1f ms)\n",
           ev.precision, ev.recall, ev.f1, (unsigned long long)compared, a.n * b.n,
           (now() - t0) * 1e3);
    ac_pprl_free(pairs);
    ac_pprl_clks_release(&a);
    ac_pprl_clks_release(&b);
}

int
main(int argc, char **argv)
{
    size_t n_b = argc > 3 ? (size_t)strtoul(argv[3], NULL, 10) : 200000;

    if (argc < 3) {
        fprintf(stderr, "usage: bench_pprl REPO_DIR SHARED_LINKAGE_DIR [N_B]\n");
        return 2;
    }
    bench_kernels(n_b);
    bench_fixture(argv[2]);
    bench_febrl(argv[1], argv[2]);
    return 0;
}
