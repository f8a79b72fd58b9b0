/* SPDX-License-Identifier: Apache-2.0
 *
 * read_csv.c - a watchlist from CSV "id,name,dob" (screen.h).  File reading lives here,
 * outside lib/screen, which stays pure.
 */
#include "internal.h"

#include "accord/screen.h"
#include "core/csv_int.h"

ac_code
ac_watchlist_read_csv(ac_watchlist *w, const char *path, ac_error *err)
{
    struct aci_csv *csv = NULL;
    struct aci_csv_row row;
    bool has = false;
    int col[3] = { -1, -1, -1 };
    ac_code rc = aci_csv_open(path, 4096, &csv, err);

    if (rc == AC_OK) {
        rc = aci_csv_next(csv, &row, &has, err);
    }
    if (rc == AC_OK && !has) {
        rc = aci_fail(err, AC_EINVAL, "%s: empty: expected the header id,name,dob", path);
    }
    for (size_t i = 0; rc == AC_OK && i < row.n_fields; i++) {
        static const char *const names[3] = { "id", "name", "dob" };

        for (int k = 0; k < 3; k++) {
            if (strcmp(row.fields[i], names[k]) == 0 && col[k] < 0) {
                col[k] = (int)i;
            }
        }
    }
    if (rc == AC_OK && (col[0] < 0 || col[1] < 0)) {
        rc = aci_fail(err, AC_EINVAL, "%s: the header needs id and name (and may have dob)", path);
    }
    while (rc == AC_OK && (rc = aci_csv_next(csv, &row, &has, err)) == AC_OK && has) {
        const char *dob = col[2] >= 0 && (size_t)col[2] < row.n_fields ? row.fields[col[2]] : NULL;

        if ((size_t)col[0] >= row.n_fields || (size_t)col[1] >= row.n_fields) {
            rc = aci_fail(err, AC_EINVAL, "%s line %llu: too few fields", path,
                          (unsigned long long)row.line);
            break;
        }
        rc = ac_watchlist_add(w, row.fields[col[0]], row.fields[col[1]], dob, err);
        if (rc != AC_OK) {
            aci_error_prefix(err, "%s line %llu: ", path, (unsigned long long)row.line);
        }
    }
    aci_csv_close(csv);
    return rc;
}
