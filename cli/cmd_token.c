/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_token.c - accord token create|revoke|list: API tokens for machine clients.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static const char help[] =
    "usage: accord token create USERNAME --scopes LIST --expires TIME\n"
    "       accord token revoke TOKEN_ID\n"
    "       accord token list [--json]\n"
    "\n"
    "An API token lets a machine (a retailer's till, a partner hub) call the HTTP API as\n"
    "USERNAME with 'Authorization: Bearer SECRET', limited to its scopes, until it expires\n"
    "or is revoked.  The secret is printed once and never stored: keep it safe.  A user\n"
    "makes tokens for themselves; an administrator also for the service accounts of their\n"
    "agency, never for another person.  'list' shows the tokens you may manage (never a\n"
    "secret).  Every command is audited.\n"
    "\n"
    "  --scopes LIST   comma-separated: " AC_SCOPES "\n"
    "  --expires TIME  RFC 3339, a day (midnight UTC) or a span from now (90d, 12h);\n"
    "                  within a year\n"
    "\n"
    "Example:\n"
    "  accord --as retail.admin token create retail.till --scopes reports:submit \\\n"
    "      --expires 90d\n";

static int
token_list(struct cli *c)
{
    static const char *const headers[] = {
        "ID", "USER", "SCOPES", "CREATED", "EXPIRES", "REVOKED"
    };
    ac_token_info *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    struct cli_table *t;

    if (ac_token_list(c->hub, c->actor, c->purpose ? c->purpose : "", c->arena, &list, &n, &err) !=
        AC_OK) {
        return cli_fail("token list", &err);
    }
    t = cli_table_new(c->arena, 6, headers);
    for (size_t i = 0; i < n; i++) {
        if (c->json) {
            printf("{\"id\":\"%s\",\"user_id\":\"%s\",\"username\":", list[i].id, list[i].user_id);
            cli_json_string(stdout, list[i].username);
            printf(",\"scopes\":\"%s\",\"created_by\":\"%s\",\"created_at\":\"%s\","
                   "\"expires_at\":\"%s\",\"revoked_at\":",
                   list[i].scopes, list[i].created_by, list[i].created_at, list[i].expires_at);
            if (list[i].revoked_at != NULL) {
                printf("\"%s\"}\n", list[i].revoked_at);
            } else {
                printf("null}\n");
            }
        } else {
            const char *row[] = {
                list[i].id,         list[i].username,
                list[i].scopes,     list[i].created_at,
                list[i].expires_at, list[i].revoked_at ? list[i].revoked_at : "-"
            };

            cli_table_add(t, row);
        }
    }
    if (!c->json) {
        cli_table_print(t, stdout);
    }
    return CLI_OK;
}

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
            expires = cli_expiry(c, optarg);
        } else if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        } else {
            return cli_usage("token", "unknown option");
        }
    }
    if (optind + 1 == argc && strcmp(argv[optind], "list") == 0) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : token_list(c);
    }
    if (optind + 2 != argc ||
        (strcmp(argv[optind], "create") != 0 && strcmp(argv[optind], "revoke") != 0)) {
        return cli_usage("token", "expected 'create USERNAME ...', 'revoke TOKEN_ID' or 'list'");
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
