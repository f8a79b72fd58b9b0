/* SPDX-License-Identifier: Apache-2.0
 *
 * screen_fairness.c - false alerts by name origin (bench_screen.h).  A synthetic watchlist
 * holds the same number of people from each naming tradition of the demo's name pools;
 * synthetic buyers, none of them listed, are screened against it.  Every hit is a false
 * alert, and a fair screener raises them at the same rate whatever the community.  Names
 * are drawn by the pools' frequencies, so communities where a few names are very common
 * meet the same-name problem as they do in life; buyers' names are spelt in any of the
 * spellings the pools give.  Half the buyers give a date of birth: the rates are shown for
 * each half too, since a contradicting birth year is what tells two people of the same
 * name apart.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "accord/accord.h"
#include "bench_screen.h"
#include "demo/names_int.h"

#define LISTED_PER_ORIGIN 200
#define BUYERS_PER_ORIGIN 2000

static uint64_t
next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* A group of GROUPS[0..N) drawn by weight. */
static const struct aci_name_group *
pick(const struct aci_name_group *groups, size_t n, uint64_t *rng)
{
    uint64_t total = 0, at;

    for (size_t i = 0; i < n; i++) {
        total += groups[i].weight;
    }
    at = next(rng) % total;
    for (size_t i = 0; i < n; i++) {
        if (at < groups[i].weight) {
            return &groups[i];
        }
        at -= groups[i].weight;
    }
    return &groups[n - 1];
}

/* Spelling K (modulo how many there are) of G, into BUF. */
static void
spelling(const struct aci_name_group *g, uint64_t k, char *buf, size_t cap)
{
    const char *s = g->spellings;
    size_t count = 1;

    for (const char *p = s; *p != '\0'; p++) {
        count += *p == '|';
    }
    for (k %= count; k > 0; k--) {
        s = strchr(s, '|') + 1;
    }
    snprintf(buf, cap, "%.*s", (int)strcspn(s, "|"), s);
}

/* A whole name from POOL: first spellings when LISTED, any spelling otherwise. */
static void
make_name(const struct aci_name_pool *pool, bool listed, uint64_t *rng, char *out, size_t cap)
{
    char given[64], family[64];

    spelling(pick(pool->given, pool->n_given, rng), listed ? 0 : next(rng), given, sizeof given);
    spelling(pick(pool->family, pool->n_family, rng), listed ? 0 : next(rng), family,
             sizeof family);
    snprintf(out, cap, "%s %s", given, family);
}

static void
make_dob(uint64_t *rng, char *out, size_t cap)
{
    snprintf(out, cap, "%04d-%02d-%02d", 1950 + (int)(next(rng) % 50), 1 + (int)(next(rng) % 12),
             1 + (int)(next(rng) % 28));
}

/* Two typos in WORD (a letter changed, then two letters swapped), in place. */
static void
typo2(char *word, uint64_t *rng)
{
    size_t len = strlen(word);

    /* letters only where they are ASCII: changing one byte of a letter written in two
     * (a, n with accents, l with a stroke) made invalid UTF-8, a name every screener
     * refuses, not a typo */
    if (len >= 4) {
        size_t i = 1 + next(rng) % (len - 2);

        if ((unsigned char)word[i] < 0x80) {
            word[i] = word[i] == 'e' ? 'a' : 'e';
        }
        i = 1 + next(rng) % (len - 2);
        if (i + 1 < len && (unsigned char)word[i] < 0x80 && (unsigned char)word[i + 1] < 0x80) {
            char t = word[i];

            word[i] = word[i + 1];
            word[i + 1] = t;
        }
    }
}

/* The bytes of the first letter of S (UTF-8): its lead byte and continuation bytes. */
static size_t
first_letter_len(const char *s)
{
    size_t n = 1;

    while (s[0] != '\0' && ((unsigned char)s[n] & 0xc0) == 0x80) {
        n++;
    }
    return n;
}

/* A listed person's record corrupted the way real records are (kind K), into NAME and
 * DOB; what was done, as a label. */
static const char *
corrupt(const struct aci_name_pool *pool,
        const struct aci_name_group *given,
        const struct aci_name_group *family,
        const char *listed_dob,
        int k,
        uint64_t *rng,
        char *name,
        size_t cap,
        char *dob)
{
    char g[64], f[64];
    int y, m, d;

    spelling(given, 1 + next(rng), g, sizeof g); /* another spelling, when there is one */
    spelling(family, 0, f, sizeof f);
    memcpy(dob, listed_dob, 11);
    (void)sscanf(listed_dob, "%d-%d-%d", &y, &m, &d);
    switch (k % 7) {
    case 0:
        spelling(family, 1 + next(rng), f, sizeof f);
        snprintf(name, cap, "%s %s", g, f);
        return "transliteration";
    case 1:
        typo2(f, rng);
        snprintf(name, cap, "%s %s", g, f);
        return "two typos";
    case 2:
        /* the whole first letter, however many bytes it is written in */
        snprintf(name, cap, "%.*s. %s", (int)first_letter_len(g), g, f);
        return "initial";
    case 3:
        snprintf(name, cap, "%s %s", f, g);
        return "swapped names";
    case 4:
        snprintf(name, cap, "%s %s", g, f);
        /* one digit of the day, within the month (a 29 February in 1974 is no date) */
        snprintf(dob, 48, "%04d-%02d-%02d", y, m, d % 10 == 9 || d >= 28 ? d - 1 : d + 1);
        return "slipped digit";
    case 5:
        snprintf(name, cap, "%s %s", g, f);
        if (d <= 12) {
            snprintf(dob, 48, "%04d-%02d-%02d", y, d, m);
        } else {
            snprintf(dob, 48, "%04d-%02d-%02d", y % 10 == 9 ? y - 1 : y + 1, m, d);
        }
        return "day and month";
    default:
        spelling(pick(pool->family, pool->n_family, rng), 0, f, sizeof f);
        snprintf(name, cap, "%s %s", g, f);
        return "family name changed";
    }
}

struct rate {
    size_t n, found, alerted;
};

static double
ratio(const double *v, size_t n)
{
    double lo = 1e9, hi = 0;

    for (size_t i = 0; i < n; i++) {
        lo = v[i] < lo ? v[i] : lo;
        hi = v[i] > hi ? v[i] : hi;
    }
    return lo > 0 ? hi / lo : (hi > 0 ? -1.0 : 1.0);
}

void
bench_fairness(const ac_screener *s)
{
    static const struct aci_name_group *given[ACI_ORIGIN_COUNT][LISTED_PER_ORIGIN];
    static const struct aci_name_group *family[ACI_ORIGIN_COUNT][LISTED_PER_ORIGIN];
    static char dobs[ACI_ORIGIN_COUNT][LISTED_PER_ORIGIN][16];
    ac_watchlist *w = NULL;
    ac_arena *a = ac_arena_new(0);
    uint64_t rng = 20261129;
    double fa_dob[ACI_ORIGIN_COUNT], fa_none[ACI_ORIGIN_COUNT], rc_dob[ACI_ORIGIN_COUNT],
        rc_none[ACI_ORIGIN_COUNT];
    size_t all_dob = 0, all_dob_alerts = 0, kind_n[7] = { 0 }, kind_found[2][7] = { { 0 } };
    const char *kind_name[7] = { NULL };
    ac_error err = { 0 };
    char name[160], dob[48], id[32];

    if (a == NULL || ac_watchlist_new(s, &w, &err) != AC_OK) {
        fprintf(stderr, "bench_screen: fairness: %s\n", err.msg);
        return;
    }
    for (int o = 0; o < ACI_ORIGIN_COUNT; o++) {
        const struct aci_name_pool *pool = &aci_name_pools[o];

        for (int k = 0; k < LISTED_PER_ORIGIN; k++) {
            char g[64], f[64];

            given[o][k] = pick(pool->given, pool->n_given, &rng);
            family[o][k] = pick(pool->family, pool->n_family, &rng);
            spelling(given[o][k], 0, g, sizeof g);
            spelling(family[o][k], 0, f, sizeof f);
            snprintf(name, sizeof name, "%s %s", g, f);
            make_dob(&rng, dobs[o][k], sizeof dobs[o][k]);
            snprintf(id, sizeof id, "%d-%d", o, k);
            if (ac_watchlist_add(w, id, name, dobs[o][k], &err) != AC_OK) {
                fprintf(stderr, "bench_screen: fairness: %s\n", err.msg);
            }
        }
    }
    printf("false alerts by name origin: %d listed people per origin, %d unlisted buyers per "
           "origin (half with a date of birth); an alert is a match probability >= %.2f, a "
           "possible match any hit at resemblance >= 0.70\n",
           LISTED_PER_ORIGIN, BUYERS_PER_ORIGIN, AC_SCREEN_ALERT);
    printf("recall: each listed person screened as a corrupted record (transliteration, two "
           "typos, initial, swapped names, slipped digit, day and month swapped, family name "
           "changed), with and without a date of birth: found (a hit) / alerted\n");
    printf("  %-18s %9s %9s %9s %9s | %15s %15s\n", "origin", "alerts", "with dob", "no dob",
           "possible", "recall dob", "recall no dob");
    for (int o = 0; o < ACI_ORIGIN_COUNT; o++) {
        struct rate fa[2] = { { 0 } }, rc[2] = { { 0 } };
        size_t possible = 0;

        for (int k = 0; k < BUYERS_PER_ORIGIN; k++) {
            ac_screen_hit *hits = NULL;
            size_t n = 0;
            bool with = k % 2;

            make_name(&aci_name_pools[o], false, &rng, name, sizeof name);
            make_dob(&rng, dob, sizeof dob);
            fa[with].n++;
            if (ac_watchlist_screen(w, name, with ? dob : NULL, AC_SCREEN_POSSIBLE, a, &hits, &n,
                                    &err) == AC_OK &&
                n > 0) {
                bool alerted = false;

                possible++;
                for (size_t i = 0; i < n; i++) {
                    alerted = alerted || hits[i].alert;
                }
                fa[with].alerted += alerted;
            }
            ac_arena_reset(a);
        }
        for (int k = 0; k < LISTED_PER_ORIGIN; k++) {
            for (int with = 0; with < 2; with++) {
                ac_screen_hit *hits = NULL;
                size_t n = 0;
                char want[32];

                kind_name[k % 7] = corrupt(&aci_name_pools[o], given[o][k], family[o][k],
                                           dobs[o][k], k, &rng, name, sizeof name, dob);
                kind_n[k % 7] += with;
                snprintf(want, sizeof want, "%d-%d", o, k);
                rc[with].n++;
                if (ac_watchlist_screen(w, name, with ? dob : NULL, AC_SCREEN_POSSIBLE, a, &hits,
                                        &n, &err) == AC_OK) {
                    for (size_t i = 0; i < n; i++) {
                        if (strcmp(hits[i].list_id, want) == 0) {
                            rc[with].found++;
                            kind_found[with][k % 7]++;
                            rc[with].alerted += hits[i].alert;
                            break;
                        }
                    }
                }
                ac_arena_reset(a);
            }
        }
        fa_dob[o] = (double)fa[1].alerted / (double)fa[1].n;
        fa_none[o] = (double)fa[0].alerted / (double)fa[0].n;
        rc_dob[o] = (double)rc[1].found / (double)rc[1].n;
        rc_none[o] = (double)rc[0].found / (double)rc[0].n;
        all_dob += fa[1].n;
        all_dob_alerts += fa[1].alerted;
        printf("  %-18s %8.2f%% %8.2f%% %8.2f%% %8.1f%% | %6.3f / %6.3f %6.3f / %6.3f\n",
               aci_name_pools[o].origin,
               100.0 * (double)(fa[0].alerted + fa[1].alerted) / BUYERS_PER_ORIGIN,
               100.0 * fa_dob[o], 100.0 * fa_none[o], 100.0 * (double)possible / BUYERS_PER_ORIGIN,
               rc_dob[o], (double)rc[1].alerted / (double)rc[1].n, rc_none[o],
               (double)rc[0].alerted / (double)rc[0].n);
    }
    printf("  false alerts on buyers with a date of birth, all origins: %.2f%% (aim <= 0.5%%)\n",
           100.0 * (double)all_dob_alerts / (double)all_dob);
    printf("  highest / lowest false-alert rate (1.0 is equal treatment; aim <= 1.5; -1: some "
           "origin has none and another some): with dob %.2f, without %.2f\n",
           ratio(fa_dob, ACI_ORIGIN_COUNT), ratio(fa_none, ACI_ORIGIN_COUNT));
    printf("  highest / lowest recall (found): with dob %.3f, without %.3f\n",
           ratio(rc_dob, ACI_ORIGIN_COUNT), ratio(rc_none, ACI_ORIGIN_COUNT));
    printf("  recall (found) by corruption, all origins, with / without a date of birth:");
    for (int k = 0; k < 7; k++) {
        printf("%s %s %.2f / %.2f", k ? ";" : "", kind_name[k] != NULL ? kind_name[k] : "?",
               (double)kind_found[1][k] / (double)kind_n[k],
               (double)kind_found[0][k] / (double)kind_n[k]);
    }
    printf("\n");
    ac_watchlist_free(w);
    ac_arena_free(a);
}
