/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_pprl.c - accord pprl: privacy-preserving linkage on files alone.  encode turns a CSV
 * into Bloom-filter encodings (anonlink CLK JSON) under a clkhash v3 schema and a shared
 * secret; match finds the pairs of two encoding files above a Dice threshold (one-to-one,
 * greedy); evaluate scores pairs against known true pairs.  No hub: nothing is stored.
 */
#include "cli.h"

#include "accord/pprl.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: accord pprl encode --schema SCHEMA.json --secret-file KEY IN.csv OUT.json\n"
    "                          [--balance | --xor-fold] [--salt-field NAME]\n"
    "                          [--flip-epsilon E] [--rbf] [--skip-initial-space]\n"
    "       accord pprl match A.json B.json --threshold T --out PAIRS.csv [--all]\n"
    "       accord pprl evaluate --truth TRUTH PAIRS.csv\n"
    "\n"
    "Privacy-preserving record linkage: each party encodes its records into Bloom-filter\n"
    "encodings (CLKs) with a secret they share and nobody else has, and only the encodings\n"
    "leave it.  Compatible with clkhash (linkage schema v3) and anonlink (CLK JSON).\n"
    "\n"
    "encode   IN.csv has a header whose columns are the schema's features, in order;\n"
    "         KEY is a file holding the shared secret (a final newline is dropped).\n"
    "         Hardening (docs/pprl-hardening.md: what each resists, what it costs):\n"
    "  --balance            append the complement and permute: every encoding 2l bits with l\n"
    "                       set (resists attacks on the number of bits set)\n"
    "  --xor-fold           fold to l/2 bits (resists pattern mining of single bits)\n"
    "  --salt-field NAME    salt every other feature with this one's value (e.g. year of\n"
    "                       birth): the same name encodes differently in each salt group\n"
    "  --flip-epsilon E     flip each bit with p = 1/(1+e^E): E-differential privacy per bit\n"
    "  --rbf                record-level Bloom filter (one filter per feature, sampled)\n"
    "  --skip-initial-space drop spaces after each comma (FEBRL's \", \" separator)\n"
    "match    writes a_index,b_index,score (0-based indices into each file), best first;\n"
    "         each record in at most one pair unless --all (every pair >= T).  The kernel\n"
    "         is the best the CPU has (ACCORD_PPRL_KERNEL=avx2|scalar|portable to force).\n"
    "evaluate TRUTH is anonlink's ground-truth JSON ([[a, b], ...]) or a CSV a_index,b_index;\n"
    "         prints precision, recall and F1.\n"
    "\n"
    "Examples:\n"
    "  accord pprl encode --schema schema.json --secret-file shared.key ours.csv ours.json\n"
    "  accord pprl match ours.json theirs.json --threshold 0.8 --out pairs.csv\n"
    "  accord pprl evaluate --truth truth.csv pairs.csv\n";

/* The whole of PATH into *OUT (NUL-terminated); CLI_FAIL with a message naming it. */
static int
read_file(const char *path, char **out, size_t *out_len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0;
    size_t cap = 0;

    *out = NULL;
    if (f == NULL) {
        fprintf(stderr, "accord pprl: %s: %s\n", path, strerror(errno));
        return CLI_FAIL;
    }
    for (;;) {
        if (len + 65536 + 1 > cap) {
            char *p = realloc(buf, cap = cap * 2 + 65536 + 1);
            if (p == NULL) {
                free(buf);
                fclose(f);
                fprintf(stderr, "accord pprl: %s: out of memory\n", path);
                return CLI_FAIL;
            }
            buf = p;
        }
        size_t got = fread(buf + len, 1, 65536, f);
        len += got;
        if (got < 65536) {
            break;
        }
    }
    fclose(f);
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return CLI_OK;
}

/* Split one CSV line in place into at most MAX fields (quotes with "" escapes). */
static size_t
split_csv(char *line, char **fields, size_t max, int skip_space)
{
    size_t n = 0;
    char *p = line;

    for (;;) {
        char *w;
        if (skip_space) {
            while (*p == ' ') {
                p++;
            }
        }
        w = p;
        if (n < max) {
            fields[n] = w;
        }
        n++;
        if (*p == '"') {
            char *r = p + 1;
            for (; *r != '\0'; r++) {
                if (*r == '"' && r[1] == '"') {
                    *w++ = '"';
                    r++;
                } else if (*r == '"') {
                    r++;
                    break;
                } else {
                    *w++ = *r;
                }
            }
            p = r;
            while (*p != ',' && *p != '\0') {
                p++;
            }
        } else {
            while (*p != ',' && *p != '\0') {
                p++;
            }
            w = p;
        }
        if (*p == '\0') {
            *w = '\0';
            return n;
        }
        *w = '\0';
        p++;
    }
}

static char *
next_line(char **cursor)
{
    char *s = *cursor;
    char *e;

    if (s == NULL || *s == '\0') {
        return NULL;
    }
    e = strchr(s, '\n');
    if (e != NULL) {
        *e = '\0';
        *cursor = e + 1;
    } else {
        *cursor = s + strlen(s);
    }
    if (e != NULL && e > s && e[-1] == '\r') {
        e[-1] = '\0';
    } else if (e == NULL && s[0] != '\0' && s[strlen(s) - 1] == '\r') {
        s[strlen(s) - 1] = '\0';
    }
    return s;
}

static int
write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");

    if (f == NULL || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "accord pprl: %s: cannot write: %s\n", path, strerror(errno));
        return CLI_FAIL;
    }
    return CLI_OK;
}

struct encode_opts {
    const char *schema;
    const char *secret;
    const char *salt_field;
    ac_pprl_hardening hard;
    int skip_space;
};

/* Encode every row of CSV (header checked against S) into CLKS. */
static int
encode_rows(ac_pprl_schema *s, char *csv, const char *in, int skip_space, ac_pprl_clks *clks)
{
    size_t nf = ac_pprl_schema_n_features(s);
    char **fields = calloc(nf + 1, sizeof *fields);
    char *cursor = csv;
    char *line = next_line(&cursor);
    size_t n_rows = 0;
    size_t row = 0;
    ac_error err;

    if (fields == NULL) {
        return CLI_FAIL;
    }
    if (line == NULL || split_csv(line, fields, nf + 1, skip_space) != nf) {
        fprintf(stderr,
                "accord pprl encode: %s: the header must have the schema's %zu features as "
                "columns, in order\n",
                in, nf);
        free(fields);
        return CLI_FAIL;
    }
    for (size_t i = 0; i < nf; i++) {
        if (strcmp(fields[i], ac_pprl_schema_feature(s, i)) != 0) {
            fprintf(stderr,
                    "accord pprl encode: %s: column %zu is \"%s\" but the schema's feature %zu "
                    "is \"%s\"; reorder the columns or the schema\n",
                    in, i + 1, fields[i], i + 1, ac_pprl_schema_feature(s, i));
            free(fields);
            return CLI_FAIL;
        }
    }
    for (char *p = cursor; *p != '\0'; p++) {
        n_rows += *p == '\n';
    }
    n_rows += cursor[0] != '\0' && cursor[strlen(cursor) - 1] != '\n';
    if (ac_pprl_clks_init(clks, n_rows, ac_pprl_schema_clk_bytes(s), &err) != AC_OK) {
        free(fields);
        return cli_fail("encode", &err);
    }
    while ((line = next_line(&cursor)) != NULL) {
        if (line[0] == '\0') {
            continue;
        }
        if (split_csv(line, fields, nf + 1, skip_space) != nf) {
            fprintf(stderr, "accord pprl encode: %s: row %zu: not %zu fields\n", in, row + 2, nf);
            free(fields);
            return CLI_FAIL;
        }
        if (ac_pprl_encode(s, (const char *const *)fields, nf, row,
                           clks->data + row * clks->n_bytes, &err) != AC_OK) {
            fprintf(stderr, "accord pprl encode: %s: row %zu: %s\n", in, row + 2, err.msg);
            free(fields);
            return CLI_FAIL;
        }
        row++;
    }
    clks->n = row;
    free(fields);
    return CLI_OK;
}

static int
pprl_encode(struct encode_opts *o, const char *in, const char *out)
{
    char *schema_text = NULL;
    char *secret = NULL;
    char *csv = NULL;
    size_t len;
    size_t secret_len;
    ac_pprl_schema *s = NULL;
    ac_pprl_clks clks = { 0 };
    ac_error err;
    int rc = CLI_FAIL;
    char *json;

    if (read_file(o->schema, &schema_text, &len) != CLI_OK ||
        read_file(o->secret, &secret, &secret_len) != CLI_OK ||
        read_file(in, &csv, &len) != CLI_OK) {
        goto done;
    }
    if (ac_pprl_schema_parse(schema_text, strlen(schema_text), &s, &err) != AC_OK) {
        rc = cli_fail(o->schema, &err);
        goto done;
    }
    if (secret_len > 0 && secret[secret_len - 1] == '\n') {
        secret_len--;
    }
    if (o->salt_field != NULL) {
        for (size_t i = 0; i < ac_pprl_schema_n_features(s); i++) {
            if (strcmp(ac_pprl_schema_feature(s, i), o->salt_field) == 0) {
                o->hard.salt_field = (int)i;
            }
        }
        if (o->hard.salt_field < 0) {
            fprintf(stderr, "accord pprl encode: --salt-field %s: no such feature in %s\n",
                    o->salt_field, o->schema);
            goto done;
        }
    }
    if (ac_pprl_schema_key(s, (const uint8_t *)secret, secret_len, &o->hard, &err) != AC_OK) {
        rc = cli_fail("encode", &err);
        goto done;
    }
    if (encode_rows(s, csv, in, o->skip_space, &clks) != CLI_OK) {
        goto done;
    }
    if (ac_pprl_clks_write_json(&clks, &json, &len, &err) != AC_OK) {
        rc = cli_fail("encode", &err);
        goto done;
    }
    rc = write_file(out, json, len);
    ac_pprl_free(json);
    if (rc == CLI_OK) {
        printf("encoded %zu records (%zu bits each) into %s\n", clks.n, clks.n_bytes * 8, out);
    }
done:
    free(schema_text);
    if (secret != NULL) {
        memset(secret, 0, secret_len);
    }
    free(secret);
    free(csv);
    ac_pprl_schema_free(s);
    ac_pprl_clks_release(&clks);
    return rc;
}

static int
load_clks(const char *path, ac_pprl_clks *out)
{
    char *json;
    size_t len;
    ac_error err;
    int rc = read_file(path, &json, &len);

    if (rc != CLI_OK) {
        return rc;
    }
    if (ac_pprl_clks_read_json(json, len, out, &err) != AC_OK) {
        free(json);
        return cli_fail(path, &err);
    }
    free(json);
    return CLI_OK;
}

static int
pprl_match(const char *a_path, const char *b_path, double t, const char *out, int all)
{
    ac_pprl_clks a = { 0 };
    ac_pprl_clks b = { 0 };
    ac_pprl_pair *pairs = NULL;
    size_t n = 0;
    uint64_t compared = 0;
    ac_error err;
    int rc;
    FILE *f;

    if ((rc = load_clks(a_path, &a)) != CLI_OK || (rc = load_clks(b_path, &b)) != CLI_OK) {
        ac_pprl_clks_release(&a);
        return rc;
    }
    if (getenv("ACCORD_PPRL_KERNEL") != NULL &&
        ac_pprl_kernel_set(getenv("ACCORD_PPRL_KERNEL"), &err) != AC_OK) {
        rc = cli_fail("ACCORD_PPRL_KERNEL", &err);
        goto done;
    }
    if (ac_pprl_candidates(&a, &b, t, &pairs, &n, &compared, &err) != AC_OK) {
        rc = cli_fail("match", &err);
        goto done;
    }
    if (!all) {
        n = ac_pprl_solve_greedy(pairs, n);
    }
    f = fopen(out, "w");
    if (f == NULL) {
        fprintf(stderr, "accord pprl match: %s: %s\n", out, strerror(errno));
        rc = CLI_FAIL;
        goto done;
    }
    fprintf(f, "a_index,b_index,score\n");
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%u,%u,%.6f\n", pairs[i].a, pairs[i].b, pairs[i].score);
    }
    if (fclose(f) != 0) {
        fprintf(stderr, "accord pprl match: %s: %s\n", out, strerror(errno));
        rc = CLI_FAIL;
        goto done;
    }
    printf("%zu pairs at Dice >= %g%s (%zu x %zu encodings, %llu compared after pruning, "
           "kernel %s) in %s\n",
           n, t, all ? "" : ", one-to-one", a.n, b.n, (unsigned long long)compared,
           ac_pprl_kernel_name(), out);
done:
    ac_pprl_free(pairs);
    ac_pprl_clks_release(&a);
    ac_pprl_clks_release(&b);
    return rc;
}

/* Pairs from TEXT: "[[a, b], ...]" JSON, or CSV whose first two columns are indices (a
 * header line is skipped). */
static ac_pprl_pair *
parse_pairs(char *text, size_t *out_n)
{
    size_t cap = 1024;
    size_t n = 0;
    ac_pprl_pair *v = malloc(cap * sizeof *v);
    char *p = text;
    int json = strchr(text, '[') != NULL;

    while (v != NULL && *p != '\0') {
        unsigned long a;
        unsigned long b;
        char *e;
        if (json) {
            p = strchr(p, '[');
            if (p == NULL) {
                break;
            }
            p++;
            if (*p == '[') {
                continue;
            }
        }
        a = strtoul(p, &e, 10);
        if (e != p && (*e == ',' || *e == ' ')) {
            char *q = e;
            while (*q == ',' || *q == ' ') {
                q++;
            }
            b = strtoul(q, &e, 10);
            if (e != q) {
                if (n == cap) {
                    ac_pprl_pair *w = realloc(v, (cap *= 2) * sizeof *v);
                    if (w == NULL) {
                        free(v);
                        return NULL;
                    }
                    v = w;
                }
                v[n].a = (uint32_t)a;
                v[n].b = (uint32_t)b;
                v[n].score = 0;
                n++;
            }
        }
        if (!json) {
            p = strchr(p, '\n');
            if (p == NULL) {
                break;
            }
            p++;
        }
    }
    *out_n = n;
    return v;
}

static int
pprl_evaluate(const char *truth_path, const char *pairs_path)
{
    char *truth_text = NULL;
    char *pairs_text = NULL;
    size_t len;
    ac_pprl_pair *truth = NULL;
    ac_pprl_pair *found = NULL;
    size_t n_truth = 0;
    size_t n_found = 0;
    ac_pprl_eval ev;
    ac_error err;
    int rc = CLI_FAIL;

    if (read_file(truth_path, &truth_text, &len) != CLI_OK ||
        read_file(pairs_path, &pairs_text, &len) != CLI_OK) {
        goto done;
    }
    truth = parse_pairs(truth_text, &n_truth);
    found = parse_pairs(pairs_text, &n_found);
    if (truth == NULL || found == NULL) {
        fprintf(stderr, "accord pprl evaluate: out of memory\n");
        goto done;
    }
    if (n_truth == 0) {
        fprintf(stderr, "accord pprl evaluate: %s: no pairs; give [[a, b], ...] or CSV lines a,b\n",
                truth_path);
        goto done;
    }
    if (ac_pprl_evaluate(found, n_found, truth, n_truth, &ev, &err) != AC_OK) {
        rc = cli_fail("evaluate", &err);
        goto done;
    }
    printf("pairs %zu, true pairs %zu, true positives %zu\n", ev.n_found, ev.n_truth,
           ev.n_true_pos);
    printf("precision %.4f  recall %.4f  F1 %.4f\n", ev.precision, ev.recall, ev.f1);
    rc = CLI_OK;
done:
    free(truth_text);
    free(pairs_text);
    free(truth);
    free(found);
    return rc;
}

int
cli_cmd_pprl(struct cli *c, int argc, char **argv)
{
    static const struct option longopts[] = {
        { "schema", required_argument, NULL, 's' },
        { "secret-file", required_argument, NULL, 'k' },
        { "threshold", required_argument, NULL, 't' },
        { "out", required_argument, NULL, 'o' },
        { "truth", required_argument, NULL, 'T' },
        { "all", no_argument, NULL, 'a' },
        { "balance", no_argument, NULL, 'b' },
        { "xor-fold", no_argument, NULL, 'x' },
        { "salt-field", required_argument, NULL, 'S' },
        { "flip-epsilon", required_argument, NULL, 'e' },
        { "rbf", no_argument, NULL, 'r' },
        { "skip-initial-space", no_argument, NULL, 'i' },
        CLI_COMMON_LONGOPTS,
        { NULL, 0, NULL, 0 },
    };
    struct encode_opts eo = { .hard = { 0, 0, -1, 0.0, 0 } };
    const char *threshold = NULL;
    const char *out = NULL;
    const char *truth = NULL;
    const char *verb;
    int all = 0;
    int opt;

    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(help, argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_USAGE : CLI_OK;
    }
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        char *end;
        switch (opt) {
        case 's':
            eo.schema = optarg;
            break;
        case 'k':
            eo.secret = optarg;
            break;
        case 't':
            threshold = optarg;
            break;
        case 'o':
            out = optarg;
            break;
        case 'T':
            truth = optarg;
            break;
        case 'a':
            all = 1;
            break;
        case 'b':
            eo.hard.balance = 1;
            break;
        case 'x':
            eo.hard.xor_fold = 1;
            break;
        case 'S':
            eo.salt_field = optarg;
            break;
        case 'e':
            eo.hard.flip_epsilon = strtod(optarg, &end);
            if (*end != '\0' || !(eo.hard.flip_epsilon > 0)) {
                return cli_usage("pprl", "--flip-epsilon %s: give a positive number, e.g. 4",
                                 optarg);
            }
            break;
        case 'r':
            eo.hard.rbf = 1;
            break;
        case 'i':
            eo.skip_space = 1;
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        default:
            if (!cli_common_opt(c, opt, optarg)) {
                return cli_usage("pprl", "unknown option");
            }
        }
    }
    if (optind >= argc) {
        return cli_usage("pprl", "give a subcommand: encode, match or evaluate");
    }
    verb = argv[optind++];
    if (strcmp(verb, "encode") == 0) {
        if (eo.schema == NULL || eo.secret == NULL || argc - optind != 2) {
            return cli_usage("pprl", "encode needs --schema, --secret-file, IN.csv and OUT.json");
        }
        return pprl_encode(&eo, argv[optind], argv[optind + 1]);
    }
    if (strcmp(verb, "match") == 0) {
        char *end = NULL;
        double t = threshold != NULL ? strtod(threshold, &end) : -1;
        if (threshold == NULL || *end != '\0' || !(t >= 0 && t <= 1)) {
            return cli_usage("pprl", "match needs --threshold T, a Dice coefficient from 0 to 1 "
                                     "(0.8 is usual)");
        }
        if (out == NULL || argc - optind != 2) {
            return cli_usage("pprl", "match needs A.json B.json and --out PAIRS.csv");
        }
        return pprl_match(argv[optind], argv[optind + 1], t, out, all);
    }
    if (strcmp(verb, "evaluate") == 0) {
        if (truth == NULL || argc - optind != 1) {
            return cli_usage("pprl", "evaluate needs --truth TRUTH and PAIRS.csv");
        }
        return pprl_evaluate(truth, argv[optind]);
    }
    return cli_usage("pprl", "unknown subcommand '%s' (encode, match or evaluate)", verb);
}
