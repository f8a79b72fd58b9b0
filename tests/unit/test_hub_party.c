/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_party.c - agencies and users through the hub: bootstrap, admin-only
 * management, validation, listing, and sign-in of users.
 */
#include "support.h"

#include <string.h>

static int
setup(void **state)
{
    *state = test_hub_new(0);
    return 0;
}

static int
teardown(void **state)
{
    test_hub_free(*state);
    return 0;
}

static void
party_bootstrap_happens_once(void **state)
{
    struct test_hub *t = *state;
    const char *id = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_hub_bootstrap(t->hub, "Other", AC_AGENCY_LOCAL_AUTHORITY, "GB", "root",
                                      NULL, t->a, &id, &err),
                     AC_ECONFLICT);
    assert_null(id);
    assert_non_null(strstr(err.msg, "already"));
}

/* The hub's administrators add agencies and appoint their administrators; an agency's
 * administrators add its users; a content role waits for a second administrator, never the
 * one who asked (issue 13). */
static void
party_only_admins_add_agencies_and_users(void **state)
{
    struct test_hub *t = *state;
    ac_agency g = { NULL, "Probation", AC_AGENCY_PROBATION, "GB", NULL };
    ac_user u = { NULL,           NULL, "p.officer", NULL, AC_VETTING_CTC, AC_ROLE_CASEWORKER,
                  AC_USER_ACTIVE, NULL };
    ac_user boss = { NULL,          NULL,           "p.admin", NULL, AC_VETTING_BPSS,
                     AC_ROLE_ADMIN, AC_USER_ACTIVE, NULL };
    const char *id = NULL, *user_id = NULL;
    const ac_actor *p_admin = NULL, *officer = NULL;
    ac_grant *grants = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_agency_add(t->hub, t->analyst, "", &g, t->a, &id, &err), AC_EDENIED);
    assert_non_null(strstr(err.msg, "administrators"));
    assert_int_equal(ac_agency_add(t->hub, t->council_admin, "", &g, t->a, &id, &err), AC_EDENIED);
    assert_int_equal(ac_agency_add(t->hub, t->admin, "", &g, t->a, &id, &err), AC_OK);
    u.agency_id = boss.agency_id = id;
    assert_int_equal(ac_user_add(t->hub, t->council, "", &u, t->a, &user_id, &err), AC_EDENIED);
    /* the hub's administrator does not make another agency's staff */
    assert_int_equal(ac_user_add(t->hub, t->admin, "", &u, t->a, &user_id, &err), AC_EDENIED);
    assert_int_equal(ac_user_add(t->hub, t->admin, "", &boss, t->a, &user_id, &err), AC_OK);
    assert_int_equal(ac_hub_actor(t->hub, "p.admin", t->a, &p_admin, &err), AC_OK);
    assert_int_equal(ac_user_add(t->hub, p_admin, "", &u, t->a, &user_id, &err), AC_OK);
    assert_true(ac_id_valid(user_id));
    /* held: the caseworker cannot act until a second administrator approves */
    assert_int_equal(ac_hub_actor(t->hub, "p.officer", t->a, &officer, &err), AC_EDENIED);
    assert_int_equal(ac_grant_list(t->hub, p_admin, "", t->a, &grants, &n, &err), AC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(grants[0].username, "p.officer");
    assert_int_equal(ac_grant_decide(t->hub, p_admin, "", grants[0].id, 1, &err), AC_EDENIED);
    assert_non_null(strstr(err.msg, "second administrator"));
    assert_int_equal(ac_grant_decide(t->hub, t->council_admin, "", grants[0].id, 1, &err),
                     AC_EDENIED);
    assert_int_equal(ac_grant_decide(t->hub, t->admin, "", grants[0].id, 1, &err), AC_OK);
    assert_int_equal(ac_grant_decide(t->hub, t->admin, "", grants[0].id, 1, &err), AC_ECONFLICT);
    assert_int_equal(ac_hub_actor(t->hub, "p.officer", t->a, &officer, &err), AC_OK);
    assert_int_equal(officer->roles, AC_ROLE_CASEWORKER);
}

static void
party_agency_fields_are_checked(void **state)
{
    struct test_hub *t = *state;
    ac_agency g = { NULL, "City Council", AC_AGENCY_LOCAL_AUTHORITY, "GB", NULL };
    const char *id = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_agency_add(t->hub, t->admin, "", &g, t->a, &id, &err), AC_ECONFLICT);
    g.name = "Partner";
    g.country = "gbr";
    assert_int_equal(ac_agency_add(t->hub, t->admin, "", &g, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "country"));
    g.country = "FR";
    g.kind = AC_AGENCY_KIND_COUNT;
    assert_int_equal(ac_agency_add(t->hub, t->admin, "", &g, t->a, &id, &err), AC_EINVAL);
    g.kind = AC_AGENCY_INTERNATIONAL_PARTNER;
    g.name = "   ";
    assert_int_equal(ac_agency_add(t->hub, t->admin, "", &g, t->a, &id, &err), AC_EINVAL);
}

static void
party_user_fields_are_checked(void **state)
{
    struct test_hub *t = *state;
    ac_user u = {
        NULL, NULL, "Bad Name", NULL, AC_VETTING_SC, AC_ROLE_ANALYST, AC_USER_ACTIVE, NULL
    };
    const char *id = NULL;
    ac_error err = { 0 };

    u.agency_id = t->ctu_id;
    assert_int_equal(ac_user_add(t->hub, t->admin, "", &u, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "username"));
    u.username = "analyst"; /* taken */
    assert_int_equal(ac_user_add(t->hub, t->admin, "", &u, t->a, &id, &err), AC_ECONFLICT);
    u.username = "fresh";
    u.roles = 0;
    assert_int_equal(ac_user_add(t->hub, t->admin, "", &u, t->a, &id, &err), AC_EINVAL);
    u.roles = AC_ROLE_ANALYST;
    u.agency_id = "01AAAAAAAAAAAAAAAAAAAAAAAA";
    assert_int_equal(ac_user_add(t->hub, t->admin, "", &u, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "agency"));
}

static void
party_user_list_is_scoped_by_role(void **state)
{
    struct test_hub *t = *state;
    ac_user *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_user_list(t->hub, t->admin, "", t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 7); /* admin, admin2, analyst, auditor, council, council.admin, unvetted */
    assert_string_equal(list[0].username, "admin");
    assert_int_equal(ac_user_list(t->hub, t->council, "", t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 3); /* the council's own users */
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(list[i].agency_id, t->council_id);
    }
}

static void
party_agencies_are_listed_by_name(void **state)
{
    struct test_hub *t = *state;
    ac_agency *list = NULL, found;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_agency_list(t->hub, t->council, "", t->a, &list, &n, &err), AC_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].name, "CTU");
    assert_string_equal(list[1].name, "City Council");
    assert_int_equal(list[1].kind, AC_AGENCY_LOCAL_AUTHORITY);
    assert_int_equal(ac_agency_find(t->hub, t->council, "", "City Council", t->a, &found, &err),
                     AC_OK);
    assert_string_equal(found.id, t->council_id);
    assert_int_equal(ac_agency_find(t->hub, t->council, "", t->ctu_id, t->a, &found, &err), AC_OK);
    assert_int_equal(ac_agency_find(t->hub, t->council, "", "Nobody", t->a, &found, &err),
                     AC_ENOTFOUND);
}

static void
party_actor_carries_the_agency_attributes(void **state)
{
    struct test_hub *t = *state;
    const ac_actor *a = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_hub_actor(t->hub, "council", t->a, &a, &err), AC_OK);
    assert_string_equal(a->agency_id, t->council_id);
    assert_int_equal(a->agency_kind, AC_AGENCY_LOCAL_AUTHORITY);
    assert_string_equal(a->country, "GB");
    assert_int_equal(a->vetting, AC_VETTING_BPSS);
    assert_int_equal(a->roles, AC_ROLE_CASEWORKER);
    assert_int_equal(ac_hub_actor(t->hub, "ghost", t->a, &a, &err), AC_ENOTFOUND);
    assert_null(a);
}

static void
party_stats_are_for_admins_and_auditors(void **state)
{
    struct test_hub *t = *state;
    ac_hub_stats s;
    ac_error err = { 0 };

    assert_int_equal(ac_hub_stats_get(t->hub, t->auditor, "", &s, &err), AC_OK);
    assert_int_equal(s.agencies, 2);
    assert_int_equal(s.users, 7);
    assert_int_equal(ac_hub_stats_get(t->hub, t->analyst, "", &s, &err), AC_EDENIED);
    assert_int_equal(s.users, 0);
}

static void
party_names_round_trip(void **state)
{
    ac_agency_kind k;
    ac_vetting v;
    unsigned roles;
    ac_error err = { 0 };
    ac_arena *a = ac_arena_new(0);

    (void)state;
    for (int i = 0; i < AC_AGENCY_KIND_COUNT; i++) {
        assert_int_equal(ac_agency_kind_parse(ac_agency_kind_str((ac_agency_kind)i), &k, &err),
                         AC_OK);
        assert_int_equal(k, i);
    }
    assert_int_equal(ac_agency_kind_parse("Local Authority", &k, &err), AC_OK);
    assert_int_equal(k, AC_AGENCY_LOCAL_AUTHORITY);
    assert_int_equal(ac_agency_kind_parse("army", &k, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "security_service"));
    assert_int_equal(ac_vetting_parse("SC", &v, &err), AC_OK);
    assert_int_equal(v, AC_VETTING_SC);
    assert_int_equal(ac_roles_parse("analyst, panel-member", &roles, &err), AC_OK);
    assert_int_equal(roles, AC_ROLE_ANALYST | AC_ROLE_PANEL_MEMBER);
    assert_string_equal(ac_roles_format(a, roles), "analyst,panel_member");
    assert_int_equal(ac_roles_parse("", &roles, &err), AC_EINVAL);
    assert_int_equal(ac_roles_parse("analyst,wizard", &roles, &err), AC_EINVAL);
    assert_string_equal(ac_vetting_str(AC_VETTING_COUNT), "unknown");
    ac_arena_free(a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(party_bootstrap_happens_once, setup, teardown),
        cmocka_unit_test_setup_teardown(party_only_admins_add_agencies_and_users, setup, teardown),
        cmocka_unit_test_setup_teardown(party_agency_fields_are_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(party_user_fields_are_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(party_user_list_is_scoped_by_role, setup, teardown),
        cmocka_unit_test_setup_teardown(party_agencies_are_listed_by_name, setup, teardown),
        cmocka_unit_test_setup_teardown(party_actor_carries_the_agency_attributes, setup, teardown),
        cmocka_unit_test_setup_teardown(party_stats_are_for_admins_and_auditors, setup, teardown),
        cmocka_unit_test(party_names_round_trip),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
