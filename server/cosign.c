/* SPDX-License-Identifier: Apache-2.0
 *
 * cosign.c - the background step of 'accord serve --cosigner': a thread that, about once
 * a second, asks each configured witness to cosign the hub's newest checkpoint
 * (ac_cosign_push).  Not on the commit path: a witness that is down costs a failed
 * connection on this thread only, and the next round catches up.  Small on purpose, so
 * that a general scheduler in serve can call srv_cosign_round instead.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accord/witness.h"
#include "http_int.h"

#define PERIOD_MS 1000

struct srv_cosign {
    ac_hub *hub;
    ac_cosigner *c; /* owned copy of the array (strings borrowed from the config) */
    int *last;      /* the last status logged per witness, to log changes only */
    size_t n;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
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

static void *
run(void *arg)
{
    struct srv_cosign *k = arg;

    pthread_mutex_lock(&k->lock);
    while (!k->stop) {
        struct timespec until;

        pthread_mutex_unlock(&k->lock);
        srv_cosign_round(k);
        pthread_mutex_lock(&k->lock);
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += (long)(PERIOD_MS % 1000) * 1000000L;
        until.tv_sec += PERIOD_MS / 1000 + until.tv_nsec / 1000000000L;
        until.tv_nsec %= 1000000000L;
        if (!k->stop) {
            pthread_cond_timedwait(&k->wake, &k->lock, &until);
        }
    }
    pthread_mutex_unlock(&k->lock);
    return NULL;
}

struct srv_cosign *
srv_cosign_start(ac_hub *hub, const ac_cosigner *c, size_t n)
{
    struct srv_cosign *k = calloc(1, sizeof *k);

    if (k == NULL || n == 0) {
        free(k);
        return NULL;
    }
    k->hub = hub;
    k->n = n;
    k->c = calloc(n, sizeof *k->c);
    k->last = calloc(n, sizeof *k->last);
    pthread_mutex_init(&k->lock, NULL);
    pthread_cond_init(&k->wake, NULL);
    if (k->c == NULL || k->last == NULL) {
        srv_cosign_stop(k);
        return NULL;
    }
    memcpy(k->c, c, n * sizeof *c);
    if (pthread_create(&k->thread, NULL, run, k) != 0) {
        k->n = 0;
        srv_cosign_stop(k);
        return NULL;
    }
    return k;
}

void
srv_cosign_stop(struct srv_cosign *k)
{
    if (k == NULL) {
        return;
    }
    if (k->n > 0) {
        pthread_mutex_lock(&k->lock);
        k->stop = true;
        pthread_cond_signal(&k->wake);
        pthread_mutex_unlock(&k->lock);
        pthread_join(k->thread, NULL);
    }
    pthread_mutex_destroy(&k->lock);
    pthread_cond_destroy(&k->wake);
    free(k->c);
    free(k->last);
    free(k);
}
