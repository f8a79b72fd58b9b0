/* SPDX-License-Identifier: Apache-2.0
 *
 * pprl_int.h - the PPRL engine's internals: the Dice kernels the dispatcher chooses
 * between, and the schema's parsed form.  Pure: no files, no store, no hub.
 */
#ifndef ACI_PPRL_INT_H
#define ACI_PPRL_INT_H

#include "internal.h"

#include "accord/pprl.h"

/* The low-level SHA-1 and MD5 contexts are deprecated in OpenSSL 3 but are the only way
 * to keep HMAC's inner and outer states per key, computed once, rather than twice per
 * n-gram (encoding's speed is those two HMACs). */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/md5.h>
#include <openssl/sha.h>

/* One Dice kernel: the popcount of a & b for each of N_B encodings of B (consecutive,
 * N_BYTES each, N_BYTES a multiple of 8), written to OUT. */
typedef void (*aci_pprl_and_count_fn)(const uint8_t *a,
                                      const uint8_t *b,
                                      size_t n_b,
                                      size_t n_bytes,
                                      uint32_t *out);
struct aci_pprl_kernel {
    const char *name;            /* "avx512", "avx2", "scalar", "portable" */
    aci_pprl_and_count_fn count; /* the kernel */
    int (*usable)(void);         /* 1 when this CPU can run it */
};
/* The kernels, best first; the last (portable C) is always usable. */
extern const struct aci_pprl_kernel aci_pprl_kernels[4];
/* The kernel in use (chosen on first use). */
const struct aci_pprl_kernel *aci_pprl_kernel(void);
/* Popcount of N_BYTES at P (any length). */
uint32_t aci_pprl_popcount(const uint8_t *p, size_t n_bytes);

enum aci_pprl_hash {
    ACI_PPRL_DOUBLE_HASH,
    ACI_PPRL_BLAKE_HASH
};

/* One feature of a schema (clkhash v3 "features" entry). */
struct aci_pprl_feature {
    char *identifier;        /* column name, owned */
    int ignored;             /* 1: not hashed */
    int ngram;               /* comparison n (ngram) ; 0 for exact */
    int positional;          /* 1: n-grams carry their position */
    int bits_per_token;      /* strategy bitsPerToken, or 0 */
    int bits_per_feature;    /* strategy bitsPerFeature, or 0 */
    enum aci_pprl_hash hash; /* doubleHash or blakeHash */
    int prevent_singularity; /* doubleHash option */
    int case_rule;           /* 0 mixed, 1 lower, 2 upper: the value must be so */
    int min_length;          /* format minLength (0 none) */
    int max_length;          /* format maxLength (0 none) */
    char *missing;           /* missingValue sentinel (owned), or NULL */
    char *missing_with;      /* its replaceWith (owned), or NULL */
    uint8_t key1[64];        /* HMAC-SHA1 key (double hash) or BLAKE2b key */
    uint8_t key2[64];        /* HMAC-MD5 key (double hash) */
    size_t key_len;          /* bytes of each key (the schema's keySize, <= 64) */
    SHA_CTX sha1_in;         /* HMAC-SHA1 state after the inner pad of key1 */
    SHA_CTX sha1_out;        /* ... after the outer pad */
    MD5_CTX md5_in;          /* HMAC-MD5 state after the inner pad of key2 */
    MD5_CTX md5_out;         /* ... after the outer pad */
};

struct ac_pprl_schema {
    size_t l;                          /* bits of the filter (clkConfig.l) */
    uint8_t salt[128];                 /* HKDF salt, decoded */
    size_t salt_len;                   /* its bytes */
    uint8_t info[128];                 /* HKDF info, decoded */
    size_t info_len;                   /* its bytes */
    size_t key_size;                   /* bytes per derived key (clkConfig.kdf.keySize) */
    struct aci_pprl_feature *features; /* n_features, owned */
    size_t n_features;                 /* features including ignored ones */
    int is_keyed;                      /* ac_pprl_schema_key has run */
    ac_pprl_hardening hard;            /* hardening in use */
    uint8_t harden_key[32];            /* keys the permutations and flips */
    uint32_t *perm;                    /* balance / rbf permutation, owned, or NULL */
    uint32_t *rbf_src;                 /* rbf: (feature << 16 | bit) per output bit, or NULL */
};

/* HKDF-SHA256 (RFC 5869): OKM_LEN bytes of output keying material into OKM. */
void aci_pprl_hkdf_sha256(const uint8_t *salt,
                          size_t salt_len,
                          const uint8_t *ikm,
                          size_t ikm_len,
                          const uint8_t *info,
                          size_t info_len,
                          uint8_t *okm,
                          size_t okm_len);

#endif /* ACI_PPRL_INT_H */
