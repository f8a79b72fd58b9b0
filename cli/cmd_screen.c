/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_screen.c - accord screen: names screened against a watchlist file, one query on
 * the command line or a file of them, each hit with its score and the reason.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: accord screen --list LIST.csv --queries QUERIES.csv --out HITS.csv [--threshold T]\n"
    "       accord screen NAME [--dob DATE] --list LIST.csv [--threshold T]\n"
    "\n"
    "Screens names against a watchlist: every listed name that scores at least the\n"
    "threshold (default 0.70) is a hit, with the reason.  Names are compared word by word,\n"
    "in any order, across scripts (Барак Обама meets Barack Obama), spellings (Mohammed,\n"
    "Muhammad), nicknames, initials, joined words and particles; a date of birth is a\n"
    "qualifier (the same date supports, a birth year more than two years away lowers,\n"
    "missing changes nothing).  Bands: >= 0.90 strong, >= 0.70 possible.\n"
    "\n"
    "LIST.csv and QUERIES.csv have the header id,name,dob (dob may be empty); in a list an\n"
    "id repeated is an alias.  HITS.csv has the header query_id,list_id,score,explanation,\n"
    "one row per listed entry at or above the threshold, best first for each query.\n"
    "\n"
    "People decide: a hit is a reason to look, not a finding.\n"
    "\n"
    "Examples:\n"
    "  accord screen 'Muhammad Yusuf' --dob 1980-04-01 --list watchlist.csv\n"
    "  accord screen --list watchlist.csv --queries buyers.csv --out hits.csv\n";

/* Screen every name of Q against W; the hits as CSV rows on F. */
static int
screen_each(struct cli *c,
            ac_watchlist *w,
            const ac_watchlist *q,
            double threshold,
            FILE *f,
            size_t *total)
{
    ac_error err = { 0 };

    for (size_t i = 0; i < ac_watchlist_count(q); i++) {
        const char *id, *name, *dob;
        ac_screen_hit *hits = NULL;
        size_t n = 0;

        ac_watchlist_name(q, i, c->arena, &id, &name, &dob);
        if (ac_watchlist_screen(w, name, dob, threshold, c->arena, &hits, &n, &err) != AC_OK) {
            return cli_fail("screen", &err);
        }
        for (size_t k = 0; k < n; k++) {
            char score[16];

            snprintf(score, sizeof score, "%.4f", hits[k].score);
            cli_csv_field(f, id, false);
            cli_csv_field(f, hits[k].list_id, false);
            fprintf(f, "%s,", score);
            cli_csv_field(f, hits[k].explanation, true);
        }
        *total += n;
    }
    return CLI_OK;
}

/* Screen each row of QUERIES (id,name,dob) and write the hits to OUT. */
static int
screen_file(struct cli *c, ac_watchlist *w, const char *queries, const char *out, double threshold)
{
    ac_watchlist *q = NULL;
    ac_screener *s = NULL;
    FILE *f;
    size_t total = 0;
    ac_error err = { 0 };
    int rc = CLI_OK;

    /* the queries are read like a list: the same file format, the same checks */
    if (ac_screener_new(&s, &err) != AC_OK || ac_watchlist_new(s, &q, &err) != AC_OK ||
        ac_watchlist_read_csv(q, queries, &err) != AC_OK) {
        ac_watchlist_free(q);
        ac_screener_free(s);
        return cli_fail("screen", &err);
    }
    if ((f = fopen(out, "w")) == NULL) {
        fprintf(stderr, "accord screen: cannot write '%s': %s\n", out, strerror(errno));
        ac_watchlist_free(q);
        ac_screener_free(s);
        return CLI_FAIL;
    }
    fputs("query_id,list_id,score,explanation\n", f);
    rc = screen_each(c, w, q, threshold, f, &total);
    if (fclose(f) != 0) {
        rc = CLI_FAIL;
    }
    if (rc == CLI_OK) {
        fprintf(stderr, "%zu %s screened against %zu listed %s: %zu %s in %s\n",
                ac_watchlist_count(q), cli_plural(ac_watchlist_count(q), "query", "queries"),
                ac_watchlist_count(w), cli_plural(ac_watchlist_count(w), "name", "names"), total,
                cli_plural(total, "hit", "hits"), out);
    }
    ac_watchlist_free(q);
    ac_screener_free(s);
    return rc;
}

int
cli_cmd_screen(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONGOPTS,
        { "list", required_argument, NULL, 'l' },
        { "queries", required_argument, NULL, 'q' },
        { "out", required_argument, NULL, 'o' },
        { "threshold", required_argument, NULL, 't' },
        { "dob", required_argument, NULL, 'd' },
        { NULL, 0, NULL, 0 },
    };
    const char *list = NULL, *queries = NULL, *out = NULL, *dob = NULL;
    double threshold = AC_SCREEN_POSSIBLE;
    ac_screener *s = NULL;
    ac_watchlist *w = NULL;
    ac_error err = { 0 };
    char *end = NULL;
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        switch (opt) {
        case 'l':
            list = optarg;
            break;
        case 'q':
            queries = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case 'd':
            dob = optarg;
            break;
        case 't':
            threshold = strtod(optarg, &end);
            if (end == optarg || *end != '\0' || !(threshold >= 0 && threshold <= 1)) {
                return cli_usage("screen", "--threshold: a score from 0 to 1");
            }
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        default:
            return cli_usage("screen", "unknown option: see 'accord screen --help'");
        }
    }
    if (list == NULL) {
        return cli_usage("screen", "say which list: --list LIST.csv");
    }
    if ((queries == NULL) == (optind + 1 != argc)) {
        return cli_usage("screen", "give one NAME, or --queries FILE with --out FILE");
    }
    if (queries != NULL && out == NULL) {
        return cli_usage("screen", "say where the hits go: --out HITS.csv");
    }
    if (ac_screener_new(&s, &err) != AC_OK || ac_watchlist_new(s, &w, &err) != AC_OK ||
        ac_watchlist_read_csv(w, list, &err) != AC_OK) {
        ac_watchlist_free(w);
        ac_screener_free(s);
        return cli_fail("screen", &err);
    }
    if (queries != NULL) {
        rc = screen_file(c, w, queries, out, threshold);
    } else {
        ac_screen_hit *hits = NULL;
        size_t n = 0;

        rc =
            ac_watchlist_screen(w, argv[optind], dob, threshold, c->arena, &hits, &n, &err) == AC_OK
                ? CLI_OK
                : cli_fail("screen", &err);
        for (size_t i = 0; rc == CLI_OK && i < n; i++) {
            printf("%.3f  %s  %s  (%s, match probability %.3f)\n       %s\n", hits[i].score,
                   hits[i].list_id, hits[i].listed_name,
                   hits[i].alert ? "alert" : "possible match, low priority", hits[i].probability,
                   hits[i].explanation);
        }
        if (rc == CLI_OK) {
            fprintf(stderr, "%zu %s at or above %.2f among %zu listed %s\n", n,
                    cli_plural(n, "hit", "hits"), threshold, ac_watchlist_count(w),
                    cli_plural(ac_watchlist_count(w), "name", "names"));
        }
    }
    ac_watchlist_free(w);
    ac_screener_free(s);
    return rc;
}
