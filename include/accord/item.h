/* SPDX-License-Identifier: Apache-2.0
 *
 * item.h - intelligence items and their controlled sharing.
 *
 * An item belongs to the agency that wrote it (the originator) and is marked with a
 * classification (GSCP: OFFICIAL, OFFICIAL-SENSITIVE, SECRET, TOP SECRET), caveats and a
 * 3x5x2 grading.  Outside its originating agency it is readable only through a live
 * disclosure, which releases it, or a redacted version of it, to named agencies or to a
 * case, for a purpose, under a lawful gateway, until an expiry.  Recipients see only the
 * released version.  Releasing below the original classification needs a second person's
 * approval.  Only the originator edits an item.  Items bound to a case are read only by
 * its members.  Who may read what is decided by the policy on every call; a record the
 * caller may not read is "not found".
 */
#ifndef ACCORD_ITEM_H
#define ACCORD_ITEM_H

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

typedef enum ac_classification {
    AC_CLASS_OFFICIAL = 0,
    AC_CLASS_OFFICIAL_SENSITIVE,
    AC_CLASS_SECRET,
    AC_CLASS_TOP_SECRET,
    AC_CLASS_COUNT
} ac_classification;

/* Caveats: bits. */
typedef enum ac_caveat {
    AC_CAVEAT_UK_EYES_ONLY = 1u << 0, /* never to an international partner or outside GB; a
                                         national caveat: only on SECRET and TOP SECRET (GSCP
                                         2024) */
    AC_CAVEAT_ISS = 1u << 1,          /* intelligence-service material (CTSA 2015 s.38(5)): set
                                         on every item the Security Service writes; disclosed
                                         only under a gateway that carries it (SSA 1989
                                         s.2(2)(a), CTA 2008 s.19) with release_iss; never
                                         bound to a Prevent or Channel case; never read by a
                                         local authority */
} ac_caveat;
#define AC_CAVEAT_ALL 0x3u

typedef enum ac_case_type {
    AC_CASE_SOI = 0,          /* subject of interest */
    AC_CASE_MAA_REVIEW,       /* multi-agency approach review of a closed SOI */
    AC_CASE_PREVENT_REFERRAL, /* Prevent referral */
    AC_CASE_CHANNEL,          /* Channel panel case */
    AC_CASE_OFFENDER_NOTIFICATION,
    AC_CASE_GENERAL,
    AC_CASE_TYPE_COUNT
} ac_case_type;

typedef struct ac_item {
    const char *id;        /* hub record id; ignored on add */
    const char *agency_id; /* originator; set by the hub */
    const char *author_id; /* user who wrote it; set by the hub */
    const char *case_id;   /* case the item is bound to (need-to-know), or NULL */
    const char *body;      /* the intelligence text */
    ac_classification classification;
    unsigned caveats;                /* ac_caveat bits */
    const char *releasable_to;       /* comma-separated agency ids or agency kinds it may be
                                        disclosed to, or NULL for any partner agency */
    char source_eval;                /* 3x5x2 source: '1' reliable, '2' untested, '3' unreliable */
    char intel_eval;                 /* 'A'..'E' */
    char handling;                   /* 'P' or 'C' */
    const char *handling_conditions; /* required with 'C'; travel with every copy */
    ac_date review_date;             /* MoPI review; default six years on */
    const char *created_at;
    const char *updated_at;
    int64_t version;
    /* set on reads through a disclosure: the caller sees the released version */
    const char *disclosure_id; /* NULL when read as the originator */
    const char *lawful_basis;  /* the gateway the disclosure names */
    const char *purpose;       /* the disclosure's purpose */
    const char *expires_at;    /* the disclosure's expiry */
} ac_item;

typedef struct ac_disclosure {
    const char *id;
    const char *item_id;
    const char *recipient_agency_id;  /* an agency, or */
    const char *recipient_case_id;    /* a case (its member agencies and users) */
    const char *purpose;              /* why it is shared */
    const char *lawful_basis;         /* gateway code (see 'accord gateway list') */
    const char *body;                 /* released text (redacted), or NULL for the original */
    ac_classification classification; /* of the released version: at most the item's */
    unsigned caveats;                 /* of the released version: at least the item's */
    const char *handling_conditions;  /* added to the item's */
    const char *expires_at;           /* RFC 3339; required */
    const char *status;               /* "pending_approval", "live", "revoked"; set by hub */
    const char *released_by, *approved_by, *revoked_by;
    const char *created_at;
    bool release_iss; /* the originator's explicit release of intelligence-service material:
                         required when the item or the release carries AC_CAVEAT_ISS */
} ac_disclosure;

AC_API const char *ac_classification_str(ac_classification c); /* "official_sensitive" */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_classification_parse(const char *s, ac_classification *out, ac_error *err);
AC_API const char *ac_case_type_str(ac_case_type t);
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_case_type_parse(const char *s, ac_case_type *out, ac_error *err);
/* A legacy 5x5x5 grading (source A-E, intelligence 1-5, handling 1-5, e.g. "B24"), as
 * 3x5x2 by the table data/grading/5x5x5_to_3x5x2.csv (its sources and reasoning there):
 * OUT_GRADE gets the three codes and a NUL ("1AC"); *OUT_CONDITIONS the handling
 * conditions a code C carries (in A), or NULL for P.  AC_EINVAL for a grade the table
 * does not know; AC_ENOMEM. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4) ac_code ac_grade_from_5x5x5(const char *legacy,
                                                                       ac_arena *a,
                                                                       char out_grade[4],
                                                                       const char **out_conditions,
                                                                       ac_error *err);
/* Comma-separated caveat names: "uk_eyes_only", "iss". */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_caveats_parse(const char *s, unsigned *out, ac_error *err);

/* Add an item as the actor's agency (writer roles; the actor must be cleared for the
 * classification).  Binding it to a case needs case membership; an ISS item cannot be
 * bound to a Prevent or Channel case.  New id in A. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_item_add(ac_hub *hub,
                                                                  const ac_actor *actor,
                                                                  const char *purpose,
                                                                  const ac_item *in,
                                                                  ac_arena *a,
                                                                  const char **out_id,
                                                                  ac_error *err);

/* Read an item: the original for its originator's cleared users (and the case's members,
 * when bound to a case); the released version for recipients of a live disclosure.
 * AC_ENOTFOUND when the item does not exist or the actor may not read it. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_item_get(ac_hub *hub,
                                                                  const ac_actor *actor,
                                                                  const char *purpose,
                                                                  const char *id,
                                                                  ac_arena *a,
                                                                  ac_item **out,
                                                                  ac_error *err);

/* Every item the actor may read (originals and released versions), newest first, at
 * most LIMIT (0 = 100). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 5, 6, 7) ac_code ac_item_list(ac_hub *hub,
                                                                   const ac_actor *actor,
                                                                   const char *purpose,
                                                                   size_t limit,
                                                                   ac_arena *a,
                                                                   ac_item **out,
                                                                   size_t *out_n,
                                                                   ac_error *err);

/* Change an item's text (originator's writers only).  EXPECTED_VERSION must match
 * (AC_ECONFLICT otherwise). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5) ac_code ac_item_update_body(ac_hub *hub,
                                                                       const ac_actor *actor,
                                                                       const char *purpose,
                                                                       const char *id,
                                                                       const char *body,
                                                                       int64_t expected_version,
                                                                       ac_error *err);

/* Open a case led by the actor's agency, which becomes its first member.  New id in A. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 5, 6) ac_code ac_case_add(ac_hub *hub,
                                                               const ac_actor *actor,
                                                               const char *purpose,
                                                               ac_case_type type,
                                                               const char *title,
                                                               ac_arena *a,
                                                               const char **out_id,
                                                               ac_error *err);

/* The same, with the person records PERSON_IDS[0..N_SUBJECTS) as its subjects: each must be
 * one the actor may read (else AC_ENOTFOUND naming it, and no case is opened). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 5, 8, 9) ac_code
    ac_case_add_with_subjects(ac_hub *hub,
                              const ac_actor *actor,
                              const char *purpose,
                              ac_case_type type,
                              const char *title,
                              const char *const *person_ids,
                              size_t n_subjects,
                              ac_arena *a,
                              const char **out_id,
                              ac_error *err);

/* Add person PERSON_ID as a subject of case CASE_ID: for writers who may read the case
 * (else AC_ENOTFOUND, as if there were no case) and the person record (else AC_ENOTFOUND
 * naming the person).  AC_ECONFLICT when it is already a subject. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5) ac_code ac_case_subject_add(ac_hub *hub,
                                                                       const ac_actor *actor,
                                                                       const char *purpose,
                                                                       const char *case_id,
                                                                       const char *person_id,
                                                                       ac_error *err);

typedef struct ac_case_member {
    const char *agency_id;
    const char *user_id; /* NULL when the whole agency is the member */
    const char *role;    /* "lead", "member", "chair" or "observer" */
    const char *added_at;
    const char *agency_name; /* for people to read (ids are for machines) */
    const char *user_name;   /* the user's display name, or NULL with user_id */
} ac_case_member;

/* A person record a case is about (case_subject.c): case content, seen by whoever may
 * read the case. */
typedef struct ac_case_subject {
    const char *person_id;
    const char *agency_id;   /* the agency that holds the record */
    const char *agency_name; /* for people to read */
    const char *name;        /* the record's primary name */
    const char *added_at;
    const char *added_by; /* the display name of the user who added it */
} ac_case_subject;

typedef struct ac_case {
    const char *id;
    const char *lead_agency_id;
    ac_case_type type;
    const char *state;
    const char *title;
    ac_case_member *members; /* in the order they joined */
    size_t n_members;
    ac_case_subject *subjects; /* in the order they were added */
    size_t n_subjects;
} ac_case;

/* A case and its members, in A: for the lead agency's content users and the case's
 * members; AC_ENOTFOUND for anyone else (as if there were no such case). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_case_get(ac_hub *hub,
                                                                  const ac_actor *actor,
                                                                  const char *purpose,
                                                                  const char *id,
                                                                  ac_arena *a,
                                                                  ac_case *out,
                                                                  ac_error *err);

/* Add an agency (USER_ID NULL) or one user of it as a member of a case (lead agency's
 * writers only).  ROLE: "member", "chair" or "observer". */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 7) ac_code ac_case_member_add(ac_hub *hub,
                                                                         const ac_actor *actor,
                                                                         const char *purpose,
                                                                         const char *case_id,
                                                                         const char *agency_id,
                                                                         const char *user_id,
                                                                         const char *role,
                                                                         ac_error *err);

/* Release an item (or a redacted version) as its originator (analyst or caseworker).
 * Needs a purpose, a known lawful gateway, an expiry in the future, and a recipient.  A
 * release below the item's classification waits for ac_disclosure_approve by another
 * user of the originating agency; otherwise it is live at once.  Intelligence-service
 * material (AC_CAVEAT_ISS) needs a gateway that carries it and release_iss set; a
 * release below SECRET cannot carry UK EYES ONLY.  New id in A. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_disclosure_create(ac_hub *hub,
                                                                           const ac_actor *actor,
                                                                           const char *purpose,
                                                                           const ac_disclosure *in,
                                                                           ac_arena *a,
                                                                           const char **out_id,
                                                                           ac_error *err);

/* Approve a pending disclosure: a different user of the originating agency, cleared for
 * the original, with a writer role. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code ac_disclosure_approve(ac_hub *hub,
                                                                      const ac_actor *actor,
                                                                      const char *purpose,
                                                                      const char *id,
                                                                      ac_error *err);

/* Revoke a disclosure at once (originating agency's writers). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code ac_disclosure_revoke(ac_hub *hub,
                                                                     const ac_actor *actor,
                                                                     const char *purpose,
                                                                     const char *id,
                                                                     ac_error *err);

/* The disclosures of the actor's agency's items that wait for the actor's approval: pending,
 * released by another user, and ones the policy lets the actor approve (ac_disclosure_approve
 * would); oldest first, in A.  GET /api/v1/disclosures?awaiting=me; the home page's count. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_disclosure_awaiting(ac_hub *hub,
                                                                             const ac_actor *actor,
                                                                             const char *purpose,
                                                                             ac_arena *a,
                                                                             ac_disclosure **out,
                                                                             size_t *out_n,
                                                                             ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_ITEM_H */
