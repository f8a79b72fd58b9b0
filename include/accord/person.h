/* SPDX-License-Identifier: Apache-2.0
 *
 * person.h - the P of POLE: a person as one agency records them, with several names,
 * a possibly partial date of birth, addresses over time and typed identifiers.
 *
 * There is deliberately no field for religion, ethnicity, race, sexuality, political
 * opinion, health or nationality (ARCHITECTURE.md safeguard 2).
 */
#ifndef ACCORD_PERSON_H
#define ACCORD_PERSON_H

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

typedef enum ac_name_kind {
    AC_NAME_PRIMARY = 0,     /* the name the agency knows the person by; exactly one */
    AC_NAME_ALIAS,           /* another name the person uses */
    AC_NAME_FORMER,          /* a name used before (e.g. before marriage) */
    AC_NAME_TRANSLITERATION, /* the same name written from another script */
    AC_NAME_KIND_COUNT
} ac_name_kind;

typedef enum ac_identifier_kind {
    AC_IDENT_PASSPORT = 0,
    AC_IDENT_NI_NUMBER,       /* National Insurance number */
    AC_IDENT_PNC_ID,          /* Police National Computer id */
    AC_IDENT_DRIVING_LICENCE, /* DVLA driver number */
    AC_IDENT_OTHER,
    AC_IDENT_KIND_COUNT
} ac_identifier_kind;

typedef struct ac_person_name {
    ac_name_kind kind;
    const char *given;  /* given name(s) as entered; may be NULL */
    const char *middle; /* middle name(s); may be NULL */
    const char *family; /* family name; may be NULL */
    const char *full;   /* the whole name for display; derived from the parts when NULL */
    const char *key;    /* matching key of full (text.h); computed by the hub */
} ac_person_name;

typedef struct ac_address {
    const char *line;     /* house and street, as entered */
    const char *town;     /* may be NULL */
    const char *postcode; /* UK postcode normalised to "B11 4AA" when it parses; may be NULL */
    ac_date from;         /* when the person lived there, as far as known */
    ac_date to;           /* precision NONE = still there or not known */
} ac_address;

typedef struct ac_identifier {
    ac_identifier_kind kind;
    const char *value;  /* as entered */
    const char *issuer; /* issuing country or body; may be NULL */
} ac_identifier;

typedef struct ac_person {
    const char *id;         /* hub record id; ignored on add */
    const char *agency_id;  /* the agency that holds this record (originator) */
    const char *source_ref; /* the agency's own reference; unique within the agency; may be NULL */
    ac_date dob;            /* date of birth, possibly partial */
    ac_person_name *names;  /* n_names >= 1; exactly one primary */
    size_t n_names;
    ac_address *addresses; /* most recent first */
    size_t n_addresses;
    ac_identifier *identifiers;
    size_t n_identifiers;
    ac_date review_date;     /* MoPI: when the record must next be reviewed */
    const char *created_at;  /* RFC 3339 UTC; set by the hub */
    const char *updated_at;  /* RFC 3339 UTC; set by the hub */
    int64_t version;         /* 1 on creation, +1 per update */
    const char *merged_into; /* set by the hub: the record this one was merged into, or NULL */
} ac_person;

/* Stable names ("primary", "ni_number") and their parsers (case-insensitive; also
 * accepts common synonyms such as "nino", "pnc", "dl"). */
AC_API const char *ac_name_kind_str(ac_name_kind k);
AC_API const char *ac_identifier_kind_str(ac_identifier_kind k);
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_name_kind_parse(const char *s, ac_name_kind *out, ac_error *err);
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_identifier_kind_parse(const char *s, ac_identifier_kind *out, ac_error *err);

/* Normalise a UK postcode ("b114aa" → "B11 4AA") into A.  AC_EINVAL when S is not a
 * well-formed UK postcode. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3) ac_code
    ac_postcode_normalise(const char *s, ac_arena *a, char **out, ac_error *err);

/* P as one line of JSON (no trailing newline) in A: every name, address and identifier,
 * dates in canonical form.  The JSON Lines export writes exactly this. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3) ac_code
    ac_person_to_json(const ac_person *p, ac_arena *a, char **out, ac_error *err);

/* Add a person to the actor's agency (IN->agency_id, if set, must be that agency).
 * Validates every field; AC_EINVAL names the field and the reason.  AC_ECONFLICT when
 * source_ref is already used in the agency.  The new id is copied into A. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_person_add(ac_hub *hub,
                                                                    const ac_actor *actor,
                                                                    const char *purpose,
                                                                    const ac_person *in,
                                                                    ac_arena *a,
                                                                    const char **out_id,
                                                                    ac_error *err);

/* A record of the caller's own agency that a person being added looks like (issue 15,
 * point 8): the subject index scored the pair at or above its proposal threshold. */
typedef struct ac_person_duplicate {
    const char *id;          /* the existing record */
    const char *name;        /* its primary name, as a person reads it */
    double score;            /* the pair's probability under the subject model, 0..1 */
    const char *explanation; /* the linkage engine's explanation of the score (JSON) */
} ac_person_duplicate;

/* ac_person_add, and the records of the actor's own agency the new one looks like into
 * *OUT_DUPS (in A, best first) and *OUT_N: the record is added all the same; the caller
 * warns.  Another agency's records are never named. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6, 7, 8) ac_code
    ac_person_add_with_duplicates(ac_hub *hub,
                                  const ac_actor *actor,
                                  const char *purpose,
                                  const ac_person *in,
                                  ac_arena *a,
                                  const char **out_id,
                                  ac_person_duplicate **out_dups,
                                  size_t *out_n,
                                  ac_error *err);

/* One person by id, with every name, address and identifier, in A.  AC_ENOTFOUND when
 * it does not exist or the actor may not see it. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_person_get(ac_hub *hub,
                                                                    const ac_actor *actor,
                                                                    const char *purpose,
                                                                    const char *id,
                                                                    ac_arena *a,
                                                                    ac_person **out,
                                                                    ac_error *err);

typedef struct ac_person_query {
    const char *name;     /* a name in any order and script: variants, nicknames, initials,
                           * one typo in a word of 5+ letters and words begun all meet */
    ac_date dob;          /* when set: the person's date of birth must agree as far as known */
    const char *postcode; /* when set: an address with this postcode, sector or outward code */
    size_t limit;         /* at most this many results; 0 means 50; at most 1000 */
    const char *after;    /* a cursor: only the answers after the one with this id, or NULL */
} ac_person_query;

/* One answer of a search: the person, how well they met the query and why. */
typedef struct ac_person_hit {
    ac_person person;
    double score;            /* 0..1, the screening engine's name score (1 for a postcode) */
    const char *explanation; /* which field matched how, in words */
} ac_person_hit;

/* Persons the actor may see that match Q, best first (score, then id); by postcode
 * alone, in id order.  For the next page, pass the last id returned as Q->after.  Only
 * visible records are searched and counted.  Requires a name or a postcode. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6, 7) ac_code ac_person_search(ac_hub *hub,
                                                                          const ac_actor *actor,
                                                                          const char *purpose,
                                                                          const ac_person_query *q,
                                                                          ac_arena *a,
                                                                          ac_person_hit **out,
                                                                          size_t *out_n,
                                                                          ac_error *err);

/* Persons the actor may see holding IDENTIFIER: "KIND:VALUE" (KIND as
 * ac_identifier_kind_parse reads it: NI, PNC, passport, DL, other, or the stored names)
 * or a VALUE alone for every kind; the value is compared on its letters and digits, case
 * ignored ("ab 12 34 56 c" is AB123456C).  In id order, at most LIMIT (0 means 50; at most
 * 1000) after the id AFTER (NULL: from the start); each hit's score is 1 and its
 * explanation names the identifier that agreed ("NI number agrees").  AC_EINVAL names the
 * field and what to write.  Only visible records are searched; audited as a search. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 7, 8, 9) ac_code
    ac_person_search_identifier(ac_hub *hub,
                                const ac_actor *actor,
                                const char *purpose,
                                const char *identifier,
                                size_t limit,
                                const char *after,
                                ac_arena *a,
                                ac_person_hit **out,
                                size_t *out_n,
                                ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_PERSON_H */
