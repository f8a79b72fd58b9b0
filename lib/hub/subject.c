/* SPDX-License-Identifier: Apache-2.0
 *
 * subject.c - the subject index (hub_subject.h): every agency's persons linked into
 * subjects, one per real person, as records are written.
 *
 * Resolving a person: its blocking keys (the engine's, lib/link) are stored; the persons
 * that share a key under the same rule are its candidates; each candidate pair is scored
 * on its own (pairwise mode, the fixed model in data/linkage/subject_model.json) and
 * joined at or above ACI_SUBJECT_JOIN_PROBABILITY, with the engine's explanation kept as
 * the evidence.  Then the subjects the person touches (its own, its old and new joined
 * neighbours') are recomputed as connected components of the joins, each named by its
 * smallest person id.  Every candidate pair is scored when the later of the two is
 * written, and a pair's score depends only on the pair, so the joins, the components and
 * their ids are the same whatever order the records arrived in.
 */
#include "internal.h"

#include "accord/linkage.h"
#include "accord/pole.h"
#include "hub/hub_int.h"
#include "hub/hub_person.h"
#include "hub/hub_subject.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_person.h"
#include "store/store_pole.h"
#include "store/store_subject.h"

extern const char aci_subject_model_json[];

/* The identifier to compare: the engine compares one, so each record gives the kind
 * most agencies share first (a PNC id, which police and probation hold; then the NI
 * number, which councils and probation hold; then a passport, a driving licence, other),
 * so two records with the same identifier compare it whatever order they list them in. */
static const char *
identifier(const ac_person *p)
{
    static const ac_identifier_kind order[] = { AC_IDENT_PNC_ID, AC_IDENT_NI_NUMBER,
                                                AC_IDENT_PASSPORT, AC_IDENT_DRIVING_LICENCE,
                                                AC_IDENT_OTHER };

    for (size_t k = 0; k < ACI_ARRAY_LEN(order); k++) {
        for (size_t i = 0; i < p->n_identifiers; i++) {
            if (p->identifiers[i].kind == order[k]) {
                return p->identifiers[i].value;
            }
        }
    }
    return NULL;
}

/* A person's fields as the engine reads them: the primary name, first address, and the
 * identifier above. */
static ac_code
add_person(ac_linkage *lk, const ac_person *p, ac_error *err)
{
    const char *v[AC_FIELD_COUNT] = { NULL };
    char dob[AC_DATE_TEXT_MAX];
    const ac_person_name *name = &p->names[0];

    for (size_t i = 0; i < p->n_names; i++) {
        if (p->names[i].kind == AC_NAME_PRIMARY) {
            name = &p->names[i];
        }
    }
    v[AC_FIELD_ID] = p->id;
    v[AC_FIELD_GIVEN] = name->given;
    v[AC_FIELD_MIDDLE] = name->middle;
    v[AC_FIELD_FAMILY] = name->family;
    v[AC_FIELD_FULL] = name->given == NULL && name->family == NULL ? name->full : NULL;
    v[AC_FIELD_DOB] = p->dob.precision != AC_DATE_NONE ? ac_date_format(&p->dob, dob) : NULL;
    if (p->n_addresses > 0) {
        v[AC_FIELD_POSTCODE] = p->addresses[0].postcode;
        v[AC_FIELD_ADDRESS] = p->addresses[0].line;
        v[AC_FIELD_TOWN] = p->addresses[0].town;
    }
    v[AC_FIELD_IDENT] = identifier(p);
    return ac_linkage_add(lk, 0, v, err);
}

/* ---- reads ---- */

ac_code
aci_subject_of(struct aci_store *s,
               const char *person_id,
               ac_arena *a,
               const char **out_subject_id,
               ac_error *err)
{
    const char *holder = NULL;
    ac_code rc = aci_store_subject_of(s, person_id, a, out_subject_id, err);

    if (rc != AC_ENOTFOUND) {
        return rc;
    }
    /* never resolved: a subject of one, if the person exists */
    rc = aci_store_record_holder(s, "person", person_id, a, &holder, err);
    *out_subject_id = rc == AC_OK ? ac_arena_strdup(a, person_id) : NULL;
    if (rc == AC_OK && *out_subject_id == NULL) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory");
    }
    return rc == AC_ENOTFOUND ? aci_fail(err, AC_ENOTFOUND, "person '%s' not found", person_id)
                              : rc;
}

ac_code
aci_subject_members(struct aci_store *s,
                    const char *subject_id,
                    ac_arena *a,
                    struct aci_subject_member **out,
                    size_t *out_n,
                    ac_error *err)
{
    struct aci_store_subject_member *rows = NULL;
    size_t n = 0;
    ac_code rc = aci_store_subject_members(s, subject_id, a, &rows, &n, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK && n == 0) { /* a person never resolved is a subject of one */
        const char *holder = NULL, *sid = NULL;

        rc = aci_store_subject_of(s, subject_id, a, &sid, err);
        if (rc == AC_ENOTFOUND) {
            rc = aci_store_record_holder(s, "person", subject_id, a, &holder, err);
        } else if (rc == AC_OK) {
            rc = AC_ENOTFOUND; /* a person in another subject: no subject of that id */
        }
        if (rc == AC_OK) {
            rows = ac_arena_alloc(a, sizeof *rows);
            rc = rows != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
        }
        if (rc == AC_OK) {
            rows[0].person_id = subject_id;
            rows[0].agency_id = holder;
            n = 1;
        }
    }
    if (rc == AC_ENOTFOUND) {
        return aci_fail(err, AC_ENOTFOUND, "subject '%s' not found", subject_id);
    }
    if (rc == AC_OK) {
        _Static_assert(sizeof(struct aci_subject_member) == sizeof(struct aci_store_subject_member),
                       "the hub's member is the store's row");
        *out = (struct aci_subject_member *)(void *)rows;
        *out_n = n;
    }
    return rc;
}

ac_code
aci_subject_joins(struct aci_store *s,
                  const char *subject_id,
                  ac_arena *a,
                  struct aci_subject_join **out,
                  size_t *out_n,
                  ac_error *err)
{
    struct aci_subject_member *m = NULL;
    struct aci_store_subject_join *rows = NULL;
    size_t n_m = 0, n = 0;
    ac_code rc = aci_subject_members(s, subject_id, a, &m, &n_m, err);

    *out = NULL;
    *out_n = 0;
    if (rc == AC_OK) {
        rc = aci_store_subject_joins(s, subject_id, a, &rows, &n, err);
    }
    if (rc == AC_OK) {
        *out = ac_arena_alloc(a, (n + 1) * sizeof **out);
        rc = *out != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    for (size_t i = 0; rc == AC_OK && i < n; i++) {
        (*out)[i] = (struct aci_subject_join){ rows[i].person_a, rows[i].person_b, rows[i].weight,
                                               rows[i].probability, rows[i].explanation };
    }
    *out_n = rc == AC_OK ? n : 0;
    return rc;
}

/* ---- resolve ---- */

/* The hub's scorer, cleared of records: made once (loading the name tables and the
 * model costs more than scoring a record's candidates), used on the writer's turn. */
static ac_code
scorer(ac_hub *hub, ac_linkage **out, ac_error *err)
{
    ac_code rc = AC_OK;

    if (hub->subject_lk == NULL) {
        ac_linkage *lk = NULL;

        rc = ac_linkage_new(true, &lk, err);
        if (rc == AC_OK) {
            rc = ac_linkage_model_load(lk, aci_subject_model_json, err);
        }
        if (rc == AC_OK) {
            ac_linkage_set_pairwise(lk, true);
            hub->subject_lk = lk;
        } else {
            ac_linkage_free(lk);
        }
    }
    *out = rc == AC_OK ? hub->subject_lk : NULL;
    if (*out != NULL) {
        ac_linkage_clear(*out);
    }
    return rc;
}

/* A set of person ids, small (a subject and its neighbours): linear search. */
struct idset {
    const char **ids;
    size_t n, cap;
};

static bool
idset_has(const struct idset *set, const char *id)
{
    for (size_t i = 0; i < set->n; i++) {
        if (strcmp(set->ids[i], id) == 0) {
            return true;
        }
    }
    return false;
}

static ac_code
idset_add(struct idset *set, ac_arena *a, const char *id, ac_error *err)
{
    if (idset_has(set, id)) {
        return AC_OK;
    }
    if (set->n == set->cap &&
        (set->ids = aci_arena_grow(a, set->ids, set->n, &set->cap, sizeof *set->ids)) == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory resolving a subject");
    }
    set->ids[set->n++] = id;
    return AC_OK;
}

/* The component of joins that holds START into COMP (reset first). */
static ac_code
component(struct aci_store *s, ac_arena *a, const char *start, struct idset *comp, ac_error *err)
{
    ac_code rc;

    comp->n = 0;
    rc = idset_add(comp, a, start, err);
    for (size_t i = 0; rc == AC_OK && i < comp->n; i++) {
        const char **next = NULL;
        size_t n = 0;

        rc = aci_store_subject_neighbours(s, comp->ids[i], a, &next, &n, err);
        for (size_t k = 0; rc == AC_OK && k < n; k++) {
            rc = idset_add(comp, a, next[k], err);
        }
    }
    return rc;
}

/* Name each component that holds a person of AFFECTED by its smallest person id. */
static ac_code
renumber(struct aci_store *s, ac_arena *a, const struct idset *affected, ac_error *err)
{
    struct idset done = { 0 }, comp = { 0 };
    ac_code rc = AC_OK;

    for (size_t i = 0; rc == AC_OK && i < affected->n; i++) {
        const char *sid;

        if (idset_has(&done, affected->ids[i])) {
            continue;
        }
        rc = component(s, a, affected->ids[i], &comp, err);
        sid = rc == AC_OK ? comp.ids[0] : NULL;
        for (size_t k = 0; rc == AC_OK && k < comp.n; k++) {
            sid = strcmp(comp.ids[k], sid) < 0 ? comp.ids[k] : sid;
        }
        for (size_t k = 0; rc == AC_OK && k < comp.n; k++) {
            rc = aci_store_subject_set(s, comp.ids[k], sid, err);
            if (rc == AC_OK) {
                rc = idset_add(&done, a, comp.ids[k], err);
            }
        }
    }
    return rc;
}

/* A pair of one agency in the band below the join: a proposed link, as match.c makes. */
static ac_code
propose(ac_hub *hub,
        struct aci_store *s,
        const ac_actor *actor,
        const char *x,
        const char *y,
        const ac_linkage_pair *pr,
        ac_arena *a,
        ac_error *err)
{
    ac_date today = aci_hub_today(hub);
    ac_link l;

    if (aci_store_link_exists(s, actor->agency_id, x, y)) {
        return AC_OK;
    }
    memset(&l, 0, sizeof l);
    l.from_type = l.to_type = "person";
    l.from_id = x;
    l.to_id = y;
    l.link_type = "same_person";
    l.provenance = ac_arena_printf(a,
                                   "subject resolution on write (Fellegi-Sunter, pairwise): "
                                   "match weight %.1f, probability %.4f, below the automatic "
                                   "join at %.2f",
                                   pr->weight, pr->probability, ACI_SUBJECT_JOIN_PROBABILITY);
    l.confidence = pr->probability;
    l.status = AC_LINK_PROPOSED;
    l.meta.id = aci_hub_new_id(hub, a);
    l.meta.agency_id = actor->agency_id;
    l.meta.review_date = ac_date_add_years(&today, ACI_REVIEW_YEARS);
    l.meta.created_at = aci_hub_now_text(hub, a);
    l.meta.updated_at = l.meta.created_at;
    l.meta.version = 1;
    return l.meta.id != NULL && l.provenance != NULL && l.meta.created_at != NULL
               ? aci_store_link_insert(s, &l, actor->user_id, err)
               : aci_fail(err, AC_ENOMEM, "out of memory");
}

/* What the scoring needs of a candidate besides its fields (record 0 is the person). */
struct cand {
    const char *agency_id;
    const char *name; /* its primary name, for the warning on add */
    bool merged;      /* merged into another record: that one answers for it */
};

/* The primary name of P as a person reads it. */
static const char *
primary_name(const ac_person *p)
{
    for (size_t i = 0; i < p->n_names; i++) {
        if (p->names[i].kind == AC_NAME_PRIMARY && p->names[i].full != NULL) {
            return p->names[i].full;
        }
    }
    return p->n_names > 0 && p->names[0].full != NULL ? p->names[0].full : "(no name)";
}

/* Note candidate I of LK in DUPS when it is a record of ACTOR's agency that P, the record
 * ACTOR writes, looks like: the warning on add names it (issue 15, point 8). */
static ac_code
note_duplicate(ac_linkage *lk,
               const ac_actor *actor,
               const ac_person *p,
               const struct cand *c,
               size_t i,
               const ac_linkage_pair *pr,
               struct aci_person_dups *dups,
               ac_error *err)
{
    ac_person_duplicate *d;
    ac_linkage_pair again;
    char *why = NULL;
    ac_code rc;

    if (dups == NULL || actor == NULL || c->merged ||
        pr->probability < ACI_SUBJECT_PROPOSE_PROBABILITY ||
        strcmp(c->agency_id, actor->agency_id) != 0 ||
        strcmp(p->agency_id, actor->agency_id) != 0) {
        return AC_OK;
    }
    if (dups->n == dups->cap &&
        (dups->list = aci_arena_grow(dups->a, dups->list, dups->n, &dups->cap,
                                     sizeof *dups->list)) == NULL) {
        return aci_fail(err, AC_ENOMEM, "out of memory");
    }
    rc = ac_linkage_pair_score(lk, 0, (uint32_t)i, dups->a, &again, &why, err);
    d = &dups->list[dups->n];
    d->id = ac_arena_strdup(dups->a, ac_linkage_id(lk, 0, i));
    d->name = ac_arena_strdup(dups->a, c->name);
    d->score = pr->probability;
    d->explanation = why;
    if (rc == AC_OK && (d->id == NULL || d->name == NULL || why == NULL)) {
        rc = aci_fail(err, AC_ENOMEM, "out of memory");
    }
    dups->n += rc == AC_OK;
    return rc;
}

/* Best first: score, then id. */
static int
dup_cmp(const void *x, const void *y)
{
    const ac_person_duplicate *a = x, *b = y;

    return a->score != b->score ? (a->score < b->score ? 1 : -1) : strcmp(a->id, b->id);
}

/* Score P (record 0 of LK) against each candidate and record the joins. */
static ac_code
score_candidates(ac_hub *hub,
                 struct aci_store *s,
                 const ac_actor *actor,
                 ac_linkage *lk,
                 const ac_person *p,
                 const struct cand *cand,
                 size_t n_cand,
                 ac_arena *a,
                 struct idset *joined,
                 struct aci_person_dups *dups,
                 ac_error *err)
{
    const char *now = aci_hub_now_text(hub, a);
    ac_code rc = now != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");

    for (size_t i = 1; rc == AC_OK && i <= n_cand; i++) {
        const char *other = ac_linkage_id(lk, 0, i);
        ac_linkage_pair pr;

        rc = ac_linkage_pair_score(lk, 0, (uint32_t)i, a, &pr, NULL, err);
        if (rc == AC_OK) {
            rc = note_duplicate(lk, actor, p, &cand[i], i, &pr, dups, err);
        }
        if (rc != AC_OK) {
            break;
        }
        if (pr.probability >= ACI_SUBJECT_JOIN_PROBABILITY) {
            bool first = strcmp(p->id, other) < 0;
            struct aci_store_subject_join j = { first ? p->id : other, first ? other : p->id,
                                                pr.weight, pr.probability, NULL };
            char *why = NULL;

            /* explained in the order of the ids, so the evidence is the same in any order */
            rc = ac_linkage_pair_score(lk, first ? 0 : (uint32_t)i, first ? (uint32_t)i : 0, a, &pr,
                                       &why, err);
            j.explanation = why;
            if (rc == AC_OK) {
                rc = aci_store_subject_join_insert(s, &j, now, err);
            }
            if (rc == AC_OK) {
                rc = idset_add(joined, a, other, err);
            }
        } else if (pr.probability >= ACI_SUBJECT_PROPOSE_PROBABILITY && actor != NULL &&
                   strcmp(cand[i].agency_id, p->agency_id) == 0 &&
                   strcmp(p->agency_id, actor->agency_id) == 0) {
            rc = propose(hub, s, actor, p->id, other, &pr, a, err);
        }
    }
    if (rc == AC_OK && dups != NULL && dups->n > 1) {
        qsort(dups->list, dups->n, sizeof *dups->list, dup_cmp);
    }
    return rc;
}

/* A merge (person_edit.c) is a person's decision that two records of one agency are the
 * same person: a join whatever the engine scores, with the engine's explanation of the
 * pair kept beside the merge's id as the evidence.  P is record 0 of LK, and its
 * candidates CAND[0..N_CAND) records 1..N_CAND. */
static ac_code
join_merged(struct aci_store *s,
            ac_linkage *lk,
            const ac_person *p,
            const char *const *cand,
            size_t n_cand,
            const char *now,
            ac_arena *a,
            struct idset *joined,
            ac_error *err)
{
    struct aci_store_subject_merge *m = NULL;
    size_t n = 0;
    ac_code rc = aci_store_subject_merged_with(s, p->id, a, &m, &n, err);

    for (size_t i = 0, n_rec = n_cand + 1; rc == AC_OK && i < n; i++) {
        bool first = strcmp(p->id, m[i].person_id) < 0;
        struct aci_store_subject_join j = { first ? p->id : m[i].person_id,
                                            first ? m[i].person_id : p->id, 0, 1.0, NULL };
        ac_linkage_pair pr;
        ac_person o;
        char *why = NULL;
        size_t k = 0;

        while (k < n_cand && strcmp(cand[k], m[i].person_id) != 0) {
            k++;
        }
        if (k < n_cand) {
            k++; /* a candidate too: its record is in LK already */
        } else {
            k = n_rec++;
            rc = aci_store_person_load(s, m[i].person_id, a, &o, err);
            if (rc == AC_OK) {
                rc = add_person(lk, &o, err);
            }
        }
        if (rc == AC_OK) {
            rc = ac_linkage_pair_score(lk, first ? 0 : (uint32_t)k, first ? (uint32_t)k : 0, a, &pr,
                                       &why, err);
        }
        if (rc == AC_OK) {
            j.weight = pr.weight;
            j.explanation = ac_arena_printf(a, "{\"merged\":\"%s\",\"engine\":%s}", m[i].merge_id,
                                            why != NULL ? why : "null");
            rc = j.explanation != NULL ? aci_store_subject_join_insert(s, &j, now, err)
                                       : aci_fail(err, AC_ENOMEM, "out of memory");
        }
        if (rc == AC_OK) {
            rc = idset_add(joined, a, m[i].person_id, err);
        }
    }
    return rc;
}

ac_code
aci_subject_resolve(ac_hub *hub,
                    struct aci_store *s,
                    const ac_actor *actor,
                    const char *person_id,
                    bool fresh,
                    ac_arena *a,
                    const char **out_subject_id,
                    struct aci_person_dups *dups,
                    ac_error *err)
{
    ac_arena *w = ac_arena_new(0); /* the candidates' records: not the caller's to keep */
    ac_linkage *lk = NULL;
    ac_person p;
    uint64_t keys[AC_LINKAGE_BLOCK_RULES];
    const char **cand = NULL, **old = NULL;
    struct cand *info = NULL;
    size_t n_cand = 0, n_old = 0;
    struct idset affected = { 0 };
    ac_code rc = w != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");

    if (out_subject_id != NULL) {
        *out_subject_id = NULL;
    }
    if (rc == AC_OK) {
        rc = aci_store_person_load(s, person_id, w, &p, err);
    }
    if (rc == AC_OK) {
        rc = scorer(hub, &lk, err);
    }
    if (rc == AC_OK) {
        rc = add_person(lk, &p, err);
    }
    if (rc == AC_OK) {
        rc = ac_linkage_block_keys(lk, 0, keys, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_subject_keys_set(s, person_id, fresh, keys, AC_LINKAGE_BLOCK_RULES, err);
    }
    if (rc == AC_OK) {
        rc = aci_store_subject_candidates(s, person_id, w, &cand, &n_cand, err);
    }
    if (rc == AC_OK) {
        info = ac_arena_zalloc(w, (n_cand + 1) * sizeof *info);
        rc = info != NULL ? AC_OK : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (rc == AC_OK) {
        info[0].agency_id = p.agency_id;
    }
    /* every candidate in one load (four statements), not four statements each */
    if (rc == AC_OK && n_cand > 0) {
        ac_person *cs = ac_arena_zalloc(w, n_cand * sizeof *cs);

        rc = cs != NULL ? aci_store_person_load_many(s, cand, n_cand, w, cs, err)
                        : aci_fail(err, AC_ENOMEM, "out of memory");
        for (size_t i = 0; rc == AC_OK && i < n_cand; i++) {
            const ac_person *c = &cs[i];

            if (c->id == NULL) {
                rc = aci_fail(err, AC_ENOTFOUND, "a candidate record of the subject index is gone");
                break;
            }
            info[i + 1] = (struct cand){ c->agency_id, primary_name(c), c->merged_into != NULL };
            rc = add_person(lk, c, err);
        }
    }
    /* the old joins go (a fresh person has none); the subjects they made are recomputed
     * with the new ones */
    if (rc == AC_OK && !fresh) {
        rc = aci_store_subject_neighbours(s, person_id, w, &old, &n_old, err);
    }
    if (rc == AC_OK && !fresh) {
        rc = aci_store_subject_joins_clear(s, person_id, err);
    }
    if (rc == AC_OK) {
        rc = idset_add(&affected, w, p.id, err);
    }
    for (size_t i = 0; rc == AC_OK && i < n_old; i++) {
        rc = idset_add(&affected, w, old[i], err);
    }
    if (rc == AC_OK) {
        rc = score_candidates(hub, s, actor, lk, &p, info, n_cand, w, &affected, dups, err);
    }
    if (rc == AC_OK && !fresh) { /* a fresh record is in no merge */
        const char *now = aci_hub_now_text(hub, w);

        rc = now != NULL ? join_merged(s, lk, &p, cand, n_cand, now, w, &affected, err)
                         : aci_fail(err, AC_ENOMEM, "out of memory");
    }
    if (rc == AC_OK && fresh && affected.n == 1) {
        /* a new record that joined nothing has no joins at all: a subject of its own, with
         * no look-up of neighbours (most records of a bulk load) */
        rc = aci_store_subject_set(s, p.id, p.id, err);
    } else if (rc == AC_OK) {
        rc = renumber(s, w, &affected, err);
    }
    if (rc == AC_OK && out_subject_id != NULL) {
        const char *sid = NULL;

        rc = aci_store_subject_of(s, person_id, w, &sid, err);
        *out_subject_id = rc == AC_OK ? ac_arena_strdup(a, sid) : NULL;
        if (rc == AC_OK && *out_subject_id == NULL) {
            rc = aci_fail(err, AC_ENOMEM, "out of memory");
        }
    }
    if (lk != NULL) {
        ac_linkage_clear(lk);
    }
    ac_arena_free(w);
    return rc;
}
