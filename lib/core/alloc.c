/* SPDX-License-Identifier: Apache-2.0
 *
 * alloc.c - the only place libaccord calls the C allocator.  Test builds can make the
 * n-th allocation fail, to prove every failure path releases what it holds.
 */
#define ACI_ALLOC_IMPL
#include "internal.h"

#ifdef ACCORD_TEST
static unsigned long fail_countdown; /* 0 = off; else allocations left before one fails */

void
aci_alloc_fail_at(unsigned long n)
{
    fail_countdown = n;
}

bool
aci_alloc_fail_pending(void)
{
    return fail_countdown != 0;
}

static bool
should_fail(void)
{
    if (fail_countdown == 0) {
        return false;
    }
    if (--fail_countdown == 0) {
        return true;
    }
    return false;
}
#else
void
aci_alloc_fail_at(unsigned long n)
{
    (void)n;
}

bool
aci_alloc_fail_pending(void)
{
    return false;
}

static bool
should_fail(void)
{
    return false;
}
#endif

void *
aci_malloc(size_t n)
{
    if (should_fail()) {
        return NULL;
    }
    return malloc(n == 0 ? 1 : n);
}

void *
aci_calloc(size_t count, size_t n)
{
    if (should_fail()) {
        return NULL;
    }
    return calloc(count == 0 ? 1 : count, n == 0 ? 1 : n);
}

void *
aci_realloc(void *p, size_t n)
{
    if (should_fail()) {
        return NULL;
    }
    return realloc(p, n == 0 ? 1 : n);
}

void
aci_free(void *p)
{
    free(p);
}

char *
aci_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = aci_malloc(n);

    if (d != NULL) {
        memcpy(d, s, n);
    }
    return d;
}
