/* SPDX-License-Identifier: Apache-2.0
 *
 * person_json.c - a person as JSON (jansson stays inside this file).
 */
#include "internal.h"

#include <jansson.h>

#include "accord/person.h"

/* Set KEY to the string V when V is not NULL; false when out of memory. */
static bool
put_str(json_t *o, const char *key, const char *v)
{
    return v == NULL || json_object_set_new(o, key, json_string(v)) == 0;
}

static bool
put_date(json_t *o, const char *key, const ac_date *d)
{
    char buf[AC_DATE_TEXT_MAX];

    return d->precision == AC_DATE_NONE ||
           json_object_set_new(o, key, json_string(ac_date_format(d, buf))) == 0;
}

static json_t *
names_json(const ac_person *p)
{
    json_t *arr = json_array();

    for (size_t i = 0; arr != NULL && i < p->n_names; i++) {
        const ac_person_name *n = &p->names[i];
        json_t *o = json_object();

        if (o == NULL || !put_str(o, "kind", ac_name_kind_str(n->kind)) ||
            !put_str(o, "given", n->given) || !put_str(o, "middle", n->middle) ||
            !put_str(o, "family", n->family) || !put_str(o, "full", n->full) ||
            json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *
addresses_json(const ac_person *p)
{
    json_t *arr = json_array();

    for (size_t i = 0; arr != NULL && i < p->n_addresses; i++) {
        const ac_address *d = &p->addresses[i];
        json_t *o = json_object();

        if (o == NULL || !put_str(o, "line", d->line) || !put_str(o, "town", d->town) ||
            !put_str(o, "postcode", d->postcode) || !put_date(o, "from", &d->from) ||
            !put_date(o, "to", &d->to) || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

static json_t *
identifiers_json(const ac_person *p)
{
    json_t *arr = json_array();

    for (size_t i = 0; arr != NULL && i < p->n_identifiers; i++) {
        const ac_identifier *d = &p->identifiers[i];
        json_t *o = json_object();

        if (o == NULL || !put_str(o, "kind", ac_identifier_kind_str(d->kind)) ||
            !put_str(o, "value", d->value) || !put_str(o, "issuer", d->issuer) ||
            json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return NULL;
        }
    }
    return arr;
}

ac_code
ac_person_to_json(const ac_person *p, ac_arena *a, char **out, ac_error *err)
{
    json_t *o = json_object();
    char *text = NULL;
    bool ok;

    *out = NULL;
    ok = o != NULL && put_str(o, "id", p->id) && put_str(o, "agency_id", p->agency_id) &&
         put_str(o, "source_ref", p->source_ref) && put_date(o, "dob", &p->dob) &&
         json_object_set_new(o, "names", names_json(p)) == 0 &&
         json_object_set_new(o, "addresses", addresses_json(p)) == 0 &&
         json_object_set_new(o, "identifiers", identifiers_json(p)) == 0 &&
         put_date(o, "review_date", &p->review_date) && put_str(o, "created_at", p->created_at) &&
         put_str(o, "updated_at", p->updated_at) &&
         json_object_set_new(o, "version", json_integer(p->version)) == 0;
    if (ok) {
        text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        ok = text != NULL && (*out = ac_arena_strdup(a, text)) != NULL;
    }
    json_decref(o);
    if (text != NULL) {
        /* jansson allocates with its own functions; give the text back to it */
        json_free_t free_fn;

        json_get_alloc_funcs(NULL, &free_fn);
        free_fn(text);
    }
    return ok ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory writing JSON");
}
