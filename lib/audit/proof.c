/* SPDX-License-Identifier: Apache-2.0
 *
 * proof.c - audit proofs as JSON (proof.h, and ac_audit_check_proof of accord/audit.h).
 *
 * An inclusion proof carries the entry itself, so the checker recomputes its hash rather
 * than trusting one; both kinds carry their signed checkpoints, so a checker needs only
 * the hub's public key.  jansson stays inside this file.
 */
#include "internal.h"

#include <jansson.h>
#include <sodium.h>

#include "accord/audit.h"
#include "audit/audit.h"
#include "audit/proof.h"
#include "audit/verify.h"
#include "store/store_audit.h"

static const char *const entry_keys[] = { "at",          "actor_id",   "agency_id", "action",
                                          "object_type", "object_id",  "purpose",   "outcome",
                                          "detail",      "recipients", "via" };

struct leaves {
    aci_hash *hash; /* leaf i at index i */
    uint64_t n;     /* leaves read so far */
};

static ac_code
leaf_at(void *ctx, uint64_t i, aci_hash out, ac_error *err)
{
    const struct leaves *l = ctx;

    if (i >= l->n) {
        return aci_fail(err, AC_ESTORAGE, "audit entry %llu is missing", (unsigned long long)i + 1);
    }
    memcpy(out, l->hash[i], ACI_HASH_LEN);
    return AC_OK;
}

static ac_code
add_leaf(void *ctx, const char *leaf_hex, ac_error *err)
{
    struct leaves *l = ctx;

    if (!aci_hex_decode(leaf_hex, l->hash[l->n++], ACI_HASH_LEN)) {
        return aci_fail(err, AC_ESTORAGE,
                        "audit entry %llu has no valid hash: run 'accord "
                        "audit verify'",
                        (unsigned long long)l->n);
    }
    return AC_OK;
}

static ac_code
load_leaves(struct aci_store *s, uint64_t n, struct leaves *l, ac_error *err)
{
    ac_code rc;

    l->n = 0;
    l->hash = aci_malloc((size_t)n * sizeof *l->hash);
    if (l->hash == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory loading the audit tree");
    }
    rc = aci_store_audit_leaf_hashes(s, n, add_leaf, l, err);
    if (rc == AC_OK && l->n != n) {
        rc = aci_fail(err, AC_ESTORAGE, "the audit log has fewer than %llu entries",
                      (unsigned long long)n);
    }
    return rc;
}

static json_t *
hashes_json(aci_hash *h, size_t n)
{
    json_t *arr = json_array();

    for (size_t i = 0; arr != NULL && i < n; i++) {
        char hex[2 * ACI_HASH_LEN + 1];

        aci_hex_encode(h[i], ACI_HASH_LEN, hex);
        json_array_append_new(arr, json_string(hex));
    }
    return arr;
}

static ac_code
checkpoint_json(struct aci_store *s, uint64_t size, ac_arena *a, json_t **out, ac_error *err)
{
    struct aci_audit_checkpoint c;
    ac_code rc = aci_store_audit_checkpoint_get(s, size, a, &c, err);

    *out = NULL;
    if (rc == AC_ENOTFOUND) {
        return aci_fail(err, AC_ENOTFOUND,
                        "no checkpoint at %llu entries: 'accord audit "
                        "checkpoints' lists them",
                        (unsigned long long)size);
    }
    if (rc == AC_OK) {
        *out = json_pack("{s:I, s:s, s:s, s:s, s:s}", "tree_size", (json_int_t)size, "root", c.root,
                         "at", c.at, "key_id", c.key_id, "signature", c.signature);
        if (*out == NULL) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory writing a proof");
        }
    }
    return rc;
}

static ac_code
entry_json(struct aci_store *s, uint64_t seq, ac_arena *a, json_t **out, ac_error *err)
{
    struct aci_audit_entry e;
    ac_code rc = aci_store_audit_entry_get(s, seq, a, &e, err);

    *out = NULL;
    if (rc == AC_OK) {
        const char *fields[] = { e.at,          e.actor_id,   e.agency_id, e.action,
                                 e.object_type, e.object_id,  e.purpose,   e.outcome,
                                 e.detail,      e.recipients, e.via };

        _Static_assert(ACI_ARRAY_LEN(fields) == ACI_ARRAY_LEN(entry_keys), "one key per field");
        *out = json_object();
        json_object_set_new(*out, "seq", json_integer((json_int_t)seq));
        for (size_t i = 0; i < ACI_ARRAY_LEN(entry_keys); i++) {
            json_object_set_new(*out, entry_keys[i],
                                fields[i] != NULL ? json_string(fields[i]) : json_null());
        }
    }
    return rc;
}

static ac_code
dump(json_t *doc, ac_arena *a, char **out, ac_error *err)
{
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_free_t free_fn;

    *out = text != NULL ? ac_arena_strdup(a, text) : NULL;
    json_get_alloc_funcs(NULL, &free_fn);
    if (text != NULL) {
        free_fn(text);
    }
    json_decref(doc);
    return *out != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory writing a proof");
}

ac_code
aci_audit_prove_inclusion(struct aci_store *s, uint64_t seq, ac_arena *a, char **out, ac_error *err)
{
    uint64_t size = aci_store_audit_checkpoint_covering(s, seq);
    struct leaves l = { NULL, 0 };
    aci_hash path[ACI_MERKLE_MAX];
    size_t n_path = 0;
    json_t *entry = NULL, *cp = NULL;
    ac_code rc;

    *out = NULL;
    if (seq == 0 || size == 0) {
        return aci_fail(err, AC_ENOTFOUND, "no checkpoint covers audit entry %llu",
                        (unsigned long long)seq);
    }
    rc = load_leaves(s, size, &l, err);
    if (rc == AC_OK) {
        rc = aci_merkle_inclusion(leaf_at, &l, seq - 1, size, path, &n_path, err);
    }
    if (rc == AC_OK) {
        rc = entry_json(s, seq, a, &entry, err);
    }
    if (rc == AC_OK) {
        rc = checkpoint_json(s, size, a, &cp, err);
    }
    aci_free(l.hash);
    if (rc != AC_OK) {
        json_decref(entry);
        return rc;
    }
    return dump(json_pack("{s:s, s:o, s:I, s:I, s:o, s:o}", "proof", "accord-audit-inclusion-v1",
                          "entry", entry, "leaf_index", (json_int_t)(seq - 1), "tree_size",
                          (json_int_t)size, "path", hashes_json(path, n_path), "checkpoint", cp),
                a, out, err);
}

ac_code
aci_audit_prove_consistency(struct aci_store *s,
                            uint64_t old_size,
                            uint64_t new_size,
                            ac_arena *a,
                            char **out,
                            ac_error *err)
{
    struct leaves l = { NULL, 0 };
    aci_hash path[ACI_MERKLE_MAX * 2];
    size_t n_path = 0;
    json_t *old_cp = NULL, *new_cp = NULL;
    ac_code rc;

    *out = NULL;
    if (old_size == 0 || old_size > new_size) {
        return aci_fail(err, AC_EINVAL, "sizes must satisfy 0 < OLD <= NEW");
    }
    rc = checkpoint_json(s, old_size, a, &old_cp, err);
    if (rc == AC_OK) {
        rc = checkpoint_json(s, new_size, a, &new_cp, err);
    }
    if (rc == AC_OK) {
        rc = load_leaves(s, new_size, &l, err);
    }
    if (rc == AC_OK) {
        rc = aci_merkle_consistency(leaf_at, &l, old_size, new_size, path, &n_path, err);
    }
    aci_free(l.hash);
    if (rc != AC_OK) {
        json_decref(old_cp);
        json_decref(new_cp);
        return rc;
    }
    return dump(json_pack("{s:s, s:o, s:o, s:o}", "proof", "accord-audit-consistency-v1", "old",
                          old_cp, "new", new_cp, "path", hashes_json(path, n_path)),
                a, out, err);
}

ac_code
aci_audit_consistency_path(struct aci_store *s,
                           uint64_t old_size,
                           uint64_t new_size,
                           aci_hash *out,
                           size_t *out_n,
                           ac_error *err)
{
    struct leaves l = { NULL, 0 };
    ac_code rc;

    *out_n = 0;
    if (old_size == 0 || old_size >= new_size) {
        return AC_OK; /* nothing to prove: the empty tree, or the same size */
    }
    rc = load_leaves(s, new_size, &l, err);
    if (rc == AC_OK) {
        rc = aci_merkle_consistency(leaf_at, &l, old_size, new_size, out, out_n, err);
    }
    aci_free(l.hash);
    return rc;
}

/* ---- checking, with no hub ---- */

struct cp {
    uint64_t size;
    const char *root, *at, *sig;
};

static bool
read_cp(json_t *o, struct cp *c)
{
    json_int_t size = 0;

    return o != NULL &&
           json_unpack(o, "{s:I, s:s, s:s, s:s}", "tree_size", &size, "root", &c->root, "at",
                       &c->at, "signature", &c->sig) == 0 &&
           size > 0 && (c->size = (uint64_t)size, true);
}

static bool
read_path(json_t *arr, aci_hash *out, size_t cap, size_t *n)
{
    size_t i;
    json_t *v;

    *n = json_array_size(arr);
    if (!json_is_array(arr) || *n > cap) {
        return false;
    }
    json_array_foreach(arr, i, v)
    {
        if (!json_is_string(v) || !aci_hex_decode(json_string_value(v), out[i], ACI_HASH_LEN)) {
            return false;
        }
    }
    return true;
}

static ac_code
check_inclusion(json_t *doc, const char *pk, char *summary, size_t cap, ac_error *err)
{
    struct aci_audit_entry e;
    json_t *entry = json_object_get(doc, "entry");
    json_int_t index = -1, size = 0, seq = 0;
    aci_hash path[ACI_MERKLE_MAX], leaf, root;
    size_t n_path = 0, len = 0;
    unsigned char *bytes = NULL;
    ac_arena *a;
    struct cp c;
    bool ok;

    memset(&e, 0, sizeof e);
    if (json_unpack(doc, "{s:I, s:I}", "leaf_index", &index, "tree_size", &size) != 0 ||
        !json_is_object(entry) || json_unpack(entry, "{s:I}", "seq", &seq) != 0 ||
        !read_cp(json_object_get(doc, "checkpoint"), &c) ||
        !read_path(json_object_get(doc, "path"), path, ACI_MERKLE_MAX, &n_path)) {
        return aci_fail(err, AC_EINVAL, "not an accord inclusion proof: fields are missing");
    }
    e.seq = seq;
    {
        const char **fields[] = { &e.at,          &e.actor_id,   &e.agency_id, &e.action,
                                  &e.object_type, &e.object_id,  &e.purpose,   &e.outcome,
                                  &e.detail,      &e.recipients, &e.via };

        for (size_t i = 0; i < ACI_ARRAY_LEN(fields); i++) {
            *fields[i] = json_string_value(json_object_get(entry, entry_keys[i]));
        }
    }
    if (!aci_audit_signature_ok(c.size, c.root, c.sig, pk)) {
        return aci_fail(err, AC_EINVAL,
                        "the checkpoint's signature does not verify with this "
                        "public key");
    }
    if ((uint64_t)size != c.size || index != seq - 1 || !aci_hex_decode(c.root, root, 32)) {
        return aci_fail(err, AC_EINVAL, "the proof's sizes do not match its checkpoint");
    }
    a = ac_arena_new(0);
    ok = a != NULL && aci_audit_leaf_bytes(&e, a, &bytes, &len, NULL) == AC_OK;
    if (ok) {
        aci_merkle_leaf(bytes, len, leaf);
    }
    ac_arena_free(a);
    if (!ok || !aci_merkle_verify_inclusion(leaf, (uint64_t)index, c.size, path, n_path, root)) {
        return aci_fail(err, AC_EINVAL,
                        "entry %lld is not proven to be in the signed log: "
                        "the entry or the path was changed",
                        (long long)seq);
    }
    if (summary != NULL) {
        snprintf(summary, cap, "entry %lld (%s %s, %s) is in the log of %llu entries signed at %s",
                 (long long)seq, e.action ? e.action : "", e.object_id ? e.object_id : "",
                 e.at ? e.at : "", (unsigned long long)c.size, c.at);
    }
    return AC_OK;
}

static ac_code
check_consistency(json_t *doc, const char *pk, char *summary, size_t cap, ac_error *err)
{
    aci_hash path[ACI_MERKLE_MAX * 2], old_root, new_root;
    size_t n_path = 0;
    struct cp o, n;

    if (!read_cp(json_object_get(doc, "old"), &o) || !read_cp(json_object_get(doc, "new"), &n) ||
        !read_path(json_object_get(doc, "path"), path, ACI_MERKLE_MAX * 2, &n_path) ||
        !aci_hex_decode(o.root, old_root, 32) || !aci_hex_decode(n.root, new_root, 32)) {
        return aci_fail(err, AC_EINVAL, "not an accord consistency proof: fields are missing");
    }
    if (!aci_audit_signature_ok(o.size, o.root, o.sig, pk) ||
        !aci_audit_signature_ok(n.size, n.root, n.sig, pk)) {
        return aci_fail(err, AC_EINVAL,
                        "a checkpoint's signature does not verify with this "
                        "public key");
    }
    if (!aci_merkle_verify_consistency(o.size, n.size, old_root, new_root, path, n_path)) {
        return aci_fail(err, AC_EINVAL,
                        "the log of %llu entries is not a prefix of the log of "
                        "%llu entries: history was rewritten",
                        (unsigned long long)o.size, (unsigned long long)n.size);
    }
    if (summary != NULL) {
        snprintf(summary, cap,
                 "the log signed at %s (%llu entries) extends the log signed at %s "
                 "(%llu entries) without changing it",
                 n.at, (unsigned long long)n.size, o.at, (unsigned long long)o.size);
    }
    return AC_OK;
}

ac_code
ac_audit_check_proof(const char *proof_json,
                     const char *public_key_hex,
                     char *summary,
                     size_t summary_cap,
                     ac_error *err)
{
    json_error_t jerr;
    json_t *doc = json_loads(proof_json, 0, &jerr);
    const char *kind = json_string_value(json_object_get(doc, "proof"));
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    ac_code rc;

    if (summary != NULL && summary_cap > 0) {
        summary[0] = '\0';
    }
    if (!aci_hex_decode(public_key_hex, pk, sizeof pk)) {
        rc = aci_fail(err, AC_EINVAL, "the public key must be 64 hex characters");
    } else if (doc == NULL) {
        rc = aci_fail(err, AC_EINVAL, "the proof is not JSON (line %d: %s)", jerr.line, jerr.text);
    } else if (kind != NULL && strcmp(kind, "accord-audit-inclusion-v1") == 0) {
        rc = check_inclusion(doc, public_key_hex, summary, summary_cap, err);
    } else if (kind != NULL && strcmp(kind, "accord-audit-consistency-v1") == 0) {
        rc = check_consistency(doc, public_key_hex, summary, summary_cap, err);
    } else {
        rc = aci_fail(err, AC_EINVAL, "not an accord audit proof");
    }
    json_decref(doc);
    return rc;
}
