/* SPDX-License-Identifier: Apache-2.0
 *
 * common.c - the CLI's shared helpers (cli.h): context, errors, progress, tables.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

bool
cli_common_opt(struct cli *c, int opt, const char *arg)
{
    switch (opt) {
    case 'D':
        c->db_path = arg;
        return true;
    case 'A':
        c->as_user = arg;
        return true;
    case 'P':
        c->purpose = arg;
        return true;
    case 'J':
        c->json = true;
        return true;
    case 'K':
        c->audit_key = arg;
        return true;
    case 'W':
        c->witness_dir = arg;
        return true;
    default:
        return false;
    }
}

int
cli_fail(const char *what, const ac_error *err)
{
    fprintf(stderr, "accord: %s: %s\n", what, err->msg[0] ? err->msg : ac_code_str(err->code));
    return CLI_FAIL;
}

int
cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "accord %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'accord %s --help')\n", cmd);
    return CLI_USAGE;
}

/* mkdir -p for the folder that will hold PATH. */
static void
make_parent(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);

    if (n >= sizeof buf) {
        return;
    }
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
                return;
            }
            *p = '/';
        }
    }
}

const char *
cli_db_file(const struct cli *c)
{
    if (strncmp(c->db_path, "sqlite:", 7) == 0) {
        return c->db_path + 7;
    }
    return strstr(c->db_path, "://") != NULL ? NULL : c->db_path;
}

/* "cli os-user NAME (uid N)": the local OS account this process runs as, for the audit. */
static const char *
os_account(ac_arena *a)
{
    struct passwd pw, *found = NULL;
    char buf[4096];
    uid_t uid = geteuid();

    if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) != 0 || found == NULL) {
        return ac_arena_printf(a, "cli os-user ? (uid %lu)", (unsigned long)uid);
    }
    return ac_arena_printf(a, "cli os-user %s (uid %lu)", found->pw_name, (unsigned long)uid);
}

int
cli_open(struct cli *c, bool create)
{
    ac_hub_config *cfg = ac_hub_config_new();
    ac_error err = { 0 };
    ac_code rc;

    if (cfg == NULL) {
        fprintf(stderr, "accord: out of memory\n");
        return CLI_FAIL;
    }
    if (create && cli_db_file(c) != NULL) {
        make_parent(cli_db_file(c));
    }
    rc = ac_hub_config_set_db_uri(cfg, c->db_path, &err);
    if (rc == AC_OK && c->audit_key != NULL) {
        rc = ac_hub_config_set_key_path(cfg, c->audit_key, &err);
    }
    if (rc == AC_OK && cli_witness_path(c) != NULL) {
        rc = ac_hub_config_set_witness_path(cfg, cli_witness_path(c), &err);
    }
    if (rc == AC_OK) {
        const char *who = os_account(c->arena);

        rc = who != NULL ? ac_hub_config_set_client(cfg, who, &err) : AC_ENOMEM;
    }
    if (rc == AC_OK) {
        const char *line = NULL;
        int designated = 0;

        if (cli_report_line(&line, &designated) != CLI_OK) {
            ac_hub_config_free(cfg);
            return CLI_USAGE;
        }
        if (line != NULL || designated) {
            rc = ac_hub_config_set_report_line(cfg, line, designated, &err);
        }
    }
    ac_hub_config_set_create(cfg, create);
    if (rc == AC_OK) {
        rc = ac_hub_open(cfg, &c->hub, &err);
    }
    ac_hub_config_free(cfg);
    return rc == AC_OK ? CLI_OK : cli_fail("cannot open the hub", &err);
}

static const char *
env_text(const char *name)
{
    const char *v = getenv(name);

    return v != NULL && v[0] != '\0' ? v : NULL;
}

/* Act through an API token: its user acts; --as, when given, must be that user. */
static int
open_with_token(struct cli *c, const char *token)
{
    ac_session s;
    ac_error err = { 0 };

    if (ac_token_resume(c->hub, token, c->arena, &s, &err) != AC_OK) {
        return cli_fail("cannot act with that token", &err);
    }
    if (c->as_user != NULL && c->as_user[0] != '\0' && strcmp(c->as_user, s.actor->username) != 0) {
        fprintf(stderr, "accord: the token acts as another user than --as names: leave out "
                        "--as (and ACCORD_USER), or use that user's own password\n");
        return CLI_USAGE;
    }
    c->actor = s.actor;
    return CLI_OK;
}

int
cli_open_as(struct cli *c)
{
    const char *token = c->token != NULL ? c->token : env_text("ACCORD_TOKEN");
    const char *code = c->code != NULL ? c->code : env_text("ACCORD_CODE");
    const char *password = NULL;
    ac_session s;
    ac_error err = { 0 };
    int rc, wait = 0;

    if (token == NULL && (c->as_user == NULL || c->as_user[0] == '\0')) {
        fprintf(stderr, "accord: say who is acting: --as USERNAME (or set ACCORD_USER), with "
                        "that user's password, or --token (or ACCORD_TOKEN); 'accord user "
                        "list --as ADMIN' shows the users\n");
        return CLI_USAGE;
    }
    if (token == NULL) {
        rc = cli_password(c, NULL, &password);
        if (rc != CLI_OK) {
            fprintf(stderr,
                    "accord: acting as '%s' needs their password (or an API token: "
                    "--token, ACCORD_TOKEN)\n",
                    c->as_user);
            return rc;
        }
    }
    rc = cli_open(c, false);
    if (rc != CLI_OK) {
        return rc;
    }
    if (token != NULL) {
        return open_with_token(c, token);
    }
    if (ac_session_open_from(c->hub, "cli", c->as_user, password, code, c->arena, &s, &wait,
                             &err) != AC_OK) {
        return cli_fail("cannot sign in", &err);
    }
    c->session = s.token;
    c->actor = s.actor;
    return CLI_OK;
}

void
cli_close_session(struct cli *c)
{
    ac_error err = { 0 };

    if (c->hub != NULL && c->session != NULL) {
        if (ac_session_close(c->hub, c->session, &err) != AC_OK) {
            cli_fail("sign-out", &err);
        }
        c->session = NULL;
    }
}

/* Names, not ids, wherever a person reads (issue 14, point 11): one list of each per run. */
const char *
cli_agency_name(struct cli *c, const char *id)
{
    static ac_agency *list;
    static size_t n;
    static bool loaded;
    ac_error err = { 0 };

    if (id == NULL || c->hub == NULL) {
        return id;
    }
    if (!loaded) {
        loaded = true;
        if (ac_agency_list(c->hub, c->actor, c->purpose ? c->purpose : "", c->arena, &list, &n,
                           &err) != AC_OK) {
            n = 0;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].id, id) == 0) {
            return list[i].name;
        }
    }
    return id;
}

const char *
cli_user_name(struct cli *c, const char *id)
{
    static ac_user *list;
    static size_t n;
    static bool loaded;
    ac_error err = { 0 };

    if (id == NULL || c->hub == NULL) {
        return id;
    }
    if (!loaded) {
        loaded = true;
        if (ac_user_list(c->hub, c->actor, c->purpose ? c->purpose : "", c->arena, &list, &n,
                         &err) != AC_OK) {
            n = 0;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].id, id) == 0) {
            return list[i].display_name;
        }
    }
    return id;
}

const char *
cli_purpose(struct cli *c)
{
    if (c->purpose == NULL || c->purpose[0] == '\0') {
        fprintf(stderr, "accord: a purpose is required to read records: --purpose 'why you need "
                        "them' (or set ACCORD_PURPOSE); it is kept in the audit trail\n");
        return NULL;
    }
    return c->purpose;
}

double
cli_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *
cli_plural(unsigned long long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

const char *
cli_thousands(unsigned long long n, char buf[32])
{
    char raw[32];
    int len = snprintf(raw, sizeof raw, "%llu", n), o = 0;

    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0) {
            buf[o++] = ',';
        }
        buf[o++] = raw[i];
    }
    buf[o] = '\0';
    return buf;
}

void
cli_progress_init(struct cli_progress *p, const char *label)
{
    p->label = label;
    p->enabled = isatty(STDERR_FILENO) && getenv("ACCORD_NO_PROGRESS") == NULL;
    p->started = cli_seconds();
    p->rows = 0;
}

void
cli_progress_update(struct cli_progress *p,
                    unsigned long long done,
                    unsigned long long total,
                    unsigned long long rows)
{
    double secs = cli_seconds() - p->started;
    char a[32], b[32];

    p->rows = rows;
    if (!p->enabled) {
        return;
    }
    if (total > 0) {
        fprintf(stderr, "\r%s %3d%%  %s rows  %s rows/s   ", p->label,
                (int)(100.0 * (double)done / (double)total), cli_thousands(rows, a),
                cli_thousands((unsigned long long)(secs > 0 ? (double)rows / secs : 0), b));
    } else {
        fprintf(stderr, "\r%s  %s rows  %s rows/s   ", p->label, cli_thousands(rows, a),
                cli_thousands((unsigned long long)(secs > 0 ? (double)rows / secs : 0), b));
    }
}

void
cli_progress_done(struct cli_progress *p)
{
    if (p->enabled) {
        fprintf(stderr, "\r\033[K");
    }
}

struct cli_table {
    ac_arena *a;
    size_t n_cols;
    const char ***rows; /* rows[0] is the header */
    size_t n_rows, cap;
};

struct cli_table *
cli_table_new(ac_arena *a, size_t n_cols, const char *const *headers)
{
    struct cli_table *t = ac_arena_zalloc(a, sizeof *t);

    if (t == NULL) {
        return NULL;
    }
    t->a = a;
    t->n_cols = n_cols;
    cli_table_add(t, headers);
    return t;
}

void
cli_table_add(struct cli_table *t, const char *const *cells)
{
    const char **row;

    if (t == NULL) {
        return;
    }
    if (t->n_rows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        const char ***rows = ac_arena_alloc(t->a, cap * sizeof *rows);

        if (rows == NULL) {
            return;
        }
        if (t->n_rows > 0) {
            memcpy(rows, t->rows, t->n_rows * sizeof *rows);
        }
        t->rows = rows;
        t->cap = cap;
    }
    row = ac_arena_alloc(t->a, t->n_cols * sizeof *row);
    if (row == NULL) {
        return;
    }
    for (size_t i = 0; i < t->n_cols; i++) {
        row[i] = ac_arena_strdup(t->a, cells[i] != NULL ? cells[i] : "");
    }
    t->rows[t->n_rows++] = row;
}

/* Display width of UTF-8 S: one column per code point (good enough for names). */
static size_t
width_of(const char *s)
{
    size_t w = 0;

    for (; s != NULL && *s; s++) {
        w += ((unsigned char)*s & 0xc0) != 0x80;
    }
    return w;
}

void
cli_table_print(const struct cli_table *t, FILE *out)
{
    size_t widths[32] = { 0 };

    if (t == NULL || t->n_cols > 32) {
        return;
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t c = 0; c < t->n_cols; c++) {
            size_t w = width_of(t->rows[r][c]);

            widths[c] = w > widths[c] ? w : widths[c];
        }
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *cell = t->rows[r][c] ? t->rows[r][c] : "";

            fputs(cell, out);
            if (c + 1 < t->n_cols) {
                for (size_t k = width_of(cell); k < widths[c] + 2; k++) {
                    fputc(' ', out);
                }
            }
        }
        fputc('\n', out);
    }
}

void
cli_csv_field(FILE *out, const char *s, bool last)
{
    fputc('"', out);
    for (; s != NULL && *s != '\0'; s++) {
        if (*s == '"') {
            fputc('"', out);
        }
        fputc(*s, out);
    }
    fputs(last ? "\"\n" : "\",", out);
}

void
cli_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s != NULL && *s; s++) {
        unsigned char ch = (unsigned char)*s;

        if (ch == '"' || ch == '\\') {
            fputc('\\', out);
            fputc(ch, out);
        } else if (ch < 0x20) {
            fprintf(out, "\\u%04x", ch);
        } else {
            fputc(ch, out);
        }
    }
    fputc('"', out);
}

void
cli_xml_text(FILE *f, const char *s)
{
    for (; s != NULL && *s != '\0'; s++) {
        switch (*s) {
        case '&':
            fputs("&amp;", f);
            break;
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

char *
cli_read_file(const char *path, ac_arena *a)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    long len;

    if (f == NULL) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (text = ac_arena_alloc(a, (size_t)len + 1)) != NULL) {
        text[fread(text, 1, (size_t)len, f)] = '\0';
    }
    fclose(f);
    return text;
}

/* Ask for a password on the terminal (standard input), not echoed; NULL when that fails. */
static const char *
prompt_password(struct cli *c, const char *label)
{
    struct termios was, quiet;
    char line[1100];
    bool have;

    if (tcgetattr(STDIN_FILENO, &was) != 0) {
        return NULL;
    }
    quiet = was;
    quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
    /* echo off before the prompt: what is typed once it shows is kept, not flushed */
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0) {
        return NULL;
    }
    fprintf(stderr, "%s: ", label);
    fflush(stderr);
    have = fgets(line, sizeof line, stdin) != NULL;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &was);
    fputc('\n', stderr);
    if (!have) {
        return NULL;
    }
    line[strcspn(line, "\r\n")] = '\0';
    return ac_arena_strdup(c->arena, line);
}

int
cli_password(struct cli *c, const char *file, const char **out)
{
    const char *env = getenv("ACCORD_PASSWORD");
    char *text;

    *out = NULL;
    if (file == NULL) {
        file = c->password_file;
    }
    if (file != NULL) {
        text = cli_read_file(file, c->arena);
        if (text == NULL) {
            fprintf(stderr, "accord: cannot read the password file '%s': %s\n", file,
                    strerror(errno));
            return CLI_FAIL;
        }
        text[strcspn(text, "\r\n")] = '\0';
        *out = text;
        return CLI_OK;
    }
    if (env != NULL && env[0] != '\0') {
        *out = env;
        return CLI_OK;
    }
    if (isatty(STDIN_FILENO)) {
        *out = prompt_password(c, "password");
        if (*out != NULL && (*out)[0] != '\0') {
            return CLI_OK;
        }
        *out = NULL;
    }
    fprintf(stderr, "accord: give the password in ACCORD_PASSWORD or --password-file FILE, or "
                    "type it at the prompt on a terminal (never as an argument: other accounts "
                    "can see those)\n");
    return CLI_USAGE;
}

int
cli_report_line(const char **text, int *designated)
{
    const char *line = getenv("ACCORD_REPORT_LINE"), *d = getenv("ACCORD_DESIGNATED");

    *text = line != NULL && line[0] != '\0' ? line : NULL;
    *designated = 0;
    if (d == NULL || d[0] == '\0' || strcmp(d, "no") == 0) {
        return CLI_OK;
    }
    if (strcmp(d, "yes") != 0) {
        fprintf(stderr, "accord: ACCORD_DESIGNATED: yes (this partnership receives the "
                        "statutory precursor reports itself) or no; unset it otherwise\n");
        return CLI_USAGE;
    }
    *designated = 1;
    return CLI_OK;
}

/* --limit TEXT as a positive count into *OUT (CLI_USAGE, said, otherwise). */
int
cli_limit(const char *cmd, const char *text, size_t *out)
{
    char *end = NULL;
    unsigned long long v;

    *out = 0;
    while (*text == ' ') {
        text++;
    }
    v = strtoull(text, &end, 10);
    if (text[0] == '-' || text[0] == '+' || end == text || *end != '\0' || v == 0 || v > SIZE_MAX) {
        return cli_usage(cmd,
                         "--limit: the limit must be positive (a whole number from 1), not "
                         "'%s'",
                         text);
    }
    *out = (size_t)v;
    return 0;
}

const char *
cli_expiry(struct cli *c, const char *text)
{
    char *end = NULL;
    long long n;
    int64_t unit_ms;
    char buf[AC_TIME_TEXT_MAX];

    if (text == NULL || text[0] < '1' || text[0] > '9') {
        return text; /* a time or a day: the hub reads it */
    }
    n = strtoll(text, &end, 10);
    if (end == NULL || end[0] == '\0' || end[1] != '\0' || n <= 0 || n > 3660) {
        return text;
    }
    unit_ms = end[0] == 'd' ? 86400000LL : end[0] == 'h' ? 3600000LL : -1;
    if (unit_ms < 0) {
        return text;
    }
    return ac_arena_strdup(c->arena, ac_time_format(ac_time_now_ms() + n * unit_ms, buf));
}
