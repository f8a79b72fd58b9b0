/* SPDX-License-Identifier: Apache-2.0
 *
 * store_search.h - SQL for the person search index (person_search_keys): the keys the hub
 * computes for a person (lib/hub/person_keys.c), written with the person, and looked up
 * by key or key prefix.
 */
#ifndef ACI_STORE_SEARCH_H
#define ACI_STORE_SEARCH_H

#include "internal.h"

struct aci_store;

/* Replace the keys of person PERSON_ID (of AGENCY_ID): delete OLD[0..N_OLD) (the keys it
 * was indexed under, as aci_person_keys computes them from its previous version: the
 * index has no per-person index to find them by, migration 0021), then insert
 * KEYS[0..N) (sorted, distinct), one statement each; the person is no longer pending.
 * FRESH: the person was inserted in this transaction, so it has no keys to replace and
 * is not pending.  A holds the statements' arguments. */
ac_code aci_store_search_keys_put(struct aci_store *s,
                                  const char *agency_id,
                                  const char *person_id,
                                  bool fresh,
                                  const char *const *old,
                                  size_t n_old,
                                  const char *const *keys,
                                  size_t n,
                                  ac_arena *a,
                                  ac_error *err);

/* The ids of at most LIMIT persons of AGENCY_ID with a key equal to KEY, or (PREFIX)
 * starting with it, in A; in key then id order, so the same index gives the same ids. */
ac_code aci_store_search_keys_find(struct aci_store *s,
                                   const char *agency_id,
                                   const char *key,
                                   bool prefix,
                                   size_t limit,
                                   ac_arena *a,
                                   const char ***out,
                                   size_t *out_n,
                                   ac_error *err);

/* Take PERSON_ID off the list of persons waiting to be indexed; *WAS_PENDING whether it
 * was on it. */
ac_code aci_store_search_keys_done(struct aci_store *s,
                                   const char *person_id,
                                   bool *was_pending,
                                   ac_error *err);

/* Which of the persons AMONG[0..N) of AGENCY_ID have the key KEY (exactly), in A: a seek
 * per person, so a key many persons share costs no more than a rare one. */
ac_code aci_store_search_keys_among(struct aci_store *s,
                                    const char *agency_id,
                                    const char *key,
                                    const char *const *among,
                                    size_t n,
                                    ac_arena *a,
                                    const char ***out,
                                    size_t *out_n,
                                    ac_error *err);

/* At most LIMIT ids of persons waiting to be indexed (recorded before the index
 * existed: person_search_pending), in id order, in A.  Putting a person's keys takes
 * it off the list. */
ac_code aci_store_search_keys_pending(struct aci_store *s,
                                      size_t limit,
                                      ac_arena *a,
                                      const char ***out,
                                      size_t *out_n,
                                      ac_error *err);

#endif /* ACI_STORE_SEARCH_H */
