/* SPDX-License-Identifier: Apache-2.0
 *
 * encode.c - records to Bloom-filter encodings as clkhash makes them: per-feature keys by
 * HKDF-SHA256 from the shared secret (two keys of keySize bytes per feature, ignored
 * features included, in schema order); n-grams of the value's characters (padded with one
 * space each side when n > 1; "i gram" when positional); k bits per token (bitsPerToken, or
 * bitsPerFeature shared out over the tokens, the first ones getting the remainder); bit
 * positions by keyed double hashing (HMAC-SHA1 + i * HMAC-MD5, mod l, as big-endian
 * integers) or by BLAKE2b (keyed, salt "0", "1", ...; the digest read as little-endian
 * 16-bit words, mod l); bit i is the most significant bit of byte i / 8 (bitarray's
 * order).  Then the hardening of docs/pprl-hardening.md.
 */
#include "internal.h"

#include "pprl/pprl_int.h"

#include <math.h>
#include <sodium.h>

void
aci_pprl_hkdf_sha256(const uint8_t *salt,
                     size_t salt_len,
                     const uint8_t *ikm,
                     size_t ikm_len,
                     const uint8_t *info,
                     size_t info_len,
                     uint8_t *okm,
                     size_t okm_len)
{
    uint8_t prk[32];
    uint8_t t[32];
    size_t done = 0;
    crypto_auth_hmacsha256_state st;

    crypto_auth_hmacsha256_init(&st, salt, salt_len);
    crypto_auth_hmacsha256_update(&st, ikm, ikm_len);
    crypto_auth_hmacsha256_final(&st, prk);
    for (uint8_t i = 1; done < okm_len; i++) {
        size_t take = okm_len - done < 32 ? okm_len - done : 32;
        crypto_auth_hmacsha256_init(&st, prk, sizeof prk);
        if (i > 1) {
            crypto_auth_hmacsha256_update(&st, t, sizeof t);
        }
        crypto_auth_hmacsha256_update(&st, info, info_len);
        crypto_auth_hmacsha256_update(&st, &i, 1);
        crypto_auth_hmacsha256_final(&st, t);
        memcpy(okm + done, t, take);
        done += take;
    }
    sodium_memzero(prk, sizeof prk);
    sodium_memzero(t, sizeof t);
}

static void
hmac_prepare(struct aci_pprl_feature *f)
{
    uint8_t pad[64];

    for (int pass = 0; pass < 2; pass++) {
        uint8_t x = pass == 0 ? 0x36 : 0x5c;
        memset(pad, x, sizeof pad);
        for (size_t i = 0; i < f->key_len; i++) {
            pad[i] = (uint8_t)(f->key1[i] ^ x);
        }
        SHA1_Init(pass == 0 ? &f->sha1_in : &f->sha1_out);
        SHA1_Update(pass == 0 ? &f->sha1_in : &f->sha1_out, pad, sizeof pad);
        memset(pad, x, sizeof pad);
        for (size_t i = 0; i < f->key_len; i++) {
            pad[i] = (uint8_t)(f->key2[i] ^ x);
        }
        MD5_Init(pass == 0 ? &f->md5_in : &f->md5_out);
        MD5_Update(pass == 0 ? &f->md5_in : &f->md5_out, pad, sizeof pad);
    }
    sodium_memzero(pad, sizeof pad);
}

/* A keyed stream of 32-bit words (ChaCha20 under the hardening key, NONCE), N words. */
static void
stream_words(const uint8_t key[32], uint64_t nonce, uint64_t first_block, uint32_t *out, size_t n)
{
    uint8_t nb[crypto_stream_chacha20_NONCEBYTES];

    memset(out, 0, n * 4);
    memcpy(nb, &nonce, sizeof nb);
    crypto_stream_chacha20_xor_ic((uint8_t *)out, (const uint8_t *)out, n * 4, nb, first_block,
                                  key);
}

/* Fisher-Yates permutation of [0, n) from the keyed stream. */
static int
make_perm(const uint8_t key[32], uint64_t nonce, size_t n, uint32_t **out)
{
    uint32_t *p = aci_malloc(n * sizeof *p);
    uint32_t *r = aci_malloc(n * sizeof *r);

    *out = NULL;
    if (p == NULL || r == NULL) {
        aci_free(p);
        aci_free(r);
        return -1;
    }
    stream_words(key, nonce, 0, r, n);
    for (size_t i = 0; i < n; i++) {
        p[i] = (uint32_t)i;
    }
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = r[i] % (i + 1);
        uint32_t t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
    aci_free(r);
    *out = p;
    return 0;
}

/* Record-level Bloom filter: output bit j takes bit (src & 0xffff) of feature (src >> 16)'s
 * own filter; features are drawn in proportion to their bits (bitsPerFeature, or
 * bitsPerToken x 8 tokens, a typical name's). */
static int
make_rbf(ac_pprl_schema *s)
{
    uint32_t *r = aci_malloc(2 * s->l * sizeof *r);
    double total = 0;

    s->rbf_src = aci_malloc(s->l * sizeof *s->rbf_src);
    if (r == NULL || s->rbf_src == NULL) {
        aci_free(r);
        return -1;
    }
    for (size_t f = 0; f < s->n_features; f++) {
        const struct aci_pprl_feature *ft = &s->features[f];
        total += ft->ignored            ? 0
                 : ft->bits_per_feature ? ft->bits_per_feature
                                        : 8.0 * ft->bits_per_token;
    }
    stream_words(s->harden_key, 2, 0, r, 2 * s->l);
    for (size_t j = 0; j < s->l; j++) {
        double pick = total * (r[2 * j] / 4294967296.0);
        size_t f = 0;
        for (; f + 1 < s->n_features; f++) {
            const struct aci_pprl_feature *ft = &s->features[f];
            double w = ft->ignored            ? 0
                       : ft->bits_per_feature ? ft->bits_per_feature
                                              : 8.0 * ft->bits_per_token;
            if (pick < w) {
                break;
            }
            pick -= w;
        }
        s->rbf_src[j] = (uint32_t)(f << 16) | (uint32_t)(r[2 * j + 1] % s->l);
    }
    aci_free(r);
    return 0;
}

ac_code
ac_pprl_schema_key(ac_pprl_schema *s,
                   const uint8_t *secret,
                   size_t secret_len,
                   const ac_pprl_hardening *hard,
                   ac_error *err)
{
    size_t okm_len = s->n_features * 2 * s->key_size;
    uint8_t okm[60 * 2 * 64];
    ac_pprl_hardening none = { 0, 0, -1, 0.0, 0 };

    if (secret_len == 0) {
        return aci_fail(err, AC_EINVAL, "secret: empty; every party needs the same secret");
    }
    hard = hard != NULL ? hard : &none;
    if (hard->balance && hard->xor_fold) {
        return aci_fail(err, AC_EINVAL,
                        "hardening: balance and xor-fold together undo each other; choose one");
    }
    if (hard->salt_field >= (int)s->n_features) {
        return aci_fail(err, AC_EINVAL, "hardening: salt field %d: the schema has %zu features",
                        hard->salt_field, s->n_features);
    }
    if (!(hard->flip_epsilon >= 0.0) || hard->flip_epsilon > 50.0) {
        return aci_fail(err, AC_EINVAL, "hardening: epsilon %g: must be from 0 (none) to 50",
                        hard->flip_epsilon);
    }
    aci_pprl_hkdf_sha256(s->salt, s->salt_len, secret, secret_len, s->info, s->info_len, okm,
                         okm_len);
    for (size_t i = 0; i < s->n_features; i++) {
        struct aci_pprl_feature *f = &s->features[i];
        f->key_len = s->key_size;
        memcpy(f->key1, okm + 2 * i * s->key_size, s->key_size);
        memcpy(f->key2, okm + (2 * i + 1) * s->key_size, s->key_size);
        hmac_prepare(f);
    }
    sodium_memzero(okm, sizeof okm);
    /* the hardening key is a separate derivation: the feature keys stay clkhash's */
    aci_pprl_hkdf_sha256((const uint8_t *)"accord-pprl-hardening", 21, secret, secret_len, s->info,
                         s->info_len, s->harden_key, sizeof s->harden_key);
    aci_free(s->perm);
    aci_free(s->rbf_src);
    s->perm = NULL;
    s->rbf_src = NULL;
    s->hard = *hard;
    if ((hard->balance && make_perm(s->harden_key, 1, 2 * s->l, &s->perm) != 0) ||
        (hard->rbf && make_rbf(s) != 0)) {
        return aci_fail(err, AC_ENOMEM, "hardening: out of memory");
    }
    s->is_keyed = 1;
    return AC_OK;
}

size_t
ac_pprl_schema_clk_bytes(const ac_pprl_schema *s)
{
    size_t bits = s->hard.balance ? 2 * s->l : s->hard.xor_fold ? s->l / 2 : s->l;

    return bits / 8;
}

static void
set_bit(uint8_t *bits, size_t i)
{
    bits[i >> 3] |= (uint8_t)(0x80u >> (i & 7));
}

static int
get_bit(const uint8_t *bits, size_t i)
{
    return (bits[i >> 3] >> (7 - (i & 7))) & 1;
}

/* Big-endian integer of N bytes, mod L. */
static size_t
mod_be(const uint8_t *p, size_t n, size_t l)
{
    uint64_t r = 0;

    for (size_t i = 0; i < n; i++) {
        r = ((r << 8) | p[i]) % l;
    }
    return (size_t)r;
}

static void
hash_double(const struct aci_pprl_feature *f,
            const uint8_t *m,
            size_t m_len,
            int k,
            size_t l,
            uint8_t *bits)
{
    uint8_t d1[SHA_DIGEST_LENGTH];
    uint8_t d2[MD5_DIGEST_LENGTH];
    SHA_CTX sc = f->sha1_in;
    MD5_CTX mc = f->md5_in;
    size_t h1;
    size_t h2;

    SHA1_Update(&sc, m, m_len);
    SHA1_Final(d1, &sc);
    sc = f->sha1_out;
    SHA1_Update(&sc, d1, sizeof d1);
    SHA1_Final(d1, &sc);
    MD5_Update(&mc, m, m_len);
    MD5_Final(d2, &mc);
    mc = f->md5_out;
    MD5_Update(&mc, d2, sizeof d2);
    MD5_Final(d2, &mc);
    h1 = mod_be(d1, sizeof d1, l);
    h2 = mod_be(d2, sizeof d2, l);
    for (unsigned char extra = 0; h2 == 0 && f->prevent_singularity; extra++) {
        /* a zero step would set one bit k times: rehash with one more byte */
        mc = f->md5_in;
        MD5_Update(&mc, m, m_len);
        MD5_Update(&mc, &extra, 1);
        MD5_Final(d2, &mc);
        mc = f->md5_out;
        MD5_Update(&mc, d2, sizeof d2);
        MD5_Final(d2, &mc);
        h2 = mod_be(d2, sizeof d2, l);
    }
    for (int i = 0; i < k; i++) {
        set_bit(bits, (h1 + (size_t)i * h2) % l);
    }
}

static void
hash_blake(const struct aci_pprl_feature *f,
           const uint8_t *m,
           size_t m_len,
           int k,
           size_t l,
           uint8_t *bits)
{
    uint8_t d[64];
    int done = 0;

    for (unsigned i = 0; done < k; i++) {
        uint8_t salt[16] = { 0 };
        int len = snprintf((char *)salt, sizeof salt, "%u", i);
        (void)len;
        crypto_generichash_blake2b_salt_personal(d, sizeof d, m, m_len, f->key1, f->key_len, salt,
                                                 NULL);
        for (int w = 0; w < 32 && done < k; w++, done++) {
            set_bit(bits, (size_t)(d[2 * w] | (d[2 * w + 1] << 8)) % l);
        }
    }
}

/* Length of the UTF-8 character starting at P (1 for a stray byte). */
static size_t
utf8_len(const char *p)
{
    unsigned char c = (unsigned char)*p;
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;

    for (size_t i = 1; i < n; i++) {
        if (((unsigned char)p[i] >> 6) != 2) {
            return 1;
        }
    }
    return n;
}

static size_t
utf8_count(const char *s)
{
    size_t n = 0;

    for (const char *p = s; *p != '\0'; p += utf8_len(p)) {
        n++;
    }
    return n;
}

struct token_buf {
    char *text;     /* the padded word */
    size_t *starts; /* byte offset of each character, plus the end */
    size_t n_chars; /* characters in text */
};

/* Hash the tokens of WORD (n-grams or the whole word) with feature F into BITS. */
static ac_code
hash_feature(const ac_pprl_schema *s,
             const struct aci_pprl_feature *f,
             const char *word,
             const char *salt,
             uint8_t *bits,
             ac_error *err)
{
    size_t wl = strlen(word);
    size_t sl = salt != NULL ? strlen(salt) + 1 : 0;
    char *text = aci_malloc(wl + 3);
    size_t *starts = aci_malloc((wl + 3) * sizeof *starts);
    uint8_t *m = aci_malloc(sl + wl + 32);
    size_t n_chars = 0;
    size_t n_tokens;

    if (text == NULL || starts == NULL || m == NULL) {
        aci_free(text);
        aci_free(starts);
        aci_free(m);
        return aci_fail(err, AC_ENOMEM, "encode: out of memory");
    }
    if (f->ngram > 1) {
        text[0] = ' ';
        memcpy(text + 1, word, wl);
        text[wl + 1] = ' ';
        text[wl + 2] = '\0';
    } else {
        memcpy(text, word, wl + 1);
    }
    for (size_t off = 0; text[off] != '\0'; off += utf8_len(text + off)) {
        starts[n_chars++] = off;
    }
    starts[n_chars] = strlen(text);
    if (f->ngram == 0) {
        n_tokens = 1;
    } else {
        n_tokens = n_chars >= (size_t)f->ngram ? n_chars - (size_t)f->ngram + 1 : 0;
    }
    if (salt != NULL) {
        memcpy(m, salt, sl - 1);
        m[sl - 1] = 0x1f;
    }
    for (size_t t = 0; t < n_tokens; t++) {
        size_t len = sl;
        int k;
        if (f->bits_per_feature > 0) {
            int base = f->bits_per_feature / (int)n_tokens;
            k = base + ((int)t < f->bits_per_feature % (int)n_tokens ? 1 : 0);
        } else {
            k = f->bits_per_token;
        }
        if (f->positional) {
            len += (size_t)snprintf((char *)m + len, 24, "%zu ", t + 1);
        }
        if (f->ngram == 0) {
            memcpy(m + len, text, wl);
            len += wl;
        } else {
            size_t b0 = starts[t];
            size_t b1 = starts[t + (size_t)f->ngram];
            memcpy(m + len, text + b0, b1 - b0);
            len += b1 - b0;
        }
        if (f->hash == ACI_PPRL_BLAKE_HASH) {
            hash_blake(f, m, len, k, s->l, bits);
        } else {
            hash_double(f, m, len, k, s->l, bits);
        }
    }
    aci_free(text);
    aci_free(starts);
    aci_free(m);
    return AC_OK;
}

/* Apply the feature's format; *OUT is VALUE or the missing value's replacement. */
static ac_code
check_value(const struct aci_pprl_feature *f,
            size_t i,
            const char *value,
            const char **out,
            ac_error *err)
{
    size_t n;

    *out = value;
    if (f->missing != NULL && strcmp(value, f->missing) == 0) {
        *out = f->missing_with != NULL ? f->missing_with : value;
        return AC_OK;
    }
    n = utf8_count(value);
    if ((f->min_length > 0 && n < (size_t)f->min_length) ||
        (f->max_length > 0 && n > (size_t)f->max_length)) {
        return aci_fail(err, AC_EINVAL,
                        "feature %zu (%s): %zu characters, outside the schema's %d to %d; fix "
                        "the value or the schema's format",
                        i, f->identifier, n, f->min_length, f->max_length);
    }
    for (const char *p = value; *p != '\0'; p++) {
        if ((f->case_rule == 1 && *p >= 'A' && *p <= 'Z') ||
            (f->case_rule == 2 && *p >= 'a' && *p <= 'z')) {
            return aci_fail(err, AC_EINVAL,
                            "feature %zu (%s): the schema's format.case is %s but the value "
                            "is not; change its case before encoding",
                            i, f->identifier, f->case_rule == 1 ? "lower" : "upper");
        }
    }
    return AC_OK;
}

static void
harden(const ac_pprl_schema *s, uint8_t *bits, uint8_t *feat, uint64_t record_no, uint8_t *out)
{
    size_t l = s->l;
    size_t out_bits = ac_pprl_schema_clk_bytes(s) * 8;
    uint8_t *src = bits;

    memset(out, 0, out_bits / 8);
    if (s->hard.rbf) {
        memset(bits, 0, l / 8);
        for (size_t j = 0; j < l; j++) {
            uint32_t f = s->rbf_src[j] >> 16;
            if (get_bit(feat + (size_t)f * (l / 8), s->rbf_src[j] & 0xffffu)) {
                set_bit(bits, j);
            }
        }
    }
    if (s->hard.balance) {
        for (size_t j = 0; j < 2 * l; j++) {
            size_t from = s->perm[j];
            int v = from < l ? get_bit(src, from) : !get_bit(src, from - l);
            if (v) {
                set_bit(out, j);
            }
        }
    } else if (s->hard.xor_fold) {
        for (size_t j = 0; j < l / 2; j++) {
            if (get_bit(src, j) ^ get_bit(src, j + l / 2)) {
                set_bit(out, j);
            }
        }
    } else {
        memcpy(out, src, l / 8);
    }
    if (s->hard.flip_epsilon > 0.0) {
        /* randomised response per bit: keep with 1 - p, flip with p = 1 / (1 + e^eps) */
        double p = 1.0 / (1.0 + exp(s->hard.flip_epsilon));
        uint32_t limit = (uint32_t)(p * 4294967295.0);
        uint32_t r[256];
        for (size_t j0 = 0; j0 < out_bits; j0 += 256) {
            stream_words(s->harden_key, 0x1000000000000000ull | record_no, j0 / 16, r, 256);
            for (size_t j = j0; j < j0 + 256 && j < out_bits; j++) {
                if (r[j - j0] < limit) {
                    out[j >> 3] ^= (uint8_t)(0x80u >> (j & 7));
                }
            }
        }
    }
}

ac_code
ac_pprl_encode(const ac_pprl_schema *s,
               const char *const *values,
               size_t n_values,
               uint64_t record_no,
               uint8_t *out,
               ac_error *err)
{
    uint8_t *bits;
    uint8_t *feat = NULL;
    const char *salt = NULL;
    ac_code rc = AC_OK;

    if (!s->is_keyed) {
        return aci_fail(err, AC_EMISUSE, "encode: no secret given (ac_pprl_schema_key first)");
    }
    if (n_values != s->n_features) {
        return aci_fail(err, AC_EINVAL,
                        "encode: %zu values but the schema has %zu features (ignored ones "
                        "included); give one value per feature, in the schema's order",
                        n_values, s->n_features);
    }
    bits = aci_calloc(1, s->l / 8);
    if (s->hard.rbf) {
        feat = aci_calloc(s->n_features, s->l / 8);
    }
    if (bits == NULL || (s->hard.rbf && feat == NULL)) {
        aci_free(bits);
        return aci_fail(err, AC_ENOMEM, "encode: out of memory");
    }
    if (s->hard.salt_field >= 0) {
        salt = values[s->hard.salt_field];
    }
    for (size_t i = 0; rc == AC_OK && i < s->n_features; i++) {
        const struct aci_pprl_feature *f = &s->features[i];
        const char *v;
        if (f->ignored || (int)i == s->hard.salt_field) {
            continue;
        }
        rc = check_value(f, i, values[i], &v, err);
        if (rc == AC_OK) {
            rc = hash_feature(s, f, v, salt, s->hard.rbf ? feat + i * (s->l / 8) : bits, err);
        }
    }
    if (rc == AC_OK) {
        harden(s, bits, feat, record_no, out);
    }
    aci_free(bits);
    aci_free(feat);
    return rc;
}
