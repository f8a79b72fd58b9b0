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
#include "policy/policy.h"
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

/* Store one alert on report R at priority P for REASON, routed to ROUTED (NULL: open to
 * every duty officer at once), with the matches M[0..N) whose KEEP[i] is set. */
static ac_code
store_alert(ac_hub *hub,
            const ac_report *r,
            ac_alert_priority p,
            const char *reason,
            const char *routed,
            bool for_holder,
            const ac_alert_match *m,
            const bool *keep,
            size_t n,
            ac_arena *a,
            const char **out_id,
            ac_error *err)
{
    ac_alert al;
    int64_t seq = 0;
    size_t queued = 0;
    ac_code rc;

    memset(&al, 0, sizeof al);
    al.id = aci_hub_new_id(hub, a);
    al.report_id = r->id;
    al.created_at = aci_hub_now_text(hub, a);
    al.reason = reason;
    al.priority = p;
    al.status = AC_ALERT_OPEN;
    al.deadline = deadline_text(hub, p, a);
    al.routed_agency_id = routed;
    if (al.id == NULL || al.created_at == NULL || al.deadline == NULL || reason == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (routed == NULL) {
        al.escalation = aci_policy_alert_open_escalation();
    }
    rc = aci_store_alert_insert(hub->store, &al, err);
    for (size_t i = 0; rc == AC_OK && i < n && seq < MATCH_MAX; i++) {
        if (keep[i]) {
            rc = aci_store_alert_match(hub->store, al.id, seq++, &m[i], err);
        }
    }
    if (rc == AC_OK) {
        rc = aci_notify_alert(hub, hub->store, al.id, routed, for_holder, al.escalation, a, &queued,
                              err);
    }
    *out_id = rc == AC_OK ? al.id : NULL;
    return rc;
}

/* The alert for HOLDER, the agency holding the person matched by M[FIRST] (the best of
 * its persons): its persons and the watchlist entries, the best first, with at least that
 * person kept; its priority may use the match, since the holder sees it. */
static ac_code
raise_for_holder(ac_hub *hub,
                 const ac_report *r,
                 const ac_alert_match *m,
                 size_t n,
                 size_t first,
                 double first_weight,
                 double best_listed,
                 ac_arena *a,
                 ac_error *err)
{
    const char *holder = m[first].holder_agency;
    bool *keep = ac_arena_alloc(a, n * sizeof *keep);
    size_t kept = 0;
    ac_alert_priority p;
    const char *why = NULL, *id = NULL;

    if (keep == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        bool mine = strcmp(m[i].source, "person") == 0 && strcmp(m[i].holder_agency, holder) == 0;
        bool listed = strcmp(m[i].source, "watchlist") == 0;
        size_t room = i < first ? MATCH_MAX - 1 : MATCH_MAX; /* a place for M[FIRST] */

        keep[i] = (mine || listed) && kept < room;
        kept += keep[i];
    }
    (void)aci_alert_assess(r, first_weight > best_listed ? first_weight : best_listed, &p, &why);
    why = ac_arena_printf(a, "%s; a person your agency holds: decide what to disclose",
                          why != NULL ? why : "buyer matches");
    return store_alert(hub, r, p, why, holder, true, m, keep, n, a, &id, err);
}

/* What hit H weighs in an alert: its resemblance when the evidence (the match
 * probability) alerts, at least the possible band; a possible match of low priority when
 * it does not - a name others share, with nothing to corroborate it (issue 17). */
static double
hit_weight(const ac_screen_hit *h)
{
    if (!h->alert) {
        return AC_SCREEN_POSSIBLE;
    }
    return h->score > AC_SCREEN_POSSIBLE ? h->score : AC_SCREEN_POSSIBLE;
}

ac_code
aci_alert_raise(ac_hub *hub,
                const ac_report *r,
                ac_arena *a,
                const char **alert_id,
                size_t *n_told,
                ac_error *err)
{
    ac_screen_hit *hits = NULL;
    ac_alert_match *m = NULL;
    bool *listed = NULL;
    size_t n = 0;
    double best_listed = 0.0;
    ac_alert_priority p;
    const char *reason = NULL, *routed = NULL;
    ac_code rc = AC_OK;

    *alert_id = NULL;
    *n_told = 0;
    if (r->buyer_name != NULL) {
        rc = aci_hub_screen(hub, r->buyer_name, r->buyer_dob, a, &hits, &n, err);
    }
    if (rc == AC_OK && n > 0) {
        m = ac_arena_alloc(a, n * sizeof *m);
        listed = ac_arena_alloc(a, n * sizeof *listed);
        rc = m != NULL && listed != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        rc = match_of(hub, &hits[i], a, &m[i], err);
        listed[i] = rc == AC_OK && strcmp(m[i].source, "watchlist") == 0;
        if (listed[i] && hit_weight(&hits[i]) > best_listed) {
            best_listed = hit_weight(&hits[i]);
        }
    }
    /* the duty agency's alert: from the report and the watchlist entries alone, so that
     * neither its being raised nor its priority tells anyone who holds the buyer */
    if (rc == AC_OK && aci_alert_assess(r, best_listed, &p, &reason)) {
        rc = aci_alert_route(hub, NULL, a, &routed, err);
        if (rc == AC_OK) {
            rc = store_alert(hub, r, p, reason, routed, false, m, listed, n, a, alert_id, err);
        }
    }
    /* each agency holding a matched person is told, once, by its own alert */
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        bool seen = listed[i];

        for (size_t j = 0; !seen && j < i; j++) {
            seen = !listed[j] && strcmp(m[j].holder_agency, m[i].holder_agency) == 0;
        }
        if (!seen) {
            rc = raise_for_holder(hub, r, m, n, i, hit_weight(&hits[i]), best_listed, a, err);
            *n_told += rc == AC_OK;
        }
    }
    if (rc != AC_OK) {
        *alert_id = NULL;
        *n_told = 0;
    }
    return rc;
}

/* The resource an alert is to the policy: its agency, or none once escalated (never for
 * an alert raised for a holder). */
static struct aci_resource
alert_resource(const ac_alert *al)
{
    bool is_open = aci_policy_alert_opens(al->for_holder, al->escalation);

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
    ac_code rc = aci_store_alert_page(
        op->store, op->actor->agency_id, aci_policy_alert_open_escalation(), x->open_only,
        x->limit == 0 || x->limit > PAGE_MAX ? PAGE_MAX : x->limit, x->a, &x->list, &x->n, err);

    /* the audit entry names every alert the list returned ("who accessed" finds them) */
    op->lists = rc == AC_OK;
    for (size_t i = 0; rc == AC_OK && i < x->n; i++) {
        x->list[i].classification = aci_policy_alert_marking(x->list[i].case_type);
        rc = aci_op_returned(op, x->list[i].id, err);
    }
    return rc;
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

/* Keep of AL's matches only what ACTOR may see: watchlist entries, and persons its own
 * agency holds.  Alerts raised since alerts revealed no holdings carry nothing else; an
 * older one may, and then says only that a partner holds a possible match. */
static void
filter_matches(const ac_actor *actor, ac_alert *al)
{
    size_t kept = 0;

    for (size_t i = 0; i < al->n_matches; i++) {
        const ac_alert_match *m = &al->matches[i];

        if (strcmp(m->source, "person") != 0 || strcmp(m->holder_agency, actor->agency_id) == 0) {
            al->matches[kept++] = *m;
        } else if (!al->for_holder) {
            al->partner_told = true;
        }
    }
    al->n_matches = kept;
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

    out->classification = aci_policy_alert_marking(out->case_type);
    if (rc == AC_OK && out->report_id != NULL) {
        filter_matches(op->actor, out);
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
    size_t n;      /* out: alerts escalated */
    size_t queued; /* out: notifications queued */
};

ac_code
aci_alert_desk_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res.type = "alert";
    op->res.agency_id = NULL;
    return AC_OK;
}

/* Every open alert past its deadline climbs one tier (aci_policy_alert_tier: its agency's
 * duty officers, its supervisors, the hub's duty desk) at one priority higher, with the
 * deadline of that priority from now, and the users of the new tier are notified. */
static ac_code
escalate_body(struct aci_op *op, void *args, ac_error *err)
{
    struct escalate_args *x = args;
    ac_arena *a = op->scratch;
    ac_alert *lapsed = NULL;
    size_t n = 0, to_desk = 0;
    ac_code rc =
        aci_store_alert_lapsed(op->store, aci_hub_now_text(op->hub, a), a, &lapsed, &n, err);

    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        ac_alert *al = &lapsed[i];

        al->escalation++;
        if (al->priority < AC_ALERT_HIGH) {
            al->priority++;
        }
        to_desk += aci_policy_alert_tier(al->for_holder, al->escalation) >= 2;
        al->deadline = deadline_text(op->hub, al->priority, a);
        rc = al->deadline != NULL ? aci_store_alert_escalate(op->store, al, err)
                                  : aci_fail(err, AC_ENOMEM, "out of memory");
        if (rc == AC_OK) {
            rc = aci_notify_alert(op->hub, op->store, al->id, al->routed_agency_id, al->for_holder,
                                  al->escalation, a, &x->queued, err);
        }
        if (rc == AC_OK) {
            rc = aci_op_returned(op, al->id, err);
        }
    }
    op->detail = ac_arena_printf(
        a, "%zu escalated (%zu at the duty desk), %zu notifications queued", n, to_desk, x->queued);
    x->n = n;
    op->idle = n == 0;
    return rc;
}

static const struct aci_op_desc escalate_op = {
    ACI_ACT_ESCALATE,    "alert",       ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE,
    aci_alert_desk_find, escalate_body,
};

/* the scheduler's: nobody signed in, so no policy to ask */
static const struct aci_op_desc scheduled_escalate_op = {
    ACI_ACT_ESCALATE, "alert", ACI_PURPOSE_OPTIONAL, ACI_OP_WRITE, NULL, escalate_body,
};

ac_code
aci_alerts_escalate_as(ac_hub *hub,
                       const ac_actor *scheduler,
                       size_t *out_n,
                       size_t *out_queued,
                       ac_error *err)
{
    struct escalate_args x = { 0, 0 };
    ac_code rc =
        aci_op_run(&scheduled_escalate_op, hub, scheduler, "scheduled escalation", &x, err);

    *out_n = rc == AC_OK ? x.n : 0;
    *out_queued = rc == AC_OK ? x.queued : 0;
    return rc;
}

ac_code
ac_alerts_escalate(ac_hub *hub,
                   const ac_actor *actor,
                   const char *purpose,
                   size_t *out_n,
                   ac_error *err)
{
    struct escalate_args x = { 0, 0 };
    ac_code rc = aci_op_run(&escalate_op, hub, actor, purpose, &x, err);

    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}
