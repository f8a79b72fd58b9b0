/* SPDX-License-Identifier: Apache-2.0
 *
 * problem.c - errors as RFC 9457 problem details, and the one mapping from the
 * library's result codes to HTTP statuses.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "http_int.h"

void
srv_json(struct srv_response *rs, unsigned status, char *json)
{
    if (json == NULL) {
        rs->status = 503;
        rs->content_type = "application/problem+json";
        rs->body = (char *)"{\"type\":\"about:blank\",\"title\":\"out of memory\",\"status\":503}";
        rs->body_len = strlen(rs->body);
        return;
    }
    rs->status = status;
    rs->content_type = "application/json";
    rs->body = json;
    rs->body_len = strlen(json);
}

void
srv_problem(struct srv_request *rq,
            struct srv_response *rs,
            unsigned status,
            const char *code,
            const char *detail)
{
    json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", "about:blank", "title", code,
                          "status", (int)status, "code", code, "detail", detail);
    char *text = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

    srv_json(rs, status, text != NULL ? ac_arena_strdup(rq->arena, text) : NULL);
    rs->content_type = "application/problem+json";
    free(text);
    json_decref(o);
}

void
srv_problem_from(struct srv_request *rq, struct srv_response *rs, const ac_error *err)
{
    static const struct {
        ac_code code;
        unsigned status;
    } map[] = {
        { AC_EINVAL, 400 }, { AC_ENOTFOUND, 404 }, { AC_EDENIED, 403 }, { AC_ECONFLICT, 409 },
        { AC_ENOMEM, 503 }, { AC_ESTORAGE, 503 },  { AC_EMISUSE, 500 }, { AC_EIO, 500 },
    };
    unsigned status = 500;

    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (map[i].code == err->code) {
            status = map[i].status;
        }
    }
    srv_problem(rq, rs, status, ac_code_str(err->code),
                err->msg[0] != '\0' ? err->msg : ac_code_str(err->code));
}
