/* SPDX-License-Identifier: Apache-2.0
 *
 * person.c - cleaning and validation of person records and UK postcodes.  Pure: no
 * storage, no policy.
 */
#include "internal.h"

#include <ctype.h>

#include "accord/text.h"
#include "model/model.h"

char *
aci_compact_key(ac_arena *a, const char *s)
{
    size_t n = strlen(s), len = 0;
    char *k = ac_arena_alloc(a, n + 1);

    if (k == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (isalnum(c)) {
            k[len++] = (char)toupper(c);
        }
    }
    k[len] = '\0';
    return k;
}

ac_code
ac_postcode_normalise(const char *s, ac_arena *a, char **out, ac_error *err)
{
    char *k = aci_compact_key(a, s);
    size_t n, outward;
    bool ok;

    *out = NULL;
    if (k == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory reading a postcode");
    }
    n = strlen(k);
    ok = n >= 5 && n <= 7 && strlen(s) <= 10;
    outward = ok ? n - 3 : 0;
    /* inward code: digit letter letter */
    ok = ok && isdigit((unsigned char)k[n - 3]) && isalpha((unsigned char)k[n - 2]) &&
         isalpha((unsigned char)k[n - 1]);
    /* outward code: A9 A99 AA9 AA99 A9A AA9A */
    ok = ok && isalpha((unsigned char)k[0]);
    if (ok) {
        size_t i = isalpha((unsigned char)k[1]) ? 2 : 1;

        ok = i < outward && isdigit((unsigned char)k[i]);
        i++;
        if (ok && i < outward) {
            ok = i + 1 == outward && isalnum((unsigned char)k[i]);
        }
    }
    if (!ok && strcmp(k, "GIR0AA") != 0) {
        return aci_fail(err, AC_EINVAL, "not a UK postcode: expected a form such as 'B11 4AA'");
    }
    outward = n - 3;
    *out = ac_arena_printf(a, "%.*s %s", (int)outward, k, k + outward);
    return *out != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory reading a postcode");
}

ac_code
aci_clean_field(const char *s,
                size_t max,
                const char *field,
                ac_arena *a,
                const char **out,
                ac_error *err)
{
    char *clean = NULL;
    ac_code rc;

    *out = NULL;
    if (s == NULL) {
        return AC_OK;
    }
    if (strlen(s) > max) {
        return aci_fail(err, AC_EINVAL, "%s: longer than %zu bytes", field, max);
    }
    rc = ac_text_clean(s, a, &clean, err);
    if (rc != AC_OK) {
        aci_error_prefix(err, "%s: ", field);
        return rc;
    }
    *out = clean[0] != '\0' ? clean : NULL;
    return AC_OK;
}

/* aci_clean_field for the field GROUP[INDEX].NAME, whose path is only formatted when
 * there is an error to report (imports clean millions of fields). */
static ac_code
clean_part(const char *s,
           size_t max,
           const char *group,
           size_t index,
           const char *name,
           ac_arena *a,
           const char **out,
           ac_error *err)
{
    ac_code rc = aci_clean_field(s, max, "", a, out, err);

    if (rc != AC_OK && err != NULL) {
        /* the message starts ": reason": put the path in front */
        aci_error_prefix(err, "%s[%zu].%s", group, index, name);
    }
    return rc;
}

bool
aci_username_valid(const char *s)
{
    size_t n = strlen(s);

    if (n < 2 || n > 64 || !isalnum((unsigned char)s[0])) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (!(islower(c) || isdigit(c) || c == '.' || c == '_' || c == '-')) {
            return false;
        }
    }
    return true;
}

static ac_code
prepare_name(const ac_person_name *in, size_t i, ac_arena *a, ac_person_name *out, ac_error *err)
{
    char *key = NULL;
    ac_code rc;

    out->kind = in->kind;
    if ((unsigned)in->kind >= AC_NAME_KIND_COUNT) {
        return aci_fail(err, AC_EINVAL, "names[%zu].kind: unknown name kind", i);
    }
    rc = clean_part(in->given, ACI_NAME_PART_MAX, "names", i, "given", a, &out->given, err);
    if (rc == AC_OK) {
        rc = clean_part(in->middle, ACI_NAME_PART_MAX, "names", i, "middle", a, &out->middle, err);
    }
    if (rc == AC_OK) {
        rc = clean_part(in->family, ACI_NAME_PART_MAX, "names", i, "family", a, &out->family, err);
    }
    if (rc == AC_OK) {
        rc = clean_part(in->full, ACI_NAME_FULL_MAX, "names", i, "full", a, &out->full, err);
    }
    if (rc != AC_OK) {
        return rc;
    }
    if (out->full == NULL) {
        out->full = ac_arena_printf(
            a, "%s%s%s%s%s", out->given ? out->given : "",
            out->given && (out->middle || out->family) ? " " : "", out->middle ? out->middle : "",
            out->middle && out->family ? " " : "", out->family ? out->family : "");
        if (out->full == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory preparing a name");
        }
    }
    rc = ac_text_key(out->full, a, &key, err);
    if (rc != AC_OK) {
        aci_error_prefix(err, "names[%zu]: ", i);
        return rc;
    }
    if (key[0] == '\0') {
        return aci_fail(err, AC_EINVAL, "names[%zu]: a name needs at least one letter", i);
    }
    out->key = key;
    return AC_OK;
}

static ac_code
prepare_names(const ac_person *in, ac_arena *a, ac_person *out, ac_error *err)
{
    size_t n_primary = 0;

    if (in->n_names == 0) {
        return aci_fail(err, AC_EINVAL, "names: a person needs at least one name");
    }
    if (in->n_names > ACI_MAX_NAMES) {
        return aci_fail(err, AC_EINVAL, "names: more than %d names", ACI_MAX_NAMES);
    }
    out->names = ac_arena_zalloc(a, in->n_names * sizeof *out->names);
    if (out->names == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory preparing names");
    }
    out->n_names = in->n_names;
    for (size_t i = 0; i < in->n_names; i++) {
        ac_code rc = prepare_name(&in->names[i], i, a, &out->names[i], err);

        if (rc != AC_OK) {
            return rc;
        }
        n_primary += in->names[i].kind == AC_NAME_PRIMARY;
    }
    if (n_primary != 1) {
        return aci_fail(err, AC_EINVAL, "names: exactly one primary name is required, not %zu",
                        n_primary);
    }
    return AC_OK;
}

static ac_code
check_past(const ac_date *d, const ac_date *today, const char *field, ac_error *err)
{
    if (d->precision != AC_DATE_NONE && ac_date_cmp(d, today) > 0) {
        return aci_fail(err, AC_EINVAL, "%s: date is in the future", field);
    }
    return AC_OK;
}

static ac_code
prepare_address(const ac_address *in,
                size_t i,
                const ac_date *today,
                ac_arena *a,
                ac_address *out,
                ac_error *err)
{
    ac_code rc;

    rc = clean_part(in->line, ACI_TEXT_LINE_MAX, "addresses", i, "line", a, &out->line, err);
    if (rc == AC_OK) {
        rc = clean_part(in->town, ACI_TEXT_LINE_MAX, "addresses", i, "town", a, &out->town, err);
    }
    if (rc == AC_OK) {
        rc = clean_part(in->postcode, 16, "addresses", i, "postcode", a, &out->postcode, err);
    }
    if (rc != AC_OK) {
        return rc;
    }
    if (out->postcode != NULL) {
        char *pc = NULL;

        /* a UK postcode is normalised; anything else is kept as entered */
        if (ac_postcode_normalise(out->postcode, a, &pc, NULL) == AC_OK) {
            out->postcode = pc;
        }
    }
    if (out->line == NULL && out->town == NULL && out->postcode == NULL) {
        return aci_fail(err, AC_EINVAL,
                        "addresses[%zu]: an address needs a line, town or "
                        "postcode",
                        i);
    }
    out->from = in->from;
    out->to = in->to;
    if (out->from.precision != AC_DATE_NONE && ac_date_cmp(&out->from, today) > 0) {
        rc = aci_fail(err, AC_EINVAL, "addresses[%zu].from: date is in the future", i);
    }
    if (rc == AC_OK && out->from.precision && out->to.precision &&
        ac_date_cmp(&out->from, &out->to) > 0) {
        rc = aci_fail(err, AC_EINVAL, "addresses[%zu]: 'from' is after 'to'", i);
    }
    return rc;
}

static ac_code
prepare_identifier(const ac_identifier *in,
                   size_t i,
                   ac_arena *a,
                   ac_identifier *out,
                   ac_error *err)
{
    ac_code rc;

    out->kind = in->kind;
    if ((unsigned)in->kind >= AC_IDENT_KIND_COUNT) {
        return aci_fail(err, AC_EINVAL, "identifiers[%zu].kind: unknown identifier kind", i);
    }
    rc = clean_part(in->value, ACI_IDENT_MAX, "identifiers", i, "value", a, &out->value, err);
    if (rc == AC_OK) {
        rc =
            clean_part(in->issuer, ACI_IDENT_MAX, "identifiers", i, "issuer", a, &out->issuer, err);
    }
    if (rc == AC_OK && (out->value == NULL || aci_compact_key(a, out->value)[0] == '\0')) {
        rc = aci_fail(err, AC_EINVAL, "identifiers[%zu].value: needs letters or digits", i);
    }
    return rc;
}

ac_code
aci_person_prepare(const ac_person *in,
                   const ac_date *today,
                   ac_arena *a,
                   ac_person *out,
                   ac_error *err)
{
    ac_code rc;

    memset(out, 0, sizeof *out);
    out->agency_id = in->agency_id;
    rc = aci_clean_field(in->source_ref, ACI_REF_MAX, "source_ref", a, &out->source_ref, err);
    if (rc == AC_OK) {
        rc = prepare_names(in, a, out, err);
    }
    if (rc == AC_OK) {
        out->dob = in->dob;
        rc = check_past(&out->dob, today, "dob", err);
    }
    if (rc == AC_OK &&
        (in->n_addresses > ACI_MAX_ADDRESSES || in->n_identifiers > ACI_MAX_IDENTS)) {
        rc = aci_fail(err, AC_EINVAL, "too many addresses or identifiers");
    }
    if (rc == AC_OK && in->n_addresses > 0) {
        out->addresses = ac_arena_zalloc(a, in->n_addresses * sizeof *out->addresses);
        rc = out->addresses ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
        for (size_t i = 0; rc == AC_OK && i < in->n_addresses; i++) {
            rc = prepare_address(&in->addresses[i], i, today, a, &out->addresses[i], err);
        }
        out->n_addresses = in->n_addresses;
    }
    if (rc == AC_OK && in->n_identifiers > 0) {
        out->identifiers = ac_arena_zalloc(a, in->n_identifiers * sizeof *out->identifiers);
        rc = out->identifiers ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
        for (size_t i = 0; rc == AC_OK && i < in->n_identifiers; i++) {
            rc = prepare_identifier(&in->identifiers[i], i, a, &out->identifiers[i], err);
        }
        out->n_identifiers = in->n_identifiers;
    }
    if (rc == AC_OK) {
        out->review_date = in->review_date.precision != AC_DATE_NONE
                               ? in->review_date
                               : ac_date_add_years(today, ACI_REVIEW_YEARS);
    }
    return rc;
}
