/* SPDX-License-Identifier: Apache-2.0
 *
 * demo.h - a synthetic West Midlands partnership for demonstrations and tests: the
 * agencies, a user of every role, residents and people of interest whose names come
 * from many origins, with the spelling variants that different agencies' copies of the
 * same person really show.  People of interest are drawn from the same mix of names as
 * residents.  Deterministic for a given seed; every person is invented.
 */
#ifndef ACCORD_DEMO_H
#define ACCORD_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accord/common.h"
#include "accord/error.h"
#include "accord/exchange.h"
#include "accord/hub.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_demo_options {
    uint64_t seed;              /* same seed, same partnership */
    size_t residents;           /* council residents; 0 means 10,000 */
    size_t of_interest;         /* people of interest; 0 means 300 */
    const char *password;       /* every demo user's password, or NULL for none */
    ac_progress_fn on_progress; /* persons written so far of the total; may be NULL */
    void *ctx;
    int64_t now_ms; /* the demo's "now" (ms since 1970): every record, step, report and
                       deadline is dated relative to it, so the same seed and now give the
                       same partnership; 0: the hub's clock */
    bool no_work;   /* the partnership, its users and people only: no cases, reports,
                       alerts, releases or requests (a start from nothing, for tests) */
} ac_demo_options;

typedef struct ac_demo_result {
    size_t agencies;       /* agencies created */
    size_t users;          /* users created */
    size_t persons;        /* person records written, all agencies */
    size_t shared_persons; /* people recorded by more than one agency */
} ac_demo_result;

/* Build the demo partnership in an empty hub (AC_ECONFLICT if it has users).  Every
 * demo user's username is listed by ac_demo_users(). */
AC_API AC_NODISCARD AC_NONNULL(2, 3) ac_code
    ac_demo_build(ac_hub *hub, const ac_demo_options *opt, ac_demo_result *out, ac_error *err);

typedef struct ac_demo_user {
    const char *username;     /* e.g. "ctp.analyst" */
    const char *display_name; /* a synthetic person's name, e.g. "Imran Fairbairn" */
    const char *agency;       /* agency name */
    const char *roles;        /* comma-separated role names */
    const char *vetting;      /* vetting level */
} ac_demo_user;

/* The demo's users (static data); *OUT_N is their count. */
AC_API AC_NONNULL(1) const ac_demo_user *ac_demo_users(size_t *out_n);

/* What is waiting for USERNAME at NOW_MS (0: the hub's clock), asked of the hub as that user
 * (so only what the user may see): "3 alerts to acknowledge (1 escalated); 2 requests for
 * information to answer (1 overdue); 4 case deadlines within 7 days (1 overdue)", or
 * "nothing waiting", in A. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 4, 5) ac_code ac_demo_waiting(ac_hub *hub,
                                                                   const char *username,
                                                                   int64_t now_ms,
                                                                   ac_arena *a,
                                                                   const char **out,
                                                                   ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_DEMO_H */
