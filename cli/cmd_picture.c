/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_picture.c - accord person picture ID [--json]: one view of a person (issue 15.5),
 * for a person to read: the highest classification on the view at the top and the
 * bottom, then one section per kind of part, each part with its source agency (by name),
 * classification and handling conditions.  --json writes one JSON object instead.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* "OFFICIAL-SENSITIVE" for official_sensitive: the marking as it is written on paper. */
static const char *
marking(struct cli *c, ac_classification k)
{
    char *s = ac_arena_strdup(c->arena, ac_classification_str(k));

    for (char *p = s; p != NULL && *p != '\0'; p++) {
        *p = *p == '_' ? '-' : (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
    }
    return s != NULL ? s : "";
}

static void
print_mark(struct cli *c, const ac_picture_mark *m)
{
    printf("    source: %s; %s%s%s\n", m->agency_name != NULL ? m->agency_name : "unknown agency",
           marking(c, m->classification), m->handling_conditions ? "; handling: " : "",
           m->handling_conditions ? m->handling_conditions : "");
}

static void
heading(const char *title, size_t n)
{
    printf("\n%s (%zu)\n", title, n);
    if (n == 0) {
        printf("  none\n");
    }
}

static const char *
primary_name(const ac_person *p)
{
    for (size_t i = 0; i < p->n_names; i++) {
        if (p->names[i].kind == AC_NAME_PRIMARY && p->names[i].full != NULL) {
            return p->names[i].full;
        }
    }
    return p->n_names > 0 && p->names[0].full != NULL ? p->names[0].full : "(no name)";
}

static void
print_text(const ac_picture *p, struct cli *c)
{
    const char *top = marking(c, p->highest);

    printf("%s (the highest classification on this view)\n", top);
    printf("Picture of %s\n", p->n_records > 0 ? primary_name(&p->records[0].person) : "");
    heading("Records held by your agency", p->n_records);
    for (size_t i = 0; i < p->n_records; i++) {
        printf("  %s\n", primary_name(&p->records[i].person));
        print_mark(c, &p->records[i].mark);
        cli_person_print(c, &p->records[i].person);
    }
    heading("Disclosed to you by other agencies (frozen as released)", p->n_disclosures);
    for (size_t i = 0; i < p->n_disclosures; i++) {
        const ac_person_disclosure *d = &p->disclosures[i].disclosure;

        printf("  %s released %s, until %s\n", p->disclosures[i].mark.agency_name,
               ac_pd_fields_format(c->arena, d->fields), d->expires_at);
        print_mark(c, &p->disclosures[i].mark);
        printf("    released: %s\n", d->released);
    }
    heading("Other agencies that hold a record (ask them with 'accord rfi ask')", p->n_pointers);
    for (size_t i = 0; i < p->n_pointers; i++) {
        const ac_pointer *x = &p->pointers[i].pointer;

        printf("  %s holds a record (reference %s), last changed %s\n", x->agency_name, x->ref,
               x->last_changed);
    }
    heading("Intelligence items", p->n_items);
    for (size_t i = 0; i < p->n_items; i++) {
        printf("  %.*s%s\n", 72, p->items[i].item.body,
               strlen(p->items[i].item.body) > 72 ? "..." : "");
        print_mark(c, &p->items[i].mark);
    }
    heading("Links", p->n_links);
    for (size_t i = 0; i < p->n_links; i++) {
        const ac_link *l = &p->links[i].link;

        printf("  %s %s %s (%s)\n", l->from_type, l->link_type, l->to_type,
               ac_link_status_str(l->status));
        print_mark(c, &p->links[i].mark);
    }
    heading("Cases", p->n_cases);
    for (size_t i = 0; i < p->n_cases; i++) {
        printf("  %s (%s, %s)\n", p->cases[i].title ? p->cases[i].title : "(untitled)",
               ac_case_type_str(p->cases[i].type), p->cases[i].state ? p->cases[i].state : "");
        print_mark(c, &p->cases[i].mark);
    }
    heading("Open requests for information", p->n_rfis);
    for (size_t i = 0; i < p->n_rfis; i++) {
        const ac_rfi *r = &p->rfis[i].rfi;

        printf("  %s asks %s (%s, due %s): %s\n", r->from_agency_name, r->to_agency_name,
               ac_rfi_urgency_str(r->urgency), r->due_at, r->question);
        print_mark(c, &p->rfis[i].mark);
    }
    printf("\n%s (the highest classification on this view)\n", top);
}

static void
json_mark(const ac_picture_mark *m)
{
    printf("{\"agency_id\":");
    cli_json_string(stdout, m->agency_id);
    printf(",\"agency_name\":");
    cli_json_string(stdout, m->agency_name);
    printf(",\"classification\":\"%s\",\"handling_conditions\":",
           ac_classification_str(m->classification));
    if (m->handling_conditions != NULL) {
        cli_json_string(stdout, m->handling_conditions);
    } else {
        printf("null");
    }
    printf("}");
}

/* ,"NAME":[ then each part as {"source":MARK,...} */
static void
json_open(const char *name, size_t i, const ac_picture_mark *m)
{
    if (i == 0) {
        printf(",\"%s\":[", name);
    }
    printf("%s{\"source\":", i > 0 ? "," : "");
    json_mark(m);
}

static int
print_json(struct cli *c, const ac_picture *p)
{
    ac_error err = { 0 };

    printf("{\"person_id\":\"%s\",\"highest_classification\":\"%s\",\"records\":[", p->person_id,
           ac_classification_str(p->highest));
    for (size_t i = 0; i < p->n_records; i++) {
        char *js = NULL;

        if (ac_person_to_json(&p->records[i].person, c->arena, &js, &err) != AC_OK) {
            return cli_fail("person picture", &err);
        }
        printf("%s{\"source\":", i > 0 ? "," : "");
        json_mark(&p->records[i].mark);
        printf(",\"person\":%s}", js);
    }
    printf("]");
    for (size_t i = 0; i < p->n_disclosures; i++) {
        const ac_person_disclosure *d = &p->disclosures[i].disclosure;

        json_open("disclosures", i, &p->disclosures[i].mark);
        printf(",\"disclosure\":{\"id\":\"%s\",\"fields\":\"%s\",\"expires_at\":\"%s\","
               "\"released\":%s}}",
               d->id, ac_pd_fields_format(c->arena, d->fields), d->expires_at, d->released);
    }
    printf(p->n_disclosures ? "]" : ",\"disclosures\":[]");
    for (size_t i = 0; i < p->n_pointers; i++) {
        json_open("pointers", i, &p->pointers[i].mark);
        printf(",\"pointer\":{\"agency_name\":");
        cli_json_string(stdout, p->pointers[i].pointer.agency_name);
        printf(",\"reference\":\"%s\",\"last_changed\":\"%s\"}}", p->pointers[i].pointer.ref,
               p->pointers[i].pointer.last_changed);
    }
    printf(p->n_pointers ? "]" : ",\"pointers\":[]");
    for (size_t i = 0; i < p->n_items; i++) {
        json_open("items", i, &p->items[i].mark);
        printf(",\"item\":{\"id\":\"%s\",\"body\":", p->items[i].item.id);
        cli_json_string(stdout, p->items[i].item.body);
        printf("}}");
    }
    printf(p->n_items ? "]" : ",\"items\":[]");
    for (size_t i = 0; i < p->n_links; i++) {
        const ac_link *l = &p->links[i].link;

        json_open("links", i, &p->links[i].mark);
        printf(",\"link\":{\"id\":\"%s\",\"from_type\":\"%s\",\"from_id\":\"%s\",\"to_type\":"
               "\"%s\",\"to_id\":\"%s\",\"link_type\":\"%s\"}}",
               l->meta.id, l->from_type, l->from_id, l->to_type, l->to_id, l->link_type);
    }
    printf(p->n_links ? "]" : ",\"links\":[]");
    for (size_t i = 0; i < p->n_cases; i++) {
        json_open("cases", i, &p->cases[i].mark);
        printf(",\"case\":{\"id\":\"%s\",\"title\":", p->cases[i].id);
        cli_json_string(stdout, p->cases[i].title);
        printf("}}");
    }
    printf(p->n_cases ? "]" : ",\"cases\":[]");
    for (size_t i = 0; i < p->n_rfis; i++) {
        const ac_rfi *r = &p->rfis[i].rfi;

        json_open("requests", i, &p->rfis[i].mark);
        printf(",\"direction\":\"%s\",\"request\":{\"id\":\"%s\",\"to_agency_name\":",
               p->rfis[i].incoming ? "incoming" : "outgoing", r->id);
        cli_json_string(stdout, r->to_agency_name);
        printf(",\"question\":");
        cli_json_string(stdout, r->question);
        printf(",\"due_at\":\"%s\"}}", r->due_at);
    }
    printf(p->n_rfis ? "]}\n" : ",\"requests\":[]}\n");
    return CLI_OK;
}

int
cli_person_picture(struct cli *c, const char *id)
{
    ac_picture p;
    ac_error err = { 0 };
    const char *purpose = cli_purpose(c);

    if (purpose == NULL) {
        return CLI_USAGE;
    }
    if (ac_person_picture(c->hub, c->actor, purpose, id, c->arena, &p, &err) != AC_OK) {
        return cli_fail("person picture", &err);
    }
    if (c->json) {
        return print_json(c, &p);
    }
    print_text(&p, c);
    return CLI_OK;
}
