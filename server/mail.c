/* SPDX-License-Identifier: Apache-2.0
 *
 * mail.c - SMTP through libcurl (mail.h) and the scheduler of 'accord serve': a short
 * list of periodic jobs, each a name, a period and a function, run from one thread.  A
 * job is added with one line in JOBS.  The message sent is what the hub composed: a
 * reference and a link, never personal data; the address is the envelope's.
 */
#include "http_int.h" /* srv_cosign_round */
#include "server.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct payload {
    char *text;
    size_t len, at;
};

static size_t
read_payload(char *buf, size_t size, size_t n, void *ctx)
{
    struct payload *p = ctx;
    size_t room = size * n, left = p->len - p->at;
    size_t take = left < room ? left : room;

    memcpy(buf, p->text + p->at, take);
    p->at += take;
    return take;
}

int
srv_mail_check_url(const char *url, char *why, size_t why_len)
{
    const char *host = strncmp(url, "smtp://", 7) == 0    ? url + 7
                       : strncmp(url, "smtps://", 8) == 0 ? url + 8
                                                          : NULL;

    if (host == NULL || *host == '\0' || *host == ':' || *host == '/') {
        snprintf(why, why_len,
                 "--smtp: expected smtp://HOST:PORT or smtps://HOST:PORT, e.g. "
                 "smtp://127.0.0.1:2525");
        return -1;
    }
    return 0;
}

int
srv_mail_send(void *ctx, const ac_mail *m, char *why, size_t why_len)
{
    const struct srv_mailer *ml = ctx;
    struct payload p = { NULL, 0, 0 };
    struct curl_slist *rcpt = NULL;
    char from[300], to[300], date[64];
    time_t now = time(NULL);
    struct tm tm;
    CURL *curl = curl_easy_init();
    CURLcode rc = CURLE_OUT_OF_MEMORY;
    int len;

    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    snprintf(from, sizeof from, "<%s>", ml->from);
    snprintf(to, sizeof to, "<%s>", m->to);
    len = snprintf(NULL, 0,
                   "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\nX-Accord-Reference: %s\r\n"
                   "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s",
                   date, from, to, m->subject, m->reference, m->body);
    p.text = len > 0 ? malloc((size_t)len + 1) : NULL;
    rcpt = curl_slist_append(NULL, to);
    if (curl != NULL && p.text != NULL && rcpt != NULL) {
        p.len = (size_t)snprintf(
            p.text, (size_t)len + 1,
            "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\nX-Accord-Reference: %s\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s",
            date, from, to, m->subject, m->reference, m->body);
        curl_easy_setopt(curl, CURLOPT_URL, ml->smtp_url);
        curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
        curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_payload);
        curl_easy_setopt(curl, CURLOPT_READDATA, &p);
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        rc = curl_easy_perform(curl);
    }
    if (rc != CURLE_OK) {
        /* curl's text names the server's refusal or the connection, never the message */
        snprintf(why, why_len, "smtp: %s", curl_easy_strerror(rc));
    }
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    free(p.text);
    return rc == CURLE_OK ? 0 : -1;
}

int
srv_sched_run_once(ac_hub *hub,
                   int64_t now_ms,
                   const struct srv_mailer *mailer,
                   const char *link_base,
                   ac_tick_result *out_tick,
                   size_t *out_sent,
                   size_t *out_failed,
                   ac_error *err)
{
    *out_sent = 0;
    *out_failed = 0;
    if (ac_hub_tick(hub, now_ms, out_tick, err) != AC_OK) {
        return -1;
    }
    if (mailer != NULL && ac_hub_notify_send(hub, link_base, srv_mail_send, (void *)mailer,
                                             out_sent, out_failed, err) != AC_OK) {
        return -1;
    }
    return 0;
}

/* ---- the periodic jobs ---- */

struct srv_sched {
    ac_hub *hub;
    unsigned every_s;
    bool tick; /* run the hub's tick (not when only cosigning was asked for) */
    ac_clock_fn clock;
    void *clock_ctx;
    const struct srv_mailer *mailer; /* borrowed, or NULL */
    const char *link_base;           /* borrowed */
    struct srv_cosign *cosign;       /* borrowed, or NULL: no witnesses to push to */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int stop; /* under lock */
};

static int64_t
sched_now(const struct srv_sched *s)
{
    struct timespec ts;

    if (s->clock != NULL) {
        return s->clock(s->clock_ctx);
    }
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* the hub's tick and the mail it queued */
static void
job_hub(struct srv_sched *s)
{
    ac_tick_result t;
    size_t sent = 0, failed = 0;
    ac_error err = { 0 };

    if (!s->tick) {
        return;
    }
    if (srv_sched_run_once(s->hub, sched_now(s), s->mailer, s->link_base, &t, &sent, &failed,
                           &err) != 0) {
        fprintf(stderr, "{\"event\":\"tick_failed\",\"message\":\"%s\"}\n", err.msg);
    } else if (t.alerts_escalated + t.case_deadlines_passed + t.case_reminders + sent + failed >
               0) {
        fprintf(stderr,
                "{\"event\":\"tick\",\"alerts_escalated\":%zu,\"case_deadlines_passed\":%zu,"
                "\"case_reminders\":%zu,\"mail_sent\":%zu,\"mail_failed\":%zu}\n",
                t.alerts_escalated, t.case_deadlines_passed, t.case_reminders, sent, failed);
    }
}

/* the newest checkpoint to each cosigning witness */
static void
job_cosign(struct srv_sched *s)
{
    if (s->cosign != NULL) {
        srv_cosign_round(s->cosign);
    }
}

/* One line per periodic job: its name, how many of the scheduler's periods apart it runs,
 * and what it does. */
static const struct {
    const char *name;
    unsigned periods;
    void (*run)(struct srv_sched *s);
} jobs[] = {
    { "hub tick and mail", 1, job_hub },
    { "cosigning witnesses", 1, job_cosign },
};

static void *
sched_main(void *arg)
{
    struct srv_sched *s = arg;
    unsigned long round = 0;

    pthread_mutex_lock(&s->lock);
    while (!s->stop) {
        struct timespec until;

        pthread_mutex_unlock(&s->lock);
        for (size_t i = 0; i < sizeof jobs / sizeof jobs[0]; i++) {
            if (round % jobs[i].periods == 0) {
                jobs[i].run(s);
            }
        }
        round++;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += s->every_s;
        pthread_mutex_lock(&s->lock);
        while (!s->stop && pthread_cond_timedwait(&s->wake, &s->lock, &until) != ETIMEDOUT) {
        }
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

struct srv_sched *
srv_sched_start(ac_hub *hub,
                unsigned every_s,
                ac_clock_fn clock,
                void *clock_ctx,
                const struct srv_mailer *mailer,
                const char *link_base,
                struct srv_cosign *cosign)
{
    struct srv_sched *s = calloc(1, sizeof *s);

    if (s == NULL) {
        return NULL;
    }
    s->hub = hub;
    s->every_s = every_s > 0 ? every_s : 5;
    s->tick = every_s > 0;
    s->clock = clock;
    s->clock_ctx = clock_ctx;
    s->mailer = mailer;
    s->link_base = link_base;
    s->cosign = cosign;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    if (pthread_create(&s->thread, NULL, sched_main, s) != 0) {
        pthread_cond_destroy(&s->wake);
        pthread_mutex_destroy(&s->lock);
        free(s);
        return NULL;
    }
    return s;
}

void
srv_sched_stop(struct srv_sched *s)
{
    if (s == NULL) {
        return;
    }
    pthread_mutex_lock(&s->lock);
    s->stop = 1;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
