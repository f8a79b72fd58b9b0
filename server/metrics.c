/* SPDX-License-Identifier: Apache-2.0
 *
 * metrics.c - /metrics in the Prometheus text format: requests by route and status,
 * latency histograms by route, time spent in the hub.  No personal data: routes are
 * patterns, never paths or queries.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_int.h"

#define MAX_SERIES 64
static const double buckets[] = { 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0 };
#define N_BUCKETS (sizeof buckets / sizeof buckets[0])

struct series {
    const char *route; /* static text; "unmatched" for 404/405 */
    unsigned status;
    unsigned long long count;
};

struct latency {
    const char *route;
    unsigned long long le[N_BUCKETS]; /* cumulative counts */
    unsigned long long count;
    double sum;
};

struct srv_metrics {
    pthread_mutex_t lock;
    struct series series[MAX_SERIES];
    size_t n_series;
    struct latency latency[MAX_SERIES];
    size_t n_latency;
    double hub_seconds;
};

struct srv_metrics *
srv_metrics_new(void)
{
    struct srv_metrics *m = calloc(1, sizeof *m);

    if (m != NULL) {
        pthread_mutex_init(&m->lock, NULL);
    }
    return m;
}

void
srv_metrics_free(struct srv_metrics *m)
{
    if (m != NULL) {
        pthread_mutex_destroy(&m->lock);
        free(m);
    }
}

void
srv_metrics_observe(struct srv_metrics *m, const char *route, unsigned status, double seconds)
{
    size_t i;

    if (m == NULL) {
        return;
    }
    route = route != NULL ? route : "unmatched";
    pthread_mutex_lock(&m->lock);
    for (i = 0; i < m->n_series; i++) {
        if (m->series[i].route == route && m->series[i].status == status) {
            break;
        }
    }
    if (i == m->n_series && i < MAX_SERIES) {
        m->series[m->n_series++] = (struct series){ route, status, 0 };
    }
    if (i < MAX_SERIES) {
        m->series[i].count++;
    }
    for (i = 0; i < m->n_latency && m->latency[i].route != route; i++) {
    }
    if (i == m->n_latency && i < MAX_SERIES) {
        memset(&m->latency[i], 0, sizeof m->latency[i]);
        m->latency[m->n_latency++].route = route;
    }
    if (i < MAX_SERIES) {
        for (size_t b = 0; b < N_BUCKETS; b++) {
            m->latency[i].le[b] += seconds <= buckets[b];
        }
        m->latency[i].count++;
        m->latency[i].sum += seconds;
    }
    pthread_mutex_unlock(&m->lock);
}

void
srv_metrics_hub_time(struct srv_metrics *m, double seconds)
{
    if (m != NULL) {
        pthread_mutex_lock(&m->lock);
        m->hub_seconds += seconds;
        pthread_mutex_unlock(&m->lock);
    }
}

void
srv_metrics(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    struct srv_metrics *m = st->metrics;
    char *out;
    size_t cap = 64 * 1024, len = 0;

    out = ac_arena_alloc(rq->arena, cap);
    if (out == NULL || m == NULL) {
        srv_problem(rq, rs, 503, "unavailable", "metrics are not available");
        return;
    }
    pthread_mutex_lock(&m->lock);
    len += (size_t)snprintf(out + len, cap - len,
                            "# HELP accord_http_requests_total HTTP requests by route and status\n"
                            "# TYPE accord_http_requests_total counter\n");
    for (size_t i = 0; i < m->n_series && len < cap; i++) {
        len += (size_t)snprintf(out + len, cap - len,
                                "accord_http_requests_total{route=\"%s\",status=\"%u\"} %llu\n",
                                m->series[i].route, m->series[i].status, m->series[i].count);
    }
    len += (size_t)snprintf(out + len, cap - len,
                            "# HELP accord_http_request_seconds time to answer, by route\n"
                            "# TYPE accord_http_request_seconds histogram\n");
    for (size_t i = 0; i < m->n_latency && len < cap; i++) {
        for (size_t b = 0; b < N_BUCKETS && len < cap; b++) {
            len += (size_t)snprintf(out + len, cap - len,
                                    "accord_http_request_seconds_bucket{route=\"%s\",le=\"%g\"} "
                                    "%llu\n",
                                    m->latency[i].route, buckets[b], m->latency[i].le[b]);
        }
        len += (size_t)snprintf(out + len, cap - len,
                                "accord_http_request_seconds_bucket{route=\"%s\",le=\"+Inf\"} "
                                "%llu\naccord_http_request_seconds_sum{route=\"%s\"} %.6f\n"
                                "accord_http_request_seconds_count{route=\"%s\"} %llu\n",
                                m->latency[i].route, m->latency[i].count, m->latency[i].route,
                                m->latency[i].sum, m->latency[i].route, m->latency[i].count);
    }
    if (len < cap) {
        len += (size_t)snprintf(out + len, cap - len,
                                "# HELP accord_hub_seconds_total time spent in the hub (database, "
                                "policy, audit)\n# TYPE accord_hub_seconds_total counter\n"
                                "accord_hub_seconds_total %.6f\n",
                                m->hub_seconds);
    }
    pthread_mutex_unlock(&m->lock);
    rs->status = 200;
    rs->content_type = "text/plain; version=0.0.4";
    rs->body = out;
    rs->body_len = len < cap ? len : cap - 1;
}
