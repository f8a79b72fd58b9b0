/* SPDX-License-Identifier: Apache-2.0
 *
 * store_rfi.c - the SQL of discoverable holdings (store_rfi.h).
 */
#include "internal.h"

#include "store/store_rfi.h"

#include "accord/rfi.h"
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
/* The same person: the members of its subject (the hub's index, subject.c), and records a
 * person confirmed as the same by a same_person link, transitively. */
static const char sql_same_person[] =
    "WITH RECURSIVE same(id) AS (SELECT ?1 UNION"
    " SELECT m2.person_id FROM same, subject_members m1, subject_members m2"
    " WHERE m1.person_id = same.id AND m2.subject_id = m1.subject_id UNION"
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
    return aci_store_collect_by_id(s, sql_same_person, person_id, a, sizeof **out, holding_row,
                                   (void **)out, out_n, err);
}

/* ---- requests for information ---- */

#define RFI_COLS                                                                               \
    "SELECT id, from_agency_id, asked_by, to_agency_id, holding_ref, case_id, held_person_id," \
    " purpose, lawful_basis, question, urgency, due_at, status, answer, disclosure_id,"        \
    " answered_by, answered_at, escalated_at, created_at,"                                     \
    " (SELECT name FROM agencies WHERE id = from_agency_id),"                                  \
    " (SELECT name FROM agencies WHERE id = to_agency_id) FROM rfis"
static const char sql_rfi_insert[] =
    "INSERT INTO rfis (id, from_agency_id, asked_by, to_agency_id, holding_ref, case_id,"
    " held_person_id, purpose, lawful_basis, question, urgency, due_at, status, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)";
static const char sql_rfi_load[] = RFI_COLS " WHERE id = ?1";
static const char sql_rfi_list_in[] =
    RFI_COLS " WHERE to_agency_id = ?1 AND (?2 = 0 OR status = 'open')"
             " ORDER BY created_at DESC, id DESC";
static const char sql_rfi_list_out[] =
    RFI_COLS " WHERE from_agency_id = ?1 AND (?2 = 0 OR status = 'open')"
             " ORDER BY created_at DESC, id DESC";
static const char sql_rfi_close[] =
    "UPDATE rfis SET status = ?2, answer = ?3, disclosure_id = ?4, answered_by = ?5,"
    " answered_at = ?6 WHERE id = ?1 AND status = 'open'";
static const char sql_rfi_overdue[] =
    "SELECT id FROM rfis WHERE status = 'open' AND escalated_at IS NULL AND due_at < ?1"
    " ORDER BY due_at, id";
static const char sql_rfi_escalate[] = "UPDATE rfis SET escalated_at = ?2 WHERE id = ?1";

ac_code
aci_store_rfi_insert(struct aci_store *s, const ac_rfi *r, ac_error *err)
{
    return aci_store_runf(s, sql_rfi_insert, err, "ttttttttttttt", r->id, r->from_agency_id,
                          r->asked_by, r->to_agency_id, r->ref, r->case_id, r->held_person_id,
                          r->purpose, r->lawful_basis, r->question, ac_rfi_urgency_str(r->urgency),
                          r->due_at, r->created_at);
}

static ac_code
rfi_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_rfi *r = elem;
    const char **f[] = { &r->id,           &r->from_agency_id, &r->asked_by,       &r->to_agency_id,
                         &r->ref,          &r->case_id,        &r->held_person_id, &r->purpose,
                         &r->lawful_basis, &r->question };
    const char **g[] = { &r->answer,           &r->disclosure_id, &r->answered_by,
                         &r->answered_at,      &r->escalated_at,  &r->created_at,
                         &r->from_agency_name, &r->to_agency_name };
    const char *status = aci_stmt_col_text(st, 12);
    bool oom = false;

    (void)ctx;
    for (size_t i = 0; i < ACI_ARRAY_LEN(f); i++) {
        *f[i] = aci_stmt_col_dup(st, (int)i, a, &oom);
    }
    r->due_at = aci_stmt_col_dup(st, 11, a, &oom);
    for (size_t i = 0; i < ACI_ARRAY_LEN(g); i++) {
        *g[i] = aci_stmt_col_dup(st, 13 + (int)i, a, &oom);
    }
    if (ac_rfi_urgency_parse(aci_stmt_col_text(st, 10), &r->urgency, err) != AC_OK) {
        return AC_ESTORAGE;
    }
    r->status = AC_RFI_OPEN;
    for (int i = 0; i < AC_RFI_STATUS_COUNT; i++) {
        if (status != NULL && strcmp(status, ac_rfi_status_str((ac_rfi_status)i)) == 0) {
            r->status = (ac_rfi_status)i;
        }
    }
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_rfi_load(struct aci_store *s, const char *id, ac_arena *a, ac_rfi *out, ac_error *err)
{
    memset(out, 0, sizeof *out);
    return aci_store_load_one(s, sql_rfi_load, id, "request", a, rfi_row, out, err);
}

ac_code
aci_store_rfi_list(struct aci_store *s,
                   const char *agency_id,
                   bool incoming,
                   bool open_only,
                   ac_arena *a,
                   ac_rfi **out,
                   size_t *out_n,
                   ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, incoming ? sql_rfi_list_in : sql_rfi_list_out, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "ti", agency_id, (int64_t)open_only);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, rfi_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_rfi_close(struct aci_store *s,
                    const char *id,
                    const char *status,
                    const char *text,
                    const char *disclosure_id,
                    const char *by,
                    const char *at,
                    ac_error *err)
{
    ac_code rc =
        aci_store_runf(s, sql_rfi_close, err, "tttttt", id, status, text, disclosure_id, by, at);

    if (rc == AC_OK && aci_store_changes(s) == 0) {
        return aci_fail(err, AC_ECONFLICT, "request '%s' is already answered", id);
    }
    return rc;
}

ac_code
aci_store_rfi_overdue(struct aci_store *s,
                      const char *now,
                      ac_arena *a,
                      const char ***out,
                      size_t *out_n,
                      ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_rfi_overdue, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", now);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, aci_row_text, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_rfi_escalate(struct aci_store *s, const char *id, const char *at, ac_error *err)
{
    return aci_store_runf(s, sql_rfi_escalate, err, "tt", id, at);
}

/* ---- person disclosures ---- */

#define PD_COLS                                                                               \
    "SELECT id, person_id, holder_agency_id, recipient_agency_id, recipient_case_id, rfi_id," \
    " purpose, lawful_basis, released_json, handling_conditions, expires_at, status,"         \
    " released_by, approved_by, created_at, fields, classification,"                          \
    " (SELECT name FROM agencies WHERE id = holder_agency_id), iss_released"                  \
    " FROM person_disclosures"
static const char sql_pd_insert[] =
    "INSERT INTO person_disclosures (id, person_id, holder_agency_id, recipient_agency_id,"
    " recipient_case_id, rfi_id, purpose, lawful_basis, fields, released_json, classification,"
    " handling_conditions, expires_at, status, released_by, created_at, updated_at,"
    " iss_released) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?16, ?17)";
static const char sql_pd_load[] = PD_COLS " WHERE id = ?1";
static const char sql_pd_candidates[] =
    PD_COLS " WHERE holder_agency_id = ?1 OR recipient_agency_id = ?1 OR recipient_case_id IS NOT"
            " NULL ORDER BY created_at DESC, id DESC";
static const char sql_pd_approve[] =
    "UPDATE person_disclosures SET status = ?2, approved_by = ?3, updated_at = ?4 WHERE id = ?1";
static const char sql_pd_revoke[] =
    "UPDATE person_disclosures SET status = ?2, revoked_by = ?3, updated_at = ?4 WHERE id = ?1";

ac_code
aci_store_pd_insert(struct aci_store *s, const ac_person_disclosure *d, ac_error *err)
{
    char fields[80] = "";

    for (unsigned b = 0, n = 0; b < 5; b++) {
        static const char *const names[] = { "names", "dob", "addresses", "identifiers",
                                             "summary" };

        if (d->fields & (1u << b)) {
            n += (unsigned)snprintf(fields + n, sizeof fields - n, "%s%s", n ? "," : "", names[b]);
        }
    }
    return aci_store_runf(
        s, sql_pd_insert, err, "tttttttttttttttti", d->id, d->person_id, d->holder_agency_id,
        d->recipient_agency_id, d->recipient_case_id, d->rfi_id, d->purpose, d->lawful_basis,
        fields, d->released, ac_classification_str(d->classification), d->handling_conditions,
        d->expires_at, d->status, d->released_by, d->created_at, (int64_t)d->release_iss);
}

static ac_code
pd_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_person_disclosure *d = elem;
    const char **f[] = { &d->id,
                         &d->person_id,
                         &d->holder_agency_id,
                         &d->recipient_agency_id,
                         &d->recipient_case_id,
                         &d->rfi_id,
                         &d->purpose,
                         &d->lawful_basis,
                         &d->released,
                         &d->handling_conditions,
                         &d->expires_at,
                         &d->status,
                         &d->released_by,
                         &d->approved_by,
                         &d->created_at };
    bool oom = false;

    (void)ctx;
    for (size_t i = 0; i < ACI_ARRAY_LEN(f); i++) {
        *f[i] = aci_stmt_col_dup(st, (int)i, a, &oom);
    }
    d->holder_agency_name = aci_stmt_col_dup(st, 17, a, &oom);
    d->release_iss = aci_stmt_col_int(st, 18) != 0;
    if (ac_pd_fields_parse(aci_stmt_col_text(st, 15), &d->fields, err) != AC_OK ||
        ac_classification_parse(aci_stmt_col_text(st, 16), &d->classification, err) != AC_OK) {
        return AC_ESTORAGE;
    }
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_pd_load(struct aci_store *s,
                  const char *id,
                  ac_arena *a,
                  ac_person_disclosure *out,
                  ac_error *err)
{
    memset(out, 0, sizeof *out);
    return aci_store_load_one(s, sql_pd_load, id, "person disclosure", a, pd_row, out, err);
}

ac_code
aci_store_pd_candidates(struct aci_store *s,
                        const char *agency_id,
                        ac_arena *a,
                        ac_person_disclosure **out,
                        size_t *out_n,
                        ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_pd_candidates, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", agency_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, pd_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_pd_set_status(struct aci_store *s,
                        const char *id,
                        const char *status,
                        const char *user,
                        const char *at,
                        ac_error *err)
{
    return aci_store_runf(s, strcmp(status, "revoked") == 0 ? sql_pd_revoke : sql_pd_approve, err,
                          "tttt", id, status, user, at);
}
