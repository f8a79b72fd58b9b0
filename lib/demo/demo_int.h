/* SPDX-License-Identifier: Apache-2.0
 *
 * demo_int.h - what demo.c (the partnership and its persons) and work.c (the work in
 * flight) share.
 */
#ifndef ACI_DEMO_INT_H
#define ACI_DEMO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accord/arena.h"
#include "accord/date.h"
#include "accord/error.h"
#include "accord/hub.h"
#include "demo/names_int.h"

#define DEMO_PURPOSE "synthetic demonstration data"
#define DAY_MS       (24 * 3600 * 1000LL)

enum demo_agency {
    AG_SS,
    AG_CTU,
    AG_COUNCIL,
    AG_PROBATION,
    AG_RETAIL,
    AG_COUNT
};

/* One invented person: the truth every agency's copy is made from. */
struct truth {
    const struct aci_name_group *given;  /* chosen groups: spellings to vary */
    const struct aci_name_group *middle; /* NULL for none */
    const struct aci_name_group *family;
    ac_date dob;
    size_t place;        /* index into aci_places */
    unsigned house;      /* house number */
    size_t stem, suffix; /* street parts */
    char postcode[12];
    size_t old_place; /* a former address */
    unsigned old_house;
    size_t old_stem, old_suffix;
    char old_postcode[12];
    char ni[10];       /* National Insurance number */
    char passport[10]; /* 9 digits, or "" */
    char pnc[12];      /* "05/123456X", or "" */
};

struct gen {
    uint64_t rng; /* splitmix64 state */
    ac_hub *hub;
    ac_arena *a;   /* scratch, reset per person */
    ac_arena *ids; /* the persons' ids, for the work in flight */
    unsigned ref_seq[AG_COUNT];
};

/* Which agencies record each person: bit (1 << agency). */
struct plan {
    struct truth *people; /* residents first, then people of interest from elsewhere */
    uint8_t *held_by;     /* per person */
    const char **ids;     /* per person and agency: [i * AG_COUNT + ag], or NULL */
    size_t n_people;
    size_t n_residents;
    size_t total_copies;
};

/* Spelling K of a group ("A|B|C"), copied into A. */
char *aci_demo_spelling(ac_arena *a, const struct aci_name_group *grp, size_t k);

/* The work in flight for every role, dated relative to NOW (ms); *PERSONS counts the
 * persons it adds. */
ac_code aci_demo_add_work(struct gen *g,
                          const struct plan *pl,
                          int64_t now,
                          size_t *persons,
                          ac_error *err);

#endif /* ACI_DEMO_INT_H */
