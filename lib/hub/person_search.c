/* SPDX-License-Identifier: Apache-2.0
 *
 * person_search.c - person search over the name-key index (person_keys.c): each query
 * word's keys are looked up (the word and its prefix, its name variants and nicknames,
 * its Soundex code, its one-edit forms when it has 5+ letters), the candidates that meet
 * the most query words are scored with the screening engine's name score (word order
 * does not matter, so swapped given and family names meet; an initial meets a name), a
 * partial date of birth and a postcode, sector or outward code narrow, and the answers
 * come best first, each saying which field matched how.
 */
#include "internal.h"

#include "hub/hub_int.h"
#include "hub/person_keys.h"
#include "model/model.h"
#include "names/names.h"
#include "screen/screen_int.h"
#include "store/store.h"
#include "store/store_person.h"
#include "store/store_search.h"

#define PROBE_CAP   2000 /* ids one key lookup reads: a key more persons share is broad */
#define SCORE_CAP   120  /* candidates scored: the strongest (merge) */
#define CONFIRM_CAP 160  /* the strongest candidates a broad key is checked against */
#define MIN_SCORE   0.75 /* a name scoring below this is no answer */
#define TYPO_LEN    5    /* query words this long may differ by one edit */

struct cand {
    const char *id;
    uint32_t words;    /* bit i: query word i has a key of this person */
    unsigned strength; /* per entry: how the key met (exact 4, variant 3, typo 2, sound 1);
                        * merged: the sum over query words of each word's best */
};

enum {
    BY_SOUND = 1,
    BY_TYPO = 2,
    BY_VARIANT = 3,
    BY_WORD = 4
};

/* A key more than PROBE_CAP persons share: reading the first PROBE_CAP of them (in id
 * order) would favour low ids, so it brings no candidate of its own while rarer keys do;
 * it is checked against the candidates they bring (merge). */
struct broad {
    const char *key;
    unsigned word, strength;
};

struct probe {
    struct cand *c;
    size_t n, cap;
    struct broad *b;
    size_t nb, bcap;
    struct cand *bc; /* the first PROBE_CAP persons of each broad key: behind the others */
    size_t nbc, bccap;
    ac_arena *a;
};

static ac_code
add_cands(struct probe *pr,
          const char *const *ids,
          size_t n,
          unsigned word,
          unsigned strength,
          ac_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (pr->n == pr->cap &&
            (pr->c = aci_arena_grow(pr->a, pr->c, pr->n, &pr->cap, sizeof *pr->c)) == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory searching");
        }
        pr->c[pr->n++] = (struct cand){ ids[i], 1u << word, strength };
    }
    return AC_OK;
}

static ac_code
lookup(struct aci_store *store,
       const char *agency_id,
       struct probe *pr,
       unsigned word,
       unsigned strength,
       const char *key,
       bool prefix,
       ac_error *err)
{
    const char **ids = NULL;
    size_t n = 0;
    ac_code rc = key != NULL ? aci_store_search_keys_find(store, agency_id, key, prefix,
                                                          PROBE_CAP + 1, pr->a, &ids, &n, err)
                             : aci_fail(err, AC_ENOMEM, "out of memory searching");

    if (rc != AC_OK) {
        return rc;
    }
    if (n > PROBE_CAP) { /* broad: checked against the candidates rarer keys bring */
        if (pr->nb == pr->bcap &&
            (pr->b = aci_arena_grow(pr->a, pr->b, pr->nb, &pr->bcap, sizeof *pr->b)) == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory searching");
        }
        pr->b[pr->nb++] = (struct broad){ key, word, strength };
        for (size_t i = 0; i < PROBE_CAP; i++) {
            if (pr->nbc == pr->bccap && (pr->bc = aci_arena_grow(pr->a, pr->bc, pr->nbc, &pr->bccap,
                                                                 sizeof *pr->bc)) == NULL) {
                return aci_fail(err, AC_ENOMEM, "out of memory searching");
            }
            pr->bc[pr->nbc++] = (struct cand){ ids[i], 1u << word, strength };
        }
        return AC_OK;
    }
    return add_cands(pr, ids, n, word, strength, err);
}

/* Every key of query word W (number WORD) looked up. */
static ac_code
word_lookups(struct aci_store *store,
             const char *agency_id,
             const ac_screener *s,
             const struct aci_word *w,
             unsigned word,
             struct probe *pr,
             ac_error *err)
{
    ac_arena *a = pr->a;
    char sx[5], buf[128];
    ac_code rc =
        lookup(store, agency_id, pr, word, BY_WORD, ac_arena_printf(a, "w:%s", w->text), true, err);

    /* the word's name variants and nicknames: every name sharing one of its groups */
    for (uint32_t g = w->var; rc == AC_OK && g < w->var + w->nvar; g++) {
        for (size_t k = 0; rc == AC_OK && k < s->variants.n; k++) {
            if (s->variants.groups[k] == s->variants.groups[g] &&
                strcmp(s->variants.names[k], w->text) != 0) {
                rc = lookup(store, agency_id, pr, word, BY_VARIANT,
                            ac_arena_printf(a, "w:%s", s->variants.names[k]), false, err);
            }
        }
    }
    aci_soundex(w->text, sx);
    if (rc == AC_OK && sx[0] != '\0' && w->kind != ACI_WORD_INITIAL) {
        rc = lookup(store, agency_id, pr, word, BY_SOUND, ac_arena_printf(a, "s:%s", sx), false,
                    err);
    }
    if (rc == AC_OK && w->len >= TYPO_LEN && w->len < sizeof buf) {
        rc = lookup(store, agency_id, pr, word, BY_TYPO, ac_arena_printf(a, "d:%s", w->text), false,
                    err);
        for (size_t i = 0; rc == AC_OK && i < w->len; i++) {
            memcpy(buf, w->text, i);
            memcpy(buf + i, w->text + i + 1, w->len - i - 1);
            buf[w->len - 1] = '\0';
            rc = lookup(store, agency_id, pr, word, BY_TYPO, ac_arena_printf(a, "d:%s", buf), false,
                        err);
        }
    }
    return rc;
}

/* By id, then query word, strongest first. */
static int
cmp_cand_id(const void *x, const void *y)
{
    const struct cand *a = x, *b = y;
    int c = strcmp(a->id, b->id);

    if (c != 0) {
        return c;
    }
    if (a->words != b->words) {
        return (a->words > b->words) - (a->words < b->words);
    }
    return (b->strength > a->strength) - (b->strength < a->strength);
}

static int
cmp_cand_strength(const void *x, const void *y)
{
    const struct cand *a = x, *b = y;

    return a->strength != b->strength ? (b->strength > a->strength) - (b->strength < a->strength)
                                      : strcmp(a->id, b->id);
}

static int
cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The candidates, one per person, in id order: each query word counts the best way one of
 * its keys met the person. */
static size_t
dedupe(struct cand *c, size_t cn)
{
    size_t n = 0;

    if (cn == 0) {
        return 0;
    }
    qsort(c, cn, sizeof *c, cmp_cand_id);
    for (size_t i = 0; i < cn; i++) {
        struct cand *last = n > 0 ? &c[n - 1] : NULL;

        if (last != NULL && strcmp(last->id, c[i].id) == 0) {
            if ((last->words & c[i].words) == 0) { /* a word not yet counted: its best */
                last->words |= c[i].words;
                last->strength += c[i].strength;
            }
        } else {
            c[n++] = c[i];
        }
    }
    qsort(c, n, sizeof *c, cmp_cand_strength);
    return n;
}

/* The candidates found so far merged (dedupe), in a copy: PR keeps one entry per key that
 * met, so a later entry for a word is weighed against the others of that word. */
static struct cand *
merged(const struct probe *pr, size_t *n)
{
    struct cand *c = ac_arena_alloc(pr->a, (pr->n + 1) * sizeof *c);

    *n = 0;
    if (c != NULL && pr->n > 0) {
        memcpy(c, pr->c, pr->n * sizeof *c);
        *n = dedupe(c, pr->n);
    }
    return c;
}

/* The candidates, one per person, strongest first (so a person all of whose words met
 * exactly comes before one met by sound alone), ties in id order.  They come from the
 * keys at most PROBE_CAP persons share, the most specific; each broad key is then looked
 * up among the strongest CONFIRM_CAP of them, so a person the rarer keys found counts the
 * common words too wherever its id falls.  Behind them come the first PROBE_CAP persons
 * of each broad key (in id order, as a lookup reads them), checked the same way. */
static ac_code
merge(struct aci_store *store, const char *agency_id, struct probe *pr, ac_error *err)
{
    const char **among = ac_arena_alloc(pr->a, (CONFIRM_CAP + 1) * sizeof *among), **spec;
    struct cand *m;
    size_t n_among = 0, n_spec, n_m = 0;
    ac_code rc = AC_OK;

    /* first the strongest of what the specific keys found */
    m = among != NULL ? merged(pr, &n_m) : NULL;
    if (m == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory searching");
    }
    n_spec = n_among = n_m < CONFIRM_CAP ? n_m : CONFIRM_CAP;
    for (size_t i = 0; i < n_among; i++) {
        among[i] = m[i].id;
    }
    spec = ac_arena_alloc(pr->a, (n_spec + 1) * sizeof *spec);
    if (spec == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory searching");
    }
    if (n_spec > 0) {
        memcpy(spec, among, n_spec * sizeof *spec);
        qsort(spec, n_spec, sizeof *spec, cmp_str);
    }
    /* then, behind them, the first PROBE_CAP persons of each broad key */
    for (size_t i = 0; i < pr->nbc; i++) {
        if (pr->n == pr->cap &&
            (pr->c = aci_arena_grow(pr->a, pr->c, pr->n, &pr->cap, sizeof *pr->c)) == NULL) {
            return aci_fail(err, AC_ENOMEM, "out of memory searching");
        }
        pr->c[pr->n++] = pr->bc[i];
    }
    if (pr->nbc > 0 && (m = merged(pr, &n_m)) == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory searching");
    }
    for (size_t i = 0; pr->nbc > 0 && n_among < CONFIRM_CAP && i < n_m; i++) {
        if (n_spec == 0 || bsearch(&m[i].id, spec, n_spec, sizeof *spec, cmp_str) == NULL) {
            among[n_among++] = m[i].id;
        }
    }
    for (size_t i = 0; rc == AC_OK && n_among > 0 && i < pr->nb; i++) {
        const char **ids = NULL;
        size_t n = 0;

        rc = aci_store_search_keys_among(store, agency_id, pr->b[i].key, among, n_among, pr->a,
                                         &ids, &n, err);
        rc = rc == AC_OK ? add_cands(pr, ids, n, pr->b[i].word, pr->b[i].strength, err) : rc;
    }
    if (rc == AC_OK) {
        pr->n = dedupe(pr->c, pr->n);
    }
    return rc;
}

/* Does the person's date of birth D agree with the query's Q as far as both are known?
 * (A person with no date of birth does not.) */
static bool
dob_agrees(const ac_date *d, const ac_date *q)
{
    if (d->precision == AC_DATE_NONE || d->year != q->year) {
        return false;
    }
    if (d->precision >= AC_DATE_MONTH && q->precision >= AC_DATE_MONTH && d->month != q->month) {
        return false;
    }
    return !(d->precision == AC_DATE_DAY && q->precision == AC_DATE_DAY && d->day != q->day);
}

/* The person's first postcode starting with PC_KEY (a compact full postcode, sector or
 * outward code), or NULL. */
static const char *
postcode_in(const ac_person *p, const char *pc_key, ac_arena *a)
{
    for (size_t i = 0; i < p->n_addresses; i++) {
        const char *k =
            p->addresses[i].postcode ? aci_compact_key(a, p->addresses[i].postcode) : NULL;

        if (k != NULL && strncmp(k, pc_key, strlen(pc_key)) == 0) {
            return p->addresses[i].postcode;
        }
    }
    return NULL;
}

/* True when every word of Q begins some word of Y; *SIM the mean share of each met word
 * the query word covers, *WHY which word begins which, in A. */
static bool
prefix_match(const struct aci_name *q,
             const struct aci_name *y,
             ac_arena *a,
             double *sim,
             const char **why)
{
    double sum = 0;
    const char *w = "";

    for (size_t i = 0; i < q->n && w != NULL; i++) {
        double best = 0;
        size_t at = 0;

        for (size_t j = 0; j < y->n; j++) {
            if (y->w[j].len >= q->w[i].len &&
                memcmp(y->w[j].text, q->w[i].text, q->w[i].len) == 0) {
                double r = (double)q->w[i].len / y->w[j].len;

                at = r > best ? j : at;
                best = r > best ? r : best;
            }
        }
        if (best == 0) {
            return false;
        }
        sum += best;
        w = ac_arena_printf(a, "%s%s%s %s %s", w, w[0] ? "; " : "", q->w[i].text,
                            best == 1.0 ? "is" : "begins", y->w[at].text);
    }
    *sim = q->n > 0 ? sum / (double)q->n : 0;
    *why = w;
    return q->n > 0 && w != NULL;
}

/* The best score of query name QN against P's names, with why; 0 when none meets. */
static double
name_score(const ac_screener *s,
           const struct aci_name *qn,
           const ac_person *p,
           ac_arena *a,
           const char **why)
{
    double best = 0;

    *why = NULL;
    for (size_t i = 0; i < p->n_names; i++) {
        struct aci_name y;
        ac_error ignored = { 0 };
        const char *expl = NULL, *pre_why = NULL, *full = p->names[i].full;
        double score, pre = 0;

        if (full == NULL || aci_screen_words(s, full, a, &y, &ignored) != AC_OK) {
            continue;
        }
        score = aci_screen_score(s, qn, &y, a, &expl);
        /* every query word begins a word of the name ("moh khan"): a partial name */
        if (prefix_match(qn, &y, a, &pre, &pre_why) && 0.75 + 0.25 * pre > score) {
            score = 0.75 + 0.25 * pre;
            expl = ac_arena_printf(a, "every word typed begins a word of the name: %s; score %.3f",
                                   pre_why, score);
        }
        if (score > best) {
            best = score;
            *why = ac_arena_printf(a, "%s name \"%s\": %s", ac_name_kind_str(p->names[i].kind),
                                   full, expl != NULL ? expl : "");
        }
    }
    return best;
}

static int
cmp_hit(const void *x, const void *y)
{
    const ac_person_hit *a = x, *b = y;

    return a->score != b->score ? (b->score > a->score) - (b->score < a->score)
                                : strcmp(a->person.id, b->person.id);
}

/* Score candidate P (loaded): AC_ENOTFOUND when it does not answer the query. */
static ac_code
score_one(const ac_screener *s,
          const ac_person_query *q,
          const struct aci_name *qn,
          const char *pc_key,
          const ac_person *p,
          ac_arena *a,
          ac_person_hit *hit,
          ac_error *err)
{
    char d1[AC_DATE_TEXT_MAX], d2[AC_DATE_TEXT_MAX];
    const char *why = NULL, *pc = NULL;

    if (p->id == NULL) { /* gone since its keys were read */
        return AC_ENOTFOUND;
    }
    hit->person = *p;
    if (hit->person.merged_into != NULL) { /* the survivor answers for it */
        return AC_ENOTFOUND;
    }
    if (q->dob.precision != AC_DATE_NONE && !dob_agrees(&hit->person.dob, &q->dob)) {
        return AC_ENOTFOUND;
    }
    if (pc_key != NULL && (pc = postcode_in(&hit->person, pc_key, a)) == NULL) {
        return AC_ENOTFOUND;
    }
    hit->score = qn != NULL ? name_score(s, qn, &hit->person, a, &why) : 1.0;
    if (qn != NULL && hit->score < MIN_SCORE) {
        return AC_ENOTFOUND;
    }
    hit->explanation = why != NULL ? why : "";
    if (q->dob.precision != AC_DATE_NONE) {
        hit->explanation = ac_arena_printf(
            a, "%s%sborn %s agrees with %s", hit->explanation, hit->explanation[0] ? "; " : "",
            ac_date_format(&hit->person.dob, d1), ac_date_format(&q->dob, d2));
    }
    if (pc != NULL) {
        hit->explanation = ac_arena_printf(a, "%s%spostcode %s is in %s", hit->explanation,
                                           hit->explanation[0] ? "; " : "", pc, q->postcode);
    }
    return hit->explanation != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory searching");
}

ac_code
aci_person_keys_search(struct aci_store *store,
                       const char *agency_id,
                       const ac_person_query *q,
                       size_t limit,
                       ac_arena *a,
                       ac_person_hit **out,
                       size_t *out_n,
                       ac_error *err)
{
    const ac_screener *s = NULL;
    struct aci_name qn;
    bool by_name = q->name != NULL && q->name[0] != '\0';
    const char *pc_key =
        q->postcode != NULL && q->postcode[0] ? aci_compact_key(a, q->postcode) : NULL;
    struct probe pr = { NULL, 0, 0, NULL, 0, 0, NULL, 0, 0, a };
    ac_person_hit *hits;
    ac_person *loaded = NULL;
    size_t n = 0, start = 0;
    ac_code rc = aci_person_keys_screener(&s, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK && by_name) {
        rc = aci_screen_words(s, q->name, a, &qn, err);
        if (rc == AC_EINVAL) {
            char why[sizeof err->msg];

            snprintf(why, sizeof why, "%s", err->msg);
            return aci_fail(err, AC_EINVAL, "name: %s; type a name to search for", why);
        }
        rc = rc == AC_OK ? aci_screen_prepare_query(&qn, a, err) : rc;
        for (unsigned i = 0; rc == AC_OK && i < qn.n; i++) {
            rc = word_lookups(store, agency_id, s, &qn.w[i], i, &pr, err);
        }
        rc = rc == AC_OK ? merge(store, agency_id, &pr, err) : rc;
    } else if (rc == AC_OK) {
        /* a postcode alone: the address index, in id order after the cursor */
        const char **ids = NULL;
        size_t n_ids = 0;

        rc = aci_store_person_find_ids(store, agency_id, NULL, pc_key, q->after, limit, a, &ids,
                                       &n_ids, err);
        pr.c = rc == AC_OK ? ac_arena_zalloc(a, (n_ids + 1) * sizeof *pr.c) : NULL;
        for (size_t i = 0; pr.c != NULL && i < n_ids; i++) {
            pr.c[pr.n++] = (struct cand){ ids[i], 1, 0 };
        }
    }
    pr.n = pr.n > SCORE_CAP ? SCORE_CAP : pr.n;
    hits = rc == AC_OK ? ac_arena_zalloc(a, (pr.n + 1) * sizeof *hits) : NULL;
    if (rc == AC_OK && hits == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory searching");
    }
    /* every candidate in one load (four statements), not four statements each */
    if (rc == AC_OK && pr.n > 0) {
        const char **ids = ac_arena_alloc(a, pr.n * sizeof *ids);

        loaded = ids != NULL ? ac_arena_zalloc(a, pr.n * sizeof *loaded) : NULL;
        for (size_t i = 0; loaded != NULL && i < pr.n; i++) {
            ids[i] = pr.c[i].id;
        }
        rc = loaded != NULL ? aci_store_person_load_many(store, ids, pr.n, a, loaded, err)
                            : aci_fail(err, AC_ENOMEM, "out of memory searching");
    }
    for (size_t i = 0; rc == AC_OK && i < pr.n; i++) {
        ac_code one = score_one(s, q, by_name ? &qn : NULL, pc_key, &loaded[i], a, &hits[n], err);

        n += one == AC_OK;
        rc = one == AC_ENOTFOUND ? AC_OK : one;
    }
    if (rc != AC_OK) {
        return rc;
    }
    if (by_name) {
        qsort(hits, n, sizeof *hits, cmp_hit);
        /* the cursor: the answers after the one with that id, in this order */
        for (size_t i = 0; q->after != NULL && i < n; i++) {
            if (strcmp(hits[i].person.id, q->after) == 0) {
                start = i + 1;
            }
        }
    }
    *out = hits + start;
    *out_n = n - start < limit ? n - start : limit;
    return AC_OK;
}
