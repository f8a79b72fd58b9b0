/* SPDX-License-Identifier: Apache-2.0
 *
 * store_notify.h - the SQL of e-mail notification (migration 0011): users' addresses and
 * the supervisor flag, and the outbox of notifications of alerts; the outbox of messages
 * about requests for information (migration 0017).
 */
#ifndef ACI_STORE_NOTIFY_H
#define ACI_STORE_NOTIFY_H

#include "internal.h"

#include "accord/arena.h"
#include "accord/error.h"

struct aci_store;
struct aci_notify_user;

/* One notification waiting to be sent, with the address it goes to. */
struct aci_notification {
    const char *id;       /* the notification */
    const char *user_id;  /* whom it is for */
    const char *email;    /* their address (never written into a message body) */
    const char *alert_id; /* the reference the message carries */
    int tier;             /* 0 queue, 1 supervisors, 2 the duty desk */
    const char *priority; /* the alert's priority now */
    bool is_case;         /* the alert is about a case's deadline, not a report */
    int attempts;         /* failed attempts so far */
};

/* Set user USER_ID's address (NULL: none) and supervisor flag. */
ac_code aci_store_user_contact_set(struct aci_store *s,
                                   const char *user_id,
                                   const char *email,
                                   bool supervisor,
                                   ac_error *err);
/* User USER_ID's address (NULL when none, in A) and supervisor flag. */
ac_code aci_store_user_contact_get(struct aci_store *s,
                                   const char *user_id,
                                   ac_arena *a,
                                   const char **out_email,
                                   bool *out_supervisor,
                                   ac_error *err);

/* Every user who has an address, with the facts the policy needs (policy.h). */
ac_code aci_store_notify_users(struct aci_store *s,
                               ac_arena *a,
                               struct aci_notify_user **out,
                               size_t *out_n,
                               ac_error *err);

/* Queue a notification of ALERT_ID at TIER for USER_ID, once: *OUT_QUEUED is false when
 * that user was already told of that alert at that tier. */
ac_code aci_store_notify_queue(struct aci_store *s,
                               const char *id,
                               const char *at,
                               const char *user_id,
                               const char *alert_id,
                               int tier,
                               bool *out_queued,
                               ac_error *err);

/* At most LIMIT notifications not yet sent (fewer than MAX_ATTEMPTS tries), oldest first. */
ac_code aci_store_notify_pending(struct aci_store *s,
                                 int64_t limit,
                                 int64_t max_attempts,
                                 ac_arena *a,
                                 struct aci_notification **out,
                                 size_t *out_n,
                                 ac_error *err);

/* Record an attempt at notification ID at AT: sent (ERROR NULL) or failed with ERROR. */
ac_code aci_store_notify_done(struct aci_store *s,
                              const char *id,
                              const char *at,
                              const char *error,
                              ac_error *err);

/* ---- requests for information (migration 0017) ---- */

/* One message about a request for information waiting to be sent. */
struct aci_rfi_notification {
    const char *id;      /* the notification */
    const char *user_id; /* whom it is for */
    const char *email;   /* their address (never written into a message body) */
    const char *rfi_id;  /* the reference the message carries */
    const char *kind;    /* "received" or "overdue" */
    const char *urgency; /* the request's urgency */
    const char *due_at;  /* its deadline */
    int attempts;        /* failed attempts so far */
};

/* Queue a message of KIND ("received", "overdue") about RFI_ID for USER_ID, once:
 * *OUT_QUEUED is false when that user was already told that of that request. */
ac_code aci_store_rfi_notify_queue(struct aci_store *s,
                                   const char *id,
                                   const char *at,
                                   const char *user_id,
                                   const char *rfi_id,
                                   const char *kind,
                                   bool *out_queued,
                                   ac_error *err);

/* At most LIMIT messages about requests not yet sent (fewer than MAX_ATTEMPTS tries),
 * oldest first. */
ac_code aci_store_rfi_notify_pending(struct aci_store *s,
                                     int64_t limit,
                                     int64_t max_attempts,
                                     ac_arena *a,
                                     struct aci_rfi_notification **out,
                                     size_t *out_n,
                                     ac_error *err);

/* Record an attempt at message ID at AT: sent (ERROR NULL) or failed with ERROR. */
ac_code aci_store_rfi_notify_done(struct aci_store *s,
                                  const char *id,
                                  const char *at,
                                  const char *error,
                                  ac_error *err);

#endif /* ACI_STORE_NOTIFY_H */
