/* SPDX-License-Identifier: Apache-2.0
 *
 * figures_out.c - a published statistics table (statistics.h) as CSV, JSON and an SVG bar
 * chart.  Pure functions of the published texts: nothing here sees a raw count, so no
 * rendering can undo the suppression.
 */
#include "internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "accord/statistics.h"

/* A growing string in an arena. */
struct out {
    ac_arena *a;
    char *s;
    size_t len, cap;
    bool oom;
};

static void
put(struct out *o, const char *text)
{
    size_t n = strlen(text);

    if (o->oom) {
        return;
    }
    if (o->len + n + 1 > o->cap) {
        size_t cap = (o->len + n + 1) * 2;
        char *s = ac_arena_alloc(o->a, cap);

        if (s == NULL) {
            o->oom = true;
            return;
        }
        if (o->s != NULL) {
            memcpy(s, o->s, o->len);
        }
        o->s = s;
        o->cap = cap;
    }
    memcpy(o->s + o->len, text, n + 1);
    o->len += n;
}

/* A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
static void
put_field(struct out *o, const char *text)
{
    if (strpbrk(text, ",\"\r\n") == NULL) {
        put(o, text);
        return;
    }
    put(o, "\"");
    for (const char *p = text; *p != '\0'; p++) {
        char c[3] = { *p, *p == '"' ? '"' : '\0', '\0' };

        put(o, c);
    }
    put(o, "\"");
}

static const char *
cell(const ac_stats_table *t, size_t r, size_t c)
{
    return t->cells[r * (t->n_cols + 1) + c];
}

char *
ac_stats_csv(const ac_stats_table *t, ac_arena *a)
{
    struct out o = { a, NULL, 0, 0, false };

    put_field(&o, t->row_title);
    for (size_t c = 0; c <= t->n_cols; c++) {
        put(&o, ",");
        put_field(&o, c < t->n_cols ? t->cols[c] : "Total");
    }
    put(&o, "\r\n");
    for (size_t r = 0; r <= t->n_rows; r++) {
        put_field(&o, r < t->n_rows ? t->rows[r] : "Total");
        for (size_t c = 0; c <= t->n_cols; c++) {
            put(&o, ",");
            put_field(&o, cell(t, r, c));
        }
        put(&o, "\r\n");
    }
    return o.oom ? NULL : o.s;
}

char *
ac_stats_json(const ac_stats_table *t, ac_arena *a)
{
    json_t *rows = json_array(), *cols = json_array(), *cells = json_array(), *j;
    char *text, *copy = NULL;

    for (size_t r = 0; r < t->n_rows; r++) {
        json_array_append_new(rows, json_string(t->rows[r]));
    }
    for (size_t c = 0; c < t->n_cols; c++) {
        json_array_append_new(cols, json_string(t->cols[c]));
    }
    for (size_t r = 0; r <= t->n_rows; r++) {
        json_t *line = json_array();

        for (size_t c = 0; c <= t->n_cols; c++) {
            json_array_append_new(line, json_string(cell(t, r, c)));
        }
        json_array_append_new(cells, line);
    }
    j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:o, s:o, s:o, s:s}", "table", t->table,
                  "title", t->title, "row_title", t->row_title, "column_title", t->col_title,
                  "from", t->from, "to", t->to, "area", t->area, "rounded", t->rounded, "rows",
                  rows, "columns", cols, "cells", cells, "note",
                  "cells and totals: counts of 1 to 4 are shown as <5; [c] is withheld so "
                  "that no small count can be worked out; the last row and column are totals");
    text = j != NULL ? json_dumps(j, JSON_COMPACT) : NULL;
    if (text != NULL) {
        void (*free_fn)(void *) = NULL;

        copy = ac_arena_strdup(a, text);
        json_get_alloc_funcs(NULL, &free_fn); /* jansson's own allocator freed it */
        free_fn(text);
    }
    json_decref(j);
    return copy;
}

/* XML text: & < > and quotes escaped. */
static void
put_xml(struct out *o, const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        char c[2] = { *p, '\0' };

        put(o, *p == '&'   ? "&amp;"
               : *p == '<' ? "&lt;"
               : *p == '>' ? "&gt;"
               : *p == '"' ? "&quot;"
                           : c);
    }
}

/* A published number's value, or -1 when it is withheld ("<5", "[c]"). */
static long
shown_value(const char *text)
{
    char *end;
    long v = strtol(text, &end, 10);

    return end != text && *end == '\0' ? v : -1;
}

char *
ac_stats_svg(const ac_stats_table *t, ac_arena *a)
{
    const int left = 260, width = 400, row_h = 24, top = 40;
    struct out o = { a, NULL, 0, 0, false };
    long max = 1;
    char buf[256];

    for (size_t r = 0; r < t->n_rows; r++) {
        long v = shown_value(cell(t, r, t->n_cols));

        max = v > max ? v : max;
    }
    snprintf(buf, sizeof buf,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
             "font-family=\"sans-serif\" font-size=\"13\" role=\"img\">\n",
             left + width + 80, top + (int)t->n_rows * row_h + 30);
    put(&o, buf);
    put(&o, "<title>");
    put_xml(&o, t->title);
    put(&o, "</title>\n<text x=\"10\" y=\"22\" font-weight=\"bold\">");
    put_xml(&o, t->title);
    put(&o, "</text>\n");
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *text = cell(t, r, t->n_cols);
        long v = shown_value(text);
        int y = top + (int)r * row_h, w = v > 0 ? (int)(v * width / max) : 0;

        snprintf(buf, sizeof buf, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 8, y + 16);
        put(&o, buf);
        put_xml(&o, t->rows[r]);
        snprintf(buf, sizeof buf,
                 "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#1d70b8\"/>\n"
                 "<text x=\"%d\" y=\"%d\">",
                 left, y + 3, w, row_h - 6, left + w + 6, y + 16);
        put(&o, buf);
        put_xml(&o, text); /* a withheld total is a label, never a bar */
        put(&o, "</text>\n");
    }
    snprintf(buf, sizeof buf, "<text x=\"10\" y=\"%d\" font-size=\"11\">",
             top + (int)t->n_rows * row_h + 20);
    put(&o, buf);
    put(&o, "Totals by ");
    put_xml(&o, t->row_title);
    put(&o, ". &lt;5: 1 to 4; [c]: withheld so that small counts cannot be worked out.</text>\n"
            "</svg>\n");
    return o.oom ? NULL : o.s;
}
