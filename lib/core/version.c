/* SPDX-License-Identifier: Apache-2.0
 *
 * version.c - the linked library's version.
 */
#include "internal.h"

#include "accord/version.h"

int
ac_version_number(void)
{
    return AC_VERSION_NUMBER;
}

const char *
ac_version_string(void)
{
    return AC_VERSION_STRING;
}
