/* SPDX-License-Identifier: Apache-2.0
 *
 * store_workflow.h - SQL for case workflows: the case's state, its timeline and its
 * current deadline.  No policy here.
 */
#ifndef ACI_STORE_WORKFLOW_H
#define ACI_STORE_WORKFLOW_H

#include "internal.h"

#include "accord/workflow.h"

struct aci_store;

/* Set case ID's state (version + 1). */
ac_code aci_store_case_set_state(struct aci_store *s,
                                 const char *id,
                                 const char *state,
                                 const char *now,
                                 ac_error *err);
/* Append E to its case's timeline (E->seq is assigned). */
ac_code aci_store_case_event_add(struct aci_store *s,
                                 const char *case_id,
                                 const ac_case_event *e,
                                 ac_error *err);
ac_code aci_store_case_events(struct aci_store *s,
                              const char *case_id,
                              ac_arena *a,
                              ac_case_event **out,
                              size_t *out_n,
                              ac_error *err);
/* Start the deadline of STATE (DUE_AT NULL: the state has none, so clear it). */
ac_code aci_store_case_deadline_set(struct aci_store *s,
                                    const char *case_id,
                                    const char *state,
                                    const char *due_at,
                                    const char *basis,
                                    ac_error *err);
/* Deadlines due before BEFORE of cases led by AGENCY_ID or with it (or USER_ID) as a
 * member; AGENCY_ID NULL: every case.  Soonest first; overdue when before NOW. */
ac_code aci_store_cases_due(struct aci_store *s,
                            const char *agency_id,
                            const char *user_id,
                            const char *now,
                            const char *before,
                            ac_arena *a,
                            ac_case_due **out,
                            size_t *out_n,
                            ac_error *err);
/* Deadlines with no alert of their kind yet: passed before NOW, or (REMINDER) falling due
 * between NOW and SOON.  Then mark one as alerted, of that kind. */
ac_code aci_store_case_deadlines_unalerted(struct aci_store *s,
                                           bool reminder,
                                           const char *now,
                                           const char *soon,
                                           ac_arena *a,
                                           ac_case_due **out,
                                           size_t *out_n,
                                           ac_error *err);
ac_code aci_store_case_deadline_alerted(struct aci_store *s,
                                        const char *case_id,
                                        bool reminder,
                                        const char *now,
                                        ac_error *err);

/* Cases for ac_case_list: those AGENCY_ID leads or is a member of (the agency, or USER_ID
 * by name); with MINE only those USER_ID opened or is named in; with LEAD_ONLY only those
 * AGENCY_ID leads; of TYPE and in STATE (NULL: any); with a deadline before BEFORE (NULL:
 * any; "overdue" is against NOW).  Nearest deadline first, then newest; at most LIMIT. */
ac_code aci_store_case_list(struct aci_store *s,
                            const char *agency_id,
                            const char *user_id,
                            bool mine,
                            bool lead_only,
                            const char *type,
                            const char *state,
                            const char *now,
                            const char *before,
                            size_t limit,
                            ac_arena *a,
                            ac_case_summary **out,
                            size_t *out_n,
                            ac_error *err);

#endif /* ACI_STORE_WORKFLOW_H */
