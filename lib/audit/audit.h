/* SPDX-License-Identifier: Apache-2.0
 *
 * audit.h - the audit trail: one entry per hub operation, allowed or refused, appended
 * in the same transaction as the change it records (DPA 2018 s.62).  Entries hold ids,
 * actions and purposes, never record content.
 */
#ifndef ACI_AUDIT_H
#define ACI_AUDIT_H

#include "internal.h"

struct aci_store;

struct aci_audit_entry {
    const char *at;          /* RFC 3339 UTC */
    const char *actor_id;    /* user id; NULL for the system (bootstrap) */
    const char *agency_id;   /* the actor's agency */
    const char *action;      /* "read", "create", "search", ... */
    const char *object_type; /* "person", "agency", ...; may be NULL */
    const char *object_id;   /* may be NULL */
    const char *purpose;     /* the justification the actor gave */
    const char *outcome;     /* "ok", "denied", "not_found" */
    const char *detail;      /* query, counts, reason: never personal data */
};

ac_code aci_audit_append(struct aci_store *s, const struct aci_audit_entry *e, ac_error *err);

#endif /* ACI_AUDIT_H */
