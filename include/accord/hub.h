/* SPDX-License-Identifier: Apache-2.0
 *
 * hub.h - the hub: the only entry point to a partnership's data.
 *
 * Every data call takes an actor (a signed-in user) and a purpose, asks the policy,
 * records an audit entry and touches the store in one transaction.  A purpose is
 * required on every read; an empty one is refused with AC_EINVAL.  A record the actor
 * may not see is reported as AC_ENOTFOUND, exactly as if it did not exist.
 *
 * Thread safety: a hub is used by one thread at a time, unless it was opened with
 * ac_hub_config_set_concurrent: then by any number at once.
 */
#ifndef ACCORD_HUB_H
#define ACCORD_HUB_H

#include <stdint.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"
#include "accord/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ac_hub ac_hub;
typedef struct ac_hub_config ac_hub_config;
typedef struct ac_actor ac_actor; /* defined in party.h */

/* Milliseconds since the Unix epoch; injected so tests and demos are reproducible. */
typedef int64_t (*ac_clock_fn)(void *ctx);

/* A configuration with defaults: database "var/accord.db", the wall clock, random ids.
 * NULL on allocation failure.  Free with ac_hub_config_free(). */
AC_API ac_hub_config *ac_hub_config_new(void);
AC_API void ac_hub_config_free(ac_hub_config *cfg);

/* The hub's database, named by URI:
 *
 *   sqlite:PATH or a plain PATH   a SQLite database file; ":memory:" (or
 *                                 "sqlite::memory:") for a private in-memory hub
 *   postgresql://... (postgres://...)   reserved for the server's PostgreSQL backend:
 *                                       ac_hub_open refuses it with AC_EINVAL until
 *                                       that backend is built
 *
 * The URI is copied; it is checked when the hub opens.  AC_EINVAL when it is empty,
 * AC_ENOMEM. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_hub_config_set_db_uri(ac_hub_config *cfg, const char *uri, ac_error *err);
/* The same as ac_hub_config_set_db_uri, under its older name (a path is a URI). */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_hub_config_set_db_path(ac_hub_config *cfg, const char *path, ac_error *err);
/* The file holding the Ed25519 key that signs audit checkpoints (default: the database
 * file's path + ".key", the "sqlite:" removed; in-memory hubs use a key that lives as
 * long as the hub).  Created with mode 0600 with a new hub; keep it out of the database's
 * backups' reach. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_hub_config_set_key_path(ac_hub_config *cfg, const char *path, ac_error *err);
/* The witness file every signed audit checkpoint is appended to (and synced), outside the
 * database (default: the database file's path + ".witness"; in-memory hubs keep none).
 * Keep it where the database's administrator cannot rewrite it; 'accord audit verify
 * --witness' checks the log against it. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_hub_config_set_witness_path(ac_hub_config *cfg, const char *path, ac_error *err);
/* Create the database if it does not exist (default: refuse, AC_ENOTFOUND). */
AC_API AC_NONNULL(1) void ac_hub_config_set_create(ac_hub_config *cfg, int create);
/* Clock used for record and audit times. */
AC_API AC_NONNULL(1, 2) void ac_hub_config_set_clock(ac_hub_config *cfg, ac_clock_fn fn, void *ctx);
/* Durable commits: a commit returns only once it is on disk (SQLite: synchronous=FULL).
 * Off by default (synchronous=NORMAL: a power cut may lose the last commits, never
 * corrupt).  Pair it with ac_hub_config_set_concurrent for throughput. */
AC_API AC_NONNULL(1) void ac_hub_config_set_durable(ac_hub_config *cfg, int durable);
/* Share the hub between threads (a server): calls may come from any thread at once.
 * Calls that write take turns on one connection and join group-commit batches, flushed to
 * disk once for all their members; calls that only read run in parallel on READERS
 * read-only connections (none for an in-memory hub), their audit entries joining the
 * batch.  Either way a call returns only once its audit entry is durable (with
 * ac_hub_config_set_durable), so nothing it read leaves before its entry.  Without this a
 * hub is used by one thread at a time, each call its own transaction. */
AC_API AC_NONNULL(1) void ac_hub_config_set_concurrent(ac_hub_config *cfg, unsigned readers);
/* Who the calls come through, for the audit: every entry this hub writes records TEXT in
 * its "via" field, before the actor's own way in ("cli os-user alice (uid 1000); token
 * ID").  The CLI names the local OS account; a server leaves it unset.  Copied. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_hub_config_set_client(ac_hub_config *cfg, const char *text, ac_error *err);
/* Where the statutory report of a suspicious transaction, disappearance or theft of an
 * explosives precursor or poison goes (Poisons Act 1972 s.3C: within 24 hours of finding
 * out), for the receipt of every report (report.h): TEXT names it (default: the
 * Anti-Terrorist Hotline, 0800 789 321; 999 in an emergency).  DESIGNATED: this partnership
 * is itself designated to receive those reports, so the hub's report is the statutory one
 * and TEXT is not used (may be NULL).  Copied.  AC_EINVAL for an empty or multi-line TEXT. */
AC_API AC_NODISCARD AC_NONNULL(1) ac_code ac_hub_config_set_report_line(ac_hub_config *cfg,
                                                                        const char *text,
                                                                        int designated,
                                                                        ac_error *err);
/* Derive record ids from SEED instead of the system's randomness (reproducible). */
AC_API AC_NONNULL(1) void ac_hub_config_set_seed(ac_hub_config *cfg, uint64_t seed);

/* Open the hub described by CFG: open (or create) the database and apply every
 * pending migration.  CFG may be freed afterwards.  *OUT is NULL on failure. */
AC_API AC_NODISCARD AC_NONNULL(1, 2) ac_code
    ac_hub_open(const ac_hub_config *cfg, ac_hub **out, ac_error *err);

/* Close the hub and its database.  NULL is a no-op. */
AC_API void ac_hub_close(ac_hub *hub);

/* Group commit for a caller on one thread (a bulk job, the demo).  Between
 * ac_hub_batch_begin and ac_hub_batch_commit every call's changes and audit entries join one
 * transaction, flushed to disk once by the commit; a call that fails undoes only its own
 * part.  A caller must not report any call's success (nor send data it read, since the
 * read's audit entry is part of the batch) before the commit returns AC_OK.  AC_EMISUSE for
 * a batch inside a batch, a commit without one, or a concurrent hub (which batches its
 * calls itself). */
AC_API AC_NODISCARD ac_code ac_hub_batch_begin(ac_hub *hub, ac_error *err);
AC_API AC_NODISCARD ac_code ac_hub_batch_commit(ac_hub *hub, ac_error *err);

/* The schema version the database is at. */
AC_API int ac_hub_schema_version(const ac_hub *hub);

/* Bootstrap an empty hub: its first agency and an administrator of it.  AC_ECONFLICT
 * when the hub already has users.  The admin's id is copied into A. */
AC_API AC_NODISCARD AC_NONNULL(2, 5, 7, 8) ac_code ac_hub_bootstrap(ac_hub *hub,
                                                                    const char *agency_name,
                                                                    int agency_kind,
                                                                    const char *country,
                                                                    const char *admin_username,
                                                                    const char *admin_display,
                                                                    ac_arena *a,
                                                                    const char **out_admin_id,
                                                                    ac_error *err);

/* Resolve USERNAME to an actor, in A.  AC_ENOTFOUND when no such user; AC_EDENIED when
 * the user is suspended or disabled. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code ac_hub_actor(ac_hub *hub,
                                                             const char *username,
                                                             ac_arena *a,
                                                             const ac_actor **out,
                                                             ac_error *err);

/* Counts of what the hub holds, for summaries (an admin may read counts). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code ac_hub_stats_get(ac_hub *hub,
                                                                 const ac_actor *actor,
                                                                 const char *purpose,
                                                                 ac_hub_stats *out,
                                                                 ac_error *err);

#ifdef __cplusplus
}
#endif
#endif /* ACCORD_HUB_H */
