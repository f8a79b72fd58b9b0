/* SPDX-License-Identifier: Apache-2.0
 *
 * workflow.h - the steps of a case (item.h) through its workflow, its timeline, and the
 * deadlines nobody may miss silently.
 *
 * Each case type follows a workflow declared as data (data/workflows/states.csv and
 * steps.csv): soi and maa_review the subject-of-interest workflow (active, closed,
 * nominated for a multi-agency review, summary shared through a disclosure, panel, its
 * decision, review); prevent_referral and channel the Prevent workflow (referral, police
 * gateway assessment, Channel panel, Vulnerability Assessment Framework judgement,
 * consent, support plan, exit, reviews at 6 and 12 months); offender_notification the
 * Counter-Terrorism Act 2008 Part 4 notification requirements.  A step names who may take
 * it (a role at an agency of some kind), the fields it needs and always a rationale; the
 * actor must also be of the case's lead agency or a member of the case.  Entering a state
 * starts its deadline; ac_case_deadlines_escalate raises an alert, routed like those from
 * reports, for each deadline that passed, and a reminder a day before.  Every call is audited.
 */
#ifndef ACCORD_WORKFLOW_H
#define ACCORD_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A named value given with a step: "consent_by" = "parent: Amina Shah".  Names ending in
 * "_on", and date_of_birth, are dates (YYYY-MM-DD), not in the future but for the planned
 * departure_on and return_on of a foreign-travel notice. */
typedef struct ac_case_field {
    const char *name;
    const char *value;
} ac_case_field;

/* A field some step takes (steps.csv), with the values it may have (values.csv). */
typedef struct ac_workflow_field {
    const char *name;
    const char *values; /* "a, b, c": every value it takes; NULL: free text (or a date) */
} ac_workflow_field;

/* Every field the workflows' steps take, in the order the steps first name them, each with
 * all the values it may have: for help that lists them (accord case --help) and for forms.
 * Needs no hub: the tables are the ones built in.  In A. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3) ac_code
    ac_workflow_fields(ac_arena *a, ac_workflow_field **out, size_t *out_n, ac_error *err);

typedef struct ac_case_event {
    int64_t seq;           /* 1, 2, ... in the case */
    const char *at;        /* RFC 3339 */
    const char *actor_id;  /* the user */
    const char *agency_id; /* and their agency */
    const char *kind;      /* "step" or "note" */
    const char *step;      /* for a step: its name, the state before and after */
    const char *from_state;
    const char *to_state;
    const char *rationale;   /* the step's rationale, or the note's text */
    const char *fields_json; /* the step's fields as a JSON object ("{}" for a note) */
    int late_days;           /* > 0: the step came this many days after its allowance */
    const char *actor_name;  /* the user's display name, for people to read */
    const char *agency_name; /* and their agency's name */
} ac_case_event;

typedef struct ac_case_next_step {
    const char *step;
    const char *to;       /* the state it leads to ("=": stays) */
    const char *roles;    /* who may take it: roles, comma-separated */
    const char *agencies; /* at agencies of these kinds, comma-separated */
    const char *requires; /* fields it needs besides the rationale, comma-separated */
    bool allowed;         /* the actor may take it */
} ac_case_next_step;

typedef struct ac_case_due {
    const char *case_id;
    const char *lead_agency_id;
    const char *case_type;
    const char *title;
    const char *state;
    const char *due_at; /* RFC 3339: the end of the due day in UK time */
    const char *basis;  /* where the deadline comes from */
    bool overdue;
} ac_case_due;

/* Take STEP on case CASE_ID with RATIONALE and FIELDS; *NEW_STATE (in A) is the state the
 * case is now in.  AC_EINVAL: not a step from the case's state (the message names the
 * next steps), a missing rationale or field, a bad date, an under-18's consent not a
 * parent's or guardian's, a general case (no workflow).  AC_EDENIED: the wrong role or
 * kind of agency.  AC_ENOTFOUND: the actor is neither of the lead agency nor a member. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 9, 10) ac_code ac_case_step(ac_hub *hub,
                                                                       const ac_actor *actor,
                                                                       const char *purpose,
                                                                       const char *case_id,
                                                                       const char *step,
                                                                       const char *rationale,
                                                                       const ac_case_field *fields,
                                                                       size_t n_fields,
                                                                       ac_arena *a,
                                                                       const char **new_state,
                                                                       ac_error *err);
/* Add a note to the case's timeline (lead agency's content users and members). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5) ac_code ac_case_note(ac_hub *hub,
                                                                const ac_actor *actor,
                                                                const char *purpose,
                                                                const char *case_id,
                                                                const char *text,
                                                                ac_error *err);
/* The case's timeline, oldest first. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6, 7) ac_code ac_case_timeline(ac_hub *hub,
                                                                          const ac_actor *actor,
                                                                          const char *purpose,
                                                                          const char *case_id,
                                                                          ac_arena *a,
                                                                          ac_case_event **out,
                                                                          size_t *out_n,
                                                                          ac_error *err);
/* The steps from the case's current state, each marked allowed or not for the actor. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6, 7) ac_code ac_case_next_steps(ac_hub *hub,
                                                                            const ac_actor *actor,
                                                                            const char *purpose,
                                                                            const char *case_id,
                                                                            ac_arena *a,
                                                                            ac_case_next_step **out,
                                                                            size_t *out_n,
                                                                            ac_error *err);
/* Deadlines of the cases the actor may see that fall due within WITHIN_MS of now (those
 * passed included), soonest first. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 5, 6, 7) ac_code ac_cases_due(ac_hub *hub,
                                                                   const ac_actor *actor,
                                                                   const char *purpose,
                                                                   int64_t within_ms,
                                                                   ac_arena *a,
                                                                   ac_case_due **out,
                                                                   size_t *out_n,
                                                                   ac_error *err);
/* ---- finding cases (ac_case_list) ---- */

#define AC_CASE_LIST_MAX 100 /* cases one ac_case_list returns at most */

/* Where ac_case_list looks. */
typedef enum ac_case_scope {
    AC_CASES_VISIBLE = 0, /* every case the actor may read (its agency leads it or is in it) */
    AC_CASES_MINE,        /* of those, the cases the actor opened or is named a member of */
    AC_CASES_AGENCY,      /* of those, the cases the actor's agency leads */
} ac_case_scope;

typedef struct ac_case_query {
    ac_case_scope scope;
    const char *type;      /* a case type ("channel"), or NULL for any */
    const char *state;     /* a workflow state ("received"), or NULL for any */
    int64_t due_within_ms; /* < 0: any; else only cases with a deadline before now plus
                              this (passed deadlines included) */
    size_t limit;          /* 0 or more than AC_CASE_LIST_MAX: AC_CASE_LIST_MAX */
} ac_case_query;

typedef struct ac_case_summary {
    const char *id;
    const char *lead_agency_id;
    const char *lead_agency_name; /* for people to read; the id is for machines */
    const char *case_type;
    const char *state;
    const char *title;
    const char *opened_at; /* RFC 3339 */
    const char *due_at;    /* the current deadline (RFC 3339), or NULL for none */
    bool overdue;          /* the deadline has passed */
} ac_case_summary;

/* The cases matching Q that the actor may read (the same rule as ac_case_get: a content
 * role, the case's vetting, and the lead agency or membership), those with the nearest
 * deadline first, then the newest; audited with the ids returned.  AC_EINVAL names the
 * field: an unknown type or a state no workflow has. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6, 7) ac_code ac_case_list(ac_hub *hub,
                                                                      const ac_actor *actor,
                                                                      const char *purpose,
                                                                      const ac_case_query *q,
                                                                      ac_arena *a,
                                                                      ac_case_summary **out,
                                                                      size_t *out_n,
                                                                      ac_error *err);

/* Raise an alert for every case deadline that passed and has none yet, and a reminder (a
 * low-priority alert) for every deadline falling due within a day that has had none (duty
 * officers and administrators; run with `accord alerts escalate`).  A passed offender
 * notification is high priority, others medium; the alerts go to the case's lead agency
 * when it has duty officers (CT policing, a police force, the security service), else as
 * report alerts go.  *LAPSED_N and *REMINDED_N say how many of each were raised. */
AC_API AC_NODISCARD AC_NONNULL(2, 4, 5) ac_code ac_case_deadlines_escalate(ac_hub *hub,
                                                                           const ac_actor *actor,
                                                                           const char *purpose,
                                                                           size_t *lapsed_n,
                                                                           size_t *reminded_n,
                                                                           ac_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ACCORD_WORKFLOW_H */
