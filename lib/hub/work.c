/* SPDX-License-Identifier: Apache-2.0
 *
 * work.c - "what needs me now" (include/accord/work.h).  Not an operation of its own: it
 * calls each list's public function, so every count is that list's length under that
 * list's policy, and each list writes its own audit entry as it would for the list page.
 * A list is asked only when the pure policy lets the actor's roles read it (the same
 * decision its operation makes first), so the home page of a role writes no refusals.
 */
#include "internal.h"

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
    static const char *const names[] = { "alerts", "requests", "disclosures", "grants",
                                         "deadlines" };

    return (size_t)kind < ACI_ARRAY_LEN(names) ? names[kind] : "unknown";
}

bool
ac_work_awaits_approval(const ac_person_disclosure *d, const ac_actor *actor)
{
    return d->status != NULL && strcmp(d->status, "pending_approval") == 0 &&
           (d->released_by == NULL || strcmp(d->released_by, actor->user_id) != 0);
}

/* May ACTOR's roles read the list KIND, as its operation first asks? */
static bool
may_read(const ac_actor *actor, ac_work_kind kind)
{
    static const struct {
        enum aci_action action;
        const char *type;
    } lists[] = {
        { ACI_ACT_ALERT_READ, "alert" }, { ACI_ACT_SEARCH, "person" },
        { ACI_ACT_SEARCH, "person" },    { ACI_ACT_MANAGE_PARTY, "grant" },
        { ACI_ACT_SEARCH, "case" },
    };
    struct aci_resource res = { lists[kind].type, actor->agency_id };

    return aci_policy_decide(actor, lists[kind].action, &res).allow;
}

static ac_code
count_alerts(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             ac_arena *a,
             ac_work_item *w,
             ac_error *err)
{
    size_t escalated = 0, raised = 0, reminded = 0, n = 0;
    ac_alert *list = NULL;
    ac_code rc = ac_alerts_escalate(hub, actor, purpose, &escalated, err);

    if (rc == AC_OK) {
        rc = ac_case_deadlines_escalate(hub, actor, purpose, &raised, &reminded, err);
    }
    if (rc == AC_OK) {
        rc = ac_alert_list(hub, actor, purpose, true, 0, a, &list, &n, err);
    }
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        w->urgent += list[i].escalation > 0;
    }
    w->count = n;
    return rc;
}

static ac_code
count_requests(ac_hub *hub,
               const ac_actor *actor,
               const char *purpose,
               ac_arena *a,
               ac_work_item *w,
               ac_error *err)
{
    ac_rfi *list = NULL;
    size_t n = 0;
    const char *now = aci_hub_now_text(hub, a);
    ac_code rc = now != NULL ? ac_rfi_list(hub, actor, purpose, true, true, a, &list, &n, err)
                             : aci_fail(err, AC_ENOMEM, "out of memory");

    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        w->urgent += list[i].due_at != NULL && strcmp(list[i].due_at, now) < 0;
    }
    w->count = n;
    return rc;
}

static ac_code
count_disclosures(ac_hub *hub,
                  const ac_actor *actor,
                  const char *purpose,
                  ac_arena *a,
                  ac_work_item *w,
                  ac_error *err)
{
    ac_person_disclosure *list = NULL;
    size_t n = 0;
    ac_code rc = ac_person_disclosure_list(hub, actor, purpose, a, &list, &n, err);

    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        w->count += ac_work_awaits_approval(&list[i], actor);
    }
    return rc;
}

static ac_code
count_grants(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             ac_arena *a,
             ac_work_item *w,
             ac_error *err)
{
    ac_grant *list = NULL;
    size_t n = 0;
    ac_code rc = ac_grant_list(hub, actor, purpose, a, &list, &n, err);

    w->count = n;
    return rc;
}

static ac_code
count_deadlines(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                ac_arena *a,
                ac_work_item *w,
                ac_error *err)
{
    ac_case_due *list = NULL;
    size_t n = 0;
    ac_code rc =
        ac_cases_due(hub, actor, purpose, AC_WORK_DEADLINE_DAYS * DAY_MS, a, &list, &n, err);

    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        w->urgent += list[i].overdue;
    }
    w->count = n;
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
    typedef ac_code (*count_fn)(ac_hub *, const ac_actor *, const char *, ac_arena *,
                                ac_work_item *, ac_error *);
    static const count_fn counts[AC_WORK_KIND_COUNT] = {
        count_alerts, count_requests, count_disclosures, count_grants, count_deadlines,
    };
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
        rc = counts[k](hub, actor, purpose, a, w, err);
        *out_n += rc == AC_OK;
    }
    if (rc != AC_OK) {
        *out_n = 0;
    }
    return rc;
}
