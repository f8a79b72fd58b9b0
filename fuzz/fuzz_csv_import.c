/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_csv_import.c - the whole CSV import path on arbitrary file contents, into an
 * in-memory hub: never crashes or leaks; all-or-nothing holds (a failed import leaves
 * no person behind) and the result's counts add up.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accord/accord.h"
#include "../bench/hub_setup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ac_hub *hub;
static ac_arena *setup;
static const ac_actor *analyst, *admin;
static char path[64]; /* the input written out for the reader, removed at exit */

static void
remove_input_file(void)
{
    unlink(path);
}

static void
init_once(void)
{
    ac_hub_config *cfg = ac_hub_config_new();
    ac_user u = { 0 };
    const char *id = NULL;

    setup = ac_arena_new(0);
    if (ac_hub_config_set_db_path(cfg, ":memory:", NULL) != AC_OK) {
        abort();
    }
    ac_hub_config_set_create(cfg, 1);
    if (ac_hub_open(cfg, &hub, NULL) != AC_OK ||
        ac_hub_bootstrap(hub, "Fuzz CTU", AC_AGENCY_CT_POLICING, "GB", "admin", NULL, setup, &id,
                         NULL) != AC_OK ||
        ac_hub_actor(hub, "admin", setup, &admin, NULL) != AC_OK) {
        abort();
    }
    u.username = "analyst";
    u.agency_id = admin->agency_id;
    u.roles = AC_ROLE_ANALYST;
    u.vetting = AC_VETTING_SC;
    if (hub_setup_user(hub, admin, &u, setup, &analyst, NULL) != AC_OK) {
        abort();
    }
    ac_hub_config_free(cfg);
    snprintf(path, sizeof path, "/tmp/fuzz-import-%d.csv", (int)getpid());
    atexit(remove_input_file);
}

static int64_t
persons(void)
{
    ac_hub_stats s;

    if (ac_hub_stats_get(hub, admin, "fuzz", &s, NULL) != AC_OK) {
        abort();
    }
    return s.persons;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ac_import_options o = { 0 };
    ac_import_result r;
    FILE *f;
    int64_t before;

    if (hub == NULL) {
        init_once();
    }
    f = fopen(path, "wb");
    if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        abort();
    }
    before = persons();
    o.path = path;
    o.agency = analyst->agency_id;
    o.max_field_bytes = 4096;
    if (ac_import_persons(hub, analyst, "fuzz", &o, &r, NULL) == AC_OK) {
        assert(r.rejected == 0 && r.imported == r.rows);
        assert(persons() == before + (int64_t)r.imported);
    } else {
        assert(persons() == before);
    }
    assert(r.imported + r.rejected <= r.rows);
    return 0;
}
