/* SPDX-License-Identifier: Apache-2.0
 *
 * report.h - suspicious-purchase reports, the watchlists buyers are screened against,
 * and the alerts raised for the partnership's duty officers (DOMAIN.md §4.6).
 *
 * A retailer (reporter role) submits a report of a suspicious transaction or attempt, or
 * of a loss or theft, and gets a receipt with a reference; it reads only its own
 * agency's reports, and never learns whether the buyer matched anything (no tipping off).
 * In the same transaction the hub classifies the substance against the regime in force
 * (regime.h), screens the buyer's name and date of birth against every imported
 * watchlist and every person the partners hold (screen.h), and raises an alert when:
 *
 *   - the buyer scores at least AC_SCREEN_POSSIBLE (0.70) against a listed name, or
 *   - the substance is regulated and two or more indicators were observed, or
 *   - a regulated or reportable substance was lost or stolen (s.3C: a significant loss or
 *     theft of either is reportable), or
 *   - a regulated substance was sold (sale_completed) with no licence shown: a possible
 *     offence under s.3A unless the buyer acted for a business or profession.
 *
 * Priority (AC_ALERT_*): high for a strong match (>= 0.90) on a regulated substance or
 * with two or more indicators; medium for any other strong match, a possible match on a
 * regulated substance, a regulated substance with strong indicators or lost or stolen, or
 * sold with no licence shown; low otherwise (a reportable substance lost or stolen).
 * Acknowledgement deadlines: high 15 minutes, medium 60, low 240.  An alert goes to the duty
 * officers of one agency: the first CT policing unit with an active duty officer, else a police
 * force's, else the security service's.  When its deadline lapses unacknowledged,
 * ac_alerts_escalate raises its priority one step, gives it a new deadline, and opens it to every
 * duty officer of those kinds of agency.
 *
 * Alerts reveal no holdings.  The alert to the duty agency carries the watchlist matches
 * only, and its priority and reason come from the report and those matches alone.  A buyer
 * who matches a person a partner holds raises a separate alert for THAT agency's duty
 * officers (for_holder): they see the match in full, with its explanation, and decide what
 * to disclose; it stays with them even when it escalates.  The duty agency's alert, when
 * the report raised one, says only that a partner holds a possible match and has been told
 * (partner_told): no agency, no score, no count.  A match on a person alone raises no alert
 * for the duty agency.
 */
#ifndef ACCORD_REPORT_H
#define ACCORD_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "accord/arena.h"
#include "accord/common.h"
#include "accord/error.h"
#include "accord/hub.h"
#include "accord/item.h"
#include "accord/regime.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ac_report_kind {
    AC_REPORT_TRANSACTION = 0, /* a sale made */
    AC_REPORT_ATTEMPT,         /* a sale refused or abandoned */
    AC_REPORT_LOSS,            /* a significant disappearance */
    AC_REPORT_THEFT,
    AC_REPORT_KIND_COUNT
} ac_report_kind;

typedef enum ac_payment {
    AC_PAYMENT_UNKNOWN = 0,
    AC_PAYMENT_CASH,
    AC_PAYMENT_CARD,
    AC_PAYMENT_ONLINE,
    AC_PAYMENT_OTHER,
    AC_PAYMENT_COUNT
} ac_payment;

/* The Home Office indicators (DOMAIN.md §4.6), as bits; OTHER needs indicator_other. */
typedef enum ac_indicator {
    AC_IND_NOT_REGULAR_CUSTOMER = 1u << 0,
    AC_IND_NERVOUS = 1u << 1,
    AC_IND_UNUSUAL_AMOUNT = 1u << 2,
    AC_IND_STRANGE_COMBINATION = 1u << 3,
    AC_IND_UNFAMILIAR_WITH_HANDLING = 1u << 4,
    AC_IND_REFUSES_LOWER_CONCENTRATION = 1u << 5,
    AC_IND_WONT_SAY_USE = 1u << 6,
    AC_IND_INSISTS_ON_CASH = 1u << 7,
    AC_IND_NO_ID_OR_ADDRESS = 1u << 8,
    AC_IND_UNUSUAL_DELIVERY = 1u << 9,
    AC_IND_OTHER = 1u << 10,
} ac_indicator;
#define AC_INDICATOR_COUNT 11

typedef struct ac_report {
    /* set by the hub (ignored on submit) */
    const char *id;
    const char *reference; /* the receipt: "SPR-YYYYMMDD-" and the last ten characters
                            of the id (50 random bits) */
    const char *agency_id; /* the reporting business */
    const char *reported_by;
    const char *created_at;
    ac_regime_class regime_class; /* the substance under the regime in force */
    const char *regime_reason;
    bool late;                    /* received (created_at) more than 24 hours after it
                                     happened (occurred_at): the statutory report is due
                                     within 24 hours of finding out */
    const char *statutory_report; /* on submit only: where the statutory report goes
                                     (ac_hub_config_set_report_line) */
    /* given by the reporter */
    ac_report_kind kind;
    const char *occurred_at;     /* RFC 3339; required; not in the future */
    const char *product;         /* trade name; may be NULL */
    const char *substance;       /* name or CAS number; required */
    double concentration;        /* % w/w, 0..100; negative when not known (then read
                                    from the substance's name when it has one: "35%") */
    const char *quantity;        /* e.g. "5 L", "3 x 1 kg"; required */
    ac_payment payment;          /* for a transaction or attempt */
    bool sale_completed;         /* a transaction: the sale went ahead */
    bool licence_shown;          /* an EPP licence was shown */
    const char *buyer_name;      /* where taken; may be NULL */
    const char *buyer_dob;       /* YYYY-MM-DD, YYYY-MM or YYYY; may be NULL */
    const char *buyer_address;   /* may be NULL */
    const char *buyer_document;  /* the ID document shown (type and number); may be NULL */
    unsigned indicators;         /* ac_indicator bits */
    const char *indicator_other; /* required with AC_IND_OTHER */
    const char *narrative;       /* what happened, in the reporter's words; may be NULL */
} ac_report;

AC_API const char *ac_report_kind_str(ac_report_kind k);
AC_API AC_NODISCARD ac_code ac_report_kind_parse(const char *s, ac_report_kind *out, ac_error *err);
AC_API const char *ac_payment_str(ac_payment p);
AC_API AC_NODISCARD ac_code ac_payment_parse(const char *s, ac_payment *out, ac_error *err);
/* Name of one indicator bit ("nervous", "unusual_amount", ...); "unknown" otherwise. */
AC_API const char *ac_indicator_str(ac_indicator i);
/* The Home Office's wording of one indicator bit, completing "A transaction or attempted
 * transaction may be suspicious if the customer ..." (AC_IND_OTHER: its closing line);
 * NULL otherwise.  Source: gov.uk "Supplying explosives precursors and poison" (DOMAIN.md
 * §4.6). */
AC_API const char *ac_indicator_wording(ac_indicator i);
/* A comma-separated list of indicator names into bits (empty text gives 0). */
AC_API AC_NODISCARD ac_code ac_indicators_parse(const char *s, unsigned *out, ac_error *err);
/* Indicator bits as their comma-separated names, in A. */
AC_API char *ac_indicators_format(ac_arena *a, unsigned set);

/* Submit a report (reporter role).  AC_EINVAL names the field and the reason: a missing
 * substance or quantity, a concentration outside 0..100, a time that is not RFC 3339 or
 * is in the future, a date of birth that is not a date or is in the future, OTHER
 * without its text, a transaction or attempt with neither an indicator nor a narrative.
 * *OUT (strings in A) is the report as stored, with its reference. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_report_submit(ac_hub *hub,
                                                                       const ac_actor *actor,
                                                                       const char *purpose,
                                                                       const ac_report *in,
                                                                       ac_arena *a,
                                                                       ac_report *out,
                                                                       ac_error *err);
/* One report: the reporter's own agency's, or any to a duty officer. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_report_get(ac_hub *hub,
                                                                    const ac_actor *actor,
                                                                    const char *purpose,
                                                                    const char *id,
                                                                    ac_arena *a,
                                                                    ac_report *out,
                                                                    ac_error *err);
/* The actor's agency's reports, newest first, at most LIMIT (0: 100) after cursor AFTER
 * (a report id; NULL for the first page). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 6, 7, 8) ac_code ac_report_list(ac_hub *hub,
                                                                     const ac_actor *actor,
                                                                     const char *purpose,
                                                                     const char *after,
                                                                     size_t limit,
                                                                     ac_arena *a,
                                                                     ac_report **out,
                                                                     size_t *out_n,
                                                                     ac_error *err);

/* ---- watchlists ---- */

typedef enum ac_watchlist_format {
    AC_WATCHLIST_CSV = 0, /* id,name,dob; an id repeated is an alias */
    AC_WATCHLIST_OFAC,    /* SDN.CSV, with ALT.CSV as the second file */
    AC_WATCHLIST_UN_XML,  /* the UN consolidated list */
    AC_WATCHLIST_FORMAT_COUNT
} ac_watchlist_format;

AC_API const char *ac_watchlist_format_str(ac_watchlist_format f);
AC_API AC_NODISCARD ac_code ac_watchlist_format_parse(const char *s,
                                                      ac_watchlist_format *out,
                                                      ac_error *err);

typedef struct ac_watchlist_info {
    const char *id;
    const char *name; /* unique: importing the same name again replaces the list */
    ac_watchlist_format format;
    const char *agency_id; /* the agency that imported it */
    const char *imported_at;
    int64_t names; /* names held, aliases included */
} ac_watchlist_info;

/* Import a list from PATH (and ALT_PATH, OFAC's alias file, or NULL) under NAME (analyst or
 * duty officer).  A list of the same name is replaced in the same transaction.  AC_EINVAL
 * names the file, line and reason, and nothing is stored. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 6, 8, 9) ac_code ac_watchlist_import(ac_hub *hub,
                                                                             const ac_actor *actor,
                                                                             const char *purpose,
                                                                             const char *name,
                                                                             ac_watchlist_format f,
                                                                             const char *path,
                                                                             const char *alt_path,
                                                                             ac_arena *a,
                                                                             ac_watchlist_info *out,
                                                                             ac_error *err);
/* Every imported list (analysts and duty officers). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6) ac_code ac_watchlist_list(ac_hub *hub,
                                                                        const ac_actor *actor,
                                                                        const char *purpose,
                                                                        ac_arena *a,
                                                                        ac_watchlist_info **out,
                                                                        size_t *out_n,
                                                                        ac_error *err);

/* Put CSV_TEXT (the format of data/regime/substances.csv) in force as the partnership's
 * corrected regime (analyst or duty officer).  AC_EINVAL names the line and field. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code ac_regime_store(ac_hub *hub,
                                                                const ac_actor *actor,
                                                                const char *purpose,
                                                                const char *csv_text,
                                                                ac_error *err);

/* The rows of the regime table in force (the partnership's corrected copy, else the
 * shipped one) that QUERY (may be NULL or empty: all) names, as ac_regime_row_matches
 * ranks them: those it begins first, then those it is inside, each in the table's order.
 * Reporters (the report form) and analysts and duty officers (who keep the table).
 * PURPOSE may be NULL.  AC_EINVAL for a QUERY over 200 bytes or not UTF-8. */
AC_API AC_NODISCARD AC_NONNULL(2, 5, 6, 7) ac_code ac_substances_list(ac_hub *hub,
                                                                      const ac_actor *actor,
                                                                      const char *purpose,
                                                                      const char *query,
                                                                      ac_arena *a,
                                                                      ac_regime_row **out,
                                                                      size_t *out_n,
                                                                      ac_error *err);

/* ---- alerts ---- */

typedef enum ac_alert_priority {
    AC_ALERT_LOW = 0,
    AC_ALERT_MEDIUM,
    AC_ALERT_HIGH,
    AC_ALERT_PRIORITY_COUNT
} ac_alert_priority;

typedef enum ac_alert_status {
    AC_ALERT_OPEN = 0,
    AC_ALERT_ACKNOWLEDGED,
    AC_ALERT_STATUS_COUNT
} ac_alert_status;

AC_API const char *ac_alert_priority_str(ac_alert_priority p);
AC_API const char *ac_alert_status_str(ac_alert_status s);
/* Minutes a duty officer has to acknowledge an alert of priority P. */
AC_API int ac_alert_deadline_minutes(ac_alert_priority p);

typedef struct ac_alert_match {
    const char *source;        /* "watchlist" or "person" */
    const char *source_id;     /* the watchlist's id, or the person's */
    const char *source_name;   /* the watchlist's name; NULL for a person */
    const char *entry_id;      /* the entry on the list, or the person's id */
    const char *holder_agency; /* who holds it: the agency's id (a person: the reader's own) */
    const char *holder_name;   /* and its name */
    const char *listed_name;
    double score;
    const char *explanation;
} ac_alert_match;

typedef struct ac_alert {
    const char *id;
    const char *report_id; /* the report that raised it, or NULL */
    const char *case_id;   /* or the case whose deadline passed (workflow.h), or NULL */
    const char *created_at;
    const char *reason; /* why it was raised, in words */
    ac_alert_priority priority;
    const char *routed_agency_id;
    int escalation;       /* 0 until the first lapse */
    const char *deadline; /* RFC 3339: acknowledge by then */
    ac_alert_status status;
    const char *acked_by;      /* user id */
    const char *acked_by_name; /* that user's name, for people to read (any agency's) */
    const char *acked_at;
    const char *ack_note;
    ac_alert_match *matches; /* best first */
    size_t n_matches;
    bool for_holder;       /* raised for the agency holding a matched person: decide what to
                              disclose; never opens to other agencies */
    bool partner_told;     /* a partner holds a possible match of the buyer and has been told
                              (nothing more: not who, nor how well it matched) */
    const char *case_type; /* the type of the case (case_id), or NULL: what the alert
                              reveals of it */
    ac_classification classification; /* the highest marking of what the alert reveals
                                          (aci_policy_alert_marking; set by the hub) */
} ac_alert;

/* Alerts the duty officer may see (routed to the officer's agency, or escalated and not
 * for a holder), open ones first by priority and deadline, then acknowledged ones, newest
 * first; at most LIMIT (0: 100).  Matches are not filled in: ac_alert_get gives them.  The
 * audit entry names every alert returned. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 6, 7) ac_code ac_alert_list(ac_hub *hub,
                                                                 const ac_actor *actor,
                                                                 const char *purpose,
                                                                 bool open_only,
                                                                 size_t limit,
                                                                 ac_arena *a,
                                                                 ac_alert **out,
                                                                 size_t *out_n,
                                                                 ac_error *err);
/* One alert with its matches (as the officer may see them) and its report (zeroed for
 * an alert raised by a case). */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4, 5, 6, 7) ac_code ac_alert_get(ac_hub *hub,
                                                                      const ac_actor *actor,
                                                                      const char *purpose,
                                                                      const char *id,
                                                                      ac_arena *a,
                                                                      ac_alert *out,
                                                                      ac_report *report,
                                                                      ac_error *err);
/* Acknowledge an open alert, with a note of what is being done (required).  AC_ECONFLICT
 * when it was acknowledged already. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 4) ac_code ac_alert_ack(ac_hub *hub,
                                                             const ac_actor *actor,
                                                             const char *purpose,
                                                             const char *id,
                                                             const char *note,
                                                             ac_error *err);
/* Escalate every open alert whose deadline has passed by the hub's clock (a duty officer
 * or an administrator; run by `accord alerts escalate` from a timer, and by the API
 * before it lists alerts).  PURPOSE may be NULL.  *OUT_N is how many were escalated. */
AC_API AC_NODISCARD AC_NONNULL(2, 4) ac_code ac_alerts_escalate(ac_hub *hub,
                                                                const ac_actor *actor,
                                                                const char *purpose,
                                                                size_t *out_n,
                                                                ac_error *err);

/* ---- the alert stream (GET /api/v1/alerts/stream) ---- */

/* What happened to an alert: each raise, escalation and acknowledgement is one event, with
 * a sequence number that only grows (the stream's event id). */
typedef struct ac_alert_event {
    int64_t seq;
    const char *kind; /* "raised", "escalated" or "acknowledged" */
    ac_alert alert;   /* as it is now (no matches: ac_alert_get gives them) */
} ac_alert_event;

/* The events after AFTER (0: from the first) on the alerts the duty officer may list
 * (ac_alert_list's rule, asked of each alert as it is now), oldest first; at most LIMIT
 * (0: 100).  Audited as ac_alert_list is: the entry names every alert returned. */
AC_API AC_NODISCARD AC_NONNULL(2, 3, 6, 7, 8) ac_code ac_alert_events(ac_hub *hub,
                                                                      const ac_actor *actor,
                                                                      const char *purpose,
                                                                      int64_t after,
                                                                      size_t limit,
                                                                      ac_arena *a,
                                                                      ac_alert_event **out,
                                                                      size_t *out_n,
                                                                      ac_error *err);
/* The newest event's sequence number (0: none yet), whoever may see it: the server's
 * cheap "has anything changed" poll.  It names no alert and no agency, reads no record and
 * writes no audit entry; never give it to a client (it would count other agencies'
 * alerts): a client learns only what ac_alert_events then returns. */
AC_API AC_NODISCARD AC_NONNULL(2) ac_code
    ac_alert_events_latest(ac_hub *hub, int64_t *out, ac_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ACCORD_REPORT_H */
