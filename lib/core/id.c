/* SPDX-License-Identifier: Apache-2.0
 *
 * id.c - sortable unique record ids (include/accord/id.h): ULID layout in Crockford
 * base32, 10 characters of milliseconds then 16 of randomness.
 */
#include "internal.h"

#include <sodium.h>

#include "core/id_int.h"

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

uint64_t
aci_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void
aci_idgen_init(struct aci_idgen *g, bool seeded, uint64_t seed)
{
    memset(g, 0, sizeof *g);
    g->seeded = seeded;
    g->prng = seed;
}

static void
fill_random(struct aci_idgen *g, uint8_t r[10])
{
    if (g->seeded) {
        uint64_t a = aci_splitmix64(&g->prng), b = aci_splitmix64(&g->prng);

        memcpy(r, &a, 8);
        memcpy(r + 8, &b, 2);
    } else {
        randombytes_buf(r, 10);
    }
    r[0] &= 0x7f; /* leave room to increment without overflow */
}

static void
increment(uint8_t r[10])
{
    for (int i = 9; i >= 0; i--) {
        if (++r[i] != 0) {
            return;
        }
    }
}

void
aci_idgen_next(struct aci_idgen *g, int64_t now_ms, char out[AC_ID_LEN + 1])
{
    uint64_t t;
    unsigned acc = 0, bits = 0;
    int o = 10;

    if (now_ms <= g->last_ms) {
        increment(g->last_rand); /* same or earlier millisecond: stay monotonic */
    } else {
        g->last_ms = now_ms;
        fill_random(g, g->last_rand);
    }
    t = (uint64_t)g->last_ms & 0xffffffffffffull;
    for (int i = 9; i >= 0; i--) {
        out[i] = alphabet[t & 31];
        t >>= 5;
    }
    for (int i = 0; i < 10; i++) {
        acc = (acc << 8) | g->last_rand[i];
        bits += 8;
        while (bits >= 5) {
            out[o++] = alphabet[(acc >> (bits - 5)) & 31];
            bits -= 5;
        }
        acc &= (1u << bits) - 1;
    }
    out[AC_ID_LEN] = '\0';
}

static int
decode_char(char c)
{
    if (c >= 'a' && c <= 'z') {
        c = (char)(c - 'a' + 'A');
    }
    for (int i = 0; i < 32; i++) {
        if (alphabet[i] == c) {
            return i;
        }
    }
    return -1;
}

bool
ac_id_valid(const char *s)
{
    if (s == NULL || strlen(s) != AC_ID_LEN || decode_char(s[0]) > 7) {
        return false;
    }
    for (size_t i = 0; i < AC_ID_LEN; i++) {
        if (decode_char(s[i]) < 0) {
            return false;
        }
    }
    return true;
}

int64_t
ac_id_time_ms(const char *s)
{
    int64_t t = 0;

    for (int i = 0; i < 10; i++) {
        t = (t << 5) | decode_char(s[i]);
    }
    return t;
}
