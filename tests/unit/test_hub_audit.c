/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_audit.c - the audit trail through the hub: what each entry records, the
 * verdicts of verify on every kind of tampering, proofs checked with only the public
 * key, and the oversight queries.
 */
#include "support.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "audit/note.h"
#include "hub/hub_int.h"
#include "store/store.h"

static void
sql(struct test_hub *t, const char *text)
{
    assert_int_equal(aci_store_exec(t->hub->store, text, NULL), AC_OK);
}

static ac_audit_report
verify(struct test_hub *t)
{
    ac_audit_report r;
    ac_error err = { 0 };

    assert_int_equal(ac_audit_verify(t->hub, t->auditor, "", &r, &err), AC_OK);
    return r;
}

/* A hub with some history: persons added, read, searched. */
static struct test_hub *
busy_hub(const char **person_id)
{
    struct test_hub *t = test_hub_new(0);
    ac_person *p = NULL;
    ac_error err = { 0 };

    *person_id = test_add_person(t, t->analyst, "Aisha", "Rahman", "1990");
    test_add_person(t, t->analyst, "Mohammed", "Khan", NULL);
    assert_int_equal(ac_person_get(t->hub, t->analyst, "referral 7", *person_id, t->a, &p, &err),
                     AC_OK);
    assert_int_equal(ac_person_get(t->hub, t->council, "curious", *person_id, t->a, &p, &err),
                     AC_ENOTFOUND);
    return t;
}

struct collected {
    size_t n;
    char actions[16][32];
    char purposes[16][64];
    char outcomes[16][16];
};

static int
collect(void *ctx, const ac_audit_entry *e)
{
    struct collected *c = ctx;

    if (c->n < 16) {
        snprintf(c->actions[c->n], 32, "%s", e->action);
        snprintf(c->purposes[c->n], 64, "%s", e->purpose ? e->purpose : "");
        snprintf(c->outcomes[c->n], 16, "%s", e->outcome);
        assert_non_null(e->at);
        assert_non_null(e->agency_id);
        c->n++;
    }
    return 0;
}

static void
audit_who_accessed_lists_reads_and_refusals_with_purposes(void **state)
{
    const char *id;
    struct test_hub *t = busy_hub(&id);
    ac_audit_query q = { id, NULL, NULL, 0 };
    struct collected c;
    uint64_t n = 0;
    ac_error err = { 0 };

    (void)state;
    memset(&c, 0, sizeof c);
    assert_int_equal(
        ac_audit_query_run(t->hub, t->auditor, "inspection", &q, collect, &c, &n, &err), AC_OK);
    assert_int_equal(n, 3); /* created, read, refused */
    assert_string_equal(c.actions[0], "create");
    assert_string_equal(c.actions[1], "read");
    assert_string_equal(c.purposes[1], "referral 7");
    assert_string_equal(c.outcomes[2], "denied");
    assert_string_equal(c.purposes[2], "curious");
    /* a search that showed the person counts as an access to them */
    {
        ac_person_query pq = { "aisha", { 0, 0, 0, 0 }, NULL, 0, NULL };
        ac_person_hit *found = NULL;
        size_t n_found = 0;

        assert_int_equal(
            ac_person_search(t->hub, t->analyst, "trace", &pq, t->a, &found, &n_found, &err),
            AC_OK);
        assert_int_equal(n_found, 1);
        memset(&c, 0, sizeof c);
        assert_int_equal(
            ac_audit_query_run(t->hub, t->auditor, "inspection", &q, collect, &c, &n, &err), AC_OK);
        assert_int_equal(n, 5); /* the auditor's own query is entry 4 */
        assert_string_equal(c.actions[3], "audit_read");
        assert_string_equal(c.actions[4], "search");
        assert_string_equal(c.purposes[4], "trace");
    }
    /* only auditors ask */
    assert_int_equal(ac_audit_query_run(t->hub, t->admin, "x", &q, collect, &c, &n, &err),
                     AC_EDENIED);
    test_hub_free(t);
}

static int
first_seq(void *ctx, const ac_audit_entry *e)
{
    *(uint64_t *)ctx = e->seq;
    return 1; /* one is enough */
}

static void
audit_cursor_and_oversight_report(void **state)
{
    const char *id;
    struct test_hub *t = busy_hub(&id);
    ac_audit_query q = { id, NULL, NULL, 0 };
    ac_oversight_row *rows = NULL;
    uint64_t first = 0, n = 0, denied = 0, total = 0;
    size_t n_rows = 0;
    struct collected c;
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(
        ac_audit_query_run(t->hub, t->auditor, "inspection", &q, first_seq, &first, &n, &err),
        AC_OK);
    assert_true(first > 0);
    /* the next page starts after the last entry seen */
    q.after_seq = first;
    memset(&c, 0, sizeof c);
    assert_int_equal(
        ac_audit_query_run(t->hub, t->auditor, "inspection", &q, collect, &c, &n, &err), AC_OK);
    assert_int_equal(n, 3); /* read, refused, and the auditor's first query */
    assert_string_equal(c.actions[0], "read");
    /* the report counts every entry once, refusals apart */
    assert_int_equal(ac_audit_oversight(t->hub, t->auditor, "quarterly report", NULL, NULL, t->a,
                                        &rows, &n_rows, &err),
                     AC_OK);
    for (size_t i = 0; i < n_rows; i++) {
        total += rows[i].count;
        denied += strcmp(rows[i].outcome, "denied") == 0 ? rows[i].count : 0;
    }
    assert_int_equal(total, (uint64_t)test_count_audit(t) - 1); /* not the report's own entry */
    assert_true(denied >= 1);
    assert_int_equal(
        ac_audit_oversight(t->hub, t->auditor, "r", "2099-01-01", NULL, t->a, &rows, &n_rows, &err),
        AC_OK);
    assert_int_equal(n_rows, 0);
    assert_int_equal(
        ac_audit_oversight(t->hub, t->auditor, "r", "last week", NULL, t->a, &rows, &n_rows, &err),
        AC_EINVAL);
    assert_non_null(strstr(err.msg, "since"));
    assert_int_equal(
        ac_audit_oversight(t->hub, t->analyst, "r", NULL, NULL, t->a, &rows, &n_rows, &err),
        AC_EDENIED);
    test_hub_free(t);
}

static void
audit_verify_passes_on_an_untouched_log(void **state)
{
    const char *id;
    struct test_hub *t = busy_hub(&id);
    uint64_t size = 0;
    ac_error err = { 0 };
    ac_audit_report r;

    (void)state;
    assert_int_equal(ac_audit_checkpoint_now(t->hub, t->auditor, "", &size, &err), AC_OK);
    r = verify(t);
    assert_string_equal(r.problem, "");
    assert_int_equal(r.first_bad, 0);
    assert_true(r.entries >= 10);
    assert_true(r.checkpoints >= 2);
    test_hub_free(t);
}

static void
audit_verify_names_each_kind_of_tampering(void **state)
{
    static const struct {
        const char *sql;
        uint64_t first_bad;
        const char *words;
    } cases[] = {
        { "UPDATE audit_log SET purpose = 'nothing to see' WHERE seq = 4", 4, "altered" },
        { "DELETE FROM audit_log WHERE seq = 5", 5, "missing" },
        { "INSERT INTO audit_log (seq, at, action, outcome) VALUES (500, 'x', 'read', 'ok')", 0,
          "missing" },
        { "UPDATE audit_log SET seq = seq + 1000 WHERE seq = 6;"
          "UPDATE audit_log SET seq = 6 WHERE seq = 7;"
          "UPDATE audit_log SET seq = 7 WHERE seq = 1006",
          6, "altered" },
        /* the C2SP checkpoint signs origin, size and root (not the time): a signature
         * changed by one digit */
        { "UPDATE audit_checkpoints SET signature = (CASE substr(signature, 1, 1) WHEN '0' "
          "THEN '1' ELSE '0' END) || substr(signature, 2)",
          0, "checkpoint" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *id;
        struct test_hub *t = busy_hub(&id);
        uint64_t size = 0;
        ac_error err = { 0 };
        ac_audit_report r;

        assert_int_equal(ac_audit_checkpoint_now(t->hub, t->auditor, "", &size, &err), AC_OK);
        sql(t, cases[i].sql);
        r = verify(t);
        assert_non_null(strstr(r.problem, cases[i].words));
        assert_true(r.first_bad != 0);
        if (cases[i].first_bad != 0) {
            assert_int_equal(r.first_bad, cases[i].first_bad);
        }
        test_hub_free(t);
    }
}

/* Rewrite entry SEQ's purpose and recompute every hash and the frontier, as an insider
 * with database access would to hide a change. */
static void
rewrite_history(struct test_hub *t, int64_t seq)
{
    static const char rows[] =
        "SELECT seq, at, actor_id, agency_id, action, object_type, object_id, purpose, outcome,"
        " detail, recipients FROM audit_log ORDER BY seq";
    struct aci_stmt *st = NULL;
    struct aci_frontier f;
    ac_arena *a = ac_arena_new(0);
    char hexes[ACI_MERKLE_MAX * 64 + 1] = "";
    char update[256];
    bool row = true;

    snprintf(update, sizeof update, "UPDATE audit_log SET purpose = 'rewritten' WHERE seq = %lld",
             (long long)seq);
    sql(t, update);
    aci_frontier_init(&f);
    assert_int_equal(aci_stmt_get(t->hub->store, rows, &st, NULL), AC_OK);
    while (aci_stmt_step(st, &row, NULL) == AC_OK && row) {
        struct aci_audit_entry e;
        unsigned char *bytes;
        size_t len;
        aci_hash leaf;
        char hex[65];

        memset(&e, 0, sizeof e);
        assert_int_equal(aci_store_audit_read_row(st, a, &e), AC_OK);
        assert_int_equal(aci_audit_leaf_bytes(&e, a, &bytes, &len, NULL), AC_OK);
        aci_merkle_leaf(bytes, len, leaf);
        aci_hex_encode(leaf, ACI_HASH_LEN, hex);
        snprintf(update, sizeof update, "UPDATE audit_log SET leaf_hash = '%s' WHERE seq = %lld",
                 hex, (long long)e.seq);
        assert_int_equal(aci_store_exec(t->hub->store, update, NULL), AC_OK);
        aci_frontier_append(&f, leaf);
    }
    aci_stmt_done(st);
    for (size_t i = 0; i < f.n; i++) {
        aci_hex_encode(f.node[i], ACI_HASH_LEN, hexes + i * 64);
    }
    snprintf(update, sizeof update, "UPDATE audit_state SET size = %llu, frontier = '",
             (unsigned long long)f.size);
    {
        char *full = ac_arena_printf(a, "%s%s'", update, hexes);

        sql(t, full);
    }
    ac_arena_free(a);
}

static void
audit_rewritten_history_fails_against_earlier_checkpoints(void **state)
{
    const char *id;
    struct test_hub *t = busy_hub(&id);
    uint64_t old_size = 0, new_size = 0;
    char *proof = NULL, *consistency = NULL, *pk = NULL;
    ac_error err = { 0 };
    ac_audit_report r;

    (void)state;
    assert_int_equal(ac_audit_checkpoint_now(t->hub, t->auditor, "", &old_size, &err), AC_OK);
    assert_int_equal(ac_audit_prove(t->hub, t->auditor, "", 3, t->a, &proof, &err), AC_OK);
    assert_int_equal(ac_audit_public_key(t->hub, t->a, &pk, &err), AC_OK);
    assert_int_equal(ac_audit_check_proof(proof, pk, NULL, 0, &err), AC_OK);

    rewrite_history(t, 3);
    r = verify(t);
    assert_non_null(strstr(r.problem, "do not match the checkpoint"));
    /* an insider with the key signs the rewritten log: the earlier checkpoint still
     * exposes it, because the new log is not an extension of the old one */
    assert_int_equal(ac_audit_checkpoint_now(t->hub, t->auditor, "", &new_size, &err), AC_OK);
    assert_int_equal(
        ac_audit_consistency(t->hub, t->auditor, "", old_size, new_size, t->a, &consistency, &err),
        AC_OK);
    assert_int_equal(ac_audit_check_proof(consistency, pk, NULL, 0, &err), AC_EINVAL);
    assert_non_null(strstr(err.msg, "not a prefix"));
    test_hub_free(t);
}

static void
audit_proof_needs_the_right_key_and_the_real_entry(void **state)
{
    const char *id;
    struct test_hub *t = busy_hub(&id);
    char *proof = NULL, *pk = NULL, *forged;
    char summary[256];
    ac_error err = { 0 };

    (void)state;
    assert_int_equal(ac_audit_prove(t->hub, t->auditor, "", 2, t->a, &proof, &err), AC_OK);
    assert_int_equal(ac_audit_public_key(t->hub, t->a, &pk, &err), AC_OK);
    assert_int_equal(ac_audit_check_proof(proof, pk, summary, sizeof summary, &err), AC_OK);
    assert_non_null(strstr(summary, "entry 2"));
    assert_int_equal(ac_audit_check_proof(proof,
                                          "00000000000000000000000000000000000000000000000"
                                          "00000000000000000",
                                          NULL, 0, &err),
                     AC_EINVAL);
    forged = ac_arena_strdup(t->a, proof);
    memcpy(strstr(forged, "\"action\": \"") + 11, "X", 1);
    assert_int_equal(ac_audit_check_proof(forged, pk, NULL, 0, &err), AC_EINVAL);
    assert_int_equal(ac_audit_check_proof("{}", pk, NULL, 0, &err), AC_EINVAL);
    assert_int_equal(ac_audit_check_proof("not json", pk, NULL, 0, &err), AC_EINVAL);
    test_hub_free(t);
}

/* The signed-note vector of golang.org/x/mod/sumdb/note (the PeterNeumann key): our notes
 * are byte for byte what other C2SP tools make and accept. */
static void
audit_note_matches_the_c2sp_vector(void **state)
{
    static const char text[] = "If you think cryptography is the answer to your problem,\n"
                               "then you don't know what your problem is.\n";
    static const char want[] =
        "If you think cryptography is the answer to your problem,\n"
        "then you don't know what your problem is.\n"
        "\n"
        "\xe2\x80\x94 PeterNeumann "
        "x08go/ZJkuBS9UG/"
        "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    unsigned char seed[32], pk[32], want_pk[32], sk[64], hash[4];
    char note[ACI_NOTE_MAX], edited[ACI_NOTE_MAX];
    size_t text_len = 0;

    (void)state;
    assert_true(sodium_init() >= 0);
    assert_true(aci_hex_decode("810a1402d5146c8d84f2443330f54080ebf98ee17d9c74f6252fc5d5c7283173",
                               seed, sizeof seed));
    assert_true(aci_hex_decode("1a5cd907143c384c41e830c5bce12aa8817ec5649aaabf2c31388b35b2d744d6",
                               want_pk, sizeof want_pk));
    crypto_sign_seed_keypair(pk, sk, seed);
    assert_memory_equal(pk, want_pk, sizeof pk);
    aci_note_key_hash("PeterNeumann", pk, hash);
    assert_memory_equal(hash, "\xc7\x4f\x20\xa3", 4);
    assert_int_equal(aci_note_sign(note, sizeof note, text, "PeterNeumann", pk, sk, NULL),
                     (int)strlen(want));
    assert_string_equal(note, want);
    assert_true(aci_note_verify(want, strlen(want), "PeterNeumann", pk, &text_len));
    assert_int_equal(text_len, strlen(text));
    snprintf(edited, sizeof edited, "%s", want);
    edited[3] = 'T'; /* "If You..." */
    assert_false(aci_note_verify(edited, strlen(edited), "PeterNeumann", pk, &text_len));
    assert_false(aci_note_verify(want, strlen(want), "SomeoneElse", pk, &text_len));
    sodium_memzero(sk, sizeof sk);
}

/* The tlog-checkpoint body: origin, size, base64 root, each on its line. */
static void
audit_checkpoint_body_is_c2sp(void **state)
{
    unsigned char pk[32];
    aci_hash root;
    char body[ACI_NOTE_MAX], origin[ACI_NOTE_NAME_MAX], want[ACI_NOTE_MAX];
    struct aci_witnessed w;

    (void)state;
    memset(pk, 7, sizeof pk);
    memset(root, 0, sizeof root);
    root[31] = 1;
    aci_note_origin(pk, origin);
    assert_int_equal(strncmp(origin, "accord/", 7), 0);
    assert_int_equal(strlen(origin), 7 + 16);
    snprintf(want, sizeof want, "%s\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE=\n", origin);
    assert_int_equal(aci_checkpoint_body(body, sizeof body, pk, 42, root), (int)strlen(want));
    assert_string_equal(body, want);
    assert_true(aci_checkpoint_parse(body, strlen(body), pk, &w));
    assert_int_equal(w.size, 42);
    assert_memory_equal(w.root, root, sizeof root);
    pk[0] = 8; /* another hub's origin */
    assert_false(aci_checkpoint_parse(body, strlen(body), pk, &w));
}

static ac_code
verify_offline(struct test_hub *t, const char *pk_hex, ac_audit_report *r)
{
    char witness[300];
    ac_audit_verify_opts o = { pk_hex, witness };
    ac_error err = { 0 };

    snprintf(witness, sizeof witness, "%s.witness", t->path);
    return ac_audit_verify_offline(t->path, &o, r, &err);
}

/* An on-disk hub with three witnessed checkpoints and entries after the last. */
static struct test_hub *
witnessed_hub(uint64_t sizes[3], char **pk_hex)
{
    struct test_hub *t = test_hub_new(1);
    ac_error err = { 0 };
    char witness[300];

    for (int i = 0; i < 3; i++) {
        test_add_person(t, t->analyst, "Aisha", "Rahman", "1990");
        assert_int_equal(ac_audit_checkpoint_now(t->hub, t->auditor, "", &sizes[i], &err), AC_OK);
    }
    test_add_person(t, t->analyst, "Mohammed", "Khan", NULL);
    assert_int_equal(ac_audit_public_key(t->hub, t->a, pk_hex, &err), AC_OK);
    snprintf(witness, sizeof witness, "%s.witness", t->path);
    assert_int_equal(access(witness, R_OK), 0);
    return t;
}

static void
witnessed_hub_free(struct test_hub *t)
{
    char side[300];

    snprintf(side, sizeof side, "%s.witness", t->path);
    unlink(side);
    snprintf(side, sizeof side, "%s.key", t->path);
    unlink(side);
    test_hub_free(t);
}

static void
audit_witness_holds_every_checkpoint_and_verifies_offline(void **state)
{
    uint64_t sizes[3];
    char *pk = NULL;
    struct test_hub *t = witnessed_hub(sizes, &pk);
    ac_audit_report r;
    char other[65];

    (void)state;
    assert_int_equal(verify_offline(t, pk, &r), AC_OK);
    assert_string_equal(r.problem, "");
    assert_int_equal(r.key_pinned, 1);
    assert_int_equal(r.witnessed, sizes[2]);
    assert_true(r.witnessed_checkpoints >= 3);
    /* another key pinned: every checkpoint is refused, the first named */
    snprintf(other, sizeof other, "%s", pk);
    other[0] = other[0] == '0' ? '1' : '0';
    assert_int_equal(verify_offline(t, other, &r), AC_OK);
    assert_true(r.problem[0] != '\0');
    assert_int_equal(verify_offline(t, "not hex", &r), AC_EINVAL);
    witnessed_hub_free(t);
}

/* Rewrite the stored tree from the rows as they now stand (every leaf hash, the frontier),
 * as an insider hiding a change would. */
static void
rehash_all(struct test_hub *t)
{
    static const char rows[] =
        "SELECT seq, at, actor_id, agency_id, action, object_type, object_id, purpose, outcome,"
        " detail, recipients FROM audit_log ORDER BY seq";
    struct aci_stmt *st = NULL;
    struct aci_frontier f;
    ac_arena *a = ac_arena_new(0);
    char hexes[ACI_MERKLE_MAX * 64 + 1] = "";
    char update[256];
    bool row = true;

    aci_frontier_init(&f);
    assert_int_equal(aci_stmt_get(t->hub->store, rows, &st, NULL), AC_OK);
    while (aci_stmt_step(st, &row, NULL) == AC_OK && row) {
        struct aci_audit_entry e;
        unsigned char *bytes;
        size_t len;
        aci_hash leaf;
        char hex[65];

        memset(&e, 0, sizeof e);
        assert_int_equal(aci_store_audit_read_row(st, a, &e), AC_OK);
        assert_int_equal(aci_audit_leaf_bytes(&e, a, &bytes, &len, NULL), AC_OK);
        aci_merkle_leaf(bytes, len, leaf);
        aci_hex_encode(leaf, ACI_HASH_LEN, hex);
        snprintf(update, sizeof update, "UPDATE audit_log SET leaf_hash = '%s' WHERE seq = %lld",
                 hex, (long long)e.seq);
        assert_int_equal(aci_store_exec(t->hub->store, update, NULL), AC_OK);
        aci_frontier_append(&f, leaf);
    }
    aci_stmt_done(st);
    for (size_t i = 0; i < f.n; i++) {
        aci_hex_encode(f.node[i], ACI_HASH_LEN, hexes + i * 64);
    }
    sql(t, ac_arena_printf(a, "UPDATE audit_state SET size = %llu, frontier = '%s'",
                           (unsigned long long)f.size, hexes));
    ac_arena_free(a);
}

static void
audit_witness_catches_a_truncated_log(void **state)
{
    uint64_t sizes[3];
    char *pk = NULL;
    struct test_hub *t = witnessed_hub(sizes, &pk);
    uint64_t keep = sizes[1] + 1;
    ac_audit_report r;

    (void)state;
    sql(t,
        ac_arena_printf(t->a, "DELETE FROM audit_log WHERE seq > %llu", (unsigned long long)keep));
    sql(t, ac_arena_printf(t->a, "DELETE FROM audit_checkpoints WHERE tree_size > %llu",
                           (unsigned long long)keep));
    rehash_all(t);
    assert_int_equal(ac_audit_verify_unaudited(t->hub, &r, NULL), AC_OK);
    assert_string_equal(r.problem, ""); /* the database alone cannot tell */
    assert_int_equal(verify_offline(t, pk, &r), AC_OK);
    assert_non_null(strstr(r.problem, "truncated"));
    assert_int_equal(r.first_bad, keep + 1);
    assert_int_equal(r.witnessed, sizes[2]);
    witnessed_hub_free(t);
}

/* A key of the insider's inserted in audit_keys, and every checkpoint re-signed with it. */
static void
audit_pinned_key_refuses_a_swapped_key(void **state)
{
    uint64_t sizes[3];
    char *pk = NULL;
    struct test_hub *t = witnessed_hub(sizes, &pk);
    unsigned char npk[32], nsk[64];
    char npk_hex[65], id_hex[17];
    ac_audit_report r;

    (void)state;
    crypto_sign_keypair(npk, nsk);
    aci_hex_encode(npk, sizeof npk, npk_hex);
    memcpy(id_hex, "0123456789abcdef", sizeof id_hex);
    sql(t, ac_arena_printf(t->a,
                           "INSERT INTO audit_keys (key_id, public_key, created_at)"
                           " VALUES ('%s', '%s', '2026-03-01T12:00:00.000Z')",
                           id_hex, npk_hex));
    for (int i = 0; i < 3; i++) {
        struct aci_audit_checkpoint c;
        aci_hash root;
        unsigned char sig[64];
        char body[ACI_NOTE_MAX], sig_hex[129];

        assert_int_equal(aci_store_audit_checkpoint_get(t->hub->store, sizes[i], t->a, &c, NULL),
                         AC_OK);
        assert_true(aci_hex_decode(c.root, root, sizeof root));
        assert_true(aci_checkpoint_body(body, sizeof body, npk, sizes[i], root) > 0);
        crypto_sign_detached(sig, NULL, (const unsigned char *)body, strlen(body), nsk);
        aci_hex_encode(sig, sizeof sig, sig_hex);
        sql(t, ac_arena_printf(t->a,
                               "UPDATE audit_checkpoints SET key_id = '%s', signature = '%s'"
                               " WHERE tree_size = %llu",
                               id_hex, sig_hex, (unsigned long long)sizes[i]));
    }
    sodium_memzero(nsk, sizeof nsk);
    sql(t, "DELETE FROM audit_checkpoints WHERE key_id <> '0123456789abcdef'");
    assert_int_equal(ac_audit_verify_unaudited(t->hub, &r, NULL), AC_OK);
    assert_string_equal(r.problem, ""); /* trusting the database's keys, all is "well" */
    assert_int_equal(verify_offline(t, pk, &r), AC_OK);
    assert_non_null(strstr(r.problem, "not the pinned key"));
    assert_int_equal(r.first_bad, sizes[0]);
    witnessed_hub_free(t);
}

/* A checkpoint signed before checkpoints were C2SP notes (the note with the time) still
 * verifies: an upgraded hub's history stays checkable. */
static void
audit_checkpoint_signed_before_c2sp_still_verifies(void **state)
{
    const char *id;
    struct test_hub *t = busy_hub(&id);
    struct aci_audit_checkpoint c;
    uint64_t size = 0;
    unsigned char sig[64];
    char note[256], sig_hex[129];
    ac_error err = { 0 };
    ac_audit_report r;

    (void)state;
    assert_int_equal(ac_audit_checkpoint_now(t->hub, t->auditor, "", &size, &err), AC_OK);
    assert_int_equal(aci_store_audit_checkpoint_get(t->hub->store, size, t->a, &c, NULL), AC_OK);
    snprintf(note, sizeof note, "accord audit checkpoint v1\nsize %llu\nroot %s\nat %s\n",
             (unsigned long long)size, c.root, c.at);
    crypto_sign_detached(sig, NULL, (const unsigned char *)note, strlen(note),
                         t->hub->key.signer_ctx);
    aci_hex_encode(sig, sizeof sig, sig_hex);
    sql(t, ac_arena_printf(t->a,
                           "UPDATE audit_checkpoints SET signature = '%s' WHERE tree_size = %llu",
                           sig_hex, (unsigned long long)size));
    r = verify(t);
    assert_string_equal(r.problem, "");
    /* and its time is then signed: changing it is caught */
    sql(t, ac_arena_printf(t->a,
                           "UPDATE audit_checkpoints SET at = '2020-01-01T00:00:00.000Z'"
                           " WHERE tree_size = %llu",
                           (unsigned long long)size));
    r = verify(t);
    assert_non_null(strstr(r.problem, "altered"));
    test_hub_free(t);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(audit_who_accessed_lists_reads_and_refusals_with_purposes),
        cmocka_unit_test(audit_cursor_and_oversight_report),
        cmocka_unit_test(audit_verify_passes_on_an_untouched_log),
        cmocka_unit_test(audit_verify_names_each_kind_of_tampering),
        cmocka_unit_test(audit_rewritten_history_fails_against_earlier_checkpoints),
        cmocka_unit_test(audit_proof_needs_the_right_key_and_the_real_entry),
        cmocka_unit_test(audit_note_matches_the_c2sp_vector),
        cmocka_unit_test(audit_checkpoint_body_is_c2sp),
        cmocka_unit_test(audit_witness_holds_every_checkpoint_and_verifies_offline),
        cmocka_unit_test(audit_witness_catches_a_truncated_log),
        cmocka_unit_test(audit_pinned_key_refuses_a_swapped_key),
        cmocka_unit_test(audit_checkpoint_signed_before_c2sp_still_verifies),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
