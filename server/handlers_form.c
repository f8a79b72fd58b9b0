/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers_form.c - what the retailer's report form needs besides POST /reports: the
 * regime table for the substance's autocomplete (GET /api/v1/substances) and the Home
 * Office's suspicious-purchase indicators with their wording (GET /api/v1/report-indicators).
 */
#include <string.h>

#include "accord/report.h"
#include "http_int.h"

static json_t *
row_json(const ac_regime_row *row)
{
    json_t *names = json_array();
    json_t *o;

    for (const char *p = row->names; *p != '\0';) {
        size_t n = strcspn(p, "|");

        json_array_append_new(names, json_stringn(p, n));
        p += n + (p[n] == '|');
    }
    o = json_pack("{s:O, s:o, s:s, s:b, s:s}", "name", json_array_get(names, 0), "names", names,
                  "part", row->part, "inclusive", row->inclusive, "status", row->status);
    srv_set_str(o, "cas", row->cas);
    srv_set_str(o, "note", row->note[0] != '\0' ? row->note : NULL);
    srv_set_str(o, "source", row->source);
    if (row->has_limit) {
        json_object_set_new(o, "limit", json_real(row->limit));
        json_object_set_new(o, "limit_basis", json_string(row->nitrogen > 0 ? "nitrogen" : "w/w"));
    }
    return o;
}

void
srv_substances(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    ac_regime_row *rows = NULL;
    size_t n = 0;
    ac_error err = { 0 };
    json_t *arr;

    if (ac_substances_list(st->hub, rq->actor, rq->purpose, rq->query(rq, "q"), rq->arena, &rows,
                           &n, &err) != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, row_json(&rows[i]));
    }
    srv_json(rs, 200, srv_dump(rq, json_pack("{s:o}", "substances", arr)));
}

void
srv_report_indicators(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    json_t *arr = json_array();

    (void)st;
    for (unsigned k = 0; k < AC_INDICATOR_COUNT; k++) {
        ac_indicator bit = (ac_indicator)(1u << k);

        json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "code", ac_indicator_str(bit),
                                             "wording", ac_indicator_wording(bit), "needs_detail",
                                             bit == AC_IND_OTHER));
    }
    srv_json(rs, 200,
             srv_dump(rq, json_pack("{s:s, s:o, s:s}", "lead",
                                    "A transaction or attempted transaction may be suspicious if "
                                    "the customer:",
                                    "indicators", arr, "source",
                                    "https://www.gov.uk/government/publications/"
                                    "supplying-explosives-precursors/"
                                    "supplying-explosives-precursors-and-poison")));
}
