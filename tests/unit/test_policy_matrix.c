/* SPDX-License-Identifier: Apache-2.0
 *
 * test_policy_matrix.c - the authorization matrix: every combination of role, vetting,
 * agency kind, country, classification, caveats, releasability, case binding and
 * membership, and disclosure state (none, live, expired, revoked, redacted to a lower
 * classification, to a Prevent case with or without gateway, under a gateway that carries
 * intelligence-service material with or without the originator's release), decided by the policy
 * module and by an independent reference model written here from the rules as stated in
 * the issue.  Zero disagreements allowed.
 */
#include "support.h"

#include <string.h>

#include "policy/item_policy.h"

/* ---- the reference model: a deliberately different, flat formulation ---- */

static const int min_vetting[AC_CLASS_COUNT] = {
    [AC_CLASS_OFFICIAL] = AC_VETTING_BPSS,
    [AC_CLASS_OFFICIAL_SENSITIVE] = AC_VETTING_BPSS,
    [AC_CLASS_SECRET] = AC_VETTING_SC,
    [AC_CLASS_TOP_SECRET] = AC_VETTING_DV,
};

struct world {
    unsigned roles;
    ac_vetting vetting;
    ac_agency_kind kind;
    const char *country;
    bool originator;
    ac_classification cls;
    unsigned caveats;
    int releasable; /* 0 any, 1 to the actor's kind, 2 to another agency only */
    bool bound;
    bool member;
    ac_case_type case_type;
    int disclosure; /* 0 none, 1 live, 2 expired, 3 revoked, 4 live redacted to OFFICIAL,
                       5 live to a Prevent case with gateway, 6 ... without gateway,
                       7 live but to another agency, 8 live to the actor's agency with no
                       gateway named, 9 live to the actor's agency under a gateway that
                       carries ISS with the originator's release, 10 ... without the
                       release, 11 live to a Prevent case under such a gateway, released,
                       12 live to a Prevent case under a gateway that does not carry ISS
                       (CTSA 2015 s.38), "released" all the same */
};

static bool
reference_read(const struct world *w)
{
    bool reader = (w->roles & (AC_ROLE_ANALYST | AC_ROLE_CASEWORKER | AC_ROLE_PANEL_MEMBER |
                               AC_ROLE_DUTY_OFFICER)) != 0;
    bool uk_ok = w->kind != AC_AGENCY_INTERNATIONAL_PARTNER && strcmp(w->country, "GB") == 0;
    bool pc_case = w->case_type == AC_CASE_PREVENT_REFERRAL || w->case_type == AC_CASE_CHANNEL;

    if (!reader) {
        return false; /* admins, auditors, reporters: no content by role */
    }
    if (w->originator && w->disclosure == 0) {
        if (w->bound && !w->member) {
            return false;
        }
        if ((int)w->vetting < min_vetting[w->cls]) {
            return false;
        }
        if ((w->caveats & AC_CAVEAT_UK_EYES_ONLY) && !uk_ok) {
            return false;
        }
        if ((w->caveats & AC_CAVEAT_ISS) && w->bound && pc_case) {
            return false;
        }
        if ((w->caveats & AC_CAVEAT_ISS) && w->kind == AC_AGENCY_LOCAL_AUTHORITY) {
            return false; /* issue 14: council users never read ISS material */
        }
        return true;
    }
    /* outside the originator (or reading through a disclosure) */
    {
        bool live = w->disclosure == 1 || w->disclosure == 4 || w->disclosure == 5 ||
                    w->disclosure == 6 || w->disclosure >= 8;
        ac_classification released = w->disclosure == 4 ? AC_CLASS_OFFICIAL : w->cls;
        /* SSA 1989 s.2(2)(a) / CTA 2008 s.19, with the originator's explicit release */
        bool iss_lawful = w->disclosure == 9 || w->disclosure == 11;

        if (!live) {
            return false;
        }
        if ((int)w->vetting < min_vetting[released]) {
            return false;
        }
        if ((w->caveats & AC_CAVEAT_UK_EYES_ONLY) && !uk_ok) {
            return false;
        }
        if (w->releasable == 2) {
            return false;
        }
        if ((w->caveats & AC_CAVEAT_ISS) && (w->kind == AC_AGENCY_LOCAL_AUTHORITY || !iss_lawful)) {
            return false; /* never CTSA 2015 s.38 or a partner's gateway; never a council */
        }
        return true;
    }
}

/* ---- turning a world into the policy module's inputs ---- */

static struct aci_decision
module_read(const struct world *w)
{
    ac_actor actor;
    struct aci_item_facts item;
    struct aci_disclosure_facts d;
    const struct aci_disclosure_facts *dp = NULL;

    memset(&actor, 0, sizeof actor);
    actor.user_id = "U1";
    actor.username = "u";
    actor.agency_id = "ME";
    actor.agency_kind = w->kind;
    actor.country = w->country;
    actor.vetting = w->vetting;
    actor.roles = w->roles;
    memset(&item, 0, sizeof item);
    item.origin_agency_id = w->originator ? "ME" : "OTHER";
    item.classification = w->cls;
    item.caveats = w->caveats;
    item.releasable_to = w->releasable == 0   ? NULL
                         : w->releasable == 1 ? ac_agency_kind_str(w->kind)
                                              : "SOMEONE_ELSE,prison";
    if (w->releasable == 2 && w->kind == AC_AGENCY_PRISON) {
        item.releasable_to = "SOMEONE_ELSE";
    }
    item.bound_to_case = w->bound;
    item.actor_in_case = w->member;
    item.case_type = w->case_type;
    if (w->disclosure != 0) {
        memset(&d, 0, sizeof d);
        d.live = w->disclosure != 2 && w->disclosure != 3;
        d.reaches_actor = w->disclosure != 7;
        d.to_case = w->disclosure == 5 || w->disclosure == 6 || w->disclosure >= 11;
        d.case_type = AC_CASE_PREVENT_REFERRAL;
        d.has_gateway = w->disclosure != 6 && w->disclosure != 8;
        d.gateway_carries_iss = w->disclosure >= 9 && w->disclosure <= 11;
        d.iss_released = w->disclosure == 9 || w->disclosure >= 11;
        d.classification = w->disclosure == 4 ? AC_CLASS_OFFICIAL : w->cls;
        d.caveats = w->caveats;
        if (w->disclosure == 7) {
            d.live = true;
        }
        dp = &d;
    }
    return aci_policy_item(&actor, ACI_ITEM_READ, &item, dp);
}

static void
matrix_policy_agrees_with_the_reference_model(void **state)
{
    static const unsigned roles[] = { AC_ROLE_ADMIN,        AC_ROLE_ANALYST,
                                      AC_ROLE_CASEWORKER,   AC_ROLE_PANEL_MEMBER,
                                      AC_ROLE_DUTY_OFFICER, AC_ROLE_REPORTER,
                                      AC_ROLE_AUDITOR,      AC_ROLE_ADMIN | AC_ROLE_AUDITOR };
    static const ac_agency_kind kinds[] = {
        AC_AGENCY_SECURITY_SERVICE, AC_AGENCY_CT_POLICING,    AC_AGENCY_LOCAL_AUTHORITY,
        AC_AGENCY_PRISON,           AC_AGENCY_PRIVATE_SECTOR, AC_AGENCY_INTERNATIONAL_PARTNER
    };
    static const char *const countries[] = { "GB", "FR" };
    static const ac_case_type case_types[] = { AC_CASE_SOI, AC_CASE_CHANNEL };
    unsigned long combos = 0, disagreements = 0, allowed = 0;
    struct world w;

    (void)state;
    memset(&w, 0, sizeof w);
    for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++)
        for (int v = 0; v < AC_VETTING_COUNT; v++)
            for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
                for (size_t c = 0; c < 2; c++)
                    for (int o = 0; o < 2; o++)
                        for (int cls = 0; cls < AC_CLASS_COUNT; cls++)
                            for (unsigned cav = 0; cav <= AC_CAVEAT_ALL; cav++)
                                for (int rel = 0; rel < 3; rel++)
                                    for (int b = 0; b < 3; b++)
                                        for (size_t ct = 0; ct < 2; ct++)
                                            for (int d = 0; d < 13; d++) {
                                                struct aci_decision got;
                                                bool expect;

                                                w.roles = roles[r];
                                                w.vetting = (ac_vetting)v;
                                                w.kind = kinds[k];
                                                w.country = countries[c];
                                                w.originator = o;
                                                w.cls = (ac_classification)cls;
                                                w.caveats = cav;
                                                w.releasable = rel;
                                                w.bound = b > 0;
                                                w.member = b == 2;
                                                w.case_type = case_types[ct];
                                                w.disclosure = d;
                                                got = module_read(&w);
                                                expect = reference_read(&w);
                                                combos++;
                                                allowed += got.allow;
                                                if (got.allow != expect) {
                                                    if (disagreements++ < 5) {
                                                        print_message(
                                                            "# disagree: role %u vet %d kind %d "
                                                            "cc %s orig %d cls %d cav %u rel "
                                                            "%d bound %d case %d disc %d: "
                                                            "module %d (%s)\n",
                                                            w.roles, v, (int)w.kind, w.country, o,
                                                            cls, cav, rel, b, (int)w.case_type, d,
                                                            got.allow, got.reason);
                                                    }
                                                }
                                                /* content refusals never say why to the
                                                 * reader: they are hidden */
                                                if (!got.allow) {
                                                    assert_true(got.hide);
                                                }
                                            }
    print_message("# %lu combinations, %lu allowed, %lu disagreements\n", combos, allowed,
                  disagreements);
    assert_true(combos >= 100000);
    assert_true(allowed > 1000);
    assert_int_equal(disagreements, 0);
}

/* ---- writes, disclosures, approvals and revocations ---- */

/* A disclosure row as the store holds it, for the write actions: its lawful basis (a
 * known gateway, an unknown one, none) and who released it. */
struct row {
    bool present;
    int basis;     /* 0 a known gateway, 1 a name not in the table, 2 none, 3 a known gateway
                      that carries ISS material (ssa1989-s2, cta2008-s19) */
    bool by_actor; /* released_by is the actor */
    bool released; /* the request carries the originator's explicit ISS release */
};

struct wworld {
    ac_agency_kind kind;
    unsigned roles;
    ac_vetting vetting;
    bool originator;
    ac_classification cls;
    unsigned caveats;
    bool bound;
    bool member;
    ac_case_type case_type;
    enum aci_item_action action;
    struct row row;
};

struct verdict {
    bool allow;
    bool hide;
};

/* Rules 1-6 of item_policy.h for writes, with docs/architecture.md's items table.  The
 * content conditions come first: an actor who may not know of the item (another agency,
 * not cleared for it, not in its case) is told "not found" whatever the request; only
 * then are the request's own faults (role, ISS into Prevent/Channel, two-person rule,
 * gateway) refused plainly. */
static struct verdict
reference_write(const struct wworld *w)
{
    static const struct verdict yes = { true, false }, no = { false, false },
                                unseen = { false, true };
    bool sharing = w->action == ACI_ITEM_DISCLOSE || w->action == ACI_ITEM_APPROVE ||
                   w->action == ACI_ITEM_REVOKE; /* policy.h: release, approve or revoke */
    unsigned role = sharing ? AC_ROLE_ANALYST | AC_ROLE_CASEWORKER
                            : AC_ROLE_ANALYST | AC_ROLE_CASEWORKER | AC_ROLE_DUTY_OFFICER;
    bool pc_case = w->case_type == AC_CASE_PREVENT_REFERRAL || w->case_type == AC_CASE_CHANNEL;

    if (!w->originator) {
        return unseen; /* rule 3: only the originator edits or shares */
    }
    if ((int)w->vetting < min_vetting[w->cls]) {
        return unseen; /* rule 2: reading and writing alike */
    }
    if (w->bound && !w->member) {
        return unseen; /* rule 4: need-to-know */
    }
    if ((w->roles & role) == 0) {
        return no; /* rule 1 */
    }
    if (w->action == ACI_ITEM_CREATE && (w->caveats & AC_CAVEAT_ISS) && w->bound && pc_case) {
        return no; /* rule 5: ISS material is never bound to a Prevent or Channel case */
    }
    if (w->action == ACI_ITEM_APPROVE && (!w->row.present || w->row.by_actor)) {
        return no; /* rule 6: a second person approves */
    }
    if (w->action == ACI_ITEM_CREATE && (w->caveats & AC_CAVEAT_ISS) &&
        w->kind == AC_AGENCY_LOCAL_AUTHORITY) {
        return no; /* issue 14: a council never holds ISS material */
    }
    if (w->action == ACI_ITEM_DISCLOSE &&
        (!w->row.present || (w->row.basis != 0 && w->row.basis != 3))) {
        return no; /* a disclosure must name a known lawful gateway */
    }
    if (w->action == ACI_ITEM_DISCLOSE && (w->caveats & AC_CAVEAT_ISS) &&
        (w->row.basis != 3 || !w->row.released)) {
        return no; /* issue 14: ISS goes only under SSA 1989 s.2 / CTA 2008 s.19, released */
    }
    return yes;
}

static struct aci_decision
module_write(const struct wworld *w)
{
    ac_actor actor;
    struct aci_item_facts item;
    struct aci_disclosure_facts d;

    memset(&actor, 0, sizeof actor);
    actor.user_id = "U1";
    actor.username = "u";
    actor.agency_id = "ME";
    actor.agency_kind = w->kind;
    actor.country = "GB";
    actor.vetting = w->vetting;
    actor.roles = w->roles;
    memset(&item, 0, sizeof item);
    item.origin_agency_id = w->originator ? "ME" : "OTHER";
    item.classification = w->cls;
    item.caveats = w->caveats;
    item.bound_to_case = w->bound;
    item.actor_in_case = w->member;
    item.case_type = w->case_type;
    memset(&d, 0, sizeof d);
    /* as lib/hub/disclosure.c asks the gateway table */
    d.has_gateway = w->row.basis == 0 || w->row.basis == 3;
    d.gateway_carries_iss = w->row.basis == 3;
    d.iss_released = w->row.released;
    d.released_by_actor = w->row.by_actor;
    return aci_policy_item(&actor, w->action, &item, w->row.present ? &d : NULL);
}

static void
matrix_writes_agree_with_the_reference_model(void **state)
{
    static const ac_case_type case_types[] = { AC_CASE_SOI, AC_CASE_PREVENT_REFERRAL,
                                               AC_CASE_CHANNEL };
    static const enum aci_item_action actions[] = { ACI_ITEM_CREATE, ACI_ITEM_UPDATE,
                                                    ACI_ITEM_DISCLOSE, ACI_ITEM_APPROVE,
                                                    ACI_ITEM_REVOKE };
    static const struct row rows[] = {
        { false, 2, false, false }, { true, 0, false, false }, { true, 1, false, false },
        { true, 2, false, false },  { true, 0, true, false },  { true, 1, true, false },
        { true, 3, false, true },   { true, 3, false, false }, { true, 0, false, true },
    };
    static const ac_agency_kind kinds[] = { AC_AGENCY_CT_POLICING, AC_AGENCY_LOCAL_AUTHORITY };
    unsigned long combos = 0, disagreements = 0, allowed = 0;
    struct wworld w;

    (void)state;
    memset(&w, 0, sizeof w);
    for (size_t k = 0; k < 2; k++)
        for (unsigned r = 0; r <= AC_ROLE_ALL; r++)
            for (int v = 0; v < AC_VETTING_COUNT; v++)
                for (int o = 0; o < 2; o++)
                    for (int cls = 0; cls < AC_CLASS_COUNT; cls++)
                        for (unsigned cav = 0; cav <= AC_CAVEAT_ALL; cav++)
                            for (int b = 0; b < 3; b++)
                                for (size_t ct = 0; ct < 3; ct++)
                                    for (size_t act = 0; act < 5; act++)
                                        for (size_t rw = 0; rw < 9; rw++) {
                                            struct aci_decision got;
                                            struct verdict want;

                                            w.kind = kinds[k];
                                            w.roles = r;
                                            w.vetting = (ac_vetting)v;
                                            w.originator = o;
                                            w.cls = (ac_classification)cls;
                                            w.caveats = cav;
                                            w.bound = b > 0;
                                            w.member = b == 2;
                                            w.case_type = case_types[ct];
                                            w.action = actions[act];
                                            w.row = rows[rw];
                                            got = module_write(&w);
                                            want = reference_write(&w);
                                            combos++;
                                            allowed += got.allow;
                                            if (got.allow != want.allow ||
                                                (!got.allow && got.hide != want.hide) ||
                                                got.reason == NULL) {
                                                if (disagreements++ < 5) {
                                                    print_message(
                                                        "# disagree: action %d roles 0x%x vet %d "
                                                        "orig %d cls %d cav %u bound %d case %d "
                                                        "row %zu: module %d hide %d (%s), model "
                                                        "%d hide %d\n",
                                                        (int)w.action, r, v, o, cls, cav, b,
                                                        (int)w.case_type, rw, got.allow, got.hide,
                                                        got.reason, want.allow, want.hide);
                                                }
                                            }
                                        }
    print_message("# writes: %lu combinations, %lu allowed, %lu disagreements\n", combos, allowed,
                  disagreements);
    assert_true(combos >= 1000000);
    assert_true(allowed > 10000);
    assert_int_equal(disagreements, 0);
}

static void
matrix_only_the_originator_writes_and_shares(void **state)
{
    ac_actor a;
    struct aci_item_facts item;
    struct aci_disclosure_facts d;

    (void)state;
    memset(&a, 0, sizeof a);
    a.user_id = "U";
    a.agency_id = "ME";
    a.agency_kind = AC_AGENCY_CT_POLICING;
    a.country = "GB";
    a.vetting = AC_VETTING_SC;
    a.roles = AC_ROLE_ANALYST;
    memset(&item, 0, sizeof item);
    item.origin_agency_id = "OTHER";
    item.classification = AC_CLASS_SECRET;
    assert_false(aci_policy_item(&a, ACI_ITEM_UPDATE, &item, NULL).allow);
    assert_false(aci_policy_item(&a, ACI_ITEM_DISCLOSE, &item, NULL).allow);
    item.origin_agency_id = "ME";
    assert_true(aci_policy_item(&a, ACI_ITEM_UPDATE, &item, NULL).allow);
    memset(&d, 0, sizeof d);
    d.has_gateway = true;
    assert_true(aci_policy_item(&a, ACI_ITEM_DISCLOSE, &item, &d).allow);
    d.has_gateway = false;
    assert_false(aci_policy_item(&a, ACI_ITEM_DISCLOSE, &item, &d).allow);
    /* two-person rule */
    d.released_by_actor = true;
    assert_false(aci_policy_item(&a, ACI_ITEM_APPROVE, &item, &d).allow);
    d.released_by_actor = false;
    assert_true(aci_policy_item(&a, ACI_ITEM_APPROVE, &item, &d).allow);
    /* never write above one's clearance */
    item.classification = AC_CLASS_TOP_SECRET;
    assert_false(aci_policy_item(&a, ACI_ITEM_CREATE, &item, NULL).allow);
    /* a panel member reads but does not write; an admin does neither */
    item.classification = AC_CLASS_OFFICIAL;
    a.roles = AC_ROLE_PANEL_MEMBER;
    assert_false(aci_policy_item(&a, ACI_ITEM_CREATE, &item, NULL).allow);
    assert_true(aci_policy_item(&a, ACI_ITEM_READ, &item, NULL).allow);
    a.roles = AC_ROLE_ADMIN;
    assert_false(aci_policy_item(&a, ACI_ITEM_READ, &item, NULL).allow);
    /* ISS material is not put straight into a Channel case */
    a.roles = AC_ROLE_ANALYST;
    item.caveats = AC_CAVEAT_ISS;
    item.bound_to_case = item.actor_in_case = true;
    item.case_type = AC_CASE_CHANNEL;
    assert_false(aci_policy_item(&a, ACI_ITEM_CREATE, &item, NULL).allow);
    item.case_type = AC_CASE_SOI;
    assert_true(aci_policy_item(&a, ACI_ITEM_CREATE, &item, NULL).allow);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matrix_policy_agrees_with_the_reference_model),
        cmocka_unit_test(matrix_writes_agree_with_the_reference_model),
        cmocka_unit_test(matrix_only_the_originator_writes_and_shares),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
