/* SPDX-License-Identifier: Apache-2.0
 *
 * store_search.c - SQL for the person search index (store_search.h).
 */
#include "internal.h"

#include "store/store.h"
#include "store/store_search.h"

static const char sql_delete[] = "DELETE FROM person_search_keys WHERE person_id = ?";
static const char sql_insert[] = "INSERT INTO person_search_keys (agency_id, key, person_id)"
                                 " VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
static const char sql_find[] = "SELECT person_id FROM person_search_keys"
                               " WHERE agency_id = ?1 AND key >= ?2 AND key < ?3"
                               " ORDER BY key, person_id LIMIT ?4";
static const char sql_pending[] =
    "SELECT person_id FROM person_search_pending ORDER BY person_id LIMIT ?";
static const char sql_done[] = "DELETE FROM person_search_pending WHERE person_id = ?";

ac_code
aci_store_search_keys_put(struct aci_store *s,
                          const char *agency_id,
                          const char *person_id,
                          const char *const *keys,
                          size_t n,
                          ac_error *err)
{
    ac_code rc = aci_store_runf(s, sql_delete, err, "t", person_id);

    if (rc == AC_OK) {
        rc = aci_store_runf(s, sql_done, err, "t", person_id);
    }
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        rc = aci_store_runf(s, sql_insert, err, "ttt", agency_id, keys[i], person_id);
    }
    return rc;
}

ac_code
aci_store_search_keys_find(struct aci_store *s,
                           const char *agency_id,
                           const char *key,
                           bool prefix,
                           size_t limit,
                           ac_arena *a,
                           const char ***out,
                           size_t *out_n,
                           ac_error *err)
{
    struct aci_stmt *st = NULL;
    /* a key has no control characters: KEY + "\x01" bounds KEY alone; KEY + U+10FFFF
     * bounds every key that starts with it */
    const char *hi = ac_arena_printf(a, "%s%s", key, prefix ? "\xf4\x8f\xbf\xbf" : "\x01");
    ac_code rc = hi != NULL ? aci_stmt_get(s, sql_find, &st, err)
                            : aci_fail(err, AC_ENOMEM, "out of memory searching");

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "ttti", agency_id, key, hi, (int64_t)limit);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, aci_row_text, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_search_keys_pending(struct aci_store *s,
                              size_t limit,
                              ac_arena *a,
                              const char ***out,
                              size_t *out_n,
                              ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_pending, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "i", (int64_t)limit);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, aci_row_text, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}
