/* SPDX-License-Identifier: Apache-2.0
 *
 * schema.c - clkhash's linkage schema v3 (JSON) read as it is: clkConfig (l, the HKDF's
 * salt, info and keySize) and the features (ignored, or a format and a hashing: ngram or
 * exact comparison, bitsPerToken or bitsPerFeature, doubleHash or blakeHash, missingValue).
 * Reads a string; the caller does the file I/O.
 */
#include "internal.h"

#include "pprl/pprl_int.h"

#include <jansson.h>
#include <sodium.h>

static ac_code
bad(ac_error *err, size_t i, const char *id, const char *what)
{
    return aci_fail(err, AC_EINVAL, "schema: features[%zu] (%s): %s", i, id ? id : "?", what);
}

static ac_code
decode_b64(const char *field, json_t *v, uint8_t *dst, size_t cap, size_t *out_len, ac_error *err)
{
    const char *s = json_string_value(v);

    *out_len = 0;
    if (v == NULL) {
        return AC_OK;
    }
    if (s == NULL || sodium_base642bin(dst, cap, s, strlen(s), NULL, out_len, NULL,
                                       sodium_base64_VARIANT_ORIGINAL) != 0) {
        return aci_fail(err, AC_EINVAL, "schema: clkConfig.kdf.%s: not base64 of at most %zu bytes",
                        field, cap);
    }
    return AC_OK;
}

static ac_code
parse_config(json_t *root, ac_pprl_schema *s, ac_error *err)
{
    json_t *cfg = json_object_get(root, "clkConfig");
    json_t *kdf = json_object_get(cfg, "kdf");
    json_t *l = json_object_get(cfg, "l");
    json_t *ks = json_object_get(kdf, "keySize");
    json_t *version = json_object_get(root, "version");
    ac_code rc;

    if (!json_is_integer(version) || json_integer_value(version) != 3) {
        return aci_fail(err, AC_EINVAL,
                        "schema: version: must be 3 (clkhash linkage schema v3); convert older "
                        "schemas with clkhash's schema conversion");
    }
    if (!json_is_integer(l) || json_integer_value(l) < 8 || json_integer_value(l) > 65536 ||
        json_integer_value(l) % 64 != 0) {
        return aci_fail(err, AC_EINVAL,
                        "schema: clkConfig.l: must be a multiple of 64 from 64 to 65536 bits "
                        "(1024 is usual)");
    }
    s->l = (size_t)json_integer_value(l);
    if (!json_is_object(kdf) || !json_is_string(json_object_get(kdf, "type")) ||
        strcmp(json_string_value(json_object_get(kdf, "type")), "HKDF") != 0) {
        return aci_fail(err, AC_EINVAL, "schema: clkConfig.kdf.type: must be \"HKDF\"");
    }
    if (json_object_get(kdf, "hash") != NULL &&
        (!json_is_string(json_object_get(kdf, "hash")) ||
         strcmp(json_string_value(json_object_get(kdf, "hash")), "SHA256") != 0)) {
        return aci_fail(err, AC_EINVAL, "schema: clkConfig.kdf.hash: only \"SHA256\" is supported");
    }
    s->key_size = 64;
    if (ks != NULL) {
        if (!json_is_integer(ks) || json_integer_value(ks) < 16 || json_integer_value(ks) > 64) {
            return aci_fail(err, AC_EINVAL,
                            "schema: clkConfig.kdf.keySize: must be 16 to 64 bytes (64 is usual)");
        }
        s->key_size = (size_t)json_integer_value(ks);
    }
    if ((rc = decode_b64("salt", json_object_get(kdf, "salt"), s->salt, sizeof s->salt,
                         &s->salt_len, err)) != AC_OK) {
        return rc;
    }
    return decode_b64("info", json_object_get(kdf, "info"), s->info, sizeof s->info, &s->info_len,
                      err);
}

static char *
dup_string(json_t *v)
{
    return json_is_string(v) ? aci_strdup(json_string_value(v)) : NULL;
}

static ac_code
parse_format(json_t *fmt, size_t i, struct aci_pprl_feature *f, ac_error *err)
{
    const char *type = json_string_value(json_object_get(fmt, "type"));
    const char *c = json_string_value(json_object_get(fmt, "case"));
    json_t *mn = json_object_get(fmt, "minLength");
    json_t *mx = json_object_get(fmt, "maxLength");

    if (type == NULL) {
        return bad(err, i, f->identifier, "format.type: missing (string, integer, date or enum)");
    }
    if (strcmp(type, "string") != 0 && strcmp(type, "integer") != 0 && strcmp(type, "date") != 0 &&
        strcmp(type, "enum") != 0) {
        return bad(err, i, f->identifier, "format.type: must be string, integer, date or enum");
    }
    if (c != NULL) {
        if (strcmp(c, "mixed") == 0) {
            f->case_rule = 0;
        } else if (strcmp(c, "lower") == 0) {
            f->case_rule = 1;
        } else if (strcmp(c, "upper") == 0) {
            f->case_rule = 2;
        } else {
            return bad(err, i, f->identifier, "format.case: must be mixed, lower or upper");
        }
    }
    f->min_length = json_is_integer(mn) ? (int)json_integer_value(mn) : 0;
    f->max_length = json_is_integer(mx) ? (int)json_integer_value(mx) : 0;
    return AC_OK;
}

static ac_code
parse_hashing(json_t *h, size_t i, struct aci_pprl_feature *f, ac_error *err)
{
    json_t *cmp = json_object_get(h, "comparison");
    json_t *strategy = json_object_get(h, "strategy");
    json_t *hash = json_object_get(h, "hash");
    json_t *missing = json_object_get(h, "missingValue");
    const char *ct = json_string_value(json_object_get(cmp, "type"));
    const char *ht = json_string_value(json_object_get(hash, "type"));
    json_t *bpt = json_object_get(strategy, "bitsPerToken");
    json_t *bpf = json_object_get(strategy, "bitsPerFeature");

    if (ct == NULL || (strcmp(ct, "ngram") != 0 && strcmp(ct, "exact") != 0)) {
        return bad(err, i, f->identifier,
                   "hashing.comparison.type: must be ngram or exact (numeric is not supported)");
    }
    if (strcmp(ct, "ngram") == 0) {
        json_t *n = json_object_get(cmp, "n");
        if (!json_is_integer(n) || json_integer_value(n) < 1 || json_integer_value(n) > 8) {
            return bad(err, i, f->identifier, "hashing.comparison.n: must be 1 to 8");
        }
        f->ngram = (int)json_integer_value(n);
        f->positional = json_is_true(json_object_get(cmp, "positional"));
    }
    if (json_is_integer(bpt) && json_integer_value(bpt) >= 0 && json_integer_value(bpt) <= 1024) {
        f->bits_per_token = (int)json_integer_value(bpt);
    } else if (json_is_integer(bpf) && json_integer_value(bpf) >= 0 &&
               json_integer_value(bpf) <= 65536) {
        f->bits_per_feature = (int)json_integer_value(bpf);
    } else {
        return bad(err, i, f->identifier,
                   "hashing.strategy: needs bitsPerToken (0-1024) or bitsPerFeature (0-65536)");
    }
    if (ht == NULL || strcmp(ht, "doubleHash") == 0) {
        f->hash = ACI_PPRL_DOUBLE_HASH;
        f->prevent_singularity = json_is_true(json_object_get(hash, "prevent_singularity"));
    } else if (strcmp(ht, "blakeHash") == 0) {
        f->hash = ACI_PPRL_BLAKE_HASH;
    } else {
        return bad(err, i, f->identifier, "hashing.hash.type: must be doubleHash or blakeHash");
    }
    if (missing != NULL) {
        f->missing = dup_string(json_object_get(missing, "sentinel"));
        f->missing_with = dup_string(json_object_get(missing, "replaceWith"));
        if (f->missing == NULL) {
            return bad(err, i, f->identifier, "hashing.missingValue.sentinel: must be a string");
        }
    }
    return AC_OK;
}

static ac_code
parse_feature(json_t *js, size_t i, struct aci_pprl_feature *f, ac_error *err)
{
    json_t *h;
    ac_code rc;

    f->identifier = dup_string(json_object_get(js, "identifier"));
    if (f->identifier == NULL) {
        return bad(err, i, NULL, "identifier: missing; each feature names its column");
    }
    if (json_is_true(json_object_get(js, "ignored"))) {
        f->ignored = 1;
        return AC_OK;
    }
    if ((rc = parse_format(json_object_get(js, "format"), i, f, err)) != AC_OK) {
        return rc;
    }
    h = json_object_get(js, "hashing");
    if (!json_is_object(h)) {
        return bad(err, i, f->identifier, "hashing: missing; give it or set \"ignored\": true");
    }
    return parse_hashing(h, i, f, err);
}

ac_code
ac_pprl_schema_parse(const char *json, size_t json_len, ac_pprl_schema **out, ac_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(json, json_len, 0, &jerr);
    json_t *features;
    ac_pprl_schema *s;
    ac_code rc;

    *out = NULL;
    if (root == NULL) {
        return aci_fail(err, AC_EINVAL, "schema: line %d: %s", jerr.line, jerr.text);
    }
    s = aci_calloc(1, sizeof *s);
    if (s == NULL) {
        json_decref(root);
        return aci_fail(err, AC_ENOMEM, "schema: out of memory");
    }
    s->hard.salt_field = -1;
    rc = parse_config(root, s, err);
    features = json_object_get(root, "features");
    if (rc == AC_OK && (!json_is_array(features) || json_array_size(features) == 0 ||
                        json_array_size(features) > 60)) {
        rc = aci_fail(err, AC_EINVAL, "schema: features: must be an array of 1 to 60 features");
    }
    if (rc == AC_OK) {
        s->features = aci_calloc(json_array_size(features), sizeof *s->features);
        rc = s->features == NULL ? aci_fail(err, AC_ENOMEM, "schema: out of memory") : AC_OK;
    }
    for (size_t i = 0; rc == AC_OK && i < json_array_size(features); i++) {
        s->n_features = i + 1;
        rc = parse_feature(json_array_get(features, i), i, &s->features[i], err);
    }
    json_decref(root);
    if (rc != AC_OK) {
        ac_pprl_schema_free(s);
        return rc;
    }
    *out = s;
    return AC_OK;
}

void
ac_pprl_schema_free(ac_pprl_schema *s)
{
    if (s == NULL) {
        return;
    }
    for (size_t i = 0; i < s->n_features; i++) {
        aci_free(s->features[i].identifier);
        aci_free(s->features[i].missing);
        aci_free(s->features[i].missing_with);
        sodium_memzero(s->features[i].key1, sizeof s->features[i].key1);
        sodium_memzero(s->features[i].key2, sizeof s->features[i].key2);
    }
    aci_free(s->features);
    aci_free(s->perm);
    aci_free(s->rbf_src);
    sodium_memzero(s, sizeof *s);
    aci_free(s);
}

size_t
ac_pprl_schema_n_features(const ac_pprl_schema *s)
{
    return s->n_features;
}

const char *
ac_pprl_schema_feature(const ac_pprl_schema *s, size_t i)
{
    return i < s->n_features ? s->features[i].identifier : NULL;
}
