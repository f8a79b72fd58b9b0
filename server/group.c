/* SPDX-License-Identifier: Apache-2.0
 *
 * group.c - the server's use of the hub: one thread at a time, and group commit.
 *
 * Requests take turns on the hub (srv_hub_enter / srv_hub_leave).  Their changes and
 * audit entries join the open batch; at the end of a request, srv_hub_settle makes sure
 * its batch is on disk before the response leaves.  The batch is committed (one fsync)
 * by the last request of a run: the one that settles while nobody waits to enter, or
 * once a batch holds GROUP_MAX requests.  The others wait for that commit.
 *
 * Invariants:
 *   (1) a response that used the hub is sent only after its batch committed
 *   (2) at most one batch is open, and only the lock holder changes it
 *   (3) every request that entered settles, so no batch stays open when the load stops
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "http_int.h"

#define GROUP_MAX 64 /* requests per batch at most, to bound latency under load */

struct srv_group {
    pthread_mutex_t lock;   /* the hub is used by the holder only */
    pthread_cond_t settled; /* broadcast when a batch ends */
    unsigned waiting;       /* threads waiting to enter (atomic) */
    uint64_t open;          /* number of the open batch, 0 for none */
    uint64_t last;          /* number given to the latest batch */
    uint64_t committed;     /* batches up to here are on disk... */
    uint64_t failed;        /* ...except this one, if its commit failed */
    unsigned members;       /* requests in the open batch */
    double entered;         /* when the holder entered, for the metric */
};

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct srv_group *
srv_group_new(void)
{
    struct srv_group *g = calloc(1, sizeof *g);

    if (g != NULL) {
        pthread_mutex_init(&g->lock, NULL);
        pthread_cond_init(&g->settled, NULL);
    }
    return g;
}

void
srv_group_free(struct srv_group *g)
{
    if (g != NULL) {
        pthread_cond_destroy(&g->settled);
        pthread_mutex_destroy(&g->lock);
        free(g);
    }
}

void
srv_hub_enter(struct srv_state *st, struct srv_request *rq)
{
    struct srv_group *g = st->group;

    __atomic_add_fetch(&g->waiting, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_lock(&g->lock);
    __atomic_sub_fetch(&g->waiting, 1, __ATOMIC_SEQ_CST);
    if (g->open == 0 && ac_hub_batch_begin(st->hub, NULL) == AC_OK) {
        g->open = ++g->last;
        g->members = 0;
    }
    if (rq->batch != g->open) {
        g->members++;
    }
    rq->batch = g->open;
    g->entered = now_s();
}

void
srv_hub_leave(struct srv_state *st)
{
    struct srv_group *g = st->group;

    srv_metrics_hub_time(st->metrics, now_s() - g->entered);
    pthread_mutex_unlock(&g->lock);
}

bool
srv_hub_settle(struct srv_state *st, struct srv_request *rq)
{
    struct srv_group *g = st->group;
    bool ok;

    if (rq->batch == 0) {
        return true; /* never used the hub, or no batch could be opened */
    }
    pthread_mutex_lock(&g->lock);
    while (g->committed < rq->batch && g->failed != rq->batch) {
        bool last_in = __atomic_load_n(&g->waiting, __ATOMIC_SEQ_CST) == 0;

        if (g->open == rq->batch && (last_in || g->members >= GROUP_MAX)) {
            double t0 = now_s();

            if (ac_hub_batch_commit(st->hub, NULL) == AC_OK) {
                g->committed = g->open;
            } else {
                g->failed = g->open;
            }
            g->open = 0;
            srv_metrics_hub_time(st->metrics, now_s() - t0);
            pthread_cond_broadcast(&g->settled);
        } else {
            pthread_cond_wait(&g->settled, &g->lock);
        }
    }
    ok = g->committed >= rq->batch && g->failed != rq->batch;
    pthread_mutex_unlock(&g->lock);
    return ok;
}
