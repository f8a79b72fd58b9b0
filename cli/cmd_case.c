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
    "usage: accord case add TYPE TITLE [--subject PERSON]... | accord case member CASE AGENCY\n"
    "       accord case subject CASE PERSON   (see 'accord item --help')\n"
    "       accord case list [--scope mine|agency|all] [--type TYPE] [--state STATE]\n"
    "                        [--due SPAN] [--limit N] [--json]\n"
    "       accord case show CASE [--json]\n"
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
    "  --scope S           case list: mine (opened by you or naming you), agency (led by\n"
    "                      your agency) or all (every case you may read; the default)\n"
    "  --type TYPE         case list: soi, maa_review, prevent_referral, channel,\n"
    "                      offender_notification or general\n"
    "  --state STATE       case list: in that workflow state (e.g. received)\n"
    "  --due SPAN          case list: only cases with a deadline that soon (7d, 2w, 3m),\n"
    "                      passed ones included; nearest deadline first\n"
    "  --limit N           case list: at most N cases (1 to 100; default 100)\n"
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

/* "J. Smith (Birmingham City Council)": a person reads names, never ids. */
static const char *
who(struct cli *c, const char *user_name, const char *agency_name)
{
    return ac_arena_printf(c->arena, "%s (%s)", user_name != NULL ? user_name : "a former user",
                           agency_name != NULL ? agency_name : "a former agency");
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
            printf("%3lld %s  note by %s: %s\n", (long long)e[i].seq, e[i].at,
                   who(c, e[i].actor_name, e[i].agency_name), e[i].rationale);
            continue;
        }
        printf("%3lld %s  %s: %s -> %s by %s%s\n      why: %s\n", (long long)e[i].seq, e[i].at,
               e[i].step, e[i].from_state, e[i].to_state, who(c, e[i].actor_name, e[i].agency_name),
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

struct list_opts {
    const char *scope, *type, *state, *due, *limit;
};

static int
case_list(struct cli *c, const char *purpose, const struct list_opts *lo)
{
    static const char *const headers[] = { "CASE", "TYPE", "STATE", "DEADLINE", "LEAD", "TITLE" };
    ac_case_query q = { AC_CASES_VISIBLE, lo->type, lo->state, -1, 0 };
    ac_case_summary *list = NULL;
    size_t n = 0;
    struct cli_table *t;
    ac_error err = { 0 };

    if (lo->scope != NULL) {
        if (strcmp(lo->scope, "mine") == 0) {
            q.scope = AC_CASES_MINE;
        } else if (strcmp(lo->scope, "agency") == 0) {
            q.scope = AC_CASES_AGENCY;
        } else if (strcmp(lo->scope, "all") != 0) {
            return cli_usage("case list", "--scope: mine (opened by you or naming you), agency "
                                          "(led by your agency) or all (every case you may "
                                          "read, the default)");
        }
    }
    if (lo->due != NULL && (q.due_within_ms = parse_within(lo->due)) < 0) {
        return cli_usage("case list", "--due: a span such as 7d, 2w or 3m (deadlines due that "
                                      "soon, and those passed)");
    }
    if (lo->limit != NULL) {
        char *end = NULL;
        long v = strtol(lo->limit, &end, 10);

        if (end == lo->limit || *end != '\0' || v < 1 || v > AC_CASE_LIST_MAX) {
            return cli_usage("case list", "--limit: a whole number from 1 to %d", AC_CASE_LIST_MAX);
        }
        q.limit = (size_t)v;
    }
    if (ac_case_list(c->hub, c->actor, purpose, &q, c->arena, &list, &n, &err) != AC_OK) {
        return cli_fail("case list", &err);
    }
    t = cli_table_new(c->arena, 6, headers);
    for (size_t i = 0; i < n; i++) {
        const char *due = list[i].due_at == NULL ? "-"
                          : list[i].overdue
                              ? ac_arena_printf(c->arena, "%s OVERDUE", list[i].due_at)
                              : list[i].due_at;

        if (c->json) {
            printf("{\"id\":\"%s\",\"case_type\":\"%s\",\"state\":", list[i].id, list[i].case_type);
            cli_json_string(stdout, list[i].state);
            printf(",\"lead_agency_id\":\"%s\",\"title\":", list[i].lead_agency_id);
            cli_json_string(stdout, list[i].title);
            printf(",\"due_at\":");
            if (list[i].due_at != NULL) {
                cli_json_string(stdout, list[i].due_at);
            } else {
                printf("null");
            }
            printf(",\"overdue\":%s}\n", list[i].overdue ? "true" : "false");
            continue;
        }
        cli_table_add(t, (const char *const[]){ list[i].id, list[i].case_type, list[i].state, due,
                                                list[i].lead_agency_name, list[i].title });
    }
    if (!c->json) {
        cli_table_print(t, stdout);
        printf("%zu case%s\n", n, n == 1 ? "" : "s");
    }
    return CLI_OK;
}

static int
case_show(struct cli *c, const char *purpose, const char *id)
{
    ac_case k;
    ac_error err = { 0 };

    if (ac_case_get(c->hub, c->actor, purpose, id, c->arena, &k, &err) != AC_OK) {
        return cli_fail("case show", &err);
    }
    if (c->json) {
        printf("{\"id\":\"%s\",\"case_type\":\"%s\",\"state\":", k.id, ac_case_type_str(k.type));
        cli_json_string(stdout, k.state);
        printf(",\"lead_agency_id\":\"%s\",\"title\":", k.lead_agency_id);
        cli_json_string(stdout, k.title);
        printf(",\"members\":[");
        for (size_t i = 0; i < k.n_members; i++) {
            printf("%s{\"agency_id\":\"%s\",\"user_id\":", i ? "," : "", k.members[i].agency_id);
            if (k.members[i].user_id != NULL) {
                printf("\"%s\"", k.members[i].user_id);
            } else {
                printf("null");
            }
            printf(",\"role\":\"%s\",\"added_at\":\"%s\"}", k.members[i].role,
                   k.members[i].added_at);
        }
        printf("],\"subjects\":[");
        for (size_t i = 0; i < k.n_subjects; i++) {
            printf("%s{\"person_id\":\"%s\",\"agency_id\":\"%s\",\"name\":", i ? "," : "",
                   k.subjects[i].person_id, k.subjects[i].agency_id);
            cli_json_string(stdout, k.subjects[i].name != NULL ? k.subjects[i].name : "");
            printf(",\"added_at\":\"%s\"}", k.subjects[i].added_at);
        }
        printf("]}\n");
        return CLI_OK;
    }
    printf("case %s\n  title    %s\n  type     %s\n  state    %s\n", k.id, k.title,
           ac_case_type_str(k.type), k.state);
    printf("  members  %zu\n", k.n_members);
    for (size_t i = 0; i < k.n_members; i++) {
        const ac_case_member *m = &k.members[i];

        if (m->user_id != NULL) {
            printf("    %-8s %s of %s, since %s\n", m->role,
                   m->user_name != NULL ? m->user_name : "a former user",
                   m->agency_name != NULL ? m->agency_name : "a former agency", m->added_at);
        } else {
            printf("    %-8s %s, since %s\n", m->role,
                   m->agency_name != NULL ? m->agency_name : "a former agency", m->added_at);
        }
    }
    printf("  subjects %zu\n", k.n_subjects);
    for (size_t i = 0; i < k.n_subjects; i++) {
        const ac_case_subject *v = &k.subjects[i];

        printf("    %s (%s, %s), since %s\n", v->name != NULL ? v->name : "a person",
               v->agency_name, v->person_id, v->added_at);
    }
    printf("'accord case timeline %s' shows its steps and notes; 'accord case next %s' the "
           "steps open now\n",
           k.id, k.id);
    return CLI_OK;
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
        { "scope", required_argument, NULL, 's' },
        { "type", required_argument, NULL, 't' },
        { "state", required_argument, NULL, 'S' },
        { "due", required_argument, NULL, 'd' },
        { "limit", required_argument, NULL, 'l' },
        { NULL, 0, NULL, 0 },
    };
    struct list_opts lo = { 0 };
    ac_case_field fields[MAX_FIELDS];
    size_t n_fields = 0;
    const char *rationale = NULL, *verb, *purpose, *state = NULL;
    bool want_help = false;
    ac_error err = { 0 };
    int opt, rc;

    if (argc > 1 && (strcmp(argv[1], "add") == 0 || strcmp(argv[1], "member") == 0 ||
                     strcmp(argv[1], "subject") == 0)) {
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
        } else if (opt == 's') {
            lo.scope = optarg;
        } else if (opt == 't') {
            lo.type = optarg;
        } else if (opt == 'S') {
            lo.state = optarg;
        } else if (opt == 'd') {
            lo.due = optarg;
        } else if (opt == 'l') {
            lo.limit = optarg;
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
          (strcmp(verb, "list") == 0 && optind + 1 == argc) ||
          ((strcmp(verb, "timeline") == 0 || strcmp(verb, "next") == 0 ||
            strcmp(verb, "show") == 0) &&
           optind + 2 == argc))) {
        return cli_usage("case", "list [--scope S] [--type T] [--state S] [--due SPAN], show "
                                 "CASE, step CASE STEP, note CASE TEXT, timeline CASE or next "
                                 "CASE");
    }
    if (strcmp(verb, "list") != 0 && (lo.scope != NULL || lo.type != NULL || lo.state != NULL ||
                                      lo.due != NULL || lo.limit != NULL)) {
        return cli_usage("case", "--scope, --type, --state, --due and --limit are for 'case "
                                 "list'");
    }
    if ((rc = cli_open_as(c)) != CLI_OK) {
        return rc;
    }
    if ((purpose = cli_purpose(c)) == NULL) {
        return CLI_USAGE;
    }
    if (strcmp(verb, "list") == 0) {
        return case_list(c, purpose, &lo);
    }
    if (strcmp(verb, "show") == 0) {
        return case_show(c, purpose, argv[optind + 1]);
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
