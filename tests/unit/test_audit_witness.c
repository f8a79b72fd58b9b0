/* SPDX-License-Identifier: Apache-2.0
 *
 * test_audit_witness.c - the cosigning witness (lib/audit/witness.c) on its own: the
 * add-checkpoint request parser (c2sp.org/tlog-witness), each malformed form refused with
 * its line named; the cosignature format (c2sp.org/tlog-cosignature, cosignature/v1)
 * against a known answer computed outside accord (Python 'cryptography' Ed25519 and
 * hashlib, from the spec's text: key ID = SHA-256(name || "\n" || 0x04 || public key)[:4],
 * the signed message "cosignature/v1\ntime <ts>\n" then the checkpoint body, the line's
 * blob key ID || u64 big-endian time || signature); and ac_witness_add_checkpoint's
 * answers: 200 on a consistent extension, 409 when "old" is stale, 409 on a fork at the
 * size it holds, 422 on a bad proof or a fork that grew, 403, 404, 400, and its state
 * surviving a restart.
 */
#include "support.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "accord/witness.h"
#include "audit/audit.h"
#include "audit/merkle.h"
#include "audit/note.h"
#include "audit/witness.h"

/* ---- the request parser ---- */

static void
expect_refused(const char *body, const char *why)
{
    struct aci_witness_req rq;
    ac_error err = { 0 };

    assert_false(aci_witness_req_parse(body, strlen(body), &rq, &err));
    assert_int_equal(err.code, AC_EINVAL);
    if (strstr(err.msg, why) == NULL) {
        fail_msg("body %s: error '%s' does not say '%s'", body, err.msg, why);
    }
}

static void
parser_refuses_each_malformed_form(void **state)
{
    char many[80 * 70];
    size_t n = 0;

    (void)state;
    expect_refused("", "line 1 must be 'old N'");
    expect_refused("old 3", "line 1 must be 'old N'");         /* no newline */
    expect_refused("new 3\n\nx\n", "line 1 must be 'old N'");  /* another keyword */
    expect_refused("old \n\nx\n", "line 1 must be 'old N'");   /* no number */
    expect_refused("old 03\n\nx\n", "line 1 must be 'old N'"); /* a leading zero */
    expect_refused("old -1\n\nx\n", "line 1 must be 'old N'");
    expect_refused("old 3x\n\nx\n", "line 1 must be 'old N'");
    expect_refused("old  3\n\nx\n", "line 1 must be 'old N'");
    expect_refused("old 18446744073709551616\n\nx\n", "line 1 must be 'old N'"); /* 2^64 */
    expect_refused("old 3\n", "line 2: the proof lines must end with a blank line");
    expect_refused("old 3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
                   "line 3: the proof lines must end with a blank line");
    expect_refused("old 3\nnot base64!\n\nx\n", "line 2: a proof line must be one 32-byte hash");
    expect_refused("old 3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n\nx\n", /* 31 bytes */
                   "line 2: a proof line must be one 32-byte hash");
    expect_refused("old 3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=AAAA\n\nx\n",
                   "line 2: a proof line must be one 32-byte hash");
    expect_refused("old 3\n\n", "the signed checkpoint is missing");
    n += (size_t)snprintf(many + n, sizeof many - n, "old 3\n");
    for (int i = 0; i < 64; i++) {
        n += (size_t)snprintf(many + n, sizeof many - n,
                              "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    }
    snprintf(many + n, sizeof many - n, "\nx\n");
    expect_refused(many, "line 65: more than 63 consistency proof lines");
}

static void
parser_reads_old_proof_and_note(void **state)
{
    const char *body = "old 18446744073709551615\n"
                       "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
                       "//////////////////////////////////////////8=\n"
                       "\n"
                       "origin\n5\nroot\n\n— sig\n";
    struct aci_witness_req rq;
    ac_error err = { 0 };
    aci_hash zero = { 0 }, ones;

    (void)state;
    memset(ones, 0xff, sizeof ones);
    assert_true(aci_witness_req_parse(body, strlen(body), &rq, &err));
    assert_true(rq.old == UINT64_MAX);
    assert_int_equal(rq.n_proof, 2);
    assert_memory_equal(rq.proof[0], zero, ACI_HASH_LEN);
    assert_memory_equal(rq.proof[1], ones, ACI_HASH_LEN);
    assert_ptr_equal(rq.note, strstr(body, "origin"));
    assert_int_equal(rq.note_len, strlen("origin\n5\nroot\n\n— sig\n"));
    body = "old 0\n\nnote";
    assert_true(aci_witness_req_parse(body, strlen(body), &rq, &err));
    assert_true(rq.old == 0);
    assert_int_equal(rq.n_proof, 0);
    assert_int_equal(rq.note_len, 4);
}

/* ---- the cosignature format: a known answer ---- */

/* Computed with Python's 'cryptography' (Ed25519) and hashlib, not with accord: the key
 * from the seed 00 01 .. 1f, the name, time and checkpoint of the spec's example. */
#define KAT_NAME "witness.example.com/w1"
#define KAT_PK   "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"
#define KAT_ID   "a0059f11"
#define KAT_TIME 1679315147
#define KAT_BODY \
    "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
#define KAT_LINE                                                                               \
    "— witness.example.com/w1 "                                                              \
    "oAWfEQAAAABkGFDLBuRDazBLVac2NE+Y+IjbjQOcXLfF9CSDZVUIoS83rE1nFZsVE8YiWV6Ngr7lV8H6bdoBQGP/" \
    "l73euDMQ9k+bBQ==\n"

static void
kat_key(unsigned char pk[32], unsigned char sk[64])
{
    unsigned char seed[32];

    for (int i = 0; i < 32; i++) {
        seed[i] = (unsigned char)i;
    }
    crypto_sign_seed_keypair(pk, sk, seed);
}

static void
cosig_key_id_follows_the_spec(void **state)
{
    unsigned char pk[32], sk[64], id[4], expect[4];
    char hex[65];

    (void)state;
    kat_key(pk, sk);
    sodium_bin2hex(hex, sizeof hex, pk, 32);
    assert_string_equal(hex, KAT_PK);
    aci_cosig_key_id(KAT_NAME, pk, id);
    assert_int_equal(sodium_hex2bin(expect, 4, KAT_ID, 8, NULL, NULL, NULL), 0);
    assert_memory_equal(id, expect, 4);
}

static void
cosig_message_is_header_time_then_body(void **state)
{
    char buf[256];
    const char *expect = "cosignature/v1\ntime 1679315147\n" KAT_BODY;

    (void)state;
    assert_int_equal(aci_cosig_message(buf, sizeof buf, KAT_TIME, KAT_BODY, strlen(KAT_BODY)),
                     (int)strlen(expect));
    assert_string_equal(buf, expect);
    assert_int_equal(aci_cosig_message(buf, 20, KAT_TIME, KAT_BODY, strlen(KAT_BODY)), -1);
    assert_int_equal(aci_cosig_message(buf, sizeof buf, -1, KAT_BODY, strlen(KAT_BODY)), -1);
}

static void
cosig_line_matches_the_known_answer(void **state)
{
    unsigned char pk[32], sk[64], other_pk[32], other_sk[64];
    char line[512];
    const char *end;
    int64_t ts = 0;

    (void)state;
    kat_key(pk, sk);
    crypto_sign_keypair(other_pk, other_sk);
    assert_int_equal(
        aci_cosig_line(line, sizeof line, KAT_NAME, pk, sk, KAT_TIME, KAT_BODY, strlen(KAT_BODY)),
        (int)strlen(KAT_LINE));
    assert_string_equal(line, KAT_LINE);
    end = KAT_LINE + strlen(KAT_LINE) - 1; /* without the newline */
    assert_int_equal(aci_cosig_check(KAT_LINE, end, KAT_NAME, pk, KAT_BODY, strlen(KAT_BODY), &ts),
                     1);
    assert_true(ts == KAT_TIME);
    /* another witness's line, or this name with another key: not ours to judge */
    assert_int_equal(aci_cosig_check(KAT_LINE, end, "witness.example.com/w2", pk, KAT_BODY,
                                     strlen(KAT_BODY), &ts),
                     0);
    assert_int_equal(
        aci_cosig_check(KAT_LINE, end, KAT_NAME, other_pk, KAT_BODY, strlen(KAT_BODY), &ts), 0);
    /* over another checkpoint: forged */
    assert_int_equal(aci_cosig_check(KAT_LINE, end, KAT_NAME, pk, "x\n1\nAAAA\n", 10, &ts), -1);
    /* a changed time (the blob's bytes 4..11) or signature: forged */
    {
        char bad[512];

        snprintf(bad, sizeof bad, "%s", KAT_LINE);
        bad[strlen("— witness.example.com/w1 oAWfEQAAAABkGFD")] = 'M';
        assert_int_equal(aci_cosig_check(bad, bad + strlen(bad) - 1, KAT_NAME, pk, KAT_BODY,
                                         strlen(KAT_BODY), &ts),
                         -1);
        snprintf(bad, sizeof bad, "%s", KAT_LINE);
        bad[strlen(bad) - 6] = bad[strlen(bad) - 6] == 'A' ? 'B' : 'A';
        assert_int_equal(aci_cosig_check(bad, bad + strlen(bad) - 1, KAT_NAME, pk, KAT_BODY,
                                         strlen(KAT_BODY), &ts),
                         -1);
    }
}

/* ---- the witness ---- */

#define LEAVES 16

/* A log: LEAVES leaves made from TAG, and its key. */
struct tlog {
    aci_hash leaf[LEAVES];
    unsigned char pk[32], sk[64];
    char origin[ACI_NOTE_NAME_MAX];
    char pk_hex[65];
};

static ac_code
leaf_at(void *ctx, uint64_t i, aci_hash out, ac_error *err)
{
    const struct tlog *l = ctx;

    (void)err;
    memcpy(out, l->leaf[i], ACI_HASH_LEN);
    return AC_OK;
}

static void
tlog_make(struct tlog *l, unsigned char tag, const struct tlog *same_key)
{
    for (int i = 0; i < LEAVES; i++) {
        unsigned char data[2] = { tag, (unsigned char)i };

        aci_merkle_leaf(data, sizeof data, l->leaf[i]);
    }
    if (same_key != NULL) {
        memcpy(l->pk, same_key->pk, 32);
        memcpy(l->sk, same_key->sk, 64);
    } else {
        crypto_sign_keypair(l->pk, l->sk);
    }
    aci_note_origin(l->pk, l->origin);
    sodium_bin2hex(l->pk_hex, sizeof l->pk_hex, l->pk, 32);
}

static void
tlog_root(const struct tlog *l, uint64_t size, aci_hash out)
{
    struct aci_frontier f;

    aci_frontier_init(&f);
    for (uint64_t i = 0; i < size; i++) {
        aci_frontier_append(&f, l->leaf[i]);
    }
    aci_frontier_root(&f, out);
}

/* The add-checkpoint request "old OLD", the proof of L from OLD to SIZE (FLIP: one bit of
 * its first hash changed), and L's checkpoint at SIZE signed by SIGNER's key. */
static size_t
request(char *buf,
        size_t cap,
        const struct tlog *l,
        const struct tlog *signer,
        uint64_t old,
        uint64_t size,
        bool flip)
{
    aci_hash root, proof[ACI_MERKLE_MAX];
    char body[ACI_NOTE_MAX];
    size_t n_proof = 0, len;
    int n;

    tlog_root(l, size, root);
    if (old > 0 && old < size) {
        assert_int_equal(
            aci_merkle_consistency(leaf_at, (void *)l, old, size, proof, &n_proof, NULL), AC_OK);
    }
    if (flip && n_proof > 0) {
        proof[0][0] ^= 1;
    }
    len = (size_t)snprintf(buf, cap, "old %llu\n", (unsigned long long)old);
    for (size_t i = 0; i < n_proof; i++) {
        sodium_bin2base64(buf + len, cap - len, proof[i], ACI_HASH_LEN,
                          sodium_base64_VARIANT_ORIGINAL);
        len += strlen(buf + len);
        buf[len++] = '\n';
    }
    buf[len++] = '\n';
    assert_true(aci_checkpoint_body(body, sizeof body, l->pk, size, root) > 0);
    n = aci_note_sign(buf + len, cap - len, body, l->origin, signer->pk, signer->sk, NULL);
    assert_true(n > 0);
    return len + (size_t)n;
}

struct fixture {
    char dir[64];
    char key[96];
    char state[96];
    struct tlog log, fork, stranger;
    ac_witness *w;
};

static ac_witness *
open_witness(struct fixture *f)
{
    ac_witness_log cfg = { f->log.origin, f->log.pk_hex };
    ac_witness *w = NULL;
    ac_error err = { 0 };

    if (ac_witness_open("test.example/w1", f->key, f->state, &cfg, 1, &w, &err) != AC_OK) {
        fail_msg("ac_witness_open: %s", err.msg);
    }
    return w;
}

static int
setup(void **state)
{
    struct fixture *f = aci_calloc(1, sizeof *f);

    if (f == NULL || sodium_init() < 0) {
        return -1;
    }
    snprintf(f->dir, sizeof f->dir, "/tmp/accord-unit-witness-XXXXXX");
    if (mkdtemp(f->dir) == NULL) {
        return -1;
    }
    snprintf(f->key, sizeof f->key, "%s/w.sk", f->dir);
    snprintf(f->state, sizeof f->state, "%s/state", f->dir);
    tlog_make(&f->log, 1, NULL);
    tlog_make(&f->fork, 2, &f->log); /* another history under the same key and origin */
    tlog_make(&f->stranger, 3, NULL);
    f->w = open_witness(f);
    *state = f;
    return 0;
}

/* The one file in the state folder whose name starts with PREFIX, into PATH. */
static bool
state_file(const struct fixture *f, const char *prefix, char *path, size_t cap)
{
    DIR *d = opendir(f->state);
    struct dirent *e;
    bool found = false;

    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
            snprintf(path, cap, "%s/%s", f->state, e->d_name);
            found = true;
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    return found;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    char path[200];

    ac_witness_close(f->w);
    while (state_file(f, "log-", path, sizeof path)) {
        unlink(path);
    }
    rmdir(f->state);
    unlink(f->key);
    rmdir(f->dir);
    aci_free(f);
    return 0;
}

/* Send the request and return the status; OUT the reply. */
static int
add(struct fixture *f,
    const struct tlog *l,
    const struct tlog *signer,
    uint64_t old,
    uint64_t size,
    bool flip,
    char *out,
    const char **type,
    ac_error *err)
{
    char body[8192];
    size_t len = request(body, sizeof body, l, signer, old, size, flip);

    memset(err, 0, sizeof *err);
    return ac_witness_add_checkpoint(f->w, body, len, 1700000000, out, type, err);
}

/* OUT is a valid cosignature by the witness of L's checkpoint at SIZE. */
static void
assert_cosigned(struct fixture *f, const struct tlog *l, uint64_t size, const char *out)
{
    unsigned char wpk[32];
    aci_hash root;
    char body[ACI_NOTE_MAX];
    int64_t ts = 0;
    int n;

    tlog_root(l, size, root);
    n = aci_checkpoint_body(body, sizeof body, l->pk, size, root);
    assert_true(n > 0);
    assert_true(aci_hex_decode(ac_witness_public_key(f->w), wpk, 32));
    assert_int_equal(
        aci_cosig_check(out, out + strlen(out) - 1, "test.example/w1", wpk, body, (size_t)n, &ts),
        1);
    assert_true(ts == 1700000000);
}

static void
witness_cosigns_extensions_and_refuses_stale_old(void **state)
{
    struct fixture *f = *state;
    char out[AC_WITNESS_REPLY_MAX];
    const char *type = NULL;
    ac_error err;
    struct stat st;
    char path[200];

    assert_int_equal(add(f, &f->log, &f->log, 0, 3, false, out, &type, &err), 200);
    assert_cosigned(f, &f->log, 3, out);
    /* the state is kept 0600 */
    assert_true(state_file(f, "log-", path, sizeof path));
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* "old" is not what the witness holds: 409 with its size */
    assert_int_equal(add(f, &f->log, &f->log, 0, 5, false, out, &type, &err), 409);
    assert_string_equal(out, "3\n");
    assert_string_equal(type, "text/x.tlog.size");
    assert_int_equal(err.code, AC_ECONFLICT);
    assert_int_equal(add(f, &f->log, &f->log, 2, 5, false, out, &type, &err), 409);
    assert_string_equal(out, "3\n");
    /* from what it holds, with a good proof: cosigned */
    assert_int_equal(add(f, &f->log, &f->log, 3, 5, false, out, &type, &err), 200);
    assert_cosigned(f, &f->log, 5, out);
    /* the same checkpoint again: cosigned again, no proof needed */
    assert_int_equal(add(f, &f->log, &f->log, 5, 5, false, out, &type, &err), 200);
    assert_cosigned(f, &f->log, 5, out);
}

static void
witness_refuses_a_bad_proof_with_422(void **state)
{
    struct fixture *f = *state;
    char out[AC_WITNESS_REPLY_MAX];
    const char *type = NULL;
    ac_error err;

    assert_int_equal(add(f, &f->log, &f->log, 5, 11, true, out, &type, &err), 422);
    assert_int_equal(err.code, AC_EINVAL);
    assert_non_null(strstr(err.msg, "consistency proof from 5 to 11 does not verify"));
    assert_string_equal(out, "");
    /* nothing was kept: it still holds 5 */
    assert_int_equal(add(f, &f->log, &f->log, 0, 11, false, out, &type, &err), 409);
    assert_string_equal(out, "5\n");
    assert_int_equal(add(f, &f->log, &f->log, 5, 11, false, out, &type, &err), 200);
}

static void
witness_refuses_a_fork_under_the_same_key(void **state)
{
    struct fixture *f = *state;
    char out[AC_WITNESS_REPLY_MAX];
    const char *type = NULL;
    ac_error err;

    /* another history at the size it holds (11): a different root, 409, no cosignature */
    assert_int_equal(add(f, &f->fork, &f->log, 11, 11, false, out, &type, &err), 409);
    assert_string_equal(out, "11\n");
    assert_non_null(strstr(err.msg, "the log forked"));
    /* the fork grown past it: its own proof from 11 does not reach the witness's root */
    assert_int_equal(add(f, &f->fork, &f->log, 11, 14, false, out, &type, &err), 422);
    assert_string_equal(out, "");
    /* the fork started again from nothing: 409 */
    assert_int_equal(add(f, &f->fork, &f->log, 0, 14, false, out, &type, &err), 409);
    assert_string_equal(out, "11\n");
    /* the real log goes on */
    assert_int_equal(add(f, &f->log, &f->log, 11, 14, false, out, &type, &err), 200);
    assert_cosigned(f, &f->log, 14, out);
}

static void
witness_refuses_unknown_logs_bad_signatures_and_sizes(void **state)
{
    struct fixture *f = *state;
    char out[AC_WITNESS_REPLY_MAX], body[8192];
    const char *type = NULL;
    ac_error err;
    size_t len;

    /* another hub's checkpoint, its own origin: 404 */
    assert_int_equal(add(f, &f->stranger, &f->stranger, 0, 3, false, out, &type, &err), 404);
    assert_int_equal(err.code, AC_ENOTFOUND);
    /* the log's origin, signed by another key: 403 */
    {
        struct tlog forged = f->log;

        crypto_sign_keypair(forged.pk, forged.sk); /* signs as the origin, another key */
        memcpy(forged.origin, f->log.origin, sizeof forged.origin);
        len = request(body, sizeof body, &f->log, &forged, 14, 16, false);
        memset(&err, 0, sizeof err);
        assert_int_equal(ac_witness_add_checkpoint(f->w, body, len, 1, out, &type, &err), 403);
        assert_int_equal(err.code, AC_EDENIED);
    }
    /* old larger than the checkpoint: 400 */
    assert_int_equal(add(f, &f->log, &f->log, 15, 14, false, out, &type, &err), 400);
    assert_non_null(strstr(err.msg, "old (15) is larger than the checkpoint's size (14)"));
    /* a malformed body: 400, naming the line */
    memset(&err, 0, sizeof err);
    assert_int_equal(ac_witness_add_checkpoint(f->w, "old x\n", 6, 1, out, &type, &err), 400);
    assert_non_null(strstr(err.msg, "line 1"));
}

static void
witness_state_survives_a_restart(void **state)
{
    struct fixture *f = *state;
    char out[AC_WITNESS_REPLY_MAX];
    const char *type = NULL;
    ac_error err;
    char pk_before[65];

    snprintf(pk_before, sizeof pk_before, "%s", ac_witness_public_key(f->w));
    ac_witness_close(f->w);
    f->w = open_witness(f);
    assert_string_equal(ac_witness_public_key(f->w), pk_before); /* the same key, reloaded */
    /* a rollback after the restart: 409 with the size it held before */
    assert_int_equal(add(f, &f->log, &f->log, 0, 3, false, out, &type, &err), 409);
    assert_string_equal(out, "14\n");
    assert_int_equal(add(f, &f->log, &f->log, 14, 16, false, out, &type, &err), 200);
    assert_cosigned(f, &f->log, 16, out);
}

int
main(void)
{
    /* the witness_ tests in order: each starts from the state the one before left */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parser_refuses_each_malformed_form),
        cmocka_unit_test(parser_reads_old_proof_and_note),
        cmocka_unit_test(cosig_key_id_follows_the_spec),
        cmocka_unit_test(cosig_message_is_header_time_then_body),
        cmocka_unit_test(cosig_line_matches_the_known_answer),
        cmocka_unit_test(witness_cosigns_extensions_and_refuses_stale_old),
        cmocka_unit_test(witness_refuses_a_bad_proof_with_422),
        cmocka_unit_test(witness_refuses_a_fork_under_the_same_key),
        cmocka_unit_test(witness_refuses_unknown_logs_bad_signatures_and_sizes),
        cmocka_unit_test(witness_state_survives_a_restart),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
