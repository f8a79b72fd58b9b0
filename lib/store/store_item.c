/* SPDX-License-Identifier: Apache-2.0
 *
 * store_item.c - SQL for items, cases, members, disclosures and gateways (store_item.h).
 */
#include "internal.h"

#include "accord/rfi.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_item.h"

#define ITEM_COLS                                                                       \
    "id, agency_id, author_id, case_id, body, classification, caveats, releasable_to,"  \
    " source_eval, intel_eval, handling, handling_conditions, review_date, created_at," \
    " updated_at, version"
static const char sql_item_insert[] = "INSERT INTO items (" ITEM_COLS ")"
                                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_item_load[] = "SELECT " ITEM_COLS " FROM items WHERE id = ?";
static const char sql_item_body[] = "UPDATE items SET body = ?, updated_at = ?,"
                                    " version = version + 1 WHERE id = ? AND version = ?";
static const char sql_item_candidates[] =
    "SELECT id FROM items WHERE agency_id = ?1"
    " UNION SELECT item_id FROM disclosures WHERE status = 'live' AND (recipient_agency_id = ?1"
    " OR recipient_case_id IN (SELECT case_id FROM case_members WHERE agency_id = ?1"
    " AND (user_id IS NULL OR user_id = ?2)))"
    " ORDER BY 1 DESC LIMIT ?3";
static const char sql_case_insert[] =
    "INSERT INTO cases (id, lead_agency_id, case_type, state, title, review_date, created_by,"
    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_case_load[] =
    "SELECT id, lead_agency_id, case_type, state, title FROM cases WHERE id = ?";
/* UNIQUE treats NULL user ids as distinct, so an agency-wide membership is checked here */
static const char sql_member_add[] =
    "INSERT INTO case_members (case_id, agency_id, user_id, role, added_at)"
    " SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM case_members"
    " WHERE case_id = ?1 AND agency_id = ?2 AND user_id IS NOT DISTINCT FROM ?3)";
static const char sql_members[] =
    "SELECT m.agency_id, m.user_id, m.role, m.added_at, g.name, u.display_name"
    " FROM case_members m JOIN agencies g ON g.id = m.agency_id"
    " LEFT JOIN users u ON u.id = m.user_id WHERE m.case_id = ? ORDER BY m.added_at, m.rowid";
static const char sql_has_member[] =
    "SELECT 1 FROM case_members WHERE case_id = ?1 AND agency_id = ?2"
    " AND (user_id IS NULL OR user_id = ?3) LIMIT 1";
#define DISC_COLS                                                                       \
    "id, item_id, recipient_agency_id, recipient_case_id, purpose, lawful_basis, body," \
    " classification, caveats, handling_conditions, expires_at, status, released_by,"   \
    " approved_by, revoked_by, created_at, iss_released"
static const char sql_disc_insert[] =
    "INSERT INTO disclosures (" DISC_COLS ", updated_at, released_body, released_source_eval,"
    " released_intel_eval, released_handling, released_handling_conditions,"
    " released_item_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " ?, ?, ?, ?)";
static const char sql_disc_released[] =
    "SELECT released_body, released_source_eval, released_intel_eval, released_handling,"
    " released_handling_conditions, released_item_version FROM disclosures WHERE id = ?";
static const char sql_disc_load[] = "SELECT " DISC_COLS " FROM disclosures WHERE id = ?";
static const char sql_disc_of[] =
    "SELECT " DISC_COLS " FROM disclosures WHERE item_id = ? ORDER BY created_at, id";
static const char sql_disc_pending[] =
    "SELECT " DISC_COLS " FROM disclosures WHERE status = 'pending_approval'"
    " AND item_id IN (SELECT id FROM items WHERE agency_id = ?) ORDER BY created_at, id";
static const char sql_disc_approve[] =
    "UPDATE disclosures SET status = ?, approved_by = ?, updated_at = ? WHERE id = ?";
static const char sql_disc_revoke[] =
    "UPDATE disclosures SET status = ?, revoked_by = ?, updated_at = ? WHERE id = ?";
static const char sql_gateway[] = "SELECT carries_iss FROM gateways WHERE code = ?";
static const char sql_gateway_list[] =
    "SELECT code, title, source, carries_iss FROM gateways ORDER BY code";

ac_code
aci_store_item_insert(struct aci_store *s, const ac_item *it, ac_error *err)
{
    char review[AC_DATE_TEXT_MAX], src[2] = { it->source_eval, 0 },
                                   intel[2] = { it->intel_eval, 0 };
    char handling[2] = { it->handling, 0 };
    ac_arena *a = ac_arena_new(0);
    ac_code rc;

    if (a == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_store_runf(s, sql_item_insert, err,
                        "tttttttttttttt"
                        "ti",
                        it->id, it->agency_id, it->author_id, it->case_id, it->body,
                        ac_classification_str(it->classification),
                        aci_caveats_format(a, it->caveats), it->releasable_to, src, intel, handling,
                        it->handling_conditions, ac_date_format(&it->review_date, review),
                        it->created_at, it->updated_at, (int64_t)1);
    ac_arena_free(a);
    return rc;
}

ac_code
aci_store_item_load(struct aci_store *s, const char *id, ac_arena *a, ac_item *out, ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false, oom = false;
    ac_code rc = aci_stmt_get(s, sql_item_load, &st, err);

    memset(out, 0, sizeof *out);
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &row, err);
    }
    if (rc == AC_OK && !row) {
        rc = aci_fail(err, AC_ENOTFOUND, "item '%s' not found", id);
    }
    if (rc == AC_OK) {
        const char *t;

        out->id = aci_stmt_col_dup(st, 0, a, &oom);
        out->agency_id = aci_stmt_col_dup(st, 1, a, &oom);
        out->author_id = aci_stmt_col_dup(st, 2, a, &oom);
        out->case_id = aci_stmt_col_dup(st, 3, a, &oom);
        out->body = aci_stmt_col_dup(st, 4, a, &oom);
        rc = ac_classification_parse(aci_stmt_col_text(st, 5), &out->classification, err);
        if (rc == AC_OK) {
            rc = ac_caveats_parse(aci_stmt_col_text(st, 6), &out->caveats, err);
        }
        out->releasable_to = aci_stmt_col_dup(st, 7, a, &oom);
        t = aci_stmt_col_text(st, 8);
        out->source_eval = t ? t[0] : '2';
        t = aci_stmt_col_text(st, 9);
        out->intel_eval = t ? t[0] : 'D';
        t = aci_stmt_col_text(st, 10);
        out->handling = t ? t[0] : 'P';
        out->handling_conditions = aci_stmt_col_dup(st, 11, a, &oom);
        if (ac_date_parse(aci_stmt_col_text(st, 12), &out->review_date, NULL) != AC_OK) {
            memset(&out->review_date, 0, sizeof out->review_date);
        }
        out->created_at = aci_stmt_col_dup(st, 13, a, &oom);
        out->updated_at = aci_stmt_col_dup(st, 14, a, &oom);
        out->version = aci_stmt_col_int(st, 15);
        if (rc == AC_OK && oom) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory loading an item");
        }
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_item_set_body(struct aci_store *s,
                        const char *id,
                        const char *body,
                        int64_t expected,
                        const char *now,
                        ac_error *err)
{
    ac_code rc = aci_store_runf(s, sql_item_body, err, "ttti", body, now, id, expected);

    if (rc == AC_OK && aci_store_changes(s) == 0) {
        rc = aci_fail(err, AC_ECONFLICT,
                      "item '%s' was changed by someone else (expected "
                      "version %lld): read it again",
                      id, (long long)expected);
    }
    return rc;
}

ac_code
aci_store_item_candidates(struct aci_store *s,
                          const char *agency_id,
                          const char *user_id,
                          size_t limit,
                          ac_arena *a,
                          const char ***out,
                          size_t *out_n,
                          ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_item_candidates, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "tti", agency_id, user_id, (int64_t)limit);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, aci_row_text, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_case_insert(struct aci_store *s,
                      const struct aci_case_row *c,
                      const char *review_date,
                      const char *created_by,
                      const char *now,
                      ac_error *err)
{
    return aci_store_runf(s, sql_case_insert, err, "ttttttttt", c->id, c->lead_agency_id,
                          ac_case_type_str(c->type), c->state, c->title, review_date, created_by,
                          now, now);
}

ac_code
aci_store_case_load(struct aci_store *s,
                    const char *id,
                    ac_arena *a,
                    struct aci_case_row *out,
                    ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false, oom = false;
    ac_code rc = aci_stmt_get(s, sql_case_load, &st, err);

    memset(out, 0, sizeof *out);
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &row, err);
    }
    if (rc == AC_OK && !row) {
        rc = aci_fail(err, AC_ENOTFOUND, "case '%s' not found", id);
    }
    if (rc == AC_OK) {
        out->id = aci_stmt_col_dup(st, 0, a, &oom);
        out->lead_agency_id = aci_stmt_col_dup(st, 1, a, &oom);
        rc = ac_case_type_parse(aci_stmt_col_text(st, 2), &out->type, err);
        out->state = aci_stmt_col_dup(st, 3, a, &oom);
        out->title = aci_stmt_col_dup(st, 4, a, &oom);
        if (rc == AC_OK && oom) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory loading a case");
        }
    }
    aci_stmt_done(st);
    return rc;
}

static ac_code
member_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_case_member *m = elem;
    bool oom = false;

    (void)ctx;
    m->agency_id = aci_stmt_col_dup(st, 0, a, &oom);
    m->user_id = aci_stmt_col_dup(st, 1, a, &oom);
    m->role = aci_stmt_col_dup(st, 2, a, &oom);
    m->added_at = aci_stmt_col_dup(st, 3, a, &oom);
    m->agency_name = aci_stmt_col_dup(st, 4, a, &oom);
    m->user_name = aci_stmt_col_dup(st, 5, a, &oom);
    return oom ? aci_fail(err, AC_ENOMEM, "out of memory reading case members") : AC_OK;
}

ac_code
aci_store_case_members(struct aci_store *s,
                       const char *case_id,
                       ac_arena *a,
                       ac_case_member **out,
                       size_t *out_n,
                       ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_members, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", case_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, member_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_case_member_add(struct aci_store *s,
                          const char *case_id,
                          const char *agency_id,
                          const char *user_id,
                          const char *role,
                          const char *now,
                          ac_error *err)
{
    ac_code rc =
        aci_store_runf(s, sql_member_add, err, "ttttt", case_id, agency_id, user_id, role, now);

    if (rc == AC_OK && aci_store_changes(s) == 0) {
        rc = aci_fail(err, AC_ECONFLICT, "already a member");
    }
    return rc;
}

ac_code
aci_store_case_has_member(struct aci_store *s,
                          const char *case_id,
                          const char *agency_id,
                          const char *user_id,
                          bool *out,
                          ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_has_member, &st, err);

    *out = false;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "ttt", case_id, agency_id, user_id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, out, err);
    }
    aci_stmt_done(st);
    if (rc != AC_OK) {
        *out = false;
    }
    return rc;
}

ac_code
aci_store_disclosure_insert(struct aci_store *s,
                            const ac_disclosure *d,
                            const struct aci_released *rel,
                            const char *now,
                            ac_error *err)
{
    char src[2] = { rel->source_eval, 0 }, intel[2] = { rel->intel_eval, 0 },
         handling[2] = { rel->handling, 0 };
    ac_arena *a = ac_arena_new(0);
    ac_code rc;

    if (a == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_store_runf(s, sql_disc_insert, err, "ttttttttttttttttitttttti", d->id, d->item_id,
                        d->recipient_agency_id, d->recipient_case_id, d->purpose, d->lawful_basis,
                        d->body, ac_classification_str(d->classification),
                        aci_caveats_format(a, d->caveats), d->handling_conditions, d->expires_at,
                        d->status, d->released_by, d->approved_by, d->revoked_by, now,
                        (int64_t)(d->release_iss ? 1 : 0), now, rel->body, src, intel, handling,
                        rel->handling_conditions, rel->item_version);
    ac_arena_free(a);
    return rc;
}

ac_code
aci_store_disclosure_released(struct aci_store *s,
                              const char *id,
                              ac_arena *a,
                              struct aci_released *out,
                              ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false, oom = false;
    ac_code rc = aci_stmt_get(s, sql_disc_released, &st, err);

    memset(out, 0, sizeof *out);
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &row, err);
    }
    if (rc == AC_OK && !row) {
        rc = aci_fail(err, AC_ENOTFOUND, "disclosure '%s' not found", id);
    }
    if (rc == AC_OK) {
        const char *src = aci_stmt_col_text(st, 1), *intel = aci_stmt_col_text(st, 2),
                   *handling = aci_stmt_col_text(st, 3);

        out->body = aci_stmt_col_dup(st, 0, a, &oom);
        out->source_eval = src != NULL ? src[0] : 0;
        out->intel_eval = intel != NULL ? intel[0] : 0;
        out->handling = handling != NULL ? handling[0] : 0;
        out->handling_conditions = aci_stmt_col_dup(st, 4, a, &oom);
        out->item_version = aci_stmt_col_int(st, 5);
        if (oom) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory");
        }
    }
    aci_stmt_done(st);
    return rc;
}

static ac_code
read_disclosure(struct aci_stmt *st, ac_arena *a, ac_disclosure *d, ac_error *err)
{
    bool oom = false;
    const char **text[] = {
        &d->id,           &d->item_id, &d->recipient_agency_id, &d->recipient_case_id, &d->purpose,
        &d->lawful_basis, &d->body
    };
    ac_code rc;

    memset(d, 0, sizeof *d);
    for (size_t i = 0; i < ACI_ARRAY_LEN(text); i++) {
        *text[i] = aci_stmt_col_dup(st, (int)i, a, &oom);
    }
    rc = ac_classification_parse(aci_stmt_col_text(st, 7), &d->classification, err);
    if (rc == AC_OK) {
        rc = ac_caveats_parse(aci_stmt_col_text(st, 8), &d->caveats, err);
    }
    d->handling_conditions = aci_stmt_col_dup(st, 9, a, &oom);
    d->expires_at = aci_stmt_col_dup(st, 10, a, &oom);
    d->status = aci_stmt_col_dup(st, 11, a, &oom);
    d->released_by = aci_stmt_col_dup(st, 12, a, &oom);
    d->approved_by = aci_stmt_col_dup(st, 13, a, &oom);
    d->revoked_by = aci_stmt_col_dup(st, 14, a, &oom);
    d->created_at = aci_stmt_col_dup(st, 15, a, &oom);
    d->release_iss = aci_stmt_col_int(st, 16) != 0;
    return rc == AC_OK && oom ? aci_fail(err, AC_ENOMEM, "out of memory") : rc;
}

ac_code
aci_store_disclosure_load(struct aci_store *s,
                          const char *id,
                          ac_arena *a,
                          ac_disclosure *out,
                          ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false;
    ac_code rc = aci_stmt_get(s, sql_disc_load, &st, err);

    memset(out, 0, sizeof *out);
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", id);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &row, err);
    }
    if (rc == AC_OK && !row) {
        rc = aci_fail(err, AC_ENOTFOUND, "disclosure '%s' not found", id);
    }
    if (rc == AC_OK) {
        rc = read_disclosure(st, a, out, err);
    }
    aci_stmt_done(st);
    return rc;
}

static ac_code
disclosure_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    (void)ctx;
    return read_disclosure(st, a, elem, err);
}

static ac_code
disclosures_by(struct aci_store *s,
               const char *sql,
               const char *key,
               ac_arena *a,
               ac_disclosure **out,
               size_t *out_n,
               ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", key);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, disclosure_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_disclosures_of(struct aci_store *s,
                         const char *item_id,
                         ac_arena *a,
                         ac_disclosure **out,
                         size_t *out_n,
                         ac_error *err)
{
    return disclosures_by(s, sql_disc_of, item_id, a, out, out_n, err);
}

ac_code
aci_store_disclosures_pending(struct aci_store *s,
                              const char *agency_id,
                              ac_arena *a,
                              ac_disclosure **out,
                              size_t *out_n,
                              ac_error *err)
{
    return disclosures_by(s, sql_disc_pending, agency_id, a, out, out_n, err);
}

ac_code
aci_store_disclosure_set(struct aci_store *s,
                         const char *id,
                         const char *status,
                         const char *by,
                         const char *now,
                         ac_error *err)
{
    return aci_store_runf(s, strcmp(status, "revoked") == 0 ? sql_disc_revoke : sql_disc_approve,
                          err, "tttt", status, by, now, id);
}

ac_code
aci_store_gateway_lookup(struct aci_store *s,
                         const char *code,
                         bool *known,
                         bool *carries_iss,
                         ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc;

    *known = false;
    *carries_iss = false;
    if (code == NULL) {
        return AC_OK;
    }
    rc = aci_stmt_get(s, sql_gateway, &st, err);
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "t", code);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, known, err);
    }
    if (rc == AC_OK && *known) {
        *carries_iss = aci_stmt_col_int(st, 0) != 0;
    }
    aci_stmt_done(st);
    return rc;
}

static ac_code
gateway_list_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    ac_lawful_basis *g = elem;
    bool oom = false;

    (void)ctx;
    g->code = aci_stmt_col_dup(st, 0, a, &oom);
    g->title = aci_stmt_col_dup(st, 1, a, &oom);
    g->source = aci_stmt_col_dup(st, 2, a, &oom);
    g->carries_iss = aci_stmt_col_int(st, 3) != 0;
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_gateway_list(struct aci_store *s,
                       ac_arena *a,
                       ac_lawful_basis **out,
                       size_t *out_n,
                       ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_gateway_list, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc =
            aci_stmt_collect(st, a, sizeof **out, gateway_list_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}
