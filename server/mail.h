/* SPDX-License-Identifier: Apache-2.0
 *
 * mail.h - e-mail over SMTP (libcurl) to the server the operator names, for the hub's
 * notifications (notify.h), and the scheduler that runs the hub's periodic jobs in
 * 'accord serve'.
 */
#ifndef SRV_MAIL_H
#define SRV_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include "accord/accord.h"

struct srv_mailer {
    const char *smtp_url; /* smtp://HOST:PORT or smtps://... */
    const char *from;     /* the envelope and From: address */
};

/* An ac_mail_fn: send M through the mailer CTX (a struct srv_mailer). */
int srv_mail_send(void *ctx, const ac_mail *m, char *why, size_t why_len);

/* Check an SMTP URL: smtp:// or smtps:// and a host.  0, or -1 with WHY. */
int srv_mail_check_url(const char *url, char *why, size_t why_len);

/* One run of every job that is due: the hub's tick (ac_hub_tick at NOW_MS) and, with a
 * mailer (NULL: none), the sending of what it queued, linking to LINK_BASE.  What it did
 * is logged on stderr as JSON when anything happened.  0, or -1 with ERR. */
int srv_sched_run_once(ac_hub *hub,
                       int64_t now_ms,
                       const struct srv_mailer *mailer,
                       const char *link_base,
                       ac_tick_result *out_tick,
                       size_t *out_sent,
                       size_t *out_failed,
                       ac_error *err);

struct srv_sched;
/* Run the periodic jobs every EVERY_S seconds in a thread of their own, on HUB (borrowed;
 * a concurrent hub), with CLOCK (NULL: the wall clock).  NULL on failure. */
struct srv_sched *srv_sched_start(ac_hub *hub,
                                  unsigned every_s,
                                  ac_clock_fn clock,
                                  void *clock_ctx,
                                  const struct srv_mailer *mailer,
                                  const char *link_base);
/* Stop the thread and wait for it.  NULL is a no-op. */
void srv_sched_stop(struct srv_sched *s);

#endif /* SRV_MAIL_H */
