/* SPDX-License-Identifier: Apache-2.0
 *
 * variants.h - the name-variant table shared by record linkage and screening: nickname
 * and spelling-variant groups shipped as data (data/names), each name key in zero or
 * more groups.  Two names are variants when they share a group.
 */
#ifndef ACI_LINK_VARIANTS_H
#define ACI_LINK_VARIANTS_H

#include "internal.h"

#include "accord/arena.h"

struct aci_variants {
    const char **names; /* sorted; one entry per (name, group) */
    uint32_t *groups;
    size_t n;
};

/* Load the shipped tables (nicknames and spelling variants) into V, in A. */
ac_code aci_variants_load(struct aci_variants *v, ac_arena *a, ac_error *err);
/* The range [*FIRST, *FIRST + *N) of V's entries for KEY (*N = 0 when none). */
void aci_variants_find(const struct aci_variants *v, const char *key, uint32_t *first, uint32_t *n);
/* Do the ranges [A, A + AN) and [B, B + BN) of V share a group? */
bool
aci_variants_share(const struct aci_variants *v, uint32_t a, uint32_t an, uint32_t b, uint32_t bn);

#endif /* ACI_LINK_VARIANTS_H */
