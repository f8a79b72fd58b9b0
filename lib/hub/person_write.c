/* SPDX-License-Identifier: Apache-2.0
 *
 * person_write.c - the one place a person record is written, for add and edit alike
 * (hub_person.h), so whatever must happen on every write of a person happens once: the
 * check of its identifiers (ac_person_check_identifiers), its search keys (person_keys.c)
 * and its place in the subject index (subject.c).
 */
#include "internal.h"

#include "accord/person_edit.h"
#include "hub/hub_int.h"
#include "hub/hub_person.h"
#include "hub/hub_subject.h"
#include "hub/person_keys.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_person.h"

ac_code
aci_person_write(ac_hub *hub,
                 const ac_actor *actor,
                 const ac_person *old,
                 const ac_person *in,
                 const ac_date *today,
                 ac_arena *a,
                 const char **out_id,
                 struct aci_person_dups *dups,
                 ac_error *err)
{
    ac_person p;
    ac_code rc = aci_person_prepare(in, today, a, &p, err);

    *out_id = NULL;
    if (rc == AC_OK) { /* postcodes, NI numbers, PNC ids: the same rules on add, import, edit */
        rc = ac_person_check_identifiers(&p, err);
    }
    if (rc != AC_OK) {
        return rc;
    }
    p.agency_id = old != NULL ? old->agency_id : actor->agency_id;
    p.id = old != NULL ? old->id : aci_hub_new_id(hub, a);
    p.updated_at = aci_hub_now_text(hub, a);
    p.created_at = old != NULL ? old->created_at : p.updated_at;
    p.version = old != NULL ? old->version + 1 : 1;
    if (p.id == NULL || p.updated_at == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory writing a person");
    }
    rc = old != NULL ? aci_store_person_update(hub->store, &p, old->version, err)
                     : aci_store_person_insert(hub->store, &p, actor->user_id, err);
    if (rc == AC_OK) {
        /* the search keys (person_keys.c) */
        rc = aci_person_keys_reindex(hub->store, &p, old, err);
    }
    if (rc == AC_OK) { /* and the subject index (subject.c), in the same transaction */
        rc = aci_subject_resolve(hub, hub->store, actor, p.id, old == NULL, a, NULL, dups, err);
    }
    if (rc == AC_OK) {
        *out_id = p.id;
    }
    return rc;
}
