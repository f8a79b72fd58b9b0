/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers_stats.c - GET /api/v1/statistics/{table}: one table of the partnership's
 * statistics (statistics.h), small numbers suppressed, as JSON (the default), CSV
 * (?format=csv) or an SVG bar chart (?format=svg).
 */
#include <string.h>

#include "http_int.h"

void
srv_statistics(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    const char *format = rq->query(rq, "format"), *round = rq->query(rq, "round");
    ac_stats_query q = { rq->params[0], rq->query(rq, "from"), rq->query(rq, "to"),
                         rq->query(rq, "area"), false };
    const ac_stats_table *t = NULL;
    ac_error err = { 0 };
    char *body;

    if (round != NULL && strcmp(round, "true") != 0 && strcmp(round, "false") != 0) {
        srv_problem(rq, rs, 400, "invalid_request", "round: give true or false");
        return;
    }
    q.round = round != NULL && strcmp(round, "true") == 0;
    if (format != NULL && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 &&
        strcmp(format, "svg") != 0) {
        srv_problem(rq, rs, 400, "invalid_request", "format: give json, csv or svg");
        return;
    }
    if (ac_stats_get(st->hub, rq->actor, rq->purpose != NULL ? rq->purpose : "", &q, rq->arena, &t,
                     &err) != AC_OK) {
        srv_problem_from(rq, rs, &err);
        return;
    }
    if (format == NULL || strcmp(format, "json") == 0) {
        srv_json(rs, 200, ac_stats_json(t, rq->arena));
        return;
    }
    body = strcmp(format, "csv") == 0 ? ac_stats_csv(t, rq->arena) : ac_stats_svg(t, rq->arena);
    if (body == NULL) {
        srv_problem(rq, rs, 503, "unavailable", "out of memory; try again");
        return;
    }
    rs->status = 200;
    rs->content_type = strcmp(format, "csv") == 0 ? "text/csv; charset=utf-8" : "image/svg+xml";
    rs->body = body;
    rs->body_len = strlen(body);
}
