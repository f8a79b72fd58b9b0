/* SPDX-License-Identifier: Apache-2.0
 *
 * exchange.h - bulk import of persons from CSV and export as CSV or JSON Lines.
 *
 * Import is all-or-nothing by default: every row is checked, every bad row reported
 * with its line, field and reason, and nothing is written unless all rows are good.
 * With a quarantine file the good rows are imported and the bad ones written there,
 * each with its line number and reason.  The export's CSV reads back through import.
 */
#ifndef ACCORD_EXCHANGE_H
#define ACCORD_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One rejected row: line is the physical line where the row starts (the header is
 * line 1); field is the CSV column name or NULL for the whole row. */
typedef struct ac_import_problem {
    uint64_t line;
    const char *field;
    const char *reason; /* never holds the field's value: values may be personal data */
} ac_import_problem;

typedef void (*ac_import_problem_fn)(void *ctx, const ac_import_problem *p);
/* DONE of TOTAL units (bytes for import, rows for export; TOTAL 0 when unknown). */
typedef void (*ac_progress_fn)(void *ctx, uint64_t done, uint64_t total);

typedef struct ac_import_options {
    const char *path;                /* CSV file with a header row; UTF-8 (a BOM is skipped) */
    const char *agency;              /* id or name of the agency the records belong to */
    const char *quarantine_path;     /* NULL = all-or-nothing; else bad rows go to this CSV */
    size_t max_field_bytes;          /* longest accepted field; 0 means 64 KiB */
    ac_import_problem_fn on_problem; /* called for each rejected row; may be NULL */
    ac_progress_fn on_progress;      /* called every few thousand rows; may be NULL */
    void *ctx;                       /* passed to both callbacks */
    bool refuse_unknown_columns;     /* a header column import does not read is an error
                                      * (the HTTP import: nothing is silently dropped) */
} ac_import_options;

typedef struct ac_import_result {
    uint64_t rows;     /* data rows read */
    uint64_t imported; /* rows written to the hub */
    uint64_t rejected; /* rows refused (reported through on_problem) */
} ac_import_result;

/* Import persons from OPT->path into OPT->agency, which must be the actor's agency.
 * Returns AC_OK when every row was imported (or, with a quarantine file, when the good
 * rows were); AC_EINVAL when the file as a whole is unusable (not UTF-8, no header,
 * no name column, an unterminated quote, no data rows) or, without quarantine, when any
 * row was rejected - in both cases nothing is written.  *OUT is filled in every case. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5) ac_code ac_import_persons(ac_hub *hub,
                                                                     const ac_actor *actor,
                                                                     const char *purpose,
                                                                     const ac_import_options *opt,
                                                                     ac_import_result *out,
                                                                     ac_error *err);

typedef enum ac_export_format {
    AC_EXPORT_CSV = 0, /* the columns import reads; aliases joined with ';' */
    AC_EXPORT_JSONL,   /* one JSON object per person, every name, address, identifier */
} ac_export_format;

/* Receives N bytes of output; returns 0, or non-zero to stop with AC_EIO. */
typedef int (*ac_write_fn)(void *ctx, const char *buf, size_t n);

/* Write every person the actor may see, ordered by id.  *OUT_N is the count. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 5) ac_code ac_export_persons(ac_hub *hub,
                                                                  const ac_actor *actor,
                                                                  const char *purpose,
                                                                  ac_export_format format,
                                                                  ac_write_fn write,
                                                                  void *ctx,
                                                                  uint64_t *out_n,
                                                                  ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_EXCHANGE_H */
