/* SPDX-License-Identifier: Apache-2.0
 *
 * holding.h - discoverable holdings (issue 15.2): each agency declares, per kind of
 * recipient agency, whether the fact that it holds a record on a person may be discovered;
 * a user who may search sees, for a person of its own agency, a pointer to each
 * discoverable holding of the same person by another agency: the agency, a reference to
 * quote and the date it last changed, nothing more.  A holding that is not discoverable is
 * invisible: no answer of these calls differs from one where it does not exist.
 */
#ifndef ACCORD_HOLDING_H
#define ACCORD_HOLDING_H

#include <stdbool.h>
#include <stddef.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"
#include "accord/party.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One agency's declaration for one kind of recipient agency. */
typedef struct ac_discoverability {
    ac_agency_kind recipient_kind;
    bool discoverable; /* what applies: the declaration, or the default */
    bool declared;     /* false: nothing declared, the default applies */
} ac_discoverability;

/* A pointer: another agency holds a record on the person. */
typedef struct ac_pointer {
    const char *agency_id;    /* the holder */
    const char *agency_name;  /* shown: "Probation Service West Midlands" */
    const char *ref;          /* the opaque reference to quote ("R-..."), not a record id */
    const char *last_changed; /* YYYY-MM-DD: when the holder last changed its record */
} ac_pointer;

/* Declare whether the actor's agency's holdings are discoverable to agencies of
 * RECIPIENT_KIND (its administrators only; AC_EDENIED otherwise).  Audited. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3) ac_code
    ac_agency_discoverability_set(ac_hub *hub,
                                  const ac_actor *actor,
                                  const char *purpose,
                                  ac_agency_kind recipient_kind,
                                  bool discoverable,
                                  ac_error *err);

/* The declarations of AGENCY_ID (NULL: the actor's own), one per kind of agency in kind
 * order: OUT[AC_AGENCY_KIND_COUNT].  Every member of the partnership may read them. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 5) ac_code
    ac_agency_discoverability_get(ac_hub *hub,
                                  const ac_actor *actor,
                                  const char *purpose,
                                  const char *agency_id,
                                  ac_discoverability *out,
                                  ac_error *err);

/* The pointers the actor may see for PERSON_ID, a person of its own agency: ordered by
 * agency name, then reference; strings in A.  AC_ENOTFOUND "person 'ID' not found" for a
 * person it may not read, as for one that does not exist. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4, 5, 6, 7) ac_code
    ac_person_pointers(ac_hub *hub,
                       const ac_actor *actor,
                       const char *purpose,
                       const char *person_id,
                       ac_arena *a,
                       ac_pointer **out,
                       size_t *out_n,
                       ac_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ACCORD_HOLDING_H */
