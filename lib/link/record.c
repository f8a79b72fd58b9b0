/* SPDX-License-Identifier: Apache-2.0
 *
 * record.c - records into the engine: each field cleaned to its matching key once, so
 * that comparing a pair touches only prepared bytes; then, once all are in, term
 * frequencies, variant groups and the comparisons this run can use.
 */
#include "internal.h"

#include <math.h>

#include "accord/person.h"
#include "accord/text.h"
#include "link/link_int.h"
#include "model/model.h"

#define KEY_MAX 256

ac_code
ac_linkage_new(bool dedupe, ac_linkage **out, ac_error *err)
{
    ac_linkage *lk = aci_calloc(1, sizeof *lk);
    ac_code rc;

    *out = NULL;
    if (lk == NULL || (lk->arena = ac_arena_new(0)) == NULL ||
        (lk->keep = ac_arena_new(0)) == NULL) {
        if (lk != NULL) {
            ac_arena_free(lk->arena);
        }
        aci_free(lk);
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    lk->dedupe = dedupe;
    rc = aci_variants_load(&lk->variants, lk->keep, err);
    if (rc != AC_OK) {
        ac_linkage_free(lk);
        return rc;
    }
    *out = lk;
    return AC_OK;
}

void
ac_linkage_free(ac_linkage *lk)
{
    if (lk != NULL) {
        ac_arena_free(lk->arena);
        ac_arena_free(lk->keep);
        aci_free(lk->recs[0]);
        aci_free(lk->recs[1]);
        aci_free(lk);
    }
}

size_t
ac_linkage_count(const ac_linkage *lk, int side)
{
    return side == 0 || side == 1 ? lk->n[side] : 0;
}

const char *
ac_linkage_id(const ac_linkage *lk, int side, size_t i)
{
    return (side == 0 || side == 1) && i < lk->n[side] ? lk->recs[side][i].id : NULL;
}

const char *
ac_linkage_name(const ac_linkage *lk, int side, size_t i)
{
    const char *name = (side == 0 || side == 1) && i < lk->n[side] ? lk->recs[side][i].name : NULL;

    return name != NULL ? name : "";
}

int64_t
ac_linkage_find(const ac_linkage *lk, int side, const char *id)
{
    for (size_t i = 0; (side == 0 || side == 1) && i < lk->n[side]; i++) {
        if (strcmp(lk->recs[side][i].id, id) == 0) {
            return (int64_t)i;
        }
    }
    return -1;
}

/* The name VALUES give, as written: the full name, else the given, middle and family
 * names joined by single spaces; NULL when none (or out of memory). */
static const char *
display_name(ac_arena *a, const char *const values[AC_FIELD_COUNT])
{
    const char *full = values[AC_FIELD_FULL];
    const int parts[3] = { AC_FIELD_GIVEN, AC_FIELD_MIDDLE, AC_FIELD_FAMILY };
    const char *name = NULL;

    if (full != NULL && full[0] != '\0') {
        return ac_arena_strdup(a, full);
    }
    for (int k = 0; k < 3; k++) {
        const char *v = values[parts[k]];

        if (v != NULL && v[0] != '\0') {
            name = name == NULL ? ac_arena_strdup(a, v) : ac_arena_printf(a, "%s %s", name, v);
        }
    }
    return name;
}

/* The matching key of S in the arena (NULL for none), and its length. */
static const char *
key_of(ac_linkage *lk, const char *s, uint16_t *len)
{
    char buf[KEY_MAX];
    size_t n = 0;

    *len = 0;
    if (s == NULL || s[0] == '\0' || ac_text_key_buf(s, buf, sizeof buf, &n, NULL) != AC_OK ||
        n == 0) {
        return NULL;
    }
    *len = (uint16_t)n;
    return ac_arena_strndup(lk->arena, buf, n);
}

/* A name key without particles and spaces for whole-name comparison ("abdul rahman" and
 * "abdulrahman" meet): the words sorted, joined without spaces. */
static const char *
full_key(ac_linkage *lk, const char *key, uint16_t *len)
{
    static const char *const particles[] = { "al", "el", "bin", "ibn", "abu", "bint", "van", "von",
                                             "de", "da", "di",  "le",  "la",  "mc",   "mac" };
    const char *words[16];
    size_t n = 0, total = 0;
    char out[KEY_MAX];

    for (const char *p = key; *p != '\0' && n < 16;) {
        size_t w = strcspn(p, " ");
        bool particle = false;

        for (size_t i = 0; i < ACI_ARRAY_LEN(particles); i++) {
            particle |= strlen(particles[i]) == w && strncmp(p, particles[i], w) == 0;
        }
        if (!particle) {
            words[n++] = p;
        }
        p += w + (p[w] == ' ');
    }
    for (size_t i = 1; i < n; i++) { /* insertion sort: names have few words */
        for (size_t j = i; j > 0 && strcmp(words[j - 1], words[j]) > 0; j--) {
            const char *t = words[j];

            words[j] = words[j - 1];
            words[j - 1] = t;
        }
    }
    for (size_t i = 0; i < n; i++) {
        size_t w = strcspn(words[i], " ");

        if (total + w < sizeof out) {
            memcpy(out + total, words[i], w);
            total += w;
        }
    }
    *len = (uint16_t)total;
    return total > 0 ? ac_arena_strndup(lk->arena, out, total) : NULL;
}

/* KEY without honorifics, a title of nobility and post-nominal letters (names.h). */
static const char *
strip_name(ac_linkage *lk, const char *key)
{
    char buf[KEY_MAX];
    size_t n = aci_name_strip(key, strlen(key), buf, sizeof buf);

    return n > 0 ? ac_arena_strndup(lk->arena, buf, n) : NULL;
}

/* The given (or, with FAMILY, the family) name key of a record whose column gave KEY and
 * whose whole name is WHOLE (stripped, or NULL).  A column holding only an honorific
 * ("sir", "hon") or only a post-nominal ("fsa", "1st") names no one: the whole name's
 * first (last) word stands in when it has two words or more, else the name is missing. */
static const char *
given_or_family(ac_linkage *lk, const char *key, const char *whole, bool family, uint16_t *len)
{
    size_t n = key != NULL ? strlen(key) : 0;
    bool decoration;

    if (key == NULL) {
        return NULL;
    }
    decoration = family ? aci_name_is_postnominal(key, n) || aci_name_is_honorific(key, n)
                        : aci_name_is_honorific(key, n);
    if (!decoration) {
        const char *s = strchr(key, ' ') != NULL ? strip_name(lk, key) : key;

        *len = s != NULL ? (uint16_t)strlen(s) : 0;
        return s;
    }
    *len = 0;
    if (whole == NULL || strchr(whole, ' ') == NULL) {
        return NULL;
    }
    if (family) {
        key = strrchr(whole, ' ') + 1;
        n = strlen(key);
    } else {
        key = whole;
        n = strcspn(whole, " ");
    }
    *len = (uint16_t)n;
    return ac_arena_strndup(lk->arena, key, n);
}

/* Date of birth: parsed when valid; the 8 digits kept even when not (a mistyped day is
 * still close to the true one). */
static void
read_dob(struct aci_rec *r, const char *s)
{
    size_t digits = 0;

    memset(&r->dob, 0, sizeof r->dob);
    r->dob_text[0] = '\0';
    if (s == NULL || s[0] == '\0') {
        return;
    }
    if (ac_date_parse(s, &r->dob, NULL) != AC_OK) {
        memset(&r->dob, 0, sizeof r->dob);
    }
    if (r->dob.precision == AC_DATE_DAY) {
        char iso[AC_DATE_TEXT_MAX];

        ac_date_format(&r->dob, iso); /* YYYY-MM-DD */
        memcpy(r->dob_text, iso, 4);
        memcpy(r->dob_text + 4, iso + 5, 2);
        memcpy(r->dob_text + 6, iso + 8, 2);
        r->dob_text[8] = '\0';
        return;
    }
    for (const char *p = s; *p != '\0' && digits < 9; p++) {
        if (*p >= '0' && *p <= '9') {
            r->dob_text[digits++] = *p;
        } else if (*p != '-' && *p != '/' && *p != ' ') {
            digits = 9;
        }
    }
    r->dob_text[digits == 8 ? 8 : 0] = '\0';
    if (digits == 8 && strchr(s, '/') != NULL) { /* DD/MM/YYYY: keep YYYYMMDD order */
        char t[9];

        memcpy(t, r->dob_text + 4, 4);
        memcpy(t + 4, r->dob_text + 2, 2);
        memcpy(t + 6, r->dob_text, 2);
        memcpy(r->dob_text, t, 8);
    }
    if (r->dob.precision == AC_DATE_NONE && digits == 8) {
        /* an impossible day or month ("1837-00-01") still gives its year, for blocking on
         * birth year and for the same-year level */
        char year[5];

        memcpy(year, r->dob_text, 4);
        year[4] = '\0';
        if (ac_date_parse(year, &r->dob, NULL) != AC_OK) {
            memset(&r->dob, 0, sizeof r->dob);
        }
    }
}

static void
read_postcode(ac_linkage *lk, struct aci_rec *r, const char *s)
{
    char *pc = NULL, *key;

    r->pc[0] = '\0';
    if (s == NULL || s[0] == '\0') {
        return;
    }
    if (ac_postcode_normalise(s, lk->arena, &pc, NULL) == AC_OK) {
        r->pc_uk = true;
        r->pc_out = (uint8_t)strcspn(pc, " ");
        s = pc;
    }
    key = aci_compact_key(lk->arena, s);
    if (key != NULL) {
        snprintf(r->pc, sizeof r->pc, "%s", key);
    }
}

/* The first and last words of a whole name, for blocking when names are not split. */
static void
split_for_blocking(ac_linkage *lk, struct aci_rec *r, const char *full)
{
    size_t first = strcspn(full, " ");
    const char *last = strrchr(full, ' ');

    r->block_given = ac_arena_strndup(lk->arena, full, first);
    r->block_family = last != NULL ? last + 1 : NULL;
}

static int
cmp_u16(const void *x, const void *y)
{
    return (int)*(const uint16_t *)x - (int)*(const uint16_t *)y;
}

/* The address key's distinct bigrams, sorted, for Jaccard by merging. */
static ac_code
address_grams(ac_linkage *lk, struct aci_rec *r)
{
    size_t n = r->address_len > 1 ? r->address_len - 1u : 0, k = 0;
    uint16_t *g = ac_arena_alloc(lk->arena, (n + 1) * sizeof *g);

    if (g == NULL) {
        return AC_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        g[i] = (uint16_t)((unsigned char)r->address[i] << 8 | (unsigned char)r->address[i + 1]);
    }
    qsort(g, n, sizeof *g, cmp_u16);
    for (size_t i = 0; i < n; i++) {
        if (k == 0 || g[k - 1] != g[i]) {
            g[k++] = g[i];
        }
    }
    r->address_grams = g;
    r->address_ngrams = (uint16_t)k;
    return AC_OK;
}

ac_code
ac_linkage_add(ac_linkage *lk, int side, const char *const values[AC_FIELD_COUNT], ac_error *err)
{
    struct aci_rec *r;
    uint16_t len = 0;

    if (side != 0 && (side != 1 || lk->dedupe)) {
        return aci_fail(err, AC_EMISUSE, "side: 0, or 1 when linking two sets");
    }
    if (values[AC_FIELD_ID] == NULL || values[AC_FIELD_ID][0] == '\0') {
        return aci_fail(err, AC_EINVAL, "id: every record needs an id");
    }
    if (lk->n[side] == lk->cap[side]) {
        size_t cap = lk->cap[side] ? lk->cap[side] * 2 : 1024;
        struct aci_rec *grown = aci_realloc(lk->recs[side], cap * sizeof *grown);

        if (grown == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory adding records");
        }
        lk->recs[side] = grown;
        lk->cap[side] = cap;
    }
    r = &lk->recs[side][lk->n[side]];
    memset(r, 0, sizeof *r);
    r->id = ac_arena_strdup(lk->arena, values[AC_FIELD_ID]);
    r->name = display_name(lk->arena, values);
    r->given = key_of(lk, values[AC_FIELD_GIVEN], &r->given_len);
    r->middle = key_of(lk, values[AC_FIELD_MIDDLE], &len);
    r->family = key_of(lk, values[AC_FIELD_FAMILY], &r->family_len);
    r->address = key_of(lk, values[AC_FIELD_ADDRESS], &r->address_len);
    r->town = key_of(lk, values[AC_FIELD_TOWN], &r->town_len);
    r->email = key_of(lk, values[AC_FIELD_EMAIL], &r->email_len);
    r->ident =
        values[AC_FIELD_IDENT] != NULL ? aci_compact_key(lk->arena, values[AC_FIELD_IDENT]) : NULL;
    r->ident = r->ident != NULL && r->ident[0] != '\0' ? r->ident : NULL;
    r->ident_len = r->ident != NULL ? (uint16_t)strlen(r->ident) : 0;
    {
        const char *whole = key_of(lk, values[AC_FIELD_FULL], &len);

        whole = whole != NULL ? strip_name(lk, whole) : NULL;
        r->given = given_or_family(lk, r->given, whole, false, &r->given_len);
        r->family = given_or_family(lk, r->family, whole, true, &r->family_len);
        if (whole == NULL && (r->given != NULL || r->family != NULL)) {
            whole = ac_arena_printf(lk->arena, "%s %s", r->given ? r->given : "",
                                    r->family ? r->family : "");
        }
        r->full = whole != NULL ? full_key(lk, whole, &r->full_len) : NULL;
        r->block_given = r->given;
        r->block_family = r->family;
        if (r->given == NULL && r->family == NULL && whole != NULL) {
            split_for_blocking(lk, r, whole);
        } else if (r->family == NULL && r->given != NULL && strchr(r->given, ' ') == NULL) {
            r->block_family = r->given; /* a lone name may be the family name (levels.c) */
        }
    }
    if (r->address != NULL && address_grams(lk, r) != AC_OK) {
        return aci_fail(err, AC_ENOMEM, "out of memory adding records");
    }
    read_dob(r, values[AC_FIELD_DOB]);
    read_postcode(lk, r, values[AC_FIELD_POSTCODE]);
    if (r->id == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory adding records");
    }
    for (int f = 0; f < AC_FIELD_COUNT; f++) {
        lk->has[side][f] |= values[f] != NULL && values[f][0] != '\0';
    }
    lk->n[side]++;
    lk->prepared = false;
    return AC_OK;
}

struct tf_item {
    const char *key;
    uint32_t *count;
};

static int
cmp_tf(const void *x, const void *y)
{
    return strcmp(((const struct tf_item *)x)->key, ((const struct tf_item *)y)->key);
}

/* Count how many records share each key of one name field (both sides together). */
static ac_code
term_frequencies(ac_linkage *lk, bool family, ac_error *err)
{
    size_t total = lk->n[0] + lk->n[1], n = 0;
    struct tf_item *items = aci_malloc((total + 1) * sizeof *items);

    if (items == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory counting names");
    }
    for (int s = 0; s < 2; s++) {
        for (size_t i = 0; i < lk->n[s]; i++) {
            struct aci_rec *r = &lk->recs[s][i];
            const char *key = family ? r->family : r->given;

            if (key != NULL) {
                items[n++] = (struct tf_item){ key, family ? &r->family_count : &r->given_count };
            }
        }
    }
    qsort(items, n, sizeof *items, cmp_tf);
    for (size_t i = 0; i < n;) {
        size_t j = i;

        while (j < n && strcmp(items[j].key, items[i].key) == 0) {
            j++;
        }
        for (size_t k = i; k < j; k++) {
            *items[k].count = (uint32_t)(j - i);
        }
        i = j;
    }
    aci_free(items);
    return AC_OK;
}

static int
cmp_id(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Ids are unique within each side. */
static ac_code
check_ids(const ac_linkage *lk, ac_error *err)
{
    for (int s = 0; s < 2; s++) {
        const char **ids = aci_malloc((lk->n[s] + 1) * sizeof *ids);
        ac_code rc = AC_OK;

        if (ids == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory checking ids");
        }
        for (size_t i = 0; i < lk->n[s]; i++) {
            ids[i] = lk->recs[s][i].id;
        }
        qsort(ids, lk->n[s], sizeof *ids, cmp_id);
        for (size_t i = 1; rc == AC_OK && i < lk->n[s]; i++) {
            if (strcmp(ids[i - 1], ids[i]) == 0) {
                rc = aci_fail(err, AC_EINVAL, "id '%s' appears twice%s", ids[i],
                              lk->dedupe ? "" : (s == 0 ? " on the left" : " on the right"));
            }
        }
        aci_free(ids);
        if (rc != AC_OK) {
            return rc;
        }
    }
    return AC_OK;
}

ac_code
aci_lk_prepare(ac_linkage *lk, ac_error *err)
{
    bool(*h)[AC_FIELD_COUNT] = lk->has;
    int right = ACI_RIGHT_SIDE(lk);
    ac_code rc;

    if (lk->prepared) {
        return AC_OK;
    }
    if (lk->n[0] == 0 || lk->n[right] == 0) {
        return aci_fail(err, AC_EINVAL, "no records to link: %s is empty",
                        lk->n[0] == 0 ? "the (left) file" : "the right file");
    }
    rc = check_ids(lk, err);
    if (rc == AC_OK) {
        rc = term_frequencies(lk, false, err);
    }
    if (rc == AC_OK) {
        rc = term_frequencies(lk, true, err);
    }
    if (rc != AC_OK) {
        return rc;
    }
    for (int s = 0; s < 2; s++) {
        for (size_t i = 0; i < lk->n[s]; i++) {
            struct aci_rec *r = &lk->recs[s][i];

            if (r->given != NULL) {
                aci_variants_find(&lk->variants, r->given, &r->given_var, &r->given_nvar);
            }
            r->given_log2count = (float)log2(r->given_count > 0 ? r->given_count : 1);
            r->family_log2count = (float)log2(r->family_count > 0 ? r->family_count : 1);
            if (r->family != NULL) {
                aci_variants_find(&lk->variants, r->family, &r->family_var, &r->family_nvar);
            }
        }
    }
#define BOTH(f) (h[0][f] && h[right][f])
    lk->active[ACI_CMP_GIVEN] = BOTH(AC_FIELD_GIVEN);
    lk->active[ACI_CMP_FAMILY] = BOTH(AC_FIELD_FAMILY);
    lk->active[ACI_CMP_FULL] =
        !(lk->active[ACI_CMP_GIVEN] && lk->active[ACI_CMP_FAMILY]) &&
        (h[0][AC_FIELD_FULL] || h[0][AC_FIELD_GIVEN] || h[0][AC_FIELD_FAMILY]) &&
        (h[right][AC_FIELD_FULL] || h[right][AC_FIELD_GIVEN] || h[right][AC_FIELD_FAMILY]);
    lk->active[ACI_CMP_MIDDLE] = BOTH(AC_FIELD_MIDDLE);
    lk->active[ACI_CMP_DOB] = BOTH(AC_FIELD_DOB);
    lk->active[ACI_CMP_POSTCODE] = BOTH(AC_FIELD_POSTCODE);
    lk->active[ACI_CMP_ADDRESS] = BOTH(AC_FIELD_ADDRESS);
    lk->active[ACI_CMP_TOWN] = BOTH(AC_FIELD_TOWN);
    lk->active[ACI_CMP_IDENT] = BOTH(AC_FIELD_IDENT);
    lk->active[ACI_CMP_EMAIL] = BOTH(AC_FIELD_EMAIL);
#undef BOTH
    for (int c = 0; c < ACI_CMP_COUNT; c++) {
        lk->active[c] = lk->active[c] && !(lk->comparisons_off & (1u << c));
    }
    lk->total_records = lk->n[0] + (lk->dedupe ? 0 : lk->n[1]);
    lk->prepared = true;
    aci_lk_tf_base(lk);
    return AC_OK;
}
