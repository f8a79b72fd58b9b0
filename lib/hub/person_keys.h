/* SPDX-License-Identifier: Apache-2.0
 *
 * person_keys.h - the person search index (person_keys.c): keys written with every
 * person, and the ranked search over them.
 */
#ifndef ACI_PERSON_KEYS_H
#define ACI_PERSON_KEYS_H

#include "internal.h"

#include "accord/person.h"
#include "accord/screen.h"

struct aci_store;

/* The process's screener (name variants, transliterator), made on first use. */
ac_code aci_person_keys_screener(const ac_screener **out, ac_error *err);

/* The sorted, distinct search keys of P's names, in A. */
ac_code aci_person_keys(const ac_screener *s,
                        const ac_person *p,
                        ac_arena *a,
                        const char ***out,
                        size_t *out_n,
                        ac_error *err);

/* Write P's keys, in the caller's transaction.  FRESH: P was inserted in this
 * transaction; else P is waiting for the backfill, which means it has no keys yet (the
 * index has no per-person index, 0021: a person's keys are found from its names). */
ac_code
aci_person_keys_index(struct aci_store *store, const ac_person *p, bool fresh, ac_error *err);

/* The same for a write of P over OLD (NULL: P is new): when OLD's names give the same keys
 * as P's (an address, a date or an identifier changed), they are not rewritten; else
 * OLD's keys are deleted (found by themselves) and P's inserted. */
ac_code aci_person_keys_reindex(struct aci_store *store,
                                const ac_person *p,
                                const ac_person *old,
                                ac_error *err);

/* Index every person waiting for it (recorded before the index existed), in the caller's
 * transaction. */
ac_code aci_person_keys_backfill(struct aci_store *store, size_t *out_done, ac_error *err);

/* The persons of AGENCY_ID that Q finds, best first (score, then id), each with its
 * score and explanation, in A.  Q->name and/or Q->postcode must be set. */
ac_code aci_person_keys_search(struct aci_store *store,
                               const char *agency_id,
                               const ac_person_query *q,
                               size_t limit,
                               ac_arena *a,
                               ac_person_hit **out,
                               size_t *out_n,
                               ac_error *err);

#endif /* ACI_PERSON_KEYS_H */
