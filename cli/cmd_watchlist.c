/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_watchlist.c - accord watchlist import|list: the lists reported buyers are screened
 * against, held in the hub beside the persons the partners record.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: accord watchlist import FILE --format csv|ofac|un-xml [--alt ALT.CSV] [--name N]\n"
    "       accord watchlist list\n"
    "\n"
    "Imports a list that every report's buyer is screened against (as well as the persons\n"
    "the partners hold).  Importing under a name already used replaces that list in one\n"
    "transaction, so a daily sanctions update is one command; a file with an error changes\n"
    "nothing and the error names the line.\n"
    "\n"
    "  --format csv     id,name,dob with one row per name; an id repeated is an alias\n"
    "  --format ofac    OFAC's SDN.CSV; give ALT.CSV (aliases) with --alt\n"
    "  --format un-xml  the UN Security Council consolidated list\n"
    "  --name N         the list's name (default: the file's name)\n"
    "\n"
    "Example:\n"
    "  accord --as ctp.analyst --purpose 'sanctions update' watchlist import sdn.csv \\\n"
    "      --format ofac --alt alt.csv --name 'OFAC SDN'\n";

int
cli_cmd_watchlist(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONGOPTS,
        { "format", required_argument, NULL, 'f' },
        { "alt", required_argument, NULL, 'a' },
        { "name", required_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    const char *alt = NULL, *name = NULL, *format = NULL, *verb, *purpose;
    ac_watchlist_format f = AC_WATCHLIST_CSV;
    ac_error err = { 0 };
    char count[32];
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 'f') {
            format = optarg;
        } else if (opt == 'a') {
            alt = optarg;
        } else if (opt == 'n') {
            name = optarg;
        } else if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        } else {
            return cli_usage("watchlist", "unknown option: see 'accord watchlist --help'");
        }
    }
    verb = optind < argc ? argv[optind] : "";
    if (!((strcmp(verb, "import") == 0 && optind + 2 == argc) ||
          (strcmp(verb, "list") == 0 && optind + 1 == argc))) {
        return cli_usage("watchlist", "import FILE --format F, or list");
    }
    if (strcmp(verb, "import") == 0) {
        if (format == NULL) {
            return cli_usage("watchlist", "--format: csv, ofac or un-xml");
        }
        if (ac_watchlist_format_parse(format, &f, &err) != AC_OK) {
            return cli_usage("watchlist", "--format: %s", err.msg);
        }
        if (alt != NULL && f != AC_WATCHLIST_OFAC) {
            return cli_usage("watchlist", "--alt is OFAC's alias file: only with --format ofac");
        }
    }
    if ((rc = cli_open_as(c)) != CLI_OK) {
        return rc;
    }
    if ((purpose = cli_purpose(c)) == NULL) {
        return CLI_USAGE;
    }
    if (strcmp(verb, "import") == 0) {
        const char *path = argv[optind + 1];
        const char *base = strrchr(path, '/');
        ac_watchlist_info info;

        if (ac_watchlist_import(c->hub, c->actor, purpose,
                                name != NULL   ? name
                                : base != NULL ? base + 1
                                               : path,
                                f, path, alt, c->arena, &info, &err) != AC_OK) {
            return cli_fail("watchlist import", &err);
        }
        printf("watchlist '%s' (%s): %s %s, id %s\n", info.name,
               ac_watchlist_format_str(info.format),
               cli_thousands((unsigned long long)info.names, count),
               cli_plural(info.names, "name", "names"), info.id);
        return CLI_OK;
    }
    {
        static const char *const headers[] = { "NAME", "FORMAT", "SIZE", "IMPORTED", "ID" };
        struct cli_table *t = cli_table_new(c->arena, 5, headers);
        ac_watchlist_info *lists = NULL;
        size_t n = 0;

        if (ac_watchlist_list(c->hub, c->actor, purpose, c->arena, &lists, &n, &err) != AC_OK) {
            return cli_fail("watchlist list", &err);
        }
        for (size_t i = 0; i < n; i++) {
            const char *size = ac_arena_printf(
                c->arena, "%s %s", cli_thousands((unsigned long long)lists[i].names, count),
                cli_plural(lists[i].names, "name", "names"));
            const char *row[] = { lists[i].name, ac_watchlist_format_str(lists[i].format), size,
                                  lists[i].imported_at, lists[i].id };

            cli_table_add(t, row);
        }
        cli_table_print(t, stdout); /* the header even when there is no list yet */
        printf("%zu %s\n", n, cli_plural(n, "list", "lists"));
    }
    return CLI_OK;
}
