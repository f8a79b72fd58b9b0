/* SPDX-License-Identifier: Apache-2.0
 *
 * names_int.h - the synthetic-name data behind the demo generator (defined in names.c): name
 * pools with realistic spelling variants, West Midlands places and street-name parts.  Data
 * only: the demo generator does the combining.
 */
#ifndef ACI_DEMO_NAMES_INT_H
#define ACI_DEMO_NAMES_INT_H

#include <stddef.h>

/* Naming traditions the synthetic population is drawn from.  The origin only decides which
 * pool a synthetic person's names come from; it must not be copied onto a record. */
enum aci_origin {
    ACI_ORIGIN_BRITISH,
    ACI_ORIGIN_IRISH,
    ACI_ORIGIN_SOUTH_ASIAN,
    ACI_ORIGIN_ARABIC,
    ACI_ORIGIN_SOMALI,
    ACI_ORIGIN_WEST_AFRICAN,
    ACI_ORIGIN_EAST_EUROPEAN,
    ACI_ORIGIN_EAST_ASIAN,
    ACI_ORIGIN_SOUTHERN_EUROPEAN,
    ACI_ORIGIN_COUNT
};

/* One name and its spelling variants as written in Latin script by different agencies:
 * "Mohammed|Muhammad|Mohamed|Mohd|Mohammad".  The first spelling is the most common.
 * weight: relative frequency within its pool (1..1000), so that common names recur. */
struct aci_name_group {
    const char *spellings; /* '|'-separated, at least one; ASCII or UTF-8 (e.g. "Zoë|Zoe") */
    unsigned weight;       /* relative frequency within its table, 1..1000 */
};

struct aci_name_pool {
    const char *origin;                  /* "british", "irish", ... (lower case) */
    const struct aci_name_group *given;  /* given names (mixed sexes; no sex recorded) */
    size_t n_given;                      /* entries in given, > 0 */
    const struct aci_name_group *family; /* family names */
    size_t n_family;                     /* entries in family, > 0 */
    unsigned share;                      /* percent of the synthetic population; pools sum to 100 */
};

/* The pools, indexed by enum aci_origin. */
extern const struct aci_name_pool aci_name_pools[ACI_ORIGIN_COUNT];

/* West Midlands places for synthetic addresses: one part of a town and its postcode districts,
 * e.g. { "Birmingham", "Sparkhill", "B", 11, 11 } gives outward code B11. */
struct aci_place {
    const char *town;     /* post town: "Birmingham", "West Bromwich", "Solihull", ... */
    const char *district; /* the part of town: "Sparkhill", "Erdington", "Foleshill", ... */
    const char *area;     /* postcode area letters: "B", "CV", "WV", "WS", "DY" */
    unsigned district_lo; /* lowest district number used for this part, e.g. 23 */
    unsigned district_hi; /* highest, >= district_lo, e.g. 24 */
};
extern const struct aci_place aci_places[];
extern const size_t aci_n_places;

/* Street-name stems and suffixes ("Oak" + "Road"), combined by the generator. */
extern const char *const aci_street_stems[];
extern const size_t aci_n_street_stems;
extern const char *const aci_street_suffixes[];
extern const size_t aci_n_street_suffixes;

#endif /* ACI_DEMO_NAMES_INT_H */
