/* SPDX-License-Identifier: Apache-2.0
 *
 * store_person_merge.c - SQL for merging two person records of one agency and undoing it
 * (person_merges, person_merge_moves, persons.merged_into; migration
 * 0013_person_history.sql).  A merge moves to the survivor the links of the merged record
 * (except one joining the two, which stays as the evidence) and its case subjects (where
 * the survivor is not already one), and lists each row moved; an unmerge moves exactly
 * those back.
 */
#include "internal.h"

#include "store/store.h"
#include "store/store_person.h"

static const char sql_point[] =
    "UPDATE persons SET merged_into = ?2 WHERE id = ?1 AND merged_into IS NULL";
static const char sql_insert[] =
    "INSERT INTO person_merges (id, survivor_id, merged_id, merged_by, merged_at, reason)"
    " VALUES (?, ?, ?, ?, ?, ?)";
/* ?1 merge id, ?2 merged, ?3 survivor */
static const char *const sql_note_moves[] = {
    "INSERT INTO person_merge_moves (merge_id, kind, row_id) SELECT ?1, 'link_from', id"
    " FROM links WHERE from_type = 'person' AND from_id = ?2"
    " AND NOT (to_type = 'person' AND to_id = ?3)",
    "INSERT INTO person_merge_moves (merge_id, kind, row_id) SELECT ?1, 'link_to', id"
    " FROM links WHERE to_type = 'person' AND to_id = ?2"
    " AND NOT (from_type = 'person' AND from_id = ?3)",
    "INSERT INTO person_merge_moves (merge_id, kind, row_id) SELECT ?1, 'case_subject', case_id"
    " FROM case_subjects WHERE person_id = ?2 AND case_id NOT IN"
    " (SELECT case_id FROM case_subjects WHERE person_id = ?3)",
};
/* ?1 merge id, ?2 the id the rows move from, ?3 the id they move to */
static const char *const sql_move[] = {
    "UPDATE links SET from_id = ?3 WHERE from_id = ?2 AND id IN"
    " (SELECT row_id FROM person_merge_moves WHERE merge_id = ?1 AND kind = 'link_from')",
    "UPDATE links SET to_id = ?3 WHERE to_id = ?2 AND id IN"
    " (SELECT row_id FROM person_merge_moves WHERE merge_id = ?1 AND kind = 'link_to')",
    "UPDATE case_subjects SET person_id = ?3 WHERE person_id = ?2 AND case_id IN"
    " (SELECT row_id FROM person_merge_moves WHERE merge_id = ?1 AND kind = 'case_subject')",
};
static const char sql_open[] =
    "SELECT id, survivor_id FROM person_merges WHERE merged_id = ? AND unmerged_at IS NULL";
static const char sql_unpoint[] = "UPDATE persons SET merged_into = NULL WHERE id = ?";
static const char sql_close[] =
    "UPDATE person_merges SET unmerged_by = ?2, unmerged_at = ?3 WHERE id = ?1";

static ac_code
move_rows(struct aci_store *s,
          const char *merge_id,
          const char *from,
          const char *to,
          ac_error *err)
{
    ac_code rc = AC_OK;

    for (size_t i = 0; rc == AC_OK && i < sizeof sql_move / sizeof sql_move[0]; i++) {
        rc = aci_store_runf(s, sql_move[i], err, "ttt", merge_id, from, to);
    }
    return rc;
}

ac_code
aci_store_person_merge(struct aci_store *s,
                       const char *merge_id,
                       const char *survivor_id,
                       const char *merged_id,
                       const char *by,
                       const char *at,
                       const char *reason,
                       ac_error *err)
{
    ac_code rc = aci_store_runf(s, sql_point, err, "tt", merged_id, survivor_id);

    if (rc == AC_OK && aci_store_changes(s) != 1) {
        return aci_fail(err, AC_ECONFLICT, "person '%s' is already merged into another record",
                        merged_id);
    }
    if (rc == AC_OK) {
        rc = aci_store_runf(s, sql_insert, err, "tttttt", merge_id, survivor_id, merged_id, by, at,
                            reason);
    }
    for (size_t i = 0; rc == AC_OK && i < sizeof sql_note_moves / sizeof sql_note_moves[0]; i++) {
        rc = aci_store_runf(s, sql_note_moves[i], err, "ttt", merge_id, merged_id, survivor_id);
    }
    return rc == AC_OK ? move_rows(s, merge_id, merged_id, survivor_id, err) : rc;
}

ac_code
aci_store_person_unmerge(struct aci_store *s,
                         const char *merged_id,
                         const char *by,
                         const char *at,
                         ac_arena *a,
                         const char **out_survivor,
                         ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false, oom = false;
    const char *merge_id = NULL, *survivor = NULL;
    ac_code rc = aci_stmt_get(s, sql_open, &st, err);

    *out_survivor = NULL;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", merged_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &row, err);
    }
    if (rc == AC_OK && row) {
        merge_id = aci_stmt_col_dup(st, 0, a, &oom);
        survivor = aci_stmt_col_dup(st, 1, a, &oom);
    }
    aci_stmt_done(st);
    if (rc == AC_OK && oom) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory undoing a merge");
    }
    if (rc == AC_OK && !row) {
        return aci_fail(err, AC_ECONFLICT, "person '%s' is not merged into another record",
                        merged_id);
    }
    if (rc == AC_OK) {
        rc = move_rows(s, merge_id, survivor, merged_id, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_runf(s, sql_unpoint, err, "t", merged_id);
    }
    if (rc == AC_OK) {
        rc = aci_store_runf(s, sql_close, err, "ttt", merge_id, by, at);
    }
    *out_survivor = rc == AC_OK ? survivor : NULL;
    return rc;
}
