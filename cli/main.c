/* SPDX-License-Identifier: Apache-2.0
 *
 * main.c - the accord command: global options, then one subcommand.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: accord [--db PATH] [--as USER] [--password-file FILE] [--code CODE]\n"
    "              [--token SECRET] [--purpose TEXT] [--audit-key FILE|URI]\n"
    "              [--witness-dir DIR] COMMAND [ARGS]\n"
    "\n"
    "accord is a regional counter-terrorism partnership's shared hub: agencies share what\n"
    "they know about people, under strict control of who sees what, with every access on\n"
    "the audit trail.\n"
    "\n"
    "Serve:\n"
    "  serve                   the HTTP JSON API (see 'accord serve --help')\n"
    "\n"
    "Set up:\n"
    "  init                    create a new, empty hub with its first agency and administrator\n"
    "  demo                    create a synthetic West Midlands partnership to explore\n"
    "  status                  what the hub holds (administrators and auditors)\n"
    "  stats TABLE             published statistics, small numbers suppressed (analysts,\n"
    "                          auditors, administrators)\n"
    "\n"
    "The partnership:\n"
    "  agency add|list         agencies: security service, CT policing, council, ...\n"
    "  user add|list           users, their roles and vetting levels\n"
    "  token create|revoke     API tokens for machine clients\n"
    "  totp enrol|confirm      a second factor for your own sign-in\n"
    "\n"
    "Oversight:\n"
    "  audit verify|prove|...  the tamper-evident audit trail: verify it, prove entries,\n"
    "                          who accessed a record, what a user did\n"
    "\n"
    "Records:\n"
    "  person add|show|search  people as one agency records them\n"
    "  person pointers ID      which other agencies hold a record on the person (a reference)\n"
    "  person picture ID       one view of the person: every part you may see, marked\n"
    "  rfi ask|list|answer     requests for information to a record's holder, and answers\n"
    "  import persons FILE     load persons from CSV (all-or-nothing, or --quarantine)\n"
    "  export persons          write the persons you may see as CSV or JSON Lines\n"
    "\n"
    "Finding the same person:\n"
    "  link A.csv B.csv        probabilistic record linkage of two files, or --dedupe one;\n"
    "                          explain a pair, evaluate against known pairs\n"
    "  pprl encode|match       privacy-preserving linkage: Bloom-filter encodings under a\n"
    "                          shared secret (clkhash/anonlink compatible), matched by Dice\n"
    "\n"
    "Suspicious purchases:\n"
    "  screen NAME --list FILE screen names against a watchlist (scores with reasons)\n"
    "  substance classify S    is a product a regulated or reportable precursor or poison?\n"
    "  watchlist import FILE   a list buyers are screened against (CSV, OFAC, UN XML)\n"
    "  report submit           a retailer's report of a suspicious purchase, loss or theft\n"
    "  alerts list|show|ack    the duty officer's queue, with deadlines and escalation\n"
    "  notify contact|tick     e-mail addresses; one run of serve's scheduler\n"
    "\n"
    "Intelligence and sharing:\n"
    "  item add|show|list|edit intelligence items: classification, caveats, 3x5x2 grading\n"
    "  case add|member         cases and their members (need-to-know)\n"
    "  case step|next|timeline a case through its workflow (SOI and multi-agency review,\n"
    "                          Prevent and Channel, offender notification)\n"
    "  cases due               deadlines falling due, and those passed\n"
    "  disclose ITEM           release an item (or a redacted version) to an agency or case\n"
    "  approve|revoke ID       the second person's approval; revocation at once\n"
    "\n"
    "Options for every command (before or after COMMAND):\n"
    "  --db PATH       the hub's database (default $ACCORD_DB or var/accord.db)\n"
    "  --as USER       the user you act as (default $ACCORD_USER): you sign in as them,\n"
    "                  with their password, and every audit entry names your OS account\n"
    "  --purpose TEXT  why you need the data: required for every read, kept in the audit\n"
    "                  trail (default $ACCORD_PURPOSE)\n"
    "  --json          machine-readable output where a command prints records\n"
    "  --audit-key FILE  the key that signs audit checkpoints (default $ACCORD_AUDIT_KEY\n"
    "                  or DB.key); keep it under an account other than the database's.\n"
    "                  Or a PKCS#11 URI ('pkcs11:token=...;object=...?module-path=...\n"
    "                  &pin-source=file:...'): the key on a token, which signs there\n"
    "  --witness-dir DIR  where every signed checkpoint is also appended (default\n"
    "                  $ACCORD_WITNESS_DIR, or DB.witness beside the database); keep it\n"
    "                  out of the database's reach\n"
    "  --help          help for accord or for a command ('accord person --help')\n"
    "  --version       the version\n"
    "\n"
    "Signing in (before COMMAND):\n"
    "  --password-file FILE  the password is its first line (else $ACCORD_PASSWORD, else\n"
    "                  asked for, not echoed, when standard input is a terminal)\n"
    "  --code CODE     the one-time code of a user with a second factor ($ACCORD_CODE)\n"
    "  --token SECRET  act through an API token instead: its user acts (--as, if given,\n"
    "                  must name them); prefer $ACCORD_TOKEN, which others cannot list\n"
    "\n"
    "Exit status: 0 success, 1 the operation failed (stderr says why), 2 bad usage.\n"
    "\n"
    "Try:\n"
    "  accord demo\n"
    "  ACCORD_PASSWORD=accord-demo-password \\\n"
    "    accord --as ctp.analyst --purpose 'training' person search khan\n";

struct command {
    const char *name;
    int (*run)(struct cli *c, int argc, char **argv);
};

static const struct command commands[] = {
    { "init", cli_cmd_init },
    { "agency", cli_cmd_agency },
    { "user", cli_cmd_user },
    { "person", cli_cmd_person },
    { "import", cli_cmd_import },
    { "export", cli_cmd_export },
    { "demo", cli_cmd_demo },
    { "status", cli_cmd_status },
    { "stats", cli_cmd_stats },
    { "audit", cli_cmd_audit },
    { "serve", cli_cmd_serve },
    { "token", cli_cmd_token },
    { "totp", cli_cmd_totp },
    { "item", cli_cmd_item },
    { "case", cli_cmd_case },
    { "disclose", cli_cmd_item },
    { "approve", cli_cmd_item },
    { "revoke", cli_cmd_item },
    { "link", cli_cmd_link },
    { "pprl", cli_cmd_pprl },
    { "screen", cli_cmd_screen },
    { "substance", cli_cmd_substance },
    { "watchlist", cli_cmd_watchlist },
    { "report", cli_cmd_report },
    { "alerts", cli_cmd_alerts },
    { "cases", cli_cmd_cases },
    { "witness", cli_cmd_witness },
    { "notify", cli_cmd_notify },
    { "rfi", cli_cmd_rfi },
};

static const char *
env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);

    return v != NULL && v[0] != '\0' ? v : fallback;
}

int
main(int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "version", no_argument, NULL, 'V' },
                                          { "password-file", required_argument, NULL, 'F' },
                                          { "code", required_argument, NULL, 'C' },
                                          { "token", required_argument, NULL, 'T' },
                                          { NULL, 0, NULL, 0 } };
    struct cli c;
    int opt, rc;

    memset(&c, 0, sizeof c);
    c.db_path = env_or("ACCORD_DB", "var/accord.db");
    c.as_user = env_or("ACCORD_USER", NULL);
    c.purpose = env_or("ACCORD_PURPOSE", NULL);
    c.audit_key = env_or("ACCORD_AUDIT_KEY", NULL);
    c.witness_dir = env_or("ACCORD_WITNESS_DIR", NULL);
    while ((opt = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        if (cli_common_opt(&c, opt, optarg)) {
            continue;
        }
        if (opt == 'h') {
            fputs(usage, stdout);
            return CLI_OK;
        }
        if (opt == 'F' || opt == 'C' || opt == 'T') {
            *(opt == 'F' ? &c.password_file : opt == 'C' ? &c.code : &c.token) = optarg;
            continue;
        }
        if (opt == 'V') {
            printf("accord %s\n", ac_version_string());
            return CLI_OK;
        }
        fputs("(see 'accord --help')\n", stderr);
        return CLI_USAGE;
    }
    if (optind >= argc) {
        fputs(usage, stderr);
        return CLI_USAGE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[optind], commands[i].name) == 0) {
            c.arena = ac_arena_new(0);
            if (c.arena == NULL) {
                fputs("accord: out of memory\n", stderr);
                return CLI_FAIL;
            }
            argv += optind;
            argc -= optind;
            optind = 0; /* restart getopt for the subcommand */
            rc = commands[i].run(&c, argc, argv);
            cli_close_session(&c);
            ac_hub_close(c.hub);
            ac_arena_free(c.arena);
            return rc;
        }
    }
    fprintf(stderr, "accord: unknown command '%s' (see 'accord --help')\n", argv[optind]);
    return CLI_USAGE;
}
