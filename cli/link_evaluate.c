/* SPDX-License-Identifier: Apache-2.0
 *
 * link_evaluate.c - accord link evaluate: precision, recall and F1 of a pairs file
 * against known true pairs, at every threshold the pairs allow, and the chart of
 * precision and recall against threshold as SVG.  A pair is true in either order.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_BYTES 4096

struct pair_set {
    char **keys; /* "a\nb" with a <= b; open addressing */
    size_t cap, n;
};

static uint64_t
hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;

    while (*s != '\0') {
        h = (h ^ (unsigned char)*s++) * 0x100000001b3ull;
    }
    return h;
}

/* The unordered key of ids A and B, in the arena. */
static char *
pair_key(ac_arena *a, const char *x, const char *y)
{
    return strcmp(x, y) <= 0 ? ac_arena_printf(a, "%s\n%s", x, y)
                             : ac_arena_printf(a, "%s\n%s", y, x);
}

static bool
set_add(struct pair_set *s, ac_arena *a, char *key)
{
    size_t h;

    if ((s->n + 1) * 2 > s->cap) {
        struct pair_set bigger = { NULL, s->cap ? s->cap * 2 : 1024, 0 };

        bigger.keys = ac_arena_zalloc(a, bigger.cap * sizeof *bigger.keys);
        if (bigger.keys == NULL) {
            return false;
        }
        for (size_t i = 0; i < s->cap; i++) {
            if (s->keys[i] != NULL) {
                set_add(&bigger, a, s->keys[i]);
            }
        }
        *s = bigger;
    }
    for (h = hash(key) & (s->cap - 1); s->keys[h] != NULL; h = (h + 1) & (s->cap - 1)) {
        if (strcmp(s->keys[h], key) == 0) {
            return true;
        }
    }
    s->keys[h] = key;
    s->n++;
    return true;
}

static bool
set_has(const struct pair_set *s, const char *key)
{
    for (size_t h = hash(key) & (s->cap - 1); s->cap > 0 && s->keys[h] != NULL;
         h = (h + 1) & (s->cap - 1)) {
        if (strcmp(s->keys[h], key) == 0) {
            return true;
        }
    }
    return false;
}

/* Split LINE at commas into at most N fields (spaces and simple quotes trimmed). */
static size_t
split(char *line, char **fields, size_t n)
{
    size_t k = 0;

    line[strcspn(line, "\r\n")] = '\0';
    for (char *p = line; k < n;) {
        char *comma = strchr(p, ',');
        char *end;

        if (comma != NULL) {
            *comma = '\0';
        }
        while (*p == ' ' || *p == '"') {
            p++;
        }
        end = p + strlen(p);
        while (end > p && (end[-1] == ' ' || end[-1] == '"')) {
            *--end = '\0';
        }
        fields[k++] = p;
        if (comma == NULL) {
            break;
        }
        p = comma + 1;
    }
    return k;
}

struct scored {
    double p;      /* match probability */
    double weight; /* match weight when the file has it: it orders pairs whose
                      probabilities both print as 1.000000 */
    bool is_true;
};

static int
cmp_scored(const void *x, const void *y)
{
    const struct scored *a = x, *b = y;

    if (a->p != b->p) {
        return (a->p < b->p) - (a->p > b->p);
    }
    return (a->weight < b->weight) - (a->weight > b->weight);
}

static int
write_chart(const char *path, const struct scored *s, size_t n, size_t n_true)
{
    FILE *f = fopen(path, "w");
    const int w = 600, h = 360, x0 = 60, y0 = 20, pw = 500, ph = 280;
    double lo = n > 0 ? s[n - 1].p : 0.0;

    if (f == NULL) {
        fprintf(stderr, "accord link: cannot write '%s': %s\n", path, strerror(errno));
        return CLI_FAIL;
    }
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "font-family=\"sans-serif\" font-size=\"12\">\n<title>Precision and recall against "
            "match-probability threshold</title>\n<rect x=\"%d\" y=\"%d\" width=\"%d\" "
            "height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
            w, h, x0, y0, pw, ph);
    for (int series = 0; series < 2; series++) {
        size_t tp = 0;

        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"",
                series == 0 ? "#1c7ed6" : "#e8590c");
        for (size_t i = 0; i < n; i++) {
            double value, x;

            tp += s[i].is_true;
            if (i + 1 < n && s[i + 1].p == s[i].p) {
                continue; /* one point per distinct threshold */
            }
            value = series == 0 ? (double)tp / (double)(i + 1)
                                : (n_true ? (double)tp / (double)n_true : 0.0);
            x = x0 + (lo < 1.0 ? (s[i].p - lo) / (1.0 - lo) : 1.0) * pw;
            fprintf(f, "%.1f,%.1f ", x, y0 + (1.0 - value) * ph);
        }
        fputs("\"/>\n", f);
    }
    fprintf(f,
            "<text x=\"%d\" y=\"%d\">threshold %.2f</text><text x=\"%d\" y=\"%d\" "
            "text-anchor=\"end\">1.00</text>\n<text x=\"%d\" y=\"%d\" text-anchor=\"end\">1.0"
            "</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">0.0</text>\n"
            "<text x=\"%d\" y=\"%d\" fill=\"#1c7ed6\">precision</text><text x=\"%d\" y=\"%d\" "
            "fill=\"#e8590c\">recall</text>\n</svg>\n",
            x0, y0 + ph + 18, lo, x0 + pw, y0 + ph + 18, x0 - 6, y0 + 10, x0 - 6, y0 + ph, x0 + 10,
            h - 10, x0 + 110, h - 10);
    return fclose(f) == 0 ? CLI_OK : CLI_FAIL;
}

/* Read the true pairs of PATH (first two columns; the first line is a header). */
static int
read_truth(struct cli *c, const char *path, struct pair_set *truth)
{
    FILE *f = fopen(path, "r");
    char line[LINE_MAX_BYTES], *fields[2];
    unsigned long no = 0;

    if (f == NULL) {
        fprintf(stderr, "accord link: cannot read '%s': %s\n", path, strerror(errno));
        return CLI_FAIL;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        if (++no == 1 || line[strspn(line, " \t\r\n")] == '\0') {
            continue; /* the header; a blank line */
        }
        if (split(line, fields, 2) != 2 || fields[0][0] == '\0' || fields[1][0] == '\0') {
            fprintf(stderr, "accord link: %s line %lu: expected two ids\n", path, no);
            fclose(f);
            return CLI_FAIL;
        }
        if (!set_add(truth, c->arena, pair_key(c->arena, fields[0], fields[1]))) {
            fclose(f);
            return CLI_FAIL;
        }
    }
    fclose(f);
    if (truth->n == 0) {
        /* precision and recall against nothing are meaningless, not zero (issue 14.13) */
        fprintf(stderr,
                "accord link: %s: no true pair: give a header, then one line per pair "
                "(left_id,right_id)\n",
                path);
        return CLI_FAIL;
    }
    return CLI_OK;
}

int
cli_link_evaluate(struct cli *c, const char *truth_path, const char *pairs_path, const char *chart)
{
    struct pair_set truth = { NULL, 0, 0 };
    struct scored *s = NULL;
    size_t n = 0, cap = 0, tp = 0, best_at = 0;
    double best_f1 = -1;
    char line[LINE_MAX_BYTES], *fields[4];
    unsigned long no = 0;
    FILE *f;
    int rc = read_truth(c, truth_path, &truth);

    if (rc != CLI_OK) {
        return rc;
    }
    if ((f = fopen(pairs_path, "r")) == NULL) {
        fprintf(stderr, "accord link: cannot read '%s': %s\n", pairs_path, strerror(errno));
        return CLI_FAIL;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        char *end = NULL;

        if (++no == 1) {
            continue;
        }
        size_t k = split(line, fields, 4);

        if (k < 3) {
            fprintf(stderr, "accord link: %s line %lu: expected left_id,right_id,probability\n",
                    pairs_path, no);
            fclose(f);
            return CLI_FAIL;
        }
        if (n == cap && (s = realloc(s, (cap = cap ? cap * 2 : 4096) * sizeof *s)) == NULL) {
            fclose(f);
            return CLI_FAIL;
        }
        s[n].p = strtod(fields[2], &end);
        s[n].weight = k == 4 ? strtod(fields[3], NULL) : s[n].p;
        s[n].is_true = set_has(&truth, pair_key(c->arena, fields[0], fields[1]));
        n++;
    }
    fclose(f);
    qsort(s, n, sizeof *s, cmp_scored);
    for (size_t i = 0; i < n; i++) {
        double precision, recall, f1;

        tp += s[i].is_true;
        precision = (double)tp / (double)(i + 1);
        recall = truth.n ? (double)tp / (double)truth.n : 0.0;
        f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
        if (f1 > best_f1 &&
            (i + 1 == n || s[i + 1].p != s[i].p || s[i + 1].weight != s[i].weight)) {
            best_f1 = f1;
            best_at = i;
        }
    }
    {
        double precision = n ? (double)tp / (double)n : 0.0;
        double recall = truth.n ? (double)tp / (double)truth.n : 0.0;
        double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;

        printf("true pairs %zu, predicted %zu, correct %zu\n", truth.n, n, tp);
        printf("precision %.4f  recall %.4f  F1 %.4f  (all pairs in the file)\n", precision, recall,
               f1);
        if (n > 0) {
            printf("best F1 %.4f at threshold %.6f (match weight %.2f)\n", best_f1, s[best_at].p,
                   s[best_at].weight);
        }
    }
    if (chart != NULL) {
        rc = write_chart(chart, s, n, truth.n);
    }
    free(s);
    return rc;
}
