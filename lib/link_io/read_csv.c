/* SPDX-License-Identifier: Apache-2.0
 *
 * read_csv.c - records for the linkage engine from CSV files, their columns recognised by
 * common header names.  The file reading lives here, outside lib/link, which stays pure.
 */
#include "internal.h"

#include <ctype.h>

#include "accord/linkage.h"
#include "core/csv_int.h"
#include "link/link_int.h"

#define FIELD_MAX (64u * 1024u)

static const struct {
    const char *header;
    ac_field field;
} headers[] = {
    { "id", AC_FIELD_ID },
    { "rec_id", AC_FIELD_ID },
    { "record_id", AC_FIELD_ID },
    { "unique_id", AC_FIELD_ID },
    { "hub_id", AC_FIELD_ID }, /* the hub's own export (accord export persons) */
    { "given_name", AC_FIELD_GIVEN },
    { "first_name", AC_FIELD_GIVEN },
    { "forename", AC_FIELD_GIVEN },
    { "middle_name", AC_FIELD_MIDDLE },
    { "surname", AC_FIELD_FAMILY },
    { "family_name", AC_FIELD_FAMILY },
    { "last_name", AC_FIELD_FAMILY },
    { "full_name", AC_FIELD_FULL },
    { "name", AC_FIELD_FULL },
    { "dob", AC_FIELD_DOB },
    { "date_of_birth", AC_FIELD_DOB },
    { "birth_date", AC_FIELD_DOB },
    { "postcode", AC_FIELD_POSTCODE },
    { "postcode_fake", AC_FIELD_POSTCODE },
    { "zip", AC_FIELD_POSTCODE },
    { "address", AC_FIELD_ADDRESS },
    { "address_1", AC_FIELD_ADDRESS },
    { "street", AC_FIELD_ADDRESS },
    { "town", AC_FIELD_TOWN },
    { "city", AC_FIELD_TOWN },
    { "suburb", AC_FIELD_TOWN },
    { "birth_place", AC_FIELD_TOWN }, /* Splink's demonstration sets */
    { "place_of_birth", AC_FIELD_TOWN },
    { "ni_number", AC_FIELD_IDENT },
    { "soc_sec_id", AC_FIELD_IDENT },
    { "passport", AC_FIELD_IDENT },
    { "email", AC_FIELD_EMAIL },
    { "email_address", AC_FIELD_EMAIL },
};

static const char *const field_names[AC_FIELD_COUNT] = {
    "id",       "given name", "middle name", "family name", "full name", "date of birth",
    "postcode", "address",    "town",        "identifier",  "email",
};

const char *
ac_field_str(ac_field f)
{
    return (unsigned)f < AC_FIELD_COUNT ? field_names[f] : "none";
}

ac_field
ac_field_for_header(const char *header)
{
    char h[64];
    size_t n = 0;

    while (*header == ' ') {
        header++;
    }
    for (; header[n] != '\0' && n + 1 < sizeof h; n++) {
        h[n] = (char)tolower((unsigned char)header[n]);
    }
    while (n > 0 && h[n - 1] == ' ') {
        n--;
    }
    h[n] = '\0';
    for (size_t i = 0; i < ACI_ARRAY_LEN(headers); i++) {
        if (strcmp(h, headers[i].header) == 0) {
            return headers[i].field;
        }
    }
    return AC_FIELD_COUNT;
}

/* The field HEADER names for LK: the settings' mapping first, then the usual names. */
static ac_field
field_for_header(const ac_linkage *lk, const char *header)
{
    for (size_t i = 0; i < lk->n_mapped; i++) {
        if (strcmp(lk->mapped[i].header, header) == 0) {
            return lk->mapped[i].field;
        }
    }
    return ac_field_for_header(header);
}

ac_code
ac_linkage_read_csv(ac_linkage *lk,
                    int side,
                    const char *path,
                    const char **roles,
                    ac_arena *a,
                    ac_error *err)
{
    struct aci_csv *csv = NULL;
    struct aci_csv_row row;
    int column[AC_FIELD_COUNT];
    bool has_row = false;
    char *said;
    ac_code rc = aci_csv_open(path, FIELD_MAX, &csv, err);

    if (roles != NULL) {
        *roles = NULL;
    }
    if (rc != AC_OK) {
        return rc;
    }
    rc = aci_csv_next(csv, &row, &has_row, err);
    if (rc == AC_OK && !has_row) {
        rc = aci_fail(err, AC_EINVAL, "%s: empty file: expected a header line", path);
    }
    for (int f = 0; f < AC_FIELD_COUNT; f++) {
        column[f] = -1;
    }
    said = ac_arena_strdup(a, "");
    for (size_t i = 0; rc == AC_OK && i < row.n_fields; i++) {
        ac_field f = field_for_header(lk, row.fields[i]);

        if (f != AC_FIELD_COUNT && column[f] < 0) {
            column[f] = (int)i;
            said = ac_arena_printf(a, "%s%s%s -> %s", said, said[0] ? ", " : "", row.fields[i],
                                   ac_field_str(f));
        }
    }
    if (rc == AC_OK && column[AC_FIELD_ID] < 0) {
        rc =
            aci_fail(err, AC_EINVAL,
                     "%s: no id column: name one id, rec_id, record_id, unique_id or hub_id", path);
    }
    if (rc == AC_OK && column[AC_FIELD_GIVEN] < 0 && column[AC_FIELD_FAMILY] < 0 &&
        column[AC_FIELD_FULL] < 0) {
        rc = aci_fail(err, AC_EINVAL,
                      "%s: no name column: name one first_name, surname or full_name", path);
    }
    while (rc == AC_OK && (rc = aci_csv_next(csv, &row, &has_row, err)) == AC_OK && has_row) {
        const char *values[AC_FIELD_COUNT] = { NULL };

        for (int f = 0; f < AC_FIELD_COUNT; f++) {
            if (column[f] >= 0 && (size_t)column[f] < row.n_fields) {
                values[f] = row.fields[column[f]];
            }
        }
        rc = ac_linkage_add(lk, side, values, err);
        if (rc != AC_OK) {
            aci_error_prefix(err, "%s line %llu: ", path, (unsigned long long)row.line);
        }
    }
    aci_csv_close(csv);
    if (rc == AC_OK && roles != NULL) {
        *roles = said;
    }
    return rc;
}
