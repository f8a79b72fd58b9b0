/* SPDX-License-Identifier: Apache-2.0
 *
 * store_subject.h - SQL for the subject index (0013_subjects.sql): each person's subject,
 * blocking keys and joins.  The hub (lib/hub/subject.c) decides what they are.
 */
#ifndef ACI_STORE_SUBJECT_H
#define ACI_STORE_SUBJECT_H

#include "internal.h"

struct aci_store;

struct aci_store_subject_member {
    const char *person_id, *agency_id;
};

struct aci_store_subject_join {
    const char *person_a, *person_b; /* person_a < person_b */
    double weight, probability;
    const char *explanation;
};

/* The subject of PERSON_ID into *OUT (in A); AC_ENOTFOUND when it has none recorded. */
ac_code aci_store_subject_of(struct aci_store *s,
                             const char *person_id,
                             ac_arena *a,
                             const char **out,
                             ac_error *err);

/* The members of SUBJECT_ID with their agencies, in person id order (none: *OUT_N 0). */
ac_code aci_store_subject_members(struct aci_store *s,
                                  const char *subject_id,
                                  ac_arena *a,
                                  struct aci_store_subject_member **out,
                                  size_t *out_n,
                                  ac_error *err);

/* The joins with both ends in SUBJECT_ID, in (person_a, person_b) order. */
ac_code aci_store_subject_joins(struct aci_store *s,
                                const char *subject_id,
                                ac_arena *a,
                                struct aci_store_subject_join **out,
                                size_t *out_n,
                                ac_error *err);

/* Put PERSON_ID in SUBJECT_ID (insert or move). */
ac_code aci_store_subject_set(struct aci_store *s,
                              const char *person_id,
                              const char *subject_id,
                              ac_error *err);

/* Replace PERSON_ID's blocking keys with KEYS[0..N_RULES) (rule r's key; 0: none), in
 * one statement.  FRESH: the person was inserted in this transaction (no keys yet). */
ac_code aci_store_subject_keys_set(struct aci_store *s,
                                   const char *person_id,
                                   bool fresh,
                                   const uint64_t *keys,
                                   size_t n_rules,
                                   ac_error *err);

/* The other persons that share a key with PERSON_ID under the same rule, in id order. */
ac_code aci_store_subject_candidates(struct aci_store *s,
                                     const char *person_id,
                                     ac_arena *a,
                                     const char ***out,
                                     size_t *out_n,
                                     ac_error *err);

/* The persons joined to PERSON_ID, in id order. */
ac_code aci_store_subject_neighbours(struct aci_store *s,
                                     const char *person_id,
                                     ac_arena *a,
                                     const char ***out,
                                     size_t *out_n,
                                     ac_error *err);

/* Remove every join of PERSON_ID. */
ac_code aci_store_subject_joins_clear(struct aci_store *s, const char *person_id, ac_error *err);

/* Record the join J at time AT. */
ac_code aci_store_subject_join_insert(struct aci_store *s,
                                      const struct aci_store_subject_join *j,
                                      const char *at,
                                      ac_error *err);

/* A record merged with another of its agency (person_merges, not undone). */
struct aci_store_subject_merge {
    const char *person_id; /* the other record of the merge */
    const char *merge_id;
};

/* The records PERSON_ID is merged with, as survivor or as the record merged, in id order. */
ac_code aci_store_subject_merged_with(struct aci_store *s,
                                      const char *person_id,
                                      ac_arena *a,
                                      struct aci_store_subject_merge **out,
                                      size_t *out_n,
                                      ac_error *err);

#endif /* ACI_STORE_SUBJECT_H */
