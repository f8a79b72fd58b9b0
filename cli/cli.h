/* SPDX-License-Identifier: Apache-2.0
 *
 * cli.h - what the accord command's subcommands share: the context (database, acting
 * user, purpose), opening the hub, reporting errors, tables and progress.  The CLI sees
 * only the public API (include/accord/).
 */
#ifndef CLI_H
#define CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "accord/accord.h"

#define CLI_OK    0 /* success */
#define CLI_FAIL  1 /* the operation failed: one line on stderr says why */
#define CLI_USAGE 2 /* the command line was wrong */

struct cli {
    const char *db_path;   /* --db, $ACCORD_DB, or var/accord.db */
    const char *as_user;   /* --as or $ACCORD_USER */
    const char *purpose;   /* --purpose or $ACCORD_PURPOSE */
    bool json;             /* --json: machine-readable output */
    ac_arena *arena;       /* everything for this command */
    ac_hub *hub;           /* open hub, or NULL */
    const ac_actor *actor; /* resolved --as user, or NULL */

    const char *password_file; /* --password-file: the acting user's password, or NULL */
    const char *token;         /* --token or $ACCORD_TOKEN: act through an API token */
    const char *code;          /* --code or $ACCORD_CODE: the sign-in's one-time code */
    const char *session;       /* the session cli_open_as opened (closed at the end) */

    const char *audit_key;   /* --audit-key: the checkpoint signing key file, or NULL */
    const char *witness_dir; /* --witness-dir: where the witness file goes, or NULL */
};

/* Options every subcommand accepts (merge into getopt_long tables). */
#define CLI_COMMON_LONGOPTS                                                              \
    { "db", required_argument, NULL, 'D' }, { "as", required_argument, NULL, 'A' },      \
        { "purpose", required_argument, NULL, 'P' }, { "json", no_argument, NULL, 'J' }, \
        { "audit-key", required_argument, NULL, 'K' },                                   \
        { "witness-dir", required_argument, NULL, 'W' },                                 \
    {                                                                                    \
        "help", no_argument, NULL, 'h'                                                   \
    }

/* Handle a common option; true when C was one. */
bool cli_common_opt(struct cli *c, int opt, const char *arg);

/* Open the hub at c->db_path, a database URI or path (CREATE: make it if missing; its
 * folder too), with the --audit-key and --witness-dir given. */
int cli_open(struct cli *c, bool create);
/* The file c->db_path names ("sqlite:" removed), or NULL when the database is no file
 * (a server URI such as postgresql://...). */
const char *cli_db_file(const struct cli *c);
/* Open the hub and sign the acting user in: with c->token (its user acts; --as, if
 * given, must name that user), else as --as with a password (cli_password) and c->code.
 * Explains how when something is missing.  The session is c->session, closed by
 * cli_close_session. */
int cli_open_as(struct cli *c);
/* Sign out of the session cli_open_as opened, if any. */
void cli_close_session(struct cli *c);
/* The purpose for reads, or NULL after printing how to give one. */
const char *cli_purpose(struct cli *c);
/* For a person to read: the name of agency ID, or of user ID (the agencies and users the
 * actor may list, fetched once); ID itself when it is not among them. */
const char *cli_agency_name(struct cli *c, const char *id);
const char *cli_user_name(struct cli *c, const char *id);

/* Print "accord: WHAT: MESSAGE" for a failed call and return CLI_FAIL. */
int cli_fail(const char *what, const ac_error *err);
/* Print a usage error with a hint to --help and return CLI_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* --limit TEXT into *OUT: a whole number from 1; else the usage error for CMD (2), which
 * says the limit must be positive ("-1" is not the largest number). */
int cli_limit(const char *cmd, const char *text, size_t *out);
/* An --expires TEXT: "90d" or "12h" from now as an RFC 3339 time (in c->arena), so that an
 * example never goes stale; anything else (a time, a day) as given, for the hub to read. */
const char *cli_expiry(struct cli *c, const char *text);

/* Progress on stderr when it is a terminal: "LABEL  42% 1,234 rows  56,789 rows/s". */
struct cli_progress {
    const char *label;
    bool enabled;   /* stderr is a terminal */
    double started; /* seconds, monotonic */
    unsigned long long rows;
};
void cli_progress_init(struct cli_progress *p, const char *label);
void cli_progress_update(struct cli_progress *p,
                         unsigned long long done,
                         unsigned long long total,
                         unsigned long long rows);
void cli_progress_done(struct cli_progress *p);
double cli_seconds(void);

/* A table printed with aligned columns. */
struct cli_table;
struct cli_table *cli_table_new(ac_arena *a, size_t n_cols, const char *const *headers);
void cli_table_add(struct cli_table *t, const char *const *cells);
void cli_table_print(const struct cli_table *t, FILE *out);

/* The password to use: the first line of FILE when given, else of --password-file, else
 * $ACCORD_PASSWORD, else asked for (not echoed) when standard input is a terminal; never
 * an argument: other accounts see a process's arguments.  CLI_USAGE with advice if none. */
int cli_password(struct cli *c, const char *file, const char **out);

/* S as one quoted CSV field on OUT (quotes doubled), then a comma, or a newline when LAST. */
void cli_csv_field(FILE *out, const char *s, bool last);

/* S as a JSON string literal (quoted, escaped) on OUT. */
void cli_json_string(FILE *out, const char *s);

/* ONE when N is 1, else MANY: the one way a count's noun is chosen ("1 item", "2 items",
 * "1 entry", "0 entries"). */
const char *cli_plural(unsigned long long n, const char *one, const char *many);

/* Format N with thousands separators into BUF. */
const char *cli_thousands(unsigned long long n, char buf[32]);
/* The whole of file PATH as a NUL-terminated string in A, or NULL (errno says why). */
char *cli_read_file(const char *path, ac_arena *a);
/* S written into an SVG or XML text node (&, <, >, " escaped). */
void cli_xml_text(FILE *f, const char *s);

/* Subcommands: each parses its own options from argv[0] (its name) on. */
int cli_cmd_init(struct cli *c, int argc, char **argv);
int cli_cmd_agency(struct cli *c, int argc, char **argv);
/* Requests for information and person disclosures (cmd_rfi.c), with the pointer and
 * discoverability commands 'person' and 'agency' hand over to. */
int cli_cmd_rfi(struct cli *c, int argc, char **argv);
int cli_person_pointers(struct cli *c, const char *id);
/* accord person picture ID (cmd_picture.c), and the record printer it shares with
 * 'person show' (cmd_person.c). */
int cli_person_picture(struct cli *c, const char *id);
void cli_person_print(struct cli *c, const ac_person *p);
int cli_agency_discoverability(struct cli *c, int argc, char **argv);
int cli_cmd_user(struct cli *c, int argc, char **argv);
int cli_cmd_person(struct cli *c, int argc, char **argv);
int cli_cmd_import(struct cli *c, int argc, char **argv);
int cli_cmd_export(struct cli *c, int argc, char **argv);
int cli_cmd_demo(struct cli *c, int argc, char **argv);
int cli_cmd_status(struct cli *c, int argc, char **argv);
int cli_cmd_stats(struct cli *c, int argc, char **argv);
int cli_cmd_audit(struct cli *c, int argc, char **argv);
/* Write the open hub's audit public key to PATH (NULL: the database's path + ".pub") and
 * print it: the key an operator keeps outside the database (init, demo). */
int cli_audit_pin_key(struct cli *c, const char *path);
/* The witness file --witness-dir names for this database, in c->arena; NULL without one. */
const char *cli_witness_path(struct cli *c);
/* KEY as hex in c->arena: itself when 64 characters, else the first line of the file it
 * names; NULL when the file cannot be read (cmd_audit.c). */
char *cli_key_hex(struct cli *c, const char *key);
int cli_cmd_witness(struct cli *c, int argc, char **argv);
/* Where statutory precursor reports go, from $ACCORD_REPORT_LINE and $ACCORD_DESIGNATED
 * ("yes": the partnership receives them itself; "no" or unset: it does not); *TEXT NULL
 * and *DESIGNATED 0 when unset.  CLI_USAGE, with the message printed, for any other
 * $ACCORD_DESIGNATED. */
int cli_report_line(const char **text, int *designated);
/* accord audit oversight: the report as a table, and as an SVG chart when SVG_PATH. */
int cli_audit_oversight(struct cli *c, const char *since, const char *until, const char *svg_path);
int cli_cmd_serve(struct cli *c, int argc, char **argv);
int cli_cmd_token(struct cli *c, int argc, char **argv);
int cli_cmd_totp(struct cli *c, int argc, char **argv);
int cli_cmd_link(struct cli *c, int argc, char **argv);
int cli_cmd_pprl(struct cli *c, int argc, char **argv);
int cli_cmd_screen(struct cli *c, int argc, char **argv);
int cli_cmd_substance(struct cli *c, int argc, char **argv);
int cli_cmd_watchlist(struct cli *c, int argc, char **argv);
int cli_cmd_report(struct cli *c, int argc, char **argv);
/* A report, field by field, each line after INDENT (report show, alerts show). */
void cli_print_report(struct cli *c, const ac_report *r, ac_arena *a, const char *indent);
int cli_cmd_alerts(struct cli *c, int argc, char **argv);
int cli_cmd_notify(struct cli *c, int argc, char **argv);
int cli_cmd_case(struct cli *c, int argc, char **argv);
int cli_cmd_cases(struct cli *c, int argc, char **argv);
/* accord link evaluate: precision, recall, F1 of PAIRS against TRUTH; the chart to CHART. */
int cli_link_evaluate(struct cli *c, const char *truth, const char *pairs, const char *chart);
/* SVG pictures of a pair's explanation (a waterfall of weights) and of a model's m and u. */
int cli_link_waterfall(const char *explain_json, const char *path);
int cli_link_model_chart(const char *model_json, const char *path);
/* Incremental linkage: new records (side 0 of LK) join the clusters of CLUSTERS_IN through
 * PAIRS (against side 1, the existing records); all clusters to CLUSTERS_OUT. */
int cli_link_extend(struct cli *c,
                    const ac_linkage *lk,
                    const ac_linkage_pair *pairs,
                    size_t n,
                    const char *clusters_in,
                    const char *clusters_out);
int cli_cmd_item(struct cli *c, int argc, char **argv); /* item, case, disclose, approve, revoke */

#endif /* CLI_H */
