/* SPDX-License-Identifier: Apache-2.0
 *
 * cmd_link.c - accord link: probabilistic record linkage of CSV files (two files, or one
 * with --dedupe), with the model trained on the data or reused, pairs written as CSV,
 * clusters, one pair's explanation, and evaluation against known true pairs.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char help[] =
    "usage: accord link LEFT.csv RIGHT.csv --out PAIRS.csv [options]\n"
    "       accord link --dedupe FILE.csv --out PAIRS.csv [--clusters CLUSTERS.csv] [options]\n"
    "       accord link explain LEFT_ID RIGHT_ID (LEFT.csv RIGHT.csv | --dedupe FILE.csv)\n"
    "                   [--svg WATERFALL.svg]\n"
    "       accord link evaluate --truth TRUTH.csv PAIRS.csv [--chart CHART.svg]\n"
    "       accord link propose [--threshold P]           (in the hub: --as, --purpose)\n"
    "       accord link review RECORD_ID                  (the links that touch a record)\n"
    "       accord link decide LINK_ID confirmed|rejected|retracted --reason TEXT\n"
    "\n"
    "Finds the same person across two files (or within one) although names are spelt\n"
    "differently, dates mistyped and addresses changed: a Fellegi-Sunter model whose u\n"
    "comes from random pairs and whose m and prior come from EM on the candidate pairs\n"
    "(no labels needed), with term frequencies so that agreeing on a common name counts\n"
    "for less.  Columns are recognised by their headers (case-insensitive):\n"
    "  id           id, rec_id, record_id, unique_id, hub_id (accord export persons)\n"
    "  given name   given_name, first_name, forename      middle name  middle_name\n"
    "  family name  surname, family_name, last_name        full name    full_name, name\n"
    "  birth date   dob, date_of_birth, birth_date (ISO, YYYYMMDD or DD/MM/YYYY)\n"
    "  postcode     postcode, postcode_fake, zip           address      address, address_1, "
    "street\n"
    "  town         town, city, suburb                     identifier   ni_number, soc_sec_id, "
    "passport\n"
    "  email        email, email_address\n"
    "The roles chosen are printed.  The output is CSV with the header\n"
    "left_id,right_id,match_probability,match_weight, best pairs first.\n"
    "\n"
    "Options:\n"
    "  --out FILE          where to write the pairs (required)\n"
    "  --threshold P       write pairs with match probability >= P (default 0.5)\n"
    "  --one-to-one        each record in at most one pair (two files)\n"
    "  --with-names        add left_name,right_name to the pairs (personal data: keep the\n"
    "                      file as you keep the records)\n"
    "  --clusters FILE     write id,cluster_id for every record (connected components)\n"
    "  --model FILE        reuse a model (accord's, or a Splink model's JSON)\n"
    "  --save-model FILE   write the trained model as JSON\n"
    "  --model-chart FILE  draw the model's m and u per comparison level as SVG\n"
    "  --svg FILE          (explain) draw the pair's weights as an SVG waterfall\n"
    "  --seed N            the sampling seed (default 42): same seed, same model\n"
    "  --settings FILE     JSON: {\"threshold\": 0.8, \"one_to_one\": true, \"seed\": 7,\n"
    "                      \"max_pairs\": N, \"blocking_rules\": [names as in the report],\n"
    "                      \"comparisons\": [\"given_name\", \"dob\", ...], \"columns\":\n"
    "                      {\"HEADER\": \"given_name\"}}; options given here win\n"
    "  --max-pairs N       bound on candidate pairs (default 100,000,000, or 64 a record\n"
    "                      past 1,562,500 records); over it, large blocks are compared by\n"
    "                      sorted neighbourhood to fit\n"
    "  --extend FILE       incremental: link NEW.csv to EXISTING.csv (already clustered in\n"
    "                      FILE, id,cluster_id) with the saved --model, no retraining; each\n"
    "                      new record joins its best match's cluster or starts one; all\n"
    "                      clusters go to --clusters\n"
    "  --truth FILE        (evaluate) CSV whose first two columns are ids of true pairs\n"
    "  --chart FILE        (evaluate) precision and recall against threshold, as SVG\n"
    "\n"
    "In the hub, 'propose' runs the same linkage over the persons your agency holds and\n"
    "records each likely duplicate as a proposed link; a person then confirms or rejects\n"
    "it with a reason ('review', 'decide'), and every step is audited.\n"
    "\n"
    "People decide: these are candidates with reasons ('accord link explain'), not facts.\n"
    "\n"
    "Examples:\n"
    "  accord link a.csv b.csv --out pairs.csv --one-to-one\n"
    "  accord link --dedupe people.csv --out pairs.csv --clusters clusters.csv\n"
    "  accord link evaluate --truth truth.csv pairs.csv --chart pr.svg\n";

struct link_args {
    const char *settings;
    const char *extend; /* the clusters of an existing population, for incremental runs */
    bool threshold_given, seed_given; /* on the command line: they win over the settings */
    const char *out, *clusters, *model, *save_model, *truth, *chart, *svg, *model_chart, *reason;
    double threshold;
    bool dedupe, one_to_one, with_names;
    uint64_t seed, max_pairs;
};

static double
seconds_since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

struct link_ui {
    struct cli_progress bar;
    const char *stage;
};

/* The engine's progress as a bar per stage, on a terminal. */
static void
on_progress(void *ctx, const char *stage, uint64_t done, uint64_t total)
{
    struct link_ui *ui = ctx;

    if (ui->stage != stage) {
        if (ui->stage != NULL) {
            cli_progress_done(&ui->bar);
        }
        ui->stage = stage;
        cli_progress_init(&ui->bar, stage);
    }
    cli_progress_update(&ui->bar, done, total, done);
}

/* Apply the JSON settings file LA->settings to LK and LA (see --help). */
static int
apply_settings(ac_linkage *lk, struct link_args *la)
{
    json_error_t jerr;
    json_t *o = json_load_file(la->settings, 0, &jerr), *v;
    const char *key;
    ac_error err = { 0 };
    int rc = CLI_OK;

    if (!json_is_object(o)) {
        fprintf(stderr, "accord link: settings %s line %d: %s\n", la->settings, jerr.line,
                o == NULL ? jerr.text : "expected a JSON object");
        json_decref(o);
        return CLI_FAIL;
    }
    json_object_foreach(o, key, v)
    {
        ac_code ok = AC_OK;

        if (strcmp(key, "threshold") == 0 && json_is_number(v)) {
            la->threshold = la->threshold_given ? la->threshold : json_number_value(v);
        } else if (strcmp(key, "one_to_one") == 0 && json_is_boolean(v)) {
            la->one_to_one |= json_is_true(v);
        } else if (strcmp(key, "seed") == 0 && json_is_integer(v)) {
            la->seed = la->seed_given ? la->seed : (uint64_t)json_integer_value(v);
        } else if (strcmp(key, "max_pairs") == 0 && json_is_integer(v)) {
            ac_linkage_set_max_pairs(lk, (uint64_t)json_integer_value(v));
        } else if ((strcmp(key, "blocking_rules") == 0 || strcmp(key, "comparisons") == 0) &&
                   json_is_array(v)) {
            bool rules = key[0] == 'b';
            size_t i;
            json_t *name;

            /* only those listed are used */
            for (i = 0; ok == AC_OK &&
                        (rules ? ac_linkage_rule_name(i) : ac_linkage_comparison_name(i)) != NULL;
                 i++) {
                ok = rules ? ac_linkage_use_rule(lk, ac_linkage_rule_name(i), false, &err)
                           : ac_linkage_use_comparison(lk, ac_linkage_comparison_name(i), false,
                                                       &err);
            }
            json_array_foreach(v, i, name)
            {
                if (ok == AC_OK) {
                    ok = !json_is_string(name) ? AC_EINVAL
                         : rules
                             ? ac_linkage_use_rule(lk, json_string_value(name), true, &err)
                             : ac_linkage_use_comparison(lk, json_string_value(name), true, &err);
                }
            }
        } else if (strcmp(key, "columns") == 0 && json_is_object(v)) {
            const char *header;
            json_t *field;

            json_object_foreach(v, header, field)
            {
                if (ok == AC_OK) {
                    ok = json_is_string(field)
                             ? ac_linkage_map_header(lk, header, json_string_value(field), &err)
                             : AC_EINVAL;
                }
            }
        } else {
            fprintf(stderr,
                    "accord link: settings %s: '%s' is not a setting, or has the wrong type: "
                    "expected threshold (number), one_to_one (true/false), seed, max_pairs "
                    "(integers), blocking_rules, comparisons (lists of names), columns "
                    "({\"HEADER\": \"field\"})\n",
                    la->settings, key);
            rc = CLI_FAIL;
            break;
        }
        if (ok != AC_OK) {
            fprintf(stderr, "accord link: settings %s: %s: %s\n", la->settings, key,
                    err.msg[0] ? err.msg : "expected a list of names");
            rc = CLI_FAIL;
            break;
        }
    }
    json_decref(o);
    return rc;
}

/* Read the files into LK: FILES[0] (and FILES[1] when linking). */
static int
load(struct cli *c, ac_linkage *lk, char **files, int n_files)
{
    ac_error err = { 0 };

    for (int side = 0; side < n_files; side++) {
        const char *roles = NULL;

        if (ac_linkage_read_csv(lk, side, files[side], &roles, c->arena, &err) != AC_OK) {
            return cli_fail("link", &err);
        }
        fprintf(stderr, "%s: %zu %s; columns: %s\n", files[side], ac_linkage_count(lk, side),
                cli_plural(ac_linkage_count(lk, side), "record", "records"), roles);
    }
    return CLI_OK;
}

/* Train, or load the model given. */
static int
model(struct cli *c, ac_linkage *lk, const struct link_args *la)
{
    ac_error err = { 0 };
    char *json = NULL;

    if (la->model != NULL) {
        char *text = cli_read_file(la->model, c->arena);

        if (text == NULL) {
            fprintf(stderr, "accord link: cannot read the model '%s': %s\n", la->model,
                    strerror(errno));
            return CLI_FAIL;
        }
        if (ac_linkage_model_load(lk, text, &err) != AC_OK) {
            return cli_fail("link", &err);
        }
    } else if (ac_linkage_train(lk, la->seed, 0, &err) != AC_OK) {
        return cli_fail("link", &err);
    }
    if (la->model_chart != NULL && (ac_linkage_model_json(lk, c->arena, &json, &err) != AC_OK ||
                                    cli_link_model_chart(json, la->model_chart) != CLI_OK)) {
        return CLI_FAIL;
    }
    if (la->save_model != NULL) {
        FILE *f = fopen(la->save_model, "w");

        if (f == NULL || ac_linkage_model_json(lk, c->arena, &json, &err) != AC_OK ||
            fputs(json, f) < 0 || fclose(f) != 0) {
            fprintf(stderr, "accord link: cannot write the model to '%s'\n", la->save_model);
            return CLI_FAIL;
        }
    }
    return CLI_OK;
}

/* The pairs as CSV; WITH_NAMES adds left_name,right_name after the four columns every
 * reader takes (link evaluate among them), so a person can check a pair at a glance. */
static int
write_pairs(const ac_linkage *lk,
            const char *path,
            const ac_linkage_pair *p,
            size_t n,
            bool with_names)
{
    FILE *f = fopen(path, "w");
    int right = ac_linkage_count(lk, 1) > 0 ? 1 : 0;

    if (f == NULL) {
        fprintf(stderr, "accord link: cannot write '%s': %s\n", path, strerror(errno));
        return CLI_FAIL;
    }
    fputs(with_names ? "left_id,right_id,match_probability,match_weight,left_name,right_name\n"
                     : "left_id,right_id,match_probability,match_weight\n",
          f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%s,%s,%.6f,%.4f%s", ac_linkage_id(lk, 0, p[i].left),
                ac_linkage_id(lk, right, p[i].right), p[i].probability, p[i].weight,
                with_names ? "," : "\n");
        if (with_names) {
            cli_csv_field(f, ac_linkage_name(lk, 0, p[i].left), false);
            cli_csv_field(f, ac_linkage_name(lk, right, p[i].right), true);
        }
    }
    return fclose(f) == 0 ? CLI_OK : CLI_FAIL;
}

static int
write_clusters(struct cli *c,
               const ac_linkage *lk,
               const char *path,
               const ac_linkage_pair *p,
               size_t n)
{
    uint32_t *cluster = NULL;
    size_t n0 = ac_linkage_count(lk, 0), n1 = ac_linkage_count(lk, 1);
    ac_error err = { 0 };
    FILE *f;

    if (ac_linkage_clusters(lk, p, n, c->arena, &cluster, &err) != AC_OK) {
        return cli_fail("link", &err);
    }
    if ((f = fopen(path, "w")) == NULL) {
        fprintf(stderr, "accord link: cannot write '%s': %s\n", path, strerror(errno));
        return CLI_FAIL;
    }
    fprintf(f, "%s,cluster_id\n", n1 > 0 ? "side,id" : "id");
    for (size_t i = 0; i < n0 + n1; i++) {
        const char *id = i < n0 ? ac_linkage_id(lk, 0, i) : ac_linkage_id(lk, 1, i - n0);

        if (n1 > 0) {
            fprintf(f, "%s,", i < n0 ? "left" : "right");
        }
        fprintf(f, "%s,%u\n", id, cluster[i]);
    }
    return fclose(f) == 0 ? CLI_OK : CLI_FAIL;
}

static int
run_link(struct cli *c, char **files, int n_files, struct link_args *la)
{
    ac_linkage *lk = NULL;
    ac_linkage_pair *pairs = NULL;
    const char *report = NULL;
    size_t n = 0;
    struct link_ui ui = { .stage = NULL };
    struct timespec t0;
    ac_error err = { 0 };
    int rc;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (ac_linkage_new(la->dedupe, &lk, &err) != AC_OK) {
        return cli_fail("link", &err);
    }
    ac_linkage_set_max_pairs(lk, la->max_pairs);
    ac_linkage_set_progress(lk, on_progress, &ui);
    rc = la->settings != NULL ? apply_settings(lk, la) : CLI_OK;
    if (rc == CLI_OK) {
        rc = load(c, lk, files, n_files);
    }
    if (rc == CLI_OK) {
        rc = model(c, lk, la);
    }
    if (rc == CLI_OK && ac_linkage_score(lk, la->threshold, la->one_to_one, c->arena, &pairs, &n,
                                         &report, &err) != AC_OK) {
        rc = cli_fail("link", &err);
    }
    if (ui.stage != NULL) {
        cli_progress_done(&ui.bar);
    }
    if (rc == CLI_OK) {
        fprintf(stderr, "candidate pairs by blocking rule:\n%s", report);
        rc = write_pairs(lk, la->out, pairs, n, la->with_names);
    }
    if (rc == CLI_OK && la->clusters != NULL) {
        rc = la->extend != NULL ? cli_link_extend(c, lk, pairs, n, la->extend, la->clusters)
                                : write_clusters(c, lk, la->clusters, pairs, n);
    }
    if (rc == CLI_OK) {
        fprintf(stderr, "%zu %s at or above %.2f written to %s in %.2f s\n", n,
                cli_plural(n, "pair", "pairs"), la->threshold, la->out, seconds_since(&t0));
    }
    ac_linkage_free(lk);
    return rc;
}

static int
run_explain(struct cli *c, char **argv, int argc, const struct link_args *la)
{
    ac_linkage *lk = NULL;
    int64_t left, right;
    char *json = NULL;
    ac_error err = { 0 };
    int n_files = argc - 2, rc;

    if (n_files != (la->dedupe ? 1 : 2)) {
        return cli_usage("link", "explain LEFT_ID RIGHT_ID needs the two files (or --dedupe FILE)");
    }
    if (ac_linkage_new(la->dedupe, &lk, &err) != AC_OK) {
        return cli_fail("link", &err);
    }
    rc = load(c, lk, argv + 2, n_files);
    if (rc == CLI_OK) {
        rc = model(c, lk, la);
    }
    left = ac_linkage_find(lk, 0, argv[0]);
    right = ac_linkage_find(lk, la->dedupe ? 0 : 1, argv[1]);
    if (rc == CLI_OK && (left < 0 || right < 0)) {
        fprintf(stderr, "accord link: no record '%s' in %s\n", left < 0 ? argv[0] : argv[1],
                left < 0 ? argv[2] : argv[la->dedupe ? 2 : 3]);
        rc = CLI_FAIL;
    }
    if (rc == CLI_OK &&
        ac_linkage_explain(lk, (uint32_t)left, (uint32_t)right, c->arena, &json, &err) != AC_OK) {
        rc = cli_fail("link", &err);
    }
    if (rc == CLI_OK) {
        puts(json);
        if (la->svg != NULL) {
            rc = cli_link_waterfall(json, la->svg);
        }
    }
    ac_linkage_free(lk);
    return rc;
}

/* propose, review and decide: linkage in the hub, through its gate and audit. */
static int
run_in_hub(struct cli *c, int argc, char **argv, const struct link_args *la)
{
    const char *purpose = cli_purpose(c);
    ac_error err = { 0 };

    if (purpose == NULL) {
        return CLI_USAGE;
    }
    if (strcmp(argv[0], "propose") == 0 && argc == 1) {
        size_t made = 0;

        if (ac_link_propose_duplicates(c->hub, c->actor, purpose, la->threshold, &made, &err) !=
            AC_OK) {
            return cli_fail("link propose", &err);
        }
        printf("%zu new proposed %s between your agency's person records (match "
               "probability >= %.2f): review them with 'accord link review PERSON_ID'\n",
               made, cli_plural(made, "link", "links"), la->threshold);
        return CLI_OK;
    }
    if (strcmp(argv[0], "review") == 0 && argc == 2) {
        ac_link *list = NULL;
        size_t n = 0;

        if (ac_link_list(c->hub, c->actor, purpose, argv[1], c->arena, &list, &n, &err) != AC_OK) {
            return cli_fail("link review", &err);
        }
        for (size_t i = 0; i < n; i++) {
            printf("%s  %s %s -%s-> %s %s  %s  confidence %.3f  version %lld\n    %s\n",
                   list[i].meta.id, list[i].from_type, list[i].from_id, list[i].link_type,
                   list[i].to_type, list[i].to_id, ac_link_status_str(list[i].status),
                   list[i].confidence, (long long)list[i].meta.version, list[i].provenance);
        }
        fprintf(stderr, "%zu %s\n", n, cli_plural(n, "link", "links"));
        return CLI_OK;
    }
    if (strcmp(argv[0], "decide") == 0 && argc == 3) {
        ac_link_status status;
        ac_link l;

        if (ac_link_status_parse(argv[2], &status, &err) != AC_OK) {
            return cli_usage("link", "decide LINK_ID confirmed|rejected|retracted --reason TEXT");
        }
        if (la->reason == NULL) {
            return cli_usage("link", "say why: --reason TEXT (it is kept in the audit trail)");
        }
        if (ac_link_get(c->hub, c->actor, purpose, argv[1], c->arena, &l, &err) != AC_OK ||
            ac_link_decide(c->hub, c->actor, purpose, argv[1], status, l.meta.version, la->reason,
                           &err) != AC_OK) {
            return cli_fail("link decide", &err);
        }
        printf("link %s is now %s\n", argv[1], argv[2]);
        return CLI_OK;
    }
    return cli_usage("link", "propose | review RECORD_ID | decide LINK_ID STATUS --reason TEXT");
}

int
cli_cmd_link(struct cli *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_COMMON_LONGOPTS,
        { "out", required_argument, NULL, 'o' },
        { "threshold", required_argument, NULL, 't' },
        { "one-to-one", no_argument, NULL, '1' },
        { "with-names", no_argument, NULL, 'N' },
        { "dedupe", no_argument, NULL, 'd' },
        { "clusters", required_argument, NULL, 'c' },
        { "model", required_argument, NULL, 'm' },
        { "save-model", required_argument, NULL, 's' },
        { "seed", required_argument, NULL, 'S' },
        { "max-pairs", required_argument, NULL, 'x' },
        { "truth", required_argument, NULL, 'T' },
        { "chart", required_argument, NULL, 'C' },
        { "svg", required_argument, NULL, 'g' },
        { "model-chart", required_argument, NULL, 'M' },
        { "reason", required_argument, NULL, 'r' },
        { "settings", required_argument, NULL, 'E' },
        { "extend", required_argument, NULL, 'X' },
        { NULL, 0, NULL, 0 },
    };
    struct link_args la = { .threshold = 0.5, .seed = 42 };
    char *end = NULL;
    int opt;

    while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (cli_common_opt(c, opt, optarg)) {
            continue;
        }
        switch (opt) {
        case 'o':
            la.out = optarg;
            break;
        case 't':
            la.threshold = strtod(optarg, &end);
            la.threshold_given = true;
            if (end == optarg || *end != '\0' || !(la.threshold >= 0 && la.threshold <= 1)) {
                return cli_usage("link", "--threshold: a probability from 0 to 1");
            }
            break;
        case '1':
            la.one_to_one = true;
            break;
        case 'N':
            la.with_names = true;
            break;
        case 'd':
            la.dedupe = true;
            break;
        case 'c':
            la.clusters = optarg;
            break;
        case 'm':
            la.model = optarg;
            break;
        case 's':
            la.save_model = optarg;
            break;
        case 'S':
            la.seed = strtoull(optarg, NULL, 10);
            la.seed_given = true;
            break;
        case 'x':
            la.max_pairs = strtoull(optarg, NULL, 10);
            break;
        case 'T':
            la.truth = optarg;
            break;
        case 'C':
            la.chart = optarg;
            break;
        case 'g':
            la.svg = optarg;
            break;
        case 'M':
            la.model_chart = optarg;
            break;
        case 'r':
            la.reason = optarg;
            break;
        case 'E':
            la.settings = optarg;
            break;
        case 'X':
            la.extend = optarg;
            break;
        case 'h':
            fputs(help, stdout);
            return CLI_OK;
        default:
            return cli_usage("link", "unknown option: see 'accord link --help'");
        }
    }
    argc -= optind;
    argv += optind;
    if (argc > 0 && strcmp(argv[0], "evaluate") == 0) {
        if (la.truth == NULL || argc != 2) {
            return cli_usage("link", "evaluate --truth TRUTH.csv PAIRS.csv");
        }
        return cli_link_evaluate(c, la.truth, argv[1], la.chart);
    }
    if (argc > 0 && (strcmp(argv[0], "propose") == 0 || strcmp(argv[0], "review") == 0 ||
                     strcmp(argv[0], "decide") == 0)) {
        int rc = cli_open_as(c);

        return rc != CLI_OK ? rc : run_in_hub(c, argc, argv, &la);
    }
    if (argc > 0 && strcmp(argv[0], "explain") == 0) {
        return argc >= 3 ? run_explain(c, argv + 1, argc - 1, &la)
                         : cli_usage("link", "explain LEFT_ID RIGHT_ID FILES...");
    }
    if (argc != (la.dedupe ? 1 : 2)) {
        return cli_usage("link", la.dedupe ? "--dedupe takes one file"
                                           : "give two files to link (or --dedupe FILE)");
    }
    if (la.out == NULL) {
        return cli_usage("link", "say where the pairs go: --out PAIRS.csv");
    }
    if (la.extend != NULL && (la.dedupe || la.model == NULL || la.clusters == NULL)) {
        return cli_usage("link", "--extend links NEW.csv to EXISTING.csv with the saved --model "
                                 "and writes --clusters");
    }
    if (la.one_to_one && la.dedupe) {
        return cli_usage("link", "--one-to-one links two files; with --dedupe use --clusters");
    }
    return run_link(c, argv, argc, &la);
}
