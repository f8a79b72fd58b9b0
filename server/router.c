/* SPDX-License-Identifier: Apache-2.0
 *
 * router.c - method and path to handler.  Patterns are literal segments and {param}
 * segments; a path that matches no pattern is 404, a path that matches with another
 * method 405.
 */
#include <string.h>

#include "http_int.h"

typedef void (*handler_fn)(struct srv_state *, struct srv_request *, struct srv_response *);

struct route {
    const char *method;
    const char *pattern;
    handler_fn fn;
};

static const struct route routes[] = {
    { "GET", "/healthz", srv_health },
    { "GET", "/readyz", srv_ready },
    { "GET", "/metrics", srv_metrics },
    { "GET", "/api/v1/openapi.json", srv_openapi },
    { "POST", "/api/v1/session", srv_sign_in },
    { "DELETE", "/api/v1/session", srv_sign_out },
    { "GET", "/api/v1/agencies", srv_agencies },
    { "GET", "/api/v1/persons", srv_person_search },
    { "GET", "/api/v1/persons/{id}", srv_person_get },
    { "GET", "/api/v1/items/{id}", srv_item_get },
    { "POST", "/api/v1/persons", srv_person_add },
    { "GET", "/api/v1/items", srv_item_list },
    { "POST", "/api/v1/items", srv_item_add },
    { "POST", "/api/v1/disclosures", srv_disclosure_add },
    { "POST", "/api/v1/disclosures/{id}/approve", srv_disclosure_approve },
    { "POST", "/api/v1/disclosures/{id}/revoke", srv_disclosure_revoke },
    { "GET", "/api/v1/audit/verify", srv_audit_verify },
    { "POST", "/api/v1/totp", srv_totp_enrol },
    { "POST", "/api/v1/totp/confirm", srv_totp_confirm },
    { "PUT", "/api/v1/items/{id}", srv_item_update },
    { "POST", "/api/v1/agencies", srv_agency_add },
    { "GET", "/api/v1/users", srv_user_list },
    { "POST", "/api/v1/users", srv_user_add },
    { "POST", "/api/v1/tokens", srv_token_add },
    { "DELETE", "/api/v1/tokens/{id}", srv_token_revoke },
    { "POST", "/api/v1/objects", srv_object_add },
    { "GET", "/api/v1/objects", srv_object_list },
    { "GET", "/api/v1/objects/{id}", srv_object_get },
    { "POST", "/api/v1/locations", srv_location_add },
    { "GET", "/api/v1/locations", srv_location_list },
    { "GET", "/api/v1/locations/{id}", srv_location_get },
    { "POST", "/api/v1/events", srv_event_add },
    { "GET", "/api/v1/events", srv_event_list },
    { "GET", "/api/v1/events/{id}", srv_event_get },
    { "POST", "/api/v1/links", srv_link_add },
    { "GET", "/api/v1/links", srv_link_list },
    { "GET", "/api/v1/links/{id}", srv_link_get },
    { "PUT", "/api/v1/links/{id}/status", srv_link_decide },
    { "POST", "/api/v1/links/proposals", srv_link_propose },
    { "POST", "/api/v1/cases", srv_case_add },
    { "GET", "/api/v1/cases/{id}", srv_case_get },
    { "POST", "/api/v1/cases/{id}/members", srv_case_member_add },
    { "GET", "/api/v1/audit/entries", srv_audit_entries },
    { "GET", "/api/v1/oversight", srv_oversight },
    { "POST", "/api/v1/reports", srv_report_submit },
    { "GET", "/api/v1/reports", srv_report_list },
    { "GET", "/api/v1/reports/{id}", srv_report_get },
    { "GET", "/api/v1/alerts", srv_alert_list },
    { "GET", "/api/v1/alerts/{id}", srv_alert_get },
    { "POST", "/api/v1/alerts/{id}/ack", srv_alert_ack },
    { "POST", "/api/v1/cases/{id}/steps", srv_case_step },
    { "POST", "/api/v1/cases/{id}/notes", srv_case_note },
    { "GET", "/api/v1/cases/{id}/timeline", srv_case_timeline },
    { "GET", "/api/v1/cases/{id}/next", srv_case_next },
    { "GET", "/api/v1/deadlines", srv_deadlines },
};

const char *const srv_route_names[] = {
    "GET /healthz",
    "GET /readyz",
    "GET /metrics",
    "GET /api/v1/openapi.json",
    "POST /api/v1/session",
    "DELETE /api/v1/session",
    "GET /api/v1/agencies",
    "GET /api/v1/persons",
    "GET /api/v1/persons/{id}",
    "GET /api/v1/items/{id}",
    "POST /api/v1/persons",
    "GET /api/v1/items",
    "POST /api/v1/items",
    "POST /api/v1/disclosures",
    "POST /api/v1/disclosures/{id}/approve",
    "POST /api/v1/disclosures/{id}/revoke",
    "GET /api/v1/audit/verify",
    "POST /api/v1/totp",
    "POST /api/v1/totp/confirm",
    "PUT /api/v1/items/{id}",
    "POST /api/v1/agencies",
    "GET /api/v1/users",
    "POST /api/v1/users",
    "POST /api/v1/tokens",
    "DELETE /api/v1/tokens/{id}",
    "POST /api/v1/objects",
    "GET /api/v1/objects",
    "GET /api/v1/objects/{id}",
    "POST /api/v1/locations",
    "GET /api/v1/locations",
    "GET /api/v1/locations/{id}",
    "POST /api/v1/events",
    "GET /api/v1/events",
    "GET /api/v1/events/{id}",
    "POST /api/v1/links",
    "GET /api/v1/links",
    "GET /api/v1/links/{id}",
    "PUT /api/v1/links/{id}/status",
    "POST /api/v1/links/proposals",
    "POST /api/v1/cases",
    "GET /api/v1/cases/{id}",
    "POST /api/v1/cases/{id}/members",
    "GET /api/v1/audit/entries",
    "GET /api/v1/oversight",
    "POST /api/v1/reports",
    "GET /api/v1/reports",
    "GET /api/v1/reports/{id}",
    "GET /api/v1/alerts",
    "GET /api/v1/alerts/{id}",
    "POST /api/v1/alerts/{id}/ack",
    "POST /api/v1/cases/{id}/steps",
    "POST /api/v1/cases/{id}/notes",
    "GET /api/v1/cases/{id}/timeline",
    "GET /api/v1/cases/{id}/next",
    "GET /api/v1/deadlines",
    NULL,
};

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
                rq->route = srv_route_names[i];
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
