/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_totp.h - checking a one-time code at sign-in.
 */
#ifndef ACI_HUB_TOTP_H
#define ACI_HUB_TOTP_H

#include "internal.h"

/* AC_OK when CODE is valid for the secret (hex) at NOW_MS within one step of drift and
 * newer than LAST_STEP; *OUT_STEP is then the step it belongs to.  AC_EDENIED otherwise. */
ac_code aci_totp_check(const char *secret_hex,
                       int64_t now_ms,
                       int64_t last_step,
                       const char *code,
                       int64_t *out_step);

#endif /* ACI_HUB_TOTP_H */
