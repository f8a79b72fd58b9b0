/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_pprl_json.c - the PPRL parsers on arbitrary bytes: anonlink CLK JSON and clkhash
 * v3 schemas never crash; CLKs that parse write back and re-read to the same bytes; a
 * schema that parses can be keyed and encodes a record of empty values.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accord/pprl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ac_pprl_clks clks;
    ac_pprl_schema *s = NULL;

    if (ac_pprl_clks_read_json((const char *)data, size, &clks, NULL) == AC_OK) {
        char *json;
        size_t len;
        ac_pprl_clks back;
        assert(ac_pprl_clks_write_json(&clks, &json, &len, NULL) == AC_OK);
        assert(ac_pprl_clks_read_json(json, len, &back, NULL) == AC_OK);
        assert(back.n == clks.n && back.n_bytes == clks.n_bytes);
        assert(clks.n == 0 || memcmp(back.data, clks.data, clks.n * clks.n_bytes) == 0);
        ac_pprl_free(json);
        ac_pprl_clks_release(&back);
        ac_pprl_clks_release(&clks);
    }
    if (ac_pprl_schema_parse((const char *)data, size, &s, NULL) == AC_OK) {
        size_t n = ac_pprl_schema_n_features(s);
        const char **values = calloc(n, sizeof *values);
        uint8_t *out;
        assert(values != NULL);
        for (size_t i = 0; i < n; i++) {
            values[i] = "";
        }
        assert(ac_pprl_schema_key(s, (const uint8_t *)"k", 1, NULL, NULL) == AC_OK);
        out = malloc(ac_pprl_schema_clk_bytes(s));
        assert(out != NULL);
        ac_code rc = ac_pprl_encode(s, values, n, 0, out, NULL);
        assert(rc == AC_OK || rc == AC_EINVAL); /* a format may refuse "" */
        free(out);
        free(values);
        ac_pprl_schema_free(s);
    }
    return 0;
}
