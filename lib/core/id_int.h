/* SPDX-License-Identifier: Apache-2.0
 *
 * id_int.h - the record-id generator behind include/accord/id.h.
 */
#ifndef ACI_ID_INT_H
#define ACI_ID_INT_H

#include "accord/id.h"

struct aci_idgen {
    int64_t last_ms;       /* time part of the last id */
    uint8_t last_rand[10]; /* random part of the last id, incremented within a millisecond */
    bool seeded;           /* true: random parts come from prng, not the system */
    uint64_t prng;         /* splitmix64 state when seeded */
};

/* Start a generator; SEEDED selects a reproducible sequence from SEED. */
void aci_idgen_init(struct aci_idgen *g, bool seeded, uint64_t seed);

/* Write the next id for time NOW_MS into OUT (AC_ID_LEN chars + NUL).  Ids from one
 * generator strictly increase, even if the clock stands still or steps back. */
void aci_idgen_next(struct aci_idgen *g, int64_t now_ms, char out[AC_ID_LEN + 1]);

/* splitmix64: a small, well-mixed PRNG for reproducible synthetic data. */
uint64_t aci_splitmix64(uint64_t *state);

#endif /* ACI_ID_INT_H */
