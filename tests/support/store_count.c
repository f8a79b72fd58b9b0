/* SPDX-License-Identifier: Apache-2.0
 *
 * store_count.c - test_store_count (support.h): a query straight to a test hub's store,
 * apart from support.c because the hub's internal header bans the C allocator.
 */
#include "support.h"

#include "hub/hub_int.h"
#include "store/store.h"

int64_t
test_store_count(struct test_hub *t, const char *sql)
{
    int64_t n = -1;

    assert_int_equal(aci_store_count(t->hub->store, sql, &n, NULL), AC_OK);
    return n;
}
