/* SPDX-License-Identifier: Apache-2.0
 *
 * regime.h - the explosives precursors and poisons regime (Poisons Act 1972 Schedule 1A,
 * DOMAIN.md §4) as data: the table ships in data/regime/substances.csv (names, CAS
 * number, part, concentration limit, status, note), and a partnership may load its own
 * corrected copy.  A reported product (substance, concentration) is classified as a
 * regulated or reportable precursor or poison, or neither, with the rule that decided.
 */
#ifndef ACCORD_REGIME_H
#define ACCORD_REGIME_H

#include <stdbool.h>
#include <stddef.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ac_regime_class {
    AC_REGIME_NEITHER = 0,
    AC_REGIME_REGULATED_PRECURSOR,  /* Part 1, above its limit: a licence is needed */
    AC_REGIME_REGULATED_POISON,     /* Part 2, above its limit if it has one */
    AC_REGIME_REPORTABLE_PRECURSOR, /* Part 3, or Part 1 at or below its limit */
    AC_REGIME_REPORTABLE_POISON,    /* Part 4, above its limit if it has one */
    AC_REGIME_UNRECOGNISED,         /* not in the table: accord cannot say either way */
} ac_regime_class;

AC_API const char *ac_regime_class_str(ac_regime_class c);

typedef struct ac_regime ac_regime;

/* The regime from CSV_TEXT (the format of data/regime/substances.csv), or the shipped
 * table when CSV_TEXT is NULL.  AC_EINVAL names the line and the field. */
AC_API AC_NODISCARD AC_NONNULL(2) ac_code
    ac_regime_new(const char *csv_text, ac_regime **out, ac_error *err);
AC_API void ac_regime_free(ac_regime *r);

typedef struct ac_regime_result {
    ac_regime_class cls;
    const char *substance; /* the table's name for it, or NULL when it is not in the table */
    const char *cas;       /* its CAS number, or NULL */
    const char *status;    /* "confirmed", "unverified" or "NOT FOUND" */
    const char *reason;    /* the rule that decided, with the limit and the table's note */
    const char *source;    /* where the table's row comes from, or NULL */
    double concentration;  /* % w/w used: the one given, else the one read from the name;
                              negative when neither */
} ac_regime_result;

/* Classify SUBSTANCE at CONCENTRATION (% w/w; negative when not known, which is treated
 * as above any limit).  SUBSTANCE is matched as a retailer types it: case, accents,
 * spacing and punctuation are folded; a name, a formula (H2O2) or a CAS number with or
 * without its dashes; words such as "solution" or "fertiliser" are ignored; and a
 * concentration in the name ("hydrogen peroxide 35%", "34.5% N") is used when
 * CONCENTRATION is negative.  A substance not in the table is AC_REGIME_UNRECOGNISED,
 * never "neither".  AC_EINVAL for a concentration above 100.  Strings in A. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 4, 5) ac_code ac_regime_classify(const ac_regime *r,
                                                                      const char *substance,
                                                                      double concentration,
                                                                      ac_arena *a,
                                                                      ac_regime_result *out,
                                                                      ac_error *err);

/* Entry I of the table (for listing it), or false past the last. */
AC_API AC_NONNULL(1, 3) bool ac_regime_entry(const ac_regime *r, size_t i, ac_regime_result *out);

/* A row of the table as it is written (for the report form's autocomplete). */
typedef struct ac_regime_row {
    const char *names;  /* '|'-separated, the table's own name first */
    const char *cas;    /* its CAS number, or NULL */
    const char *part;   /* "regulated_precursor", "regulated_poison", "reportable_precursor"
                           or "reportable_poison" (Schedule 1A Parts 1 to 4) */
    bool has_limit;     /* the part applies only beyond LIMIT */
    double limit;       /* % by weight of the product, or of nitrogen when NITROGEN > 0 */
    double nitrogen;    /* > 0: the pure substance's own nitrogen content (% by weight) */
    bool inclusive;     /* the part applies AT the limit too */
    const char *status; /* "confirmed", "unverified" or "NOT FOUND" */
    const char *note;
    const char *source; /* or NULL */
} ac_regime_row;

/* Row I of the table, or false past the last. */
AC_API AC_NONNULL(1, 3) bool ac_regime_row_get(const ac_regime *r, size_t i, ac_regime_row *out);

/* How well QUERY names row I, folded as ac_regime_classify folds a substance (case,
 * accents, spacing, punctuation; a CAS number with or without dashes): 2 when it begins
 * one of the row's names or its CAS number, 1 when it is inside one (3 or more
 * characters), 0 otherwise.  An empty QUERY gives 2 for every row.  Scratch in A. */
AC_API AC_NONNULL(1, 3, 4) int ac_regime_row_matches(const ac_regime *r,
                                                     size_t i,
                                                     const char *query,
                                                     ac_arena *a);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_REGIME_H */
