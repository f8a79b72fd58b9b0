/* SPDX-License-Identifier: Apache-2.0
 *
 * soundex.c - phonetic keys (names.h): Simple Soundex, which blocking (lib/link) and the
 * watchlist index (lib/screen) use so that names that sound alike meet.
 */
#include "internal.h"

#include "names/names.h"

void
aci_soundex(const char *key, char out[5])
{
    static const char codes[] = "01230120022455012623010202"; /* a..z */
    size_t n = 0;
    char last = 0;

    out[0] = '\0';
    for (const char *p = key; p != NULL && *p != '\0' && n < 4; p++) {
        char c = *p;
        char code;

        if (c < 'a' || c > 'z') {
            continue;
        }
        code = codes[c - 'a'];
        if (n == 0) {
            out[n++] = (char)(c - 'a' + 'A');
            last = code;
            continue;
        }
        if (code != '0' && code != last) {
            out[n++] = code;
        }
        if (c != 'h' && c != 'w') {
            last = code;
        }
    }
    while (n > 0 && n < 4) {
        out[n++] = '0';
    }
    out[n] = '\0';
}
