/* SPDX-License-Identifier: Apache-2.0
 *
 * notify.c - e-mail notification (notify.h): the outbox of notifications of alerts and
 * of requests for information (arrived, or overdue: rfi.c fills it) and its sending, and
 * users' e-mail addresses (the tick that fills it is tick.c).  Who is told is the policy's
 * choice (aci_policy_alert_notifies, aci_policy_rfi_notifies); a message carries a
 * reference and a link, never personal data.  The sending itself (SMTP) is the caller's: the
 * library opens no sockets.
 */
#include "internal.h"

#include "accord/notify.h"

#include <stdio.h>

#include "accord/report.h"
#include "accord/workflow.h"
#include "audit/audit.h"
#include "hub/hub_int.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_notify.h"

#define SEND_MAX      100                /* notifications sent per call */
#define ATTEMPTS_MAX  5                  /* tries before a notification is given up */
#define CHECKPOINT_MS (60 * 60 * 1000LL) /* a scheduled checkpoint at most hourly */
#define EMAIL_MAX     254
#define LINK_BASE_MAX 512

ac_code
aci_notify_alert(ac_hub *hub,
                 struct aci_store *s,
                 const char *alert_id,
                 const char *routed,
                 bool for_holder,
                 int escalation,
                 ac_arena *a,
                 size_t *n_queued,
                 ac_error *err)
{
    struct aci_notify_user *users = NULL;
    size_t n = 0;
    int tier = aci_policy_alert_tier(for_holder, escalation);
    ac_code rc = aci_store_notify_users(s, a, &users, &n, err);

    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        bool queued = false;
        const char *id;

        if (!aci_policy_alert_notifies(&users[i], routed, for_holder, escalation)) {
            continue;
        }
        id = aci_hub_new_id(hub, a);
        rc = id != NULL ? aci_store_notify_queue(s, id, aci_hub_now_text(hub, a), users[i].user_id,
                                                 alert_id, tier, &queued, err)
                        : aci_fail(err, AC_ENOMEM, "out of memory");
        *n_queued += queued;
    }
    return rc;
}

ac_code
aci_notify_rfi(ac_hub *hub,
               struct aci_store *s,
               const char *rfi_id,
               const char *holder_id,
               const char *kind,
               ac_arena *a,
               size_t *n_queued,
               ac_error *err)
{
    struct aci_notify_user *users = NULL;
    size_t n = 0;
    ac_code rc = aci_store_notify_users(s, a, &users, &n, err);

    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        bool queued = false;
        const char *id;

        if (!aci_policy_rfi_notifies(&users[i], holder_id)) {
            continue;
        }
        id = aci_hub_new_id(hub, a);
        rc = id != NULL ? aci_store_rfi_notify_queue(s, id, aci_hub_now_text(hub, a),
                                                     users[i].user_id, rfi_id, kind, &queued, err)
                        : aci_fail(err, AC_ENOMEM, "out of memory");
        *n_queued += queued;
    }
    return rc;
}

/* ---- sending ---- */

/* One message to send: of an alert or of a request for information. */
struct outgoing {
    const char *id;          /* the notification */
    const char *user_id;     /* whom it is for */
    const char *object_type; /* "alert" or "rfi" */
    const char *object_id;   /* the reference */
    const char *why;         /* for the audit: the tier or the kind */
    bool rfi;
};

struct sent_args {
    const struct outgoing *o;
    const char *error; /* NULL: sent */
};

/* Mark one attempt and audit it, in one transaction (outside an operation frame: the
 * scheduler's own event, as sign-ins are). */
static ac_code
record_attempt(ac_hub *hub, struct aci_store *s, void *args, ac_error *err)
{
    struct sent_args *x = args;
    struct aci_audit_entry e;
    char at[AC_TIME_TEXT_MAX], detail[160];
    ac_code rc;

    ac_time_format(aci_hub_now_ms(hub), at);
    snprintf(detail, sizeof detail, "e-mail to user %s (%s): %s", x->o->user_id, x->o->why,
             x->error != NULL ? x->error : "sent");
    memset(&e, 0, sizeof e);
    e.at = at;
    e.action = "notify";
    e.object_type = x->o->object_type;
    e.object_id = x->o->object_id;
    e.outcome = x->error != NULL ? "failed" : "ok";
    e.detail = detail;
    e.recipients = x->o->user_id;
    e.via = "scheduler";
    rc = aci_store_begin(s, err);
    if (rc == AC_OK) {
        rc = x->o->rfi ? aci_store_rfi_notify_done(s, x->o->id, at, x->error, err)
                       : aci_store_notify_done(s, x->o->id, at, x->error, err);
        if (rc == AC_OK) {
            rc = aci_audit_append(s, &hub->key, &e, aci_hub_now_ms(hub), err);
        }
        rc = aci_store_end(s, rc, err);
    }
    return rc;
}

struct pending_args {
    ac_arena *a;
    struct aci_notification *list; /* out: of alerts */
    size_t n;
    struct aci_rfi_notification *rfis; /* out: of requests for information */
    size_t n_rfis;
};

static ac_code
load_pending(ac_hub *hub, struct aci_store *s, void *args, ac_error *err)
{
    struct pending_args *x = args;
    ac_code rc = aci_store_begin(s, err);

    (void)hub;
    if (rc == AC_OK) {
        rc = aci_store_notify_pending(s, SEND_MAX, ATTEMPTS_MAX, x->a, &x->list, &x->n, err);
        if (rc == AC_OK) {
            rc = aci_store_rfi_notify_pending(s, SEND_MAX, ATTEMPTS_MAX, x->a, &x->rfis, &x->n_rfis,
                                              err);
        }
        aci_store_rollback(s);
    }
    return rc;
}

static const char *
tier_text(int tier)
{
    switch (tier) {
    case 0:
        return "routed to your agency";
    case 1:
        return "not acknowledged in time: escalated to your agency's supervisors";
    default:
        return "not acknowledged in time: escalated to the hub's duty desk";
    }
}

static void
compose(const struct aci_notification *n, const char *link_base, ac_arena *a, ac_mail *m)
{
    m->to = n->email;
    m->reference = n->alert_id;
    m->subject = ac_arena_printf(a, "[accord] %s priority alert %s: %s", n->priority, n->alert_id,
                                 n->tier == 0 ? "action needed" : "escalated");
    m->body = ac_arena_printf(
        a,
        "An alert needs a duty officer's action.\r\n\r\n"
        "Reference: %s\r\nPriority: %s\r\nAbout: %s\r\nWhy you: %s\r\n"
        "Open it: %s/alerts/%s\r\n\r\n"
        "This message carries no personal data: sign in to read the alert and acknowledge it.\r\n",
        n->alert_id, n->priority, n->is_case ? "a case deadline" : "a retailer's report",
        tier_text(n->tier), link_base, n->alert_id);
}

/* A message about a request for information: its id, urgency and deadline and a link;
 * never its question, purpose, the asking officer or the person asked about. */
static void
compose_rfi(const struct aci_rfi_notification *n, const char *link_base, ac_arena *a, ac_mail *m)
{
    bool overdue = strcmp(n->kind, "overdue") == 0;

    m->to = n->email;
    m->reference = n->rfi_id;
    m->subject = ac_arena_printf(a, "[accord] %s request for information %s: %s", n->urgency,
                                 n->rfi_id, overdue ? "overdue" : "answer needed");
    m->body = ac_arena_printf(
        a,
        "%s\r\n\r\n"
        "Reference: %s\r\nUrgency: %s\r\nDue: %s\r\nWhy you: %s\r\n"
        "Open it: %s/requests/%s\r\n\r\n"
        "This message carries no personal data: sign in to read the request and answer, "
        "refuse or say there is no information.\r\n",
        overdue ? "A request for information to your agency is past its deadline unanswered."
                : "A request for information to your agency needs an answer.",
        n->rfi_id, n->urgency, n->due_at,
        overdue ? "past its deadline: your agency holds the record asked about and you may answer"
                : "your agency holds the record asked about and you may answer",
        link_base, n->rfi_id);
}

/* Send M and record the attempt; *SENT or *FAILED counts it. */
static ac_code
send_one(ac_hub *hub,
         const ac_mail *m,
         const struct outgoing *o,
         ac_mail_fn send,
         void *ctx,
         size_t *sent,
         size_t *failed,
         ac_error *err)
{
    char why[200] = "";
    struct sent_args sa = { o, NULL };
    ac_code rc;

    if (m->subject == NULL || m->body == NULL || o->why == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (send(ctx, m, why, sizeof why) != 0) {
        sa.error = why[0] != '\0' ? why : "the mail server refused it";
    }
    rc = aci_hub_exclusive(hub, record_attempt, &sa, err);
    *(sa.error == NULL ? sent : failed) += rc == AC_OK;
    return rc;
}

ac_code
ac_hub_notify_send(ac_hub *hub,
                   const char *link_base,
                   ac_mail_fn send,
                   void *ctx,
                   size_t *out_sent,
                   size_t *out_failed,
                   ac_error *err)
{
    struct pending_args x = { NULL, NULL, 0, NULL, 0 };
    ac_code rc;

    *out_sent = 0;
    *out_failed = 0;
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    if (strlen(link_base) > LINK_BASE_MAX) {
        return aci_fail(err, AC_EINVAL, "link base: at most %d bytes", LINK_BASE_MAX);
    }
    x.a = ac_arena_new(0);
    if (x.a == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_hub_exclusive(hub, load_pending, &x, err);
    for (size_t i = 0; rc == AC_OK && i < x.n; i++) {
        const struct aci_notification *n = &x.list[i];
        struct outgoing o = {
            n->id, n->user_id, "alert", n->alert_id, ac_arena_printf(x.a, "tier %d", n->tier), false
        };
        ac_mail m;

        compose(n, link_base, x.a, &m);
        rc = send_one(hub, &m, &o, send, ctx, out_sent, out_failed, err);
    }
    for (size_t i = 0; rc == AC_OK && i < x.n_rfis; i++) {
        const struct aci_rfi_notification *n = &x.rfis[i];
        struct outgoing o = { n->id, n->user_id, "rfi", n->rfi_id, n->kind, true };
        ac_mail m;

        compose_rfi(n, link_base, x.a, &m);
        rc = send_one(hub, &m, &o, send, ctx, out_sent, out_failed, err);
    }
    ac_arena_free(x.a);
    return rc;
}

/* ---- addresses ---- */

struct contact_args {
    const char *username;
    const char *email; /* NULL: none */
    bool supervisor;
};

static ac_code
contact_body(struct aci_op *op, void *args, ac_error *err)
{
    struct contact_args *x = args;
    ac_user u;
    ac_code rc = aci_party_managed_user(op, x->username, &u, err);

    if (rc == AC_OK && x->supervisor && !(u.roles & AC_ROLE_DUTY_OFFICER)) {
        return aci_fail(err, AC_EINVAL,
                        "supervisor: '%s' is not a duty officer; a supervisor of the alert desk "
                        "must be one (grant the duty_officer role first)",
                        u.username);
    }
    if (rc == AC_OK) {
        rc = aci_store_user_contact_set(op->store, u.id, x->email, x->supervisor, err);
        op->detail = ac_arena_printf(op->scratch, "e-mail address %s; %s",
                                     x->email != NULL ? "set" : "removed",
                                     x->supervisor ? "supervisor" : "not a supervisor");
    }
    return rc;
}

static const struct aci_op_desc contact_op = {
    ACI_ACT_MANAGE_PARTY, "user", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, NULL, contact_body,
};

/* An address as a person types one: one '@' with something either side, a dot in the
 * domain, no spaces or control characters, at most EMAIL_MAX bytes. */
static ac_code
check_email(const char *s, ac_error *err)
{
    const char *at = strchr(s, '@');
    size_t len = strlen(s);

    if (len > EMAIL_MAX) {
        return aci_fail(err, AC_EINVAL, "email: at most %d characters", EMAIL_MAX);
    }
    for (const char *p = s; *p != '\0'; p++) {
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == ',' || *p == 0x7f) {
            return aci_fail(err, AC_EINVAL,
                            "email: no spaces, commas, angle brackets or control characters");
        }
    }
    if (at == NULL || at == s || strchr(at + 1, '@') != NULL || strchr(at + 1, '.') == NULL ||
        at[1] == '.' || s[len - 1] == '.') {
        return aci_fail(err, AC_EINVAL, "email: expected one address such as name@agency.gov.uk");
    }
    return AC_OK;
}

ac_code
ac_user_contact_set(ac_hub *hub,
                    const ac_actor *actor,
                    const char *purpose,
                    const char *username,
                    const char *email,
                    int supervisor,
                    ac_error *err)
{
    struct contact_args x = { username, email != NULL && *email != '\0' ? email : NULL,
                              supervisor != 0 };
    ac_code rc = x.email != NULL ? check_email(x.email, err) : AC_OK;

    return rc == AC_OK ? aci_op_run(&contact_op, hub, actor, purpose, &x, err) : rc;
}
