/* SPDX-License-Identifier: Apache-2.0
 *
 * test_core_arena.c - the region allocator (lib/core/arena.c): limits, alignment, large
 * blocks, string helpers, deferred calls, reset, and every allocation failure.
 */
#include "support.h"

#include <stdalign.h>

#include "internal.h"

#define ALIGN alignof(max_align_t)

static bool
is_aligned(const void *p)
{
    return (uintptr_t)p % ALIGN == 0;
}

/* Deferred calls record the order they ran in. */
static int ran[16];
static size_t n_ran;

static void
record(void *arg)
{
    if (n_ran < ACI_ARRAY_LEN(ran)) {
        ran[n_ran] = *(const int *)arg;
    }
    n_ran++;
}

static int
reset_ran(void **state)
{
    (void)state;
    n_ran = 0;
    memset(ran, 0, sizeof ran);
    return 0;
}

/* arena: allocation past the limit fails and leaves the arena usable */
static void
arena_limit_is_enforced(void **state)
{
    ac_arena *a = ac_arena_new(64);

    (void)state;
    assert_non_null(a);
    assert_non_null(ac_arena_alloc(a, 32));
    assert_null(ac_arena_alloc(a, 64));
    assert_non_null(ac_arena_alloc(a, 16));
    ac_arena_free(a);
}

/* arena: a refused request does not count towards the bytes used */
static void
arena_refusal_uses_nothing(void **state)
{
    ac_arena *a = ac_arena_new(1024);
    size_t before;

    (void)state;
    assert_non_null(a);
    assert_non_null(ac_arena_alloc(a, 100));
    before = ac_arena_used(a);
    assert_null(ac_arena_alloc(a, 2000));
    assert_int_equal(ac_arena_used(a), before);
    assert_true(ac_arena_used(a) <= 1024);
    ac_arena_free(a);
}

/* arena: a request larger than the whole limit fails on a fresh arena */
static void
arena_request_over_limit_fails_when_empty(void **state)
{
    ac_arena *a = ac_arena_new(100);

    (void)state;
    assert_non_null(a);
    assert_null(ac_arena_alloc(a, 101 + ALIGN));
    assert_int_equal(ac_arena_used(a), 0);
    assert_non_null(ac_arena_alloc(a, 8));
    ac_arena_free(a);
}

/* arena: the limit can be filled exactly, then nothing more fits */
static void
arena_limit_can_be_filled_exactly(void **state)
{
    ac_arena *a = ac_arena_new(4 * ALIGN);

    (void)state;
    assert_non_null(a);
    for (int i = 0; i < 4; i++) {
        assert_non_null(ac_arena_alloc(a, ALIGN));
    }
    assert_int_equal(ac_arena_used(a), 4 * ALIGN);
    assert_null(ac_arena_alloc(a, 1));
    ac_arena_free(a);
}

/* arena: every allocation, of any size and across blocks, is aligned for any object */
static void
arena_allocations_are_aligned(void **state)
{
    ac_arena *a = ac_arena_new(0);

    (void)state;
    assert_non_null(a);
    for (size_t n = 0; n < 3000; n++) {
        unsigned char *p = ac_arena_alloc(a, n % 37 + 1);

        assert_non_null(p);
        assert_true(is_aligned(p));
        memset(p, 0xab, n % 37 + 1);
    }
    for (size_t n = 4000; n < 70000; n += 9999) {
        unsigned char *p = ac_arena_alloc(a, n);

        assert_non_null(p);
        assert_true(is_aligned(p));
        memset(p, 0xcd, n);
        assert_true(is_aligned(ac_arena_alloc(a, 3)));
    }
    ac_arena_free(a);
}

/* arena: allocations never overlap */
static void
arena_allocations_do_not_overlap(void **state)
{
    ac_arena *a = ac_arena_new(0);
    unsigned char *p[200];

    (void)state;
    assert_non_null(a);
    for (size_t i = 0; i < ACI_ARRAY_LEN(p); i++) {
        p[i] = ac_arena_alloc(a, 100);
        assert_non_null(p[i]);
        memset(p[i], (int)i, 100);
    }
    for (size_t i = 0; i < ACI_ARRAY_LEN(p); i++) {
        for (size_t k = 0; k < 100; k++) {
            assert_int_equal(p[i][k], (unsigned char)i);
        }
    }
    ac_arena_free(a);
}

/* arena: large allocations (bigger than a block) are usable in full and counted */
static void
arena_large_allocations_work(void **state)
{
    ac_arena *a = ac_arena_new(0);
    unsigned char *small1, *big1, *big2, *small2;

    (void)state;
    assert_non_null(a);
    small1 = ac_arena_alloc(a, 10);
    big1 = ac_arena_alloc(a, 1u << 20);
    big2 = ac_arena_alloc(a, 5000);
    small2 = ac_arena_alloc(a, 10);
    assert_non_null(small1);
    assert_non_null(big1);
    assert_non_null(big2);
    assert_non_null(small2);
    memset(small1, 1, 10);
    memset(big1, 2, 1u << 20);
    memset(big2, 3, 5000);
    memset(small2, 4, 10);
    assert_int_equal(small1[9], 1);
    assert_int_equal(big1[0], 2);
    assert_int_equal(big1[(1u << 20) - 1], 2);
    assert_int_equal(big2[4999], 3);
    assert_true(ac_arena_used(a) >= (1u << 20) + 5000 + 20);
    ac_arena_free(a);
}

/* arena: a large first allocation is fine and small ones follow */
static void
arena_large_first_allocation_works(void **state)
{
    ac_arena *a = ac_arena_new(0);
    unsigned char *big;

    (void)state;
    assert_non_null(a);
    big = ac_arena_alloc(a, 100000);
    assert_non_null(big);
    memset(big, 7, 100000);
    for (int i = 0; i < 100; i++) {
        unsigned char *p = ac_arena_alloc(a, 64);

        assert_non_null(p);
        memset(p, 8, 64);
    }
    assert_int_equal(big[99999], 7);
    ac_arena_free(a);
}

/* arena: sizes so large that rounding them up would overflow are refused */
static void
arena_size_overflow_is_refused(void **state)
{
    ac_arena *a = ac_arena_new(0);

    (void)state;
    assert_non_null(a);
    assert_null(ac_arena_alloc(a, SIZE_MAX));
    assert_null(ac_arena_alloc(a, SIZE_MAX - ALIGN + 2));
    assert_non_null(ac_arena_alloc(a, 16));
    ac_arena_free(a);
}

/* arena: sizes that fit after rounding but wrap with the block header are refused */
static void
arena_block_size_overflow_is_refused(void **state)
{
    ac_arena *a = ac_arena_new(0);

    (void)state;
    assert_non_null(a);
    assert_null(ac_arena_alloc(a, SIZE_MAX - 20));
    assert_null(ac_arena_alloc(a, SIZE_MAX - 2 * ALIGN));
    assert_non_null(ac_arena_alloc(a, 16));
    ac_arena_free(a);
}

/* arena: zalloc returns zero-filled memory, also when reusing a reset block */
static void
arena_zalloc_zeroes(void **state)
{
    ac_arena *a = ac_arena_new(0);
    unsigned char *p;

    (void)state;
    assert_non_null(a);
    p = ac_arena_alloc(a, 512);
    assert_non_null(p);
    memset(p, 0xff, 512);
    ac_arena_reset(a);
    p = ac_arena_zalloc(a, 512);
    assert_non_null(p);
    for (size_t i = 0; i < 512; i++) {
        assert_int_equal(p[i], 0);
    }
    ac_arena_free(a);
}

/* arena: strdup copies the string; NULL gives NULL */
static void
arena_strdup_copies(void **state)
{
    ac_arena *a = ac_arena_new(0);
    char src[] = "Müller";
    char *d;

    (void)state;
    assert_non_null(a);
    d = ac_arena_strdup(a, src);
    assert_non_null(d);
    assert_ptr_not_equal(d, src);
    src[0] = 'X';
    assert_string_equal(d, "Müller");
    assert_null(ac_arena_strdup(a, NULL));
    ac_arena_free(a);
}

/* arena: strndup copies exactly N bytes and adds a NUL */
static void
arena_strndup_copies_n_bytes(void **state)
{
    ac_arena *a = ac_arena_new(0);
    char *d;

    (void)state;
    assert_non_null(a);
    d = ac_arena_strndup(a, "hello world", 5);
    assert_non_null(d);
    assert_string_equal(d, "hello");
    d = ac_arena_strndup(a, "abc", 0);
    assert_non_null(d);
    assert_string_equal(d, "");
    ac_arena_free(a);
}

/* arena: printf formats into the arena, also past one block */
static void
arena_printf_formats(void **state)
{
    ac_arena *a = ac_arena_new(0);
    char *d;

    (void)state;
    assert_non_null(a);
    d = ac_arena_printf(a, "%s-%d-%05.1f", "line", 42, 3.14159);
    assert_non_null(d);
    assert_string_equal(d, "line-42-003.1");
    d = ac_arena_printf(a, "%20000d|", 7);
    assert_non_null(d);
    assert_int_equal(strlen(d), 20001);
    assert_int_equal(d[19999], '7');
    ac_arena_free(a);
}

/* arena: string helpers respect the limit and return NULL */
static void
arena_string_helpers_respect_limit(void **state)
{
    ac_arena *a = ac_arena_new(32);

    (void)state;
    assert_non_null(a);
    assert_null(ac_arena_strdup(a, "0123456789012345678901234567890123456789"));
    assert_null(ac_arena_printf(a, "%040d", 1));
    assert_non_null(ac_arena_strdup(a, "short"));
    ac_arena_free(a);
}

/* arena: deferred calls run on free, newest first */
static void
arena_defers_run_newest_first_on_free(void **state)
{
    static int v[3] = { 1, 2, 3 };
    ac_arena *a = ac_arena_new(0);

    (void)state;
    assert_non_null(a);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(ac_arena_defer(a, record, &v[i]), AC_OK);
    }
    assert_int_equal(n_ran, 0);
    ac_arena_free(a);
    assert_int_equal(n_ran, 3);
    assert_int_equal(ran[0], 3);
    assert_int_equal(ran[1], 2);
    assert_int_equal(ran[2], 1);
}

/* arena: deferred calls run on reset, newest first, and only once */
static void
arena_defers_run_newest_first_on_reset(void **state)
{
    static int v[3] = { 1, 2, 3 };
    static int w = 9;
    ac_arena *a = ac_arena_new(0);

    (void)state;
    assert_non_null(a);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(ac_arena_defer(a, record, &v[i]), AC_OK);
    }
    ac_arena_reset(a);
    assert_int_equal(n_ran, 3);
    assert_int_equal(ran[0], 3);
    assert_int_equal(ran[1], 2);
    assert_int_equal(ran[2], 1);
    assert_int_equal(ac_arena_defer(a, record, &w), AC_OK);
    ac_arena_free(a);
    assert_int_equal(n_ran, 4);
    assert_int_equal(ran[3], 9);
}

/* arena: a defer that cannot be registered is reported and never runs */
static void
arena_defer_failure_is_not_registered(void **state)
{
    static int v = 5;
    ac_arena *a = ac_arena_new(0);

    (void)state;
    assert_non_null(a);
    aci_alloc_fail_at(1);
    assert_int_equal(ac_arena_defer(a, record, &v), AC_ENOMEM);
    aci_alloc_fail_at(0);
    ac_arena_free(a);
    assert_int_equal(n_ran, 0);
}

/* arena: reset forgets the bytes used and the arena stays usable */
static void
arena_reset_keeps_arena_usable(void **state)
{
    ac_arena *a = ac_arena_new(1000);

    (void)state;
    assert_non_null(a);
    assert_non_null(ac_arena_alloc(a, 900));
    assert_null(ac_arena_alloc(a, 200));
    ac_arena_reset(a);
    assert_int_equal(ac_arena_used(a), 0);
    for (int round = 0; round < 5; round++) {
        char *p = ac_arena_alloc(a, 900);

        assert_non_null(p);
        memset(p, round, 900);
        ac_arena_reset(a);
    }
    ac_arena_free(a);
}

/* arena: reset after large and many blocks leaves a working arena */
static void
arena_reset_after_many_blocks_works(void **state)
{
    ac_arena *a = ac_arena_new(0);

    (void)state;
    assert_non_null(a);
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 50; i++) {
            unsigned char *p = ac_arena_alloc(a, (size_t)(1000 + i * 700));

            assert_non_null(p);
            memset(p, i, (size_t)(1000 + i * 700));
        }
        ac_arena_reset(a);
        assert_int_equal(ac_arena_used(a), 0);
    }
    ac_arena_free(a);
}

/* arena: reset of a fresh arena is harmless */
static void
arena_reset_of_empty_arena_is_harmless(void **state)
{
    ac_arena *a = ac_arena_new(0);

    (void)state;
    assert_non_null(a);
    ac_arena_reset(a);
    assert_int_equal(ac_arena_used(a), 0);
    assert_non_null(ac_arena_alloc(a, 1));
    ac_arena_free(a);
}

/* arena: freeing NULL does nothing */
static void
arena_free_null_is_noop(void **state)
{
    (void)state;
    ac_arena_free(NULL);
}

/* Exercise every arena entry point that allocates; returns how many reported failure. */
static int
arena_workout(void)
{
    static int v = 1;
    ac_arena *a = ac_arena_new(0);
    int failures = 0;

    if (a == NULL) {
        return 1;
    }
    failures += ac_arena_alloc(a, 10) == NULL;
    failures += ac_arena_zalloc(a, 100000) == NULL;
    failures += ac_arena_strdup(a, "Nguyễn") == NULL;
    for (int i = 0; i < 20; i++) {
        failures += ac_arena_alloc(a, 1000) == NULL;
    }
    failures += ac_arena_printf(a, "%d", 12345) == NULL;
    failures += ac_arena_defer(a, record, &v) != AC_OK;
    ac_arena_reset(a);
    failures += ac_arena_strndup(a, "abcdef", 3) == NULL;
    failures += ac_arena_defer(a, record, &v) != AC_OK;
    ac_arena_free(a);
    return failures;
}

/* arena: every allocation failure yields NULL (or AC_ENOMEM) and no leak */
static void
arena_survives_each_oom(void **state)
{
    unsigned long n;

    (void)state;
    for (n = 1;; n++) {
        int failures;

        aci_alloc_fail_at(n);
        failures = arena_workout();
        aci_alloc_fail_at(0);
        if (failures == 0) {
            break; /* n passed the last allocation: done */
        }
        assert_int_equal(failures, 1);
        assert_true(n < 1000);
    }
    assert_true(n > 5);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_limit_is_enforced),
        cmocka_unit_test(arena_refusal_uses_nothing),
        cmocka_unit_test(arena_request_over_limit_fails_when_empty),
        cmocka_unit_test(arena_limit_can_be_filled_exactly),
        cmocka_unit_test(arena_allocations_are_aligned),
        cmocka_unit_test(arena_allocations_do_not_overlap),
        cmocka_unit_test(arena_large_allocations_work),
        cmocka_unit_test(arena_large_first_allocation_works),
        cmocka_unit_test(arena_size_overflow_is_refused),
        cmocka_unit_test(arena_block_size_overflow_is_refused),
        cmocka_unit_test(arena_zalloc_zeroes),
        cmocka_unit_test(arena_strdup_copies),
        cmocka_unit_test(arena_strndup_copies_n_bytes),
        cmocka_unit_test(arena_printf_formats),
        cmocka_unit_test(arena_string_helpers_respect_limit),
        cmocka_unit_test_setup(arena_defers_run_newest_first_on_free, reset_ran),
        cmocka_unit_test_setup(arena_defers_run_newest_first_on_reset, reset_ran),
        cmocka_unit_test_setup(arena_defer_failure_is_not_registered, reset_ran),
        cmocka_unit_test(arena_reset_keeps_arena_usable),
        cmocka_unit_test(arena_reset_after_many_blocks_works),
        cmocka_unit_test(arena_reset_of_empty_arena_is_harmless),
        cmocka_unit_test(arena_free_null_is_noop),
        cmocka_unit_test(arena_survives_each_oom),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
