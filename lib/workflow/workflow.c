/* SPDX-License-Identifier: Apache-2.0
 *
 * workflow.c - loading the workflow tables and checking a step against them
 * (workflow.h).  Pure.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "accord/workflow.h"
#include "workflow/tables.h"
#include "workflow/workflow.h"

extern const char aci_workflow_states_csv[];
extern const char aci_workflow_steps_csv[];
extern const char aci_workflow_values_csv[];
extern const char aci_workflow_bank_holidays_csv[];

#define STATE_FIELDS 6
#define STEP_FIELDS  8
#define VALUE_FIELDS 3
#define MAX_LIST     400 /* the "next steps" list in an error message */

/* Split LINE at commas into exactly N fields (the last takes the rest), in place. */
static size_t
split(char *line, char **f, size_t n)
{
    size_t k = 0;

    f[k++] = line;
    for (char *p = line; *p != '\0' && k < n; p++) {
        if (*p == ',') {
            *p = '\0';
            f[k++] = p + 1;
        }
    }
    return k;
}

/* Split S at '|' into OUT (up to CAP), in place; returns how many. */
static size_t
split_bars(char *s, const char **out, size_t cap)
{
    size_t k = 0;

    while (*s != '\0' && k < cap) {
        out[k++] = s;
        s += strcspn(s, "|");
        if (*s == '|') {
            *s++ = '\0';
        }
    }
    return *s == '\0' ? k : cap + 1;
}

static ac_code
parse_roles(char *s, unsigned *out, ac_error *err)
{
    for (char *p = s; *p != '\0'; p++) {
        *p = *p == '|' ? ',' : *p;
    }
    return ac_roles_parse(s, out, err);
}

static ac_code
parse_kinds(char *s, uint32_t *out, ac_error *err)
{
    const char *kinds[AC_AGENCY_KIND_COUNT + 1];
    size_t n = split_bars(s, kinds, AC_AGENCY_KIND_COUNT);

    *out = 0;
    if (n == 0 || n > AC_AGENCY_KIND_COUNT) {
        return aci_fail(err, AC_EINVAL, "agencies: one or more agency kinds, separated by '|'");
    }
    for (size_t i = 0; i < n; i++) {
        ac_agency_kind k;

        if (ac_agency_kind_parse(kinds[i], &k, err) != AC_OK) {
            return AC_EINVAL;
        }
        *out |= 1u << k;
    }
    return AC_OK;
}

static ac_code
add_state(struct aci_workflows *w, char **f, ac_error *err)
{
    struct aci_wf_state *s = &w->states[w->n_states];

    memset(s, 0, sizeof *s);
    s->workflow = f[0];
    s->name = f[1];
    s->start = strcmp(f[2], "start") == 0;
    s->end = strcmp(f[3], "end") == 0;
    s->has_deadline = f[4][0] != '\0';
    s->basis = f[5];
    if (f[0][0] == '\0' || f[1][0] == '\0' || (f[2][0] && !s->start) || (f[3][0] && !s->end)) {
        return aci_fail(err, AC_EINVAL,
                        "workflow, state, start (empty or 'start') and end "
                        "(empty or 'end') expected");
    }
    if (s->has_deadline) {
        char *from = strstr(f[4], " from ");

        if (from != NULL) {
            *from = '\0';
            s->from_field = from + 6;
        }
    }
    if (s->from_field != NULL && s->from_field[0] == '\0') {
        return aci_fail(err, AC_EINVAL,
                        "deadline: 'from' names a date field, e.g. 'from released_on'");
    }
    if (s->has_deadline && aci_span_parse(f[4], &s->deadline, err) != AC_OK) {
        aci_error_prefix(err, "deadline: ");
        return AC_EINVAL;
    }
    w->n_states++;
    return AC_OK;
}

static ac_code
add_step(struct aci_workflows *w, char **f, ac_error *err)
{
    struct aci_wf_step *s = &w->steps[w->n_steps];

    memset(s, 0, sizeof *s);
    s->workflow = f[0];
    s->name = f[1];
    s->to = f[3];
    s->n_from = split_bars(f[2], s->from, ACI_WF_MAX_FROM);
    if (f[0][0] == '\0' || f[1][0] == '\0' || f[3][0] == '\0' || s->n_from == 0 ||
        s->n_from > ACI_WF_MAX_FROM) {
        return aci_fail(err, AC_EINVAL,
                        "workflow, step, from (states separated by '|') and to "
                        "expected");
    }
    if (parse_roles(f[4], &s->roles, err) != AC_OK) {
        aci_error_prefix(err, "roles: ");
        return AC_EINVAL;
    }
    if (parse_kinds(f[5], &s->kinds, err) != AC_OK) {
        return AC_EINVAL;
    }
    s->n_requires = split_bars(f[6], s->requires, ACI_WF_MAX_REQUIRES);
    if (s->n_requires > ACI_WF_MAX_REQUIRES) {
        return aci_fail(err, AC_EINVAL, "requires: at most %d fields", ACI_WF_MAX_REQUIRES);
    }
    for (size_t k = 0; k < s->n_requires; k++) {
        size_t len = strlen(s->requires[k]);

        if (len > 1 && s->requires[k][len - 1] == '?') {
            ((char *)s->requires[k])[len - 1] = '\0'; /* in the table's own copy of the line */
            s->optional |= 1u << k;
        }
    }
    if (f[7][0] != '\0') {
        char *space = strchr(f[7], ' ');
        struct aci_span span;

        if (space == NULL || aci_span_parse(space + 1, &span, err) != AC_OK ||
            (span.unit != ACI_SPAN_DAYS && span.unit != ACI_SPAN_DAYS_INCL)) {
            return aci_fail(err, AC_EINVAL,
                            "late_after: a date field and days, e.g. "
                            "'changed_on 3 d incl'");
        }
        *space = '\0';
        s->late_field = f[7];
        /* days after the date that are still in time: "3 d incl" is that day and 2 more */
        s->late_days = span.unit == ACI_SPAN_DAYS_INCL ? span.n - 1 : span.n;
    }
    w->n_steps++;
    return AC_OK;
}

static ac_code
add_value(struct aci_workflows *w, char **f, ac_error *err)
{
    if (f[0][0] == '\0' || f[1][0] == '\0') {
        return aci_fail(err, AC_EINVAL, "field and value expected");
    }
    w->values[w->n_values][0] = f[0];
    w->values[w->n_values][1] = f[1];
    w->n_values++;
    return AC_OK;
}

static ac_code
add_holiday(struct aci_workflows *w, char **f, ac_error *err)
{
    int y = 0, m = 0, d = 0, used = 0;

    if (sscanf(f[0], "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || f[0][used] != '\0' || m < 1 ||
        m > 12 || d < 1 || d > 31) {
        return aci_fail(err, AC_EINVAL, "date: YYYY-MM-DD");
    }
    if (strcmp(f[1], "add") != 0 && strcmp(f[1], "remove") != 0) {
        return aci_fail(err, AC_EINVAL, "change: add or remove");
    }
    w->holidays[w->n_holidays].day = aci_days_from_civil(y, m, d);
    w->holidays[w->n_holidays].change = f[1][0] == 'a' ? 1 : -1;
    w->n_holidays++;
    return AC_OK;
}

/* Read TEXT's rows (after comments and the header) with ADD. */
static ac_code
read_table(struct aci_workflows *w,
           const char *text,
           const char *what,
           size_t n_fields,
           ac_code (*add)(struct aci_workflows *, char **, ac_error *),
           ac_error *err)
{
    char *copy = ac_arena_strdup(w->arena, text), *line = copy;
    bool header = true;
    size_t no = 0;

    if (copy == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    while (line != NULL && *line != '\0') {
        char *nl = strchr(line, '\n'), *f[STEP_FIELDS];

        no++;
        if (nl != NULL) {
            *nl = '\0';
        }
        if (line[0] != '#' && line[0] != '\0') {
            if (header) {
                header = false;
            } else if (split(line, f, n_fields) != n_fields) {
                return aci_fail(err, AC_EINVAL, "%s line %zu: expected %zu fields", what, no,
                                n_fields);
            } else if (add(w, f, err) != AC_OK) {
                aci_error_prefix(err, "%s line %zu: ", what, no);
                return AC_EINVAL;
            }
        }
        line = nl != NULL ? nl + 1 : NULL;
    }
    return AC_OK;
}

static size_t
count_lines(const char *s)
{
    size_t n = 1;

    for (; *s != '\0'; s++) {
        n += *s == '\n';
    }
    return n;
}

/* Every step's states exist in its workflow, and each workflow has one start. */
static ac_code
check_tables(const struct aci_workflows *w, ac_error *err)
{
    for (size_t i = 0; i < w->n_steps; i++) {
        const struct aci_wf_step *s = &w->steps[i];

        for (size_t k = 0; k <= s->n_from; k++) {
            const char *name = k < s->n_from ? s->from[k] : s->to;

            if (strcmp(name, "=") != 0 && aci_workflow_state(w, s->workflow, name) == NULL) {
                return aci_fail(err, AC_EINVAL, "steps: %s.%s names state '%s', which %s lacks",
                                s->workflow, s->name, name, s->workflow);
            }
        }
    }
    for (size_t i = 0; i < w->n_states; i++) {
        if (aci_workflow_start(w, w->states[i].workflow) == NULL) {
            return aci_fail(err, AC_EINVAL, "states: workflow %s has no start state",
                            w->states[i].workflow);
        }
    }
    return AC_OK;
}

ac_code
ac_workflow_fields(ac_arena *a, ac_workflow_field **out, size_t *out_n, ac_error *err)
{
    struct aci_workflows *w = NULL;
    ac_workflow_field *f = NULL;
    size_t n = 0, cap = 0;
    ac_code rc = aci_workflows_load(NULL, NULL, NULL, &w, err);

    *out = NULL;
    *out_n = 0;
    for (size_t i = 0; rc == AC_OK && i < w->n_steps; i++) {
        cap += w->steps[i].n_requires;
    }
    if (rc == AC_OK && cap > 0 && (f = ac_arena_alloc(a, cap * sizeof *f)) == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; rc == AC_OK && i < w->n_steps; i++) {
        for (size_t k = 0; rc == AC_OK && k < w->steps[i].n_requires; k++) {
            const char *name = w->steps[i].requires[k];
            size_t j = 0;

            while (j < n && strcmp(f[j].name, name) != 0) {
                j++;
            }
            if (j < n) {
                continue; /* named by an earlier step */
            }
            f[n].name = ac_arena_strdup(a, name);
            f[n].values = NULL;
            for (size_t v = 0; v < w->n_values; v++) {
                if (strcmp(w->values[v][0], name) == 0) {
                    f[n].values = f[n].values == NULL
                                      ? ac_arena_strdup(a, w->values[v][1])
                                      : ac_arena_printf(a, "%s, %s", f[n].values, w->values[v][1]);
                    if (f[n].values == NULL) {
                        rc = aci_fail(err, AC_ENOMEM, "out of memory");
                    }
                }
            }
            rc = rc == AC_OK && f[n].name == NULL ? aci_fail(err, AC_ENOMEM, "out of memory") : rc;
            n++;
        }
    }
    aci_workflows_free(w);
    if (rc == AC_OK) {
        *out = f;
        *out_n = n;
    }
    return rc;
}

ac_code
aci_workflows_load(const char *states_csv,
                   const char *steps_csv,
                   const char *values_csv,
                   struct aci_workflows **out,
                   ac_error *err)
{
    struct aci_workflows *w = aci_calloc(1, sizeof *w);
    ac_code rc = w != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");

    *out = NULL;
    states_csv = states_csv != NULL ? states_csv : aci_workflow_states_csv;
    steps_csv = steps_csv != NULL ? steps_csv : aci_workflow_steps_csv;
    values_csv = values_csv != NULL ? values_csv : aci_workflow_values_csv;
    if (rc == AC_OK) {
        w->arena = ac_arena_new(0);
        w->states =
            w->arena ? ac_arena_alloc(w->arena, count_lines(states_csv) * sizeof *w->states) : NULL;
        w->steps =
            w->arena ? ac_arena_alloc(w->arena, count_lines(steps_csv) * sizeof *w->steps) : NULL;
        w->values =
            w->arena ? ac_arena_alloc(w->arena, count_lines(values_csv) * sizeof *w->values) : NULL;
        w->holidays = w->arena
                          ? ac_arena_alloc(w->arena, count_lines(aci_workflow_bank_holidays_csv) *
                                                         sizeof *w->holidays)
                          : NULL;
        rc = w->states != NULL && w->steps != NULL && w->values != NULL && w->holidays != NULL
                 ? AC_OK
                 : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (rc == AC_OK) {
        rc = read_table(w, states_csv, "states", STATE_FIELDS, add_state, err);
    }
    if (rc == AC_OK) {
        rc = read_table(w, steps_csv, "steps", STEP_FIELDS, add_step, err);
    }
    if (rc == AC_OK) {
        rc = read_table(w, values_csv, "values", VALUE_FIELDS, add_value, err);
    }
    if (rc == AC_OK) {
        rc = read_table(w, aci_workflow_bank_holidays_csv, "bank_holidays", 3, add_holiday, err);
    }
    if (rc == AC_OK) {
        rc = check_tables(w, err);
    }
    if (rc != AC_OK) {
        aci_workflows_free(w);
        return rc;
    }
    *out = w;
    return AC_OK;
}

void
aci_workflows_free(struct aci_workflows *w)
{
    if (w != NULL) {
        ac_arena_free(w->arena);
        aci_free(w);
    }
}

const char *
aci_case_type_words(const char *case_type)
{
    static const char *const map[][2] = {
        { "soi", "Subject of interest" },
        { "maa_review", "Closed subject of interest review" },
        { "prevent_referral", "Prevent referral" },
        { "channel", "Channel" },
        { "offender_notification", "Offender notification" },
        { "general", "General" },
    };

    for (size_t i = 0; i < ACI_ARRAY_LEN(map); i++) {
        if (strcmp(case_type, map[i][0]) == 0) {
            return map[i][1];
        }
    }
    return case_type;
}

void
aci_code_words(const char *code, char *out, size_t size)
{
    size_t i = 0;

    for (; size > 0 && code[i] != '\0' && i + 1 < size; i++) {
        out[i] = code[i] == '_' ? ' ' : code[i];
    }
    if (size > 0) {
        out[i] = '\0';
    }
}

const char *
aci_workflow_of_case(const char *case_type)
{
    static const char *const map[][2] = {
        { "soi", "soi" },
        { "maa_review", "soi" },
        { "prevent_referral", "prevent_referral" },
        { "channel", "prevent_referral" },
        { "offender_notification", "offender" },
    };

    for (size_t i = 0; i < ACI_ARRAY_LEN(map); i++) {
        if (strcmp(case_type, map[i][0]) == 0) {
            return map[i][1];
        }
    }
    return NULL;
}

const struct aci_wf_step *
aci_workflow_step_at(const struct aci_workflows *w, size_t i)
{
    return i < w->n_steps ? &w->steps[i] : NULL;
}

const struct aci_wf_state *
aci_workflow_state(const struct aci_workflows *w, const char *workflow, const char *state)
{
    for (size_t i = 0; i < w->n_states; i++) {
        if (strcmp(w->states[i].workflow, workflow) == 0 && strcmp(w->states[i].name, state) == 0) {
            return &w->states[i];
        }
    }
    return NULL;
}

const char *
aci_workflow_start(const struct aci_workflows *w, const char *workflow)
{
    for (size_t i = 0; i < w->n_states; i++) {
        if (w->states[i].start && strcmp(w->states[i].workflow, workflow) == 0) {
            return w->states[i].name;
        }
    }
    return NULL;
}

static bool
from_state(const struct aci_wf_step *s, const char *state)
{
    for (size_t k = 0; k < s->n_from; k++) {
        if (strcmp(s->from[k], state) == 0) {
            return true;
        }
    }
    return false;
}

static bool
may_take(const struct aci_wf_step *s, const ac_actor *actor)
{
    return (actor->roles & s->roles) != 0 && (s->kinds >> actor->agency_kind & 1u) != 0;
}

size_t
aci_workflow_next(const struct aci_workflows *w,
                  const char *workflow,
                  const char *state,
                  const ac_actor *actor,
                  const struct aci_wf_step **out,
                  size_t cap)
{
    size_t n = 0;

    for (size_t i = 0; i < w->n_steps; i++) {
        const struct aci_wf_step *s = &w->steps[i];

        if (strcmp(s->workflow, workflow) == 0 && from_state(s, state) &&
            (actor == NULL || may_take(s, actor))) {
            if (n < cap) {
                out[n] = s;
            }
            n++;
        }
    }
    return n;
}

static const char *
field_value(const struct aci_wf_field *fields, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(fields[i].name, name) == 0) {
            const char *v = fields[i].value;

            while (v != NULL && *v == ' ') {
                v++;
            }
            return v != NULL && *v != '\0' ? v : NULL;
        }
    }
    return NULL;
}

/* "a, b, c": the steps from STATE, for messages. */
static void
list_next(const struct aci_workflows *w, const char *workflow, const char *state, char *buf)
{
    const struct aci_wf_step *next[32];
    size_t n = aci_workflow_next(w, workflow, state, NULL, next, ACI_ARRAY_LEN(next)), used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < n && i < ACI_ARRAY_LEN(next) && used < MAX_LIST; i++) {
        int k = snprintf(buf + used, MAX_LIST - used, "%s%s", i ? ", " : "", next[i]->name);

        used += k > 0 ? (size_t)k : 0;
    }
    if (n == 0) {
        snprintf(buf, MAX_LIST, "none: the case has ended");
    }
}

/* "a, b, c": the values FIELD takes (values.csv) into LIST (MAX_LIST + 1 bytes); false
 * when the field is free text. */
static bool
list_values(const struct aci_workflows *w, const char *field, char *list)
{
    size_t used = 0;
    bool listed = false;

    list[0] = '\0';
    for (size_t k = 0; k < w->n_values; k++) {
        if (strcmp(w->values[k][0], field) == 0) {
            int m = snprintf(list + used, MAX_LIST + 1 - used, "%s%s", listed ? ", " : "",
                             w->values[k][1]);

            used += m > 0 && (size_t)m < MAX_LIST + 1 - used ? (size_t)m : 0;
            listed = true;
        }
    }
    return listed;
}

/* The edit distance of A and B, capped at 9 (field names are short). */
static size_t
distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), row[33];

    if (na > 32 || nb > 32) {
        return 9;
    }
    for (size_t j = 0; j <= nb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];

        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

            best = up + 1 < best ? up + 1 : best;
            best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
            diag = up;
            row[j] = best;
        }
    }
    return row[nb] < 9 ? row[nb] : 9;
}

/* Is NAME among the fields S requires (or may be given)? */
static bool requires(const struct aci_wf_step *s, const char *name)
{
    for (size_t k = 0; k < s->n_requires; k++) {
        if (strcmp(s->requires[k], name) == 0) {
            return true;
        }
    }
    return false;
}

/* Every field given is one step S takes (those it requires, and the date of its late_after
 * rule): the first other is refused by name, with the one most likely meant (within two
 * edits) or else the list of those it takes. */
static ac_code
check_known(const struct aci_wf_step *s, const struct aci_wf_field *fields, size_t n, ac_error *err)
{
    for (size_t i = 0; i < n; i++) {
        const char *like = NULL, *name = fields[i].name;
        bool late = s->late_field != NULL && !requires(s, s->late_field);
        char list[MAX_LIST + 1];
        size_t best = 3, used = 0;

        if (requires(s, name) || (s->late_field != NULL && strcmp(s->late_field, name) == 0)) {
            continue;
        }
        list[0] = '\0';
        for (size_t k = 0; k < s->n_requires + late; k++) {
            const char *known = k < s->n_requires ? s->requires[k] : s->late_field;
            size_t d = distance(name, known);
            int m = snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "", known);

            used += m > 0 && (size_t)m < sizeof list - used ? (size_t)m : 0;
            if (d < best) {
                best = d;
                like = known;
            }
        }
        if (like != NULL) {
            return aci_fail(err, AC_EINVAL, "%s: unknown field for step '%s'; did you mean %s?",
                            name, s->name, like);
        }
        return aci_fail(err, AC_EINVAL, "%s: unknown field for step '%s'; it takes %s", name,
                        s->name, list[0] != '\0' ? list : "none besides the rationale");
    }
    return AC_OK;
}

/* Every field with listed values (values.csv) has one of them. */
static ac_code
check_values(const struct aci_workflows *w,
             const struct aci_wf_field *fields,
             size_t n,
             ac_error *err)
{
    for (size_t i = 0; i < n; i++) {
        char list[MAX_LIST + 1];
        size_t used = 0;
        bool listed = false, ok = false;

        list[0] = '\0';
        for (size_t k = 0; k < w->n_values; k++) {
            if (strcmp(w->values[k][0], fields[i].name) == 0) {
                int m = snprintf(list + used, sizeof list - used, "%s%s", listed ? ", " : "",
                                 w->values[k][1]);

                used += m > 0 && (size_t)m < sizeof list - used ? (size_t)m : 0;
                listed = true;
                ok |= fields[i].value != NULL && strcmp(fields[i].value, w->values[k][1]) == 0;
            }
        }
        if (listed && !ok) {
            return aci_fail(err, AC_EINVAL, "%s: one of %s", fields[i].name, list);
        }
    }
    return AC_OK;
}

/* Consent for a child is a parent's or guardian's (CTSA 2015 s.36; DOMAIN.md §2.4). */
static ac_code
check_consent(const struct aci_wf_field *fields, size_t n, ac_error *err)
{
    const char *age = field_value(fields, n, "subject_age");
    const char *by = field_value(fields, n, "consent_by");
    char *end = NULL;
    long years;

    if (age == NULL || by == NULL) {
        return AC_OK;
    }
    years = strtol(age, &end, 10);
    if (end == age || *end != '\0' || years < 0 || years > 130) {
        return aci_fail(err, AC_EINVAL, "subject_age: the person's age in whole years");
    }
    if (years < 18 && strncmp(by, "parent", 6) != 0 && strncmp(by, "guardian", 8) != 0) {
        return aci_fail(err, AC_EINVAL,
                        "consent_by: for a person under 18, consent is a parent's or "
                        "guardian's ('parent: NAME' or 'guardian: NAME')");
    }
    return AC_OK;
}

/* The dates a step gives are dates (date_of_birth too), and a foreign-travel notice comes
 * before the departure it gives notice of (CTA 2008 s.52; SI 2009/2493), the return after
 * the departure. */
static ac_code
check_dates(const struct aci_wf_field *fields, size_t n, ac_error *err)
{
    const char *notified = field_value(fields, n, "notified_on");
    const char *departure = field_value(fields, n, "departure_on");
    const char *ret = field_value(fields, n, "return_on");
    const char *dob = field_value(fields, n, "date_of_birth");
    int64_t nd = 0, dd = 0, rd = 0;

    if (dob != NULL && aci_date_days(dob, &nd, NULL) != AC_OK) {
        return aci_fail(err, AC_EINVAL, "date_of_birth: a date (YYYY-MM-DD)");
    }
    if (departure == NULL) {
        return AC_OK;
    }
    if (aci_date_days(departure, &dd, NULL) != AC_OK) {
        return aci_fail(err, AC_EINVAL, "departure_on: a date (YYYY-MM-DD)");
    }
    if (notified != NULL && aci_date_days(notified, &nd, NULL) == AC_OK && dd < nd) {
        return aci_fail(err, AC_EINVAL,
                        "departure_on: the notice of foreign travel must be given before the "
                        "departure (CTA 2008 s.52, SI 2009/2493); departure_on %s is before "
                        "notified_on %s: record the travel as a late notice on the timeline "
                        "(case note) and the breach to the police",
                        departure, notified);
    }
    if (ret != NULL && aci_date_days(ret, &rd, NULL) == AC_OK && rd < dd) {
        return aci_fail(err, AC_EINVAL, "return_on: on or after departure_on (%s)", departure);
    }
    return AC_OK;
}

ac_code
aci_workflow_check(const struct aci_workflows *w,
                   const char *workflow,
                   const char *state,
                   const char *step,
                   const ac_actor *actor,
                   const char *rationale,
                   const struct aci_wf_field *fields,
                   size_t n_fields,
                   const struct aci_wf_step **out,
                   ac_error *err)
{
    const struct aci_wf_step *s = NULL;
    char list[MAX_LIST + 1];

    *out = NULL;
    for (size_t i = 0; i < w->n_steps && s == NULL; i++) {
        if (strcmp(w->steps[i].workflow, workflow) == 0 && strcmp(w->steps[i].name, step) == 0 &&
            from_state(&w->steps[i], state)) {
            s = &w->steps[i];
        }
    }
    if (s == NULL) {
        list_next(w, workflow, state, list);
        return aci_fail(err, AC_EINVAL, "step '%s' cannot be taken from '%s'; next steps: %s", step,
                        state, list);
    }
    if ((actor->roles & s->roles) == 0) {
        size_t used = 0;

        list[0] = '\0';
        for (unsigned bit = 1; bit <= AC_ROLE_ALL; bit <<= 1) {
            if (s->roles & bit) {
                int k = snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "",
                                 ac_role_str((ac_role)bit));

                used += k > 0 ? (size_t)k : 0;
            }
        }
        return aci_fail(err, AC_EDENIED, "step '%s' is taken by: %s", step, list);
    }
    if ((s->kinds >> actor->agency_kind & 1u) == 0) {
        return aci_fail(err, AC_EDENIED, "step '%s' is not for a %s agency", step,
                        ac_agency_kind_str(actor->agency_kind));
    }
    while (rationale != NULL && *rationale == ' ') {
        rationale++;
    }
    if (rationale == NULL || *rationale == '\0') {
        return aci_fail(err, AC_EINVAL, "rationale: required (why this step, in words)");
    }
    if (check_known(s, fields, n_fields, err) != AC_OK) {
        return AC_EINVAL;
    }
    for (size_t k = 0; k < s->n_requires; k++) {
        if ((s->optional >> k & 1u) == 0 && field_value(fields, n_fields, s->requires[k]) == NULL) {
            if (list_values(w, s->requires[k], list)) {
                return aci_fail(err, AC_EINVAL, "%s: required for step '%s'; one of %s",
                                s->requires[k], step, list);
            }
            return aci_fail(err, AC_EINVAL, "%s: required for step '%s'", s->requires[k], step);
        }
    }
    if (check_values(w, fields, n_fields, err) != AC_OK ||
        check_consent(fields, n_fields, err) != AC_OK ||
        check_dates(fields, n_fields, err) != AC_OK) {
        return AC_EINVAL;
    }
    *out = s;
    return AC_OK;
}

ac_code
aci_notification_period(const char *sentence_months, const char *age, int *years, ac_error *err)
{
    char *end = NULL;
    bool life = strcmp(sentence_months, "life") == 0;
    bool hospital = strcmp(sentence_months, "hospital_order") == 0;
    long months = life ? 1200 : hospital ? 0 : strtol(sentence_months, &end, 10);
    long at = strtol(age, &end, 10);

    *years = 0;
    if (!life && !hospital &&
        (sentence_months[0] == '\0' ||
         strspn(sentence_months, "0123456789") != strlen(sentence_months))) {
        return aci_fail(err, AC_EINVAL,
                        "sentence_months: a whole number of months, life, or hospital_order");
    }
    if (end == age || *end != '\0' || at < 10 || at > 120) {
        return aci_fail(err, AC_EINVAL, "age_at_conviction: the age in whole years");
    }
    if (at < 16) {
        return aci_fail(err, AC_EINVAL,
                        "age_at_conviction: %ld: the notification requirements apply only to a "
                        "person aged 16 or over when dealt with (CTA 2008 s.44, s.45(1)); no "
                        "requirement applies: take step no_requirement to close the case",
                        at);
    }
    if (hospital) {
        *years = 10; /* s.53: "any other case" */
        return AC_OK;
    }
    if (months < 12) {
        return aci_fail(err, AC_EINVAL,
                        "sentence_months: under 12 months does not bring the "
                        "notification requirements (CTA 2008 s.45)");
    }
    *years = at < 18 ? 10 : months >= 120 ? 30 : months >= 60 ? 15 : 10;
    return AC_OK;
}

ac_code
aci_notification_ends(const char *dealt_with_on,
                      int years,
                      int64_t custody_days,
                      char *out,
                      size_t size,
                      ac_error *err)
{
    int y = 0, m = 0, d = 0;
    int64_t day = 0;

    if (aci_date_days(dealt_with_on, &day, NULL) != AC_OK ||
        sscanf(dealt_with_on, "%4d-%2d-%2d", &y, &m, &d) != 3) {
        return aci_fail(err, AC_EINVAL, "dealt_with_on: a date (YYYY-MM-DD)");
    }
    if (m == 2 && d == 29) {
        d = 28; /* the anniversary in a year that is not a leap year */
    }
    day = aci_days_from_civil(y + years, m, d) + (custody_days > 0 ? custody_days : 0);
    aci_date_text(day, out, size);
    return AC_OK;
}

bool
aci_workflow_field_sensitive(const char *name)
{
    static const char *const sensitive[] = { "concern" };

    for (size_t i = 0; i < ACI_ARRAY_LEN(sensitive); i++) {
        if (strcmp(name, sensitive[i]) == 0) {
            return true;
        }
    }
    return false;
}

bool
aci_workflow_field_planned(const char *name)
{
    return strcmp(name, "departure_on") == 0 || strcmp(name, "return_on") == 0;
}
