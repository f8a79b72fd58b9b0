/* SPDX-License-Identifier: Apache-2.0
 *
 * model_json.c - the model saved and loaded as JSON:
 *   {"accord_linkage_model": 1, "lambda": P,
 *    "comparisons": [{"name": "given_name", "levels": [{"name": ..., "m": ..., "u": ...}]}]}
 * and a Splink model read in: its prior ("probability_two_random_records_match") and the
 * m and u of each comparison's non-null levels, in order, for the comparisons whose
 * output column names ours (first_name -> given_name, surname -> family_name, ...).
 */
#include "internal.h"

#include <jansson.h>

#include "link/link_int.h"

ac_code
ac_linkage_model_json(ac_linkage *lk, ac_arena *a, char **out, ac_error *err)
{
    json_t *o, *arr;
    char *text;
    ac_code rc;

    *out = NULL;
    if (!lk->trained) {
        return aci_fail(err, AC_EMISUSE, "no model yet: train or load one");
    }
    rc = lk->n[0] > 0 ? aci_lk_prepare(lk, err) : AC_OK; /* which comparisons are used */
    if (rc != AC_OK) {
        return rc;
    }
    arr = json_array();
    for (int c = 0; c < ACI_CMP_COUNT; c++) {
        json_t *levels = json_array();

        for (unsigned l = 0; l < aci_cmps[c].n_levels; l++) {
            json_array_append_new(levels,
                                  json_pack("{s:s, s:f, s:f}", "name", aci_cmps[c].level_names[l],
                                            "m", lk->m[c][l], "u", lk->u[c][l]));
        }
        json_array_append_new(arr, json_pack("{s:s, s:b, s:o}", "name", aci_cmps[c].name, "active",
                                             lk->active[c], "levels", levels));
    }
    o = json_pack("{s:i, s:f, s:o}", "accord_linkage_model", 1, "lambda", lk->lambda, "comparisons",
                  arr);
    text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(o);
    *out = text != NULL ? ac_arena_strdup(a, text) : NULL;
    if (text != NULL) { /* jansson allocated it: give it back */
        json_free_t free_fn;

        json_get_alloc_funcs(NULL, &free_fn);
        free_fn(text);
    }
    return *out != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
}

/* Our comparison for a name in a model file (ours, or Splink's usual column names). */
static int
comparison_named(const char *name)
{
    static const struct {
        const char *alias;
        int cmp;
    } aliases[] = { { "first_name", ACI_CMP_GIVEN },
                    { "forename", ACI_CMP_GIVEN },
                    { "given_name", ACI_CMP_GIVEN },
                    { "surname", ACI_CMP_FAMILY },
                    { "last_name", ACI_CMP_FAMILY },
                    { "family_name", ACI_CMP_FAMILY },
                    { "full_name", ACI_CMP_FULL },
                    { "name", ACI_CMP_FULL },
                    { "middle_name", ACI_CMP_MIDDLE },
                    { "dob", ACI_CMP_DOB },
                    { "date_of_birth", ACI_CMP_DOB },
                    { "postcode", ACI_CMP_POSTCODE },
                    { "postcode_fake", ACI_CMP_POSTCODE },
                    { "address", ACI_CMP_ADDRESS },
                    { "address_1", ACI_CMP_ADDRESS },
                    { "city", ACI_CMP_TOWN },
                    { "town", ACI_CMP_TOWN },
                    { "suburb", ACI_CMP_TOWN },
                    { "identifier", ACI_CMP_IDENT },
                    { "soc_sec_id", ACI_CMP_IDENT },
                    { "email", ACI_CMP_EMAIL } };

    for (size_t i = 0; name != NULL && i < ACI_ARRAY_LEN(aliases); i++) {
        if (strcmp(name, aliases[i].alias) == 0) {
            return aliases[i].cmp;
        }
    }
    return -1;
}

/* Levels of comparison C from a JSON array of {m, u} (Splink: skipping its null level). */
static ac_code
load_levels(ac_linkage *lk, int c, json_t *levels, bool splink, ac_error *err)
{
    size_t i, k = 0;
    json_t *level;

    json_array_foreach(levels, i, level)
    {
        json_t *m = json_object_get(level, splink ? "m_probability" : "m");
        json_t *u = json_object_get(level, splink ? "u_probability" : "u");

        if (splink && json_is_true(json_object_get(level, "is_null_level"))) {
            continue;
        }
        if (!json_is_number(m) || !json_is_number(u) || json_number_value(m) <= 0 ||
            json_number_value(u) <= 0) {
            return aci_fail(err, AC_EINVAL,
                            "model: comparison '%s' level %zu needs m and u above 0",
                            aci_cmps[c].name, k + 1);
        }
        if (k < aci_cmps[c].n_levels) {
            lk->m[c][k] = json_number_value(m);
            lk->u[c][k] = json_number_value(u);
        }
        k++;
    }
    if (k != aci_cmps[c].n_levels) {
        return aci_fail(err, AC_EINVAL, "model: comparison '%s' has %zu levels, accord uses %u",
                        aci_cmps[c].name, k, aci_cmps[c].n_levels);
    }
    return AC_OK;
}

ac_code
ac_linkage_model_load(ac_linkage *lk, const char *text, ac_error *err)
{
    json_error_t jerr;
    json_t *o = json_loads(text, 0, &jerr), *comps, *c;
    bool splink;
    double lambda;
    unsigned missing = (1u << ACI_CMP_COUNT) - 1; /* comparisons the model does not give */
    size_t i;
    ac_code rc = AC_OK;

    if (!json_is_object(o)) {
        json_decref(o);
        return aci_fail(err, AC_EINVAL, "model: not JSON (line %d: %s)", jerr.line, jerr.text);
    }
    splink = json_object_get(o, "accord_linkage_model") == NULL;
    lambda = json_number_value(
        json_object_get(o, splink ? "probability_two_random_records_match" : "lambda"));
    comps = json_object_get(o, "comparisons");
    if (!(lambda > 0 && lambda < 1) || !json_is_array(comps)) {
        json_decref(o);
        return aci_fail(err, AC_EINVAL,
                        "model: expected an accord model (lambda, comparisons) or a Splink "
                        "model (probability_two_random_records_match, comparisons)");
    }
    lk->lambda = lambda;
    for (int k = 0; k < ACI_CMP_COUNT; k++) { /* a comparison the model lacks is not used */
        for (unsigned l = 0; l < aci_cmps[k].n_levels; l++) {
            lk->m[k][l] = lk->u[k][l] = 1.0 / aci_cmps[k].n_levels;
        }
    }
    json_array_foreach(comps, i, c)
    {
        const char *name =
            json_string_value(json_object_get(c, splink ? "output_column_name" : "name"));
        int cmp = comparison_named(name);

        if (cmp < 0) {
            rc = aci_fail(err, AC_EINVAL, "model: comparison '%s' is not one accord knows",
                          name ? name : "(unnamed)");
            break;
        }
        rc = load_levels(lk, cmp, json_object_get(c, splink ? "comparison_levels" : "levels"),
                         splink, err);
        missing &= ~(1u << cmp);
        if (rc != AC_OK) {
            break;
        }
    }
    json_decref(o);
    lk->comparisons_off |= missing;
    lk->prepared = false; /* the comparisons in use may have changed */
    if (rc == AC_OK) {
        aci_lk_finish_model(lk);
    }
    return rc;
}
