/* SPDX-License-Identifier: Apache-2.0
 *
 * test_pprl.c - the PPRL engine: HKDF against RFC 5869, encodings against known answers
 * (tests/data/pprl/kat.py), Dice by hand, every kernel against the portable one, pruned
 * candidates against brute force, the greedy solver, CLK JSON round trips and errors,
 * schema errors, each hardening's defining property, and the anonlink fixture's F1.
 */
#include "support.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "pprl/pprl_int.h"

#define NEAR(x, y, eps) assert_true(fabs((x) - (y)) < (eps))

static char *
slurp(const char *path, size_t *out_len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = aci_malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *out_len = (size_t)n;
    return buf;
}

static uint64_t rng_state = 42;
static uint8_t
rnd(void)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint8_t)(rng_state >> 56);
}

/* RFC 5869 appendix A, test case 1 */
static void
pprl_hkdf_matches_rfc5869(void **state)
{
    uint8_t ikm[22];
    uint8_t salt[13];
    uint8_t info[10];
    uint8_t okm[42];
    char hex[85];

    (void)state;
    memset(ikm, 0x0b, sizeof ikm);
    for (int i = 0; i < 13; i++) {
        salt[i] = (uint8_t)i;
    }
    for (int i = 0; i < 10; i++) {
        info[i] = (uint8_t)(0xf0 + i);
    }
    aci_pprl_hkdf_sha256(salt, sizeof salt, ikm, sizeof ikm, info, sizeof info, okm, sizeof okm);
    sodium_bin2hex(hex, sizeof hex, okm, sizeof okm);
    assert_string_equal(hex, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                             "34007208d5b887185865");
}

static ac_pprl_schema *
load_schema(const char *name)
{
    char path[512];
    size_t len;
    char *json;
    ac_pprl_schema *s = NULL;
    ac_error err;

    snprintf(path, sizeof path, "%s/tests/data/pprl/%s", ACCORD_SOURCE_ROOT, name);
    json = slurp(path, &len);
    assert_non_null(json);
    assert_int_equal(ac_pprl_schema_parse(json, len, &s, &err), AC_OK);
    aci_free(json);
    return s;
}

static void
encode_b64(ac_pprl_schema *s, const char *const *v, uint64_t no, char *out, size_t out_cap)
{
    uint8_t clk[256];
    ac_error err;

    assert_int_equal(ac_pprl_encode(s, v, 4, no, clk, &err), AC_OK);
    sodium_bin2base64(out, out_cap, clk, ac_pprl_schema_clk_bytes(s),
                      sodium_base64_VARIANT_ORIGINAL);
}

/* double hashing, BLAKE2b, positional n-grams, bitsPerFeature, missing values, UTF-8:
 * answers from kat.py (run: python3 tests/data/pprl/kat.py kat_schema.json secret ...) */
static void
pprl_encoding_matches_known_answers(void **state)
{
    static const char *const recs[3][4] = { { "1", "alice", "19800101", "f" },
                                            { "2", "bob", "19751231", "" },
                                            { "3", "zo\xc3\xab", "20000229", "m" } };
    static const char *const want[3] = {
        "AAAAAAAAGgAgHBQAAAAAAAaAAKAAAAAAAAAAAAAAAAEAAICMhgAABAAAQAACgAIIAIAAAEAgACAARBgACCwcAgQ"
        "AAAIAACEMAACIAABBEAAAAQDAAAIEBABBAAgAABAAgIAQAoAAIBAAAAEAbAEgAAyEAAAAEgAgAAgQAAAAGIA=",
        "AAQAAACAAIAAEAAAAAAEAAAAACAAAAAgAAAAAQAACAAAAIAQAAgYCACAAIAAgIQIIAAAAAgAAAIAQACgABJRBAA"
        "IAgAAAAAAgAAACAAgGMAUAAgABIAAAAAAiAgCAABQAICQAIAAAAAAAAgAAEEABAgAIQAAgBMACAAAAIAABIA=",
        "EAAAAACAACAABBgAAsAAAAAAQAAAAAAIAAFAAIAAAIiQAAKBACAECAAAgYAAAAAAIQAAAAAAAACEQIAACAIAAAA"
        "QAAAAAIICAAyIAAAAAAAAAQAIgIAAQkBAAAEACBAAIAAQgAAAAICEAAAAAIAAAACAAASIiBAAAEAAEAgAAIA=",
    };
    ac_pprl_schema *s = load_schema("kat_schema.json");
    ac_error err;
    char b64[400];

    (void)state;
    assert_int_equal(ac_pprl_schema_key(s, (const uint8_t *)"secret", 6, NULL, &err), AC_OK);
    assert_int_equal(ac_pprl_schema_clk_bytes(s), 128);
    for (int i = 0; i < 3; i++) {
        encode_b64(s, recs[i], (uint64_t)i, b64, sizeof b64);
        assert_string_equal(b64, want[i]);
    }
    ac_pprl_schema_free(s);
}

/* a value the format rejects is an error naming the feature */
static void
pprl_encoding_rejects_bad_values(void **state)
{
    static const char *const upper[4] = { "1", "Alice", "19800101", "f" };
    static const char *const long_dob[4] = { "1", "alice", "1980010199", "f" };
    ac_pprl_schema *s = load_schema("kat_schema.json");
    uint8_t clk[128];
    ac_error err;

    (void)state;
    assert_int_equal(ac_pprl_encode(s, upper, 4, 0, clk, &err), AC_EMISUSE);
    assert_int_equal(ac_pprl_schema_key(s, (const uint8_t *)"secret", 6, NULL, &err), AC_OK);
    assert_int_equal(ac_pprl_encode(s, upper, 4, 0, clk, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "(name)"));
    assert_non_null(strstr(err.msg, "lower"));
    assert_int_equal(ac_pprl_encode(s, long_dob, 4, 0, clk, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "(dob)"));
    assert_int_equal(ac_pprl_encode(s, upper, 3, 0, clk, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "3 values"));
    ac_pprl_schema_free(s);
}

static void
expect_schema_error(const char *json, const char *needle)
{
    ac_pprl_schema *s = (ac_pprl_schema *)1;
    ac_error err;

    assert_int_equal(ac_pprl_schema_parse(json, strlen(json), &s, &err), AC_EINVAL);
    assert_null(s);
    if (strstr(err.msg, needle) == NULL) {
        fail_msg("error \"%s\" does not name \"%s\"", err.msg, needle);
    }
}

static void
pprl_schema_errors_name_the_field(void **state)
{
    (void)state;
    expect_schema_error("{", "schema: line");
    expect_schema_error("{\"version\": 2}", "version");
    expect_schema_error("{\"version\": 3, \"clkConfig\": {\"l\": 1000, \"kdf\": {\"type\": "
                        "\"HKDF\"}}, \"features\": []}",
                        "clkConfig.l");
    expect_schema_error("{\"version\": 3, \"clkConfig\": {\"l\": 1024, \"kdf\": {\"type\": "
                        "\"HKDF\", \"salt\": \"***\"}}, \"features\": []}",
                        "kdf.salt");
    expect_schema_error("{\"version\": 3, \"clkConfig\": {\"l\": 1024, \"kdf\": {\"type\": "
                        "\"HKDF\"}}, \"features\": [{\"identifier\": \"a\", \"format\": "
                        "{\"type\": \"string\"}, \"hashing\": {\"comparison\": {\"type\": "
                        "\"ngram\", \"n\": 2}}}]}",
                        "features[0] (a): hashing.strategy");
    expect_schema_error("{\"version\": 3, \"clkConfig\": {\"l\": 1024, \"kdf\": {\"type\": "
                        "\"HKDF\"}}, \"features\": [{\"format\": {}}]}",
                        "features[0] (?): identifier");
}

static void
pprl_dice_known_answers(void **state)
{
    uint8_t a[128] = { 0 };
    uint8_t b[128] = { 0 };

    (void)state;
    assert_true(ac_pprl_dice(a, b, 128) == 0.0); /* both empty */
    memset(a, 0xff, 64);                         /* bits 0..511 */
    memset(b + 32, 0xff, 64);                    /* bits 256..767 */
    NEAR(ac_pprl_dice(a, b, 128), 0.5, 1e-12);   /* 2 * 256 / (512 + 512) */
    NEAR(ac_pprl_dice(a, a, 128), 1.0, 1e-12);
    b[127] = 0x01; /* one more bit on b's side */
    NEAR(ac_pprl_dice(a, b, 128), 512.0 / 1025.0, 1e-12);
}

static void
pprl_kernels_agree_with_portable(void **state)
{
    static const size_t lens[] = { 8, 64, 128, 136, 256, 1032 };
    uint8_t *a = aci_malloc(1032);
    uint8_t *b = aci_malloc(1032 * 40);
    uint32_t want[40];
    uint32_t got[40];

    (void)state;
    for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
        size_t n = lens[li];
        for (size_t i = 0; i < n; i++) {
            a[i] = rnd();
        }
        for (size_t i = 0; i < n * 40; i++) {
            b[i] = rnd();
        }
        memset(b, 0xff, n); /* all ones: the largest counts */
        aci_pprl_kernels[3].count(a, b, 40, n, want);
        for (size_t k = 0; k < 3; k++) {
            if (!aci_pprl_kernels[k].usable()) {
                continue; /* e.g. no AVX-512 here: the dispatcher will not choose it */
            }
            memset(got, 0, sizeof got);
            aci_pprl_kernels[k].count(a, b, 40, n, got);
            assert_memory_equal(got, want, sizeof want);
        }
    }
    aci_free(a);
    aci_free(b);
}

static void
pprl_kernel_set_refuses_unknown(void **state)
{
    ac_error err;

    (void)state;
    assert_int_equal(ac_pprl_kernel_set("sse9", &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "unknown"));
    assert_int_equal(ac_pprl_kernel_set("portable", &err), AC_OK);
    assert_string_equal(ac_pprl_kernel_name(), "portable");
    assert_int_equal(ac_pprl_kernel_set(NULL, &err), AC_OK);
}

/* pruning by popcount never loses a pair brute force finds, nor adds one */
static void
pprl_candidates_equal_brute_force(void **state)
{
    ac_pprl_clks a;
    ac_pprl_clks b;
    ac_error err;

    (void)state;
    assert_int_equal(ac_pprl_clks_init(&a, 300, 16, &err), AC_OK);
    assert_int_equal(ac_pprl_clks_init(&b, 200, 16, &err), AC_OK);
    for (size_t i = 0; i < a.n * 16; i++) {
        /* varied densities so that the popcount bounds matter */
        a.data[i] = (uint8_t)(rnd() & rnd() & (i % 3 ? 0xff : rnd()));
    }
    for (size_t i = 0; i < b.n * 16; i++) {
        b.data[i] = (uint8_t)(rnd() & (i % 5 ? rnd() : 0xff));
    }
    memcpy(b.data, a.data, 16); /* one exact pair */
    for (int ti = 0; ti < 4; ti++) {
        double t = (double[]){ 0.0, 0.3, 0.5, 0.8 }[ti];
        ac_pprl_pair *pairs;
        size_t n;
        size_t want = 0;
        uint64_t compared;
        assert_int_equal(ac_pprl_candidates(&a, &b, t, &pairs, &n, &compared, &err), AC_OK);
        for (size_t i = 0; i < a.n; i++) {
            for (size_t j = 0; j < b.n; j++) {
                want += ac_pprl_dice(a.data + 16 * i, b.data + 16 * j, 16) >= t;
            }
        }
        assert_int_equal(n, want);
        for (size_t k = 0; k + 1 < n; k++) {
            assert_true(pairs[k].score >= pairs[k + 1].score);
            NEAR(pairs[k].score,
                 ac_pprl_dice(a.data + 16 * pairs[k].a, b.data + 16 * pairs[k].b, 16), 1e-12);
        }
        if (t >= 0.5) {
            assert_true(compared < (uint64_t)a.n * b.n); /* the bounds pruned something */
        }
        ac_pprl_free(pairs);
    }
    ac_pprl_clks_release(&a);
    ac_pprl_clks_release(&b);
}

static void
pprl_greedy_keeps_best_first(void **state)
{
    ac_pprl_pair p[] = {
        { 0, 0, 0.9 }, { 1, 0, 0.85 }, { 1, 1, 0.8 }, { 0, 1, 0.7 }, { 2, 2, 0.6 }
    };

    (void)state;
    assert_int_equal(ac_pprl_solve_greedy(p, 5), 3);
    assert_true(p[0].a == 0 && p[0].b == 0);
    assert_true(p[1].a == 1 && p[1].b == 1);
    assert_true(p[2].a == 2 && p[2].b == 2);
}

static void
pprl_clk_json_round_trips(void **state)
{
    ac_pprl_clks c;
    ac_pprl_clks back;
    char *json;
    size_t len;
    ac_error err;

    (void)state;
    assert_int_equal(ac_pprl_clks_init(&c, 3, 128, &err), AC_OK);
    for (size_t i = 0; i < 3 * 128; i++) {
        c.data[i] = rnd();
    }
    assert_int_equal(ac_pprl_clks_write_json(&c, &json, &len, &err), AC_OK);
    assert_int_equal(strncmp(json, "{\"clks\": [\"", 11), 0);
    assert_int_equal(ac_pprl_clks_read_json(json, len, &back, &err), AC_OK);
    assert_int_equal(back.n, 3);
    assert_int_equal(back.n_bytes, 128);
    assert_memory_equal(back.data, c.data, 3 * 128);
    ac_pprl_free(json);
    ac_pprl_clks_release(&back);
    ac_pprl_clks_release(&c);
}

static void
expect_clk_error(const char *json, const char *needle)
{
    ac_pprl_clks c;
    ac_error err;

    assert_int_equal(ac_pprl_clks_read_json(json, strlen(json), &c, &err), AC_EINVAL);
    assert_null(c.data);
    if (strstr(err.msg, needle) == NULL) {
        fail_msg("error \"%s\" does not name \"%s\"", err.msg, needle);
    }
}

static void
pprl_clk_json_errors_name_the_entry(void **state)
{
    (void)state;
    expect_clk_error("[1]", "no \"clks\" array");
    expect_clk_error("{\"clks\": [\"AAAAAAAAAAA=\", 3]}", "clks[1]: not a string");
    expect_clk_error("{\"clks\": [\"AAAAAAAAAAA=\", \"AAAA\"]}", "clks[1]: not base64 of 8");
    expect_clk_error("{\"clks\": [\"@@\"]}", "clks[0]");
    expect_clk_error("{\"clks\": [\"AAAA\"]}", "clks[0]");
}

static void
encode_one(ac_pprl_schema *s,
           const ac_pprl_hardening *h,
           const char *const *v,
           uint64_t no,
           uint8_t *out)
{
    ac_error err;

    assert_int_equal(ac_pprl_schema_key(s, (const uint8_t *)"secret", 6, h, &err), AC_OK);
    assert_int_equal(ac_pprl_encode(s, v, 4, no, out, &err), AC_OK);
}

static void
pprl_hardening_properties_hold(void **state)
{
    static const char *const v[4] = { "1", "alice", "19800101", "f" };
    static const char *const v2[4] = { "1", "alice", "19800102", "f" };
    ac_pprl_schema *s = load_schema("kat_schema.json");
    uint8_t plain[256];
    uint8_t out[256];
    uint8_t out2[256];
    ac_pprl_hardening h = { 0, 0, -1, 0.0, 0 };
    ac_error err;

    (void)state;
    encode_one(s, &h, v, 0, plain);
    /* balancing: 2l bits, exactly l set, whatever the record */
    h.balance = 1;
    encode_one(s, &h, v, 0, out);
    assert_int_equal(ac_pprl_schema_clk_bytes(s), 256);
    assert_int_equal(aci_pprl_popcount(out, 256), 1024);
    /* XOR folding: l/2 bits, bit j = bit j ^ bit j + l/2 */
    h.balance = 0;
    h.xor_fold = 1;
    encode_one(s, &h, v, 0, out);
    assert_int_equal(ac_pprl_schema_clk_bytes(s), 64);
    for (size_t j = 0; j < 64; j++) {
        assert_int_equal(out[j], plain[j] ^ plain[j + 64]);
    }
    /* both at once is refused */
    h.balance = 1;
    assert_int_equal(ac_pprl_schema_key(s, (const uint8_t *)"secret", 6, &h, &err), AC_EINVAL);
    /* salting by dob: the same name under another dob shares almost no bits */
    h = (ac_pprl_hardening){ 0, 0, 2, 0.0, 0 };
    encode_one(s, &h, v, 0, out);
    encode_one(s, &h, v2, 0, out2);
    assert_true(ac_pprl_dice(out, out2, 128) < 0.5);
    /* flipping: a large epsilon flips nothing; epsilon 1 flips about 27% of bits (p =
     * 1/(1+e)), the same flips for the same record number */
    h = (ac_pprl_hardening){ 0, 0, -1, 40.0, 0 };
    encode_one(s, &h, v, 0, out);
    assert_memory_equal(out, plain, 128);
    h.flip_epsilon = 1.0;
    encode_one(s, &h, v, 7, out);
    encode_one(s, &h, v, 7, out2);
    assert_memory_equal(out, out2, 128);
    {
        uint32_t diff = 0;
        for (size_t j = 0; j < 128; j++) {
            diff += (uint32_t)__builtin_popcount(out[j] ^ plain[j]);
        }
        assert_true(diff > 1024 * 0.22 && diff < 1024 * 0.32);
    }
    /* record-level Bloom filter: l bits, deterministic, differs from the plain CLK */
    h = (ac_pprl_hardening){ 0, 0, -1, 0.0, 1 };
    encode_one(s, &h, v, 0, out);
    encode_one(s, &h, v, 1, out2);
    assert_int_equal(ac_pprl_schema_clk_bytes(s), 128);
    assert_memory_equal(out, out2, 128);
    assert_memory_not_equal(out, plain, 128);
    ac_pprl_schema_free(s);
}

#ifdef ACCORD_SHARED_DATA /* built in only where the shared data is (tests/meson.build) */
static ac_pprl_pair *
read_truth(const char *path, size_t *out_n)
{
    size_t len;
    char *text = slurp(path, &len);
    ac_pprl_pair *t = aci_calloc(len / 4 + 1, sizeof *t);
    size_t n = 0;
    const char *p = text;
    unsigned a;
    unsigned b;
    int used;

    assert_non_null(text);
    while ((p = strchr(p, '[')) != NULL) {
        if (sscanf(p, "[%u, %u]%n", &a, &b, &used) == 2) {
            t[n].a = a;
            t[n].b = b;
            n++;
            p += used;
        } else {
            p++;
        }
    }
    aci_free(text);
    *out_n = n;
    return t;
}

static int
load_clks(const char *path, ac_pprl_clks *out)
{
    size_t len;
    char *json = slurp(path, &len);
    ac_error err;

    if (json == NULL) {
        return -1;
    }
    assert_int_equal(ac_pprl_clks_read_json(json, len, out, &err), AC_OK);
    aci_free(json);
    return 0;
}

/* anonlink's fixture: its notebook reports P 0.996 / R 0.981 / F1 0.989 at 0.81 with the
 * greedy solver (data/linkage/README.md in the shared data) */
static void
pprl_anonlink_fixture_f1(void **state)
{
    const char *dir = ACCORD_SHARED_DATA "/linkage/anonlink";
    char path[512];
    ac_pprl_clks a;
    ac_pprl_clks b;
    ac_pprl_pair *pairs;
    ac_pprl_pair *truth;
    size_t n;
    size_t n_truth;
    ac_pprl_eval ev;
    ac_error err;

    (void)state;
    snprintf(path, sizeof path, "%s/clks-1.json", dir);
    assert_int_equal(load_clks(path, &a), 0);
    snprintf(path, sizeof path, "%s/clks-2.json", dir);
    assert_int_equal(load_clks(path, &b), 0);
    assert_int_equal(a.n, 3313);
    assert_int_equal(b.n, 3266);
    snprintf(path, sizeof path, "%s/ground-truth.json", dir);
    truth = read_truth(path, &n_truth);
    assert_int_equal(n_truth, 1445);
    assert_int_equal(ac_pprl_candidates(&a, &b, 0.81, &pairs, &n, NULL, &err), AC_OK);
    n = ac_pprl_solve_greedy(pairs, n);
    assert_int_equal(ac_pprl_evaluate(pairs, n, truth, n_truth, &ev, &err), AC_OK);
    NEAR(ev.precision, 0.996, 0.0005);
    NEAR(ev.recall, 0.981, 0.0005);
    assert_true(ev.f1 >= 0.989 - 0.0005);
    ac_pprl_free(pairs);
    aci_free(truth);
    ac_pprl_clks_release(&a);
    ac_pprl_clks_release(&b);
}
#endif

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pprl_hkdf_matches_rfc5869),
        cmocka_unit_test(pprl_encoding_matches_known_answers),
        cmocka_unit_test(pprl_encoding_rejects_bad_values),
        cmocka_unit_test(pprl_schema_errors_name_the_field),
        cmocka_unit_test(pprl_dice_known_answers),
        cmocka_unit_test(pprl_kernels_agree_with_portable),
        cmocka_unit_test(pprl_kernel_set_refuses_unknown),
        cmocka_unit_test(pprl_candidates_equal_brute_force),
        cmocka_unit_test(pprl_greedy_keeps_best_first),
        cmocka_unit_test(pprl_clk_json_round_trips),
        cmocka_unit_test(pprl_clk_json_errors_name_the_entry),
        cmocka_unit_test(pprl_hardening_properties_hold),
#ifdef ACCORD_SHARED_DATA
        cmocka_unit_test(pprl_anonlink_fixture_f1),
#endif
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
