/* SPDX-License-Identifier: Apache-2.0
 *
 * store_ident.h - SQL for the identifier index (person_identifier_keys, migration
 * 0021_io.sql): the persons of one agency holding an identifier of one kind.  The
 * index is kept by triggers on person_identifiers, so nothing here writes it.
 */
#ifndef ACI_STORE_IDENT_H
#define ACI_STORE_IDENT_H

#include "internal.h"

struct aci_store;

/* The ids of at most LIMIT persons of AGENCY_ID holding an identifier of KIND ("ni_number",
 * as person_identifiers stores it) whose compact key (upper-case letters and digits) is
 * VALUE_KEY, with an id after AFTER (NULL: from the start), in id order, into A. */
ac_code aci_store_ident_find(struct aci_store *s,
                             const char *agency_id,
                             const char *kind,
                             const char *value_key,
                             const char *after,
                             size_t limit,
                             ac_arena *a,
                             const char ***out,
                             size_t *out_n,
                             ac_error *err);

#endif /* ACI_STORE_IDENT_H */
