/* SPDX-License-Identifier: Apache-2.0
 *
 * store_open.c - opening a store by URI: the table of schemes and the backend that opens
 * each.  The only file that knows every backend, so the backends and the dispatch in
 * store.c need not know each other.
 */
#include "internal.h"

#include "store/store.h"

/* The URI schemes and the backend that opens each.  A URI that starts with none of them
 * is a SQLite file path. */
static const struct scheme {
    const char *prefix; /* matched at the start of the URI */
    size_t strip;       /* bytes of it removed before the backend sees the URI */
    const struct aci_store_ops *ops;
} schemes[] = {
    { "sqlite:", sizeof "sqlite:" - 1, &aci_store_sqlite_ops },
    { "postgresql://", 0, &aci_store_pg_ops }, /* libpq takes the whole URI */
    { "postgres://", 0, &aci_store_pg_ops },
};

static const struct scheme *
scheme_of(const char *uri)
{
    for (size_t i = 0; i < ACI_ARRAY_LEN(schemes); i++) {
        if (strncmp(uri, schemes[i].prefix, strlen(schemes[i].prefix)) == 0) {
            return &schemes[i];
        }
    }
    return NULL;
}

ac_code
aci_store_open(const char *uri, bool create, struct aci_store **out, ac_error *err)
{
    const struct scheme *sc = scheme_of(uri);
    const struct aci_store_ops *ops = sc != NULL ? sc->ops : &aci_store_sqlite_ops;
    const char *target = sc != NULL ? uri + sc->strip : uri;

    *out = NULL;
    if (target[0] == '\0') {
        return aci_fail(err, AC_EINVAL, "database path is empty");
    }
    return ops->open(target, create, out, err);
}

ac_code
aci_store_open_reader(const char *uri, struct aci_store **out, ac_error *err)
{
    const struct scheme *sc = scheme_of(uri);
    const struct aci_store_ops *ops = sc != NULL ? sc->ops : &aci_store_sqlite_ops;

    *out = NULL;
    return ops->open_reader(sc != NULL ? uri + sc->strip : uri, out, err);
}

const char *
aci_store_uri_file(const char *uri)
{
    const struct scheme *sc = scheme_of(uri);
    const char *path = sc == NULL ? uri : sc->ops == &aci_store_sqlite_ops ? uri + sc->strip : NULL;

    return path != NULL && strcmp(path, ":memory:") != 0 ? path : NULL;
}

bool
aci_store_is_pg(const struct aci_store *s)
{
    return s->ops == &aci_store_pg_ops;
}
