/* SPDX-License-Identifier: Apache-2.0
 *
 * export.c - export of the persons an actor may see, as CSV (the columns import reads)
 * or JSON Lines.
 *
 * No record leaves before its audit entry.  The export runs in pages of PAGE persons, each
 * its own operation: the page is read and rendered into memory, its entry (naming every id
 * on the page) is committed, and only then is the page written out.  So an export cut short
 * (a reader that stops, `| head`, SIGPIPE, a kill) leaves entries naming at least every
 * record delivered.  A last entry says how many were delivered and whether the export
 * completed or the output failed.
 */
#include "internal.h"

#include <csv.h>

#include "accord/exchange.h"
#include "hub/hub_int.h"
#include "store/store_person.h"

#define PAGE 256 /* persons per page, and per audit entry */

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
    uint64_t n;       /* persons delivered (written out) */
    uint64_t n_pages; /* pages read */
    char after[64];   /* the last id of the last page read */
    bool last;        /* the last page read was the end */
    bool failed;      /* the output failed */
    char *buf;        /* the page rendered, not yet written */
    size_t len, cap;
    size_t n_page;     /* persons on it */
    ac_arena *scratch; /* reset per record */
};

/* Append N bytes to the page being rendered. */
static ac_code
emit(struct exporter *ex, const char *buf, size_t n, ac_error *err)
{
    if (ex->len + n > ex->cap) {
        size_t cap = ex->cap ? ex->cap : 64 * 1024;
        char *grown;

        while (cap < ex->len + n) {
            cap *= 2;
        }
        grown = aci_realloc(ex->buf, cap);
        if (grown == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory exporting");
        }
        ex->buf = grown;
        ex->cap = cap;
    }
    memcpy(ex->buf + ex->len, buf, n);
    ex->len += n;
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
render_person(struct exporter *ex, const ac_person *p, ac_error *err)
{
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
    return rc;
}

static const char *
format_str(const struct exporter *ex)
{
    return ex->format == AC_EXPORT_CSV ? "csv" : "jsonl";
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

/* Read the next page into ex->buf, naming every id on it in the entry. */
static ac_code
page_body(struct aci_op *op, void *args, ac_error *err)
{
    struct exporter *ex = args;
    const char *agency = aci_policy_visible_agency(op->actor);
    const char **ids = NULL;
    size_t n = 0;
    ac_code rc = AC_OK;

    ex->len = 0;
    ex->n_page = 0;
    if (ex->n_pages == 0 && ex->format == AC_EXPORT_CSV) {
        rc = emit_csv_row(ex, csv_header, N_COLS, err);
    }
    if (rc == AC_OK && agency != NULL) {
        rc = aci_store_person_ids_after(op->store, agency, ex->after, PAGE, op->scratch, &ids, &n,
                                        err);
    }
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        ac_arena *one = ac_arena_new(0);
        ac_person p;

        rc = one ? aci_store_person_load(op->store, ids[i], one, &p, err)
                 : aci_fail(err, AC_ENOMEM, "out of memory exporting");
        if (rc == AC_OK) {
            rc = render_person(ex, &p, err);
        }
        if (rc == AC_OK) {
            rc = aci_op_returned(op, ids[i], err);
        }
        ac_arena_free(one);
    }
    if (rc == AC_OK) {
        ex->n_page = n;
        ex->n_pages++;
        ex->last = n < PAGE;
        if (n > 0) {
            snprintf(ex->after, sizeof ex->after, "%s", ids[n - 1]);
        }
    }
    op->detail =
        ac_arena_printf(op->scratch, "format=%s page=%llu, to deliver after %llu", format_str(ex),
                        (unsigned long long)ex->n_pages, (unsigned long long)ex->n);
    return rc;
}

/* The last entry: how many were delivered, and how the export ended. */
static ac_code
done_body(struct aci_op *op, void *args, ac_error *err)
{
    struct exporter *ex = args;

    (void)err;
    op->detail =
        ac_arena_printf(op->scratch, "format=%s persons=%llu pages=%llu %s", format_str(ex),
                        (unsigned long long)ex->n, (unsigned long long)ex->n_pages,
                        ex->failed ? "stopped: the output failed" : "complete");
    return AC_OK;
}

/* Reads: the records go to the caller's writer, the store is not changed.  Each page's
 * entry is committed before the page is written (aci_op_run returns once it is durable). */
static const struct aci_op_desc page_op = {
    ACI_ACT_EXPORT, "person", ACI_PURPOSE_REQUIRED, ACI_OP_READ, export_find, page_body,
};
static const struct aci_op_desc done_op = {
    ACI_ACT_EXPORT, "person", ACI_PURPOSE_REQUIRED, ACI_OP_READ, export_find, done_body,
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
    struct exporter ex;
    ac_code rc = AC_OK, done;
    ac_error done_err;

    if (out_n != NULL) {
        *out_n = 0;
    }
    if (format != AC_EXPORT_CSV && format != AC_EXPORT_JSONL) {
        return aci_fail(err, AC_EINVAL, "unknown export format");
    }
    memset(&ex, 0, sizeof ex);
    ex.format = format;
    ex.write = write;
    ex.ctx = ctx;
    ex.scratch = ac_arena_new(0);
    if (ex.scratch == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory exporting");
    }
    while (rc == AC_OK && !ex.last) {
        rc = aci_op_run(&page_op, hub, actor, purpose, &ex, err);
        /* the page's entry is durable: now, and only now, the page may leave */
        if (rc == AC_OK && ex.len > 0 && ex.write(ex.ctx, ex.buf, ex.len) != 0) {
            ex.failed = true;
            rc = aci_fail(err, AC_EIO, "export output failed");
        }
        if (rc == AC_OK) {
            ex.n += ex.n_page;
        }
    }
    if (rc == AC_OK || ex.failed) {
        done = aci_op_run(&done_op, hub, actor, purpose, &ex, &done_err);
        if (rc == AC_OK && done != AC_OK) {
            rc = done;
            if (err != NULL) {
                *err = done_err;
            }
        }
    }
    aci_free(ex.buf);
    ac_arena_free(ex.scratch);
    if (out_n != NULL && rc == AC_OK) {
        *out_n = ex.n;
    }
    return rc;
}
