/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers_report.c - the API's suspicious-purchase reports (for reporters: submit, read
 * back their own) and alerts (for duty officers: the queue, one alert with its report and
 * matches, acknowledgement).  Listing alerts first escalates those whose deadline
 * lapsed.  Scopes for tokens: reports:submit, reports:read, alerts:read, alerts:write.
 */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "http_int.h"

#define DEFAULT_PURPOSE "suspicious transaction report"

static json_t *
indicators_json(unsigned set)
{
    json_t *arr = json_array();

    for (unsigned i = 0; i < AC_INDICATOR_COUNT; i++) {
        if (set & (1u << i)) {
            json_array_append_new(arr, json_string(ac_indicator_str((ac_indicator)(1u << i))));
        }
    }
    return arr;
}

static json_t *
report_json(const ac_report *r)
{
    json_t *o = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:o, s:b}", "id", r->id,
        "reference", r->reference, "agency_id", r->agency_id, "received_at", r->created_at, "kind",
        ac_report_kind_str(r->kind), "occurred_at", r->occurred_at, "substance", r->substance,
        "quantity", r->quantity, "payment", ac_payment_str(r->payment), "regime_class",
        ac_regime_class_str(r->regime_class), "sale_completed", r->sale_completed, "licence_shown",
        r->licence_shown, "indicators", indicators_json(r->indicators), "late", r->late);

    srv_set_str(o, "regime_reason", r->regime_reason);
    srv_set_str(o, "product", r->product);
    if (r->concentration >= 0) {
        json_object_set_new(o, "concentration", json_real(r->concentration));
    }
    srv_set_str(o, "buyer_name", r->buyer_name);
    srv_set_str(o, "buyer_dob", r->buyer_dob);
    srv_set_str(o, "buyer_address", r->buyer_address);
    srv_set_str(o, "buyer_document", r->buyer_document);
    srv_set_str(o, "indicator_other", r->indicator_other);
    srv_set_str(o, "narrative", r->narrative);
    return o;
}

/* Read the body's members into *R; false with a 400 naming the member. */
static bool
report_from_json(struct srv_request *rq, struct srv_response *rs, json_t *body, ac_report *r)
{
    ac_error err = { 0 };
    const char *kind = srv_member(rq, body, "kind"), *payment = srv_member(rq, body, "payment");
    json_t *conc = json_object_get(body, "concentration");
    json_t *ind = json_object_get(body, "indicators");
    json_t *v;
    size_t i;

    memset(r, 0, sizeof *r);
    if (kind != NULL && ac_report_kind_parse(kind, &r->kind, &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request", err.msg);
        return false;
    }
    if (payment != NULL && ac_payment_parse(payment, &r->payment, &err) != AC_OK) {
        srv_problem(rq, rs, 400, "invalid_request", err.msg);
        return false;
    }
    if (conc != NULL && !json_is_number(conc) && !json_is_null(conc)) {
        srv_problem(rq, rs, 400, "invalid_request", "concentration: a number (% w/w) or null");
        return false;
    }
    r->concentration = json_is_number(conc) ? json_number_value(conc) : -1.0;
    if (json_is_number(conc) && (r->concentration < 0 || !isfinite(r->concentration))) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "concentration: impossible (a percentage by weight, 0 to 100)");
        return false;
    }
    if (ind != NULL && !json_is_array(ind)) {
        srv_problem(rq, rs, 400, "invalid_request", "indicators: an array of indicator names");
        return false;
    }
    json_array_foreach(ind, i, v)
    {
        unsigned bit = 0;

        if (!json_is_string(v) || ac_indicators_parse(json_string_value(v), &bit, &err) != AC_OK) {
            srv_problem(rq, rs, 400, "invalid_request",
                        json_is_string(v) ? err.msg : "indicators: names, as strings");
            return false;
        }
        r->indicators |= bit;
    }
    r->occurred_at = srv_member(rq, body, "occurred_at");
    r->product = srv_member(rq, body, "product");
    r->substance = srv_member(rq, body, "substance");
    r->quantity = srv_member(rq, body, "quantity");
    r->sale_completed = json_is_true(json_object_get(body, "sale_completed"));
    r->licence_shown = json_is_true(json_object_get(body, "licence_shown"));
    r->buyer_name = srv_member(rq, body, "buyer_name");
    r->buyer_dob = srv_member(rq, body, "buyer_dob");
    r->buyer_address = srv_member(rq, body, "buyer_address");
    r->buyer_document = srv_member(rq, body, "buyer_document");
    r->indicator_other = srv_member(rq, body, "indicator_other");
    r->narrative = srv_member(rq, body, "narrative");
    return true;
}

static const struct srv_field report_fields[] = {
    { "kind", SRV_STRING, NULL },
    { "payment", SRV_STRING, NULL },
    { "concentration", SRV_NUMBER, NULL },
    { "indicators", SRV_STRINGS, NULL },
    { "occurred_at", SRV_STRING, NULL },
    { "product", SRV_STRING, NULL },
    { "substance", SRV_STRING, NULL },
    { "quantity", SRV_STRING, NULL },
    { "sale_completed", SRV_BOOL, NULL },
    { "licence_shown", SRV_BOOL, NULL },
    { "buyer_name", SRV_STRING, NULL },
    { "buyer_dob", SRV_STRING, NULL },
    { "buyer_address", SRV_STRING, NULL },
    { "buyer_document", SRV_STRING, NULL },
    { "indicator_other", SRV_STRING, NULL },
    { "narrative", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_report_submit(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_report in, out;
    ac_error err = { 0 };
    json_t *body;
    bool ok;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, report_fields)) == NULL) {
        return;
    }
    ok = report_from_json(rq, rs, body, &in);
    json_decref(body);
    if (!ok) {
        return;
    }
    rc = ac_report_submit(st->hub, rq->actor, rq->purpose ? rq->purpose : DEFAULT_PURPOSE, &in,
                          rq->arena, &out, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    /* the receipt: nothing about screening or alerts (no tipping off) */
    srv_json(rs, 201,
             srv_dump(rq, json_pack("{s:s, s:s, s:s, s:s, s:b, s:s}", "id", out.id, "reference",
                                    out.reference, "received_at", out.created_at, "regime_class",
                                    ac_regime_class_str(out.regime_class), "late", out.late,
                                    "statutory_report", out.statutory_report)));
}

void
srv_report_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_report r;
    ac_error err = { 0 };
    ac_code rc;

    rc = ac_report_get(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &r, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    srv_json(rs, 200, srv_dump(rq, report_json(&r)));
}

void
srv_report_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_report *list = NULL;
    size_t n = 0, limit = 0;
    ac_error err = { 0 };
    json_t *arr, *o;
    ac_code rc;

    if (!srv_limit(rq, rs, &limit)) {
        return;
    }
    rc = ac_report_list(st->hub, rq->actor, rq->purpose, rq->query(rq, "cursor"), limit, rq->arena,
                        &list, &n, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, report_json(&list[i]));
    }
    o = json_pack("{s:o}", "reports", arr);
    if (n > 0 && n == (limit != 0 ? limit : 100)) {
        json_object_set_new(o, "next_cursor", json_string(list[n - 1].id));
    }
    srv_json(rs, 200, srv_dump(rq, o));
}

static json_t *
alert_json(const ac_alert *al)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:b, s:b}", "id", al->id,
                          "created_at", al->created_at, "reason", al->reason, "priority",
                          ac_alert_priority_str(al->priority), "escalation", al->escalation,
                          "deadline", al->deadline, "status", ac_alert_status_str(al->status),
                          "for_holder", al->for_holder, "partner_told", al->partner_told);

    srv_set_str(o, "report_id", al->report_id);
    srv_set_str(o, "case_id", al->case_id);
    /* the marking of what it reveals, for the banner (issue 16, point 2) */
    json_object_set_new(o, "classification",
                        json_string(ac_classification_str(al->classification)));
    srv_set_str(o, "routed_agency_id", al->routed_agency_id);
    srv_set_str(o, "acked_by", al->acked_by);
    srv_set_str(o, "acked_by_name", al->acked_by_name);
    srv_set_str(o, "acked_at", al->acked_at);
    srv_set_str(o, "ack_note", al->ack_note);
    return o;
}

json_t *
srv_alert_json(const ac_alert *al)
{
    return alert_json(al);
}

static json_t *
match_json(const ac_alert_match *m)
{
    json_t *o =
        json_pack("{s:s, s:s, s:s, s:f}", "source", m->source, "holder_agency_id", m->holder_agency,
                  "holder_agency", m->holder_name ? m->holder_name : "", "score", m->score);

    srv_set_str(o, "source_id", m->source_id);
    srv_set_str(o, "source_name", m->source_name);
    srv_set_str(o, "entry_id", m->entry_id);
    srv_set_str(o, "listed_name", m->listed_name);
    srv_set_str(o, "explanation", m->explanation);
    return o;
}

void
srv_alert_list(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_alert *list = NULL;
    size_t n = 0, limit = 0, escalated = 0;
    const char *status = rq->query(rq, "status");
    ac_error err = { 0 };
    json_t *arr;
    ac_code rc;

    if (!srv_limit(rq, rs, &limit)) {
        return;
    }
    if (status != NULL && strcmp(status, "open") != 0 && strcmp(status, "all") != 0) {
        srv_problem(rq, rs, 400, "invalid_request", "status: open (the default) or all");
        return;
    }
    rc = ac_alerts_escalate(st->hub, rq->actor, rq->purpose, &escalated, &err);
    if (rc == AC_OK) {
        size_t raised = 0, reminded = 0;

        rc = ac_case_deadlines_escalate(st->hub, rq->actor, rq->purpose, &raised, &reminded, &err);
    }
    if (rc == AC_OK) {
        rc = ac_alert_list(st->hub, rq->actor, rq->purpose, status == NULL || status[0] == 'o',
                           limit, rq->arena, &list, &n, &err);
    }
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, alert_json(&list[i]));
    }
    srv_json(rs, 200,
             srv_dump(rq, json_pack("{s:o, s:I}", "alerts", arr, "escalated_now",
                                    (json_int_t)escalated)));
}

json_t *
srv_alert_full_json(const ac_alert *al, const ac_report *r)
{
    json_t *o = alert_json(al), *matches = json_array();

    for (size_t i = 0; i < al->n_matches; i++) {
        json_array_append_new(matches, match_json(&al->matches[i]));
    }
    json_object_set_new(o, "matches", matches);
    if (r != NULL && r->id != NULL) {
        json_object_set_new(o, "report", report_json(r));
    }
    return o;
}

void
srv_alert_get(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_alert al;
    ac_report r;
    ac_error err = { 0 };
    json_t *o;
    ac_code rc;

    rc = ac_alert_get(st->hub, rq->actor, rq->purpose, rq->params[0], rq->arena, &al, &r, &err);
    if (rc != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    o = srv_alert_full_json(&al, &r);
    srv_json(rs, 200, srv_dump(rq, o));
}

static const struct srv_field ack_fields[] = {
    { "note", SRV_STRING, NULL },
    SRV_FIELDS_END,
};

void
srv_alert_ack(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_error err = { 0 };
    const char *note;
    json_t *body;
    ac_code rc;

    if ((body = srv_json_body(rq, rs, ack_fields)) == NULL) {
        return;
    }
    note = srv_member(rq, body, "note");
    json_decref(body);
    rc = ac_alert_ack(st->hub, rq->actor, rq->purpose, rq->params[0], note, &err);
    srv_reply_done(rq, rs, rc, &err);
}
