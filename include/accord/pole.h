/* SPDX-License-Identifier: Apache-2.0
 *
 * pole.h - the O, L and E of POLE (objects, locations, events) and the links between
 * any two records.
 *
 * Like persons, these records are held by the agency that recorded them and read only
 * within it, by users with a content role; every call runs through the hub's gate and is
 * audited.  A link joins two records the actor can see (persons, objects, locations,
 * events, items or cases), says how it is known (provenance) and how sure (confidence),
 * and starts as "proposed" unless a person confirms it: people decide (ARCHITECTURE.md
 * safeguard 3).
 */
#ifndef ACCORD_POLE_H
#define ACCORD_POLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/date.h"
#include "accord/error.h"
#include "accord/hub.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What every stored record carries; set by the hub (ignored on add, except review_date,
 * which defaults to six years ahead when its precision is NONE). */
typedef struct ac_record_meta {
    const char *id;
    const char *agency_id; /* the agency that holds the record */
    ac_date review_date;   /* MoPI: when the record must next be reviewed */
    const char *created_at;
    const char *updated_at;
    int64_t version; /* 1 on creation, +1 per change: the ETag of the API */
} ac_record_meta;

typedef enum ac_object_kind {
    AC_OBJECT_VEHICLE = 0, /* value: registration mark */
    AC_OBJECT_PHONE,       /* value: number */
    AC_OBJECT_EMAIL,       /* value: address */
    AC_OBJECT_ONLINE_ACCOUNT,
    AC_OBJECT_DOCUMENT, /* value: document number */
    AC_OBJECT_KIND_COUNT
} ac_object_kind;

typedef struct ac_object {
    ac_record_meta meta;
    ac_object_kind kind;
    const char *value;       /* as entered; required */
    const char *description; /* may be NULL */
} ac_object;

typedef struct ac_location {
    ac_record_meta meta;
    const char *name;     /* e.g. "Unit 4, Tyseley Industrial Estate"; may be NULL */
    const char *line;     /* house and street; may be NULL */
    const char *town;     /* may be NULL */
    const char *postcode; /* normalised to "B11 4AA" when it parses; may be NULL */
    bool has_position;    /* latitude and longitude are set */
    double latitude;      /* -90..90 */
    double longitude;     /* -180..180 */
} ac_location;

typedef struct ac_event {
    ac_record_meta meta;
    const char *kind;        /* free word, e.g. "purchase", "meeting", "travel"; required */
    ac_date occurred_on;     /* possibly partial; not in the future */
    const char *description; /* may be NULL */
    const char *location_id; /* a location the actor can see; may be NULL */
} ac_event;

typedef enum ac_link_status {
    AC_LINK_PROPOSED = 0, /* suggested (by a person or an engine), not yet decided */
    AC_LINK_CONFIRMED,    /* a person confirmed it */
    AC_LINK_REJECTED,     /* a person rejected the proposal */
    AC_LINK_RETRACTED,    /* confirmed once, withdrawn since */
    AC_LINK_STATUS_COUNT
} ac_link_status;

typedef struct ac_link {
    ac_record_meta meta;
    const char *from_type; /* "person", "object", "location", "event", "item" or "case" */
    const char *from_id;
    const char *to_type;
    const char *to_id;
    const char *link_type;  /* e.g. "uses", "lives_at", "attended"; [a-z_]{1,40} */
    const char *provenance; /* how it is known; required */
    double confidence;      /* 0..1 */
    ac_link_status status;  /* on add: PROPOSED or CONFIRMED only */
} ac_link;

AC_API const char *ac_object_kind_str(ac_object_kind k);
AC_API AC_NODISCARD ac_code ac_object_kind_parse(const char *s, ac_object_kind *out, ac_error *err);
AC_API const char *ac_link_status_str(ac_link_status s);
AC_API AC_NODISCARD ac_code ac_link_status_parse(const char *s, ac_link_status *out, ac_error *err);

/* Add a record held by the actor's agency; *OUT_ID (in A) is its new id.  AC_EINVAL names
 * the field and the reason; AC_EDENIED when the actor may not write records. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_object_add(ac_hub *hub,
                                                                    const ac_actor *actor,
                                                                    const char *purpose,
                                                                    const ac_object *in,
                                                                    ac_arena *a,
                                                                    const char **out_id,
                                                                    ac_error *err);
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_location_add(ac_hub *hub,
                                                                      const ac_actor *actor,
                                                                      const char *purpose,
                                                                      const ac_location *in,
                                                                      ac_arena *a,
                                                                      const char **out_id,
                                                                      ac_error *err);
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_event_add(ac_hub *hub,
                                                                   const ac_actor *actor,
                                                                   const char *purpose,
                                                                   const ac_event *in,
                                                                   ac_arena *a,
                                                                   const char **out_id,
                                                                   ac_error *err);

/* One record by id, in A.  AC_ENOTFOUND both when there is none and when the actor may
 * not see it (the two are indistinguishable by design). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_object_get(ac_hub *hub,
                                                                    const ac_actor *actor,
                                                                    const char *purpose,
                                                                    const char *id,
                                                                    ac_arena *a,
                                                                    ac_object *out,
                                                                    ac_error *err);
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_location_get(ac_hub *hub,
                                                                      const ac_actor *actor,
                                                                      const char *purpose,
                                                                      const char *id,
                                                                      ac_arena *a,
                                                                      ac_location *out,
                                                                      ac_error *err);
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_event_get(ac_hub *hub,
                                                                   const ac_actor *actor,
                                                                   const char *purpose,
                                                                   const char *id,
                                                                   ac_arena *a,
                                                                   ac_event *out,
                                                                   ac_error *err);

/* A page of the records the actor's agency holds. */
typedef struct ac_record_page {
    const char *match; /* objects: value (compared by key, e.g. "07700 900123" = "07700900123");
                          locations: postcode prefix; events: kind; NULL for all */
    const char *after; /* cursor: only ids that sort after this; NULL from the start */
    size_t limit;      /* 1..100; 0 means 100 */
} ac_record_page;

/* Records matching PAGE in id order, in A.  For the next page pass the last id returned
 * as PAGE->after; fewer than the limit means the end. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6, 7) ac_code ac_object_list(ac_hub *hub,
                                                                        const ac_actor *actor,
                                                                        const char *purpose,
                                                                        const ac_record_page *page,
                                                                        ac_arena *a,
                                                                        ac_object **out,
                                                                        size_t *out_n,
                                                                        ac_error *err);
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6, 7) ac_code
    ac_location_list(ac_hub *hub,
                     const ac_actor *actor,
                     const char *purpose,
                     const ac_record_page *page,
                     ac_arena *a,
                     ac_location **out,
                     size_t *out_n,
                     ac_error *err);
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6, 7) ac_code ac_event_list(ac_hub *hub,
                                                                       const ac_actor *actor,
                                                                       const char *purpose,
                                                                       const ac_record_page *page,
                                                                       ac_arena *a,
                                                                       ac_event **out,
                                                                       size_t *out_n,
                                                                       ac_error *err);

/* Link two records the actor can see (an end it cannot see is AC_ENOTFOUND, as if it did
 * not exist).  The link is held by the actor's agency. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_link_add(ac_hub *hub,
                                                                  const ac_actor *actor,
                                                                  const char *purpose,
                                                                  const ac_link *in,
                                                                  ac_arena *a,
                                                                  const char **out_id,
                                                                  ac_error *err);
/* One link by id (held by the actor's agency). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_link_get(ac_hub *hub,
                                                                  const ac_actor *actor,
                                                                  const char *purpose,
                                                                  const char *id,
                                                                  ac_arena *a,
                                                                  ac_link *out,
                                                                  ac_error *err);
/* The links the actor's agency holds that touch RECORD_ID, oldest first (at most 1000). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6, 7) ac_code ac_link_list(ac_hub *hub,
                                                                      const ac_actor *actor,
                                                                      const char *purpose,
                                                                      const char *record_id,
                                                                      ac_arena *a,
                                                                      ac_link **out,
                                                                      size_t *out_n,
                                                                      ac_error *err);
/* The links the actor's agency holds that are still proposed, awaiting a person's decision
 * (ac_link_decide), oldest first (at most 1000).  GET /api/v1/links?status=proposed; the
 * home page's count. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_link_proposals(ac_hub *hub,
                                                                        const ac_actor *actor,
                                                                        const char *purpose,
                                                                        ac_arena *a,
                                                                        ac_link **out,
                                                                        size_t *out_n,
                                                                        ac_error *err);
/* A person's decision on a link: proposed -> confirmed or rejected; confirmed ->
 * retracted, with the REASON (required, kept in the audit trail).  AC_ECONFLICT when the
 * link's version is not EXPECTED_VERSION (someone changed it meanwhile); AC_EINVAL when
 * the move is not allowed from its status or no reason is given. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 7) ac_code ac_link_decide(ac_hub *hub,
                                                                  const ac_actor *actor,
                                                                  const char *purpose,
                                                                  const char *id,
                                                                  ac_link_status status,
                                                                  int64_t expected_version,
                                                                  const char *reason,
                                                                  ac_error *err);

/* Record linkage over the persons the actor's agency holds: pairs whose match probability
 * is at least THRESHOLD become proposed "same_person" links (confidence = the
 * probability; provenance = the model's summary), for a person to confirm or reject with
 * ac_link_decide.  Pairs already linked are left alone.  *OUT_PROPOSED: links made. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 5) ac_code ac_link_propose_duplicates(ac_hub *hub,
                                                                           const ac_actor *actor,
                                                                           const char *purpose,
                                                                           double threshold,
                                                                           size_t *out_proposed,
                                                                           ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_POLE_H */
