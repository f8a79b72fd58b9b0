/* SPDX-License-Identifier: Apache-2.0
 *
 * test_policy_sdc.c - small-number suppression (lib/policy/sdc.c).  The central test
 * publishes tables with cells of 1 to 4 and then plays the onlooker: it enumerates every
 * table consistent with what was published (the shown cells and totals, "<5" meaning 1 to
 * 4, "[c]" meaning 0 or 5 and more) and checks that each suppressed number takes at least
 * two values among them, so none can be recovered (a withheld zero may be pinned: zeros
 * are published anyway).  The enumeration is exhaustive within
 * the published totals (a solution found there is one the onlooker cannot rule out), so
 * no linear programming is needed for the 3 x 3 and 3 x 4 tables used.
 */
#include "support.h"

#include <string.h>

#include "policy/sdc.h"

#define MAX_R 4
#define MAX_C 5

struct grid {
    struct aci_sdc_table t;
    int64_t v[(MAX_R + 1) * (MAX_C + 1)];
    unsigned char mark[(MAX_R + 1) * (MAX_C + 1)];
};

static void
grid_init(struct grid *g, size_t nr, size_t nc, const int64_t *cells)
{
    memset(g, 0, sizeof *g);
    g->t.n_rows = nr;
    g->t.n_cols = nc;
    g->t.v = g->v;
    g->t.mark = g->mark;
    for (size_t r = 0; r < nr; r++) {
        for (size_t c = 0; c < nc; c++) {
            g->v[aci_sdc_at(&g->t, r, c)] = cells[r * nc + c];
        }
    }
    aci_sdc_totals(&g->t);
}

/* ---- the onlooker ---- */

struct onlooker {
    const struct aci_sdc_table *t;
    int64_t x[(MAX_R + 1) * (MAX_C + 1)]; /* the candidate table */
    unsigned long nodes;                  /* steps taken; capped */
    size_t target;                        /* the number whose other value is sought */
    bool found;                           /* a table with it at another value exists */
};

static bool
fits(unsigned char mark, int64_t x)
{
    return mark == ACI_SDC_PRIMARY ? x >= 1 && x <= 4 : x == 0 || x >= 5;
}

/* What the onlooker knows bounds a cell: the published totals of its row and column
 * (and the grand total).  Where all are withheld the true grand total bounds the search,
 * which only narrows it: every solution found is still one the onlooker must allow. */
static int64_t
bound(const struct aci_sdc_table *t, size_t r, size_t c)
{
    size_t rt = aci_sdc_at(t, r, t->n_cols), ct = aci_sdc_at(t, t->n_rows, c);
    int64_t b = t->v[aci_sdc_at(t, t->n_rows, t->n_cols)];

    if (t->mark[rt] == ACI_SDC_SHOWN && t->v[rt] < b) {
        b = t->v[rt];
    }
    if (t->mark[ct] == ACI_SDC_SHOWN && t->v[ct] < b) {
        b = t->v[ct];
    }
    return b;
}

/* A complete interior: the margins follow; every published one must match and every
 * withheld one fit its mark.  Then note the value of each suppressed number. */
static void
check_complete(struct onlooker *o)
{
    const struct aci_sdc_table *t = o->t;
    size_t nr = t->n_rows, nc = t->n_cols;
    int64_t grand = 0;

    for (size_t r = 0; r <= nr; r++) {
        o->x[aci_sdc_at(t, r, nc)] = 0;
    }
    for (size_t c = 0; c < nc; c++) {
        o->x[aci_sdc_at(t, nr, c)] = 0;
    }
    for (size_t r = 0; r < nr; r++) {
        for (size_t c = 0; c < nc; c++) {
            int64_t v = o->x[aci_sdc_at(t, r, c)];

            o->x[aci_sdc_at(t, r, nc)] += v;
            o->x[aci_sdc_at(t, nr, c)] += v;
            grand += v;
        }
    }
    o->x[aci_sdc_at(t, nr, nc)] = grand;
    for (size_t i = 0; i < (nr + 1) * (nc + 1); i++) {
        if (t->mark[i] == ACI_SDC_SHOWN ? o->x[i] != t->v[i] : !fits(t->mark[i], o->x[i])) {
            return;
        }
    }
    o->found = o->x[o->target] != t->v[o->target]; /* the target's truth is never tried */
}

/* Whether interior cells after row R (or after column C, when R is SIZE_MAX) in line
 * LINE are all shown: then the current cell is the last withheld one of that line. */
static bool
last_withheld(const struct aci_sdc_table *t, size_t r, size_t c, bool along_row)
{
    if (along_row) {
        for (size_t c2 = c + 1; c2 < t->n_cols; c2++) {
            if (t->mark[aci_sdc_at(t, r, c2)] != ACI_SDC_SHOWN) {
                return false;
            }
        }
        return true;
    }
    for (size_t r2 = r + 1; r2 < t->n_rows; r2++) {
        if (t->mark[aci_sdc_at(t, r2, c)] != ACI_SDC_SHOWN) {
            return false;
        }
    }
    return true;
}

/* What the rest of a line must hold for a published total: the total less the cells
 * assigned or shown, other than (R, C). */
static int64_t
line_rest(const struct onlooker *o, size_t r, size_t c, bool along_row)
{
    const struct aci_sdc_table *t = o->t;
    size_t n = along_row ? t->n_cols : t->n_rows;
    int64_t rest =
        along_row ? t->v[aci_sdc_at(t, r, t->n_cols)] : t->v[aci_sdc_at(t, t->n_rows, c)];

    for (size_t k = 0; k < n; k++) {
        size_t rr = along_row ? r : k, cc = along_row ? k : c;
        bool before = along_row ? cc < c : rr < r;

        if (rr == r && cc == c) {
            continue;
        }
        size_t j = aci_sdc_at(t, rr, cc);

        rest -= before ? o->x[j] : t->mark[j] == ACI_SDC_SHOWN ? t->v[j] : 0;
    }
    return rest;
}

static void enumerate(struct onlooker *o, size_t k);

static void
try_value(struct onlooker *o, size_t k, int64_t v)
{
    const struct aci_sdc_table *t = o->t;
    size_t r = k / t->n_cols, c = k % t->n_cols;
    size_t rt = aci_sdc_at(t, r, t->n_cols), ct = aci_sdc_at(t, t->n_rows, c);

    if (!fits(t->mark[aci_sdc_at(t, r, c)], v) ||
        (aci_sdc_at(t, r, c) == o->target && v == t->v[o->target])) {
        return;
    }
    /* cells are never negative: a published total caps what is assigned so far */
    if ((t->mark[rt] == ACI_SDC_SHOWN && line_rest(o, r, c, true) < v) ||
        (t->mark[ct] == ACI_SDC_SHOWN && line_rest(o, r, c, false) < v)) {
        return;
    }
    o->x[aci_sdc_at(t, r, c)] = v;
    enumerate(o, k + 1);
}

/* Assign the interior cells from K on (row-major).  A suppressed cell that is the last
 * withheld one of a line with a published total is worked out, as the onlooker would. */
static void
enumerate(struct onlooker *o, size_t k)
{
    const struct aci_sdc_table *t = o->t;
    size_t nc = t->n_cols, r = k / nc, c = k % nc, i;

    if (o->found || ++o->nodes > 50000000ul) {
        return;
    }
    if (k == t->n_rows * nc) {
        check_complete(o);
        return;
    }
    i = aci_sdc_at(t, r, c);
    if (t->mark[i] == ACI_SDC_SHOWN) {
        o->x[i] = t->v[i];
        enumerate(o, k + 1);
        return;
    }
    if (last_withheld(t, r, c, true) && t->mark[aci_sdc_at(t, r, nc)] == ACI_SDC_SHOWN) {
        try_value(o, k, line_rest(o, r, c, true));
        return;
    }
    if (last_withheld(t, r, c, false) && t->mark[aci_sdc_at(t, t->n_rows, c)] == ACI_SDC_SHOWN) {
        try_value(o, k, line_rest(o, r, c, false));
        return;
    }
    /* values near the truth first: another table, when there is one, is usually a small
     * move away, and the search stops at the first */
    int64_t b = bound(t, r, c), truth = t->v[i];
    for (int64_t d = 0; d <= b; d++) {
        if (truth + d <= b) {
            try_value(o, k, truth + d);
        }
        if (d > 0 && truth - d >= 0) {
            try_value(o, k, truth - d);
        }
    }
}

/* The number of suppressed numbers the onlooker pins to one value (0: none recovered).
 * For each withheld non-zero number, look for a table consistent with everything
 * published in which it has another value: finding one proves it is not recovered; not
 * finding one, after an exhaustive search, proves it is. */
static size_t
recovered(const struct aci_sdc_table *t)
{
    size_t n = 0;

    for (size_t i = 0; i < (t->n_rows + 1) * (t->n_cols + 1); i++) {
        struct onlooker o;

        /* a withheld zero may be pinned (a "[c]" in a table whose total is "<5" can only
         * be 0): zeros are published anyway and name no one */
        if (t->mark[i] == ACI_SDC_SHOWN || t->v[i] == 0) {
            continue;
        }
        memset(&o, 0, sizeof o);
        o.t = t;
        o.target = i;
        enumerate(&o, 0);
        assert_true(o.found || o.nodes <= 50000000ul); /* else the search was exhaustive */
        n += !o.found;
    }
    return n;
}

/* ---- the tests ---- */

/* sdc: counts of 1 to 4 are shown as "<5", zeros and larger counts as counted, and
 * rounding takes every published number to the nearest 5 */
static void
sdc_small_counts_show_as_less_than_five(void **state)
{
    static const int64_t cells[] = { 3, 12, 40, 0, 13, 22 };
    struct grid g;
    char buf[24];

    (void)state;
    grid_init(&g, 2, 3, cells);
    aci_sdc_protect(&g.t);
    assert_string_equal(aci_sdc_text(&g.t, aci_sdc_at(&g.t, 0, 0), false, buf), "<5");
    assert_string_equal(aci_sdc_text(&g.t, aci_sdc_at(&g.t, 1, 0), false, buf), "0");
    assert_string_equal(aci_sdc_text(&g.t, aci_sdc_at(&g.t, 0, 2), false, buf), "40");
    assert_string_equal(aci_sdc_text(&g.t, aci_sdc_at(&g.t, 1, 2), false, buf), "22");
    assert_string_equal(aci_sdc_text(&g.t, aci_sdc_at(&g.t, 1, 2), true, buf), "20");
    assert_string_equal(aci_sdc_text(&g.t, aci_sdc_at(&g.t, 0, 2), true, buf), "40");
    assert_int_equal(aci_sdc_round5(2), 0);
    assert_int_equal(aci_sdc_round5(3), 5);
    assert_int_equal(aci_sdc_round5(13), 15);
    assert_int_equal(aci_sdc_round5(12), 10);
}

/* sdc: the complement chosen is the smallest unsuppressed cell of the line (12, not 40),
 * shown as "[c]", and every row and column with a suppressed cell has at least two */
static void
sdc_complement_is_the_smallest_cell(void **state)
{
    static const int64_t cells[] = { 3, 12, 40, 30, 13, 22, 25, 9, 31 };
    struct grid g;
    char buf[24];

    (void)state;
    grid_init(&g, 3, 3, cells);
    aci_sdc_protect(&g.t);
    assert_int_equal(g.mark[aci_sdc_at(&g.t, 0, 1)], ACI_SDC_SECONDARY);
    assert_int_equal(g.mark[aci_sdc_at(&g.t, 0, 2)], ACI_SDC_SHOWN);
    assert_string_equal(aci_sdc_text(&g.t, aci_sdc_at(&g.t, 0, 1), false, buf), "[c]");
    for (size_t r = 0; r <= 3; r++) {
        size_t n = 0;
        for (size_t c = 0; c <= 3; c++) {
            n += g.mark[aci_sdc_at(&g.t, r, c)] != ACI_SDC_SHOWN;
        }
        assert_true(n == 0 || n >= 2);
    }
    for (size_t c = 0; c <= 3; c++) {
        size_t n = 0;
        for (size_t r = 0; r <= 3; r++) {
            n += g.mark[aci_sdc_at(&g.t, r, c)] != ACI_SDC_SHOWN;
        }
        assert_true(n == 0 || n >= 2);
    }
    assert_int_equal(recovered(&g.t), 0);
}

/* sdc: the onlooker is not a straw man: with primary suppression only, a lone "<5" in a
 * row with a published total is recovered, and so are two 1s making a published 2 even
 * when each line has two suppressed cells */
static void
sdc_primary_suppression_alone_is_recovered(void **state)
{
    static const int64_t lone[] = { 3, 12, 40, 30, 13, 22, 25, 9, 31 };
    static const int64_t ones[] = { 1, 1, 6, 1, 1, 7, 8, 5, 9 };
    struct grid g;

    (void)state;
    grid_init(&g, 3, 3, lone);
    g.mark[aci_sdc_at(&g.t, 0, 0)] = ACI_SDC_PRIMARY;
    assert_true(recovered(&g.t) > 0);
    assert_false(aci_sdc_protected(&g.t, aci_sdc_at(&g.t, 0, 0)));

    grid_init(&g, 3, 3, ones);
    for (size_t r = 0; r < 2; r++) {
        for (size_t c = 0; c < 2; c++) {
            g.mark[aci_sdc_at(&g.t, r, c)] = ACI_SDC_PRIMARY;
        }
    }
    /* rows and columns total 2 plus published cells: each 1 must be 1 */
    assert_int_equal(recovered(&g.t), 4);
    assert_false(aci_sdc_protected(&g.t, aci_sdc_at(&g.t, 0, 0)));
    aci_sdc_protect(&g.t);
    assert_int_equal(recovered(&g.t), 0);
}

static void
assert_none_recovered(size_t nr, size_t nc, const int64_t *cells)
{
    struct grid g;

    grid_init(&g, nr, nc, cells);
    aci_sdc_protect(&g.t);
    for (size_t i = 0; i < (nr + 1) * (nc + 1); i++) {
        if (g.v[i] >= 1 && g.v[i] <= 4) {
            assert_int_equal(g.mark[i], ACI_SDC_PRIMARY); /* margins too */
        }
        if (g.mark[i] != ACI_SDC_SHOWN && g.v[i] > 0) {
            assert_true(aci_sdc_protected(&g.t, i));
        }
    }
    assert_int_equal(recovered(&g.t), 0);
}

/* sdc: hard tables (a lone small cell beside zeros, a small row total, several small
 * cells in a line, a table of small cells only) are published with no suppressed number
 * recoverable from the published cells and totals */
static void
sdc_no_suppressed_cell_is_recoverable(void **state)
{
    static const int64_t hard[][12] = {
        { 3, 0, 0, 0, 25, 17, 0, 9, 31, 6, 8, 5 },   /* a lone 3: its row total is 3 */
        { 1, 1, 20, 7, 1, 1, 30, 6, 17, 25, 31, 8 }, /* 1s whose sums are published */
        { 4, 2, 1, 3, 2, 4, 1, 1, 3, 2, 2, 4 },      /* small cells only */
        { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 },      /* a 2 and nothing else */
        { 12, 15, 9, 30, 2, 40, 11, 6, 7, 8, 13, 21 },
    };

    (void)state;
    for (size_t k = 0; k < sizeof hard / sizeof hard[0]; k++) {
        assert_none_recovered(3, 4, hard[k]);
    }
}

/* sdc: 120 tables drawn with a fixed seed, each with cells of 1 to 4, none recoverable */
static void
sdc_random_tables_none_recoverable(void **state)
{
    uint32_t seed = 20261203u;
    size_t n_small = 0;

    (void)state;
    for (int k = 0; k < 120; k++) {
        int64_t cells[9];

        for (size_t i = 0; i < 9; i++) {
            seed = seed * 1664525u + 1013904223u; /* Numerical Recipes' LCG */
            uint32_t x = seed >> 24;
            cells[i] = x < 64 ? 0 : x < 160 ? 1 + (x % 4) : 5 + (x % 5);
            n_small += cells[i] >= 1 && cells[i] <= 4;
        }
        assert_none_recovered(3, 3, cells);
    }
    assert_true(n_small > 120); /* the tables did have small cells */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sdc_small_counts_show_as_less_than_five),
        cmocka_unit_test(sdc_complement_is_the_smallest_cell),
        cmocka_unit_test(sdc_primary_suppression_alone_is_recovered),
        cmocka_unit_test(sdc_no_suppressed_cell_is_recoverable),
        cmocka_unit_test(sdc_random_tables_none_recoverable),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
