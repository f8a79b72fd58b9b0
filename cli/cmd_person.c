/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_person.c - accord person add|show|search.
 */
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
    "       accord person search [NAME] [--dob DATE] [--postcode PC] [--limit N] [--json]\n"
    "\n"
    "People as your agency records them.  Every command needs --as USER and --purpose,\n"
    "which is kept in the audit trail.  You see your own agency's\n"
    "records; a record you may not see is reported as not found.\n"
    "\n"
    "Dates: 1985-03-07, 19850307, 07/03/1985, or partial: 1985-03, 1985.\n"
    "Search matches names word by word from the start of each word, ignoring case and\n"
    "accents: 'moh kha' finds Mohammed Khan; a partial --dob matches as far as it goes.\n"
    "\n"
    "Examples:\n"
    "  accord --as ctp.analyst person add --given Aisha --family Rahman --dob 1990-04 \\\n"
    "      --postcode 'B11 4AA' --purpose 'referral 42'\n"
    "  accord --as ctp.analyst --purpose 'referral 42' person search 'aisha rahman'\n";

struct person_args {
    ac_person_name name;
    const char *dob, *ref, *line, *town, *postcode, *limit;
    const char *aliases[16];
    size_t n_aliases;
    ac_identifier idents[4];
    size_t n_idents;
};

static void
print_person(struct cli *c, const ac_person *p)
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

static int
person_add(struct cli *c, struct person_args *pa)
{
    const char *purpose = cli_purpose(c);
    ac_person p;
    ac_person_name names[17];
    ac_address addr = { 0 };
    const char *id = NULL;
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
    if (ac_person_add(c->hub, c->actor, purpose, &p, c->arena, &id, &err) != AC_OK) {
        return cli_fail("person add", &err);
    }
    printf("%s\n", id);
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
    print_person(c, p);
    return CLI_OK;
}

static int
person_search(struct cli *c, const char *name, const struct person_args *pa)
{
    static const char *const headers[] = { "ID", "NAME", "BORN", "POSTCODE", "REFERENCE" };
    ac_person_query q;
    ac_person *list = NULL;
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
    if (ac_person_search(c->hub, c->actor, purpose, &q, c->arena, &list, &n, &err) != AC_OK) {
        return cli_fail("person search", &err);
    }
    if (c->json) {
        for (size_t i = 0; i < n; i++) {
            if (print_json(c, &list[i]) != CLI_OK) {
                return CLI_FAIL;
            }
        }
        return CLI_OK;
    }
    t = cli_table_new(c->arena, 5, headers);
    for (size_t i = 0; i < n; i++) {
        char d[AC_DATE_TEXT_MAX];
        const char *row[] = { list[i].id, list[i].names[0].full, ac_date_format(&list[i].dob, d),
                              list[i].n_addresses ? list[i].addresses[0].postcode : NULL,
                              list[i].source_ref };

        for (size_t k = 0; k < list[i].n_names; k++) {
            if (list[i].names[k].kind == AC_NAME_PRIMARY) {
                row[1] = list[i].names[k].full;
            }
        }
        cli_table_add(t, row);
    }
    cli_table_print(t, stdout);
    fprintf(stderr, "%zu %s\n", n, cli_plural(n, "person", "persons"));
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
        return cli_usage("person", "say add, show or search");
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
    if (strcmp(verb, "pointers") == 0 && optind + 2 == argc) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc : cli_person_pointers(c, argv[optind + 1]);
    }
    if (strcmp(verb, "search") == 0 && optind + 2 >= argc) {
        rc = cli_open_as(c);
        return rc != CLI_OK ? rc
                            : person_search(c, optind + 1 < argc ? argv[optind + 1] : NULL, &pa);
    }
    return cli_usage("person", "expected 'add ...', 'show ID' or 'search [NAME] ...'");
}
