/* SPDX-License-Identifier: Apache-2.0
 *
 * person_edit.h - person records that can be kept right (issue 15, point 8): an edit
 * replaces the record's names, date of birth, addresses and identifiers as a whole,
 * against the version the editor read (optimistic concurrency: the HTTP If-Match), and
 * keeps the version it replaced with who, when and why.  Edits are checked as imports
 * should be: a postcode must have a UK postcode's shape, an NI number must be one by
 * HMRC's rules, a PNC id must have the PNC's form.
 */
#ifndef ACCORD_PERSON_EDIT_H
#define ACCORD_PERSON_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"
#include "accord/person.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One version an edit replaced. */
typedef struct ac_person_version {
    int64_t version;        /* the version number it had */
    const char *snapshot;   /* the record as it then was: one line of ac_person_to_json */
    const char *changed_by; /* the display name of the user who replaced it */
    const char *changed_at; /* RFC 3339 UTC */
    const char *reason;     /* why, as the editor wrote it */
} ac_person_version;

/* Replace person ID (which the actor's agency holds) with IN: names, dob, addresses,
 * identifiers, source_ref and review_date as in IN.  EXPECTED_VERSION is the version the
 * editor read: AC_ECONFLICT when the record has changed since.  REASON (1-500 bytes) is
 * kept with the replaced version.  AC_EINVAL names the field and the reason.  The new
 * version number is *OUT_VERSION. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 6, 7, 8) ac_code ac_person_edit(ac_hub *hub,
                                                                        const ac_actor *actor,
                                                                        const char *purpose,
                                                                        const char *id,
                                                                        int64_t expected_version,
                                                                        const ac_person *in,
                                                                        const char *reason,
                                                                        int64_t *out_version,
                                                                        ac_error *err);

/* The versions edits replaced of person ID, oldest first, in A.  AC_ENOTFOUND when the
 * person does not exist or the actor may not see it. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6, 7) ac_code ac_person_history(ac_hub *hub,
                                                                           const ac_actor *actor,
                                                                           const char *purpose,
                                                                           const char *id,
                                                                           ac_arena *a,
                                                                           ac_person_version **out,
                                                                           size_t *out_n,
                                                                           ac_error *err);

/* Merge person OTHER_ID into SURVIVOR_ID, two records of the actor's agency that are the
 * same person: from then on the survivor answers for both (ac_person_get of OTHER_ID gives
 * the survivor; search no longer finds OTHER_ID), and OTHER_ID's links and case subjects
 * move to the survivor.  REASON (1-500 bytes) is kept.  AC_ENOTFOUND for a record the
 * actor's agency does not hold; AC_ECONFLICT when either is already merged; AC_EINVAL when
 * they are the same record.  The merge is undone by ac_person_unmerge. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_person_merge(ac_hub *hub,
                                                                      const ac_actor *actor,
                                                                      const char *purpose,
                                                                      const char *survivor_id,
                                                                      const char *other_id,
                                                                      const char *reason,
                                                                      ac_error *err);

/* Undo the merge of MERGED_ID: it answers for itself again, and exactly the links and case
 * subjects that moved move back.  AC_ECONFLICT when it is not merged. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5) ac_code ac_person_unmerge(ac_hub *hub,
                                                                     const ac_actor *actor,
                                                                     const char *purpose,
                                                                     const char *merged_id,
                                                                     const char *reason,
                                                                     ac_error *err);

/* Check the identifying fields of P as an import would: every address's postcode has a
 * UK postcode's shape, every NI number follows HMRC's rules, every PNC id has the form
 * YY/NNNNNNNL.  AC_EINVAL names the field ("addresses[0].postcode") and the reason. */
AC_API AC_NODISCARD AC_NONNULL(1) ac_code
    ac_person_check_identifiers(const ac_person *p, ac_error *err);

/* Change one field of P (a record as ac_person_get returned it, about to be edited) to
 * VALUE ("" removes it), copying into A.  FIELD is one of: given, middle, family, full (of
 * the primary name), dob, address, town, postcode (of the current address), ni, pnc,
 * passport, dl (the identifier of that kind) and ref (the agency's reference).
 * AC_EINVAL names an unknown field or a bad date. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4) ac_code ac_person_set_field(ac_person *p,
                                                                       const char *field,
                                                                       const char *value,
                                                                       ac_arena *a,
                                                                       ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_PERSON_EDIT_H */
