/* SPDX-License-Identifier: Apache-2.0
 *
 * work.c - "what needs me now" (include/accord/work.h).  Not an operation of its own: it
 * calls each list's public function, so every count is that list's length under that
 * list's policy, and each list writes its own audit entry as it would for the list page.
 * A list is asked only when the pure policy lets the actor's roles read it (the same
 * decision its operation makes first), so the home page of a role writes no refusals.
 */
#include "internal.h"

#include "accord/item.h"
#include "accord/pole.h"
#include "accord/report.h"
#include "accord/rfi.h"
#include "accord/work.h"
#include "accord/workflow.h"
#include "hub/hub_int.h"
#include "policy/policy.h"

#define DAY_MS (24LL * 3600 * 1000)

const char *
ac_work_kind_str(ac_work_kind kind)
{
    static const char *const names[] = { "alerts", "requests", "disclosures", "item_disclosures",
                                         "links",  "grants",   "deadlines" };

    return (size_t)kind < ACI_ARRAY_LEN(names) ? names[kind] : "unknown";
}

bool
ac_work_awaits_approval(const ac_person_disclosure *d, const ac_actor *actor)
{
    return d->status != NULL && strcmp(d->status, "pending_approval") == 0 &&
           (d->released_by == NULL || strcmp(d->released_by, actor->user_id) != 0);
}

/* ---- the lists, as one mechanism: each kind is a row of WORK_LISTS ----
 * fetch: the list's own public call (its policy, its audit entry), as void * rows of
 *        ELEM bytes;
 * counts: whether a row is work for ACTOR (NULL: every row);
 * urgent: whether a counted row is escalated or overdue (NULL: never). */
typedef ac_code (*work_fetch_fn)(ac_hub *,
                                 const ac_actor *,
                                 const char *,
                                 ac_arena *,
                                 void **,
                                 size_t *,
                                 ac_error *);
typedef bool (*work_row_fn)(const void *row, const ac_actor *actor, const char *now);

static ac_code
fetch_alerts(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             ac_arena *a,
             void **out,
             size_t *n,
             ac_error *err)
{
    size_t escalated = 0, raised = 0, reminded = 0;
    /* as GET /alerts: lapsed alerts and passed case deadlines are escalated first */
    ac_code rc = ac_alerts_escalate(hub, actor, purpose, &escalated, err);

    if (rc == AC_OK) {
        rc = ac_case_deadlines_escalate(hub, actor, purpose, &raised, &reminded, err);
    }
    return rc == AC_OK ? ac_alert_list(hub, actor, purpose, true, 0, a, (ac_alert **)out, n, err)
                       : rc;
}

static ac_code
fetch_requests(ac_hub *hub,
               const ac_actor *actor,
               const char *purpose,
               ac_arena *a,
               void **out,
               size_t *n,
               ac_error *err)
{
    return ac_rfi_list(hub, actor, purpose, true, true, a, (ac_rfi **)out, n, err);
}

static ac_code
fetch_disclosures(ac_hub *hub,
                  const ac_actor *actor,
                  const char *purpose,
                  ac_arena *a,
                  void **out,
                  size_t *n,
                  ac_error *err)
{
    return ac_person_disclosure_list(hub, actor, purpose, a, (ac_person_disclosure **)out, n, err);
}

static ac_code
fetch_item_disclosures(ac_hub *hub,
                       const ac_actor *actor,
                       const char *purpose,
                       ac_arena *a,
                       void **out,
                       size_t *n,
                       ac_error *err)
{
    return ac_disclosure_awaiting(hub, actor, purpose, a, (ac_disclosure **)out, n, err);
}

static ac_code
fetch_links(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            ac_arena *a,
            void **out,
            size_t *n,
            ac_error *err)
{
    return ac_link_proposals(hub, actor, purpose, a, (ac_link **)out, n, err);
}

static ac_code
fetch_grants(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             ac_arena *a,
             void **out,
             size_t *n,
             ac_error *err)
{
    return ac_grant_list(hub, actor, purpose, a, (ac_grant **)out, n, err);
}

static ac_code
fetch_deadlines(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                ac_arena *a,
                void **out,
                size_t *n,
                ac_error *err)
{
    return ac_cases_due(hub, actor, purpose, AC_WORK_DEADLINE_DAYS * DAY_MS, a, (ac_case_due **)out,
                        n, err);
}

static bool
alert_escalated(const void *row, const ac_actor *actor, const char *now)
{
    (void)actor;
    (void)now;
    return ((const ac_alert *)row)->escalation > 0;
}

static bool
request_overdue(const void *row, const ac_actor *actor, const char *now)
{
    const ac_rfi *r = row;

    (void)actor;
    return r->due_at != NULL && strcmp(r->due_at, now) < 0;
}

static bool
awaits_me(const void *row, const ac_actor *actor, const char *now)
{
    (void)now;
    return ac_work_awaits_approval(row, actor);
}

static bool
deadline_passed(const void *row, const ac_actor *actor, const char *now)
{
    (void)actor;
    (void)now;
    return ((const ac_case_due *)row)->overdue;
}

static const struct {
    enum aci_action action; /* what the list's operation first asks of the policy */
    const char *type;
    work_fetch_fn fetch;
    size_t elem;
    work_row_fn counts;
    work_row_fn urgent;
} work_lists[AC_WORK_KIND_COUNT] = {
    [AC_WORK_ALERTS] = { ACI_ACT_ALERT_READ, "alert", fetch_alerts, sizeof(ac_alert), NULL,
                         alert_escalated },
    [AC_WORK_REQUESTS] = { ACI_ACT_SEARCH, "person", fetch_requests, sizeof(ac_rfi), NULL,
                           request_overdue },
    [AC_WORK_DISCLOSURES] = { ACI_ACT_SEARCH, "person", fetch_disclosures,
                              sizeof(ac_person_disclosure), awaits_me, NULL },
    [AC_WORK_ITEM_DISCLOSURES] = { ACI_ACT_DISCLOSE, "disclosure", fetch_item_disclosures,
                                   sizeof(ac_disclosure), NULL, NULL },
    [AC_WORK_LINKS] = { ACI_ACT_SEARCH, "link", fetch_links, sizeof(ac_link), NULL, NULL },
    [AC_WORK_GRANTS] = { ACI_ACT_MANAGE_PARTY, "grant", fetch_grants, sizeof(ac_grant), NULL,
                         NULL },
    [AC_WORK_DEADLINES] = { ACI_ACT_SEARCH, "case", fetch_deadlines, sizeof(ac_case_due), NULL,
                            deadline_passed },
};

/* May ACTOR's roles read the list KIND, as its operation first asks? */
static bool
may_read(const ac_actor *actor, ac_work_kind kind)
{
    struct aci_resource res = { work_lists[kind].type, actor->agency_id };

    return aci_policy_decide(actor, work_lists[kind].action, &res).allow;
}

/* Fill W from the list KIND: its rows that count, and of them the urgent ones. */
static ac_code
count_list(ac_hub *hub,
           const ac_actor *actor,
           const char *purpose,
           ac_work_kind kind,
           ac_arena *a,
           ac_work_item *w,
           ac_error *err)
{
    void *list = NULL;
    size_t n = 0;
    const char *now = aci_hub_now_text(hub, a);
    ac_code rc = now != NULL ? work_lists[kind].fetch(hub, actor, purpose, a, &list, &n, err)
                             : aci_fail(err, AC_ENOMEM, "out of memory");

    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        const void *row = (const char *)list + i * work_lists[kind].elem;

        if (work_lists[kind].counts == NULL || work_lists[kind].counts(row, actor, now)) {
            w->count++;
            w->urgent +=
                work_lists[kind].urgent != NULL && work_lists[kind].urgent(row, actor, now);
        }
    }
    return rc;
}

ac_code
ac_work_get(ac_hub *hub,
            const ac_actor *actor,
            const char *purpose,
            ac_arena *a,
            ac_work_item *out,
            size_t *out_n,
            ac_error *err)
{
    ac_code rc = AC_OK;

    *out_n = 0;
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    for (int k = 0; rc == AC_OK && k < AC_WORK_KIND_COUNT; k++) {
        ac_work_item *w = &out[*out_n];

        if (!may_read(actor, (ac_work_kind)k)) {
            continue;
        }
        memset(w, 0, sizeof *w);
        w->kind = (ac_work_kind)k;
        rc = count_list(hub, actor, purpose, (ac_work_kind)k, a, w, err);
        *out_n += rc == AC_OK;
    }
    if (rc != AC_OK) {
        *out_n = 0;
    }
    return rc;
}
