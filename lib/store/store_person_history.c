/* SPDX-License-Identifier: Apache-2.0
 *
 * store_person_history.c - SQL for the versions person edits replaced (person_versions,
 * migration 0013_person_history.sql).  Rows are only added, in the edit's transaction.
 */
#include "internal.h"

#include "store/store.h"
#include "store/store_person.h"

static const char sql_add[] =
    "INSERT INTO person_versions (person_id, version, snapshot, changed_by, changed_at, reason)"
    " VALUES (?, ?, ?, ?, ?, ?)";
static const char sql_list[] =
    "SELECT v.version, v.snapshot, coalesce(u.display_name, v.changed_by), v.changed_at,"
    " v.reason FROM person_versions v LEFT JOIN users u ON u.id = v.changed_by"
    " WHERE v.person_id = ? ORDER BY v.version";

ac_code
aci_store_person_version_add(struct aci_store *s,
                             const char *person_id,
                             int64_t version,
                             const char *snapshot,
                             const char *changed_by,
                             const char *changed_at,
                             const char *reason,
                             ac_error *err)
{
    ac_code rc = aci_store_runf(s, sql_add, err, "titttt", person_id, version, snapshot, changed_by,
                                changed_at, reason);

    if (rc == AC_ECONFLICT) {
        return aci_fail(err, AC_ECONFLICT, "version %lld of person '%s' is already kept",
                        (long long)version, person_id);
    }
    return rc;
}

static ac_code
version_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_person_version *v = elem;
    bool oom = false;

    (void)ctx;
    v->version = aci_stmt_col_int(st, 0);
    v->snapshot = aci_stmt_col_dup(st, 1, a, &oom);
    v->changed_by = aci_stmt_col_dup(st, 2, a, &oom);
    v->changed_at = aci_stmt_col_dup(st, 3, a, &oom);
    v->reason = aci_stmt_col_dup(st, 4, a, &oom);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_person_versions(struct aci_store *s,
                          const char *person_id,
                          ac_arena *a,
                          ac_person_version **out,
                          size_t *out_n,
                          ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_list, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", person_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, version_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}
