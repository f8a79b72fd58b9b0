/* SPDX-License-Identifier: Apache-2.0
 *
 * picture.h - one view of a person (issue 15.5): everything the caller may see about the
 * real person behind one record of its own agency, in one audited read.  Each part says
 * where it comes from (agency name and id), its classification and its handling
 * conditions; the view states the highest classification on it.  Nothing the caller may
 * not see leaves a trace: a record it may not read is "not found" as a missing one is,
 * and a holding its holder has not made discoverable changes no part of the answer.
 */
#ifndef ACCORD_PICTURE_H
#define ACCORD_PICTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"
#include "accord/holding.h"
#include "accord/hub.h"
#include "accord/item.h"
#include "accord/person.h"
#include "accord/pole.h"
#include "accord/rfi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where a part of the picture comes from, and how it must be handled. */
typedef struct ac_picture_mark {
    const char *agency_id;            /* the source agency */
    const char *agency_name;          /* for people to read */
    ac_classification classification; /* the part's marking */
    const char *handling_conditions;  /* or NULL: none */
} ac_picture_mark;

typedef struct ac_picture_record {
    ac_picture_mark mark;
    ac_person person; /* a record of the caller's agency */
} ac_picture_record;

typedef struct ac_picture_disclosure {
    ac_picture_mark mark;
    ac_person_disclosure disclosure; /* live, unexpired, reaching the caller; frozen copy in
                                        .released; .person_id is NULL (the holder's) */
} ac_picture_disclosure;

typedef struct ac_picture_pointer {
    ac_picture_mark mark;
    ac_pointer pointer; /* agency, reference, last-changed day: nothing more */
} ac_picture_pointer;

typedef struct ac_picture_item {
    ac_picture_mark mark;
    ac_item item;            /* as the caller may read it (original or released version) */
    const char *via_link_id; /* the caller's agency's link that ties it to the person */
} ac_picture_item;

typedef struct ac_picture_link {
    ac_picture_mark mark;
    ac_link link; /* a link the caller's agency holds, with one of its records at an end */
} ac_picture_link;

typedef struct ac_picture_case {
    ac_picture_mark mark; /* the lead agency */
    const char *id;
    const char *title;
    ac_case_type type;
    const char *state;
} ac_picture_case;

typedef struct ac_picture_rfi {
    ac_picture_mark mark; /* the asking agency */
    ac_rfi rfi;
    bool incoming; /* true: another agency asks the caller's; false: the caller's asks */
} ac_picture_rfi;

typedef struct ac_picture {
    const char *person_id;      /* the record asked about */
    ac_classification highest;  /* the highest marking of any part shown */
    ac_picture_record *records; /* the caller's agency's records of the person, id order */
    size_t n_records;
    ac_picture_disclosure *disclosures; /* newest first */
    size_t n_disclosures;
    ac_picture_pointer *pointers; /* by agency name, then reference */
    size_t n_pointers;
    ac_picture_item *items;
    size_t n_items;
    ac_picture_link *links;
    size_t n_links;
    ac_picture_case *cases; /* case id order */
    size_t n_cases;
    ac_picture_rfi *rfis; /* open requests, newest first: outgoing, then incoming */
    size_t n_rfis;
} ac_picture;

/* The picture of the person behind PERSON_ID, a record of the actor's agency, into *OUT
 * (every byte in A).  The read is audited with the ids of every part shown.  AC_ENOTFOUND
 * "person 'ID' not found" for a record the actor may not read, as for one that does not
 * exist; AC_EINVAL without a purpose. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4, 5, 6) ac_code ac_person_picture(ac_hub *hub,
                                                                           const ac_actor *actor,
                                                                           const char *purpose,
                                                                           const char *person_id,
                                                                           ac_arena *a,
                                                                           ac_picture *out,
                                                                           ac_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ACCORD_PICTURE_H */
