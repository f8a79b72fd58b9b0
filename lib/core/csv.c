/* SPDX-License-Identifier: Apache-2.0
 *
 * csv.c - pull-style CSV reading over libcsv (csv_int.h).
 *
 * libcsv pushes fields and rows through callbacks.  We feed it one physical line at a
 * time, so when a row ends we know the line it ends on; the row began that many lines
 * earlier as its quoted fields hold newlines.  Fields of the current row are packed
 * into one growing buffer.
 */
#include "internal.h"

#include <csv.h>
#include <errno.h>
#include <sys/stat.h>

#include "core/csv_int.h"

#define CHUNK              (256u * 1024u)
#define LIBCSV_FIELD_BEGUN 2 /* libcsv 3.0 parser state: inside a field */
/* A field still open after this many bytes stops the read: an unclosed quote must not
 * pull a whole file into memory.  Shorter over-long fields only reject their row. */
#define OPEN_FIELD_MAX(r) ((r)->max_field > (16u << 20) ? (r)->max_field : (16u << 20))

struct aci_csv {
    FILE *fp;            /* owned */
    struct csv_parser p; /* libcsv state */
    char *chunk;         /* CHUNK bytes of input */
    size_t chunk_len;    /* valid bytes in chunk */
    size_t chunk_pos;    /* next unfed byte */
    bool eof;            /* no more input from fp */
    bool finished;       /* csv_fini done */
    bool first_chunk;    /* BOM check pending */
    uint64_t line;       /* physical line being fed (1-based) */
    bool after_cr;       /* the last segment fed ended with a CR */
    uint64_t bytes;      /* bytes fed */
    uint64_t size;       /* file size, 0 if unknown */
    size_t max_field;    /* bound on one field */
    bool field_too_long; /* a field in the current row passed the bound */
    /* the row being built */
    char *buf; /* packed fields, each NUL-terminated */
    size_t buf_len, buf_cap;
    size_t *offs; /* offset of each field in buf */
    size_t *lens; /* length of each field */
    size_t n_fields, fields_cap;
    uint64_t newlines_in_row; /* '\n' bytes inside the row's fields */
    size_t longest;
    bool row_ready; /* a whole row is waiting to be returned */
    bool oom;
    const char **views; /* pointers handed to the caller */
};

static void *
csv_realloc_fn(void *p, size_t n)
{
    return aci_realloc(p, n);
}

static void
on_field(void *data, size_t len, void *cls)
{
    struct aci_csv *r = cls;
    size_t need = r->buf_len + len + 1;

    if (r->oom) {
        return;
    }
    if (len > r->max_field) {
        r->field_too_long = true;
        len = 0;
        need = r->buf_len + 1;
    }
    if (need > r->buf_cap) {
        size_t cap = r->buf_cap ? r->buf_cap : 1024;
        char *nb;

        while (cap < need) {
            cap *= 2;
        }
        nb = aci_realloc(r->buf, cap);
        if (nb == NULL) {
            r->oom = true;
            return;
        }
        r->buf = nb;
        r->buf_cap = cap;
    }
    if (r->n_fields == r->fields_cap) {
        size_t cap = r->fields_cap ? r->fields_cap * 2 : 32;
        size_t *no = aci_realloc(r->offs, cap * sizeof *no);
        size_t *nl;

        if (no == NULL) {
            r->oom = true;
            return;
        }
        r->offs = no;
        nl = aci_realloc(r->lens, cap * sizeof *nl);
        if (nl == NULL) {
            r->oom = true;
            return;
        }
        r->lens = nl;
        r->fields_cap = cap;
    }
    if (len > 0) {
        memcpy(r->buf + r->buf_len, data, len);
        for (size_t i = 0; i < len; i++) {
            r->newlines_in_row += ((const char *)data)[i] == '\n';
        }
    }
    r->offs[r->n_fields] = r->buf_len;
    r->lens[r->n_fields] = len;
    r->n_fields++;
    r->buf[r->buf_len + len] = '\0';
    r->buf_len += len + 1;
    if (len > r->longest) {
        r->longest = len;
    }
}

static void
on_row(int term, void *cls)
{
    struct aci_csv *r = cls;

    (void)term;
    r->row_ready = true;
}

ac_code
aci_csv_open(const char *path, size_t max_field, struct aci_csv **out, ac_error *err)
{
    struct aci_csv *r;
    struct stat st;

    *out = NULL;
    r = aci_calloc(1, sizeof *r);
    if (r == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory opening '%s'", path);
    }
    r->chunk = aci_malloc(CHUNK);
    if (r->chunk == NULL || csv_init(&r->p, CSV_STRICT_FINI) != 0) {
        aci_free(r->chunk);
        aci_free(r);
        return aci_fail(err, AC_ENOMEM, "out of memory opening '%s'", path);
    }
    csv_set_realloc_func(&r->p, csv_realloc_fn);
    csv_set_blk_size(&r->p, 64u * 1024u); /* libcsv grows by 128 bytes by default: quadratic */
    csv_set_free_func(&r->p, aci_free);
    r->fp = fopen(path, "rb");
    if (r->fp == NULL) {
        int e = errno;

        aci_csv_close(r);
        return aci_fail(err, e == ENOENT ? AC_ENOTFOUND : AC_EIO, "cannot open '%s': %s", path,
                        strerror(e));
    }
    if (fstat(fileno(r->fp), &st) == 0 && S_ISREG(st.st_mode)) {
        r->size = (uint64_t)st.st_size;
    }
    r->max_field = max_field;
    r->line = 1;
    r->first_chunk = true;
    *out = r;
    return AC_OK;
}

void
aci_csv_close(struct aci_csv *r)
{
    if (r == NULL) {
        return;
    }
    if (r->fp != NULL) {
        fclose(r->fp);
    }
    csv_free(&r->p);
    aci_free(r->chunk);
    aci_free(r->buf);
    aci_free(r->offs);
    aci_free(r->lens);
    aci_free(r->views);
    aci_free(r);
}

static ac_code
refill(struct aci_csv *r, ac_error *err)
{
    r->chunk_len = fread(r->chunk, 1, CHUNK, r->fp);
    r->chunk_pos = 0;
    if (r->chunk_len < CHUNK) {
        if (ferror(r->fp)) {
            return aci_fail(err, AC_EIO, "read error at line %llu", (unsigned long long)r->line);
        }
        r->eof = true;
    }
    if (r->first_chunk) {
        r->first_chunk = false;
        if (r->chunk_len >= 2 && ((r->chunk[0] == '\xff' && r->chunk[1] == '\xfe') ||
                                  (r->chunk[0] == '\xfe' && r->chunk[1] == '\xff'))) {
            return aci_fail(err, AC_EINVAL,
                            "line 1: the file is UTF-16: save it as UTF-8 "
                            "(e.g. iconv -f UTF-16 -t UTF-8)");
        }
        if (r->chunk_len >= 3 && memcmp(r->chunk, "\xef\xbb\xbf", 3) == 0) {
            r->chunk_pos = 3; /* UTF-8 byte-order mark */
        }
    }
    return AC_OK;
}

/* Feed the input up to and including the next '\n' or '\r' to libcsv: at most one row
 * can end in such a segment, whatever the line endings. */
static ac_code
feed_line(struct aci_csv *r, ac_error *err)
{
    const char *start = r->chunk + r->chunk_pos;
    size_t avail = r->chunk_len - r->chunk_pos, n = 0;
    const char *nl = NULL;

    while (n < avail) {
        char c = start[n++];

        if (c == '\n' || c == '\r') {
            nl = c == '\n' ? start + n - 1 : NULL;
            break;
        }
    }

    if (csv_parse(&r->p, start, n, on_field, on_row, r) != n) {
        return aci_fail(err, AC_ENOMEM, "line %llu: out of memory reading CSV",
                        (unsigned long long)r->line);
    }
    r->chunk_pos += n;
    r->bytes += n;
    if (r->p.entry_pos > OPEN_FIELD_MAX(r)) {
        return aci_fail(err, AC_EINVAL,
                        "line %llu: a field is still open after %zu bytes: a quote is never "
                        "closed",
                        (unsigned long long)r->line, (size_t)OPEN_FIELD_MAX(r));
    }
    if (nl != NULL) {
        r->line++;
    }
    /* a CR that ended a row (not one inside a quoted field) may be a bare CR line end */
    r->after_cr =
        n > 0 && start[n - 1] == '\r' && !(r->p.pstate == LIBCSV_FIELD_BEGUN && r->p.quoted);
    return AC_OK;
}

/* Count a bare CR (old Mac line end) once the next byte shows it was not CRLF. */
static void
settle_cr(struct aci_csv *r)
{
    if (r->after_cr && r->chunk_pos < r->chunk_len) {
        if (r->chunk[r->chunk_pos] != '\n') {
            r->line++;
        }
        r->after_cr = false;
    }
}

static void
row_reset(struct aci_csv *r)
{
    r->buf_len = 0;
    r->n_fields = 0;
    r->newlines_in_row = 0;
    r->longest = 0;
    r->field_too_long = false;
    r->row_ready = false;
}

static ac_code
emit(struct aci_csv *r, uint64_t end_line, struct aci_csv_row *row, ac_error *err)
{
    const char **v = aci_realloc(r->views, (r->n_fields + 1) * sizeof *v);

    if (v != NULL) {
        r->views = v;
    }
    if (v == NULL || r->oom) {
        return aci_fail(err, AC_ENOMEM, "out of memory reading CSV");
    }
    for (size_t i = 0; i < r->n_fields; i++) {
        v[i] = r->buf + r->offs[i];
    }
    row->line = end_line - r->newlines_in_row;
    row->n_fields = r->n_fields;
    row->fields = v;
    row->lens = r->lens;
    row->longest = r->longest;
    if (r->field_too_long) {
        return aci_fail(err, AC_EINVAL, "line %llu: a field is longer than %zu bytes",
                        (unsigned long long)row->line, r->max_field);
    }
    return AC_OK;
}

ac_code
aci_csv_next(struct aci_csv *r, struct aci_csv_row *row, bool *has_row, ac_error *err)
{
    ac_code rc;

    *has_row = false;
    row_reset(r);
    while (!r->row_ready) {
        uint64_t line_before;

        settle_cr(r);
        line_before = r->line;

        if (r->chunk_pos == r->chunk_len) {
            if (r->eof) {
                if (r->finished) {
                    return AC_OK;
                }
                r->finished = true;
                /* libcsv's state 2 (FIELD_BEGUN) inside a quoted field: the quote never
                 * closed.  csv_fini would otherwise take the rest of the file as the field */
                if ((r->p.pstate == LIBCSV_FIELD_BEGUN && r->p.quoted) ||
                    csv_fini(&r->p, on_field, on_row, r) != 0) {
                    return aci_fail(err, AC_EINVAL,
                                    "line %llu: unterminated quoted field: a '\"' opened on or "
                                    "before this line is never closed",
                                    (unsigned long long)r->line);
                }
                if (!r->row_ready) {
                    return AC_OK;
                }
                *has_row = true;
                return emit(r, r->line, row, err);
            }
            rc = refill(r, err);
            if (rc != AC_OK) {
                return rc;
            }
            continue;
        }
        rc = feed_line(r, err);
        if (rc != AC_OK) {
            return rc;
        }
        if (r->row_ready) {
            *has_row = true;
            return emit(r, line_before, row, err);
        }
    }
    return AC_OK;
}

uint64_t
aci_csv_bytes_read(const struct aci_csv *r)
{
    return r->bytes;
}

uint64_t
aci_csv_file_size(const struct aci_csv *r)
{
    return r->size;
}

ac_code
aci_csv_write_row(FILE *fp, const char *const *fields, size_t n, ac_error *err)
{
    for (size_t i = 0; i < n; i++) {
        const char *f = fields[i] != NULL ? fields[i] : "";

        if ((i > 0 && fputc(',', fp) == EOF) || csv_fwrite(fp, f, strlen(f)) != 0) {
            return aci_fail(err, AC_EIO, "cannot write CSV: %s", strerror(errno));
        }
    }
    if (fputs("\r\n", fp) == EOF) {
        return aci_fail(err, AC_EIO, "cannot write CSV: %s", strerror(errno));
    }
    return AC_OK;
}
