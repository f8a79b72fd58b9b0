/* SPDX-License-Identifier: Apache-2.0
 *
 * store_person.h - SQL for person records and their names, addresses, identifiers and
 * the name-token index.  Callers pass prepared (cleaned, keyed) records.
 */
#ifndef ACI_STORE_PERSON_H
#define ACI_STORE_PERSON_H

#include "internal.h"

#include "accord/person.h"
#include "accord/person_edit.h"

struct aci_store;

/* Insert P (id, agency, created_by and times set by the caller).  AC_ECONFLICT when the
 * agency already has P->source_ref. */
ac_code aci_store_person_insert(struct aci_store *s,
                                const ac_person *p,
                                const char *created_by,
                                ac_error *err);

/* Replace the row and every part of person P->id with P (updated_at set by the caller),
 * raising its version by one, when its version is still EXPECTED: else AC_ECONFLICT.  The
 * name-token index follows.  Person edit (person_edit.c). */
ac_code
aci_store_person_update(struct aci_store *s, const ac_person *p, int64_t expected, ac_error *err);

/* One version an edit replaced (person_versions), and the versions of PERSON_ID oldest
 * first in A, with the editor's display name (store_person_history.c). */
ac_code aci_store_person_version_add(struct aci_store *s,
                                     const char *person_id,
                                     int64_t version,
                                     const char *snapshot,
                                     const char *changed_by,
                                     const char *changed_at,
                                     const char *reason,
                                     ac_error *err);
ac_code aci_store_person_versions(struct aci_store *s,
                                  const char *person_id,
                                  ac_arena *a,
                                  ac_person_version **out,
                                  size_t *out_n,
                                  ac_error *err);

/* Merge MERGED_ID into SURVIVOR_ID (both of one agency, checked by the caller) as merge
 * MERGE_ID: the merged record points at the survivor; its links and case subjects move
 * (store_person_merge.c).  AC_ECONFLICT when MERGED_ID is already merged. */
ac_code aci_store_person_merge(struct aci_store *s,
                               const char *merge_id,
                               const char *survivor_id,
                               const char *merged_id,
                               const char *by,
                               const char *at,
                               const char *reason,
                               ac_error *err);
/* Undo the open merge of MERGED_ID: what moved moves back.  *OUT_SURVIVOR (in A) the record
 * it had been merged into.  AC_ECONFLICT when it is not merged. */
ac_code aci_store_person_unmerge(struct aci_store *s,
                                 const char *merged_id,
                                 const char *by,
                                 const char *at,
                                 ac_arena *a,
                                 const char **out_survivor,
                                 ac_error *err);

/* Load a person with every part into A.  AC_ENOTFOUND when no such id. */
ac_code aci_store_person_load(struct aci_store *s,
                              const char *id,
                              ac_arena *a,
                              ac_person *out,
                              ac_error *err);

/* Load the persons IDS[0..N) with every part into A, OUT[i] for IDS[i]: four statements
 * whatever N (not four per person).  An id no person has leaves its OUT[i] zero (id NULL). */
ac_code aci_store_person_load_many(struct aci_store *s,
                                   const char *const *ids,
                                   size_t n,
                                   ac_arena *a,
                                   ac_person *out,
                                   ac_error *err);

/* Ids of persons of AGENCY_ID that have a name token starting with PREFIX, and (when
 * given) a postcode key starting with POSTCODE_KEY, after the id AFTER (NULL: from the
 * start); at most LIMIT, in id order. */
ac_code aci_store_person_find_ids(struct aci_store *s,
                                  const char *agency_id,
                                  const char *prefix,
                                  const char *postcode_key,
                                  const char *after,
                                  size_t limit,
                                  ac_arena *a,
                                  const char ***out,
                                  size_t *out_n,
                                  ac_error *err);

/* The ids of at most LIMIT persons of AGENCY_ID after the id AFTER ("" from the start), in
 * id order, in A: a page of an export. */
ac_code aci_store_person_ids_after(struct aci_store *s,
                                   const char *agency_id,
                                   const char *after,
                                   size_t limit,
                                   ac_arena *a,
                                   const char ***out,
                                   size_t *out_n,
                                   ac_error *err);

/* Call FN for every person of AGENCY_ID in id order, each loaded into a scratch arena
 * that is reset between calls.  FN returns AC_OK to go on. */
typedef ac_code (*aci_person_fn)(void *ctx, const ac_person *p, ac_error *err);
ac_code aci_store_person_each(struct aci_store *s,
                              const char *agency_id,
                              aci_person_fn fn,
                              void *ctx,
                              ac_error *err);

#endif /* ACI_STORE_PERSON_H */
