/* SPDX-License-Identifier: Apache-2.0
 *
 * stats.h - the counts of what a hub holds (ac_hub_stats_get in hub.h).  A plain value
 * type in a header of its own, so the storage layer fills it without knowing the hub.
 */
#ifndef ACCORD_STATS_H
#define ACCORD_STATS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_hub_stats {
    int64_t agencies; /* rows in each table; -1 when a count could not be read */
    int64_t users;
    int64_t persons;
    int64_t person_names;
    int64_t objects;
    int64_t locations;
    int64_t events;
    int64_t items;
    int64_t links;
    int64_t cases;
    int64_t audit_entries;
} ac_hub_stats;

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_STATS_H */
