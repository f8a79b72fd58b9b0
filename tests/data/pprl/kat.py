#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
#
# kat.py - the known answers of tests/unit/test_pprl.c, from an independent statement of
# clkhash's encoding in Python's standard library (hmac, hashlib), written from clkhash's
# documentation: HKDF-SHA256 keys (two of keySize per feature, ignored ones counted),
# n-grams padded with one space, "i gram" when positional, doubleHash (HMAC-SHA1 +
# i * HMAC-MD5 mod l, big-endian), blakeHash (keyed BLAKE2b, salt str(i), 16-bit words),
# bitarray's big-endian bit order.  usage: kat.py SCHEMA.json SECRET 'v1|v2|...' ...
import base64, hashlib, hmac, json, math, struct, sys

def hkdf(salt, ikm, info, length):
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:length]

def tokens(f, word):
    cmp = f["hashing"]["comparison"]
    if cmp["type"] == "exact":
        return [word]
    n = cmp["n"]
    if n > 1:
        word = " " + word + " "
    grams = [word[i:i + n] for i in range(len(word) - n + 1)]
    if cmp.get("positional"):
        grams = ["%d %s" % (i + 1, g) for i, g in enumerate(grams)]
    return grams

def ks(f, n):
    st = f["hashing"]["strategy"]
    if "bitsPerToken" in st:
        return [st["bitsPerToken"]] * n
    b = st["bitsPerFeature"]
    return [b // n + (1 if i < b % n else 0) for i in range(n)]

def encode(schema, secret, values):
    l = schema["clkConfig"]["l"]
    kdf = schema["clkConfig"]["kdf"]
    size = kdf["keySize"]
    feats = schema["features"]
    okm = hkdf(base64.b64decode(kdf["salt"]), secret, base64.b64decode(kdf["info"]),
               len(feats) * 2 * size)
    bits = [0] * l
    for i, (f, v) in enumerate(zip(feats, values)):
        if f.get("ignored"):
            continue
        k1, k2 = okm[2 * i * size:(2 * i + 1) * size], okm[(2 * i + 1) * size:(2 * i + 2) * size]
        mv = f["hashing"].get("missingValue")
        if mv and v == mv["sentinel"]:
            v = mv.get("replaceWith", v)
        grams = tokens(f, v)
        h = f["hashing"].get("hash", {"type": "doubleHash"})
        for g, k in zip(grams, ks(f, len(grams))):
            m = g.encode()
            if h["type"] == "blakeHash":
                shorts = []
                for j in range((k + 31) // 32):
                    shorts += struct.unpack("<32H", hashlib.blake2b(m, key=k1, salt=str(j).encode()).digest())
                for j in range(k):
                    bits[shorts[j] % l] = 1
            else:
                a = int.from_bytes(hmac.new(k1, m, hashlib.sha1).digest(), "big") % l
                b = int.from_bytes(hmac.new(k2, m, hashlib.md5).digest(), "big") % l
                extra = 0
                while b == 0 and h.get("prevent_singularity"):
                    b = int.from_bytes(hmac.new(k2, m + bytes([extra]), hashlib.md5).digest(), "big") % l
                    extra += 1
                for j in range(k):
                    bits[(a + j * b) % l] = 1
    out = bytearray(l // 8)
    for j, x in enumerate(bits):
        if x:
            out[j // 8] |= 0x80 >> (j % 8)
    return base64.b64encode(bytes(out)).decode()

schema = json.load(open(sys.argv[1]))
for rec in sys.argv[3:]:
    print(encode(schema, sys.argv[2].encode(), rec.split("|")))
