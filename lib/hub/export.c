/* SPDX-License-Identifier: Apache-2.0
 *
 * export.c - export of the persons an actor may see, as CSV (the columns import reads)
 * or JSON Lines.  One operation frame and one audit entry for the whole export.
 */
#include "internal.h"

#include <csv.h>

#include "accord/exchange.h"
#include "hub/hub_int.h"
#include "store/store_person.h"

static const char *const csv_header[] = {
    "hub_id", "source_ref",      "given_name", "middle_name", "family_name", "full_name",
    "dob",    "address",         "town",       "postcode",    "passport",    "ni_number",
    "pnc_id", "driving_licence", "aliases",    "review_date"
};
enum {
    N_COLS = sizeof csv_header / sizeof csv_header[0]
};

struct exporter {
    ac_export_format format;
    ac_write_fn write;
    void *ctx;
    uint64_t n;
    ac_arena *scratch; /* reset per record */
};

static ac_code
emit(struct exporter *ex, const char *buf, size_t n, ac_error *err)
{
    if (ex->write(ex->ctx, buf, n) != 0) {
        return aci_fail(err, AC_EIO, "export output failed");
    }
    return AC_OK;
}

static ac_code
emit_csv_row(struct exporter *ex, const char *const *fields, size_t n, ac_error *err)
{
    ac_code rc = AC_OK;

    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        const char *f = fields[i] != NULL ? fields[i] : "";
        size_t len = strlen(f);
        char *q = ac_arena_alloc(ex->scratch, len * 2 + 3);

        if (q == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory exporting");
        }
        if (i > 0) {
            rc = emit(ex, ",", 1, err);
        }
        if (rc == AC_OK) {
            /* quote only when needed, so plain values stay readable */
            bool plain =
                strpbrk(f, ",\"\r\n") == NULL && (len == 0 || (f[0] != ' ' && f[len - 1] != ' '));

            rc =
                plain ? emit(ex, f, len, err) : emit(ex, q, csv_write(q, len * 2 + 3, f, len), err);
        }
    }
    return rc == AC_OK ? emit(ex, "\r\n", 2, err) : rc;
}

static const char *
first_ident(ac_arena *a, const ac_person *p, ac_identifier_kind kind)
{
    (void)a;
    for (size_t i = 0; i < p->n_identifiers; i++) {
        if (p->identifiers[i].kind == kind) {
            return p->identifiers[i].value;
        }
    }
    return NULL;
}

static const char *
aliases_of(ac_arena *a, const ac_person *p)
{
    const char *out = NULL;

    for (size_t i = 0; i < p->n_names; i++) {
        if (p->names[i].kind != AC_NAME_PRIMARY) {
            out =
                out == NULL ? p->names[i].full : ac_arena_printf(a, "%s;%s", out, p->names[i].full);
        }
    }
    return out;
}

static ac_code
person_csv(struct exporter *ex, const ac_person *p, ac_error *err)
{
    const ac_person_name *primary = &p->names[0];
    const ac_address *home = p->n_addresses > 0 ? &p->addresses[0] : NULL;
    char dob[AC_DATE_TEXT_MAX], review[AC_DATE_TEXT_MAX];
    const char *row[N_COLS];

    for (size_t i = 0; i < p->n_names; i++) {
        if (p->names[i].kind == AC_NAME_PRIMARY) {
            primary = &p->names[i];
        }
    }
    row[0] = p->id;
    row[1] = p->source_ref;
    row[2] = primary->given;
    row[3] = primary->middle;
    row[4] = primary->family;
    row[5] = primary->full;
    row[6] = ac_date_format(&p->dob, dob);
    row[7] = home ? home->line : NULL;
    row[8] = home ? home->town : NULL;
    row[9] = home ? home->postcode : NULL;
    row[10] = first_ident(ex->scratch, p, AC_IDENT_PASSPORT);
    row[11] = first_ident(ex->scratch, p, AC_IDENT_NI_NUMBER);
    row[12] = first_ident(ex->scratch, p, AC_IDENT_PNC_ID);
    row[13] = first_ident(ex->scratch, p, AC_IDENT_DRIVING_LICENCE);
    row[14] = aliases_of(ex->scratch, p);
    row[15] = ac_date_format(&p->review_date, review);
    return emit_csv_row(ex, row, N_COLS, err);
}

static ac_code
on_person(void *ctx, const ac_person *p, ac_error *err)
{
    struct exporter *ex = ctx;
    char *json = NULL;
    ac_code rc;

    ac_arena_reset(ex->scratch);
    if (ex->format == AC_EXPORT_CSV) {
        rc = person_csv(ex, p, err);
    } else {
        rc = ac_person_to_json(p, ex->scratch, &json, err);
        if (rc == AC_OK) {
            rc = emit(ex, json, strlen(json), err);
        }
        if (rc == AC_OK) {
            rc = emit(ex, "\n", 1, err);
        }
    }
    ex->n += rc == AC_OK;
    return rc;
}

static ac_code
export_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res.type = "person";
    op->res.agency_id = op->actor->agency_id;
    return AC_OK;
}

static ac_code
export_body(struct aci_op *op, void *args, ac_error *err)
{
    struct exporter *ex = args;
    const char *agency;
    ac_code rc = AC_OK;

    ex->scratch = ac_arena_new(0);
    if (ex->scratch == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory exporting");
    }
    if (rc == AC_OK && ex->format == AC_EXPORT_CSV) {
        rc = emit_csv_row(ex, csv_header, N_COLS, err);
    }
    agency = aci_policy_visible_agency(op->actor);
    if (rc == AC_OK && agency != NULL) {
        rc = aci_store_person_each(op->store, agency, on_person, ex, err);
    }
    op->detail =
        ac_arena_printf(op->scratch, "format=%s persons=%llu",
                        ex->format == AC_EXPORT_CSV ? "csv" : "jsonl", (unsigned long long)ex->n);
    return rc;
}

/* a read: the records go to the caller's writer, the store is not changed */
static const struct aci_op_desc export_op = {
    ACI_ACT_EXPORT, "person", ACI_PURPOSE_REQUIRED, ACI_OP_READ, export_find, export_body,
};

ac_code
ac_export_persons(ac_hub *hub,
                  const ac_actor *actor,
                  const char *purpose,
                  ac_export_format format,
                  ac_write_fn write,
                  void *ctx,
                  uint64_t *out_n,
                  ac_error *err)
{
    struct exporter ex = { format, write, ctx, 0, NULL };
    ac_code rc;

    if (out_n != NULL) {
        *out_n = 0;
    }
    if (format != AC_EXPORT_CSV && format != AC_EXPORT_JSONL) {
        return aci_fail(err, AC_EINVAL, "unknown export format");
    }
    rc = aci_op_run(&export_op, hub, actor, purpose, &ex, err);
    ac_arena_free(ex.scratch);
    if (out_n != NULL && rc == AC_OK) {
        *out_n = ex.n;
    }
    return rc;
}
