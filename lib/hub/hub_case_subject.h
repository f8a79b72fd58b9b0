/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_case_subject.h - adding a subject to a case inside an operation the caller holds
 * (case_subject.c; used by ac_case_add_with_subjects in case.c).
 */
#ifndef ACI_HUB_CASE_SUBJECT_H
#define ACI_HUB_CASE_SUBJECT_H

#include "internal.h"

#include "hub/hub_int.h"

/* Person PERSON_ID becomes a subject of case CASE_ID, when OP's actor may read the person
 * record; else AC_ENOTFOUND naming it, with op->deny_reason set when the record exists
 * (the op is not marked refused: the caller does that when it has written nothing). */
ac_code aci_case_subject_attach(struct aci_op *op,
                                const char *case_id,
                                const char *person_id,
                                ac_error *err);

#endif /* ACI_HUB_CASE_SUBJECT_H */
