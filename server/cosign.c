/* SPDX-License-Identifier: Apache-2.0
 *
 * cosign.c - the background step of 'accord serve --cosigner': each round of the
 * scheduler (mail.c) asks each configured witness to cosign the hub's newest checkpoint
 * (ac_cosign_push).  Not on the commit path: a witness that is down costs a failed
 * connection on the scheduler's thread only, and the next round catches up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord/witness.h"
#include "http_int.h"

struct srv_cosign {
    ac_hub *hub;
    ac_cosigner *c; /* owned copy of the array (strings borrowed from the config) */
    int *last;      /* the last status logged per witness, to log changes only */
    size_t n;
};

void
srv_cosign_round(struct srv_cosign *k)
{
    for (size_t i = 0; i < k->n; i++) {
        ac_error err = { 0 };
        uint64_t before = k->c[i].cosigned;
        int status = 0;
        ac_code rc = ac_cosign_push(k->hub, &k->c[i], &status, &err);

        /* one line per change: witness names and sizes, never record content */
        if (rc == AC_OK && k->c[i].cosigned != before) {
            fprintf(stderr, "{\"event\":\"cosigned\",\"witness\":\"%s\",\"size\":%llu}\n",
                    k->c[i].name, (unsigned long long)k->c[i].cosigned);
        } else if (rc != AC_OK && k->last[i] != (status == 0 ? -1 : status)) {
            fprintf(stderr,
                    "{\"event\":\"cosign_failed\",\"witness\":\"%s\",\"status\":%d,"
                    "\"error\":\"%s\"}\n",
                    k->c[i].name, status, err.msg);
        }
        k->last[i] = rc == AC_OK ? 200 : status == 0 ? -1 : status;
    }
}

struct srv_cosign *
srv_cosign_new(ac_hub *hub, const ac_cosigner *c, size_t n)
{
    struct srv_cosign *k = n > 0 ? calloc(1, sizeof *k) : NULL;

    if (k == NULL) {
        return NULL;
    }
    k->hub = hub;
    k->n = n;
    k->c = calloc(n, sizeof *k->c);
    k->last = calloc(n, sizeof *k->last);
    if (k->c == NULL || k->last == NULL) {
        srv_cosign_free(k);
        return NULL;
    }
    memcpy(k->c, c, n * sizeof *c);
    return k;
}

void
srv_cosign_free(struct srv_cosign *k)
{
    if (k != NULL) {
        free(k->c);
        free(k->last);
        free(k);
    }
}
