/* SPDX-License-Identifier: Apache-2.0
 *
 * store_stats.h - the counts behind the partnership's statistics (lib/hub/figures.c):
 * one GROUP BY per table, by two keys, over a period and optionally one agency's records.
 * Raw counts only: what of them may be published is lib/policy/sdc.c's decision.
 */
#ifndef ACI_STORE_STATS_H
#define ACI_STORE_STATS_H

#include "internal.h"

#include <stdint.h>

#include "accord/arena.h"
#include "accord/error.h"

struct aci_store;

struct aci_stats_count {
    const char *row; /* the row key (a category's code; NULL when not recorded) */
    const char *col; /* the column key, likewise */
    int64_t n;       /* records counted */
};

/* The counts of TABLE ("referrals", "outcomes", "reports", "alerts", "rfis",
 * "notifications") for records dated from FROM to TO (YYYY-MM-DD, both inclusive; NULL:
 * unbounded) and, when AREA_ID is not NULL, held by or routed to that agency.  Rows in A.
 * AC_EINVAL for an unknown table. */
ac_code aci_store_stats_counts(struct aci_store *s,
                               const char *table,
                               const char *from,
                               const char *to,
                               const char *area_id,
                               ac_arena *a,
                               struct aci_stats_count **out,
                               size_t *out_n,
                               ac_error *err);

#endif /* ACI_STORE_STATS_H */
