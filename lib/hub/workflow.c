/* SPDX-License-Identifier: Apache-2.0
 *
 * workflow.c - hub calls on case workflows (include/accord/workflow.h): a step checked
 * by the workflow engine (lib/workflow) inside the gate, written to the case, its
 * timeline and its deadline in one transaction and audited once; notes; the timeline;
 * the next steps (deadlines and their alerts: case_deadlines.c).
 */
#include "internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "accord/text.h"
#include "accord/workflow.h"
#include "hub/hub_alert.h"
#include "hub/hub_int.h"
#include "hub/hub_item.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_item.h"
#include "store/store_party.h"
#include "store/store_report.h"
#include "store/store_workflow.h"
#include "workflow/workflow.h"

#define NOTE_MAX      4000
#define RATIONALE_MAX 4000
#define FIELD_MAX     1000
#define DETAIL_MAX    160

ac_code
aci_hub_workflows(ac_hub *hub, const struct aci_workflows **out, ac_error *err)
{
    ac_code rc = AC_OK;

    pthread_mutex_lock(&hub->lock);
    if (hub->workflows == NULL) {
        rc = aci_workflows_load(NULL, NULL, NULL, &hub->workflows, err);
    }
    *out = hub->workflows;
    pthread_mutex_unlock(&hub->lock);
    return rc;
}

#define MS_PER_DAY (24LL * 60 * ACI_MS_PER_MIN)

/* The value of field NAME in F[0..N), or NULL. */
static const char *
field_of(const ac_case_field *f, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(f[i].name, name) == 0 && f[i].value != NULL && f[i].value[0] != '\0') {
            return f[i].value;
        }
    }
    return NULL;
}

/* Start the deadline of STATE of WORKFLOW for case ID (or clear it: the state has none),
 * from the date in the state's "from" field of F[0..N) when it is there (the event's own
 * date, states.csv), else from now.  *STARTED: a deadline was (re)started. */
static ac_code
enter_state(ac_hub *hub,
            const char *workflow,
            const char *id,
            const char *state,
            const ac_case_field *f,
            size_t n,
            bool stays,
            ac_error *err)
{
    const struct aci_workflows *w = NULL;
    const struct aci_wf_state *st;
    const char *from = NULL;
    char due[AC_TIME_TEXT_MAX];
    int64_t start = 0, day = 0;
    ac_code rc = aci_hub_workflows(hub, &w, err);

    if (rc != AC_OK) {
        return rc;
    }
    st = aci_workflow_state(w, workflow, state);
    from = st != NULL && st->from_field != NULL ? field_of(f, n, st->from_field) : NULL;
    if (stays && from == NULL) {
        return AC_OK; /* a step that stays restarts the clock only with its date */
    }
    if (st == NULL || !st->has_deadline) {
        return aci_store_case_deadline_set(hub->store, id, state, NULL, NULL, err);
    }
    start = aci_hub_now_ms(hub);
    if (from != NULL && aci_date_days(from, &day, NULL) == AC_OK) {
        start = day * MS_PER_DAY + MS_PER_DAY / 2; /* noon UTC: that day in the UK */
    }
    ac_time_format(aci_deadline_due(start, &st->deadline, w), due);
    return aci_store_case_deadline_set(hub->store, id, state, due, st->basis, err);
}

ac_code
aci_case_enter_state(ac_hub *hub,
                     const char *workflow,
                     const char *id,
                     const char *state,
                     ac_error *err)
{
    return enter_state(hub, workflow, id, state, NULL, 0, false, err);
}

/* Load case ID for a call on it, checking the actor may see it (the case's own rule,
 * aci_case_visible, not the policy's: so no descriptor here has a find step). */
static ac_code
case_load(struct aci_op *op, const char *id, ac_arena *a, struct aci_case_row *c, ac_error *err)
{
    bool visible = false;
    ac_code rc;

    op->object_id = id;
    rc = aci_store_case_load(op->store, id, a, c, err);
    if (rc == AC_OK) {
        rc = aci_case_visible(op->store, op->actor, c, &visible, err);
    }
    if (rc == AC_OK && !visible) {
        op->denied = true;
        op->deny_reason = "case content needs a content role, the case's vetting and membership";
        rc = AC_ENOTFOUND;
    }
    return rc == AC_ENOTFOUND ? aci_fail(err, AC_ENOTFOUND, "case '%s' not found", id) : rc;
}

/* Check the fields (lengths; dates in "_on" fields) and write them, with the DERIVED ones
 * the hub computed (not checked), as a JSON object. */
static ac_code
fields_json(ac_hub *hub,
            const ac_case_field *f,
            size_t n,
            const ac_case_field *derived,
            size_t n_derived,
            ac_arena *a,
            const char **out,
            ac_error *err)
{
    json_t *o = json_object();
    char *text;
    ac_code rc = o != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");

    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        size_t len = strlen(f[i].name);
        int days = 0;

        if (len == 0 || len > 40 || f[i].value == NULL || strlen(f[i].value) > FIELD_MAX ||
            !ac_utf8_valid_str(f[i].value)) {
            rc = aci_fail(err, AC_EINVAL, "%s: a name of 1 to 40 bytes and a value of at most %d",
                          len <= 40 ? f[i].name : "field", FIELD_MAX);
        } else if (((len > 3 && strcmp(f[i].name + len - 3, "_on") == 0) ||
                    strcmp(f[i].name, "date_of_birth") == 0) &&
                   (aci_days_since(f[i].value, aci_hub_now_ms(hub), &days, err) != AC_OK ||
                    (days < 0 && !aci_workflow_field_planned(f[i].name)))) {
            rc = aci_fail(err, AC_EINVAL, "%s: a date (YYYY-MM-DD)%s", f[i].name,
                          aci_workflow_field_planned(f[i].name) ? "" : ", not in the future");
        } else {
            json_object_set_new(o, f[i].name, json_string(f[i].value));
        }
    }
    for (size_t i = 0; rc == AC_OK && i < n_derived; i++) {
        json_object_set_new(o, derived[i].name, json_string(derived[i].value));
    }
    if (rc == AC_OK) {
        text = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
        *out = text != NULL ? ac_arena_strdup(a, text) : NULL;
        if (text != NULL) {
            void (*free_fn)(void *) = NULL;

            json_get_alloc_funcs(NULL, &free_fn);
            free_fn(text);
        }
        rc = *out != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    json_decref(o);
    return rc;
}

/* A "disclosure" field names a live disclosure the actor's agency released: the sanitised
 * summary a multi-agency review works from (DOMAIN.md §1.2). */
static ac_code
check_disclosure(ac_hub *hub,
                 const ac_actor *actor,
                 const ac_case_field *f,
                 size_t n,
                 ac_arena *a,
                 ac_error *err)
{
    for (size_t i = 0; i < n; i++) {
        ac_disclosure d;
        ac_user u;

        if (strcmp(f[i].name, "disclosure") != 0) {
            continue;
        }
        if (aci_store_disclosure_load(hub->store, f[i].value, a, &d, NULL) != AC_OK ||
            strcmp(d.status, "live") != 0 ||
            aci_store_user_find(hub->store, d.released_by, true, a, &u, NULL) != AC_OK ||
            strcmp(u.agency_id, actor->agency_id) != 0) {
            return aci_fail(err, AC_EINVAL,
                            "disclosure: not a live disclosure your agency released");
        }
    }
    return AC_OK;
}

/* The value of field NAME of event E (its fields JSON), in A, or NULL. */
static const char *
event_field(const ac_case_event *e, const char *name, ac_arena *a)
{
    json_t *o = e->fields_json != NULL ? json_loads(e->fields_json, 0, NULL) : NULL;
    const char *v = o != NULL ? json_string_value(json_object_get(o, name)) : NULL;
    const char *out = v != NULL ? ac_arena_strdup(a, v) : NULL;

    json_decref(o);
    return out;
}

/* The latest value of field NAME on the timeline TL[0..N), or NULL. */
static const char *
latest_field(const ac_case_event *tl, size_t n, const char *name, ac_arena *a)
{
    for (size_t i = n; i > 0; i--) {
        const char *v = event_field(&tl[i - 1], name, a);

        if (v != NULL) {
            return v;
        }
    }
    return NULL;
}

/* Days from date FROM to date TO (0 when either is not a date). */
static int64_t
days_between(const char *from, const char *to)
{
    int64_t a = 0, b = 0;

    return from != NULL && to != NULL && aci_date_days(from, &a, NULL) == AC_OK &&
                   aci_date_days(to, &b, NULL) == AC_OK
               ? b - a
               : 0;
}

/* CTA 2008 s.53: what a step's fields bring to the notification period, as fields in
 * OUT[0..*N): a recorded sentence its length (notification_years; the person is then in
 * custody, so the end is not yet known); a release (released_on) the end, counted from the
 * day the person was dealt with with every day in custody disregarded (from dealt_with_on,
 * or a recall's recalled_on, to each release), so the end moves with each release. */
static ac_code
derive(const ac_case_field *f,
       size_t n,
       const ac_case_event *tl,
       size_t n_tl,
       ac_arena *a,
       ac_case_field out[2],
       size_t *n_out,
       ac_error *err)
{
    const char *months = field_of(f, n, "sentence_months"),
               *age = field_of(f, n, "age_at_conviction");
    const char *released = field_of(f, n, "released_on"), *dealt = NULL, *years_text = NULL;
    const char *custody_from = NULL;
    char ends[16];
    int64_t custody = 0;
    int years = 0;

    *n_out = 0;
    if (months != NULL && age != NULL) {
        if (aci_notification_period(months, age, &years, err) != AC_OK) {
            return AC_EINVAL;
        }
        out[0] = (ac_case_field){ "notification_years", ac_arena_printf(a, "%d", years) };
        *n_out = 1;
        return out[0].value != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (released == NULL) {
        return AC_OK;
    }
    for (size_t i = 0; i < n_tl; i++) {
        const char *d = event_field(&tl[i], "dealt_with_on", a);
        const char *y = event_field(&tl[i], "notification_years", a);
        const char *r = event_field(&tl[i], "released_on", a);
        const char *back = event_field(&tl[i], "recalled_on", a);

        if (d != NULL && y != NULL) {
            dealt = custody_from = d;
            years_text = y;
            custody = 0;
        } else if (r != NULL && custody_from != NULL) {
            custody += days_between(custody_from, r);
            custody_from = NULL;
        } else if (back != NULL) {
            custody_from = back;
        }
    }
    if (dealt == NULL || custody_from == NULL) {
        return AC_OK; /* no sentence recorded: nothing to count from */
    }
    if (days_between(custody_from, released) < 0) {
        return aci_fail(err, AC_EINVAL,
                        "released_on: %s is before the custody it ends began (%s): give the "
                        "day of release",
                        released, custody_from);
    }
    custody += days_between(custody_from, released);
    if (aci_notification_ends(dealt, (int)strtol(years_text, NULL, 10), custody, ends, sizeof ends,
                              err) != AC_OK) {
        return AC_EINVAL;
    }
    out[0] = (ac_case_field){ "notification_ends_on", ac_arena_strdup(a, ends) };
    out[1] = (ac_case_field){ "custody_days", ac_arena_printf(a, "%lld", (long long)custody) };
    *n_out = 2;
    return out[0].value != NULL && out[1].value != NULL ? AC_OK
                                                        : aci_fail(err, AC_ENOMEM, "out of memory");
}

/* Days past its allowance that step S comes (0: on time): from the date in its late field
 * (given with the step, or the latest on the timeline: the release) to the notification's
 * own date (notified_on), or today when the step gives none. */
static int
late_by(ac_hub *hub,
        const struct aci_wf_step *s,
        const ac_case_field *f,
        size_t n,
        const ac_case_event *tl,
        size_t n_tl,
        ac_arena *a)
{
    const char *since, *notified = field_of(f, n, "notified_on");
    char today[16];
    int64_t days;

    if (s->late_field == NULL) {
        return 0;
    }
    since = field_of(f, n, s->late_field);
    since = since != NULL ? since : latest_field(tl, n_tl, s->late_field, a);
    if (notified == NULL) {
        aci_date_text((aci_hub_now_ms(hub) + aci_uk_offset_minutes(aci_hub_now_ms(hub)) * 60000LL) /
                          MS_PER_DAY,
                      today, sizeof today);
        notified = today;
    }
    days = days_between(since, notified);
    return since != NULL && days > s->late_days ? (int)(days - s->late_days) : 0;
}

/* CTA 2008 s.53: the notification requirements end only when the period does; the step
 * that records it (period_ends) is refused before the end the hub computed at release. */
static ac_code
check_period_ends(ac_hub *hub,
                  const struct aci_wf_step *s,
                  const ac_case_event *tl,
                  size_t n_tl,
                  ac_arena *a,
                  ac_error *err)
{
    const char *ends;
    int days = 0;

    if (strcmp(s->name, "period_ends") != 0) {
        return AC_OK;
    }
    ends = latest_field(tl, n_tl, "notification_ends_on", a);
    if (ends == NULL) {
        return aci_fail(err, AC_EINVAL,
                        "period_ends: the end of the notification period is not known: record "
                        "the sentence and the release first (CTA 2008 s.53)");
    }
    if (aci_days_since(ends, aci_hub_now_ms(hub), &days, err) != AC_OK || days < 0) {
        return aci_fail(err, AC_EINVAL,
                        "period_ends: the notification period ends on %s (CTA 2008 s.53, time in "
                        "custody disregarded); the step can be taken from that day",
                        ends);
    }
    return AC_OK;
}

/* ---- a step ---- */

struct step_args {
    const char *case_id, *step, *rationale;
    const ac_case_field *fields;
    size_t n_fields;
    const struct aci_wf_field *wf; /* the fields as the engine reads them */
    ac_arena *a;
    const char *new_state; /* out */
};

/* A Prevent referral waits for the police gateway assessment in this state: its steps out
 * (data/workflows/steps.csv: not_appropriate, other_support, to_channel) are CT
 * policing's or a police force's.  Every referral goes to Counter Terrorism Policing
 * (the National Prevent Referral Form), whose preliminary assessment screens it
 * (shared/DOMAIN.md §2.2: Home Office Channel Awareness e-learning, "Assessing a
 * referral"; stopadultabuse.org.uk, Prevent/Channel referral process): so the police
 * learn of it from the hub, and the referrer need not make them a member first. */
#define GATEWAY_WORKFLOW "prevent_referral"
#define GATEWAY_STATE    "received"

/* Case C has entered the gateway state: the duty agency (CT policing first, then a police
 * force: aci_policy_duty_agency) joins the case, unless it is already in it, and its duty
 * officers are alerted.  The alert names the case and state, never its title (which may
 * name a person).  *OUT_AGENCY is the agency told, or NULL when there is none. */
static ac_code
gateway_alert(struct aci_op *op,
              const struct aci_case_row *c,
              ac_arena *a,
              const char **out_agency,
              ac_error *err)
{
    ac_hub *hub = op->hub;
    const char *agency = NULL;
    char deadline[AC_TIME_TEXT_MAX];
    ac_alert al;
    ac_code rc = aci_alert_route(hub, NULL, a, &agency, err);

    *out_agency = NULL;
    if (rc != AC_OK || agency == NULL) {
        return rc; /* no police agency on this hub: the lead agency adds one itself */
    }
    if (strcmp(agency, c->lead_agency_id) != 0) {
        bool member = false;

        rc = aci_store_case_has_member(op->store, c->id, agency, NULL, &member, err);
        if (rc == AC_OK && !member) {
            rc = aci_store_case_member_add(op->store, c->id, agency, NULL, "member",
                                           aci_hub_now_text(hub, a), err);
        }
    }
    memset(&al, 0, sizeof al);
    al.id = aci_hub_new_id(hub, a);
    al.case_id = c->id;
    al.created_at = aci_hub_now_text(hub, a);
    al.priority = AC_ALERT_MEDIUM;
    /* a person reads it: the case type in words, no state code (issue 16, point 1) */
    al.reason = ac_arena_printf(a, "%s case referred: waiting for the police gateway assessment",
                                aci_case_type_words(ac_case_type_str(c->type)));
    al.status = AC_ALERT_OPEN;
    al.routed_agency_id = agency;
    al.deadline = ac_arena_strdup(
        a, ac_time_format(aci_hub_now_ms(hub) +
                              (int64_t)ac_alert_deadline_minutes(al.priority) * ACI_MS_PER_MIN,
                          deadline));
    if (rc == AC_OK &&
        (al.id == NULL || al.created_at == NULL || al.reason == NULL || al.deadline == NULL)) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (rc == AC_OK) {
        rc = aci_store_alert_insert(op->store, &al, err);
    }
    *out_agency = rc == AC_OK ? agency : NULL;
    return rc;
}

static ac_code
step_body(struct aci_op *op, void *args, ac_error *err)
{
    struct step_args *x = args;
    ac_hub *hub = op->hub;
    const ac_actor *actor = op->actor;
    ac_arena *a = x->a;
    struct aci_case_row c;
    const struct aci_workflows *w = NULL;
    const struct aci_wf_step *s = NULL;
    const char *workflow = NULL, *to = NULL, *clean = NULL, *told = NULL;
    ac_case_field derived[2];
    size_t n_derived = 0, n_tl = 0;
    ac_case_event e, *tl = NULL;
    char *detail;
    ac_code rc = case_load(op, x->case_id, a, &c, err);

    if (rc == AC_OK) {
        workflow = aci_workflow_of_case(ac_case_type_str(c.type));
        rc = workflow != NULL ? aci_hub_workflows(hub, &w, err)
                              : aci_fail(err, AC_EINVAL, "a general case has no workflow");
    }
    if (rc == AC_OK) {
        rc = aci_clean_field(x->rationale, RATIONALE_MAX, "rationale", a, &clean, err);
    }
    if (rc == AC_OK) {
        rc = aci_workflow_check(w, workflow, c.state, x->step, actor, clean, x->wf, x->n_fields, &s,
                                err);
        if (rc == AC_EDENIED) {
            op->denied = true;
            op->deny_reason = "the workflow gives this step to another role or kind of agency";
        }
    }
    memset(&e, 0, sizeof e);
    if (rc == AC_OK) {
        rc = aci_store_case_events(op->store, x->case_id, a, &tl, &n_tl, err);
    }
    if (rc == AC_OK) {
        rc = check_period_ends(hub, s, tl, n_tl, a, err);
    }
    if (rc == AC_OK) {
        rc = derive(x->fields, x->n_fields, tl, n_tl, a, derived, &n_derived, err);
    }
    if (rc == AC_OK) {
        rc = fields_json(hub, x->fields, x->n_fields, derived, n_derived, a, &e.fields_json, err);
    }
    if (rc == AC_OK) {
        rc = check_disclosure(hub, actor, x->fields, x->n_fields, a, err);
    }
    if (rc == AC_OK) {
        to = strcmp(s->to, "=") == 0 ? c.state : s->to;
        e.at = aci_hub_now_text(hub, a);
        e.actor_id = actor->user_id;
        e.agency_id = actor->agency_id;
        e.kind = "step";
        e.step = s->name;
        e.from_state = c.state;
        e.to_state = to;
        e.rationale = clean;
        e.late_days = late_by(hub, s, x->fields, x->n_fields, tl, n_tl, a);
        rc = aci_store_case_set_state(op->store, x->case_id, to, e.at, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_case_event_add(op->store, x->case_id, &e, err);
    }
    if (rc == AC_OK) {
        rc = enter_state(hub, workflow, x->case_id, to, x->fields, x->n_fields,
                         strcmp(s->to, "=") == 0, err);
    }
    if (rc == AC_OK && strcmp(workflow, GATEWAY_WORKFLOW) == 0 && strcmp(to, GATEWAY_STATE) == 0 &&
        strcmp(c.state, GATEWAY_STATE) != 0) {
        rc = gateway_alert(op, &c, a, &told, err);
        op->recipients = told;
    }
    if (rc == AC_OK && (detail = ac_arena_alloc(op->scratch, DETAIL_MAX)) != NULL) {
        snprintf(detail, DETAIL_MAX, "step %s: %s -> %s%s%s", s->name, c.state, to,
                 e.late_days > 0 ? "; late" : "",
                 told != NULL ? "; the police gateway joined and was alerted" : "");
        op->detail = detail;
    }
    x->new_state = to;
    return rc;
}

static const struct aci_op_desc step_op = {
    ACI_ACT_UPDATE, "case", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, NULL, step_body,
};

ac_code
ac_case_step(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             const char *case_id,
             const char *step,
             const char *rationale,
             const ac_case_field *fields,
             size_t n_fields,
             ac_arena *a,
             const char **new_state,
             ac_error *err)
{
    struct aci_wf_field wf[ACI_WF_MAX_REQUIRES * 2];
    struct step_args x = { case_id, step, rationale, fields, n_fields, wf, a, NULL };
    ac_code rc;

    *new_state = NULL;
    if (n_fields > ACI_ARRAY_LEN(wf)) {
        return aci_fail(err, AC_EINVAL, "fields: at most %zu", ACI_ARRAY_LEN(wf));
    }
    for (size_t i = 0; i < n_fields; i++) {
        wf[i] = (struct aci_wf_field){ fields[i].name, fields[i].value };
    }
    rc = aci_op_run(&step_op, hub, actor, purpose, &x, err);
    *new_state = rc == AC_OK ? x.new_state : NULL;
    return rc;
}

/* ---- a note ---- */

struct note_args {
    const char *case_id;
    const char *text; /* cleaned */
};

static ac_code
note_body(struct aci_op *op, void *args, ac_error *err)
{
    struct note_args *x = args;
    struct aci_case_row c;
    ac_case_event e;
    ac_code rc = case_load(op, x->case_id, op->scratch, &c, err);

    if (rc == AC_OK) {
        memset(&e, 0, sizeof e);
        e.at = aci_hub_now_text(op->hub, op->scratch);
        e.actor_id = op->actor->user_id;
        e.agency_id = op->actor->agency_id;
        e.kind = "note";
        e.rationale = x->text;
        rc = aci_store_case_event_add(op->store, x->case_id, &e, err);
        op->detail = "note";
    }
    return rc;
}

static const struct aci_op_desc note_op = {
    ACI_ACT_UPDATE, "case", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, NULL, note_body,
};

ac_code
ac_case_note(ac_hub *hub,
             const ac_actor *actor,
             const char *purpose,
             const char *case_id,
             const char *text,
             ac_error *err)
{
    ac_arena *a = ac_arena_new(0);
    struct note_args x = { case_id, NULL };
    ac_code rc = a != NULL ? aci_clean_field(text, NOTE_MAX, "note", a, &x.text, err)
                           : aci_fail(err, AC_ENOMEM, "out of memory");

    if (rc == AC_OK && x.text == NULL) {
        rc = aci_fail(err, AC_EINVAL, "note: required");
    }
    if (rc == AC_OK) {
        rc = aci_op_run(&note_op, hub, actor, purpose, &x, err);
    }
    ac_arena_free(a);
    return rc;
}

/* ---- the timeline ---- */

/* A call that lists something of case CASE_ID into A. */
struct case_list_args {
    const char *case_id;
    ac_arena *a;
    void *list; /* out: the array */
    size_t n;
};

/* Run the case list D of X: *OUT and *OUT_N on success, NULL and 0 otherwise. */
static ac_code
case_list_run(const struct aci_op_desc *d,
              ac_hub *hub,
              const ac_actor *actor,
              const char *purpose,
              struct case_list_args *x,
              void **out,
              size_t *out_n,
              ac_error *err)
{
    ac_code rc = aci_op_run(d, hub, actor, purpose, x, err);

    *out = rc == AC_OK ? x->list : NULL;
    *out_n = rc == AC_OK ? x->n : 0;
    return rc;
}

/* Sensitive processing (DPA 2018 s.35(8); aci_workflow_field_sensitive): the case's
 * members read such fields, and the audit record says they did (s.62: consultation is
 * logged); anyone else who may read the timeline gets it without them. */
static ac_code
sensitive_fields(struct aci_op *op,
                 bool member,
                 ac_case_event *e,
                 size_t n,
                 ac_arena *a,
                 size_t *read,
                 ac_error *err)
{
    *read = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *o = e[i].fields_json != NULL ? json_loads(e[i].fields_json, 0, NULL) : NULL;
        const char *key;
        json_t *v, *tmp;
        bool changed = false;

        json_object_foreach_safe(o, tmp, key, v)
        {
            if (aci_workflow_field_sensitive(key)) {
                *read += member;
                if (!member) {
                    json_object_del(o, key);
                    changed = true;
                }
            }
        }
        if (changed) {
            char *text = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
            void (*free_fn)(void *) = NULL;

            e[i].fields_json = text != NULL ? ac_arena_strdup(a, text) : NULL;
            json_get_alloc_funcs(NULL, &free_fn);
            free_fn(text);
        }
        json_decref(o);
        if (e[i].fields_json == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory");
        }
    }
    (void)op;
    return AC_OK;
}

static ac_code
timeline_body(struct aci_op *op, void *args, ac_error *err)
{
    struct case_list_args *x = args;
    struct aci_case_row c;
    ac_case_event *list = NULL;
    size_t read = 0;
    ac_code rc = case_load(op, x->case_id, x->a, &c, err);

    if (rc == AC_OK) {
        rc = aci_store_case_events(op->store, x->case_id, x->a, &list, &x->n, err);
    }
    if (rc == AC_OK) {
        bool member = false;

        rc = aci_store_case_has_member(op->store, x->case_id, op->actor->agency_id,
                                       op->actor->user_id, &member, err);
        if (rc == AC_OK) {
            rc = sensitive_fields(op, member, list, x->n, x->a, &read, err);
        }
    }
    if (rc == AC_OK && read > 0) {
        op->detail = "sensitive processing (DPA 2018 s.35(8)): the type of concern read";
    }
    x->list = list;
    return rc;
}

static const struct aci_op_desc timeline_op = {
    ACI_ACT_READ, "case", ACI_PURPOSE_REQUIRED, ACI_OP_READ, NULL, timeline_body,
};

ac_code
ac_case_timeline(ac_hub *hub,
                 const ac_actor *actor,
                 const char *purpose,
                 const char *case_id,
                 ac_arena *a,
                 ac_case_event **out,
                 size_t *out_n,
                 ac_error *err)
{
    struct case_list_args x = { case_id, a, NULL, 0 };
    void *list = NULL;
    ac_code rc = case_list_run(&timeline_op, hub, actor, purpose, &x, &list, out_n, err);

    *out = list;
    return rc;
}

static const char *
roles_text(ac_arena *a, unsigned roles)
{
    return ac_roles_format(a, roles);
}

static const char *
kinds_text(ac_arena *a, uint32_t kinds)
{
    char *out = ac_arena_strdup(a, "");

    for (int k = 0; out != NULL && k < AC_AGENCY_KIND_COUNT; k++) {
        if (kinds >> k & 1u) {
            out = ac_arena_printf(a, "%s%s%s", out, out[0] ? "," : "",
                                  ac_agency_kind_str((ac_agency_kind)k));
        }
    }
    return out;
}

static ac_code
next_steps_body(struct aci_op *op, void *args, ac_error *err)
{
    struct case_list_args *x = args;
    const ac_actor *actor = op->actor;
    ac_arena *a = x->a;
    struct aci_case_row c;
    const struct aci_workflows *w = NULL;
    const struct aci_wf_step *steps[32];
    const char *workflow = NULL;
    ac_case_next_step *out = NULL;
    size_t n = 0;
    ac_code rc = case_load(op, x->case_id, a, &c, err);

    if (rc == AC_OK && (workflow = aci_workflow_of_case(ac_case_type_str(c.type))) != NULL) {
        rc = aci_hub_workflows(op->hub, &w, err);
    }
    if (rc == AC_OK && workflow != NULL) {
        n = aci_workflow_next(w, workflow, c.state, NULL, steps, ACI_ARRAY_LEN(steps));
        n = n < ACI_ARRAY_LEN(steps) ? n : ACI_ARRAY_LEN(steps);
        out = ac_arena_alloc(a, (n + 1) * sizeof *out);
        rc = out != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        const struct aci_wf_step *s = steps[i];
        char *req = ac_arena_strdup(a, "");

        for (size_t k = 0; req != NULL && k < s->n_requires; k++) {
            req = ac_arena_printf(a, "%s%s%s", req, k ? "," : "", s->requires[k]);
        }
        out[i] = (ac_case_next_step){ s->name,
                                      s->to,
                                      roles_text(a, s->roles),
                                      kinds_text(a, s->kinds),
                                      req,
                                      (actor->roles & s->roles) != 0 &&
                                          (s->kinds >> actor->agency_kind & 1u) != 0 };
    }
    x->list = out;
    x->n = n;
    return rc;
}

static const struct aci_op_desc next_steps_op = {
    ACI_ACT_READ, "case", ACI_PURPOSE_REQUIRED, ACI_OP_READ, NULL, next_steps_body,
};

ac_code
ac_case_next_steps(ac_hub *hub,
                   const ac_actor *actor,
                   const char *purpose,
                   const char *case_id,
                   ac_arena *a,
                   ac_case_next_step **out,
                   size_t *out_n,
                   ac_error *err)
{
    struct case_list_args x = { case_id, a, NULL, 0 };
    void *list = NULL;
    ac_code rc = case_list_run(&next_steps_op, hub, actor, purpose, &x, &list, out_n, err);

    *out = list;
    return rc;
}
