/* SPDX-License-Identifier: Apache-2.0
 *
 * witness.c - 'accord witness serve': the cosigning witness over HTTP(S) on
 * libmicrohttpd.  One route, POST /add-checkpoint (c2sp.org/tlog-witness); the checking
 * and the state are ac_witness's (lib/audit/witness.c).  The log says which log and what
 * status, never a body.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http_int.h" /* srv_listen_address, srv_read_file, srv_fail */
#include "server.h"

#define BODY_MAX 16384 /* a checkpoint with cosignatures and 63 proof lines fits */

struct wsrv {
    const struct srv_witness_config *cfg;
};

struct wpending {
    char body[BODY_MAX];
    size_t len;
    bool too_large;
};

static enum MHD_Result
reply(struct MHD_Connection *conn, unsigned status, const char *type, const char *text)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
    enum MHD_Result ok;

    if (r == NULL) {
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    ok = MHD_queue_response(conn, status, r);
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
    struct wsrv *s = cls;
    struct wpending *p = *con_cls;
    char out[AC_WITNESS_REPLY_MAX], msg[AC_ERROR_MSG_MAX + 2];
    const char *type = "text/plain; charset=utf-8";
    ac_error err = { 0 };
    int status;

    (void)version;
    if (p == NULL) {
        p = calloc(1, sizeof *p);
        *con_cls = p;
        return p != NULL ? MHD_YES : MHD_NO;
    }
    if (*upload_data_size > 0) {
        if (*upload_data_size > sizeof p->body - p->len) {
            p->too_large = true;
        } else {
            memcpy(p->body + p->len, upload_data, *upload_data_size);
            p->len += *upload_data_size;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (strcmp(url, "/healthz") == 0 && strcmp(method, "GET") == 0) {
        return reply(conn, 200, type, "ok\n");
    }
    if (strcmp(url, "/add-checkpoint") != 0) {
        return reply(conn, 404, type, "no such route: the witness serves POST /add-checkpoint\n");
    }
    if (strcmp(method, "POST") != 0) {
        return reply(conn, 405, type, "add-checkpoint takes POST\n");
    }
    if (p->too_large) {
        return reply(conn, 413, type, "the request is larger than 16 KiB\n");
    }
    status = ac_witness_add_checkpoint(s->cfg->witness, p->body, p->len, (int64_t)time(NULL), out,
                                       &type, &err);
    fprintf(stderr, "{\"event\":\"add-checkpoint\",\"status\":%d%s%s%s}\n", status,
            status != 200 ? ",\"reason\":\"" : "", status != 200 ? err.msg : "",
            status != 200 ? "\"" : "");
    if (status != 200 && status != 409) {
        snprintf(msg, sizeof msg, "%s\n", err.msg);
        return reply(conn, (unsigned)status, "text/plain; charset=utf-8", msg);
    }
    return reply(conn, (unsigned)status, type, out);
}

static void
on_completed(void *cls,
             struct MHD_Connection *conn,
             void **con_cls,
             enum MHD_RequestTerminationCode why)
{
    (void)cls;
    (void)conn;
    (void)why;
    free(*con_cls);
    *con_cls = NULL;
}

int
srv_witness_run(const struct srv_witness_config *cfg, ac_error *err)
{
    struct sockaddr_in addr;
    struct wsrv s = { cfg };
    struct MHD_Daemon *d;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
    char *cert = NULL, *key = NULL;
    const union MHD_DaemonInfo *info;
    sigset_t set;
    int sig = 0;

    if (srv_listen_address(cfg->host, cfg->port, cfg->tls_cert, cfg->tls_key, &addr, err) != 0) {
        return -1;
    }
    if (cfg->tls_cert != NULL) {
        cert = srv_read_file(cfg->tls_cert);
        key = srv_read_file(cfg->tls_key);
        if (cert == NULL || key == NULL) {
            free(cert);
            free(key);
            return srv_fail(err, "--tls-cert/--tls-key: cannot read the certificate or key");
        }
        flags |= MHD_USE_TLS;
    }
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    d = MHD_start_daemon(flags, cfg->port, NULL, NULL, on_request, &s, MHD_OPTION_SOCK_ADDR, &addr,
                         MHD_OPTION_THREAD_POOL_SIZE, 4u, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
                         NULL, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
                         cert != NULL ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
                         MHD_OPTION_HTTPS_MEM_KEY, key, MHD_OPTION_END);
    if (d == NULL) {
        free(cert);
        free(key);
        return srv_fail(err, "cannot listen there: is the port in use?");
    }
    info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    fprintf(stderr,
            "{\"event\":\"listening\",\"url\":\"%s://%s:%u\",\"witness\":\"%s\","
            "\"public_key\":\"%s\"}\n",
            cert != NULL ? "https" : "http", cfg->host, info != NULL ? (unsigned)info->port : 0u,
            cfg->name, ac_witness_public_key(cfg->witness));
    sigwait(&set, &sig);
    fprintf(stderr, "{\"event\":\"stopping\",\"signal\":%d}\n", sig);
    MHD_stop_daemon(d);
    free(cert);
    free(key);
    return 0;
}
