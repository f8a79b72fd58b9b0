/* SPDX-License-Identifier: Apache-2.0
 *
 * test_regime.c - the precursors and poisons regime as data: every part's rule at its
 * limit, names, spellings and CAS numbers, entries the table marks NOT FOUND or
 * unverified, a partnership's corrected table, and bad tables refused with the line.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

static ac_regime_class
classify(const ac_regime *r, const char *substance, double concentration, const char **reason)
{
    ac_arena *a = ac_arena_new(0);
    ac_regime_result res;
    ac_error err = { 0 };
    static char why[512];

    assert_int_equal(ac_regime_classify(r, substance, concentration, a, &res, &err), AC_OK);
    snprintf(why, sizeof why, "%s", res.reason);
    if (reason != NULL) {
        *reason = why;
    }
    ac_arena_free(a);
    return res.cls;
}

static void
regime_parts_apply_at_their_limits(void **state)
{
    ac_regime *r = NULL;
    const char *why = NULL;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_regime_new(NULL, &r, &err), AC_OK);
    /* Part 1: regulated above the limit, reportable at or below it */
    assert_int_equal(classify(r, "Hydrogen peroxide", 12.5, &why), AC_REGIME_REGULATED_PRECURSOR);
    assert_non_null(strstr(why, "12% w/w"));
    assert_int_equal(classify(r, "hydrogen peroxide", 12.0, NULL), AC_REGIME_REPORTABLE_PRECURSOR);
    assert_int_equal(classify(r, "7722-84-1", 3, NULL), AC_REGIME_REPORTABLE_PRECURSOR);
    assert_int_equal(classify(r, "SULPHURIC ACID", 96, NULL), AC_REGIME_REGULATED_PRECURSOR);
    assert_int_equal(classify(r, "hexamine", 1, NULL), AC_REGIME_REGULATED_PRECURSOR);
    assert_int_equal(classify(r, "nitromethane", -1, &why), AC_REGIME_REGULATED_PRECURSOR);
    assert_non_null(strstr(why, "not given"));
    /* Part 2: regulated above its limit, if it has one */
    assert_int_equal(classify(r, "oxalic acid", 11, NULL), AC_REGIME_REGULATED_POISON);
    assert_int_equal(classify(r, "oxalic acid", 10, NULL), AC_REGIME_NEITHER);
    assert_int_equal(classify(r, "Mercury", 0.1, NULL), AC_REGIME_REGULATED_POISON);
    /* Part 3 at any concentration; Part 4 above its limit */
    assert_int_equal(classify(r, "Acetone", 1, NULL), AC_REGIME_REPORTABLE_PRECURSOR);
    assert_int_equal(classify(r, "potassium nitrate", 100, NULL), AC_REGIME_REPORTABLE_PRECURSOR);
    assert_int_equal(classify(r, "ammonia", 25, &why), AC_REGIME_REPORTABLE_POISON);
    assert_non_null(strstr(why, "unverified"));
    assert_int_equal(classify(r, "ammonia", 5, NULL), AC_REGIME_NEITHER);
    /* what the table does not know, and what the law's text did not give */
    assert_int_equal(classify(r, "washing-up liquid", 5, &why), AC_REGIME_NEITHER);
    assert_non_null(strstr(why, "not in the regime table"));
    assert_int_equal(classify(r, "thallium", 1, &why), AC_REGIME_REGULATED_POISON);
    assert_non_null(strstr(why, "NOT FOUND"));
    {
        ac_arena *a = ac_arena_new(0);
        ac_regime_result res;

        assert_int_equal(ac_regime_classify(r, "acetone", 101, a, &res, &err), AC_EINVAL);
        assert_non_null(strstr(err.msg, "concentration"));
        ac_arena_free(a);
    }
    ac_regime_free(r);
}

static void
regime_table_lists_every_entry_and_can_be_corrected(void **state)
{
    static const char corrected[] =
        "names,cas,part,limit,status,note\n"
        "hydrogen peroxide,7722-84-1,regulated_precursor,10,confirmed,a partnership's update\n";
    ac_regime *r = NULL;
    ac_regime_result e;
    size_t n = 0, precursors = 0, not_found = 0;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_regime_new(NULL, &r, &err), AC_OK);
    while (ac_regime_entry(r, n, &e)) {
        precursors += e.cls == AC_REGIME_REGULATED_PRECURSOR;
        not_found += strcmp(e.status, "NOT FOUND") == 0;
        n++;
    }
    assert_int_equal(precursors, 12); /* the twelve regulated explosives precursors */
    assert_true(not_found >= 2);      /* thallium's wording, the rest of Part 4 */
    ac_regime_free(r);
    assert_int_equal(ac_regime_new(corrected, &r, &err), AC_OK);
    assert_int_equal(classify(r, "hydrogen peroxide", 11, NULL), AC_REGIME_REGULATED_PRECURSOR);
    ac_regime_free(r);
    assert_int_equal(
        ac_regime_new("names,cas,part,limit,status,note\nx,,secret,,confirmed,\n", &r, &err),
        AC_EINVAL);
    assert_non_null(strstr(err.msg, "line 2: part"));
    assert_int_equal(ac_regime_new("names,cas,part,limit,status,note\nx,,regulated_poison,120,"
                                   "confirmed,\n",
                                   &r, &err),
                     AC_EINVAL);
    assert_non_null(strstr(err.msg, "limit"));
    assert_int_equal(
        ac_regime_new("names,cas,part,limit,status,note\nx,,regulated_poison,,maybe,\n", &r, &err),
        AC_EINVAL);
    assert_non_null(strstr(err.msg, "status"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(regime_parts_apply_at_their_limits),
        cmocka_unit_test(regime_table_lists_every_entry_and_can_be_corrected),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
