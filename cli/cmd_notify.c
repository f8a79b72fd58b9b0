/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_notify.c - accord notify contact|tick: a user's e-mail address and whether they
 * supervise their agency's alert desk, and one run of the scheduler 'accord serve' runs
 * every few seconds (escalation, case deadlines, checkpoints, and the e-mail it queues).
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"

static const char help[] =
    "usage: accord notify contact USERNAME --email ADDRESS [--supervisor]\n"
    "       accord notify contact USERNAME --no-email\n"
    "       accord notify tick [--smtp URL --mail-from ADDRESS] [--link URL]\n"
    "\n"
    "'contact' (an administrator who manages the account) sets where a user's notices go\n"
    "and, with --supervisor, makes a duty officer a supervisor of their agency's alert desk.\n"
    "\n"
    "'tick' runs what 'accord serve' runs every few seconds: an open alert past its deadline\n"
    "climbs one tier (its agency's duty officers, then that agency's supervisors, then the\n"
    "hub's duty desk: every duty officer of CT policing, the police forces and the security\n"
    "service) with a new deadline; each case deadline passed raises its alert; an audit\n"
    "checkpoint is signed at most hourly.  The users of the tier an alert reaches who have\n"
    "an address are sent an e-mail through --smtp: the alert's reference and a link, never\n"
    "personal data.  Without --smtp the e-mail waits for the next run that has one.\n"
    "\n"
    "  --email ADDRESS     e.g. duty@ctp.example.police.uk\n"
    "  --supervisor        the user supervises their agency's alert desk (a duty officer)\n"
    "  --smtp URL          smtp://HOST:PORT of the mail server, e.g. smtp://127.0.0.1:2525\n"
    "  --mail-from ADDRESS the sender of the e-mail\n"
    "  --link URL          the API's address in the e-mail (default http://127.0.0.1:8080/api/v1)\n"
    "\n"
    "Example:\n"
    "  accord --as admin notify contact ctp.duty --email duty@ctp.example.police.uk\n"
    "  accord notify tick --smtp smtp://127.0.0.1:2525 --mail-from accord@hub.example\n";

static int
run_tick(struct cli *c, const struct srv_mailer *ml, const char *link)
{
    int64_t now = ac_time_now_ms();
    ac_tick_result t;
    size_t sent = 0, failed = 0;
    ac_error err = { 0 };
    int rc;

    if ((rc = cli_open(c, false)) != CLI_OK) {
        return rc;
    }
    if (srv_sched_run_once(c->hub, now, ml->smtp_url != NULL ? ml : NULL, link, &t, &sent, &failed,
                           &err) != 0) {
        return cli_fail("notify tick", &err);
    }
    printf("%zu alert%s escalated\n", t.alerts_escalated, t.alerts_escalated == 1 ? "" : "s");
    printf("%zu case deadline%s passed, %zu reminder%s\n", t.case_deadlines_passed,
           t.case_deadlines_passed == 1 ? "" : "s", t.case_reminders,
           t.case_reminders == 1 ? "" : "s");
    printf("%zu request%s for information overdue\n", t.rfis_overdue,
           t.rfis_overdue == 1 ? "" : "s");
    printf("%zu notification%s queued, %zu sent, %zu failed\n", t.notifications_queued,
           t.notifications_queued == 1 ? "" : "s", sent, failed);
    if (t.checkpoint_size > 0) {
        printf("checkpoint of %llu entries signed\n", (unsigned long long)t.checkpoint_size);
    }
    return failed > 0 ? CLI_FAIL : CLI_OK;
}

int
cli_cmd_notify(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "email", required_argument, NULL, 'e' },
                                          { "no-email", no_argument, NULL, 'E' },
                                          { "supervisor", no_argument, NULL, 's' },
                                          { "smtp", required_argument, NULL, 'S' },
                                          { "mail-from", required_argument, NULL, 'F' },
                                          { "link", required_argument, NULL, 'L' },
                                          { NULL, 0, NULL, 0 } };
    struct srv_mailer ml = { NULL, NULL };
    const char *email = NULL, *link = "http://127.0.0.1:8080/api/v1", *verb;
    bool no_email = false, supervisor = false;
    char why[200];
    ac_error err = { 0 };
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        switch (opt) {
        case 'e':
            email = optarg;
            break;
        case 'E':
            no_email = true;
            break;
        case 's':
            supervisor = true;
            break;
        case 'S':
            ml.smtp_url = optarg;
            break;
        case 'F':
            ml.from = optarg;
            break;
        case 'L':
            link = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        default:
            return cli_usage("notify", "unknown option: see 'accord notify --help'");
        }
    }
    verb = optind < argc ? argv[optind] : "";
    if (strcmp(verb, "tick") == 0 && optind + 1 == argc) {
        if (ml.smtp_url != NULL && srv_mail_check_url(ml.smtp_url, why, sizeof why) != 0) {
            return cli_usage("notify", "%s", why);
        }
        if ((ml.smtp_url == NULL) != (ml.from == NULL)) {
            return cli_usage("notify", "--smtp and --mail-from go together: give both");
        }
        return run_tick(c, &ml, link);
    }
    if (strcmp(verb, "contact") != 0 || optind + 2 != argc) {
        return cli_usage("notify", "contact USERNAME --email ADDRESS, or tick");
    }
    if ((email == NULL) == !no_email) {
        return cli_usage("notify", "contact: give --email ADDRESS, or --no-email to remove it");
    }
    if ((rc = cli_open_as(c)) != CLI_OK) {
        return rc;
    }
    if (ac_user_contact_set(c->hub, c->actor, c->purpose, argv[optind + 1], email, supervisor,
                            &err) != AC_OK) {
        return cli_fail("notify contact", &err);
    }
    printf("%s: %s%s\n", argv[optind + 1], email != NULL ? "e-mail address set" : "no e-mail",
           supervisor ? "; supervises the agency's alert desk" : "");
    return CLI_OK;
}
