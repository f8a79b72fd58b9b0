/* SPDX-License-Identifier: Apache-2.0
 *
 * router.c - method and path to handler.  Patterns are literal segments and {param}
 * segments; a path that matches no pattern is 404, a path that matches with another
 * method 405.
 */
#include <string.h>

#include "http_int.h"

/* Discoverable holdings, requests for information and person disclosures (issue 15). */
#define RFI_ROUTES(X)                                                                            \
    X(GET, "/api/v1/persons/{id}/pointers", srv_person_pointers, getPersonPointers, SIGNED_IN,   \
      "persons:read", PURPOSE)                                                                   \
    X(GET, "/api/v1/persons/{id}/picture", srv_person_picture, getPersonPicture, SIGNED_IN,      \
      "persons:read", PURPOSE)                                                                   \
    X(GET, "/api/v1/agencies/{id}/discoverability", srv_discoverability_get, getDiscoverability, \
      SIGNED_IN, "agencies:read", 0)                                                             \
    X(PUT, "/api/v1/discoverability", srv_discoverability_set, setDiscoverability, SIGNED_IN,    \
      NULL, WRITE)                                                                               \
    X(POST, "/api/v1/requests", srv_rfi_add, addRequest, SIGNED_IN, "persons:write",             \
      WRITE | PURPOSE)                                                                           \
    X(GET, "/api/v1/requests", srv_rfi_list, listRequests, SIGNED_IN, "persons:read", PURPOSE)   \
    X(GET, "/api/v1/lawful-bases", srv_lawful_bases, listLawfulBases, SIGNED_IN, "persons:read", \
      0)                                                                                         \
    X(GET, "/api/v1/requests/{id}", srv_rfi_get, getRequest, SIGNED_IN, "persons:read", PURPOSE) \
    X(POST, "/api/v1/requests/{id}/refuse", srv_rfi_refuse, refuseRequest, SIGNED_IN,            \
      "persons:write", WRITE | PURPOSE)                                                          \
    X(POST, "/api/v1/requests/{id}/no-information", srv_rfi_no_information,                      \
      answerRequestNoInformation, SIGNED_IN, "persons:write", WRITE | PURPOSE)                   \
    X(POST, "/api/v1/requests/{id}/disclosures", srv_rfi_answer, answerRequest, SIGNED_IN,       \
      "persons:write", WRITE | PURPOSE)                                                          \
    X(POST, "/api/v1/person-disclosures", srv_pd_add, addPersonDisclosure, SIGNED_IN,            \
      "persons:write", WRITE | PURPOSE)                                                          \
    X(GET, "/api/v1/person-disclosures", srv_pd_list, listPersonDisclosures, SIGNED_IN,          \
      "persons:read", PURPOSE)                                                                   \
    X(GET, "/api/v1/person-disclosures/{id}", srv_pd_get, getPersonDisclosure, SIGNED_IN,        \
      "persons:read", PURPOSE)                                                                   \
    X(POST, "/api/v1/person-disclosures/{id}/approve", srv_pd_approve, approvePersonDisclosure,  \
      SIGNED_IN, "persons:write", PURPOSE | CSRF)                                                \
    X(POST, "/api/v1/person-disclosures/{id}/revoke", srv_pd_revoke, revokePersonDisclosure,     \
      SIGNED_IN, "persons:write", PURPOSE | CSRF)

/* The routes, one row each: method, path pattern, handler, OpenAPI operationId, who may
 * call (PUBLIC or SIGNED_IN), the API token scope (NULL: people only, tokens refused), and
 * the checks the router makes before the handler (http_int.h: PURPOSE, CSRF, JSON, WRITE =
 * CSRF | JSON, CSRF_LAST).  The one list the router, the metrics' route names and the
 * OpenAPI cross-checks (srv_routes, srv_route_names) are made from. */
#define ROUTES(X)                                                                                  \
    X(GET, "/healthz", srv_health, getHealth, PUBLIC, NULL, 0)                                     \
    X(GET, "/readyz", srv_ready, getReady, PUBLIC, NULL, 0)                                        \
    X(GET, "/metrics", srv_metrics, getMetrics, LOCAL, "metrics:read", 0)                          \
    X(GET, "/api/v1/openapi.json", srv_openapi, getOpenApi, PUBLIC, NULL, 0)                       \
    X(POST, "/api/v1/session", srv_sign_in, signIn, PUBLIC, NULL, 0)                               \
    X(DELETE, "/api/v1/session", srv_sign_out, signOut, SIGNED_IN, NULL, CSRF)                     \
    X(GET, "/api/v1/session", srv_session_get, getSession, SIGNED_IN, NULL, 0)                     \
    X(GET, "/api/v1/agencies", srv_agencies, listAgencies, SIGNED_IN, "agencies:read", 0)          \
    X(GET, "/api/v1/persons", srv_person_search, searchPersons, SIGNED_IN, "persons:read",         \
      PURPOSE)                                                                                     \
    X(GET, "/api/v1/persons/export", srv_person_export, exportPersons, SIGNED_IN, "persons:read",  \
      PURPOSE)                                                                                     \
    X(POST, "/api/v1/persons/import", srv_person_import, importPersons, SIGNED_IN,                 \
      "persons:write", CSRF | PURPOSE)                                                             \
    X(GET, "/api/v1/imports/{id}", srv_import_get, getImport, SIGNED_IN, "persons:write", 0)       \
    X(GET, "/api/v1/imports/{id}/quarantine", srv_import_quarantine, getImportQuarantine,          \
      SIGNED_IN, "persons:write", 0)                                                               \
    X(GET, "/api/v1/persons/{id}", srv_person_get, getPerson, SIGNED_IN, "persons:read", PURPOSE)  \
    X(PUT, "/api/v1/persons/{id}", srv_person_edit, editPerson, SIGNED_IN, "persons:write",        \
      WRITE | PURPOSE)                                                                             \
    X(GET, "/api/v1/persons/{id}/history", srv_person_history, getPersonHistory, SIGNED_IN,        \
      "persons:read", PURPOSE)                                                                     \
    X(POST, "/api/v1/persons/{id}/merge", srv_person_merge, mergePerson, SIGNED_IN,                \
      "persons:write", WRITE | PURPOSE)                                                            \
    X(POST, "/api/v1/persons/{id}/unmerge", srv_person_unmerge, unmergePerson, SIGNED_IN,          \
      "persons:write", WRITE | PURPOSE)                                                            \
    X(GET, "/api/v1/items/{id}", srv_item_get, getItem, SIGNED_IN, "items:read", PURPOSE)          \
    X(POST, "/api/v1/persons", srv_person_add, addPerson, SIGNED_IN, "persons:write",              \
      WRITE | PURPOSE)                                                                             \
    X(GET, "/api/v1/items", srv_item_list, listItems, SIGNED_IN, "items:read", PURPOSE)            \
    X(POST, "/api/v1/items", srv_item_add, addItem, SIGNED_IN, "items:write", WRITE | PURPOSE)     \
    X(POST, "/api/v1/disclosures", srv_disclosure_add, addDisclosure, SIGNED_IN, "items:write",    \
      WRITE | PURPOSE)                                                                             \
    X(GET, "/api/v1/disclosures", srv_disclosure_awaiting, listDisclosuresAwaiting, SIGNED_IN,     \
      "items:read", PURPOSE)                                                                       \
    X(POST, "/api/v1/disclosures/{id}/approve", srv_disclosure_approve, approveDisclosure,         \
      SIGNED_IN, "items:write", PURPOSE | CSRF_LAST)                                               \
    X(POST, "/api/v1/disclosures/{id}/revoke", srv_disclosure_revoke, revokeDisclosure, SIGNED_IN, \
      "items:write", PURPOSE | CSRF_LAST)                                                          \
    X(GET, "/api/v1/audit/verify", srv_audit_verify, verifyAudit, SIGNED_IN, NULL, 0)              \
    X(POST, "/api/v1/totp", srv_totp_enrol, enrolTotp, SIGNED_IN, NULL, WRITE)                     \
    X(POST, "/api/v1/totp/confirm", srv_totp_confirm, confirmTotp, SIGNED_IN, NULL, WRITE)         \
    X(PUT, "/api/v1/items/{id}", srv_item_update, updateItem, SIGNED_IN, "items:write",            \
      WRITE | PURPOSE)                                                                             \
    X(POST, "/api/v1/agencies", srv_agency_add, addAgency, SIGNED_IN, NULL, WRITE)                 \
    X(GET, "/api/v1/users", srv_user_list, listUsers, SIGNED_IN, NULL, 0)                          \
    X(POST, "/api/v1/users", srv_user_add, addUser, SIGNED_IN, NULL, WRITE)                        \
    X(POST, "/api/v1/enrolment", srv_enrol, enrol, PUBLIC, NULL, 0)                                \
    X(GET, "/api/v1/grants", srv_grant_list, listGrants, SIGNED_IN, NULL, 0)                       \
    X(POST, "/api/v1/grants/{id}/approve", srv_grant_approve, approveGrant, SIGNED_IN, NULL, CSRF) \
    X(POST, "/api/v1/grants/{id}/refuse", srv_grant_refuse, refuseGrant, SIGNED_IN, NULL, CSRF)    \
    X(POST, "/api/v1/tokens", srv_token_add, addToken, SIGNED_IN, NULL, WRITE)                     \
    X(DELETE, "/api/v1/tokens/{id}", srv_token_revoke, revokeToken, SIGNED_IN, NULL, CSRF)         \
    X(GET, "/api/v1/tokens", srv_token_list, listTokens, SIGNED_IN, NULL, 0)                       \
    X(POST, "/api/v1/users/{id}/suspend", srv_user_suspend, suspendUser, SIGNED_IN, NULL, CSRF)    \
    X(POST, "/api/v1/users/{id}/reactivate", srv_user_reactivate, reactivateUser, SIGNED_IN, NULL, \
      CSRF)                                                                                        \
    X(POST, "/api/v1/users/{id}/unlock", srv_user_unlock, unlockUser, SIGNED_IN, NULL, CSRF)       \
    X(POST, "/api/v1/users/{id}/grants", srv_user_grant, grantUser, SIGNED_IN, NULL, WRITE)        \
    X(POST, "/api/v1/objects", srv_object_add, addObject, SIGNED_IN, "records:write",              \
      WRITE | PURPOSE)                                                                             \
    X(GET, "/api/v1/objects", srv_object_list, listObjects, SIGNED_IN, "records:read", PURPOSE)    \
    X(GET, "/api/v1/objects/{id}", srv_object_get, getObject, SIGNED_IN, "records:read", PURPOSE)  \
    X(POST, "/api/v1/locations", srv_location_add, addLocation, SIGNED_IN, "records:write",        \
      WRITE | PURPOSE)                                                                             \
    X(GET, "/api/v1/locations", srv_location_list, listLocations, SIGNED_IN, "records:read",       \
      PURPOSE)                                                                                     \
    X(GET, "/api/v1/locations/{id}", srv_location_get, getLocation, SIGNED_IN, "records:read",     \
      PURPOSE)                                                                                     \
    X(POST, "/api/v1/events", srv_event_add, addEvent, SIGNED_IN, "records:write",                 \
      WRITE | PURPOSE)                                                                             \
    X(GET, "/api/v1/events", srv_event_list, listEvents, SIGNED_IN, "records:read", PURPOSE)       \
    X(GET, "/api/v1/events/{id}", srv_event_get, getEvent, SIGNED_IN, "records:read", PURPOSE)     \
    X(POST, "/api/v1/links", srv_link_add, addLink, SIGNED_IN, "records:write", WRITE | PURPOSE)   \
    X(GET, "/api/v1/links", srv_link_list, listLinks, SIGNED_IN, "records:read", PURPOSE)          \
    X(GET, "/api/v1/links/{id}", srv_link_get, getLink, SIGNED_IN, "records:read", PURPOSE)        \
    X(PUT, "/api/v1/links/{id}/status", srv_link_decide, decideLink, SIGNED_IN, "records:write",   \
      WRITE | PURPOSE)                                                                             \
    X(POST, "/api/v1/links/proposals", srv_link_propose, proposeLinks, SIGNED_IN, "records:write", \
      WRITE | PURPOSE)                                                                             \
    X(POST, "/api/v1/cases", srv_case_add, addCase, SIGNED_IN, "cases:write", WRITE | PURPOSE)     \
    X(GET, "/api/v1/cases", srv_case_list, listCases, SIGNED_IN, "cases:read", PURPOSE)            \
    X(GET, "/api/v1/cases/{id}", srv_case_get, getCase, SIGNED_IN, "cases:read", PURPOSE)          \
    X(POST, "/api/v1/cases/{id}/members", srv_case_member_add, addCaseMember, SIGNED_IN,           \
      "cases:write", WRITE | PURPOSE)                                                              \
    X(GET, "/api/v1/audit/entries", srv_audit_entries, listAuditEntries, SIGNED_IN, NULL, PURPOSE) \
    X(GET, "/api/v1/oversight", srv_oversight, getOversight, SIGNED_IN, NULL, PURPOSE)             \
    X(GET, "/api/v1/statistics/{table}", srv_statistics, getStatistics, SIGNED_IN, NULL, 0)        \
    X(POST, "/api/v1/reports", srv_report_submit, submitReport, SIGNED_IN, "reports:submit",       \
      WRITE)                                                                                       \
    X(GET, "/api/v1/me/work", srv_work, getMyWork, SIGNED_IN, NULL, PURPOSE)                       \
    X(GET, "/api/v1/substances", srv_substances, listSubstances, SIGNED_IN, "reports:submit", 0)   \
    X(GET, "/api/v1/report-indicators", srv_report_indicators, listReportIndicators, SIGNED_IN,    \
      "reports:submit", 0)                                                                         \
    X(GET, "/api/v1/reports", srv_report_list, listReports, SIGNED_IN, "reports:read", PURPOSE)    \
    X(GET, "/api/v1/reports/{id}", srv_report_get, getReport, SIGNED_IN, "reports:read", PURPOSE)  \
    X(GET, "/api/v1/alerts", srv_alert_list, listAlerts, SIGNED_IN, "alerts:read", PURPOSE)        \
    X(GET, "/api/v1/alerts/stream", srv_alert_stream, streamAlerts, SIGNED_IN, "alerts:read",      \
      PURPOSE)                                                                                     \
    X(GET, "/api/v1/alerts/{id}", srv_alert_get, getAlert, SIGNED_IN, "alerts:read", PURPOSE)      \
    X(POST, "/api/v1/alerts/{id}/ack", srv_alert_ack, ackAlert, SIGNED_IN, "alerts:write",         \
      WRITE | PURPOSE)                                                                             \
    X(POST, "/api/v1/cases/{id}/steps", srv_case_step, takeCaseStep, SIGNED_IN, "cases:write",     \
      WRITE | PURPOSE)                                                                             \
    X(POST, "/api/v1/cases/{id}/notes", srv_case_note, addCaseNote, SIGNED_IN, "cases:write",      \
      WRITE | PURPOSE)                                                                             \
    X(GET, "/api/v1/cases/{id}/timeline", srv_case_timeline, getCaseTimeline, SIGNED_IN,           \
      "cases:read", PURPOSE)                                                                       \
    X(GET, "/api/v1/cases/{id}/next", srv_case_next, getCaseNextSteps, SIGNED_IN, "cases:read",    \
      PURPOSE)                                                                                     \
    X(GET, "/api/v1/deadlines", srv_deadlines, listDeadlines, SIGNED_IN, "cases:read", PURPOSE)    \
    RFI_ROUTES(X)

#define ROUTE_ROW(method, pattern, fn, op, auth, scope, checks) \
    { #method, pattern, #method " " pattern, #op, SRV_##auth, scope, (unsigned)(checks), fn },
#define PURPOSE   SRV_PURPOSE
#define CSRF      SRV_CSRF
#define JSON      SRV_JSON
#define WRITE     SRV_WRITE
#define CSRF_LAST (SRV_CSRF | SRV_CSRF_LAST)
const struct srv_route_desc srv_routes[] = { ROUTES(ROUTE_ROW) };
const size_t srv_route_count = sizeof srv_routes / sizeof srv_routes[0];
#undef PURPOSE
#undef CSRF
#undef JSON
#undef WRITE
#undef CSRF_LAST

#define ROUTE_NAME(method, pattern, fn, op, auth, scope, checks) #method " " pattern,
const char *const srv_route_names[] = { ROUTES(ROUTE_NAME) NULL };

/* The query parameters each route takes (docs/openapi.json says the same; the route test
 * checks they agree); a route not listed takes none, and any other is a 400. */
static const struct {
    const char *route;
    const char *params;
} query_params[] = {
    { "GET /api/v1/persons", "name,dob,postcode,identifier,limit,cursor" },
    { "GET /api/v1/persons/export", "format" },
    { "GET /api/v1/objects", "value,cursor,limit" },
    { "GET /api/v1/locations", "postcode,cursor,limit" },
    { "GET /api/v1/events", "kind,cursor,limit" },
    { "GET /api/v1/links", "record,status" },
    { "GET /api/v1/cases", "scope,type,state,due_within_days,limit" },
    { "GET /api/v1/audit/entries", "record,user,since,cursor,limit" },
    { "GET /api/v1/oversight", "since,until" },
    { "GET /api/v1/statistics/{table}", "from,to,area,round,format" },
    { "GET /api/v1/reports", "limit,cursor" },
    { "GET /api/v1/alerts", "limit,status" },
    { "GET /api/v1/deadlines", "within_days" },
    { "GET /api/v1/requests", "box,open" },
    { "GET /api/v1/substances", "q" },
    { "GET /api/v1/person-disclosures", "awaiting" },
    { "GET /api/v1/disclosures", "awaiting" },
};

const char *
srv_route_query_params(const char *route)
{
    for (size_t i = 0; i < sizeof query_params / sizeof query_params[0]; i++) {
        if (strcmp(query_params[i].route, route) == 0) {
            return query_params[i].params;
        }
    }
    return "";
}

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

/* What every signed-in route asks of a request, in the order the row's checks say (see
 * http_int.h); false with the problem written. */
static bool
checked(struct srv_state *st,
        const struct srv_route_desc *r,
        struct srv_request *rq,
        struct srv_response *rs)
{
    bool csrf_last = (r->checks & SRV_CSRF_LAST) != 0;

    if (r->auth == SRV_PUBLIC || (r->auth == SRV_LOCAL && rq->client == 0x7f000001u)) {
        return true;
    }
    if (r->auth == SRV_LOCAL && rq->bearer == NULL) {
        srv_problem(rq, rs, 401, "unauthenticated",
                    "only a client on this machine (127.0.0.1), or one sending an API token "
                    "with the scope 'metrics:read', may read this");
        return false;
    }
    if (srv_authenticate(st, rq, rs, &rq->session, r->scope) == NULL) {
        return false;
    }
    rq->actor = rq->session.actor;
    if ((r->checks & SRV_CSRF) != 0 && !csrf_last && !srv_csrf_checked(rq, rs, &rq->session)) {
        return false;
    }
    if ((r->checks & SRV_JSON) != 0 && !srv_json_type(rq, rs)) {
        return false;
    }
    if ((r->checks & SRV_PURPOSE) != 0 && !srv_purpose_given(rq, rs)) {
        return false;
    }
    return (r->checks & SRV_CSRF) == 0 || !csrf_last || srv_csrf_checked(rq, rs, &rq->session);
}

void
srv_route(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    bool path_known = false;

    for (size_t i = 0; i < srv_route_count; i++) {
        const struct srv_route_desc *r = &srv_routes[i];

        if (match(r->pattern, rq->path, rq)) {
            path_known = true;
            if (strcmp(r->method, rq->method) == 0) {
                rq->route = r->name;
                if (checked(st, r, rq, rs) &&
                    srv_query_checked(rq, rs, srv_route_query_params(r->name))) {
                    r->handler(st, rq, rs);
                }
                return;
            }
        }
    }
    if (!path_known && st->web_root != NULL && srv_static_path(rq->path) &&
        (strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0)) {
        srv_static(st, rq, rs);
    } else if (path_known) {
        srv_problem(rq, rs, 405, "method_not_allowed",
                    "this resource does not support that method: see /api/v1/openapi.json");
    } else {
        srv_problem(rq, rs, 404, "not_found", "no such resource: see /api/v1/openapi.json");
    }
}
