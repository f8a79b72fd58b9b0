/* SPDX-License-Identifier: Apache-2.0
 *
 * regime.c - the precursors and poisons table and the classification of a reported
 * product (regime.h).  Pure: the shipped table is embedded at build time.
 */
#include "internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>

#include "accord/regime.h"
#include "accord/text.h"

extern const char aci_substances_csv[];

enum part {
    REG_PRECURSOR,
    REG_POISON,
    REP_PRECURSOR,
    REP_POISON
};

struct entry {
    const char *names; /* as in the table: "sulfuric acid|sulphuric acid" */
    const char *keys;  /* their matching keys and the CAS number's, "|"-separated */
    const char *cas;
    enum part part;
    bool has_limit;
    double limit;
    double nitrogen; /* > 0: the limit is % by weight of nitrogen, and this is the pure
                        substance's own nitrogen content (% by weight) */
    bool inclusive;  /* the part applies AT the limit, not only above it */
    const char *status, *note, *source;
};

struct ac_regime {
    ac_arena *arena;
    struct entry *e;
    size_t n, cap;
};

static const char *const class_names[] = { "neither",           "regulated explosives precursor",
                                           "regulated poison",  "reportable explosives precursor",
                                           "reportable poison", "not recognised" };
static const char *const parts[] = { "regulated_precursor", "regulated_poison",
                                     "reportable_precursor", "reportable_poison" };

/* The table's columns: the first six are required, the rest may be left out. */
enum column {
    COL_NAMES,
    COL_CAS,
    COL_PART,
    COL_LIMIT,
    COL_STATUS,
    COL_NOTE,
    COL_BASIS,
    COL_INCLUSIVE,
    COL_SOURCE,
    COL_COUNT
};
static const char *const columns[] = { "names", "cas",   "part",      "limit", "status",
                                       "note",  "basis", "inclusive", "source" };
#define COL_REQUIRED 6

/* Words a retailer adds to a substance's name that do not change what it is. */
static const char *const filler[] = { "solution",     "soln",       "aqueous", "aq",
                                      "fertiliser",   "fertilizer", "powder",  "liquid",
                                      "technical",    "tech",       "grade",   "pure",
                                      "concentrated", "conc",       "ww" };

const char *
ac_regime_class_str(ac_regime_class c)
{
    return (unsigned)c < ACI_ARRAY_LEN(class_names) ? class_names[c] : "unknown";
}

/* Split LINE (no newline) at commas outside double quotes into at most N fields, in A. */
static size_t
split(const char *line, char **f, size_t n, ac_arena *a)
{
    size_t k = 0, len = strlen(line);
    char *buf = ac_arena_alloc(a, len + 1), *o = buf;
    bool quoted = false;

    if (buf == NULL) {
        return 0;
    }
    f[k++] = o;
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '"') {
            quoted = !quoted;
        } else if (line[i] == ',' && !quoted && k < n) {
            *o++ = '\0';
            f[k++] = o;
        } else {
            *o++ = line[i];
        }
    }
    *o = '\0';
    return k;
}

/* The matching key of S: its words folded (ac_text_key), filler words dropped, and the
 * rest joined with nothing between, so "Hydrogen-Peroxide solution", "hydrogen peroxide"
 * and "HYDROGENPEROXIDE" meet, and so do "7722-84-1" and "7722841".  NULL when nothing
 * is left, or out of memory. */
static char *
fold(const char *s, ac_arena *a)
{
    char *key = NULL, *out, *o;

    if (ac_text_key(s, a, &key, NULL) != AC_OK ||
        (out = ac_arena_alloc(a, strlen(key) + 1)) == NULL) {
        return NULL;
    }
    o = out;
    for (char *w = key; *w != '\0';) {
        size_t n = strcspn(w, " ");
        bool skip = false;

        for (size_t i = 0; i < ACI_ARRAY_LEN(filler); i++) {
            skip = skip || (strlen(filler[i]) == n && strncmp(w, filler[i], n) == 0);
        }
        if (!skip) {
            memcpy(o, w, n);
            o += n;
        }
        w += n + (w[n] == ' ');
    }
    *o = '\0';
    return out[0] != '\0' ? out : NULL;
}

/* The '|'-separated names (and CAS) as '|'-separated matching keys, in A. */
static const char *
keys_of(const char *names, const char *cas, ac_arena *a)
{
    char *out = ac_arena_strdup(a, "|");
    const char *all = cas != NULL ? ac_arena_printf(a, "%s|%s", names, cas) : names;

    for (const char *p = all; out != NULL && p != NULL && *p != '\0';) {
        size_t n = strcspn(p, "|");
        char *one = ac_arena_strndup(a, p, n), *key = one != NULL ? fold(one, a) : NULL;

        if (key != NULL) {
            out = ac_arena_printf(a, "%s%s|", out, key);
        }
        p += n + (p[n] == '|');
    }
    return all != NULL ? out : NULL;
}

/* The columns of HEADER into COL (COL[c] is the field index of column c, or -1). */
static ac_code
read_header(const char *header, int *col, ac_arena *a, ac_error *err)
{
    char *f[COL_COUNT + 1];
    size_t n = split(header, f, COL_COUNT + 1, a);

    for (size_t c = 0; c < COL_COUNT; c++) {
        col[c] = -1;
    }
    for (size_t i = 0; i < n; i++) {
        int found = -1;

        for (size_t c = 0; c < COL_COUNT; c++) {
            found = strcmp(f[i], columns[c]) == 0 ? (int)c : found;
        }
        if (found < 0 || col[found] >= 0) {
            return aci_fail(err, AC_EINVAL,
                            "regime line 1: column %zu: %s; the columns are names, cas, part, "
                            "limit, status, note (required) and basis, inclusive, source",
                            i + 1, found < 0 ? "not a column of the table" : "given twice");
        }
        col[found] = (int)i;
    }
    return AC_OK; /* a missing column is refused at the first row (add_line) */
}

/* BASIS: "w/w" (or empty) for % by weight of the product, or "nitrogen N" for % by
 * weight of nitrogen, N being the pure substance's own nitrogen content. */
static bool
read_basis(const char *basis, double *nitrogen)
{
    char *end = NULL;

    *nitrogen = 0;
    if (basis[0] == '\0' || strcmp(basis, "w/w") == 0) {
        return true;
    }
    if (strncmp(basis, "nitrogen ", 9) != 0) {
        return false;
    }
    *nitrogen = strtod(basis + 9, &end);
    return end != basis + 9 && *end == '\0' && *nitrogen > 0 && *nitrogen <= 100;
}

static ac_code
add_line(ac_regime *r, const char *line, const int *col, size_t no, ac_error *err)
{
    char *f[COL_COUNT];
    const char *v[COL_COUNT];
    size_t n_fields = 0;
    struct entry e;
    int part = -1;

    for (size_t c = 0; c < COL_REQUIRED; c++) {
        if (col[c] < 0) {
            return aci_fail(err, AC_EINVAL,
                            "regime line %zu: cannot be read: the header (line 1) has no %s "
                            "column; it needs names, cas, part, limit, status and note",
                            no, columns[c]);
        }
    }
    for (size_t c = 0; c < COL_COUNT; c++) {
        n_fields += col[c] >= 0;
    }
    if (split(line, f, COL_COUNT, r->arena) != n_fields) {
        return aci_fail(err, AC_EINVAL, "regime line %zu: expected %zu fields, as the header has",
                        no, n_fields);
    }
    for (size_t c = 0; c < COL_COUNT; c++) {
        v[c] = col[c] >= 0 ? f[col[c]] : "";
    }
    for (int i = 0; i < 4; i++) {
        part = strcmp(v[COL_PART], parts[i]) == 0 ? i : part;
    }
    if (part < 0) {
        return aci_fail(err, AC_EINVAL,
                        "regime line %zu: part: regulated_precursor, "
                        "regulated_poison, reportable_precursor or reportable_poison",
                        no);
    }
    memset(&e, 0, sizeof e);
    e.names = v[COL_NAMES];
    e.cas = v[COL_CAS][0] ? v[COL_CAS] : NULL;
    e.keys = keys_of(e.names, e.cas, r->arena);
    e.part = (enum part)part;
    e.has_limit = v[COL_LIMIT][0] != '\0';
    if (e.has_limit) {
        char *end = NULL;

        e.limit = strtod(v[COL_LIMIT], &end);
        if (end == v[COL_LIMIT] || *end != '\0' || !(e.limit >= 0 && e.limit <= 100)) {
            return aci_fail(err, AC_EINVAL,
                            "regime line %zu: limit: a percentage from 0 to 100, "
                            "or empty for any concentration",
                            no);
        }
    }
    if (!read_basis(v[COL_BASIS], &e.nitrogen)) {
        return aci_fail(err, AC_EINVAL,
                        "regime line %zu: basis: w/w, or \"nitrogen N\" with N the pure "
                        "substance's nitrogen %% by weight (ammonium nitrate: nitrogen 35.0)",
                        no);
    }
    if (v[COL_INCLUSIVE][0] != '\0' && strcmp(v[COL_INCLUSIVE], "yes") != 0 &&
        strcmp(v[COL_INCLUSIVE], "no") != 0) {
        return aci_fail(err, AC_EINVAL,
                        "regime line %zu: inclusive: yes (the part applies at the limit) or "
                        "no (only above it; the default)",
                        no);
    }
    e.inclusive = strcmp(v[COL_INCLUSIVE], "yes") == 0;
    if (strcmp(v[COL_STATUS], "confirmed") != 0 && strcmp(v[COL_STATUS], "unverified") != 0 &&
        strcmp(v[COL_STATUS], "NOT FOUND") != 0) {
        return aci_fail(err, AC_EINVAL,
                        "regime line %zu: status: confirmed, unverified or "
                        "NOT FOUND",
                        no);
    }
    e.status = v[COL_STATUS];
    e.note = v[COL_NOTE];
    e.source = v[COL_SOURCE][0] ? v[COL_SOURCE] : NULL;
    if (e.keys == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (r->n == r->cap &&
        (r->e = aci_arena_grow(r->arena, r->e, r->n, &r->cap, sizeof *r->e)) == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    r->e[r->n++] = e;
    return AC_OK;
}

ac_code
ac_regime_new(const char *csv_text, ac_regime **out, ac_error *err)
{
    ac_regime *r = aci_calloc(1, sizeof *r);
    const char *text = csv_text != NULL ? csv_text : aci_substances_csv;
    bool header = true;
    int col[COL_COUNT];
    size_t no = 0;
    ac_code rc = AC_OK;

    *out = NULL;
    if (r == NULL || (r->arena = ac_arena_new(0)) == NULL) {
        aci_free(r);
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    for (const char *p = text; rc == AC_OK && *p != '\0';) {
        size_t n = strcspn(p, "\n");
        char *line = ac_arena_strndup(r->arena, p, n);

        no++;
        if (line != NULL && n > 0 && line[n - 1] == '\r') {
            line[n - 1] = '\0';
        }
        if (line == NULL) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory");
        } else if (line[0] != '#' && line[0] != '\0') {
            rc = header ? read_header(line, col, r->arena, err) : add_line(r, line, col, no, err);
            header = false;
        }
        p += n + (p[n] == '\n');
    }
    if (rc == AC_OK && r->n == 0) {
        rc = aci_fail(err, AC_EINVAL, "regime: no substances in the table");
    }
    if (rc != AC_OK) {
        ac_regime_free(r);
        return rc;
    }
    *out = r;
    return AC_OK;
}

void
ac_regime_free(ac_regime *r)
{
    if (r != NULL) {
        ac_arena_free(r->arena);
        aci_free(r);
    }
}

/* A concentration written in NAME ("35%", "68 % w/w", "34.5% N") cut out of it: *OUT_NAME
 * is the rest (in A), *OUT_CONC the percentage (negative when there is none) and
 * *OUT_NITROGEN whether it was given as nitrogen. */
static void
name_concentration(const char *name,
                   ac_arena *a,
                   const char **out_name,
                   double *out_conc,
                   bool *out_nitrogen)
{
    *out_name = name;
    *out_conc = -1;
    *out_nitrogen = false;
    for (const char *p = name; *p != '\0'; p++) {
        const char *q = p, *end;
        char num[32];
        size_t n = 0;
        double v;

        if (!isdigit((unsigned char)*p) ||
            (p > name && (isalnum((unsigned char)p[-1]) || p[-1] == '.' || p[-1] == ','))) {
            continue;
        }
        while (n + 1 < sizeof num && (isdigit((unsigned char)*q) || *q == '.' || *q == ',')) {
            num[n++] = *q == ',' ? '.' : *q;
            q++;
        }
        num[n] = '\0';
        while (*q == ' ') {
            q++;
        }
        if (*q != '%') {
            continue;
        }
        end = q + 1;
        while (*end == ' ') {
            end++;
        }
        if ((end[0] == 'w' || end[0] == 'W') && end[1] == '/' && (end[2] == 'w' || end[2] == 'W')) {
            end += 3;
        } else if ((end[0] == 'N' || end[0] == 'n') && !isalnum((unsigned char)end[1])) {
            *out_nitrogen = true;
            end += 1;
        }
        v = strtod(num, NULL);
        if (!(v >= 0 && v <= 100)) {
            *out_nitrogen = false;
            continue;
        }
        *out_conc = v;
        *out_name = ac_arena_printf(a, "%.*s %s", (int)(p - name), name, end);
        return;
    }
}

static const struct entry *
find(const ac_regime *r, const char *substance, ac_arena *a)
{
    char *key = fold(substance, a), *wanted;

    if (key == NULL || (wanted = ac_arena_printf(a, "|%s|", key)) == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < r->n; i++) {
        if (strstr(r->e[i].keys, wanted) != NULL) {
            return &r->e[i];
        }
    }
    return NULL;
}

static void
fill(const struct entry *e, ac_regime_result *out)
{
    out->substance = e->names; /* all its names, the table's own first */
    out->cas = e->cas;
    out->status = e->status;
    out->source = e->source;
}

ac_code
ac_regime_classify(const ac_regime *r,
                   const char *substance,
                   double concentration,
                   ac_arena *a,
                   ac_regime_result *out,
                   ac_error *err)
{
    const struct entry *e;
    const char *name = substance, *measure = "";
    double named = -1, value;
    bool above, nitrogen_given = false, as_nitrogen;
    char limit[96];
    const char *rule;

    memset(out, 0, sizeof *out);
    out->concentration = -1;
    if (!(concentration <= 100.0) && !(concentration < 0)) {
        return aci_fail(err, AC_EINVAL, "concentration: a percentage from 0 to 100");
    }
    name_concentration(substance, a, &name, &named, &nitrogen_given);
    if (name == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    e = find(r, name, a);
    as_nitrogen = concentration < 0 && nitrogen_given && e != NULL && e->nitrogen > 0;
    value = concentration >= 0 ? concentration : named; /* the field wins over the name */
    out->concentration = value;
    if (e == NULL) {
        out->cls = AC_REGIME_UNRECOGNISED;
        out->reason = ac_arena_printf(a,
                                      "not recognised: give the CAS number or the name on the "
                                      "label (the regime table has %zu entries)",
                                      r->n);
        return out->reason != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    fill(e, out);
    if (as_nitrogen) {
        /* a label's "34.5% N" is the nitrogen itself; as % w/w of the substance, capped */
        out->concentration = fmin(100.0, value * 100.0 / e->nitrogen);
        measure = ac_arena_printf(a, " (%g%% nitrogen as given)", value);
    } else if (e->nitrogen > 0 && value >= 0) {
        value = value * e->nitrogen / 100.0;
        measure = ac_arena_printf(a, " (%g%% w/w is %.3g%% nitrogen)", out->concentration, value);
    }
    if (!e->has_limit || value < 0) {
        above = true;
    } else {
        /* a hair of tolerance so that 16.0% computed as 15.99999 still counts */
        above = e->inclusive ? value >= e->limit - 1e-9 : value > e->limit + 1e-9;
    }
    if (e->has_limit) {
        snprintf(limit, sizeof limit, "%g%% %s%s", e->limit,
                 e->nitrogen > 0 ? "by weight of nitrogen" : "w/w",
                 e->inclusive ? " (inclusive)" : "");
    } else {
        snprintf(limit, sizeof limit, "any concentration");
    }
    switch (e->part) {
    case REG_PRECURSOR:
        out->cls = above ? AC_REGIME_REGULATED_PRECURSOR : AC_REGIME_REPORTABLE_PRECURSOR;
        rule = above ? (e->inclusive ? "Part 1: regulated at or above %s"
                                     : "Part 1: regulated above %s")
                     : (e->inclusive ? "Part 1 below %s: reportable"
                                     : "Part 1 at or below %s: reportable");
        break;
    case REG_POISON:
        out->cls = above ? AC_REGIME_REGULATED_POISON : AC_REGIME_NEITHER;
        rule = above ? "Part 2: regulated above %s" : "Part 2, but at or below %s";
        break;
    case REP_PRECURSOR:
        out->cls = AC_REGIME_REPORTABLE_PRECURSOR;
        rule = "Part 3: reportable at %s";
        break;
    default:
        out->cls = above ? AC_REGIME_REPORTABLE_POISON : AC_REGIME_NEITHER;
        rule = above ? "Part 4: reportable above %s" : "Part 4, but at or below %s";
        break;
    }
    out->reason = ac_arena_printf(
        a, "%s%s%s%s%s%s", ac_arena_printf(a, rule, limit), measure,
        value < 0 && e->has_limit ? " (concentration not given: treated as above)" : "",
        e->note[0] ? "; " : "", e->note,
        strcmp(e->status, "confirmed") != 0 ? ac_arena_printf(a,
                                                              "; the table marks this entry %s: "
                                                              "check it against the current list",
                                                              e->status)
                                            : "");
    return out->reason != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
}

bool
ac_regime_entry(const ac_regime *r, size_t i, ac_regime_result *out)
{
    static const ac_regime_class classes[] = { AC_REGIME_REGULATED_PRECURSOR,
                                               AC_REGIME_REGULATED_POISON,
                                               AC_REGIME_REPORTABLE_PRECURSOR,
                                               AC_REGIME_REPORTABLE_POISON };

    memset(out, 0, sizeof *out);
    if (i >= r->n) {
        return false;
    }
    fill(&r->e[i], out);
    out->cls = classes[r->e[i].part];
    out->reason = r->e[i].note;
    return true;
}

bool
ac_regime_row_get(const ac_regime *r, size_t i, ac_regime_row *out)
{
    const struct entry *e;

    memset(out, 0, sizeof *out);
    if (i >= r->n) {
        return false;
    }
    e = &r->e[i];
    out->names = e->names;
    out->cas = e->cas;
    out->part = parts[e->part];
    out->has_limit = e->has_limit;
    out->limit = e->limit;
    out->nitrogen = e->nitrogen;
    out->inclusive = e->inclusive;
    out->status = e->status;
    out->note = e->note;
    out->source = e->source;
    return true;
}

int
ac_regime_row_matches(const ac_regime *r, size_t i, const char *query, ac_arena *a)
{
    char *key, *begins;

    if (i >= r->n) {
        return 0;
    }
    if (query[strspn(query, " ")] == '\0') {
        return 2;
    }
    key = fold(query, a);
    begins = key != NULL ? ac_arena_printf(a, "|%s", key) : NULL;
    if (begins == NULL) {
        return 0;
    }
    if (strstr(r->e[i].keys, begins) != NULL) {
        return 2;
    }
    return strlen(key) >= 3 && strstr(r->e[i].keys, key) != NULL ? 1 : 0;
}
