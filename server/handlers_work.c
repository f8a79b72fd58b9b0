/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers_work.c - GET /api/v1/me/work: the home page's "what needs me now", each count
 * with the path of the list it is the length of (include/accord/work.h).
 */
#include <stdio.h>
#include <string.h>

#include "accord/item.h"
#include "accord/work.h"
#include "http_int.h"

/* The list each kind counts, as the UI links it; ac_work_kind order. */
static const struct {
    const char *path;
    const char *label;  /* what a person reads */
    const char *urgent; /* what the urgent count is, or NULL */
} lists[AC_WORK_KIND_COUNT] = {
    { "/api/v1/alerts", "alerts to acknowledge", "escalated" },
    { "/api/v1/requests?box=incoming&open=true", "requests for information to answer", "overdue" },
    { "/api/v1/person-disclosures?awaiting=me", "disclosures waiting for your approval", NULL },
    { "/api/v1/disclosures?awaiting=me", "item disclosures waiting for your approval", NULL },
    { "/api/v1/links?status=proposed", "link proposals awaiting a decision", NULL },
    { "/api/v1/grants", "role and vetting grants waiting for a second administrator", NULL },
    { "/api/v1/deadlines?within_days=7", "case deadlines this week", "overdue" },
};

void
srv_work(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_work_item items[AC_WORK_KIND_COUNT];
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;

    if (ac_work_get(st->hub, rq->actor, rq->purpose, rq->arena, items, &n, &err) != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        ac_work_kind k = items[i].kind;
        json_t *o =
            json_pack("{s:s, s:s, s:I, s:s}", "kind", ac_work_kind_str(k), "label", lists[k].label,
                      "count", (json_int_t)items[i].count, "path", lists[k].path);

        if (lists[k].urgent != NULL) {
            json_object_set_new(o, lists[k].urgent, json_integer((json_int_t)items[i].urgent));
        }
        json_array_append_new(arr, o);
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "work", arr)));
}

/* GET /api/v1/disclosures?awaiting=me: the item disclosures waiting for the caller's
 * approval (the one list of item disclosures the API gives). */
void
srv_disclosure_awaiting(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *awaiting = rq->query(rq, "awaiting");
    ac_disclosure *list = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;

    if (awaiting == NULL || strcmp(awaiting, "me") != 0) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "awaiting: say awaiting=me (the disclosures waiting for your approval)");
        return;
    }
    if (ac_disclosure_awaiting(st->hub, rq->actor, rq->purpose, rq->arena, &list, &n, &err) !=
        AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const ac_disclosure *d = &list[i];
        json_t *o =
            json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", d->id, "item_id",
                      d->item_id, "purpose", d->purpose, "lawful_basis", d->lawful_basis,
                      "classification", ac_classification_str(d->classification), "expires_at",
                      d->expires_at, "status", d->status, "created_at", d->created_at);

        srv_set_str(o, "recipient_agency_id", d->recipient_agency_id);
        srv_set_str(o, "recipient_case_id", d->recipient_case_id);
        srv_set_str(o, "released_by", d->released_by);
        json_array_append_new(arr, o);
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "disclosures", arr)));
}
