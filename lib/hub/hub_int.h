/* SPDX-License-Identifier: Apache-2.0
 *
 * hub_int.h - the hub's internals: the handle, and the operation frame every public
 * data call runs in (check the handle and purpose, begin the transaction, ask the
 * policy, audit, commit or roll back).
 */
#ifndef ACI_HUB_INT_H
#define ACI_HUB_INT_H

#include "internal.h"

#include <pthread.h>

#include "accord/date.h"
#include "accord/hub.h"
#include "accord/party.h"
#include "accord/regime.h"
#include "accord/screen.h"
#include "audit/audit.h"
#include "core/id_int.h"
#include "policy/policy.h"

struct aci_store;

#define ACI_HUB_MAGIC 0x61636862u /* set by ac_hub_open, zeroed by ac_hub_close */

/* Failed sign-ins of one (username, client address) pair (session.c), in memory. */
#define ACI_SIGN_IN_SLOTS 1024
struct aci_sign_in_slot {
    unsigned char key[16];    /* hash of the pair; all zero = free */
    unsigned char account[8]; /* hash of the username alone (a new password clears) */
    uint32_t failures;        /* consecutive */
    int64_t not_before_ms;    /* no attempt before then (hub clock) */
    int64_t last_ms;          /* the last failure */
};

struct ac_hub_config {
    char *db_uri;      /* owned; see ac_hub_config_set_db_uri */
    bool create;       /* create the database when missing */
    ac_clock_fn clock; /* NULL = wall clock */
    void *clock_ctx;   /* passed to clock */
    bool seeded;       /* ids from seed rather than system randomness */
    uint64_t seed;
    char *key_path;     /* owned; NULL = beside the database ("PATH.key") */
    char *witness_path; /* owned; NULL = beside the database ("PATH.witness") */
    bool durable;       /* every commit reaches the disk before returning */
    bool concurrent;    /* shared by threads: group commit, and readers */
    unsigned n_readers; /* read-only connections of a concurrent hub */
    char *client;       /* owned; see ac_hub_config_set_client; NULL = none */
    char *report_line;  /* owned; see ac_hub_config_set_report_line; NULL = the default */
    bool designated;    /* the partnership receives the statutory reports itself */
};

struct ac_hub {
    uint32_t magic;          /* ACI_HUB_MAGIC while open */
    struct aci_store *store; /* owned */
    struct aci_idgen ids;    /* record-id generator */
    ac_clock_fn clock;       /* NULL = wall clock */
    void *clock_ctx;
    struct aci_audit_key key;        /* signs audit checkpoints */
    struct aci_screen_cache *screen; /* owned; the screening index and regime in force */
    struct aci_workflows *workflows; /* owned; loaded on first use (under lock) */
    struct aci_conns *conns;         /* owned; the writer's turns and the readers */
    bool in_batch;                   /* the caller opened a batch (ac_hub_batch_begin) */
    pthread_mutex_t lock;            /* guards ids, the lazily loaded workflows, sign_in */
    struct aci_sign_in_slot sign_in[ACI_SIGN_IN_SLOTS]; /* zeroed at open (session.c) */
    char *client;      /* owned; put before the actor's via in every audit entry, or NULL */
    char *report_line; /* owned; where statutory precursor reports go, or NULL: default */
    bool designated;   /* the partnership is designated to receive them itself */
    int64_t tick_checkpoint_ms;    /* when ac_hub_tick last looked to sign one (under lock) */
    uint64_t tick_checkpoint_size; /* the size it signed then (under lock) */
    struct ac_linkage *subject_lk; /* owned; the subject index's scorer, made on first use
                                    * and used only on the writer's turn (subject.c) */
};

#define ACI_HUB_OK(h) ((h) != NULL && (h)->magic == ACI_HUB_MAGIC)

int64_t aci_hub_now_ms(ac_hub *hub);
/* Today's date by the hub's clock. */
ac_date aci_hub_today(ac_hub *hub);
/* A fresh record id, copied into A (NULL on allocation failure). */
char *aci_hub_new_id(ac_hub *hub, ac_arena *a);
/* The hub's clock as RFC 3339 text in A. */
char *aci_hub_now_text(ac_hub *hub, ac_arena *a);

/* Load the actor for a user (by id or username) from S into *OUT, strings in A.
 * AC_ENOTFOUND when there is no such user; AC_EDENIED when the user is not active. */
ac_code aci_hub_load_actor(struct aci_store *s,
                           const char *key,
                           bool by_id,
                           ac_arena *a,
                           ac_actor *out,
                           ac_error *err);

/* The "via" of an audit entry by ACTOR (NULL: nobody signed in): the hub's client (see
 * ac_hub_config_set_client) and the actor's own via, joined by "; " in BUF when both are
 * there; NULL when neither is. */
const char *aci_hub_via(const ac_hub *hub, const ac_actor *actor, char *buf, size_t buf_len);
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

enum aci_op_kind {
    ACI_OP_WRITE, /* changes the store: runs on the writer, its change and entry together */
    ACI_OP_READ,  /* only reads: may run on a reader connection; its entry is written after */
};

struct aci_op;
/* A step of an operation: ARGS is the call's own argument struct. */
typedef ac_code (*aci_op_fn)(struct aci_op *op, void *args, ac_error *err);

/* The declaration of one hub call: what it is, and the steps the executor runs. */
struct aci_op_desc {
    enum aci_action action;        /* asked of the policy, and recorded */
    const char *object_type;       /* recorded: "person", "case", ... */
    enum aci_purpose_rule purpose; /* whether a purpose is required */
    enum aci_op_kind kind;         /* read or write */
    /* Optional: find the resource the call acts on and fill op->res (and op->object_id);
     * the executor then asks the policy about it before the body runs.  Without it the
     * body asks the policy itself (aci_op_allow), as lists that filter row by row do. */
    aci_op_fn find;
    aci_op_fn body; /* optional: the work, once allowed */
};

/* One public call, as the executor runs it (aci_op_run). */
struct aci_op {
    ac_hub *hub;
    const struct aci_op_desc *desc;
    struct aci_store *store; /* the connection of this call: a reader or the writer */
    const ac_actor *actor;
    const char *purpose;
    ac_arena *scratch;       /* owned by the executor; lives until the call returns */
    struct aci_resource res; /* filled by desc->find */
    const char *object_id;   /* set when known; may change during the call */
    const char *detail;      /* for the audit; never personal data */
    const char *recipients;  /* for disclosures: the agency or case that receives */
    const char **returned;   /* ids a list or search returned, for the audit (scratch) */
    size_t n_returned, returned_cap;
    bool lists;              /* record "N results: ids" after the detail */
    bool idle;               /* the scheduler's call found nothing due: no entry (op.c) */
    bool denied;             /* the policy said no: audit that, commit, return the denial */
    const char *deny_reason; /* static */
    bool began;              /* a transaction is open on op->store */
    bool on_reader;          /* op->store is a reader taken from the pool */
    bool in_writer;          /* this thread holds the writer */
    uint64_t batch;          /* the group-commit batch joined, 0 for none */
};

/* Run one hub call from its declaration: check the handle and purpose; take a connection
 * (a reader for ACI_OP_READ when the hub has them, else the writer) and open a transaction;
 * load the actor afresh (a suspended user is refused at once); find the resource and ask the
 * policy; run the body; append the audit entry and commit, or roll back on failure; wait
 * until the entry is durable.  A refusal is audited and committed like a success; "not
 * found" is audited with nothing else kept.  Returns the call's final code. */
ac_code aci_op_run_args(const struct aci_op_desc *d,
                        ac_hub *hub,
                        const ac_actor *actor,
                        const char *purpose,
                        void *args,
                        size_t args_size,
                        ac_error *err);
/* ARGS is a typed pointer to the call's arguments (its size lets the fault sweep give
 * each of its runs the arguments as the caller left them). */
#define aci_op_run(d, hub, actor, purpose, args, err) \
    aci_op_run_args((d), (hub), (actor), (purpose), (args), sizeof *(args), (err))

#ifdef ACCORD_TEST
/* The fault sweep (op_sweep.c), test builds only: from aci_op_sweep_start until
 * aci_op_sweep_stop, the first call of each operation on a hub that is not concurrent is
 * first run failing its k-th store call, then its k-th allocation, for every k until a run
 * no longer reaches the fault, each run inside a transaction rolled back after it; every
 * failing run must return an error with a message and change no table.  The call then
 * runs for real.  Counts and the first failure go to the result. */
struct aci_sweep_result {
    size_t ops;                /* operations swept */
    size_t runs;               /* runs that reached their fault */
    size_t failures;           /* of those, the ones that broke a rule */
    char failures_text[32768]; /* the first of them, one a line */
    char swept_text[4096];     /* the operations swept, by action and object */
};
typedef ac_code (*aci_op_runner)(const struct aci_op_desc *d,
                                 ac_hub *hub,
                                 const ac_actor *actor,
                                 const char *purpose,
                                 void *args,
                                 ac_error *err);
void aci_op_sweep_start(struct aci_sweep_result *out);
void aci_op_sweep_stop(void);
bool aci_op_sweep_wants(const ac_hub *hub, const void *desc);
ac_code aci_op_sweep_run(const struct aci_op_desc *d,
                         ac_hub *hub,
                         const ac_actor *actor,
                         const char *purpose,
                         void *args,
                         size_t args_size,
                         ac_error *err,
                         aci_op_runner run);
#endif

/* Ask the policy about RES.  On refusal the op is marked denied and the code to return
 * is AC_ENOTFOUND (when the actor must not learn the record exists) or AC_EDENIED. */
ac_code aci_op_allow(struct aci_op *op, const struct aci_resource *res, ac_error *err);
/* The same for ACTION instead of the declaration's, for calls whose action depends on the
 * record (a token for oneself is one's own account; for a service account, management). */
ac_code aci_op_allow_as(struct aci_op *op,
                        enum aci_action action,
                        const struct aci_resource *res,
                        ac_error *err);

/* Record that the call returned the record ID (copied): the audit entry lists every id a
 * list or search returned, so "who accessed X" finds reads through lists. */
ac_code aci_op_returned(struct aci_op *op, const char *id, ac_error *err);

/* The account KEY (username or id) into *U, the policy asked whether the op's actor
 * manages it (party.c). */
ac_code aci_party_managed_user(struct aci_op *op, const char *key, ac_user *u, ac_error *err);

/* The actor of the scheduler's calls (ac_hub_tick, ac_hub_notify_send): no user, no
 * agency, via "scheduler"; the executor loads nothing for it and its calls ask no
 * policy (notify.c). */
extern const ac_actor aci_scheduler_actor;
/* Make this thread's hub clock read NOW_MS until aci_hub_clock_unpin (ac_hub_tick). */
void aci_hub_clock_pin(int64_t now_ms);
void aci_hub_clock_unpin(void);

/* Queue notifications of alert ALERT_ID, routed to ROUTED (NULL: nobody in particular),
 * raised FOR_HOLDER or not, at ESCALATION, for every user with an address the policy says
 * must act (aci_policy_alert_notifies); *N_QUEUED is added to (notify.c). */
ac_code aci_notify_alert(ac_hub *hub,
                         struct aci_store *s,
                         const char *alert_id,
                         const char *routed,
                         bool for_holder,
                         int escalation,
                         ac_arena *a,
                         size_t *n_queued,
                         ac_error *err);
/* Queue a message of KIND ("received", "overdue") about request RFI_ID, held by agency
 * HOLDER_ID, for every user with an address the policy says must answer it
 * (aci_policy_rfi_notifies), once per user, request and kind; *N_QUEUED is added to
 * (notify.c). */
ac_code aci_notify_rfi(ac_hub *hub,
                       struct aci_store *s,
                       const char *rfi_id,
                       const char *holder_id,
                       const char *kind,
                       ac_arena *a,
                       size_t *n_queued,
                       ac_error *err);

/* A step outside an operation (sign-in, the session check) on the connection S. */
typedef ac_code (*aci_hub_fn)(ac_hub *hub, struct aci_store *s, void *args, ac_error *err);
/* Run FN with the writer held: it may begin and end transactions of its own, which join
 * the open batch on a concurrent hub; returns once they are durable. */
ac_code aci_hub_exclusive(ac_hub *hub, aci_hub_fn fn, void *args, ac_error *err);
/* Run FN on a reader when the hub has one (in parallel with other calls), else on the
 * writer held as above.  FN must not write. */
ac_code aci_hub_read(ac_hub *hub, aci_hub_fn fn, void *args, ac_error *err);

/* Forget the sign-in failures of USERNAME from CLIENT, or from every client when CLIENT is
 * NULL (a new password was set) (session.c). */
void aci_session_delay_clear(ac_hub *hub, const char *username, const char *client);

/* Note that this thread has just checked ACTOR against the store (stamp.c). */
void aci_hub_actor_stamp(ac_hub *hub, const ac_actor *actor);
/* True when this thread checked this very ACTOR, unchanged, under ACTOR_FRESH_MS ago. */
bool aci_hub_actor_fresh(ac_hub *hub, const ac_actor *actor);

/* ---- the store connections (conns.c) ---- */

struct aci_conns;
/* Share WRITER (borrowed) between threads; CONCURRENT: calls join group-commit batches;
 * N_READERS read-only connections to DB_URI besides (none for ":memory:"). */
ac_code aci_conns_open(struct aci_store *writer,
                       const char *db_uri,
                       bool concurrent,
                       unsigned n_readers,
                       struct aci_conns **out,
                       ac_error *err);
void aci_conns_close(struct aci_conns *c); /* NULL is a no-op */
/* True for a hub shared by threads, which groups its calls into batches itself. */
bool aci_conns_concurrent(const struct aci_conns *c);
/* Take the writer (waiting for it); returns the batch joined, 0 when not grouped. */
uint64_t aci_conns_write_enter(struct aci_conns *c);
void aci_conns_write_leave(struct aci_conns *c);
/* Wait until BATCH is on disk (committing it when this caller is the last of its run);
 * false when its commit failed.  Call without holding the writer. */
bool aci_conns_settle(struct aci_conns *c, uint64_t batch);
/* A free reader (waiting for one), or NULL when the hub has none. */
struct aci_store *aci_conns_reader_get(struct aci_conns *c);
void aci_conns_reader_put(struct aci_conns *c, struct aci_store *s); /* NULL is a no-op */

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
