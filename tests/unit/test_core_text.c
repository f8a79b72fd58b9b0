/* SPDX-License-Identifier: Apache-2.0
 *
 * test_core_text.c - UTF-8 validation, display cleaning and matching keys
 * (lib/core/text.c), with a regression list of hard names.
 */
#include "support.h"

#include <string.h>

#include "internal.h"

/* The key of S, expecting success; lives in A. */
static const char *
key_of(ac_arena *a, const char *s)
{
    char *out = NULL;
    ac_error err = { 0 };

    if (ac_text_key(s, a, &out, &err) != AC_OK) {
        fail_msg("ac_text_key failed: %s", err.msg);
    }
    assert_non_null(out);
    return out;
}

/* The clean form of S, expecting success; lives in A. */
static const char *
clean_of(ac_arena *a, const char *s)
{
    char *out = NULL;
    ac_error err = { 0 };

    if (ac_text_clean(s, a, &out, &err) != AC_OK) {
        fail_msg("ac_text_clean failed: %s", err.msg);
    }
    assert_non_null(out);
    return out;
}

static int
arena_setup(void **state)
{
    *state = ac_arena_new(0);
    return *state == NULL ? -1 : 0;
}

static int
arena_teardown(void **state)
{
    ac_arena_free(*state);
    return 0;
}

/* Check that S of N bytes is invalid with the first bad byte at BAD. */
static void
expect_invalid_at(const char *s, size_t n, size_t bad)
{
    size_t at = 9999;

    assert_false(ac_utf8_valid(s, n, &at));
    assert_int_equal(at, bad);
    assert_false(ac_utf8_valid(s, n, NULL));
}

/* utf8: well-formed text of one to four bytes per character is valid */
static void
utf8_accepts_multibyte(void **state)
{
    static const char *const ok[] = {
        "",
        "plain ASCII",
        "\xc2\x80",                             /* U+0080, smallest two-byte */
        "M\xc3\xbcller",                        /* ü */
        "\xe0\xa0\x80",                         /* U+0800, smallest three-byte */
        "\xe2\x82\xac",                         /* € */
        "\xed\x9f\xbf",                         /* U+D7FF, just below surrogates */
        "\xee\x80\x80",                         /* U+E000, just above surrogates */
        "\xef\xbf\xbd",                         /* U+FFFD */
        "\xf0\x90\x80\x80",                     /* U+10000, smallest four-byte */
        "\xf0\x9f\x98\x80",                     /* 😀 */
        "\xf4\x8f\xbf\xbf",                     /* U+10FFFF, the largest */
        "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd",     /* Иван */
        "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf",     /* محمد */
        "\xe6\x9d\x8e\xe5\xb0\x8f\xe9\xbe\x8d", /* 李小龍 */
    };

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        size_t at = 9999;

        if (!ac_utf8_valid(ok[i], strlen(ok[i]), &at)) {
            fail_msg("case %zu rejected at %zu", i, at);
        }
        assert_true(ac_utf8_valid_str(ok[i]));
    }
    assert_true(ac_utf8_valid_str(NULL));
}

/* utf8: an embedded NUL byte is well-formed */
static void
utf8_accepts_embedded_nul(void **state)
{
    (void)state;
    assert_true(ac_utf8_valid("a\0b", 3, NULL));
}

/* utf8: overlong encodings are invalid */
static void
utf8_rejects_overlong(void **state)
{
    (void)state;
    expect_invalid_at("\xc0\x80", 2, 0);         /* NUL in two bytes */
    expect_invalid_at("\xc1\xbf", 2, 0);         /* U+007F in two bytes */
    expect_invalid_at("ab\xe0\x80\xaf", 5, 2);   /* '/' in three bytes */
    expect_invalid_at("\xe0\x9f\xbf", 3, 0);     /* U+07FF in three bytes */
    expect_invalid_at("\xf0\x8f\xbf\xbf", 4, 0); /* U+FFFF in four bytes */
}

/* utf8: UTF-16 surrogate code points are invalid */
static void
utf8_rejects_surrogates(void **state)
{
    (void)state;
    expect_invalid_at("\xed\xa0\x80", 3, 0);             /* U+D800 */
    expect_invalid_at("x\xed\xbf\xbf", 4, 1);            /* U+DFFF */
    expect_invalid_at("\xed\xa0\xbd\xed\xb8\x80", 6, 0); /* CESU-8 pair */
}

/* utf8: code points above U+10FFFF and 5- or 6-byte forms are invalid */
static void
utf8_rejects_above_max(void **state)
{
    (void)state;
    expect_invalid_at("\xf4\x90\x80\x80", 4, 0); /* U+110000 */
    expect_invalid_at("\xf5\x80\x80\x80", 4, 0);
    expect_invalid_at("\xf8\x88\x80\x80\x80", 5, 0);
    expect_invalid_at("\xfc\x84\x80\x80\x80\x80", 6, 0);
    expect_invalid_at("\xfe", 1, 0);
    expect_invalid_at("\xff", 1, 0);
}

/* utf8: sequences cut short, by the end or by another character, are invalid */
static void
utf8_rejects_truncated(void **state)
{
    (void)state;
    expect_invalid_at("\xc3", 1, 0);
    expect_invalid_at("ab\xe2\x82", 4, 2);
    expect_invalid_at("abc\xf0\x9f\x98", 6, 3);
    expect_invalid_at("\xe2\x82x", 3, 0);
    expect_invalid_at("\xc3\xbc\xc3 ", 4, 2);
}

/* utf8: a lone continuation byte is invalid */
static void
utf8_rejects_lone_continuation(void **state)
{
    (void)state;
    expect_invalid_at("\x80", 1, 0);
    expect_invalid_at("M\xc3\xbc\xbcller", 7, 3);
}

/* utf8: the offset reported is that of the first bad sequence */
static void
utf8_reports_first_bad_offset(void **state)
{
    static const char s[] = "Jos\xc3\xa9 Mar\xed"
                            "a "; /* Latin-1 'í' after valid UTF-8 */

    (void)state;
    expect_invalid_at(s, sizeof s - 1, 9);
    assert_false(ac_utf8_valid_str(s));
}

/* key: apostrophes vanish and case folds */
static void
key_drops_apostrophes(void **state)
{
    assert_string_equal(key_of(*state, "O'Brien"), "obrien");
    assert_string_equal(key_of(*state, "O\u2019Brien"), "obrien"); /* ’ */
    assert_string_equal(key_of(*state, "D`Angelo"), "dangelo");
}

/* key: typographic and modifier-letter apostrophes vanish like ASCII ones */
static void
key_drops_apostrophe_lookalikes(void **state)
{
    assert_string_equal(key_of(*state, "O\u02bcBrien"), "obrien"); /* modifier apostrophe */
    assert_string_equal(key_of(*state, "O\u2018Brien"), "obrien"); /* left quote */
    assert_string_equal(key_of(*state, "O\u02b9Brien"), "obrien"); /* modifier prime */
}

/* key: an acute accent typed as an apostrophe vanishes like one */
static void
key_drops_acute_accent_apostrophe(void **state)
{
    assert_string_equal(key_of(*state, "O\u00b4Brien"), "obrien");
}

/* key: accents go, hyphens become spaces, case folds */
static void
key_folds_diacritics_and_hyphens(void **state)
{
    assert_string_equal(key_of(*state, "MÜLLER-Lüdenscheidt"), "muller ludenscheidt");
}

/* key: fullwidth letters become ASCII */
static void
key_folds_fullwidth(void **state)
{
    assert_string_equal(key_of(*state, "Ｊｏｈｎ"), "john");
}

/* key: letters without a decomposition fold by table */
static void
key_folds_table_letters(void **state)
{
    assert_string_equal(key_of(*state, "Łukasz"), "lukasz");  /* Ł */
    assert_string_equal(key_of(*state, "Søren"), "soren");    /* ø */
    assert_string_equal(key_of(*state, "Straße"), "strasse"); /* ß */
}

/* key: runs of spaces collapse and accents go */
static void
key_collapses_spaces(void **state)
{
    assert_string_equal(key_of(*state, "José  María"), "jose maria");
    assert_string_equal(key_of(*state, "  John \t Smith  "), "john smith");
}

/* key: stacked Vietnamese marks are all removed */
static void
key_strips_stacked_marks(void **state)
{
    assert_string_equal(key_of(*state, "Nguyễn"), "nguyen");
}

/* key: text of punctuation only has an empty key */
static void
key_of_punctuation_is_empty(void **state)
{
    assert_string_equal(key_of(*state, "'-., ()"), "");
    assert_string_equal(key_of(*state, "\u2014\u2019\u00a0"), ""); /* — ’ nbsp */
    assert_string_equal(key_of(*state, ""), "");
}

/* key: Arabic letters are kept as letters */
static void
key_keeps_arabic_letters(void **state)
{
    const char *k;

    k = key_of(*state, "محمد");
    assert_true(strlen(k) > 0);
    assert_string_equal(k, "محمد");
}

/* key: Cyrillic letters are kept and case folded */
static void
key_keeps_cyrillic_letters(void **state)
{
    assert_string_equal(key_of(*state, "ИВАН"), "иван");
}

/* key: digits are kept */
static void
key_keeps_digits(void **state)
{
    assert_string_equal(key_of(*state, "Flat 4B"), "flat 4b");
}

/* key: invalid UTF-8 is refused with AC_EINVAL */
static void
key_rejects_invalid_utf8(void **state)
{
    char *out = (char *)"unchanged";
    ac_error err = { 0 };

    assert_int_equal(ac_text_key("M\xfcller", *state, &out, &err), AC_EINVAL);
    assert_int_equal(err.code, AC_EINVAL);
    assert_null(out);
    assert_int_equal(ac_text_key("\xed\xa0\x80", *state, &out, NULL), AC_EINVAL);
}

/* key: composed and decomposed forms of a name give the same key */
static void
key_is_same_for_nfc_and_nfd(void **state)
{
    assert_string_equal(key_of(*state, "é"), key_of(*state, "e\u0301"));
    assert_string_equal(key_of(*state, "é"), "e");
    assert_string_equal(key_of(*state, "José"), key_of(*state, "Jose\u0301"));
}

/* key_buf: a key that does not fit is AC_ENOMEM */
static void
key_buf_overflow_is_enomem(void **state)
{
    char buf[4];
    size_t len = 99;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_text_key_buf("Abcdef", buf, sizeof buf, &len, &err), AC_ENOMEM);
    assert_int_equal(err.code, AC_ENOMEM);
    assert_true(len < sizeof buf);
    assert_int_equal(buf[len], '\0');
    assert_int_equal(ac_text_key_buf("Müller", buf, sizeof buf, &len, NULL), AC_ENOMEM);
    assert_int_equal(ac_text_key_buf("x", buf, 0, &len, NULL), AC_ENOMEM);
}

/* key_buf: a key that fits exactly, with its NUL, succeeds */
static void
key_buf_exact_fit_succeeds(void **state)
{
    char buf[4];
    size_t len = 99;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_text_key_buf("A-b", buf, sizeof buf, &len, &err), AC_OK);
    assert_string_equal(buf, "a b");
    assert_int_equal(len, 3);
}

/* key: compatibility ligatures expand to their letters */
static void
key_expands_ligatures(void **state)
{
    assert_string_equal(key_of(*state, "\ufb01nn"), "finn");     /* U+FB01 fi */
    assert_string_equal(key_of(*state, "\u01c4ENAN"), "dzenan"); /* U+01C4 DŽ */
    assert_string_equal(key_of(*state, "Kœnig"), "koenig");
}

/* key: a character that NFKC expands elevenfold still gets its key, not AC_ENOMEM */
static void
key_handles_elevenfold_expansion(void **state)
{
    /* U+FDFA (3 bytes) is 18 code points (33 bytes) under NFKC */
    assert_string_equal(key_of(*state, "\ufdfa"),
                        "\u0635\u0644\u0649 \u0627\u0644\u0644\u0647 "
                        "\u0639\u0644\u064a\u0647 \u0648\u0633\u0644\u0645");
}

/* clean: leading and trailing white space is removed */
static void
clean_trims(void **state)
{
    assert_string_equal(clean_of(*state, "  John Smith \t"), "John Smith");
    assert_string_equal(clean_of(*state, " Élodie  "), "Élodie");
    assert_string_equal(clean_of(*state, "   "), "");
}

/* clean: inner runs of spaces and tabs collapse to one space */
static void
clean_collapses_spaces(void **state)
{
    assert_string_equal(clean_of(*state, "John \t  Smith"), "John Smith");
    assert_string_equal(clean_of(*state, "José \t\u00a0 María"), "José María");
}

/* clean: control characters are refused */
static void
clean_rejects_control_chars(void **state)
{
    char *out = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_text_clean("Jo\x01hn", *state, &out, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "control character"));
    assert_int_equal(ac_text_clean("José\x01", *state, &out, &err), AC_EINVAL);
    assert_int_equal(ac_text_clean("x\x7f", *state, &out, &err), AC_EINVAL);
    assert_int_equal(ac_text_clean("x\xc2\x85", *state, &out, &err), AC_EINVAL); /* NEL */
}

/* clean: invalid UTF-8 is refused, naming the byte */
static void
clean_rejects_invalid_utf8(void **state)
{
    char *out = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_text_clean("M\xfcller", *state, &out, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "byte 1"));
}

/* clean: decomposed text is composed to NFC */
static void
clean_composes_nfc(void **state)
{
    assert_string_equal(clean_of(*state, "Jose\u0301"), "José");
    assert_string_equal(clean_of(*state, "e\u0301"), "é");
}

/* clean: case, accents and punctuation are left as entered */
static void
clean_keeps_case_and_accents(void **state)
{
    static const char *const same[] = {
        "MÜLLER-Lüdenscheidt", "O'Brien", "Nguyễn", "Ｊｏｈｎ", /* fullwidth: not NFKC */
        "Søren Łukasz Straße",
    };

    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        assert_string_equal(clean_of(*state, same[i]), same[i]);
    }
}

/* The regression list of hard names and their keys. */
static const struct {
    const char *name;
    const char *key;
} hard_names[] = {
    { "O'Brien", "obrien" },
    { "O\u2019Connor-Smyth", "oconnor smyth" },
    { "MÜLLER-Lüdenscheidt", "muller ludenscheidt" },
    { "Ｊｏｈｎ", "john" },
    { "Łukasz Wałęsa", "lukasz walesa" },
    { "Bjørn Ødegård", "bjorn odegard" },
    { "Straßenbauer", "strassenbauer" },
    { "José  María", "jose maria" },
    { "Nguyễn Văn Thành", "nguyen van thanh" },
    { "François-Xavier", "francois xavier" },
    { "Zoë Brontë", "zoe bronte" },
    { "Þórður Guðjónsson", "thordur gudjonsson" },
    { "Ægir Œdipe", "aegir oedipe" },
    { "Đorđević", "dordevic" },
    { "İbrahim Yılmaz", "ibrahim yilmaz" },
    { "al-Hassan", "al hassan" },
    { "bin Omar", "bin omar" },
    { "Al-Hassan, Ahmed", "al hassan ahmed" },
    { "Abd al-Rahman ibn Khaldun", "abd al rahman ibn khaldun" },
    { "van der Berg", "van der berg" },
    { "de la Cruz", "de la cruz" },
    { "Smith, John", "smith john" },
    { "Dvořák", "dvorak" },
    { "Sánchez-Gijón", "sanchez gijon" },
    { "Ångström", "angstrom" },
    { "Häkkinen", "hakkinen" },
    { "\u01c5oković", "dzokovic" }, /* titlecase digraph Dž */
    { "\ufb01negan", "finegan" },   /* ligature fi */
    { "Ｍｃ\u3000Ｄｏｎ", "mc don" },
    { "Muḥammad", "muhammad" },
    { "Пётр Иванов", "петр иванов" },
    { "Σωκράτης", "σωκρατησ" },
    { "محم\u064eد بن سلمان", "محمد بن سلمان" },
    { "李小龍", "李小龍" },
};

/* key: each hard name has its expected key */
static void
key_regression_list_matches(void **state)
{
    for (size_t i = 0; i < sizeof hard_names / sizeof hard_names[0]; i++) {
        const char *k = key_of(*state, hard_names[i].name);

        if (strcmp(k, hard_names[i].key) != 0) {
            fail_msg("name %zu: key '%s', expected '%s'", i, k, hard_names[i].key);
        }
    }
}

/* key: a key is its own key (idempotent) for every hard name */
static void
key_is_idempotent(void **state)
{
    for (size_t i = 0; i < sizeof hard_names / sizeof hard_names[0]; i++) {
        const char *k = key_of(*state, hard_names[i].name);
        const char *kk = key_of(*state, k);

        if (strcmp(k, kk) != 0) {
            fail_msg("name %zu: key '%s' re-keys to '%s'", i, k, kk);
        }
    }
}

/* key: ac_text_key and ac_text_key_buf agree for every hard name */
static void
key_buf_agrees_with_key(void **state)
{
    char buf[256];
    size_t len;

    for (size_t i = 0; i < sizeof hard_names / sizeof hard_names[0]; i++) {
        assert_int_equal(ac_text_key_buf(hard_names[i].name, buf, sizeof buf, &len, NULL), AC_OK);
        assert_string_equal(buf, key_of(*state, hard_names[i].name));
        assert_int_equal(len, strlen(buf));
    }
}

/* Key and clean a long non-ASCII name (past the stack buffer) in a fresh arena. */
static ac_code
long_name_workout(void)
{
    char name[2048];
    size_t len = 0;
    ac_arena *a = ac_arena_new(0);
    char *out = NULL;
    ac_code rc;

    if (a == NULL) {
        return AC_ENOMEM;
    }
    while (len + 16 < sizeof name) {
        len += (size_t)snprintf(name + len, sizeof name - len, "Müller-Łukasz ");
    }
    rc = ac_text_key(name, a, &out, NULL);
    if (rc == AC_OK) {
        rc = ac_text_clean(name, a, &out, NULL);
    }
    ac_arena_free(a);
    return rc;
}

/* key, clean: every allocation failure yields AC_ENOMEM and no leak */
static void
text_survives_each_oom(void **state)
{
    (void)state;
    unsigned long n;

    for (n = 1;; n++) {
        ac_code rc;

        aci_alloc_fail_at(n);
        rc = long_name_workout();
        aci_alloc_fail_at(0);
        if (rc == AC_OK) {
            break; /* n passed the last allocation: done */
        }
        assert_int_equal(rc, AC_ENOMEM);
        assert_true(n < 100);
    }
    assert_true(n > 3);
}

#define T(f) cmocka_unit_test_setup_teardown(f, arena_setup, arena_teardown)

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_accepts_multibyte),
        cmocka_unit_test(utf8_accepts_embedded_nul),
        cmocka_unit_test(utf8_rejects_overlong),
        cmocka_unit_test(utf8_rejects_surrogates),
        cmocka_unit_test(utf8_rejects_above_max),
        cmocka_unit_test(utf8_rejects_truncated),
        cmocka_unit_test(utf8_rejects_lone_continuation),
        cmocka_unit_test(utf8_reports_first_bad_offset),
        T(key_drops_apostrophes),
        T(key_drops_apostrophe_lookalikes),
        T(key_drops_acute_accent_apostrophe),
        T(key_folds_diacritics_and_hyphens),
        T(key_folds_fullwidth),
        T(key_folds_table_letters),
        T(key_collapses_spaces),
        T(key_strips_stacked_marks),
        T(key_of_punctuation_is_empty),
        T(key_keeps_arabic_letters),
        T(key_keeps_cyrillic_letters),
        T(key_keeps_digits),
        T(key_rejects_invalid_utf8),
        T(key_is_same_for_nfc_and_nfd),
        cmocka_unit_test(key_buf_overflow_is_enomem),
        cmocka_unit_test(key_buf_exact_fit_succeeds),
        T(key_expands_ligatures),
        T(key_handles_elevenfold_expansion),
        T(clean_trims),
        T(clean_collapses_spaces),
        T(clean_rejects_control_chars),
        T(clean_rejects_invalid_utf8),
        T(clean_composes_nfc),
        T(clean_keeps_case_and_accents),
        T(key_regression_list_matches),
        T(key_is_idempotent),
        T(key_buf_agrees_with_key),
        cmocka_unit_test(text_survives_each_oom),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
