/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_alerts.c - accord alerts list|show|ack|escalate: the duty officer's queue of alerts
 * raised by reports, what each matched (as far as the officer may see), acknowledgement,
 * and the escalation of alerts nobody acknowledged in time.
 */
#include "cli.h"
#include "server.h" /* srv_alert_full_json */

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: accord alerts list [--all] [--limit N]\n"
    "       accord alerts show ID [--json]\n"
    "       accord alerts ack ID --note TEXT\n"
    "       accord alerts escalate\n"
    "\n"
    "Alerts are raised when a reported buyer matches a watchlist entry or a person a partner\n"
    "holds (score >= 0.70), or a regulated substance comes with two or more indicators or\n"
    "is lost or stolen.  Each goes to the duty officers of one agency (CT policing first)\n"
    "with a deadline: high 15 minutes, medium 60, low 240.  When a deadline passes without\n"
    "acknowledgement the alert is escalated: one step up in priority, a new deadline, and\n"
    "the next tier: first the agency's supervisors ('accord notify contact --supervisor'),\n"
    "then the hub's duty desk, every duty officer of CT policing, the police forces and the\n"
    "security service.  'accord serve' escalates by itself every few seconds and e-mails\n"
    "those who must act ('accord notify --help'); 'list' escalates lapsed alerts first, and\n"
    "'escalate' does it by hand.  'escalate' also raises an alert for each\n"
    "case whose workflow deadline passed ('accord cases due').\n"
    "\n"
    "A buyer who matches a person a partner holds raises an alert for THAT agency's duty\n"
    "officers, who see the match and decide what to disclose; it stays with them even when\n"
    "escalated.  The alert to the duty agency is raised and ranked on the report and the\n"
    "watchlists alone, and says only that a partner holds a possible match and has been\n"
    "told.  A score is a reason to look, not a finding.\n"
    "\n"
    "  --all        acknowledged alerts too (newest first, after the open ones)\n"
    "  --note TEXT  what is being done about it (required to acknowledge)\n"
    "\n"
    "Example:\n"
    "  accord --as ctp.duty --purpose 'alert triage' alerts list\n"
    "  accord --as ctp.duty --purpose 'alert triage' alerts ack 01J... --note 'Unit sent'\n";

/* The alert as GET /alerts/{id} gives it (srv_alert_full_json), on one line. */
static int
print_alert_json(const ac_alert *al, const ac_report *r)
{
    json_t *o = srv_alert_full_json(al, r);
    char *text = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

    json_decref(o);
    if (text == NULL) {
        return CLI_FAIL;
    }
    puts(text); /* one line, ending with a newline */
    free(text);
    return CLI_OK;
}

static void
print_alert(struct cli *c, const ac_alert *al, const ac_report *r, ac_arena *a)
{
    printf("alert           %s\n", al->id);
    printf("priority        %s%s\n", ac_alert_priority_str(al->priority),
           al->escalation > 0 ? " (escalated)" : "");
    printf("reason          %s\n", al->reason);
    printf("status          %s", ac_alert_status_str(al->status));
    if (al->status == AC_ALERT_ACKNOWLEDGED) {
        printf(" by %s at %s: %s", al->acked_by_name != NULL ? al->acked_by_name : al->acked_by,
               al->acked_at, al->ack_note);
    } else {
        printf(", acknowledge by %s", al->deadline);
    }
    if (r->id == NULL) {
        printf("\ncase            %s\n", al->case_id);
    } else {
        printf("\nreport\n");
        cli_print_report(c, r, a, "  ");
    }
    if (al->for_holder) {
        printf("held            your agency holds a possible match: decide what to disclose\n");
    }
    if (al->partner_told) {
        printf("partner         a partner holds a possible match and has been told\n");
    }
    printf("matches         %zu\n", al->n_matches);
    for (size_t i = 0; i < al->n_matches; i++) {
        const ac_alert_match *m = &al->matches[i];

        if (strcmp(m->source, "person") == 0) {
            printf("  %.3f  person %s held by %s: %s\n         %s\n", m->score, m->entry_id,
                   m->holder_name, m->listed_name, m->explanation);
        } else {
            printf("  %.3f  watchlist '%s', entry %s: %s\n         %s\n", m->score,
                   m->source_name ? m->source_name : "(replaced since)", m->entry_id,
                   m->listed_name, m->explanation);
        }
    }
}

int
cli_cmd_alerts(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONGOPTS,
        { "all", no_argument, NULL, 'a' },
        { "limit", required_argument, NULL, 'l' },
        { "note", required_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    const char *note = NULL, *verb, *purpose;
    bool all = false;
    size_t limit = 0, n = 0;
    ac_error err = { 0 };
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 'a') {
            all = true;
        } else if (opt == 'l') {
            if (cli_limit("alerts", optarg, &limit) != 0) {
                return CLI_USAGE;
            }
        } else if (opt == 'n') {
            note = optarg;
        } else if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        } else {
            return cli_usage("alerts", "unknown option: see 'accord alerts --help'");
        }
    }
    verb = optind < argc ? argv[optind] : "";
    if (!(((strcmp(verb, "list") == 0 || strcmp(verb, "escalate") == 0) && optind + 1 == argc) ||
          ((strcmp(verb, "show") == 0 || strcmp(verb, "ack") == 0) && optind + 2 == argc))) {
        return cli_usage("alerts", "list, show ID, ack ID --note TEXT, or escalate");
    }
    if ((rc = cli_open_as(c)) != CLI_OK) {
        return rc;
    }
    if (strcmp(verb, "escalate") == 0 || strcmp(verb, "list") == 0) {
        size_t raised = 0, reminded = 0;

        if (ac_alerts_escalate(c->hub, c->actor, c->purpose, &n, &err) != AC_OK ||
            ac_case_deadlines_escalate(c->hub, c->actor, c->purpose, &raised, &reminded, &err) !=
                AC_OK) {
            return cli_fail("alerts escalate", &err);
        }
        if (n > 0 || strcmp(verb, "escalate") == 0) {
            printf("%zu %s escalated (deadline passed)\n", n, cli_plural(n, "alert", "alerts"));
        }
        if (raised > 0 || strcmp(verb, "escalate") == 0) {
            printf("%zu case %s passed: %s raised\n", raised,
                   cli_plural(raised, "deadline", "deadlines"),
                   cli_plural(raised, "alert", "alerts"));
        }
        if (reminded > 0) {
            printf("%zu case %s due within a day: %s raised\n", reminded,
                   cli_plural(reminded, "deadline", "deadlines"),
                   cli_plural(reminded, "reminder", "reminders"));
        }
        if (strcmp(verb, "escalate") == 0) {
            return CLI_OK;
        }
    }
    if ((purpose = cli_purpose(c)) == NULL) {
        return CLI_USAGE;
    }
    if (strcmp(verb, "ack") == 0) {
        if (ac_alert_ack(c->hub, c->actor, purpose, argv[optind + 1], note, &err) != AC_OK) {
            return cli_fail("alerts ack", &err);
        }
        printf("alert %s acknowledged\n", argv[optind + 1]);
        return CLI_OK;
    }
    if (strcmp(verb, "show") == 0) {
        ac_alert al;
        ac_report r;

        if (ac_alert_get(c->hub, c->actor, purpose, argv[optind + 1], c->arena, &al, &r, &err) !=
            AC_OK) {
            return cli_fail("alerts show", &err);
        }
        if (c->json) {
            return print_alert_json(&al, &r);
        }
        print_alert(c, &al, &r, c->arena);
        return CLI_OK;
    }
    {
        ac_alert *list = NULL;

        if (ac_alert_list(c->hub, c->actor, purpose, !all, limit, c->arena, &list, &n, &err) !=
            AC_OK) {
            return cli_fail("alerts list", &err);
        }
        for (size_t i = 0; i < n; i++) {
            printf("%-26s %-6s %-12s %-24s %s%s%s\n", list[i].id,
                   ac_alert_priority_str(list[i].priority), ac_alert_status_str(list[i].status),
                   list[i].status == AC_ALERT_OPEN ? list[i].deadline : list[i].acked_at,
                   list[i].reason, list[i].partner_told ? " (a partner was told)" : "",
                   list[i].escalation > 0 ? " (escalated)" : "");
        }
        printf("%zu %s\n", n, cli_plural(n, "alert", "alerts"));
    }
    return CLI_OK;
}
