/* SPDX-License-Identifier: Apache-2.0
 *
 * csv_int.h - a pull-style CSV reader over libcsv: one row at a time, with the
 * physical line each row starts on, a bound on field size, and UTF-8 left to the caller
 * to check.  Handles quoting, embedded newlines, CRLF, a missing final newline, spaces
 * around fields and a UTF-8 byte-order mark.
 */
#ifndef ACI_CSV_INT_H
#define ACI_CSV_INT_H

#include "internal.h"

struct aci_csv;

struct aci_csv_row {
    uint64_t line;       /* physical line the row starts on (1-based) */
    size_t n_fields;     /* fields in this row */
    const char **fields; /* NUL-terminated; borrowed until the next aci_csv_next */
    size_t *lens;        /* byte length of each field (fields may hold NUL bytes) */
    size_t longest;      /* length of the longest field */
};

/* Open PATH for reading.  MAX_FIELD bounds one field in bytes: a longer field makes
 * aci_csv_next fail with AC_EINVAL naming the line.  Free with aci_csv_close. */
ac_code aci_csv_open(const char *path, size_t max_field, struct aci_csv **out, ac_error *err);
void aci_csv_close(struct aci_csv *r); /* NULL is a no-op */

/* The next row into *ROW; *HAS_ROW false at end of file.  AC_EINVAL for malformed
 * input that stops reading (unterminated quote, a field over the bound, UTF-16 text),
 * with the line in the message; AC_EIO when the file cannot be read. */
ac_code aci_csv_next(struct aci_csv *r, struct aci_csv_row *row, bool *has_row, ac_error *err);

/* Bytes read so far and the file's size (0 if unknown), for progress. */
uint64_t aci_csv_bytes_read(const struct aci_csv *r);
uint64_t aci_csv_file_size(const struct aci_csv *r);

/* Write FIELDS[0..N) as one CSV row (quoted as needed) to FP.  AC_EIO on failure. */
ac_code aci_csv_write_row(FILE *fp, const char *const *fields, size_t n, ac_error *err);

#endif /* ACI_CSV_INT_H */
