/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_http_request.c - the API's request handling on arbitrary input: the bytes give a
 * method, a path, a content type, a purpose and a body, routed through the real handlers
 * against an in-memory hub.  Never a crash, never a 5xx other than 503, always a body.
 * Input layout: lines METHOD, PATH, CONTENT-TYPE, PURPOSE, AUTH ("1": signed in as an
 * analyst, "2": as an auditor, "3": as a retailer's reporter, "4": as a duty officer, else
 * nobody), QUERY ("k=v&k2=v2") and IF-MATCH, then the
 * body.  Signed-in requests carry the CSRF token, so bodies reach every handler's parser.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct srv_state state;
static ac_session analyst, auditor, reporter, duty; /* signed in once, for the whole run */
static ac_arena *sessions;

/* The query string of the input, for query(). */
static const char *query_text;

/* Value of NAME in the input's query line ("k=v&k2=v2"), in the request arena. */
static const char *
input_query(const struct srv_request *rq, const char *name)
{
    size_t n = strlen(name);

    for (const char *p = query_text; p != NULL && *p != '\0';) {
        size_t len = strcspn(p, "&");

        if (len > n && strncmp(p, name, n) == 0 && p[n] == '=') {
            return ac_arena_strndup(rq->arena, p + n + 1, len - n - 1);
        }
        p += len + (p[len] == '&');
    }
    return NULL;
}

static void
init_once(void)
{
    ac_hub_config *cfg = ac_hub_config_new();
    ac_demo_options o = { 1, 50, 5, "fuzz password long", NULL, NULL, 0, true };
    ac_demo_result r;

    if (ac_hub_config_set_db_path(cfg, ":memory:", NULL) != AC_OK) {
        abort();
    }
    ac_hub_config_set_create(cfg, 1);
    if (ac_hub_open(cfg, &state.hub, NULL) != AC_OK || ac_demo_build(state.hub, &o, &r, NULL)) {
        abort();
    }
    ac_hub_config_free(cfg);
    sessions = ac_arena_new(0);
    if (ac_session_open(state.hub, "ctp.analyst", o.password, NULL, sessions, &analyst, NULL) !=
            AC_OK ||
        ac_session_open(state.hub, "oversight.auditor", o.password, NULL, sessions, &auditor,
                        NULL) != AC_OK ||
        ac_session_open(state.hub, "retail.reporter", o.password, NULL, sessions, &reporter,
                        NULL) != AC_OK ||
        ac_session_open(state.hub, "ctp.duty", o.password, NULL, sessions, &duty, NULL) != AC_OK) {
        abort();
    }
    state.metrics = srv_metrics_new();
}

/* The next line of IN (up to '\n') as a string in A. */
static const char *
next_line(ac_arena *a, const char **in, const char *end)
{
    const char *nl = memchr(*in, '\n', (size_t)(end - *in));
    const char *stop = nl != NULL ? nl : end;
    char *s = ac_arena_strndup(a, *in, (size_t)(stop - *in));

    *in = nl != NULL ? nl + 1 : end;
    return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data, *end = in + size;
    struct srv_request rq;
    struct srv_response rs;
    const char *auth;

    if (state.hub == NULL) {
        init_once();
    }
    memset(&rq, 0, sizeof rq);
    memset(&rs, 0, sizeof rs);
    rq.arena = ac_arena_new(8u << 20);
    rq.method = next_line(rq.arena, &in, end);
    rq.path = next_line(rq.arena, &in, end);
    rq.content_type = next_line(rq.arena, &in, end);
    rq.purpose = next_line(rq.arena, &in, end);
    auth = next_line(rq.arena, &in, end);
    query_text = next_line(rq.arena, &in, end);
    rq.if_match = next_line(rq.arena, &in, end);
    rq.if_match = rq.if_match[0] != '\0' ? rq.if_match : NULL;
    if (auth[0] >= '1' && auth[0] <= '4' && auth[1] == '\0') {
        const ac_session *who = auth[0] == '1'   ? &analyst
                                : auth[0] == '2' ? &auditor
                                : auth[0] == '3' ? &reporter
                                                 : &duty;

        rq.cookie_token = who->token;
        rq.csrf = who->csrf_token;
    }
    rq.body = ac_arena_strndup(rq.arena, in, (size_t)(end - in));
    rq.body_len = strlen(rq.body);
    rq.query = input_query;
    rq.query_names = "";
    for (const char *p = query_text; *p != '\0';) { /* "a=1&b=2": "a,b," */
        size_t len = strcspn(p, "&"), key = strcspn(p, "=&");

        rq.query_names = ac_arena_printf(rq.arena, "%s%.*s,", rq.query_names, (int)key, p);
        p += len + (p[len] == '&');
    }
    if (ac_utf8_valid(rq.body, rq.body_len, NULL)) {
        srv_route(&state, &rq, &rs);
        assert(rs.status >= 200 && rs.status < 600 && rs.status != 500);
        assert(rs.status == 204 || rs.body != NULL);
    }
    ac_arena_free(rq.arena);
    return 0;
}
