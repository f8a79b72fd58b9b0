/* SPDX-License-Identifier: Apache-2.0
 *
 * lawful_bases.c - the lawful bases (gateways) a request for information or a disclosure
 * may name, from the hub's table with each one's legislation.gov.uk source
 * (include/accord/rfi.h; GET /api/v1/lawful-bases), so that no client keeps its own copy.
 */
#include "internal.h"

#include "accord/rfi.h"
#include "hub/hub_int.h"
#include "store/store.h"
#include "store/store_item.h"

struct basis_list_args {
    ac_arena *a;
    ac_lawful_basis *list; /* out */
    size_t n;
};

static ac_code
basis_list_body(struct aci_op *op, void *args, ac_error *err)
{
    struct basis_list_args *x = args;
    const struct aci_resource own = { "person", op->actor->agency_id };
    ac_code rc = aci_op_allow(op, &own, err);

    if (rc == AC_OK) {
        rc = aci_store_gateway_list(op->store, x->a, &x->list, &x->n, err);
    }

    op->detail = ac_arena_printf(op->scratch, "%zu lawful bases", x->n);
    return rc;
}

/* Those who list requests (and so ask for or answer them) read the table. */
static const struct aci_op_desc basis_list_op = {
    ACI_ACT_SEARCH, "rfi", ACI_PURPOSE_OPTIONAL, ACI_OP_READ, NULL, basis_list_body,
};

ac_code
ac_lawful_basis_list(ac_hub *hub,
                     const ac_actor *actor,
                     const char *purpose,
                     ac_arena *a,
                     ac_lawful_basis **out,
                     size_t *out_n,
                     ac_error *err)
{
    struct basis_list_args x = { a, NULL, 0 };
    ac_code rc = aci_op_run(&basis_list_op, hub, actor, purpose, &x, err);

    *out = rc == AC_OK ? x.list : NULL;
    *out_n = rc == AC_OK ? x.n : 0;
    return rc;
}
