/* SPDX-License-Identifier: Apache-2.0
 *
 * tables.h - the loaded workflow tables (struct aci_workflows), private to lib/workflow.
 * workflow.c loads and queries them; deadline.c reads only the bank-holiday changes.  The
 * definition sits here, apart from both, so that deadline.c depends on the data and not
 * on workflow.c, which depends on deadline.c for its arithmetic.
 */
#ifndef ACI_WORKFLOW_TABLES_H
#define ACI_WORKFLOW_TABLES_H

#include "internal.h"

#include "accord/arena.h"

struct aci_wf_holiday {
    int64_t day; /* since 1970-01-01 */
    int change;  /* +1 added, -1 removed */
};

struct aci_workflows {
    ac_arena *arena;                 /* owns every table and string below */
    struct aci_wf_state *states;     /* states.csv rows, in table order */
    size_t n_states;                 /* rows in states */
    struct aci_wf_step *steps;       /* steps.csv rows, in table order */
    size_t n_steps;                  /* rows in steps */
    const char *(*values)[2];        /* values.csv: field, value */
    size_t n_values;                 /* rows in values */
    struct aci_wf_holiday *holidays; /* bank_holidays.csv: changes to the yearly rules */
    size_t n_holidays;               /* rows in holidays */
};

#endif /* ACI_WORKFLOW_TABLES_H */
