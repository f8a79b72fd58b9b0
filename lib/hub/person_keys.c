/* SPDX-License-Identifier: Apache-2.0
 *
 * person_keys.c - the person search index: the keys a person's names give, written on
 * every person write (aci_person_keys_index, one call from the write path).
 *
 * A name is taken as the screening engine takes it (aci_screen_words): other scripts
 * transliterated to Latin (ICU), accents folded, "FAMILY, Given" turned round.  Each
 * word W gives "w:W" (exact and prefix lookups, and each of a query word's name
 * variants and nicknames looked up exactly), "s:" + its Soundex code, and for typos
 * "d:W" (words of 4+ letters) and "d:" + W less one letter (words of 5+ letters): two
 * words one edit apart share a "d:" key (the symmetric-deletion rule).  The search
 * itself is in person_search.c.  The index has no per-person index (0021): a rewrite
 * deletes the keys the previous version gives, by the primary key.
 */
#include "internal.h"

#include <pthread.h>

#include "hub/hub_int.h"
#include "hub/person_keys.h"
#include "model/model.h"
#include "names/names.h"
#include "screen/screen_int.h"
#include "store/store.h"
#include "store/store_person.h"
#include "store/store_search.h"

#define TYPO_LEN    5 /* words this long may differ by one edit */
#define MAX_KEYS    2048
#define BACKFILL_AT 512

/* ---- the screener (variant table and transliterator), one per process ---- */

static ac_screener *g_screener;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

ac_code
aci_person_keys_screener(const ac_screener **out, ac_error *err)
{
    ac_code rc = AC_OK;

    pthread_mutex_lock(&g_lock);
    if (g_screener == NULL) {
        rc = ac_screener_new(&g_screener, err); /* a failure is tried again next time */
    }
    *out = g_screener;
    pthread_mutex_unlock(&g_lock);
    return rc;
}

/* ---- keys ---- */

struct keys {
    const char **k;
    size_t n, cap;
    ac_arena *a;
};

static ac_code
add_key(struct keys *ks, const char *kind, const char *w, size_t len, ac_error *err)
{
    char *k;

    if (ks->n == ks->cap &&
        (ks->k = aci_arena_grow(ks->a, ks->k, ks->n, &ks->cap, sizeof *ks->k)) == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory indexing a person");
    }
    k = ac_arena_printf(ks->a, "%s%.*s", kind, (int)len, w);
    if (k == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory indexing a person");
    }
    ks->k[ks->n++] = k;
    return AC_OK;
}

/* "d:" + W less its letter I. */
static ac_code
add_deletion(struct keys *ks, const char *w, size_t len, size_t i, ac_error *err)
{
    char buf[128];

    if (len >= sizeof buf) {
        return AC_OK;
    }
    memcpy(buf, w, i);
    memcpy(buf + i, w + i + 1, len - i - 1);
    return add_key(ks, "d:", buf, len - 1, err);
}

/* The keys of one word (record side: every form a query's keys may meet). */
static ac_code
word_keys(struct keys *ks, const struct aci_word *w, ac_error *err)
{
    char sx[5];
    ac_code rc;

    if (w->kind == ACI_WORD_FORM) {
        return AC_OK;
    }
    rc = add_key(ks, "w:", w->text, w->len, err);
    aci_soundex(w->text, sx);
    if (rc == AC_OK && sx[0] != '\0' && w->kind != ACI_WORD_INITIAL) {
        rc = add_key(ks, "s:", sx, strlen(sx), err);
    }
    if (rc == AC_OK && w->len >= TYPO_LEN - 1) {
        rc = add_key(ks, "d:", w->text, w->len, err);
    }
    for (size_t i = 0; rc == AC_OK && w->len >= TYPO_LEN && i < w->len; i++) {
        rc = add_deletion(ks, w->text, w->len, i, err);
    }
    return rc;
}

static int
cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

ac_code
aci_person_keys(const ac_screener *s,
                const ac_person *p,
                ac_arena *a,
                const char ***out,
                size_t *out_n,
                ac_error *err)
{
    struct keys ks = { NULL, 0, 0, a };
    ac_code rc = AC_OK;
    size_t n = 0;

    for (size_t i = 0; rc == AC_OK && i < p->n_names; i++) {
        struct aci_name nm;
        const char *full = p->names[i].full != NULL ? p->names[i].full : p->names[i].key;

        ac_code wrc = full != NULL ? aci_screen_words(s, full, a, &nm, err) : AC_EINVAL;

        if (wrc == AC_ENOMEM) {
            rc = wrc; /* out of memory is not a name without letters */
            break;
        }
        if (wrc != AC_OK) {
            continue; /* a name with no letters gives no key */
        }
        for (size_t j = 0; rc == AC_OK && j < nm.n && ks.n < MAX_KEYS; j++) {
            rc = word_keys(&ks, &nm.w[j], err);
        }
    }
    if (rc != AC_OK) {
        return rc;
    }
    if (ks.n > 0) {
        qsort(ks.k, ks.n, sizeof *ks.k, cmp_str);
    }
    for (size_t i = 0; i < ks.n; i++) {
        if (n == 0 || strcmp(ks.k[n - 1], ks.k[i]) != 0) {
            ks.k[n++] = ks.k[i];
        }
    }
    *out = ks.k;
    *out_n = n;
    return AC_OK;
}

ac_code
aci_person_keys_index(struct aci_store *store, const ac_person *p, bool fresh, ac_error *err)
{
    const ac_screener *s = NULL;
    ac_arena *a = ac_arena_new(0);
    const char **keys = NULL;
    size_t n = 0;
    ac_code rc = a != NULL ? aci_person_keys_screener(&s, err)
                           : aci_fail(err, AC_ENOMEM, "out of memory indexing a person");

    if (rc == AC_OK) {
        rc = aci_person_keys(s, p, a, &keys, &n, err);
    }
    if (rc == AC_OK) {
        /* not fresh: a person waiting for the backfill, which has no keys yet */
        rc = aci_store_search_keys_put(store, p->agency_id, p->id, fresh, NULL, 0, keys, n, a, err);
    }
    ac_arena_free(a);
    return rc;
}

ac_code
aci_person_keys_reindex(struct aci_store *store,
                        const ac_person *p,
                        const ac_person *old,
                        ac_error *err)
{
    const ac_screener *s = NULL;
    ac_arena *a = NULL;
    const char **was = NULL, **now = NULL;
    size_t n_was = 0, n_now = 0;
    bool same, pending = false;
    ac_code rc;

    if (old == NULL) {
        return aci_person_keys_index(store, p, true, err);
    }
    a = ac_arena_new(0);
    rc = a != NULL ? aci_person_keys_screener(&s, err)
                   : aci_fail(err, AC_ENOMEM, "out of memory indexing a person");
    if (rc == AC_OK) {
        rc = aci_person_keys(s, old, a, &was, &n_was, err);
    }
    if (rc == AC_OK) {
        rc = aci_person_keys(s, p, a, &now, &n_now, err);
    }
    same = rc == AC_OK && n_was == n_now;
    for (size_t i = 0; same && i < n_now; i++) { /* both sorted */
        same = strcmp(was[i], now[i]) == 0;
    }
    if (rc == AC_OK && same) { /* unless it was never indexed (waiting for the backfill) */
        rc = aci_store_search_keys_done(store, p->id, &pending, err);
    }
    if (rc == AC_OK && (!same || pending)) {
        /* the old keys are found by themselves, by the index's primary key */
        rc = aci_store_search_keys_put(store, p->agency_id, p->id, false, was, n_was, now, n_now, a,
                                       err);
    }
    ac_arena_free(a);
    return rc;
}

ac_code
aci_person_keys_backfill(struct aci_store *store, size_t *out_done, ac_error *err)
{
    ac_code rc = AC_OK;

    *out_done = 0;
    for (;;) {
        ac_arena *a = ac_arena_new(0);
        const char **ids = NULL;
        size_t n = 0;

        rc = a != NULL ? aci_store_search_keys_pending(store, BACKFILL_AT, a, &ids, &n, err)
                       : aci_fail(err, AC_ENOMEM, "out of memory indexing persons");
        for (size_t i = 0; rc == AC_OK && i < n; i++) {
            ac_person p;

            rc = aci_store_person_load(store, ids[i], a, &p, err);
            if (rc == AC_OK) {
                rc = aci_person_keys_index(store, &p, false, err); /* takes it off the list */
            }
            *out_done += rc == AC_OK;
        }
        ac_arena_free(a);
        if (rc != AC_OK || n < BACKFILL_AT) {
            return rc;
        }
    }
}
