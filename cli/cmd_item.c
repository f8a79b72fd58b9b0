/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_item.c - accord item add|show|list|edit, accord case add|member, accord disclose,
 * approve and revoke: intelligence items and their controlled sharing.
 */
#include "cli.h"

#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: accord item add --text TEXT --classification C (--grade SIH | --legacy-grade SIH)\n"
    "                       [--conditions TEXT]\n"
    "                       [--caveats LIST] [--releasable-to LIST] [--case ID]\n"
    "       accord item show ID [--json]\n"
    "       accord item list\n"
    "       accord item edit ID --text TEXT --version N\n"
    "       accord case add TYPE TITLE [--subject PERSON_ID]...\n"
    "       accord case member CASE_ID AGENCY [--user USERNAME] [--role member|chair|observer]\n"
    "       accord case subject CASE_ID PERSON_ID\n"
    "       accord disclose ITEM_ID (--to-agency AGENCY | --to-case CASE_ID) --basis GATEWAY\n"
    "                       --expires TIME [--classification C] [--redacted TEXT]\n"
    "                       [--conditions TEXT] [--caveats LIST] [--release-iss]\n"
    "       accord approve DISCLOSURE_ID\n"
    "       accord revoke DISCLOSURE_ID\n"
    "\n"
    "An item belongs to the agency that wrote it.  Others read it only through a live\n"
    "disclosure, and then only the version released to them: the text and marking as\n"
    "they were at release, never a later edit (share an edit with a new release).  A\n"
    "release below the original classification waits for a second person of the\n"
    "originating agency to approve it; a revocation takes effect at once.  Every command\n"
    "needs --as and --purpose, and is audited.\n"
    "\n"
    "  --classification  official, official_sensitive, secret, top_secret (vetting: BPSS,\n"
    "                    BPSS, SC, DV)\n"
    "  --grade SIH       3x5x2: source 1-3, intelligence A-E, handling P or C, e.g. 2BC;\n"
    "                    handling C needs --conditions, which travel with every copy\n"
    "  --legacy-grade    a 5x5x5 grading (source A-E, intelligence 1-5, handling 1-5,\n"
    "                    e.g. B24), stored as 3x5x2 by data/grading/5x5x5_to_3x5x2.csv;\n"
    "                    a restrictive legacy handling code becomes C with its condition\n"
    "  --caveats         uk_eyes_only (SECRET and TOP SECRET only: a national caveat,\n"
    "                    GSCP 2024), iss (intelligence-service material, CTSA 2015\n"
    "                    s.38(5): set on every Security Service item; never in a Prevent\n"
    "                    or Channel case, never read by a local authority)\n"
    "  --release-iss     the originator's explicit release of iss material; it goes only\n"
    "                    under ssa1989-s2 or cta2008-s19, never ctsa2015-s38\n"
    "  --releasable-to   agency ids or kinds the item may be disclosed to\n"
    "  --basis GATEWAY   the lawful gateway: ssa1989-s2, cta2008-s19, ctsa2015-s38,\n"
    "                    cda1998-s115, dpa2018-part3 (the partnership may add more)\n"
    "  --expires TIME    RFC 3339 (2027-03-01T00:00:00Z), a day (midnight UTC) or a span\n"
    "                    from now (90d, 12h)\n"
    "  TYPE (case)       soi, maa_review, prevent_referral, channel, offender_notification,\n"
    "                    general\n"
    "\n"
    "Example:\n"
    "  accord --as ss.analyst --purpose 'Op Heron' item add --classification secret \\\n"
    "      --grade 1BC --conditions 'No onward disclosure' --text 'Subject met ...'\n"
    "  accord --as ss.analyst --purpose 'Op Heron' disclose ITEM --to-agency \\\n"
    "      'West Midlands Counter Terrorism Unit' --basis ssa1989-s2 --release-iss \\\n"
    "      --expires 90d --classification secret\n";

struct item_args {
    const char *text, *cls, *grade, *conditions, *caveats, *releasable, *case_id;
    const char *to_agency, *to_case, *basis, *expires, *redacted, *user, *role, *version;
    const char *legacy_grade;
    bool release_iss;         /* --release-iss */
    const char *subjects[16]; /* --subject, for case add */
    size_t n_subjects;
};

static const char *
need_purpose(struct cli *c)
{
    return cli_purpose(c);
}

static void
print_item(struct cli *c, const ac_item *it)
{
    char d[AC_DATE_TEXT_MAX];

    printf("id              %s\n", it->id);
    printf("originator      %s\n", cli_agency_name(c, it->agency_id));
    printf("classification  %s%s%s\n", ac_classification_str(it->classification),
           it->caveats & AC_CAVEAT_UK_EYES_ONLY ? " UK EYES ONLY" : "",
           it->caveats & AC_CAVEAT_ISS ? " (intelligence-service sensitive)" : "");
    printf("grading         %c%c%c\n", it->source_eval, it->intel_eval, it->handling);
    if (it->handling_conditions != NULL) {
        printf("conditions      %s\n", it->handling_conditions);
    }
    if (it->case_id != NULL) {
        printf("case            %s\n", it->case_id);
    }
    if (it->disclosure_id != NULL) {
        printf("released by     disclosure %s under %s, for '%s', until %s\n", it->disclosure_id,
               it->lawful_basis, it->purpose, it->expires_at);
    }
    printf("review by       %s\n", ac_date_format(&it->review_date, d));
    printf("version         %lld\n\n%s\n", (long long)it->version, it->body);
}

static void
json_member(const char *name, const char *value, bool first)
{
    printf("%s\"%s\":", first ? "" : ",", name);
    if (value != NULL) {
        cli_json_string(stdout, value);
    } else {
        fputs("null", stdout);
    }
}

static void
print_item_json(const ac_item *it)
{
    char grade[4] = { it->source_eval, it->intel_eval, it->handling, 0 };

    putchar('{');
    json_member("id", it->id, true);
    json_member("originator", it->agency_id, false);
    json_member("classification", ac_classification_str(it->classification), false);
    json_member("grade", grade, false);
    json_member("handling_conditions", it->handling_conditions, false);
    json_member("case_id", it->case_id, false);
    json_member("disclosure_id", it->disclosure_id, false);
    json_member("lawful_basis", it->lawful_basis, false);
    json_member("body", it->body, false);
    printf(",\"version\":%lld}\n", (long long)it->version);
}

static int
item_add(struct cli *c, const struct item_args *ia, const char *purpose)
{
    ac_item it;
    const char *id = NULL, *ia_grade = ia->grade;
    ac_error err = { 0 };
    char grade[4];

    memset(&it, 0, sizeof it);
    it.handling_conditions = ia->conditions;
    if (ia->grade != NULL && ia->legacy_grade != NULL) {
        return cli_usage("item", "give --grade (3x5x2) or --legacy-grade (5x5x5), not both");
    }
    if (ia->legacy_grade != NULL) {
        char *mapped = ac_arena_alloc(c->arena, 4);
        const char *cond = NULL;

        if (mapped == NULL ||
            ac_grade_from_5x5x5(ia->legacy_grade, c->arena, mapped, &cond, &err) != AC_OK) {
            return cli_usage("item", "%s", mapped == NULL ? "out of memory" : err.msg);
        }
        ia_grade = mapped;
        if (cond != NULL) {
            it.handling_conditions =
                ia->conditions == NULL ? cond
                                       : ac_arena_printf(c->arena, "%s; %s", cond, ia->conditions);
        }
    }
    if (ia->text == NULL || ia->cls == NULL || ia_grade == NULL || strlen(ia_grade) != 3) {
        return cli_usage("item", "add needs --text, --classification and --grade (e.g. 2BC)");
    }
    for (size_t i = 0; i < sizeof grade; i++) {
        grade[i] = (char)toupper((unsigned char)ia_grade[i]); /* 2bc is 2BC */
    }
    if (grade[0] < '1' || grade[0] > '3' || grade[1] < 'A' || grade[1] > 'E' ||
        (grade[2] != 'P' && grade[2] != 'C')) {
        return cli_usage("item",
                         "--grade: source 1-3, intelligence A-E, handling P or C, e.g. 2BC");
    }
    if (ac_classification_parse(ia->cls, &it.classification, &err) != AC_OK ||
        (ia->caveats != NULL && ac_caveats_parse(ia->caveats, &it.caveats, &err) != AC_OK)) {
        return cli_usage("item", "%s", err.msg);
    }
    it.body = ia->text;
    it.source_eval = grade[0];
    it.intel_eval = grade[1];
    it.handling = grade[2];
    it.releasable_to = ia->releasable;
    it.case_id = ia->case_id;
    if (ac_item_add(c->hub, c->actor, purpose, &it, c->arena, &id, &err) != AC_OK) {
        return cli_fail("item add", &err);
    }
    printf("%s\n", id);
    return CLI_OK;
}

static int
item_list(struct cli *c, const char *purpose)
{
    static const char *const headers[] = { "ID", "CLASSIFICATION", "GRADE", "VIA", "TEXT" };
    ac_item *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    struct cli_table *t = cli_table_new(c->arena, 5, headers);

    if (ac_item_list(c->hub, c->actor, purpose, 0, c->arena, &list, &n, &err) != AC_OK) {
        return cli_fail("item list", &err);
    }
    for (size_t i = 0; i < n; i++) {
        char grade[4] = { list[i].source_eval, list[i].intel_eval, list[i].handling, 0 };
        char *text = ac_arena_strndup(c->arena, list[i].body, strnlen(list[i].body, 60));
        const char *row[] = { list[i].id, ac_classification_str(list[i].classification), grade,
                              list[i].disclosure_id ? "disclosure" : "originator", text };

        for (char *p = text; p != NULL && *p; p++) {
            *p = *p == '\n' ? ' ' : *p;
        }
        cli_table_add(t, row);
    }
    cli_table_print(t, stdout);
    fprintf(stderr, "%zu %s\n", n, cli_plural(n, "item", "items"));
    return CLI_OK;
}

static int
disclose(struct cli *c, const char *item_id, const struct item_args *ia, const char *purpose)
{
    ac_disclosure d;
    ac_item *it = NULL;
    ac_agency g;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&d, 0, sizeof d);
    if ((ia->to_agency == NULL) == (ia->to_case == NULL) || ia->basis == NULL ||
        ia->expires == NULL) {
        return cli_usage("disclose", "needs --to-agency or --to-case, --basis and --expires");
    }
    if (ac_item_get(c->hub, c->actor, purpose, item_id, c->arena, &it, &err) != AC_OK) {
        return cli_fail("disclose", &err);
    }
    d.classification = it->classification;
    if ((ia->cls != NULL && ac_classification_parse(ia->cls, &d.classification, &err) != AC_OK) ||
        (ia->caveats != NULL && ac_caveats_parse(ia->caveats, &d.caveats, &err) != AC_OK)) {
        return cli_usage("disclose", "%s", err.msg);
    }
    if (ia->to_agency != NULL) {
        if (ac_agency_find(c->hub, c->actor, purpose, ia->to_agency, c->arena, &g, &err) != AC_OK) {
            return cli_fail("disclose: --to-agency", &err);
        }
        d.recipient_agency_id = g.id;
    }
    d.recipient_case_id = ia->to_case;
    d.item_id = item_id;
    d.purpose = purpose;
    d.lawful_basis = ia->basis;
    d.body = ia->redacted;
    d.handling_conditions = ia->conditions;
    d.expires_at = cli_expiry(c, ia->expires);
    d.release_iss = ia->release_iss;
    if (ac_disclosure_create(c->hub, c->actor, purpose, &d, c->arena, &id, &err) != AC_OK) {
        return cli_fail("disclose", &err);
    }
    printf("%s\n", id);
    if (d.classification < it->classification) {
        fprintf(stderr,
                "released below the original classification: waiting for a second "
                "person to run 'accord approve %s'\n",
                id);
    }
    return CLI_OK;
}

static int
run(struct cli *c, const char *cmd, int argc, char **argv, const struct item_args *ia)
{
    const char *purpose = need_purpose(c);
    ac_error err = { 0 };
    const char *id = NULL;

    if (purpose == NULL) {
        return CLI_USAGE;
    }
    if (strcmp(cmd, "item") == 0 && argc == 1 && strcmp(argv[0], "add") == 0) {
        return item_add(c, ia, purpose);
    }
    if (strcmp(cmd, "item") == 0 && argc == 1 && strcmp(argv[0], "list") == 0) {
        return item_list(c, purpose);
    }
    if (strcmp(cmd, "item") == 0 && argc == 2 && strcmp(argv[0], "show") == 0) {
        ac_item *it = NULL;

        if (ac_item_get(c->hub, c->actor, purpose, argv[1], c->arena, &it, &err) != AC_OK) {
            return cli_fail("item show", &err);
        }
        if (c->json) {
            print_item_json(it);
        } else {
            print_item(c, it);
        }
        return CLI_OK;
    }
    if (strcmp(cmd, "item") == 0 && argc == 2 && strcmp(argv[0], "edit") == 0) {
        if (ia->text == NULL || ia->version == NULL || ia->version[0] == '\0' ||
            ia->version[strspn(ia->version, "0123456789")] != '\0') {
            return cli_usage("item", "edit needs --text and --version (from 'item show')");
        }
        if (ac_item_update_body(c->hub, c->actor, purpose, argv[1], ia->text,
                                strtoll(ia->version, NULL, 10), &err) != AC_OK) {
            return cli_fail("item edit", &err);
        }
        return CLI_OK;
    }
    if (strcmp(cmd, "case") == 0 && argc == 3 && strcmp(argv[0], "add") == 0) {
        ac_case_type type;

        if (ac_case_type_parse(argv[1], &type, &err) != AC_OK) {
            return cli_usage("case", "%s", err.msg);
        }
        if (ac_case_add_with_subjects(c->hub, c->actor, purpose, type, argv[2], ia->subjects,
                                      ia->n_subjects, c->arena, &id, &err) != AC_OK) {
            return cli_fail("case add", &err);
        }
        printf("%s\n", id);
        return CLI_OK;
    }
    if (strcmp(cmd, "case") == 0 && argc == 3 && strcmp(argv[0], "member") == 0) {
        ac_agency g;

        if (ac_agency_find(c->hub, c->actor, purpose, argv[2], c->arena, &g, &err) != AC_OK ||
            ac_case_member_add(c->hub, c->actor, purpose, argv[1], g.id, ia->user,
                               ia->role ? ia->role : "member", &err) != AC_OK) {
            return cli_fail("case member", &err);
        }
        return CLI_OK;
    }
    if (strcmp(cmd, "case") == 0 && argc == 3 && strcmp(argv[0], "subject") == 0) {
        if (ac_case_subject_add(c->hub, c->actor, purpose, argv[1], argv[2], &err) != AC_OK) {
            return cli_fail("case subject", &err);
        }
        return CLI_OK;
    }
    if (strcmp(cmd, "disclose") == 0 && argc == 1) {
        return disclose(c, argv[0], ia, purpose);
    }
    if ((strcmp(cmd, "approve") == 0 || strcmp(cmd, "revoke") == 0) && argc == 1) {
        ac_code rc = strcmp(cmd, "approve") == 0
                         ? ac_disclosure_approve(c->hub, c->actor, purpose, argv[0], &err)
                         : ac_disclosure_revoke(c->hub, c->actor, purpose, argv[0], &err);

        return rc == AC_OK ? CLI_OK : cli_fail(cmd, &err);
    }
    return cli_usage(cmd, "unknown or incomplete command");
}

int
cli_cmd_item(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "text", required_argument, NULL, 't' },
                                          { "classification", required_argument, NULL, 'c' },
                                          { "grade", required_argument, NULL, 'g' },
                                          { "conditions", required_argument, NULL, 'n' },
                                          { "caveats", required_argument, NULL, 'v' },
                                          { "releasable-to", required_argument, NULL, 'r' },
                                          { "case", required_argument, NULL, 'k' },
                                          { "to-agency", required_argument, NULL, 'a' },
                                          { "to-case", required_argument, NULL, 'q' },
                                          { "basis", required_argument, NULL, 'b' },
                                          { "expires", required_argument, NULL, 'e' },
                                          { "redacted", required_argument, NULL, 'x' },
                                          { "user", required_argument, NULL, 'u' },
                                          { "role", required_argument, NULL, 'o' },
                                          { "version", required_argument, NULL, 'V' },
                                          { "release-iss", no_argument, NULL, 'I' },
                                          { "legacy-grade", required_argument, NULL, 'L' },
                                          { "subject", required_argument, NULL, 'S' },
                                          { NULL, 0, NULL, 0 } };
    struct item_args ia;
    const char *cmd = argv[0];
    int opt, rc;

    memset(&ia, 0, sizeof ia);
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        const char **slot = NULL;

        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        switch (opt) {
        case 't':
            slot = &ia.text;
            break;
        case 'c':
            slot = &ia.cls;
            break;
        case 'g':
            slot = &ia.grade;
            break;
        case 'n':
            slot = &ia.conditions;
            break;
        case 'v':
            slot = &ia.caveats;
            break;
        case 'r':
            slot = &ia.releasable;
            break;
        case 'k':
            slot = &ia.case_id;
            break;
        case 'a':
            slot = &ia.to_agency;
            break;
        case 'q':
            slot = &ia.to_case;
            break;
        case 'b':
            slot = &ia.basis;
            break;
        case 'e':
            slot = &ia.expires;
            break;
        case 'x':
            slot = &ia.redacted;
            break;
        case 'u':
            slot = &ia.user;
            break;
        case 'o':
            slot = &ia.role;
            break;
        case 'V':
            slot = &ia.version;
            break;
        case 'I':
            ia.release_iss = true;
            continue;
        case 'S':
            if (ia.n_subjects == sizeof ia.subjects / sizeof ia.subjects[0]) {
                return cli_usage(cmd, "at most 16 --subject");
            }
            ia.subjects[ia.n_subjects++] = optarg;
            continue;
        case 'L':
            slot = &ia.legacy_grade;
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        default:
            return cli_usage(cmd, "unknown option");
        }
        *slot = optarg;
    }
    if (optind >= argc) {
        return cli_usage(cmd, "say what to do (see --help)");
    }
    rc = cli_open_as(c);
    return rc != CLI_OK ? rc : run(c, cmd, argc - optind, argv + optind, &ia);
}
