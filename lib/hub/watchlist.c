/* SPDX-License-Identifier: Apache-2.0
 *
 * watchlist.c - importing watchlists into the hub and putting a corrected regime table in
 * force (include/accord/report.h).  A list is read whole before anything is stored, so a
 * bad file changes nothing; the screening index notices the change by its stamp.
 */
#include "internal.h"

#include "accord/regime.h"
#include "accord/report.h"
#include "accord/screen.h"
#include "hub/hub_int.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_report.h"

#define LIST_NAME_MAX 100

static ac_code
read_list(ac_watchlist *w,
          ac_watchlist_format f,
          const char *path,
          const char *alt_path,
          ac_error *err)
{
    switch (f) {
    case AC_WATCHLIST_CSV:
        return ac_watchlist_read_csv(w, path, err);
    case AC_WATCHLIST_OFAC:
        return ac_watchlist_read_ofac(w, path, alt_path, err);
    case AC_WATCHLIST_UN_XML:
        return ac_watchlist_read_un(w, path, err);
    default:
        return aci_fail(err, AC_EINVAL, "format: csv, ofac or un-xml");
    }
}

/* Store every name of W under list ID. */
static ac_code
store_names(ac_hub *hub, const ac_watchlist *w, const char *id, ac_error *err)
{
    ac_arena *a = ac_arena_new(0);
    ac_code rc = a != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");

    for (size_t i = 0; rc == AC_OK && i < ac_watchlist_count(w); i++) {
        const char *entry, *name, *dob;

        ac_watchlist_name(w, i, a, &entry, &name, &dob);
        rc = aci_store_watchlist_name(hub->store, id, (int64_t)i, entry, name, dob, err);
        if ((i & 1023) == 1023) {
            ac_arena_reset(a);
        }
    }
    ac_arena_free(a);
    return rc;
}

ac_code
ac_watchlist_import(ac_hub *hub,
                    const ac_actor *actor,
                    const char *purpose,
                    const char *name,
                    ac_watchlist_format f,
                    const char *path,
                    const char *alt_path,
                    ac_arena *a,
                    ac_watchlist_info *out,
                    ac_error *err)
{
    struct aci_op op;
    struct aci_resource res = { "watchlist", actor->agency_id };
    ac_screener *s = NULL;
    ac_watchlist *w = NULL;
    const char *clean = NULL;
    ac_code rc = aci_clean_field(name, LIST_NAME_MAX, "name", a, &clean, err);

    memset(out, 0, sizeof *out);
    if (rc == AC_OK && clean == NULL) {
        rc = aci_fail(err, AC_EINVAL, "name: required (e.g. \"OFAC SDN\")");
    }
    if (rc == AC_OK) {
        rc = ac_screener_new(&s, err);
    }
    if (rc == AC_OK) {
        rc = ac_watchlist_new(s, &w, err);
    }
    if (rc == AC_OK) {
        rc = read_list(w, f, path, alt_path, err);
    }
    if (rc == AC_OK) {
        rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_WATCHLIST,
                          "watchlist", err);
        if (rc == AC_OK) {
            rc = aci_op_allow(&op, &res, err);
        }
        if (rc == AC_OK) {
            out->id = aci_hub_new_id(hub, a);
            out->name = clean;
            out->format = f;
            out->agency_id = actor->agency_id;
            out->imported_at = aci_hub_now_text(hub, a);
            out->names = (int64_t)ac_watchlist_count(w);
            op.object_id = out->id;
            op.detail = ac_watchlist_format_str(f);
            rc = aci_store_watchlist_drop(hub->store, clean, err);
        }
        if (rc == AC_OK) {
            rc = aci_store_watchlist_insert(hub->store, out, actor->user_id, err);
        }
        if (rc == AC_OK) {
            rc = store_names(hub, w, out->id, err);
        }
        rc = aci_op_end(&op, rc, err);
    }
    ac_watchlist_free(w);
    ac_screener_free(s);
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
    }
    return rc;
}

ac_code
ac_watchlist_list(ac_hub *hub,
                  const ac_actor *actor,
                  const char *purpose,
                  ac_arena *a,
                  ac_watchlist_info **out,
                  size_t *out_n,
                  ac_error *err)
{
    struct aci_op op;
    struct aci_resource res = { "watchlist", actor->agency_id };
    ac_code rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_WATCHLIST,
                              "watchlist", err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_op_allow(&op, &res, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_watchlist_all(hub->store, a, out, out_n, err);
    }
    return aci_op_end(&op, rc, err);
}

ac_code
ac_regime_store(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                const char *csv_text,
                ac_error *err)
{
    struct aci_op op;
    struct aci_resource res = { "regime", actor->agency_id };
    ac_regime *check = NULL;
    ac_arena *a = NULL;
    ac_code rc = ac_regime_new(csv_text, &check, err);

    ac_regime_free(check);
    if (rc != AC_OK) {
        return rc; /* the table does not parse: nothing is stored */
    }
    a = ac_arena_new(0);
    if (a == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_op_begin(&op, hub, actor, purpose, ACI_PURPOSE_REQUIRED, ACI_ACT_WATCHLIST, "regime",
                      err);
    if (rc == AC_OK) {
        rc = aci_op_allow(&op, &res, err);
    }
    if (rc == AC_OK) {
        op.object_id = aci_hub_new_id(hub, a);
        rc = aci_store_regime_insert(hub->store, op.object_id, csv_text, actor->user_id,
                                     aci_hub_now_text(hub, a), err);
    }
    rc = aci_op_end(&op, rc, err);
    ac_arena_free(a);
    return rc;
}
