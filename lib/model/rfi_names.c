/* SPDX-License-Identifier: Apache-2.0
 *
 * rfi_names.c - the stable names of requests for information and person disclosures
 * (include/accord/rfi.h): urgencies, outcomes and the fields a disclosure releases.
 */
#include "internal.h"

#include <stdio.h>

#include "accord/rfi.h"

static const char *const urgency_names[] = { "routine", "urgent", "immediate" };
static const char *const status_names[] = { "open", "disclosed", "refused", "no_information" };

const char *
ac_rfi_urgency_str(ac_rfi_urgency u)
{
    return (unsigned)u < AC_RFI_URGENCY_COUNT ? urgency_names[u] : "unknown";
}

const char *
ac_rfi_status_str(ac_rfi_status s)
{
    return (unsigned)s < AC_RFI_STATUS_COUNT ? status_names[s] : "unknown";
}

ac_code
ac_rfi_urgency_parse(const char *s, ac_rfi_urgency *out, ac_error *err)
{
    for (int i = 0; i < AC_RFI_URGENCY_COUNT; i++) {
        if (strcmp(s, urgency_names[i]) == 0) {
            *out = (ac_rfi_urgency)i;
            return AC_OK;
        }
    }
    return aci_fail(err, AC_EINVAL, "urgency: say routine, urgent or immediate");
}

static const char *const field_names[] = { "names", "dob", "addresses", "identifiers", "summary" };

ac_code
ac_pd_fields_parse(const char *s, unsigned *out, ac_error *err)
{
    const char *p = s;

    *out = 0;
    while (*p != '\0') {
        size_t n = strcspn(p, ",");
        bool known = false;

        for (unsigned i = 0; i < ACI_ARRAY_LEN(field_names); i++) {
            if (strlen(field_names[i]) == n && memcmp(field_names[i], p, n) == 0) {
                *out |= 1u << i;
                known = true;
            }
        }
        if (!known) {
            return aci_fail(err, AC_EINVAL,
                            "fields: '%.*s' is not one; name some of names, dob, addresses, "
                            "identifiers, summary (comma-separated)",
                            (int)(n > 40 ? 40 : n), p);
        }
        p += n;
        p += *p == ',';
    }
    return *out != 0 ? AC_OK
                     : aci_fail(err, AC_EINVAL,
                                "fields: name at least one of names, dob, addresses, identifiers, "
                                "summary");
}

char *
ac_pd_fields_format(ac_arena *a, unsigned fields)
{
    char buf[80] = "";
    size_t n = 0;

    for (unsigned i = 0; i < ACI_ARRAY_LEN(field_names); i++) {
        if (fields & (1u << i)) {
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? "," : "", field_names[i]);
        }
    }
    return ac_arena_strdup(a, buf);
}
