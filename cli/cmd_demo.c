/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_demo.c - accord demo: build the synthetic West Midlands partnership.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEMO_PASSWORD "accord-demo-password"
#define MINUTE_MS     (60 * 1000LL)

static const char help[] =
    "usage: accord demo [--seed N] [--persons N] [--of-interest N] [--now TIME] [--no-work]\n"
    "                   [--public-key-out FILE]\n"
    "\n"
    "Create a synthetic West Midlands partnership in a new hub (--db): the Security\n"
    "Service, the regional Counter Terrorism Unit, the city council, probation and a\n"
    "chemicals retailer; a user of every role; about 10,000 residents and a few hundred\n"
    "people of interest whose names come from many origins, recorded by several agencies\n"
    "with the spelling variants and errors real copies show.  People of interest are\n"
    "drawn from the same mix of names as residents.  Every person is invented; the same\n"
    "seed and --now always give the same partnership.\n"
    "\n"
    "Work is in flight for every role: cases at each state of their workflows (subjects of\n"
    "interest, a closed SOI's review, Prevent referrals at the police gateway, Channel\n"
    "with consent pending and support plans under review, offender notifications due and\n"
    "overdue), open and escalated alerts from the retailer's reports, releases waiting\n"
    "for a second person's approval, link proposals, requests for information between\n"
    "the agencies, answered ones with person disclosures.  The summary ends with what is\n"
    "waiting for each user.\n"
    "\n"
    "  --seed N         generator seed (default 42)\n"
    "  --persons N      residents (default 10000)\n"
    "  --of-interest N  people of interest (default 300)\n"
    "  --now TIME       the demo's now (RFC 3339 or YYYY-MM-DD): every record, step and\n"
    "                   deadline is dated relative to it (default: this minute)\n"
    "  --no-work        the partnership, its users and people only, with nothing in flight\n"
    "                   (to start from nothing, as the tests of one workflow do)\n"
    "  --password P     every demo user's password, for signing in to 'accord serve'\n"
    "                   (default " DEMO_PASSWORD "; 'none' for no passwords)\n"
    "  --public-key-out FILE  where the audit public key is pinned (default: the\n"
    "                   database's path + .pub)\n"
    "\n"
    "Example:\n"
    "  accord --db var/demo.db demo --seed 7\n";

struct demo_ui {
    struct cli_progress progress;
};

static void
on_progress(void *ctx, uint64_t done, uint64_t total)
{
    struct demo_ui *ui = ctx;

    cli_progress_update(&ui->progress, done, total, done);
}

static int
parse_count(const char *s, size_t *out)
{
    char *end = NULL;
    unsigned long v = strtoul(s, &end, 10);

    if (end == s || *end != '\0' || v == 0 || v > 10000000) {
        return -1;
    }
    *out = v;
    return 0;
}

int
cli_cmd_demo(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "seed", required_argument, NULL, 's' },
                                          { "persons", required_argument, NULL, 'n' },
                                          { "of-interest", required_argument, NULL, 'i' },
                                          { "password", required_argument, NULL, 'p' },
                                          { "public-key-out", required_argument, NULL, 'o' },
                                          { "now", required_argument, NULL, 't' },
                                          { "no-work", no_argument, NULL, 'w' },
                                          { NULL, 0, NULL, 0 } };
    ac_demo_options o;
    ac_demo_result res;
    struct demo_ui ui;
    ac_error err = { 0 };
    size_t n_users = 0;
    const ac_demo_user *users = ac_demo_users(&n_users);
    char a[32], b[32], a_now[AC_TIME_TEXT_MAX];
    const char *pub = NULL;
    int opt, rc;

    memset(&o, 0, sizeof o);
    o.seed = 42;
    o.password = DEMO_PASSWORD;
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 's') {
            o.seed = strtoull(optarg, NULL, 10);
        } else if (opt == 'n') {
            if (parse_count(optarg, &o.residents) != 0) {
                return cli_usage("demo", "--persons: expected a number from 1 to 10,000,000");
            }
        } else if (opt == 'i') {
            if (parse_count(optarg, &o.of_interest) != 0) {
                return cli_usage("demo", "--of-interest: expected a positive number");
            }
        } else if (opt == 'p') {
            o.password = strcmp(optarg, "none") == 0 ? NULL : optarg;
        } else if (opt == 'o') {
            pub = optarg;
        } else if (opt == 't') {
            if (ac_time_parse(optarg, &o.now_ms, &err) != AC_OK) {
                return cli_usage("demo", "--now: expected a time (RFC 3339) or a day (YYYY-MM-DD)");
            }
        } else if (opt == 'w') {
            o.no_work = true;
        } else if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        } else {
            return cli_usage("demo", "unknown option");
        }
    }
    if (optind != argc) {
        return cli_usage("demo", "unexpected argument '%s'", argv[optind]);
    }
    if (cli_db_file(c) != NULL && access(cli_db_file(c), F_OK) == 0) {
        fprintf(stderr, "accord: demo: '%s' already exists: remove it, or choose another --db\n",
                c->db_path);
        return CLI_FAIL;
    }
    if (o.now_ms == 0) {
        o.now_ms = ac_time_now_ms() / MINUTE_MS * MINUTE_MS;
    }
    rc = cli_open(c, true);
    if (rc != CLI_OK) {
        return rc;
    }
    memset(&ui, 0, sizeof ui);
    cli_progress_init(&ui.progress, "writing persons");
    o.on_progress = on_progress;
    o.ctx = &ui;
    if (ac_demo_build(c->hub, &o, &res, &err) != AC_OK) {
        cli_progress_done(&ui.progress);
        return cli_fail("demo", &err);
    }
    cli_progress_done(&ui.progress);
    printf("created the demo partnership in %s (seed %llu)\n", c->db_path,
           (unsigned long long)o.seed);
    printf("  %zu agencies, %zu users, %s person records; %s people are known to more than one "
           "agency\n",
           res.agencies, res.users, cli_thousands(res.persons, a),
           cli_thousands(res.shared_persons, b));
    printf("  users (act as one with --as%s%s%s):\n", o.password ? "; password '" : "",
           o.password ? o.password : "", o.password ? "'" : "");
    for (size_t i = 0; i < n_users; i++) {
        printf("    %-18s %-13s %-5s %s\n", users[i].username, users[i].roles, users[i].vetting,
               users[i].agency);
    }
    printf("  waiting for each user at %s:\n", ac_time_format(o.now_ms, a_now));
    for (size_t i = 0; i < n_users; i++) {
        const char *text = NULL;

        if (ac_demo_waiting(c->hub, users[i].username, o.now_ms, c->arena, &text, &err) != AC_OK) {
            return cli_fail("demo", &err);
        }
        printf("    %-18s %s\n", users[i].username, text);
    }
    return cli_audit_pin_key(c, pub);
}
