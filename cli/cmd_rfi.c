/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_rfi.c - accord rfi ask|list|show|answer|refuse|disclosures|read|revoke (requests for
 * information and person disclosures), and the pointer and discoverability commands that
 * 'accord person pointers' and 'accord agency discoverability' hand over to.
 */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static const char help[] =
    "usage: accord rfi ask (--ref REF | --case CASE_ID --to AGENCY) --question TEXT\n"
    "                      --basis GATEWAY [--urgency routine|urgent|immediate]\n"
    "       accord rfi list [--outgoing] [--open] [--json]\n"
    "       accord rfi show ID [--json]\n"
    "       accord rfi answer ID --fields names,dob,addresses,identifiers,summary\n"
    "                      [--summary TEXT] [--classification official|official_sensitive]\n"
    "                      [--expires DATE] [--basis GATEWAY] [--release-iss]\n"
    "       accord rfi answer ID --no-information [--note TEXT]\n"
    "       accord rfi refuse ID --reason TEXT\n"
    "       accord rfi disclosures [--json]\n"
    "       accord rfi read DISCLOSURE_ID [--json]\n"
    "       accord rfi revoke DISCLOSURE_ID\n"
    "       accord rfi approve DISCLOSURE_ID\n"
    "\n"
    "Requests for information.  'accord person pointers ID' shows which other agencies hold\n"
    "a record on a person you hold, each with a reference to quote; 'rfi ask --ref' asks\n"
    "that agency, giving your --purpose, a lawful gateway ('accord gateway list') and what\n"
    "you ask.  Routine requests are due in 10 working days, urgent ones in 24 hours,\n"
    "immediate ones in 1 hour (data/workflows/rfi_urgency.csv); one still open after that\n"
    "is escalated.  'rfi list' is your agency's queue (--outgoing: the requests it sent).\n"
    "The holder answers with the fields of its record it releases (a frozen copy the asker\n"
    "reads with 'rfi read'), with --no-information, or refuses with a reason.  A release\n"
    "marked official (below the record's official_sensitive) waits for a second person of\n"
    "the holder ('rfi approve', by someone other than who released it); the holder can\n"
    "revoke it at once.  A record the Security Service holds is intelligence-service material\n"
    "(CTSA 2015 s.38(5)): its release names ssa1989-s2 or cta2008-s19 and --release-iss, and\n"
    "never goes to a local authority or into a Prevent or Channel case.\n"
    "\n"
    "Examples:\n"
    "  accord --as ctp.analyst --purpose 'referral 42' rfi ask --ref REF \\\n"
    "      --question 'current address' --basis cda1998-s115 --urgency urgent\n"
    "  accord --as council.prevent --purpose 'the request queue' rfi list --open\n"
    "  accord --as council.prevent --purpose 'referral 42' rfi answer ID --fields names,dob\n"
    "  accord --as council.prevent --purpose 'referral 42' rfi refuse ID --reason 'live inquiry'\n";

struct rfi_args {
    const char *ref, *case_id, *to, *question, *basis, *urgency;
    const char *fields, *summary, *cls, *expires, *note, *reason;
    bool outgoing, open_only, no_info, release_iss;
};

static int
rfi_ask(struct cli *c, const char *purpose, const struct rfi_args *ra)
{
    ac_rfi in;
    ac_agency g;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&in, 0, sizeof in);
    if (ra->question == NULL || ra->basis == NULL || (ra->ref == NULL) == (ra->case_id == NULL)) {
        return cli_usage("rfi", "ask needs --ref REF (or --case CASE_ID --to AGENCY), --question "
                                "and --basis");
    }
    if (ac_rfi_urgency_parse(ra->urgency != NULL ? ra->urgency : "routine", &in.urgency, &err) !=
        AC_OK) {
        return cli_usage("rfi", "--urgency: %s", err.msg);
    }
    if (ra->to != NULL) {
        if (ac_agency_find(c->hub, c->actor, purpose, ra->to, c->arena, &g, &err) != AC_OK) {
            return cli_fail("rfi ask: --to", &err);
        }
        in.to_agency_id = g.id;
    }
    in.ref = ra->ref;
    in.case_id = ra->case_id;
    in.purpose = purpose;
    in.lawful_basis = ra->basis;
    in.question = ra->question;
    if (ac_rfi_ask(c->hub, c->actor, purpose, &in, c->arena, &id, &err) != AC_OK) {
        return cli_fail("rfi ask", &err);
    }
    printf("%s\n", id);
    return CLI_OK;
}

static void
rfi_json(const ac_rfi *r)
{
    printf("{\"id\":\"%s\",\"from\":", r->id);
    cli_json_string(stdout, r->from_agency_name);
    printf(",\"to\":");
    cli_json_string(stdout, r->to_agency_name);
    printf(",\"reference\":");
    cli_json_string(stdout, r->ref != NULL ? r->ref : "");
    printf(",\"urgency\":\"%s\",\"due_at\":\"%s\",\"status\":\"%s\",\"question\":",
           ac_rfi_urgency_str(r->urgency), r->due_at, ac_rfi_status_str(r->status));
    cli_json_string(stdout, r->question);
    printf(",\"answer\":");
    cli_json_string(stdout, r->answer != NULL ? r->answer : "");
    printf(",\"disclosure_id\":\"%s\"}\n", r->disclosure_id != NULL ? r->disclosure_id : "");
}

static int
rfi_list(struct cli *c, const char *purpose, const struct rfi_args *ra)
{
    static const char *const headers[] = { "ID", "FROM", "TO", "URGENCY", "DUE", "STATUS" };
    ac_rfi *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    struct cli_table *t;

    if (ac_rfi_list(c->hub, c->actor, purpose, !ra->outgoing, ra->open_only, c->arena, &list, &n,
                    &err) != AC_OK) {
        return cli_fail("rfi list", &err);
    }
    if (c->json) {
        for (size_t i = 0; i < n; i++) {
            rfi_json(&list[i]);
        }
        return CLI_OK;
    }
    t = cli_table_new(c->arena, 6, headers);
    for (size_t i = 0; i < n; i++) {
        const char *row[] = { list[i].id,
                              list[i].from_agency_name,
                              list[i].to_agency_name,
                              ac_rfi_urgency_str(list[i].urgency),
                              list[i].due_at,
                              ac_rfi_status_str(list[i].status) };

        cli_table_add(t, row);
    }
    cli_table_print(t, stdout);
    printf("%zu %s\n", n, cli_plural(n, "request", "requests"));
    return CLI_OK;
}

static int
rfi_show(struct cli *c, const char *purpose, const char *id)
{
    ac_rfi r;
    ac_error err = { 0 };

    if (ac_rfi_get(c->hub, c->actor, purpose, id, c->arena, &r, &err) != AC_OK) {
        return cli_fail("rfi show", &err);
    }
    if (c->json) {
        rfi_json(&r);
        return CLI_OK;
    }
    printf("request      %s\nfrom         %s (%s)\nto           %s\n", r.id, r.from_agency_name,
           cli_user_name(c, r.asked_by), r.to_agency_name);
    printf("about        %s\n", r.ref != NULL ? r.ref : r.case_id);
    if (r.held_person_id != NULL) {
        printf("your record  %s\n", r.held_person_id);
    }
    printf("purpose      %s\nbasis        %s\nquestion     %s\nurgency      %s, due %s\n"
           "status       %s\n",
           r.purpose, r.lawful_basis, r.question, ac_rfi_urgency_str(r.urgency), r.due_at,
           ac_rfi_status_str(r.status));
    if (r.answer != NULL) {
        printf("answer       %s\n", r.answer);
    }
    if (r.disclosure_id != NULL) {
        printf("disclosure   %s ('accord rfi read %s')\n", r.disclosure_id, r.disclosure_id);
    }
    if (r.escalated_at != NULL) {
        printf("escalated    %s: past its deadline\n", r.escalated_at);
    }
    return CLI_OK;
}

static int
rfi_answer(struct cli *c, const char *purpose, const char *id, const struct rfi_args *ra)
{
    ac_person_disclosure d;
    const char *pd = NULL;
    ac_error err = { 0 };

    if (ra->no_info) {
        if (ac_rfi_close(c->hub, c->actor, purpose, id, AC_RFI_NO_INFORMATION, ra->note, &err) !=
            AC_OK) {
            return cli_fail("rfi answer", &err);
        }
        printf("answered: no further information\n");
        return CLI_OK;
    }
    memset(&d, 0, sizeof d);
    if (ra->fields == NULL) {
        return cli_usage("rfi", "answer needs --fields (or --no-information)");
    }
    if (ac_pd_fields_parse(ra->fields, &d.fields, &err) != AC_OK ||
        ac_classification_parse(ra->cls != NULL ? ra->cls : "official_sensitive", &d.classification,
                                &err) != AC_OK) {
        return cli_usage("rfi", "%s", err.msg);
    }
    d.rfi_id = id;
    d.purpose = purpose;
    d.summary = ra->summary;
    d.release_iss = ra->release_iss;
    d.lawful_basis = ra->basis;
    d.expires_at = ra->expires;
    if (d.lawful_basis == NULL || d.expires_at == NULL) {
        ac_rfi r;

        if (ac_rfi_get(c->hub, c->actor, purpose, id, c->arena, &r, &err) != AC_OK) {
            return cli_fail("rfi answer", &err);
        }
        d.lawful_basis = d.lawful_basis != NULL ? d.lawful_basis : r.lawful_basis;
        d.expires_at = d.expires_at != NULL ? d.expires_at
                                            : ac_arena_printf(c->arena, "%.4s-12-31", r.created_at);
    }
    if (ac_person_disclose(c->hub, c->actor, purpose, &d, c->arena, &pd, &err) != AC_OK) {
        return cli_fail("rfi answer", &err);
    }
    printf("%s\n", pd);
    return CLI_OK;
}

static void
pd_print(struct cli *c, const ac_person_disclosure *d)
{
    if (c->json) {
        printf("{\"id\":\"%s\",\"holder\":", d->id);
        cli_json_string(stdout, d->holder_agency_name);
        printf(",\"fields\":\"%s\",\"classification\":\"%s\",\"status\":\"%s\",\"expires_at\":"
               "\"%s\",\"released\":%s}\n",
               ac_pd_fields_format(c->arena, d->fields), ac_classification_str(d->classification),
               d->status, d->expires_at, d->released);
        return;
    }
    printf("disclosure   %s\nfrom         %s\nfields       %s\nmarking      %s%s%s\n"
           "status       %s, until %s\nreleased     %s\n",
           d->id, d->holder_agency_name, ac_pd_fields_format(c->arena, d->fields),
           ac_classification_str(d->classification), d->handling_conditions ? "; " : "",
           d->handling_conditions ? d->handling_conditions : "", d->status, d->expires_at,
           d->released);
}

static int
rfi_disclosures(struct cli *c, const char *purpose)
{
    static const char *const headers[] = { "ID", "FROM", "FIELDS", "STATUS", "UNTIL" };
    ac_person_disclosure *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    struct cli_table *t;

    if (ac_person_disclosure_list(c->hub, c->actor, purpose, c->arena, &list, &n, &err) != AC_OK) {
        return cli_fail("rfi disclosures", &err);
    }
    if (c->json) {
        for (size_t i = 0; i < n; i++) {
            pd_print(c, &list[i]);
        }
        return CLI_OK;
    }
    t = cli_table_new(c->arena, 5, headers);
    for (size_t i = 0; i < n; i++) {
        const char *row[] = { list[i].id, list[i].holder_agency_name,
                              ac_pd_fields_format(c->arena, list[i].fields), list[i].status,
                              list[i].expires_at };

        cli_table_add(t, row);
    }
    cli_table_print(t, stdout);
    printf("%zu %s\n", n, cli_plural(n, "disclosure", "disclosures"));
    return CLI_OK;
}

static int
rfi_read(struct cli *c, const char *purpose, const char *id)
{
    ac_person_disclosure d;
    ac_error err = { 0 };

    if (ac_person_disclosure_get(c->hub, c->actor, purpose, id, c->arena, &d, &err) != AC_OK) {
        return cli_fail("rfi read", &err);
    }
    pd_print(c, &d);
    return CLI_OK;
}

static int
rfi_run(struct cli *c, const char *verb, const char *id, const struct rfi_args *ra)
{
    const char *purpose = cli_purpose(c);
    ac_error err = { 0 };

    if (purpose == NULL) {
        return CLI_USAGE;
    }
    if (strcmp(verb, "ask") == 0) {
        return rfi_ask(c, purpose, ra);
    }
    if (strcmp(verb, "list") == 0) {
        return rfi_list(c, purpose, ra);
    }
    if (strcmp(verb, "disclosures") == 0) {
        return rfi_disclosures(c, purpose);
    }
    if (strcmp(verb, "show") == 0) {
        return rfi_show(c, purpose, id);
    }
    if (strcmp(verb, "answer") == 0) {
        return rfi_answer(c, purpose, id, ra);
    }
    if (strcmp(verb, "read") == 0) {
        return rfi_read(c, purpose, id);
    }
    if (strcmp(verb, "approve") == 0) {
        if (ac_person_disclosure_approve(c->hub, c->actor, purpose, id, &err) != AC_OK) {
            return cli_fail("rfi approve", &err);
        }
        printf("approved %s: it now reaches its recipient\n", id);
        return CLI_OK;
    }
    if (strcmp(verb, "revoke") == 0) {
        if (ac_person_disclosure_revoke(c->hub, c->actor, purpose, id, &err) != AC_OK) {
            return cli_fail("rfi revoke", &err);
        }
        printf("revoked %s\n", id);
        return CLI_OK;
    }
    if (ra->reason == NULL) {
        return cli_usage("rfi", "refuse needs --reason: say why, for the asking agency");
    }
    if (ac_rfi_close(c->hub, c->actor, purpose, id, AC_RFI_REFUSED, ra->reason, &err) != AC_OK) {
        return cli_fail("rfi refuse", &err);
    }
    printf("refused\n");
    return CLI_OK;
}

static int
parse_opt(struct rfi_args *ra, int opt, const char *arg)
{
    const char **slot[] = {
        ['r'] = &ra->ref,   ['c'] = &ra->case_id, ['t'] = &ra->to,     ['q'] = &ra->question,
        ['b'] = &ra->basis, ['u'] = &ra->urgency, ['f'] = &ra->fields, ['s'] = &ra->summary,
        ['k'] = &ra->cls,   ['e'] = &ra->expires, ['n'] = &ra->note,   ['x'] = &ra->reason
    };

    if (opt == 'o' || opt == 'O' || opt == 'N' || opt == 'I') {
        ra->release_iss |= opt == 'I';
        ra->outgoing |= opt == 'o';
        ra->open_only |= opt == 'O';
        ra->no_info |= opt == 'N';
        return CLI_OK;
    }
    if (opt > 0 && (size_t)opt < sizeof slot / sizeof slot[0] && slot[opt] != NULL) {
        *slot[opt] = arg;
        return CLI_OK;
    }
    return cli_usage("rfi", "unknown option");
}

int
cli_cmd_rfi(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "ref", required_argument, NULL, 'r' },
                                          { "case", required_argument, NULL, 'c' },
                                          { "to", required_argument, NULL, 't' },
                                          { "question", required_argument, NULL, 'q' },
                                          { "basis", required_argument, NULL, 'b' },
                                          { "urgency", required_argument, NULL, 'u' },
                                          { "fields", required_argument, NULL, 'f' },
                                          { "summary", required_argument, NULL, 's' },
                                          { "classification", required_argument, NULL, 'k' },
                                          { "expires", required_argument, NULL, 'e' },
                                          { "note", required_argument, NULL, 'n' },
                                          { "reason", required_argument, NULL, 'x' },
                                          { "outgoing", no_argument, NULL, 'o' },
                                          { "open", no_argument, NULL, 'O' },
                                          { "no-information", no_argument, NULL, 'N' },
                                          { "release-iss", no_argument, NULL, 'I' },
                                          { NULL, 0, NULL, 0 } };
    static const char *const with_id[] = {
        "show", "answer", "refuse", "read", "revoke", "approve"
    };
    struct rfi_args ra;
    const char *verb;
    int opt, rc;
    bool needs_id = false;

    memset(&ra, 0, sizeof ra);
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        }
        if ((rc = parse_opt(&ra, opt, optarg)) != CLI_OK) {
            return rc;
        }
    }
    if (optind >= argc) {
        return cli_usage(
            "rfi", "say ask, list, show, answer, refuse, disclosures, read, revoke or approve");
    }
    verb = argv[optind];
    for (size_t i = 0; i < sizeof with_id / sizeof with_id[0]; i++) {
        needs_id |= strcmp(verb, with_id[i]) == 0;
    }
    if ((needs_id && optind + 2 != argc) ||
        (!needs_id &&
         (optind + 1 != argc || (strcmp(verb, "ask") != 0 && strcmp(verb, "list") != 0 &&
                                 strcmp(verb, "disclosures") != 0)))) {
        return cli_usage("rfi", "expected 'ask ...', 'list', 'disclosures', or 'show|answer|"
                                "refuse|read|revoke|approve ID'");
    }
    rc = cli_open_as(c);
    return rc != CLI_OK ? rc : rfi_run(c, verb, needs_id ? argv[optind + 1] : NULL, &ra);
}

/* ---- accord person pointers ID ---- */

int
cli_person_pointers(struct cli *c, const char *id)
{
    ac_pointer *p = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    const char *purpose = cli_purpose(c);

    if (purpose == NULL) {
        return CLI_USAGE;
    }
    if (ac_person_pointers(c->hub, c->actor, purpose, id, c->arena, &p, &n, &err) != AC_OK) {
        return cli_fail("person pointers", &err);
    }
    if (c->json) {
        for (size_t i = 0; i < n; i++) {
            printf("{\"agency\":");
            cli_json_string(stdout, p[i].agency_name);
            printf(",\"reference\":\"%s\",\"last_changed\":\"%s\"}\n", p[i].ref, p[i].last_changed);
        }
        return CLI_OK;
    }
    for (size_t i = 0; i < n; i++) {
        printf("%s holds a record (reference %s), last changed %s\n", p[i].agency_name, p[i].ref,
               p[i].last_changed);
    }
    if (n == 0) {
        printf("no other agency's record of this person is discoverable to you\n");
    }
    return CLI_OK;
}

/* ---- accord agency discoverability [AGENCY] | KIND yes|no ---- */

int
cli_agency_discoverability(struct cli *c, int argc, char **argv)
{
    ac_discoverability d[AC_AGENCY_KIND_COUNT];
    ac_agency_kind kind;
    ac_agency g;
    const char *agency = NULL;
    ac_error err = { 0 };

    if (argc == 2) {
        if (ac_agency_kind_parse(argv[0], &kind, &err) != AC_OK) {
            return cli_usage("agency", "discoverability KIND yes|no: %s", err.msg);
        }
        if (strcmp(argv[1], "yes") != 0 && strcmp(argv[1], "no") != 0) {
            return cli_usage("agency", "discoverability %s: say yes or no", argv[0]);
        }
        if (ac_agency_discoverability_set(c->hub, c->actor, c->purpose ? c->purpose : "", kind,
                                          strcmp(argv[1], "yes") == 0, &err) != AC_OK) {
            return cli_fail("agency discoverability", &err);
        }
        printf("your agency's holdings are %sdiscoverable to %s\n",
               strcmp(argv[1], "yes") == 0 ? "" : "not ", ac_agency_kind_str(kind));
        return CLI_OK;
    }
    if (argc == 1) {
        if (ac_agency_find(c->hub, c->actor, c->purpose ? c->purpose : "", argv[0], c->arena, &g,
                           &err) != AC_OK) {
            return cli_fail("agency discoverability", &err);
        }
        agency = g.id;
    }
    if (ac_agency_discoverability_get(c->hub, c->actor, c->purpose ? c->purpose : "", agency, d,
                                      &err) != AC_OK) {
        return cli_fail("agency discoverability", &err);
    }
    for (int k = 0; k < AC_AGENCY_KIND_COUNT; k++) {
        printf("%-22s %-3s %s\n", ac_agency_kind_str(d[k].recipient_kind),
               d[k].discoverable ? "yes" : "no", d[k].declared ? "(declared)" : "(default)");
    }
    return CLI_OK;
}
