/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_import.c - accord import persons FILE.csv --agency A [--quarantine BAD.csv].
 */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define SHOW_PROBLEMS 20 /* rejected rows printed one by one; the rest are counted */

static const char help[] =
    "usage: accord import persons FILE.csv --agency AGENCY [--quarantine BAD.csv]\n"
    "                                      [--max-field-bytes N]\n"
    "\n"
    "Load persons from a CSV file with a header row into your agency's records.  Common\n"
    "header names are recognised (case and punctuation ignored):\n"
    "  reference  id, ref, source_ref, record_id, rec_id, unique_id\n"
    "  names      given_name/first_name/forename, middle_name, family_name/surname/last_name,\n"
    "             full_name/name, aliases (separated by ';')\n"
    "  birth      dob, date_of_birth, birth_date (YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY, YYYY-MM,\n"
    "             YYYY)\n"
    "  address    street_number, address/address_1/street, address_2, town/city/suburb,\n"
    "             postcode/post_code\n"
    "  ids        passport, ni_number/nino, pnc_id/pnc, driving_licence\n"
    "  other      review_date; any other column is ignored\n"
    "At least one name column is required.  The file must be UTF-8.\n"
    "\n"
    "All-or-nothing by default: every row is checked and every bad row reported with its\n"
    "line, column and reason; if any row is bad, nothing is imported.  With --quarantine,\n"
    "the good rows are imported and the bad ones written to BAD.csv with _line and _error\n"
    "columns, to fix and import again.  The import is one entry in the audit trail.\n"
    "\n"
    "  --agency AGENCY       your agency (id or name): records belong to their originator\n"
    "  --quarantine FILE     import good rows; write bad rows to FILE\n"
    "  --max-field-bytes N   longest accepted field (default 65536)\n"
    "\n"
    "Example:\n"
    "  accord --as ctp.analyst --purpose 'nominal index load' \\\n"
    "      import persons nominals.csv --agency 'West Midlands Counter Terrorism Unit' \\\n"
    "      --quarantine bad.csv\n";

struct import_ui {
    struct cli_progress progress;
    unsigned long long shown; /* problems printed */
    unsigned long long rows;  /* rows seen, for progress */
};

static void
on_problem(void *ctx, const ac_import_problem *p)
{
    struct import_ui *ui = ctx;

    if (ui->shown++ < SHOW_PROBLEMS) {
        cli_progress_done(&ui->progress);
        if (p->field != NULL) {
            fprintf(stderr, "line %llu: column '%s': %s\n", (unsigned long long)p->line, p->field,
                    p->reason);
        } else {
            fprintf(stderr, "line %llu: %s\n", (unsigned long long)p->line, p->reason);
        }
    }
}

static void
on_progress(void *ctx, uint64_t done, uint64_t total)
{
    struct import_ui *ui = ctx;

    ui->rows += 4096;
    cli_progress_update(&ui->progress, done, total, ui->rows);
}

int
cli_cmd_import(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "agency", required_argument, NULL, 'a' },
                                          { "quarantine", required_argument, NULL, 'q' },
                                          { "max-field-bytes", required_argument, NULL, 'm' },
                                          { NULL, 0, NULL, 0 } };
    ac_import_options o;
    ac_import_result res;
    struct import_ui ui;
    ac_error err = { 0 };
    char a[32], b[32], r[32];
    const char *purpose;
    double started;
    ac_code code;
    int opt, rc;

    memset(&o, 0, sizeof o);
    memset(&ui, 0, sizeof ui);
    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 'a') {
            o.agency = optarg;
        } else if (opt == 'q') {
            o.quarantine_path = optarg;
        } else if (opt == 'm') {
            o.max_field_bytes = strtoul(optarg, NULL, 10);
            if (o.max_field_bytes == 0) {
                return cli_usage("import", "--max-field-bytes: expected a positive number");
            }
        } else if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        } else {
            return cli_usage("import", "unknown option");
        }
    }
    if (optind + 2 != argc || strcmp(argv[optind], "persons") != 0) {
        return cli_usage("import", "expected 'import persons FILE.csv --agency AGENCY'");
    }
    if (o.agency == NULL) {
        return cli_usage("import", "--agency is required: the agency the records belong to");
    }
    o.path = argv[optind + 1];
    rc = cli_open_as(c);
    if (rc != CLI_OK) {
        return rc;
    }
    if ((purpose = cli_purpose(c)) == NULL) {
        return CLI_USAGE;
    }
    o.on_problem = on_problem;
    o.on_progress = on_progress;
    o.ctx = &ui;
    cli_progress_init(&ui.progress, "importing");
    started = cli_seconds();
    code = ac_import_persons(c->hub, c->actor, purpose, &o, &res, &err);
    cli_progress_done(&ui.progress);
    if (ui.shown > SHOW_PROBLEMS) {
        fprintf(stderr, "... and %llu more rejected rows\n", ui.shown - SHOW_PROBLEMS);
    }
    if (code != AC_OK) {
        return cli_fail("import", &err);
    }
    {
        double secs = cli_seconds() - started;

        printf("imported %s of %s rows in %.1f s (%s rows/s)", cli_thousands(res.imported, a),
               cli_thousands(res.rows, b), secs,
               cli_thousands((unsigned long long)(secs > 0 ? (double)res.rows / secs : 0), r));
    }
    if (res.rejected > 0) {
        printf("; %s rejected, written to %s", cli_thousands(res.rejected, a), o.quarantine_path);
    }
    printf("\n");
    return CLI_OK;
}
