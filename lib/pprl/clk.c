/* SPDX-License-Identifier: Apache-2.0
 *
 * clk.c - sets of encodings (CLKs) and anonlink's CLK JSON, {"clks": ["<base64>", ...]}.
 * Reads and writes strings only; the caller does the file I/O.
 */
#include "internal.h"

#include "pprl/pprl_int.h"

#include <jansson.h>
#include <sodium.h>

ac_code
ac_pprl_clks_init(ac_pprl_clks *out, size_t n, size_t n_bytes, ac_error *err)
{
    memset(out, 0, sizeof *out);
    if (n_bytes == 0 || n_bytes % 8 != 0 || n_bytes > 65536) {
        return aci_fail(err, AC_EINVAL,
                        "encoding length: %zu bytes is not a positive multiple of 8 up to 65536",
                        n_bytes);
    }
    if (n > SIZE_MAX / n_bytes) {
        return aci_fail(err, AC_ENOMEM, "encodings: %zu of %zu bytes is too many", n, n_bytes);
    }
    out->data = aci_calloc(n > 0 ? n : 1, n_bytes);
    if (out->data == NULL) {
        return aci_fail(err, AC_ENOMEM, "encodings: out of memory for %zu", n);
    }
    out->n = n;
    out->n_bytes = n_bytes;
    return AC_OK;
}

void
ac_pprl_clks_release(ac_pprl_clks *clks)
{
    if (clks == NULL) {
        return;
    }
    aci_free(clks->data);
    aci_free(clks->pop);
    memset(clks, 0, sizeof *clks);
}

void
ac_pprl_free(void *p)
{
    aci_free(p);
}

uint32_t
aci_pprl_popcount(const uint8_t *p, size_t n_bytes)
{
    uint32_t c = 0;
    size_t i = 0;

    for (; i + 8 <= n_bytes; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        c += (uint32_t)__builtin_popcountll(w);
    }
    for (; i < n_bytes; i++) {
        c += (uint32_t)__builtin_popcount(p[i]);
    }
    return c;
}

ac_code
ac_pprl_clks_count(ac_pprl_clks *clks, ac_error *err)
{
    if (clks->pop == NULL) {
        clks->pop = aci_malloc((clks->n > 0 ? clks->n : 1) * sizeof *clks->pop);
        if (clks->pop == NULL) {
            return aci_fail(err, AC_ENOMEM, "popcounts: out of memory");
        }
    }
    for (size_t i = 0; i < clks->n; i++) {
        clks->pop[i] = aci_pprl_popcount(clks->data + i * clks->n_bytes, clks->n_bytes);
    }
    return AC_OK;
}

/* Decode entry I (base64 text S) into DST of N_BYTES; AC_EINVAL names the entry. */
static ac_code
decode_entry(const char *s, size_t i, uint8_t *dst, size_t n_bytes, ac_error *err)
{
    size_t got = 0;

    if (sodium_base642bin(dst, n_bytes, s, strlen(s), "\n\r ", &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        got != n_bytes) {
        return aci_fail(err, AC_EINVAL,
                        "clks[%zu]: not base64 of %zu bytes like clks[0]; every encoding must "
                        "have the same length (re-encode with one schema)",
                        i, n_bytes);
    }
    return AC_OK;
}

/* The byte length of base64 text S, or 0 when it is not base64. */
static size_t
entry_bytes(const char *s)
{
    size_t len = strlen(s);
    size_t cap = len / 4 * 3 + 3;
    uint8_t *tmp = aci_malloc(cap);
    size_t got = 0;

    if (tmp == NULL) {
        return 0;
    }
    if (sodium_base642bin(tmp, cap, s, len, "\n\r ", &got, NULL, sodium_base64_VARIANT_ORIGINAL) !=
        0) {
        got = 0;
    }
    aci_free(tmp);
    return got;
}

ac_code
ac_pprl_clks_read_json(const char *json, size_t json_len, ac_pprl_clks *out, ac_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(json, json_len, 0, &jerr);
    json_t *arr;
    ac_code rc = AC_OK;
    size_t n_bytes = 0;

    memset(out, 0, sizeof *out);
    if (root == NULL) {
        return aci_fail(err, AC_EINVAL, "CLK JSON: line %d: %s", jerr.line, jerr.text);
    }
    arr = json_object_get(root, "clks");
    if (!json_is_array(arr)) {
        json_decref(root);
        return aci_fail(err, AC_EINVAL,
                        "CLK JSON: no \"clks\" array; expected {\"clks\": [\"<base64>\", ...]}");
    }
    for (size_t i = 0; i < json_array_size(arr); i++) {
        if (!json_is_string(json_array_get(arr, i))) {
            json_decref(root);
            return aci_fail(err, AC_EINVAL, "clks[%zu]: not a string; each entry is base64 text",
                            i);
        }
    }
    if (json_array_size(arr) > 0) {
        n_bytes = entry_bytes(json_string_value(json_array_get(arr, 0)));
        if (n_bytes == 0 || n_bytes % 8 != 0) {
            json_decref(root);
            return aci_fail(err, AC_EINVAL,
                            "clks[0]: not base64 of a whole number of 64-bit words (got %zu "
                            "bytes); encodings are 1024 bits (128 bytes) by default",
                            n_bytes);
        }
    } else {
        n_bytes = 128;
    }
    rc = ac_pprl_clks_init(out, json_array_size(arr), n_bytes, err);
    for (size_t i = 0; rc == AC_OK && i < out->n; i++) {
        rc = decode_entry(json_string_value(json_array_get(arr, i)), i, out->data + i * n_bytes,
                          n_bytes, err);
    }
    json_decref(root);
    if (rc != AC_OK) {
        ac_pprl_clks_release(out);
    }
    return rc;
}

ac_code
ac_pprl_clks_write_json(const ac_pprl_clks *clks, char **out, size_t *out_len, ac_error *err)
{
    size_t b64 = sodium_base64_ENCODED_LEN(clks->n_bytes, sodium_base64_VARIANT_ORIGINAL);
    size_t cap = 16 + clks->n * (b64 + 4);
    char *buf = aci_malloc(cap);
    size_t len = 0;

    *out = NULL;
    *out_len = 0;
    if (buf == NULL) {
        return aci_fail(err, AC_ENOMEM, "CLK JSON: out of memory for %zu encodings", clks->n);
    }
    memcpy(buf, "{\"clks\": [", 10);
    len = 10;
    for (size_t i = 0; i < clks->n; i++) {
        if (i > 0) {
            buf[len++] = ',';
            buf[len++] = ' ';
        }
        buf[len++] = '"';
        sodium_bin2base64(buf + len, b64, clks->data + i * clks->n_bytes, clks->n_bytes,
                          sodium_base64_VARIANT_ORIGINAL);
        len += b64 - 1;
        buf[len++] = '"';
    }
    memcpy(buf + len, "]}\n", 4);
    len += 3;
    *out = buf;
    *out_len = len;
    return AC_OK;
}
