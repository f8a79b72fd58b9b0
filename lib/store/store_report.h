/* SPDX-License-Identifier: Apache-2.0
 *
 * store_report.h - SQL for suspicious-purchase reports, watchlists, alerts and the
 * partnership's regime table.  No policy here: the hub decides who may see what.
 */
#ifndef ACI_STORE_REPORT_H
#define ACI_STORE_REPORT_H

#include "internal.h"

#include "accord/report.h"

struct aci_store;

/* ---- reports ---- */
ac_code aci_store_report_insert(struct aci_store *s, const ac_report *r, ac_error *err);
ac_code aci_store_report_load(struct aci_store *s,
                              const char *id,
                              ac_arena *a,
                              ac_report *out,
                              ac_error *err);
/* AGENCY's reports, newest first, ids below AFTER (NULL: from the newest). */
ac_code aci_store_report_page(struct aci_store *s,
                              const char *agency_id,
                              const char *after,
                              size_t limit,
                              ac_arena *a,
                              ac_report **out,
                              size_t *out_n,
                              ac_error *err);

/* ---- watchlists ---- */
/* Remove the list called NAME and its names, if there is one. */
ac_code aci_store_watchlist_drop(struct aci_store *s, const char *name, ac_error *err);
ac_code aci_store_watchlist_insert(struct aci_store *s,
                                   const ac_watchlist_info *w,
                                   const char *imported_by,
                                   ac_error *err);
/* Add name SEQ of list ID; DOB may be NULL or "". */
ac_code aci_store_watchlist_name(struct aci_store *s,
                                 const char *id,
                                 int64_t seq,
                                 const char *entry_id,
                                 const char *name,
                                 const char *dob,
                                 ac_error *err);
ac_code aci_store_watchlist_all(struct aci_store *s,
                                ac_arena *a,
                                ac_watchlist_info **out,
                                size_t *out_n,
                                ac_error *err);

/* Everything the screening index is built from, for each name: its key ("person/ID" or
 * "LIST_ID/ENTRY_ID"), name and date of birth (NULL when none).  FN stops the walk by
 * returning an error. */
typedef ac_code (*aci_screen_name_fn)(void *ctx,
                                      const char *key,
                                      const char *name,
                                      const char *dob,
                                      ac_error *err);
ac_code
aci_store_screen_names(struct aci_store *s, aci_screen_name_fn fn, void *ctx, ac_error *err);
/* Text that changes whenever the names above change (count and newest change), in A. */
ac_code aci_store_screen_stamp(struct aci_store *s, ac_arena *a, const char **out, ac_error *err);

/* The holder of person ID and its chosen name, or of list entry ENTRY on list LIST_ID and
 * the list's name, in A. */
ac_code aci_store_person_brief(struct aci_store *s,
                               const char *id,
                               ac_arena *a,
                               const char **holder,
                               ac_error *err);
ac_code aci_store_watchlist_brief(struct aci_store *s,
                                  const char *list_id,
                                  ac_arena *a,
                                  const char **holder,
                                  const char **list_name,
                                  ac_error *err);

/* ---- the regime ---- */
ac_code aci_store_regime_insert(struct aci_store *s,
                                const char *id,
                                const char *csv,
                                const char *loaded_by,
                                const char *loaded_at,
                                ac_error *err);
/* The newest stored table's id, or AC_ENOTFOUND when none was stored; and a table's text. */
ac_code aci_store_regime_latest(struct aci_store *s, ac_arena *a, const char **id, ac_error *err);
ac_code aci_store_regime_csv(struct aci_store *s,
                             const char *id,
                             ac_arena *a,
                             const char **csv,
                             ac_error *err);

/* ---- alerts ---- */
ac_code aci_store_alert_insert(struct aci_store *s, const ac_alert *al, ac_error *err);
ac_code aci_store_alert_match(struct aci_store *s,
                              const char *alert_id,
                              int64_t seq,
                              const ac_alert_match *m,
                              ac_error *err);
ac_code aci_store_alert_load(struct aci_store *s,
                             const char *id,
                             ac_arena *a,
                             ac_alert *out,
                             ac_error *err);
/* Matches of ALERT_ID, best first, as stored (nothing withheld). */
ac_code aci_store_alert_matches(struct aci_store *s,
                                const char *alert_id,
                                ac_arena *a,
                                ac_alert_match **out,
                                size_t *out_n,
                                ac_error *err);
/* Alerts routed to AGENCY_ID or escalated to at least OPEN_ESCALATION (both from the
 * policy); open ones first (priority, deadline). */
ac_code aci_store_alert_page(struct aci_store *s,
                             const char *agency_id,
                             int open_escalation,
                             bool open_only,
                             size_t limit,
                             ac_arena *a,
                             ac_alert **out,
                             size_t *out_n,
                             ac_error *err);
/* Open alerts whose deadline is before NOW (RFC 3339). */
ac_code aci_store_alert_lapsed(struct aci_store *s,
                               const char *now,
                               ac_arena *a,
                               ac_alert **out,
                               size_t *out_n,
                               ac_error *err);
/* Set priority, escalation and deadline of alert ID. */
ac_code aci_store_alert_escalate(struct aci_store *s, const ac_alert *al, ac_error *err);
/* Acknowledge alert ID if it is open: AC_ECONFLICT when it is not. */
ac_code aci_store_alert_ack(struct aci_store *s,
                            const char *id,
                            const char *user_id,
                            const char *at,
                            const char *note,
                            ac_error *err);

/* ---- alert events (0017_alert_stream.sql) ---- */
/* Events after AFTER on alerts aci_store_alert_page would list for AGENCY_ID, oldest
 * first, at most LIMIT. */
ac_code aci_store_alert_events(struct aci_store *s,
                               const char *agency_id,
                               int open_escalation,
                               int64_t after,
                               size_t limit,
                               ac_arena *a,
                               ac_alert_event **out,
                               size_t *out_n,
                               ac_error *err);
/* The newest event's seq, 0 when there is none. */
ac_code aci_store_alert_events_latest(struct aci_store *s, int64_t *out, ac_error *err);

#endif /* ACI_STORE_REPORT_H */
