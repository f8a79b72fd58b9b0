/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_init.c - accord init: create an empty hub with its first agency and administrator.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: accord init [--agency NAME] [--kind KIND] [--country CC] [--admin USERNAME]\n"
    "                   [--public-key-out FILE]\n"
    "\n"
    "Create a new hub database (--db, default var/accord.db) with its first agency and an\n"
    "administrator of it.  The administrator then adds the other agencies and users; an\n"
    "administrator manages the partnership but cannot read records by that role alone.\n"
    "\n"
    "  --agency NAME     the first agency (default 'Partnership Hub')\n"
    "  --kind KIND       its kind (default ct_policing): security_service, ct_policing,\n"
    "                    police_force, local_authority, probation, prison, health,\n"
    "                    education, charity_regulator, private_sector, international_partner\n"
    "  --country CC      ISO 3166 two-letter country (default GB)\n"
    "  --admin USERNAME  the administrator's username (default admin)\n"
    "  --public-key-out FILE  where the audit public key is pinned (default: the\n"
    "                    database's path + .pub); it is printed too.  Keep it outside the\n"
    "                    database's reach: 'accord audit verify --public-key' needs it\n"
    "\n"
    "The administrator signs in with a password like everyone else.  With --password-file\n"
    "FILE (before 'init') or ACCORD_PASSWORD, init sets it at once; otherwise it prints a\n"
    "one-time enrolment code, and the administrator runs 'accord user enrol ADMIN --code\n"
    "CODE' (the password from ACCORD_PASSWORD, --password-file or the prompt).\n"
    "\n"
    "Example:\n"
    "  accord --db var/wm.db init --agency 'West Midlands CTU' --admin wm.admin\n";

/* The administrator's first password: set at once when one is given (--password-file,
 * ACCORD_PASSWORD), else a one-time enrolment code is printed.  The code is issued by the
 * bootstrap administrator itself, as part of the hub's set-up (audited). */
static int
enrol_admin(struct cli *c, const char *admin)
{
    const ac_actor *actor = NULL;
    const char *code = NULL, *password = NULL, *env = getenv("ACCORD_PASSWORD");
    ac_error err = { 0 };
    int rc;

    if (ac_hub_actor(c->hub, admin, c->arena, &actor, &err) != AC_OK ||
        ac_user_enrolment_code(c->hub, actor, "hub set-up: the first administrator's password",
                               admin, c->arena, &code, &err) != AC_OK) {
        return cli_fail("init: enrolment code", &err);
    }
    if (c->password_file == NULL && (env == NULL || env[0] == '\0')) {
        printf("  enrolment code %s (once, for 72 hours)\n", code);
        printf("next: accord --db %s user enrol %s --code %s\n", c->db_path, admin, code);
        printf("      (the password from ACCORD_PASSWORD, --password-file FILE or the prompt)\n");
        return CLI_OK;
    }
    rc = cli_password(c, NULL, &password);
    if (rc != CLI_OK) {
        return rc;
    }
    if (ac_user_enrol(c->hub, admin, code, password, &err) != AC_OK) {
        return cli_fail("init: the administrator's password", &err);
    }
    printf("  password       set for %s\n", admin);
    return CLI_OK;
}

int
cli_cmd_init(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "agency", required_argument, NULL, 'a' },
                                          { "kind", required_argument, NULL, 'k' },
                                          { "country", required_argument, NULL, 'c' },
                                          { "admin", required_argument, NULL, 'u' },
                                          { "public-key-out", required_argument, NULL, 'o' },
                                          { NULL, 0, NULL, 0 } };
    const char *agency = "Partnership Hub", *kind_s = "ct_policing", *country = "GB";
    const char *admin = "admin", *admin_id = NULL, *pub = NULL;
    ac_agency_kind kind;
    ac_error err = { 0 };
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        switch (opt) {
        case 'a':
            agency = optarg;
            break;
        case 'k':
            kind_s = optarg;
            break;
        case 'c':
            country = optarg;
            break;
        case 'u':
            admin = optarg;
            break;
        case 'o':
            pub = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        default:
            return cli_usage("init", "unknown option");
        }
    }
    if (optind < argc) {
        return cli_usage("init", "unexpected argument '%s'", argv[optind]);
    }
    if (ac_agency_kind_parse(kind_s, &kind, &err) != AC_OK) {
        return cli_usage("init", "--kind: %s", err.msg);
    }
    rc = cli_open(c, true);
    if (rc != CLI_OK) {
        return rc;
    }
    if (ac_hub_bootstrap(c->hub, agency, (int)kind, country, admin, NULL, c->arena, &admin_id,
                         &err) != AC_OK) {
        return cli_fail("init", &err);
    }
    printf("created hub %s\n", c->db_path);
    printf("  agency         %s (%s, %s)\n", agency, ac_agency_kind_str(kind), country);
    printf("  administrator  %s (id %s)\n", admin, admin_id);
    if (cli_audit_pin_key(c, pub) != CLI_OK) {
        return CLI_FAIL;
    }
    rc = enrol_admin(c, admin);
    if (rc != CLI_OK) {
        return rc;
    }
    printf("then: accord --db %s --as %s agency add 'NAME' --kind KIND\n", c->db_path, admin);
    return CLI_OK;
}
