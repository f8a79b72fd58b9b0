/* SPDX-License-Identifier: Apache-2.0
 *
 * sdc.c - small-number suppression of a table of counts (sdc.h).  Pure: the same table
 * always gets the same marks.
 *
 * Why cycles.  Write the grid with the margins negated (a row total t becomes -t, a
 * column total likewise, the grand total stays): then every row and every column of it
 * sums to zero, and the tables an onlooker cannot tell from the published one are the true
 * table plus a vector that keeps every line's sum at zero and touches only suppressed
 * cells.  Such vectors are sums of alternating cycles: +t, -t, +t, ... on suppressed
 * cells, each step moving along a row then along a column.  A suppressed cell on no cycle
 * (a bridge) is fixed by the totals whatever the values; a cell on a cycle may still be
 * pinned by what the marks tell (a cell shown "<5" is 1 to 4, so two 1s that make a
 * published 2 are both recovered).  So a cell counts as protected when a cycle through it
 * moves by some t with every cell on it staying within its mark.  Guidance: the ONS
 * "Statistical disclosure control methods" (secondary suppression "so that the suppressed
 * cells cannot be derived from totals") and the GSS/Analysis Function symbols: "[c]"
 * confidential, "[low]" or "<5" a small count.
 */
#include "internal.h"

#include "policy/sdc.h"

#include <stdio.h>
#include <string.h>

#define MAX_STEP  10      /* the largest move tried along a cycle */
#define NODE_CAP  200000u /* cycle-search steps per cell before it counts as unprotected */
#define SMALL_MAX 4       /* primary suppression: 1..SMALL_MAX */

void
aci_sdc_totals(struct aci_sdc_table *t)
{
    size_t r, c, nr = t->n_rows, nc = t->n_cols;

    memset(t->mark, 0, (nr + 1) * (nc + 1));
    for (r = 0; r <= nr; r++) {
        t->v[aci_sdc_at(t, r, nc)] = 0;
    }
    for (c = 0; c < nc; c++) {
        t->v[aci_sdc_at(t, nr, c)] = 0;
    }
    for (r = 0; r < nr; r++) {
        for (c = 0; c < nc; c++) {
            int64_t x = t->v[aci_sdc_at(t, r, c)];

            t->v[aci_sdc_at(t, r, nc)] += x;
            t->v[aci_sdc_at(t, nr, c)] += x;
            t->v[aci_sdc_at(t, nr, nc)] += x;
        }
    }
}

static bool
within_mark(unsigned char mark, int64_t x)
{
    if (mark == ACI_SDC_PRIMARY) {
        return x >= 1 && x <= SMALL_MAX;
    }
    return x == 0 || x > SMALL_MAX; /* a withheld cell is not small, or it would be "<5" */
}

struct search {
    const struct aci_sdc_table *t;
    size_t start_row;   /* the row the cycle must return to */
    size_t path[64];    /* grid indexes; even positions move +t, odd -t */
    size_t n_path;      /* cells on the path */
    bool used_row[32];  /* rows the path has passed through */
    bool used_col[32];  /* columns likewise */
    unsigned long left; /* steps left before giving up */
};

/* +1 for an interior cell and the grand total, -1 for a margin: the negated grid. */
static int
grid_sign(const struct aci_sdc_table *t, size_t i)
{
    bool last_row = i / (t->n_cols + 1) == t->n_rows, last_col = i % (t->n_cols + 1) == t->n_cols;

    return last_row != last_col ? -1 : 1;
}

static bool
cycle_moves(const struct search *s)
{
    for (int64_t step = 1; step <= MAX_STEP; step++) {
        for (int dir = -1; dir <= 1; dir += 2) {
            bool ok = true;

            for (size_t k = 0; k < s->n_path && ok; k++) {
                size_t i = s->path[k];
                int64_t move = (k % 2 == 0 ? 1 : -1) * grid_sign(s->t, i) * dir * step;

                ok = within_mark(s->t->mark[i], s->t->v[i] + move);
            }
            if (ok) {
                return true;
            }
        }
    }
    return false;
}

/* The path ends with a +t cell in column COL: go down that column to a suppressed cell
 * (-t), then, unless it closes the cycle, along its row to another (+t). */
static bool
extend(struct search *s, size_t col)
{
    const struct aci_sdc_table *t = s->t;
    size_t nr = t->n_rows + 1, nc = t->n_cols + 1;

    for (size_t r = 0; r < nr; r++) {
        size_t i = r * nc + col;

        if (t->mark[i] == ACI_SDC_SHOWN || s->left == 0 || s->n_path + 2 > 64) {
            continue;
        }
        s->left--;
        if (r == s->start_row) {
            if (s->n_path >= 3) {
                s->path[s->n_path++] = i;
                bool moved = cycle_moves(s);
                s->n_path--;
                if (moved) {
                    return true;
                }
            }
            continue;
        }
        if (s->used_row[r]) {
            continue;
        }
        s->used_row[r] = true;
        s->path[s->n_path++] = i;
        for (size_t c = 0; c < nc; c++) {
            size_t j = r * nc + c;

            if (c == col || s->used_col[c] || t->mark[j] == ACI_SDC_SHOWN) {
                continue;
            }
            s->used_col[c] = true;
            s->path[s->n_path++] = j;
            bool found = extend(s, c);
            s->n_path--;
            s->used_col[c] = false;
            if (found) {
                return true;
            }
        }
        s->n_path--;
        s->used_row[r] = false;
    }
    return false;
}

bool
aci_sdc_protected(const struct aci_sdc_table *t, size_t i)
{
    struct search s;
    size_t nc = t->n_cols + 1;

    if (t->mark[i] == ACI_SDC_SHOWN) {
        return false;
    }
    if (t->v[i] == 0) {
        return true; /* a zero is shown where it is not withheld: nothing to protect */
    }
    if (t->n_rows + 1 > 32 || nc > 32) {
        return false; /* too wide to search: the caller suppresses more */
    }
    memset(&s, 0, sizeof s);
    s.t = t;
    s.start_row = i / nc;
    s.used_row[s.start_row] = true;
    s.used_col[i % nc] = true;
    s.path[0] = i;
    s.n_path = 1;
    s.left = NODE_CAP;
    return extend(&s, i % nc);
}

/* Rank of an unsuppressed cell as a complement: interior before margins, then the
 * smallest count, zeros last (a zero can only move to 5 or more, which no small cell
 * beside it can match). */
static uint64_t
complement_rank(const struct aci_sdc_table *t, size_t i)
{
    size_t nc = t->n_cols + 1;
    bool margin = i / nc == t->n_rows || i % nc == t->n_cols;
    uint64_t v = (uint64_t)t->v[i];

    return ((uint64_t)margin << 62) | ((uint64_t)(v == 0) << 61) | (v & ((1ull << 60) - 1));
}

/* Suppress the best complement among the cells of one line (STEP 1 along a row, the row
 * length along a column) starting at FIRST; false when every cell of it is suppressed. */
static bool
suppress_in_line(struct aci_sdc_table *t, size_t first, size_t n, size_t step)
{
    size_t best = SIZE_MAX;

    for (size_t k = 0; k < n; k++) {
        size_t i = first + k * step;

        if (t->mark[i] == ACI_SDC_SHOWN &&
            (best == SIZE_MAX || complement_rank(t, i) < complement_rank(t, best))) {
            best = i;
        }
    }
    if (best != SIZE_MAX) {
        t->mark[best] = ACI_SDC_SECONDARY;
    }
    return best != SIZE_MAX;
}

static size_t
count_marked(const struct aci_sdc_table *t, size_t first, size_t n, size_t step)
{
    size_t m = 0;

    for (size_t k = 0; k < n; k++) {
        m += t->mark[first + k * step] != ACI_SDC_SHOWN;
    }
    return m;
}

/* Every line with one suppressed cell gets a second; true when a cell was added. */
static bool
pair_lines(struct aci_sdc_table *t)
{
    size_t nr = t->n_rows + 1, nc = t->n_cols + 1;
    bool added = false;

    for (size_t r = 0; r < nr; r++) {
        if (count_marked(t, r * nc, nc, 1) == 1) {
            added |= suppress_in_line(t, r * nc, nc, 1);
        }
    }
    for (size_t c = 0; c < nc; c++) {
        if (count_marked(t, c, nr, nc) == 1) {
            added |= suppress_in_line(t, c, nr, nc);
        }
    }
    return added;
}

/* One more cell for the first unprotected suppressed cell: in its row, else its column,
 * else anywhere.  False when none is unprotected or nothing is left to suppress. */
static bool
protect_one(struct aci_sdc_table *t)
{
    size_t nr = t->n_rows + 1, nc = t->n_cols + 1;

    for (size_t i = 0; i < nr * nc; i++) {
        if (t->mark[i] == ACI_SDC_SHOWN || aci_sdc_protected(t, i)) {
            continue;
        }
        return suppress_in_line(t, (i / nc) * nc, nc, 1) || suppress_in_line(t, i % nc, nr, nc) ||
               suppress_in_line(t, 0, nr * nc, 1);
    }
    return false;
}

void
aci_sdc_protect(struct aci_sdc_table *t)
{
    size_t n = (t->n_rows + 1) * (t->n_cols + 1);

    for (size_t i = 0; i < n; i++) {
        t->mark[i] = t->v[i] >= 1 && t->v[i] <= SMALL_MAX ? ACI_SDC_PRIMARY : ACI_SDC_SHOWN;
    }
    while (pair_lines(t) || protect_one(t)) {
        /* each pass suppresses at least one more cell, so this ends */
    }
}

int64_t
aci_sdc_round5(int64_t v)
{
    return (v + 2) / 5 * 5;
}

const char *
aci_sdc_text(const struct aci_sdc_table *t, size_t i, bool round, char *buf)
{
    if (t->mark[i] == ACI_SDC_PRIMARY) {
        return "<5";
    }
    if (t->mark[i] == ACI_SDC_SECONDARY) {
        return "[c]";
    }
    snprintf(buf, 24, "%lld", (long long)(round ? aci_sdc_round5(t->v[i]) : t->v[i]));
    return buf;
}
