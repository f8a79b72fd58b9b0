/* SPDX-License-Identifier: Apache-2.0
 *
 * common.h - attribute macros shared by every public header.  Included by the other
 * headers; callers need not include it themselves.
 */
#ifndef ACCORD_COMMON_H
#define ACCORD_COMMON_H

#if defined(__GNUC__) || defined(__clang__)
#define AC_API              __attribute__((visibility("default")))
#define AC_NODISCARD        __attribute__((warn_unused_result))
#define AC_NONNULL(...)     __attribute__((nonnull(__VA_ARGS__)))
#define AC_PRINTF(fmt, arg) __attribute__((format(printf, fmt, arg)))
#else
#define AC_API
#define AC_NODISCARD
#define AC_NONNULL(...)
#define AC_PRINTF(fmt, arg)
#endif

#endif /* ACCORD_COMMON_H */
