/* SPDX-License-Identifier: Apache-2.0
 *
 * store_case_subject.c - SQL for the subjects of cases (case_subjects, migration
 * 0013_person_history.sql).
 */
#include "internal.h"

#include "store/store.h"
#include "store/store_case_subject.h"

static const char sql_add[] = "INSERT INTO case_subjects (case_id, person_id, added_by, added_at)"
                              " VALUES (?, ?, ?, ?)";
static const char sql_list[] =
    "SELECT s.person_id, p.agency_id, g.name, n.full_name, s.added_at, u.display_name"
    " FROM case_subjects s JOIN persons p ON p.id = s.person_id"
    " JOIN agencies g ON g.id = p.agency_id"
    " LEFT JOIN person_names n ON n.person_id = p.id AND n.kind = 'primary'"
    " LEFT JOIN users u ON u.id = s.added_by WHERE s.case_id = ?"
    " ORDER BY s.added_at, s.person_id";
static const char sql_cases_of[] =
    "SELECT case_id FROM case_subjects WHERE person_id = ? ORDER BY case_id";

ac_code
aci_store_case_subject_add(struct aci_store *s,
                           const char *case_id,
                           const char *person_id,
                           const char *added_by,
                           const char *added_at,
                           ac_error *err)
{
    ac_code rc = aci_store_runf(s, sql_add, err, "tttt", case_id, person_id, added_by, added_at);

    if (rc == AC_ECONFLICT) {
        return aci_fail(err, AC_ECONFLICT, "person '%s' is already a subject of case '%s'",
                        person_id, case_id);
    }
    return rc;
}

static ac_code
subject_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_case_subject *v = elem;
    bool oom = false;

    (void)ctx;
    v->person_id = aci_stmt_col_dup(st, 0, a, &oom);
    v->agency_id = aci_stmt_col_dup(st, 1, a, &oom);
    v->agency_name = aci_stmt_col_dup(st, 2, a, &oom);
    v->name = aci_stmt_col_dup(st, 3, a, &oom);
    v->added_at = aci_stmt_col_dup(st, 4, a, &oom);
    v->added_by = aci_stmt_col_dup(st, 5, a, &oom);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_case_subjects(struct aci_store *s,
                        const char *case_id,
                        ac_arena *a,
                        ac_case_subject **out,
                        size_t *out_n,
                        ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_list, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", case_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, subject_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

static ac_code
id_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    const char **v = elem;
    bool oom = false;

    (void)ctx;
    *v = aci_stmt_col_dup(st, 0, a, &oom);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_person_cases(struct aci_store *s,
                       const char *person_id,
                       ac_arena *a,
                       const char ***out,
                       size_t *out_n,
                       ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_cases_of, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", person_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, id_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}
