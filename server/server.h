/* SPDX-License-Identifier: Apache-2.0
 *
 * server.h - 'accord serve': the HTTP JSON API on libmicrohttpd, a thin translation of
 * the hub.  Every request that touches data goes through the hub's gate and audit.
 * The server uses only the public API (include/accord/).
 */
#ifndef SRV_SERVER_H
#define SRV_SERVER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "accord/accord.h"
#include "accord/witness.h"

#define SRV_BODY_MAX (1u << 20) /* largest request body accepted, bytes */

/* GET /api/v1/alerts/stream (handlers_stream.c): streams one user may hold open (0: 4),
 * streams in all (0: 256), and the heartbeat's interval (0: 15 s; tests shorten it). */
struct srv_stream_limits {
    unsigned per_user;
    unsigned max;
    unsigned heartbeat_ms;
};

struct srv_config {
    const char *db_path;  /* the hub's database */
    const char *host;     /* address to listen on ("127.0.0.1") */
    uint16_t port;        /* 0 = any free port (tests) */
    const char *tls_cert; /* PEM files; both or neither */
    const char *tls_key;
    const char *openapi_path; /* the OpenAPI document to serve, or NULL */
    unsigned rate_limit;      /* requests per second per client address (bursts of twice
                                 that); 0 = no limit */
    unsigned threads;         /* worker threads; 0 = 64 (waiting requests join one batch) */
    const char *key_path;     /* the audit checkpoint signing key, or NULL for the default */
    const char *witness_path; /* the witness file, or NULL for the default */
    const char *report_line;  /* where statutory precursor reports go, or NULL: the default */
    int designated;           /* the partnership receives them itself */
    ac_clock_fn clock;        /* the hub's clock; NULL = the wall clock (tests inject one) */
    void *clock_ctx;
    const struct ac_cosigner *cosigners; /* witnesses asked to cosign checkpoints (copied) */
    size_t n_cosigners;
    unsigned tick_seconds; /* run the scheduler (mail.h) this often; 0 = no scheduler */
    const char *smtp_url;  /* smtp://HOST:PORT for notifications, or NULL for none */
    const char *mail_from; /* their sender address (with smtp_url) */
    const char *mail_link; /* the API's base URL in them; NULL = http(s)://HOST:PORT/api/v1 */
    const char *web_root;  /* the built web application (index.html, assets/) served at /,
                              or NULL for none */
    struct srv_stream_limits streams; /* the alert streams' bounds (zeros: the defaults) */
};

struct srv;

/* Start serving in background threads.  Refuses a non-loopback address without TLS.
 * Returns 0, or -1 with a message in ERR. */
int srv_start(const struct srv_config *cfg, struct srv **out, ac_error *err);
/* The port actually listened on. */
uint16_t srv_port(const struct srv *s);
/* Stop accepting, let requests in flight finish, close the hub.  NULL is a no-op. */
void srv_stop(struct srv *s);

/* Serve until SIGINT or SIGTERM (the 'accord serve' command). */
int srv_run(const struct srv_config *cfg, ac_error *err);

/* 'accord witness serve': a cosigning witness (include/accord/witness.h) over HTTP(S):
 * POST /add-checkpoint (c2sp.org/tlog-witness).  Serves until SIGINT or SIGTERM. */
struct srv_witness_config {
    const char *host; /* address to listen on */
    uint16_t port;
    const char *tls_cert; /* PEM files; both or neither (then loopback only) */
    const char *tls_key;
    struct ac_witness *witness; /* borrowed, open */
    const char *name;           /* its key name, for the log */
};
int srv_witness_run(const struct srv_witness_config *cfg, ac_error *err);

/* ---- e-mail and the scheduler (mail.c) ---- */

struct srv_mailer {
    const char *smtp_url; /* smtp://HOST:PORT or smtps://... */
    const char *from;     /* the envelope and From: address */
};

/* An ac_mail_fn: send M through the mailer CTX (a struct srv_mailer). */
int srv_mail_send(void *ctx, const ac_mail *m, char *why, size_t why_len);

/* Check an SMTP URL: smtp:// or smtps:// and a host.  0, or -1 with WHY. */
int srv_mail_check_url(const char *url, char *why, size_t why_len);

/* One run of every job that is due: the hub's tick (ac_hub_tick at NOW_MS) and, with a
 * mailer (NULL: none), the sending of what it queued, linking to LINK_BASE.  What it did
 * is logged on stderr as JSON when anything happened.  0, or -1 with ERR. */
int srv_sched_run_once(ac_hub *hub,
                       int64_t now_ms,
                       const struct srv_mailer *mailer,
                       const char *link_base,
                       ac_tick_result *out_tick,
                       size_t *out_sent,
                       size_t *out_failed,
                       ac_error *err);

/* The alert AL as GET /api/v1/alerts/{id} gives it: its members, its matches and, for a
 * report's alert, the report R (may be NULL); the caller decrefs.  One shape for the API
 * and 'accord alerts show --json'. */
json_t *srv_alert_full_json(const ac_alert *al, const ac_report *r);

struct srv_sched;
struct srv_cosign;
/* Run the periodic jobs every EVERY_S seconds (0: every 5 s, without the hub's tick) in a
 * thread of their own, on HUB (borrowed; a concurrent hub), with CLOCK (NULL: the wall
 * clock): the tick and its mail, and the pushes to COSIGN's witnesses (borrowed; NULL:
 * none).  NULL on failure. */
struct srv_sched *srv_sched_start(ac_hub *hub,
                                  unsigned every_s,
                                  ac_clock_fn clock,
                                  void *clock_ctx,
                                  const struct srv_mailer *mailer,
                                  const char *link_base,
                                  struct srv_cosign *cosign);
/* Stop the thread and wait for it.  NULL is a no-op. */
void srv_sched_stop(struct srv_sched *s);

#endif /* SRV_SERVER_H */
