/* SPDX-License-Identifier: Apache-2.0
 *
 * import.c - bulk import of persons from CSV (include/accord/exchange.h).
 *
 * One operation frame covers the whole file: one policy decision, one transaction, one
 * audit entry.  Every row is read and checked; a bad row is reported with its line,
 * column and reason.  All-or-nothing: any bad row rolls everything back.  With a
 * quarantine file: good rows are committed and bad rows written there with _line and
 * _error columns.
 */
#include "internal.h"

#include <ctype.h>

#include "accord/exchange.h"
#include "accord/text.h"
#include "core/csv_int.h"
#include "hub/hub_int.h"
#include "hub/hub_person.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_party.h"

#define DEFAULT_MAX_FIELD (64u * 1024u)
#define PROGRESS_EVERY    4096u

enum col {
    COL_REF,
    COL_GIVEN,
    COL_MIDDLE,
    COL_FAMILY,
    COL_FULL,
    COL_DOB,
    COL_NUMBER,
    COL_LINE,
    COL_LINE2,
    COL_TOWN,
    COL_POSTCODE,
    COL_PASSPORT,
    COL_NINO,
    COL_PNC,
    COL_DL,
    COL_ALIASES,
    COL_REVIEW,
    COL_COUNT
};

/* Header names each column answers to, after normalisation (lower case, '_'). */
static const char *const col_names[COL_COUNT][10] = {
    [COL_REF] = { "id", "ref", "reference", "source_ref", "record_id", "rec_id", "person_id",
                  "unique_id", "uid" },
    [COL_GIVEN] = { "given_name", "given_names", "first_name", "firstname", "forename", "forenames",
                    "fname", "given" },
    [COL_MIDDLE] = { "middle_name", "middle_names", "middle" },
    [COL_FAMILY] = { "family_name", "surname", "last_name", "lastname", "lname", "family" },
    [COL_FULL] = { "full_name", "name", "fullname" },
    [COL_DOB] = { "dob", "date_of_birth", "birth_date", "birthdate", "born" },
    [COL_NUMBER] = { "street_number", "house_number", "house_no" },
    [COL_LINE] = { "address", "address_1", "address1", "address_line_1", "street", "street_address",
                   "line", "line_1" },
    [COL_LINE2] = { "address_2", "address2", "address_line_2", "line_2", "locality" },
    [COL_TOWN] = { "town", "city", "suburb", "post_town" },
    [COL_POSTCODE] = { "postcode", "post_code", "postal_code", "zip", "zipcode" },
    [COL_PASSPORT] = { "passport", "passport_number", "passport_no" },
    [COL_NINO] = { "ni_number", "nino", "national_insurance_number", "ni" },
    [COL_PNC] = { "pnc_id", "pnc", "pnc_number" },
    [COL_DL] = { "driving_licence", "driving_license", "driving_licence_number", "dl_number" },
    [COL_ALIASES] = { "aliases", "alias", "aka" },
    [COL_REVIEW] = { "review_date" },
};

struct importer {
    ac_hub *hub;
    const ac_actor *actor;
    const ac_import_options *opt;
    struct aci_csv *csv;
    FILE *quarantine;   /* owned; NULL without quarantine */
    int col[COL_COUNT]; /* CSV column of each field, -1 when absent */
    char **header;      /* header names as written (heap, owned) */
    size_t n_header;
    ac_date today;
    ac_arena *row_arena; /* scratch for one row */
    ac_import_result *res;
};

static void
normalise_header(const char *in, char *out, size_t cap)
{
    size_t n = 0;

    for (; *in != '\0' && n + 1 < cap; in++) {
        unsigned char c = (unsigned char)*in;

        if (isalnum(c)) {
            out[n++] = (char)tolower(c);
        } else if (n > 0 && out[n - 1] != '_') {
            out[n++] = '_';
        }
    }
    while (n > 0 && out[n - 1] == '_') {
        n--;
    }
    out[n] = '\0';
}

static int
column_of(const char *name)
{
    for (int c = 0; c < COL_COUNT; c++) {
        for (int k = 0; k < 10 && col_names[c][k] != NULL; k++) {
            if (strcmp(col_names[c][k], name) == 0) {
                return c;
            }
        }
    }
    return -1;
}

/* Columns import writes itself and reads back as nothing: the export's hub_id (a record
 * is imported as new) and a quarantine file's _line and _error, so a fixed quarantine
 * imports as it is (and "_line" is not taken for the address column "line"). */
static bool
carries_nothing(const char *header)
{
    return strcmp(header, "hub_id") == 0 || strcmp(header, "_line") == 0 ||
           strcmp(header, "_error") == 0;
}

static ac_code
read_header(struct importer *im, ac_error *err)
{
    struct aci_csv_row row;
    bool has_row = false;
    ac_code rc = aci_csv_next(im->csv, &row, &has_row, err);

    if (rc != AC_OK) {
        return rc;
    }
    if (!has_row) {
        return aci_fail(err, AC_EINVAL,
                        "the file is empty: expected a header row such as "
                        "'id,given_name,family_name,dob,postcode'");
    }
    im->header = aci_calloc(row.n_fields, sizeof *im->header);
    if (im->header == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory reading the header");
    }
    im->n_header = row.n_fields;
    for (int c = 0; c < COL_COUNT; c++) {
        im->col[c] = -1;
    }
    for (size_t i = 0; i < row.n_fields; i++) {
        char norm[64];
        int c;

        if (!ac_utf8_valid(row.fields[i], row.lens[i], NULL)) {
            return aci_fail(err, AC_EINVAL,
                            "line %llu: the header is not valid UTF-8: save the "
                            "file as UTF-8",
                            (unsigned long long)row.line);
        }
        im->header[i] = aci_strdup(row.fields[i]);
        if (im->header[i] == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory reading the header");
        }
        if (carries_nothing(row.fields[i])) {
            continue;
        }
        normalise_header(row.fields[i], norm, sizeof norm);
        c = column_of(norm);
        if (c >= 0 && im->col[c] >= 0) {
            return aci_fail(err, AC_EINVAL, "line %llu: columns '%s' and '%s' both give %s",
                            (unsigned long long)row.line, im->header[im->col[c]], im->header[i],
                            col_names[c][0]);
        }
        if (c >= 0) {
            im->col[c] = (int)i;
        } else if (im->opt->refuse_unknown_columns) {
            return aci_fail(err, AC_EINVAL,
                            "line %llu: column '%s' is not one import reads: rename it to one "
                            "of the names in docs/data-formats.md (such as given_name, "
                            "family_name, dob, postcode, ni_number) or remove it",
                            (unsigned long long)row.line, im->header[i]);
        }
    }
    if (im->col[COL_GIVEN] < 0 && im->col[COL_FAMILY] < 0 && im->col[COL_FULL] < 0) {
        return aci_fail(err, AC_EINVAL,
                        "line 1: missing required column: a name column "
                        "('family_name' or 'surname', 'given_name' or "
                        "'first_name', or 'full_name')");
    }
    return AC_OK;
}

/* The value of field C in ROW, or NULL when the column is absent or the field empty. */
static const char *
field(const struct importer *im, const struct aci_csv_row *row, enum col c)
{
    int i = im->col[c];

    return i >= 0 && (size_t)i < row->n_fields && row->fields[i][0] != '\0' ? row->fields[i] : NULL;
}

static const char *
col_label(const struct importer *im, enum col c)
{
    return im->col[c] >= 0 ? im->header[im->col[c]] : col_names[c][0];
}

/* Record a rejected row: callback, quarantine, count. */
static ac_code
reject(struct importer *im,
       const struct aci_csv_row *row,
       const char *field_name,
       const char *reason,
       ac_error *err)
{
    ac_import_problem p = { row->line, field_name, reason };

    im->res->rejected++;
    if (im->opt->on_problem != NULL) {
        im->opt->on_problem(im->opt->ctx, &p);
    }
    if (im->quarantine == NULL) {
        return AC_OK;
    }
    {
        /* the header's columns, then _line and _error under their headers, then any
         * fields beyond the header's width, so nothing of the row is lost */
        size_t width = row->n_fields > im->n_header ? row->n_fields : im->n_header;
        const char **out = ac_arena_zalloc(im->row_arena, (width + 2) * sizeof *out);

        if (out == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory writing the quarantine file");
        }
        for (size_t i = 0; i < row->n_fields; i++) {
            out[i < im->n_header ? i : i + 2] = row->fields[i];
        }
        out[im->n_header] = ac_arena_printf(im->row_arena, "%llu", (unsigned long long)row->line);
        out[im->n_header + 1] = field_name != NULL
                                    ? ac_arena_printf(im->row_arena, "%s: %s", field_name, reason)
                                    : reason;
        return aci_csv_write_row(im->quarantine, out, width + 2, err);
    }
}

static ac_code
write_quarantine_header(struct importer *im, ac_error *err)
{
    const char **out = aci_calloc(im->n_header + 2, sizeof *out);
    ac_code rc;

    if (out == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < im->n_header; i++) {
        out[i] = im->header[i];
    }
    out[im->n_header] = "_line";
    out[im->n_header + 1] = "_error";
    rc = aci_csv_write_row(im->quarantine, out, im->n_header + 2, err);
    aci_free(out);
    return rc;
}

/* Which CSV column a model field path ("names[0].family") came from. */
static const char *
column_for_path(const struct importer *im, const char *msg, const enum col *ident_cols)
{
    static const struct {
        const char *prefix;
        enum col col;
    } map[] = {
        { "names[0].given", COL_GIVEN },
        { "names[0].middle", COL_MIDDLE },
        { "names[0].family", COL_FAMILY },
        { "names[0].full", COL_FULL },
        { "names[0]", COL_FAMILY },
        { "names[", COL_ALIASES },
        { "addresses[0].line", COL_LINE },
        { "addresses[0].town", COL_TOWN },
        { "addresses[0].postcode", COL_POSTCODE },
        { "addresses[", COL_LINE },
        { "dob", COL_DOB },
        { "source_ref", COL_REF },
    };
    unsigned k;

    if (sscanf(msg, "identifiers[%u]", &k) == 1 && k < 4) {
        return col_label(im, ident_cols[k]);
    }
    for (size_t i = 0; i < ACI_ARRAY_LEN(map); i++) {
        if (strncmp(msg, map[i].prefix, strlen(map[i].prefix)) == 0) {
            return col_label(im, map[i].col);
        }
    }
    return NULL;
}

/* The text after "path: " in a model message, for a reason without the path. */
static const char *
reason_of(const char *msg)
{
    const char *colon = strstr(msg, ": ");

    return colon != NULL && strchr(msg, ' ') > colon ? colon + 2 : msg;
}

static ac_code
check_utf8(struct importer *im, const struct aci_csv_row *row, bool *bad, ac_error *err)
{
    for (size_t i = 0; i < row->n_fields; i++) {
        size_t at = 0;

        if (!ac_utf8_valid(row->fields[i], row->lens[i], &at) ||
            memchr(row->fields[i], '\0', row->lens[i]) != NULL) {
            const char *name = i < im->n_header ? im->header[i] : "(extra field)";
            char *why = ac_arena_printf(im->row_arena,
                                        "not valid UTF-8 at byte %zu of the field (is the file "
                                        "Windows-1252 or Latin-1? convert it with iconv -t UTF-8)",
                                        at + 1);

            *bad = true;
            return reject(im, row, name, why ? why : "not valid UTF-8", err);
        }
    }
    return AC_OK;
}

/* Build the person of ROW into *P.  On a data problem, *WHY and *WHICH say what. */
static bool
row_to_person(struct importer *im,
              const struct aci_csv_row *row,
              ac_person *p,
              enum col *ident_cols,
              const char **which,
              const char **why)
{
    static const enum col ident_order[4] = { COL_PASSPORT, COL_NINO, COL_PNC, COL_DL };
    static const ac_identifier_kind ident_kind[4] = { AC_IDENT_PASSPORT, AC_IDENT_NI_NUMBER,
                                                      AC_IDENT_PNC_ID, AC_IDENT_DRIVING_LICENCE };
    ac_arena *a = im->row_arena;
    const char *aliases = field(im, row, COL_ALIASES), *dob = field(im, row, COL_DOB);
    const char *review = field(im, row, COL_REVIEW);
    size_t n_alias = 0;
    ac_error derr;

    memset(p, 0, sizeof *p);
    p->source_ref = field(im, row, COL_REF);
    for (const char *s = aliases; s != NULL && *s; s += strcspn(s, ";"), s += *s == ';') {
        n_alias++;
    }
    p->names = ac_arena_zalloc(a, (1 + n_alias) * sizeof *p->names);
    p->identifiers = ac_arena_zalloc(a, 4 * sizeof *p->identifiers);
    p->addresses = ac_arena_zalloc(a, sizeof *p->addresses);
    if (p->names == NULL || p->identifiers == NULL || p->addresses == NULL) {
        *why = "out of memory";
        return false;
    }
    p->names[0].kind = AC_NAME_PRIMARY;
    p->names[0].given = field(im, row, COL_GIVEN);
    p->names[0].middle = field(im, row, COL_MIDDLE);
    p->names[0].family = field(im, row, COL_FAMILY);
    p->names[0].full = field(im, row, COL_FULL);
    p->n_names = 1;
    for (const char *s = aliases; s != NULL && *s;) {
        size_t n = strcspn(s, ";");

        p->names[p->n_names].kind = AC_NAME_ALIAS;
        p->names[p->n_names].full = ac_arena_strndup(a, s, n);
        p->n_names += n > 0;
        s += n;
        s += *s == ';';
    }
    if (dob != NULL && ac_date_parse(dob, &p->dob, &derr) != AC_OK) {
        *which = col_label(im, COL_DOB);
        *why = ac_arena_strdup(a, derr.msg);
        return false;
    }
    if (review != NULL && ac_date_parse(review, &p->review_date, &derr) != AC_OK) {
        *which = col_label(im, COL_REVIEW);
        *why = ac_arena_strdup(a, derr.msg);
        return false;
    }
    {
        const char *num = field(im, row, COL_NUMBER), *line = field(im, row, COL_LINE);
        const char *line2 = field(im, row, COL_LINE2);
        ac_address *d = &p->addresses[0];

        d->line = line == NULL    ? line2
                  : line2 == NULL ? line
                                  : ac_arena_printf(a, "%s, %s", line, line2);
        if (num != NULL && d->line != NULL) {
            d->line = ac_arena_printf(a, "%s %s", num, d->line);
        }
        d->town = field(im, row, COL_TOWN);
        d->postcode = field(im, row, COL_POSTCODE);
        p->n_addresses = d->line != NULL || d->town != NULL || d->postcode != NULL;
    }
    for (int k = 0; k < 4; k++) {
        const char *v = field(im, row, ident_order[k]);

        if (v != NULL) {
            ident_cols[p->n_identifiers] = ident_order[k];
            p->identifiers[p->n_identifiers].kind = ident_kind[k];
            p->identifiers[p->n_identifiers++].value = v;
        }
    }
    return true;
}

static ac_code
import_row(struct importer *im, const struct aci_csv_row *row, ac_error *err)
{
    enum col ident_cols[4] = { COL_PASSPORT, COL_NINO, COL_PNC, COL_DL };
    const char *which = NULL, *why = NULL, *id = NULL;
    bool bad = false;
    ac_person p;
    ac_error rerr;
    ac_code rc;

    im->res->rows++;
    if (row->n_fields != im->n_header) {
        return reject(im, row, NULL,
                      ac_arena_printf(im->row_arena, "has %zu fields but the header has %zu",
                                      row->n_fields, im->n_header),
                      err);
    }
    rc = check_utf8(im, row, &bad, err);
    if (rc != AC_OK || bad) {
        return rc;
    }
    if (!row_to_person(im, row, &p, ident_cols, &which, &why)) {
        return reject(im, row, which, why, err);
    }
    /* rows are written even after a bad one: that is how duplicates of later rows are
     * found; without quarantine the transaction is rolled back at the end anyway */
    rc = aci_hub_person_write(im->hub, im->actor, &p, &im->today, im->row_arena, &id, &rerr);
    if (rc == AC_OK) {
        im->res->imported++;
        return AC_OK;
    }
    if (rc == AC_ECONFLICT) {
        return reject(im, row, col_label(im, COL_REF),
                      "duplicate id: an earlier row or an existing record of this agency has "
                      "the same reference",
                      err);
    }
    if (rc == AC_EINVAL) {
        which = column_for_path(im, rerr.msg, ident_cols);
        return reject(im, row, which, ac_arena_strdup(im->row_arena, reason_of(rerr.msg)), err);
    }
    if (err != NULL) {
        *err = rerr;
    }
    return rc;
}

static ac_code
import_rows(struct importer *im, ac_error *err)
{
    struct aci_csv_row row;
    bool has_row = true;
    ac_code rc = AC_OK;

    while (rc == AC_OK) {
        ac_error rerr;

        ac_arena_reset(im->row_arena);
        rc = aci_csv_next(im->csv, &row, &has_row, &rerr);
        if (rc == AC_EINVAL && has_row) {
            /* the reader's message starts "line N: "; the problem carries the line itself */
            const char *why = strncmp(rerr.msg, "line ", 5) == 0 && strstr(rerr.msg, ": ")
                                  ? strstr(rerr.msg, ": ") + 2
                                  : rerr.msg;

            im->res->rows++;
            rc = reject(im, &row, NULL, ac_arena_strdup(im->row_arena, why), err);
            continue;
        }
        if (rc != AC_OK) {
            if (err != NULL) {
                *err = rerr;
            }
            break;
        }
        if (!has_row) {
            break;
        }
        rc = import_row(im, &row, err);
        if (rc == AC_OK && im->opt->on_progress != NULL && im->res->rows % PROGRESS_EVERY == 0) {
            im->opt->on_progress(im->opt->ctx, aci_csv_bytes_read(im->csv),
                                 aci_csv_file_size(im->csv));
        }
    }
    return rc;
}

static ac_code
import_body(struct importer *im, struct aci_op *op, ac_arena *a, ac_error *err)
{
    const ac_import_options *opt = im->opt;
    struct aci_resource res = { "person", NULL };
    ac_agency g;
    ac_code rc;

    rc = aci_store_agency_find(op->store, opt->agency, a, &g, err);
    if (rc == AC_ENOTFOUND) {
        return aci_fail(err, AC_EINVAL,
                        "--agency: no such agency; 'accord agency list' shows "
                        "them");
    }
    res.agency_id = g.id;
    rc = rc == AC_OK ? aci_op_allow(op, &res, err) : rc;
    if (rc == AC_OK) {
        rc =
            aci_csv_open(opt->path, opt->max_field_bytes ? opt->max_field_bytes : DEFAULT_MAX_FIELD,
                         &im->csv, err);
    }
    if (rc == AC_OK) {
        rc = read_header(im, err);
    }
    if (rc == AC_OK && opt->quarantine_path != NULL) {
        im->quarantine = fopen(opt->quarantine_path, "wb");
        rc = im->quarantine != NULL ? write_quarantine_header(im, err)
                                    : aci_fail(err, AC_EIO, "cannot create quarantine file '%s'",
                                               opt->quarantine_path);
    }
    if (rc == AC_OK) {
        rc = import_rows(im, err);
    }
    if (rc == AC_OK && im->res->rows == 0) {
        rc = aci_fail(err, AC_EINVAL, "no data rows: the file has a header but nothing under it");
    }
    if (rc == AC_OK && im->res->rejected > 0 && im->quarantine == NULL) {
        rc = aci_fail(err, AC_EINVAL,
                      "%llu of %llu rows rejected, so nothing was imported: fix them, or pass "
                      "a quarantine file to import the good rows",
                      (unsigned long long)im->res->rejected, (unsigned long long)im->res->rows);
    }
    if (rc == AC_OK && im->quarantine != NULL && fflush(im->quarantine) != 0) {
        rc = aci_fail(err, AC_EIO, "cannot write quarantine file '%s'", opt->quarantine_path);
    }
    op->detail = ac_arena_printf(
        op->scratch, "rows=%llu imported=%llu rejected=%llu", (unsigned long long)im->res->rows,
        (unsigned long long)im->res->imported, (unsigned long long)im->res->rejected);
    return rc;
}

static ac_code
import_op_body(struct aci_op *op, void *args, ac_error *err)
{
    struct importer *im = args;
    ac_code rc;

    im->today = aci_hub_today(op->hub);
    im->row_arena = ac_arena_new(0);
    aci_store_bulk(op->store, true);
    rc = im->row_arena != NULL ? import_body(im, op, op->scratch, err)
                               : aci_fail(err, AC_ENOMEM, "out of memory");
    aci_store_bulk(op->store, false);
    if (im->quarantine != NULL && fclose(im->quarantine) != 0 && rc == AC_OK) {
        rc = aci_fail(err, AC_EIO, "cannot write quarantine file '%s'", im->opt->quarantine_path);
    }
    im->quarantine = NULL;
    return rc;
}

static const struct aci_op_desc import_op = {
    ACI_ACT_IMPORT, "person", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, NULL, import_op_body,
};

ac_code
ac_import_persons(ac_hub *hub,
                  const ac_actor *actor,
                  const char *purpose,
                  const ac_import_options *opt,
                  ac_import_result *out,
                  ac_error *err)
{
    struct importer im;
    ac_code rc;

    memset(out, 0, sizeof *out);
    memset(&im, 0, sizeof im);
    if (opt->path == NULL || opt->agency == NULL) {
        return aci_fail(err, AC_EINVAL, "import needs a file and an agency");
    }
    im.hub = hub;
    im.actor = actor;
    im.opt = opt;
    im.res = out;
    rc = aci_op_run(&import_op, hub, actor, purpose, &im, err);
    if (rc != AC_OK) {
        out->imported = 0;
    }
    aci_csv_close(im.csv);
    for (size_t i = 0; i < im.n_header; i++) {
        aci_free(im.header[i]);
    }
    aci_free(im.header);
    ac_arena_free(im.row_arena);
    return rc;
}
