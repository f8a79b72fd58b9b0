/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_witness.c - accord witness serve: a cosigning witness for partner hubs' audit logs.
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "accord/witness.h"
#include "server.h"

#define LOGS_MAX 64

static const char help[] =
    "usage: accord witness serve --name NAME --key FILE --state DIR\n"
    "                            --log ORIGIN=PUBLIC_KEY [--log ...]\n"
    "                            [--listen 127.0.0.1:8443] [--tls-cert FILE --tls-key FILE]\n"
    "\n"
    "Run a cosigning witness (c2sp.org/tlog-witness) for the audit logs of partner hubs, as\n"
    "a partner hub or the oversight body.  POST /add-checkpoint takes a hub's signed\n"
    "checkpoint with a consistency proof from the last one this witness cosigned; it is\n"
    "cosigned (c2sp.org/tlog-cosignature, Ed25519, timestamped) only when the hub's key\n"
    "signed it and the proof shows the log only grew.  A hub that rewrote its history is\n"
    "refused (409 or 422).  The newest cosigned checkpoint of each log is kept in DIR (0600\n"
    "files, synced before the reply), so a restart does not forget it.\n"
    "\n"
    "  --name NAME     this witness's key name in its cosignatures, e.g. oversight.example/w1\n"
    "  --key FILE      its Ed25519 secret key (hex); made, 0600, when missing.  The public\n"
    "                  key is printed at start: hubs and verifiers are given NAME and it\n"
    "  --state DIR     where the newest cosigned checkpoint of each log is kept\n"
    "  --log ORIGIN=PUBLIC_KEY  a hub to witness: its checkpoints' first line (accord/...)\n"
    "                  and its audit public key (hex, or its PATH.pub file)\n"
    "  --listen ADDR:PORT  default 127.0.0.1:8443; beyond loopback only with TLS\n";

int
cli_cmd_witness(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        { "name", required_argument, NULL, 'n' },    { "key", required_argument, NULL, 'k' },
        { "state", required_argument, NULL, 's' },   { "log", required_argument, NULL, 'g' },
        { "listen", required_argument, NULL, 'l' },  { "tls-cert", required_argument, NULL, 'c' },
        { "tls-key", required_argument, NULL, 't' }, { NULL, 0, NULL, 0 }
    };
    ac_witness_log logs[LOGS_MAX];
    size_t n_logs = 0;
    struct srv_witness_config cfg;
    const char *name = NULL, *key = NULL, *state = NULL, *listen = "127.0.0.1:8443";
    char host[64];
    ac_witness *w = NULL;
    ac_error err = { 0 };
    int opt, rc;

    memset(&cfg, 0, sizeof cfg);
    if (argc < 2 || strcmp(argv[1], "serve") != 0) {
        if (argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
            fputs(help, stdout);
            return CLI_OK;
        }
        return cli_usage("witness", "say what to do: serve");
    }
    argc--;
    argv++;
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (opt) {
        case 'n':
            name = optarg;
            break;
        case 'k':
            key = optarg;
            break;
        case 's':
            state = optarg;
            break;
        case 'g': {
            const char *eq = strrchr(optarg, '=');

            if (eq == NULL || eq == optarg || n_logs == LOGS_MAX) {
                return cli_usage("witness",
                                 "--log: expected ORIGIN=PUBLIC_KEY (at most %d), e.g. "
                                 "accord/0123456789abcdef=hub.db.pub",
                                 LOGS_MAX);
            }
            logs[n_logs].origin = ac_arena_strndup(c->arena, optarg, (size_t)(eq - optarg));
            logs[n_logs].public_key_hex = cli_key_hex(c, eq + 1);
            if (logs[n_logs].public_key_hex == NULL) {
                return cli_usage("witness", "--log %s: cannot read the public key '%s'",
                                 logs[n_logs].origin, eq + 1);
            }
            n_logs++;
            break;
        }
        case 'l':
            listen = optarg;
            break;
        case 'c':
            cfg.tls_cert = optarg;
            break;
        case 't':
            cfg.tls_key = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        default:
            return cli_usage("witness", "unknown option");
        }
    }
    if (name == NULL || key == NULL || state == NULL || n_logs == 0) {
        return cli_usage("witness", "serve needs --name, --key, --state and at least one --log");
    }
    {
        const char *colon = strrchr(listen, ':');
        char *end = NULL;
        unsigned long port = colon != NULL ? strtoul(colon + 1, &end, 10) : 0;

        if (colon == NULL || (size_t)(colon - listen) >= sizeof host || *end != '\0' ||
            port > 65535) {
            return cli_usage("witness", "--listen: expected ADDRESS:PORT, e.g. 127.0.0.1:8443");
        }
        memcpy(host, listen, (size_t)(colon - listen));
        host[colon - listen] = '\0';
        cfg.port = (uint16_t)port;
    }
    if (ac_witness_open(name, key, state, logs, n_logs, &w, &err) != AC_OK) {
        return cli_fail("witness serve", &err);
    }
    cfg.host = host;
    cfg.witness = w;
    cfg.name = name;
    rc = srv_witness_run(&cfg, &err) == 0 ? CLI_OK : cli_fail("witness serve", &err);
    ac_witness_close(w);
    return rc;
}
