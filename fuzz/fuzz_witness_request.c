/* SPDX-License-Identifier: Apache-2.0
 *
 * fuzz_witness_request.c - the cosigning witness's add-checkpoint request parser
 * (c2sp.org/tlog-witness) and checkpoint-body parser on arbitrary bytes: never crashes or
 * reads outside the body; what it accepts has at most 63 proof hashes and a non-empty
 * note lying inside the body, after a blank line.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit/note.h"
#include "audit/witness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *body = aci_malloc(size + 1), origin[ACI_NOTE_NAME_MAX];
    struct aci_witness_req rq;
    ac_error err = { 0 };
    uint64_t cp_size = 0;
    aci_hash root;

    if (body == NULL) {
        abort();
    }
    memcpy(body, data, size); /* exactly SIZE bytes are the body: no NUL is relied on */
    if (aci_witness_req_parse(body, size, &rq, &err)) {
        assert(rq.n_proof <= ACI_COSIG_PROOF_MAX);
        assert(rq.note > body && rq.note_len > 0 && rq.note + rq.note_len == body + size);
        assert(rq.note[-1] == '\n' && rq.note[-2] == '\n');
        assert(size >= 4 && memcmp(body, "old ", 4) == 0);
        if (aci_witness_checkpoint_parse(rq.note, rq.note_len, origin, sizeof origin, &cp_size,
                                         root)) {
            assert(strlen(origin) > 0 && strlen(origin) < sizeof origin);
        }
    } else {
        assert(err.code == AC_EINVAL && err.msg[0] != '\0');
    }
    aci_free(body);
    return 0;
}
