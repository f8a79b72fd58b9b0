/* SPDX-License-Identifier: Apache-2.0
 *
 * arena.c - region allocator (include/accord/arena.h).
 *
 * Memory comes in blocks chained newest first; an allocation takes the next aligned
 * bytes of the newest block or starts a new block of at least BLOCK_MIN bytes.  Large
 * requests get a block of their own.  Nothing is freed until ac_arena_free().
 *
 * Invariants:
 *   (1) a->used <= a->limit whenever a->limit != 0
 *   (2) every block's off <= cap
 *   (3) deferred calls run in reverse order of registration
 */
#include "internal.h"

#include <stdalign.h>

#include "accord/arena.h"

#define BLOCK_MIN 8192u
#define ALIGN     alignof(max_align_t)

struct block {
    struct block *next; /* older block */
    size_t off;         /* bytes used in data */
    size_t cap;         /* bytes available in data */
    alignas(max_align_t) unsigned char data[];
};

struct defer {
    struct defer *next; /* registered earlier */
    void (*fn)(void *);
    void *arg;
};

struct ac_arena {
    struct block *head;   /* newest block, or NULL */
    struct defer *defers; /* newest first */
    size_t used;          /* bytes handed out, with alignment padding */
    size_t limit;         /* 0 = unlimited */
};

ac_arena *
ac_arena_new(size_t limit)
{
    ac_arena *a = aci_calloc(1, sizeof *a);

    if (a != NULL) {
        a->limit = limit;
    }
    return a;
}

static struct block *
block_new(size_t cap)
{
    struct block *b;

    if (cap > SIZE_MAX - sizeof *b) {
        return NULL; /* the header would wrap the size around */
    }
    b = aci_malloc(sizeof *b + cap);
    if (b != NULL) {
        b->next = NULL;
        b->off = 0;
        b->cap = cap;
    }
    return b;
}

void *
ac_arena_alloc(ac_arena *a, size_t n)
{
    size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    struct block *b = a->head;
    void *p;

    if (need < n || (a->limit != 0 && (need > a->limit || a->used > a->limit - need))) {
        return NULL;
    }
    if (b == NULL || b->cap - b->off < need) {
        struct block *nb = block_new(need > BLOCK_MIN / 2 ? need : BLOCK_MIN);

        if (nb == NULL) {
            return NULL;
        }
        if (need > BLOCK_MIN / 2 && b != NULL) {
            /* keep filling the current block: put the big one behind it */
            nb->next = b->next;
            b->next = nb;
            nb->off = need;
            a->used += need;
            return nb->data;
        }
        nb->next = b;
        a->head = nb;
        b = nb;
    }
    p = b->data + b->off;
    b->off += need;
    a->used += need;
    return p;
}

void *
ac_arena_zalloc(ac_arena *a, size_t n)
{
    void *p = ac_arena_alloc(a, n);

    if (p != NULL) {
        memset(p, 0, n);
    }
    return p;
}

char *
ac_arena_strndup(ac_arena *a, const char *s, size_t n)
{
    char *d = ac_arena_alloc(a, n + 1);

    if (d != NULL) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *
ac_arena_strdup(ac_arena *a, const char *s)
{
    if (s == NULL) {
        return NULL;
    }
    return ac_arena_strndup(a, s, strlen(s));
}

char *
ac_arena_printf(ac_arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *d;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return NULL;
    }
    d = ac_arena_alloc(a, (size_t)n + 1);
    if (d == NULL) {
        return NULL;
    }
    va_start(ap, fmt);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return d;
}

ac_code
ac_arena_defer(ac_arena *a, void (*fn)(void *), void *arg)
{
    struct defer *d = aci_malloc(sizeof *d);

    if (d == NULL) {
        return AC_ENOMEM;
    }
    d->fn = fn;
    d->arg = arg;
    d->next = a->defers;
    a->defers = d;
    return AC_OK;
}

size_t
ac_arena_used(const ac_arena *a)
{
    return a->used;
}

static void
run_defers(ac_arena *a)
{
    while (a->defers != NULL) {
        struct defer *d = a->defers;

        a->defers = d->next;
        d->fn(d->arg);
        aci_free(d);
    }
}

void
ac_arena_reset(ac_arena *a)
{
    struct block *keep = a->head;

    run_defers(a);
    if (keep == NULL) {
        return;
    }
    while (keep->next != NULL) {
        struct block *b = keep->next;

        keep->next = b->next;
        aci_free(b);
    }
    keep->off = 0;
    a->used = 0;
}

void
ac_arena_free(ac_arena *a)
{
    if (a == NULL) {
        return;
    }
    run_defers(a);
    while (a->head != NULL) {
        struct block *b = a->head;

        a->head = b->next;
        aci_free(b);
    }
    aci_free(a);
}

void *
aci_arena_grow(ac_arena *a, void *old, size_t n_used, size_t *cap, size_t elem)
{
    size_t new_cap = *cap ? *cap * 2 : 16;
    void *fresh;

    if (new_cap > SIZE_MAX / elem) {
        return NULL;
    }
    fresh = ac_arena_alloc(a, new_cap * elem);
    if (fresh != NULL) {
        if (n_used > 0) {
            memcpy(fresh, old, n_used * elem);
        }
        *cap = new_cap;
    }
    return fresh;
}
