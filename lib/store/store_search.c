/* SPDX-License-Identifier: Apache-2.0
 *
 * store_search.c - SQL for the person search index (store_search.h).
 */
#include "internal.h"

#include "store/store.h"
#include "store/store_search.h"

/* a person's old keys by the primary key (agency, key, person): ?3 is a JSON array */
static const char sql_delete[] = "DELETE FROM person_search_keys"
                                 " WHERE agency_id = ?1 AND person_id = ?2"
                                 " AND key IN (SELECT value FROM json_each(?3))";
/* every key of a person in one statement: ?3 is a JSON array of the keys, in order */
static const char sql_insert[] = "INSERT INTO person_search_keys (agency_id, key, person_id)"
                                 " SELECT ?1, value, ?2 FROM json_each(?3) WHERE true"
                                 " ON CONFLICT DO NOTHING";
static const char sql_find[] = "SELECT person_id FROM person_search_keys"
                               " WHERE agency_id = ?1 AND key >= ?2 AND key < ?3"
                               " ORDER BY key, person_id LIMIT ?4";
static const char sql_among[] = "SELECT person_id FROM person_search_keys"
                                " WHERE agency_id = ?1 AND key = ?2"
                                " AND person_id IN (SELECT value FROM json_each(?3))";
static const char sql_pending[] =
    "SELECT person_id FROM person_search_pending ORDER BY person_id LIMIT ?";
static const char sql_done[] = "DELETE FROM person_search_pending WHERE person_id = ?";

ac_code
aci_store_search_keys_put(struct aci_store *s,
                          const char *agency_id,
                          const char *person_id,
                          bool fresh,
                          const char *const *old,
                          size_t n_old,
                          const char *const *keys,
                          size_t n,
                          ac_arena *a,
                          ac_error *err)
{
    ac_code rc = AC_OK;

    if (!fresh) { /* a new person has no keys and is not pending: nothing to delete */
        if (n_old > 0) {
            const char *json = aci_store_json_texts(old, n_old, a);

            rc = json != NULL
                     ? aci_store_runf(s, sql_delete, err, "ttt", agency_id, person_id, json)
                     : aci_fail(err, AC_ENOMEM, "out of memory indexing a person");
        }
        if (rc == AC_OK) {
            rc = aci_store_runf(s, sql_done, err, "t", person_id);
        }
    }
    if (rc == AC_OK && n > 0) {
        const char *json = aci_store_json_texts(keys, n, a);

        rc = json != NULL ? aci_store_runf(s, sql_insert, err, "ttt", agency_id, person_id, json)
                          : aci_fail(err, AC_ENOMEM, "out of memory indexing a person");
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
aci_store_search_keys_done(struct aci_store *s,
                           const char *person_id,
                           bool *was_pending,
                           ac_error *err)
{
    ac_code rc = aci_store_runf(s, sql_done, err, "t", person_id);

    *was_pending = rc == AC_OK && aci_store_changes(s) > 0;
    return rc;
}

ac_code
aci_store_search_keys_among(struct aci_store *s,
                            const char *agency_id,
                            const char *key,
                            const char *const *among,
                            size_t n,
                            ac_arena *a,
                            const char ***out,
                            size_t *out_n,
                            ac_error *err)
{
    struct aci_stmt *st = NULL;
    const char *json = n > 0 ? aci_store_json_texts(among, n, a) : NULL;
    ac_code rc =
        n == 0 || json != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory searching");

    *out = NULL;
    *out_n = 0;
    if (rc != AC_OK || n == 0) {
        return rc;
    }
    rc = aci_stmt_get(s, sql_among, &st, err);
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "ttt", agency_id, key, json);
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
