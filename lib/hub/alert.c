/* SPDX-License-Identifier: Apache-2.0
 *
 * alert.c - alerts from reports (include/accord/report.h): raising one inside a report's
 * operation, listing and reading them as a duty officer may, acknowledging, and
 * escalating those whose deadline lapsed.
 */
#include "internal.h"

#include <stdio.h>

#include "accord/report.h"
#include "accord/screen.h"
#include "hub/hub_alert.h"
#include "hub/hub_int.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_report.h"

#define PAGE_MAX  100
#define MATCH_MAX 10 /* matches kept per alert, best first */
#define NOTE_MAX  2000

static const char *
deadline_text(ac_hub *hub, ac_alert_priority p, ac_arena *a)
{
    char buf[AC_TIME_TEXT_MAX];

    return ac_arena_strdup(
        a, ac_time_format(
               aci_hub_now_ms(hub) + (int64_t)ac_alert_deadline_minutes(p) * ACI_MS_PER_MIN, buf));
}

/* Turn hit H ("person/ID" or "LIST_ID/ENTRY_ID") into a stored match. */
static ac_code
match_of(ac_hub *hub, const ac_screen_hit *h, ac_arena *a, ac_alert_match *m, ac_error *err)
{
    const char *slash = strchr(h->list_id, '/');
    const char *list_name = NULL;
    ac_code rc;

    memset(m, 0, sizeof *m);
    if (slash == NULL) {
        return aci_fail(err, AC_ESTORAGE, "a screening key without its source");
    }
    m->score = h->score;
    m->listed_name = h->listed_name;
    m->explanation = h->explanation;
    m->entry_id = slash + 1;
    if (strncmp(h->list_id, "person/", 7) == 0) {
        m->source = "person";
        m->source_id = m->entry_id;
        return aci_store_person_brief(hub->store, m->source_id, a, &m->holder_agency, err);
    }
    m->source = "watchlist";
    m->source_id = ac_arena_strndup(a, h->list_id, (size_t)(slash - h->list_id));
    if (m->source_id == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_store_watchlist_brief(hub->store, m->source_id, a, &m->holder_agency, &list_name, err);
    m->source_name = list_name;
    return rc;
}

ac_code
aci_alert_raise(ac_hub *hub, const ac_report *r, ac_arena *a, const char **alert_id, ac_error *err)
{
    ac_screen_hit *hits = NULL;
    size_t n = 0;
    ac_alert al;
    const char *reason = NULL;
    ac_code rc = AC_OK;

    *alert_id = NULL;
    if (r->buyer_name != NULL) {
        rc = aci_hub_screen(hub, r->buyer_name, r->buyer_dob, a, &hits, &n, err);
    }
    memset(&al, 0, sizeof al);
    if (rc != AC_OK || !aci_alert_assess(r, n > 0 ? hits[0].score : 0.0, &al.priority, &reason)) {
        return rc;
    }
    al.id = aci_hub_new_id(hub, a);
    al.report_id = r->id;
    al.created_at = aci_hub_now_text(hub, a);
    al.reason = reason;
    al.status = AC_ALERT_OPEN;
    al.deadline = deadline_text(hub, al.priority, a);
    if (al.id == NULL || al.created_at == NULL || al.deadline == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_alert_route(hub, NULL, a, &al.routed_agency_id, err);
    if (rc == AC_OK && al.routed_agency_id == NULL) {
        /* nobody to route to: open it to every duty officer at once */
        al.escalation = aci_policy_alert_open_escalation();
    }
    if (rc == AC_OK) {
        rc = aci_store_alert_insert(hub->store, &al, err);
    }
    for (size_t i = 0; rc == AC_OK && i < n && i < MATCH_MAX; i++) {
        ac_alert_match m;

        rc = match_of(hub, &hits[i], a, &m, err);
        if (rc == AC_OK) {
            rc = aci_store_alert_match(hub->store, al.id, (int64_t)i, &m, err);
        }
    }
    *alert_id = rc == AC_OK ? al.id : NULL;
    return rc;
}

/* The resource an alert is to the policy: its agency, or none once escalated. */
static struct aci_resource
alert_resource(const ac_alert *al)
{
    bool is_open = al->escalation >= aci_policy_alert_open_escalation();

    return (struct aci_resource){ "alert", is_open ? NULL : al->routed_agency_id };
}

/* ---- list ---- */

struct list_args {
    bool open_only;
    size_t limit;
    ac_arena *a;
    ac_alert *list; /* out */
    size_t n;
};

static ac_code
list_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res.type = "alert";
    op->res.agency_id = op->actor->agency_id;
    return AC_OK;
}

static ac_code
list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct list_args *x = args;

    return aci_store_alert_page(
        op->store, op->actor->agency_id, aci_policy_alert_open_escalation(), x->open_only,
        x->limit == 0 || x->limit > PAGE_MAX ? PAGE_MAX : x->limit, x->a, &x->list, &x->n, err);
}

static const struct aci_op_desc list_op = {
    ACI_ACT_ALERT_READ, "alert", ACI_PURPOSE_REQUIRED, ACI_OP_READ, list_find, list_body,
};

ac_code
ac_alert_list(ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              bool open_only,
              size_t limit,
              ac_arena *a,
              ac_alert **out,
              size_t *out_n,
              ac_error *err)
{
    struct list_args x = { open_only, limit, a, NULL, 0 };
    ac_code rc = aci_op_run(&list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

/* Withhold from ACTOR what a match says of a person another agency holds. */
static void
filter_matches(const ac_actor *actor, ac_alert_match *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(m[i].source, "person") == 0 &&
            strcmp(m[i].holder_agency, actor->agency_id) != 0) {
            m[i].withheld = true;
            m[i].source_id = NULL;
            m[i].entry_id = NULL;
            m[i].listed_name = NULL;
            m[i].explanation = NULL;
        }
    }
}

/* ---- get ---- */

struct get_args {
    const char *id;
    ac_arena *a;
    ac_alert *out;     /* out */
    ac_report *report; /* out */
};

static ac_code
get_find(struct aci_op *op, void *args, ac_error *err)
{
    struct get_args *x = args;
    ac_code rc;

    op->object_id = x->id;
    rc = aci_store_alert_load(op->store, x->id, x->a, x->out, err);
    if (rc == AC_OK) {
        op->res = alert_resource(x->out);
    }
    return rc;
}

static ac_code
get_body(struct aci_op *op, void *args, ac_error *err)
{
    struct get_args *x = args;
    ac_alert *out = x->out;
    ac_code rc =
        aci_store_alert_matches(op->store, x->id, x->a, &out->matches, &out->n_matches, err);

    if (rc == AC_OK && out->report_id != NULL) {
        filter_matches(op->actor, out->matches, out->n_matches);
        rc = aci_store_report_load(op->store, out->report_id, x->a, x->report, err);
    }
    return rc;
}

static const struct aci_op_desc get_op = {
    ACI_ACT_ALERT_READ, "alert", ACI_PURPOSE_REQUIRED, ACI_OP_READ, get_find, get_body,
};

ac_code
ac_alert_get(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             const char *id,
             ac_arena *a,
             ac_alert *out,
             ac_report *report,
             ac_error *err)
{
    struct get_args x = { id, a, out, report };
    ac_code rc;

    memset(out, 0, sizeof *out);
    memset(report, 0, sizeof *report);
    rc = aci_op_run(&get_op, hub, actor, purpose, &x, err);
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
        memset(report, 0, sizeof *report);
    }
    return rc;
}

/* ---- acknowledge ---- */

struct ack_args {
    const char *id;
    const char *note; /* cleaned */
    ac_arena *a;
};

static ac_code
ack_find(struct aci_op *op, void *args, ac_error *err)
{
    struct ack_args *x = args;
    ac_alert al;
    ac_code rc;

    op->object_id = x->id;
    rc = aci_store_alert_load(op->store, x->id, x->a, &al, err);
    if (rc == AC_OK) {
        op->res = alert_resource(&al);
    }
    return rc;
}

static ac_code
ack_body(struct aci_op *op, void *args, ac_error *err)
{
    struct ack_args *x = args;
    ac_code rc = aci_store_alert_ack(op->store, x->id, op->actor->user_id,
                                     aci_hub_now_text(op->hub, x->a), x->note, err);

    op->detail = "acknowledged";
    return rc;
}

static const struct aci_op_desc ack_op = {
    ACI_ACT_ALERT_ACT, "alert", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, ack_find, ack_body,
};

ac_code
ac_alert_ack(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             const char *id,
             const char *note,
             ac_error *err)
{
    struct ack_args x = { id, NULL, ac_arena_new(0) };
    ac_code rc = x.a != NULL ? aci_clean_field(note, NOTE_MAX, "note", x.a, &x.note, err)
                             : aci_fail(err, AC_ENOMEM, "out of memory");

    if (rc == AC_OK && x.note == NULL) {
        rc = aci_fail(err, AC_EINVAL, "note: required (what is being done about it)");
    }
    if (rc == AC_OK) {
        rc = aci_op_run(&ack_op, hub, actor, purpose, &x, err);
    }
    ac_arena_free(x.a);
    return rc;
}

/* ---- escalate ---- */

struct escalate_args {
    size_t n; /* out */
};

static ac_code
escalate_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res.type = "alert";
    op->res.agency_id = NULL;
    return AC_OK;
}

static ac_code
escalate_body(struct aci_op *op, void *args, ac_error *err)
{
    struct escalate_args *x = args;
    ac_arena *a = op->scratch;
    ac_alert *lapsed = NULL;
    size_t n = 0;
    ac_code rc =
        aci_store_alert_lapsed(op->store, aci_hub_now_text(op->hub, a), a, &lapsed, &n, err);

    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        ac_alert *al = &lapsed[i];

        al->escalation++;
        if (al->priority < AC_ALERT_HIGH) {
            al->priority++;
        }
        al->deadline = deadline_text(op->hub, al->priority, a);
        rc = al->deadline != NULL ? aci_store_alert_escalate(op->store, al, err)
                                  : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    op->detail = ac_arena_printf(a, "%zu escalated", n);
    x->n = n;
    return rc;
}

static const struct aci_op_desc escalate_op = {
    ACI_ACT_ESCALATE, "alert", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, escalate_find, escalate_body,
};

ac_code
ac_alerts_escalate(ac_hub *hub,
                   const ac_actor *actor,
                   const char *purpose,
                   size_t *out_n,
                   ac_error *err)
{
    struct escalate_args x = { 0 };
    ac_code rc = aci_op_run(&escalate_op, hub, actor, purpose, &x, err);

    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}
