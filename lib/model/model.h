/* SPDX-License-Identifier: Apache-2.0
 *
 * model.h - the rules of the records themselves, independent of storage and policy:
 * enumeration names, field limits, cleaning and validation of incoming records.
 */
#ifndef ACI_MODEL_H
#define ACI_MODEL_H

#include "internal.h"

#include "accord/party.h"
#include "accord/person.h"
#include "accord/pole.h"
#include "accord/report.h"

/* Longest accepted values, in bytes. */
#define ACI_NAME_PART_MAX 200 /* a given, middle or family name */
#define ACI_NAME_FULL_MAX 400 /* a whole name */
#define ACI_TEXT_LINE_MAX 500 /* an address line, a town, a description */
#define ACI_IDENT_MAX     64  /* an identifier's value */
#define ACI_REF_MAX       128 /* an agency's own reference */
#define ACI_MAX_NAMES     32  /* names per person */
#define ACI_MAX_ADDRESSES 64  /* addresses per person */
#define ACI_MAX_IDENTS    64  /* identifiers per person */
#define ACI_REVIEW_YEARS  6   /* MoPI: records are held for at least six years */

/* Index of S in TABLE[0..COUNT) by the rules of the public parsers, or -1 with ERR set. */
int aci_enum_parse(const char *s,
                   const char *const *table,
                   size_t count,
                   const char *what,
                   ac_error *err);

/* A comma-separated list of names from TABLE into a bit set (bit i for TABLE[i]); spaces
 * around names are ignored, an unknown name is AC_EINVAL listing the accepted ones. */
ac_code aci_enum_set_parse(const char *s,
                           const char *const *table,
                           size_t count,
                           const char *what,
                           unsigned *out,
                           ac_error *err);
/* The names of the bits of SET as a comma-separated list, in A. */
char *aci_enum_set_format(ac_arena *a, const char *const *table, size_t count, unsigned set);

/* Clean IN into *OUT (all strings copied into A): display text cleaned, keys computed,
 * the full name derived where missing, review date defaulted to TODAY + 6 years.  Checks
 * every field against TODAY (no birth or address date in the future); AC_EINVAL names the
 * field ("names[1].family: ...") and the reason, never the value. */
ac_code aci_person_prepare(const ac_person *in,
                           const ac_date *today,
                           ac_arena *a,
                           ac_person *out,
                           ac_error *err);

/* Key of an identifier or postcode: upper-case letters and digits only. */
char *aci_compact_key(ac_arena *a, const char *s);

/* Clean one optional text field S (NULL or blank gives NULL) of at most MAX bytes into
 * *OUT.  FIELD names it in errors. */
ac_code aci_clean_field(const char *s,
                        size_t max,
                        const char *field,
                        ac_arena *a,
                        const char **out,
                        ac_error *err);

/* Caveat bits as their comma-separated names ("" for none), in A. */
char *aci_caveats_format(ac_arena *a, unsigned set);

/* Username rule: 2..64 bytes of [a-z0-9._-], starting with a letter or digit. */
bool aci_username_valid(const char *s);

/* Clean and check incoming POLE records and links into *OUT (strings in A); the meta is
 * left for the hub.  AC_EINVAL names the field and the reason.  Keys: an object's value
 * key (aci_compact_key of the value) and a location's postcode key (NULL when none). */
ac_code aci_object_prepare(const ac_object *in,
                           ac_arena *a,
                           ac_object *out,
                           const char **key,
                           ac_error *err);
ac_code aci_location_prepare(const ac_location *in,
                             ac_arena *a,
                             ac_location *out,
                             const char **postcode_key,
                             ac_error *err);
/* TODAY bounds occurred_on: an event cannot have happened in the future. */
ac_code aci_event_prepare(const ac_event *in,
                          const ac_date *today,
                          ac_arena *a,
                          ac_event *out,
                          ac_error *err);
ac_code aci_link_prepare(const ac_link *in, ac_arena *a, ac_link *out, ac_error *err);
/* True for the record types a link may join. */
bool aci_link_end_type_valid(const char *type);

/* Clean and check a report (report.h) into *OUT, strings in A, against NOW_MS (no time
 * or birth date in the future).  AC_EINVAL names the field and the reason. */
ac_code
aci_report_prepare(const ac_report *in, int64_t now_ms, ac_arena *a, ac_report *out, ac_error *err);

/* Whether report R was received (created_at) more than 24 hours after it happened
 * (occurred_at): Poisons Act 1972 s.3C, as the Home Office guidance puts it, "within 24
 * hours of when you find out".  False when either time is missing or unreadable. */
bool aci_report_late(const ac_report *r);

/* Whether report R (classified, with BEST the buyer's best screening score, 0 when none)
 * raises an alert, and with what priority and reason (static text); the rules are in
 * report.h. */
bool
aci_alert_assess(const ac_report *r, double best, ac_alert_priority *priority, const char **reason);

/* An agency and the roles and status of one of its users: the facts that alert routing
 * (aci_policy_duty_agency) is decided on. */
struct aci_agency_staff {
    const char *agency_id;   /* the agency */
    const char *agency_name; /* unique: orders agencies of one kind */
    ac_agency_kind kind;     /* the agency's kind */
    unsigned roles;          /* AC_ROLE_* bits of the user */
    ac_user_status status;   /* the user's status */
};

/* The facts about a user who may be told of an alert (read by the store). */
struct aci_notify_user {
    const char *user_id;   /* the user */
    const char *agency_id; /* their agency */
    ac_agency_kind kind;   /* its kind */
    unsigned roles;        /* AC_ROLE_* bits */
    ac_vetting vetting;    /* their vetting */
    ac_user_status status; /* active, suspended, disabled */
    bool supervisor;       /* supervises their agency's alert desk */
};

#endif /* ACI_MODEL_H */
