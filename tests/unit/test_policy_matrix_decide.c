/* SPDX-License-Identifier: Apache-2.0
 *
 * test_policy_matrix_decide.c - the authorization matrix of lib/policy/decide.c and
 * lib/policy/duty.c: every action x every set of role bits x vetting x agency kind x the
 * record's holder (the actor's agency, another, none), the case rule, the records a
 * search may show, who receives alerts and where they are routed.  Each answer is
 * compared with a reference model written here from the rules as documented
 * (docs/architecture.md, docs/api.md, the comments of lib/policy/policy.h), not from the
 * code.  One model function per decision family, so a rule changed on purpose is changed
 * in one place:
 *
 *   model_partnership  manage/list the partnership, statistics, own account, audit
 *   model_records      persons, POLE records, links, cases as records (create, read,
 *                      search, import, export, update, disclose)
 *   model_reports      submitting and reading suspicious-purchase reports
 *   model_alerts       reading, acknowledging and escalating alerts
 *   model_watchlist    watchlists and the regime
 *   model_visible_agency, model_case_vetting, model_case_visible   what searches and
 *                      cases show
 *   model_is_duty_officer, model_duty_rank, model_duty_choice, model_alert_open   duty.c
 *   model_discoverable, model_pointer   holding.c: discoverable holdings (issue 15.2)
 *
 * tools/mutants.sh runs this file (with test_policy_matrix.c) against single-line
 * mutants of lib/policy/ and expects each to fail here.
 */
#include "support.h"

#include <string.h>

#include "model/model.h"
#include "policy/policy.h"

/* ---- the facts a decision is made on ---- */

enum holder {
    MINE,
    OTHER,
    NOBODY
}; /* the record's holder, relative to the actor */

struct who {
    unsigned roles;
    ac_vetting vetting;
    ac_agency_kind kind;
};

struct verdict {
    bool allow;
    bool hide; /* meaningful when refused */
};

static const struct verdict yes = { true, false };
static const struct verdict no = { false, false };
static const struct verdict unseen = { false, true };

/* ---- the reference model ---- */

/* docs/architecture.md, items table "roles": who reads, writes and shares content. */
static const unsigned model_readers[] = { AC_ROLE_ANALYST, AC_ROLE_CASEWORKER, AC_ROLE_PANEL_MEMBER,
                                          AC_ROLE_DUTY_OFFICER };
static const unsigned model_writers[] = { AC_ROLE_ANALYST, AC_ROLE_CASEWORKER,
                                          AC_ROLE_DUTY_OFFICER };
static const unsigned model_sharers[] = { AC_ROLE_ANALYST, AC_ROLE_CASEWORKER };

/* docs/api.md: duty officers of CT policing, police forces and the security service. */
static const ac_agency_kind model_alert_kinds[] = { AC_AGENCY_CT_POLICING, AC_AGENCY_POLICE_FORCE,
                                                    AC_AGENCY_SECURITY_SERVICE };

static bool
holds_one_of(unsigned roles, const unsigned *set, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (roles & set[i]) {
            return true;
        }
    }
    return false;
}

#define HOLDS(roles, set) holds_one_of((roles), (set), sizeof(set) / sizeof(set)[0])

/* "content users": a content role and at least BPSS (architecture.md, Persons). */
static bool
content_user(const struct who *w)
{
    return HOLDS(w->roles, model_readers) && w->vetting >= AC_VETTING_BPSS;
}

/* duty.c: a duty officer is a user with the duty officer role (policy.h, party.h). */
static bool
model_is_duty_officer(unsigned roles)
{
    return (roles & AC_ROLE_DUTY_OFFICER) == AC_ROLE_DUTY_OFFICER;
}

/* duty.c: place in the routing order, -1 for kinds that take no alerts (policy.h). */
static int
model_duty_rank(ac_agency_kind kind)
{
    for (size_t i = 0; i < sizeof model_alert_kinds / sizeof model_alert_kinds[0]; i++) {
        if (model_alert_kinds[i] == kind) {
            return (int)i;
        }
    }
    return -1;
}

/* duty.c: an alert is open to every duty officer once it reaches the hub's duty desk
 * (issue 14, point 8: its agency's duty officers, then its supervisors, then the desk):
 * escalation 2 and above; never one raised
 * for the agency holding a matched person (report.h: "it stays with them even when it
 * escalates"). */
static bool
model_alert_open(bool for_holder, int escalation)
{
    return !for_holder && escalation >= 2;
}

/* holding.c (issue 15.2): with no declaration, an agency's holdings are discoverable to CT
 * policing and the Security Service only, and the Security Service's to nobody. */
static bool
model_discoverable(ac_agency_kind holder, ac_agency_kind recipient)
{
    return holder != AC_AGENCY_SECURITY_SERVICE &&
           (recipient == AC_AGENCY_CT_POLICING || recipient == AC_AGENCY_SECURITY_SERVICE);
}

/* A pointer is seen by a content user (who may search), for another agency's holding, when
 * the holder declared yes for the viewer's kind, or declared nothing and the default says
 * yes. */
static bool
model_pointer(const struct who *w, enum holder h, ac_agency_kind holder_kind, int declared)
{
    if (h != OTHER || !content_user(w)) {
        return false;
    }
    return declared < 0 ? model_discoverable(holder_kind, w->kind) : declared == 1;
}

/* The alert desk (api.md): a duty officer of an agency that takes alerts, BPSS or above. */
static bool
alert_desk(const struct who *w)
{
    return model_is_duty_officer(w->roles) && w->vetting >= AC_VETTING_BPSS &&
           model_duty_rank(w->kind) >= 0;
}

/* Family 1 (decide.c, aci_policy_decide head): the partnership and the audit. */
static struct verdict
model_partnership(const struct who *w, enum aci_action action, enum holder h)
{
    switch (action) {
    case ACI_ACT_MANAGE_PARTY: /* administrators manage the accounts of their own agency
                                  (docs/threat-model: separation of duties) */
        return w->roles & AC_ROLE_ADMIN && h == MINE ? yes : no;
    case ACI_ACT_LIST_PARTY:  /* every member sees who is in the partnership */
    case ACI_ACT_OWN_ACCOUNT: /* every user their own sign-in (api.md: second factor) */
        return yes;
    case ACI_ACT_READ_STATS: /* auditors read aggregate statistics; so do administrators */
    case ACI_ACT_AUDIT_SIGN: /* checkpoints: administrators and auditors */
        return w->roles & (AC_ROLE_ADMIN | AC_ROLE_AUDITOR) ? yes : no;
    case ACI_ACT_AUDIT_READ: /* auditors read the audit */
        return w->roles & AC_ROLE_AUDITOR ? yes : no;
    default:
        fail_msg("model_partnership: action %d", (int)action);
        return no;
    }
}

/* Family 2 (decide.c, decide_content): records held by an agency.  Read only inside the
 * holder, by content users; written by writers; shared by sharers; BPSS always.  Reading
 * another agency's record, or changing it, is "not found" (architecture.md, POLE). */
static struct verdict
model_records(const struct who *w, enum aci_action action, enum holder h)
{
    bool reads = action == ACI_ACT_READ || action == ACI_ACT_SEARCH || action == ACI_ACT_EXPORT;
    bool role = action == ACI_ACT_DISCLOSE ? HOLDS(w->roles, model_sharers)
                : reads                    ? HOLDS(w->roles, model_readers)
                                           : HOLDS(w->roles, model_writers);
    struct verdict v = no;

    if (h == MINE && role && w->vetting >= AC_VETTING_BPSS) {
        return yes;
    }
    v.hide = action == ACI_ACT_READ || (action == ACI_ACT_UPDATE && h != MINE);
    return v;
}

/* Family 3 (decide.c, decide_reports): reports.  Reporters submit; a reporter (or a
 * content role) of the reporting agency reads its own; the alert desk reads every
 * report; another agency's report is "not found" (api.md). */
static struct verdict
model_reports(const struct who *w, enum aci_action action, enum holder h)
{
    if (action == ACI_ACT_REPORT) {
        return w->roles & AC_ROLE_REPORTER ? yes : no;
    }
    if (alert_desk(w)) {
        return yes;
    }
    if (h == MINE && (w->roles & AC_ROLE_REPORTER || HOLDS(w->roles, model_readers))) {
        return yes;
    }
    return unseen;
}

/* Family 4 (decide.c, decide_reports): alerts.  H is the agency the alert is routed to,
 * NOBODY once open to all.  The desk reads and acknowledges those routed to its agency
 * and the open ones; an alert routed elsewhere is "not found"; a user who is not on the
 * desk is refused, plainly for their own agency's queue, as "not found" otherwise.
 * Duty officers on the desk and administrators escalate. */
static struct verdict
model_alerts(const struct who *w, enum aci_action action, enum holder h)
{
    if (action == ACI_ACT_ESCALATE) {
        return alert_desk(w) || (w->roles & AC_ROLE_ADMIN) ? yes : no;
    }
    if (!alert_desk(w)) {
        return h == MINE ? no : unseen;
    }
    return h == OTHER ? unseen : yes;
}

/* Family 5 (decide.c, decide_reports default): watchlists and the regime, by analysts
 * and duty officers vetted BPSS (operations.md runs them as an analyst). */
static struct verdict
model_watchlist(const struct who *w)
{
    return w->roles & (AC_ROLE_ANALYST | AC_ROLE_DUTY_OFFICER) && w->vetting >= AC_VETTING_BPSS
               ? yes
               : no;
}

/* Family 5b (decide.c; statistics.h): the partnership's statistics are for analysts,
 * auditors and administrators, and never for a private-sector partner (issue 21.2). */
static struct verdict
model_statistics(const struct who *w)
{
    if (w->kind == AC_AGENCY_PRIVATE_SECTOR || w->roles & AC_ROLE_REPORTER) {
        return no;
    }
    return w->roles & (AC_ROLE_ANALYST | AC_ROLE_AUDITOR | AC_ROLE_ADMIN) ? yes : no;
}

static struct verdict
model_decide(const struct who *w, enum aci_action action, enum holder h)
{
    switch (action) {
    case ACI_ACT_MANAGE_PARTY:
    case ACI_ACT_LIST_PARTY:
    case ACI_ACT_READ_STATS:
    case ACI_ACT_OWN_ACCOUNT:
    case ACI_ACT_AUDIT_READ:
    case ACI_ACT_AUDIT_SIGN:
        return model_partnership(w, action, h);
    case ACI_ACT_CREATE:
    case ACI_ACT_READ:
    case ACI_ACT_SEARCH:
    case ACI_ACT_IMPORT:
    case ACI_ACT_EXPORT:
    case ACI_ACT_UPDATE:
    case ACI_ACT_DISCLOSE:
        return model_records(w, action, h);
    case ACI_ACT_REPORT:
    case ACI_ACT_REPORT_READ:
        return model_reports(w, action, h);
    case ACI_ACT_ALERT_READ:
    case ACI_ACT_ALERT_ACT:
    case ACI_ACT_ESCALATE:
        return model_alerts(w, action, h);
    case ACI_ACT_WATCHLIST:
        return model_watchlist(w);
    case ACI_ACT_STATISTICS:
        return model_statistics(w);
    }
    return no; /* an action the policy does not know */
}

/* Family 6 (decide.c): the agency whose records searches show: content users see their
 * own agency's (architecture.md: "filter to what the policy makes visible"). */
static bool
model_visible_agency(const struct who *w)
{
    return content_user(w);
}

/* Family 6 (decide.c, policy.h; api.md "Cases"): case content is for users with a content
 * role and none of administrator, auditor or reporter, the vetting the case needs (SC for
 * soi and maa_review, BPSS otherwise) and membership (the lead agency, or the actor's
 * agency as a whole or the actor added to it).  Membership never stands in for the role
 * or the vetting. */
static ac_vetting
model_case_vetting(ac_case_type type)
{
    return type == AC_CASE_SOI || type == AC_CASE_MAA_REVIEW ? AC_VETTING_SC : AC_VETTING_BPSS;
}

static bool
model_case_visible(const struct who *w, ac_case_type type, bool lead_is_mine, bool is_member)
{
    bool content = HOLDS(w->roles, model_readers) &&
                   (w->roles & (AC_ROLE_ADMIN | AC_ROLE_AUDITOR | AC_ROLE_REPORTER)) == 0;

    return content && w->vetting >= model_case_vetting(type) && (lead_is_mine || is_member);
}

/* Family 7 (duty.c): where an alert goes: among agencies with an active duty officer whose
 * kind takes alerts, the first kind in routing order, and within it the first by name. */
struct staff_fact {
    int agency; /* index into the agency table */
    unsigned roles;
    ac_user_status status;
};

struct agency_fact {
    const char *id;
    const char *name;
    ac_agency_kind kind;
};

static int
model_duty_choice(const struct agency_fact *ag,
                  size_t n_ag,
                  const struct staff_fact *st,
                  size_t n_st)
{
    for (int rank = 0; rank < 3; rank++) {
        int best = -1;

        for (size_t g = 0; g < n_ag; g++) {
            bool staffed = false;

            if (model_duty_rank(ag[g].kind) != rank) {
                continue;
            }
            for (size_t u = 0; u < n_st; u++) {
                staffed = staffed || (st[u].agency == (int)g && st[u].status == AC_USER_ACTIVE &&
                                      model_is_duty_officer(st[u].roles));
            }
            if (staffed && (best < 0 || strcmp(ag[g].name, ag[best].name) < 0)) {
                best = (int)g;
            }
        }
        if (best >= 0) {
            return best;
        }
    }
    return -1;
}

/* ---- the policy module, asked with the same facts ---- */

static ac_actor
actor_of(const struct who *w)
{
    ac_actor a;

    memset(&a, 0, sizeof a);
    a.user_id = "U1";
    a.username = "u";
    a.agency_id = "ME";
    a.agency_kind = w->kind;
    a.country = "GB";
    a.vetting = w->vetting;
    a.roles = w->roles;
    return a;
}

static const char *
holder_id(enum holder h)
{
    return h == MINE ? "ME" : h == OTHER ? "OTHER" : NULL;
}

static unsigned long disagreements;

static void
check(bool cond, const char *what, const struct who *w, int action, int h, const char *reason)
{
    if (!cond && disagreements++ < 8) {
        print_message("# disagree (%s): roles 0x%x vetting %d kind %d action %s holder %d: %s\n",
                      what, w->roles, (int)w->vetting, (int)w->kind,
                      aci_action_str((enum aci_action)action), h, reason ? reason : "(none)");
    }
}

/* ---- the matrices ---- */

#define N_ACTIONS (ACI_ACT_STATISTICS + 1)

static void
matrix_decide_agrees_with_the_model(void **state)
{
    unsigned long combos = 0, allowed = 0;

    (void)state;
    disagreements = 0;
    for (unsigned roles = 0; roles <= AC_ROLE_ALL; roles++)
        for (int v = 0; v < AC_VETTING_COUNT; v++)
            for (int k = 0; k < AC_AGENCY_KIND_COUNT; k++) {
                struct who w = { roles, (ac_vetting)v, (ac_agency_kind)k };
                ac_actor a = actor_of(&w);

                for (int act = 0; act <= N_ACTIONS; act++) /* one past: unknown */
                    for (int h = MINE; h <= NOBODY; h++) {
                        struct aci_resource res = { "record", holder_id((enum holder)h) };
                        struct aci_decision got = aci_policy_decide(&a, (enum aci_action)act, &res);
                        struct verdict want =
                            model_decide(&w, (enum aci_action)act, (enum holder)h);

                        combos++;
                        allowed += got.allow;
                        check(got.allow == want.allow, "allow", &w, act, h, got.reason);
                        check(got.allow || got.hide == want.hide, "hide", &w, act, h, got.reason);
                        check(got.reason != NULL, "reason", &w, act, h, got.reason);
                    }
            }
    print_message("# decide: %lu combinations, %lu allowed, %lu disagreements\n", combos, allowed,
                  disagreements);
    assert_true(combos >= 400000);
    assert_true(allowed > 10000);
    assert_int_equal(disagreements, 0);
}

/* Alerts from raw facts: where the alert was routed (this agency, another, nowhere), its
 * escalation and whether it was raised for a holder, turned into a resource as
 * lib/hub/alert.c does with aci_policy_alert_opens. */
static void
matrix_alert_visibility_from_routing_and_escalation(void **state)
{
    unsigned long combos = 0;

    (void)state;
    disagreements = 0;
    for (unsigned roles = 0; roles <= AC_ROLE_ALL; roles++)
        for (int v = 0; v < AC_VETTING_COUNT; v++)
            for (int k = 0; k < AC_AGENCY_KIND_COUNT; k++)
                for (int routed = MINE; routed <= NOBODY; routed++)
                    for (int esc = 0; esc < 4; esc++)
                        for (int fh = 0; fh <= 1; fh++) {
                            struct who w = { roles, (ac_vetting)v, (ac_agency_kind)k };
                            ac_actor a = actor_of(&w);
                            bool open = aci_policy_alert_opens(fh != 0, esc);
                            struct aci_resource res = { "alert",
                                                        open ? NULL
                                                             : holder_id((enum holder)routed) };
                            bool got = aci_policy_decide(&a, ACI_ACT_ALERT_READ, &res).allow;
                            bool want = alert_desk(&w) && (model_alert_open(fh != 0, esc) ||
                                                           routed == MINE || routed == NOBODY);

                            combos++;
                            check(got == want, "alert seen", &w, ACI_ACT_ALERT_READ,
                                  fh * 100 + routed * 10 + esc, NULL);
                        }
    print_message("# alerts: %lu combinations, %lu disagreements\n", combos, disagreements);
    assert_int_equal(disagreements, 0);
}

/* duty.c, aci_policy_alert_notifies (issue 14, point 8): a user is told of an alert only
 * when they may read it (an active duty officer, BPSS, of a kind that takes alerts), and
 * only at the tier it reached: the routed agency's duty officers at first, its supervisors
 * after one lapse, every one of them at the duty desk (or when it went to nobody); a
 * holder's alert never leaves the holder. */
static bool
model_notified(const struct who *w,
               bool active,
               bool supervisor,
               enum holder routed,
               bool for_holder,
               int escalation)
{
    int tier = escalation <= 0                      ? 0
               : escalation >= (for_holder ? 1 : 2) ? (for_holder ? 1 : 2)
                                                    : escalation;

    if (!active || !alert_desk(w)) {
        return false;
    }
    if (routed == NOBODY || tier >= 2) {
        return true;
    }
    return routed == MINE && (tier == 0 || supervisor);
}

static void
matrix_alert_notification_by_tier(void **state)
{
    static const ac_user_status statuses[] = { AC_USER_ACTIVE, AC_USER_SUSPENDED,
                                               AC_USER_DISABLED };
    unsigned long combos = 0;

    (void)state;
    disagreements = 0;
    for (unsigned roles = 0; roles <= AC_ROLE_ALL; roles++)
        for (int v = 0; v < AC_VETTING_COUNT; v++)
            for (int k = 0; k < AC_AGENCY_KIND_COUNT; k++)
                for (size_t st = 0; st < 3; st++)
                    for (int sup = 0; sup <= 1; sup++)
                        for (int routed = MINE; routed <= NOBODY; routed++)
                            for (int esc = 0; esc < 4; esc++)
                                for (int fh = 0; fh <= 1; fh++) {
                                    struct who w = { roles, (ac_vetting)v, (ac_agency_kind)k };
                                    struct aci_notify_user u = { "U1",    "ME",      w.kind,
                                                                 roles,   w.vetting, statuses[st],
                                                                 sup != 0 };
                                    bool got = aci_policy_alert_notifies(
                                        &u, holder_id((enum holder)routed), fh != 0, esc);
                                    bool want = model_notified(&w, st == 0, sup != 0,
                                                               (enum holder)routed, fh != 0, esc);

                                    combos++;
                                    check(got == want, "notified", &w, ACI_ACT_ALERT_READ,
                                          fh * 1000 + sup * 100 + routed * 10 + esc, NULL);
                                }
    print_message("# notifications: %lu combinations, %lu disagreements\n", combos, disagreements);
    assert_int_equal(disagreements, 0);
}

static void
matrix_search_and_case_visibility(void **state)
{
    unsigned long combos = 0;

    (void)state;
    disagreements = 0;
    for (unsigned roles = 0; roles <= AC_ROLE_ALL; roles++)
        for (int v = 0; v < AC_VETTING_COUNT; v++)
            for (int k = 0; k < AC_AGENCY_KIND_COUNT; k++) {
                struct who w = { roles, (ac_vetting)v, (ac_agency_kind)k };
                ac_actor a = actor_of(&w);
                const char *vis = aci_policy_visible_agency(&a);

                check(model_visible_agency(&w) ? vis != NULL && strcmp(vis, "ME") == 0
                                               : vis == NULL,
                      "visible agency", &w, ACI_ACT_SEARCH, 0, vis);
                for (int t = 0; t < AC_CASE_TYPE_COUNT; t++)
                    for (int lead = 0; lead < 2; lead++)
                        for (int member = 0; member < 2; member++) {
                            bool got = aci_policy_case_visible(&a, lead ? "ME" : "OTHER",
                                                               (ac_case_type)t, member);

                            combos++;
                            check(got == model_case_visible(&w, (ac_case_type)t, lead, member),
                                  "case visible", &w, ACI_ACT_READ, t * 100 + lead * 10 + member,
                                  NULL);
                        }
            }
    for (int t = 0; t < AC_CASE_TYPE_COUNT; t++) {
        assert_int_equal(aci_policy_case_vetting((ac_case_type)t),
                         model_case_vetting((ac_case_type)t));
    }
    print_message("# cases: %lu combinations, %lu disagreements\n", combos, disagreements);
    assert_int_equal(disagreements, 0);
}

static void
matrix_duty_officers_and_routing_order(void **state)
{
    (void)state;
    disagreements = 0;
    for (unsigned roles = 0; roles <= AC_ROLE_ALL; roles++) {
        struct who w = { roles, AC_VETTING_NONE, AC_AGENCY_CT_POLICING };

        check(aci_policy_is_duty_officer(roles) == model_is_duty_officer(roles), "duty officer", &w,
              ACI_ACT_ALERT_READ, 0, NULL);
    }
    for (int k = -1; k <= AC_AGENCY_KIND_COUNT; k++) {
        struct who w = { 0, AC_VETTING_NONE, (ac_agency_kind)k };

        check(aci_policy_duty_agency_order((ac_agency_kind)k) ==
                  (k < 0 || k >= AC_AGENCY_KIND_COUNT ? -1 : model_duty_rank((ac_agency_kind)k)),
              "routing order", &w, ACI_ACT_ALERT_READ, k, NULL);
    }
    assert_int_equal(aci_policy_alert_open_escalation(), 2);
    for (int e = -1; e < 5; e++) {
        assert_int_equal(e >= aci_policy_alert_open_escalation(), model_alert_open(false, e));
        assert_int_equal(aci_policy_alert_opens(false, e), model_alert_open(false, e));
        assert_int_equal(aci_policy_alert_opens(true, e), model_alert_open(true, e));
    }
    assert_int_equal(disagreements, 0);
}

/* Random partnerships (a fixed seed): agencies of every kind, users of random roles and
 * status; the policy's choice must be the model's. */
static void
matrix_alert_routing_over_random_partnerships(void **state)
{
    static const char *const ids[] = { "A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7" };
    static const char *const names[] = { "Kent",  "Avon",     "Zeta",  "Mersey",
                                         "Bravo", "Avon Two", "Delta", "Kappa" };
    uint64_t seed = 0x9e3779b97f4a7c15u;
    unsigned long chosen = 0, none = 0;

    (void)state;
    for (int trial = 0; trial < 20000; trial++) {
        struct agency_fact ag[8];
        struct staff_fact st[12];
        struct aci_agency_staff rows[12];
        size_t n_ag = 1 + trial % 8, n_st = (size_t)(trial / 8) % 13;
        const char *got;
        int want;

        for (size_t g = 0; g < n_ag; g++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            /* mostly the kinds that take alerts, so ties and order matter */
            ag[g].kind =
                (ac_agency_kind)((seed >> 33) % 5 < 3 ? (seed >> 40) % 3
                                                      : (seed >> 40) % AC_AGENCY_KIND_COUNT);
            ag[g].id = ids[g];
            ag[g].name = names[(g + (size_t)trial) % 8];
        }
        for (size_t u = 0; u < n_st && u < 12; u++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            st[u].agency = (int)((seed >> 33) % n_ag);
            st[u].roles = (unsigned)(seed >> 20) & AC_ROLE_ALL;
            st[u].status = (ac_user_status)((seed >> 45) % 4 == 0 ? (seed >> 50) % 3 : 0);
            rows[u].agency_id = ag[st[u].agency].id;
            rows[u].agency_name = ag[st[u].agency].name;
            rows[u].kind = ag[st[u].agency].kind;
            rows[u].roles = st[u].roles;
            rows[u].status = st[u].status;
        }
        /* names are unique per agency in the hub: drop duplicates the rotation made */
        for (size_t g = 1; g < n_ag; g++) {
            for (size_t h = 0; h < g; h++) {
                assert_true(strcmp(ag[g].name, ag[h].name) != 0);
            }
        }
        got = aci_policy_duty_agency(rows, n_st);
        want = model_duty_choice(ag, n_ag, st, n_st);
        if (want < 0) {
            none++;
            assert_null(got);
        } else {
            chosen++;
            assert_non_null(got);
            assert_string_equal(got, ag[want].id);
        }
    }
    print_message("# routing: %lu routed, %lu to nobody\n", chosen, none);
    assert_true(chosen > 1000 && none > 100);
}

/* Separation of duties (docs/threat-model.md): a grant waits for a second administrator
 * when it adds a content role the user did not hold (the readers above), or raises the
 * vetting to SC or DV; an account holding only the admin role is the hub's
 * administrators' to make, every other its own agency's. */
static void
matrix_grants_and_account_managers(void **state)
{
    size_t n = 0, held = 0;

    (void)state;
    for (unsigned from = 0; from < 128; from++) {
        for (unsigned to = 1; to < 128; to++) {
            for (int fv = 0; fv < AC_VETTING_COUNT; fv++) {
                for (int tv = 0; tv < AC_VETTING_COUNT; tv++) {
                    bool new_content = false, want, got;

                    for (size_t i = 0; i < ACI_ARRAY_LEN(model_readers); i++) {
                        new_content |= (to & model_readers[i]) && !(from & model_readers[i]);
                    }
                    want = new_content || ((tv == AC_VETTING_SC || tv == AC_VETTING_DV) && tv > fv);
                    got = aci_policy_grant_needs_second(from, (ac_vetting)fv, to, (ac_vetting)tv);
                    if (want != got) {
                        fail_msg("grant from roles %#x vetting %d to %#x vetting %d: want %d", from,
                                 fv, to, tv, (int)want);
                    }
                    held += want;
                    n++;
                }
            }
        }
    }
    print_message("# grants: %zu combinations, %zu held for a second administrator\n", n, held);
    for (unsigned roles = 1; roles < 128; roles++) {
        const char *m = aci_policy_account_manager("AGENCY", roles, "HUB");

        assert_string_equal(m, roles == AC_ROLE_ADMIN ? "HUB" : "AGENCY");
    }
}

static void
matrix_discoverable_holdings(void **state)
{
    unsigned long combos = 0, seen = 0;

    (void)state;
    disagreements = 0;
    for (int hk = 0; hk < AC_AGENCY_KIND_COUNT; hk++)
        for (int rk = 0; rk < AC_AGENCY_KIND_COUNT; rk++) {
            assert_int_equal(
                aci_policy_discoverable_default((ac_agency_kind)hk, (ac_agency_kind)rk),
                model_discoverable((ac_agency_kind)hk, (ac_agency_kind)rk));
        }
    for (unsigned roles = 0; roles <= AC_ROLE_ALL; roles++)
        for (int v = 0; v < AC_VETTING_COUNT; v++)
            for (int k = 0; k < AC_AGENCY_KIND_COUNT; k++)
                for (int h = MINE; h <= NOBODY; h++)
                    for (int hk = 0; hk < AC_AGENCY_KIND_COUNT; hk++)
                        for (int decl = -1; decl <= 1; decl++) {
                            struct who w = { roles, (ac_vetting)v, (ac_agency_kind)k };
                            ac_actor a = actor_of(&w);
                            bool got = aci_policy_pointer_visible(&a, holder_id((enum holder)h),
                                                                  (ac_agency_kind)hk, decl);

                            combos++;
                            seen += got;
                            check(got ==
                                      model_pointer(&w, (enum holder)h, (ac_agency_kind)hk, decl),
                                  "pointer", &w, ACI_ACT_SEARCH, h * 100 + hk * 3 + decl + 1, NULL);
                        }
    print_message("# pointers: %lu combinations, %lu seen, %lu disagreements\n", combos, seen,
                  disagreements);
    assert_int_equal(disagreements, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matrix_grants_and_account_managers),
        cmocka_unit_test(matrix_decide_agrees_with_the_model),
        cmocka_unit_test(matrix_alert_visibility_from_routing_and_escalation),
        cmocka_unit_test(matrix_alert_notification_by_tier),
        cmocka_unit_test(matrix_search_and_case_visibility),
        cmocka_unit_test(matrix_duty_officers_and_routing_order),
        cmocka_unit_test(matrix_alert_routing_over_random_partnerships),
        cmocka_unit_test(matrix_discoverable_holdings),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
