/* SPDX-License-Identifier: Apache-2.0
 *
 * store_pole.c - SQL for objects, locations, events and links (store_pole.h).  Every
 * SELECT starts with the same six columns, read by read_meta.
 */
#include "internal.h"

#include <stdio.h>

#include "store/store.h"
#include "store/store_pole.h"

#define META    "id, agency_id, review_date, created_at, updated_at, version"
#define OBJ_COL META ", kind, value, description"
#define LOC_COL META ", name, line, town, postcode, latitude, longitude"
#define EVT_COL META ", kind, occurred_on, description, location_id"
#define LNK_COL \
    META ", from_type, from_id, to_type, to_id, link_type, provenance, confidence, status"
#define PAGE " AND (?2 IS NULL OR id > ?2) ORDER BY id LIMIT ?3"

static const char sql_obj_insert[] =
    "INSERT INTO objects (id, agency_id, review_date, created_at, updated_at, kind, value,"
    " description, value_key, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_loc_insert[] =
    "INSERT INTO locations (id, agency_id, review_date, created_at, updated_at, name, line,"
    " town, postcode, latitude, longitude, postcode_key, created_by)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_evt_insert[] =
    "INSERT INTO events (id, agency_id, review_date, created_at, updated_at, kind,"
    " occurred_on, description, location_id, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_lnk_insert[] =
    "INSERT INTO links (id, agency_id, review_date, created_at, updated_at, from_type, from_id,"
    " to_type, to_id, link_type, provenance, confidence, status, created_by)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_obj_load[] = "SELECT " OBJ_COL " FROM objects WHERE id = ?1";
static const char sql_loc_load[] = "SELECT " LOC_COL " FROM locations WHERE id = ?1";
static const char sql_evt_load[] = "SELECT " EVT_COL " FROM events WHERE id = ?1";
static const char sql_lnk_load[] = "SELECT " LNK_COL " FROM links WHERE id = ?1";
static const char sql_obj_page[] = "SELECT " OBJ_COL " FROM objects WHERE agency_id = ?1"
                                   " AND (?4 IS NULL OR value_key = ?4)" PAGE;
static const char sql_loc_page[] =
    "SELECT " LOC_COL " FROM locations WHERE agency_id = ?1"
    " AND (?4 IS NULL OR substr(postcode_key, 1, length(?4)) = ?4)" PAGE;
static const char sql_evt_page[] = "SELECT " EVT_COL " FROM events WHERE agency_id = ?1"
                                   " AND (?4 IS NULL OR kind = ?4)" PAGE;
static const char sql_links_of[] =
    "SELECT " LNK_COL " FROM links WHERE agency_id = ?1 AND (from_id = ?2 OR to_id = ?2)"
    " ORDER BY created_at, id LIMIT ?3";
static const char sql_links_proposed[] =
    "SELECT " LNK_COL " FROM links WHERE agency_id = ?1 AND status = 'proposed'"
    " ORDER BY created_at, id LIMIT ?2";
static const char sql_lnk_status[] = "UPDATE links SET status = ?, updated_at = ?,"
                                     " version = version + 1 WHERE id = ? AND version = ?";
static const char sql_lnk_exists[] =
    "SELECT 1 FROM links WHERE agency_id = ?1 AND ((from_id = ?2 AND to_id = ?3)"
    " OR (from_id = ?3 AND to_id = ?2)) LIMIT 1";
static const char sql_holder_person[] = "SELECT agency_id FROM persons WHERE id = ?1";
static const char sql_holder_object[] = "SELECT agency_id FROM objects WHERE id = ?1";
static const char sql_holder_location[] = "SELECT agency_id FROM locations WHERE id = ?1";
static const char sql_holder_event[] = "SELECT agency_id FROM events WHERE id = ?1";

static ac_code
read_date(const char *text, ac_date *out, ac_error *err)
{
    return text != NULL ? ac_date_parse(text, out, err) : (memset(out, 0, sizeof *out), AC_OK);
}

/* Columns 0..5 of every SELECT here. */
static ac_code
read_meta(struct aci_stmt *st, ac_arena *a, ac_record_meta *m, bool *oom, ac_error *err)
{
    m->id = aci_stmt_col_dup(st, 0, a, oom);
    m->agency_id = aci_stmt_col_dup(st, 1, a, oom);
    m->created_at = aci_stmt_col_dup(st, 3, a, oom);
    m->updated_at = aci_stmt_col_dup(st, 4, a, oom);
    m->version = aci_stmt_col_int(st, 5);
    return read_date(aci_stmt_col_text(st, 2), &m->review_date, err);
}

static ac_code
read_object(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_object *o = elem;
    bool oom = false;
    ac_code rc = read_meta(st, a, &o->meta, &oom, err);

    (void)ctx;
    if (rc == AC_OK) {
        rc = ac_object_kind_parse(aci_stmt_col_text(st, 6), &o->kind, err);
    }
    o->value = aci_stmt_col_dup(st, 7, a, &oom);
    o->description = aci_stmt_col_dup(st, 8, a, &oom);
    return aci_row_done(rc, oom, err);
}

static ac_code
read_location(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_location *l = elem;
    bool oom = false;
    ac_code rc = read_meta(st, a, &l->meta, &oom, err);

    (void)ctx;
    l->name = aci_stmt_col_dup(st, 6, a, &oom);
    l->line = aci_stmt_col_dup(st, 7, a, &oom);
    l->town = aci_stmt_col_dup(st, 8, a, &oom);
    l->postcode = aci_stmt_col_dup(st, 9, a, &oom);
    l->has_position = aci_stmt_col_text(st, 10) != NULL;
    l->latitude = aci_stmt_col_real(st, 10, 0.0);
    l->longitude = aci_stmt_col_real(st, 11, 0.0);
    return aci_row_done(rc, oom, err);
}

static ac_code
read_event(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_event *e = elem;
    bool oom = false;
    ac_code rc = read_meta(st, a, &e->meta, &oom, err);

    (void)ctx;
    e->kind = aci_stmt_col_dup(st, 6, a, &oom);
    if (rc == AC_OK) {
        rc = read_date(aci_stmt_col_text(st, 7), &e->occurred_on, err);
    }
    e->description = aci_stmt_col_dup(st, 8, a, &oom);
    e->location_id = aci_stmt_col_dup(st, 9, a, &oom);
    return aci_row_done(rc, oom, err);
}

static ac_code
read_link(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_link *l = elem;
    bool oom = false;
    ac_code rc = read_meta(st, a, &l->meta, &oom, err);

    (void)ctx;
    l->from_type = aci_stmt_col_dup(st, 6, a, &oom);
    l->from_id = aci_stmt_col_dup(st, 7, a, &oom);
    l->to_type = aci_stmt_col_dup(st, 8, a, &oom);
    l->to_id = aci_stmt_col_dup(st, 9, a, &oom);
    l->link_type = aci_stmt_col_dup(st, 10, a, &oom);
    l->provenance = aci_stmt_col_dup(st, 11, a, &oom);
    l->confidence = aci_stmt_col_real(st, 12, 0.0);
    if (rc == AC_OK) {
        rc = ac_link_status_parse(aci_stmt_col_text(st, 13), &l->status, err);
    }
    return aci_row_done(rc, oom, err);
}

/* Insert with the meta's five text columns first, then the N_REST texts of REST. */
static ac_code
insert(struct aci_store *s,
       const char *sql,
       const ac_record_meta *m,
       ac_error *err,
       const char *const *rest,
       size_t n_rest)
{
    char review[AC_DATE_TEXT_MAX];
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql, &st, err);

    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "ttttt", m->id, m->agency_id,
                            ac_date_format(&m->review_date, review), m->created_at, m->updated_at);
    }
    for (size_t i = 0; rc == AC_OK && i < n_rest; i++) {
        rc = aci_stmt_text(st, (int)i + 6, rest[i], err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_run(st, err);
    }
    aci_stmt_done(st);
    return rc;
}

#define INSERT(s, sql, m, err, ...)                                      \
    insert((s), (sql), (m), (err), (const char *const[]){ __VA_ARGS__ }, \
           sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

ac_code
aci_store_object_insert(struct aci_store *s,
                        const ac_object *o,
                        const char *value_key,
                        const char *created_by,
                        ac_error *err)
{
    return INSERT(s, sql_obj_insert, &o->meta, err, ac_object_kind_str(o->kind), o->value,
                  o->description, value_key, created_by);
}

ac_code
aci_store_location_insert(struct aci_store *s,
                          const ac_location *l,
                          const char *postcode_key,
                          const char *created_by,
                          ac_error *err)
{
    char lat[32], lon[32];

    snprintf(lat, sizeof lat, "%.7f", l->latitude);
    snprintf(lon, sizeof lon, "%.7f", l->longitude);
    return INSERT(s, sql_loc_insert, &l->meta, err, l->name, l->line, l->town, l->postcode,
                  l->has_position ? lat : NULL, l->has_position ? lon : NULL, postcode_key,
                  created_by);
}

ac_code
aci_store_event_insert(struct aci_store *s,
                       const ac_event *e,
                       const char *created_by,
                       ac_error *err)
{
    char on[AC_DATE_TEXT_MAX];

    ac_date_format(&e->occurred_on, on);
    return INSERT(s, sql_evt_insert, &e->meta, err, e->kind, on[0] != '\0' ? on : NULL,
                  e->description, e->location_id, created_by);
}

ac_code
aci_store_link_insert(struct aci_store *s, const ac_link *l, const char *created_by, ac_error *err)
{
    char conf[32];

    snprintf(conf, sizeof conf, "%.6f", l->confidence);
    return INSERT(s, sql_lnk_insert, &l->meta, err, l->from_type, l->from_id, l->to_type, l->to_id,
                  l->link_type, l->provenance, conf, ac_link_status_str(l->status), created_by);
}

ac_code
aci_store_object_load(struct aci_store *s,
                      const char *id,
                      ac_arena *a,
                      ac_object *out,
                      ac_error *err)
{
    memset(out, 0, sizeof *out);
    return aci_store_load_one(s, sql_obj_load, id, "object", a, read_object, out, err);
}

ac_code
aci_store_location_load(struct aci_store *s,
                        const char *id,
                        ac_arena *a,
                        ac_location *out,
                        ac_error *err)
{
    memset(out, 0, sizeof *out);
    return aci_store_load_one(s, sql_loc_load, id, "location", a, read_location, out, err);
}

ac_code
aci_store_event_load(struct aci_store *s, const char *id, ac_arena *a, ac_event *out, ac_error *err)
{
    memset(out, 0, sizeof *out);
    return aci_store_load_one(s, sql_evt_load, id, "event", a, read_event, out, err);
}

ac_code
aci_store_link_load(struct aci_store *s, const char *id, ac_arena *a, ac_link *out, ac_error *err)
{
    memset(out, 0, sizeof *out);
    return aci_store_load_one(s, sql_lnk_load, id, "link", a, read_link, out, err);
}

/* Bind ?1 agency, ?2 after, ?3 limit, ?4 match and collect rows with READ. */
static ac_code
page(struct aci_store *s,
     const char *sql,
     const char *agency_id,
     const char *match,
     const char *after,
     size_t limit,
     ac_arena *a,
     size_t elem,
     aci_row_fn read,
     void **out,
     size_t *out_n,
     ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "ttit", agency_id, after, (int64_t)limit, match);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, elem, read, NULL, out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_object_page(struct aci_store *s,
                      const char *agency_id,
                      const char *match,
                      const char *after,
                      size_t limit,
                      ac_arena *a,
                      ac_object **out,
                      size_t *out_n,
                      ac_error *err)
{
    return page(s, sql_obj_page, agency_id, match, after, limit, a, sizeof **out, read_object,
                (void **)out, out_n, err);
}

ac_code
aci_store_location_page(struct aci_store *s,
                        const char *agency_id,
                        const char *match,
                        const char *after,
                        size_t limit,
                        ac_arena *a,
                        ac_location **out,
                        size_t *out_n,
                        ac_error *err)
{
    return page(s, sql_loc_page, agency_id, match, after, limit, a, sizeof **out, read_location,
                (void **)out, out_n, err);
}

ac_code
aci_store_event_page(struct aci_store *s,
                     const char *agency_id,
                     const char *match,
                     const char *after,
                     size_t limit,
                     ac_arena *a,
                     ac_event **out,
                     size_t *out_n,
                     ac_error *err)
{
    return page(s, sql_evt_page, agency_id, match, after, limit, a, sizeof **out, read_event,
                (void **)out, out_n, err);
}

ac_code
aci_store_links_of(struct aci_store *s,
                   const char *agency_id,
                   const char *record_id,
                   size_t limit,
                   ac_arena *a,
                   ac_link **out,
                   size_t *out_n,
                   ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_links_of, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "tti", agency_id, record_id, (int64_t)limit);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, read_link, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_links_proposed(struct aci_store *s,
                         const char *agency_id,
                         size_t limit,
                         ac_arena *a,
                         ac_link **out,
                         size_t *out_n,
                         ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_links_proposed, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "ti", agency_id, (int64_t)limit);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, read_link, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_link_set_status(struct aci_store *s,
                          const char *id,
                          ac_link_status status,
                          int64_t expected,
                          const char *now,
                          ac_error *err)
{
    ac_code rc = aci_store_runf(s, sql_lnk_status, err, "ttti", ac_link_status_str(status), now, id,
                                expected);

    if (rc == AC_OK && aci_store_changes(s) == 0) {
        rc = aci_fail(err, AC_ECONFLICT, "link '%s' was changed by someone else: reload it", id);
    }
    return rc;
}

ac_code
aci_store_record_holder(struct aci_store *s,
                        const char *type,
                        const char *id,
                        ac_arena *a,
                        const char **out_agency,
                        ac_error *err)
{
    const char *sql = strcmp(type, "person") == 0     ? sql_holder_person
                      : strcmp(type, "object") == 0   ? sql_holder_object
                      : strcmp(type, "location") == 0 ? sql_holder_location
                      : strcmp(type, "event") == 0    ? sql_holder_event
                                                      : NULL;

    *out_agency = NULL;
    if (sql == NULL) {
        return aci_fail(err, AC_EINVAL, "not a POLE record type: '%s'", type);
    }
    return aci_store_load_one(s, sql, id, type, a, aci_row_text, (void *)out_agency, err);
}

bool
aci_store_link_exists(struct aci_store *s, const char *agency_id, const char *a, const char *b)
{
    struct aci_stmt *st = NULL;
    bool row = false;

    if (aci_stmt_get(s, sql_lnk_exists, &st, NULL) != AC_OK ||
        aci_stmt_bindf(st, NULL, "ttt", agency_id, a, b) != AC_OK ||
        aci_stmt_step(st, &row, NULL) != AC_OK) {
        row = false;
    }
    aci_stmt_done(st);
    return row;
}
