/* SPDX-License-Identifier: Apache-2.0
 *
 * words.c - a name as the screener compares it: "SURNAME, Given" turned round, matching
 * key (NFKC, case folded, accents removed, punctuation a word break), words classified
 * and weighted, each with its variant groups.
 */
#include "internal.h"

#include "accord/text.h"
#include "screen/screen_int.h"

#define KEY_MAX 512

static const char *const particles[] = { "al", "el",  "bin", "ibn", "abu", "abd", "bint", "ul",
                                         "ud", "van", "von", "der", "den", "de",  "da",   "di",
                                         "du", "la",  "le",  "del", "dos", "das", "ben",  "mit" };
static const char *const forms[] = {
    "ltd",
    "limited",
    "llc",
    "inc",
    "incorporated",
    "co",
    "company",
    "corp",
    "corporation",
    "plc",
    "gmbh",
    "ag",
    "aktiengesellschaft",
    "gesellschaft",
    "beschrankter",
    "haftung",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "ab",
    "oy",
    "kg",
    "lp",
    "llp",
    "jsc",
    "ojsc",
    "cjsc",
    "liability",
    "pjsc",
    "joint",
    "stock",
    "ooo",
    "oao",
    "zao",
    "pao",
    "pte",
    "pty",
    "bhd",
    "the",
    "and",
    "of",
    "group",
    "holding",
    "holdings",
};

static bool
in(const char *w, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (strlen(list[i]) == n && memcmp(w, list[i], n) == 0) {
            return true;
        }
    }
    return false;
}

/* "Scholz, Olaf" -> "Olaf Scholz": a single comma after one to three words. */
static const char *
turn_round(const char *name, ac_arena *a)
{
    const char *comma = strchr(name, ',');
    size_t words = 1;

    if (comma == NULL || strchr(comma + 1, ',') != NULL) {
        return name;
    }
    for (const char *p = name; p < comma; p++) {
        words += *p == ' ' && p > name && p[-1] != ' ';
    }
    if (words > 3) {
        return name;
    }
    return ac_arena_printf(a, "%s %.*s", comma + 1, (int)(comma - name), name);
}

/* "FridrichBuchenberg" -> "Fridrich Buchenberg": a capital after a small letter starts a
 * word (ASCII letters; other scripts are left as they are). */
static const char *
split_camel(const char *name, ac_arena *a)
{
    size_t n = strlen(name), k = 0;
    char *out = ac_arena_alloc(a, 2 * n + 1);

    if (out == NULL) {
        return NULL; /* out of memory: not the name unchanged */
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && name[i] >= 'A' && name[i] <= 'Z' && name[i - 1] >= 'a' && name[i - 1] <= 'z') {
            out[k++] = ' ';
        }
        out[k++] = name[i];
    }
    out[k] = '\0';
    return out;
}

/* Digits standing for letters in a word that has letters too ("Ig0r Sech1n"). */
/* "1st" .. "20th" as the word ("first" .. "twentieth"), or NULL. */
static const char *
ordinal(const char *w, size_t n)
{
    static const char *const words[] = {
        "first",     "second",      "third",      "fourth",     "fifth",
        "sixth",     "seventh",     "eighth",     "ninth",      "tenth",
        "eleventh",  "twelfth",     "thirteenth", "fourteenth", "fifteenth",
        "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
    };
    size_t digits = strspn(w, "0123456789");
    int v = 0;

    if (digits == 0 || digits > 2 || n != digits + 2) {
        return NULL;
    }
    if (memcmp(w + digits, "st", 2) != 0 && memcmp(w + digits, "nd", 2) != 0 &&
        memcmp(w + digits, "rd", 2) != 0 && memcmp(w + digits, "th", 2) != 0) {
        return NULL;
    }
    for (size_t i = 0; i < digits; i++) {
        v = v * 10 + (w[i] - '0');
    }
    return v >= 1 && v <= 20 ? words[v - 1] : NULL;
}

static void
unleet(char *w, size_t n)
{
    static const char from[] = "0134579", to[] = "oieastg";
    bool letters = false;

    for (size_t i = 0; i < n; i++) {
        letters |= w[i] >= 'a' && w[i] <= 'z';
    }
    for (size_t i = 0; letters && i < n; i++) {
        const char *d = strchr(from, w[i]);

        if (d != NULL && w[i] != '\0') {
            w[i] = to[d - from];
        }
    }
}

/* WORD (N letters) as the English-language press writes a name spelt in the official
 * Somali Latin orthography (1972): x is the pharyngeal h (Xasan: Hassan), c the ayn, which
 * English spellings leave out (Cabdi: Abdi, Saciid: Said), and a doubled vowel is a long
 * one (Yuusuf: Yusuf), into OUT (N + 1 bytes); false when nothing changed.  Used only to
 * reach a spelling-variant group the word as written has none of, so a name that merely
 * contains an x or a c (Alexander, Marco) is compared as it is. */
static bool
somali_fold(const char *word, size_t n, char *out)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i++) {
        char c = word[i];
        bool vowel_next = i + 1 < n && strchr("aeiou", word[i + 1]) != NULL;
        bool vowel_before = i > 0 && strchr("aeiou", word[i - 1]) != NULL;

        if (c == 'x') {
            out[k++] = 'h';
        } else if (c == 'c' && (vowel_next || vowel_before) &&
                   !(i + 1 < n && (word[i + 1] == 'h' || word[i + 1] == 'k'))) {
            continue;
        } else if (k > 0 && strchr("aeiou", c) != NULL && out[k - 1] == c) {
            continue;
        } else {
            out[k++] = c;
        }
    }
    out[k] = '\0';
    return k != n || memcmp(out, word, n) != 0;
}

ac_code
aci_screen_words(const ac_screener *s,
                 const char *name,
                 ac_arena *a,
                 struct aci_name *out,
                 ac_error *err)
{
    char key[KEY_MAX];
    size_t len = 0;
    const char *latin = aci_screen_latin(s, name, a);
    const char *split = latin != NULL ? split_camel(latin, a) : NULL;
    const char *turned = split != NULL ? turn_round(split, a) : NULL;
    ac_code rc;

    memset(out, 0, sizeof *out);
    if (turned == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = ac_text_key_buf(turned, key, sizeof key, &len, err);
    if (rc != AC_OK) {
        return rc;
    }
    for (size_t i = 0; i < len && out->n < ACI_SCREEN_MAX_WORDS;) {
        size_t n = strcspn(key + i, " ");
        struct aci_word *w = &out->w[out->n];

        if (n == 0) {
            i++;
            continue;
        }
        if (ordinal(key + i, n) != NULL) {
            w->text = ac_arena_strdup(a, ordinal(key + i, n)); /* 1st: first */
        } else {
            unleet(key + i, n);
            w->text = ac_arena_strndup(a, key + i, n);
        }
        w->len = (uint16_t)(w->text != NULL ? strlen(w->text) : 0);
        if (w->text == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory");
        }
        w->kind = strpbrk(w->text, "0123456789") != NULL                     ? ACI_WORD_NUMBER
                  : w->len == 1                                              ? ACI_WORD_INITIAL
                  : in(w->text, w->len, particles, ACI_ARRAY_LEN(particles)) ? ACI_WORD_PARTICLE
                  : in(w->text, w->len, forms, ACI_ARRAY_LEN(forms))         ? ACI_WORD_FORM
                                                                             : ACI_WORD_NAME;
        w->weight = w->kind == ACI_WORD_NAME || w->kind == ACI_WORD_NUMBER ? 1.0
                    : w->kind == ACI_WORD_INITIAL                          ? 0.5
                                                                           : 0.25;
        aci_variants_find(&s->variants, w->text, &w->var, &w->nvar);
        if (w->nvar == 0 && w->kind == ACI_WORD_NAME && w->len < 64) {
            char folded[64];

            if (somali_fold(w->text, w->len, folded)) {
                aci_variants_find(&s->variants, folded, &w->var, &w->nvar);
            }
        }
        w->letters = 0;
        for (size_t k = 0; k < w->len; k++) {
            unsigned c = (unsigned char)w->text[k] - 'a';

            w->letters |= c < 26 ? 1u << c : 0;
        }
        out->n++;
        i += n;
    }
    return out->n > 0 ? AC_OK : aci_fail(err, AC_EINVAL, "a name needs at least one letter");
}
