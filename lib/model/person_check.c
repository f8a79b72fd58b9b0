/* SPDX-License-Identifier: Apache-2.0
 *
 * person_check.c - the identifying fields of a person record checked as an import should
 * check them (person_edit.h): postcodes, National Insurance numbers and PNC ids.  Pure.
 * Messages name the field and the rule, never the value (it is personal data).
 *
 * Sources:
 *   NI numbers: HMRC National Insurance Manual NIM39110, "What a NINO looks like"
 *     (https://www.gov.uk/hmrc-internal-manuals/national-insurance-manual/nim39110): two
 *     prefix letters, six digits, a suffix A, B, C or D; D, F, I, Q, U and V are never
 *     either prefix letter; O is never the second; BG, GB, KN, NK, NT, TN and ZZ are not
 *     used.  Spaces, as in "QQ 12 34 56 A", are ignored.
 *   PNC ids: the Criminal Justice data standard "Police National Computer Id"
 *     (https://www.criminaljusticehub.org.uk/jargon-buster/police-national-computer-id-pnc-id/):
 *     displayed YY/NNNNNNND, a two-digit year, a serial of up to seven digits (leading
 *     zeroes suppressed) and a check character, a letter other than I, O or S.  The full
 *     form with the century (YYYY/NNNNNNND) is accepted too.
 *   Postcodes: the shapes of ac_postcode_normalise (A9 9AA ... AA9A 9AA, and GIR 0AA).
 */
#include "internal.h"

#include <ctype.h>

#include "accord/person_edit.h"
#include "model/model.h"

static bool
nino_ok(const char *s)
{
    static const char *const unused[] = { "BG", "GB", "KN", "NK", "NT", "TN", "ZZ" };
    char k[16];
    size_t n = 0;

    for (const char *c = s; *c != '\0'; c++) {
        if (*c == ' ') {
            continue;
        }
        if (n + 1 >= sizeof k) {
            return false;
        }
        k[n++] = (char)toupper((unsigned char)*c);
    }
    k[n] = '\0';
    if (n != 9 || !isupper((unsigned char)k[0]) || !isupper((unsigned char)k[1]) ||
        strchr("DFIQUV", k[0]) != NULL || strchr("DFIQUVO", k[1]) != NULL ||
        strchr("ABCD", k[8]) == NULL) {
        return false;
    }
    for (size_t i = 2; i < 8; i++) {
        if (!isdigit((unsigned char)k[i])) {
            return false;
        }
    }
    for (size_t i = 0; i < sizeof unused / sizeof unused[0]; i++) {
        if (memcmp(k, unused[i], 2) == 0) {
            return false;
        }
    }
    return true;
}

static bool
pnc_ok(const char *s)
{
    size_t year = strspn(s, "0123456789"), serial;
    char check;

    if ((year != 2 && year != 4) || s[year] != '/') {
        return false;
    }
    s += year + 1;
    serial = strspn(s, "0123456789");
    check = (char)toupper((unsigned char)s[serial]);
    return serial >= 1 && serial <= 7 && check >= 'A' && check <= 'Z' &&
           strchr("IOS", check) == NULL && s[serial + 1] == '\0';
}

ac_code
ac_person_check_identifiers(const ac_person *p, ac_error *err)
{
    for (size_t i = 0; i < p->n_addresses; i++) {
        const char *pc = p->addresses[i].postcode;
        ac_arena *a;
        char *norm = NULL;
        ac_code rc;

        if (pc == NULL || pc[0] == '\0') {
            continue;
        }
        a = ac_arena_new(0);
        if (a == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory checking a postcode");
        }
        rc = ac_postcode_normalise(pc, a, &norm, NULL);
        ac_arena_free(a);
        if (rc == AC_ENOMEM) {
            return aci_fail(err, AC_ENOMEM, "out of memory checking a postcode");
        }
        if (rc != AC_OK) {
            return aci_fail(err, AC_EINVAL,
                            "addresses[%zu].postcode: not a UK postcode: write it as in "
                            "'B11 4AA', or leave it out for an address abroad",
                            i);
        }
    }
    for (size_t i = 0; i < p->n_identifiers; i++) {
        const ac_identifier *d = &p->identifiers[i];

        if (d->value == NULL) {
            continue;
        }
        if (d->kind == AC_IDENT_NI_NUMBER && !nino_ok(d->value)) {
            return aci_fail(err, AC_EINVAL,
                            "identifiers[%zu].value: not a National Insurance number: two "
                            "letters, six digits and A, B, C or D, as in 'AB 12 34 56 C' (HMRC "
                            "NIM39110)",
                            i);
        }
        if (d->kind == AC_IDENT_PNC_ID && !pnc_ok(d->value)) {
            return aci_fail(err, AC_EINVAL,
                            "identifiers[%zu].value: not a PNC id: a year, '/', up to seven "
                            "digits and a check letter, as in '05/123456X'",
                            i);
        }
    }
    return AC_OK;
}

/* The primary name of P, or NULL. */
static ac_person_name *
primary_name(ac_person *p)
{
    for (size_t i = 0; i < p->n_names; i++) {
        if (p->names[i].kind == AC_NAME_PRIMARY) {
            return &p->names[i];
        }
    }
    return NULL;
}

static ac_code
set_name(ac_person *p, const char *field, const char *v, ac_error *err)
{
    ac_person_name *n = primary_name(p);

    if (n == NULL) {
        return aci_fail(err, AC_EINVAL, "names: the record has no primary name");
    }
    if (strcmp(field, "full") == 0) {
        n->full = v;
        return AC_OK;
    }
    if (strcmp(field, "given") == 0) {
        n->given = v;
    } else if (strcmp(field, "middle") == 0) {
        n->middle = v;
    } else {
        n->family = v;
    }
    n->full = NULL; /* derived again from the parts */
    return AC_OK;
}

static ac_code
set_address(ac_person *p, const char *field, const char *v, ac_arena *a, ac_error *err)
{
    ac_address *d;

    if (p->n_addresses == 0) {
        if (v == NULL) {
            return AC_OK;
        }
        p->addresses = ac_arena_zalloc(a, sizeof *p->addresses);
        if (p->addresses == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory editing a person");
        }
        p->n_addresses = 1;
    }
    d = &p->addresses[0];
    if (strcmp(field, "address") == 0) {
        d->line = v;
    } else if (strcmp(field, "town") == 0) {
        d->town = v;
    } else {
        d->postcode = v;
    }
    if (d->line == NULL && d->town == NULL && d->postcode == NULL) {
        memmove(p->addresses, p->addresses + 1, (p->n_addresses - 1) * sizeof *p->addresses);
        p->n_addresses--;
    }
    return AC_OK;
}

static ac_code
set_identifier(ac_person *p, ac_identifier_kind kind, const char *v, ac_arena *a, ac_error *err)
{
    ac_identifier *list;

    for (size_t i = 0; i < p->n_identifiers; i++) {
        if (p->identifiers[i].kind != kind) {
            continue;
        }
        if (v != NULL) {
            p->identifiers[i].value = v;
        } else {
            memmove(&p->identifiers[i], &p->identifiers[i + 1],
                    (p->n_identifiers - i - 1) * sizeof *p->identifiers);
            p->n_identifiers--;
        }
        return AC_OK;
    }
    if (v == NULL) {
        return AC_OK;
    }
    list = ac_arena_zalloc(a, (p->n_identifiers + 1) * sizeof *list);
    if (list == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory editing a person");
    }
    if (p->n_identifiers > 0) {
        memcpy(list, p->identifiers, p->n_identifiers * sizeof *list);
    }
    list[p->n_identifiers].kind = kind;
    list[p->n_identifiers].value = v;
    p->identifiers = list;
    p->n_identifiers++;
    return AC_OK;
}

ac_code
ac_person_set_field(ac_person *p, const char *field, const char *value, ac_arena *a, ac_error *err)
{
    static const struct {
        const char *name;
        ac_identifier_kind kind;
    } idents[] = { { "ni", AC_IDENT_NI_NUMBER },
                   { "pnc", AC_IDENT_PNC_ID },
                   { "passport", AC_IDENT_PASSPORT },
                   { "dl", AC_IDENT_DRIVING_LICENCE } };
    const char *v = value[0] != '\0' ? ac_arena_strdup(a, value) : NULL;

    if (value[0] != '\0' && v == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory editing a person");
    }
    if (strcmp(field, "given") == 0 || strcmp(field, "middle") == 0 ||
        strcmp(field, "family") == 0 || strcmp(field, "full") == 0) {
        return set_name(p, field, v, err);
    }
    if (strcmp(field, "address") == 0 || strcmp(field, "town") == 0 ||
        strcmp(field, "postcode") == 0) {
        return set_address(p, field, v, a, err);
    }
    if (strcmp(field, "ref") == 0) {
        p->source_ref = v;
        return AC_OK;
    }
    if (strcmp(field, "dob") == 0) {
        ac_date d = { 0 };

        if (v != NULL && ac_date_parse(v, &d, NULL) != AC_OK) {
            return aci_fail(err, AC_EINVAL,
                            "dob: not a date: write 1985-03-07, 07/03/1985, 1985-03 or 1985");
        }
        p->dob = d;
        return AC_OK;
    }
    for (size_t i = 0; i < sizeof idents / sizeof idents[0]; i++) {
        if (strcmp(field, idents[i].name) == 0) {
            return set_identifier(p, idents[i].kind, v, a, err);
        }
    }
    return aci_fail(err, AC_EINVAL,
                    "'%s': not a field of a person: given, middle, family, full, dob, address, "
                    "town, postcode, ni, pnc, passport, dl or ref",
                    field);
}
