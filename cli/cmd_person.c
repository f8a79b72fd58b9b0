/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_person.c - accord person add|show|search|edit|history|merge|unmerge.
 */
#include <jansson.h>

#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: accord person add --family NAME [--given NAME] [--middle NAME] [--dob DATE]\n"
    "                         [--alias NAME]... [--address LINE] [--town TOWN] [--postcode PC]\n"
    "                         [--passport N] [--ni N] [--pnc N] [--dl N] [--ref REF]\n"
    "       accord person show ID [--json]\n"
    "       accord person pointers ID [--json]   (other agencies' discoverable holdings)\n"
    "       accord person picture ID [--json]    (one view: every part you may see)\n"
    "       accord person search [NAME] [--dob DATE] [--postcode PC] [--limit N] [--json]\n"
    "       accord person search --identifier KIND:VALUE [--limit N] [--json]\n"
    "       accord person edit ID --reason TEXT [--given NAME] [--middle NAME] [--family NAME]\n"
    "                         [--dob DATE] [--address LINE] [--town TOWN] [--postcode PC]\n"
    "                         [--passport N] [--ni N] [--pnc N] [--dl N] [--ref REF]\n"
    "       accord person history ID [--json]\n"
    "       accord person merge ID OTHER_ID --reason TEXT\n"
    "       accord person unmerge OTHER_ID --reason TEXT\n"
    "\n"
    "People as your agency records them.  Every command needs --as USER and --purpose,\n"
    "which is kept in the audit trail.  You see your own agency's\n"
    "records; a record you may not see is reported as not found.\n"
    "\n"
    "Dates: 1985-03-07, 19850307, 07/03/1985, or partial: 1985-03, 1985.\n"
    "Search finds every spelling: variants and nicknames ('mohammed' finds Muhammad),\n"
    "other scripts ('petrenko' finds Петренко), names either way round, initials, one\n"
    "typo in a word of 5+ letters, words begun ('moh kha'); case and accents ignored.\n"
    "A partial --dob matches as far as it goes; --postcode takes a postcode, a sector\n"
    "('B11 4') or an outward code.  Best match first, each with its SCORE and WHY.\n"
    "--identifier finds the records holding an identifier: KIND is NI, PNC, passport, DL\n"
    "or other (or leave 'KIND:' out to search every kind); spaces, '/' and case do not\n"
    "matter.  WHY says which identifier agreed.\n"
    "\n"
    "edit changes the fields given (an empty value removes one) and keeps the version it\n"
    "replaces, with who, when and --reason; history lists those versions.  Postcodes, NI\n"
    "numbers (HMRC's rules) and PNC ids (05/123456X) are checked.  merge makes ID answer\n"
    "for OTHER_ID too (two records of your agency of one person; its links and cases\n"
    "follow); unmerge undoes it.\n"
    "\n"
    "Examples:\n"
    "  accord --as ctp.analyst person add --given Aisha --family Rahman --dob 1990-04 \\\n"
    "      --postcode 'B11 4AA' --purpose 'referral 42'\n"
    "  accord --as ctp.analyst --purpose 'referral 42' person search 'aisha rahman'\n"
    "  accord --as ctp.analyst --purpose 'referral 42' person search --identifier PNC:23/865607J\n"
    "  accord --as ctp.analyst --purpose 'referral 42' person edit ID --dob 1990-04-12 \\\n"
    "      --reason 'date of birth confirmed from passport'\n"
    "  accord --as ctp.analyst --purpose 'referral 42' person history ID\n";

struct person_args {
    ac_person_name name;
    const char *dob, *ref, *line, *town, *postcode, *limit, *reason;
    const char *identifier; /* search: KIND:VALUE */
    const char *aliases[16];
    size_t n_aliases;
    ac_identifier idents[4];
    size_t n_idents;
};

void
cli_person_print(struct cli *c, const ac_person *p)
{
    char d[AC_DATE_TEXT_MAX];

    printf("id           %s\n", p->id);
    printf("agency       %s\n", cli_agency_name(c, p->agency_id));
    if (p->source_ref != NULL) {
        printf("reference    %s\n", p->source_ref);
    }
    for (size_t i = 0; i < p->n_names; i++) {
        printf("name         %s (%s)\n", p->names[i].full, ac_name_kind_str(p->names[i].kind));
    }
    if (p->dob.precision != AC_DATE_NONE) {
        printf("born         %s\n", ac_date_format(&p->dob, d));
    }
    for (size_t i = 0; i < p->n_addresses; i++) {
        const ac_address *a = &p->addresses[i];
        const char *parts[3] = { a->line, a->town, a->postcode }, *sep = "";

        fputs("address      ", stdout);
        for (size_t k = 0; k < 3; k++) {
            if (parts[k] != NULL) {
                printf("%s%s", sep, parts[k]);
                sep = ", ";
            }
        }
        putchar('\n');
    }
    for (size_t i = 0; i < p->n_identifiers; i++) {
        printf("%-12s %s\n", ac_identifier_kind_str(p->identifiers[i].kind),
               p->identifiers[i].value);
    }
    printf("review by    %s\n", ac_date_format(&p->review_date, d));
    printf("created      %s (version %lld)\n", p->created_at, (long long)p->version);
}

static int
print_json(struct cli *c, const ac_person *p)
{
    char *json = NULL;
    ac_error err = { 0 };

    if (ac_person_to_json(p, c->arena, &json, &err) != AC_OK) {
        return cli_fail("json", &err);
    }
    puts(json);
    return CLI_OK;
}

/* A search answer: the person's JSON with its score and explanation as fields. */
static int
print_hit_json(struct cli *c, const ac_person_hit *h)
{
    char *json = NULL, *extra;
    json_t *o;
    ac_error err = { 0 };

    if (ac_person_to_json(&h->person, c->arena, &json, &err) != AC_OK) {
        return cli_fail("json", &err);
    }
    o = json_loads(json, 0, NULL);
    if (o == NULL) {
        return CLI_FAIL;
    }
    json_object_set_new(o, "score", json_real(h->score));
    json_object_set_new(o, "explanation", json_string(h->explanation));
    extra = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(3));
    json_decref(o);
    if (extra == NULL) {
        return CLI_FAIL;
    }
    puts(extra);
    free(extra);
    return CLI_OK;
}

static int
person_add(struct cli *c, struct person_args *pa)
{
    const char *purpose = cli_purpose(c);
    ac_person p;
    ac_person_name names[17];
    ac_address addr = { 0 };
    const char *id = NULL;
    ac_person_duplicate *dups = NULL;
    size_t n_dups = 0;
    ac_error err = { 0 };

    memset(&p, 0, sizeof p);
    if (pa->dob != NULL && ac_date_parse(pa->dob, &p.dob, &err) != AC_OK) {
        return cli_usage("person", "--dob: %s", err.msg);
    }
    names[0] = pa->name;
    names[0].kind = AC_NAME_PRIMARY;
    for (size_t i = 0; i < pa->n_aliases; i++) {
        memset(&names[i + 1], 0, sizeof names[0]);
        names[i + 1].kind = AC_NAME_ALIAS;
        names[i + 1].full = pa->aliases[i];
    }
    p.names = names;
    p.n_names = 1 + pa->n_aliases;
    p.source_ref = pa->ref;
    addr.line = pa->line;
    addr.town = pa->town;
    addr.postcode = pa->postcode;
    if (addr.line || addr.town || addr.postcode) {
        p.addresses = &addr;
        p.n_addresses = 1;
    }
    p.identifiers = pa->idents;
    p.n_identifiers = pa->n_idents;
    if (purpose == NULL) {
        return CLI_USAGE;
    }
    if (ac_person_add_with_duplicates(c->hub, c->actor, purpose, &p, c->arena, &id, &dups, &n_dups,
                                      &err) != AC_OK) {
        return cli_fail("person add", &err);
    }
    printf("%s\n", id);
    /* added all the same; the look-alikes the agency already holds are named (issue 15) */
    for (size_t i = 0; i < n_dups; i++) {
        fprintf(stderr,
                "warning: looks like %s (%s), already held by your agency (score %.2f): check "
                "it, and if it is the same person: accord person merge %s %s --reason TEXT\n",
                dups[i].name, dups[i].id, dups[i].score, dups[i].id, id);
    }
    return CLI_OK;
}

static int
person_show(struct cli *c, const char *id)
{
    ac_person *p = NULL;
    ac_error err = { 0 };
    const char *purpose = cli_purpose(c);

    if (purpose == NULL) {
        return CLI_USAGE;
    }
    if (ac_person_get(c->hub, c->actor, purpose, id, c->arena, &p, &err) != AC_OK) {
        return cli_fail("person show", &err);
    }
    if (c->json) {
        return print_json(c, p);
    }
    cli_person_print(c, p);
    return CLI_OK;
}

static int
person_search(struct cli *c, const char *name, const struct person_args *pa)
{
    static const char *const headers[] = { "ID",        "NAME",  "BORN", "POSTCODE",
                                           "REFERENCE", "SCORE", "WHY" };
    ac_person_query q;
    ac_person_hit *hits = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    const char *purpose = cli_purpose(c);
    struct cli_table *t;

    if (purpose == NULL) {
        return CLI_USAGE;
    }
    memset(&q, 0, sizeof q);
    q.name = name;
    q.postcode = pa->postcode;
    if (pa->dob != NULL && ac_date_parse(pa->dob, &q.dob, &err) != AC_OK) {
        return cli_usage("person", "--dob: %s", err.msg);
    }
    if (pa->limit != NULL) {
        if (cli_limit("person", pa->limit, &q.limit) != 0) {
            return CLI_USAGE;
        }
    }
    if (pa->identifier != NULL && (name != NULL || pa->dob != NULL || pa->postcode != NULL)) {
        return cli_usage("person", "--identifier: search by an identifier alone, or by NAME, "
                                   "--dob and --postcode without it");
    }
    if (pa->identifier != NULL
            ? ac_person_search_identifier(c->hub, c->actor, purpose, pa->identifier, q.limit, NULL,
                                          c->arena, &hits, &n, &err) != AC_OK
            : ac_person_search(c->hub, c->actor, purpose, &q, c->arena, &hits, &n, &err) != AC_OK) {
        return cli_fail("person search", &err);
    }
    if (c->json) {
        for (size_t i = 0; i < n; i++) {
            if (print_hit_json(c, &hits[i]) != CLI_OK) {
                return CLI_FAIL;
            }
        }
        return CLI_OK;
    }
    t = cli_table_new(c->arena, 7, headers);
    for (size_t i = 0; i < n; i++) {
        const ac_person *p = &hits[i].person;
        char d[AC_DATE_TEXT_MAX];
        const char *row[] = { p->id,
                              p->names[0].full,
                              ac_date_format(&p->dob, d),
                              p->n_addresses ? p->addresses[0].postcode : NULL,
                              p->source_ref,
                              ac_arena_printf(c->arena, "%.2f", hits[i].score),
                              hits[i].explanation };

        for (size_t k = 0; k < p->n_names; k++) {
            if (p->names[k].kind == AC_NAME_PRIMARY) {
                row[1] = p->names[k].full;
            }
        }
        cli_table_add(t, row);
    }
    cli_table_print(t, stdout);
    fprintf(stderr, "%zu %s\n", n, cli_plural(n, "person", "persons"));
    return CLI_OK;
}

/* The fields PA sets, as ac_person_set_field names them, applied to P. */
static int
apply_edits(struct cli *c, const struct person_args *pa, ac_person *p, size_t *out_n)
{
    static const char *const ident_fields[AC_IDENT_KIND_COUNT] = { "passport", "ni", "pnc", "dl",
                                                                   NULL };
    const char *fields[] = { "given",   "middle", "family",   "dob",
                             "address", "town",   "postcode", "ref" };
    const char *values[] = { pa->name.given, pa->name.middle, pa->name.family, pa->dob,
                             pa->line,       pa->town,        pa->postcode,    pa->ref };
    ac_error err = { 0 };
    size_t n = 0;

    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (values[i] != NULL) {
            n++;
            if (ac_person_set_field(p, fields[i], values[i], c->arena, &err) != AC_OK) {
                return cli_usage("person", "%s", err.msg);
            }
        }
    }
    for (size_t i = 0; i < pa->n_idents; i++) {
        const char *f = ident_fields[pa->idents[i].kind];

        n++;
        if (f == NULL || ac_person_set_field(p, f, pa->idents[i].value, c->arena, &err) != AC_OK) {
            return cli_usage("person", "%s", err.msg);
        }
    }
    *out_n = n;
    return CLI_OK;
}

static int
person_edit(struct cli *c, const char *id, const struct person_args *pa)
{
    const char *purpose = cli_purpose(c);
    ac_person *p = NULL;
    int64_t version = 0;
    size_t n = 0;
    ac_error err = { 0 };
    int rc;

    if (purpose == NULL) {
        return CLI_USAGE;
    }
    if (ac_person_get(c->hub, c->actor, purpose, id, c->arena, &p, &err) != AC_OK) {
        return cli_fail("person edit", &err);
    }
    rc = apply_edits(c, pa, p, &n);
    if (rc != CLI_OK) {
        return rc;
    }
    if (n == 0) {
        return cli_usage("person", "edit: say what changes, e.g. --dob 1990-04-12");
    }
    if (ac_person_edit(c->hub, c->actor, purpose, id, p->version, p,
                       pa->reason != NULL ? pa->reason : "", &version, &err) != AC_OK) {
        return cli_fail("person edit", &err);
    }
    printf("%s version %lld\n", id, (long long)version);
    return CLI_OK;
}

static int
person_history(struct cli *c, const char *id)
{
    static const char *const headers[] = { "VERSION", "CHANGED", "BY", "REASON" };
    const char *purpose = cli_purpose(c);
    ac_person_version *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    struct cli_table *t;

    if (purpose == NULL) {
        return CLI_USAGE;
    }
    if (ac_person_history(c->hub, c->actor, purpose, id, c->arena, &list, &n, &err) != AC_OK) {
        return cli_fail("person history", &err);
    }
    if (c->json) {
        for (size_t i = 0; i < n; i++) {
            printf("{\"version\":%lld,\"record\":%s}\n", (long long)list[i].version,
                   list[i].snapshot);
        }
        return CLI_OK;
    }
    t = cli_table_new(c->arena, 4, headers);
    for (size_t i = 0; i < n; i++) {
        const char *row[] = { ac_arena_printf(c->arena, "%lld", (long long)list[i].version),
                              list[i].changed_at, list[i].changed_by, list[i].reason };

        cli_table_add(t, row);
    }
    cli_table_print(t, stdout);
    fprintf(stderr, "%zu earlier %s\n", n, cli_plural(n, "version", "versions"));
    return CLI_OK;
}

/* accord person merge ID OTHER --reason TEXT, accord person unmerge OTHER --reason TEXT */
static int
person_merge(struct cli *c, const char *verb, char **ids, const char *reason)
{
    bool merge = strcmp(verb, "merge") == 0;
    const char *purpose;
    ac_error err = { 0 };
    ac_code rc;
    int orc;

    if (reason == NULL) {
        return cli_usage("person", "%s needs --reason: say why", verb);
    }
    orc = cli_open_as(c);
    if (orc != CLI_OK) {
        return orc;
    }
    purpose = cli_purpose(c);
    if (purpose == NULL) {
        return CLI_USAGE;
    }
    rc = merge ? ac_person_merge(c->hub, c->actor, purpose, ids[0], ids[1], reason, &err)
               : ac_person_unmerge(c->hub, c->actor, purpose, ids[0], reason, &err);
    if (rc != AC_OK) {
        return cli_fail(merge ? "person merge" : "person unmerge", &err);
    }
    if (merge) {
        printf("%s now answers for %s\n", ids[0], ids[1]);
    } else {
        printf("%s answers for itself again\n", ids[0]);
    }
    return CLI_OK;
}

static int
add_ident(struct person_args *pa, ac_identifier_kind kind, const char *value)
{
    if (pa->n_idents == 4) {
        return cli_usage("person", "at most four identifiers");
    }
    pa->idents[pa->n_idents].kind = kind;
    pa->idents[pa->n_idents++].value = value;
    return CLI_OK;
}

static int
parse_opt(struct person_args *pa, int opt, const char *arg)
{
    switch (opt) {
    case 'g':
        pa->name.given = arg;
        return CLI_OK;
    case 'm':
        pa->name.middle = arg;
        return CLI_OK;
    case 'f':
        pa->name.family = arg;
        return CLI_OK;
    case 'b':
        pa->dob = arg;
        return CLI_OK;
    case 'r':
        pa->ref = arg;
        return CLI_OK;
    case 'l':
        pa->line = arg;
        return CLI_OK;
    case 't':
        pa->town = arg;
        return CLI_OK;
    case 'p':
        pa->postcode = arg;
        return CLI_OK;
    case 'n':
        pa->limit = arg;
        return CLI_OK;
    case 'R':
        pa->reason = arg;
        return CLI_OK;
    case 'I':
        pa->identifier = arg;
        return CLI_OK;
    case 'a':
        if (pa->n_aliases == 16) {
            return cli_usage("person", "at most 16 aliases");
        }
        pa->aliases[pa->n_aliases++] = arg;
        return CLI_OK;
    case '1':
        return add_ident(pa, AC_IDENT_PASSPORT, arg);
    case '2':
        return add_ident(pa, AC_IDENT_NI_NUMBER, arg);
    case '3':
        return add_ident(pa, AC_IDENT_PNC_ID, arg);
    case '4':
        return add_ident(pa, AC_IDENT_DRIVING_LICENCE, arg);
    default:
        return cli_usage("person", "unknown option");
    }
}

int
cli_cmd_person(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "given", required_argument, NULL, 'g' },
                                          { "middle", required_argument, NULL, 'm' },
                                          { "family", required_argument, NULL, 'f' },
                                          { "dob", required_argument, NULL, 'b' },
                                          { "ref", required_argument, NULL, 'r' },
                                          { "address", required_argument, NULL, 'l' },
                                          { "town", required_argument, NULL, 't' },
                                          { "postcode", required_argument, NULL, 'p' },
                                          { "alias", required_argument, NULL, 'a' },
                                          { "passport", required_argument, NULL, '1' },
                                          { "ni", required_argument, NULL, '2' },
                                          { "pnc", required_argument, NULL, '3' },
                                          { "dl", required_argument, NULL, '4' },
                                          { "limit", required_argument, NULL, 'n' },
                                          { "reason", required_argument, NULL, 'R' },
                                          { "identifier", required_argument, NULL, 'I' },
                                          { NULL, 0, NULL, 0 } };
    struct person_args pa;
    const char *verb;
    int opt, rc;

    memset(&pa, 0, sizeof pa);
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        }
        rc = parse_opt(&pa, opt, optarg);
        if (rc != CLI_OK) {
            return rc;
        }
    }
    if (optind >= argc) {
        return cli_usage("person", "say add, show, search, edit or history");
    }
    verb = argv[optind];
    if (strcmp(verb, "add") == 0 && optind + 1 == argc) {
        if (pa.name.family == NULL && pa.name.given == NULL) {
            return cli_usage("person", "add needs --family or --given");
        }
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : person_add(c, &pa);
    }
    if (strcmp(verb, "show") == 0 && optind + 2 == argc) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : person_show(c, argv[optind + 1]);
    }
    if (strcmp(verb, "picture") == 0 && optind + 2 == argc) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : cli_person_picture(c, argv[optind + 1]);
    }
    if (strcmp(verb, "pointers") == 0 && optind + 2 == argc) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : cli_person_pointers(c, argv[optind + 1]);
    }
    if (strcmp(verb, "search") == 0 && optind + 2 >= argc) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc
                            : person_search(c, optind + 1 < argc ? argv[optind + 1] : NULL, &pa);
    }
    if (strcmp(verb, "edit") == 0 && optind + 2 == argc) {
        if (pa.reason == NULL) {
            return cli_usage("person", "edit needs --reason: say why the record changes");
        }
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : person_edit(c, argv[optind + 1], &pa);
    }
    if (strcmp(verb, "history") == 0 && optind + 2 == argc) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : person_history(c, argv[optind + 1]);
    }
    if ((strcmp(verb, "merge") == 0 && optind + 3 == argc) ||
        (strcmp(verb, "unmerge") == 0 && optind + 2 == argc)) {
        return person_merge(c, verb, argv + optind + 1, pa.reason);
    }
    return cli_usage("person",
                     "expected 'add ...', 'show ID', 'search [NAME] ...', 'edit ID "
                     "--reason TEXT ...', 'history ID', 'picture ID', 'merge ID OTHER_ID --reason "
                     "TEXT' or 'unmerge OTHER_ID --reason TEXT'");
}
