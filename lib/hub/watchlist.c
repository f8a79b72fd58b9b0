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
store_names(struct aci_store *s, const ac_watchlist *w, const char *id, ac_error *err)
{
    ac_arena *a = ac_arena_new(0);
    ac_code rc = a != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");

    for (size_t i = 0; rc == AC_OK && i < ac_watchlist_count(w); i++) {
        const char *entry, *name, *dob;

        ac_watchlist_name(w, i, a, &entry, &name, &dob);
        rc = aci_store_watchlist_name(s, id, (int64_t)i, entry, name, dob, err);
        if ((i & 1023) == 1023) {
            ac_arena_reset(a);
        }
    }
    ac_arena_free(a);
    return rc;
}

/* Lists and regime tables are the actor's agency's to manage. */
static ac_code
own_agency_find(struct aci_op *op, void *args, ac_error *err)
{
    (void)args;
    (void)err;
    op->res.type = op->desc->object_type;
    op->res.agency_id = op->actor->agency_id;
    return AC_OK;
}

/* ---- import ---- */

struct import_args {
    const char *name; /* cleaned */
    ac_watchlist_format f;
    const ac_watchlist *w; /* read whole */
    ac_arena *a;
    ac_watchlist_info *out;
};

static ac_code
import_body(struct aci_op *op, void *args, ac_error *err)
{
    struct import_args *x = args;
    ac_watchlist_info *out = x->out;
    ac_code rc;

    out->id = aci_hub_new_id(op->hub, x->a);
    out->name = x->name;
    out->format = x->f;
    out->agency_id = op->actor->agency_id;
    out->imported_at = aci_hub_now_text(op->hub, x->a);
    out->names = (int64_t)ac_watchlist_count(x->w);
    op->object_id = out->id;
    op->detail = ac_watchlist_format_str(x->f);
    rc = aci_store_watchlist_drop(op->store, x->name, err);
    if (rc == AC_OK) {
        rc = aci_store_watchlist_insert(op->store, out, op->actor->user_id, err);
    }
    if (rc == AC_OK) {
        rc = store_names(op->store, x->w, out->id, err);
    }
    return rc;
}

static const struct aci_op_desc import_op = {
    ACI_ACT_WATCHLIST, "watchlist",     ACI_PURPOSE_REQUIRED,
    ACI_OP_WRITE,      own_agency_find, import_body,
};

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
        struct import_args x = { clean, f, w, a, out };

        rc = aci_op_run(&import_op, hub, actor, purpose, &x, err);
    }
    ac_watchlist_free(w);
    ac_screener_free(s);
    if (rc != AC_OK) {
        memset(out, 0, sizeof *out);
    }
    return rc;
}

/* ---- list ---- */

struct list_args {
    ac_arena *a;
    ac_watchlist_info *list; /* out */
    size_t n;
};

static ac_code
list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct list_args *x = args;

    return aci_store_watchlist_all(op->store, x->a, &x->list, &x->n, err);
}

static const struct aci_op_desc list_op = {
    ACI_ACT_WATCHLIST, "watchlist", ACI_PURPOSE_REQUIRED, ACI_OP_READ, own_agency_find, list_body,
};

ac_code
ac_watchlist_list(ac_hub *hub,
                  const ac_actor *actor,
                  const char *purpose,
                  ac_arena *a,
                  ac_watchlist_info **out,
                  size_t *out_n,
                  ac_error *err)
{
    struct list_args x = { a, NULL, 0 };
    ac_code rc = aci_op_run(&list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}

/* ---- the regime table ---- */

struct regime_args {
    const char *csv_text; /* checked: it parses */
};

static ac_code
regime_body(struct aci_op *op, void *args, ac_error *err)
{
    const char *csv_text = ((struct regime_args *)args)->csv_text;

    op->object_id = aci_hub_new_id(op->hub, op->scratch);
    return aci_store_regime_insert(op->store, op->object_id, csv_text, op->actor->user_id,
                                   aci_hub_now_text(op->hub, op->scratch), err);
}

static const struct aci_op_desc regime_op = {
    ACI_ACT_WATCHLIST, "regime", ACI_PURPOSE_REQUIRED, ACI_OP_WRITE, own_agency_find, regime_body,
};

ac_code
ac_regime_store(ac_hub *hub,
                const ac_actor *actor,
                const char *purpose,
                const char *csv_text,
                ac_error *err)
{
    struct regime_args x = { csv_text };
    ac_regime *check = NULL;
    ac_code rc = ac_regime_new(csv_text, &check, err);

    ac_regime_free(check);
    if (rc != AC_OK) {
        return rc; /* the table does not parse: nothing is stored */
    }
    return aci_op_run(&regime_op, hub, actor, purpose, &x, err);
}
