/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_audit.c - accord audit: verify the tamper-evident trail, take checkpoints, make and
 * check proofs, and answer oversight questions (who accessed a record, what a user did).
 */
#include "cli.h"

#include "accord/witness.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: accord audit verify [--public-key KEY [--witness FILE [--cosigner-key NAME=KEY]...]]\n"
    "       accord audit checkpoint\n"
    "       accord audit checkpoints\n"
    "       accord audit public-key [--out FILE]\n"
    "       accord audit key create --pkcs11 URI [--out FILE]\n"
    "       accord audit prove ENTRY [--out FILE]\n"
    "       accord audit consistency OLD NEW [--out FILE]\n"
    "       accord audit check-proof PROOF.json --public-key KEY\n"
    "       accord audit who-accessed RECORD_ID [--since DATE]\n"
    "       accord audit by-user USERNAME [--since DATE]\n"
    "       accord audit oversight [--since DATE] [--until DATE] [--svg FILE]\n"
    "\n"
    "Every access to the hub leaves an audit entry (who, agency, when, what, which record,\n"
    "purpose, outcome) written with the change it records.  Entries are leaves of a Merkle\n"
    "tree (RFC 9162); its root is signed (Ed25519) at checkpoints, with the key kept beside\n"
    "the database (PATH.key, or --audit-key FILE).  Checkpoints are C2SP signed notes\n"
    "(tlog-checkpoint), each also appended to a witness file outside the database\n"
    "(PATH.witness, or --witness-dir DIR).  The public key is written at 'accord init' to\n"
    "PATH.pub: keep it, and the witness file, where the database's administrator cannot\n"
    "rewrite them.  Reading the audit needs the auditor role and is audited.\n"
    "\n"
    "  verify          recompute every entry's hash, the tree and every signed checkpoint;\n"
    "                  names the first entry that was changed, removed, added or moved\n"
    "                  (exit 1 when the trail has been tampered with).  With --public-key\n"
    "                  KEY (hex, or the PATH.pub file) it runs offline on the file (a copy\n"
    "                  will do: no signing key, no --as, nothing written) and refuses any\n"
    "                  other key the database holds; with --witness FILE every checkpoint\n"
    "                  the witness saw must match the log (truncation, deletion, insertion,\n"
    "                  reordering, re-signing).  Without --public-key it trusts the key the\n"
    "                  database holds, and says so\n"
    "  checkpoint      sign the log as it stands (auditor or admin)\n"
    "  checkpoints     the sizes of the signed checkpoints\n"
    "  public-key      the key that verifies checkpoints: give it to oversight bodies\n"
    "  key create      generate the signing key on a PKCS#11 token (an HSM, SoftHSM2):\n"
    "                  Ed25519, its secret half never leaves the token; prints (and with\n"
    "                  --out writes) the public key.  Then open the hub with\n"
    "                  --audit-key URI.  URI: pkcs11:token=LABEL;object=LABEL?module-path=\n"
    "                  /path/module.so&pin-source=file:/path/pin (the PIN in a file)\n"
    "  prove ENTRY     an inclusion proof (JSON) that entry ENTRY is in the signed log\n"
    "  consistency     a proof (JSON) that checkpoint OLD is a prefix of checkpoint NEW:\n"
    "                  history before OLD was not rewritten\n"
    "  check-proof     check a proof with only the public key: no database, no user;\n"
    "                  KEY is the hex key or a file holding it\n"
    "  who-accessed    CSV of every entry about a record, with purposes\n"
    "  by-user         CSV of every entry by a user\n"
    "  oversight       the report for a period: entries by agency, action and outcome\n"
    "                  (refusals stand out); --svg draws it as a bar chart per agency\n"
    "\n"
    "Examples:\n"
    "  accord --as oversight.auditor audit verify\n"
    "  accord --db copy.db audit verify --public-key hub.db.pub --witness hub.db.witness\n"
    "  accord --db copy.db audit verify --public-key hub.db.pub --witness hub.db.witness \\\n"
    "      --cosigner-key oversight.example/w1=w1.pub\n"
    "  accord --as oversight.auditor audit prove 42 --out proof.json\n"
    "  accord audit public-key --out hub.pub\n"
    "  accord audit key create --out audit.pub --pkcs11 \\\n"
    "      "
    "'pkcs11:token=accord-audit;object=audit-signing?module-path=/usr/lib/softhsm/"
    "libsofthsm2.so&pin-source=file:/etc/accord/pin'  # needs a token\n"
    "  accord audit check-proof proof.json --public-key hub.pub\n"
    "  accord --as oversight.auditor --purpose 'IPCO inspection' audit who-accessed ID\n"
    "  accord --as oversight.auditor --purpose 'quarterly report' audit oversight \\\n"
    "      --since 2026-07-01 --until 2026-10-01 --svg q3.svg\n";

struct audit_args {
    const char *out_path;
    const char *public_key;
    const char *since;
    const char *until;
    const char *svg_path;
    const char *witness;
    const char *pkcs11;
    const char *cosigner_keys[8]; /* --cosigner-key NAME=PUBLIC_KEY */
    size_t n_cosigner_keys;
};

static FILE *
open_out(const char *path)
{
    FILE *f = path != NULL ? fopen(path, "wb") : stdout;

    if (f == NULL) {
        fprintf(stderr, "accord: audit: cannot create '%s': %s\n", path, strerror(errno));
    }
    return f;
}

static int
write_text(const char *path, const char *text)
{
    FILE *f = open_out(path);

    if (f == NULL) {
        return CLI_FAIL;
    }
    fputs(text, f);
    fputc('\n', f);
    if (f != stdout && fclose(f) != 0) {
        fprintf(stderr, "accord: audit: cannot write '%s'\n", path);
        return CLI_FAIL;
    }
    return CLI_OK;
}

static int
parse_u64(const char *s, uint64_t *out)
{
    char *end = NULL;
    unsigned long long v = strtoull(s, &end, 10);

    if (end == s || *end != '\0' || v == 0) {
        return -1;
    }
    *out = v;
    return 0;
}

/* Read a whole (small) file into A; NULL with a message on failure. */
static char *
slurp(ac_arena *a, const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t n = 0, cap = 4096;
    char *buf = ac_arena_alloc(a, cap);

    if (f == NULL || buf == NULL) {
        fprintf(stderr, "accord: audit: cannot read '%s': %s\n", path, strerror(errno));
        if (f != NULL) {
            fclose(f);
        }
        return NULL;
    }
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);

        n += got;
        if (n < cap - 1) {
            break;
        }
        {
            char *grown = ac_arena_alloc(a, cap * 2);

            if (grown == NULL || cap > (64u << 20)) {
                fclose(f);
                fprintf(stderr, "accord: audit: '%s' is too large\n", path);
                return NULL;
            }
            memcpy(grown, buf, n);
            buf = grown;
            cap *= 2;
        }
    }
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static int
check_proof(struct cli *c, const char *path, const char *key)
{
    char *proof, *key_text;
    char summary[512];
    ac_error err = { 0 };

    if (key == NULL) {
        return cli_usage("audit", "check-proof needs --public-key (hex, or a file holding it)");
    }
    proof = slurp(c->arena, path);
    if (proof == NULL) {
        return CLI_FAIL;
    }
    key_text = strlen(key) == 64 ? (char *)key : slurp(c->arena, key);
    if (key_text == NULL) {
        return CLI_FAIL;
    }
    key_text[strcspn(key_text, "\r\n")] = '\0';
    if (ac_audit_check_proof(proof, key_text, summary, sizeof summary, &err) != AC_OK) {
        fprintf(stderr, "accord: audit: proof does NOT hold: %s\n", err.msg);
        return CLI_FAIL;
    }
    printf("proof holds: %s\n", summary);
    return CLI_OK;
}

/* KEY as hex: itself when 64 characters, else the first line of the file it names. */
char *
cli_key_hex(struct cli *c, const char *key)
{
    char *text = strlen(key) == 64 ? ac_arena_strdup(c->arena, key) : slurp(c->arena, key);

    if (text != NULL) {
        text[strcspn(text, "\r\n")] = '\0';
    }
    return text;
}

static const char trusted_db_key[] =
    "accord: audit: warning: the checkpoints were checked against the key the database "
    "itself holds, which whoever can write the database can replace; verify with the key "
    "pinned at init: --public-key DB.pub --witness DB.witness\n";

/* Each --cosigner-key NAME=PUBLIC_KEY: every cosignature of NAME in the witness file must
 * verify; the newest size it cosigned is reported. */
static int
check_cosigners(struct cli *c, const struct audit_args *aa, const char *log_key)
{
    char n[32];

    for (size_t i = 0; i < aa->n_cosigner_keys; i++) {
        const char *spec = aa->cosigner_keys[i], *eq = strrchr(spec, '=');
        char *name = eq != NULL ? ac_arena_strndup(c->arena, spec, (size_t)(eq - spec)) : NULL;
        const char *pk = eq != NULL ? cli_key_hex(c, eq + 1) : NULL;
        uint64_t newest = 0;
        ac_error err = { 0 };

        if (name != NULL && name[0] != '\0' && pk == NULL) {
            return CLI_FAIL; /* the key file could not be read: slurp said why */
        }
        if (name == NULL || name[0] == '\0' || pk == NULL || strlen(pk) != 64) {
            return cli_usage("audit", "--cosigner-key: expected NAME=PUBLIC_KEY (hex, or a file "
                                      "holding it), e.g. oversight.example/w1=w1.pub");
        }
        if (ac_cosign_check(aa->witness, log_key, name, pk, &newest, &err) != AC_OK) {
            if (err.code == AC_EINVAL) { /* a forged cosignature: a verdict, not a failure */
                printf("TAMPERED: %s\n", err.msg);
                return CLI_FAIL;
            }
            return cli_fail("audit verify", &err);
        }
        printf("cosigner %s: newest cosigned size %s\n", name, cli_thousands(newest, n));
    }
    return CLI_OK;
}

/* accord audit verify --public-key KEY [--witness FILE]: the file alone, read-only. */
static int
verify_offline(struct cli *c, const char *key, const char *witness)
{
    ac_audit_verify_opts o = { cli_key_hex(c, key), witness };
    ac_audit_report r;
    ac_error err = { 0 };
    char a[32], b[32], w[32];

    if (o.public_key_hex == NULL) {
        return CLI_FAIL;
    }
    if (ac_audit_verify_offline(c->db_path, &o, &r, &err) != AC_OK) {
        return cli_fail("audit verify", &err);
    }
    if (r.problem[0] != '\0') {
        printf("TAMPERED: %s\n", r.problem);
        if (r.first_bad != 0) {
            printf("first bad entry: %llu (checked %s %s, %s %s)\n",
                   (unsigned long long)r.first_bad, cli_thousands(r.entries, a),
                   cli_plural(r.entries, "entry", "entries"), cli_thousands(r.checkpoints, b),
                   cli_plural(r.checkpoints, "checkpoint", "checkpoints"));
        }
        if (witness != NULL) {
            printf("newest witnessed size: %s\n", cli_thousands(r.witnessed, w));
        }
        return CLI_FAIL;
    }
    printf("ok: %s %s and %s signed %s verified against the pinned key\n",
           cli_thousands(r.entries, a), cli_plural(r.entries, "entry", "entries"),
           cli_thousands(r.checkpoints, b), cli_plural(r.checkpoints, "checkpoint", "checkpoints"));
    if (witness != NULL) {
        printf("witness: %s checkpoints match the log; newest witnessed size %s\n",
               cli_thousands(r.witnessed_checkpoints, a), cli_thousands(r.witnessed, w));
    } else {
        fputs("accord: audit: warning: no --witness: a truncated log, or one re-signed with "
              "the hub's own key, cannot be told from the real one\n",
              stderr);
    }
    return CLI_OK;
}

const char *
cli_witness_path(struct cli *c)
{
    const char *file = cli_db_file(c), *base;

    if (c->witness_dir == NULL) {
        return NULL;
    }
    base = file != NULL ? strrchr(file, '/') : NULL;
    base = base != NULL ? base + 1 : file != NULL ? file : "accord";
    return ac_arena_printf(c->arena, "%s/%s.witness", c->witness_dir, base);
}

int
cli_audit_pin_key(struct cli *c, const char *path)
{
    char *hex = NULL;
    ac_error err = { 0 };
    const char *file = cli_db_file(c);

    if (ac_audit_public_key(c->hub, c->arena, &hex, &err) != AC_OK) {
        return cli_fail("audit public key", &err);
    }
    if (path == NULL && file != NULL) {
        path = ac_arena_printf(c->arena, "%s.pub", file);
    }
    if (path != NULL && write_text(path, hex) != CLI_OK) {
        return CLI_FAIL;
    }
    printf("  audit key      %s\n", hex);
    if (path != NULL) {
        printf("                 pinned in %s: keep a copy where the database's "
               "administrator cannot change it\n",
               path);
    }
    return CLI_OK;
}

static int
verify(struct cli *c)
{
    ac_audit_report r;
    ac_error err = { 0 };
    char a[32], b[32];

    if (ac_audit_verify(c->hub, c->actor, c->purpose ? c->purpose : "", &r, &err) != AC_OK) {
        return cli_fail("audit verify", &err);
    }
    if (r.problem[0] != '\0') {
        printf("TAMPERED: %s\n", r.problem);
        printf("first bad entry: %llu (checked %s %s, %s %s)\n", (unsigned long long)r.first_bad,
               cli_thousands(r.entries, a), cli_plural(r.entries, "entry", "entries"),
               cli_thousands(r.checkpoints, b),
               cli_plural(r.checkpoints, "checkpoint", "checkpoints"));
        return CLI_FAIL;
    }
    printf("ok: %s %s and %s signed %s verified\n", cli_thousands(r.entries, a),
           cli_plural(r.entries, "entry", "entries"), cli_thousands(r.checkpoints, b),
           cli_plural(r.checkpoints, "checkpoint", "checkpoints"));
    return CLI_OK;
}

/* Verify as the --as user; if the log is too damaged for the sign-in itself to be
 * audited, verify the file unaudited and say so. */
static int
verify_even_if_broken(struct cli *c)
{
    ac_audit_report r;
    ac_error err = { 0 };
    char a[32], b[32];
    int rc = cli_open(c, false);

    if (rc != CLI_OK) {
        return rc;
    }
    if (c->as_user == NULL) {
        return cli_usage("audit", "verify needs --as AUDITOR");
    }
    if (ac_hub_actor(c->hub, c->as_user, c->arena, &c->actor, &err) == AC_OK) {
        return verify(c);
    }
    if (err.code != AC_ESTORAGE) {
        return cli_fail("cannot act as that user", &err);
    }
    fprintf(stderr,
            "accord: the audit log cannot take new entries (%s); verifying the file "
            "without signing in\n",
            err.msg);
    if (ac_audit_verify_unaudited(c->hub, &r, &err) != AC_OK) {
        return cli_fail("audit verify", &err);
    }
    if (r.problem[0] == '\0') {
        printf("ok: %s %s and %s signed %s verified\n", cli_thousands(r.entries, a),
               cli_plural(r.entries, "entry", "entries"), cli_thousands(r.checkpoints, b),
               cli_plural(r.checkpoints, "checkpoint", "checkpoints"));
        return CLI_OK;
    }
    printf("TAMPERED: %s\nfirst bad entry: %llu (checked %s %s, %s %s)\n", r.problem,
           (unsigned long long)r.first_bad, cli_thousands(r.entries, a),
           cli_plural(r.entries, "entry", "entries"), cli_thousands(r.checkpoints, b),
           cli_plural(r.checkpoints, "checkpoint", "checkpoints"));
    return CLI_FAIL;
}

static int
print_csv_field(FILE *out, const char *s, bool last)
{
    bool quote = s != NULL && strpbrk(s, ",\"\r\n") != NULL;

    if (quote) {
        fputc('"', out);
        for (const char *p = s; *p; p++) {
            if (*p == '"') {
                fputc('"', out);
            }
            fputc(*p, out);
        }
        fputc('"', out);
    } else if (s != NULL) {
        fputs(s, out);
    }
    return fputs(last ? "\r\n" : ",", out);
}

struct csv_out {
    FILE *out;
    bool header_done;
};

static void
csv_header(struct csv_out *o)
{
    if (!o->header_done) {
        fputs("seq,at,username,agency_id,action,object_type,object_id,purpose,outcome,detail,"
              "recipients,via\r\n",
              o->out);
        o->header_done = true;
    }
}

static int
print_entry(void *ctx, const ac_audit_entry *e)
{
    struct csv_out *o = ctx;
    FILE *out = o->out;
    char seq[24];
    const char *cols[] = { seq,        e->at,          e->username,   e->agency_id,
                           e->action,  e->object_type, e->object_id,  e->purpose,
                           e->outcome, e->detail,      e->recipients, e->via };

    csv_header(o);
    snprintf(seq, sizeof seq, "%llu", (unsigned long long)e->seq);
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        print_csv_field(out, cols[i], i + 1 == sizeof cols / sizeof cols[0]);
    }
    return 0;
}

static int
query(struct cli *c, const ac_audit_query *q)
{
    const char *purpose = cli_purpose(c);
    struct csv_out o = { stdout, false };
    uint64_t n = 0;
    ac_error err = { 0 };

    if (purpose == NULL) {
        return CLI_USAGE;
    }
    if (ac_audit_query_run(c->hub, c->actor, purpose, q, print_entry, &o, &n, &err) != AC_OK) {
        return cli_fail("audit", &err);
    }
    csv_header(&o); /* a header even when nothing matched */
    fprintf(stderr, "%llu %s\n", (unsigned long long)n, cli_plural(n, "entry", "entries"));
    return CLI_OK;
}

static int
run_verb(struct cli *c, int argc, char **argv, const struct audit_args *aa)
{
    const char *verb = argv[0];
    const char *purpose = c->purpose ? c->purpose : "";
    ac_error err = { 0 };
    char *json = NULL;
    uint64_t x = 0, y = 0;

    if (strcmp(verb, "verify") == 0 && argc == 1) {
        return verify(c);
    }
    if (strcmp(verb, "checkpoint") == 0 && argc == 1) {
        if (ac_audit_checkpoint_now(c->hub, c->actor, purpose, &x, &err) != AC_OK) {
            return cli_fail("audit checkpoint", &err);
        }
        printf("signed a checkpoint of %llu %s\n", (unsigned long long)x,
               cli_plural(x, "entry", "entries"));
        return CLI_OK;
    }
    if (strcmp(verb, "checkpoints") == 0 && argc == 1) {
        uint64_t *sizes = NULL;
        size_t n = 0;

        if (ac_audit_checkpoint_sizes(c->hub, c->actor, purpose, c->arena, &sizes, &n, &err) !=
            AC_OK) {
            return cli_fail("audit checkpoints", &err);
        }
        for (size_t i = 0; i < n; i++) {
            printf("%llu\n", (unsigned long long)sizes[i]);
        }
        return CLI_OK;
    }
    if (strcmp(verb, "prove") == 0 && argc == 2) {
        if (parse_u64(argv[1], &x) != 0) {
            return cli_usage("audit", "prove: ENTRY is a positive entry number");
        }
        if (ac_audit_prove(c->hub, c->actor, purpose, x, c->arena, &json, &err) != AC_OK) {
            return cli_fail("audit prove", &err);
        }
        return write_text(aa->out_path, json);
    }
    if (strcmp(verb, "consistency") == 0 && argc == 3) {
        if (parse_u64(argv[1], &x) != 0 || parse_u64(argv[2], &y) != 0) {
            return cli_usage("audit", "consistency: OLD and NEW are checkpoint sizes");
        }
        if (ac_audit_consistency(c->hub, c->actor, purpose, x, y, c->arena, &json, &err) != AC_OK) {
            return cli_fail("audit consistency", &err);
        }
        return write_text(aa->out_path, json);
    }
    if (strcmp(verb, "who-accessed") == 0 && argc == 2) {
        ac_audit_query q = { argv[1], NULL, aa->since, 0 };

        return query(c, &q);
    }
    if (strcmp(verb, "by-user") == 0 && argc == 2) {
        ac_audit_query q = { NULL, argv[1], aa->since, 0 };

        return query(c, &q);
    }
    if (strcmp(verb, "oversight") == 0 && argc == 1) {
        return cli_audit_oversight(c, aa->since, aa->until, aa->svg_path);
    }
    return cli_usage("audit", "unknown or incomplete audit command '%s'", verb);
}

/* accord audit key create --pkcs11 URI: the key pair made on the token; needs no hub. */
static int
key_create(const char *uri, const char *out_path)
{
    char hex[65];
    ac_error err = { 0 };

    if (uri == NULL) {
        return cli_usage("audit", "key create: --pkcs11 URI names the token and the key's label "
                                  "(a key file needs no creating: 'accord init' makes it)");
    }
    if (ac_audit_key_create_pkcs11(uri, hex, &err) != AC_OK) {
        return cli_fail("audit key create", &err);
    }
    printf("created an Ed25519 signing key on the token; its secret half never leaves it\n");
    printf("  audit key      %s\n", hex);
    printf("then: accord --audit-key URI init ..., and keep the public key where the "
           "database's administrator cannot change it\n");
    return out_path != NULL ? write_text(out_path, hex) : CLI_OK;
}

int
cli_cmd_audit(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = { CLI_COMMON_LONGOPTS,
                                          { "out", required_argument, NULL, 'o' },
                                          { "public-key", required_argument, NULL, 'k' },
                                          { "since", required_argument, NULL, 's' },
                                          { "until", required_argument, NULL, 'u' },
                                          { "svg", required_argument, NULL, 'g' },
                                          { "witness", required_argument, NULL, 'w' },
                                          { "pkcs11", required_argument, NULL, 'p' },
                                          { "cosigner-key", required_argument, NULL, 0x100 },
                                          { NULL, 0, NULL, 0 } };
    struct audit_args aa = { 0 };
    int opt, rc;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        if (opt == 'o') {
            aa.out_path = optarg;
        } else if (opt == 'k') {
            aa.public_key = optarg;
        } else if (opt == 's') {
            aa.since = optarg;
        } else if (opt == 'u') {
            aa.until = optarg;
        } else if (opt == 'g') {
            aa.svg_path = optarg;
        } else if (opt == 'w') {
            aa.witness = optarg;
        } else if (opt == 'p') {
            aa.pkcs11 = optarg;
        } else if (opt == 0x100) {
            if (aa.n_cosigner_keys == sizeof aa.cosigner_keys / sizeof aa.cosigner_keys[0]) {
                return cli_usage("audit", "--cosigner-key: at most 8");
            }
            aa.cosigner_keys[aa.n_cosigner_keys++] = optarg;
        } else if (opt == 'h') {
            fputs(help, stdout);
            return CLI_OK;
        } else {
            return cli_usage("audit", "unknown option");
        }
    }
    if (optind >= argc) {
        return cli_usage("audit", "say what to do: verify, prove, check-proof, who-accessed, ...");
    }
    if (strcmp(argv[optind], "check-proof") == 0) {
        return optind + 2 == argc ? check_proof(c, argv[optind + 1], aa.public_key)
                                  : cli_usage("audit", "check-proof needs one proof file");
    }
    if (strcmp(argv[optind], "key") == 0) {
        return optind + 2 == argc && strcmp(argv[optind + 1], "create") == 0
                   ? key_create(aa.pkcs11, aa.out_path)
                   : cli_usage("audit", "say 'audit key create --pkcs11 URI'");
    }
    if (strcmp(argv[optind], "public-key") == 0) {
        char *hex = NULL;
        ac_error err = { 0 };

        rc = cli_open(c, false);
        if (rc != CLI_OK) {
            return rc;
        }
        if (ac_audit_public_key(c->hub, c->arena, &hex, &err) != AC_OK) {
            return cli_fail("audit public-key", &err);
        }
        return write_text(aa.out_path, hex);
    }
    if (strcmp(argv[optind], "verify") == 0 && optind + 1 == argc) {
        if (aa.n_cosigner_keys > 0 && (aa.public_key == NULL || aa.witness == NULL)) {
            return cli_usage("audit", "--cosigner-key needs --public-key and --witness (the "
                                      "cosignatures are kept in the witness file)");
        }
        if (aa.public_key != NULL) {
            rc = verify_offline(c, aa.public_key, aa.witness);
            return rc == CLI_OK ? check_cosigners(c, &aa, cli_key_hex(c, aa.public_key)) : rc;
        }
        if (aa.witness != NULL) {
            return cli_usage("audit", "--witness needs --public-key (the key pinned at init)");
        }
        rc = verify_even_if_broken(c);
        if (rc != CLI_USAGE) {
            fputs(trusted_db_key, stderr);
        }
        return rc;
    }
    rc = cli_open_as(c);
    return rc != CLI_OK ? rc : run_verb(c, argc - optind, argv + optind, &aa);
}
