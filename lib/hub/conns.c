/* SPDX-License-Identifier: Apache-2.0
 *
 * conns.c - the hub's store connections, shared by the threads that call it: one writer
 * that calls take turns on, with group commit, and a pool of readers used in parallel.
 *
 * Writer.  A call that writes (and every audit entry) enters the writer
 * (aci_conns_write_enter) and leaves it (aci_conns_write_leave).  On a concurrent hub
 * (ac_hub_config_set_concurrent) calls join the open batch, one transaction that their own
 * changes are savepoints inside; aci_conns_settle makes sure a call's batch is on disk before
 * the call returns.  The batch is committed (one fsync) by the last call of a run: the one
 * that settles while nobody waits to enter, or once a batch holds GROUP_MAX calls.  The
 * others wait for that commit.  On a hub that is not concurrent, each call is its own
 * transaction, committed before it returns, and settling has nothing to wait for.
 *
 * Readers.  A concurrent hub on a file also opens N read-only connections; a call that
 * only reads takes one (aci_conns_reader_get), reads in its own snapshot (WAL), and gives
 * it back (aci_conns_reader_put).  Without readers (in-memory hubs, the CLI) reads use the
 * writer like any other call.
 *
 * Invariants:
 *   (1) a call that used the writer returns only after its batch committed, or with the
 *       failure to commit it
 *   (2) at most one batch is open, and only the thread in the writer changes it
 *   (3) every call that entered settles, so no batch stays open when calls stop
 *   (4) a reader is used by one thread at a time
 */
#include "internal.h"

#include <pthread.h>

#include "hub/hub_int.h"
#include "store/store.h"

#define GROUP_MAX 64 /* calls per batch at most, to bound latency under load */

struct aci_conns {
    struct aci_store *writer; /* borrowed: the hub's store */
    bool grouped;             /* calls join batches (a concurrent hub) */
    pthread_mutex_t lock;     /* the writer is used by the holder only */
    pthread_cond_t settled;   /* broadcast when a batch ends */
    unsigned waiting;         /* threads waiting to enter (atomic) */
    uint64_t open;            /* number of the open batch, 0 for none */
    uint64_t last;            /* number given to the latest batch */
    uint64_t committed;       /* batches up to here are on disk... */
    uint64_t failed;          /* ...except this one, if its commit failed */
    unsigned members;         /* calls in the open batch */

    pthread_mutex_t read_lock;  /* guards the reader pool */
    pthread_cond_t read_free;   /* signalled when a reader is given back */
    struct aci_store **readers; /* owned; N_READERS read-only connections */
    bool *busy;                 /* busy[i]: readers[i] is taken */
    size_t n_readers;
};

ac_code
aci_conns_open(struct aci_store *writer,
               const char *db_uri,
               bool concurrent,
               unsigned n_readers,
               struct aci_conns **out,
               ac_error *err)
{
    struct aci_conns *c = aci_calloc(1, sizeof *c);
    ac_code rc = AC_OK;

    *out = NULL;
    if (c == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory opening the hub");
    }
    c->writer = writer;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->settled, NULL);
    pthread_mutex_init(&c->read_lock, NULL);
    pthread_cond_init(&c->read_free, NULL);
    if (concurrent && n_readers > 0 && aci_store_uri_file(db_uri) != NULL) {
        c->readers = aci_calloc(n_readers, sizeof *c->readers);
        c->busy = aci_calloc(n_readers, sizeof *c->busy);
        if (c->readers == NULL || c->busy == NULL) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory opening the hub");
        }
        for (unsigned i = 0; rc == AC_OK && i < n_readers; i++) {
            rc = aci_store_open_reader(db_uri, &c->readers[i], err);
            c->n_readers += rc == AC_OK;
        }
    }
    c->grouped = concurrent;
    if (rc != AC_OK) {
        aci_conns_close(c);
        return rc;
    }
    *out = c;
    return AC_OK;
}

void
aci_conns_close(struct aci_conns *c)
{
    if (c == NULL) {
        return;
    }
    for (size_t i = 0; i < c->n_readers; i++) {
        aci_store_close(c->readers[i]);
    }
    aci_free(c->readers);
    aci_free(c->busy);
    pthread_cond_destroy(&c->read_free);
    pthread_mutex_destroy(&c->read_lock);
    pthread_cond_destroy(&c->settled);
    pthread_mutex_destroy(&c->lock);
    aci_free(c);
}

bool
aci_conns_concurrent(const struct aci_conns *c)
{
    return c->grouped;
}

uint64_t
aci_conns_write_enter(struct aci_conns *c)
{
    __atomic_add_fetch(&c->waiting, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_lock(&c->lock);
    __atomic_sub_fetch(&c->waiting, 1, __ATOMIC_SEQ_CST);
    if (!c->grouped) {
        return 0;
    }
    if (c->open == 0 && aci_store_begin(c->writer, NULL) == AC_OK) {
        c->open = ++c->last;
        c->members = 0;
    }
    c->members += c->open != 0;
    return c->open;
}

void
aci_conns_write_leave(struct aci_conns *c)
{
    pthread_mutex_unlock(&c->lock);
}

bool
aci_conns_settle(struct aci_conns *c, uint64_t batch)
{
    bool ok;

    if (batch == 0) {
        return true; /* not grouped: the call committed its own transaction */
    }
    pthread_mutex_lock(&c->lock);
    while (c->committed < batch && c->failed != batch) {
        bool last_in = __atomic_load_n(&c->waiting, __ATOMIC_SEQ_CST) == 0;

        if (c->open == batch && (last_in || c->members >= GROUP_MAX)) {
            if (aci_store_commit(c->writer, NULL) == AC_OK) {
                c->committed = c->open;
            } else {
                c->failed = c->open;
            }
            c->open = 0;
            pthread_cond_broadcast(&c->settled);
        } else {
            pthread_cond_wait(&c->settled, &c->lock);
        }
    }
    ok = c->committed >= batch && c->failed != batch;
    pthread_mutex_unlock(&c->lock);
    return ok;
}

struct aci_store *
aci_conns_reader_get(struct aci_conns *c)
{
    struct aci_store *s = NULL;

    if (c->n_readers == 0) {
        return NULL;
    }
    pthread_mutex_lock(&c->read_lock);
    while (s == NULL) {
        for (size_t i = 0; s == NULL && i < c->n_readers; i++) {
            if (!c->busy[i]) {
                c->busy[i] = true;
                s = c->readers[i];
            }
        }
        if (s == NULL) {
            pthread_cond_wait(&c->read_free, &c->read_lock);
        }
    }
    pthread_mutex_unlock(&c->read_lock);
    return s;
}

void
aci_conns_reader_put(struct aci_conns *c, struct aci_store *s)
{
    if (s == NULL) {
        return;
    }
    pthread_mutex_lock(&c->read_lock);
    for (size_t i = 0; i < c->n_readers; i++) {
        if (c->readers[i] == s) {
            c->busy[i] = false;
        }
    }
    pthread_cond_signal(&c->read_free);
    pthread_mutex_unlock(&c->read_lock);
}
