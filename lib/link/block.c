/* SPDX-License-Identifier: Apache-2.0
 *
 * block.c - blocking: only pairs that agree on at least one rule's key are compared.
 * Each rule's key is hashed per record; records are sorted by key, and pairs are made
 * within each key group.  A pair that an earlier rule already made is skipped, so the
 * union has no duplicates and nothing is stored: pairs stream to the caller.  Before
 * any pair is made, the pairs each rule would add are counted against the bound.
 *
 * Adaptive blocking (issue 18): a key group of more records than the block bound is not
 * compared all against all (its pairs grow with the square of the data), nor is the run
 * refused; its records are sorted by their names (family, given, date of birth) and each
 * is compared with the next WINDOW of them (sorted neighbourhood), so a split block
 * brings pairs in proportion to its records.  The bound on candidate pairs stays as the
 * safety net; the blocks split are counted per rule for the report.
 */
#include "internal.h"

#include "link/link_int.h"

const char *const aci_block_rule_names[ACI_BLOCK_RULES] = {
    "family name sound + birth year",
    "given name sound + date of birth",
    "postcode + birth year",
    "identifier",
    "both names (or a nickname), in either order",
    "date of birth",
    "both names' sounds, in either order",
    "postcode + family name sound",
    "given name + birth year",
    "email",
    /* complementary rules for records without a date of birth (issue 18): on Splink's
     * historical_50k 30.5% of the true pairs agreed on none of the rules above, 82% of
     * them with a date of birth missing on one side */
    "family name sound + town",
    "given name sound + town",
    "given initial + family name",
};

static uint64_t
mix(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    }
    return (h ^ 0xff) * 0x100000001b3ull; /* a separator between parts */
}

#define USES(c) (1u << (c))
#define NAMES   (USES(ACI_CMP_GIVEN) | USES(ACI_CMP_FAMILY) | USES(ACI_CMP_FULL))
const unsigned aci_block_rule_uses[ACI_BLOCK_RULES] = {
    USES(ACI_CMP_FAMILY) | USES(ACI_CMP_FULL) | USES(ACI_CMP_DOB),
    USES(ACI_CMP_GIVEN) | USES(ACI_CMP_FULL) | USES(ACI_CMP_DOB),
    USES(ACI_CMP_POSTCODE) | USES(ACI_CMP_DOB),
    USES(ACI_CMP_IDENT),
    NAMES,
    USES(ACI_CMP_DOB),
    NAMES,
    USES(ACI_CMP_POSTCODE) | USES(ACI_CMP_FAMILY) | USES(ACI_CMP_FULL),
    USES(ACI_CMP_GIVEN) | USES(ACI_CMP_FULL) | USES(ACI_CMP_DOB),
    USES(ACI_CMP_EMAIL),
    USES(ACI_CMP_FAMILY) | USES(ACI_CMP_FULL) | USES(ACI_CMP_TOWN),
    USES(ACI_CMP_GIVEN) | USES(ACI_CMP_FULL) | USES(ACI_CMP_TOWN),
    NAMES, /* the initial agrees too: its pairs would overstate the given name's m */
};

uint64_t
aci_lk_block_key(const ac_linkage *lk, int r, const struct aci_rec *x)
{
    uint64_t h = 0xcbf29ce484222325ull;
    char sa[5], sb[5], group[16];
    const char *g = x->block_given, *f = x->block_family;

    switch (r) {
    case 0:
        aci_soundex(f, sa);
        if (sa[0] == '\0' || x->dob.precision == AC_DATE_NONE) {
            return 0;
        }
        h = mix(mix(h, sa, 4), (const char *)&x->dob.year, sizeof x->dob.year);
        break;
    case 1:
        aci_soundex(g, sa);
        if (sa[0] == '\0' || x->dob_text[0] == '\0') {
            return 0;
        }
        h = mix(mix(h, sa, 4), x->dob_text, 8);
        break;
    case 2:
        if (x->pc[0] == '\0' || x->dob.precision == AC_DATE_NONE) {
            return 0;
        }
        h = mix(mix(h, x->pc, strlen(x->pc)), (const char *)&x->dob.year, sizeof x->dob.year);
        break;
    case 3:
        if (x->ident == NULL) {
            return 0;
        }
        h = mix(h, x->ident, x->ident_len);
        break;
    case 4:
        if (g == NULL || f == NULL) {
            return 0;
        }
        if (x->given_nvar > 0) { /* a nickname meets its full name: William, Bill, Billy */
            snprintf(group, sizeof group, "#%u", lk->variants.groups[x->given_var]);
            g = group;
        }
        if (strcmp(g, f) > 0) { /* either order: swapped names meet */
            const char *t = g;

            g = f;
            f = t;
        }
        h = mix(mix(h, g, strlen(g)), f, strlen(f));
        break;
    case 5:
        if (x->dob_text[0] == '\0') {
            return 0;
        }
        h = mix(h, x->dob_text, 8);
        break;
    case 7:
        aci_soundex(f, sa);
        if (x->pc[0] == '\0' || sa[0] == '\0') {
            return 0;
        }
        h = mix(mix(h, x->pc, strlen(x->pc)), sa, 4);
        break;
    case 8:
        if (g == NULL || x->dob.precision == AC_DATE_NONE) {
            return 0;
        }
        h = mix(mix(h, g, strlen(g)), (const char *)&x->dob.year, sizeof x->dob.year);
        break;
    case 9:
        if (x->email == NULL) {
            return 0;
        }
        h = mix(h, x->email, x->email_len);
        break;
    case 10:
    case 11:
        aci_soundex(r == 10 ? f : g, sa);
        if (x->town == NULL || sa[0] == '\0') {
            return 0;
        }
        h = mix(mix(h, sa, 4), x->town, x->town_len);
        break;
    case 12:
        if (g == NULL || f == NULL || g[0] == '\0') {
            return 0;
        }
        h = mix(mix(h, g, 1), f, strlen(f));
        break;
    default:
        aci_soundex(f, sa);
        aci_soundex(g, sb);
        if (sa[0] == '\0' || sb[0] == '\0') {
            return 0;
        }
        if (memcmp(sa, sb, 4) > 0) {
            h = mix(mix(h, sb, 4), sa, 4);
        } else {
            h = mix(mix(h, sa, 4), sb, 4);
        }
        break;
    }
    return h != 0 ? h : 1;
}

struct slot {
    uint64_t key;
    uint32_t index;
    uint8_t side;
};

static int
cmp_slot(const void *x, const void *y)
{
    const struct slot *a = x, *b = y;

    if (a->key != b->key) {
        return a->key < b->key ? -1 : 1;
    }
    if (a->side != b->side) {
        return a->side - b->side;
    }
    return (a->index > b->index) - (a->index < b->index);
}

struct blocking {
    const ac_linkage *lk;
    uint64_t done, total; /* pairs made so far, and the most there can be, for progress */
    uint64_t *keys[ACI_BLOCK_RULES][2]; /* keys[r][side][i] */
    /* pos[r][side][i]: the record's rank in its split block under rule r (sorted
     * neighbourhood), UINT32_MAX when its block is whole; NULL when rule r split none */
    uint32_t *pos[ACI_BLOCK_RULES][2];
    uint64_t splits[ACI_BLOCK_RULES]; /* blocks split per rule */
    size_t block_max, window;         /* the level chosen */
    struct slot *slots, *group;
    uint64_t *order; /* a record's sort key within a split block, per slot of the group */
    bool oom;
};

/* Sort key of a record inside a split block: its family name's first five letters, its
 * given name's first three, so the neighbours are the records of the nearest names. */
static uint64_t
name_order(const struct aci_rec *x)
{
    uint64_t k = 0;
    const char *f = x->block_family != NULL ? x->block_family : "";
    const char *g = x->block_given != NULL ? x->block_given : "";

    for (int i = 0; i < 5; i++) {
        k = k << 8 | (unsigned char)*f;
        f += *f != '\0';
    }
    for (int i = 0; i < 3; i++) {
        k = k << 8 | (unsigned char)*g;
        g += *g != '\0';
    }
    return k;
}

struct ordered {
    uint64_t order;
    struct slot slot;
};

static int
cmp_ordered(const void *x, const void *y)
{
    const struct ordered *a = x, *b = y;

    if (a->order != b->order) {
        return a->order < b->order ? -1 : 1;
    }
    if (a->slot.side != b->slot.side) {
        return a->slot.side - b->slot.side;
    }
    return (a->slot.index > b->slot.index) - (a->slot.index < b->slot.index);
}

/* Did a rule before R already make the pair (L on side 0, X on side S)? */
static bool
made_before(const struct blocking *b, int r, uint32_t l, int s, uint32_t x)
{
    for (int q = 0; q < r; q++) {
        uint64_t k = b->keys[q][0][l];

        if (k != 0 && k == b->keys[q][s][x]) {
            const uint32_t *pl = b->pos[q][0], *px = b->pos[q][s];
            uint32_t d;

            if (pl == NULL || pl[l] == UINT32_MAX) {
                return true; /* a whole block: rule q made every pair in it */
            }
            d = pl[l] > px[x] ? pl[l] - px[x] : px[x] - pl[l];
            if (d <= b->window) {
                return true; /* neighbours in rule q's split block */
            }
        }
    }
    return false;
}

/* Rule R's block of slots [I, J) is over the bound: sort it by names, rank its records
 * (for made_before of the later rules), then make the pairs of records at most WINDOW
 * ranks apart on opposite sides (dedupe: any two). */
static uint64_t
run_split(struct blocking *b,
          int r,
          size_t i,
          size_t j,
          bool whole,
          aci_pair_fn fn,
          void *ctx,
          bool *stopped)
{
    const ac_linkage *lk = b->lk;
    int right = ACI_RIGHT_SIDE(lk);
    struct ordered *o = (struct ordered *)(void *)b->group;
    size_t m = j - i;
    uint64_t made = 0;

    for (size_t k = 0; k < m; k++) {
        const struct slot *sl = &b->slots[i + k];

        o[k] = (struct ordered){ name_order(&lk->recs[sl->side][sl->index]), *sl };
    }
    qsort(o, m, sizeof *o, cmp_ordered);
    {
        for (int s = 0; s <= right; s++) {
            if (b->pos[r][s] == NULL) {
                b->pos[r][s] = aci_malloc((lk->n[s] + 1) * sizeof *b->pos[r][s]);
                if (b->pos[r][s] == NULL) {
                    b->oom = true;
                    *stopped = true;
                    return 0;
                }
                memset(b->pos[r][s], 0xff, (lk->n[s] + 1) * sizeof *b->pos[r][s]);
            }
        }
        if (right == 0) {
            b->pos[r][1] = b->pos[r][0];
        }
        for (size_t k = 0; k < m; k++) {
            b->pos[r][o[k].slot.side][o[k].slot.index] = (uint32_t)k;
        }
        b->splits[r]++;
    }
    for (size_t x = 0; x < m && !*stopped; x++) {
        size_t from = lk->dedupe ? x + 1 : (x > b->window ? x - b->window : 0);
        size_t to = x + b->window < m - 1 ? x + b->window : m - 1;

        if (!lk->dedupe && o[x].slot.side != 0) {
            continue;
        }
        for (size_t y = from; y <= to && y < m; y++) {
            if (y == x || (!lk->dedupe && o[y].slot.side != 1)) {
                continue;
            }
            uint32_t l = o[x].slot.index, p = o[y].slot.index;

            if (lk->dedupe && l > p) { /* the smaller index first, as in a whole block */
                l = p;
                p = o[x].slot.index;
            }
            if (!whole && made_before(b, r, l, right, p)) {
                continue;
            }
            made++;
            if (++b->done % (1u << 20) == 0 && lk->progress != NULL) {
                lk->progress(lk->progress_ctx, lk->stage, b->done, b->total);
            }
            if (fn(ctx, r, l, p) != 0) {
                *stopped = true;
                break;
            }
        }
    }
    return made;
}

/* The block bounds adaptive blocking tries, loosest first, and the window of each: the
 * loosest whose pairs fit the bound on candidate pairs is taken, so data that fits is
 * blocked exactly as before and only a run that would not fit is split. */
#define N_LEVELS 7
static const size_t level_max[N_LEVELS] = { SIZE_MAX, 5000, 2000, 1000, 500, 200, 100 };
static const size_t level_window[N_LEVELS] = { 0, 100, 100, 100, 50, 20, 10 };

/* Pairs of a block of M0 records on side 0 and M1 on side 1 (dedupe: M0 records) under
 * block bound MAX and window W (for a link, an upper bound when split). */
static uint64_t
block_pairs(bool dedupe, uint64_t m0, uint64_t m1, size_t max, uint64_t w)
{
    uint64_t m = dedupe ? m0 : m0 + m1;

    if (m <= max) {
        return dedupe ? m0 * (m0 - (m0 > 0)) / 2 : m0 * m1;
    }
    if (dedupe) {
        return m - 1 <= w ? m * (m - 1) / 2 : w * (m - w) + w * (w - 1) / 2;
    }
    return m0 * (m1 < 2 * w ? m1 : 2 * w);
}

/* Sort rule R's slots and count its pairs under each level (LEVELS[k], for N levels). */
static void
count_rule(struct blocking *b,
           int r,
           const size_t *maxes,
           const size_t *windows,
           int nl,
           uint64_t *levels)
{
    const ac_linkage *lk = b->lk;
    int right = ACI_RIGHT_SIDE(lk);
    size_t n = 0;

    for (int s = 0; s <= right; s++) {
        for (uint32_t i = 0; i < lk->n[s]; i++) {
            if (b->keys[r][s][i] != 0) {
                b->slots[n++] = (struct slot){ b->keys[r][s][i], i, (uint8_t)s };
            }
        }
    }
    qsort(b->slots, n, sizeof *b->slots, cmp_slot);
    for (size_t i = 0; i < n;) {
        size_t j = i, mid;

        while (j < n && b->slots[j].key == b->slots[i].key) {
            j++;
        }
        mid = i;
        while (mid < j && b->slots[mid].side == 0) {
            mid++;
        }
        for (int k = 0; k < nl; k++) {
            levels[k] += block_pairs(lk->dedupe, lk->dedupe ? j - i : mid - i, j - mid, maxes[k],
                                     windows[k]);
        }
        i = j;
    }
}

/* Sort rule R's slots; make its pairs. */
static uint64_t
run_rule(struct blocking *b, int r, bool whole, aci_pair_fn fn, void *ctx, bool *stopped)
{
    const ac_linkage *lk = b->lk;
    int right = ACI_RIGHT_SIDE(lk);
    uint64_t made = 0;
    size_t n = 0;

    for (int s = 0; s <= right; s++) {
        for (uint32_t i = 0; i < lk->n[s]; i++) {
            if (b->keys[r][s][i] != 0) {
                b->slots[n++] = (struct slot){ b->keys[r][s][i], i, (uint8_t)s };
            }
        }
    }
    qsort(b->slots, n, sizeof *b->slots, cmp_slot);
    for (size_t i = 0; i < n && !*stopped;) {
        size_t j = i, mid;

        while (j < n && b->slots[j].key == b->slots[i].key) {
            j++;
        }
        if (j - i > b->block_max) {
            made += run_split(b, r, i, j, whole, fn, ctx, stopped);
            i = j;
            continue;
        }
        mid = i;
        while (mid < j && b->slots[mid].side == 0) {
            mid++;
        }
        for (size_t x = i; x < (lk->dedupe ? j : mid) && !*stopped; x++) {
            for (size_t y = lk->dedupe ? x + 1 : mid; y < j; y++) {
                if (!whole && made_before(b, r, b->slots[x].index, right, b->slots[y].index)) {
                    continue;
                }
                made++;
                if (++b->done % (1u << 20) == 0 && lk->progress != NULL) {
                    lk->progress(lk->progress_ctx, lk->stage, b->done, b->total);
                }
                if (fn(ctx, r, b->slots[x].index, b->slots[y].index) != 0) {
                    *stopped = true;
                    break;
                }
            }
        }
        i = j;
    }
    return made;
}

ac_code
aci_lk_block(const ac_linkage *lk,
             bool each_rule_whole,
             aci_pair_fn fn,
             void *ctx,
             uint64_t counts[ACI_BLOCK_RULES],
             uint64_t splits[ACI_BLOCK_RULES],
             ac_error *err)
{
    struct blocking b;
    int right = ACI_RIGHT_SIDE(lk);
    uint64_t records = lk->n[0] + (lk->dedupe ? 0 : lk->n[1]);
    /* the default bound: 100 million candidate pairs, or 64 a record for a larger run */
    uint64_t bound = lk->max_pairs       ? lk->max_pairs
                     : records > 1562500 ? 64 * records
                                         : 100000000ull;
    uint64_t total = 0, levels[ACI_BLOCK_RULES][N_LEVELS];
    const size_t *maxes = level_max, *windows = level_window;
    size_t one_max, one_window;
    int nl = N_LEVELS, chosen = -1;
    bool stopped = false;
    ac_code rc = AC_OK;

    memset(&b, 0, sizeof b);
    b.lk = lk;
    memset(levels, 0, sizeof levels);
    if (lk->block_max != 0) { /* a bound set: that one only */
        one_max = lk->block_max;
        one_window = lk->block_window ? lk->block_window : ACI_BLOCK_WINDOW;
        maxes = &one_max;
        windows = &one_window;
        nl = 1;
    }
    b.slots = aci_malloc((lk->n[0] + (lk->dedupe ? 0 : lk->n[1]) + 1) * sizeof *b.slots);
    b.group = aci_malloc((lk->n[0] + (lk->dedupe ? 0 : lk->n[1]) + 1) * sizeof(struct ordered));
    if (b.group == NULL) {
        aci_free(b.slots);
        b.slots = NULL;
    }
    for (int r = 0; r < ACI_BLOCK_RULES && b.slots != NULL; r++) {
        for (int s = 0; s <= right; s++) {
            b.keys[r][s] = aci_malloc((lk->n[s] + 1) * sizeof *b.keys[r][s]);
            if (b.keys[r][s] == NULL) {
                rc = aci_fail(err, AC_ENOMEM, "out of memory blocking");
                break;
            }
            for (size_t i = 0; i < lk->n[s]; i++) {
                b.keys[r][s][i] =
                    lk->rules_off & (1u << r) ? 0 : aci_lk_block_key(lk, r, &lk->recs[s][i]);
            }
        }
        if (right == 0) {
            b.keys[r][1] = b.keys[r][0];
        }
    }
    if (b.slots == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory blocking");
    }
    for (int r = 0; rc == AC_OK && r < ACI_BLOCK_RULES; r++) {
        count_rule(&b, r, maxes, windows, nl, levels[r]);
    }
    for (int k = 0; rc == AC_OK && k < nl && chosen < 0; k++) {
        total = 0;
        for (int r = 0; r < ACI_BLOCK_RULES; r++) {
            total += levels[r][k];
        }
        chosen = total <= bound ? k : -1;
    }
    if (rc == AC_OK && chosen < 0) { /* even the tightest level is over: name the rule */
        total = 0;
        for (int r = 0; r < ACI_BLOCK_RULES && rc == AC_OK; r++) {
            total += levels[r][nl - 1];
            if (total > bound) {
                rc = aci_fail(err, AC_ENOMEM,
                              "blocking rule '%s' would bring the candidate pairs to %llu, over "
                              "the bound of %llu, even with blocks of over %zu records compared "
                              "by sorted neighbourhood: raise it (--max-pairs) or make the "
                              "data's keys more specific (a postcode or a date of birth on more "
                              "records)",
                              aci_block_rule_names[r], (unsigned long long)total,
                              (unsigned long long)bound, maxes[nl - 1]);
            }
        }
    }
    if (rc == AC_OK) {
        b.block_max = maxes[chosen];
        b.window = windows[chosen];
    }
    b.total = total;
    for (int r = 0; rc == AC_OK && r < ACI_BLOCK_RULES && !stopped; r++) {
        counts[r] = run_rule(&b, r, each_rule_whole, fn, ctx, &stopped);
    }
    if (rc == AC_OK && b.oom) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory blocking");
    }
    if (rc == AC_OK && lk->progress != NULL) {
        lk->progress(lk->progress_ctx, lk->stage, b.done, b.done);
    }
    if (splits != NULL) {
        memcpy(splits, b.splits, sizeof b.splits);
    }
    for (int r = 0; r < ACI_BLOCK_RULES; r++) {
        aci_free(b.keys[r][0]);
        aci_free(b.pos[r][0]);
        if (right == 1) {
            aci_free(b.keys[r][1]);
            aci_free(b.pos[r][1]);
        }
    }
    aci_free(b.slots);
    aci_free(b.group);
    return rc;
}
