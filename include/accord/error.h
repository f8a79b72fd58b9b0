/* SPDX-License-Identifier: Apache-2.0
 *
 * error.h - result codes and the error record every fallible call fills.
 *
 * Every fallible public function returns ac_code and takes `ac_error *err` last; err
 * may be NULL.  The code is authoritative; the message adds what failed and why, in
 * words a person can act on.  Messages never hold personal data (names, dates of birth,
 * addresses, free text): they name record ids, fields, line numbers.
 */
#ifndef ACCORD_ERROR_H
#define ACCORD_ERROR_H

#include "accord/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ac_code {
    AC_OK = 0,
    AC_EINVAL = 1,    /* caller passed a bad argument or bad input data */
    AC_ENOMEM = 2,    /* allocation failed or a size limit was hit */
    AC_ENOTFOUND = 3, /* the record does not exist or is not visible to the caller */
    AC_ECONFLICT = 4, /* version or uniqueness conflict */
    AC_EDENIED = 5,   /* sharing policy forbids the operation */
    AC_ESTORAGE = 6,  /* the storage backend failed */
    AC_EMISUSE = 7,   /* API used out of order: a bug in the caller */
    AC_EIO = 8,       /* a file could not be read or written */
} ac_code;            /* values are ABI: append, never renumber */

#define AC_ERROR_MSG_MAX 256

typedef struct ac_error {
    ac_code code;
    char msg[AC_ERROR_MSG_MAX]; /* NUL-terminated; "" when code is AC_OK */
} ac_error;

/* Short stable name of a code ("not_found"); static text, never NULL. */
AC_API const char *ac_code_str(ac_code code);

/* Reset an error record to AC_OK and "". NULL is a no-op. */
AC_API void ac_error_clear(ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_ERROR_H */
