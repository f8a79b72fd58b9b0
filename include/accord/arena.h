/* SPDX-License-Identifier: Apache-2.0
 *
 * arena.h - region allocator for request-scoped memory.  One arena per CLI command,
 * HTTP request or linkage block: everything a read returns lives in the caller's arena
 * and dies with it.  Not thread-safe: one arena, one thread.
 */
#ifndef ACCORD_ARENA_H
#define ACCORD_ARENA_H

#include <stddef.h>

#include "accord/common.h"
#include "accord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_arena ac_arena;

/* Create an arena that refuses to grow past LIMIT bytes (0 = no limit).
 * Returns NULL on allocation failure.  Free with ac_arena_free(). */
AC_API ac_arena *ac_arena_new(size_t limit);

/* N bytes aligned for any object, owned by A.  NULL when N would pass the limit or
 * memory is exhausted; A stays usable.  Never free the result. */
AC_API AC_NONNULL(1) void *ac_arena_alloc(ac_arena *a, size_t n);

/* Like ac_arena_alloc, zero-filled. */
AC_API AC_NONNULL(1) void *ac_arena_zalloc(ac_arena *a, size_t n);

/* Copy of the N bytes at S plus a NUL, in A.  NULL on failure. */
AC_API AC_NONNULL(1) char *ac_arena_strndup(ac_arena *a, const char *s, size_t n);

/* Copy of the string S in A; NULL S gives NULL. */
AC_API AC_NONNULL(1) char *ac_arena_strdup(ac_arena *a, const char *s);

/* printf into A.  NULL on failure. */
AC_API AC_NONNULL(1, 2) AC_PRINTF(2, 3) char *ac_arena_printf(ac_arena *a, const char *fmt, ...);

/* Arrange for FN(ARG) to run when A is freed, newest first.  On failure FN is NOT
 * registered and the caller still owns ARG. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_arena_defer(ac_arena *a, void (*fn)(void *), void *arg);

/* Bytes handed out so far (for limits and measurements). */
AC_API AC_NONNULL(1) size_t ac_arena_used(const ac_arena *a);

/* Run deferred calls and forget everything allocated, keeping one block for reuse:
 * cheaper than free + new for a loop that needs fresh scratch memory each turn. */
AC_API AC_NONNULL(1) void ac_arena_reset(ac_arena *a);

/* Run deferred calls, then release every block.  NULL is a no-op. */
AC_API void ac_arena_free(ac_arena *a);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_ARENA_H */
