/* SPDX-License-Identifier: Apache-2.0
 *
 * server.h - 'accord serve': the HTTP JSON API on libmicrohttpd, a thin translation of
 * the hub.  Every request that touches data goes through the hub's gate and audit.
 * The server uses only the public API (include/accord/).
 */
#ifndef SRV_SERVER_H
#define SRV_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include "accord/accord.h"
#include "accord/witness.h"

#define SRV_BODY_MAX (1u << 20) /* largest request body accepted, bytes */

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

#endif /* SRV_SERVER_H */
