/* SPDX-License-Identifier: Apache-2.0
 *
 * op_sweep.c - the fault sweep of test builds (hub_int.h, aci_op_sweep_start): the first
 * time each operation is called, the executor runs it again and again inside a
 * transaction it then rolls back, failing its k-th store call (every kind: exec, begin,
 * commit, prepare, bind, step) and then its k-th allocation, for k = 1, 2, ... until a run
 * no longer reaches the fault.  Each failing run must return an error with a message and
 * leave every table as it was; only then does the call run for real.
 */
#include "internal.h"

#include <stdio.h>

#include "hub/hub_int.h"
#include "store/store.h"

#ifdef ACCORD_TEST

#define SWEPT_MAX 512
#define RUNS_MAX  20000 /* per operation and kind: a bound on a runaway sweep */

static struct {
    bool on;
    bool inside;                  /* a sweep is running: nested calls run once */
    const void *swept[SWEPT_MAX]; /* the descriptions already swept */
    size_t n_swept;
    struct aci_sweep_result *out;
} sweep;

void
aci_op_sweep_start(struct aci_sweep_result *out)
{
    memset(&sweep, 0, sizeof sweep);
    memset(out, 0, sizeof *out);
    sweep.on = true;
    sweep.out = out;
}

void
aci_op_sweep_stop(void)
{
    sweep.on = false;
    sweep.out = NULL;
}

bool
aci_op_sweep_wants(const ac_hub *hub, const void *desc)
{
    if (!sweep.on || sweep.inside || !ACI_HUB_OK(hub) || aci_conns_concurrent(hub->conns)) {
        return false;
    }
    for (size_t i = 0; i < sweep.n_swept; i++) {
        if (sweep.swept[i] == desc) {
            return false;
        }
    }
    return sweep.n_swept < SWEPT_MAX;
}

static void
record_failure(const char *op, bool store, unsigned long k, const char *what, const char *msg)
{
    struct aci_sweep_result *r = sweep.out;
    size_t used = strlen(r->failures_text);

    r->failures++;
    snprintf(r->failures_text + used, sizeof r->failures_text - used,
             "%s, failing its %s #%lu: %s%s%s\n", op, store ? "store call" : "allocation", k, what,
             msg[0] != '\0' ? ": " : "", msg);
}

/* Arm the fault of KIND ("store" or "alloc") at its K-th occurrence, or disarm (K = 0). */
static void
arm(bool store, unsigned long k)
{
    if (store) {
        aci_fault_arm(k != 0 ? "store.*" : "", k);
    } else {
        aci_alloc_fail_at(k);
    }
}

ac_code
aci_op_sweep_run(const struct aci_op_desc *d,
                 ac_hub *hub,
                 const ac_actor *actor,
                 const char *purpose,
                 void *args,
                 size_t args_size,
                 ac_error *err,
                 aci_op_runner run)
{
    void *given = aci_malloc(args_size);
    char name[128];
    uint64_t before = 0, after = 0;
    ac_code rc;

    snprintf(name, sizeof name, "%s %s", aci_action_str(d->action),
             d->object_type != NULL ? d->object_type : "");
    if (given == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    memcpy(given, args, args_size);
    sweep.swept[sweep.n_swept++] = d;
    snprintf(sweep.out->swept_text + strlen(sweep.out->swept_text),
             sizeof sweep.out->swept_text - strlen(sweep.out->swept_text), "%s; ", name);
    sweep.inside = true;
    if (aci_store_digest(hub->store, &before, err) != AC_OK) {
        sweep.inside = false;
        aci_free(given);
        return AC_ESTORAGE;
    }
    for (int kind = 0; kind < 2; kind++) {
        bool store = kind == 0;

        for (unsigned long k = 1; k <= RUNS_MAX; k++) {
            ac_error e = { 0 };
            bool reached;

            if (aci_store_begin(hub->store, err) != AC_OK) {
                sweep.inside = false;
                aci_free(given);
                return AC_ESTORAGE;
            }
            memcpy(args, given, args_size); /* as the caller left them */
            arm(store, k);
            rc = run(d, hub, actor, purpose, args, &e);
            reached = store ? !aci_fault_pending() : !aci_alloc_fail_pending();
            arm(store, 0);
            if (reached) {
                sweep.out->runs++;
                if (rc == AC_OK) {
                    record_failure(name, store, k, "returned AC_OK", "");
                } else if (e.msg[0] == '\0') {
                    record_failure(name, store, k, "no message", "");
                } else if (aci_store_digest(hub->store, &after, err) != AC_OK || after != before) {
                    record_failure(name, store, k, "changed the store", e.msg);
                }
            }
            aci_store_rollback(hub->store);
            if (!reached) {
                break;
            }
        }
    }
    sweep.out->ops++;
    sweep.inside = false;
    memcpy(args, given, args_size);
    aci_free(given);
    return run(d, hub, actor, purpose, args, err);
}

#endif
