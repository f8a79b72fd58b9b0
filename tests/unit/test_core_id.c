/* SPDX-License-Identifier: Apache-2.0
 *
 * test_core_id.c - record ids (lib/core/id.c) through the generator's internal API:
 * monotonic order whatever the clock does, reproducible seeded sequences, validation.
 */
#include "support.h"

#include <string.h>

#include "core/id_int.h"

#define N_IDS 10000

/* Assert that N ids from G at times from CLOCK(i) strictly increase as text. */
static void
expect_increasing(struct aci_idgen *g, int64_t (*clock)(int), int n)
{
    char prev[AC_ID_LEN + 1], cur[AC_ID_LEN + 1];

    aci_idgen_next(g, clock(0), prev);
    assert_true(ac_id_valid(prev));
    for (int i = 1; i < n; i++) {
        aci_idgen_next(g, clock(i), cur);
        assert_true(ac_id_valid(cur));
        if (strcmp(prev, cur) >= 0) {
            fail_msg("id %d '%s' does not follow '%s'", i, cur, prev);
        }
        memcpy(prev, cur, sizeof prev);
    }
}

static int64_t
clock_still(int i)
{
    (void)i;
    return TEST_NOW_MS;
}

static int64_t
clock_ticking(int i)
{
    return TEST_NOW_MS + i / 3;
}

static int64_t
clock_stepping_back(int i)
{
    /* forwards, then back an hour at i == 5000, then on again */
    return TEST_NOW_MS + (i < 5000 ? i : i - 3600000 - 5000);
}

/* id: ids from one generator strictly increase within one millisecond (seeded) */
static void
id_increases_within_one_ms(void **state)
{
    struct aci_idgen g;

    (void)state;
    aci_idgen_init(&g, true, 42);
    expect_increasing(&g, clock_still, N_IDS);
}

/* id: ids from one generator strictly increase within one millisecond (system random) */
static void
id_increases_within_one_ms_unseeded(void **state)
{
    struct aci_idgen g;

    (void)state;
    aci_idgen_init(&g, false, 0);
    expect_increasing(&g, clock_still, N_IDS);
}

/* id: ids strictly increase as the clock moves forward */
static void
id_increases_across_ms(void **state)
{
    struct aci_idgen g;

    (void)state;
    aci_idgen_init(&g, true, 7);
    expect_increasing(&g, clock_ticking, N_IDS);
}

/* id: ids keep increasing when the clock steps back */
static void
id_increases_when_clock_steps_back(void **state)
{
    struct aci_idgen g;

    (void)state;
    aci_idgen_init(&g, true, 7);
    expect_increasing(&g, clock_stepping_back, N_IDS);
}

/* id: while the clock is behind, ids keep the last time seen */
static void
id_keeps_last_time_when_clock_steps_back(void **state)
{
    struct aci_idgen g;
    char id[AC_ID_LEN + 1];

    (void)state;
    aci_idgen_init(&g, true, 1);
    aci_idgen_next(&g, TEST_NOW_MS, id);
    aci_idgen_next(&g, TEST_NOW_MS - 1000, id);
    assert_int_equal(ac_id_time_ms(id), TEST_NOW_MS);
}

/* id: two generators with the same seed produce the same sequence */
static void
id_seeded_sequence_is_reproducible(void **state)
{
    struct aci_idgen g1, g2;
    char a[AC_ID_LEN + 1], b[AC_ID_LEN + 1];

    (void)state;
    aci_idgen_init(&g1, true, 12345);
    aci_idgen_init(&g2, true, 12345);
    for (int i = 0; i < 1000; i++) {
        int64_t t = TEST_NOW_MS + i / 10;

        aci_idgen_next(&g1, t, a);
        aci_idgen_next(&g2, t, b);
        assert_string_equal(a, b);
    }
}

/* id: generators with different seeds produce different ids */
static void
id_different_seeds_differ(void **state)
{
    struct aci_idgen g1, g2;
    char a[AC_ID_LEN + 1], b[AC_ID_LEN + 1];

    (void)state;
    aci_idgen_init(&g1, true, 1);
    aci_idgen_init(&g2, true, 2);
    aci_idgen_next(&g1, TEST_NOW_MS, a);
    aci_idgen_next(&g2, TEST_NOW_MS, b);
    assert_memory_equal(a, b, 10); /* same time part */
    assert_string_not_equal(a, b);
}

/* id: splitmix64 is deterministic for a seed */
static void
id_splitmix64_is_deterministic(void **state)
{
    uint64_t s1 = 99, s2 = 99;

    (void)state;
    for (int i = 0; i < 100; i++) {
        assert_true(aci_splitmix64(&s1) == aci_splitmix64(&s2));
    }
    s1 = 0;
    assert_true(aci_splitmix64(&s1) == 0xe220a8397b1dcdafull); /* reference value */
}

/* id: the time part decodes back to the millisecond it was made at */
static void
id_time_round_trips(void **state)
{
    static const int64_t times[] = { 0, 1, TEST_NOW_MS, 281474976710655LL /* 2^48 - 1 */ };
    struct aci_idgen g;
    char id[AC_ID_LEN + 1];

    (void)state;
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        aci_idgen_init(&g, true, 3);
        aci_idgen_next(&g, times[i], id);
        assert_true(ac_id_valid(id));
        assert_int_equal(ac_id_time_ms(id), times[i]);
    }
}

/* id: lower-case ids are valid and decode to the same time */
static void
id_valid_accepts_lower_case(void **state)
{
    struct aci_idgen g;
    char id[AC_ID_LEN + 1];

    (void)state;
    aci_idgen_init(&g, true, 5);
    aci_idgen_next(&g, TEST_NOW_MS, id);
    for (size_t i = 0; i < AC_ID_LEN; i++) {
        if (id[i] >= 'A' && id[i] <= 'Z') {
            id[i] = (char)(id[i] - 'A' + 'a');
        }
    }
    assert_true(ac_id_valid(id));
    assert_true(ac_id_valid("01arz3ndektsv4rrffq69g5fav"));
    assert_int_equal(ac_id_time_ms(id), TEST_NOW_MS);
}

/* id: ids of the wrong length are invalid */
static void
id_valid_rejects_wrong_length(void **state)
{
    (void)state;
    assert_true(ac_id_valid("01ARZ3NDEKTSV4RRFFQ69G5FAV"));
    assert_false(ac_id_valid("01ARZ3NDEKTSV4RRFFQ69G5FA"));
    assert_false(ac_id_valid("01ARZ3NDEKTSV4RRFFQ69G5FAVX"));
    assert_false(ac_id_valid(""));
    assert_false(ac_id_valid(NULL));
}

/* id: the letters I, L, O and U (either case) and other characters are invalid */
static void
id_valid_rejects_bad_letters(void **state)
{
    static const char bad[] = "ILOUiluo-_ *";

    (void)state;
    for (size_t i = 0; i < sizeof bad - 1; i++) {
        char id[] = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

        id[12] = bad[i];
        if (ac_id_valid(id)) {
            fail_msg("'%s' accepted with '%c'", id, bad[i]);
        }
    }
}

/* id: a first character above 7 would overflow 128 bits and is invalid */
static void
id_valid_rejects_first_char_above_7(void **state)
{
    (void)state;
    assert_true(ac_id_valid("70000000000000000000000000"));
    assert_true(ac_id_valid("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"));
    assert_false(ac_id_valid("80000000000000000000000000"));
    assert_false(ac_id_valid("Z0000000000000000000000000"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(id_increases_within_one_ms),
        cmocka_unit_test(id_increases_within_one_ms_unseeded),
        cmocka_unit_test(id_increases_across_ms),
        cmocka_unit_test(id_increases_when_clock_steps_back),
        cmocka_unit_test(id_keeps_last_time_when_clock_steps_back),
        cmocka_unit_test(id_seeded_sequence_is_reproducible),
        cmocka_unit_test(id_different_seeds_differ),
        cmocka_unit_test(id_splitmix64_is_deterministic),
        cmocka_unit_test(id_time_round_trips),
        cmocka_unit_test(id_valid_accepts_lower_case),
        cmocka_unit_test(id_valid_rejects_wrong_length),
        cmocka_unit_test(id_valid_rejects_bad_letters),
        cmocka_unit_test(id_valid_rejects_first_char_above_7),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
