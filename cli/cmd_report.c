/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_report.c - accord report submit|list|show: a retailer's suspicious-purchase report
 * (or a loss or theft), with a receipt; the reporter reads back only its own agency's.
 */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: accord report submit --substance S --quantity Q --when TIME [--kind K]\n"
    "                            [--concentration PERCENT] [--product NAME] [--payment P]\n"
    "                            [--sale-completed] [--licence-shown] [--buyer-name NAME]\n"
    "                            [--buyer-dob DATE] [--buyer-address TEXT]\n"
    "                            [--buyer-document TEXT] [--indicators LIST]\n"
    "                            [--other TEXT] [--narrative TEXT]\n"
    "       accord report list [--limit N]\n"
    "       accord report show ID\n"
    "\n"
    "A supplier must report a suspicious transaction or attempt, and a significant loss or\n"
    "theft, of a regulated or reportable substance within 24 hours (Poisons Act 1972 s.3C).\n"
    "The receipt's reference (SPR-...) is what to quote; it says where the statutory report\n"
    "goes (the partnership's line, $ACCORD_REPORT_LINE, by default the Anti-Terrorist\n"
    "Hotline; or nothing more when ACCORD_DESIGNATED=yes) and flags a report received more\n"
    "than 24 hours after it happened.  You see only your own business's\n"
    "reports.  The partnership screens the buyer and decides what to do; you are not told\n"
    "the outcome.\n"
    "\n"
    "  --kind K          transaction (a sale made; the default), attempt, loss or theft\n"
    "  --when TIME       when it happened: RFC 3339 (2026-03-01T14:05:00Z) or 'now'\n"
    "  --substance S     as on the label, a formula or a CAS number: 'hydrogen peroxide',\n"
    "                    H2O2, 7722-84-1, 'nitric acid 68%'\n"
    "  --concentration   % by weight, 0 to 100 (else read from the substance's name, as\n"
    "                    '35%'; leave out when not known)\n"
    "  --quantity Q      e.g. '4 x 5 L'\n"
    "  --payment P       cash, card, online, other or unknown\n"
    "  --indicators LIST what you saw, comma-separated:\n"
    "                      not_regular_customer, nervous, unusual_amount,\n"
    "                      strange_combination, unfamiliar_with_handling,\n"
    "                      refuses_lower_concentration, wont_say_use, insists_on_cash,\n"
    "                      no_id_or_address, unusual_delivery, other (with --other TEXT)\n"
    "\n"
    "Example:\n"
    "  accord --as retail.reporter report submit --kind attempt --when now \\\n"
    "      --substance 'hydrogen peroxide' --concentration 35 --quantity '4 x 5 L' \\\n"
    "      --payment cash --buyer-name 'John Smith' --indicators nervous,insists_on_cash\n";

enum {
    OPT_KIND = 1000,
    OPT_WHEN,
    OPT_SUBSTANCE,
    OPT_CONC,
    OPT_QUANTITY,
    OPT_PRODUCT,
    OPT_PAYMENT,
    OPT_SALE,
    OPT_LICENCE,
    OPT_NAME,
    OPT_DOB,
    OPT_ADDRESS,
    OPT_DOCUMENT,
    OPT_INDICATORS,
    OPT_OTHER,
    OPT_NARRATIVE,
    OPT_LIMIT,
};

/* "LABEL  VALUE" after INDENT, the value in a column. */
static void __attribute__((format(printf, 3, 4)))
field(const char *indent, const char *label, const char *fmt, ...)
{
    va_list ap;

    printf("%s%-16s", indent, label);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

void
cli_print_report(struct cli *c, const ac_report *r, ac_arena *a, const char *indent)
{
    bool sale = r->kind == AC_REPORT_TRANSACTION || r->kind == AC_REPORT_ATTEMPT;

    field(indent, "reference", "%s", r->reference);
    field(indent, "id", "%s", r->id);
    field(indent, "received", "%s from %s%s", r->created_at, cli_agency_name(c, r->agency_id),
          r->late ? " (late: more than 24 hours after it happened)" : "");
    field(indent, "kind", "%s", ac_report_kind_str(r->kind));
    field(indent, "occurred", "%s", r->occurred_at);
    if (r->concentration >= 0) {
        field(indent, "substance", "%s at %.4g%% (%s)", r->substance, r->concentration,
              ac_regime_class_str(r->regime_class));
    } else {
        field(indent, "substance", "%s (%s)", r->substance, ac_regime_class_str(r->regime_class));
    }
    field(indent, "regime", "%s", r->regime_reason);
    field(indent, "quantity", "%s", r->quantity);
    if (r->product != NULL) {
        field(indent, "product", "%s", r->product);
    }
    if (sale) {
        field(indent, "payment", "%s; sale %s; licence %s", ac_payment_str(r->payment),
              r->sale_completed ? "completed" : "not completed",
              r->licence_shown ? "shown" : "not shown");
    }
    if (r->buyer_name != NULL) {
        field(indent, "buyer", "%s%s%s", r->buyer_name, r->buyer_dob ? ", born " : "",
              r->buyer_dob ? r->buyer_dob : "");
    }
    if (r->buyer_address != NULL) {
        field(indent, "address", "%s", r->buyer_address);
    }
    if (r->buyer_document != NULL) {
        field(indent, "document", "%s", r->buyer_document);
    }
    field(indent, "indicators", "%s", r->indicators ? ac_indicators_format(a, r->indicators) : "-");
    if (r->indicator_other != NULL) {
        field(indent, "other", "%s", r->indicator_other);
    }
    if (r->narrative != NULL) {
        field(indent, "narrative", "%s", r->narrative);
    }
}

/* The report described by the options, or a usage error. */
static int
read_options(struct cli *c, int argc, char **argv, ac_report *r, size_t *limit)
{
    static const struct option opts[] = {
        CLI_COMMON_LONGOPTS,
        { "kind", required_argument, NULL, OPT_KIND },
        { "when", required_argument, NULL, OPT_WHEN },
        { "substance", required_argument, NULL, OPT_SUBSTANCE },
        { "concentration", required_argument, NULL, OPT_CONC },
        { "quantity", required_argument, NULL, OPT_QUANTITY },
        { "product", required_argument, NULL, OPT_PRODUCT },
        { "payment", required_argument, NULL, OPT_PAYMENT },
        { "sale-completed", no_argument, NULL, OPT_SALE },
        { "licence-shown", no_argument, NULL, OPT_LICENCE },
        { "buyer-name", required_argument, NULL, OPT_NAME },
        { "buyer-dob", required_argument, NULL, OPT_DOB },
        { "buyer-address", required_argument, NULL, OPT_ADDRESS },
        { "buyer-document", required_argument, NULL, OPT_DOCUMENT },
        { "indicators", required_argument, NULL, OPT_INDICATORS },
        { "other", required_argument, NULL, OPT_OTHER },
        { "narrative", required_argument, NULL, OPT_NARRATIVE },
        { "limit", required_argument, NULL, OPT_LIMIT },
        { NULL, 0, NULL, 0 },
    };
    ac_error err = { 0 };
    char *end = NULL;
    int opt;

    memset(r, 0, sizeof *r);
    r->concentration = -1;
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        switch (opt) {
        case 'h':
            fputs(help, stdout);
            return -1;
        case OPT_KIND:
            if (ac_report_kind_parse(optarg, &r->kind, &err) != AC_OK) {
                return cli_usage("report", "--kind: %s", err.msg);
            }
            break;
        case OPT_WHEN:
            if (strcmp(optarg, "now") == 0) {
                char buf[AC_TIME_TEXT_MAX];

                r->occurred_at = ac_arena_strdup(c->arena, ac_time_format(ac_time_now_ms(), buf));
            } else {
                r->occurred_at = optarg;
            }
            break;
        case OPT_SUBSTANCE:
            r->substance = optarg;
            break;
        case OPT_CONC:
            r->concentration = strtod(optarg, &end);
            if (end == optarg || *end != '\0') {
                return cli_usage("report", "--concentration: a percentage by weight, 0 to 100");
            }
            break;
        case OPT_QUANTITY:
            r->quantity = optarg;
            break;
        case OPT_PRODUCT:
            r->product = optarg;
            break;
        case OPT_PAYMENT:
            if (ac_payment_parse(optarg, &r->payment, &err) != AC_OK) {
                return cli_usage("report", "--payment: %s", err.msg);
            }
            break;
        case OPT_SALE:
            r->sale_completed = true;
            break;
        case OPT_LICENCE:
            r->licence_shown = true;
            break;
        case OPT_NAME:
            r->buyer_name = optarg;
            break;
        case OPT_DOB:
            r->buyer_dob = optarg;
            break;
        case OPT_ADDRESS:
            r->buyer_address = optarg;
            break;
        case OPT_DOCUMENT:
            r->buyer_document = optarg;
            break;
        case OPT_INDICATORS:
            if (ac_indicators_parse(optarg, &r->indicators, &err) != AC_OK) {
                return cli_usage("report", "--indicators: %s", err.msg);
            }
            break;
        case OPT_OTHER:
            r->indicator_other = optarg;
            break;
        case OPT_NARRATIVE:
            r->narrative = optarg;
            break;
        case OPT_LIMIT:
            if (cli_limit("report", optarg, limit) != 0) {
                return CLI_USAGE;
            }
            break;
        default:
            return cli_usage("report", "unknown option: see 'accord report --help'");
        }
    }
    return CLI_OK;
}

int
cli_cmd_report(struct cli *c, int argc, char **argv)
{
    ac_report r, out, *list = NULL;
    size_t limit = 0, n = 0;
    ac_error err = { 0 };
    const char *verb, *purpose;
    int rc = read_options(c, argc, argv, &r, &limit);

    if (rc != CLI_OK) {
        return rc < 0 ? CLI_OK : rc;
    }
    verb = optind < argc ? argv[optind] : "";
    if (!((strcmp(verb, "submit") == 0 && optind + 1 == argc) ||
          (strcmp(verb, "list") == 0 && optind + 1 == argc) ||
          (strcmp(verb, "show") == 0 && optind + 2 == argc))) {
        return cli_usage("report", "submit, list, or show ID");
    }
    if ((rc = cli_open_as(c)) != CLI_OK) {
        return rc;
    }
    if (strcmp(verb, "submit") == 0) {
        purpose = c->purpose != NULL ? c->purpose : "suspicious transaction report";
        if (ac_report_submit(c->hub, c->actor, purpose, &r, c->arena, &out, &err) != AC_OK) {
            return cli_fail("report submit", &err);
        }
        printf("report received: %s (keep this reference)\n", out.reference);
        printf("id %s, %s under the regime in force\n", out.id,
               ac_regime_class_str(out.regime_class));
        if (out.regime_class == AC_REGIME_UNRECOGNISED) {
            printf("substance not recognised: add the CAS number or the label's name to the "
                   "narrative, or report again with it\n");
        }
        if (out.late) {
            printf("late: received more than 24 hours after it happened (the statutory report "
                   "is due within 24 hours of finding out)\n");
        }
        printf("%s\n", out.statutory_report);
        return CLI_OK;
    }
    if ((purpose = cli_purpose(c)) == NULL) {
        return CLI_USAGE;
    }
    if (strcmp(verb, "show") == 0) {
        if (ac_report_get(c->hub, c->actor, purpose, argv[optind + 1], c->arena, &out, &err) !=
            AC_OK) {
            return cli_fail("report show", &err);
        }
        cli_print_report(c, &out, c->arena, "");
        return CLI_OK;
    }
    if (ac_report_list(c->hub, c->actor, purpose, NULL, limit, c->arena, &list, &n, &err) !=
        AC_OK) {
        return cli_fail("report list", &err);
    }
    for (size_t i = 0; i < n; i++) {
        printf("%-20s %-20s %-11s %-24s %s\n", list[i].reference, list[i].occurred_at,
               ac_report_kind_str(list[i].kind), ac_regime_class_str(list[i].regime_class),
               list[i].substance);
    }
    printf("%zu %s\n", n, cli_plural(n, "report", "reports"));
    return CLI_OK;
}
