/* SPDX-License-Identifier: Apache-2.0
 *
 * watchlist.c - a watchlist and its index (screen.h).  Each name word of each listed
 * name gives up to five keys: the word, its sound (Soundex), its first and last four
 * letters, and (up to seven letters) its letters sorted; the index is one sorted array of
 * (key, name) pairs.  A query looks up its own words' keys, scores only the names found
 * (never the whole list) and found by enough of its words, keeps each entry's best name,
 * and qualifies by date of birth.
 */
#include "internal.h"

#include <math.h>

#include "accord/date.h"
#include "names/names.h"
#include "screen/screen_int.h"

#define KEYS_PER_WORD 5
#define RARE_KEY      16 /* a key this few names share is followed even alone */
#define SORTED_MAX    7  /* words up to this long are also keyed by their letters, sorted */
#define POSTINGS_MAX                                                      \
    400 /* a key more common than this is used only when it is the word's \
           rarest: a common sound finds nothing its word's rarer keys miss */

struct listed {
    const char *id;
    const char *text; /* the name as given */
    struct aci_name name;
    ac_date dob;
    double common;     /* 0 (its rarest word is unique in the list) .. 1 (in every name) */
    size_t full_words; /* words of kind NAME */
};

/* A birth year more than two years from the listed one: even the same name then falls
 * below the alert threshold (1.0 x 0.6 < 0.70).  Same-name collisions are the main source
 * of false alerts, and they fall hardest on communities where a few names are common. */
#define DOB_CONTRADICTION      0.6
#define DOB_CONTRADICTION_TEXT "0.6"
#define COMMON_WEIGHT          0.05 /* a name made only of the list's commonest words loses this */

struct posting {
    uint64_t key;
    uint32_t name;
};

struct ac_watchlist {
    const ac_screener *s;
    ac_arena *arena;
    struct listed *names;
    size_t n, cap;
    struct posting *index;
    size_t n_index;
    bool indexed;
    uint32_t *seen;  /* per name: the query that last found it */
    uint16_t *hit;   /* per name: the query words whose keys found it (bit per word) */
    uint32_t *rare;  /* per name: the fewest names any key that found it has */
    uint32_t *found; /* the names the current query found, in the order found */
    uint32_t query;
};

ac_code
ac_watchlist_new(const ac_screener *s, ac_watchlist **out, ac_error *err)
{
    ac_watchlist *w = aci_calloc(1, sizeof *w);

    *out = NULL;
    if (w == NULL || (w->arena = ac_arena_new(0)) == NULL) {
        aci_free(w);
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    w->s = s;
    *out = w;
    return AC_OK;
}

void
ac_watchlist_free(ac_watchlist *w)
{
    if (w != NULL) {
        ac_arena_free(w->arena);
        aci_free(w->names);
        aci_free(w->index);
        aci_free(w->seen);
        aci_free(w->hit);
        aci_free(w->rare);
        aci_free(w->found);
        aci_free(w);
    }
}

size_t
ac_watchlist_count(const ac_watchlist *w)
{
    return w->n;
}

void
ac_watchlist_name(const ac_watchlist *w,
                  size_t i,
                  ac_arena *a,
                  const char **id,
                  const char **name,
                  const char **dob)
{
    char buf[AC_DATE_TEXT_MAX];

    *id = i < w->n ? w->names[i].id : NULL;
    *name = i < w->n ? w->names[i].text : NULL;
    *dob = i < w->n ? ac_arena_strdup(a, ac_date_format(&w->names[i].dob, buf)) : NULL;
}

ac_code
ac_watchlist_add(ac_watchlist *w, const char *id, const char *name, const char *dob, ac_error *err)
{
    struct listed *l;
    ac_code rc;

    if (id[0] == '\0') {
        return aci_fail(err, AC_EINVAL, "id: every listed name needs the id of its entry");
    }
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 1024;
        struct listed *grown = aci_realloc(w->names, cap * sizeof *grown);

        if (grown == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory");
        }
        w->names = grown;
        w->cap = cap;
    }
    l = &w->names[w->n];
    memset(l, 0, sizeof *l);
    rc = aci_screen_words(w->s, name, w->arena, &l->name, err);
    if (rc != AC_OK) {
        aci_error_prefix(err, "name: ");
        return rc;
    }
    if (dob != NULL && dob[0] != '\0' && ac_date_parse(dob, &l->dob, err) != AC_OK) {
        aci_error_prefix(err, "dob: ");
        return AC_EINVAL;
    }
    for (size_t k = 0; k < l->name.n; k++) {
        l->full_words += l->name.w[k].kind == ACI_WORD_NAME || l->name.w[k].kind == ACI_WORD_NUMBER;
    }
    if (l->full_words == 0) {
        l->full_words = l->name.n; /* "E. S. Co.": every word is a key */
    }
    l->id = ac_arena_strdup(w->arena, id);
    l->text = ac_arena_strdup(w->arena, name);
    if (l->id == NULL || l->text == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    w->n++;
    w->indexed = false;
    return AC_OK;
}

static uint64_t
hash(char kind, const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull ^ (unsigned char)kind;

    for (size_t i = 0; i < n; i++) {
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    }
    return h;
}

/* Does NAME have a word that makes keys of its own (a name word or a number)? */
static bool
has_key_word(const struct aci_name *name)
{
    for (size_t k = 0; k < name->n; k++) {
        if (name->w[k].kind == ACI_WORD_NAME || name->w[k].kind == ACI_WORD_NUMBER) {
            return true;
        }
    }
    return false;
}

/* The keys of word W into OUT; how many.  Particles, forms and initials find too much to
 * be keys, unless (ALL) the name has nothing else ("E. S. Co."). */
static void
sort_letters(char *c, size_t len)
{
    for (size_t i = 1; i < len; i++) {
        for (size_t j = i; j > 0 && c[j - 1] > c[j]; j--) {
            char t = c[j];

            c[j] = c[j - 1];
            c[j - 1] = t;
        }
    }
}

static size_t
word_keys(const struct aci_word *w, bool all, uint64_t out[KEYS_PER_WORD])
{
    char sound[5];
    size_t n = 0;

    if (w->kind != ACI_WORD_NAME && w->kind != ACI_WORD_NUMBER) {
        if (all) {
            out[n++] = hash('w', w->text, w->len);
        }
        return n;
    }
    out[n++] = hash('w', w->text, w->len);
    if (w->kind == ACI_WORD_NAME) {
        aci_soundex(w->text, sound);
        if (sound[0] != '\0') {
            out[n++] = hash('s', sound, 4);
        }
        if (w->len >= 5) {
            /* a typo near the start still shares the end */
            out[n++] = hash('p', w->text, 4);
            out[n++] = hash('e', w->text + w->len - 4, 4);
        }
        if (w->len >= 2 && w->len <= SORTED_MAX) {
            /* and a short word keeps its letters whatever their order ("ahmda") */
            char sorted[SORTED_MAX];

            memcpy(sorted, w->text, w->len);
            sort_letters(sorted, w->len);
            out[n++] = hash('o', sorted, w->len);
        }
    }
    return n;
}

static int
cmp_posting(const void *x, const void *y)
{
    const struct posting *a = x, *b = y;

    if (a->key != b->key) {
        return a->key < b->key ? -1 : 1;
    }
    return (a->name > b->name) - (a->name < b->name);
}

static void commonness(ac_watchlist *w);

static size_t
popcount16(uint16_t v)
{
    size_t n = 0;

    for (; v != 0; v &= (uint16_t)(v - 1)) {
        n++;
    }
    return n;
}

static ac_code
build(ac_watchlist *w, ac_error *err)
{
    size_t cap = 0, n = 0;

    for (size_t i = 0; i < w->n; i++) {
        cap += w->names[i].name.n * KEYS_PER_WORD;
    }
    aci_free(w->index);
    aci_free(w->seen);
    aci_free(w->hit);
    aci_free(w->rare);
    aci_free(w->found);
    w->index = aci_malloc((cap + 1) * sizeof *w->index);
    w->seen = aci_calloc(w->n + 1, sizeof *w->seen);
    w->hit = aci_calloc(w->n + 1, sizeof *w->hit);
    w->rare = aci_calloc(w->n + 1, sizeof *w->rare);
    w->found = aci_malloc((w->n + 1) * sizeof *w->found);
    if (w->index == NULL || w->seen == NULL || w->hit == NULL || w->rare == NULL ||
        w->found == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory indexing the list");
    }
    for (size_t i = 0; i < w->n; i++) {
        for (size_t k = 0; k < w->names[i].name.n; k++) {
            uint64_t keys[KEYS_PER_WORD];
            size_t nk = word_keys(&w->names[i].name.w[k], !has_key_word(&w->names[i].name), keys);

            for (size_t j = 0; j < nk; j++) {
                w->index[n++] = (struct posting){ keys[j], (uint32_t)i };
            }
        }
    }
    qsort(w->index, n, sizeof *w->index, cmp_posting);
    w->n_index = n;
    w->query = 0;
    w->indexed = true;
    commonness(w);
    return AC_OK;
}

/* The first posting of KEY, and how many there are. */
static const struct posting *
postings(const ac_watchlist *w, uint64_t key, size_t *count)
{
    size_t lo = 0, hi = w->n_index, end;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (w->index[mid].key < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (end = lo; end < w->n_index && w->index[end].key == key; end++) {
    }
    *count = end - lo;
    return &w->index[lo];
}

/* How common each listed name is: by its rarest name word, log(names with the word) over
 * log(names in the list), so that agreeing on "John Smith" says less than on a rare
 * name (term frequency). */
static void
commonness(ac_watchlist *w)
{
    double scale = w->n > 1 ? log((double)w->n) : 1.0;

    for (size_t i = 0; i < w->n; i++) {
        struct listed *l = &w->names[i];
        size_t rarest = SIZE_MAX;

        for (size_t k = 0; k < l->name.n; k++) {
            size_t count = 0;

            if (l->name.w[k].kind == ACI_WORD_NAME) {
                (void)postings(w, hash('w', l->name.w[k].text, l->name.w[k].len), &count);
                rarest = count < rarest ? count : rarest;
            }
        }
        l->common = rarest == SIZE_MAX || rarest <= 1 ? 0.0 : log((double)rarest) / scale;
        l->common = l->common > 1.0 ? 1.0 : l->common;
    }
}

/* The date-of-birth qualifier: the same full date supports, a birth year more than two
 * years away contradicts, anything missing is neutral. */
static double
qualify(double score, const ac_date *query, const ac_date *listed, const char **effect)
{
    *effect = NULL;
    if (query->precision == AC_DATE_NONE || listed->precision == AC_DATE_NONE) {
        return score;
    }
    if (query->precision == AC_DATE_DAY && listed->precision == AC_DATE_DAY &&
        ac_date_cmp(query, listed) == 0) {
        *effect = "same date of birth +0.05";
        return score + 0.05 > 1.0 ? 1.0 : score + 0.05;
    }
    if (abs(query->year - listed->year) > 2) {
        *effect = "birth years differ: x" DOB_CONTRADICTION_TEXT;
        return score * DOB_CONTRADICTION;
    }
    return score;
}

static int
cmp_hit(const void *x, const void *y)
{
    const ac_screen_hit *a = x, *b = y;

    if (a->score != b->score) {
        return a->score > b->score ? -1 : 1;
    }
    return strcmp(a->list_id, b->list_id);
}

ac_code
ac_watchlist_screen(ac_watchlist *w,
                    const char *name,
                    const char *dob,
                    double threshold,
                    ac_arena *a,
                    ac_screen_hit **out,
                    size_t *out_n,
                    ac_error *err)
{
    struct aci_name q;
    ac_date qdob;
    ac_screen_hit *hits = NULL;
    size_t n = 0, cap = 0, n_found = 0, keyed = 0;
    ac_code rc = w->indexed ? AC_OK : build(w, err);

    *out = NULL;
    *out_n = 0;
    memset(&qdob, 0, sizeof qdob);
    if (rc == AC_OK) {
        rc = aci_screen_words(w->s, name, a, &q, err);
    }
    if (rc == AC_OK) {
        rc = aci_screen_prepare_query(&q, a, err);
    }
    if (rc == AC_OK && dob != NULL && dob[0] != '\0' && ac_date_parse(dob, &qdob, err) != AC_OK) {
        aci_error_prefix(err, "dob: ");
        rc = AC_EINVAL;
    }
    if (rc != AC_OK) {
        return rc;
    }
    w->query++;
    /* first: which names the query's words find, and by which words */
    for (size_t k = 0; k < q.n; k++) {
        uint64_t keys[KEYS_PER_WORD];
        const struct posting *found[KEYS_PER_WORD];
        size_t nk = word_keys(&q.w[k], !has_key_word(&q), keys), count[KEYS_PER_WORD], rarest = 0;

        if (nk > 0) {
            keyed++;
        }
        for (size_t j = 0; j < nk; j++) {
            found[j] = postings(w, keys[j], &count[j]);
            rarest = count[j] < count[rarest] ? j : rarest;
        }
        for (size_t j = 0; j < nk; j++) {
            if (count[j] > POSTINGS_MAX && j != rarest) {
                continue;
            }
            for (size_t i = 0; i < count[j]; i++) {
                uint32_t at = found[j][i].name;

                if (w->seen[at] != w->query) {
                    w->seen[at] = w->query;
                    w->hit[at] = 0;
                    w->rare[at] = UINT32_MAX;
                    w->found[n_found++] = at;
                }
                w->hit[at] |= (uint16_t)(1u << k);
                w->rare[at] = count[j] < w->rare[at] ? (uint32_t)count[j] : w->rare[at];
            }
        }
    }
    /* then score each, unless only one of the query's words found a name of two or more
     * full words, and through a common key: its other words then have no partner the keys
     * could see (word, sound, first or last four letters, letters sorted), and each
     * unmatched word costs 15%.  A typo that escapes every key of a word is missed that
     * way (bench_screen measures how often); a rare key is always followed. */
    for (size_t f = 0; f < n_found; f++) {
        uint32_t at = w->found[f];
        const struct listed *l = &w->names[at];
        const char *why = NULL, *effect = NULL;
        size_t need = keyed < l->full_words ? keyed : l->full_words;
        double score;

        if (popcount16(w->hit[at]) < (need < 2 ? need : 2) && w->rare[at] > RARE_KEY &&
            threshold >= AC_SCREEN_POSSIBLE) {
            continue;
        }
        score = aci_screen_score(w->s, &q, &l->name, a, NULL) * (1.0 - COMMON_WEIGHT * l->common);
        score = qualify(score, &qdob, &l->dob, &effect);
        if (score < threshold) {
            continue;
        }
        (void)aci_screen_score(w->s, &q, &l->name, a, &why);
        if (n == cap && (hits = aci_arena_grow(a, hits, n, &cap, sizeof *hits)) == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory");
        }
        if (l->common > 0.05) {
            why = ac_arena_printf(a, "%s; a common name in this list: x%.2f", why,
                                  1.0 - COMMON_WEIGHT * l->common);
        }
        hits[n++] =
            (ac_screen_hit){ l->id, l->text, score,
                             effect != NULL ? ac_arena_printf(a, "%s; %s", why, effect) : why };
    }
    if (n > 0) {
        qsort(hits, n, sizeof *hits, cmp_hit);
    }
    /* one hit per entry: its best name (hits are best first) */
    {
        size_t kept = 0;

        for (size_t i = 0; i < n; i++) {
            bool dup = false;

            for (size_t j = 0; j < kept && !dup; j++) {
                dup = strcmp(hits[j].list_id, hits[i].list_id) == 0;
            }
            if (!dup) {
                hits[kept++] = hits[i];
            }
        }
        n = kept;
    }
    *out = hits;
    *out_n = n;
    return AC_OK;
}
