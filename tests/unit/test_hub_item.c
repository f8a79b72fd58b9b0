/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_item.c - intelligence items through the hub: originator control, clearance,
 * need-to-know, disclosures (redacted, two-person rule, revocation, expiry), caveats,
 * and no leak through get, list or error text.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "hub/hub_int.h"
#include "store/migrate.h"
#include "store/store.h"

#define SECRET_TEXT   "Source reports subject bought 25 kg of ammonium nitrate fertiliser."
#define REDACTED_TEXT "Subject is of interest to CT policing; contact the CTU duty officer."

struct fixture {
    struct test_hub *t;
    const ac_actor *analyst2; /* a second CTU analyst, for the two-person rule */
    const ac_actor *partner;  /* an international partner's analyst */
    const char *partner_id;
};

static int
setup(void **state)
{
    struct fixture *f = test_calloc(1, sizeof *f);
    ac_agency g = { NULL, "Europol", AC_AGENCY_INTERNATIONAL_PARTNER, "NL", NULL };
    ac_error err = { 0 };

    f->t = test_hub_new(0);
    f->analyst2 = test_add_user(f->t, "analyst2", f->t->ctu_id, AC_ROLE_ANALYST, AC_VETTING_SC);
    assert_int_equal(ac_agency_add(f->t->hub, f->t->admin, "", &g, f->t->a, &f->partner_id, &err),
                     AC_OK);
    f->partner = test_add_user(f->t, "partner", f->partner_id, AC_ROLE_ANALYST, AC_VETTING_DV);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;

    test_hub_free(f->t);
    test_free(f);
    return 0;
}

static const char *
add_item(struct test_hub *t,
         const ac_actor *actor,
         ac_classification cls,
         unsigned caveats,
         const char *case_id,
         ac_code expect)
{
    ac_item it;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&it, 0, sizeof it);
    it.body = SECRET_TEXT;
    it.classification = cls;
    it.caveats = caveats;
    it.case_id = case_id;
    it.source_eval = '2';
    it.intel_eval = 'B';
    it.handling = 'C';
    it.handling_conditions = "Not for onward disclosure without consent";
    assert_int_equal(ac_item_add(t->hub, actor, "op x", &it, t->a, &id, &err), expect);
    return id;
}

static ac_code
get(struct test_hub *t, const ac_actor *actor, const char *id, ac_item **out, ac_error *err)
{
    return ac_item_get(t->hub, actor, "referral", id, t->a, out, err);
}

static size_t
list_count(struct test_hub *t, const ac_actor *actor)
{
    ac_item *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    assert_int_equal(ac_item_list(t->hub, actor, "review", 0, t->a, &list, &n, &err), AC_OK);
    for (size_t i = 0; i < n; i++) {
        /* a recipient never sees the original text of a redacted release */
        if (list[i].disclosure_id != NULL && strcmp(list[i].body, REDACTED_TEXT) == 0) {
            assert_null(strstr(list[i].body, "ammonium"));
        }
    }
    return n;
}

static const char *
disclose(struct test_hub *t,
         const ac_actor *by,
         const char *item,
         const char *agency,
         const char *case_id,
         ac_classification cls,
         const char *body,
         ac_code expect)
{
    ac_disclosure d;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&d, 0, sizeof d);
    d.item_id = item;
    d.recipient_agency_id = agency;
    d.recipient_case_id = case_id;
    d.purpose = "safeguarding referral";
    d.lawful_basis = "cda1998-s115";
    d.body = body;
    d.classification = cls;
    d.handling_conditions = "Council Prevent team only";
    d.expires_at = "2026-06-01T00:00:00Z";
    assert_int_equal(ac_disclosure_create(t->hub, by, "share", &d, t->a, &id, &err), expect);
    return id;
}

static void
item_originator_reads_and_others_see_nothing(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    const char *id = add_item(t, t->analyst, AC_CLASS_SECRET, 0, NULL, AC_OK);
    ac_item *got = NULL;
    ac_error hidden = { 0 }, missing = { 0 };

    assert_int_equal(get(t, t->analyst, id, &got, &hidden), AC_OK);
    assert_string_equal(got->body, SECRET_TEXT);
    assert_null(got->disclosure_id);
    assert_int_equal(get(t, t->council, id, &got, &hidden), AC_ENOTFOUND);
    assert_int_equal(get(t, t->council, "01AAAAAAAAAAAAAAAAAAAAAAAA", &got, &missing),
                     AC_ENOTFOUND);
    /* same words either way: only the id differs */
    assert_non_null(strstr(hidden.msg, "not found"));
    assert_int_equal(strlen(hidden.msg), strlen(missing.msg));
    assert_int_equal(get(t, t->admin, id, &got, &hidden), AC_ENOTFOUND);
    assert_int_equal(get(t, t->auditor, id, &got, &hidden), AC_ENOTFOUND);
    assert_int_equal(list_count(t, t->analyst), 1);
    assert_int_equal(list_count(t, t->council), 0);
}

static void
item_nobody_writes_above_their_clearance(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    const char *id;
    ac_item *got = NULL;
    ac_error err = { 0 };

    add_item(t, t->analyst, AC_CLASS_TOP_SECRET, 0, NULL, AC_EDENIED);
    add_item(t, t->council, AC_CLASS_SECRET, 0, NULL, AC_EDENIED);
    id = add_item(t, t->council, AC_CLASS_OFFICIAL_SENSITIVE, 0, NULL, AC_OK);
    /* the CTU analyst (SC) cannot read the council's item without a disclosure */
    assert_int_equal(get(t, t->analyst, id, &got, &err), AC_ENOTFOUND);
}

static void
item_redacted_release_needs_a_second_person_and_shows_only_the_release(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    const char *id = add_item(t, t->analyst, AC_CLASS_SECRET, 0, NULL, AC_OK);
    const char *d;
    ac_item *got = NULL;
    ac_error err = { 0 };

    d = disclose(t, t->analyst, id, t->council_id, NULL, AC_CLASS_OFFICIAL_SENSITIVE, REDACTED_TEXT,
                 AC_OK);
    /* pending: the council sees nothing yet */
    assert_int_equal(get(t, t->council, id, &got, &err), AC_ENOTFOUND);
    assert_int_equal(ac_disclosure_approve(t->hub, t->analyst, "check", d, &err), AC_EDENIED);
    assert_non_null(strstr(err.msg, "second person"));
    assert_int_equal(ac_disclosure_approve(t->hub, t->council, "check", d, &err), AC_ENOTFOUND);
    assert_int_equal(ac_disclosure_approve(t->hub, f->analyst2, "check", d, &err), AC_OK);
    assert_int_equal(get(t, t->council, id, &got, &err), AC_OK);
    assert_string_equal(got->body, REDACTED_TEXT);
    assert_int_equal(got->classification, AC_CLASS_OFFICIAL_SENSITIVE);
    assert_string_equal(got->disclosure_id, d);
    assert_string_equal(got->lawful_basis, "cda1998-s115");
    assert_null(got->case_id);
    /* the handling conditions of the original travel with the copy */
    assert_non_null(strstr(got->handling_conditions, "onward disclosure"));
    assert_non_null(strstr(got->handling_conditions, "Prevent team"));
    assert_int_equal(list_count(t, t->council), 1);
    /* revocation takes effect at once */
    assert_int_equal(ac_disclosure_revoke(t->hub, f->analyst2, "no longer needed", d, &err), AC_OK);
    assert_int_equal(get(t, t->council, id, &got, &err), AC_ENOTFOUND);
    assert_int_equal(list_count(t, t->council), 0);
    assert_int_equal(ac_disclosure_revoke(t->hub, t->analyst, "again", d, &err), AC_ECONFLICT);
}

static void
item_release_at_the_same_level_is_live_and_expires(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    const char *id = add_item(t, t->analyst, AC_CLASS_OFFICIAL_SENSITIVE, 0, NULL, AC_OK);
    ac_item *got = NULL;
    ac_error err = { 0 };

    disclose(t, t->analyst, id, t->council_id, NULL, AC_CLASS_OFFICIAL_SENSITIVE, NULL, AC_OK);
    assert_int_equal(get(t, t->council, id, &got, &err), AC_OK);
    assert_string_equal(got->body, SECRET_TEXT);
    test_clock_ms += 120LL * 24 * 3600 * 1000; /* past 2026-06-01 */
    assert_int_equal(get(t, t->council, id, &got, &err), AC_ENOTFOUND);
}

static void
item_release_is_checked(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    const char *id = add_item(t, t->analyst, AC_CLASS_OFFICIAL, 0, NULL, AC_OK);
    ac_disclosure d;
    const char *out = NULL;
    ac_error err = { 0 };

    /* above the original, to nobody, without gateway, in the past, by a non-originator */
    disclose(t, t->analyst, id, t->council_id, NULL, AC_CLASS_SECRET, NULL, AC_EINVAL);
    disclose(t, t->analyst, id, NULL, NULL, AC_CLASS_OFFICIAL, NULL, AC_EINVAL);
    disclose(t, t->council, id, t->council_id, NULL, AC_CLASS_OFFICIAL, NULL, AC_ENOTFOUND);
    memset(&d, 0, sizeof d);
    d.item_id = id;
    d.recipient_agency_id = t->council_id;
    d.purpose = "x";
    d.lawful_basis = "my-say-so";
    d.expires_at = "2026-06-01T00:00:00Z";
    assert_int_equal(ac_disclosure_create(t->hub, t->analyst, "s", &d, t->a, &out, &err),
                     AC_EDENIED);
    d.lawful_basis = "cta2008-s19";
    d.expires_at = "2025-01-01T00:00:00Z";
    assert_int_equal(ac_disclosure_create(t->hub, t->analyst, "s", &d, t->a, &out, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "expires"));
}

static void
item_uk_eyes_only_never_reaches_an_international_partner(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    const char *plain = add_item(t, t->analyst, AC_CLASS_SECRET, 0, NULL, AC_OK);
    const char *ukeo =
        add_item(t, t->analyst, AC_CLASS_SECRET, AC_CAVEAT_UK_EYES_ONLY, NULL, AC_OK);
    ac_item *got = NULL;
    ac_error err = { 0 };

    disclose(t, t->analyst, plain, f->partner_id, NULL, AC_CLASS_SECRET, NULL, AC_OK);
    /* refused at release, and unreadable even if it had been released */
    disclose(t, t->analyst, ukeo, f->partner_id, NULL, AC_CLASS_SECRET, NULL, AC_EINVAL);
    assert_int_equal(get(t, f->partner, plain, &got, &err), AC_OK);
    assert_int_equal(get(t, f->partner, ukeo, &got, &err), AC_ENOTFOUND);
    assert_int_equal(list_count(t, f->partner), 1);
}

static void
item_case_binding_limits_reading_to_members(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    const char *soi = NULL, *channel = NULL, *item;
    ac_item *got = NULL;
    ac_error err = { 0 };

    assert_int_equal(
        ac_case_add(t->hub, t->analyst, "open", AC_CASE_SOI, "Op Heron", t->a, &soi, &err), AC_OK);
    assert_int_equal(ac_case_add(t->hub, t->council, "open", AC_CASE_CHANNEL, "Channel 12", t->a,
                                 &channel, &err),
                     AC_OK);
    item = add_item(t, t->analyst, AC_CLASS_SECRET, AC_CAVEAT_ISS, soi, AC_OK);
    assert_int_equal(get(t, t->analyst, item, &got, &err), AC_OK);
    /* the council is not in the CTU's case, and cannot put itself in */
    assert_int_equal(
        ac_case_member_add(t->hub, t->council, "join", soi, t->council_id, NULL, "member", &err),
        AC_ENOTFOUND);
    /* ISS material cannot be bound to a Channel case, even by a member */
    assert_int_equal(
        ac_case_member_add(t->hub, t->council, "invite", channel, t->ctu_id, NULL, "member", &err),
        AC_OK);
    add_item(t, t->analyst, AC_CLASS_SECRET, AC_CAVEAT_ISS, channel, AC_EDENIED);
    /* nor reach it under a partner's gateway (issue 14: this was accepted before) */
    disclose(t, t->analyst, item, NULL, channel, AC_CLASS_OFFICIAL_SENSITIVE, REDACTED_TEXT,
             AC_EDENIED);
    assert_int_equal(get(t, t->council, item, &got, &err), AC_ENOTFOUND);
}

/* Release ITEM to CASE_ID or AGENCY under BASIS, with or without the ISS release. */
static ac_code
disclose_iss(struct test_hub *t,
             const char *item,
             const char *agency,
             const char *case_id,
             const char *basis,
             bool release,
             ac_error *err)
{
    ac_disclosure d;
    const char *id = NULL;

    memset(&d, 0, sizeof d);
    d.item_id = item;
    d.recipient_agency_id = agency;
    d.recipient_case_id = case_id;
    d.purpose = "channel panel";
    d.lawful_basis = basis;
    d.classification = AC_CLASS_SECRET;
    d.expires_at = "2026-06-01T00:00:00Z";
    d.release_iss = release;
    return ac_disclosure_create(t->hub, t->analyst, "share", &d, t->a, &id, err);
}

/* Issue 14 point 1: ISS goes only under SSA 1989 s.2(2)(a) or CTA 2008 s.19, with the
 * originator's explicit release, and a council never reads it. */
static void
item_iss_goes_only_under_the_services_gateways_and_never_to_a_council(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    const char *channel = NULL, *item;
    ac_item *got = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_case_add(t->hub, t->council, "open", AC_CASE_CHANNEL, "Channel 14", t->a,
                                 &channel, &err),
                     AC_OK);
    assert_int_equal(
        ac_case_member_add(t->hub, t->council, "invite", channel, t->ctu_id, NULL, "member", &err),
        AC_OK);
    item = add_item(t, t->analyst, AC_CLASS_SECRET, AC_CAVEAT_ISS, NULL, AC_OK);
    assert_int_equal(disclose_iss(t, item, NULL, channel, "ctsa2015-s38", true, &err), AC_EDENIED);
    assert_non_null(strstr(err.msg, "ssa1989-s2 or cta2008-s19"));
    assert_int_equal(disclose_iss(t, item, NULL, channel, "cta2008-s19", false, &err), AC_EDENIED);
    assert_non_null(strstr(err.msg, "explicit release"));
    assert_int_equal(disclose_iss(t, item, t->council_id, NULL, "ssa1989-s2", true, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "local authority"));
    assert_int_equal(disclose_iss(t, item, NULL, channel, "cta2008-s19", true, &err), AC_OK);
    /* released lawfully into the Channel case, the council member still reads nothing */
    assert_int_equal(get(t, t->council, item, &got, &err), AC_ENOTFOUND);
    assert_int_equal(list_count(t, t->council), 0);
    /* a council neither writes ISS material */
    add_item(t, t->council, AC_CLASS_OFFICIAL, AC_CAVEAT_ISS, NULL, AC_EDENIED);
}

/* Issue 14 point 1: what the Security Service writes is ISS (CTSA 2015 s.38(5): "held by"
 * an intelligence service), whatever its writer ticked. */
static void
item_security_service_items_are_iss(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    ac_agency g = { NULL, "Security Service", AC_AGENCY_SECURITY_SERVICE, "GB", NULL };
    const char *ss_id = NULL, *item;
    const ac_actor *ss;
    ac_item *got = NULL;
    ac_error err = { 0 };

    assert_int_equal(ac_agency_add(t->hub, t->admin, "", &g, t->a, &ss_id, &err), AC_OK);
    ss = test_add_user(t, "ss", ss_id, AC_ROLE_ANALYST, AC_VETTING_DV);
    item = add_item(t, ss, AC_CLASS_SECRET, 0, NULL, AC_OK);
    assert_int_equal(get(t, ss, item, &got, &err), AC_OK);
    assert_true((got->caveats & AC_CAVEAT_ISS) != 0);
    /* a CT unit item is not */
    item = add_item(t, t->analyst, AC_CLASS_SECRET, 0, NULL, AC_OK);
    assert_int_equal(get(t, t->analyst, item, &got, &err), AC_OK);
    assert_int_equal(got->caveats, 0);
}

/* Issue 14 point 4: legacy 5x5x5 gradings read as 3x5x2 by data/grading/5x5x5_to_3x5x2.csv
 * (sources there: HMRC MLR3C14000 for 5x5x5, DOMAIN.md 6.1 for 3x5x2). */
static void
item_legacy_5x5x5_grades_map_to_3x5x2(void **state)
{
    static const char sources[] = "ABCDE", want_source[] = "11332";
    static const char want_intel[] = "AABDE";
    char grade[4], legacy[4];
    const char *cond = NULL;
    struct fixture *f = *state;
    ac_arena *a = f->t->a;
    ac_error err = { 0 };

    /* every one of the 125 legacy grades has a 3x5x2 grade; only handling 1 stays P, and
     * every C carries the legacy restriction as its condition */
    for (int s = 0; s < 5; s++) {
        for (int i = 0; i < 5; i++) {
            for (int h = 0; h < 5; h++) {
                snprintf(legacy, sizeof legacy, "%c%d%d", sources[s], i + 1, h + 1);
                assert_int_equal(ac_grade_from_5x5x5(legacy, a, grade, &cond, &err), AC_OK);
                assert_int_equal(grade[0], want_source[s]);
                assert_int_equal(grade[1], want_intel[i]);
                assert_int_equal(grade[2], h == 0 ? 'P' : 'C');
                assert_int_equal(grade[3], '\0');
                if (h == 0) {
                    assert_null(cond);
                } else {
                    assert_non_null(cond);
                    assert_non_null(strstr(cond, "legacy 5x5x5 handling"));
                }
            }
        }
    }
    assert_int_equal(ac_grade_from_5x5x5("b24", a, grade, &cond, &err), AC_OK);
    assert_string_equal(grade, "1AC");
    assert_string_equal(cond, "legacy 5x5x5 handling 4: within the originating agency only");
    for (size_t k = 0; k < 6; k++) {
        static const char *const bad[] = { "F11", "A61", "A16", "B2", "B245", "1BC" };

        assert_int_equal(ac_grade_from_5x5x5(bad[k], a, grade, &cond, &err), AC_EINVAL);
        assert_non_null(strstr(err.msg, "e.g. B24"));
        assert_string_equal(grade, "");
        assert_null(cond);
    }
}

/* Issue 14 point 4: GSCP 2024 puts national caveats on SECRET and TOP SECRET only. */
static void
item_official_uk_eyes_only_is_refused(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    const char *item;
    ac_disclosure d;
    const char *id = NULL;
    ac_item it;
    ac_error err = { 0 };

    memset(&it, 0, sizeof it);
    it.body = SECRET_TEXT;
    it.caveats = AC_CAVEAT_UK_EYES_ONLY;
    it.source_eval = '2';
    it.intel_eval = 'B';
    it.handling = 'P';
    for (int c = AC_CLASS_OFFICIAL; c < AC_CLASS_SECRET; c++) {
        it.classification = (ac_classification)c;
        assert_int_equal(ac_item_add(t->hub, t->analyst, "op x", &it, t->a, &id, &err), AC_EINVAL);
        assert_non_null(strstr(err.msg, "applies only to SECRET and TOP SECRET"));
    }
    item = add_item(t, t->analyst, AC_CLASS_SECRET, AC_CAVEAT_UK_EYES_ONLY, NULL, AC_OK);
    /* nor may a release below SECRET keep (or add) the caveat */
    memset(&d, 0, sizeof d);
    d.item_id = item;
    d.recipient_agency_id = t->council_id;
    d.purpose = "safeguarding referral";
    d.lawful_basis = "cda1998-s115";
    d.classification = AC_CLASS_OFFICIAL_SENSITIVE;
    d.body = REDACTED_TEXT;
    d.expires_at = "2026-06-01T00:00:00Z";
    assert_int_equal(ac_disclosure_create(t->hub, t->analyst, "share", &d, t->a, &id, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "UK EYES ONLY"));
    item = add_item(t, t->analyst, AC_CLASS_SECRET, 0, NULL, AC_OK);
    d.item_id = item;
    d.caveats = AC_CAVEAT_UK_EYES_ONLY;
    assert_int_equal(ac_disclosure_create(t->hub, t->analyst, "share", &d, t->a, &id, &err),
                     AC_EINVAL);
}

static void
item_only_the_originator_edits(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    const char *id = add_item(t, t->analyst, AC_CLASS_OFFICIAL, 0, NULL, AC_OK);
    ac_item *got = NULL;
    ac_error err = { 0 };

    disclose(t, t->analyst, id, t->council_id, NULL, AC_CLASS_OFFICIAL, NULL, AC_OK);
    assert_int_equal(ac_item_update_body(t->hub, t->council, "fix", id, "changed", 1, &err),
                     AC_ENOTFOUND);
    assert_int_equal(ac_item_update_body(t->hub, f->analyst2, "fix", id, "updated text", 1, &err),
                     AC_OK);
    assert_int_equal(ac_item_update_body(t->hub, t->analyst, "fix", id, "stale", 1, &err),
                     AC_ECONFLICT);
    /* the recipient still sees the version released (issue 13: disclosures are frozen) */
    assert_int_equal(get(t, t->council, id, &got, &err), AC_OK);
    assert_string_equal(got->body, SECRET_TEXT);
    assert_int_equal(got->version, 1);
}

/* A grade in lower case is the grade (issue 14.13: like classifications), from any client */
static void
item_grade_is_case_insensitive(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    ac_item it, *got = NULL;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&it, 0, sizeof it);
    it.body = "text";
    it.source_eval = '2';
    it.intel_eval = 'b';
    it.handling = 'c';
    it.handling_conditions = "No onward disclosure";
    assert_int_equal(ac_item_add(t->hub, t->analyst, "x", &it, t->a, &id, &err), AC_OK);
    assert_int_equal(get(t, t->analyst, id, &got, &err), AC_OK);
    assert_int_equal(got->intel_eval, 'B');
    assert_int_equal(got->handling, 'C');
}

static void
item_bad_fields_are_refused(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    ac_item it;
    const char *id = NULL;
    ac_error err = { 0 };

    memset(&it, 0, sizeof it);
    it.body = "text";
    it.source_eval = '4';
    it.intel_eval = 'A';
    it.handling = 'P';
    assert_int_equal(ac_item_add(t->hub, t->analyst, "x", &it, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "source"));
    it.source_eval = '1';
    it.handling = 'C';
    assert_int_equal(ac_item_add(t->hub, t->analyst, "x", &it, t->a, &id, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "conditions"));
    it.handling = 'P';
    it.body = "bad \x01 byte";
    assert_int_equal(ac_item_add(t->hub, t->analyst, "x", &it, t->a, &id, &err), AC_EINVAL);
    it.body = "ok";
    assert_int_equal(ac_item_add(t->hub, t->analyst, "", &it, t->a, &id, &err), AC_EINVAL);
}

/* Migration 0010 backfills disclosures made before it from the item as it is; one with no
 * frozen text at all gives nothing rather than the live original. */
static void
item_disclosures_before_0010_are_backfilled_and_fail_closed(void **state)
{
    struct fixture *f = *state;
    struct test_hub *t = f->t;
    const char *id = add_item(t, t->analyst, AC_CLASS_OFFICIAL, 0, NULL, AC_OK);
    const struct aci_migration *m = &aci_sqlite_migrations[9];
    const char *update;
    ac_item *got = NULL;
    ac_error err = { 0 };

    assert_int_equal(m->version, 10);
    update = strstr(m->sql, "UPDATE disclosures SET");
    assert_non_null(update);
    disclose(t, t->analyst, id, t->council_id, NULL, AC_CLASS_OFFICIAL, NULL, AC_OK);
    /* as a disclosure of before the migration: nothing frozen */
    assert_int_equal(aci_store_exec(t->hub->store,
                                    "UPDATE disclosures SET released_body = NULL,"
                                    " released_source_eval = NULL, released_intel_eval = NULL,"
                                    " released_handling = NULL, released_handling_conditions ="
                                    " NULL, released_item_version = NULL",
                                    &err),
                     AC_OK);
    assert_int_equal(get(t, t->council, id, &got, &err), AC_ENOTFOUND);
    assert_int_equal(aci_store_exec(t->hub->store, update, &err), AC_OK);
    assert_int_equal(get(t, t->council, id, &got, &err), AC_OK);
    assert_string_equal(got->body, SECRET_TEXT);
    assert_int_equal(got->handling, 'C');
    assert_non_null(strstr(got->handling_conditions, "Council Prevent team only"));
    assert_int_equal(got->version, 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(item_originator_reads_and_others_see_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(item_nobody_writes_above_their_clearance, setup, teardown),
        cmocka_unit_test_setup_teardown(
            item_redacted_release_needs_a_second_person_and_shows_only_the_release, setup,
            teardown),
        cmocka_unit_test_setup_teardown(item_release_at_the_same_level_is_live_and_expires, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(item_release_is_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(
            item_iss_goes_only_under_the_services_gateways_and_never_to_a_council, setup, teardown),
        cmocka_unit_test_setup_teardown(item_security_service_items_are_iss, setup, teardown),
        cmocka_unit_test_setup_teardown(item_official_uk_eyes_only_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(item_legacy_5x5x5_grades_map_to_3x5x2, setup, teardown),
        cmocka_unit_test_setup_teardown(item_uk_eyes_only_never_reaches_an_international_partner,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(item_case_binding_limits_reading_to_members, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(item_only_the_originator_edits, setup, teardown),
        cmocka_unit_test_setup_teardown(item_disclosures_before_0010_are_backfilled_and_fail_closed,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(item_bad_fields_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(item_grade_is_case_insensitive, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
