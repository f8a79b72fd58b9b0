/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_totp.h - checking a one-time code at sign-in, and the sign-in check that enrolling a
 * new second factor asks for again.
 */
#ifndef ACI_HUB_TOTP_H
#define ACI_HUB_TOTP_H

#include "internal.h"

/* (session.c) AC_OK when CODE is valid for the secret (hex) at NOW_MS within one step of drift and
 * newer than LAST_STEP; *OUT_STEP is then the step it belongs to.  AC_EDENIED otherwise. */
ac_code aci_session_totp_check(const char *secret_hex,
                               int64_t now_ms,
                               int64_t last_step,
                               const char *code,
                               int64_t *out_step);

/* Check USERNAME's PASSWORD, and CODE when a second factor is active, as a sign-in from
 * CLIENT does (session.c): the same delay after failures, the same bounded pool for the
 * hash, the same counting and audit, and the code is used up; but no session starts.
 * AC_EDENIED when refused; *OUT_RETRY_AFTER is then the seconds to wait, if any. */
ac_code aci_session_reauth(ac_hub *hub,
                           const char *client,
                           const char *username,
                           const char *password,
                           const char *code,
                           int *out_retry_after,
                           ac_error *err);

#endif /* ACI_HUB_TOTP_H */
