/* SPDX-License-Identifier: Apache-2.0
 *
 * latin.c - names in other scripts written in Latin letters, so that "Барак Обама" and
 * "Barack Obama" can meet: ICU's "Any-Latin; Latin-ASCII" transliteration (Cyrillic,
 * Greek, Arabic, Hebrew, Armenian, Georgian, Han, Hangul, Kana, Thai, Khmer, ...).
 * Only names with a letter outside Latin script pay for it.
 */
#include "internal.h"

#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "screen/screen_int.h"

#define UNITS 512 /* UTF-16 units of a name, before and after */

ac_code
aci_screen_latin_open(ac_screener *s, ac_error *err)
{
    static const UChar id[] = { 'A', 'n', 'y', '-', 'L', 'a', 't', 'i', 'n', ';', ' ', 'L',
                                'a', 't', 'i', 'n', '-', 'A', 'S', 'C', 'I', 'I', 0 };
    UErrorCode status = U_ZERO_ERROR;

    s->latin = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) {
        s->latin = NULL;
        return aci_fail(err, AC_EMISUSE, "the transliterator to Latin script is missing: %s",
                        u_errorName(status));
    }
    return AC_OK;
}

void
aci_screen_latin_close(ac_screener *s)
{
    if (s->latin != NULL) {
        utrans_close(s->latin);
        s->latin = NULL;
    }
}

/* A byte of a letter beyond Latin (U+0250 and up, but not punctuation or marks). */
static bool
other_script(const char *name)
{
    for (const unsigned char *p = (const unsigned char *)name; *p != '\0'; p++) {
        if (*p >= 0xca) { /* a lead byte of U+0280 or above */
            return true;
        }
    }
    return false;
}

const char *
aci_screen_latin(const ac_screener *s, const char *name, ac_arena *a)
{
    UChar buf[UNITS];
    int32_t len = 0, limit;
    UErrorCode status = U_ZERO_ERROR;
    char *out;
    int32_t out_len = 0;

    if (s->latin == NULL || !other_script(name)) {
        return name;
    }
    u_strFromUTF8(buf, UNITS / 2, &len, name, -1, &status);
    if (U_FAILURE(status)) {
        return name;
    }
    limit = len;
    utrans_transUChars(s->latin, buf, &len, UNITS, 0, &limit, &status);
    if (U_FAILURE(status)) {
        return name;
    }
    if ((out = ac_arena_alloc(a, (size_t)len * 3 + 1)) == NULL) {
        return NULL; /* out of memory: not the name unchanged */
    }
    u_strToUTF8(out, len * 3 + 1, &out_len, buf, len, &status);
    return U_SUCCESS(status) ? out : name;
}
