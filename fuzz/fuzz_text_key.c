/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_text_key.c - name normalisation on arbitrary bytes: never crashes, a key of valid
 * UTF-8 is itself valid UTF-8, and keys are idempotent (key(key(x)) == key(x)).
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accord/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1), *key = NULL, *again = NULL, *clean = NULL;
    ac_arena *a = ac_arena_new(1u << 24);

    if (s == NULL || a == NULL) {
        abort();
    }
    memcpy(s, data, size);
    s[size] = '\0';
    if (ac_text_key(s, a, &key, NULL) == AC_OK) {
        assert(ac_utf8_valid(key, strlen(key), NULL));
        assert(ac_text_key(key, a, &again, NULL) == AC_OK);
        assert(strcmp(key, again) == 0);
    } else {
        assert(key == NULL);
    }
    if (ac_text_clean(s, a, &clean, NULL) == AC_OK) {
        assert(ac_utf8_valid(clean, strlen(clean), NULL));
        assert(clean[0] != ' ');
    }
    ac_arena_free(a);
    free(s);
    return 0;
}
