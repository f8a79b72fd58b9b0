/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_status.c - accord status: what the hub holds (administrators and auditors).
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static const char help[] =
    "usage: accord status --as USER\n"
    "\n"
    "Counts of what the hub holds: agencies, users, records, audit entries.  Needs the\n"
    "admin or auditor role; counts are aggregates and name no record.\n";

int
cli_cmd_status(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS, { NULL, 0, NULL, 0 } };
    ac_hub_stats s;
    ac_error err = { 0 };
    char buf[32], buf2[32];
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        }
        return cli_usage("status", "unknown option");
    }
    if (optind != argc) {
        return cli_usage("status", "unexpected argument '%s'", argv[optind]);
    }
    rc = cli_open_as(c);
    if (rc != CLI_OK) {
        return rc;
    }
    if (ac_hub_stats_get(c->hub, c->actor, c->purpose ? c->purpose : "", &s, &err) != AC_OK) {
        return cli_fail("status", &err);
    }
    printf("hub %s (schema version %d)\n", c->db_path, ac_hub_schema_version(c->hub));
    printf("  agencies       %s\n", cli_thousands((unsigned long long)s.agencies, buf));
    printf("  users          %s\n", cli_thousands((unsigned long long)s.users, buf));
    printf("  persons        %s (%s names)\n", cli_thousands((unsigned long long)s.persons, buf),
           cli_thousands((unsigned long long)s.person_names, buf2));
    printf("  objects        %s\n", cli_thousands((unsigned long long)s.objects, buf));
    printf("  locations      %s\n", cli_thousands((unsigned long long)s.locations, buf));
    printf("  events         %s\n", cli_thousands((unsigned long long)s.events, buf));
    printf("  items          %s\n", cli_thousands((unsigned long long)s.items, buf));
    printf("  links          %s\n", cli_thousands((unsigned long long)s.links, buf));
    printf("  cases          %s\n", cli_thousands((unsigned long long)s.cases, buf));
    printf("  audit entries  %s\n", cli_thousands((unsigned long long)s.audit_entries, buf));
    return CLI_OK;
}
