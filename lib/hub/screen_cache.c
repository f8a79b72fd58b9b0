/* SPDX-License-Identifier: Apache-2.0
 *
 * screen_cache.c - the hub's screening index and the regime in force (hub_int.h).  The
 * index over every watchlist name and every person's names is built on first use and
 * rebuilt when the store's stamp (counts and newest change) differs, so a person added by
 * another process is screened against too.  The same index is the reference population
 * the screener weighs a name's commonness against (issue 17): every person of every agency
 * and every listed entry, counted once each, as aggregate word and name counts only.
 */
#include "internal.h"

#include "accord/regime.h"
#include "accord/screen.h"
#include "hub/hub_int.h"
#include "store/store.h"
#include "store/store_report.h"

struct aci_screen_cache {
    ac_screener *screener;
    ac_watchlist *index;
    char *stamp; /* of the index; aci_malloc */
    ac_regime *regime;
    char *regime_id; /* the stored table in force, or NULL for the shipped one */
};

static ac_code
cache_get(ac_hub *hub, struct aci_screen_cache **out, ac_error *err)
{
    if (hub->screen == NULL) {
        hub->screen = aci_calloc(1, sizeof *hub->screen);
        if (hub->screen == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory");
        }
    }
    *out = hub->screen;
    return AC_OK;
}

static ac_code
add_name(void *ctx, const char *key, const char *name, const char *dob, ac_error *err)
{
    ac_error ignored = { 0 };
    ac_code rc = ac_watchlist_add(ctx, key, name, dob, &ignored);

    (void)err;
    /* a stored name with no letters cannot be screened: it is skipped, not fatal */
    return rc == AC_ENOMEM ? aci_fail(err, AC_ENOMEM, "out of memory") : AC_OK;
}

static ac_code
rebuild(ac_hub *hub, struct aci_screen_cache *c, const char *stamp, ac_error *err)
{
    ac_watchlist *w = NULL;
    ac_code rc = c->screener != NULL ? AC_OK : ac_screener_new(&c->screener, err);

    if (rc == AC_OK) {
        rc = ac_watchlist_new(c->screener, &w, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_screen_names(hub->store, add_name, w, err);
    }
    if (rc != AC_OK) {
        ac_watchlist_free(w);
        return rc;
    }
    ac_watchlist_free(c->index);
    aci_free(c->stamp);
    c->index = w;
    c->stamp = aci_strdup(stamp);
    return AC_OK;
}

ac_code
aci_hub_screen(ac_hub *hub,
               const char *name,
               const char *dob,
               ac_arena *a,
               ac_screen_hit **out,
               size_t *out_n,
               ac_error *err)
{
    struct aci_screen_cache *c = NULL;
    const char *stamp = NULL;
    ac_code rc = cache_get(hub, &c, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_store_screen_stamp(hub->store, a, &stamp, err);
    }
    if (rc == AC_OK && (c->index == NULL || c->stamp == NULL || strcmp(c->stamp, stamp) != 0)) {
        rc = rebuild(hub, c, stamp, err);
    }
    if (rc == AC_OK && ac_watchlist_count(c->index) > 0) {
        rc = ac_watchlist_screen(c->index, name, dob, AC_SCREEN_POSSIBLE, a, out, out_n, err);
    }
    return rc;
}

ac_code
aci_hub_regime(ac_hub *hub, const ac_regime **out, ac_error *err)
{
    struct aci_screen_cache *c = NULL;
    const char *id = NULL, *csv = NULL;
    ac_regime *r = NULL;
    ac_arena *a = NULL;
    ac_code rc = cache_get(hub, &c, err);

    *out = NULL;
    if (rc == AC_OK) {
        a = ac_arena_new(0);
        rc = a != NULL ? aci_store_regime_latest(hub->store, a, &id, err)
                       : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (rc == AC_ENOTFOUND) {
        ac_error_clear(err);
        id = NULL;
        rc = AC_OK;
    }
    if (rc == AC_OK && c->regime != NULL &&
        (id == NULL ? c->regime_id == NULL
                    : c->regime_id != NULL && strcmp(id, c->regime_id) == 0)) {
        *out = c->regime; /* the table in force has not changed */
        ac_arena_free(a);
        return AC_OK;
    }
    if (rc == AC_OK && id != NULL) { /* the table changed: only now read its text */
        rc = aci_store_regime_csv(hub->store, id, a, &csv, err);
    }
    if (rc == AC_OK) {
        rc = ac_regime_new(csv, &r, err);
    }
    if (rc == AC_OK) {
        ac_regime_free(c->regime);
        aci_free(c->regime_id);
        c->regime = r;
        c->regime_id = id != NULL ? aci_strdup(id) : NULL;
        *out = r;
    }
    ac_arena_free(a);
    return rc;
}

void
aci_hub_screen_free(ac_hub *hub)
{
    struct aci_screen_cache *c = hub->screen;

    if (c != NULL) {
        ac_watchlist_free(c->index);
        ac_screener_free(c->screener);
        ac_regime_free(c->regime);
        aci_free(c->stamp);
        aci_free(c->regime_id);
        aci_free(c);
        hub->screen = NULL;
    }
}
