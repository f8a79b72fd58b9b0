/* SPDX-License-Identifier: Apache-2.0
 *
 * log.c - appending audit entries (audit.h).  The caller holds the transaction.
 */
#include "internal.h"

#include "audit/audit.h"
#include "store/store.h"

static const char sql_append[] =
    "INSERT INTO audit_log (at, actor_id, agency_id, action, object_type, object_id, purpose,"
    " outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

ac_code
aci_audit_append(struct aci_store *s, const struct aci_audit_entry *e, ac_error *err)
{
    struct aci_stmt *st = NULL;
    const char *values[] = { e->at,        e->actor_id, e->agency_id, e->action, e->object_type,
                             e->object_id, e->purpose,  e->outcome,   e->detail };
    ac_code rc = aci_stmt_get(s, sql_append, &st, err);

    for (size_t i = 0; rc == AC_OK && i < ACI_ARRAY_LEN(values); i++) {
        rc = aci_stmt_text(st, (int)i + 1, values[i], err);
    }
    if (rc == AC_OK) {
        rc = aci_stmt_run(st, err);
    }
    aci_stmt_done(st);
    return rc;
}
