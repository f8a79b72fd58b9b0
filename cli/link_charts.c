/* SPDX-License-Identifier: Apache-2.0
 *
 * link_charts.c - pictures of the linkage model for people who would rather look than
 * read: one pair's waterfall (the prior, then each comparison's weight, to the final
 * match weight and probability) and the model's m and u per comparison level.  Both are
 * drawn from the engine's own JSON.
 */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

static FILE *
open_svg(const char *path)
{
    FILE *f = fopen(path, "w");

    if (f == NULL) {
        fprintf(stderr, "accord link: cannot write '%s': %s\n", path, strerror(errno));
    }
    return f;
}

int
cli_link_waterfall(const char *explain_json, const char *path)
{
    json_t *e = json_loads(explain_json, 0, NULL), *cmps = json_object_get(e, "comparisons"), *c;
    double prior = json_number_value(json_object_get(e, "prior_weight")), lo = 0, hi = 0, run;
    size_t n = json_array_size(cmps), i;
    const int row = 26, left = 230, width = 420;
    FILE *f = open_svg(path);
    double scale;

    if (f == NULL || e == NULL) {
        json_decref(e);
        return CLI_FAIL;
    }
    run = prior;
    lo = fmin(0, prior);
    hi = fmax(0, prior);
    json_array_foreach(cmps, i, c)
    {
        run += json_number_value(json_object_get(c, "weight")) +
               json_number_value(json_object_get(c, "term_frequency_adjustment"));
        lo = fmin(lo, run);
        hi = fmax(hi, run);
    }
    scale = width / fmax(hi - lo, 1.0);
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%zu\" "
            "font-family=\"sans-serif\" font-size=\"12\">\n<title>Why this pair scores as it "
            "does</title>\n<text x=\"8\" y=\"18\" font-weight=\"bold\">",
            left + width + 140, (n + 4) * (size_t)row);
    cli_xml_text(f, json_string_value(json_object_get(e, "left_id")));
    fputs(" and ", f);
    cli_xml_text(f, json_string_value(json_object_get(e, "right_id")));
    fprintf(f, ": match probability %.4f</text>\n",
            json_number_value(json_object_get(e, "match_probability")));
    fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%zu\" stroke=\"#999\"/>\n",
            left + (0 - lo) * scale, row, left + (0 - lo) * scale, (n + 3) * (size_t)row);
    run = 0;
    for (size_t k = 0; k <= n + 1; k++) {
        double step;
        const char *label;
        char buf[96];
        size_t y = (k + 1) * (size_t)row + 6;

        if (k == 0) {
            step = prior;
            label = "prior (two random records)";
        } else if (k <= n) {
            c = json_array_get(cmps, k - 1);
            step = json_number_value(json_object_get(c, "weight")) +
                   json_number_value(json_object_get(c, "term_frequency_adjustment"));
            snprintf(buf, sizeof buf, "%s: %s", json_string_value(json_object_get(c, "comparison")),
                     json_string_value(json_object_get(c, "level")));
            label = buf;
        } else {
            step = 0;
            label = "match weight";
        }
        fprintf(f, "<text x=\"%d\" y=\"%zu\" text-anchor=\"end\">", left - 8, y + 13);
        cli_xml_text(f, label);
        fputs("</text>\n", f);
        if (k <= n) {
            double x0 = left + (fmin(run, run + step) - lo) * scale;

            fprintf(f,
                    "<rect x=\"%.1f\" y=\"%zu\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>"
                    "<text x=\"%.1f\" y=\"%zu\">%+.2f</text>\n",
                    x0, y, fmax(fabs(step) * scale, 1.0), step >= 0 ? "#2b8a3e" : "#c92a2a",
                    x0 + fmax(fabs(step) * scale, 1.0) + 4, y + 13, step);
            run += step;
        } else {
            fprintf(f,
                    "<rect x=\"%.1f\" y=\"%zu\" width=\"%.1f\" height=\"16\" fill=\"#1c7ed6\"/>"
                    "<text x=\"%.1f\" y=\"%zu\">%.2f</text>\n",
                    left + (fmin(0, run) - lo) * scale, y, fmax(fabs(run) * scale, 1.0),
                    left + (fmax(0, run) - lo) * scale + 4, y + 13, run);
        }
    }
    fputs("</svg>\n", f);
    json_decref(e);
    return fclose(f) == 0 ? CLI_OK : CLI_FAIL;
}

int
cli_link_model_chart(const char *model_json, const char *path)
{
    json_t *m = json_loads(model_json, 0, NULL), *cmps = json_object_get(m, "comparisons"), *c;
    const int row = 18, left = 300, width = 300;
    size_t i, rows = 0, y = 40;
    FILE *f;

    json_array_foreach(cmps, i, c)
    {
        if (json_is_true(json_object_get(c, "active"))) {
            rows += json_array_size(json_object_get(c, "levels")) + 1;
        }
    }
    if ((f = open_svg(path)) == NULL || m == NULL) {
        json_decref(m);
        if (f != NULL) {
            fclose(f);
        }
        return CLI_FAIL;
    }
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%zu\" "
            "font-family=\"sans-serif\" font-size=\"11\">\n<title>The model: m (matches) and u "
            "(non-matches) per level</title>\n<text x=\"8\" y=\"16\" font-weight=\"bold\">m "
            "(share of matches) and u (share of non-matches) at each level</text>\n"
            "<rect x=\"%d\" y=\"22\" width=\"10\" height=\"10\" fill=\"#2b8a3e\"/><text x=\"%d\" "
            "y=\"31\">m</text><rect x=\"%d\" y=\"22\" width=\"10\" height=\"10\" fill=\"#868e96\"/>"
            "<text x=\"%d\" y=\"31\">u</text>\n",
            left + width + 60, y + rows * (size_t)row + 10, left, left + 14, left + 40, left + 54);
    json_array_foreach(cmps, i, c)
    {
        json_t *levels = json_object_get(c, "levels"), *l;
        size_t k;

        if (!json_is_true(json_object_get(c, "active"))) {
            continue;
        }
        fprintf(f, "<text x=\"8\" y=\"%zu\" font-weight=\"bold\">", y + 12);
        cli_xml_text(f, json_string_value(json_object_get(c, "name")));
        fputs("</text>\n", f);
        y += row;
        json_array_foreach(levels, k, l)
        {
            double mv = json_number_value(json_object_get(l, "m"));
            double uv = json_number_value(json_object_get(l, "u"));

            fprintf(f, "<text x=\"%d\" y=\"%zu\" text-anchor=\"end\">", left - 8, y + 12);
            cli_xml_text(f, json_string_value(json_object_get(l, "name")));
            fprintf(f,
                    "</text>\n<rect x=\"%d\" y=\"%zu\" width=\"%.1f\" height=\"7\" "
                    "fill=\"#2b8a3e\"><title>m %.4f</title></rect><rect x=\"%d\" y=\"%zu\" "
                    "width=\"%.1f\" height=\"7\" fill=\"#868e96\"><title>u %.6f</title></rect>"
                    "<text x=\"%.1f\" y=\"%zu\">%.3f / %.4f</text>\n",
                    left, y + 2, mv * width, mv, left, y + 9, uv * width, uv,
                    left + fmax(mv, uv) * width + 6, y + 12, mv, uv);
            y += row;
        }
    }
    fputs("</svg>\n", f);
    json_decref(m);
    return fclose(f) == 0 ? CLI_OK : CLI_FAIL;
}
