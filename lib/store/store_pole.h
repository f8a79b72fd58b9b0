/* SPDX-License-Identifier: Apache-2.0
 *
 * store_pole.h - SQL for objects, locations, events and links.  No policy here: the hub
 * decides who may see what, then calls these.
 */
#ifndef ACI_STORE_POLE_H
#define ACI_STORE_POLE_H

#include "internal.h"

#include "accord/pole.h"

struct aci_store;

/* Inserts take a record whose meta is complete (id, agency, review date, times) and the
 * creating user; keys (value, postcode) are computed by the caller. */
ac_code aci_store_object_insert(struct aci_store *s,
                                const ac_object *o,
                                const char *value_key,
                                const char *created_by,
                                ac_error *err);
ac_code aci_store_location_insert(struct aci_store *s,
                                  const ac_location *l,
                                  const char *postcode_key,
                                  const char *created_by,
                                  ac_error *err);
ac_code aci_store_event_insert(struct aci_store *s,
                               const ac_event *e,
                               const char *created_by,
                               ac_error *err);
ac_code
aci_store_link_insert(struct aci_store *s, const ac_link *l, const char *created_by, ac_error *err);

/* One record by id, strings in A; AC_ENOTFOUND when there is none. */
ac_code aci_store_object_load(struct aci_store *s,
                              const char *id,
                              ac_arena *a,
                              ac_object *out,
                              ac_error *err);
ac_code aci_store_location_load(struct aci_store *s,
                                const char *id,
                                ac_arena *a,
                                ac_location *out,
                                ac_error *err);
ac_code aci_store_event_load(struct aci_store *s,
                             const char *id,
                             ac_arena *a,
                             ac_event *out,
                             ac_error *err);
ac_code
aci_store_link_load(struct aci_store *s, const char *id, ac_arena *a, ac_link *out, ac_error *err);

/* A page of AGENCY_ID's records in id order after AFTER (NULL: from the start), at most
 * LIMIT.  MATCH (NULL: all): objects, the value key; locations, a postcode-key prefix;
 * events, the kind. */
ac_code aci_store_object_page(struct aci_store *s,
                              const char *agency_id,
                              const char *match,
                              const char *after,
                              size_t limit,
                              ac_arena *a,
                              ac_object **out,
                              size_t *out_n,
                              ac_error *err);
ac_code aci_store_location_page(struct aci_store *s,
                                const char *agency_id,
                                const char *match,
                                const char *after,
                                size_t limit,
                                ac_arena *a,
                                ac_location **out,
                                size_t *out_n,
                                ac_error *err);
ac_code aci_store_event_page(struct aci_store *s,
                             const char *agency_id,
                             const char *match,
                             const char *after,
                             size_t limit,
                             ac_arena *a,
                             ac_event **out,
                             size_t *out_n,
                             ac_error *err);

/* AGENCY_ID's links with RECORD_ID at either end, oldest first, at most LIMIT. */
ac_code aci_store_links_of(struct aci_store *s,
                           const char *agency_id,
                           const char *record_id,
                           size_t limit,
                           ac_arena *a,
                           ac_link **out,
                           size_t *out_n,
                           ac_error *err);

/* AGENCY_ID's links still proposed (awaiting a person's decision), oldest first, at most
 * LIMIT. */
ac_code aci_store_links_proposed(struct aci_store *s,
                                 const char *agency_id,
                                 size_t limit,
                                 ac_arena *a,
                                 ac_link **out,
                                 size_t *out_n,
                                 ac_error *err);

/* Set a link's status; AC_ECONFLICT when its version is not EXPECTED. */
ac_code aci_store_link_set_status(struct aci_store *s,
                                  const char *id,
                                  ac_link_status status,
                                  int64_t expected,
                                  const char *now,
                                  ac_error *err);

/* True when AGENCY_ID already holds a link between A and B (either way round). */
bool
aci_store_link_exists(struct aci_store *s, const char *agency_id, const char *a, const char *b);

/* The agency holding record ID of TYPE ("person", "object", "location", "event"), in A;
 * AC_ENOTFOUND when there is none. */
ac_code aci_store_record_holder(struct aci_store *s,
                                const char *type,
                                const char *id,
                                ac_arena *a,
                                const char **out_agency,
                                ac_error *err);

#endif /* ACI_STORE_POLE_H */
