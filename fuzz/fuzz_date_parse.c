/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_date_parse.c - date parsing on arbitrary text: never crashes; an accepted date is
 * a real calendar date whose canonical text parses back to the same date.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accord/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1), buf[AC_DATE_TEXT_MAX];
    ac_date d, back;

    if (s == NULL) {
        abort();
    }
    memcpy(s, data, size);
    s[size] = '\0';
    if (ac_date_parse(s, &d, NULL) == AC_OK && d.precision != AC_DATE_NONE) {
        assert(d.year >= 1800 && d.year <= 2200);
        assert(d.precision < AC_DATE_MONTH || (d.month >= 1 && d.month <= 12));
        assert(d.precision < AC_DATE_DAY ||
               (d.day >= 1 && d.day <= ac_date_days_in_month(d.year, d.month)));
        assert(ac_date_parse(ac_date_format(&d, buf), &back, NULL) == AC_OK);
        assert(ac_date_cmp(&d, &back) == 0 && back.precision == d.precision);
    }
    free(s);
    return 0;
}
