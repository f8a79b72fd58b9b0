/* SPDX-License-Identifier: Apache-2.0
 *
 * store_rfi.c - the SQL of discoverable holdings (store_rfi.h).
 */
#include "internal.h"

#include "store/store_rfi.h"

#include "store/store.h"

static const char sql_discover_set[] =
    "INSERT INTO discoverability (agency_id, recipient_kind, discoverable, set_by, set_at)"
    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (agency_id, recipient_kind) DO UPDATE SET"
    " discoverable = excluded.discoverable, set_by = excluded.set_by, set_at = excluded.set_at";
static const char sql_discover_get[] =
    "SELECT recipient_kind, discoverable FROM discoverability WHERE agency_id = ?";
#define HOLDING_COLS                                                               \
    "SELECT p.id, p.agency_id, g.name, g.kind, r.ref, p.updated_at FROM persons p" \
    " JOIN agencies g ON g.id = p.agency_id JOIN holding_refs r ON r.person_id = p.id"
static const char sql_holding_of[] = HOLDING_COLS " WHERE p.id = ?1";
static const char sql_holding_by_ref[] = HOLDING_COLS " WHERE r.ref = ?1";
/* the confirmed same_person links, both ways, closed transitively (UNION stops cycles) */
static const char sql_same_person[] =
    "WITH RECURSIVE same(id) AS (SELECT ?1 UNION"
    " SELECT CASE WHEN l.from_id = same.id THEN l.to_id ELSE l.from_id END FROM links l, same"
    " WHERE l.link_type = 'same_person' AND l.status = 'confirmed' AND l.from_type = 'person'"
    " AND l.to_type = 'person' AND (l.from_id = same.id OR l.to_id = same.id))" HOLDING_COLS
    " WHERE p.id IN (SELECT id FROM same) AND p.id <> ?1 ORDER BY g.name, r.ref";

ac_code
aci_store_discover_set(struct aci_store *s,
                       const char *agency_id,
                       ac_agency_kind kind,
                       bool discoverable,
                       const char *by,
                       const char *at,
                       ac_error *err)
{
    return aci_store_runf(s, sql_discover_set, err, "ttitt", agency_id, ac_agency_kind_str(kind),
                          (int64_t)discoverable, by, at);
}

ac_code
aci_store_discover_get(struct aci_store *s,
                       const char *agency_id,
                       int out[AC_AGENCY_KIND_COUNT],
                       ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false;
    ac_agency_kind k;
    ac_code rc = aci_stmt_get(s, sql_discover_get, &st, err);

    for (int i = 0; i < AC_AGENCY_KIND_COUNT; i++) {
        out[i] = -1;
    }
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", agency_id);
    }
    while (rc == AC_OK && (rc = aci_stmt_step(st, &row, err)) == AC_OK && row) {
        if (ac_agency_kind_parse(aci_stmt_col_text(st, 0), &k, NULL) == AC_OK) {
            out[k] = aci_stmt_col_int(st, 1) != 0;
        }
    }
    aci_stmt_done(st);
    return rc;
}

static ac_code
holding_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    struct aci_holding *h = elem;
    bool oom = false;

    (void)ctx;
    h->person_id = aci_stmt_col_dup(st, 0, a, &oom);
    h->agency_id = aci_stmt_col_dup(st, 1, a, &oom);
    h->agency_name = aci_stmt_col_dup(st, 2, a, &oom);
    h->ref = aci_stmt_col_dup(st, 4, a, &oom);
    h->updated_at = aci_stmt_col_dup(st, 5, a, &oom);
    if (ac_agency_kind_parse(aci_stmt_col_text(st, 3), &h->agency_kind, err) != AC_OK) {
        return AC_ESTORAGE;
    }
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_holding_of(struct aci_store *s,
                     const char *person_id,
                     ac_arena *a,
                     struct aci_holding *out,
                     ac_error *err)
{
    memset(out, 0, sizeof *out);
    return aci_store_load_one(s, sql_holding_of, person_id, "person", a, holding_row, out, err);
}

ac_code
aci_store_holding_by_ref(struct aci_store *s,
                         const char *ref,
                         ac_arena *a,
                         struct aci_holding *out,
                         ac_error *err)
{
    memset(out, 0, sizeof *out);
    return aci_store_load_one(s, sql_holding_by_ref, ref, "reference", a, holding_row, out, err);
}

ac_code
aci_store_same_person(struct aci_store *s,
                      const char *person_id,
                      ac_arena *a,
                      struct aci_holding **out,
                      size_t *out_n,
                      ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_same_person, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", person_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, holding_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}
