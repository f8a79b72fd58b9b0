/* SPDX-License-Identifier: Apache-2.0
 *
 * workflow.h - case workflows as data (data/workflows/states.csv and steps.csv): the
 * states of each workflow, the steps between them, who may take each step (a role, at an
 * agency of a kind), the fields each step needs (always a rationale) and the deadline
 * that starts when a case enters a state (its arithmetic: deadline.h).  Pure: no storage,
 * no policy beyond the workflow's own rules; the hub runs every step through its gate and
 * audit.
 */
#ifndef ACI_WORKFLOW_H
#define ACI_WORKFLOW_H

#include "internal.h"

#include "accord/party.h"
#include "workflow/deadline.h"

#define ACI_WF_MAX_REQUIRES 12
#define ACI_WF_MAX_FROM     6

struct aci_workflows;

struct aci_wf_step {
    const char *workflow;
    const char *name;
    const char *from[ACI_WF_MAX_FROM];
    size_t n_from;
    const char *to;                            /* "=" for a step that stays in its state */
    unsigned roles;                            /* ac_role bits: any of them */
    uint32_t kinds;                            /* bit per ac_agency_kind: any of them */
    const char *requires[ACI_WF_MAX_REQUIRES]; /* the fields the step takes, and no other */
    size_t n_requires;
    unsigned optional;      /* bit K: requires[K] may be left out (written "name?" in steps.csv) */
    const char *late_field; /* a date field the step must follow within late_days, or NULL */
    int late_days;
};

struct aci_wf_state {
    const char *workflow;
    const char *name;
    bool start, end;
    bool has_deadline;
    struct aci_span deadline;
    const char *from_field; /* the deadline runs from the date in this field, or NULL: entry */
    const char *basis;      /* where the deadline comes from */
};

/* One named value given with a step. */
struct aci_wf_field {
    const char *name;
    const char *value;
};

/* Load the workflows from the three tables' text (states, steps and the values some
 * fields take; NULL: the shipped ones).  AC_EINVAL names the table, line and field. */
ac_code aci_workflows_load(const char *states_csv,
                           const char *steps_csv,
                           const char *values_csv,
                           struct aci_workflows **out,
                           ac_error *err);
void aci_workflows_free(struct aci_workflows *w);

/* What a person reads for a case type: "Prevent referral" for prevent_referral (the web's
 * web/src/labels.ts says the same); an unknown type as it is. */
const char *aci_case_type_words(const char *case_type);
/* A state or field code as words ("channel_panel" -> "channel panel") into OUT (SIZE
 * bytes), cut short if it does not fit. */
void aci_code_words(const char *code, char *out, size_t size);

/* The workflow a case type follows ("soi" for soi and maa_review, "prevent_referral" for
 * prevent_referral and channel, "offender" for offender_notification), or NULL. */
const char *aci_workflow_of_case(const char *case_type);

/* Step I of all the workflows' steps, in table order, or NULL past the last. */
const struct aci_wf_step *aci_workflow_step_at(const struct aci_workflows *w, size_t i);

/* The state a case of WORKFLOW starts in, or NULL for no such workflow. */
const char *aci_workflow_start(const struct aci_workflows *w, const char *workflow);
const struct aci_wf_state *
aci_workflow_state(const struct aci_workflows *w, const char *workflow, const char *state);

/* Steps of WORKFLOW that may be taken from STATE (by ACTOR when not NULL), into OUT
 * (up to CAP); returns how many there are. */
size_t aci_workflow_next(const struct aci_workflows *w,
                         const char *workflow,
                         const char *state,
                         const ac_actor *actor,
                         const struct aci_wf_step **out,
                         size_t cap);

/* Check that ACTOR may take STEP from STATE with RATIONALE and FIELDS; *OUT is the step.
 * AC_EINVAL: no such step from this state (the message lists the next steps), a missing
 * rationale or field, a field the step does not take (named, with the nearest the step
 * takes), a value not among those a field takes (values.csv: the message lists them all,
 * as does the one for the field left out), an under-18's
 * consent not given by a parent or guardian.
 * AC_EDENIED: the wrong role or kind of agency (the message says which are needed). */
ac_code aci_workflow_check(const struct aci_workflows *w,
                           const char *workflow,
                           const char *state,
                           const char *step,
                           const ac_actor *actor,
                           const char *rationale,
                           const struct aci_wf_field *fields,
                           size_t n_fields,
                           const struct aci_wf_step **out,
                           ac_error *err);

/* CTA 2008 s.53: the notification period in years for a sentence of SENTENCE_MONTHS
 * (a number, "life", or "hospital_order") given to someone aged AGE when dealt with: 30
 * for 10 years or more, 15 for 5 to 10, else 10 (a hospital order, s.45(1)(c)(ii); anyone
 * 16 or 17).  0 with AC_EINVAL when a value is not a number, the sentence is under the 12
 * months that trigger it (s.45), or the person was under 16 (s.44: the requirements apply
 * only to a person aged 16 or over when dealt with). */
ac_code
aci_notification_period(const char *sentence_months, const char *age, int *years, ac_error *err);

/* CTA 2008 s.53: the day the notification period ends for a person DEALT_WITH_ON (a date)
 * with a period of YEARS, CUSTODY_DAYS of which were spent remanded, serving the sentence
 * or detained (disregarded: the end moves with each release), as YYYY-MM-DD in OUT. */
ac_code aci_notification_ends(const char *dealt_with_on,
                              int years,
                              int64_t custody_days,
                              char *out,
                              size_t size,
                              ac_error *err);

/* Is field NAME sensitive processing (DPA 2018 s.35(8)): read only by the case's members,
 * and each reading logged as such?  ("concern": the type of concern reveals political
 * opinions or religious or philosophical beliefs.) */
bool aci_workflow_field_sensitive(const char *name);

/* May field NAME hold a date in the future (a planned departure or return, SI 2009/2493)?
 * Other date fields ("_on", date_of_birth) record what has happened. */
bool aci_workflow_field_planned(const char *name);

#endif /* ACI_WORKFLOW_H */
