/* SPDX-License-Identifier: Apache-2.0
 *
 * figures.c - the partnership's statistics (statistics.h): the store counts, the
 * disclosure control (lib/policy/sdc.c) decides what of the counts is published, and only
 * the published texts leave this file.  The renderers (CSV, JSON, SVG) are in
 * figures_out.c.
 *
 * Each table's categories are fixed lists, so that a table always has the same shape
 * (an empty category shows as 0, and the shape reveals nothing); a key the lists do not
 * know (a concern recorded under a category no longer published, say) counts under the
 * table's last category, "other".  The sector and concern lists are those of
 * data/workflows/values.csv, with the sources given there (Home Office, "Individuals
 * referred to and supported through the Prevent Programme").
 */
#include "internal.h"

#include <string.h>

#include "accord/date.h"
#include "accord/statistics.h"
#include "hub/hub_int.h"
#include "policy/policy.h"
#include "policy/sdc.h"
#include "store/store_party.h"
#include "store/store_stats.h"

#define MAX_CATS 12

struct table_def {
    const char *name;
    const char *title;
    const char *row_title, *col_title;
    const char *rows[MAX_CATS]; /* NULL-terminated; the last is where unknown keys go */
    const char *cols[MAX_CATS];
};

#define SECTORS                                                                            \
    {                                                                                      \
        "education", "police", "local_authority", "health", "community", "friends_family", \
            "prison", "probation", "other", NULL                                           \
    }

static const struct table_def tables[] = {
    { "referrals",
      "Prevent referrals by sector and type of concern",
      "sector",
      "type of concern",
      SECTORS,
      { "islamist", "extreme_right_wing", "conflicted", "no_ideology",
        "no_ideology_other_susceptibility", "vulnerability_no_ideology_or_ct_risk", "other",
        NULL } },
    { "outcomes",
      "Prevent referrals by sector and outcome",
      "sector",
      "outcome",
      SECTORS,
      { "awaiting_decision", "no_further_action", "signposted", "discussed_at_channel",
        "adopted_by_channel", "exited_channel", "other", NULL } },
    { "reports",
      "Suspicious-purchase reports by class of substance and kind",
      "class",
      "kind",
      { "regulated explosives precursor", "regulated poison", "reportable explosives precursor",
        "reportable poison", "not recognised", "neither", NULL },
      { "transaction", "attempt", "loss", "theft", NULL } },
    { "alerts",
      "Alerts by priority and time to acknowledgement",
      "priority",
      "time to acknowledgement",
      { "high", "medium", "low", NULL },
      { "within_1_hour", "within_24_hours", "over_24_hours", "not_acknowledged", NULL } },
    { "rfis",
      "Requests for information by urgency and time to answer",
      "urgency",
      "time to answer",
      { "immediate", "urgent", "routine", NULL },
      { "within_1_day", "within_7_days", "over_7_days", "not_answered", NULL } },
    { "notifications",
      "Registered terrorist offenders' notifications by kind, on time or late",
      "notification",
      "compliance",
      { "initial_notification", "notify_change", "renotify", "notify_travel", "notify_return",
        NULL },
      { "on_time", "late", NULL } },
};

const char *const *
ac_stats_table_names(void)
{
    static const char *const names[] = { "referrals", "outcomes",      "reports", "alerts",
                                         "rfis",      "notifications", NULL };

    _Static_assert(ACI_ARRAY_LEN(names) == ACI_ARRAY_LEN(tables) + 1, "one name per table");
    return names;
}

static size_t
count_cats(const char *const *cats)
{
    size_t n = 0;

    while (n < MAX_CATS && cats[n] != NULL) {
        n++;
    }
    return n;
}

/* KEY's index among CATS, or the last category when it is not among them. */
static size_t
cat_index(const char *const *cats, size_t n, const char *key)
{
    for (size_t i = 0; key != NULL && i < n; i++) {
        if (strcmp(cats[i], key) == 0) {
            return i;
        }
    }
    return n - 1;
}

struct stats_args {
    const ac_stats_query *q;
    const struct table_def *def;
    ac_arena *a;
    ac_stats_table *out;
};

static ac_code
stats_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res = (struct aci_resource){ "statistics", op->actor->agency_id };
    return AC_OK;
}

static ac_code
publish(struct stats_args *x, const struct aci_stats_count *counts, size_t n_counts)
{
    const struct table_def *d = x->def;
    ac_stats_table *t = x->out;
    size_t nr = count_cats(d->rows), nc = count_cats(d->cols), n = (nr + 1) * (nc + 1);
    struct aci_sdc_table g = { nr, nc, ac_arena_zalloc(x->a, n * sizeof(int64_t)),
                               ac_arena_zalloc(x->a, n) };

    t->cells = ac_arena_zalloc(x->a, n * sizeof *t->cells);
    if (g.v == NULL || g.mark == NULL || t->cells == NULL) {
        return AC_ENOMEM;
    }
    for (size_t k = 0; k < n_counts; k++) {
        size_t r = cat_index(d->rows, nr, counts[k].row), c = cat_index(d->cols, nc, counts[k].col);

        g.v[aci_sdc_at(&g, r, c)] += counts[k].n;
    }
    aci_sdc_totals(&g);
    aci_sdc_protect(&g);
    for (size_t i = 0; i < n; i++) {
        char buf[24];

        t->cells[i] = ac_arena_strdup(x->a, aci_sdc_text(&g, i, x->q->round, buf));
        if (t->cells[i] == NULL) {
            return AC_ENOMEM;
        }
    }
    t->n_rows = nr;
    t->n_cols = nc;
    t->rows = (const char **)d->rows;
    t->cols = (const char **)d->cols;
    return AC_OK;
}

static ac_code
stats_body(struct aci_op *op, void *args, ac_error *err)
{
    struct stats_args *x = args;
    const ac_stats_query *q = x->q;
    struct aci_stats_count *counts = NULL;
    size_t n_counts = 0;
    const char *area_id = NULL;
    ac_agency area;
    ac_code rc = AC_OK;

    x->out->area = "";
    if (q->area != NULL) {
        rc = aci_store_agency_find(op->store, q->area, op->scratch, &area, err);
        if (rc == AC_ENOTFOUND) {
            return aci_fail(err, AC_ENOTFOUND,
                            "area: no agency of that name or id; 'accord agency list' lists them");
        }
        area_id = area.id;
        x->out->area = rc == AC_OK ? ac_arena_strdup(x->a, area.name) : NULL;
    }
    if (rc == AC_OK) {
        rc = aci_store_stats_counts(op->store, q->table, q->from, q->to, area_id, op->scratch,
                                    &counts, &n_counts, err);
    }
    if (rc == AC_OK) {
        rc = x->out->area != NULL ? publish(x, counts, n_counts) : AC_ENOMEM;
        if (rc == AC_ENOMEM) {
            return aci_fail(err, AC_ENOMEM, "out of memory");
        }
    }
    /* the audit names what was asked: a table, a period, an area; never a record */
    op->detail = ac_arena_printf(op->scratch, "statistics %s from %s to %s area %s%s", q->table,
                                 q->from != NULL ? q->from : "start", q->to != NULL ? q->to : "end",
                                 area_id != NULL ? area_id : "all", q->round ? ", rounded" : "");
    return rc;
}

static const struct aci_op_desc stats_op = {
    ACI_ACT_STATISTICS, "statistics", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, stats_find, stats_body,
};

/* A date of the period: YYYY-MM-DD, a real day. */
static ac_code
check_day(const char *field, const char *s, ac_error *err)
{
    ac_date d;
    bool shape = strlen(s) == 10;

    for (size_t i = 0; shape && i < 10; i++) {
        shape = i == 4 || i == 7 ? s[i] == '-' : s[i] >= '0' && s[i] <= '9';
    }
    if (!shape || ac_date_parse(s, &d, NULL) != AC_OK) {
        return aci_fail(err, AC_EINVAL, "%s: not a day (YYYY-MM-DD); give it as 2026-01-31", field);
    }
    return AC_OK;
}

static ac_code
check_query(const ac_stats_query *q, const struct table_def **def, ac_error *err)
{
    ac_code rc = AC_OK;

    *def = NULL;
    for (size_t i = 0; q->table != NULL && i < ACI_ARRAY_LEN(tables); i++) {
        if (strcmp(tables[i].name, q->table) == 0) {
            *def = &tables[i];
        }
    }
    if (*def == NULL) {
        return aci_fail(err, AC_EINVAL,
                        "table: unknown; use one of referrals, outcomes, reports, alerts, rfis, "
                        "notifications");
    }
    if (q->from != NULL) {
        rc = check_day("from", q->from, err);
    }
    if (rc == AC_OK && q->to != NULL) {
        rc = check_day("to", q->to, err);
    }
    if (rc == AC_OK && q->from != NULL && q->to != NULL && strcmp(q->from, q->to) > 0) {
        rc = aci_fail(err, AC_EINVAL, "to: before from; the period runs from 'from' to 'to'");
    }
    return rc;
}

ac_code
ac_stats_get(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             const ac_stats_query *q,
             ac_arena *a,
             const ac_stats_table **out,
             ac_error *err)
{
    struct stats_args x = { q, NULL, a, ac_arena_zalloc(a, sizeof(ac_stats_table)) };
    ac_code rc;

    *out = NULL;
    if (x.out == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = check_query(q, &x.def, err);
    if (rc == AC_OK) {
        rc = aci_op_run(&stats_op, hub, actor, purpose, &x, err);
    }
    if (rc == AC_OK) {
        x.out->table = x.def->name;
        x.out->title = x.def->title;
        x.out->row_title = x.def->row_title;
        x.out->col_title = x.def->col_title;
        x.out->from = q->from != NULL ? ac_arena_strdup(a, q->from) : "";
        x.out->to = q->to != NULL ? ac_arena_strdup(a, q->to) : "";
        x.out->rounded = q->round;
        *out = x.out;
    }
    return rc;
}
