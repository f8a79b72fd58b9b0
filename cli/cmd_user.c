/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_user.c - accord user add|list|grants|approve|refuse|enrolment-code|enrol|suspend|
 * reactivate|unlock.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static const char help[] =
    "usage: accord user add USERNAME --agency AGENCY --roles ROLES --vetting LEVEL [--name TEXT]\n"
    "                       [--service]   (an account for a machine: it acts only through the\n"
    "                                      API tokens its agency's administrators make)\n"
    "       accord user list [--json]\n"
    "       accord user grant USERNAME --roles ROLES --vetting LEVEL [--agency AGENCY]\n"
    "       accord user grants\n"
    "       accord user approve GRANT | accord user refuse GRANT\n"
    "       accord user enrolment-code USERNAME\n"
    "       accord user enrol USERNAME --code CODE   (the password from ACCORD_PASSWORD or\n"
    "                                               --password-file FILE)\n"
    "       accord user suspend USERNAME | accord user reactivate USERNAME\n"
    "       accord user unlock USERNAME   (clear the sign-in delay after repeated failures)\n"
    "\n"
    "Users act for one agency.  An agency's administrators add its users; the hub's\n"
    "administrators (of the agency that hosts it) add agencies and appoint each agency's\n"
    "administrators.  A content role (analyst, caseworker, panel member, duty officer) or\n"
    "SC or DV vetting waits, suspended, until a second administrator approves it: 'user\n"
    "grants' lists what waits, 'user approve' decides.  Nobody sets another's password:\n"
    "'user add' prints the id and a one-time enrolment code (72 hours), which the user\n"
    "redeems with 'user enrol' to set their own; 'user enrolment-code' issues a fresh one.\n"
    "Administrators and auditors list every user, others the users of their own agency.\n"
    "The administrators who manage an account suspend it (its sessions and API tokens\n"
    "stop at once), reactivate it (not while a grant for it waits: decide the grant) or\n"
    "unlock its sign-in; nobody suspends their own account.  After 5 failed sign-ins in a\n"
    "row from one address, each further one makes that address wait (30 s, doubling to\n"
    "15 min): wait, or ask an administrator to run 'accord user unlock USERNAME'.\n"
    "\n"
    "  --agency AGENCY  agency id or exact name\n"
    "  --roles ROLES    comma-separated: admin, analyst, caseworker, panel_member,\n"
    "                   duty_officer, reporter, auditor\n"
    "  --vetting LEVEL  none, bpss, ctc, sc, dv (records need at least bpss)\n"
    "  --name TEXT      display name (default: the username)\n"
    "\n"
    "Example:\n"
    "  accord --as council.admin user add j.smith --agency 'Birmingham City Council' \\\n"
    "      --roles caseworker,panel_member --vetting bpss --name 'J. Smith'\n"
    "  accord --as retail.admin user add retail.till --service --agency 'Brindley Chemicals "
    "Ltd' \\\n"
    "      --roles reporter --vetting none --name 'Shop till'\n"
    "  accord --as admin user grants\n"
    "  accord --as admin user approve GRANT_ID\n"
    "  accord --as council.admin user enrolment-code j.smith\n"
    "  ACCORD_PASSWORD='a long passphrase' accord user enrol j.smith --code CODE\n";

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
    const char *agency, *roles, *vetting, *name, *code, *password_file;
    bool service;
};

static int
user_add(struct cli *c, const char *username, const struct user_args *ua)
{
    ac_user u = { 0 };
    ac_agency g;
    const char *id = NULL, *code = NULL;
    ac_error err = { 0 };
    const char *purpose = c->purpose ? c->purpose : "";

    if (ua->password_file != NULL || ua->code != NULL) {
        return cli_usage("user",
                         "add: %s: an administrator never sets a user's password; user add "
                         "prints a one-time enrolment code and the user sets their own with "
                         "'accord user enrol USERNAME --code CODE'",
                         ua->password_file != NULL ? "--password-file" : "--code");
    }
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
    if ((ua->service ? ac_service_account_add : ac_user_add)(c->hub, c->actor, purpose, &u,
                                                             c->arena, &id, &err) != AC_OK) {
        return cli_fail("user add", &err);
    }
    printf("%s\n", id);
    if (ac_grant_needed(0, AC_VETTING_NONE, u.roles, u.vetting)) {
        fprintf(stderr,
                "accord: user add: '%s' waits, suspended, for a second administrator: "
                "'accord user grants' lists it, 'accord user approve GRANT' decides\n",
                username);
    }
    if (ua->service) {
        return CLI_OK; /* a machine signs in only with the API tokens made for it */
    }
    /* sign-in is set up here: the user sets their own password with this code */
    if (ac_user_enrolment_code(c->hub, c->actor, purpose, username, c->arena, &code, &err) !=
        AC_OK) {
        return cli_fail("user add: the enrolment code ('accord user enrolment-code' issues "
                        "another)",
                        &err);
    }
    printf("enrolment code: %s\n", code);
    fprintf(stderr,
            "accord: user add: give this one-time code to %s alone; it lasts 72 hours: they run "
            "'accord user enrol %s --code CODE' to set their own password\n",
            username, username);
    return CLI_OK;
}

static int
user_grants(struct cli *c)
{
    static const char *const headers[] = { "GRANT",   "USERNAME", "ROLES",
                                           "VETTING", "AGENCY",   "ASKED" };
    ac_grant *list = NULL;
    ac_agency *agencies = NULL;
    size_t n = 0, n_agencies = 0;
    ac_error err = { 0 };
    const char *purpose = c->purpose ? c->purpose : "";
    struct cli_table *t;

    if (ac_grant_list(c->hub, c->actor, purpose, c->arena, &list, &n, &err) != AC_OK ||
        ac_agency_list(c->hub, c->actor, purpose, c->arena, &agencies, &n_agencies, &err) !=
            AC_OK) {
        return cli_fail("user grants", &err);
    }
    t = cli_table_new(c->arena, 6, headers);
    for (size_t i = 0; i < n; i++) {
        const char *agency = list[i].agency_id;

        for (size_t k = 0; k < n_agencies; k++) {
            if (strcmp(agencies[k].id, agency) == 0) {
                agency = agencies[k].name;
            }
        }
        cli_table_add(t, (const char *const[]){
                             list[i].id, list[i].username, ac_roles_format(c->arena, list[i].roles),
                             ac_vetting_str(list[i].vetting), agency, list[i].requested_at });
    }
    cli_table_print(t, stdout);
    return CLI_OK;
}

static int
user_decide(struct cli *c, const char *id, bool approve)
{
    ac_error err = { 0 };

    if (ac_grant_decide(c->hub, c->actor, c->purpose ? c->purpose : "", id, approve, &err) !=
        AC_OK) {
        return cli_fail(approve ? "user approve" : "user refuse", &err);
    }
    printf("%s %s\n", id, approve ? "approved" : "refused");
    return CLI_OK;
}

static int
user_code(struct cli *c, const char *username)
{
    const char *code = NULL;
    ac_error err = { 0 };

    if (ac_user_enrolment_code(c->hub, c->actor, c->purpose ? c->purpose : "", username, c->arena,
                               &code, &err) != AC_OK) {
        return cli_fail("user enrolment-code", &err);
    }
    printf("%s\n", code);
    fprintf(stderr,
            "accord: give this one-time code to %s alone; it lasts 72 hours: they run "
            "'accord user enrol %s --code CODE'\n",
            username, username);
    return CLI_OK;
}

static int
user_enrol(struct cli *c, const char *username, const char *code, const char *ua_password_file)
{
    const char *password = NULL;
    ac_error err = { 0 };
    int rc;

    if (code == NULL) {
        return cli_usage("user", "enrol needs --code CODE (from your agency's administrator)");
    }
    rc = cli_password(c, ua_password_file, &password);
    if (rc != CLI_OK) {
        return rc;
    }
    rc = cli_open(c, false);
    if (rc != CLI_OK) {
        return rc;
    }
    if (ac_user_enrol(c->hub, username, code, password, &err) != AC_OK) {
        return cli_fail("user enrol", &err);
    }
    printf("%s can sign in\n", username);
    return CLI_OK;
}

static int
user_status(struct cli *c, const char *username, bool active)
{
    ac_error err = { 0 };

    if (ac_user_set_status(c->hub, c->actor, c->purpose ? c->purpose : "", username,
                           active ? AC_USER_ACTIVE : AC_USER_SUSPENDED, &err) != AC_OK) {
        return cli_fail(active ? "user reactivate" : "user suspend", &err);
    }
    printf("%s %s\n", username, active ? "reactivated" : "suspended");
    return CLI_OK;
}

/* Change USERNAME's roles and vetting (and agency): what adds power waits for a second
 * administrator. */
static int
user_grant(struct cli *c, const char *username, const struct user_args *ua)
{
    unsigned roles = 0;
    ac_vetting vetting = AC_VETTING_NONE;
    ac_agency g;
    const char *grant = NULL, *purpose = c->purpose ? c->purpose : "";
    ac_error err = { 0 };

    if (ua->roles == NULL || ua->vetting == NULL) {
        return cli_usage("user", "grant needs --roles and --vetting (and --agency to move)");
    }
    if (ac_roles_parse(ua->roles, &roles, &err) != AC_OK) {
        return cli_usage("user", "--roles: %s", err.msg);
    }
    if (ac_vetting_parse(ua->vetting, &vetting, &err) != AC_OK) {
        return cli_usage("user", "--vetting: %s", err.msg);
    }
    if (ua->agency != NULL &&
        ac_agency_find(c->hub, c->actor, purpose, ua->agency, c->arena, &g, &err) != AC_OK) {
        return cli_fail("user grant: --agency", &err);
    }
    if (ac_user_grant(c->hub, c->actor, purpose, username, roles, vetting,
                      ua->agency != NULL ? g.id : NULL, c->arena, &grant, &err) != AC_OK) {
        return cli_fail("user grant", &err);
    }
    if (grant != NULL) {
        printf("%s\n", grant);
        fprintf(stderr,
                "accord: user grant: it waits for a second administrator: 'accord user "
                "approve %s'\n",
                grant);
    } else {
        printf("%s: applied\n", username);
    }
    return CLI_OK;
}

static int
user_unlock(struct cli *c, const char *username)
{
    ac_error err = { 0 };

    if (ac_user_unlock(c->hub, c->actor, c->purpose ? c->purpose : "", username, &err) != AC_OK) {
        return cli_fail("user unlock", &err);
    }
    printf("%s unlocked\n", username);
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
                                          { "code", required_argument, NULL, 'c' },
                                          { "password-file", required_argument, NULL, 'f' },
                                          { "service", no_argument, NULL, 's' },
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
        case 'c':
            ua.code = optarg;
            break;
        case 'f':
            ua.password_file = optarg;
            break;
        case 's':
            ua.service = true;
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
    if (optind + 1 == argc && strcmp(argv[optind], "grants") == 0) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : user_grants(c);
    }
    if (optind + 2 == argc &&
        (strcmp(argv[optind], "approve") == 0 || strcmp(argv[optind], "refuse") == 0)) {
        rc = cli_open_as(c);
        return rc != CLI_OK
                   ? rc
                   : user_decide(c, argv[optind + 1], strcmp(argv[optind], "approve") == 0);
    }
    if (optind + 2 == argc && strcmp(argv[optind], "enrolment-code") == 0) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : user_code(c, argv[optind + 1]);
    }
    if (optind + 2 == argc &&
        (strcmp(argv[optind], "suspend") == 0 || strcmp(argv[optind], "reactivate") == 0)) {
        rc = cli_open_as(c);
        return rc != CLI_OK
                   ? rc
                   : user_status(c, argv[optind + 1], strcmp(argv[optind], "reactivate") == 0);
    }
    if (optind + 2 == argc && strcmp(argv[optind], "unlock") == 0) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : user_unlock(c, argv[optind + 1]);
    }
    if (optind + 2 == argc && strcmp(argv[optind], "grant") == 0) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : user_grant(c, argv[optind + 1], &ua);
    }
    if (optind + 2 == argc && strcmp(argv[optind], "enrol") == 0) {
        return user_enrol(c, argv[optind + 1], ua.code, ua.password_file);
    }
    return cli_usage("user", "expected 'add USERNAME --agency A --roles R --vetting V', 'list', "
                             "'grants', 'approve GRANT', 'refuse GRANT', 'enrolment-code "
                             "USERNAME', 'enrol USERNAME --code CODE', 'suspend USERNAME', "
                             "'reactivate USERNAME' or 'unlock USERNAME'");
}
