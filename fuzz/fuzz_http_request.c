/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_http_request.c - the API's request handling on arbitrary input: the bytes give a
 * method, a path, a content type, a purpose and a body, routed through the real handlers
 * against an in-memory hub.  Never a crash, never a 5xx other than 503, always a body.
 * Input layout: lines "METHOD\nPATH\nCONTENT-TYPE\nPURPOSE\n" then the body.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct srv_state state;

static const char *
no_query(const struct srv_request *rq, const char *name)
{
    (void)rq;
    return strcmp(name, "name") == 0 ? "a" : NULL;
}

static void
init_once(void)
{
    ac_hub_config *cfg = ac_hub_config_new();
    ac_demo_options o = { 1, 50, 5, "fuzz password long", NULL, NULL };
    ac_demo_result r;

    if (ac_hub_config_set_db_path(cfg, ":memory:", NULL) != AC_OK) {
        abort();
    }
    ac_hub_config_set_create(cfg, 1);
    if (ac_hub_open(cfg, &state.hub, NULL) != AC_OK || ac_demo_build(state.hub, &o, &r, NULL)) {
        abort();
    }
    ac_hub_config_free(cfg);
    state.group = srv_group_new();
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
    rq.body = ac_arena_strndup(rq.arena, in, (size_t)(end - in));
    rq.body_len = strlen(rq.body);
    rq.query = no_query;
    if (ac_utf8_valid(rq.body, rq.body_len, NULL)) {
        srv_route(&state, &rq, &rs);
        assert(srv_hub_settle(&state, &rq));
        assert(rs.status >= 200 && rs.status < 600 && rs.status != 500);
        assert(rs.status == 204 || rs.body != NULL);
    }
    ac_arena_free(rq.arena);
    return 0;
}
