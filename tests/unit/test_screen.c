/* SPDX-License-Identifier: Apache-2.0
 *
 * test_screen.c - the name screener: normalisation (accents, "SURNAME, Given", other
 * scripts written in Latin letters, joined words, digits for letters), variants and
 * initials, word order, what particles and legal forms weigh, bounds and symmetry, and
 * the explanation.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

static double
score(const ac_screener *s, const char *a, const char *b)
{
    ac_arena *arena = ac_arena_new(0);
    const char *why = NULL;
    double v = -1;
    ac_error err = { 0 };

    assert_int_equal(ac_screen_names(s, a, b, arena, &v, &why, &err), AC_OK);
    assert_non_null(why);
    ac_arena_free(arena);
    return v;
}

static void
screen_names_meet_across_spellings_and_scripts(void **state)
{
    ac_screener *s = NULL;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_screener_new(&s, &err), AC_OK);
    /* the same name, however written */
    assert_true(score(s, "José Álvarez", "JOSE ALVAREZ") == 1.0);
    assert_true(score(s, "SCHOLZ, Olaf", "Olaf Scholz") == 1.0);
    assert_true(score(s, "Scholz Olaf", "Olaf Scholz") == 1.0);
    assert_true(score(s, "Abdulrahman Ali", "Abdul Rahman Ali") == 1.0);
    assert_true(score(s, "Ig0r Sech1n", "Igor Sechin") == 1.0);
    assert_true(score(s, "FridrichBuchenberg", "Friedrich Buchenberg") >= AC_SCREEN_STRONG);
    /* other scripts, written in Latin letters */
    assert_true(score(s, "Владимир Путин", "Vladimir Putin") >= AC_SCREEN_STRONG);
    assert_true(score(s, "Барак Обама", "Barack Obama") >= AC_SCREEN_POSSIBLE);
    assert_true(score(s, "Αλέξης Τσίπρας", "Alexis Tsipras") >= AC_SCREEN_POSSIBLE);
    /* variants, initials and particles */
    assert_true(score(s, "Mohammed Yusuf", "Muhammad Youssef") >= AC_SCREEN_STRONG);
    assert_true(score(s, "Bob Smith", "Robert Smith") >= AC_SCREEN_STRONG);
    assert_true(score(s, "J. Smith", "John Smith") >= AC_SCREEN_STRONG);
    assert_true(score(s, "Omar al-Bashir", "Omar Bashir") >= AC_SCREEN_STRONG);
    assert_true(score(s, "Acme Trading Ltd", "ACME TRADING LIMITED") >= AC_SCREEN_STRONG);
    /* and different people stay apart */
    assert_true(score(s, "Angelo Cruz", "Angela Merkel") < AC_SCREEN_POSSIBLE);
    assert_true(score(s, "Tanker 1", "Tanker 2") < AC_SCREEN_POSSIBLE);
    assert_true(score(s, "Peter Grant", "Mohammed Khan") == 0.0);
    ac_screener_free(s);
}

static void
screen_names_in_full_forms_and_near_misses(void **state)
{
    ac_screener *s = NULL;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_screener_new(&s, &err), AC_OK);
    /* a name written out in full contains its short form */
    assert_true(score(s, "FAZL RABI ABDUL HAMID", "FAZL RABI") >= AC_SCREEN_POSSIBLE);
    assert_true(score(s, "Vladimir Vladimirovich Putin", "Vladimir Putin") >= AC_SCREEN_POSSIBLE);
    /* but one common word inside a longer name is not enough */
    assert_true(score(s, "Michaela", "Michaela Michelle Micheli") < AC_SCREEN_POSSIBLE);
    /* legal forms say the same however long they are written */
    assert_true(score(s, "Siemens AG", "Siemens Aktiengesellschaft") >= AC_SCREEN_STRONG);
    assert_true(score(s, "Stripe LLC", "Stripe Limited Liability Company") >= AC_SCREEN_POSSIBLE);
    /* a different family name among shared ones keeps two people apart */
    assert_true(score(s, "ALI SADDAM HUSSEIN AL-RAWI", "ALI SADDAM HUSSEIN AL-TIKRITI") <
                AC_SCREEN_POSSIBLE);
    /* a typo is a typo; three edits make another name */
    assert_true(score(s, "Olaf Scholze", "Olaf Scholz") >= AC_SCREEN_STRONG);
    assert_true(score(s, "Roger Federman", "Roger Federer") < AC_SCREEN_POSSIBLE);
    assert_true(score(s, "Luis Monteiro", "Luis Montenegro") < AC_SCREEN_POSSIBLE);
    ac_screener_free(s);
}

static void
screen_scores_are_bounded_and_symmetric(void **state)
{
    static const char *const names[] = { "Olaf Scholz",
                                         "SCHOLZ, Olaf",
                                         "Olaf",
                                         "Abdul Rahman Ali",
                                         "Ali",
                                         "J. R. Smith",
                                         "Владимир Путин",
                                         "Acme Ltd",
                                         "al-Bashir",
                                         "Mohammed bin Salman",
                                         "Salman bin Mohammed" };
    ac_screener *s = NULL;
    ac_arena *a = ac_arena_new(0);
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_screener_new(&s, &err), AC_OK);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        for (size_t j = 0; j < sizeof names / sizeof names[0]; j++) {
            double x = score(s, names[i], names[j]), y = score(s, names[j], names[i]);

            assert_true(x >= 0.0 && x <= 1.0);
            assert_true(x - y < 1e-12 && y - x < 1e-12);
        }
    }
    /* bad input: a clear error, not a score */
    {
        double v;
        const char *why;

        assert_int_equal(ac_screen_names(s, "\xff\xfe", "Olaf", a, &v, &why, &err), AC_EINVAL);
        assert_int_equal(ac_screen_names(s, "...", "Olaf", a, &v, &why, &err), AC_EINVAL);
        assert_non_null(strstr(err.msg, "letter"));
    }
    ac_screener_free(s);
    ac_arena_free(a);
}

static void
screen_explains_which_words_met(void **state)
{
    ac_screener *s = NULL;
    ac_arena *a = ac_arena_new(0);
    const char *why = NULL;
    double v = 0;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_screener_new(&s, &err), AC_OK);
    assert_int_equal(ac_screen_names(s, "Mohammed Khan", "KHAN, Muhammad", a, &v, &why, &err),
                     AC_OK);
    assert_non_null(strstr(why, "khan=khan (exact"));
    assert_non_null(strstr(why, "mohammed=muhammad (variant"));
    assert_non_null(strstr(why, "score"));
    ac_screener_free(s);
    ac_arena_free(a);
}

static void
screen_watchlists_find_entries_by_any_name_and_weigh_the_date_of_birth(void **state)
{
    ac_screener *s = NULL;
    ac_watchlist *w = NULL;
    ac_arena *a = ac_arena_new(0);
    ac_screen_hit *hits = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_screener_new(&s, &err), AC_OK);
    assert_int_equal(ac_watchlist_new(s, &w, &err), AC_OK);
    assert_int_equal(ac_watchlist_add(w, "E1", "Mohammed Yusuf Khan", "1980-04-01", &err), AC_OK);
    assert_int_equal(ac_watchlist_add(w, "E1", "Abu Yusuf", NULL, &err), AC_OK);
    assert_int_equal(ac_watchlist_add(w, "E2", "Владимир Петров", "1975", &err), AC_OK);
    for (int i = 0; i < 500; i++) { /* others, so that lookups have something to skip */
        char id[16], name[32];

        snprintf(id, sizeof id, "X%d", i);
        snprintf(name, sizeof name, "Person%c%c Number%d", 'a' + i % 26, 'a' + i / 26, i);
        assert_int_equal(ac_watchlist_add(w, id, name, NULL, &err), AC_OK);
    }
    assert_int_equal(ac_watchlist_add(w, "E3", "", NULL, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "name"));
    assert_int_equal(ac_watchlist_add(w, "E3", "Jane Doe", "31/02/1990", &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "dob"));
    /* a typo, another spelling, another script: found, once per entry */
    assert_int_equal(ac_watchlist_screen(w, "Muhamad Yusef Kahn", NULL, 0.7, a, &hits, &n, &err),
                     AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(hits[0].list_id, "E1");
    assert_int_equal(ac_watchlist_screen(w, "Vladimir Petrov", NULL, 0.7, a, &hits, &n, &err),
                     AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(hits[0].list_id, "E2");
    /* letters swapped in a short word, and a word typed from its end */
    assert_int_equal(ac_watchlist_screen(w, "Mohammed Yusfu Khan", NULL, 0.7, a, &hits, &n, &err),
                     AC_OK);
    assert_true(n >= 1 && strcmp(hits[0].list_id, "E1") == 0);
    assert_int_equal(ac_watchlist_screen(w, "Nohammed Yusuf Khan", NULL, 0.7, a, &hits, &n, &err),
                     AC_OK);
    assert_true(n >= 1 && strcmp(hits[0].list_id, "E1") == 0);
    assert_int_equal(ac_watchlist_screen(w, "Mhoammed Yusuf", NULL, 0.7, a, &hits, &n, &err),
                     AC_OK);
    assert_true(n >= 1 && strcmp(hits[0].list_id, "E1") == 0);
    /* the date of birth: the same supports, a distant year lowers, missing is neutral */
    {
        double same, none, far;

        assert_int_equal(
            ac_watchlist_screen(w, "Muhammad Yusuf Khan", "1980-04-01", 0, a, &hits, &n, &err),
            AC_OK);
        same = hits[0].score;
        assert_non_null(strstr(hits[0].explanation, "same date of birth"));
        assert_int_equal(ac_watchlist_screen(w, "Muhammad Yusuf Khan", NULL, 0, a, &hits, &n, &err),
                         AC_OK);
        none = hits[0].score;
        assert_int_equal(
            ac_watchlist_screen(w, "Muhammad Yusuf Khan", "1950", 0, a, &hits, &n, &err), AC_OK);
        far = hits[0].score;
        assert_true(same > none && none > far);
    }
    assert_int_equal(ac_watchlist_screen(w, "Peter Grant", NULL, 0.7, a, &hits, &n, &err), AC_OK);
    assert_int_equal(n, 0);
    assert_int_equal(ac_watchlist_screen(w, "Peter", "yesterday", 0.7, a, &hits, &n, &err),
                     AC_EINVAL);
    ac_watchlist_free(w);
    ac_screener_free(s);
    ac_arena_free(a);
}

static void
screen_ofac_files_are_read_with_their_quirks(void **state)
{
    static const char sdn[] =
        "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
        "7157,\"SHAKHBAZOV, Farid\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
        "-0- ,\"DOB 23 Nov 1962; POB Baku, Azerbaijan.\"\r\n"
        "\x1a";
    static const char alt[] = "7157,1,\"aka\",\"SHAHBAZOV, Farid\",-0- \r\n\x1a";
    static const char bad[] = "not,an,ofac,file\r\n";
    const char *sdn_path = test_write_file(0, sdn, sizeof sdn - 1);
    const char *alt_path = test_write_file(1, alt, sizeof alt - 1);
    const char *bad_path = test_write_file(2, bad, sizeof bad - 1);
    ac_screener *s = NULL;
    ac_watchlist *w = NULL;
    ac_arena *a = ac_arena_new(0);
    ac_screen_hit *hits = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_screener_new(&s, &err), AC_OK);
    assert_int_equal(ac_watchlist_new(s, &w, &err), AC_OK);
    assert_int_equal(ac_watchlist_read_ofac(w, sdn_path, alt_path, &err), AC_OK);
    assert_int_equal(ac_watchlist_count(w), 3);
    assert_int_equal(
        ac_watchlist_screen(w, "Farid Shakhbazov", "1962-11-23", 0.7, a, &hits, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(hits[0].list_id, "7157");
    assert_non_null(strstr(hits[0].explanation, "same date of birth")); /* read from remarks */
    assert_int_equal(ac_watchlist_read_ofac(w, bad_path, NULL, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "line 1"));
    ac_watchlist_free(w);
    ac_screener_free(s);
    ac_arena_free(a);
}

static void
screen_a_common_name_alone_scores_lower_than_a_rare_one(void **state)
{
    static const char *const given[] = { "John", "James", "David", "Paul", "Mark" };
    static const char *const family[] = { "Smith", "Jones", "Brown", "Taylor", "Wilson" };
    ac_screener *s = NULL;
    ac_watchlist *w = NULL;
    ac_arena *a = ac_arena_new(0);
    ac_screen_hit *hits = NULL;
    size_t n = 0;
    double common, rare;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_screener_new(&s, &err), AC_OK);
    assert_int_equal(ac_watchlist_new(s, &w, &err), AC_OK);
    for (int i = 0; i < 400; i++) { /* a list where these names are everywhere */
        char id[16], name[64];

        snprintf(id, sizeof id, "C%d", i);
        snprintf(name, sizeof name, "%s %s", given[i % 5], family[(i / 5) % 5]);
        assert_int_equal(ac_watchlist_add(w, id, name, NULL, &err), AC_OK);
    }
    assert_int_equal(ac_watchlist_add(w, "R1", "Ezekiel Thornbury", NULL, &err), AC_OK);
    assert_int_equal(ac_watchlist_screen(w, "John Smith", NULL, 0, a, &hits, &n, &err), AC_OK);
    assert_true(n > 0);
    common = hits[0].score;
    assert_non_null(strstr(hits[0].explanation, "common name"));
    assert_int_equal(ac_watchlist_screen(w, "Ezekiel Thornbury", NULL, 0, a, &hits, &n, &err),
                     AC_OK);
    rare = hits[0].score;
    assert_true(rare == 1.0);
    assert_true(common < rare && common >= 0.95); /* lower, yet its own name still finds it */
    ac_watchlist_free(w);
    ac_screener_free(s);
    ac_arena_free(a);
}

static void
screen_un_list_is_read_with_aliases_and_original_script(void **state)
{
    static const char xml[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<CONSOLIDATED_LIST dateGenerated=\"2026-02-27\"><INDIVIDUALS><INDIVIDUAL>"
        "<DATAID>6908001</DATAID><FIRST_NAME>FRANK KAKOLELE</FIRST_NAME>"
        "<SECOND_NAME>BWAMBALE</SECOND_NAME><NAME_ORIGINAL_SCRIPT>Франк Бвамбале"
        "</NAME_ORIGINAL_SCRIPT>"
        "<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>FRANK KAKORERE</ALIAS_NAME>"
        "</INDIVIDUAL_ALIAS><INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>"
        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1971</YEAR>"
        "</INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS><ENTITIES><ENTITY>"
        "<DATAID>6908402</DATAID><FIRST_NAME>E. S. Co.</FIRST_NAME></ENTITY></ENTITIES>"
        "</CONSOLIDATED_LIST>\n";
    static const char broken[] = "<CONSOLIDATED_LIST><INDIVIDUALS>";
    const char *path = test_write_file(0, xml, sizeof xml - 1);
    const char *bad = test_write_file(1, broken, sizeof broken - 1);
    ac_screener *s = NULL;
    ac_watchlist *w = NULL;
    ac_arena *a = ac_arena_new(0);
    ac_screen_hit *hits = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_screener_new(&s, &err), AC_OK);
    assert_int_equal(ac_watchlist_new(s, &w, &err), AC_OK);
    assert_int_equal(ac_watchlist_read_un(w, path, &err), AC_OK);
    assert_int_equal(ac_watchlist_count(w), 4); /* name, original script, alias; the entity */
    assert_int_equal(ac_watchlist_screen(w, "Frank Kakorere", NULL, 0.95, a, &hits, &n, &err),
                     AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(hits[0].list_id, "6908001");
    assert_int_equal(ac_watchlist_screen(w, "E. S. Co.", NULL, 0.95, a, &hits, &n, &err), AC_OK);
    assert_int_equal(n, 1); /* a name of initials and a legal form is still found */
    assert_int_equal(ac_watchlist_read_un(w, bad, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "XML"));
    ac_watchlist_free(w);
    ac_screener_free(s);
    ac_arena_free(a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(screen_names_meet_across_spellings_and_scripts),
        cmocka_unit_test(screen_names_in_full_forms_and_near_misses),
        cmocka_unit_test(screen_scores_are_bounded_and_symmetric),
        cmocka_unit_test(screen_explains_which_words_met),
        cmocka_unit_test(screen_watchlists_find_entries_by_any_name_and_weigh_the_date_of_birth),
        cmocka_unit_test(screen_ofac_files_are_read_with_their_quirks),
        cmocka_unit_test(screen_a_common_name_alone_scores_lower_than_a_rare_one),
        cmocka_unit_test(screen_un_list_is_read_with_aliases_and_original_script),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
