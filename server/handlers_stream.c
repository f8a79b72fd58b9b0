/* SPDX-License-Identifier: Apache-2.0
 *
 * handlers_stream.c - GET /api/v1/alerts/stream: the duty officer's alerts as server-sent
 * events (text/event-stream), under the policy and audit of GET /alerts.
 *
 * How a stream waits without holding a worker thread:
 *   - the handler checks the caller as the list does (ac_alert_events, audited), registers
 *     the stream (at most streams_per_user per user and streams_max in all: else 503 with
 *     Retry-After) and answers 200 with a body produced by srv_stream_produce;
 *   - when it has nothing to send, srv_stream_produce suspends the connection (http.c's
 *     hooks: MHD_suspend_connection), so the pool thread goes back to other requests;
 *   - one watcher thread asks the hub every POLL_MS for the newest alert event's number
 *     (ac_alert_events_latest: one max(), no record, no audit) and resumes each suspended
 *     stream that is behind it, due a heartbeat, or due its session check;
 *   - a resumed stream checks its session (ac_session_check: expiry and sign-out end the
 *     stream; it does not restart the idle clock) and asks ac_alert_events as the officer
 *     for what came after the last event it sent: only alerts the officer may list, and
 *     the audit entry names each.  A client that reconnects with Last-Event-ID gets what
 *     it missed, under the same rule.
 * No MHD type appears here (the fuzzer links the handlers without it): http.c gives the
 * suspend and resume hooks.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accord/report.h"
#include "accord/session.h"
#include "http_int.h"

#define POLL_MS           100   /* the watcher's look at the hub's newest event */
#define CHECK_MS          5000  /* each stream re-checks its session this often */
#define HEARTBEAT_MS      15000 /* a comment line when nothing else was sent */
#define RETRY_MS          3000  /* the client's reconnection delay (the retry: field) */
#define BATCH             50    /* events asked for at a time */
#define PER_USER_DEFAULT  4     /* streams one user may hold open */
#define MAX_DEFAULT       256   /* streams in all */
#define RETRY_AFTER       "30"  /* seconds, with the 503 */
#define LAST_EVENT_ID_MAX 18    /* digits: fits an int64_t */

struct srv_stream {
    struct srv_streams *owner;
    void *conn;    /* the MHD connection (http.c's hooks take it) */
    char *token;   /* the session cookie or API token, owned */
    bool bearer;   /* TOKEN is an API token */
    char *purpose; /* owned */
    char *user_id; /* owned: streams are counted per user */
    int64_t after; /* the last event id sent (or the start) */
    /* written by the stream's thread, read by the watcher: */
    _Atomic int64_t seen;      /* the hub's newest event when this stream last asked */
    _Atomic double next_beat;  /* monotonic seconds */
    _Atomic double next_check; /* monotonic seconds */
    bool suspended;            /* waiting for the watcher (under owner->mu) */
    bool ending;               /* the server stops, or the session ended: end the body */
    char *buf;                 /* bytes to send: buf[off..len) */
    size_t len, off, cap;
    struct srv_stream *next;
};

struct srv_streams {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    bool has_thread;
    bool stop;
    ac_hub *hub;
    void (*suspend)(void *conn);
    void (*resume)(void *conn);
    unsigned per_user, max;
    double heartbeat; /* seconds */
    size_t n;
    int64_t latest; /* the hub's newest event, as the watcher last saw it */
    struct srv_stream *head;
};

static double
mono_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool
stream_due(const struct srv_stream *s, int64_t latest, double now)
{
    return s->ending || latest > s->seen || now >= s->next_beat || now >= s->next_check;
}

static void *
watch(void *arg)
{
    struct srv_streams *w = arg;
    struct timespec until;

    pthread_mutex_lock(&w->mu);
    while (!w->stop) {
        int64_t latest = 0;
        ac_error err = { 0 };
        double now;

        pthread_mutex_unlock(&w->mu);
        if (ac_alert_events_latest(w->hub, &latest, &err) != AC_OK) {
            latest = 0; /* nothing new this time; each stream still beats and checks */
        }
        now = mono_now();
        pthread_mutex_lock(&w->mu);
        if (latest > w->latest) {
            w->latest = latest;
        }
        for (struct srv_stream *s = w->head; s != NULL; s = s->next) {
            if (s->suspended && stream_due(s, w->latest, now)) {
                s->suspended = false;
                w->resume(s->conn);
            }
        }
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += POLL_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        while (!w->stop && pthread_cond_timedwait(&w->cv, &w->mu, &until) != ETIMEDOUT) {
        }
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

struct srv_streams *
srv_streams_new(ac_hub *hub,
                void (*suspend)(void *conn),
                void (*resume)(void *conn),
                const struct srv_stream_limits *limits)
{
    struct srv_streams *w = calloc(1, sizeof *w);

    if (w == NULL) {
        return NULL;
    }
    w->hub = hub;
    w->suspend = suspend;
    w->resume = resume;
    w->per_user = limits->per_user ? limits->per_user : PER_USER_DEFAULT;
    w->max = limits->max ? limits->max : MAX_DEFAULT;
    w->heartbeat = (limits->heartbeat_ms ? limits->heartbeat_ms : HEARTBEAT_MS) / 1000.0;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    if (ac_alert_events_latest(hub, &w->latest, NULL) != AC_OK ||
        pthread_create(&w->thread, NULL, watch, w) != 0) {
        srv_streams_free(w);
        return NULL;
    }
    w->has_thread = true;
    return w;
}

void
srv_streams_end(struct srv_streams *w)
{
    if (w == NULL) {
        return;
    }
    pthread_mutex_lock(&w->mu);
    w->stop = true;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    if (w->has_thread) {
        pthread_join(w->thread, NULL);
        w->has_thread = false;
    }
    /* no connection may stay suspended when the daemon stops: wake each to end its body */
    pthread_mutex_lock(&w->mu);
    for (struct srv_stream *s = w->head; s != NULL; s = s->next) {
        s->ending = true;
        if (s->suspended) {
            s->suspended = false;
            w->resume(s->conn);
        }
    }
    pthread_mutex_unlock(&w->mu);
}

void
srv_streams_free(struct srv_streams *w)
{
    if (w == NULL) {
        return;
    }
    srv_streams_end(w);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    free(w);
}

size_t
srv_streams_open(struct srv_streams *w)
{
    size_t n;

    pthread_mutex_lock(&w->mu);
    n = w->n;
    pthread_mutex_unlock(&w->mu);
    return n;
}

static void
stream_free(struct srv_stream *s)
{
    if (s != NULL) {
        free(s->token);
        free(s->purpose);
        free(s->user_id);
        free(s->buf);
        free(s);
    }
}

void
srv_stream_release(void *cls)
{
    struct srv_stream *s = cls;
    struct srv_streams *w = s->owner;

    pthread_mutex_lock(&w->mu);
    for (struct srv_stream **p = &w->head; *p != NULL; p = &(*p)->next) {
        if (*p == s) {
            *p = s->next;
            w->n--;
            break;
        }
    }
    pthread_mutex_unlock(&w->mu);
    stream_free(s);
}

void
srv_stream_attach(struct srv_stream *s, void *conn)
{
    pthread_mutex_lock(&s->owner->mu);
    s->conn = conn;
    pthread_mutex_unlock(&s->owner->mu);
}

static bool
append(struct srv_stream *s, const char *text, size_t n)
{
    if (s->len + n > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        char *grown;

        while (cap < s->len + n) {
            cap *= 2;
        }
        grown = realloc(s->buf, cap);
        if (grown == NULL) {
            return false;
        }
        s->buf = grown;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, text, n);
    s->len += n;
    return true;
}

/* One event in the text/event-stream format: id, event name, one line of JSON. */
static bool
append_event(struct srv_stream *s, const ac_alert_event *ev)
{
    json_t *o = json_pack("{s:I, s:s, s:o}", "id", (json_int_t)ev->seq, "kind", ev->kind, "alert",
                          srv_alert_json(&ev->alert));
    char *data = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL; /* no newline inside */
    char head[96];
    int n = snprintf(head, sizeof head, "id: %lld\nevent: alert.%s\ndata: ", (long long)ev->seq,
                     ev->kind);
    bool ok = data != NULL && n > 0 && (size_t)n < sizeof head && append(s, head, (size_t)n) &&
              append(s, data, strlen(data)) && append(s, "\n\n", 2);

    free(data);
    json_decref(o);
    if (ok) {
        s->after = ev->seq;
    }
    return ok;
}

/* What the caller may see after S->after, appended; false when the stream must end (the
 * session expired or was revoked, the user's roles changed, or the hub failed). */
static bool
fetch(struct srv_stream *s, const ac_actor *actor, ac_arena *a, int64_t latest)
{
    ac_alert_event *ev = NULL;
    size_t n = 0;
    ac_error err = { 0 };

    if (ac_alert_events(s->owner->hub, actor, s->purpose, s->after, BATCH, a, &ev, &n, &err) !=
        AC_OK) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!append_event(s, &ev[i])) {
            return false;
        }
    }
    if (n < BATCH) {
        s->seen = latest; /* else the next round asks for the rest */
    }
    return true;
}

/* The session S was opened with, checked afresh (into A); NULL when it has ended. */
static const ac_actor *
check_session(struct srv_stream *s, ac_arena *a)
{
    ac_session session;
    ac_error err = { 0 };
    ac_code rc = s->bearer ? ac_token_resume(s->owner->hub, s->token, a, &session, &err)
                           : ac_session_check(s->owner->hub, s->token, a, &session, &err);

    return rc == AC_OK ? session.actor : NULL;
}

ssize_t
srv_stream_produce(struct srv_stream *s, char *buf, size_t max)
{
    struct srv_streams *w = s->owner;
    double now = mono_now();
    int64_t latest;
    bool ending;
    size_t n;

    if (s->off == s->len) {
        s->off = s->len = 0;
        pthread_mutex_lock(&w->mu);
        latest = w->latest;
        ending = s->ending;
        pthread_mutex_unlock(&w->mu);
        if (ending) {
            return SRV_STREAM_END;
        }
        if (latest > s->seen || now >= s->next_check) {
            ac_arena *a = ac_arena_new(0);
            const ac_actor *actor = a != NULL ? check_session(s, a) : NULL;
            bool ok = actor != NULL && (latest <= s->seen || fetch(s, actor, a, latest));

            ac_arena_free(a);
            if (!ok) {
                return SRV_STREAM_END;
            }
            s->next_check = now + CHECK_MS / 1000.0;
        }
        if (s->len == 0 && now >= s->next_beat && !append(s, ": heartbeat\n\n", 13)) {
            return SRV_STREAM_END;
        }
        if (s->len == 0) {
            pthread_mutex_lock(&w->mu);
            if (s->ending) {
                pthread_mutex_unlock(&w->mu);
                return SRV_STREAM_END;
            }
            s->suspended = true; /* the watcher resumes it when something is due */
            w->suspend(s->conn);
            pthread_mutex_unlock(&w->mu);
            return 0;
        }
        s->next_beat = now + w->heartbeat;
    }
    n = s->len - s->off < max ? s->len - s->off : max;
    memcpy(buf, s->buf + s->off, n);
    s->off += n;
    return (ssize_t)n;
}

/* Last-Event-ID: digits only, else -1. */
static int64_t
parse_last_event_id(const char *v)
{
    int64_t n = 0;
    size_t len = strlen(v);

    if (len == 0 || len > LAST_EVENT_ID_MAX) {
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        if (v[i] < '0' || v[i] > '9') {
            return -1;
        }
        n = n * 10 + (v[i] - '0');
    }
    return n;
}

/* S registered with W, or false when W is at its limit for this user or in all. */
static bool
admit(struct srv_streams *w, struct srv_stream *s)
{
    size_t mine = 0;
    bool ok;

    pthread_mutex_lock(&w->mu);
    for (struct srv_stream *o = w->head; o != NULL; o = o->next) {
        mine += strcmp(o->user_id, s->user_id) == 0;
    }
    ok = !w->stop && w->n < w->max && mine < w->per_user;
    if (ok) {
        s->next = w->head;
        w->head = s;
        w->n++;
    }
    pthread_mutex_unlock(&w->mu);
    return ok;
}

void
srv_alert_stream(struct srv_state *st, struct srv_request *rq, struct srv_response *rs)
{
    struct srv_streams *w = st->streams;
    struct srv_stream *s = NULL;
    const char *token = rq->bearer != NULL ? rq->bearer : rq->cookie_token;
    int64_t after = 0;
    ac_error err = { 0 };
    ac_code rc;

    if (w == NULL || token == NULL) {
        srv_problem(rq, rs, 503, "unavailable",
                    "this server does not stream: poll GET /api/v1/alerts instead");
        return;
    }
    if (rq->last_event_id != NULL && (after = parse_last_event_id(rq->last_event_id)) < 0) {
        srv_problem(rq, rs, 400, "invalid_request",
                    "Last-Event-ID: expected the id of an event this stream sent (digits "
                    "only); leave it out to start from now");
        return;
    }
    if (rq->last_event_id == NULL) {
        rc = ac_alert_events_latest(st->hub, &after, &err);
        if (rc != AC_OK) {
            srv_problem_from(rq, rs, &err);
            return;
        }
    }
    s = calloc(1, sizeof *s);
    if (s != NULL) {
        s->owner = w;
        s->token = strdup(token);
        s->bearer = rq->bearer != NULL;
        s->purpose = strdup(rq->purpose);
        s->user_id = strdup(rq->actor->user_id);
        s->after = after;
        s->seen = -1; /* ask at once: the replay, and the check as the list's */
    }
    if (s == NULL || s->token == NULL || s->purpose == NULL || s->user_id == NULL ||
        !append(s, "retry: 3000\n\n", 13)) {
        stream_free(s);
        srv_problem(rq, rs, 503, "unavailable", "out of memory: try again");
        return;
    }
    {
        /* the policy and the audit of GET /alerts, and the replay after Last-Event-ID */
        ac_alert_event *ev = NULL;
        size_t n = 0;
        int64_t latest = 0;

        rc = ac_alert_events_latest(st->hub, &latest, &err);
        if (rc == AC_OK) {
            rc = ac_alert_events(st->hub, rq->actor, rq->purpose, s->after, BATCH, rq->arena, &ev,
                                 &n, &err);
        }
        for (size_t i = 0; rc == AC_OK && i < n; i++) {
            if (!append_event(s, &ev[i])) {
                rc = AC_ENOMEM;
                snprintf(err.msg, sizeof err.msg, "out of memory: try again");
                err.code = rc;
            }
        }
        if (rc != AC_OK) {
            stream_free(s);
            srv_problem_from(rq, rs, &err);
            return;
        }
        s->seen = n < BATCH ? latest : -1;
    }
    s->next_check = mono_now() + CHECK_MS / 1000.0;
    if (!admit(w, s)) {
        stream_free(s);
        srv_problem(rq, rs, 503, "too_many_streams",
                    "too many alert streams are open (for you, or on this server): close "
                    "another console tab, or retry later");
        rs->retry_after = RETRY_AFTER;
        return;
    }
    rs->status = 200;
    rs->content_type = "text/event-stream";
    rs->stream = s;
}
