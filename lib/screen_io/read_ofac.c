/* SPDX-License-Identifier: Apache-2.0
 *
 * read_ofac.c - a watchlist from OFAC's legacy CSV files (screen.h): SDN.CSV (ent_num,
 * SDN_Name, SDN_Type, Program, ..., Remarks) and, when given, ALT.CSV (ent_num, alt_num,
 * alt_type, alt_name, alt_remarks), whose aliases join their entry.  "-0-" is empty; the
 * files end with a Ctrl-Z byte.  A date of birth is read from the remarks ("DOB 23 Nov
 * 1962" or "DOB 1962") when there is exactly one.
 */
#include "internal.h"

#include <ctype.h>

#include "accord/date.h"
#include "accord/screen.h"
#include "core/csv_int.h"

static bool
is_null(const char *s)
{
    return s[0] == '\0' || strncmp(s, "-0-", 3) == 0;
}

/* "DOB 23 Nov 1962" or "DOB 1962" in REMARKS as ISO text in BUF, or NULL (none, several,
 * or a range such as "DOB 1962 to 1964"). */
static const char *
remarks_dob(const char *remarks, char buf[AC_DATE_TEXT_MAX])
{
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    const char *p = strstr(remarks, "DOB ");
    int day = 0, year = 0, month = 0, used = 0;
    char mon[4] = "";

    if (p == NULL || strstr(p + 4, "DOB ") != NULL || strstr(p, " to ") != NULL) {
        return NULL;
    }
    p += 4;
    if (sscanf(p, "%d %3s %d%n", &day, mon, &year, &used) == 3) {
        for (int m = 0; m < 12; m++) {
            month = strcmp(mon, months[m]) == 0 ? m + 1 : month;
        }
        if (month > 0 && day >= 1 && day <= 31 && year >= 1800 && year <= 2200) {
            char tmp[32];

            snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", year, month, day);
            memcpy(buf, tmp, AC_DATE_TEXT_MAX - 1);
            buf[AC_DATE_TEXT_MAX - 1] = '\0';
            return buf;
        }
    }
    if (isdigit((unsigned char)p[0]) && sscanf(p, "%4d", &year) == 1 && year > 1800) {
        memcpy(buf, p, 4);
        buf[4] = '\0';
        return buf;
    }
    return NULL;
}

ac_code
ac_watchlist_read_ofac(ac_watchlist *w, const char *sdn_path, const char *alt_path, ac_error *err)
{
    const char *paths[2] = { sdn_path, alt_path };
    ac_code rc = AC_OK;

    for (int f = 0; rc == AC_OK && f < 2 && paths[f] != NULL; f++) {
        struct aci_csv *csv = NULL;
        struct aci_csv_row row;
        bool has = false;
        size_t name_col = f == 0 ? 1 : 3, min_fields = f == 0 ? 12 : 5;

        rc = aci_csv_open(paths[f], 64 * 1024, &csv, err);
        while (rc == AC_OK && (rc = aci_csv_next(csv, &row, &has, err)) == AC_OK && has) {
            char dob[AC_DATE_TEXT_MAX];
            const char *d = NULL;

            if (row.n_fields == 1 && row.fields[0][0] == 0x1a) {
                continue; /* the Ctrl-Z that ends the file */
            }
            if (row.n_fields < min_fields || !isdigit((unsigned char)row.fields[0][0])) {
                rc = aci_fail(err, AC_EINVAL,
                              "%s line %llu: expected %zu fields starting with "
                              "ent_num: is this an OFAC %s file?",
                              paths[f], (unsigned long long)row.line, min_fields,
                              f == 0 ? "SDN" : "ALT");
                break;
            }
            if (is_null(row.fields[name_col])) {
                continue;
            }
            d = f == 0 && !is_null(row.fields[11]) ? remarks_dob(row.fields[11], dob) : NULL;
            rc = ac_watchlist_add(w, row.fields[0], row.fields[name_col], d, err);
            if (rc == AC_EINVAL && d != NULL) { /* a date the remarks got wrong: keep the name */
                rc = ac_watchlist_add(w, row.fields[0], row.fields[name_col], NULL, err);
            }
            if (rc != AC_OK) {
                aci_error_prefix(err, "%s line %llu: ", paths[f], (unsigned long long)row.line);
            }
        }
        aci_csv_close(csv);
    }
    return rc;
}
