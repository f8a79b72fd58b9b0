/* SPDX-License-Identifier: Apache-2.0
 *
 * audit_oversight.c - accord audit oversight: the period's entries by agency, action and
 * outcome as a table, and optionally as an SVG chart (one stacked bar per agency:
 * allowed, refused, not found) for a report to an oversight body.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define BAR_W   480 /* pixels for the longest bar */
#define ROW_H   28
#define LABEL_W 260

/* Totals per agency, in the order the report lists agencies. */
struct agency_total {
    const char *name;
    uint64_t ok, denied, not_found;
};

static size_t
totals_of(const ac_oversight_row *rows, size_t n, struct agency_total *t)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i++) {
        const char *name = rows[i].agency_name != NULL ? rows[i].agency_name : "(no agency)";

        if (k == 0 || strcmp(t[k - 1].name, name) != 0) {
            t[k++] = (struct agency_total){ name, 0, 0, 0 };
        }
        if (strcmp(rows[i].outcome, "ok") == 0) {
            t[k - 1].ok += rows[i].count;
        } else if (strcmp(rows[i].outcome, "denied") == 0) {
            t[k - 1].denied += rows[i].count;
        } else {
            t[k - 1].not_found += rows[i].count;
        }
    }
    return k;
}

static int
write_svg(const char *path, const struct agency_total *t, size_t k, const char *period)
{
    FILE *f = fopen(path, "w");
    uint64_t most = 1;
    const char *colour[3] = { "#2b8a3e", "#c92a2a", "#868e96" };
    const char *label[3] = { "allowed", "refused", "not found" };

    if (f == NULL) {
        fprintf(stderr, "accord audit: cannot write '%s'\n", path);
        return CLI_FAIL;
    }
    for (size_t i = 0; i < k; i++) {
        uint64_t sum = t[i].ok + t[i].denied + t[i].not_found;

        most = sum > most ? sum : most;
    }
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%zu\" "
            "font-family=\"sans-serif\" font-size=\"13\">\n"
            "<title>Audit entries by agency and outcome</title>\n"
            "<text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Audit entries by "
            "agency and outcome, ",
            LABEL_W + BAR_W + 120, (k + 3) * ROW_H);
    cli_xml_text(f, period);
    fputs("</text>\n", f);
    for (int c = 0; c < 3; c++) {
        fprintf(f,
                "<rect x=\"%d\" y=\"32\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                "<text x=\"%d\" y=\"43\">%s</text>\n",
                LABEL_W + c * 110, colour[c], LABEL_W + c * 110 + 16, label[c]);
    }
    for (size_t i = 0; i < k; i++) {
        uint64_t part[3] = { t[i].ok, t[i].denied, t[i].not_found };
        size_t y = (i + 2) * ROW_H;
        double x = LABEL_W;

        fprintf(f, "<text x=\"%d\" y=\"%zu\" text-anchor=\"end\">", LABEL_W - 8, y + 17);
        cli_xml_text(f, t[i].name);
        fputs("</text>\n", f);
        for (int c = 0; c < 3; c++) {
            double w = (double)part[c] * BAR_W / (double)most;

            fprintf(f,
                    "<rect x=\"%.1f\" y=\"%zu\" width=\"%.1f\" height=\"20\" fill=\"%s\">"
                    "<title>%s: %llu</title></rect>\n",
                    x, y + 4, w, colour[c], label[c], (unsigned long long)part[c]);
            x += w;
        }
        fprintf(f, "<text x=\"%.1f\" y=\"%zu\">%llu</text>\n", x + 6, y + 17,
                (unsigned long long)(part[0] + part[1] + part[2]));
    }
    fputs("</svg>\n", f);
    return fclose(f) == 0 ? CLI_OK : CLI_FAIL;
}

int
cli_audit_oversight(struct cli *c, const char *since, const char *until, const char *svg_path)
{
    const char *purpose = cli_purpose(c);
    ac_oversight_row *rows = NULL;
    struct agency_total *totals;
    size_t n = 0, k;
    ac_error err = { 0 };
    int rc = CLI_OK;

    if (purpose == NULL) {
        return CLI_USAGE;
    }
    if (ac_audit_oversight(c->hub, c->actor, purpose, since, until, c->arena, &rows, &n, &err) !=
        AC_OK) {
        return cli_fail("audit oversight", &err);
    }
    printf("%-40s %-14s %-10s %10s\n", "agency", "action", "outcome", "entries");
    for (size_t i = 0; i < n; i++) {
        printf("%-40s %-14s %-10s %10llu\n",
               rows[i].agency_name != NULL ? rows[i].agency_name : "(no agency)", rows[i].action,
               rows[i].outcome, (unsigned long long)rows[i].count);
    }
    if (svg_path != NULL) {
        totals = ac_arena_zalloc(c->arena, (n + 1) * sizeof *totals);
        if (totals == NULL) {
            fputs("accord audit: out of memory\n", stderr);
            return CLI_FAIL;
        }
        k = totals_of(rows, n, totals);
        rc = write_svg(svg_path, totals, k,
                       ac_arena_printf(c->arena, "%s to %s", since ? since : "the start",
                                       until ? until : "now"));
    }
    return rc;
}
