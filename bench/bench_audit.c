/* SPDX-License-Identifier: Apache-2.0
 *
 * bench_audit.c - the controlled-sharing and audit figures:
 *   - policy decisions per second (the pure item policy, mixed inputs)
 *   - audited reads per second through the hub on SQLite (each read is a transaction that
 *     writes its audit entry; one connection, WAL, synchronous=NORMAL)
 *   - 'audit verify' entries per second
 *   - inclusion proof time at the log's final size
 *
 * usage: bench_audit [READS] [WORKDIR]     (defaults: 20000, /tmp)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "accord/accord.h"
#include "hub_setup.h"
#include "policy/item_policy.h"

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
bench_policy(void)
{
    enum {
        N = 20000000
    };
    ac_actor a;
    struct aci_item_facts item;
    struct aci_disclosure_facts d;
    unsigned long allowed = 0;
    double t0, secs;

    memset(&a, 0, sizeof a);
    a.user_id = "U";
    a.agency_id = "01AGENCYAAAAAAAAAAAAAAAAAA";
    a.country = "GB";
    memset(&item, 0, sizeof item);
    memset(&d, 0, sizeof d);
    item.releasable_to = "local_authority,probation";
    t0 = now_s();
    for (unsigned i = 0; i < N; i++) {
        a.roles = 1u << (i % 7);
        a.vetting = (ac_vetting)(i % AC_VETTING_COUNT);
        a.agency_kind = (ac_agency_kind)(i % AC_AGENCY_KIND_COUNT);
        item.origin_agency_id = i & 8 ? a.agency_id : "01OTHERAAAAAAAAAAAAAAAAAAA";
        item.classification = (ac_classification)((i >> 4) % AC_CLASS_COUNT);
        item.caveats = (i >> 6) & 3;
        item.bound_to_case = (i >> 8) & 1;
        item.actor_in_case = (i >> 9) & 1;
        d.live = (i >> 10) & 1;
        d.reaches_actor = true;
        d.classification = item.classification;
        allowed += aci_policy_item(&a, ACI_ITEM_READ, &item, (i >> 11) & 1 ? &d : NULL).allow;
    }
    secs = now_s() - t0;
    printf("policy: %d decisions in %.2f s = %.1f ns per decision (%lu allowed)\n", N, secs,
           secs * 1e9 / N, allowed);
}

static int
fail(const char *what, const ac_error *err)
{
    fprintf(stderr, "bench_audit: %s: %s\n", what, err->msg);
    return 1;
}

int
main(int argc, char **argv)
{
    size_t reads = argc > 1 ? strtoul(argv[1], NULL, 10) : 20000;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    char db[512], side[600];
    ac_hub_config *cfg = ac_hub_config_new();
    ac_hub *hub = NULL;
    ac_arena *a = ac_arena_new(0);
    const ac_actor *admin = NULL, *analyst = NULL, *auditor = NULL;
    ac_user u = { 0 };
    ac_person_name name = { AC_NAME_PRIMARY, "Aisha", NULL, "Rahman", NULL, NULL };
    ac_person p;
    ac_audit_report report;
    const char *id = NULL, *person = NULL;
    char *proof = NULL;
    ac_error err = { 0 };
    double t0, secs;

    bench_policy();
    snprintf(db, sizeof db, "%s/bench-audit.db", dir);
    unlink(db);
    snprintf(side, sizeof side, "%s.key", db);
    unlink(side);
    snprintf(side, sizeof side, "%s-wal", db);
    unlink(side);
    if (ac_hub_config_set_db_path(cfg, db, &err) != AC_OK) {
        return fail("config", &err);
    }
    ac_hub_config_set_create(cfg, 1);
    if (ac_hub_open(cfg, &hub, &err) != AC_OK ||
        ac_hub_bootstrap(hub, "Bench CTU", AC_AGENCY_CT_POLICING, "GB", "admin", NULL, a, &id,
                         &err) != AC_OK ||
        ac_hub_actor(hub, "admin", a, &admin, &err) != AC_OK) {
        return fail("open", &err);
    }
    u.agency_id = admin->agency_id;
    u.vetting = AC_VETTING_SC;
    u.username = "analyst";
    u.roles = AC_ROLE_ANALYST;
    if (hub_setup_user(hub, admin, &u, a, &analyst, &err) != AC_OK) {
        return fail("user", &err);
    }
    u.username = "auditor";
    u.roles = AC_ROLE_AUDITOR;
    if (hub_setup_user(hub, admin, &u, a, &auditor, &err) != AC_OK) {
        return fail("users", &err);
    }
    memset(&p, 0, sizeof p);
    p.names = &name;
    p.n_names = 1;
    if (ac_person_add(hub, analyst, "bench", &p, a, &person, &err) != AC_OK) {
        return fail("person", &err);
    }
    t0 = now_s();
    for (size_t i = 0; i < reads; i++) {
        ac_arena *r = ac_arena_new(0);
        ac_person *got = NULL;

        if (ac_person_get(hub, analyst, "benchmark read", person, r, &got, &err) != AC_OK) {
            return fail("read", &err);
        }
        ac_arena_free(r);
    }
    secs = now_s() - t0;
    printf("audited reads: %zu in %.2f s = %.0f reads/s (one transaction and one audit entry "
           "each, no group commit)\n",
           reads, secs, (double)reads / secs);
    t0 = now_s();
    if (ac_audit_verify(hub, auditor, "bench", &report, &err) != AC_OK || report.first_bad != 0) {
        return fail("verify", &err);
    }
    secs = now_s() - t0;
    printf("audit verify: %llu entries, %llu checkpoints in %.3f s = %.0f entries/s\n",
           (unsigned long long)report.entries, (unsigned long long)report.checkpoints, secs,
           (double)report.entries / secs);
    t0 = now_s();
    if (ac_audit_prove(hub, auditor, "bench", report.entries / 2, a, &proof, &err) != AC_OK) {
        return fail("prove", &err);
    }
    secs = now_s() - t0;
    printf("inclusion proof of entry %llu in a log of ~%llu: %.1f ms\n",
           (unsigned long long)report.entries / 2, (unsigned long long)report.entries, secs * 1e3);
    ac_hub_close(hub);
    ac_hub_config_free(cfg);
    ac_arena_free(a);
    return 0;
}
