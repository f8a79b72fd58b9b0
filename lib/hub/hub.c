/* SPDX-License-Identifier: Apache-2.0
 *
 * hub.c - opening and closing a hub, its clock and ids, signing an actor in, and the
 * bootstrap of an empty hub.
 */
#include "internal.h"

#include "accord/date.h"
#include "audit/audit.h"
#include "accord/linkage.h"
#include "hub/hub_int.h"
#include "hub/person_keys.h"
#include "workflow/workflow.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_duties.h"
#include "store/store_party.h"

ac_hub_config *
ac_hub_config_new(void)
{
    ac_hub_config *cfg = aci_calloc(1, sizeof *cfg);

    if (cfg != NULL && (cfg->db_uri = aci_strdup("var/accord.db")) == NULL) {
        aci_free(cfg);
        return NULL;
    }
    return cfg;
}

void
ac_hub_config_free(ac_hub_config *cfg)
{
    if (cfg != NULL) {
        aci_free(cfg->db_uri);
        aci_free(cfg->key_path);
        aci_free(cfg->witness_path);
        aci_free(cfg->client);
        aci_free(cfg->report_line);
        aci_free(cfg);
    }
}

ac_code
ac_hub_config_set_db_uri(ac_hub_config *cfg, const char *uri, ac_error *err)
{
    char *copy;

    if (uri[0] == '\0') {
        return aci_fail(err, AC_EINVAL, "database path is empty");
    }
    copy = aci_strdup(uri);
    if (copy == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    aci_free(cfg->db_uri);
    cfg->db_uri = copy;
    return AC_OK;
}

ac_code
ac_hub_config_set_db_path(ac_hub_config *cfg, const char *path, ac_error *err)
{
    return ac_hub_config_set_db_uri(cfg, path, err);
}

ac_code
ac_hub_config_set_key_path(ac_hub_config *cfg, const char *path, ac_error *err)
{
    char *copy = aci_strdup(path);

    if (copy == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    aci_free(cfg->key_path);
    cfg->key_path = copy;
    return AC_OK;
}

ac_code
ac_hub_config_set_witness_path(ac_hub_config *cfg, const char *path, ac_error *err)
{
    char *copy = aci_strdup(path);

    if (copy == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    aci_free(cfg->witness_path);
    cfg->witness_path = copy;
    return AC_OK;
}

ac_code
ac_hub_config_set_client(ac_hub_config *cfg, const char *text, ac_error *err)
{
    char *copy = aci_strdup(text);

    if (copy == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    aci_free(cfg->client);
    cfg->client = copy;
    return AC_OK;
}

ac_code
ac_hub_config_set_report_line(ac_hub_config *cfg, const char *text, int designated, ac_error *err)
{
    char *copy = NULL;

    if (!designated && (text == NULL || text[0] == '\0' || strpbrk(text, "\r\n") != NULL)) {
        return aci_fail(err, AC_EINVAL,
                        "report line: one line naming where statutory reports go (a phone "
                        "number or an address), or designated");
    }
    if (text != NULL && (copy = aci_strdup(text)) == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    aci_free(cfg->report_line);
    cfg->report_line = copy;
    cfg->designated = designated != 0;
    return AC_OK;
}

void
ac_hub_config_set_create(ac_hub_config *cfg, int create)
{
    cfg->create = create != 0;
}

void
ac_hub_config_set_clock(ac_hub_config *cfg, ac_clock_fn fn, void *ctx)
{
    cfg->clock = fn;
    cfg->clock_ctx = ctx;
}

void
ac_hub_config_set_durable(ac_hub_config *cfg, int durable)
{
    cfg->durable = durable != 0;
}

void
ac_hub_config_set_concurrent(ac_hub_config *cfg, unsigned readers)
{
    cfg->concurrent = true;
    cfg->n_readers = readers;
}

void
ac_hub_config_set_seed(ac_hub_config *cfg, uint64_t seed)
{
    cfg->seeded = true;
    cfg->seed = seed;
}

/* Hash any entries older than the Merkle log, load (or create) the signing key, and name
 * the witness file its checkpoints go to. */
static ac_code
open_audit(ac_hub *hub, const ac_hub_config *cfg, ac_error *err)
{
    char *key_path = NULL;
    const char *db_file = aci_store_uri_file(cfg->db_uri);
    ac_arena *a = ac_arena_new(0);
    ac_code rc;

    if (a == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory opening the hub");
    }
    if (cfg->key_path != NULL) {
        key_path = ac_arena_strdup(a, cfg->key_path);
    } else if (db_file != NULL) {
        key_path = ac_arena_printf(a, "%s.key", db_file);
    }
    rc = aci_store_begin(hub->store, err);
    if (rc == AC_OK) {
        rc = aci_audit_backfill(hub->store, err);
        if (rc == AC_OK) {
            rc = aci_audit_key_open(hub->store, key_path, cfg->create, aci_hub_now_text(hub, a),
                                    &hub->key, err);
        }
        rc = aci_store_end(hub->store, rc, err);
    }
    if (rc == AC_OK && (cfg->witness_path != NULL || db_file != NULL)) {
        const char *w = cfg->witness_path != NULL ? cfg->witness_path
                                                  : ac_arena_printf(a, "%s.witness", db_file);

        hub->key.witness_path = w != NULL ? aci_strdup(w) : NULL;
        rc = hub->key.witness_path != NULL
                 ? AC_OK
                 : aci_fail(err, AC_ENOMEM, "out of memory opening the hub");
    }
    ac_arena_free(a);
    return rc;
}

/* Persons recorded before the search index existed get their keys, once. */
static ac_code
index_pending(ac_hub *hub, ac_error *err)
{
    size_t done = 0;
    ac_code rc = aci_store_begin(hub->store, err);

    if (rc == AC_OK) {
        rc = aci_person_keys_backfill(hub->store, &done, err);
        rc = rc == AC_OK ? aci_store_commit(hub->store, err) : rc;
        if (rc != AC_OK) {
            aci_store_rollback(hub->store);
        }
    }
    return rc;
}

ac_code
ac_hub_open(const ac_hub_config *cfg, ac_hub **out, ac_error *err)
{
    ac_hub *hub;
    ac_code rc;

    *out = NULL;
    hub = aci_calloc(1, sizeof *hub);
    if (hub == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory opening the hub");
    }
    rc = aci_store_open(cfg->db_uri, cfg->create, &hub->store, err);
    if (rc != AC_OK) {
        aci_free(hub);
        return rc;
    }
    rc = aci_conns_open(hub->store, cfg->db_uri, cfg->concurrent, cfg->n_readers, &hub->conns, err);
    if (rc != AC_OK) {
        aci_store_close(hub->store);
        aci_free(hub);
        return rc;
    }
    pthread_mutex_init(&hub->lock, NULL);
    hub->magic = ACI_HUB_MAGIC;
    hub->clock = cfg->clock;
    hub->clock_ctx = cfg->clock_ctx;
    aci_idgen_init(&hub->ids, cfg->seeded, cfg->seed);
    aci_store_durable(hub->store, cfg->durable);
    hub->designated = cfg->designated;
    if ((cfg->client != NULL && (hub->client = aci_strdup(cfg->client)) == NULL) ||
        (cfg->report_line != NULL && (hub->report_line = aci_strdup(cfg->report_line)) == NULL)) {
        ac_hub_close(hub);
        return aci_fail(err, AC_ENOMEM, "out of memory opening the hub");
    }
    rc = open_audit(hub, cfg, err);
    if (rc == AC_OK) {
        rc = index_pending(hub, err);
    }
    if (rc != AC_OK) {
        ac_hub_close(hub);
        return rc;
    }
    *out = hub;
    return AC_OK;
}

void
ac_hub_close(ac_hub *hub)
{
    if (!ACI_HUB_OK(hub)) {
        return;
    }
    hub->magic = 0;
    aci_hub_screen_free(hub);
    aci_workflows_free(hub->workflows);
    ac_linkage_free(hub->subject_lk); /* subject.c's scorer */
    aci_audit_key_release(&hub->key);
    aci_conns_close(hub->conns);
    aci_store_close(hub->store);
    pthread_mutex_destroy(&hub->lock);
    aci_free(hub->client);
    aci_free(hub->report_line);
    aci_free(hub);
}

ac_code
ac_hub_batch_begin(ac_hub *hub, ac_error *err)
{
    ac_code rc;

    if (!ACI_HUB_OK(hub) || hub->in_batch || aci_conns_concurrent(hub->conns)) {
        return aci_fail(err, AC_EMISUSE,
                        "a batch is already open, the hub batches by itself, or bad hub handle");
    }
    rc = aci_store_begin(hub->store, err); /* every call's transaction nests inside it */
    hub->in_batch = rc == AC_OK;
    return rc;
}

ac_code
ac_hub_batch_commit(ac_hub *hub, ac_error *err)
{
    if (!ACI_HUB_OK(hub) || !hub->in_batch) {
        return aci_fail(err, AC_EMISUSE, "no batch is open");
    }
    hub->in_batch = false;
    return aci_store_commit(hub->store, err);
}

int
ac_hub_schema_version(const ac_hub *hub)
{
    uint64_t batch;
    int version;

    if (!ACI_HUB_OK(hub)) {
        return -1;
    }
    batch = aci_conns_write_enter(hub->conns);
    version = aci_store_schema_version(hub->store);
    aci_conns_write_leave(hub->conns);
    return aci_conns_settle(hub->conns, batch) ? version : -1;
}

/* ac_hub_tick's NOW, for the calls it makes on this thread */
static _Thread_local bool clock_pinned;
static _Thread_local int64_t clock_pinned_ms;

void
aci_hub_clock_pin(int64_t now_ms)
{
    clock_pinned = true;
    clock_pinned_ms = now_ms;
}

void
aci_hub_clock_unpin(void)
{
    clock_pinned = false;
}

int64_t
aci_hub_now_ms(ac_hub *hub)
{
    if (clock_pinned) {
        return clock_pinned_ms;
    }
    return hub->clock != NULL ? hub->clock(hub->clock_ctx) : ac_time_now_ms();
}

ac_date
aci_hub_today(ac_hub *hub)
{
    return ac_date_from_ms(aci_hub_now_ms(hub));
}

char *
aci_hub_new_id(ac_hub *hub, ac_arena *a)
{
    char id[AC_ID_LEN + 1];

    pthread_mutex_lock(&hub->lock);
    aci_idgen_next(&hub->ids, aci_hub_now_ms(hub), id);
    pthread_mutex_unlock(&hub->lock);
    return ac_arena_strdup(a, id);
}

char *
aci_hub_now_text(ac_hub *hub, ac_arena *a)
{
    char buf[AC_TIME_TEXT_MAX];

    return ac_arena_strdup(a, ac_time_format(aci_hub_now_ms(hub), buf));
}

/* Load user U's actor view (agency attributes included) into A. */
ac_code
aci_hub_load_actor(struct aci_store *s,
                   const char *key,
                   bool by_id,
                   ac_arena *a,
                   ac_actor *out,
                   ac_error *err)
{
    ac_user u;
    ac_agency g;
    ac_code rc = aci_store_user_find(s, key, by_id, a, &u, err);

    if (rc == AC_OK) {
        rc = aci_store_agency_find(s, u.agency_id, a, &g, err);
    }
    if (rc != AC_OK) {
        return rc == AC_ENOTFOUND ? aci_fail(err, AC_ENOTFOUND, "no such user") : rc;
    }
    if (u.status != AC_USER_ACTIVE) {
        return aci_fail(err, AC_EDENIED, "user '%s' is %s: an administrator must reactivate it",
                        u.username, ac_user_status_str(u.status));
    }
    out->user_id = u.id;
    out->username = u.username;
    out->agency_id = u.agency_id;
    out->agency_kind = g.kind;
    out->country = g.country;
    out->vetting = u.vetting;
    out->roles = u.roles;
    return AC_OK;
}

const char *
aci_hub_via(const ac_hub *hub, const ac_actor *actor, char *buf, size_t buf_len)
{
    const char *own = actor != NULL ? actor->via : NULL;

    if (hub->client == NULL) {
        return own;
    }
    if (own == NULL) {
        return hub->client;
    }
    snprintf(buf, buf_len, "%s; %s", hub->client, own);
    return buf;
}

ac_code
aci_hub_audit_event(ac_hub *hub,
                    const ac_actor *actor,
                    const char *action,
                    const char *object_id,
                    const char *outcome,
                    const char *detail,
                    ac_error *err)
{
    struct aci_audit_entry e;
    char at[AC_TIME_TEXT_MAX], via[512];
    ac_code rc;

    memset(&e, 0, sizeof e);
    e.at = ac_time_format(aci_hub_now_ms(hub), at);
    e.actor_id = actor != NULL ? actor->user_id : NULL;
    e.agency_id = actor != NULL ? actor->agency_id : NULL;
    e.action = action;
    e.object_type = "user";
    e.object_id = object_id;
    e.outcome = outcome;
    e.detail = detail;
    e.via = aci_hub_via(hub, actor, via, sizeof via);
    rc = aci_store_begin(hub->store, err);
    if (rc == AC_OK) {
        rc = aci_store_end(
            hub->store, aci_audit_append(hub->store, &hub->key, &e, aci_hub_now_ms(hub), err), err);
    }
    return rc;
}

/* Sign-ins are audited like every other access, successful or not (DPA 2018 s.62). */
static ac_code
audit_sign_in(ac_hub *hub,
              const ac_actor *actor,
              const char *username,
              ac_code outcome,
              ac_error *err)
{
    char detail[96];

    snprintf(detail, sizeof detail, "username %.64s", username);
    return aci_hub_audit_event(hub, outcome == AC_OK ? actor : NULL, "sign_in",
                               outcome == AC_OK ? actor->user_id : NULL,
                               outcome == AC_OK        ? "ok"
                               : outcome == AC_EDENIED ? "denied"
                                                       : "not_found",
                               detail, err);
}

ac_code
ac_hub_actor(ac_hub *hub, const char *username, ac_arena *a, const ac_actor **out, ac_error *err)
{
    ac_actor *actor;
    ac_code rc;

    *out = NULL;
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    actor = ac_arena_zalloc(a, sizeof *actor);
    if (actor == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_hub_load_actor(hub->store, username, false, a, actor, err);
    if (rc == AC_OK || rc == AC_ENOTFOUND || rc == AC_EDENIED) {
        ac_error audit_err;
        ac_code arc = audit_sign_in(hub, actor, username, rc, &audit_err);

        if (arc != AC_OK) {
            if (err != NULL) {
                *err = audit_err;
            }
            return arc;
        }
    }
    if (rc == AC_ENOTFOUND) {
        rc = aci_fail(err, AC_ENOTFOUND, "no user '%s': 'accord user list' shows the users",
                      username);
    }
    if (rc == AC_OK) {
        *out = actor;
    }
    return rc;
}

static ac_code
bootstrap_tx(ac_hub *hub, const ac_agency *g, ac_user *u, ac_arena *a, ac_error *err)
{
    struct aci_audit_entry e = { 0 };
    bool has_users = false;
    ac_code rc = aci_store_has_users(hub->store, &has_users, err);

    if (rc != AC_OK) {
        return rc;
    }
    if (has_users) {
        return aci_fail(err, AC_ECONFLICT, "the hub is already set up: it has users");
    }
    rc = aci_store_agency_insert(hub->store, g, err);
    if (rc == AC_OK) {
        rc = aci_store_hub_agency_mark(hub->store, g->id, err); /* its admins are the hub's */
    }
    if (rc == AC_OK) {
        rc = aci_store_user_insert(hub->store, u, err);
    }
    e.at = g->created_at;
    e.action = "bootstrap";
    e.object_type = "user";
    e.object_id = u->id;
    e.agency_id = g->id;
    e.purpose = "set up the hub";
    e.outcome = "ok";
    e.detail = ac_arena_printf(a, "agency %s, administrator %s", g->id, u->id);
    e.via = hub->client;
    if (rc == AC_OK) {
        rc = aci_audit_append(hub->store, &hub->key, &e, aci_hub_now_ms(hub), err);
    }
    return rc;
}

ac_code
ac_hub_bootstrap(ac_hub *hub,
                 const char *agency_name,
                 int agency_kind,
                 const char *country,
                 const char *admin_username,
                 const char *admin_display,
                 ac_arena *a,
                 const char **out_admin_id,
                 ac_error *err)
{
    ac_agency g = { 0 };
    ac_user u = { 0 };
    const char *name = NULL;
    ac_code rc;

    *out_admin_id = NULL;
    if (!ACI_HUB_OK(hub)) {
        return aci_fail(err, AC_EMISUSE, "bad hub handle");
    }
    if (agency_kind < 0 || agency_kind >= AC_AGENCY_KIND_COUNT) {
        return aci_fail(err, AC_EINVAL, "unknown agency kind");
    }
    if (!aci_username_valid(admin_username)) {
        return aci_fail(err, AC_EINVAL, "username: use 2 to 64 of a-z, 0-9, '.', '_', '-'");
    }
    rc = aci_clean_field(agency_name, 200, "agency name", a, &name, err);
    if (rc != AC_OK || name == NULL) {
        return rc != AC_OK ? rc : aci_fail(err, AC_EINVAL, "agency name is empty");
    }
    g.id = aci_hub_new_id(hub, a);
    g.name = name;
    g.kind = (ac_agency_kind)agency_kind;
    g.country = country != NULL ? country : "GB";
    g.created_at = aci_hub_now_text(hub, a);
    u.id = aci_hub_new_id(hub, a);
    u.agency_id = g.id;
    u.username = admin_username;
    u.display_name = admin_display != NULL ? admin_display : admin_username;
    u.vetting = AC_VETTING_BPSS;
    u.roles = AC_ROLE_ADMIN;
    u.status = AC_USER_ACTIVE;
    u.created_at = g.created_at;
    if (g.id == NULL || u.id == NULL || g.created_at == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = aci_store_begin(hub->store, err);
    if (rc == AC_OK) {
        rc = aci_store_end(hub->store, bootstrap_tx(hub, &g, &u, a, err), err);
    }
    if (rc == AC_OK) {
        *out_admin_id = u.id;
    }
    return rc;
}
