/* SPDX-License-Identifier: Apache-2.0
 *
 * sdc.h - statistical disclosure control of a two-way table of counts: which cells may be
 * published and how.  Pure: no storage, no I/O; the hub counts, this module decides what
 * of the counts leaves it (docs/architecture.md, "Statistics").
 *
 * A table is held with its margins, as an (n_rows + 1) x (n_cols + 1) grid in row-major
 * order: the interior counts, each row's total in the last column, each column's total in
 * the last row and the grand total in the corner.  Every number of that grid is published
 * or suppressed, margins included (a row total of 3 is itself a count of 3 people).
 *
 *   primary suppression    a count from 1 to 4 is shown as "<5" (ACI_SDC_PRIMARY);
 *   secondary suppression  further cells are withheld, shown as "[c]" (ACI_SDC_SECONDARY),
 *                          until no suppressed cell can be worked out from the published
 *                          cells and totals: every row and column of the grid with a
 *                          suppressed cell has at least two, the complement chosen being
 *                          the smallest cell of the line, and every suppressed cell lies
 *                          on a cycle of suppressed cells along which the published totals
 *                          still hold with the cell at another value (below);
 *   rounding (optional)    every published number is rounded to the nearest 5.
 *
 * Zeros are shown: a zero is not a person.
 */
#ifndef ACI_POLICY_SDC_H
#define ACI_POLICY_SDC_H

#include "internal.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum aci_sdc_mark {
    ACI_SDC_SHOWN = 0,     /* published as counted (or rounded) */
    ACI_SDC_PRIMARY = 1,   /* 1 to 4: shown as "<5" */
    ACI_SDC_SECONDARY = 2, /* withheld so that no primary cell can be recovered: "[c]" */
};

struct aci_sdc_table {
    size_t n_rows;       /* interior rows (>= 1) */
    size_t n_cols;       /* interior columns (>= 1) */
    int64_t *v;          /* (n_rows + 1) * (n_cols + 1) counts >= 0, row-major, margins last */
    unsigned char *mark; /* same shape: enum aci_sdc_mark per number */
};

/* The grid index of row R, column C (R == n_rows is the column totals' row, C == n_cols
 * the row totals' column). */
static inline size_t
aci_sdc_at(const struct aci_sdc_table *t, size_t r, size_t c)
{
    return r * (t->n_cols + 1) + c;
}

/* Fill the margins of T from its interior and clear every mark. */
void aci_sdc_totals(struct aci_sdc_table *t);

/* Mark T's cells (its margins filled): primary, then secondary suppression until every
 * suppressed cell is protected (aci_sdc_protected) or nothing is left to suppress. */
void aci_sdc_protect(struct aci_sdc_table *t);

/* Whether the marked cell at grid index I can take another value while every published
 * number of T stays as published and every suppressed one stays within what its mark
 * says (primary 1..4; secondary 0 or 5 and more): found as a cycle of suppressed cells,
 * alternately raised and lowered.  A sufficient test (false may be said of a cell a
 * combination of cycles would protect: the module then suppresses one more cell). */
bool aci_sdc_protected(const struct aci_sdc_table *t, size_t i);

/* V rounded to the nearest multiple of 5 (halves up: 2 -> 0, 3 -> 5, 13 -> 15). */
int64_t aci_sdc_round5(int64_t v);

/* The text published for grid index I: the count (rounded when ROUND), "<5" or "[c]".
 * BUF holds at least 24 bytes; the result is BUF or a static string. */
const char *aci_sdc_text(const struct aci_sdc_table *t, size_t i, bool round, char *buf);

#endif /* ACI_POLICY_SDC_H */
