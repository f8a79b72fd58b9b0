/* SPDX-License-Identifier: Apache-2.0
 *
 * witness.h - the pieces of the cosigning witness (include/accord/witness.h) that tests
 * and the hub reach: the cosignature format (c2sp.org/tlog-cosignature, cosignature/v1)
 * and the add-checkpoint request parser (c2sp.org/tlog-witness).  Pure.
 */
#ifndef ACI_AUDIT_WITNESS_H
#define ACI_AUDIT_WITNESS_H

#include "internal.h"

#include "audit/merkle.h"

#define ACI_COSIG_PROOF_MAX 63 /* consistency proof lines a request may carry (spec) */

/* The cosignature key id: the first 4 bytes of SHA-256(NAME || 0x0A || 0x04 || PK). */
void aci_cosig_key_id(const char *name, const unsigned char pk[32], unsigned char out[4]);

/* The signed message of a cosignature/v1 at TS over the checkpoint body TEXT (TEXT_LEN
 * bytes, its final newline included) into BUF: "cosignature/v1\ntime TS\n" TEXT.  Its
 * length, or -1 when it does not fit. */
int aci_cosig_message(char *buf, size_t cap, int64_t ts, const char *text, size_t text_len);

/* The cosignature line "— NAME base64(key id || u64 TS big-endian || signature)\n" by the
 * witness key PK, SK over TEXT into BUF; its length, or -1 when it does not fit. */
int aci_cosig_line(char *buf,
                   size_t cap,
                   const char *name,
                   const unsigned char pk[32],
                   const unsigned char *sk,
                   int64_t ts,
                   const char *text,
                   size_t text_len);

/* The note signature line [LINE, END) (no newline) checked as a cosignature of NAME, PK
 * over TEXT: 1 valid (*OUT_TS its time), 0 another key's line, -1 NAME's but forged,
 * malformed or over another text. */
int aci_cosig_check(const char *line,
                    const char *end,
                    const char *name,
                    const unsigned char pk[32],
                    const char *text,
                    size_t text_len,
                    int64_t *out_ts);

/* An add-checkpoint request body, parsed (pointers into the body). */
struct aci_witness_req {
    uint64_t old;                        /* the "old" size */
    size_t n_proof;                      /* consistency proof hashes */
    aci_hash proof[ACI_COSIG_PROOF_MAX]; /* in order */
    const char *note;                    /* the signed checkpoint */
    size_t note_len;
};

/* Parse BODY (LEN bytes).  False with ERR naming the line and what is wrong. */
bool
aci_witness_req_parse(const char *body, size_t len, struct aci_witness_req *out, ac_error *err);

/* A checkpoint body's first three lines (c2sp.org/tlog-checkpoint): origin, size, root.
 * ORIGIN receives the origin (up to CAP - 1 bytes).  Extension lines may follow. */
bool aci_witness_checkpoint_parse(const char *text,
                                  size_t len,
                                  char *origin,
                                  size_t cap,
                                  uint64_t *out_size,
                                  aci_hash out_root);

/* Every cosignature of witness NAME (PK) in the witness file PATH of the log whose key is
 * LOG_PK: each must verify over its note's checkpoint.  *OUT_NEWEST: the largest size
 * cosigned (0: none).  AC_EINVAL naming the note (1-based) of the first forged one. */
ac_code aci_cosig_scan(const char *path,
                       const unsigned char log_pk[32],
                       const char *name,
                       const unsigned char pk[32],
                       uint64_t *out_newest,
                       ac_error *err);

#endif /* ACI_AUDIT_WITNESS_H */
