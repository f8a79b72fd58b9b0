/* SPDX-License-Identifier: Apache-2.0
 *
 * person_ident.c - person search by identifier (ac_person_search_identifier): one seek
 * per kind on the identifier index (store_ident.c, migration 0021_io.sql) within the
 * caller's agency, as the name search is.  Each answer says which identifier agreed
 * ("NI number agrees").  Not for names: person_search.c.
 */
#include "internal.h"

#include "accord/person.h"
#include "hub/hub_int.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_ident.h"
#include "store/store_person.h"

#define IDENT_DEFAULT 50
#define IDENT_MAX     1000

/* How a person reads each kind in an explanation. */
static const char *const kind_words[AC_IDENT_KIND_COUNT] = {
    [AC_IDENT_PASSPORT] = "passport number",
    [AC_IDENT_NI_NUMBER] = "NI number",
    [AC_IDENT_PNC_ID] = "PNC id",
    [AC_IDENT_DRIVING_LICENCE] = "driving licence number",
    [AC_IDENT_OTHER] = "identifier",
};

struct ident_args {
    const char *identifier;
    size_t limit;
    const char *after;
    ac_arena *a;
    ac_person_hit *list; /* out */
    size_t n;
};

/* "KIND:VALUE" or "VALUE" into *KIND (AC_IDENT_KIND_COUNT: any) and the compact key. */
static ac_code
parse_identifier(const char *s, ac_arena *a, ac_identifier_kind *kind, char **key, ac_error *err)
{
    const char *colon = strchr(s, ':');
    const char *value = s;

    *kind = AC_IDENT_KIND_COUNT;
    if (colon != NULL) {
        char *word = ac_arena_strndup(a, s, (size_t)(colon - s));

        if (word == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory searching");
        }
        if (ac_identifier_kind_parse(word, kind, err) != AC_OK) {
            return aci_fail(err, AC_EINVAL,
                            "identifier: the kind before ':' is not one accord knows; write "
                            "NI:AB123456C, PNC:05/123456X, passport:..., DL:... or "
                            "other:..., or the value alone to search every kind");
        }
        value = colon + 1;
    }
    *key = aci_compact_key(a, value);
    if (*key == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory searching");
    }
    if ((*key)[0] == '\0') {
        return aci_fail(err, AC_EINVAL,
                        "identifier: no letters or digits to search for; write KIND:VALUE "
                        "such as NI:AB123456C");
    }
    return AC_OK;
}

static int
cmp_id(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The ids of the agency's persons holding the identifier, in id order, distinct. */
static ac_code
find_ids(struct aci_store *store,
         const char *agency,
         ac_identifier_kind kind,
         const char *key,
         struct ident_args *x,
         const char ***ids,
         size_t *n,
         ac_error *err)
{
    const char **all = NULL;
    size_t n_all = 0;
    ac_code rc = AC_OK;

    for (int k = 0; rc == AC_OK && k < AC_IDENT_KIND_COUNT; k++) {
        const char **got = NULL, **grown;
        size_t n_got = 0;

        if (kind != AC_IDENT_KIND_COUNT && (ac_identifier_kind)k != kind) {
            continue;
        }
        rc = aci_store_ident_find(store, agency, ac_identifier_kind_str((ac_identifier_kind)k), key,
                                  x->after, x->limit, x->a, &got, &n_got, err);
        if (rc != AC_OK || n_got == 0) {
            continue;
        }
        grown = ac_arena_alloc(x->a, (n_all + n_got) * sizeof *grown);
        if (grown == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory searching");
        }
        if (n_all > 0) {
            memcpy(grown, all, n_all * sizeof *all);
        }
        memcpy(grown + n_all, got, n_got * sizeof *got);
        all = grown;
        n_all += n_got;
    }
    if (rc == AC_OK && n_all > 1) {
        size_t w = 1;

        qsort(all, n_all, sizeof *all, cmp_id);
        for (size_t r = 1; r < n_all; r++) {
            if (strcmp(all[r], all[w - 1]) != 0) {
                all[w++] = all[r];
            }
        }
        n_all = w;
    }
    *ids = all;
    *n = n_all < x->limit ? n_all : x->limit;
    return rc;
}

/* Which of P's identifiers has KEY (of KIND, or any): its explanation, or NULL. */
static const char *
explain(const ac_person *p, ac_identifier_kind kind, const char *key, ac_arena *a)
{
    for (size_t i = 0; i < p->n_identifiers; i++) {
        const ac_identifier *d = &p->identifiers[i];
        const char *k = d->value != NULL ? aci_compact_key(a, d->value) : NULL;

        if (k != NULL && strcmp(k, key) == 0 && (kind == AC_IDENT_KIND_COUNT || d->kind == kind) &&
            d->kind < AC_IDENT_KIND_COUNT) {
            return ac_arena_printf(a, "%s agrees", kind_words[d->kind]);
        }
    }
    return NULL;
}

static ac_code
ident_body(struct aci_op *op, void *args, ac_error *err)
{
    struct ident_args *x = args;
    struct aci_resource res = { "person", op->actor->agency_id };
    ac_identifier_kind kind = AC_IDENT_KIND_COUNT;
    const char **ids = NULL, *agency;
    char *key = NULL;
    ac_person *loaded = NULL;
    size_t n_ids = 0;
    ac_code rc;

    /* the query is recorded as asked, as the name search records its query */
    op->detail = ac_arena_printf(op->scratch, "identifier=%s", x->identifier);
    rc = x->limit > IDENT_MAX
             ? aci_fail(err, AC_EINVAL, "limit: at most %d results per search", IDENT_MAX)
             : parse_identifier(x->identifier, x->a, &kind, &key, err);
    x->limit = x->limit ? x->limit : IDENT_DEFAULT;
    rc = rc == AC_OK ? aci_op_allow(op, &res, err) : rc;
    agency = aci_policy_visible_agency(op->actor);
    if (rc == AC_OK && agency != NULL) {
        rc = find_ids(op->store, agency, kind, key, x, &ids, &n_ids, err);
    }
    if (rc == AC_OK && n_ids > 0) {
        loaded = ac_arena_zalloc(x->a, n_ids * sizeof *loaded);
        x->list = ac_arena_zalloc(x->a, n_ids * sizeof *x->list);
        rc = loaded != NULL && x->list != NULL
                 ? aci_store_person_load_many(op->store, ids, n_ids, x->a, loaded, err)
                 : aci_fail(err, AC_ENOMEM, "out of memory searching");
    }
    for (size_t i = 0; rc == AC_OK && i < n_ids; i++) {
        const char *why;

        if (loaded[i].id == NULL || loaded[i].merged_into != NULL) {
            continue; /* gone since the index was read; or the survivor answers for it */
        }
        if ((why = explain(&loaded[i], kind, key, x->a)) == NULL) {
            continue;
        }
        x->list[x->n].person = loaded[i];
        x->list[x->n].score = 1.0;
        x->list[x->n++].explanation = why;
    }
    op->lists = rc == AC_OK;
    for (size_t i = 0; rc == AC_OK && i < x->n; i++) {
        rc = aci_op_returned(op, x->list[i].person.id, err);
    }
    return rc;
}

static const struct aci_op_desc ident_op = {
    ACI_ACT_SEARCH, "person", ACI_PURPOSE_REQUIRED, ACI_OP_READ, NULL, ident_body,
};

ac_code
ac_person_search_identifier(ac_hub *hub,
                            const ac_actor *actor,
                            const char *purpose,
                            const char *identifier,
                            size_t limit,
                            const char *after,
                            ac_arena *a,
                            ac_person_hit **out,
                            size_t *out_n,
                            ac_error *err)
{
    struct ident_args x = { identifier, limit, after, a, NULL, 0 };
    ac_code rc = aci_op_run(&ident_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}
