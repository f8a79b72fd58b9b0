/* SPDX-License-Identifier: Apache-2.0
 *
 * work.h - "what needs me now": the home page's counts for the signed-in user's roles
 * (GET /api/v1/me/work).  Each count is the length of the list it stands for, read by
 * that list's own call (so under its policy and audit): the duty officer's open alerts,
 * the agency's open incoming requests for information, person disclosures waiting for a
 * second person's approval, item disclosures waiting for the user's approval, link
 * proposals awaiting a decision, role and vetting grants waiting for a second
 * administrator, and case deadlines within seven days.  A list the user's roles cannot read is left
 * out (it is not asked, so no refusal is audited).
 */
#ifndef ACCORD_WORK_H
#define ACCORD_WORK_H

#include <stdbool.h>
#include <stddef.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"
#include "accord/party.h"
#include "accord/rfi.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ac_work_kind {
    AC_WORK_ALERTS = 0,       /* open alerts to acknowledge; urgent: escalated */
    AC_WORK_REQUESTS,         /* open requests for information to answer; urgent: overdue */
    AC_WORK_DISCLOSURES,      /* person disclosures a second person must approve (not those
                                 the user released); urgent: none */
    AC_WORK_ITEM_DISCLOSURES, /* item disclosures waiting for the user's approval
                                 (ac_disclosure_awaiting); urgent: none */
    AC_WORK_LINKS,            /* link proposals awaiting a decision (ac_link_proposals);
                                 urgent: none */
    AC_WORK_GRANTS,           /* grants a second administrator must approve; urgent: none */
    AC_WORK_DEADLINES,        /* case deadlines within 7 days, passed ones included; urgent:
                                 passed */
    AC_WORK_KIND_COUNT
} ac_work_kind;

/* The days of AC_WORK_DEADLINES. */
#define AC_WORK_DEADLINE_DAYS 7

typedef struct ac_work_item {
    ac_work_kind kind;
    size_t count;  /* the length of the list */
    size_t urgent; /* of which escalated or overdue */
} ac_work_item;

/* The counts for ACTOR's roles, in ac_work_kind order, those it cannot read left out:
 * *OUT_N of them in OUT (room for AC_WORK_KIND_COUNT).  Like GET /alerts, lapsed alerts and
 * passed case deadlines are escalated first when ACTOR reads alerts. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 5, 6) ac_code ac_work_get(ac_hub *hub,
                                                               const ac_actor *actor,
                                                               const char *purpose,
                                                               ac_arena *a,
                                                               ac_work_item *out,
                                                               size_t *out_n,
                                                               ac_error *err);

/* True when the person disclosure D waits for ACTOR's approval: it is pending and ACTOR
 * did not release it (a second person approves).  GET /person-disclosures?awaiting=me
 * lists those. */
AC_API AC_NONNULL(1, 2) bool ac_work_awaits_approval(const ac_person_disclosure *d,
                                                     const ac_actor *actor);

/* A stable name for KIND ("alerts", "requests", ...); "unknown" otherwise. */
AC_API const char *ac_work_kind_str(ac_work_kind kind);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_WORK_H */
