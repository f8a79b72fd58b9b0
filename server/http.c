/* SPDX-License-Identifier: Apache-2.0
 *
 * http.c - libmicrohttpd glue: the daemon (internal thread pool, epoll), one arena per
 * request, bounded bodies, responses with their security headers, start and clean stop.
 * MHD types stay in this file.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http_int.h"
#include "server.h"

#define ARENA_LIMIT (8u << 20) /* per request */
#define READERS     4          /* read-only connections: reads run in parallel */

struct srv {
    struct MHD_Daemon *daemon;
    struct srv_sched *sched;  /* the periodic jobs, or NULL */
    struct srv_mailer mailer; /* borrowed strings of the config */
    char link_base[600];      /* the API's base URL in notifications */
    struct srv_state state;
    char *cert, *key;                 /* PEM text, owned */
    unsigned long long request_count; /* for request ids in the log */
    struct srv_ratelimit *limits;     /* NULL = no limit */
    struct srv_cosign *cosign;        /* the cosigning witnesses (a scheduler job), or NULL */
};

/* Per-connection request state, created on the first callback. */
struct pending {
    ac_arena *arena;
    char *body;     /* in arena */
    size_t len;     /* bytes kept */
    size_t cap;     /* bytes allocated */
    bool too_large; /* the body passed SRV_BODY_MAX: answered with 413 */
};

static double
seconds_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The method for the log: a known one, never arbitrary client text. */
static const char *
method_name(const char *m)
{
    static const char *const known[] = {
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"
    };

    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        if (strcmp(m, known[i]) == 0) {
            return known[i];
        }
    }
    return "OTHER";
}

static const char *
lookup_query(const struct srv_request *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

/* An MHD_KeyValueIterator: append each query argument's name and ',' to *CLS's text. */
static enum MHD_Result
collect_name(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    struct srv_request *rq = cls;

    (void)kind;
    (void)value;
    rq->query_names = ac_arena_printf(rq->arena, "%s%s,", rq->query_names, key);
    return rq->query_names != NULL ? MHD_YES : MHD_NO;
}

static bool
keep_body(struct pending *p, const char *data, size_t n)
{
    if (p->too_large || p->len + n > SRV_BODY_MAX) {
        p->too_large = true;
        return true;
    }
    if (p->len + n + 1 > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 4096;
        char *grown;

        while (cap < p->len + n + 1) {
            cap *= 2;
        }
        grown = ac_arena_alloc(p->arena, cap);
        if (grown == NULL) {
            return false;
        }
        if (p->len > 0) {
            memcpy(grown, p->body, p->len);
        }
        p->body = grown;
        p->cap = cap;
    }
    memcpy(p->body + p->len, data, n);
    p->len += n;
    p->body[p->len] = '\0';
    return true;
}

static uint32_t
client_addr(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

    if (ci == NULL || ci->client_addr == NULL || ci->client_addr->sa_family != AF_INET) {
        return 0;
    }
    return ntohl(((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr.s_addr);
}

/* The stream's hooks (handlers_stream.c calls them under its lock). */
static void
stream_suspend(void *conn)
{
    MHD_suspend_connection(conn);
}

static void
stream_resume(void *conn)
{
    MHD_resume_connection(conn);
}

/* An MHD_ContentReaderCallback: the event stream's next bytes; 0 only once it has
 * suspended the connection, so no pool thread spins on it. */
static ssize_t
stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    ssize_t n = srv_stream_produce(cls, buf, max);

    (void)pos;
    return n == SRV_STREAM_END ? MHD_CONTENT_READER_END_OF_STREAM : n;
}

static enum MHD_Result
respond(struct MHD_Connection *conn, const struct srv_response *rs, bool tls)
{
    struct MHD_Response *r;
    enum MHD_Result ok;

    if (rs->stream != NULL) {
        srv_stream_attach(rs->stream, conn);
        r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, stream_read, rs->stream,
                                              srv_stream_release);
        if (r == NULL) {
            srv_stream_release(rs->stream);
            return MHD_NO;
        }
    } else {
        r = MHD_create_response_from_buffer(rs->body_len, rs->body != NULL ? rs->body : (char *)"",
                                            MHD_RESPMEM_MUST_COPY);
    }
    if (r == NULL) {
        return MHD_NO;
    }
    if (rs->content_type != NULL) {
        MHD_add_response_header(r, "Content-Type", rs->content_type);
    }
    if (rs->retry_after != NULL) {
        MHD_add_response_header(r, "Retry-After", rs->retry_after);
    }
    if (rs->etag != NULL) {
        MHD_add_response_header(r, "ETag", rs->etag);
    }
    if (rs->set_cookie != NULL) {
        MHD_add_response_header(r, "Set-Cookie", rs->set_cookie);
    }
    MHD_add_response_header(r, "Cache-Control",
                            rs->cache_control != NULL ? rs->cache_control : "no-store");
    if (rs->content_encoding != NULL) {
        MHD_add_response_header(r, "Content-Encoding", rs->content_encoding);
    }
    if (rs->vary != NULL) {
        MHD_add_response_header(r, "Vary", rs->vary);
    }
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    /* no script, style or frame from elsewhere, and never inside another site's frame */
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; "
                            "img-src 'self' data:; frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    if (tls) {
        MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
    }
    ok = MHD_queue_response(conn, rs->status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result
on_request(void *cls,
           struct MHD_Connection *conn,
           const char *url,
           const char *method,
           const char *version,
           const char *upload_data,
           size_t *upload_data_size,
           void **con_cls)
{
    struct srv *s = cls;
    struct pending *p = *con_cls;
    struct srv_request rq;
    struct srv_response rs;
    double started, elapsed;

    (void)version;
    if (p == NULL) {
        ac_arena *a = ac_arena_new(ARENA_LIMIT);

        p = a != NULL ? ac_arena_zalloc(a, sizeof *p) : NULL;
        if (p == NULL) {
            ac_arena_free(a);
            return MHD_NO;
        }
        p->arena = a;
        *con_cls = p;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (!keep_body(p, upload_data, *upload_data_size)) {
            return MHD_NO;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    memset(&rq, 0, sizeof rq);
    memset(&rs, 0, sizeof rs);
    rq.arena = p->arena;
    rq.method = method;
    rq.path = url;
    rq.body = p->body != NULL ? p->body : "";
    rq.body_len = p->len;
    rq.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
    rq.purpose = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accord-Purpose");
    rq.csrf = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");
    rq.if_match = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "If-Match");
    rq.last_event_id = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Last-Event-ID");
    rq.cookie_token = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "accord_session");
    {
        const char *ae = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Encoding");

        rq.accept_gzip = ae != NULL && strstr(ae, "gzip") != NULL;
    }
    {
        const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");

        rq.bearer = auth != NULL && strncmp(auth, "Bearer ", 7) == 0 ? auth + 7 : NULL;
    }
    rq.query = lookup_query;
    rq.conn = conn;
    rq.query_names = "";
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_name, &rq);
    rq.tls = s->cert != NULL;
    rq.client = client_addr(conn);
    started = seconds_now();
    if (!srv_ratelimit_allow(s->limits, rq.client)) {
        srv_problem(&rq, &rs, 429, "too_many_requests",
                    "this client is sending requests too fast: slow down and retry in a second");
        rs.retry_after = "1";
    } else if (p->too_large && strcmp(rq.path, "/api/v1/persons/import") == 0) {
        srv_problem(&rq, &rs, 413, "too_large",
                    "the CSV file is larger than 1 MiB: split it into files of at most 1 MiB, "
                    "each with the header row, and import each; or import it on the server "
                    "with 'accord import persons'");
    } else if (p->too_large) {
        srv_problem(&rq, &rs, 413, "too_large",
                    "the request body is larger than 1 MiB: send less at a time");
    } else if (rq.body_len > 0 && strcmp(rq.path, "/api/v1/persons/import") != 0 &&
               !ac_utf8_valid(rq.body, rq.body_len, NULL)) {
        /* an import's rows are checked one by one (a bad row goes to its quarantine) */
        srv_problem(&rq, &rs, 400, "invalid_request", "the request body is not valid UTF-8");
    } else {
        double t0 = seconds_now();

        srv_route(&s->state, &rq, &rs);
        srv_metrics_hub_time(s->state.metrics, seconds_now() - t0);
    }
    elapsed = seconds_now() - started;
    srv_metrics_observe(s->state.metrics, rq.route, rs.status, elapsed);
    /* one structured line per request: never a body, a query or personal data */
    fprintf(
        stderr, "{\"request\":%llu,\"method\":\"%s\",\"route\":\"%s\",\"status\":%u,\"ms\":%.3f}\n",
        (unsigned long long)__atomic_add_fetch(&s->request_count, 1, __ATOMIC_RELAXED),
        method_name(method), rq.route != NULL ? rq.route : "unmatched", rs.status, elapsed * 1e3);
    return respond(conn, &rs, rq.tls);
}

static void
on_completed(void *cls,
             struct MHD_Connection *conn,
             void **con_cls,
             enum MHD_RequestTerminationCode why)
{
    struct pending *p = *con_cls;

    (void)cls;
    (void)conn;
    (void)why;
    if (p != NULL) {
        ac_arena_free(p->arena); /* p lives in its own arena */
        *con_cls = NULL;
    }
}

char *
srv_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f == NULL) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else {
            buf[n] = '\0';
        }
    }
    fclose(f);
    return buf;
}

int
srv_listen_address(const char *host,
                   uint16_t port,
                   const char *tls_cert,
                   const char *tls_key,
                   struct sockaddr_in *addr,
                   ac_error *err)
{
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_port = htons(port);
    if (inet_pton(AF_INET, host, &addr->sin_addr) != 1) {
        return srv_fail(err, "--listen: expected an IPv4 address and port, e.g. 127.0.0.1:8080");
    }
    if ((tls_cert == NULL) != (tls_key == NULL)) {
        return srv_fail(err, "give both --tls-cert and --tls-key, or neither");
    }
    if (tls_cert == NULL && (ntohl(addr->sin_addr.s_addr) >> 24) != 127) {
        return srv_fail(err, "refusing to listen beyond loopback without TLS: give --tls-cert "
                             "and --tls-key");
    }
    return 0;
}

int
srv_fail(ac_error *err, const char *msg)
{
    if (err != NULL) {
        err->code = AC_EINVAL;
        snprintf(err->msg, sizeof err->msg, "%s", msg);
    }
    return -1;
}

static int
open_hub(const struct srv_config *cfg, struct srv *s, ac_error *err)
{
    ac_hub_config *hc = ac_hub_config_new();
    int rc = -1;

    if (hc != NULL) {
        ac_hub_config_set_durable(hc, 1); /* no response before its audit entry is on disk */
        ac_hub_config_set_concurrent(hc, READERS);
        if (cfg->clock != NULL) {
            ac_hub_config_set_clock(hc, cfg->clock, cfg->clock_ctx);
        }
    }
    if (hc != NULL && ac_hub_config_set_db_path(hc, cfg->db_path, err) == AC_OK &&
        (cfg->key_path == NULL || ac_hub_config_set_key_path(hc, cfg->key_path, err) == AC_OK) &&
        (cfg->witness_path == NULL ||
         ac_hub_config_set_witness_path(hc, cfg->witness_path, err) == AC_OK) &&
        ((cfg->report_line == NULL && !cfg->designated) ||
         ac_hub_config_set_report_line(hc, cfg->report_line, cfg->designated, err) == AC_OK) &&
        ac_hub_open(hc, &s->state.hub, err) == AC_OK) {
        rc = 0;
    }
    ac_hub_config_free(hc);
    return rc;
}

int
srv_start(const struct srv_config *cfg, struct srv **out, ac_error *err)
{
    struct sockaddr_in addr;
    struct srv *s;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
                     MHD_ALLOW_SUSPEND_RESUME; /* the alert streams wait suspended */

    *out = NULL;
    if (srv_listen_address(cfg->host, cfg->port, cfg->tls_cert, cfg->tls_key, &addr, err) != 0) {
        return -1;
    }
    s = calloc(1, sizeof *s);
    if (s == NULL) {
        return srv_fail(err, "out of memory");
    }
    s->limits = srv_ratelimit_new(cfg->rate_limit);
    s->state.metrics = srv_metrics_new();
    if (s->state.metrics == NULL) {
        srv_stop(s);
        return srv_fail(err, "out of memory");
    }
    if (cfg->tls_cert != NULL) {
        s->cert = srv_read_file(cfg->tls_cert);
        s->key = srv_read_file(cfg->tls_key);
        if (s->cert == NULL || s->key == NULL) {
            srv_stop(s);
            return srv_fail(err, "cannot read the TLS certificate or key");
        }
        flags |= MHD_USE_TLS;
    }
    if (cfg->openapi_path != NULL) {
        s->state.openapi = srv_read_file(cfg->openapi_path);
    }
    s->state.web_root = cfg->web_root;
    if (open_hub(cfg, s, err) != 0) {
        srv_stop(s);
        return -1;
    }
    s->state.streams = srv_streams_new(s->state.hub, stream_suspend, stream_resume, &cfg->streams);
    if (s->state.streams == NULL) {
        srv_stop(s);
        return srv_fail(err, "cannot start the alert streams' watcher");
    }
    if ((s->state.imports = srv_imports_new(s->state.hub)) == NULL) {
        srv_stop(s);
        return srv_fail(err, "out of memory starting the import jobs");
    }
    if (cfg->n_cosigners > 0 &&
        (s->cosign = srv_cosign_new(s->state.hub, cfg->cosigners, cfg->n_cosigners)) == NULL) {
        srv_stop(s);
        return srv_fail(err, "out of memory for the cosigning witnesses");
    }
    s->daemon = MHD_start_daemon(
        flags, cfg->port, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, &addr,
        MHD_OPTION_THREAD_POOL_SIZE, cfg->threads ? cfg->threads : 64u, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_LIMIT, 1024u,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, 256u,
        cfg->tls_cert != NULL ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, s->cert,
        MHD_OPTION_HTTPS_MEM_KEY, s->key, MHD_OPTION_END);
    if (s->daemon == NULL) {
        srv_stop(s);
        return srv_fail(err, "cannot listen there: is the port in use?");
    }
    if (cfg->tick_seconds > 0 || s->cosign != NULL) {
        s->mailer.smtp_url = cfg->smtp_url;
        s->mailer.from = cfg->mail_from;
        snprintf(s->link_base, sizeof s->link_base, "%s", cfg->mail_link);
        if (cfg->mail_link == NULL) {
            snprintf(s->link_base, sizeof s->link_base, "%s://%s:%u/api/v1",
                     cfg->tls_cert ? "https" : "http", cfg->host, (unsigned)srv_port(s));
        }
        s->sched =
            srv_sched_start(s->state.hub, cfg->tick_seconds, cfg->clock, cfg->clock_ctx,
                            cfg->smtp_url != NULL ? &s->mailer : NULL, s->link_base, s->cosign);
        if (s->sched == NULL) {
            srv_stop(s);
            return srv_fail(err, "cannot start the scheduler");
        }
    }
    *out = s;
    return 0;
}

uint16_t
srv_port(const struct srv *s)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);

    return info != NULL ? info->port : 0;
}

void
srv_stop(struct srv *s)
{
    if (s == NULL) {
        return;
    }
    srv_sched_stop(s->sched);          /* the periodic jobs first: they use the hub */
    srv_streams_end(s->state.streams); /* no connection may stay suspended */
    if (s->daemon != NULL) {
        MHD_stop_daemon(s->daemon); /* waits for requests in flight */
    }
    srv_streams_free(s->state.streams);
    srv_imports_free(s->state.imports); /* waits for running imports: before the hub closes */
    srv_cosign_free(s->cosign);         /* after the scheduler that used it */
    ac_hub_close(s->state.hub);
    srv_ratelimit_free(s->limits);
    free(s->state.openapi);
    srv_metrics_free(s->state.metrics);
    free(s->cert);
    free(s->key);
    free(s);
}

int
srv_run(const struct srv_config *cfg, ac_error *err)
{
    struct srv *s = NULL;
    sigset_t set;
    int sig = 0;

    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* worker threads inherit the mask */
    if (srv_start(cfg, &s, err) != 0) {
        return -1;
    }
    fprintf(stderr, "{\"event\":\"listening\",\"url\":\"%s://%s:%u\"}\n",
            cfg->tls_cert ? "https" : "http", cfg->host, (unsigned)srv_port(s));
    sigwait(&set, &sig);
    fprintf(stderr, "{\"event\":\"stopping\",\"signal\":%d}\n", sig);
    srv_stop(s);
    return 0;
}
