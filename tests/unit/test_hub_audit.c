/* SPDX-License-Identifier: Apache-2.0
 *
 * test_hub_audit.c - the audit trail through the hub: what each entry records, the
 * verdicts of verify on every kind of tampering, proofs checked with only the public
 * key, and the oversight queries.
 */
#include "support.h"

#include <string.h>

#include "audit/audit.h"
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
        ac_person *found = NULL;
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
        { "UPDATE audit_checkpoints SET at = '2020-01-01T00:00:00.000Z'", 0, "checkpoint" },
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
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
