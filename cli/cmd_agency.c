/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_agency.c - accord agency add|list.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static const char help[] =
    "usage: accord agency add NAME --kind KIND [--country CC]\n"
    "       accord agency list [--json]\n"
    "       accord agency discoverability [AGENCY]   (whose holdings each kind may discover)\n"
    "       accord agency discoverability KIND yes|no   (your agency's administrators)\n"
    "\n"
    "Agencies are the members of the partnership.  Adding one needs the admin role.\n"
    "\n"
    "  --kind KIND   security_service, ct_policing, police_force, local_authority,\n"
    "                probation, prison, health, education, charity_regulator,\n"
    "                private_sector, international_partner\n"
    "  --country CC  ISO 3166 two-letter country (default GB)\n"
    "\n"
    "Example:\n"
    "  accord --as admin agency add 'Sandwell Council' --kind local_authority\n";

static int
agency_list(struct cli *c)
{
    static const char *const headers[] = { "ID", "NAME", "KIND", "COUNTRY" };
    ac_agency *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    struct cli_table *t;

    if (ac_agency_list(c->hub, c->actor, c->purpose ? c->purpose : "", c->arena, &list, &n, &err) !=
        AC_OK) {
        return cli_fail("agency list", &err);
    }
    if (c->json) {
        for (size_t i = 0; i < n; i++) {
            printf("{\"id\":\"%s\",\"name\":", list[i].id);
            cli_json_string(stdout, list[i].name);
            printf(",\"kind\":\"%s\",\"country\":\"%s\"}\n", ac_agency_kind_str(list[i].kind),
                   list[i].country);
        }
        return CLI_OK;
    }
    t = cli_table_new(c->arena, 4, headers);
    for (size_t i = 0; i < n; i++) {
        const char *row[] = { list[i].id, list[i].name, ac_agency_kind_str(list[i].kind),
                              list[i].country };

        cli_table_add(t, row);
    }
    cli_table_print(t, stdout);
    return CLI_OK;
}

static int
agency_add(struct cli *c, const char *name, const char *kind_s, const char *country)
{
    ac_agency g = { 0 };
    const char *id = NULL;
    ac_error err = { 0 };

    if (kind_s == NULL) {
        return cli_usage("agency", "add needs --kind");
    }
    if (ac_agency_kind_parse(kind_s, &g.kind, &err) != AC_OK) {
        return cli_usage("agency", "--kind: %s", err.msg);
    }
    g.name = name;
    g.country = country;
    if (ac_agency_add(c->hub, c->actor, c->purpose ? c->purpose : "", &g, c->arena, &id, &err) !=
        AC_OK) {
        return cli_fail("agency add", &err);
    }
    printf("%s\n", id);
    return CLI_OK;
}

int
cli_cmd_agency(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "kind", required_argument, NULL, 'k' },
                                          { "country", required_argument, NULL, 'c' },
                                          { NULL, 0, NULL, 0 } };
    const char *kind = NULL, *country = "GB";
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 'k') {
            kind = optarg;
        } else if (opt == 'c') {
            country = optarg;
        } else if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        } else {
            return cli_usage("agency", "unknown option");
        }
    }
    if (optind >= argc) {
        return cli_usage("agency", "say add or list");
    }
    if (strcmp(argv[optind], "list") == 0 && optind + 1 == argc) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : agency_list(c);
    }
    if (strcmp(argv[optind], "discoverability") == 0 && optind + 3 >= argc) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc
                            : cli_agency_discoverability(c, argc - optind - 1, argv + optind + 1);
    }
    if (strcmp(argv[optind], "add") == 0 && optind + 2 == argc) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : agency_add(c, argv[optind + 1], kind, country);
    }
    return cli_usage("agency", "expected 'add NAME --kind KIND' or 'list'");
}
