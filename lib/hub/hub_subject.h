/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_subject.h - the subject index (issue 15, point 1): which person records, held by
 * any agency, are the same real person.  Internal to the hub: other hub files (pointers,
 * the picture, requests for information) read it; nothing outside lib/hub does.
 *
 * What a subject is.  Two persons are joined when the linkage engine (lib/link), with the
 * hub's fixed subject model, scores the pair at or above ACI_SUBJECT_JOIN_PROBABILITY; a
 * subject is a connected component of joined pairs.  A person with no join is a subject
 * of one.  Pairs in the band [ACI_SUBJECT_PROPOSE_PROBABILITY, join) are not joined:
 * within one agency they become proposed same_person links for a person to decide, as
 * ac_link_propose_duplicates makes them.
 *
 * Sequence-neutral.  A pair's score depends only on the two records and the fixed model
 * (no term frequencies of the population), and every pair that shares a blocking key is
 * scored when the later of the two is written, so the joined pairs, hence the
 * components, are the same whatever order the records arrived in.  A subject's id is the
 * smallest person id among its members: the same members give the same id in any order.
 * A late record that bridges two subjects merges them (the merged subject takes the
 * smaller id); a changed record that no longer joins splits its old subject.
 *
 * Subject ids therefore change when subjects merge or split: do not store one; store the
 * person id and ask aci_subject_of when you read.
 *
 * A subject carries no content.  It is the hub's index, not visible content: its members
 * include persons of agencies the caller may not see.  These calls ask no policy; the
 * caller must decide, member by member, what (if anything) the actor may learn of a
 * member (its own agency's records; a pointer only where the holder made it
 * discoverable).  Never put a member's id or agency in a message to a user who may not
 * see it.
 *
 * All calls take the store of the operation the caller holds (op->store): the read calls
 * work on a reader connection; aci_subject_resolve writes and needs the writer.
 */
#ifndef ACI_HUB_SUBJECT_H
#define ACI_HUB_SUBJECT_H

#include "internal.h"

#include "accord/hub.h"

struct aci_store;
struct aci_person_dups;

/* Joins at or above this probability are automatic (documented in docs/architecture.md). */
#define ACI_SUBJECT_JOIN_PROBABILITY 0.99
/* The band below it, down to this, is left for a person to decide (proposed links). */
#define ACI_SUBJECT_PROPOSE_PROBABILITY 0.80

/* One member of a subject. */
struct aci_subject_member {
    const char *person_id;
    const char *agency_id; /* the agency that holds the record */
};

/* The evidence of one join: the pair, its score and the engine's explanation. */
struct aci_subject_join {
    const char *person_a, *person_b; /* person_a < person_b */
    double weight;                   /* match weight, log2 of the odds */
    double probability;
    const char *explanation; /* the engine's JSON explanation of the score */
};

/* The subject of PERSON_ID into *OUT_SUBJECT_ID (in A).  A person never resolved (held
 * before the index existed) is its own subject.  AC_ENOTFOUND when no such person. */
ac_code aci_subject_of(struct aci_store *s,
                       const char *person_id,
                       ac_arena *a,
                       const char **out_subject_id,
                       ac_error *err);

/* The members of SUBJECT_ID, in person id order, into *OUT (in A) and *OUT_N (at least
 * 1).  AC_ENOTFOUND when no subject has that id. */
ac_code aci_subject_members(struct aci_store *s,
                            const char *subject_id,
                            ac_arena *a,
                            struct aci_subject_member **out,
                            size_t *out_n,
                            ac_error *err);

/* The joins inside SUBJECT_ID (the evidence), in (person_a, person_b) order; none for a
 * subject of one.  AC_ENOTFOUND when no subject has that id. */
ac_code aci_subject_joins(struct aci_store *s,
                          const char *subject_id,
                          ac_arena *a,
                          struct aci_subject_join **out,
                          size_t *out_n,
                          ac_error *err);

/* Resolve PERSON_ID after it was written or changed: score it against its blocking
 * candidates (every agency's persons), replace its joins, and recompute the subjects it
 * touches.  A pair of ACTOR's agency in the band below the join threshold becomes a
 * proposed same_person link held by that agency, made by ACTOR (a pair across agencies
 * is not proposed: a link's ends must both be visible to its maker).  Called by
 * aci_hub_person_write inside the caller's write transaction; *OUT_SUBJECT_ID (may be
 * NULL) receives its subject, in A.  FRESH: PERSON_ID was inserted in this transaction,
 * so it has no keys or joins to replace.  DUPS (may be NULL) receives each candidate held by
 * ACTOR's agency, not merged away, scored at or above ACI_SUBJECT_PROPOSE_PROBABILITY
 * (joined or proposed): the warning on add (issue 15, point 8). */
ac_code aci_subject_resolve(ac_hub *hub,
                            struct aci_store *s,
                            const ac_actor *actor,
                            const char *person_id,
                            bool fresh,
                            ac_arena *a,
                            const char **out_subject_id,
                            struct aci_person_dups *dups,
                            ac_error *err);

#endif /* ACI_HUB_SUBJECT_H */
