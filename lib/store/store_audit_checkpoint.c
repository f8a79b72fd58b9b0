/* SPDX-License-Identifier: Apache-2.0
 *
 * store_audit_checkpoint.c - SQL for the audit tree's signed checkpoints (store_audit.h).
 * The signatures are made and checked in lib/audit; here they are only rows.
 */
#include "internal.h"

#include <stdio.h>

#include "store/store.h"
#include "store/store_audit.h"

static const char sql_add[] =
    "INSERT INTO audit_checkpoints (tree_size, root, at, key_id, signature) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT DO NOTHING";
static const char sql_last[] =
    "SELECT tree_size, at FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1";
static const char sql_get[] = "SELECT tree_size, root, at, key_id, signature, NULL"
                              " FROM audit_checkpoints WHERE tree_size = ?";
static const char sql_all[] =
    "SELECT c.tree_size, c.root, c.at, c.key_id, c.signature, k.public_key"
    " FROM audit_checkpoints c LEFT JOIN audit_keys k ON k.key_id = c.key_id"
    " ORDER BY c.tree_size";
static const char sql_sizes[] = "SELECT tree_size FROM audit_checkpoints ORDER BY tree_size";
static const char sql_covering[] = "SELECT min(tree_size) FROM audit_checkpoints"
                                   " WHERE tree_size >= ?";

ac_code
aci_store_audit_checkpoint_add(struct aci_store *s,
                               const struct aci_audit_checkpoint *c,
                               ac_error *err)
{
    return aci_store_runf(s, sql_add, err,
                          "ittt"
                          "t",
                          (int64_t)c->size, c->root, c->at, c->key_id, c->signature);
}

ac_code
aci_store_audit_checkpoint_last(struct aci_store *s,
                                bool *found,
                                uint64_t *out_size,
                                char *at,
                                size_t at_cap,
                                ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_last, &st, err);

    *found = false;
    *out_size = 0;
    at[0] = '\0';
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, found, err);
    }
    if (rc == AC_OK && *found) {
        const char *t = aci_stmt_col_text(st, 1);

        *out_size = (uint64_t)aci_stmt_col_int(st, 0);
        snprintf(at, at_cap, "%s", t != NULL ? t : "");
    }
    aci_stmt_done(st);
    return rc;
}

/* Columns: tree_size, root, at, key_id, signature, public_key. */
static ac_code
read_checkpoint(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    struct aci_audit_checkpoint *c = elem;
    bool oom = false;

    (void)ctx;
    c->size = (uint64_t)aci_stmt_col_int(st, 0);
    c->root = aci_stmt_col_dup(st, 1, a, &oom);
    c->at = aci_stmt_col_dup(st, 2, a, &oom);
    c->key_id = aci_stmt_col_dup(st, 3, a, &oom);
    c->signature = aci_stmt_col_dup(st, 4, a, &oom);
    c->public_key = aci_stmt_col_dup(st, 5, a, &oom);
    return aci_row_done(AC_OK, oom, err);
}

ac_code
aci_store_audit_checkpoint_get(struct aci_store *s,
                               uint64_t size,
                               ac_arena *a,
                               struct aci_audit_checkpoint *out,
                               ac_error *err)
{
    struct aci_stmt *st = NULL;
    bool row = false;
    ac_code rc = aci_stmt_get(s, sql_get, &st, err);

    memset(out, 0, sizeof *out);
    if (rc == AC_OK) {
        rc = aci_stmt_bindf(st, err, "i", (int64_t)size);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_step(st, &row, err);
    }
    if (rc == AC_OK) {
        rc = row ? read_checkpoint(st, a, out, NULL, err)
                 : aci_fail(err, AC_ENOTFOUND, "no checkpoint at %llu entries",
                            (unsigned long long)size);
    }
    aci_stmt_done(st);
    return rc;
}

ac_code
aci_store_audit_checkpoint_all(struct aci_store *s,
                               ac_arena *a,
                               struct aci_audit_checkpoint **out,
                               size_t *out_n,
                               ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_all, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, read_checkpoint, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

static ac_code
size_row(struct aci_stmt *st, ac_arena *a, void *elem, void *ctx, ac_error *err)
{
    (void)a;
    (void)ctx;
    (void)err;
    *(uint64_t *)elem = (uint64_t)aci_stmt_col_int(st, 0);
    return AC_OK;
}

ac_code
aci_store_audit_checkpoint_sizes(struct aci_store *s,
                                 ac_arena *a,
                                 uint64_t **out,
                                 size_t *out_n,
                                 ac_error *err)
{
    struct aci_stmt *st = NULL;
    ac_code rc = aci_stmt_get(s, sql_sizes, &st, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_stmt_collect(st, a, sizeof **out, size_row, NULL, (void **)out, out_n, err);
    }
    aci_stmt_done(st);
    return rc;
}

uint64_t
aci_store_audit_checkpoint_covering(struct aci_store *s, uint64_t seq)
{
    struct aci_stmt *st = NULL;
    bool row = false;
    uint64_t size = 0;

    if (aci_stmt_get(s, sql_covering, &st, NULL) == AC_OK &&
        aci_stmt_bindf(st, NULL, "i", (int64_t)seq) == AC_OK &&
        aci_stmt_step(st, &row, NULL) == AC_OK && row) {
        size = (uint64_t)aci_stmt_col_int(st, 0);
    }
    aci_stmt_done(st);
    return size;
}
