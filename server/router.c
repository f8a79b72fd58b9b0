/* SPDX-License-Identifier: Apache-2.0
 *
 * router.c - method and path to handler.  Patterns are literal segments and {param}
 * segments; a path that matches no pattern is 404, a path that matches with another
 * method 405.
 */
#include <string.h>

#include "http_int.h"

typedef void (*handler_fn)(struct srv_state *, struct srv_request *, struct srv_response *);

/* The routes: method, path pattern, handler.  The one list the router, the metrics' route
 * names and the OpenAPI cross-check (srv_route_names) are made from. */
#define ROUTES(X)                                                       \
    X(GET, "/healthz", srv_health)                                      \
    X(GET, "/readyz", srv_ready)                                        \
    X(GET, "/metrics", srv_metrics)                                     \
    X(GET, "/api/v1/openapi.json", srv_openapi)                         \
    X(POST, "/api/v1/session", srv_sign_in)                             \
    X(DELETE, "/api/v1/session", srv_sign_out)                          \
    X(GET, "/api/v1/agencies", srv_agencies)                            \
    X(GET, "/api/v1/persons", srv_person_search)                        \
    X(GET, "/api/v1/persons/{id}", srv_person_get)                      \
    X(GET, "/api/v1/items/{id}", srv_item_get)                          \
    X(POST, "/api/v1/persons", srv_person_add)                          \
    X(GET, "/api/v1/items", srv_item_list)                              \
    X(POST, "/api/v1/items", srv_item_add)                              \
    X(POST, "/api/v1/disclosures", srv_disclosure_add)                  \
    X(POST, "/api/v1/disclosures/{id}/approve", srv_disclosure_approve) \
    X(POST, "/api/v1/disclosures/{id}/revoke", srv_disclosure_revoke)   \
    X(GET, "/api/v1/audit/verify", srv_audit_verify)                    \
    X(POST, "/api/v1/totp", srv_totp_enrol)                             \
    X(POST, "/api/v1/totp/confirm", srv_totp_confirm)                   \
    X(PUT, "/api/v1/items/{id}", srv_item_update)                       \
    X(POST, "/api/v1/agencies", srv_agency_add)                         \
    X(GET, "/api/v1/users", srv_user_list)                              \
    X(POST, "/api/v1/users", srv_user_add)                              \
    X(POST, "/api/v1/tokens", srv_token_add)                            \
    X(DELETE, "/api/v1/tokens/{id}", srv_token_revoke)                  \
    X(POST, "/api/v1/objects", srv_object_add)                          \
    X(GET, "/api/v1/objects", srv_object_list)                          \
    X(GET, "/api/v1/objects/{id}", srv_object_get)                      \
    X(POST, "/api/v1/locations", srv_location_add)                      \
    X(GET, "/api/v1/locations", srv_location_list)                      \
    X(GET, "/api/v1/locations/{id}", srv_location_get)                  \
    X(POST, "/api/v1/events", srv_event_add)                            \
    X(GET, "/api/v1/events", srv_event_list)                            \
    X(GET, "/api/v1/events/{id}", srv_event_get)                        \
    X(POST, "/api/v1/links", srv_link_add)                              \
    X(GET, "/api/v1/links", srv_link_list)                              \
    X(GET, "/api/v1/links/{id}", srv_link_get)                          \
    X(PUT, "/api/v1/links/{id}/status", srv_link_decide)                \
    X(POST, "/api/v1/links/proposals", srv_link_propose)                \
    X(POST, "/api/v1/cases", srv_case_add)                              \
    X(GET, "/api/v1/cases/{id}", srv_case_get)                          \
    X(POST, "/api/v1/cases/{id}/members", srv_case_member_add)          \
    X(GET, "/api/v1/audit/entries", srv_audit_entries)                  \
    X(GET, "/api/v1/oversight", srv_oversight)                          \
    X(POST, "/api/v1/reports", srv_report_submit)                       \
    X(GET, "/api/v1/reports", srv_report_list)                          \
    X(GET, "/api/v1/reports/{id}", srv_report_get)                      \
    X(GET, "/api/v1/alerts", srv_alert_list)                            \
    X(GET, "/api/v1/alerts/{id}", srv_alert_get)                        \
    X(POST, "/api/v1/alerts/{id}/ack", srv_alert_ack)                   \
    X(POST, "/api/v1/cases/{id}/steps", srv_case_step)                  \
    X(POST, "/api/v1/cases/{id}/notes", srv_case_note)                  \
    X(GET, "/api/v1/cases/{id}/timeline", srv_case_timeline)            \
    X(GET, "/api/v1/cases/{id}/next", srv_case_next)                    \
    X(GET, "/api/v1/deadlines", srv_deadlines)

struct route {
    const char *method;
    const char *pattern;
    handler_fn fn;
    const char *name; /* "METHOD PATTERN": the metrics' label and the OpenAPI key */
};

#define ROUTE_ROW(method, pattern, fn) { #method, pattern, fn, #method " " pattern },
static const struct route routes[] = { ROUTES(ROUTE_ROW) };

#define ROUTE_NAME(method, pattern, fn) #method " " pattern,
const char *const srv_route_names[] = { ROUTES(ROUTE_NAME) NULL };

/* Match PATH against PATTERN, capturing {param} segments into RQ (in its arena). */
static bool
match(const char *pattern, const char *path, struct srv_request *rq)
{
    size_t n_params = 0;

    while (*pattern != '\0' && *path != '\0') {
        size_t pn = strcspn(pattern + 1, "/") + 1, sn = strcspn(path + 1, "/") + 1;

        if (pattern[1] == '{') {
            if (sn <= 1 || n_params == 4) {
                return false;
            }
            rq->params[n_params++] = ac_arena_strndup(rq->arena, path + 1, sn - 1);
        } else if (pn != sn || memcmp(pattern, path, pn) != 0) {
            return false;
        }
        pattern += pn;
        path += sn;
    }
    return *pattern == '\0' && *path == '\0';
}

void
srv_route(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    bool path_known = false;

    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (match(routes[i].pattern, rq->path, rq)) {
            path_known = true;
            if (strcmp(routes[i].method, rq->method) == 0) {
                rq->route = routes[i].name;
                routes[i].fn(st, rq, rs);
                return;
            }
        }
    }
    if (path_known) {
        srv_problem(rq, rs, 405, "method_not_allowed",
                    "this resource does not support that method: see /api/v1/openapi.json");
    } else {
        srv_problem(rq, rs, 404, "not_found", "no such resource: see /api/v1/openapi.json");
    }
}
