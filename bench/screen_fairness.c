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

void
bench_fairness(const ac_screener *s)
{
    ac_watchlist *w = NULL;
    ac_arena *a = ac_arena_new(0);
    uint64_t rng = 20261129;
    double lo = 1, hi = 0;
    ac_error err = { 0 };
    char name[160], dob[16], id[32];

    if (a == NULL || ac_watchlist_new(s, &w, &err) != AC_OK) {
        fprintf(stderr, "bench_screen: fairness: %s\n", err.msg);
        return;
    }
    for (int o = 0; o < ACI_ORIGIN_COUNT; o++) {
        for (int k = 0; k < LISTED_PER_ORIGIN; k++) {
            make_name(&aci_name_pools[o], true, &rng, name, sizeof name);
            make_dob(&rng, dob, sizeof dob);
            snprintf(id, sizeof id, "%d-%d", o, k);
            if (ac_watchlist_add(w, id, name, dob, &err) != AC_OK) {
                fprintf(stderr, "bench_screen: fairness: %s\n", err.msg);
            }
        }
    }
    printf("false alerts by name origin: %d listed people per origin, %d unlisted buyers per "
           "origin (half with a date of birth)\n",
           LISTED_PER_ORIGIN, BUYERS_PER_ORIGIN);
    printf("  %-18s %10s %10s %14s %14s\n", "origin", ">= 0.70", ">= 0.90", "0.70 with dob",
           "0.70 no dob");
    for (int o = 0; o < ACI_ORIGIN_COUNT; o++) {
        size_t possible = 0, strong = 0, with_dob = 0;
        double rate;

        for (int k = 0; k < BUYERS_PER_ORIGIN; k++) {
            ac_screen_hit *hits = NULL;
            size_t n = 0;

            make_name(&aci_name_pools[o], false, &rng, name, sizeof name);
            make_dob(&rng, dob, sizeof dob);
            if (ac_watchlist_screen(w, name, k % 2 ? dob : NULL, AC_SCREEN_POSSIBLE, a, &hits, &n,
                                    &err) == AC_OK &&
                n > 0) {
                possible++;
                strong += hits[0].score >= AC_SCREEN_STRONG;
                with_dob += k % 2;
            }
            ac_arena_reset(a);
        }
        rate = (double)possible / BUYERS_PER_ORIGIN;
        lo = rate < lo ? rate : lo;
        hi = rate > hi ? rate : hi;
        printf("  %-18s %9.1f%% %9.1f%% %13.1f%% %13.1f%%\n", aci_name_pools[o].origin,
               100.0 * rate, 100.0 * (double)strong / BUYERS_PER_ORIGIN,
               200.0 * (double)with_dob / BUYERS_PER_ORIGIN,
               200.0 * (double)(possible - with_dob) / BUYERS_PER_ORIGIN);
    }
    printf("  highest / lowest false-alert rate at 0.70: %.1f (1.0 is equal treatment)\n",
           lo > 0 ? hi / lo : 0.0);
    ac_watchlist_free(w);
    ac_arena_free(a);
}
