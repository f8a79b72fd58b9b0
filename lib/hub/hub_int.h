/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_int.h - the hub's internals: the handle, and the operation frame every public
 * data call runs in (check the handle and purpose, begin the transaction, ask the
 * policy, audit, commit or roll back).
 */
#ifndef ACI_HUB_INT_H
#define ACI_HUB_INT_H

#include "internal.h"

#include "accord/date.h"
#include "accord/hub.h"
#include "accord/party.h"
#include "accord/regime.h"
#include "accord/screen.h"
#include "audit/audit.h"
#include "core/id_int.h"
#include "policy/policy.h"

#define ACI_HUB_MAGIC 0x61636862u /* set by ac_hub_open, zeroed by ac_hub_close */

struct ac_hub_config {
    char *db_uri;      /* owned; see ac_hub_config_set_db_uri */
    bool create;       /* create the database when missing */
    ac_clock_fn clock; /* NULL = wall clock */
    void *clock_ctx;   /* passed to clock */
    bool seeded;       /* ids from seed rather than system randomness */
    uint64_t seed;
    char *key_path; /* owned; NULL = beside the database ("PATH.key") */
    bool durable;   /* every commit reaches the disk before returning */
};

struct ac_hub {
    uint32_t magic;          /* ACI_HUB_MAGIC while open */
    struct aci_store *store; /* owned */
    struct aci_idgen ids;    /* record-id generator */
    ac_clock_fn clock;       /* NULL = wall clock */
    void *clock_ctx;
    struct aci_audit_key key;        /* signs audit checkpoints */
    bool in_batch;                   /* a group-commit batch is open */
    struct aci_screen_cache *screen; /* owned; the screening index and regime in force */
    struct aci_workflows *workflows; /* owned; loaded on first use */
};

#define ACI_HUB_OK(h) ((h) != NULL && (h)->magic == ACI_HUB_MAGIC)

int64_t aci_hub_now_ms(ac_hub *hub);
/* Today's date by the hub's clock. */
ac_date aci_hub_today(ac_hub *hub);
/* A fresh record id, copied into A (NULL on allocation failure). */
char *aci_hub_new_id(ac_hub *hub, ac_arena *a);
/* The hub's clock as RFC 3339 text in A. */
char *aci_hub_now_text(ac_hub *hub, ac_arena *a);

/* Load the actor for a user (by id or username) into *OUT, strings in A.  AC_ENOTFOUND
 * when there is no such user; AC_EDENIED when the user is not active. */
ac_code aci_hub_load_actor(ac_hub *hub,
                           const char *key,
                           bool by_id,
                           ac_arena *a,
                           ac_actor *out,
                           ac_error *err);

/* Append one audit entry in its own transaction, for events outside an operation frame
 * (sign-in, sign-out).  ACTOR may be NULL when nobody is signed in yet. */
ac_code aci_hub_audit_event(ac_hub *hub,
                            const ac_actor *actor,
                            const char *action,
                            const char *object_id,
                            const char *outcome,
                            const char *detail,
                            ac_error *err);

enum aci_purpose_rule {
    ACI_PURPOSE_OPTIONAL, /* writes of party data: a purpose is recorded if given */
    ACI_PURPOSE_REQUIRED, /* every read and every content write */
};

/* One public call: created by aci_op_begin, ended by aci_op_end on every path. */
struct aci_op {
    ac_hub *hub;
    const ac_actor *actor;
    const char *purpose;
    enum aci_action action;
    const char *object_type; /* for the audit */
    const char *object_id;   /* set when known; may change during the call */
    const char *detail;      /* for the audit; never personal data */
    const char *recipients;  /* for disclosures: the agency or case that receives */
    bool denied;             /* the policy said no: audit that, commit, return the denial */
    const char *deny_reason; /* static */
    bool began;              /* a transaction is open */
};

/* Check the handle, actor and purpose and open the transaction. */
ac_code aci_op_begin(struct aci_op *op,
                     ac_hub *hub,
                     const ac_actor *actor,
                     const char *purpose,
                     enum aci_purpose_rule rule,
                     enum aci_action action,
                     const char *object_type,
                     ac_error *err);

/* Ask the policy about RES.  On refusal the op is marked denied and the code to return
 * is AC_ENOTFOUND (when the actor must not learn the record exists) or AC_EDENIED. */
ac_code aci_op_allow(struct aci_op *op, const struct aci_resource *res, ac_error *err);

/* Finish: on success (or denial) append the audit entry and commit; on failure roll
 * back.  Returns the call's final code. */
ac_code aci_op_end(struct aci_op *op, ac_code rc, ac_error *err);

/* The case workflows (data/workflows), loaded on first use. */
struct aci_workflows;
ac_code aci_hub_workflows(ac_hub *hub, const struct aci_workflows **out, ac_error *err);

/* ---- screening (screen_cache.c) ---- */

/* Screen NAME (DOB may be NULL) against every imported watchlist and every person the
 * partners hold, at the alert threshold (AC_SCREEN_POSSIBLE).  Hit list ids are
 * "person/ID" or "LIST_ID/ENTRY_ID".  The index is rebuilt when the names changed. */
ac_code aci_hub_screen(ac_hub *hub,
                       const char *name,
                       const char *dob,
                       ac_arena *a,
                       ac_screen_hit **out,
                       size_t *out_n,
                       ac_error *err);
/* The regime in force: the partnership's newest stored table, else the shipped one
 * (cached while the newest stored table stays the same). */
ac_code aci_hub_regime(ac_hub *hub, const ac_regime **out, ac_error *err);
void aci_hub_screen_free(ac_hub *hub);

#endif /* ACI_HUB_INT_H */
