/* SPDX-License-Identifier: Apache-2.0
 *
 * error.c - result code names and the helpers that fill an ac_error.
 */
#include "internal.h"

static const char *const code_names[] = {
    [AC_OK] = "ok",
    [AC_EINVAL] = "invalid",
    [AC_ENOMEM] = "too_large",
    [AC_ENOTFOUND] = "not_found",
    [AC_ECONFLICT] = "conflict",
    [AC_EDENIED] = "denied",
    [AC_ESTORAGE] = "storage",
    [AC_EMISUSE] = "misuse",
    [AC_EIO] = "io",
};

const char *
ac_code_str(ac_code code)
{
    if ((size_t)code < ACI_ARRAY_LEN(code_names) && code_names[code] != NULL) {
        return code_names[code];
    }
    return "unknown";
}

void
ac_error_clear(ac_error *err)
{
    if (err != NULL) {
        err->code = AC_OK;
        err->msg[0] = '\0';
    }
}

ac_code
aci_fail_at(ac_error *err, ac_code code, const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    (void)file;
    (void)line;
    if (err == NULL) {
        return code;
    }
    err->code = code;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

void
aci_error_prefix(ac_error *err, const char *fmt, ...)
{
    char prefix[AC_ERROR_MSG_MAX];
    char joined[AC_ERROR_MSG_MAX * 2];
    va_list ap;

    if (err == NULL) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    snprintf(joined, sizeof joined, "%s%s", prefix, err->msg);
    joined[sizeof err->msg - 1] = '\0'; /* keep what fits */
    memcpy(err->msg, joined, sizeof err->msg);
}

#ifdef ACCORD_TEST
static char armed_name[64];           /* the fault point that will fail, "" for none */
static unsigned long armed_countdown; /* passes left before it fails */

void
aci_fault_arm(const char *name, unsigned long nth)
{
    snprintf(armed_name, sizeof armed_name, "%s", name != NULL ? name : "");
    armed_countdown = nth;
}

bool
aci_fault_pending(void)
{
    return armed_countdown != 0;
}

static bool
armed_for(const char *name)
{
    size_t n = strlen(armed_name);

    if (n >= 2 && strcmp(armed_name + n - 2, ".*") == 0) {
        return strncmp(name, armed_name, n - 1) == 0;
    }
    return strcmp(name, armed_name) == 0;
}

ac_code
aci_fault_check(const char *name, ac_error *err)
{
    if (armed_countdown == 0 || !armed_for(name)) {
        return AC_OK;
    }
    if (--armed_countdown != 0) {
        return AC_OK;
    }
    return aci_fail(err, AC_ESTORAGE, "injected fault at '%s'", name);
}
#endif
