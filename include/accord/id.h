/* SPDX-License-Identifier: Apache-2.0
 *
 * id.h - record ids: 26 characters of Crockford base32 (ULID layout), 48 bits of
 * milliseconds then 80 bits of randomness, so ids sort by creation time as text and
 * never collide in practice.  Within one generator, ids are strictly increasing even in
 * the same millisecond.
 */
#ifndef ACCORD_ID_H
#define ACCORD_ID_H

#include <stdbool.h>
#include <stdint.h>

#include "accord/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_ID_LEN 26

/* True when S is a well-formed id (length and alphabet; upper or lower case). */
AC_API bool ac_id_valid(const char *s);

/* Milliseconds since the Unix epoch encoded in a valid id S. */
AC_API AC_NONNULL(1) int64_t ac_id_time_ms(const char *s);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_ID_H */
