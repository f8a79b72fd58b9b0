/* SPDX-License-Identifier: Apache-2.0
 *
 * ratelimit.c - per-client rate limits: a token bucket per client address, RATE requests
 * a second with bursts of twice that.  A fixed table (addresses hashed into it; a
 * collision shares a bucket, which errs on the side of limiting), so memory is bounded
 * whatever the number of clients.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http_int.h"

#define SLOTS 4096

struct bucket {
    uint32_t addr;  /* client IPv4 address (host order), 0 = unused */
    double tokens;  /* requests it may still make now */
    double updated; /* seconds, monotonic */
};

struct srv_ratelimit {
    pthread_mutex_t lock;
    double rate;  /* tokens added per second */
    double burst; /* bucket size */
    struct bucket slot[SLOTS];
};

struct srv_ratelimit *
srv_ratelimit_new(unsigned rate)
{
    struct srv_ratelimit *r;

    if (rate == 0) {
        return NULL; /* no limit */
    }
    r = calloc(1, sizeof *r);
    if (r != NULL) {
        pthread_mutex_init(&r->lock, NULL);
        r->rate = rate;
        r->burst = 2.0 * rate;
    }
    return r;
}

void
srv_ratelimit_free(struct srv_ratelimit *r)
{
    if (r != NULL) {
        pthread_mutex_destroy(&r->lock);
        free(r);
    }
}

bool
srv_ratelimit_allow(struct srv_ratelimit *r, uint32_t addr)
{
    struct timespec ts;
    struct bucket *b;
    double now;
    bool ok;

    if (r == NULL) {
        return true;
    }
    clock_gettime(CLOCK_MONOTONIC, &ts);
    now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
    pthread_mutex_lock(&r->lock);
    b = &r->slot[(addr * 2654435761u) % SLOTS];
    if (b->addr != addr) {
        b->addr = addr;
        b->tokens = r->burst;
        b->updated = now;
    }
    b->tokens += (now - b->updated) * r->rate;
    if (b->tokens > r->burst) {
        b->tokens = r->burst;
    }
    b->updated = now;
    ok = b->tokens >= 1.0;
    if (ok) {
        b->tokens -= 1.0;
    }
    pthread_mutex_unlock(&r->lock);
    return ok;
}
