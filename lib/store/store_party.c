/* SPDX-License-Identifier: Apache-2.0
 *
 * store_party.c - SQL for agencies and users (store_party.h).
 */
#include "internal.h"

#include "model/model.h"
#include "store/store.h"
#include "store/store_party.h"

static const char sql_agency_insert[] =
    "INSERT INTO agencies (id, name, kind, country, created_at) VALUES (?, ?, ?, ?, ?)";
static const char sql_agency_find[] = "SELECT id, name, kind, country, created_at FROM agencies"
                                      " WHERE id = ?1 OR name = ?1";
static const char sql_agency_list[] =
    "SELECT id, name, kind, country, created_at FROM agencies ORDER BY name";
static const char sql_user_insert[] =
    "INSERT INTO users (id, agency_id, username, display_name, vetting, roles, status,"
    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
#define USER_COLS "id, agency_id, username, display_name, vetting, roles, status, created_at"
static const char sql_user_by_id[] = "SELECT " USER_COLS " FROM users WHERE id = ?";
static const char sql_user_by_name[] = "SELECT " USER_COLS " FROM users WHERE username = ?";
static const char sql_user_list[] = "SELECT " USER_COLS " FROM users"
                                    " WHERE ?1 IS NULL OR agency_id = ?1 ORDER BY username";
static const char sql_staff[] =
    "SELECT DISTINCT a.id, a.name, a.kind, u.roles, u.status FROM agencies a"
    " JOIN users u ON u.agency_id = a.id"
    " WHERE ?1 IS NULL OR a.id = (SELECT c.lead_agency_id FROM cases c WHERE c.id = ?1)";

ac_code
aci_store_agency_insert(struct aci_store *s, const ac_agency *g, ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_agency_insert, &st, err);

    if (rc == AC_OK) {
        rc = aci_stmt_text(st, 1, g->id, err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_text(st, 2, g->name, err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_text(st, 3, ac_agency_kind_str(g->kind), err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_text(st, 4, g->country, err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_text(st, 5, g->created_at, err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_run(st, err);
    }
    if (rc == AC_ECONFLICT) {
        rc = aci_fail(err, AC_ECONFLICT, "an agency with that name already exists");
    }
    aci_stmt_done(st);
    return rc;
}

static ac_code
read_agency(struct aci_stmt *st, ac_arena *a, ac_agency *g, ac_error *err)
{
    int kind = -1;

    g->id = ac_arena_strdup(a, aci_stmt_col_text(st, 0));
    g->name = ac_arena_strdup(a, aci_stmt_col_text(st, 1));
    if (ac_agency_kind_parse(aci_stmt_col_text(st, 2), (ac_agency_kind *)&kind, err) != AC_OK) {
        return AC_ESTORAGE;
    }
    g->kind = (ac_agency_kind)kind;
    g->country = ac_arena_strdup(a, aci_stmt_col_text(st, 3));
    g->created_at = ac_arena_strdup(a, aci_stmt_col_text(st, 4));
    if (g->id == NULL || g->name == NULL || g->country == NULL || g->created_at == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory reading an agency");
    }
    return AC_OK;
}

ac_code
aci_store_agency_find(struct aci_store *s,
                      const char *id_or_name,
                      ac_arena *a,
                      ac_agency *out,
                      ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool has_row = false;
    ac_code rc = aci_stmt_get(s, sql_agency_find, &st, err);

    if (rc == AC_OK) {
        rc = aci_stmt_text(st, 1, id_or_name, err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &has_row, err);
    }
    if (rc == AC_OK && !has_row) {
        rc = aci_fail(err, AC_ENOTFOUND, "no such agency: 'accord agency list' shows them");
    }
    if (rc == AC_OK) {
        rc = read_agency(st, a, out, err);
    }
    aci_stmt_done(st);
    return rc;
}

static ac_code
agency_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    (void)ctx;
    return read_agency(st, a, elem, err);
}

ac_code
aci_store_agency_list(struct aci_store *s,
                      ac_arena *a,
                      ac_agency **out,
                      size_t *out_n,
                      ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_agency_list, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, agency_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_user_insert(struct aci_store *s, const ac_user *u, ac_error *err)
{
    struct aci_stmt *st = NULL;
    const char *text[] = { u->id, u->agency_id, u->username, u->display_name,
                           ac_vetting_str(u->vetting) };
    ac_code rc = aci_stmt_get(s, sql_user_insert, &st, err);

    for (size_t i = 0; rc == AC_OK && i < ACI_ARRAY_LEN(text); i++) {
        rc = aci_stmt_text(st, (int)i + 1, text[i], err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_int(st, 6, u->roles, err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_text(st, 7, ac_user_status_str(u->status), err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_text(st, 8, u->created_at, err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_run(st, err);
    }
    if (rc == AC_ECONFLICT) {
        rc = aci_fail(err, AC_ECONFLICT, "username '%s' is already taken", u->username);
    }
    aci_stmt_done(st);
    return rc;
}

static ac_code
read_user(struct aci_stmt *st, ac_arena *a, ac_user *u, ac_error *err)
{
    ac_code rc;

    u->id = ac_arena_strdup(a, aci_stmt_col_text(st, 0));
    u->agency_id = ac_arena_strdup(a, aci_stmt_col_text(st, 1));
    u->username = ac_arena_strdup(a, aci_stmt_col_text(st, 2));
    u->display_name = ac_arena_strdup(a, aci_stmt_col_text(st, 3));
    rc = ac_vetting_parse(aci_stmt_col_text(st, 4), &u->vetting, err);
    u->roles = (unsigned)aci_stmt_col_int(st, 5);
    if (rc == AC_OK) {
        rc = ac_user_status_parse(aci_stmt_col_text(st, 6), &u->status, err);
    }
    u->created_at = ac_arena_strdup(a, aci_stmt_col_text(st, 7));
    if (rc == AC_OK && (u->id == NULL || u->agency_id == NULL || u->username == NULL ||
                        u->display_name == NULL || u->created_at == NULL)) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory reading a user");
    }
    return rc;
}

ac_code
aci_store_user_find(struct aci_store *s,
                    const char *key,
                    bool by_id,
                    ac_arena *a,
                    ac_user *out,
                    ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool has_row = false;
    ac_code rc = aci_stmt_get(s, by_id ? sql_user_by_id : sql_user_by_name, &st, err);

    if (rc == AC_OK) {
        rc = aci_stmt_text(st, 1, key, err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &has_row, err);
    }
    if (rc == AC_OK && !has_row) {
        rc = aci_fail(err, AC_ENOTFOUND, "no such user");
    }
    if (rc == AC_OK) {
        rc = read_user(st, a, out, err);
    }
    aci_stmt_done(st);
    return rc;
}

static ac_code
user_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    (void)ctx;
    return read_user(st, a, elem, err);
}

ac_code
aci_store_user_list(struct aci_store *s,
                    const char *agency_id,
                    ac_arena *a,
                    ac_user **out,
                    size_t *out_n,
                    ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_user_list, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_text(st, 1, agency_id, err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, user_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

static ac_code
staff_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    struct aci_agency_staff *r = elem;
    bool oom = false;

    (void)ctx;
    r->agency_id = aci_stmt_col_dup(st, 0, a, &oom);
    r->agency_name = aci_stmt_col_dup(st, 1, a, &oom);
    r->roles = (unsigned)aci_stmt_col_int(st, 3);
    if (ac_agency_kind_parse(aci_stmt_col_text(st, 2), &r->kind, err) != AC_OK ||
        ac_user_status_parse(aci_stmt_col_text(st, 4), &r->status, err) != AC_OK) {
        return AC_ESTORAGE;
    }
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_agency_staff(struct aci_store *s,
                       const char *case_id,
                       ac_arena *a,
                       struct aci_agency_staff **out,
                       size_t *out_n,
                       ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_staff, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", case_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, staff_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_stats(struct aci_store *s, ac_hub_stats *out, ac_error *err)
{
    static const char *const sql[] = {
        "SELECT count(*) FROM agencies",  "SELECT count(*) FROM users",
        "SELECT count(*) FROM persons",   "SELECT count(*) FROM person_names",
        "SELECT count(*) FROM objects",   "SELECT count(*) FROM locations",
        "SELECT count(*) FROM events",    "SELECT count(*) FROM items",
        "SELECT count(*) FROM links",     "SELECT count(*) FROM cases",
        "SELECT count(*) FROM audit_log",
    };
    int64_t *const field[] = {
        &out->agencies, &out->users,     &out->persons,       &out->person_names,
        &out->objects,  &out->locations, &out->events,        &out->items,
        &out->links,    &out->cases,     &out->audit_entries,
    };
    ac_code rc = AC_OK;

    for (size_t i = 0; rc == AC_OK && i < sizeof sql / sizeof sql[0]; i++) {
        rc = aci_store_count(s, sql[i], field[i], err);
    }
    return rc;
}

ac_code
aci_store_has_users(struct aci_store *s, bool *out, ac_error *err)
{
    int64_t n = 0;
    ac_code rc = aci_store_count(s, "SELECT count(*) FROM users", &n, err);

    *out = n != 0;
    return rc;
}
