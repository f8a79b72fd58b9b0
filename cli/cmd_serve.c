/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_serve.c - accord serve: the HTTP JSON API.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server.h"

static const char help[] =
    "usage: accord serve [--listen 127.0.0.1:8080] [--tls-cert FILE --tls-key FILE]\n"
    "                    [--openapi FILE] [--threads N] [--rate-limit N]\n"
    "                    [--cosigner URL=NAME=PUBLIC_KEY]... [--cosigner-ca FILE]\n"
    "                    [--tick SECONDS] [--smtp URL --mail-from ADDRESS] [--mail-link URL]\n"
    "                    [--web-root DIR]\n"
    "\n"
    "Serve the hub's HTTP JSON API under /api/v1 until SIGINT or SIGTERM (requests in\n"
    "flight finish; the database is closed cleanly).  Without TLS it listens only on\n"
    "loopback.  People sign in with POST /api/v1/session; every read needs an\n"
    "Accord-Purpose header and is audited.  The API is described at\n"
    "/api/v1/openapi.json (docs/openapi.json).\n"
    "\n"
    "  --threads N  worker threads (default 64): requests waiting on the hub join one\n"
    "               durable commit, so more threads mean larger, cheaper batches\n"
    "  --rate-limit N  requests a second per client address, bursts of twice that\n"
    "               (default 200; 0 for none); over it: 429 with Retry-After\n"
    "  --cosigner URL=NAME=PUBLIC_KEY  a witness ('accord witness serve') asked, in the\n"
    "               background, to cosign each new checkpoint; its cosignatures are added\n"
    "               to the witness file (repeatable, at most 8)\n"
    "  --cosigner-ca FILE  CA certificates the witnesses' TLS certificates must chain to\n"
    "               (default: the system's)\n"
    "  --tick SECONDS  run the scheduler this often (default 5): lapsed alerts climb a tier\n"
    "               (the agency's duty officers, its supervisors, the hub's duty desk), case\n"
    "               deadlines raise alerts, checkpoints hourly ('accord notify --help')\n"
    "  --smtp URL   e-mail the users who must act through this server, e.g.\n"
    "               smtp://127.0.0.1:2525; with --mail-from ADDRESS, the sender\n"
    "  --mail-link URL  the API's address in the e-mail (default: the one listened on)\n"
    "  --web-root DIR  serve the web application built into DIR (index.html, assets/) at\n"
    "               / (default: where the build put it, " ACCORD_WEB_ROOT ")\n";

int
cli_cmd_serve(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "listen", required_argument, NULL, 'l' },
                                          { "tls-cert", required_argument, NULL, 'c' },
                                          { "tls-key", required_argument, NULL, 'k' },
                                          { "openapi", required_argument, NULL, 'o' },
                                          { "threads", required_argument, NULL, 't' },
                                          { "rate-limit", required_argument, NULL, 'r' },
                                          { "cosigner", required_argument, NULL, 0x100 },
                                          { "cosigner-ca", required_argument, NULL, 0x101 },
                                          { "tick", required_argument, NULL, 'T' },
                                          { "smtp", required_argument, NULL, 'S' },
                                          { "mail-from", required_argument, NULL, 'F' },
                                          { "mail-link", required_argument, NULL, 'M' },
                                          { "web-root", required_argument, NULL, 0x102 },
                                          { NULL, 0, NULL, 0 } };
    struct srv_config cfg;
    char host[64] = "127.0.0.1";
    const char *listen = "127.0.0.1:8080";
    ac_error err = { 0 };
    ac_cosigner cosigners[8];
    size_t n_cosigners = 0;
    const char *ca = NULL;
    char why[200];
    char *end = NULL;
    bool web_root_given = false;
    int opt;

    memset(&cfg, 0, sizeof cfg);
    cfg.openapi_path = "docs/openapi.json";
    cfg.rate_limit = 200;
    cfg.tick_seconds = 5;
    cfg.web_root = ACCORD_WEB_ROOT;
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        switch (opt) {
        case 'l':
            listen = optarg;
            break;
        case 'c':
            cfg.tls_cert = optarg;
            break;
        case 'k':
            cfg.tls_key = optarg;
            break;
        case 'o':
            cfg.openapi_path = optarg;
            break;
        case 't':
            cfg.threads = (unsigned)strtoul(optarg, NULL, 10);
            break;
        case 'r':
            cfg.rate_limit = (unsigned)strtoul(optarg, NULL, 10);
            break;
        case 0x100: {
            /* URL=NAME=PUBLIC_KEY, split from the right: a URL may hold '=' */
            const char *k = strrchr(optarg, '='), *n = NULL;

            for (const char *p = k != NULL ? k - 1 : NULL; p != NULL && p > optarg; p--) {
                if (*p == '=') {
                    n = p;
                    break;
                }
            }
            if (n == NULL || n == optarg || k == n + 1 || n_cosigners == 8) {
                return cli_usage("serve",
                                 "--cosigner: expected URL=NAME=PUBLIC_KEY (at most 8), "
                                 "e.g. https://w1.example:8443=oversight.example/w1=w1.pub");
            }
            memset(&cosigners[n_cosigners], 0, sizeof cosigners[0]);
            cosigners[n_cosigners].url = ac_arena_strndup(c->arena, optarg, (size_t)(n - optarg));
            cosigners[n_cosigners].name = ac_arena_strndup(c->arena, n + 1, (size_t)(k - n - 1));
            cosigners[n_cosigners].public_key_hex = cli_key_hex(c, k + 1);
            if (cosigners[n_cosigners].public_key_hex == NULL ||
                strlen(cosigners[n_cosigners].public_key_hex) != 64) {
                return cli_usage("serve",
                                 "--cosigner: the public key '%s' is not 64 hex characters "
                                 "or a file holding them",
                                 k + 1);
            }
            n_cosigners++;
            break;
        }
        case 0x101:
            ca = optarg;
            break;
        case 'T':
            cfg.tick_seconds = (unsigned)strtoul(optarg, &end, 10);
            if (end == optarg || *end != '\0' || cfg.tick_seconds == 0 || cfg.tick_seconds > 3600) {
                return cli_usage("serve", "--tick: a whole number of seconds from 1 to 3600");
            }
            break;
        case 'S':
            cfg.smtp_url = optarg;
            break;
        case 'F':
            cfg.mail_from = optarg;
            break;
        case 0x102:
            cfg.web_root = optarg;
            web_root_given = true;
            break;
        case 'M':
            cfg.mail_link = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        default:
            return cli_usage("serve", "unknown option");
        }
    }
    if (cfg.smtp_url != NULL && srv_mail_check_url(cfg.smtp_url, why, sizeof why) != 0) {
        return cli_usage("serve", "%s", why);
    }
    if ((cfg.smtp_url == NULL) != (cfg.mail_from == NULL)) {
        return cli_usage("serve", "--smtp and --mail-from go together: give both");
    }
    if (web_root_given) {
        char *index = ac_arena_printf(c->arena, "%s/index.html", cfg.web_root);

        if (index == NULL || access(index, R_OK) != 0) {
            return cli_usage("serve",
                             "--web-root: '%s' has no index.html: give the directory the web "
                             "application was built into (build/release/web/app after 'make')",
                             cfg.web_root);
        }
    }
    {
        const char *colon = strrchr(listen, ':');
        unsigned long port = colon != NULL ? strtoul(colon + 1, &end, 10) : 0;

        if (colon == NULL || (size_t)(colon - listen) >= sizeof host || *end != '\0' ||
            port > 65535) {
            return cli_usage("serve", "--listen: expected ADDRESS:PORT, e.g. 127.0.0.1:8080");
        }
        memcpy(host, listen, (size_t)(colon - listen));
        host[colon - listen] = '\0';
        cfg.port = (uint16_t)port;
    }
    cfg.host = host;
    cfg.db_path = c->db_path;
    cfg.key_path = c->audit_key; /* the global --audit-key and --witness-dir, as cli_open */
    cfg.witness_path = cli_witness_path(c);
    for (size_t i = 0; i < n_cosigners; i++) {
        cosigners[i].ca_file = ca;
    }
    cfg.cosigners = cosigners;
    cfg.n_cosigners = n_cosigners;
    if (cli_report_line(&cfg.report_line, &cfg.designated) != CLI_OK) {
        return CLI_USAGE;
    }
    if (srv_run(&cfg, &err) != 0) {
        return cli_fail("serve", &err);
    }
    return CLI_OK;
}
