/* SPDX-License-Identifier: Apache-2.0
 *
 * rfi.h - requests for information and person disclosures (issue 15.3-4).
 *
 * A user who sees a pointer (holding.h) quotes its reference, or names a case and an
 * agency, and asks the holder: why (purpose), under which gateway (lawful basis), what is
 * asked, and how urgently (routine: 10 working days, urgent: 24 hours, immediate: 1 hour,
 * from data/workflows/rfi_urgency.csv).  The holder's content users see the queue and
 * answer with a person disclosure, a refusal with its reason, or "no further information";
 * one still open past its deadline is escalated by the scheduler (ac_hub_tick).
 *
 * A person disclosure releases chosen fields of one person record (names, date of birth,
 * addresses with dates, identifiers, a summary the holder writes) to one agency or one
 * case, frozen as released: a later edit of the record does not change it.  The rules are
 * those of item disclosures (item.h): only the holder releases; a release marked below
 * the record's classification (every person record is OFFICIAL-SENSITIVE) waits for a
 * second user of the holder; it names a gateway and an expiry; the reader needs the
 * clearance for its marking; revocation ends it at once.  Every step is audited with its
 * recipients (DPA 2018 s.62).
 */
#ifndef ACCORD_RFI_H
#define ACCORD_RFI_H

#include <stdbool.h>
#include <stddef.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"
#include "accord/item.h"
#include "accord/party.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ac_rfi_urgency {
    AC_RFI_ROUTINE = 0,
    AC_RFI_URGENT,
    AC_RFI_IMMEDIATE,
    AC_RFI_URGENCY_COUNT
} ac_rfi_urgency;

typedef enum ac_rfi_status {
    AC_RFI_OPEN = 0,
    AC_RFI_DISCLOSED,      /* answered with a person disclosure */
    AC_RFI_REFUSED,        /* refused, with a reason */
    AC_RFI_NO_INFORMATION, /* "no further information" */
    AC_RFI_STATUS_COUNT
} ac_rfi_status;

typedef struct ac_rfi {
    const char *id;
    const char *from_agency_id; /* the asking agency */
    const char *asked_by;       /* the asking user's id */
    const char *to_agency_id;   /* the holder asked */
    const char *ref;            /* the pointer's reference asked about, or NULL */
    const char *case_id;        /* or the case it is asked for, or NULL */
    const char *held_person_id; /* shown to the holder only: its record (NULL otherwise) */
    const char *purpose;        /* why it is asked (required) */
    const char *lawful_basis;   /* a gateway code ('accord gateway list') */
    const char *question;       /* what is asked (required) */
    ac_rfi_urgency urgency;
    const char *due_at; /* RFC 3339: set by the hub from the urgency */
    ac_rfi_status status;
    const char *answer;        /* a refusal's reason, or a note with the answer; or NULL */
    const char *disclosure_id; /* the person disclosure that answered, or NULL */
    const char *answered_by;   /* user id, or NULL */
    const char *answered_at;
    const char *escalated_at; /* when the scheduler found it overdue, or NULL */
    const char *created_at;
    const char *from_agency_name; /* out: names for people to read */
    const char *to_agency_name;
} ac_rfi;

/* Stable names ("routine", "no_information") and their parsers. */
AC_API const char *ac_rfi_urgency_str(ac_rfi_urgency u);
AC_API const char *ac_rfi_status_str(ac_rfi_status s);
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_rfi_urgency_parse(const char *s, ac_rfi_urgency *out, ac_error *err);

/* Ask: IN->ref (a pointer the actor sees), or IN->case_id with IN->to_agency_id; purpose,
 * lawful_basis, question and urgency.  The new id in *OUT_ID (in A).  A reference the
 * actor does not see is "not found", as one that does not exist. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4, 5, 6) ac_code ac_rfi_ask(ac_hub *hub,
                                                                    const ac_actor *actor,
                                                                    const char *purpose,
                                                                    const ac_rfi *in,
                                                                    ac_arena *a,
                                                                    const char **out_id,
                                                                    ac_error *err);

/* The requests sent to the actor's agency (INCOMING: its queue) or sent by it, newest
 * first; OPEN_ONLY keeps the open ones. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 6, 7) ac_code ac_rfi_list(ac_hub *hub,
                                                                  const ac_actor *actor,
                                                                  const char *purpose,
                                                                  bool incoming,
                                                                  bool open_only,
                                                                  ac_arena *a,
                                                                  ac_rfi **out,
                                                                  size_t *out_n,
                                                                  ac_error *err);

/* One request, to a content user of the asking or the holding agency. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4, 5, 6) ac_code ac_rfi_get(ac_hub *hub,
                                                                    const ac_actor *actor,
                                                                    const char *purpose,
                                                                    const char *id,
                                                                    ac_arena *a,
                                                                    ac_rfi *out,
                                                                    ac_error *err);

/* The holder closes an open request: AC_RFI_REFUSED (TEXT: the reason, required) or
 * AC_RFI_NO_INFORMATION (TEXT: an optional note).  A disclosure answers it through
 * ac_person_disclose with rfi_id. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4) ac_code ac_rfi_close(ac_hub *hub,
                                                                const ac_actor *actor,
                                                                const char *purpose,
                                                                const char *id,
                                                                ac_rfi_status outcome,
                                                                const char *text,
                                                                ac_error *err);

/* ---- person disclosures ---- */

/* The fields a person disclosure may release (bits). */
#define AC_PD_NAMES       (1u << 0)
#define AC_PD_DOB         (1u << 1)
#define AC_PD_ADDRESSES   (1u << 2)
#define AC_PD_IDENTIFIERS (1u << 3)
#define AC_PD_SUMMARY     (1u << 4)
#define AC_PD_ALL         0x1fu

/* "names,dob" into bits (names, dob, addresses, identifiers, summary); AC_EINVAL naming
 * the unknown field and the accepted ones. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_pd_fields_parse(const char *s, unsigned *out, ac_error *err);
/* The bits as "names,dob" into A. */
AC_API AC_NONNULL(1) char *ac_pd_fields_format(ac_arena *a, unsigned fields);

typedef struct ac_person_disclosure {
    const char *id;
    const char *person_id;           /* the holder's record; NULL when read by a recipient */
    const char *holder_agency_id;    /* the holder */
    const char *recipient_agency_id; /* one agency, or */
    const char *recipient_case_id;   /* one case */
    const char *rfi_id;              /* the request it answers, or NULL (for an RFI: the
                                        recipient is the asking agency and the record the
                                        one asked about) */
    const char *purpose;             /* why it is shared */
    const char *lawful_basis;        /* a gateway code */
    unsigned fields;                 /* AC_PD_* bits released */
    const char *summary;             /* in: the text the holder writes (AC_PD_SUMMARY) */
    ac_classification classification;
    const char *handling_conditions; /* or NULL */
    const char *expires_at;          /* RFC 3339 or a day */
    const char *status;              /* "pending_approval", "live", "revoked" */
    const char *released;            /* out: the frozen copy, JSON: {"names":[...],...} */
    const char *released_by;
    const char *approved_by;
    const char *created_at;
    const char *holder_agency_name; /* out: for people to read */
    bool release_iss;               /* in: the holder states that it releases
                                       intelligence-service material (a Security Service
                                       record, CTSA 2015 s.38(5)(a)); needed for one */
} ac_person_disclosure;

/* Release IN->fields of IN->person_id (or, with IN->rfi_id, of the record asked about, to
 * the asking agency, which answers the request).  The copy is made now. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4, 5, 6) ac_code
    ac_person_disclose(ac_hub *hub,
                       const ac_actor *actor,
                       const char *purpose,
                       const ac_person_disclosure *in,
                       ac_arena *a,
                       const char **out_id,
                       ac_error *err);
/* A second user of the holder approves a pending release; the holder revokes one. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4) ac_code
    ac_person_disclosure_approve(ac_hub *hub,
                                 const ac_actor *actor,
                                 const char *purpose,
                                 const char *id,
                                 ac_error *err);
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4) ac_code
    ac_person_disclosure_revoke(ac_hub *hub,
                                const ac_actor *actor,
                                const char *purpose,
                                const char *id,
                                ac_error *err);
/* One disclosure: to the holder, or to a recipient while it is live and unexpired.
 * Anything else is "not found". */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4, 5, 6) ac_code
    ac_person_disclosure_get(ac_hub *hub,
                             const ac_actor *actor,
                             const char *purpose,
                             const char *id,
                             ac_arena *a,
                             ac_person_disclosure *out,
                             ac_error *err);
/* The disclosures that reach the actor (live, unexpired) and those its agency released,
 * newest first. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3, 4, 5, 6) ac_code
    ac_person_disclosure_list(ac_hub *hub,
                              const ac_actor *actor,
                              const char *purpose,
                              ac_arena *a,
                              ac_person_disclosure **out,
                              size_t *out_n,
                              ac_error *err);

/* A lawful basis (gateway) a request or disclosure may name: the hub's table
 * (lib/store/sql/sqlite/0003_disclosures.sql, 0011_iss_gateways.sql), which the
 * partnership may extend.  GET /api/v1/lawful-bases. */
typedef struct ac_lawful_basis {
    const char *code;   /* "cda1998-s115": what requests and disclosures name */
    const char *title;  /* what a person reads: the statute, section and what it allows */
    const char *source; /* the legislation.gov.uk address of the provision */
    bool carries_iss;   /* may carry intelligence-service material (CTSA 2015 s.38(5)) */
} ac_lawful_basis;

/* Every lawful basis, by code, for a user who may ask for or answer requests (the roles
 * that list requests).  *OUT (in A), *OUT_N. */
AC_API AC_NODISCARD AC_NONNULL(2, 4, 5, 6) ac_code ac_lawful_basis_list(ac_hub *hub,
                                                                        const ac_actor *actor,
                                                                        const char *purpose,
                                                                        ac_arena *a,
                                                                        ac_lawful_basis **out,
                                                                        size_t *out_n,
                                                                        ac_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ACCORD_RFI_H */
