/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_pole.c - objects, locations, events and links through the hub: validation,
 * agency control (another agency's record is "not found"), cursor pages, links only
 * between records the maker can see, and a person's versioned decision on a link.
 */
#include "support.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define P "Operation Larch analysis"

static int
setup(void **state)
{
    *state = test_hub_new(0);
    return 0;
}

static int
teardown(void **state)
{
    test_hub_free(*state);
    return 0;
}

static const char *
add_phone(struct test_hub *t, const ac_actor *actor, const char *number)
{
    ac_object o = { .kind = AC_OBJECT_PHONE, .value = number, .description = "pay as you go" };
    const char *id = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_object_add(t->hub, actor, P, &o, t->a, &id, &err), AC_OK);
    return id;
}

/* The outcome of ACTOR's latest audit entry, read by the auditor. */
struct last {
    char outcome[16], type[16], action[16];
};

static int
keep_last(void *ctx, const ac_audit_entry *e)
{
    struct last *l = ctx;

    snprintf(l->outcome, sizeof l->outcome, "%s", e->outcome);
    snprintf(l->type, sizeof l->type, "%s", e->object_type ? e->object_type : "");
    snprintf(l->action, sizeof l->action, "%s", e->action);
    return 0;
}

static struct last
last_entry(struct test_hub *t, const char *username)
{
    ac_audit_query q = { .username = username };
    struct last l = { "", "", "" };
    uint64_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(
        ac_audit_query_run(t->hub, t->auditor, "oversight", &q, keep_last, &l, &n, &err), AC_OK);
    return l;
}

static void
pole_objects_are_held_by_their_agency(void **state)
{
    struct test_hub *t = *state;
    const char *id = add_phone(t, t->analyst, "07700 900123");
    ac_object o, *list = NULL;
    ac_record_page page = { .match = "07700900123" };
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_object_get(t->hub, t->analyst, P, id, t->a, &o, &err), AC_OK);
    assert_int_equal(o.kind, AC_OBJECT_PHONE);
    assert_string_equal(o.value, "07700 900123");
    assert_int_equal(o.meta.version, 1);
    assert_string_equal(o.meta.agency_id, t->ctu_id);
    assert_int_equal(ac_object_get(t->hub, t->council, P, id, t->a, &o, &err), AC_ENOTFOUND);
    assert_null(strstr(err.msg, "07700"));
    assert_string_equal(last_entry(t, "council").outcome, "denied");
    assert_int_equal(ac_object_get(t->hub, t->analyst, "", id, t->a, &o, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "purpose"));
    /* the same number written differently is found by its key */
    assert_int_equal(ac_object_list(t->hub, t->analyst, P, &page, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].meta.id, id);
    assert_int_equal(ac_object_list(t->hub, t->council, P, &page, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 0);
}

static void
pole_bad_records_are_refused_with_the_field(void **state)
{
    struct test_hub *t = *state;
    ac_object o = { .kind = AC_OBJECT_KIND_COUNT, .value = "x" };
    ac_location l = { .town = "Birmingham", .has_position = true, .latitude = 95 };
    ac_event e = { .kind = "Purchase!" };
    const char *id = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_object_add(t->hub, t->analyst, P, &o, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "kind"));
    o.kind = AC_OBJECT_VEHICLE;
    o.value = "  ";
    assert_int_equal(ac_object_add(t->hub, t->analyst, P, &o, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "value"));
    o.value = "AB12 CDE";
    assert_int_equal(ac_object_add(t->hub, t->admin, P, &o, t->a, &id, &err), AC_EDENIED);
    assert_int_equal(ac_location_add(t->hub, t->analyst, P, &l, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "latitude"));
    memset(&l, 0, sizeof l);
    assert_int_equal(ac_location_add(t->hub, t->analyst, P, &l, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "at least"));
    l.has_position = true;
    l.longitude = NAN;
    assert_int_equal(ac_location_add(t->hub, t->analyst, P, &l, t->a, &id, &err), AC_EINVAL);
    assert_int_equal(ac_event_add(t->hub, t->analyst, P, &e, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "kind"));
    e.kind = "purchase";
    assert_int_equal(ac_date_parse("2027-01-01", &e.occurred_on, &err), AC_OK);
    assert_int_equal(ac_event_add(t->hub, t->analyst, P, &e, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "future"));
}

static void
pole_locations_and_events(void **state)
{
    struct test_hub *t = *state;
    ac_location l = { .name = "Unit 4",
                      .line = "Tyseley Industrial Estate",
                      .town = "Birmingham",
                      .postcode = "b11 4aa",
                      .has_position = true,
                      .latitude = 52.4553,
                      .longitude = -1.8369 };
    ac_event e = { .kind = "purchase", .description = "25 kg bought in cash" };
    ac_location got, *list = NULL;
    ac_event ev;
    ac_record_page page = { .match = "B11" };
    const char *loc = NULL, *other = NULL, *id = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_location_add(t->hub, t->analyst, P, &l, t->a, &loc, &err), AC_OK);
    assert_int_equal(ac_location_get(t->hub, t->analyst, P, loc, t->a, &got, &err), AC_OK);
    assert_string_equal(got.postcode, "B11 4AA");
    assert_true(got.has_position);
    assert_true(fabs(got.latitude - 52.4553) < 1e-6 && fabs(got.longitude + 1.8369) < 1e-6);
    assert_int_equal(ac_location_list(t->hub, t->analyst, P, &page, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    page.match = "B12";
    assert_int_equal(ac_location_list(t->hub, t->analyst, P, &page, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 0);
    /* an event may point only at a location its agency holds */
    assert_int_equal(ac_location_add(t->hub, t->council, P, &l, t->a, &other, &err), AC_OK);
    e.location_id = other;
    assert_int_equal(ac_event_add(t->hub, t->analyst, P, &e, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "location_id"));
    e.location_id = loc;
    assert_int_equal(ac_date_parse("2026-02", &e.occurred_on, &err), AC_OK);
    assert_int_equal(ac_event_add(t->hub, t->analyst, P, &e, t->a, &id, &err), AC_OK);
    assert_int_equal(ac_event_get(t->hub, t->analyst, P, id, t->a, &ev, &err), AC_OK);
    assert_string_equal(ev.location_id, loc);
    assert_int_equal(ev.occurred_on.precision, AC_DATE_MONTH);
    assert_int_equal(ac_event_get(t->hub, t->council, P, id, t->a, &ev, &err), AC_ENOTFOUND);
}

static void
pole_pages_follow_the_cursor_without_repeats(void **state)
{
    struct test_hub *t = *state;
    ac_record_page page = { .limit = 2 };
    ac_object *list = NULL;
    size_t n = 0, total = 0, pages = 0;
    const char *last = "";
    ac_error err = { 0 };

    for (int i = 0; i < 5; i++) {
        char number[32];

        snprintf(number, sizeof number, "07700 90000%d", i);
        add_phone(t, t->analyst, number);
    }
    do {
        assert_int_equal(ac_object_list(t->hub, t->analyst, P, &page, t->a, &list, &n, &err),
                         AC_OK);
        for (size_t i = 0; i < n; i++) {
            assert_true(strcmp(list[i].meta.id, last) > 0);
            last = list[i].meta.id;
        }
        total += n;
        pages++;
        page.after = last;
    } while (n == page.limit);
    assert_int_equal(total, 5);
    assert_int_equal(pages, 3);
}

static void
pole_links_join_only_visible_records(void **state)
{
    struct test_hub *t = *state;
    const char *person = test_add_person(t, t->analyst, "Tariq", "Hussain", "1990-05-01");
    const char *hidden = test_add_person(t, t->council, "Jane", "Doe", NULL);
    const char *phone = add_phone(t, t->analyst, "07700 900999");
    ac_link l = { .from_type = "person",
                  .from_id = person,
                  .to_type = "object",
                  .to_id = phone,
                  .link_type = "uses",
                  .provenance = "phone seized 2026-02-10",
                  .confidence = 0.9,
                  .status = AC_LINK_PROPOSED };
    ac_link got, *list = NULL;
    const char *id = NULL, *none = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_link_add(t->hub, t->analyst, P, &l, t->a, &id, &err), AC_OK);
    assert_int_equal(ac_link_get(t->hub, t->analyst, P, id, t->a, &got, &err), AC_OK);
    assert_int_equal(got.status, AC_LINK_PROPOSED);
    assert_true(fabs(got.confidence - 0.9) < 1e-9);
    assert_int_equal(ac_link_get(t->hub, t->council, P, id, t->a, &got, &err), AC_ENOTFOUND);
    assert_int_equal(ac_link_list(t->hub, t->analyst, P, phone, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].link_type, "uses");
    /* a record of another agency is "not found", and the attempt is audited as a denial */
    l.to_type = "person";
    l.to_id = hidden;
    assert_int_equal(ac_link_add(t->hub, t->analyst, P, &l, t->a, &none, &err), AC_ENOTFOUND);
    assert_null(none);
    assert_null(strstr(err.msg, "Doe"));
    assert_string_equal(last_entry(t, "analyst").outcome, "denied");
    assert_string_equal(last_entry(t, "analyst").type, "link");
    l.to_id = "01ZZZZZZZZZZZZZZZZZZZZZZZZ";
    assert_int_equal(ac_link_add(t->hub, t->analyst, P, &l, t->a, &none, &err), AC_ENOTFOUND);
    l.to_id = person;
    assert_int_equal(ac_link_add(t->hub, t->analyst, P, &l, t->a, &none, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "itself"));
    l.to_id = phone;
    l.to_type = "object";
    l.provenance = " ";
    assert_int_equal(ac_link_add(t->hub, t->analyst, P, &l, t->a, &none, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "provenance"));
    l.provenance = "x";
    l.confidence = 1.5;
    assert_int_equal(ac_link_add(t->hub, t->analyst, P, &l, t->a, &none, &err), AC_EINVAL);
    l.confidence = 1;
    l.status = AC_LINK_RETRACTED;
    assert_int_equal(ac_link_add(t->hub, t->analyst, P, &l, t->a, &none, &err), AC_EINVAL);
}

static void
pole_link_decisions_are_versioned(void **state)
{
    struct test_hub *t = *state;
    const char *person = test_add_person(t, t->analyst, "Tariq", "Hussain", NULL);
    const char *phone = add_phone(t, t->analyst, "07700 900888");
    ac_link l = { .from_type = "person",
                  .from_id = person,
                  .to_type = "object",
                  .to_id = phone,
                  .link_type = "uses",
                  .provenance = "subscriber check",
                  .confidence = 0.6 };
    ac_link got;
    const char *id = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_link_add(t->hub, t->analyst, P, &l, t->a, &id, &err), AC_OK);
    assert_int_equal(
        ac_link_decide(t->hub, t->analyst, P, id, AC_LINK_RETRACTED, 1, "reviewed", &err),
        AC_EINVAL);
    assert_int_equal(
        ac_link_decide(t->hub, t->analyst, P, id, AC_LINK_CONFIRMED, 2, "reviewed", &err),
        AC_ECONFLICT);
    assert_non_null(strstr(err.msg, "reload"));
    assert_int_equal(
        ac_link_decide(t->hub, t->council, P, id, AC_LINK_CONFIRMED, 1, "reviewed", &err),
        AC_ENOTFOUND);
    assert_int_equal(
        ac_link_decide(t->hub, t->analyst, P, id, AC_LINK_CONFIRMED, 1, "reviewed", &err), AC_OK);
    assert_int_equal(
        ac_link_decide(t->hub, t->analyst, P, id, AC_LINK_REJECTED, 2, "reviewed", &err),
        AC_EINVAL);
    assert_int_equal(
        ac_link_decide(t->hub, t->analyst, P, id, AC_LINK_RETRACTED, 2, "reviewed", &err), AC_OK);
    assert_int_equal(ac_link_get(t->hub, t->analyst, P, id, t->a, &got, &err), AC_OK);
    assert_int_equal(got.status, AC_LINK_RETRACTED);
    assert_int_equal(got.meta.version, 3);
    assert_string_equal(last_entry(t, "analyst").action, "read");
}

static void
pole_record_linkage_proposes_duplicates_for_people_to_decide(void **state)
{
    static const char *const given[] = { "Amara",  "Tariq", "Jane",  "Oleksandr", "Siobhan",
                                         "Wei",    "Priya", "Kwame", "Fatima",    "Lukasz",
                                         "Sophie", "Omar",  "Grace", "Ravi",      "Ellie" };
    static const char *const family[] = { "Okafor",   "Hussain", "Doe",    "Kovalenko", "Murphy",
                                          "Zhang",    "Patel",   "Mensah", "Begum",     "Nowak",
                                          "Williams", "Farah",   "Brown",  "Sharma",    "Evans" };
    struct test_hub *t = *state;
    const char *first = NULL, *second = NULL;
    ac_link *list = NULL;
    size_t made = 0, n = 0;
    ac_error err = { 0 };

    for (size_t i = 0; i < 15; i++) {
        char dob[16];

        snprintf(dob, sizeof dob, "19%02zu-0%zu-1%zu", 60 + i * 2, 1 + i % 9, i % 10);
        test_add_person(t, t->analyst, given[i], family[i], dob);
    }
    first = test_add_person(t, t->analyst, "Mohammed", "Khan", "1985-03-12");
    second = test_add_person(t, t->analyst, "Muhammad", "Khan", "1985-03-12");
    test_add_person(t, t->council, "Mohamed", "Khan", "1985-03-12"); /* not the CTU's */
    assert_int_equal(ac_link_propose_duplicates(t->hub, t->analyst, P, 0.5, &made, &err), AC_OK);
    assert_int_equal(made, 1);
    assert_int_equal(ac_link_list(t->hub, t->analyst, P, first, t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].link_type, "same_person");
    assert_int_equal(list[0].status, AC_LINK_PROPOSED);
    assert_true(strcmp(list[0].to_id, second) == 0 || strcmp(list[0].from_id, second) == 0);
    assert_true(list[0].confidence >= 0.5);
    assert_non_null(strstr(list[0].provenance, "record linkage"));
    /* the same run again proposes nothing new */
    assert_int_equal(ac_link_propose_duplicates(t->hub, t->analyst, P, 0.5, &made, &err), AC_OK);
    assert_int_equal(made, 0);
    /* people decide, with a reason */
    assert_int_equal(
        ac_link_decide(t->hub, t->analyst, P, list[0].meta.id, AC_LINK_CONFIRMED, 1, " ", &err),
        AC_EINVAL);
    assert_non_null(strstr(err.msg, "reason"));
    assert_int_equal(ac_link_decide(t->hub, t->analyst, P, list[0].meta.id, AC_LINK_CONFIRMED, 1,
                                    "same date of birth and address history", &err),
                     AC_OK);
    assert_int_equal(ac_link_propose_duplicates(t->hub, t->council, P, 0.5, &made, &err), AC_OK);
    assert_int_equal(made, 0); /* the council holds one person: nothing to link */
    assert_int_equal(ac_link_propose_duplicates(t->hub, t->admin, P, 0.5, &made, &err), AC_EDENIED);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(pole_objects_are_held_by_their_agency, setup, teardown),
        cmocka_unit_test_setup_teardown(pole_bad_records_are_refused_with_the_field, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(pole_locations_and_events, setup, teardown),
        cmocka_unit_test_setup_teardown(pole_pages_follow_the_cursor_without_repeats, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(pole_links_join_only_visible_records, setup, teardown),
        cmocka_unit_test_setup_teardown(pole_link_decisions_are_versioned, setup, teardown),
        cmocka_unit_test_setup_teardown(
            pole_record_linkage_proposes_duplicates_for_people_to_decide, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
