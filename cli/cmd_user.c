/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_user.c - accord user add|list.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static const char help[] =
    "usage: accord user add USERNAME --agency AGENCY --roles ROLES --vetting LEVEL [--name TEXT]\n"
    "       accord user list [--json]\n"
    "\n"
    "Users act for one agency.  Adding one needs the admin role; administrators and\n"
    "auditors list every user, others the users of their own agency.\n"
    "\n"
    "  --agency AGENCY  agency id or exact name\n"
    "  --roles ROLES    comma-separated: admin, analyst, caseworker, panel_member,\n"
    "                   duty_officer, reporter, auditor\n"
    "  --vetting LEVEL  none, bpss, ctc, sc, dv (records need at least bpss)\n"
    "  --name TEXT      display name (default: the username)\n"
    "\n"
    "Example:\n"
    "  accord --as admin user add j.smith --agency 'Birmingham City Council' \\\n"
    "      --roles caseworker,panel_member --vetting bpss --name 'J. Smith'\n";

static int
user_list(struct cli *c)
{
    static const char *const headers[] = { "USERNAME", "NAME",    "AGENCY",
                                           "ROLES",    "VETTING", "STATUS" };
    ac_user *list = NULL;
    ac_agency *agencies = NULL;
    size_t n = 0, n_agencies = 0;
    ac_error err = { 0 };
    struct cli_table *t;
    const char *purpose = c->purpose ? c->purpose : "";

    if (ac_user_list(c->hub, c->actor, purpose, c->arena, &list, &n, &err) != AC_OK ||
        ac_agency_list(c->hub, c->actor, purpose, c->arena, &agencies, &n_agencies, &err) !=
            AC_OK) {
        return cli_fail("user list", &err);
    }
    t = cli_table_new(c->arena, 6, headers);
    for (size_t i = 0; i < n; i++) {
        const char *agency = list[i].agency_id;
        char *roles = ac_roles_format(c->arena, list[i].roles);

        for (size_t k = 0; k < n_agencies; k++) {
            if (strcmp(agencies[k].id, agency) == 0) {
                agency = agencies[k].name;
            }
        }
        if (c->json) {
            printf("{\"id\":\"%s\",\"username\":", list[i].id);
            cli_json_string(stdout, list[i].username);
            printf(",\"display_name\":");
            cli_json_string(stdout, list[i].display_name);
            printf(",\"agency_id\":\"%s\",\"roles\":\"%s\",\"vetting\":\"%s\",\"status\":\"%s\"}\n",
                   list[i].agency_id, roles ? roles : "", ac_vetting_str(list[i].vetting),
                   ac_user_status_str(list[i].status));
        } else {
            const char *row[] = { list[i].username,
                                  list[i].display_name,
                                  agency,
                                  roles,
                                  ac_vetting_str(list[i].vetting),
                                  ac_user_status_str(list[i].status) };

            cli_table_add(t, row);
        }
    }
    if (!c->json) {
        cli_table_print(t, stdout);
    }
    return CLI_OK;
}

struct user_args {
    const char *agency, *roles, *vetting, *name;
};

static int
user_add(struct cli *c, const char *username, const struct user_args *ua)
{
    ac_user u = { 0 };
    ac_agency g;
    const char *id = NULL;
    ac_error err = { 0 };
    const char *purpose = c->purpose ? c->purpose : "";

    if (ua->agency == NULL || ua->roles == NULL || ua->vetting == NULL) {
        return cli_usage("user", "add needs --agency, --roles and --vetting");
    }
    if (ac_roles_parse(ua->roles, &u.roles, &err) != AC_OK) {
        return cli_usage("user", "--roles: %s", err.msg);
    }
    if (ac_vetting_parse(ua->vetting, &u.vetting, &err) != AC_OK) {
        return cli_usage("user", "--vetting: %s", err.msg);
    }
    if (ac_agency_find(c->hub, c->actor, purpose, ua->agency, c->arena, &g, &err) != AC_OK) {
        return cli_fail("user add: --agency", &err);
    }
    u.username = username;
    u.display_name = ua->name;
    u.agency_id = g.id;
    u.status = AC_USER_ACTIVE;
    if (ac_user_add(c->hub, c->actor, purpose, &u, c->arena, &id, &err) != AC_OK) {
        return cli_fail("user add", &err);
    }
    printf("%s\n", id);
    return CLI_OK;
}

int
cli_cmd_user(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "agency", required_argument, NULL, 'a' },
                                          { "roles", required_argument, NULL, 'r' },
                                          { "vetting", required_argument, NULL, 'v' },
                                          { "name", required_argument, NULL, 'n' },
                                          { NULL, 0, NULL, 0 } };
    struct user_args ua = { 0 };
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        switch (opt) {
        case 'a':
            ua.agency = optarg;
            break;
        case 'r':
            ua.roles = optarg;
            break;
        case 'v':
            ua.vetting = optarg;
            break;
        case 'n':
            ua.name = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        default:
            return cli_usage("user", "unknown option");
        }
    }
    if (optind < argc && strcmp(argv[optind], "list") == 0 && optind + 1 == argc) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : user_list(c);
    }
    if (optind < argc && strcmp(argv[optind], "add") == 0 && optind + 2 == argc) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : user_add(c, argv[optind + 1], &ua);
    }
    return cli_usage("user", "expected 'add USERNAME --agency A --roles R --vetting V' or 'list'");
}
