/* SPDX-License-Identifier: Apache-2.0
 *
 * levels.c - the comparisons: for each field, the level two records agree at (exact,
 * variant, close, ..., different), and the weight of a pair from its levels.  The
 * probe record's names are prepared once (bit-parallel Jaro-Winkler patterns) and reused
 * for every record it is compared with.
 */
#include "internal.h"

#include <math.h>

#include "link/link_int.h"

static const char *const name_levels[] = { "exact", "variant (or names swapped)",
                                           "jaro-winkler >= 0.92", "jaro-winkler >= 0.80",
                                           "different" };
static const char *const full_levels[] = { "same words", "jaro-winkler >= 0.92",
                                           "jaro-winkler >= 0.80", "different" };
static const char *const middle_levels[] = { "exact", "same initial", "different" };
static const char *const dob_levels[] = { "exact", "day and month swapped, or one digit",
                                          "same year", "within 5 years", "different" };
static const char *const postcode_levels[] = { "exact", "same sector (or one character)",
                                               "same district", "same area", "different" };
static const char *const address_levels[] = { "exact", "bigram jaccard >= 0.7",
                                              "bigram jaccard >= 0.4", "different" };
static const char *const town_levels[] = { "exact", "jaro-winkler >= 0.90", "different" };
static const char *const ident_levels[] = { "exact", "one edit", "different" };
static const char *const email_levels[] = { "exact", "one edit", "jaro-winkler >= 0.88",
                                            "different" };

const struct aci_cmp_info aci_cmps[ACI_CMP_COUNT] = {
    [ACI_CMP_GIVEN] = { "given_name", 5, name_levels },
    [ACI_CMP_FAMILY] = { "family_name", 5, name_levels },
    [ACI_CMP_FULL] = { "full_name", 4, full_levels },
    [ACI_CMP_MIDDLE] = { "middle_name", 3, middle_levels },
    [ACI_CMP_DOB] = { "dob", 5, dob_levels },
    [ACI_CMP_POSTCODE] = { "postcode", 5, postcode_levels },
    [ACI_CMP_ADDRESS] = { "address", 4, address_levels },
    [ACI_CMP_TOWN] = { "town", 3, town_levels },
    [ACI_CMP_IDENT] = { "identifier", 3, ident_levels },
    [ACI_CMP_EMAIL] = { "email", 4, email_levels },
};

static unsigned
name_level(const struct aci_jw_pattern *p, const char *b, size_t blen, bool variant, const char *a)
{
    double jw;

    if (p->len == blen && memcmp(a, b, blen) == 0) {
        return 0;
    }
    if (variant) {
        return 1;
    }
    jw = aci_jw_with(p, b, blen);
    return jw >= 0.92 ? 2 : jw >= 0.80 ? 3 : 4;
}

static unsigned
dob_level(const struct aci_rec *a, const struct aci_rec *b)
{
    int years;

    if (a->dob_text[0] != '\0' && b->dob_text[0] != '\0') {
        const char *x = a->dob_text, *y = b->dob_text;

        if (memcmp(x, y, 8) == 0) {
            return 0;
        }
        if ((memcmp(x, y, 4) == 0 && memcmp(x + 4, y + 6, 2) == 0 &&
             memcmp(x + 6, y + 4, 2) == 0) ||
            aci_within_one_edit(x, 8, y, 8, true)) {
            return 1;
        }
    }
    if (a->dob.precision == AC_DATE_NONE || b->dob.precision == AC_DATE_NONE) {
        if (a->dob_text[0] == '\0' || b->dob_text[0] == '\0') {
            return ACI_NULL_LEVEL;
        }
        return memcmp(a->dob_text, b->dob_text, 4) == 0 ? 2 : 4;
    }
    years = abs(a->dob.year - b->dob.year);
    return years == 0 ? 2 : years <= 5 ? 3 : 4;
}

static unsigned
postcode_level(const struct aci_rec *a, const struct aci_rec *b)
{
    size_t area_a = 0, area_b = 0;

    if (strcmp(a->pc, b->pc) == 0) {
        return 0;
    }
    if (!a->pc_uk || !b->pc_uk) {
        return aci_within_one_edit(a->pc, strlen(a->pc), b->pc, strlen(b->pc), true) ? 1 : 4;
    }
    if (a->pc_out == b->pc_out && memcmp(a->pc, b->pc, a->pc_out) == 0) {
        return a->pc[a->pc_out] == b->pc[b->pc_out] ? 1 : 2;
    }
    while (a->pc[area_a] >= 'A' && a->pc[area_a] <= 'Z') {
        area_a++;
    }
    while (b->pc[area_b] >= 'A' && b->pc[area_b] <= 'Z') {
        area_b++;
    }
    return area_a == area_b && memcmp(a->pc, b->pc, area_a) == 0 ? 3 : 4;
}

/* Given and family names written the other way round: each close to the other's. */
static bool
swapped(const struct aci_cmp_state *cs,
        const struct aci_rec *a,
        const struct aci_rec *b,
        uint64_t g)
{
    unsigned given = ACI_LEVEL(g, ACI_CMP_GIVEN), family = ACI_LEVEL(g, ACI_CMP_FAMILY);

    if (a->given == NULL || a->family == NULL || b->given == NULL || b->family == NULL ||
        (given < 3 && family < 3) || given == ACI_NULL_LEVEL || family == ACI_NULL_LEVEL) {
        return false;
    }
    if (a->given[0] != b->family[0] || a->family[0] != b->given[0]) {
        return false; /* a cheap test first: swapped names keep their initials */
    }
    return aci_jw_with(&cs->given, b->family, b->family_len) >= 0.92 &&
           aci_jw_with(&cs->family, b->given, b->given_len) >= 0.92;
}

/* A lone name (a record with a given name and no family name, "jupp") may be either name:
 * when it is close to the other record's family name and not to its given name, it is
 * compared as the family name (the level, else ACI_NULL_LEVEL). */
static unsigned
lone_as_family(const struct aci_rec *lone, const struct aci_rec *other)
{
    double to_family, to_given;

    if (lone->given == NULL || lone->family != NULL || other->family == NULL) {
        return ACI_NULL_LEVEL;
    }
    if (lone->given_len == other->family_len &&
        memcmp(lone->given, other->family, lone->given_len) == 0) {
        return 0;
    }
    to_family = aci_jaro_winkler(lone->given, lone->given_len, other->family, other->family_len);
    to_given = other->given != NULL
                   ? aci_jaro_winkler(lone->given, lone->given_len, other->given, other->given_len)
                   : 0.0;
    return to_family >= 0.92 && to_family > to_given ? 2 : ACI_NULL_LEVEL;
}

/* Prepare the probe's patterns when the probe changes. */
static void
probe(struct aci_cmp_state *cs, const struct aci_rec *a)
{
    if (cs->probe == a) {
        return;
    }
    cs->probe = a;
    aci_jw_prepare(&cs->given, a->given ? a->given : "", a->given_len);
    aci_jw_prepare(&cs->family, a->family ? a->family : "", a->family_len);
    aci_jw_prepare(&cs->full, a->full ? a->full : "", a->full_len);
    aci_jw_prepare(&cs->town, a->town ? a->town : "", a->town_len);
}

/* Jaccard of the two addresses' bigram sets, prepared with the records. */
static double
gram_jaccard(const struct aci_rec *a, const struct aci_rec *b)
{
    size_t i = 0, j = 0, common = 0, total;

    while (i < a->address_ngrams && j < b->address_ngrams) { /* merge, branch-free */
        uint16_t x = a->address_grams[i], y = b->address_grams[j];

        common += x == y;
        i += x <= y;
        j += y <= x;
    }
    total = (size_t)a->address_ngrams + b->address_ngrams - common;
    return total > 0 ? (double)common / (double)total : 0.0;
}

uint64_t
aci_lk_gamma(const ac_linkage *lk,
             struct aci_cmp_state *cs,
             const struct aci_rec *a,
             const struct aci_rec *b)
{
    uint64_t g = ~(uint64_t)0; /* every level null until set */
    const bool *on = lk->active;

#define SET(c, level) (g = (g & ~((uint64_t)15 << (4 * (c)))) | ((uint64_t)(level) << (4 * (c))))
    probe(cs, a);
    if (on[ACI_CMP_GIVEN] && a->given != NULL && b->given != NULL) {
        bool v = a->given_nvar > 0 && b->given_nvar > 0 &&
                 aci_variants_share(&lk->variants, a->given_var, a->given_nvar, b->given_var,
                                    b->given_nvar);

        SET(ACI_CMP_GIVEN, name_level(&cs->given, b->given, b->given_len, v, a->given));
    }
    if (on[ACI_CMP_FAMILY] && a->family != NULL && b->family != NULL) {
        bool v = a->family_nvar > 0 && b->family_nvar > 0 &&
                 aci_variants_share(&lk->variants, a->family_var, a->family_nvar, b->family_var,
                                    b->family_nvar);

        SET(ACI_CMP_FAMILY, name_level(&cs->family, b->family, b->family_len, v, a->family));
    }
    if (swapped(cs, a, b, g)) { /* "Anton Marinos" written "Marinos Anton" */
        SET(ACI_CMP_GIVEN, 1);
        SET(ACI_CMP_FAMILY, 1);
    }
    if (on[ACI_CMP_GIVEN] && on[ACI_CMP_FAMILY] && (a->family == NULL) != (b->family == NULL)) {
        unsigned l = a->family == NULL ? lone_as_family(a, b) : lone_as_family(b, a);

        if (l != ACI_NULL_LEVEL &&
            (l < ACI_LEVEL(g, ACI_CMP_GIVEN) || ACI_LEVEL(g, ACI_CMP_GIVEN) == ACI_NULL_LEVEL)) {
            SET(ACI_CMP_GIVEN, ACI_NULL_LEVEL);
            SET(ACI_CMP_FAMILY, l);
        }
    }
    if (on[ACI_CMP_FULL] && a->full != NULL && b->full != NULL) {
        unsigned l = name_level(&cs->full, b->full, b->full_len, false, a->full);

        SET(ACI_CMP_FULL, l == 0 ? 0 : l - 1);
    }
    if (on[ACI_CMP_MIDDLE] && a->middle != NULL && b->middle != NULL) {
        SET(ACI_CMP_MIDDLE, strcmp(a->middle, b->middle) == 0 ? 0
                            : a->middle[0] == b->middle[0]    ? 1
                                                              : 2);
    }
    if (on[ACI_CMP_DOB]) {
        SET(ACI_CMP_DOB, dob_level(a, b));
    }
    if (on[ACI_CMP_POSTCODE] && a->pc[0] != '\0' && b->pc[0] != '\0') {
        SET(ACI_CMP_POSTCODE, postcode_level(a, b));
    }
    if (on[ACI_CMP_ADDRESS] && a->address != NULL && b->address != NULL) {
        double j = strcmp(a->address, b->address) == 0 ? 2.0 : gram_jaccard(a, b);

        SET(ACI_CMP_ADDRESS, j > 1.5 ? 0 : j >= 0.7 ? 1 : j >= 0.4 ? 2 : 3);
    }
    if (on[ACI_CMP_TOWN] && a->town != NULL && b->town != NULL) {
        double j =
            strcmp(a->town, b->town) == 0 ? 2.0 : aci_jw_with(&cs->town, b->town, b->town_len);

        SET(ACI_CMP_TOWN, j > 1.5 ? 0 : j >= 0.9 ? 1 : 2);
    }
    if (on[ACI_CMP_IDENT] && a->ident != NULL && b->ident != NULL) {
        SET(ACI_CMP_IDENT,
            strcmp(a->ident, b->ident) == 0                                             ? 0
            : aci_within_one_edit(a->ident, a->ident_len, b->ident, b->ident_len, true) ? 1
                                                                                        : 2);
    }
    if (on[ACI_CMP_EMAIL] && a->email != NULL && b->email != NULL) {
        SET(ACI_CMP_EMAIL,
            strcmp(a->email, b->email) == 0                                             ? 0
            : aci_within_one_edit(a->email, a->email_len, b->email, b->email_len, true) ? 1
            : aci_jaro_winkler(a->email, a->email_len, b->email, b->email_len) >= 0.88  ? 2
                                                                                        : 3);
    }
#undef SET
    return g;
}

/* Called by both record.c (records prepared) and model.c (model finished), whichever
 * comes last; it lives here, with the weight it serves, so neither calls the other. */
void
aci_lk_tf_base(ac_linkage *lk)
{
    for (int i = 0; i < 2 && lk->trained && lk->prepared; i++) {
        lk->tf_base[i] = log2(lk->u_exact_name[i] * (double)lk->total_records);
    }
}

double
aci_lk_weight(const ac_linkage *lk, uint64_t g, const struct aci_rec *a, const struct aci_rec *b)
{
    double w = log2(lk->lambda / (1.0 - lk->lambda));

    for (int c = 0; c < ACI_CMP_COUNT; c++) {
        unsigned level = ACI_LEVEL(g, c);

        if (level != ACI_NULL_LEVEL) {
            w += lk->bf_log2[c][level];
        }
    }
    /* agreeing on a rare name says more than on a common one: log2(u_exact / tf); not
     * when pairwise, where the population must not change a pair's score */
    if (!lk->pairwise && ACI_LEVEL(g, ACI_CMP_GIVEN) == 0) {
        w += lk->tf_base[0] - fmaxf(a->given_log2count, b->given_log2count);
    }
    if (!lk->pairwise && ACI_LEVEL(g, ACI_CMP_FAMILY) == 0) {
        w += lk->tf_base[1] - fmaxf(a->family_log2count, b->family_log2count);
    }
    return w;
}
