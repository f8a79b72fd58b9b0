/* SPDX-License-Identifier: Apache-2.0
 *
 * settings.c - what a run uses: blocking rules and comparisons turned on or off by name,
 * and CSV headers mapped to fields (linkage.h).  The mappings are only kept here; the
 * CSV reader (lib/link_io) applies them, so the engine never calls its adapter.
 */
#include "internal.h"

#include "link/link_int.h"

static const char *const field_keys[AC_FIELD_COUNT] = {
    "id",       "given_name", "middle_name", "family_name", "full_name", "dob",
    "postcode", "address",    "town",        "identifier",  "email",
};

const char *
ac_linkage_rule_name(size_t i)
{
    return i < ACI_BLOCK_RULES ? aci_block_rule_names[i] : NULL;
}

const char *
ac_linkage_comparison_name(size_t i)
{
    return i < ACI_CMP_COUNT ? aci_cmps[i].name : NULL;
}

ac_code
ac_linkage_use_rule(ac_linkage *lk, const char *rule, bool on, ac_error *err)
{
    for (int r = 0; r < ACI_BLOCK_RULES; r++) {
        if (strcmp(rule, aci_block_rule_names[r]) == 0) {
            lk->rules_off = on ? lk->rules_off & ~(1u << r) : lk->rules_off | (1u << r);
            return AC_OK;
        }
    }
    return aci_fail(err, AC_EINVAL,
                    "blocking rule '%s' is not one accord has: see the blocking report of any run "
                    "for their names (e.g. 'postcode + birth year')",
                    rule);
}

ac_code
ac_linkage_use_comparison(ac_linkage *lk, const char *comparison, bool on, ac_error *err)
{
    for (int c = 0; c < ACI_CMP_COUNT; c++) {
        if (strcmp(comparison, aci_cmps[c].name) == 0) {
            lk->comparisons_off =
                on ? lk->comparisons_off & ~(1u << c) : lk->comparisons_off | (1u << c);
            lk->prepared = false;
            return AC_OK;
        }
    }
    return aci_fail(err, AC_EINVAL,
                    "comparison '%s' is not one accord has: given_name, family_name, full_name, "
                    "middle_name, dob, postcode, address, town, identifier or email",
                    comparison);
}

ac_code
ac_linkage_map_header(ac_linkage *lk, const char *header, const char *field, ac_error *err)
{
    for (int f = 0; f < AC_FIELD_COUNT; f++) {
        if (strcmp(field, field_keys[f]) == 0) {
            if (lk->n_mapped == ACI_ARRAY_LEN(lk->mapped)) {
                return aci_fail(err, AC_EINVAL, "columns: at most %zu mappings",
                                ACI_ARRAY_LEN(lk->mapped));
            }
            lk->mapped[lk->n_mapped].header = ac_arena_strdup(lk->keep, header);
            lk->mapped[lk->n_mapped++].field = (ac_field)f;
            return AC_OK;
        }
    }
    return aci_fail(err, AC_EINVAL,
                    "columns: '%s' is not a field: id, given_name, middle_name, family_name, "
                    "full_name, dob, postcode, address, town, identifier or email",
                    field);
}
