/* SPDX-License-Identifier: Apache-2.0
 *
 * text.c - UTF-8 validation, display cleaning and matching keys (include/accord/text.h).
 * Unicode work is done by utf8proc into a code-point buffer (no hidden allocation);
 * pure ASCII input, the common case in bulk imports, takes a fast path.
 */
#include "internal.h"

#include <utf8proc.h>

#include "accord/text.h"

#define STACK_CPS 256 /* code points handled without a heap buffer */

bool
ac_utf8_valid(const char *s, size_t n, size_t *bad_at)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        unsigned c = p[i];
        size_t len;
        uint32_t cp, min;

        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2, cp = c & 0x1f, min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3, cp = c & 0x0f, min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4, cp = c & 0x07, min = 0x10000;
        } else {
            goto bad;
        }
        if (n - i < len) {
            goto bad;
        }
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xc0) != 0x80) {
                goto bad;
            }
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            goto bad;
        }
        i += len;
    }
    return true;
bad:
    if (bad_at != NULL) {
        *bad_at = i;
    }
    return false;
}

bool
ac_utf8_valid_str(const char *s)
{
    return s == NULL || ac_utf8_valid(s, strlen(s), NULL);
}

static bool
is_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80) {
            return false;
        }
    }
    return true;
}

/* Apostrophe look-alikes become a plain apostrophe before normalisation: NFKC would turn
 * the acute accent (U+00B4) into a space and a combining mark. */
static utf8proc_int32_t
map_apostrophes(utf8proc_int32_t cp, void *data)
{
    (void)data;
    switch (cp) {
    case 0x00b4:
    case 0x02b9:
    case 0x02bc:
    case 0x2018:
    case 0x2019:
    case 0x0060:
        return '\'';
    default:
        return cp;
    }
}

/* Decode S into code points with utf8proc OPTIONS, then (if COMPOSE_AFTER) recompose.
 * Uses STACK (STACK_CPS entries) when it fits, else a heap buffer in *HEAP. */
static ac_code
to_codepoints(const char *s,
              size_t n,
              utf8proc_option_t options,
              bool compose_after,
              utf8proc_int32_t *stack,
              utf8proc_int32_t **heap,
              utf8proc_int32_t **out,
              size_t *out_n,
              ac_error *err)
{
    utf8proc_int32_t *buf = stack;
    utf8proc_ssize_t cap = STACK_CPS;
    utf8proc_ssize_t got;

    *heap = NULL;
    for (;;) {
        got = utf8proc_decompose_custom(
            (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, buf, cap, options,
            (options & UTF8PROC_CASEFOLD) ? map_apostrophes : NULL, NULL);
        if (got < 0) {
            return aci_fail(err, AC_EINVAL, "text is not valid UTF-8: %s", utf8proc_errmsg(got));
        }
        if (got <= cap) {
            break;
        }
        aci_free(*heap);
        *heap = aci_malloc((size_t)got * sizeof **heap);
        if (*heap == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory normalising text");
        }
        buf = *heap;
        cap = got;
    }
    if (compose_after) {
        got = utf8proc_normalize_utf32(buf, got, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (got < 0) {
            return aci_fail(err, AC_EINVAL, "text cannot be normalised: %s", utf8proc_errmsg(got));
        }
    }
    *out = buf;
    *out_n = (size_t)got;
    return AC_OK;
}

/* Letters with no Unicode decomposition that people read as plain Latin letters. */
static const char *
fold_letter(utf8proc_int32_t cp)
{
    switch (cp) {
    case 0x00f8: /* ø */
        return "o";
    case 0x0142: /* ł */
        return "l";
    case 0x0111: /* đ */
    case 0x00f0: /* ð */
        return "d";
    case 0x00e6: /* æ */
        return "ae";
    case 0x0153: /* œ */
        return "oe";
    case 0x00fe: /* þ */
        return "th";
    case 0x0131: /* dotless ı */
        return "i";
    case 0x0127: /* ħ */
        return "h";
    default:
        return NULL;
    }
}

static bool
is_apostrophe(utf8proc_int32_t cp)
{
    return cp == '\'' || cp == '`' || cp == 0x2019 || cp == 0x2018 || cp == 0x02bc ||
           cp == 0x00b4 || cp == 0x02b9;
}

/* Appends to a bounded buffer; remembers overflow instead of failing at once. */
struct keybuf {
    char *p;          /* destination */
    size_t cap;       /* bytes available including the NUL */
    size_t len;       /* bytes written */
    bool pending_gap; /* a separator seen since the last letter */
    bool overflow;    /* something did not fit */
};

static void
key_put(struct keybuf *k, const char *bytes, size_t n)
{
    if (k->pending_gap && k->len > 0) {
        if (k->len + 1 >= k->cap) {
            k->overflow = true;
            return;
        }
        k->p[k->len++] = ' ';
    }
    k->pending_gap = false;
    if (k->len + n >= k->cap) {
        k->overflow = true;
        return;
    }
    memcpy(k->p + k->len, bytes, n);
    k->len += n;
}

static void
key_ascii(const char *s, size_t n, struct keybuf *k)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];

        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            key_put(k, &c, 1);
        } else if (c != '\'' && c != '`') {
            k->pending_gap = true;
        }
    }
}

static void
key_unicode(const utf8proc_int32_t *cps, size_t n, struct keybuf *k)
{
    for (size_t i = 0; i < n; i++) {
        utf8proc_int32_t cp = cps[i];
        utf8proc_category_t cat = utf8proc_category(cp);
        const char *folded = fold_letter(cp);
        utf8proc_uint8_t enc[4];

        if (is_apostrophe(cp)) {
            continue; /* before the letter test: U+02B9 and U+02BC are letters (Lm) */
        }
        if (folded != NULL) {
            key_put(k, folded, strlen(folded));
        } else if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
            key_put(k, (const char *)enc, (size_t)utf8proc_encode_char(cp, enc));
        } else if (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) {
            key_put(k, (const char *)enc, (size_t)utf8proc_encode_char(cp, enc));
        } else if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) {
            continue; /* marks left after STRIPMARK (none expected): drop */
        } else {
            k->pending_gap = true;
        }
    }
}

ac_code
ac_text_key_buf(const char *s, char *buf, size_t cap, size_t *out_len, ac_error *err)
{
    size_t n = strlen(s);
    struct keybuf k = { buf, cap, 0, false, false };
    utf8proc_int32_t stack[STACK_CPS];
    utf8proc_int32_t *heap = NULL, *cps;
    size_t n_cps;
    ac_code rc = AC_OK;

    *out_len = 0;
    if (cap == 0) {
        return aci_fail(err, AC_ENOMEM, "key buffer is empty");
    }
    if (is_ascii(s, n)) {
        key_ascii(s, n, &k);
    } else {
        if (!ac_utf8_valid(s, n, NULL)) {
            buf[0] = '\0';
            return aci_fail(err, AC_EINVAL, "text is not valid UTF-8");
        }
        rc = to_codepoints(s, n,
                           UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                               UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE |
                               UTF8PROC_LUMP,
                           true, stack, &heap, &cps, &n_cps, err);
        if (rc == AC_OK) {
            key_unicode(cps, n_cps, &k);
        }
        aci_free(heap);
    }
    buf[k.len] = '\0';
    if (rc == AC_OK && k.overflow) {
        rc = aci_fail(err, AC_ENOMEM, "matching key longer than %zu bytes", cap - 1);
    }
    *out_len = k.len;
    return rc;
}

ac_code
ac_text_key(const char *s, ac_arena *a, char **out, ac_error *err)
{
    /* NFKC and case folding expand text by at most 11x in bytes (U+FDFA: 3 bytes become
     * 33); 12x + 16 always fits */
    size_t cap = strlen(s) * 12 + 16;
    char *buf = ac_arena_alloc(a, cap);
    size_t len;
    ac_code rc;

    *out = NULL;
    if (buf == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory making a matching key");
    }
    rc = ac_text_key_buf(s, buf, cap, &len, err);
    if (rc == AC_OK) {
        *out = buf;
    }
    return rc;
}

static bool
is_space_cp(utf8proc_int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
           utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* ASCII is already NFC: only spaces and control characters need work. */
static ac_code
clean_ascii(const char *s, size_t n, ac_arena *a, char **out, ac_error *err)
{
    char *buf = ac_arena_alloc(a, n + 1);
    size_t len = 0;
    bool gap = false;

    if (buf == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory cleaning text");
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            gap = len > 0;
            continue;
        }
        if (c < 0x20 || c == 0x7f) {
            return aci_fail(err, AC_EINVAL, "control character U+%04X is not allowed", c);
        }
        if (gap) {
            buf[len++] = ' ';
            gap = false;
        }
        buf[len++] = (char)c;
    }
    buf[len] = '\0';
    *out = buf;
    return AC_OK;
}

ac_code
ac_text_clean(const char *s, ac_arena *a, char **out, ac_error *err)
{
    size_t n = strlen(s), bad_at = 0, n_cps, len = 0;
    utf8proc_int32_t stack[STACK_CPS];
    utf8proc_int32_t *heap = NULL, *cps;
    bool gap = false;
    char *buf;
    ac_code rc;

    *out = NULL;
    if (is_ascii(s, n)) {
        return clean_ascii(s, n, a, out, err);
    }
    if (!ac_utf8_valid(s, n, &bad_at)) {
        return aci_fail(err, AC_EINVAL, "not valid UTF-8 at byte %zu", bad_at);
    }
    rc = to_codepoints(s, n, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE, true, stack, &heap, &cps, &n_cps,
                       err);
    if (rc != AC_OK) {
        goto out;
    }
    buf = ac_arena_alloc(a, n_cps * 4 + 1);
    if (buf == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory cleaning text");
        goto out;
    }
    for (size_t i = 0; i < n_cps; i++) {
        utf8proc_int32_t cp = cps[i];

        if (is_space_cp(cp)) {
            gap = len > 0;
            continue;
        }
        if (utf8proc_category(cp) == UTF8PROC_CATEGORY_CC) {
            rc = aci_fail(err, AC_EINVAL, "control character U+%04X is not allowed", (unsigned)cp);
            goto out;
        }
        if (gap) {
            buf[len++] = ' ';
            gap = false;
        }
        len += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf + len);
    }
    buf[len] = '\0';
    *out = buf;
out:
    aci_free(heap);
    return rc;
}
