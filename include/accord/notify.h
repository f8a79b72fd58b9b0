/* SPDX-License-Identifier: Apache-2.0
 *
 * notify.h - what runs by itself (issue 14, point 8): the hub's scheduled work
 * (ac_hub_tick: lapsed alerts climb a tier, case deadlines raise alerts, the audit log is
 * checkpointed), and e-mail to the users who must act (ac_hub_notify_send).  A message
 * carries a reference and a link, never personal data.
 */
#ifndef ACCORD_NOTIFY_H
#define ACCORD_NOTIFY_H

#include <stddef.h>
#include <stdint.h>

#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What one tick did. */
typedef struct ac_tick_result {
    size_t alerts_escalated;      /* lapsed alerts moved up a tier */
    size_t case_deadlines_passed; /* case deadlines that passed (an alert each) */
    size_t case_reminders;        /* case deadlines due within a day (a reminder each) */
    size_t notifications_queued;  /* e-mails queued for the users who must act */
    uint64_t checkpoint_size;     /* entries covered by the checkpoint signed, 0 for none */
    size_t rfis_overdue;          /* requests for information found past their deadline */
} ac_tick_result;

/* Run the hub's scheduled work as of NOW_MS (milliseconds since the epoch; 'accord serve'
 * passes the clock every few seconds, tests chosen times): every open alert past its
 * deadline climbs one tier (its agency's duty officers, then that agency's supervisors,
 * then the hub's duty desk: every duty officer) with a new deadline; every case deadline
 * passed, or due within a day, raises its alert once; the users of the tier an alert
 * reaches who have an e-mail address are queued a notification; and, when the log grew,
 * an audit checkpoint is signed at most once an hour.  Each part is one audited call by
 * the scheduler (via "scheduler").  Times recorded are NOW_MS.  AC_ESTORAGE, AC_ENOMEM. */
AC_API AC_NODISCARD AC_NONNULL(3) ac_code
    ac_hub_tick(ac_hub *hub, int64_t now_ms, ac_tick_result *out, ac_error *err);

/* One e-mail: the address, a subject and a body with a reference and a link only. */
typedef struct ac_mail {
    const char *to;        /* the recipient's address */
    const char *subject;   /* "[accord] alert REF ..." */
    const char *body;      /* plain text, lines ending "\r\n" */
    const char *reference; /* the alert's id */
} ac_mail;

/* Send M; return 0 when the server took it, else nonzero with a reason (no personal data)
 * in WHY[0..WHY_LEN). */
typedef int (*ac_mail_fn)(void *ctx, const ac_mail *m, char *why, size_t why_len);

/* Send every queued notification (at most 100 per call, each tried at most 5 times) with
 * SEND, each linking to LINK_BASE "/alerts/ID", and record each attempt: the notification
 * marked sent or failed and an audit entry ("notify", the alert, the recipient's user id).
 * *OUT_SENT and *OUT_FAILED count them. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 5, 6) ac_code ac_hub_notify_send(ac_hub *hub,
                                                                      const char *link_base,
                                                                      ac_mail_fn send,
                                                                      void *ctx,
                                                                      size_t *out_sent,
                                                                      size_t *out_failed,
                                                                      ac_error *err);

/* Set USERNAME's e-mail address (NULL or "" to remove it) and whether they supervise their
 * agency's alert desk (an administrator who manages the account).  AC_EINVAL for an
 * address that is not one, or a supervisor who is not a duty officer; AC_ENOTFOUND. */
AC_API AC_NODISCARD AC_NONNULL(2, 4) ac_code ac_user_contact_set(ac_hub *hub,
                                                                 const ac_actor *actor,
                                                                 const char *purpose,
                                                                 const char *username,
                                                                 const char *email,
                                                                 int supervisor,
                                                                 ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_NOTIFY_H */
