/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_person_search.c - person search finds every spelling (issue 15, point 6), on
 * an on-disk hub: name variants, another script, swapped names, a typo, a partial date of
 * birth and a postcode sector, each answer with its score and explanation, only over
 * what the caller may see, and through the name-key index written with the person.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "hub/hub_int.h"
#include "accord/person_edit.h"
#include "hub/person_keys.h"
#include "store/store.h"
#include "store/store_person.h"

static int
setup(void **state)
{
    *state = test_hub_new(1);
    return 0;
}

static int
teardown(void **state)
{
    test_hub_free(*state);
    return 0;
}

/* Search NAME (DOB, POSTCODE may be NULL) as the CTU analyst. */
static size_t
search(struct test_hub *t,
       const ac_actor *who,
       const char *name,
       const char *dob,
       const char *postcode,
       ac_person_hit **out)
{
    ac_person_query q;
    size_t n = 0;
    ac_error err = { 0 };

    memset(&q, 0, sizeof q);
    q.name = name;
    q.postcode = postcode;
    if (dob != NULL) {
        assert_int_equal(ac_date_parse(dob, &q.dob, &err), AC_OK);
    }
    assert_int_equal(ac_person_search(t->hub, who, "t", &q, t->a, out, &n, &err), AC_OK);
    return n;
}

static const char *
add_at(struct test_hub *t, const char *given, const char *family, const char *postcode)
{
    ac_person_name name = { AC_NAME_PRIMARY, given, NULL, family, NULL, NULL };
    ac_address addr = { "1 High Street", "Birmingham", postcode, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } };
    ac_person p;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&p, 0, sizeof p);
    p.names = &name;
    p.n_names = 1;
    p.addresses = &addr;
    p.n_addresses = 1;
    assert_int_equal(ac_person_add(t->hub, t->analyst, "t", &p, t->a, &id, &err), AC_OK);
    return id;
}

static void
search_finds_a_variant_spelling_with_its_explanation(void **state)
{
    struct test_hub *t = *state;
    const char *id = test_add_person(t, t->analyst, "Muhammad", "Khan", "1980-05-02");
    ac_person_hit *h = NULL;

    test_add_person(t, t->analyst, "Peter", "Jones", NULL);
    assert_int_equal(search(t, t->analyst, "mohammed khan", NULL, NULL, &h), 1);
    assert_string_equal(h[0].person.id, id);
    assert_true(h[0].score >= 0.75 && h[0].score <= 1.0);
    assert_non_null(strstr(h[0].explanation, "mohammed=muhammad"));
    assert_non_null(strstr(h[0].explanation, "khan=khan"));
}

static void
search_finds_a_name_written_in_cyrillic(void **state)
{
    struct test_hub *t = *state;
    const char *id = test_add_person(t, t->analyst, "Олена", "Петренко", NULL);
    ac_person_hit *h = NULL;

    assert_int_equal(search(t, t->analyst, "petrenko", NULL, NULL, &h), 1);
    assert_string_equal(h[0].person.id, id);
    assert_string_equal(h[0].person.names[0].family, "Петренко");
    assert_non_null(strstr(h[0].explanation, "petrenko is petrenko"));
}

static void
search_finds_swapped_given_and_family_names(void **state)
{
    struct test_hub *t = *state;
    const char *id = test_add_person(t, t->analyst, "Mohammed", "Khan", NULL);
    ac_person_hit *h = NULL;

    assert_int_equal(search(t, t->analyst, "khan mohammed", NULL, NULL, &h), 1);
    assert_string_equal(h[0].person.id, id);
    assert_non_null(strstr(h[0].explanation, "khan=khan (exact"));
    assert_non_null(strstr(h[0].explanation, "mohammed=mohammed (exact"));
}

static void
search_finds_one_typo_and_an_initial(void **state)
{
    struct test_hub *t = *state;
    const char *id = test_add_person(t, t->analyst, "Anna", "Kowalski", NULL);
    ac_person_hit *h = NULL;

    /* a first letter wrong: no prefix, no Soundex code (C420, K420) in common; only the
     * one-edit keys meet */
    assert_int_equal(search(t, t->analyst, "anna cowalski", NULL, NULL, &h), 1);
    assert_string_equal(h[0].person.id, id);
    assert_non_null(strstr(h[0].explanation, "cowalski=kowalski"));
    /* two edits in the word is no typo */
    assert_int_equal(search(t, t->analyst, "cowalsky", NULL, NULL, &h), 0);
    /* an initial meets the given name */
    assert_int_equal(search(t, t->analyst, "a kowalski", NULL, NULL, &h), 1);
    assert_non_null(strstr(h[0].explanation, "a=anna"));
}

static void
search_narrows_by_partial_date_of_birth_and_postcode_sector(void **state)
{
    struct test_hub *t = *state;
    const char *born80 = test_add_person(t, t->analyst, "Aisha", "Rahman", "1980-05-02");
    const char *in_b11, *b12;
    ac_person_hit *h = NULL;

    test_add_person(t, t->analyst, "Aisha", "Rahman", "1991");
    assert_int_equal(search(t, t->analyst, "aisha rahman", NULL, NULL, &h), 2);
    assert_int_equal(search(t, t->analyst, "aisha rahman", "1980", NULL, &h), 1);
    assert_string_equal(h[0].person.id, born80);
    assert_non_null(strstr(h[0].explanation, "born 1980-05-02 agrees with 1980"));
    assert_int_equal(search(t, t->analyst, "aisha rahman", "1980-05", NULL, &h), 1);
    assert_int_equal(search(t, t->analyst, "aisha rahman", "1980-06", NULL, &h), 0);

    in_b11 = add_at(t, "Omar", "Farouk", "B11 4AA");
    b12 = add_at(t, "Omar", "Farouk", "B12 9ZZ");
    assert_int_equal(search(t, t->analyst, "omar farouk", NULL, NULL, &h), 2);
    assert_int_equal(search(t, t->analyst, "omar farouk", NULL, "B11 4", &h), 1);
    assert_string_equal(h[0].person.id, in_b11);
    assert_non_null(strstr(h[0].explanation, "postcode B11 4AA is in B11 4"));
    assert_int_equal(search(t, t->analyst, "omar farouk", NULL, "b12", &h), 1);
    assert_string_equal(h[0].person.id, b12);
}

static void
search_never_returns_nor_counts_a_record_the_caller_may_not_see(void **state)
{
    struct test_hub *t = *state;
    ac_person_hit *h = NULL;
    const char *mine = test_add_person(t, t->analyst, "Mohammed", "Khan", NULL);

    for (int i = 0; i < 3; i++) {
        test_add_person(t, t->council, "Muhammad", "Khan", NULL);
    }
    assert_int_equal(search(t, t->analyst, "mohammed khan", NULL, NULL, &h), 1);
    assert_string_equal(h[0].person.id, mine);
    assert_string_equal(h[0].person.agency_id, t->ctu_id);
    /* and the council sees only its own three */
    assert_int_equal(search(t, t->council, "mohammed khan", NULL, NULL, &h), 3);
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(h[i].person.agency_id, t->council_id);
    }
}

static int64_t
key_rows(struct test_hub *t, const char *id)
{
    static const char sql[] = "SELECT count(*) FROM person_search_keys WHERE person_id = ?";
    struct aci_stmt *st = NULL;
    bool row = false;
    int64_t n;

    assert_int_equal(aci_stmt_get(t->hub->store, sql, &st, NULL), AC_OK);
    assert_int_equal(aci_stmt_bindf(st, NULL, "t", id), AC_OK);
    assert_int_equal(aci_stmt_step(st, &row, NULL), AC_OK);
    n = aci_stmt_col_int(st, 0);
    aci_stmt_done(st);
    return n;
}

static int64_t
count_rows(struct test_hub *t, const char *sql)
{
    struct aci_stmt *st = NULL;
    bool row = false;
    int64_t n;

    assert_int_equal(aci_stmt_get(t->hub->store, sql, &st, NULL), AC_OK);
    assert_int_equal(aci_stmt_step(st, &row, NULL), AC_OK);
    n = aci_stmt_col_int(st, 0);
    aci_stmt_done(st);
    return n;
}

static void
search_is_an_index_lookup_kept_on_write(void **state)
{
    struct test_hub *t = *state;
    const char *id = test_add_person(t, t->analyst, "Grace", "Okafor", NULL);
    ac_person_hit *h = NULL;
    size_t done = 0;
    ac_error err = { 0 };

    assert_true(key_rows(t, id) > 0);
    /* without its keys the person is not found: the search reads the index, no scan */
    assert_int_equal(aci_store_runf(t->hub->store, "DELETE FROM person_search_keys", NULL, ""),
                     AC_OK);
    assert_int_equal(search(t, t->analyst, "grace okafor", NULL, NULL, &h), 0);
    /* a store from before the index: the migration lists its persons as pending, and
     * the hub indexes them (as it does on opening the store) */
    assert_int_equal(aci_person_keys_backfill(t->hub->store, &done, &err), AC_OK);
    assert_int_equal(done, 0);
    assert_int_equal(aci_store_runf(t->hub->store,
                                    "INSERT INTO person_search_pending SELECT id FROM persons",
                                    NULL, ""),
                     AC_OK);
    assert_int_equal(aci_person_keys_backfill(t->hub->store, &done, &err), AC_OK);
    assert_int_equal(done, 1);
    assert_true(key_rows(t, id) > 0);
    assert_int_equal(search(t, t->analyst, "grace okafor", NULL, NULL, &h), 1);
}

/* A given name of its own for person I: a first letter, then three consonants of distinct
 * Soundex digits apart, so no two share a name or Soundex key (nor a blocking key, which
 * keeps the writes cheap). */
static void
own_given(size_t i, char out[16])
{
    static const char first[] = "BDFGJKLPRTV", cons[] = "bcdlmr";

    snprintf(out, 16, "%c%c%c%c%c%c%c", first[i / 216 % 11], 'a', cons[i / 36 % 6], 'a',
             cons[i / 6 % 6], 'a', cons[i % 6]);
}

static void
search_ranks_by_key_specificity_not_by_id(void **state)
{
    struct test_hub *t = *state;
    char given[16];
    const char *mk;
    ac_person_hit *h = NULL;
    size_t n;

    /* more Khans than one key lookup reads (2,000), all with lower ids than the Mohammed
     * Khan written last: a cut-off in key-then-id order left him out, although his rare
     * given name finds him and his family name meets too */
    for (size_t i = 0; i < 2001; i++) {
        own_given(i, given);
        test_add_person(t, t->analyst, given, "Khan", NULL);
    }
    mk = test_add_person(t, t->analyst, "Mohammed", "Khan", NULL);
    n = search(t, t->analyst, "mohammed khan", NULL, NULL, &h);
    assert_true(n >= 1);
    assert_string_equal(h[0].person.id, mk);
    assert_true(h[0].score >= 0.9);
    assert_non_null(strstr(h[0].explanation, "Mohammed Khan"));
    /* a common word alone still answers, with exact matches */
    n = search(t, t->analyst, "khan", NULL, NULL, &h);
    assert_true(n >= 1);
    assert_non_null(strstr(h[0].explanation, "Khan"));
}

static void
persons_load_many_at_once_as_one_by_one(void **state)
{
    struct test_hub *t = *state;
    const char *a = add_at(t, "Amira", "Haddad", "B1 1AA");
    const char *b = test_add_person(t, t->analyst, "Tomas", "Novak", "1975-03-04");
    const char *ids[] = { b, "P-NO-SUCH-PERSON", a, b };
    ac_person many[4], one;
    ac_error err = { 0 };

    assert_int_equal(aci_store_person_load_many(t->hub->store, ids, 4, t->a, many, &err), AC_OK);
    assert_null(many[1].id);
    for (size_t i = 0; i < 4; i++) {
        if (i == 1) {
            continue;
        }
        assert_int_equal(aci_store_person_load(t->hub->store, ids[i], t->a, &one, &err), AC_OK);
        assert_string_equal(many[i].id, one.id);
        assert_string_equal(many[i].agency_id, one.agency_id);
        assert_int_equal(many[i].n_names, one.n_names);
        assert_string_equal(many[i].names[0].full, one.names[0].full);
        assert_int_equal(many[i].n_addresses, one.n_addresses);
        for (size_t k = 0; k < one.n_addresses; k++) {
            assert_string_equal(many[i].addresses[k].postcode, one.addresses[k].postcode);
        }
        assert_int_equal(many[i].n_identifiers, one.n_identifiers);
        assert_int_equal(many[i].dob.year, one.dob.year);
        assert_int_equal(many[i].version, one.version);
    }
    assert_int_equal(many[2].n_addresses, 1);
    assert_int_equal(many[0].n_addresses, 0);
}

/* Edit person ID's FIELD to VALUE (version VERSION), as the analyst. */
static void
edit(struct test_hub *t, const char *id, int64_t version, const char *field, const char *value)
{
    ac_person *p = NULL;
    int64_t now = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_person_get(t->hub, t->analyst, "t", id, t->a, &p, &err), AC_OK);
    assert_int_equal(ac_person_set_field(p, field, value, t->a, &err), AC_OK);
    assert_int_equal(ac_person_edit(t->hub, t->analyst, "t", id, version, p, "t", &now, &err),
                     AC_OK);
}

static void
an_edit_that_keeps_the_names_keeps_the_keys(void **state)
{
    struct test_hub *t = *state;
    const char *id = add_at(t, "Grace", "Okafor", "B1 1AA");
    int64_t keys = key_rows(t, id);
    ac_person_hit *h = NULL;

    /* every key deleted is counted: a rewrite deletes them all, then inserts them again */
    assert_int_equal(
        aci_store_runf(t->hub->store, "CREATE TEMP TABLE key_deletes (n INTEGER)", NULL, ""),
        AC_OK);
    assert_int_equal(aci_store_runf(t->hub->store,
                                    "CREATE TEMP TRIGGER key_deleted AFTER DELETE ON"
                                    " person_search_keys BEGIN INSERT INTO key_deletes VALUES (1);"
                                    " END",
                                    NULL, ""),
                     AC_OK);
    edit(t, id, 1, "town", "Solihull");
    assert_int_equal(count_rows(t, "SELECT count(*) FROM key_deletes"), 0);
    assert_int_equal(key_rows(t, id), keys);
    assert_int_equal(search(t, t->analyst, "grace okafor", NULL, NULL, &h), 1);
    /* a changed name is indexed again: the old name no longer finds the person */
    edit(t, id, 2, "family", "Mensah");
    assert_int_equal(count_rows(t, "SELECT count(*) FROM key_deletes"), keys);
    assert_int_equal(search(t, t->analyst, "grace mensah", NULL, NULL, &h), 1);
    assert_int_equal(search(t, t->analyst, "okafor", NULL, NULL, &h), 0);
}

/* The index holds each key once (migration 0021 dropped the per-person index that held
 * it twice): a rename deletes the old name's keys by themselves, and leaves the person
 * with exactly the keys a record of the new name has. */
static void
a_rename_finds_its_old_keys_without_a_person_index(void **state)
{
    struct test_hub *t = *state;
    const char *id = add_at(t, "Grace", "Okafor", "B1 1AA");
    const char *twin = add_at(t, "Grace", "Mensah", "B1 1AA");
    static const char old_keys[] = "SELECT count(*) FROM person_search_keys"
                                   " WHERE key LIKE '%okafor%' OR key = 's:O216'";
    ac_person_hit *h = NULL;

    assert_int_equal(count_rows(t, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                   " AND tbl_name = 'person_search_keys'"),
                     0);
    assert_true(count_rows(t, old_keys) > 0);
    edit(t, id, 1, "family", "Mensah");
    assert_int_equal(count_rows(t, old_keys), 0);
    assert_int_equal(key_rows(t, id), key_rows(t, twin));
    assert_int_equal(search(t, t->analyst, "grace mensah", NULL, NULL, &h), 2);
    assert_int_equal(search(t, t->analyst, "okafor", NULL, NULL, &h), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(search_finds_a_variant_spelling_with_its_explanation, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(search_finds_a_name_written_in_cyrillic, setup, teardown),
        cmocka_unit_test_setup_teardown(search_finds_swapped_given_and_family_names, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(search_finds_one_typo_and_an_initial, setup, teardown),
        cmocka_unit_test_setup_teardown(search_narrows_by_partial_date_of_birth_and_postcode_sector,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            search_never_returns_nor_counts_a_record_the_caller_may_not_see, setup, teardown),
        cmocka_unit_test_setup_teardown(search_is_an_index_lookup_kept_on_write, setup, teardown),
        cmocka_unit_test_setup_teardown(search_ranks_by_key_specificity_not_by_id, setup, teardown),
        cmocka_unit_test_setup_teardown(persons_load_many_at_once_as_one_by_one, setup, teardown),
        cmocka_unit_test_setup_teardown(an_edit_that_keeps_the_names_keeps_the_keys, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_rename_finds_its_old_keys_without_a_person_index, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
