/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_watchlist.c - the watchlist importers on arbitrary file contents: the first byte
 * chooses the CSV reader (id,name,dob), the OFAC SDN reader or the UN XML reader; the
 * rest is the file.
 * Never a crash or a leak; a list that loads screens its first name without error, and
 * finds it.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accord/accord.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ac_screener *screener;
static char path[64]; /* the input written out for the reader, removed at exit */

static void
remove_input_file(void)
{
    unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ac_watchlist *w = NULL;
    ac_arena *a = ac_arena_new(0);
    ac_error err = { 0 };
    FILE *f;
    ac_code rc;

    if (screener == NULL) {
        if (ac_screener_new(&screener, NULL) != AC_OK) {
            abort();
        }
        snprintf(path, sizeof path, "/tmp/accord-fuzz-watchlist-%d", (int)getpid());
        atexit(remove_input_file);
    }
    if (size == 0 || (f = fopen(path, "wb")) == NULL) {
        ac_arena_free(a);
        return 0;
    }
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);
    if (ac_watchlist_new(screener, &w, &err) != AC_OK) {
        abort();
    }
    rc = data[0] % 3 == 1   ? ac_watchlist_read_ofac(w, path, NULL, &err)
         : data[0] % 3 == 2 ? ac_watchlist_read_un(w, path, &err)
                            : ac_watchlist_read_csv(w, path, &err);
    if (rc == AC_OK && ac_watchlist_count(w) > 0) {
        const char *id, *name, *dob;
        ac_screen_hit *hits = NULL;
        size_t n = 0;

        ac_watchlist_name(w, 0, a, &id, &name, &dob);
        rc = ac_watchlist_screen(w, name, NULL, 0.0, a, &hits, &n, &err);
        assert(rc == AC_OK);
    }
    ac_watchlist_free(w);
    ac_arena_free(a);
    return 0;
}
