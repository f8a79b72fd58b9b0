/* SPDX-License-Identifier: Apache-2.0
 *
 * store_subject.c - SQL for the subject index (store_subject.h).
 */
#include "internal.h"

#include <stdio.h>

#include "store/store.h"
#include "store/store_subject.h"

static const char sql_of[] = "SELECT subject_id FROM subject_members WHERE person_id = ?1";
static const char sql_members[] =
    "SELECT m.person_id, p.agency_id FROM subject_members m JOIN persons p ON p.id = m.person_id"
    " WHERE m.subject_id = ?1 ORDER BY m.person_id";
static const char sql_joins[] =
    "SELECT j.person_a, j.person_b, j.weight, j.probability, j.explanation"
    " FROM subject_members m JOIN subject_joins j ON j.person_a = m.person_id"
    " WHERE m.subject_id = ?1 ORDER BY j.person_a, j.person_b";
static const char sql_set[] =
    "INSERT INTO subject_members (person_id, subject_id) VALUES (?1, ?2)"
    " ON CONFLICT (person_id) DO UPDATE SET subject_id = excluded.subject_id"
    " WHERE subject_members.subject_id IS DISTINCT FROM excluded.subject_id";
static const char sql_keys_clear[] = "DELETE FROM subject_keys WHERE person_id = ?1";
/* every key of a person in one statement: ?2 is a JSON array indexed by rule, null where
 * the rule gives no key */
static const char sql_key_insert[] = "INSERT INTO subject_keys (person_id, rule, key)"
                                     " SELECT ?1, key, value FROM json_each(?2)"
                                     " WHERE type = 'integer'";
/* the same in PostgreSQL's json functions (json null elements are SQL NULL) */
static const char sql_key_insert_pg[] =
    "INSERT INTO subject_keys (person_id, rule, key)"
    " SELECT ?1, e.i - 1, e.v::bigint FROM json_array_elements_text(?2) WITH ORDINALITY"
    " AS e (v, i) WHERE e.v IS NOT NULL";
static const char sql_candidates[] =
    "SELECT DISTINCT o.person_id FROM subject_keys k JOIN subject_keys o"
    " ON o.rule = k.rule AND o.key = k.key AND o.person_id <> k.person_id"
    " WHERE k.person_id = ?1 ORDER BY o.person_id";
static const char sql_neighbours[] =
    "SELECT person_b FROM subject_joins WHERE person_a = ?1"
    " UNION SELECT person_a FROM subject_joins WHERE person_b = ?1 ORDER BY 1";
/* the records merged with ?1 (either way) by a merge not undone, with the merge's id */
static const char sql_merged_with[] =
    "SELECT merged_id, id FROM person_merges WHERE survivor_id = ?1 AND unmerged_at IS NULL"
    " UNION SELECT survivor_id, id FROM person_merges WHERE merged_id = ?1"
    " AND unmerged_at IS NULL ORDER BY 1";
static const char sql_joins_clear[] =
    "DELETE FROM subject_joins WHERE person_a = ?1 OR person_b = ?1";
static const char sql_join_insert[] =
    "INSERT INTO subject_joins (person_a, person_b, weight, probability, explanation, joined_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT (person_a, person_b) DO UPDATE SET weight = excluded.weight,"
    " probability = excluded.probability, explanation = excluded.explanation";

ac_code
aci_store_subject_of(struct aci_store *s,
                     const char *person_id,
                     ac_arena *a,
                     const char **out,
                     ac_error *err)
{
    *out = NULL;
    return aci_store_load_one(s, sql_of, person_id, "subject of person", a, aci_row_text,
                              (void *)out, err);
}

static ac_code
read_member(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    struct aci_store_subject_member *m = elem;
    bool oom = false;

    (void)ctx;
    m->person_id = aci_stmt_col_dup(st, 0, a, &oom);
    m->agency_id = aci_stmt_col_dup(st, 1, a, &oom);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_subject_members(struct aci_store *s,
                          const char *subject_id,
                          ac_arena *a,
                          struct aci_store_subject_member **out,
                          size_t *out_n,
                          ac_error *err)
{
    return aci_store_collect_by_id(s, sql_members, subject_id, a, sizeof **out, read_member,
                                   (void **)out, out_n, err);
}

static ac_code
read_join(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    struct aci_store_subject_join *j = elem;
    bool oom = false;

    (void)ctx;
    j->person_a = aci_stmt_col_dup(st, 0, a, &oom);
    j->person_b = aci_stmt_col_dup(st, 1, a, &oom);
    j->weight = aci_stmt_col_real(st, 2, 0);
    j->probability = aci_stmt_col_real(st, 3, 0);
    j->explanation = aci_stmt_col_dup(st, 4, a, &oom);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_subject_joins(struct aci_store *s,
                        const char *subject_id,
                        ac_arena *a,
                        struct aci_store_subject_join **out,
                        size_t *out_n,
                        ac_error *err)
{
    return aci_store_collect_by_id(s, sql_joins, subject_id, a, sizeof **out, read_join,
                                   (void **)out, out_n, err);
}

ac_code
aci_store_subject_set(struct aci_store *s,
                      const char *person_id,
                      const char *subject_id,
                      ac_error *err)
{
    return aci_store_runf(s, sql_set, err, "tt", person_id, subject_id);
}

ac_code
aci_store_subject_keys_set(struct aci_store *s,
                           const char *person_id,
                           bool fresh,
                           const uint64_t *keys,
                           size_t n_rules,
                           ac_error *err)
{
    char json[32 * 22 + 3]; /* at most 32 rules, each a signed 64-bit number and a comma */
    size_t len = 0;
    ac_code rc = fresh ? AC_OK : aci_store_runf(s, sql_keys_clear, err, "t", person_id);

    if (n_rules > 32) {
        return aci_fail(err, AC_EINVAL, "at most 32 blocking rules");
    }
    json[len++] = '[';
    for (size_t r = 0; r < n_rules; r++) {
        int64_t key;

        memcpy(&key, &keys[r], sizeof key); /* the hash's bits, as SQLite's signed integer */
        if (r > 0) {
            json[len++] = ',';
        }
        len += (size_t)(keys[r] == 0
                            ? snprintf(json + len, sizeof json - len, "null")
                            : snprintf(json + len, sizeof json - len, "%lld", (long long)key));
    }
    snprintf(json + len, sizeof json - len, "]");
    return rc == AC_OK ? aci_store_runf(s, aci_store_is_pg(s) ? sql_key_insert_pg : sql_key_insert,
                                        err, "tt", person_id, json)
                       : rc;
}

ac_code
aci_store_subject_candidates(struct aci_store *s,
                             const char *person_id,
                             ac_arena *a,
                             const char ***out,
                             size_t *out_n,
                             ac_error *err)
{
    return aci_store_collect_by_id(s, sql_candidates, person_id, a, sizeof **out, aci_row_text,
                                   (void **)out, out_n, err);
}

ac_code
aci_store_subject_neighbours(struct aci_store *s,
                             const char *person_id,
                             ac_arena *a,
                             const char ***out,
                             size_t *out_n,
                             ac_error *err)
{
    return aci_store_collect_by_id(s, sql_neighbours, person_id, a, sizeof **out, aci_row_text,
                                   (void **)out, out_n, err);
}

static ac_code
read_merge(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    struct aci_store_subject_merge *m = elem;
    bool oom = false;

    (void)ctx;
    m->person_id = aci_stmt_col_dup(st, 0, a, &oom);
    m->merge_id = aci_stmt_col_dup(st, 1, a, &oom);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_subject_merged_with(struct aci_store *s,
                              const char *person_id,
                              ac_arena *a,
                              struct aci_store_subject_merge **out,
                              size_t *out_n,
                              ac_error *err)
{
    return aci_store_collect_by_id(s, sql_merged_with, person_id, a, sizeof **out, read_merge,
                                   (void **)out, out_n, err);
}

ac_code
aci_store_subject_joins_clear(struct aci_store *s, const char *person_id, ac_error *err)
{
    return aci_store_runf(s, sql_joins_clear, err, "t", person_id);
}

ac_code
aci_store_subject_join_insert(struct aci_store *s,
                              const struct aci_store_subject_join *j,
                              const char *at,
                              ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_join_insert, &st, err);
    char w[32], p[32];

    /* REAL columns from exact decimal text, as the store writes every number */
    snprintf(w, sizeof w, "%.17g", j->weight);
    snprintf(p, sizeof p, "%.17g", j->probability);
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "tttttt", j->person_a, j->person_b, w, p, j->explanation, at);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_run(st, err);
    }
    aci_stmt_done(st);
    return rc;
}
