/* SPDX-License-Identifier: Apache-2.0
 *
 * store_case_subject.h - SQL for the subjects of cases (store_case_subject.c).
 */
#ifndef ACI_STORE_CASE_SUBJECT_H
#define ACI_STORE_CASE_SUBJECT_H

#include "internal.h"

#include "accord/item.h"

struct aci_store;

/* Person PERSON_ID becomes a subject of CASE_ID.  AC_ECONFLICT when it already is. */
ac_code aci_store_case_subject_add(struct aci_store *s,
                                   const char *case_id,
                                   const char *person_id,
                                   const char *added_by,
                                   const char *added_at,
                                   ac_error *err);

/* The subjects of CASE_ID in the order they were added, in A, with the holder's name, the
 * record's primary name and the name of who added it. */
ac_code aci_store_case_subjects(struct aci_store *s,
                                const char *case_id,
                                ac_arena *a,
                                ac_case_subject **out,
                                size_t *out_n,
                                ac_error *err);

/* The ids of the cases PERSON_ID is a subject of, in case id order, into *OUT (in A). */
ac_code aci_store_person_cases(struct aci_store *s,
                               const char *person_id,
                               ac_arena *a,
                               const char ***out,
                               size_t *out_n,
                               ac_error *err);

#endif /* ACI_STORE_CASE_SUBJECT_H */
