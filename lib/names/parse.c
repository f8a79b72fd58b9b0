/* SPDX-License-Identifier: Apache-2.0
 *
 * parse.c - the words of a name that identify the person, without its decorations:
 * honorifics before it ("sir", "hon", "dr"), post-nominal letters and generational
 * suffixes after it ("fsa", "kbe", "jr") and a title of nobility with its ordinal
 * ("thomas clifford, 1st baron clifford of chudleigh" -> "thomas clifford").  Names come
 * in as matching keys: lower case, words separated by single spaces.
 */
#include "internal.h"

#include "names/names.h"

static const char *const honorifics[] = {
    "sir",    "dame",     "lord",     "lady",        "hon",  "honourable", "rt",       "right",
    "the",    "mr",       "mrs",      "ms",          "miss", "mx",         "dr",       "doctor",
    "prof",   "rev",      "revd",     "reverend",    "fr",   "father",     "capt",     "captain",
    "col",    "colonel",  "gen",      "general",     "maj",  "major",      "lt",       "cmdr",
    "adm",    "admiral",  "sgt",      "cpl",         "pte",  "baron",      "baroness", "earl",
    "count",  "countess", "viscount", "viscountess", "duke", "duchess",    "marquess", "marquis",
    "prince", "princess", "king",     "queen",
};

/* Post-nominal letters and generational suffixes, dropped from the end only. */
static const char *const postnominals[] = {
    "jr",  "jnr",  "junior", "sr",   "snr",  "senior", "esq", "bt",  "bart", "fsa",
    "frs", "frse", "fba",    "frcp", "frcs", "kbe",    "obe", "mbe", "cbe",  "dbe",
    "kcb", "gcb",  "kcmg",   "gcmg", "kcvo", "gcvo",   "kg",  "kt",  "vc",   "dso",
    "mc",  "qc",   "kc",     "mp",   "phd",  "md",     "dd",  "ra",  "pc",
};

/* Ranks of nobility: from an ordinal, or from one of these with a word after it ("baron
 * chudleigh", "duke of hamilton"; "grace earl" keeps its surname), the words name a title. */
static const char *const ranks[] = {
    "baron", "baroness", "baronet", "viscount", "viscountess", "earl",        "countess",
    "count", "duke",     "duchess", "marquess", "marquis",     "marchioness",
};

static bool
in_list(const char *w, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0) {
            return true;
        }
    }
    return false;
}

/* "1st", "2nd", "13th", "3rd": digits then an English ordinal suffix. */
static bool
is_ordinal(const char *w, size_t n)
{
    size_t d = 0;

    while (d < n && w[d] >= '0' && w[d] <= '9') {
        d++;
    }
    if (d == 0 || n != d + 2) {
        return false;
    }
    return memcmp(w + d, "st", 2) == 0 || memcmp(w + d, "nd", 2) == 0 ||
           memcmp(w + d, "rd", 2) == 0 || memcmp(w + d, "th", 2) == 0;
}

bool
aci_name_is_honorific(const char *w, size_t n)
{
    return in_list(w, n, honorifics, ACI_ARRAY_LEN(honorifics));
}

bool
aci_name_is_postnominal(const char *w, size_t n)
{
    return in_list(w, n, postnominals, ACI_ARRAY_LEN(postnominals)) || is_ordinal(w, n);
}

size_t
aci_name_strip(const char *key, size_t len, char *out, size_t cap)
{
    const char *w[32];
    size_t wl[32], n = 0, first = 0, last, total = 0;

    for (size_t i = 0; i < len && n < 32;) {
        size_t j = i;

        while (j < len && key[j] != ' ') {
            j++;
        }
        if (j > i) {
            w[n] = key + i;
            wl[n++] = j - i;
        }
        i = j + 1;
    }
    /* honorifics before the name, keeping at least one word */
    while (first + 1 < n && aci_name_is_honorific(w[first], wl[first])) {
        first++;
    }
    last = n;
    /* a title of nobility after the name: from its ordinal or rank on */
    for (size_t i = first + 1; i < last; i++) {
        if (is_ordinal(w[i], wl[i]) ||
            (i + 1 < last && in_list(w[i], wl[i], ranks, ACI_ARRAY_LEN(ranks)))) {
            last = i;
        }
    }
    /* post-nominal letters, keeping at least one word */
    while (last > first + 1 && aci_name_is_postnominal(w[last - 1], wl[last - 1])) {
        last--;
    }
    for (size_t i = first; i < last; i++) {
        if (total + wl[i] + (total > 0) >= cap) {
            break;
        }
        if (total > 0) {
            out[total++] = ' ';
        }
        memcpy(out + total, w[i], wl[i]);
        total += wl[i];
    }
    if (cap > 0) {
        out[total] = '\0';
    }
    return total;
}
