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
#include <stdio.h>

#include "accord/date.h"
#include "names/names.h"
#include "screen/screen_int.h"

#define KEYS_PER_WORD 8
#define GROUP_KEYS    3  /* a word's first spelling-variant groups are keys too */
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
    double shared;     /* people of the reference population expected to share the name */
    uint32_t same;     /* other people of the reference population with this very name */
};

/* A name counted in the reference population only (ac_watchlist_add_reference). */
struct reference {
    struct aci_name name;
    uint32_t count;
};

/* A birth year more than two years from the listed one: even the same name then falls
 * below the alert threshold (1.0 x 0.6 < 0.70).  Same-name collisions are the main source
 * of false alerts, and they fall hardest on communities where a few names are common. */
#define DOB_CONTRADICTION      0.6
#define DOB_CONTRADICTION_TEXT "0.6"
#define COMMON_WEIGHT          0.05 /* a name made only of the list's commonest words loses this */
/* a name of the same date of birth is a possible match from this resemblance (one of two
 * words met) */
#define DOB_NAME_FLOOR 0.4

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
    struct posting *by_dob; /* (full date of birth as YYYYMMDD, name), sorted */
    size_t n_by_dob;
    uint32_t *dob_seen; /* per name: the query whose date of birth found it */
    struct reference *refs;
    size_t n_refs, refs_cap;
    double population; /* people in the reference population: listed entries and refs */
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
        aci_free(w->refs);
        aci_free(w->by_dob);
        aci_free(w->dob_seen);
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
static size_t
word_keys(const struct aci_word *w, bool all, const uint32_t *s_groups, uint64_t out[KEYS_PER_WORD])
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
    /* and its spelling-variant groups: "Maxamed" finds "Mohamed", "Caoimhín" "Kevin",
     * though no letter key of theirs meets */
    for (uint32_t k = 0; k < w->nvar && k < GROUP_KEYS; k++) {
        uint32_t g = s_groups[w->var + k];

        out[n++] = hash('g', (const char *)&g, sizeof g);
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

static uint64_t
dob_code(const ac_date *d)
{
    return (uint64_t)d->year * 10000u + (uint64_t)d->month * 100u + d->day;
}
static ac_code reference_counts(ac_watchlist *w, ac_error *err);

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
            size_t nk = word_keys(&w->names[i].name.w[k], !has_key_word(&w->names[i].name),
                                  w->s->variants.groups, keys);

            for (size_t j = 0; j < nk; j++) {
                w->index[n++] = (struct posting){ keys[j], (uint32_t)i };
            }
        }
    }
    qsort(w->index, n, sizeof *w->index, cmp_posting);
    w->n_index = n;
    aci_free(w->by_dob);
    aci_free(w->dob_seen);
    w->by_dob = aci_malloc((w->n + 1) * sizeof *w->by_dob);
    w->dob_seen = aci_calloc(w->n + 1, sizeof *w->dob_seen);
    if (w->by_dob == NULL || w->dob_seen == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory indexing the list");
    }
    w->n_by_dob = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (w->names[i].dob.precision == AC_DATE_DAY) {
            w->by_dob[w->n_by_dob++] = (struct posting){ dob_code(&w->names[i].dob), (uint32_t)i };
        }
    }
    qsort(w->by_dob, w->n_by_dob, sizeof *w->by_dob, cmp_posting);
    w->query = 0;
    w->indexed = true;
    commonness(w);
    return reference_counts(w, err);
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

/* ---- the weight of evidence (Fellegi-Sunter) ----
 *
 * Name frequencies come from the reference population: every listed entry (once per id,
 * whatever its aliases) and every name added with ac_watchlist_add_reference.  A word's
 * frequency is smoothed towards a prior, u = (c + ALPHA x P0) / (N + ALPHA): with a thin
 * population the prior (a name word carried by one person in 500) dominates, with a large
 * one the counts do.  Spellings and nicknames of one variant group count as one word, so
 * that "Mohammed" and "Muhammad" are as common as they are together.  No table of public
 * name statistics could be obtained for data/ (docs/data-formats.md), so the prior is a
 * constant, the same for every name. */
#define FREQ_PRIOR       (1.0 / 500.0) /* P0: the frequency of a name word not yet seen */
#define FREQ_PSEUDO      500.0         /* ALPHA: the prior counts as this many people */
#define POPULATION_FLOOR 10000.0       /* a buyer is one of at least this many people */
#define NAME_M           0.95          /* a true match's name resembles the listed one */
/* the people a name resembles grow e-fold for each 1/14 of resemblance lost: a two-word
 * name losing a word (resemblance ~0.45) loses that word's agreement weight (1 / u, some
 * 100) and gains its disagreement weight ((1 - m) / (1 - u), 0.05): e^7.6 */
#define RESEMBLANCE_SCALE 14.0
#define SHARED_FLOOR      1e-4    /* no name is rarer than this many people in the population */
#define DOB_SAME_LR       19700.0 /* 0.9 / (1 / (365.25 days x 60 birth years)) */
/* a slipped digit or day and month swapped: 1 true match in 20 (m), and some 35 of the
 * 21,900 dates are that near any date (u = 1 / 600); the same year where only years are
 * known: m 0.5, u 1 / 60 */
#define DOB_PARTIAL_LR 30.0
#define DOB_CONTRA_LR  0.05 /* a true match recorded with a different date: 1 in 20 */

struct freq_key {
    uint64_t key;
    uint64_t who; /* the entry (its id) or the reference row */
    uint32_t weight;
};

static int
cmp_freq_key(const void *x, const void *y)
{
    const struct freq_key *a = x, *b = y;

    if (a->key != b->key) {
        return a->key < b->key ? -1 : 1;
    }
    return (a->who > b->who) - (a->who < b->who);
}

/* The frequency key of word W: its variant group when it has one, else the word. */
static uint64_t
word_freq_key(const ac_watchlist *w, const struct aci_word *word)
{
    uint32_t group = UINT32_MAX;

    for (uint32_t k = 0; k < word->nvar; k++) {
        uint32_t g = w->s->variants.groups[word->var + k];

        group = g < group ? g : group;
    }
    return group != UINT32_MAX ? hash('g', (const char *)&group, sizeof group)
                               : hash('w', word->text, word->len);
}

static int
cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

    return (a > b) - (a < b);
}

/* The keys of NAME: each name word's, then (last) the whole name's, the words in any
 * order; how many, into OUT[ACI_SCREEN_MAX_WORDS + 1]. */
static size_t
name_freq_keys(const ac_watchlist *w, const struct aci_name *name, uint64_t *out)
{
    uint64_t sorted[ACI_SCREEN_MAX_WORDS];
    size_t n = 0;

    for (size_t k = 0; k < name->n; k++) {
        if (name->w[k].kind == ACI_WORD_NAME) {
            out[n++] = word_freq_key(w, &name->w[k]);
        }
    }
    memcpy(sorted, out, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp_u64);
    out[n] = hash('f', (const char *)sorted, n * sizeof *sorted);
    return n + 1;
}

/* The people of the reference population with key KEY, from the aggregated table. */
static double
freq_count(const struct freq_key *t, size_t n, uint64_t key)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (t[mid].key < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < n && t[lo].key == key ? (double)t[lo].weight : 0.0;
}

/* Sort T[0..N) and merge rows of one key, each person (who) counted once; the rows left. */
static size_t
aggregate(struct freq_key *t, size_t n)
{
    size_t n_agg = 0;

    qsort(t, n, sizeof *t, cmp_freq_key);
    for (size_t i = 0; i < n; i++) {
        if (n_agg > 0 && t[n_agg - 1].key == t[i].key) {
            if (t[i].who != t[i - 1].who) {
                t[n_agg - 1].weight += t[i].weight;
            }
        } else {
            t[n_agg++] = t[i];
        }
    }
    return n_agg;
}

static uint64_t
pair_key(uint64_t x, uint64_t y)
{
    uint64_t both[2] = { x, y };

    return hash('c', (const char *)both, sizeof both);
}

/* One name's words, for the counts: its keys, who it is and how many people it stands for. */
struct counted {
    uint64_t keys[ACI_SCREEN_MAX_WORDS + 1];
    size_t nk; /* name words, then the whole name */
    uint64_t who;
    uint32_t weight;
};

/* Names do not combine their words at random: a community shares a few given and family
 * names, so that "Sean" says "Murphy" is likelier than Murphy's share of everyone.  A
 * latent-class estimate: a name's words are taken as drawn within its community, of share
 * PI of the population, so that P(name) = product of u(w) / PI^(words - 1).  PI is
 * estimated from the reference population alone, for each word as the people reached
 * through the words that co-occur with it (those of other people only), smoothed towards
 * the whole population; the name's is the widest of its words' (a word no one else has
 * gives no community, so then none is assumed).  Nothing is said of any origin: the
 * correction comes from which words occur together. */
#define COMMUNITY_PSEUDO 50.0

static ac_code
reference_counts(ac_watchlist *w, ac_error *err)
{
    size_t n_rows = w->n + w->n_refs, cap = 0, n = 0, n_pairs = 0, n_comm = 0;
    struct counted *rows = aci_malloc((n_rows + 1) * sizeof *rows);
    uint64_t *ids = aci_malloc((w->n + 1) * sizeof *ids);
    struct freq_key *t = NULL, *pairs = NULL, *comm = NULL;
    double people = 0, frame;

    if (rows == NULL || ids == NULL) {
        goto oom;
    }
    for (size_t i = 0; i < n_rows; i++) {
        const struct aci_name *name = i < w->n ? &w->names[i].name : &w->refs[i - w->n].name;
        struct counted *r = &rows[i];

        r->nk = name_freq_keys(w, name, r->keys);
        if (i < w->n) {
            r->who = ids[i] = hash('i', w->names[i].id, strlen(w->names[i].id));
            r->weight = 1;
        } else {
            r->who = (uint64_t)(i - w->n) << 1 | 1;
            r->weight = w->refs[i - w->n].count;
            people += r->weight;
        }
        cap += r->nk * r->nk;
    }
    t = aci_malloc((cap + 1) * sizeof *t);
    pairs = aci_malloc((cap + 1) * sizeof *pairs);
    if (t == NULL || pairs == NULL) {
        goto oom;
    }
    qsort(ids, w->n, sizeof *ids, cmp_u64);
    for (size_t i = 0; i < w->n; i++) {
        people += i == 0 || ids[i] != ids[i - 1];
    }
    for (size_t i = 0; i < n_rows; i++) {
        const struct counted *r = &rows[i];

        for (size_t k = 0; k < r->nk; k++) {
            t[n++] = (struct freq_key){ r->keys[k], r->who, r->weight };
            for (size_t j = 0; k + 1 < r->nk && j + 1 < r->nk; j++) {
                if (j != k && r->keys[j] != r->keys[k]) {
                    pairs[n_pairs++] =
                        (struct freq_key){ pair_key(r->keys[k], r->keys[j]), r->who, r->weight };
                }
            }
        }
    }
    n = aggregate(t, n);
    n_pairs = aggregate(pairs, n_pairs);
    /* each word's community: the people holding the words it occurs with */
    comm = aci_malloc((cap + 1) * sizeof *comm);
    if (comm == NULL) {
        goto oom;
    }
    for (size_t i = 0; i < n_rows; i++) {
        const struct counted *r = &rows[i];

        for (size_t k = 0; k + 1 < r->nk; k++) {
            for (size_t j = 0; j + 1 < r->nk; j++) {
                if (j != k && r->keys[j] != r->keys[k]) {
                    /* one row per (word, co-word): the co-word's count, added once */
                    comm[n_comm++] = (struct freq_key){ r->keys[k], r->keys[j],
                                                        (uint32_t)freq_count(t, n, r->keys[j]) };
                }
            }
        }
    }
    {
        size_t n_agg = 0;

        qsort(comm, n_comm, sizeof *comm, cmp_freq_key);
        for (size_t i = 0; i < n_comm; i++) {
            if (n_agg > 0 && comm[n_agg - 1].key == comm[i].key) {
                if (comm[i].who != comm[i - 1].who) {
                    comm[n_agg - 1].weight += comm[i].weight;
                }
            } else {
                comm[n_agg++] = comm[i];
            }
        }
        n_comm = n_agg;
    }
    w->population = people;
    frame = people > POPULATION_FLOOR ? people : POPULATION_FLOOR;
    for (size_t i = 0; i < w->n; i++) {
        struct listed *l = &w->names[i];
        const struct counted *r = &rows[i];
        double expected = frame, same = freq_count(t, n, r->keys[r->nk - 1]) - 1.0, share;
        double rarest = 1.0, pi = 0.0, whole;

        for (size_t k = 0; k + 1 < r->nk; k++) {
            double u =
                (freq_count(t, n, r->keys[k]) + FREQ_PSEUDO * FREQ_PRIOR) / (people + FREQ_PSEUDO);
            /* the people reached through this word, other than this person */
            double reach =
                freq_count(comm, n_comm, r->keys[k]) + freq_count(t, n, r->keys[k]) - 1.0;

            for (size_t j = 0; j + 1 < r->nk; j++) {
                if (j != k && r->keys[j] != r->keys[k] &&
                    freq_count(pairs, n_pairs, pair_key(r->keys[k], r->keys[j])) <= 1.0) {
                    reach -= freq_count(t, n, r->keys[j]); /* met only through this name */
                }
            }
            expected *= u;
            rarest = u < rarest ? u : rarest;
            /* a word no one else shares says nothing of a community: then none is assumed */
            share = reach > 0 ? (reach + COMMUNITY_PSEUDO) / (people + COMMUNITY_PSEUDO) : 1.0;
            pi = share > pi ? share : pi;
        }
        pi = pi > 0 && pi < 1.0 ? pi : 1.0;
        if (r->nk > 2) {
            expected /= pow(pi, (double)(r->nk - 2));
        }
        expected = expected < frame * rarest ? expected : frame * rarest;
        /* and no fewer than the whole name's own smoothed frequency: a reference of N
         * people tells a name's frequency only down to about 1 in N, so the product of
         * thin word counts must not make a name look unique.  Without this, names thin in
         * the reference (a community it holds few people of, or one whose names spread
         * over many moderately common words) alerted on the name alone, the words' small
         * counts multiplied into a fraction of a person. */
        whole = frame * (freq_count(t, n, r->keys[r->nk - 1]) + FREQ_PSEUDO * FREQ_PRIOR) /
                (people + FREQ_PSEUDO);
        expected = expected > whole ? expected : whole;
        l->same = same > 0 ? (uint32_t)same : 0;
        l->shared = (double)l->same > expected ? (double)l->same : expected;
        l->shared = l->shared > SHARED_FLOOR ? l->shared : SHARED_FLOOR;
    }
    aci_free(rows);
    aci_free(ids);
    aci_free(t);
    aci_free(pairs);
    aci_free(comm);
    return AC_OK;
oom:
    aci_free(rows);
    aci_free(ids);
    aci_free(t);
    aci_free(pairs);
    aci_free(comm);
    return aci_fail(err, AC_ENOMEM, "out of memory counting name frequencies");
}

ac_code
ac_watchlist_add_reference(ac_watchlist *w, const char *name, uint32_t count, ac_error *err)
{
    struct reference *r;
    ac_code rc;

    if (count == 0) {
        return aci_fail(err, AC_EINVAL,
                        "count: a reference name is carried by at least one "
                        "person; leave out names nobody has");
    }
    if (w->n_refs == w->refs_cap) {
        size_t cap = w->refs_cap ? w->refs_cap * 2 : 256;
        struct reference *grown = aci_realloc(w->refs, cap * sizeof *grown);

        if (grown == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory");
        }
        w->refs = grown;
        w->refs_cap = cap;
    }
    r = &w->refs[w->n_refs];
    memset(r, 0, sizeof *r);
    rc = aci_screen_words(w->s, name, w->arena, &r->name, err);
    if (rc != AC_OK) {
        aci_error_prefix(err, "name: ");
        return rc;
    }
    r->count = count;
    w->n_refs++;
    w->indexed = false;
    return AC_OK;
}

enum dob_agreement {
    DOB_MISSING,
    DOB_SAME,
    DOB_PARTIAL,
    DOB_NEAR, /* birth years two or fewer apart, at a precision that cannot say more */
    DOB_CONTRADICTS,
};

/* Do the digits of A and B (as YYYYMMDD) differ in one place, or by two adjacent digits
 * swapped? */
static bool
one_digit_apart(const ac_date *a, const ac_date *b)
{
    char x[16], y[16];
    size_t diff = 0, first = 0;

    snprintf(x, sizeof x, "%04d%02d%02d", a->year, a->month, a->day);
    snprintf(y, sizeof y, "%04d%02d%02d", b->year, b->month, b->day);
    for (size_t i = 0; i < 8; i++) {
        if (x[i] != y[i]) {
            first = diff++ == 0 ? i : first;
        }
    }
    return diff == 1 ||
           (diff == 2 && first < 7 && x[first] == y[first + 1] && x[first + 1] == y[first]);
}

static enum dob_agreement
dob_agreement(const ac_date *q, const ac_date *l)
{
    if (q->precision == AC_DATE_NONE || l->precision == AC_DATE_NONE) {
        return DOB_MISSING;
    }
    if (q->precision == AC_DATE_DAY && l->precision == AC_DATE_DAY) {
        if (ac_date_cmp(q, l) == 0) {
            return DOB_SAME;
        }
        if (one_digit_apart(q, l) ||
            (q->year == l->year && q->day == l->month && q->month == l->day)) {
            return DOB_PARTIAL;
        }
        return DOB_CONTRADICTS;
    }
    if (q->year == l->year) {
        return DOB_PARTIAL;
    }
    return abs(q->year - l->year) > 2 ? DOB_CONTRADICTS : DOB_NEAR;
}

/* The evidence that the person screened is listed entry L, given the name's resemblance
 * RAW and the agreement of the dates of birth AG: the match probability, and each field's
 * contribution in *WHY (in A). */
static double
evidence(const ac_watchlist *w,
         const struct listed *l,
         double raw,
         enum dob_agreement ag,
         double *shared_out,
         ac_arena *a,
         const char **why)
{
    static const double lr[] = { 1.0, DOB_SAME_LR, DOB_PARTIAL_LR, 1.0, DOB_CONTRA_LR };
    static const char *const says[] = { "not given", "the same", "partly agree",
                                        "near (a birth year only)", "contradict" };
    double alike = l->shared * exp(RESEMBLANCE_SCALE * (1.0 - raw));
    double odds = NAME_M / alike * lr[ag], p = odds / (1.0 + odds);

    *shared_out = alike;
    if (why != NULL) {
        *why = ac_arena_printf(a,
                               "evidence: name (resemblance %.2f) shared by about %.3g of %.0f "
                               "people x%.3g; date of birth %s x%g; match probability %.3f",
                               raw, alike, w->population, NAME_M / alike, says[ag], lr[ag], p);
    }
    return p;
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
    if (dob_agreement(query, listed) == DOB_PARTIAL) {
        *effect = "dates of birth partly agree (a slipped digit, day and month swapped)";
        return score;
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
        size_t nk = word_keys(&q.w[k], !has_key_word(&q), w->s->variants.groups, keys),
               count[KEYS_PER_WORD], rarest = 0;

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
    /* and the names of the same full date of birth (or with its day and month swapped):
     * a changed family name, or two typos no key finds, is still a possible match when
     * the date and a given name agree */
    if (qdob.precision == AC_DATE_DAY) {
        uint64_t codes[2] = { dob_code(&qdob), 0 };
        size_t n_codes = 1;

        if (qdob.day <= 12 && qdob.day != qdob.month) {
            codes[n_codes++] =
                (uint64_t)qdob.year * 10000u + (uint64_t)qdob.day * 100u + qdob.month;
        }
        for (size_t c = 0; c < n_codes; c++) {
            size_t lo = 0, hi = w->n_by_dob;

            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;

                if (w->by_dob[mid].key < codes[c]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            for (; lo < w->n_by_dob && w->by_dob[lo].key == codes[c]; lo++) {
                uint32_t at = w->by_dob[lo].name;

                w->dob_seen[at] = w->query;
                if (w->seen[at] != w->query) {
                    w->seen[at] = w->query;
                    w->hit[at] = 0;
                    w->rare[at] = UINT32_MAX;
                    w->found[n_found++] = at;
                }
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
        const char *why = NULL, *effect = NULL, *weighed = NULL;
        size_t need = keyed < l->full_words ? keyed : l->full_words;
        double score, raw, p, alike;
        enum dob_agreement ag;

        bool by_dob = w->dob_seen[at] == w->query;

        if (!by_dob && popcount16(w->hit[at]) < (need < 2 ? need : 2) && w->rare[at] > RARE_KEY &&
            threshold >= AC_SCREEN_POSSIBLE) {
            continue;
        }
        raw = aci_screen_score(w->s, &q, &l->name, a, NULL);
        score = qualify(raw * (1.0 - COMMON_WEIGHT * l->common), &qdob, &l->dob, &effect);
        if (score < threshold && !(by_dob && raw >= DOB_NAME_FLOOR && threshold > 0)) {
            continue;
        }
        if (score < threshold) {
            effect = effect != NULL ? effect : "the same date of birth";
            effect =
                ac_arena_printf(a, "%s, and a name word met: found by the date of birth", effect);
        }
        (void)aci_screen_score(w->s, &q, &l->name, a, &why);
        ag = dob_agreement(&qdob, &l->dob);
        p = evidence(w, l, raw, ag, &alike, a, &weighed);
        if (n == cap && (hits = aci_arena_grow(a, hits, n, &cap, sizeof *hits)) == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory");
        }
        if (l->common > 0.05) {
            why = ac_arena_printf(a, "%s; a common name in this list: x%.2f", why,
                                  1.0 - COMMON_WEIGHT * l->common);
        }
        if (effect != NULL) {
            why = ac_arena_printf(a, "%s; %s", why, effect);
        }
        why = ac_arena_printf(a, "%s; %s", why, weighed);
        if (p < AC_SCREEN_ALERT) {
            /* the name alone is not evidence enough: a possible match, of low priority */
            why = l->same > 0 && ag == DOB_MISSING
                      ? ac_arena_printf(a,
                                        "%s; this name is shared by %u people in the "
                                        "partnership's records; no date of birth was given",
                                        why, l->same)
                  : ag == DOB_MISSING
                      ? ac_arena_printf(a,
                                        "%s; the partnership's records (%.0f people) are too "
                                        "few to show this name is rare; no date of birth was "
                                        "given",
                                        why, w->population)
                      : ac_arena_printf(a,
                                        "%s; a possible match only: below the alert "
                                        "probability %.2f",
                                        why, AC_SCREEN_ALERT);
        }
        if (why == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory");
        }
        hits[n++] = (ac_screen_hit){ l->id, l->text, score, why, p, alike, p >= AC_SCREEN_ALERT };
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
