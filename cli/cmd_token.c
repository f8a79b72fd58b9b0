/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_token.c - accord token create|revoke: API tokens for machine clients.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static const char help[] =
    "usage: accord token create USERNAME --scopes LIST --expires TIME\n"
    "       accord token revoke TOKEN_ID\n"
    "\n"
    "An API token lets a machine (a retailer's till, a partner hub) call the HTTP API as\n"
    "USERNAME with 'Authorization: Bearer SECRET', limited to its scopes, until it expires\n"
    "or is revoked.  The secret is printed once and never stored: keep it safe.  Needs the\n"
    "admin role; both commands are audited.\n"
    "\n"
    "  --scopes LIST   comma-separated: " AC_SCOPES "\n"
    "  --expires TIME  RFC 3339, within a year, e.g. 2027-03-01T00:00:00Z\n"
    "\n"
    "Example:\n"
    "  accord --as admin token create retail.reporter --scopes reports:submit \\\n"
    "      --expires 2027-03-01T00:00:00Z\n";

int
cli_cmd_token(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "scopes", required_argument, NULL, 's' },
                                          { "expires", required_argument, NULL, 'e' },
                                          { NULL, 0, NULL, 0 } };
    const char *scopes = NULL, *expires = NULL, *id = NULL, *secret = NULL;
    const char *purpose;
    ac_error err = { 0 };
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 's') {
            scopes = optarg;
        } else if (opt == 'e') {
            expires = optarg;
        } else if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        } else {
            return cli_usage("token", "unknown option");
        }
    }
    if (optind + 2 != argc ||
        (strcmp(argv[optind], "create") != 0 && strcmp(argv[optind], "revoke") != 0)) {
        return cli_usage("token", "expected 'create USERNAME ...' or 'revoke TOKEN_ID'");
    }
    if (strcmp(argv[optind], "create") == 0 && (scopes == NULL || expires == NULL)) {
        return cli_usage("token", "create needs --scopes and --expires");
    }
    rc = cli_open_as(c);
    if (rc != CLI_OK) {
        return rc;
    }
    purpose = c->purpose ? c->purpose : "";
    if (strcmp(argv[optind], "revoke") == 0) {
        if (ac_token_revoke(c->hub, c->actor, purpose, argv[optind + 1], &err) != AC_OK) {
            return cli_fail("token revoke", &err);
        }
        return CLI_OK;
    }
    if (ac_token_create(c->hub, c->actor, purpose, argv[optind + 1], scopes, expires, c->arena, &id,
                        &secret, &err) != AC_OK) {
        return cli_fail("token create", &err);
    }
    printf("id      %s\nsecret  %s\n", id, secret);
    fprintf(stderr, "the secret is shown this once: store it where the client can read it\n");
    return CLI_OK;
}
