/* SPDX-License-Identifier: Apache-2.0
 *
 * version.h - the library version, at compile time and at run time.
 */
#ifndef ACCORD_VERSION_H
#define ACCORD_VERSION_H

#include "accord/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define AC_VERSION_STRING "0.1.0"
#define AC_VERSION_NUMBER 1000 /* X*1000000 + Y*1000 + Z */

/* The version of the library actually linked, to compare with AC_VERSION_NUMBER. */
AC_API int ac_version_number(void);
AC_API const char *ac_version_string(void);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_VERSION_H */
