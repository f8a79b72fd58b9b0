/* SPDX-License-Identifier: Apache-2.0
 *
 * test_policy.c - the access decision (lib/policy): a pure function, tested on actors
 * and resources built in memory.
 */
#include "support.h"

#include <string.h>

#include "policy/policy.h"

static ac_actor
actor(const char *agency, unsigned roles, ac_vetting v)
{
    ac_actor a;

    memset(&a, 0, sizeof a);
    a.user_id = "U";
    a.username = "u";
    a.agency_id = agency;
    a.agency_kind = AC_AGENCY_CT_POLICING;
    a.country = "GB";
    a.roles = roles;
    a.vetting = v;
    return a;
}

static const struct aci_resource own = { "person", "A" };
static const struct aci_resource other = { "person", "B" };
static const struct aci_resource party = { "partnership", NULL };
static const struct aci_resource own_account = { "user", "A" };
static const struct aci_resource other_account = { "user", "B" };

/* Administrators manage the accounts of their own agency only (issue 13: an administrator
 * made a DV user with every role in the Security Service). */
static void
policy_admin_manages_the_partnership(void **state)
{
    ac_actor admin = actor("A", AC_ROLE_ADMIN, AC_VETTING_BPSS);
    ac_actor analyst = actor("A", AC_ROLE_ANALYST, AC_VETTING_SC);

    (void)state;
    assert_true(aci_policy_decide(&admin, ACI_ACT_MANAGE_PARTY, &own_account).allow);
    assert_false(aci_policy_decide(&admin, ACI_ACT_MANAGE_PARTY, &other_account).allow);
    assert_false(aci_policy_decide(&analyst, ACI_ACT_MANAGE_PARTY, &own_account).allow);
    /* a content role or SC/DV vetting waits for a second administrator */
    assert_true(
        aci_policy_grant_needs_second(0, AC_VETTING_NONE, AC_ROLE_ANALYST, AC_VETTING_BPSS));
    assert_true(aci_policy_grant_needs_second(AC_ROLE_ADMIN, AC_VETTING_BPSS, AC_ROLE_ADMIN,
                                              AC_VETTING_DV));
    assert_false(aci_policy_grant_needs_second(0, AC_VETTING_NONE, AC_ROLE_ADMIN | AC_ROLE_AUDITOR,
                                               AC_VETTING_CTC));
    assert_false(aci_policy_grant_needs_second(AC_ROLE_ANALYST, AC_VETTING_SC, AC_ROLE_ANALYST,
                                               AC_VETTING_SC));
}

static void
policy_admin_reads_no_content_by_role(void **state)
{
    ac_actor admin = actor("A", AC_ROLE_ADMIN, AC_VETTING_DV);
    struct aci_decision d = aci_policy_decide(&admin, ACI_ACT_READ, &own);

    (void)state;
    assert_false(d.allow);
    assert_true(d.hide);
    assert_false(aci_policy_decide(&admin, ACI_ACT_SEARCH, &own).allow);
    assert_null(aci_policy_visible_agency(&admin));
}

static void
policy_auditor_reads_no_content(void **state)
{
    ac_actor auditor = actor("A", AC_ROLE_AUDITOR, AC_VETTING_SC);

    (void)state;
    assert_false(aci_policy_decide(&auditor, ACI_ACT_READ, &own).allow);
    assert_true(aci_policy_decide(&auditor, ACI_ACT_READ_STATS, &party).allow);
}

/* The partnership's statistics (issue 21.2): analysts, auditors (the oversight auditor)
 * and administrators read them; retailers, whether their till or their administrator, and
 * roles without an analytic or oversight job (caseworkers, duty officers) do not. */
static void
policy_statistics_for_analysts_and_oversight_not_retailers(void **state)
{
    static const struct aci_resource res = { "statistics", "A" };
    ac_actor analyst = actor("A", AC_ROLE_ANALYST, AC_VETTING_SC);
    ac_actor auditor = actor("A", AC_ROLE_AUDITOR, AC_VETTING_SC);
    ac_actor admin = actor("A", AC_ROLE_ADMIN, AC_VETTING_BPSS);
    ac_actor caseworker = actor("A", AC_ROLE_CASEWORKER, AC_VETTING_SC);
    ac_actor till = actor("R", AC_ROLE_REPORTER, AC_VETTING_NONE);
    ac_actor retail_admin = actor("R", AC_ROLE_ADMIN, AC_VETTING_BPSS);

    (void)state;
    till.agency_kind = retail_admin.agency_kind = AC_AGENCY_PRIVATE_SECTOR;
    assert_true(aci_policy_decide(&analyst, ACI_ACT_STATISTICS, &res).allow);
    assert_true(aci_policy_decide(&auditor, ACI_ACT_STATISTICS, &res).allow);
    assert_true(aci_policy_decide(&admin, ACI_ACT_STATISTICS, &res).allow);
    assert_false(aci_policy_decide(&caseworker, ACI_ACT_STATISTICS, &res).allow);
    assert_false(aci_policy_decide(&till, ACI_ACT_STATISTICS, &res).allow);
    assert_false(aci_policy_decide(&retail_admin, ACI_ACT_STATISTICS, &res).allow);
    assert_string_equal(aci_action_str(ACI_ACT_STATISTICS), "statistics");
}

static void
policy_content_stays_in_its_agency(void **state)
{
    ac_actor analyst = actor("A", AC_ROLE_ANALYST, AC_VETTING_SC);
    struct aci_decision d;

    (void)state;
    assert_true(aci_policy_decide(&analyst, ACI_ACT_READ, &own).allow);
    d = aci_policy_decide(&analyst, ACI_ACT_READ, &other);
    assert_false(d.allow);
    assert_true(d.hide); /* another agency's record is "not found", not "forbidden" */
    assert_false(aci_policy_decide(&analyst, ACI_ACT_CREATE, &other).allow);
    assert_false(aci_policy_decide(&analyst, ACI_ACT_IMPORT, &other).allow);
    assert_string_equal(aci_policy_visible_agency(&analyst), "A");
}

static void
policy_content_needs_bpss(void **state)
{
    ac_actor unvetted = actor("A", AC_ROLE_ANALYST, AC_VETTING_NONE);

    (void)state;
    assert_false(aci_policy_decide(&unvetted, ACI_ACT_READ, &own).allow);
    assert_false(aci_policy_decide(&unvetted, ACI_ACT_CREATE, &own).allow);
    assert_null(aci_policy_visible_agency(&unvetted));
}

static void
policy_reporter_and_panel_member_write_no_records(void **state)
{
    ac_actor reporter = actor("A", AC_ROLE_REPORTER, AC_VETTING_BPSS);
    ac_actor panel = actor("A", AC_ROLE_PANEL_MEMBER, AC_VETTING_SC);

    (void)state;
    assert_false(aci_policy_decide(&reporter, ACI_ACT_CREATE, &own).allow);
    assert_false(aci_policy_decide(&reporter, ACI_ACT_READ, &own).allow);
    assert_false(aci_policy_decide(&panel, ACI_ACT_CREATE, &own).allow);
    assert_true(aci_policy_decide(&panel, ACI_ACT_READ, &own).allow);
}

static void
policy_every_decision_has_a_reason(void **state)
{
    ac_actor actors[] = { actor("A", AC_ROLE_ADMIN, AC_VETTING_NONE),
                          actor("A", AC_ROLE_ANALYST, AC_VETTING_SC),
                          actor("A", AC_ROLE_REPORTER, AC_VETTING_NONE) };
    const struct aci_resource *res[] = { &own, &other, &party };

    (void)state;
    for (size_t i = 0; i < 3; i++) {
        for (int act = ACI_ACT_MANAGE_PARTY; act <= ACI_ACT_STATISTICS; act++) {
            for (size_t r = 0; r < 3; r++) {
                struct aci_decision d = aci_policy_decide(&actors[i], (enum aci_action)act, res[r]);

                assert_non_null(d.reason);
                assert_true(strlen(d.reason) > 0);
                assert_false(d.allow && d.hide);
            }
        }
    }
    for (int act = ACI_ACT_MANAGE_PARTY; act <= ACI_ACT_STATISTICS; act++) {
        assert_string_not_equal(aci_action_str((enum aci_action)act), "unknown");
    }
}

/* Case content: a content role (and no admin, auditor or reporter role), the case's
 * vetting, and membership (issue 13). */
static void
policy_case_content_needs_role_vetting_and_membership(void **state)
{
    ac_actor lead = actor("A", AC_ROLE_ANALYST, AC_VETTING_SC);
    ac_actor admin = actor("A", AC_ROLE_ADMIN, AC_VETTING_DV);
    ac_actor auditor = actor("A", AC_ROLE_AUDITOR, AC_VETTING_SC);
    ac_actor reporter = actor("B", AC_ROLE_REPORTER, AC_VETTING_NONE);
    ac_actor admin_analyst = actor("A", AC_ROLE_ADMIN | AC_ROLE_ANALYST, AC_VETTING_SC);
    ac_actor member_ctc = actor("B", AC_ROLE_CASEWORKER, AC_VETTING_CTC);
    ac_actor member_none = actor("B", AC_ROLE_CASEWORKER, AC_VETTING_NONE);
    ac_actor outsider = actor("C", AC_ROLE_ANALYST, AC_VETTING_DV);

    (void)state;
    assert_int_equal(aci_policy_case_vetting(AC_CASE_SOI), AC_VETTING_SC);
    assert_int_equal(aci_policy_case_vetting(AC_CASE_MAA_REVIEW), AC_VETTING_SC);
    assert_int_equal(aci_policy_case_vetting(AC_CASE_PREVENT_REFERRAL), AC_VETTING_BPSS);
    assert_true(aci_policy_case_visible(&lead, "A", AC_CASE_SOI, false));
    /* insiders of the lead agency without a content role, even members */
    assert_false(aci_policy_case_visible(&admin, "A", AC_CASE_GENERAL, true));
    assert_false(aci_policy_case_visible(&auditor, "A", AC_CASE_GENERAL, true));
    assert_false(aci_policy_case_visible(&admin_analyst, "A", AC_CASE_SOI, true));
    /* an observer agency's reporter */
    assert_false(aci_policy_case_visible(&reporter, "A", AC_CASE_PREVENT_REFERRAL, true));
    /* a member vetted below the case's need */
    assert_false(aci_policy_case_visible(&member_ctc, "A", AC_CASE_SOI, true));
    assert_true(aci_policy_case_visible(&member_ctc, "A", AC_CASE_CHANNEL, true));
    assert_false(aci_policy_case_visible(&member_none, "A", AC_CASE_CHANNEL, true));
    /* not a member */
    assert_false(aci_policy_case_visible(&member_ctc, "A", AC_CASE_CHANNEL, false));
    assert_false(aci_policy_case_visible(&outsider, "A", AC_CASE_SOI, false));
}

/* Issue 16, point 2: an alert is marked by what it reveals (DOMAIN.md 5.2, GSCP 2023): a
 * report's alert, and a case's of OFFICIAL work, OFFICIAL-SENSITIVE (the -SENSITIVE test:
 * "of at least some interest to threat actors"); a subject-of-interest case's, SECRET. */
static void
policy_alert_marking_is_what_it_reveals(void **state)
{
    (void)state;
    assert_int_equal(aci_policy_alert_marking(NULL), AC_CLASS_OFFICIAL_SENSITIVE);
    assert_int_equal(aci_policy_alert_marking("prevent_referral"), AC_CLASS_OFFICIAL_SENSITIVE);
    assert_int_equal(aci_policy_alert_marking("offender_notification"),
                     AC_CLASS_OFFICIAL_SENSITIVE);
    assert_int_equal(aci_policy_alert_marking("soi"), AC_CLASS_SECRET);
    assert_int_equal(aci_policy_alert_marking("maa_review"), AC_CLASS_SECRET);
    assert_int_equal(aci_policy_alert_marking("no_such_type"), AC_CLASS_SECRET); /* fail safe */
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(policy_admin_manages_the_partnership),
        cmocka_unit_test(policy_alert_marking_is_what_it_reveals),
        cmocka_unit_test(policy_admin_reads_no_content_by_role),
        cmocka_unit_test(policy_auditor_reads_no_content),
        cmocka_unit_test(policy_statistics_for_analysts_and_oversight_not_retailers),
        cmocka_unit_test(policy_content_stays_in_its_agency),
        cmocka_unit_test(policy_content_needs_bpss),
        cmocka_unit_test(policy_reporter_and_panel_member_write_no_records),
        cmocka_unit_test(policy_every_decision_has_a_reason),
        cmocka_unit_test(policy_case_content_needs_role_vetting_and_membership),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
