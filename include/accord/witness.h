/* SPDX-License-Identifier: Apache-2.0
 *
 * witness.h - cosigning witnesses of the audit log, outside the hub.
 *
 * A witness (run by a partner hub or the oversight body: 'accord witness serve') keeps,
 * for each log it is configured with, the newest checkpoint it has cosigned.  It cosigns
 * a new one (c2sp.org/tlog-cosignature, cosignature/v1: Ed25519 over "cosignature/v1\n",
 * "time T\n" and the checkpoint body) only when the log's key signed it and a Merkle
 * consistency proof shows it extends what the witness saw (c2sp.org/tlog-witness,
 * add-checkpoint).  A hub that rewrote its history cannot get it cosigned.
 *
 * The hub side ('accord serve --cosigner'): ac_cosign_push sends the newest checkpoint with
 * a consistency proof from the size the witness last cosigned and appends the returned
 * cosignature to the hub's witness file; ac_cosign_check reads them back for 'accord
 * audit verify --cosigner-key'.
 */
#ifndef ACCORD_WITNESS_H
#define ACCORD_WITNESS_H

#include <stddef.h>
#include <stdint.h>

#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the witness service ---- */

typedef struct ac_witness ac_witness;

/* A log the witness cosigns for: its origin (the checkpoint's first line, e.g.
 * "accord/0123456789abcdef") and its Ed25519 public key, 64 hex characters. */
typedef struct ac_witness_log {
    const char *origin;
    const char *public_key_hex;
} ac_witness_log;

#define AC_WITNESS_REPLY_MAX 512 /* a reply body, with its NUL */

/* Open the witness NAME (its key name in cosignatures, e.g. "oversight.example/w1") with
 * the Ed25519 secret key in KEY_PATH (hex; created 0600 when missing, refused when others
 * can read it) and its state in STATE_DIR (created 0700): the newest checkpoint cosigned
 * for each of the N_LOGS LOGS, loaded and checked again here. */
AC_API AC_NODISCARD ac_code ac_witness_open(const char *name,
                                            const char *key_path,
                                            const char *state_dir,
                                            const ac_witness_log *logs,
                                            size_t n_logs,
                                            ac_witness **out,
                                            ac_error *err);
AC_API void ac_witness_close(ac_witness *w); /* NULL is a no-op */

/* The witness's public key, 64 hex characters (static while W is open). */
AC_API const char *ac_witness_public_key(const ac_witness *w);

/* One add-checkpoint request (c2sp.org/tlog-witness): BODY is "old N\n", up to 63 base64
 * proof lines, a blank line, then the signed checkpoint.  Returns the HTTP status: 200
 * with the cosignature line in OUT (AC_WITNESS_REPLY_MAX bytes), 409 with the size the
 * witness holds ("N\n", *OUT_TYPE "text/x.tlog.size"), 400 malformed, 403 not signed by
 * the log's key, 404 unknown log, 422 the proof fails, 500 the state cannot be saved; on
 * every refusal ERR says why.  NOW_S stamps the cosignature (POSIX seconds).  The check
 * and the durable update of the state are one step (thread-safe). */
AC_API int ac_witness_add_checkpoint(ac_witness *w,
                                     const char *body,
                                     size_t len,
                                     int64_t now_s,
                                     char *out,
                                     const char **out_type,
                                     ac_error *err);

/* ---- the hub side ---- */

/* A witness the hub asks for cosignatures. */
typedef struct ac_cosigner {
    const char *url;            /* submission prefix: POST URL/add-checkpoint */
    const char *name;           /* the witness's key name */
    const char *public_key_hex; /* its Ed25519 public key, 64 hex characters */
    const char *ca_file;        /* CA certificates its TLS certificate must chain to, or NULL
                                   for the system's */
    uint64_t cosigned;          /* the newest size it cosigned, as far as we know (0 at start;
                                   a 409 reply corrects it) */
} ac_cosigner;

/* Send the hub's newest checkpoint to C with the consistency proof from C->cosigned; on a
 * 409, send again from the size the witness holds.  The cosignature returned is checked
 * with C's key and appended with the checkpoint to the hub's witness file; C->cosigned
 * becomes the checkpoint's size.  Reads on a reader connection; the network is used with
 * no connection held.  Nothing to send (C has the newest) is AC_OK.  *OUT_STATUS (may be
 * NULL) receives the witness's last HTTP status (0: unreachable or not asked). */
AC_API AC_NODISCARD ac_code ac_cosign_push(ac_hub *hub,
                                           ac_cosigner *c,
                                           int *out_status,
                                           ac_error *err);

/* The cosignatures of witness NAME (PUBLIC_KEY_HEX) in the witness file PATH of the log
 * whose key is LOG_KEY_HEX: every one must verify.  *OUT_NEWEST: the largest size it
 * cosigned (0: none).  AC_EINVAL naming the note whose cosignature is forged. */
AC_API AC_NODISCARD ac_code ac_cosign_check(const char *path,
                                            const char *log_key_hex,
                                            const char *name,
                                            const char *public_key_hex,
                                            uint64_t *out_newest,
                                            ac_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ACCORD_WITNESS_H */
