/* SPDX-License-Identifier: Apache-2.0
 *
 * names.c - the stable text names of every enumeration in the public API, and the
 * parsers that read them back from files, the CLI and the API.
 */
#include "internal.h"

#include <ctype.h>

#include "accord/item.h"
#include "accord/party.h"
#include "accord/person.h"
#include "accord/pole.h"
#include "model/model.h"

static const char *const agency_kinds[AC_AGENCY_KIND_COUNT] = {
    "security_service",
    "ct_policing",
    "police_force",
    "local_authority",
    "probation",
    "prison",
    "health",
    "education",
    "charity_regulator",
    "private_sector",
    "international_partner",
};
static const char *const vettings[AC_VETTING_COUNT] = { "none", "bpss", "ctc", "sc", "dv" };
static const char *const roles[] = { "admin",        "analyst",  "caseworker", "panel_member",
                                     "duty_officer", "reporter", "auditor" };
static const char *const user_statuses[AC_USER_STATUS_COUNT] = { "active", "suspended",
                                                                 "disabled" };
static const char *const name_kinds[AC_NAME_KIND_COUNT] = { "primary", "alias", "former",
                                                            "transliteration" };
static const char *const ident_kinds[AC_IDENT_KIND_COUNT] = { "passport", "ni_number", "pnc_id",
                                                              "driving_licence", "other" };

static const char *
name_at(const char *const *table, size_t n, int v)
{
    return v >= 0 && (size_t)v < n ? table[v] : "unknown";
}

const char *
ac_agency_kind_str(ac_agency_kind kind)
{
    return name_at(agency_kinds, ACI_ARRAY_LEN(agency_kinds), (int)kind);
}

const char *
ac_vetting_str(ac_vetting v)
{
    return name_at(vettings, ACI_ARRAY_LEN(vettings), (int)v);
}

const char *
ac_role_str(ac_role role)
{
    for (size_t i = 0; i < ACI_ARRAY_LEN(roles); i++) {
        if ((unsigned)role == 1u << i) {
            return roles[i];
        }
    }
    return "unknown";
}

const char *
ac_user_status_str(ac_user_status s)
{
    return name_at(user_statuses, ACI_ARRAY_LEN(user_statuses), (int)s);
}

const char *
ac_name_kind_str(ac_name_kind k)
{
    return name_at(name_kinds, ACI_ARRAY_LEN(name_kinds), (int)k);
}

const char *
ac_identifier_kind_str(ac_identifier_kind k)
{
    return name_at(ident_kinds, ACI_ARRAY_LEN(ident_kinds), (int)k);
}

/* Compare a user's word with a stable name: case-insensitive, ' ' and '-' as '_'. */
static bool
word_is(const char *s, size_t n, const char *name)
{
    size_t i = 0;

    for (; i < n && name[i] != '\0'; i++) {
        char c = (char)tolower((unsigned char)s[i]);

        if (c == ' ' || c == '-') {
            c = '_';
        }
        if (c != name[i]) {
            return false;
        }
    }
    return i == n && name[i] == '\0';
}

static ac_code
parse_in(const char *s,
         size_t n,
         const char *const *table,
         size_t count,
         const char *what,
         int *out,
         ac_error *err)
{
    char list[AC_ERROR_MSG_MAX / 2];
    size_t used = 0;

    for (size_t i = 0; i < count; i++) {
        if (word_is(s, n, table[i])) {
            *out = (int)i;
            return AC_OK;
        }
    }
    list[0] = '\0';
    for (size_t i = 0; i < count && used < sizeof list; i++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", table[i]);

        used += w > 0 ? (size_t)w : 0;
    }
    return aci_fail(err, AC_EINVAL, "unknown %s: expected one of %s", what, list);
}

int
aci_enum_parse(const char *s,
               const char *const *table,
               size_t count,
               const char *what,
               ac_error *err)
{
    int v = -1;

    if (parse_in(s, strlen(s), table, count, what, &v, err) != AC_OK) {
        return -1;
    }
    return v;
}

ac_code
ac_agency_kind_parse(const char *s, ac_agency_kind *out, ac_error *err)
{
    int v = aci_enum_parse(s, agency_kinds, ACI_ARRAY_LEN(agency_kinds), "agency kind", err);

    *out = v < 0 ? AC_AGENCY_SECURITY_SERVICE : (ac_agency_kind)v;
    return v < 0 ? AC_EINVAL : AC_OK;
}

ac_code
ac_vetting_parse(const char *s, ac_vetting *out, ac_error *err)
{
    int v = aci_enum_parse(s, vettings, ACI_ARRAY_LEN(vettings), "vetting level", err);

    *out = v < 0 ? AC_VETTING_NONE : (ac_vetting)v;
    return v < 0 ? AC_EINVAL : AC_OK;
}

ac_code
ac_user_status_parse(const char *s, ac_user_status *out, ac_error *err)
{
    int v = aci_enum_parse(s, user_statuses, ACI_ARRAY_LEN(user_statuses), "user status", err);

    *out = v < 0 ? AC_USER_ACTIVE : (ac_user_status)v;
    return v < 0 ? AC_EINVAL : AC_OK;
}

ac_code
aci_enum_set_parse(const char *s,
                   const char *const *table,
                   size_t count,
                   const char *what,
                   unsigned *out,
                   ac_error *err)
{
    unsigned set = 0;

    *out = 0;
    while (*s != '\0') {
        size_t n = strcspn(s, ",");
        int v = -1;

        while (n > 0 && *s == ' ') {
            s++, n--;
        }
        while (n > 0 && s[n - 1] == ' ') {
            n--;
        }
        if (n > 0 && parse_in(s, n, table, count, what, &v, err) != AC_OK) {
            return AC_EINVAL;
        }
        if (v >= 0) {
            set |= 1u << v;
        }
        s += strcspn(s, ",");
        s += *s == ',';
    }
    *out = set;
    return AC_OK;
}

ac_code
ac_roles_parse(const char *s, unsigned *out, ac_error *err)
{
    ac_code rc = aci_enum_set_parse(s, roles, ACI_ARRAY_LEN(roles), "role", out, err);

    if (rc == AC_OK && *out == 0) {
        return aci_fail(err, AC_EINVAL,
                        "no role given: name at least one of admin, analyst, "
                        "caseworker, panel_member, duty_officer, reporter, "
                        "auditor");
    }
    return rc;
}

char *
aci_enum_set_format(ac_arena *a, const char *const *table, size_t count, unsigned set)
{
    char buf[512];
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < count && used < sizeof buf; i++) {
        if (set & (1u << i)) {
            int w = snprintf(buf + used, sizeof buf - used, "%s%s", used ? "," : "", table[i]);

            used += w > 0 ? (size_t)w : 0;
        }
    }
    return ac_arena_strdup(a, buf);
}

char *
ac_roles_format(ac_arena *a, unsigned set)
{
    return aci_enum_set_format(a, roles, ACI_ARRAY_LEN(roles), set);
}

ac_code
ac_name_kind_parse(const char *s, ac_name_kind *out, ac_error *err)
{
    int v = aci_enum_parse(s, name_kinds, ACI_ARRAY_LEN(name_kinds), "name kind", err);

    *out = v < 0 ? AC_NAME_PRIMARY : (ac_name_kind)v;
    return v < 0 ? AC_EINVAL : AC_OK;
}

ac_code
ac_identifier_kind_parse(const char *s, ac_identifier_kind *out, ac_error *err)
{
    static const struct {
        const char *word;
        ac_identifier_kind kind;
    } synonyms[] = {
        { "nino", AC_IDENT_NI_NUMBER },
        { "ni", AC_IDENT_NI_NUMBER },
        { "national_insurance", AC_IDENT_NI_NUMBER },
        { "pnc", AC_IDENT_PNC_ID },
        { "dl", AC_IDENT_DRIVING_LICENCE },
        { "driving_license", AC_IDENT_DRIVING_LICENCE },
    };
    int v;

    for (size_t i = 0; i < ACI_ARRAY_LEN(synonyms); i++) {
        if (word_is(s, strlen(s), synonyms[i].word)) {
            *out = synonyms[i].kind;
            return AC_OK;
        }
    }
    v = aci_enum_parse(s, ident_kinds, ACI_ARRAY_LEN(ident_kinds), "identifier kind", err);
    *out = v < 0 ? AC_IDENT_OTHER : (ac_identifier_kind)v;
    return v < 0 ? AC_EINVAL : AC_OK;
}

static const char *const classifications[AC_CLASS_COUNT] = { "official", "official_sensitive",
                                                             "secret", "top_secret" };
static const char *const case_types[AC_CASE_TYPE_COUNT] = {
    "soi", "maa_review", "prevent_referral", "channel", "offender_notification", "general"
};
static const char *const caveat_names[] = { "uk_eyes_only", "iss" };

const char *
ac_classification_str(ac_classification c)
{
    return name_at(classifications, ACI_ARRAY_LEN(classifications), (int)c);
}

ac_code
ac_classification_parse(const char *s, ac_classification *out, ac_error *err)
{
    int v =
        aci_enum_parse(s, classifications, ACI_ARRAY_LEN(classifications), "classification", err);

    *out = v < 0 ? AC_CLASS_OFFICIAL : (ac_classification)v;
    return v < 0 ? AC_EINVAL : AC_OK;
}

const char *
ac_case_type_str(ac_case_type t)
{
    return name_at(case_types, ACI_ARRAY_LEN(case_types), (int)t);
}

ac_code
ac_case_type_parse(const char *s, ac_case_type *out, ac_error *err)
{
    int v = aci_enum_parse(s, case_types, ACI_ARRAY_LEN(case_types), "case type", err);

    *out = v < 0 ? AC_CASE_GENERAL : (ac_case_type)v;
    return v < 0 ? AC_EINVAL : AC_OK;
}

ac_code
ac_caveats_parse(const char *s, unsigned *out, ac_error *err)
{
    return aci_enum_set_parse(s, caveat_names, ACI_ARRAY_LEN(caveat_names), "caveat", out, err);
}

char *
aci_caveats_format(ac_arena *a, unsigned set)
{
    return aci_enum_set_format(a, caveat_names, ACI_ARRAY_LEN(caveat_names), set);
}

static const char *const object_kinds[] = { "vehicle", "phone", "email", "online_account",
                                            "document" };
static const char *const link_statuses[] = { "proposed", "confirmed", "rejected", "retracted" };

const char *
ac_object_kind_str(ac_object_kind k)
{
    return name_at(object_kinds, ACI_ARRAY_LEN(object_kinds), (int)k);
}

ac_code
ac_object_kind_parse(const char *s, ac_object_kind *out, ac_error *err)
{
    int v = aci_enum_parse(s, object_kinds, ACI_ARRAY_LEN(object_kinds), "object kind", err);

    *out = v < 0 ? AC_OBJECT_VEHICLE : (ac_object_kind)v;
    return v < 0 ? AC_EINVAL : AC_OK;
}

const char *
ac_link_status_str(ac_link_status s)
{
    return name_at(link_statuses, ACI_ARRAY_LEN(link_statuses), (int)s);
}

ac_code
ac_link_status_parse(const char *s, ac_link_status *out, ac_error *err)
{
    int v = aci_enum_parse(s, link_statuses, ACI_ARRAY_LEN(link_statuses), "link status", err);

    *out = v < 0 ? AC_LINK_PROPOSED : (ac_link_status)v;
    return v < 0 ? AC_EINVAL : AC_OK;
}
