/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_case.c - accord case step|note|timeline|next and accord cases due: a case through
 * its workflow (SOI and multi-agency review, Prevent and Channel, offender notification),
 * its timeline, and the deadlines that fall due.  'case add' and 'case member' are in
 * cmd_item.c.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 24

static const char help[] =
    "usage: accord case add TYPE TITLE | accord case member CASE AGENCY   (see 'accord item "
    "--help')\n"
    "       accord case step CASE STEP --rationale TEXT [--field NAME=VALUE ...]\n"
    "       accord case next CASE\n"
    "       accord case note CASE TEXT\n"
    "       accord case timeline CASE\n"
    "       accord cases due [--within SPAN] [--agency AGENCY]\n"
    "\n"
    "A case follows the workflow of its type, declared in data/workflows: soi and\n"
    "maa_review (active, closed, nominated for a multi-agency review, summary shared\n"
    "through a disclosure, panel, decision, review); prevent_referral and channel\n"
    "(referral, police gateway assessment, Channel panel, Vulnerability Assessment\n"
    "Framework judgement, consent, support plan, exit, reviews at 6 and 12 months);\n"
    "offender_notification (sentence, release, initial notification within 3 days,\n"
    "changes within 3 days, yearly re-notification, travel, MAPPA, licence).  Each step is\n"
    "taken by certain roles at certain kinds of agency, needs a rationale and the fields\n"
    "it names, and is audited.  Fields ending in _on are dates (YYYY-MM-DD).  Entering a\n"
    "state may start a deadline; 'accord alerts escalate' alerts on those that pass.\n"
    "A case, its timeline, notes and steps are for users with a content role (never\n"
    "administrators, auditors or reporters), the vetting the case needs (SC for soi and\n"
    "maa_review, BPSS otherwise) and a place in it (the lead agency, or a member).\n"
    "\n"
    "  --rationale TEXT    why this step (required)\n"
    "  --field NAME=VALUE  a field the step needs, e.g. --field consent_by='parent: A Shah'\n"
    "  --within SPAN       7d (default), 2w, 3m: deadlines due that soon, and those passed\n"
    "  --agency AGENCY     only cases that agency leads (name or id)\n"
    "\n"
    "'accord case step CASE --help' (with --as and --purpose) lists the steps open from\n"
    "the case's current state: who may take them and what they need.\n"
    "\n"
    "Example:\n"
    "  accord --as council.prevent --purpose 'Channel' case step 01J... consent \\\n"
    "      --rationale 'agreed at home visit' --field subject_age=16 \\\n"
    "      --field consent_by='parent: Amina Shah' --field consent_method=in_person \\\n"
    "      --field consent_on=2026-03-01\n";

/* The help, then every field a step takes with every value it may have (values.csv),
 * from the tables themselves so that the list cannot fall behind them (issue 14.6). */
static int
print_help(struct cli *c)
{
    ac_workflow_field *f = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    fputs(help, stdout);
    if (ac_workflow_fields(c->arena, &f, &n, &err) != AC_OK) {
        return cli_fail("case", &err);
    }
    fputs("\nFields the steps take (any other is refused), and the values each may have:\n",
          stdout);
    for (size_t i = 0; i < n; i++) {
        const char *v = f[i].values;
        size_t col = (size_t)printf("  %-24s", f[i].name);

        if (v == NULL) {
            v = strlen(f[i].name) > 3 && strcmp(f[i].name + strlen(f[i].name) - 3, "_on") == 0
                    ? "a date (YYYY-MM-DD)"
                    : "free text";
        }
        /* wrapped at 88 columns, each value whole */
        while (*v != '\0') {
            size_t len = strcspn(v, ",");

            if (col + len + 2 > 88 && col > 26) {
                printf("\n%26s", "");
                col = 26;
            }
            col += (size_t)printf(" %.*s%s", (int)len, v, v[len] == ',' ? "," : "");
            v += len + (v[len] == ',');
            v += strspn(v, " ");
        }
        putchar('\n');
    }
    return CLI_OK;
}

/* The steps open from CASE's state, with who may take them. */
static int
print_next(struct cli *c, const char *purpose, const char *case_id)
{
    ac_case_next_step *next = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    if (ac_case_next_steps(c->hub, c->actor, purpose, case_id, c->arena, &next, &n, &err) !=
        AC_OK) {
        return cli_fail("case next", &err);
    }
    printf("steps from the case's current state (* you may take it):\n");
    for (size_t i = 0; i < n; i++) {
        printf("%c %-30s -> %-20s by %s at %s\n", next[i].allowed ? '*' : ' ', next[i].step,
               next[i].to, next[i].roles, next[i].agencies);
        if (next[i].requires[0] != '\0') {
            printf("    needs: rationale,%s\n", next[i].requires);
        }
    }
    if (n == 0) {
        printf("  none: the case has ended, or has no workflow\n");
    }
    return CLI_OK;
}

static int
print_timeline(struct cli *c, const char *purpose, const char *case_id)
{
    ac_case_event *e = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    if (ac_case_timeline(c->hub, c->actor, purpose, case_id, c->arena, &e, &n, &err) != AC_OK) {
        return cli_fail("case timeline", &err);
    }
    for (size_t i = 0; i < n; i++) {
        if (strcmp(e[i].kind, "note") == 0) {
            printf("%3lld %s  note by %s: %s\n", (long long)e[i].seq, e[i].at, e[i].actor_id,
                   e[i].rationale);
            continue;
        }
        printf("%3lld %s  %s: %s -> %s by %s%s\n      why: %s\n", (long long)e[i].seq, e[i].at,
               e[i].step, e[i].from_state, e[i].to_state, e[i].actor_id,
               e[i].late_days > 0 ? " (LATE)" : "", e[i].rationale);
        if (e[i].late_days > 0) {
            printf("      late by %d %s\n", e[i].late_days,
                   cli_plural((unsigned long long)e[i].late_days, "day", "days"));
        }
        if (strcmp(e[i].fields_json, "{}") != 0) {
            printf("      fields: %s\n", e[i].fields_json);
        }
    }
    printf("%zu %s\n", n, cli_plural(n, "entry", "entries"));
    return CLI_OK;
}

/* "7d", "2w", "3m" (months of 30 days) into milliseconds, or -1. */
static int64_t
parse_within(const char *s)
{
    char *end = NULL;
    long n = strtol(s, &end, 10);
    int64_t day = 86400000LL;

    if (end == s || n < 0 || n > 3650) {
        return -1;
    }
    return strcmp(end, "d") == 0   ? n * day
           : strcmp(end, "w") == 0 ? n * 7 * day
           : strcmp(end, "m") == 0 ? n * 30 * day
                                   : -1;
}

int
cli_cmd_cases(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONGOPTS,
        { "within", required_argument, NULL, 'w' },
        { "agency", required_argument, NULL, 'g' },
        { NULL, 0, NULL, 0 },
    };
    int64_t within = 7 * 86400000LL;
    const char *agency = NULL;
    ac_agency lead;
    size_t shown = 0;
    ac_case_due *due = NULL;
    size_t n = 0;
    const char *purpose;
    ac_error err = { 0 };
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 'w' && (within = parse_within(optarg)) < 0) {
            return cli_usage("cases", "--within: a span such as 7d, 2w or 3m");
        } else if (opt == 'g') {
            agency = optarg;
        } else if (opt == 'h') {
            return print_help(c);
        } else if (opt != 'w') {
            return cli_usage("cases", "unknown option: see 'accord case --help'");
        }
    }
    if (optind + 1 != argc || strcmp(argv[optind], "due") != 0) {
        return cli_usage("cases", "due [--within SPAN] [--agency AGENCY]");
    }
    if ((rc = cli_open_as(c)) != CLI_OK) {
        return rc;
    }
    if ((purpose = cli_purpose(c)) == NULL) {
        return CLI_USAGE;
    }
    if (agency != NULL &&
        ac_agency_find(c->hub, c->actor, purpose, agency, c->arena, &lead, &err) != AC_OK) {
        return cli_fail("cases due: --agency", &err);
    }
    if (ac_cases_due(c->hub, c->actor, purpose, within, c->arena, &due, &n, &err) != AC_OK) {
        return cli_fail("cases due", &err);
    }
    for (size_t i = 0; i < n; i++) {
        if (agency != NULL && strcmp(due[i].lead_agency_id, lead.id) != 0) {
            continue;
        }
        printf("%s %-26s %-22s %-20s %-8s %s\n", due[i].due_at, due[i].case_id, due[i].case_type,
               due[i].state, due[i].overdue ? "OVERDUE" : "due", due[i].title);
        shown++;
    }
    printf("%zu %s\n", shown, cli_plural(shown, "deadline", "deadlines"));
    return CLI_OK;
}

int
cli_cmd_case(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONGOPTS,
        { "rationale", required_argument, NULL, 'r' },
        { "field", required_argument, NULL, 'f' },
        { NULL, 0, NULL, 0 },
    };
    ac_case_field fields[MAX_FIELDS];
    size_t n_fields = 0;
    const char *rationale = NULL, *verb, *purpose, *state = NULL;
    bool want_help = false;
    ac_error err = { 0 };
    int opt, rc;

    if (argc > 1 && (strcmp(argv[1], "add") == 0 || strcmp(argv[1], "member") == 0)) {
        return cli_cmd_item(c, argc, argv);
    }
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 'r') {
            rationale = optarg;
        } else if (opt == 'f') {
            char *eq = strchr(optarg, '=');

            if (eq == NULL || eq == optarg || n_fields == MAX_FIELDS) {
                return cli_usage("case", "--field: NAME=VALUE (at most %d)", MAX_FIELDS);
            }
            *eq = '\0';
            fields[n_fields++] = (ac_case_field){ optarg, eq + 1 };
        } else if (opt == 'h') {
            want_help = true;
        } else {
            return cli_usage("case", "unknown option: see 'accord case --help'");
        }
    }
    verb = optind < argc ? argv[optind] : "";
    if (want_help) {
        if (print_help(c) != CLI_OK) {
            return CLI_FAIL;
        }
        /* with a case and a user: the steps open from where the case is now */
        if (optind + 2 <= argc && c->as_user != NULL && c->purpose != NULL &&
            cli_open_as(c) == CLI_OK) {
            putchar('\n');
            return print_next(c, c->purpose, argv[optind + 1]);
        }
        return CLI_OK;
    }
    if (!((strcmp(verb, "step") == 0 && optind + 3 == argc) ||
          (strcmp(verb, "note") == 0 && optind + 3 == argc) ||
          ((strcmp(verb, "timeline") == 0 || strcmp(verb, "next") == 0) && optind + 2 == argc))) {
        return cli_usage("case", "step CASE STEP, note CASE TEXT, timeline CASE or next CASE");
    }
    if ((rc = cli_open_as(c)) != CLI_OK) {
        return rc;
    }
    if ((purpose = cli_purpose(c)) == NULL) {
        return CLI_USAGE;
    }
    if (strcmp(verb, "next") == 0) {
        return print_next(c, purpose, argv[optind + 1]);
    }
    if (strcmp(verb, "timeline") == 0) {
        return print_timeline(c, purpose, argv[optind + 1]);
    }
    if (strcmp(verb, "note") == 0) {
        if (ac_case_note(c->hub, c->actor, purpose, argv[optind + 1], argv[optind + 2], &err) !=
            AC_OK) {
            return cli_fail("case note", &err);
        }
        return CLI_OK;
    }
    if (ac_case_step(c->hub, c->actor, purpose, argv[optind + 1], argv[optind + 2], rationale,
                     fields, n_fields, c->arena, &state, &err) != AC_OK) {
        return cli_fail("case step", &err);
    }
    printf("case %s is now %s\n", argv[optind + 1], state);
    return CLI_OK;
}
