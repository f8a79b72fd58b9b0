/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_person.h - writing a person inside an operation the caller already holds (used
 * by ac_person_add, the importer and the demo).
 */
#ifndef ACI_HUB_PERSON_H
#define ACI_HUB_PERSON_H

#include "internal.h"

#include "accord/person.h"

/* The records of the writer's own agency that a written person looks like (at or above
 * ACI_SUBJECT_PROPOSE_PROBABILITY), filled by the subject index as it resolves the
 * person; LIST is in A. */
struct aci_person_dups {
    ac_arena *a;
    ac_person_duplicate *list;
    size_t n, cap;
};

/* Prepare IN (model rules, dates checked against TODAY) and insert it for ACTOR's agency.
 * The caller holds the transaction and has asked the policy. */
ac_code aci_hub_person_write(ac_hub *hub,
                             const ac_actor *actor,
                             const ac_person *in,
                             const ac_date *today,
                             ac_arena *a,
                             const char **out_id,
                             ac_error *err);

/* Write IN for ACTOR's agency: a new record when OLD is NULL, else a replacement of OLD
 * (its id, agency and creation kept, version raised by one; AC_ECONFLICT when the stored
 * version is no longer OLD->version).  Every write of a person, add or edit, comes here
 * (person_write.c).  DUPS (may be NULL) receives the records of ACTOR's agency the written
 * one looks like.  The caller holds the transaction and has asked the policy. */
ac_code aci_person_write(ac_hub *hub,
                         const ac_actor *actor,
                         const ac_person *old,
                         const ac_person *in,
                         const ac_date *today,
                         ac_arena *a,
                         const char **out_id,
                         struct aci_person_dups *dups,
                         ac_error *err);

#endif /* ACI_HUB_PERSON_H */
