/* SPDX-License-Identifier: Apache-2.0
 *
 * store_person.c - SQL for persons (store_person.h).  A person is one row in persons
 * plus rows in person_names, person_name_tokens, person_addresses and
 * person_identifiers, all written in the caller's transaction.
 */
#include "internal.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "store/store.h"
#include "store/store_person.h"

static const char sql_insert_person[] =
    "INSERT INTO persons (id, agency_id, source_ref, dob, review_date, created_by, created_at,"
    " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_insert_name[] =
    "INSERT INTO person_names (person_id, seq, kind, given, middle, family, full_name, name_key)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_insert_token[] =
    "INSERT INTO person_name_tokens (token, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
static const char sql_insert_address[] =
    "INSERT INTO person_addresses (person_id, seq, line, town, postcode, postcode_key, from_date,"
    " to_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_insert_ident[] =
    "INSERT INTO person_identifiers (person_id, seq, kind, value, value_key, issuer)"
    " VALUES (?, ?, ?, ?, ?, ?)";

static const char sql_update_person[] =
    "UPDATE persons SET source_ref = ?3, dob = ?4, review_date = ?5, updated_at = ?6,"
    " version = version + 1 WHERE id = ?1 AND version = ?2";
static const char *const sql_delete_parts[] = {
    "DELETE FROM person_names WHERE person_id = ?",
    "DELETE FROM person_name_tokens WHERE person_id = ?",
    "DELETE FROM person_addresses WHERE person_id = ?",
    "DELETE FROM person_identifiers WHERE person_id = ?",
};

static const char sql_load_person[] =
    "SELECT id, agency_id, source_ref, dob, review_date, created_at, updated_at, version,"
    " merged_into FROM persons WHERE id = ?";
static const char sql_load_names[] = "SELECT kind, given, middle, family, full_name, name_key"
                                     " FROM person_names WHERE person_id = ? ORDER BY seq";
static const char sql_load_addresses[] = "SELECT line, town, postcode, from_date, to_date"
                                         " FROM person_addresses WHERE person_id = ? ORDER BY seq";
static const char sql_load_idents[] = "SELECT kind, value, issuer FROM person_identifiers"
                                      " WHERE person_id = ? ORDER BY seq";
/* the same rows for many persons at once: ?1 a JSON array of ids; the person's id last */
static const char sql_many_persons[] =
    "SELECT id, agency_id, source_ref, dob, review_date, created_at, updated_at, version,"
    " merged_into FROM persons WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id";
static const char sql_many_names[] =
    "SELECT kind, given, middle, family, full_name, name_key, person_id FROM person_names"
    " WHERE person_id IN (SELECT value FROM json_each(?1)) ORDER BY person_id, seq";
static const char sql_many_addresses[] =
    "SELECT line, town, postcode, from_date, to_date, person_id FROM person_addresses"
    " WHERE person_id IN (SELECT value FROM json_each(?1)) ORDER BY person_id, seq";
static const char sql_many_idents[] =
    "SELECT kind, value, issuer, person_id FROM person_identifiers"
    " WHERE person_id IN (SELECT value FROM json_each(?1)) ORDER BY person_id, seq";
static const char sql_find_ids[] =
    "SELECT DISTINCT t.person_id FROM person_name_tokens t JOIN persons p ON p.id = t.person_id"
    " WHERE t.token >= ?2 AND t.token < ?5 AND p.agency_id = ?1"
    " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM person_addresses d WHERE d.person_id = p.id"
    " AND d.postcode_key >= ?3 AND d.postcode_key < ?6)) AND t.person_id > ?7"
    " ORDER BY t.person_id LIMIT ?4";
static const char sql_find_ids_by_postcode[] =
    "SELECT DISTINCT p.id FROM person_addresses d JOIN persons p ON p.id = d.person_id"
    " WHERE d.postcode_key >= ?3 AND d.postcode_key < ?6 AND p.agency_id = ?1"
    " AND ?2 IS NULL AND ?5 IS NULL AND p.id > ?7 ORDER BY p.id LIMIT ?4";
static const char sql_each_ids[] =
    "SELECT id FROM persons WHERE agency_id = ? AND id > ? ORDER BY id LIMIT 512";
static const char sql_ids_after[] =
    "SELECT id FROM persons WHERE agency_id = ? AND id > ? ORDER BY id LIMIT ?";

static const char *
date_text(const ac_date *d, char buf[AC_DATE_TEXT_MAX])
{
    return d->precision == AC_DATE_NONE ? NULL : ac_date_format(d, buf);
}

/* Insert each distinct word of KEY as a token of person ID. */
static ac_code
insert_tokens(struct aci_store *s, const char *id, const char *key, ac_error *err)
{
    char word[ACI_NAME_FULL_MAX * 4 + 16];
    ac_code rc = AC_OK;

    while (rc == AC_OK && *key != '\0') {
        size_t n = strcspn(key, " ");

        if (n > 0 && n < sizeof word) {
            memcpy(word, key, n);
            word[n] = '\0';
            rc = aci_store_runf(s, sql_insert_token, err, "tt", word, id);
        }
        key += n;
        key += *key == ' ';
    }
    return rc;
}

/* Upper-case letters and digits of S into BUF (CAP bytes). */
static const char *
compact(const char *s, char *buf, size_t cap)
{
    size_t k = 0;

    for (const char *c = s ? s : ""; *c && k + 1 < cap; c++) {
        if ((*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z')) {
            buf[k++] = *c;
        } else if (*c >= 'a' && *c <= 'z') {
            buf[k++] = (char)(*c - 'a' + 'A');
        }
    }
    buf[k] = '\0';
    return k > 0 ? buf : NULL;
}

static ac_code
insert_parts(struct aci_store *s, const ac_person *p, ac_error *err)
{
    char d1[AC_DATE_TEXT_MAX], d2[AC_DATE_TEXT_MAX], key[ACI_IDENT_MAX + 16];
    ac_code rc = AC_OK;

    for (size_t i = 0; rc == AC_OK && i < p->n_names; i++) {
        const ac_person_name *n = &p->names[i];

        rc = aci_store_runf(s, sql_insert_name, err, "titttttt", p->id, (int64_t)i,
                            ac_name_kind_str(n->kind), n->given, n->middle, n->family, n->full,
                            n->key);
        if (rc == AC_OK) {
            rc = insert_tokens(s, p->id, n->key, err);
        }
    }
    for (size_t i = 0; rc == AC_OK && i < p->n_addresses; i++) {
        const ac_address *d = &p->addresses[i];

        rc = aci_store_runf(s, sql_insert_address, err, "titttttt", p->id, (int64_t)i, d->line,
                            d->town, d->postcode, compact(d->postcode, key, sizeof key),
                            date_text(&d->from, d1), date_text(&d->to, d2));
    }
    for (size_t i = 0; rc == AC_OK && i < p->n_identifiers; i++) {
        const ac_identifier *d = &p->identifiers[i];

        rc = aci_store_runf(s, sql_insert_ident, err, "titttt", p->id, (int64_t)i,
                            ac_identifier_kind_str(d->kind), d->value,
                            compact(d->value, key, sizeof key), d->issuer);
    }
    return rc;
}

ac_code
aci_store_person_insert(struct aci_store *s,
                        const ac_person *p,
                        const char *created_by,
                        ac_error *err)
{
    char dob[AC_DATE_TEXT_MAX], review[AC_DATE_TEXT_MAX];
    ac_code rc;

    rc =
        aci_store_runf(s, sql_insert_person, err, "tttttttti", p->id, p->agency_id, p->source_ref,
                       date_text(&p->dob, dob), ac_date_format(&p->review_date, review), created_by,
                       p->created_at, p->updated_at, (int64_t)(p->version > 0 ? p->version : 1));
    if (rc == AC_ECONFLICT) {
        return aci_fail(err, AC_ECONFLICT, "the agency already holds a person with this reference");
    }
    if (rc == AC_OK) {
        rc = insert_parts(s, p, err);
    }
    return rc;
}

ac_code
aci_store_person_update(struct aci_store *s, const ac_person *p, int64_t expected, ac_error *err)
{
    char dob[AC_DATE_TEXT_MAX], review[AC_DATE_TEXT_MAX];
    ac_code rc;

    rc = aci_store_runf(s, sql_update_person, err, "titttt", p->id, expected, p->source_ref,
                        date_text(&p->dob, dob), ac_date_format(&p->review_date, review),
                        p->updated_at);
    if (rc == AC_ECONFLICT) {
        return aci_fail(err, AC_ECONFLICT, "the agency already holds a person with this reference");
    }
    if (rc == AC_OK && aci_store_changes(s) != 1) {
        return aci_fail(err, AC_ECONFLICT,
                        "person '%s' changed since version %lld was read: read it again", p->id,
                        (long long)expected);
    }
    for (size_t i = 0; rc == AC_OK && i < sizeof sql_delete_parts / sizeof sql_delete_parts[0];
         i++) {
        rc = aci_store_runf(s, sql_delete_parts[i], err, "t", p->id);
    }
    return rc == AC_OK ? insert_parts(s, p, err) : rc;
}

static ac_date
date_col(struct aci_stmt *st, int col)
{
    const char *t = aci_stmt_col_text(st, col);
    ac_date d;

    if (t == NULL || ac_date_parse(t, &d, NULL) != AC_OK) {
        memset(&d, 0, sizeof d);
    }
    return d;
}

static ac_code
name_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_person_name *n = elem;
    bool oom = false;
    ac_code rc = ac_name_kind_parse(aci_stmt_col_text(st, 0), &n->kind, err);

    (void)ctx;
    n->given = aci_stmt_col_dup(st, 1, a, &oom);
    n->middle = aci_stmt_col_dup(st, 2, a, &oom);
    n->family = aci_stmt_col_dup(st, 3, a, &oom);
    n->full = aci_stmt_col_dup(st, 4, a, &oom);
    n->key = aci_stmt_col_dup(st, 5, a, &oom);
    return rc == AC_OK && oom ? aci_fail(err, AC_ENOMEM, "out of memory loading a person") : rc;
}

static ac_code
address_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_address *d = elem;
    bool oom = false;

    (void)ctx;
    d->line = aci_stmt_col_dup(st, 0, a, &oom);
    d->town = aci_stmt_col_dup(st, 1, a, &oom);
    d->postcode = aci_stmt_col_dup(st, 2, a, &oom);
    d->from = date_col(st, 3);
    d->to = date_col(st, 4);
    return oom ? aci_fail(err, AC_ENOMEM, "out of memory loading a person") : AC_OK;
}

static ac_code
ident_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_identifier *d = elem;
    bool oom = false;
    ac_code rc = ac_identifier_kind_parse(aci_stmt_col_text(st, 0), &d->kind, err);

    (void)ctx;
    d->value = aci_stmt_col_dup(st, 1, a, &oom);
    d->issuer = aci_stmt_col_dup(st, 2, a, &oom);
    return rc == AC_OK && oom ? aci_fail(err, AC_ENOMEM, "out of memory loading a person") : rc;
}

static ac_code
person_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_person *out = elem;
    bool oom = false;

    (void)ctx;
    out->id = aci_stmt_col_dup(st, 0, a, &oom);
    out->agency_id = aci_stmt_col_dup(st, 1, a, &oom);
    out->source_ref = aci_stmt_col_dup(st, 2, a, &oom);
    out->dob = date_col(st, 3);
    out->review_date = date_col(st, 4);
    out->created_at = aci_stmt_col_dup(st, 5, a, &oom);
    out->updated_at = aci_stmt_col_dup(st, 6, a, &oom);
    out->version = aci_stmt_col_int(st, 7);
    out->merged_into = aci_stmt_col_dup(st, 8, a, &oom);
    return oom ? aci_fail(err, AC_ENOMEM, "out of memory loading a person") : AC_OK;
}

ac_code
aci_store_person_load(struct aci_store *s,
                      const char *id,
                      ac_arena *a,
                      ac_person *out,
                      ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool has_row = false;
    ac_code rc = aci_stmt_get(s, sql_load_person, &st, err);

    memset(out, 0, sizeof *out);
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &has_row, err);
    }
    if (rc == AC_OK && !has_row) {
        rc = aci_fail(err, AC_ENOTFOUND, "person '%s' not found", id);
    }
    if (rc == AC_OK) {
        rc = person_row(st, a, out, NULL, err);
    }
    aci_stmt_done(st);
    if (rc == AC_OK) {
        rc = aci_store_collect_by_id(s, sql_load_names, id, a, sizeof *out->names, name_row,
                                     (void **)&out->names, &out->n_names, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_collect_by_id(s, sql_load_addresses, id, a, sizeof *out->addresses,
                                     address_row, (void **)&out->addresses, &out->n_addresses, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_collect_by_id(s, sql_load_idents, id, a, sizeof *out->identifiers, ident_row,
                                     (void **)&out->identifiers, &out->n_identifiers, err);
    }
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
    }
    return rc;
}

/* One part of some person (a name, address or identifier) with the person's id. */
struct part {
    const char *person_id;
    union {
        ac_person_name name;
        ac_address address;
        ac_identifier ident;
    } v;
};

struct part_ctx {
    aci_row_fn read; /* the part's own columns, from 0 */
    int id_col;      /* the person's id */
};

static ac_code
part_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    const struct part_ctx *c = ctx;
    struct part *p = elem;
    bool oom = false;
    ac_code rc = c->read(st, a, &p->v, NULL, err);

    p->person_id = aci_stmt_col_dup(st, c->id_col, a, &oom);
    return rc == AC_OK && oom ? aci_fail(err, AC_ENOMEM, "out of memory loading a person") : rc;
}

/* Run SQL (?1 the JSON array JSON) and collect its rows with READ into PARTS. */
static ac_code
collect_parts(struct aci_store *s,
              const char *sql,
              const char *json,
              aci_row_fn read,
              int id_col,
              ac_arena *a,
              struct part **parts,
              size_t *n,
              ac_error *err)
{
    struct aci_stmt *st = NULL;
    struct part_ctx ctx = { read, id_col };
    ac_code rc = aci_stmt_get(s, sql, &st, err);

    *parts = NULL;
    *n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", json);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **parts, part_row, &ctx, (void **)parts, n, err);
    }
    aci_stmt_done(st);
    return rc;
}

/* Give each of PS[0..NP) (in id order) its slice of PARTS[0..N) (in person id order) as an
 * array of SIZE-byte elements at byte offset ARR_OFF of the person, its count at CNT_OFF. */
static ac_code
spread(const struct part *parts,
       size_t n,
       ac_person *ps,
       size_t np,
       size_t size,
       size_t arr_off,
       size_t cnt_off,
       ac_arena *a,
       ac_error *err)
{
    size_t j = 0;

    for (size_t k = 0; k < np; k++) {
        size_t from;
        char *arr;

        while (j < n && strcmp(parts[j].person_id, ps[k].id) < 0) {
            j++;
        }
        from = j;
        while (j < n && strcmp(parts[j].person_id, ps[k].id) == 0) {
            j++;
        }
        if (j == from) {
            continue;
        }
        if ((arr = ac_arena_alloc(a, (j - from) * size)) == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory loading persons");
        }
        for (size_t i = from; i < j; i++) {
            memcpy(arr + (i - from) * size, &parts[i].v, size);
        }
        memcpy((char *)&ps[k] + arr_off, &arr, sizeof arr);
        *(size_t *)((char *)&ps[k] + cnt_off) = j - from;
    }
    return AC_OK;
}

static int
cmp_person_id(const void *key, const void *elem)
{
    return strcmp(key, ((const ac_person *)elem)->id);
}

ac_code
aci_store_person_load_many(struct aci_store *s,
                           const char *const *ids,
                           size_t n,
                           ac_arena *a,
                           ac_person *out,
                           ac_error *err)
{
    ac_arena *w = ac_arena_new(0); /* the rows before they are given out */
    const char *json = n > 0 && w != NULL ? aci_store_json_texts(ids, n, w) : NULL;
    struct aci_stmt *st = NULL;
    ac_person *ps = NULL;
    struct part *parts = NULL;
    size_t np = 0, n_parts = 0;
    ac_code rc = w == NULL || (n > 0 && json == NULL)
                     ? aci_fail(err, AC_ENOMEM, "out of memory loading persons")
                     : AC_OK;

    memset(out, 0, n * sizeof *out);
    if (rc == AC_OK && n > 0) {
        rc = aci_stmt_get(s, sql_many_persons, &st, err);
        if (rc == AC_OK) {
            rc = aci_stmt_bindf(st, err, "t", json);
        }
        if (rc == AC_OK) {
            rc = aci_stmt_collect(st, a, sizeof *ps, person_row, NULL, (void **)&ps, &np, err);
        }
        aci_stmt_done(st);
    }
    if (rc == AC_OK && np > 0) {
        rc = collect_parts(s, sql_many_names, json, name_row, 6, a, &parts, &n_parts, err);
        if (rc == AC_OK) {
            rc = spread(parts, n_parts, ps, np, sizeof parts->v.name, offsetof(ac_person, names),
                        offsetof(ac_person, n_names), a, err);
        }
    }
    if (rc == AC_OK && np > 0) {
        rc = collect_parts(s, sql_many_addresses, json, address_row, 5, a, &parts, &n_parts, err);
        if (rc == AC_OK) {
            rc = spread(parts, n_parts, ps, np, sizeof parts->v.address,
                        offsetof(ac_person, addresses), offsetof(ac_person, n_addresses), a, err);
        }
    }
    if (rc == AC_OK && np > 0) {
        rc = collect_parts(s, sql_many_idents, json, ident_row, 3, a, &parts, &n_parts, err);
        if (rc == AC_OK) {
            rc = spread(parts, n_parts, ps, np, sizeof parts->v.ident,
                        offsetof(ac_person, identifiers), offsetof(ac_person, n_identifiers), a,
                        err);
        }
    }
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        const ac_person *p = np > 0 ? bsearch(ids[i], ps, np, sizeof *ps, cmp_person_id) : NULL;

        if (p != NULL) {
            out[i] = *p;
        }
    }
    if (rc != AC_OK) {
        memset(out, 0, n * sizeof *out);
    }
    ac_arena_free(w);
    return rc;
}

/* The least string above every string that starts with PREFIX: PREFIX + U+10FFFF. */
static const char *
upper_bound(ac_arena *a, const char *prefix)
{
    return prefix != NULL ? ac_arena_printf(a, "%s\xf4\x8f\xbf\xbf", prefix) : NULL;
}

ac_code
aci_store_person_find_ids(struct aci_store *s,
                          const char *agency_id,
                          const char *prefix,
                          const char *postcode_key,
                          const char *after,
                          size_t limit,
                          ac_arena *a,
                          const char ***out,
                          size_t *out_n,
                          ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc =
        aci_stmt_get(s, prefix != NULL ? sql_find_ids : sql_find_ids_by_postcode, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "tttittt", agency_id, prefix, postcode_key, (int64_t)limit,
                            upper_bound(a, prefix), upper_bound(a, postcode_key),
                            after != NULL ? after : "");
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, aci_row_text, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

/* The next page of ids after AFTER, copied into A. */
static ac_code
next_page(struct aci_store *s,
          const char *agency_id,
          const char *after,
          ac_arena *a,
          const char ***out,
          size_t *out_n,
          ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_each_ids, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "tt", agency_id, after);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, aci_row_text, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_person_ids_after(struct aci_store *s,
                           const char *agency_id,
                           const char *after,
                           size_t limit,
                           ac_arena *a,
                           const char ***out,
                           size_t *out_n,
                           ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_ids_after, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "tti", agency_id, after != NULL ? after : "", (int64_t)limit);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, aci_row_text, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_person_each(struct aci_store *s,
                      const char *agency_id,
                      aci_person_fn fn,
                      void *ctx,
                      ac_error *err)
{
    char after[64] = "";
    ac_code rc = AC_OK;

    for (;;) {
        ac_arena *page = ac_arena_new(0);
        const char **ids = NULL;
        size_t n = 0;

        if (page == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory exporting");
        }
        rc = next_page(s, agency_id, after, page, &ids, &n, err);
        for (size_t i = 0; rc == AC_OK && i < n; i++) {
            ac_arena *one = ac_arena_new(0);
            ac_person p;

            rc = one ? aci_store_person_load(s, ids[i], one, &p, err)
                     : aci_fail(err, AC_ENOMEM, "out of memory exporting");
            if (rc == AC_OK) {
                rc = fn(ctx, &p, err);
            }
            ac_arena_free(one);
        }
        if (rc == AC_OK && n > 0) {
            snprintf(after, sizeof after, "%s", ids[n - 1]);
        }
        ac_arena_free(page);
        if (rc != AC_OK || n == 0) {
            return rc;
        }
    }
}
