/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_substance.c - accord substance: the explosives precursors and poisons regime as
 * data: classify a reported product, or list the table with what is still to confirm.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: accord substance classify SUBSTANCE [--concentration PERCENT] [--regime FILE]\n"
    "       accord substance list [--regime FILE]\n"
    "       accord substance load FILE\n"
    "\n"
    "The Poisons Act 1972 Schedule 1A regime, as the table data/regime/substances.csv\n"
    "gives it (sources and date in its header): regulated explosives precursors above\n"
    "their limits (Part 1; reportable at or below), regulated poisons (Part 2), reportable\n"
    "precursors at any concentration (Part 3) and reportable poisons (Part 4); ammonium\n"
    "nitrate is regulated at 16% by weight of nitrogen or more (about 45.7% w/w).  A\n"
    "substance is named as a retailer may write it: case, spacing and punctuation do not\n"
    "matter (sulphuric acid, SULFURIC-ACID), nor do words such as 'solution'; a formula\n"
    "(H2O2) or a CAS number with or without dashes.  The concentration is % w/w; when it is\n"
    "not given it is read from the name ('hydrogen peroxide 35%', '34.5% N'), and one not\n"
    "known counts as above any limit.  A substance not in the table is 'not recognised':\n"
    "give its CAS number or the name on the label.\n"
    "Entries the table marks NOT FOUND or unverified say so: --regime FILE uses a\n"
    "partnership's corrected copy (same columns), and 'load FILE' puts such a copy in\n"
    "force in the hub, where every report is classified by it (analysts and duty\n"
    "officers; needs --as and --purpose, and is audited).\n"
    "\n"
    "Examples:\n"
    "  accord substance classify 'hydrogen peroxide' --concentration 30\n"
    "  accord substance classify 7664-93-9 --concentration 10\n"
    "  accord substance classify 'H2O2 35%'\n"
    "  accord substance list\n"
    "  accord --as ctp.analyst --purpose 'regime correction' substance load corrected.csv\n";

/* Put the table in PATH in force in the hub. */
static int
load(struct cli *c, const char *path)
{
    const char *text = cli_read_file(path, c->arena), *purpose;
    ac_error err = { 0 };
    int rc;

    if (text == NULL) {
        fprintf(stderr, "accord substance: cannot read '%s': %s\n", path, strerror(errno));
        return CLI_FAIL;
    }
    if ((rc = cli_open_as(c)) != CLI_OK) {
        return rc;
    }
    if ((purpose = cli_purpose(c)) == NULL) {
        return CLI_USAGE;
    }
    if (ac_regime_store(c->hub, c->actor, purpose, text, &err) != AC_OK) {
        return cli_fail("substance load", &err);
    }
    printf("regime table from '%s' is in force: reports are classified by it from now on\n", path);
    return CLI_OK;
}

int
cli_cmd_substance(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONGOPTS,
        { "concentration", required_argument, NULL, 'c' },
        { "regime", required_argument, NULL, 'r' },
        { NULL, 0, NULL, 0 },
    };
    const char *regime_path = NULL, *text = NULL;
    double concentration = -1;
    char *end = NULL;
    ac_regime *r = NULL;
    ac_error err = { 0 };
    int opt, rc = CLI_OK;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 'c') {
            concentration = strtod(optarg, &end);
            if (end == optarg || *end != '\0' || concentration < 0 || concentration > 100) {
                return cli_usage("substance", "--concentration: a percentage from 0 to 100");
            }
        } else if (opt == 'r') {
            regime_path = optarg;
        } else if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        } else {
            return cli_usage("substance", "unknown option: see 'accord substance --help'");
        }
    }
    if (optind >= argc || (strcmp(argv[optind], "classify") == 0 ? optind + 2 != argc
                           : strcmp(argv[optind], "list") == 0   ? optind + 1 != argc
                           : strcmp(argv[optind], "load") == 0   ? optind + 2 != argc
                                                                 : true)) {
        return cli_usage("substance", "classify SUBSTANCE, list, or load FILE");
    }
    if (strcmp(argv[optind], "load") == 0) {
        return load(c, argv[optind + 1]);
    }
    if (regime_path != NULL && (text = cli_read_file(regime_path, c->arena)) == NULL) {
        fprintf(stderr, "accord substance: cannot read '%s': %s\n", regime_path, strerror(errno));
        return CLI_FAIL;
    }
    if (ac_regime_new(text, &r, &err) != AC_OK) {
        return cli_fail("substance", &err);
    }
    if (strcmp(argv[optind], "classify") == 0) {
        ac_regime_result res;

        if (ac_regime_classify(r, argv[optind + 1], concentration, c->arena, &res, &err) != AC_OK) {
            rc = cli_fail("substance", &err);
        } else {
            const char *name = res.substance ? res.substance : argv[optind + 1];

            printf("%s\n  %.*s%s%s\n", ac_regime_class_str(res.cls), (int)strcspn(name, "|"), name,
                   res.cas ? ", CAS " : "", res.cas ? res.cas : "");
            if (res.concentration >= 0) {
                printf("  at %.4g%% w/w%s\n", res.concentration,
                       concentration < 0 ? " (read from the name)" : "");
            }
            printf("  %s\n", res.reason);
            if (res.source != NULL) {
                printf("  source: %s\n", res.source);
            }
        }
    } else {
        ac_regime_result e;

        for (size_t i = 0; ac_regime_entry(r, i, &e); i++) {
            printf("%-34.*s %-12s %-32s %-10s %s\n", (int)strcspn(e.substance, "|"), e.substance,
                   e.cas ? e.cas : "-", ac_regime_class_str(e.cls), e.status, e.reason);
        }
    }
    ac_regime_free(r);
    return rc;
}
