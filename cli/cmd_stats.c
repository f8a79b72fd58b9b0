/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_stats.c - accord stats TABLE: the partnership's statistics for a period and area,
 * with small numbers suppressed (statistics.h), as a table to read, CSV, JSON or an SVG
 * bar chart.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char help[] =
    "usage: accord stats TABLE --as USER [--from DAY] [--to DAY] [--area AGENCY] [--round]\n"
    "                          [--csv | --json] [--svg FILE]\n"
    "\n"
    "Counts of the partnership's own records for a period (days YYYY-MM-DD, both\n"
    "included) and an area (one agency's records; default: the whole partnership).\n"
    "Counts of 1 to 4 are shown as \"<5\", and further cells are withheld as \"[c]\" so\n"
    "that no small count can be worked out from the others and the totals; --round\n"
    "rounds every number to the nearest 5.  Analysts, auditors and administrators may\n"
    "read them (never a private-sector partner); every call is audited.\n"
    "\n"
    "Tables:\n"
    "  referrals      Prevent referrals by sector and type of concern\n"
    "  outcomes       Prevent referrals by sector and outcome\n"
    "  reports        suspicious-purchase reports by class of substance and kind\n"
    "  alerts         alerts by priority and time to acknowledgement\n"
    "  rfis           requests for information by urgency and time to answer\n"
    "  notifications  registered terrorist offenders' notifications, on time or late\n"
    "\n"
    "  --csv          the table as CSV (a header row, then one row per category and Total)\n"
    "  --json         the table as one JSON object\n"
    "  --svg FILE     also draw the row totals as a bar chart in FILE\n"
    "\n"
    "Examples:\n"
    "  accord stats referrals --as oversight.auditor\n"
    "  accord stats alerts --as ctp.analyst --from 2026-01-01 --to 2026-12-31 --csv\n"
    "  accord stats reports --as oversight.auditor --round --svg reports.svg\n";

static void
print_text(const ac_stats_table *t)
{
    printf("%s\n", t->title);
    printf("period %s to %s; area %s%s\n\n", t->from[0] != '\0' ? t->from : "the first record",
           t->to[0] != '\0' ? t->to : "the last", t->area[0] != '\0' ? t->area : "the partnership",
           t->rounded ? "; rounded to 5" : "");
    printf("%-38s", t->row_title);
    for (size_t c = 0; c <= t->n_cols; c++) {
        printf(" %10.10s", c < t->n_cols ? t->cols[c] : "Total");
    }
    printf("\n");
    for (size_t r = 0; r <= t->n_rows; r++) {
        printf("%-38s", r < t->n_rows ? t->rows[r] : "Total");
        for (size_t c = 0; c <= t->n_cols; c++) {
            printf(" %10s", t->cells[r * (t->n_cols + 1) + c]);
        }
        printf("\n");
    }
    printf("\n<5: a count of 1 to 4.  [c]: withheld so that no small count can be worked out.\n");
}

static int
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    if (f == NULL || fputs(text, f) == EOF) {
        fprintf(stderr, "accord stats: cannot write '%s': %s\n", path, strerror(errno));
        if (f != NULL) {
            fclose(f);
        }
        return CLI_FAIL;
    }
    return fclose(f) == 0 ? CLI_OK : CLI_FAIL;
}

int
cli_cmd_stats(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "from", required_argument, NULL, 'f' },
                                          { "to", required_argument, NULL, 't' },
                                          { "area", required_argument, NULL, 'a' },
                                          { "round", no_argument, NULL, 'r' },
                                          { "csv", no_argument, NULL, 'c' },
                                          { "svg", required_argument, NULL, 's' },
                                          { NULL, 0, NULL, 0 } };
    ac_stats_query q = { 0 };
    const ac_stats_table *t = NULL;
    const char *svg_path = NULL;
    ac_error err = { 0 };
    bool csv = false;
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        switch (opt) {
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        case 'f':
            q.from = optarg;
            break;
        case 't':
            q.to = optarg;
            break;
        case 'a':
            q.area = optarg;
            break;
        case 'r':
            q.round = true;
            break;
        case 'c':
            csv = true;
            break;
        case 's':
            svg_path = optarg;
            break;
        default:
            return cli_usage("stats", "unknown option");
        }
    }
    if (optind + 1 != argc) {
        return cli_usage("stats", optind == argc ? "name a table (referrals, outcomes, reports, "
                                                   "alerts, rfis, notifications)"
                                                 : "one table at a time");
    }
    if (csv && c->json) {
        return cli_usage("stats", "--csv and --json: choose one");
    }
    q.table = argv[optind];
    rc = cli_open_as(c);
    if (rc != CLI_OK) {
        return rc;
    }
    if (ac_stats_get(c->hub, c->actor, c->purpose ? c->purpose : "", &q, c->arena, &t, &err) !=
        AC_OK) {
        return cli_fail("stats", &err);
    }
    if (csv) {
        fputs(ac_stats_csv(t, c->arena), stdout);
    } else if (c->json) {
        printf("%s\n", ac_stats_json(t, c->arena));
    } else {
        print_text(t);
    }
    return svg_path != NULL ? write_file(svg_path, ac_stats_svg(t, c->arena)) : CLI_OK;
}
