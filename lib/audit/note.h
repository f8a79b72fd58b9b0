/* SPDX-License-Identifier: Apache-2.0
 *
 * note.h - checkpoints in the C2SP formats, so tools other than accord can check them:
 * the tlog-checkpoint body ("<origin>\n<tree size>\n<base64 root hash>\n") inside a
 * signed-note (c2sp.org/signed-note: the body, a blank line, then one line per signature
 * "— <key name> <base64(4-byte key hash || 64-byte Ed25519 signature)>").  The origin and
 * key name are the hub's: "accord/" and the first 8 bytes of SHA-256(public key), hex.
 *
 * And the witness file: every signed checkpoint appended (and synced) to a file outside
 * the database, one note after another, each followed by a blank line.  Whoever rewrites
 * the database cannot take back what the witness has seen.
 */
#ifndef ACI_AUDIT_NOTE_H
#define ACI_AUDIT_NOTE_H

#include "internal.h"

#include "accord/arena.h"
#include "audit/merkle.h"

#define ACI_NOTE_NAME_MAX 64  /* a key name / origin, with its NUL */
#define ACI_NOTE_MAX      512 /* a signed checkpoint note, with its NUL */

/* The hub's origin (= key name) for public key PK into NAME (ACI_NOTE_NAME_MAX bytes). */
void aci_note_origin(const unsigned char pk[32], char *name);

/* The signed-note key hash: the first 4 bytes of SHA-256(NAME || 0x0A || 0x01 || PK). */
void aci_note_key_hash(const char *name, const unsigned char pk[32], unsigned char out[4]);

/* The tlog-checkpoint body of a tree of SIZE leaves with ROOT, of the hub whose key is
 * PK, into BUF; its length, or -1 when it does not fit. */
int aci_checkpoint_body(char *buf,
                        size_t cap,
                        const unsigned char pk[32],
                        uint64_t size,
                        const aci_hash root);

/* The signed note: TEXT, a blank line, and the signature line of key NAME (PK, SK) into
 * BUF; its length, or -1 when it does not fit.  SIG_OUT (may be NULL) receives the
 * 64-byte signature. */
int aci_note_sign(char *buf,
                  size_t cap,
                  const char *text,
                  const char *name,
                  const unsigned char pk[32],
                  const unsigned char *sk,
                  unsigned char sig_out[64]);

/* The same note from a signature SIG made elsewhere (a PKCS#11 token) over TEXT. */
int aci_note_format(char *buf,
                    size_t cap,
                    const char *text,
                    const char *name,
                    const unsigned char pk[32],
                    const unsigned char sig[64]);

/* True when NOTE (LEN bytes) is a well-formed signed note with a valid signature by the
 * key NAME, PK; *TEXT_LEN receives the length of its text (final newline included). */
bool aci_note_verify(const char *note,
                     size_t len,
                     const char *name,
                     const unsigned char pk[32],
                     size_t *text_len);

/* A checkpoint read back from a note. */
struct aci_witnessed {
    uint64_t size; /* tree size */
    aci_hash root; /* its root */
};

/* Parse the checkpoint body TEXT (LEN bytes) of the hub whose key is PK. */
bool aci_checkpoint_parse(const char *text,
                          size_t len,
                          const unsigned char pk[32],
                          struct aci_witnessed *out);

/* Append NOTE and a blank line to the witness file PATH (created 0600), then fsync. */
ac_code aci_witness_append(const char *path, const char *note, size_t len, ac_error *err);

/* Every checkpoint in the witness file PATH, each checked against PK, in A, sorted by
 * size with duplicates (same size and root) merged.  AC_EINVAL naming the first note that
 * is malformed, not signed by PK, or that disagrees with another at its size. */
ac_code aci_witness_load(const char *path,
                         const unsigned char pk[32],
                         ac_arena *a,
                         struct aci_witnessed **out,
                         size_t *out_n,
                         ac_error *err);

#endif /* ACI_AUDIT_NOTE_H */
