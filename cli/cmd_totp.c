/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_totp.c - accord totp enrol|confirm: a second factor for one's own sign-in.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: accord totp enrol [--code CODE] [--qr FILE.svg]\n"
    "       accord totp confirm CODE\n"
    "\n"
    "Add a second factor to your own sign-in (--as you): time-based one-time codes\n"
    "(RFC 6238) from an authenticator app.  'enrol' needs your password (the first line\n"
    "of standard input, or ACCORD_PASSWORD) and, when a factor is already on, its current\n"
    "code (--code); it prints the secret and an otpauth:// address, and writes it as a QR\n"
    "code to scan (--qr).  Nothing changes until 'confirm' with one code from the app.\n"
    "From then on, signing in to the API needs a code too.\n";

/* The password: ACCORD_PASSWORD, or the first line of standard input (never an argument,
 * which other accounts could read in the process list).  NULL when there is none. */
static const char *
read_password(struct cli *c)
{
    const char *env = getenv("ACCORD_PASSWORD");
    char line[1100];
    size_t n;

    if (env != NULL) {
        return env;
    }
    if (fgets(line, sizeof line, stdin) == NULL) {
        return NULL;
    }
    n = strcspn(line, "\r\n");
    line[n] = '\0';
    return ac_arena_strdup(c->arena, line);
}

int
cli_cmd_totp(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "qr", required_argument, NULL, 'q' },
                                          { "code", required_argument, NULL, 'k' },
                                          { NULL, 0, NULL, 0 } };
    const char *qr = NULL, *secret = NULL, *uri = NULL, *svg = NULL, *code = NULL;
    const char *purpose, *password;
    ac_error err = { 0 };
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 'q') {
            qr = optarg;
        } else if (opt == 'k') {
            code = optarg;
        } else if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        } else {
            return cli_usage("totp", "unknown option");
        }
    }
    if (!(optind + 1 == argc && strcmp(argv[optind], "enrol") == 0) &&
        !(optind + 2 == argc && strcmp(argv[optind], "confirm") == 0)) {
        return cli_usage("totp", "expected 'enrol' or 'confirm CODE'");
    }
    rc = cli_open_as(c);
    if (rc != CLI_OK) {
        return rc;
    }
    purpose = c->purpose ? c->purpose : "";
    if (strcmp(argv[optind], "confirm") == 0) {
        if (ac_totp_confirm(c->hub, c->actor, purpose, argv[optind + 1], &err) != AC_OK) {
            return cli_fail("totp confirm", &err);
        }
        printf("second factor on: signing in now needs a code\n");
        return CLI_OK;
    }
    password = read_password(c);
    if (password == NULL) {
        fprintf(stderr, "accord: totp enrol: give your password on standard input (or in "
                        "ACCORD_PASSWORD)\n");
        return CLI_FAIL;
    }
    if (ac_totp_enrol(c->hub, c->actor, purpose, password, code, c->arena, &secret, &uri, &svg,
                      &err) != AC_OK) {
        return cli_fail("totp enrol", &err);
    }
    printf("secret   %s\naddress  %s\n", secret, uri);
    if (qr != NULL) {
        FILE *f = fopen(qr, "wb");

        if (f == NULL || fputs(svg, f) == EOF || fclose(f) != 0) {
            fprintf(stderr, "accord: totp: cannot write '%s': %s\n", qr, strerror(errno));
            return CLI_FAIL;
        }
        printf("QR code  %s\n", qr);
    }
    printf("next: accord --as %s totp confirm CODE\n", c->actor->username);
    return CLI_OK;
}
