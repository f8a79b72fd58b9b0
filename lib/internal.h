/* SPDX-License-Identifier: Apache-2.0
 *
 * internal.h - included first by every file of libaccord: the library-wide helpers
 * (allocation, error reporting, fault points) and the banned-call list.
 */
#ifndef ACI_INTERNAL_H
#define ACI_INTERNAL_H

/* System headers that declare banned calls come before banned.h (git-compat-util.h). */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accord/common.h"
#include "accord/error.h"

/* Allocation: the one entry point (lib/core/alloc.c), so tests can fail the n-th call. */
void *aci_malloc(size_t n);
void *aci_calloc(size_t count, size_t n);
void *aci_realloc(void *p, size_t n);
void aci_free(void *p);
char *aci_strdup(const char *s);

/* Test builds: make the N-th allocation from now fail (0 = never). */
void aci_alloc_fail_at(unsigned long n);
/* Test builds: an armed allocation failure has not happened yet. */
bool aci_alloc_fail_pending(void);

/* Grow an array of N_USED elements of ELEM bytes held in arena A to twice *CAP (or 16):
 * returns the new array (contents copied) and updates *CAP, or NULL when out of memory
 * (the old array is unchanged).  Old storage stays in the arena until it is freed. */
struct ac_arena;
void *aci_arena_grow(struct ac_arena *a, void *old, size_t n_used, size_t *cap, size_t elem);

/* Set ERR (may be NULL) to CODE and the printf-formatted message; return CODE.  Break
 * on aci_fail_at in a debugger to stop where an error begins. */
ac_code aci_fail_at(ac_error *err, ac_code code, const char *file, int line, const char *fmt, ...)
    AC_PRINTF(5, 6);
#define aci_fail(err, code, ...) aci_fail_at((err), (code), __FILE__, __LINE__, __VA_ARGS__)

/* Prefix ERR's message with printf-formatted context ("line 4: " + message). */
void aci_error_prefix(ac_error *err, const char *fmt, ...) AC_PRINTF(2, 3);

/* Fault points: in test builds (ACCORD_TEST) a named point can be told to fail the
 * n-th time it is reached, returning AC_ESTORAGE; elsewhere they compile to nothing.
 * A name ending in ".*" arms every point under that prefix ("store.*": the n-th store
 * call of any kind).  aci_fault_pending: an armed fault has not been reached yet. */
#ifdef ACCORD_TEST
ac_code aci_fault_check(const char *name, ac_error *err);
void aci_fault_arm(const char *name, unsigned long nth);
bool aci_fault_pending(void);
#define ACI_FAULT_POINT(name, err)                          \
    do {                                                    \
        ac_code fault_rc_ = aci_fault_check((name), (err)); \
        if (fault_rc_ != AC_OK) {                           \
            return fault_rc_;                               \
        }                                                   \
    } while (0)
#else
#define ACI_FAULT_POINT(name, err) ((void)0)
#endif

#define ACI_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define ACI_MS_PER_MIN   60000 /* milliseconds in a minute */

#include "core/banned.h"

#endif /* ACI_INTERNAL_H */
