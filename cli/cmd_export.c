/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_export.c - accord export persons [--format csv|jsonl] [--out FILE].
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

static const char help[] =
    "usage: accord export persons [--format csv|jsonl] [--out FILE]\n"
    "\n"
    "Write every person you may see (your agency's records) to standard output or FILE.\n"
    "CSV has the columns 'accord import persons' reads, so an export imports back; JSON\n"
    "Lines holds every name, address and identifier.  An export is personal data leaving\n"
    "the hub: --purpose is required and the export is recorded in the audit trail, page\n"
    "by page (256 persons), each page's entry naming its ids before the page is written,\n"
    "so an export cut short still shows what it delivered.\n"
    "\n"
    "Example:\n"
    "  accord --as ctp.analyst --purpose 'quarterly data-quality review' \\\n"
    "      export persons --format jsonl --out persons.jsonl\n";

static int
write_file(void *ctx, const char *buf, size_t n)
{
    return fwrite(buf, 1, n, ctx) == n ? 0 : -1;
}

int
cli_cmd_export(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "format", required_argument, NULL, 'f' },
                                          { "out", required_argument, NULL, 'o' },
                                          { NULL, 0, NULL, 0 } };
    ac_export_format format = AC_EXPORT_CSV;
    const char *out_path = NULL, *purpose;
    FILE *out = stdout;
    uint64_t n = 0;
    ac_error err = { 0 };
    ac_code code;
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 'f') {
            if (strcmp(optarg, "csv") == 0) {
                format = AC_EXPORT_CSV;
            } else if (strcmp(optarg, "jsonl") == 0) {
                format = AC_EXPORT_JSONL;
            } else {
                return cli_usage("export", "--format: expected csv or jsonl");
            }
        } else if (opt == 'o') {
            out_path = optarg;
        } else if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        } else {
            return cli_usage("export", "unknown option");
        }
    }
    if (optind + 1 != argc || strcmp(argv[optind], "persons") != 0) {
        return cli_usage("export", "expected 'export persons'");
    }
    rc = cli_open_as(c);
    if (rc != CLI_OK) {
        return rc;
    }
    if ((purpose = cli_purpose(c)) == NULL) {
        return CLI_USAGE;
    }
    if (out_path != NULL && (out = fopen(out_path, "wb")) == NULL) {
        fprintf(stderr, "accord: export: cannot create '%s': %s\n", out_path, strerror(errno));
        return CLI_FAIL;
    }
    code = ac_export_persons(c->hub, c->actor, purpose, format, write_file, out, &n, &err);
    if (out != stdout && fclose(out) != 0 && code == AC_OK) {
        fprintf(stderr, "accord: export: cannot write '%s'\n", out_path);
        return CLI_FAIL;
    }
    if (code != AC_OK) {
        return cli_fail("export", &err);
    }
    fprintf(stderr, "exported %llu %s\n", (unsigned long long)n,
            cli_plural(n, "person", "persons"));
    return CLI_OK;
}
