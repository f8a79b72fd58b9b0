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
    const char *basis; /* where the deadline comes from */
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
 * (a number, or "life") given to someone aged AGE at conviction: 30 for 10 years or
 * more, 15 for 5 to 10, else 10 (and 10 for anyone 16 or 17).  0 with AC_EINVAL when a
 * value is not a number, or the sentence is under the 12 months that trigger it. */
ac_code
aci_notification_period(const char *sentence_months, const char *age, int *years, ac_error *err);

#endif /* ACI_WORKFLOW_H */
