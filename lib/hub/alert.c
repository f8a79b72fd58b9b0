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

#define PAGE_MAX   100
#define MATCH_MAX  10 /* matches kept per alert, best first */
#define NOTE_MAX   2000
#define MS_PER_MIN 60000

static const char *
deadline_text(ac_hub *hub, ac_alert_priority p, ac_arena *a)
{
    char buf[AC_TIME_TEXT_MAX];

    return ac_arena_strdup(
        a, ac_time_format(aci_hub_now_ms(hub) + (int64_t)ac_alert_deadline_minutes(p) * MS_PER_MIN,
                          buf));
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
    struct aci_op op;
    struct aci_resource res = { "alert", actor->agency_id };
    ac_code rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_ALERT_READ,
                              "alert", err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_op_allow(&op, &res, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_alert_page(hub->store, actor->agency_id, aci_policy_alert_open_escalation(),
                                  open_only, limit == 0 || limit > PAGE_MAX ? PAGE_MAX : limit, a,
                                  out, out_n, err);
    }
    return aci_op_end(&op, rc, err);
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
    struct aci_op op;
    ac_code rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_ALERT_READ,
                              "alert", err);

    memset(out, 0, sizeof *out);
    memset(report, 0, sizeof *report);
    op.object_id = id;
    if (rc == AC_OK) {
        rc = aci_store_alert_load(hub->store, id, a, out, err);
    }
    if (rc == AC_OK) {
        struct aci_resource res = alert_resource(out);

        rc = aci_op_allow(&op, &res, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_alert_matches(hub->store, id, a, &out->matches, &out->n_matches, err);
    }
    if (rc == AC_OK && out->report_id != NULL) {
        filter_matches(actor, out->matches, out->n_matches);
        rc = aci_store_report_load(hub->store, out->report_id, a, report, err);
    }
    rc = aci_op_end(&op, rc, err);
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
        memset(report, 0, sizeof *report);
    }
    return rc;
}

ac_code
ac_alert_ack(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             const char *id,
             const char *note,
             ac_error *err)
{
    struct aci_op op;
    ac_alert al;
    ac_arena *a = ac_arena_new(0);
    const char *clean = NULL;
    ac_code rc = a != NULL ? aci_clean_field(note, NOTE_MAX, "note", a, &clean, err)
                           : aci_fail(err, AC_ENOMEM, "out of memory");

    if (rc == AC_OK && clean == NULL) {
        rc = aci_fail(err, AC_EINVAL, "note: required (what is being done about it)");
    }
    if (rc != AC_OK) {
        ac_arena_free(a);
        return rc;
    }
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_ALERT_ACT, "alert",
                      err);
    op.object_id = id;
    if (rc == AC_OK) {
        rc = aci_store_alert_load(hub->store, id, a, &al, err);
    }
    if (rc == AC_OK) {
        struct aci_resource res = alert_resource(&al);

        rc = aci_op_allow(&op, &res, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_alert_ack(hub->store, id, actor->user_id, aci_hub_now_text(hub, a), clean,
                                 err);
        op.detail = "acknowledged";
    }
    rc = aci_op_end(&op, rc, err);
    ac_arena_free(a);
    return rc;
}

ac_code
ac_alerts_escalate(ac_hub *hub,
                   const ac_actor *actor,
                   const char *purpose,
                   size_t *out_n,
                   ac_error *err)
{
    struct aci_op op;
    struct aci_resource res = { "alert", NULL };
    ac_alert *lapsed = NULL;
    size_t n = 0;
    char detail[64];
    ac_arena *a = ac_arena_new(0);
    ac_code rc = a != NULL ? aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_OPTIONAL,
                                          ACI_ACT_ESCALATE, "alert", err)
                           : aci_fail(err, AC_ENOMEM, "out of memory");

    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_op_allow(&op, &res, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_alert_lapsed(hub->store, aci_hub_now_text(hub, a), a, &lapsed, &n, err);
    }
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        ac_alert *al = &lapsed[i];

        al->escalation++;
        if (al->priority < AC_ALERT_HIGH) {
            al->priority++;
        }
        al->deadline = deadline_text(hub, al->priority, a);
        rc = al->deadline != NULL ? aci_store_alert_escalate(hub->store, al, err)
                                  : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    snprintf(detail, sizeof detail, "%zu escalated", n);
    op.detail = detail;
    rc = a != NULL ? aci_op_end(&op, rc, err) : rc;
    *out_n = rc == AC_OK ? n : 0;
    ac_arena_free(a);
    return rc;
}
