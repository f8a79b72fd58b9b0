/* SPDX-License-Identifier: Apache-2.0
 *
 * regime.c - the precursors and poisons table and the classification of a reported
 * product (regime.h).  Pure: the shipped table is embedded at build time.
 */
#include "internal.h"

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
    const char *keys;  /* their matching keys, '|'-separated */
    const char *cas;
    enum part part;
    bool has_limit;
    double limit;
    const char *status, *note;
};

struct ac_regime {
    ac_arena *arena;
    struct entry *e;
    size_t n, cap;
};

static const char *const class_names[] = { "neither", "regulated explosives precursor",
                                           "regulated poison", "reportable explosives precursor",
                                           "reportable poison" };
static const char *const parts[] = { "regulated_precursor", "regulated_poison",
                                     "reportable_precursor", "reportable_poison" };

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

/* The '|'-separated names as '|'-separated matching keys, in A. */
static const char *
keys_of(const char *names, ac_arena *a)
{
    char *out = ac_arena_strdup(a, "|");

    for (const char *p = names; out != NULL && *p != '\0';) {
        size_t n = strcspn(p, "|");
        char *one = ac_arena_strndup(a, p, n), *key = NULL;

        if (one != NULL && ac_text_key(one, a, &key, NULL) == AC_OK) {
            out = ac_arena_printf(a, "%s%s|", out, key);
        }
        p += n + (p[n] == '|');
    }
    return out;
}

static ac_code
add_line(ac_regime *r, const char *line, size_t no, ac_error *err)
{
    char *f[6];
    struct entry e;
    int part = -1;

    if (split(line, f, 6, r->arena) != 6) {
        return aci_fail(err, AC_EINVAL,
                        "regime line %zu: expected 6 fields: names,cas,part,limit,"
                        "status,note",
                        no);
    }
    for (int i = 0; i < 4; i++) {
        part = strcmp(f[2], parts[i]) == 0 ? i : part;
    }
    if (part < 0) {
        return aci_fail(err, AC_EINVAL,
                        "regime line %zu: part: regulated_precursor, "
                        "regulated_poison, reportable_precursor or reportable_poison",
                        no);
    }
    memset(&e, 0, sizeof e);
    e.names = f[0];
    e.keys = keys_of(f[0], r->arena);
    e.cas = f[1][0] ? f[1] : NULL;
    e.part = (enum part)part;
    e.has_limit = f[3][0] != '\0';
    if (e.has_limit) {
        char *end = NULL;

        e.limit = strtod(f[3], &end);
        if (end == f[3] || *end != '\0' || !(e.limit >= 0 && e.limit <= 100)) {
            return aci_fail(err, AC_EINVAL,
                            "regime line %zu: limit: a percentage from 0 to 100, "
                            "or empty for any concentration",
                            no);
        }
    }
    if (strcmp(f[4], "confirmed") != 0 && strcmp(f[4], "unverified") != 0 &&
        strcmp(f[4], "NOT FOUND") != 0) {
        return aci_fail(err, AC_EINVAL,
                        "regime line %zu: status: confirmed, unverified or "
                        "NOT FOUND",
                        no);
    }
    e.status = f[4];
    e.note = f[5];
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
            rc = header ? AC_OK : add_line(r, line, no, err); /* the first is the header */
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

static const struct entry *
find(const ac_regime *r, const char *substance, ac_arena *a)
{
    char *key = NULL, *wanted;

    for (size_t i = 0; i < r->n; i++) {
        if (r->e[i].cas != NULL && strcmp(r->e[i].cas, substance) == 0) {
            return &r->e[i];
        }
    }
    if (ac_text_key(substance, a, &key, NULL) != AC_OK || key[0] == '\0' ||
        (wanted = ac_arena_printf(a, "|%s|", key)) == NULL) {
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
    bool above;
    char limit[64];
    const char *rule;

    memset(out, 0, sizeof *out);
    if (!(concentration <= 100.0) && !(concentration < 0)) {
        return aci_fail(err, AC_EINVAL, "concentration: a percentage from 0 to 100");
    }
    e = find(r, substance, a);
    if (e == NULL) {
        out->cls = AC_REGIME_NEITHER;
        out->reason = ac_arena_printf(a,
                                      "not in the regime table (%zu entries): neither "
                                      "regulated nor reportable as far as accord knows",
                                      r->n);
        return AC_OK;
    }
    fill(e, out);
    above = !e->has_limit || concentration < 0 || concentration > e->limit;
    if (e->has_limit) {
        snprintf(limit, sizeof limit, "%g%% w/w", e->limit);
    } else {
        snprintf(limit, sizeof limit, "any concentration");
    }
    switch (e->part) {
    case REG_PRECURSOR:
        out->cls = above ? AC_REGIME_REGULATED_PRECURSOR : AC_REGIME_REPORTABLE_PRECURSOR;
        rule = above ? "Part 1: regulated above %s" : "Part 1 at or below %s: reportable";
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
        a, "%s%s%s%s%s", ac_arena_printf(a, rule, limit),
        concentration < 0 && e->has_limit ? " (concentration not given: treated as above)" : "",
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
