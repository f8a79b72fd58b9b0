/* SPDX-License-Identifier: Apache-2.0
 *
 * store_ident.c - SQL for the identifier index (store_ident.h).
 */
#include "internal.h"

#include "store/store.h"
#include "store/store_ident.h"

/* one seek on the primary key (agency_id, kind, value_key, person_id) */
static const char sql_find[] = "SELECT person_id FROM person_identifier_keys"
                               " WHERE agency_id = ?1 AND kind = ?2 AND value_key = ?3"
                               " AND person_id > ?4 ORDER BY person_id LIMIT ?5";

ac_code
aci_store_ident_find(struct aci_store *s,
                     const char *agency_id,
                     const char *kind,
                     const char *value_key,
                     const char *after,
                     size_t limit,
                     ac_arena *a,
                     const char ***out,
                     size_t *out_n,
                     ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_find, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "tttti", agency_id, kind, value_key,
                            after != NULL ? after : "", (int64_t)limit);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, aci_row_text, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}
