/* SPDX-License-Identifier: Apache-2.0
 *
 * text.h - UTF-8 validation and the normalisation of names into matching keys.
 *
 * A name is stored twice: as entered (validated UTF-8, NFC, trimmed) for display, and
 * as a key for matching: NFKC, case folded, accents and marks removed, letters without
 * a decomposition folded by table (ø→o, ł→l, æ→ae, ß→ss), punctuation and apostrophes
 * removed or turned into spaces, runs of spaces collapsed.  "O'Brien" → "obrien",
 * "MÜLLER-Lüdenscheidt" → "muller ludenscheidt", "Ｊｏｈｎ" → "john".
 */
#ifndef ACCORD_TEXT_H
#define ACCORD_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* True when the N bytes at S are well-formed UTF-8 (no overlongs, no surrogates, no
 * code point above U+10FFFF).  On false, *BAD_AT (if not NULL) is the offset of the
 * first bad byte. */
AC_API bool ac_utf8_valid(const char *s, size_t n, size_t *bad_at);

/* ac_utf8_valid over a NUL-terminated string; NULL counts as valid (nothing to check). */
AC_API bool ac_utf8_valid_str(const char *s);

/* The display form of S: validated, NFC, control characters refused, leading and
 * trailing white space removed, inner runs of white space collapsed to one space.
 * *OUT lives in A.  AC_EINVAL for invalid UTF-8 or control characters. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3) ac_code
    ac_text_clean(const char *s, ac_arena *a, char **out, ac_error *err);

/* The matching key of S (see above).  *OUT lives in A; it may be "" when S holds no
 * letters or digits.  AC_EINVAL for invalid UTF-8. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 3) ac_code
    ac_text_key(const char *s, ac_arena *a, char **out, ac_error *err);

/* Same as ac_text_key into a caller buffer of CAP bytes (hot paths: no arena). *OUT_LEN
 * is the key's length.  AC_ENOMEM when the key does not fit. */
AC_API AC_NODISCARD AC_NONNULL(1, 2, 4) ac_code
    ac_text_key_buf(const char *s, char *buf, size_t cap, size_t *out_len, ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_TEXT_H */
