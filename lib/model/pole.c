/* SPDX-License-Identifier: Apache-2.0
 *
 * pole.c - cleaning and validation of objects, locations, events and links (model.h).
 * Pure: no storage, no policy.
 */
#include "internal.h"

#include <math.h>

#include "accord/text.h"
#include "model/model.h"

#define WORD_MAX 40 /* an event kind or a link type: [a-z_] */
#define ID_MAX   64

static bool
word_valid(const char *s)
{
    size_t n = s != NULL ? strlen(s) : 0;

    if (n == 0 || n > WORD_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_')) {
            return false;
        }
    }
    return true;
}

/* A record id as a client may send it: 1..64 printable ASCII bytes. */
static bool
id_valid(const char *s)
{
    size_t n = 0;

    for (; s != NULL && s[n] != '\0' && n <= ID_MAX; n++) {
        if (s[n] <= ' ' || s[n] > '~') {
            return false;
        }
    }
    return n > 0 && n <= ID_MAX;
}

ac_code
aci_object_prepare(const ac_object *in,
                   ac_arena *a,
                   ac_object *out,
                   const char **key,
                   ac_error *err)
{
    ac_code rc;

    memset(out, 0, sizeof *out);
    *key = NULL;
    if ((unsigned)in->kind >= AC_OBJECT_KIND_COUNT) {
        return aci_fail(err, AC_EINVAL, "kind: vehicle, phone, email, online_account or document");
    }
    out->kind = in->kind;
    rc = aci_clean_field(in->value, ACI_IDENT_MAX * 4, "value", a, &out->value, err);
    if (rc == AC_OK && out->value == NULL) {
        rc = aci_fail(err, AC_EINVAL, "value: an object needs a value (a number, mark or address)");
    }
    if (rc == AC_OK) {
        rc = aci_clean_field(in->description, ACI_TEXT_LINE_MAX, "description", a,
                             &out->description, err);
    }
    if (rc == AC_OK) {
        *key = aci_compact_key(a, out->value);
        rc = *key == NULL ? aci_fail(err, AC_ENOMEM, "out of memory") : AC_OK;
    }
    if (rc == AC_OK && (*key)[0] == '\0') {
        rc = aci_fail(err, AC_EINVAL, "value: has no letters or digits");
    }
    return rc;
}

ac_code
aci_location_prepare(const ac_location *in,
                     ac_arena *a,
                     ac_location *out,
                     const char **postcode_key,
                     ac_error *err)
{
    ac_code rc;

    memset(out, 0, sizeof *out);
    *postcode_key = NULL;
    rc = aci_clean_field(in->name, ACI_TEXT_LINE_MAX, "name", a, &out->name, err);
    if (rc == AC_OK) {
        rc = aci_clean_field(in->line, ACI_TEXT_LINE_MAX, "line", a, &out->line, err);
    }
    if (rc == AC_OK) {
        rc = aci_clean_field(in->town, ACI_TEXT_LINE_MAX, "town", a, &out->town, err);
    }
    if (rc == AC_OK) {
        rc = aci_clean_field(in->postcode, 16, "postcode", a, &out->postcode, err);
    }
    if (rc == AC_OK && out->postcode != NULL) {
        char *pc = NULL;

        /* a UK postcode is normalised; anything else is kept as entered */
        if (ac_postcode_normalise(out->postcode, a, &pc, NULL) == AC_OK) {
            out->postcode = pc;
        }
        *postcode_key = aci_compact_key(a, out->postcode);
        rc = *postcode_key == NULL ? aci_fail(err, AC_ENOMEM, "out of memory") : AC_OK;
    }
    if (rc == AC_OK && in->has_position) {
        if (!isfinite(in->latitude) || in->latitude < -90 || in->latitude > 90) {
            rc = aci_fail(err, AC_EINVAL, "latitude: must be between -90 and 90");
        } else if (!isfinite(in->longitude) || in->longitude < -180 || in->longitude > 180) {
            rc = aci_fail(err, AC_EINVAL, "longitude: must be between -180 and 180");
        }
        out->has_position = true;
        out->latitude = in->latitude;
        out->longitude = in->longitude;
    }
    if (rc == AC_OK && out->name == NULL && out->line == NULL && out->town == NULL &&
        out->postcode == NULL && !out->has_position) {
        rc = aci_fail(err, AC_EINVAL,
                      "location: give at least a name, an address line, a town, a postcode or a "
                      "position");
    }
    return rc;
}

ac_code
aci_event_prepare(const ac_event *in,
                  const ac_date *today,
                  ac_arena *a,
                  ac_event *out,
                  ac_error *err)
{
    ac_code rc = AC_OK;

    memset(out, 0, sizeof *out);
    if (!word_valid(in->kind)) {
        return aci_fail(err, AC_EINVAL,
                        "kind: one word of lower-case letters and '_' (e.g. purchase, meeting), "
                        "at most %d",
                        WORD_MAX);
    }
    out->kind = ac_arena_strdup(a, in->kind);
    out->occurred_on = in->occurred_on;
    if (in->occurred_on.precision != AC_DATE_NONE && ac_date_cmp(&in->occurred_on, today) > 0) {
        rc = aci_fail(err, AC_EINVAL, "occurred_on: is in the future");
    }
    if (rc == AC_OK) {
        rc = aci_clean_field(in->description, ACI_TEXT_LINE_MAX * 4, "description", a,
                             &out->description, err);
    }
    if (rc == AC_OK && in->location_id != NULL && !id_valid(in->location_id)) {
        rc = aci_fail(err, AC_EINVAL, "location_id: not a record id");
    }
    if (rc == AC_OK && in->location_id != NULL) {
        out->location_id = ac_arena_strdup(a, in->location_id);
        rc = out->location_id == NULL ? aci_fail(err, AC_ENOMEM, "out of memory") : AC_OK;
    }
    if (rc == AC_OK && out->kind == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory");
    }
    return rc;
}

bool
aci_link_end_type_valid(const char *type)
{
    static const char *const types[] = { "person", "object", "location", "event", "item", "case" };

    for (size_t i = 0; type != NULL && i < ACI_ARRAY_LEN(types); i++) {
        if (strcmp(type, types[i]) == 0) {
            return true;
        }
    }
    return false;
}

ac_code
aci_link_prepare(const ac_link *in, ac_arena *a, ac_link *out, ac_error *err)
{
    ac_code rc = AC_OK;

    memset(out, 0, sizeof *out);
    if (!aci_link_end_type_valid(in->from_type) || !aci_link_end_type_valid(in->to_type)) {
        return aci_fail(err, AC_EINVAL, "%s: person, object, location, event, item or case",
                        aci_link_end_type_valid(in->from_type) ? "to_type" : "from_type");
    }
    if (!id_valid(in->from_id) || !id_valid(in->to_id)) {
        return aci_fail(err, AC_EINVAL, "%s: the id of the record to link",
                        id_valid(in->from_id) ? "to_id" : "from_id");
    }
    if (strcmp(in->from_id, in->to_id) == 0) {
        return aci_fail(err, AC_EINVAL, "to_id: a record cannot be linked to itself");
    }
    if (!word_valid(in->link_type)) {
        return aci_fail(err, AC_EINVAL,
                        "link_type: one word of lower-case letters and '_' (e.g. uses, lives_at)");
    }
    if (!isfinite(in->confidence) || in->confidence < 0 || in->confidence > 1) {
        return aci_fail(err, AC_EINVAL, "confidence: a number from 0 to 1");
    }
    if (in->status != AC_LINK_PROPOSED && in->status != AC_LINK_CONFIRMED) {
        return aci_fail(err, AC_EINVAL, "status: a new link is proposed or confirmed");
    }
    *out = *in;
    memset(&out->meta, 0, sizeof out->meta);
    out->from_type = ac_arena_strdup(a, in->from_type);
    out->to_type = ac_arena_strdup(a, in->to_type);
    out->from_id = ac_arena_strdup(a, in->from_id);
    out->to_id = ac_arena_strdup(a, in->to_id);
    out->link_type = ac_arena_strdup(a, in->link_type);
    rc = aci_clean_field(in->provenance, ACI_TEXT_LINE_MAX, "provenance", a, &out->provenance, err);
    if (rc == AC_OK && out->provenance == NULL) {
        rc = aci_fail(err, AC_EINVAL,
                      "provenance: say how the link is known (e.g. 'seen together, CCTV')");
    }
    if (rc == AC_OK && (out->from_type == NULL || out->to_type == NULL || out->from_id == NULL ||
                        out->to_id == NULL || out->link_type == NULL)) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory");
    }
    return rc;
}
